"""Interchange formats: Argdown, AIF and Kialo in and out; MindMup, Carneades and
Araucaria AML in; GraphML, Markdown and Mermaid out.

No Textual here (layers): model -> text, text -> model."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from argmap.errors import InputError, validation_message
from argmap.gcpause import collector_paused
from argmap.model import ArgumentMap
from argmap.store import decode_utf8


def _argdown(m: ArgumentMap, structures: bool = False) -> str:
    from argmap.formats.argdown_export import to_argdown

    return to_argdown(m, structures)


def _aif(m: ArgumentMap) -> str:
    from argmap.formats.aif import dumps_aif

    return dumps_aif(m)


def _graphml(m: ArgumentMap) -> str:
    from argmap.formats.graphml import to_graphml

    return to_graphml(m)


def _markdown(m: ArgumentMap) -> str:
    from argmap.formats.markdown import to_markdown

    return to_markdown(m)


def _kialo(m: ArgumentMap) -> str:
    from argmap.formats.kialo import to_kialo

    return to_kialo(m)


def _mermaid(m: ArgumentMap) -> str:
    from argmap.formats.mermaid import to_mermaid

    return to_mermaid(m)


EXPORTERS: dict[str, Callable[[ArgumentMap], str]] = {
    "argdown": _argdown,
    "aif": _aif,
    "graphml": _graphml,
    "kialo": _kialo,
    "markdown": _markdown,
    "mermaid": _mermaid,
}


def export_text(m: ArgumentMap, fmt: str, structures: bool = False) -> str:
    """`structures` (Argdown only): every argument as a premise-conclusion structure."""
    return _argdown(m, structures=True) if structures else EXPORTERS[fmt](m)


def import_argdown_text(text: str, path: Path | str = "<argdown>", name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    from argmap.formats.argdown import ArgdownSyntaxError, parse
    from argmap.formats.argdown.convert import to_map
    from argmap.formats.argdown.includes import expand_includes, has_includes

    if has_includes(text):
        text = expand_includes(text, path)

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
            first = validation_message(e.errors(include_url=False)[0])
            raise InputError(f"{path}: the Argdown does not make a valid map: {first}") from None


# format id -> the name `argmap import` reports
FORMAT_NAMES = {"argdown": "Argdown", "aif": "AIF", "kialo": "Kialo", "mindmup": "MindMup",
                "carneades": "Carneades", "aml": "Araucaria AML"}


def read_interchange(path: Path, max_bytes: int | None = None) -> tuple[ArgumentMap, str, list[str]]:
    """Read an interchange file into a map: (map, format name, notes on what was left
    out). For a Kialo export with several theses, the first thesis's map."""
    maps, fmt, notes = read_interchange_maps(path, max_bytes)
    return maps[0], fmt, notes


def read_interchange_maps(path: Path, max_bytes: int | None = None, thesis: int | None = None) -> tuple[list[ArgumentMap], str, list[str]]:
    """Every map of an interchange file (one, or one per thesis of a Kialo export;
    `thesis` picks the N-th), its format name and notes on what was left out."""
    from argmap.formats.detect import detect_format, is_xml_in_another_encoding
    from argmap.store import DEFAULT_MAX_BYTES, parse_json, read_bytes

    path = Path(path)
    data = read_bytes(path, max_bytes or DEFAULT_MAX_BYTES).removeprefix(codecs.BOM_UTF8)  # not content in any format
    if is_xml_in_another_encoding(path, data):
        text, fmt = "", "aml"  # expat decodes it
    else:
        text = decode_utf8(path, data)
        fmt = detect_format(path, text)
    name = path.stem
    notes: list[str] = []
    if thesis is not None and fmt != "kialo":
        raise InputError(f"{path}: --thesis picks one thesis of a Kialo export; this file is {FORMAT_NAMES[fmt]}")
    with collector_paused():
        if fmt == "kialo":
            from argmap.formats.kialo import from_kialo

            return from_kialo(text, path, name, notes, thesis), FORMAT_NAMES[fmt], notes
        if fmt == "argdown":
            m = import_argdown_text(text, path, name, notes)
        elif fmt == "mindmup":
            from argmap.formats.mindmup import from_mindmup, parse_mindmup

            m = from_mindmup(parse_mindmup(path, data), path, name, notes)
        elif fmt == "carneades":
            from argmap.formats.carneades import from_carneades

            m = from_carneades(text, path, name, notes)
        elif fmt == "aml":
            from argmap.formats.aml import from_aml

            m = from_aml(data, path, name, notes)
        else:
            from argmap.formats.aif import from_aif

            m = from_aif(parse_json(path, data), path, name, notes)
    return [m], FORMAT_NAMES[fmt], notes
