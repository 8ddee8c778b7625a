"""`argmap join`: a participant's connection to a live session.

`connect(url)` opens the WebSocket, syncs a fresh Replica with the host through a
pycrdt Provider, and keeps it in step until the context ends: edits made with
`replica.apply` go out as they are made, others' edits come in. `on_change` is
called after every transaction that changed the document (local or remote), so a
UI can redraw; `replica.connection_lost` is set when the host goes away, and
`replica.presence` (presence.py) says who else is there and where.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import secrets

import anyio
from anyio import Event, create_task_group, fail_after
from pycrdt import Provider
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI

from argmap.errors import InputError
from argmap.live.channel import WebsocketChannel
from argmap.live.moderation import owner_of
from argmap.live.presence import Presence
from argmap.live.replica import Replica

MAX_FROM_HOST = 512 * 1024 * 1024  # the host is trusted: a whole big map comes at once
SYNC_TIMEOUT = 30.0
RETRY_FOR = 60.0  # seconds of trying to reconnect after a drop


def join_url(url: str, name: str | None, key: str | None = None) -> str:
    """The URL with `name=` added (the host shows who joins) and `key=` (this
    participant's, kept across reconnections: the host knows whose proposals are
    whose by it); InputError when it is no ws:// or wss:// URL with a token."""
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.netloc:
        raise InputError(f"{url}: not a session address (expected ws://HOST:PORT/ROOM?token=...)")
    query = parse_qs(parts.query)
    if not query.get("token"):
        raise InputError(f"{url}: the address has no token (copy the whole join command the host printed)")
    if name:
        query["name"] = [name]
    if key:
        query["key"] = [key]
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True)))


async def _open(url: str, full: str):
    try:
        return await ws_connect(full, max_size=MAX_FROM_HOST, open_timeout=10)
    except InvalidStatus as e:
        status = e.response.status_code
        reasons = {403: "wrong room or token", 429: "too many of your changes were undone; try again in a minute"}
        reason = reasons.get(status, f"HTTP {status}")
        raise Refused(f"{_shown(url)}: the host refused to let you join ({reason})") from None
    except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as e:
        raise InputError(f"{_shown(url)}: cannot reach the host ({getattr(e, 'strerror', None) or e})") from None


class Refused(InputError):
    """The host answered and said no (wrong token: also what a restarted host says)."""


async def _reopen(url: str, full: str, retry_for: float):
    """A new connection after a drop, trying for `retry_for` seconds (None: gave up).
    A refusal (Refused) ends the trying at once: a host that restarted has a new
    token, and its document is another one (merging ours into it would double every
    item); a host that keeps this participant out says so."""
    deadline = anyio.current_time() + retry_for
    pause = 0.2
    while anyio.current_time() < deadline:
        try:
            return await _open(url, full)
        except Refused:
            raise
        except InputError:
            await anyio.sleep(pause)
            pause = min(pause * 2, 2.0)
    return None


@asynccontextmanager
async def connect(
    url: str,
    name: str | None = None,
    on_change: Callable[[], None] | None = None,
    retry_for: float = RETRY_FOR,
) -> AsyncIterator[Replica]:
    """A replica synced with the session at `url`; InputError when the host cannot
    be reached or refuses. A dropped connection is reopened (for `retry_for`
    seconds) on the same replica: what was edited meanwhile, here and there, syncs
    both ways. `replica.online` says whether it is connected now;
    `replica.connection_lost` is set when it gave up (`replica.refused`: the host's
    refusal, when it refused). A moderator's address (the
    moderator token, `role=moderator`) makes a moderator's replica; the host checks
    the token."""
    key = secrets.token_urlsafe(16)
    full = join_url(url, name, key)
    websocket = await _open(url, full)
    replica = Replica()
    replica.moderator = is_moderator_url(url)
    replica.owner = owner_of(key)
    if on_change is not None:
        replica.doc.observe(lambda _event: on_change())
    replica.connection_lost = Event()
    replica.refused = None  # why the host would not let us back in, when it said
    replica.online = True
    replica.reconnects = 0
    replica.presence = presence = Presence(replica.doc, name)
    path = urlsplit(full).path
    current: list[WebsocketChannel] = []
    synced, leaving = Event(), Event()

    def publish(topic: str, changes) -> None:
        if topic == "update" and changes[1] == "local" and current:
            tg.start_soon(current[0].send, presence.own_message())

    async def one_connection(ws) -> bool:
        """Sync over `ws` until it closes (False) or the participant leaves (True)."""
        channel = WebsocketChannel(ws, path, on_awareness=presence.receive)
        current[:] = [channel]
        async with ws, Provider(replica.doc, channel) as provider:
            with fail_after(SYNC_TIMEOUT):
                await provider.synced.wait()
            replica.online = True
            await channel.send(presence.own_message())
            synced.set()
            async with create_task_group() as until:
                until.start_soon(_cancel_after, ws.wait_closed, until.cancel_scope)
                until.start_soon(_cancel_after, leaving.wait, until.cancel_scope)
            if leaving.is_set():
                await channel.send(presence.leaving_message())
                return True
        return False  # (leaving the Provider's context normally sends what is queued)

    async def session(ws) -> None:
        while not await one_connection(ws):
            replica.online = False
            try:
                ws = await _reopen(url, full, retry_for)
            except Refused as e:
                replica.refused, ws = str(e), None
            if ws is None:
                replica.connection_lost.set()
                return
            replica.reconnects += 1

    async with create_task_group() as tg:
        presence.awareness.observe(publish)
        await tg.start(presence.awareness.start)  # renews our state, forgets silent others
        done = Event()

        async def run() -> None:
            try:
                await session(websocket)
            finally:
                done.set()

        tg.start_soon(run)
        with fail_after(SYNC_TIMEOUT):
            await synced.wait()
        try:
            yield replica
        finally:
            leaving.set()
            with anyio.move_on_after(5):
                await done.wait()
            tg.cancel_scope.cancel()


async def _cancel_after(wait, scope) -> None:
    await wait()
    scope.cancel()


def is_moderator_url(url: str) -> bool:
    return parse_qs(urlsplit(url).query).get("role") == ["moderator"]


def _shown(url: str) -> str:
    """The URL without its token (error messages end up in logs and screenshots)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=""))
