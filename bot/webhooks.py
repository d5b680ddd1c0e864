"""One ASGI app for every webhook: Telegram, Zalo Bot, Zalo OA, and ``/healthz``.

Each request is checked (secret token compared in constant time, or the OA
signature), stored, and acknowledged at once; handling continues in the
background, so platforms never time out waiting for an answer. A body larger
than ``WEBHOOK_MAX_BODY_BYTES`` is answered 413 and never stored. Updates a
previous run stored but never finished are resumed only once the server listens,
so a slow backlog never keeps the webhook down.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from bot.channel import ChannelAdapter
from handlers import downloads
from storage.settings import Settings

log = logging.getLogger(__name__)

PATHS = {
    "telegram": "/webhook/telegram",
    "zalo_bot": "/webhook/zalo_bot",
    "zalo_oa": "/webhook/zalo_oa",
}


LISTEN_WAIT = 30.0  # seconds to wait for our own port before resuming anyway


def secret_ok(expected: str | None, given: str | None) -> bool:
    if not expected:
        return False  # never accept unauthenticated updates (start-up refuses this too)
    return hmac.compare_digest(expected.encode(), (given or "").encode())


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def parse_object(body: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


async def resume_when_listening(settings: Settings, adapters: dict[str, ChannelAdapter]) -> None:
    """Handle what a previous run left ``received`` once our port accepts connections."""
    host = settings.webhook_host
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LISTEN_WAIT
    while loop.time() < deadline:
        try:
            _, writer = await asyncio.open_connection(host, settings.webhook_port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        break
    for name, adapter in adapters.items():
        try:
            # The base implementation: webhook-only adapters defer their own resume() here.
            await ChannelAdapter.resume(adapter)
        except Exception:
            log.exception("%s: resuming stored updates failed", name)


def build_app(settings: Settings, adapters: dict[str, ChannelAdapter]) -> Starlette:
    limit = settings.webhook_max_body_bytes

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True, "channels": sorted(adapters)})

    async def _body(request: Request) -> bytes | Response:
        body = await read_limited(request, limit)
        if body is None:
            log.warning("%s: body over %d bytes refused (413)", request.url.path, limit)
            return Response(status_code=413)
        return body

    async def _json(request: Request) -> dict[str, Any] | Response:
        body = await _body(request)
        if isinstance(body, Response):
            return body
        payload = parse_object(body)
        return Response(status_code=400) if payload is None else payload

    async def telegram(request: Request) -> Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if not secret_ok(settings.telegram_webhook_secret, given):
            return Response(status_code=401)
        payload = await _json(request)
        if isinstance(payload, Response):
            return payload
        if "update_id" not in payload:
            return Response(status_code=400)
        await adapters["telegram"].receive_webhook(payload)
        return Response(status_code=200)

    async def zalo_bot(request: Request) -> Response:
        given = request.headers.get("X-Bot-Api-Secret-Token")
        if not secret_ok(settings.zalo_bot_webhook_secret, given):
            return Response(status_code=401)
        payload = await _json(request)
        if isinstance(payload, Response):
            return payload
        await adapters["zalo_bot"].receive_webhook(payload)
        return JSONResponse({"ok": True})

    async def zalo_oa(request: Request) -> Response:
        adapter = adapters["zalo_oa"]
        body = await _body(request)  # the signature covers the raw body: read it first
        if isinstance(body, Response):
            return body
        verify = getattr(adapter, "verify", None)
        if verify is None or not verify(body, request.headers.get("X-ZEvent-Signature")):
            log.warning("zalo oa: webhook with a bad signature rejected")
            return Response(status_code=401)
        payload = parse_object(body)
        if payload is None:
            return Response(status_code=400)
        await adapter.receive_webhook(payload)
        return JSONResponse({"ok": True})

    async def download(request: Request) -> Response:
        """A signed, expiring link (``handlers.downloads``); anything else is 403."""
        q = request.query_params
        path = downloads.resolve(
            settings, q.get("f", ""), q.get("u", ""), q.get("e", ""), q.get("s", "")
        )
        if path is None:
            return Response(status_code=403)
        return FileResponse(path, filename=request.path_params["name"])

    handlers = {"telegram": telegram, "zalo_bot": zalo_bot, "zalo_oa": zalo_oa}
    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route(downloads.PATH + "/{name}", download, methods=["GET"]),
    ]
    routes += [
        Route(PATHS[name], handlers[name], methods=["POST"]) for name in adapters if name in PATHS
    ]
    background: set[asyncio.Task[None]] = set()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(resume_when_listening(settings, adapters))
        background.add(task)
        task.add_done_callback(background.discard)
        yield
        task.cancel()

    return Starlette(routes=routes, lifespan=lifespan)
