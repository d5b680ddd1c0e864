"""Reporting rules: who may report, recording a report, editing, withdrawing, review.

- People of the task's lead unit (an office's people also for its internal
  units) with role head or member report; admins report for anyone; people of a
  coordinating unit may add a comment; anyone else is refused with the lead
  unit named.
- Every version is kept; one's own report may be edited or withdrawn within
  ``EDIT_WINDOW`` of the version being changed.
- The coordinating office reviews: "Xác nhận" or "Trả lại" with a reason; a
  returned report counts as not completed (``status.Reported.effective``).
Every change is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from knowledge import texts
from knowledge.progress import occurrences as occ
from knowledge.progress.status import ReportState, Review
from storage import chat
from storage import progress as store
from storage import repositories as repo
from storage.models import ProgressReport, TaskRow

EDIT_WINDOW = timedelta(hours=24)
ADMIN_ROLE = "admin"
REPORTING_ROLES = ("head", "member")
REVIEW_ROLES = ("admin", "leader")


class Access(StrEnum):
    REPORT = "report"
    COMMENT = "comment"
    REFUSED = "refused"


@dataclass(frozen=True)
class Reporter:
    """Who reports (a chat user, or an admin at the command line)."""

    user_id: int | None
    name: str
    role: str
    unit_id: int | None
    channel: str = "cli"


@dataclass(frozen=True)
class Permission:
    access: Access
    reason: str | None = None  # the refusal, in Vietnamese

    @property
    def allowed(self) -> bool:
        return self.access is Access.REPORT


class ReportError(Exception):
    """A rule said no; ``message`` is the Vietnamese explanation."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def permission(session: Session, reporter: Reporter, task: TaskRow) -> Permission:
    lead = [link for link in task.units if link.role == "lead"]
    lead_names = ", ".join(link.unit.name for link in lead) or texts.REPORT_NO_LEAD
    if reporter.role == ADMIN_ROLE:
        return Permission(Access.REPORT)
    mine = set(repo.with_subunits(session, [reporter.unit_id])) if reporter.unit_id else set()
    if reporter.role in REPORTING_ROLES and any(link.unit_id in mine for link in lead):
        return Permission(Access.REPORT)
    coordinating = [link for link in task.units if link.role == "coordinate"]
    if reporter.unit_id and any(link.unit_id in mine for link in coordinating):
        return Permission(Access.COMMENT, texts.REPORT_COORDINATING_ONLY.format(lead=lead_names))
    return Permission(Access.REFUSED, texts.REPORT_NOT_LEAD.format(lead=lead_names))


def _clean_percent(state: ReportState, percent: int | None) -> int | None:
    if percent is not None and not 0 <= percent <= 100:
        raise ReportError(texts.REPORT_BAD_PERCENT.format(percent=percent))
    if state is ReportState.DONE:
        return 100 if percent is None else percent
    if state is ReportState.NOT_STARTED and percent is None:
        return 0
    return percent


def submit(
    session: Session,
    reporter: Reporter,
    task: TaskRow,
    state: ReportState,
    *,
    percent: int | None = None,
    note: str = "",
    occurrence: str | None = None,
    now: datetime,
) -> ProgressReport:
    """Record a report (``now`` naive UTC); raises ``ReportError`` when not allowed."""
    allowed = permission(session, reporter, task)
    if not allowed.allowed:
        raise ReportError(allowed.reason or texts.REPORT_NOT_LEAD.format(lead=""))
    key = occurrence if occurrence is not None else default_occurrence(session, task, now)
    new = _version(reporter, task.id, key, state, percent, note, now, reporter.unit_id)
    row = store.add_report(session, new)
    _refresh_task_status(session, task)
    chat.audit(session, reporter.user_id, "progress.report", **_detail(row))
    return row


def comment(
    session: Session, reporter: Reporter, task: TaskRow, note: str, *, now: datetime
) -> ProgressReport:
    """A coordinating unit's comment: in the history, never a status."""
    allowed = permission(session, reporter, task)
    if allowed.access is Access.REFUSED:
        raise ReportError(allowed.reason or "")
    new = _version(reporter, task.id, "", None, None, note, now, reporter.unit_id)
    row = store.add_report(session, replace(new, kind=store.COMMENT, review="none"))
    chat.audit(session, reporter.user_id, "progress.comment", **_detail(row))
    return row


def _version(
    reporter: Reporter,
    task_id: int,
    occurrence: str,
    state: ReportState | None,
    percent: int | None,
    note: str,
    now: datetime,
    unit_id: int | None,
) -> store.NewReport:
    """One report version as stored (a comment has no state)."""
    return store.NewReport(
        task_id=task_id,
        occurrence=occurrence,
        status=state.value if state is not None else None,
        percent=_clean_percent(state, percent) if state is not None else None,
        note=note.strip(),
        reporter_user_id=reporter.user_id,
        reporter_name=reporter.name,
        unit_id=unit_id,
        channel=reporter.channel,
        reported_at=now,
    )


def _own_recent(report: ProgressReport | None, reporter: Reporter, now: datetime) -> ProgressReport:
    if report is None or report.superseded or report.withdrawn_at is not None:
        raise ReportError(texts.REPORT_NOT_FOUND)
    if report.reporter_user_id != reporter.user_id:
        raise ReportError(texts.REPORT_NOT_OWN)
    first = report.reported_at
    if now - first > EDIT_WINDOW:
        raise ReportError(
            texts.REPORT_EDIT_EXPIRED.format(hours=int(EDIT_WINDOW.total_seconds() // 3600))
        )
    return report


def edit(
    session: Session,
    reporter: Reporter,
    report_id: int,
    state: ReportState,
    *,
    percent: int | None = None,
    note: str | None = None,
    now: datetime,
) -> ProgressReport:
    """A new version of one's own report (the old one stays in the history)."""
    old = _own_recent(store.get_report(session, report_id), reporter, now)
    text = old.note if note is None else note
    new = _version(reporter, old.task_id, old.occurrence, state, percent, text, now, old.unit_id)
    row = store.add_report(session, new, replaces=old)
    task = session.get(TaskRow, old.task_id)
    if task is not None:
        _refresh_task_status(session, task)
    chat.audit(session, reporter.user_id, "progress.edit", replaces=old.id, **_detail(row))
    return row


def withdraw(session: Session, reporter: Reporter, report_id: int, *, now: datetime) -> None:
    report = _own_recent(store.get_report(session, report_id), reporter, now)
    store.withdraw(session, report, now)
    task = session.get(TaskRow, report.task_id)
    if task is not None:
        _refresh_task_status(session, task)
    chat.audit(session, reporter.user_id, "progress.withdraw", report_id=report.id)


def review(
    session: Session,
    reviewer: Reporter,
    report_id: int,
    accept: bool,
    *,
    reason: str | None = None,
    now: datetime,
) -> ProgressReport:
    """The coordinating office confirms or returns a report (a return needs a reason)."""
    if reviewer.role not in REVIEW_ROLES:
        raise ReportError(texts.REPORT_REVIEW_NOT_ALLOWED)
    report = store.get_report(session, report_id)
    if report is None or report.superseded or report.withdrawn_at is not None:
        raise ReportError(texts.REPORT_NOT_FOUND)
    if not accept and not (reason or "").strip():
        raise ReportError(texts.REPORT_RETURN_NEEDS_REASON)
    verdict = Review.ACCEPTED if accept else Review.RETURNED
    store.set_review(
        session, report, verdict.value, (reason or "").strip() or None, reviewer.user_id, now
    )
    task = session.get(TaskRow, report.task_id)
    if task is not None:
        _refresh_task_status(session, task)
    chat.audit(
        session,
        reviewer.user_id,
        "progress.review",
        report_id=report.id,
        review=verdict.value,
        reason=reason,
    )
    return report


def default_occurrence(session: Session, task: TaskRow, now: datetime) -> str:
    """The occurrence a report without one is about: the earliest not done."""
    found = occ.of_task(task, now.year)
    done = {
        r.occurrence
        for r in store.current_reports(session, [task.id])
        if r.status == ReportState.DONE.value and r.review != Review.RETURNED.value
    }
    return occ.current(found, done, now.date()).key


def _refresh_task_status(session: Session, task: TaskRow) -> None:
    """Keep ``tasks.status`` (read by the answer engine) = the latest effective state;
    "done" only when every occurrence reported so far is done."""
    reports = store.current_reports(session, [task.id])
    latest: dict[str, ProgressReport] = {}
    for r in reports:
        latest[r.occurrence] = r
    states = [_effective(r) for r in latest.values()]
    if not states:
        task.status = ReportState.NOT_STARTED.value
        return
    occurrence_count = len(occ.of_task(task, reports[-1].reported_at.year))
    if all(s == ReportState.DONE.value for s in states) and len(states) >= occurrence_count:
        task.status = ReportState.DONE.value
    else:
        newest = max(latest.values(), key=lambda r: (r.reported_at, r.id))
        state = _effective(newest)
        task.status = ReportState.IN_PROGRESS.value if state == ReportState.DONE.value else state
    session.flush()


def _effective(report: ProgressReport) -> str:
    if report.review == Review.RETURNED.value and report.status == ReportState.DONE.value:
        return ReportState.IN_PROGRESS.value
    return report.status or ReportState.NOT_STARTED.value


def _detail(row: ProgressReport) -> dict[str, object]:
    return {
        "report_id": row.id,
        "task_id": row.task_id,
        "occurrence": row.occurrence,
        "status": row.status,
        "percent": row.percent,
        "channel": row.channel,
    }
