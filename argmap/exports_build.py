"""`make exports`: draw every bundled map and comparison into exports/.

    python -m argmap.exports_build [MAPS_DIR] [EXPORTS_DIR]

maps/NAME.json -> exports/NAME.svg and exports/NAME.png (the map's diagram, as
`argmap render` draws it by default: a tree for small maps, a page-shaped outline
with every claim's whole text for bigger ones, and for those also
exports/NAME.short.svg and .png, the titles-only outline that fits one page);
maps/NAME.compare.json -> exports/NAME.compare.svg and .png (the comparison, as
`argmap compare` draws it by default: one printed page). Same maps, same Graphviz:
byte-identical files, so exports/ only changes in git when a map does. Diagrams of
maps that no longer exist are removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.render import comparison_to_dot, map_to_dot, write_output
from argmap.render.map_dot import AUTO_TREE_MAX_CLAIMS
from argmap.store import is_comparison_path, load_comparison_with_maps, load_map

FORMATS = ("svg", "png")


def diagrams(maps_dir: Path) -> dict[str, str]:
    """Export name -> DOT source, for every map and comparison in `maps_dir`."""
    out: dict[str, str] = {}
    for path in sorted(maps_dir.glob("*.json")):
        name = path.name.removesuffix(".json")
        if is_comparison_path(path):
            loaded = load_comparison_with_maps(path)
            out[name] = comparison_to_dot(loaded.comparison.document, loaded.left.document, loaded.right.document)
        else:
            m = load_map(path).document
            out[name] = map_to_dot(m, layout="auto")
            if len(m.claims) > AUTO_TREE_MAX_CLAIMS:
                out[f"{name}.short"] = map_to_dot(m, layout="outline", detail="short")
    return out


def build(maps_dir: Path, exports_dir: Path) -> list[Path]:
    written = []
    sources = diagrams(maps_dir)
    for name, dot in sources.items():
        for fmt in FORMATS:
            written.append(write_output(dot, exports_dir / f"{name}.{fmt}", fmt))
    for stale in sorted(exports_dir.glob("*")):
        if stale.suffix.lstrip(".") in FORMATS and stale.name.rsplit(".", 1)[0] not in sources:
            stale.unlink()
            print(f"removed {stale} (no such map any more)")
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    maps_dir = Path(args[0]) if args else Path("maps")
    exports_dir = Path(args[1]) if len(args) > 1 else Path("exports")
    try:
        for path in build(maps_dir, exports_dir):
            print(f"wrote {path}")
    except ArgmapError as e:
        print(f"argmap: {e}", file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
