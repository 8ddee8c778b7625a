"""What the map tree shows, as plain data: rows (by id only) and their labels.

A row is a small tuple, kept in `TreeNode.data` (never the claim itself):
- ("claim", claim_id, argument_id | None): a claim; `argument_id` is the argument
  it is a premise of at this place (None for the thesis and unconnected claims).
  When that argument has a single premise the row stands for the argument too
  (its role is the row's label, its undercuts are the row's children).
- ("group", argument_id): an argument with linked co-premises; its children are
  the premises ("premise" rows) and its undercuts.
- ("unconnected",): the claims not connected to the thesis.
"""

from __future__ import annotations

from collections import deque

from rich.text import Text

from argmap.analysis.defeat import DefeatedStep, explain
from argmap.analysis.structure import MapIndex
from argmap.model import Argument

Row = tuple

ROLE_STYLE = {
    "thesis": "bold",
    "reason": "bold green",
    "objection": "bold red",
    "rebuttal": "bold dark_orange",
    "undercut": "bold magenta",
    "premise": "dim",
    "claim": "dim",
}
ROLE_MARK = {"reason": "+", "objection": "−", "rebuttal": "±", "undercut": "⊘", "thesis": "◆"}


def role_of(idx: MapIndex, a: Argument) -> str:
    return "undercut" if idx.is_undercut(a) else idx.role(a)


def argument_row(a: Argument) -> Row:
    return ("claim", a.premises[0], a.id) if len(a.premises) == 1 else ("group", a.id)


def root_rows(idx: MapIndex) -> list[Row]:
    rows: list[Row] = [("claim", idx.map.thesis, None)]
    if idx.unreachable_claims():
        rows.append(("unconnected",))
    return rows


def stands_for_argument(idx: MapIndex, row: Row) -> str | None:
    """The argument a row stands for (single-premise claim row or group), if any."""
    if row[0] == "group":
        return row[1]
    if row[0] == "claim" and row[2] is not None:
        a = idx.arguments.get(row[2])
        if a is not None and len(a.premises) == 1:
            return a.id
    return None


def children(idx: MapIndex, row: Row) -> list[Row]:
    kind = row[0]
    if kind == "unconnected":
        return [("claim", cid, None) for cid in idx.unreachable_claims()]
    out: list[Row] = []
    if kind == "group":
        a = idx.arguments.get(row[1])
        if a is None:
            return out
        out += [("claim", p, a.id) for p in a.premises]
        out += [argument_row(u) for u in idx.children(a.id)]
        return out
    claim_id = row[1]
    out += [argument_row(a) for a in idx.children(claim_id)]
    argument = stands_for_argument(idx, row)
    if argument is not None:
        out += [argument_row(u) for u in idx.children(argument)]
    return out


def has_children(idx: MapIndex, row: Row) -> bool:
    if row[0] in ("group", "unconnected"):
        return True
    if idx.targeting.get(row[1]):
        return True
    argument = stands_for_argument(idx, row)
    return bool(argument and idx.targeting.get(argument))


def row_role(idx: MapIndex, row: Row) -> str:
    if row[0] == "unconnected":
        return "claim"
    if row[0] == "group":
        return role_of(idx, idx.arguments[row[1]])
    if row[2] is None:
        return "thesis" if row[1] == idx.map.thesis else "claim"
    a = idx.arguments.get(row[2])
    if a is None:
        return "claim"
    return role_of(idx, a) if len(a.premises) == 1 else "premise"


RECONSTRUCTION_MARK = "ʳ "


def is_reconstruction(idx: MapIndex, row: Row) -> bool:
    """Added by the reconstructor: the claim, or the argument a row stands for."""
    claim = idx.claims.get(row[1]) if row[0] == "claim" else None
    if claim is not None and claim.reconstruction:
        return True
    argument = stands_for_argument(idx, row)
    return argument is not None and idx.arguments[argument].reconstruction


def is_shared(idx: MapIndex, claim_id: str) -> bool:
    uses = len(idx.used_in.get(claim_id, ()))
    return uses > 1 or (uses >= 1 and claim_id == idx.map.thesis)


def label(idx: MapIndex, row: Row, *, mark: Text | None = None, compact: bool = False) -> Text:
    """The row's label: role (word and colour), `mark` (status, link, cut), text,
    then small markers. Always a rich Text: claim text is never parsed as markup.
    `compact` (narrow panes): the role as its symbol only, a titled claim by title."""
    role = row_role(idx, row)
    style = ROLE_STYLE.get(role, "")
    if row[0] == "unconnected":
        n = len(idx.unreachable_claims())
        return Text(f"not connected to the thesis ({n})", style="italic dim")
    if row[0] == "group":
        a = idx.arguments[row[1]]
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{ROLE_MARK.get(role, ' ')} " if compact else f"{ROLE_MARK.get(role, ' ') + ' ' + role:<12}", style=style)
        if a.reconstruction:
            t.append(RECONSTRUCTION_MARK, style="dim")
        if mark is not None:
            t.append_text(mark)
        t.append(f"linked ({len(a.premises)})" if compact else f"linked: {len(a.premises)} premises together", style="italic")
        return t
    claim = idx.claims.get(row[1])
    if claim is None:
        return Text(f"? missing claim {row[1]}", style="red")
    mark_char = ROLE_MARK.get(role, " ") if role != "premise" else "&"
    head = f"{mark_char} {role}" if role not in ("claim",) else "·"
    t = Text(no_wrap=True, overflow="ellipsis")
    t.append(f"{mark_char} " if compact else f"{head:<12}", style=style)
    if is_reconstruction(idx, row):
        t.append(RECONSTRUCTION_MARK, style="dim")
    if mark is not None:
        t.append_text(mark)
    first_line = claim.text.split("\n", 1)[0] if claim.text else ""
    if claim.title:
        t.append(claim.title, style="bold")
        if compact:
            return t
        t.append(": ")
    t.append(first_line or "(no text)", style="" if first_line else "italic dim")
    if "\n" in claim.text:
        t.append(" …", style="dim")
    real = len(idx.map.real_evidence(claim))
    if real:
        t.append(f"  ❝{real}", style="cyan")
    if len(claim.evidence) > real:
        t.append(f"  ❞{len(claim.evidence) - real}", style="dim cyan")
    if claim.note:
        t.append("  ✎", style="dim")
    if is_shared(idx, claim.id):
        t.append(f"  ⇄ shared ×{len(idx.used_in.get(claim.id, ())) + (claim.id == idx.map.thesis)}", style="italic blue")
    for tag in claim.tags:
        t.append(f" #{tag}", style="dim cyan")
    return t


def is_path(idx: MapIndex, path: list[Row]) -> bool:
    """Whether a row path still runs from a top row down, each row a child of the one above."""
    if not path or path[0] not in root_rows(idx):
        return False
    return all(row in children(idx, above) for above, row in zip(path, path[1:]))


def path_to(idx: MapIndex, claim_id: str, prefer_argument: str | None = None) -> list[Row] | None:
    """The shortest row path from a root row to a row showing `claim_id` (preferring
    the row under `prefer_argument`), or None when not shown."""
    parents: dict[Row, Row | None] = {}
    queue: deque[Row] = deque()
    for r in root_rows(idx):
        parents[r] = None
        queue.append(r)
    found: Row | None = None
    fallback: Row | None = None
    while queue:
        row = queue.popleft()
        if row[0] == "claim" and row[1] == claim_id:
            if prefer_argument is None or row[2] == prefer_argument:
                found = row
                break
            fallback = fallback or row
        for child in children(idx, row):
            if child not in parents:
                parents[child] = row
                queue.append(child)
    found = found or fallback
    if found is None:
        return None
    path = [found]
    while parents[path[-1]] is not None:
        path.append(parents[path[-1]])
    return path[::-1]


def claims_in_tree_order(idx: MapIndex) -> list[str]:
    """Claim ids in depth-first order of first appearance (for search), then the
    unconnected ones."""
    seen: set[str] = set()
    order: list[str] = []
    visited_rows: set[Row] = set()
    stack = list(reversed(root_rows(idx)))
    while stack:
        row = stack.pop()
        if row in visited_rows:
            continue
        visited_rows.add(row)
        if row[0] == "claim" and row[1] not in seen:
            seen.add(row[1])
            order.append(row[1])
        stack.extend(reversed(children(idx, row)))
    return order


class Detail:
    """The detail panel's content: blocks of text, each with a hanging indent (a
    wrapped quote or source line stays under its start). A rich renderable;
    `plain` is the text without styles."""

    def __init__(self) -> None:
        self.blocks: list[tuple[Text, int]] = []

    def add(self, text: Text | str, indent: int = 0, style: str = "") -> None:
        self.blocks.append((text if isinstance(text, Text) else Text(text, style=style), indent))

    def gap(self) -> None:
        self.add(Text(""))

    @property
    def plain(self) -> str:
        return "\n".join(" " * indent + text.plain for text, indent in self.blocks)

    def __rich_console__(self, console, options):
        from rich.padding import Padding

        for text, indent in self.blocks:
            yield Padding(text, (0, 0, 0, indent)) if indent else text


Status = tuple[str, str]  # (computed label, semantics)
STATUS_STYLE = {"accepted": "bold green", "rejected": "bold red", "undecided": "bold yellow"}
RECONSTRUCTION_NOTE = "ʳ added by the reconstructor (not in the author's text)"


def detail(
    idx: MapIndex,
    row: Row | None,
    *,
    status: Status | None = None,
    step: DefeatedStep | None = None,
    after_text: list[tuple[Text, int]] | None = None,
) -> Detail:
    """The detail panel for a row: the claim in full and where else it is used.
    `status`: its computed label; `step`: why the step this row stands for fails;
    `after_text`: blocks to show right after the claim's text (the compare view's
    links)."""
    d = Detail()
    if row is None or row[0] == "unconnected":
        d.add("Claims that no argument connects to the thesis. Select one to see it.", style="dim")
        return d
    if row[0] == "group":
        a = idx.arguments[row[1]]
        role = role_of(idx, a)
        d.add(Text.assemble((f"{role} (linked argument {a.id})", ROLE_STYLE[role])))
        if a.reconstruction:
            d.add(RECONSTRUCTION_NOTE, style="dim italic")
        if step is not None:
            d.add(Text("↯ " + explain(idx, step, role), style="bold red" if step.label == "rejected" else "bold yellow"), 2)
        d.add("These premises support only together:", style="italic")
        for p in a.premises:
            d.add(Text("& " + idx.claims[p].text), 2)
        _argument_extras(d, a)
        return d
    claim = idx.claims[row[1]]
    role = row_role(idx, row)
    argument = idx.arguments.get(row[2]) if row[2] else None
    head = Text.assemble((role, ROLE_STYLE.get(role, "")), (f"  id {claim.id}", "dim"))
    if status is not None:
        label, semantics = status
        head.append(f"   {label}", style=STATUS_STYLE[label])
        head.append(f" ({semantics})", style="dim")
    d.add(head)
    if claim.reconstruction or (argument is not None and argument.reconstruction and len(argument.premises) == 1):
        d.add(RECONSTRUCTION_NOTE, style="dim italic")
    if step is not None:
        d.add(Text("↯ " + explain(idx, step, role), style="bold red" if step.label == "rejected" else "bold yellow"), 2)
    if argument is not None and argument.scheme:
        d.add(_scheme_summary(argument))
    if claim.title:
        d.add(Text(claim.title, style="bold"))
    d.add(Text(claim.text or "(no text)", style="" if claim.text else "italic dim"))
    for block in after_text or []:
        d.blocks.append(block)
    if claim.tags:
        d.add(Text.assemble(("tags: ", "bold"), (" ".join(f"#{x}" for x in claim.tags), "cyan")))
    if claim.note:
        d.add(Text.assemble(("note: ", "bold"), claim.note))
    _evidence(d, idx, claim)
    if claim.evaluation:
        ev = claim.evaluation
        parts = [p for p in (ev.status, f"confidence {ev.confidence:g}" if ev.confidence is not None else None, ev.note) if p]
        d.add(Text.assemble(("evaluation (the map author's): ", "bold"), ", ".join(parts)))
    if argument is not None and (argument.scheme or argument.note):
        _argument_extras(d, argument)
    uses = idx.used_in.get(claim.id, [])
    if len(uses) > 1 or (uses and claim.id == idx.map.thesis):
        d.gap()
        d.add(f"used in {len(uses)} places:", style="bold blue")
        for a in uses:
            target = idx.claims.get(idx.target_claim(a))
            d.add(Text.assemble((f"{role_of(idx, a)} of: ", ROLE_STYLE[role_of(idx, a)]), target.text if target else a.target), 2)
    attacks = [a for a in idx.children(claim.id) if a.polarity == "attack"]
    supports = [a for a in idx.children(claim.id) if a.polarity == "support"]
    if attacks or supports:
        d.gap()
        d.add(f"{len(supports)} reason(s), {len(attacks)} objection(s) on this claim", style="dim")
    return d


def _evidence(d: Detail, idx: MapIndex, claim) -> None:
    """Attribution (quotes of the text the map reconstructs: where the author says
    it) apart from evidence (other sources: what the claim rests on)."""
    m = idx.map
    sources = {s.id: s for s in m.sources}
    said = [e for e in claim.evidence if m.is_attribution(e)]
    real = [e for e in claim.evidence if not m.is_attribution(e)]
    for heading, items in (("the author says:", said), ("evidence:", real)):
        if not items:
            continue
        d.gap()
        d.add(heading, style="bold")
        for e in items:
            s = sources.get(e.source)
            who = ", ".join(s.authors) if s and s.authors else e.source
            year = f" {s.year}" if s and s.year else ""
            title = f", {s.title}" if s and s.title else ""
            line = Text(f"{who}{year}{title}", style="cyan")
            if e.locator:
                line.append(f" ({e.locator})", style="cyan")
            d.add(line, 2)
            if e.quote:
                d.add(Text(f"“{e.quote}”", style="italic"), 4)
    if not real:
        d.gap()
        d.add("no evidence" + (" (only the author's own words)" if said else ""), style="dim")


def _argument_extras(d: Detail, a: Argument) -> None:
    if a.scheme:
        _scheme(d, a)
    if a.note:
        d.add(f"argument note: {a.note}", style="dim")


QUESTION_STYLE = {"open": "bold yellow", "answered": "green", "set-aside": "dim"}


def question_state(a: Argument, question_id: str) -> tuple[str, str]:
    """`[open]`, `[answered by a7]`, `[set aside: note]`, and the state's name."""
    q = next((x for x in a.questions if x.id == question_id), None)
    if q is None or q.state == "open":
        return "[open]", "open"
    if q.state == "answered":
        return f"[answered by {q.by}]", "answered"
    return f"[set aside: {q.note}]", "set-aside"


def question_line(a: Argument, question) -> Text:
    """One critical question of `a` (a catalogue CriticalQuestion) with its state."""
    shown, state = question_state(a, question.id)
    return Text.assemble((shown, QUESTION_STYLE[state]), " ", (question.id, "bold"), (f" ({question.type})", "dim"), f": {question.text}")


def _scheme_summary(a: Argument) -> Text:
    """One line under the panel's head: the scheme and how many questions are open."""
    from argmap.catalogue import known_catalogue

    scheme = known_catalogue().get(a.scheme)
    if scheme is None:
        return Text.assemble(("scheme: ", "dim"), a.scheme)
    opens = sum(question_state(a, q.id)[1] == "open" for q in scheme.questions)
    return Text.assemble(("scheme: ", "dim"), scheme.name, (f" · {opens} open question{'s' if opens != 1 else ''} (below; Q)" if opens else " · no open questions", "yellow" if opens else "dim"))


def _scheme(d: Detail, a: Argument) -> None:
    """The scheme's name and its critical questions with their states (Q acts on them)."""
    from argmap.catalogue import known_catalogue

    scheme = known_catalogue().get(a.scheme)
    if scheme is None:
        d.add(Text.assemble(("scheme: ", "bold"), a.scheme, (" (free text: no critical questions)", "dim")))
        return
    d.gap()
    d.add(Text.assemble(("scheme: ", "bold"), scheme.name, (f"  ({scheme.id}; f changes it)", "dim")))
    opens = sum(question_state(a, q.id)[1] == "open" for q in scheme.questions)
    d.add(Text(f"critical questions ({opens} open; Q answers or sets them aside):", style="italic"))
    for q in scheme.questions:
        d.add(question_line(a, q), 2)
