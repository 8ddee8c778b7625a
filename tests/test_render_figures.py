"""Figures for papers: fitted to a page, drawn in the fonts they name, checkable in CI.

Real Graphviz, real fonts (the set-up installs them: scripts/system-deps.sh), real
PDFs read back with poppler's `pdffonts`.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.model import ArgumentMap
from argmap.render.fit import PAGES, comparison_figure, fit_comparison, fit_map, map_figure
from argmap.render.glyphs import installed_coverage, readable
from argmap.render.graphviz_out import draw, write_output
from argmap.store import load_comparison_with_maps, load_map
from tests.conftest import MAPS, REPO

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")

EXAMPLE = REPO / "docs" / "figure" / "car-free-centres.json"  # the README's 7-claim example
A4 = PAGES["a4"]
A4_TEXT_HEIGHT = 247 * 72 / 25.4  # 297 mm less 25-mm margins


def argmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd)


def example() -> ArgumentMap:
    return load_map(EXAMPLE).document


def pdf_size(pdf: bytes) -> tuple[float, float]:
    return tuple(map(float, re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups()))


# ---------------------------------------------------------------- fonts


def resolved_fonts(dot: str) -> dict[str, set[str]]:
    """Font name in the DOT -> the families Graphviz (Pango) drew it with, from `dot -v`."""
    proc = subprocess.run(["dot", "-v", "-Tpng", "-o", "/dev/null"], input=dot.encode(), capture_output=True)
    out: dict[str, set[str]] = {}
    for name, family in re.findall(r'fontname: "([^"]+)" resolved to: .*?"([^",]+),', proc.stderr.decode()):
        out.setdefault(name, set()).add(family)
    return out


def test_the_fonts_a_figure_names_are_the_fonts_it_is_drawn_with():
    """Graphviz substitutes a font it cannot find (DejaVu for Helvetica on Debian), and
    the figure changes with the machine. The set-up installs the fonts named."""
    for dot in (map_figure(example(), A4), map_figure(example(), None)):
        fonts = resolved_fonts(dot)
        assert fonts, "dot -v reported no fonts"
        for name, families in fonts.items():
            assert families == {name}, f"{name!r} drawn as {families}: run `make setup` (scripts/system-deps.sh fonts)"


def test_emoji_are_drawn_by_an_installed_font_and_missing_glyphs_are_named():
    coverage = installed_coverage()
    assert coverage is not None
    dot = map_figure(example(), A4)
    assert "\U0001f6b2" in dot  # the bicycle in claim c2
    assert readable(dot, coverage) == (dot, []), "no installed font draws the emoji: install fonts-noto-color-emoji"
    text, missing = readable("hieroglyph \U00013000 here", coverage)
    assert missing == ["\U00013000"] and text == "hieroglyph [egyptian hieroglyph a001] here"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_pdf_embeds_every_font(tmp_path):
    pdf = write_output(map_figure(example(), A4), tmp_path / "fig.pdf")
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows, "the PDF has no fonts"
    for row in rows:
        # name type encoding emb sub uni object ID: emb is the 4th column from the right
        assert row.split()[-5] == "yes", row
    assert any("LiberationSans" in row for row in rows)


# ---------------------------------------------------------------- page fit


def test_the_readme_example_fits_an_a4_text_block_at_7_pt():
    """Issue 15: the 7-claim map was a 1,739 x 574 pt poster (2.9-pt text in a column)."""
    poster_width = float(re.search(r'<svg width="([\d.]+)pt"', draw(map_figure(example(), None), "svg").decode())[1])
    assert poster_width > 1.5 * A4
    fitted = fit_map(example(), A4)
    assert fitted.width_pt <= A4 + 0.5 and fitted.printed_pt >= 7
    assert fitted.height_pt <= A4_TEXT_HEIGHT  # one page, legend and sources included
    column = fit_map(example(), PAGES["column"])
    assert column.width_pt <= PAGES["column"] + 0.5 and column.printed_pt >= 7


def test_the_pdf_is_the_size_it_prints_legend_under_the_diagram(tmp_path):
    dot = map_figure(example(), A4)
    width, _ = pdf_size(write_output(dot, tmp_path / "fig.pdf").read_bytes())
    assert width <= A4 + 0.5
    assert 'labelloc=b' in dot and "subgraph cluster_legend" not in dot  # legend below, not beside


def test_fit_none_is_the_poster():
    from argmap.render import map_to_dot

    assert map_figure(example(), None) == map_to_dot(example())


def test_render_fits_by_default_and_says_what_fit_means(tmp_path):
    proc = argmap("render", str(EXAMPLE), "-o", str(tmp_path / "a.pdf"))
    assert proc.returncode == 0 and "note" not in proc.stderr, proc.stderr
    assert pdf_size((tmp_path / "a.pdf").read_bytes())[0] <= A4 + 0.5
    proc = argmap("render", str(EXAMPLE), "-o", str(tmp_path / "b.pdf"), "--fit", "300pt")
    assert proc.returncode == 0 and pdf_size((tmp_path / "b.pdf").read_bytes())[0] <= 300.5
    proc = argmap("render", str(EXAMPLE), "-o", str(tmp_path / "c.pdf"), "--fit", "A5")
    assert proc.returncode == 2 and "--fit" in proc.stderr and "Traceback" not in proc.stderr
    # an 80-claim tree cannot fit a page: drawn anyway, scaled, and said so
    proc = argmap("render", str(MAPS / "informal-alliance.json"), "--layout", "tree", "-o", str(tmp_path / "d.pdf"))
    assert proc.returncode == 0 and "too big to fit 454 pt wide" in proc.stderr, proc.stderr


# ---------------------------------------------------------------- stale figures


def test_render_check_exits_1_on_a_stale_or_missing_figure(tmp_path):
    out = tmp_path / "fig.svg"
    assert argmap("render", str(EXAMPLE), "-o", str(out), "--check").returncode == 1
    assert not out.exists()
    assert argmap("render", str(EXAMPLE), "-o", str(out)).returncode == 0
    proc = argmap("render", str(EXAMPLE), "-o", str(out), "--check")
    assert proc.returncode == 0 and "up to date" in proc.stdout
    proc = argmap("render", str(EXAMPLE), "-o", str(out), "--check", "--theme", "greyscale")
    assert proc.returncode == 1 and "stale" in proc.stderr


def test_exports_check_finds_stale_missing_and_leftover_files(tmp_path):
    from argmap.exports_build import build, main

    maps, exports = tmp_path / "maps", tmp_path / "exports"
    maps.mkdir()
    shutil.copy(EXAMPLE, maps / "ex.json")
    build(maps, exports)
    assert main(["--check", str(maps), str(exports)]) == 0
    first = {p.name: p.read_bytes() for p in exports.iterdir()}
    build(maps, exports)
    assert {p.name: p.read_bytes() for p in exports.iterdir()} == first  # byte for byte
    (exports / "ex.png").write_bytes(b"old")
    (exports / "gone.svg").write_text("no map")
    assert main(["--check", str(maps), str(exports)]) == 1


def test_compare_fits_by_default(tmp_path):
    proc = argmap("compare", str(MAPS / "russia-china.compare.json"), "-o", str(tmp_path / "c.pdf"))
    assert proc.returncode == 0, proc.stderr
    assert pdf_size((tmp_path / "c.pdf").read_bytes())[0] <= A4 + 0.5
    lc = load_comparison_with_maps(MAPS / "russia-china.compare.json")
    assert comparison_figure(lc.comparison.document, lc.left.document, lc.right.document, A4) == fit_comparison(
        lc.comparison.document, lc.left.document, lc.right.document, A4
    ).dot


# ---------------------------------------------------------------- LaTeX

DOCUMENT = r"""\documentclass{article}
\usepackage[a4paper,margin=25mm]{geometry}
\usepackage{helvet}
\usepackage{tikz}
\begin{document}
\begin{figure}\centering\input{fig.tex}\caption{A map.}\end{figure}
\end{document}
"""


@pytest.mark.skipif(
    shutil.which("pdflatex") is None,
    reason="pdflatex is not installed (make test installs a small TeX Live: scripts/system-deps.sh pdflatex)",
)
@pytest.mark.parametrize("how", [("-o", "fig.tex"), ("--format", "tikz", "-o", "fig.tex")])
def test_tikz_output_compiles_with_pdflatex_in_a_minimal_document(tmp_path, how):
    text = "Quotes \u201cand\u201d $100 & 50% of #1_x {braces} ~ ^ \\ \u00e9t\u00e9 \u2192 \U0001f6b2 \u0416"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["claims"][0]["text"] = text
    (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
    proc = argmap("render", "m.json", *how, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    tikz = (tmp_path / "fig.tex").read_text(encoding="utf-8")
    assert "\\begin{tikzpicture}" in tikz and "\\argmapchar{2192}" in tikz and "\\argmapchar{1F6B2}" in tikz
    (tmp_path / "doc.tex").write_text(DOCUMENT, encoding="utf-8")
    latex = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp_path, capture_output=True, text=True
    )
    assert latex.returncode == 0, latex.stdout[-2000:]
    assert (tmp_path / "doc.pdf").exists()
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", str(tmp_path / "doc.pdf"), "-"], capture_output=True, text=True).stdout
        assert "Cities should ban cars" in words and "$100 & 50% of #1" in words and "{braces}" in words
        assert "[U+2192]" in words  # pdfLaTeX's readable fallback for a glyph it has not


def test_tikz_is_the_same_bytes_for_the_same_map():
    from argmap.render.tikz import dot_to_tikz

    dot = map_figure(example(), A4)
    assert dot_to_tikz(dot) == dot_to_tikz(dot)


# ---------------------------------------------------------------- screen readers

SVG_NS = {"s": "http://www.w3.org/2000/svg"}
ROLES = ("Title", "Thesis", "Reason", "Objection", "Rebuttal", "Argument map", "Claim")


def node_words(svg: bytes) -> tuple[ET.Element, list[tuple[str, str]]]:
    root = ET.fromstring(svg)
    nodes = []
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") == "node":
            title = g.find(".//s:title", SVG_NS)
            assert title is not None and title.text, f"{g.get('id')} has no <title>"
            descs = " ".join(d.text or "" for d in g.findall(".//s:desc", SVG_NS))
            nodes.append((title.text, descs))
    return root, nodes


def test_svg_tells_a_screen_reader_every_box_its_role_and_whole_text():
    m = example()
    root, nodes = node_words(draw(map_figure(m, A4), "svg"))
    assert root.get("role") == "document" and root.get("aria-labelledby") == "argmap-title"
    assert root.find("s:title", SVG_NS).text == m.title
    long = root.find("s:desc", SVG_NS).text
    thesis = m.claim(m.thesis).text
    assert long.startswith(f"Argument map: {m.title}. Thesis: {thesis}") and ".." not in long
    # reading order: the thesis, its reasons, then the objection and its rebuttal
    order = [long.index(m.claim(c).text) for c in ("t", "c1", "c2", "c4", "c5")]
    assert order == sorted(order)
    for title, _ in nodes:
        assert title.startswith(ROLES), title
    words = " ".join(t + " " + d for t, d in nodes)
    for c in m.claims:
        assert c.text in words, c.id  # whole, never cut
    assert "n0" not in words and "<title>n" not in draw(map_figure(m, A4), "svg").decode()  # no internal names


def test_comparison_svg_has_a_document_title_and_description():
    lc = load_comparison_with_maps(MAPS / "russia-china.compare.json")
    root, nodes = node_words(draw(comparison_figure(lc.comparison.document, lc.left.document, lc.right.document, A4), "svg"))
    assert root.find("s:title", SVG_NS).text.startswith(lc.comparison.document.title or "")
    long = root.find("s:desc", SVG_NS).text
    assert lc.left.document.claim(lc.left.document.thesis).text in long
    assert lc.right.document.claim(lc.right.document.thesis).text in long


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_a_long_comparison_description_is_led_on_the_page_and_cut_for_graphviz():
    """Graphviz reads no quoted string over 16 KB: the SVG's description is cut to
    fit; the page shows the description's first sentences only."""
    c, left, right = (lambda lc: (lc.comparison.document, lc.left.document, lc.right.document))(
        load_comparison_with_maps(MAPS / "russia-china.compare.json")
    )
    long_sentence = "Then a long \"quoted\" account" + " and more" * 40 + ". "
    c = c.model_copy(update={"description": "First sentence says what. " + long_sentence * 60})
    svg = draw(comparison_figure(c, left, right, None), "svg").decode()
    root = ET.fromstring(svg)
    assert root.find("s:desc", SVG_NS).text.startswith("Judged together")
    text = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "First sentence says what." in text and "long" not in text
