"""`argmap serve --web`: the map editor in a real browser (headless Chromium, driven
through the DevTools protocol): the page needs the token, a participant in the
browser goes by the name in the address (`&name=Ana`; without one: guest 1, ...) and
types a reason that reaches the host's file."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from websockets.asyncio.client import connect as ws_connect

from argmap.live.client import connect
from tests.conftest import MAPS

BIN = Path(sys.executable).parent / "argmap"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (Debian package) for the browser test")


class Browser:
    """A headless Chromium page and the DevTools calls this test needs."""

    def __init__(self, profile: Path) -> None:
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
             "--disable-features=BackForwardCache",  # a page navigated away from closes its socket
             f"--user-data-dir={profile}", "--window-size=1280,800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        port = None
        while port is None:
            line = self.proc.stderr.readline()
            assert line, "chromium did not start"
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            port = found.group(1) if found else None
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json").read())
        self.page_url = next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"]
        self.n = 0

    async def open(self):
        self.ws = await ws_connect(self.page_url, max_size=50_000_000)
        await self.call("Page.enable")

    async def call(self, method: str, **params):
        self.n += 1
        await self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            message = json.loads(await self.ws.recv())
            if message.get("id") == self.n:
                return message.get("result", {})

    async def click(self, x: int, y: int) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def key(self, key: str, text: str, code: int | None = None) -> None:
        extra = {"windowsVirtualKeyCode": code, "code": key} if code else {}
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=key, text=text, **extra)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, **extra)

    async def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"]))

    async def close(self) -> None:
        await self.ws.close()
        self.proc.terminate()
        self.proc.wait(10)


async def eventually(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.1)


def test_a_browser_participant_edits_the_shared_map(tmp_path: Path):
    path = tmp_path / "alliance.json"
    shutil.copy(MAPS / "informal-alliance.json", path)
    server = subprocess.Popen([str(BIN), "serve", str(path), "--port", "0", "--web", "--web-port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        join = web = None
        while web is None:
            line = server.stderr.readline()
            assert line, "serve stopped"
            join = join or (re.search(r"argmap join '(ws://[^']+)'", line) or [None, None])[1]
            found = re.search(r"(http://\S+\?token=\S+)", line)
            web = found.group(1) if found else None
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(web.split("?")[0])
        assert refused.value.code == 403

        async def scenario():
            async with connect(join, "watcher") as watcher:
                browser = Browser(Path(tempfile.mkdtemp(dir=tmp_path)))
                await browser.open()
                try:
                    await browser.call("Page.navigate", url=web + "&name=Ana%20K.")
                    # the browser's editor joins under its name: its presence reaches the watcher
                    await eventually(lambda: "Ana K." in [s["name"] for s in watcher.presence.others()])
                    await eventually(lambda: any(s.get("at") for s in watcher.presence.others()))
                    await browser.click(100, 28)  # focus the terminal, cursor on the thesis
                    await asyncio.sleep(0.5)
                    await browser.key("a", "a")
                    await asyncio.sleep(0.5)
                    await browser.call("Input.insertText", text="Typed in a browser.")
                    await browser.key("Enter", "\r", 13)
                    await eventually(lambda: "Typed in a browser." in path.read_text())
                    await eventually(lambda: any(c.text == "Typed in a browser." for c in watcher.map.claims))
                    watcher.presence.select("ia-thesis")  # the browser shows who is where
                    await asyncio.sleep(1.0)
                    shot = tmp_path / "browser.png"
                    await browser.screenshot(shot)
                    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
                    # a tab without a name is a numbered guest
                    await browser.call("Page.navigate", url=web)
                    await eventually(lambda: [s["name"] for s in watcher.presence.others()] == ["guest 1"])
                finally:
                    await browser.close()

        asyncio.run(scenario())
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "Ana K. joined" in err and "guest 1 joined" in err, err
