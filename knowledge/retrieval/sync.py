"""Keep the search index in step with the database (owned by the retrieval area)."""

from __future__ import annotations

from storage.db import Database
from storage.settings import Settings


def sync_index(db: Database, settings: Settings) -> None:
    """Add, replace and remove index entries so that they match the stored documents."""
