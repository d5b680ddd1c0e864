"""A workbook saved by Excel as "XML Spreadsheet 2003" (often kept under an .xls name and
sent on as text), read as the markdown tables the text reader already knows.

Excel writes a row's cells only where they hold something: ``ss:Index`` says which column a
cell stands in after a gap, ``ss:MergeAcross`` / ``ss:MergeDown`` how many columns and rows
a merged cell covers. A merged cell is repeated in every row it covers (a lead merged over
three tasks is each one's lead), and across the columns it covers when the row holds other
cells too (a "Thời gian" cell over Bắt đầu and Hoàn thành is both); a row that is only one
merged cell is a title or a group row and stays one cell. Hidden columns (a code the office
keeps for itself) and cell comments are not the document.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405 - Excel's own XML; expat refuses entity bombs
from datetime import date

from knowledge import texts
from knowledge.loaders._delimited import sheet_records_as_markdown

_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{_NS}}}"
_START = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?<\?mso-application\s+progid=\"Excel\.Sheet\"")
_WORKBOOK = re.compile(r"<(?:ss:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T00:00:00(?:\.0+)?$")

Grid = dict[tuple[int, int], str]


def is_xml_sheet(text: str) -> bool:
    head = text[:4096]
    return _START.match(head) is not None or _WORKBOOK.search(head) is not None


def xml_sheet_as_markdown(text: str) -> str:
    """The workbook's sheets as lines and markdown tables; ``text`` unchanged when it is no
    such workbook or does not parse."""
    if not is_xml_sheet(text):
        return text
    try:
        root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 - see the import
    except ET.ParseError:
        return text
    parts = [_sheet_markdown(sheet) for sheet in root.iter(f"{_SS}Worksheet")]
    kept = [p for p in parts if p.strip()]
    return "\n".join(kept) if kept else text


def _sheet_markdown(sheet: ET.Element) -> str:
    table = sheet.find(f"{_SS}Table")
    if table is None:
        return ""
    hidden = _hidden_columns(table)
    grid, height, width = _grid(table)
    records = []
    for r in range(height):
        record = [grid.get((r, c), "") for c in range(width) if c not in hidden]
        if any(cell.strip() for cell in record):
            records.append(record)
    return sheet_records_as_markdown(records) if records else ""


def _hidden_columns(table: ET.Element) -> set[int]:
    hidden: set[int] = set()
    start = 0
    for column in table.findall(f"{_SS}Column"):
        start = int(column.get(f"{_SS}Index", start + 1)) - 1
        span = int(column.get(f"{_SS}Span", "0")) + 1
        if column.get(f"{_SS}Hidden") == "1":
            hidden.update(range(start, start + span))
        start += span  # the next column without an Index stands right after
    return hidden


def _grid(table: ET.Element) -> tuple[Grid, int, int]:
    """Every cell's text by (row, column), merged cells spread as the module says: across only a
    cell in the middle of a row that has unmerged cells too (not a title's halves, not a
    group row's one title after its number)."""
    grid: Grid = {}
    covered: set[tuple[int, int]] = set()
    r, width = -1, 0
    for row in table.findall(f"{_SS}Row"):
        r = int(row.get(f"{_SS}Index", r + 2)) - 1
        cells = row.findall(f"{_SS}Cell")
        last, plain = _last_filled(cells), _has_plain(cells)
        c = 0
        for cell in cells:
            c = int(cell.get(f"{_SS}Index", c + 1)) - 1
            while (r, c) in covered and f"{_SS}Index" not in cell.attrib:
                c += 1
            across = int(cell.get(f"{_SS}MergeAcross", "0"))
            down = int(cell.get(f"{_SS}MergeDown", "0"))
            value = _value(cell)
            spread = across if cell is not last and plain else 0
            for dr in range(down + 1):
                for dc in range(across + 1):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
                    if dc <= spread:
                        grid[(r + dr, c + dc)] = value
            c += across + 1
            width = max(width, c)
    return grid, r + 1, width


def _last_filled(cells: list[ET.Element]) -> ET.Element | None:
    filled = [cell for cell in cells if _value(cell)]
    return filled[-1] if filled else None


def _has_plain(cells: list[ET.Element]) -> bool:
    return any(f"{_SS}MergeAcross" not in cell.attrib for cell in cells)


def _value(cell: ET.Element) -> str:
    """The cell's text as Excel shows it: rich text joined, a whole day as dd/mm/yyyy."""
    data = cell.find(f"{_SS}Data")
    if data is None:
        return ""
    text = " ".join("".join(data.itertext()).split())
    kind = data.get(f"{_SS}Type")
    if kind == "DateTime":
        m = _ISO_DAY.match(text)
        if m:
            return texts.fmt_date(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if kind == "Number" and text.endswith(".0"):
        return text[:-2]
    return text
