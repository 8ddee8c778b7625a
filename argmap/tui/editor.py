"""The map editor screen: the tree, the detail and problems panels, the inline
text editor and search line, and every editing action."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from argmap import edit
from argmap.analysis.lint import lint
from argmap.errors import ArgmapError, SaveConflictError
from argmap.tui import view
from argmap.tui.dialogs import ClaimTextArea, confirm_delete, conflict_prompt, journal_prompt
from argmap.tui.session import MapSession
from argmap.tui.tree import MapTree
from argmap.tui.view import Row

STATUS_MARK = {"accepted": ("✓ ", "bold green"), "rejected": ("✗ ", "bold red"), "undecided": ("? ", "bold yellow")}


JOURNAL_DELAY = 0.4  # a crash loses at most this much (plus the write)
AUTOSAVE_DELAY = 2.0
DISK_POLL = 1.0


ADDING = ("reason", "objection", "co-premise", "undercut")
DECISIVE_MARK, DECISIVE_STYLE = "! ", "bold magenta"


@dataclass
class Pending:
    """What the inline editor is doing: its kind, the claim/argument it acts on."""

    kind: str  # reason, objection, co-premise, undercut, text, tags, note
    target: str
    after: str | None = None
    then: str | None = None  # a claim whose text to edit next (an answered assumption's backing)


EDITOR_BINDINGS = [
    Binding("a", "add_reason", "Reason", id="add_reason", tooltip="Add a reason (support) to the selected claim"),
    Binding("o", "add_objection", "Objection", id="add_objection", tooltip="Add an objection to the selected claim"),
    Binding("c", "add_co_premise", "Co-premise", show=False, id="add_co_premise", tooltip="Add a linked co-premise to the selected premise's argument"),
    Binding("u", "add_undercut", "Undercut", show=False, id="add_undercut", tooltip="Add an undercut against the selected argument"),
    Binding("e,enter", "edit_text", "Edit", id="edit_text", tooltip="Edit the selected claim's text"),
    Binding("t", "edit_tags", "Tags", show=False, id="edit_tags", tooltip="Edit the selected claim's tags"),
    Binding("v", "edit_evidence", "Evidence", show=False, id="edit_evidence", tooltip="Evidence: the source (its id, or a name such as WHO 2021), the verbatim quote (ctrl+t picks it from the source's text file), the locator"),
    Binding("m", "edit_note", "Note", show=False, id="edit_note", tooltip="Edit the selected claim's note"),
    Binding("d,delete", "delete", "Delete", id="delete", tooltip="Delete the selected claim (asks when it has children)"),
    Binding("x", "cut", "Cut", show=False, id="cut", tooltip="Cut the selected reason/objection with its subtree"),
    Binding("p", "paste", "Paste", show=False, id="paste", tooltip="Paste the cut subtree under the selected claim"),
    Binding("alt+up", "move_up", "Move up", show=False, id="move_up", tooltip="Move up among its siblings (or co-premises)"),
    Binding("alt+down", "move_down", "Move down", show=False, id="move_down", tooltip="Move down among its siblings (or co-premises)"),
    Binding("ctrl+z", "undo", "Undo", id="undo", tooltip="Undo (unlimited, every change)"),
    Binding("ctrl+y", "redo", "Redo", show=False, id="redo", tooltip="Redo (unlimited)"),
    Binding("slash", "search", "Search", id="search", tooltip="Search claim text, titles and tags"),
    Binding("n", "search_next", "Next match", show=False, id="search_next"),
    Binding("N,shift+n", "search_previous", "Previous match", show=False, id="search_previous"),
    Binding("ctrl+s", "save", "Save", show=False, id="save", tooltip="Save now (it also saves by itself)"),
    Binding("r", "render", "Render", show=False, id="render", tooltip="Render the diagram to exports/NAME.svg"),
    Binding("w", "problems", "Problems", show=False, id="problems", tooltip="Go to the problems list (enter jumps)"),
    Binding("T,shift+t", "edit_title", "Title", show=False, id="edit_title", tooltip="Edit the selected claim's short title (compare view and diagrams show it)"),
    Binding("i", "map_details", "Map details", show=False, id="map_details", tooltip="Edit the map's title, description and authors"),
    Binding("b", "sources", "Sources", show=False, id="sources", tooltip="The map's sources: edit authors, year, title, url, text file"),
    Binding("E,shift+e", "expand_all", "Expand all", show=False, id="expand_all", tooltip="Open every row of the tree"),
    Binding("C,shift+c", "collapse_all", "Collapse all", show=False, id="collapse_all", tooltip="Close every row but the thesis"),
    Binding("J,shift+j", "detail_down", "Scroll panel down", show=False, id="detail_down", tooltip="Scroll the detail panel down"),
    Binding("K,shift+k", "detail_up", "Scroll panel up", show=False, id="detail_up", tooltip="Scroll the detail panel up"),
    Binding("D,shift+d", "toggle_decisive", "Decisive", show=False, id="toggle_decisive", tooltip="Mark the decisive claims (!): the smallest sets of claims whose defeat would change the thesis's verdict"),
    Binding("S,shift+s", "cycle_semantics", "Semantics", show=False, id="cycle_semantics", tooltip="Which claims stand: grounded, preferred, stable semantics, or off (marks ✓ accepted, ✗ rejected, ? undecided)"),
    Binding("f", "set_scheme", "Scheme", show=False, id="set_scheme", tooltip="The selected argument's scheme (its form): a searchable list of the catalogue's schemes with their premise roles"),
    Binding("Q,shift+q", "questions", "Questions", show=False, id="questions", tooltip="The selected argument's critical questions: answer one (creates the undercut or the backing), set it aside with a note, reopen it"),
    Binding("escape", "back", "Your maps", show=False, id="back", tooltip="Back to the list of maps (n there makes a new map)"),
]


def shorten(text: str, width: int) -> str:
    """`text` cut at a word before `width` characters, with … when cut."""
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def open_question_rows(document) -> list[tuple[str, int, str]]:
    """(argument id, open questions, scheme id) per argument with open critical
    questions, in map order."""
    from argmap.analysis.evaluation.questions import open_questions
    from argmap.catalogue import known_catalogue

    catalogue = known_catalogue()
    counts: dict[str, int] = {}
    for q in open_questions(document, catalogue):
        counts[q.argument] = counts.get(q.argument, 0) + 1
    schemes = {a.id: a.scheme for a in document.arguments}
    return [(aid, n, schemes[aid]) for aid, n in counts.items()]


QUESTION_ROWS = 5  # arguments with open questions listed one per row; more: one summary row


class MapEditor(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = EDITOR_BINDINGS

    def __init__(self, session: MapSession) -> None:
        super().__init__()
        self.session = session
        self._init_state()

    def _init_state(self) -> None:
        self.semantics: str | None = "grounded"
        self.pending: Pending | None = None
        self.cut_argument: str | None = None
        self.search_matches: list[str] = []
        self.search_at = -1
        self._journal_timer: Timer | None = None
        self._autosave_timer: Timer | None = None
        self._problems_timer: Timer | None = None
        self._detail_shown: tuple | None = None
        self.show_decisive = False
        self._announce_decisive = False
        self.open_question_count = 0

    @property
    def autosave_paused(self) -> bool:
        return self.session.autosave_paused

    @autosave_paused.setter
    def autosave_paused(self, value: bool) -> None:
        self.session.autosave_paused = value

    @property
    def _conflict_open(self) -> bool:
        return self.session.conflict_open

    @_conflict_open.setter
    def _conflict_open(self, value: bool) -> None:
        self.session.conflict_open = value

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="body"):
            yield MapTree(lambda: self.session.index, mark=self._mark, id="tree")
            with Vertical(id="side"):
                with VerticalScroll(id="detail-scroll"):
                    yield Static(id="detail")
                yield OptionList(id="problems")
        yield from self._compose_editing()

    def _compose_editing(self) -> ComposeResult:
        """The inline editor, the search line and the footer (shared with the compare view)."""
        with Vertical(id="editor"):
            yield Label("", id="editor-label")
            yield ClaimTextArea(id="editor-input", soft_wrap=True, show_line_numbers=False, compact=True)
        yield Input(placeholder="search claim text (enter: jump, escape: close; then n / N)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail-scroll").border_title = "Claim"
        self.query_one("#editor").display = False
        self.query_one("#search").display = False
        tree = self.tree
        tree.rebuild()
        self._reopen_view()
        tree.focus()
        self._update_title()
        self._update_detail()
        self._refresh_problems()
        self.set_interval(DISK_POLL, self._poll_disk)
        journal = self.session.recoverable_journal()
        if journal is not None:
            self.app.push_screen(journal_prompt(self.session.path, journal.written), lambda answer: self._journal_answer(answer, journal))

    @property
    def tree(self) -> MapTree:
        return self.query_one(MapTree)

    def _reopen_view(self) -> None:
        """Open the rows that were open when this map was last closed."""
        from argmap.tui.viewstate import load_view

        saved = load_view(self.session.path)
        if saved is not None:
            self.tree.reopen(*saved)

    def _save_view(self) -> None:
        from argmap.tui.viewstate import save_view

        if self.is_mounted:
            tree = self.tree
            cursor = tree.row_path(tree.cursor_node) if tree.cursor_node else None
            save_view(self.session.path, tree.open_paths(), cursor)

    def _mark(self, row: Row, session: MapSession | None = None) -> Text | None:
        session = session or self.session
        out = Text()
        if self.semantics and row[0] == "claim":
            label = session.status.get(row[1])
            if label:
                out.append(*STATUS_MARK[label])
        argument = view.stands_for_argument(session.index, row) if row[0] != "unconnected" else None
        step = session.steps.get(argument) if self.semantics and argument else None
        # only an undercut: every reason of a claim an objection defeats fails too, but
        # the claim's own ✗ says that (a ↯ on each reason of a rejected thesis misleads)
        if step is not None and step.undercuts:
            out.append("↯ ", style="bold red" if step.label == "rejected" else "bold yellow")
        if self.show_decisive and row[0] == "claim" and row[1] in self._decisive_ids(session):
            out.append(DECISIVE_MARK, style=DECISIVE_STYLE)
        if self.cut_argument and session is self.session and view.stands_for_argument(session.index, row) == self.cut_argument:
            out.append("✂ ", style="bold yellow")
        return out or None

    # ------------------------------------------------------------ evaluation

    def _refresh_status(self, session: MapSession | None = None) -> None:
        """Evaluate the map in a thread (grounded takes ~0.1 s on 5,000 claims); the
        markers update when it is done."""
        session = session or self.session
        if not self.semantics:
            return
        key = (session.history.revision, self.semantics)
        if session.status_key == key:
            return
        job = partial(self._status_worker, session, key, session.document)
        self.run_worker(job, name="evaluate", description="evaluate", group=f"evaluate-{id(session)}", thread=True, exclusive=True, exit_on_error=False)

    def _status_worker(self, session: MapSession, key: tuple[int, str], document) -> None:
        from argmap.analysis.evaluation import evaluate_map

        try:
            result = evaluate_map(document, key[1])
            labels, thesis, arguments = dict(result.labels), result.thesis_label, dict(result.argument_labels)
        except Exception:  # noqa: BLE001 - the map changed under us, or too many extensions
            labels, thesis, arguments = None, None, None
        self.app.call_from_thread(self._show_status, session, key, labels, thesis, arguments)

    def _show_status(self, session: MapSession, key, labels, thesis, arguments=None) -> None:
        from argmap.analysis.defeat import defeated_steps

        if not self.is_mounted or labels is None:
            return
        if key != (session.history.revision, self.semantics):
            self._refresh_status(session)
            return
        old = session.status
        changed = {cid for cid in set(old) | set(labels) if old.get(cid) != labels.get(cid)}
        steps = defeated_steps(session.index, labels, arguments or {})
        changed |= {aid for aid in set(steps) | set(session.steps) if steps.get(aid) != session.steps.get(aid)}
        session.status_key, session.status, session.thesis_status, session.steps = key, labels, thesis, steps
        self._status_shown(session, changed)

    def _status_shown(self, session: MapSession, changed: set[str]) -> None:
        """Relabel only the rows whose computed status changed."""
        self.tree.sync(changed)
        self._update_detail()
        self._update_title()

    def action_cycle_semantics(self) -> None:
        order = [None, "grounded", "preferred", "stable"]
        self.semantics = order[(order.index(self.semantics) + 1) % len(order)]
        for session in self._all_sessions():
            session.status_key, session.status, session.thesis_status, session.steps = None, {}, None, {}
            self._refresh_status(session)
        self._refresh_decisive()
        self._status_cleared()
        self.notify(f"Evaluation: {self.semantics or 'off'}", timeout=1.5)

    def _status_cleared(self) -> None:
        self.tree.sync()
        self._update_detail()
        self._update_title()

    def _all_sessions(self) -> list[MapSession]:
        return [self.session]

    # ------------------------------------------------------------ decisive claims

    def action_toggle_decisive(self) -> None:
        self.show_decisive = not self.show_decisive
        if self.show_decisive:
            self._announce_decisive = True
            self._refresh_decisive()
            self._announce_known_decisive()
        else:
            self.notify("Decisive claims: not marked.", timeout=1.5)
        self._status_cleared()

    def _decisive_ids(self, session: MapSession) -> set[str]:
        """The marks last computed for this semantics: after an edit they stay until
        the new ones arrive (a fraction of a second), rather than blink off."""
        key = session.decisive_key
        fresh = key is not None and key[1:] == self._decisive_key(session)[1:]
        return session.decisive.ids() if fresh and session.decisive is not None else set()

    def _decisive_key(self, session: MapSession) -> tuple:
        return (session.history.revision, self.semantics or "grounded")

    def _refresh_decisive(self) -> None:
        """The decisive claims of the map, in a thread (they mark when done)."""
        session = self.session
        if not self.show_decisive or session.decisive_key == self._decisive_key(session):
            return
        job = partial(self._decisive_worker, session, self._decisive_key(session), session.document)
        self.run_worker(job, name="decisive", description="decisive", group="decisive", thread=True, exclusive=True, exit_on_error=False)

    def _decisive_worker(self, session: MapSession, key: tuple, document) -> None:
        from argmap.tui.verdicts import map_decisive

        try:
            marks = map_decisive(document, key[1])
        except Exception:  # noqa: BLE001 - the map changed under us, or too many extensions
            return
        self.app.call_from_thread(self._show_decisive, session, key, marks)

    def _show_decisive(self, session: MapSession, key: tuple, marks) -> None:
        if not self.is_mounted or key != self._decisive_key(session):
            return
        before = self._decisive_ids(session)
        session.decisive, session.decisive_key = marks, key
        self.tree.sync(before ^ marks.ids())
        self._update_detail()
        if self._announce_decisive:
            self._announce_decisive = False
            semantics = f" ({key[1]})" if key[1] != self.semantics else ""
            self.notify(marks.summary() + semantics, timeout=6)

    def _announce_known_decisive(self) -> None:
        """Marks computed before (toggled off and on again): say what they are now."""
        session = self.session
        if self._announce_decisive and session.decisive is not None and session.decisive_key == self._decisive_key(session):
            self._announce_decisive = False
            self.notify(session.decisive.summary(), timeout=6)

    def _decisive_note(self, row: Row | None) -> list:
        """The panel's word on a decisive claim: it carries the verdict."""
        session = self.session
        if not self.show_decisive or not row or row[0] != "claim" or row[1] not in self._decisive_ids(session):
            return []
        marks = session.decisive
        line = Text.assemble((DECISIVE_MARK, DECISIVE_STYLE), ("decisive: ", "bold"), "defeat this claim (with the others of its set) and the thesis's verdict changes")
        if ("map", row[1]) in marks.unevidenced:
            line.append("; the map grants it without evidence", style="bold yellow")
        return [(line, 0)]

    def _update_title(self) -> None:
        doc = self.session.document
        dirty = " ●" if self.session.dirty else ""
        self.title = f"{self.session.name}{dirty}"
        parts = [doc.title] if doc.title else []
        if self.semantics and self.session.thesis_status:
            parts.append(f"thesis {self.session.thesis_status} ({self.semantics})")
        if self.open_question_count:
            n = self.open_question_count
            parts.append(f"{n} open question{'s' if n != 1 else ''}")
        self.sub_title = " · ".join(parts)

    def _update_detail(self) -> None:
        """Show the selected row in full; a newly selected row starts at the top."""
        node = self.tree.cursor_node
        shown = (id(self.session), node.data if node else None)
        self.query_one("#detail", Static).update(self._detail_text())
        if shown != self._detail_shown:
            self._detail_shown = shown
            self.query_one("#detail-scroll").scroll_home(animate=False, immediate=True)

    def _detail_text(self) -> view.Detail:
        node = self.tree.cursor_node
        row = node.data if node else None
        session = self.session
        status = step = None
        if self.semantics and row and row[0] == "claim" and row[1] in session.status:
            status = (session.status[row[1]], self.semantics)
        argument = view.stands_for_argument(session.index, row) if row and row[0] != "unconnected" else None
        if self.semantics and argument:
            step = session.steps.get(argument)
        return view.detail(session.index, row, status=status, step=step, after_text=self._decisive_note(row) + self._detail_extra(row))

    def _detail_extra(self, row: Row | None) -> list:
        """Blocks shown right after the claim's text (the compare view: its links)."""
        return []

    def detail_plain(self) -> str:
        return self._detail_text().plain

    def _refresh_problems(self) -> None:
        """Lint in a thread (it takes ~0.1 s on 5,000 claims); results that arrive
        after another change are dropped and linting runs again."""
        self._problems_timer = None
        self._refresh_status()
        self._refresh_decisive()
        job = partial(self._lint_worker, self.session.history.revision, self.session.document, self.session.index)
        # run_worker with a name: @work would repr() the whole map to name the worker
        self.run_worker(job, name="lint", description="lint", group="lint", thread=True, exclusive=True, exit_on_error=False)

    def _lint_worker(self, revision: int, document, index) -> None:
        try:
            warnings = lint(document, index)
            questions = open_question_rows(document)
        except Exception:  # noqa: BLE001 - the map changed under us: try again later
            warnings = questions = None
        self.app.call_from_thread(self._show_problems, revision, warnings, questions)

    def _show_problems(self, revision: int, warnings, questions=None) -> None:
        if not self.is_mounted:
            return
        if warnings is None or revision != self.session.history.revision:
            if self._problems_timer is None:
                self._problems_timer = self.set_timer(0.3, self._refresh_problems)
            return
        questions = questions or []
        self.open_question_count = sum(n for _, n, _ in questions)
        self._update_title()
        rows = [(f"[{w.code}] {w.message}", w.node_id or "") for w in warnings]
        if len(questions) <= QUESTION_ROWS:
            rows += [(f"[open-questions] {aid}: {n} open ({scheme}; Q)", aid) for aid, n, scheme in questions]
        else:  # a map with schemes throughout (the bundled ones: 30 arguments) would bury the problems
            rows.append((f"[open-questions] {self.open_question_count} in {len(questions)} arguments; "
                         f"enter: the first ({questions[0][0]}), Q on an argument lists its questions", questions[0][0]))
        problems = self.query_one("#problems", OptionList)
        problems.clear_options()
        problems.add_options([Option(Text(text, overflow="ellipsis"), id=f"{i}:{node}") for i, (text, node) in enumerate(rows)])
        opens = f"{self.open_question_count} open question{'s' if self.open_question_count != 1 else ''}"
        problems.border_title = " · ".join(x for x in (f"Problems ({len(warnings)})" if warnings else "No problems", opens if questions else "") if x)
        problems.set_class(not rows, "-empty")  # narrow: an empty list takes no room

    def on_tree_node_highlighted(self, event) -> None:
        self._update_detail()

    # ------------------------------------------------------------ key routing

    async def route_key(self, event: events.Key) -> bool:
        """Handle a key from the terminal right away (see ArgmapApp.on_event).
        Returns False to let Textual deliver it the usual way."""
        focused = self.focused
        area = self.query_one("#editor-input", ClaimTextArea)
        search = self.query_one("#search", Input)
        if focused is area:
            if event.key == "enter":
                self._editor_accepted(ClaimTextArea.Accepted(area.text))
                return True
            if event.key in ("alt+enter", "ctrl+j", "shift+enter"):
                area.insert("\n")
                return True
            if event.key == "escape":
                self._close_editor()
                return True
            if event.is_printable:
                await area._on_key(event)
                return True
            return await self.app._check_bindings(event.key)
        if focused is search:
            if event.key == "enter":
                self._search_submitted(Input.Submitted(search, search.value))
                return True
            if event.key == "escape":
                self._close_search()
                return True
            if event.is_printable:
                await search._on_key(event)
                return True
            return await self.app._check_bindings(event.key)
        if focused is self.tree:
            return await self.app._check_bindings(event.key)
        return False

    # ------------------------------------------------------------ selection helpers

    def _row(self) -> Row | None:
        node = self.tree.cursor_node
        return node.data if node else None

    def _claim_row(self) -> Row | None:
        row = self._row()
        if row is None or row[0] != "claim":
            self.notify("Select a claim first.", severity="warning")
            return None
        return row

    def _argument_of(self, row: Row) -> str | None:
        """The argument a row belongs to: the one it stands for, or the group of a premise."""
        if row[0] == "group":
            return row[1]
        if row[0] == "claim":
            return row[2]
        return None

    # ------------------------------------------------------------ the inline editor

    def _open_editor(self, pending: Pending, prompt: str, text: str = "") -> None:
        self.pending = pending
        box = self.query_one("#editor")
        box.display = True
        self.query_one("#editor-label", Label).update(Text.assemble((prompt, "bold"), ("   enter: accept · alt+enter: new line · escape: cancel", "dim")))
        area = self.query_one("#editor-input", ClaimTextArea)
        area.load_text(text)
        area.move_cursor(area.document.end)
        # Focus now, synchronously, so keys typed right after the command land here.
        self.set_focus(area, scroll_visible=False)

    def _close_editor(self) -> None:
        self.pending = None
        self.query_one("#editor").display = False
        self.set_focus(self.tree, scroll_visible=False)

    @on(ClaimTextArea.Cancelled)
    def _editor_cancelled(self) -> None:
        self._close_editor()

    @on(ClaimTextArea.Accepted)
    def _accepted_message(self, message: ClaimTextArea.Accepted) -> None:
        # @on binds this very function: dispatch by name so subclasses can override
        self._editor_accepted(message)

    def _editor_accepted(self, message: ClaimTextArea.Accepted) -> None:
        """Apply what the inline editor holds; on a problem the editor stays open with
        the text and says what is wrong."""
        message.stop()
        pending = self.pending
        if pending is None:
            return
        text = message.text.strip()
        kind = pending.kind
        if kind in ADDING and not text:
            self._close_editor()
            return  # nothing typed: nothing added
        if kind == "text" and not text:
            self._editor_problem("A claim needs some text (escape keeps the old text; d deletes the claim).")
            return
        current = self.session.index.claims.get(pending.target)
        if current is not None and ((kind == "text" and text == current.text) or (kind == "title" and text == (current.title or ""))):
            self._close_editor()
            self._edit_next(pending)
            return
        builders = {
            "reason": lambda: edit.add_reason(pending.target, text),
            "objection": lambda: edit.add_objection(pending.target, text),
            "co-premise": lambda: edit.add_co_premise(pending.target, text, after=pending.after),
            "undercut": lambda: edit.add_undercut(pending.target, text),
            "text": lambda: edit.edit_text(pending.target, text),
            "title": lambda: edit.edit_title(pending.target, text),
            "tags": lambda: edit.edit_tags(pending.target, edit.parse_tags(text)),
            "note": lambda: edit.edit_note(pending.target, text),
        }
        near = self.tree.cursor_node
        change = builders[kind]()
        try:
            self.session.apply(change)
        except ArgmapError as e:
            self._editor_problem(str(e))
            return
        self._close_editor()
        self._after_change(change, near=near if kind in ("reason", "objection", "undercut") else None)
        self._edit_next(pending)

    def _edit_next(self, pending: Pending) -> None:
        """After stating an assumption, its backing reason (created empty) to write."""
        if pending.then is not None and pending.then in self.session.index.claims:
            self.tree.select_claim(pending.then)
            self._update_detail()
            self._open_editor(Pending("text", pending.then), "The reason that backs it (escape: later):", self.session.index.claims[pending.then].text)

    def _editor_problem(self, problem: str) -> None:
        """Say what is wrong in the editor's own line; the text stays for fixing."""
        self.query_one("#editor-label", Label).update(Text.assemble((problem, "bold red"), ("   escape: cancel", "dim")))
        self.notify(problem, severity="warning")

    def _start_add(self, kind: str, target: str, prompt: str, after: str | None = None) -> None:
        self._open_editor(Pending(kind, target, after), prompt)

    def action_add_reason(self) -> None:
        row = self._claim_row()
        if row:
            self._start_add("reason", row[1], "New reason for the selected claim:")

    def action_add_objection(self) -> None:
        row = self._claim_row()
        if row:
            if any(a.polarity == "attack" for a in self.session.index.used_in.get(row[1], ())):
                self._start_add("objection", row[1], "New rebuttal (an objection to the selected objection):")
            else:
                self._start_add("objection", row[1], "New objection to the selected claim:")

    def action_add_co_premise(self) -> None:
        row = self._row()
        argument = self._argument_of(row) if row else None
        if argument is None:
            self.notify("Select a premise (a reason or objection) to add a co-premise to its argument.", severity="warning")
            return
        after = row[1] if row[0] == "claim" else None
        self._start_add("co-premise", argument, "New co-premise (linked with the selected premise):", after=after)

    def action_add_undercut(self) -> None:
        row = self._row()
        argument = self._argument_of(row) if row else None
        if argument is None:
            self.notify("Select a reason or objection: an undercut attacks its inference.", severity="warning")
            return
        self._start_add("undercut", argument, "New undercut (the inference does not hold because):")

    def action_edit_text(self) -> None:
        row = self._row()
        if row and row[0] == "group":
            self.tree.action_toggle_node()
            return
        row = self._claim_row()
        if row:
            self._open_editor(Pending("text", row[1]), "Claim text:", self.session.index.claims[row[1]].text)

    def action_edit_title(self) -> None:
        row = self._claim_row()
        if row:
            claim = self.session.index.claims[row[1]]
            self._open_editor(Pending("title", row[1]), "Short title (the compare view and diagrams show it; empty: none):", claim.title or "")

    def action_edit_tags(self) -> None:
        row = self._claim_row()
        if row:
            self._open_editor(Pending("tags", row[1]), "Tags (separated by spaces or commas):", " ".join(self.session.index.claims[row[1]].tags))

    def action_edit_note(self) -> None:
        row = self._claim_row()
        if row:
            self._open_editor(Pending("note", row[1]), "Note:", self.session.index.claims[row[1]].note or "")

    async def action_edit_evidence(self, index: int | None = 0) -> None:
        """The evidence form for item `index` of the selected claim (None: a new item).
        Awaited: the form is mounted before the next key is read (a burst of keys)."""
        row = self._claim_row()
        if not row:
            return
        await self._evidence_form(row[1], index)

    def _evidence_form(self, claim_id: str, index: int | None):
        from argmap.tui.evidence import EvidenceForm

        claim = self.session.index.claims[claim_id]
        count = len(claim.evidence)
        if index is not None and not 0 <= index < count:
            index = None
        values: dict = {}
        if index is not None:
            e = claim.evidence[index]
            values = {"source": e.source, "quote": e.quote, "locator": e.locator}
        session = self.session

        def done(result: dict | None) -> None:
            if result is None:
                return
            with self._session_context(session):
                if result["changed"] and (result["source"] or index is not None):
                    change = edit.edit_evidence(claim_id, index, result["source"], result["quote"], result["locator"], new_source=result["new_source"])
                    if not self.apply(change):
                        return
                step = result["goto"]
                if step is None:
                    return
                now = len(self.session.index.claims[claim_id].evidence)
                if step == 0 or now == 0:
                    self._evidence_form(claim_id, None)
                else:
                    here = index if index is not None else now
                    self._evidence_form(claim_id, (here + step) % now)

        return self.app.push_screen(EvidenceForm(claim.text, self.session.document, self.session.path, values, (index, count)), done)

    # ------------------------------------------------------------ schemes and critical questions

    def _selected_argument(self) -> str | None:
        """The argument the selected row stands for, or whose premise it is."""
        row = self._row()
        argument = (view.stands_for_argument(self.session.index, row) or self._argument_of(row)) if row and row[0] != "unconnected" else None
        if argument is None:
            self.notify("Select a reason, objection or undercut: schemes belong to arguments.", severity="warning")
        return argument

    def _argument_text(self, argument_id: str) -> str:
        idx = self.session.index
        a = idx.arguments[argument_id]
        target = idx.claims.get(idx.target_claim(a))
        premises = " & ".join(idx.claims[p].title or idx.claims[p].text for p in a.premises)
        return f"{shorten(premises, 160)}  →  {shorten(target.title or target.text if target else a.target, 100)}"

    async def action_set_scheme(self) -> None:
        from argmap.catalogue import known_catalogue
        from argmap.tui.schemes import SchemePicker

        argument = self._selected_argument()
        if argument is None:
            return
        session = self.session
        current = session.index.arguments[argument].scheme

        def chosen(scheme: str | None) -> None:
            if scheme is None or scheme == (current or ""):
                return
            with self._session_context(session):
                if self.apply(edit.set_scheme(argument, scheme or None), select=False):
                    self.notify(f"Scheme: {scheme}" if scheme else "Scheme cleared.", timeout=1.5)

        await self.app.push_screen(SchemePicker(known_catalogue(), current, self._argument_text(argument)), chosen)

    async def action_questions(self) -> None:
        from argmap.catalogue import known_catalogue
        from argmap.tui.schemes import QuestionsScreen

        argument = self._selected_argument()
        if argument is None:
            return
        a = self.session.index.arguments[argument]
        scheme = known_catalogue().get(a.scheme)
        if scheme is None:
            why = f"scheme {a.scheme!r} is not in the catalogue" if a.scheme else "it has no scheme"
            self.notify(f"No critical questions: {why} (f picks one).", severity="warning")
            return
        session = self.session

        def chosen(result: tuple[str, str, str] | None) -> None:
            if result is not None:
                with self._session_context(session):
                    self._question_action(argument, scheme.question(result[1]), result[0], result[2])

        await self.app.push_screen(QuestionsScreen(a, scheme, self._argument_text(argument)), chosen)

    def _question_action(self, argument: str, question, what: str, note: str) -> None:
        if what == "set-aside":
            self.apply(edit.set_question(argument, question.id, "set-aside", note=note), select=False)
        elif what == "reopen":
            self.apply(edit.set_question(argument, question.id, "open"), select=False)
        elif what == "answer":
            change = edit.answer_question(argument, question.id, question.type, question.text)
            if self.apply(change):
                idx = self.session.index
                created = change.created
                backing = None
                if question.type == "assumption":  # the reason that answers it, created empty
                    by = next(q.by for q in idx.arguments[argument].questions if q.id == question.id)
                    backing = idx.arguments[by].premises[0]
                what_it_is = "the undercut that raises it" if question.type == "exception" else "the assumption, stated (then the reason for it)"
                self._open_editor(Pending("text", created, then=backing), f"Answer {question.id}: {what_it_is}:", idx.claims[created].text)

    # ------------------------------------------------------------ structure

    async def action_delete(self) -> None:
        row = self._row()
        if row is None or row[0] == "unconnected":
            return
        idx = self.session.index
        if row[0] == "group":
            change = edit.delete_argument(row[1])
            text = " & ".join(idx.claims[p].text for p in idx.arguments[row[1]].premises)
        else:
            if row[1] == idx.map.thesis and row[2] is None:
                self.notify("The thesis cannot be deleted; edit its text instead (e).", severity="warning")
                return
            change = edit.delete_claim(row[1], row[2])
            text = idx.claims[row[1]].text
        if view.has_children(idx, row):
            below = len(edit.subtree(idx.map, row[1] if row[0] == "claim" else row[1])[0]) - (1 if row[0] == "claim" else 0)

            def answer(value: str | None) -> None:
                if value == "yes":
                    self._apply_delete(change)

            await self.app.push_screen(confirm_delete(text, below), answer)
        else:
            self._apply_delete(change)

    def _apply_delete(self, change: edit.Change) -> None:
        node = self.tree.cursor_node
        # after deleting, land on the next sibling, else the previous, else the parent
        fallback = None
        if node is not None:
            fallback = node.next_sibling or node.previous_sibling or node.parent
        fallback_path = self.tree.row_path(fallback) if fallback is not None and fallback is not self.tree.root else None
        if self.apply(change, select=False) and fallback_path:
            self.tree.select_path(fallback_path, fallback=True)
            self._update_detail()

    def action_cut(self) -> None:
        row = self._row()
        argument = view.stands_for_argument(self.session.index, row) if row else None
        if argument is None and row and row[0] == "claim" and row[2]:
            argument = row[2]  # a premise of a linked group: move the whole group
        if argument is None:
            self.notify("Select a reason, objection or undercut to cut.", severity="warning")
            return
        self.cut_argument = argument
        self.tree.sync()
        self.notify("Cut. Select the claim to move it under and press p (escape: cancel).")

    def action_paste(self) -> None:
        if self.cut_argument is None:
            self.notify("Nothing cut: select a reason or objection and press x first.", severity="warning")
            return
        row = self._row()
        if row is None or row[0] == "unconnected":
            return
        target = row[1]
        moving = self.cut_argument
        self.cut_argument = None
        if not self.apply(edit.move_argument(moving, target)):
            self.tree.sync()

    def _reorder(self, delta: int) -> None:
        row = self._row()
        if row is None or row[0] == "unconnected":
            return
        idx = self.session.index
        argument = view.stands_for_argument(idx, row)
        if argument is not None:
            change = edit.reorder_argument(argument, delta)
        elif row[0] == "claim" and row[2]:
            change = edit.reorder_premise(row[2], row[1], delta)
        else:
            return
        path = self.tree.row_path(self.tree.cursor_node)
        if self.apply(change, select=False):
            self.tree.select_path(path, fallback=True)

    def action_move_up(self) -> None:
        self._reorder(-1)

    def action_move_down(self) -> None:
        self._reorder(+1)

    # ------------------------------------------------------------ applying changes

    def apply(self, change: edit.Change, *, near=None, select: bool = True) -> bool:
        try:
            self.session.apply(change)
        except ArgmapError as e:
            self.notify(str(e), severity="warning")
            return False
        self._after_change(change, near=near, select=select)
        return True

    def _after_change(self, change: edit.Change, *, near=None, select: bool = True, undo: bool = False) -> None:
        tree = self.tree
        cursor_path = tree.row_path(tree.cursor_node) if tree.cursor_node else None
        tree.sync(change.touched())
        focus = change.focus
        idx = self.session.index
        if change.label == "move" and focus in idx.arguments:
            # a pasted (or un-pasted) subtree arrives open, the moved row selected
            node = tree.select_path(view.path_to(idx, idx.arguments[focus].premises[0], focus) or [], fallback=True)
            if node is not None:
                tree.expand_all(node)
        elif select and focus is not None and focus in self.session.index.claims:
            node = tree.cursor_node
            row = node.data if node else None
            if not (row and row[0] == "claim" and row[1] == focus):
                tree.select_claim(focus, near=near or (node.parent if undo and node else node))
        elif select and undo and cursor_path:
            tree.select_path(cursor_path, fallback=True)
        self._update_detail()
        self._update_title()
        self._schedule_saves()

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.notify("Nothing to undo.")
            return
        self._after_change(change, undo=True)
        self.notify(f"Undone: {change.label}", timeout=1.5)

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.notify("Nothing to redo.")
            return
        self._after_change(change)
        self.notify(f"Redone: {change.label}", timeout=1.5)

    # ------------------------------------------------------------ saving

    def _schedule_saves(self) -> None:
        if self._journal_timer is None:  # throttle, not debounce: at most JOURNAL_DELAY late
            self._journal_timer = self.set_timer(JOURNAL_DELAY, self._write_journal)
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)
        if self._problems_timer is None:
            self._problems_timer = self.set_timer(0.3, self._refresh_problems)

    def _write_journal(self, *, wait: bool = False) -> None:
        """Journal the current map: serialised here, written (fsync) by one
        background thread so that typing never waits for the disk; in order."""
        self._journal_timer = None
        data = self.session.journal_bytes()
        if data is None:
            return
        future = self.app.journal_writer.submit(self.session.store_journal, data, self.session.journal_path)
        if wait:
            future.result(timeout=10)
        else:
            future.add_done_callback(self._journal_written)

    def _journal_written(self, future) -> None:
        error = future.exception()
        if error is not None:
            self.app.call_from_thread(self.notify, f"Could not write the journal: {error}", severity="error")

    def _autosave(self) -> None:
        self._autosave_timer = None
        if self.session.dirty and not self.autosave_paused:
            self.save(quiet=True)

    def save(self, *, quiet: bool = False, force: bool = False) -> bool:
        """Save now; on a conflict ask what to do (and keep the journal). True if saved."""
        self.app.wait_for_journals()  # a late journal write must not outlive the save
        try:
            self.session.save(force=force)
        except SaveConflictError:
            self._write_journal()
            self.show_conflict("was changed on disk since it was opened (another editor, a git pull?)")
            return False
        except (ArgmapError, OSError) as e:
            self._write_journal()
            self.notify(f"Not saved: {e}", severity="error", timeout=8)
            return False
        self._update_title()
        if not quiet:
            self.notify(f"Saved {self.session.path.name}", timeout=2)
        return True

    def flush(self) -> bool:
        """Save pending changes now (quit, suspend, SIGTERM). False on a conflict."""
        self._save_view()
        for timer in (self._journal_timer, self._autosave_timer):
            if timer is not None:
                timer.stop()
        self._journal_timer = self._autosave_timer = None
        if not self.session.dirty:
            self.app.wait_for_journals()
            self.session.delete_journal()
            return True
        if self.autosave_paused:
            self._write_journal(wait=True)
            return False
        return self.save(quiet=True)

    def write_journals(self) -> None:
        if self.session.dirty:
            self.app.wait_for_journals()
            self.session.write_journal()

    def action_save(self) -> None:
        self.autosave_paused = False
        self.save()

    @contextmanager
    def _session_context(self, session: MapSession):
        """Make `session` the one the editing methods act on (the compare view has two)."""
        yield

    def show_conflict(self, reason: str, after=None) -> None:
        session = self.session
        if session.conflict_open:
            return
        session.conflict_open = True
        session.autosave_paused = True

        def answer(value: str | None) -> None:
            session.conflict_open = False
            with self._session_context(session):
                self._conflict_answer(value)
            if after is not None:
                after(value)

        self.app.push_screen(conflict_prompt(self.session.path, reason), answer)

    def _conflict_answer(self, value: str | None) -> None:
        if value == "reload":
            try:
                self.session.reload()
            except ArgmapError as e:
                self.notify(f"Cannot reload: {e}", severity="error", timeout=8)
                return
            self.autosave_paused = False
            self._reload_view()
            self.notify("Reloaded from disk.")
        elif value == "mine":
            self.autosave_paused = False
            self.save(force=True)
        elif value == "copy":
            target = self.session.free_copy_path()
            try:
                self.session.save_copy(target)
            except (ArgmapError, OSError) as e:
                self.notify(f"Not saved: {e}", severity="error")
                return
            self.autosave_paused = False
            self._update_title()
            self.notify(f"Your version is saved as {target.name}; now editing that file.", timeout=6)
        else:
            self.notify("Not saved yet: your changes are kept in the journal. ctrl+s asks again.", severity="warning")

    def _reload_view(self) -> None:
        self.tree.rebuild()
        self._update_detail()
        self._update_title()
        self._refresh_problems()

    def _poll_disk(self) -> None:
        if self._conflict_open:
            return
        if not self.session.changed_on_disk():
            return
        if not self.session.dirty:
            try:
                self.session.reload()
            except ArgmapError as e:
                self.notify(f"{self.session.name} changed on disk and no longer loads: {e}", severity="error", timeout=10)
                self.autosave_paused = True
                return
            self._reload_view()
            self.notify(f"{self.session.name} changed on disk; reloaded (you had no unsaved changes).", timeout=4)
        else:
            self.show_conflict("changed on disk while you have unsaved changes")

    def _journal_answer(self, answer: str | None, journal) -> None:
        if answer == "recover":
            changed = self.session.recover(journal)
            self._reload_view()
            if changed:  # the same rules as a save over a changed file
                self.show_conflict("changed on disk since the recovered changes were made (a git pull after the crash?)")
                return
            self._schedule_saves()
            self.notify("Recovered the unsaved changes.")
        elif answer == "discard":
            self.session.delete_journal()
            self.notify("Discarded the journal.")

    # ------------------------------------------------------------ search

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        self.set_focus(box, scroll_visible=False)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        needle = event.value.strip().casefold()
        self._close_search()
        if not needle:
            return
        idx = self.session.index

        def hit(cid: str) -> bool:
            c = idx.claims[cid]
            return needle in c.text.casefold() or needle in (c.title or "").casefold() or any(needle in t.casefold() for t in c.tags)

        self.search_matches = [cid for cid in view.claims_in_tree_order(idx) if hit(cid)]
        if not self.search_matches:
            self.notify(f"No claim contains {event.value.strip()!r}.", severity="warning")
            return
        self.search_at = -1
        self._jump_match(+1)

    def _close_search(self) -> None:
        self.query_one("#search").display = False
        self.set_focus(self.tree, scroll_visible=False)

    def _jump_match(self, step: int) -> None:
        if not self.search_matches:
            self.notify("No search yet: press / first.", severity="warning")
            return
        self.search_at = (self.search_at + step) % len(self.search_matches)
        self.tree.select_claim(self.search_matches[self.search_at])
        self._update_detail()
        self.notify(f"match {self.search_at + 1} of {len(self.search_matches)}", timeout=1.2)

    def action_search_next(self) -> None:
        self._jump_match(+1)

    def action_search_previous(self) -> None:
        self._jump_match(-1)

    # ------------------------------------------------------------ problems

    def action_problems(self) -> None:
        problems = self.query_one("#problems", OptionList)
        if problems.option_count:
            problems.highlighted = problems.highlighted or 0
            self.set_focus(problems)
        else:
            self.notify("No problems found.")

    @on(OptionList.OptionSelected, "#problems")
    def _problem_selected(self, event: OptionList.OptionSelected) -> None:
        node_id = (event.option.id or "").split(":", 1)[1]
        idx = self.session.index
        if node_id in idx.arguments:
            a = idx.arguments[node_id]
            self.tree.select_claim(a.premises[0], prefer_argument=a.id)
        elif node_id in idx.claims:
            self.tree.select_claim(node_id)
        self.set_focus(self.tree)
        self._update_detail()

    # ------------------------------------------------------------ the whole tree, the panel

    def action_expand_all(self) -> None:
        opened = self.tree.expand_all()
        self.notify(f"Opened {opened} rows." + (" (stopped there: a very big map)" if opened >= 20_000 else ""), timeout=1.5)

    def action_collapse_all(self) -> None:
        self.tree.collapse_all()
        self._update_detail()

    def action_detail_down(self) -> None:
        self.query_one("#detail-scroll").scroll_page_down(animate=False)

    def action_detail_up(self) -> None:
        self.query_one("#detail-scroll").scroll_page_up(animate=False)

    # ------------------------------------------------------------ map details and sources

    async def action_map_details(self) -> None:
        from argmap.tui.sources import MapDetailsForm

        session = self.session

        def done(result: dict | None) -> None:
            if result is None or all(getattr(session.document, k) == v for k, v in result.items()):
                return
            with self._session_context(session):
                self.apply(edit.edit_map(**result), select=False)

        await self.app.push_screen(MapDetailsForm(session.document), done)

    async def action_sources(self) -> None:
        await self._sources_list()

    def _sources_list(self):
        from collections import Counter

        from argmap.tui.sources import SourceForm, SourcesScreen

        session = self.session
        cited = Counter(e.source for c in session.document.claims for e in c.evidence)

        def chosen(source_id: str | None) -> None:
            source = next((s for s in session.document.sources if s.id == source_id), None)
            if source is None:
                return

            def done(result: dict | None) -> None:
                if result is not None and any(getattr(source, k) != v for k, v in result.items()):
                    with self._session_context(session):
                        self.apply(edit.edit_source(source.id, **result), select=False)
                with self._session_context(session):
                    self._sources_list()  # back to the list

            self.app.push_screen(SourceForm(source, session.path), done)

        return self.app.push_screen(SourcesScreen(session.document, dict(cited)), chosen)

    # ------------------------------------------------------------ render and back

    def action_render(self) -> None:
        self.app.render_map(self.session)

    def action_back(self) -> None:
        if self.query_one("#search").display:
            self._close_search()
            return
        if self.cut_argument is not None:
            self.cut_argument = None
            self.tree.sync()
            self.notify("Cut cancelled.", timeout=1.5)
            return
        if self.pending is not None:
            return
        if not self.flush():
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:  # opened directly: the maps of its folder, where n makes a new one
            from argmap.tui.workspace import WorkspaceScreen

            self.app.switch_screen(WorkspaceScreen(self.workspace_folder()))

    def workspace_folder(self):
        return self.session.path.parent
