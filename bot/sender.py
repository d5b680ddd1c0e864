"""Sending what the outbox holds.

Two paths, one row format (``storage.outbox``):

- ``send_claimed(ids)``: a conversation's replies, inserted already claimed by
  this worker in the turn's transaction, are sent right after the commit (no
  added latency). A crash between commit and send leaves them claimed by a dead
  worker; ``recover`` hands them to a sender, which sends them once more at most.
- ``run(stop)``: the drain loop of a sender. Per channel it claims due pending
  rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several senders share the
  work), routes each one (Zalo OA window) and sends it within the platform
  limits (the adapter's limiter: Telegram 30 msg/s overall, 1 msg/s per private
  chat, 20 msg/min per group). Outcomes: sent; 429 and 5xx/network errors are
  retried later (``retry_after`` honoured, backoff otherwise); a timeout is
  ``uncertain`` (it may have arrived) and is not repeated; 403 marks the
  identity inactive; anything else is ``failed``. Each outcome is committed on
  its own, right after its send, so a kill repeats at most the sends in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta

from bot.channel import Queued, SendOutcome, SendResult
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


class OutboxSender:
    def __init__(
        self,
        db: Database,
        router: DeliveryRouter,
        worker: str,
        alive: Callable[[str], bool],
        *,
        poll: float = 0.2,
    ) -> None:
        self.db = db
        self.router = router
        self.worker = worker
        self.alive = alive
        self.poll = poll
        self.sent = 0

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

    async def drain_once(self, channel: str) -> bool:
        """Claim and send one batch of due pushes; False when there was none."""
        rows = await asyncio.to_thread(self._claim, channel)
        if not rows:
            return False
        by_chat: defaultdict[str, list[Queued]] = defaultdict(list)
        for row in rows:
            by_chat[row.out.chat_id].append(row)
        # Chats in parallel (the limiter spaces them), one chat's messages in order.
        await asyncio.gather(*(self._send_all(chat_rows) for chat_rows in by_chat.values()))
        return True

    def _claim(self, channel: str) -> list[Queued]:
        with self.db.session() as session:
            return [Queued.of(row) for row in store.claim_due(session, channel, self.worker, BATCH)]

    async def _send_all(self, rows: list[Queued]) -> None:
        for row in rows:
            await self._send_row(row)

    # --- one message ----------------------------------------------------------------

    async def _send_row(self, row: Queued) -> None:
        out = row.out
        try:
            decision = await asyncio.to_thread(self.router.decide, out)
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

    def _hold(self, row: Queued, notes: list[Outgoing]) -> None:
        with self.db.session() as session:
            store.mark(session, row.id, store.Status.HELD)
            for i, note in enumerate(notes):
                queue(session, note, store.dedupe_key("held-note", row.id, i))
