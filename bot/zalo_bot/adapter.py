"""Zalo Bot Platform: polling (getUpdates) or webhook, over our small httpx client.

Updates carry no update id, so the message id is the de-duplication key: a message
delivered twice (a webhook retry, a re-polled update) is stored once and handled
once. Replies are split at 2000 characters; menus are numbered text.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from bot.channel import ChannelAdapter
from bot.zalo_bot.client import ZaloBotClient, ZaloBotError
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming, Reply, Sender
from handlers.render import caps_for, split_text
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)


def unwrap(payload: dict[str, Any]) -> dict[str, Any]:
    """Webhook bodies may wrap the update as ``{"ok": true, "result": {…}}``."""
    result = payload.get("result")
    return dict(result) if isinstance(result, dict) and "message" in result else payload


def update_key(update: dict[str, Any]) -> str | None:
    message = update.get("message") or {}
    key = message.get("message_id")
    return str(key) if key else None


class ZaloBotAdapter(ChannelAdapter):
    name = "zalo_bot"

    def __init__(self, db: Database, dispatcher: Dispatcher, settings: Settings) -> None:
        super().__init__(db, dispatcher)
        if not settings.zalo_bot_token:
            raise ValueError("ZALO_BOT_TOKEN is not set")
        self.client = ZaloBotClient(settings.zalo_bot_token, settings.zalo_bot_api_base_url)
        self.poll_timeout = settings.zalo_bot_poll_timeout
        self.limit = caps_for(self.name).limit

    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        message = payload.get("message") or {}
        sender_info = message.get("from") or {}
        chat_info = message.get("chat") or {}
        if not sender_info.get("id"):
            return None
        sender = Sender(
            self.name,
            str(sender_info["id"]),
            str(chat_info.get("id") or sender_info["id"]),
            str(sender_info.get("display_name") or sender_info.get("name") or ""),
        )
        text = message.get("text") or message.get("caption") or ""
        return Incoming(sender=sender, text=str(text), update_key=update_key(payload) or "")

    async def send(self, chat_id: str, reply: Reply) -> bool:
        for chunk in split_text(reply.text, self.limit) or [" "]:
            try:
                await self.client.send_message(chat_id, chunk)
            except (ZaloBotError, httpx.HTTPError):
                log.exception("zalo bot: sending to %s failed", chat_id)
                return False
        return True

    async def send_typing(self, chat_id: str) -> None:
        await self.client.send_chat_action(chat_id, "typing")

    async def start(self) -> None:
        await self.client.get_me()

    async def stop(self) -> None:
        await self.drain()
        await self.client.close()

    def accept(self, payload: dict[str, Any]) -> None:
        """Store a received update (skipping one already seen) and handle it."""
        update = unwrap(payload)
        key = update_key(update)
        if key is None:
            log.info("zalo bot: ignoring update without message id: %s", update.get("event_name"))
            return
        if self.persist(key, update):
            self.spawn(key, update)

    async def run_polling(self, stop: asyncio.Event) -> None:
        await self.start()
        try:
            await self.client.delete_webhook()
        except ZaloBotError:
            log.info("zalo bot: no webhook to delete")
        await self.resume()
        backoff = 0.5
        while not stop.is_set():
            try:
                updates = await self.client.get_updates(self.poll_timeout)
                backoff = 0.5
            except (ZaloBotError, httpx.HTTPError):
                log.warning("zalo bot getUpdates failed; retrying in %.1fs", backoff, exc_info=True)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)
                continue
            for update in updates:
                self.accept(update)

    async def setup_webhook(self, url: str, secret: str | None) -> None:
        await self.start()
        await self.client.set_webhook(url, secret)
        await self.resume()

    async def receive_webhook(self, payload: dict[str, Any]) -> None:
        self.accept(payload)
