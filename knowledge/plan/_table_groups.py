"""Rows that head a group of tasks rather than state one.

Seen in the plans: a bold title alone in the first cell ("I CÔNG TÁC LÃNH ĐẠO…",
"Nội dung 1. Công tác chỉ đạo, điều hành (6 nhiệm vụ)"); a roman numeral or a
capital letter in the STT cell with the title in the next ("IV | NHIỆM VỤ …",
"A | PHÁT TRIỂN …"); a short sub-group "7.1 | Chính quyền số"; and, in numbered
tables, a heading alone in the task column ("Nhiệm vụ giao Bộ trưởng … chỉ đạo").
Levels nest: letter 1, roman numeral / "Nội dung N" 2, anything else 3.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.plan._table_cells import (
    is_bold,
    is_group_number,
    is_roman,
    is_row_number,
    is_sub_group_number,
    is_unit_cell,
    starts_like_continuation,
)
from knowledge.plan.columns import ColumnMap
from knowledge.vietnamese import fold

_GROUP_WORDS = re.compile(r"^(noi dung|phan|muc|chuong|nhom|linh vuc)\s+(\d+|[ivx]+)\b")
_ROMAN_TITLE = re.compile(r"^([IVXLC]+|[A-HĐ])(\.|\s|\))\s*\S")


def group_heading(
    cells: list[str],
    raw: list[str],
    cmap: ColumnMap,
    heading_in_content: Callable[[str], bool],
) -> tuple[int, str] | None:
    """(level, title) when the row heads a group; ``cells`` cleaned, ``raw`` as loaded."""
    filled = [i for i, c in enumerate(cells) if c]
    if not filled:
        return None
    number_col = cmap.get("number")
    first = cells[filled[0]]
    if len(filled) == 2 and filled[0] == (number_col or 0) and is_row_number(first):
        return _numbered_title(first, cells[filled[1]], raw[filled[1]])
    if len(filled) > 2 and filled[0] == (number_col or 0) and is_group_number(first):
        # "III | KIỂM TRA, … SƠ KẾT, T | ỔNG KẾT": a title a PDF reader cut over the next
        # column is still one title, all capitals
        rest = [cells[i] for i in filled[1:]]
        if all(c.isupper() for c in rest):
            return _numbered_title(first, " ".join(rest), raw[filled[1]])
    if len(filled) != 1:
        return None
    index = filled[0]
    if _GROUP_WORDS.match(fold(first)):
        return (2, first)
    if _ROMAN_TITLE.match(first):
        head = first.split()[0].rstrip(".)")
        if is_roman(head):
            return (2, first)
        if is_group_number(head):
            return (1, first)
    if number_col is not None and index == number_col and is_group_number(first):
        return (_level_of_number(first), first)
    if index < len(raw) and is_bold(raw[index]) and not starts_like_continuation(first):
        return (3, first)
    content_col = cmap.get("content")
    if len(first) > 8 and first.isupper() and index != content_col:
        return (3, first)
    if index == content_col and heading_in_content(first):
        return (3, first)
    return None


def _numbered_title(number: str, title: str, raw_title: str) -> tuple[int, str] | None:
    """ "IV | NHIỆM VỤ …", "A | PHÁT TRIỂN …", "7.1 | Chính quyền số" and nothing else."""
    if is_group_number(number):
        return (_level_of_number(number), f"{number} {title}")
    if is_sub_group_number(number):
        return (3, f"{number} {title}")
    dotted = "." in number.rstrip(".") and len(title) < 80
    if (dotted or is_bold(raw_title)) and not is_unit_cell(title):
        return (3, f"{number} {title}")
    return None


def _level_of_number(text: str) -> int:
    return 2 if is_roman(text) else 1
