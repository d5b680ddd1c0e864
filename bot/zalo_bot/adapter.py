"""Zalo Bot Platform: polling (getUpdates) or webhook, over our small httpx client.

Updates carry no update id, so the message id is the de-duplication key: a message
delivered twice (a webhook retry, a re-polled update) is stored once and handled
once. The message kind is the update's ``event_name``: text is handled; an image
(its caption is not a question), a sticker or anything else gets one short notice.
Replies are split at 2000 characters, never blank; menus are numbered text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from enum import StrEnum
from typing import Any

import httpx

from bot import texts
from bot.channel import ChannelAdapter
from bot.preflight import StartupRefused
from bot.textparts import message_parts
from bot.zalo_bot.client import ZaloBotClient, ZaloBotError, ZaloCode, retry_delay
from handlers import downloads
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming, Reply, Sender
from handlers.render import caps_for
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)

QUICK_ANSWER = 1.0  # seconds: an empty long poll faster than this means "back off"
QUICK_BACKOFF_MAX = 10.0
# Every sender name field the platform documents or sends, best first.
NAME_FIELDS = ("display_name", "first_name", "name", "username")


class ZaloEvent(StrEnum):
    TEXT = "message.text.received"
    IMAGE = "message.image.received"
    STICKER = "message.sticker.received"
    UNSUPPORTED = "message.unsupported.received"


def unwrap(payload: dict[str, Any]) -> dict[str, Any]:
    """Webhook bodies are flat; tolerate one wrapped as ``{"ok": true, "result": {…}}``."""
    result = payload.get("result")
    return dict(result) if isinstance(result, dict) and "message" in result else payload


def update_key(update: dict[str, Any]) -> str | None:
    message = update.get("message") or {}
    key = message.get("message_id")
    return str(key) if key else None


def sender_name(info: dict[str, Any]) -> str:
    for field in NAME_FIELDS:
        value = str(info.get(field) or "").strip()
        if value:
            last = str(info.get("last_name") or "").strip() if field == "first_name" else ""
            return f"{value} {last}".strip()
    return ""


def is_text(update: dict[str, Any]) -> bool:
    event = update.get("event_name")
    if event is None:  # no event name at all: an old-style body with plain text
        return "text" in (update.get("message") or {})
    return bool(event == ZaloEvent.TEXT)


class ZaloBotAdapter(ChannelAdapter):
    name = "zalo_bot"

    def __init__(self, db: Database, dispatcher: Dispatcher, settings: Settings) -> None:
        super().__init__(db, dispatcher)
        if not settings.zalo_bot_token:
            raise ValueError("ZALO_BOT_TOKEN is not set")
        self.client = ZaloBotClient(settings.zalo_bot_token, settings.zalo_bot_api_base_url)
        self.poll_timeout = settings.zalo_bot_poll_timeout
        self.settings = settings
        self.limit = caps_for(self.name).limit

    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        message = payload.get("message") or {}
        sender_info = message.get("from") or {}
        chat_info = message.get("chat") or {}
        if not sender_info.get("id") or sender_info.get("is_bot"):
            return None
        sender = Sender(
            self.name,
            str(sender_info["id"]),
            str(chat_info.get("id") or sender_info["id"]),
            sender_name(sender_info),
            in_group=str(chat_info.get("chat_type") or "").upper() == "GROUP",
        )
        key = update_key(payload) or ""
        if not is_text(payload):
            return Incoming(sender=sender, update_key=key, unsupported=True)
        return Incoming(sender=sender, text=str(message.get("text") or ""), update_key=key)

    async def send(self, chat_id: str, reply: Reply) -> bool:
        if reply.photo is not None:
            return await self._send_photo(chat_id, reply)
        for part in message_parts(reply.text, self.limit):
            try:
                await self.client.send_message(chat_id, part)
            except (ZaloBotError, httpx.HTTPError):
                log.exception("zalo bot: sending to %s failed", chat_id)
                return False
        return True

    async def _send_photo(self, chat_id: str, reply: Reply) -> bool:
        """Zalo's sendPhoto takes a URL: a signed, expiring link to the picture, made
        out to this chat; without a public URL the text goes alone, saying why."""
        assert reply.photo is not None
        link = downloads.make_link(self.settings, reply.photo, f"chat:{chat_id}")
        if link is None:
            text = f"{reply.text}\n{texts.CHART_NO_LINK}"
            return await self.send(chat_id, Reply(text=text, buttons=reply.buttons))
        caption = reply.text if len(reply.text) <= self.limit else None
        try:
            await self.client.send_photo(chat_id, link.url, caption)
        except (ZaloBotError, httpx.HTTPError):
            log.exception("zalo bot: sending a photo to %s failed", chat_id)
            return False
        if caption is None:
            return await self.send(chat_id, Reply(text=reply.text, buttons=reply.buttons))
        return True

    async def send_typing(self, chat_id: str) -> None:
        await self.client.send_chat_action(chat_id, "typing")

    async def start(self) -> None:
        try:
            await self.client.get_me()
        except ZaloBotError as exc:
            if exc.code == ZaloCode.UNAUTHORIZED:
                problem = texts.PREFLIGHT_TOKEN_REFUSED.format(setting="ZALO_BOT_TOKEN")
                raise StartupRefused([problem]) from exc
            raise

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
        loop = asyncio.get_running_loop()
        failures = 0
        quick = 0.0
        while not stop.is_set():
            started = loop.time()
            try:
                updates = await self.client.get_updates(self.poll_timeout)
                failures = 0
            except (ZaloBotError, httpx.HTTPError) as exc:
                if isinstance(exc, ZaloBotError) and exc.code == ZaloCode.UNAUTHORIZED:
                    raise
                failures += 1
                delay = retry_delay(failures)
                log.warning("zalo bot getUpdates failed (%s); retrying in %.1fs", exc, delay)
                await _pause(stop, delay)
                continue
            if not updates and loop.time() - started < QUICK_ANSWER:
                # The server answered at once instead of holding the long poll: wait,
                # longer each time, rather than hammering it.
                quick = min(max(quick * 2, 0.5), QUICK_BACKOFF_MAX)
                await _pause(stop, quick)
            else:
                quick = 0.0
            for update in updates:
                self.accept(update)

    async def setup_webhook(self, url: str, secret: str | None) -> None:
        """Register the webhook; stored updates are resumed by the webhook app once it listens."""
        if not secret:
            raise ValueError("ZALO_BOT_WEBHOOK_SECRET is required in webhook mode")
        await self.start()
        try:
            await self.client.set_webhook(url, secret)
        except ZaloBotError as exc:  # a clear message, not a traceback
            problem = texts.PREFLIGHT_WEBHOOK_REFUSED.format(
                reason=f"{exc.code}: {exc.description}",
                url_setting="ZALO_BOT_WEBHOOK_URL",
                secret_setting="ZALO_BOT_WEBHOOK_SECRET",
            )
            raise StartupRefused([problem]) from exc

    async def receive_webhook(self, payload: dict[str, Any]) -> None:
        self.accept(payload)


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds``, or less if ``stop`` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
