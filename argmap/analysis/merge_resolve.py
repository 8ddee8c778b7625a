"""Resolving the conflicts a merge left in a map: take ours, theirs, both, or an edit.

`resolve(m, i, choice)` returns a new map (the given one is left as it was) with
conflict `i` decided and gone from the list. Taking a side that deleted the item
deletes it as the editor does (with what hangs only on it); conflicts about items
that went with it go too. A choice that would leave a dangling reference (its
version uses something an earlier choice deleted) is refused with the reason.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from argmap import edit
from argmap.analysis.merge_core import key_of
from argmap.errors import ArgmapError
from argmap.analysis.merge import KINDS, LISTS
from argmap.model import ArgumentMap, Claim, Comparison, Conflict, Link, integrity_problems, item_from

D = TypeVar("D", ArgumentMap, Comparison)

CHOICES = ("ours", "theirs", "both")
JOINABLE_TEXT = frozenset({"note", "description", "evaluation.note"})  # "both" keeps both texts


class ResolveError(ArgmapError):
    """A resolution that cannot be made (the message says why)."""


def can_take_both(c: Conflict) -> bool:
    """Both versions can be kept when each is there and every field they disagree on
    is a list (their union) or a note or description (both texts, one after the other)."""
    if c.ours is None or c.theirs is None or not c.fields:
        return False
    return all(isinstance(field_value(c.ours, f), list) or f in JOINABLE_TEXT for f in c.fields)


def both_version(c: Conflict) -> dict[str, Any]:
    """Ours' candidate with, in each disputed field, ours' and theirs' values together."""
    if not can_take_both(c):
        raise ResolveError(f"{describe(c)}: 'both' makes no sense here; take ours or theirs, or edit")
    out = _copy_dict(c.ours)
    for f in c.fields:
        o, t = field_value(c.ours, f), field_value(c.theirs, f)
        if isinstance(o, list) or isinstance(t, list):
            keys = {key_of(x) for x in o or []}
            value: Any = list(o or []) + [x for x in t or [] if key_of(x) not in keys]
        else:
            value = "\n\n".join(x for x in (o, t) if x)
        _set(out, f, value)
    return out


def describe(c: Conflict) -> str:
    return f"the {c.kind}" if c.kind in ("map", "comparison") else f"{c.kind} {c.id}"


def resolve(m: D, index: int, choice: str, edited: dict[str, Any] | None = None) -> D:
    """Decide conflict `index` of `m`: "ours", "theirs", "both", or "edit" with
    `edited`, the item (or, for the map, the fields) as it should be. `m` may be a
    map or a comparison."""
    return _resolve_into(_copy(m), index, choice, edited)


def resolve_all(m: D, choice: str) -> D:
    """Every conflict decided the same way where it can be: "both" only where it
    makes sense; where the choice is refused (it would delete the thesis, or use
    what an earlier choice deleted), ours, else theirs."""
    out = _copy(m)
    while out.conflicts:
        c = out.conflicts[0]
        picks = [x for x in dict.fromkeys((choice, "ours", "theirs")) if x != "both" or can_take_both(c)]
        for i, pick in enumerate(picks):
            try:
                # a map is left as it was by a refused choice; a (small) comparison is copied
                out = _resolve_into(_copy(out) if isinstance(out, Comparison) else out, 0, pick, None)
                break
            except ResolveError:
                if i == len(picks) - 1:
                    raise
    return out


def _resolve_into(out: D, index: int, choice: str, edited: dict[str, Any] | None) -> D:
    """`resolve` on a copy it may change (a map: only when the choice is taken)."""
    if not 0 <= index < len(out.conflicts):
        raise ResolveError(f"no conflict number {index + 1} (there are {len(out.conflicts)})")
    c = out.conflicts[index]
    version = _version(c, choice, edited)
    if isinstance(out, ArgumentMap) and c.kind == "claim" and version is None and c.id == out.thesis:
        # The side that deleted the thesis claim chose another thesis: that choice is
        # pending as the map's conflict. Take it with this one (the same side), or the
        # deletion is refused however the conflicts are ordered.
        out, index = _with_pending_thesis(out, c, choice, index)
    if isinstance(out, Comparison):
        del out.conflicts[index]
        return _resolve_in_comparison(out, c, version)
    if c.kind == "map":
        undo = _set_map_fields(out, version or {})
    elif c.kind in KINDS:
        undo = _set_item(out, c, version)
    else:
        raise ResolveError(f"a {c.kind} conflict belongs in a comparison, not a map")
    problems = integrity_problems(out)
    if problems:
        undo()
        raise ResolveError(f"cannot take {choice} for {describe(c)}: " + "; ".join(problems))
    del out.conflicts[index]
    ids = {kind: {x.id for x in getattr(out, name)} for kind, name in LISTS.items()}
    out.conflicts = [x for x in out.conflicts if x.kind not in KINDS or x.id in ids[x.kind]]
    return out


def _with_pending_thesis(out: ArgumentMap, c: Conflict, choice: str, index: int) -> tuple[ArgumentMap, int]:
    """`out` with the map conflict that moves the thesis off `c.id` decided the same way
    (if there is one), and the new index of `c`."""
    for j, other in enumerate(out.conflicts):
        if other.kind != "map" or choice not in ("ours", "theirs"):
            continue
        fields = _version(other, choice, None) or {}
        if fields.get("thesis") not in (None, c.id):
            out = _resolve_into(out, j, choice, None)
            return out, next(i for i, x in enumerate(out.conflicts) if x is c)
    return out, index


def _resolve_in_comparison(out: Comparison, c: Conflict, version: dict[str, Any] | None) -> Comparison:
    if c.kind == "comparison":
        for name, value in (version or {}).items():
            if name not in ("title", "description", "left", "right"):
                raise ResolveError(f"comparison field {name!r} cannot be set by a resolution")
            setattr(out, name, value)
        return out
    at = next((i for i, x in enumerate(out.links) if f"{x.left} {x.right} {x.kind}" == c.id), None)
    if version is None:
        if at is not None:
            del out.links[at]
        return out
    try:
        link = item_from(Link, version)
    except ValueError as e:
        raise ResolveError(f"link {c.id}: not a valid link: {e}") from None
    if at is None:
        out.links.append(link)
    else:
        out.links[at] = link
    try:
        return Comparison.model_validate(out.model_dump())
    except ValueError as e:
        raise ResolveError(f"link {c.id}: {e}") from None


def _version(c: Conflict, choice: str, edited: dict[str, Any] | None) -> dict[str, Any] | None:
    if choice == "ours":
        return c.ours
    if choice == "theirs":
        return c.theirs
    if choice == "both":
        return both_version(c)
    if choice == "edit":
        if edited is None:
            raise ResolveError("an edited resolution needs the edited version")
        return edited
    raise ResolveError(f"unknown choice {choice!r}; use ours, theirs, both or edit")


def _set_map_fields(m: ArgumentMap, fields: dict[str, Any]) -> Callable[[], None]:
    """Set the map's fields; returns how to set them back."""
    for name in fields:
        if name not in ("title", "thesis", "authors", "description", "reconstructs"):
            raise ResolveError(f"map field {name!r} cannot be set by a resolution")
    before = {name: getattr(m, name) for name in fields}
    for name, value in fields.items():
        setattr(m, name, value)

    def undo() -> None:
        for name, value in before.items():
            setattr(m, name, value)

    return undo


def _set_item(m: ArgumentMap, c: Conflict, version: dict[str, Any] | None) -> Callable[[], None]:
    """Put `version` in the map (None: delete the item); returns how to undo a
    replacement (a deletion, as the editor does it, leaves nothing dangling)."""
    items = getattr(m, LISTS[c.kind])
    at = next((i for i, x in enumerate(items) if x.id == c.id), None)
    if version is None:
        if at is not None:
            _delete(m, c.kind, c.id)
        return lambda: None
    try:
        new = item_from(KINDS[c.kind], version)
    except ValueError as e:
        raise ResolveError(f"{describe(c)}: not a valid {c.kind}: {e}") from None
    if new.id != c.id:
        raise ResolveError(f"{describe(c)}: the resolved {c.kind} must keep its id {c.id}")
    if at is None:
        items.append(new)
        return lambda: items.remove(new)
    old, items[at] = items[at], new
    return lambda: items.__setitem__(at, old)


def _delete(m: ArgumentMap, kind: str, item_id: str) -> None:
    """Delete as the editor does: a claim from every argument (arguments left without
    premises go, with their undercuts and the claims nothing else uses); a source
    with the evidence that cites it."""
    if kind == "source":
        m.sources = [s for s in m.sources if s.id != item_id]
        m.reconstructs = [s for s in m.reconstructs if s != item_id]
        for i, claim in enumerate(m.claims):
            if any(e.source == item_id for e in claim.evidence):
                m.claims[i] = Claim(**{**_fields(claim), "evidence": [e for e in claim.evidence if e.source != item_id]})
        return
    change = edit.delete_claim(item_id) if kind == "claim" else edit.delete_argument(item_id)
    try:
        edit.History(m).apply(change)
    except edit.EditError as e:
        raise ResolveError(f"{kind} {item_id}: {e}") from None


def _fields(x: Any) -> dict[str, Any]:
    return {name: getattr(x, name) for name in x.__dataclass_fields__}


def field_value(version: dict[str, Any] | None, path: str) -> Any:
    """A field of a conflict's version by its name in `fields` ("evaluation.note")."""
    value: Any = version
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _set(d: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        d = d.setdefault(part, {})
    if value in (None, "", []):
        d.pop(last, None)
    else:
        d[last] = value


def _copy_dict(d: dict[str, Any]) -> dict[str, Any]:
    return {k: _copy_dict(v) if isinstance(v, dict) else v for k, v in d.items()}


def _copy(m: D) -> D:
    """A copy to change: new lists of copied items (edits set an item's fields, and
    replace, never change, the lists inside it), much cheaper than a deep copy."""
    names = ("links",) if isinstance(m, Comparison) else ("sources", "claims", "arguments")
    return m.model_copy(update={name: [copy.copy(x) for x in getattr(m, name)] for name in (*names, "conflicts")})
