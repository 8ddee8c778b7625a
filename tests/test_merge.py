"""Three-way structural merge of maps: the cases of issue 16, one by one, through the
edit API (the edits a person makes in the editor), and resolving what conflicts."""

from __future__ import annotations

import pytest

from argmap import edit
from argmap.analysis.merge import merge_maps
from argmap.analysis.merge_core import merge_order, merge_set_list
from argmap.analysis.merge_resolve import ResolveError, can_take_both, resolve
from argmap.model import ArgumentMap, integrity_problems
from argmap.store import dumps


@pytest.fixture
def base(tiny_map_dict) -> ArgumentMap:
    return ArgumentMap.model_validate(tiny_map_dict)


def edited(m: ArgumentMap, *changes) -> ArgumentMap:
    copy = m.model_copy(deep=True)
    history = edit.History(copy)
    for change in changes:
        history.apply(change)
    return copy


def claim(m: ArgumentMap, cid: str):
    return next((c for c in m.claims if c.id == cid), None)


def argument(m: ArgumentMap, aid: str):
    return next((a for a in m.arguments if a.id == aid), None)


def test_independent_changes_combine(base):
    ours = edited(base, edit.edit_text("r1", "Reason one, reworded."))
    theirs = edited(base, edit.add_objection("r1", "A new objection."))
    r = merge_maps(base, ours, theirs)
    assert r.conflicts == [] and r.renamed == {}
    assert claim(r.map, "r1").text == "Reason one, reworded."
    new = [a for a in r.map.arguments if a.target == "r1" and a.polarity == "attack"]
    assert [claim(r.map, a.premises[0]).text for a in new] == ["A new objection."]


def test_same_change_on_both_sides_is_taken_once(base):
    change = lambda: edit.add_reason("t", "The same reason.")  # noqa: E731
    ours, theirs = edited(base, change()), edited(base, change())
    r = merge_maps(base, ours, theirs)
    assert r.conflicts == [] and r.renamed == {}
    assert dumps(r.map) == dumps(ours)


def test_ids_created_on_both_sides_are_renamed_on_theirs(base):
    ours = edited(base, edit.add_reason("t", "Ours."))
    theirs = edited(base, edit.add_reason("t", "Theirs."), edit.add_objection("t", "Theirs objects."))
    new_ours = {c.id for c in ours.claims} - {c.id for c in base.claims}
    r = merge_maps(base, ours, theirs)
    assert r.conflicts == []
    assert set(r.renamed) & new_ours  # the colliding ids
    texts = {c.text: c.id for c in r.map.claims}
    assert {"Ours.", "Theirs.", "Theirs objects."} <= set(texts)
    assert claim(r.map, next(iter(new_ours))).text == "Ours."
    # theirs' argument follows its claim's new id
    theirs_reason = next(a for a in r.map.arguments if texts["Theirs."] in a.premises)
    assert theirs_reason.target == "t" and theirs_reason.polarity == "support"
    assert len({a.id for a in r.map.arguments}) == len(base.arguments) + 3


def test_both_reword_one_claim_is_a_conflict_with_both_versions(base):
    ours = edited(base, edit.edit_text("r1", "Ours says."), edit.edit_note("r1", "a note"))
    theirs = edited(base, edit.edit_text("r1", "Theirs says."))
    r = merge_maps(base, ours, theirs)
    [c] = r.conflicts
    assert (c.kind, c.id, c.fields) == ("claim", "r1", ["text"])
    assert c.ours["text"] == "Ours says." and c.theirs["text"] == "Theirs says."
    assert c.theirs["note"] == "a note"  # theirs' candidate keeps ours' other change
    assert claim(r.map, "r1").text == "Ours says."  # provisional: ours
    taken = resolve(r.map, 0, "theirs")
    assert taken.conflicts == [] and claim(taken, "r1").text == "Theirs says." and claim(taken, "r1").note == "a note"
    assert claim(r.map, "r1").text == "Ours says."  # resolve leaves its input alone


def test_argument_whose_premise_the_other_side_deleted_is_a_conflict(base):
    ours = edited(base, edit.delete_claim("o1"))  # the objection and what hangs on it go
    theirs = edited(base, edit.add_objection("o1", "Against the objection, again."))
    r = merge_maps(base, ours, theirs)
    assert integrity_problems(r.map) == []
    kinds = {(c.kind, c.id): c for c in r.conflicts}
    assert ("claim", "o1") in kinds and kinds[("claim", "o1")].ours is None
    assert ("argument", "a2") in kinds  # the objection argument o1 was the premise of
    # taking ours (the deletion) removes o1 with its arguments, and ends the other conflict
    m = r.map
    while m.conflicts:
        m = resolve(m, 0, "ours")
    assert claim(m, "o1") is None and integrity_problems(m) == []
    assert not any(c.text == "Against the objection, again." for c in m.claims)
    # taking theirs keeps everything
    m = r.map
    while m.conflicts:
        m = resolve(m, 0, "theirs")
    assert claim(m, "o1") is not None and any(c.text == "Against the objection, again." for c in m.claims)


def test_delete_against_edit(base):
    ours = edited(base, edit.delete_argument("a4"))  # the undercut
    theirs = edited(base, edit.edit_text("u1", "Undercutter, sharpened."))
    r = merge_maps(base, ours, theirs)
    [c] = [c for c in r.conflicts if c.id == "u1"]
    assert c.ours is None and c.theirs["text"] == "Undercutter, sharpened."
    assert "ours deleted it" in c.reason


def test_premises_and_tags_merge_as_sets(base):
    ours = edited(base, edit.add_co_premise("a1", "Third premise."), edit.edit_tags("r1", ["x", "y"]))
    theirs = edited(base, edit.delete_claim("r2", from_argument="a1"), edit.edit_tags("r1", ["y", "z"]))
    r = merge_maps(base, ours, theirs)
    assert r.conflicts == []
    a1 = argument(r.map, "a1")
    assert "r2" not in a1.premises and "r1" in a1.premises and len(a1.premises) == 2
    assert claim(r.map, "r1").tags == ["x", "y", "z"]


def test_arguments_whose_merged_fields_clash_keep_ours(base, tiny_map_dict):
    ours = edited(base, edit.move_argument("a3", "r1"))  # b1 now objects to r1
    tiny_map_dict["arguments"][2]["premises"] = ["b1", "r1"]  # theirs adds r1 as a co-premise
    theirs = ArgumentMap.model_validate(tiny_map_dict)
    r = merge_maps(base, ours, theirs)
    assert integrity_problems(r.map) == []
    [c] = r.conflicts
    assert (c.kind, c.id, c.fields) == ("argument", "a3", ["premises", "target"])
    assert "its target r1 would be one of its premises" in c.reason
    assert argument(r.map, "a3") == argument(ours, "a3")
    assert argument(resolve(r.map, 0, "theirs"), "a3") == argument(theirs, "a3")


def test_map_fields_and_timestamps(base):
    ours = base.model_copy(update={"title": "Ours", "modified": "2026-01-02T00:00:00Z", "authors": ["A"]})
    theirs = base.model_copy(update={"title": "Theirs", "modified": "2026-01-03T00:00:00Z", "authors": ["B"]})
    r = merge_maps(base, ours, theirs)
    [c] = r.conflicts
    assert (c.kind, c.fields, c.ours, c.theirs) == ("map", ["title"], {"title": "Ours"}, {"title": "Theirs"})
    assert r.map.modified == "2026-01-03T00:00:00Z" and r.map.authors == ["A", "B"]
    assert not can_take_both(c)
    with pytest.raises(ResolveError):
        resolve(r.map, 0, "both")
    assert resolve(r.map, 0, "theirs").title == "Theirs"


def test_both_keeps_both_notes_and_tags(base):
    ours = edited(base, edit.edit_note("r1", "Ours note."))
    theirs = edited(base, edit.edit_note("r1", "Theirs note."))
    r = merge_maps(base, ours, theirs)
    [c] = r.conflicts
    assert can_take_both(c)
    assert claim(resolve(r.map, 0, "both"), "r1").note == "Ours note.\n\nTheirs note."


def test_edit_resolution_and_bad_choices(base):
    ours = edited(base, edit.edit_text("r1", "Ours says."))
    theirs = edited(base, edit.edit_text("r1", "Theirs says."))
    m = merge_maps(base, ours, theirs).map
    done = resolve(m, 0, "edit", {"id": "r1", "text": "Both say, in other words."})
    assert claim(done, "r1").text == "Both say, in other words." and done.conflicts == []
    for bad in (lambda: resolve(m, 3, "ours"), lambda: resolve(m, 0, "mine"),
                lambda: resolve(m, 0, "edit", {"id": "other", "text": "x"}), lambda: resolve(m, 0, "edit", {"text": 3})):
        with pytest.raises(ResolveError):
            bad()


def test_source_deleted_while_cited(base):
    ours = edited(base, edit.edit_evidence("r1", 0, ""))
    ours.sources = []  # ours drops the source with its only quote
    theirs = edited(base, edit.edit_evidence("r2", None, "s1", "another quote"))
    r = merge_maps(base, ours, theirs)
    [c] = r.conflicts
    assert (c.kind, c.id, c.ours) == ("source", "s1", None)
    assert claim(r.map, "r1").evidence == [] and claim(r.map, "r2").evidence[0].quote == "another quote"
    gone = resolve(r.map, 0, "ours")
    assert gone.sources == [] and claim(gone, "r2").evidence == []


def test_order_follows_ours_with_theirs_additions_in_place():
    assert merge_order(list("abc"), list("abxc"), list("aybc"), set("abcxy")) == list("aybxc")
    assert merge_order(list("abc"), list("abc"), list("cab"), set("abc")) == list("cab")  # only theirs reordered
    assert merge_order(list("ab"), list("abx"), list("aby"), set("abxy")) == list("abxy")  # ours' additions first
    assert merge_set_list([1, 2, 3], [1, 3, 4], [2, 3, 5]) == [3, 4, 5]


def test_merge_command_exit_codes_and_output(tmp_path, base):
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=tmp_path, capture_output=True, text=True)

    files = {"base": base, "ours": edited(base, edit.edit_text("r1", "Ours.")),
             "theirs": edited(base, edit.edit_text("r2", "Theirs."))}
    for name, m in files.items():
        (tmp_path / f"{name}.json").write_bytes(dumps(m))
    clean = run("merge", "base.json", "ours.json", "theirs.json")
    assert clean.returncode == 0 and "merged cleanly" in clean.stderr
    merged = ArgumentMap.model_validate_json(clean.stdout)
    assert (claim(merged, "r1").text, claim(merged, "r2").text) == ("Ours.", "Theirs.")
    (tmp_path / "theirs.json").write_bytes(dumps(edited(base, edit.edit_text("r1", "Theirs."))))
    conflicted = run("merge", "base.json", "ours.json", "theirs.json", "-o", "out.json")
    assert conflicted.returncode == 1 and "1. claim r1: both sides changed text" in conflicted.stderr
    assert ArgumentMap.model_validate_json((tmp_path / "out.json").read_bytes()).conflicts
    (tmp_path / "bad.json").write_text("{")
    bad = run("merge", "base.json", "bad.json", "theirs.json")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "bad.json:1:2" in bad.stderr


def test_a_thesis_one_side_chose_and_the_other_deleted_is_disputed(base):
    ours = edited(base, edit.delete_claim("o1"))
    theirs = base.model_copy(update={"thesis": "o1"})
    r = merge_maps(base, ours, theirs)
    assert [(c.kind, c.fields) for c in r.conflicts][:2] == [("map", ["thesis"]), ("claim", [])]
    assert r.map.thesis == "t" and "theirs made o1 the thesis" in r.conflicts[0].reason
    for choice, thesis, kept in (("ours", "t", False), ("theirs", "o1", True)):
        m = r.map
        while m.conflicts:
            m = resolve(m, 0, choice)
        assert m.thesis == thesis and (claim(m, "o1") is not None) == kept


def test_a_refused_choice_changes_nothing_and_all_falls_back(base, tiny_map_dict):
    from argmap.analysis.merge_resolve import resolve_all
    from argmap.model import Conflict

    thesis = {"id": "t", "text": "Thesis."}
    m = base.model_copy(update={"conflicts": [
        Conflict(kind="claim", id="t", reason="made up", base=thesis, ours=thesis, theirs=None),
        Conflict(kind="argument", id="a1", reason="made up", ours=tiny_map_dict["arguments"][0],
                 theirs={**tiny_map_dict["arguments"][0], "premises": ["r1", "nowhere"]}, fields=["premises"]),
    ]})
    for i in (0, 1):
        with pytest.raises(ResolveError):
            resolve(m, i, "theirs")  # the thesis cannot go; a premise that does not exist
    done = resolve_all(m, "theirs")
    assert done.conflicts == [] and dumps(done) == dumps(base)


def test_an_answer_to_a_critical_question_the_other_side_deleted_comes_back(base):
    """Ours marks a1's `trust` question answered by the undercut a4; theirs deletes a4:
    the merge keeps a4 (a conflict to resolve), so the answer does not dangle."""
    ours = edited(base, edit.set_scheme("a1", "expert-opinion"), edit.set_question("a1", "trust", "answered", by="a4"))
    theirs = edited(base, edit.delete_argument("a4"))
    r = merge_maps(base, ours, theirs)
    assert integrity_problems(r.map) == []
    assert argument(r.map, "a4") is not None
    conflict = next(c for c in r.conflicts if (c.kind, c.id) == ("argument", "a4"))
    assert "answers a critical question of argument a1" in conflict.reason
    m = r.map
    while m.conflicts:
        m = resolve(m, 0, "theirs")  # the deletion: the question is open again
    assert argument(m, "a4") is None and integrity_problems(m) == []
