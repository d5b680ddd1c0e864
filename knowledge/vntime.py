"""Shared pieces of Vietnamese time expressions: folding for matching, periods.

Both the deadline normalizer (document cells) and the time-window reader (user
questions) match on folded text (no diacritics, lowercase) so that "Quý II",
"Quy II" and "quy 2" read the same. Folding keeps the length of the text, so a
span found in the folded text cuts the original at the same place.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from dateutil.relativedelta import relativedelta

from knowledge.vietnamese import fold_aligned, nfc, squash

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}
QUARTER_WORD = r"iv|iii|ii|i|[1-4]"  # a quarter's number, folded: "ii", "2"
QUARTER_NUM = rf"({QUARTER_WORD})(?![a-z0-9])"
# "năm 2026" (folded): the year named with its word, in document cells and questions.
NAMED_YEAR = re.compile(r"\bnam\s*(20\d{2})(?!\d)")

# Common OCR / typing slips, all length-preserving: "Quí" -> "quy", "Quý l" -> "quy i",
# "Quý Il" -> "quy ii"; en/em dashes read as "-"; markdown emphasis dropped.
_QUI = re.compile(r"\bqui\b")
_ROMAN_L = re.compile(r"(?<=\bquy )[il]{1,3}v?(?![a-z])|(?<=\bquy)[il]{1,3}v?(?![a-z])")


def collapse(text: str) -> str:
    """NFC, all white space (line breaks included) collapsed to single spaces."""
    return squash(nfc(text))


def match_form(text: str) -> str:
    """The folded, slip-corrected form of already collapsed ``text`` (same length)."""
    s = fold_aligned(text)
    s = s.replace("–", "-").replace("—", "-").replace("*", " ").replace("|", " ")
    s = _QUI.sub("quy", s)
    return _ROMAN_L.sub(lambda m: m.group(0).replace("l", "i"), s)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def add_months(d: date, months: int) -> date:
    result: date = d + relativedelta(months=months)
    return result


def valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def plausible_year(year: int) -> bool:
    return 1990 <= year <= 2100
