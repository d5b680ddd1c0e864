"""Working-day arithmetic in O(1) over a window of dates.

``WorkCalendar`` walks day by day, which is right for one question and too slow
for 50,000 tasks a tick. ``DayIndex`` asks the calendar once per day of a
window and answers ``between``/``add``/``last_on_or_before`` by lookups; outside
the window it defers to the calendar, so answers are always the calendar's.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

from knowledge.workdays import WorkCalendar

WINDOW_DAYS = 800


class DayIndex:
    def __init__(self, calendar: WorkCalendar, center: date, radius: int = WINDOW_DAYS) -> None:
        self.calendar = calendar
        self.lo = center - timedelta(days=radius)
        self.hi = center + timedelta(days=radius)
        self._work: list[date] = calendar.working_days(self.lo, self.hi)
        self._set = frozenset(self._work)

    def _inside(self, *days: date) -> bool:
        return all(self.lo <= d <= self.hi for d in days)

    def is_working_day(self, day: date) -> bool:
        if self._inside(day):
            return day in self._set
        return self.calendar.is_working_day(day)

    def _count_to(self, day: date) -> int:
        """Working days in the window up to and including ``day``."""
        return bisect_right(self._work, day)

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if before)."""
        if not self._inside(start, end):
            return self.calendar.between(start, end)
        return self._count_to(end) - self._count_to(start)

    def last_on_or_before(self, day: date) -> date:
        i = self._count_to(day) - 1
        if self._inside(day) and i >= 0:
            return self._work[i]
        return self.calendar.last_on_or_before(day)

    def add(self, day: date, n: int) -> date:
        """``n`` working days after ``day`` (before it when negative)."""
        if self._inside(day):
            if n > 0:
                i = bisect_right(self._work, day) + n - 1
            elif n < 0:
                i = bisect_left(self._work, day) + n
            else:
                i = bisect_left(self._work, day)
            if 0 <= i < len(self._work):
                return self._work[i]
        return self.calendar.add(day, n)

    def first_of_week(self, day: date) -> bool:
        """``day`` is the week's first working day (Tuesday when Monday is a holiday)."""
        if not self.is_working_day(day):
            return False
        monday = day - timedelta(days=day.weekday())
        return all(
            not self.is_working_day(monday + timedelta(days=i)) for i in range(day.weekday())
        )


@lru_cache(maxsize=16)
def day_index(calendar: WorkCalendar, center: date, radius: int = WINDOW_DAYS) -> DayIndex:
    """A shared index per calendar and day (ticks of one day reuse it)."""
    return DayIndex(calendar, center, radius)
