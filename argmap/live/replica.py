"""One participant's copy of the shared map: make edits, undo one's own, read the map.

A replica owns a Yjs document. `apply` runs an `argmap.edit.Change` on the map as
the document holds it now and writes the result into the document as one
transaction; `undo`/`redo` take back only this replica's own transactions (a Yjs
UndoManager tracking its origin), never what others did meanwhile. `map` is the
document read back (materialize.py), re-read only after the document changed.
The network is not here: whatever carries `doc`'s updates (client.py, server.py,
or a test passing them by hand) keeps replicas in step.
"""

from __future__ import annotations

from pycrdt import Doc, UndoManager

from argmap.edit import ID_SUFFIX, Change, EditError
from argmap.live.document import LISTS, order_root, plain, roots, sync_meta, write_change, write_items
from argmap.live.materialize import BrokenDocument, MapReader, Repairs
from argmap.live.moderation import is_moderated, overreach, propose, proposers, snapshot
from argmap.model import ArgumentMap
from argmap.store import dumps


def id_tag(client_id: int) -> str:
    """A short tag for the ids a replica makes (base 36 of its Yjs client id, which
    Yjs itself needs unique): 'c7-k2f9q'."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    n, out = client_id, ""
    for _ in range(5):
        n, r = divmod(n, 36)
        out += digits[r]
    return out


class Replica:
    def __init__(self, doc: Doc | None = None) -> None:
        self.doc = doc if doc is not None else Doc()
        self.origin = f"argmap-{self.doc.client_id}"
        self.id_suffix = "-" + id_tag(self.doc.client_id)
        self.revision = 0  # moves on every transaction: local, remote, undo
        self._read_revision = -1
        self._map: ArgumentMap | None = None
        self.problem: str | None = None  # why the latest state could not be read
        self.reader = MapReader(self.doc)
        self.doc.observe(self._on_transaction)
        self._undo = UndoManager(scopes=roots(self.doc), capture_timeout_millis=0)
        self._undo.include_origin(self.origin)
        self.moderator = False  # in a moderated session: this replica's additions are no proposals
        self.owner = ""  # what the host records as this replica's (moderation.owner_of its key)
        self._labels: list[str] = []  # labels of the changes on the undo stack
        self._undone: list[str] = []

    def _on_transaction(self, _event) -> None:
        self.revision += 1

    # ------------------------------------------------------------ reading

    @property
    def ready(self) -> bool:
        """Does the document hold a map yet (a joining replica waits for the sync)?"""
        try:
            self.map
        except BrokenDocument:
            return False
        return True

    @property
    def map(self) -> ArgumentMap:
        """The map as of now. When the document cannot be read (only a hostile client
        makes it so, until the host repairs it) the last map read stays."""
        if self._read_revision != self.revision:
            try:
                self._map = self.reader.read().map
                self.problem = None
            except BrokenDocument as e:
                self.problem = str(e)
                if self._map is None:
                    raise
            self._read_revision = self.revision
        assert self._map is not None
        return self._map

    # ------------------------------------------------------------ editing

    def apply(self, change: Change) -> Change:
        """Make a change (EditError when it makes no sense on the map as of now)."""
        m = self.map
        held = not self.moderator and is_moderated(self.doc)
        before = snapshot(m) if held else None
        token = ID_SUFFIX.set(self.id_suffix)
        try:
            change.do(m)
            if held:
                propose(m, change)  # in a moderated session, an addition is a proposal
        finally:
            ID_SUFFIX.reset(token)
        if before is not None and overreach(before, m, self.owner, self._owners(before)):
            change.undo(m)  # (the host would undo it anyway: say so at once)
            raise EditError("only a moderator can change what is accepted, or another's proposal (propose a change instead)")
        write_change(self.doc, m, change, self.origin)
        # Read back what the document now says (incrementally: only what changed).
        # Taking `m` for it went wrong when the document still held an item the map
        # drops (an argument left dangling by another's undo) under an id `m` reused:
        # the replica then showed less than the document (found by hypothesis).
        self._labels.append(change.label)
        self._undone.clear()
        return change

    def _owners(self, m: ArgumentMap) -> dict[str, dict]:
        """Who proposed what, as the host recorded it, and this replica's own newest
        proposals whose record is still on its way (their ids carry its suffix)."""
        records = proposers(self.doc)
        mine = {"owner": self.owner}
        return {**{c.id: mine for c in m.claims if c.id.endswith(self.id_suffix)}, **records}

    @property
    def can_undo(self) -> bool:
        return self._undo.can_undo()

    @property
    def can_redo(self) -> bool:
        return self._undo.can_redo()

    def undo(self) -> str | None:
        """Take back this replica's last change; its label, or None if none is left."""
        if not self._undo.undo():
            return None
        label = self._labels.pop() if self._labels else "change"
        self._undone.append(label)
        return label

    def redo(self) -> str | None:
        if not self._undo.redo():
            return None
        label = self._undone.pop() if self._undone else "change"
        self._labels.append(label)
        return label

    # ------------------------------------------------------------ syncing by hand

    def state(self) -> bytes:
        return self.doc.get_state()

    def update_for(self, state: bytes | None = None) -> bytes:
        """What a replica at `state` lacks (everything when None)."""
        return self.doc.get_update(state)

    def receive(self, update: bytes) -> None:
        self.doc.apply_update(update)

    def snapshot(self) -> bytes:
        """The map as file bytes (replicas that converged give identical bytes)."""
        return dumps(self.map)


def repair(reader: MapReader, last_good: ArgumentMap | None, origin: str = "argmap-host") -> ArgumentMap | None:
    """The host's side of materialize.py: write back into the document what every
    replica already shows (dropped items deleted, order tidied), and put back the
    thesis and map fields from `last_good` when the document lost them. Returns the
    map as it is now (None: unreadable even after repair, or nothing to go back to)."""
    doc = reader.doc
    try:
        now = reader.read()
    except BrokenDocument:
        if last_good is None:
            return None
        with doc.transaction(origin=origin):
            sync_meta(doc, last_good)
            write_items(doc, last_good, "claims", [last_good.thesis], [last_good.thesis])
        try:
            now = reader.read()
        except BrokenDocument:
            return None
    if now.repairs:
        _write_repairs(doc, now.map, now.repairs, origin)
    return now.map


def _write_repairs(doc: Doc, m: ArgumentMap, needed: Repairs, origin: str) -> None:
    with doc.transaction(origin=origin):
        for where in LISTS:
            ids = needed.delete.get(where, []) + needed.rewrite.get(where, [])
            if ids:
                write_items(doc, m, where, ids)
            if where in needed.bad_order:
                _tidy_order(doc, where, [item.id for item in getattr(m, where)])


def _tidy_order(doc: Doc, where: str, ids: list[str]) -> None:
    """Drop repeated and unknown ids from the order Array, add missing ones at the end."""
    order = order_root(doc, where)
    keep = set(ids)
    seen: set[str] = set()
    drop = []
    for i, x in enumerate(plain(order)):
        if x in keep and x not in seen:
            seen.add(x)
        else:
            drop.append(i)
    for i in reversed(drop):
        del order[i]
    missing = [x for x in ids if x not in seen]
    if missing:
        order.extend(missing)
