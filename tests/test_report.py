"""argmap report: the reviewer's report on a comparison, Markdown and HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap.render
from argmap.cli import cli
from argmap.errors import MissingToolError
from tests.conftest import MAPS, require

EVIL = "<script>alert('x')</script> | *star* _under_ [link](http://evil) `tick` & more"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def small_comparison(tmp_path: Path, text: str = "Cars make streets dangerous.") -> Path:
    left = {
        "schema_version": 2, "title": "Ban cars", "thesis": "t",
        "sources": [{"id": "s", "title": "Report"}],
        "claims": [
            {"id": "t", "text": "Cities should ban cars."},
            {"id": "c1", "text": text, "evidence": [{"source": "s", "quote": "q"}]},
            {"id": "c2", "text": "Shops need car customers."},
            {"id": "c3", "text": "Most shoppers walk."},
            {"id": "c4", "text": "Cars are fun."},
        ],
        "arguments": [
            {"id": "a1", "premises": ["c1"], "polarity": "support", "target": "t"},
            {"id": "a2", "premises": ["c2"], "polarity": "attack", "target": "t"},
            {"id": "a3", "premises": ["c3"], "polarity": "attack", "target": "c2"},
            {"id": "a4", "premises": ["c4"], "polarity": "attack", "target": "t"},
        ],
    }
    right = {
        "schema_version": 2, "title": "Keep cars", "thesis": "k",
        "claims": [
            {"id": "k", "text": "Cities should keep cars."},
            {"id": "d1", "text": "Streets are safe enough."},
            {"id": "d2", "text": "Retail needs parking."},
        ],
        "arguments": [
            {"id": "b1", "premises": ["d1"], "polarity": "support", "target": "k"},
            {"id": "b2", "premises": ["d2"], "polarity": "support", "target": "k"},
        ],
    }
    write(tmp_path / "left.json", left)
    write(tmp_path / "right.json", right)
    return write(tmp_path / "cars.compare.json", {
        "schema_version": 2, "title": "Cars in cities", "left": "left.json", "right": "right.json",
        "links": [
            {"left": "t", "right": "k", "kind": "contradicts", "note": "The two theses."},
            {"left": "c1", "right": "d1", "kind": "contradicts", "note": EVIL},
            {"left": "c2", "right": "d2", "kind": "same"},
        ],
    })


@pytest.fixture
def fake_renderer(monkeypatch):
    """A stand-in for the comparison renderer: records calls, writes a tiny SVG."""
    calls = []

    def comparison_to_dot(c, left, right, **kw):
        calls.append((c.title, left.thesis, right.thesis))
        return "digraph { a -> b }"

    def write_output(dot_source, out, fmt=None, **kw):
        out = Path(out)
        out.write_text('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"><text>diagram</text></svg>\n')
        return out

    monkeypatch.setattr(argmap.render, "comparison_to_dot", comparison_to_dot, raising=False)
    monkeypatch.setattr(argmap.render, "write_output", write_output, raising=False)
    return calls


def test_markdown_report_content(tmp_path: Path, fake_renderer):
    c = small_comparison(tmp_path)
    r = run("report", str(c))
    assert r.exit_code == 0, r.output
    md = r.output
    assert md.startswith("# Review: Cars in cities\n")
    assert "> Cities should ban cars." in md and "> Cities should keep cars." in md
    assert "| claims | 5 | 3 |" in md
    assert "| arguments (support / attack / undercut) | 4 (1 / 3 / 0) | 2 (2 / 0 / 0) |" in md
    # one definition of answered (README, "Counting"): c4's objection stands, c2's is
    # answered by c3, whose rebuttal nothing answers
    assert "| objections answered / unanswered | 1 / 1 | 0 / 0 |" in md
    assert "| rebuttals answered / unanswered | 0 / 1 | 0 / 0 |" in md
    assert "| premises without evidence | 3 of 4 | 2 of 2 |" in md
    assert "| claims with evidence | 1 of 5 | 0 of 3 |" in md
    assert "thesis under grounded semantics" in md
    assert "## Cross-map links (3)" in md
    assert md.index("### Contradicts (2)") < md.index("### Same (1)")
    assert "- “Shops need car customers.” \u2194 “Retail needs parking.”" in md  # by title or text, not id
    # unlinked premises of each side, with how they bear on the map
    left_unique = md[md.index("## Only in the left map"):md.index("## Only in the right map")]
    assert "`c3` Most shoppers walk. *(rebuts “Shops need car customers.”, no evidence)*" in left_unique
    assert "`c4` Cars are fun. *(against “Cities should ban cars.”, no evidence, unanswered)*" in left_unique
    assert "`c1`" not in left_unique and "`c2`" not in left_unique
    assert "### Reasons (0)" in md[md.index("## Only in the right map"):]  # both right reasons are linked
    assert "run with -o REPORT.md" in md  # no file to put a diagram beside
    assert not fake_renderer


def test_markdown_with_output_writes_the_svg_beside_it(tmp_path: Path, fake_renderer):
    c = small_comparison(tmp_path)
    out = tmp_path / "out" / "review.md"
    r = run("report", str(c), "-o", str(out))
    assert r.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "![Comparison diagram](review.svg)" in text
    assert (tmp_path / "out" / "review.svg").exists()
    assert fake_renderer == [("Cars in cities", "t", "k")]
    assert not (tmp_path / "out" / "review.md.bak").exists()


def test_without_graphviz_the_report_says_so(tmp_path: Path, fake_renderer, monkeypatch):
    def missing(*a, **k):
        raise MissingToolError("Graphviz dot not found")

    monkeypatch.setattr(argmap.render, "write_output", missing)
    c = small_comparison(tmp_path)
    out = tmp_path / "review.md"
    r = run("report", str(c), "-o", str(out))
    assert r.exit_code == 0
    assert "Graphviz (the dot program) is not installed" in out.read_text(encoding="utf-8")
    assert not (tmp_path / "review.svg").exists()
    r = run("report", str(c), "--format", "html")
    assert r.exit_code == 0 and "Graphviz (the dot program) is not installed" in r.output


def test_html_is_standalone_and_escapes_user_text(tmp_path: Path, fake_renderer):
    c = small_comparison(tmp_path, text=EVIL)
    r = run("report", str(c), "--format", "html")
    assert r.exit_code == 0
    page = r.output
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "<link" not in page and "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert '<figure class="diagram"><svg xmlns="http://www.w3.org/2000/svg"><text>diagram</text></svg></figure>' in page
    assert "<?xml" not in page and "DOCTYPE svg" not in page
    # -o NAME.html picks the HTML format and writes no separate SVG
    out = tmp_path / "review.html"
    assert run("report", str(c), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == page
    assert not (tmp_path / "review.svg").exists()


def test_markdown_escapes_user_text(tmp_path: Path):
    c = small_comparison(tmp_path, text=EVIL)
    md = run("report", str(c), "--no-diagram").output
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[link\\](http://evil)" in md
    for line in md.splitlines():
        if line.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", line)) == 4, line  # three columns, no cell broken


def test_two_maps_without_comparison_and_bad_input(tmp_path: Path):
    small_comparison(tmp_path)
    r = run("report", str(tmp_path / "left.json"), str(tmp_path / "right.json"), "--no-diagram")
    assert r.exit_code == 0
    assert "# Review: Ban cars vs Keep cars" in r.output
    assert "## Cross-map links (0)" in r.output and "argmap align" in r.output
    assert run("report", str(tmp_path / "left.json")).exit_code == 2
    assert run("report", str(tmp_path / "nope.compare.json")).exit_code == 2


def test_deterministic(tmp_path: Path, fake_renderer):
    c = small_comparison(tmp_path)
    for fmt in ("markdown", "html"):
        assert run("report", str(c), "--format", fmt).output == run("report", str(c), "--format", fmt).output


# ---------------------------------------------------------------- bundled comparison, real Graphviz


def test_bundled_comparison_report(tmp_path: Path):
    compare = require(MAPS / "russia-china.compare.json")
    out = tmp_path / "review.md"
    r = run("report", str(compare), "-o", str(out))
    assert r.exit_code == 0, r.output
    md = out.read_text(encoding="utf-8")
    data = json.loads(compare.read_text(encoding="utf-8"))
    assert f"## Cross-map links ({len(data['links'])})" in md
    for kind, heading in (("contradicts", "Contradicts"), ("same", "Same"), ("shared-evidence", "Shared evidence")):
        n = sum(1 for k in data["links"] if k["kind"] == kind)
        assert f"### {heading} ({n})" in md
    assert "Informal alliance (Haiszky 2024)" in md and "Partnership without trust (Mykal 2024)" in md
    assert md.count("## Only in the") == 2
    rendered = hasattr(argmap.render, "write_output") or _has_real_renderer()
    if rendered and shutil.which("dot"):
        assert "![Comparison diagram](review.svg)" in md
        assert (tmp_path / "review.svg").read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))


def _has_real_renderer() -> bool:
    try:
        from argmap.render import comparison_to_dot, write_output  # noqa: F401
    except ImportError:
        return False
    return True


def test_open_points_list_unanswered_objections_missing_evidence_and_fallen_claims(tmp_path: Path):
    md = run("report", str(small_comparison(tmp_path)), "--no-diagram").output
    section = md[md.index("## Open points"):md.index("## Diagram")]
    left = section[section.index("### Left"):section.index("### Right")]
    assert "- Objection “Cars are fun.” *(against “Cities should ban cars.”)* is not answered." in left
    assert "Objection “Shops need" not in left  # answered by c3
    assert "- Premise “Most shoppers walk.” has no evidence." in left
    assert "- Claim “Shops need car customers.” is rejected under grounded semantics." in left
    right = section[section.index("### Right"):]
    assert "### Right: Keep cars (2)" in right
