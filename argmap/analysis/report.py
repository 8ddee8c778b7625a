"""A reviewer's report on two maps and the links between them (`argmap report`).

The report is first built as a small document (headings, paragraphs, tables,
lists made of text runs) and then written as Markdown or as a standalone HTML
page, so both formats say the same and every piece of user text is escaped by
the one renderer that knows the target syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from argmap.analysis.diff import clip, md_escape
from argmap.analysis.evaluation import evaluate_map
from argmap.analysis.evaluation.joint import evaluate_comparison
from argmap.analysis.evaluation.why import explain_comparison, explain_map
from argmap.analysis.verdict import joint_sentence, side_name
from argmap.analysis.metrics import is_answered, map_metrics
from argmap.analysis.structure import MapIndex
from argmap.model import ArgumentMap, Claim, Comparison, LinkKind

Style = Literal["", "b", "i", "code"]
Run = tuple[Style, str]

KIND_HEADINGS: dict[LinkKind, tuple[str, str]] = {
    "same": ("Same", "the maps make the same or an equivalent claim"),
    "contradicts": ("Contradicts", "the maps disagree here"),
    "shared-evidence": ("Shared evidence", "both rely on the same fact or source, perhaps for different conclusions"),
}
KIND_ORDER: tuple[LinkKind, ...] = ("contradicts", "same", "shared-evidence")


# ---------------------------------------------------------------- document model


@dataclass
class Heading:
    level: int
    runs: list[Run]


@dataclass
class Para:
    runs: list[Run]


@dataclass
class Quote:
    runs: list[Run]


@dataclass
class Table:
    header: list[list[Run]]
    rows: list[list[list[Run]]]
    numeric: list[bool]  # right-align these columns


@dataclass
class Item:
    runs: list[Run]
    sub: list[list[Run]] = field(default_factory=list)


@dataclass
class Items:
    items: list[Item]


@dataclass
class Diagram:
    svg_path: str | None = None  # Markdown: link to this file
    svg_text: str | None = None  # HTML: inline this
    note: str = ""  # when there is no diagram: why


Block = Heading | Para | Quote | Table | Items | Diagram


def t(text: str) -> Run:
    return ("", text)


def b(text: str) -> Run:
    return ("b", text)


def i(text: str) -> Run:
    return ("i", text)


def code(text: str) -> Run:
    return ("code", text)


# ---------------------------------------------------------------- content


@dataclass
class Side:
    name: str  # "Left" / "Right"
    path: str
    map: ArgumentMap
    index: MapIndex
    metrics: dict[str, int]
    labels: dict[str, str]
    thesis_label: str
    semantics: str

    @property
    def title(self) -> str:
        return self.map.title or clip(self.map.claim(self.map.thesis).text, 60)


def _side(name: str, path: str, m: ArgumentMap, semantics: str) -> Side:
    idx = MapIndex.build(m)
    ev = evaluate_map(m, semantics, index=idx)
    return Side(name, path, m, idx, map_metrics(m, idx), ev.labels, ev.thesis_label, semantics)


def build_report(
    left: ArgumentMap,
    right: ArgumentMap,
    comparison: Comparison | None,
    *,
    left_path: str,
    right_path: str,
    semantics: str = "grounded",
    diagram: Diagram | None = None,
) -> list[Block]:
    L = _side("Left", left_path, left, semantics)
    R = _side("Right", right_path, right, semantics)
    links = comparison.links if comparison else []
    title = (comparison.title if comparison and comparison.title else f"{L.title} vs {R.title}")
    blocks: list[Block] = [Heading(1, [t(f"Review: {title}")])]
    if comparison and comparison.description:
        blocks.append(Para([t(comparison.description)]))
    blocks.append(Items([
        Item([b("Left: "), t(L.title + " "), code(L.path)]),
        Item([b("Right: "), t(R.title + " "), code(R.path)]),
    ]))

    joint = evaluate_comparison(left, right, comparison, semantics) if comparison else None
    blocks.append(Heading(2, [t("The theses")]))
    for s, side in ((L, "left"), (R, "right")):
        thesis = s.map.claim(s.map.thesis)
        verdict = [t(f"; {s.semantics} evaluation, alone: "), b(_stands(s.thesis_label))]
        if joint:
            verdict += [t(", judged together: "), b(_stands(joint.thesis[side]))]
        blocks.append(Para([b(f"{s.name}, {s.title}"), t(" ("), code(thesis.id), *verdict, t(")")]))
        blocks.append(Quote([t(" ".join(thesis.text.split()))]))
    if joint:
        names = {"left": side_name(left, "the left map"), "right": side_name(right, "the right map")}
        blocks.append(Para([b(joint_sentence(joint, names))]))
        blocks.append(Para([i("Judged together: "), t(
            "both maps and their links read as one debate: a claim linked as the same is one claim, "
            "two claims that contradict each other are each an objection to the other, shared evidence "
            "is no attack (see the README, “Evaluation”).")]))
    blocks += _decisive(L, R, comparison, semantics)

    blocks.append(Heading(2, [t("In numbers")]))
    blocks.append(_metrics_table(L, R))
    blocks.append(Para([i("Evaluation: "), t(
        f"claims are labelled by {semantics} semantics over the map's arguments and attacks "
        "(an accepted claim survives every objection the map records; see "), code("argmap evaluate"), t(
        "). An attack counts as answered when something attacks it in turn.")]))

    blocks.append(Heading(2, [t(f"Cross-map links ({len(links)})")]))
    if not links:
        blocks.append(Para([t("The comparison has no links yet. "), code("argmap align LEFT RIGHT"),
                            t(" suggests some; the compare view of "), code("argmap"), t(" adds them.")]))
    else:
        blocks.append(Para([t("Grouped by kind. A claim marked "), i("[rejected]"), t(" or "), i("[undecided]"),
                            t(f" does not stand in its own map under {semantics} semantics.")]))
    lt = {c.id: c for c in left.claims}
    rt = {c.id: c for c in right.claims}
    for kind in KIND_ORDER:
        mine = [k for k in links if k.kind == kind]
        if not mine:
            continue
        heading, meaning = KIND_HEADINGS[kind]
        blocks.append(Heading(3, [t(f"{heading} ({len(mine)})")]))
        blocks.append(Para([i(meaning[0].upper() + meaning[1:] + ".")]))
        items = []
        for k in mine:
            sub = [
                [b("Left: "), t(_text(lt[k.left])), *_status(L, k.left)],
                [b("Right: "), t(_text(rt[k.right])), *_status(R, k.right)],
            ]
            if k.note:
                sub.append([i("Note: "), t(" ".join(k.note.split()))])
            items.append(Item([t(f"{_name(L.index, k.left)} \u2194 {_name(R.index, k.right)}")], sub))
        blocks.append(Items(items))

    linked_left = {k.left for k in links}
    linked_right = {k.right for k in links}
    for s, linked in ((L, linked_left), (R, linked_right)):
        blocks += _unique(s, linked)
    blocks += _open_points(L, R)

    blocks.append(Heading(2, [t("Diagram")]))
    blocks.append(diagram or Diagram(note="No diagram."))
    return blocks


def _decisive(L: Side, R: Side, comparison: Comparison | None, semantics: str) -> list[Block]:
    """Per thesis: the claims its verdict rests on, and which of them have no evidence."""
    if comparison:
        why = explain_comparison(L.map, R.map, comparison, semantics)
        claims = {f"{side}:{c.id}": c for side, s in (("left", L), ("right", R)) for c in s.map.claims}
    else:
        why = {"left": explain_map(L.map, semantics, index=L.index), "right": explain_map(R.map, semantics, index=R.index)}
        claims = None
    blocks: list[Block] = [Heading(2, [t("What decides the verdicts")])]
    items = []
    for s, side in ((L, "left"), (R, "right")):
        w = why[side]
        named = (lambda c, s=s: claims[c]) if claims else (lambda c, s=s: s.index.claims[c])
        items.append(Item([b(f"{s.name}, {s.title}: ")] + _rests_on(w, named)))
    blocks.append(Items(items))
    blocks.append(Para([i("Decisive: "), t(
        "the smallest sets of claims such that, if each met an objection nobody answers, the thesis's "
        "label would change. Evidence means a source other than the text the map reconstructs.")]))
    return blocks


def _rests_on(w, claim) -> list[Run]:
    d = w.decisive
    if not d.sets:
        none = f"no set of up to {d.searched} claims " + ("would change it if defeated" if d.count == 0 else "was found (the search was cut short)")
        if not d.minimal:
            return [t(none + ".")]
        named = " and ".join(f"“{claim(c).title or clip(claim(c).text, 60)}”" for c in d.minimal)
        return [t(f"{none}; defeating all {len(d.minimal)} of {named} would, and none of them is spare.")]
    runs: list[Run] = [t("the verdict rests on ")]
    for n, group in enumerate(d.sets):
        if n:
            runs.append(t("; or "))
        runs.append(t(" and ".join(f"“{claim(c).title or clip(claim(c).text, 60)}”" for c in group)))
    alone = "each decisive alone" if d.size == 1 else f"each set of {d.size} decisive together"
    more = "" if d.count is not None and d.count <= len(d.sets) else " (and more)"
    runs.append(t(f"{more} ({alone}); of these, {len(w.unevidenced)} {'has' if len(w.unevidenced) == 1 else 'have'} no evidence."))
    return runs


def _stands(label: str) -> str:
    return {"accepted": "stands (accepted)", "rejected": "falls (rejected)"}.get(label, f"open ({label})")


def _text(c: Claim) -> str:
    return " ".join(c.text.split())


def _status(s: Side, claim_id: str) -> list[Run]:
    label = s.labels.get(claim_id)
    if label and label != "accepted":
        return [t(" "), i(f"[{label}]")]
    return []


def _relation(idx: MapIndex, a, role: str) -> str:
    """How an argument's premises bear on the map, in words, naming claims by title:
    "for X", "against X", "against the step from P to X", "rebuts X", "rebuts the
    objection P against X"."""
    if not idx.is_undercut(a):
        return {"reason": "for", "objection": "against", "rebuttal": "rebuts"}[role] + f" {_name(idx, a.target)}"
    inner = idx.arguments[a.target]
    premises = " + ".join(_name(idx, p) for p in inner.premises)
    if role == "rebuttal":
        return f"rebuts the objection {premises} against {_name(idx, inner.target)}"
    return f"against the step from {premises} to {_name(idx, inner.target)}"


def _full_texts(idx: MapIndex, ids) -> str:
    """": full text / ..." for the claims a title names (an untitled claim's name already
    is its text, unless clipped), then "."."""
    texts = [_text(idx.claims[c]) for c in ids if idx.claims[c].title or len(_text(idx.claims[c])) > 50]
    return (": " + " / ".join(texts) if texts else "") + ("" if texts and texts[-1].endswith(".") else ".")


def _name(idx: MapIndex, node: str) -> str:
    """A claim by its title (or first words), an argument by its premises' names."""
    if node in idx.claims:
        c = idx.claims[node]
        return f"“{c.title or clip(c.text, 50)}”"
    return " + ".join(_name(idx, p) for p in idx.arguments[node].premises)


def _metrics_table(L: Side, R: Side) -> Table:
    def pair(fn) -> list[list[Run]]:
        return [[t(fn(L))], [t(fn(R))]]

    def count(key: str):
        return lambda s: str(s.metrics[key])

    def label_counts(s: Side) -> str:
        values = list(s.labels.values())
        return " / ".join(str(values.count(x)) for x in ("accepted", "rejected", "undecided"))

    rows = [
        ("claims", count("claims")),
        ("arguments (support / attack / undercut)",
         lambda s: f"{s.metrics['arguments']} ({s.metrics['support']} / {s.metrics['attack']} / {s.metrics['undercut']})"),
        ("depth (argument steps below the thesis)", count("depth")),
        ("linked arguments (2+ co-premises)", count("linked_arguments")),
        ("convergent claims (2+ separate reasons)", count("convergent_claims")),
        ("reasons / objections / rebuttals",
         lambda s: f"{s.metrics['reasons']} / {s.metrics['objections']} / {s.metrics['rebuttals']}"),
        ("objections answered / unanswered", lambda s: f"{s.metrics['objections_answered']} / {s.metrics['objections_unanswered']}"),
        ("rebuttals answered / unanswered", lambda s: f"{s.metrics['rebuttals_answered']} / {s.metrics['rebuttals_unanswered']}"),
        ("premises without evidence", lambda s: f"{s.metrics['premises_without_evidence']} of {s.metrics['premises']}"),
        ("claims with evidence", lambda s: f"{s.metrics['claims_with_evidence']} of {s.metrics['claims']}"),
        ("claims attributed to the reconstructed text", lambda s: f"{s.metrics['claims_attributed']} of {s.metrics['claims']}"),
        ("quotes / sources", lambda s: f"{s.metrics['quotes']} / {s.metrics['sources']}"),
        ("claims not connected to the thesis", count("unreachable_claims")),
        (f"thesis under {L.semantics} semantics", lambda s: _stands(s.thesis_label)),
        ("claims accepted / rejected / undecided", label_counts),
    ]
    table_rows = [[[t(name)], *pair(fn)] for name, fn in rows]
    header = [[t("")], [t(f"Left: {L.title}")], [t(f"Right: {R.title}")]]
    return Table(header, table_rows, [False, True, True])


def _unique(s: Side, linked: set[str]) -> list[Block]:
    """Premises of reasons, and of objections/rebuttals, that no link touches."""
    reasons: list[Item] = []
    objections: list[Item] = []
    seen_reason: set[str] = set()
    seen_objection: set[str] = set()
    for a in s.map.arguments:
        role = s.index.role(a)
        relation = _relation(s.index, a, role)
        for p in a.premises:
            if p in linked:
                continue
            claim = s.index.claims[p]
            notes = [relation]
            if not s.map.real_evidence(claim):
                notes.append("no evidence")
            if role == "objection" and not is_answered(s.index, a.id):
                notes.append("unanswered")
            label = s.labels.get(p)
            if label and label != "accepted":
                notes.append(f"{label} under {s.semantics}")
            item = Item([code(p), t(" " + _text(claim) + " "), i("(" + ", ".join(notes) + ")")])
            if role == "reason" and p not in seen_reason:
                seen_reason.add(p)
                reasons.append(item)
            elif role != "reason" and p not in seen_objection:
                seen_objection.add(p)
                objections.append(item)
    blocks: list[Block] = [Heading(2, [t(f"Only in the {s.name.lower()} map: {s.title}")])]
    blocks.append(Para([t("Premises that no cross-map link touches: what this side argues on its own.")]))
    blocks.append(Heading(3, [t(f"Reasons ({len(reasons)})")]))
    blocks.append(Items(reasons) if reasons else Para([i("none")]))
    blocks.append(Heading(3, [t(f"Objections and rebuttals ({len(objections)})")]))
    blocks.append(Items(objections) if objections else Para([i("none")]))
    return blocks


def _open_points(L: Side, R: Side) -> list[Block]:
    """What a reviewer would ask each side about: unanswered objections, premises
    without evidence, claims that do not stand."""
    blocks: list[Block] = [Heading(2, [t("Open points")]),
                           Para([t("Where each map is weakest, linked or not: objections that nothing answers "
                                   "(rebuttals are answers themselves and are not listed), premises without "
                                   "evidence, and claims that do not stand.")])]
    for s in (L, R):
        items: list[Item] = []
        for a in s.map.arguments:
            if s.index.role(a) == "objection" and not is_answered(s.index, a.id):
                premises = " + ".join(_name(s.index, p) for p in a.premises)
                items.append(Item([t(f"Objection {premises} "), i("(" + _relation(s.index, a, "objection") + ")"),
                                   t(" is not answered" + _full_texts(s.index, a.premises))]))
        premise_ids = {p for a in s.map.arguments for p in a.premises}
        for c in s.map.claims:
            if c.id in premise_ids and not s.map.real_evidence(c):
                items.append(Item([t(f"Premise {_name(s.index, c.id)} has no evidence" + _full_texts(s.index, [c.id]))]))
        for c in s.map.claims:
            label = s.labels.get(c.id)
            if label and label != "accepted":
                items.append(Item([t(f"Claim {_name(s.index, c.id)} is {label} under {s.semantics} semantics"
                                     + _full_texts(s.index, [c.id]))]))
        blocks.append(Heading(3, [t(f"{s.name}: {s.title} ({len(items)})")]))
        blocks.append(Items(items) if items else Para([i("none")]))
    return blocks


# ---------------------------------------------------------------- Markdown

def _md_runs(runs: list[Run]) -> str:
    out = []
    for style, text in runs:
        if style == "code":
            # CommonMark: a code span ends at a run of backticks as long as its fence
            fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
            pad = " " if text.startswith("`") or text.endswith("`") else ""
            out.append(f"{fence}{pad}{text}{pad}{fence}")
            continue
        body = md_escape(text)
        if style in ("b", "i") and body.strip():
            lead = body[: len(body) - len(body.lstrip())]
            trail = body[len(body.rstrip()):]
            mark = "**" if style == "b" else "*"
            body = f"{lead}{mark}{body.strip()}{mark}{trail}"
        out.append(body)
    return "".join(out).replace("\n", " ")


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + _md_runs(block.runs))
        elif isinstance(block, Para):
            out.append(_md_runs(block.runs))
        elif isinstance(block, Quote):
            out.append("> " + _md_runs(block.runs))
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_runs(c) for c in block.header) + " |")
            out.append("|" + "|".join("---:" if n else "---" for n in block.numeric) + "|")
            out += ["| " + " | ".join(_md_runs(c) for c in row) + " |" for row in block.rows]
        elif isinstance(block, Items):
            for item in block.items:
                out.append("- " + _md_runs(item.runs))
                out += ["  - " + _md_runs(s) for s in item.sub]
        elif isinstance(block, Diagram):
            if block.svg_path:
                out.append(f"![Comparison diagram]({block.svg_path})")
            else:
                out.append(_md_runs([i(block.note)]))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------- HTML

_CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff;
       max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #eaeef2; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
blockquote { margin: .5rem 0 1rem; padding: .2rem 1rem; border-left: 4px solid #8c959f; color: #3d444d; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: .1em .3em; border-radius: 4px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
li { margin: .25rem 0; }
li ul { margin: .2rem 0 .6rem; padding-left: 1.2rem; list-style: none; }
.diagram svg { max-width: 100%; height: auto; }
@media (prefers-color-scheme: dark) {
  body { color: #e6edf3; background: #0d1117; }
  code, th { background: #161b22; }
  th, td { border-color: #30363d; }
  blockquote { color: #c9d1d9; }
  .diagram { background: #fff; padding: .5rem; }
}
""".strip()


_HTML_TAGS = {"b": "strong", "i": "em", "code": "code"}


def _html_runs(runs: list[Run]) -> str:
    out = []
    for style, text in runs:
        body = html.escape(text)
        tag = _HTML_TAGS.get(style)
        out.append(f"<{tag}>{body}</{tag}>" if tag else body)
    return "".join(out)


def _inline_svg(svg: str) -> str:
    """An SVG document as an element for inlining: no XML prolog or doctype."""
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    return svg.strip()


def to_html(blocks: list[Block]) -> str:
    title = next((b for b in blocks if isinstance(b, Heading)), None)
    page_title = html.escape("".join(text for _, text in title.runs)) if title else "argmap report"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', '<meta name="generator" content="argmap">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{page_title}</title>", f"<style>\n{_CSS}\n</style>", "</head>", "<body>"]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{_html_runs(block.runs)}</h{block.level}>")
        elif isinstance(block, Para):
            out.append(f"<p>{_html_runs(block.runs)}</p>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote>{_html_runs(block.runs)}</blockquote>")
        elif isinstance(block, Table):
            out.append("<table>")
            out.append("<thead><tr>" + "".join(f"<th>{_html_runs(c)}</th>" for c in block.header) + "</tr></thead>")
            out.append("<tbody>")
            for row in block.rows:
                cells = "".join(
                    f'<td class="num">{_html_runs(c)}</td>' if num else f"<td>{_html_runs(c)}</td>"
                    for c, num in zip(row, block.numeric)
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</tbody></table>")
        elif isinstance(block, Items):
            out.append("<ul>")
            for item in block.items:
                sub = "".join(f"<li>{_html_runs(s)}</li>" for s in item.sub)
                out.append(f"<li>{_html_runs(item.runs)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
            out.append("</ul>")
        elif isinstance(block, Diagram):
            if block.svg_text:
                out.append(f'<figure class="diagram">{_inline_svg(block.svg_text)}</figure>')
            else:
                out.append(f"<p><em>{html.escape(block.note)}</em></p>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
