"""Task tables -> ``Task`` records, by column meaning (owned by the table-tasks area)."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.document import Table
from knowledge.plan.model import Task


@dataclass
class TableContext:
    """What the caller knows when a table is read."""

    section: str = ""  # the section path the table stands under
    plan_year: int | None = None
    owner: str | None = None  # the issuing office, for "Phòng ..." units
    warnings: list[str] = field(default_factory=list)


def is_task_table(table: Table) -> bool:
    """True when the table's header names task columns (nội dung + chủ trì / thời gian)."""
    return False


def tasks_from_table(table: Table, ctx: TableContext) -> list[Task]:
    return []
