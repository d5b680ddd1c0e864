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
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from knowledge import texts
from knowledge.progress.board import BoardRow, to_local

# Column header -> width in characters (openpyxl units).
COLUMNS: tuple[tuple[str, int], ...] = tuple(
    zip(texts.EXPORT_HEADERS, texts.EXPORT_WIDTHS, strict=True)
)
_WRAPPED = {1, 2, 3, 7, 8}  # long-text columns wrap instead of running on
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
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has a sheet
    ws.title = texts.EXPORT_SHEET
    ws.append([name for name, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for n, row in enumerate(rows, start=1):
        ws.append(row_values(n, row, tz))
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for cells in ws.iter_rows(min_row=2):
        for index, cell in enumerate(cells):
            if index in _WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif index == 9:
                cell.number_format = "DD/MM/YYYY HH:MM"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    if title:
        wb.properties.title = title
    wb.save(path)


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
