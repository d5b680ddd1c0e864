"""Vietnamese deadline expressions -> ``Deadline`` (owned by the deadlines area).

Conventions (issue 2, "Deadlines"): a month means its last day, a quarter its
last day, a year (or "Trong năm" with the plan's year) the 31 December, "6 tháng"
the 30 June; an explicit date (also "trước ngày 15/01/2026") is that day. Ongoing,
recurring, event-relative and unspecified deadlines never get an invented date.

Decisions where the plans are vague:

* A cadence wins over "thường xuyên": "Thường xuyên, định kỳ hằng quý báo cáo" is
  recurring quarterly (the cadence is what an alert can act on).
* "… và các năm tiếp theo", "Từ 01/7/2025" are ongoing from the period's start.
* "Cuối quý I, đầu quý II/2024" is one window ending with April 2024
  ("đầu quý" = its first month), not two due dates.
* A cell that does not read as a time expression (a product that landed in the
  deadline column, "Báo cáo … năm 2024") yields no date: kind "unspecified".
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
    QUARTER_NUM,
    QUARTER_WORD,
    ROMAN,
    collapse,
    match_form,
    month_bounds,
    plausible_year,
    quarter_bounds,
    valid_day,
    year_bounds,
)

Bounds = tuple[date, date]

# --- Labels and fillers around the time expression ---------------------------

_LABEL = re.compile(
    r"^\s*+(?:[a-z0-9]\)\s*+)?[-+•.]?\s*+(?:thoi\s+(?:gian|han)(?:\s+(?:du\s+kien\s+)?"
    r"(?:thuc\s+hien|hoan\s+thanh|giai\s+quyet))?(?:\s*/\s*hoan\s+thanh)?|tien\s+do)\s*:\s*"
)
_LEAD_FILLER = re.compile(
    r"^(?:[-+•.,;:()\s]+|(?:hoan\s+thanh|thuc\s+hien|trien\s+khai|nhiem\s+vu|dam\s+bao|"
    r"bao\s+dam|theo\s+doi|don\s+doc|du\s+kien|cham\s+nhat|dot\s*\d+|lan\s*\d+)\b)"
)

# --- Kinds of phrase ---------------------------------------------------------

_RECURRENCE: list[tuple[str, re.Pattern[str]]] = [
    (
        "half-yearly",
        re.compile(r"\b(?:dinh\s+ky|moi|hang)\s+0?6\s+thang\b|\b0?6\s+thang\s*(?:/|mot)\s*lan\b"),
    ),
    ("daily", re.compile(r"\b(?:hang|moi)\s+ngay\b")),
    ("weekly", re.compile(r"\b(?:hang|moi)\s+tuan\b")),
    ("monthly", re.compile(r"\b(?:hang|moi)\s+thang\b")),
    ("quarterly", re.compile(r"\b(?:hang|moi|dinh\s+ky)\s+quy\b(?!\s+(?:dinh|trinh|che))")),
    ("yearly", re.compile(r"\b(?:hang|moi)\s+nam\b|\bdinh\s+ky\s+nam\b")),
]
_ONGOING = re.compile(r"\bthuong\s+xuyen\b|\blien\s+tuc\b")
_OPEN_ENDED = re.compile(r"\b(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau)\b|\btro\s+di\b|\bve\s+sau\b")
_FROM = re.compile(r"(?:^|[\s,;(])(?:ke\s+)?tu\s+(?=(?:ngay|thang|quy|nam|\d{1,2}\s*/|20\d{2}))")
_UNTIL = re.compile(r"\bden\b")
_EVENT = re.compile(
    r"\bsau\s+khi\b|\bden\s+khi\b|\bke\s+tu\b(?!\s+(?:ngay\s+)?\d)|\bkhi\s+co\b"
    r"|\bkhi\s+xay\s+ra\b|\btruoc\s+mua\b"  # "Khi xảy ra cháy rừng", "Trước mùa khô 2026 - 2027"
)
# "trong mùa khô", "mùa mưa bão": a season qualifies a cadence as a time word does.
_SEASON = re.compile(r"\b(?:trong\s+)?mua\s+(?:mua\s+bao|mua\s+lu|kho|mua|lu|bao)\b")
_EVENT_OFFSET = re.compile(
    r"\b(\d{1,3})\s+(ngay|tuan|thang|nam)(?:\s+lam\s+viec)?\s+(?:ke\s+tu|sau)\b"
    r"|\btrong\s+(?:thoi\s+han|vong)\s+(\d{1,3})\s+(ngay|tuan|thang|nam)\b"
)
_IMMEDIATELY = re.compile(r"\bngay\s+(?:lap\s+tuc\s+)?sau\s+khi\b")
_UNIT_DAYS = {"ngay": 1, "tuan": 7, "thang": 30, "nam": 365}

# --- Date mentions ------------------------------------------------------------

_MOD = r"(?:(cuoi|dau|giua|het)\s+)?"
_YEAR_TAIL = r"(?:\s*(?:/|-|\.|,|nam|\s)\s*(20\d{2})(?!\d))?"
_FULL_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_WRITTEN_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?")
_YEAR_RANGE = re.compile(
    r"(?:\b(?:giai\s+doan|nam|tu\s+nam)\s+)?(?<!\d)(20\d{2})\s*(?:-|den(?:\s+nam)?)\s*(20\d{2})(?!\d)"
)
# Lists and ranges: "Quý I, II/2026", "Quý II- IV năm 2026", "Tháng 6 - 12/2025".
_SEP = r"\s*(?:,|;|-|va|den)\s*"
_Q = rf"(?:{QUARTER_WORD})(?![a-z0-9])"
_QUARTER = re.compile(rf"\b{_MOD}quy\s*({_Q}(?:{_SEP}(?:quy\s*)?{_Q})*){_YEAR_TAIL}")
_SERIES_TOKEN = re.compile(r"(iv|iii|ii|i|\d{1,2})(?![a-z0-9])|(-|\bden\b)")
_PART = re.compile(
    r"(?<![\d/])0?([369])\s*thang(?:\s+(dau|cuoi)(?:\s+nam)?)?(?:\s*(?:/|nam)?\s*(20\d{2})(?!\d))?"
)
_MONTH = re.compile(
    rf"\b{_MOD}thang\s*(\d{{1,2}}(?!\d)(?:{_SEP}(?:thang\s*)?\d{{1,2}}(?!\d))*){_YEAR_TAIL}"
)
# "tuần đầu tháng 5", "Tuần thứ ba tháng 5/2026", "tuần cuối tháng 11": a week of a month.
_WEEK_OF_MONTH = re.compile(
    r"\btuan\s+(dau|cuoi|thu\s+(?:nhat|hai|ba|tu|[1-4]))\s+(?:cua\s+)?thang\s*(\d{1,2})(?!\d)"
    + _YEAR_TAIL
)
_WEEK_ENDS = {"dau": 7, "nhat": 7, "1": 7, "hai": 14, "2": 14, "ba": 21, "3": 21, "tu": 28, "4": 28}
_DAY_MONTH = re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_YEAR_MOD = re.compile(r"\b(cuoi|dau|giua|trong|het|ca)\s+nam\b(?:\s*(20\d{2})(?!\d))?")
_BARE_YEAR = re.compile(r"(?<![\d/.])(20\d{2})(?![\d/])")
_NOISE = re.compile(r"\b(?:dot|lan)\s*\d+\b|\b\d+/20\d{2}/[a-z]")


@dataclass
class _Mention:
    """One date-like piece of a phrase; ``bounds`` resolves it once its year is known."""

    span: tuple[int, int]
    year: int | None
    bounds: Callable[[int], Bounds | None]
    mod: str | None = None
    is_range: bool = False

    def resolve(self, year: int | None) -> Bounds | None:
        y = self.year if self.year is not None else year
        return self.bounds(y) if y is not None and plausible_year(y) else None


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _day(d: int, m: int) -> Callable[[int], Bounds | None]:
    def bounds(y: int) -> Bounds | None:
        day = valid_day(y, m, d)
        return (day, day) if day else None

    return bounds


def _month(m: int, last: int | None, mod: str | None) -> Callable[[int], Bounds | None]:
    def bounds(y: int) -> Bounds | None:
        start, end = month_bounds(y, m)
        if last is not None:
            return start, month_bounds(y, last)[1]
        if mod == "dau":
            return start, date(y, m, 10)
        if mod == "giua":
            return start, date(y, m, 20)
        return start, end

    return bounds


def _series(text: str, numerals: dict[str, int], top: int) -> list[tuple[int, int | None]]:
    """ "i, ii" -> [(1, None), (2, None)]; "ii- iv" -> [(2, 4)]: listed or ranged periods."""
    out: list[tuple[int, int | None]] = []
    ranged = False
    for m in _SERIES_TOKEN.finditer(text):
        if m.group(2):
            ranged = bool(out)
            continue
        n = numerals.get(m.group(1))
        if n is None or not 1 <= n <= top:
            continue
        if ranged and out and out[-1][1] is None and n > out[-1][0]:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, None))
        ranged = False
    return out


def _quarter(q1: int, q2: int | None, mod: str | None) -> Callable[[int], Bounds]:
    def bounds(y: int) -> Bounds:
        start, end = quarter_bounds(y, q1)
        if q2 is not None:
            return start, quarter_bounds(y, q2)[1]
        if mod == "dau":  # the quarter's first month
            return month_bounds(y, 3 * q1 - 2)
        if mod in ("cuoi", "het"):  # its last month; the due day stays the quarter's end
            return month_bounds(y, 3 * q1)
        if mod == "giua":
            return month_bounds(y, 3 * q1 - 1)
        return start, end

    return bounds


def _part(n: int, which: str | None) -> Callable[[int], Bounds]:
    """ "6 tháng (đầu năm)" -> Jan..Jun; "6 tháng cuối năm" -> Jul..Dec; "9 tháng"."""

    def bounds(y: int) -> Bounds:
        if which == "cuoi":
            return month_bounds(y, 13 - n)[0], date(y, 12, 31)
        return date(y, 1, 1), month_bounds(y, n)[1]

    return bounds


def _year(mod: str | None) -> Callable[[int], Bounds]:
    def bounds(y: int) -> Bounds:
        if mod == "dau":
            return quarter_bounds(y, 1)
        if mod == "giua":
            return date(y, 4, 1), date(y, 6, 30)
        if mod in ("cuoi", "het"):
            return month_bounds(y, 12)
        return year_bounds(y)

    return bounds


def _year_range(y1: int, y2: int) -> Callable[[int], Bounds]:
    return lambda _y: (date(y1, 1, 1), date(y2, 12, 31))


def _scan(s: str) -> list[_Mention]:
    """Every date mention in folded text, earliest first; a matched span is masked
    so that the year inside "Quý I/2026" is not read again as "2026"."""
    found: list[_Mention] = []
    buf = list(_NOISE.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), s))

    def take(rx: re.Pattern[str], make: Callable[[re.Match[str]], list[_Mention]]) -> None:
        for m in rx.finditer("".join(buf)):
            mentions = make(m)
            if not mentions:
                continue
            found.extend(mentions)
            buf[m.start() : m.end()] = " " * (m.end() - m.start())

    def one(
        fn: Callable[[re.Match[str]], _Mention | None],
    ) -> Callable[[re.Match[str]], list[_Mention]]:
        return lambda m: [x for x in [fn(m)] if x is not None]

    def full_date(m: re.Match[str]) -> _Mention:
        return _Mention(m.span(), int(m.group(4)), _day(int(m.group(1)), int(m.group(3))))

    def written_date(m: re.Match[str]) -> _Mention:
        d, mo = int(m.group(1)), int(m.group(2))
        return _Mention(m.span(), _int(m.group(3)), _day(d, mo))

    def year_range(m: re.Match[str]) -> _Mention | None:
        y1, y2 = int(m.group(1)), int(m.group(2))
        if y2 < y1:
            return None
        return _Mention(m.span(), y2, _year_range(y1, y2), is_range=True)

    def quarter(m: re.Match[str]) -> list[_Mention]:
        year, mod = _int(m.group(3)), m.group(1)
        return [
            _Mention(m.span(), year, _quarter(a, b, mod), mod, b is not None)
            for a, b in _series(m.group(2), ROMAN, 4)
        ]

    def part(m: re.Match[str]) -> _Mention:
        return _Mention(m.span(), _int(m.group(3)), _part(int(m.group(1)), m.group(2)))

    def month(m: re.Match[str]) -> list[_Mention]:
        year, mod = _int(m.group(3)), m.group(1)
        months = {str(n): n for n in range(1, 13)} | {f"0{n}": n for n in range(1, 10)}
        return [
            _Mention(m.span(), year, _month(a, b, mod), mod, b is not None)
            for a, b in _series(m.group(2), months, 12)
        ]

    def week_of_month(m: re.Match[str]) -> _Mention | None:
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        which = m.group(1).split()[-1]
        if which == "cuoi":
            return _Mention(m.span(), _int(m.group(3)), _month(month, None, None))
        return _Mention(m.span(), _int(m.group(3)), _day(_WEEK_ENDS[which], month))

    def day_month(m: re.Match[str]) -> _Mention | None:
        d, mo = int(m.group(1)), int(m.group(2))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return _Mention(m.span(), None, _day(d, mo))

    def year_mod(m: re.Match[str]) -> _Mention:
        mod = m.group(1) if m.group(1) in ("cuoi", "dau", "giua", "het") else None
        return _Mention(m.span(), _int(m.group(2)), _year(mod), mod)

    def named_year(m: re.Match[str]) -> _Mention:
        return _Mention(m.span(), int(m.group(1)), _year(None))

    take(_FULL_DATE, one(full_date))
    take(_WRITTEN_DATE, one(written_date))
    take(_YEAR_RANGE, one(year_range))
    take(_QUARTER, quarter)
    take(_PART, one(part))
    take(_WEEK_OF_MONTH, one(week_of_month))
    take(_MONTH, month)
    take(_DAY_MONTH, one(day_month))
    take(_YEAR_MOD, one(year_mod))
    take(NAMED_YEAR, one(named_year))
    take(_BARE_YEAR, one(named_year))
    return sorted(found, key=lambda x: x.span)


def _resolve(mentions: list[_Mention], plan_year: int | None) -> list[tuple[_Mention, Bounds]]:
    """Give year-less mentions the nearest year the phrase states ("Quý II, Quý
    IV/2024": the following one first), else the plan's year."""
    out: list[tuple[_Mention, Bounds]] = []
    for i, m in enumerate(mentions):
        year = m.year
        if year is None:
            after = [x.year for x in mentions[i + 1 :] if x.year is not None]
            before = [x.year for x in mentions[:i] if x.year is not None]
            year = after[0] if after else (before[-1] if before else plan_year)
        b = m.resolve(year)
        if b is not None:
            out.append((m, b))
    return _merge_boundaries(out)


def _merge_boundaries(items: list[tuple[_Mention, Bounds]]) -> list[tuple[_Mention, Bounds]]:
    """ "Cuối quý I, đầu quý II" names one window across a boundary: merge it."""
    merged: list[tuple[_Mention, Bounds]] = []
    for m, b in items:
        if merged:
            pm, pb = merged[-1]
            if pm.mod in ("cuoi", "het") and m.mod == "dau" and b[0] == pb[1] + timedelta(days=1):
                merged[-1] = (m, (pb[0], b[1]))
                continue
        merged.append((m, b))
    return merged


# --- Public API ---------------------------------------------------------------


def _strip_label(s: str) -> int:
    """Length of a leading "Thời gian thực hiện:" style label in folded text."""
    m = _LABEL.match(s)
    return m.end() if m else 0


def _core(s: str) -> str:
    """Folded text without its label and leading fillers ("Hoàn thành", "- Đợt 1")."""
    s = s[_strip_label(s) :]
    while True:
        m = _LEAD_FILLER.match(s)
        if not m or not m.group(0):
            return s.strip()
        s = s[m.end() :]


_TIME_START = re.compile(
    r"^(?:(?:cuoi|dau|giua|het)\s+)?(?:quy\s*" + QUARTER_NUM + r"|thang\s*\d|nam\s*20\d{2}"
    r"|nam\s+(?:nay|sau|toi)|0?[369]\s*thang\b|20\d{2}\b|\d{1,2}\s*[/-]\s*\d{1,2}\b|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|(?:cuoi|dau|giua|het|trong|ca)\s+nam\b|ngay\s+\d|trong\s+(?:thoi\s+han|vong)\b"
    r"|trong\s+(?:nam|thang|quy)\b|truoc\s+(?:ngay\s+|thang\s+|quy\s+|nam\s+)?(?:\d|[ivx]+\b)"
    r"|den\s+(?:ngay|thang|quy|nam|het|\d)|(?:ke\s+)?tu\s+(?:ngay|thang|quy|nam|\d{1,2}\s*/|20\d{2})"
    r"|(?:hang|moi)\s+(?:ngay|tuan|thang|quy|nam)\b|dinh\s+ky\b|thuong\s+xuyen\b|lien\s+tuc\b"
    r"|(?:ngay\s+)?sau\s+khi\b|khi\s+co\b|\d{1,3}\s+(?:ngay|tuan|thang|nam)\s+(?:sau|ke\s+tu)\b"
    r"|giai\s+doan\s+20\d{2}|truoc\s+mua\b|khi\s+xay\s+ra\b"
    r"|theo\s+(?:dung\s+)?(?:lo\s+trinh|quy\s+dinh|thoi\s+gian|tien\s+do|yeu\s+cau|chi\s+dao"
    r"|huong\s+dan|ke\s+hoach(?!\s+ngan\s+sach)))"
)
_WORD = re.compile(r"[a-z0-9]+")


def _coverage(s: str) -> float:
    """Share of the words that belong to a date mention or a cadence/ongoing word."""
    words = _WORD.findall(s)
    if not words:
        return 0.0
    covered = list(s)
    for m in _scan(s):
        covered[m.span[0] : m.span[1]] = " " * (m.span[1] - m.span[0])
    rest = "".join(covered)
    for rx in [r for _, r in _RECURRENCE] + [_ONGOING, _SEASON]:
        rest = rx.sub(" ", rest)
    left = len(_WORD.findall(rest))
    return (len(words) - left) / len(words)


def _looks(s: str) -> bool:
    core = _core(s)
    if not core:
        return False
    return bool(_TIME_START.match(core)) or _coverage(core) >= 0.5


def looks_like_deadline(text: str) -> bool:
    """True when a cell reads as a time expression ("Quý I/2024", "Thường xuyên",
    "Sau khi … ban hành"), False for a product or unit that landed in the deadline
    column ("Báo cáo Kết quả chuyển đổi số năm 2024", "Kế hoạch")."""
    return _looks(_time_part(match_form(collapse(text))))


# "Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)": a short
# action, then the time, then a follow-up sentence.
_ACTION_THEN_TIME = re.compile(
    r"^(?:ban\s+hanh|trinh|hoan\s+thanh|thuc\s+hien|trien\s+khai|bao\s+cao|to\s+chuc)"
    r"(?:\s+\w+){0,4}?\s+(?=(?:trong|truoc|cham\s+nhat|vao|giai\s+doan|nam|quy|thang)\b)"
)
_SENTENCE = re.compile(r"\.\s+(?=[a-z])")
_MAX_LEADING_WORDS = 10


def _time_part(s: str) -> str:
    """The part of a folded cell that states its time: the whole cell, else its first
    sentence without a short leading action ("ban hành", "trình Thủ tướng")."""
    if _looks(s):
        return s
    first = _SENTENCE.split(s, maxsplit=1)[0].strip(" .")
    if len(first.split()) > _MAX_LEADING_WORDS:
        return s
    m = _ACTION_THEN_TIME.match(first)
    for part in (first[m.end() :] if m else "", first):
        if part and _looks(part):
            return part
    return s


def leading_time(text: str) -> bool:
    """A long cell that opens with its time ("Ban hành trong quý I năm 2026. Thực
    hiện rà soát, …"); the table reader trusts it like a short time cell."""
    if not any(ch.isdigit() for ch in text[:120]):
        return False  # no date in its opening words: nothing to find
    s = match_form(collapse(text))
    part = _time_part(s)
    return part != s and is_deadline_cell(part)


# A time named by an event or a schedule: "Kỳ họp thứ nhất Quốc hội …", "Theo Kế hoạch …".
_EVENT_START = re.compile(
    r"(?:ky\s+hop|phien\s+hop|theo\s+(?:ke\s+hoach|lo\s+trinh|tien\s+do|yeu\s+cau|chi\s+dao))\b"
)


_SCHEDULE = re.compile(
    r"theo\s+(?:dung\s+)?(?:tien\s+do|ke\s+hoach|lo\s+trinh|quy\s+dinh|chi\s+dao|huong\s+dan)\b"
)


def is_deadline_cell(text: str) -> bool:
    """True when ``text`` is mostly a time expression that starts like one.

    Stricter than ``looks_like_deadline``: the column reader asks it of a cell's
    first words to tell a deadline from a result cell that merely mentions a
    year ("2026 được tổ chức thành công") or a cadence ("Báo cáo hằng năm").
    """
    core = _core(match_form(collapse(text)))
    if not core:
        return False
    if _EVENT.match(core) or _IMMEDIATELY.match(core) or _EVENT_START.match(core):
        return True
    return bool(_TIME_START.match(core)) and _coverage(core) >= 0.5


def starts_like_deadline(text: str) -> bool:
    """The text opens with a time expression ("Trong vòng 07 …", "Trước ngày …"), whatever
    follows it: the first line of a deadline cell wrapped over several."""
    return bool(_TIME_START.match(_core(match_form(collapse(text)))))


_PROC_NUMBER = re.compile(
    r"^\(?\s*\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*\)?\s*(?:ngay|gio)\b"
    r"|^(?:muoi|mot|hai|ba|bon|nam|sau|bay|tam|chin)\b[^.;]*\bngay\b"
)
# Possessive leading runs ("\s*+"): "\s*[-+•]?\s*" retried every split of a long run.
_PROC_LABEL = re.compile(
    r"^\s*+[-+•]?\s*+thoi\s+(?:gian|han)\s+(?:thuc\s+hien|giai\s+quyet)\s*:\s*"
)
_PROC_MARK = re.compile(r"\bngay\s+lam\s+viec\b|\bho\s+so\s+hop\s+le\b|\bnhan\s+du\b|\bgiay\s+to\b")


def _processing(s: str) -> bool:
    """Days to handle a file ("05 ngày kể từ ngày tiếp nhận đủ giấy tờ"); a span
    counted from an event ("30 ngày kể từ ngày ban hành", "sau khi …") is not."""
    if re.search(r"\bsau\s+khi\b", s):
        return False
    m = _PROC_LABEL.match(s)
    body = s[m.end() :] if m else s.strip(" -+•")
    if re.search(r"\bngay\s+lam\s+viec\b", body):
        return True
    if not _PROC_NUMBER.match(body):
        return False
    return not re.search(r"\bke\s+tu\b", body) or bool(_PROC_MARK.search(body))


def is_processing_time(text: str) -> bool:
    """A procedure's processing time ("Thời gian thực hiện: 05 ngày", "05 ngày làm
    việc"), which is not a task deadline."""
    return _processing(match_form(collapse(text)))


def _event(raw: str, s: str, cue: re.Match[str]) -> Deadline:
    offset: int | None = None
    m = _EVENT_OFFSET.search(s)
    if m:
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        offset = int(n) * _UNIT_DAYS[unit]
    elif _IMMEDIATELY.search(s):
        offset = 0
    event = raw[cue.start() :].strip(" .;,")
    return Deadline(raw=raw, kind="event", event=event, offset_days=offset)


def _recurrence(s: str) -> str | None:
    hits = [(m.start(), word) for word, rx in _RECURRENCE for m in [rx.search(s)] if m]
    return min(hits)[1] if hits else None


# "trong tháng Sáu năm 2026": a month named in words, capitalised as a name is ("tháng sau"
# is "next month", so the capital is what tells them apart).
_MONTH_NAMES = {
    "Giêng": 1, "Một": 1, "Hai": 2, "Ba": 3, "Tư": 4, "Năm": 5, "Sáu": 6, "Bảy": 7,
    "Tám": 8, "Chín": 9, "Mười": 10, "Mười Một": 11, "Mười Hai": 12, "Chạp": 12,
}  # fmt: skip
MONTH_NAME = "|".join(sorted(map(re.escape, _MONTH_NAMES), key=len, reverse=True))
_MONTH_IN_WORDS = re.compile(rf"\b([Tt]háng)\s+({MONTH_NAME})(?!\w)")


def _months_as_numbers(text: str) -> str:
    return _MONTH_IN_WORDS.sub(lambda m: f"{m.group(1)} {_MONTH_NAMES[m.group(2)]}", text)


def parse_deadline(raw: str, plan_year: int | None = None) -> Deadline:
    """Parse a deadline cell/phrase; ``plan_year`` resolves "Trong năm", "6 tháng"."""
    text = collapse(raw)
    if not text:
        return Deadline(raw=text, kind="none")
    s = match_form(_months_as_numbers(text))
    if _processing(s):
        return Deadline(raw=text, kind="unspecified")
    s = _time_part(s)
    if not _looks(s):
        return Deadline(raw=text, kind="unspecified")

    s = _without_note(s, plan_year)
    cue = _EVENT.search(s)
    head = s[: cue.start()] if cue else s
    items = _resolve(_scan(head), plan_year)
    if cue and not items:
        return _event(text, s, cue)
    if cue and cue.group(0).startswith("den"):
        # "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê": it ends with an event, no date
        bound = _event(text, s, cue)
        bound.start = min(b[0] for _, b in items)
        return bound

    starts = [b[0] for _, b in items]
    open_ended = bool(_FROM.search(head) and not _UNTIL.search(head)) or bool(_OPEN_ENDED.search(s))
    recurrence = _recurrence(s)
    if recurrence:
        # "2026 và hằng năm": the first time is a stated year, then every year
        stated = sorted({b[1] for m, b in items if m.year is not None}) if not open_ended else []
        return Deadline(
            raw=text,
            kind="recurring",
            recurrence=recurrence,
            start=min(starts) if starts and open_ended else None,
            due_dates=stated[:1],
        )
    if open_ended:
        return Deadline(raw=text, kind="ongoing", start=min(starts) if starts else None)
    if _ONGOING.search(s):
        return Deadline(
            raw=text,
            kind="ongoing",  # "Thường xuyên trong năm 2026": ongoing until the period ends
            end=max(b[1] for _, b in items) if items else None,
        )
    if not items or _SCHEDULE.match(_core(s)):
        # "Theo tiến độ được giao của Luật An ninh mạng 2025": the year names the law
        return Deadline(raw=text, kind="unspecified")
    return _dated(text, s, items, cue)


# "Quý II/2026 (theo yêu cầu … giai đoạn 2026 - 2031, …)": a note on a stated time; a
# note cut off by a page break has no ")".
_NOTE = re.compile(r"\([^()]*(?:\)|$)")


def _without_note(s: str, plan_year: int | None) -> str:
    """``s`` without its parenthesised notes when a time is stated outside them."""
    if "(" not in s:
        return s
    outside = _NOTE.sub(" ", s)
    return outside if _resolve(_scan(outside), plan_year) else s


def _dash_between(s: str, items: list[tuple[_Mention, Bounds]]) -> bool:
    """ "Quý IV/2025 - Quý II/2026", "01/3/2026 – 30/4/2026": two times joined by a dash
    are one span, due when it ends (not a deadline at each end)."""
    if len(items) != 2:
        return False
    (first, fb), (second, sb) = items
    joint = s[first.span[1] : second.span[0]]
    return bool(_DASH.fullmatch(joint)) and fb[1] < sb[1]


_DASH = re.compile(r"(?<!\s)\s*+[-–—]\s*+")


def _dated(
    text: str, s: str, items: list[tuple[_Mention, Bounds]], cue: re.Match[str] | None
) -> Deadline:
    dues = sorted({b[1] for _, b in items})
    ranged = (
        any(m.is_range for m, _ in items)
        or bool(_FROM.search(s) and _UNTIL.search(s) and len(items) > 1)
        or _dash_between(s, items)
    )
    deadline = Deadline(raw=text, kind="date", due_dates=dues)
    if ranged:
        deadline.start = min(b[0] for _, b in items)
        deadline.end = max(dues)
        deadline.due_dates = [deadline.end]
    if cue:  # a date first, then the event it hangs on: keep both
        deadline.event = text[cue.start() :].strip(" .;,")
    return deadline


def describe_deadline(d: Deadline) -> str:
    """One line in Vietnamese for a user: "Hạn: 30/06/2024; 31/12/2024", "Hằng tháng"."""
    if d.kind == "date" and d.due_dates:
        dates = "; ".join(texts.fmt_date(x) for x in d.due_dates)
        if d.start:
            return texts.DEADLINE_DUE_RANGE.format(dates=dates, start=texts.fmt_date(d.start))
        return texts.DEADLINE_DUE.format(dates=dates)
    if d.kind == "recurring" and d.recurrence:
        base = texts.DEADLINE_RECURRENCE.get(d.recurrence, d.recurrence)
        return (
            texts.DEADLINE_FROM.format(base=base, start=texts.fmt_date(d.start))
            if d.start
            else base
        )
    if d.kind == "ongoing":
        if d.start:
            return texts.DEADLINE_FROM.format(
                base=texts.DEADLINE_ONGOING, start=texts.fmt_date(d.start)
            )
        if d.end:
            return texts.DEADLINE_UNTIL.format(
                base=texts.DEADLINE_ONGOING, end=texts.fmt_date(d.end)
            )
        return texts.DEADLINE_ONGOING
    if d.kind == "event":
        event = d.event or d.raw
        if d.offset_days:
            return texts.DEADLINE_EVENT_OFFSET.format(days=d.offset_days, event=event)
        if d.offset_days == 0:
            return texts.DEADLINE_EVENT_NOW.format(event=event)
        return texts.DEADLINE_EVENT.format(event=event)
    if d.kind == "none" or not d.raw:
        return texts.DEADLINE_NONE
    return texts.DEADLINE_UNSPECIFIED.format(raw=d.raw)
