"""Records a parsed plan yields: metadata, sections, targets, tasks, deadlines.

These dataclasses are the contract between the parser, the store and the
answer engine. ``as_json`` methods give the shape ``planbot parse --json`` prints.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from knowledge.document import Locator

DeadlineKind = Literal["date", "recurring", "ongoing", "event", "unspecified", "none"]
TaskKind = Literal["task", "duty"]


@dataclass
class Deadline:
    """A Vietnamese time expression turned into structure; ``raw`` is always kept.

    ``due_dates`` holds only dates the text really states (a month -> its last
    day, a quarter -> its last day, a year -> 31/12). Ongoing, recurring,
    event-relative and unspecified deadlines never get an invented date.
    """

    raw: str
    kind: DeadlineKind = "none"
    due_dates: list[date] = field(default_factory=list)
    recurrence: str | None = None  # "monthly" | "quarterly" | "yearly" | "weekly" | "half-yearly"
    start: date | None = None  # "Từ 01/7/2025"
    end: date | None = None  # a period's end when the text names a range
    event: str | None = None  # "sau khi ... công bố chỉ số PAPI"
    offset_days: int | None = None  # "01 tháng sau khi ..." -> 30; "Trong thời hạn 30 ngày" -> 30

    @property
    def final_due(self) -> date | None:
        return max(self.due_dates) if self.due_dates else None

    def as_json(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "kind": self.kind,
            "due_dates": [d.isoformat() for d in self.due_dates],
            "recurrence": self.recurrence,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "event": self.event,
            "offset_days": self.offset_days,
        }


@dataclass
class DocumentMeta:
    title: str = ""
    number: str | None = None  # số hiệu, e.g. "3369/QĐ-UBND"
    issuer: str | None = None  # issuing body
    issued_date: date | None = None
    plan_year: int | None = None  # first year of the plan
    period_end_year: int | None = None  # 2030 for "giai đoạn 2026-2030"
    signer: str | None = None
    doc_type: str | None = None  # "Kế hoạch", "Quyết định", ...
    place: str | None = None  # "Nghệ An"

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "number": self.number,
            "issuer": self.issuer,
            "issued_date": self.issued_date.isoformat() if self.issued_date else None,
            "plan_year": self.plan_year,
            "period_end_year": self.period_end_year,
            "signer": self.signer,
            "doc_type": self.doc_type,
            "place": self.place,
        }


@dataclass
class Section:
    """A heading in the plan's tree, e.g. number "II.1", title "Cải cách thể chế"."""

    number: str
    title: str
    level: int
    parent: str | None = None  # parent's path
    locator: Locator = field(default_factory=Locator)

    @property
    def path(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class Target:
    text: str
    values: list[str] = field(default_factory=list)  # "trên 95%", "100%", "03 sáng kiến"
    year: int | None = None  # horizon
    section: str = ""
    locator: Locator = field(default_factory=Locator)

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "values": self.values,
            "year": self.year,
            "section": self.section,
            "locator": self.locator.as_dict(),
        }


@dataclass
class Task:
    number: str  # STT / activity number as printed ("3.18", "12", "1.")
    title: str
    section: str = ""  # section path the task stands in
    lead_units: list[str] = field(default_factory=list)  # canonical unit names
    coordinating_units: list[str] = field(default_factory=list)
    supervisor: str | None = None  # "Chịu trách nhiệm chỉ đạo"
    deadline: Deadline = field(default_factory=lambda: Deadline(raw=""))
    product: str | None = None
    submit_to: str | None = None  # "Cấp trình": who approves the product
    budget: str | None = None
    objective: str | None = None  # seed 004: "Mục tiêu/Chỉ tiêu" column
    parent_task: str | None = None  # seed 004: "Nhiệm vụ" the activity belongs to
    kind: TaskKind = "task"
    raw_lead: str = ""  # the cell text before normalization
    raw_coordinating: str = ""
    locator: Locator = field(default_factory=Locator)
    warnings: list[str] = field(default_factory=list)

    def identity(self) -> str:
        """A stable key for matching a task across revisions of its plan.

        Built from what a revision rarely touches (section, number, folded title
        start) so that progress attached to an unchanged task survives re-ingest.
        """
        from knowledge.vietnamese import fold

        basis = "|".join([fold(self.section)[:40], self.number, fold(self.title)[:120]])
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    def content_hash(self) -> str:
        """Changes when anything a user can see about the task changes."""
        basis = "|".join(
            [
                self.title,
                ";".join(self.lead_units),
                ";".join(self.coordinating_units),
                self.supervisor or "",
                self.deadline.raw,
                self.product or "",
                # only when stated: tasks read before the column was known keep their hash
                *([self.submit_to] if self.submit_to else []),
            ]
        )
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "section": self.section,
            "title": self.title,
            "lead_units": self.lead_units,
            "coordinating_units": self.coordinating_units,
            "supervisor": self.supervisor,
            "deadline_text": self.deadline.raw,
            "due_dates": [d.isoformat() for d in self.deadline.due_dates],
            "recurrence": self.deadline.recurrence,
            "deadline_kind": self.deadline.kind,
            "deadline": self.deadline.as_json(),
            "product": self.product,
            "submit_to": self.submit_to,
            "budget": self.budget,
            "objective": self.objective,
            "parent_task": self.parent_task,
            "kind": self.kind,
            "raw_lead": self.raw_lead,
            "raw_coordinating": self.raw_coordinating,
            "locator": self.locator.as_dict(),
            "warnings": self.warnings,
        }


@dataclass
class ParsedPlan:
    source: str
    meta: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    paragraphs: list[tuple[str, str, Locator]] = field(default_factory=list)  # (section, text, loc)
    warnings: list[str] = field(default_factory=list)
    pages: int = 1
    owner: str | None = None  # the issuing office, parent of its internal "Phòng ..." units
    quality: Any = None  # ParseQuality (knowledge.plan.quality), set by parse_plan

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "document": self.meta.as_json(),
            "sections": [
                {"number": s.number, "title": s.title, "level": s.level, "parent": s.parent}
                for s in self.sections
            ],
            "targets": [t.as_json() for t in self.targets],
            "tasks": [t.as_json() for t in self.tasks],
            "warnings": self.warnings,
            "quality": self.quality.as_json() if self.quality is not None else None,
        }
