"""What every chat adapter shares: persist-before-handle, per-chat ordering,
the "typing…" indicator, a bridge for progress/download from worker threads,
and delivery of pushes through the outbox.

An update is stored (with the polling offset, when there is one) in one
transaction before anything else happens; it is then handled and marked
``handled``. A crash in between leaves it ``received``, and ``resume()`` handles
it on the next start. The unique (channel, update_key) makes a re-delivered
update a no-op, so nothing is handled twice.
"""

from __future__ import annotations

import asyncio
import logging
import os
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment, Incoming, Reply
from storage import chat

if TYPE_CHECKING:
    from bot.outbox import Outbox

log = logging.getLogger(__name__)

T = TypeVar("T")

# Test-only: hold (never finish) handling right after an update is persisted, so a
# test can kill the process between "received" and "answered".
HOLD_ENV = "PLANBOT_TEST_HOLD_AFTER_PERSIST"
TYPING_EVERY = 4.0  # seconds; platforms show the indicator for about 5 s


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
        self.outbox: Outbox | None = None
        self._chat_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._tasks: set[asyncio.Task[None]] = set()

    # --- platform specifics -------------------------------------------------------

    @abstractmethod
    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        """The neutral message for a stored update payload (None: nothing to handle)."""

    @abstractmethod
    async def send(self, chat_id: str, reply: Reply) -> bool:
        """Deliver a reply (split to the platform limit); False if undeliverable."""

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
        with self.db.session() as session:
            new = chat.record_update(session, self.name, key, payload)
            if offset is not None:
                chat.set_state(session, self.name, "offset", str(offset))
        return bool(new)

    def stored_offset(self) -> int | None:
        with self.db.session() as session:
            value = chat.get_state(session, self.name, "offset")
        return int(value) if value else None

    async def resume(self) -> None:
        """Handle what a previous run stored but never finished."""
        with self.db.session() as session:
            pending = [
                (u.update_key, dict(u.payload)) for u in chat.pending_updates(session, self.name)
            ]
        for key, payload in pending:
            log.info("%s: resuming update %s", self.name, key)
            await self.process(key, payload)

    def spawn(self, key: str, payload: dict[str, Any]) -> None:
        task = asyncio.create_task(self.process(key, payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # --- handling ------------------------------------------------------------------

    async def process(self, key: str, payload: dict[str, Any]) -> None:
        """Handle one stored update, at most once (status ``received`` -> ``handled``)."""
        if os.environ.get(HOLD_ENV):
            log.warning("%s: holding update %s (%s set)", self.name, key, HOLD_ENV)
            await asyncio.Event().wait()
        incoming = self.to_incoming(payload)
        if incoming is None:
            self._finish(key)
            return
        async with self._chat_locks[incoming.sender.chat_id]:
            with self.db.session() as session:
                if chat.claim_update(session, self.name, key) is None:
                    return  # another worker (or an earlier run) finished it
            error = None
            try:
                await self.before_handle(payload)
                await self._answer(incoming)
            except Exception as exc:  # logged; the update is not retried forever
                log.exception("%s: update %s failed", self.name, key)
                error = repr(exc)
            self._finish(key, error)

    def _finish(self, key: str, error: str | None = None) -> None:
        with self.db.session() as session:
            chat.finish_update(session, self.name, key, error)

    async def _answer(self, incoming: Incoming) -> None:
        chat_id = incoming.sender.chat_id
        loop = asyncio.get_running_loop()
        bridge = ThreadBridge(self, chat_id, loop)
        work = asyncio.ensure_future(asyncio.to_thread(self.dispatcher.handle, incoming, bridge))
        if self.dispatcher.is_slow(incoming):
            await self._typing_until(chat_id, work)
        result = await work
        for reply in result.replies:
            await self.send(chat_id, reply)
        if result.pushes and self.outbox is not None:
            await self.outbox.deliver_all(result.pushes)

    async def _typing_until(self, chat_id: str, work: asyncio.Future[Any]) -> None:
        while not work.done():
            try:
                await self.send_typing(chat_id)
            except Exception:
                log.debug("typing indicator failed", exc_info=True)
            await asyncio.wait([work], timeout=TYPING_EVERY)
