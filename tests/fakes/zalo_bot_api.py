"""A fake Zalo Bot Platform API: JSON methods under ``/bot<token>/<method>``.

getUpdates hands out one queued update per call (as the real service does) and
answers 408 when its long-poll timeout passes with nothing new.
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
        self._ids = itertools.count(1)
        self.server = ThreadedServer(
            Starlette(routes=[Route("/bot{token}/{method}", self._api, methods=["POST", "GET"])])
        )

    def update(self, user_id: str, text: str, name: str = "Hoa") -> dict[str, Any]:
        return {
            "event_name": "message.text.received",
            "message": {
                "message_id": f"mid{next(self._ids):04d}",
                "from": {"id": user_id, "display_name": name, "is_bot": False},
                "chat": {"id": user_id, "chat_type": "PRIVATE"},
                "date": int(time.time() * 1000),
                "text": text,
            },
        }

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
        if method == "getMe":
            return JSONResponse({"ok": True, "result": {"id": "bot1", "account_name": "planbot"}})
        if method == "sendMessage":
            result = {"message_id": f"out{next(self._ids)}", "date": int(time.time() * 1000)}
            return JSONResponse({"ok": True, "result": result})
        return JSONResponse({"ok": True, "result": True})

    async def _get_updates(self, timeout: float) -> Response:
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                update = self.queue.pop(0) if self.queue else None
            if update is not None:
                return JSONResponse({"ok": True, "result": update})
            if time.monotonic() >= deadline:
                return JSONResponse(
                    {"ok": False, "error_code": 408, "description": "Request timeout"}
                )
            await asyncio.sleep(0.01)
