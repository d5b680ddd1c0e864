"""Linking a chat identity to a person with a one-time invite code (/start CODE).

Redeeming is one atomic step (``storage.chat.claim_invite``): however many people
send the same code at once, exactly one gets an account. Every failed attempt is
audited (with the identity and the code); after ``MAX_FAILURES`` failures within
``FAILURE_WINDOW`` the identity must wait before trying again, so codes cannot be
guessed.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from handlers import texts
from handlers.access import role_name, unit_suffix
from handlers.messages import Reply, Sender
from storage import chat
from storage.models import Invite, User

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=10)


def link(session: Session, sender: Sender, code: str, now: datetime | None = None) -> Reply:
    """Redeem ``code`` for ``sender`` in the turn's session; every link and every failed
    attempt is audited."""
    now = _utc(now or datetime.now(UTC))
    existing = chat.find_identity(session, sender.channel, sender.external_id)
    if existing is not None:
        known = existing.user
        return Reply(
            text=texts.CHAT_ALREADY_LINKED.format(
                name=known.display_name,
                role=role_name(known.role),
                unit=unit_suffix(known.unit.name if known.unit else None),
            )
        )
    wait = _wait_minutes(session, sender, now)
    if wait:
        chat.audit(
            session,
            None,
            "invite.throttled",
            channel=sender.channel,
            external_id=sender.external_id,
        )
        return Reply(text=texts.CHAT_INVITE_WAIT.format(minutes=wait))
    invite = chat.claim_invite(session, code, now)
    user = _user_for(session, invite, sender) if invite is not None else None
    if invite is None or user is None:
        reason = "no_user" if invite is not None else chat.invite_state(session, code, now)
        if invite is not None:  # the person it links to is gone: give the code back
            invite.used_at = None
        chat.record_invite_failure(session, sender.channel, sender.external_id, code, reason, now)
        return Reply(text=texts.CHAT_INVITE_INVALID.format(code=code.strip()[:40]))
    return _linked(session, sender, invite, user)


def _utc(moment: datetime) -> datetime:
    """Naive UTC, as the database stores times."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _wait_minutes(session: Session, sender: Sender, now: datetime) -> int:
    """Minutes until this identity may try again (0: it may try now)."""
    failures = chat.invite_failures(
        session, sender.channel, sender.external_id, now - FAILURE_WINDOW
    )
    if len(failures) < MAX_FAILURES:
        return 0
    # The window slides: the wait ends when enough of the recent failures age out.
    free_at = failures[-MAX_FAILURES] + FAILURE_WINDOW
    return max(1, math.ceil((free_at - now).total_seconds() / 60))


def _user_for(session: Session, invite: Invite, sender: Sender) -> User | None:
    if invite.user_id is not None:  # an invite that adds a channel to an existing person
        return chat.get_user(session, invite.user_id)
    name = sender.display_name or f"{sender.channel}:{sender.external_id}"
    return chat.create_user(session, name, invite.role, invite.unit_id)


def _linked(session: Session, sender: Sender, invite: Invite, user: User) -> Reply:
    extra = invite.user_id is not None
    identity = chat.add_identity(
        session, user, sender.channel, sender.external_id, sender.chat_id, sender.display_name
    )
    chat.mark_invite_used(session, invite, identity)
    chat.audit(
        session,
        user.id,
        "link",
        channel=sender.channel,
        external_id=sender.external_id,
        invite=invite.code,
        role=user.role,
        unit_id=user.unit_id,
        extra_identity=extra,
    )
    if extra:
        channel = texts.CHAT_CHANNEL_NAMES.get(sender.channel, sender.channel)
        return Reply(text=texts.CHAT_LINKED_EXTRA.format(channel=channel, name=user.display_name))
    session.refresh(user)
    return Reply(
        text=texts.CHAT_LINKED_WELCOME.format(
            name=user.display_name,
            role=role_name(user.role),
            unit=unit_suffix(user.unit.name if user.unit else None),
        )
    )
