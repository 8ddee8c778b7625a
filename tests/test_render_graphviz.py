"""DOT -> files through the real Graphviz: hostile text, missing and failing `dot`,
output paths, the commands, and the bundled diagrams."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, InputError, MissingToolError
from argmap.model import ArgumentMap
from argmap.render import comparison_to_dot, map_to_dot, write_output
from argmap.render.text import wrap
from benchmarks.generate import generate
from tests.conftest import MAPS, REPO

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (make test installs it)")

LONG = " ".join(f"word{i}" for i in range(2000))[:10_000]
HOSTILE = [
    'She said "no" and \'yes\'',
    "a back\\slash, two \\\\ of them, and a trailing one\\",
    "<b>not bold</b> & <i>not italic</i> &amp; &lt; &#60; ]]> <!-- -->",
    "{braces} [brackets] |pipes| <ports> record{fields|x}",
    "literal \\n and \\l and \\r and \\N \\G \\E \\T \\H \\L escapes",
    "real\nnewlines\r\nand\ttabs",
    "emoji \U0001f642\U0001f680 family \U0001f469\u200d\U0001f4bb",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd and \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 (right to left)",
    "percent % dollar $ hash # semicolon ; equals = arrow -> --",
    LONG,
]


def hostile_map() -> ArgumentMap:
    claims = [{"id": "t", "text": HOSTILE[0], "title": HOSTILE[2]}]
    claims += [{"id": f"c{i}", "text": text} for i, text in enumerate(HOSTILE[1:], 1)]
    claims[3]["evidence"] = [{"source": "s", "quote": HOSTILE[4], "locator": HOSTILE[5]}]
    arguments = [
        {"id": f"a{i}", "premises": [f"c{i}"], "polarity": "support" if i % 2 else "attack", "target": "t", "scheme": HOSTILE[i % 9]}
        for i in range(1, len(HOSTILE))
    ]
    return ArgumentMap.model_validate(
        {
            "schema_version": 2,
            "title": HOSTILE[3],
            "authors": [HOSTILE[6]],
            "thesis": "t",
            "sources": [{"id": "s", "authors": [HOSTILE[7]], "year": 2024, "title": HOSTILE[1], "venue": HOSTILE[8]}],
            "claims": claims,
            "arguments": arguments,
        }
    )


def svg_text(svg: str) -> str:
    """Every piece of text in an SVG, unescaped, one per line."""
    return "\n".join(html.unescape(t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))


@pytest.mark.parametrize("layout", ["tree", "outline"])
@pytest.mark.parametrize("width", [0, 40])
def test_hostile_text_appears_literally_in_the_svg(tmp_path, width, layout):
    out = write_output(map_to_dot(hostile_map(), wrap=width, layout=layout), tmp_path / "hostile.svg")
    text = svg_text(out.read_text(encoding="utf-8"))
    lines = set(text.splitlines())
    for hostile in HOSTILE:
        for line in wrap(hostile, width):
            assert line in lines, f"missing from the SVG: {line[:80]!r}"
    if width == 0:
        assert LONG in lines  # the 10,000-character claim, whole, on one line


def test_hostile_comparison_renders(tmp_path):
    m = hostile_map()
    for layout in ("outline", "trees"):
        out = write_output(comparison_to_dot(None, m, m, layout=layout), tmp_path / f"c-{layout}.svg")
        text = svg_text(out.read_text(encoding="utf-8"))
        assert HOSTILE[6].split()[0] in text


def test_no_graphviz_warnings_on_big_maps_and_comparisons(tmp_path):
    """dot 2.43 reads garbage for attributes first declared after edges exist; the
    header declares them all (regression: 'Warning: Arrow type "10000" unknown')."""
    big = generate(200, seed=1)
    sources = [map_to_dot(big), map_to_dot(big, layout="outline"), map_to_dot(big, layout="outline", detail="short")]
    sources.append(comparison_to_dot(None, generate(60, 2), generate(60, 3)))
    if (MAPS / "russia-china.compare.json").exists():
        from argmap.store import load_comparison_with_maps

        loaded = load_comparison_with_maps(MAPS / "russia-china.compare.json")
        for layout in ("outline", "trees"):
            sources.append(comparison_to_dot(loaded.comparison.document, loaded.left.document, loaded.right.document, layout=layout))
    for dot in sources:
        proc = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True)
        assert proc.returncode == 0
        assert proc.stderr == b"", proc.stderr.decode()


# ---------------------------------------------------------------- write_output


def test_output_format_from_suffix_parents_created_and_replaced_atomically(tmp_path, tiny_map_dict):
    dot = map_to_dot(ArgumentMap.model_validate(tiny_map_dict))
    out = tmp_path / "deep" / "er" / "map.png"
    assert write_output(dot, out) == out
    assert out.read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "deep" / "er" / "map.png").stat().st_mode & 0o777 == 0o666 & ~_umask()
    first = out.read_bytes()
    write_output(dot, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.png"]  # same bytes: nothing written, no backup
    write_output(map_to_dot(ArgumentMap.model_validate(tiny_map_dict), theme="greyscale"), out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.png", "map.png.bak"]  # no temporary files
    assert (out.parent / "map.png.bak").read_bytes() == first
    out.write_bytes(b"not argmap's")
    with pytest.raises(InputError, match="is not a PNG image, so argmap did not write it"):
        write_output(dot, out)
    write_output(dot, out, force=True)
    assert out.read_bytes().startswith(b"\x89PNG")
    assert (out.parent / "map.png.bak").read_bytes() == b"not argmap's"
    assert write_output(dot, tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    assert "<svg" in write_output(dot, tmp_path / "m.svg").read_text()
    assert write_output(dot, tmp_path / "m.dot").read_text() == dot
    assert write_output(dot, tmp_path / "m.txt", "svg").read_text().startswith("<?xml")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_unknown_suffix_or_format_is_a_usage_error(tmp_path):
    with pytest.raises(ArgmapError, match="cannot tell the format"):
        write_output("digraph {}", tmp_path / "x.jpg")
    with pytest.raises(ArgmapError, match="unknown format"):
        write_output("digraph {}", tmp_path / "x.svg", "gif")


def test_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "folder.svg").mkdir()
    with pytest.raises(ArgmapError, match="is a folder"):
        write_output("digraph { a }", tmp_path / "folder.svg")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ArgmapError, match="cannot write"):
        write_output("digraph { a }", tmp_path / "file" / "x.dot")


def test_dot_error_carries_its_message(tmp_path):
    with pytest.raises(ArgmapError, match="syntax error") as e:
        write_output("digraph { a -> }", tmp_path / "x.svg")
    assert not isinstance(e.value, MissingToolError)
    assert not (tmp_path / "x.svg").exists()


def test_missing_dot_writes_the_dot_file_and_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(MissingToolError, match="apt-get install graphviz") as e:
        write_output("digraph { a }", tmp_path / "out" / "x.svg")
    assert e.value.exit_code == 3
    assert (tmp_path / "out" / "x.dot").read_text() == "digraph { a }"


# ---------------------------------------------------------------- the commands, as a user runs them


def argmap(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture
def map_file(tmp_path, tiny_map_dict) -> Path:
    path = tmp_path / "talk.json"
    path.write_text(json.dumps(tiny_map_dict))
    return path


def test_render_writes_exports_name_svg_by_default(tmp_path, map_file):
    proc = argmap("render", "talk.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "<svg" in (tmp_path / "exports" / "talk.svg").read_text()
    proc = argmap("render", "talk.json", "--format", "png", "--theme", "greyscale", "--wrap", "20", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "exports" / "talk.png").read_bytes().startswith(b"\x89PNG")
    proc = argmap("render", "talk.json", "-o", "out/talk.pdf", "--engine", "neato", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "talk.pdf").read_bytes().startswith(b"%PDF")


def test_render_without_dot_exits_3_and_leaves_the_dot_file(tmp_path, map_file):
    empty = tmp_path / "no-programs-here"
    empty.mkdir()
    proc = argmap("render", "talk.json", "-o", "out/talk.svg", cwd=tmp_path, path=str(empty))
    assert proc.returncode == 3
    assert "Install Graphviz" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "out" / "talk.dot").read_text().startswith("digraph argmap {")
    assert not (tmp_path / "out" / "talk.svg").exists()


def test_render_when_dot_fails_exits_2_with_its_message(tmp_path, map_file):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\necho 'Error: layout exploded (fake dot)' >&2\nexit 1\n")
    (fake / "dot").chmod(0o755)
    proc = argmap("render", "talk.json", cwd=tmp_path, path=str(fake))
    assert proc.returncode == 2
    assert "layout exploded (fake dot)" in proc.stderr and "Traceback" not in proc.stderr


def test_compare_two_maps_or_a_comparison_file(tmp_path, map_file, tiny_map_dict):
    (tmp_path / "other.json").write_text(json.dumps(tiny_map_dict | {"title": "Other"}))
    (tmp_path / "x.compare.json").write_text(json.dumps(
        {"schema_version": 2, "left": "talk.json", "right": "other.json", "links": [{"left": "o1", "right": "r1", "kind": "contradicts"}]}
    ))
    proc = argmap("compare", "talk.json", "other.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "exports" / "talk-vs-other.svg").exists()
    proc = argmap("compare", "x.compare.json", "--format", "png", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "exports" / "x.compare.png").exists()
    proc = argmap("compare", "x.compare.json", "--layout", "trees", "--detail", "full", "-o", "t.dot", cwd=tmp_path)
    assert proc.returncode == 0 and "cluster_l" in (tmp_path / "t.dot").read_text()
    proc = argmap("compare", "talk.json", cwd=tmp_path)
    assert proc.returncode == 2 and "give two maps" in proc.stderr


# ---------------------------------------------------------------- the bundled diagrams


def test_every_bundled_map_has_its_exports():
    for path in sorted(MAPS.glob("*.json")):
        name = path.name.removesuffix(".json")
        for fmt in ("svg", "png"):
            assert (REPO / "exports" / f"{name}.{fmt}").exists(), f"run `make exports` for {path.name}"


def test_exports_are_deterministic(tmp_path):
    from argmap.exports_build import build

    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "a.json").write_text(json.dumps(generate(40, seed=3).model_dump(exclude_defaults=True)))
    (maps / "b.json").write_text(json.dumps(generate(30, seed=4).model_dump(exclude_defaults=True)))
    (maps / "a-b.compare.json").write_text(json.dumps({"schema_version": 2, "left": "a.json", "right": "b.json"}))
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "gone.svg").write_text("stale")
    first = {p.name: p.read_bytes() for p in build(maps, tmp_path / "exports")}
    assert sorted(first) == [
        "a-b.compare.png", "a-b.compare.svg", "a.png", "a.short.png", "a.short.svg", "a.svg",
        "b.png", "b.short.png", "b.short.svg", "b.svg",
    ]
    assert not (tmp_path / "exports" / "gone.svg").exists()
    second = {p.name: p.read_bytes() for p in build(maps, tmp_path / "exports")}
    assert first == second


def test_bundled_comparison_fits_an_a4_text_width(tmp_path):
    """As `argmap compare` draws it by default: as wide as A4's text block (160 mm),
    its smallest text at 7 pt or more printed at 100 %, on three pages at most."""
    path = MAPS / "russia-china.compare.json"
    if not path.exists():
        pytest.fail("maps/russia-china.compare.json is missing")
    proc = argmap("compare", str(path), "-o", str(tmp_path / "comparison.pdf"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    width, height = pdf_size((tmp_path / "comparison.pdf").read_bytes())
    assert width <= A4_TEXT_WIDTH_PT + 0.5, f"{width:.0f} pt wide"
    assert height <= 3 * A4_TEXT_HEIGHT_PT, f"{height / A4_TEXT_HEIGHT_PT:.1f} pages"
    from argmap.render.fit import PAGES, fit_comparison
    from argmap.store import load_comparison_with_maps

    lc = load_comparison_with_maps(path)
    assert fit_comparison(lc.comparison.document, lc.left.document, lc.right.document, PAGES["a4"]).printed_pt >= 7


A4_TEXT_WIDTH_PT = 160 * 72 / 25.4  # A4 less 25-mm margins: what --fit a4 fills
A4_TEXT_HEIGHT_PT = 247 * 72 / 25.4


def pdf_size(pdf: bytes) -> tuple[float, float]:
    return tuple(map(float, re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups()))


def png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


@pytest.mark.parametrize("name", ["informal-alliance", "partnership-without-trust"])
def test_bundled_maps_as_outlines_are_page_shaped(tmp_path, name):
    """As `argmap render` draws them by default (an outline: they have more than 25
    claims), fitted to A4's text width: the whole map, every claim's text, with its
    smallest text at 7 pt or more printed at 100 %, a few pages tall and never the
    poster the tree layout makes of them; by title (--detail short), under three
    pages. The PDF is the size it prints. Same on every machine: the fonts are
    named exactly and installed by the set-up (tests/test_render_figures.py)."""
    from argmap.render.fit import PAGES, fit_map
    from argmap.store import load_map

    path = MAPS / f"{name}.json"
    if not path.exists():
        pytest.fail(f"{path} is missing")
    m = load_map(path).document
    for detail, pages in (("full", 7), ("short", 3)):
        out = tmp_path / f"{detail}.pdf"
        proc = argmap("render", str(path), "--detail", detail, "-o", str(out), cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        width, height = pdf_size(out.read_bytes())
        assert width <= A4_TEXT_WIDTH_PT + 0.5, f"{detail}: {width:.0f} pt wide"
        assert height <= pages * A4_TEXT_HEIGHT_PT, f"{detail}: {height / A4_TEXT_HEIGHT_PT:.1f} pages tall"
        fitted = fit_map(m, PAGES["a4"], detail=detail)
        assert fitted.printed_pt >= 7, f"{detail}: text prints at {fitted.printed_pt:.1f} pt"
        assert "outline [label=" in fitted.dot  # the outline, not the tree
        png = tmp_path / f"{detail}.png"
        assert argmap("render", str(path), "--detail", detail, "-o", str(png), cwd=tmp_path).returncode == 0
        w, h = png_size(png.read_bytes())
        assert h / w >= 1.4, f"{w} x {h} px: not page-shaped"
