"""The /admin menu: invites, units and aliases, users, broadcast, plan upload,
failed updates.

Actions that need more input are declared flows (``handlers.flows``): the
invite (role, then unit), merge, alias and broadcast prompts survive a restart
and ``/huy`` leaves them. Every action that changes something is written to the
audit log, in the turn's session.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from handlers import data, texts
from handlers.access import ROLES, Actor, require_admin, role_name, unit_suffix
from handlers.errors import BadFile, BadInput
from handlers.flows import END, Choice, Flow, FlowTurn, Step, begin, register
from handlers.messages import Button, Outgoing, Reply
from handlers.render import caps_for
from handlers.turn import Turn
from knowledge import limits
from knowledge.document import DocumentError
from knowledge.loaders import SUPPORTED
from storage import chat
from storage import outbox as outbox_store
from storage.models import Invite, OutboxMessage, Unit
from storage.settings import Settings

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = SUPPORTED  # what the loader reads, one list


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
            [Button(texts.CHAT_ADMIN_BTN_UPDATES, "/admin updates")],
        ],
    )


# --- invites ----------------------------------------------------------------------


def _invite(turn: Turn, rest: str) -> list[Reply]:
    role, _, unit_name = rest.partition(" ")
    role = role.lower()
    if role not in ROLES:
        return begin(turn, INVITE)
    if not unit_name.strip():
        return begin(turn, INVITE, "unit", role=role)
    return [create_invite_reply(turn.session, turn.actor, role, unit_name)]


def _invite_role(ft: FlowTurn, value: str) -> str:
    if value.strip().lower() not in ROLES:
        raise BadInput(texts.CHAT_ADMIN_INVITE_ROLE)
    ft.data["role"] = value.strip().lower()
    return "unit"


def _invite_unit(ft: FlowTurn, value: str) -> str:
    role = str(ft.data.get("role"))
    ft.replies.append(create_invite_reply(ft.turn.session, ft.turn.actor, role, value))
    return END


def issue_invite(
    session: Session,
    role: str,
    unit_id: int | None,
    *,
    actor_user_id: int | None,
    user_id: int | None = None,
    valid_days: int | None = None,  # None: the INVITE_VALID_DAYS setting
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


def create_invite_reply(session: Session, actor: Actor, role: str, unit_name: str) -> Reply:
    unit_name = unit_name.strip()
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
    session = turn.session
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
    units = data.list_units(turn.session)
    if not units:
        return [Reply(text=texts.CHAT_ADMIN_UNITS_NONE)]
    lines = [texts.CHAT_ADMIN_UNITS_TITLE.format(count=len(units))]
    for unit in units:
        aliases = ", ".join(a.alias for a in unit.aliases)
        suffix = texts.CHAT_ADMIN_UNIT_ALIASES.format(aliases=aliases) if aliases else ""
        lines.append(texts.CHAT_ADMIN_UNIT_LINE.format(id=unit.id, name=unit.name, aliases=suffix))
    return [Reply(text="\n".join(lines))]


def _ask_or_run(flow: Flow, run: Callable[[Turn, str], list[Reply]]) -> Action:
    """An action that runs on its arguments, or starts its one-step flow to ask for them."""

    def action(turn: Turn, rest: str) -> list[Reply]:
        return run(turn, rest) if rest else begin(turn, flow)

    return action


def _one_step(name: str, prompt: str, run: Callable[[Turn, str], list[Reply]]) -> Flow:
    """A flow that asks once and runs ``run`` on the answer (bad input: asks again)."""

    def on_input(ft: FlowTurn, value: str) -> str:
        ft.replies.extend(run(ft.turn, value))
        return END

    step = Step("input", prompt=lambda ft: prompt, on_input=on_input)
    return register(
        Flow(
            name,
            (step,),
            entry_points=(f"/admin {name.removeprefix('admin_')}",),
            allowed=lambda actor: actor.is_admin,
        )
    )


def merge_state(turn: Turn, text: str) -> list[Reply]:
    ids = re.findall(r"\d+", text)
    if len(ids) != 2 or ids[0] == ids[1]:
        raise BadInput(texts.CHAT_ADMIN_MERGE_BAD)
    keep_id, drop_id = int(ids[0]), int(ids[1])
    session = turn.session
    keep, drop = _unit(session, keep_id), _unit(session, drop_id)
    keep_name, drop_name = keep.name, drop.name
    data.merge_units(session, keep_id, drop_id)
    chat.audit(session, turn.actor.user_id, "unit.merge", keep=keep_name, drop=drop_name)
    return [Reply(text=texts.CHAT_ADMIN_MERGE_DONE.format(keep=keep_name, drop=drop_name))]


def alias_state(turn: Turn, text: str) -> list[Reply]:
    match = re.fullmatch(r"(?<!\d)(\d++)\s*+=\s*+(.+)", text.strip())
    if not match:
        raise BadInput(texts.CHAT_ADMIN_ALIAS_BAD)
    unit_id, alias = int(match.group(1)), match.group(2)
    session = turn.session
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
    users = chat.list_users(turn.session)
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
    message = texts.CHAT_ADMIN_BROADCAST_PREFIX + text.strip()
    session = turn.session
    targets = [
        (i.channel, i.chat_id)
        for i in chat.active_identities(session)
        if i.id != turn.actor.identity_id
    ]
    chat.audit(session, turn.actor.user_id, "broadcast", text=text.strip(), recipients=len(targets))
    turn.pushes.extend(Outgoing(ch, cid, Reply(text=message)) for ch, cid in targets)
    return [Reply(text=texts.CHAT_ADMIN_BROADCAST_DONE.format(count=len(targets)))]


def _upload_prompt(turn: Turn, rest: str) -> list[Reply]:
    if not caps_for(turn.actor.channel).files:  # Zalo cannot receive documents
        return [Reply(text=texts.ZALO_UPLOAD_HOWTO)]
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
    _check_upload_size(attachment.size, name, turn.services.settings)
    turn.io.progress(texts.CHAT_FILE_RECEIVED.format(name=name))
    path = turn.io.download(attachment)
    turn.io.progress(texts.CHAT_FILE_PARSING.format(name=name))
    turn.commit()  # ingest writes in its own sessions: do not hold the turn's write lock
    try:
        summary = turn.services.ingest(turn.services.db, path, name, turn.io.progress)
    except DocumentError as exc:  # the loaders' messages are already Vietnamese
        raise BadFile(texts.CHAT_FILE_FAILED.format(name=name, reason=exc)) from exc
    chat.audit(turn.session, turn.actor.user_id, "plan.upload", file=name)
    return [Reply(text=texts.CHAT_FILE_DONE.format(name=name) + "\n" + _render_summary(summary))]


def _check_upload_size(size: int | None, name: str, settings: Settings) -> None:
    """Refuse a file over the size limit before downloading it."""
    try:
        limits.check_file_size(size or 0, name, limits.Limits.from_settings(settings))
    except DocumentError as exc:
        raise BadFile(texts.CHAT_FILE_FAILED.format(name=name, reason=exc)) from exc


def _render_summary(summary: object) -> str:
    render = getattr(summary, "render", None)
    if callable(render):
        return str(render())
    return str(summary) if summary is not None else ""


def _updates(turn: Turn, rest: str) -> list[Reply]:
    """What could not be handled or delivered: failed updates, uncertain/failed
    messages, and the people to call (messages held: no channel may reach them)."""
    failed = chat.failed_updates(turn.session, limit=20)
    problems = outbox_store.problems(turn.session, limit=20)
    held = [m for m in problems if m.status == outbox_store.Status.HELD]
    problems = [m for m in problems if m.status != outbox_store.Status.HELD]
    if not failed and not problems and not held:
        return [Reply(text=texts.CHAT_ADMIN_UPDATES_NONE)]
    lines: list[str] = []
    if failed:
        lines.append(texts.CHAT_ADMIN_UPDATES_TITLE.format(count=len(failed)))
        lines += [
            texts.CHAT_ADMIN_UPDATE_LINE.format(
                id=u.id,
                channel=texts.CHAT_CHANNEL_NAMES.get(u.channel, u.channel),
                received=u.received_at.strftime("%d/%m/%Y %H:%M") if u.received_at else "",
                error=(u.error or "")[:160],
            )
            for u in failed
        ]
    if held:
        lines.append(texts.CHAT_ADMIN_CALL_TITLE.format(count=len(held)))
        lines += [_call_line(turn, m) for m in held]
    if problems:
        lines.append(texts.CHAT_ADMIN_OUTBOX_TITLE.format(count=len(problems)))
        lines += [
            texts.CHAT_ADMIN_OUTBOX_LINE.format(
                id=m.id,
                channel=m.channel,
                chat_id=m.chat_id,
                status=texts.CHAT_OUTBOX_STATUS_NAMES.get(m.status, m.status),
                preview=str(m.payload.get("text", ""))[:80],
            )
            for m in problems
        ]
    return [Reply(text="\n".join(lines))]


def _call_line(turn: Turn, message: OutboxMessage) -> str:
    identity = chat.identity_for_chat(turn.session, message.channel, message.chat_id)
    return texts.CHAT_ADMIN_CALL_LINE.format(
        id=message.id,
        name=identity.user.display_name if identity else message.chat_id,
        channel=texts.CHAT_CHANNEL_NAMES.get(message.channel, message.channel),
        preview=str(message.payload.get("text", ""))[:80],
    )


Action = Callable[[Turn, str], list[Reply]]

INVITE = register(
    Flow(
        "admin_invite",
        (
            Step(
                "role",
                prompt=lambda ft: texts.CHAT_ADMIN_INVITE_ROLE,
                choices=lambda ft: [Choice(role_name(r), r) for r in ROLES],
                on_input=_invite_role,
            ),
            Step("unit", prompt=lambda ft: texts.CHAT_ADMIN_INVITE_UNIT, on_input=_invite_unit),
        ),
        entry_points=("/admin invite",),
        allowed=lambda actor: actor.is_admin,
    )
)
MERGE = _one_step("admin_merge", texts.CHAT_ADMIN_MERGE_PROMPT, merge_state)
ALIAS = _one_step("admin_alias", texts.CHAT_ADMIN_ALIAS_PROMPT, alias_state)
BROADCAST = _one_step("admin_broadcast", texts.CHAT_ADMIN_BROADCAST_PROMPT, broadcast_state)

_ACTIONS: dict[str, Action] = {
    "invite": _invite,
    "link": _link_invite,
    "units": _units,
    "merge": _ask_or_run(MERGE, merge_state),
    "alias": _ask_or_run(ALIAS, alias_state),
    "users": _users,
    "broadcast": _ask_or_run(BROADCAST, broadcast_state),
    "upload": _upload_prompt,
    "updates": _updates,
}
