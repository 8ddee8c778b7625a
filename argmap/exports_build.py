"""`make exports`: draw every bundled map and comparison into exports/.

    python -m argmap.exports_build [--check] [MAPS_DIR EXPORTS_DIR]

Without folders: maps/ into exports/, and docs/figure/ into itself (the README's
small example, drawn beside its map).

maps/NAME.json -> exports/NAME.svg and exports/NAME.png (the map's diagram, as
`argmap render` draws it by default: a tree for small maps, a page-shaped outline
with every claim's whole text for bigger ones, and for those also
exports/NAME.short.svg and .png, the titles-only outline that fits one page);
maps/NAME.compare.json -> exports/NAME.compare.svg and .png (the comparison, as
`argmap compare` draws it by default). Every figure is fitted to an A4 text width,
as `render` and `compare` do by default. Same maps, same Graphviz, same fonts (the
set-up installs them): byte-identical files, so exports/ only changes in git when a
map does. Diagrams of maps that no longer exist are removed.

`--check` writes nothing and exits 1 when a file in exports/ is missing, stale or
left over (`make test` runs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.errors import EXIT_NO, ArgmapError
from argmap.render.fit import DEFAULT_FIT, comparison_figure, map_figure, parse_fit
from argmap.render.graphviz_out import is_stale, write_output
from argmap.render.map_dot import AUTO_TREE_MAX_CLAIMS
from argmap.store import is_comparison_path, load_comparison_with_maps, load_map

FOLDERS = ((Path("maps"), Path("exports")), (Path("docs/figure"), Path("docs/figure")))
FORMATS = ("svg", "png")
# PNGs at 150 pixels per inch: a page-wide figure is about 950 px, its 7-pt text
# readable on a screen (the README shows them); SVG and PDF are vectors.
DPI = 150


def diagrams(maps_dir: Path) -> dict[str, str]:
    """Export name -> DOT source, for every map and comparison in `maps_dir`."""
    out: dict[str, str] = {}
    fit = parse_fit(DEFAULT_FIT)
    for path in sorted(maps_dir.glob("*.json")):
        name = path.name.removesuffix(".json")
        if is_comparison_path(path):
            loaded = load_comparison_with_maps(path)
            out[name] = comparison_figure(loaded.comparison.document, loaded.left.document, loaded.right.document, fit)
        else:
            m = load_map(path).document
            out[name] = map_figure(m, fit, layout="auto")
            if len(m.claims) > AUTO_TREE_MAX_CLAIMS:
                out[f"{name}.short"] = map_figure(m, fit, layout="outline", detail="short")
    return out


def _leftovers(exports_dir: Path, sources: dict[str, str]) -> list[Path]:
    return [
        p for p in sorted(exports_dir.glob("*"))
        if p.suffix.lstrip(".") in FORMATS and p.name.rsplit(".", 1)[0] not in sources
    ]


def stale(maps_dir: Path, exports_dir: Path) -> list[str]:
    """What `build` would change in exports/: one line per file."""
    sources = diagrams(maps_dir)
    problems = [
        f"{exports_dir / f'{name}.{fmt}'} is stale or missing"
        for name, dot in sources.items()
        for fmt in FORMATS
        if is_stale(dot, exports_dir / f"{name}.{fmt}", fmt, dpi=DPI)
    ]
    problems += [f"{p} has no map any more" for p in _leftovers(exports_dir, sources)]
    return problems


def build(maps_dir: Path, exports_dir: Path) -> list[Path]:
    written = []
    sources = diagrams(maps_dir)
    for name, dot in sources.items():
        for fmt in FORMATS:
            written.append(write_output(dot, exports_dir / f"{name}.{fmt}", fmt, dpi=DPI))
    for gone in _leftovers(exports_dir, sources):
        gone.unlink()
        print(f"removed {gone} (no such map any more)")
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    folders = [(Path(args[0]), Path(args[1]))] if len(args) == 2 else FOLDERS
    try:
        if check:
            problems = [line for maps_dir, exports_dir in folders for line in stale(maps_dir, exports_dir)]
            for line in problems:
                print(line, file=sys.stderr)
            if problems:
                print("figures are out of date: run `make exports` and commit the result", file=sys.stderr)
                return EXIT_NO
            print("figures are up to date: " + ", ".join(f"{e}/" for _, e in folders))
            return 0
        for maps_dir, exports_dir in folders:
            for path in build(maps_dir, exports_dir):
                print(f"wrote {path}")
    except ArgmapError as e:
        print(f"argmap: {e}", file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
