"""Task tables -> ``Task`` records, by column meaning (owned by the table-tasks area).

One reader handles every layout the loaders produce: tab-separated tables with a
header repeated on each page, continuation rows and shifted cells (seed 002);
two-row merged headers with "Nội dung N." group rows (seed 001); flattened web
tables whose rows lost their vertically merged cells and whose activity cells
hold "3.1. … 3.2. …" (seed 004); one-cell-per-line corpus tables; Word/PDF
tables with merged cells expanded to "". Columns are found by header meaning
(``columns.py``), short rows are laid out by ``_table_layout.py``, shifted
cells repaired by ``_table_repair.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from knowledge import deadlines as _deadlines
from knowledge import texts
from knowledge.deadlines import parse_deadline
from knowledge.document import Locator, Row, Table
from knowledge.plan._table_cells import (
    clean_cell,
    deadline_shape,
    is_roman,
    is_row_number,
    is_unit_cell,
    split_items,
    starts_like_continuation,
    strip_item_number,
)
from knowledge.plan._table_groups import group_heading
from knowledge.plan._table_layout import misplaced, place_row
from knowledge.plan._table_repair import repair_row
from knowledge.plan._unit_memo import unit_names
from knowledge.plan.clauses import assignment_deadline
from knowledge.plan.columns import (
    ColumnMap,
    Role,
    classify_header,
    find_columns,
    looks_like_header,
    marked_period,
)
from knowledge.plan.labels import split_joint_cell
from knowledge.plan.model import Deadline, Task
from knowledge.units import builtin_canonical
from knowledge.vietnamese import fold

# The deadlines area provides ``looks_like_deadline``; read it lazily so this
# module works whatever stage that area is at.
_THEIR_TEST: Callable[[str], bool] | None = getattr(_deadlines, "looks_like_deadline", None)


@dataclass
class TableContext:
    """What the caller knows when a table is read.

    Pass the same context to consecutive tables of one document: a task table
    split over several pages (one table per page) then keeps its group, its last
    task (for a title wrapped onto the next page) and its columns (for a page
    without a repeated header).
    """

    section: str = ""  # the section path the table stands under
    plan_year: int | None = None
    owner: str | None = None  # the issuing office, for "Phòng ..." units
    warnings: list[str] = field(default_factory=list)
    # Carried from one table to the next (set by ``tasks_from_table``).
    columns: ColumnMap | None = None
    groups: list[tuple[int, str]] = field(default_factory=list)
    last_task: Task | None = None
    last_section: str | None = None  # ctx.section the carried state belongs to


@lru_cache(maxsize=8192)
def is_deadline(value: str) -> bool:
    """A cell reads like a time expression (local shape test, then the deadlines area's)."""
    if deadline_shape(value):
        return True
    if _THEIR_TEST is None:
        return False
    # Their test may accept "Báo cáo kết quả năm 2024"; only trust it on short cells.
    words = len(value.split())
    if words > 5:
        return _deadlines.leading_time(value) and not is_unit_cell(value)
    return not is_unit_cell(value) and bool(_THEIR_TEST(value))


def _columns(table: Table, ctx: TableContext | None) -> ColumnMap | None:
    cmap = find_columns([r.cells for r in table.rows])
    if cmap is not None:
        return cmap if cmap.is_task_table else None
    # A page of a split table without its header: same width as the carried columns
    # and mostly numbered rows under the STT column.
    if ctx is not None and ctx.columns is not None and _continues_table(table, ctx.columns):
        carried = ColumnMap(
            roles=dict(ctx.columns.roles),
            width=ctx.columns.width,
            header_rows=0,
            labels=dict(ctx.columns.labels),
            header_folds=list(ctx.columns.header_folds),
            periods=dict(ctx.columns.periods),
        )
        return carried
    return None


def _continues_table(table: Table, cmap: ColumnMap) -> bool:
    col = cmap.get("number")
    if table.width != cmap.width or col is None:
        return False
    rows = [r.cells for r in table.rows if sum(1 for c in r.cells if c.strip()) >= 3]
    numbered = sum(1 for c in rows if col < len(c) and is_row_number(c[col]))
    return bool(rows) and numbered * 2 > len(rows)


def is_task_table(table: Table, ctx: TableContext | None = None) -> bool:
    """True when the table's header names task columns (nội dung + chủ trì / thời gian)."""
    return _columns(table, ctx) is not None


def tasks_from_table(table: Table, ctx: TableContext) -> list[Task]:
    """Every task row of ``table`` as a ``Task``; table-level warnings go to ``ctx``."""
    cmap = _columns(table, ctx)
    if cmap is None:
        return []
    # A table under a new heading, or with other columns, starts fresh; the next
    # page of the same table keeps its group and last task.
    if ctx.last_section != ctx.section or not _same_columns(ctx.columns, cmap):
        ctx.groups, ctx.last_task = [], None
    reader = _Reader(table, ctx, cmap)
    tasks = reader.read()
    ctx.columns, ctx.last_section = cmap, ctx.section
    return tasks


def _same_columns(a: ColumnMap | None, b: ColumnMap) -> bool:
    return a is not None and a.roles == b.roles and a.width == b.width


_RULE = re.compile(r"^:?-{3,}:?$")
# Layouts whose empty time cell is no deadline, never the row above's: a PDF text layer
# (one cell a line, "columns", or fixed-width, "layout") prints a merged cell once,
# mid-span; the pipe tables converters write (docling, pymupdf4llm, a sheet or an .rtf
# read as markdown) print a time rows share in each row or mid-span too. Measured on the
# gold sets: filling down invented six dates there and found one.
_TIME_NOT_MERGED = ("columns", "layout", "markdown")


def _joint_units(cmap: ColumnMap) -> bool:
    lead = cmap.get("lead")
    if lead is None or "coordinating" in cmap.roles or lead >= len(cmap.header_folds):
        return False
    return "phoi hop" in cmap.header_folds[lead]


# A unit's name cut off after a joining word: "Sở Nông nghiệp và", "Sở Văn hóa,".
_DANGLING = re.compile(r"(?:\s(?:và|và các)|[,&-])\s*$")
NONE_MARK = "–"  # a cell that says "none": never filled from the row above
NONE_MARKS = ("-", NONE_MARK, "—")


@dataclass
class _Row:
    """One table row, cleaned and laid out over the columns."""

    index: int  # 0-based position in the table
    source: Row
    raw: list[str]
    cells: list[str]


class _Reader:
    def __init__(self, table: Table, ctx: TableContext, cmap: ColumnMap) -> None:
        self.table, self.ctx, self.cmap = table, ctx, cmap
        self.tasks: list[Task] = []
        self.prev: dict[Role, str] = {}  # last task row's values, for vertical merges
        self.objective: str | None = None
        self.parent: str | None = None
        self.after_header = False
        self.page_break = False  # this row opens a new page (PDF tables)
        self.last_page: int | None = None
        self.unplaced = 0
        self.repaired = 0
        self.numbered = self._mostly_numbered()
        self.restarts = self._numbers_restart()
        self.last_plain = ""  # the last plain row number ("2" before its "2.1")
        self.flattened = self._lost_merges()
        self.joint = _joint_units(cmap)  # "Cơ quan chủ trì / phối hợp": one column for both

    def _lost_merges(self) -> bool:
        """Rows shorter than the header, or numbered cells under the wrong column:
        a web table flattened without its merged cells (seed 004)."""
        width = self.cmap.width
        for row in self.table.rows[self.cmap.header_rows :]:
            cells = [clean_cell(c) for c in row.cells]
            if row.is_header or looks_like_header(cells) or sum(1 for c in cells if c) < 3:
                continue  # headers and group rows say nothing about merges
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) < width or misplaced(cells, self.cmap):
                return True
        return False

    def _numbers_restart(self) -> bool:
        col = self.cmap.get("number")
        if col is None:
            return False
        firsts = 0  # rows numbered "1": a second one starts the numbering again
        for row in self.table.rows[self.cmap.header_rows :]:
            cell = clean_cell(row.cells[col]).rstrip(".") if col < len(row.cells) else ""
            firsts += cell == "1"
        return firsts >= 2

    def _mostly_numbered(self) -> bool:
        """Most task-like rows carry an STT (so a row without one is a heading)."""
        col = self.cmap.get("number")
        if col is None:
            return False
        rows = [
            r.cells
            for r in self.table.rows[self.cmap.header_rows :]
            if sum(1 for c in r.cells if c) >= 3
        ]
        numbered = sum(1 for c in rows if col < len(c) and is_row_number(clean_cell(c[col])))
        return bool(rows) and numbered * 2 > len(rows)

    # -- driving ---------------------------------------------------------------

    def read(self) -> list[Task]:
        for i, row in enumerate(self.table.rows):
            if i < self.cmap.header_rows:
                continue
            cells = [clean_cell(c) for c in row.cells]
            r = _Row(i, row, list(row.cells), cells)
            if row.is_header or self._is_repeated_header(cells):
                self._maybe_switch_columns(i)
                self.after_header = True
                continue
            if not any(cells) or all(_RULE.match(c) for c in cells if c):
                continue  # empty, or a markdown "---|---" rule
            page = row.locator.page
            self.page_break = None not in (page, self.last_page) and page != self.last_page
            self._read_row(r)
            self.after_header = False
            self.last_page = page
        self._table_warnings()
        self._rejoin_split_leads()
        return self.tasks

    def _rejoin_split_leads(self) -> None:
        """A merged Chủ trì cell a PDF reader cut between the rows it spans: "" | "Sở
        Nông nghiệp và" | "Môi trường". A lead that breaks off on a joining word goes on
        in the next row's; the whole name leads both rows and the empty ones just above
        (the cell printed mid-span), when it is a known unit's name."""
        tasks = self.tasks
        for i in range(len(tasks) - 1):
            first, second = tasks[i].raw_lead.strip(), tasks[i + 1].raw_lead.strip()
            if not first or not second or not _DANGLING.search(first):
                continue
            name = f"{first} {second}"
            if builtin_canonical(name) is None:
                continue
            k = i
            while k > 0 and not tasks[k - 1].raw_lead.strip():
                k -= 1
            for t in tasks[k : i + 2]:
                t.raw_lead, t.lead_units = name, self._units(name)

    def _read_row(self, r: _Row) -> None:
        group = self._group(r)
        if group is not None:
            self._push_group(*group)
            return
        placed = place_row(r.cells, self.cmap, is_deadline)
        values: dict[Role, str] = {}
        for role, col in self.cmap.roles.items():
            values[role] = placed.cells[col]
        if self.joint:
            values["lead"], values["coordinating"] = split_joint_cell(values["lead"])
        if self.cmap.periods and not is_deadline(values.get("deadline", "")):
            values["deadline"] = marked_period(placed.cells, self.cmap)
        missing = {role for role, col in self.cmap.roles.items() if not placed.present[col]}
        if self._continues_previous(values, missing):
            self._append_to_previous(values)
            return
        warnings = (
            [texts.TABLE_EXTRA_CELLS.format(value=" | ".join(placed.extra))] if placed.extra else []
        )
        if placed.extra:
            self.unplaced += 1
        self._emit(r, values, missing, warnings)

    # -- header, groups, continuations ------------------------------------------

    def _is_repeated_header(self, cells: list[str]) -> bool:
        non_empty = [c for c in cells if c]
        if len(non_empty) < 2 or any(len(c) > 80 for c in non_empty):
            return False
        number_col = self.cmap.get("number")
        if number_col is not None and number_col < len(cells) and is_row_number(cells[number_col]):
            return False
        folds = [fold(c) for c in cells]
        same = sum(
            1
            for i, f in enumerate(folds)
            if f and i < len(self.cmap.header_folds) and f == self.cmap.header_folds[i]
        )
        if same >= max(2, len(non_empty) // 2):
            return True
        # "- Xây dựng quy chế phối hợp …." names no column: a bullet or a sentence is content
        named = sum(
            1
            for c in non_empty
            if classify_header(c) is not None and not c.startswith(("-", "+")) and c[-1:] != "."
        )
        return named >= max(2, int(0.75 * len(non_empty) + 0.5))

    def _maybe_switch_columns(self, start: int) -> None:
        """A header with other columns mid-table (two appendices run together)."""
        rows = [r.cells for r in self.table.rows[start : start + 12]]
        cmap = find_columns(rows, max_scan=1)
        if cmap is None or not cmap.is_task_table:
            return
        if (cmap.roles, cmap.width) == (self.cmap.roles, self.cmap.width):
            return
        cmap.header_rows = 0  # rows are counted from the table start, not from here
        self.cmap = cmap
        # Group rows before this header (letters, roman numerals) still apply.
        self.prev, self.objective, self.parent = {}, None, None

    def _group(self, r: _Row) -> tuple[int, str] | None:
        found = group_heading(r.cells, r.raw, self.cmap, self._heading_in_content)
        if found is not None:
            return found
        # "| **1** | | | **Công tác chỉ đạo …** | |": a row with only a number and a title
        # heads the rows after it when it is bold (the loader has removed the bold) or
        # when the next row is its first child ("1" then "1.1").
        filled = [c for c in r.cells if c]
        col = self.cmap.get("number")
        if len(filled) != 2 or col is None or r.cells[col] != filled[0]:
            return None
        if is_row_number(filled[0]) and (r.source.bold or self._child_follows(r, filled[0])):
            return (3, f"{filled[0]} {filled[1]}")
        return None

    def _child_follows(self, r: _Row, number: str) -> bool:
        col = self.cmap.get("number")
        rows = self.table.rows
        if col is None or r.index + 1 >= len(rows) or col >= len(rows[r.index + 1].cells):
            return False
        nxt = clean_cell(rows[r.index + 1].cells[col])
        return nxt.startswith(number.rstrip(".") + ".") and nxt.rstrip(".") != number.rstrip(".")

    def _heading_in_content(self, text: str) -> bool:
        """vpcp: "Nhiệm vụ giao Bộ trưởng Bộ Y tế chỉ đạo" alone in the content
        column of a numbered table heads the tasks below it; a lower-case or
        page-wrapped fragment continues the task above instead."""
        if not self.numbered or not text[:1].isupper() or split_items(text)[0][0]:
            return False
        if text.startswith(("-", "+", "•")) or re.match(r"^[a-zđ]\)", text):
            return False
        if text.endswith("."):  # a sentence, not a heading
            return False
        return not (self._new_page() and self._last_task() is not None) and len(text) < 200

    def _new_page(self) -> bool:
        """This row follows a page break (a repeated header or a new PDF page)."""
        return self.after_header or self.page_break

    def _last_task(self) -> Task | None:
        return self.tasks[-1] if self.tasks else self.ctx.last_task

    def _push_group(self, level: int, title: str) -> None:
        groups = [g for g in self.ctx.groups if g[0] < level]
        groups.append((level, title))
        self.ctx.groups = groups
        self.prev, self.objective, self.parent = {}, None, None

    def _continues_previous(self, values: dict[Role, str], missing: set[Role]) -> bool:
        """A title (or product) wrapped onto the next row/page: no number, nothing else."""
        last = self.tasks[-1] if self.tasks else self.ctx.last_task
        if last is None or values.get("number"):
            return False
        filled = {role for role, v in values.items() if v}
        if not filled or not filled <= {"content", "product", "note"}:
            return False
        if missing and self.cmap.width > 3 and len(missing) >= len(values) - len(filled):
            # A flattened short row whose other cells were merged away is a task.
            return False
        content = values.get("content", "")
        if content:
            if split_items(content)[0][0]:  # "3.6. …" starts a new activity
                return False
            # Only a row split by a page break (Word lets rows break across pages)
            # or a lower-case fragment continues the task above.
            return starts_like_continuation(content) or self._new_page()
        return True

    def _append_to_previous(self, values: dict[Role, str]) -> None:
        last = self.tasks[-1] if self.tasks else self.ctx.last_task
        assert last is not None
        if values.get("content"):
            last.title = clean_cell(f"{last.title} {values['content']}")
        if values.get("product"):
            last.product = clean_cell(f"{last.product or ''} {values['product']}")

    # -- building tasks ---------------------------------------------------------

    def _emit(
        self, r: _Row, values: dict[Role, str], missing: set[Role], warnings: list[str]
    ) -> None:
        # "-" or "–" alone: the table says "none" (a record export's left-out cell),
        # which no merged cell above may fill
        dashed = {role for role, v in values.items() if v.strip() in NONE_MARKS}
        values = {role: "" if role in dashed else v for role, v in values.items()}
        rep = repair_row(values, is_deadline)
        rep.emptied |= dashed
        values = rep.values
        warnings = warnings + rep.warnings
        if rep.warnings:
            self.repaired += 1
        self._inherit(values, missing, rep.emptied)
        own = {role: bool(v) for role, v in values.items()}
        objective = self._track("objective", values, own)
        parent = self._track("parent_task", values, own)
        items = self._items(values, own, warnings)
        self.prev = dict(values)
        section = self._section()
        for number, title in items:
            task = Task(
                number=self._qualified(number),
                title=title,
                section=section,
                supervisor=values.get("supervisor") or None,
                deadline=_cell_deadline(values.get("deadline", ""), self.ctx.plan_year),
                product=values.get("product") or None,
                submit_to=values.get("submit_to") or None,
                budget=values.get("budget") or None,
                objective=objective,
                parent_task=parent if number != _item_number(parent) else None,
                raw_lead=rep.raw_lead or values.get("lead", ""),
                raw_coordinating=values.get("coordinating", ""),
                locator=self._locator(r),
                warnings=list(warnings),
            )
            task.lead_units = self._units(values.get("lead", ""))
            task.coordinating_units = self._units(values.get("coordinating", ""))
            self.tasks.append(task)
            self.ctx.last_task = task

    def _inherit(self, values: dict[Role, str], missing: set[Role], emptied: set[Role]) -> None:
        """Vertically merged cells: take the value of the task row above."""
        if not self.prev:
            return
        duty = ("lead", "coordinating", "deadline", "product")
        present = [r for r in duty if r in values]
        all_empty = bool(present) and all(not values[r] and r not in emptied for r in present)
        for role in (*duty, "supervisor", "budget"):
            if role not in values or values[role] or role in emptied:
                continue
            # A budget is often left blank on purpose; only a fully merged row takes it.
            if role == "budget" and not all_empty:
                continue
            # An empty lead, supervisor or deadline is almost always a merged cell; an
            # empty coordinator often means "none", unless the table is a flattened
            # one that lost its merges or the lead above it is merged too.
            individually = role in ("lead", "supervisor", "deadline") or (
                role == "coordinating" and (self.flattened or not values.get("lead"))
            )
            if role == "deadline" and (self.table.layout in _TIME_NOT_MERGED or self.cmap.periods):
                continue
            if role in missing or all_empty or individually:
                values[role] = self.prev.get(role, "")

    def _track(self, role: Role, values: dict[Role, str], own: dict[Role, bool]) -> str | None:
        """Objective / parent nhiệm vụ: a new value, or the one above when merged away.

        A new STT starts a new objective; a new objective starts a new nhiệm vụ.
        """
        if role not in values:
            return None
        value = values[role]
        if not value:
            above = self.objective if role == "objective" else self.parent
            fresh = bool(values.get("number")) or (
                role == "parent_task" and own.get("objective", False)
            )
            value = "" if fresh else (above or "")
        if role == "objective":
            self.objective = value or None
        else:
            self.parent = value or None
        values[role] = value
        return value or None

    def _items(
        self, values: dict[Role, str], own: dict[Role, bool], warnings: list[str]
    ) -> list[tuple[str, str]]:
        """(number, title) of the row's task: one task per activity row.

        A row's activities ("3.18. … 3.19. … 3.22. …") share one lead, deadline and
        product, so they stay one task numbered "3.18–3.22" whose title lists them
        (numbers kept, so a citation still points at each). A row without an
        activity is titled by its own nhiệm vụ, else its own objective, else its
        product (with a warning).
        """
        number = values.get("number", "")
        content = values.get("content", "")
        if content:
            items = split_items(content)
            if not items[0][0]:
                return [(number, content)]
            if len(items) == 1:
                return items
            span = f"{items[0][0]}–{items[-1][0]}"
            return [(span, "; ".join(f"{n}. {t.rstrip(' .;')}" for n, t in items))]
        for role in ("parent_task", "objective"):
            if own.get(role) and values.get(role):
                item_no, text = split_items(values[role])[0]
                return [(item_no or number, text)]
        product = values.get("product", "")
        if product:
            warnings.append(texts.TABLE_TITLE_FROM_PRODUCT.format(value=product))
            return [(number, product)]
        return [(number, " | ".join(v for v in values.values() if v))]

    def _qualified(self, number: str) -> str:
        """A row number under a Roman group row: "II" then "6" is task "II.6" when the
        rows restart at 1 in every group ("6" alone would name several tasks)."""
        plain = number.rstrip(".")
        if plain.isdigit():
            self.last_plain = plain
        elif not (plain.replace(".", "").isdigit() and plain.split(".")[0] == self.last_plain):
            return number  # "3.18" of an activity list, not a sub-row "2.1" of row 2
        if not self.restarts:
            return number
        group = ""
        for _level, title in self.ctx.groups:
            head = title.split(" ", 1)[0].rstrip(".)")
            # A Roman group ("II") or a letter group ("B", as appendix tables use)
            if is_roman(head) or _GROUP_LETTER.fullmatch(head):
                group = head
        return f"{group}.{plain}" if group else number

    def _units(self, cell: str) -> list[str]:
        if not cell:
            return []
        return unit_names(strip_item_number(cell), self.ctx.owner)

    def _section(self) -> str:
        parts = [self.ctx.section] if self.ctx.section else []
        parts.extend(title for _, title in self.ctx.groups)
        return " > ".join(parts)

    def _locator(self, r: _Row) -> Locator:
        loc = r.source.locator
        return Locator(
            page=loc.page if loc.page is not None else self.table.locator.page,
            table=self.table.index,
            row=loc.row if loc.row is not None else r.index + 1,
            line=loc.line,
        )

    def _table_warnings(self) -> None:
        if self.unplaced:
            self.ctx.warnings.append(
                texts.TABLE_ROWS_UNPLACED.format(table=self.table.index, count=self.unplaced)
            )
        if self.repaired:
            self.ctx.warnings.append(
                texts.TABLE_ROWS_REPAIRED.format(table=self.table.index, count=self.repaired)
            )


_GROUP_LETTER = re.compile(r"[A-ZĐ]")


def _item_number(text: str | None) -> str:
    return split_items(text)[0][0] if text else ""


def _cell_deadline(cell: str, plan_year: int | None) -> Deadline:
    """A deadline cell; one that words its steps ("Ban hành quy trình trong Quý II/2026;
    diễn tập trong tháng 10/2026") is read the way a sentence's time is."""
    found = parse_deadline(cell, plan_year)
    if found.kind != "unspecified" or found.due_dates:
        return found
    steps = [assignment_deadline(part, plan_year) for part in cell.split(";")]
    dates = sorted({d for step in steps for d in step.due_dates})
    if not dates:
        return found
    return Deadline(raw=cell.strip(), kind="date", due_dates=dates)
