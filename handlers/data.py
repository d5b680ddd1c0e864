"""Reads and writes the handlers need from the plan data: units and task lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from handlers import texts
from knowledge.unit_lookup import UnitChoice, home_province, label, resolve_unit
from knowledge.vietnamese import nfc
from storage import repositories as repo
from storage.models import TaskRow, Unit


@dataclass(frozen=True)
class TaskLine:
    """What a task list shows for one task."""

    id: int
    title: str
    number: str
    due_date: date | None
    deadline_text: str
    source: str
    document_id: int


def find_unit(session: Session, name: str) -> Unit | None:
    """The one unit ``name`` means (the home province's for a bare name), or None."""
    return resolve_unit(session, name).unit


def lookup_unit(session: Session, name: str) -> UnitChoice:
    """Resolve ``name`` through the alias table, its abbreviations ("SNV"), unaccented
    spellings and the home province ("Sở Nội vụ Hà Tĩnh" picks that province's); never
    creates a unit."""
    return resolve_unit(session, name)


def unknown_unit_text(name: str, lookup: UnitChoice) -> str:
    """The Vietnamese refusal for a unit name that does not resolve to one unit."""
    choices = "; ".join(label(u) for u in lookup.candidates)
    if lookup.ambiguous:
        return texts.UNIT_AMBIGUOUS.format(name=name, choices=choices)
    if choices:
        return texts.UNIT_UNKNOWN_CLOSEST.format(name=name, choices=choices)
    return texts.UNIT_UNKNOWN_NONE.format(name=name)


def get_or_create_unit(session: Session, name: str) -> Unit:
    home = home_province(session)
    return find_unit(session, name) or repo.upsert_unit(session, nfc(name).strip(), province=home)


def list_units(session: Session) -> list[Unit]:
    return repo.list_units(session)


def merge_units(session: Session, keep_id: int, drop_id: int) -> None:
    repo.merge_units(session, keep_id, drop_id)


def add_alias(session: Session, unit_id: int, alias: str) -> bool:
    return repo.add_alias(session, unit_id, nfc(alias).strip(), source="admin")


def list_tasks(
    session: Session,
    *,
    unit_ids: list[int] | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
) -> list[TaskLine]:
    """Tasks led by ``unit_ids`` (all units when None), optionally due in a window.

    In a window each task shows its first due date inside it, sorted by that date.
    """
    rows = repo.list_tasks(session, unit_ids=unit_ids, due_from=due_from, due_to=due_to)
    lines = [_line(row, due_from, due_to) for row in rows]
    if due_from or due_to:
        lines.sort(key=lambda t: (t.due_date or date.max, t.id))
    return lines


def _line(row: TaskRow, due_from: date | None, due_to: date | None) -> TaskLine:
    due = row.due_date
    if due_from or due_to:
        inside = sorted(
            d.due_date
            for d in row.deadlines
            if (due_from is None or d.due_date >= due_from)
            and (due_to is None or d.due_date <= due_to)
        )
        due = inside[0] if inside else due
    return TaskLine(
        id=row.id,
        title=row.title,
        number=row.number or "",
        due_date=due,
        deadline_text=row.deadline_text or "",
        source=row.document.source_name if row.document else "",
        document_id=row.document_id,
    )
