"""Links of a comparison that follow the ids a merge renamed in its maps.

When both branches created `c12` in a map, the merge renames theirs' to, say, `c13`;
a link that theirs' branch made to its `c12` must now name `c13`. A link only theirs'
version of the comparison has is theirs'; one both versions have is kept for ours'
claim and copied for theirs'.
"""

from __future__ import annotations

from dataclasses import replace

from argmap.model import Comparison, Link


def follow_renames(now: Comparison, ours: Comparison | None, theirs: Comparison | None,
                   left: dict[str, str], right: dict[str, str]) -> tuple[Comparison, int]:
    """(`now` with theirs' links moved to the renamed ids, how many links moved).
    `left` and `right` map theirs' old ids to the new ones in each map."""
    def key(x: Link) -> tuple[str, str, str]:
        return (x.left, x.right, x.kind)

    mine = {key(x) for x in ours.links} if ours else set()
    yours = {key(x) for x in theirs.links} if theirs else set()
    links: list[Link] = []
    moved = 0
    for link in now.links:
        renamed = replace(link, left=left.get(link.left, link.left), right=right.get(link.right, link.right))
        if renamed == link or key(link) not in yours:
            links.append(link)
            continue
        if key(link) in mine:
            links.append(link)  # ours' link to ours' claim stays too
        links.append(renamed)
        moved += 1
    unique: dict[tuple[str, str, str], Link] = {}
    for link in links:
        unique.setdefault(key(link), link)
    return now.model_copy(update={"links": list(unique.values())}), moved
