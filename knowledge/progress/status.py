"""Reported states and the derived status class of an occurrence.

The classes are the Government Office's vocabulary for CCHC reports
(labels in ``texts.STATUS_CLASS_LABELS``). A returned report ("Trả lại") counts
as not completed whatever it claimed. "Sắp đến hạn" is an open occurrence due
within ``DUE_SOON_WORKING_DAYS`` working days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from knowledge import texts
from knowledge.progress.occurrences import Occurrence
from knowledge.workdays import WorkCalendar

DUE_SOON_WORKING_DAYS = 5


class ReportState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


class Review(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class StatusClass(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TIME = "open_in_time"
    OPEN_OVERDUE = "open_overdue"
    DUE_SOON = "due_soon"
    NO_DEADLINE = "no_deadline"

    @property
    def label(self) -> str:
        return texts.STATUS_CLASS_LABELS[self.value]

    @property
    def done(self) -> bool:
        return self in (StatusClass.DONE_ON_TIME, StatusClass.DONE_LATE)


# The order every overview and chart lists the classes in.
CLASS_ORDER = (
    StatusClass.DONE_ON_TIME,
    StatusClass.DONE_LATE,
    StatusClass.DUE_SOON,
    StatusClass.OPEN_IN_TIME,
    StatusClass.OPEN_OVERDUE,
    StatusClass.NO_DEADLINE,
)


@dataclass(frozen=True)
class Reported:
    """The report in force for one occurrence (the latest, when there are several)."""

    state: ReportState
    percent: int | None
    note: str
    reported_on: date  # local date of the report
    reported_at: datetime
    review: Review = Review.PENDING
    reporter: str = ""
    report_id: int | None = None

    @property
    def effective(self) -> ReportState:
        """What counts: a returned "done" is not done."""
        if self.review is Review.RETURNED and self.state is ReportState.DONE:
            return ReportState.IN_PROGRESS
        return self.state


def classify(
    occurrence: Occurrence, reported: Reported | None, today: date, calendar: WorkCalendar
) -> StatusClass:
    if occurrence.due is None:
        return StatusClass.NO_DEADLINE
    if reported is not None and reported.effective is ReportState.DONE:
        on_time = reported.reported_on <= occurrence.due
        return StatusClass.DONE_ON_TIME if on_time else StatusClass.DONE_LATE
    if today > occurrence.due:
        return StatusClass.OPEN_OVERDUE
    if calendar.between(today, occurrence.due) <= DUE_SOON_WORKING_DAYS:
        return StatusClass.DUE_SOON
    return StatusClass.OPEN_IN_TIME


def days_overdue(occurrence: Occurrence, today: date, calendar: WorkCalendar) -> int:
    """Working days past the due date (0 when not overdue)."""
    if occurrence.due is None or today <= occurrence.due:
        return 0
    return calendar.between(occurrence.due, today)


@dataclass
class Stats:
    """Counts by class with both bases the reports state: all, and already due."""

    counts: Counter[StatusClass] = field(default_factory=Counter)
    due_counts: Counter[StatusClass] = field(default_factory=Counter)  # due on or before cut-off

    @classmethod
    def of(cls, items: Iterable[tuple[StatusClass, date | None]], cutoff: date) -> Stats:
        stats = cls()
        for status_class, due in items:
            stats.counts[status_class] += 1
            if due is not None and due <= cutoff:
                stats.due_counts[status_class] += 1
        return stats

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def dated(self) -> int:
        return self.total - self.counts[StatusClass.NO_DEADLINE]

    def done(self, counts: Counter[StatusClass] | None = None) -> int:
        c = self.counts if counts is None else counts
        return c[StatusClass.DONE_ON_TIME] + c[StatusClass.DONE_LATE]

    def open_in_time(self) -> int:
        return self.counts[StatusClass.OPEN_IN_TIME] + self.counts[StatusClass.DUE_SOON]

    def sentence(self) -> str:
        """The Government Office's sentence over the dated occurrences, then the rest."""
        c = self.counts
        text = texts.STATS_SENTENCE.format(
            total=self.dated,
            done=self.done(),
            on_time=c[StatusClass.DONE_ON_TIME],
            late=c[StatusClass.DONE_LATE],
            open=self.open_in_time() + c[StatusClass.OPEN_OVERDUE],
            in_time=self.open_in_time(),
            overdue=c[StatusClass.OPEN_OVERDUE],
        )
        if c[StatusClass.NO_DEADLINE]:
            text += texts.STATS_NO_DEADLINE.format(count=c[StatusClass.NO_DEADLINE])
        return text

    def bases(self) -> str:
        """The completion rate over what is already due and over everything."""
        due_total = sum(self.due_counts.values())
        return texts.STATS_BASES.format(
            due_done=self.done(self.due_counts),
            due_total=due_total,
            due_rate=_rate(self.done(self.due_counts), due_total),
            done=self.done(),
            total=self.dated,
            rate=_rate(self.done(), self.dated),
        )


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"
