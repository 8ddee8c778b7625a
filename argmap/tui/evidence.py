"""The evidence dialog: source, quote and locator of one evidence item.

The source is typed as people name it ("WHO 2021") or by id; a name the map does not
know makes a new source, whose authors, year, title and text file are asked right
here. `ctrl+t` picks the quote from the source's text file. Nothing typed is lost:
every field is checked when it is left, and the dialog stays open until all are
right; moving to another item (ctrl+n, ctrl+b, ctrl+o) keeps this one first."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import SuggestFromList
from textual.widgets import Static

from argmap.errors import InputError
from argmap.model import ArgumentMap, Source
from argmap.tui import source_names as names
from argmap.tui.forms import FORM_CSS, Field, FormScreen

NEW_SOURCE_FIELDS = ("authors", "year", "title", "text")


class EvidenceForm(FormScreen):
    """Dismisses with {"source", "quote", "locator", "new_source": Source | None,
    "goto": None | -1 | 1 | 0 (0: a new item)} or None (cancelled)."""

    DEFAULT_CSS = FORM_CSS.format(cls="EvidenceForm")
    BINDINGS = FormScreen.BINDINGS + [
        Binding("ctrl+t", "pick_quote", "Quote from the text", id="form_pick_quote"),
        Binding("ctrl+n,pagedown", "goto(1)", "Next item", id="form_next_item"),
        Binding("ctrl+b,pageup", "goto(-1)", "Previous item", id="form_previous_item"),
        Binding("ctrl+o", "goto(0)", "New item", id="form_new_item"),
    ]
    HINT = (
        "enter: next field / accept on the last · ctrl+s accept · escape cancel\n"
        "ctrl+t quote from the source's text file · ctrl+n / ctrl+b next / previous item · ctrl+o new item "
        "(this one is kept first)"
    )

    def __init__(self, claim_text: str, document: ArgumentMap, map_path: Path, values: dict, position: tuple[int | None, int] = (None, 0)) -> None:
        self.document = document
        self.map_path = Path(map_path)
        index, count = position
        self.position = position
        labels = [names.short_label(s) for s in document.sources]
        fields = [
            Field("source", "Source", values.get("source", ""), "its id or name, e.g. WHO 2021 (empty: remove this item)",
                  suggester=SuggestFromList([*labels, *(s.id for s in document.sources)], case_sensitive=False)),
            Field("authors", "  authors", "", "names, separated by ;"),
            Field("year", "  year", "", "e.g. 2021", check=names.year_problem),
            Field("title", "  title", "", "title of the work"),
            Field("text", "  text file", "", "plain text of it, to pick quotes from (optional)", check=self._text_problem),
            Field("quote", "Quote", values.get("quote", ""), "verbatim passage (ctrl+t: pick it from the text file)"),
            Field("locator", "Locator", values.get("locator", ""), "page or section, e.g. p. 4"),
        ]
        title = f"Evidence {index + 1} of {count}" if index is not None else f"New evidence ({count} so far)"
        super().__init__(fields, title=title, intro=Text(" ".join(claim_text.split()), style="italic"))
        self._goto: int | None = None

    def compose_fields(self) -> ComposeResult:
        for f in self.fields.values():
            yield from self.compose_field(f)
            if f.key == "source":
                yield Static("", id="source-info", classes="info")

    def on_mount(self) -> None:
        super().on_mount()
        self._source_changed(prefill=False)

    def _text_problem(self, typed: str) -> str | None:
        return names.text_file_problem(self.map_path, typed)

    # ------------------------------------------------------------ the source

    def known_source(self) -> Source | None:
        return names.find_source(self.document, self.value("source"))

    def _source_changed(self, *, prefill: bool) -> None:
        typed = self.value("source").strip()
        known = self.known_source()
        new = bool(typed) and known is None
        for key in NEW_SOURCE_FIELDS:
            self.query_one(f"#row-{key}").display = new
            if not new:
                self.show_problem(key, None)
        info = self.query_one("#source-info", Static)
        if not typed:
            has_item = self.position[0] is not None
            info.update(Text("no source: accepting removes this item" if has_item else "", style="dim"))
        elif known is not None:
            line = Text.assemble((f"{known.id}: ", "bold"), names.describe(known))
            if known.text:
                line.append("   ctrl+t picks the quote", style="dim")
            info.update(line)
        else:
            info.update(Text.assemble(("new source ", "bold yellow"), f"(id {names.new_source_id(self.document, typed)}): ", ("check its details below", "dim")))
            if prefill and not any(self.value(k) for k in ("authors", "year", "title")):
                for key, value in names.guess_details(typed).items():
                    self.input(key).value = value

    def on_input_changed(self, event) -> None:
        super().on_input_changed(event)
        if event.input.id == "f-source" and self.is_mounted:
            self._source_changed(prefill=False)

    def field_left(self, key: str) -> None:
        if key == "source":
            self._source_changed(prefill=True)

    def extra_problems(self, values: dict[str, str]) -> dict[str, str]:
        if not values["source"].strip() and (values["quote"].strip() or values["locator"].strip()):
            return {"source": "Which source is this from? Name it (an id or e.g. WHO 2021); to remove the item, clear the quote and locator too."}
        return {}

    def new_source(self) -> Source | None:
        typed = self.value("source").strip()
        if not typed or self.known_source() is not None:
            return None
        text = names.resolve_text_file(self.map_path, self.value("text"))
        return Source(
            id=names.new_source_id(self.document, typed),
            authors=names.parse_authors(self.value("authors")),
            year=names.parse_year(self.value("year")),
            title=self.value("title").strip(),
            text=names.stored_text_path(self.map_path, text) if text is not None else None,
        )

    def result(self, values: dict[str, str]) -> dict:
        known = self.known_source()
        new = self.new_source()
        source_id = known.id if known else new.id if new else ""
        return {"source": source_id, "quote": values["quote"], "locator": values["locator"], "new_source": new, "goto": self._goto, "changed": self.changed()}

    # ------------------------------------------------------------ actions

    def action_goto(self, step: int) -> None:
        self._goto = step
        self.action_accept()
        self._goto = None  # still here: a field is wrong

    def _text_file(self) -> Path | None:
        known = self.known_source()
        if known is not None:
            return names.resolve_text_file(self.map_path, known.text) if known.text else None
        if self.value("text").strip() and self.check_field("text"):
            return names.resolve_text_file(self.map_path, self.value("text"))
        return None

    async def action_pick_quote(self) -> None:
        from argmap.analysis.quotes import read_source_text
        from argmap.tui.quote_picker import QuotePicker

        file = self._text_file()
        if file is None:
            hint = "give its text file below" if self.value("source").strip() and not self.known_source() else "set its text file in the sources list (b)"
            self.say(f"This source names no plain-text file to pick from: {hint}." if self.value("source").strip() else "Name the source first.")
            return
        try:
            text = read_source_text(file)
        except InputError as e:
            self.say(str(e))
            return
        known = self.known_source()
        title = names.short_label(known) if known else self.value("source").strip()

        def picked(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            quote, locator = result
            self.input("quote").value = quote
            self.input("locator").value = locator
            self.input("quote").cursor_position = 0
            self.set_focus(self.input("locator"))

        await self.app.push_screen(QuotePicker(file, text, title), picked)

    def say(self, message: str) -> None:
        box = self.query_one("#form-problem", Static)
        box.update(Text(message))
        box.display = True
