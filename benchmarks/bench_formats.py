"""Importing from other tools (issue 18): Kialo, MindMup, Carneades, Araucaria AML.

Goal: a 2,000-claim Kialo export imports in under 0.5 s in process. The Kialo file is
the Kialo export of the synthetic 2,000-claim map (benchmarks/generate.py, seed 1:
linked premises become one entry per premise, so it has more entries than claims);
the samples are the largest of each format in ../shared/interop (skipped without it).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import BIN, DATA, REPO, generated_file, median_ms, median_wall_ms, table

INTEROP = REPO.parent / "shared" / "interop"
SAMPLES = ["kialo/laptops-current-dialect.txt", "kialo/cars-old-dialect.txt",
           "mindmup/s6mike_Example1_ClearlyFalse_WhiteSwan_minus_inline_objections.mup",
           "carneades/legalization-of-marijuana.yml", "aml/sample1.aml"]


def kialo_file(claims: int = 2000, seed: int = 1) -> Path:
    from argmap.formats.kialo import to_kialo

    return generated_file(claims, seed, "kialo.txt", to_kialo)


def run() -> str:
    from argmap.formats import read_interchange_maps
    from argmap.formats.kialo import from_kialo

    rows = []
    for n in (2_000, 10_000):
        path = kialo_file(n)
        text = path.read_text(encoding="utf-8")
        (m,) = from_kialo(text, path, path.stem)
        rows.append([f"generated, {n:,} claims", f"{text.count(chr(10)):,}", len(m.claims), len(m.arguments),
                     median_ms(lambda: from_kialo(text, path, path.stem), repeat=5)])
    for name in SAMPLES:
        path = INTEROP / name
        if path.exists():
            maps, _, _ = read_interchange_maps(path)
            lines = path.read_bytes().count(b"\n")
            rows.append([name, f"{lines:,}", len(maps[0].claims), len(maps[0].arguments),
                         median_ms(lambda: read_interchange_maps(path))])
    wall = [["`argmap import` 2,000-claim Kialo export (wall, start-up included)",
             median_wall_ms([str(BIN / "argmap"), "import", str(kialo_file()), "-o", str(DATA / "kialo-bench.json"), "--force"])]]
    return (table("Import in process (read_interchange_maps / from_kialo, ms, median)",
                  ["file", "lines", "claims", "arguments", "ms"], rows)
            + "\n" + table("Import command", ["what", "ms"], wall))


if __name__ == "__main__":
    print(run())
