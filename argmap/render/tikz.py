"""DOT -> a TikZ picture for LaTeX (`argmap render --to tikz`, or `-o fig.tex`).

Graphviz lays the diagram out (`-Tjson`: every shape and text as xdot drawing
operations, in points); this module writes those operations as TikZ commands, so
the figure is the one the SVG shows, in the document's own sans-serif font. The
boxes are measured for Liberation Sans, which has Helvetica's widths: with
`\\usepackage{helvet}` (and `\\renewcommand\\familydefault{\\sfdefault}` or not:
the picture sets `\\sffamily`) the text fills its boxes exactly.

The file is one `tikzpicture` to `\\input` in a document that loads `tikz` and
`xcolor`. Characters pdfLaTeX cannot set with its standard fonts (emoji, arrows,
Cyrillic, ...) are written as `\\argmapchar{HEX}{CHAR}`: LuaLaTeX and XeLaTeX set
the character itself, pdfLaTeX prints `[U+HEX]` (a readable name, never a box).
Same DOT, same bytes.
"""

from __future__ import annotations

import json
import re

from argmap.errors import ArgmapError
from argmap.render.graphviz_out import run_graphviz

# Characters pdfLaTeX sets with its standard T1 and TS1 fonts (utf8 input).
_SAFE = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | {
    0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x2026, 0x2022, 0x20AC,
}
_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", "\u00a0": "~",
    # The marks of a reconstructed text's quotes (‹1›): no guillemets in the default OT1 encoding.
    "\u2039": r"$\langle$", "\u203a": r"$\rangle$",
    "\u25cf": r"\textbullet{}",  # a comparison row's link mark
}
_NAMED = {"black": "000000", "white": "FFFFFF"}
# The legend draws line samples as box-drawing characters (themes.py): here lines.
_LINE_STYLES = {"\u2500": "", "\u2501": "line width=1.6pt", "\u254c": "dashed", "\u254d": "dashed, line width=1.6pt",
                "\u2550": "double", "\u2508": "dotted"}
_LINE_ENDS = "\u25b6\u22a3\u22a2"
_HEADER = r"""% argmap figure: \input{} it inside a figure environment.
% Needs \usepackage{tikz} (it loads xcolor); for the text widths the boxes were
% measured with, \usepackage{helvet} (Helvetica-metric sans serif).
\providecommand\argmapchar[2]{\ifdefined\directlua#2\else\ifdefined\XeTeXrevision#2\else{\tiny[U+#1]}\fi\fi}
"""


def latex_text(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) in _SAFE:
            out.append(ch)
        elif ord(ch) in (0xFE0F, 0x200D):  # emoji presentation selector, joiner: drawn with the emoji
            continue
        else:
            out.append(f"\\argmapchar{{{ord(ch):04X}}}{{{ch}}}")
    return "".join(out)


class _Writer:
    """xdot operations -> TikZ lines, with the pen's state (colours, line, font)."""

    def __init__(self, scale: float):
        self.scale = scale
        self.colours: dict[str, str] = {}
        self.lines: list[str] = []

    def colour(self, value: str) -> str | None:
        """A TikZ colour name for a Graphviz colour; None: transparent."""
        value = value.strip().lower()
        if value.startswith("#"):
            hex_ = value[1:7].upper()
            if len(value) == 9 and value[7:9] == "00":
                return None
        elif value in _NAMED:
            hex_ = _NAMED[value]
        else:
            return None if value in ("none", "transparent", "invis") else "black"
        if hex_ not in self.colours:
            self.colours[hex_] = f"argmap{len(self.colours)}"
        return self.colours[hex_]

    def pt(self, p) -> str:
        return f"({p[0] * self.scale:.2f},{p[1] * self.scale:.2f})"

    def ops(self, ops: list[dict]) -> None:
        pen, fill, style, width = "black", "black", "", 1.0
        size, flags = 14.0, 0
        for op in ops:
            kind = op["op"]
            if kind == "c":
                pen = self.colour(op["color"])
            elif kind == "C":
                fill = self.colour(op["color"])
            elif kind == "S":
                style, width = _style(op["style"], style, width)
            elif kind == "F":
                size = op["size"]  # the face: the document's sans serif, not Graphviz's
            elif kind == "t":
                flags = op["fontchar"]
            elif kind == "T":
                self.text(op, pen, size, flags)
            else:
                self.shape(op, pen, fill, style, width)

    def shape(self, op: dict, pen: str | None, fill: str | None, style: str, width: float) -> None:
        kind = op["op"]
        filled = kind in "PE" and fill is not None  # (edges come as "b": Graphviz fills no curve)
        if pen is None and not filled:
            return
        opts = []
        if pen is not None:
            opts += [f"draw={pen}", f"line width={width * self.scale:.2f}pt"] + ([style] if style else [])
        if filled:
            opts.append(f"fill={fill}")
        if kind in "Ee":
            x, y, rx, ry = op["rect"]
            path = f"{self.pt((x, y))} ellipse [x radius={rx * self.scale:.2f}pt, y radius={ry * self.scale:.2f}pt]"
        elif kind in "Bb":
            p = op["points"]
            path = self.pt(p[0]) + "".join(
                f" .. controls {self.pt(p[i])} and {self.pt(p[i + 1])} .. {self.pt(p[i + 2])}" for i in range(1, len(p) - 2, 3)
            )
        else:
            path = " -- ".join(self.pt(p) for p in op["points"]) + (" -- cycle" if kind in "Pp" else "")
        self.lines.append(f"\\path[{', '.join(opts)}] {path};")

    def text(self, op: dict, pen: str | None, size: float, flags: int) -> None:
        if pen is None or not op["text"].strip():
            return
        if self.line_sample(op, pen, size):
            return
        anchor = {"l": "base west", "c": "base", "r": "base east"}[op["align"]]
        shape = ("\\bfseries" if flags & 1 else "") + ("\\itshape" if flags & 2 else "")
        s = size * self.scale
        font = f"\\sffamily\\fontsize{{{s:.2f}}}{{{s * 1.2:.2f}}}\\selectfont{shape}"
        self.lines.append(
            f"\\node[anchor={anchor}, inner sep=0pt, text={pen}, font={font}] at {self.pt(op['pt'])} {{{latex_text(op['text'])}}};"
        )


    def line_sample(self, op: dict, pen: str, size: float) -> bool:
        """A legend's line sample (`───▶`, `⊣╍╍⊢`) drawn as the line it stands for."""
        text = op["text"].strip()
        body = text.strip(_LINE_ENDS)
        if not body or set(body) - set(_LINE_STYLES):
            return False
        x, y = op["pt"]
        left = x - {"l": 0, "c": op["width"] / 2, "r": op["width"]}[op["align"]]
        tips = "->" if text.endswith("\u25b6") else "|-|" if text.startswith("\u22a3") else "-"
        style = ", ".join(s for s in (f"draw={pen}", tips, _LINE_STYLES[body[0]]) if s)
        y += size * 0.3
        self.lines.append(f"\\draw[{style}] {self.pt((left, y))} -- {self.pt((left + op['width'], y))};")
        return True


def _style(value: str, style: str, width: float) -> tuple[str, float]:
    match = re.fullmatch(r"setlinewidth\(([\d.]+)\)", value)
    if match:
        return style, float(match.group(1))
    if value == "bold":
        return style, 2.0
    return {"dashed": "dashed", "dotted": "dotted", "solid": ""}.get(value, style), width


def dot_to_tikz(dot_source: str, engine: str = "dot") -> str:
    """The TikZ picture of the diagram Graphviz lays out from `dot_source`."""
    try:
        layout = json.loads(run_graphviz(dot_source, "json", engine))
    except json.JSONDecodeError as e:
        raise ArgmapError(f"Graphviz gave layout JSON argmap cannot read ({e})") from None
    w = _Writer(_scale(layout))
    objects = layout.get("objects", [])
    clusters = [o for o in objects if "nodes" in o or "subgraphs" in o]
    nodes = [o for o in objects if o not in clusters]
    w.ops(layout.get("_draw_", []))  # the background
    for group in (clusters, layout.get("edges", []), nodes):
        for obj in group:
            for key in ("_draw_", "_ldraw_", "_hdraw_", "_tdraw_", "_hldraw_", "_tldraw_"):
                w.ops(obj.get(key, []))
    w.ops(layout.get("_ldraw_", []))  # the graph's label: title, or legend and sources
    colours = [f"\\definecolor{{{name}}}{{HTML}}{{{hex_}}}" for hex_, name in w.colours.items()]
    body = "\n".join(["\\begin{tikzpicture}[x=1pt, y=1pt]", *w.lines, "\\end{tikzpicture}"])
    return _HEADER + "\n".join(colours) + "\n" + body + "\n"


def _scale(layout: dict) -> float:
    """The graph's `size` (inches) over its drawing: fitted figures are scaled down."""
    size = layout.get("size")
    bb = [float(v) for v in layout.get("bb", "0,0,0,0").split(",")]
    if not size or bb[2] <= 0:
        return 1.0
    width, height = (float(v) * 72 for v in size.rstrip("!").split(","))
    return min(1.0, width / bb[2], height / bb[3] if bb[3] > 0 else 1.0)
