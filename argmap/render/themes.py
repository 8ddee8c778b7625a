"""Colour themes for diagrams.

Colour is never the only cue: every role also has a label word in its box
("REASON", "OBJECTION", "REBUTTAL"), a border and an edge style (solid, dashed,
bold) and every cross-map link kind a line style (double, bold dashed with bars,
dotted). Those cues are fixed here, the same in every theme, so a diagram printed
in greyscale or read with colour blindness still says everything. Themes change
only colours.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ink:
    """Colours of one kind of box: the header band, its text, the box background."""

    line: str  # border, header band and edge colour
    header_text: str
    fill: str


@dataclass(frozen=True)
class Stroke:
    """A line style that does not depend on colour."""

    style: str  # Graphviz edge style: solid, dashed, dotted
    penwidth: float
    border: int  # table border width of boxes in this role
    border_style: str  # "" (solid) or "dashed"
    sample: str  # the line drawn in the legend, in characters


# The second cue, shared by every theme.
ROLE_STROKES: dict[str, Stroke] = {
    "reason": Stroke("solid", 1.6, 1, "", "\u2500\u2500\u2500\u25b6"),
    "objection": Stroke("dashed", 1.6, 1, "dashed", "\u254c\u254c\u254c\u25b6"),
    "rebuttal": Stroke("solid", 3.2, 3, "", "\u2501\u2501\u2501\u25b6"),
}


@dataclass(frozen=True)
class LinkStroke:
    style: str
    penwidth: float
    double: bool  # drawn as two parallel lines
    ends: str  # arrowhead shape at both ends, "none" for none
    sample: str


LINK_STROKES: dict[str, LinkStroke] = {
    "same": LinkStroke("solid", 1.3, True, "none", "\u2550\u2550\u2550\u2550"),
    "contradicts": LinkStroke("dashed", 2.6, False, "tee", "\u22a3\u254d\u254d\u22a2"),
    "shared-evidence": LinkStroke("dotted", 2.0, False, "none", "\u2508\u2508\u2508\u2508"),
}

LINK_WORDS = {
    "same": "same claim in both maps",
    "contradicts": "the claims contradict each other",
    "shared-evidence": "both rest on the same fact or source",
}


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    thesis: Ink
    roles: dict[str, Ink]  # reason, objection, rebuttal
    links: dict[str, str]  # link kind -> colour
    text: str = "#1A1A1A"
    muted: str = "#666666"  # repeated claims, footnotes, headers
    cell: str = "#FFFFFF"  # background of a claim inside an argument box
    marker: str = "#1F4E9A"  # evidence markers [1]
    background: str = "white"
    cluster_line: str = "#9E9E9E"
    cluster_fill: str = "#FAFAFA"
    added: str = "#6B6B6B"  # text of claims the reconstructor added
    # One family, named exactly: the set-up installs it (fonts-liberation2; metric-
    # compatible with Helvetica and Arial, so the TikZ output's Helvetica matches).
    # Symbols it lacks come from DejaVu Sans, emoji from Noto Color Emoji, both
    # installed with it (scripts/system-deps.sh), so every machine draws the same.
    font: str = "Liberation Sans"
    fontsize: float = 11.0


THEMES: dict[str, Theme] = {
    "default": Theme(
        name="default",
        description="green reasons, red objections, orange rebuttals",
        thesis=Ink("#1A237E", "#FFFFFF", "#E8EAF6"),
        roles={
            "reason": Ink("#2E7D32", "#FFFFFF", "#E8F5E9"),
            "objection": Ink("#C62828", "#FFFFFF", "#FFEBEE"),
            "rebuttal": Ink("#E65100", "#FFFFFF", "#FFF3E0"),
        },
        links={"same": "#1565C0", "contradicts": "#B71C1C", "shared-evidence": "#6A1B9A"},
    ),
    # Okabe & Ito's palette, distinguishable with every common colour-vision deficiency.
    "colorblind": Theme(
        name="colorblind",
        description="colour-blind-safe (Okabe-Ito): blue reasons, vermillion objections, purple rebuttals",
        thesis=Ink("#000000", "#FFFFFF", "#EEEEEE"),
        roles={
            "reason": Ink("#0072B2", "#FFFFFF", "#E1EFF8"),
            "objection": Ink("#D55E00", "#FFFFFF", "#FBE7D9"),
            "rebuttal": Ink("#8E4B7A", "#FFFFFF", "#F5E6F0"),
        },
        links={"same": "#0072B2", "contradicts": "#D55E00", "shared-evidence": "#009E73"},
        marker="#0072B2",
    ),
    "greyscale": Theme(
        name="greyscale",
        description="black and greys for print; roles by word, border and line style",
        thesis=Ink("#000000", "#FFFFFF", "#E6E6E6"),
        roles={
            "reason": Ink("#333333", "#FFFFFF", "#F2F2F2"),
            "objection": Ink("#555555", "#FFFFFF", "#FFFFFF"),
            "rebuttal": Ink("#000000", "#FFFFFF", "#E0E0E0"),
        },
        links={"same": "#000000", "contradicts": "#000000", "shared-evidence": "#444444"},
        marker="#000000",
        muted="#555555",
    ),
}


def get_theme(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        from argmap.errors import ArgmapError

        raise ArgmapError(f"unknown theme {name!r}; choose one of: {', '.join(THEMES)}") from None
