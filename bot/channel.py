"""What every chat adapter shares: persist-before-handle, the turn as one unit of
work, per-chat ordering, the "typing…" indicator, a bridge for progress/download
from worker threads.

An update is stored (with the polling offset, when there is one) in one
transaction before anything else happens. Handling it is one turn in one
database session (``_turn``): the atomic claim (``storage.chat.claim_update``),
every read and write of the handlers, the replies and pushes written to the
outbox, and the update marked ``handled`` commit together. Replies are then sent
by this worker at once (``bot.sender``). A crash before the commit rolls the
claim back and the update is handled again (by this worker on restart, or by
another one meanwhile); a crash after it leaves replies in the outbox, sent by a
sender at most once more. The unique (channel, update_key) makes a re-delivered
update a no-op. An update that cannot even be read (a "poison" update) is marked
``failed`` with its error and the bot goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Coroutine
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from handlers.delivery import queue
from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment, Incoming, Outgoing, Reply, reply_from_payload
from storage import chat
from storage import outbox as store
from storage.models import OutboxMessage

if TYPE_CHECKING:
    from bot.sender import OutboxSender

log = logging.getLogger(__name__)

T = TypeVar("T")


class SendOutcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # 429, 5xx, network: try again later
    UNCERTAIN = "uncertain"  # timed out: it may have arrived; do not repeat blindly
    BLOCKED = "blocked"  # 403: the person blocked the bot
    OUTSIDE_WINDOW = "outside_window"  # Zalo OA: the person's interaction window closed
    FAILED = "failed"  # rejected for good


@dataclass(frozen=True)
class SendResult:
    outcome: SendOutcome
    retry_after: float | None = None
    error: str | None = None


# Test-only: hold (never finish) handling right after an update is persisted, so a
# test can kill the process between "received" and "answered".
HOLD_ENV = "PLANBOT_TEST_HOLD_AFTER_PERSIST"
DRAIN_GRACE = 10.0  # seconds a stopping adapter waits for in-flight turns
TYPING_EVERY = 4.0  # seconds; platforms show the indicator for about 5 s


@dataclass(frozen=True)
class Queued:
    """An outbox row taken for sending (detached from any session)."""

    id: int
    out: Outgoing
    attempts: int = 0

    @classmethod
    def of(cls, row: OutboxMessage) -> Queued:
        reply = reply_from_payload(row.payload)
        return cls(row.id, Outgoing(row.channel, row.chat_id, reply), row.attempts)


class ThreadBridge:
    """TurnIO for handler code running in a worker thread: calls back into the loop."""

    def __init__(self, adapter: ChannelAdapter, chat_id: str, loop: asyncio.AbstractEventLoop):
        self.adapter = adapter
        self.chat_id = chat_id
        self.loop = loop
        self._progress_ref: Any = None

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=600)

    def progress(self, text: str) -> None:
        try:
            self._progress_ref = self._run(
                self.adapter.show_progress(self.chat_id, text, self._progress_ref)
            )
        except Exception:  # progress is a courtesy; never fail the turn over it
            log.warning("progress message failed", exc_info=True)

    def download(self, attachment: Attachment) -> Path:
        return self._run(self.adapter.download(attachment))


class ChannelAdapter(ABC):
    name: str  # the channel name stored with identities and updates

    def __init__(self, db: Any, dispatcher: Dispatcher) -> None:
        self.db = db
        self.dispatcher = dispatcher
        self.sender: OutboxSender | None = None  # set by the runtime; else a private one
        self.worker = ""  # the worker id claims are made under (set with ``sender``)
        self._chat_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._tasks: set[asyncio.Task[None]] = set()
        self._inflight: set[str] = set()
        self.drain_grace = DRAIN_GRACE  # the runtime sets it from SHUTDOWN_GRACE_SECONDS

    # --- platform specifics -------------------------------------------------------

    @abstractmethod
    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        """The neutral message for a stored update payload (None: nothing to handle)."""

    @abstractmethod
    async def send(self, chat_id: str, reply: Reply) -> bool:
        """Deliver a reply (split to the platform limit); False if undeliverable."""

    async def deliver(self, chat_id: str, reply: Reply) -> SendResult:
        """Send with a precise outcome; adapters that can tell a timeout apart override it."""
        sent = await self.send(chat_id, reply)
        return SendResult(SendOutcome.SENT if sent else SendOutcome.FAILED)

    async def send_typing(self, chat_id: str) -> None:
        return None

    async def show_progress(self, chat_id: str, text: str, previous: Any) -> Any:
        await self.send(chat_id, Reply(text=text))
        return None

    async def download(self, attachment: Attachment) -> Path:
        if attachment.path is None:
            raise FileNotFoundError(attachment.file_name)
        return attachment.path

    async def before_handle(self, payload: dict[str, Any]) -> None:
        """Platform acknowledgements that do not wait for the answer."""
        return None

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self.drain()

    async def run_polling(self, stop: asyncio.Event) -> None:
        raise NotImplementedError(f"{self.name} has no polling mode")

    async def setup_webhook(self, url: str, secret: str | None) -> None:
        await self.start()
        await self.resume()

    async def receive_webhook(self, payload: dict[str, Any]) -> None:
        raise NotImplementedError(f"{self.name} has no webhook mode")

    # --- persistence ---------------------------------------------------------------

    def persist(self, key: str, payload: dict[str, Any], offset: int | None = None) -> bool:
        """Store the update (and the next offset) in one transaction; False if seen."""
        return bool(self.persist_many([(key, payload)], offset))

    def persist_many(
        self, updates: list[tuple[str, dict[str, Any]]], offset: int | None = None
    ) -> list[str]:
        """Store a batch of updates and the next offset in one transaction; the new keys."""
        with self.db.session() as session:
            new = [
                key
                for key, payload in updates
                if chat.record_update(session, self.name, key, payload)
            ]
            if offset is not None:
                chat.set_state(session, self.name, "offset", str(offset))
        return new

    def stored_offset(self) -> int | None:
        with self.db.session() as session:
            value = chat.get_state(session, self.name, "offset")
        return int(value) if value else None

    async def resume(self) -> None:
        """Handle what is stored but not handled (a previous run's, or another worker's)."""
        pending = await asyncio.to_thread(self._pending)
        for key, payload in pending:
            if key not in self._inflight:
                self.spawn(key, payload)

    async def run_backlog(self, stop: asyncio.Event, every: float = 0.25) -> None:
        """Keep picking up stored updates nobody handles (several workers, one database)."""
        while not stop.is_set():
            try:
                await self.resume()
            except Exception:
                log.exception("%s: scanning stored updates failed", self.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

    def _pending(self) -> list[tuple[str, dict[str, Any]]]:
        with self.db.session() as session:
            rows = chat.pending_updates(session, self.name, limit=200)
            return [(u.update_key, dict(u.payload)) for u in rows]

    def spawn(self, key: str, payload: dict[str, Any]) -> None:
        self._inflight.add(key)
        task = asyncio.create_task(self.process(key, payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda _: self._inflight.discard(key))

    async def drain(self, grace: float | None = None) -> None:
        """Let in-flight turns finish; after ``grace`` seconds cancel the rest (their
        updates stay stored and claimable, so the next run answers them)."""
        if self._tasks:
            wait = self.drain_grace if grace is None else grace
            _, pending = await asyncio.wait(list(self._tasks), timeout=wait)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    # --- handling ------------------------------------------------------------------

    async def process(self, key: str, payload: dict[str, Any]) -> None:
        """Handle one stored update; never raises (a failure is recorded on the update)."""
        try:
            await self._process(key, payload)
        except Exception as exc:
            log.exception("%s: update %s failed", self.name, key)
            await asyncio.to_thread(self._finish, key, repr(exc))

    async def _process(self, key: str, payload: dict[str, Any]) -> None:
        if os.environ.get(HOLD_ENV):
            log.warning("%s: holding update %s (%s set)", self.name, key, HOLD_ENV)
            await asyncio.Event().wait()
        try:
            incoming = self.to_incoming(payload)
        except Exception as exc:  # a poison update: keep it with its error and go on
            log.warning("%s: update %s cannot be read: %r", self.name, key, exc)
            await asyncio.to_thread(self._finish, key, f"unreadable update: {exc!r}")
            return
        if incoming is None:
            await asyncio.to_thread(self._finish, key)
            return
        async with self._chat_locks[incoming.sender.chat_id]:
            await self.before_handle(payload)
            ids = await self._answer(key, incoming)
            if ids:
                await self._sender().send_claimed(ids)

    def _sender(self) -> OutboxSender:
        if self.sender is None:
            from bot.routing import DeliveryRouter
            from bot.sender import OutboxSender

            self.worker = self.worker or f"{self.name}-{os.getpid()}"
            router = DeliveryRouter(self.db, {self.name: self})
            self.sender = OutboxSender(self.db, router, self.worker, lambda w: w == self.worker)
        return self.sender

    def _finish(self, key: str, error: str | None = None) -> None:
        with self.db.session() as session:
            chat.finish_update(session, self.name, key, error)

    async def _answer(self, key: str, incoming: Incoming) -> list[Queued] | None:
        chat_id = incoming.sender.chat_id
        self._sender()
        bridge = ThreadBridge(self, chat_id, asyncio.get_running_loop())
        work = asyncio.ensure_future(asyncio.to_thread(self._turn, key, incoming, bridge))
        if self.dispatcher.is_slow(incoming):
            await self._typing_until(chat_id, work)
        return await work

    def _turn(self, key: str, incoming: Incoming, bridge: ThreadBridge) -> list[Queued] | None:
        """One unit of work: claim, handle, queue the output, finish; one commit.

        None when another worker (or an earlier run) has the update. On PostgreSQL
        the claim comes first (it locks only this update's row). On SQLite, where a
        write locks the whole database, a plain turn claims at its end, so the
        answer is computed without holding the lock; a second worker that computed
        the same update finds it claimed and rolls its turn back. A file upload
        claims first there too (it commits before its long ingest).
        """
        chat_id = incoming.sender.chat_id
        claim_first = self.db.dialect != "sqlite" or incoming.attachment is not None
        with self.db.session() as session:
            if claim_first:
                if chat.claim_update(session, self.name, key, self.worker) is None:
                    return None
            elif chat.update_status(session, self.name, key) != chat.UpdateStatus.RECEIVED:
                return None
            result = self.dispatcher.handle(incoming, bridge, session)
            if (result.error or not claim_first) and chat.claim_update(
                session, self.name, key, self.worker
            ) is None:
                session.rollback()  # someone else answered it: keep nothing of this turn
                return None
            ids: list[Queued] = []
            for i, reply in enumerate(result.replies):
                out = Outgoing(self.name, chat_id, reply)
                message_id = queue(
                    session,
                    out,
                    store.dedupe_key("reply", self.name, key, i),
                    kind=store.Kind.REPLY,
                    claimed_by=self.worker,
                )
                if message_id is not None:
                    ids.append(Queued(int(message_id), out))
            for i, push in enumerate(result.pushes):
                queue(session, push, push.dedupe_key or store.dedupe_key("push", self.name, key, i))
            chat.finish_update(session, self.name, key, result.error)
        return ids

    async def _typing_until(self, chat_id: str, work: asyncio.Future[Any]) -> None:
        while not work.done():
            try:
                await self.send_typing(chat_id)
            except Exception:
                log.debug("typing indicator failed", exc_info=True)
            await asyncio.wait([work], timeout=TYPING_EVERY)
