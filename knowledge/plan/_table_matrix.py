"""A responsibility matrix: one column per unit, and in each row a mark in the columns of
the units that take part ("CT" chủ trì, "PH" phối hợp). Rebuilt as the two columns a task
table has, "Chủ trì" and "Phối hợp", each naming the marked units in column order."""

from __future__ import annotations

from dataclasses import replace

from knowledge.document import Row, Table
from knowledge.plan.clauses import names_unit
from knowledge.plan.tables import NONE_MARK, NONE_MARKS
from knowledge.vietnamese import fold

_LEAD = frozenset(["ct", "c", "chu tri", "chủ trì"])
_COORD = frozenset(["ph", "p", "phoi hop"])
_MIN_UNITS = 2
_HEADER_SCAN = 3


def roles_from_marks(table: Table) -> Table:
    """``table`` with its unit columns folded into "Chủ trì" / "Phối hợp"; any other
    table unchanged."""
    for h, header in enumerate(table.rows[:_HEADER_SCAN]):
        units = [k for k, c in enumerate(header.cells) if c and names_unit(c)]
        if len(units) >= _MIN_UNITS and _only_marks(table.rows[h + 1 :], units):
            return _rebuilt(table, h, units)
    return table


def _mark(cell: str) -> str:
    """The folded mark; "" for an empty cell or a dash left in it."""
    return " ".join(fold(cell).replace(".", " ").split()).strip("".join(NONE_MARKS) + " ")


def _only_marks(rows: list[Row], units: list[int]) -> bool:
    marks = [_mark(r.cells[k]) for r in rows for k in units if k < len(r.cells)]
    given = [m for m in marks if m]
    return (
        bool(given) and all(m in _LEAD | _COORD for m in given) and any(m in _LEAD for m in given)
    )


def _rebuilt(table: Table, h: int, units: list[int]) -> Table:
    header = table.rows[h].cells
    rows = list(table.rows[:h])
    kept = [k for k in range(len(header)) if k not in units]
    rows.append(replace(table.rows[h], cells=[header[k] for k in kept] + ["Chủ trì", "Phối hợp"]))
    for row in table.rows[h + 1 :]:
        cells = row.cells + [""] * (len(header) - len(row.cells))
        lead = [header[k] for k in units if _mark(cells[k]) in _LEAD]
        coord = [header[k] for k in units if _mark(cells[k]) in _COORD]
        marked = bool(lead or coord)
        # A row with no mark is a group row; a task row's empty cell is left out on purpose.
        ends = [", ".join(lead) or NONE_MARK, "; ".join(coord) or NONE_MARK] if marked else ["", ""]
        rows.append(replace(row, cells=[cells[k] for k in kept] + ends))
    return replace(table, rows=rows)
