"""``Searcher``: keyword, vector or hybrid search with weighted reciprocal-rank fusion."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from knowledge.retrieval.acronyms import PASSAGES, acronym_names
from knowledge.retrieval.analyzer import _WORD, analyze
from knowledge.retrieval.index import (
    KEYWORD_WEIGHT,
    RRF_K,
    STOPWORDS,
    VECTOR_WEIGHT,
    Hit,
    KeywordIndex,
    coverage,
    db_stamp,
    load_keyword_index,
    question_terms,
)
from storage.db import Database
from storage.settings import Settings

if TYPE_CHECKING:
    from knowledge.retrieval.vector import VectorStore

log = logging.getLogger(__name__)

MODES = ("keyword", "vector", "hybrid")
MIN_TYPO_LEN = 3  # shorter unknown syllables are too ambiguous to correct
# The shape of a Vietnamese syllable (folded): onset, vowels, final consonant.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?"
)


def corrected(query: str, vocab: dict[str, int]) -> str:
    """``query`` with mistyped syllables replaced by the indexed ones they most likely
    meant ("trien khia" -> "trien khai"); known words are left exactly as typed."""
    from knowledge.limits import MAX_CORRECTED_WORDS
    from knowledge.vietnamese import correct_token, fold

    seen = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        word = m.group(0)
        if seen > MAX_CORRECTED_WORDS:
            return word  # the words of a question, not of a pasted document
        folded = fold(word)
        if len(folded) < MIN_TYPO_LEN or folded in vocab or folded in STOPWORDS:
            return word
        if folded != word.lower() and _SYLLABLE.fullmatch(folded):
            return word  # typed with diacritics and well formed: a real word ("hôm")
        if not folded.isalpha():
            return word
        fixed = correct_token(folded, vocab)
        # A fix into a word that carries no content ("nau" -> "nam") would only drop a
        # content word from the question: an unknown word stays as typed.
        return word if fold(fixed) in STOPWORDS else fixed

    return _WORD.sub(fix, query)


class Searcher:
    """Loaded once per process; notices database changes (checked at most once a second)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.mode = settings.retrieval_mode if settings.retrieval_mode in MODES else "hybrid"
        self._keyword: KeywordIndex | None = None
        self._vector: VectorStore | None = None
        self._vector_failed = False
        self._checked_at = 0.0
        self.vector_weight = VECTOR_WEIGHT

    @property
    def keyword(self) -> KeywordIndex:
        now = time.monotonic()
        if self._keyword is None:
            self._keyword = load_keyword_index(self.db, self.settings)
            self._checked_at = now
        elif now - self._checked_at > 1.0:
            self._checked_at = now
            with self.db.session() as session:
                if db_stamp(session) != self._keyword.stamp:
                    self._keyword = load_keyword_index(self.db, self.settings)
        return self._keyword

    def vector(self) -> VectorStore | None:
        if self._vector is None and not self._vector_failed:
            try:
                from knowledge.retrieval.embeddings import make_embedder
                from knowledge.retrieval.vector import VectorStore

                embedder = make_embedder(self.settings)
                if embedder is None:
                    self._vector_failed = True
                    return None
                self._vector = VectorStore(self.settings, embedder)
            except Exception as exc:  # noqa: BLE001 - keyword search still answers
                log.warning("vector search unavailable: %s", exc)
                self._vector_failed = True
        return self._vector

    def search(
        self,
        query: str,
        *,
        k: int = 10,
        kinds: Sequence[str] | None = None,
        document_ids: Sequence[int] | None = None,
        mode: str | None = None,
    ) -> list[Hit]:
        mode = mode or self.mode
        index = self.keyword
        query = corrected(query, index.vocab)
        ranked_kw: list[tuple[int, float]] = []
        if mode in ("keyword", "hybrid"):
            ranked_kw = index.bm25.top(analyze(query), k * 3, index.mask(kinds, document_ids))
        ranked_vec: list[tuple[int, float]] = []
        if mode in ("vector", "hybrid"):
            ranked_vec = self._vector_ranked(query, k * 3, kinds, document_ids, index)
        if mode == "hybrid" and not ranked_vec:
            mode = "keyword"
        fused: dict[int, float] = {}
        kw_score = dict(ranked_kw)
        if mode == "keyword":
            fused = {i: s for i, s in ranked_kw}
        elif mode == "vector":
            fused = {i: s for i, s in ranked_vec}
        else:
            for rank, (i, _) in enumerate(ranked_kw):
                fused[i] = fused.get(i, 0.0) + KEYWORD_WEIGHT / (RRF_K + rank)
            for rank, (i, _) in enumerate(ranked_vec):
                fused[i] = fused.get(i, 0.0) + self.vector_weight / (RRF_K + rank)
        order = sorted(fused.items(), key=lambda p: -p[1])[:k]
        q_terms = question_terms(query)
        idf, n = index.bm25.idf, index.bm25.n_docs
        hits = []
        for i, score in order:
            rec = index.records[i]
            hits.append(
                Hit(
                    rec,
                    score,
                    kw_score.get(i, 0.0),
                    coverage(q_terms, rec.text, idf, n, rec.around),
                )
            )
        return hits

    def acronym_names(self, question: str) -> list[tuple[str, str]]:
        """The acronyms no dictionary holds that ``question`` types, each with the name
        the plans write for it ("DVCQG" -> "dich vu cong quoc gia"); keyword search
        finds the name, never the acronym."""

        def passages(rest: str) -> list[str]:
            hits = self.search(rest, k=PASSAGES, mode="keyword")
            return [h.record.text for h in hits]

        return acronym_names(question, passages)

    def _vector_ranked(
        self,
        query: str,
        k: int,
        kinds: Sequence[str] | None,
        document_ids: Sequence[int] | None,
        index: KeywordIndex,
    ) -> list[tuple[int, float]]:
        store = self.vector()
        if store is None:
            return []
        try:
            found = store.query(query, k * (3 if document_ids else 1), kinds)
        except Exception as exc:  # noqa: BLE001 - degrade to keyword search
            log.warning("vector query failed: %s", exc)
            return []
        out = []
        wanted = set(document_ids) if document_ids else None
        for key, sim in found:
            pos = index.by_key.get(key)
            if pos is None:
                continue
            if wanted is not None and index.records[pos].document_id not in wanted:
                continue
            out.append((pos, sim))
        return out[:k]
