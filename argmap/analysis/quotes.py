"""Check that evidence quotes are verbatim from their source text.

A quote is *verbatim* when it occurs in the source after collapsing runs of
whitespace to one space. Text extracted from PDFs and web pages also differs in
typography, so a quote still counts as found (*normalised*) when it occurs after
both sides are normalised: typographic quotes and dashes to ASCII, soft hyphens,
superscript footnote markers and `*` emphasis removed, words hyphenated across a
line break joined, ligatures expanded, and the case of the quote's first letter
and its final punctuation ignored. A quote with elisions (`...`, `…`, `[...]`) is
found (*elided*) when its pieces occur in order. Editorial brackets count the same
way: `the [Chinese] leadership`, `[T]he alliance`, `[sic]` stand for at most a few
words of the source (EDITORIAL_GAP characters), where an elision may skip any
amount. Anything else is *missing*, reported with the closest passage of the source.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz

from argmap.errors import InputError
from argmap.model import ArgumentMap, Source
from argmap.store import DEFAULT_MAX_BYTES, read_bytes

Status = Literal["verbatim", "normalised", "elided", "missing"]
FOUND: frozenset[str] = frozenset({"verbatim", "normalised", "elided"})

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DROPPED = "\u00ad\u200b\u200c\u200d\ufeff*\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_EXPAND = {"\u2026": "...", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}

_TABLE: dict[str, str] = {c: "'" for c in _SINGLE_QUOTES}
_TABLE.update({c: '"' for c in _DOUBLE_QUOTES})
_TABLE.update({c: "-" for c in _DASHES})
_TABLE.update({c: " " for c in _SPACES})
_TABLE.update({c: "" for c in _DROPPED})
_TABLE.update(_EXPAND)

# a word broken across a line: "coopera-\ntion" (lower-case continuation only, so
# "Russia-\nChina" keeps its hyphen)
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[a-z\u00df-\u00ff])")
_ELISION = r"\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|\.\s*\.\s*\.|\u2026"
# Where a quote leaves the source: an elision, or an editorial bracket (not an elision)
_BREAK = re.compile(rf"\s*(?:(?P<elision>{_ELISION})|(?P<editorial>\[[^\]]*\]))\s*")
EDITORIAL_GAP = 40  # source characters an editorial bracket may stand for


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the offset in the original."""

    text: str
    origin: list[int]


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def normalise(text: str, *, typography: bool = True) -> Normalised:
    """Collapse whitespace (and, with `typography`, apply the normalisations in the
    module docstring), remembering where each character came from."""
    joins: set[int] = set()
    if typography:
        for m in _HYPHENATED.finditer(text):
            joins.update(range(m.start(), m.end()))
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if i in joins:
            continue
        if typography:
            ch = _TABLE.get(ch, ch)
            if not ch:
                continue
        for piece in ch:
            if piece.isspace():
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                origin.append(i)
                pending_space = False
            out.append(piece)
            origin.append(i)
    return Normalised("".join(out), origin)


_TRANSLATE = str.maketrans({k: (v or None) for k, v in _TABLE.items()})


def normalise_text(text: str) -> str:
    """`normalise(text).text`, faster (no offsets)."""
    return collapse_whitespace(_HYPHENATED.sub("", text).translate(_TRANSLATE))


class SourceText:
    """A source document prepared for repeated quote look-ups."""

    def __init__(self, text: str, name: str = "") -> None:
        self.text = text
        self.name = name
        self.plain = collapse_whitespace(text)
        self.norm = normalise(text)
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    @functools.cached_property
    def raw(self) -> Normalised:
        """`plain` with offsets into the original: built only when a quote matches it."""
        return normalise(self.text, typography=False)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def passage(self, start: int, end: int) -> tuple[str, int]:
        """Original text for a normalised span, widened to whole words, whitespace
        collapsed; and its line number."""
        norm = self.norm.text
        while start > 0 and not norm[start - 1].isspace():
            start -= 1
        while end < len(norm) and not norm[end].isspace():
            end += 1
        if end <= start:
            return "", 1
        a = self.norm.origin[start]
        b = self.norm.origin[end - 1] + 1
        return collapse_whitespace(self.text[a:b]), self.line_of(a)


@dataclass(frozen=True)
class QuoteCheck:
    claim: str
    index: int  # position in the claim's evidence list (0-based)
    source: str
    quote: str
    locator: str
    status: Status
    line: int  # line in the source file where it was found, or of the closest passage
    closest: str = ""  # for missing quotes: the most similar passage of the source
    similarity: float = 100.0  # 0..100

    @property
    def found(self) -> bool:
        return self.status in FOUND


def _strip_wrapping_quotes(text: str) -> str:
    t = text.strip()
    if len(t) >= 2 and t[0] in "\"'\u201c\u2018\u00ab" and t[-1] in "\"'\u201d\u2019\u00bb":
        inner = t[1:-1]
        if not any(q in inner for q in "\"\u201c\u201d"):
            return inner.strip()
    return t


def _find(haystack: str, needle: str, start: int = 0, end: int | None = None) -> int:
    """Find needle; the case of its first letter may differ (a quote may start a
    sentence that the source continues, or the reverse)."""
    end = len(haystack) if end is None else end
    pos = haystack.find(needle, start, end)
    if pos >= 0 or not needle:
        return pos
    first = needle[0]
    found = [p for v in {first.lower(), first.upper()} - {first} if (p := haystack.find(v + needle[1:], start, end)) >= 0]
    return min(found, default=-1)


def _pieces(nq: str) -> list[tuple[str, int | None]]:
    """The quote's runs of source text, each with the most source characters that may
    lie between it and the run before (None: any number, after an elision; and for
    the first run, which may start anywhere)."""
    pieces: list[tuple[str, int | None]] = []
    gap: int | None = 0
    pos = 0
    for m in [*_BREAK.finditer(nq), None]:
        text = nq[pos:m.start() if m else len(nq)].strip(" ")
        if text.strip(" ."):
            pieces.append((text, gap if pieces else None))
            gap = 0
        if m is None:
            break
        gap = None if m.group("elision") or gap is None else gap + EDITORIAL_GAP + 2  # and the spaces around
        pos = m.end()
    return pieces


def _find_pieces(text: str, pieces: list[tuple[str, int | None]], cursor: int = 0) -> int:
    """Where the first piece starts when all occur in order, each within its gap of
    the one before (later occurrences are tried when a gap comes out too wide); -1
    if they do not."""
    (piece, limit), rest = pieces[0], pieces[1:]
    end = len(text) if limit is None else cursor + limit + len(piece)
    start = cursor
    while (found := _find(text, piece, start, end)) >= 0:
        if not rest or _find_pieces(text, rest, found + len(piece)) >= 0:
            return found
        if rest[0][1] is None:
            return -1  # the rest may start anywhere after this: later is no better
        start = found + 1
    return -1


def check_quote(quote: str, source: SourceText) -> tuple[Status, int, str, float]:
    """(status, line, closest passage, similarity) for one quote."""
    q = _strip_wrapping_quotes(quote)
    plain = collapse_whitespace(q)
    pos = source.plain.find(plain)
    if pos >= 0:
        return "verbatim", source.line_of(source.raw.origin[pos]), "", 100.0
    nq = normalise_text(q)
    pos = _find(source.norm.text, nq)
    if pos < 0 and nq.rstrip(".,;:!?") != nq:
        # a quote may end its sentence where the source's sentence goes on
        pos = _find(source.norm.text, nq.rstrip(".,;:!?"))
    if pos >= 0:
        return "normalised", source.line_of(source.norm.origin[pos]), "", 100.0
    if _BREAK.search(nq):
        # pieces as written (a piece may copy a line-broken "coopera- tion"), then normalised
        for text, view in ((plain, source.raw), (nq, source.norm)):
            pieces = _pieces(text)
            first = _find_pieces(view.text, pieces) if pieces else -1
            if first >= 0:
                return "elided", source.line_of(view.origin[first]), "", 100.0
    if not source.norm.text or not nq:
        return "missing", 1, "", 0.0
    start, end, score = closest_passage(nq, source.norm.text)
    closest, line = source.passage(start, end)
    return "missing", line, closest, round(score, 1)


MAX_ALIGNED_QUOTE = 2_000  # characters aligned against a whole source (3,000 x 1 MB: 0.6 s, 30,000: minutes)
_WORD = re.compile(r"\w+")


def closest_passage(quote: str, text: str) -> tuple[int, int, float]:
    """(start, end, similarity) of the passage of `text` closest to `quote`. A long
    quote is placed where most of its three-word sequences say it starts (found by
    hashing, linear in both) and compared with the passage of its length there,
    instead of sliding it over the whole text."""
    if len(quote) <= MAX_ALIGNED_QUOTE:
        al = fuzz.partial_ratio_alignment(quote, text)
        return al.dest_start, al.dest_end, al.score
    offset: dict[tuple[str, str, str], int] = {}
    qw = [(m.start(), m.group()) for m in _WORD.finditer(quote)]
    for i in range(len(qw) - 2):
        offset.setdefault((qw[i][1], qw[i + 1][1], qw[i + 2][1]), qw[i][0])
    votes: dict[int, int] = {}
    tw = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    for i in range(len(tw) - 2):
        at = offset.get((tw[i][1], tw[i + 1][1], tw[i + 2][1]))
        if at is not None:
            begin = max(0, tw[i][0] - at) // 64  # where the quote would start, to 64 characters
            votes[begin] = votes.get(begin, 0) + 1
    begin = 64 * max(sorted(votes), key=votes.__getitem__) if votes else 0
    end = min(len(text), begin + len(quote))
    return begin, end, fuzz.ratio(quote, text[begin:end])


def check_quotes(m: ArgumentMap, sources: dict[str, SourceText]) -> list[QuoteCheck]:
    """Check every non-empty quote whose source is in `sources`, in file order."""
    results = []
    for c in m.claims:
        for i, ev in enumerate(c.evidence):
            if not ev.quote.strip() or ev.source not in sources:
                continue
            status, line, closest, similarity = check_quote(ev.quote, sources[ev.source])
            results.append(QuoteCheck(c.id, i, ev.source, ev.quote, ev.locator, status, line, closest, similarity))
    return results


def quotes_by_source(m: ArgumentMap) -> dict[str, int]:
    """How many non-empty quotes each source has."""
    counts: dict[str, int] = {}
    for c in m.claims:
        for ev in c.evidence:
            if ev.quote.strip():
                counts[ev.source] = counts.get(ev.source, 0) + 1
    return counts


def quote_key(text: str) -> str:
    """A comparison key for quotes across maps: normalised, case-folded."""
    return normalise_text(_strip_wrapping_quotes(text)).casefold().strip(" .,;:")


# ---------------------------------------------------------------- source text files


def source_text_path(map_path: Path, source: Source) -> Path | None:
    """The plain text a source names (`Source.text`, relative to the map file)."""
    if not source.text:
        return None
    return Path(map_path).parent / source.text


def read_source_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A source's plain text: UTF-8 (a byte-order mark is dropped), newlines as
    `\n`. InputError names the file and, for bytes that are not UTF-8, the line."""
    data = read_bytes(Path(path), max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 text; convert the source to UTF-8 plain text first") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A heading in a plain text: a Markdown `#` line, or a short line standing alone
# (blank lines around it) that does not end like a sentence and does not look like
# a reference, an address or a footnote.
_ATX = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_NOT_HEADING = re.compile(r"[.,;:!?\"\u201d\u2019)\]]$|@|://|;|,.*,|^[\[(*\u00b9\u00b2\u00b3\u2070-\u2079]")
HEADING_MAX = 90


def headings(text: str) -> list[tuple[int, str]]:
    """(line number, heading) for the section headings of a plain text, in order."""
    lines = text.split("\n")
    found = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        atx = _ATX.match(line)
        if atx:
            found.append((i + 1, atx.group("title")))
            continue
        alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
        if (
            alone
            and len(line) <= HEADING_MAX
            and len(line.split()) <= 12
            and not _NOT_HEADING.search(line)
            and (line[0].isupper() or line[0].isdigit())
            and any(ch.isalpha() for ch in line)
        ):
            found.append((i + 1, line))
    return found


def passage_locator(text: str, offset: int, sections: list[tuple[int, str]] | None = None) -> str:
    """A locator for the passage starting at `offset`: "line N", after the section
    heading above it when the text has headings ("Conclusion, line 201")."""
    line = text.count("\n", 0, offset) + 1
    sections = headings(text) if sections is None else sections
    above = [title for at, title in sections if at < line]
    return f"{above[-1]}, line {line}" if above else f"line {line}"


def find_passage(text: str, needle: str, start: int = 0, backwards: bool = False) -> tuple[int, int] | None:
    """(start, end) of the next occurrence of `needle` from `start` (or the last one
    before it), ignoring case and how whitespace and line breaks fall; wraps around."""
    words = needle.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not spans:
        return None
    if backwards:
        before = [s for s in spans if s[0] < start]
        return before[-1] if before else spans[-1]
    return next((s for s in spans if s[0] >= start), spans[0])


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s|$)|\n[ \t]*\n")


def sentence_around(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence that holds `offset`: from after the previous
    sentence end (or blank line) to its own end mark, closing quotes included."""
    offset = max(0, min(offset, len(text)))
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, offset):
        start = m.end()
    end_match = _SENTENCE_END.search(text, offset)
    end = len(text) if end_match is None else (end_match.start() if end_match.group().startswith("\n") else end_match.end())
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
