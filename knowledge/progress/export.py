"""Excel / CSV export of the board: one row per task occurrence, Vietnamese headers.

The workbook is what an office forwards as is: a frozen header row, filters on
every column, widths a person can read, dates as real dates (dd/mm/yyyy).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from knowledge import texts
from knowledge.progress.board import BoardRow, to_local

# Column header -> width in characters (openpyxl units).
COLUMNS: tuple[tuple[str, int], ...] = tuple(
    zip(texts.EXPORT_HEADERS, texts.EXPORT_WIDTHS, strict=True)
)
_WRAPPED = {1, 7}  # the task and the note wrap; styling every cell would slow a large export
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def row_values(n: int, row: BoardRow, tz: ZoneInfo) -> list[Any]:
    reported = row.reported
    deadline = row.occurrence.label or row.task.deadline_text or texts.EXPORT_NO_DEADLINE
    if row.occurrence.due is not None and row.occurrence.label != texts.fmt_date(
        row.occurrence.due
    ):
        deadline = f"{row.occurrence.label} ({texts.fmt_date(row.occurrence.due)})"
    return [
        n,
        _title(row),
        "; ".join(row.lead_names),
        "; ".join(row.task.coordinating),
        deadline,
        row.status_class.label,
        reported.percent if reported is not None and reported.percent is not None else None,
        reported.note if reported is not None else "",
        "; ".join(row.evidence),
        to_local(reported.reported_at, tz).replace(tzinfo=None) if reported is not None else None,
        reported.reporter if reported is not None else "",
    ]


def _title(row: BoardRow) -> str:
    number = f"{row.task.number}. " if row.task.number else ""
    return f"{number}{row.task.title}"


def write_xlsx(rows: Sequence[BoardRow], path: Path, tz: ZoneInfo, title: str = "") -> None:
    """Write-only mode: a 10,000-task export streams rows instead of holding cells."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(texts.EXPORT_SHEET)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    ws.append([_header(ws, name) for name, _ in COLUMNS])
    wrap = NamedStyle(name="wrapped", alignment=Alignment(wrap_text=True, vertical="top"))
    stamp = NamedStyle(name="stamp", number_format="DD/MM/YYYY HH:MM")
    wb.add_named_style(wrap)
    wb.add_named_style(stamp)
    for n, row in enumerate(rows, start=1):
        values = row_values(n, row, tz)
        ws.append([_cell(ws, i, v, wrap, stamp) for i, v in enumerate(values)])
    if title:
        wb.properties.title = title
    wb.save(path)


def _header(ws: Any, name: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=name)
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _cell(ws: Any, index: int, value: Any, wrap: NamedStyle, stamp: NamedStyle) -> Any:
    if value in (None, "") or (index not in _WRAPPED and index != 9):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.style = wrap.name if index in _WRAPPED else stamp.name
    return cell


def write_csv(rows: Sequence[BoardRow], path: Path, tz: ZoneInfo) -> None:
    """UTF-8 with BOM, so Excel opens the Vietnamese text right."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in COLUMNS])
        for n, row in enumerate(rows, start=1):
            values = row_values(n, row, tz)
            at = values[9]
            values[9] = at.strftime("%d/%m/%Y %H:%M") if at is not None else ""
            writer.writerow(["" if v is None else v for v in values])
