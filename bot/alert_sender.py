"""Drain queued pushes (alerts) from the persisted outbox within platform limits.

A thin sender on the unit-of-work outbox (``storage.outbox``) for the alerts,
until the outbox's own sender role lands; it uses only the outbox's public API
(``recover``, ``claim_due``, ``mark``) and the channel adapters' ``send``, so it
can be swapped for that role without touching the planner.

- One message at a time, each marked ``sent`` in its own commit right after the
  platform accepted it: a process killed mid-batch re-sends at most the one
  message in flight; claimed-but-unsent rows go back to ``pending`` when the
  next sender starts (``recover``: their worker's liveness lock is free).
- Pacing: at most ``global_rate`` messages a second overall, spaced evenly, and
  at least ``per_chat_interval`` seconds between two messages to one chat; the
  next message is the oldest one whose chat is free. 429s are honoured by the
  adapter (it sleeps ``retry_after``, which holds every send behind it).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from handlers.delivery import WINDOWED_CHANNELS, Route, route
from handlers.messages import Outgoing, reply_from_payload
from storage import outbox as store
from storage.chat import utcnow
from storage.db import Database
from storage.locks import HeldLock, Locks
from storage.models import OutboxMessage

if TYPE_CHECKING:
    from bot.channel import ChannelAdapter

log = logging.getLogger(__name__)

TELEGRAM_GLOBAL_RATE = 28.0  # below the 30 msg/s ceiling, with room for replies
PER_CHAT_INTERVAL = 1.05  # private chats: 1 msg/s, with a margin for network jitter
BATCH = 50


@dataclass
class DrainStats:
    sent: int = 0
    failed: int = 0
    recovered: int = 0
    left: int = 0


class AlertSender:
    def __init__(
        self,
        db: Database,
        adapters: dict[str, ChannelAdapter],
        *,
        global_rate: float = TELEGRAM_GLOBAL_RATE,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        oa_window: timedelta = timedelta(days=7),
        on_sent: Callable[[OutboxMessage], None] | None = None,
    ) -> None:
        self.db = db
        self.adapters = adapters
        self.interval = 1.0 / global_rate
        self.per_chat = per_chat_interval
        self.oa_window = oa_window
        self.worker = f"alerts-{uuid.uuid4().hex[:10]}"
        self.locks = Locks.for_database(db)
        self._next_global = 0.0
        self._chat_free: dict[str, float] = {}
        self.on_sent = on_sent

    async def drain(self, stop: asyncio.Event | None = None) -> DrainStats:
        """Send every due push of the running channels; return when none is left."""
        stats = DrainStats()
        liveness: HeldLock | None = self.locks.try_acquire(f"worker:{self.worker}")
        try:
            with self.db.session() as session:
                stats.recovered = store.recover(session, self._alive)
            for channel in self.adapters:
                await self._drain_channel(channel, stats, stop)
            with self.db.session() as session:
                stats.left = store.counts(session).get(store.Status.PENDING, 0)
        finally:
            if liveness is not None:
                liveness.release()
        return stats

    def _alive(self, worker: str) -> bool:
        return worker == self.worker or self.locks.held_elsewhere(f"worker:{worker}")

    async def _drain_channel(
        self, channel: str, stats: DrainStats, stop: asyncio.Event | None
    ) -> None:
        while stop is None or not stop.is_set():
            with self.db.session() as session:
                batch = store.claim_due(session, channel, self.worker, limit=BATCH)
                rows = [(m.id, m.chat_id, dict(m.payload)) for m in batch]
            if not rows:
                return
            while rows and (stop is None or not stop.is_set()):
                index = await self._next_ready(rows)
                message_id, chat_id, payload = rows.pop(index)
                ok = await self._send(Outgoing(channel, chat_id, reply_from_payload(payload)))
                status = store.Status.SENT if ok else store.Status.FAILED
                with self.db.session() as session:
                    store.mark(session, message_id, status, error=None if ok else "send failed")
                if ok:
                    stats.sent += 1
                else:
                    stats.failed += 1
            if rows:  # stopped: give the rest back
                self._release([r[0] for r in rows])

    async def _next_ready(self, rows: list[tuple[int, str, dict[str, object]]]) -> int:
        """The oldest row whose chat may get a message now; waits as needed."""
        while True:
            now = time.monotonic()
            wait_global = self._next_global - now
            ready = [i for i, r in enumerate(rows) if self._chat_free.get(r[1], 0.0) <= now]
            if ready and wait_global <= 0:
                chat_id = rows[ready[0]][1]
                self._next_global = max(now, self._next_global) + self.interval
                self._chat_free[chat_id] = now + self.per_chat
                return ready[0]
            soonest = min(self._chat_free.get(r[1], 0.0) for r in rows) - now
            await asyncio.sleep(max(wait_global, soonest if not ready else 0.0, 0.001))

    async def _send(self, out: Outgoing) -> bool:
        decision = Route(out)
        if out.channel in WINDOWED_CHANNELS:  # only there does the route need the database
            with self.db.session() as session:
                decision = route(session, out, utcnow(), self.oa_window)
        try:
            for note in decision.notes:
                await self._adapter_send(note)
            if decision.target is None:
                return False
            return await self._adapter_send(decision.target)
        except Exception:
            log.exception("alert to %s:%s failed", out.channel, out.chat_id)
            return False

    async def _adapter_send(self, out: Outgoing) -> bool:
        adapter = self.adapters.get(out.channel)
        if adapter is None:
            return False
        return await adapter.send(out.chat_id, out.reply)

    def _release(self, ids: list[int]) -> None:
        from sqlalchemy import update

        with self.db.session() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == self.worker)
                .values(status=store.Status.PENDING, claimed_by=None)
            )
