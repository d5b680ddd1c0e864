"""A fake Zalo OA API v3 (consultation messages, image upload) and OAuth v4 token endpoint.

As the OA reference documents them: every call carries the token in the
``access_token`` header and answers HTTP 200 with ``{"error": 0, …}`` or a
negative ``error`` code. ``POST /v2.0/oa/upload/image`` takes a multipart
``file`` (JPG/PNG up to 1 MB) and answers ``data.attachment_id``; a consultation
message is ``{recipient: {user_id}, message: {text}}`` or, for a picture, a
``media`` template naming that ``attachment_id`` (with an optional text). A
person in ``outside_window`` is refused as the platform does when their
interaction window has closed. Webhook events are flat objects with string ids
and a millisecond ``timestamp`` string, signed in ``X-ZEvent-Signature``.
"""

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
from fakes.telegram_api import _multipart

APP_ID = "4321"
OA_SECRET = "oa-secret-key"
APP_SECRET = "app-secret"
IMAGE_LIMIT = 1_000_000
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


class FakeZaloOA(FakeService):
    def __init__(self, access_token: str = "tok-1", refresh_token: str = "ref-1") -> None:
        self.lock = threading.Lock()
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.refreshes = 0
        self.messages: list[dict[str, Any]] = []
        self.images: dict[str, bytes] = {}  # attachment id -> uploaded bytes
        self.files: dict[str, bytes] = {}  # name -> bytes a user sent (``user_send_file``)
        self.outside_window: set[str] = set()
        self._n = itertools.count(2)
        self._attachments = itertools.count(1)
        self.server = ThreadedServer(
            Starlette(
                routes=[
                    Route("/v3.0/oa/message/cs", self._send, methods=["POST"]),
                    Route("/v2.0/oa/upload/image", self._upload, methods=["POST"]),
                    Route("/v4/oa/access_token", self._token, methods=["POST"]),
                    Route("/files/{name}", self._file, methods=["GET"]),
                ]
            )
        )

    def sent_to(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [m["message"] for m in self.messages if m["recipient"]["user_id"] == user_id]

    def texts(self, user_id: str) -> list[str]:
        return [str(m["text"]) for m in self.sent_to(user_id) if m.get("text")]

    def photos(self, user_id: str) -> list[bytes]:
        """The pictures sent to ``user_id`` (the uploaded bytes their messages name)."""
        out = []
        for message in self.sent_to(user_id):
            payload = (message.get("attachment") or {}).get("payload") or {}
            for element in payload.get("elements") or []:
                if element.get("media_type") == "image":
                    out.append(self.images[str(element["attachment_id"])])
        return out

    def _authorized(self, request: Request) -> bool:
        return request.headers.get("access_token") == self.access_token

    async def _send(self, request: Request) -> Response:
        body = dict(await request.json())
        with self.lock:
            if not self._authorized(request):
                return JSONResponse({"error": -216, "message": "Access token is invalid"})
            if body["recipient"]["user_id"] in self.outside_window:
                return JSONResponse({"error": -213, "message": "User has not interacted recently"})
            problem = self._check(body.get("message") or {})
            if problem:
                return JSONResponse({"error": -201, "message": problem})
            self.messages.append(body)
        return JSONResponse({"error": 0, "message": "Success", "data": {"message_id": "m"}})

    def _check(self, message: dict[str, Any]) -> str:
        text = message.get("text")
        if text is not None and not 0 < len(str(text)) <= 2000:
            return "text must be 1-2000 characters"
        attachment = message.get("attachment")
        if attachment is None:
            return "" if text else "text is required"
        payload = attachment.get("payload") or {}
        if attachment.get("type") != "template" or payload.get("template_type") != "media":
            return "unsupported attachment"
        ids = [str(e.get("attachment_id")) for e in payload.get("elements") or []]
        return "" if ids and all(i in self.images for i in ids) else "unknown attachment_id"

    def host_file(self, name: str, content: bytes) -> str:
        """Serve ``content`` as a file a user sent; returns its download URL."""
        self.files[name] = content
        return f"{self.url}/files/{name}"

    async def _file(self, request: Request) -> Response:
        content = self.files.get(request.path_params["name"])
        return Response(status_code=404) if content is None else Response(content)

    async def _upload(self, request: Request) -> Response:
        ctype = request.headers.get("content-type", "")
        if not self._authorized(request):
            return JSONResponse({"error": -216, "message": "Access token is invalid"})
        if "multipart/form-data" not in ctype:
            return JSONResponse({"error": -201, "message": "file is required"})
        content = _multipart(ctype, await request.body()).get("file")
        if not isinstance(content, bytes) or not content.startswith(IMAGE_MAGIC):
            return JSONResponse({"error": -201, "message": "only jpg or png"})
        if len(content) > IMAGE_LIMIT:
            return JSONResponse({"error": -201, "message": "image larger than 1 MB"})
        with self.lock:
            attachment = f"att-{next(self._attachments)}"
            self.images[attachment] = content
        return JSONResponse(
            {"error": 0, "message": "Success", "data": {"attachment_id": attachment}}
        )

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


def oa_file_event(user_id: str, name: str, url: str, size: int, msg_id: str) -> bytes:
    """A ``user_send_file`` event: the OA gives the file as a download URL."""
    event = json.loads(oa_event(user_id, "", msg_id))
    event["event_name"] = "user_send_file"
    file = {"type": "file", "payload": {"url": url, "name": name, "size": str(size)}}
    event["message"]["attachments"] = [file]
    return json.dumps(event, ensure_ascii=False).encode()


def sign(body: bytes, secret: str = OA_SECRET) -> str:
    return compute(APP_ID, body, json.loads(body)["timestamp"], secret)
