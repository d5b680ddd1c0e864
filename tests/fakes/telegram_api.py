"""A fake Telegram Bot API server: enough of the API for the real python-telegram-bot.

Serves ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``. Tests queue
incoming updates, inspect the calls the bot made, and inject failures (429 with
``retry_after``, 403 for a blocked chat).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fakes.server import FakeService, ThreadedServer

TOKEN = "123456:TEST-token"
BOT_USER = {"id": 42, "is_bot": True, "first_name": "Trợ lý", "username": "planbot_test_bot"}
STRUCTURED = {"reply_markup", "allowed_updates", "offset", "timeout", "limit", "message_id"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float


class FakeTelegram(FakeService):
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.lock = threading.Lock()
        self.updates: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self.failures: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.blocked_chats: set[str] = set()
        self.delays: dict[str, list[float]] = {}
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(500)
        self._file_ids = itertools.count(1)
        self.server = ThreadedServer(self._app())

    # --- what the test feeds in -----------------------------------------------------

    def _user(self, user_id: int, name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name}

    def _push(self, update: dict[str, Any]) -> int:
        with self.lock:
            update_id = next(self._update_ids)
            update["update_id"] = update_id
            self.updates.append(update)
        return update_id

    def _message(self, user_id: int, name: str, **extra: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": name},
            "from": self._user(user_id, name),
            **extra,
        }

    def push_raw(self, update: dict[str, Any]) -> int:
        """Any update as given (e.g. a malformed one); the update_id is added."""
        return self._push(update)

    def push_text(self, user_id: int, text: str, name: str = "Lan") -> int:
        entities = []
        if text.startswith("/"):
            length = len(text.split()[0])
            entities = [{"type": "bot_command", "offset": 0, "length": length}]
        message = self._message(user_id, name, text=text, entities=entities)
        return self._push({"message": message})

    def push_group_text(self, user_id: int, group_id: int, text: str, name: str = "Lan") -> int:
        """``user_id`` writes ``text`` in the group chat ``group_id`` (a negative id)."""
        message = self._message(user_id, name, text=text)
        message["chat"] = {"id": group_id, "type": "group", "title": "Nhóm công tác"}
        return self._push({"message": message})

    def push_callback(self, user_id: int, data: str, name: str = "Lan") -> int:
        message = self._message(42, "bot", text="menu")
        message["chat"] = {"id": user_id, "type": "private"}
        query = {
            "id": f"cq{next(self._message_ids)}",
            "from": self._user(user_id, name),
            "chat_instance": "ci",
            "data": data,
            "message": message,
        }
        return self._push({"callback_query": query})

    def push_document(self, user_id: int, file_name: str, content: bytes, name: str = "Lan") -> int:
        file_id = f"file{next(self._file_ids)}"
        with self.lock:
            self.files[file_id] = (f"documents/{file_name}", content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "file_size": len(content),
            "mime_type": "text/plain",
        }
        return self._push({"message": self._message(user_id, name, document=document)})

    def fail_next(self, method: str, status: int, description: str, **parameters: Any) -> None:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        with self.lock:
            self.failures.setdefault(method, []).append((status, body))

    def delay_next(self, method: str, seconds: float) -> None:
        """Answer the next ``method`` call only after ``seconds`` (a client timeout)."""
        with self.lock:
            self.delays.setdefault(method, []).append(seconds)

    def block(self, chat_id: int | str) -> None:
        with self.lock:
            self.blocked_chats.add(str(chat_id))

    # --- what the test inspects -----------------------------------------------------

    def sent(
        self, method: str = "sendMessage", chat_id: int | str | None = None
    ) -> list[dict[str, Any]]:
        with self.lock:
            calls = [c.params for c in self.calls if c.method == method]
        if chat_id is not None:
            calls = [c for c in calls if str(c.get("chat_id")) == str(chat_id)]
        return calls

    def call_times(self, method: str) -> list[float]:
        with self.lock:
            return [c.at for c in self.calls if c.method == method]

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.01)
        raise AssertionError("condition not met in time")

    def texts(self, chat_id: int | str) -> list[str]:
        return [str(p.get("text", "")) for p in self.sent("sendMessage", chat_id)]

    # --- the HTTP side ------------------------------------------------------------------

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._api, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
            ]
        )

    async def _params(self, request: Request) -> dict[str, Any]:
        ctype = request.headers.get("content-type", "")
        if "multipart/form-data" in ctype:  # a file upload (sendPhoto, sendDocument)
            return _multipart(ctype, await request.body())
        if "application/json" in ctype:
            body = await request.body()
            return dict(json.loads(body)) if body else {}
        # PTB posts form-encoded fields, JSON-encoding the structured ones
        body = (await request.body()).decode()
        params: dict[str, Any] = {}
        for key, value in parse_qsl(body, keep_blank_values=True):
            if key in STRUCTURED:
                try:
                    params[key] = json.loads(value)
                    continue
                except ValueError:
                    pass
            params[key] = value
        params.update({k: v for k, v in request.query_params.items() if k not in params})
        return params

    async def _api(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, 401
            )
        method = request.path_params["method"]
        params = await self._params(request)
        with self.lock:
            self.calls.append(Call(method, params, time.monotonic()))
            queued = self.failures.get(method)
            failure = queued.pop(0) if queued else None
            blocked = str(params.get("chat_id")) in self.blocked_chats
            delays = self.delays.get(method)
            delay = delays.pop(0) if delays else 0.0
        if delay:
            await asyncio.sleep(delay)
        if failure is not None:
            return JSONResponse(failure[1], failure[0])
        if blocked and method.startswith("send"):
            body = {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
            return JSONResponse(body, 403)
        if method == "getUpdates":
            return JSONResponse({"ok": True, "result": await self._get_updates(params)})
        return JSONResponse({"ok": True, "result": self._result(method, params)})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if offset:  # confirmed: Telegram forgets everything before the offset
                    self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = list(self.updates[:limit])
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.01)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendPhoto", "sendDocument"):
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": int(str(params.get("chat_id"))), "type": "private"},
                "from": BOT_USER,
                "caption": params.get("caption", ""),
            }
        if method in ("sendMessage", "editMessageText"):
            chat_id = params.get("chat_id")
            message_id = params.get("message_id") or next(self._message_ids)
            return {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": int(str(chat_id)), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        if method == "getFile":
            path, content = self.files[str(params["file_id"])]
            return {
                "file_id": params["file_id"],
                "file_unique_id": f"u{params['file_id']}",
                "file_size": len(content),
                "file_path": path,
            }
        return True  # answerCallbackQuery, sendChatAction, setWebhook, deleteWebhook …

    async def _file(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return Response(status_code=401)
        path = request.path_params["path"]
        with self.lock:
            for stored, content in self.files.values():
                if stored == path:
                    return Response(content, media_type="application/octet-stream")
        return Response(status_code=404)


def _multipart(ctype: str, body: bytes) -> dict[str, Any]:
    """Fields of a multipart/form-data body (the stdlib's MIME parser); a file part's
    value is its bytes, structured fields are JSON-decoded as in form posts."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + body)
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            params[str(name)] = payload
            continue
        value = payload.decode()
        if name in STRUCTURED:
            try:
                params[str(name)] = json.loads(value)
                continue
            except ValueError:
                pass
        params[str(name)] = value
    return params
