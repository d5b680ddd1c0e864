"""``CHROMA_HOST``/``CHROMA_PORT``: the vector index on a real Chroma server.

The server (the ``chroma`` CLI of the installed package) runs on a free
127.0.0.1 port for this module; the test is skipped with a message when it
cannot start. What the server holds is read back with a separate client, since
the product deliberately degrades to keyword search when vectors fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from answer_fixtures import PLAN_A, PLAN_B, populate
from servers import chroma_server
from sqlalchemy import select

from knowledge.ingest import ingest_file, remove_document
from knowledge.retrieval.embeddings import make_embedder
from knowledge.retrieval.search import Searcher
from knowledge.retrieval.sync import sync_index
from knowledge.retrieval.vector import collection_name
from storage.db import Database
from storage.models import Document
from storage.settings import Settings

SAMPLE_PLAN = next((Path(__file__).resolve().parent.parent / "bot" / "samples").glob("*.md"))


@pytest.fixture(scope="module")
def chroma_port() -> Iterator[int]:
    with chroma_server() as port:
        yield port


def _server_entries(settings: Settings) -> dict[str, dict[str, Any]]:
    """Every entry in the server's collection: id -> metadata (an independent client)."""
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=settings.chroma_port)
    embedder = make_embedder(settings)
    assert embedder is not None
    got = client.get_collection(collection_name(embedder)).get(include=["metadatas"])
    return {i: dict(m or {}) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)}


def test_index_follows_ingest_and_removal_on_a_chroma_server(
    chroma_port: int, tmp_path: Path
) -> None:
    settings = Settings(
        planbot_data_dir=tmp_path / "data",
        chroma_host="127.0.0.1",
        chroma_port=chroma_port,
        retrieval_mode="hybrid",
        embedding_backend="hash",
        _env_file=None,  # type: ignore[call-arg]
    )
    db = Database.from_settings(settings)
    populate(db)
    ingest_file(db, SAMPLE_PLAN, settings=settings)  # syncs the index
    sync_index(db, settings)  # in step already: nothing to do, no error
    assert not (settings.chroma_dir).exists()  # nothing went to a local directory

    searcher = Searcher(db, settings)
    entries = _server_entries(settings)
    assert set(entries) == {r.key for r in searcher.keyword.records}
    assert {m["source"] for m in entries.values()} == {PLAN_A, PLAN_B, SAMPLE_PLAN.name}

    for mode in ("vector", "hybrid"):
        hits = searcher.search("kết nối cơ sở dữ liệu hộ tịch", k=3, kinds=["task"], mode=mode)
        assert hits, mode
        top = hits[0].record
        assert top.source == SAMPLE_PLAN.name, mode
        assert top.display.startswith("Kết nối Cơ sở dữ liệu hộ tịch điện tử"), mode
        assert top.key in entries
    vector_only = searcher.search("tro ly ao", k=5, mode="vector")
    assert vector_only and searcher.vector() is not None  # the server answered, no fallback

    with db.session() as s:
        sample_id = s.scalars(
            select(Document.id).where(Document.source_name == SAMPLE_PLAN.name)
        ).one()
    assert remove_document(db, sample_id, settings)
    after = _server_entries(settings)
    assert after and not [k for k, m in after.items() if m["document_id"] == sample_id]
    assert {m["source"] for m in after.values()} == {PLAN_A, PLAN_B}
    fresh = Searcher(db, settings)
    assert set(after) == {r.key for r in fresh.keyword.records}
    hits = fresh.search("kết nối cơ sở dữ liệu hộ tịch", k=5, mode="vector")
    assert all(h.record.source != SAMPLE_PLAN.name for h in hits)
