"""Digits an OCR engine read as letters, put back inside dates and quarter numbers.

Scans print "3l/5/2026", "l5/4/2026", "2O26" and "Quý ll/2026": the letter l for 1
and O for 0. Only tokens with the shape of a date (d/m/yyyy, m/yyyy) and at
least one real digit, and a quarter's Roman numeral after "Quý", are changed, so
words keep their letters.
"""

from __future__ import annotations

import re

# Not "I": a quarter's numeral ("Quý II/2026") has the shape of a month and year.
_CONFUSED = str.maketrans({"l": "1", "O": "0", "o": "0"})
_DATE = re.compile(r"(?<![\w/])[\dlOo]{1,2}/[\dlOo]{1,2}(?:/[\dlOo]{4})?(?![\w/])")
_MONTH_YEAR = re.compile(r"(?<![\w/])[\dlOo]{1,2}/[\dlOo]{4}(?![\w/])")
_QUARTER = re.compile(r"\b(Quý|quý|QUÝ)([ \t]+)([IlV]{1,3}|I?V|Vl{0,3})(?=[/\s,.;)]|$)")


def _digits(m: re.Match[str]) -> str:
    token = m.group()
    if not any(ch.isdigit() for ch in token) or token.isdigit():
        return token
    fixed = token.translate(_CONFUSED)
    return fixed if re.fullmatch(r"[\d/]+", fixed) else token


def _quarter(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2) + m.group(3).replace("l", "I")


def repair_ocr_digits(text: str) -> str:
    if not any(ch in text for ch in "lOo"):
        return text
    if "l" in text:
        text = _QUARTER.sub(_quarter, text)  # first: "ll/2026" after "Quý" is II, not 11
    text = _DATE.sub(_digits, text)
    return _MONTH_YEAR.sub(_digits, text)
