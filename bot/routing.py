"""Delivery routing: which adapter a message goes out through, after the Zalo OA
window rule (``handlers.delivery.route``) has picked the channel or held it.

This is what ``bot/outbox.py`` used to be; the outbox itself is now persisted
(``storage.outbox``) and drained by ``bot.sender``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from handlers.delivery import WINDOWED_CHANNELS, Route, route
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

    def decide(self, out: Outgoing) -> Route:
        if out.channel not in WINDOWED_CHANNELS:
            return Route(out)  # no rule to apply: spare the database
        with self.db.session() as session:
            return route(session, out, utcnow(), self.oa_window)

    async def send(self, out: Outgoing) -> SendResult:
        from bot.channel import SendOutcome, SendResult

        adapter = self.adapters.get(out.channel)
        if adapter is None:
            log.warning("no running adapter for %s; message to %s kept", out.channel, out.chat_id)
            return SendResult(SendOutcome.RETRY, retry_after=30.0, error="no adapter")
        return await adapter.deliver(out.chat_id, out.reply)

    async def deliver(self, out: Outgoing) -> bool:
        """Route and send one message now (notes to admins first when it is held)."""
        from bot.channel import SendOutcome

        decision = await asyncio.to_thread(self.decide, out)
        for note in decision.notes:
            await self.send(note)
        if decision.target is None:
            return False
        return (await self.send(decision.target)).outcome == SendOutcome.SENT
