"""SQLAlchemy 2 models: plan knowledge, units, and the chat side (users, updates).

Design notes for what comes next:
- a task keeps a stable ``identity`` across revisions of its plan, so progress
  reports and alerts (later issues) attach to ``tasks.id`` and survive re-ingest;
- every due date is its own row (``task_deadlines``), so "due between" queries and
  the alert scheduler are plain indexed range scans;
- units are a table with aliases and an optional parent, editable by an admin.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Unit(Base):
    """An organization (Sở, phòng, UBND …) or a group phrase ("Các sở, ban, ngành").

    A unit belongs to a province (``province``: the province's folded key, "nghe an")
    or to none ("": national bodies, or no province known): "Sở Nội vụ" of Nghệ An and
    of Hà Tĩnh are two rows with the same ``folded`` name.
    """

    __tablename__ = "units"
    __table_args__ = (Index("uq_units_folded_province", "folded", "province", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300), index=True)
    province: Mapped[str] = mapped_column(String(60), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(20), default="unit")  # unit | group | person
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    aliases: Mapped[list[UnitAlias]] = relationship(
        back_populates="unit", cascade="all, delete-orphan"
    )
    parent: Mapped[Unit | None] = relationship(remote_side=[id])


class UnitAlias(Base):
    """Another name of a unit. The same alias ("SNV") may name a unit in each province."""

    __tablename__ = "unit_aliases"
    __table_args__ = (Index("uq_unit_aliases_unit_folded", "unit_id", "folded", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300), index=True)
    source: Mapped[str] = mapped_column(String(20), default="auto")  # auto | admin | builtin

    unit: Mapped[Unit] = relationship(back_populates="aliases")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str] = mapped_column(String(500), index=True)  # the file's name
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    issuer: Mapped[str | None] = mapped_column(String(300), nullable=True)
    issued_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    plan_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    period_end_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    signer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    doc_type: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # Who issued it: "national" | "province" (then ``province`` is its key) | "unknown".
    jurisdiction: Mapped[str] = mapped_column(
        String(12), default="unknown", server_default="unknown"
    )
    province: Mapped[str] = mapped_column(String(60), default="", server_default="")
    pages: Mapped[int] = mapped_column(Integer, default=1)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )

    sections: Mapped[list[SectionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    targets: Mapped[list[TargetRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    tasks: Mapped[list[TaskRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    passages: Mapped[list[Passage]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    locator: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    document: Mapped[Document] = relationship(back_populates="sections")


class TargetRow(Base):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    values: Mapped[list[Any]] = mapped_column(JSON, default=list)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    section: Mapped[str] = mapped_column(Text, default="")
    locator: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    document: Mapped[Document] = relationship(back_populates="targets")


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("document_id", "identity", name="uq_task_identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    identity: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(32))
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="task")  # task | duty
    number: Mapped[str] = mapped_column(String(40), default="")
    section: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text)
    supervisor: Mapped[str | None] = mapped_column(Text, nullable=True)
    raw_lead: Mapped[str] = mapped_column(Text, default="")
    raw_coordinating: Mapped[str] = mapped_column(Text, default="")
    deadline_text: Mapped[str] = mapped_column(Text, default="")
    deadline_kind: Mapped[str] = mapped_column(String(20), default="none")
    recurrence: Mapped[str | None] = mapped_column(String(20), nullable=True)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # final due
    product: Mapped[str | None] = mapped_column(Text, nullable=True)
    submit_to: Mapped[str | None] = mapped_column(Text, nullable=True)  # "Cấp trình"
    budget: Mapped[str | None] = mapped_column(Text, nullable=True)
    objective: Mapped[str | None] = mapped_column(Text, nullable=True)
    parent_task: Mapped[str | None] = mapped_column(Text, nullable=True)
    locator: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    deadline_json: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Progress (filled by the progress-reporting issue): not_started | in_progress | done ...
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )

    document: Mapped[Document] = relationship(back_populates="tasks")
    # In the plan's order (links and dates are inserted in it), whatever index a query uses.
    units: Mapped[list[TaskUnit]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskUnit.id"
    )
    deadlines: Mapped[list[TaskDeadline]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskDeadline.id"
    )


class TaskUnit(Base):
    __tablename__ = "task_units"
    __table_args__ = (UniqueConstraint("task_id", "unit_id", "role", name="uq_task_unit_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(12))  # lead | coordinate

    task: Mapped[TaskRow] = relationship(back_populates="units")
    unit: Mapped[Unit] = relationship()


class TaskDeadline(Base):
    __tablename__ = "task_deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)

    task: Mapped[TaskRow] = relationship(back_populates="deadlines")


class Passage(Base):
    """A paragraph of a document, kept for search and citation."""

    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    locator: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    document: Mapped[Document] = relationship(back_populates="passages")


# --- Chat side: people, identities, invites, audit, channel updates -------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))  # admin | leader | head | member | viewer
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    unit: Mapped[Unit | None] = relationship()
    identities: Mapped[list[Identity]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )


class Identity(Base):
    """One person's account on one channel (a Telegram user, a Zalo user…)."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(20))  # telegram | zalo_bot | zalo_oa | terminal
    external_id: Mapped[str] = mapped_column(String(100))
    chat_id: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False after "bot blocked"
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    user: Mapped[User] = relationship(back_populates="identities")


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    user_id: Mapped[int | None] = mapped_column(  # set: links a further identity to this user
        ForeignKey("users.id"), nullable=True
    )
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("identities.id"), nullable=True)

    unit: Mapped[Unit | None] = relationship()


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ChannelUpdate(Base):
    """Every update a channel delivered, stored before it is handled.

    (channel, update_key) is unique, so a re-delivered update is recognized; the
    status moves received -> handled, and a restart re-handles what is still
    ``received``.
    """

    __tablename__ = "channel_updates"
    __table_args__ = (UniqueConstraint("channel", "update_key", name="uq_channel_update"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    update_key: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="received", index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    handled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Set by the atomic claim (storage.chat.claim_update): how often a worker took it,
    # and which one, so a dead worker's committed-but-unfinished claim can be recovered.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    claimed_by: Mapped[str | None] = mapped_column(String(40), nullable=True)


class ChannelState(Base):
    """Per-channel cursor (the Telegram getUpdates offset) and similar small state."""

    __tablename__ = "channel_state"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChatContext(Base):
    """Conversation memory per chat (the last question, for follow-ups)."""

    __tablename__ = "chat_context"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )


Index("ix_task_units_unit_role", TaskUnit.unit_id, TaskUnit.role)


# --- Progress: working-day overrides, reports per task occurrence, evidence ----------


class CalendarOverride(Base):
    """An admin's correction of the holiday calendar: a day off or a make-up working day."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # off | work
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ProgressReport(Base):
    """One version of a report (or a coordinating unit's comment) on a task occurrence.

    Nothing is overwritten: an edit adds a row with ``replaces_id`` and marks the
    old one ``superseded``; a withdrawal sets ``withdrawn_at``. ``occurrence`` is
    the occurrence key ("2026-06-30", "2026-Q2", "" for a task without dates).
    """

    __tablename__ = "progress_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    occurrence: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[str] = mapped_column(String(10), default="report")  # report | comment
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    percent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reporter_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reporter_name: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    channel: Mapped[str] = mapped_column(String(20), default="cli")
    reported_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive UTC
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_reports.id"), nullable=True
    )
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    review: Mapped[str] = mapped_column(String(12), default="pending")
    review_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    evidence: Mapped[list[ReportEvidence]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )


class ReportEvidence(Base):
    """A file or photo attached to a report, stored under the data dir by content hash."""

    __tablename__ = "report_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str | None] = mapped_column(String(100), nullable=True)
    size: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(500))  # relative to the data dir

    report: Mapped[ProgressReport] = relationship(back_populates="evidence")


Index("ix_progress_reports_task_occurrence", ProgressReport.task_id, ProgressReport.occurrence)


# --- Values longer than their column ------------------------------------------------
# SQLite ignores VARCHAR lengths; PostgreSQL (and most servers) reject the whole
# insert. A unit cell garbled into one 400-character "name" must not fail an
# ingest on a server while it works on SQLite, so such values are cut to fit on
# every dialect alike (the raw cell text is kept in Text columns, nothing is lost).


def _limits(mapper: Mapper[Any]) -> dict[str, int]:
    """Attribute -> its String column's length, for the model ``mapper`` maps."""
    limits = {}
    for prop in mapper.column_attrs:
        column_type = prop.columns[0].type
        if isinstance(column_type, String) and column_type.length:
            limits[prop.key] = column_type.length
    return limits


_LIMITS: dict[type, dict[str, int]] = {}


def _fit(model: type, key: str, value: Any, limit: int) -> Any:
    if isinstance(value, str) and len(value) > limit:
        log.warning("%s.%s cut to %d characters", model.__name__, key, limit)
        return value[:limit]
    return value


def _fit_lengths(mapper: Mapper[Any], _connection: Any, target: Base) -> None:
    for key, limit in _limits(mapper).items():
        value = getattr(target, key, None)
        fitted = _fit(type(target), key, value, limit)
        if fitted is not value:
            setattr(target, key, fitted)


def fit_row(model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
    """``row`` (values for a bulk insert, which skips the ORM events) with its strings
    cut to their columns as ``_fit_lengths`` cuts an object's."""
    limits = _LIMITS.get(model)
    if limits is None:
        limits = _LIMITS[model] = _limits(model.__mapper__)
    for key, limit in limits.items():
        if key in row:
            row[key] = _fit(model, key, row[key], limit)
    return row


event.listen(Base, "before_insert", _fit_lengths, propagate=True)
event.listen(Base, "before_update", _fit_lengths, propagate=True)


class OutboxMessage(Base):
    """Every reply and push, written in the transaction of the turn or job that made it.

    ``dedupe_key`` is unique, so a job that runs twice queues a push once. Status:
    pending -> sending -> sent, or uncertain (the platform timed out: it may have
    arrived, so it is not repeated blindly), failed, blocked (403), held (no
    channel may reach the person). See ``storage.outbox``.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_channel_status", "channel", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # reply | push
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class CallbackToken(Base):
    """Button data longer than Telegram's 64 bytes, kept server-side behind a short token."""

    __tablename__ = "callback_tokens"

    token: Mapped[str] = mapped_column(String(16), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class AnswerFeedback(Base):
    """A 👍/👎 on an answer in chat, kept with what was asked, answered and cited."""

    __tablename__ = "answer_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    channel: Mapped[str] = mapped_column(String(20), default="")
    vote: Mapped[str] = mapped_column(String(4))  # up | down
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(20), default="")
    citations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Set when an admin turned this 👎 into a regression question.
    regression: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
