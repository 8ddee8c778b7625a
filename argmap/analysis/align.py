"""Suggest cross-map links: pairs of claims that say the same or related things.

Text similarity is the cosine of TF-IDF vectors of word stems (stop words left
out), computed for all pairs at once with numpy (see `TfIdf`); the inverse
document frequency comes from the claims of both maps, so words every claim uses
count for little.
On top of it:

- a pair whose claims quote the same passage (or one quote contains the other)
  is suggested as `shared-evidence`;
- a pair whose claims cite the same source (matched across the maps by title and
  year, or by url) gets a bonus and is suggested as `shared-evidence`;
- a similar pair where only one side is negated ("not", "no", "never", "lack")
  is suggested as `contradicts`, everything else as `same`.

Suggestions are ranked by score (0..1), ties by the claims' order in their files.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from argmap.analysis.quotes import quote_key
from argmap.model import ArgumentMap, Comparison, LinkKind, Source

DEFAULT_MIN_SCORE = 0.2
SOURCE_BONUS = 0.1
_ROW_BLOCK = 1024  # rows of the similarity matrix computed at a time (memory bound)
_SPARSE_PAIR_BUDGET = 4_000_000  # claim pairs enumerated for rare terms (~100 MB at most)

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves one two its s t may
    might must shall via upon within thus""".split()
)
NEGATIONS = frozenset(
    "not no never nor neither cannot cant dont doesnt didnt isnt arent wasnt werent wont lack lacks lacking".split()
)
_SUFFIXES = tuple(sorted((
    "ational", "izations", "ization", "isations", "isation", "ations", "ation", "ating", "ated", "ates", "ate",
    "nesses", "ness", "ments", "ment", "ities", "ity", "ings", "ing", "ically", "ical", "ally", "ives",
    "ive", "ists", "ist", "isms", "ism", "ers", "er", "ed", "es", "ly", "al", "s",
), key=len, reverse=True))
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")


@dataclass(frozen=True)
class Suggestion:
    left: str  # claim id in the left map
    right: str  # claim id in the right map
    score: float  # 0..1, higher is more similar
    kind: LinkKind  # suggested link kind
    reason: str  # why, in a few words, for the reviewer

    @property
    def confidence(self) -> str:
        """How far to trust the suggested kind, in a word (see `confidence`)."""
        return confidence(self.score)

    def as_dict(self) -> dict:
        return {"left": self.left, "right": self.right, "score": self.score, "kind": self.kind,
                "confidence": self.confidence, "reason": self.reason}


# On the bundled essays, pairs under 0.4 shared a topic at best ("Crimea" in two
# different claims scored 0.32); pairs from 0.6 up restated each other.
CONFIDENCE = ((0.6, "likely"), (0.4, "possible"), (0.0, "a guess"))


def confidence(score: float) -> str:
    """"likely", "possible" or "a guess": a word for the reviewer, so that a 0.3 pair
    is not read as the same claim."""
    return next(word for floor, word in CONFIDENCE if score >= floor)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    w = word.casefold().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if w.endswith(("ies", "ied")) and len(w) > 5:
        return w[:-2]  # militaries, military -> militari
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == "e":
        w = w[:-1]  # exercise, exercises -> exercis
    elif len(w) > 3 and w[-1] == "y":
        w = w[:-1] + "i"
    return w


def tokens(text: str) -> list[str]:
    """Stems of the content words of a text."""
    return [stem(w) for w in _WORD.findall(text) if w.casefold() not in STOP_WORDS and len(w) > 1]


_NEGATION = re.compile(
    r"(?<![^\W_])(?:" + "|".join(sorted(NEGATIONS, key=len, reverse=True)).replace("nt", "n['\u2019]?t") + r")(?![^\W_])",
    re.IGNORECASE,
)


def _negation(text: str) -> str:
    """The first negating word of a text, or ""."""
    m = _NEGATION.search(text)
    return m.group(0) if m else ""


def _claim_text(c) -> str:
    return f"{c.title}. {c.text}" if c.title else c.text


class TfIdf:
    """Unit TF-IDF vectors (binary term frequency, smoothed IDF over both sides) of
    the selected rows, kept sparse and restricted to the terms both sides use (only
    those contribute to a cosine).

    Cosines come in row blocks: a dense product over the few terms that many
    claims share, plus the sparse pairs of the many rare terms (real prose has a
    large vocabulary; a dense product over all of it would cost ~100x more).
    """

    def __init__(self, left_texts: list[str], right_texts: list[str], li: list[int], ri: list[int]) -> None:
        left_tokens = [set(tokens(t)) for t in left_texts]
        right_tokens = [set(tokens(t)) for t in right_texts]
        df: dict[str, int] = {}
        for ts in (*left_tokens, *right_tokens):
            for tok in ts:
                df[tok] = df.get(tok, 0) + 1
        n = len(left_tokens) + len(right_tokens)
        idf = {tok: math.log((n + 1) / (d + 1)) + 1.0 for tok, d in df.items()}
        shared = sorted(set().union(*left_tokens) & set().union(*right_tokens))
        self.column = {tok: k for k, tok in enumerate(shared)}
        self.width = len(shared)
        self.left = [self._vector(left_tokens[i], idf) for i in li]
        self.right = [self._vector(right_tokens[j], idf) for j in ri]

    def _vector(self, ts: set[str], idf: dict[str, float]) -> dict[int, float]:
        norm = math.sqrt(sum(idf[tok] ** 2 for tok in ts)) or 1.0
        return {self.column[tok]: idf[tok] / norm for tok in ts if tok in self.column}

    @staticmethod
    def _coo(vectors: list[dict[int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows = np.fromiter((i for i, v in enumerate(vectors) for _ in v), dtype=np.int64)
        cols = np.fromiter((k for v in vectors for k in v), dtype=np.int64)
        weights = np.fromiter((w for v in vectors for w in v.values()), dtype=np.float64)
        return rows, cols, weights

    def cosine(self, i: int, j: int) -> float:
        """Cosine of the i-th selected left and j-th selected right vector."""
        a, b = self.left[i], self.right[j]
        return min(1.0, sum(w * b[k] for k, w in a.items() if k in b))

    def blocks(self, block: int = _ROW_BLOCK):
        """Yield (first row, cosines of `block` left rows x all right rows)."""
        nl, nr = len(self.left), len(self.right)
        lr, lc, lw = self._coo(self.left)
        rr, rc, rw = self._coo(self.right)
        df_l = np.bincount(lc, minlength=self.width)
        df_r = np.bincount(rc, minlength=self.width)
        # a term is handled densely when it pairs many claims; the sparse pairs of
        # the rest are capped so that memory stays bounded on big maps
        cost = df_l * df_r
        order = np.argsort(cost, kind="stable")
        sparse_sorted = (np.cumsum(cost[order]) <= _SPARSE_PAIR_BUDGET) & (cost[order] <= max(1000, nl * nr // 256))
        dense = np.ones(self.width, dtype=bool)
        dense[order[sparse_sorted]] = False
        dense_cols = np.flatnonzero(dense)
        slot = np.full(self.width, -1, dtype=np.int64)
        slot[dense_cols] = np.arange(len(dense_cols))
        ld = np.zeros((nl, len(dense_cols)), dtype=np.float32)
        rd = np.zeros((nr, len(dense_cols)), dtype=np.float32)
        keep = dense[lc]
        ld[lr[keep], slot[lc[keep]]] = lw[keep]
        keep = dense[rc]
        rd[rr[keep], slot[rc[keep]]] = rw[keep]
        rd_t = np.ascontiguousarray(rd.T)
        # sparse pairs: every (left row, right row) sharing a rare term
        pr, pc, pw = self._sparse_pairs(lr, lc, lw, rr, rc, rw, ~dense)
        for start in range(0, nl, block):
            end = min(start + block, nl)
            out = ld[start:end] @ rd_t
            lo, hi = np.searchsorted(pr, [start, end])
            if hi > lo:
                flat = (pr[lo:hi] - start) * nr + pc[lo:hi]
                out += np.bincount(flat, weights=pw[lo:hi], minlength=(end - start) * nr).reshape(end - start, nr).astype(np.float32)
            yield start, np.minimum(out, 1.0)

    @staticmethod
    def _sparse_pairs(lr, lc, lw, rr, rc, rw, sparse_col):
        keep_l, keep_r = sparse_col[lc], sparse_col[rc]
        lr, lc, lw = lr[keep_l], lc[keep_l], lw[keep_l]
        rr, rc, rw = rr[keep_r], rc[keep_r], rw[keep_r]
        lo_order, ro_order = np.argsort(lc, kind="stable"), np.argsort(rc, kind="stable")
        lr, lc, lw = lr[lo_order], lc[lo_order], lw[lo_order]
        rr, rc, rw = rr[ro_order], rc[ro_order], rw[ro_order]
        cols = np.intersect1d(lc, rc)
        l_start, l_end = np.searchsorted(lc, cols), np.searchsorted(lc, cols, side="right")
        r_start, r_end = np.searchsorted(rc, cols), np.searchsorted(rc, cols, side="right")
        parts_r, parts_c, parts_w = [], [], []
        for a, b, c, d in zip(l_start.tolist(), l_end.tolist(), r_start.tolist(), r_end.tolist()):
            nl, nr = b - a, d - c
            parts_r.append(np.repeat(lr[a:b], nr))
            parts_c.append(np.tile(rr[c:d], nl))
            parts_w.append(np.outer(lw[a:b], rw[c:d]).ravel())
        if not parts_r:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        pr, pc, pw = np.concatenate(parts_r), np.concatenate(parts_c), np.concatenate(parts_w)
        order = np.argsort(pr, kind="stable")
        return pr[order], pc[order], pw[order]


def _source_keys(s: Source) -> set[str]:
    """Keys under which two maps' entries for one publication meet: title and year,
    or the url (host without subdomain, last path segment: mirrors and language
    versions of a page often differ only in the rest)."""
    keys = set()
    title = " ".join(tokens(s.title))
    if title:
        keys.add(f"title:{title}:{s.year or ''}")
    if s.url:
        rest = s.url.casefold().split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
        host, _, path = rest.partition("/")
        domain = ".".join(host.split(".")[-2:])
        last = path.rsplit("/", 1)[-1]
        keys.add(f"url:{domain}/{path}")
        if len(last) >= 4 and not last.startswith("index."):
            keys.add(f"url:{domain}/.../{last}")
    return keys


def _claim_sources(m: ArgumentMap) -> dict[str, set[str]]:
    keys = {s.id: _source_keys(s) for s in m.sources}
    return {c.id: set().union(*(keys.get(e.source, set()) for e in c.evidence)) for c in m.claims}


def _shared_source_title(left: ArgumentMap, a, right_keys: set[str]) -> str:
    """The title of a source that claim `a` cites and whose keys the other claim shares."""
    for e in a.evidence:
        for s in left.sources:
            if s.id == e.source and _source_keys(s) & right_keys:
                return s.title or s.id
    return ""


SHINGLE = 5  # quotes sharing a run of this many words are candidates


def _claim_quotes(m: ArgumentMap) -> dict[str, list[str]]:
    return {c.id: [k for e in c.evidence if len(k := quote_key(e.quote)) >= 12] for c in m.claims if c.evidence}


def _shingles(quote: str) -> set[tuple[str, ...]]:
    words = quote.split()
    if len(words) < SHINGLE:
        return {tuple(words)}
    return {tuple(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def _quote_overlap(a: list[str], b: list[str]) -> float:
    """0..1: 1 when one quote contains the other (or they are equal)."""
    best = 0.0
    for x in a:
        for y in b:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if short in long_:
                return 1.0
            best = max(best, fuzz.partial_ratio(short, long_, score_cutoff=85) / 100)
    return best


def _quote_pairs(left_quotes: dict[str, list[str]], right_quotes: dict[str, list[str]]) -> dict[tuple[str, str], float]:
    """Claim pairs whose quotes overlap, found through shared word runs."""
    index: dict[tuple[str, ...], set[str]] = {}
    for rid, qs in right_quotes.items():
        for q in qs:
            for sh in _shingles(q):
                index.setdefault(sh, set()).add(rid)
    out = {}
    for lid, qs in left_quotes.items():
        candidates = set()
        for q in qs:
            for sh in _shingles(q):
                candidates |= index.get(sh, set())
        for rid in sorted(candidates):
            overlap = _quote_overlap(qs, right_quotes[rid])
            if overlap > 0:
                out[(lid, rid)] = overlap
    return out


def _membership(per_claim: list[set[str]], column: dict[str, int]) -> np.ndarray:
    mat = np.zeros((len(per_claim), max(1, len(column))), dtype=np.float32)
    for i, keys in enumerate(per_claim):
        for k in keys:
            if k in column:
                mat[i, column[k]] = 1.0
    return mat


_KINDS: tuple[LinkKind, ...] = ("same", "contradicts", "shared-evidence")
SHARED_EVIDENCE = 2  # index in _KINDS


@dataclass
class _Candidates:
    """Candidate pairs as parallel arrays: row and column (positions among the left
    and right claims considered), score, text cosine, whether they share a source,
    kind (index in _KINDS) and quote overlap (0: no shared quote)."""

    rows: np.ndarray
    cols: np.ndarray
    score: np.ndarray
    cos: np.ndarray
    shared: np.ndarray
    kind: np.ndarray
    quote: np.ndarray

    def keep(self, mask: np.ndarray) -> _Candidates:
        return _Candidates(*(getattr(self, f)[mask] for f in _CANDIDATE_FIELDS))

    def plus(self, other: _Candidates) -> _Candidates:
        return _Candidates(*(np.concatenate([getattr(self, f), getattr(other, f)]) for f in _CANDIDATE_FIELDS))


_CANDIDATE_FIELDS = ("rows", "cols", "score", "cos", "shared", "kind", "quote")


class _Aligner:
    """The claims of two maps considered for links, with what scoring them needs."""

    def __init__(self, left: ArgumentMap, right: ArgumentMap, only_left: set[str] | None, only_right: set[str] | None) -> None:
        self.left, self.right = left, right
        lc, rc = self.lc, self.rc = left.claims, right.claims
        self.li = np.array([i for i, c in enumerate(lc) if only_left is None or c.id in only_left], dtype=np.int64)
        self.ri = np.array([j for j, c in enumerate(rc) if only_right is None or c.id in only_right], dtype=np.int64)
        self.negation_l = [_negation(lc[i].text) for i in self.li.tolist()]
        self.negation_r = [_negation(rc[j].text) for j in self.ri.tolist()]
        self.negated_l = np.array([bool(w) for w in self.negation_l])
        self.negated_r = np.array([bool(w) for w in self.negation_r])
        # sources shared across the maps, as claim x source membership matrices
        self.ls, self.rs = _claim_sources(left), _claim_sources(right)
        self.common = sorted(set().union(*self.ls.values()) & set().union(*self.rs.values()))
        self.lpos = {lc[i].id: n for n, i in enumerate(self.li.tolist())}
        self.rpos = {rc[j].id: n for n, j in enumerate(self.ri.tolist())}

    def text_candidates(self, vectors: TfIdf, min_score: float, keep_per_block: int | None) -> _Candidates:
        """Pairs by text similarity (plus SOURCE_BONUS when they cite a common source);
        with `keep_per_block`, only each block's best."""
        common = self.common
        column = {k: n for n, k in enumerate(common)}
        lsm = _membership([self.ls[self.lc[i].id] for i in self.li], column) if common else None
        rsm_t = np.ascontiguousarray(_membership([self.rs[self.rc[j].id] for j in self.ri], column).T) if common else None
        floor = np.float32(max(min_score - (SOURCE_BONUS if common else 0.0) - 0.001, 1e-6))
        parts: list[tuple[np.ndarray, ...]] = []
        for start, block in vectors.blocks():
            rows, cols = np.nonzero(block >= floor)
            cos = block[rows, cols]
            if common:
                shared = (lsm[start : start + len(block)] @ rsm_t)[rows, cols] > 0
            else:
                shared = np.zeros(len(rows), dtype=bool)
            score = np.round(np.minimum(cos.astype(np.float64) + SOURCE_BONUS * shared, 1.0), 3)
            ok = score >= min_score
            if keep_per_block is not None and ok.sum() > keep_per_block:
                kth = np.partition(score[ok], -keep_per_block)[-keep_per_block]
                ok &= score >= kth
            parts.append((rows[ok] + start, cols[ok], score[ok], cos[ok], shared[ok]))
        rows, cols, score, cos, shared = (np.concatenate(x) for x in zip(*parts))
        kind = np.where(shared, SHARED_EVIDENCE, (self.negated_l[rows] != self.negated_r[cols]).astype(np.int8)).astype(np.int8)
        return _Candidates(rows, cols, score, cos, shared, kind, np.zeros(len(rows)))

    def with_quote_pairs(self, cand: _Candidates, pairs: dict[tuple[str, str], float], vectors: TfIdf,
                         min_score: float) -> _Candidates:
        """Pairs that quote the same passage replace their text suggestion."""
        qr = np.array([self.lpos[a] for a, _ in pairs], dtype=np.int64)
        qc = np.array([self.rpos[b] for _, b in pairs], dtype=np.int64)
        qo = np.array(list(pairs.values()))
        qcos = np.array([vectors.cosine(x, y) for x, y in zip(qr.tolist(), qc.tolist())])
        cand = cand.keep(~np.isin(self._pair_key(cand.rows, cand.cols), self._pair_key(qr, qc)))
        qscore = np.round(np.maximum(qo, qcos), 3)
        ok = qscore >= min_score
        n = int(ok.sum())
        quoted = _Candidates(qr[ok], qc[ok], qscore[ok], qcos[ok], np.zeros(n, dtype=bool),
                             np.full(n, SHARED_EVIDENCE, dtype=np.int8), qo[ok])
        return cand.plus(quoted)

    def without_links(self, cand: _Candidates, exclude: Comparison) -> _Candidates:
        linked = [self.lpos[k.left] * len(self.ri) + self.rpos[k.right]
                  for k in exclude.links if k.left in self.lpos and k.right in self.rpos]
        return cand.keep(~np.isin(self._pair_key(cand.rows, cand.cols), np.array(linked, dtype=np.int64)))

    def _pair_key(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return rows * len(self.ri) + cols

    def suggestion(self, cand: _Candidates, n: int) -> Suggestion:
        """Candidate n as a suggestion, with the reason in words."""
        i, j, k = int(self.li[cand.rows[n]]), int(self.ri[cand.cols[n]]), int(cand.kind[n])
        if cand.quote[n]:
            q = float(cand.quote[n])
            reason = "same quoted passage" if q >= 1.0 else f"overlapping quotes ({q:.0%})"
        elif cand.shared[n]:
            title = _shared_source_title(self.left, self.lc[i], self.rs[self.rc[j].id])
            reason = f"both cite {title[:60] + ('...' if len(title) > 60 else '')!r}; similar wording ({float(cand.cos[n]):.0%})"
        else:
            reason = f"similar wording ({float(cand.cos[n]):.0%})"
            if k == 1:
                row, col = cand.rows[n], cand.cols[n]
                word = self.negation_l[row] or self.negation_r[col]
                reason += f", but only the {'left' if self.negated_l[row] else 'right'} one says {word!r}"
        return Suggestion(self.lc[i].id, self.rc[j].id, float(cand.score[n]), _KINDS[k], reason)


def suggest_links(
    left: ArgumentMap,
    right: ArgumentMap,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    limit: int | None = None,
    left_claims: Iterable[str] | None = None,
    right_claims: Iterable[str] | None = None,
    exclude: Comparison | None = None,
    per_claim: int | None = None,
) -> list[Suggestion]:
    """Ranked suggestions with score >= min_score.

    `left_claims` / `right_claims` restrict the pairs to these claim ids (e.g. the
    claim selected in the compare view); IDF still comes from all claims.
    `exclude`: leave out pairs already linked (any kind) in this comparison.
    `per_claim`: keep a pair only while neither of its claims has this many
    better-ranked suggestions already (1: a one-to-one matching, greedy by score).
    """
    only_left = set(left_claims) if left_claims is not None else None
    only_right = set(right_claims) if right_claims is not None else None
    al = _Aligner(left, right, only_left, only_right)
    if not len(al.li) or not len(al.ri):
        return []
    vectors = TfIdf([_claim_text(c) for c in al.lc], [_claim_text(c) for c in al.rc], al.li.tolist(), al.ri.tolist())
    lq = {k: v for k, v in _claim_quotes(left).items() if only_left is None or k in only_left}
    rq = {k: v for k, v in _claim_quotes(right).items() if only_right is None or k in only_right}
    pairs = _quote_pairs(lq, rq)
    # with a limit, each block keeps only its best candidates (with room for the
    # pairs that quotes replace or links exclude later)
    keep_per_block = None if limit is None or per_claim is not None else limit + len(pairs) + (len(exclude.links) if exclude else 0)
    cand = al.text_candidates(vectors, min_score, keep_per_block)
    if pairs:
        cand = al.with_quote_pairs(cand, pairs, vectors, min_score)
    if exclude is not None and exclude.links:
        cand = al.without_links(cand, exclude)
    gi, gj = al.li[cand.rows], al.ri[cand.cols]
    order = np.lexsort((gj, gi, -cand.score))
    if per_claim is not None:
        order = _at_most_per_claim(order, gi, gj, per_claim)
    if limit is not None:
        order = order[:limit]
    return [al.suggestion(cand, n) for n in order.tolist()]


def _at_most_per_claim(order: np.ndarray, gi: np.ndarray, gj: np.ndarray, n: int) -> np.ndarray:
    used_left: dict[int, int] = {}
    used_right: dict[int, int] = {}
    kept = []
    for k in order.tolist():
        a, b = int(gi[k]), int(gj[k])
        if used_left.get(a, 0) < n and used_right.get(b, 0) < n:
            used_left[a] = used_left.get(a, 0) + 1
            used_right[b] = used_right.get(b, 0) + 1
            kept.append(k)
    return np.array(kept, dtype=np.int64)


def suggest_for_claim(
    left: ArgumentMap,
    right: ArgumentMap,
    claim_id: str,
    *,
    side: str = "left",
    min_score: float = 0.1,
    limit: int | None = 5,
    exclude: Comparison | None = None,
) -> list[Suggestion]:
    """Suggestions for one claim (of the left map, or of the right with side="right")."""
    if side == "left":
        return suggest_links(left, right, min_score=min_score, limit=limit, left_claims=[claim_id], exclude=exclude)
    if side == "right":
        return suggest_links(left, right, min_score=min_score, limit=limit, right_claims=[claim_id], exclude=exclude)
    raise ValueError(f"side must be 'left' or 'right', not {side!r}")
