"""Merging files: three maps (or three comparisons) by path, to canonical bytes."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from argmap.model import Conflict
from argmap.store import DEFAULT_MAX_BYTES, dumps, is_comparison_path, load_comparison, load_map

M = TypeVar("M", bound=BaseModel)


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

        cmp_ours, cmp_theirs = (load_comparison(p, max_bytes).document for p in (ours, theirs))
        cmp_base = _nothing(cmp_ours) if _empty(base) else load_comparison(base, max_bytes).document
        merged = merge_comparisons(cmp_base, cmp_ours, cmp_theirs)
        return MergedFile(dumps(merged), merged.conflicts)
    from argmap.analysis.merge import merge_maps

    map_ours, map_theirs = (load_map(p, max_bytes).document for p in (ours, theirs))
    map_base = _nothing(map_ours) if _empty(base) else load_map(base, max_bytes).document
    result = merge_maps(map_base, map_ours, map_theirs)
    return MergedFile(dumps(result.map), result.conflicts, result.renamed)


def _empty(path: Path) -> bool:
    """Git gives an empty base when both branches added the file (add/add)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_size == 0 and stat.S_ISREG(st.st_mode)  # (a FIFO or a device also says 0)


def _nothing(like: M) -> M:
    """The common ancestor of two files both branches created: no items, no fields
    (not a valid document, only what the merge compares with)."""
    empty = {name: [] for name in ("sources", "claims", "arguments", "links", "authors", "reconstructs")}
    fields = {name: value for name, value in empty.items() if name in type(like).model_fields}
    strings = {name: "" for name in ("title", "description", "thesis", "left", "right") if name in type(like).model_fields}
    return like.model_copy(update={**fields, **strings, "created": None, "modified": None} if hasattr(like, "created")
                           else {**fields, **strings})
