"""How well a plan was read: coverage counts and a plain verdict for the admin.

Every office loads plans the parser has never seen, so a plan read badly must
say so instead of quietly giving few tasks. The signals:

* ``unclaimed``: paragraphs or table rows that name a unit and state a dated
  deadline but did not become (part of) a task;
* ``without_lead`` / ``without_deadline``: tasks missing one of them;
* the verdict: "đọc tốt" when tasks were found and few such gaps remain, else
  "cần kiểm tra";
* ``notes``: what the admin should check in the document itself, e.g. a blank
  number ("/QĐ-SNV": a draft or a copy not yet entered in the register).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from knowledge import texts
from knowledge.plan.clauses import assignment_deadline
from knowledge.plan.model import ParsedPlan

# A unit named inside a sentence: its head word, capitalized, then a capitalized
# word ("Sở Tài chính", "Bộ Xây dựng", "UBND tỉnh" is caught by UBND alone).
_UNIT_MENTION = re.compile(
    r"(?:^|[\s(,;:])(?:(?:Sở|Bộ|Ban|Phòng|Cục|Văn phòng|Trung tâm|Công an|Ủy ban|Uỷ ban|Đài|"
    r"Tập đoàn|Ngân hàng|Thanh tra|Kho bạc|Viện)\s+[A-ZĐÀ-Ỹ]|UBND\b)"
)
_GAP_SHARE = 0.1  # gaps allowed per task before a plan needs a look
_MIN_GAPS = 2


@dataclass
class ParseQuality:
    tasks: int
    unclaimed: int  # passages naming a unit and a date that gave no task
    without_lead: int
    without_deadline: int
    verdict: str
    notes: list[str] = field(default_factory=list)

    @property
    def good(self) -> bool:
        return self.verdict == texts.QUALITY_GOOD

    def as_json(self) -> dict[str, Any]:
        return {**self.__dict__, "notes": list(self.notes)}

    def render(self) -> str:
        line = texts.QUALITY_LINE.format(
            verdict=self.verdict,
            unclaimed=self.unclaimed,
            without_lead=self.without_lead,
            without_deadline=self.without_deadline,
        )
        return "\n".join([line, *(f"  • {n}" for n in self.notes)])


def _dated(text: str, plan_year: int | None) -> bool:
    """The passage states a deadline of its own (not a cited document's date)."""
    return assignment_deadline(text, plan_year).kind == "date"


def _has_deadline(plan: ParsedPlan, k: int) -> bool:
    d = plan.tasks[k].deadline
    return bool(d.raw) or d.kind not in ("none", "unspecified")


def assess(plan: ParsedPlan) -> ParseQuality:
    claimed = {t.locator.line for t in plan.tasks if t.locator.line}
    claimed_text = " ".join(t.title for t in plan.tasks)
    # Dated sub-items read into a task's deadline ("+ … trước ngày 15/3/2026") count too.
    phrases = {p for t in plan.tasks for p in t.deadline.raw.split("; ") if len(p) >= 12}
    unclaimed = 0
    for _section, text, locator in plan.paragraphs:
        if locator.line in claimed or text[:80] in claimed_text:
            continue
        if any(p in text for p in phrases):
            continue
        if _UNIT_MENTION.search(text) and _dated(text, plan.meta.plan_year):
            unclaimed += 1
    tasks = len(plan.tasks)
    without_lead = sum(1 for t in plan.tasks if not t.lead_units)
    # Tasks the plan itself gives no unit ("II. NỘI DUNG TRỌNG TÂM — 1. …") were read
    # right: they need assigning, not a second look at the reading.
    unassigned = sum(
        1 for t in plan.tasks if not t.lead_units and texts.TASK_LEAD_NOT_STATED in t.warnings
    )
    without_deadline = sum(1 for k in range(tasks) if not _has_deadline(plan, k))
    allowed = max(_MIN_GAPS, int(tasks * _GAP_SHARE))
    # More than a third of the dated unit passages unclaimed: the layout was missed.
    missed_lead = without_lead - unassigned
    good = tasks > 0 and unclaimed <= allowed and missed_lead <= allowed and tasks >= 2 * unclaimed
    verdict = texts.QUALITY_GOOD if good else texts.QUALITY_CHECK
    notes = []
    number = plan.meta.number or ""
    if number.startswith("/"):
        notes.append(texts.PARSE_BLANK_NUMBER.format(number=number))
    if unassigned:
        notes.append(texts.QUALITY_UNASSIGNED.format(count=unassigned))
    return ParseQuality(tasks, unclaimed, without_lead, without_deadline, verdict, notes)
