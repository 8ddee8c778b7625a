"""Interchange formats: Argdown and AIF in and out; GraphML, Markdown and Mermaid out.

No Textual here (layers): model -> text, text -> model."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from argmap.errors import InputError
from argmap.gcpause import collector_paused
from argmap.model import ArgumentMap
from argmap.store import decode_utf8


def _argdown(m: ArgumentMap) -> str:
    from argmap.formats.argdown_export import to_argdown

    return to_argdown(m)


def _aif(m: ArgumentMap) -> str:
    from argmap.formats.aif import dumps_aif

    return dumps_aif(m)


def _graphml(m: ArgumentMap) -> str:
    from argmap.formats.graphml import to_graphml

    return to_graphml(m)


def _markdown(m: ArgumentMap) -> str:
    from argmap.formats.markdown import to_markdown

    return to_markdown(m)


def _mermaid(m: ArgumentMap) -> str:
    from argmap.formats.mermaid import to_mermaid

    return to_mermaid(m)


EXPORTERS: dict[str, Callable[[ArgumentMap], str]] = {
    "argdown": _argdown,
    "aif": _aif,
    "graphml": _graphml,
    "markdown": _markdown,
    "mermaid": _mermaid,
}


def export_text(m: ArgumentMap, fmt: str) -> str:
    return EXPORTERS[fmt](m)


def import_argdown_text(text: str, path: Path | str = "<argdown>", name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    from argmap.formats.argdown import ArgdownSyntaxError, parse
    from argmap.formats.argdown.convert import to_map

    # tens of thousands of small objects: the cyclic GC would rescan them again and
    # again (measured ~40% of the import time on a 2,000-statement file). Not frozen
    # afterwards: the parse tree's sections point at their parents (cycles).
    with collector_paused():
        try:
            doc = parse(text, remove_tags_from_text=True)
        except ArgdownSyntaxError as e:
            lines = [f"{path}:{p.line}:{p.col}: {p.message}" for p in e.problems[:20]]
            if len(e.problems) > 20:
                lines.append(f"{path}: ... and {len(e.problems) - 20} more problems")
            raise InputError("\n".join(lines)) from None
        try:
            return to_map(doc, name, notes)
        except ValidationError as e:  # a structure the converter did not foresee: say what, not where in argmap
            first = e.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
            raise InputError(f"{path}: the Argdown does not make a valid map: {first}") from None


def read_interchange(path: Path, max_bytes: int | None = None) -> tuple[ArgumentMap, str, list[str]]:
    """Read an Argdown or AIF file into a map: (map, format name, notes on what was left out)."""
    from argmap.formats.detect import detect_format
    from argmap.store import DEFAULT_MAX_BYTES, parse_json, read_bytes

    path = Path(path)
    data = read_bytes(path, max_bytes or DEFAULT_MAX_BYTES).removeprefix(codecs.BOM_UTF8)  # not content in either format
    text = decode_utf8(path, data)
    fmt = detect_format(path, text)
    name = path.stem
    notes: list[str] = []
    if fmt == "argdown":
        return import_argdown_text(text, path, name, notes), "Argdown", notes
    from argmap.formats.aif import from_aif

    return from_aif(parse_json(path, data), path, name, notes), "AIF", notes
