"""Three-way merge of two versions of a comparison: links by (left, right, kind)."""

from __future__ import annotations

from typing import Any

from argmap.analysis.merge_core import merge_dicts, merge_order
from argmap.model import Comparison, Conflict, Link, item_dict, item_from

FIELDS = ("title", "description", "left", "right")


def link_key(link: Link) -> str:
    return f"{link.left} {link.right} {link.kind}"


def merge_comparisons(base: Comparison, ours: Comparison, theirs: Comparison) -> Comparison:
    """Links one side added come, links one side removed go; a link one side removed
    and the other re-annotated, or annotated differently on both, is a conflict
    (ours' version stays meanwhile), as are the fields both sides changed."""
    b, o, t = ({link_key(x): x for x in c.links} for c in (base, ours, theirs))
    links: dict[str, Link] = {}
    conflicts: list[Conflict] = []
    for key in {**b, **o, **t}:
        bl, ol, tl = b.get(key), o.get(key), t.get(key)
        if ol is None and tl is None:
            continue
        if ol is None or tl is None:
            present, deleter = (ol, "theirs") if tl is None else (tl, "ours")
            if bl is None or present != bl:
                links[key] = present
            if bl is not None and present != bl:
                conflicts.append(_conflict(key, f"{deleter} deleted it, the other side changed its note", bl,
                                           None if deleter == "ours" else present, None if deleter == "theirs" else present))
            continue
        mine, yours, fields = merge_dicts(_d(bl), item_dict(ol), item_dict(tl))
        links[key] = item_from(Link, mine)
        if fields:
            conflicts.append(_conflict(key, "both sides changed its note", bl, mine, yours, fields))
    mine, yours, fields = merge_dicts({f: getattr(base, f) for f in FIELDS}, {f: getattr(ours, f) for f in FIELDS},
                                      {f: getattr(theirs, f) for f in FIELDS})
    if fields:
        conflicts.insert(0, Conflict(kind="comparison", reason=f"both sides changed {', '.join(fields)}", fields=fields,
                                     base={f: getattr(base, f) for f in fields}, ours={f: mine[f] for f in fields},
                                     theirs={f: yours[f] for f in fields}))
    order = merge_order(list(b), list(o), list(t), set(links))
    carried = [c for c in (*ours.conflicts, *theirs.conflicts) if c not in conflicts]
    return Comparison.model_validate({
        "schema_version": ours.schema_version, **mine,
        "links": [item_dict(links[k]) for k in order], "conflicts": [item_dict(c) for c in (*carried, *conflicts)],
    })


def _d(link: Link | None) -> dict[str, Any] | None:
    return item_dict(link) if link is not None else None


def _conflict(key: str, reason: str, base: Link | None, ours: Any, theirs: Any, fields: list[str] | None = None) -> Conflict:
    plain = lambda x: item_dict(x) if isinstance(x, Link) else x  # noqa: E731
    return Conflict(kind="link", id=key, reason=reason, fields=fields or [],
                    base=plain(base), ours=plain(ours), theirs=plain(theirs))
