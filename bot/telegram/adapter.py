"""Telegram through python-telegram-bot 22, used as a thin client.

We drive ``getUpdates`` ourselves (not PTB's Application) so that each update and
the next offset are stored in one transaction before the update is handled; see
``bot.channel``. The Bot API server is a setting: ``TELEGRAM_API_BASE_URL`` is the
root under which PTB calls ``/bot<token>/<method>`` and downloads files from
``/file/bot<token>/<path>``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.channel import ChannelAdapter
from bot.ratelimit import SendLimiter
from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment, Incoming, Reply, Sender
from handlers.render import caps_for, split_text
from storage import chat
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
ALLOWED_UPDATES = ["message", "callback_query"]
MAX_ATTEMPTS = 5
PHOTO_CAPTION_LIMIT = 1024


def retry_seconds(exc: RetryAfter) -> float:
    value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramAdapter(ChannelAdapter):
    name = "telegram"

    def __init__(
        self,
        db: Database,
        dispatcher: Dispatcher,
        settings: Settings,
        *,
        poll_timeout: int | None = None,
        limiter: SendLimiter | None = None,
    ) -> None:
        super().__init__(db, dispatcher)
        if not settings.telegram_bot_token:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        root = settings.telegram_api_base_url.rstrip("/")
        self.poll_timeout = poll_timeout or settings.telegram_poll_timeout
        self.bot = Bot(
            settings.telegram_bot_token,
            base_url=f"{root}/bot",
            base_file_url=f"{root}/file/bot",
            request=HTTPXRequest(connection_pool_size=16, read_timeout=30),
            get_updates_request=HTTPXRequest(connection_pool_size=2, read_timeout=10),
        )
        self.limiter = limiter or SendLimiter()
        self.limit = caps_for(self.name).limit
        self.download_dir = Path(tempfile.gettempdir()) / "planbot-uploads"

    # --- updates -> neutral messages -----------------------------------------------

    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        update = Update.de_json(payload, self.bot)
        key = str(update.update_id)
        query = update.callback_query
        if query is not None:
            user = query.from_user
            chat_id = query.message.chat.id if query.message else user.id
            sender = Sender(self.name, str(user.id), str(chat_id), user.full_name)
            return Incoming(sender=sender, update_key=key, callback_data=query.data or "")
        message = update.message
        if message is None or message.from_user is None:
            return None
        user = message.from_user
        sender = Sender(self.name, str(user.id), str(message.chat.id), user.full_name)
        attachment = None
        if message.document is not None:
            doc = message.document
            attachment = Attachment(
                file_name=doc.file_name or "tep",
                file_id=doc.file_id,
                size=doc.file_size,
                mime_type=doc.mime_type,
            )
        text = message.text or message.caption or ""
        return Incoming(sender=sender, text=text, update_key=key, attachment=attachment)

    async def before_handle(self, payload: dict[str, Any]) -> None:
        query = payload.get("callback_query")
        if query:  # stop the button's spinner right away
            await self._call("", lambda: self.bot.answer_callback_query(query["id"]))

    # --- sending ------------------------------------------------------------------------

    async def send(self, chat_id: str, reply: Reply) -> bool:
        chunks = split_text(reply.text, self.limit) or [" "]
        markup = _keyboard(reply)
        if reply.photo is not None:
            return await self._send_photo(chat_id, reply, markup)
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            kwargs: dict[str, Any] = {"chat_id": chat_id, "text": chunk}
            if last and markup is not None:
                kwargs["reply_markup"] = markup
            sent = await self._call(chat_id, functools.partial(self.bot.send_message, **kwargs))
            if sent is None:
                return False
        return True

    async def _send_photo(self, chat_id: str, reply: Reply, markup: Any) -> bool:
        """The picture with the text as its caption (Telegram allows 1024 characters)."""
        assert reply.photo is not None
        caption = reply.text if len(reply.text) <= PHOTO_CAPTION_LIMIT else None
        kwargs: dict[str, Any] = {"chat_id": chat_id, "photo": reply.photo.read_bytes()}
        if caption:
            kwargs["caption"] = caption
        if markup is not None and caption is not None:
            kwargs["reply_markup"] = markup
        sent = await self._call(chat_id, functools.partial(self.bot.send_photo, **kwargs))
        if sent is None:
            return False
        if caption is None:  # a long text follows the picture as messages
            return await self.send(chat_id, Reply(text=reply.text, buttons=reply.buttons))
        return True

    async def send_typing(self, chat_id: str) -> None:
        await self.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)

    async def show_progress(self, chat_id: str, text: str, previous: Any) -> Any:
        """The first progress line is a message; later ones edit it in place."""
        if previous is None:
            message = await self._call(
                chat_id, lambda: self.bot.send_message(chat_id=chat_id, text=text)
            )
            return message.message_id if isinstance(message, Message) else None
        await self._call(
            chat_id,
            lambda: self.bot.edit_message_text(text=text, chat_id=chat_id, message_id=previous),
        )
        return previous

    async def download(self, attachment: Attachment) -> Path:
        file = await self.bot.get_file(attachment.file_id)
        self.download_dir.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^\w.\-]+", "_", attachment.file_name) or "tep"
        path = self.download_dir / f"{uuid.uuid4().hex[:8]}-{safe}"
        await file.download_to_drive(path)
        return path

    async def _call(self, chat_id: str, make: Callable[[], Awaitable[T]]) -> T | None:
        """One Bot API call with the send-rate limit, 429 back-off and 403 handling."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if chat_id:
                await self.limiter.acquire(chat_id)
            try:
                return await make()
            except RetryAfter as exc:
                delay = retry_seconds(exc)
                log.warning("telegram 429: retrying in %.1fs", delay)
                await asyncio.sleep(delay)
            except Forbidden:
                log.warning("telegram 403 for chat %s: marking it inactive", chat_id)
                self._deactivate(chat_id)
                return None
            except BadRequest:
                log.exception("telegram rejected a request for chat %s", chat_id)
                return None
            except (TimedOut, NetworkError):
                log.warning("telegram network error (attempt %d)", attempt, exc_info=True)
                await asyncio.sleep(min(2**attempt * 0.25, 5))
        return None

    def _deactivate(self, chat_id: str) -> None:
        if not chat_id:
            return
        with self.db.session() as session:
            chat.deactivate_chat(session, self.name, chat_id)
            chat.audit(session, None, "identity.inactive", channel=self.name, chat_id=chat_id)

    # --- receiving ----------------------------------------------------------------------

    async def start(self) -> None:
        await self.bot.initialize()  # getMe: fails fast on a wrong token or server

    async def stop(self) -> None:
        await self.drain()
        await self.bot.shutdown()

    async def run_polling(self, stop: asyncio.Event) -> None:
        await self.start()
        await self.bot.delete_webhook()
        await self.resume()
        offset = self.stored_offset()
        backoff = 0.5
        while not stop.is_set():
            try:
                updates = await self.bot.get_updates(
                    offset=offset,
                    timeout=self.poll_timeout,
                    allowed_updates=ALLOWED_UPDATES,
                    read_timeout=self.poll_timeout + 10,
                )
                backoff = 0.5
            except RetryAfter as exc:
                await asyncio.sleep(retry_seconds(exc))
                continue
            except (TimedOut, NetworkError):
                log.warning("getUpdates failed; retrying in %.1fs", backoff, exc_info=True)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)
                continue
            for update in updates:
                offset = update.update_id + 1
                key = str(update.update_id)
                if self.persist(key, update.to_dict(), offset):
                    self.spawn(key, update.to_dict())

    async def setup_webhook(self, url: str, secret: str | None) -> None:
        await self.start()
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        await self.resume()

    async def receive_webhook(self, payload: dict[str, Any]) -> None:
        """A webhook delivery: persisted before the HTTP 200, handled in the background."""
        key = str(payload.get("update_id"))
        if self.persist(key, payload):
            self.spawn(key, payload)


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data[:64]) for b in row]
            for row in reply.buttons
        ]
    )
