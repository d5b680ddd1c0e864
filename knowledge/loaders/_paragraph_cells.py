"""Tables written one cell a paragraph, with empty cells left out (odt2txt of an .odt).

"TT" / "" / "Tên nhiệm vụ" / "" / "Đơn vị chủ trì" / "" / … : each cell is a paragraph
(its own lines wrapped, a blank line after it), and an empty cell is not written at all,
so a row has as many paragraphs as it has filled cells. The header's paragraphs give the
columns and their roles. A row starts at the paragraph that is the next row number
("1", then "2" …); in a row with every cell present the paragraphs are its cells in
order, and in a shorter one each paragraph goes to the column its content fits: a time
to the deadline column, a unit to the lead column and then to the coordinators', the
rest in order. The table ends at a paragraph after a full row that is no row number.
"""

from __future__ import annotations

from knowledge.deadlines import parse_deadline
from knowledge.loaders._columns import Role, column_role
from knowledge.loaders._spaced_cells import STT_WORDS
from knowledge.loaders._texttables import RawRow, RawTable
from knowledge.plan.tables import NONE_MARK
from knowledge.units import looks_like_unit
from knowledge.vietnamese import fold

_MIN_COLUMNS = 3
_MAX_COLUMNS = 10
_MAX_CELL_LINES = 8
_TIMES = ("date", "recurring", "ongoing", "event")

Paragraph = tuple[str, int]  # its text, joined, and the index of its first line


def parse_paragraph_table(lines: list[str], start: int) -> RawTable | None:
    """The table whose "TT" paragraph is ``lines[start]``, or None when it is not one."""
    if fold(lines[start].strip()).rstrip(".") not in STT_WORDS:
        return None
    paras = _paragraphs(lines, start)
    width = next((k for k, (text, _) in enumerate(paras) if text == "1"), 0)
    roles = [column_role(text) for text, _ in paras[:width]]
    if not _MIN_COLUMNS <= width <= _MAX_COLUMNS or Role.TITLE not in roles:
        return None
    if Role.LEAD not in roles:
        return None
    rows = [RawRow([[text] for text, _ in paras[:width]], start + 1)]
    k, number = width, 1
    while k < len(paras) and paras[k][0] == str(number):
        end = _row_end(paras, k, width, str(number + 1))
        rows.append(RawRow(_placed([t for t, _ in paras[k:end]], roles), paras[k][1] + 1))
        k, number = end, number + 1
    if len(rows) < 3:
        return None
    last = paras[k - 1][1] if k - 1 < len(paras) else start
    return RawTable("paragraphs", rows, _end_of(lines, last), header_rows={0})


def _row_end(paras: list[Paragraph], k: int, width: int, following: str) -> int:
    """Where the row at ``k`` ends: at the next row number, or for the last row after its
    cells (a list of units over several paragraphs, each but the last ending in ";", is
    one cell)."""
    texts = [t for t, _ in paras[k : k + 2 * width + 1]]
    if following in texts[1:]:
        return k + texts.index(following, 1)
    end, cells = k + 1, 1
    while end < len(paras) and cells < width and not _after_table(paras[end][0]):
        if not paras[end - 1][0].endswith(";"):
            cells += 1
        end += 1
    return end


def _after_table(text: str) -> bool:
    """A label ("Nơi nhận:", "Ghi chú:") or a heading in capitals: the text after a table."""
    return text.endswith(":") or (text.isupper() and len(text) > 3)


def _paragraphs(lines: list[str], start: int) -> list[Paragraph]:
    """The paragraphs from ``start`` on, while each ends at a blank line soon enough."""
    out: list[Paragraph] = []
    k = start
    while k < len(lines) and lines[k].strip():
        first, parts = k, []
        while k < len(lines) and lines[k].strip() and k - first < _MAX_CELL_LINES:
            parts.append(lines[k].strip())
            k += 1
        if k < len(lines) and lines[k].strip():
            break  # a block of prose, not a cell
        out.append((" ".join(parts), first))
        while k < len(lines) and not lines[k].strip():
            k += 1
    return out


def _end_of(lines: list[str], first: int) -> int:
    k = first
    while k < len(lines) and lines[k].strip():
        k += 1
    return k


def _placed(cells: list[str], roles: list[str]) -> list[list[str]]:
    """The row's paragraphs in their columns (see the module's docstring)."""
    if len(cells) == len(roles):
        return [[c] for c in cells]
    out: list[list[str]] = [[cells[0]]] + [[] for _ in roles[1:]]
    free = list(range(1, len(roles)))
    for text in cells[1:]:
        column = _column_for(text, roles, free, out)
        out[column].append(text)
        if column in free and roles[column] != Role.COORD:
            free.remove(column)
    # A cell the converter left out was empty, not merged with the row above's.
    return [cell or [NONE_MARK] for cell in out]


def _column_for(text: str, roles: list[str], free: list[int], out: list[list[str]]) -> int:
    def first(role: str) -> int | None:
        return next((c for c in free if roles[c] == role), None)

    previous = next((c for c in range(len(out) - 1, 0, -1) if out[c]), None)
    if previous is not None and out[previous][-1].endswith((";", ",")):
        return previous  # "Sở Nông nghiệp và Môi trường;" / "Tỉnh đoàn": one cell's list
    wanted: int | None = None
    if parse_deadline(text, plan_year=2000).kind in _TIMES:  # any year: only the kind counts
        wanted = first(Role.DUE)
    elif looks_like_unit(text):
        wanted = first(Role.LEAD)
        if wanted is None:
            wanted = first(Role.COORD)
    if wanted is None:
        rest = [c for c in free if roles[c] not in (Role.DUE, Role.LEAD)] or free
        wanted = rest[0] if rest else len(out) - 1
    return wanted
