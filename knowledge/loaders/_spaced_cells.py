"""Word tables exported one cell a line with a blank line after each (docx2txt).

"STT" / "" / "Nội dung nhiệm vụ" / "" / "Cơ quan chủ trì" / "" / … : every cell is a
line and the line after it is empty, so an empty cell is two empty lines. Reading
every other line gives the cells in order; the header's cells give the width. A
row starts at a row number ("1", "1.2", "II"); a group row is a number and a title
only (the next row number follows its title); the table ends where the cell after
a row is no row number.
"""

from __future__ import annotations

import re

from knowledge.loaders._columns import Role, column_role
from knowledge.loaders._texttables import RawRow, RawTable
from knowledge.vietnamese import fold

STT_WORDS = {"tt", "stt", "so tt", "s tt"}  # the number column's header, folded
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXL]{1,6}|[A-ZĐ])\.?$")
_MIN_COLUMNS = 3
_MAX_COLUMNS = 12


def _cells(lines: list[str], start: int) -> tuple[list[str], list[int]]:
    """Every other line from ``start`` while the lines between are empty."""
    cells: list[str] = []
    at: list[int] = []
    k = start
    while k < len(lines) and (k + 1 >= len(lines) or not lines[k + 1].strip()):
        cells.append(lines[k].strip())
        at.append(k)
        k += 2
    return cells, at


def parse_spaced_table(lines: list[str], start: int) -> RawTable | None:
    """The table whose "STT" cell is ``lines[start]``, or None when it is not one."""
    if fold(lines[start].strip()).rstrip(".") not in STT_WORDS:
        return None
    cells, at = _cells(lines, start)
    width = next((k for k, c in enumerate(cells) if _ROW_NUMBER.match(c)), 0)
    header = cells[:width]
    roles = {column_role(c) for c in header[1:]}
    if not _MIN_COLUMNS <= width <= _MAX_COLUMNS or Role.TITLE not in roles:
        return None
    if not {Role.LEAD, Role.DUE} & roles:
        return None
    rows = [RawRow([[c] for c in header], start + 1)]
    k = width
    while k < len(cells) and _ROW_NUMBER.match(cells[k]):
        group = k + 2 < len(cells) and bool(_ROW_NUMBER.match(cells[k + 2]))
        size = 2 if group else width
        taken = cells[k : k + size]
        rows.append(
            RawRow([[c] for c in taken] + [[] for _ in range(width - len(taken))], at[k] + 1)
        )
        k += size
    if len(rows) < 2:
        return None
    end = at[k] if k < len(at) else (at[-1] + 2 if at else start + 1)
    return RawTable("spaced", rows, min(end, len(lines)), header_rows={0})
