"""Does a Yjs update hang on anything the host does not have?

yrs keeps such an update's items (and deletions of items it has not seen) pending,
and integrates them with whichever later update brings what they hang on: in a
moderated session, as part of someone else's change, past the gate (gate.py).
`Mirror` tries each update on a copy of the host's document first, so that the
host's own document never holds anything pending.
"""

from __future__ import annotations

from pycrdt import Decoder, Doc, get_update


def decode_state(state: bytes) -> dict[int, int]:
    """A Yjs state vector: client id -> the next clock the document expects of it."""
    decoder = Decoder(state)
    return {decoder.read_var_uint(): decoder.read_var_uint() for _ in range(decoder.read_var_uint())}


def left_pending(update: bytes, state: bytes) -> bool:
    """Did applying `update` to a document now in `state` leave anything pending: an
    item the document did not take, or a deletion of an item it does not have? (What
    of the update is not in the state: items, if any, then the update's deletions.)"""
    rest = Decoder(get_update(update, state))
    if rest.read_var_uint() != 0:
        return True
    clocks = decode_state(state)
    for _ in range(rest.read_var_uint()):
        client = rest.read_var_uint()
        for _ in range(rest.read_var_uint()):
            clock, length = rest.read_var_uint(), rest.read_var_uint()
            if clock + length > clocks.get(client, 0):
                return True
    return False


def _copy_of(doc: Doc) -> Doc:
    copy = Doc()
    copy.apply_update(doc.get_update())
    return copy


class Hangs(Exception):
    """The update hangs on changes the document does not have."""


class Mirror:
    """A copy of `doc`, kept in step with it, that updates are tried on first."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._copy = _copy_of(doc)
        self._tried = False  # the copy holds an update tried, that the document is taking now
        self._subscription = doc.observe(self._follow)

    def _follow(self, event) -> None:
        if not self._tried:
            self._copy.apply_update(event.update)

    def apply(self, update: bytes) -> None:
        """Apply to the document the update `adds` tried (the copy has it already:
        applying it there again would cost as much again, for nothing)."""
        self._tried = True
        try:
            self.doc.apply_update(update)
        except Exception:
            self.forget()
            raise
        finally:
            self._tried = False

    def adds(self, update: bytes) -> set[int]:
        """The client ids whose items `update` would add to the document (ValueError:
        it is no Yjs update; Hangs: it would leave something pending). The caller
        then applies it to the document (`apply`), or calls `forget`."""
        before = decode_state(self._copy.get_state())
        try:
            self._copy.apply_update(update)
            state = self._copy.get_state()
            if not left_pending(update, state):
                return {client for client, clock in decode_state(state).items() if clock > before.get(client, 0)}
        except ValueError:
            self.forget()
            raise
        self.forget()
        raise Hangs("it hangs on changes the host does not have")

    def forget(self) -> None:
        """Undo on the copy what was tried and not applied (by copying the document again)."""
        self._copy = _copy_of(self.doc)
