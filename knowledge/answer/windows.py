"""Time windows in questions ("quý II", texts.WIN_THIS_MONTH, "30 ngày tới"), relative to ``now``.

``knowledge.timewindows.parse_time_window`` (the deadlines area) is used when it
exists; this small reader covers the common phrases on its own so answering
never depends on it.
"""

from __future__ import annotations

import calendar
import importlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from knowledge import texts
from knowledge.text import fold


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    label: str


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_NEXT_DAYS = re.compile(r"\b(\d{1,3})\s+ngay\s+(?:toi|sap toi|ke tiep|tiep theo|nua)\b")
_HALF = re.compile(r"\b6 thang (dau|cuoi) nam\b(?:\s*(\d{4}))?")
_YEAR = re.compile(r"\bnam\s+(\d{4})\b")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _quarter(y: int, q: int) -> Window:
    start = date(y, 3 * q - 2, 1)
    roman = ["I", "II", "III", "IV"][q - 1]
    return Window(start, _month_end(y, 3 * q), texts.WIN_QUARTER.format(roman=roman, year=y))


def _relative(q: str, today: date) -> Window | None:
    if "tuan nay" in q:
        start = today - timedelta(days=today.weekday())
        return Window(start, start + timedelta(days=6), texts.WIN_THIS_WEEK)
    if "tuan sau" in q or "tuan toi" in q:
        start = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return Window(start, start + timedelta(days=6), texts.WIN_NEXT_WEEK)
    if "thang nay" in q:
        return Window(
            today.replace(day=1), _month_end(today.year, today.month), texts.WIN_THIS_MONTH
        )
    if "thang sau" in q or "thang toi" in q:
        y, m = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return Window(date(y, m, 1), _month_end(y, m), texts.WIN_NEXT_MONTH)
    if "quy nay" in q:
        return _quarter(today.year, (today.month - 1) // 3 + 1)
    if "quy sau" in q or "quy toi" in q:
        qn = (today.month - 1) // 3 + 2
        return _quarter(today.year + (qn > 4), (qn - 1) % 4 + 1)
    if "nam nay" in q:
        return Window(
            date(today.year, 1, 1), date(today.year, 12, 31), texts.WIN_YEAR.format(year=today.year)
        )
    if "nam sau" in q or "nam toi" in q:
        nxt = today.year + 1
        return Window(date(nxt, 1, 1), date(nxt, 12, 31), texts.WIN_YEAR.format(year=nxt))
    days = _NEXT_DAYS.search(q)
    if days:
        n = int(days.group(1))
        return Window(today, today + timedelta(days=n), texts.WIN_NEXT_DAYS.format(days=n))
    if "sap den han" in q or "sap toi han" in q:
        return Window(today, today + timedelta(days=30), texts.WIN_NEXT_DAYS.format(days=30))
    return None


def _own_parse(text: str, today: date) -> Window | None:
    q = fold(text)
    rel = _relative(q, today)
    if rel is not None:
        return rel
    m = _QUARTER.search(q)
    if m:
        return _quarter(int(m.group(2) or today.year), _ROMAN[m.group(1)])
    m = _HALF.search(q)
    if m:
        y = int(m.group(2) or today.year)
        if m.group(1) == "dau":
            return Window(date(y, 1, 1), date(y, 6, 30), texts.WIN_FIRST_HALF.format(year=y))
        return Window(date(y, 7, 1), date(y, 12, 31), texts.WIN_SECOND_HALF.format(year=y))
    m = _MONTH.search(q)
    if m and 1 <= int(m.group(1)) <= 12:
        y, mo = int(m.group(2) or today.year), int(m.group(1))
        return Window(date(y, mo, 1), _month_end(y, mo), texts.WIN_MONTH.format(month=mo, year=y))
    m = _YEAR.search(q)
    if m and ("den han" in q or "het han" in q or "hoan thanh" in q or "trong nam" in q):
        y = int(m.group(1))
        return Window(date(y, 1, 1), date(y, 12, 31), texts.WIN_YEAR.format(year=y))
    return None


def parse_window(text: str, today: date) -> Window | None:
    """The time window a question names, or None."""
    try:  # the deadlines area's richer reader, when present
        timewindows: Any = importlib.import_module("knowledge.timewindows")
    except ImportError:
        timewindows = None
    if timewindows is not None:
        try:
            found: Any = timewindows.parse_time_window(text, today)
        except Exception:  # noqa: BLE001 - fall back to our own reader
            found = None
        if found is not None and getattr(found, "start", None) and getattr(found, "end", None):
            start, end = found.start, found.end
            start = start.date() if hasattr(start, "date") and callable(start.date) else start
            end = end.date() if hasattr(end, "date") and callable(end.date) else end
            return Window(start, end, str(getattr(found, "label", "") or ""))
    return _own_parse(text, today)
