"""Properties of the three-way merge on generated maps edited through the edit API."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import maps

from argmap import edit
from argmap.analysis.merge import merge_maps
from argmap.analysis.merge_resolve import resolve
from argmap.analysis.merge_core import key_of
from argmap.model import ArgumentMap, integrity_problems, item_dict
from argmap.store import dumps

words = st.sampled_from(["", "yes", "no", "maybe so", "Cars are loud.", "x"])
OPS = ("reason", "objection", "undercut", "co-premise", "text", "note", "tags", "evidence",
       "delete-claim", "delete-argument", "move", "title", "thesis")


@st.composite
def edit_scripts(draw, ops=OPS, max_size=6):
    return draw(st.lists(st.tuples(st.sampled_from(ops), st.integers(0, 99), st.integers(0, 99), words), max_size=max_size))


def apply(m: ArgumentMap, script) -> ArgumentMap:
    """A copy of `m` with the scripted edits made (an edit that makes no sense there is skipped)."""
    m = m.model_copy(deep=True)
    history = edit.History(m)
    for op, i, j, word in script:
        claims, arguments = [c.id for c in m.claims], [a.id for a in m.arguments]
        c, other = claims[i % len(claims)], claims[j % len(claims)]
        if op in ("title", "thesis"):  # map fields (the editor's map details)
            m.title, m.thesis = (word, m.thesis) if op == "title" else (m.title, other)
            continue
        a = arguments[i % len(arguments)] if arguments else None
        change = {
            "reason": lambda: edit.add_reason(c, word),
            "objection": lambda: edit.add_objection(c, word),
            "undercut": lambda: a and edit.add_undercut(a, word),
            "co-premise": lambda: a and edit.add_co_premise(a, word),
            "text": lambda: edit.edit_text(c, word + str(j)),
            "note": lambda: edit.edit_note(c, word),
            "tags": lambda: edit.edit_tags(c, edit.parse_tags(word)),
            "evidence": lambda: edit.edit_evidence(c, None, f"s{j % 3}", word),
            "delete-claim": lambda: edit.delete_claim(c),
            "delete-argument": lambda: a and edit.delete_argument(a),
            "move": lambda: a and edit.move_argument(a, other),
        }[op]()
        if change:
            try:
                history.apply(change)
            except edit.EditError:
                pass
    return m


def valid(m: ArgumentMap) -> None:
    assert integrity_problems(m) == []
    again = ArgumentMap.model_validate_json(dumps(m))
    assert dumps(again) == dumps(m)


def shape(m: ArgumentMap) -> Counter:
    """The map without its ids and its order: what each claim says, and each argument
    as its premises' and target's contents (commutativity holds up to renaming)."""
    def content(c) -> str:
        d = item_dict(c)
        del d["id"]
        for name in ("tags", "evidence"):
            d[name] = sorted(key_of(v) for v in d.get(name, []))
        return key_of(d)

    claims = {c.id: content(c) for c in m.claims}
    args = {a.id: a for a in m.arguments}

    def node(n, depth=0):
        if n in claims:
            return ("claim", claims[n])
        a = args[n]
        return ("argument", tuple(sorted(claims[p] for p in a.premises)), a.polarity, node(a.target, depth + 1))

    out = Counter(("claim", x) for x in claims.values())
    out.update(node(a) for a in args)
    out.update([("thesis", claims[m.thesis]), ("map", m.title, tuple(sorted(m.authors)), m.description)])
    out.update(("source", key_of(item_dict(s))) for s in m.sources)
    return out


@given(maps(), edit_scripts())
@settings(max_examples=150, deadline=None)
def test_merging_with_an_unchanged_side_gives_the_changed_side(base, script):
    x = apply(base, script)
    for r in (merge_maps(base, x, base), merge_maps(base, base, x), merge_maps(base, x, x)):
        assert r.conflicts == [] and r.renamed == {}
        assert dumps(r.map) == dumps(x)


@given(maps(), edit_scripts(), edit_scripts())
@settings(max_examples=300, deadline=None)
def test_result_always_valid_and_nothing_lost(base, script_x, script_y):
    x, y = apply(base, script_x), apply(base, script_y)
    r = merge_maps(base, x, y)
    valid(r.map)
    ids = {i.id for i in (*r.map.claims, *r.map.arguments, *r.map.sources)}
    base_items = {i.id: i for i in (*base.claims, *base.arguments, *base.sources)}
    for side, other, rename in ((x, y, {}), (y, x, r.renamed)):
        other_ids = {i.id for i in (*other.claims, *other.arguments, *other.sources)}
        for item in (*side.claims, *side.arguments, *side.sources):
            deleted_by_other = item.id in base_items and item.id not in other_ids and base_items[item.id] == item
            assert deleted_by_other or rename.get(item.id, item.id) in ids, item.id


@given(maps(), edit_scripts(), edit_scripts())
@settings(max_examples=300, deadline=None)
def test_merge_is_commutative_up_to_renaming(base, script_x, script_y):
    x, y = apply(base, script_x), apply(base, script_y)
    xy, yx = merge_maps(base, x, y), merge_maps(base, y, x)
    assert len(xy.conflicts) == len(yx.conflicts)
    assert sorted((c.kind, c.fields) for c in xy.conflicts) == sorted((c.kind, c.fields) for c in yx.conflicts)
    if not xy.conflicts:
        assert shape(xy.map) == shape(yx.map)


ADDITIONS = ("reason", "objection", "undercut")
REWORDINGS = ("text", "note")


@given(maps(), edit_scripts(ADDITIONS), edit_scripts(REWORDINGS))
@settings(max_examples=150, deadline=None)
def test_additions_and_rewordings_combine(base, script_x, script_y):
    x, y = apply(base, script_x), apply(base, script_y)
    r = merge_maps(base, x, y)
    assert r.conflicts == []
    texts = Counter((c.text, c.note) for c in r.map.claims)
    added = Counter((c.text, c.note) for c in x.claims) - Counter((c.text, c.note) for c in base.claims)
    reworded = Counter((c.text, c.note) for c in y.claims)
    assert not added - texts and not reworded - texts
    assert len(r.map.claims) == len(x.claims) and len(r.map.arguments) == len(x.arguments)


@given(maps(), edit_scripts(), edit_scripts(), st.sampled_from(["ours", "theirs", "both"]))
@settings(max_examples=200, deadline=None)
def test_resolving_every_conflict_leaves_a_valid_map_without_conflicts(base, script_x, script_y, choice):
    m = merge_maps(base, apply(base, script_x), apply(base, script_y)).map
    while m.conflicts:
        from argmap.analysis.merge_resolve import can_take_both

        pick = choice if choice != "both" or can_take_both(m.conflicts[0]) else "theirs"
        before = len(m.conflicts)
        m = resolve(m, 0, pick)
        assert len(m.conflicts) < before
        valid(m)


def test_taking_the_side_that_deleted_the_new_thesis_takes_its_thesis_too():
    """Found by the property above: ours makes c3 the thesis, theirs deletes c3. Both
    the claim and the thesis are conflicts; deciding the claim first for theirs used to
    be refused (it would delete the thesis) although theirs' thesis is c0."""
    base = ArgumentMap.model_validate({"schema_version": 2, "thesis": "c0", "claims": [
        {"id": f"c{i}", "text": f"Claim {i}."} for i in range(4)]})
    ours = apply(base, [("thesis", 0, 3, "")])
    theirs = apply(base, [("delete-claim", 3, 0, "")])
    m = merge_maps(base, ours, theirs).map
    assert sorted(c.kind for c in m.conflicts) == ["claim", "map"]
    first = next(i for i, c in enumerate(m.conflicts) if c.kind == "claim")
    m = resolve(m, first, "theirs")
    valid(m)
    assert m.thesis == "c0" and "c3" not in {c.id for c in m.claims} and not m.conflicts
