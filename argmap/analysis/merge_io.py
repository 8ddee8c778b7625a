"""Merging files: three maps (or three comparisons) by path, to canonical bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from argmap.model import Conflict
from argmap.store import DEFAULT_MAX_BYTES, dumps, is_comparison_path, load_comparison, load_map


@dataclass
class MergedFile:
    data: bytes  # the merged document, canonical
    conflicts: list[Conflict]
    renamed: dict[str, str] = field(default_factory=dict)


def merge_files(base: Path, ours: Path, theirs: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                comparison: bool | None = None) -> MergedFile:
    """Merge two versions of a document; comparisons when `comparison` (default:
    when OURS is named X.compare.json). InputError when a file is no such document."""
    if comparison is None:
        comparison = is_comparison_path(ours)
    if comparison:
        from argmap.analysis.merge_comparison import merge_comparisons

        docs = [load_comparison(p, max_bytes).document for p in (base, ours, theirs)]
        merged = merge_comparisons(*docs)
        return MergedFile(dumps(merged), merged.conflicts)
    from argmap.analysis.merge import merge_maps

    maps = [load_map(p, max_bytes).document for p in (base, ours, theirs)]
    result = merge_maps(*maps)
    return MergedFile(dumps(result.map), result.conflicts, result.renamed)
