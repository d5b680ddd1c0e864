"""The quarterly report draft (.docx) in the usual structure of a CCHC report.

Figures cover the occurrences due from the start of the year to the end of the
quarter (a Quý II report is the "6 tháng" one), counted as of the cut-off date;
tasks without a deadline are stated apart. Sections: overall results in the
Government Office's sentence form, results per unit with the reported notes,
overdue tasks by days overdue, the tasks of the next quarter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from knowledge import texts
from knowledge.progress.board import Board, BoardRow
from knowledge.progress.status import StatusClass
from knowledge.vntime import ROMAN_OUT, quarter_bounds

_QUARTER = re.compile(r"^\s*([1-4])\s*/\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Quarter:
    number: int
    year: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        m = _QUARTER.match(text)
        if not m:
            raise ValueError(texts.DRAFT_BAD_QUARTER.format(text=text))
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def bounds(self) -> tuple[date, date]:
        return quarter_bounds(self.year, self.number)

    @property
    def label(self) -> str:
        return texts.PERIOD_QUARTER.format(q=ROMAN_OUT[self.number], y=self.year)

    def next(self) -> Quarter:
        return (
            Quarter(1, self.year + 1) if self.number == 4 else Quarter(self.number + 1, self.year)
        )


def cutoff_for(quarter: Quarter, today: date) -> date:
    """The day figures are counted to: the quarter's end, or today while it runs."""
    return min(quarter.bounds[1], today)


def in_scope(row: BoardRow, quarter: Quarter) -> bool:
    """Due from the start of the quarter's year to its end (or without a deadline)."""
    due = row.occurrence.due
    return due is None or date(quarter.year, 1, 1) <= due <= quarter.bounds[1]


def write_draft(board: Board, quarter: Quarter, path: Path, plan_title: str = "") -> None:
    rows = [r for r in board.rows if in_scope(r, quarter)]
    doc = new_document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    _heading(doc, texts.DRAFT_TITLE.format(quarter=quarter.label), plan_title)
    doc.add_paragraph(texts.DRAFT_CUTOFF.format(date=texts.fmt_date(board.today)))

    doc.add_heading(texts.DRAFT_SECTION_OVERALL, level=1)
    stats = board.stats(rows)
    doc.add_paragraph(stats.sentence() + ".")
    doc.add_paragraph(stats.bases())

    doc.add_heading(texts.DRAFT_SECTION_UNITS, level=1)
    for unit, unit_rows in _by_unit(rows):
        doc.add_heading(unit, level=2)
        doc.add_paragraph(board.stats(unit_rows).sentence() + ".")
        for row in unit_rows:
            doc.add_paragraph(_result_line(row), style="List Bullet")

    doc.add_heading(texts.DRAFT_SECTION_OVERDUE, level=1)
    _overdue_table(doc, rows)

    doc.add_heading(texts.DRAFT_SECTION_NEXT.format(quarter=quarter.next().label), level=1)
    start, end = quarter.next().bounds
    upcoming = [r for r in board.rows if r.occurrence.due and start <= r.occurrence.due <= end]
    if not upcoming:
        doc.add_paragraph(texts.DRAFT_NONE)
    for row in sorted(upcoming, key=lambda r: (r.occurrence.due or date.max, r.task.ordinal)):
        doc.add_paragraph(
            texts.DRAFT_NEXT_LINE.format(
                task=_task_name(row),
                units="; ".join(row.lead_names) or "—",
                due=texts.fmt_date(row.occurrence.due),
            ),
            style="List Bullet",
        )
    doc.save(str(path))


def _heading(doc: DocxDocument, title: str, plan_title: str) -> None:
    paragraph = doc.add_heading(title, level=0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if plan_title:
        sub = doc.add_paragraph(plan_title)
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(texts.DRAFT_DRAFT_NOTE)


def _by_unit(rows: Sequence[BoardRow]) -> list[tuple[str, list[BoardRow]]]:
    groups: dict[str, list[BoardRow]] = defaultdict(list)
    for row in rows:
        for name in row.lead_names or [texts.DRAFT_NO_LEAD]:
            groups[name].append(row)
    return sorted(groups.items())


def _task_name(row: BoardRow) -> str:
    number = f"{row.task.number}. " if row.task.number else ""
    title = row.task.title if len(row.task.title) <= 160 else row.task.title[:159] + "…"
    label = f" ({row.occurrence.label})" if row.occurrence.label else ""
    return f"{number}{title}{label}"


def _result_line(row: BoardRow) -> str:
    line = f"{_task_name(row)}: {row.status_class.label}"
    reported = row.reported
    if reported is not None:
        if reported.percent is not None and not row.status_class.done:
            line += texts.DRAFT_PERCENT.format(percent=reported.percent)
        if reported.note:
            line += f". {reported.note}"
    else:
        line += texts.DRAFT_NOT_REPORTED
    return line


def _overdue_table(doc: DocxDocument, rows: Sequence[BoardRow]) -> None:
    overdue = sorted(
        (r for r in rows if r.status_class is StatusClass.OPEN_OVERDUE),
        key=lambda r: (-r.days_overdue, r.task.ordinal),
    )
    if not overdue:
        doc.add_paragraph(texts.DRAFT_NONE)
        return
    table = doc.add_table(rows=1, cols=len(texts.DRAFT_OVERDUE_HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, texts.DRAFT_OVERDUE_HEADERS, strict=True):
        cell.text = header
    for n, row in enumerate(overdue, start=1):
        note = row.reported.note if row.reported is not None else ""
        values = (
            str(n),
            _task_name(row),
            "; ".join(row.lead_names),
            texts.fmt_date(row.occurrence.due),
            str(row.days_overdue),
            note,
        )
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
