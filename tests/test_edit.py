"""Editing operations and undo/redo (argmap.edit): every operation keeps the map
valid, undo restores the exact bytes, redo reproduces the change."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import edit
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap, integrity_problems
from argmap.store import dumps


@pytest.fixture
def m(tiny_map_dict) -> ArgumentMap:
    return ArgumentMap.model_validate(tiny_map_dict)


def roundtrip(m: ArgumentMap, change: edit.Change) -> edit.Change:
    """Apply, check validity, undo (exact bytes), redo (same bytes as the do)."""
    h = edit.History(m)
    before = dumps(m)
    h.apply(change)
    assert integrity_problems(m) == []
    ArgumentMap.model_validate_json(dumps(m))  # still a valid document
    after = dumps(m)
    assert h.dirty
    h.undo()
    assert dumps(m) == before
    h.redo()
    assert dumps(m) == after
    return change


def test_add_reason_creates_claim_and_support(m):
    ch = roundtrip(m, edit.add_reason("t", "  New reason. "))
    c = m.claim(ch.created)
    assert c.text == "New reason."
    a = m.arguments[-1]
    assert (a.premises, a.polarity, a.target) == ([c.id], "support", "t")
    assert MapIndex.build(m).role(a) == "reason"


def test_new_ids_do_not_collide(m):
    h = edit.History(m)
    ids = {h.apply(edit.add_reason("t", f"r{i}")).created for i in range(5)}
    assert len(ids) == 5
    assert not ids & {"t", "r1", "r2", "o1", "b1", "u1"}


def test_add_objection_on_objection_is_rebuttal(m):
    ch = roundtrip(m, edit.add_objection("o1", "Against the objection."))
    a = m.arguments[-1]
    assert a.polarity == "attack" and a.target == "o1" and a.premises == [ch.created]
    assert MapIndex.build(m).role(a) == "rebuttal"


def test_add_co_premise_links_after_selected(m):
    ch = roundtrip(m, edit.add_co_premise("a1", "Middle.", after="r1"))
    assert m.arguments[0].premises == ["r1", ch.created, "r2"]


def test_add_undercut(m):
    ch = roundtrip(m, edit.add_undercut("a2", "The inference fails."))
    a = m.arguments[-1]
    assert a.target == "a2" and a.polarity == "attack" and a.premises == [ch.created]
    assert MapIndex.build(m).is_undercut(a)


def test_add_undercut_needs_argument(m):
    with pytest.raises(edit.EditError):
        edit.History(m).apply(edit.add_undercut("t", "x"))
    assert integrity_problems(m) == [] and len(m.claims) == 6


@pytest.mark.parametrize(
    "change, check",
    [
        (edit.edit_text("r1", "Reworded [b]not markup[/x]"), lambda m: m.claim("r1").text == "Reworded [b]not markup[/x]"),
        (edit.edit_title("r1", "Short"), lambda m: m.claim("r1").title == "Short"),
        (edit.edit_tags("r1", edit.parse_tags("#econ, trade  econ")), lambda m: m.claim("r1").tags == ["econ", "trade"]),
        (edit.edit_note("o1", " check this "), lambda m: m.claim("o1").note == "check this"),
        (edit.edit_note("o1", "  "), lambda m: m.claim("o1").note is None),
    ],
)
def test_field_edits(m, change, check):
    roundtrip(m, change)
    assert check(m)


def test_edit_evidence_replace_append_remove_and_new_source(m):
    roundtrip(m, edit.edit_evidence("r1", 0, "s1", "a quote", "p. 9"))
    assert m.claim("r1").evidence[0].locator == "p. 9"
    roundtrip(m, edit.edit_evidence("r2", None, "s2", "new", "", source_title="Another"))
    assert m.claim("r2").evidence[0].source == "s2"
    assert m.sources[-1].id == "s2" and m.sources[-1].title == "Another"
    roundtrip(m, edit.edit_evidence("r1", 0, ""))
    assert m.claim("r1").evidence == []
    with pytest.raises(edit.EditError):
        edit.History(m).apply(edit.edit_evidence("r1", None, "bad id!"))


def test_delete_leaf_objection_removes_argument(m):
    roundtrip(m, edit.delete_claim("b1", "a3"))
    assert "b1" not in {c.id for c in m.claims}
    assert "a3" not in {a.id for a in m.arguments}


def test_delete_with_subtree(m):
    roundtrip(m, edit.delete_claim("o1", "a2"))
    ids = {c.id for c in m.claims}
    assert "o1" not in ids and "b1" not in ids
    assert {a.id for a in m.arguments} == {"a1", "a4"}


def test_delete_co_premise_keeps_argument(m):
    roundtrip(m, edit.delete_claim("r2", "a1"))
    assert m.arguments[0].premises == ["r1"]


def test_delete_last_premise_removes_argument_and_undercuts(m):
    h = edit.History(m)
    h.apply(edit.delete_claim("r2", "a1"))
    roundtrip(m, edit.delete_claim("r1", "a1"))
    assert {a.id for a in m.arguments} == {"a2", "a3"}
    assert "u1" not in {c.id for c in m.claims}  # undercutter went with its target


def test_delete_shared_claim_only_where_shown(m):
    h = edit.History(m)
    h.apply(edit.Change("share", lambda mm, ch: ch.step(edit._Insert("arguments", len(mm.arguments), edit.Argument(id="a9", premises=["b1"], polarity="support", target="t")))))
    roundtrip(m, edit.delete_claim("b1", "a3"))
    assert "b1" in {c.id for c in m.claims}  # still used by a9
    assert "a3" not in {a.id for a in m.arguments}


def test_delete_thesis_refused(m):
    with pytest.raises(edit.EditError):
        edit.History(m).apply(edit.delete_claim("t"))


def test_delete_argument(m):
    roundtrip(m, edit.delete_argument("a1"))
    assert {c.id for c in m.claims} == {"t", "o1", "b1"}


def test_move_subtree(m):
    roundtrip(m, edit.move_argument("a3", "r1"))
    assert m.arguments[-1].id == "a3" and m.arguments[-1].target == "r1"


def test_move_into_own_subtree_refused(m):
    with pytest.raises(edit.EditError):
        edit.History(m).apply(edit.move_argument("a2", "b1"))
    with pytest.raises(edit.EditError):
        edit.History(m).apply(edit.move_argument("a1", "a2"))  # support onto an argument
    assert integrity_problems(m) == []


def test_reorder_siblings(m):
    ch = roundtrip(m, edit.reorder_argument("a2", -1))
    assert [a.id for a in m.arguments][:2] == ["a2", "a1"]
    assert ch.focus == "a2"
    h = edit.History(m)
    h.apply(edit.reorder_argument("a2", -1))  # already first: no-op
    assert [a.id for a in m.arguments][:2] == ["a2", "a1"]
    roundtrip(m, edit.reorder_premise("a1", "r2", -1))
    assert m.claim("t") and next(a for a in m.arguments if a.id == "a1").premises == ["r2", "r1"]


def test_undo_redo_stacks(m):
    h = edit.History(m)
    original = dumps(m)
    h.apply(edit.add_reason("t", "one"))
    h.apply(edit.add_objection("t", "two"))
    h.apply(edit.edit_text("t", "changed"))
    assert h.undo().label == "edit text"
    assert h.undo().label == "add objection"
    h.apply(edit.edit_note("t", "note"))  # a new change clears the redo stack
    assert not h.can_redo
    h.undo()
    h.undo()
    assert dumps(m) == original and h.undo() is None
    h.mark_saved()
    assert not h.dirty


def test_failed_change_leaves_map_untouched(m):
    before = dumps(m)
    h = edit.History(m)

    def bad(mm, ch):
        ch.step(edit._Insert("claims", 0, edit.Claim(id="zz", text="x")))
        raise edit.EditError("boom")

    with pytest.raises(edit.EditError):
        h.apply(edit.Change("bad", bad))
    assert dumps(m) == before and not h.can_undo


def _random_change(m: ArgumentMap, rng: random.Random) -> edit.Change:
    claims = [c.id for c in m.claims]
    args = [a.id for a in m.arguments]
    kind = rng.randrange(9)
    if kind == 0:
        return edit.add_reason(rng.choice(claims), "r")
    if kind == 1:
        return edit.add_objection(rng.choice(claims), "o")
    if kind == 2 and args:
        return edit.add_co_premise(rng.choice(args), "c")
    if kind == 3 and args:
        return edit.add_undercut(rng.choice(args), "u")
    if kind == 4:
        return edit.edit_text(rng.choice(claims), "changed")
    if kind == 5 and len(claims) > 1:
        a = rng.choice(m.arguments) if args else None
        if a:
            return edit.delete_claim(rng.choice(a.premises), a.id)
    if kind == 6 and args:
        return edit.move_argument(rng.choice(args), rng.choice(claims + args))
    if kind == 7 and args:
        return edit.reorder_argument(rng.choice(args), rng.choice((-1, 1)))
    return edit.edit_tags(rng.choice(claims), ["x"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), steps=st.integers(1, 25))
def test_random_edit_sequences_stay_valid_and_undo_fully(tiny_map_dict, seed, steps):
    m = ArgumentMap.model_validate(tiny_map_dict)
    rng = random.Random(seed)
    h = edit.History(m)
    snapshots = [dumps(m)]
    for _ in range(steps):
        try:
            h.apply(_random_change(m, rng))
        except edit.EditError:
            assert dumps(m) == snapshots[-1]
            continue
        assert integrity_problems(m) == [], integrity_problems(m)
        snapshots.append(dumps(m))
    for expected in reversed(snapshots[:-1]):
        h.undo()
        assert dumps(m) == expected
    for expected in snapshots[1:]:
        h.redo()
        assert dumps(m) == expected


def test_edit_module_does_not_import_textual():
    import subprocess
    import sys

    code = "import argmap.edit, sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_dirty_follows_the_saved_version_through_undo_and_redo(m):
    h = edit.History(m)
    assert not h.dirty
    h.apply(edit.add_reason("t", "one"))
    assert h.dirty
    h.undo()
    assert not h.dirty, "undoing every change returns to the version on disk"
    h.redo()
    h.mark_saved()
    h.apply(edit.edit_text("t", "changed"))
    assert h.dirty
    h.undo()
    assert not h.dirty, "back at the version saved last"
    h.undo()
    assert h.dirty, "before the saved version"
    h.redo()
    assert not h.dirty
    h.undo()
    h.apply(edit.edit_note("t", "note"))  # discards the saved version from the redo stack
    h.undo()
    assert h.dirty, "the saved version can no longer be reached"
    h.mark_saved()
    assert not h.dirty


def test_history_of_an_unsaved_version_starts_dirty(m):
    h = edit.History(m, saved=False)  # e.g. recovered from a journal
    assert h.dirty
    h.apply(edit.add_reason("t", "one"))
    h.undo()
    assert h.dirty


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.sampled_from([30, 120]), pick=st.integers(0, 10_000), claim=st.booleans())
def test_a_delete_leaves_no_claim_that_only_hung_on_what_went(seed, size, pick, claim):
    from benchmarks.generate import generate

    m = generate(size, seed)
    used_before = {p for a in m.arguments for p in a.premises}
    if claim:
        target = m.claims[pick % len(m.claims)].id
        change = edit.delete_claim(target)
        if target == m.thesis:
            with pytest.raises(edit.EditError):
                edit.History(m).apply(change)
            return
    else:
        change = edit.delete_argument(m.arguments[pick % len(m.arguments)].id)
    before = dumps(m)
    h = edit.History(m)
    h.apply(change)
    assert integrity_problems(m) == []
    used_after = {p for a in m.arguments for p in a.premises}
    left = {c.id for c in m.claims}
    stranded = (used_before - used_after) & left - {m.thesis}
    assert not stranded, f"claims left that nothing uses any more: {sorted(stranded)[:5]}"
    h.undo()
    assert dumps(m) == before


def test_a_new_id_never_reuses_one_freed_below_the_highest():
    """Merging takes equal ids for one item: a new claim given a deleted claim's id
    would inherit another branch's objection to the old one."""
    from argmap.edit import new_id
    from argmap.model import ArgumentMap

    m = ArgumentMap.model_validate({"schema_version": 2, "thesis": "c1", "claims": [
        {"id": "c1", "text": "T."}, {"id": "c7", "text": "A."}, {"id": "x", "text": "B."}]})
    assert new_id(m, "c") == "c8"  # not c4 (the count + 1), which may have been deleted
    assert new_id(m, "a") == "a1"
