"""The line-mode participant's loop: read commands from stdin while others' edits
arrive, until `quit`, end of input, or the host going away."""

from __future__ import annotations

import sys
from collections.abc import Callable

import anyio

from argmap.live.client import connect
from argmap.live.lines import outline, printable, run_command
from argmap.live.running import run
from argmap.live.replica import Replica

NOTICE_EVERY = 0.3  # seconds between "the map changed" notices


def join_lines(
    url: str,
    name: str | None,
    read_line: Callable[[], str] = sys.stdin.readline,
    say: Callable[[str], None] = lambda line: print(line, flush=True),
) -> int:
    """Run a participant; the exit code (1: the connection to the host was lost)."""
    return run(_join, url, name, read_line, say) or 0


async def _join(url: str, name: str | None, read_line, say) -> int:
    async with connect(url, name) as replica:
        say(f"joined: {printable(replica.map.title or replica.map.thesis)} ({len(replica.map.claims)} claims); help lists the commands")
        say("\n".join(outline(replica.map)))
        seen = [replica.revision]
        result = 0
        async with anyio.create_task_group() as tg:

            async def commands() -> None:
                while True:
                    line = await anyio.to_thread.run_sync(read_line, abandon_on_cancel=True)
                    if not line or not run_command(replica, line.strip(), say):
                        break
                    seen[0] = replica.revision
                tg.cancel_scope.cancel()

            async def notices() -> None:
                online = True
                while True:
                    await anyio.sleep(NOTICE_EVERY)
                    if replica.online != online:
                        online = replica.online
                        say("(reconnected)" if online else "(the connection dropped; reconnecting; keep editing)")
                    if replica.revision != seen[0]:
                        seen[0] = replica.revision
                        say(_notice(replica))

            async def lost() -> None:
                nonlocal result
                await replica.connection_lost.wait()
                say(f"argmap: {replica.refused or 'the host is gone (no answer for a minute, or it restarted)'};"
                    " your changes since the drop did not reach it")
                result = 1
                tg.cancel_scope.cancel()

            tg.start_soon(commands)
            tg.start_soon(notices)
            tg.start_soon(lost)
        return result


def _notice(replica: Replica) -> str:
    m = replica.map
    return f"(the map changed: {len(m.claims)} claims, {len(m.arguments)} arguments; show prints it)"
