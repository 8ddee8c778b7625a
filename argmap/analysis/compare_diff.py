"""What changed between two versions of a comparison (.compare.json): the links
between the two maps' claims, which maps it compares, its title and description.

A link is identified by its two claims and its kind (a pair may be both `same` and
`shared-evidence`). When a pair loses one link and gains one of another kind, that
is reported as the kind changing, not as a removal and an addition.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from argmap.analysis.diff import FieldChange, format_report, md_escape, show_value
from argmap.model import Comparison, Link, item_dict

COMPARISON_FIELDS = ("title", "description", "left", "right")


@dataclass(frozen=True)
class LinkChange:
    left: str
    right: str
    kind: str  # the link's kind in the new version
    field: str  # "kind" or "note"
    old: str | None
    new: str | None


@dataclass
class ComparisonDiff:
    links_added: list[Link] = field(default_factory=list)
    links_removed: list[Link] = field(default_factory=list)
    links_changed: list[LinkChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.counts().values())

    def counts(self) -> dict[str, int]:
        return {
            "links_added": len(self.links_added),
            "links_removed": len(self.links_removed),
            "links_changed": len(self.links_changed),
            "comparison_fields_changed": len(self.fields),
        }


def diff_comparisons(old: Comparison, new: Comparison) -> ComparisonDiff:
    d = ComparisonDiff()
    d.fields = [
        FieldChange("", name, getattr(old, name), getattr(new, name))
        for name in COMPARISON_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    old_links = {_key(link): link for link in old.links}
    new_links = {_key(link): link for link in new.links}
    for key, link in new_links.items():
        before = old_links.get(key)
        if before is not None and before.note != link.note:
            d.links_changed.append(LinkChange(link.left, link.right, link.kind, "note", before.note, link.note))
    removed = [link for key, link in old_links.items() if key not in new_links]
    added = [link for key, link in new_links.items() if key not in old_links]
    d.links_removed, d.links_added = _pair_kind_changes(removed, added, d.links_changed)
    return d


def _key(link: Link) -> tuple[str, str, str]:
    return (link.left, link.right, link.kind)


def _pair_kind_changes(removed: list[Link], added: list[Link], changes: list[LinkChange]) -> tuple[list[Link], list[Link]]:
    """A pair with exactly one link removed and one added changed its kind."""
    gone: dict[tuple[str, str], list[Link]] = defaultdict(list)
    came: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in removed:
        gone[(link.left, link.right)].append(link)
    for link in added:
        came[(link.left, link.right)].append(link)
    kind_changed = {pair for pair in gone if len(gone[pair]) == 1 and len(came.get(pair, ())) == 1}
    for pair in sorted(kind_changed):
        (before,), (after,) = gone[pair], came[pair]
        changes.append(LinkChange(after.left, after.right, after.kind, "kind", before.kind, after.kind))
        if before.note != after.note:
            changes.append(LinkChange(after.left, after.right, after.kind, "note", before.note, after.note))
    return (
        [link for link in removed if (link.left, link.right) not in kind_changed],
        [link for link in added if (link.left, link.right) not in kind_changed],
    )


def summary_line(d: ComparisonDiff) -> str:
    """E.g. "links: 2 added, 1 changed; comparison: title changed"."""
    c = d.counts()
    parts = [f"{c[key]} {label}" for key, label in (
        ("links_added", "added"), ("links_removed", "removed"), ("links_changed", "changed"),
    ) if c[key]]
    groups = [f"links: {', '.join(parts)}"] if parts else []
    if d.fields:
        groups.append("comparison: " + ", ".join(f.field for f in d.fields) + " changed")
    return "; ".join(groups) if groups else "no differences"


def _lines(d: ComparisonDiff, style: Literal["text", "markdown"]) -> list[tuple[str, list[str]]]:
    md = style == "markdown"
    code = (lambda s: f"`{s}`") if md else (lambda s: s)
    esc = md_escape if md else (lambda s: s)

    def pair(left: str, right: str) -> str:
        return f"{code(left)} -> {code(right)}"

    def link_line(sign: str, link: Link) -> str:
        note = f' ("{esc(link.note)}")' if link.note else ""
        return f"{sign} link {link.kind}: {pair(link.left, link.right)}{note}"

    links = [link_line("+", link) for link in d.links_added]
    links += [link_line("-", link) for link in d.links_removed]
    links += [
        f"~ link {'' if ch.field == 'kind' else ch.kind + ': '}{pair(ch.left, ch.right)}: "
        f"{ch.field} {esc(show_value(ch.old))} -> {esc(show_value(ch.new))}"
        for ch in d.links_changed
    ]
    other = [f"~ comparison {f.field}: {esc(show_value(f.old))} -> {esc(show_value(f.new))}" for f in d.fields]
    return [(title, lines) for title, lines in (("Links", links), ("Comparison", other)) if lines]


def format_text(d: ComparisonDiff, old_name: str, new_name: str) -> str:
    return format_report(summary_line(d), _lines(d, "text"), old_name, new_name, "text")


def format_markdown(d: ComparisonDiff, old_name: str, new_name: str) -> str:
    return format_report(summary_line(d), _lines(d, "markdown"), old_name, new_name, "markdown")


def to_json(d: ComparisonDiff, old_name: str, new_name: str) -> dict:
    return {
        "old": old_name,
        "new": new_name,
        "summary": d.counts(),
        "links": {
            "added": [item_dict(link) for link in d.links_added],
            "removed": [item_dict(link) for link in d.links_removed],
            "changed": [
                {"left": ch.left, "right": ch.right, "kind": ch.kind, "field": ch.field, "old": ch.old, "new": ch.new}
                for ch in d.links_changed
            ],
        },
        "comparison": [{"field": f.field, "old": f.old, "new": f.new} for f in d.fields],
    }
