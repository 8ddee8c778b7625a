"""The compare view: two maps side by side, each an editable tree, and the
cross-map links of their comparison (.compare.json).

It is a MapEditor whose `session` and `tree` are those of the active side (`tab`
switches), so every editing key works on either map as in the editor. Links are
saved in the comparison file through the storage layer (never overwriting a file
changed on disk) as soon as they change."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from argmap.analysis.metrics import evidence_coverage
from argmap.errors import ArgmapError, InputError, SaveConflictError
from argmap.model import SCHEMA_VERSION, Comparison, Link
from argmap.store import Fingerprint, LoadedComparison, comparison_problems, free_copy_path, load_comparison, save_document
from argmap.tui import view
from argmap.tui.dialogs import ClaimTextArea, Prompt, conflict_prompt, journal_prompt
from argmap.tui.editor import EDITOR_BINDINGS, STATUS_MARK, MapEditor, Pending
from argmap.tui.session import MapSession
from argmap.tui.tree import MapTree
from argmap.tui.view import Row

SIDES = ("left", "right")
LINK_STYLE = {"same": ("⇔ ", "bold cyan"), "contradicts": ("⇎ ", "bold red"), "shared-evidence": ("❝⇔ ", "bold yellow")}
LINK_KEYS = [("same", "Same", "s"), ("contradicts", "Contradicts", "c"), ("shared-evidence", "Shared evidence", "e")]

COMPARE_BINDINGS = [
    Binding("tab", "switch_side", "Other side", id="compare_switch_side"),
    Binding("right_square_bracket", "next_link", "Next link", id="compare_next_link"),
    Binding("left_square_bracket", "previous_link", "Prev link", show=False, id="compare_previous_link"),
    Binding("L,shift+l", "link", "Link", id="compare_link", tooltip="Link the selected claim with the one selected on the other side (or change/remove that link)"),
    Binding("s", "suggest", "Suggest", id="compare_suggest", tooltip="Suggest claims on the other side that say the same or closely related things"),
    Binding("r", "render", "Render", show=False, id="compare_render", tooltip="Render the comparison diagram to exports/NAME.svg"),
]


class CompareFile:
    """The comparison document, where it is saved, and what was loaded."""

    def __init__(self, path: Path, document: Comparison, fingerprint: Fingerprint | None) -> None:
        self.path = path
        self.document = document
        self.fingerprint = fingerprint
        self.written: list[Link] | None = list(document.links) if fingerprint else None

    def valid_links(self, left: MapSession, right: MapSession) -> list[Link]:
        left_ids = {c.id for c in left.document.claims}
        right_ids = {c.id for c in right.document.claims}
        return [k for k in self.document.links if k.left in left_ids and k.right in right_ids]

    def save(self, left: MapSession, right: MapSession, *, force: bool = False) -> int:
        """Save (links to claims that no longer exist are left out: the file must
        load; they stay in memory for undo). Returns how many were left out."""
        kept = self.valid_links(left, right)
        doc = self.document.model_copy(update={"links": kept})
        self.fingerprint = save_document(doc, self.path, base=self.fingerprint, force=force)
        self.written = kept
        return len(self.document.links) - len(kept)

    def stale(self, left: MapSession, right: MapSession) -> bool:
        """The file no longer matches the maps (a linked claim deleted or restored)."""
        return self.written is not None and self.valid_links(left, right) != self.written


def from_comparison(loaded: LoadedComparison) -> CompareScreen:
    c = loaded.comparison
    return CompareScreen(
        MapSession(loaded.left.path, loaded.left.document, loaded.left.fingerprint),
        MapSession(loaded.right.path, loaded.right.document, loaded.right.fingerprint),
        CompareFile(c.path, c.document, c.fingerprint),
    )


def from_maps(left: Path, right: Path) -> CompareScreen:
    """Two maps; links go to LEFT--RIGHT.compare.json beside the left map (loaded if
    it exists and names these maps, else created when the first link is made)."""
    ls, rs = MapSession.open(left), MapSession.open(right)
    path = ls.path.with_name(f"{ls.path.name.removesuffix('.json')}--{rs.path.name.removesuffix('.json')}.compare.json")
    if path.exists():
        loaded = load_comparison(path)
        problems = comparison_problems(loaded.document, ls.document, rs.document)
        if problems:
            raise InputError("\n".join(f"{path}: {p}" for p in problems))
        cf = CompareFile(path, loaded.document, loaded.fingerprint)
    else:
        rel_right = os.path.relpath(rs.path.resolve(), ls.path.resolve().parent)
        doc = Comparison(schema_version=SCHEMA_VERSION, left=ls.path.name, right=rel_right)
        cf = CompareFile(path, doc, None)
    return CompareScreen(ls, rs, cf)


class CompareScreen(MapEditor):
    BINDINGS = COMPARE_BINDINGS + [b for b in EDITOR_BINDINGS if b.id not in ("render",)]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    EXTRA_BINDINGS = COMPARE_BINDINGS

    def __init__(self, left: MapSession, right: MapSession, comparison: CompareFile) -> None:
        super(MapEditor, self).__init__()
        self.sides = {"left": left, "right": right}
        self.active = "left"
        self.comparison = comparison
        self._init_state()

    # ------------------------------------------------------------ the active side

    @property
    def session(self) -> MapSession:  # type: ignore[override]
        return self.sides[self.active]

    @property
    def tree(self) -> MapTree:
        return self.query_one(f"#tree-{self.active}", MapTree)

    @property
    def other(self) -> str:
        return "right" if self.active == "left" else "left"

    def tree_of(self, side: str) -> MapTree:
        return self.query_one(f"#tree-{side}", MapTree)

    @contextmanager
    def _using(self, side: str):
        before = self.active
        self.active = side
        try:
            yield
        finally:
            self.active = before

    def _all_sessions(self) -> list[MapSession]:
        return [self.sides["left"], self.sides["right"]]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="panes"):
            for side in SIDES:
                with Vertical(id=f"pane-{side}", classes="pane"):
                    yield Static(id=f"head-{side}", classes="pane-head")
                    yield MapTree(lambda side=side: self.sides[side].index, mark=lambda row, side=side: self._mark_side(row, side), compact=True, id=f"tree-{side}")
        with Horizontal(id="compare-bottom"):
            with VerticalScroll(id="detail-scroll"):
                yield Static(id="detail")
            yield OptionList(id="problems")
        yield Static(id="summary")
        yield from self._compose_editing()

    def on_mount(self) -> None:
        self.query_one("#editor").display = False
        self.query_one("#search").display = False
        self.query_one("#problems").display = False
        for side in SIDES:
            tree = self.tree_of(side)
            tree.rebuild()
        self.tree_of("left").focus()
        self._update_heads()
        self._update_title()
        self._update_detail()
        self._update_summary()
        for session in self._all_sessions():
            self._refresh_status(session)
        self.set_interval(1.0, self._poll_disk)
        self._offer_journals(list(SIDES))

    def _offer_journals(self, sides: list[str]) -> None:
        if not sides:
            return
        side, rest = sides[0], sides[1:]
        session = self.sides[side]
        journal = session.recoverable_journal()
        if journal is None:
            self._offer_journals(rest)
            return

        def answer(value: str | None) -> None:
            with self._using(side):
                self._journal_answer(value, journal)
            self._offer_journals(rest)

        self.app.push_screen(journal_prompt(session.path, journal.written), answer)

    # ------------------------------------------------------------ links

    def links_of(self, side: str, claim_id: str) -> list[Link]:
        return [k for k in self.comparison.document.links if getattr(k, side) == claim_id]

    def _mark_side(self, row: Row, side: str) -> Text | None:
        out = Text()
        base = super()._mark(row, self.sides[side])
        if base is not None:
            out.append_text(base)
        if row[0] == "claim":
            links = self.links_of(side, row[1])
            if links:
                out.append(*LINK_STYLE[links[0].kind])
        return out or None

    def _partner_ids(self, side: str, claim_id: str) -> list[str]:
        other = "right" if side == "left" else "left"
        return [getattr(k, other) for k in self.links_of(side, claim_id)]

    def on_tree_node_highlighted(self, event) -> None:
        tree = event.node.tree
        side = "left" if tree.id == "tree-left" else "right"
        if side != self.active:
            return
        self._update_detail()
        row = tree.cursor_node.data if tree.cursor_node else None
        if row and row[0] == "claim":
            partners = self._partner_ids(side, row[1])
            if partners:
                other = "right" if side == "left" else "left"
                self.tree_of(other).select_claim(partners[0])

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, MapTree):
            side = "left" if widget.id == "tree-left" else "right"
            if side != self.active:
                self.active = side
                self._side_changed()

    def action_switch_side(self) -> None:
        if self.pending is not None:
            return
        self.active = self.other
        self.set_focus(self.tree, scroll_visible=False)
        self._side_changed()

    def action_problems(self) -> None:
        """The lint warnings of the active side (hidden until asked for here)."""
        problems = self.query_one("#problems", OptionList)
        problems.display = True
        super().action_problems()

    def _side_changed(self) -> None:
        self.search_matches = []
        self._refresh_problems()
        self._update_heads()
        self._update_detail()
        self._update_title()

    def _linked_in_order(self) -> list[str]:
        linked = {getattr(k, self.active) for k in self.comparison.document.links}
        return [cid for cid in view.claims_in_tree_order(self.session.index) if cid in linked]

    def _jump_link(self, step: int) -> None:
        order = self._linked_in_order()
        if not order:
            self.notify("No linked claims on this side yet: select a claim on each side and press L.", severity="warning")
            return
        node = self.tree.cursor_node
        current = node.data[1] if node and node.data and node.data[0] == "claim" else None
        i = order.index(current) + step if current in order else (0 if step > 0 else -1)
        self.tree.select_claim(order[i % len(order)])
        self._update_detail()

    def action_next_link(self) -> None:
        self._jump_link(+1)

    def action_previous_link(self) -> None:
        self._jump_link(-1)

    def _selected_claim(self, side: str) -> str | None:
        node = self.tree_of(side).cursor_node
        row = node.data if node else None
        return row[1] if row and row[0] == "claim" else None

    def action_link(self) -> None:
        mine, theirs = self._selected_claim(self.active), self._selected_claim(self.other)
        if mine is None or theirs is None:
            self.notify("Select a claim on each side first (tab switches sides).", severity="warning")
            return
        left, right = (mine, theirs) if self.active == "left" else (theirs, mine)
        existing = [k for k in self.comparison.document.links if k.left == left and k.right == right]
        li, ri = self.sides["left"].index.claims[left], self.sides["right"].index.claims[right]
        q = Text.assemble(("left:  ", "bold"), li.text[:150], "\n", ("right: ", "bold"), ri.text[:150], "\n\n")
        answers = list(LINK_KEYS)
        if existing:
            q.append(f"Now linked as {', '.join(k.kind for k in existing)}. Choose a kind, or remove the link.")
            answers.append(("remove", "Remove", "x"))
        else:
            q.append("How are these two claims related?")

        def chosen(kind: str | None) -> None:
            if kind is None:
                return
            if kind == "remove":
                self._set_links([k for k in self.comparison.document.links if not (k.left == left and k.right == right)], "Link removed.")
                return
            self._open_editor(Pending("link", f"{left}\t{right}\t{kind}"), f"Note on this {kind} link (optional; enter to finish):", existing[0].note or "" if existing else "")

        self.app.push_screen(Prompt(q, answers, title="Link claims across the maps"), chosen)

    def _editor_accepted(self, message: ClaimTextArea.Accepted) -> None:
        pending = self.pending
        if pending is None or pending.kind != "link":
            super()._editor_accepted(message)
            return
        message.stop()
        self._close_editor()
        left, right, kind = pending.target.split("\t")
        note = message.text.strip() or None
        links = [k for k in self.comparison.document.links if not (k.left == left and k.right == right)]
        links.append(Link(left=left, right=right, kind=kind, note=note))
        self._set_links(links, f"Linked as {kind}.")

    def _set_links(self, links: list[Link], message: str) -> None:
        self.comparison.document = self.comparison.document.model_copy(update={"links": links})
        for side in SIDES:
            self.tree_of(side).sync()
        self._update_summary()
        self._update_detail()
        if self._save_comparison():
            self.notify(message, timeout=2)

    def _save_comparison(self, *, force: bool = False) -> bool:
        try:
            dropped = self.comparison.save(self.sides["left"], self.sides["right"], force=force)
        except SaveConflictError:
            self._comparison_conflict()
            return False
        except (ArgmapError, OSError) as e:
            self.notify(f"Comparison not saved: {e}", severity="error", timeout=8)
            return False
        if dropped:
            self.notify(f"{dropped} link(s) to deleted claims left out of {self.comparison.path.name}.", severity="warning")
        return True

    def _comparison_conflict(self) -> None:
        def answer(value: str | None) -> None:
            if value == "reload":
                try:
                    loaded = load_comparison(self.comparison.path)
                except ArgmapError as e:
                    self.notify(f"Cannot reload: {e}", severity="error", timeout=8)
                    return
                self.comparison.document, self.comparison.fingerprint = loaded.document, loaded.fingerprint
                self._set_links(list(loaded.document.links), "Comparison reloaded from disk.")
            elif value == "mine":
                self._save_comparison(force=True)
            elif value == "copy":
                target = free_copy_path(self.comparison.path)  # never over an earlier copy
                self.comparison.path, self.comparison.fingerprint = target, None
                if self._save_comparison(force=False):
                    self.notify(f"Links saved as {target.name}.")
            else:
                self.notify("Links not saved yet (ctrl+s asks again).", severity="warning")

        self.app.push_screen(conflict_prompt(self.comparison.path, "was changed on disk since it was opened"), answer)

    # ------------------------------------------------------------ suggestions

    def action_suggest(self) -> None:
        claim = self._selected_claim(self.active)
        if claim is None:
            self.notify("Select a claim first.", severity="warning")
            return
        from argmap.analysis.align import suggest_for_claim  # numpy and rapidfuzz: only when asked
        left, right = self.sides["left"].document, self.sides["right"].document
        found = suggest_for_claim(left, right, claim, side=self.active, limit=8, exclude=self.comparison.document)
        if not found:
            self.notify("No similar claims on the other side.", timeout=2)
            return
        other_idx = self.sides[self.other].index
        options = []
        for s in found:
            partner = s.right if self.active == "left" else s.left
            options.append((partner, Text.assemble((f"{s.score:.2f} ", "bold"), (f"{s.kind:<16}", LINK_STYLE[s.kind][1]), other_idx.claims[partner].text[:90], (f"  ({s.reason})", "dim"))))
        self.app.push_screen(SuggestionList(options), self._suggestion_chosen)

    def _suggestion_chosen(self, partner: str | None) -> None:
        if partner is None:
            return
        self.tree_of(self.other).select_claim(partner)
        self.notify("Partner selected on the other side: press L to link them.", timeout=3)

    # ------------------------------------------------------------ panels

    def _update_heads(self) -> None:
        for side in SIDES:
            s = self.sides[side]
            head = self.query_one(f"#head-{side}", Static)
            active = side == self.active
            t = Text.assemble(("▶ " if active else "  ", "bold"), (s.name, "bold" if active else "dim"), (" ●" if s.dirty else "", "yellow"))
            if self.semantics and s.thesis_status:
                t.append(f"  thesis {STATUS_MARK[s.thesis_status][0].strip()}", style=STATUS_STYLE.get(s.thesis_status, ""))
            head.update(t)
            head.set_class(active, "-active")

    def _update_title(self) -> None:
        c = self.comparison.document
        self.title = self.comparison.path.name
        self.sub_title = c.title or ""
        if self.is_mounted:
            self._update_heads()

    def _update_summary(self) -> None:
        c = self.comparison.document
        narrow = self.size.width < 110
        t = Text()
        for side in SIDES:
            m = self.sides[side].document
            t.append(f"{side}: ", style="bold")
            if narrow:
                t.append(f"{len(m.claims)}c {len(m.arguments)}a ev {evidence_coverage(m):.0%}")
            else:
                t.append(f"{len(m.claims)} claims, {len(m.arguments)} args, evidence {evidence_coverage(m):.0%}")
            status = self.sides[side].thesis_status
            if self.semantics and status:
                t.append(f" {STATUS_MARK[status][0].strip()}" if narrow else f", thesis {status}", style=STATUS_STYLE.get(status, ""))
            t.append("  │ ")
        counts = {kind: sum(1 for k in c.links if k.kind == kind) for kind, _, _ in LINK_KEYS}
        t.append("links: ", style="bold")
        names = {"same": "same", "contradicts": "contra", "shared-evidence": "shared"} if narrow else {k: k for k in counts}
        t.append(", ".join(f"{n} {names[kind]}" for kind, n in counts.items()))
        if self.semantics and not narrow:
            t.append(f"   ({self.semantics}; S changes)", style="dim")
        self.query_one("#summary", Static).update(t)

    def on_resize(self, event) -> None:
        self._update_summary()

    def _detail_text(self) -> Text:
        text = super()._detail_text()
        node = self.tree.cursor_node
        row = node.data if node else None
        if not row or row[0] != "claim":
            return text
        links = self.links_of(self.active, row[1])
        other_idx = self.sides[self.other].index
        if links:
            text.append("\nlinked on the other side:\n", style="bold")
        for k in links:
            partner = getattr(k, self.other)
            claim = other_idx.claims.get(partner)
            text.append(f"  {k.kind}: ", style=LINK_STYLE[k.kind][1])
            text.append((claim.text if claim else partner)[:120] + "\n")
            if k.note:
                text.append(f"    {k.note}\n", style="italic")
        return text

    def _status_shown(self, session: MapSession, changed: set[str]) -> None:
        side = "left" if session is self.sides["left"] else "right"
        self.tree_of(side).sync(changed)
        self._update_detail()
        self._update_heads()
        self._update_summary()

    def _status_cleared(self) -> None:
        for side in SIDES:
            self.tree_of(side).sync()
        self._update_detail()
        self._update_heads()
        self._update_summary()

    def _after_change(self, change, **kw) -> None:
        super()._after_change(change, **kw)
        self._update_summary()
        self._update_heads()

    def _reload_view(self) -> None:
        super()._reload_view()
        self._update_summary()

    # ------------------------------------------------------------ saving both maps and the links

    def _each_side(self, method, *args, **kwargs) -> list:
        """Run one of MapEditor's per-map methods for the left map, then the right."""
        results = []
        for side in SIDES:
            with self._using(side):
                results.append(method(self, *args, **kwargs))
        return results

    def _write_journal(self, *, wait: bool = False) -> None:
        self._each_side(MapEditor._write_journal, wait=wait)

    def save(self, *, quiet: bool = False, force: bool = False) -> bool:
        ok = MapEditor.save(self, quiet=quiet, force=force)
        if ok and self.comparison.stale(self.sides["left"], self.sides["right"]):
            self._save_comparison()
        return ok

    def _autosave(self) -> None:
        self._each_side(MapEditor._autosave)

    def action_save(self) -> None:
        for side in SIDES:
            with self._using(side):
                self.autosave_paused = False
                self.save()
        self._save_comparison()

    def flush(self) -> bool:
        return all(self._each_side(MapEditor.flush))

    def write_journals(self) -> None:
        self._each_side(MapEditor.write_journals)

    def _poll_disk(self) -> None:
        self._each_side(MapEditor._poll_disk)

    @contextmanager
    def _session_context(self, session: MapSession):
        with self._using("left" if session is self.sides["left"] else "right"):
            yield

    def _conflict_answer(self, value: str | None) -> None:
        MapEditor._conflict_answer(self, value)
        if value == "copy":
            self.notify("The comparison still names the original file; copy the links by hand if needed.", severity="warning", timeout=6)

    def action_render(self) -> None:
        self.app.render_comparison(self.comparison, self.sides["left"], self.sides["right"])


STATUS_STYLE = {"accepted": "bold green", "rejected": "bold red", "undecided": "bold yellow"}


class SuggestionList(Prompt):
    """Pick one suggested partner claim (enter), or escape."""

    DEFAULT_CSS = """
    SuggestionList > Vertical { width: 110; max-width: 100%; max-height: 90%; }
    SuggestionList OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, options: list[tuple[str, Text]]) -> None:
        super().__init__(Text("Similar claims on the other side (enter selects it there; then L links):"), [], title="Suggestions")
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = self.title_text
            yield Static(self.question, classes="question")
            yield OptionList(*[Option(label, id=cid) for cid, label in self.options], id="suggestions")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
