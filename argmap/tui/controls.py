"""Control characters in the TUI are shown, never sent to the terminal.

Rich and Textual drop only BEL, BS, VT, FF and CR from text; an ESC in a claim
reached the terminal, so a map could retitle the window (OSC 2), set the clipboard
(OSC 52) or clear the screen. Both libraries strip through one translation table
each; extending those tables covers every widget at once: C0 controls (but tab and
newline) and DEL become their Unicode control pictures (ESC -> U+241B), C1 controls
and bidirectional overrides U+FFFD.
"""

from __future__ import annotations

from argmap.terminal import VISIBLE

_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: "\u2421"}
SHOWN = {c: _PICTURES.get(c, "\ufffd") for c in VISIBLE}


def show_control_characters() -> None:
    """Make Rich's and Textual's control-code stripping show what it does not drop."""
    import rich.control
    import textual.content

    for table in (rich.control._CONTROL_STRIP_TRANSLATE, textual.content._CONTROL_STRIP_TRANSLATE):
        for code, shown in SHOWN.items():
            if code not in table:  # keep dropping what the libraries drop (CR, BS...)
                table[code] = shown
