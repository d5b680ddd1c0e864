"""One ASGI app for every webhook: Telegram, Zalo Bot, Zalo OA, and ``/healthz``.

Each request is checked (secret token compared in constant time, or the OA
signature), stored, and acknowledged at once; handling continues in the
background, so platforms never time out waiting for an answer.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from storage.settings import Settings

if TYPE_CHECKING:
    from bot.channel import ChannelAdapter

log = logging.getLogger(__name__)

PATHS = {
    "telegram": "/webhook/telegram",
    "zalo_bot": "/webhook/zalo_bot",
    "zalo_oa": "/webhook/zalo_oa",
}


def secret_ok(expected: str | None, given: str | None) -> bool:
    if not expected:
        return True  # no secret configured
    return hmac.compare_digest(expected.encode(), (given or "").encode())


def build_app(settings: Settings, adapters: dict[str, ChannelAdapter]) -> Starlette:
    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True, "channels": sorted(adapters)})

    async def _json(request: Request) -> dict[str, Any] | None:
        try:
            body = json.loads(await request.body())
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    async def telegram(request: Request) -> Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if not secret_ok(settings.telegram_webhook_secret, given):
            return Response(status_code=401)
        payload = await _json(request)
        if payload is None or "update_id" not in payload:
            return Response(status_code=400)
        await adapters["telegram"].receive_webhook(payload)
        return Response(status_code=200)

    async def zalo_bot(request: Request) -> Response:
        given = request.headers.get("X-Bot-Api-Secret-Token")
        if not secret_ok(settings.zalo_bot_webhook_secret, given):
            return Response(status_code=401)
        payload = await _json(request)
        if payload is None:
            return Response(status_code=400)
        await adapters["zalo_bot"].receive_webhook(payload)
        return JSONResponse({"ok": True})

    async def zalo_oa(request: Request) -> Response:
        adapter = adapters["zalo_oa"]
        body = await request.body()
        verify = getattr(adapter, "verify", None)
        if verify is None or not verify(body, request.headers.get("X-ZEvent-Signature")):
            log.warning("zalo oa: webhook with a bad signature rejected")
            return Response(status_code=401)
        try:
            payload = json.loads(body)
        except ValueError:
            return Response(status_code=400)
        await adapter.receive_webhook(payload)
        return JSONResponse({"ok": True})

    handlers = {"telegram": telegram, "zalo_bot": zalo_bot, "zalo_oa": zalo_oa}
    routes = [Route("/healthz", healthz, methods=["GET"])]
    routes += [
        Route(PATHS[name], handlers[name], methods=["POST"]) for name in adapters if name in PATHS
    ]
    return Starlette(routes=routes)
