"""The planner's inputs and its output, as plain frozen values (no database rows),
so that planning is a pure function and can be tested and benchmarked alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from knowledge.progress.occurrences import Occurrence
from knowledge.workdays import WorkCalendar


class AlertKind(StrEnum):
    REMINDER = "reminder"  # N working days before a dated deadline
    DUE_TODAY = "due_today"  # the last working day on or before the deadline
    OVERDUE = "overdue"  # first working day after, then every 3 working days
    ESCALATION = "escalation"  # 7 working days overdue: leaders and the coordinating office
    PERIOD = "period"  # a recurring task's period ends: report it
    PROGRESS_REQUEST = "progress_request"  # an ongoing task: quarterly update
    DIGEST = "digest"  # the weekly digest (and the catch-up summary)
    UNCOVERED = "uncovered"  # an alert nobody can receive (no head linked)


class Role(StrEnum):
    """The people roles the planner cares about (``handlers.access.ROLES``)."""

    ADMIN = "admin"
    LEADER = "leader"
    HEAD = "head"
    MEMBER = "member"
    VIEWER = "viewer"


DEFAULT_LEAD_TIMES = (7, 3, 1)
MAX_LEAD_DAYS = 30  # the longest lead time a person may choose
REMINDER_AT = time(8, 0)
DIGEST_AT = time(7, 30)
QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(7, 0)
OVERDUE_EVERY = 3  # working days between overdue reminders
ESCALATE_AFTER = 7  # working days overdue
PERIOD_LEAD = 3  # working days before a recurring period ends
PROGRESS_LEAD = 5  # working days before a quarter ends (ongoing tasks)
DIGEST_HORIZON_DAYS = 14
CATCH_UP_DAYS = 30  # look-back after downtime


@dataclass(frozen=True)
class PersonSettings:
    """One person's choices in /caidat (stored in ``users.settings["alerts"]``)."""

    muted_all: bool = False
    muted_documents: frozenset[int] = frozenset()
    lead_times: tuple[int, ...] = DEFAULT_LEAD_TIMES
    digest: bool = True

    @classmethod
    def from_json(cls, raw: Any) -> PersonSettings:
        if not isinstance(raw, dict):
            return cls()
        leads = raw.get("lead_times")
        lead_times = (
            tuple(
                sorted(
                    {int(n) for n in leads if isinstance(n, int) and 0 < n <= MAX_LEAD_DAYS},
                    reverse=True,
                )
            )
            if isinstance(leads, list)
            else DEFAULT_LEAD_TIMES
        )
        muted = raw.get("muted_documents")
        return cls(
            muted_all=bool(raw.get("muted_all", False)),
            muted_documents=frozenset(int(d) for d in muted if isinstance(d, int))
            if isinstance(muted, list)
            else frozenset(),
            lead_times=lead_times,
            digest=bool(raw.get("digest", True)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "muted_all": self.muted_all,
            "muted_documents": sorted(self.muted_documents),
            "lead_times": list(self.lead_times),
            "digest": self.digest,
        }


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str
    unit_id: int | None
    channel: str | None = None  # the preferred active identity, None: unreachable
    chat_id: str | None = None
    settings: PersonSettings = PersonSettings()


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    parent_id: int | None = None


@dataclass(frozen=True)
class TaskInfo:
    id: int
    number: str
    title: str
    document_id: int
    document: str  # the plan's short label
    lead_unit_ids: tuple[int, ...]
    deadline_kind: str  # Deadline.kind: date | recurring | ongoing | event | none …
    occurrences: tuple[Occurrence, ...]
    update_periods: tuple[Occurrence, ...] = ()  # ongoing: the quarters asked about
    done_keys: frozenset[str] = frozenset()  # occurrences reported done
    reported_keys: frozenset[str] = frozenset()  # occurrences (and quarters) with any report
    status: str = "not_started"


@dataclass(frozen=True)
class PlanInput:
    tasks: tuple[TaskInfo, ...]
    people: tuple[Person, ...]
    units: dict[int, UnitInfo]
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    coordinating_unit_ids: frozenset[int] = frozenset()  # the office that compiles reports


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    recipient: int | None  # user id; None for ``uncovered``
    unit: str | None
    channel: str | None
    chat_id: str | None
    task_id: int | None
    task_number: str | None
    document: str | None
    due_date: date | None
    working_days_left: int | None
    message: str
    dedupe_key: str
    scheduled_for: datetime  # local (Asia/Ho_Chi_Minh), naive
    occurrence: str | None = None
    catch_up: bool = False
    title: str | None = None  # the task's title (previews)
    document_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "unit": self.unit,
            "channel": self.channel,
            "task_id": self.task_id,
            "task_number": self.task_number,
            "document": self.document,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "kind": str(self.kind),
            "working_days_left": self.working_days_left,
            "message": self.message,
            "document_id": self.document_id,
            "occurrence": self.occurrence,
            "scheduled_for": self.scheduled_for.isoformat(timespec="minutes"),
            "catch_up": self.catch_up,
            "dedupe_key": self.dedupe_key,
        }
