"""Progress on a real PostgreSQL server: reports, history, review and the board."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from progress_fixtures import SAMPLE_PLAN
from servers import PostgresServer, postgres_server
from sqlalchemy import select

from knowledge.ingest import ingest_file
from knowledge.progress import reporting, service
from knowledge.progress.board import build_board
from knowledge.progress.reporting import Reporter
from knowledge.progress.status import ReportState, StatusClass
from storage import progress as store
from storage.db import Database
from storage.models import TaskRow

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    with postgres_server("timezone=Asia/Ho_Chi_Minh") as server:
        yield server


def test_reports_and_board_on_postgres(pg: PostgresServer) -> None:
    db = Database(pg.create_database(f"p_{uuid.uuid4().hex[:12]}"))
    db.migrate()
    ingest_file(db, SAMPLE_PLAN, sync=False)
    admin = Reporter(None, "Văn thư", "admin", None)
    leader = Reporter(None, "Lãnh đạo", "leader", None)
    with db.session() as s:
        task_id = s.scalar(select(TaskRow.id).where(TaskRow.number == "4", TaskRow.kind == "task"))
        assert task_id is not None
        first = service.record(
            s,
            admin,
            task_id,
            ReportState.IN_PROGRESS,
            percent=40,
            note="",
            now=datetime(2026, 2, 2, 2),
        )
        second = service.record(
            s,
            admin,
            task_id,
            ReportState.DONE,
            percent=None,
            note="BC số 21/BC-STP",
            now=datetime(2026, 3, 20, 2),
        )
        reporting.review(s, leader, second.id, accept=True, now=datetime(2026, 3, 21, 2))
    with db.session() as s:
        assert [r.id for r in store.history(s, task_id)] == [first.id, second.id]
        board = build_board(s, datetime(2026, 4, 2, 9, tzinfo=TZ), tz=TZ, with_evidence=True)
        row = next(r for r in board.rows if r.task.id == task_id)
        assert row.status_class is StatusClass.DONE_ON_TIME
        assert row.reported is not None and row.reported.reported_on.isoformat() == "2026-03-20"
