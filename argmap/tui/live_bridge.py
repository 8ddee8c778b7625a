"""The map editor on a live session (`argmap join` in a terminal).

`LiveSession` is a MapSession whose edits go into the shared document (a
`argmap.live.replica.Replica`) instead of a file: the host saves, so there is
nothing to save, journal or watch on disk here; undo takes back only one's own
changes. `LiveApp` is the usual app that, instead of opening files, connects to
the session and opens the map editor on it, then redraws the tree whenever others'
edits arrive (polled every POLL seconds). No change to the editor itself.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from argmap.edit import Change
from argmap.errors import ArgmapError
from argmap.live import moderation
from argmap.live.lines import printable
from argmap.live.replica import Replica
from textual.binding import Binding

from argmap.tui.app import ArgmapApp
from argmap.tui.editor import MapEditor, shorten
from argmap.tui.session import MapSession

POLL = 0.1  # seconds: others' edits show within this (plus the network)


class _Taken(Change):
    """What undo/redo hand the editor: a label; every row may have changed."""

    def touched(self):  # type: ignore[override]
        return None  # MapTree.sync(None) checks every row


def presence_note(replica: Replica) -> str:
    presence = getattr(replica, "presence", None)
    others = presence.others() if presence is not None else []
    if not others:
        return ""
    return " with " + ", ".join(f"{s.get('name')} ({s['at']})" if s.get("at") else str(s.get("name")) for s in others)


class LiveSession(MapSession):
    def __init__(self, replica: Replica, name: str, me: str | None = None) -> None:
        super().__init__(Path(f"{name}.json"), replica.map, None)
        self.replica = replica
        self.me = me  # this participant's name, as the others see it
        self._seen = replica.revision

    @property
    def name(self) -> str:
        """The title: the room, who else is here on which claim (presence), and in a
        moderated session the proposals pending."""
        me = f" as {printable(self.me)}" if self.me else ""
        return f"{self.path.name} · live{me}{self.pending_note()}{presence_note(self.replica)}"

    def pending(self) -> list[moderation.Pending]:
        if not moderation.is_moderated(self.replica.doc):
            return []
        return moderation.queue(self.document, moderation.proposers(self.replica.doc))

    def pending_note(self) -> str:
        if not moderation.is_moderated(self.replica.doc):
            return ""
        n = len(self.pending())
        role = "moderator" if self.replica.moderator else "moderated"
        return f" ({role}: {n} proposal{'s' if n != 1 else ''} pending, P lists them)"

    # ------------------------------------------------------------ the shared map

    def pull(self) -> bool:
        """Take in what others changed; True when the map changed."""
        if self.replica.revision == self._seen:
            return False
        self._refresh()
        return True

    def _refresh(self) -> None:
        self.document = self.replica.map
        self.history.map = self.document
        self.history.revision += 1
        self._index = None
        self._seen = self.replica.revision

    def apply(self, change: Change) -> Change:
        self.replica.apply(change)
        self._refresh()
        return change

    def undo(self) -> Change | None:
        return self._taken(self.replica.undo())

    def redo(self) -> Change | None:
        return self._taken(self.replica.redo())

    def _taken(self, label: str | None) -> Change | None:
        if label is None:
            return None
        self._refresh()
        return _Taken(label, plan=None)

    # ------------------------------------------------------------ the host saves

    @property
    def dirty(self) -> bool:
        return False

    def save(self, *, force: bool = False) -> None:
        pass

    def changed_on_disk(self) -> bool:
        return False

    def reload(self) -> None:
        self._refresh()

    def journal_bytes(self) -> bytes | None:
        return None

    def write_journal(self) -> bool:
        return False

    def delete_journal(self) -> None:
        pass

    def recoverable_journal(self):
        return None


class LiveEditor(MapEditor):
    """The map editor on a live session: `P` lists the proposals (moderated sessions)."""

    BINDINGS = [Binding("P,shift+p", "proposals", "Proposals", id="proposals",
                        tooltip="Moderated sessions: the pending proposals (a moderator accepts or rejects them)")]

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "proposals":  # (only moderated sessions show the key)
            return moderation.is_moderated(self.session.replica.doc)
        return True

    def action_proposals(self) -> None:
        from argmap.tui.proposals import ProposalQueue

        if not moderation.is_moderated(self.session.replica.doc):
            self.notify("Not a moderated session: there are no proposals.")
            return

        def go(claim: str | None) -> None:
            if claim and self.tree.select_claim(claim):
                self._update_detail()
            self.set_focus(self.tree)

        self.app.push_screen(ProposalQueue(self), go)


class LiveApp(ArgmapApp):
    """The app on a live session instead of files."""

    def __init__(self, url: str, name: str | None, *, follow: str | None = None, **kwargs) -> None:
        super().__init__([], **kwargs)
        self.url, self.participant = url, name
        self.follow = follow  # a participant whose selection the cursor follows (projector)
        self._followed: str | None = None
        self._online = True
        self._proposals_seen = -1
        self._announced: set[str] | None = None  # proposals a moderator was told of (None: none yet)
        self.session: LiveSession | None = None

    def open_targets(self, targets: list[Path]) -> None:
        self.run_worker(self._live(), exclusive=True, group="live")

    async def _live(self) -> None:
        from argmap.live.client import connect

        try:
            async with connect(self.url, self.participant) as replica:
                room = self.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "live"
                self.session = LiveSession(replica, room, self.participant)
                editor = LiveEditor(self.session)
                await self.push_screen(editor)
                self.set_interval(POLL, lambda: self._pull(editor))
                await replica.connection_lost.wait()
                gone = replica.refused or "the host is gone (no answer for a minute, or it restarted)"
                self.exit(return_code=1, message=f"argmap: {gone}")
        except ArgmapError as e:
            self.exit(return_code=2, message=f"argmap: {e}")

    def _pull(self, editor) -> None:
        session = self.session
        if session is None or not _ready(editor):
            return
        if session.replica.online != self._online:
            self._online = session.replica.online
            editor.notify("Reconnected." if self._online else "The connection dropped; reconnecting (keep editing).",
                          severity="information" if self._online else "warning")
        if self.follow:
            self._follow(editor, session)
        self._mark_presence(editor, session)
        node = editor.tree.cursor_node
        row = node.data if node is not None else None
        session.replica.presence.select(row[1] if row and isinstance(row[1], str) else None)
        if session.pull():
            editor.tree.sync(None)
            editor._update_detail()
            editor._update_title()
            editor._schedule_saves()  # the marks (evaluation, problems) follow others' edits too; saving is the host's
        elif editor.title != session.name:  # only who is where changed
            editor._update_title()
        self._mark_proposals(editor, session)  # (after the pull: it reads the session's map)

    def _mark_presence(self, editor, session: LiveSession) -> None:
        """Others' names, in their colours, on the rows they have selected: the tree's
        `mark` hook wrapped once, rows relabelled where someone arrived or left."""
        tree = editor.tree
        if getattr(tree.mark, "presence", None) is None:
            tree.mark = _with_presence(tree.mark)
        here: dict[str, list[tuple[str, str]]] = {}
        for state in session.replica.presence.others():
            if state.get("at"):
                here.setdefault(state["at"], []).append((str(state.get("name")), str(state.get("colour") or "cyan")))
        shown = tree.mark.presence
        if here != shown:
            changed = {i for i in set(here) | set(shown) if here.get(i) != shown.get(i)}
            tree.mark.presence = here
            tree.sync(changed)

    def _mark_proposals(self, editor, session: LiveSession) -> None:
        """Proposals marked in the tree (yours: pending; others': by whom); a moderator
        is told of each new one."""
        if session.replica.revision == self._proposals_seen:
            return
        self._proposals_seen = session.replica.revision
        tree = editor.tree
        replica = session.replica
        pending = session.pending()
        marks = {p.claim: ("pending", "bold yellow") if p.owner and p.owner == replica.owner and not replica.moderator
                 else (f"by {p.by}", "yellow") for p in pending}
        shown = tree.mark.proposals
        if marks != shown:
            tree.mark.proposals = marks
            tree.sync({i for i in set(marks) | set(shown) if marks.get(i) != shown.get(i)})
        if replica.moderator:
            known = self._announced or set()
            new = [p for p in pending if p.claim not in known and p.owner != replica.owner]
            if new and self._announced is not None:
                first = new[0]
                more = f" (and {len(new) - 1} more)" if len(new) > 1 else ""
                editor.notify(f"{first.by} proposes “{shorten(first.text, 60)}”{more} (P lists the proposals)", timeout=4)
            self._announced = known | {p.claim for p in pending}

    def _follow(self, editor, session: LiveSession) -> None:
        """Put the cursor where the followed participant has theirs, when it moves."""
        at = next((s.get("at") for s in session.replica.presence.others() if s.get("name") == self.follow), None)
        if at and at != self._followed and at in session.index.claims:
            self._followed = at
            if editor.tree.select_claim(at):
                editor._update_detail()


def _with_presence(mark):
    """The tree's row-mark function, with the names of those who selected the row."""

    def marked(row):
        base = mark(row) if mark else None
        item = row[1] if len(row) > 1 and isinstance(row[1], str) else None
        people = marked.presence.get(item) if item else None
        proposal = marked.proposals.get(item) if item and row[0] == "claim" else None
        if not people and not proposal:
            return base
        out = Text()
        for name, colour in people or ():
            out.append(f"[{name}] ", style=f"bold {colour}")
        if proposal:
            out.append(f"({proposal[0]}) ", style=proposal[1])
        if base:
            out.append_text(base)
        return out

    marked.presence = {}
    marked.proposals = {}
    return marked


def _ready(editor) -> bool:
    """Has the editor built its tree (its on_mount ran)? Redrawing earlier races it."""
    from textual.css.query import NoMatches

    try:
        return editor.is_mounted and editor.tree.cursor_node is not None
    except NoMatches:
        return False
