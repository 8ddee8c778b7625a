"""Who is in the session and which claim each has selected (Yjs awareness).

Each participant publishes a small state, {"name", "colour", "at"} (`at`: the id of
the selected claim or argument), through pycrdt's Awareness; the host checks and
relays it. States are not part of the map and never saved.
"""

from __future__ import annotations

import json
from typing import Any

from pycrdt import Awareness, Decoder, Doc, YMessageType, create_awareness_message

PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")
FIELDS = {"name": 40, "colour": 20, "at": 200}  # field -> longest value
MAX_ENTRIES = 64


def colour_for(client_id: int) -> str:
    return PALETTE[client_id % len(PALETTE)]


def decode(message: bytes) -> list[tuple[int, int, Any]]:
    """The (client id, clock, state) entries of an awareness message; ValueError when
    it is not one or a state is not a presence state (the host then drops the sender)."""
    if not message or message[0] != YMessageType.AWARENESS:
        raise ValueError("not an awareness message")
    try:
        payload = Decoder(message[1:]).read_message()
        decoder = Decoder(payload or b"")
        count = decoder.read_var_uint()
        if count > MAX_ENTRIES:
            raise ValueError("too many awareness entries")
        entries = []
        for _ in range(count):
            client_id, clock = decoder.read_var_uint(), decoder.read_var_uint()
            text = decoder.read_var_string()
            entries.append((client_id, clock, json.loads(text) if text else None))
    except (IndexError, UnicodeDecodeError, RuntimeError, AssertionError) as e:
        raise ValueError(f"malformed awareness message ({type(e).__name__})") from None
    for _, _, state in entries:
        if state is None:
            continue
        if not isinstance(state, dict) or not set(state) <= set(FIELDS):
            raise ValueError("awareness state with unknown fields")
        for key, value in state.items():
            if value is not None and (not isinstance(value, str) or len(value) > FIELDS[key]):
                raise ValueError(f"awareness field {key!r} is not a short string")
    return entries


class Presence:
    """This participant's presence state and everyone else's."""

    def __init__(self, doc: Doc, name: str | None) -> None:
        self.awareness = Awareness(doc)
        self.client_id = doc.client_id
        self.awareness.set_local_state({"name": (name or "someone")[:40], "colour": colour_for(doc.client_id), "at": None})

    def select(self, item_id: str | None) -> None:
        """Say which claim or argument this participant has selected."""
        state = self.awareness.get_local_state() or {}
        if state.get("at") != item_id:
            self.awareness.set_local_state_field("at", item_id)

    def others(self) -> list[dict[str, Any]]:
        """The other participants' states, in a stable order (by name)."""
        states = [s for cid, s in self.awareness.states.items() if cid != self.client_id and s]
        return sorted(states, key=lambda s: (str(s.get("name")), str(s.get("at"))))

    def own_message(self) -> bytes:
        return create_awareness_message(self.awareness.encode_awareness_update([self.client_id]))

    def leaving_message(self) -> bytes:
        self.awareness.set_local_state(None)
        return self.own_message()

    def receive(self, message: bytes) -> None:
        """Take in a relayed awareness message (a bad one is ignored: the host checks)."""
        try:
            decode(message)
            self.awareness.apply_awareness_update(Decoder(message[1:]).read_message(), "remote")
        except ValueError:
            pass
