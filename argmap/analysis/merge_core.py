"""Three-way merge of plain values, of lists used as sets, and of list order.

The building blocks of `merge` (maps) and `merge_comparison`: each takes what both
sides started from (base) and the two edited versions (ours, theirs). A change made
on one side only is taken; the same change on both sides is taken once; different
changes to one value are a conflict, left to the caller to record.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable
from typing import Any

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()  # a field absent from a dict


def merge_value(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """(merged value, conflict?): on a conflict the value is ours."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def key_of(value: Any) -> Hashable:
    """A hashable key for a list element (dicts, such as evidence, by their JSON)."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def merge_set_list(base: list, ours: list, theirs: list) -> list:
    """Merge lists whose elements are a set (tags, premises, evidence, authors):
    an element either side removed goes, an element either side added comes, each
    once; the order follows `merge_order`."""
    b = {key_of(x): x for x in base}
    o = {key_of(x): x for x in ours}
    t = {key_of(x): x for x in theirs}
    present = {k for k in o.keys() | t.keys() if k in o and k in t or k not in b}
    order = merge_order(list(b), list(o), list(t), present)
    values = {**b, **t, **o}
    return [values[k] for k in order]


def _reordered(base: list, side: list) -> bool:
    """Did `side` change the relative order of the elements it shares with `base`?"""
    common = set(base).intersection(side)
    return [k for k in base if k in common] != [k for k in side if k in common]


def merge_order(base: list, ours: list, theirs: list, present: set) -> list:
    """The keys in `present`, ordered: ours' order (theirs' if only theirs reordered
    what both had), each key the other side added placed after the key it follows
    there (and after what ours added at that place); anything else (restored from
    base) after the key it follows in base."""
    if _reordered(base, theirs) and not _reordered(base, ours):
        skeleton, others = theirs, [ours, base]
    else:
        skeleton, others = ours, [theirs, base]
    old = set(base)
    out = [k for k in skeleton if k in present]
    for other in others:
        out = _insert_missing(out, other, present, old)
    return out


def _insert_missing(out: list, other: Iterable, present: set, old: set) -> list:
    placed = set(out)
    after: dict[Any, list] = {}
    previous = None
    for k in other:
        if k in placed:
            previous = k
        elif k in present and k not in after.get(previous, ()):
            after.setdefault(previous, []).append(k)
    if not after:
        return out
    merged: list = []
    pending = list(after.get(None, ()))
    for k in out:
        if k in old:  # what the skeleton added right there stays first
            merged += pending
            pending = []
        merged.append(k)
        pending += after.get(k, ())
    return merged + pending


def merge_dicts(
    base: dict | None, ours: dict, theirs: dict, set_fields: frozenset[str] = frozenset(), prefix: str = ""
) -> tuple[dict, dict, list[str]]:
    """Field-by-field merge of two versions of one item (plain dicts; a missing key is
    the field's default). Returns (ours' candidate, theirs' candidate, conflicting
    fields): the candidates agree on every field but the conflicting ones, where each
    keeps its side's value. Fields named in `set_fields` merge as sets (no conflict);
    nested dicts (a claim's evaluation) merge field by field."""
    base = base or {}
    mine: dict = {}
    yours: dict = {}
    conflicts: list[str] = []
    for name in _field_order(base, ours, theirs):
        b, o, t = base.get(name, MISSING), ours.get(name, MISSING), theirs.get(name, MISSING)
        value, conflict = merge_value(b, o, t)
        if conflict and isinstance(o, dict) and isinstance(t, dict):
            sub_o, sub_t, sub_conflicts = merge_dicts(b if isinstance(b, dict) else None, o, t, prefix=f"{prefix}{name}.")
            _put(mine, name, sub_o)
            _put(yours, name, sub_t)
            conflicts += sub_conflicts
            continue
        if conflict and name in set_fields:  # a missing list is an empty one
            value = merge_set_list(*(x if isinstance(x, list) else [] for x in (b, o, t))) or MISSING
            conflict = False
        _put(mine, name, value)
        _put(yours, name, t if conflict else value)
        if conflict:
            conflicts.append(prefix + name)
    return mine, yours, conflicts


def _field_order(*dicts: dict) -> list[str]:
    names: dict[str, None] = {}
    for d in dicts:
        names.update(dict.fromkeys(d))
    return list(names)


def _put(d: dict, name: str, value: Any) -> None:
    if value is not MISSING:
        d[name] = value
