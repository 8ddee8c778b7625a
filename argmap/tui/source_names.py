"""How people name sources, and how a typed name becomes a source (no Textual here).

A source is typed as people cite it, "WHO 2021" or "Mykal 2024", or by its id. An
unknown name makes a new source: its id is a slug of the name (`who-2021`), the name
itself fills in the authors and the year (or the title) for the user to check.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from argmap.formats.common import ID_RE, slug
from argmap.model import ArgumentMap, Source

_NAME_YEAR = re.compile(r"^(?P<who>.*?\S)[\s,]*\(?(?P<year>\d{4})[a-z]?\)?$")


def surname(name: str) -> str:
    """'Olena Mykal' -> 'Mykal'; 'Mykal, Olena' -> 'Mykal'; long names (bodies,
    ministries) stay whole."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    words = name.split()
    return words[-1] if 2 <= len(words) <= 3 else name


def short_label(s: Source) -> str:
    """The name a source is cited by: 'Mykal 2024', 'Lee & Kim 2020', 'Wu et al.
    2019'; the title or the id when there are no authors."""
    if s.authors:
        names = [surname(a) for a in s.authors]
        who = names[0] if len(names) == 1 else f"{names[0]} & {names[1]}" if len(names) == 2 else f"{names[0]} et al."
        return f"{who} {s.year}" if s.year is not None else who
    if s.title:
        return s.title if s.year is None else f"{s.title} {s.year}"
    return s.id


def describe(s: Source) -> str:
    """One line: authors, year, title, url, text file."""
    parts = []
    if s.authors:
        parts.append("; ".join(s.authors))
    if s.year is not None:
        parts.append(str(s.year))
    if s.title:
        parts.append(s.title)
    if s.url:
        parts.append(s.url)
    line = ", ".join(parts) or "(no details yet)"
    return line + (f"  [text: {s.text}]" if s.text else "")


def find_source(m: ArgumentMap, typed: str) -> Source | None:
    """The source `typed` names: its id (any case), or the name it is cited by."""
    typed = typed.strip()
    if not typed:
        return None
    folded = typed.casefold()
    for s in m.sources:
        if s.id == typed:
            return s
    for s in m.sources:
        if s.id.casefold() == folded or short_label(s).casefold() == folded:
            return s
    return None


def new_source_id(m: ArgumentMap, typed: str) -> str:
    """An id for a new source named `typed`: the name itself when it is a valid id,
    else its slug; `-2`, `-3`... when taken."""
    typed = typed.strip()
    base = typed if ID_RE.match(typed) and len(typed) <= 60 else slug(typed, fallback="source", words=8)
    taken = {s.id for s in m.sources}
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def guess_details(typed: str) -> dict[str, str]:
    """What a typed name says about a new source: 'WHO 2021' -> authors WHO, year
    2021; a name without a year -> the title."""
    typed = " ".join(typed.split())
    found = _NAME_YEAR.match(typed)
    if found:
        return {"authors": found.group("who"), "year": found.group("year")}
    return {"title": typed}


def parse_authors(text: str) -> list[str]:
    """'A. Author; B. Other' -> two names (';' separates: names may hold commas)."""
    return [a.strip() for a in text.split(";") if a.strip()]


def year_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    try:
        int(text)
    except ValueError:
        return f"{text!r} is not a year: write it as a number, e.g. 2021 (or leave it empty)"
    return None


def parse_year(text: str) -> int | None:
    return int(text.strip()) if text.strip() else None


def resolve_text_file(map_path: Path, typed: str) -> Path | None:
    """The file a typed text-file path means: relative to the map's folder (as the
    file format stores it), else absolute or relative to the working folder."""
    typed = typed.strip()
    if not typed:
        return None
    p = Path(typed).expanduser()
    candidates = [p] if p.is_absolute() else [Path(map_path).parent / p, Path.cwd() / p]
    return next((c for c in candidates if c.is_file()), candidates[0])


def stored_text_path(map_path: Path, file: Path) -> str:
    """How the map stores a text file: relative to the map's folder, with `/`."""
    return Path(os.path.relpath(file.resolve(), Path(map_path).resolve().parent)).as_posix()


def text_file_problem(map_path: Path, typed: str) -> str | None:
    """Why a typed text-file path cannot be used (None: it can, or it is empty)."""
    from argmap.analysis.quotes import read_source_text
    from argmap.errors import InputError

    file = resolve_text_file(map_path, typed)
    if file is None:
        return None
    if not file.is_file():
        return f"no such file: {typed.strip()} (a path relative to {Path(map_path).parent or '.'}/, or absolute)"
    try:
        read_source_text(file)
    except InputError as e:
        return str(e)
    return None
