"""Vietnamese-aware search: terms, BM25, hybrid search and keeping the index in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, PLAN_B, populated_store
from sqlalchemy import select

from knowledge.retrieval.analyzer import analyze, expand_abbreviations, syllables
from knowledge.retrieval.bm25 import BM25
from knowledge.retrieval.embeddings import HashEmbedder, make_embedder
from knowledge.retrieval.search import Searcher
from knowledge.retrieval.sync import sync_index
from knowledge.retrieval.vector import VectorStore
from storage.db import Database
from storage.models import Document, Passage
from storage.settings import Settings


def test_terms_fold_diacritics_and_add_bigrams() -> None:
    terms = analyze("Sở Nội vụ")
    assert {"so", "noi", "vu", "so_noi", "noi_vu"} <= set(terms)
    assert "=sở" in terms and "=nội" in terms  # exact forms for queries typed with diacritics
    assert analyze("so noi vu", exact=False) == ["so", "noi", "vu", "so_noi", "noi_vu", "snv"]


def test_abbreviations_work_both_ways() -> None:
    assert {"thu", "tuc", "hanh", "chinh"} <= set(expand_abbreviations(syllables("TTHC")))
    assert "tthc" in expand_abbreviations(syllables("thủ tục hành chính"))
    assert {"khoa", "hoc", "cong", "nghe"} <= set(analyze("Sở KH&CN"))
    assert {"hanh", "chinh", "quan", "tri"} <= set(analyze("Phòng HC-QT"))


def test_bm25_ranks_matching_documents_first() -> None:
    docs = [
        analyze(t) for t in ("Sở Tư pháp rà soát văn bản", "Sở Nội vụ kiểm tra", "Họp giao ban")
    ]
    index = BM25.build(docs)
    top = index.top(analyze("so noi vu kiem tra"), 3)
    assert top[0][0] == 1
    assert all(i != 2 for i, _ in top)  # no shared term, no hit


def test_hash_embedding_is_deterministic_and_normalized() -> None:
    e = HashEmbedder()
    a = e.embed_documents(["Sở Nội vụ", "so noi vu"])
    assert a.shape == (2, 256)
    assert float(a[0] @ a[1]) == pytest.approx(1.0, abs=1e-5)  # folded: same vector
    assert float((e.embed_query("Sở Nội vụ") ** 2).sum()) == pytest.approx(1.0, abs=1e-5)


def _setup(tmp_path: Path, mode: str = "hybrid") -> tuple[Database, Settings]:
    return populated_store(tmp_path / "data", retrieval_mode=mode, embedding_backend="hash")


@pytest.mark.parametrize("mode", ["keyword", "vector", "hybrid"])
def test_search_modes_find_a_task_typed_without_diacritics(tmp_path: Path, mode: str) -> None:
    db, settings = _setup(tmp_path, mode)
    hits = Searcher(db, settings).search("trien khai tro ly ao", k=5, kinds=["task"])
    assert hits[0].record.display.startswith("Triển khai trợ lý ảo")
    assert hits[0].record.source == PLAN_A
    assert hits[0].record.locator.endswith("STT 1")
    assert hits[0].coverage > 0.9


def test_query_with_diacritics_prefers_exact_form(tmp_path: Path) -> None:
    db, settings = _setup(tmp_path, "keyword")
    searcher = Searcher(db, settings)
    exact = searcher.search("tổ chức tại Cửa Lò", k=3, kinds=["passage"])
    assert "Cửa Lò" in exact[0].record.display
    assert exact[0].coverage > 0.8


def test_sync_adds_replaces_and_removes_entries(tmp_path: Path) -> None:
    db, settings = _setup(tmp_path)
    store = VectorStore(settings, make_embedder(settings))  # type: ignore[arg-type]
    searcher = Searcher(db, settings)
    first = store.digests()
    assert len(first) == len(searcher.keyword.records) > 10
    # A revised passage is re-embedded; a removed document leaves nothing behind.
    with db.session() as s:
        p = s.scalars(select(Passage).where(Passage.text.like("%Cửa Lò%"))).one()
        p.text = "Hội nghị tổng kết tổ chức tại Vinh."
        key = f"passage:{p.id}"
        doc_a = s.scalars(select(Document).where(Document.source_name == PLAN_A)).one()
        s.delete(doc_a)
    sync_index(db, settings)
    after = store.digests()
    assert after[key] != first[key]
    assert not any(k for k in after if k.startswith("doc:") and k not in first)
    searcher._checked_at = 0.0  # noqa: SLF001 - force the change check now
    sources = {r.source for r in searcher.keyword.records}
    assert sources == {PLAN_B}
    assert set(after) == {r.key for r in searcher.keyword.records}
    hits = searcher.search("tro ly ao", k=5, mode="vector")
    assert all(h.record.source == PLAN_B for h in hits)
    assert (
        Searcher(db, settings)
        .search("Vinh", k=1, kinds=["passage"])[0]
        .record.display.endswith("Vinh.")
    )


def test_keyword_index_is_cached_and_rebuilt_on_change(tmp_path: Path) -> None:
    db, settings = _setup(tmp_path, "keyword")
    cache = settings.data_dir / "search" / "keyword.pkl"
    assert cache.exists()
    before = cache.stat().st_mtime_ns
    Searcher(db, settings).search("so noi vu")
    assert cache.stat().st_mtime_ns == before  # loaded, not rebuilt
    with db.session() as s:
        s.add(Passage(document_id=1, ordinal=9, section="", text="Đoàn kiểm tra liên ngành"))
    hits = Searcher(db, settings).search("doan kiem tra lien nganh", k=1)
    assert hits and hits[0].record.display == "Đoàn kiểm tra liên ngành"
