"""A live seminar: many participants editing one map at once (`argmap serve`/`join`).

The map lives in a Yjs document (pycrdt), synced over WebSockets by pycrdt-websocket;
argmap's edit operations become document transactions, and the host writes the
JSON file (still the canonical form) as participants edit. No Textual here.

- document.py: the map's layout in the Yjs document, and writing changes into it
- materialize.py: the document read back as a valid map (the rules for merged states)
- replica.py: one participant's copy: edits, own-undo, the map as of now
- channel.py, server.py, client.py: the WebSocket session (running.py: its errors)
- moderation.py, gate.py: moderated sessions (proposals; the host holding
  participants to them)
- presence.py: who is there and what each has selected (Yjs awareness)
- journal.py: the host's journal, to resume a session after a crash
- lines.py, participant.py: the plain-lines participant (`join --lines`)

The editor's side (Textual) is argmap/tui/live_bridge.py (the proposals' queue:
tui/proposals.py; the editor in browsers, `serve --web`: tui/web.py).
"""
