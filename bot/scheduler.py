"""The alerts' clock in ``planbot run``: APScheduler 3 only ticks.

Every ``alerts_tick_seconds`` the tick (1) plans what is due now and writes it
to the outbox (``handlers.alerts.queue_due``; dedupe keys make every repeat a
no-op) and (2) drains the queued pushes within the platform limits
(``bot.alert_sender``). One scheduler per deployment: the tick runs only while
this process holds the ``scheduler:alerts`` lock (a PostgreSQL advisory lock;
on SQLite a file lock, so one process owns it); another process keeps trying
and takes over when the holder dies. Nothing is sent in quiet hours, on
weekends or holidays (the planner returns nothing, the drain waits).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.alert_sender import AlertSender
from bot.channel import ChannelAdapter
from handlers.alerts import queue_due
from knowledge.alerts import planner
from knowledge.alerts.dayindex import day_index
from knowledge.workdays import load_calendar
from storage.db import Database
from storage.locks import HeldLock, Locks
from storage.settings import Settings

log = logging.getLogger(__name__)

LOCK_NAME = "scheduler:alerts"


class AlertScheduler:
    def __init__(
        self, settings: Settings, db: Database, adapters: dict[str, ChannelAdapter]
    ) -> None:
        self.settings = settings
        self.db = db
        self.sender = AlertSender(db, adapters)
        self.locks = Locks.for_database(db)
        self.lock: HeldLock | None = None
        self._busy = asyncio.Lock()

    def now(self) -> datetime:
        return datetime.now(ZoneInfo(self.settings.planbot_timezone)).replace(tzinfo=None)

    async def tick(self) -> None:
        if self._busy.locked():
            return  # the previous tick is still draining
        async with self._busy:
            if self.lock is None:
                self.lock = self.locks.try_acquire(LOCK_NAME)
                if self.lock is None:
                    return  # another process runs the alerts
            now = self.now()
            await asyncio.to_thread(self._plan, now)
            if self._send_time(now):
                await self.sender.drain()

    def _plan(self, now: datetime) -> None:
        with self.db.session() as session:
            result = queue_due(
                session, now, coordinating_office=self.settings.alerts_coordinating_office
            )
        if result.queued:
            log.warning("alerts: %d queued", result.queued)

    def _send_time(self, now: datetime) -> bool:
        with self.db.session() as session:
            calendar = load_calendar(session)
        return planner.is_send_time(day_index(calendar, now.date()), now)

    async def run(self, stop: asyncio.Event) -> None:
        scheduler = AsyncIOScheduler(timezone=self.settings.planbot_timezone)
        scheduler.add_job(
            self.tick,
            "interval",
            seconds=self.settings.alerts_tick_seconds,
            next_run_time=datetime.now(ZoneInfo(self.settings.planbot_timezone)),
            max_instances=1,
            coalesce=True,
        )
        scheduler.start()
        try:
            await stop.wait()
        finally:
            scheduler.shutdown(wait=False)
            if self.lock is not None:
                self.lock.release()
                self.lock = None
