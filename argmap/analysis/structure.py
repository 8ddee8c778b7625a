"""The map as a tree rooted at the thesis: who targets what, roles and depths.

Every consumer (renderers, formats, the TUI, metrics) reads the map's shape through
this index so that "reason", "objection" and "rebuttal" mean the same everywhere.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from argmap.model import Argument, ArgumentMap, Claim

Role = Literal["reason", "objection", "rebuttal"]


@dataclass
class MapIndex:
    """Lookup tables built once per map; cheap (linear) to rebuild after an edit."""

    map: ArgumentMap
    claims: dict[str, Claim] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    # arguments whose target is this claim or argument id, in file order
    targeting: dict[str, list[Argument]] = field(default_factory=dict)
    # arguments in which this claim is a premise, in file order
    used_in: dict[str, list[Argument]] = field(default_factory=dict)

    @classmethod
    def build(cls, m: ArgumentMap) -> MapIndex:
        idx = cls(map=m)
        idx.claims = {c.id: c for c in m.claims}
        idx.arguments = {a.id: a for a in m.arguments}
        for a in m.arguments:
            idx.targeting.setdefault(a.target, []).append(a)
            for p in a.premises:
                idx.used_in.setdefault(p, []).append(a)
        return idx

    def is_undercut(self, a: Argument) -> bool:
        return a.target in self.arguments

    def target_claim(self, a: Argument) -> str:
        """The claim an argument bears on; for an undercut, the attacked inference's conclusion."""
        seen = set()
        while a.target in self.arguments and a.id not in seen:
            seen.add(a.id)
            a = self.arguments[a.target]
        return a.target

    def role(self, a: Argument) -> Role:
        """reason = support; rebuttal = an attack on an attacking argument or on one of
        its premises (an objection to an objection); objection = any other attack."""
        if a.polarity == "support":
            return "reason"
        if a.target in self.arguments:
            return "rebuttal" if self.arguments[a.target].polarity == "attack" else "objection"
        if any(u.polarity == "attack" for u in self.used_in.get(a.target, ())):
            return "rebuttal"
        return "objection"

    def children(self, node_id: str) -> list[Argument]:
        return self.targeting.get(node_id, [])

    def depths(self) -> dict[str, int]:
        """Shortest distance (in argument steps) of each claim from the thesis.

        The thesis is at depth 0; premises of an argument on a claim at depth d are at
        d + 1; premises of an undercut sit one level below the attacked argument's
        premises. Claims not connected to the thesis are absent. Computed once per
        index (metrics, lint and the editor's tree all ask); do not modify it.
        """
        return self._depths

    @cached_property
    def _depths(self) -> dict[str, int]:
        depth = {self.map.thesis: 0}
        argument_level: dict[str, int] = {}
        queue: deque[str] = deque([self.map.thesis])
        while queue:
            node = queue.popleft()
            if node in self.arguments:
                level = argument_level[node]
                for p in self.arguments[node].premises:
                    if p not in depth:
                        depth[p] = level
                        queue.append(p)
            else:
                level = depth[node]
            for a in self.targeting.get(node, ()):
                if a.id not in argument_level:
                    argument_level[a.id] = level + 1
                    queue.append(a.id)
        return depth

    def max_depth(self) -> int:
        return max(self.depths().values(), default=0)

    def unreachable_claims(self) -> list[str]:
        return self._unreachable

    @cached_property
    def _unreachable(self) -> list[str]:
        reached = self.depths()
        return [c.id for c in self.map.claims if c.id not in reached]
