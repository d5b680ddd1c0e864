"""Tables drawn with dashed rules in plain text: pandoc's "simple" and "multiline"
tables (``pandoc -t plain``, many Markdown exports).

    ----------------------------------------------
    TT  Nhiệm vụ               Sở Y tế Thời gian
                                       hoàn thành
    --- ---------------------- ------- ----------
    1.1 Ban hành hướng dẫn     CT      Trước
        giám sát ca bệnh                15/3/2026

    1.2 …
    ----------------------------------------------

The rule under the header gives the columns: each run of dashes is one column, from
its first character to the next run's. A multiline table opens with a full-width rule,
wraps its header and cells over several lines, and separates its rows with blank lines;
a simple table has one line per row and ends at a blank line. Each table is written
back as a Markdown pipe table, a wrapped cell joined with single spaces. A block of
columns without a header (a signature block laid out side by side) is left as it is.
"""

from __future__ import annotations

import re

from knowledge.loaders._markup import LEFT_OUT, pipe_row, pipe_rule

_SEGMENTS = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$")
_FULL = re.compile(r"^[ \t]*-{10,}[ \t]*$")
_RUN = re.compile(r"-{2,}")
_MIN_COLUMNS = 3


def dash_tables_as_markdown(text: str) -> str:
    """``text`` with its dash-ruled tables as pipe tables; other text unchanged."""
    lines = text.split("\n")
    if not any(_SEGMENTS.match(line) for line in lines):
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        if found is None:
            if not _SEGMENTS.match(lines[i]):  # a rule over columns without a header
                out.append(lines[i])
            i += 1
            continue
        start_out, end, rows = found
        del out[len(out) - start_out :]  # the header lines already copied
        out += ["", *_pipe(rows), ""]
        i = end
    return "\n".join(out)


def _table_at(lines: list[str], i: int) -> tuple[int, int, list[list[str]]] | None:
    """At a header rule: (header lines to take back, index after the table, rows)."""
    rule = lines[i]
    if not _SEGMENTS.match(rule):
        return None
    spans = [(m.start(), m.end()) for m in _RUN.finditer(rule)]
    if len(spans) < _MIN_COLUMNS:
        return None
    header_lines = _header_above(lines, i)
    if not header_lines:
        return None  # columns with no header: a signature block, not a table
    opened = i - len(header_lines) - 1 >= 0 and bool(_FULL.match(lines[i - len(header_lines) - 1]))
    header = _cells(header_lines, spans)
    rows, end = (_multiline_rows if opened else _simple_rows)(lines, i + 1, spans)
    if not rows:
        return None
    back = len(header_lines) + (1 if opened else 0)
    return back, end, [header, *rows]


def _header_above(lines: list[str], i: int) -> list[str]:
    j = i
    while j > 0 and lines[j - 1].strip() and not _FULL.match(lines[j - 1]):
        j -= 1
    return lines[j:i] if i - j <= _MAX_HEADER_LINES else []


_MAX_HEADER_LINES = 6


def _multiline_rows(
    lines: list[str], i: int, spans: list[tuple[int, int]]
) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    chunk: list[str] = []
    while i < len(lines) and not _FULL.match(lines[i]) and not _SEGMENTS.match(lines[i]):
        if lines[i].strip():
            chunk.append(lines[i])
        elif chunk:
            rows.append(_cells(chunk, spans))
            chunk = []
        i += 1
    if chunk:
        rows.append(_cells(chunk, spans))
    return rows, i + 1 if i < len(lines) else i


def _simple_rows(
    lines: list[str], i: int, spans: list[tuple[int, int]]
) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].strip() and not _SEGMENTS.match(lines[i]):
        rows.append(_cells([lines[i]], spans))
        i += 1
    return rows, i


def _cells(chunk: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """Each column's text over the chunk's lines: from its rule's start to the next's."""
    cells: list[list[str]] = [[] for _ in spans]
    for line in chunk:
        for k, (start, _) in enumerate(spans):
            stop = spans[k + 1][0] if k + 1 < len(spans) else len(line)
            piece = line[start:stop].strip()
            if piece:
                cells[k].append(piece)
    return [" ".join(parts) for parts in cells]


def _pipe(rows: list[list[str]]) -> list[str]:
    return [pipe_row(rows[0]), pipe_rule(len(rows[0])), *(pipe_row(_filled(r)) for r in rows[1:])]


_MIN_FILLED = 3  # a row with fewer cells is a group row ("1 | Giám sát …")


def _filled(row: list[str]) -> list[str]:
    """Such a table merges no cells: an empty cell of a full row is empty, never the
    cell above carried down."""
    if sum(1 for c in row if c) < _MIN_FILLED:
        return row
    return [c or LEFT_OUT for c in row]
