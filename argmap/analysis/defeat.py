"""Inferences that do not hold although their premises do: what an undercut (or an
objection to the conclusion) does, in words, for the editor and `argmap evaluate`.

An argument whose premises all stand can still be defeated: an undercut of its step
stands, or, for a reason, an objection to the claim it supports stands (it rebuts the
claim and every reason for it). Without saying so, an undercut seems to do nothing:
the reason's own claim stays accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.structure import MapIndex
from argmap.model import Argument


@dataclass(frozen=True)
class DefeatedStep:
    argument: Argument
    label: str  # "rejected" (defeated) or "undecided" (in an unresolved conflict)
    undercuts: list[Argument]  # standing (or undecided) undercuts of the step
    rebuttals: list[Argument]  # standing (or undecided) objections to the conclusion


def defeated_steps(idx: MapIndex, labels: dict[str, str], argument_labels: dict[str, str]) -> dict[str, DefeatedStep]:
    """argument id -> why its step fails, for every argument that does not stand
    although all its premises are accepted."""
    out = {}
    for a in idx.map.arguments:
        label = argument_labels.get(a.id)
        if label in (None, "accepted") or any(labels.get(p) != "accepted" for p in a.premises):
            continue
        hit = {"accepted"} if label == "rejected" else {"accepted", "undecided"}
        undercuts = [u for u in idx.children(a.id) if u.polarity == "attack" and argument_labels.get(u.id) in hit]
        rebuttals = []
        if a.polarity == "support" and a.target in idx.claims:
            rebuttals = [o for o in idx.children(a.target) if o.polarity == "attack" and argument_labels.get(o.id) in hit]
        out[a.id] = DefeatedStep(a, label, undercuts, rebuttals)
    return out


def name_of(idx: MapIndex, a: Argument, width: int = 60) -> str:
    """An argument named by its premises' titles (or first words)."""
    parts = []
    for p in a.premises:
        c = idx.claims.get(p)
        text = (c.title or " ".join(c.text.split())) if c else p
        parts.append(text if len(text) <= width else text[: width - 1].rstrip() + "…")
    return " + ".join(parts)


def explain(idx: MapIndex, step: DefeatedStep, role: str) -> str:
    """'this reason's step is undercut by “…”', for the detail panel and the CLI."""
    verb = "is undercut by" if step.label == "rejected" else "may be undercut by (undecided)"
    pieces = []
    if step.undercuts:
        pieces.append(f"{verb} " + ", ".join(f"“{name_of(idx, u)}”" for u in step.undercuts))
    if step.rebuttals:
        how = "is overridden by" if step.label == "rejected" else "may be overridden by (undecided)"
        pieces.append(f"{how} the objection " + ", ".join(f"“{name_of(idx, o)}”" for o in step.rebuttals) + " to its claim")
    if not pieces:
        pieces.append("does not hold" if step.label == "rejected" else "is undecided")
    return f"this {role}'s step " + "; and ".join(pieces)
