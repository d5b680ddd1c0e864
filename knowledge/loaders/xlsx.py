"""An Excel workbook (.xlsx), read with openpyxl as the sheet it shows: every sheet's rows
as the lines and markdown tables the text reader knows (``_delimited``). Merged cells are
repeated down the rows they cover (a lead merged over three tasks is each one's lead), as
the other sheet readers do; hidden columns are left out.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from knowledge import texts
from knowledge.document import Document, DocumentError
from knowledge.loaders._delimited import sheet_records_as_markdown


def load_xlsx(path: Path, name: str) -> Document:
    from openpyxl import load_workbook

    from knowledge.loaders.text import parse_text

    try:
        book = load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=".xlsx")) from exc
    parts = [sheet_records_as_markdown(rows) for rows in map(_records, book.worksheets) if rows]
    if not parts:
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    return parse_text("\n".join(parts), name, fmt="xlsx")


def _records(sheet: Any) -> list[list[str]]:
    from openpyxl.utils import column_index_from_string

    hidden = {
        column_index_from_string(letter)
        for letter, dim in sheet.column_dimensions.items()
        if dim.hidden
    }
    merged = _merged_values(sheet)
    out = []
    for row in sheet.iter_rows():
        cells = [
            merged.get((c.row, c.column), _shown(c.value)) for c in row if c.column not in hidden
        ]
        if any(cells):
            out.append(cells)
    return out


def _merged_values(sheet: Any) -> dict[tuple[int, int], str]:
    """The top-left value of each merged range, for every cell of its first column: a
    range's other columns stay empty (a title over the sheet's width is one cell)."""
    values: dict[tuple[int, int], str] = {}
    for rng in sheet.merged_cells.ranges:
        value = _shown(sheet.cell(rng.min_row, rng.min_col).value)
        for r in range(rng.min_row, rng.max_row + 1):
            values[(r, rng.min_col)] = value
    return values


def _shown(value: object) -> str:
    """A cell's value as Excel shows it: a whole day as dd/mm/yyyy, 2026.0 as 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return texts.fmt_date(value.date())
    if isinstance(value, date):
        return texts.fmt_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split("\n")).strip() if isinstance(value, str) else str(value)
