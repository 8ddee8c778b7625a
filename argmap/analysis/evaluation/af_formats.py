"""Read and write Dung frameworks: TGF, APX (ASPARTIX) and ICCMA'23.

- TGF: one argument name per line (anything after the first word is a label and is
  ignored), a line `#`, then `attacker attacked` lines (a third word is a label).
- APX: `arg(a).` and `att(a,b).` facts, any number per line, `%` comments; an
  argument declared twice is one argument (as clingo reads it).
- ICCMA'23 (`.i23`, `.af`): a header `p af N`, then `i j` attack lines with
  arguments numbered 1..N; lines starting with `#` are comments.

Every problem is reported as FILE:LINE:COL with the column of the offending token.
Files are read whole when they are well formed (_apx_fast, _iccma23_fast: one check
of the whole text, then the facts); any problem sends the file through the
line-by-line reader, which locates it. Large ones are read by numpy: ICCMA'23's
numbers directly, and APX's when its names are one prefix and a number (a1, a2, ...;
_apx_numbered), which spares the 3M dictionary lookups of mapping names to arguments
(APX at 1M arguments: 2.8 s end to end, ICCMA'23 2.4 s; benchmarks/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.analysis.evaluation.framework import NUMPY_FROM, Framework
from argmap.gcpause import collector_paused
from argmap.errors import InputError
from argmap.textfile import DEFAULT_MAX_BYTES, decode_utf8, read_bytes

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

    def add_argument(self, name: str, line: int, col: int, repeat_ok: bool = False) -> None:
        if name in self.index:
            if repeat_ok:
                return
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
_APX_ARG = re.compile(r"arg\s*\(\s*([^\s(),]+)\s*\)\s*\.")
_APX_ATTACKER = re.compile(r"att\s*\(\s*([^\s(),]+)")
_APX_ATTACKED = re.compile(r",\s*([^\s(),]+)")
_APX_FACTS = re.compile(r"arg\s*\(\s*[^\s(),]+\s*\)\s*\.|att\s*\(\s*[^\s(),]+\s*,\s*[^\s(),]+\s*\)\s*\.")
_COMMENT = re.compile(r"%[^\n]*")


def _apx_fast(text: str) -> Framework | None:
    """A well-formed APX text in three passes of compiled expressions; None if any
    fact is malformed or names an undeclared argument."""
    if "%" in text:
        text = _COMMENT.sub("", text)
    rest = _APX_FACTS.sub("", text)  # well formed: only whitespace is left (a fullmatch
    if rest and not rest.isspace():  # of the whole text would keep 1 GB of state at 1M facts)
        return None
    names = list(dict.fromkeys(_APX_ARG.findall(text)))
    index = dict(zip(names, range(len(names))))
    try:
        # the text is well formed, so a comma belongs to an attack: before it the attacker
        attackers = list(map(index.__getitem__, _APX_ATTACKER.findall(text)))
        attacked = list(map(index.__getitem__, _APX_ATTACKED.findall(text)))
    except KeyError:
        return None
    if len(attackers) >= NUMPY_FROM:
        return Framework.from_arrays(names, attackers, attacked)
    return Framework.build(names, list(zip(attackers, attacked)))


_NOT_DIGITS = bytes(b if 48 <= b <= 57 else 32 for b in range(256))  # bytes.translate: all but digits -> space
_DIGITS_TO_ZERO = bytes(48 if 48 <= b <= 57 else b for b in range(256))
_APX_FIRST_PREFIX = re.compile(r"\s*arg\s*\(\s*([^\s(),0-9%]*)[0-9]")  # a1 -> "a"
_APX_ARG_KEYWORD = re.compile(rb"arg\s*\(")
_APX_ATT_KEYWORD = re.compile(rb"att\s*\(")


def _apx_numbered(text: str) -> Framework | None:
    """A large APX text whose names are one prefix and a number (a1, a2, ...: what
    generators write), arguments declared before attacks, read like ICCMA'23: one
    expression checks the whole text, then numpy reads the numbers (names are mapped
    to arguments by sorted search instead of 3M dictionary lookups). None otherwise."""
    head = _APX_FIRST_PREFIX.match(text)
    if head is None or "%" in text:
        return None
    import numpy as np

    raw = text.encode()  # keywords and prefix have no digits: the digits left are the numbers
    first_attack = _APX_ATT_KEYWORD.search(raw)
    split = first_attack.start() if first_attack else len(raw)
    if _APX_ARG_KEYWORD.search(raw, split):
        return None  # a declaration among the attacks
    declared = np.fromstring(raw[:split].translate(_NOT_DIGITS), dtype=np.int64, sep=" ")
    ends = np.fromstring(raw[split:].translate(_NOT_DIGITS), dtype=np.int64, sep=" ")
    prefix = head.group(1)
    if not _apx_as_written(np, raw, prefix.encode(), len(declared), len(ends) // 2):
        number = re.escape(prefix) + "(?:0|[1-9][0-9]{0,17})"  # one spelling per number, fits int64
        facts = re.compile(rf"arg\s*\(\s*{number}\s*\)\s*\.|att\s*\(\s*{number}\s*,\s*{number}\s*\)\s*\.")
        rest = facts.sub("", text)
        if rest and not rest.isspace():
            return None
    del raw
    numbers, first = np.unique(declared, return_index=True)  # an argument declared twice is one
    index = _number_index(np, numbers, first, ends)
    if index is None:
        return None  # an undeclared argument: the line reader names it
    names = [f"{prefix}{k}" for k in declared[np.sort(first)].tolist()]
    return Framework.from_arrays(names, index[0::2], index[1::2])


def _apx_as_written(np, raw: bytes, prefix: bytes, arguments: int, attacks: int) -> bool:
    """Whether `raw` is exactly `arg(P1).` lines then `att(P1,P2).` lines, P the prefix,
    numbers without leading zeros and of at most 18 digits: the layout generators
    write, checked by numpy in ~0.1 s (the general expression takes 0.45 s at 1M
    arguments). Every run of digits is cut to its first, the digits made 0, and the
    result compared with the text such a file would have."""
    a = np.frombuffer(raw, np.uint8)
    digit = (a >= 48) & (a <= 57)
    edge = np.diff(digit.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, stops = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    del edge
    if len(starts) and ((stops - starts).max() > 18 or ((a[starts] == 48) & (stops - starts > 1)).any()):
        return False
    digit[starts] = False  # keep the first digit of each number
    squeezed = a[~digit].tobytes().translate(_DIGITS_TO_ZERO)
    return squeezed == b"arg(%s0).\n" % prefix * arguments + b"att(%s0,%s0).\n" % (prefix, prefix) * attacks


def _number_index(np, numbers, first, wanted):
    """The argument index of each of `wanted` (numbers), arguments being `numbers`
    (sorted, unique) declared at positions `first`; None if one is not declared. A
    table indexed by number where the numbers are dense (binary search over 1M
    numbers for 3M random ones took a second)."""
    index_of = np.empty(len(numbers), dtype=np.int64)  # numbers[j] is argument index_of[j] (file order)
    index_of[np.argsort(first)] = np.arange(len(numbers))
    if not len(wanted):
        return index_of[:0]
    if not len(numbers) or wanted.min() < numbers[0] or wanted.max() > numbers[-1]:
        return None
    if numbers[-1] <= 8 * len(numbers) + 1024:
        table = np.full(numbers[-1] + 1, -1, dtype=np.int64)
        table[numbers] = index_of
        index = table[wanted]
        return None if (index < 0).any() else index
    at = np.searchsorted(numbers, wanted)
    return None if (numbers[at] != wanted).any() else index_of[at]


def parse_apx(text: str, path: Path | str = "<apx>") -> Framework:
    fast = _apx_numbered(text) if len(text) >= 12 * NUMPY_FROM else None
    fast = fast if fast is not None else _apx_fast(text)
    return fast if fast is not None else _apx_lines(text, path)


def _apx_lines(text: str, path: Path | str) -> Framework:
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
                b.add_argument(first, lineno, m.start(2) + 1, repeat_ok=True)
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


_I23_SMALL_OTHER = re.compile(r"[^0-9 \t\r\n]|\d{19}")  # numbers (that fit numpy's int64) and whitespace only
_I23_SMALL_NOT_TWO = re.compile(r"^[ \t]*\S+[ \t]*\r?$|^[ \t]*\S+[ \t]+\S+[ \t]+\S", re.M)  # a line of 1 or 3+ words


def _iccma23_fast(text: str) -> Framework | None:
    """A well-formed ICCMA'23 text without comments, its attacks read by numpy in one
    pass; None otherwise (then the line reader says what is wrong)."""
    if "#" in text:
        return None
    head, _, body = text.partition("\n")
    words = head.split()
    if len(words) != 3 or words[:2] != ["p", "af"] or not _is_number(words[2]):
        return None
    n = int(words[2])
    if n > max(MIN_ARGUMENT_BOUND, len(text)) or body.count("\r") != body.count("\r\n"):
        return None  # (a lone CR ends a line for the line reader, not for the checks below)
    if len(body) < 12 * NUMPY_FROM:  # small: numpy's import would cost more than it saves
        if _I23_SMALL_OTHER.search(body) or _I23_SMALL_NOT_TWO.search(body):
            return None
        numbers = list(map(int, body.split()))
        if numbers and not (1 <= min(numbers) and max(numbers) <= n):
            return None
        return Framework.build(_numbered(n), [(numbers[i] - 1, numbers[i + 1] - 1) for i in range(0, len(numbers), 2)])
    return _iccma23_numpy(body, n)


def _iccma23_numpy(body: str, n: int) -> Framework | None:
    """_iccma23_fast for large files, whose body has no lone CR."""
    import numpy as np

    raw = body.encode()
    if raw.translate(None, b"0123456789 \t\r\n") or not _two_numbers_per_line(np, raw):
        return None
    flat = np.fromstring(raw, dtype=np.int64, sep=" ")
    if len(flat) and not (1 <= flat.min() and flat.max() <= n):
        return None
    return Framework.from_arrays(_numbered(n), flat[0::2] - 1, flat[1::2] - 1)


def _numbered(n: int) -> list[str]:
    return [str(i) for i in range(1, n + 1)]


def _two_numbers_per_line(np, raw: bytes) -> bool:
    """Whether every line of `raw` (digits and blanks only) that is not blank holds
    two numbers of at most 18 digits (they fit int64). Vectorised: the two regular
    expressions of small files took 1.4 s of a 1.5M-attack file, this 0.1 s."""
    digit = np.frombuffer(raw, np.uint8) >= 48  # only digits and blanks are left
    edge = np.diff(digit.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    del digit, edge
    if len(starts) % 2 or (len(starts) and (ends - starts).max() > 18):
        return False
    line = np.searchsorted(np.flatnonzero(np.frombuffer(raw, np.uint8) == 10), starts)  # each number's line
    return bool((line[0::2] == line[1::2]).all() and (line[2::2] > line[1:-1:2]).all())


def parse_iccma23(text: str, path: Path | str = "<i23>") -> Framework:
    fast = _iccma23_fast(text)
    return fast if fast is not None else _iccma23_lines(text, path)


def _iccma23_lines(text: str, path: Path | str) -> Framework:
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
