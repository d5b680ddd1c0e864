"""Put the cells of a short row into the columns they came from.

A legal website flattens an HTML table and drops vertically merged cells, so a
row can arrive with fewer cells than the header (seed 004 appendix). Which cells
were dropped is not written down; we infer it from:

* anchors: a cell starting "2.16." belongs to the column printed "2- Nhiệm vụ",
  "5.1. Trung tâm …" to "5- Chủ trì"; a first cell "7" to the STT column;
* the shape of the rest: a deadline-looking value belongs in the deadline
  column, a unit in the lead/coordinating columns, "Theo dự toán" in the budget.

Every way of laying the remaining cells out left to right is scored and the
best one wins; ties go to the right-most layout (dropped cells are usually the
merged ones on the left).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from knowledge.plan._table_cells import (
    is_row_number,
    is_unit_cell,
    item_prefix,
    looks_like_budget,
)
from knowledge.plan.columns import ColumnMap

DeadlineTest = Callable[[str], bool]


@dataclass
class Placement:
    cells: list[str]  # one value per column ("" where nothing was placed)
    present: list[bool]  # False where the row had no cell for that column
    extra: list[str]  # cells that did not fit anywhere (kept for a warning)


def place_row(cells: list[str], cmap: ColumnMap, is_deadline: DeadlineTest) -> Placement:
    """Lay ``cells`` (already cleaned) out over ``cmap.width`` columns.

    A row as wide as the header stays as it is. A shorter one (or one padded with
    empty cells at the end, as markdown pipe tables are) is re-laid out only when
    another layout reads clearly better than the plain left-to-right one.
    """
    width = cmap.width
    trimmed = list(cells)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    while len(trimmed) > width and not trimmed[0]:
        trimmed.pop(0)  # a stray empty cell in front of a full row
    if len(trimmed) >= width:
        return Placement(trimmed[:width], [True] * width, [c for c in trimmed[width:] if c])
    plain = list(range(len(trimmed)))
    if len(cells) >= width and not misplaced(trimmed, cmap):
        # A full row (tab text, Word) keeps its cells where they are: its empty
        # trailing cells are real. Only a padded flattened row is re-laid out.
        return Placement(cells[:width], [True] * width, [])
    if width > 14:  # too wide to try every layout; such tables are not flattened plans
        out = trimmed + [""] * (width - len(trimmed))
        return Placement(out, [i < len(cells) for i in range(width)], [])
    plain_score = _score(trimmed, plain, cmap, is_deadline)
    best_cols, best_score = plain, plain_score
    anchors = _anchors(trimmed, cmap)
    for cols in _layouts(len(trimmed), width, anchors):
        score = _score(trimmed, cols, cmap, is_deadline)
        if (score, sum(cols)) > (best_score, sum(best_cols)):
            best_cols, best_score = cols, score
    if best_score <= plain_score + 1.0:
        out = trimmed + [""] * (width - len(trimmed))
        return Placement(out, [i < len(cells) for i in range(width)], [])
    out = [""] * width
    present = [False] * width
    for value, col in zip(trimmed, best_cols, strict=True):
        out[col] = value
        present[col] = True
    return Placement(out, present, [])


def misplaced(cells: list[str], cmap: ColumnMap) -> bool:
    """The left-to-right layout puts a numbered cell ("2.2. …") under another column,
    or a long text under the STT column."""
    for i, text in enumerate(cells):
        prefix = item_prefix(text)
        if prefix is not None and prefix[0] in cmap.labels and cmap.labels[prefix[0]] != i:
            return True
    number_col = cmap.get("number")
    if number_col is not None and number_col < len(cells):
        text = cells[number_col]
        return bool(text) and not is_row_number(text) and len(text) > 12
    return False


def _anchors(cells: list[str], cmap: ColumnMap) -> dict[int, int]:
    """cell index -> column it must stand in, kept only when mutually consistent."""
    found: dict[int, int] = {}
    number_col = cmap.get("number")
    for i, text in enumerate(cells):
        prefix = item_prefix(text)
        if prefix is not None and prefix[0] in cmap.labels:
            found[i] = cmap.labels[prefix[0]]
        elif i == 0 and number_col == 0 and is_row_number(text) and item_prefix(text) is None:
            found[i] = 0
    kept: dict[int, int] = {}
    last_i, last_c = -1, -1
    for i in sorted(found):
        c = found[i]
        # Room for the cells between the two anchors, and for those after this one.
        if c - last_c >= i - last_i and cmap.width - c >= len(cells) - i:
            kept[i] = c
            last_i, last_c = i, c
    return kept


def _layouts(n: int, width: int, anchors: dict[int, int]) -> list[list[int]]:
    """Every increasing column choice for ``n`` cells that honours the anchors."""
    fixed = sorted(anchors.items())
    bounds = [(-1, -1), *fixed, (n, width)]
    layouts: list[list[int]] = [[]]
    for (i0, c0), (i1, c1) in zip(bounds, bounds[1:], strict=False):
        gap_cells = i1 - i0 - 1
        options = list(combinations(range(c0 + 1, c1), gap_cells))
        nxt: list[list[int]] = []
        for base in layouts:
            for opt in options:
                cols = base + list(opt)
                if i1 < n:
                    cols.append(c1)
                nxt.append(cols)
        layouts = nxt
        if len(layouts) > 5000:  # absurdly wide table; keep it bounded
            layouts = layouts[:5000]
    return layouts


def _score(cells: list[str], cols: list[int], cmap: ColumnMap, is_deadline: DeadlineTest) -> float:
    score = 0.0
    for value, col in zip(cells, cols, strict=True):
        score += _cell_score(value, col, cmap, is_deadline)
    # Dropped cells are vertically merged ones: usually a block at the left. A hole
    # in the middle costs, a missing trailing cell (an empty budget) costs a little.
    inner = sum(b - a - 1 for a, b in zip(cols, cols[1:], strict=False))
    trailing = cmap.width - 1 - cols[-1] if cols else 0
    return score - 1.0 * inner - 0.25 * trailing


def _cell_score(value: str, col: int, cmap: ColumnMap, is_deadline: DeadlineTest) -> float:
    if not value:
        return 0.0
    role = cmap.role_of(col)
    unit = is_unit_cell(value)
    deadline = is_deadline(value)
    prefix = item_prefix(value)
    if prefix is not None and prefix[0] in cmap.labels and cmap.labels[prefix[0]] != col:
        return -3.0
    if role == "deadline":
        return 3.0 if deadline else (-2.0 if unit else -1.0)
    if role in ("lead", "coordinating", "supervisor"):
        # A lone unit more likely leads than coordinates (an empty lead is rarer); a list
        # of units ("Bộ Chỉ huy …; Công an tỉnh") more likely coordinates, under a lead
        # merged from the row above.
        several = ";" in value
        bonus = 0.5 if role == ("coordinating" if several else "lead") else 0.0
        return 2.0 + bonus if unit else (-2.0 if deadline else -1.5)
    if role == "budget":
        if looks_like_budget(value):
            return 2.0
        return -2.0 if (deadline or unit) else -0.5
    if role == "number":
        return 1.0 if is_row_number(value) else -3.0
    if role == "product":
        return -1.0 if (deadline and len(value) < 40) or (unit and len(value) < 60) else 0.0
    if role in ("content", "parent_task", "objective"):
        return -2.0 if deadline and len(value) < 30 else (-1.0 if unit and len(value) < 40 else 0.0)
    return 0.0
