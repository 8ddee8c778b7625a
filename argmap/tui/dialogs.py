"""Small screens: confirmations, the save-conflict and journal prompts, the
evidence form, a new-map form, help, and the load-error screen."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Static, TextArea


class ClaimTextArea(TextArea):
    """A TextArea where `enter` accepts, `alt+enter` (or ctrl+j) breaks the line and
    `escape` cancels; it posts Accepted / Cancelled."""

    BINDINGS = [
        Binding("enter", "accept", "Accept", id="editor_accept"),
        Binding("alt+enter", "newline", "New line", id="editor_newline"),
        Binding("escape", "cancel", "Cancel", id="editor_cancel"),
    ]

    def action_accept(self) -> None:
        self.post_message(self.Accepted(self.text))

    def action_newline(self) -> None:
        self.insert("\n")

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    class Accepted(Message):
        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class Cancelled(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Accepted(self.text))
            return
        if event.key in ("alt+enter", "ctrl+j", "shift+enter"):
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.post_message(self.Cancelled())
            return
        await super()._on_key(event)


class SyncInputKeys:
    """Forms: keys from the terminal are handled at once, in order (see
    ArgmapApp.on_event), so typing and `enter` in one burst fill the right fields."""

    async def route_key(self, event: events.Key) -> bool:
        focused = self.focused
        if focused is None:
            # The form can be on screen a moment before its first field takes the
            # focus; a key typed in that moment belongs to that field, not nowhere.
            first = self.query(Input).first() if self.query(Input) else None
            if first is not None:
                first.focus()
                focused = first
        if isinstance(focused, Input):
            if event.key == "enter":
                self.on_input_submitted(Input.Submitted(focused, focused.value))
                return True
            if event.is_printable:
                await focused._on_key(event)
                return True
            return await self.app._check_bindings(event.key)
        return False


KEY_LABELS = {"escape": "esc"}


class Prompt(ModalScreen[str | None]):
    """A question with a few answers, each a button with a key."""

    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical { width: 72; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    Prompt .question { width: 100%; margin-bottom: 1; }
    Prompt Horizontal { height: auto; width: 100%; }
    Prompt Button { margin-right: 1; min-width: 10; }
    """

    def __init__(self, question: Text | str, answers: list[tuple[str, str, str]], *, title: str = "", default: str | None = None) -> None:
        """answers: (value, button label, key); `default`: the answer whose button has
        the focus (enter presses it), the first one if None."""
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        self.answers = answers
        self.title_text = title
        self.default = default

    def on_mount(self) -> None:
        if self.default is not None:
            self.query_one(f"#answer-{self.default}", Button).focus()

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = self.title_text
            yield Static(self.question, classes="question")
            with Horizontal():
                for value, text, key in self.answers:
                    # a Text label: "[s]" in a str label would be markup (strike-through)
                    yield Button(Text(f"{text} ({KEY_LABELS.get(key, key)})"), id=f"answer-{value}", variant="primary" if value == self.answers[0][0] else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id.removeprefix("answer-"))

    def on_key(self, event: events.Key) -> None:
        for value, _, key in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return
        if event.key == "escape":
            event.stop()
            self.dismiss(None)


def confirm_delete(text: str, count: int) -> Prompt:
    q = Text.assemble("Delete ", (text[:120] or "(no text)", "bold"), f" and the {count} claim(s) below it?")
    # enter keeps: a destructive answer needs its own key (y) or a click
    return Prompt(q, [("yes", "Delete", "y"), ("no", "Keep", "n")], title="Delete", default="no")


def conflict_prompt(path: Path, reason: str) -> Prompt:
    q = Text.assemble(
        (f"{path.name}", "bold"),
        f" {reason}.\n\nYour changes are kept in the journal until you choose:\n"
        "  reload      discard your changes, show the file as it is on disk\n"
        "  keep mine   overwrite the file with your version\n"
        "  save copy   write your version to a new file beside it",
    )
    return Prompt(
        q,
        [("copy", "Save copy", "c"), ("reload", "Reload", "r"), ("mine", "Keep mine", "k"), ("cancel", "Later", "escape")],
        title="File changed on disk",
    )


def journal_prompt(path: Path, written: str) -> Prompt:
    q = Text.assemble(
        "Unsaved changes to ",
        (path.name, "bold"),
        f" were found (journal written {written or 'earlier'}), probably after a crash.\n\n"
        "Recover them (they are saved with your next change or ctrl+s), or discard them?",
    )
    return Prompt(q, [("recover", "Recover", "r"), ("discard", "Discard", "d")], title="Recover unsaved changes")


class EvidenceForm(SyncInputKeys, ModalScreen[dict | None]):
    """Source, quote and locator of one evidence item (empty source: remove it)."""

    DEFAULT_CSS = """
    EvidenceForm { align: center middle; }
    EvidenceForm > Vertical { width: 80; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1; }
    EvidenceForm Input { margin-bottom: 0; }
    EvidenceForm .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form_cancel"),
        Binding("ctrl+s", "accept", "Accept", id="form_accept"),
        Binding("ctrl+n", "goto(1)", "Next item", id="form_next_item"),
        Binding("ctrl+b", "goto(-1)", "Previous item", id="form_previous_item"),
        Binding("ctrl+o", "goto(0)", "New item", id="form_new_item"),
    ]

    def __init__(self, claim_text: str, sources: list[str], values: dict, position: tuple[int | None, int] = (None, 0)) -> None:
        super().__init__()
        self.claim_text = claim_text
        self.sources = sources
        self.values = values
        self.position = position  # (index being edited or None for a new item, how many items)

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            index, count = self.position
            v.border_title = f"Evidence {index + 1} of {count}" if index is not None else f"New evidence ({count} so far)"
            yield Static(Text(self.claim_text[:200], style="italic"))
            known = ", ".join(self.sources) if self.sources else "none yet"
            yield Label(Text(f"Source id (known: {known}); a new id adds a source; empty removes this item", style="dim"), classes="hint")
            yield Input(self.values.get("source", ""), placeholder="source id, e.g. haiszky2024", id="ev-source")
            yield Input(self.values.get("source_title", ""), placeholder="title of a new source (optional)", id="ev-title")
            yield Input(self.values.get("quote", ""), placeholder="verbatim quote", id="ev-quote")
            yield Input(self.values.get("locator", ""), placeholder="locator, e.g. p. 4 or section 2", id="ev-locator")
            yield Label(Text("enter: next field / accept on the last · ctrl+s accept · escape cancel\nctrl+n / ctrl+b next / previous item · ctrl+o new item (unsaved input is dropped)", style="dim"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ev-locator":
            self.action_accept()
        else:
            self.focus_next()

    def action_accept(self) -> None:
        q = self.query_one
        self.dismiss(
            {
                "source": q("#ev-source", Input).value,
                "source_title": q("#ev-title", Input).value,
                "quote": q("#ev-quote", Input).value,
                "locator": q("#ev-locator", Input).value,
            }
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_goto(self, step: int) -> None:
        self.dismiss({"goto": step})


class NewMapForm(SyncInputKeys, ModalScreen[tuple[str, str] | None]):
    """Thesis and file name of a new map."""

    DEFAULT_CSS = """
    NewMapForm { align: center middle; }
    NewMapForm > Vertical { width: 72; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1; }
    NewMapForm .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new_cancel")]

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = "New map"
            yield Label("Thesis (the main claim):")
            yield Input(placeholder="e.g. Cities should ban cars", id="new-thesis")
            yield Label("File name:")
            yield Input(placeholder="derived from the thesis", id="new-file")
            yield Label(Text("enter: next / create   escape: cancel", style="dim"), classes="hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "new-thesis":
            self.query_one("#new-file", Input).placeholder = slug(event.value) + ".json"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-thesis":
            self.focus_next()
            return
        thesis = self.query_one("#new-thesis", Input).value.strip()
        name = self.query_one("#new-file", Input).value.strip() or slug(thesis) + ".json"
        if not thesis:
            self.notify("The thesis needs some text.", severity="warning")
            self.query_one("#new-thesis", Input).focus()
            return
        if not name.endswith(".json"):
            name += ".json"
        self.dismiss((thesis, name))

    def action_cancel(self) -> None:
        self.dismiss(None)


def slug(text: str) -> str:
    import re

    words = re.findall(r"[a-z0-9]+", text.lower())[:6]
    return "-".join(words) or "map"


class HelpScreen(ModalScreen[None]):
    """Every key of the editor (with the user's keymap applied)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 100%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help_close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as v:
            v.border_title = "argmap keys (escape closes; remap them in keymap.toml, see README)"
            for title, rows in self.sections:
                table = Table(title=title, title_justify="left", show_header=True, expand=True, box=None, padding=(0, 1))
                table.add_column("key", style="bold cyan", no_wrap=True)
                table.add_column("action")
                table.add_column("id", style="dim")
                for keys, description, binding_id in rows:
                    table.add_row(keys, description, binding_id)
                yield Static(table)
                yield Static("")

    def action_close(self) -> None:
        self.dismiss(None)


class ErrorScreen(Screen[None]):
    """A file that could not be opened: the file, the place and the problem. Nothing
    is written."""

    DEFAULT_CSS = """
    ErrorScreen { align: center middle; }
    ErrorScreen > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%; border: thick $error; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "back", "Back", id="error_back"), Binding("q", "app.quit", "Quit", id="error_quit")]

    def __init__(self, path: Path, message: str) -> None:
        super().__init__()
        self.path = path
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = "Cannot open this map"
            yield Static(Text.assemble(("file: ", "bold"), str(self.path), "\n"))
            yield Static(Text(self.message))
            yield Static(Text("\nThe file was not changed. Fix it in an editor (argmap validate shows the same message), then open it again.", style="dim"))
        yield Footer()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(return_code=2)
