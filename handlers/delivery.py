"""Where a push (broadcast, alert) actually goes, and how a turn or job queues one.

``queue(session, out, key)`` writes a push to the outbox in the caller's session
(a turn's or a job's), so it commits with everything else that session did; the
unique key makes a repeated job a no-op. The senders (``bot.sender``) call
``route`` just before sending, because the Zalo OA window depends on when.

Zalo OA only lets an Official Account message a person within an interaction
window after that person last wrote to it. Outside the window the message goes
to the person's other linked channel (Telegram, Zalo Bot); with none, it is held
(recorded in the audit log) and the admins get a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import texts
from handlers.callbacks import encode_reply
from handlers.messages import Outgoing, Reply, reply_to_payload
from storage import chat
from storage import outbox as store
from storage.models import Identity

WINDOWED_CHANNELS = ("zalo_oa",)


@dataclass
class Route:
    target: Outgoing | None  # None: held
    notes: list[Outgoing] = field(default_factory=list)  # to admins, when held


def queue(
    session: Session,
    out: Outgoing,
    key: str,
    *,
    kind: str = store.Kind.PUSH,
    claimed_by: str | None = None,
    not_before: datetime | None = None,
) -> int | None:
    """Write ``out`` to the outbox in ``session``; its id, or None if ``key`` was queued."""
    reply = encode_reply(session, out.reply)
    return store.enqueue(
        session,
        channel=out.channel,
        chat_id=out.chat_id,
        payload=reply_to_payload(reply),
        dedupe_key=key,
        kind=kind,
        claimed_by=claimed_by,
        not_before=not_before,
    )


def route(session: Session, out: Outgoing, now: datetime, window: timedelta) -> Route:
    """``now`` is naive UTC, like ``Identity.last_seen_at``."""
    if out.channel not in WINDOWED_CHANNELS:
        return Route(out)
    identity = session.scalars(
        select(Identity).where(Identity.channel == out.channel, Identity.chat_id == out.chat_id)
    ).first()
    if identity is None:
        return Route(out)
    seen = identity.last_seen_at
    if seen is not None and now - seen <= window:
        return Route(out)
    others = sorted(
        (i for i in identity.user.identities if i.active and i.channel != out.channel),
        key=lambda i: chat.channel_rank(i.channel),
    )
    if others:
        return Route(Outgoing(others[0].channel, others[0].chat_id, out.reply))
    name = identity.user.display_name
    chat.audit(
        session,
        None,
        "message.held",
        channel=out.channel,
        chat_id=out.chat_id,
        user_id=identity.user_id,
        text=out.reply.text,
    )
    preview = out.reply.text if len(out.reply.text) <= 120 else out.reply.text[:119] + "…"
    note = Reply(text=texts.CHAT_ADMIN_HELD_NOTE.format(name=name, preview=preview))
    admins = [
        Outgoing(i.channel, i.chat_id, note)
        for i in chat.admin_identities(session)
        if i.channel not in WINDOWED_CHANNELS
    ]
    return Route(None, admins)
