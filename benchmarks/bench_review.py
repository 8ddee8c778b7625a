"""Reviewer tools: align (suggestions), diff, quotes, report. Medians in ms.

    python -m benchmarks review
"""

from __future__ import annotations

import random
import subprocess
import sys

from argmap.analysis.align import DEFAULT_MIN_SCORE, suggest_for_claim, suggest_links
from argmap.analysis.diff import diff_maps, format_text
from argmap.analysis.quotes import SourceText, check_quotes
from argmap.analysis.report import build_report, to_markdown
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from benchmarks.generate import generate
from benchmarks.harness import BIN, DATA, REPO, median_ms, table

SEEDS = REPO.parent / "shared" / "seeds"


def median_cpu_ms(fn, repeat: int = 5) -> float:
    """Median CPU time of this process (numpy's BLAS threads included): on a
    machine shared with other jobs, wall time also counts the waiting."""
    import statistics
    import time

    fn()
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def zipf_texts(n: int, seed: int, vocabulary: int = 5000) -> list[str]:
    """Claim-like texts over a Zipf-distributed vocabulary (like real prose: a few
    words everywhere, most words rare), unlike the generator's 60 words."""
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(vocabulary)]
    weights = [1 / (k + 1) for k in range(vocabulary)]
    return [" ".join(rng.choices(words, weights, k=rng.randint(8, 25))) for _ in range(n)]


def with_texts(m: ArgumentMap, texts: list[str]) -> ArgumentMap:
    m = m.model_copy(deep=True)
    for c, text in zip(m.claims, texts):
        c.text = text
    return m


def edited_version(m: ArgumentMap, seed: int = 7) -> ArgumentMap:
    """A realistic next version: 1% of claims reworded, 0.5% renamed (new id, small
    rewording), 1% new claims with arguments, 0.5% of arguments retargeted, 0.5% of
    leaf claims removed with their arguments."""
    rng = random.Random(seed)
    d = m.model_copy(deep=True)
    n = len(d.claims)
    claims = d.claims
    for c in rng.sample(claims[1:], n // 100):
        words = c.text.split()
        words[rng.randrange(len(words))] = "reworded"
        c.text = " ".join(words)
    renames = {}
    for c in rng.sample(claims[1:], n // 200):
        renames[c.id] = c.id + "-renamed"
        c.id = renames[c.id]
        c.text = c.text.rstrip(".") + " indeed."
    for a in d.arguments:
        a.premises = [renames.get(p, p) for p in a.premises]
        a.target = renames.get(a.target, a.target)
    d.thesis = renames.get(d.thesis, d.thesis)
    targeted = {a.target for a in d.arguments}
    claim_ids = [c.id for c in claims]
    leaves = [a for a in d.arguments if len(a.premises) == 1 and a.premises[0] not in targeted and a.id not in targeted]
    removed_args = rng.sample(leaves, n // 200)
    removed_claims = {a.premises[0] for a in removed_args}
    d.arguments = [a for a in d.arguments if a not in removed_args]
    d.claims = [c for c in claims if c.id not in removed_claims]
    for a in rng.sample([a for a in d.arguments if a.target in set(claim_ids)], n // 200):
        choice = rng.choice(claim_ids)
        if choice not in a.premises and choice not in removed_claims:
            a.target = choice
    for k in range(n // 100):
        cid = f"new{k}"
        d.claims.append(type(claims[0])(id=cid, text=f"A new claim number {k} about trade and energy."))
        d.arguments.append(type(d.arguments[0])(id=f"new-a{k}", premises=[cid], polarity="support", target=rng.choice(claim_ids[:50])))
    return ArgumentMap.model_validate(d.model_dump())


def _align_rows() -> list[list[object]]:
    rows = []
    a, b = generate(2000, 1), generate(2000, 2)
    for label, left, right, min_score, limit in (
        ("generator text (60-word vocabulary)", a, b, 0.6, None),
        ("generator text, top 50", a, b, DEFAULT_MIN_SCORE, 50),
        ("Zipf text, 5,000 words", with_texts(a, zipf_texts(2000, 1)), with_texts(b, zipf_texts(2000, 2)), DEFAULT_MIN_SCORE, None),
    ):
        count = len(suggest_links(left, right, min_score=min_score, limit=limit))
        fn = lambda: suggest_links(left, right, min_score=min_score, limit=limit)  # noqa: E731
        rows.append([f"2,000 x 2,000, {label}", f"{min_score:g}", count, median_ms(fn, repeat=5), median_cpu_ms(fn)])
    fn = lambda: suggest_for_claim(a, b, "c5")  # noqa: E731
    rows.append(["one claim vs 2,000 (compare view `s`)", "0.1", 5, median_ms(fn, repeat=5), median_cpu_ms(fn)])
    return rows


def _diff_rows() -> list[list[object]]:
    rows = []
    for size in (1000, 10000):
        old = generate(size, 3)
        new = edited_version(old)
        d = diff_maps(old, new)
        counts = d.counts()
        changes = f"{counts['claims_added']}+ {counts['claims_removed']}- {counts['claims_reworded']}~ {counts['claims_moved']}> {counts['claims_renamed']}="
        fn = lambda: diff_maps(old, new)  # noqa: E731
        rows.append([f"diff_maps, {size:,} claims", changes, median_ms(fn, repeat=5), median_cpu_ms(fn)])
        fn = lambda: format_text(diff_maps(old, new), "a", "b")  # noqa: E731
        rows.append([f"diff_maps + text output, {size:,} claims", "", median_ms(fn, repeat=5), median_cpu_ms(fn)])
        if size == 10000:
            DATA.mkdir(exist_ok=True)
            pa, pb = DATA / "diff-old-10000.json", DATA / "diff-new-10000.json"
            pa.write_bytes(dumps(old))
            pb.write_bytes(dumps(new))
            cmd = [str(BIN / "argmap"), "diff", str(pa), str(pb)]

            def whole_command() -> None:
                # exit status 1 means "differences found", the expected answer
                if subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 1:
                    raise RuntimeError(f"{cmd} did not report differences")

            rows.append(["`argmap diff` command, 10,000 claims (start, load both, diff, print)", "", median_ms(whole_command, repeat=3), "-"])
    return rows


def _quote_rows() -> list[list[object]]:
    rows = []
    essay = SEEDS / "003_4bd1769b13587484.txt"
    bundled = REPO / "maps" / "partnership-without-trust.json"
    if essay.exists() and bundled.exists():
        m = load_map(bundled).document
        text = essay.read_text(encoding="utf-8")
        n = sum(1 for c in m.claims for e in c.evidence if e.source == "mykal-2024" and e.quote)
        rows.append([f"bundled map, {n} quotes vs its 55 kB essay (all found)",
                     median_ms(lambda: check_quotes(m, {"mykal-2024": SourceText(text)}), repeat=5)])
        altered = m.model_copy(deep=True)
        for c in altered.claims:
            for e in c.evidence:
                if e.source == "mykal-2024" and e.quote:
                    e.quote = e.quote.replace(" the ", " a ", 1) + " (altered)"
        rows.append([f"same, every quote altered (closest passage searched for each)",
                     median_ms(lambda: check_quotes(altered, {"mykal-2024": SourceText(text)}), repeat=3)])
    return rows


def _report_rows() -> list[list[object]]:
    rows = []
    compare = REPO / "maps" / "russia-china.compare.json"
    if compare.exists():
        from argmap.store import load_comparison_with_maps

        lc = load_comparison_with_maps(compare)
        args = (lc.left.document, lc.right.document, lc.comparison.document)
        rows.append(["bundled comparison, Markdown, no diagram",
                     median_ms(lambda: to_markdown(build_report(*args, left_path="l", right_path="r")), repeat=5)])
    big_l, big_r = generate(10000, 4), generate(10000, 5)
    rows.append(["10,000 vs 10,000 claims, no links, Markdown, no diagram",
                 median_ms(lambda: to_markdown(build_report(big_l, big_r, None, left_path="l", right_path="r")), repeat=3)])
    return rows


def run() -> str:
    out = [
        table("argmap align: suggestions (median ms)", ["maps", "min score", "suggestions", "wall ms", "cpu ms"], _align_rows()),
        table("argmap diff (median ms)", ["case", "changes found (added+ removed- reworded~ moved> renamed=)", "wall ms", "cpu ms"], _diff_rows()),
    ]
    quote_rows = _quote_rows()
    if quote_rows:
        out.append(table("argmap quotes (median ms)", ["case", "ms"], quote_rows))
    out.append(table("argmap report (median ms)", ["case", "ms"], _report_rows()))
    load = ", ".join(f"{x:.1f}" for x in __import__("os").getloadavg())
    out.append(f"Load average while measuring: {load} (2 cores shared with other jobs; cpu ms is this process's CPU time).\n")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(run())
