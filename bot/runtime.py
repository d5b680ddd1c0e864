"""``planbot run``: start every configured channel; the terminal chat when none is.

Polling is the default. A channel whose webhook URL is set is served instead by
one ASGI app (``bot.webhooks``) with ``/healthz``, under uvicorn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.channel import ChannelAdapter
from bot.outbox import Outbox
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)


def configured_channels(settings: Settings) -> list[str]:
    names = []
    if settings.telegram_bot_token:
        names.append("telegram")
    if settings.zalo_bot_token:
        names.append("zalo_bot")
    if settings.zalo_oa_app_id and (
        settings.zalo_oa_access_token or settings.zalo_oa_refresh_token
    ):
        names.append("zalo_oa")
    return names


def build_adapters(
    settings: Settings, db: Database, dispatcher: Dispatcher
) -> dict[str, ChannelAdapter]:
    adapters: dict[str, ChannelAdapter] = {}
    for name in configured_channels(settings):
        if name == "telegram":
            from bot.telegram.adapter import TelegramAdapter

            adapters[name] = TelegramAdapter(db, dispatcher, settings)
        elif name == "zalo_bot":
            from bot.zalo_bot.adapter import ZaloBotAdapter

            adapters[name] = ZaloBotAdapter(db, dispatcher, settings)
        elif name == "zalo_oa":
            from bot.zalo_oa.adapter import ZaloOAAdapter

            adapters[name] = ZaloOAAdapter(db, dispatcher, settings)
    return adapters


def run_forever(settings: Settings) -> int:
    if not configured_channels(settings):
        from bot.terminal import run_terminal

        db = Database.from_settings(settings)
        load_demo_plan(db)
        return run_terminal(Services(db, settings))
    asyncio.run(serve(settings))
    return 0


SAMPLES = Path(__file__).resolve().parent / "samples"


def load_demo_plan(db: Database) -> None:
    """Demo mode (no bot token): on an empty database, ingest the bundled sample plan."""
    from knowledge.ingest import ingest_file
    from storage.repositories import list_documents

    with db.session() as session:
        if list_documents(session):
            return
    for sample in sorted(SAMPLES.glob("*.md")):
        summary = ingest_file(db, sample)
        print(summary.render() + "\n", flush=True)


def warm_up(services: Services) -> None:
    """Load the answer engine's indexes before the first real question arrives."""
    try:
        services.engine.ask("nhiệm vụ", now=services.now())
    except Exception:
        log.warning("answer engine warm-up failed", exc_info=True)


def _webhook_url(settings: Settings, name: str) -> str | None:
    return {
        "telegram": settings.telegram_webhook_url,
        "zalo_bot": settings.zalo_bot_webhook_url,
        "zalo_oa": "oa",  # Zalo OA only ever delivers by webhook
    }.get(name)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    db = Database.from_settings(settings)
    services = Services(db, settings)
    await asyncio.to_thread(warm_up, services)
    dispatcher = Dispatcher(services)
    adapters = build_adapters(settings, db, dispatcher)
    Outbox(db, adapters, timedelta(hours=settings.zalo_oa_window_hours))
    jobs: list[Coroutine[Any, Any, None]] = []
    hooked = {n: a for n, a in adapters.items() if _webhook_url(settings, n)}
    for name, adapter in adapters.items():
        if name not in hooked:
            jobs.append(adapter.run_polling(stop))
    if hooked:
        jobs.append(_serve_webhooks(settings, hooked, stop))
    if adapters:
        from bot.scheduler import AlertScheduler

        jobs.append(AlertScheduler(settings, db, adapters).run(stop))
    log.warning(
        "planbot running: %s",
        ", ".join(f"{n} ({'webhook' if n in hooked else 'polling'})" for n in adapters),
    )
    tasks: list[asyncio.Task[Any]] = [asyncio.create_task(job) for job in jobs]
    stopper: asyncio.Task[Any] = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for task in done:
        if task is not stopper and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
    for adapter in adapters.values():
        with contextlib.suppress(Exception):
            await adapter.stop()


async def _serve_webhooks(
    settings: Settings, adapters: dict[str, ChannelAdapter], stop: asyncio.Event
) -> None:
    import uvicorn

    from bot.webhooks import build_app

    for name, adapter in adapters.items():
        url = _webhook_url(settings, name)
        if url and url.startswith("http"):
            secret = {
                "telegram": settings.telegram_webhook_secret,
                "zalo_bot": settings.zalo_bot_webhook_secret,
            }.get(name)
            await adapter.setup_webhook(url, secret)
        else:
            await adapter.start()
            await adapter.resume()
    app = build_app(settings, adapters)
    config = uvicorn.Config(
        app, host=settings.webhook_host, port=settings.webhook_port, log_level="warning"
    )
    server = uvicorn.Server(config)

    async def _watch() -> None:
        await stop.wait()
        server.should_exit = True

    watcher = asyncio.create_task(_watch())
    try:
        await server.serve()
    finally:
        watcher.cancel()
