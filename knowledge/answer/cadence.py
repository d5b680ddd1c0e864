"""Report rhythms a task states one after another, each with its own day: "định kỳ hàng
tháng (trước ngày 18 hàng tháng), 6 tháng (trước ngày 18/5), tổng kết năm (trước ngày
30/11 hằng năm)". A question that names one rhythm ("báo cáo 6 tháng trước ngày nào")
asks for that day, not for the task's last deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from knowledge.retrieval.analyzer import syllables
from knowledge.vntime import valid_day


class Rhythm(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


# The label a plan puts before the day, in the plan's words (order matters: "6 tháng"
# before a bare "tháng").
_LABELS = (
    (Rhythm.HALF, r"(?:6|sáu) tháng(?: đầu năm)?|nửa năm"),
    (Rhythm.QUARTER, r"(?:hằng |hàng )?quý"),
    (Rhythm.MONTH, r"(?:hằng |hàng )?tháng"),
    (Rhythm.YEAR, r"(?:tổng kết |hằng |hàng |cả )?năm"),
)
_CLAUSE = re.compile(
    r"(?<![\w/])(?P<label>"
    + "|".join(f"(?P<{r.value}>{p})" for r, p in _LABELS)
    + r")\s*[(:,]?\s*\*?\s*(?P<when>(?:trước|chậm nhất|trong|vào)\s+(?:ngày\s+)?[^()*;]+?)\s*\*?\)",
    re.I,
)
# The rhythm a question names, on folded syllables.
_ASKED = (
    (Rhythm.HALF, re.compile(r"(?:^| )(?:6|sau) thang(?! dau nam nay)|(?:^| )nua nam")),
    (Rhythm.QUARTER, re.compile(r"(?:^| )(?:hang|moi) quy(?: |$)|(?:^| )bao cao quy(?: |$)")),
    (Rhythm.MONTH, re.compile(r"(?:^| )(?:hang|moi) thang(?: |$)|(?:^| )bao cao thang(?: |$)")),
    (Rhythm.YEAR, re.compile(r"(?:^| )(?:hang nam|tong ket nam|ca nam|bao cao nam)(?: |$)")),
)
_DAY_MONTH = re.compile(r"ngày\s+(\d{1,2})(?:/|\s+tháng\s+)(\d{1,2})(?![\d/])", re.I)
_DAY_ONLY = re.compile(r"ngày\s+(\d{1,2})\s+(?:hằng|hàng)\s+tháng", re.I)


@dataclass(frozen=True)
class Clause:
    rhythm: Rhythm
    label: str  # as the plan writes it: "6 tháng"
    when: str  # "trước ngày 18/5"


def clauses(text: str) -> list[Clause]:
    """Every "<rhythm> (trước ngày …)" the text states."""
    out = []
    for m in _CLAUSE.finditer(text):
        rhythm = next(r for r in Rhythm if m.group(r.value))
        out.append(Clause(rhythm, m.group("label"), m.group("when").strip()))
    return out


def asked_clause(question: str, text: str) -> Clause | None:
    """The clause of the rhythm the question names, when the text states two or more."""
    found = clauses(text)
    if len({c.rhythm for c in found}) < 2:
        return None
    q = " ".join(syllables(question))
    asked = [r for r, pattern in _ASKED if pattern.search(q)]
    if len(asked) != 1:
        return None
    return next((c for c in found if c.rhythm == asked[0]), None)


def next_due(clause: Clause, today: date) -> date | None:
    """The next day the clause falls on, from ``today``: "trước ngày 18/5" yearly, "trước
    ngày 18 hàng tháng" monthly; None when the clause gives no day."""
    m = _DAY_MONTH.search(clause.when)
    if m is not None:
        day, month = int(m.group(1)), int(m.group(2))
        for year in (today.year, today.year + 1):
            due = valid_day(year, month, day)
            if due is not None and due >= today:
                return due
        return None
    m = _DAY_ONLY.search(clause.when)
    if m is None:
        return None
    day = int(m.group(1))
    for step in range(13):
        month = (today.month - 1 + step) % 12 + 1
        year = today.year + (today.month - 1 + step) // 12
        due = valid_day(year, month, day)
        if due is not None and due >= today:
            return due
    return None
