"""Grid tables (pandoc's ``-t plain`` / reStructuredText): ``+----+----+`` borders
around every row, ``+====+`` under the header, a cell's text wrapped over several lines
between ``|`` at the border's column positions. Each table is rewritten as the markdown
pipe table the text reader already knows, one line a row, a cell's lines joined.

A row whose text crosses an inner column position ("| | Đợt 1: Kiểm tra … |") spans
those columns: its text becomes one cell, the others stay empty, so a group row stays a
group row.
"""

from __future__ import annotations

import re

from knowledge.loaders._markup import pipe_row, pipe_rule

_BORDER = re.compile(r"^\+(?:[-=:]+\+){2,}$")


def _columns(border: str) -> list[int]:
    return [k for k, ch in enumerate(border) if ch == "+"]


def _row_cells(lines: list[str], cols: list[int]) -> list[str]:
    """The row's cells: each column's text over the row's lines, joined."""
    parts: list[list[str]] = [[] for _ in cols[:-1]]
    for line in lines:
        line = line.ljust(cols[-1] + 1)
        # Inner column positions where this line has no "|": the cell spans across.
        bounds = [cols[0]] + [c for c in cols[1:-1] if line[c] == "|"] + [cols[-1]]
        for a, b in zip(bounds, bounds[1:], strict=False):
            text = line[a + 1 : b].strip()
            if text:
                parts[cols.index(a)].append(text)
    return [" ".join(p) for p in parts]


def _table(lines: list[str], start: int) -> tuple[list[str], int]:
    """(markdown lines, index after the table) for the grid table at ``start``."""
    cols = _columns(lines[start].rstrip())
    out: list[str] = []
    pending: list[str] = []
    k = start + 1
    while k < len(lines):
        s = lines[k].rstrip()
        if _BORDER.match(s) and _columns(s) == cols:
            if pending:
                out.append(pipe_row(_row_cells(pending, cols)))
                pending = []
            if "=" in s:
                out.append(pipe_rule(len(cols) - 1))
            k += 1
            continue
        if not s.startswith("|"):
            break
        pending.append(s)
        k += 1
    return out, k


# Box-drawing tables (w3m / links dumps of HTML tables, some terminal exports): the same
# grid drawn with "┌─┬─┐", "│" and "├─┼─┤".
_BOX_CORNERS = "┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╒╤╕╞╪╡╘╧╛╓╥╖╟╫╢╙╨╜"
_BOX_STARTS = ("┌", "╔", "╒", "╓")  # a box table's top-left corner
_BOX = str.maketrans({**dict.fromkeys(_BOX_CORNERS, "+"), "─": "-", "═": "-", "│": "|", "║": "|"})


def _boxes_as_grid(text: str) -> str:
    """Box-drawn tables redrawn with "+", "-" and "|", flush left, the border under the
    first row marked "=" as a grid table marks its header."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        if not lines[k].lstrip().startswith(_BOX_STARTS):
            out.append(lines[k])
            k += 1
            continue
        start = k
        while k < len(lines) and (first := lines[k].lstrip()[:1]) and first in _BOX_CORNERS + "│║":
            k += 1
        block = [ln.translate(_BOX) for ln in lines[start:k]]
        indent = min(len(b) - len(b.lstrip()) for b in block)
        block = [b[indent:].rstrip() for b in block]
        inner = next((j for j in range(1, len(block)) if block[j].startswith("+")), None)
        if inner is not None and inner < len(block) - 1:
            block[inner] = block[inner].replace("-", "=")
        out += block
    return "\n".join(out)


def grid_tables_as_markdown(text: str) -> str:
    """``text`` with every grid table rewritten as a markdown pipe table."""
    if any(corner in text for corner in _BOX_STARTS):
        text = _boxes_as_grid(text)
    if "+-" not in text and "+=" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        if _BORDER.match(lines[k].rstrip()):
            rows, k = _table(lines, k)
            out += [""] + rows + [""]
            continue
        out.append(lines[k])
        k += 1
    return "\n".join(out)
