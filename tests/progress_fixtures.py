"""A database holding the sample plan (and the seeds when present), for progress tests."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import SEEDS
from sqlalchemy import func, select

from knowledge.ingest import ingest_file
from storage import repositories as repo
from storage.db import Database
from storage.models import TaskUnit, Unit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLAN = next((ROOT / "bot" / "samples").glob("*.md"))


def seeds_dir() -> Path:
    """The seeds beside the checkout (``PLANBOT_TEST_SEEDS`` points elsewhere, e.g. from a
    git worktree whose parent holds no ``shared`` folder)."""
    return Path(os.environ.get("PLANBOT_TEST_SEEDS", str(SEEDS)))


def plan_db(path: Path, with_seeds: bool) -> Database:
    db = Database(f"sqlite:///{path}")
    db.migrate()
    ingest_file(db, SAMPLE_PLAN, sync=False)
    if with_seeds:
        for seed in sorted(seeds_dir().glob("*.txt")):
            ingest_file(db, seed, sync=False)
    return db


def unit_named(session: object, spec: str) -> Unit:
    """ "Văn phòng Sở|Sở Tư pháp": a unit by name, and by its parent when names repeat."""
    name, _, parent = spec.partition("|")
    found = repo.resolve_units(session, name)  # type: ignore[arg-type]
    if parent:
        found = [u for u in found if u.parent is not None and u.parent.name == parent]
    assert found, f"no unit {spec!r}"
    # Since units are kept per province, one name ("Sở Nội vụ") is several units; the
    # reports were written by the head of the one that leads tasks in the loaded plans.
    return max(found, key=lambda u: _lead_count(session, u.id))


def _lead_count(session: object, unit_id: int) -> int:
    query = select(func.count()).where(TaskUnit.unit_id == unit_id, TaskUnit.role == "lead")
    return int(session.scalar(query) or 0)  # type: ignore[attr-defined]
