"""Three-way structural merge of two versions of a map (`argmap merge`, git's driver).

Sources, claims and arguments are matched by id and merged field by field: a change
made on one side is taken, the same change on both is taken once, lists that are sets
(tags, premises, evidence, authors) combine. What cannot be decided becomes a
`Conflict` recorded in the map, with ours as the provisional choice:

- both sides changed one field differently;
- one side deleted an item the other changed, or still uses (an argument whose
  premise or target the other side deleted): the item stays, so nothing dangles;
- an argument whose merged fields make no sense together (its new target is one of
  its new premises): ours' version stays.

Ids that both sides created for different items (both added `c12`) are renamed on
theirs' side, everywhere theirs uses them. The result is always a valid map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from argmap.analysis.merge_core import merge_dicts, merge_order
from argmap.errors import ArgmapError
from argmap.model import Argument, ArgumentMap, Claim, Conflict, Source, integrity_problems, item_dict, item_from

KINDS = {"source": Source, "claim": Claim, "argument": Argument}
LISTS = {"source": "sources", "claim": "claims", "argument": "arguments"}
SET_FIELDS = frozenset({"tags", "evidence", "premises", "authors"})
MAP_FIELDS = ("title", "thesis", "authors", "description", "reconstructs")
MAP_SET_FIELDS = frozenset({"authors", "reconstructs"})


@dataclass
class MergeResult:
    map: ArgumentMap
    renamed: dict[str, str] = field(default_factory=dict)  # theirs' id -> its id in the result

    @property
    def conflicts(self) -> list[Conflict]:
        return self.map.conflicts


class MergeError(ArgmapError):
    """The merge produced no valid map: a bug in the merge, never the user's input
    (git's driver then falls back to a line merge)."""


def merge_maps(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> MergeResult:
    theirs, renamed = rename_collisions(base, ours, theirs)
    state = _State(base, ours, theirs)
    for kind in KINDS:
        state.merge_items(kind)
    state.check_arguments()
    fields = state.merge_map_fields()
    state.restore_referenced(fields)
    result = state.build(fields)
    problems = integrity_problems(result)
    if problems:
        raise MergeError("merge produced an invalid map (please report this):\n" + "\n".join(problems))
    return MergeResult(result, renamed)


# ------------------------------------------------------------------ renaming


_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def rename_collisions(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> tuple[ArgumentMap, dict[str, str]]:
    """Theirs with its new ids that ours also created, for something else, renamed.
    Sources first, then claims, then arguments: an item is "the same" as ours' only
    once the ids it refers to are renamed."""
    taken = {x.id for m in (base, ours, theirs) for x in (*m.sources, *m.claims, *m.arguments)}
    renamed: dict[str, str] = {}
    for kind, namespace in (("source", "sources"), ("claim", "nodes"), ("argument", "nodes")):
        base_ids = _ids(base, namespace)
        ours_items = {x.id: x for x in _items_in(ours, namespace)}
        for x in getattr(theirs, LISTS[kind]):
            if x.id in base_ids or x.id not in ours_items:
                continue
            mine = _rename_item(x, renamed)
            if ours_items[x.id] != mine:
                renamed[x.id] = _free_id(x.id, taken)
                taken.add(renamed[x.id])
    return (_apply_renames(theirs, renamed) if renamed else theirs), renamed


def _ids(m: ArgumentMap, namespace: str) -> set[str]:
    return {x.id for x in _items_in(m, namespace)}


def _items_in(m: ArgumentMap, namespace: str) -> Iterable[Any]:
    return m.sources if namespace == "sources" else (*m.claims, *m.arguments)


def _free_id(old: str, taken: set[str]) -> str:
    """`c12` -> the first free `c13`, `c14`...; `x` -> `x-2`, `x-3`..."""
    match = _NUMBERED.match(old)
    prefix, n, sep = (match.group(1), int(match.group(2)) + 1, "") if match else (old + "-", 2, "")
    while f"{prefix}{sep}{n}" in taken:
        n += 1
    return f"{prefix}{sep}{n}"


def _rename_item(x: Any, renamed: dict[str, str]) -> Any:
    """The item with every id it has or refers to renamed (the same object if none)."""
    changes: dict[str, Any] = {}
    if x.id in renamed:
        changes["id"] = renamed[x.id]
    if isinstance(x, Claim) and any(e.source in renamed for e in x.evidence):
        changes["evidence"] = [replace(e, source=renamed.get(e.source, e.source)) for e in x.evidence]
    if isinstance(x, Argument):
        if any(p in renamed for p in x.premises):
            changes["premises"] = [renamed.get(p, p) for p in x.premises]
        if x.target in renamed:
            changes["target"] = renamed[x.target]
    return replace(x, **changes) if changes else x


def _apply_renames(m: ArgumentMap, renamed: dict[str, str]) -> ArgumentMap:
    return m.model_copy(update={
        "thesis": renamed.get(m.thesis, m.thesis),
        "reconstructs": [renamed.get(s, s) for s in m.reconstructs],
        **{name: [_rename_item(x, renamed) for x in getattr(m, name)] for name in LISTS.values()},
    })


# ------------------------------------------------------------------ merging


@dataclass
class _Deleted:
    side: str  # "ours" or "theirs": who deleted it
    kept: Any  # the other side's (unchanged) version


class _State:
    """The merge in progress: the provisional items by kind and id, the conflicts by
    (kind, id), and the items one side deleted and the other left alone (which come
    back if something still uses them)."""

    def __init__(self, base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> None:
        self.maps = {"base": base, "ours": ours, "theirs": theirs}
        self.items: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.conflicts: dict[tuple[str, str], Conflict] = {}
        self.deleted: dict[str, dict[str, _Deleted]] = {kind: {} for kind in KINDS}

    def lists(self, kind: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        name = LISTS[kind]
        return tuple({x.id: x for x in getattr(self.maps[side], name)} for side in ("base", "ours", "theirs"))  # type: ignore[return-value]

    def merge_items(self, kind: str) -> None:
        base, ours, theirs = self.lists(kind)
        out = self.items[kind]
        for item_id in {**base, **ours, **theirs}:
            b, o, t = base.get(item_id), ours.get(item_id), theirs.get(item_id)
            if o is None and t is None:
                continue
            if o is None or t is None:
                self._one_side_missing(kind, item_id, b, o, t)
            elif o == t or t == b:
                out[item_id] = o
            elif o == b:
                out[item_id] = t
            else:
                self._merge_fields(kind, item_id, b, o, t)

    def _one_side_missing(self, kind: str, item_id: str, b: Any, o: Any, t: Any) -> None:
        present, side, deleter = (o, "ours", "theirs") if t is None else (t, "theirs", "ours")
        if b is None:
            self.items[kind][item_id] = present  # added on one side
        elif present == b:
            self.deleted[kind][item_id] = _Deleted(deleter, present)
        else:
            self.items[kind][item_id] = present
            self.add_conflict(kind, item_id, f"{deleter} deleted it, {side} changed it", b,
                              None if deleter == "ours" else present, None if deleter == "theirs" else present)

    def _merge_fields(self, kind: str, item_id: str, b: Any, o: Any, t: Any) -> None:
        cls = KINDS[kind]
        base = item_dict(b) if b is not None else None
        mine, yours, fields = merge_dicts(base, item_dict(o), item_dict(t), SET_FIELDS)
        if kind == "argument" and not mine.get("premises"):
            mine["premises"], yours["premises"] = item_dict(o)["premises"], item_dict(t)["premises"]
            fields.append("premises")  # the two sides removed every premise between them
        self.items[kind][item_id] = item_from(cls, mine)
        if fields:
            what = "added it" if b is None else "changed"
            self.add_conflict(kind, item_id, f"both sides {what} {', '.join(fields)}", b, mine, yours, fields)

    def add_conflict(self, kind: str, item_id: str, reason: str, base: Any, ours: Any, theirs: Any,
                     fields: list[str] | None = None) -> None:
        self.conflicts[(kind, item_id)] = Conflict(
            kind=kind, id=item_id, reason=reason, fields=fields or [],
            base=_plain(base), ours=_plain(ours), theirs=_plain(theirs),
        )

    def check_arguments(self) -> None:
        """An argument whose merged fields clash (a target among its premises, a
        reason aimed at an argument) keeps ours' version, with theirs' as the
        alternative."""
        _, ours, theirs = self.lists("argument")
        arguments = self.items["argument"]
        nodes = self.node_kinds()
        for aid, a in list(arguments.items()):
            if _argument_problem(a, nodes) is None or aid not in ours or aid not in theirs:
                continue
            o, t = ours[aid], theirs[aid]
            arguments[aid] = o
            b = self.maps["base"]
            base = next((x for x in b.arguments if x.id == aid), None)
            self.add_conflict("argument", aid, f"the two versions do not fit together ({_argument_problem(a, nodes)})",
                              base, o, t, [f for f in ("premises", "polarity", "target") if getattr(o, f) != getattr(t, f)])

    def node_kinds(self) -> dict[str, str]:
        kinds = {}
        for side in ("base", "ours", "theirs"):
            m = self.maps[side]
            kinds.update({c.id: "claim" for c in m.claims})
            kinds.update({a.id: "argument" for a in m.arguments})
        return kinds

    def merge_map_fields(self) -> dict[str, Any]:
        b, o, t = (self.maps[s] for s in ("base", "ours", "theirs"))
        dump = lambda m: {f: getattr(m, f) for f in MAP_FIELDS}  # noqa: E731
        mine, yours, fields = merge_dicts(dump(b), dump(o), dump(t), MAP_SET_FIELDS)
        reason = f"both sides changed {', '.join(fields)}"
        deleter = self.deleting_side(mine["thesis"])
        if "thesis" not in fields and deleter and getattr(self.maps[deleter], "thesis") != mine["thesis"]:
            # one side made a claim the thesis, the other deleted it (perhaps while
            # the first also edited it): a thesis can only go once it is no longer the
            # thesis, so the thesis is disputed too
            mine["thesis"], yours["thesis"] = o.thesis, t.thesis
            fields.append("thesis")
            maker = "theirs" if deleter == "ours" else "ours"
            reason = "; ".join(x for x in (reason if len(fields) > 1 else "",
                                            f"{maker} made {mine['thesis'] if maker == 'ours' else yours['thesis']} the thesis, "
                                            f"{deleter} deleted it") if x)
        if fields:
            self.conflicts[("map", "")] = Conflict(
                kind="map", reason=reason, fields=fields,
                base={f: getattr(b, f) for f in fields}, ours={f: mine[f] for f in fields},
                theirs={f: yours[f] for f in fields},
            )
        stamps = [m.created for m in (o, t) if m.created]
        mine["created"] = min(stamps) if stamps else None
        stamps = [m.modified for m in (o, t) if m.modified]
        mine["modified"] = max(stamps) if stamps else None
        return mine

    def deleting_side(self, claim_id: str) -> str | None:
        """"ours" or "theirs" if that side deleted the claim (cleanly, or against the
        other side's edit, which is a conflict by now), else None."""
        if claim_id in self.deleted["claim"]:
            return self.deleted["claim"][claim_id].side
        c = self.conflicts.get(("claim", claim_id))
        if c is not None and (c.ours is None) != (c.theirs is None):
            return "ours" if c.ours is None else "theirs"
        return None

    def restore_referenced(self, fields: dict[str, Any]) -> None:
        """Bring back what one side deleted and something still uses: an item the
        merge keeps, or either side's version in a conflict. A claim comes back with
        the deleted arguments it was a premise of, so that it keeps its place."""
        queue: list[tuple[str, str, str]] = []  # (kind, id, what uses it)
        queue += [("claim", fields["thesis"], "the map's thesis is it")]
        queue += [("source", s, "the map's reconstructs names it") for s in fields["reconstructs"]]
        for kind, items in self.items.items():
            for x in items.values():
                queue += _references(kind, x)
        for c in list(self.conflicts.values()):
            for version in (c.ours, c.theirs):
                if version is not None:
                    queue += _references(c.kind, item_from(KINDS[c.kind], version)) if c.kind in KINDS else _map_references(version)
        holders: dict[str, list[str]] = {}
        for aid, gone in self.deleted["argument"].items():
            for p in gone.kept.premises:
                holders.setdefault(p, []).append(aid)
        while queue:
            kind, item_id, user = queue.pop()
            if item_id in self.items[kind] or item_id not in self.deleted[kind]:
                continue
            gone = self.deleted[kind].pop(item_id)
            self.items[kind][item_id] = gone.kept
            other = "theirs" if gone.side == "ours" else "ours"
            self.add_conflict(kind, item_id, f"{gone.side} deleted it, but {user}", gone.kept,
                              None if gone.side == "ours" else gone.kept, None if gone.side == "theirs" else gone.kept)
            queue += _references(kind, gone.kept)
            if kind == "claim":
                queue += [("argument", aid, f"it holds claim {item_id}, which stays") for aid in holders.get(item_id, ())]

    def build(self, fields: dict[str, Any]) -> ArgumentMap:
        b, o, t = (self.maps[s] for s in ("base", "ours", "theirs"))
        lists: dict[str, list] = {}
        for kind, name in LISTS.items():
            items = self.items[kind]
            order = merge_order(*([x.id for x in getattr(m, name)] for m in (b, o, t)), set(items))
            lists[name] = [items[i] for i in order]
        position = {("map", ""): (0, 0)}
        for rank, (kind, name) in enumerate(LISTS.items(), start=1):
            position.update({(kind, x.id): (rank, i) for i, x in enumerate(lists[name])})
        mine = sorted(self.conflicts.items(), key=lambda kv: position[kv[0]])
        conflicts = _unique([*o.conflicts, *t.conflicts, *(c for _, c in mine)])
        return ArgumentMap.model_construct(schema_version=o.schema_version, **fields, **lists, conflicts=conflicts)


def _argument_problem(a: Argument, nodes: dict[str, str]) -> str | None:
    if a.target == a.id:
        return "it would target itself"
    if a.target in a.premises:
        return f"its target {a.target} would be one of its premises"
    if a.polarity == "support" and nodes.get(a.target) == "argument":
        return f"a reason would target the argument {a.target}"
    if len(set(a.premises)) != len(a.premises):
        return "a premise would be listed twice"
    return None


def _references(kind: str, x: Any) -> list[tuple[str, str, str]]:
    """(kind, id, what uses it) for each id an item refers to."""
    if kind == "claim":
        return [("source", e.source, f"claim {x.id} cites it") for e in x.evidence]
    if kind == "argument":
        who = f"argument {x.id} uses it"
        answers = [("argument", q.by, f"it answers a critical question of argument {x.id}") for q in x.questions if q.by]
        return [("claim", p, who) for p in x.premises] + [("claim", x.target, who), ("argument", x.target, who)] + answers
    return []


def _map_references(d: dict[str, Any]) -> list[tuple[str, str, str]]:
    refs = [("claim", d["thesis"], "a version of the map's thesis is it")] if "thesis" in d else []
    return refs + [("source", s, "a version of the map's reconstructs names it") for s in d.get("reconstructs", ())]


def _plain(x: Any) -> dict[str, Any] | None:
    if x is None or isinstance(x, dict):
        return x
    return item_dict(x)


def _unique(conflicts: list[Conflict]) -> list[Conflict]:
    out: list[Conflict] = []
    for c in conflicts:
        if c not in out:
            out.append(c)
    return out

