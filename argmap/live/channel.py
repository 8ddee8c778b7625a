"""A `websockets` connection as a pycrdt Channel (what Provider and YRoom read and write)."""

from __future__ import annotations

from websockets.exceptions import ConnectionClosed


class WebsocketChannel:
    def __init__(self, websocket, path: str) -> None:
        self._websocket = websocket
        self._path = path

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
            if isinstance(message, bytes):  # a text frame is no Yjs message: skip it
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
