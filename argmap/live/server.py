"""`argmap serve`: host maps for participants, and save them as they edit.

Each map lives in a pycrdt-websocket YRoom (LiveHost); participants connect with
WebSockets (`websockets`) to ws://HOST:PORT/ROOM?token=TOKEN, one port for all the
rooms (LiveServer). The host

- refuses the WebSocket handshake (403) for any other path or token (a moderated
  room has a second token, for moderators: `&role=moderator` in their address);
- hands every update to the gate (gate.py), which refuses one that hangs on
  changes the host does not have or adds items under another's client id (its
  sender is disconnected) and, in a moderated room, undoes at once what only a
  moderator may do; a participant whose changes are undone too often is
  disconnected and their key kept out for a while (strikes.py, HTTP 429);
- accepts only well-formed Yjs sync messages and presence (awareness) states of the
  expected shape (presence.py), at most `max_message` bytes each; a client that
  sends anything else is disconnected (the room and everyone else go on);
- after each burst of changes writes back the repairs every replica already shows
  (materialize.py) and saves the map as the JSON file, with argmap's usual rules:
  atomic, NAME.bak, and never over a file someone else changed meanwhile (then it
  saves to NAME.mine.json instead and says so).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import re
import secrets
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import anyio
from anyio import Event, create_task_group, open_signal_receiver, sleep
from pycrdt import Doc, YMessageType, YSyncMessageType, create_awareness_message, read_message, write_var_uint
from pycrdt.websocket import YRoom
from websockets.asyncio.server import serve

from argmap.clock import now_iso
from argmap.errors import InputError, SaveConflictError
from argmap.live import journal, moderation, presence
from argmap.live.channel import WebsocketChannel
from argmap.live.document import write_map
from argmap.live.dependencies import Hangs
from argmap.live.gate import Connection, Gate, NotTheirs
from argmap.live.lines import printable
from argmap.live.materialize import BrokenDocument, MapReader, read_map
from argmap.live.replica import repair
from argmap.live.running import run
from argmap.live.strikes import Strikes
from argmap.model import ArgumentMap
from argmap.store import Fingerprint, dumps, free_copy_path, load_map, save_document

log = logging.getLogger("argmap.live")

MAX_MESSAGE = 4 * 1024 * 1024  # a paste of a whole essay is ~100 kB
SAVE_DELAY = 0.2  # seconds: a burst of edits is saved once


def room_name(path: Path) -> str:
    """The map file's name as a URL path segment."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.name.removesuffix(".json")).strip("-") or "map"


def well_formed(message: bytes) -> bool:
    """Is this a Yjs sync message whose payload length matches? (The update inside is
    checked by applying it: yrs rejects a bad one with an exception.)"""
    if len(message) < 3 or message[0] != YMessageType.SYNC or message[1] > YSyncMessageType.SYNC_UPDATE:
        return False
    try:
        payload = read_message(message[2:])
    except Exception:
        return False
    return payload is not None and len(message) == 2 + len(write_var_uint(len(payload))) + len(payload)


class LiveHost:
    def __init__(
        self,
        path: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
        moderator_token: str | None = None,
        max_message: int = MAX_MESSAGE,
        save_delay: float = SAVE_DELAY,
        moderated: bool = False,
        say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
        room: str | None = None,
    ) -> None:
        loaded = load_map(path)
        self.path = loaded.path
        self.save_path = loaded.path
        self.fingerprint: Fingerprint | None = loaded.fingerprint
        self.last_good: ArgumentMap = loaded.document
        self._saved = dumps(loaded.document)
        self.doc = Doc()
        resumed = self._resume(loaded)
        if resumed is None:
            write_map(self.doc, loaded.document)
            if moderated:
                moderation.set_moderated(self.doc)
        self.resumed = resumed is not None
        self._journaled: tuple[bytes, dict[int, str]] | None = None  # the document state and owners last journalled
        self.reader = MapReader(self.doc)
        self.host, self.port = host, port
        self.room = room or room_name(self.path)
        self.token = token or (resumed.token if resumed else secrets.token_urlsafe(16))
        self.moderated = moderation.is_moderated(self.doc)
        self.moderator_token = None
        if self.moderated:
            self.moderator_token = moderator_token or (resumed and resumed.moderator_token) or secrets.token_urlsafe(16)
        self.gate = Gate(self.reader, lambda: self.last_good, self.moderated, resumed.owners if resumed else None)
        self.strikes = Strikes()
        self.max_message = max_message
        self.save_delay = save_delay
        self.say = say
        self.participants: dict[WebsocketChannel, str] = {}
        self.refused = 0  # handshakes refused (wrong path or token)
        self.dropped = 0  # clients disconnected for a malformed message
        self.saves = 0
        self.started = Event()
        self._changed = Event()
        self.doc.observe(lambda _event: self._changed.set())

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/{self.room}?token={self.token}"

    @property
    def moderator_url(self) -> str | None:
        """The join address that makes a moderator (moderated sessions only)."""
        if self.moderator_token is None:
            return None
        return f"ws://{self.host}:{self.port}/{self.room}?token={self.moderator_token}&role=moderator"

    def _role(self, token: str) -> str | None:
        """'moderator', 'participant', or None for a token of neither."""
        if self.moderator_token and secrets.compare_digest(token.encode(), self.moderator_token.encode()):
            return "moderator"
        if secrets.compare_digest(token.encode(), self.token.encode()):
            return "participant"
        return None

    # ------------------------------------------------------------ connections

    def _check(self, connection, request):
        """The handshake: the room's path and token, or 403."""
        parts = urlsplit(request.path)
        token = parse_qs(parts.query).get("token", [""])[0]
        if parts.path != f"/{self.room}" or self._role(token) is None:
            self.refused += 1
            return connection.respond(HTTPStatus.FORBIDDEN, "argmap: wrong room or token\n")
        key = parse_qs(parts.query).get("key", [""])[0]
        if key and self.strikes.kept_out(moderation.owner_of(key)):
            self.refused += 1
            return connection.respond(HTTPStatus.TOO_MANY_REQUESTS, "argmap: too many of your changes were undone\n")
        return None

    async def _serve(self, websocket) -> None:
        query = parse_qs(urlsplit(websocket.request.path).query)
        name = printable(query.get("name", ["someone"])[0][:40])
        moderator = self._role(query.get("token", [""])[0]) == "moderator"
        # the key a participant's editor keeps across reconnections: whose proposals are whose
        key = query.get("key", [""])[0] or secrets.token_urlsafe(16)
        who = Connection(name, moderation.owner_of(key), moderator)
        channel = _HostChannel(websocket, f"/{self.room}", self.gate, who, self.say, self.strikes,
                               claimed=lambda: self._changed.set())  # (journal who owns it)
        self.participants[channel] = name
        self.say(f"{name} joined{' as a moderator' if moderator else ''} ({len(self.participants)} connected)")
        try:
            await self._tell_presence(channel)
            await self._yroom.serve(channel)
        finally:
            del self.participants[channel]
            await self._forget_presence(channel.presence_ids)
            self.say(f"{name} left ({len(self.participants)} connected)")

    async def _tell_presence(self, channel) -> None:
        """Who is already here, for someone who joins (states are otherwise sent only
        when they change)."""
        awareness = self._yroom.awareness
        here = [cid for cid, state in awareness.states.items() if cid != awareness.client_id and state]
        if here:
            await channel.send(create_awareness_message(awareness.encode_awareness_update(here)))

    async def _forget_presence(self, client_ids: set[int]) -> None:
        """Tell the others that a participant who went without saying so is gone."""
        awareness = self._yroom.awareness
        gone = [cid for cid in client_ids if cid in awareness.states]
        if not gone:
            return
        awareness.remove_awareness_states(gone, "left")
        message = create_awareness_message(awareness.encode_awareness_update(gone))
        for client in list(self._yroom.clients):
            await client.send(message)

    async def _bad_message(self, error: Exception, message: bytes, channel) -> bool:
        self.dropped += 1
        name = self.participants.get(channel, "someone")
        self.say(f"{name} sent a malformed message ({type(error).__name__}); disconnected")
        await channel.close(1008, "malformed message")
        return True

    async def _guarded_on_message(self, message: bytes) -> bool:
        """False: let the room handle the message (sync: apply it; awareness: relay
        it); an exception: the sender is dropped (`_bad_message`)."""
        if message[:1] == bytes([YMessageType.AWARENESS]):
            presence.decode(message)
            return False
        if not well_formed(message):
            raise ValueError("not a Yjs sync message")
        return False

    # ------------------------------------------------------------ saving

    def _resume(self, loaded) -> journal.LiveJournal | None:
        """The journal of a session on this file that stopped without ending, if the
        file is still what that session wrote (its document is then taken up)."""
        found = journal.read(loaded.path)
        if found is None or journal.sha256(loaded.fingerprint.content) not in found.files:
            return None
        try:
            self.doc.apply_update(found.update)
            read_map(self.doc)
        except (ValueError, BrokenDocument):
            self.doc = Doc()
            return None
        return found

    def _journal(self, *files: str) -> None:
        now = (self.doc.get_state(), self.gate.owners)
        if now != self._journaled:
            journal.write(self.path, journal.LiveJournal(self.token, self.doc.get_update(), files,
                                                         self.moderator_token, now[1]))
            self._journaled = now

    def save_now(self) -> None:
        """Repair the document if needed, journal it, and save the map if it changed."""
        m = repair(self.reader, self.last_good)
        if m is None:
            return
        self.last_good = m
        if moderation.is_moderated(self.doc):
            m = moderation.accepted(m)  # proposals are not saved
        data = dumps(m)
        current = self.fingerprint.sha256 if self.fingerprint else journal.sha256(None)
        if data == self._saved:
            self._journal(current)
            return
        stamped = m.model_copy(update={"modified": now_iso()})
        # journal first: a crash between the two leaves a journal that knows both files
        self._journal(current, journal.sha256(dumps(stamped)))
        try:
            self.fingerprint = save_document(stamped, self.save_path, base=self.fingerprint)
        except SaveConflictError as e:
            self.save_path = free_copy_path(self.path)
            self.say(f"argmap: {e}")
            self.say(f"argmap: saving the session to {self.save_path} instead")
            self.fingerprint = save_document(stamped, self.save_path, base=None)
        except InputError as e:
            self.say(f"argmap: {e} (will try again at the next change)")
            return
        self._saved = data
        self.saves += 1

    async def _saver(self) -> None:
        while True:
            await self._changed.wait()
            await sleep(self.save_delay)
            self._changed = Event()
            self.save_now()

    # ------------------------------------------------------------ running

    async def run(self) -> None:
        """Serve this map alone until cancelled (LiveServer serves several on one port);
        the last changes are saved on the way out."""
        await LiveServer([self], self.host, self.port, self.max_message).run()

    @asynccontextmanager
    async def opened(self) -> AsyncIterator[None]:
        """The map's room open, and its saver running, for the block; the last
        changes saved on the way out."""
        self._yroom = YRoom(ydoc=self.doc, ready=True, exception_handler=_log_exception, log=log)
        self._yroom.on_message = self._guarded_on_message
        self._yroom.on_message_error = self._bad_message
        try:
            async with self._yroom, create_task_group() as tg:
                tg.start_soon(self._saver)
                try:
                    yield
                finally:
                    tg.cancel_scope.cancel()
        finally:
            self.save_now()
            journal.delete(self.path)  # the session ended: nothing to resume


class LiveServer:
    """One port, one room per map (the room is the URL's path: ws://HOST:PORT/ROOM)."""

    def __init__(self, rooms: list[LiveHost], host: str, port: int, max_message: int = MAX_MESSAGE) -> None:
        self.rooms = {f"/{live.room}": live for live in rooms}
        if len(self.rooms) != len(rooms):
            raise ValueError("two maps with one room name")
        self.host, self.port, self.max_message = host, port, max_message

    def _room_for(self, request) -> LiveHost | None:
        return self.rooms.get(urlsplit(request.path).path)

    def _check(self, connection, request):
        """The handshake: a room's path and one of its tokens, or 403."""
        live = self._room_for(request)
        if live is None:
            for other in self.rooms.values():
                other.refused += 1
            return connection.respond(HTTPStatus.FORBIDDEN, "argmap: wrong room or token\n")
        return live._check(connection, request)

    async def _serve(self, websocket) -> None:
        live = self._room_for(websocket.request)
        assert live is not None  # (the handshake checked it)
        await live._serve(websocket)

    async def run(self) -> None:
        """Serve until cancelled; each room saves its map on the way out."""
        async with AsyncExitStack() as rooms:
            for live in self.rooms.values():
                await rooms.enter_async_context(live.opened())
            try:
                server = await serve(
                    self._serve, self.host, self.port, process_request=self._check,
                    max_size=self.max_message, logger=log,
                )  # fmt: skip
            except OSError as e:
                if e.errno == errno.EADDRINUSE:
                    raise InputError(f"port {self.port} on {self.host} is in use (another session?); choose another with --port") from None
                raise InputError(f"cannot listen on {self.host}:{self.port}: {e.strerror or e}") from None
            async with server:
                self.port = server.sockets[0].getsockname()[1]
                for live in self.rooms.values():
                    live.port = self.port
                    live.started.set()
                await asyncio.Future()  # until cancelled


async def _serve_web(tg, live: LiveHost, web_port: int, say: Callable[[str], None], front: Callable[..., Any]) -> None:
    """`front` is the browser front end (argmap.tui.web.WebParticipants, given by the
    serve command: the engine does not import the UI)."""
    local = "127.0.0.1" if live.host in ("0.0.0.0", "::", "localhost") else live.host
    web = front(live.url.replace(f"//{live.host}:", f"//{local}:", 1), live.token, live.host, web_port)
    try:
        await web.start()
    except OSError as e:
        raise InputError(f"cannot serve the web editor on {live.host}:{web.port}: {e.strerror or e}") from None
    shown = _for_others(web.url, live.host)
    say("or in a browser (the map editor, no install; add &name=YOUR-NAME to the address to be known by it):")
    say(f"  {shown}")

    async def stop_with_session() -> None:
        try:
            await anyio.sleep_forever()
        finally:
            with anyio.CancelScope(shield=True):
                await web.stop()

    tg.start_soon(stop_with_session)


async def _stop_on_signal(scope) -> None:
    """ctrl+c or a polite kill (SIGTERM) ends the session with a last save."""
    with open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        async for _ in signals:
            scope.cancel()
            return


class _HostChannel(WebsocketChannel):
    """Remembers the awareness client ids a participant spoke for (to forget them
    when the connection ends, and to make them its owner's: `claimed` is called when
    some became so); hands every update to the gate (gate.py) instead of the room,
    and disconnects a sender whose update the gate refuses, or whose changes it
    undid too often (strikes.py)."""

    def __init__(self, websocket, path: str, gate: Gate, who: Connection, say: Callable[[str], None],
                 strikes: Strikes, claimed: Callable[[], None]) -> None:
        super().__init__(websocket, path)
        self.presence_ids: set[int] = set()
        self.gate, self.who, self.say, self.claimed = gate, who, say, claimed
        self.strikes = strikes

    async def recv(self) -> bytes:
        while True:
            message = await super().recv()
            if message[:1] == bytes([YMessageType.AWARENESS]):
                try:
                    ids = {cid for cid, _, _ in presence.decode(message)}
                except ValueError:
                    ids = set()  # the room's message check drops the sender
                self.presence_ids |= ids
                if self.gate.claim(ids, self.who.owner):
                    self.claimed()
            elif await self._gated(message):
                continue
            return message

    async def _gated(self, message: bytes) -> bool:
        """Did the gate take this update? (Not a well-formed one: the room drops the sender.)"""
        if len(message) < 2 or message[1] == YSyncMessageType.SYNC_STEP1 or not well_formed(message):
            return False
        try:
            note = self.gate.admit(read_message(message[2:]), self.who, message[1] == YSyncMessageType.SYNC_STEP2)
        except ValueError:
            return False
        except (Hangs, NotTheirs) as refused:
            # Honest editors send in order; one that did not (an edit made as it
            # reconnected) sends it all again with the sync of its next connection.
            self.strikes.strike(self.who.owner)
            await self._drop(f"sent an update the host refuses ({refused})", "update refused")
            return True
        if note:
            self.say(note)
            if self.strikes.strike(self.who.owner):
                s = self.strikes
                await self._drop(f"had more than {s.limit} changes undone in {s.window:g} s; kept out for {s.keep_out:g} s",
                                 "too many changes undone")
        return True

    async def _drop(self, why: str, reason: str) -> None:
        self.say(f"{self.who.name} {why}: disconnected")
        await self.close(1008, reason)


def _log_exception(exception: Exception, logger: logging.Logger) -> bool:
    logger.warning("live session: %s", exception)
    return True


def serve_map(
    path: Path, *, host: str, port: int, say: Callable[[str], None], web_port: int | None = None, moderated: bool = False,
    web_front: Callable[..., Any] | None = None
) -> None:
    """`argmap serve`: run a host until ctrl+c (with `web_port`, also the editor in
    browsers: argmap/tui/web.py). A folder serves each map in it (not comparisons), all
    on one port, one room each, with one token."""
    paths = _folder_maps(path) if path.is_dir() else [path]
    if len(paths) > 1 and web_port is not None:
        raise InputError(f"{path}: --web serves one map; give a map file")
    token = moderator_token = None
    hosts = []
    for p in paths:
        hosts.append(LiveHost(p, host=host, port=port, token=token, moderator_token=moderator_token,
                              moderated=moderated, say=say, room=_free_room(p, hosts)))
        token, moderator_token = hosts[0].token, hosts[0].moderator_token

    async def main() -> None:
        async with create_task_group() as tg:
            tg.start_soon(_stop_on_signal, tg.cancel_scope)
            tg.start_soon(LiveServer(hosts, host, port).run)
            for live in hosts:
                await live.started.wait()
                _announce(live, say)
            if web_port is not None:
                assert web_front is not None, "web_port needs web_front"
                await _serve_web(tg, hosts[0], web_port, say, web_front)
            if any(live.moderated for live in hosts):
                say("moderated: what participants add is a proposal (tagged #proposed) until a moderator accepts")
                say("or rejects it; files hold accepted items only. Give the moderator's command to moderators only.")
            say(f"the map{'s are' if len(hosts) > 1 else ' is'} saved as they edit; ctrl+c ends the session")

    run(main)
    for live in hosts:
        say(f"argmap: session ended; {live.path if live.save_path == live.path else live.save_path} saved")


def _free_room(path: Path, others: list[LiveHost]) -> str:
    """The map's room name, with -2, -3... when another map of the folder has it."""
    name = room_name(path)
    taken = {live.room for live in others}
    n = 1
    while (name if n == 1 else f"{name}-{n}") in taken:
        n += 1
    return name if n == 1 else f"{name}-{n}"


def _folder_maps(folder: Path) -> list[Path]:
    from argmap.store import is_comparison_path

    maps = sorted(p for p in folder.glob("*.json") if not is_comparison_path(p))
    if not maps:
        raise InputError(f"{folder}: no maps (*.json) in this folder")
    return maps


def _announce(live: LiveHost, say: Callable[[str], None]) -> None:
    shown = _for_others(live.url, live.host)
    if live.resumed:
        say(f"argmap: resuming the session that stopped without ending ({journal.journal_path(live.path).name});"
            " participants reconnect by themselves")
    say(f"argmap: hosting {live.path} as room {live.room!r} on {live.host}:{live.port}")
    say("participants join with:")
    say(f"  argmap join '{shown}' --name NAME")
    if live.moderator_url:
        say("moderators join with:")
        say(f"  argmap join '{_for_others(live.moderator_url, live.host)}' --name NAME")


def _for_others(url: str, host: str) -> str:
    """An address to print: a host listening on every network is THIS-MACHINE."""
    return url if host not in ("0.0.0.0", "::") else url.replace(host, "THIS-MACHINE", 1)
