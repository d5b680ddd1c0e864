"""The board: one row per task occurrence with its report in force and its class.

Overview, chart, export and the quarterly draft all read this one structure,
so they always agree. Built from light column queries so that 10,000 tasks fit
in well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from knowledge.progress.occurrences import Occurrence, Timing, occurrences, plan_horizon
from knowledge.progress.status import (
    Reported,
    ReportState,
    Review,
    Stats,
    StatusClass,
    classify,
    days_overdue,
)
from knowledge.workdays import WorkCalendar, load_calendar
from storage import progress as store
from storage import repositories as repo
from storage.progress import TaskFacts

UTC = ZoneInfo("UTC")


@dataclass(slots=True)
class BoardRow:
    task: TaskFacts
    occurrence: Occurrence
    reported: Reported | None
    status_class: StatusClass
    days_overdue: int  # working days
    evidence: tuple[str, ...] = ()

    @property
    def lead_names(self) -> list[str]:
        return [name for _, name in self.task.lead]


@dataclass
class Board:
    rows: list[BoardRow]
    today: date
    calendar: WorkCalendar
    reported_units: dict[int, datetime]  # lead unit id -> latest report time (UTC, naive)

    def stats(self, rows: Sequence[BoardRow] | None = None) -> Stats:
        items = rows if rows is not None else self.rows
        return Stats.of(((r.status_class, r.occurrence.due) for r in items), self.today)


def to_local(at: datetime, tz: ZoneInfo) -> datetime:
    """A stored naive-UTC time in the office's zone."""
    return at.replace(tzinfo=UTC).astimezone(tz)


def to_utc_naive(at: datetime, tz: ZoneInfo) -> datetime:
    """``at`` (aware, or naive in the office's zone) as stored: naive UTC."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=tz)
    return aware.astimezone(UTC).replace(tzinfo=None)


def _reported(report: Any, tz: ZoneInfo) -> Reported:
    """From a report row (``store.current_report_rows``)."""
    return Reported(
        state=ReportState(report.status or ReportState.NOT_STARTED.value),
        percent=report.percent,
        note=report.note,
        reported_on=to_local(report.reported_at, tz).date(),
        reported_at=report.reported_at,
        review=Review(report.review)
        if report.review in Review._value2member_map_
        else Review.PENDING,
        reporter=report.reporter_name,
        report_id=report.id,
    )


def build_board(
    session: Session,
    now: datetime,
    *,
    tz: ZoneInfo,
    document_ids: Sequence[int] | None = None,
    unit_ids: Sequence[int] | None = None,
    calendar: WorkCalendar | None = None,
    with_evidence: bool = False,
) -> Board:
    """Every occurrence of the tasks (led by ``unit_ids`` and their sub-units, when given)
    as of ``now`` (aware, or naive local time): later reports are not counted yet."""
    calendar = calendar or load_calendar(session)
    lead_ids = repo.with_subunits(session, unit_ids) if unit_ids is not None else None
    facts = store.task_facts(session, document_ids=document_ids, lead_unit_ids=lead_ids)
    ids = [f.id for f in facts]
    latest: dict[tuple[int, str], Any] = {}
    by_task = {f.id: f for f in facts}
    reported_units: dict[int, datetime] = {}
    cutoff = to_utc_naive(now, tz)
    for report in store.current_report_rows(session, ids if len(ids) <= 500 else None):
        fact = by_task.get(report.task_id)
        if fact is None or report.reported_at > cutoff:
            continue
        latest[(report.task_id, report.occurrence)] = report  # oldest first: the last wins
        for unit_id, _ in fact.lead:
            reported_units[unit_id] = max(
                reported_units.get(unit_id, report.reported_at), report.reported_at
            )
    evidence = (
        store.evidence_names(session, [r.id for r in latest.values()]) if with_evidence else {}
    )
    today = now.date()
    rows: list[BoardRow] = []
    # Thousands of occurrences share a handful of due dates: an unreported one's class
    # and days overdue depend on the occurrence alone, so each is worked out once.
    unreported: dict[Occurrence, tuple[StatusClass, int]] = {}
    for fact in facts:
        timing = Timing.of_row(fact.deadline_kind, fact.due_dates, fact.recurrence, fact.start_date)
        horizon = plan_horizon(fact.plan_year, fact.period_end_year, today.year)
        for occurrence in occurrences(timing, horizon):
            found = latest.get((fact.id, occurrence.key))
            if found is None:
                known = unreported.get(occurrence)
                if known is None:
                    known = unreported[occurrence] = (
                        classify(occurrence, None, today, calendar),
                        days_overdue(occurrence, today, calendar),
                    )
                rows.append(BoardRow(fact, occurrence, None, *known))
                continue
            reported = _reported(found, tz)
            rows.append(
                BoardRow(
                    task=fact,
                    occurrence=occurrence,
                    reported=reported,
                    status_class=classify(occurrence, reported, today, calendar),
                    days_overdue=days_overdue(occurrence, today, calendar),
                    evidence=tuple(evidence.get(found.id, ())),
                )
            )
    return Board(rows=rows, today=today, calendar=calendar, reported_units=reported_units)


def reported_keys(session: Session) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Per task: the occurrence keys whose report in force counts as done (a returned
    "done" does not), and the keys with any report plus the quarters ("2026-Q1") in
    which one was made (an ongoing task's quarterly update is any report that quarter)."""
    latest: dict[tuple[int, str], Any] = {}
    reported: dict[int, set[str]] = {}
    for report in store.current_report_rows(session):
        latest[(report.task_id, report.occurrence)] = report  # oldest first: the last wins
        at = report.reported_at
        keys = reported.setdefault(report.task_id, set())
        keys.update((report.occurrence, f"{at.year}-Q{(at.month - 1) // 3 + 1}"))
    done: dict[int, set[str]] = {}
    for (task_id, key), report in latest.items():
        returned = report.review == Review.RETURNED.value
        if report.status == ReportState.DONE.value and not returned:
            done.setdefault(task_id, set()).add(key)
    return done, reported
