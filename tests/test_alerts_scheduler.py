"""The scheduler ticks only in the process that holds the alerts lock (a file lock on
SQLite, an advisory lock on PostgreSQL); a second scheduler stays idle, takes over
when the first is gone, and re-sends nothing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alert_fixtures import OFFICE, build_world
from servers import PostgresServer, postgres_server

from bot.scheduler import AlertScheduler
from handlers.messages import Reply
from storage import outbox
from storage.settings import Settings

NOW = datetime(2026, 2, 24, 8, 30)  # a Tuesday after Tết: reminders are due


class RecordingAdapter:
    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, chat_id: str, reply: Reply) -> bool:
        self.sent.append((chat_id, reply.text))
        return True


def _scheduler(settings: Settings, db: Any, adapter: RecordingAdapter) -> AlertScheduler:
    scheduler = AlertScheduler(settings, db, {"telegram": adapter})  # type: ignore[dict-item]
    scheduler.now = lambda: NOW  # type: ignore[method-assign]
    scheduler.sender.per_chat = 0.0  # the limits have their own tests
    return scheduler


def _check_one_scheduler(tmp_path: Path, url: str | None) -> None:
    world = build_world(tmp_path / "data", url=url)
    settings = Settings(planbot_data_dir=tmp_path / "data", alerts_coordinating_office=OFFICE)
    first, second = RecordingAdapter(), RecordingAdapter()
    one, two = _scheduler(settings, world.db, first), _scheduler(settings, world.db, second)

    async def run() -> None:
        await one.tick()
        await two.tick()  # the lock is taken: idle
        assert first.sent and not second.sent
        assert one.lock is not None and two.lock is None
        one.lock.release()  # the first process is gone
        one.lock = None
        await two.tick()
        await two.tick()

    asyncio.run(run())
    assert two.lock is not None
    two.lock.release()
    assert second.sent == []  # everything was already sent: nothing twice
    assert any("còn 3 ngày làm việc" in text for _, text in first.sent)
    with world.db.session() as session:
        counts = outbox.counts(session)
    assert counts == {outbox.Status.SENT: len(first.sent)}


def test_one_scheduler_per_deployment_on_sqlite(tmp_path: Path) -> None:
    _check_one_scheduler(tmp_path, None)


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


def test_one_scheduler_per_deployment_on_postgresql(pg: PostgresServer, tmp_path: Path) -> None:
    _check_one_scheduler(tmp_path, pg.create_database(f"a_{uuid.uuid4().hex[:12]}"))
