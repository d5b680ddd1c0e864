"""A spreadsheet saved as CSV (Excel's "CSV UTF-8": ";" between cells, quoted cells that
hold line breaks), read as the markdown the text reader already knows.

Excel writes every row with the sheet's full width, so a sheet shows itself by most of
its records having the same number of fields. A record with one filled cell is a line
of text (a title, "B. NHIỆM VỤ CỤ THỂ"); one with several is a table row; a row whose
first cell is "STT" / "TT" opens a table under its header.
"""

from __future__ import annotations

import csv
import io
import re

from knowledge.loaders._markup import pipe_row, pipe_rule
from knowledge.plan.columns import looks_like_header
from knowledge.vietnamese import fold

# Tab-separated tables have their own reader. "," is tried last: prose has commas too, but
# prose never gives most records the same width of three fields or more.
_DELIMITERS = (";", ",")
_MIN_FIELDS = 3
_SHEET_SHARE = 0.8  # records of the sheet's width, of the non-empty ones
_MIN_RECORDS = 5
_HEADER_FIRST = {"stt", "tt", "so tt"}
_HEAD_CHARS = 6000


def _records(text: str, delimiter: str) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"'))
    except csv.Error:
        return None


def _sheet(text: str) -> list[list[str]] | None:
    """The records, when the text is one sheet of a fixed width (≥ 3 fields)."""
    line_end = text.find("\n")
    head = text if line_end < 0 else text[: max(line_end, 2000)]  # the first line, 2000 chars
    for delimiter in _DELIMITERS:
        if delimiter not in head:
            continue
        # The sheet shows in its first lines: a plain text costs one short read, not a
        # parse of the whole file for each delimiter.
        if len(text) > _HEAD_CHARS and _same_width(_records(text[:_HEAD_CHARS], delimiter)) is None:
            continue
        filled = _same_width(_records(text, delimiter))
        if filled is not None:
            return filled
    return None


def _same_width(
    records: list[list[str]] | None, min_records: int = _MIN_RECORDS
) -> list[list[str]] | None:
    """The non-empty records, when enough of them are of one width of three fields or more."""
    if not records:
        return None
    filled = [r for r in records if any(c.strip() for c in r)]
    if not filled or len(filled) < min_records:
        return None
    width = max(len(r) for r in filled)
    same = sum(len(r) == width for r in filled)
    return filled if width >= _MIN_FIELDS and same >= _SHEET_SHARE * len(filled) else None


def _cell(text: str) -> str:
    """A cell's lines joined: a line that starts a capitalised item after one that ends
    without punctuation is a new entry of a list typed one a line ("UBND các xã, phường
    (chủ trì)" / "Liên minh Hợp tác xã tỉnh"), so "; " keeps the entries apart."""
    out = ""
    for line in (ln.strip() for ln in text.replace("|", "/").split("\n")):
        if not line:
            continue
        new_entry = out and out[-1] not in ":;,." and line[:1].isupper()
        out = f"{out}; {line}" if new_entry else f"{out} {line}".strip()
    return " ".join(out.split())


def sheet_as_markdown(text: str) -> str | None:
    """The sheet as lines and markdown tables, or None when ``text`` is no sheet."""
    records = _sheet(text.lstrip("\ufeff"))
    if records is None:
        return None
    return sheet_records_as_markdown(records)


def pasted_range_as_markdown(text: str) -> str:
    """A range copied from Excel into a typed document (a Phụ lục below the prose): from
    its "STT<TAB>…" header on, tab-separated records whose cells may be quoted and hold
    line breaks, written as markdown; the prose above stays as it is."""
    start = _range_start(text)
    if start is None:
        return text
    filled = _same_width(_records(text[start:], "\t"), min_records=1)
    if filled is None:
        return text
    return text[:start] + sheet_records_as_markdown(filled)


# "STT<TAB>Nội dung …<TAB>…": the header row of a pasted range, at a line's start.
_RANGE_HEADER = re.compile(r"^(?:STT|TT|Số TT)\t[^\n]*\t[^\n]*\t", re.MULTILINE)
_QUOTED_BREAK = re.compile(r'\t"[^"\t]*\n')  # a quoted cell that holds a line break


def _range_start(text: str) -> int | None:
    m = _RANGE_HEADER.search(text)
    if m is None or not _QUOTED_BREAK.search(text, m.start()):
        return None  # plain TAB rows: the TAB table reader has them, cell by cell
    return m.start()


def _joined(upper: str, lower: str) -> str:
    return upper if upper == lower or not lower else f"{upper} {lower}".strip()


def sheet_records_as_markdown(records: list[list[str]]) -> str:
    out: list[str] = []
    in_table = False
    header_cells: list[str] = []
    for record in records:
        cells = [_cell(c) for c in record]
        filled = [c for c in cells if c]
        # "STT | …", or a row of column names without it ("Mục CT | Nội dung | Chủ trì …")
        header = fold(cells[0]).rstrip(".") in _HEADER_FIRST or (
            not in_table and len(filled) >= _MIN_FIELDS and looks_like_header(cells)
        )
        if header:
            if in_table and out[-1] == pipe_rule(len(cells)):
                # a two-row header ("Thời gian thực hiện" over "Bắt đầu", "Hoàn thành"):
                # one row, each column named by both
                cells = [_joined(a, b) for a, b in zip(header_cells, cells, strict=True)]
                del out[-3:]
            header_cells = cells
            out += ["", pipe_row(cells), pipe_rule(len(cells))]
            in_table = True
        elif in_table and len(filled) >= 2:
            out.append(pipe_row(cells))
        else:
            if in_table and len(filled) == 1 and not cells[0][:1].isalpha():
                # a numbered row with one cell, or a group row written in the content
                # column ("", "NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH TỈNH", "", …)
                out.append(pipe_row(cells))
                continue
            in_table = False
            out += [""] + filled  # a title, a heading or a sentence the sheet holds
    return "\n".join(out) + "\n"


# A row of cells written with "|" between them and no frame ("1|Rà soát …|Công an tỉnh|…|"),
# as text extracted from an .rtf or a .doc writes a table: a cell's own line breaks cut the
# row across lines, and only the row's last line ends with "|".
_BARE_ROW = re.compile(r"^[^|\s][^\n]*\|[^\n]*\|")
_MAX_ROW_LINES = 12  # a row cut over more lines than this is no row: the table ends


def bare_pipe_rows_as_markdown(text: str) -> str:
    """From each header row of column names written as bare "|"-separated cells on, the
    table's rows as markdown; a row ends at the first of its lines that ends with "|"."""
    if text.count("|") < 2 * _MIN_FIELDS:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = _bare_cells(lines[i])
        if cells is None or len(cells) < _MIN_FIELDS or not looks_like_header(cells):
            out.append(lines[i])
            i += 1
            continue
        records, i = _bare_records(lines, i, len(cells))
        out.append(sheet_records_as_markdown(records))
    return "\n".join(out)


def _bare_cells(line: str) -> list[str] | None:
    s = line.strip()
    if not _BARE_ROW.match(s) or not s.endswith("|"):
        return None
    return s[:-1].split("|")


def _bare_records(lines: list[str], start: int, width: int) -> tuple[list[list[str]], int]:
    """The table's records from its header at ``start`` and the index of the line after."""
    records: list[list[str]] = []
    i = start
    while i < len(lines) and "|" in lines[i]:
        end = i
        while not lines[end].rstrip().endswith("|"):
            end += 1
            if end >= len(lines) or end - i >= _MAX_ROW_LINES:
                return records, i
        cells = "\n".join(lines[i : end + 1]).rstrip()[:-1].split("|")
        if len(cells) > width:
            break  # wider than its header: no row of this table
        records.append(cells + [""] * (width - len(cells)))
        i = end + 1
    return records, i
