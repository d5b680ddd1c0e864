"""Times typed loosely on a phone, written out as a plan prints them, so that the deadline
readers see the usual words: "truoc 30/5" -> "trước 30/5", "hang thang" -> "hằng tháng",
"Q2/2026" -> "Quý II/2026", "T5-T6/2026" -> "tháng 5 - tháng 6/2026".

Only words in a time phrase are restored (a number follows, or a cadence word), so that a
name or a topic typed without diacritics stays as typed.
"""

from __future__ import annotations

import re

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_DAY = r"(?=\s+(?:ngay\s+|ngày\s+)?\d{1,2}\s*/)"
_NUM = r"(?=\s+\d)"
_PERIOD = r"(ngay|ngày|tuan|tuần|thang|tháng|quy|quý|nam|năm)"
_PERIOD_WORDS = {"ngay": "ngày", "tuan": "tuần", "thang": "tháng", "quy": "quý", "nam": "năm"}

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\btruoc\b" + _DAY, re.I), "trước"),
    (re.compile(r"\bcham nhat\b" + _DAY, re.I), "chậm nhất"),
    (re.compile(r"\bthang\b" + _NUM, re.I), "tháng"),
    (re.compile(r"\bngay\b" + _NUM, re.I), "ngày"),
    (re.compile(r"\bnam\b(?=\s+20\d\d)", re.I), "năm"),
    (re.compile(r"\bthuong xuyen\b", re.I), "thường xuyên"),
    (re.compile(r"\btrong vong\b" + _NUM, re.I), "trong vòng"),
    (re.compile(r"\bke tu ngay ky\b", re.I), "kể từ ngày ký"),
    (re.compile(r"\bngay ky\b", re.I), "ngày ký"),
    (re.compile(r"\b(\d{1,3})\s+ngay\b(?=\s+(?:ke tu|kể từ|lam viec|làm việc))", re.I), r"\1 ngày"),
    (re.compile(r"(?<=\bngày ký )KH\b"), "Kế hoạch"),
    (re.compile(r"\bva\b(?=\s+(?:truoc|trước|trong)\b)", re.I), "và"),
]
_CADENCE = re.compile(r"\b(?:hang|hàng|moi|mỗi)\s+" + _PERIOD + r"\b", re.I)
_QUARTER = re.compile(r"\bQ([1-4])(?=\s*(?:/\s*20\d\d)?\b)")
_MONTH_SPAN = re.compile(r"\bT(\d{1,2})\s*-\s*T(\d{1,2})\s*/\s*(20\d\d)\b")
_MONTH = re.compile(r"\bT(\d{1,2})\s*/\s*(20\d\d)\b")


def restore_times(line: str) -> str:
    """``line`` with its loosely typed time words written out."""
    for pattern, repl in _RULES:
        line = pattern.sub(repl, line)
    line = _CADENCE.sub(lambda m: "hằng " + _PERIOD_WORDS.get(m.group(1).lower(), m.group(1)), line)
    line = _QUARTER.sub(lambda m: "Quý " + _ROMAN[m.group(1)], line)
    line = _MONTH_SPAN.sub(r"tháng \1 - tháng \2/\3", line)
    return _MONTH.sub(r"tháng \1/\2", line)
