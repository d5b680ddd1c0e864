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
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from knowledge import texts
from knowledge.progress.board import BoardRow, to_local
from knowledge.progress.occurrences import Occurrence
from storage.progress import TaskFacts

# Column header -> width in characters (openpyxl units).
COLUMNS: tuple[tuple[str, int], ...] = tuple(
    zip(texts.EXPORT_HEADERS, texts.EXPORT_WIDTHS, strict=True)
)
_WRAPPED = (1, 7)  # the task and the note wrap; styling every cell would slow a large export
_STAMP = 9  # the report time: a real date, shown dd/mm/yyyy hh:mm
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


class RowValues:
    """The export's values for each board row. A task's columns and an occurrence's
    deadline text are the same on every row that repeats them (a monthly task has
    twelve), so each is made once per export."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._tasks: dict[int, tuple[str, str, str]] = {}
        self._deadlines: dict[tuple[Occurrence, str], str] = {}

    def __call__(self, n: int, row: BoardRow) -> list[Any]:
        reported = row.reported
        title, lead, coordinating = self._task(row.task)
        head = [n, title, lead, coordinating, self._deadline(row), row.status_class.label]
        if reported is None:
            return [*head, None, "", "; ".join(row.evidence), None, ""]
        at = to_local(reported.reported_at, self.tz).replace(tzinfo=None)
        note, evidence = reported.note, "; ".join(row.evidence)
        return [*head, reported.percent, note, evidence, at, reported.reporter]

    def _task(self, task: TaskFacts) -> tuple[str, str, str]:
        found = self._tasks.get(task.id)
        if found is None:
            number = f"{task.number}. " if task.number else ""
            lead = "; ".join(name for _, name in task.lead)
            found = (f"{number}{task.title}", lead, "; ".join(task.coordinating))
            self._tasks[task.id] = found
        return found

    def _deadline(self, row: BoardRow) -> str:
        key = (row.occurrence, row.task.deadline_text)
        found = self._deadlines.get(key)
        if found is None:
            found = self._deadlines[key] = _deadline_text(*key)
        return found


def _deadline_text(occurrence: Occurrence, stated: str) -> str:
    """A date as is; a period with its last day ("Quý II/2026 (30/06/2026)"); an
    undated task's own wording ("Thường xuyên")."""
    if occurrence.due is None:
        return occurrence.label or stated or texts.EXPORT_NO_DEADLINE
    due = texts.fmt_date(occurrence.due)
    return due if occurrence.label in ("", due) else f"{occurrence.label} ({due})"


def write_xlsx(rows: Sequence[BoardRow], path: Path, tz: ZoneInfo, title: str = "") -> None:
    """Write-only mode: a 10,000-task export streams rows instead of holding cells.

    openpyxl's cost is per written cell, so empty values are left out (no cell at
    all) and the few styled cells copy one prepared style instead of resolving a
    named style each.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(texts.EXPORT_SHEET)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    ws.append([_header(ws, name) for name, _ in COLUMNS])
    styles = _column_styles(wb)
    values = RowValues(tz)
    for n, row in enumerate(rows, start=1):
        ws.append(_cells(ws, values(n, row), styles))
    if title:
        wb.properties.title = title
    wb.save(path)


def _column_styles(wb: Workbook) -> dict[int, Any]:
    """Column index -> the style array its non-empty cells carry (wrapped text, dates)."""
    wrap = NamedStyle(name="wrapped", alignment=Alignment(wrap_text=True, vertical="top"))
    stamp = NamedStyle(name="stamp", number_format="DD/MM/YYYY HH:MM")
    wb.add_named_style(wrap)
    wb.add_named_style(stamp)
    styles = {index: wrap.as_tuple() for index in _WRAPPED}
    styles[_STAMP] = stamp.as_tuple()
    return styles


def _cells(ws: Any, values: list[Any], styles: dict[int, Any]) -> list[Any]:
    out: list[Any] = []
    for index, value in enumerate(values):
        if value is None or value == "":
            out.append(None)  # no cell written: the sheet reads it as empty
        elif index in styles:
            out.append(Cell(ws, row=1, column=1, value=value, style_array=styles[index]))
        else:
            out.append(value)
    return out


def _header(ws: Any, name: str) -> Cell:
    cell = Cell(ws, row=1, column=1, value=name)
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def write_csv(rows: Sequence[BoardRow], path: Path, tz: ZoneInfo) -> None:
    """UTF-8 with BOM, so Excel opens the Vietnamese text right."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in COLUMNS])
        make = RowValues(tz)
        for n, row in enumerate(rows, start=1):
            values = make(n, row)
            at = values[_STAMP]
            values[_STAMP] = at.strftime("%d/%m/%Y %H:%M") if at is not None else ""
            writer.writerow(["" if v is None else v for v in values])
