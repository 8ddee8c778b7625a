"""Map and comparison -> DOT: pure text, tested as text (no Graphviz needed)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.model import ArgumentMap, Comparison
from argmap.render import THEMES, comparison_to_dot, map_to_dot
from argmap.render.text import html_lines, shorten, wrap
from benchmarks.generate import generate
from tests.conftest import MAPS


@pytest.fixture
def tiny(tiny_map_dict) -> ArgumentMap:
    return ArgumentMap.model_validate(tiny_map_dict)


def other_map() -> ArgumentMap:
    return ArgumentMap.model_validate(
        {
            "schema_version": 2,
            "title": "Keep cars",
            "thesis": "k",
            "sources": [{"id": "s9", "authors": ["D. Driver"], "year": 2023, "title": "In defence of the car"}],
            "claims": [
                {"id": "k", "text": "Cities should keep cars."},
                {"id": "k1", "text": "Shops need drivers.", "evidence": [{"source": "s9", "quote": "q", "locator": "p. 4"}]},
                {"id": "k2", "text": "Old people need cars."},
                {"id": "k3", "text": "Electric cars are clean."},
            ],
            "arguments": [
                {"id": "b1", "premises": ["k1"], "polarity": "support", "target": "k"},
                {"id": "b2", "premises": ["k2"], "polarity": "support", "target": "k"},
                {"id": "b3", "premises": ["k3"], "polarity": "support", "target": "k2"},
            ],
        }
    )


def links() -> Comparison:
    return Comparison.model_validate(
        {
            "schema_version": 2,
            "title": "Ban or keep",
            "left": "a.json",
            "right": "b.json",
            "links": [
                {"left": "t", "right": "k", "kind": "contradicts"},
                {"left": "o1", "right": "k1", "kind": "same"},
                {"left": "r1", "right": "k1", "kind": "shared-evidence"},
            ],
        }
    )


def drawn(dot: str) -> str:
    """The DOT without its tooltips: what the diagram draws (the tooltips repeat
    the text for screen readers)."""
    return re.sub(r' tooltip="(?:[^"\\]|\\.)*"', "", dot)


def statements(dot: str) -> list[str]:
    return [line for line in dot.splitlines() if line and not line.startswith(("digraph", "graph ", "node ", "edge ", "}", "subgraph", "{rank", "rank="))]


# ---------------------------------------------------------------- text


@given(st.text(alphabet="ab \t\n\r\u00e9\u05d0\U0001f642", max_size=80), st.integers(min_value=1, max_value=15))
def test_wrap_keeps_every_word_and_respects_the_width(text, width):
    lines = wrap(text, width)
    assert all(0 < len(line) <= width for line in lines)
    assert all(line == " ".join(line.split()) for line in lines)
    # Nothing lost but whitespace: joining the lines gives the words back.
    assert "".join(lines).replace(" ", "") == "".join(text.split())


def test_wrap_zero_means_no_wrapping_and_newlines_break_lines():
    assert wrap("a  b\tc\r\nd\re", 0) == ["a b c", "d", "e"]
    assert wrap("x" * 10, 4) == ["xxxx", "xxxx", "xx"]
    assert wrap("ab verylongword cd", 5) == ["ab", "veryl", "ongwo", "rd cd"]


def test_html_lines_escapes_everything_and_replaces_what_xml_cannot_carry():
    out = html_lines('<b>&"\'\\ \x00\x1b \ud800', 0)
    assert out == "&lt;b&gt;&amp;&quot;&#x27;\\\\ \ufffd\ufffd \ufffd"  # backslash doubled for Graphviz
    assert html_lines("one\ntwo", 40) == "one<br/>two"


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("short text", 40) == "short text"
    assert shorten("one two three four five", 12) == "one two\u2026"
    assert len(shorten("x" * 100, 10)) == 10


# ---------------------------------------------------------------- one map


def test_same_map_same_bytes(tiny):
    first = map_to_dot(tiny)
    assert map_to_dot(tiny) == first
    assert map_to_dot(ArgumentMap.model_validate(tiny.model_dump())) == first
    big = generate(300, seed=5)
    assert map_to_dot(big) == map_to_dot(generate(300, seed=5))


def test_node_names_are_synthetic(tiny):
    dot = map_to_dot(tiny)
    for line in statements(dot):
        name = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)", line)
        assert name, line
        assert re.fullmatch(r"n\d+|legend|sources", name.group(1)), line
        for endpoint in re.findall(r"(?:^|-> )([^ \[]+)", line):
            assert re.fullmatch(r"n\d+(:(i|p\d+))?(:[nsew])?|legend|sources", endpoint), line


def test_roles_have_a_word_and_a_line_style_besides_colour(tiny):
    dot = map_to_dot(tiny)
    for word in ("THESIS", "REASON", "OBJECTION", "REBUTTAL", "UNDERCUT"):
        assert word in dot
    edges = [line for line in dot.splitlines() if " -> " in line and "invis" not in line]
    styles = {re.search(r"style=(\w+)", e).group(1) for e in edges}
    assert {"solid", "dashed"} <= styles
    assert any("penwidth=3.2" in e for e in edges)  # rebuttals: bold


def test_linked_premises_are_one_box_and_convergent_arguments_separate(tiny):
    dot = map_to_dot(tiny)
    a1 = next(line for line in dot.splitlines() if re.match(r"n\d+ \[label=", line) and "Reason one." in line)
    assert 'port="p0"' in a1 and 'port="p1"' in a1 and "Co-premise." in a1
    assert "Objection." not in a1


def test_undercut_points_at_the_inference_not_at_a_claim(tiny):
    dot = map_to_dot(tiny)
    names = {}
    for line in dot.splitlines():
        m = re.match(r"^(n\d+) \[label=", line)
        if m:
            for text in ("Reason one.", "Undercutter."):
                if text in line:
                    names[text] = m.group(1)
    attacked, undercut = names["Reason one."], names["Undercutter."]
    edge = next(line for line in dot.splitlines() if line.startswith(f"{attacked}:i -> {undercut}:i"))
    assert "constraint=false" in edge and "style=dashed" in edge


def test_evidence_is_a_numbered_marker_with_a_source_list_not_the_quote(tiny_map_dict):
    tiny_map_dict["claims"][1]["evidence"][0]["quote"] = "a long verbatim quote that must not crowd the box"
    dot = map_to_dot(ArgumentMap.model_validate(tiny_map_dict))
    assert "<b>[1]</b>" in dot
    sources = next(line for line in dot.splitlines() if line.startswith("sources "))
    assert "A. Author (2024). An essay, p. 1" in sources
    assert "verbatim quote" not in dot


def test_legend_shows_only_what_the_map_uses():
    m = ArgumentMap.model_validate(
        {"schema_version": 2, "thesis": "t", "claims": [{"id": "t", "text": "T"}, {"id": "c", "text": "C"}],
         "arguments": [{"id": "a", "premises": ["c"], "polarity": "support", "target": "t"}]}
    )
    legend = next(line for line in map_to_dot(m).splitlines() if line.startswith("legend "))
    assert "REASON" in legend and "OBJECTION" not in legend and "UNDERCUT" not in legend


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_renders(tiny, theme):
    assert "REASON" in map_to_dot(tiny, theme=theme)


def test_greyscale_theme_uses_only_greys(tiny):
    dot = map_to_dot(tiny, theme="greyscale")
    for color in re.findall(r"#([0-9A-Fa-f]{6})", dot):
        r, g, b = color[0:2], color[2:4], color[4:6]
        assert r.lower() == g.lower() == b.lower(), color


def test_unknown_theme_is_a_clear_error(tiny):
    from argmap.errors import ArgmapError

    with pytest.raises(ArgmapError, match="unknown theme 'neon'"):
        map_to_dot(tiny, theme="neon")


def test_wrap_width_is_applied(tiny_map_dict):
    tiny_map_dict["claims"][0]["text"] = "word " * 30
    dot10 = map_to_dot(ArgumentMap.model_validate(tiny_map_dict), wrap=10)
    dot0 = map_to_dot(ArgumentMap.model_validate(tiny_map_dict), wrap=0)
    assert "word word<br/>word word" in dot10
    assert "word " * 29 + "word" in dot0


def test_leaf_arguments_stack_in_a_column_when_a_row_would_be_wide():
    m = ArgumentMap.model_validate(
        {"schema_version": 2, "thesis": "t",
         "claims": [{"id": "t", "text": "T"}] + [{"id": f"c{i}", "text": f"C{i}"} for i in range(4)],
         "arguments": [{"id": f"a{i}", "premises": [f"c{i}"], "polarity": "support", "target": "t"} for i in range(4)]}
    )
    dot = map_to_dot(m)
    assert dot.count("[style=invis weight=8]") == 3
    assert dot.count("group=n1]") == 4


def test_short_detail_shows_titles(tiny_map_dict):
    tiny_map_dict["claims"][1]["title"] = "Danger"
    full = drawn(map_to_dot(ArgumentMap.model_validate(tiny_map_dict)))
    short = drawn(map_to_dot(ArgumentMap.model_validate(tiny_map_dict), detail="short"))
    assert "Reason one." in full and "Danger" in full
    assert "Reason one." not in short and "<b>Danger</b>" in short


def test_cycles_and_unconnected_claims_are_drawn_once_each():
    m = ArgumentMap.model_validate(
        {"schema_version": 2, "thesis": "t",
         "claims": [{"id": i, "text": f"Claim-{i.upper()}"} for i in ("t", "x", "y", "z")],
         "arguments": [
             {"id": "a", "premises": ["x"], "polarity": "support", "target": "y"},
             {"id": "b", "premises": ["y"], "polarity": "support", "target": "x"},
         ]}
    )
    dot = drawn(map_to_dot(m))
    assert "NOT CONNECTED TO THE THESIS" in dot
    for text in ("Claim-T", "Claim-Z"):
        assert dot.count(text) == 1
    # x and y each appear once in full (and may be repeated in italics elsewhere)
    assert "REASON" in dot


# ---------------------------------------------------------------- comparison


@pytest.mark.parametrize("layout", ["outline", "trees"])
def test_comparison_clusters_links_and_legend(tiny, layout):
    dot = comparison_to_dot(links(), tiny, other_map(), layout=layout)
    assert dot == comparison_to_dot(links(), tiny, other_map(), layout=layout)
    assert "subgraph cluster_l {" in dot and "subgraph cluster_r {" in dot
    assert "LEFT" in dot and "RIGHT" in dot
    assert "evidence on 20% of claims" in dot  # 1 of 5 claims besides the thesis (left)
    assert "3 cross-map links: 1 same, 1 contradicts, 1 shared evidence" in dot
    link_lines = [line for line in dot.splitlines() if re.match(r"^[lr]\S* -> [lr]", line) and "constraint=false" in line]
    kinds = {
        "same": [line for line in link_lines if ":invis:" in line],
        "contradicts": [line for line in link_lines if "arrowhead=tee" in line],
        "shared": [line for line in link_lines if "style=dotted" in line],
    }
    assert all(len(v) == 1 for v in kinds.values()), link_lines
    for word in ("SAME", "CONTRADICTS", "SHARED-EVIDENCE"):
        assert word in dot


def test_focus_leaves_out_what_leads_to_no_link(tiny):
    c = Comparison.model_validate(
        {"schema_version": 2, "left": "a.json", "right": "b.json", "links": [{"left": "o1", "right": "k3", "kind": "same"}]}
    )
    focus = drawn(comparison_to_dot(c, tiny, other_map()))
    everything = drawn(comparison_to_dot(c, tiny, other_map(), detail="short"))
    assert "Reason one." not in focus and "Reason one." in everything
    assert "Electric cars are clean." in focus and "Old people need cars." in focus  # the path up to the thesis
    assert "Shops need drivers." not in focus
    assert "(+1 reason)" in focus  # under the right thesis


def test_two_maps_without_a_comparison_have_no_links(tiny):
    dot = comparison_to_dot(None, tiny, other_map())
    assert "constraint=false" not in dot.split("subgraph cluster_r", 1)[1].split("}", 1)[1]
    assert "Tiny \u2194 Keep cars" in dot
    assert "Reason one." in dot  # no links: nothing to focus on, every claim


def test_comparison_footnotes_continue_from_left_to_right(tiny):
    dot = comparison_to_dot(None, tiny, other_map(), layout="trees", detail="full")
    assert "A. Author (2024). An essay, p. 1" in dot
    assert "[2]</font></td><td" in dot and "D. Driver (2023). In defence of the car, p. 4" in dot


# ---------------------------------------------------------------- footnotes: one per source


def cited_twice(tiny_map_dict) -> ArgumentMap:
    """s1 cited at two places (p. 1 twice, p. 9 once), s2 at one."""
    tiny_map_dict["sources"].append({"id": "s2", "authors": ["B. Writer"], "year": 2020, "title": "A book"})
    claims = {c["id"]: c for c in tiny_map_dict["claims"]}
    claims["r2"]["evidence"] = [{"source": "s1", "quote": "q", "locator": "p. 9"}, {"source": "s2", "quote": "q", "locator": "ch. 2"}]
    claims["o1"]["evidence"] = [{"source": "s1", "quote": "q", "locator": "p. 1"}]
    return ArgumentMap.model_validate(tiny_map_dict)


def source_rows(dot: str) -> list[str]:
    """The source entries' texts ([n] rows, ‹n› for a text the map reconstructs), in order."""
    row = r'<tr><td align="right" valign="top">(?:<font[^>]*>)?<font color="[^"]*">'
    return re.findall(row + r"[\[\u2039](\d+)[\]\u203a]</font>(?:</font>)?</td><td[^>]*>(?:<font[^>]*>)?([^<]*)", dot)


@pytest.mark.parametrize("layout", ["tree", "outline"])
def test_each_source_is_listed_once_with_a_letter_per_place(tiny_map_dict, layout):
    dot = drawn(map_to_dot(cited_twice(tiny_map_dict), layout=layout))
    assert source_rows(dot) == [("1", "A. Author (2024). An essay"), ("2", "B. Writer (2020). A book, ch. 2")]
    assert dot.count("A. Author (2024)") == 1
    for place in ("p. 1", "p. 9"):
        assert dot.count(f">{place}<") == 1
    # markers: the letter says which place; a source cited at one place has none
    assert "[1a]" in dot and "[1b, 2]" in dot
    assert dot.count("[1a]") == 2  # r1 and o1 cite the same place


@pytest.mark.parametrize("detail", ["short", "full"])
def test_bundled_maps_list_each_source_once(detail):
    for path in sorted(MAPS.glob("*.json")):
        if path.name.endswith(".compare.json"):
            continue
        m = ArgumentMap.model_validate_json(path.read_text(encoding="utf-8"))
        cited = {ev.source for c in m.claims for ev in c.evidence}
        for layout in ("tree", "outline"):
            numbers = [n for n, _ in source_rows(map_to_dot(m, layout=layout, detail=detail))]
            assert numbers == [str(i) for i in range(1, len(cited) + 1)], (path.name, layout)


def test_comparison_lists_each_source_once_per_side(tiny_map_dict):
    left = cited_twice(tiny_map_dict)
    for layout, detail in (("outline", "short"), ("trees", "full")):
        dot = drawn(comparison_to_dot(None, left, other_map(), layout=layout, detail=detail))
        assert [n for n, _ in source_rows(dot)] == ["1", "2", "3"], layout
        assert dot.count("A. Author (2024)") == 1


# ---------------------------------------------------------------- one map as an outline


def test_outline_layout_shows_every_claim_whole_or_by_title():
    from argmap.render.text import escape_line

    for path in sorted(MAPS.glob("*.json")):
        if path.name.endswith(".compare.json"):
            continue
        m = ArgumentMap.model_validate_json(path.read_text(encoding="utf-8"))
        full = map_to_dot(m, layout="outline")
        short = map_to_dot(m, layout="outline", detail="short")
        assert full == map_to_dot(m, layout="outline")
        for c in m.claims:
            for line in wrap(c.text, 40):
                assert escape_line(line) in full, (path.name, c.id, line)
            if c.title:
                assert f"<b>{escape_line(c.title)}</b>" in short, (path.name, c.id)
        assert " -> " not in full  # one table, no boxes and arrows
        for word in ("THESIS", "REASON", "OBJECTION", "REBUTTAL", "UNDERCUT", "AND", "Sources"):
            assert f"<b>{word}</b>" in full, word


def test_outline_columns_say_where_they_continue():
    m = generate(120, seed=7)
    dot = map_to_dot(m, layout="outline")
    columns = dot.count('<td valign="top"><table')
    assert columns >= 2
    assert dot.count("continued under") <= columns - 1
    assert map_to_dot(m, layout="outline", wrap=0).count('<td valign="top"><table') == 0  # no width, no columns


def test_auto_layout_draws_small_maps_as_trees_and_big_ones_as_outlines(tiny):
    assert map_to_dot(tiny, layout="auto") == map_to_dot(tiny) == map_to_dot(tiny, layout="tree")
    big = generate(40, seed=2)
    assert map_to_dot(big, layout="auto") == map_to_dot(big, layout="outline")
    with pytest.raises(ValueError, match="layout must be one of"):
        map_to_dot(tiny, layout="poster")
