"""The alerts' clock in ``planbot run``: APScheduler 3 only ticks.

Every ``alerts_tick_seconds`` the tick plans what is due now and writes it to the
outbox (``handlers.alerts.queue_due``; dedupe keys make every repeat a no-op).
The outbox's one sender (``bot.sender.OutboxSender``) drains it within the
platform limits; ``alert_hold`` keeps alert rows pending while their send window
is closed (quiet hours 21:00–07:00, weekends, holidays), so a row still queued
at 21:00 waits for the next working morning.

One scheduler per deployment: ``bot.runtime`` runs ``AlertScheduler.run`` under
``run_holding(locks, "scheduler", ...)`` (a PostgreSQL advisory lock; on SQLite
a file lock); another process waits on standby and takes over when the holder
dies.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from handlers.alerts import queue_due
from knowledge.alerts import planner
from knowledge.alerts.dayindex import DayIndex, day_index
from knowledge.workdays import load_calendar
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)

LOCK_NAME = "scheduler"
HELD_PREFIXES = (f"{planner.KEY_PREFIX}:",)
CALENDAR_TTL = 300.0  # seconds; admins' holiday overrides apply within minutes


def local_now(settings: Settings) -> datetime:
    return datetime.now(ZoneInfo(settings.planbot_timezone)).replace(tzinfo=None, microsecond=0)


def alert_hold(
    db: Database, now: Callable[[], datetime], ttl: float = CALENDAR_TTL
) -> Callable[[], tuple[str, ...]]:
    """For ``OutboxSender(hold=...)``: the alert prefix while alerts may not go out."""
    cache: dict[str, tuple[float, DayIndex]] = {}

    def hold() -> tuple[str, ...]:
        moment = now()
        key = moment.date().isoformat()
        found = cache.get(key)
        if found is None or time.monotonic() - found[0] > ttl:
            with db.session() as session:
                found = (time.monotonic(), day_index(load_calendar(session), moment.date()))
            cache.clear()
            cache[key] = found
        return () if planner.is_send_time(found[1], moment) else HELD_PREFIXES

    return hold


class AlertScheduler:
    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self._busy = asyncio.Lock()

    def now(self) -> datetime:
        return local_now(self.settings)

    async def tick(self) -> None:
        if self._busy.locked():
            return  # the previous tick is still planning
        try:
            async with self._busy:
                await asyncio.to_thread(self._plan, self.now())
        except asyncio.CancelledError:
            # Shutdown cancels a tick mid-plan: its transaction is not committed and the
            # next run plans the same alerts again (they are de-duplicated by key).
            log.info("alerts: tick cancelled by shutdown")

    def _plan(self, now: datetime) -> None:
        with self.db.session() as session:
            result = queue_due(
                session, now, coordinating_office=self.settings.alerts_coordinating_office
            )
        if result.queued:
            log.warning("alerts: %d queued", result.queued)

    async def run(self, stop: asyncio.Event) -> None:
        """Tick until ``stop`` (run it under the ``scheduler`` lock)."""
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
