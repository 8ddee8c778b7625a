"""Characters no installed font can draw, found before Graphviz draws a tofu box.

Graphviz (through Pango) draws a character that no font on the machine has as a
box with its code point in it. For PNG and PDF, where the machine's fonts are
final, `readable` replaces each such character with its Unicode name in brackets
("[egyptian hieroglyph a001]") and names them, so argmap can say which font to
install. SVG and DOT keep every character: their reader's fonts draw them.

Coverage is the union of the character sets of every font fontconfig knows (the
fonts Pango falls back to), read once per process with `fc-list`.
"""

from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata

# Invisible or combining helpers that fonts need not map: joiners, variation
# selectors, emoji skin-tone modifiers and tags are drawn as part of a sequence.
_ALWAYS_OK = ((0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x206F), (0xFE00, 0xFE0F),
              (0x1F3FB, 0x1F3FF), (0xE0000, 0xE007F), (0xE0100, 0xE01EF))


def parse_charset(text: str) -> list[tuple[int, int]]:
    """fontconfig's charset notation ('20-7e a0 …', hex) -> sorted inclusive ranges."""
    ranges = []
    for word in text.split():
        low, _, high = word.partition("-")
        try:
            ranges.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    return ranges


def merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


@functools.cache
def installed_coverage() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(starts, ends) of the code point ranges some installed font draws; None
    when fontconfig cannot say (then nothing is replaced)."""
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", "--format=%{charset}\\n"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges = merge(parse_charset(out) + list(_ALWAYS_OK))
    if not ranges:
        return None
    return tuple(r[0] for r in ranges), tuple(r[1] for r in ranges)


def covered(ch: str, coverage: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    code = ord(ch)
    starts, ends = coverage
    i = bisect.bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def fallback_name(ch: str) -> str:
    return "[" + unicodedata.name(ch, f"U+{ord(ch):04X}").lower() + "]"


def readable(dot_source: str, coverage=None) -> tuple[str, list[str]]:
    """`dot_source` with every character no installed font draws replaced by its
    name in brackets, and those characters (each once, in order of appearance).
    Only characters outside ASCII are checked: DOT syntax and node names are ASCII."""
    if dot_source.isascii():
        return dot_source, []
    coverage = installed_coverage() if coverage is None else coverage
    if coverage is None:
        return dot_source, []
    missing: dict[str, str] = {}
    for ch in set(dot_source):
        if ord(ch) > 0x7F and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp") and not covered(ch, coverage):
            missing[ch] = fallback_name(ch)
    if not missing:
        return dot_source, []
    order = sorted(missing, key=dot_source.index)
    return dot_source.translate({ord(ch): missing[ch] for ch in order}), order
