"""The persisted outbox: every reply and push is a row, written in the transaction
of the turn or job that creates it.

Writing (inside a turn or a job, in its session)::

    enqueue(session, channel="telegram", chat_id="123", payload=reply_dict,
            dedupe_key=dedupe_key("alert", task_id, occurrence, recipient, kind, day))

``dedupe_key`` is unique: a job that runs twice (a restart, a second scheduler)
queues the push once; ``enqueue`` returns None for the repeat. A scheduled alert
builds its key from (task, occurrence, recipient, kind, date) with
``dedupe_key(...)``; ``not_before`` delays a push (quiet hours).

Sending (``bot.sender``): conversation replies are inserted already claimed
(status ``sending``, ``claimed_by`` = the worker) and sent by that worker right
after the commit; pushes are ``pending`` and drained by senders with
``claim_due`` (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several senders
never take the same row). A worker that dies with claimed rows: ``recover``
puts them back to ``pending`` (each is sent at most once more).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from storage.chat import utcnow
from storage.db import insert_new
from storage.models import OutboxMessage


class Status:
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    UNCERTAIN = "uncertain"  # the platform timed out: it may have arrived; not repeated
    FAILED = "failed"
    BLOCKED = "blocked"  # 403: the person blocked the bot
    HELD = "held"  # no channel may reach the person now (see handlers.delivery)


class Kind:
    REPLY = "reply"
    PUSH = "push"


KEY_LIMIT = 200


def dedupe_key(*parts: object) -> str:
    """``"alert:12:2026-03-31:7:due_soon:2026-03-24"``; hashed when longer than the column."""
    key = ":".join(str(p) for p in parts)
    if len(key) <= KEY_LIMIT:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return key[: KEY_LIMIT - 65] + "#" + digest


def enqueue(
    session: Session,
    *,
    channel: str,
    chat_id: str,
    payload: dict[str, Any],
    dedupe_key: str,
    kind: str = Kind.PUSH,
    claimed_by: str | None = None,
    not_before: datetime | None = None,
) -> int | None:
    """Queue one message; its id, or None when ``dedupe_key`` was already queued."""
    values = {
        "channel": channel,
        "chat_id": chat_id,
        "kind": kind,
        "dedupe_key": dedupe_key,
        "payload": payload,
        "status": Status.SENDING if claimed_by else Status.PENDING,
        "attempts": 0,
        "claimed_by": claimed_by,
        "not_before": not_before,
    }
    table = OutboxMessage.__table__
    return insert_new(session, table, values, ["dedupe_key"])  # type: ignore[arg-type]


def claim_due(
    session: Session,
    channel: str,
    worker: str,
    limit: int = 20,
    *,
    held_prefixes: tuple[str, ...] = (),
) -> list[OutboxMessage]:
    """Take up to ``limit`` due pending messages of ``channel`` for this sender, oldest
    first; rows whose dedupe key starts with one of ``held_prefixes`` stay pending (a
    push outside its send window, e.g. alerts in quiet hours)."""
    now = utcnow()
    due = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.status == Status.PENDING,
            or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now),
            *(~OutboxMessage.dedupe_key.startswith(p, autoescape=True) for p in held_prefixes),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(session.scalars(due))
    if not ids:
        return []
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == Status.PENDING)
        .values(status=Status.SENDING, claimed_by=worker)
        .execution_options(synchronize_session=False)
    )
    stmt = select(OutboxMessage).where(
        OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker
    )
    return list(session.scalars(stmt.order_by(OutboxMessage.id)))


def get(session: Session, message_id: int) -> OutboxMessage | None:
    return session.get(OutboxMessage, message_id)


def mark(
    session: Session,
    message_id: int,
    status: str,
    *,
    error: str | None = None,
    retry_at: datetime | None = None,
) -> None:
    """Record an outcome; ``retry_at`` puts the message back to ``pending`` until then."""
    values: dict[str, Any] = {
        "status": Status.PENDING if retry_at else status,
        "error": error[:2000] if error else None,
        "attempts": OutboxMessage.attempts + 1,
    }
    if retry_at:
        values.update(not_before=retry_at, claimed_by=None)
    if status == Status.SENT:
        values["sent_at"] = utcnow()
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def release(session: Session, message_ids: list[int], worker: str) -> None:
    """Give claimed, unsent rows back (a sender stopping mid-batch)."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(message_ids), OutboxMessage.claimed_by == worker)
        .where(OutboxMessage.status == Status.SENDING)
        .values(status=Status.PENDING, claimed_by=None)
        .execution_options(synchronize_session=False)
    )


def recover(session: Session, alive: Callable[[str], bool]) -> int:
    """Rows claimed by a worker that is gone go back to ``pending``; how many."""
    owners = session.scalars(
        select(OutboxMessage.claimed_by).where(OutboxMessage.status == Status.SENDING).distinct()
    )
    dead = [o for o in owners if not o or not alive(o)]
    if not dead:
        return 0
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == Status.SENDING,
            or_(OutboxMessage.claimed_by.in_(dead), OutboxMessage.claimed_by.is_(None)),
        )
        .values(status=Status.PENDING, claimed_by=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {status: int(n) for status, n in rows}


def problems(session: Session, limit: int = 20) -> list[OutboxMessage]:
    """Messages an admin should look at: uncertain, failed, held."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.status.in_([Status.UNCERTAIN, Status.FAILED, Status.HELD]))
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
