"""A `websockets` connection as a pycrdt Channel (what Provider and YRoom read and write).

On a participant's side, awareness (presence) messages go to `on_awareness` instead
of the Provider, which only speaks the sync protocol."""

from __future__ import annotations

from websockets.exceptions import ConnectionClosed


class WebsocketChannel:
    def __init__(self, websocket, path: str, on_awareness=None) -> None:
        self._websocket = websocket
        self._path = path
        self._on_awareness = on_awareness

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> WebsocketChannel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed:
            raise StopAsyncIteration from None

    async def recv(self) -> bytes:
        while True:
            message = await self._websocket.recv()
            if not isinstance(message, bytes):  # a text frame is no Yjs message: skip it
                continue
            if self._on_awareness is not None and message[:1] == b"\x01":
                self._on_awareness(message)
                continue
            return message

    async def send(self, message: bytes) -> None:
        # The room broadcasts to every client in its own task group: a client that
        # went away must not take the room down with it.
        try:
            await self._websocket.send(message)
        except ConnectionClosed:
            pass

    async def close(self, code: int, reason: str) -> None:
        await self._websocket.close(code, reason)
