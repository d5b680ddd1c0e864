"""What a single table cell looks like: a row number, a unit, a deadline, a budget.

These cheap shape tests let the table reader notice a value standing in the wrong
column (seed 002) and place the cells of a short, flattened row (seed 004).
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.units import looks_like_unit
from knowledge.vietnamese import fold, nfc, squash

_MARKUP = re.compile(r"</?(b|strong|i|em|u)>|\*\*|__", re.IGNORECASE)
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])")  # markdown *italic*


@lru_cache(maxsize=8192)
def clean_cell(text: str) -> str:
    """NFC, markup ("<b>", "**") removed, white space collapsed.

    Cached: the table reader asks the shape tests below of each cell many times."""
    text = _MARKUP.sub("", nfc(text or ""))
    text = squash(_EMPHASIS.sub(r"\1", text))
    # A lone "*" left over from markdown emphasis split across lines.
    return text.strip("*").strip() if text.startswith("*") or text.endswith("*") else text


def is_bold(text: str) -> bool:
    t = (text or "").strip()
    return t.startswith("<b>") or t.startswith("**") or t.startswith("<strong>")


ROMAN = re.compile(r"^(?=[IVXLC])(X{0,3})(IX|IV|V?I{0,3})$")
_ARABIC = re.compile(r"^\d{1,3}(\.\d{1,3})*\.?$")
_LETTER = re.compile(r"^[A-HĐ]\.?$")
# "III.1", "III.1.2": a sub-group of a Roman group, numbered from it
_ROMAN_DOTTED = re.compile(r"^[IVXL]{1,4}(?:\.\d{1,2}){1,3}\.?$")


def is_roman(text: str) -> bool:
    t = clean_cell(text).rstrip(".")
    return bool(t) and bool(ROMAN.match(t))


def is_row_number(text: str) -> bool:
    """An STT cell: "1", "12.", "3.18", "IV", "A", "b)"."""
    t = clean_cell(text)
    if not t or len(t) > 8:
        return False
    return bool(
        _ARABIC.match(t)
        or is_roman(t)
        or _LETTER.match(t)
        or _ROMAN_DOTTED.match(t)
        or re.match(r"^[a-zđ]\)$", t)
    )


def is_sub_group_number(text: str) -> bool:
    """ "III.1": a Roman group's numbered part, which heads rows rather than states one."""
    return bool(_ROMAN_DOTTED.match(clean_cell(text)))


def is_group_number(text: str) -> bool:
    """Numbers that head a group of tasks rather than a task: roman, a capital letter."""
    t = clean_cell(text)
    return is_roman(t) or bool(_LETTER.match(t))


def is_unit_cell(text: str) -> bool:
    """A cell that names a unit or a group of units (see ``units.looks_like_unit``)."""
    return looks_like_unit(clean_cell(text))


# A deadline cell starts with a time word ("Tháng 12/2025", "Quý I", "Trong năm",
# "Thường xuyên", "Sau khi …", "Từ 01/7/2025", "2026 - 2030", "01 tháng sau khi …").
_T = r"(nam|quy|thang|tuan|ngay|thoi|giai|het|\d)"
_TIME_START = re.compile(
    r"^(thang\s+(\d|sau|cuoi|dau|tiep)|quy\s+(i|ii|iii|iv|[1-4])\b|nam\s+(\d|nay|hoc|tai)|"
    r"ngay\s+(\d|sau|khi|tu)|tuan\s+\d|truoc\s|sau\s|sau$|trong\s+" + _T + r"|tu\s+" + _T + r"|"
    r"den\s+" + _T + r"|hang\s+(nam|quy|thang|tuan|ngay)|thuong xuyen|cuoi\s+" + _T + r"|"
    r"dau\s+" + _T + r"|giai doan|dot\s+\d|dinh ky|lien tuc|kip thoi|khi\s|chu ky|"
    r"moi\s+(nam|quy|thang|tuan)|nhiem vu thuong xuyen|thuc hien (theo|thuong xuyen|hang)|"
    r"hoan thanh (trong|truoc)|theo\s+(lo trinh|quy dinh|ke hoach|tien do|yeu cau|thoi gian|"
    r"chi dao|nhiem vu|doi|dinh ky)|"
    r"\d{1,2}/\d{1,2}|\d{1,2}/(19|20)\d{2}|(19|20)\d{2}\b|\d{1,2} (thang|ngay|tuan|nam))"
)
# A full date anywhere in a short cell ("Hoàn thành trước 30/6/2026"); a bare
# year is not enough ("Báo cáo kết quả chuyển đổi số năm 2024" is a product).
_FULL_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(19|20)?\d{2}\b|\b\d{1,2}/(19|20)\d{2}\b")
_TIME_PHRASE = re.compile(r"thuong xuyen|hang (nam|quy|thang|tuan)|hang nam|theo lo trinh")


def deadline_shape(text: str) -> bool:
    """A local test: the cell reads like a time expression, not a product or unit.

    Used before ``knowledge.deadlines.looks_like_deadline`` to place short rows and
    spot shifted cells, where a product mentioning "năm 2024" must not pass.
    """
    t = fold(clean_cell(text)).lstrip("-+• ").strip()
    if not t or len(t) > 200 or looks_like_budget(t):
        return False
    if re.match(r"^\d{1,2}\.\d{1,3}\.?\s", t):  # "5.1. Trung tâm …" is an item, not a date
        return False
    words = len(t.split())
    if _TIME_START.match(t):
        return True
    if _FULL_DATE.search(t) and words <= 12:
        return True
    return bool(_TIME_PHRASE.search(t)) and words <= 8


_BUDGET = re.compile(
    r"kinh phi|du toan|ngan sach|nguon von|\bvon |trieu|ty dong|\d dong\b|xa hoi hoa|"
    r"chi thuong xuyen|nguon hop phap|theo ke hoach ngan sach|long ghep"
)


def looks_like_budget(text: str) -> bool:
    t = fold(clean_cell(text))
    return bool(t) and bool(_BUDGET.search(t))


# "3.18 Ban hành …  3.19. Thông báo …": an item number inside a cell.
_ITEM = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.(\d{1,3})\.?(?=\s)")


def item_prefix(text: str) -> tuple[int, int] | None:
    """``(3, 18)`` for a cell starting "3.18" / "3.18."; None otherwise."""
    m = _ITEM.match(clean_cell(text))
    return (int(m.group(1)), int(m.group(2))) if m else None


def split_items(text: str) -> list[tuple[str, str]]:
    """Split "3.1. A 3.2. B 3.3. C" into [("3.1", "A"), ("3.2", "B"), ("3.3", "C")].

    Only numbers with the first item's prefix and a rising second part count, so a
    "Nghị định 29/2023" or a stray "1.5" inside a sentence never splits a cell.
    A cell that does not start with an item number comes back whole with number "".
    """
    text = clean_cell(text)
    first = _ITEM.match(text)
    if not first:
        return [("", text)]
    major, last_minor = first.group(1), int(first.group(2))
    cuts = [(first.start(), first.end(), f"{major}.{last_minor}")]
    for m in _ITEM.finditer(text, first.end()):
        if m.group(1) != major:
            continue
        minor = int(m.group(2))
        if minor <= last_minor or minor > last_minor + 5:
            continue
        cuts.append((m.start(), m.end(), f"{major}.{minor}"))
        last_minor = minor
    items: list[tuple[str, str]] = []
    for k, (_, end, number) in enumerate(cuts):
        stop = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        items.append((number, text[end:stop].strip()))
    return items


def strip_item_number(text: str) -> str:
    """ "5.1. Trung tâm Tư vấn" -> "Trung tâm Tư vấn"."""
    return re.sub(r"^\d{1,2}\.\d{1,3}\.?\s+", "", clean_cell(text))


def starts_like_continuation(text: str) -> bool:
    """A wrapped tail of the cell above: lower-case start, or a closing fragment."""
    t = clean_cell(text)
    if not t:
        return False
    ch = t[0]
    return ch.islower() or ch in ",;)]/–-" and not t.startswith(("- ", "– "))
