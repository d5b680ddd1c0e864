"""Who is talking and what they may do: roles, scope, permissions."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.errors import NotAllowed
from knowledge import texts
from storage.chat import ROLES

ADMIN, LEADER, HEAD, MEMBER, VIEWER = ROLES  # the one vocabulary lives with the users table


@dataclass(frozen=True)
class Actor:
    """A linked user as seen by one conversation turn."""

    user_id: int
    name: str
    role: str
    unit_id: int | None
    unit_name: str | None
    identity_id: int
    channel: str
    chat_id: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def sees_all_units(self) -> bool:
        """Admins and leaders see every unit; others are scoped to their own."""
        return self.role in (ADMIN, LEADER)


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed()


def role_name(role: str) -> str:
    return texts.CHAT_ROLE_NAMES.get(role, role)


def unit_suffix(unit_name: str | None) -> str:
    return texts.CHAT_UNIT_SUFFIX.format(unit=unit_name) if unit_name else ""
