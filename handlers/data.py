"""Reads and writes the handlers need from the plan data: units and task lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from handlers import texts
from knowledge.abbreviations import expand, expansions
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
    found = repo.resolve_units(session, nfc(name))
    return found[0] if len(found) == 1 else repo.find_unit(session, nfc(name))


@dataclass
class UnitLookup:
    """A unit named by a user: found, or the candidates to offer instead."""

    unit: Unit | None
    candidates: list[Unit]  # several matches (ask which) or the closest names (unknown)
    ambiguous: bool = False


def lookup_unit(session: Session, name: str) -> UnitLookup:
    """Resolve ``name`` through the alias table, its abbreviations ("SNV") and
    unaccented spellings; never creates a unit."""
    text = nfc(name).strip()
    forms = dict.fromkeys([text, *expansions(text), expand(text, keep_short=False)])
    for form in forms:
        found = repo.resolve_units(session, form)
        if len(found) == 1:
            return UnitLookup(found[0], [])
        if found:
            return UnitLookup(None, found[:5], ambiguous=True)
    return UnitLookup(None, repo.closest_units(session, text))


def unknown_unit_text(name: str, lookup: UnitLookup) -> str:
    """The Vietnamese refusal for a unit name that does not resolve to one unit."""
    choices = "; ".join(u.name for u in lookup.candidates)
    if lookup.ambiguous:
        return texts.UNIT_AMBIGUOUS.format(name=name, choices=choices)
    if choices:
        return texts.UNIT_UNKNOWN_CLOSEST.format(name=name, choices=choices)
    return texts.UNIT_UNKNOWN_NONE.format(name=name)


def get_or_create_unit(session: Session, name: str) -> Unit:
    return find_unit(session, name) or repo.upsert_unit(session, nfc(name).strip())


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
