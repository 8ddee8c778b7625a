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

The host writes these drops back into the document (`Materialized.repairs`), so that
a dropped item's id never comes back to life under a later item of the same id.

Reading a whole document is slow (pycrdt converts item by item: ~60 µs an item), so
`MapReader` keeps a plain copy and the validated items, and after a transaction
re-reads only the items it touched (Yjs deep events name them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from pycrdt import Doc, Map

from argmap.live.document import LISTS, META_FIELDS, items_root, meta_root, order_root, plain
from argmap.model import Argument, ArgumentMap, Claim, Source, item_from

ITEM_TYPES = {"claims": Claim, "arguments": Argument, "sources": Source}


class BrokenDocument(ValueError):
    """The document holds no readable map (no valid thesis claim, bad map fields)."""


@dataclass
class Raw:
    """A document's content as plain Python values."""

    meta: Any
    items: dict[str, Any]  # list name -> {id: fields}
    order: dict[str, Any]  # list name -> ids as the order Array holds them


@dataclass
class Repairs:
    """What the host must write back so the document says what replicas show."""

    delete: dict[str, list[str]] = field(default_factory=dict)  # list -> ids
    rewrite: dict[str, list[str]] = field(default_factory=dict)  # list -> ids whose fields changed
    bad_order: set[str] = field(default_factory=set)  # lists whose order Array needs tidying

    def __bool__(self) -> bool:
        return any(self.delete.values()) or any(self.rewrite.values()) or bool(self.bad_order)


@dataclass
class Materialized:
    """A map read from a document. `repairs` (only the host needs them) are worked
    out when asked for: ask before the document changes again."""

    map: ArgumentMap
    _raw: Raw
    _cache: Cache

    @cached_property
    def repairs(self) -> Repairs:
        return _repairs(self._raw, self.map, self._cache)


Cache = dict[str, dict[str, Any]]  # list name -> id -> validated item (None: invalid)


def _plain(value: Any, empty: Any) -> Any:
    return value if isinstance(value, type(empty)) else empty


def read_raw(doc: Doc) -> Raw:
    items = {w: _plain(plain(items_root(doc, w)), {}) for w in LISTS}
    order = {w: _plain(plain(order_root(doc, w)), []) for w in LISTS}
    return Raw(_plain(plain(meta_root(doc)), {}), items, order)


def _ordered_ids(raw: Raw, where: str) -> list[str]:
    items = _plain(raw.items.get(where), {})
    order = [x for x in _plain(raw.order.get(where), []) if type(x) is str]
    out = [item_id for item_id in dict.fromkeys(order) if item_id in items]
    if len(out) != len(items):
        out += sorted(set(items).difference(out))
    return out


def _validated(cls: type, item_id: str, fields: Any) -> Any:
    if not isinstance(fields, dict) or "id" in fields:
        return None
    try:
        return item_from(cls, {**fields, "id": item_id})
    except ValueError:
        return None


def _valid_items(raw: Raw, where: str, cache: dict[str, Any]) -> list:
    items = _plain(raw.items.get(where), {})
    out = []
    for item_id in _ordered_ids(raw, where):
        if item_id not in cache:
            cache[item_id] = _validated(ITEM_TYPES[where], item_id, items[item_id])
        if cache[item_id] is not None:
            out.append(cache[item_id])
    return out


def _resolve_arguments(arguments: list[Argument], claim_ids: set[str]) -> list[Argument]:
    """Arguments with their premises cleaned and dangling ones dropped, repeated
    until nothing changes (dropping an argument can leave its undercuts dangling)."""
    current = [a for a in arguments if a.id not in claim_ids]
    while True:
        argument_ids = {a.id for a in current}
        kept = []
        for a in current:
            premises = a.premises
            if not (claim_ids.issuperset(premises) and a.target not in premises and len(set(premises)) == len(premises)):
                premises = list(dict.fromkeys(p for p in premises if p in claim_ids and p != a.target))
            target_ok = a.target in claim_ids or (
                a.target in argument_ids and a.target != a.id and a.polarity == "attack"
            )
            if premises and target_ok:
                kept.append(a if premises == a.premises else replace(a, premises=premises))
        if len(kept) == len(current):
            return kept
        current = kept


def materialize(raw: Raw, cache: Cache | None = None) -> Materialized:
    """The map the document holds, by the rules above, and what the host must write
    back for the document to say so (BrokenDocument if there is no map). `cache`
    keeps validated items between calls (MapReader)."""
    cache = cache if cache is not None else {w: {} for w in LISTS}
    meta = _plain(raw.meta, {})
    sources = _valid_items(raw, "sources", cache["sources"])
    source_ids = {s.id for s in sources}
    claims = [
        c if not c.evidence or source_ids.issuperset(e.source for e in c.evidence)
        else replace(c, evidence=[e for e in c.evidence if e.source in source_ids])
        for c in _valid_items(raw, "claims", cache["claims"])
    ]  # fmt: skip
    claim_ids = {c.id for c in claims}
    arguments = _resolve_arguments(_valid_items(raw, "arguments", cache["arguments"]), claim_ids)
    reconstructs = meta.get("reconstructs")
    reconstructs = list(dict.fromkeys(r for r in reconstructs if r in source_ids)) if isinstance(reconstructs, list) else []
    data = {k: meta[k] for k in META_FIELDS if meta.get(k) is not None}
    data.update(reconstructs=reconstructs, sources=sources, claims=claims, arguments=arguments)
    if data.get("thesis") not in claim_ids:
        raise BrokenDocument("the shared map has no thesis claim")
    try:
        m = ArgumentMap.model_validate(data)
    except ValueError as e:
        raise BrokenDocument(f"the shared map is not valid: {str(e).splitlines()[0]}") from None
    return Materialized(m, raw, cache)


def _repairs(raw: Raw, m: ArgumentMap, cache: Cache) -> Repairs:
    out = Repairs()
    for where in LISTS:
        kept = getattr(m, where)
        ids = [item.id for item in kept]
        out.delete[where] = sorted(set(_plain(raw.items.get(where), {})) - set(ids))
        out.rewrite[where] = [item.id for item in kept if cache[where].get(item.id) is not item]
        if _plain(raw.order.get(where), []) != ids:
            out.bad_order.add(where)
    return out


def read_map(doc: Doc) -> ArgumentMap:
    return materialize(read_raw(doc)).map


class MapReader:
    """Reads a document's map again and again, re-reading only what changed."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.raw = read_raw(doc)
        self._cache: Cache = {w: {} for w in LISTS}
        self._dirty: dict[str, set[str]] = {w: set() for w in LISTS}
        self._stale_order: set[str] = set()
        self._stale_meta = False
        # pycrdt ends a subscription when the root's Python object goes: keep both
        self._watched: list = []
        for where in LISTS:
            items, order = items_root(doc, where), order_root(doc, where)
            self._watched += [
                (items, items.observe_deep(self._on_items(where))),
                (order, order.observe(self._on_order(where))),
            ]
        meta = meta_root(doc)
        self._watched.append((meta, meta.observe(self._on_meta)))

    # (pycrdt passes a callback as many arguments as it declares: one here)

    def _on_items(self, where: str):
        def changed(events) -> None:
            self._items_changed(where, events)

        return changed

    def _on_order(self, where: str):
        def changed(_event) -> None:
            self._stale_order.add(where)

        return changed

    def _on_meta(self, _event) -> None:
        self._stale_meta = True

    def _items_changed(self, where: str, events) -> None:
        dirty = self._dirty[where]
        for event in events:
            if event.path:
                dirty.add(event.path[0])
            else:
                dirty.update(event.keys)

    def _refresh(self) -> None:
        for where in LISTS:
            dirty, self._dirty[where] = self._dirty[where], set()
            if not dirty:
                continue
            root, items, cache = items_root(self.doc, where), self.raw.items[where], self._cache[where]
            for item_id in dirty:
                value = root.get(item_id)
                cache.pop(item_id, None)
                if value is None:
                    items.pop(item_id, None)
                else:
                    items[item_id] = plain(value) if isinstance(value, Map) else value
        for where in self._stale_order:
            self.raw.order[where] = _plain(plain(order_root(self.doc, where)), [])
        self._stale_order = set()
        if self._stale_meta:
            self.raw.meta = _plain(plain(meta_root(self.doc)), {})
            self._stale_meta = False

    def read(self) -> Materialized:
        self._refresh()
        return materialize(self.raw, self._cache)
