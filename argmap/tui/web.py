"""`argmap serve --web`: the map editor in a browser, for participants without a
terminal (textual-serve runs `argmap join` for each browser tab).

textual-serve's page has no access control of its own; here every request must
carry the room's token: `/?token=...` once (it is kept in a cookie for the page's
own requests, the WebSocket included), otherwise 403.
"""

from __future__ import annotations

import secrets
import shlex
import socket
import sys

from aiohttp import web
from textual_serve.server import Server

COOKIE = "argmap_token"


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class _QuietServer(Server):
    async def on_startup(self, app: web.Application) -> None:
        """(textual-serve prints a banner with the command, token included: not here)"""


class WebParticipants:
    """The web server: one `argmap join` (the editor) per browser tab."""

    def __init__(self, join_url: str, token: str, host: str, port: int) -> None:
        self.token = token
        self.host = host
        self.port = port or free_port(host)
        command = f"{shlex.quote(sys.executable)} -m argmap join {shlex.quote(join_url)} --name web"
        self.server = _QuietServer(command, host=host, port=self.port, title="argmap live")
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/?token={self.token}"

    @web.middleware
    async def _check_token(self, request: web.Request, handler):
        given = request.query.get("token") or request.cookies.get(COOKIE, "")
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            raise web.HTTPForbidden(text="argmap: wrong or missing token\n")
        response = await handler(request)
        if request.query.get("token"):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    async def start(self) -> None:
        app = await self.server._make_app()
        app.middlewares.append(self._check_token)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
