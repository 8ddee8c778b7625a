"""The conflict list: a map (or comparison) a merge left conflicts in opens here first.

For the selected conflict both versions stand side by side, the disputed fields
marked; `o` takes ours, `t` theirs, `b` both (where that makes sense), `e` edits
ours' version (as JSON) before taking it. Each decision is saved at once (atomic,
refusing to overwrite a file changed on disk); when the last one is decided the
screen closes and the map opens as usual. `escape` leaves the rest for later (the
editor keeps them; `argmap validate` fails until they are decided).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from argmap.analysis.merge_resolve import can_take_both, describe, field_value, resolve
from argmap.errors import ArgmapError
from argmap.fsio import read_regular
from argmap.model import Conflict
from argmap.store import DEFAULT_MAX_BYTES, is_comparison_path, load_comparison, load_map, save_document

CONFLICT_BINDINGS = [
    Binding("o", "take('ours')", "Take ours", id="conflict_ours"),
    Binding("t", "take('theirs')", "Take theirs", id="conflict_theirs"),
    Binding("b", "take('both')", "Take both", id="conflict_both"),
    Binding("e", "edit", "Edit", id="conflict_edit"),
    Binding("escape", "later", "Decide later", id="conflict_later"),
]


def has_conflicts(path: Path) -> bool:
    """Does this file hold conflicts left by a merge? (False when it cannot be read:
    opening it reports why.)"""
    try:
        if b'"conflicts":' not in read_regular(path, DEFAULT_MAX_BYTES):  # only ever a key: in a string the quotes are escaped
            return False
        return bool(_load(path).document.conflicts)
    except (OSError, ArgmapError):
        return False


def _load(path: Path):
    return (load_comparison if is_comparison_path(path) else load_map)(path)


class ConflictScreen(Screen[int]):
    """Decide a file's merge conflicts; dismisses with the number left."""

    DEFAULT_CSS = """
    ConflictScreen { layout: vertical; }
    ConflictScreen #conflict-head { height: auto; padding: 0 1; background: $boost; }
    ConflictScreen OptionList { height: 1fr; max-height: 40%; }
    ConflictScreen #conflict-base { height: auto; padding: 0 1; color: $text-muted; }
    ConflictScreen #versions { height: 2fr; }
    ConflictScreen .version { width: 1fr; border: round $secondary; padding: 0 1; }
    ConflictScreen #conflict-edit { height: 2fr; display: none; }
    ConflictScreen.editing #conflict-edit { display: block; }
    ConflictScreen.editing #versions { display: none; }
    """
    BINDINGS = CONFLICT_BINDINGS

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.loaded = _load(path)
        self.document = self.loaded.document

    def compose(self) -> ComposeResult:
        yield Static(id="conflict-head")
        yield OptionList(id="conflict-list")
        yield Static(id="conflict-base")
        with Horizontal(id="versions"):
            with VerticalScroll(classes="version") as ours:
                ours.border_title = "ours (provisional)"
                yield Static(id="ours")
            with VerticalScroll(classes="version") as theirs:
                theirs.border_title = "theirs"
                yield Static(id="theirs")
        with Vertical(id="conflict-edit"):
            yield Static(Text("Edit ours' version (JSON); ctrl+s takes it, escape cancels.", style="dim"))
            yield TextArea(id="conflict-text", language=None)
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_list()

    @property
    def conflicts(self) -> list[Conflict]:
        return self.document.conflicts

    def _refresh_list(self, index: int = 0) -> None:
        n = len(self.conflicts)
        head = Text.assemble((f"{n} merge conflict{'s' * (n != 1)} ", "bold"), f"in {self.path}. ",
                             ("o", "bold"), " ours  ", ("t", "bold"), " theirs  ", ("b", "bold"), " both  ",
                             ("e", "bold"), " edit  ", ("escape", "bold"), " later")
        self.query_one("#conflict-head", Static).update(head)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(f"{i}. {describe(c)}: {c.reason}"), id=str(i - 1))
                             for i, c in enumerate(self.conflicts, start=1)])
        if n:
            options.highlighted = min(index, n - 1)
            options.focus()
            self._show(options.highlighted)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _selected(self) -> int | None:
        index = self.query_one(OptionList).highlighted
        return index if index is not None and index < len(self.conflicts) else None

    def _show(self, index: int) -> None:
        c = self.conflicts[index]
        self.query_one("#ours", Static).update(version_text(c, c.ours))
        self.query_one("#theirs", Static).update(version_text(c, c.theirs))
        self.query_one("#conflict-base", Static).update(base_text(c))

    def action_take(self, choice: str) -> None:
        index = self._selected()
        if index is None:
            return
        if choice == "both" and not can_take_both(self.conflicts[index]):
            self.notify("'both' makes no sense here: take ours (o) or theirs (t), or edit (e)", severity="warning")
            return
        self._decide(index, choice)

    def _decide(self, index: int, choice: str, edited: dict[str, Any] | None = None) -> bool:
        try:
            document = resolve(self.document, index, choice, edited)
            self.loaded = type(self.loaded)(document, self.path,
                                            save_document(document, self.path, base=self.loaded.fingerprint))
        except ArgmapError as e:
            self.notify(str(e), severity="error", timeout=10)
            return False
        self.document = document
        if not self.conflicts:
            self.notify("All conflicts decided; saved.")
            self.dismiss(0)
            return True
        self._refresh_list(index)
        return True

    def action_edit(self) -> None:
        index = self._selected()
        if index is None:
            return
        c = self.conflicts[index]
        start = c.ours if c.ours is not None else c.theirs
        area = self.query_one("#conflict-text", TextArea)
        area.text = json.dumps(start, indent=2, ensure_ascii=False)
        self.add_class("editing")
        area.focus()

    def key_ctrl_s(self) -> None:
        if not self.has_class("editing"):
            return
        index = self._selected()
        try:
            edited = json.loads(self.query_one("#conflict-text", TextArea).text)
        except ValueError as e:
            self.notify(f"not JSON: {e}", severity="error")
            return
        if not isinstance(edited, dict):
            self.notify("expected a JSON object", severity="error")
            return
        if index is not None and self._decide(index, "edit", edited):
            self.remove_class("editing")

    def action_later(self) -> None:
        if self.has_class("editing"):
            self.remove_class("editing")
            self.query_one(OptionList).focus()
            return
        self.dismiss(len(self.conflicts))


def version_text(c: Conflict, version: dict[str, Any] | None) -> Text:
    """One side of a conflict: deleted, or its fields, the disputed ones marked."""
    if version is None:
        return Text("deleted on this side", style="italic")
    out = Text()
    disputed = {f.split(".")[0] for f in c.fields}
    for name, value in version.items():
        mark = name in disputed
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        out.append(f"{'» ' if mark else '  '}{name}: ", style="bold yellow" if mark else "bold")
        out.append(shown + "\n", style="yellow" if mark else "")
    return out


def base_text(c: Conflict) -> Text:
    """What both sides started from, in the disputed fields."""
    if c.base is None:
        return Text("before: (not there)")
    fields = c.fields or list(c.base)
    parts = []
    for f in fields:
        value = field_value(c.base, f)
        shown = "(none)" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{f}: {shown}")
    return Text("before: " + "; ".join(parts))


def open_with_conflicts(app, path: Path, then) -> bool:
    """The hook for the app: when `path` holds merge conflicts, show them first and
    call `then(path)` once the screen closes. False when it holds none."""
    if not has_conflicts(path):
        return False
    try:
        screen = ConflictScreen(path)
    except ArgmapError:
        return False
    app.push_screen(screen, lambda _left: then(path))
    return True

