"""Tables written one cell a paragraph: odt2txt of an .odt, docx2python of a .docx.

"TT" / "" / "Tên nhiệm vụ" / "" / "Đơn vị chủ trì" / "" / … : each cell is a paragraph
(its own lines wrapped, a blank line after it). odt2txt writes no empty cell at all, so a
row has as many paragraphs as it has filled cells; docx2python writes an empty cell as an
empty paragraph, three blank lines in a row, and that gap keeps the cell's place. The
header's paragraphs give the columns and their roles. A row starts at the paragraph that
is the next row number ("1", then "2" …); a group row is the next Roman numeral and its
title ("I" / "HOẠT ĐỘNG …", the title written once per column it spans). In a row with
every cell present the paragraphs are its cells in order; in one with more (a cell of
two paragraphs) or fewer, each paragraph goes to the column its content fits: a time to
the deadline column, a unit to the lead column and then to the coordinators', a second
paragraph of the task to the task, the rest in order. The table ends at a paragraph after
a full row that is no row number.
"""

from __future__ import annotations

from knowledge.deadlines import parse_deadline
from knowledge.loaders._columns import _ROMANS, Role, column_role
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
EMPTY = ""  # an empty cell the converter wrote as an empty paragraph


def parse_paragraph_table(lines: list[str], start: int) -> RawTable | None:
    """The table whose "TT" paragraph is ``lines[start]``, or None when it is not one."""
    if fold(lines[start].strip()).rstrip(".") not in STT_WORDS:
        return None
    paras = _paragraphs(lines, start)
    width = next((k for k, (text, _) in enumerate(paras) if text in ("1", _ROMANS[0])), 0)
    roles = [column_role(text) for text, _ in paras[:width]]
    if not _MIN_COLUMNS <= width <= _MAX_COLUMNS or Role.TITLE not in roles:
        return None
    if Role.LEAD not in roles:
        return None
    rows = [RawRow([[text] for text, _ in paras[:width]], start + 1)]
    k, number, group = width, 1, 0
    while k < len(paras):
        if group < len(_ROMANS) and paras[k][0] == _ROMANS[group] and k + 1 < len(paras):
            k, group = _group_row(paras, k, rows), group + 1
            if k < len(paras) and paras[k][0] == "1":
                number = 1  # numbering restarts under each group
            continue
        if paras[k][0] != str(number):
            break
        following = {str(number + 1), _ROMANS[min(group, len(_ROMANS) - 1)]}
        end = _row_end(paras, k, width, following)
        rows.append(RawRow(_placed([t for t, _ in paras[k:end]], roles), paras[k][1] + 1))
        k, number = end, number + 1
    if len(rows) < 3:
        return None
    last = paras[k - 1][1] if k - 1 < len(paras) else start
    return RawTable("paragraphs", rows, _end_of(lines, last), header_rows={0})


def _group_row(paras: list[Paragraph], k: int, rows: list[RawRow]) -> int:
    """ "I" / "HOẠT ĐỘNG …" (the title once per column it spans): a group row of two
    cells; the paragraph after it."""
    title = paras[k + 1][0]
    rows.append(RawRow([[paras[k][0]], [title]], paras[k][1] + 1))
    k += 2
    while k < len(paras) and paras[k][0] in (title, EMPTY):
        k += 1
    return k


def _row_end(paras: list[Paragraph], k: int, width: int, following: set[str]) -> int:
    """Where the row at ``k`` ends: at the next row number or group, or for the last row
    after its cells (a list of units over several paragraphs, each but the last ending in
    ";", is one cell)."""
    texts = [t for t, _ in paras[k : k + 2 * width + 1]]
    ends = [i for i, t in enumerate(texts) if i and t in following]
    if ends:
        return k + ends[0]
    end, cells = k + 1, 1
    while end < len(paras) and cells < width and not _after_table(paras[end][0]):
        text = paras[end][0]
        goes_on = paras[end - 1][0].endswith(";")  # the next unit of one cell's list
        # the task's second paragraph ("Khen thưởng …" under "Sơ kết, tổng kết …")
        goes_on = goes_on or (end == k + 2 and not looks_like_unit(text) and not _timed(text))
        cells += not goes_on
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
        gap = k
        while k < len(lines) and not lines[k].strip():
            k += 1
        # docx2python: an empty cell is an empty paragraph, two more blank lines
        out.extend((EMPTY, gap) for _ in range((k - gap - 1) // 2) if k < len(lines))
    return out


def _end_of(lines: list[str], first: int) -> int:
    k = first
    while k < len(lines) and lines[k].strip():
        k += 1
    return k


def _placed(cells: list[str], roles: list[str]) -> list[list[str]]:
    """The row's paragraphs in their columns (see the module's docstring)."""
    if EMPTY in cells and len(cells) < len(roles):
        cells = cells + [EMPTY] * (len(roles) - len(cells))  # trailing empty cells
    if len(cells) == len(roles):
        return [[c] if c else _empty(roles[i]) for i, c in enumerate(cells)]
    out: list[list[str]] = [[cells[0]]] + [[] for _ in roles[1:]]
    free = list(range(1, len(roles)))
    for text in (c for c in cells[1:] if c):
        column = _column_for(text, roles, free, out)
        out[column].append(text)
        # Cells come in their columns' order: none goes left of one already filled.
        free = [c for c in free if c > column or (c == column and roles[c] == Role.COORD)]
    # A cell the converter left out was empty, not merged with the row above's.
    return [cell or [NONE_MARK] for cell in out]


# A time cell opens with its time ("Tháng 6 - tháng 8/2026", "Hằng quý", "Đợt 1: …"); a
# task that names a year ("Hội sách thiếu nhi dịp hè năm 2026") is no time cell.
_TIME_OPENERS = (
    "thang", "quy", "nam", "hang", "tu", "truoc", "trong", "dot", "dinh ky", "thuong xuyen",
    "sau", "khi", "ngay", "den", "giai doan", "moi", "cham nhat", "theo", "so ket", "tong ket",
)  # fmt: skip


def _timed(text: str) -> bool:
    """The paragraph is a time cell: it opens with a time word or a figure, and reads as
    a time (any year: only the kind counts)."""
    head = fold(text).lstrip()
    opens = head[:1].isdigit() or head.startswith(_TIME_OPENERS)
    return opens and parse_deadline(text, plan_year=2000).kind in _TIMES


def _empty(role: str) -> list[str]:
    """An empty cell written out: a lead left empty is merged with the row above's (the
    table reader carries it down); any other says "none"."""
    return [] if role == Role.LEAD else [NONE_MARK]


def _column_for(text: str, roles: list[str], free: list[int], out: list[list[str]]) -> int:
    def first(role: str) -> int | None:
        return next((c for c in free if roles[c] == role), None)

    previous = next((c for c in range(len(out) - 1, 0, -1) if out[c]), None)
    if previous is not None and out[previous][-1].endswith((";", ",")):
        return previous  # "Sở Nông nghiệp và Môi trường;" / "Tỉnh đoàn": one cell's list
    task = first(Role.TITLE)
    if previous is None and task is not None:
        return task  # a task row's first cell after its number is the task, never empty
    wanted: int | None = None
    timed, unit = _timed(text), looks_like_unit(text)
    if previous is not None and roles[previous] == Role.TITLE and not (timed or unit):
        return previous  # the task's second paragraph ("Chương trình … tại 10 xã")
    if timed:
        wanted = first(Role.DUE)
    elif unit:
        wanted = first(Role.LEAD)
        if wanted is None:
            wanted = first(Role.COORD)
    if wanted is None:
        rest = [c for c in free if roles[c] not in (Role.DUE, Role.LEAD)] or free
        wanted = rest[0] if rest else (previous or len(out) - 1)
    return wanted
