"""Generate realistic synthetic maps for benchmarks and stress tests.

    python -m benchmarks.generate --claims N --seed S -o FILE

Shape: a thesis at the top; each claim gets 1-5 arguments (branching), arguments
have 1-3 premises (linked co-premises), about a third are objections, objections
draw rebuttals, a few attacks are undercuts (on inferences), ~40% of claims carry
evidence with a quote and locator. Same N and seed -> byte-identical file.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from argmap.model import SCHEMA_VERSION, ArgumentMap
from argmap.store import dumps

WORDS = (
    "trade energy security alliance sanctions pipeline summit treaty border market "
    "strategy trust dependency growth currency investment military exercise doctrine "
    "partnership rivalry influence region order power interest value vision economy "
    "technology railway gas oil price export import leader elite public opinion history "
    "sovereignty autonomy cooperation declaration statement agreement visit initiative"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def generate(claims: int, seed: int = 0) -> ArgumentMap:
    rng = random.Random(seed)
    n_sources = max(1, claims // 25)
    sources = [
        {"id": f"s{i}", "authors": [f"Author {i}"], "year": 1990 + i % 35, "title": f"Study number {i}"}
        for i in range(n_sources)
    ]
    claim_list: list[dict] = []
    arguments: list[dict] = []

    def new_claim() -> str:
        cid = f"c{len(claim_list)}"
        c: dict = {"id": cid, "text": _sentence(rng)}
        if rng.random() < 0.4:
            c["evidence"] = [{"source": f"s{rng.randrange(n_sources)}", "quote": _sentence(rng), "locator": f"p. {rng.randint(1, 300)}"}]
        if rng.random() < 0.1:
            c["tags"] = [rng.choice(WORDS)]
        claim_list.append(c)
        return cid

    thesis = new_claim()
    frontier = [thesis]
    attack_args: list[dict] = []
    while len(claim_list) < claims and frontier:
        target = frontier.pop(0)
        for _ in range(rng.randint(1, 5)):
            if len(claim_list) >= claims:
                break
            roll = rng.random()
            if roll < 0.05 and arguments:
                victim = rng.choice(arguments)
                polarity, aim = "attack", victim["id"]  # undercut
            elif roll < 0.35:
                polarity, aim = "attack", target
            else:
                polarity, aim = "support", target
            count = min(rng.choice((1, 1, 1, 2, 2, 3)), claims - len(claim_list))
            premises = [new_claim() for _ in range(count)]
            arg = {"id": f"a{len(arguments)}", "premises": premises, "polarity": polarity, "target": aim}
            arguments.append(arg)
            if polarity == "attack":
                attack_args.append(arg)
            frontier.extend(premises)
    return ArgumentMap.model_validate(
        {
            "schema_version": SCHEMA_VERSION,
            "title": f"Synthetic map, {claims} claims, seed {seed}",
            "thesis": thesis,
            "created": "2024-01-01T00:00:00Z",
            "modified": "2024-01-01T00:00:00Z",
            "sources": sources,
            "claims": claim_list,
            "arguments": arguments,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(dumps(generate(args.claims, args.seed)))


if __name__ == "__main__":
    main()
