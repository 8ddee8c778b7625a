"""Figures that fit a page: `--fit a4|letter|column|WIDTHpt` (default a4) or none.

A fitted figure is as wide as the text block at most, with every piece of text at
7 pt or more as printed, at 100 % (its PDF is the size it prints). The DOT is built
at the type sizes of `print_theme` (10-pt text, 8-pt labels) and checked with
Graphviz itself: it may be drawn up to 8/7 of the width and scaled down (graph
`size`), never more. To get there:

- trees wrap their text to the width, stack a claim's leaf arguments in a column,
  fold a claim's arguments into bands when they do not fit side by side, and list
  the premises of a box too wide for the page one under the other (TreeShape);
- outlines choose their wrap and number of columns for the width;
- comparisons narrow both outlines to half the width each.

Each candidate is laid out by `dot` and measured; the first that fits is kept.
`layout="auto"` draws a tree when one fits, else the outline. A tree that cannot
fit even folded (hundreds of arguments) is drawn as narrow as it goes and
scaled to the width; `FittedDot.printed_pt` then says how small its text prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from argmap.errors import ArgmapError, MissingToolError
from argmap.model import ArgumentMap, Comparison
from argmap.render.graphviz_out import run_graphviz
from argmap.render.map_dot import AUTO_TREE_MAX_CLAIMS, FIT_PAD_IN, MIN_PRINTED_PT, SMALLEST_PT, TreeShape, chars_in, map_to_dot, print_theme
from argmap.render.themes import get_theme

MM = 72 / 25.4
# Text block widths: A4 with 25-mm margins (160 mm), Letter with 1-inch margins
# (6.5 in), one column of a two-column journal page (84 mm: Springer, ACM, IEEE
# are 84-89 mm).
PAGES = {"a4": 160 * MM, "letter": 6.5 * 72, "column": 84 * MM}
DEFAULT_FIT = "a4"
FITS_HELP = "a4, letter, column, WIDTHpt (e.g. 400pt) or none"


def parse_fit(text: str) -> float | None:
    """'a4' -> 453.5 (points); 'none' -> None; '400pt' -> 400.0."""
    key = text.strip().lower()
    if key == "none":
        return None
    if key in PAGES:
        return PAGES[key]
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*pt", key)
    if match and 100 <= float(match.group(1)) <= 5000:
        return float(match.group(1))
    raise ArgmapError(f"--fit {text!r}: use {FITS_HELP} (a width from 100pt to 5000pt)")


@dataclass(frozen=True)
class FittedDot:
    dot: str
    width_pt: float  # as printed
    height_pt: float
    printed_pt: float  # the smallest text as printed


def measure(dot: str, engine: str = "dot") -> tuple[float, float]:
    """(width, height) in points of the drawing Graphviz makes of `dot`."""
    svg = run_graphviz(dot, "svg", engine).decode("utf-8", "replace")
    match = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if match is None:
        raise ArgmapError("Graphviz gave an SVG without a size")
    return float(match.group(1)), float(match.group(2))


def finish(dot: str, width: float, size: tuple[float, float]) -> FittedDot:
    """Scale the drawing down to `width` when it is wider (graph `size`)."""
    w, h = size
    if w <= width:
        return FittedDot(dot, w, h, SMALLEST_PT)
    scale = width / w
    return FittedDot(scaled(dot, width), width, h * scale, SMALLEST_PT * scale)


def scaled(dot: str, width: float) -> str:
    """`dot` drawn no wider than `width` points: graph `size` bounds the drawing
    without its margin (pad)."""
    inner = (width - 2 * FIT_PAD_IN * 72) / 72
    return dot.replace("graph [", f'graph [size="{inner:.4f},10000" ', 1)


def unmeasured(dot: str, width: float) -> FittedDot:
    """A candidate fitted without Graphviz to measure it (the layout program is
    missing; the DOT is written for drawing elsewhere): `size` scales it down to
    the width when drawn, the text may then print smaller than 7 pt."""
    return FittedDot(scaled(dot, width), width, 0.0, 0.0)


def _first_fit(candidates, width: float, engine: str) -> tuple[str, tuple[float, float], bool]:
    """The first candidate DOT that Graphviz draws no wider than the width allows
    before scaling; else the narrowest. (dot, size, fits)."""
    limit = width * SMALLEST_PT / MIN_PRINTED_PT
    best = None
    for dot in candidates:
        size = measure(dot, engine)
        if size[0] <= limit:
            return dot, size, True
        if best is None or size[0] < best[1][0]:
            best = (dot, size)
    return best[0], best[1], False


def tree_candidates(m: ArgumentMap, width: float, theme: str, wrap: int | None, detail: str, decisive: bool = False,
                    most_folded: bool = False):
    """Tree DOTs from the most natural to the most folded (or that one alone)."""
    t = print_theme(get_theme(theme))
    limit = width * SMALLEST_PT / MIN_PRINTED_PT
    char_pt = 0.55 * t.fontsize
    start = wrap or min(40, chars_in(limit / 3, t))
    wraps = [start] if wrap else sorted({start, max(16, int(start * 0.75)), max(14, int(start * 0.55))}, reverse=True)
    shapes = (
        TreeShape(char_pt=char_pt),
        TreeShape(stack_min_cells=2, fold_pt=limit, rows_pt=limit, char_pt=char_pt),
        TreeShape(stack_min_cells=1, fold_pt=limit * 0.7, rows_pt=limit * 0.5, char_pt=char_pt),
    )
    if most_folded:
        wraps, shapes = wraps[-1:], shapes[-1:]
    for w in wraps:
        for shape in shapes:
            yield map_to_dot(m, theme=theme, wrap=w, detail=detail, layout="tree", fit=width, shape=shape, decisive=decisive)


# (columns, wrap) tried for an outline: two columns of short lines often take
# fewer pages than one of long lines.
OUTLINE_SHAPES = ((2, 34), (2, 31), (2, 28), (2, 26), (2, 24), (2, 20), (1, 60), (1, 44), (1, 32), (1, 22))


def _shortest_fit(candidates, width: float, engine: str) -> tuple[str, tuple[float, float], bool]:
    """Of the candidates Graphviz draws within the width, the shortest as printed
    (an outline in two columns of shorter lines may take fewer pages than one);
    else the narrowest."""
    limit = width * SMALLEST_PT / MIN_PRINTED_PT
    best, narrowest = None, None
    for dot in candidates:
        size = measure(dot, engine)
        printed_height = size[1] * min(1.0, width / size[0])
        if size[0] <= limit and (best is None or printed_height < best[2] * 0.97):
            best = (dot, size, printed_height)
        if narrowest is None or size[0] < narrowest[1][0]:
            narrowest = (dot, size)
    if best is not None:
        return best[0], best[1], True
    return narrowest[0], narrowest[1], False


def outline_candidates(m: ArgumentMap, width: float, theme: str, wrap: int | None, detail: str, decisive: bool = False,
                       shapes: tuple | None = None):
    for columns, w in shapes or (((k, wrap) for k in (2, 1)) if wrap else OUTLINE_SHAPES):
        yield map_to_dot(m, theme=theme, wrap=w, detail=detail, layout="outline", fit=width, columns=columns, decisive=decisive)


# Above this many claims each layout Graphviz makes to measure a candidate takes
# long (a 2,000-claim outline: 0.3 s, a tree: 0.9 s): try the likeliest shape first,
# then at most the narrowest (two layouts); above UNMEASURED_ABOVE (a 20,000-claim
# layout: 8-10 s) none is measured: the first shape is scaled to the width.
FEW_TRIES_ABOVE = 300
UNMEASURED_ABOVE = 5_000


def _first_and_last(candidates: Callable[[tuple], object], shapes: tuple, big: bool):
    """The candidates for `shapes`; for a big map only the first and the last."""
    return candidates(shapes[:1] + shapes[-1:] if big and len(shapes) > 2 else shapes)


def fit_map(
    m: ArgumentMap, width: float, *, theme: str = "default", wrap: int | None = None, detail: str = "full",
    layout: str = "auto", engine: str = "dot", decisive: bool = False,
) -> FittedDot:
    """The map's diagram made to fit `width` points (see the module docstring)."""
    if layout == "auto" and len(m.claims) > AUTO_TREE_MAX_CLAIMS:
        layout = "outline"
    big = len(m.claims) > FEW_TRIES_ABOVE
    if layout in ("auto", "tree"):
        # a big tree is folded anyway: the most folded shape alone
        trees = tree_candidates(m, width, theme, wrap, detail, decisive, most_folded=big)
        dot, size, fits = _first_fit(trees, width, engine)
        if fits or layout == "tree":
            return finish(dot, width, size)
    choose = _first_fit if big else _shortest_fit
    shapes = tuple((k, wrap) for k in (2, 1)) if wrap else OUTLINE_SHAPES
    outlines = _first_and_last(lambda s: outline_candidates(m, width, theme, wrap, detail, decisive, s), shapes, big)
    dot, size, _ = choose(outlines, width, engine)
    return finish(dot, width, size)


def fit_comparison(
    c: Comparison | None, left: ArgumentMap, right: ArgumentMap, width: float, *, theme: str = "default",
    wrap: int | None = None, layout: str = "outline", detail: str = "focus", engine: str = "dot", decisive: bool = False,
) -> FittedDot:
    """The comparison diagram made to fit `width` points: each side's outline gets
    half the width less the gap the links cross."""
    from argmap.render.compare_dot import comparison_to_dot

    t = print_theme(get_theme(theme))
    limit = width * SMALLEST_PT / MIN_PRINTED_PT
    start = wrap or min(40, chars_in(limit / 2 - 110, t))

    def candidates(wraps):
        for w in wraps:
            yield comparison_to_dot(
                c, left, right, theme=theme, wrap=max(10, w), layout=layout, detail=detail, fit=width, decisive=decisive
            )

    wraps = (start, int(start * 0.85), int(start * 0.7), int(start * 0.6), int(start * 0.5))
    big = len(left.claims) + len(right.claims) > FEW_TRIES_ABOVE
    dot, size, _ = _first_fit(_first_and_last(candidates, wraps, big), width, engine)
    return finish(dot, width, size)


def _noted(fitted: FittedDot, note: Callable[[str], None] | None) -> str:
    if note is not None and fitted.printed_pt < MIN_PRINTED_PT - 0.05:
        note(
            f"too big to fit {fitted.width_pt:.0f} pt wide: its smallest text prints at {fitted.printed_pt:.1f} pt "
            "(try --layout outline, a wider --fit, or --fit none for the screen)"
        )
    return fitted.dot


def map_figure(
    m: ArgumentMap, fit: float | None, *, theme: str = "default", wrap: int | None = None, detail: str = "full",
    layout: str = "auto", engine: str = "dot", decisive: bool = False, note: Callable[[str], None] | None = None,
) -> str:
    """The DOT `argmap render` draws: fitted to `fit` points, or the poster (None)
    with text wrapped at `wrap` (default 40). `decisive`: mark decisive claims;
    `note` hears when the figure could not fit with its text at 7 pt."""
    if fit is None:
        return map_to_dot(m, theme=theme, wrap=40 if wrap is None else wrap, detail=detail, layout=layout, decisive=decisive)
    if len(m.claims) > UNMEASURED_ABOVE:
        _unmeasured_note(len(m.claims), fit, note)
    else:
        try:
            fitted = fit_map(m, fit, theme=theme, wrap=wrap, detail=detail, layout=layout, engine=engine, decisive=decisive)
            return _noted(fitted, note)
        except MissingToolError:
            pass
    if layout == "auto":
        layout = "tree" if len(m.claims) <= AUTO_TREE_MAX_CLAIMS else "outline"
    first = tree_candidates if layout == "tree" else outline_candidates
    return unmeasured(next(iter(first(m, fit, theme, wrap, detail, decisive))), fit).dot


def _unmeasured_note(claims: int, fit: float, note: Callable[[str], None] | None) -> None:
    if note is not None:
        note(f"{claims:,} claims: scaled to {fit:.0f} pt wide without measuring a layout (too slow above "
             f"{UNMEASURED_ABOVE:,} claims); its text may print below 7 pt (--fit none draws it for the screen)")


def comparison_figure(
    c: Comparison | None, left: ArgumentMap, right: ArgumentMap, fit: float | None, *, theme: str = "default",
    wrap: int | None = None, layout: str = "outline", detail: str = "focus", engine: str = "dot", decisive: bool = False,
    note: Callable[[str], None] | None = None,
) -> str:
    """The DOT `argmap compare` draws: fitted to `fit` points, or the poster (None)."""
    from argmap.render.compare_dot import comparison_to_dot

    options = dict(theme=theme, layout=layout, detail=detail, decisive=decisive)
    if fit is None:
        return comparison_to_dot(c, left, right, wrap=40 if wrap is None else wrap, **options)
    claims = len(left.claims) + len(right.claims)
    if claims > UNMEASURED_ABOVE:
        _unmeasured_note(claims, fit, note)
    else:
        try:
            return _noted(fit_comparison(c, left, right, fit, wrap=wrap, engine=engine, **options), note)
        except MissingToolError:
            pass
    dot = comparison_to_dot(c, left, right, wrap=wrap or 24, fit=fit, **options)
    return unmeasured(dot, fit).dot
