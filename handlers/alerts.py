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
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from handlers import commands, texts
from handlers.delivery import queue
from handlers.messages import Button, Outgoing, Reply
from handlers.turn import Turn
from knowledge.alerts import messages, planner
from knowledge.alerts.load import document_label, load_input
from knowledge.alerts.model import REMINDER_AT, Alert, AlertKind, PlanInput, TaskInfo
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
    """The alert's button: the task's details and how to report it.

    The one function to swap for the guided report flow (``/baocao``) once it
    exists: it gets the task id and the occurrence key in ``turn.args``.
    """
    task_id, _, occurrence = turn.args.partition(" ")
    task = turn.session.get(TaskRow, int(task_id)) if task_id.isdigit() else None
    if task is None:
        return [Reply(text=texts.ALERT_REPORT_TASK_UNKNOWN)]
    due = date.fromisoformat(occurrence) if _is_iso(occurrence) else task.due_date
    lead = ", ".join(u.unit.name for u in task.units if u.role == "lead")
    text = texts.ALERT_REPORT_TASK_INFO.format(
        task=messages.task_line(_info_stub(task)),
        plan=texts.ALERT_PLAN.format(document=document_label(task.document)),
        unit=texts.ALERT_UNIT.format(unit=lead or texts.ALERT_NO_LEAD_UNIT),
        due=texts.ALERT_DUE.format(due=texts.fmt_date(due) or task.deadline_text or "—"),
        status=texts.ALERT_STATUS.format(status=messages.status_name(task.status)),
        number=task.number or task.id,
    )
    return [Reply(text=text)]


def _is_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _info_stub(task: TaskRow) -> TaskInfo:
    return TaskInfo(
        task.id, task.number, task.title, task.document_id, "", (), task.deadline_kind, ()
    )


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
