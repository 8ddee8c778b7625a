"""Dung solvers and `argmap evaluate`.

Goals (issue 6): grounded on 100k arguments under 1 s; preferred on a 1,000-argument
framework of realistic shape (sparse, mostly acyclic with some cycles) under 2 s;
`argmap evaluate` on a 10k-claim synthetic map.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.harness import BIN, median_ms, median_wall_ms, synthetic_map, table


def random_framework(n: int, out_degree: float, seed: int, every_attacked: bool = False):
    """Random attacks, `out_degree` per argument on average. every_attacked: each
    argument gets one attacker first, so the grounded labelling decides nothing and the
    search does all the work (a harder shape than real maps produce)."""
    from argmap.analysis.evaluation.framework import Framework

    rng = random.Random(seed)
    attacks = [(rng.randrange(n), b) for b in range(n)] if every_attacked else []
    attacks += [(rng.randrange(n), rng.randrange(n)) for _ in range(int(n * out_degree) - len(attacks))]
    return Framework.build([f"a{i}" for i in range(n)], attacks)


def _shape(af) -> str:
    from argmap.analysis.evaluation.framework import UNDEC, _parts, grounded_labelling

    label = grounded_labelling(af)
    comps = [c for p in _parts(af, label) for c in p.components]
    return f"{label.count(UNDEC)} left undecided by grounded, largest SCC {max(map(len, comps), default=0)}"


def _map_framework(target: int, cross: float = 0.0):
    """The framework of a generated map with about `target` abstract arguments.

    Generated maps are trees (acyclic). cross: per claim, how many pairs of random
    claims get objections to each other (two debaters rejecting each other's premise),
    which closes cycles of attacks.
    """
    from argmap.analysis.evaluation import translate
    from argmap.model import ArgumentMap

    claims = target * 2 // 5
    m = generate(claims, seed=3)
    if cross:
        rng = random.Random(5)
        doc = m.model_dump()
        ids = [c["id"] for c in doc["claims"]]
        for k in range(int(claims * cross)):
            p, q = rng.sample(ids, 2)  # p and q object to each other: an even cycle
            doc["arguments"].append({"id": f"x{k}", "premises": [p], "polarity": "attack", "target": q})
            doc["arguments"].append({"id": f"y{k}", "premises": [q], "polarity": "attack", "target": p})
        m = ArgumentMap.model_validate(doc)
    return translate(m).framework, claims


def run() -> str:
    from argmap.analysis.evaluation.af_formats import parse_iccma23, to_iccma23
    from argmap.analysis.evaluation.framework import Framework, extensions, grounded_labelling, sceptical_labelling

    big = random_framework(100_000, 1.5, seed=1)
    text = to_iccma23(big)
    pairs = list(big.attacks())
    solver_rows = [
        ["grounded labelling", "random, 100k args, out-degree 1.5", f"{big.attack_count:,}", median_ms(lambda: grounded_labelling(big))],
        ["build framework", "same", f"{big.attack_count:,}", median_ms(lambda: Framework.build(big.names, pairs), repeat=3)],
        ["read .i23 + grounded", "same, from ICCMA'23 text", f"{big.attack_count:,}", median_ms(lambda: grounded_labelling(parse_iccma23(text)), repeat=3)],
    ]
    cases = [
        ("random, 1k args, out-degree 1.5", random_framework(1_000, 1.5, seed=2)),
        ("random, 1k args, out-degree 1.5, every arg attacked", random_framework(1_000, 1.5, seed=1, every_attacked=True)),
        ("random, 1k args, out-degree 2, every arg attacked (stress)", random_framework(1_000, 2.0, seed=3, every_attacked=True)),
    ]
    map_af, claims = _map_framework(1_000)
    cases.insert(1, (f"framework of a generated {claims}-claim map", map_af))
    cyclic_af, claims = _map_framework(1_000, cross=0.05)
    cases.insert(2, (f"same map + {int(claims * 0.05)} pairs of mutual objections", cyclic_af))
    cyclic_af2, claims = _map_framework(1_000, cross=0.1)
    cases.insert(3, (f"same map + {int(claims * 0.1)} pairs of mutual objections", cyclic_af2))
    for name, af in cases:
        for semantics in ("preferred", "stable"):
            count = sceptical_labelling(af, semantics).extension_count
            if count <= 100_000:
                ms = median_ms(lambda: extensions(af, semantics), repeat=3)
            else:
                ms = "(not listed)"
            solver_rows.append([
                f"{semantics}: all extensions ({count:,})", f"{name}; {len(af):,} args, {_shape(af)}", f"{af.attack_count:,}", ms,
            ])
        solver_rows.append([
            "preferred: sceptical labels", name, f"{af.attack_count:,}",
            median_ms(lambda: sceptical_labelling(af, "preferred"), repeat=3),
        ])

    from argmap.analysis.evaluation import evaluate_map
    from argmap.store import load_map

    map_rows = []
    for n in (1_000, 10_000):
        path = synthetic_map(n)
        m = load_map(path).document
        for semantics in ("grounded", "preferred"):
            map_rows.append([f"{n:,}", semantics, "evaluate_map (in process)", median_ms(lambda: evaluate_map(m, semantics), repeat=5)])
        map_rows.append([f"{n:,}", "grounded", "`argmap evaluate MAP --json` (wall, start-up included)", median_wall_ms([str(BIN / "argmap"), "evaluate", str(path), "--json"])])
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "big.i23"
        f.write_text(text)
        wall = median_wall_ms([str(BIN / "argmap"), "evaluate", str(f), "--json"], repeat=3)
    map_rows.append(["(100k-arg .i23)", "grounded", "`argmap evaluate FILE.i23 --json` (wall)", wall])
    return (
        table("Dung solvers (ms, median)", ["task", "framework", "attacks", "ms"], solver_rows)
        + "\n"
        + table("Evaluating maps (ms, median)", ["claims", "semantics", "what", "ms"], map_rows)
    )


if __name__ == "__main__":
    print(run())
