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

from anyio import Event, create_task_group, fail_after
from pycrdt import Provider
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI

from argmap.errors import InputError
from argmap.live.channel import WebsocketChannel
from argmap.live.presence import Presence
from argmap.live.replica import Replica

MAX_FROM_HOST = 512 * 1024 * 1024  # the host is trusted: a whole big map comes at once
SYNC_TIMEOUT = 30.0


def join_url(url: str, name: str | None) -> str:
    """The URL with `name=` added (the host shows who joins); InputError when it is
    no ws:// or wss:// URL with a token."""
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.netloc:
        raise InputError(f"{url}: not a session address (expected ws://HOST:PORT/ROOM?token=...)")
    query = parse_qs(parts.query)
    if not query.get("token"):
        raise InputError(f"{url}: the address has no token (copy the whole join command the host printed)")
    if name:
        query["name"] = [name]
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True)))


@asynccontextmanager
async def connect(url: str, name: str | None = None, on_change: Callable[[], None] | None = None) -> AsyncIterator[Replica]:
    """A replica synced with the session at `url`; InputError when the host cannot
    be reached or refuses."""
    full = join_url(url, name)
    try:
        websocket = await ws_connect(full, max_size=MAX_FROM_HOST, open_timeout=10)
    except InvalidStatus as e:
        status = e.response.status_code
        reason = "wrong room or token" if status == 403 else f"HTTP {status}"
        raise InputError(f"{_shown(url)}: the host refused to let you join ({reason})") from None
    except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as e:
        raise InputError(f"{_shown(url)}: cannot reach the host ({getattr(e, 'strerror', None) or e})") from None
    replica = Replica()
    if on_change is not None:
        replica.doc.observe(lambda _event: on_change())
    replica.connection_lost = Event()
    replica.presence = presence = Presence(replica.doc, name)

    async def watch() -> None:
        await websocket.wait_closed()
        replica.connection_lost.set()

    async with websocket, create_task_group() as tg:
        tg.start_soon(watch)
        channel = WebsocketChannel(websocket, urlsplit(full).path, on_awareness=presence.receive)

        def publish(topic: str, changes) -> None:
            if topic == "update" and changes[1] == "local":
                tg.start_soon(channel.send, presence.own_message())

        presence.awareness.observe(publish)
        await tg.start(presence.awareness.start)  # renews our state, forgets silent others
        async with Provider(replica.doc, channel) as provider:
            with fail_after(SYNC_TIMEOUT):
                await provider.synced.wait()
            await channel.send(presence.own_message())
            yield replica
            await channel.send(presence.leaving_message())
        tg.cancel_scope.cancel()


def _shown(url: str) -> str:
    """The URL without its token (error messages end up in logs and screenshots)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=""))
