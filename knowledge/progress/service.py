"""Progress use cases over the database, shared by the chat handlers and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, selectinload

from knowledge.progress.report_parse import Candidate, ParsedReport, ReportKind, parse_report
from knowledge.progress.reporting import Access, Permission, Reporter, permission
from storage import progress as store
from storage import repositories as repo
from storage.models import TaskRow, TaskUnit


def candidates(session: Session) -> list[Candidate]:
    """Every reportable task as a match candidate."""
    return [
        Candidate(
            id=f.id,
            number=f.number,
            document=f.document,
            title=f.title,
            product=f.product,
            lead_unit_ids=frozenset(uid for uid, _ in f.lead),
            lead_names=tuple(name for _, name in f.lead),
        )
        for f in store.task_facts(session)
    ]


def load_task(session: Session, task_id: int) -> TaskRow | None:
    return session.get(
        TaskRow,
        task_id,
        options=[
            selectinload(TaskRow.units).selectinload(TaskUnit.unit),
            selectinload(TaskRow.deadlines),
        ],
    )


@dataclass
class ReadReport:
    parsed: ParsedReport
    permission: Permission | None  # for the matched task

    def as_json(self) -> dict[str, Any]:
        """The ``planbot report parse --json`` contract."""
        p = self.parsed
        allowed = p.kind is ReportKind.REPORT and (
            self.permission.allowed if self.permission is not None else True
        )
        return {
            "kind": p.kind.value,
            "task": p.task.as_json() if p.task else None,
            "candidates": [c.as_json() for c in p.candidates],
            "status": p.status.value if p.status else None,
            "percent": p.percent,
            "note": p.note if p.kind is ReportKind.REPORT else "",
            "allowed": allowed,
            "reason": self.permission.reason
            if self.permission and not self.permission.allowed
            else None,
            "matched_by": p.matched_by,
            "citation": p.citation.text if p.citation else None,
            "evidence_warning": p.evidence_warning,
            "comment_only": bool(self.permission and self.permission.access is Access.COMMENT),
        }


def read_report(session: Session, text: str, reporter: Reporter) -> ReadReport:
    """Parse a one-message report as ``reporter`` would send it; saves nothing."""
    own = None
    if reporter.role != "admin":
        own = set(repo.with_subunits(session, [reporter.unit_id])) if reporter.unit_id else set()
    parsed = parse_report(text, candidates(session), own)
    allowed: Permission | None = None
    if parsed.task is not None:
        task = load_task(session, parsed.task.id)
        if task is not None:
            allowed = permission(session, reporter, task)
    return ReadReport(parsed, allowed)
