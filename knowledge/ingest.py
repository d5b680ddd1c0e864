"""Store parsed plans: idempotent re-ingest, revisions that keep unchanged tasks."""

from __future__ import annotations
