"""The map's details and its sources: the map's title, description and authors; each
source's authors, year, title, venue, url and plain-text file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from argmap.model import ArgumentMap, Source
from argmap.tui import source_names as names
from argmap.tui.forms import FORM_CSS, Field, FormScreen


class MapDetailsForm(FormScreen):
    """Dismisses with the fields for `edit.edit_map` (title, description, authors)."""

    DEFAULT_CSS = FORM_CSS.format(cls="MapDetailsForm")

    def __init__(self, m: ArgumentMap) -> None:
        super().__init__(
            [
                Field("title", "Title", m.title, "a short title, e.g. Cars in cities (diagrams and reports show it)"),
                Field("description", "About", m.description, "one or two sentences on what the map is (optional)"),
                Field("authors", "Authors", "; ".join(m.authors), "who made the map: names separated by ; (optional)"),
            ],
            title="Map details",
        )

    def result(self, values: dict[str, str]) -> dict:
        return {"title": values["title"].strip(), "description": values["description"].strip(), "authors": names.parse_authors(values["authors"])}


class SourceForm(FormScreen):
    """Dismisses with the fields for `edit.edit_source` (authors, year, title, venue,
    url, text)."""

    DEFAULT_CSS = FORM_CSS.format(cls="SourceForm")

    def __init__(self, source: Source, map_path: Path) -> None:
        self.map_path = Path(map_path)
        super().__init__(
            [
                Field("authors", "Authors", "; ".join(source.authors), "names, separated by ;"),
                Field("year", "Year", "" if source.year is None else str(source.year), "e.g. 2021", check=names.year_problem),
                Field("title", "Title", source.title, "title of the work"),
                Field("venue", "Venue", source.venue or "", "journal, publisher, site (optional)"),
                Field("url", "URL", source.url or "", "https://... (optional)", check=_url_problem),
                Field("text", "Text file", source.text or "", "plain UTF-8 text of it, to pick and check quotes (optional)", check=self._text_problem),
            ],
            title=f"Source {source.id}",
        )

    def _text_problem(self, typed: str) -> str | None:
        return names.text_file_problem(self.map_path, typed)

    def result(self, values: dict[str, str]) -> dict:
        text = names.resolve_text_file(self.map_path, values["text"])
        return {
            "authors": names.parse_authors(values["authors"]),
            "year": names.parse_year(values["year"]),
            "title": values["title"].strip(),
            "venue": values["venue"].strip() or None,
            "url": values["url"].strip() or None,
            "text": names.stored_text_path(self.map_path, text) if text is not None else None,
        }


def _url_problem(value: str) -> str | None:
    value = value.strip()
    if value and (" " in value or "." not in value):
        return f"{value!r} does not look like an address (e.g. https://example.org/page)"
    return None


class SourcesScreen(ModalScreen[str | None]):
    """The map's sources; `enter` edits one (dismisses with its id)."""

    DEFAULT_CSS = """
    SourcesScreen { align: center middle; }
    SourcesScreen > Vertical { width: 110; max-width: 100%; height: auto; max-height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    SourcesScreen DataTable { height: auto; max-height: 24; }
    SourcesScreen .hint { color: $text-muted; height: auto; width: 100%; }
    """
    BINDINGS = [Binding("escape,q", "close", "Close", id="sources_close")]

    def __init__(self, m: ArgumentMap, cited: dict[str, int]) -> None:
        super().__init__()
        self.map = m
        self.cited = cited

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = f"Sources ({len(self.map.sources)})"
            if not self.map.sources:
                yield Label(Text("No sources yet: add evidence to a claim (v) and name its source there.", style="italic"))
            yield DataTable(id="sources", cursor_type="row", zebra_stripes=True)
            yield Label(Text("enter: edit the source (authors, year, title, url, text file) · escape: close", style="dim"), classes="hint")

    def on_mount(self) -> None:
        """Columns sized to the screen: a long name ends in '…', the details take the
        rest, and the count always shows."""
        table = self.query_one(DataTable)
        room = min(108, self.app.size.width - 4)
        id_width = min(24, max((len(s.id) for s in self.map.sources), default=4))
        label_width = min(26, max((len(names.short_label(s)) for s in self.map.sources), default=8))
        table.add_column("id", width=id_width)
        table.add_column("cited as", width=label_width)
        table.add_column("details", width=max(10, room - id_width - label_width - 16))
        table.add_column("cited", width=6)
        for s in self.map.sources:
            cells = (s.id, names.short_label(s), names.describe(s))
            table.add_row(*(Text(c, overflow="ellipsis", no_wrap=True) for c in cells), str(self.cited.get(s.id, 0)), key=s.id)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)
