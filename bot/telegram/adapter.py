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
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.request import HTTPXRequest
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from bot import texts
from bot.channel import ChannelAdapter, SendOutcome, SendResult
from bot.preflight import StartupRefused
from bot.ratelimit import SendLimiter
from bot.textparts import message_parts
from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment, Incoming, Reply, Sender
from handlers.render import caps_for
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


def _retryable(exc: BaseException) -> bool:
    """429 and 5xx/network errors; not a timeout (the message may have arrived)."""
    if isinstance(exc, RetryAfter):
        return True
    return isinstance(exc, NetworkError) and not isinstance(exc, TimedOut | BadRequest | Forbidden)


def _wait(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, RetryAfter):
        return retry_seconds(exc)
    return float(min(0.25 * 2**state.attempt_number, 5.0))


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
            request=HTTPXRequest(
                connection_pool_size=16, read_timeout=settings.telegram_send_timeout
            ),
            get_updates_request=HTTPXRequest(connection_pool_size=2, read_timeout=10),
        )
        self.limiter = limiter or SendLimiter(
            global_rate=settings.telegram_send_rate, per_chat_rate=settings.telegram_chat_rate
        )
        self.limit = caps_for(self.name).limit
        self.download_dir = Path(tempfile.gettempdir()) / "planbot-uploads"

    # --- updates -> neutral messages -----------------------------------------------

    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        update = Update.de_json(payload, self.bot)
        key = str(update.update_id)
        query = update.callback_query
        if query is not None:
            user = query.from_user
            where = query.message.chat if query.message else None
            chat_id = where.id if where else user.id
            in_group = where is not None and where.type != ChatType.PRIVATE
            sender = Sender(self.name, str(user.id), str(chat_id), user.full_name, in_group)
            return Incoming(sender=sender, update_key=key, callback_data=query.data or "")
        message = update.message
        if message is None or message.from_user is None:
            return None
        user = message.from_user
        in_group = message.chat.type != ChatType.PRIVATE
        sender = Sender(self.name, str(user.id), str(message.chat.id), user.full_name, in_group)
        attachment = None
        if message.document is not None:
            doc = message.document
            attachment = Attachment(
                file_name=doc.file_name or "tep",
                file_id=doc.file_id,
                size=doc.file_size,
                mime_type=doc.mime_type,
            )
        elif message.photo:  # evidence for a report: the largest size Telegram offers
            photo = message.photo[-1]
            attachment = Attachment(
                file_name=f"anh-{photo.file_unique_id}.jpg",
                file_id=photo.file_id,
                size=photo.file_size,
                mime_type="image/jpeg",
            )
        text = message.text or message.caption or ""
        # A sticker, photo, voice note …: nothing we can read, so one short notice.
        unsupported = not text and attachment is None and message.effective_attachment is not None
        return Incoming(
            sender=sender, text=text, update_key=key, attachment=attachment, unsupported=unsupported
        )

    async def before_handle(self, payload: dict[str, Any]) -> None:
        query = payload.get("callback_query")
        if query:  # stop the button's spinner right away
            await self._try("", lambda: self.bot.answer_callback_query(query["id"]))

    # --- sending ------------------------------------------------------------------------

    async def send(self, chat_id: str, reply: Reply) -> bool:
        return (await self.deliver(chat_id, reply)).outcome == SendOutcome.SENT

    async def deliver(self, chat_id: str, reply: Reply) -> SendResult:
        chunks = message_parts(reply.text, self.limit)
        markup = _keyboard(reply)
        if reply.photo is not None:
            return await self._send_photo(chat_id, reply, markup)
        if reply.file is not None:
            return await self._send_document(chat_id, reply, markup)
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            kwargs: dict[str, Any] = {"chat_id": chat_id, "text": chunk}
            if last and markup is not None:
                kwargs["reply_markup"] = markup
            try:
                await self._call(chat_id, functools.partial(self.bot.send_message, **kwargs))
            except RetryAfter as exc:
                return SendResult(SendOutcome.RETRY, retry_seconds(exc), repr(exc))
            except Forbidden as exc:
                log.warning("telegram 403 for chat %s: marking it inactive", chat_id)
                return SendResult(SendOutcome.BLOCKED, error=repr(exc))
            except TimedOut as exc:
                log.warning("telegram timed out sending to %s: outcome unknown", chat_id)
                return SendResult(SendOutcome.UNCERTAIN, error=repr(exc))
            except BadRequest as exc:
                log.exception("telegram rejected a message for chat %s", chat_id)
                return SendResult(SendOutcome.FAILED, error=repr(exc))
            except NetworkError as exc:
                return SendResult(SendOutcome.RETRY, error=repr(exc))
        return SendResult(SendOutcome.SENT)

    async def _send_photo(self, chat_id: str, reply: Reply, markup: Any) -> SendResult:
        assert reply.photo is not None
        content = {"photo": reply.photo.read_bytes()}
        return await self._send_file(chat_id, reply, markup, self.bot.send_photo, content)

    async def _send_document(self, chat_id: str, reply: Reply, markup: Any) -> SendResult:
        assert reply.file is not None
        name = reply.file_name or reply.file.name
        content = {"document": reply.file.read_bytes(), "filename": name}
        return await self._send_file(chat_id, reply, markup, self.bot.send_document, content)

    async def _send_file(
        self,
        chat_id: str,
        reply: Reply,
        markup: Any,
        method: Callable[..., Awaitable[Any]],
        content: dict[str, Any],
    ) -> SendResult:
        """A picture or document with the text as its caption (Telegram allows 1024
        characters); a longer text follows it as messages."""
        caption = reply.text if len(reply.text) <= PHOTO_CAPTION_LIMIT else None
        kwargs: dict[str, Any] = {"chat_id": chat_id, **content}
        if caption:
            kwargs["caption"] = caption
        if markup is not None and caption is not None:
            kwargs["reply_markup"] = markup
        sent = await self._call(chat_id, functools.partial(method, **kwargs))
        if sent is None:
            return SendResult(SendOutcome.FAILED, error="sending a file failed")
        if caption is None:
            return await self.deliver(chat_id, Reply(text=reply.text, buttons=reply.buttons))
        return SendResult(SendOutcome.SENT)

    async def send_typing(self, chat_id: str) -> None:
        await self.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)

    async def show_progress(self, chat_id: str, text: str, previous: Any) -> Any:
        """The first progress line is a message; later ones edit it in place."""
        if previous is None:
            message = await self._try(
                chat_id, lambda: self.bot.send_message(chat_id=chat_id, text=text)
            )
            return message.message_id if isinstance(message, Message) else None
        await self._try(
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

    async def _call(self, chat_id: str, make: Callable[[], Awaitable[T]]) -> T:
        """One Bot API call within the send-rate limit; 429 (after ``retry_after``) and
        5xx/network errors are retried with backoff, anything else is raised."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(MAX_ATTEMPTS),
            wait=_wait,
            retry=retry_if_exception(_retryable),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                if chat_id:
                    await self.limiter.acquire(chat_id)
                return await make()
        raise AssertionError("unreachable")  # reraise=True: the last error propagates

    async def _try(self, chat_id: str, make: Callable[[], Awaitable[T]]) -> T | None:
        """A courtesy call (progress, button spinner): its failure never fails a turn."""
        try:
            return await self._call(chat_id, make)
        except Forbidden:
            await asyncio.to_thread(self._deactivate, chat_id)
        except Exception:
            log.warning("telegram call for chat %s failed", chat_id, exc_info=True)
        return None

    def _deactivate(self, chat_id: str) -> None:
        if not chat_id:
            return
        with self.db.session() as session:
            chat.deactivate_chat(session, self.name, chat_id)
            chat.audit(session, None, "identity.inactive", channel=self.name, chat_id=chat_id)

    # --- receiving ----------------------------------------------------------------------

    async def start(self) -> None:
        try:
            await self.bot.initialize()  # getMe: fails fast on a wrong token or server
        except InvalidToken as exc:
            problem = texts.PREFLIGHT_TOKEN_REFUSED.format(setting="TELEGRAM_BOT_TOKEN")
            raise StartupRefused([problem]) from exc

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
                updates = await self._get_raw_updates(offset)
                backoff = 0.5
            except RetryAfter as exc:
                await asyncio.sleep(retry_seconds(exc))
                continue
            except (TimedOut, NetworkError):
                log.warning("getUpdates failed; retrying in %.1fs", backoff, exc_info=True)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)
                continue
            if not updates:
                continue
            offset = max(int(u["update_id"]) for u in updates) + 1
            batch = [(str(u["update_id"]), u) for u in updates]
            new = set(await asyncio.to_thread(self.persist_many, batch, offset))
            for key, payload in batch:
                if key in new:
                    self.spawn(key, payload)

    async def _get_raw_updates(self, offset: int | None) -> list[dict[str, Any]]:
        """getUpdates as plain JSON: an update PTB cannot parse (a "poison" update, e.g.
        a message without ``date``) is stored and failed on its own instead of breaking
        the whole batch and the poller with it."""
        with warnings.catch_warnings():  # PTB nudges towards get_updates(), which parses
            warnings.simplefilter("ignore")
            result = await self.bot.do_api_request(
                "get_updates",
                api_kwargs={
                    "offset": offset,
                    "timeout": self.poll_timeout,
                    "allowed_updates": ALLOWED_UPDATES,
                },
                read_timeout=self.poll_timeout + 10,
            )
        if not isinstance(result, list):
            return []
        return [u for u in result if isinstance(u, dict) and "update_id" in u]

    async def setup_webhook(self, url: str, secret: str | None) -> None:
        """Register the webhook; stored updates are resumed by the webhook app once it listens."""
        if not secret:
            raise ValueError("TELEGRAM_WEBHOOK_SECRET is required in webhook mode")
        await self.start()
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)

    async def receive_webhook(self, payload: dict[str, Any]) -> None:
        """A webhook delivery: persisted before the HTTP 200, handled in the background."""
        key = str(payload.get("update_id"))
        if await asyncio.to_thread(self.persist, key, payload):
            self.spawn(key, payload)


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Inline buttons; the handlers already keep data within 64 bytes (handlers.callbacks)."""
    if not reply.buttons:
        return None
    for row in reply.buttons:
        for b in row:
            if len(b.data.encode()) > 64:
                raise ValueError(f"callback data over 64 bytes: {b.data[:40]!r}…")
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in reply.buttons
        ]
    )
