"""Admin overrides of the working-day calendar (``knowledge.workdays`` reads them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import CalendarOverride

DAY_OFF = "off"
WORKDAY = "work"


def list_overrides(session: Session) -> list[CalendarOverride]:
    return list(session.scalars(select(CalendarOverride).order_by(CalendarOverride.day)))


def set_override(
    session: Session, day: date, kind: str, note: str = "", user_id: int | None = None
) -> CalendarOverride:
    """Mark ``day`` as a day off or a working day (replacing an earlier override)."""
    if kind not in (DAY_OFF, WORKDAY):
        raise ValueError(f"unknown override kind {kind!r}")
    row = session.get(CalendarOverride, day)
    if row is None:
        row = CalendarOverride(day=day, kind=kind, note=note, created_by=user_id)
        session.add(row)
    else:
        row.kind, row.note, row.created_by = kind, note, user_id
    session.flush()
    return row


def remove_override(session: Session, day: date) -> bool:
    result = session.execute(delete(CalendarOverride).where(CalendarOverride.day == day))
    return bool(getattr(result, "rowcount", 0))
