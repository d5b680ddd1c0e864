"""Tasks written in prose with inline labels.

Layouts seen in real plans::

    1. Rà soát, kiện toàn đội ngũ …          (heading: the task's title)
    - Thường xuyên rà soát, kiện toàn …        (detail paragraph)
    Đơn vị chủ trì thực hiện: Các Sở, ngành …  (labels, one per line)
    Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp.
    Thời gian thực hiện: Thường xuyên.

    a) Nhiệm vụ: Tham mưu UBND Thành phố …     (the title after a "Nhiệm vụ:" label)
    b) Cơ quan thực hiện:
    - Đơn vị chủ trì: Sở Khoa học và Công nghệ.
    c) Thời gian thực hiện: Hoàn thành trong năm 2025.

    Cơ quan chủ trì: …; Cơ quan phối hợp: …; Thời gian hoàn thành: …   (one line)

A task's title is its "Nhiệm vụ:" value, else the one paragraph before its
labels, else the heading it stands under. A task is kept when it has a lead
unit or a deadline. "Thời gian thực hiện: 05 ngày" in a procedure-simplification
plan is the procedure's processing time, not a deadline: it is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.deadlines import is_processing_time, parse_deadline
from knowledge.document import Block, Locator
from knowledge.plan.labels import Label, find_labels, trim_units
from knowledge.plan.model import Section, Task
from knowledge.plan.sections import (
    Outline,
    clean_text,
    nested_number,
    parse_marker,
    strip_bullet,
)
from knowledge.units import normalize_units


@dataclass
class _Para:
    text: str  # without its list mark
    number: str
    locator: Locator


@dataclass
class _Draft:
    section: str
    locator: Locator
    heading: Section | None
    title: str = ""
    number: str = ""
    details: list[_Para] = field(default_factory=list)
    lead: str | None = None
    coord: str | None = None
    deadline: str | None = None
    product: str | None = None
    warnings: list[str] = field(default_factory=list)

    def has(self, kind: str) -> bool:
        return getattr(self, kind if kind != "task" else "title", None) not in (None, "")

    @property
    def labelled(self) -> bool:
        return any(x is not None for x in (self.lead, self.coord, self.deadline, self.product))


def split_item(text: str) -> _Para:
    """A paragraph without its bullet or list number ("a)", "2.1.")."""
    body = strip_bullet(clean_text(text))
    marker = parse_marker(body)
    if marker is not None and marker.kind in ("arabic", "letter") and marker.rest:
        return _Para(strip_bullet(marker.rest), marker.number, Locator())
    return _Para(body, "", Locator())


class _Collector:
    def __init__(self, plan_year: int | None, owner: str | None) -> None:
        self.plan_year = plan_year
        self.owner = owner
        self.tasks: list[Task] = []
        self.pending: list[_Para] = []
        self.heading: Section | None = None
        self.draft: _Draft | None = None
        self.open_label: str | None = None  # a label whose value may wrap to the next block

    def on_heading(self, section: Section) -> None:
        self.open_label = None
        self.flush()
        self.pending = []
        self.heading = section

    def on_paragraph(self, text: str, path: str, locator: Locator) -> None:
        para = split_item(text)
        para.locator = locator
        labels = find_labels(para.text)
        starts_labelled = bool(labels) and labels[0].start <= 3
        if not starts_labelled and self._continue_label(text, para):
            return
        self.open_label = None
        if not starts_labelled:
            if self.draft is not None and self.draft.labelled:
                self.flush()
                self.pending = []
            if self.draft is not None:  # details under an empty "a) Nhiệm vụ:"
                self.draft.details.append(para)
            else:
                self.pending.append(para)
            return
        for label in labels:
            self._apply(label, para, path, locator)
        last = labels[-1]
        ended = text.rstrip().endswith((".", ";")) or last.cut
        if self.draft is not None and last.kind != "task" and not ended:
            self.open_label = last.kind  # the value wraps onto the next block ("Các" / "Sở, …")

    def _continue_label(self, text: str, para: _Para) -> bool:
        """Glue a wrapped label value back together ("Thời gian thực hiện: Quý" / "IV năm 2025")."""
        kind, draft = self.open_label, self.draft
        if kind is None or draft is None or para.number or strip_bullet(text) != text:
            return False
        attr = kind if kind != "task" else "title"
        current = getattr(draft, attr, None)
        if current is None:
            return False
        joined = f"{current} {para.text}".strip(" ;,.")
        setattr(draft, attr, trim_units(joined) if kind in ("lead", "coord") else joined)
        if text.rstrip().endswith((".", ";")):
            self.open_label = None
        return True

    def _apply(self, label: Label, para: _Para, path: str, locator: Locator) -> None:
        if label.kind == "task":
            self.flush()
            self.draft = _Draft(path, locator, self.heading, title=label.value, number=para.number)
            if not label.value:
                self.draft.details = self.pending
            self.pending = []
            return
        if self.draft is None or self.draft.has(label.kind):
            self.flush()
            self.draft = _Draft(path, locator, self.heading, details=self.pending)
            self.pending = []
        if not label.value:
            return  # "b) Cơ quan thực hiện:" only introduces the labels below it
        setattr(self.draft, label.kind if label.kind != "task" else "title", label.value)

    def flush(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if draft.deadline and is_processing_time(draft.deadline):
            draft.deadline = None  # a procedure's processing time, not a task deadline
        if not draft.lead and not draft.deadline:
            return
        self.tasks.append(self._task(draft))

    def _task(self, draft: _Draft) -> Task:
        title, number = _title(draft)
        number = nested_number(_heading_number(draft.heading), number)
        lead = draft.lead or ""
        coord = draft.coord or ""
        return Task(
            number=number,
            title=title,
            section=draft.section,
            lead_units=[u.name for u in normalize_units(lead, self.owner)] if lead else [],
            coordinating_units=[u.name for u in normalize_units(coord, self.owner)]
            if coord
            else [],
            deadline=parse_deadline(draft.deadline or "", self.plan_year),
            product=draft.product,
            raw_lead=lead,
            raw_coordinating=coord,
            locator=draft.locator,
            warnings=draft.warnings,
        )


def _title(draft: _Draft) -> tuple[str, str]:
    if draft.title:
        return draft.title, draft.number
    if len(draft.details) == 1:
        return draft.details[0].text, draft.details[0].number or _heading_number(draft.heading)
    if draft.heading is not None and draft.heading.title:
        return draft.heading.title, draft.heading.number
    if draft.details:
        return draft.details[0].text, draft.details[0].number
    return "", ""


def _heading_number(heading: Section | None) -> str:
    return heading.number if heading is not None else ""


def extract_prose_tasks(
    blocks: list[Block], outline: Outline, plan_year: int | None, owner: str | None
) -> list[Task]:
    """Tasks whose lead unit and deadline are given by inline labels."""
    collector = _Collector(plan_year, owner)
    for index, block in enumerate(blocks):
        if block.table is not None:
            collector.flush()
            collector.pending = []
            continue
        section = outline.heading_at.get(index)
        if section is not None:
            collector.on_heading(section)
            continue
        text = clean_text(block.text)
        if text:
            collector.on_paragraph(text, outline.path(index), block.locator)
    collector.flush()
    return collector.tasks
