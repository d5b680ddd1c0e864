"""A task's occurrences: the dated instances a report and an alert attach to.

- A dated task has one occurrence per due date ("Quý II, Quý IV/2024" -> two).
- A recurring task ("Hằng tháng/quý/năm", "6 tháng một lần") has one per period
  within the plan's horizon, due on the period's last day.
- Everything else (ongoing "Thường xuyên", event-bound, unspecified, no text, and
  daily/weekly cadences, which are operational routines rather than reportable
  deadlines) has one undated occurrence, key "": its class is "Không có thời
  hạn". An ongoing task is asked for an update each quarter (``update_periods``).

Occurrence keys are stable strings stored with each report: an ISO date for a
dated occurrence ("2026-06-30"), a period for a recurring one ("2026-Q2",
"2026-05", "2026-H1", "2026"), "" for an undated task.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from knowledge import texts
from knowledge.plan.model import Deadline
from knowledge.vntime import ROMAN_OUT, month_bounds, quarter_bounds, year_bounds
from storage.models import TaskRow

Period = tuple[date, date]


class OccurrenceKind(StrEnum):
    DATED = "dated"  # a due date the plan states
    PERIOD = "period"  # one period of a recurring task
    OPEN = "open"  # no deadline: ongoing, event-bound, unspecified


@dataclass(frozen=True)
class Occurrence:
    key: str
    kind: OccurrenceKind
    due: date | None = None
    start: date | None = None  # the period's first day (recurring), else None
    label: str = ""  # "30/06/2026", "Quý II/2026", "" for an undated task

    @property
    def dated(self) -> bool:
        return self.due is not None


UNDATED = Occurrence(key="", kind=OccurrenceKind.OPEN)


@dataclass(frozen=True)
class Timing:
    """What the occurrences depend on: a parsed deadline's structure."""

    kind: str  # Deadline.kind
    due_dates: tuple[date, ...] = ()
    recurrence: str | None = None
    start: date | None = None
    end: date | None = None

    @classmethod
    def of(cls, deadline: Deadline) -> Timing:
        return cls(
            kind=deadline.kind,
            due_dates=tuple(sorted(set(deadline.due_dates))),
            recurrence=deadline.recurrence,
            start=deadline.start,
            end=deadline.end,
        )

    @classmethod
    def of_row(
        cls,
        kind: str,
        due_dates: Sequence[date],
        recurrence: str | None,
        start: date | None,
        deadline_json: dict[str, Any] | None = None,
    ) -> Timing:
        """From a stored task's columns (``tasks`` + ``task_deadlines``)."""
        end_text = (deadline_json or {}).get("end")
        return cls(
            kind=kind,
            due_dates=tuple(sorted(set(due_dates))),
            recurrence=recurrence,
            start=start,
            end=date.fromisoformat(end_text) if end_text else None,
        )


def plan_horizon(plan_year: int | None, period_end_year: int | None, fallback_year: int) -> Period:
    """The years a plan covers: "năm 2026" -> 2026; "giai đoạn 2026-2030" -> 2026..2030."""
    first = plan_year or fallback_year
    last = max(period_end_year or first, first)
    return date(first, 1, 1), date(last, 12, 31)


def occurrences(timing: Timing, horizon: Period) -> list[Occurrence]:
    """The task's occurrences, in date order; ``[UNDATED]`` when it has no deadline."""
    return list(_occurrences(timing, horizon))


@lru_cache(maxsize=4096)  # thousands of tasks share a handful of timings
def _occurrences(timing: Timing, horizon: Period) -> tuple[Occurrence, ...]:
    return tuple(_compute(timing, horizon))


def _compute(timing: Timing, horizon: Period) -> list[Occurrence]:
    # Stated due dates make a dated task whatever the stored kind says (rows written
    # before kinds were recorded, or by hand, carry only their dates).
    if timing.due_dates and timing.kind != "recurring":
        return [
            Occurrence(key=d.isoformat(), kind=OccurrenceKind.DATED, due=d, label=texts.fmt_date(d))
            for d in timing.due_dates
        ]
    if timing.kind == "recurring" and timing.recurrence in _PERIODS:
        start = max(horizon[0], timing.start) if timing.start else horizon[0]
        found = recurring_periods(timing.recurrence, (start, horizon[1]))
        if found:
            return found
    return [UNDATED]


def update_periods(timing: Timing, horizon: Period) -> list[Occurrence]:
    """The quarters an ongoing task is asked to report on (empty for other kinds)."""
    if timing.kind != "ongoing":
        return []
    start = max(horizon[0], timing.start) if timing.start else horizon[0]
    end = min(horizon[1], timing.end) if timing.end else horizon[1]
    return recurring_periods("quarterly", (start, end))


def recurring_periods(recurrence: str, window: Period) -> list[Occurrence]:
    """One occurrence per period of ``recurrence`` that ends inside ``window``."""
    make = _PERIODS.get(recurrence)
    if make is None or window[0] > window[1]:
        return []
    out: list[Occurrence] = []
    for year in range(window[0].year, window[1].year + 1):
        for occurrence in make(year):
            if occurrence.due is not None and window[0] <= occurrence.due <= window[1]:
                out.append(occurrence)
    return out


def _period(key: str, bounds: Period, label: str) -> Occurrence:
    return Occurrence(
        key=key, kind=OccurrenceKind.PERIOD, due=bounds[1], start=bounds[0], label=label
    )


def _months(year: int) -> list[Occurrence]:
    return [
        _period(f"{year}-{m:02d}", month_bounds(year, m), texts.PERIOD_MONTH.format(m=m, y=year))
        for m in range(1, 13)
    ]


def _quarters(year: int) -> list[Occurrence]:
    return [
        _period(
            f"{year}-Q{q}",
            quarter_bounds(year, q),
            texts.PERIOD_QUARTER.format(q=ROMAN_OUT[q], y=year),
        )
        for q in range(1, 5)
    ]


def _halves(year: int) -> list[Occurrence]:
    return [
        _period(
            f"{year}-H1", (date(year, 1, 1), date(year, 6, 30)), texts.PERIOD_HALF1.format(y=year)
        ),
        _period(
            f"{year}-H2", (date(year, 7, 1), date(year, 12, 31)), texts.PERIOD_HALF2.format(y=year)
        ),
    ]


def _years(year: int) -> list[Occurrence]:
    return [_period(str(year), year_bounds(year), texts.PERIOD_YEAR.format(y=year))]


_PERIODS = {
    "monthly": _months,
    "quarterly": _quarters,
    "half-yearly": _halves,
    "yearly": _years,
}


def find(occs: Sequence[Occurrence], key: str) -> Occurrence | None:
    return next((o for o in occs if o.key == key), None)


def current(occs: Sequence[Occurrence], done_keys: Collection[str], today: date) -> Occurrence:
    """The occurrence a new report is about, by default.

    The earliest one not yet done among those already begun (a period that has
    started, or any dated one); else the next one to come; else the last. An
    overdue quarter is reported before the current one.
    """
    begun = [o for o in occs if o.start is None or o.start <= today]
    for occurrence in begun:
        if occurrence.key not in done_keys:
            return occurrence
    upcoming = [o for o in occs if o not in begun]
    return upcoming[0] if upcoming else occs[-1]


def timing_of(task: TaskRow) -> Timing:
    """A stored task's timing (its ``deadlines`` relationship loaded)."""
    return Timing.of_row(
        task.deadline_kind,
        [d.due_date for d in task.deadlines],
        task.recurrence,
        task.start_date,
        task.deadline_json,
    )


def of_task(task: TaskRow, fallback_year: int) -> list[Occurrence]:
    """A stored task's occurrences; its document's years bound recurring ones."""
    doc = task.document
    horizon = plan_horizon(doc.plan_year, doc.period_end_year, fallback_year)
    return occurrences(timing_of(task), horizon)
