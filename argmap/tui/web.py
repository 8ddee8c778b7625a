"""`argmap serve --web`: the map editor in a browser, for participants without a
terminal (textual-serve runs `argmap join` for each browser tab).

textual-serve's page has no access control of its own; here every request must
carry the room's token: `/?token=...` once (it is kept in a cookie for the page's
own requests, the WebSocket included), otherwise 403.

A participant gives their name in the address (`/?token=...&name=Ana`): the page's
WebSocket then goes to `/ws/Ana`, and that tab's `argmap join` runs with `--name
Ana`. A tab without a name is `guest 1`, `guest 2`, ... (in the order they open).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import shlex
import socket
import sys
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from argmap.live.lines import printable

log = logging.getLogger("argmap.live")

COOKIE = "argmap_token"
MAX_NAME = 40


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def clean_name(name: str | None) -> str:
    """A name as given in the address, safe to show and to pass on ('' when none)."""
    return printable(name or "")[:MAX_NAME].strip()


class _NamedServer(Server):
    """textual-serve with one command per tab: the tab's name goes into it."""

    def __init__(self, command_for, **kwargs) -> None:
        super().__init__(command_for("web"), **kwargs)
        self.command_for = command_for
        self._guests = itertools.count(1)

    async def on_startup(self, app: web.Application) -> None:
        """(textual-serve prints a banner with the command, token included: not here)"""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict:
        context = await Server.handle_index.__wrapped__(self, request)  # (textual-serve's, undecorated)
        name = clean_name(request.query.get("name"))
        if name:  # the page appends ?width=...: the name goes in the path
            context["app_websocket_url"] += "/" + quote(name, safe="")
        return context

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with this tab's command (its name)."""
        name = clean_name(request.match_info.get("name")) or f"guest {next(self._guests)}"
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(self.command_for(name), write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=websocket.close,
                                     download_manager=self.download_manager, debug=self.debug)
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # (as textual-serve: one tab's trouble, logged)
            log.warning("browser participant %s: %s", name, error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, min(int(value or default), 1000))
    except ValueError:
        return default


class WebParticipants:
    """The web server: one `argmap join` (the editor) per browser tab."""

    def __init__(self, join_url: str, token: str, host: str, port: int) -> None:
        self.token = token
        self.host = host
        self.port = port or free_port(host)

        def command_for(name: str) -> str:
            return f"{shlex.quote(sys.executable)} -m argmap join {shlex.quote(join_url)} --name {shlex.quote(name)}"

        self.server = _NamedServer(command_for, host=host, port=self.port, title="argmap live")
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
        app.router.add_get("/ws/{name}", self.server.handle_websocket)
        app.middlewares.append(self._check_token)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
