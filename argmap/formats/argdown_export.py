"""argmap map -> Argdown text that Argdown 1.7.5 parses without errors and that
`argmap import` reads back into the same map.

Layout: YAML front matter (title, and an `argmap:` block with the thesis, sources and
other map fields), every claim once as a titled statement (`[title]: text #(tag)`,
extra fields as a JSON data block), then every argument as a reconstruction:

    <a1>: optional note

    (1) [premise]
    (2) [co-premise]
    -- scheme --
    (3) [target claim]          support: the conclusion is the target

    (2) [a2 conclusion]         attack: an implicit conclusion (no text) that
        -> [target claim]       attacks the target, or
        _> <undercut argument>  undercuts that argument's inference
"""

from __future__ import annotations

import json
import re

import yaml

from argmap.formats.common import ID_RE, id_for_title, normalize_text
from argmap.formats.common import claim_extra_fields
from argmap.formats.argdown.lexer import _RE, SPECIAL_CHAR
from argmap.formats.argdown.model import SHORTCODES
from argmap.model import ArgumentMap, Claim, item_dict

_ALWAYS = set("\\[<#*_{")
_RISKY = re.compile(r"[\\\[\]<>@#*_{}/=.:,\-]")


def _escape_minimal(text: str) -> str:
    out = []
    i, n = 0, len(text)
    equals = "===" in text
    while i < n:
        c = text[i]
        if c in _ALWAYS or (equals and c == "="):
            out.append("\\" + c)
        elif c == "/" and i + 1 < n and text[i + 1] in "/*":
            out.append("\\/")
        elif c in ".:":
            m = _RE[SPECIAL_CHAR].match(text, i)
            if m and m.group(0).strip()[1:-1] in SHORTCODES:
                out.append("\\" + c)
            elif m:
                out.append(m.group(0))
                i = m.end()
                continue
            else:
                out.append(c)
        else:
            out.append(c)
        i += 1
    escaped = "".join(out)
    if escaped.endswith("\\"):
        escaped += " "
    return escaped


def _escape_all(text: str) -> str:
    return "".join("\\" + c if not (c.isalnum() or c == " ") else c for c in text)


def _statement_text(source: str) -> str | None:
    from argmap.formats.argdown import ArgdownSyntaxError, parse

    try:
        doc = parse(f"[x]: {source}\n", remove_tags_from_text=True)
    except ArgdownSyntaxError:
        return None
    ec = doc.statements.get("x")
    return normalize_text(ec.text) if ec and len(doc.statements) == 1 and not doc.relations and not doc.tags else None


def escape_text(text: str) -> str:
    """Text -> Argdown statement content that reads back as the same (normalized) text."""
    text = normalize_text(text)
    if not _RISKY.search(text):
        return text
    for escaper in (_escape_minimal, _escape_all):
        escaped = escaper(text)
        if _statement_text(escaped) == text:
            return escaped
    return _escape_all(text)


def _scheme_text(scheme: str) -> str:
    scheme = normalize_text(scheme)
    return _escape_all(scheme) if _RISKY.search(scheme) else scheme


# braces would end Argdown's {data} token, "===" its front matter; the rest are
# characters YAML readers reject or read as line breaks
# and angle brackets: `>:` ends an argument's title (`<a>: note`) even inside data
_UNSAFE = re.compile("[{}=<>\r\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _json_data(value) -> str:
    """JSON (valid YAML flow) that Argdown's {data} token cannot cut short."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json_data(k)}: {_json_data(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json_data(v) for v in value) + "]"
    if isinstance(value, str):
        return _UNSAFE.sub(lambda mt: f"\\u{ord(mt.group(0)):04x}", json.dumps(value, ensure_ascii=False))
    return json.dumps(value)


def _front_matter(m: ArgumentMap, thesis_title: str) -> str:
    extra: dict = {"title": m.title, "thesis": thesis_title}
    if m.description:
        extra["description"] = m.description
    if m.authors:
        extra["authors"] = list(m.authors)
    if m.created:
        extra["created"] = m.created
    if m.modified:
        extra["modified"] = m.modified
    if m.sources:
        extra["sources"] = [item_dict(s) for s in m.sources]
    if m.reconstructs:
        extra["reconstructs"] = list(m.reconstructs)
    data = {"title": m.title, "argmap": extra} if m.title else {"argmap": extra}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
    try:
        faithful = yaml.safe_load(body) == data
    except yaml.YAMLError:
        faithful = False
    if "===" in body or not faithful:
        body = _json_data(data) + "\n"
    return f"===\n{body}===\n"


def _claim_titles(m: ArgumentMap) -> dict[str, str]:
    """Claim id -> the [title] used in Argdown; reads back to the same id."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for c in m.claims:
        title = c.title
        ok = (
            title is not None
            and title == title.strip()
            and title
            and not title.startswith("-")
            and not re.search(r"[\[\]\n\r\u2028\u2029]", title)
            and id_for_title(title) == c.id
            and title not in used
        )
        titles[c.id] = title if ok else c.id
        used.add(titles[c.id])
    return titles


def _claim_block(c: Claim, title: str) -> str:
    shown = normalize_text(c.text)
    line = f"[{title}]: {escape_text(shown) if shown else '(no text)'}"
    data: dict = {}
    if c.text != shown or not shown:
        data["text"] = c.text
    # `[id]` alone reads back as an untitled claim with that id, so a title that
    # equals the id must be written out to survive the round trip.
    if c.title is not None and (c.title != title or title == c.id):
        data["title"] = c.title
    if c.tags:
        if all(t and ")" not in t and t == t.strip() and not re.search(r"[\n\r\u2028\u2029]", t) for t in c.tags):
            line += "".join(f" #({t})" for t in c.tags)
        else:
            data["tags"] = list(c.tags)
    data |= claim_extra_fields(c)
    if data:
        line += " " + _json_data(data)
    return line + "\n"


def to_argdown(m: ArgumentMap) -> str:
    titles = _claim_titles(m)
    used_titles = set(titles.values())
    parts = [_front_matter(m, titles[m.thesis])]
    for c in m.claims:
        parts.append(_claim_block(c, titles[c.id]))
    argument_ids = {a.id for a in m.arguments}
    for a in m.arguments:
        assert ID_RE.match(a.id)
        marks = {"reconstruction": True} if a.reconstruction else {}
        if a.scheme is not None and (a.scheme != normalize_text(a.scheme) or not a.scheme):
            marks["scheme"] = a.scheme  # the inference line collapses whitespace; data keeps it
        if a.note is not None and a.note and a.note == normalize_text(a.note):
            head = f"<{a.id}>: {escape_text(a.note)}" + (f" {_json_data(marks)}" if marks else "")
        elif a.note is not None:
            head = f"<{a.id}> {_json_data({'note': a.note} | marks)}"
        else:
            head = f"<{a.id}>" + (f" {_json_data(marks)}" if marks else "")
        lines = [head, ""]
        for i, p in enumerate(a.premises, 1):
            lines.append(f"({i}) [{titles[p]}]")
        lines.append(f"-- {_scheme_text(a.scheme)} --" if a.scheme and normalize_text(a.scheme) else "----")
        n = len(a.premises) + 1
        if a.polarity == "support" and a.target not in argument_ids:
            lines.append(f"({n}) [{titles[a.target]}]")
        else:
            conclusion, k = f"{a.id} conclusion", 2
            while conclusion in used_titles:
                conclusion, k = f"{a.id} conclusion {k}", k + 1
            used_titles.add(conclusion)
            lines.append(f"({n}) [{conclusion}]")
            if a.target in argument_ids:
                lines.append(f"    _> <{a.target}>")
            else:
                lines.append(f"    {'+>' if a.polarity == 'support' else '->'} [{titles[a.target]}]")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
