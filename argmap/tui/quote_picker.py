"""Pick a quote from a source's plain text: a read-only, searchable view of the file.

Select a passage (search with `/`, extend with shift+arrows, `s` the whole sentence)
and `enter` takes it: the quote verbatim (whitespace collapsed, as `argmap quotes`
compares) and its locator, the line and the section heading above it."""

from __future__ import annotations

import bisect
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea
from textual.widgets.text_area import Selection

from argmap.analysis.quotes import collapse_whitespace, find_passage, headings, passage_locator, sentence_around

PICKER_HINT = "/ search · n / N next / previous match · shift+arrows extend · s sentence · enter take it · escape cancel"


class SourceView(TextArea):
    """The source text, read-only; `enter` is the screen's (take the passage)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            return  # not a new line: the screen's binding takes the passage
        await super()._on_key(event)


class QuotePicker(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (quote, locator), or None."""

    DEFAULT_CSS = """
    QuotePicker { align: center middle; }
    QuotePicker > Vertical { width: 100%; height: 100%; border: thick $primary; background: $surface; }
    QuotePicker #picker-search { height: 1; background: $boost; }
    QuotePicker #picker-text { height: 1fr; border: none; }
    QuotePicker .hint { color: $text-muted; height: auto; width: 100%; padding: 0 1; }
    QuotePicker #picker-status { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "take", "Take passage", id="picker_take"),
        Binding("escape", "cancel", "Cancel", id="picker_cancel"),
        Binding("slash", "search", "Search", id="picker_search"),
        Binding("n", "next_match", "Next match", id="picker_next"),
        Binding("N,shift+n", "previous_match", "Previous match", id="picker_previous"),
        Binding("s", "sentence", "Sentence", id="picker_sentence"),
    ]

    def __init__(self, path: Path, text: str, title: str = "") -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.title_text = title or path.name
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self._sections = headings(text)
        self._needle = ""

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = f"Pick a quote: {self.title_text} ({self.path.name})"
            yield Input(placeholder="search the text (enter: jump to it; escape: back to the text)", id="picker-search", compact=True)
            yield SourceView(self.text, id="picker-text", read_only=True, soft_wrap=True, show_line_numbers=True)
            yield Static("", id="picker-status")
            yield Label(Text(PICKER_HINT, style="dim"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.view)
        self._status()

    @property
    def view(self) -> SourceView:
        return self.query_one(SourceView)

    # ------------------------------------------------------------ offsets and locations

    def location(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._line_starts, offset) - 1
        return row, offset - self._line_starts[row]

    def offset(self, location: tuple[int, int]) -> int:
        row, col = location
        return self._line_starts[row] + col

    def select(self, start: int, end: int) -> None:
        self.view.selection = Selection(self.location(start), self.location(end))
        self.view.scroll_cursor_visible(center=True)
        self._status()

    def selected_span(self) -> tuple[int, int]:
        a, b = (self.offset(x) for x in self.view.selection)
        return min(a, b), max(a, b)

    # ------------------------------------------------------------ keys

    async def route_key(self, event: events.Key) -> bool:
        """Keys in order, at once (see ArgmapApp.on_event): `/`, a search and `enter`
        typed in one burst land in the search line."""
        search = self.query_one("#picker-search", Input)
        if self.focused is search:
            if event.key == "enter":
                self._search(search.value)
                return True
            if event.key == "escape":
                self.set_focus(self.view)
                return True
            if event.is_printable:
                await search._on_key(event)
                return True
        return await self.app._check_bindings(event.key)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._search(event.value)

    def action_search(self) -> None:
        self.set_focus(self.query_one("#picker-search", Input))

    def _search(self, needle: str) -> None:
        self._needle = needle
        self.set_focus(self.view)
        self._jump(forward=True, from_start=True)

    def _jump(self, *, forward: bool, from_start: bool = False) -> None:
        if not self._needle.strip():
            self._status("Search first: / and a few words of the passage.")
            return
        start, end = self.selected_span()
        at = start if from_start else (end if forward else start)
        found = find_passage(self.text, self._needle, at, backwards=not forward)
        if found is None:
            self._status(f"Not in the text: {self._needle!r}")
            return
        self.select(*found)

    def action_next_match(self) -> None:
        self._jump(forward=True)

    def action_previous_match(self) -> None:
        self._jump(forward=False)

    def action_sentence(self) -> None:
        """Select the sentence(s) the selection touches."""
        start, end = self.selected_span()
        first, _ = sentence_around(self.text, start)
        _, last = sentence_around(self.text, max(start, end - 1))
        self.select(first, last)

    def action_take(self) -> None:
        start, end = self.selected_span()
        if start == end:
            start, end = sentence_around(self.text, start)
        quote = collapse_whitespace(self.text[start:end])
        if not quote:
            self._status("Nothing selected: select a passage (shift+arrows, s for the sentence).")
            return
        self.dismiss((quote, passage_locator(self.text, start, self._sections)))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        self._status()

    def _status(self, message: str | None = None) -> None:
        status = self.query_one("#picker-status", Static)
        if message:
            status.update(Text(message, style="bold yellow"))
            return
        start, end = self.selected_span()
        where = passage_locator(self.text, start, self._sections)
        if start == end:
            status.update(Text.assemble(("at ", "dim"), where, ("   enter takes the sentence here", "dim")))
        else:
            words = len(self.text[start:end].split())
            status.update(Text.assemble(("selected ", "dim"), f"{words} words", (" at ", "dim"), where))
