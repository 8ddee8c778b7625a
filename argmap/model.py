"""The argmap document model: maps, claims, arguments, sources, comparisons.

Flat lists of items with string ids (fast to validate, no recursion limit, small
git diffs). Every model forbids unknown fields so a typo in a file is an error with
a location. Cross-references are checked once, after field validation.

The two documents (`ArgumentMap`, `Comparison`) are pydantic models; the items in
their lists are slotted pydantic dataclasses. A big map holds tens of thousands of
items, and a slotted dataclass has no `__dict__` and no fields-set record: a
10k-claim map takes 6.5 MiB instead of 15.7, and loads in about a quarter less time.
`item_dict` and `item_from` stand in for `model_dump`/`model_validate` on items.
"""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError, field_serializer, model_validator
from pydantic.dataclasses import dataclass

# The newest version this argmap reads. A file is written in the oldest version that
# can hold it: version 3 only added critical-question states, so a map without them
# stays version 2, byte for byte, and older argmaps still read it.
SCHEMA_VERSION = 3
Version = Literal[2, 3]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$"
Id = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN)]
Polarity = Literal["support", "attack"]
LinkKind = Literal["same", "contradicts", "shared-evidence"]
Status = Literal["accepted", "rejected", "undecided"]
QuestionState = Literal["open", "answered", "set-aside"]


STRICT = ConfigDict(extra="forbid", validate_assignment=False)
item = dataclass(slots=True, config=STRICT)  # the decorator for list items


class Strict(BaseModel):
    model_config = STRICT


@item
class Source:
    """A publication or document that evidence is taken from."""

    id: Id
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    title: str = ""
    venue: str | None = None
    url: str | None = None
    # A UTF-8 plain text of the source, relative to the map file: `argmap quotes`
    # checks quotes against it, and the TUI picks quotes from it.
    text: str | None = None


@item
class Evidence:
    """A verbatim passage from a source, at a place in it.

    What it does for the claim depends on the source: a passage of a text the map
    reconstructs (`ArgumentMap.reconstructs`) *attributes* the claim (this is where the
    author says it); a passage of any other source is *evidence* for it (data, a
    document, a study the claim rests on). See `is_attribution`.
    """

    source: Id
    quote: str = ""
    locator: str = ""


@item
class Evaluation:
    """The map author's own assessment of a claim (not the computed semantics)."""

    status: Status | None = None
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    note: str = ""


@item
class Claim:
    id: Id
    text: str
    title: str | None = None
    tags: list[str] = Field(default_factory=list)
    note: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    evaluation: Evaluation | None = None
    # Added by whoever reconstructed the text (an unstated premise, a reply the text
    # only implies), not the author's own: drawn apart, and `evaluate --author-only`
    # leaves it out.
    reconstruction: bool = False


@item
class Question:
    """Where one critical question of an argument's scheme stands.

    `id` is the question's id in the scheme (`argmap schemes show SCHEME`). A question
    the argument does not list is open. *answered*: `by` names the argument of the map
    that answers it (the support that backs an assumption, the undercut or rebuttal
    that raises an exception); *set-aside*: the `note` says why it does not arise.
    """

    id: Id
    state: QuestionState = "open"
    by: Id | None = None
    note: str = ""


@item
class Argument:
    """Premises that together (linked) support or attack a claim or an argument.

    A target that is an argument id makes an attack an undercut: it attacks the
    inference, not the conclusion. `scheme` is a scheme id from the catalogue
    (`argmap schemes`), or any other name for the pattern (kept as written);
    `questions` records the states of the scheme's critical questions.
    """

    id: Id
    premises: Annotated[list[Id], Field(min_length=1)]
    polarity: Polarity
    target: Id
    scheme: str | None = None
    questions: list[Question] = Field(default_factory=list)
    note: str | None = None
    reconstruction: bool = False  # as for Claim: a move the author does not make


ConflictKind = Literal["claim", "argument", "source", "map", "link", "comparison"]


@item
class Conflict:
    """Something two branches changed in incompatible ways, left for a person to decide
    (`argmap merge`). The document around it is valid and holds a provisional choice
    (ours); `argmap validate` fails until the `conflicts` list is empty.

    `ours` and `theirs` are the two candidate results as plain dicts, None where that
    side deleted the item: for a claim, argument or source the whole item (what the
    document holds if that side is taken); for the map or the comparison only the
    fields in `fields`; for a link the link. `base` is what both started from.
    """

    kind: ConflictKind
    reason: str
    id: str | None = None  # the item's id (a link: "LEFT RIGHT KIND")
    fields: list[str] = Field(default_factory=list)  # the fields the sides disagree on
    base: dict[str, Any] | None = None
    ours: dict[str, Any] | None = None
    theirs: dict[str, Any] | None = None


class ArgumentMap(Strict):
    """One thesis with the claims, arguments and sources that bear on it.

    `reconstructs` names the sources (texts) the map is a reconstruction of. A quote
    from one of them says where its author asserts the claim (attribution, like AIF's
    locutions); it is no evidence that the claim is true. The thesis is what the map
    sets out to establish: the evaluation never grants it.
    """

    schema_version: Version
    title: str = ""
    thesis: Id
    authors: list[str] = Field(default_factory=list)
    description: str = ""
    reconstructs: list[Id] = Field(default_factory=list)
    created: str | None = None
    modified: str | None = None
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    arguments: list[Argument] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)  # left by a merge, see Conflict

    @field_serializer("schema_version")
    def _written_version(self, _version: int) -> int:
        return self.version_needed()

    def version_needed(self) -> int:
        """The oldest version that holds this map (see SCHEMA_VERSION)."""
        return 3 if any(a.questions for a in self.arguments) else 2

    @model_validator(mode="after")
    def _references_resolve(self) -> ArgumentMap:
        problems = integrity_problems(self)
        if problems:
            raise ValueError("\n".join(problems))
        self.schema_version = self.version_needed()  # what it will be written as
        return self

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)

    def is_attribution(self, evidence: Evidence) -> bool:
        """Does this passage attribute its claim (a quote of a reconstructed text)
        rather than support it?"""
        return evidence.source in self.reconstructs

    def real_evidence(self, claim: Claim) -> list[Evidence]:
        """The claim's evidence items that are evidence, not attribution."""
        if not self.reconstructs:
            return list(claim.evidence)
        return [e for e in claim.evidence if e.source not in self.reconstructs]


@item
class Link:
    """A cross-map relation between a claim of the left map and one of the right."""

    left: Id
    right: Id
    kind: LinkKind
    note: str | None = None


class Comparison(Strict):
    """Two maps (paths relative to this file) and the links between their claims."""

    schema_version: Version
    title: str = ""
    description: str = ""
    left: str
    right: str
    links: list[Link] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)  # left by a merge, see Conflict

    @field_serializer("schema_version")
    def _written_version(self, _version: int) -> int:
        return 2  # version 3 changed nothing in comparisons

    @model_validator(mode="after")
    def _links_unique(self) -> Comparison:
        self.schema_version = 2
        seen: set[tuple[str, str, str]] = set()
        for i, link in enumerate(self.links):
            key = (link.left, link.right, link.kind)
            if key in seen:
                raise ValueError(f"links[{i}]: duplicate {link.kind} link {link.left} -> {link.right}")
            seen.add(key)
        return self


T = TypeVar("T")


@cache
def _adapter(cls: type[T]) -> TypeAdapter[T]:
    return TypeAdapter(cls)


def item_from(cls: type[T], data: Any) -> T:
    """Validate a plain value (a dict from a file) as an item; ValidationError if not."""
    return _adapter(cls).validate_python(data)


def item_dict(value: Any) -> dict[str, Any]:
    """An item as the plain dict a file holds (fields at their default left out)."""
    return _adapter(type(value)).dump_python(value, exclude_defaults=True)


def valid_item_dict(cls: type, data: Any) -> dict[str, Any] | None:
    """`data` cleaned to the plain dict of a valid `cls` item; None when it is not one
    (importers keep what they can of another tool's extra data)."""
    try:
        return item_dict(item_from(cls, data))
    except ValidationError:
        return None


def integrity_problems(m: ArgumentMap) -> list[str]:
    """Duplicate ids, dangling references and self-supporting arguments, by id.

    Set operations decide whether anything is wrong (fast on big, valid maps); the
    detailed per-item walk runs only to describe a problem that exists.
    """
    claim_ids = {c.id for c in m.claims}
    argument_ids = {a.id for a in m.arguments}
    source_ids = {s.id for s in m.sources}
    node_ids = claim_ids | argument_ids
    premises = [p for a in m.arguments for p in a.premises]
    looks_valid = (
        len(node_ids) == len(m.claims) + len(m.arguments)
        and len(source_ids) == len(m.sources)
        and m.thesis in claim_ids
        and source_ids.issuperset(e.source for c in m.claims for e in c.evidence)
        and source_ids.issuperset(m.reconstructs)
        and len(set(m.reconstructs)) == len(m.reconstructs)
        and claim_ids.issuperset(premises)
        and all(
            a.target in node_ids
            and a.target != a.id
            and (a.polarity == "attack" or a.target not in argument_ids)
            and a.target not in a.premises
            and len(set(a.premises)) == len(a.premises)
            for a in m.arguments
        )
        and all(_questions_valid(a, argument_ids) for a in m.arguments if a.questions)
    )
    return [] if looks_valid else _describe_problems(m)


def raw_integrity_problems(raw: dict) -> list[str]:
    """The reference problems of a map that failed field validation, read from the raw
    JSON as far as it has the right shapes, so that one run reports a bad field and a
    dangling target together. Items or fields of the wrong type are left out (field
    validation reports them)."""

    def items(key: str) -> list:
        value = raw.get(key)
        return value if isinstance(value, list) else []

    def text(value) -> str | None:
        return value if isinstance(value, str) else None

    def strings(value) -> list[str]:
        return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []

    def item(d, **fields):
        d = d if isinstance(d, dict) else {}
        return SimpleNamespace(**{name: read(d.get(name)) for name, read in fields.items()})

    def evidence(value) -> list:
        return [item(e, source=text) for e in value] if isinstance(value, list) else []

    def questions(value) -> list:
        if not isinstance(value, list):
            return []
        return [item(q, id=text, state=lambda v: v if isinstance(v, str) else "open", by=text,
                     note=lambda v: v if isinstance(v, str) else "") for q in value]

    shape = SimpleNamespace(
        thesis=text(raw.get("thesis")),
        reconstructs=strings(raw.get("reconstructs")),
        claims=[item(c, id=text, evidence=evidence) for c in items("claims")],
        arguments=[item(a, id=text, target=text, polarity=text, premises=strings, questions=questions)
                   for a in items("arguments")],
        sources=[item(x, id=text) for x in items("sources")],
    )
    problems = _describe_problems(shape)
    # a missing or mistyped id or target is reported by field validation; here it
    # would only echo as "unknown id None" (a real id 'None' is quoted)
    return [p for p in problems if not _UNUSABLE.search(p)]


_UNUSABLE = re.compile(r"(?<!')\bNone\b(?!')")


def _describe_problems(m: ArgumentMap) -> list[str]:
    problems: list[str] = []
    claim_ids: set[str] = set()
    node_ids: set[str] = set()
    for i, c in enumerate(m.claims):
        if c.id in node_ids:
            problems.append(f"claims[{i}]: duplicate id {c.id!r}")
        claim_ids.add(c.id)
        node_ids.add(c.id)
    argument_ids: set[str] = set()
    for i, a in enumerate(m.arguments):
        if a.id in node_ids:
            problems.append(f"arguments[{i}]: duplicate id {a.id!r}")
        argument_ids.add(a.id)
        node_ids.add(a.id)
    source_ids: set[str] = set()
    for i, s in enumerate(m.sources):
        if s.id in source_ids:
            problems.append(f"sources[{i}]: duplicate source id {s.id!r}")
        source_ids.add(s.id)

    if m.thesis not in claim_ids:
        problems.append(f"thesis: no claim with id {m.thesis!r}")
    for i, s in enumerate(m.reconstructs):
        if s not in source_ids:
            problems.append(f"reconstructs[{i}]: no source with id {s!r}")
        elif s in m.reconstructs[:i]:
            problems.append(f"reconstructs[{i}]: source {s!r} is listed twice")
    for i, c in enumerate(m.claims):
        for j, ev in enumerate(c.evidence):
            if ev.source not in source_ids:
                problems.append(f"claims[{i}].evidence[{j}].source: claim {c.id!r} cites unknown source {ev.source!r}")
    for i, a in enumerate(m.arguments):
        if a.target not in node_ids:
            problems.append(f"arguments[{i}].target: argument {a.id!r} targets unknown id {a.target!r}")
        elif a.target == a.id:
            problems.append(f"arguments[{i}].target: argument {a.id!r} targets itself")
        elif a.target in argument_ids and a.polarity != "attack":
            problems.append(
                f"arguments[{i}].polarity: argument {a.id!r} targets argument {a.target!r}, "
                "so it must be an attack (undercut)"
            )
        seen: set[str] = set()
        for j, p in enumerate(a.premises):
            if p not in claim_ids:
                problems.append(f"arguments[{i}].premises[{j}]: argument {a.id!r} uses unknown claim {p!r}")
            if p == a.target:
                problems.append(f"arguments[{i}].premises[{j}]: argument {a.id!r} uses its own target {p!r} as a premise")
            if p in seen:
                problems.append(f"arguments[{i}].premises[{j}]: argument {a.id!r} lists premise {p!r} twice")
            seen.add(p)
        problems += _question_problems(i, a, argument_ids)
    return problems


def _questions_valid(a: Argument, argument_ids: set[str]) -> bool:
    ids = [q.id for q in a.questions]
    return len(set(ids)) == len(ids) and all(_question_problem(q, a, argument_ids) is None for q in a.questions)


def _question_problem(q: Question, a: Argument, argument_ids: set[str]) -> str | None:
    if q.state == "answered":
        if q.by is None:
            return f"question {q.id!r} is answered: `by` must name the argument that answers it"
        if q.by not in argument_ids:
            return f"question {q.id!r} is answered by unknown argument {q.by!r}"
        if q.by == a.id:
            return f"question {q.id!r} cannot be answered by the argument it questions"
    elif q.by is not None:
        return f"question {q.id!r} is {q.state}, so it has no `by` (only an answered question has)"
    if q.state == "set-aside" and not q.note.strip():
        return f"question {q.id!r} is set aside: the `note` must say why"
    return None


def _question_problems(i: int, a: Argument, argument_ids: set[str]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for j, q in enumerate(a.questions):
        where = f"arguments[{i}].questions[{j}]"
        if q.id in seen:
            problems.append(f"{where}: argument {a.id!r} lists question {q.id!r} twice")
        seen.add(q.id)
        problem = _question_problem(q, a, argument_ids)
        if problem:
            problems.append(f"{where}: argument {a.id!r}: {problem}")
    return problems
