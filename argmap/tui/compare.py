"""The compare view: two maps side by side, each an editable tree, and the
cross-map links of their comparison (.compare.json).

It is a MapEditor whose `session` and `tree` are those of the active side (`tab`
switches), so every editing key works on either map as in the editor. Links are
saved in the comparison file through the storage layer (never overwriting a file
changed on disk) as soon as they change."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Header, Label, OptionList, Static

from argmap.analysis.metrics import evidence_coverage
from argmap.errors import ArgmapError, InputError, SaveConflictError
from argmap.model import SCHEMA_VERSION, Comparison, Link
from argmap.store import Fingerprint, LoadedComparison, comparison_problems, free_copy_path, load_comparison, save_document
from argmap.tui import view
from argmap.tui.dialogs import ClaimTextArea, Prompt, conflict_prompt, journal_prompt
from argmap.tui.editor import DECISIVE_MARK, DECISIVE_STYLE, EDITOR_BINDINGS, STATUS_MARK, MapEditor, Pending
from argmap.tui.session import MapSession
from argmap.tui.tree import MapTree
from argmap.tui.view import Row

SIDES = ("left", "right")
LINK_STYLE = {"same": ("⇔ ", "bold cyan"), "contradicts": ("⇎ ", "bold red"), "shared-evidence": ("❝⇔ ", "bold yellow")}
LINK_KEYS = [("same", "Same", "s"), ("contradicts", "Contradicts", "c"), ("shared-evidence", "Shared evidence", "e")]

COMPARE_BINDINGS = [
    Binding("tab", "switch_side", "Side", id="compare_switch_side", tooltip="Switch to the other side (map)"),
    Binding("right_square_bracket", "next_link", "Next link", id="compare_next_link", tooltip="Next cross-map link (a claim with several links: each in turn); its partner is selected on the other side"),
    Binding("left_square_bracket", "previous_link", "Prev link", show=False, id="compare_previous_link", tooltip="Previous cross-map link"),
    Binding("L,shift+l", "link", "Link", id="compare_link", tooltip="Link the selected claim with the one selected on the other side (or change/remove that link)"),
    Binding("s", "suggest", "Suggest", id="compare_suggest", tooltip="Suggest claims on the other side that say the same or closely related things"),
    Binding("r", "render", "Render", show=False, id="compare_render", tooltip="Render the comparison diagram to exports/NAME.svg"),
]
# the compare footer keeps room for its own keys and the way to one's own maps
FOOTER_IN_COMPARE = {"back", "help_legend"}


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


KIND_ORDER = ("same", "contradicts", "shared-evidence")


def link_marks(links: list[Link]) -> Text:
    """Every link kind of a claim, with a count where one kind links it to several
    claims: '⇎ ❝⇔ ', '⇔2 '."""
    out = Text()
    for kind in KIND_ORDER:
        n = sum(1 for k in links if k.kind == kind)
        if n:
            glyph, style = LINK_STYLE[kind]
            out.append(glyph.strip() + (str(n) if n > 1 else "") + " ", style=style)
    return out


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


def _compare_binding(b: Binding) -> Binding:
    if b.id == "back":
        return replace(b, show=True, description="Your maps · n new")
    return b if b.id in FOOTER_IN_COMPARE else replace(b, show=False)


class CompareScreen(MapEditor):
    BINDINGS = COMPARE_BINDINGS + [_compare_binding(b) for b in EDITOR_BINDINGS if b.id not in ("render",)]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    EXTRA_BINDINGS = COMPARE_BINDINGS

    def __init__(self, left: MapSession, right: MapSession, comparison: CompareFile) -> None:
        super(MapEditor, self).__init__()
        self.sides = {"left": left, "right": right}
        self.active = "left"
        self.comparison = comparison
        self.joint = None  # JointVerdict for joint_key
        self.joint_key: tuple | None = None
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

    def _side_of(self, session: MapSession) -> str:
        return "left" if session is self.sides["left"] else "right"

    # ------------------------------------------------------------ the joint verdict and decisive claims

    def _joint_key(self) -> tuple:
        links = tuple((k.left, k.right, k.kind) for k in self.comparison.document.links)
        revisions = tuple(self.sides[side].history.revision for side in SIDES)
        return (revisions, links, self.semantics or "grounded", self.show_decisive)

    def _decisive_key(self, session: MapSession) -> tuple:
        return self._joint_key()

    def _decisive_ids(self, session: MapSession) -> set[str]:
        joint = self._current_joint()
        return joint.decisive_ids(self._side_of(session)) if joint is not None else set()

    def _current_joint(self):
        """The joint verdict for this semantics; after an edit the last one stays
        until the new one arrives (a fraction of a second)."""
        fresh = self.joint_key is not None and self.joint_key[2:] == self._joint_key()[2:]
        return self.joint if fresh else None

    def _refresh_decisive(self) -> None:
        """Both theses judged as one debate (and, when marked, what decides each), in
        a thread; the bar and the marks update when it is done."""
        if not (self.semantics or self.show_decisive) or self.joint_key == self._joint_key():
            return
        left, right = self.sides["left"], self.sides["right"]
        comparison = self.comparison.document.model_copy(update={"links": self.comparison.valid_links(left, right)})
        job = partial(self._joint_worker, self._joint_key(), left.document, right.document, comparison)
        self.run_worker(job, name="joint", description="joint verdict", group="joint", thread=True, exclusive=True, exit_on_error=False)

    def _joint_worker(self, key: tuple, left, right, comparison) -> None:
        from argmap.tui.verdicts import comparison_verdict

        try:
            joint = comparison_verdict(left, right, comparison, key[2], decisive=key[3])
        except Exception:  # noqa: BLE001 - a map changed under us, or too many extensions
            return
        self.app.call_from_thread(self._show_joint, key, joint)

    def _show_joint(self, key: tuple, joint) -> None:
        if not self.is_mounted or key != self._joint_key():
            return
        self.joint, self.joint_key = joint, key
        for side in SIDES:
            self.tree_of(side).sync()
        self._update_heads()
        self._update_summary()
        self._update_detail()
        if self._announce_decisive and joint.decisive is not None:
            self._announce_decisive = False
            self.notify("\n".join(joint.decisive[side].summary(f"{joint.names[side]}'s thesis") for side in SIDES), timeout=8)

    def _announce_known_decisive(self) -> None:
        joint = self._current_joint()
        if self._announce_decisive and joint is not None and joint.decisive is not None:
            self._show_joint(self.joint_key, joint)

    def _decisive_note(self, row: Row | None) -> list:
        joint = self._current_joint()
        if not self.show_decisive or joint is None or not row or row[0] != "claim":
            return []
        whose = joint.decisive_for(self.active, row[1])
        if not whose:
            return []
        theses = " and ".join(f"{joint.names[side]}'s thesis" for side in whose)
        line = Text.assemble((DECISIVE_MARK, DECISIVE_STYLE), ("decisive: ", "bold"), f"defeat this claim (with the others of its set) and the joint verdict on {theses} changes")
        if any((self.active, row[1]) in joint.decisive[side].unevidenced for side in whose):
            line.append("; it is granted without evidence", style="bold yellow")
        return [(line, 0)]

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
            self.tree_of(side).rebuild()
            with self._using(side):
                self._reopen_view()
        self.tree_of("left").focus()
        self._update_heads()
        self._update_title()
        self._update_detail()
        self._update_summary()
        for session in self._all_sessions():
            self._refresh_status(session)
        self._refresh_decisive()
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
            out.append_text(link_marks(self.links_of(side, row[1])))
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
            other = "right" if side == "left" else "left"
            if partners and self._selected_claim(other) not in partners:
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
        """The lint warnings of the active side (hidden until asked for, and only
        shown when there are some)."""
        problems = self.query_one("#problems", OptionList)
        problems.display = problems.option_count > 0
        super().action_problems()

    def _side_changed(self) -> None:
        self.search_matches = []
        self._refresh_problems()
        self._update_heads()
        self._update_detail()
        self._update_title()

    def _link_pairs(self) -> list[tuple[str, str, str]]:
        """(claim on this side, partner, kind) for every link, in this side's tree
        order, a claim's links in file order."""
        by_claim: dict[str, list[Link]] = {}
        for k in self.comparison.document.links:
            by_claim.setdefault(getattr(k, self.active), []).append(k)
        return [(cid, getattr(k, self.other), k.kind) for cid in view.claims_in_tree_order(self.session.index) for k in by_claim.get(cid, [])]

    def _jump_link(self, step: int) -> None:
        pairs = self._link_pairs()
        if not pairs:
            self.notify("No linked claims on this side yet: select a claim on each side and press L.", severity="warning")
            return
        mine, theirs = self._selected_claim(self.active), self._selected_claim(self.other)
        at = [i for i, (cid, partner, _) in enumerate(pairs) if cid == mine and partner == theirs]
        if at:
            i = at[0] + step
        else:
            here = [i for i, (cid, _, _) in enumerate(pairs) if cid == mine]
            i = here[0] if here else (0 if step > 0 else -1)
        i %= len(pairs)
        cid, partner, kind = pairs[i]
        self.tree_of(self.other).select_claim(partner)
        self.tree.select_claim(cid)
        self._detail_shown = None  # a jump starts the panel at the top, even on the same claim
        self._update_detail()
        count = sum(1 for c, _, _ in pairs if c == cid)
        extra = f" ({count} links on this claim: ] shows the next)" if count > 1 else ""
        self.notify(f"Link {i + 1} of {len(pairs)}: {kind}{extra}", timeout=2)

    def action_next_link(self) -> None:
        self._jump_link(+1)

    def action_previous_link(self) -> None:
        self._jump_link(-1)

    def _selected_claim(self, side: str) -> str | None:
        node = self.tree_of(side).cursor_node
        row = node.data if node else None
        return row[1] if row and row[0] == "claim" else None

    async def action_link(self) -> None:
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

        await self.app.push_screen(Prompt(q, answers, title="Link claims across the maps"), chosen)

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
        self._refresh_decisive()
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

    async def action_suggest(self) -> None:
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
        mine_idx, other_idx = self.session.index, self.sides[self.other].index
        rows = []
        for sug in found:
            partner = sug.right if self.active == "left" else sug.left
            rows.append(SuggestionRow(partner, sug.score, sug.kind, sug.reason, claim_name(other_idx.claims[partner])))
        await self.app.push_screen(SuggestionList(claim_name(mine_idx.claims[claim]), rows), self._suggestion_chosen)

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
            t = Text(no_wrap=True, overflow="ellipsis")
            t.append("▶ " if active else "  ", style="bold")
            if self.semantics and s.thesis_status:
                t.append(f"thesis alone {STATUS_MARK[s.thesis_status][0]}", style=STATUS_STYLE.get(s.thesis_status, ""))
                joint = self._current_joint()
                if joint is not None:
                    label = joint.thesis[side]
                    t.append(f"together {STATUS_MARK[label][0]}", style=STATUS_STYLE.get(label, ""))
            t.append(s.name, style="bold" if active else "dim")
            t.append(" ●" if s.dirty else "", style="yellow")
            head.update(t)
            head.set_class(active, "-active")

    def _update_title(self) -> None:
        c = self.comparison.document
        self.title = self.comparison.path.name
        self.sub_title = c.title or ""
        if self.is_mounted:
            self._update_heads()

    def _update_summary(self) -> None:
        """Two lines: each side's size, evidence coverage and own verdict, the links by
        kind; then both theses judged together, in words (the thesis's panel has it
        in full)."""
        c = self.comparison.document
        wide = self.size.width >= 150
        t = Text(no_wrap=True, overflow="ellipsis")
        for side in SIDES:
            m = self.sides[side].document
            status = self.sides[side].thesis_status if self.semantics else None
            t.append(f"{side}" + (": " if wide else " "), style="bold")
            if wide:
                t.append(f"{len(m.claims)} claims, {len(m.arguments)} args, evidence {evidence_coverage(m):.0%}")
                if status:
                    t.append(f", alone {status}", style=STATUS_STYLE.get(status, ""))
            else:  # each pane's head has the thesis's own verdict
                if status and self.size.width >= 100:
                    t.append(f"alone {STATUS_MARK[status][0]}", style=STATUS_STYLE.get(status, ""))
                t.append(f"{len(m.claims)}c {len(m.arguments)}a ev {evidence_coverage(m):.0%}")
            t.append("  │ ", style="dim")
        if self.size.width >= 100:
            t.append("links" + (": " if wide else " "), style="bold")
        for kind in KIND_ORDER:
            n = sum(1 for k in c.links if k.kind == kind)
            glyph, style = LINK_STYLE[kind]
            t.append(f"{n} {kind}  " if wide else f"{glyph.strip()}{n} ", style=style)
        if self.semantics:
            t.append(f" │ {self.semantics}", style="dim")
        joint = self._current_joint() if self.semantics else None
        line = Text(no_wrap=True, overflow="ellipsis")
        if joint is not None:
            for side in SIDES:
                label = joint.thesis[side]
                line.append(f"{joint.names[side]} {STATUS_MARK[label][0]}", style=STATUS_STYLE.get(label, ""))
            line.append("│ ", style="dim")
            line.append(joint.sentence)
        elif self.semantics:
            line.append("judging both theses together…", style="dim")
        if self.semantics:
            t.append("\n")
            t.append_text(line)
        self.query_one("#summary", Static).update(t)

    def on_resize(self, event) -> None:
        self._update_summary()

    def _detail_extra(self, row: Row | None) -> list:
        """The selected claim's links, right under its text (so they show in the
        short panel without scrolling): kind, partner, note. A thesis: the joint
        verdict in full first."""
        if not row or row[0] != "claim":
            return []
        joint = self._current_joint() if self.semantics else None
        verdict = []
        if joint is not None and row[1] == self.session.document.thesis:
            verdict = [(Text(joint.sentence, style="bold"), 0)]
        links = self.links_of(self.active, row[1])
        if not links:
            return verdict
        other_idx = self.sides[self.other].index
        shown = self._selected_claim(self.other)
        blocks = verdict + [(Text(f"linked on the other side ({len(links)}):", style="bold"), 0)]
        for k in links:
            partner = getattr(k, self.other)
            claim = other_idx.claims.get(partner)
            line = Text.assemble(("▸ " if partner == shown else "  ", "bold"), LINK_STYLE[k.kind], (k.kind + ": ", LINK_STYLE[k.kind][1]))
            if claim is not None and claim.title:
                line.append(claim.title + ": ", style="bold")
            line.append(" ".join((claim.text if claim else partner).split()))
            blocks.append((line, 2))
            if k.note:
                blocks.append((Text(" ".join(k.note.split()), style="italic"), 6))
        return blocks

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

    def workspace_folder(self) -> Path:
        return self.comparison.path.parent


STATUS_STYLE = {"accepted": "bold green", "rejected": "bold red", "undecided": "bold yellow"}


def claim_name(claim) -> str:
    """A claim as a reviewer reads it in a list: 'Title: text' or the text."""
    text = " ".join(claim.text.split())
    return f"{claim.title}: {text}" if claim.title else text


def suggested_kind(kind: str, score: float) -> str:
    """What a suggestion says about the pair, no surer than its score (align's
    confidence word): a guessed 'same' is only 'related', a possible one 'same?'."""
    from argmap.analysis.align import confidence

    word = confidence(score)
    name = "shared evidence" if kind == "shared-evidence" else kind
    if word == "a guess" and kind == "same":
        name = "related"
    elif word != "likely":
        name += "?"
    return f"{name} ({word})"


@dataclass(frozen=True)
class SuggestionRow:
    partner: str
    score: float
    kind: str
    reason: str
    text: str


class SuggestionList(ModalScreen[str | None]):
    """Suggested partners as a table: match, what the pair may be (with how sure),
    the partner (title and text, wrapped); enter selects one on the other side."""

    DEFAULT_CSS = """
    SuggestionList { align: center middle; }
    SuggestionList > Vertical { width: 120; max-width: 100%; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 0 1; }
    SuggestionList DataTable { height: auto; max-height: 30; }
    SuggestionList .hint { color: $text-muted; height: auto; width: 100%; }
    SuggestionList #suggestion-why { height: auto; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="suggest_close")]

    def __init__(self, claim: str, rows: list[SuggestionRow]) -> None:
        super().__init__()
        self.claim = claim
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = "Suggestions"
            yield Static(Text.assemble(("For: ", "bold"), self.claim), classes="hint")
            yield DataTable(id="suggestions", cursor_type="row", zebra_stripes=True)
            yield Static("", id="suggestion-why")
            yield Label(Text("enter: select it on the other side (then L links them) · escape: close · match is word overlap, not meaning: read both", style="dim"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        width = max(40, min(118, self.app.size.width - 4) - 33)
        table.add_column("match", width=5)
        table.add_column("may be", width=22)
        table.add_column("claim on the other side", width=width)
        for r in self.rows:
            style = LINK_STYLE[r.kind][1] if suggested_kind(r.kind, r.score).endswith("(likely)") else "dim"
            table.add_row(Text(f"{r.score:.0%}", justify="right"), Text(suggested_kind(r.kind, r.score), style=style), Text(r.text), height=None, key=r.partner)
        table.focus()
        self._show_why(0)

    def _show_why(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            reason = re.sub(r"\s*\(\d+%\)", "", self.rows[row].reason)
            self.query_one("#suggestion-why", Static).update(Text(f"why: {reason}", style="dim"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_why(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)
