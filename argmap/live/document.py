"""The map's layout in a Yjs document, and writing argmap's changes into it.

Roots: `meta` (the map's own fields, each a plain value), and for each list
(claims, arguments, sources) a Map of items keyed by id plus an Array of ids
(`claims_order`, ...) that keeps the file's order. Each item is a Map of its
fields, so two people setting different fields of one claim both land. Two fields
are Arrays, so that concurrent additions merge instead of one replacing the other:
an argument's `premises` (two co-premises added at once) and a claim's `evidence`.
Every other field is last-writer-wins.

An edit is written as the net effect of an `argmap.edit.Change` on the items it
touched: items it removed are deleted, items it added or changed are written field
by field (a moved argument keeps its Map, so someone's concurrent edit of its note
survives the move), and items it inserted are placed after their predecessor.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from pycrdt import Array, Doc, Map

from argmap.model import ArgumentMap, item_dict

LISTS = ("claims", "arguments", "sources")
ARRAY_FIELDS = {"claims": ("evidence",), "arguments": ("premises",), "sources": ()}
META_FIELDS = ("schema_version", "title", "thesis", "authors", "description", "reconstructs", "created", "modified")


def plain(shared: Map | Array) -> Any:
    """A shared type's content as plain Python values. Through yrs' own JSON: pycrdt's
    `to_py` converts element by element, ~100x slower on a 10k-id order Array."""
    return json.loads(str(shared))


def items_root(doc: Doc, where: str) -> Map:
    return doc.get(where, type=Map)


def order_root(doc: Doc, where: str) -> Array:
    return doc.get(f"{where}_order", type=Array)


def meta_root(doc: Doc) -> Map:
    return doc.get("meta", type=Map)


def roots(doc: Doc) -> list:
    """Every shared root (the undo manager's scope)."""
    return [meta_root(doc)] + [r for w in LISTS for r in (items_root(doc, w), order_root(doc, w))]


def item_fields(where: str, item: Any) -> dict[str, Any]:
    """An item's fields as stored (id is the key, not a field; array fields always
    present, so that the first additions by two people go into one Array)."""
    fields = item_dict(item)
    fields.pop("id", None)
    for name in ARRAY_FIELDS[where]:
        fields.setdefault(name, [])
    return fields


def _new_item(where: str, item: Any) -> Map:
    fields = item_fields(where, item)
    return Map({k: Array(v) if k in ARRAY_FIELDS[where] else v for k, v in fields.items()})


def _meta_values(m: ArgumentMap) -> dict[str, Any]:
    dumped = m.model_dump(include=set(META_FIELDS))
    return {k: dumped[k] for k in META_FIELDS}


def write_map(doc: Doc, m: ArgumentMap) -> None:
    """Fill an empty document with a map (the host does it once, at the start)."""
    with doc.transaction(origin="load"):
        sync_meta(doc, m)
        for where in LISTS:
            items, order = items_root(doc, where), order_root(doc, where)
            for item in getattr(m, where):
                items[item.id] = _new_item(where, item)
            order.extend([item.id for item in getattr(m, where)])


def sync_meta(doc: Doc, m: ArgumentMap) -> None:
    meta = meta_root(doc)
    for name, value in _meta_values(m).items():
        if value is None:
            if name in meta:
                del meta[name]
        elif meta.get(name) != value:
            meta[name] = value


def touched_items(change) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(ids a change touched, ids it inserted) per list, read from its steps. Steps
    that name no list (the map's own fields) are covered by `sync_meta`."""
    touched: dict[str, set[str]] = {w: set() for w in LISTS}
    inserted: dict[str, set[str]] = {w: set() for w in LISTS}
    for step in change.steps:
        where = getattr(step, "where", None)
        if where not in touched:
            continue
        if getattr(step, "obj_id", None) is not None:
            touched[where].add(step.obj_id)
        item = getattr(step, "item", None)
        if item is not None:
            touched[where].add(item.id)
            if type(step).__name__ == "_Insert":
                inserted[where].add(item.id)
    return touched, inserted


def write_items(doc: Doc, m: ArgumentMap, where: str, ids: Iterable[str], placed: Iterable[str] = ()) -> None:
    """Make the document's items `ids` of list `where` what they are in `m` (written,
    or deleted when `m` has no such item), then put `placed` where `m` has them.
    Runs inside the caller's transaction."""
    local = {item.id: item for item in getattr(m, where)}
    items, order = items_root(doc, where), order_root(doc, where)
    for item_id in ids:
        item = local.get(item_id)
        if item is None:
            if item_id in items:
                del items[item_id]
            _remove_from_order(order, item_id)
        elif isinstance(items.get(item_id), Map):
            _update_item(items[item_id], where, item)
        else:
            items[item_id] = _new_item(where, item)
    positions = {item_id: i for i, item_id in enumerate(local)}
    for item_id in sorted((i for i in placed if i in positions), key=positions.__getitem__):
        _place(order, list(local), positions[item_id])


def write_change(doc: Doc, m: ArgumentMap, change, origin: Any) -> None:
    """Write a change already applied to `m` (the map as the document held it) into
    the document, as one transaction."""
    touched, inserted = touched_items(change)
    with doc.transaction(origin=origin):
        sync_meta(doc, m)
        for where in LISTS:
            if touched[where]:
                write_items(doc, m, where, touched[where], inserted[where])


def _update_item(ymap: Map, where: str, item: Any) -> None:
    want = item_fields(where, item)
    for name in list(ymap.keys()):
        if name not in want:
            del ymap[name]
    for name, value in want.items():
        current = ymap.get(name)
        if name in ARRAY_FIELDS[where]:
            if isinstance(current, Array):
                sync_array(current, value)
            else:
                ymap[name] = Array(value)
        elif current != value:
            ymap[name] = value


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def sync_array(array: Array, want: list) -> None:
    """Turn `array` into `want` with the fewest deletions and insertions, so that
    what others add to it at the same time stays."""
    have = plain(array)
    if have == want:
        return
    ops = SequenceMatcher(None, [_key(x) for x in have], [_key(x) for x in want], autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag in ("delete", "replace"):
            del array[i1:i2]
        if tag in ("insert", "replace"):
            for k, value in enumerate(want[j1:j2]):
                array.insert(i1 + k, value)


def _remove_from_order(order: Array, item_id: str) -> None:
    have = plain(order)
    for i in range(len(have) - 1, -1, -1):
        if have[i] == item_id:
            del order[i]


def _place(order: Array, local_ids: list[str], position: int) -> None:
    """Put local_ids[position] right after the nearest item before it that the order
    holds (at the start when none does)."""
    item_id = local_ids[position]
    _remove_from_order(order, item_id)
    first: dict[str, int] = {}
    for i, x in enumerate(plain(order)):
        first.setdefault(x, i)
    at = 0
    for j in range(position - 1, -1, -1):
        if local_ids[j] in first:
            at = first[local_ids[j]] + 1
            break
    order.insert(at, item_id)
