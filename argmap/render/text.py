r"""User text -> safe pieces of Graphviz HTML-like labels.

Every piece of user text in a diagram goes through `html_lines` (or `escape`,
`escape_line`): it is the only way text enters the DOT source. Escaping is
`html.escape` plus one Graphviz rule: inside HTML-like labels Graphviz still expands
`\N`, `\G`, `\E`, `\T`, `\H` (node, graph, edge, tail, head name) and turns `\\`
into `\`, even when the backslash is written `&#92;`; so every backslash is
doubled. Node names are synthetic (`n12`), never user text, so no other quoting is
needed.

What survives: every character except whitespace and characters XML cannot carry.
Whitespace is layout: runs of spaces and tabs become one space (Graphviz drops tabs
and would print double spaces as no-break spaces), a newline in the text starts a new
line, and lines wrap at `width` characters. Characters XML 1.0 forbids (control
characters, lone surrogates, U+FFFE/U+FFFF) would make `dot` reject the whole label;
they become U+FFFD, the replacement character.
"""

from __future__ import annotations

import html
import re

# Characters an XML parser (Graphviz parses HTML-like labels with expat) rejects.
# (\x0b, \x0c and \x1c-\x1f are whitespace to Python: wrapping removes them first.)
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def sanitize(text: str) -> str:
    """Replace the characters XML cannot carry with U+FFFD."""
    if _NOT_XML.search(text):
        return _NOT_XML.sub(REPLACEMENT, text)
    return text


def escape_line(line: str) -> str:
    """One line from `wrap` (already whitespace-collapsed) as HTML-label content."""
    return html.escape(sanitize(line), quote=True).replace("\\", "\\\\")


def escape(text: str) -> str:
    """One line of user text as HTML-label content (no wrapping)."""
    return escape_line(" ".join(text.split()))


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap, whitespace collapsed, newlines (LF, CRLF, CR) kept as
    line breaks (other whitespace, Unicode line separators included, is a space).

    `width` <= 0 means no wrapping. Words longer than `width` are cut into pieces of
    `width` characters so that no line is wider than asked (a long URL, a 10,000-
    character word). Blank lines are dropped: a diagram box has no room for them.
    """
    lines: list[str] = []
    if "\n" in text or "\r" in text:
        paragraphs = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    else:
        paragraphs = [text]
    for para in paragraphs:
        para = " ".join(para.split())
        if not para:
            continue
        if width <= 0:
            lines.append(para)
            continue
        # Greedy on single spaces: cut at the last space that fits, or cut a word
        # too long for any line after `width` characters.
        start, end = 0, len(para)
        while end - start > width:
            cut = para.rfind(" ", start, start + width + 1)
            if cut < 0:
                lines.append(para[start : start + width])
                start += width
            else:
                lines.append(para[start:cut])
                start = cut + 1
        lines.append(para[start:])
    return lines


MAX_LABEL_CHARS = 20_000  # Graphviz silently drops a node whose label runs to megabytes


def html_lines(text: str, width: int) -> str:
    """User text wrapped at `width`, escaped, lines joined with `<br/>`; text over
    MAX_LABEL_CHARS is cut, with a mark saying how much was left out."""
    if len(text) > MAX_LABEL_CHARS:
        kept = shorten(text, MAX_LABEL_CHARS)
        text = f"{kept} [{len(text) - len(kept) + 1:,} more characters not drawn]"
    if _NOT_XML.search(text):
        text = _NOT_XML.sub(REPLACEMENT, text)
    lines = wrap(text, width)
    # html.escape(quote=True), inlined: this runs once per claim.
    out = lines[0] if len(lines) == 1 else "\n".join(lines)
    if "&" in out:
        out = out.replace("&", "&amp;")
    out = out.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    if "\\" in out:
        # Graphviz still expands \N, \G, \E... (node, graph, edge name) inside
        # HTML-like labels, entities included; a doubled backslash is one backslash.
        out = out.replace("\\", "\\\\")
    return out.replace("\n", "<br/>") if len(lines) > 1 else out


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, whitespace collapsed, cut at a word boundary
    with an ellipsis when too long."""
    text = " ".join(text.split())
    if limit <= 0 or len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip(" ,;:.") + "\u2026"


def lead(text: str, limit: int) -> str:
    """The first sentences of `text` that fit in `limit` characters (at least the
    first, shortened when longer): a description's lead, for a figure's subtitle."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", text) if m.end() <= limit]
    return text[: ends[-1]] if ends else shorten(text, limit)
