"""The vector side of the index: a Chroma collection we feed our own embeddings.

A local persistent directory by default (``<data dir>/chroma``), a Chroma server
when ``CHROMA_HOST`` is set. We never let Chroma embed (its default function would
download a model): vectors come from ``embeddings.make_embedder``. One collection
per embedding model, so switching the model never mixes vector spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from knowledge.retrieval.embeddings import Embedder
from knowledge.retrieval.records import IndexRecord
from storage.settings import Settings

_BATCH = 256


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def collection_name(embedder: Embedder) -> str:
    return "planbot_" + re.sub(r"[^a-zA-Z0-9_-]", "_", embedder.name)[:50]


class VectorStore:
    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.embedder = embedder
        self._collection = _client(settings).get_or_create_collection(
            name=collection_name(embedder),
            embedding_function=None,
            metadata={"hnsw:space": "cosine"},
        )

    def digests(self) -> dict[str, str]:
        """Stored id -> text digest, to find what changed."""
        got = self._collection.get(include=["metadatas"])
        metas = got.get("metadatas") or []
        return {
            i: str((m or {}).get("digest", "")) for i, m in zip(got["ids"], metas, strict=False)
        }

    def upsert(self, records: Sequence[IndexRecord]) -> None:
        for start in range(0, len(records), _BATCH):
            batch = list(records[start : start + _BATCH])
            vectors = self.embedder.embed_documents([r.searchable for r in batch])
            self._collection.upsert(
                ids=[r.key for r in batch],
                embeddings=vectors.tolist(),
                metadatas=[r.metadata() for r in batch],
            )

    def delete(self, keys: Sequence[str]) -> None:
        for start in range(0, len(keys), _BATCH):
            self._collection.delete(ids=list(keys[start : start + _BATCH]))

    def count(self) -> int:
        return int(self._collection.count())

    def query(
        self, text: str, k: int, kinds: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """(record key, cosine similarity) best first."""
        n = self.count()
        if n == 0:
            return []
        where: dict[str, Any] | None = None
        if kinds:
            where = {"kind": {"$in": list(kinds)}} if len(kinds) > 1 else {"kind": kinds[0]}
        vector = self.embedder.embed_query(text)
        res = self._collection.query(
            query_embeddings=[vector.tolist()],
            n_results=min(k, n),
            where=where,
            include=["distances"],
        )
        ids = res["ids"][0] if res["ids"] else []
        dists = (res.get("distances") or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=False)]
