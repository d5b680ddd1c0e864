"""Who is talking and what they may do: roles, reach, permissions.

Reach (decided here, once, for every path that lists tasks: /nhiemvu, /hanchot and
free-text questions that list, count or filter tasks): admins and leaders see every
unit; heads, members and viewers see their own unit (with its phòng and trung tâm);
a person without a unit, and a group chat, see no task list. Questions about a
plan's content (who leads a task, its deadline, targets, passages) stay open to
every linked person: the plan itself is sent to every unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers import texts
from handlers.errors import NotAllowed
from storage.chat import ROLES
from storage.models import Identity

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


def actor_for(identity: Identity, chat_id: str) -> Actor:
    """The actor behind a stored identity (its user and unit loaded), talking in ``chat_id``."""
    user = identity.user
    return Actor(
        user_id=user.id,
        name=user.display_name,
        role=user.role,
        unit_id=user.unit_id,
        unit_name=user.unit.name if user.unit else None,
        identity_id=identity.id,
        channel=identity.channel,
        chat_id=chat_id,
    )


@dataclass(frozen=True)
class Reach:
    """The units whose task lists a person may see; ``unit_ids`` None means every unit."""

    unit_ids: tuple[int, ...] | None
    label: str  # how the scope is named in a list's title


def reach_of(actor: Actor) -> Reach | None:
    """The actor's reach; None when they may see no task list at all."""
    if actor.sees_all_units:
        return Reach(None, texts.CHAT_SCOPE_ALL)
    if actor.unit_id is not None:
        return Reach((actor.unit_id,), actor.unit_name or "")
    return None


def engine_reach(actor: Actor) -> list[int] | None:
    """The reach as the answer engine takes it: None = every unit, [] = none."""
    reach = reach_of(actor)
    if reach is None:
        return []
    return None if reach.unit_ids is None else list(reach.unit_ids)


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed()


def role_name(role: str) -> str:
    return texts.CHAT_ROLE_NAMES.get(role, role)


def unit_suffix(unit_name: str | None) -> str:
    return texts.CHAT_UNIT_SUFFIX.format(unit=unit_name) if unit_name else ""
