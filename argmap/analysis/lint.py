"""Warnings about a valid map that is probably not what its author meant."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.analysis.graph import strongly_connected_components
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap


@dataclass(frozen=True)
class Warning_:
    code: str
    message: str
    node_id: str | None = None  # the claim or argument to jump to

    def __str__(self) -> str:
        return f"warning: [{self.code}] {self.message}"


def lint(m: ArgumentMap, index: MapIndex | None = None, catalogue=None) -> list[Warning_]:
    """`catalogue`: the scheme catalogue to check schemes against (default: the
    bundled one plus the user's, loaded only when the map names a scheme)."""
    idx = index or MapIndex.build(m)
    warnings: list[Warning_] = []
    warnings += _circular_support(m, idx)
    warnings += _unreachable(idx)
    warnings += _empty_and_duplicate_text(m)
    warnings += _evidence_problems(m)
    warnings += _unnamed_reconstructed_text(m)
    warnings += _scheme_problems(m, idx, catalogue)
    return warnings


def _circular_support(m: ArgumentMap, idx: MapIndex) -> list[Warning_]:
    """A claim that (through a chain of support) ends up supporting itself."""
    edges: dict[str, list[str]] = {}
    for a in m.arguments:
        if a.polarity == "support" and a.target in idx.claims:
            for p in a.premises:
                edges.setdefault(p, []).append(a.target)
    out = []
    for cycle in _cycles(edges):
        chain = " -> ".join(cycle + [cycle[0]])
        out.append(Warning_("circular-support", f"claims support each other in a circle: {chain}", cycle[0]))
    return out


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """The claims of each support cycle (strongly connected component of 2+ claims)."""
    names = sorted(set(edges) | {t for ts in edges.values() for t in ts})
    number = {name: i for i, name in enumerate(names)}
    targets = [[number[t] for t in edges.get(name, ())] for name in names]
    components = strongly_connected_components(range(len(names)), targets, [True] * len(names))
    return sorted(sorted(names[i] for i in comp) for comp in components if len(comp) > 1)


def _unreachable(idx: MapIndex) -> list[Warning_]:
    return [
        Warning_("unreachable", f"claim {cid!r} is not connected to the thesis", cid)
        for cid in idx.unreachable_claims()
    ]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _empty_and_duplicate_text(m: ArgumentMap) -> list[Warning_]:
    out = []
    first_with: dict[str, str] = {}
    for c in m.claims:
        key = _normalise(c.text)
        if not key:
            out.append(Warning_("empty-text", f"claim {c.id!r} has no text", c.id))
        elif key in first_with:
            out.append(Warning_("duplicate-text", f"claim {c.id!r} has the same text as {first_with[key]!r}; reuse one claim", c.id))
        else:
            first_with[key] = c.id
    return out


def _evidence_problems(m: ArgumentMap) -> list[Warning_]:
    out = []
    cited = {e.source for c in m.claims for e in c.evidence}
    for s in m.sources:
        if s.id not in cited:
            out.append(Warning_("unused-source", f"source {s.id!r} is not cited by any claim"))
    for c in m.claims:
        for e in c.evidence:
            if not e.quote and not e.locator:
                out.append(Warning_("vague-evidence", f"claim {c.id!r} cites {e.source!r} with neither quote nor locator", c.id))
    return out


def _unnamed_reconstructed_text(m: ArgumentMap) -> list[Warning_]:
    """A map that quotes one text throughout, the thesis included, is most likely a
    reconstruction of it; without `reconstructs` those quotes count as evidence and
    grant every claim they are attached to."""
    if m.reconstructs:
        return []
    quotes = [e.source for c in m.claims for e in c.evidence if e.quote]
    thesis_sources = {e.source for e in m.claim(m.thesis).evidence if e.quote}
    out = []
    for s in sorted(thesis_sources):
        n = quotes.count(s)
        if n >= 5 and 2 * n > len(quotes):
            out.append(Warning_(
                "reconstructs",
                f"source {s!r} supplies {n} of the map's {len(quotes)} quotes, the thesis among them: if the map "
                f"reconstructs that text, name it in `reconstructs` (its quotes then say who asserts a claim, "
                "not that it is true)",
                m.thesis,
            ))
    return out


def _scheme_problems(m: ArgumentMap, idx: MapIndex, catalogue) -> list[Warning_]:
    """Schemes that are not catalogue ids, questions the scheme does not ask, and
    answers of the wrong kind. Free-text schemes are kept: these are warnings."""
    if not any(a.scheme or a.questions for a in m.arguments):
        return []
    if catalogue is None:
        from argmap.catalogue import load_catalogue
        from argmap.errors import InputError

        try:
            catalogue = load_catalogue()
        except InputError as e:
            return [Warning_("catalogue", f"schemes not checked: {e}")]
    out = []
    for a in m.arguments:
        scheme = catalogue.get(a.scheme)
        if a.scheme and scheme is None:
            named = catalogue.resolve(a.scheme)
            hint = f"it names {named!r}: write that id" if named else "kept as free text, without critical questions"
            out.append(Warning_("unknown-scheme", f"argument {a.id!r}: scheme {a.scheme!r} is not in the catalogue ({hint})", a.id))
        for q in a.questions:
            question = scheme.question(q.id) if scheme else None
            if question is None:
                whose = f"scheme {a.scheme!r}" if scheme else "an argument without a catalogued scheme"
                out.append(Warning_("unknown-question", f"argument {a.id!r}: {whose} has no critical question {q.id!r}", a.id))
            elif q.state == "answered" and q.by in idx.arguments:
                problem = _answer_problem(a, idx.arguments[q.by], question.type)
                if problem:
                    out.append(Warning_("question-answer", f"argument {a.id!r}: {question.type} {q.id!r} is answered by "
                                        f"{q.by!r}, {problem}", a.id))
    return out


def _answer_problem(a, answer, kind: str) -> str | None:
    """An assumption is answered by a support of one of the argument's premises (the
    assumption made explicit); an exception by an attack on the argument, its
    premises or its conclusion (the undercut or rebuttal that raises it)."""
    if kind == "assumption":
        if answer.polarity == "support" and answer.target in a.premises:
            return None
        return "which is not a support of its premises (state the assumption as a premise and support it)"
    if answer.polarity == "attack" and answer.target in {a.id, a.target, *a.premises}:
        return None
    return "which attacks neither it, its premises nor its conclusion"
