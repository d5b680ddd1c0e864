"""Zalo Official Account API v3: send consultation messages (text, or an uploaded
image with its caption), refresh the access token.

Calls carry the token in the ``access_token`` header and answer ``{"error": 0,
"data": …}`` or ``{"error": <negative code>, "message": …}``. An image is first
uploaded (``POST /v2.0/oa/upload/image``, multipart ``file``, JPG/PNG up to 1 MB),
then sent as a ``media`` template naming its ``attachment_id``.

Refresh tokens are single-use, so exactly one refresher runs at a time, across
processes too (the lock ``zalo_oa:refresh``, ``storage.locks``), and the newest
token pair is kept in the database so a restart, or another worker, continues
with it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from storage import chat
from storage.db import Database
from storage.locks import Locks

log = logging.getLogger(__name__)

CHANNEL = "zalo_oa"
REFRESH_LOCK = "zalo_oa:refresh"
LOCK_WAIT = 30.0  # seconds to wait for another process's refresh
TOKEN_INVALID = (-216, -124)  # access token invalid / expired
OUTSIDE_WINDOW = (-213, -201)  # the person has not interacted recently enough
IMAGE_LIMIT = 1_000_000  # bytes: the largest JPG/PNG the OA upload takes
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class ZaloOAError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class TokenKeeper:
    def __init__(
        self,
        db: Database,
        http: httpx.AsyncClient,
        *,
        app_id: str,
        app_secret: str | None,
        oauth_base_url: str,
        access_token: str | None,
        refresh_token: str | None,
    ) -> None:
        self.db = db
        self.http = http
        self.app_id = app_id
        self.app_secret = app_secret
        self.url = oauth_base_url.rstrip("/") + "/v4/oa/access_token"
        self._lock = asyncio.Lock()
        with db.session() as session:
            self._access = chat.get_state(session, CHANNEL, "access_token") or access_token
            self._refresh = chat.get_state(session, CHANNEL, "refresh_token") or refresh_token
            expires = chat.get_state(session, CHANNEL, "expires_at")
        self._expires_at = float(expires) if expires else None
        self.refreshes = 0

    @asynccontextmanager
    async def _process_lock(self) -> AsyncIterator[None]:
        """Hold ``zalo_oa:refresh`` across processes, then take up the newest stored pair
        (another worker may have refreshed while this one waited)."""
        locks = Locks.for_database(self.db)
        deadline = time.monotonic() + LOCK_WAIT
        held = await asyncio.to_thread(locks.try_acquire, REFRESH_LOCK)
        while held is None and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            held = await asyncio.to_thread(locks.try_acquire, REFRESH_LOCK)
        try:
            await asyncio.to_thread(self._reload)
            yield
        finally:
            if held is not None:
                held.release()

    def _reload(self) -> None:
        with self.db.session() as session:
            access = chat.get_state(session, CHANNEL, "access_token")
            refresh = chat.get_state(session, CHANNEL, "refresh_token")
            expires = chat.get_state(session, CHANNEL, "expires_at")
        if access and refresh:
            self._access, self._refresh = access, refresh
            self._expires_at = float(expires) if expires else self._expires_at

    async def token(self) -> str:
        if self._access and not self._expiring():
            return self._access
        return await self.refresh(self._access)

    def _expiring(self) -> bool:
        return self._expires_at is not None and time.time() > self._expires_at - 300

    async def refresh(self, stale: str | None) -> str:
        """Get a new access token unless another caller already replaced ``stale``."""
        async with self._lock, self._process_lock():
            if self._access and self._access != stale and not self._expiring():
                return self._access
            if not self._refresh:
                raise ZaloOAError(-216, "no refresh token configured")
            response = await self.http.post(
                self.url,
                headers={"secret_key": self.app_secret or ""},
                data={
                    "app_id": self.app_id,
                    "refresh_token": self._refresh,
                    "grant_type": "refresh_token",
                },
            )
            data = response.json()
            if "access_token" not in data:
                raise ZaloOAError(int(data.get("error", -1)), str(data.get("error_name", data)))
            self._access = str(data["access_token"])
            self._refresh = str(data.get("refresh_token") or self._refresh)
            self._expires_at = time.time() + float(data.get("expires_in") or 90000)
            self.refreshes += 1
            with self.db.session() as session:
                chat.set_state(session, CHANNEL, "access_token", self._access)
                chat.set_state(session, CHANNEL, "refresh_token", self._refresh)
                chat.set_state(session, CHANNEL, "expires_at", str(self._expires_at))
            log.info("zalo oa: access token refreshed")
            return self._access


class ZaloOAClient:
    def __init__(self, api_base_url: str, tokens: TokenKeeper, http: httpx.AsyncClient) -> None:
        root = api_base_url.rstrip("/")
        self.url = root + "/v3.0/oa/message/cs"
        self.upload_url = root + "/v2.0/oa/upload/image"
        self.tokens = tokens
        self.http = http

    async def _call(self, url: str, **request: Any) -> dict[str, Any]:
        """POST with the access token; refreshed once when the platform says it is stale."""
        for attempt in (1, 2):
            token = await self.tokens.token()
            response = await self.http.post(url, headers={"access_token": token}, **request)
            data = dict(response.json())
            code = int(data.get("error", 0))
            if code == 0:
                return data
            if code in TOKEN_INVALID and attempt == 1:
                await self.tokens.refresh(token)
                continue
            raise ZaloOAError(code, str(data.get("message", "")))
        raise ZaloOAError(-216, "token refresh did not help")

    async def send_text(self, user_id: str, text: str) -> dict[str, Any]:
        body = {"recipient": {"user_id": user_id}, "message": {"text": text}}
        return await self._call(self.url, json=body)

    async def upload_image(self, name: str, content: bytes, mime: str) -> str:
        """The ``attachment_id`` of an uploaded JPG/PNG (at most ``IMAGE_LIMIT`` bytes)."""
        data = await self._call(self.upload_url, files={"file": (name, content, mime)})
        attachment = str((data.get("data") or {}).get("attachment_id") or "")
        if not attachment:
            raise ZaloOAError(-1, "upload answered without an attachment_id")
        return attachment

    async def send_image(
        self, user_id: str, attachment_id: str, text: str | None = None
    ) -> dict[str, Any]:
        element = {"media_type": "image", "attachment_id": attachment_id}
        payload = {"template_type": "media", "elements": [element]}
        message: dict[str, Any] = {"attachment": {"type": "template", "payload": payload}}
        if text:
            message["text"] = text
        return await self._call(
            self.url, json={"recipient": {"user_id": user_id}, "message": message}
        )
