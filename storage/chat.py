"""Chat-side storage access: users, identities, invites, audit, channel updates, context.

Every function takes an open ``Session``; the caller owns the transaction, so a
received update and the polling offset can be stored in one commit.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from storage.db import insert_new
from storage.models import (
    AuditLog,
    CallbackToken,
    ChannelState,
    ChannelUpdate,
    ChatContext,
    Identity,
    Invite,
    User,
)
from storage.settings import get_settings

ROLES = ("admin", "leader", "head", "member", "viewer")
# Among a person's identities not told apart by use: which a push goes to first.
CHANNEL_PREFERENCE = ("telegram", "zalo_bot", "zalo_oa", "terminal")
PUSH_CHANNELS = ("telegram", "zalo_bot", "zalo_oa")  # a running bot can push to these


def channel_rank(channel: str) -> int:
    """Sort key over ``CHANNEL_PREFERENCE``; unknown channels last."""
    if channel in CHANNEL_PREFERENCE:
        return CHANNEL_PREFERENCE.index(channel)
    return len(CHANNEL_PREFERENCE)


# No 0/O/1/I/L: codes are read aloud and typed on phones.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def preferred_identity(identities: Iterable[Identity]) -> Identity | None:
    """Where a push to this person goes: the active identity on a push channel they
    wrote from last (people are reached where they are), then ``CHANNEL_PREFERENCE``.
    The Zalo OA window rule (``handlers.delivery``) may still send it elsewhere."""
    live = sorted((i for i in identities if i.active), key=lambda i: channel_rank(i.channel))
    live.sort(key=lambda i: i.last_seen_at or datetime.min, reverse=True)  # stable: rank on ties
    live.sort(key=lambda i: i.channel not in PUSH_CHANNELS)
    return live[0] if live else None


def utcnow() -> datetime:
    return datetime.utcnow().replace(microsecond=0)  # noqa: DTZ003 - naive UTC in the DB


# --- users and identities ------------------------------------------------------


def find_identity(session: Session, channel: str, external_id: str) -> Identity | None:
    stmt = (
        select(Identity)
        .where(Identity.channel == channel, Identity.external_id == external_id)
        .options(selectinload(Identity.user).selectinload(User.unit))
    )
    return session.scalars(stmt).first()


def identity_for_chat(session: Session, channel: str, chat_id: str) -> Identity | None:
    stmt = select(Identity).where(Identity.channel == channel, Identity.chat_id == chat_id)
    return session.scalars(stmt).first()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def count_users(session: Session) -> int:
    return len(session.scalars(select(User.id)).all())


def count_invites(session: Session) -> int:
    return len(session.scalars(select(Invite.id)).all())


def list_users(session: Session) -> list[User]:
    stmt = (
        select(User)
        .options(selectinload(User.identities), selectinload(User.unit))
        .order_by(User.id)
    )
    return list(session.scalars(stmt))


def create_user(session: Session, display_name: str, role: str, unit_id: int | None = None) -> User:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    user = User(display_name=display_name, role=role, unit_id=unit_id, active=True, settings={})
    session.add(user)
    session.flush()
    return user


def add_identity(
    session: Session,
    user: User,
    channel: str,
    external_id: str,
    chat_id: str,
    display_name: str = "",
) -> Identity:
    identity = Identity(
        user_id=user.id,
        channel=channel,
        external_id=external_id,
        chat_id=chat_id,
        display_name=display_name,
        active=True,
        last_seen_at=utcnow(),
    )
    session.add(identity)
    session.flush()
    return identity


def touch_identity(session: Session, identity: Identity, chat_id: str) -> None:
    """Record activity (and a changed chat id); a returning user is active again."""
    identity.last_seen_at = utcnow()
    identity.chat_id = chat_id
    identity.active = True


def deactivate_chat(session: Session, channel: str, chat_id: str) -> int:
    """Mark every identity behind ``chat_id`` inactive (the user blocked the bot)."""
    stmt = select(Identity).where(Identity.channel == channel, Identity.chat_id == chat_id)
    rows = list(session.scalars(stmt))
    for identity in rows:
        identity.active = False
    return len(rows)


def active_identities(session: Session) -> list[Identity]:
    stmt = (
        select(Identity)
        .join(User)
        .where(Identity.active.is_(True), User.active.is_(True))
        .order_by(Identity.id)
    )
    return list(session.scalars(stmt))


def admin_identities(session: Session) -> list[Identity]:
    stmt = (
        select(Identity)
        .join(User)
        .where(Identity.active.is_(True), User.active.is_(True), User.role == "admin")
        .order_by(Identity.id)
    )
    return list(session.scalars(stmt))


# --- invites -------------------------------------------------------------------


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def create_invite(
    session: Session,
    role: str,
    unit_id: int | None = None,
    *,
    user_id: int | None = None,
    created_by: int | None = None,
    valid_days: int | None = None,
    now: datetime | None = None,
) -> Invite:
    """A one-time code, valid ``valid_days`` (default: the INVITE_VALID_DAYS setting)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    days = valid_days if valid_days and valid_days > 0 else get_settings().invite_valid_days
    invite = Invite(
        code=new_code(),
        role=role,
        unit_id=unit_id,
        user_id=user_id,
        created_by=created_by,
        expires_at=(now or utcnow()) + timedelta(days=days),
    )
    session.add(invite)
    session.flush()
    return invite


def normalize_code(code: str) -> str:
    return code.strip().upper()


def claim_invite(session: Session, code: str, now: datetime) -> Invite | None:
    """Mark the invite used in one conditional UPDATE; None unless this call won it.

    Unknown, used and expired codes match no row; of several people redeeming one
    code at once, the database lets exactly one UPDATE change the row (the others
    wait for its lock, then find ``used_at`` set), so one code makes one account.
    """
    normalized = normalize_code(code)
    result = session.execute(
        update(Invite)
        .where(
            Invite.code == normalized,
            Invite.used_at.is_(None),
            Invite.expires_at.is_not(None),
            Invite.expires_at >= now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.scalars(select(Invite).where(Invite.code == normalized)).first()


def invite_state(session: Session, code: str, now: datetime) -> str:
    """Why a code cannot be redeemed: "unknown", "used" or "expired" (for the audit)."""
    invite = session.scalars(select(Invite).where(Invite.code == normalize_code(code))).first()
    if invite is None:
        return "unknown"
    if invite.used_at is not None:
        return "used"
    return "expired" if invite.expires_at is None or invite.expires_at < now else "usable"


def usable_invite(session: Session, code: str, now: datetime | None = None) -> Invite | None:
    """The unused, unexpired invite with this code (case-insensitive), if any."""
    invite = session.scalars(select(Invite).where(Invite.code == normalize_code(code))).first()
    if invite is None or invite_state(session, code, now or utcnow()) != "usable":
        return None
    return invite


def mark_invite_used(session: Session, invite: Invite, identity: Identity) -> None:
    invite.used_at = invite.used_at or utcnow()
    invite.used_by = identity.id


# --- failed invite attempts (rate limit) ------------------------------------------

INVITE_FAILED = "invite.failed"


def record_invite_failure(
    session: Session, channel: str, external_id: str, code: str, reason: str, now: datetime
) -> AuditLog:
    """Audit one failed redemption, with the code's own failure count so far."""
    normalized = normalize_code(code)[:40]
    earlier = code_failures(session, normalized, now - timedelta(days=1))
    row = AuditLog(
        at=now,
        actor_user_id=None,
        action=INVITE_FAILED,
        detail={
            "channel": channel,
            "external_id": external_id,
            "code": normalized,
            "reason": reason,
            "code_failures_24h": earlier + 1,
        },
    )
    session.add(row)
    session.flush()
    return row


def invite_failures(
    session: Session, channel: str, external_id: str, since: datetime
) -> list[datetime]:
    """When this identity's failed redemptions since ``since`` happened, oldest first."""
    return [
        row.at
        for row in _failures_since(session, since)
        if row.detail.get("channel") == channel and row.detail.get("external_id") == external_id
    ]


def code_failures(session: Session, code: str, since: datetime) -> int:
    """How many failed redemptions named this code since ``since``."""
    normalized = normalize_code(code)
    return sum(1 for row in _failures_since(session, since) if row.detail.get("code") == normalized)


def _failures_since(session: Session, since: datetime) -> list[AuditLog]:
    stmt = (
        select(AuditLog)
        .where(AuditLog.action == INVITE_FAILED, AuditLog.at >= since)
        .order_by(AuditLog.at)
    )
    return list(session.scalars(stmt))


# --- audit ---------------------------------------------------------------------


def audit(session: Session, actor_user_id: int | None, action: str, **detail: Any) -> AuditLog:
    row = AuditLog(actor_user_id=actor_user_id, action=action, detail=detail)
    session.add(row)
    session.flush()
    return row


def audit_entries(session: Session, action: str | None = None) -> list[AuditLog]:
    stmt = select(AuditLog).order_by(AuditLog.id)
    if action:
        stmt = stmt.where(AuditLog.action == action)
    return list(session.scalars(stmt))


# --- channel updates and state ------------------------------------------------


class UpdateStatus:
    """``channel_updates.status``: received -> handled | failed.

    ``handling`` is only ever seen by others when a long turn committed its claim
    early (a plan upload); a dead worker's such claim goes back to ``received``.
    """

    RECEIVED = "received"
    HANDLING = "handling"
    HANDLED = "handled"
    FAILED = "failed"


MAX_ATTEMPTS = 3  # an update whose handling killed its worker this often is failed


def record_update(session: Session, channel: str, update_key: str, payload: dict[str, Any]) -> bool:
    """Store a received update; False when it was already stored (a re-delivery)."""
    table = ChannelUpdate.__table__
    values = {
        "channel": channel,
        "update_key": update_key,
        "payload": payload,
        "status": UpdateStatus.RECEIVED,
        "attempts": 0,
    }
    return insert_new(session, table, values, ["channel", "update_key"]) is not None  # type: ignore[arg-type]


def claim_update(
    session: Session, channel: str, update_key: str, worker: str = ""
) -> dict[str, Any] | None:
    """Take the update for this turn with one conditional UPDATE; its payload, or None.

    Exactly one worker gets a row back: the UPDATE only matches while the status is
    ``received``, and a second worker's UPDATE waits for the first one's
    transaction (PostgreSQL row lock, SQLite write lock), then matches nothing.
    The claim belongs to the turn's transaction: a crash before the turn commits
    rolls it back and the update is handled again.
    """
    stmt = (
        update(ChannelUpdate)
        .where(
            ChannelUpdate.channel == channel,
            ChannelUpdate.update_key == update_key,
            ChannelUpdate.status == UpdateStatus.RECEIVED,
        )
        .values(
            status=UpdateStatus.HANDLING,
            attempts=ChannelUpdate.attempts + 1,
            claimed_by=worker or None,
        )
        .returning(ChannelUpdate.payload)
        .execution_options(synchronize_session=False)
    )
    row = session.execute(stmt).first()
    return dict(row[0]) if row is not None else None


def update_status(session: Session, channel: str, update_key: str) -> str | None:
    return session.scalars(
        select(ChannelUpdate.status).where(
            ChannelUpdate.channel == channel, ChannelUpdate.update_key == update_key
        )
    ).first()


def finish_update(
    session: Session, channel: str, update_key: str, error: str | None = None
) -> None:
    """``handled``, or ``failed`` with its error (kept for ``planbot updates --failed``)."""
    session.execute(
        update(ChannelUpdate)
        .where(ChannelUpdate.channel == channel, ChannelUpdate.update_key == update_key)
        .values(
            status=UpdateStatus.FAILED if error else UpdateStatus.HANDLED,
            error=error[:2000] if error else None,
            handled_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )


def pending_updates(
    session: Session, channel: str | None = None, limit: int | None = None
) -> list[ChannelUpdate]:
    """Updates stored but not yet handled (oldest first)."""
    stmt = select(ChannelUpdate).where(ChannelUpdate.status == UpdateStatus.RECEIVED)
    if channel is not None:
        stmt = stmt.where(ChannelUpdate.channel == channel)
    stmt = stmt.order_by(ChannelUpdate.id)
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def failed_updates(session: Session, limit: int = 50) -> list[ChannelUpdate]:
    """The newest updates that could not be handled, with their errors."""
    stmt = (
        select(ChannelUpdate)
        .where(ChannelUpdate.status == UpdateStatus.FAILED)
        .order_by(ChannelUpdate.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def recover_updates(session: Session, alive: Callable[[str], bool]) -> int:
    """Claims committed by workers that are gone: back to ``received`` (or failed at last)."""
    stmt = select(ChannelUpdate).where(ChannelUpdate.status == UpdateStatus.HANDLING)
    count = 0
    for row in session.scalars(stmt):
        if row.claimed_by and alive(row.claimed_by):
            continue
        if row.attempts >= MAX_ATTEMPTS:
            row.status = UpdateStatus.FAILED
            row.error = f"its worker stopped {row.attempts} times while handling it"
            row.handled_at = utcnow()
        else:
            row.status = UpdateStatus.RECEIVED
        count += 1
    return count


def get_state(session: Session, channel: str, key: str) -> str | None:
    row = session.get(ChannelState, (channel, key))
    return row.value if row else None


def set_state(session: Session, channel: str, key: str, value: str) -> None:
    row = session.get(ChannelState, (channel, key))
    if row is None:
        session.add(ChannelState(channel=channel, key=key, value=value))
    else:
        row.value = value
    session.flush()


# --- conversation memory -------------------------------------------------------


def get_context(session: Session, channel: str, chat_id: str) -> dict[str, Any]:
    row = session.get(ChatContext, (channel, chat_id))
    return dict(row.data) if row and row.data else {}


def set_context(session: Session, channel: str, chat_id: str, data: dict[str, Any]) -> None:
    row = session.get(ChatContext, (channel, chat_id))
    if row is None:
        session.add(ChatContext(channel=channel, chat_id=chat_id, data=dict(data)))
    else:
        row.data = dict(data)  # a new object, so the JSON column is marked dirty
    session.flush()


# --- long button data ------------------------------------------------------------


def save_callback_data(session: Session, data: str) -> str:
    """Keep ``data`` server-side; the short token that stands for it."""
    token = new_code(12)
    session.add(CallbackToken(token=token, data=data))
    session.flush()
    return token


def load_callback_data(session: Session, token: str) -> str | None:
    row = session.get(CallbackToken, token)
    return row.data if row else None
