"""The shared map (argmap/live): edits as Yjs transactions, merges of concurrent
edits, and the rules that make every merged state a valid map (materialize.py).

Replicas here exchange real Yjs updates by hand (no network): the server tests do
the same over WebSockets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycrdt import Doc, Map

from argmap import edit
from argmap.edit import EditError
from argmap.live.document import items_root, order_root, write_map
from argmap.live.materialize import BrokenDocument, materialize, read_map, read_raw
from argmap.live.replica import Replica, repair
from argmap.model import ArgumentMap, integrity_problems
from argmap.store import dumps, load_map, new_map_document

from tests.conftest import MAPS as MAPS_DIR


def sync(*replicas: Replica) -> None:
    """Bring every replica up to date with every other (real Yjs updates)."""
    for r in replicas:
        for s in replicas:
            if r is not s:
                r.receive(s.update_for(r.state()))


def session(m: ArgumentMap, n: int = 2) -> tuple[Replica, list[Replica]]:
    """A host replica holding `m` and n participants that joined it."""
    host = Replica(Doc(client_id=1))
    write_map(host.doc, m)
    # fixed Yjs client ids: a merge's tie-breaks, and so each run, are the same
    people = [Replica(Doc(client_id=100 + i)) for i in range(n)]
    for p in people:
        p.receive(host.update_for())
    return host, people


def small_map() -> ArgumentMap:
    m = new_map_document("Cities should ban cars from their centres.", title="cars")
    r = Replica(Doc(client_id=2))
    write_map(r.doc, m)
    r.apply(edit.add_reason("thesis", "Cars are loud."))
    r.apply(edit.add_objection("thesis", "Shops need deliveries."))
    return r.map


def test_every_bundled_map_survives_the_round_trip_through_the_document():
    for path in sorted(MAPS_DIR.glob("*.json")):
        if path.name.endswith(".compare.json"):
            continue
        m = load_map(path).document
        doc = Doc()
        write_map(doc, m)
        assert dumps(read_map(doc)) == dumps(m), path.name


def test_two_people_adding_reasons_to_one_claim_both_land():
    host, (a, b) = session(small_map())
    a.apply(edit.add_reason("thesis", "Air gets cleaner."))
    b.apply(edit.add_reason("thesis", "Streets get safer."))
    sync(host, a, b)
    texts = [c.text for c in host.map.claims]
    assert "Air gets cleaner." in texts and "Streets get safer." in texts
    assert a.snapshot() == b.snapshot() == host.snapshot()
    # each new claim has its own id and its own argument on the thesis
    new = [c.id for c in host.map.claims if c.text in ("Air gets cleaner.", "Streets get safer.")]
    assert len(set(new)) == 2
    assert {a.premises[0] for a in host.map.arguments if a.target == "thesis"} >= set(new)


def test_two_co_premises_added_at_once_both_join_the_argument():
    host, (a, b) = session(small_map())
    arg = next(x for x in host.map.arguments if x.polarity == "support").id
    a.apply(edit.add_co_premise(arg, "Noise harms health."))
    b.apply(edit.add_co_premise(arg, "Most noise is traffic."))
    sync(host, a, b)
    premises = next(x for x in host.map.arguments if x.id == arg).premises
    assert len(premises) == 3
    assert a.snapshot() == b.snapshot()


def _claim_id(r: Replica, text: str) -> str:
    return next(c.id for c in r.map.claims if c.text == text)


def test_deleting_a_claim_someone_is_editing_deletes_it():
    """Delete wins over a concurrent edit of the same claim (README: Live seminar)."""
    host, (a, b) = session(small_map())
    cid = _claim_id(a, "Cars are loud.")
    a.apply(edit.delete_claim(cid))
    b.apply(edit.edit_text(cid, "Cars are very loud."))
    b.apply(edit.edit_tags(cid, ["noise"]))
    sync(host, a, b)
    repair(host.reader, None)
    sync(host, a, b)
    assert all(c.id != cid for c in host.map.claims)
    assert a.snapshot() == b.snapshot() == host.snapshot()
    assert not materialize(read_raw(host.doc)).repairs


def test_a_reason_added_under_a_claim_deleted_meanwhile_stays_as_an_unconnected_claim():
    host, (a, b) = session(small_map())
    cid = _claim_id(a, "Cars are loud.")
    a.apply(edit.delete_claim(cid))
    b.apply(edit.add_reason(cid, "Engines roar at night."))
    sync(a, b)  # before the host has repaired anything, both already agree
    assert a.snapshot() == b.snapshot()
    assert "Engines roar at night." in [c.text for c in a.map.claims]
    new = _claim_id(a, "Engines roar at night.")
    assert not any(new in x.premises for x in a.map.arguments)
    assert not integrity_problems(a.map)
    # the host writes the drop back: the dangling argument leaves the document
    sync(host, a, b)
    repair(host.reader, None)
    sync(host, a, b)
    assert not materialize(read_raw(a.doc)).repairs
    assert a.snapshot() == host.snapshot()


def test_two_people_moving_one_argument_leaves_it_in_one_place():
    host, (a, b) = session(small_map())
    loud = _claim_id(a, "Cars are loud.")
    shops = _claim_id(a, "Shops need deliveries.")
    a.apply(edit.add_objection(loud, "Electric cars are quiet."))
    sync(host, a, b)
    arg = next(x.id for x in a.map.arguments if x.target == loud)
    a.apply(edit.reorder_argument(next(x.id for x in a.map.arguments if x.target == "thesis"), +1))
    b.apply(edit.move_argument(arg, shops))
    a.apply(edit.move_argument(arg, "thesis"))
    sync(host, a, b)
    assert a.snapshot() == b.snapshot() == host.snapshot()
    assert sum(x.id == arg for x in a.map.arguments) == 1
    repair(host.reader, None)
    sync(host, a, b)
    assert sum(x == arg for x in order_root(b.doc, "arguments").to_py()) == 1


def test_undo_takes_back_only_ones_own_change():
    host, (a, b) = session(small_map())
    a.apply(edit.add_reason("thesis", "Mine."))
    b.apply(edit.add_reason("thesis", "Theirs."))
    sync(host, a, b)
    assert a.undo() == "add reason"
    sync(host, a, b)
    texts = [c.text for c in b.map.claims]
    assert "Mine." not in texts and "Theirs." in texts
    assert a.redo() == "add reason"
    sync(host, a, b)
    assert "Mine." in [c.text for c in b.map.claims]


def test_the_host_puts_back_a_thesis_a_client_deleted():
    m = small_map()
    host, (a,) = session(m, 1)
    assert a.map.thesis == "thesis"
    items_root(a.doc, "claims").pop("thesis")  # only a hostile client can do this
    sync(host, a)
    with pytest.raises(BrokenDocument):
        read_map(host.doc)
    assert a.map.thesis == "thesis"  # the replica keeps showing the last map it read
    repaired = repair(host.reader, m)
    assert repaired is not None and repaired.claim("thesis").text == m.claim("thesis").text
    sync(host, a)
    assert read_map(a.doc).thesis == "thesis"


def test_items_with_invalid_fields_are_dropped_not_fatal():
    m = small_map()
    host, (a,) = session(m, 1)
    claims = items_root(a.doc, "claims")
    with a.doc.transaction():
        claims["x1"] = Map({"text": 5})  # text must be a string
        claims["x2"] = "not an item"
        order_root(a.doc, "claims").extend(["x1", "x2", "ghost", "thesis"])
    sync(host, a)
    assert [c.id for c in read_map(host.doc).claims] == [c.id for c in m.claims]
    repair(host.reader, m)
    sync(host, a)
    raw = read_raw(a.doc)
    assert "x1" not in raw.items["claims"] and raw.order["claims"] == [c.id for c in m.claims]


# ---------------------------------------------------------------- property test

OPS = (
    "reason", "objection", "undercut", "co-premise", "text", "tags", "note", "evidence",
    "delete-claim", "delete-argument", "move", "reorder-argument", "reorder-premise",
    "undo", "redo", "sync-one", "sync-all", "repair",
)  # fmt: skip


def _pick(draw, items: list):
    return items[draw(st.integers(0, len(items) - 1))] if items else None


def _change(draw, op: str, m: ArgumentMap):
    claims = [c.id for c in m.claims]
    arguments = [a.id for a in m.arguments]
    claim, argument = _pick(draw, claims), _pick(draw, arguments)
    text = draw(st.sampled_from(["A.", "B b.", "Ça va?", "", "  spaced  "]))
    if op == "reason":
        return edit.add_reason(claim, text)
    if op == "objection":
        return edit.add_objection(claim, text)
    if argument is None:
        return None
    if op == "undercut":
        return edit.add_undercut(argument, text)
    if op == "co-premise":
        return edit.add_co_premise(argument, text)
    if op == "text":
        return edit.edit_text(claim, text or "x")
    if op == "tags":
        return edit.edit_tags(claim, draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True)))
    if op == "note":
        return edit.edit_note(claim, text)
    if op == "evidence":
        index = draw(st.sampled_from([None, 0, 1]))
        return edit.edit_evidence(claim, index, draw(st.sampled_from(["", "who2021", "oecd"])), quote=text)
    if op == "delete-claim":
        return edit.delete_claim(claim)
    if op == "delete-argument":
        return edit.delete_argument(argument)
    if op == "move":
        return edit.move_argument(argument, _pick(draw, claims + arguments))
    if op == "reorder-argument":
        return edit.reorder_argument(argument, draw(st.sampled_from([-1, 1])))
    premises = next(a.premises for a in m.arguments if a.id == argument)
    return edit.reorder_premise(argument, _pick(draw, premises), draw(st.sampled_from([-1, 1])))


@settings(max_examples=int(__import__("os").environ.get("LIVE_EXAMPLES", 60)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_concurrent_edits_on_two_replicas_converge_to_one_valid_map(data):
    draw = data.draw
    host, people = session(small_map(), 2)
    everyone = [host, *people]
    for _ in range(draw(st.integers(5, 40))):
        op = draw(st.sampled_from(OPS))
        who = draw(st.sampled_from(people))
        if op == "sync-one":
            other = draw(st.sampled_from(everyone))
            who.receive(other.update_for(who.state()))
        elif op == "sync-all":
            sync(*everyone)
        elif op == "repair":
            repair(host.reader, None)
        elif op == "undo":
            who.undo()
        elif op == "redo":
            who.redo()
        else:
            change = _change(draw, op, who.map)
            if change is None:
                continue
            try:
                who.apply(change)
            except EditError:
                continue
            # what the replica shows after its own edit is what its document says
            assert who.snapshot() == dumps(read_map(who.doc))
    sync(*everyone)
    assert people[0].snapshot() == people[1].snapshot() == host.snapshot()
    # reading only what changed (MapReader) gives what reading everything gives
    assert all(r.snapshot() == dumps(read_map(r.doc)) for r in everyone)
    m = people[0].map
    assert not integrity_problems(m)
    ArgumentMap.model_validate_json(dumps(m))
    # after the host's repair the document itself says what everyone shows
    repair(host.reader, None)
    sync(*everyone)
    assert people[0].snapshot() == people[1].snapshot() == host.snapshot() == dumps(m)
    assert not materialize(read_raw(people[1].doc)).repairs


def test_the_line_client_never_prints_control_characters_others_typed():
    from argmap.live.lines import outline

    host, (a,) = session(small_map(), 1)
    a.apply(edit.add_reason("thesis", "evil \x1b]0;owned\x07 \x9b2J \u202eelbisivni cars 🚗 café"))
    text = "\n".join(outline(a.map))
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\x07" not in text
    assert "🚗 café" in text and "\ufffd]0;owned" in text
