"""``planbot alerts``: preview (``--dry-run``) or send now (``--send``) the deadline alerts.

The alert machinery is imported inside the handlers, as in ``cmd_ask``: every
``planbot`` command builds this parser, and the scheduler with its handlers took
a second to import, a third of a cold ``planbot ask``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from bot import texts

if TYPE_CHECKING:
    from knowledge.alerts.model import Alert
    from storage.db import Database
    from storage.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("alerts", help=texts.CLI_ALERTS, description=texts.CLI_ALERTS)
    mode = cmd.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help=texts.CLI_ALERTS_DRY_RUN)
    mode.add_argument("--send", action="store_true", help=texts.CLI_ALERTS_SEND)
    cmd.add_argument("--now", type=_moment, default=None, help=texts.CLI_ALERTS_NOW)
    cmd.add_argument("--since", type=_moment, default=None, help=texts.CLI_ALERTS_SINCE)
    cmd.add_argument(
        "--days", type=int, default=1, metavar=texts.CLI_DAYS_METAVAR, help=texts.CLI_ALERTS_DAYS
    )
    cmd.add_argument("--json", action="store_true", help=texts.CLI_ALERTS_JSON)
    cmd.set_defaults(func=_alerts)


def _moment(value: str) -> datetime:
    """ "2026-03-24 08:00" (or a bare date: 08:00 that day), local time."""
    from knowledge.alerts.model import REMINDER_AT

    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(texts.CLI_ALERTS_BAD_NOW.format(value=value)) from None
    if len(value.strip()) <= 10:
        parsed = datetime.combine(parsed.date(), REMINDER_AT)
    return parsed.replace(tzinfo=None)


def _alerts(args: argparse.Namespace) -> int:
    from bot.scheduler import local_now
    from handlers.alerts import queue_due
    from storage.db import Database
    from storage.settings import get_settings

    settings = get_settings()
    if not (args.dry_run or args.send):
        print(texts.CLI_ALERTS_NEED_MODE, file=sys.stderr)
        return 2
    db = Database.from_settings(settings)
    now = args.now or local_now(settings)
    if args.dry_run:
        for alert in _preview(db, settings, now, args.since, max(1, args.days)):
            print(json.dumps(alert.to_json(), ensure_ascii=False) if args.json else _line(alert))
        return 0
    with db.session() as session:
        result = queue_due(
            session, now, coordinating_office=settings.alerts_coordinating_office, since=args.since
        )
    if not result.alerts:
        print(texts.CLI_ALERTS_QUIET if not _send_time(db, now) else "", file=sys.stderr)
    print(
        texts.CLI_ALERTS_QUEUED.format(
            queued=result.queued, repeated=result.repeated, unreachable=result.unreachable
        )
    )
    return asyncio.run(_drain(db, settings, now))


def _send_time(db: Database, now: datetime) -> bool:
    from knowledge.alerts import planner
    from knowledge.alerts.load import load_input

    with db.session() as session:
        return planner.is_send_time(load_input(session, now.date()), now)


def _preview(
    db: Database, settings: Settings, now: datetime, since: datetime | None, days: int
) -> list[Alert]:
    from knowledge.alerts import planner
    from knowledge.alerts.load import load_input

    with db.session() as session:
        inp = load_input(session, now.date(), settings.alerts_coordinating_office)
    out = planner.due_now(inp, now, since)
    for offset in range(1, days):
        moment = datetime.combine(now.date() + timedelta(days=offset), time(8, 0))
        out.extend(planner.due_now(inp, moment))
    return out


def _line(alert: Alert) -> str:
    from knowledge.alerts.messages import alert_task, when

    first = alert_task(alert)
    who = str(alert.recipient) if alert.recipient is not None else texts.CLI_ALERTS_NOBODY
    return texts.CLI_ALERTS_LINE.format(
        when=when(alert.scheduled_for),
        kind=alert.kind,
        who=who,
        unit=alert.unit or "—",
        first_line=first,
    )


async def _drain(db: Database, settings: Settings, now: datetime) -> int:
    """Send what is queued through the one outbox sender, as if it were ``now``."""
    from bot.routing import DeliveryRouter
    from bot.runtime import Worker, build_adapters
    from bot.scheduler import alert_hold
    from bot.sender import OutboxSender
    from handlers.dispatcher import Dispatcher
    from handlers.services import Services

    adapters = build_adapters(settings, db, Dispatcher(Services(db, settings)))
    if not adapters:
        print(texts.CLI_ALERTS_NO_CHANNEL)
        return 0
    worker = Worker(db)
    router = DeliveryRouter(db, adapters, timedelta(hours=settings.zalo_oa_window_hours))
    sender = OutboxSender(db, router, worker.id, worker.alive, hold=alert_hold(db, lambda: now))
    for adapter in adapters.values():
        await adapter.start()
    try:
        stats = await sender.drain()
    finally:
        for adapter in adapters.values():
            await adapter.stop()
        worker.release()
    print(texts.CLI_ALERTS_SENT.format(sent=stats.sent, failed=stats.failed, left=stats.left))
    return 0
