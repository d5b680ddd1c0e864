"""Time windows named in a user's question: "quý I/2026", "tháng sau", "30 ngày tới".

``parse_time_window(text, now)`` returns the window (inclusive dates and a
Vietnamese label) or None. Questions are matched folded, so "quy 2 nam 2026"
reads like "quý II năm 2026". Words about lateness ("quá hạn", "trễ hạn") are not
windows: the answer engine handles them.

Choices: a quarter or month without a year takes a year stated elsewhere in the
question, else the year of ``now``; weeks run Monday to Sunday; "N ngày tới" is
``now`` .. ``now + N days``; "cuối năm" is December, "đầu năm" the first quarter.
A date written in a document reference ("Quyết định … ngày 31/12/2025") is not a
window; a date after "trước/đến/hạn/từ/vào" is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from knowledge import texts
from knowledge.plan.model import Deadline
from knowledge.vntime import (
    NAMED_YEAR,
    QUARTER_WORD,
    ROMAN,
    ROMAN_OUT,
    add_months,
    collapse,
    match_form,
    month_bounds,
    plausible_year,
    quarter_bounds,
    valid_day,
    year_bounds,
)


@dataclass(frozen=True)
class TimeWindow:
    start: date  # inclusive
    end: date  # inclusive
    label: str  # Vietnamese, shown back to the user: "quý II/2026"
    matched: str = ""  # the words of the question that named the window

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def holds(self, deadline: Deadline) -> bool:
        """True when one of the deadline's due dates falls in the window."""
        return any(self.contains(d) for d in deadline.due_dates)


_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
_RANGE = re.compile(r"\btu\s+(?:ngay\s+)?" + _DATE + r"\s*(?:den|-)\s*(?:ngay\s+)?" + _DATE)
_CUE_DATE = re.compile(r"\b(truoc|den|han|vao|tu)\s+(?:ngay\s+)?" + _DATE)
_REF_DATE = re.compile(
    r"\bngay\s+\d{1,2}\s*(?:/|-|\.|thang)\s*\d{1,2}\s*(?:/|-|\.|,?\s*nam)\s*\d{4}"
)
_NEXT_N = re.compile(
    r"\b(\d{1,3})\s+(ngay|tuan|thang)\s+(?:toi|sap\s+toi|ke\s+tiep|tiep\s+theo|nua)\b"
)
_SOON = re.compile(r"\bsap\s+(?:den|toi)\s+han\b")
# "sắp đến hạn trong tháng tới" (asked 10/6): due from today for a month, so 30/6 is in it;
# "tháng tới có nhiệm vụ gì" alone is next month on the calendar.
_SOON_NEXT = re.compile(
    r"\bsap\s+(?:den|toi)\s+han\s+(?:trong\s+)?(?P<unit>tuan|thang)\s+"
    r"(?:toi|sap\s+toi|ke\s+tiep|tiep\s+theo)\b"
)
# "tính đến hôm nay" says as of when, not a window: "… đã quá hạn tính đến hôm nay".
_TODAY = re.compile(r"(?<!den )(?<!toi )\bhom\s+nay\b")
_TOMORROW = re.compile(r"\bngay\s+mai\b")
_WEEK = re.compile(r"\btuan\s+(nay|sau|toi|ke\s+tiep|truoc)\b")
_MONTH_N = re.compile(r"\bthang\s*(\d{1,2})(?!\d)(?:\s*(?:/|-|\.|nam)\s*(20\d{2})(?!\d))?")
_MONTH_REL = re.compile(r"\bthang\s+(nay|sau|toi|ke\s+tiep|truoc)\b")
_QUARTER_WORDS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "bon": 4}
# "quý II", "quy 2", and the short "Q2/2026", "q4" (a "q" only before a quarter's digit).
_QUARTER_N = re.compile(
    rf"\b(?:quy\s*|q(?=[1-4]))({QUARTER_WORD}|nhat|mot|hai|ba|bon)(?![a-z0-9])"
    r"(?:\s*(?:/|-|\.|nam)\s*(20\d{2})(?!\d))?"
)
_QUARTER_REL = re.compile(r"\bquy\s+(nay|sau|toi|ke\s+tiep|truoc)\b")
_HALF = re.compile(
    r"\b(?:0?6|sau)\s+thang\s+(dau|cuoi)\s+nam\b(?:\s*(20\d{2})(?!\d)|\s+(nay|sau|toi))?"
)
_HALF_NO_YEAR = re.compile(r"\bnua\s+(dau|cuoi)\s+nam\b")
_YEAR_EDGE = re.compile(r"\b(cuoi|dau)\s+nam\b(?:\s*(20\d{2})(?!\d)|\s+(nay|sau|toi))?")
_YEAR_REL = re.compile(r"\bnam\s+(nay|sau|toi|ke\s+tiep|truoc|ngoai)\b")
_ANY_YEAR = re.compile(r"(?:\bnam\s*|/)(20\d{2})(?!\d)")
# "Kế hoạch … năm 2026" names a document, not a window, unless the question asks
# about due dates.
_DOC_BEFORE = re.compile(
    r"\b(?:ke\s+hoach|chuong\s+trinh|de\s+an|bao\s+cao|quyet\s+dinh|nghi\s+quyet|chi\s+thi"
    r"|cong\s+van|thong\s+bao|van\s+ban|giai\s+doan)\b[^.?!]{0,60}$"
)
_DUE_CUE = re.compile(r"\b(?:han|hoan\s+thanh|xong|phai\s+lam|can\s+lam|trong\s+nam)\b")
_REL_YEAR = {"nay": 0, "sau": 1, "toi": 1, "ke tiep": 1, "truoc": -1, "ngoai": -1}


def _f(d: date) -> str:
    return texts.fmt_date(d)


def _window(start: date, end: date, label: str, text: str, m: re.Match[str]) -> TimeWindow:
    return TimeWindow(start, end, label, text[m.start() : m.end()].strip())


def _year_of(s: str, now: date) -> int:
    """The year the question states anywhere ("năm 2026", "/2026", "năm sau"), else now's."""
    m = _ANY_YEAR.search(s)
    if m and plausible_year(int(m.group(1))):
        return int(m.group(1))
    rel = _YEAR_REL.search(s)
    return now.year + _REL_YEAR.get(rel.group(1), 1) if rel else now.year


def _date(d: str, mo: str, y: str | None, default_year: int) -> date | None:
    return valid_day(int(y) if y else default_year, int(mo), int(d))


def _range(s: str, text: str, now: date) -> TimeWindow | None:
    m = _RANGE.search(s)
    if not m:
        return None
    end = _date(m.group(4), m.group(5), m.group(6), now.year)
    start = _date(m.group(1), m.group(2), m.group(3) or (m.group(6) or None), now.year)
    if not (start and end) or end < start:
        return None
    return _window(start, end, texts.WINDOW_RANGE.format(start=_f(start), end=_f(end)), text, m)


def _cue_date(s: str, text: str, now: date) -> TimeWindow | None:
    m = _CUE_DATE.search(s)
    if not m:
        return None
    day = _date(m.group(2), m.group(3), m.group(4), now.year)
    if day is None:
        return None
    cue = m.group(1)
    if cue in ("truoc", "den") and day >= now:
        return _window(now, day, texts.WINDOW_UNTIL.format(end=_f(day)), text, m)
    if cue == "tu":
        end = max(day, now)
        return _window(day, end, texts.WINDOW_RANGE.format(start=_f(day), end=_f(end)), text, m)
    return _window(day, day, texts.WINDOW_DAY.format(day=_f(day)), text, m)


def _next_n(s: str, text: str, now: date) -> TimeWindow | None:
    m = _NEXT_N.search(s) or _SOON_NEXT.search(s)
    if m:
        n, unit = (int(m.group(1)), m.group(2)) if m.re is _NEXT_N else (1, m.group("unit"))
        if unit == "ngay":
            end, tpl = now + timedelta(days=n), texts.WINDOW_NEXT_DAYS
        elif unit == "tuan":
            end, tpl = now + timedelta(weeks=n), texts.WINDOW_NEXT_WEEKS
        else:
            end, tpl = add_months(now, n), texts.WINDOW_NEXT_MONTHS
        return _window(now, end, tpl.format(n=n, start=_f(now), end=_f(end)), text, m)
    return None


def _soon(s: str, text: str, now: date) -> TimeWindow | None:
    """ "sắp đến hạn" alone: the next 30 days (a named period, "quý III", comes first)."""
    m = _SOON.search(s)
    if m:
        end = now + timedelta(days=30)
        label = texts.WINDOW_NEXT_DAYS.format(n=30, start=_f(now), end=_f(end))
        return _window(now, end, label, text, m)
    return None


def _days(s: str, text: str, now: date) -> TimeWindow | None:
    m = _TODAY.search(s)
    if m:
        return _window(now, now, texts.WINDOW_TODAY.format(day=_f(now)), text, m)
    m = _TOMORROW.search(s)
    if m:
        day = now + timedelta(days=1)
        return _window(day, day, texts.WINDOW_TOMORROW.format(day=_f(day)), text, m)
    return None


def _week(s: str, text: str, now: date) -> TimeWindow | None:
    m = _WEEK.search(s)
    if not m:
        return None
    shift = {"nay": 0, "truoc": -1}.get(m.group(1), 1)
    start = now - timedelta(days=now.weekday()) + timedelta(weeks=shift)
    end = start + timedelta(days=6)
    tpl = {0: texts.WINDOW_THIS_WEEK, 1: texts.WINDOW_NEXT_WEEK}.get(shift, texts.WINDOW_LAST_WEEK)
    return _window(start, end, tpl.format(start=_f(start), end=_f(end)), text, m)


def _month_window(year: int, month: int, text: str, m: re.Match[str]) -> TimeWindow:
    start, end = month_bounds(year, month)
    return _window(start, end, texts.WINDOW_MONTH.format(month=month, year=year), text, m)


def _month(s: str, text: str, now: date) -> TimeWindow | None:
    m = _MONTH_REL.search(s)
    if m:
        shift = {"nay": 0, "truoc": -1}.get(m.group(1), 1)
        first = add_months(now.replace(day=1), shift)
        return _month_window(first.year, first.month, text, m)
    for m in _MONTH_N.finditer(s):
        month = int(m.group(1))
        if 1 <= month <= 12:
            year = int(m.group(2)) if m.group(2) else _year_of(s, now)
            return _month_window(year, month, text, m)
    return None


def _quarter_window(year: int, q: int, text: str, m: re.Match[str]) -> TimeWindow:
    start, end = quarter_bounds(year, q)
    label = texts.WINDOW_QUARTER.format(quarter=ROMAN_OUT[q], year=year)
    return _window(start, end, label, text, m)


def _quarter(s: str, text: str, now: date) -> TimeWindow | None:
    m = _QUARTER_REL.search(s)
    if m:
        shift = {"nay": 0, "truoc": -1}.get(m.group(1), 1)
        first = add_months(date(now.year, 3 * ((now.month - 1) // 3) + 1, 1), 3 * shift)
        return _quarter_window(first.year, (first.month - 1) // 3 + 1, text, m)
    m = _QUARTER_N.search(s)
    if m:
        year = int(m.group(2)) if m.group(2) else _year_of(s, now)
        q = ROMAN.get(m.group(1)) or _QUARTER_WORDS[m.group(1)]
        return _quarter_window(year, q, text, m)
    return None


def _rel_year(word: str | None, digits: str | None, s: str, now: date) -> int:
    if digits:
        return int(digits)
    if word:
        return now.year + _REL_YEAR.get(word, 0)
    return _year_of(s, now)


def _half(s: str, text: str, now: date) -> TimeWindow | None:
    m = _HALF.search(s) or _HALF_NO_YEAR.search(s)
    if not m:
        return None
    groups = m.groups() + (None, None)
    year = _rel_year(groups[2], groups[1], s, now)
    if m.group(1) == "dau":
        label = texts.WINDOW_FIRST_HALF.format(year=year)
        return _window(date(year, 1, 1), date(year, 6, 30), label, text, m)
    label = texts.WINDOW_SECOND_HALF.format(year=year)
    return _window(date(year, 7, 1), date(year, 12, 31), label, text, m)


def _year_edge(s: str, text: str, now: date) -> TimeWindow | None:
    m = _YEAR_EDGE.search(s)
    if not m:
        return None
    year = _rel_year(m.group(3), m.group(2), s, now)
    if m.group(1) == "cuoi":
        start, end = month_bounds(year, 12)
        return _window(start, end, texts.WINDOW_YEAR_END.format(year=year), text, m)
    start, end = quarter_bounds(year, 1)
    return _window(start, end, texts.WINDOW_YEAR_START.format(year=year), text, m)


def _year(s: str, text: str, now: date) -> TimeWindow | None:
    m = _YEAR_REL.search(s)
    if m:
        year = now.year + _REL_YEAR.get(m.group(1), 1)
    else:
        m = NAMED_YEAR.search(s)
        if not m or (_DOC_BEFORE.search(s[: m.start()]) and not _DUE_CUE.search(s)):
            return None
        year = int(m.group(1))
    start, end = year_bounds(year)
    return _window(start, end, texts.WINDOW_YEAR.format(year=year), text, m)


# Most specific first: a question naming "quý II năm 2026" wants the quarter.
_READERS: list[Callable[[str, str, date], TimeWindow | None]] = [
    _range,
    _cue_date,
    _next_n,
    _days,
    _week,
    _half,
    _quarter,
    _month,
    _year_edge,
    _year,
    _soon,
]


def _mask_references(s: str) -> str:
    """Blank dates that cite a document ("… ngày 25 tháng 01 năm 2024") so they
    are not read as months or years; keep those after a deadline cue."""

    def blank(m: re.Match[str]) -> str:
        before = s[max(0, m.start() - 12) : m.start()]
        if re.search(r"\b(?:truoc|den|han|vao|tu)\s*$", before):
            return m.group(0)
        return " " * len(m.group(0))

    return _REF_DATE.sub(blank, s)


# One period of a reporting rhythm: "quý I", "6 tháng" (not "6 tháng đầu năm"), "9 tháng",
# "năm" closing the list.
_PERIOD = (
    rf"(?:quy\s*(?:{QUARTER_WORD})(?![a-z0-9])|0?[69]\s+thang(?!\s+(?:dau|cuoi))|ca\s+nam|nam\b)"
)
_PERIOD_LIST = re.compile(rf"\b{_PERIOD}(?:\s*(?:,|va|;)\s*{_PERIOD})+")
_PART_YEAR = re.compile(r"\b0?[69]\s+thang\b")


def _mask_rhythm(s: str) -> str:
    """Blank a list of report periods ("báo cáo quý I, 6 tháng, quý III và năm"): it names
    how often something is reported, not when the asker's tasks fall due. A list counts
    when it holds a half-year or nine-month period, or three periods or more; "quý I và
    quý II" alone stays a window."""

    def blank(m: re.Match[str]) -> str:
        run = m.group(0)
        items = len(re.findall(r",|\bva\b|;", run)) + 1
        if items >= 3 or _PART_YEAR.search(run):
            return " " * len(run)
        return run

    return _PERIOD_LIST.sub(blank, s)


def _masked(original: str) -> str:
    return _mask_rhythm(_mask_references(match_form(original)))


def parse_quarter(text: str, now: date) -> TimeWindow | None:
    """The quarter a question names ("quý II/2026", "q4"), or None when it names none."""
    original = collapse(text)
    window = _quarter(_masked(original), original, now)
    return window if window is not None and plausible_year(window.start.year) else None


def parse_time_window(text: str, now: date) -> TimeWindow | None:
    """The time window a question names, relative to ``now``; None when it names none."""
    original = collapse(text)
    s = _masked(original)
    for reader in _READERS:
        window = reader(s, original, now)
        if window is not None and plausible_year(window.start.year):
            return window
    return None
