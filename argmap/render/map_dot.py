"""ArgumentMap -> DOT source. Pure and deterministic: same map, same bytes.

The visual grammar of reasoning maps (Rationale, MindMup), top to bottom:

- the thesis at the top, in its own box headed THESIS;
- every argument is ONE box: a header band naming its role (REASON, OBJECTION,
  REBUTTAL; "· UNDERCUT" when it attacks an inference) over its premises side by
  side, so linked co-premises sit together and separate (convergent) arguments are
  separate boxes. An arrow runs from the header to the claim the argument bears on;
- reasons: solid arrow and border; objections: dashed; rebuttals: bold. Colour
  comes from the theme and is never the only cue;
- an argument on a premise points at that premise's cell; an undercut sits beside
  the argument it attacks and points at that argument's header (the inference),
  never at a claim;
- evidence is a numbered marker "[1]" after the claim text, resolved in a Sources
  list under the map (author, year, title; never the quote): one number per
  source, a letter per place cited ("[1b]", see `Footnotes`);
- a claim that is a premise of several arguments is drawn in full where it first
  appears and repeated in italics elsewhere; further arguments attach to the first;
- big maps stay readable: a claim's leaf arguments stack in a column when a row of
  them would be wide, edges weigh as much as the branch below them (so a claim sits
  over its big branches), sources are listed in columns, and `detail="short"` shows
  titles only.

Node names are synthetic (`n0`, `n1`, ...) and every piece of user text goes
through `argmap.render.text`, so no map content can break the DOT file.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from argmap.analysis.structure import MapIndex
from argmap.gcpause import collector_paused
from argmap.model import Argument, ArgumentMap, Evidence, Source
from argmap.render.describe import CELL_LINK, argument_tip, claim_desc, long_description, short_name, tip
from argmap.render.text import escape, html_lines, shorten, wrap
from argmap.render.themes import LINK_STROKES, LINK_WORDS, ROLE_STROKES, Theme, get_theme
from argmap.catalogue import shown_name

# Leaf arguments of one claim go in a column when they would fill a row this many
# premise cells wide (see MapBody._columns).
STACK_MIN_CELLS = 3
DETAILS = ("full", "short")

ROLE_WORDS = {"reason": "REASON", "objection": "OBJECTION", "rebuttal": "REBUTTAL"}
OUTLINE_MEANING = {
    "reason": "supports the claim above it, one step less indented",
    "objection": "attacks the claim above it, one step less indented",
    "rebuttal": "answers an objection (attacks it or its premise)",
}
ROLE_MEANING = {
    "reason": "supports the claim it points at",
    "objection": "attacks the claim it points at",
    "rebuttal": "answers an objection (attacks it or its premise)",
}


# ---------------------------------------------------------------- footnotes


class Footnotes:
    """Numbered evidence markers: one number per source, in the order the diagram
    first cites it, so each source is listed once.

    With `locators`, a source cited at several places (sections, pages) gets a
    letter per place, `[1a]`, `[1b]`, and its entry lists the places under it; a
    source cited at one place only keeps the plain `[1]` with the place after it.
    Without `locators` (titles-only views, the comparison outline), places are
    left out. Call `learn(m)` with each map before citing its evidence.
    """

    def __init__(self, start: int = 1, locators: bool = True) -> None:
        self.next = start
        self.locators = locators
        self.numbers: dict[str, int] = {}
        self.letters: dict[tuple[str, str], str] = {}
        # (number, source id, source, [(letter, locator)]) in number order
        self.entries: list[tuple[int, str, Source | None, list[tuple[str, str]]]] = []
        self._sources: dict[str, Source] = {}
        self._places: dict[str, int] = {}  # source id -> distinct locators in the map
        # Sources that are texts a map reconstructs: their quotes attribute a claim
        # to the author (where the text says it) and are marked apart from evidence.
        self.reconstructed: set[str] = set()

    def learn(self, m: ArgumentMap) -> None:
        """Know `m`'s sources, and which of them it cites at more than one place."""
        self._sources = {s.id: s for s in m.sources}
        self.reconstructed |= set(m.reconstructs)
        if self.locators:
            seen: dict[str, set[str]] = {}
            for c in m.claims:
                for ev in c.evidence:
                    if ev.locator:
                        seen.setdefault(ev.source, set()).add(ev.locator)
            self._places = {source: len(places) for source, places in seen.items()}

    def cite(self, ev: Evidence) -> str:
        """The marker label of one piece of evidence: '3' or '3b'."""
        number = self.numbers.get(ev.source)
        if number is None:
            number = self.numbers[ev.source] = self.next
            self.next += 1
            self.entries.append((number, ev.source, self._sources.get(ev.source), []))
        if not self.locators or not ev.locator:
            return str(number)
        key = (ev.source, ev.locator)
        letter = self.letters.get(key)
        if letter is None:
            places = self.entries[number - self.entries[0][0]][3]
            letter = _letter(len(places)) if self._places.get(ev.source, 0) > 1 else ""
            self.letters[key] = letter
            places.append((letter, ev.locator))
        return f"{number}{letter}"

    def marks(self, evidence: list[Evidence]) -> str:
        """'1b, 2': the labels of a claim's evidence, each once, in order."""
        labels: list[str] = []
        for ev in evidence:
            label = self.cite(ev)
            if label not in labels:
                labels.append(label)
        return ", ".join(labels)

    def markers(self, evidence: list[Evidence], theme: Theme, size: float | None = None) -> tuple[str, int, bool, bool]:
        """The markers after a claim's text, as HTML: real evidence bold in brackets
        `[1, 2]`, attributions (quotes of the reconstructed text) light in angle
        quotes `‹3a›`. Also: their length in characters, and whether each kind occurs."""
        real = [ev for ev in evidence if ev.source not in self.reconstructed]
        quoted = [ev for ev in evidence if ev.source in self.reconstructed]
        size_attr = f' point-size="{size:g}"' if size else ""
        pieces, length = [], 0
        if real:
            labels = self.marks(real)
            pieces.append(f'<font color="{theme.marker}"{size_attr}><b>[{labels}]</b></font>')
            length += len(labels) + 2
        if quoted:
            labels = self.marks(quoted)
            pieces.append(f'<font color="{theme.muted}"{size_attr}>\u2039{labels}\u203a</font>')
            length += len(labels) + 2 + bool(real)
        return " ".join(pieces), length, bool(real), bool(quoted)


def _letter(i: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa', ..."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out


def source_text(source_id: str, source: Source | None) -> str:
    """'Authors (year). Title. Venue' as plain (unescaped) text."""
    if source is None:
        return source_id
    head = ", ".join(source.authors) or source.id
    if source.year is not None:
        head += f" ({source.year})"
    parts = [head]
    if source.title:
        parts.append(source.title)
    if source.venue:
        parts.append(source.venue)
    return ". ".join(p.rstrip(".") for p in parts)


def footnote_rows(
    entries: list[tuple[int, str, Source | None, list[tuple[str, str]]]],
    theme: Theme,
    width: int,
    size: float | None = None,
    shorten_to: int = 0,
    reconstructed: set[str] = frozenset(),
    span: int = 1,
) -> str:
    """Rows `[n] | source`, wrapped at `width`, then a row `a | locator` for each
    lettered place; `shorten_to`: cut each to one line. Sources in `reconstructed`
    (the texts a map reconstructs) have their number in angle quotes and say so."""
    font = f'<font point-size="{size:g}">' if size else ""
    end = "</font>" if size else ""
    colspan = f' colspan="{span}"' if span > 1 else ""
    rows = []
    for number, source_id, source, places in entries:
        text = source_text(source_id, source)
        if source_id in reconstructed:
            text += " \u2014 the text reconstructed (\u2039n\u203a: where it says so)"
        if len(places) == 1 and not places[0][0]:
            text = f"{text}, {places[0][1]}"
            places = []
        mark = f'<font color="{theme.muted}">\u2039{number}\u203a</font>' if source_id in reconstructed else f'<font color="{theme.marker}">[{number}]</font>'
        rows.append(
            f'<tr><td align="right" valign="top">{font}{mark}{end}</td>'
            f'<td align="left" balign="left" valign="top"{colspan}>{font}{html_lines(shorten(text, shorten_to), width)}{end}</td></tr>'
        )
        rows.extend(
            f'<tr><td align="right" valign="top">{font}<font color="{theme.muted if source_id in reconstructed else theme.marker}">{letter}</font>{end}</td>'
            f'<td align="left" balign="left" valign="top"{colspan}>{font}{html_lines(shorten(place, shorten_to), width)}{end}</td></tr>'
            for letter, place in places
        )
    return "".join(rows)


def footnote_width(wrap: int) -> int:
    return 0 if wrap <= 0 else max(60, 2 * wrap)


def added_tag(theme: Theme) -> str:
    """The words after a claim the reconstructor added."""
    return f'<font color="{theme.muted}" point-size="8">(added)</font>'


# ---------------------------------------------------------------- one map's body


@dataclass(frozen=True)
class TreeShape:
    """How a tree is made to fit a width (see `MapBody._fold`); the defaults draw
    the natural, unfolded tree.

    `stack_min_cells`: a claim's leaf arguments go in a column from this many premise
    cells on. `fold_pt`: a claim's arguments sit side by side while their branches
    (estimated) fit this width, the rest in bands below; 0 for no folding.
    `rows_pt`: a box estimated wider than this lists its premises one under the
    other. `char_pt`: the average width of a character, for the estimates.
    """

    stack_min_cells: int = STACK_MIN_CELLS
    fold_pt: float = 0.0
    rows_pt: float = 0.0
    char_pt: float = 6.1


@dataclass
class Features:
    """Which parts of the visual grammar a diagram uses (the legend shows only those)."""

    roles: set[str] = field(default_factory=set)
    undercut: bool = False
    linked: bool = False
    evidence: bool = False
    repeated: bool = False
    unconnected: bool = False
    hidden: bool = False
    attribution: bool = False  # quotes of the reconstructed text
    added: bool = False  # claims or arguments the reconstructor added
    decisive: bool = False  # claims marked as deciding a verdict

    def merge(self, other: Features) -> None:
        self.decisive |= other.decisive
        self.attribution |= other.attribution
        self.added |= other.added
        self.roles |= other.roles
        self.undercut |= other.undercut
        self.linked |= other.linked
        self.evidence |= other.evidence
        self.repeated |= other.repeated
        self.unconnected |= other.unconnected
        self.hidden |= other.hidden


def paths_to_roots(idx: MapIndex, focus: set[str]) -> tuple[set[str], set[str]]:
    """The arguments on the way from the `focus` claims up to the thesis (or to
    whatever root they hang from), and the claims those paths pass through: the
    part of a map a comparison needs."""
    arguments: set[str] = set()
    claims: set[str] = set()
    stack = [x for x in focus if x in idx.claims]
    while stack:
        x = stack.pop()
        if x in idx.arguments:
            if x not in arguments:
                arguments.add(x)
                stack.append(idx.arguments[x].target)
        elif x not in claims:
            claims.add(x)
            stack += [a.id for a in idx.used_in.get(x, ())]
    return arguments, claims


def hidden_note(idx: MapIndex, shown: set[str], claim_id: str) -> str:
    """'2 reasons, 1 objection': the arguments on a claim that are not `shown`."""
    hidden: dict[str, int] = {}
    for a in idx.targeting.get(claim_id, ()):
        if a.id not in shown:
            role = idx.role(a)
            hidden[role] = hidden.get(role, 0) + 1
    return ", ".join(f"{n} {role}{'s' * (n != 1)}" for role in ("reason", "objection", "rebuttal") if (n := hidden.get(role)))


class MapBody:
    """The nodes and edges of one map, with node names starting with `prefix`.

    After construction: `nodes` and `edges` (DOT statements), `anchor` (claim id ->
    the place edges attach to, `n3:p1` or `n0`), `sinks` (nodes nothing hangs
    under, for placing things below the map), `features` (for the legend).
    """

    def __init__(
        self,
        m: ArgumentMap,
        theme: Theme,
        wrap: int,
        prefix: str,
        notes: Footnotes,
        *,
        short: bool = False,
        focus: set[str] | None = None,
        shape: TreeShape | None = None,
        decisive: frozenset[str] = frozenset(),
    ) -> None:
        self.m = m
        self.decisive = decisive  # claim ids to mark (decisive_mark)
        self.theme = theme
        self.shape = shape or TreeShape()
        self.wrap = wrap
        self.prefix = prefix
        self.notes = notes
        self.short = short
        self.idx = MapIndex.build(m)
        self.shown: set[str] | None = None
        if focus is not None:
            self.shown, self.shown_claims = paths_to_roots(self.idx, focus)
        notes.learn(m)
        self.features = Features()
        self.nodes: list[str] = []
        self.edges: list[str] = []
        self.anchor: dict[str, str] = {}
        self.sinks: list[str] = []
        self.compass: dict[str, str] = {}  # claim id -> side its arguments hang from, when not "s"
        self._plan()
        self._columns()
        self._fold()
        self._draw()

    # -- phase 1: which arguments are shown, where each claim lives, drawing order

    def _plan(self) -> None:
        idx = self.idx
        targeting = idx.targeting
        items: list[tuple[str, str]] = []  # ("claim" | "argument", id) in drawing order
        names: dict[str, str] = {}  # claim (own box) or argument id -> node name
        home: dict[str, tuple[str, int]] = {}  # premise claim -> (argument id, cell)
        queue: deque[str] = deque()
        prefix = self.prefix

        def root(claim_id: str) -> None:
            names[claim_id] = f"{prefix}{len(names)}"
            items.append(("claim", claim_id))
            queue.append(claim_id)

        def emit(a: Argument) -> None:
            names[a.id] = f"{prefix}{len(names)}"
            items.append(("argument", a.id))
            for k, p in enumerate(a.premises):
                if p not in names and p not in home:
                    home[p] = (a.id, k)
                    queue.append(p)
            # Undercuts are drawn right after (beside) the argument they attack.
            for u in targeting.get(a.id, ()):
                if u.id not in names and (shown is None or u.id in shown):
                    emit(u)

        def drain() -> None:
            while queue:
                for a in targeting.get(queue.popleft(), ()):
                    if a.id not in names and (shown is None or a.id in shown):
                        emit(a)

        shown = self.shown
        root(self.m.thesis)
        drain()
        # Claims that no argument uses and that are not the thesis: separate roots.
        for c in self.m.claims:
            if c.id not in names and c.id not in home and c.id not in idx.used_in:
                if shown is None or c.id in self.shown_claims:
                    root(c.id)
                    drain()
        # Arguments reachable only through a cycle.
        for a in self.m.arguments:
            if a.id not in names and (shown is None or a.id in shown):
                emit(a)
                drain()

        anchor = self.anchor
        for kind, item_id in items:
            if kind == "claim":
                anchor[item_id] = names[item_id]
        for claim_id, (arg_id, k) in home.items():
            anchor[claim_id] = f"{names[arg_id]}:p{k}"
        self.items, self.names, self.home = items, names, home
        # Leaves: shown arguments under and beside which no shown argument hangs.
        arguments = idx.arguments
        self.targets = targets = {arguments[i].target for kind, i in items if kind == "argument"}
        parents = {home[p][0] for p in targets if p in home}  # arguments with a premise something hangs from
        self.leaves: set[str] = {i for kind, i in items if kind == "argument" and i not in targets and i not in parents}

    def _columns(self) -> None:
        """Leaf arguments on one claim are stacked in a column instead of a row.

        Trees of arguments are wide and shallow (a claim with five reasons, each with
        a few premises, each with its own reasons...): drawn as rows, a 200-claim map
        is 25 times wider than tall. Most arguments are leaves (nothing hangs under
        them); stacked under their claim, premises one under the other, they keep
        the diagram's shape nearer a page's. `self.column`: argument id -> position
        in its column. Columns are chained by invisible edges in one `group` (dot
        then keeps them straight).
        """
        self.column: dict[str, int] = {}
        self._chains: list[str] = []
        names, leaves = self.names, self.leaves
        for claim_id, arguments in self.idx.targeting.items():
            if claim_id not in self.anchor:
                continue  # an argument id: its undercuts are drawn beside it
            column = [a for a in arguments if a.id in leaves]
            if sum(len(a.premises) for a in column) < (2 if self.short else self.shape.stack_min_cells):
                continue
            column = [a.id for a in column]
            group = names[column[0]]
            for i, arg_id in enumerate(column):
                self.column[arg_id] = i
                self._chains.append(f"{names[arg_id]} [group={group}]")
                if i:
                    self._chains.append(f"{names[column[i - 1]]} -> {names[arg_id]} [style=invis weight=8]")


    # -- phase 1b: fitting a width (see TreeShape)

    def _cell_pt(self, claim_id: str) -> float:
        c = self.idx.claims[claim_id]
        width = self.wrap if self.wrap > 0 else 10**6
        text = shorten(c.text, 2 * width) if self.short else c.text
        longest = max((len(x) for x in wrap(text, width)), default=0) if not (self.short and c.title) else 0
        if c.title:
            longest = max(longest, int(1.1 * max((len(x) for x in wrap(c.title, width)), default=0)))
        return longest * self.shape.char_pt + 12

    def _box_pt(self, a: Argument, rows: bool) -> float:
        cells = [self._cell_pt(p) for p in a.premises]
        return (max(cells) if rows else sum(cells) + 3 * (len(cells) - 1)) + 10

    def _fold(self) -> None:
        """Estimate each branch's width and height (in ranks), bottom up; with
        `shape.fold_pt`, put a claim's arguments side by side only while their
        branches fit that width, the others in bands below (`self.minlen`: ranks
        between a claim and its argument); with `shape.rows_pt`, list the premises of
        a box wider than that one under the other (`self.rows`)."""
        shape, idx, home, column = self.shape, self.idx, self.home, self.column
        self.minlen: dict[str, int] = {}
        self.fold_links: list[tuple[str, str]] = []
        self.rows: set[str] = set(column)
        width: dict[str, float] = {}
        height: dict[str, int] = {}
        gap = 18.0  # dot's nodesep, 0.25 inch
        drawn = [(kind, i) for kind, i in self.items if kind == "argument"]
        for _, arg_id in reversed(drawn):  # children come after parents
            a = idx.arguments[arg_id]
            rows = arg_id in column or (shape.rows_pt > 0 and len(a.premises) > 1 and self._box_pt(a, False) > shape.rows_pt)
            if rows:
                self.rows.add(arg_id)
            below_w: list[float] = []
            below_h = 0
            for k, p in enumerate(a.premises):
                if home.get(p) != (arg_id, k):
                    continue
                w, h = self._hang(p, width, height, gap)
                below_w.append(w)
                below_h = max(below_h, h)
                if rows and k < len(a.premises) - 1:
                    self.compass[p] = "e"  # premises one under the other: hang from the side
            own = self._box_pt(a, rows)
            w = max(own, (max(below_w, default=0) if rows else sum(below_w) + gap * (len(below_w) - 1)))
            h = 1 + below_h
            for u in idx.targeting.get(arg_id, ()):
                if u.id in width:
                    w += gap + width[u.id]
                    h = max(h, height[u.id])
            width[arg_id], height[arg_id] = w, h
        self.widths = width
        for kind, item_id in self.items:
            if kind == "claim":
                self._hang(item_id, width, height, gap)

    def _hang(self, claim_id: str, width: dict[str, float], height: dict[str, int], gap: float) -> tuple[float, int]:
        """Width and height of what hangs under one claim, its arguments packed in
        bands of at most `shape.fold_pt` (their minlen set on the way)."""
        fold = self.shape.fold_pt
        kids = [a.id for a in self.idx.targeting.get(claim_id, ()) if a.id in width]
        stacked = [k for k in kids if k in self.column]
        # What sits side by side under the claim: each free argument's branch, then
        # the column of leaves as one item (its first box carries the band's minlen).
        items = [([k], width[k], height[k]) for k in kids if k not in self.column]
        if stacked:
            items.append((stacked[:1], max(width[k] for k in stacked), sum(height[k] for k in stacked)))
        bands: list[list[tuple[list[str], float, int]]] = []
        band_w = 0.0
        for item in items:
            if bands and (fold <= 0 or band_w + gap + item[1] <= fold):
                bands[-1].append(item)
                band_w += gap + item[1]
            else:
                bands.append([item])
                band_w = item[1]
        total_w, total_h = 0.0, 0
        for b, band in enumerate(bands):
            for j, (ids, _, _) in enumerate(band):
                self.minlen[ids[0]] = 1 + total_h
                if b:
                    # Pull each box of a folded band under one of the band above.
                    above = bands[b - 1][j % len(bands[b - 1])][0][0]
                    self.fold_links.append((above, ids[0]))
            total_w = max(total_w, sum(w for _, w, _ in band) + gap * (len(band) - 1))
            total_h += max(h for _, _, h in band)
        return total_w, total_h

    # -- phase 2: DOT statements

    def _draw(self) -> None:
        theme = self.theme
        idx = self.idx
        names, anchor, column = self.names, self.anchor, self.column
        role_of = idx.role
        looks = {
            role: f'color="{ink.line}" style={ROLE_STROKES[role].style} penwidth={ROLE_STROKES[role].penwidth}'
            for role, ink in theme.roles.items()
        }
        tops = {role: self._box_top(role) for role in theme.roles}
        late: list[str] = []
        ranked: set[str] = set()
        roles = self.features.roles
        sizes = self._branch_sizes()
        for kind, item_id in self.items:
            name = names[item_id]
            if kind == "claim":
                self.nodes.append(self._claim_node(item_id, name))
                if item_id not in self.targets:
                    self.sinks.append(name)
                continue
            a = idx.arguments[item_id]
            role = role_of(a)
            roles.add(role)
            self.nodes.append(self._argument_node(a, name, tops[role], a.id in self.rows))
            look = looks[role]
            if a.target in idx.arguments:
                # An undercut: beside the argument it attacks, arrow into its header.
                self.features.undercut = True
                self.edges.append(f"{names[a.target]}:i -> {name}:i [{look} constraint=false]")
            elif a.id in column:
                # A leaf in a column: its arrow runs down the column's right side and
                # enters the header from the right. Drawn after the claim's other
                # arguments (ordering=out) so that the column is its rightmost child.
                port = "e" if column[a.id] else "n"
                minlen = self.minlen.get(a.id, 1)
                look += f" minlen={minlen}" if minlen > 1 else ""
                late.append(f"{anchor[a.target]}:{self.compass.get(a.target, 's')} -> {name}:i:{port} [{look}]")
            else:
                # Heavier edges for bigger branches: dot then puts a claim over its
                # big branches, not at the median of many small ones.
                weight = min(sizes[a.id], 50)
                minlen = self.minlen.get(a.id, 1)
                look += f" weight={weight}" + (f" minlen={minlen}" if minlen > 1 else "")
                self.edges.append(self._edge(anchor[a.target], name, look, self.compass.get(a.target, "s")))
                self._rank_undercuts(a, anchor[a.target], ranked, minlen)
            if a.id in self.leaves:
                self.sinks.append(name)
        self.edges += late
        self.edges += self._chains
        for above, below in self.fold_links:
            gap = self.minlen[below] - self.minlen[above]
            self.edges.append(f"{names[above]} -> {names[below]} [style=invis weight=3 minlen={gap}]")

    def _branch_sizes(self) -> dict[str, int]:
        """Argument id -> number of argument boxes in its branch (itself included)."""
        arguments, home = self.idx.arguments, self.home
        sizes: dict[str, int] = {}
        below: dict[str, int] = {}
        for kind, item_id in reversed(self.items):  # children come after parents
            if kind != "argument":
                continue
            size = sizes[item_id] = 1 + below.get(item_id, 0)
            target = arguments[item_id].target
            parent = home[target][0] if target in home else target if target in arguments else None
            if parent is not None:
                below[parent] = below.get(parent, 0) + size
        return sizes

    @staticmethod
    def _edge(anchor: str, name: str, look: str, side: str = "s") -> str:
        """The arrow from argument box `name` up to the claim at `anchor` (written
        target -> argument with dir=back, so the target ranks above)."""
        return f"{anchor}:{side} -> {name}:i:n [{look}]"

    def _rank_undercuts(self, a: Argument, anchor: str, done: set[str], minlen: int = 1) -> None:
        """Undercuts hang (invisibly) from the same place as the argument they attack,
        so they sit at its height, just beside it."""
        for u in self.idx.targeting.get(a.id, ()):
            if u.id in done or u.id not in self.names:
                continue
            done.add(u.id)
            look = "style=invis weight=0" + (f" minlen={minlen}" if minlen > 1 else "")
            self.edges.append(self._edge(anchor, self.names[u.id], look))
            self.edges.append(f"{{rank=same; {self.names[a.id]}; {self.names[u.id]}}}")
            self._rank_undercuts(u, anchor, done, minlen)

    def _claim_html(self, claim_id: str, repeated: bool = False) -> str:
        c = self.idx.claims[claim_id]
        width = self.wrap
        if self.short and claim_id != self.m.thesis:
            body = f"<b>{html_lines(c.title, width)}</b>" if c.title else html_lines(shorten(c.text, 2 * width), width)
        else:
            body = html_lines(c.text, width)
            if c.title:
                title = f"<b>{html_lines(c.title, width)}</b>"
                body = f"{title}<br/>{body}" if body else title
        if c.reconstruction:
            # The reconstructor's addition: grey, and said in words (survives greyscale).
            self.features.added = True
            body = f'<font color="{self.theme.added}">{body}</font> {added_tag(self.theme)}'
        if repeated:
            self.features.repeated = True
            body = f"<i>{body}</i>" if body else ""
            body += f'<br/><font color="{self.theme.muted}" point-size="8">(repeated: argued for where it first appears)</font>'
            return body
        if c.evidence:
            marks, _, real, quoted = self.notes.markers(c.evidence, self.theme)
            self.features.evidence |= real
            self.features.attribution |= quoted
            body += f" {marks}"
        if claim_id in self.decisive:
            self.features.decisive = True
            body += f" {decisive_mark(self.theme)}"
        if self.shown is not None:
            body += self._hidden_note(claim_id)
        return body

    def _hidden_note(self, claim_id: str) -> str:
        note = hidden_note(self.idx, self.shown, claim_id)
        if not note:
            return ""
        self.features.hidden = True
        return f'<br/><font color="{self.theme.muted}" point-size="8">+ {note} not shown</font>'

    def _claim_node(self, claim_id: str, name: str) -> str:
        t = self.theme
        if claim_id == self.m.thesis:
            ink, word, border, style = t.thesis, "THESIS", 2, ""
            size = t.fontsize + 2
        else:
            self.features.unconnected = True
            ink, word, border, style = t.thesis, "NOT CONNECTED TO THE THESIS", 1, ' style="dashed"'
            size = t.fontsize
        return (
            f'{name} [label=<<table border="{border}"{style} cellborder="0" cellspacing="0" cellpadding="5" '
            f'color="{ink.line}" bgcolor="{ink.fill}">'
            f'<tr><td cellpadding="2" bgcolor="{ink.line}"><font color="{ink.header_text}" point-size="8"><b>{word}</b></font></td></tr>'
            f'<tr><td balign="left" align="left"><font point-size="{size:g}">{self._claim_html(claim_id)}</font></td></tr>'
            f'</table>> tooltip="{self._claim_tip(claim_id, word.capitalize())}"]'
        )

    def _claim_tip(self, claim_id: str, role: str) -> str:
        c = self.idx.claims[claim_id]
        return tip(f"{role}: {short_name(c)}", claim_desc(self.m, c))

    def _box_top(self, role: str) -> tuple[str, str, str]:
        """The fixed pieces of an argument box of this role: table start, header
        start, header end (the header cell's colspan goes between)."""
        ink = self.theme.roles[role]
        stroke = ROLE_STROKES[role]
        style = f' style="{stroke.border_style}"' if stroke.border_style else ""
        return (
            f'[label=<<table border="{stroke.border}"{style} cellborder="1" cellspacing="3" cellpadding="4" '
            f'color="{ink.line}" bgcolor="{ink.fill}"><tr><td port="i" colspan="',
            f'" cellpadding="2" bgcolor="{ink.line}"><font color="{ink.header_text}" point-size="8"><b>{ROLE_WORDS[role]}',
            "</font></td></tr>",
        )

    def _argument_node(self, a: Argument, name: str, top: tuple[str, str, str], rows: bool) -> str:
        """One box: the role header over the premises, side by side (or one under
        the other for `rows`: leaves in a column, where nothing hangs under them)."""
        header = " \u00b7 UNDERCUT" if a.target in self.idx.arguments else ""
        if a.reconstruction:
            self.features.added = True
            header += " \u00b7 ADDED"
        header += "</b>"
        if a.scheme:
            header += f" \u00b7 {escape(shown_name(a.scheme))}"
        if len(a.premises) > 1:
            self.features.linked = True
        cell = f'<td bgcolor="{self.theme.cell}" balign="left" align="left" valign="top"{CELL_LINK} port="p'
        home = self.home
        cells = []
        for k, p in enumerate(a.premises):
            dotted = ' style="dotted"' if self.idx.claims[p].reconstruction else ""
            words = self._claim_tip(p, "Premise")
            cells.append(f"{cell}{k}\"{dotted} tooltip=\"{words}\">{self._claim_html(p, home.get(p) != (a.id, k))}</td>")
        if rows:
            span, premises = "1", "".join(f"<tr>{c}</tr>" for c in cells)
        else:
            span, premises = str(len(cells)), f"<tr>{''.join(cells)}</tr>"
        return f'{name} {top[0]}{span}{top[1]}{header}{top[2]}{premises}</table>> tooltip="{argument_tip(self.idx, a)}"]'


# ---------------------------------------------------------------- shared pieces


def graph_header(
    theme: Theme, label: str = "", *, extra: str = " ranksep=0.45", rankdir: str = "TB", label_at: str = "t"
) -> list[str]:
    """The opening statements every diagram shares (`extra`: more graph attributes).
    A figure fitted to a page (`print_theme`) has a thin margin: the page has one."""
    font = theme.font
    # (margin: the PDF's own, half an inch by default; a fitted PDF is the figure.)
    pad = f"pad={FIT_PAD_IN:g} margin=0" if theme.fontsize == FIT_FONTSIZE else "pad=0.3"
    graph = (
        f'graph [rankdir={rankdir} nodesep=0.25 {pad} bgcolor="{theme.background}" '
        f'fontname="{font}" fontsize={theme.fontsize + 5:g} fontcolor="{theme.text}" '
        f"outputorder=edgesfirst overlap=false{extra}"
    )
    if label:
        graph += f" labelloc={label_at} labeljust={'c' if label_at == 't' else 'l'} label=<{label}>"
    return [
        "digraph argmap {",
        graph + "];",
        # Every attribute any node or edge sets is declared here, before the first
        # node or edge: dot 2.43 reads garbage for an attribute first declared after
        # edges exist ('Warning: Arrow type "10000" unknown').
        f'node [shape=plain fontname="{font}" fontsize={theme.fontsize:g} fontcolor="{theme.text}" group=""];',
        'edge [dir=back arrowtail=normal arrowhead=normal arrowsize=0.8 color=black style=solid penwidth=1 '
        "constraint=true weight=1 minlen=1];",
    ]


def title_label(title: str, subtitle: str, theme: Theme, wrap: int, fit: float | None = None) -> str:
    width = 0 if wrap <= 0 else max(60, 2 * wrap)
    if fit:
        width = chars_in(fit, theme, theme.fontsize + 5)
    label = f"<b>{html_lines(title, width)}</b>"
    if subtitle.strip():
        label += f'<br/><font point-size="{theme.fontsize:g}" color="{theme.muted}">{html_lines(subtitle, int(width * 1.3))}</font>'
    return label


def legend_entries(
    theme: Theme, f: Features, link_kinds: list[str] | tuple[str, ...] = (), *, outline: bool = False
) -> list[tuple[str, str]]:
    """(key, meaning) pairs for what the diagram shows: the key is HTML (a sample of
    the box or line), the meaning plain text. `outline`: the comparison's outline
    panels rather than box-and-arrow trees."""
    entries: list[tuple[str, str]] = []

    def band(ink_line: str, text_color: str, word: str, border: int = 0, style: str = "") -> str:
        dashed = ' style="dashed"' if style else ""
        return (
            f'<table border="{border}"{dashed} cellborder="0" cellspacing="0" cellpadding="2" color="{ink_line}" '
            f'bgcolor="{ink_line}" fixedsize="false"><tr><td><font color="{text_color}" point-size="8"><b>{word}</b></font></td></tr></table>'
        )

    th = theme.thesis
    entries.append((band(th.line, th.header_text, "THESIS"), "the claim the map argues for"))
    for role in ("reason", "objection", "rebuttal"):
        if role not in f.roles:
            continue
        ink = theme.roles[role]
        stroke = ROLE_STROKES[role]
        if outline:
            key = band(ink.line, ink.header_text, ROLE_WORDS[role])
            meaning = OUTLINE_MEANING[role]
        else:
            key = (
                f'<table border="0" cellspacing="2" cellpadding="0"><tr><td>'
                f"{band(ink.line, ink.header_text, ROLE_WORDS[role], stroke.border, stroke.border_style)}</td>"
                f'<td><font color="{ink.line}">{stroke.sample}</font></td></tr></table>'
            )
            line = "bold" if stroke.penwidth > 2 else stroke.style
            meaning = f"{ROLE_MEANING[role]} ({line} line)"
        entries.append((key, meaning))
    if f.undercut:
        if outline:
            entries.append(("<b>UNDERCUT</b>", "attacks the inference of the argument above it, not a claim"))
        else:
            entries.append(
                ('<font point-size="8"><b>\u00b7 UNDERCUT</b></font>',
                 "attacks an inference: its arrow ends at the header of the argument it attacks, not at a claim")
            )
    if f.linked:
        if outline:
            entries.append(("<b>AND</b>", "a further premise of the same argument (linked: they work only together)"))
        else:
            entries.append(
                ('<table border="1" cellborder="1" cellspacing="2" cellpadding="1"><tr><td><font point-size="8">A</font></td>'
                 '<td><font point-size="8">B</font></td></tr></table>',
                 "premises in one box are linked: they support or attack only together; separate boxes are separate arguments")
            )
    if f.evidence:
        entries.append((f'<font color="{theme.marker}"><b>[1]</b></font>', "evidence: the source is listed under Sources"))
    if f.attribution:
        entries.append(
            (f'<font color="{theme.muted}">\u20391a\u203a</font>',
             "where the reconstructed text says the claim (an attribution, not evidence)")
        )
    if f.added:
        key = f'<font color="{theme.added}">text</font> {added_tag(theme)}'
        if not outline:
            key = f'<table border="0" cellborder="1" cellspacing="0" cellpadding="2"><tr><td style="dotted">{key}</td></tr></table>'
        entries.append((key, "added by the reconstructor (not stated in the text); ADDED on an argument"))
    if f.decisive:
        entries.append((decisive_mark(theme), DECISIVE_MEANING))
    if f.repeated:
        entries.append(("<i>italic</i>", "a premise used again; its own arguments hang where it first appears"))
    if f.unconnected:
        entries.append(("<b>CLAIM</b>" if outline else '<font point-size="8"><b>NOT CONNECTED</b></font>',
                        "a claim with no path of arguments to the thesis"))
    if f.hidden:
        entries.append(
            (f'<font color="{theme.muted}" point-size="8">+2 reasons</font>',
             "arguments left out: they lead to no cross-map link (argmap render draws the whole map)")
        )
    for kind in link_kinds:
        ls = LINK_STROKES[kind]
        color = theme.links[kind]
        # In the comparison's legend the sample goes under the word: a narrower key.
        gap = "<br/>" if outline else " "
        entries.append(
            (f'<font point-size="8"><b>{kind.upper()}</b></font>{gap}<font color="{color}">{ls.sample}</font>', LINK_WORDS[kind])
        )
    return entries


DECISIVE_MEANING = "decisive: met by an unanswered objection, this claim would change the thesis's verdict"


def decisive_mark(theme: Theme) -> str:
    """The mark of a decisive claim (argmap evaluate --why): a diamond, bold."""
    return f'<font color="{theme.marker}"><b>\u25c6</b></font>'


def legend_table(entries: list[tuple[str, str]], *, columns: int = 1, width: int = 50) -> str:
    """The legend as one HTML table, `columns` entries side by side."""
    rows = []
    for i in range(0, len(entries), columns):
        cells = "".join(
            f'<td align="right" valign="top">{key}</td><td align="left" balign="left" valign="top">{html_lines(meaning, width)}</td>'
            for key, meaning in entries[i : i + columns]
        )
        rows.append(f"<tr>{cells}</tr>")
    return f'<table border="0" cellborder="0" cellspacing="3" cellpadding="1">{"".join(rows)}</table>'


def legend_cluster(name: str, theme: Theme, f: Features, link_kinds=()) -> list[str]:
    return [
        f"subgraph cluster_{name} {{",
        f'graph [label=<<b>Legend</b>> labeljust=l fontsize={theme.fontsize:g} color="{theme.cluster_line}" '
        f'style="rounded" penwidth=0.8 margin=6];',
        f"{name} [label=<{legend_table(legend_entries(theme, f, link_kinds))}> fontsize={theme.fontsize - 1:g}];",
        "}",
    ]


SOURCES_PER_COLUMN = 12
SOURCES_MAX_COLUMNS = 12


def sources_node(name: str, notes: Footnotes, theme: Theme, wrap: int, heading: str = "Sources") -> str:
    """The numbered source list, in side-by-side columns of SOURCES_PER_COLUMN
    entries (up to SOURCES_MAX_COLUMNS columns): one long column would make a wide
    map twice as tall."""
    width = footnote_width(wrap)
    entries = notes.entries
    columns = min(SOURCES_MAX_COLUMNS, max(1, -(-len(entries) // SOURCES_PER_COLUMN)))
    per_column = -(-len(entries) // columns)
    cells = [
        f'<td valign="top"><table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
        f"{footnote_rows(entries[i : i + per_column], theme, width, reconstructed=notes.reconstructed)}</table></td>"
        for i in range(0, len(entries), per_column)
    ]
    return (
        f'{name} [label=<<table border="0" cellborder="0" cellspacing="6" cellpadding="0">'
        f'<tr><td align="left" colspan="{len(cells)}"><b>{heading}</b></td></tr><tr>{"".join(cells)}</tr></table>> '
        f"fontsize={theme.fontsize - 1:g}];"
    )


# ---------------------------------------------------------------- public


LAYOUTS = ("tree", "outline", "auto")
# `layout="auto"`: maps up to this many claims as a tree, bigger ones as an outline.
AUTO_TREE_MAX_CLAIMS = 25


# Type for figures fitted to a page (see fit.py): the smallest type in any diagram
# is 8 pt, so a fitted figure may be scaled down to 7/8 and still print at 7 pt.
FIT_FONTSIZE = 10.0
SMALLEST_PT = 8.0
FIT_PAD_IN = 0.05  # margin of a fitted figure, inches
MIN_PRINTED_PT = 7.0  # no text of a fitted figure prints smaller


def print_theme(theme: Theme) -> Theme:
    """The theme with the type sizes of a figure fitted to a page."""
    return replace(theme, fontsize=FIT_FONTSIZE)


def chars_in(width_pt: float, theme: Theme, size: float | None = None) -> int:
    """About how many characters of text at `size` (default: the theme's) fit in
    `width_pt` (Liberation Sans averages 0.55 em a character in running text)."""
    return max(12, int(width_pt / (0.55 * (size or theme.fontsize))))


def decisive_claims(m: ArgumentMap) -> frozenset[str]:
    """The claims of any smallest set whose defeat changes the thesis's label."""
    from argmap.analysis.evaluation.why import explain_map

    return frozenset(c for group in explain_map(m).decisive.sets for c in group)


def map_tip(m: ArgumentMap) -> str:
    """The graph's tooltip: the document title and long description of its SVG."""
    return tip(m.title or "Argument map", long_description(m))


def bottom_block(theme: Theme, entries: list[tuple[str, str]], notes: Footnotes | None, fit: float) -> str:
    """Legend, then the sources, left-aligned under a fitted diagram, `fit` points
    wide: one table, so the source numbers line up under the legend's keys."""
    columns = 2 if fit >= 420 else 1
    key_pt = 70.0
    size = theme.fontsize - 1
    width = chars_in(fit / columns - key_pt, theme, size)
    span = 2 * columns
    rows = [f'<tr><td align="left" colspan="{span}"><b>Legend</b></td></tr>']
    for i in range(0, len(entries), columns):
        pairs = entries[i : i + columns]
        cells = "".join(
            f'<td align="right" valign="top">{key}</td><td align="left" balign="left" valign="top">{html_lines(meaning, width)}</td>'
            for key, meaning in pairs
        )
        cells += "<td></td><td></td>" * (columns - len(pairs))
        rows.append(f"<tr>{cells}</tr>")
    if notes is not None and notes.entries:
        source_width = chars_in(fit - key_pt, theme, size)
        rows.append(f'<tr><td align="left" colspan="{span}"><b>Sources</b></td></tr>')
        rows.append(footnote_rows(notes.entries, theme, source_width, reconstructed=notes.reconstructed, span=span - 1))
    return (
        f'<font point-size="{size:g}"><table border="0" cellborder="0" cellspacing="2" cellpadding="1">'
        f'{"".join(rows)}</table></font>'
    )


@collector_paused()  # hundreds of thousands of short-lived objects
def map_to_dot(
    m: ArgumentMap,
    *,
    theme: str = "default",
    wrap: int = 40,
    detail: str = "full",
    layout: str = "tree",
    fit: float | None = None,
    shape: TreeShape | None = None,
    columns: int | None = None,
    decisive: bool = False,
) -> str:
    """The DOT source of one map's diagram.

    `layout` "tree": boxes and arrows, thesis on top (see the module docstring);
    "outline": an indented outline in page-shaped columns (see `outline.py`), for
    reading and printing; "auto": tree up to AUTO_TREE_MAX_CLAIMS claims, else
    outline. `detail` "full": every claim's title and text; "short": the title
    alone (or the text cut to two lines) and sources without places, for big maps.

    `fit`: draw for a page, this many points wide (at the type sizes of
    `print_theme`): the legend and sources under the diagram, title and legend
    wrapped to the width; `shape` folds a tree to it (fit.py chooses both and
    checks the result with Graphviz). None: the poster, legend beside the tree.
    `columns`: an outline's number of columns (default: as many as suit a page).
    `decisive`: mark the claims that decide the thesis's verdict (evaluation/why.py).
    """
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    t = get_theme(theme)
    if fit:
        t = print_theme(t)
    if layout == "auto":
        layout = "tree" if len(m.claims) <= AUTO_TREE_MAX_CLAIMS else "outline"
    marked = decisive_claims(m) if decisive else frozenset()
    if layout == "outline":
        from argmap.render.outline import outline_to_dot

        return outline_to_dot(m, t, wrap, detail, fit, columns, marked)
    short = detail == "short"
    notes = Footnotes(locators=not short)
    body = MapBody(m, t, wrap, "n", notes, short=short, shape=shape, decisive=marked)
    subtitle = ", ".join(m.authors)
    title = title_label(m.title or "Argument map", subtitle, t, wrap, fit)
    extra = f' ranksep=0.45 ordering=out tooltip="{map_tip(m)}"'
    if fit:
        # Title on top, legend and sources under the diagram, all as wide as the page.
        lines = graph_header(t, bottom_block(t, legend_entries(t, body.features), notes, fit), extra=extra, label_at="b")
        lines.append(f'title [label=<{title}> tooltip="{tip("Title", m.title or "Argument map")}"];')
        lines.append("{rank=min; title}")
        lines.append(f"title -> {body.names[m.thesis]} [style=invis]")
        lines += body.nodes
        lines += body.edges
        lines.append("}")
        return "\n".join(lines) + "\n"
    lines = graph_header(t, title, extra=extra)
    lines += body.nodes
    lines += body.edges
    lines += legend_cluster("legend", t, body.features)
    if notes.entries:
        lines.append("subgraph sources_rank {")
        lines.append("rank=sink;")
        lines.append(sources_node("sources", notes, t, wrap))
        lines.append("}")
    lines.append("}")
    return "\n".join(lines) + "\n"
