"""A fake OpenAI-compatible API: ``/v1/chat/completions`` and ``/v1/embeddings``.

Tests set what it answers: ``reply`` (the assistant's text), ``status`` (anything
but 200 is a server error), ``delay`` (a stall, for timeouts) and ``embedder``
(what turns inputs into vectors). Every request is kept in ``requests``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from fakes.server import FakeService, ThreadedServer


class FakeOpenAI(FakeService):
    def __init__(self) -> None:
        self.reply = ""
        self.status = 200
        self.delay = 0.0
        self.embedder: Any = None  # an object with embed_documents(list[str]) -> array
        self.requests: list[dict[str, Any]] = []
        self.server = ThreadedServer(
            Starlette(
                routes=[
                    Route("/v1/chat/completions", self._chat, methods=["POST"]),
                    Route("/v1/embeddings", self._embeddings, methods=["POST"]),
                ]
            )
        )

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    async def _received(self, request: Request) -> dict[str, Any] | JSONResponse:
        body = await request.json()
        self.requests.append(
            {"path": request.url.path, "auth": request.headers.get("authorization"), "body": body}
        )
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status != 200:
            error = {"error": {"message": "boom", "type": "server_error"}}
            return JSONResponse(error, status_code=self.status)
        return dict(body)

    async def _chat(self, request: Request) -> JSONResponse:
        body = await self._received(request)
        if isinstance(body, JSONResponse):
            return body
        message = {"role": "assistant", "content": self.reply}
        return JSONResponse(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake"),
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )

    async def _embeddings(self, request: Request) -> JSONResponse:
        body = await self._received(request)
        if isinstance(body, JSONResponse):
            return body
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vectors = np.asarray(self.embedder.embed_documents(inputs))
        data = [
            {"object": "embedding", "index": i, "embedding": v.tolist()}
            for i, v in enumerate(vectors)
        ]
        usage = {"prompt_tokens": 1, "total_tokens": 1}
        return JSONResponse(
            {"object": "list", "model": body["model"], "data": data, "usage": usage}
        )
