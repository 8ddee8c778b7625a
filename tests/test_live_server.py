"""`argmap serve` / `argmap join` on real sockets (loopback): participants' edits merge
and are saved; wrong tokens, malformed, huge and dangling messages are refused or
ignored while the host keeps running and loses nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import pytest
from pycrdt import Array, Doc, Map, create_update_message
from websockets.asyncio.client import connect as raw_connect
from websockets.exceptions import ConnectionClosed

from argmap import edit
from argmap.errors import InputError
from argmap.live.client import connect
from argmap.live.document import items_root, order_root
from argmap.live.replica import Replica
from argmap.live.server import LiveHost
from argmap.store import load_map
from tests.conftest import MAPS

BIN = Path(sys.executable).parent / "argmap"


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "alliance.json"
    shutil.copy(MAPS / "informal-alliance.json", path)
    return path


@asynccontextmanager
async def hosting(path: Path, **options):
    host = LiveHost(path, port=0, say=lambda line: None, save_delay=0.05, **options)
    async with anyio.create_task_group() as tg:
        tg.start_soon(host.run)
        await host.started.wait()
        yield host
        tg.cancel_scope.cancel()


async def until(condition, timeout: float = 10.0) -> None:
    with anyio.fail_after(timeout):
        while not condition():
            await anyio.sleep(0.01)


def texts(path: Path) -> list[str]:
    return [c["text"] for c in json.loads(path.read_text())["claims"]]


def test_three_participants_adding_at_once_all_land_in_the_saved_file(map_file: Path):
    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "ana") as a, connect(host.url, "ben") as b, connect(host.url, "cem") as c:
                thesis = a.map.thesis
                for i in range(5):
                    for who, replica in (("ana", a), ("ben", b), ("cem", c)):
                        replica.apply(edit.add_reason(thesis, f"{who} {i}"))
                await until(lambda: a.snapshot() == b.snapshot() == c.snapshot() and len(a.map.claims) == 95)
                await until(lambda: sum(t.split()[0] in ("ana", "ben", "cem") for t in texts(map_file)) == 15)
                assert host.saves >= 1

    anyio.run(scenario)
    saved = load_map(map_file).document  # a valid map
    assert len(saved.claims) == 95
    assert map_file.with_name(map_file.name + ".bak").exists()


def test_a_wrong_token_or_room_is_refused_and_the_host_keeps_serving(map_file: Path):
    async def scenario():
        async with hosting(map_file) as host:
            for bad in (host.url.replace(host.token, "x" * len(host.token)), host.url.replace("/alliance?", "/other?")):
                with pytest.raises(InputError, match="refused"):
                    async with connect(bad):
                        pass
            assert host.refused == 2
            async with connect(host.url, "\x1b]0;owned\x07eve") as ok:
                assert ok.map.thesis == "ia-thesis"
                assert list(host.participants.values()) == ["\ufffd]0;owned\ufffdeve"]  # printed safely

    anyio.run(scenario)


def test_the_host_binds_to_loopback_unless_told_otherwise(map_file: Path):
    assert LiveHost(map_file).host == "127.0.0.1"


@pytest.mark.parametrize(
    "message",
    [b"", b"\x07garbage", b"\x00\x02\xff\xff\xff\xff\x0f", b"\x00\x02\x05abc", b"\x00\x02\x03\x01\x02\x03", os.urandom(300)],
    ids=["empty", "unknown-type", "bad-length", "truncated", "bad-update", "random"],
)
def test_a_malformed_message_disconnects_its_sender_only(map_file: Path, message: bytes):
    before = map_file.read_bytes()

    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "ana") as ana:
                async with raw_connect(host.url) as rogue:
                    await rogue.send(message)
                    await rogue.send("a text frame")
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(5):
                            while True:
                                await rogue.recv()
                assert host.dropped == 1
                ana.apply(edit.add_reason("ia-thesis", "still here"))
                await until(lambda: "still here" in texts(map_file))

    anyio.run(scenario)
    assert json.loads(map_file.read_text())["claims"][:80] == json.loads(before)["claims"]


def test_a_huge_message_is_refused(map_file: Path):
    async def scenario():
        async with hosting(map_file, max_message=64 * 1024) as host:
            async with raw_connect(host.url) as rogue:
                await rogue.send(create_update_message(b"\x00" * 100_000))
                with pytest.raises(ConnectionClosed) as closed:
                    with anyio.fail_after(5):
                        while True:
                            await rogue.recv()
                assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009  # message too big
            async with connect(host.url) as ok:
                assert len(ok.map.claims) == 80

    anyio.run(scenario)


def test_an_update_to_an_item_the_host_does_not_have_changes_nothing(map_file: Path):
    """A Yjs update that builds on an item the host never saw stays pending in yrs."""
    before = map_file.read_bytes()
    ghost = Doc(client_id=777)
    claims = items_root(ghost, "claims")
    with ghost.transaction():
        claims["ghost"] = Map({"text": "created where the host cannot see it"})
    state = ghost.get_state()
    with ghost.transaction():
        claims["ghost"]["text"] = "an edit of it"
        order_root(ghost, "claims").append("ghost")
    dangling = ghost.get_update(state)

    async def scenario():
        async with hosting(map_file) as host:
            async with raw_connect(host.url) as rogue:
                await rogue.send(create_update_message(dangling))
                await anyio.sleep(0.3)
            assert host.dropped == 0
            async with connect(host.url) as ok:
                assert "ghost" not in {c.id for c in ok.map.claims}

    anyio.run(scenario)
    assert map_file.read_bytes() == before


def test_edits_that_leave_a_reference_dangling_never_reach_the_file(map_file: Path):
    """An argument on a claim that does not exist (a broken client, or someone adding
    a reason to a claim someone else deleted) is dropped everywhere."""

    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "rogue") as rogue, connect(host.url, "ana") as ana:
                with rogue.doc.transaction():
                    items_root(rogue.doc, "arguments")["bad"] = Map(
                        {"premises": Array(["ia-thesis"]), "polarity": "support", "target": "nowhere"}
                    )
                    order_root(rogue.doc, "arguments").append("bad")
                ana.apply(edit.add_reason("ia-thesis", "after the rogue edit"))
                await until(lambda: "after the rogue edit" in texts(map_file))
                await until(lambda: "bad" not in (items_root(ana.doc, "arguments").to_py() or {}))
                assert all(a.id != "bad" for a in ana.map.arguments)

    anyio.run(scenario)
    assert '"bad"' not in map_file.read_text()
    load_map(map_file)


def test_a_file_changed_on_disk_during_the_session_is_not_overwritten(map_file: Path):
    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url) as ana:
                map_file.write_text(map_file.read_text().replace("Informal alliance", "Edited elsewhere"))
                ana.apply(edit.add_reason("ia-thesis", "made in the session"))
                mine = map_file.with_name("alliance.mine.json")
                await until(lambda: mine.exists() and "made in the session" in texts(mine))
                assert host.save_path == mine

    anyio.run(scenario)
    assert "Edited elsewhere" in map_file.read_text()
    assert "made in the session" not in map_file.read_text()


# ---------------------------------------------------------------- the commands


def _start_server(map_file: Path) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [str(BIN), "serve", str(map_file), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        lines.append(line)
        found = re.search(r"argmap join '(ws://[^']+)'", line)
        if found:
            return server, found.group(1)
    server.kill()
    raise AssertionError("serve printed no join command: " + "".join(lines))


def test_serve_and_join_commands_edit_one_file(map_file: Path):
    server, url = _start_server(map_file)
    try:
        assert url.startswith("ws://127.0.0.1:") and "token=" in url
        joined = subprocess.run(
            [str(BIN), "join", url, "--name", "ana"],
            input='reason ia-thesis "Joined by command."\nobjection ia-thesis \'A doubt.\'\nundo\nshow\nquit\n',
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert joined.returncode == 0, joined.stderr
        assert "add reason: c81-" in joined.stdout and "undo: add objection" in joined.stdout
        assert "Joined by command." in joined.stdout and "A doubt." not in joined.stdout.split("undo:")[1]
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=20)
    assert server.returncode == 0, err
    assert "ana joined" in err and "session ended" in err
    saved = texts(map_file)
    assert "Joined by command." in saved and "A doubt." not in saved


def test_join_with_a_bad_address_says_so_in_one_line(map_file: Path):
    for url, expected in (
        ("http://example.org/x", "not a session address"),
        ("ws://127.0.0.1:9/m", "has no token"),
        ("ws://127.0.0.1:9/m?token=x", "cannot reach the host"),
    ):
        r = subprocess.run([str(BIN), "join", url], capture_output=True, text=True, timeout=30)
        assert r.returncode == 2 and expected in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "Traceback" not in r.stderr


def test_a_participant_deleting_the_thesis_cannot_break_the_map(map_file: Path):
    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "rogue") as rogue, connect(host.url, "ana") as ana:
                with rogue.doc.transaction():
                    items_root(rogue.doc, "claims").pop("ia-thesis")
                    items_root(rogue.doc, "claims")["c1"] = "not a claim"
                ana.apply(edit.add_reason("ia-thesis", "the thesis is back"))
                await until(lambda: "the thesis is back" in texts(map_file))
                await until(lambda: "ia-thesis" in (items_root(rogue.doc, "claims").to_py() or {}))
                assert rogue.map.claim("ia-thesis").text == ana.map.claim("ia-thesis").text

    anyio.run(scenario)
    saved = load_map(map_file).document
    assert saved.thesis == "ia-thesis" and saved.claim("ia-thesis").text.startswith("The relationship")


def test_presence_shows_who_is_where_and_who_left(map_file: Path):
    from argmap.live.presence import Presence

    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "ben") as ben:
                async with connect(host.url, "ana") as ana:
                    ana.presence.select("ia-thesis")
                    await until(lambda: [(s["name"], s["at"]) for s in ben.presence.others()] == [("ana", "ia-thesis")])
                    assert ben.presence.others()[0]["colour"]
                    async with connect(host.url, "cem") as cem:  # a latecomer sees who is there
                        await until(lambda: [s["name"] for s in cem.presence.others()] == ["ana", "ben"])
                await until(lambda: ben.presence.others() == [])  # ana said goodbye
                # a participant whose connection just drops is forgotten by the host
                ghost = Presence(Doc(client_id=4242), "ghost")
                async with raw_connect(host.url) as rogue:
                    await rogue.send(ghost.own_message())
                    await until(lambda: [s["name"] for s in ben.presence.others()] == ["ghost"])
                await until(lambda: ben.presence.others() == [])

    anyio.run(scenario)


@pytest.mark.parametrize(
    "state", ['{"name": 5}', '{"name": "x", "password": "y"}', '"just a string"', '{"name": "' + "x" * 500 + '"}', "{not json"]
)
def test_a_malformed_presence_state_disconnects_its_sender(map_file: Path, state: str):
    from pycrdt import Encoder, create_awareness_message

    encoder = Encoder()
    encoder.write_var_uint(1)
    encoder.write_var_uint(99)
    encoder.write_var_uint(1)
    encoder.write_var_string(state)
    message = create_awareness_message(encoder.to_bytes())

    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "ben") as ben:
                async with raw_connect(host.url) as rogue:
                    await rogue.send(message)
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(5):
                            while True:
                                await rogue.recv()
                assert host.dropped == 1 and ben.presence.others() == []

    anyio.run(scenario)


def test_a_dropped_participant_reconnects_and_both_sides_catch_up(map_file: Path):
    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "ana") as ana, connect(host.url, "ben") as ben:
                ana_channel = next(c for c, n in host.participants.items() if n == "ana")
                await ana_channel.close(1001, "network gone")
                ana.apply(edit.add_reason("ia-thesis", "typed while offline"))  # around the drop
                ben.apply(edit.add_reason("ia-thesis", "typed by ben meanwhile"))
                await until(lambda: ana.online and ana.reconnects == 1)
                await until(lambda: ana.snapshot() == ben.snapshot())
                await until(lambda: {"typed while offline", "typed by ben meanwhile"} <= set(texts(map_file)))
                assert not ana.connection_lost.is_set()

    anyio.run(scenario)


def test_a_participant_gives_up_when_the_host_is_gone(map_file: Path):
    async def scenario():
        async with hosting(map_file) as host:
            url = host.url
            async with connect(url, "ana", retry_for=1.0) as ana:
                host_scope.cancel()  # the host stops
                await until(lambda: ana.connection_lost.is_set(), timeout=15)
                assert not ana.online

    host_scope = None

    async def main():
        nonlocal host_scope
        with anyio.CancelScope() as scope:
            host_scope = scope
            await scenario()

    anyio.run(main)


def test_serve_problems_are_one_line_errors(map_file: Path, tmp_path: Path):
    missing = subprocess.run([str(BIN), "serve", str(tmp_path / "nope.json")], capture_output=True, text=True, timeout=30)
    assert missing.returncode == 2 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
    server, url = _start_server(map_file)
    try:
        port = url.split(":")[2].split("/")[0]
        busy = subprocess.run([str(BIN), "serve", str(map_file), "--port", port], capture_output=True, text=True, timeout=30)
        assert busy.returncode == 2 and f"port {port}" in busy.stderr and "in use" in busy.stderr, busy.stderr
        assert len(busy.stderr.strip().splitlines()) == 1
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=20)


def test_a_host_that_crashed_resumes_the_session_and_nothing_is_lost(map_file: Path):
    """kill -9 the host; a participant keeps editing; the host restarted with the same
    command takes up the same session (journal), the participant reconnects and its
    edits from before and during the outage are all saved."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])

    def start() -> tuple[subprocess.Popen, str, str]:
        proc = subprocess.Popen([str(BIN), "serve", str(map_file), "--port", port],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = []
        while True:
            line = proc.stderr.readline()
            assert line, "serve stopped: " + "".join(lines)
            lines.append(line)
            found = re.search(r"argmap join '(ws://[^']+)'", line)
            if found:
                return proc, found.group(1), "".join(lines)

    first, url, _ = start()
    second = None

    async def scenario():
        nonlocal second
        async with connect(url, "ana", retry_for=30) as ana:
            ana.apply(edit.add_reason("ia-thesis", "before the crash"))
            await until(lambda: "before the crash" in texts(map_file))
            assert map_file.with_name(".alliance.json.live").stat().st_mode & 0o077 == 0  # holds the token
            first.kill()  # no chance to save or clean up
            first.wait()
            await until(lambda: not ana.online)
            ana.apply(edit.add_reason("ia-thesis", "during the outage"))
            second, again, said = await anyio.to_thread.run_sync(start)
            assert again == url and "resuming the session" in said
            await until(lambda: ana.online and ana.reconnects == 1, timeout=30)
            await until(lambda: "during the outage" in texts(map_file))

    try:
        anyio.run(scenario)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.communicate(timeout=20)
    saved = texts(map_file)
    assert saved.count("before the crash") == 1 and saved.count("during the outage") == 1
    assert not map_file.with_name(".alliance.json.live").exists()  # ended normally: no journal left


def test_serving_a_folder_hosts_each_map(tmp_path: Path):
    folder = tmp_path / "seminar"
    folder.mkdir()
    for name in ("informal-alliance.json", "partnership-without-trust.json", "russia-china.compare.json"):
        shutil.copy(MAPS / name, folder / name)
    server = subprocess.Popen([str(BIN), "serve", str(folder), "--port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    urls = []
    try:
        while len(urls) < 2:
            line = server.stderr.readline()
            assert line, "serve stopped"
            found = re.search(r"argmap join '(ws://[^']+)'", line)
            if found:
                urls.append(found.group(1))
        assert len({u.split("token=")[1] for u in urls}) == 1  # one token for the folder
        assert len({u.split("/")[2] for u in urls}) == 1  # one port, a room (path) per map
        assert {u.split("/")[3].split("?")[0] for u in urls} == {"informal-alliance", "partnership-without-trust"}

        async def scenario():
            async with connect(urls[0], "ana") as a, connect(urls[1], "ana") as b:
                a.apply(edit.add_reason(a.map.thesis, "in the first map"))
                b.apply(edit.add_reason(b.map.thesis, "in the second map"))
                await until(lambda: "in the first map" in texts(folder / "informal-alliance.json"))
                await until(lambda: "in the second map" in texts(folder / "partnership-without-trust.json"))

        anyio.run(scenario)
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=20)
    assert server.returncode == 0, err
    assert "in the first map" not in texts(folder / "partnership-without-trust.json")


def test_a_moderated_session_saves_only_accepted_proposals(map_file: Path):
    from argmap.live import moderation
    from argmap.live.lines import run_command

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            async with connect(host.url, "ana") as ana, connect(host.moderator_url, "mod") as mod:
                first = ana.apply(edit.add_reason("ia-thesis", "a proposal to accept")).created
                second = ana.apply(edit.add_objection("ia-thesis", "a proposal to reject")).created
                assert moderation.PROPOSED in ana.map.claim(first).tags
                await until(lambda: any(c.id == second for c in mod.map.claims))
                own = mod.apply(edit.add_reason("ia-thesis", "the moderator's own")).created
                assert moderation.PROPOSED not in mod.map.claim(own).tags
                await until(lambda: "the moderator's own" in texts(map_file))
                assert "a proposal to accept" not in texts(map_file)  # proposals are not saved
                said = []
                await until(lambda: second in moderation.proposers(mod.doc))
                run_command(mod, "proposals", said.append)
                assert said[0].splitlines()[0] == "2 proposals pending", said
                assert f"[{first}] by ana + reason for [ia-thesis]: a proposal to accept" in said[0], said
                said.clear()
                run_command(mod, f"accept {first}", said.append)
                run_command(mod, f"reject {second}", said.append)
                assert said[0].startswith("accept") and said[1].startswith("reject"), said
                await until(lambda: "a proposal to accept" in texts(map_file))
                await until(lambda: moderation.PROPOSED not in ana.map.claim(first).tags)
                await until(lambda: all(c.id != second for c in ana.map.claims))

    anyio.run(scenario)
    saved = load_map(map_file).document
    assert "a proposal to reject" not in texts(map_file)
    assert all(moderation.PROPOSED not in c.tags for c in saved.claims)


# ---------------------------------------------------------------- moderating is a capability


def test_a_moderated_session_gives_moderators_their_own_token(map_file: Path):
    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            assert host.moderator_token and host.moderator_token != host.token
            assert host.moderator_url.endswith("&role=moderator")
            # the participant's token with role=moderator is still a participant
            async with connect(host.url + "&role=moderator", "eve") as eve:
                eve.moderator = True  # a client that believes it is a moderator...
                added = eve.apply(edit.add_reason("ia-thesis", "eve's unmoderated addition")).created
                await anyio.sleep(0.5)
                assert all(c.id != added for c in eve.map.claims)  # ...is undone by the host
            assert "eve's unmoderated addition" not in texts(map_file)
        unmoderated = LiveHost(map_file, port=0, say=lambda line: None)
        assert unmoderated.moderator_url is None

    anyio.run(scenario)


def _claims(replica) -> dict:
    return items_root(replica.doc, "claims")


def test_a_participant_cannot_do_a_moderators_work_the_host_undoes_it(map_file: Path):
    """A hostile participant writes straight into its document (no client-side check):
    accepts a proposal, edits and deletes accepted claims, deletes another's proposal,
    adds an untagged claim, forges who proposed what and switches moderation off. The
    host undoes each at once; nothing saved changes; the honest participants see it
    all undone; the participant's own proposal is still theirs to change."""
    from argmap.live import moderation

    before = map_file.read_bytes()
    said: list[str] = []

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            host.say = said.append
            async with connect(host.url, "ana") as ana, connect(host.url, "eve") as eve, \
                    connect(host.moderator_url, "mod") as mod:
                proposal = ana.apply(edit.add_reason("ia-thesis", "ana proposes")).created
                own = eve.apply(edit.add_reason("ia-thesis", "eve proposes")).created
                await until(lambda: {proposal, own} <= set(moderation.proposers(mod.doc)))
                assert moderation.proposers(mod.doc)[proposal]["by"] == "ana"
                await until(lambda: {proposal, own} <= {c.id for c in eve.map.claims})
                accepted_claim = next(a.premises[0] for a in eve.map.arguments if a.target == "ia-thesis"
                                      and not moderation.is_proposal(eve.map, a.premises[0]))
                with eve.doc.transaction():
                    _claims(eve)[proposal]["tags"] = []  # accept ana's proposal
                with eve.doc.transaction():
                    _claims(eve)[accepted_claim]["text"] = "rewritten by eve"
                with eve.doc.transaction():
                    _claims(eve)["ia-thesis"]["text"] = "the thesis, rewritten by eve"
                with eve.doc.transaction():
                    del _claims(eve)["ia-social-darwinism"]
                with eve.doc.transaction():
                    _claims(eve)["eve-untagged"] = Map({"text": "no proposal", "tags": Array([]), "evidence": Array([])})
                    order_root(eve.doc, "claims").append("eve-untagged")
                with eve.doc.transaction():
                    moderation.proposals_root(eve.doc)[proposal] = {"by": "eve", "owner": eve.owner}
                    moderation.proposals_root(eve.doc)["forged"] = {"by": "mod", "owner": "x"}
                with eve.doc.transaction():
                    del eve.doc.get("meta", type=Map)[moderation.KEY]
                await until(lambda: moderation.is_moderated(eve.doc) and moderation.is_proposal(eve.map, proposal))
                withdrawn = eve.apply(edit.add_objection("ia-thesis", "eve withdraws this")).created
                await until(lambda: withdrawn in {c.id for c in mod.map.claims})
                eve.apply(edit.edit_text(own, "eve proposes, better"))  # her own: allowed
                eve.apply(moderation.reject(withdrawn))  # her own: allowed
                await until(lambda: any(c.text == "eve proposes, better" for c in mod.map.claims))
                await until(lambda: withdrawn not in {c.id for c in mod.map.claims})
                with eve.doc.transaction():
                    del _claims(eve)[proposal]  # delete ana's proposal
                await anyio.sleep(0.5)
                for replica in (ana, eve, mod):
                    await until(lambda: replica.snapshot() == mod.snapshot())
                m = mod.map
                assert moderation.is_proposal(m, proposal) and m.claim(proposal).text == "ana proposes"
                assert m.claim(accepted_claim).text != "rewritten by eve"
                assert m.claim("ia-thesis").text.startswith("The relationship")
                assert all(c.id != "eve-untagged" for c in m.claims)
                assert any(a.premises == ["ia-social-darwinism"] for a in m.arguments)
                assert moderation.proposers(mod.doc)[proposal]["by"] == "ana"
                assert "forged" not in moderation.proposers(mod.doc)
                assert moderation.is_moderated(mod.doc)
                # the moderator's decisions land
                mod.apply(moderation.accept(proposal))
                await until(lambda: "ana proposes" in texts(map_file))

    anyio.run(scenario)
    assert sum("only a moderator may change" in line for line in said) >= 6, said
    saved = json.loads(map_file.read_text())
    original = json.loads(before)
    assert [c for c in saved["claims"] if c["text"] != "ana proposes"] == original["claims"]
    assert "eve proposes" not in map_file.read_text() and "by eve" not in map_file.read_text()
    ana_argument = [a for a in saved["arguments"] if a not in original["arguments"]]
    assert [a for a in saved["arguments"] if a not in ana_argument] == original["arguments"]
    assert len(ana_argument) == 1 and ana_argument[0]["target"] == "ia-thesis"  # ana's, accepted


def test_an_honest_participant_is_told_at_once(map_file: Path):
    from argmap.live import moderation
    from argmap.edit import EditError

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            async with connect(host.url, "ana") as ana, connect(host.url, "ben") as ben:
                proposal = ben.apply(edit.add_reason("ia-thesis", "ben proposes")).created
                await until(lambda: proposal in moderation.proposers(ana.doc))
                own = ana.apply(edit.add_reason("ia-thesis", "ana proposes")).created
                ana.apply(edit.edit_text(own, "ana proposes, at once better"))  # before the host's record came back
                await until(lambda: moderation.proposers(ben.doc).get(own, {}).get("by") == "ana")
                await until(lambda: any(c.text == "ana proposes, at once better" for c in ben.map.claims))
                for change in (moderation.accept(proposal), moderation.reject(proposal),
                               edit.edit_text("ia-thesis", "changed"), edit.edit_text(proposal, "not hers")):
                    with pytest.raises(EditError, match="only a moderator"):
                        ana.apply(change)
                assert ana.map.claim("ia-thesis").text.startswith("The relationship")
                assert moderation.is_proposal(ana.map, proposal) and ana.map.claim(proposal).text == "ben proposes"

    anyio.run(scenario)


def test_a_raw_socket_update_accepting_a_proposal_is_undone(map_file: Path):
    """The same from a bare WebSocket client with the participant's token: a crafted
    Yjs update that takes the tag off a proposal and rewrites the thesis."""
    from argmap.live import moderation

    before = map_file.read_bytes()

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            async with connect(host.url, "ana") as ana:
                proposal = ana.apply(edit.add_reason("ia-thesis", "ana proposes")).created
                await until(lambda: proposal in moderation.proposers(ana.doc))
                forged = Doc(client_id=31337)
                forged.apply_update(ana.doc.get_update())
                state = forged.get_state()
                with forged.transaction():
                    items_root(forged, "claims")[proposal]["tags"] = []
                    items_root(forged, "claims")["ia-thesis"]["text"] = "forged"
                async with raw_connect(host.url) as rogue:
                    await rogue.send(create_update_message(forged.get_update(state)))
                    await anyio.sleep(0.5)
                assert host.dropped == 0
                await until(lambda: moderation.is_proposal(ana.map, proposal))
                assert ana.map.claim("ia-thesis").text.startswith("The relationship")

    anyio.run(scenario)
    assert map_file.read_bytes() == before


def test_maps_whose_names_make_one_room_name_get_two_rooms(tmp_path: Path):
    from argmap.live.server import LiveServer, _free_room

    hosts = []
    for name in ("a b.json", "a-b.json", "a_b.json"):
        shutil.copy(MAPS / "informal-alliance.json", tmp_path / name)
        hosts.append(LiveHost(tmp_path / name, say=lambda line: None, room=_free_room(tmp_path / name, hosts)))
    assert [h.room for h in hosts] == ["a-b", "a-b-2", "a_b"]
    assert set(LiveServer(hosts, "127.0.0.1", 0).rooms) == {"/a-b", "/a-b-2", "/a_b"}


def test_a_resumed_moderated_session_keeps_both_tokens(map_file: Path):
    first = LiveHost(map_file, moderated=True, say=lambda line: None)
    first.save_now()  # journals the document (as the running host does after each burst)
    again = LiveHost(map_file, say=lambda line: None)  # restarted after a crash
    assert again.resumed and again.moderated
    assert (again.token, again.moderator_token) == (first.token, first.moderator_token)


def _state(doc: Doc) -> dict[int, int]:
    from argmap.live.dependencies import decode_state

    return decode_state(doc.get_state())


def _hanging_on_next_item_of(victim: int, seen: Doc) -> tuple[Doc, bytes]:
    """eve's document after `seen`: an item under `victim`'s client id at their next
    clock (the id guessed), then one of eve's own whose origin is that item; and eve's
    state before her own item (her update from there hangs on the guessed one)."""
    from argmap.live.document import meta_root

    forged = Doc(client_id=31337)
    forged.apply_update(seen.get_update())
    fake = Doc(client_id=victim)  # the victim's next item, as eve guesses it
    fake.apply_update(forged.get_update())
    known = fake.get_state()
    with fake.transaction():
        meta_root(fake)["title"] = "a guess"
    forged.apply_update(fake.get_update(known))
    state = forged.get_state()
    with forged.transaction():
        meta_root(forged)["title"] = "hangs on the guess"  # its origin: the guessed item
    return forged, state


@pytest.mark.parametrize("attack", ["hanging-items", "hanging-deletion"])
def test_an_update_hanging_on_the_moderators_next_edit_never_lands(map_file: Path, attack: str):
    """The gate's old gap: a crafted update whose first item hangs on the moderator's
    next item (its id guessed: the moderator's client id and next clock), so that yrs
    would keep it pending, then integrate it, unchecked, with the moderator's next edit.
    Its other items add a claim that is no proposal; the deletion variant deletes the
    moderator's next items before they exist. The host refuses it and
    disconnects the sender; the moderator's edit lands, nothing forged does."""
    from argmap.live import moderation

    said: list[str] = []

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            host.say = said.append
            async with connect(host.url, "ana") as ana, connect(host.moderator_url, "mod") as mod:
                proposal = ana.apply(edit.add_reason("ia-thesis", "ana proposes")).created
                await until(lambda: proposal in moderation.proposers(ana.doc))
                await until(lambda: proposal in {c.id for c in mod.map.claims})
                moderator, clock = mod.doc.client_id, _state(mod.doc).get(mod.doc.client_id, 0)
                if attack == "hanging-deletion":  # no items; deletes the moderator's next 100
                    update = b"\x00\x01" + _var_uint(moderator) + b"\x01" + _var_uint(clock) + _var_uint(100)
                else:
                    forged, state = _hanging_on_next_item_of(moderator, ana.doc)
                    with forged.transaction():
                        items_root(forged, "claims")["eve-forged"] = Map({"text": "forged", "tags": Array([]),
                                                                          "evidence": Array([])})
                        order_root(forged, "claims").append("eve-forged")
                    update = forged.get_update(state)
                async with raw_connect(host.url) as rogue:
                    await rogue.send(create_update_message(update))
                    await anyio.sleep(0.3)
                    own = mod.apply(edit.add_reason("ia-thesis", "the moderator adds this")).created
                    await until(lambda: own in {c.id for c in ana.map.claims})
                    await anyio.sleep(0.3)
                    await until(lambda: ana.snapshot() == mod.snapshot())
                    m = mod.map
                    assert own in {c.id for c in m.claims} and "eve-forged" not in {c.id for c in m.claims}
                    assert moderation.is_proposal(m, proposal)
                    with pytest.raises(ConnectionClosed):  # the sender was disconnected
                        with anyio.fail_after(5):
                            while True:
                                await rogue.recv()

    anyio.run(scenario)
    assert "forged" not in map_file.read_text() and "ana proposes" not in map_file.read_text()
    assert "the moderator adds this" in texts(map_file)
    assert any("hangs on changes the host does not have" in line for line in said), said


def _var_uint(n: int) -> bytes:
    out = bytearray()
    while n > 0x7F:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    out.append(n)
    return bytes(out)


def test_a_participant_whose_changes_are_undone_again_and_again_is_disconnected_and_kept_out(map_file: Path):
    """A client rewriting the thesis in a loop: after 20 undone changes in 10 s the
    host disconnects it and refuses its key for a while; an honest participant who
    had one change undone meanwhile stays connected and edits on."""
    from websockets.exceptions import InvalidStatus

    from argmap.edit import EditError
    from argmap.live import moderation

    said: list[str] = []

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            host.say = said.append
            async with connect(host.url, "ana") as ana:
                with ana.doc.transaction():  # one honest slip (an editor would have said no)
                    items_root(ana.doc, "claims")["ia-thesis"]["text"] = "ana's slip"
                await until(lambda: ana.map.claim("ia-thesis").text.startswith("The relationship"))
                forged = Doc(client_id=31337)
                forged.apply_update(ana.doc.get_update())
                rogue_url = host.url + "&name=eve&key=eves-key"
                async with raw_connect(rogue_url) as rogue:
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(10):
                            for i in range(100):
                                state = forged.get_state()
                                with forged.transaction():
                                    items_root(forged, "claims")["ia-thesis"]["text"] = f"forged {i}"
                                await rogue.send(create_update_message(forged.get_update(state)))
                                await _take_in(rogue, forged)
                with pytest.raises(InvalidStatus) as refused:
                    async with raw_connect(rogue_url):
                        pass
                assert refused.value.response.status_code == 429
                async with raw_connect(host.url + "&name=eve&key=another-key"):
                    pass  # (the key is what is kept out: a new one is let in)
                ana.apply(edit.add_reason("ia-thesis", "ana goes on"))
                await until(lambda: any(c.text == "ana goes on" for c in ana.map.claims)
                            and moderation.proposers(ana.doc))
                assert ana.online and ana.reconnects == 0
                assert ana.map.claim("ia-thesis").text.startswith("The relationship")
                with pytest.raises(EditError):
                    ana.apply(edit.edit_text("ia-thesis", "changed"))

    anyio.run(scenario)
    assert sum("eve changed what only a moderator may change" in line for line in said) == 21, said
    assert "eve had more than 20 changes undone in 10 s; kept out for 60 s: disconnected" in said, said
    assert not any("ana" in line and "disconnected" in line for line in said), said
    assert "forged" not in map_file.read_text()


async def _take_in(websocket, doc: Doc) -> None:
    """Apply what the host sent meanwhile (a hostile client that keeps up)."""
    from pycrdt import read_message

    with anyio.move_on_after(0.05):
        while True:
            message = await websocket.recv()
            if message[:1] == b"\x00" and message[1:2] in (b"\x01", b"\x02"):
                doc.apply_update(read_message(message[2:]))


def test_strikes_count_within_their_window_and_keep_out_for_a_while():
    from argmap.live.strikes import Strikes

    now = [0.0]
    strikes = Strikes(limit=3, window=10.0, keep_out=60.0, clock=lambda: now[0])
    for _ in range(20):  # one every 4 s: never more than 3 in 10 s
        assert not strikes.strike("honest")
        now[0] += 4.0
    assert [strikes.strike("eve") for _ in range(4)] == [False, False, False, True]
    assert strikes.kept_out("eve") and not strikes.kept_out("honest")
    now[0] += 59.0
    assert strikes.kept_out("eve")
    now[0] += 1.0
    assert not strikes.kept_out("eve")
    assert not strikes.strike("eve")  # a fresh count


def test_items_under_the_moderators_client_id_are_refused(map_file: Path):
    """A participant sends a proposal (allowed) made under the moderator's client id,
    at the clocks of the moderator's next edit: the host would take it for that edit
    and ignore the real one, made before eve's items reached the moderator. The host
    refuses it and disconnects the sender; the moderator's next edit lands."""
    said: list[str] = []

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            host.say = said.append
            async with connect(host.url, "ana") as ana, connect(host.moderator_url, "mod") as mod:
                mod.apply(edit.add_reason("ia-thesis", "the moderator's first"))
                await until(lambda: "the moderator's first" in texts(map_file))
                await until(lambda: ana.doc.get_state() == mod.doc.get_state())
                squatter = Replica(Doc(client_id=mod.doc.client_id))  # eve, under the moderator's id
                squatter.doc.apply_update(ana.doc.get_update())
                state = squatter.doc.get_state()
                squatter.apply(edit.add_reason("ia-thesis", "eve's proposal"))
                squatter.apply(edit.edit_tags(squatter.map.claims[-1].id, ["proposed"]))
                async with raw_connect(host.url + "&name=eve") as rogue:
                    await rogue.send(create_update_message(squatter.doc.get_update(state)))
                    await anyio.sleep(0.3)
                    mod.apply(edit.add_reason("ia-thesis", "the moderator's second"))
                    await until(lambda: "the moderator's second" in texts(map_file))
                    await until(lambda: ana.snapshot() == mod.snapshot())
                    assert all(c.text != "eve's proposal" for c in ana.map.claims)
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(5):
                            while True:
                                await rogue.recv()

    anyio.run(scenario)
    assert "eve sent an update the host refuses (it adds items under another's client id): disconnected" in said, said


async def _sync_as_an_editor(websocket, replica) -> None:
    """What an editor's Provider does on connecting: answer the host's sync request
    with what the host lacks (then take in what the host sends)."""
    from pycrdt import YSyncMessageType, handle_sync_message

    with anyio.fail_after(5):
        while True:
            message = await websocket.recv()
            if message[:2] == bytes([0, YSyncMessageType.SYNC_STEP1]):
                await websocket.send(handle_sync_message(message[1:], replica.doc))
                break
    await _take_in(websocket, replica.doc)


def test_an_honest_editor_whose_update_raced_its_sync_is_disconnected_and_loses_nothing(map_file: Path):
    """The one way an honest editor sends an update that hangs on what the host does
    not have: an edit made while offline, then another sent as it reconnects, before
    its answer to the host's sync. Played on the protocol by a bare client: the host
    refuses the update and disconnects; the editor reconnects with the same key,
    answers the sync with everything, and both edits land (its key is not kept out)."""
    from argmap.live import moderation

    said: list[str] = []

    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            host.say = said.append
            async with connect(host.moderator_url, "mod") as mod:
                ben = Replica(Doc())
                ben.receive(mod.doc.get_update())
                ben_url = host.url + "&name=ben&key=bens-key"
                async with raw_connect(ben_url) as ws:
                    await _sync_as_an_editor(ws, ben)
                    state = ben.state()
                    first = ben.apply(edit.add_reason("ia-thesis", "ben, online")).created
                    await ws.send(create_update_message(ben.update_for(state)))
                    await until(lambda: first in {c.id for c in mod.map.claims})
                offline = ben.apply(edit.add_reason("ia-thesis", "ben, offline")).created
                async with raw_connect(ben_url) as ws:
                    state = ben.state()
                    raced = ben.apply(edit.edit_text(offline, "ben, offline, then changed")).created or offline
                    await ws.send(create_update_message(ben.update_for(state)))  # before its sync answer
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(5):
                            while True:
                                await ws.recv()
                async with raw_connect(ben_url) as ws:
                    await _sync_as_an_editor(ws, ben)
                    await until(lambda: any(c.text == "ben, offline, then changed" for c in mod.map.claims))
                assert moderation.proposers(mod.doc)[raced]["by"] == "ben"
                await until(lambda: ben.snapshot() == mod.snapshot())

    anyio.run(scenario)
    assert "ben sent an update the host refuses (it hangs on changes the host does not have): disconnected" in said, said
    assert sum("disconnected" in line for line in said) == 1, said


def test_an_editor_kept_out_is_told_why(map_file: Path):
    """An editor (the real client) whose document is written to directly, past its
    checks, 21 times: the host disconnects it, refuses its reconnection (same key),
    and the editor stops trying and says why."""
    async def scenario():
        async with hosting(map_file, moderated=True) as host:
            async with connect(host.url, "eve", retry_for=5) as eve:
                for i in range(21):
                    await until(lambda: eve.map.claim("ia-thesis").text.startswith("The relationship") or not eve.online)
                    if not eve.online:
                        break
                    with eve.doc.transaction():
                        items_root(eve.doc, "claims")["ia-thesis"]["text"] = f"rewritten {i}"
                await until(lambda: eve.connection_lost.is_set())
                assert eve.refused and "too many of your changes were undone" in eve.refused, eve.refused
                assert host.token not in eve.refused

    anyio.run(scenario)
    assert "rewritten" not in map_file.read_text()


def test_the_gate_lets_a_connection_use_a_few_client_ids_only(map_file: Path):
    """An editor adds items under one client id (its document's); the host lets a
    connection key have 8 and refuses a ninth, and never the host's own."""
    from argmap.live.gate import CLIENT_IDS, Connection, NotTheirs

    host = LiveHost(map_file, moderated=True, say=lambda line: None)
    eve = Connection("eve", "eve's owner", False)

    def proposal_under(client_id: int) -> bytes:
        replica = Replica(Doc(client_id=client_id))
        replica.receive(host.doc.get_update())
        state = replica.state()
        replica.apply(edit.add_reason("ia-thesis", f"under {client_id}"))
        return replica.update_for(state)

    for client_id in range(1000, 1000 + CLIENT_IDS):
        assert host.gate.admit(proposal_under(client_id), eve) is None
    with pytest.raises(NotTheirs, match="more than 8 client ids"):
        host.gate.admit(proposal_under(2000), eve)
    with pytest.raises(NotTheirs, match="another's client id"):
        host.gate.admit(proposal_under(host.doc.client_id), Connection("ana", "ana's owner", False))
    assert host.gate.admit(proposal_under(3000), Connection("ana", "ana's owner", False)) is None
    texts_now = {c.text for c in host.reader.read().map.claims}
    assert "under 1000" in texts_now and "under 3000" in texts_now and "under 2000" not in texts_now


def test_items_under_another_participants_client_id_are_refused_in_an_unmoderated_room(map_file: Path):
    """In a room without moderation, eve (who has the token) sends a reason made under
    ana's client id, at the clocks of ana's next edit: the host would take it for that
    edit and ignore the real one, and ana's and ben's copies would differ (ana's edit
    lost). The host refuses it and disconnects eve; ana's next edit reaches ben and
    the file, and all copies agree."""
    said: list[str] = []

    async def scenario():
        async with hosting(map_file) as host:
            host.say = said.append
            async with connect(host.url, "ana") as ana, connect(host.url, "ben") as ben:
                ana.apply(edit.add_reason("ia-thesis", "ana's first"))
                await until(lambda: "ana's first" in texts(map_file))
                await until(lambda: ana.doc.get_state() == ben.doc.get_state() == host.doc.get_state())
                squatter = Replica(Doc(client_id=ana.doc.client_id))  # eve, under ana's id
                squatter.doc.apply_update(ben.doc.get_update())
                state = squatter.doc.get_state()
                squatter.apply(edit.add_reason("ia-thesis", "eve's, as ana"))
                async with raw_connect(host.url + "&name=eve") as rogue:
                    await rogue.send(create_update_message(squatter.doc.get_update(state)))
                    await anyio.sleep(0.3)
                    ana.apply(edit.add_reason("ia-thesis", "ana's second"))
                    await until(lambda: "ana's second" in texts(map_file), timeout=5)
                    await until(lambda: ana.snapshot() == ben.snapshot(), timeout=5)
                    assert all(c.text != "eve's, as ana" for c in ben.map.claims)
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(5):
                            while True:
                                await rogue.recv()
                assert ana.online and ben.online and ana.reconnects == ben.reconnects == 0

    anyio.run(scenario)
    assert "eve sent an update the host refuses (it adds items under another's client id): disconnected" in said, said
    assert "eve's, as ana" not in map_file.read_text()


def test_an_update_hanging_on_a_participants_next_edit_is_refused_in_an_unmoderated_room(map_file: Path):
    """Without moderation too, an update that hangs on ana's next item (guessed) is
    refused and its sender disconnected, instead of staying pending in yrs and
    landing, unchecked, with ana's next edit."""

    said: list[str] = []

    async def scenario():
        async with hosting(map_file) as host:
            host.say = said.append
            async with connect(host.url, "ana") as ana:
                forged, state = _hanging_on_next_item_of(ana.doc.client_id, ana.doc)
                async with raw_connect(host.url + "&name=eve") as rogue:
                    await rogue.send(create_update_message(forged.get_update(state)))
                    with pytest.raises(ConnectionClosed):
                        with anyio.fail_after(5):
                            while True:
                                await rogue.recv()
                ana.apply(edit.add_reason("ia-thesis", "ana adds this"))
                await until(lambda: "ana adds this" in texts(map_file))
                assert "hangs on the guess" not in map_file.read_text()

    anyio.run(scenario)
    assert "eve sent an update the host refuses (it hangs on changes the host does not have): disconnected" in said, said


def test_the_journal_keeps_who_owns_which_client_id_and_a_resumed_host_goes_on_refusing(map_file: Path):
    """A participant's client id is journalled as soon as their editor speaks for it
    (presence, before any edit); a host resumed from that journal refuses another's
    items under it, takes the owner's, and lets a sync answer bring what the host
    had itself written before the crash, and the owner's edits the crash lost until
    the owner speaks again."""
    from argmap.live import journal
    from argmap.live.gate import HOST, Connection, NotTheirs
    from argmap.live.moderation import owner_of

    path = journal.journal_path(map_file)

    async def scenario():
        async with hosting(map_file) as host:
            async with connect(host.url, "ana") as ana:
                await until(lambda: (found := journal.read(map_file)) is not None
                            and found.owners.get(ana.doc.client_id) == ana.owner)
                return ana.doc.client_id, ana.owner, path.read_bytes(), host.doc.client_id

    ana_id, ana_owner, at_crash, old_host_id = anyio.run(scenario)
    path.write_bytes(at_crash)  # (the session ended: its journal back, as a crash leaves it)
    assert journal.read(map_file).owners == {ana_id: ana_owner, old_host_id: HOST}
    again = LiveHost(map_file, say=lambda line: None)  # restarted after a crash
    assert again.resumed and again.gate.owners[ana_id] == ana_owner
    assert again.gate.owners[old_host_id] == HOST and again.doc.client_id != old_host_id

    def reason_under(client_id: int, text: str) -> bytes:
        replica = Replica(Doc(client_id=client_id))
        replica.receive(again.doc.get_update())
        state = replica.state()
        replica.apply(edit.add_reason("ia-thesis", text))
        return replica.update_for(state)

    with pytest.raises(NotTheirs, match="another's client id"):
        again.gate.admit(reason_under(ana_id, "eve's, as ana"), Connection("eve", owner_of("eve's key"), False))
    # until ana is back, ben's sync answer may bring her edit the crash lost (ben's copy has it)
    ben = Connection("ben", owner_of("ben's key"), False)
    assert again.gate.admit(reason_under(ana_id, "ana's, lost in the crash"), ben, in_sync=True) is None
    again.gate.claim([ana_id], ana_owner)  # ana's editor speaks again (presence)
    with pytest.raises(NotTheirs, match="another's client id"):  # now only ana brings her items
        again.gate.admit(reason_under(ana_id, "eve's, as ana"), Connection("eve", owner_of("eve's key"), False),
                         in_sync=True)
    assert again.gate.admit(reason_under(ana_id, "ana's"), Connection("ana", ana_owner, False)) is None
    lost = reason_under(old_host_id, "the host's, lost in the crash")  # ben's copy has it
    assert again.gate.admit(lost, Connection("ben", owner_of("ben's key"), False), in_sync=True) is None
    with pytest.raises(NotTheirs, match="another's client id"):  # ...but nobody edits under it
        again.gate.admit(reason_under(old_host_id, "eve's, as the host"),
                         Connection("eve", owner_of("eve's key"), False))
    texts_now = {c.text for c in again.reader.read().map.claims}
    assert {"ana's", "ana's, lost in the crash", "the host's, lost in the crash"} <= texts_now
    assert "eve's, as ana" not in texts_now


def test_a_journal_of_before_client_id_owners_is_still_read(map_file: Path):
    from argmap.live import journal

    LiveHost(map_file, say=lambda line: None).save_now()
    path = journal.journal_path(map_file)
    raw = json.loads(path.read_text())
    del raw["owners"]
    path.write_text(json.dumps(raw))
    again = LiveHost(map_file, say=lambda line: None)
    assert again.resumed and set(again.gate.owners) == {again.doc.client_id}
