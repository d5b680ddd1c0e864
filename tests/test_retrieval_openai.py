"""The OpenAI-compatible embeddings backend against a local fake endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, populated_store
from fakes.openai_api import FakeOpenAI

from knowledge.retrieval.embeddings import HashEmbedder
from knowledge.retrieval.search import Searcher


@pytest.fixture
def endpoint() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        server.embedder = HashEmbedder(dim=32)  # stands in for a real model behind the API
        yield server


def test_openai_compatible_embeddings_feed_vector_search(
    endpoint: FakeOpenAI, tmp_path: Path
) -> None:
    db, settings = populated_store(
        tmp_path / "data",
        retrieval_mode="vector",
        embedding_backend="openai",
        embedding_api_base=endpoint.base_url,
        embedding_api_key="sk-test",
        embedding_model="test-embed",
    )
    calls = endpoint.requests
    assert calls and calls[0]["path"] == "/v1/embeddings"
    assert calls[0]["body"]["model"] == "test-embed"
    assert calls[0]["auth"] == "Bearer sk-test"
    hits = Searcher(db, settings).search("trien khai tro ly ao", k=3, kinds=["task"])
    assert hits[0].record.source == PLAN_A
    assert hits[0].record.display.startswith("Triển khai trợ lý ảo")
