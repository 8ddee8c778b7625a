"""The scheme picker and the critical-questions list of one argument (issue 19).

The picker dismisses with what to write in the argument's `scheme` (a catalogue id,
free text, or "" to clear it); the questions list with what to do to one question:
("answer" | "set-aside" | "reopen", question id, note)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from argmap.catalogue import Catalogue, Scheme
from argmap.model import Argument
from argmap.tui.view import question_line, question_state

MODAL_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{ width: 110; max-width: 100%; height: auto; max-height: 90%; border: thick $primary; background: $surface; padding: 0 1; }}
{cls} OptionList {{ height: auto; max-height: 24; border: none; }}
{cls} .hint {{ color: $text-muted; }}
"""

FREE, CLEAR = "free:", "clear:"


def matches(scheme: Scheme, needle: str) -> bool:
    """`needle` (case folded) is in the scheme's id, name, aliases or group."""
    return any(needle in x.casefold() for x in (scheme.id, scheme.name, scheme.group, *scheme.aliases))


def scheme_option(scheme: Scheme, current: str | None) -> Option:
    roles = ", ".join(p.role for p in scheme.premises)
    t = Text(no_wrap=True, overflow="ellipsis")
    t.append("● " if scheme.id == current else "  ", style="bold green")
    t.append(scheme.name, style="bold")
    t.append(f"  {scheme.id}", style="dim")
    t.append(f"  premises: {roles}", style="cyan")
    return Option(t, id=scheme.id)


class SchemePicker(ModalScreen[str | None]):
    """A search box over the catalogue (id, name, aliases), one row per scheme with
    its premise roles; enter takes the highlighted row."""

    DEFAULT_CSS = MODAL_CSS.format(cls="SchemePicker")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="scheme_cancel"),
        Binding("down", "move(1)", "Next", show=False, id="scheme_next"),
        Binding("up", "move(-1)", "Previous", show=False, id="scheme_previous"),
    ]

    def __init__(self, catalogue: Catalogue, current: str | None, argument_text: str) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.current = current
        self.argument_text = argument_text

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = "Scheme of the argument"
            yield Static(Text(self.argument_text, style="italic"), classes="hint")
            yield Input(placeholder="type to search id, name or alias (e.g. expert, analogy)", id="scheme-search")
            yield OptionList(id="schemes")
            yield Static("enter: use the highlighted scheme · ↑↓: move · escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#scheme-search")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, typed: str) -> None:
        needle = typed.strip().casefold()
        found = [s for s in self.catalogue if matches(s, needle)]
        options = [scheme_option(s, self.current) for s in found]
        if needle and not found:
            options.append(Option(Text.assemble(("use as free text: ", "bold"), typed.strip(), (" (no critical questions)", "dim")), id=FREE + typed.strip()))
        if self.current and not needle:
            shown = self.catalogue.get(self.current)
            what = shown.name if shown else self.current
            options.append(Option(Text.assemble(("no scheme", "bold"), (f" (clear {what})", "dim")), id=CLEAR))
        box = self.query_one(OptionList)
        box.clear_options()
        box.add_options(options)
        if options:
            at = next((i for i, o in enumerate(options) if o.id == self.current), 0) if not needle else 0
            box.highlighted = at

    def action_move(self, step: int) -> None:
        box = self.query_one(OptionList)
        if box.option_count:
            box.highlighted = ((box.highlighted or 0) + step) % box.option_count

    @on(Input.Submitted, "#scheme-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        box = self.query_one(OptionList)
        if box.highlighted is not None:
            self._choose(box.get_option_at_index(box.highlighted).id or "")

    @on(OptionList.OptionSelected, "#schemes")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id or "")

    def _choose(self, option_id: str) -> None:
        if option_id == CLEAR:
            self.dismiss("")
        else:
            self.dismiss(option_id.removeprefix(FREE))

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuestionsScreen(ModalScreen[tuple[str, str, str] | None]):
    """The critical questions of one argument with their states: a answers the
    highlighted one (the undercut or backing argument is created), s sets it aside
    with a note, o reopens it."""

    DEFAULT_CSS = MODAL_CSS.format(cls="QuestionsScreen")
    BINDINGS = [
        Binding("a,enter", "answer", "Answer", id="question_answer"),
        Binding("s", "set_aside", "Set aside", id="question_set_aside"),
        Binding("o", "reopen", "Reopen", id="question_reopen"),
        Binding("escape", "cancel", "Close", id="question_close"),
    ]

    def __init__(self, argument: Argument, scheme: Scheme, argument_text: str) -> None:
        super().__init__()
        self.argument = argument
        self.scheme = scheme
        self.argument_text = argument_text

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = f"Critical questions: {self.scheme.name}"
            yield Static(Text(self.argument_text, style="italic"), classes="hint")
            yield OptionList(*[Option(question_line(self.argument, q), id=q.id) for q in self.scheme.questions], id="questions")
            yield Input(placeholder="why the question does not arise here (enter: set aside, escape: back)", id="aside-note")
            yield Static(
                "a/enter: answer (an exception: adds the undercut that raises it; an assumption: states it as a co-premise with a reason to fill in)"
                " · s: set aside with a note · o: reopen · escape: close",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#aside-note").display = False
        box = self.query_one(OptionList)
        box.highlighted = next((i for i, q in enumerate(self.scheme.questions) if question_state(self.argument, q.id)[1] == "open"), 0)
        box.focus()

    def _question(self) -> str | None:
        box = self.query_one(OptionList)
        return box.get_option_at_index(box.highlighted).id if box.highlighted is not None else None

    @on(OptionList.OptionSelected, "#questions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_answer()

    def action_answer(self) -> None:
        question = self._question()
        if question is None:
            return
        if question_state(self.argument, question)[1] == "answered":
            self.notify("Already answered: o reopens it first.", severity="warning")
            return
        self.dismiss(("answer", question, ""))

    def action_set_aside(self) -> None:
        question = self._question()
        if question is None:
            return
        note = self.query_one("#aside-note", Input)
        note.display = True
        note.border_title = f"set aside {question}: why it does not arise here"
        note.value = next((x.note for x in self.argument.questions if x.id == question), "")
        note.focus()

    @on(Input.Submitted, "#aside-note")
    def _note_given(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.notify("A question set aside needs a note saying why.", severity="warning")
            return
        self.dismiss(("set-aside", self._question() or "", event.value.strip()))

    def action_reopen(self) -> None:
        question = self._question()
        if question is not None:
            self.dismiss(("reopen", question, ""))

    def action_cancel(self) -> None:
        note = self.query_one("#aside-note", Input)
        if note.display:
            note.display = False
            self.query_one(OptionList).focus()
            return
        self.dismiss(None)
