"""argmap diff on two versions of a comparison (.compare.json): links and fields."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.compare_diff import diff_comparisons
from argmap.cli import cli
from argmap.model import Comparison

BASE = {
    "schema_version": 2,
    "title": "Cars: two councils",
    "left": "north.json",
    "right": "south.json",
    "links": [
        {"left": "t", "right": "t", "kind": "contradicts"},
        {"left": "c1", "right": "c7", "kind": "same", "note": "Both cite the road report."},
        {"left": "c1", "right": "c7", "kind": "shared-evidence"},
        {"left": "c2", "right": "c8", "kind": "same"},
    ],
}


def version() -> dict:
    return copy.deepcopy(BASE)


def diff(new: dict):
    return diff_comparisons(Comparison.model_validate(BASE), Comparison.model_validate(new))


def test_identical_is_no_difference():
    d = diff(version())
    assert d.empty and not d.links_changed


def test_added_removed_and_note_changed():
    new = version()
    new["links"][1]["note"] = "Same claim, reworded."
    del new["links"][3]
    new["links"].append({"left": "c3", "right": "c9", "kind": "contradicts"})
    d = diff(new)
    assert [(x.left, x.right, x.kind) for x in d.links_added] == [("c3", "c9", "contradicts")]
    assert [(x.left, x.right, x.kind) for x in d.links_removed] == [("c2", "c8", "same")]
    assert [(c.left, c.right, c.kind, c.field, c.old, c.new) for c in d.links_changed] == [
        ("c1", "c7", "same", "note", "Both cite the road report.", "Same claim, reworded.")]
    # the pair also has a shared-evidence link: the line names which link's note changed
    from argmap.analysis.compare_diff import format_text
    assert '~ link same: c1 -> c7: note "Both cite the road report." -> "Same claim, reworded."' in format_text(d, "a", "b")


def test_one_link_swapped_for_another_kind_is_a_kind_change():
    new = version()
    new["links"][3]["kind"] = "contradicts"
    d = diff(new)
    assert not d.links_added and not d.links_removed
    assert [(c.left, c.right, c.field, c.old, c.new) for c in d.links_changed] == [("c2", "c8", "kind", "same", "contradicts")]


def test_a_pair_keeping_one_of_two_links_is_a_removal():
    new = version()
    del new["links"][2]  # c1 -> c7 keeps `same`, loses `shared-evidence`
    d = diff(new)
    assert [(x.left, x.right, x.kind) for x in d.links_removed] == [("c1", "c7", "shared-evidence")]
    assert not d.links_changed and not d.links_added


def test_fields_changed():
    new = version()
    new["right"] = "south-2025.json"
    new["description"] = "After the 2025 elections."
    d = diff(new)
    assert [(f.field, f.old, f.new) for f in d.fields] == [
        ("description", "", "After the 2025 elections."), ("right", "south.json", "south-2025.json")]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    new = version()
    new["links"][3]["kind"] = "contradicts"
    new["links"].append({"left": "c3", "right": "c9", "kind": "same", "note": "Shops *and* trams"})
    new["title"] = "Cars: two councils, revised"
    old_path, new_path = tmp_path / "old.compare.json", tmp_path / "new.compare.json"
    old_path.write_text(json.dumps(BASE), encoding="utf-8")
    new_path.write_text(json.dumps(new), encoding="utf-8")
    return old_path, new_path


def run(*args: str):
    return CliRunner().invoke(cli, ["diff", *args])


def test_command_text_json_markdown(tmp_path: Path):
    old, new = _files(tmp_path)
    r = run(str(old), str(new))
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        f"--- {old}",
        f"+++ {new}",
        "links: 1 added, 1 changed; comparison: title changed",
        '+ link same: c3 -> c9 ("Shops *and* trams")',
        '~ link c2 -> c8: kind "same" -> "contradicts"',
        '~ comparison title: "Cars: two councils" -> "Cars: two councils, revised"',
    ]
    data = json.loads(run(str(old), str(new), "--format", "json").output)
    assert data["summary"] == {"links_added": 1, "links_removed": 0, "links_changed": 1, "comparison_fields_changed": 1}
    assert data["links"]["changed"] == [{"left": "c2", "right": "c8", "kind": "contradicts", "field": "kind", "old": "same", "new": "contradicts"}]
    md = run(str(old), str(new), "--format", "markdown").output
    assert "## Links" in md and "- **added** link same: `c3` -> `c9` (\"Shops \\*and\\* trams\")" in md
    assert run(str(old), str(old)).exit_code == 0


def test_command_refuses_a_map_against_a_comparison(tmp_path: Path):
    old, _new = _files(tmp_path)
    r = run(str(old), str(tmp_path / "north.json"))
    assert r.exit_code == 2
    assert "give two maps or two comparisons" in r.output and "Traceback" not in r.output


def test_command_bad_comparison_is_a_clear_error(tmp_path: Path):
    old, new = _files(tmp_path)
    new.write_text('{"schema_version": 2, "left": "a.json", "right": "b.json", "links": [{"left": "x", "right": "y", "kind": "similar"}]}',
                   encoding="utf-8")
    r = run(str(old), str(new))
    assert r.exit_code == 2
    assert f"{new}: links[0].kind:" in r.output and "Traceback" not in r.output


# ---------------------------------------------------------------- property

_ids = st.sampled_from(["a", "b", "c"])
_links = st.lists(
    st.fixed_dictionaries({"left": _ids, "right": _ids, "kind": st.sampled_from(["same", "contradicts", "shared-evidence"]),
                           "note": st.sampled_from([None, "n1", "n2"])}),
    max_size=8,
).map(lambda links: list({(x["left"], x["right"], x["kind"]): x for x in links}.values()))  # unique as the format requires


def _apply(old: Comparison, d) -> set[tuple]:
    """Rebuild the new version's links from the old ones and the diff."""
    links = {(x.left, x.right, x.kind): x.note for x in old.links}
    for x in d.links_removed:
        del links[(x.left, x.right, x.kind)]
    for ch in [ch for ch in d.links_changed if ch.field == "kind"]:
        (key,) = [k for k in links if k[:2] == (ch.left, ch.right) and k[2] == ch.old]
        links[(ch.left, ch.right, ch.new)] = links.pop(key)
    for ch in [ch for ch in d.links_changed if ch.field == "note"]:
        assert links[(ch.left, ch.right, ch.kind)] == ch.old
        links[(ch.left, ch.right, ch.kind)] = ch.new
    for x in d.links_added:
        links[(x.left, x.right, x.kind)] = x.note
    return {(*k, note) for k, note in links.items()}


@settings(max_examples=300, deadline=None)
@given(_links, _links)
def test_the_diff_turns_the_old_links_into_the_new(old_links, new_links):
    old = Comparison.model_validate({**BASE, "links": old_links})
    new = Comparison.model_validate({**BASE, "links": new_links})
    d = diff_comparisons(old, new)
    assert _apply(old, d) == {(x.left, x.right, x.kind, x.note) for x in new.links}
    assert d.empty == ({(x.left, x.right, x.kind, x.note) for x in old.links} == {(x.left, x.right, x.kind, x.note) for x in new.links})
