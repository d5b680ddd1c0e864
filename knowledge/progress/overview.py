"""Where every unit stands: counts by class per unit, the overdue list, who has not
reported this period. Read from the board, so it agrees with the export."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from knowledge.progress.board import Board, BoardRow, to_local
from knowledge.progress.status import Stats, StatusClass
from knowledge.vntime import quarter_bounds


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    name: str
    counts: Counter[StatusClass]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[StatusClass.DONE_ON_TIME] + self.counts[StatusClass.DONE_LATE]


@dataclass(frozen=True)
class Overview:
    today: date
    period_start: date  # "this period" = the current quarter
    stats: Stats
    units: list[UnitLine]  # most overdue first
    overdue: list[BoardRow]  # most days overdue first
    not_reported: list[str]  # units with work this period and no report since it began


def overview(board: Board, tz: ZoneInfo) -> Overview:
    today = board.today
    period_start, period_end = quarter_bounds(today.year, (today.month - 1) // 3 + 1)
    counts: dict[int, Counter[StatusClass]] = defaultdict(Counter)
    names: dict[int, str] = {}
    active: set[int] = set()  # units with an occurrence open or due this period
    for row in board.rows:
        for unit_id, name in row.task.lead:
            names[unit_id] = name
            counts[unit_id][row.status_class] += 1
            if _in_period(row, period_start, period_end):
                active.add(unit_id)
    units = sorted(
        (UnitLine(uid, names[uid], c) for uid, c in counts.items()),
        key=lambda u: (-u.counts[StatusClass.OPEN_OVERDUE], -u.total, u.name),
    )
    overdue = sorted(
        (r for r in board.rows if r.status_class is StatusClass.OPEN_OVERDUE),
        key=lambda r: (-r.days_overdue, r.task.document_id, r.task.ordinal),
    )
    since = datetime.combine(period_start, datetime.min.time(), tzinfo=tz)
    not_reported = sorted(
        names[uid]
        for uid in active
        if uid not in board.reported_units or to_local(board.reported_units[uid], tz) < since
    )
    return Overview(today, period_start, board.stats(), units, overdue, not_reported)


def _in_period(row: BoardRow, start: date, end: date) -> bool:
    """Work a unit owes a report on this quarter: due in it, overdue, or ongoing."""
    due = row.occurrence.due
    if due is None:
        return True  # ongoing work is asked for a quarterly update
    return start <= due <= end or (due < start and not row.status_class.done)
