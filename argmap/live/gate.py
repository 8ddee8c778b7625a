"""The host's side of a moderated session: a participant's update is applied, and
what it did that only a moderator may do (moderation.overreach) is undone at once,
in the same turn of the event loop, before anything is saved.

Undoing instead of dropping the update keeps every replica able to merge: a Yjs
update that the host refused would leave the sender's later updates hanging on it
forever (yrs keeps them pending), so an honest participant who lost a race (edited
their proposal as the moderator accepted it) would be cut off. The undoing is an
ordinary transaction of the host, so everyone, the sender included, ends in the same
state: the map as it was, plus what the participant was allowed to do.

An update whose items hang on items the host does not have yet (or that deletes
items it does not have) would stay pending inside yrs and be integrated, unchecked,
by whichever update brings them: a crafted update hanging on a moderator's next item
would land with the moderator's next edit. So every update of a moderated room,
moderators' too, is first tried on a mirror of the document (dependencies.py); one
that would leave anything pending is refused whole (dependencies.Hangs), and the server
disconnects its sender (whose later updates would hang on the refused one: its
editor's next connection syncs afresh). The host's document thus never holds anything pending, and
what an update does is only what its sender did. Honest clients send in order on one
connection; one that raced (an edit sent as it reconnected, before its sync) sends it
all again in the sync of its next connection.

Items are also checked for whose client id they carry: yrs keeps the first item
with an id, so items a participant sent under another's client id, at the clocks
that one's next edit uses, would make the host ignore that edit. A client id is a
connection owner's once it spoke for it (presence) or sent items under it outside
the sync (CLIENT_IDS of them at most: an editor uses one); an update adding items
under another owner's, or under more, is refused (`NotTheirs`).
A sync answer makes no client id its sender's: after a host crash it may bring
others' items the host lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argmap.live import moderation
from argmap.live.dependencies import Mirror
from argmap.live.document import LISTS, meta_root, plain, sync_meta, write_items
from argmap.live.materialize import MapReader
from argmap.live.replica import repair
from argmap.model import ArgumentMap

ORIGIN = "argmap-host"
CLIENT_IDS = 8  # per connection key: an editor uses one (its document's)


@dataclass(frozen=True)
class Connection:
    name: str
    owner: str  # moderation.owner_of(the connection's key)
    moderator: bool


class NotTheirs(Exception):
    """The update adds items under a client id another connection uses."""


class ModerationGate:
    """Every update of a moderated room comes through here: moderators' are only
    checked for what they hang on, participants' also for what they do."""

    def __init__(self, reader: MapReader, last_good) -> None:
        self.reader = reader
        self.doc = reader.doc
        self._last_good = last_good  # () -> the host's last good map (to repair from)
        self._mirror = Mirror(self.doc)
        self._owners: dict[int, str] = {self.doc.client_id: ""}  # Yjs client id -> owner ("": the host)
        self._claimed: Counter[str] = Counter()  # owner -> how many client ids are theirs

    def claim(self, client_ids, owner: str) -> None:
        """The client ids a connection spoke for (presence) are its owner's, unless
        taken, up to CLIENT_IDS of them (an editor uses one)."""
        for client_id in client_ids:
            if client_id not in self._owners and self._claimed[owner] < CLIENT_IDS:
                self._owners[client_id] = owner
                self._claimed[owner] += 1

    def _now(self) -> ArgumentMap | None:
        return repair(self.reader, self._last_good(), ORIGIN)

    def admit(self, update: bytes, who: Connection, in_sync: bool = False) -> str | None:
        """Apply an update under the session's rules; a note for the host's log when
        something had to be undone (ValueError: not a Yjs update; Hangs, NotTheirs:
        refused whole). `in_sync`: the update answers the host's sync request."""
        if who.moderator:
            self._check(update, who, in_sync)
            self.doc.apply_update(update)
            return None
        before = self._now()
        recorded = moderation.proposers(self.doc)
        flagged = moderation.is_moderated(self.doc)
        self._check(update, who, in_sync)
        self.doc.apply_update(update)
        if before is None:
            return None
        after = self._now() or before
        over = moderation.overreach(before, after, who.owner, recorded)
        with self.doc.transaction(origin=ORIGIN):
            if over.meta:
                sync_meta(self.doc, before)
            for where in LISTS:
                if over.items[where]:
                    write_items(self.doc, before, where, over.items[where], over.items[where])
            self._keep_records(recorded, flagged)
            self._record(before, after, who)
        if over:
            return f"{who.name} changed what only a moderator may change ({over.describe()}): undone"
        return None

    def _check(self, update: bytes, who: Connection, in_sync: bool) -> None:
        """Refuse an update that would leave anything pending, or that adds items under
        a client id another uses (its next edit would be ignored: yrs keeps the first
        item with an id). A sync answer may bring others' items the host lost in a
        crash, so only what a connection sends later makes a client id its own."""
        added = self._mirror.adds(update)
        if any(self._owners.get(client_id, who.owner) != who.owner for client_id in added):
            self._mirror.forget()
            raise NotTheirs("it adds items under another's client id")
        if not in_sync:
            self.claim(added, who.owner)
            if any(client_id not in self._owners for client_id in added):
                self._mirror.forget()
                raise NotTheirs(f"it adds items under more than {CLIENT_IDS} client ids")

    def _keep_records(self, recorded: dict, flagged: bool) -> None:
        """Only the host writes who proposed what, and whether the session is moderated."""
        proposals = moderation.proposals_root(self.doc)
        now = plain(proposals)
        if now != recorded:  # (an entry that is no record is dropped too)
            for key in set(now) - set(recorded):
                del proposals[key]
            for key, value in recorded.items():
                if now.get(key) != value:
                    proposals[key] = value
        if flagged and not moderation.is_moderated(self.doc):
            meta_root(self.doc)[moderation.KEY] = True

    def _record(self, before: ArgumentMap, after: ArgumentMap, who: Connection) -> None:
        """The proposals this update added are `who`'s."""
        m = after
        known = {c.id for c in before.claims}
        proposals = moderation.proposals_root(self.doc)
        for c in m.claims:
            if c.id not in known and moderation.PROPOSED in c.tags:
                proposals[c.id] = {"by": who.name, "owner": who.owner}
