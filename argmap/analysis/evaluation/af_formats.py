"""Read and write Dung frameworks: TGF, APX (ASPARTIX) and ICCMA'23.

- TGF: one argument name per line (anything after the first word is a label and is
  ignored), a line `#`, then `attacker attacked` lines (a third word is a label).
- APX: `arg(a).` and `att(a,b).` facts, any number per line, `%` comments.
- ICCMA'23 (`.i23`, `.af`): a header `p af N`, then `i j` attack lines with
  arguments numbered 1..N; lines starting with `#` are comments.

Every problem is reported as FILE:LINE:COL with the column of the offending token.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.analysis.evaluation.framework import Framework
from argmap.gcpause import collector_paused
from argmap.errors import InputError
from argmap.store import DEFAULT_MAX_BYTES, decode_utf8, read_bytes

SUFFIXES = {".tgf": "tgf", ".apx": "apx", ".i23": "iccma23", ".af": "iccma23"}
NAME_RE = re.compile(r"[^\s(),.%#][^\s(),%]*")


def format_of(path: str | Path) -> str | None:
    """The framework format a file name implies, or None (then it is not a framework)."""
    return SUFFIXES.get(Path(path).suffix.lower())


def is_framework_path(path: str | Path) -> bool:
    return format_of(path) is not None


def _decode(path: Path | str, data: bytes) -> str:
    return decode_utf8(path, data, "utf-8-sig")


def _tokens(line: str) -> list[tuple[int, str]]:
    """Whitespace-separated words with their 1-based columns."""
    return [(m.start() + 1, m.group()) for m in re.finditer(r"\S+", line)]


class _Builder:
    def __init__(self, path: Path | str):
        self.path = path
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        self.attacks: list[tuple[int, int]] = []

    def error(self, line: int, col: int, msg: str) -> InputError:
        return InputError(f"{self.path}:{line}:{col}: {msg}")

    def add_argument(self, name: str, line: int, col: int) -> None:
        if name in self.index:
            raise self.error(line, col, f"argument {name!r} declared twice")
        self.index[name] = len(self.names)
        self.names.append(name)

    def lookup(self, name: str, line: int, col: int) -> int:
        i = self.index.get(name)
        if i is None:
            raise self.error(line, col, f"attack names undeclared argument {name!r}")
        return i

    def build(self) -> Framework:
        return Framework.build(self.names, self.attacks)


def parse_tgf(text: str, path: Path | str = "<tgf>") -> Framework:
    b = _Builder(path)
    in_edges = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if in_edges:  # the common case, kept fast
            parts = line.split()
            if len(parts) >= 2 and parts[0] in b.index and parts[1] in b.index and parts[0] != "#":
                b.attacks.append((b.index[parts[0]], b.index[parts[1]]))
                continue
        words = _tokens(line)
        if not words:
            continue
        if words[0][1] == "#" or (not in_edges and words[0][1].startswith("#")):
            if in_edges:
                raise b.error(lineno, words[0][0], "a second '#' line; TGF has one, between arguments and attacks")
            in_edges = True
            continue
        if not in_edges:
            col, name = words[0]
            b.add_argument(name, lineno, col)
            continue
        if len(words) < 2:
            raise b.error(lineno, words[0][0] + len(words[0][1]), "expected 'attacker attacked' (two argument names)")
        (ca, a), (cb, t) = words[0], words[1]
        b.attacks.append((b.lookup(a, lineno, ca), b.lookup(t, lineno, cb)))
    return b.build()


_APX_FACT = re.compile(r"\s*(arg|att)\s*\(\s*([^\s(),]+)\s*(?:,\s*([^\s(),]+)\s*)?\)\s*\.")


def parse_apx(text: str, path: Path | str = "<apx>") -> Framework:
    b = _Builder(path)
    pending: list[tuple[str, str, int, int, int, int]] = []  # attacks may precede their args
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0]
        fact = line.strip()
        if fact.startswith("att(") and fact.endswith(").") and fact.count(",") == 1:  # fast path
            first, second = (x.strip() for x in fact[4:-2].split(","))
            if NAME_RE.fullmatch(first) and NAME_RE.fullmatch(second):
                pending.append((first, second, lineno, 0, lineno, 0))  # columns found on error
                continue
        pos = 0
        while True:
            while pos < len(line) and line[pos].isspace():
                pos += 1
            if pos >= len(line):
                break
            m = _APX_FACT.match(line, pos)
            if not m:
                raise b.error(lineno, pos + 1, "expected a fact 'arg(NAME).' or 'att(NAME,NAME).'")
            kind, first, second = m.group(1), m.group(2), m.group(3)
            if kind == "arg":
                if second is not None:
                    raise b.error(lineno, m.start(3) + 1, "arg/1 takes one name: 'arg(NAME).'")
                b.add_argument(first, lineno, m.start(2) + 1)
            else:
                if second is None:
                    raise b.error(lineno, m.end(2) + 1, "att/2 takes two names: 'att(ATTACKER,ATTACKED).'")
                pending.append((first, second, lineno, m.start(2) + 1, lineno, m.start(3) + 1))
            pos = m.end()
    lines = None
    for a, t, la, ca, lt, ct in pending:
        if ca == 0 and (a not in b.index or t not in b.index):
            lines = lines or text.splitlines()
            m = _APX_FACT.match(lines[la - 1], lines[la - 1].index("att("))
            ca, ct = m.start(2) + 1, m.start(3) + 1
        b.attacks.append((b.lookup(a, la, ca), b.lookup(t, lt, ct)))
    return b.build()


MIN_ARGUMENT_BOUND = 100_000


def _is_number(word: str) -> bool:
    """ASCII digits only: str.isdigit() also takes '²', which int() refuses."""
    return word.isascii() and word.isdigit() and len(word) <= 30


def parse_iccma23(text: str, path: Path | str = "<i23>") -> Framework:
    b = _Builder(path)
    n: int | None = None
    attacks = b.attacks
    for lineno, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if n is not None and len(words) == 2:  # the common case, kept fast
            x, y = words
            if _is_number(x) and _is_number(y):
                i, j = int(x), int(y)
                if 1 <= i <= n and 1 <= j <= n:
                    attacks.append((i - 1, j - 1))
                    continue
        located = _tokens(line)
        if n is None:
            if len(words) != 3 or words[0] != "p" or words[1] != "af":
                raise b.error(lineno, located[0][0], "expected the header 'p af N' (N = number of arguments)")
            col, count = located[2]
            if not _is_number(count):
                raise b.error(lineno, col, f"argument count must be a whole number, got {count!r}")
            n = int(count)
            if n > max(MIN_ARGUMENT_BOUND, len(text)):  # 15 bytes must not build 300M names
                raise b.error(lineno, col, f"'p af {n}' declares {n:,} arguments in a {len(text):,}-character file; "
                                           f"at most one per character of the file (or {MIN_ARGUMENT_BOUND:,})")
            b.names.extend(str(i) for i in range(1, n + 1))
            continue
        if len(words) != 2:
            col = located[2][0] if len(words) > 2 else located[0][0] + len(words[0])
            raise b.error(lineno, col, "expected an attack 'i j' (two argument numbers)")
        for col, word in located:
            if not _is_number(word) or not 1 <= int(word) <= n:
                raise b.error(lineno, col, f"argument {word!r} is not a number in 1..{n}")
    if n is None:
        raise InputError(f"{path}:1:1: missing the header 'p af N'")
    return b.build()


PARSERS = {"tgf": parse_tgf, "apx": parse_apx, "iccma23": parse_iccma23}


def load_framework(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Framework:
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise InputError(f"{path}: not a framework file (expected .tgf, .apx, .i23 or .af)")
    text = _decode(path, read_bytes(path, max_bytes))
    with collector_paused():
        return PARSERS[fmt](text, path)


# ---------------------------------------------------------------- writers


def _check_names(af: Framework, fmt: str) -> None:
    for name in af.names:
        if not NAME_RE.fullmatch(name):
            raise ValueError(f"argument name {name!r} cannot be written as {fmt}")


def to_tgf(af: Framework) -> str:
    _check_names(af, "TGF")
    lines = list(af.names) + ["#"]
    lines += [f"{af.names[a]} {af.names[b]}" for a, b in af.attacks()]
    return "\n".join(lines) + "\n"


def to_apx(af: Framework) -> str:
    _check_names(af, "APX")
    lines = [f"arg({name})." for name in af.names]
    lines += [f"att({af.names[a]},{af.names[b]})." for a, b in af.attacks()]
    return "\n".join(lines) + "\n"


def to_iccma23(af: Framework) -> str:
    """Arguments are renumbered 1..N in order; a comment line maps numbers to names
    when the names are not already 1..N."""
    lines = [f"p af {len(af)}"]
    if list(af.names) != [str(i) for i in range(1, len(af) + 1)]:
        lines += [f"# {i} {name}" for i, name in enumerate(af.names, 1)]
    lines += [f"{a + 1} {b + 1}" for a, b in af.attacks()]
    return "\n".join(lines) + "\n"


WRITERS = {"tgf": to_tgf, "apx": to_apx, "iccma23": to_iccma23}


def dumps_framework(af: Framework, path: str | Path) -> bytes:
    fmt = format_of(path)
    if fmt is None:
        raise InputError(f"{path}: cannot tell the framework format (use .tgf, .apx, .i23 or .af)")
    return WRITERS[fmt](af).encode("utf-8")
