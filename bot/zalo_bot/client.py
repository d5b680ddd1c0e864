"""A small client for the Zalo Bot Platform HTTP API (https://bot.zaloplatforms.com/docs).

``POST {base}/bot{token}/{method}`` with a JSON body; answers are
``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": …, "description": …}``.
The error codes follow HTTP meanings: 400 bad request, 401 wrong token, 403 not
allowed (e.g. the person can no longer be messaged), 404 unknown, 408 a long poll
that ended with nothing new, 429 too many requests, 5xx the platform's trouble.
Unlike Telegram there is no ``retry_after``: rate limits and server errors are
waited out with exponential back-off.
"""

from __future__ import annotations

import asyncio
import logging
from enum import IntEnum
from typing import Any

import httpx

log = logging.getLogger(__name__)


class ZaloCode(IntEnum):
    BAD_REQUEST = 400
    UNAUTHORIZED = 401
    FORBIDDEN = 403
    NOT_FOUND = 404
    NO_UPDATES = 408  # getUpdates long poll ended with nothing new
    TOO_MANY = 429


NO_UPDATES = ZaloCode.NO_UPDATES
RETRY_BASE = 1.0  # seconds; doubled per attempt
RETRY_MAX = 30.0


class ZaloBotError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description

    @property
    def retryable(self) -> bool:
        """Worth another try later: rate limited, or the platform's own trouble."""
        return self.code == ZaloCode.TOO_MANY or self.code >= 500


def retry_delay(attempt: int) -> float:
    return min(RETRY_BASE * 2 ** (attempt - 1), RETRY_MAX)


class ZaloBotClient:
    def __init__(self, token: str, base_url: str, *, timeout: float = 30) -> None:
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.http = httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        await self.http.aclose()

    async def call(self, method: str, http_timeout: float | None = None, **params: Any) -> Any:
        url = f"{self.base_url}/bot{self.token}/{method}"
        body = {k: v for k, v in params.items() if v is not None}
        response = await self.http.post(url, json=body, timeout=http_timeout or self.http.timeout)
        try:
            data = response.json()
        except ValueError as exc:
            raise ZaloBotError(response.status_code, response.text[:200]) from exc
        if not isinstance(data, dict):
            raise ZaloBotError(response.status_code, "unexpected answer")
        if response.status_code >= 400 or not data.get("ok", False):
            code = int(data.get("error_code") or response.status_code)
            raise ZaloBotError(code, str(data.get("description", "")))
        return data.get("result")

    async def call_with_retry(self, method: str, attempts: int = 4, **params: Any) -> Any:
        """``call`` that waits out rate limits, server errors and brief network trouble."""
        for attempt in range(1, attempts + 1):
            try:
                return await self.call(method, **params)
            except ZaloBotError as exc:
                if not exc.retryable or attempt == attempts:
                    raise
                log.warning("zalo bot %s: %s; retrying in %.1fs", method, exc, retry_delay(attempt))
            except httpx.TransportError:
                if attempt == attempts:
                    raise
            await asyncio.sleep(retry_delay(attempt))
        return None

    # --- methods -------------------------------------------------------------------

    async def get_me(self) -> dict[str, Any]:
        return dict(await self.call("getMe"))

    async def get_updates(self, timeout: int = 25) -> list[dict[str, Any]]:
        """The next update(s); the platform hands out one per call, 408 when none came."""
        try:
            result = await self.call("getUpdates", http_timeout=timeout + 10, timeout=str(timeout))
        except ZaloBotError as exc:
            if exc.code == NO_UPDATES:
                return []
            raise
        if not result:
            return []
        if isinstance(result, list):
            return [dict(u) for u in result if isinstance(u, dict)]
        return [dict(result)] if isinstance(result, dict) else []

    async def send_message(self, chat_id: str, text: str) -> Any:
        return await self.call_with_retry("sendMessage", chat_id=chat_id, text=text)

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> Any:
        return await self.call_with_retry(
            "sendPhoto", chat_id=chat_id, photo=photo, caption=caption or None
        )

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", chat_id=chat_id, action=action)

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", url=url, secret_token=secret_token)

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")
