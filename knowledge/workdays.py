"""The working-day calendar: the one place that says which days an office works.

Vietnamese public holidays come from the ``holidays`` package (Tết by the lunar
calendar, Hùng Kings' day, 30/4–1/5, 2/9, and the official swaps it knows:
a weekday off in exchange for a Saturday worked). Swaps are announced each
autumn, later than any package release, so admins add overrides (stored in the
database, ``storage.workdays``): an extra day off, or a make-up working day.

Progress (the "Sắp đến hạn" window) and alerts (reminders N working days before)
both count days through ``WorkCalendar``; nothing else decides what a working
day is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from sqlalchemy.orm import Session

from storage import workdays as store

_SATURDAY, _SUNDAY = 5, 6
# Safety bound for walks over the calendar (no office closes for a year).
_MAX_WALK = 400


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, weekend days worked) of one year in the package's Vietnam calendar."""
    vn = holidays.country_holidays("VN", years=[year])
    days_off = frozenset(vn.keys())
    worked = frozenset(d for d in getattr(vn, "weekend_workdays", ()) if d.year == year)
    return days_off, worked


@dataclass(frozen=True)
class WorkCalendar:
    """Weekends and Vietnamese public holidays off, with admin overrides on top.

    ``extra_days_off`` wins over everything; ``extra_workdays`` (a Saturday
    worked in exchange for a bridge day) makes any day a working day.
    """

    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_workdays: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_days_off:
            return False
        if day in self.extra_workdays:
            return True
        days_off, worked = _public_holidays(day.year)
        if day in worked:
            return True
        return day.weekday() not in (_SATURDAY, _SUNDAY) and day not in days_off

    def holiday_name(self, day: date) -> str | None:
        """The package's name of a public holiday (English), None on other days."""
        name = holidays.country_holidays("VN", years=[day.year]).get(day)
        return str(name) if name else None

    def add(self, day: date, n: int) -> date:
        """The working day ``n`` working days after ``day`` (before it when negative).

        ``add(d, 0)`` is ``d`` itself when it is a working day, else the next one.
        """
        step = 1 if n >= 0 else -1
        if n == 0:
            return self.next_on_or_after(day)
        remaining = abs(n)
        current = day
        for _ in range(_MAX_WALK * max(1, remaining)):
            current += timedelta(days=step)
            if self.is_working_day(current):
                remaining -= 1
                if remaining == 0:
                    return current
        raise ValueError("no working day found")  # pragma: no cover - needs a year off

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when
        ``end`` is before ``start``. ``between(today, due)`` = working days left."""
        return _between(self, start, end)

    def _between(self, start: date, end: date) -> int:
        if end == start:
            return 0
        if end < start:
            return -self._between(end, start)
        # Prefix counts per year: an overview asks this for every occurrence at once.
        first = _year_counts(self, start.year)
        if start.year == end.year:
            return _year_counts(self, end.year)[_day_index(end)] - first[_day_index(start)]
        between_years = sum(_year_counts(self, y)[-1] for y in range(start.year + 1, end.year))
        return (
            first[-1]
            - first[_day_index(start)]
            + between_years
            + _year_counts(self, end.year)[_day_index(end)]
        )

    def last_on_or_before(self, day: date) -> date:
        """``day`` when it is a working day, else the last working day before it
        (a due date on a Sunday is reminded on Friday)."""
        for offset in range(_MAX_WALK):
            candidate = day - timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day found")  # pragma: no cover

    def next_on_or_after(self, day: date) -> date:
        for offset in range(_MAX_WALK):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day found")  # pragma: no cover

    def working_days(self, start: date, end: date) -> list[date]:
        """Every working day from ``start`` to ``end`` inclusive."""
        return [d for d in _days(start, end) if self.is_working_day(d)]


@lru_cache(maxsize=65536)  # an overview asks for the same (due, today) pairs again and again
def _between(calendar: WorkCalendar, start: date, end: date) -> int:
    return calendar._between(start, end)


@lru_cache(maxsize=512)
def _year_counts(calendar: WorkCalendar, year: int) -> tuple[int, ...]:
    """Working days from 1 January through each day of ``year`` (index = day of year - 1)."""
    counts: list[int] = []
    running = 0
    for day in _days(date(year, 1, 1), date(year, 12, 31)):
        running += calendar.is_working_day(day)
        counts.append(running)
    return tuple(counts)


def _day_index(day: date) -> int:
    return day.timetuple().tm_yday - 1


def _days(start: date, end: date) -> Iterable[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def load_calendar(session: Session) -> WorkCalendar:
    """The calendar with the admins' overrides read from the database."""
    off: set[date] = set()
    work: set[date] = set()
    for override in store.list_overrides(session):
        (work if override.kind == store.WORKDAY else off).add(override.day)
    return WorkCalendar(extra_days_off=frozenset(off), extra_workdays=frozenset(work))
