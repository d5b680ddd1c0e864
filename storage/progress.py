"""Progress reports and their evidence: every version kept, nothing overwritten.

Functions take a ``Session`` and never commit (the caller's unit of work does).
The rules (who may report, the 24-hour edit window, review) live in
``knowledge.progress.reporting``; this module only reads and writes rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    Document,
    ProgressReport,
    ReportEvidence,
    TaskDeadline,
    TaskRow,
    TaskUnit,
    Unit,
)

REPORT = "report"
COMMENT = "comment"


@dataclass(frozen=True)
class NewReport:
    task_id: int
    occurrence: str
    status: str | None
    percent: int | None
    note: str
    reporter_user_id: int | None
    reporter_name: str
    unit_id: int | None
    channel: str
    reported_at: datetime  # naive UTC
    kind: str = REPORT
    review: str = "pending"


def add_report(
    session: Session, new: NewReport, replaces: ProgressReport | None = None
) -> ProgressReport:
    """Store a report version; an edit (``replaces``) leaves the old row as history."""
    row = ProgressReport(
        task_id=new.task_id,
        occurrence=new.occurrence,
        kind=new.kind,
        status=new.status,
        percent=new.percent,
        note=new.note,
        reporter_user_id=new.reporter_user_id,
        reporter_name=new.reporter_name,
        unit_id=new.unit_id,
        channel=new.channel,
        reported_at=new.reported_at,
        review=new.review,
        replaces_id=replaces.id if replaces is not None else None,
    )
    if replaces is not None:
        replaces.superseded = True
    session.add(row)
    session.flush()
    return row


def get_report(session: Session, report_id: int) -> ProgressReport | None:
    return session.get(ProgressReport, report_id)


def withdraw(session: Session, report: ProgressReport, at: datetime) -> None:
    report.withdrawn_at = at
    session.flush()


def set_review(
    session: Session,
    report: ProgressReport,
    review: str,
    reason: str | None,
    user_id: int | None,
    at: datetime,
) -> None:
    report.review, report.review_reason = review, reason
    report.reviewed_by, report.reviewed_at = user_id, at
    session.flush()


def _in_force(stmt: Any, task_ids: Sequence[int] | None) -> Any:
    """Reports (not comments) neither superseded nor withdrawn, oldest first."""
    stmt = stmt.where(
        ProgressReport.kind == REPORT,
        ProgressReport.superseded.is_(False),
        ProgressReport.withdrawn_at.is_(None),
    )
    if task_ids is not None:
        stmt = stmt.where(ProgressReport.task_id.in_(list(task_ids)))
    return stmt.order_by(ProgressReport.reported_at, ProgressReport.id)


def current_reports(
    session: Session, task_ids: Sequence[int] | None = None
) -> list[ProgressReport]:
    """Reports in force (latest versions, not withdrawn), oldest first.

    With several in force for one occurrence (two heads reported at once) the
    caller takes the latest: both stay in the history.
    """
    stmt = _in_force(select(ProgressReport), task_ids)
    return list(session.scalars(stmt))


def current_report_rows(session: Session, task_ids: Sequence[int] | None = None) -> list[Any]:
    """``current_reports`` as plain rows (same attribute names), for overviews of
    thousands of tasks where ORM objects cost more than the rest of the work."""
    stmt = select(
        ProgressReport.id,
        ProgressReport.task_id,
        ProgressReport.occurrence,
        ProgressReport.status,
        ProgressReport.percent,
        ProgressReport.note,
        ProgressReport.reporter_name,
        ProgressReport.reported_at,
        ProgressReport.review,
    )
    return list(_rows(session)(_in_force(stmt, task_ids)))


def history(session: Session, task_id: int) -> list[ProgressReport]:
    """Every version and comment on a task, oldest first, with evidence loaded."""
    stmt = (
        select(ProgressReport)
        .options(selectinload(ProgressReport.evidence))
        .where(ProgressReport.task_id == task_id)
        .order_by(ProgressReport.reported_at, ProgressReport.id)
    )
    return list(session.scalars(stmt))


def pending_review(session: Session) -> list[ProgressReport]:
    stmt = _in_force(select(ProgressReport), None).where(ProgressReport.review == "pending")
    return list(session.scalars(stmt))


def add_evidence(
    session: Session,
    report_id: int,
    *,
    sha256: str,
    file_name: str,
    mime_type: str | None,
    size: int,
    stored_path: str,
) -> ReportEvidence:
    row = ReportEvidence(
        report_id=report_id,
        sha256=sha256,
        file_name=file_name,
        mime_type=mime_type,
        size=size,
        stored_path=stored_path,
    )
    session.add(row)
    session.flush()
    return row


def evidence_names(session: Session, report_ids: Sequence[int]) -> dict[int, list[str]]:
    """report id -> original names of its files (for the export's "minh chứng")."""
    out: dict[int, list[str]] = {}
    if not report_ids:
        return out
    stmt = select(ReportEvidence.report_id, ReportEvidence.file_name).where(
        ReportEvidence.report_id.in_(list(report_ids))
    )
    for report_id, name in session.execute(stmt):
        out.setdefault(report_id, []).append(name)
    return out


# --- Light rows for overviews and exports (thousands of tasks at once) ------------


@dataclass(slots=True)
class TaskFacts:
    """A task's columns an overview needs, without ORM objects."""

    id: int
    document_id: int
    document: str
    plan_year: int | None
    period_end_year: int | None
    ordinal: int
    number: str
    title: str
    deadline_text: str
    deadline_kind: str
    recurrence: str | None
    start_date: date | None
    product: str | None
    lead: list[tuple[int, str]] = field(default_factory=list)  # (unit id, name)
    coordinating: list[str] = field(default_factory=list)
    due_dates: list[date] = field(default_factory=list)


def task_facts(
    session: Session,
    *,
    document_ids: Sequence[int] | None = None,
    lead_unit_ids: Sequence[int] | None = None,
    kind: str | None = "task",
) -> list[TaskFacts]:
    """Tasks (of ``kind``; None: all) in plan order, with units and due dates, in 3 queries."""
    stmt = (
        select(
            TaskRow.id,
            TaskRow.document_id,
            Document.source_name,
            Document.plan_year,
            Document.period_end_year,
            TaskRow.ordinal,
            TaskRow.number,
            TaskRow.title,
            TaskRow.deadline_text,
            TaskRow.deadline_kind,
            TaskRow.recurrence,
            TaskRow.start_date,
            TaskRow.product,
        )
        .join(Document, Document.id == TaskRow.document_id)
        .order_by(TaskRow.document_id, TaskRow.ordinal)
    )
    if kind is not None:
        stmt = stmt.where(TaskRow.kind == kind)
    if document_ids is not None:
        stmt = stmt.where(TaskRow.document_id.in_(list(document_ids)))
    if lead_unit_ids is not None:
        led = select(TaskUnit.task_id).where(
            TaskUnit.unit_id.in_(list(lead_unit_ids)), TaskUnit.role == "lead"
        )
        stmt = stmt.where(TaskRow.id.in_(led))
    rows = _rows(session)
    facts = {row[0]: TaskFacts(*row) for row in rows(stmt)}
    if not facts:
        return []
    ids = _id_filter(facts)
    links = select(TaskUnit.task_id, TaskUnit.role, Unit.id, Unit.name).join(
        Unit, Unit.id == TaskUnit.unit_id
    )
    for task_id, role, unit_id, name in rows(ids(links, TaskUnit.task_id)):
        fact = facts.get(task_id)
        if fact is None:
            continue
        if role == "lead":
            fact.lead.append((unit_id, name))
        else:
            fact.coordinating.append(name)
    dues = select(TaskDeadline.task_id, TaskDeadline.due_date)
    for task_id, due in rows(ids(dues, TaskDeadline.task_id)):
        if task_id in facts:
            facts[task_id].due_dates.append(due)
    return list(facts.values())


def _id_filter(facts: dict[int, TaskFacts]) -> Any:
    """Narrow a query to the fact ids, or leave it whole when that is most rows anyway
    (a 10,000-id IN list costs more than reading a few extra rows)."""

    def apply(stmt: Any, column: Any) -> Any:
        if len(facts) > 500:
            return stmt
        return stmt.where(column.in_(list(facts)))

    return apply


def _rows(session: Session) -> Any:
    """Run column queries on the session's connection: Core rows skip the ORM's result
    machinery, which costs more than the query itself over tens of thousands of rows.
    The session is flushed first, so the rows include what this turn has just added."""
    session.flush()
    connection = session.connection()
    return lambda stmt: connection.execute(stmt)
