"""What changed between two versions of a map (`argmap diff`).

Claims are matched by id; claims whose ids differ are matched by text similarity
(greedy best match above a threshold). Arguments are matched by id, then by their
(matched) premises, polarity and target.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["=", "-", "+"]


_TOKEN = re.compile(r"\s*(?:\w[\w'\u2019-]*|[^\w\s])")


def _tokens(text: str) -> list[str]:
    """Words and punctuation, each with the whitespace before it (collapsed)."""
    return [(" " if t[0].isspace() else "") + t.strip() for t in _TOKEN.findall(text)]


def word_diff_segments(old: str, new: str) -> list[tuple[Op, str]]:
    """Word-level diff: runs of equal, removed and added text. Each run keeps the
    space before it, so joining the texts of the "=" and "+" runs gives `new`."""
    a = _tokens(old)
    b = _tokens(new)
    ka = [t.strip() for t in a]
    kb = [t.strip() for t in b]
    out: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            out.append(("-", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("+", "".join(b[j1:j2])))
    if out and out[0][1].startswith(" "):
        out[0] = (out[0][0], out[0][1][1:])
    return out


def render_word_diff(segments: list[tuple[Op, str]], removed: str = "[-{}-]", added: str = "{{+{}+}}", escape=lambda s: s) -> str:
    """Segments as text; a run's leading space stays outside its markers."""
    parts = []
    previous = "="
    for op, text in segments:
        lead = " " if text.startswith(" ") and not (op == "+" and previous == "-") else ""
        previous = op
        body = escape(text.strip())
        parts.append(lead + (body if op == "=" else (removed if op == "-" else added).format(body)))
    return "".join(parts)


def word_diff(old: str, new: str) -> str:
    """`[-removed-]{+added+}` inline, like `git diff --word-diff=plain`."""
    return render_word_diff(word_diff_segments(old, new))
