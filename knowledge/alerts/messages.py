"""The alerts' Vietnamese messages (their words live in ``knowledge.texts``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from knowledge import texts
from knowledge.alerts.model import AlertKind, TaskInfo
from knowledge.progress.occurrences import Occurrence

if TYPE_CHECKING:
    from knowledge.alerts.dayindex import DayIndex
    from knowledge.alerts.model import Alert

ITEMS_PER_SECTION = 8
TITLE_LIMIT = 160


def short(text: str, limit: int = TITLE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def task_line(task: TaskInfo) -> str:
    if task.number:
        return texts.ALERT_TASK.format(number=task.number, title=short(task.title))
    return texts.ALERT_TASK_NO_NUMBER.format(title=short(task.title))


def status_name(status: str) -> str:
    return texts.REPORT_STATE_LABELS.get(status, status)


def task_alert(
    kind: AlertKind,
    task: TaskInfo,
    occ: Occurrence,
    unit: str,
    left: int,
    days: DayIndex,
) -> str:
    due = texts.fmt_date(occ.due)
    head = {
        AlertKind.REMINDER: lambda: texts.ALERT_REMINDER_HEAD.format(left=left),
        AlertKind.DUE_TODAY: lambda: texts.ALERT_DUE_TODAY_HEAD,
        AlertKind.OVERDUE: lambda: texts.ALERT_OVERDUE_HEAD.format(days=-left),
        AlertKind.ESCALATION: lambda: texts.ALERT_ESCALATION_HEAD.format(unit=unit, days=-left),
        AlertKind.PERIOD: lambda: texts.ALERT_PERIOD_HEAD.format(
            period=occ.label, due=due, left=left
        ),
        AlertKind.PROGRESS_REQUEST: lambda: texts.ALERT_PROGRESS_HEAD.format(period=occ.label),
    }[kind]()
    lines = [head, task_line(task), texts.ALERT_PLAN.format(document=task.document)]
    lines.append(texts.ALERT_UNIT.format(unit=unit))
    if occ.due is not None:
        lines.append(texts.ALERT_DUE.format(due=due))
        if kind == AlertKind.DUE_TODAY and not days.is_working_day(occ.due):
            lines.append(texts.ALERT_DUE_ON_DAY_OFF.format(due=due))
    lines.append(texts.ALERT_STATUS.format(status=status_name(task.status)))
    lines.append(texts.ALERT_REPORT_HINT)
    return "\n".join(lines)


def _items(entries: Sequence[Any]) -> list[str]:
    out = []
    for entry in entries[:ITEMS_PER_SECTION]:
        number = f"{entry.task.number}. " if entry.task.number else ""
        due = texts.ALERT_DIGEST_ITEM_DUE.format(due=texts.fmt_date(entry.due)) if entry.due else ""
        out.append(
            texts.ALERT_DIGEST_ITEM.format(
                number=number, title=short(entry.task.title, 90), due=due
            )
        )
    if len(entries) > ITEMS_PER_SECTION:
        out.append(texts.ALERT_DIGEST_MORE.format(more=len(entries) - ITEMS_PER_SECTION))
    return out


def head_digest(unit: str, day: date, entries: Sequence[Any]) -> str:
    lines = [texts.ALERT_DIGEST_HEAD_TITLE.format(date=texts.fmt_date(day), unit=unit)]
    sections = (
        ("due_soon", texts.ALERT_DIGEST_DUE_SOON),
        ("overdue", texts.ALERT_DIGEST_OVERDUE),
        ("unreported", texts.ALERT_DIGEST_UNREPORTED),
    )
    found = False
    for name, title in sections:
        chosen = sorted(
            (e for e in entries if e.section == name), key=lambda e: (e.due or date.max, e.task.id)
        )
        if chosen:
            found = True
            lines.append(title.format(count=len(chosen)))
            lines.extend(_items(chosen))
    if not found:
        lines.append(texts.ALERT_DIGEST_NOTHING)
    return "\n".join(lines)


def leader_digest(
    day: date, rows: Sequence[tuple[str, dict[str, int]]], uncovered: list[str]
) -> str:
    lines = [texts.ALERT_DIGEST_LEADER_TITLE.format(date=texts.fmt_date(day))]
    if rows:
        lines.append(texts.ALERT_DIGEST_UNITS.format(count=len(rows)))
        for name, counts in rows[:20]:
            lines.append(texts.ALERT_DIGEST_UNIT_LINE.format(unit=name, **counts))
        if len(rows) > 20:
            lines.append(texts.ALERT_DIGEST_MORE.format(more=len(rows) - 20))
    else:
        lines.append(texts.ALERT_DIGEST_NOTHING)
    if uncovered:
        lines.append(texts.ALERT_DIGEST_UNCOVERED.format(count=len(uncovered)))
        lines.extend(texts.ALERT_DIGEST_UNCOVERED_ITEM.format(unit=u) for u in uncovered[:20])
        if len(uncovered) > 20:
            lines.append(texts.ALERT_DIGEST_MORE.format(more=len(uncovered) - 20))
    return "\n".join(lines)


def kind_name(kind: str) -> str:
    return texts.ALERT_KIND_NAMES.get(kind, kind)


def when(moment: Any) -> str:
    """ "Thứ Ba 24/03/2026 08:00"."""
    return f"{texts.ALERT_WEEKDAYS[moment.weekday()]} {moment.strftime('%d/%m/%Y %H:%M')}"


def alert_task(alert: Alert) -> str:
    number = f"{alert.task_number}. " if alert.task_number else ""
    if alert.title:
        return number + short(alert.title, 80)
    return short(alert.message.splitlines()[0], 80)


def catch_up_summary(items: Sequence[Alert]) -> str:
    lines = [texts.ALERT_CATCH_UP_TITLE.format(count=len(items))]
    for alert in sorted(items, key=lambda a: a.scheduled_for)[:20]:
        lines.append(
            texts.ALERT_CATCH_UP_ITEM.format(
                when=texts.fmt_date(alert.scheduled_for.date()),
                what=kind_name(alert.kind),
                task=alert_task(alert),
            )
        )
    if len(items) > 20:
        lines.append(texts.ALERT_DIGEST_MORE.format(more=len(items) - 20))
    lines.append(texts.ALERT_REPORT_HINT_COMMAND)  # a summary carries no action of its own
    return "\n".join(lines)
