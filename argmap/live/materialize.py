"""The shared document read back as a valid map: the rules for merged states.

Every replica applies the same rules to the same document state, so all see the
same map. Merges that argmap's own edits can produce, and what they end in:

- Items are listed in their order Array (first occurrence wins: two people moving
  one argument at once leave it where the first move in the Array put it); items
  missing from it follow, sorted by id.
- An argument whose target was deleted is dropped (someone deleted a claim while
  someone else added a reason to it: the deletion wins; the new reason's claim
  stays, as an unconnected claim, so no text anyone typed is lost).
- A premise that no longer exists is dropped from its argument; an argument left
  with no premise is dropped, and so are undercuts of a dropped argument.
- A premise equal to the target, a repeated premise, evidence citing a missing
  source, a `reconstructs` entry naming a missing source: dropped.
- An item whose fields are not valid (only a broken or hostile client writes such
  a thing) is dropped. A document with no valid thesis claim cannot be read
  (`BrokenDocument`): the host puts the thesis back (see `repairs`).

The host writes these drops back into the document (`repairs`), so that a dropped
item's id never comes back to life under a later item of the same id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pycrdt import Doc

from argmap.live.document import LISTS, META_FIELDS, item_fields, items_root, meta_root, order_root
from argmap.model import Argument, ArgumentMap, Claim, Source, valid_item_dict

ITEM_TYPES = {"claims": Claim, "arguments": Argument, "sources": Source}


class BrokenDocument(ValueError):
    """The document holds no readable map (no valid thesis claim, bad map fields)."""


@dataclass
class Raw:
    """A document's content as plain Python values."""

    meta: dict[str, Any]
    items: dict[str, dict[str, Any]]  # list name -> id -> fields
    order: dict[str, list[Any]]  # list name -> ids as the Array holds them


@dataclass
class Repairs:
    """What the host must write back so the document says what replicas show."""

    delete: dict[str, list[str]] = field(default_factory=dict)  # list -> ids
    rewrite: dict[str, list[str]] = field(default_factory=dict)  # list -> ids whose fields changed
    bad_order: set[str] = field(default_factory=set)  # lists whose order Array needs tidying

    def __bool__(self) -> bool:
        return any(self.delete.values()) or any(self.rewrite.values()) or bool(self.bad_order)


def read_raw(doc: Doc) -> Raw:
    def plain(value: Any) -> Any:
        return value if isinstance(value, (dict, list)) else {} if value is None else value

    items = {w: plain(items_root(doc, w).to_py()) for w in LISTS}
    order = {w: plain(order_root(doc, w).to_py()) or [] for w in LISTS}
    return Raw(plain(meta_root(doc).to_py()), items, order)


def _ordered(raw: Raw, where: str) -> list[tuple[str, Any]]:
    items = raw.items.get(where)
    items = items if isinstance(items, dict) else {}
    seen: set[str] = set()
    out = []
    order = raw.order.get(where)
    for item_id in order if isinstance(order, list) else []:
        if isinstance(item_id, str) and item_id in items and item_id not in seen:
            seen.add(item_id)
            out.append((item_id, items[item_id]))
    out.extend((k, items[k]) for k in sorted(set(items) - seen))
    return out


def _valid_items(raw: Raw, where: str) -> list[dict[str, Any]]:
    cls = ITEM_TYPES[where]
    out = []
    for item_id, fields in _ordered(raw, where):
        if isinstance(fields, dict) and "id" not in fields:
            valid = valid_item_dict(cls, {**fields, "id": item_id})
            if valid is not None:
                out.append(valid)
    return out


def _resolve_arguments(arguments: list[dict], claim_ids: set[str]) -> list[dict]:
    """Arguments with their premises cleaned and dangling ones dropped, repeated
    until nothing changes (dropping an argument can leave its undercuts dangling)."""
    current = [a for a in arguments if a["id"] not in claim_ids]
    while True:
        argument_ids = {a["id"] for a in current}
        kept = []
        for a in current:
            premises = []
            for p in a["premises"]:
                if p in claim_ids and p != a["target"] and p not in premises:
                    premises.append(p)
            target = a["target"]
            target_ok = target in claim_ids or (target in argument_ids and target != a["id"] and a["polarity"] == "attack")
            if premises and target_ok:
                kept.append({**a, "premises": premises})
        if len(kept) == len(current) and all(k == c for k, c in zip(kept, current)):
            return kept
        current = kept


def materialize(raw: Raw) -> ArgumentMap:
    """The map the document holds, by the rules above (BrokenDocument if none)."""
    meta = raw.meta if isinstance(raw.meta, dict) else {}
    sources = _valid_items(raw, "sources")
    source_ids = {s["id"] for s in sources}
    claims = _valid_items(raw, "claims")
    for c in claims:
        if any(e["source"] not in source_ids for e in c.get("evidence", [])):
            c["evidence"] = [e for e in c["evidence"] if e["source"] in source_ids]
    claim_ids = {c["id"] for c in claims}
    arguments = _resolve_arguments(_valid_items(raw, "arguments"), claim_ids)
    reconstructs = meta.get("reconstructs")
    reconstructs = list(dict.fromkeys(r for r in reconstructs if r in source_ids)) if isinstance(reconstructs, list) else []
    data = {k: meta[k] for k in META_FIELDS if meta.get(k) is not None}
    data.update(reconstructs=reconstructs, sources=sources, claims=claims, arguments=arguments)
    if data.get("thesis") not in claim_ids:
        raise BrokenDocument("the shared map has no thesis claim")
    try:
        return ArgumentMap.model_validate(data)
    except ValueError as e:
        raise BrokenDocument(f"the shared map is not valid: {str(e).splitlines()[0]}") from None


def read_map(doc: Doc) -> ArgumentMap:
    return materialize(read_raw(doc))


def repairs(raw: Raw, m: ArgumentMap) -> Repairs:
    """How the document differs from the map `m` read from it (see module doc)."""
    out = Repairs()
    for where in LISTS:
        kept = {item.id: item for item in getattr(m, where)}
        items = raw.items.get(where) if isinstance(raw.items.get(where), dict) else {}
        out.delete[where] = sorted(set(items) - set(kept))
        out.rewrite[where] = [
            item_id for item_id, item in kept.items() if items.get(item_id) != item_fields(where, item)
        ]
        order = raw.order.get(where)
        if order != list(kept):
            out.bad_order.add(where)
    return out
