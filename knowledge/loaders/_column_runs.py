"""A table printed one column after another (``pdftotext`` without ``-layout`` on a PDF
whose table cells are separate text boxes): the header "TT" and every row number, each
a paragraph of its own, then "Nội dung công việc" and every row's task, then "Đơn vị chủ
trì" and every lead, and so on, page by page. The rows are put back together as the
markdown pipe table the text reader already knows.

A run is read only when every column after the numbers has exactly one paragraph per
number, so prose that happens to follow a "TT" line is left alone.
"""

from __future__ import annotations

import re

from knowledge.loaders._columns import Role, column_role
from knowledge.loaders._markup import pipe_row, pipe_rule

_NUMBER = re.compile(r"^(?:\d{1,3}|[IVX]{1,5})\.?$")
_PAGE_NO = re.compile(r"^\d{1,4}$")
MIN_ROWS = 2
MAX_HEADER_CHARS = 60


def _paragraphs(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, line after, text) of each blank-separated paragraph."""
    out: list[tuple[int, int, str]] = []
    start = None
    for k, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = k
        elif not line.strip() and start is not None:
            out.append((start, k, " ".join(s.strip() for s in lines[start:k])))
            start = None
    return out


def _header_role(text: str) -> str:
    return column_role(text) if len(text) <= MAX_HEADER_CHARS else Role.OTHER


def _run(
    paras: list[tuple[int, int, str]], at: int, least: int = MIN_ROWS
) -> tuple[list[list[str]], int] | None:
    """The rows of the column run whose "TT" paragraph is ``paras[at]``, and the index of
    the paragraph after it."""
    k = at + 1
    numbers: list[str] = []
    while k < len(paras) and _NUMBER.match(paras[k][2]):
        numbers.append(paras[k][2].rstrip("."))
        k += 1
    if len(numbers) < least:
        return None
    header = ["TT"]
    columns: list[list[str]] = [numbers]
    while k < len(paras) and (role := _header_role(paras[k][2])) not in (Role.OTHER, Role.STT):
        cells = [p[2] for p in paras[k + 1 : k + 1 + len(numbers)]]
        # A cell reading as another column's header means the counts do not line up
        # ("Trong thời gian tổ chức Kỳ thi" reads as a time, and stands in the time column).
        if len(cells) < len(numbers) or any(
            _header_role(c) not in (Role.OTHER, role) for c in cells
        ):
            break
        header.append(paras[k][2])
        columns.append(cells)
        k += 1 + len(numbers)
    if len(columns) < 3 or Role.TITLE not in {_header_role(h) for h in header[1:]}:
        return None
    rows = [header] + [list(r) for r in zip(*columns, strict=True)]
    return rows, k


def column_runs_as_markdown(text: str) -> str:
    """The text with each column run rewritten as a pipe table (unchanged when none)."""
    lines = text.split("\n")
    paras = _paragraphs(lines)
    out: list[str] = []
    cursor = 0
    seen_header = False
    i = 0
    while i < len(paras):
        # A page of the table already read may hold one row only.
        least = 1 if seen_header else MIN_ROWS
        found = _run(paras, i, least) if column_role(paras[i][2]) == Role.STT else None
        if found is None:
            i += 1
            continue
        rows, after = found
        between = lines[cursor : paras[i][0]]
        if not (seen_header and all(not s.strip() or _PAGE_NO.match(s.strip()) for s in between)):
            out += between  # a page number between two runs of one table goes
        for n, row in enumerate(rows):
            if n == 0 and seen_header:
                continue  # the header again at a new page: the table goes on
            out.append(pipe_row(row))
            if n == 0:
                out.append(pipe_rule(len(row)))
        seen_header = True
        cursor = paras[after - 1][1] if after > i else paras[i][1]
        i = after
    if not seen_header:
        return text
    out += lines[cursor:]
    return "\n".join(out)
