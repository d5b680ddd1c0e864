"""The /admin menu: invites, units and aliases, users, broadcast, plan upload.

Every action that changes something is written to the audit log.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from handlers import data
from handlers.access import ROLES, Actor, require_admin, role_name, unit_suffix
from handlers.errors import BadFile, BadInput
from handlers.messages import Button, Outgoing, Reply
from handlers.services import Services
from handlers.turn import Turn
from knowledge import texts
from knowledge.document import DocumentError
from storage import chat
from storage.models import Invite, Unit

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".docx", ".pdf", ".txt", ".md")


def admin_cmd(turn: Turn) -> list[Reply]:
    require_admin(turn.actor)
    sub, _, rest = turn.args.strip().partition(" ")
    action = _ACTIONS.get(sub.lower())
    if action is None:
        return [menu()]
    return action(turn, rest.strip())


def menu() -> Reply:
    return Reply(
        text=texts.CHAT_ADMIN_MENU,
        buttons=[
            [Button(texts.CHAT_ADMIN_BTN_INVITE, "/admin invite")],
            [
                Button(texts.CHAT_ADMIN_BTN_UNITS, "/admin units"),
                Button(texts.CHAT_ADMIN_BTN_MERGE, "/admin merge"),
            ],
            [
                Button(texts.CHAT_ADMIN_BTN_ALIAS, "/admin alias"),
                Button(texts.CHAT_ADMIN_BTN_USERS, "/admin users"),
            ],
            [
                Button(texts.CHAT_ADMIN_BTN_BROADCAST, "/admin broadcast"),
                Button(texts.CHAT_ADMIN_BTN_UPLOAD, "/admin upload"),
            ],
        ],
    )


# --- invites ----------------------------------------------------------------------


def _invite(turn: Turn, rest: str) -> list[Reply]:
    role, _, unit_name = rest.partition(" ")
    role = role.lower()
    if role not in ROLES:
        buttons = [[Button(role_name(r), f"/admin invite {r}")] for r in ROLES]
        return [Reply(text=texts.CHAT_ADMIN_INVITE_ROLE, buttons=buttons)]
    if not unit_name.strip():
        return _prompt(turn, "admin_invite_unit", texts.CHAT_ADMIN_INVITE_UNIT, role=role)
    return [create_invite_reply(turn.services, turn.actor, role, unit_name)]


def invite_unit_state(turn: Turn, text: str) -> list[Reply]:
    state = turn.state or {}
    turn.set_state(None)
    return [create_invite_reply(turn.services, turn.actor, str(state.get("role")), text)]


def issue_invite(
    session: Session,
    role: str,
    unit_id: int | None,
    *,
    actor_user_id: int | None,
    user_id: int | None = None,
    valid_days: int = 14,
    audit: dict[str, Any],
) -> Invite:
    """Create a one-time invite code and write it to the audit log with ``audit`` details."""
    invite = chat.create_invite(
        session, role, unit_id, user_id=user_id, created_by=actor_user_id, valid_days=valid_days
    )
    chat.audit(session, actor_user_id, "invite.create", code=invite.code, **audit)
    return invite


def _invite_created(code: str, role: str, unit_name: str | None) -> Reply:
    return Reply(
        text=texts.CHAT_ADMIN_INVITE_CREATED.format(
            code=code, role=role_name(role), unit=unit_suffix(unit_name)
        )
    )


def create_invite_reply(services: Services, actor: Actor, role: str, unit_name: str) -> Reply:
    unit_name = unit_name.strip()
    with services.db.session() as session:
        unit = None
        if unit_name not in ("", "-"):
            lookup = data.lookup_unit(session, unit_name)
            if lookup.unit is None:  # an unknown name is refused, not created
                return Reply(text=data.unknown_unit_text(unit_name, lookup))
            unit = lookup.unit
        name = unit.name if unit else None
        invite = issue_invite(
            session,
            role,
            unit.id if unit else None,
            actor_user_id=actor.user_id,
            audit={"role": role, "unit": name},
        )
        return _invite_created(invite.code, role, name)


def _link_invite(turn: Turn, rest: str) -> list[Reply]:
    """An invite that adds another channel's identity to an existing user."""
    if not rest.strip().isdigit():
        raise BadInput(texts.CHAT_ADMIN_MERGE_BAD)
    with turn.services.db.session() as session:
        user = chat.get_user(session, int(rest))
        if user is None:
            raise BadInput(texts.CHAT_ADMIN_UNIT_UNKNOWN.format(id=rest))
        invite = issue_invite(
            session,
            user.role,
            user.unit_id,
            actor_user_id=turn.actor.user_id,
            user_id=user.id,
            audit={"user_id": user.id},
        )
        return [_invite_created(invite.code, user.role, user.unit.name if user.unit else None)]


# --- units and aliases ----------------------------------------------------------


def _units(turn: Turn, rest: str) -> list[Reply]:
    with turn.services.db.session() as session:
        units = data.list_units(session)
        if not units:
            return [Reply(text=texts.CHAT_ADMIN_UNITS_NONE)]
        lines = [texts.CHAT_ADMIN_UNITS_TITLE.format(count=len(units))]
        for unit in units:
            aliases = ", ".join(a.alias for a in unit.aliases)
            suffix = texts.CHAT_ADMIN_UNIT_ALIASES.format(aliases=aliases) if aliases else ""
            lines.append(
                texts.CHAT_ADMIN_UNIT_LINE.format(id=unit.id, name=unit.name, aliases=suffix)
            )
    return [Reply(text="\n".join(lines))]


def _prompt(turn: Turn, state: str, prompt: str, **values: Any) -> list[Reply]:
    """Ask for the rest of an action; the next message goes to ``STATES[state]``."""
    turn.set_state(state, **values)
    return [Reply(text=prompt + " " + texts.CHAT_CANCEL_HINT)]


def _ask_or_run(
    state: str, prompt: str, run: Callable[[Turn, str], list[Reply]]
) -> Callable[[Turn, str], list[Reply]]:
    """An action that runs on its arguments, or prompts for them when there are none."""

    def action(turn: Turn, rest: str) -> list[Reply]:
        return run(turn, rest) if rest else _prompt(turn, state, prompt)

    return action


def merge_state(turn: Turn, text: str) -> list[Reply]:
    ids = re.findall(r"\d+", text)
    if len(ids) != 2 or ids[0] == ids[1]:
        raise BadInput(texts.CHAT_ADMIN_MERGE_BAD)
    keep_id, drop_id = int(ids[0]), int(ids[1])
    turn.set_state(None)
    with turn.services.db.session() as session:
        keep, drop = _unit(session, keep_id), _unit(session, drop_id)
        keep_name, drop_name = keep.name, drop.name
        data.merge_units(session, keep_id, drop_id)
        chat.audit(session, turn.actor.user_id, "unit.merge", keep=keep_name, drop=drop_name)
    return [Reply(text=texts.CHAT_ADMIN_MERGE_DONE.format(keep=keep_name, drop=drop_name))]


def alias_state(turn: Turn, text: str) -> list[Reply]:
    match = re.fullmatch(r"\s*(\d+)\s*=\s*(.+?)\s*", text)
    if not match:
        raise BadInput(texts.CHAT_ADMIN_ALIAS_BAD)
    turn.set_state(None)
    unit_id, alias = int(match.group(1)), match.group(2)
    with turn.services.db.session() as session:
        unit = _unit(session, unit_id)
        data.add_alias(session, unit_id, alias)
        chat.audit(session, turn.actor.user_id, "unit.alias", unit=unit.name, alias=alias)
        name = unit.name
    return [Reply(text=texts.CHAT_ADMIN_ALIAS_DONE.format(alias=alias, unit=name))]


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise BadInput(texts.CHAT_ADMIN_UNIT_UNKNOWN.format(id=unit_id))
    return unit


# --- users and broadcast ----------------------------------------------------------


def _users(turn: Turn, rest: str) -> list[Reply]:
    with turn.services.db.session() as session:
        users = chat.list_users(session)
        lines = [texts.CHAT_ADMIN_USERS_TITLE.format(count=len(users))]
        for user in users:
            channels = ", ".join(
                texts.CHAT_CHANNEL_NAMES.get(i.channel, i.channel)
                + ("" if i.active else texts.CHAT_ADMIN_USER_INACTIVE)
                for i in user.identities
            )
            lines.append(
                texts.CHAT_ADMIN_USER_LINE.format(
                    id=user.id,
                    name=user.display_name,
                    role=role_name(user.role),
                    unit=unit_suffix(user.unit.name if user.unit else None),
                    channels=channels or "—",
                )
            )
    return [Reply(text="\n".join(lines))]


def broadcast_state(turn: Turn, text: str) -> list[Reply]:
    turn.set_state(None)
    message = texts.CHAT_ADMIN_BROADCAST_PREFIX + text.strip()
    with turn.services.db.session() as session:
        targets = [
            (i.channel, i.chat_id)
            for i in chat.active_identities(session)
            if i.id != turn.actor.identity_id
        ]
        chat.audit(
            session, turn.actor.user_id, "broadcast", text=text.strip(), recipients=len(targets)
        )
    turn.pushes.extend(Outgoing(ch, cid, Reply(text=message)) for ch, cid in targets)
    return [Reply(text=texts.CHAT_ADMIN_BROADCAST_DONE.format(count=len(targets)))]


def _upload_prompt(turn: Turn, rest: str) -> list[Reply]:
    return [Reply(text=texts.CHAT_ADMIN_UPLOAD_PROMPT)]


# --- plan upload ------------------------------------------------------------------


def upload(turn: Turn) -> list[Reply]:
    """An admin sent a plan file: download, ingest with progress, reply the summary."""
    require_admin(turn.actor)
    attachment = turn.incoming.attachment
    assert attachment is not None
    name = attachment.file_name or "tệp"
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise BadFile(texts.CHAT_FILE_BAD_TYPE.format(name=name))
    turn.io.progress(texts.CHAT_FILE_RECEIVED.format(name=name))
    path = turn.io.download(attachment)
    turn.io.progress(texts.CHAT_FILE_PARSING.format(name=name))
    try:
        summary = turn.services.ingest(turn.services.db, path, name, turn.io.progress)
    except DocumentError as exc:  # the loaders' messages are already Vietnamese
        raise BadFile(texts.CHAT_FILE_FAILED.format(name=name, reason=exc)) from exc
    with turn.services.db.session() as session:
        chat.audit(session, turn.actor.user_id, "plan.upload", file=name)
    return [Reply(text=texts.CHAT_FILE_DONE.format(name=name) + "\n" + _render_summary(summary))]


def _render_summary(summary: object) -> str:
    render = getattr(summary, "render", None)
    if callable(render):
        return str(render())
    return str(summary) if summary is not None else ""


_ACTIONS = {
    "invite": _invite,
    "link": _link_invite,
    "units": _units,
    "merge": _ask_or_run("admin_merge", texts.CHAT_ADMIN_MERGE_PROMPT, merge_state),
    "alias": _ask_or_run("admin_alias", texts.CHAT_ADMIN_ALIAS_PROMPT, alias_state),
    "users": _users,
    "broadcast": _ask_or_run("admin_broadcast", texts.CHAT_ADMIN_BROADCAST_PROMPT, broadcast_state),
    "upload": _upload_prompt,
}

STATES = {
    "admin_invite_unit": invite_unit_state,
    "admin_merge": merge_state,
    "admin_alias": alias_state,
    "admin_broadcast": broadcast_state,
}
