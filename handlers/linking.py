"""Linking a chat identity to a person with a one-time invite code (/start CODE)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.access import role_name, unit_suffix
from handlers.messages import Reply, Sender
from knowledge import texts
from storage import chat


def link(session: Session, sender: Sender, code: str) -> Reply:
    """Redeem ``code`` for ``sender`` in the turn's session; every successful link is audited."""
    existing = chat.find_identity(session, sender.channel, sender.external_id)
    if existing is not None:
        user = existing.user
        return Reply(
            text=texts.CHAT_ALREADY_LINKED.format(
                name=user.display_name,
                role=role_name(user.role),
                unit=unit_suffix(user.unit.name if user.unit else None),
            )
        )
    invite = chat.usable_invite(session, code)
    if invite is None:
        return Reply(text=texts.CHAT_INVITE_INVALID.format(code=code.strip()))
    extra = invite.user_id is not None
    if invite.user_id is not None:
        user = chat.get_user(session, invite.user_id)  # type: ignore[assignment]
        if user is None:
            return Reply(text=texts.CHAT_INVITE_INVALID.format(code=code.strip()))
    else:
        name = sender.display_name or f"{sender.channel}:{sender.external_id}"
        user = chat.create_user(session, name, invite.role, invite.unit_id)
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
