"""A small client for the Zalo Bot Platform HTTP API (Telegram-like, JSON methods).

``POST {base}/bot{token}/{method}`` with a JSON body; answers are
``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": …, "description": …}``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)

NO_UPDATES = 408  # getUpdates long poll ended with nothing new


class ZaloBotError(Exception):
    def __init__(self, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after


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
        if response.status_code == 429 or not data.get("ok", False):
            code = int(data.get("error_code") or response.status_code)
            retry = (data.get("parameters") or {}).get("retry_after")
            raise ZaloBotError(code, str(data.get("description", "")), retry)
        return data.get("result")

    async def call_with_retry(self, method: str, attempts: int = 4, **params: Any) -> Any:
        """``call`` that waits out rate limits (429) and brief network trouble."""
        for attempt in range(1, attempts + 1):
            try:
                return await self.call(method, **params)
            except ZaloBotError as exc:
                if exc.code != 429 or attempt == attempts:
                    raise
                await asyncio.sleep(exc.retry_after or 1.0)
            except httpx.TransportError:
                if attempt == attempts:
                    raise
                await asyncio.sleep(0.5 * attempt)
        return None

    # --- methods -------------------------------------------------------------------

    async def get_me(self) -> dict[str, Any]:
        return dict(await self.call("getMe"))

    async def get_updates(self, timeout: int = 25) -> list[dict[str, Any]]:
        try:
            result = await self.call("getUpdates", http_timeout=timeout + 10, timeout=timeout)
        except ZaloBotError as exc:
            if exc.code == NO_UPDATES:
                return []
            raise
        if not result:
            return []
        return [dict(u) for u in result] if isinstance(result, list) else [dict(result)]

    async def send_message(self, chat_id: str, text: str) -> Any:
        return await self.call_with_retry("sendMessage", chat_id=chat_id, text=text)

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> Any:
        return await self.call_with_retry(
            "sendPhoto", chat_id=chat_id, photo=photo, caption=caption
        )

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", chat_id=chat_id, action=action)

    async def set_webhook(self, url: str, secret_token: str | None) -> Any:
        return await self.call("setWebhook", url=url, secret_token=secret_token)

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")
