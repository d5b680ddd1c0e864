"""A small Okapi BM25 over pre-analyzed terms (numpy postings, picklable).

Written here rather than taken from ``rank-bm25`` (which scores every document in
Python per query term) or ``bm25s`` (which needs scipy): postings as numpy arrays
score a query over 10,000+ records in well under a millisecond per term.

All postings live in two flat arrays, each term a slice of them (compressed sparse
rows): one array per term meant some 90,000 small arrays, and unpickling those was
most of a cold ``planbot ask``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


@dataclass
class BM25:
    k1: float = 1.2
    b: float = 0.75
    n_docs: int = 0
    # term -> its row: postings of row r are ids/weights[starts[r]:starts[r + 1]]
    rows: dict[str, int] = field(default_factory=dict)
    starts: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    ids: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    weights: FloatArray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> BM25:
        index = cls(k1=k1, b=b, n_docs=len(docs))
        lengths = np.array([len(d) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if len(docs) else 1.0
        norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        lists: dict[str, tuple[list[int], list[float]]] = {}
        for i, terms in enumerate(docs):
            for term, tf in Counter(terms).items():
                ids, tfs = lists.setdefault(term, ([], []))
                ids.append(i)
                tfs.append(float(tf))
        sizes = [len(ids) for ids, _ in lists.values()]
        index.starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]).astype(np.int64)
        index.rows = {term: row for row, term in enumerate(lists)}
        index.ids = np.fromiter(
            (i for ids, _ in lists.values() for i in ids), dtype=np.int32, count=sum(sizes)
        )
        tf_arr = np.fromiter(
            (tf for _, tfs in lists.values() for tf in tfs), dtype=np.float32, count=sum(sizes)
        )
        # Precompute the saturated tf part: tf * (k1 + 1) / (tf + norm)
        index.weights = (tf_arr * (k1 + 1) / (tf_arr + norm[index.ids])).astype(np.float32)
        for term, df in zip(lists, sizes, strict=True):
            index.idf[term] = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
        return index

    def scores(
        self, query_terms: Sequence[str], weights: dict[str, float] | None = None
    ) -> FloatArray:
        """BM25 score of every document for ``query_terms`` (repeats count once)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for term in dict.fromkeys(query_terms):
            row = self.rows.get(term)
            if row is None:
                continue
            lo, hi = self.starts[row], self.starts[row + 1]
            ids, w = self.ids[lo:hi], self.weights[lo:hi]
            factor = self.idf[term] * (weights.get(term, 1.0) if weights else 1.0)
            out[ids] += w * factor
        return out

    def doc_freq(self, term: str) -> int:
        """How many documents hold ``term`` (0 when none does)."""
        row = self.rows.get(term)
        return 0 if row is None else int(self.starts[row + 1] - self.starts[row])

    def max_score(self, query_terms: Sequence[str]) -> float:
        """The score a document holding every query term once would roughly get."""
        return sum(self.idf.get(t, 0.0) for t in dict.fromkeys(query_terms))

    def top(
        self, query_terms: Sequence[str], k: int, mask: npt.NDArray[np.bool_] | None = None
    ) -> list[tuple[int, float]]:
        scores = self.scores(query_terms)
        if mask is not None:
            scores = np.where(mask, scores, 0.0).astype(np.float32)
        if not len(scores):
            return []
        k = min(k, len(scores))
        idx = np.argpartition(-scores, k - 1)[:k]
        idx = idx[np.argsort(-scores[idx], kind="stable")]
        return [(int(i), float(scores[i])) for i in idx if scores[i] > 0]
