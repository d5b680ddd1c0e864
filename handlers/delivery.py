"""Where a push (broadcast, alert) actually goes, and how a turn or job queues one.

``queue(session, out, key)`` writes a push to the outbox in the caller's session
(a turn's or a job's), so it commits with everything else that session did; the
unique key makes a repeated job a no-op. The senders (``bot.sender``) call
``route`` just before sending, because the Zalo OA window depends on when.

Zalo OA only lets an Official Account message a person within an interaction
window after that person last wrote to it. Outside the window (by our clock, or
because the platform refused the send: ``closed``) the message goes to the
person's other linked channel (Telegram, Zalo Bot); with none, it is held
(recorded in the audit log, listed by ``/admin updates``) and the admins get a
note to reach the person another way.

``prepare`` is what a sender calls: the route, then the message as the target
channel shows it (``present``): a push with buttons to a channel without them
(Zalo) becomes numbered lines, remembered as that chat's menu, so replying the
number does what the button would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from handlers import texts
from handlers.callbacks import encode_reply
from handlers.messages import Outgoing, Reply, reply_to_payload
from handlers.render import MENU_KEY, caps_for, numbered
from storage import chat
from storage import outbox as store

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


def prepare(
    session: Session, out: Outgoing, now: datetime, window: timedelta, *, closed: bool = False
) -> Route:
    """``route``, then the target as its channel shows it (``present``)."""
    decision = route(session, out, now, window, closed=closed)
    if decision.target is not None:
        decision.target = present(session, decision.target)
    return decision


def needs_preparing(out: Outgoing) -> bool:
    """False when ``prepare`` would hand ``out`` back unchanged (spares the database)."""
    return out.channel in WINDOWED_CHANNELS or (
        bool(out.reply.buttons) and not caps_for(out.channel).buttons
    )


def present(session: Session, out: Outgoing) -> Outgoing:
    """A push with buttons to a channel without them: numbered lines, kept as the
    chat's menu (``MENU_KEY``) for the dispatcher's typed-number choice."""
    if not out.reply.buttons or caps_for(out.channel).buttons:
        return out
    flat, choices = numbered(out.reply)
    context = chat.get_context(session, out.channel, out.chat_id)
    context[MENU_KEY] = choices
    chat.set_context(session, out.channel, out.chat_id, context)
    return Outgoing(out.channel, out.chat_id, flat, out.dedupe_key)


def route(
    session: Session, out: Outgoing, now: datetime, window: timedelta, *, closed: bool = False
) -> Route:
    """``now`` is naive UTC, like ``Identity.last_seen_at``; ``closed``: the platform
    itself refused the send as outside the window."""
    if out.channel not in WINDOWED_CHANNELS:
        return Route(out)
    identity = chat.identity_for_chat(session, out.channel, out.chat_id)
    if identity is None:
        return Route(out)
    seen = identity.last_seen_at
    if not closed and seen is not None and now - seen <= window:
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
