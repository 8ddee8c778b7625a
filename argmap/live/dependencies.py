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


class Mirror:
    """A copy of `doc`, kept in step with it, that updates are tried on first."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._copy = _copy_of(doc)
        self._subscription = doc.observe(lambda event: self._copy.apply_update(event.update))

    def hangs(self, update: bytes) -> bool:
        """Would `update` leave anything pending in the document (ValueError: it is no
        Yjs update)? A copy left holding something pending is made again."""
        try:
            self._copy.apply_update(update)
            if not left_pending(update, self._copy.get_state()):
                return False
        except ValueError:
            self._copy = _copy_of(self.doc)
            raise
        self._copy = _copy_of(self.doc)
        return True
