"""Dialogs of labelled one-line fields that never lose what was typed.

A field is checked when it is left (tab, enter, a click elsewhere): a problem shows
under it and the dialog stays open with every field as typed. Accepting checks every
field again and refuses while one is wrong. Escape asks before it throws typed text
away."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

Check = Callable[[str], str | None]  # the value -> a problem in words, or None


@dataclass
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    check: Check | None = None
    suggester: Suggester | None = None


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
                self.set_focus(first)
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


FORM_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{ width: 84; max-width: 100%; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 0 1; }}
{cls} .field {{ height: 1; width: 100%; }}
{cls} .field Label {{ width: 12; color: $text-muted; }}
{cls} .field Input {{ width: 1fr; background: $boost; }}
{cls} .field Input:focus {{ background: $primary 30%; }}
{cls} .problem {{ color: $error; padding-left: 12; height: auto; }}
{cls} .hint {{ color: $text-muted; height: auto; width: 100%; }}
{cls} .info {{ padding-left: 12; height: auto; color: $text-muted; }}
"""


class FormScreen(SyncInputKeys, ModalScreen[dict | None]):
    """A dialog over `fields`; dismisses with {key: value} once every field is right
    (subclasses add `extra_problems` across fields and `result` to shape the answer)."""

    DEFAULT_CSS = FORM_CSS.format(cls="FormScreen")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form_cancel"),
        Binding("ctrl+s", "accept", "Accept", id="form_accept"),
    ]
    TITLE_TEXT = ""
    HINT = "enter: next field / accept on the last · tab: next · ctrl+s: accept · escape: cancel"

    def __init__(self, fields: list[Field], *, title: str = "", intro: Text | str | None = None) -> None:
        super().__init__()
        self.fields = {f.key: f for f in fields}
        self.title_text = title or self.TITLE_TEXT
        self.intro = intro
        self.initial = {f.key: f.value for f in fields}

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = self.title_text
            if self.intro:
                yield Static(self.intro if isinstance(self.intro, Text) else Text(self.intro), classes="intro")
            yield from self.compose_fields()
            yield Static("", id="form-problem", classes="problem")
            yield Label(Text(self.HINT, style="dim"), classes="hint")

    def compose_fields(self) -> ComposeResult:
        for f in self.fields.values():
            yield from self.compose_field(f)

    def compose_field(self, f: Field) -> ComposeResult:
        with Horizontal(classes="field", id=f"row-{f.key}"):
            yield Label(f.label)
            # select_on_focus off: a key typed as the focus arrives must not replace the field
            yield Input(f.value, placeholder=f.placeholder, id=f"f-{f.key}", compact=True, suggester=f.suggester, select_on_focus=False)
        yield Static("", id=f"problem-{f.key}", classes="problem")

    def on_mount(self) -> None:
        for problem in self.query(".problem"):
            problem.display = False
        first = self.query(Input).first()
        self.set_focus(first)

    # ------------------------------------------------------------ values and checks

    def input(self, key: str) -> Input:
        return self.query_one(f"#f-{key}", Input)

    def value(self, key: str) -> str:
        return self.input(key).value

    def values(self) -> dict[str, str]:
        return {key: self.value(key) for key in self.fields}

    def shown(self, key: str) -> bool:
        return self.query_one(f"#row-{key}").display

    def problem_of(self, key: str) -> str | None:
        f = self.fields[key]
        if f.check is None or not self.shown(key):
            return None
        return f.check(self.value(key))

    def extra_problems(self, values: dict[str, str]) -> dict[str, str]:
        """Problems that involve several fields: {field key: problem}."""
        return {}

    def show_problem(self, key: str, problem: str | None) -> None:
        box = self.query_one(f"#problem-{key}", Static)
        box.update(Text(problem or ""))
        box.display = bool(problem)
        self.input(key).set_class(bool(problem), "-invalid")

    def check_field(self, key: str) -> bool:
        problem = self.problem_of(key)
        self.show_problem(key, problem)
        return problem is None

    def check_all(self) -> bool:
        """Check every shown field; show each problem and focus the first wrong field."""
        problems = {key: p for key in self.fields if (p := self.problem_of(key))}
        values = self.values()
        for key, p in self.extra_problems(values).items():
            problems.setdefault(key, p)
        for key in self.fields:
            self.show_problem(key, problems.get(key))
        if problems:
            first = next(key for key in self.fields if key in problems)
            self.set_focus(self.input(first))
            self.query_one("#form-problem", Static).display = False
            return False
        return True

    def on_input_blurred(self, event: Input.Blurred) -> None:
        key = (event.input.id or "").removeprefix("f-")
        if key in self.fields and self.is_mounted:
            self.check_field(key)
            self.field_left(key)

    def field_left(self, key: str) -> None:
        """A hook: the user left field `key` (it has been checked)."""

    def on_input_changed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("f-")
        # a corrected field loses its message as soon as it is right
        if key in self.fields and self.query_one(f"#problem-{key}", Static).display and self.problem_of(key) is None:
            self.show_problem(key, None)

    # ------------------------------------------------------------ keys

    def on_input_submitted(self, event: Input.Submitted) -> None:
        key = (event.input.id or "").removeprefix("f-")
        if key not in self.fields:
            self.focus_next()
            return
        if not self.check_field(key):
            return
        # now, not on the blur message: in a burst of keys (a paste, a fast typist)
        # the next key must find the fields this one shows or hides
        self.field_left(key)
        shown = [k for k in self.fields if self.shown(k)]
        if key == shown[-1]:
            self.action_accept()
        else:
            # the next shown field in order, at once (the focus chain and Widget.focus
            # lag behind fields just shown; the next key of a burst belongs there)
            self.set_focus(self.input(shown[shown.index(key) + 1]))

    def action_accept(self) -> None:
        if self.check_all():
            self.dismiss(self.result(self.values()))

    def result(self, values: dict[str, str]) -> dict:
        return values

    def changed(self) -> bool:
        return any(self.value(k) != v for k, v in self.initial.items())

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return
        from argmap.tui.dialogs import Prompt

        def answer(value: str | None) -> None:
            if value == "discard":
                self.dismiss(None)

        q = Text("Throw away what you typed in this dialog?")
        self.app.push_screen(Prompt(q, [("keep", "Keep editing", "n"), ("discard", "Discard", "y")], title="Discard changes?", default="keep"), answer)
