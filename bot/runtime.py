"""``planbot run``: start every configured channel; the terminal chat when none is.

Polling is the default. A channel whose webhook URL is set is served instead by
one ASGI app (``bot.webhooks``) with ``/healthz``, under uvicorn.

Roles (``planbot run --role``), so a deployment can run one poller, several
webhook workers and senders on one database:

- ``poller``: long-polls the channels that have no webhook. One poller per
  channel holds the lock ``poller:<channel>`` (PostgreSQL advisory lock; on
  SQLite a file lock); a second one waits on standby and takes over when the
  first dies.
- ``webhook``: serves the webhook app.
- ``sender``: drains the pushes in the outbox and recovers what dead workers
  left behind (``bot.sender``).
- ``all`` (default): all three.

Something that must run once per deployment (the alert scheduler) runs under
``run_holding(worker.locks, "scheduler", job, stop)``: it waits on standby while
another process holds the lock, and takes over when that process dies.

Every role that receives updates is also a worker: it handles what it receives
and keeps picking up stored updates nobody handles, each in one unit of work
(``bot.channel``). Each process holds ``worker:<id>`` while it runs, so others
can tell a dead worker's claims from a live one's. The database must be migrated
first (``planbot migrate``); ``run`` refuses an out-of-date schema.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import uuid
from collections.abc import Callable, Coroutine
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot import preflight, texts
from bot.channel import ChannelAdapter
from bot.routing import DeliveryRouter
from bot.sender import OutboxSender
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage.db import Database
from storage.locks import HeldLock, Locks
from storage.migrate import current_revision, head_revision
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


class Role(StrEnum):
    ALL = "all"
    POLLER = "poller"
    WEBHOOK = "webhook"
    SENDER = "sender"


LOCK_RETRY = 1.0  # seconds between attempts to take a lock another process holds


class Worker:
    """This process as seen by the others: an id, held as the lock ``worker:<id>``."""

    def __init__(self, db: Database) -> None:
        self.id = uuid.uuid4().hex[:12]
        self.locks = Locks.for_database(db)
        held = self.locks.try_acquire(self.lock_name(self.id))
        assert held is not None, "a fresh worker id is never held"
        self._held: HeldLock = held

    @staticmethod
    def lock_name(worker_id: str) -> str:
        return f"worker:{worker_id}"

    def alive(self, worker_id: str) -> bool:
        return worker_id == self.id or self.locks.held_elsewhere(self.lock_name(worker_id))

    def release(self) -> None:
        self._held.release()


def schema_problem(db: Database) -> str | None:
    """The message for an out-of-date database, or None when it is at head."""
    current, head = current_revision(db.engine), head_revision()
    if current == head:
        return None
    return texts.CLI_DB_OUTDATED.format(current=current or "—", head=head)


def run_forever(settings: Settings, role: Role = Role.ALL) -> int:
    if not configured_channels(settings):
        from bot.terminal import run_terminal

        db = Database.from_settings(settings)
        load_demo_plan(db)
        return run_terminal(Services(db, settings))
    db = Database.from_settings(settings, migrate=False)
    problem = schema_problem(db)
    if problem:
        print(problem, flush=True)
        return 2
    asyncio.run(serve(settings, role=role, db=db))
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


async def serve(
    settings: Settings,
    stop: asyncio.Event | None = None,
    *,
    role: Role = Role.ALL,
    db: Database | None = None,
) -> None:
    preflight.prepare(settings)  # masks secrets in logs; refuses unsafe settings
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    db = db or Database.from_settings(settings)
    worker = Worker(db)
    services = Services(db, settings)
    if role != Role.SENDER:
        await asyncio.to_thread(warm_up, services)
    dispatcher = Dispatcher(services)
    adapters = build_adapters(settings, db, dispatcher)
    router = DeliveryRouter(db, adapters, timedelta(hours=settings.zalo_oa_window_hours))
    sender = OutboxSender(db, router, worker.id, worker.alive, hold=_alert_hold(db, settings))
    for adapter in adapters.values():
        adapter.sender, adapter.worker = sender, worker.id
        adapter.drain_grace = settings.shutdown_grace_seconds
    hooked = {n: a for n, a in adapters.items() if _webhook_url(settings, n)}
    if role == Role.SENDER:  # nothing else starts the channel clients in this process
        for adapter in adapters.values():
            await adapter.start()
    jobs = _jobs(settings, role, adapters, hooked, sender, worker, stop)
    log.warning(
        "planbot running (%s, worker %s): %s",
        role.value,
        worker.id,
        ", ".join(f"{n} ({'webhook' if n in hooked else 'polling'})" for n in adapters),
    )
    try:
        await _run_jobs(jobs, stop)
    finally:
        for adapter in adapters.values():
            with contextlib.suppress(Exception):
                await adapter.stop()
        worker.release()


def _jobs(
    settings: Settings,
    role: Role,
    adapters: dict[str, ChannelAdapter],
    hooked: dict[str, ChannelAdapter],
    sender: OutboxSender,
    worker: Worker,
    stop: asyncio.Event,
) -> list[Coroutine[Any, Any, None]]:
    jobs: list[Coroutine[Any, Any, None]] = []
    if role in (Role.ALL, Role.POLLER):
        for name, adapter in adapters.items():
            if name not in hooked:
                jobs.append(run_holding(worker.locks, f"poller:{name}", adapter.run_polling, stop))
    if role in (Role.ALL, Role.WEBHOOK) and hooked:
        jobs.append(_serve_webhooks(settings, hooked, stop))
    if role != Role.SENDER:
        jobs += [adapter.run_backlog(stop) for adapter in adapters.values()]
    if role in (Role.ALL, Role.SENDER):
        jobs.append(sender.run(stop))
    if role in (Role.ALL, Role.SENDER) and adapters:
        from bot.scheduler import LOCK_NAME, AlertScheduler

        alerts = AlertScheduler(settings, sender.db)
        jobs.append(run_holding(worker.locks, LOCK_NAME, alerts.run, stop))
    return jobs


def _alert_hold(db: Database, settings: Settings) -> Callable[[], tuple[str, ...]]:
    """Alerts wait in the outbox while their send window is closed (quiet hours, days off)."""
    from bot.scheduler import alert_hold, local_now

    return alert_hold(db, lambda: local_now(settings))


JOBS_GRACE = 2.0  # seconds the jobs get to stop by themselves on SIGTERM


async def _run_jobs(jobs: list[Coroutine[Any, Any, None]], stop: asyncio.Event) -> None:
    tasks: list[asyncio.Task[Any]] = [asyncio.create_task(job) for job in jobs]
    stopper: asyncio.Task[Any] = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    # Jobs watch ``stop``: a moment lets them end cleanly (uvicorn's own shutdown, the
    # scheduler's) before whatever is still blocked is cancelled.
    _, pending = await asyncio.wait(tasks, timeout=JOBS_GRACE)
    for task in pending:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    stopper.cancel()
    for task in done:
        if task is not stopper and not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]


async def run_holding(
    locks: Locks,
    name: str,
    job: Callable[[asyncio.Event], Coroutine[Any, Any, None]],
    stop: asyncio.Event,
) -> None:
    """Run ``job`` while holding the cross-process lock ``name`` (standby until then)."""
    held = await asyncio.to_thread(locks.try_acquire, name)
    while held is None and not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), LOCK_RETRY)
        held = await asyncio.to_thread(locks.try_acquire, name)
    if held is None:
        return
    log.info("holding %s", name)
    try:
        await job(stop)
    finally:
        held.release()


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
