"""Reading a text file with a size limit and located UTF-8 errors; without pydantic,
so that commands on plain text files (Dung frameworks) start fast. store.py re-exports
these for maps."""

from __future__ import annotations

from pathlib import Path

from argmap.errors import InputError
from argmap.fsio import read_regular

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `max_bytes` (see argmap.fsio.read_regular)."""
    return read_regular(path, max_bytes)


def decode_utf8(path: Path | str, data: bytes, encoding: str = "utf-8") -> str:
    """bytes -> text; bytes that are not UTF-8 are an InputError at FILE:LINE:COL.
    `encoding="utf-8-sig"` also accepts (and drops) a byte-order mark."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Windows tools save "Unicode" so
            raise InputError(f"{path}:1:1: UTF-16 text (byte-order mark 0x{data[0]:02x} 0x{data[1]:02x}); "
                             "argmap reads UTF-8: save the file as UTF-8") from None
        line, col = line_col(data, e.start, b"\n")
        raise InputError(f"{path}:{line}:{col}: not UTF-8 text (byte 0x{data[e.start]:02x})") from None


def line_col(text, offset: int, newline) -> tuple[int, int]:
    line = text.count(newline, 0, offset) + 1
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1
