"""Keep the search index in step with the database (owned by the retrieval area)."""

from __future__ import annotations

import logging

from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)


def sync_index(db: Database, settings: Settings) -> None:
    """Add, replace and remove index entries so that they match the stored documents.

    The keyword index is rebuilt from the database (cheap) and cached; the Chroma
    collection gets new and changed records upserted and vanished ones deleted,
    compared by a digest of each record's text, so no stale entry survives a
    revised or removed document.
    """
    from knowledge.retrieval.index import build_keyword_index

    index = build_keyword_index(db, settings)
    if settings.retrieval_mode == "keyword" or (settings.embedding_backend or "").lower() in (
        "none",
        "off",
    ):
        return
    from knowledge.retrieval.embeddings import make_embedder
    from knowledge.retrieval.vector import VectorStore

    try:
        embedder = make_embedder(settings)
        if embedder is None:
            return
        store = VectorStore(settings, embedder)
        stored = store.digests()
    except Exception as exc:  # noqa: BLE001 - keyword search still works; say why vectors don't
        log.warning("vector index not updated (%s); keyword search only", exc)
        return
    current = {r.key: r for r in index.records}
    stale = [key for key in stored if key not in current]
    changed = [r for key, r in current.items() if stored.get(key) != r.digest]
    if stale:
        store.delete(stale)
    if changed:
        store.upsert(changed)
    log.info("index sync: %d upserted, %d deleted", len(changed), len(stale))
