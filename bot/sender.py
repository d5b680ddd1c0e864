"""Sending what the outbox holds.

Two paths, one row format (``storage.outbox``):

- ``send_claimed(ids)``: a conversation's replies, inserted already claimed by
  this worker in the turn's transaction, are sent right after the commit (no
  added latency). A crash between commit and send leaves them claimed by a dead
  worker; ``recover`` hands them to a sender, which sends them once more at most.
- ``run(stop)``: the drain loop of a sender (``drain()``: one pass until nothing
  is due, for ``planbot alerts --send``). Per channel it claims due pending rows
  (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several senders share the work),
  routes each one (Zalo OA window) and sends them one at a time, paced by
  ``bot.ratelimit.Pacer`` (under 30 msg/s overall, at least 1 s per private chat,
  20 msg/min per group; the adapter's limiter stays as a backstop). Outcomes:
  sent; 429 and 5xx/network errors are retried (the adapter first waits
  ``retry_after`` in place, which holds every send behind it, as Telegram's flood
  control asks; then later with backoff); a timeout is ``uncertain`` (it may have
  arrived) and is not repeated; 403 marks the identity inactive; Zalo OA refusing
  a send as outside its window routes it again as closed (the person's other
  channel, else held for the admins); anything else is ``failed``. Each outcome
  is committed on its own, right after its send, and only one send is in flight,
  so a kill repeats at most one message.
- Send windows: ``hold()`` names the dedupe-key prefixes that must not go out now
  (alerts in quiet hours, on weekends and holidays: ``bot.scheduler.alert_hold``);
  those rows stay pending until their window opens.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.channel import Queued, SendOutcome, SendResult
from bot.ratelimit import Pacer
from bot.routing import DeliveryRouter
from handlers.delivery import queue
from handlers.messages import Outgoing
from storage import chat
from storage import outbox as store
from storage.chat import utcnow
from storage.db import Database

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # retryable failures before a message is given up as failed
BATCH = 30  # rows claimed at a time per channel (about one second at Telegram's limit)
RECOVER_EVERY = 2.0  # seconds between checks for rows left by dead workers


def backoff(attempts: int) -> float:
    return float(min(2 ** max(attempts, 0), 300))


def hold_nothing() -> tuple[str, ...]:
    return ()


@dataclass
class DrainStats:
    sent: int = 0
    failed: int = 0
    recovered: int = 0
    left: int = 0


class OutboxSender:
    def __init__(
        self,
        db: Database,
        router: DeliveryRouter,
        worker: str,
        alive: Callable[[str], bool],
        *,
        poll: float = 0.2,
        pacer: Pacer | None = None,
        hold: Callable[[], tuple[str, ...]] = hold_nothing,
    ) -> None:
        self.db = db
        self.router = router
        self.worker = worker
        self.alive = alive
        self.poll = poll
        self.pacer = pacer or Pacer()
        self.hold = hold
        self.sent = 0
        self.failed = 0

    # --- replies of this worker's turns ---------------------------------------------

    async def send_claimed(self, rows: list[Queued]) -> None:
        """Send rows this worker claimed in its turn, in order (one chat's replies)."""
        for row in rows:
            await self._send_row(row)

    # --- the drain loop -------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        last_recover = 0.0
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            if loop.time() - last_recover >= RECOVER_EVERY:
                last_recover = loop.time()
                try:
                    await asyncio.to_thread(self.recover)
                except Exception:
                    log.exception("outbox recovery failed")
            busy = False
            for channel in list(self.router.adapters):
                try:
                    busy |= await self.drain_once(channel)
                except Exception:
                    log.exception("draining the %s outbox failed", channel)
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.poll)

    def recover(self) -> int:
        with self.db.session() as session:
            return store.recover(session, self.alive) + chat.recover_updates(session, self.alive)

    async def drain(self, stop: asyncio.Event | None = None) -> DrainStats:
        """Recover, then send everything due on every channel; return when none is left."""
        stats = DrainStats(recovered=await asyncio.to_thread(self.recover))
        sent, failed = self.sent, self.failed
        for channel in list(self.router.adapters):
            while (stop is None or not stop.is_set()) and await self.drain_once(channel, stop):
                pass
        stats.sent, stats.failed = self.sent - sent, self.failed - failed
        with self.db.session() as session:
            stats.left = store.counts(session).get(store.Status.PENDING, 0)
        return stats

    async def drain_once(self, channel: str, stop: asyncio.Event | None = None) -> bool:
        """Claim and send one batch of due pushes; False when there was none."""
        rows = await asyncio.to_thread(self._claim, channel)
        if not rows:
            return False
        while rows:
            if stop is not None and stop.is_set():
                await asyncio.to_thread(self._release, [r.id for r in rows])
                break
            # One send in flight: a kill repeats at most that one.
            index = await self.pacer.next_ready([r.out.chat_id for r in rows])
            await self._send_row(rows.pop(index))
        return True

    def _claim(self, channel: str) -> list[Queued]:
        held = self.hold()
        with self.db.session() as session:
            claimed = store.claim_due(session, channel, self.worker, BATCH, held_prefixes=held)
            return [Queued.of(row) for row in claimed]

    def _release(self, ids: list[int]) -> None:
        with self.db.session() as session:
            store.release(session, ids, self.worker)

    # --- one message ----------------------------------------------------------------

    async def _send_row(self, row: Queued, *, closed: bool = False) -> None:
        out = row.out
        try:
            decision = await asyncio.to_thread(
                functools.partial(self.router.decide, out, closed=closed)
            )
        except Exception as exc:
            log.exception("routing outbox message %s failed", row.id)
            await asyncio.to_thread(
                self._record, row, SendResult(SendOutcome.RETRY, error=repr(exc))
            )
            return
        if decision.target is None:
            await asyncio.to_thread(self._hold, row, decision.notes)
            return
        try:
            result = await self.router.send(decision.target)
        except Exception as exc:  # an adapter bug must not stop the sender
            log.exception("sending outbox message %s failed", row.id)
            result = SendResult(SendOutcome.FAILED, error=repr(exc))
        if result.outcome == SendOutcome.OUTSIDE_WINDOW and not closed:
            await self._send_row(row, closed=True)  # the platform's word: route it away
            return
        await asyncio.to_thread(self._record, row, result, decision.target)

    def _record(self, row: Queued, result: SendResult, target: Outgoing | None = None) -> None:
        with self.db.session() as session:
            outcome = result.outcome
            if outcome == SendOutcome.SENT:
                store.mark(session, row.id, store.Status.SENT)
                self.sent += 1
            elif outcome == SendOutcome.RETRY and row.attempts + 1 < MAX_ATTEMPTS:
                delay = result.retry_after or backoff(row.attempts)
                retry_at = utcnow() + timedelta(seconds=delay)
                store.mark(
                    session, row.id, store.Status.PENDING, error=result.error, retry_at=retry_at
                )
            elif outcome == SendOutcome.UNCERTAIN:
                store.mark(session, row.id, store.Status.UNCERTAIN, error=result.error)
            elif outcome == SendOutcome.BLOCKED:
                store.mark(session, row.id, store.Status.BLOCKED, error=result.error)
                where = target or row.out
                chat.deactivate_chat(session, where.channel, where.chat_id)
                chat.audit(
                    session, None, "identity.inactive", channel=where.channel, chat_id=where.chat_id
                )
            else:
                store.mark(session, row.id, store.Status.FAILED, error=result.error)
                self.failed += 1

    def _hold(self, row: Queued, notes: list[Outgoing]) -> None:
        with self.db.session() as session:
            store.mark(session, row.id, store.Status.HELD)
            for i, note in enumerate(notes):
                queue(session, note, store.dedupe_key("held-note", row.id, i))
