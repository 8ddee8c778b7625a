"""Run every benchmark module (benchmarks/bench_*.py) and print its tables.

    python -m benchmarks            # all
    python -m benchmarks storage    # only bench_storage.py

Each module defines `run() -> str` returning Markdown tables (medians).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    wanted = set(sys.argv[1:])
    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        print(module.run(), flush=True)


if __name__ == "__main__":
    main()
