"""Hybrid search over the indexed records: BM25 on folded terms + Chroma vectors, fused.

The keyword side is rebuilt from the database (cheap) and cached as a pickle in
the data dir, keyed by a stamp of the database's contents; the vector side lives
in Chroma and is kept in step by ``sync.sync_index``.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.retrieval.analyzer import _WORD, analyze, nfc, syllables
from knowledge.retrieval.bm25 import BM25
from knowledge.retrieval.records import IndexRecord, load_records
from knowledge.vietnamese import fold
from storage.db import Database
from storage.models import Document, Passage, TargetRow, TaskRow, TaskUnit, Unit, UnitAlias
from storage.settings import Settings

log = logging.getLogger(__name__)

_CACHE_VERSION = 11
RRF_K = 60
# Weighted reciprocal-rank fusion: the keyword side leads (it measured far ahead on
# our questions), the vector side breaks ties and rescues paraphrases.
KEYWORD_WEIGHT = 1.0
VECTOR_WEIGHT = 0.35

# Question words and fillers that say nothing about the topic (folded).
STOPWORDS = frozenset(
    [
        "ai",
        "gi",
        "nao",
        "bao",
        "nhieu",
        "khi",
        "nhu",
        "the",
        "co",
        "khong",
        "la",
        "cua",
        "va",
        "cac",
        "nhung",
        "duoc",
        "trong",
        "cho",
        "ve",
        "voi",
        "thi",
        "sao",
        "con",
        "o",
        "tai",
        "de",
        "den",
        "tu",
        "hay",
        "hoac",
        "da",
        "se",
        "dang",
        "phai",
        "can",
        "nhe",
        "a",
        "ha",
        "vay",
        "roi",
        "mot",
        "nay",
        "do",
        "kia",
        "day",
        "nhieu",
        "it",
        "hon",
        "nhat",
        "bang",
        "theo",
        "nhiem",
        "vu",
        "viec",
        "cong",
        "tac",
        "ke",
        "hoach",
        "don",
        "vi",
        "co",
        "quan",
        "chu",
        "tri",
        "phoi",
        "hop",
        "thoi",
        "han",
        "han",
        "hoan",
        "thanh",
        "bao",
        "gio",
        "luc",
        "nam",
        "thang",
        "quy",
        "ngay",
        "tuan",
        "hien",
        "nay",
        "hien",
        "toi",
        "minh",
        "chung",
        "ta",
        "em",
        "anh",
        "chi",
        "cho",
        "biet",
        "xin",
        "hoi",
        "phan",
        "tram",
        "sao",
        "gio",
        "dau",
        "phai",
        "xong",
        "can",
        "duoc",
    ]
)


@dataclass
class Hit:
    record: IndexRecord
    score: float  # fused score (higher is better)
    keyword: float = 0.0  # raw BM25
    coverage: float = 0.0  # share of the question's content syllables found in the record


@dataclass
class QuestionTerms:
    """Content syllables (folded, exact form if typed with diacritics) and their bigrams."""

    terms: list[tuple[str, str | None]]
    bigrams: list[str]

    def __bool__(self) -> bool:
        return bool(self.terms)


_AMPERSAND = re.compile(r"(?<=\w) ?& ?(?=\w)")


def question_terms(text: str) -> QuestionTerms:
    out: dict[str, str | None] = {}
    seq: list[str | None] = []  # content syllables in order, None where a stopword stood
    # "NN&MT", "KH & CN" are one abbreviation, indexed as "nnmt" (``analyzer``).
    text = _AMPERSAND.sub("", text)
    for word in _WORD.findall(nfc(text).lower()):
        folded = fold(word)  # once per word: a word may hold thousands of syllables
        for syl in syllables(word):
            if syl in STOPWORDS or len(syl) < 2:
                seq.append(None)
                continue
            exact = "=" + word if folded != word and folded == syl else None
            out.setdefault(syl, exact)
            seq.append(syl)
    pairs = [f"{a}_{b}" for a, b in zip(seq, seq[1:], strict=False) if a and b]
    return QuestionTerms(list(out.items()), list(dict.fromkeys(pairs)))


def content_syllables(text: str) -> list[str]:
    return [s for s, _ in question_terms(text).terms]


BIGRAM_SHARE = 0.4  # weight of adjacent-pair coverage in ``coverage``
# A question with fewer adjacent pairs than this gives them less weight: one missing
# pair ("số DDCI", split by "chỉ số năng lực … (DDCI)") must not sink a full match.
BIGRAM_FULL = 3


CONTEXT_WEIGHT = 0.75  # a word found only in the document's title counts this much


def coverage(
    q: QuestionTerms, record_text: str, idf: dict[str, float], n: int, context: str = ""
) -> float:
    """IDF-weighted share of the question's content syllables found in the record.

    A word no document holds weighs most, so a question about a topic absent from
    every plan ("vắc xin") scores low against any record. A syllable typed with
    diacritics counts fully only when the record has the same form ("lò" is not
    "lộ"), half when only the folded forms agree.
    """
    if not q.terms:
        return 0.0
    have = set(analyze(record_text))
    around = set(analyze(context)) if context else set()
    unknown = math.log(1 + max(n, 1))
    total = got = 0.0
    for syl, exact in q.terms:
        w = idf.get(syl, unknown)
        total += w
        for terms, share in ((have, 1.0), (around, CONTEXT_WEIGHT)):
            if syl in terms:
                got += share * (w if exact is None or exact in terms else 0.5 * w)
                break
    uni = got / max(total, 1e-9)
    if not q.bigrams:
        return uni
    bi = sum(1.0 if b in have else CONTEXT_WEIGHT if b in around else 0.0 for b in q.bigrams) / len(
        q.bigrams
    )
    share = BIGRAM_SHARE * min(1.0, len(q.bigrams) / BIGRAM_FULL)
    return (1 - share) * uni + share * bi


def db_stamp(session: Session) -> tuple[object, ...]:
    """Changes whenever anything the index is built from changes."""
    parts: list[object] = [_CACHE_VERSION]
    for model in (Document, TaskRow, TargetRow, Passage, TaskUnit, Unit, UnitAlias):
        parts.append(session.scalar(select(func.count()).select_from(model)))
        parts.append(session.scalar(select(func.max(model.id))))
    parts.append(str(session.scalar(select(func.max(Document.updated_at)))))
    parts.append(str(session.scalar(select(func.max(TaskRow.updated_at)))))
    return tuple(parts)


class KeywordIndex:
    def __init__(self, records: list[IndexRecord], stamp: tuple[object, ...]) -> None:
        self.records = records
        self.stamp = stamp
        self.by_key = {r.key: i for i, r in enumerate(records)}
        self.kinds = np.array([r.kind for r in records])
        self.docs = np.array([r.document_id for r in records], dtype=np.int64)
        self.bm25 = BM25.build([analyze(r.searchable) for r in records])
        # Folded syllables with their document frequency: what typing slips are corrected to.
        self.vocab = {
            t: self.bm25.doc_freq(t)
            for t in self.bm25.rows
            if "_" not in t and not t.startswith("=")
        }

    def mask(self, kinds: Sequence[str] | None, document_ids: Sequence[int] | None) -> np.ndarray:
        m = np.ones(len(self.records), dtype=bool)
        if kinds:
            m &= np.isin(self.kinds, list(kinds))
        if document_ids:
            m &= np.isin(self.docs, list(document_ids))
        return m


def _cache_path(settings: Settings) -> Path:
    return settings.data_dir / "search" / "keyword.pkl"


def build_keyword_index(db: Database, settings: Settings) -> KeywordIndex:
    with db.session() as session:
        stamp = db_stamp(session)
        records = load_records(session)
    index = KeywordIndex(records, stamp)
    path = _cache_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    except OSError as exc:  # a read-only data dir still answers, just slower to start
        log.warning("could not cache the keyword index: %s", exc)
    return index


def load_keyword_index(db: Database, settings: Settings) -> KeywordIndex:
    """The cached index when it matches the database, else a fresh build."""
    with db.session() as session:
        stamp = db_stamp(session)
    path = _cache_path(settings)
    if path.exists():
        try:
            index = pickle.loads(path.read_bytes())
            if isinstance(index, KeywordIndex) and index.stamp == stamp:
                return index
        except Exception as exc:  # noqa: BLE001 - a stale/corrupt cache is rebuilt
            log.info("keyword index cache unusable (%s); rebuilding", exc)
    return build_keyword_index(db, settings)
