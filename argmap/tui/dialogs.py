"""Small screens: confirmations, the save-conflict and journal prompts, the
new-map form, help, and the load-error screen."""

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
from textual.widgets import Button, Footer, Input, Static, TextArea

from argmap.tui.forms import FORM_CSS, Field, FormScreen


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


class NewMapForm(FormScreen):
    """Thesis, title and file name of a new map; dismisses with {"thesis", "title",
    "file"} once the thesis has text and the file name is free."""

    DEFAULT_CSS = FORM_CSS.format(cls="NewMapForm")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new_cancel"), Binding("ctrl+s", "accept", "Create", id="new_accept")]
    HINT = "enter: next field / create on the last · escape: cancel"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        super().__init__(
            [
                Field("thesis", "Thesis", placeholder="the main claim, e.g. Cities should ban cars", check=_needs_text),
                Field("title", "Title", placeholder="a short title for the map, e.g. Cars in cities"),
                Field("file", "File name", placeholder="derived from the title", check=self._file_problem),
            ],
            title="New map",
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id in ("f-thesis", "f-title"):
            self.input("file").placeholder = self.file_name("")

    def file_name(self, typed: str) -> str:
        name = typed.strip() or file_slug(self.value("title") or self.value("thesis")) + ".json"
        return name if name.endswith(".json") else name + ".json"

    def _file_problem(self, typed: str) -> str | None:
        name = self.file_name(typed)
        if "/" in name or "\\" in name or name.startswith("."):
            return f"{name!r}: a plain file name, please (it goes in {self.folder})"
        if (self.folder / name).exists():
            return f"{name} already exists in {self.folder}: choose another name"
        return None

    def result(self, values: dict[str, str]) -> dict:
        return {"thesis": values["thesis"].strip(), "title": values["title"].strip(), "file": self.file_name(values["file"])}


def _needs_text(value: str) -> str | None:
    return None if value.strip() else "The thesis needs some text."


SMALL_WORDS = frozenset("a an the of to in on for and or but from with by at as is are be their its his her our your".split())


def file_slug(text: str, limit: int = 48) -> str:
    """A file name for a title or thesis: its words while they fit in `limit`
    characters, never ending on a small word ('cities-should-ban-cars' rather than
    'cities-should-ban-cars-from-their')."""
    import re

    words = re.findall(r"[a-z0-9]+", text.lower())
    kept: list[str] = []
    for w in words:
        if len("-".join([*kept, w])) > limit:
            break
        kept.append(w)
    if len(kept) < len(words):
        while kept and kept[-1] in SMALL_WORDS:
            kept.pop()
    return "-".join(kept) or "map"


LEGEND: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("Roles (a row's first symbol)", [
        ("◆", "bold", "the thesis: the claim the map sets out to establish"),
        ("+", "bold green", "reason: supports the claim above it"),
        ("−", "bold red", "objection: attacks the claim above it (or a reason's step)"),
        ("±", "bold dark_orange", "rebuttal: an objection to an objection"),
        ("⊘", "bold magenta", "undercut: attacks the step from a reason to its claim, not the reason itself"),
        ("&", "dim", "premise of a linked argument: the premises support only together"),
    ]),
    ("Which claims stand (computed; S switches the semantics)", [
        ("✓", "bold green", "accepted: the claim stands"),
        ("✗", "bold red", "rejected: an objection to it stands, or none of its reasons does"),
        ("?", "bold yellow", "undecided: it depends on which side of a conflict prevails"),
        ("↯", "bold red", "this step does not hold although its premises do: an undercut defeats it; the panel says which"),
        ("!", "bold magenta", "decisive (D shows them): defeat this claim, with the others of its set, and the thesis's verdict changes"),
    ]),
    ("Markers after the text", [
        ("❝2", "cyan", "two evidence items (sources the claim rests on)"),
        ("❞1", "dim cyan", "one quote of the text the map reconstructs: where the author says it (not evidence)"),
        ("ʳ", "dim", "added by the reconstructor (an unstated premise, an implied reply): not in the author's text"),
        ("✎", "dim", "the claim has a note"),
        ("⇄ shared ×2", "italic blue", "the claim is used in two places"),
        ("#tag", "dim cyan", "a tag"),
        ("…", "dim", "the text goes on: the detail panel shows it in full"),
        ("✂", "bold yellow", "cut: select a claim and press p to paste it there"),
        ("▶ ▼", "", "a closed / open row (E opens all, C closes all)"),
        ("●", "yellow", "unsaved changes (saved by themselves within seconds)"),
    ]),
    ("Schemes and critical questions (the panel of an argument; f picks the scheme, Q acts on the questions)", [
        ("[open]", "bold yellow", "a critical question of the argument's scheme nobody has answered or set aside yet (counted in the title bar and the problems list)"),
        ("[answered by a7]", "green", "argument a7 answers it: the undercut that raises an exception, or the reason that backs an assumption"),
        ("[set aside: …]", "dim", "it does not arise here; the note says why"),
        ("(assumption)", "dim", "the argument's proponent must back it once it is asked"),
        ("(exception)", "dim", "the opponent must show it holds (with an undercut)"),
    ]),
    ("Compare view", [
        ("⇔", "bold cyan", "linked as the same claim on the other side"),
        ("⇎", "bold red", "contradicts a claim on the other side"),
        ("❝⇔", "bold yellow", "shares evidence with a claim on the other side"),
        ("⇔2", "bold cyan", "a number: that many links of this kind; ] steps through them"),
        ("▶", "bold", "the side the keys act on (tab switches)"),
        ("alone ✓ together ?", "", "a thesis judged in its own map, and with the other map as one debate (contradicts links are attacks, same links one claim)"),
    ]),
]


def legend_tables() -> list[Table]:
    tables = []
    for title, rows in LEGEND:
        table = Table(title=title, title_justify="left", show_header=False, expand=True, box=None, padding=(0, 1))
        table.add_column("symbol", no_wrap=True, min_width=12)
        table.add_column("meaning")
        for symbol, style, meaning in rows:
            table.add_row(Text(symbol, style=style), meaning)
        tables.append(table)
    return tables


class HelpScreen(ModalScreen[None]):
    """Every key of the editor (with the user's keymap applied), and what the
    symbols on screen mean (`legend_first`: the symbols on top)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100; max-width: 100%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help_close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]], *, legend_first: bool = False) -> None:
        super().__init__()
        self.sections = sections
        self.legend_first = legend_first

    def compose(self) -> ComposeResult:
        with VerticalScroll() as v:
            v.border_title = "argmap: keys and symbols (escape closes; remap keys in keymap.toml, see README)"
            legend = [Static(Text("What the symbols mean", style="bold underline"))]
            for table in legend_tables():
                legend += [Static(table), Static("")]
            keys = []
            for title, rows in self.sections:
                table = Table(title=title, title_justify="left", show_header=True, expand=True, box=None, padding=(0, 1))
                table.add_column("key", style="bold cyan", no_wrap=True)
                table.add_column("action")
                table.add_column("id", style="dim")
                for key_names, description, binding_id in rows:
                    table.add_row(key_names, description, binding_id)
                keys += [Static(table), Static("")]
            yield from (legend + keys) if self.legend_first else (keys + legend)

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
