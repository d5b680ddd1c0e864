"""A fake Zalo OA API v3 (consultation messages) and OAuth v4 token endpoint."""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.zalo_oa.signature import compute
from fakes.server import FakeService, ThreadedServer

APP_ID = "4321"
OA_SECRET = "oa-secret-key"
APP_SECRET = "app-secret"


class FakeZaloOA(FakeService):
    def __init__(self, access_token: str = "tok-1", refresh_token: str = "ref-1") -> None:
        self.lock = threading.Lock()
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.refreshes = 0
        self.messages: list[dict[str, Any]] = []
        self.outside_window: set[str] = set()
        self._n = itertools.count(2)
        self.server = ThreadedServer(
            Starlette(
                routes=[
                    Route("/v3.0/oa/message/cs", self._send, methods=["POST"]),
                    Route("/v4/oa/access_token", self._token, methods=["POST"]),
                ]
            )
        )

    def texts(self, user_id: str) -> list[str]:
        with self.lock:
            return [
                m["message"]["text"] for m in self.messages if m["recipient"]["user_id"] == user_id
            ]

    async def _send(self, request: Request) -> Response:
        body = dict(await request.json())
        with self.lock:
            if request.headers.get("access_token") != self.access_token:
                return JSONResponse({"error": -216, "message": "Access token is invalid"})
            if body["recipient"]["user_id"] in self.outside_window:
                return JSONResponse({"error": -213, "message": "User has not interacted recently"})
            self.messages.append(body)
        return JSONResponse({"error": 0, "message": "Success", "data": {"message_id": "m"}})

    async def _token(self, request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))
        with self.lock:
            if request.headers.get("secret_key") != APP_SECRET or form.get("app_id") != APP_ID:
                return JSONResponse({"error": -14014, "error_name": "Invalid secret key"})
            if form.get("refresh_token") != self.refresh_token:  # single use
                return JSONResponse({"error": -14020, "error_name": "Invalid refresh token"})
            n = next(self._n)
            self.access_token, self.refresh_token = f"tok-{n}", f"ref-{n}"
            self.refreshes += 1
            return JSONResponse(
                {
                    "access_token": self.access_token,
                    "refresh_token": self.refresh_token,
                    "expires_in": "90000",
                }
            )


def oa_event(user_id: str, text: str, msg_id: str, timestamp: str = "1760000000000") -> bytes:
    event = {
        "app_id": APP_ID,
        "user_id_by_app": f"app-{user_id}",
        "event_name": "user_send_text",
        "timestamp": timestamp,
        "sender": {"id": user_id},
        "recipient": {"id": "oa-1"},
        "message": {"text": text, "msg_id": msg_id},
    }
    return json.dumps(event, ensure_ascii=False).encode()


def sign(body: bytes, secret: str = OA_SECRET) -> str:
    return compute(APP_ID, body, json.loads(body)["timestamp"], secret)
