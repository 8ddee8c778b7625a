"""Moderated sessions (`argmap serve --moderated`): what participants add is a
proposal until the moderator accepts it.

A proposal is an ordinary claim of the shared map tagged `proposed` (so every
editor shows it, marked), added with its link like any other claim. The moderator
accepts it by taking the tag off (`accept`, or the editor's tag field), or rejects
it by deleting it. The host saves only what is accepted: the file never holds a
proposal, nor what hangs on one. Who may accept is a matter of the seminar's
rules, not enforced: any participant started with `join --moderator` adds claims
without the tag.
"""

from __future__ import annotations

from pycrdt import Doc

from argmap import edit
from argmap.edit import Change
from argmap.live.document import meta_root
from argmap.model import ArgumentMap

PROPOSED = "proposed"
KEY = "live_moderated"  # in the document's meta root, beside the map's own fields


def is_moderated(doc: Doc) -> bool:
    return meta_root(doc).get(KEY) is True


def set_moderated(doc: Doc) -> None:
    with doc.transaction(origin="load"):
        meta_root(doc)[KEY] = True


def propose(m: ArgumentMap, change: Change) -> None:
    """Make the claim a change just added (if any) a proposal, in the same change."""
    created = change.created
    if created is None:
        return
    claim = m.claim(created)
    if PROPOSED not in claim.tags:
        edit.edit_tags(created, [*claim.tags, PROPOSED]).plan(m, change)
        change.created = change.focus = created


def accept(claim_id: str) -> Change:
    """Take a proposal into the map (its `proposed` tag off)."""

    def plan(m: ArgumentMap, ch: Change) -> None:
        try:
            tags = m.claim(claim_id).tags
        except StopIteration:
            raise edit.EditError(f"no claim with id {claim_id!r}") from None
        if PROPOSED not in tags:
            raise edit.EditError(f"{claim_id} is not a proposal")
        edit.edit_tags(claim_id, [t for t in tags if t != PROPOSED]).plan(m, ch)

    return Change("accept", plan)


def accepted(m: ArgumentMap) -> ArgumentMap:
    """The map without its proposals and what hangs only on them (what the host saves)."""
    proposals = [c.id for c in m.claims if PROPOSED in c.tags and c.id != m.thesis]
    if not proposals:
        return m
    out = m.model_copy(deep=True)
    for claim_id in proposals:
        if any(c.id == claim_id for c in out.claims):
            edit.delete_claim(claim_id).do(out)
    return out
