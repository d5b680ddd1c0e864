"""The legal website's "Số hiệu | 3369/QĐ-UBND" header table -> ``Document.meta``; and the
header a plan forwarded as a message or shown on a slide states in one sentence."""

from __future__ import annotations

import re

from knowledge.loaders._markup import clean_cell_lines, clean_inline
from knowledge.loaders._texttables import RawRow, RawTable
from knowledge.vietnamese import fold

_LABELS = frozenset(
    {
        "so hieu",
        "ngay ban hanh",
        "ngay co hieu luc",
        "ngay hieu luc",
        "loai van ban",
        "co quan ban hanh",
        "noi ban hanh",
        "nguoi ky",
        "linh vuc",
        "tinh trang",
        "ngay cong bao",
        "so cong bao",
    }
)
# Placeholders the website prints instead of a value.
_NO_VALUE = frozenset({"da biet", "dang cap nhat", "khong xac dinh"})


def _label(cell: list[str]) -> str | None:
    """The label a cell ends with ("**Số hiệu:**" -> "Số hiệu"), if it is a known one."""
    last = next((ln for ln in reversed(cell) if clean_inline(ln)), "")
    if not last or len(last) > 60:
        return None
    text = clean_inline(last).rstrip(":").strip()
    return text if fold(text) in _LABELS else None


def _has_label(row: RawRow) -> bool:
    return any(_label(cell) is not None for cell in row.cells)


def _pairs(row: RawRow) -> dict[str, str]:
    found: dict[str, str] = {}
    for j, cell in enumerate(row.cells[:-1]):
        label = _label(cell)
        if label is None:
            continue
        value = clean_cell_lines(row.cells[j + 1])
        if value and fold(value) not in _NO_VALUE and _label(row.cells[j + 1]) is None:
            found.setdefault(label, value)
    return found


def meta_from_rows(table: RawTable) -> tuple[dict[str, str], RawTable]:
    """Split a table into its key/value metadata and the rows that are not metadata.

    Needs at least two pairs: a single "Số hiệu" cell inside a task table is data.
    """
    meta: dict[str, str] = {}
    rest: list[RawRow] = []
    for row in table.rows:
        if _has_label(row):
            for key, value in _pairs(row).items():
                meta.setdefault(key, value)
        else:
            rest.append(row)
    if len(meta) < 2:
        return {}, table
    return meta, RawTable(table.layout, rest, table.end, set())


# "… đã ký ban hành KH 27/KH-UBND ngày 09/3/2026 về …": a plan named in a message or on a
# slide, by its kind, number and date.
_KINDS = {"KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị"}
_ANNOUNCED = re.compile(
    r"\b(?P<kind>KH|QĐ|CT|Kế hoạch|Quyết định|Chỉ thị)\s+(?:số\s+)?"
    r"(?P<num>\d{1,5}/[A-ZĐ]{1,6}(?:-[A-ZĐ]{1,8})+)\s+ngày\s+"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>20\d\d)(?:\s+(?:về|V/v)\s+(?P<title>[^.]+))?"
)


def announced_header(text: str) -> list[str]:
    """ "UBND tỉnh đã ký ban hành KH 27/KH-UBND ngày 09/3/2026 về phòng, chống …": the
    plan's number, date and title, written as a plan's own header states them; [] when
    the text names no plan so."""
    m = _ANNOUNCED.search(text)
    if m is None:
        return []
    kind = _KINDS.get(m["kind"].upper(), m["kind"])
    lines = [f"Số: {m['num']}", f"ngày {m['d']} tháng {m['m']} năm {m['y']}", kind.upper()]
    if m["title"]:
        lines.append(m["title"].strip()[:1].upper() + m["title"].strip()[1:])
    return [*lines, ""]
