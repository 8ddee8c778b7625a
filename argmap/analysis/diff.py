"""What changed between two versions of a map (`argmap diff`).

Claims are matched by id; claims whose ids differ are matched by text similarity
(greedy best match above a threshold). Arguments are matched by id, then by their
(matched) premises, polarity and target.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, is_dataclass
from typing import Any, Literal

from argmap.analysis.structure import MapIndex
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Source, item_dict

Op = Literal["=", "-", "+"]


_TOKEN = re.compile(r"\s*(?:\w[\w'\u2019-]*|[^\w\s])")


def _tokens(text: str) -> list[str]:
    """Words and punctuation, each with the whitespace before it (collapsed)."""
    return [(" " if t[0].isspace() else "") + t.strip() for t in _TOKEN.findall(text)]


def word_diff_segments(old: str, new: str) -> list[tuple[Op, str]]:
    """Word-level diff: runs of equal, removed and added text. Each run keeps the
    space before it, so joining the texts of the "=" and "+" runs gives `new`."""
    a = _tokens(old)
    b = _tokens(new)
    ka = [t.strip() for t in a]
    kb = [t.strip() for t in b]
    out: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(ka, kb):
        if tag == "equal":
            text = "".join(b[j1:j2])
            if a[i1].startswith(" ") and not text.startswith(" "):
                text = " " + text  # "[-one-] two": the space the old text had
            out.append(("=", text))
            continue
        if tag in ("delete", "replace"):
            out.append(("-", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("+", "".join(b[j1:j2])))
    if out and out[0][1].startswith(" "):
        out[0] = (out[0][0], out[0][1][1:])
    return out


MAX_WORD_DIFF = 1_000_000  # token pairs SequenceMatcher may compare (it is quadratic)


def _opcodes(ka: list[str], kb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes, on what lies between the common prefix and suffix
    (one word changed in a 250 KB claim took 42 s on the whole); a middle still too
    big to align is one replacement."""
    n = min(len(ka), len(kb))
    head = 0
    while head < n and ka[head] == kb[head]:
        head += 1
    tail = 0
    while tail < n - head and ka[len(ka) - 1 - tail] == kb[len(kb) - 1 - tail]:
        tail += 1
    ma, mb = ka[head:len(ka) - tail], kb[head:len(kb) - tail]
    if len(ma) * len(mb) > MAX_WORD_DIFF:
        middle = [("replace", 0, len(ma), 0, len(mb))]
    else:
        middle = difflib.SequenceMatcher(None, ma, mb, autojunk=False).get_opcodes()
    out = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in middle:
        if tag == "equal" and out and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1], head + i2, out[-1][3], head + j2)
        elif i1 != i2 or j1 != j2:
            out.append((tag, head + i1, head + i2, head + j1, head + j2))
    if tail:
        end_a, end_b = len(ka) - tail, len(kb) - tail
        if out and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1], len(ka), out[-1][3], len(kb))
        else:
            out.append(("equal", end_a, len(ka), end_b, len(kb)))
    return out


def render_word_diff(segments: list[tuple[Op, str]], removed: str = "[-{}-]", added: str = "{{+{}+}}", escape=lambda s: s) -> str:
    """Segments as text; a run's leading space stays outside its markers."""
    parts = []
    previous = "="
    for op, text in segments:
        lead = " " if text.startswith(" ") and not (op == "+" and previous == "-") else ""
        previous = op
        body = escape(text.strip())
        parts.append(lead + (body if op == "=" else (removed if op == "-" else added).format(body)))
    return "".join(parts)


def word_diff(old: str, new: str) -> str:
    """`[-removed-]{+added+}` inline, like `git diff --word-diff=plain`."""
    return render_word_diff(word_diff_segments(old, new))


# ---------------------------------------------------------------- map diff

CLAIM_MATCH_CUTOFF = 75.0  # fuzz.ratio (0..100) for claims whose ids differ
TRACKED_CLAIM_FIELDS = ("title", "tags", "note", "evaluation", "reconstruction")
TRACKED_MAP_FIELDS = ("title", "thesis", "authors", "description", "reconstructs")  # not created/modified: they change on every save


@dataclass(frozen=True)
class ClaimMatch:
    old: str
    new: str
    similarity: float  # 0..100, 100 for matches by id


@dataclass(frozen=True)
class Reworded:
    old_id: str
    id: str
    old: str
    new: str


@dataclass(frozen=True)
class Moved:
    id: str
    old_parents: tuple[str, ...]  # in new-version ids where the parent still exists
    new_parents: tuple[str, ...]


@dataclass(frozen=True)
class FieldChange:
    id: str  # claim, argument or source id (new version); "" for the map itself
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class EvidenceChange:
    id: str
    added: tuple[Evidence, ...]
    removed: tuple[Evidence, ...]


@dataclass(frozen=True)
class ArgumentChange:
    old_id: str
    id: str
    polarity: tuple[str, str] | None = None
    target: tuple[str, str] | None = None  # (old target in new ids, new target)
    premises_added: tuple[str, ...] = ()
    premises_removed: tuple[str, ...] = ()
    fields: tuple[FieldChange, ...] = ()  # scheme, note


@dataclass
class MapDiff:
    old: ArgumentMap
    new: ArgumentMap
    claims_added: list[Claim] = field(default_factory=list)
    claims_removed: list[Claim] = field(default_factory=list)
    renamed: list[ClaimMatch] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    claim_fields: list[FieldChange] = field(default_factory=list)
    evidence: list[EvidenceChange] = field(default_factory=list)
    arguments_added: list[Argument] = field(default_factory=list)
    arguments_removed: list[Argument] = field(default_factory=list)
    arguments_changed: list[ArgumentChange] = field(default_factory=list)
    sources_added: list[Source] = field(default_factory=list)
    sources_removed: list[Source] = field(default_factory=list)
    sources_changed: list[FieldChange] = field(default_factory=list)
    map_fields: list[FieldChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not compared, and why

    @property
    def empty(self) -> bool:
        return not any(self.counts().values())

    def counts(self) -> dict[str, int]:
        return {
            "claims_added": len(self.claims_added),
            "claims_removed": len(self.claims_removed),
            "claims_reworded": len(self.reworded),
            "claims_renamed": len(self.renamed),
            "claims_moved": len(self.moved),
            "claim_fields_changed": len(self.claim_fields),
            "claims_with_evidence_changed": len(self.evidence),
            "arguments_added": len(self.arguments_added),
            "arguments_removed": len(self.arguments_removed),
            "arguments_changed": len(self.arguments_changed),
            "sources_added": len(self.sources_added),
            "sources_removed": len(self.sources_removed),
            "sources_changed": len(self.sources_changed),
            "map_fields_changed": len(self.map_fields),
        }


def _norm(text: str) -> str:
    return " ".join(text.split())


MAX_RENAME_PAIRS = 4_000_000  # text comparisons to find renamed claims: about 2 s
RENAME_ROWS = 512  # rows of the similarity matrix held at once (20k x 20k floats: 1.6 GB)


def match_claims(old: ArgumentMap, new: ArgumentMap, cutoff: float = CLAIM_MATCH_CUTOFF,
                 notes: list[str] | None = None) -> list[ClaimMatch]:
    """Claims by id; the rest by identical text, then by greedy best text similarity
    (not searched when that would take more than MAX_RENAME_PAIRS comparisons: a
    note in `notes` says so)."""
    new_ids = {c.id for c in new.claims}
    old_ids = {c.id for c in old.claims}
    matches = [ClaimMatch(c.id, c.id, 100.0) for c in old.claims if c.id in new_ids]
    rest_old = [c for c in old.claims if c.id not in new_ids]
    rest_new = [c for c in new.claims if c.id not in old_ids]
    if not rest_old or not rest_new:
        return matches
    by_text: dict[str, list[Claim]] = {}
    for c in rest_new:
        by_text.setdefault(_norm(c.text), []).append(c)
    taken: set[str] = set()
    still_old = []
    for c in rest_old:
        candidates = [x for x in by_text.get(_norm(c.text), []) if x.id not in taken]
        if candidates:
            matches.append(ClaimMatch(c.id, candidates[0].id, 100.0))
            taken.add(candidates[0].id)
        else:
            still_old.append(c)
    still_new = [c for c in rest_new if c.id not in taken]
    if len(still_old) * len(still_new) > MAX_RENAME_PAIRS:
        if notes is not None:
            notes.append(f"renamed claims not searched: {len(still_old):,} x {len(still_new):,} claims with new ids "
                         f"and new text, more than {MAX_RENAME_PAIRS:,} comparisons; they are listed as removed and added")
    elif still_old and still_new:
        import numpy as np  # only when ids differ: keeps `argmap diff` start-up short
        from rapidfuzz import fuzz, process
        from rapidfuzz.utils import default_process

        new_texts = [c.text for c in still_new]
        order = []
        for start in range(0, len(still_old), RENAME_ROWS):  # memory: a band of rows at a time
            scores = process.cdist(
                [c.text for c in still_old[start:start + RENAME_ROWS]], new_texts,
                scorer=fuzz.ratio, processor=default_process, score_cutoff=cutoff, workers=-1,
            )
            rows, cols = np.nonzero(scores)
            order += zip((-scores[rows, cols]).tolist(), (rows + start).tolist(), cols.tolist())
        order.sort()
        used_old: set[int] = set()
        used_new: set[int] = set()
        for neg, i, j in order:
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            matches.append(ClaimMatch(still_old[i].id, still_new[j].id, round(-neg, 1)))
    return matches


def _parents(idx: MapIndex) -> dict[str, set[str]]:
    """What each claim is a premise for: the targets (claims or arguments) of the
    arguments it takes part in."""
    return {claim: {a.target for a in args} for claim, args in idx.used_in.items()}


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> MapDiff:
    d = MapDiff(old, new)
    matches = match_claims(old, new, notes=d.notes)
    claim_map = {mt.old: mt.new for mt in matches}
    matched_new = set(claim_map.values())
    d.claims_removed = [c for c in old.claims if c.id not in claim_map]
    d.claims_added = [c for c in new.claims if c.id not in matched_new]
    d.renamed = [mt for mt in matches if mt.old != mt.new]
    # arguments: by id, then by identical shape, then by target and shared premises
    arg_map = _match_arguments(old, new, claim_map)
    node_map = {**claim_map, **arg_map}

    def mapped(node: str) -> str:
        """An old claim or argument id as the new version calls it."""
        return node_map.get(node, node)

    old_of = {v: k for k, v in claim_map.items()}  # new claim id -> old claim id
    _diff_claims(d, old, new, old_of)
    _find_moves(d, old, new, old_of, mapped)
    _diff_arguments(d, old, new, arg_map, mapped)
    _diff_sources(d, old, new)
    for name in TRACKED_MAP_FIELDS:
        ov, nv = getattr(old, name), getattr(new, name)
        if (mapped(ov) if name == "thesis" else ov) != nv:
            d.map_fields.append(FieldChange("", name, ov, nv))
    return d


def _diff_claims(d: MapDiff, old: ArgumentMap, new: ArgumentMap, old_of: dict[str, str]) -> None:
    """Rewording, other fields and evidence of the claims in both versions."""
    old_claims = {c.id: c for c in old.claims}
    for c in new.claims:
        if c.id not in old_of:
            continue
        o = old_claims[old_of[c.id]]
        if o == c:
            continue
        if _norm(o.text) != _norm(c.text):
            d.reworded.append(Reworded(o.id, c.id, o.text, c.text))
        for name in TRACKED_CLAIM_FIELDS:
            ov, nv = getattr(o, name), getattr(c, name)
            if ov != nv:
                d.claim_fields.append(FieldChange(c.id, name, _plain(ov), _plain(nv)))
        added = _multiset_minus(c.evidence, o.evidence)
        removed = _multiset_minus(o.evidence, c.evidence)
        if added or removed:
            d.evidence.append(EvidenceChange(c.id, tuple(added), tuple(removed)))


def _find_moves(d: MapDiff, old: ArgumentMap, new: ArgumentMap, old_of: dict[str, str], mapped) -> None:
    """Claims that are now premises for something else than before."""
    old_parents, new_parents = _parents(MapIndex.build(old)), _parents(MapIndex.build(new))
    for c in new.claims:
        if c.id not in old_of:
            continue
        before = tuple(sorted(mapped(t) for t in old_parents.get(old_of[c.id], ())))
        after = tuple(sorted(new_parents.get(c.id, ())))
        if before != after:
            d.moved.append(Moved(c.id, before, after))


def _diff_arguments(d: MapDiff, old: ArgumentMap, new: ArgumentMap, arg_map: dict[str, str], mapped) -> None:
    old_args = {a.id: a for a in old.arguments}
    renamed_premises = {mt.new for mt in d.renamed} | {mt.old for mt in d.renamed}
    old_arg_of = {v: k for k, v in arg_map.items()}
    d.arguments_removed = [a for a in old.arguments if a.id not in arg_map]
    d.arguments_added = [a for a in new.arguments if a.id not in old_arg_of]
    for a in new.arguments:
        if a.id not in old_arg_of:
            continue
        o = old_args[old_arg_of[a.id]]
        if o == a and not renamed_premises.intersection(a.premises):
            continue
        before = [mapped(p) for p in o.premises]
        change = ArgumentChange(
            old_id=o.id,
            id=a.id,
            polarity=(o.polarity, a.polarity) if o.polarity != a.polarity else None,
            target=(mapped(o.target), a.target) if mapped(o.target) != a.target else None,
            premises_added=tuple(p for p in a.premises if p not in before),
            premises_removed=tuple(p for p in before if p not in a.premises),
            fields=tuple(
                FieldChange(a.id, name, getattr(o, name), getattr(a, name))
                for name in ("scheme", "note", "reconstruction") if getattr(o, name) != getattr(a, name)
            ) + _question_changes(o, a),
        )
        if o.id != a.id or change.polarity or change.target or change.premises_added or change.premises_removed or change.fields:
            d.arguments_changed.append(change)


def _question_changes(old: Argument, new: Argument) -> tuple[FieldChange, ...]:
    """One change per critical question whose state changed ("question field":
    "open" -> "answered by a7"); a question not listed is open."""
    before = {q.id: describe_question(q) for q in old.questions}
    after = {q.id: describe_question(q) for q in new.questions}
    ids = list(dict.fromkeys([*before, *after]))
    return tuple(FieldChange(new.id, f"question {qid}", before.get(qid, "open"), after.get(qid, "open"))
                 for qid in ids if before.get(qid, "open") != after.get(qid, "open"))


def describe_question(q) -> str:
    """A question's state in words: "open", "answered by a7", "set aside: why"."""
    if q.state == "answered":
        return f"answered by {q.by}" + (f" ({q.note})" if q.note else "")
    if q.state == "set-aside":
        return f"set aside: {q.note}"
    return "open" + (f" ({q.note})" if q.note else "")


def _diff_sources(d: MapDiff, old: ArgumentMap, new: ArgumentMap) -> None:
    old_sources = {s.id: s for s in old.sources}
    new_source_ids = {s.id for s in new.sources}
    d.sources_removed = [s for s in old.sources if s.id not in new_source_ids]
    d.sources_added = [s for s in new.sources if s.id not in old_sources]
    for s in new.sources:
        if s.id in old_sources:
            for name in ("authors", "year", "title", "venue", "url", "text"):
                ov, nv = getattr(old_sources[s.id], name), getattr(s, name)
                if ov != nv:
                    d.sources_changed.append(FieldChange(s.id, name, ov, nv))


def _plain(value: Any) -> Any:
    return item_dict(value) if is_dataclass(value) else value


def _multiset_minus(a: list[Evidence], b: list[Evidence]) -> list[Evidence]:
    remaining = [(e.source, _norm(e.quote), e.locator) for e in b]
    out = []
    for e in a:
        key = (e.source, _norm(e.quote), e.locator)
        if key in remaining:
            remaining.remove(key)
        else:
            out.append(e)
    return out


def _match_arguments(old: ArgumentMap, new: ArgumentMap, claim_map: dict[str, str]) -> dict[str, str]:
    new_ids = {a.id for a in new.arguments}
    arg_map = {a.id: a.id for a in old.arguments if a.id in new_ids}

    def shape(a: Argument, translate) -> tuple:
        return (a.polarity, translate(a.target), frozenset(translate(p) for p in a.premises))

    rest_old = [a for a in old.arguments if a.id not in arg_map]
    rest_new = [a for a in new.arguments if a.id not in arg_map]
    if not rest_old or not rest_new:
        return arg_map
    # targets may be arguments themselves (undercuts): translate with what is known so far
    translate = lambda x: claim_map.get(x, arg_map.get(x, x))  # noqa: E731
    by_shape: dict[tuple, list[Argument]] = {}
    for a in rest_new:
        by_shape.setdefault(shape(a, lambda x: x), []).append(a)
    taken: set[str] = set()
    leftovers = []
    for a in rest_old:
        candidates = [x for x in by_shape.get(shape(a, translate), []) if x.id not in taken]
        if candidates:
            arg_map[a.id] = candidates[0].id
            taken.add(candidates[0].id)
        else:
            leftovers.append(a)
    by_target: dict[str, list[Argument]] = {}
    for a in rest_new:
        if a.id not in taken:
            by_target.setdefault(a.target, []).append(a)
    for a in leftovers:
        premises = {translate(p) for p in a.premises}
        best = None
        for x in by_target.get(translate(a.target), []):
            if x.id in taken:
                continue
            overlap = len(premises & set(x.premises))
            if overlap and (best is None or overlap > best[0]):
                best = (overlap, x)
        if best:
            arg_map[a.id] = best[1].id
            taken.add(best[1].id)
    return arg_map


# ---------------------------------------------------------------- output


def clip(text: str, width: int = 70) -> str:
    """One line (whitespace collapsed) of at most `width` characters, ending in ...
    when cut."""
    t = _norm(text)
    return t if len(t) <= width else t[: width - 3].rstrip() + "..."


def _describe_argument(a: Argument) -> str:
    verb = "supports" if a.polarity == "support" else "attacks"
    return f"{' + '.join(a.premises)} {verb} {a.target}"


def _describe_evidence(e: Evidence) -> str:
    parts = [e.source]
    if e.quote:
        parts.append(f'"{clip(e.quote, 80)}"')
    if e.locator:
        parts.append(f"({e.locator})")
    return " ".join(parts)


def show_value(v: Any) -> str:
    if v is None or v == "" or v == []:
        return "(none)"
    if isinstance(v, str):
        return f'"{clip(v, 200)}"'
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def summary_line(d: MapDiff) -> str:
    """E.g. "claims: 1 added, 2 reworded; arguments: 1 changed; 1 other change"."""
    c = d.counts()
    claim_parts = [
        f"{c[key]} {label}" for key, label in (
            ("claims_added", "added"), ("claims_removed", "removed"), ("claims_reworded", "reworded"),
            ("claims_moved", "moved"), ("claims_renamed", "renamed"), ("claims_with_evidence_changed", "with evidence changed"),
            ("claim_fields_changed", "other edit"),
        ) if c[key]
    ]
    claim_parts = [p + "s" if p.endswith("other edit") and not p.startswith("1 ") else p for p in claim_parts]
    arg_parts = [
        f"{c[key]} {label}" for key, label in (
            ("arguments_added", "added"), ("arguments_removed", "removed"), ("arguments_changed", "changed"),
        ) if c[key]
    ]
    source_parts = [
        f"{c[key]} {label}" for key, label in (
            ("sources_added", "added"), ("sources_removed", "removed"), ("sources_changed", "edited"),
        ) if c[key]
    ]
    groups = [f"{name}: {', '.join(parts)}" for name, parts in (
        ("claims", claim_parts), ("arguments", arg_parts), ("sources", source_parts),
    ) if parts]
    if c["map_fields_changed"]:
        groups.append("map: " + ", ".join(f.field for f in d.map_fields) + " changed")
    summary = "; ".join(groups) if groups else "no differences"
    return summary + "".join(f" ({note})" for note in d.notes)


def _lines(d: MapDiff, style: Literal["text", "markdown"]) -> list[str]:
    """The change lines shared by the text and Markdown formats, grouped."""
    md = style == "markdown"
    code = (lambda s: f"`{s}`") if md else (lambda s: s)
    if md:
        wd = lambda a, b: render_word_diff(word_diff_segments(a, b), "~~{}~~", "**{}**", md_escape)  # noqa: E731
        esc = md_escape
    else:
        wd = word_diff
        esc = lambda s: s  # noqa: E731
    old_text = {c.id: c.text for c in d.old.claims}
    new_text = {c.id: c.text for c in d.new.claims}
    new_arguments = {a.id for a in d.new.arguments}

    def parent(node: str) -> str:
        if node in new_text:
            return f"{code(node)} ({esc(clip(new_text[node], 50))})"
        if node in old_text:
            return f"{code(node)} (removed: {esc(clip(old_text[node], 40))})"
        return f"{code(node)} (an argument)" if node in new_arguments else code(node)

    groups: list[tuple[str, list[str]]] = []
    claims: list[str] = []
    claims += [f"+ claim {code(c.id)}: {esc(_norm(c.text))}" for c in d.claims_added]
    claims += [f"- claim {code(c.id)}: {esc(_norm(c.text))}" for c in d.claims_removed]
    claims += [f"= claim {code(m.old)} is now {code(m.new)} (matched by text, {m.similarity:.0f}% similar)" for m in d.renamed]
    claims += [f"~ claim {code(r.id)} reworded: {wd(_norm(r.old), _norm(r.new))}" for r in d.reworded]
    for mv in d.moved:
        before = ", ".join(parent(p) for p in mv.old_parents) or "nothing (unattached)"
        after = ", ".join(parent(p) for p in mv.new_parents) or "nothing (unattached)"
        claims.append(f"> claim {code(mv.id)} moved: was premise for {before}; now for {after}")
    claims += [f"~ claim {code(f.id)} {f.field}: {esc(show_value(f.old))} -> {esc(show_value(f.new))}" for f in d.claim_fields]
    for ev in d.evidence:
        changes = [f"+ {esc(_describe_evidence(e))}" for e in ev.added] + [f"- {esc(_describe_evidence(e))}" for e in ev.removed]
        claims.append(f"~ claim {code(ev.id)} evidence: " + "; ".join(changes))
    groups.append(("Claims", claims))

    args: list[str] = []
    args += [f"+ argument {code(a.id)}: {esc(_describe_argument(a))}" for a in d.arguments_added]
    args += [f"- argument {code(a.id)}: {esc(_describe_argument(a))}" for a in d.arguments_removed]
    for ch in d.arguments_changed:
        parts = []
        if ch.old_id != ch.id:
            parts.append(f"id {code(ch.old_id)} -> {code(ch.id)}")
        if ch.polarity:
            parts.append(f"polarity {ch.polarity[0]} -> {ch.polarity[1]}")
        if ch.target:
            parts.append(f"target {code(ch.target[0])} -> {code(ch.target[1])}")
        if ch.premises_added:
            parts.append("premises + " + ", ".join(code(p) for p in ch.premises_added))
        if ch.premises_removed:
            parts.append("premises - " + ", ".join(code(p) for p in ch.premises_removed))
        parts += [f"{f.field} {esc(show_value(f.old))} -> {esc(show_value(f.new))}" for f in ch.fields]
        args.append(f"~ argument {code(ch.id)}: " + "; ".join(parts))
    groups.append(("Arguments", args))

    other: list[str] = []
    other += [f"~ map {f.field}: {esc(show_value(f.old))} -> {esc(show_value(f.new))}" for f in d.map_fields]
    other += [f"+ source {code(s.id)}: {esc(clip(s.title or ''))}" for s in d.sources_added]
    other += [f"- source {code(s.id)}: {esc(clip(s.title or ''))}" for s in d.sources_removed]
    other += [f"~ source {code(f.id)} {f.field}: {esc(show_value(f.old))} -> {esc(show_value(f.new))}" for f in d.sources_changed]
    groups.append(("Map and sources", other))
    return [(title, lines) for title, lines in groups if lines]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown (and GFM tables) would read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def format_text(d: MapDiff, old_name: str, new_name: str) -> str:
    return format_report(summary_line(d), _lines(d, "text"), old_name, new_name, "text")


def format_markdown(d: MapDiff, old_name: str, new_name: str) -> str:
    return format_report(summary_line(d), _lines(d, "markdown"), old_name, new_name, "markdown")


_MD_MARKERS = {"+ ": "**added** ", "- ": "**removed** ", "~ ": "", "= ": "", "> ": ""}


def format_report(summary: str, groups: list[tuple[str, list[str]]], old_name: str, new_name: str,
                  style: Literal["text", "markdown"]) -> str:
    """A diff report: unified-diff-like header and change lines ("+ ", "- ", "~ "...),
    or in Markdown a heading per group with the signs spelled out."""
    if style == "text":
        out = [f"--- {old_name}", f"+++ {new_name}", summary]
        for _title, lines in groups:
            out += lines
        return "\n".join(out) + "\n"
    out = [f"# Changes from `{old_name}` to `{new_name}`", "", summary[:1].upper() + summary[1:] + "."]
    for title, lines in groups:
        out += ["", f"## {title}", ""]
        out += [f"- {_MD_MARKERS.get(line[:2], '')}{line[2:]}" for line in lines]
    return "\n".join(out) + "\n"


def to_json(d: MapDiff, old_name: str, new_name: str) -> dict:
    def ev(e: Evidence) -> dict:
        return item_dict(e)

    return {
        "old": old_name,
        "new": new_name,
        "summary": d.counts(),
        **({"notes": d.notes} if d.notes else {}),
        "claims": {
            "added": [{"id": c.id, "text": c.text} for c in d.claims_added],
            "removed": [{"id": c.id, "text": c.text} for c in d.claims_removed],
            "renamed": [{"old_id": m.old, "id": m.new, "similarity": m.similarity} for m in d.renamed],
            "reworded": [{"old_id": r.old_id, "id": r.id, "old": r.old, "new": r.new, "word_diff": word_diff(_norm(r.old), _norm(r.new))} for r in d.reworded],
            "moved": [{"id": m.id, "old_parents": list(m.old_parents), "new_parents": list(m.new_parents)} for m in d.moved],
            "fields": [{"id": f.id, "field": f.field, "old": f.old, "new": f.new} for f in d.claim_fields],
            "evidence": [{"id": e.id, "added": [ev(x) for x in e.added], "removed": [ev(x) for x in e.removed]} for e in d.evidence],
        },
        "arguments": {
            "added": [item_dict(a) for a in d.arguments_added],
            "removed": [item_dict(a) for a in d.arguments_removed],
            "changed": [
                {
                    "old_id": c.old_id, "id": c.id,
                    **({"polarity": list(c.polarity)} if c.polarity else {}),
                    **({"target": list(c.target)} if c.target else {}),
                    **({"premises_added": list(c.premises_added)} if c.premises_added else {}),
                    **({"premises_removed": list(c.premises_removed)} if c.premises_removed else {}),
                    **({"fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields]} if c.fields else {}),
                }
                for c in d.arguments_changed
            ],
        },
        "sources": {
            "added": [item_dict(s) for s in d.sources_added],
            "removed": [item_dict(s) for s in d.sources_removed],
            "changed": [{"id": f.id, "field": f.field, "old": f.old, "new": f.new} for f in d.sources_changed],
        },
        "map": [{"field": f.field, "old": f.old, "new": f.new} for f in d.map_fields],
    }
