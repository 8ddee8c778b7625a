"""Editing operations on an ArgumentMap, with unlimited undo and redo.

Every change is a command object made of small reversible steps (insert or remove
one list item, set one field), recorded as they are applied; undo replays the
inverse steps in reverse order. Nothing here copies the whole document, so an edit
on a 10k-claim map costs well under a millisecond plus an id lookup.

Usage::

    history = History(m)
    cid = history.apply(add_reason(m, "t", "Cars are loud.")).created
    history.undo(); history.redo()

Builders (`add_reason`, `delete_claim`, ...) only plan a change against the current
map; `History.apply` performs it. A builder raises `EditError` when the change makes
no sense (deleting the thesis, pasting a subtree under itself, ...).
"""

from __future__ import annotations

import re
from collections import deque
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import ValidationError

from argmap.analysis.structure import MapIndex
from argmap.errors import ArgmapError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Question, Source, item_dict, item_from

ListName = Literal["claims", "arguments", "sources"]


class EditError(ArgmapError):
    """An edit that cannot be made (the message says why)."""


# ------------------------------------------------------------------ primitive steps


@dataclass
class _Insert:
    where: ListName
    index: int
    item: Any

    def do(self, m: ArgumentMap) -> None:
        getattr(m, self.where).insert(self.index, self.item)

    def undo(self, m: ArgumentMap) -> None:
        del getattr(m, self.where)[self.index]


@dataclass
class _Remove:
    where: ListName
    index: int
    item: Any = None

    def do(self, m: ArgumentMap) -> None:
        self.item = getattr(m, self.where).pop(self.index)

    def undo(self, m: ArgumentMap) -> None:
        getattr(m, self.where).insert(self.index, self.item)


@dataclass
class _Set:
    """Set attribute `name` of the object (claim or argument) with id `obj_id`."""

    where: ListName
    obj_id: str
    name: str
    new: Any
    old: Any = None

    def _obj(self, m: ArgumentMap) -> Any:
        return _find(getattr(m, self.where), self.obj_id)[1]

    def do(self, m: ArgumentMap) -> None:
        obj = self._obj(m)
        self.old = getattr(obj, self.name)
        setattr(obj, self.name, self.new)

    def undo(self, m: ArgumentMap) -> None:
        setattr(self._obj(m), self.name, self.old)


@dataclass
class _SetMap:
    """Set a field of the map itself (title, description, authors)."""

    name: str
    new: Any
    old: Any = None

    def do(self, m: ArgumentMap) -> None:
        self.old = getattr(m, self.name)
        setattr(m, self.name, self.new)

    def undo(self, m: ArgumentMap) -> None:
        setattr(m, self.name, self.old)


def _find(items: list, item_id: str) -> tuple[int, Any]:
    for i, x in enumerate(items):
        if x.id == item_id:
            return i, x
    raise EditError(f"no item with id {item_id!r}")


# ------------------------------------------------------------------ commands


@dataclass
class Change:
    """One user-visible change: a label for undo/redo messages and the steps to do it.

    `steps` are planned lazily by `plan(m)` when the change is applied, so each step
    sees the map as the previous steps left it. `created` is the id of the claim the
    change created (the UI selects it and opens the editor), `focus` the id of the
    node to select after the change.
    """

    label: str
    plan: Any  # callable(m, change) -> None, appends steps via change.step()
    created: str | None = None
    focus: str | None = None
    steps: list = field(default_factory=list)
    _map: ArgumentMap | None = None

    def step(self, s) -> None:
        assert self._map is not None
        s.do(self._map)
        self.steps.append(s)

    def do(self, m: ArgumentMap) -> None:
        self._map = m
        if self.steps:  # redo: replay the recorded steps
            for s in self.steps:
                s.do(m)
            return
        try:
            self.plan(m, self)
        except BaseException:
            self.undo(m)
            self.steps.clear()
            raise

    def undo(self, m: ArgumentMap) -> None:
        for s in reversed(self.steps):
            s.undo(m)

    def touched(self) -> set[str]:
        """Ids of the claims and arguments this change inserted, removed or set, and
        of the claims an inserted or removed argument connects (for a UI that
        refreshes only what changed)."""
        ids: set[str] = set()
        for s in self.steps:
            if isinstance(s, _Set):
                ids.add(s.obj_id)
                for value in (s.old, s.new):
                    if s.name == "premises" and isinstance(value, list):
                        ids.update(value)
                    elif s.name == "target" and isinstance(value, str):
                        ids.add(value)
            elif isinstance(s, (_Insert, _Remove)) and s.item is not None and s.where != "sources":
                ids.add(s.item.id)
                if isinstance(s.item, Argument):
                    ids.add(s.item.target)
                    ids.update(s.item.premises)
        return ids


class History:
    """Unlimited undo/redo over one map. `revision` counts every change, undo and
    redo (views recompute when it moves); `dirty` says whether the map differs from
    the version last saved, so undoing back to it makes the map clean again."""

    def __init__(self, m: ArgumentMap, *, saved: bool = True) -> None:
        self.map = m
        self.done: list[Change] = []
        self.undone: list[Change] = []
        self.revision = 0
        # The saved version is the one where `done` ended with this change (None: with
        # no change); it stops being reachable once a new change discards it from redo.
        self._saved_top: Change | None = None
        self._saved_reachable = saved

    def apply(self, change: Change) -> Change:
        if any(c is self._saved_top for c in self.undone):
            self._saved_reachable = False
        change.do(self.map)
        self.done.append(change)
        self.undone.clear()
        self.revision += 1
        return change

    def undo(self) -> Change | None:
        if not self.done:
            return None
        change = self.done.pop()
        change.undo(self.map)
        self.undone.append(change)
        self.revision += 1
        return change

    def redo(self) -> Change | None:
        if not self.undone:
            return None
        change = self.undone.pop()
        change.do(self.map)
        self.done.append(change)
        self.revision += 1
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    @property
    def dirty(self) -> bool:
        return not self._saved_reachable or self._top() is not self._saved_top

    def mark_saved(self) -> None:
        self._saved_top = self._top()
        self._saved_reachable = True

    def _top(self) -> Change | None:
        return self.done[-1] if self.done else None


# ------------------------------------------------------------------ ids and lookups


# Appended to every new id while set: in a live session (argmap/live) each participant
# has their own, so two people adding a reason at once never both make c5.
ID_SUFFIX: ContextVar[str] = ContextVar("argmap_id_suffix", default="")


def new_id(m: ArgumentMap, prefix: str) -> str:
    """A free id `<prefix><n>`, n one past the highest `<prefix><number>` in the map (and
    at least the count of claims or arguments + 1, so ids of a map built in the editor
    run c1, c2, ...). Never a gap below the highest: an id freed by a deletion is not
    handed to a new item, which a three-way merge would take for the old one (another
    branch's objection to the deleted claim would attach to the new claim).
    With ID_SUFFIX set, ids end with it, and numbers of ids with it count too."""
    suffix = ID_SUFFIX.get()
    highest = 0
    for item in (*m.claims, *m.arguments):
        tail = item.id[len(prefix):]
        if suffix and tail.endswith(suffix):
            tail = tail[: -len(suffix)]
        if item.id.startswith(prefix) and tail.isdigit() and tail.isascii():
            highest = max(highest, int(tail))
    n = max(highest, len(m.claims) if prefix == "c" else len(m.arguments)) + 1
    taken = {c.id for c in m.claims}
    taken.update(a.id for a in m.arguments)
    while f"{prefix}{n}{suffix}" in taken:
        n += 1
    return f"{prefix}{n}{suffix}"


def _claim(m: ArgumentMap, claim_id: str) -> Claim:
    return _find(m.claims, claim_id)[1]


def _argument(m: ArgumentMap, argument_id: str) -> Argument:
    return _find(m.arguments, argument_id)[1]


def _is_claim(m: ArgumentMap, node_id: str) -> bool:
    return any(c.id == node_id for c in m.claims)


def _clean(text: str) -> str:
    return text.strip()


# ------------------------------------------------------------------ adding


def _add_argument(label: str, target: str, polarity: str, text: str) -> Change:
    def plan(m: ArgumentMap, ch: Change) -> None:
        if not any(c.id == target for c in m.claims) and not any(a.id == target for a in m.arguments):
            raise EditError(f"no claim or argument with id {target!r}")
        cid = new_id(m, "c")
        ch.step(_Insert("claims", len(m.claims), Claim(id=cid, text=_clean(text))))
        aid = new_id(m, "a")
        ch.step(_Insert("arguments", len(m.arguments), Argument(id=aid, premises=[cid], polarity=polarity, target=target)))
        ch.created = ch.focus = cid

    return Change(label, plan)


def add_reason(target_claim: str, text: str = "") -> Change:
    """A new claim supporting `target_claim` (a new single-premise argument)."""
    return _add_argument("add reason", target_claim, "support", text)


def add_objection(target_claim: str, text: str = "") -> Change:
    """A new claim attacking `target_claim` (an objection, or a rebuttal of one: the
    change's label says which, for undo messages)."""
    adding = _add_argument("add objection", target_claim, "attack", text)

    def plan(m: ArgumentMap, ch: Change) -> None:
        if any(a.polarity == "attack" and target_claim in a.premises for a in m.arguments):
            ch.label = "add rebuttal"
        adding.plan(m, ch)

    return Change("add objection", plan)


def add_undercut(target_argument: str, text: str = "") -> Change:
    """A new claim attacking the inference of `target_argument`."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        _argument(m, target_argument)  # must exist and be an argument
        _add_argument("add undercut", target_argument, "attack", text).plan(m, ch)

    return Change("add undercut", plan)


def add_co_premise(argument_id: str, text: str = "", after: str | None = None) -> Change:
    """A new claim linked with the premises of `argument_id` (after premise `after`)."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        a = _argument(m, argument_id)
        cid = new_id(m, "c")
        ch.step(_Insert("claims", len(m.claims), Claim(id=cid, text=_clean(text))))
        premises = list(a.premises)
        at = premises.index(after) + 1 if after in premises else len(premises)
        premises.insert(at, cid)
        ch.step(_Set("arguments", argument_id, "premises", premises))
        ch.created = ch.focus = cid

    return Change("add co-premise", plan)


# ------------------------------------------------------------------ editing fields


def _set_claim_field(label: str, claim_id: str, name: str, value: Any) -> Change:
    def plan(m: ArgumentMap, ch: Change) -> None:
        _claim(m, claim_id)
        ch.step(_Set("claims", claim_id, name, value))
        ch.focus = claim_id

    return Change(label, plan)


def edit_text(claim_id: str, text: str) -> Change:
    return _set_claim_field("edit text", claim_id, "text", _clean(text))


def edit_title(claim_id: str, title: str) -> Change:
    return _set_claim_field("edit title", claim_id, "title", _clean(title) or None)


def parse_tags(text: str) -> list[str]:
    """'a, b  c' -> ['a', 'b', 'c'] (commas or spaces; '#' prefixes dropped; no repeats)."""
    out: list[str] = []
    for part in re.split(r"[,\s]+", text):
        tag = part.strip().lstrip("#")
        if tag and tag not in out:
            out.append(tag)
    return out


def edit_tags(claim_id: str, tags: list[str]) -> Change:
    return _set_claim_field("edit tags", claim_id, "tags", list(tags))


def edit_note(claim_id: str, note: str) -> Change:
    return _set_claim_field("edit note", claim_id, "note", note.strip() or None)


def edit_evidence(
    claim_id: str,
    index: int | None,
    source: str,
    quote: str = "",
    locator: str = "",
    source_title: str = "",
    new_source: Source | None = None,
) -> Change:
    """Set evidence item `index` of a claim (None: append a new one). An empty
    `source` removes item `index`. An unknown source id adds that source to the map:
    `new_source` when given (its id must be `source`), else one with `source_title`."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        c = _claim(m, claim_id)
        evidence = list(c.evidence)
        src = source.strip()
        if not src:
            if index is None or index >= len(evidence):
                return
            del evidence[index]
        else:
            if not any(s.id == src for s in m.sources):
                if new_source is not None and new_source.id == src:
                    added = new_source
                else:
                    try:
                        added = Source(id=src, title=source_title.strip())
                    except ValueError:
                        raise EditError(f"{src!r} is not a valid source id (letters, digits, . _ : -)") from None
                ch.step(_Insert("sources", len(m.sources), added))
            item = Evidence(source=src, quote=quote.strip(), locator=locator.strip())
            if index is None or index >= len(evidence):
                evidence.append(item)
            else:
                evidence[index] = item
        ch.step(_Set("claims", claim_id, "evidence", evidence))
        ch.focus = claim_id

    return Change("edit evidence", plan)


MAP_FIELDS = ("title", "description", "authors")
SOURCE_FIELDS = ("authors", "year", "title", "venue", "url", "text")


def edit_map(**fields: Any) -> Change:
    """Set the map's own fields (title, description, authors); unchanged ones are
    left out of the change."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        for name, value in fields.items():
            if name not in MAP_FIELDS:
                raise EditError(f"the map has no editable field {name!r}")
            if getattr(m, name) != value:
                ch.step(_SetMap(name, value))

    return Change("edit map details", plan)


def edit_source(source_id: str, **fields: Any) -> Change:
    """Set fields of a source (authors, year, title, venue, url, text); the values
    are checked as the file format requires (EditError says what is wrong)."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        _, s = _find(m.sources, source_id)
        unknown = set(fields) - set(SOURCE_FIELDS)
        if unknown:
            raise EditError(f"a source has no field {sorted(unknown)[0]!r}")
        try:
            checked = item_from(Source, {**item_dict(s), **fields})
        except ValidationError as e:
            raise EditError(f"source {source_id}: {e.errors()[0]['msg']}") from None
        for name in fields:
            if getattr(checked, name) != getattr(s, name):
                ch.step(_Set("sources", source_id, name, getattr(checked, name)))

    return Change("edit source", plan)


# ------------------------------------------------------------------ deleting


def subtree(m: ArgumentMap, node_id: str) -> tuple[set[str], set[str]]:
    """Claims and arguments below `node_id` (a claim or an argument): the arguments
    targeting it and their premises, recursively. The node itself is included."""
    idx = MapIndex.build(m)
    claims: set[str] = set()
    arguments: set[str] = set()
    stack = [node_id]
    while stack:
        n = stack.pop()
        if n in idx.arguments:
            if n in arguments:
                continue
            arguments.add(n)
            stack.extend(idx.arguments[n].premises)
        else:
            if n in claims:
                continue
            claims.add(n)
        stack.extend(a.id for a in idx.children(n))
    return claims, arguments


def delete_claim(claim_id: str, from_argument: str | None = None) -> Change:
    """Delete a claim where it is shown: take it out of `from_argument` (the argument
    it is a premise of at that place; an argument left without premises goes too, with
    its undercuts). The claim itself, and everything that targets it, is deleted when
    it is no longer used anywhere; claims below that are still used elsewhere stay.
    Without `from_argument` the claim is removed from every argument."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        if claim_id == m.thesis:
            raise EditError("the thesis cannot be deleted (edit its text instead)")
        _claim(m, claim_id)
        if from_argument is not None:
            owners = [a for a in m.arguments if a.id == from_argument and claim_id in a.premises]
        else:
            owners = [a for a in m.arguments if claim_id in a.premises]
        emptied = set()
        for a in owners:
            rest = [p for p in a.premises if p != claim_id]
            if rest:
                ch.step(_Set("arguments", a.id, "premises", rest))
            else:
                emptied.add(a.id)
        _remove_with_orphans(m, ch, emptied, [claim_id])

    return Change("delete", plan)


def delete_argument(argument_id: str) -> Change:
    """Delete an argument (a reason, objection or undercut) with its subtree."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        _argument(m, argument_id)
        _remove_with_orphans(m, ch, {argument_id}, [])

    return Change("delete", plan)


def _remove_with_orphans(m: ArgumentMap, ch: Change, arguments: set[str], candidates: list[str]) -> None:
    """Remove `arguments` and what hangs only on them, until nothing more goes: the
    arguments targeting a removed node (undercuts), and every claim among
    `candidates` and the premises of removed arguments that no remaining argument
    uses (never the thesis), with the arguments targeting it. Decided on one index,
    then removed from the back of each list, so that each index stays valid."""
    idx = MapIndex.build(m)
    uses = {c: len(args) for c, args in idx.used_in.items()}
    gone_arguments: set[str] = set()
    gone_claims: set[str] = set()
    queue = deque(candidates)

    def drop(start: str) -> None:
        stack = [start]
        while stack:
            aid = stack.pop()
            if aid in gone_arguments:
                continue
            gone_arguments.add(aid)
            for p in idx.arguments[aid].premises:
                uses[p] -= 1
                queue.append(p)
            stack.extend(a.id for a in idx.children(aid))

    for aid in arguments:
        drop(aid)
    while queue:
        cid = queue.popleft()
        if cid == m.thesis or cid in gone_claims or cid not in idx.claims or uses.get(cid, 0) > 0:
            continue
        gone_claims.add(cid)
        for a in idx.children(cid):
            drop(a.id)
    _reopen_answered_by(m, ch, gone_arguments)
    for where, gone in (("arguments", gone_arguments), ("claims", gone_claims)):
        items = getattr(m, where)
        for i in range(len(items) - 1, -1, -1):
            if items[i].id in gone:
                ch.step(_Remove(where, i))


def _reopen_answered_by(m: ArgumentMap, ch: Change, gone: set[str]) -> None:
    """A question answered by an argument that goes is open again (its note kept)."""
    for a in m.arguments:
        if a.id not in gone and any(q.by in gone for q in a.questions):
            reopened = [Question(id=q.id, note=q.note) if q.by in gone else q for q in a.questions]
            ch.step(_Set("arguments", a.id, "questions", [q for q in reopened if q.state != "open" or q.note]))


# ------------------------------------------------------------------ schemes and critical questions


def set_scheme(argument_id: str, scheme: str | None) -> Change:
    """Name the argument's scheme (a catalogue id, or free text; None or "" clears it).
    The question states are kept: they may fit the new scheme (validate warns if not)."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        _argument(m, argument_id)
        ch.step(_Set("arguments", argument_id, "scheme", _clean(scheme or "") or None))
        ch.focus = argument_id

    return Change("set scheme", plan)


def set_question(argument_id: str, question_id: str, state: str, by: str | None = None, note: str = "") -> Change:
    """Record where one critical question stands: "open", "answered" (`by`: the
    argument that answers it) or "set-aside" (`note`: why). An open question without
    a note is simply not listed."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        a = _argument(m, argument_id)
        if state not in ("open", "answered", "set-aside"):
            raise EditError(f"a question is open, answered or set-aside, not {state!r}")
        q = Question(id=question_id, state=state, by=by, note=_clean(note))  # type: ignore[arg-type]
        if state == "answered" and (by is None or by == argument_id or not any(x.id == by for x in m.arguments)):
            raise EditError(f"an answered question needs `by`: another argument of the map (got {by!r})")
        if state != "answered" and by is not None:
            raise EditError("only an answered question names the argument that answers it")
        if state == "set-aside" and not q.note:
            raise EditError("a question set aside needs a note saying why")
        others = [x for x in a.questions if x.id != question_id]
        at = next((i for i, x in enumerate(a.questions) if x.id == question_id), len(others))
        questions = others if state == "open" and not q.note else others[:at] + [q] + others[at:]
        ch.step(_Set("arguments", argument_id, "questions", questions))
        ch.focus = argument_id

    return Change("set question", plan)


def answer_question(argument_id: str, question_id: str, kind: str, text: str = "") -> Change:
    """Add the argument that answers a critical question and mark it answered.

    An exception (`kind`) is raised by an undercut of the argument, whose premise gets
    `text`. An assumption is made explicit as a new co-premise (`text`: the assumption
    stated) with a reason for it, left empty to fill in; the reason answers it. The
    new claim to edit first is `created`: the undercut's premise or the co-premise."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        _argument(m, argument_id)
        if kind == "exception":
            add_undercut(argument_id, text).plan(m, ch)
            stated = ch.created
        elif kind == "assumption":
            add_co_premise(argument_id, text).plan(m, ch)
            stated = ch.created
            add_reason(stated, "").plan(m, ch)
        else:
            raise EditError(f"a critical question is an assumption or an exception, not {kind!r}")
        answer = m.arguments[-1].id
        set_question(argument_id, question_id, "answered", by=answer).plan(m, ch)
        ch.created = ch.focus = stated

    return Change("answer question", plan)


# ------------------------------------------------------------------ moving


def move_argument(argument_id: str, new_target: str) -> Change:
    """Cut and paste: make `argument_id` (with its premises and everything below)
    bear on `new_target` instead, as its last child. A support cannot target an
    argument; nothing can be pasted inside its own subtree."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        index, a = _find(m.arguments, argument_id)
        if new_target == argument_id:
            raise EditError("cannot paste an argument onto itself")
        claims_below, arguments_below = subtree(m, argument_id)
        if new_target in claims_below or new_target in arguments_below:
            raise EditError("cannot paste a subtree inside itself")
        if not _is_claim(m, new_target):
            _argument(m, new_target)
            if a.polarity == "support":
                raise EditError("a reason cannot target an argument; only objections can (undercuts)")
        ch.step(_Remove("arguments", index))
        moved = replace(a, target=new_target)
        ch.step(_Insert("arguments", len(m.arguments), moved))
        ch.focus = argument_id

    return Change("move", plan)


def reorder_argument(argument_id: str, delta: int) -> Change:
    """Move an argument up (-1) or down (+1) among the arguments on the same target."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        index, a = _find(m.arguments, argument_id)
        siblings = [i for i, x in enumerate(m.arguments) if x.target == a.target]
        pos = siblings.index(index) + delta
        if not 0 <= pos < len(siblings):
            return
        other = siblings[pos]
        first, second = sorted((index, other))
        item_second = m.arguments[second]
        item_first = m.arguments[first]
        ch.step(_Remove("arguments", second))
        ch.step(_Remove("arguments", first))
        ch.step(_Insert("arguments", first, item_second))
        ch.step(_Insert("arguments", second, item_first))
        ch.focus = argument_id

    return Change("reorder", plan)


def reorder_premise(argument_id: str, claim_id: str, delta: int) -> Change:
    """Move a co-premise up (-1) or down (+1) within its argument."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        a = _argument(m, argument_id)
        premises = list(a.premises)
        i = premises.index(claim_id)
        j = i + delta
        if not 0 <= j < len(premises):
            return
        premises[i], premises[j] = premises[j], premises[i]
        ch.step(_Set("arguments", argument_id, "premises", premises))
        ch.focus = claim_id

    return Change("reorder", plan)
