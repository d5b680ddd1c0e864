"""Zalo Official Account: webhook in (signature-checked), OA message API out.

The OA may only message a person within an interaction window after they last
wrote (see ``handlers.delivery``): replies in a conversation are always inside it;
pushes outside it go to the person's other channel, or are held with a note to
the admins. A send the platform refuses as outside the window is reported as
``SendOutcome.OUTSIDE_WINDOW`` so the sender routes it the same way.

A picture (the ``/tiendo`` chart) is uploaded and sent as an image message with
its caption; one the OA cannot take (over 1 MB, not JPG/PNG, a refused upload)
goes as a signed, expiring download link instead (``handlers.downloads``).
"""

from __future__ import annotations

import logging
import re
import tempfile
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from bot import texts
from bot.channel import ChannelAdapter, SendOutcome, SendResult
from bot.textparts import message_parts
from bot.zalo_oa import signature
from bot.zalo_oa.client import (
    IMAGE_LIMIT,
    IMAGE_TYPES,
    OUTSIDE_WINDOW,
    TokenKeeper,
    ZaloOAClient,
    ZaloOAError,
)
from handlers import downloads
from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment, Incoming, Reply, Sender
from handlers.render import caps_for
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)

MESSAGE_EVENTS = ("user_send_text", "user_send_file", "user_send_link")


class ZaloOAAdapter(ChannelAdapter):
    name = "zalo_oa"

    def __init__(self, db: Database, dispatcher: Dispatcher, settings: Settings) -> None:
        super().__init__(db, dispatcher)
        if not settings.zalo_oa_app_id:
            raise ValueError("ZALO_OA_APP_ID is not set")
        self.app_id = settings.zalo_oa_app_id
        self.oa_secret = settings.zalo_oa_secret_key or ""
        self.http = httpx.AsyncClient(timeout=30)
        self.tokens = TokenKeeper(
            db,
            self.http,
            app_id=settings.zalo_oa_app_id,
            app_secret=settings.zalo_oa_app_secret or settings.zalo_oa_secret_key,
            oauth_base_url=settings.zalo_oa_oauth_base_url,
            access_token=settings.zalo_oa_access_token,
            refresh_token=settings.zalo_oa_refresh_token,
        )
        self.client = ZaloOAClient(settings.zalo_oa_api_base_url, self.tokens, self.http)
        self.settings = settings
        self.limit = caps_for(self.name).limit
        self.download_dir = Path(tempfile.gettempdir()) / "planbot-uploads"

    def verify(self, body: bytes, header: str | None) -> bool:
        if not self.oa_secret:  # an empty key would let anyone sign (start-up refuses it too)
            return False
        return signature.verify(self.app_id, self.oa_secret, body, header)

    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        if payload.get("event_name") not in MESSAGE_EVENTS:
            return None
        user_id = str((payload.get("sender") or {}).get("id") or "")
        if not user_id:
            return None
        message = payload.get("message") or {}
        sender = Sender(self.name, user_id, user_id, "")
        key = str(message.get("msg_id") or "")
        attachment = None
        for item in message.get("attachments") or []:
            info = item.get("payload") or {}
            if item.get("type") == "file" and info.get("url"):
                attachment = Attachment(
                    file_name=str(info.get("name") or "tep"),
                    file_id=str(info["url"]),
                    size=int(info["size"]) if str(info.get("size", "")).isdigit() else None,
                )
        return Incoming(
            sender=sender,
            text=str(message.get("text") or ""),
            update_key=key,
            attachment=attachment,
        )

    async def send(self, chat_id: str, reply: Reply) -> bool:
        return (await self.deliver(chat_id, reply)).outcome == SendOutcome.SENT

    async def deliver(self, chat_id: str, reply: Reply) -> SendResult:
        try:
            if reply.photo is not None:
                await self._send_photo(chat_id, reply)
            else:
                await self._send_text(chat_id, reply.text)
        except ZaloOAError as exc:
            if exc.code in OUTSIDE_WINDOW:
                log.warning("zalo oa: %s is outside the interaction window", chat_id)
                return SendResult(SendOutcome.OUTSIDE_WINDOW, error=str(exc))
            log.exception("zalo oa: sending to %s failed", chat_id)
            return SendResult(SendOutcome.FAILED, error=str(exc))
        except httpx.TimeoutException as exc:
            log.warning("zalo oa: sending to %s timed out: outcome unknown", chat_id)
            return SendResult(SendOutcome.UNCERTAIN, error=repr(exc))
        except httpx.HTTPError as exc:
            log.warning("zalo oa: sending to %s failed: %r", chat_id, exc)
            return SendResult(SendOutcome.RETRY, error=repr(exc))
        return SendResult(SendOutcome.SENT)

    async def _send_text(self, chat_id: str, text: str) -> None:
        for chunk in message_parts(text, self.limit):
            await self.client.send_text(chat_id, chunk)

    async def _send_photo(self, chat_id: str, reply: Reply) -> None:
        """Upload, then one image message with the caption (the caption apart when it
        is too long); the signed link when the OA cannot take the picture."""
        assert reply.photo is not None
        mime = IMAGE_TYPES.get(reply.photo.suffix.lower())
        content = reply.photo.read_bytes()
        if mime is None or len(content) > IMAGE_LIMIT:
            await self._send_text(chat_id, self._photo_link(chat_id, reply))
            return
        try:
            attachment = await self.client.upload_image(reply.photo.name, content, mime)
        except ZaloOAError as exc:
            if exc.code in OUTSIDE_WINDOW:
                raise
            log.warning("zalo oa: image upload refused (%s); sending a link", exc)
            await self._send_text(chat_id, self._photo_link(chat_id, reply))
            return
        fits = bool(reply.text.strip()) and len(reply.text) <= self.limit
        await self.client.send_image(chat_id, attachment, reply.text if fits else None)
        if not fits:
            await self._send_text(chat_id, reply.text)

    def _photo_link(self, chat_id: str, reply: Reply) -> str:
        assert reply.photo is not None
        link = downloads.make_link(self.settings, reply.photo, f"chat:{chat_id}")
        if link is None:
            return f"{reply.text}\n{texts.CHART_NO_LINK}"
        tz = ZoneInfo(self.settings.planbot_timezone)
        expires = datetime.fromtimestamp(link.expires_at, tz).strftime("%H:%M %d/%m/%Y")
        return texts.CHART_LINK.format(caption=reply.text, url=link.url, expires=expires)

    async def download(self, attachment: Attachment) -> Path:
        response = await self.http.get(attachment.file_id)
        response.raise_for_status()
        self.download_dir.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^\w.\-]+", "_", attachment.file_name) or "tep"
        path = self.download_dir / f"{uuid.uuid4().hex[:8]}-{safe}"
        path.write_bytes(response.content)
        return path

    async def stop(self) -> None:
        await self.drain()
        await self.http.aclose()

    async def resume(self) -> None:
        """Nothing yet: the OA only delivers by webhook, and the webhook app resumes
        stored updates once it listens (``bot.webhooks.resume_when_listening``)."""

    async def receive_webhook(self, payload: dict[str, Any]) -> None:
        """Called with a verified body; stores it once (by msg_id), then handles it."""
        message = payload.get("message") or {}
        key = message.get("msg_id")
        if payload.get("event_name") not in MESSAGE_EVENTS or not key:
            return
        if self.persist(str(key), payload):
            self.spawn(str(key), payload)
