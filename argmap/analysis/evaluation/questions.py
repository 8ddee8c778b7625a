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
The search runs over arguments, not single questions: an argument stands only once
all its challenges are answered, and falls when any one of its questions is pressed.
So a set lists, per argument, all its challenges to answer (`a1/evidence`,
`a4/likely`, `a4/evidence`) or the questions any one of which may be pressed
(`a1/evidence|consensus`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from argmap.analysis.evaluation.decisive import Decisive, Levers, decisive_sets
from argmap.analysis.evaluation.framework import DEFAULT_MAX_EXTENSIONS, sceptical_labelling
from argmap.analysis.evaluation.translate import Challenge, translate
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap

MODES = ("ignore", "open")
# More arguments with open questions than this and the search for what would change
# the verdict is skipped (on a 10,000-claim map with a scheme on every argument and
# nothing answered it takes seconds to minutes; at 1,000 claims well under 1 s).
MAX_SEARCHED = 2_000


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
    when answered (`answer`: challenges) or pressed (`press`: the rest), as decisive
    sets over arguments written out as questions (see the module); None when there is
    nothing of that kind."""

    thesis: str
    mode: str
    open: list[OpenQuestion]
    counted: frozenset[str]
    answer: Decisive | None
    press: Decisive | None
    skipped: int = 0  # arguments with open questions, when too many to search


def question_report(m: ArgumentMap, thesis: str, semantics: str, mode: str, catalogue, *,
                    index: MapIndex | None = None, basic: Collection[str] | None = None,
                    only: str = "", search: bool = True) -> QuestionReport:
    """`basic`: the claims granted (a comparison's joint debate passes its own);
    `only`: list only the questions of arguments whose id starts with it (one side);
    `search`: look for the sets that change the verdict (else only list)."""
    opens = [q for q in open_questions(m, catalogue) if q.argument.startswith(only)]
    counted = frozenset(q.key for q in opens if mode == "open" and q.type == "assumption")
    arguments = len({q.argument for q in opens})
    if not search or not opens or arguments > MAX_SEARCHED:
        return QuestionReport(thesis, mode, opens, counted, None, None, arguments if search and arguments > MAX_SEARCHED else 0)
    idx = index or MapIndex.build(m)
    tr = translate(m, basic, idx, challenges(m, catalogue) if mode == "open" else [])
    base = sceptical_labelling(tr.framework, semantics, DEFAULT_MAX_EXTENSIONS).labels
    to_answer: dict[str, list[OpenQuestion]] = {}
    to_press: dict[str, list[OpenQuestion]] = {}
    for q in opens:
        (to_answer if q.key in counted else to_press).setdefault(q.argument, []).append(q)
    answer_hits = {a: tuple(tr.challenges[(q.argument, q.question)] for q in qs) for a, qs in to_answer.items()}
    press_hits = {a: (tr.arguments[a],) for a in to_press}

    def smallest(hits, words):
        if not hits:
            return None
        found = decisive_sets(Levers(tr.framework, base, tr.fails[thesis], hits), semantics)
        return replace(found, sets=[sorted(w for a in group for w in words(a)) for group in found.sets])

    answer = smallest(answer_hits, lambda a: [q.key for q in to_answer[a]])
    press = smallest(press_hits, lambda a: [f"{a}/" + "|".join(q.question for q in to_press[a])])
    return QuestionReport(thesis, mode, opens, counted, answer, press)
