"""A fake Zalo Bot Platform API (https://bot.zaloplatforms.com/docs), built from its reference.

JSON methods under ``/bot<token>/<method>``, answering ``{"ok": true, "result": …}`` or
``{"ok": false, "error_code": …, "description": …}``. Ids are strings, dates
milliseconds; getUpdates hands out one queued update per call (a single object,
not a list) and answers error 408 when its long-poll timeout passes with nothing
new. sendMessage takes 1-2000 characters of text; sendPhoto a photo URL and an
optional caption of 1-2000; both answer ``{message_id, date}``. getMe answers
``{id, account_name, account_type, can_join_groups}``; setWebhook requires an
https URL and a secret of 8-256 characters and answers ``{url, updated_at}``, as
do deleteWebhook (an empty url) and getWebhookInfo. Webhook bodies are the flat
update with the secret in ``X-Bot-Api-Secret-Token``.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fakes.server import FakeService, ThreadedServer

TOKEN = "1234567890:zalo-test-token"


class FakeZaloBot(FakeService):
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.lock = threading.Lock()
        self.queue: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.failures: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._ids = itertools.count(0x5B7D0000)
        self.answer_at_once = False  # getUpdates ignores its timeout (a misbehaving server)
        self.webhook_url = ""
        self.server = ThreadedServer(
            Starlette(routes=[Route("/bot{token}/{method}", self._api, methods=["POST", "GET"])])
        )

    def message(self, user_id: str, name: str = "Hoa", **fields: Any) -> dict[str, Any]:
        return {
            "message_id": f"{next(self._ids):020x}",
            "from": {"id": user_id, "first_name": name, "is_bot": False},  # the reference's sample
            "chat": {
                "id": fields.pop("chat_id", user_id),
                "chat_type": fields.pop("chat_type", "PRIVATE"),
            },
            "date": int(time.time() * 1000),
            **fields,
        }

    def event(
        self, event_name: str, user_id: str, name: str = "Hoa", **fields: Any
    ) -> dict[str, Any]:
        return {"event_name": event_name, "message": self.message(user_id, name, **fields)}

    def update(self, user_id: str, text: str, name: str = "Hoa", **fields: Any) -> dict[str, Any]:
        return self.event("message.text.received", user_id, name, text=text, **fields)

    def image(self, user_id: str, caption: str = "") -> dict[str, Any]:
        fields: dict[str, Any] = {"photo_url": "https://example.invalid/a.jpg"}
        if caption:
            fields["caption"] = caption
        return self.event("message.image.received", user_id, **fields)

    def sticker(self, user_id: str) -> dict[str, Any]:
        return self.event("message.sticker.received", user_id, sticker="0e078a2fb66a5f34067b")

    def unsupported(self, user_id: str) -> dict[str, Any]:
        return self.event("message.unsupported.received", user_id)

    def webhook(self, update: dict[str, Any], secret: str) -> dict[str, Any]:
        """httpx keyword arguments for delivering ``update`` as the platform does."""
        return {"json": update, "headers": {"X-Bot-Api-Secret-Token": secret}}

    def push_text(self, user_id: str, text: str) -> dict[str, Any]:
        update = self.update(user_id, text)
        self.push(update)
        return update

    def push(self, update: dict[str, Any]) -> None:
        with self.lock:
            self.queue.append(update)

    def fail_next(self, method: str, status: int, code: int, description: str) -> None:
        with self.lock:
            body = {"ok": False, "error_code": code, "description": description}
            self.failures.setdefault(method, []).append((status, body))

    def sent(self, method: str = "sendMessage", chat_id: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            calls = [p for m, p in self.calls if m == method]
        return [p for p in calls if chat_id is None or str(p.get("chat_id")) == chat_id]

    def texts(self, chat_id: str) -> list[str]:
        return [str(p["text"]) for p in self.sent("sendMessage", chat_id)]

    async def _api(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, 401
            )
        method = request.path_params["method"]
        body = await request.body()
        params = dict(await request.json()) if body else {}
        with self.lock:
            self.calls.append((method, params))
            queued = self.failures.get(method)
            failure = queued.pop(0) if queued else None
        if failure is not None:
            return JSONResponse(failure[1], failure[0])
        if method == "getUpdates":
            return await self._get_updates(float(params.get("timeout") or 0))
        return self._method(method, params)

    def _method(self, method: str, params: dict[str, Any]) -> Response:
        now = int(time.time() * 1000)
        if method == "getMe":
            me = {"id": "bot1", "account_name": "planbot", "account_type": "BASIC"}
            return _ok({**me, "can_join_groups": False})
        if method == "setWebhook":
            return self._set_webhook(params)
        if method in ("deleteWebhook", "getWebhookInfo"):
            if method == "deleteWebhook":
                self.webhook_url = ""
            return _ok({"url": self.webhook_url, "updated_at": now})
        if method in ("sendMessage", "sendPhoto"):
            problem = _check_send(method, params)
            if problem:
                return _error(400, problem)
            return _ok({"message_id": f"out{next(self._ids):x}", "date": now})
        if method == "sendChatAction":
            return JSONResponse({"ok": True})
        return _error(404, f"unknown method {method}")

    def _set_webhook(self, params: dict[str, Any]) -> Response:
        url, secret = str(params.get("url") or ""), str(params.get("secret_token") or "")
        if not url.startswith("https://") or not 8 <= len(secret) <= 256:
            return _error(400, "invalid url or secret_token")
        self.webhook_url = url
        return _ok({"url": url, "updated_at": int(time.time() * 1000)})

    async def _get_updates(self, timeout: float) -> Response:
        if self.answer_at_once:
            timeout = 0
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                update = self.queue.pop(0) if self.queue else None
            if update is not None:
                return JSONResponse({"ok": True, "result": update})
            if time.monotonic() >= deadline:
                return _error(408, "Request timeout")
            await asyncio.sleep(0.01)


def _ok(result: Any) -> Response:
    return JSONResponse({"ok": True, "result": result})


def _error(code: int, description: str) -> Response:
    return JSONResponse({"ok": False, "error_code": code, "description": description}, code)


def _check_send(method: str, params: dict[str, Any]) -> str:
    """The reference's required fields and lengths; "" when the call is well formed."""
    if not str(params.get("chat_id") or ""):
        return "chat_id is required"
    if method == "sendMessage":
        text = str(params.get("text") or "")
        return "" if text.strip() and len(text) <= 2000 else "text must be 1-2000 characters"
    caption = params.get("caption")
    if not str(params.get("photo") or ""):
        return "photo is required"
    if caption is not None and not 0 < len(str(caption)) <= 2000:
        return "caption must be 1-2000 characters"
    return ""
