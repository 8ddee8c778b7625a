"""Merging comparisons (links by left, right and kind) and the text git shows."""

from __future__ import annotations

from argmap.analysis.merge_comparison import merge_comparisons
from argmap.analysis.merge_resolve import resolve
from argmap.analysis.merge_text import comparison_lines, map_lines
from argmap.model import ArgumentMap, Comparison


def comparison(*links, **fields) -> Comparison:
    return Comparison.model_validate({"schema_version": 2, "left": "a.json", "right": "b.json", **fields,
                                      "links": [dict(zip(("left", "right", "kind", "note"), x)) for x in links]})


def test_links_added_on_both_sides_and_removed_on_one_combine():
    base = comparison(("x", "y", "same"), ("p", "q", "contradicts"))
    ours = comparison(("x", "y", "same"), ("p", "q", "contradicts"), ("m", "n", "same"))
    theirs = comparison(("x", "y", "same"), ("k", "l", "shared-evidence"))
    merged = merge_comparisons(base, ours, theirs)
    assert merged.conflicts == []
    assert [(x.left, x.right) for x in merged.links] == [("x", "y"), ("m", "n"), ("k", "l")]


def test_notes_changed_on_both_sides_and_deleted_against_changed_are_conflicts():
    base = comparison(("x", "y", "same", "old"), ("p", "q", "contradicts", "old"), title="T")
    ours = comparison(("x", "y", "same", "ours"), title="Ours")
    theirs = comparison(("x", "y", "same", "theirs"), ("p", "q", "contradicts", "changed"), title="Theirs")
    merged = merge_comparisons(base, ours, theirs)
    assert [(c.kind, c.id) for c in merged.conflicts] == [("comparison", None), ("link", "x y same"), ("link", "p q contradicts")]
    assert merged.title == "Ours" and [x.note for x in merged.links] == ["ours", "changed"]
    done = merged
    for choice in ("theirs", "theirs", "ours"):
        done = resolve(done, 0, choice)
    assert done.conflicts == [] and done.title == "Theirs"
    assert [(x.left, x.note) for x in done.links] == [("x", "theirs")]


def test_text_for_git_is_one_line_per_item(tiny_map_dict):
    m = ArgumentMap.model_validate(tiny_map_dict)
    lines = map_lines(m)
    assert "claim r1: Reason one." in lines and "argument a1: r1 + r2 supports t" in lines
    assert "claim r1 evidence s1 (p. 1): one" in lines and "source s1: A. Author (2024) An essay" in lines
    assert comparison_lines(comparison(("x", "y", "same", "a\\nnote"))) [-1] == "link x same y: a\\nnote"


def test_follow_renames_moves_theirs_links_and_copies_shared_ones():
    from argmap.analysis.merge_follow import follow_renames

    now = comparison(("c7", "y", "same"), ("c7", "z", "same"), ("k", "y", "same"))
    ours = comparison(("c7", "y", "same"), ("k", "y", "same"))
    theirs = comparison(("c7", "y", "same"), ("c7", "z", "same"))
    followed, moved = follow_renames(now, ours, theirs, {"c7": "c8"}, {})
    assert moved == 2
    assert [(x.left, x.right) for x in followed.links] == [("c7", "y"), ("c8", "y"), ("c8", "z"), ("k", "y")]
