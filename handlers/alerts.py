"""Deadline alerts on the chat side: queueing the planned alerts in the outbox,
the "Báo cáo tiến độ" button, the reminders preview in /hanchot.

``queue_due(session, now, since)`` plans (``knowledge.alerts.planner``) and
writes every alert with a recipient and a channel to the outbox in the caller's
session, each under its dedupe key: a second run queues nothing new. The
scheduler's last tick is kept in ``channel_state`` so that a restart knows what
it missed (caught up once, older ones summarized).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from handlers import commands, report_chat, texts
from handlers.delivery import queue
from handlers.messages import Button, Outgoing, Reply
from handlers.turn import Turn
from knowledge.alerts import messages, planner
from knowledge.alerts.load import load_input
from knowledge.alerts.model import REMINDER_AT, Alert, AlertKind, PlanInput
from storage import chat
from storage.models import TaskRow

STATE_CHANNEL = "alerts"
STATE_LAST_TICK = "last_tick"
REPORT_COMMAND = "/baocaonv"
PREVIEW_DAYS = 14
PREVIEW_LINES = 15


@dataclass
class QueueResult:
    alerts: list[Alert]
    queued: int = 0
    repeated: int = 0
    unreachable: int = 0


def report_button(alert: Alert) -> list[list[Button]]:
    if alert.task_id is None:
        return []
    data = f"{REPORT_COMMAND} {alert.task_id} {alert.occurrence or ''}".strip()
    return [[Button(texts.ALERT_BTN_REPORT, data)]]


def to_outgoing(alert: Alert) -> Outgoing | None:
    if alert.channel is None or alert.chat_id is None or alert.recipient is None:
        return None
    return Outgoing(alert.channel, alert.chat_id, Reply(alert.message, report_button(alert)))


def queue_alerts(session: Session, alerts: list[Alert]) -> QueueResult:
    """Write the alerts that have somebody to reach; repeats are no-ops."""
    result = QueueResult(alerts)
    for alert in alerts:
        if alert.kind == AlertKind.UNCOVERED:
            continue
        out = to_outgoing(alert)
        if out is None:
            result.unreachable += 1
            continue
        if queue(session, out, alert.dedupe_key) is None:
            result.repeated += 1
        else:
            result.queued += 1
    return result


def last_tick(session: Session) -> datetime | None:
    raw = chat.get_state(session, STATE_CHANNEL, STATE_LAST_TICK)
    return datetime.fromisoformat(raw) if raw else None


def queue_due(
    session: Session,
    now: datetime,
    *,
    coordinating_office: str = "",
    since: datetime | None = None,
    remember: bool = True,
) -> QueueResult:
    """Plan what is due at ``now`` (local, naive) and queue it; remember the tick."""
    previous = since if since is not None else last_tick(session)
    inp = load_input(session, now.date(), coordinating_office)
    alerts = planner.due_now(inp, now, previous)
    result = queue_alerts(session, alerts)
    if remember:
        chat.set_state(session, STATE_CHANNEL, STATE_LAST_TICK, now.isoformat(timespec="minutes"))
    return result


# --- the "Báo cáo tiến độ" button -----------------------------------------------------


def report_from_alert(turn: Turn) -> list[Reply]:
    """The alert's button (``/baocaonv TASK OCCURRENCE``; on Zalo its typed number):
    the guided report (``/baocao``) already on the alerted task and occurrence, at
    its state step (state → percent → note → confirm)."""
    task_id, _, occurrence = turn.args.partition(" ")
    task = turn.session.get(TaskRow, int(task_id)) if task_id.isdigit() else None
    if task is None:
        return [Reply(text=texts.ALERT_REPORT_TASK_UNKNOWN)]
    return report_chat.report_task(turn, task, occurrence.strip() or None)


# --- preview in /hanchot -----------------------------------------------------------


def deadlines_cmd(turn: Turn) -> list[Reply]:
    """/hanchot: the deadlines, then which reminders the person will get and when."""
    return [*commands.deadlines_cmd(turn), preview(turn)]


def preview(turn: Turn, days: int = PREVIEW_DAYS) -> Reply:
    """Which reminders the person will get, and when (every unit's for admins/leaders)."""
    actor = turn.actor
    now = turn.services.now().replace(tzinfo=None)
    inp = load_input(turn.session, now.date(), turn.services.settings.alerts_coordinating_office)
    everyone = actor.sees_all_units
    planned = _upcoming(inp, now, days)
    shown = planned if everyone else [a for a in planned if a.recipient == actor.user_id]
    person = next((p for p in inp.people if p.id == actor.user_id), None)
    if person is not None and person.settings.muted_all and not everyone:
        return Reply(text=texts.ALERT_UPCOMING_MUTED)
    if not shown:
        return Reply(text=texts.ALERT_UPCOMING_NONE.format(days=days))
    title = texts.ALERT_UPCOMING_TITLE_ALL if everyone else texts.ALERT_UPCOMING_TITLE
    lines = [title.format(days=days)]
    names = {p.id: p.name for p in inp.people}
    for alert in shown[:PREVIEW_LINES]:
        who = ""
        if everyone:
            who = texts.ALERT_UPCOMING_TO.format(
                who=names.get(alert.recipient or 0) or texts.CLI_ALERTS_NOBODY
            )
        lines.append(
            texts.ALERT_UPCOMING_LINE.format(
                when=messages.when(alert.scheduled_for),
                what=messages.kind_name(alert.kind),
                task=messages.alert_task(alert),
                who=who,
            )
        )
    if len(shown) > PREVIEW_LINES:
        lines.append(texts.ALERT_DIGEST_MORE.format(more=len(shown) - PREVIEW_LINES))
    return Reply(text="\n".join(lines))


def _upcoming(inp: PlanInput, now: datetime, days: int) -> list[Alert]:
    start = now.date() if now.time() < REMINDER_AT else now.date() + timedelta(days=1)
    return planner.upcoming(inp, start, days)
