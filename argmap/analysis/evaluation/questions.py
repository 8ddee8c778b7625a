"""Critical questions in the verdict, and whether answering them could change it.

`evaluate --questions ignore` (the default) judges a map as drawn. With `open`, the
map is read as Carneades reads a scheme's critical questions: an *assumption* the
proponent has not backed is an undecided challenge to its argument (the argument
can then be at best undecided), one answered depends on the argument that answers
it; an open *exception* is no challenge (the opponent must prove it, with an attack
in the map). translate.py adds the challenges to the framework.

The report per thesis lists the open questions and, reusing the decisive-set search
(decisive.py), the smallest sets of them that would change the verdict: of the
challenges, which to *answer* (back the assumption); of the questions that are not
challenges, which to *press* (an unanswered attack on the argument: an exception
proven, or, when questions are ignored, any question raised and left unanswered).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from argmap.analysis.evaluation.decisive import Decisive, Levers, decisive_sets
from argmap.analysis.evaluation.framework import DEFAULT_MAX_EXTENSIONS, sceptical_labelling
from argmap.analysis.evaluation.translate import Challenge, translate
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap

MODES = ("ignore", "open")


@dataclass(frozen=True)
class OpenQuestion:
    argument: str
    question: str
    type: str  # assumption | exception
    text: str

    @property
    def key(self) -> str:
        return f"{self.argument}/{self.question}"


def open_questions(m: ArgumentMap, catalogue) -> list[OpenQuestion]:
    """Every critical question of a catalogued scheme that an argument has not
    answered or set aside, in map and catalogue order."""
    out = []
    for a in m.arguments:
        scheme = catalogue.get(a.scheme)
        if scheme is None:
            continue
        settled = {q.id for q in a.questions if q.state != "open"}
        out += [OpenQuestion(a.id, q.id, q.type, q.text) for q in scheme.questions if q.id not in settled]
    return out


def challenges(m: ArgumentMap, catalogue) -> list[Challenge]:
    """The assumption questions that count with `--questions open`: open ones, and
    answered ones (which then rest on their answer)."""
    out: list[Challenge] = []
    for a in m.arguments:
        scheme = catalogue.get(a.scheme)
        if scheme is None:
            continue
        state = {q.id: q for q in a.questions}
        for q in scheme.questions:
            s = state.get(q.id)
            if q.type == "assumption" and (s is None or s.state != "set-aside"):
                out.append((a.id, q.id, s.by if s is not None and s.state == "answered" else None))
    return out


@dataclass(frozen=True)
class QuestionReport:
    """For one thesis: the open questions (`counted`: the keys of those that are
    challenges in this reading), and the smallest sets that would change its label
    when answered (`answer`: challenges) or pressed (`press`: the rest); None when
    there is nothing of that kind."""

    thesis: str
    mode: str
    open: list[OpenQuestion]
    counted: frozenset[str]
    answer: Decisive | None
    press: Decisive | None


def question_report(m: ArgumentMap, thesis: str, semantics: str, mode: str, catalogue, *,
                    index: MapIndex | None = None, basic: Collection[str] | None = None,
                    only: str = "", search: bool = True) -> QuestionReport:
    """`basic`: the claims granted (a comparison's joint debate passes its own);
    `only`: list only the questions of arguments whose id starts with it (one side);
    `search`: look for the sets that change the verdict (else only list)."""
    opens = [q for q in open_questions(m, catalogue) if q.argument.startswith(only)]
    counted = frozenset(q.key for q in opens if mode == "open" and q.type == "assumption")
    if not search or not opens:
        return QuestionReport(thesis, mode, opens, counted, None, None)
    idx = index or MapIndex.build(m)
    tr = translate(m, basic, idx, challenges(m, catalogue) if mode == "open" else [])
    base = sceptical_labelling(tr.framework, semantics, DEFAULT_MAX_EXTENSIONS).labels
    answer_hits = {q.key: (tr.challenges[(q.argument, q.question)],) for q in opens if q.key in counted}
    press_hits = {q.key: (tr.arguments[q.argument],) for q in opens if q.key not in counted}

    def smallest(hits):
        return decisive_sets(Levers(tr.framework, base, tr.fails[thesis], hits), semantics) if hits else None

    return QuestionReport(thesis, mode, opens, counted, smallest(answer_hits), smallest(press_hits))
