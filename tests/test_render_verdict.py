"""The comparison diagram says the verdict: each thesis alone and judged together
(issue 12), in the words of `argmap evaluate`, and marks decisive claims on request."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from argmap.analysis.evaluation.joint import evaluate_comparison, key
from argmap.analysis.evaluation.why import explain_comparison, explain_map
from argmap.analysis.verdict import joint_sentence, side_name
from argmap.model import ArgumentMap, Comparison
from argmap.render.compare_dot import comparison_to_dot
from argmap.render.map_dot import map_to_dot
from argmap.store import load_comparison_with_maps
from tests.conftest import REPO

CARS = REPO / "docs" / "examples" / "cars.compare.json"
DIAMOND = "\u25c6"


def cars():
    lc = load_comparison_with_maps(CARS)
    return lc.comparison.document, lc.left.document, lc.right.document


def drawn_text(dot: str) -> str:
    """The words of the diagram as drawn (SVG text elements, joined), no tooltips."""
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True).stdout
    root = ET.fromstring(svg)
    return " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))


def thesis_pair(m_left: str, m_right: str, *, attack_right_reason: bool) -> tuple[Comparison, ArgumentMap, ArgumentMap]:
    """Two theses that contradict each other, each with one standing reason; the
    right one's reason attacked by an unanswered objection if asked."""

    def one(thesis: str, reason: str, extra: bool) -> ArgumentMap:
        claims = [{"id": "t", "text": thesis}, {"id": "r", "text": reason}]
        arguments = [{"id": "a", "premises": ["r"], "polarity": "support", "target": "t"}]
        if extra:
            claims.append({"id": "o", "text": "That reason is false."})
            arguments.append({"id": "b", "premises": ["o"], "polarity": "attack", "target": "r"})
        return ArgumentMap.model_validate({"schema_version": 2, "title": thesis, "thesis": "t", "claims": claims, "arguments": arguments})

    left = one(m_left, "Reason for the left.", False)
    right = one(m_right, "Reason for the right.", attack_right_reason)
    c = Comparison.model_validate(
        {"schema_version": 2, "left": "l.json", "right": "r.json", "links": [{"left": "t", "right": "t", "kind": "contradicts"}]}
    )
    return c, left, right


def header_lines(text: str) -> list[str]:
    words = r"(?:stands|does not stand|undecided)"
    return re.findall(rf"(thesis alone: . {words}) (judged together: . {words})", text)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_comparison_diagram_says_each_verdict_alone_and_judged_together():
    c, left, right = cars()
    je = evaluate_comparison(left, right, c)
    text = " ".join(drawn_text(comparison_to_dot(c, left, right)).split())
    sentence = joint_sentence(je, {"left": side_name(left, ""), "right": side_name(right, "")})
    assert sentence.startswith("Judged together, both theses are undecided")
    assert sentence in text  # the words of `argmap evaluate`, wrapped on the page
    assert header_lines(text) == [("thesis alone: ✓ stands", "judged together: ? undecided")] * 2


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_an_unanswered_objection_to_one_side_decides_the_joint_verdict_in_the_diagram():
    c, left, right = thesis_pair("Left thesis.", "Right thesis.", attack_right_reason=False)
    text = " ".join(drawn_text(comparison_to_dot(c, left, right)).split())
    assert header_lines(text) == [("thesis alone: ✓ stands", "judged together: ? undecided")] * 2
    c, left, right = thesis_pair("Left thesis.", "Right thesis.", attack_right_reason=True)
    text = " ".join(drawn_text(comparison_to_dot(c, left, right)).split())
    assert header_lines(text) == [
        ("thesis alone: ✓ stands", "judged together: ✓ stands"),
        ("thesis alone: ✗ does not stand", "judged together: ✗ does not stand"),
    ]


def marked_claims(dot: str, m: ArgumentMap, side: str) -> set[str]:
    """Claims of one side whose row carries the decisive mark."""
    panel = "lpanel" if side == "left" else "rpanel"
    table = next(line for line in dot.splitlines() if line.startswith(f"{panel} [label="))
    marked = set()
    for row in re.findall(r"<tr>(.*?)</tr>", table):
        if DIAMOND in row:
            marked |= {cl.id for cl in m.claims if (cl.title or cl.text) in row}
    return marked


def test_decisive_claims_are_marked_only_when_asked_and_exactly():
    c, left, right = cars()
    plain = comparison_to_dot(c, left, right, detail="short")
    assert DIAMOND not in plain
    dot = comparison_to_dot(c, left, right, detail="short", decisive=True)
    je = evaluate_comparison(left, right, c)
    nodes = {n for w in explain_comparison(left, right, c).values() for group in w.decisive.sets for n in group}
    for side, m in (("left", left), ("right", right)):
        expected = {cl.id for cl in m.claims if je.debate.node_of[key(side, cl.id)] in nodes}
        assert expected and marked_claims(dot, m, side) == expected, side
    assert "decisive: met by" in dot  # the legend says what the mark means


def test_render_decisive_marks_a_maps_decisive_claims():
    m = ArgumentMap.model_validate_json((REPO / "docs" / "figure" / "car-free-centres.json").read_text(encoding="utf-8"))
    expected = {c for group in explain_map(m).decisive.sets for c in group}
    assert expected
    for layout in ("tree", "outline"):
        assert DIAMOND not in map_to_dot(m, layout=layout)
        dot = map_to_dot(m, layout=layout, decisive=True)
        for c in m.claims:
            shown = c.title or c.text[:20]
            line = next(x for x in dot.splitlines() if shown in x and re.match(r"\w+ \[label=<", x))
            row = line[line.index(shown):].split("</td>", 1)[0]
            assert (DIAMOND in row) == (c.id in expected), (layout, c.id)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_compare_decisive_on_the_command_line(tmp_path):
    out = tmp_path / "cars.svg"
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "compare", str(CARS), "--decisive", "-o", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    svg = out.read_text(encoding="utf-8")
    assert DIAMOND in svg and "Judged together" in svg
