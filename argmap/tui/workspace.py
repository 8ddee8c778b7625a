"""The workspace screen: the maps (and comparisons) in a folder; open or create one."""

from __future__ import annotations

import re
import textwrap

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from argmap.errors import ArgmapError
from argmap.store import is_comparison_path, load_comparison, load_map
from argmap.tui.dialogs import NewMapForm


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Summary(NamedTuple):
    """What the workspace shows of one file (read once per version of the file)."""

    comparison: bool
    title: str  # a comparison's title or "LEFT vs RIGHT"; a map's title
    thesis: str
    counts: tuple[int, int]  # links and 0, or claims and arguments
    error: str | None = None


def summarise(path: Path) -> Summary:
    try:
        if is_comparison_path(path):
            c = load_comparison(path).document
            return Summary(True, c.title or f"{c.left} vs {c.right}", "", (len(c.links), 0))
        m = load_map(path).document
        return Summary(False, m.title, m.claim(m.thesis).text, (len(m.claims), len(m.arguments)))
    except ArgmapError as e:
        return Summary(is_comparison_path(path), "", "", (0, 0), error_place(path, str(e).splitlines()[0]))


def error_place(path: Path, message: str) -> str:
    """The problem without the path the file column already shows: 'line 31,
    column 15: invalid JSON: ...' rather than '/long/path/file.json:31:15: ...'."""
    for prefix in (str(path), path.name):
        found = re.match(re.escape(prefix) + r"(?::(\d+))?(?::(\d+))?:\s*(.*)", message, re.S)
        if found:
            line, column, rest = found.groups()
            where = ", ".join(f"{name} {n}" for name, n in (("line", line), ("column", column)) if n)
            return f"{where}: {rest}" if where else rest
    return message


def folder_entries(folder: Path) -> list[Path]:
    """Map and comparison files in a folder, comparisons first, by name."""
    files = [p for p in folder.glob("*.json") if not p.name.startswith(".")]
    return sorted(files, key=lambda p: (not is_comparison_path(p), p.name))


class WorkspaceScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="workspace_open"),
        Binding("n", "new_map", "New map", id="workspace_new"),
        Binding("g", "reload", "Refresh", show=False, id="workspace_refresh"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.paths: list[Path] = []
        # path -> (mtime_ns, size, summary): a resize or a return from a map only
        # re-reads the files that changed
        self._summaries: dict[Path, tuple[int, int, Summary]] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="workspace-intro")
        yield DataTable(id="maps", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "argmap"
        self.sub_title = str(self.folder)
        table = self.query_one(DataTable)
        table.add_column("file", key="file")
        table.add_column("title / thesis", key="title")
        table.add_column("claims", key="claims")
        table.add_column("args", key="args")
        table.add_column("modified", key="modified")
        self.action_reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.action_reload()

    def on_resize(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        table = self.query_one(DataTable)
        row_before = table.cursor_row
        table.clear()
        self.paths = folder_entries(self.folder) if self.folder.is_dir() else []
        file_width = max((len(p.name) for p in self.paths), default=10)
        # the title column takes what the file, counts and date columns leave
        width = max(20, (self.size.width or 100) - file_width - 44)
        for path in self.paths:
            st = path.stat()
            modified = datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")
            title, claims, args = self._cells(self._summary(path, st), width)
            height = max(1, len(title.plain.splitlines()))
            table.add_row(Text(path.name, style="bold"), title, claims, args, modified, height=height, key=str(path))
        intro = self.query_one("#workspace-intro", Static)
        if self.paths:
            intro.update(Text.assemble(("Maps in ", "dim"), (str(self.folder), "bold"), ("   enter: open · n: new map · q: quit · ?: help", "dim")))
        else:
            intro.update(Text.assemble("No maps in ", (str(self.folder), "bold"), " yet. Press ", ("n", "bold cyan"), " to create one."))
        if self.paths:
            table.move_cursor(row=min(max(row_before, 0), len(self.paths) - 1))

    def _summary(self, path: Path, st) -> Summary:
        cached = self._summaries.get(path)
        if cached is None or cached[:2] != (st.st_mtime_ns, st.st_size):
            cached = (st.st_mtime_ns, st.st_size, summarise(path))
            self._summaries[path] = cached
        return cached[2]

    @staticmethod
    def _cells(s: Summary, width: int) -> tuple[Text, Text, Text]:
        if s.error is not None:
            # wrapped over the row, never cut: the problem is the point
            return Text("\n".join(textwrap.wrap(f"cannot open: {s.error}", max(20, width))), style="red"), Text(""), Text("")
        if s.comparison:
            return (Text.assemble(("comparison ", "bold magenta"), _cut(s.title, width - 11)),
                    Text(f"{s.counts[0]} links", style="dim"), Text(""))
        title = Text.assemble((_cut(s.title, width) + "\n" if s.title else "", "bold"), (_cut(s.thesis, width), ""))
        return title, Text(str(s.counts[0])), Text(str(s.counts[1]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_path(Path(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.paths and 0 <= table.cursor_row < len(self.paths):
            self.app.open_path(self.paths[table.cursor_row])

    async def route_key(self, event: events.Key) -> bool:
        """Run this screen's key bindings at once (see ArgmapApp.on_event), so keys
        typed straight after `n` reach the form it opens, not this screen."""
        return await self.app._check_bindings(event.key)

    async def action_new_map(self) -> None:
        def created(result: dict | None) -> None:
            if result is not None:
                self.app.create_and_open(self.folder / result["file"], result["thesis"], result["title"])

        # awaited: the form is mounted before the next key is read
        await self.app.push_screen(NewMapForm(self.folder), created)
