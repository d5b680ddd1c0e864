"""The scheduler ticks only in the process that holds the ``scheduler`` lock (a file
lock on SQLite, an advisory lock on PostgreSQL, taken with bot.runtime.run_holding);
a second one stays on standby, takes over when the first is gone, and re-sends
nothing. Queued alerts wait in the outbox while their send window is closed."""

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

from bot.channel import SendOutcome, SendResult
from bot.ratelimit import Pacer
from bot.routing import DeliveryRouter
from bot.runtime import LOCK_RETRY, Worker, run_holding
from bot.scheduler import LOCK_NAME, AlertScheduler, alert_hold
from bot.sender import OutboxSender
from handlers.messages import Reply
from storage import chat, outbox
from storage.settings import Settings

NOW = datetime(2026, 2, 24, 8, 30)  # a Tuesday after Tết: reminders are due


class RecordingAdapter:
    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def deliver(self, chat_id: str, reply: Reply) -> SendResult:
        self.sent.append((chat_id, reply.text))
        return SendResult(SendOutcome.SENT)


class Process:
    """One ``planbot run``'s scheduler and sender, as bot.runtime wires them."""

    def __init__(self, settings: Settings, db: Any) -> None:
        self.adapter = RecordingAdapter()
        self.worker = Worker(db)
        self.scheduler = AlertScheduler(settings, db)
        self.scheduler.now = lambda: NOW  # type: ignore[method-assign]
        router = DeliveryRouter(db, {"telegram": self.adapter})  # type: ignore[dict-item]
        pacer = Pacer(global_rate=1000, per_chat_interval=0.0)  # the limits have their own tests
        self.sender = OutboxSender(
            db, router, self.worker.id, self.worker.alive, pacer=pacer, hold=lambda: ()
        )
        self.stop = asyncio.Event()

    async def job(self, stop: asyncio.Event) -> None:
        await self.scheduler.tick()  # what APScheduler calls every ALERTS_TICK_SECONDS
        await self.scheduler.tick()
        await self.sender.drain()
        await stop.wait()

    def start(self) -> asyncio.Task[None]:
        return asyncio.create_task(run_holding(self.worker.locks, LOCK_NAME, self.job, self.stop))


async def _settle() -> None:
    for _ in range(200):
        await asyncio.sleep(0.01)


def _check_one_scheduler(tmp_path: Path, url: str | None) -> None:
    world = build_world(tmp_path / "data", url=url)
    settings = Settings(planbot_data_dir=tmp_path / "data", alerts_coordinating_office=OFFICE)
    one, two = Process(settings, world.db), Process(settings, world.db)

    async def run() -> None:
        first = one.start()
        await _settle()
        second = two.start()
        await _settle()
        assert one.adapter.sent and not two.adapter.sent  # the lock is taken: standby
        one.stop.set()  # the first process is gone
        await first
        await asyncio.sleep(LOCK_RETRY + 0.5)  # the standby takes over and ticks
        two.stop.set()
        await second

    asyncio.run(run())
    for process in (one, two):
        process.worker.release()
    assert two.adapter.sent == []  # everything was already sent: nothing twice
    assert any("còn 3 ngày làm việc" in text for _, text in one.adapter.sent)
    with world.db.session() as session:
        counts = outbox.counts(session)
        assert chat.get_state(session, "alerts", "last_tick") == NOW.isoformat(timespec="minutes")
    assert counts == {outbox.Status.SENT: len(one.adapter.sent)}


def test_alerts_wait_in_the_outbox_during_quiet_hours(tmp_path: Path) -> None:
    world = build_world(tmp_path / "data")
    settings = Settings(planbot_data_dir=tmp_path / "data", alerts_coordinating_office=OFFICE)
    process = Process(settings, world.db)
    moment = [NOW]
    process.sender.hold = alert_hold(world.db, lambda: moment[0])

    async def run() -> None:
        await process.scheduler.tick()  # queued at 08:30
        moment[0] = NOW.replace(hour=21, minute=5)  # still pending at 21:05: held
        assert await process.sender.drain_once("telegram") is False
        moment[0] = NOW.replace(day=28, hour=9)  # a Saturday: still held
        assert await process.sender.drain_once("telegram") is False
        moment[0] = NOW.replace(day=25, hour=7, minute=1)  # the next working morning
        await process.sender.drain()

    asyncio.run(run())
    process.worker.release()
    assert process.adapter.sent
    with world.db.session() as session:
        assert outbox.counts(session) == {outbox.Status.SENT: len(process.adapter.sent)}


def test_one_scheduler_per_deployment_on_sqlite(tmp_path: Path) -> None:
    _check_one_scheduler(tmp_path, None)


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


def test_one_scheduler_per_deployment_on_postgresql(pg: PostgresServer, tmp_path: Path) -> None:
    _check_one_scheduler(tmp_path, pg.create_database(f"a_{uuid.uuid4().hex[:12]}"))
