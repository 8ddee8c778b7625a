"""Merge results and conflicts in words, for `argmap merge`, git's driver and `argmap resolve`."""

from __future__ import annotations

import json
from typing import Any

from argmap.analysis.diff import clip, word_diff
from argmap.analysis.merge_resolve import can_take_both, describe, field_value
from argmap.model import Conflict


def summary(conflicts: list[Conflict], renamed: dict[str, str]) -> str:
    parts = ["merged cleanly" if not conflicts else f"merged with {len(conflicts)} conflict{'s' * (len(conflicts) != 1)}"]
    if renamed:
        parts.append("theirs' new ids renamed: " + ", ".join(f"{a} -> {b}" for a, b in renamed.items()))
    return "; ".join(parts)


def format_conflicts(conflicts: list[Conflict]) -> str:
    """Each conflict numbered, with what each side has where they differ."""
    lines: list[str] = []
    for n, c in enumerate(conflicts, start=1):
        lines.append(f"{n}. {describe(c)}: {c.reason}")
        for f in c.fields or [None]:
            label = f"{f}: " if f else ""
            o, t = (version if f is None else field_value(version, f) for version in (c.ours, c.theirs))
            if isinstance(o, str) and isinstance(t, str):
                lines.append(f"   {label}{word_diff(o, t)}   (ours [-...-], theirs {{+...+}})")
                continue
            for side, version, value in (("ours:  ", c.ours, o), ("theirs:", c.theirs, t)):
                lines.append(f"   {side} " + ("(deleted)" if version is None else label + _show(value)))
        lines.append(f"   take: ours, theirs{', both' if can_take_both(c) else ''}")
    return "\n".join(lines) + ("\n" if lines else "")


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict) and "text" in value:
        return f"{value.get('id', '')}: {clip(value['text'], 80)}"
    if isinstance(value, dict) and "premises" in value:
        verb = "supports" if value["polarity"] == "support" else "attacks"
        return f"{' + '.join(value['premises'])} {verb} {value['target']}"
    return clip(json.dumps(value, ensure_ascii=False), 100)
