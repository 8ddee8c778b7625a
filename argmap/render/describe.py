"""Words for screen readers: what each box of a diagram is, and the whole argument
in reading order. The SVG carries them as <title>/<desc> (see `accessible.py`);
DOT carries them as tooltips (`tip`), which Graphviz passes into the SVG.
"""

from __future__ import annotations

import html

from argmap.analysis.structure import MapIndex
from argmap.model import Argument, ArgumentMap, Claim
from argmap.render.text import sanitize, shorten

# Cells get their words only with an href (Graphviz's rule); this one is removed
# again from every SVG (accessible.py) and from the DOT before PNG or PDF.
CELL_LINK = ' href="#argmap"'
ROLE_NAMES = {"reason": "Reason", "objection": "Objection", "rebuttal": "Rebuttal"}


# Graphviz reads no quoted string longer than 16,384 bytes (its scanner's limit).
DOT_STRING_MAX = 16000


def tip(title: str, desc: str = "") -> str:
    """A tooltip value (DOT string or HTML attribute, without quotes): the title,
    a line break, the description, cut short (with an ellipsis) to what Graphviz
    reads in one string."""
    text = " ".join(title.split())
    if desc.strip():
        text += "\n" + " ".join(desc.split())
    limit = len(text)
    while True:
        out = html.escape(sanitize(shorten_keeping_lines(text, limit)), quote=True).replace("\\", "\\\\")
        out = out.replace("\n", "&#10;")
        if len(out.encode("utf-8")) <= DOT_STRING_MAX:
            return out
        limit = int(limit * DOT_STRING_MAX / len(out.encode("utf-8")) * 0.95)


def shorten_keeping_lines(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word, with an ellipsis; line breaks kept."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "\u2026"


def claim_words(c: Claim) -> str:
    """The claim's title (if any) and whole text."""
    return f"{c.title}. {c.text}" if c.title and c.text else c.title or c.text


def claim_desc(m: ArgumentMap, c: Claim) -> str:
    desc = claim_words(c)
    if c.reconstruction:
        desc += " (Added by the reconstructor: not stated in the text.)"
    real = [e for e in c.evidence if not m.is_attribution(e)]
    quoted = [e for e in c.evidence if m.is_attribution(e)]
    sources = {s.id: s for s in m.sources}
    for label, items in (("Evidence", real), ("Where the text says it", quoted)):
        if items:
            cited = "; ".join(source_label(sources.get(e.source), e.source) + (f", {e.locator}" if e.locator else "") for e in items)
            desc += f" {label}: {cited}."
    return desc


def sentence(text: str) -> str:
    """`text` ending with a full stop (or the mark it ends with)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def source_label(source, source_id: str) -> str:
    if source is None:
        return source_id
    head = ", ".join(source.authors) or source.id
    return f"{head} ({source.year})" if source.year is not None else head


def short_name(c: Claim) -> str:
    return c.title or shorten(c.text, 60)


def argument_role(idx: MapIndex, a: Argument) -> str:
    role = ROLE_NAMES[idx.role(a)]
    if a.target in idx.arguments:
        role += " (undercut: against the inference)"
    if a.reconstruction:
        role += ", added by the reconstructor"
    return role


def argument_tip(idx: MapIndex, a: Argument) -> str:
    target = idx.claims.get(a.target)
    on = f"on \u201c{short_name(target)}\u201d" if target else "on the argument it attacks"
    premises = [idx.claims[p] for p in a.premises]
    desc = " ".join(f"Premise {k}: {claim_words(c)}." for k, c in enumerate(premises, 1)) if len(premises) > 1 else ""
    kind = f"{len(premises)} linked premises" if len(premises) > 1 else "1 premise"
    return tip(f"{argument_role(idx, a)} {on}, {kind}", desc)


def long_description(m: ArgumentMap, limit: int = 12000) -> str:
    """The map in reading order: the thesis, then each argument on it (reasons,
    then objections) with the arguments on its premises after it, nested."""
    idx = MapIndex.build(m)
    thesis = idx.claims[m.thesis]
    parts = [f"Argument map{': ' + m.title if m.title else ''}. Thesis: {sentence(claim_words(thesis))}"]
    seen: set[str] = set()
    stack = [a.id for a in reversed(_ordered(idx, m.thesis))]
    length = len(parts[0])
    while stack and length < limit:
        arg_id = stack.pop()
        if arg_id in seen:
            continue
        seen.add(arg_id)
        a = idx.arguments[arg_id]
        premises = " and ".join(f"\u201c{claim_words(idx.claims[p])}\u201d" for p in a.premises)
        target = idx.claims.get(a.target)
        on = f"\u201c{short_name(target)}\u201d" if target else "the inference above"
        parts.append(f"{argument_role(idx, a)} on {on}: {premises}.")
        length += len(parts[-1])
        later = [u.id for u in _ordered(idx, a.id)]
        for p in a.premises:
            later += [x.id for x in _ordered(idx, p)]
        stack.extend(reversed(later))
    if stack:
        parts.append("(The description stops here; the diagram shows the rest.)")
    return " ".join(parts)


def _ordered(idx: MapIndex, node_id: str) -> list[Argument]:
    """Reasons first, then objections and rebuttals, each in file order."""
    kids = idx.targeting.get(node_id, [])
    return [a for a in kids if a.polarity == "support"] + [a for a in kids if a.polarity != "support"]
