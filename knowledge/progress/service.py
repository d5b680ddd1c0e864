"""Progress use cases over the database, shared by the chat handlers and the CLI."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, selectinload

from knowledge import texts
from knowledge.progress import occurrences as occ
from knowledge.progress import reporting
from knowledge.progress.board import UTC, Board, BoardRow, to_local
from knowledge.progress.report_parse import Candidate, ParsedReport, ReportKind, parse_report
from knowledge.progress.reporting import Access, Permission, Reporter, ReportError, permission
from knowledge.progress.status import ReportState
from knowledge.unit_lookup import home_province, narrow
from knowledge.vietnamese import fold, nfc
from storage import progress as store
from storage import repositories as repo
from storage.models import ProgressReport, TaskRow, TaskUnit, Unit


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


# "Unit (Parent)" or "Unit @ Parent": no leading lazy group, which backtracks
# quadratically on a long run of spaces (tests/test_input_limits.py).
_PARENT = re.compile(r"[(@]\s*([^()@]+?)\s*\)?\s*$")


def _unit_and_parent(spec: str) -> tuple[str, str] | None:
    m = _PARENT.search(spec)
    if m is None or not spec[: m.start()].strip():
        return None
    return spec[: m.start()].strip(), m.group(1)


def find_unit(session: Session, spec: str) -> Unit:
    """The one unit ``spec`` names; "Văn phòng Sở (Sở Tư pháp)" picks among namesakes.

    Raises ``ReportError`` with the options when the name fits several units.
    """
    found = narrow(repo.resolve_units(session, nfc(spec)), home_province(session))
    named = _unit_and_parent(spec)
    if len(found) != 1 and named:
        unit, parent = named
        inner = [u for u in repo.resolve_units(session, unit) if u.parent is not None]
        found = [u for u in inner if fold(u.parent.name) == fold(parent)] or found  # type: ignore[union-attr]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ReportError(texts.UNKNOWN_UNIT.format(name=spec))
    options = "; ".join(f"{u.name} ({u.parent.name})" if u.parent else u.name for u in found)
    raise ReportError(texts.REPORT_UNIT_AMBIGUOUS.format(name=spec, options=options))


def task_progress(board: Board, tz: ZoneInfo) -> dict[int, dict[str, Any]]:
    """Per task: the state of its current occurrence, its class, the last report's time."""
    rows_by_task: dict[int, list[BoardRow]] = defaultdict(list)
    for row in board.rows:
        rows_by_task[row.task.id].append(row)
    out: dict[int, dict[str, Any]] = {}
    for task_id, rows in rows_by_task.items():
        done = {r.occurrence.key for r in rows if r.status_class.done}
        current = occ.current([r.occurrence for r in rows], done, board.today)
        row = next(r for r in rows if r.occurrence == current)
        reports = [r.reported for r in rows if r.reported is not None]
        last = max((r.reported_at for r in reports), default=None)
        out[task_id] = {
            "status": row.reported.effective.value
            if row.reported
            else ReportState.NOT_STARTED.value,
            "percent": row.reported.percent if row.reported else None,
            "status_class": row.status_class.label,
            "occurrence": current.key,
            "last_report_at": to_local(last, tz).isoformat(timespec="minutes") if last else None,
            "occurrences": [
                {
                    "key": r.occurrence.key,
                    "due": r.occurrence.due.isoformat() if r.occurrence.due else None,
                    "status_class": r.status_class.label,
                }
                for r in rows
            ],
        }
    return out


def record(
    session: Session,
    reporter: Reporter,
    task_id: int,
    state: ReportState,
    *,
    percent: int | None,
    note: str,
    now: datetime,
    occurrence: str | None = None,
) -> ProgressReport:
    """Record a confirmed report (chat or CLI); ``now`` aware or naive UTC."""
    task = load_task(session, task_id)
    if task is None:
        raise ReportError(texts.REPORT_UNKNOWN_TASK.format(id=task_id))
    at = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    return reporting.submit(
        session, reporter, task, state, percent=percent, note=note, occurrence=occurrence, now=at
    )
