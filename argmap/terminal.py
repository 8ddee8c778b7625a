"""Text that reaches a terminal shows control characters instead of obeying them.

A claim may carry escape sequences (OSC 52 sets the clipboard, CSI 2J clears the
screen, OSC 0 retitles the window) or bidirectional overrides that reorder what is
shown. What argmap prints to a terminal shows them as `\\u001b` (valid inside JSON
strings too); files and pipes get the bytes unchanged, since they are data.
"""

from __future__ import annotations

import sys
from io import TextIOBase  # not typing.TextIO: typing costs ~2 ms of start-up

_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0))
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
VISIBLE = {c: f"\\u{c:04x}" for c in _CONTROLS + _BIDI}


def visible(text: str) -> str:
    """`text` with C0/C1 controls (but tab and newline), DEL and bidi controls shown
    as `\\uXXXX`."""
    return text.translate(VISIBLE)


class VisibleStream:
    """A text stream that writes `visible(text)` to another; everything else
    (buffer for binary output, encoding, isatty, flush) is the other stream's."""

    def __init__(self, stream: TextIOBase) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def guard_terminal_output() -> None:
    """Show control characters on standard error always (messages quote file
    contents) and on standard output when it is a terminal."""
    if not isinstance(sys.stderr, VisibleStream) and sys.stderr is not None:
        sys.stderr = VisibleStream(sys.stderr)
    if not isinstance(sys.stdout, VisibleStream) and sys.stdout is not None and sys.stdout.isatty():
        sys.stdout = VisibleStream(sys.stdout)
