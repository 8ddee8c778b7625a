"""The verdicts in words a seminar participant understands.

One place for the phrases the CLI, the report, the TUI and the diagrams use, so that
"stands" means the same everywhere: a map's own verdict, the joint verdict of a
comparison, and what decides it.
"""

from __future__ import annotations

from argmap.analysis.evaluation.joint import JointEvaluation
from argmap.analysis.evaluation.translate import ACCEPTED, REJECTED, UNDECIDED
from argmap.model import ArgumentMap

STANDS = {ACCEPTED: "stands", REJECTED: "does not stand", UNDECIDED: "is undecided"}
BOTH = {ACCEPTED: "both theses stand", REJECTED: "neither thesis stands", UNDECIDED: "both theses are undecided"}
MARK = {ACCEPTED: "✓", REJECTED: "✗", UNDECIDED: "?"}


def side_name(m: ArgumentMap, fallback: str) -> str:
    """Whose thesis it is, in a word: the surname of the reconstructed text's first
    author ("Haiszky"), else of the map's first author, else the map's title."""
    sources = {s.id: s for s in m.sources}
    for sid in m.reconstructs:
        if sources[sid].authors:
            return _surname(sources[sid].authors[0])
    if m.authors:
        return _surname(m.authors[0])
    return m.title.strip() or fallback


def _surname(name: str) -> str:
    name = name.strip()
    if "," in name:  # "Mykal, Olena"
        return name.split(",")[0].strip()
    return name.split()[-1] if name.split() else name


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def thesis_phrase(name: str, label: str) -> str:
    return f"{possessive(name)} thesis {STANDS[label]}"


def joint_sentence(je: JointEvaluation, names: dict[str, str]) -> str:
    """"Judged together, Mykal's thesis stands and Haiszky's is undecided: they
    contradict each other at 3 points, ..." with what the links did."""
    left, right = names["left"], names["right"]
    jl, jr = je.thesis["left"], je.thesis["right"]
    if jl == jr:
        head = f"Judged together, {BOTH[jl]}"
    else:
        head = f"Judged together, {thesis_phrase(left, jl)} and {possessive(right)} {STANDS[jr]}"
    parts = [_contradiction_tally(je, names)]
    merged = sum(1 for k, v in je.debate.node_of.items() if k != v)
    if merged:
        parts.append(f"they share {merged} claim{'s' if merged != 1 else ''} (linked as the same)")
    alone = _alone(je, names)
    return f"{head}: " + "; ".join(p for p in parts if p) + f". {alone}"


def _contradiction_tally(je: JointEvaluation, names: dict[str, str]) -> str:
    n = len(je.debate.contradictions)
    if not n:
        return "no link says they contradict each other, so neither can defeat the other"
    wins = {"left": 0, "right": 0}
    open_ = neither = 0
    for c in je.debate.contradictions:
        lab = (je.joint.labels[c.left], je.joint.labels[c.right])
        if lab[0] == ACCEPTED and lab[1] != ACCEPTED:
            wins["left"] += 1
        elif lab[1] == ACCEPTED and lab[0] != ACCEPTED:
            wins["right"] += 1
        elif UNDECIDED in lab:
            open_ += 1
        else:
            neither += 1
    bits = []
    for side in ("left", "right"):
        if wins[side]:
            bits.append(f"{names[side]} prevails at {wins[side]}")
    if open_:
        bits.append(f"{open_} stay{'s' if open_ == 1 else ''} open")
    if neither:
        bits.append(f"at {neither} neither claim holds")
    return f"they contradict each other at {n} point{'s' if n != 1 else ''} ({', '.join(bits)})"


def _alone(je: JointEvaluation, names: dict[str, str]) -> str:
    al, ar = je.alone["left"], je.alone["right"]
    if al == ar:
        word = {ACCEPTED: "each stands", REJECTED: "neither stands", UNDECIDED: "each is undecided"}[al]
        return f"Alone, {word} in its own map."
    return f"Alone, {thesis_phrase(names['left'], al)} and {possessive(names['right'])} {STANDS[ar]}."
