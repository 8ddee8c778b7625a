"""The host's gate: every update of every room comes through here.

First, in every room, an update is checked for what it hangs on and whose client
ids it uses:

An update whose items hang on items the host does not have yet (or that deletes
items it does not have) would stay pending inside yrs and be integrated, unchecked,
by whichever update brings them (in a moderated room, past the moderation check: a
crafted update hanging on a moderator's next item would land with the moderator's
next edit). So every update is first tried on a mirror of the document
(dependencies.py); one that would leave anything pending is refused whole
(dependencies.Hangs), and the server disconnects its sender (whose later updates
would hang on the refused one: its editor's next connection syncs afresh). The
host's document thus never holds anything pending, and what an update does is only
what its sender did. Honest clients send in order on one connection; one that raced
(an edit sent as it reconnected, before its sync) sends it all again in the sync of
its next connection.

Items are also checked for whose client id they carry: yrs keeps the first item
with an id, so items a participant sent under another's client id, at the clocks
that one's next edit uses, would make the host ignore that edit (and the replicas
diverge: an edit lost). A client id is a connection owner's once it spoke for it
(presence) or sent items under it outside the sync (CLIENT_IDS of them at most: an
editor uses one); an update adding items under another owner's, or under more, is
refused (`NotTheirs`). A sync answer makes no client id its sender's: after a host
crash it may bring others' items the host lost. Who owns which client id is kept in
the host's journal (journal.py), so a resumed host goes on refusing the same
updates; a sync answer may bring items of the host's own client ids of before the
crash (`HOST`: it edits under a new one now), and of a participant's until that
participant speaks again (their edits that reached others just before the crash
are not lost if they never come back; until then, and only in a sync answer,
someone else could also send items under their id).

Then, in a moderated room, what a participant's update did that only a moderator
may do (moderation.overreach) is undone at once, in the same turn of the event
loop, before anything is saved. Undoing instead of dropping the update keeps every
replica able to merge: a Yjs update that the host refused would leave the sender's
later updates hanging on it forever, so an honest participant who lost a race
(edited their proposal as the moderator accepted it) would be cut off. The undoing
is an ordinary transaction of the host, so everyone, the sender included, ends in
the same state: the map as it was, plus what the participant was allowed to do.
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
HOST = ""  # the owner of the host's own client ids


@dataclass(frozen=True)
class Connection:
    name: str
    owner: str  # moderation.owner_of(the connection's key)
    moderator: bool


class NotTheirs(Exception):
    """The update adds items under a client id another connection uses."""


class Gate:
    """Every update of a room comes through here: checked for what it hangs on and
    whose client ids it uses; in a moderated room, a participant's also for what it
    does. `owners`: who owned which client id before (a resumed host's journal)."""

    def __init__(self, reader: MapReader, last_good, moderated: bool = False,
                 owners: dict[int, str] | None = None) -> None:
        self.reader = reader
        self.doc = reader.doc
        self.moderated = moderated
        self._last_good = last_good  # () -> the host's last good map (to repair from)
        self._mirror = Mirror(self.doc)
        self._owners: dict[int, str] = dict(owners or {})  # Yjs client id -> owner key's hash
        self._owners[self.doc.client_id] = HOST
        self._claimed: Counter[str] = Counter(self._owners.values())  # owner -> how many client ids are theirs
        # a resumed host's participants, until they speak again: another's sync answer
        # may still bring their edits the crash lost (they may never come back)
        self._awaited: set[int] = {c for c, owner in self._owners.items() if owner != HOST}

    @property
    def owners(self) -> dict[int, str]:
        """Who owns which client id (for the journal)."""
        return dict(self._owners)

    def claim(self, client_ids, owner: str) -> bool:
        """The client ids a connection spoke for (presence) are its owner's, unless
        taken, up to CLIENT_IDS of them (an editor uses one). Did any become theirs?"""
        new = False
        for client_id in client_ids:
            if self._owners.get(client_id) == owner:
                self._awaited.discard(client_id)  # back: from now on only they bring these
            elif client_id not in self._owners and self._claimed[owner] < CLIENT_IDS:
                self._owners[client_id] = owner
                self._claimed[owner] += 1
                new = True
        return new

    def _now(self) -> ArgumentMap | None:
        return repair(self.reader, self._last_good(), ORIGIN)

    def admit(self, update: bytes, who: Connection, in_sync: bool = False) -> str | None:
        """Apply an update under the session's rules; a note for the host's log when
        something had to be undone (ValueError: not a Yjs update; Hangs, NotTheirs:
        refused whole). `in_sync`: the update answers the host's sync request."""
        if who.moderator or not self.moderated:
            self._check(update, who, in_sync)
            self._mirror.apply(update)
            return None
        before = self._now()
        recorded = moderation.proposers(self.doc)
        flagged = moderation.is_moderated(self.doc)
        self._check(update, who, in_sync)
        self._mirror.apply(update)
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
        crash (the host's own of before the crash too), so only what a connection
        sends later makes a client id its own."""
        added = self._mirror.adds(update)
        if any(not self._may_add(client_id, who, in_sync) for client_id in added):
            self._mirror.forget()
            raise NotTheirs("it adds items under another's client id")
        if not in_sync:
            self.claim(added, who.owner)
            if any(client_id not in self._owners for client_id in added):
                self._mirror.forget()
                raise NotTheirs(f"it adds items under more than {CLIENT_IDS} client ids")

    def _may_add(self, client_id: int, who: Connection, in_sync: bool) -> bool:
        owner = self._owners.get(client_id, who.owner)
        lost_in_crash = (owner == HOST and client_id != self.doc.client_id) or client_id in self._awaited
        return owner == who.owner or (in_sync and lost_in_crash)

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
