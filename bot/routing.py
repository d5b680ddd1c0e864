"""Delivery routing: which adapter a message goes out through, after the Zalo OA
window rule (``handlers.delivery.prepare``) has picked the channel or held it and
shaped the message for that channel (numbered menus where there are no buttons).

This is what ``bot/outbox.py`` used to be; the outbox itself is now persisted
(``storage.outbox``) and drained by ``bot.sender``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from handlers.delivery import Route, needs_preparing, prepare
from handlers.messages import Outgoing
from storage.chat import utcnow
from storage.db import Database

if TYPE_CHECKING:
    from bot.channel import ChannelAdapter, SendResult

log = logging.getLogger(__name__)


class DeliveryRouter:
    def __init__(
        self,
        db: Database,
        adapters: dict[str, ChannelAdapter],
        oa_window: timedelta = timedelta(days=7),
    ) -> None:
        self.db = db
        self.adapters = adapters
        self.oa_window = oa_window

    def decide(self, out: Outgoing, *, closed: bool = False) -> Route:
        """``closed``: the platform refused ``out`` as outside its window."""
        if not closed and not needs_preparing(out):
            return Route(out)  # nothing to apply: spare the database
        with self.db.session() as session:
            return prepare(session, out, utcnow(), self.oa_window, closed=closed)

    async def send(self, out: Outgoing) -> SendResult:
        from bot.channel import SendOutcome, SendResult

        adapter = self.adapters.get(out.channel)
        if adapter is None:
            log.warning("no running adapter for %s; message to %s kept", out.channel, out.chat_id)
            return SendResult(SendOutcome.RETRY, retry_after=30.0, error="no adapter")
        return await adapter.deliver(out.chat_id, out.reply)

    async def deliver(self, out: Outgoing) -> bool:
        """Route and send one message now (notes to admins first when it is held); a
        send the platform refuses as outside its window is routed again as closed."""
        from bot.channel import SendOutcome

        for closed in (False, True):
            decision = await asyncio.to_thread(functools.partial(self.decide, out, closed=closed))
            for note in decision.notes:
                await self.send(note)
            if decision.target is None:
                return False
            result = await self.send(decision.target)
            if result.outcome != SendOutcome.OUTSIDE_WINDOW:
                break
        return result.outcome == SendOutcome.SENT
