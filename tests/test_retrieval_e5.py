"""The packaged multilingual-e5-small model: offline vector search into a real Chroma dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, populated_store

from knowledge.retrieval.embeddings import E5Embedder, make_embedder
from knowledge.retrieval.search import Searcher
from storage.settings import Settings


def test_default_backend_is_the_packaged_model_and_ranks_by_meaning() -> None:
    settings = Settings(embedding_backend="default", _env_file=None)  # type: ignore[call-arg]
    embedder = make_embedder(settings)
    assert isinstance(embedder, E5Embedder)
    docs = embedder.embed_documents(
        [
            "Triển khai trợ lý ảo hỗ trợ cán bộ, công chức",
            "Tổ chức hội nghị tổng kết công tác thi đua khen thưởng",
        ]
    )
    query = embedder.embed_query("ứng dụng trí tuệ nhân tạo cho công chức")
    scores = docs @ query.T
    assert float(scores[0]) > float(scores[1])


@pytest.mark.parametrize("mode", ["vector", "hybrid"])
def test_e5_vector_search_through_chroma(tmp_path: Path, mode: str) -> None:
    db, settings = populated_store(tmp_path / "data", retrieval_mode=mode, embedding_backend="e5")
    assert (settings.chroma_dir).is_dir()
    hits = Searcher(db, settings).search("tro ly ao", k=3, kinds=["task"])
    assert hits[0].record.source == PLAN_A
    assert hits[0].record.display.startswith("Triển khai trợ lý ảo")
