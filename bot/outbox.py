"""Pushes to people outside the current conversation, through their channel."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from handlers.delivery import route
from handlers.messages import Outgoing
from storage.chat import utcnow
from storage.db import Database

if TYPE_CHECKING:
    from bot.channel import ChannelAdapter

log = logging.getLogger(__name__)


class Outbox:
    def __init__(
        self,
        db: Database,
        adapters: dict[str, ChannelAdapter],
        oa_window: timedelta = timedelta(days=7),
    ) -> None:
        self.db = db
        self.adapters = adapters
        self.oa_window = oa_window
        for adapter in adapters.values():
            adapter.outbox = self

    async def deliver(self, out: Outgoing) -> bool:
        with self.db.session() as session:
            decision = route(session, out, utcnow(), self.oa_window)
        for note in decision.notes:
            await self._send(note)
        if decision.target is None:
            return False
        return await self._send(decision.target)

    async def deliver_all(self, pushes: list[Outgoing]) -> int:
        sent = 0
        for out in pushes:
            try:
                sent += int(await self.deliver(out))
            except Exception:
                log.exception("push to %s:%s failed", out.channel, out.chat_id)
        return sent

    async def _send(self, out: Outgoing) -> bool:
        adapter = self.adapters.get(out.channel)
        if adapter is None:
            log.warning("no running adapter for %s; push to %s dropped", out.channel, out.chat_id)
            return False
        return await adapter.send(out.chat_id, out.reply)
