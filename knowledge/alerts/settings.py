"""Per-person alert settings (/caidat), kept in ``users.settings["alerts"]``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from knowledge.alerts.model import MAX_LEAD_DAYS, PersonSettings
from storage.models import User

SETTINGS_KEY = "alerts"
MAX_LEAD_TIMES = 5


def get(session: Session, user_id: int) -> PersonSettings:
    user = session.get(User, user_id)
    return PersonSettings.from_json((user.settings or {}).get(SETTINGS_KEY) if user else None)


def save(session: Session, user_id: int, value: PersonSettings) -> PersonSettings:
    user = session.get(User, user_id)
    if user is None:
        raise ValueError(f"no user {user_id}")
    merged: dict[str, Any] = dict(user.settings or {})
    merged[SETTINGS_KEY] = value.to_json()
    user.settings = merged  # a new dict, so the JSON column is seen as changed
    session.flush()
    return value


def update(session: Session, user_id: int, **changes: Any) -> PersonSettings:
    return save(session, user_id, replace(get(session, user_id), **changes))


def toggle_document(session: Session, user_id: int, document_id: int) -> PersonSettings:
    current = get(session, user_id)
    muted = set(current.muted_documents)
    muted.symmetric_difference_update({document_id})
    return save(session, user_id, replace(current, muted_documents=frozenset(muted)))


def parse_lead_times(text: str) -> tuple[int, ...] | None:
    """ "7 3 1" / "7,3,1" -> (7, 3, 1); None when it is not 1–5 numbers in 1–30."""
    parts = text.replace(",", " ").replace(";", " ").split()
    if not parts or len(parts) > MAX_LEAD_TIMES or not all(p.isdigit() for p in parts):
        return None
    values = {int(p) for p in parts}
    if not all(0 < v <= MAX_LEAD_DAYS for v in values):
        return None
    return tuple(sorted(values, reverse=True))
