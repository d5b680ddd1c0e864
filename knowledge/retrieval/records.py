"""What the search index holds: one record per task, target, passage and document.

Each record carries the text that is searched, metadata for filtering (document,
units, year, due date) and the citation (source file name + locator) shown to the user.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from knowledge import texts
from storage.models import Document, Passage, TargetRow, TaskRow, TaskUnit

# A paragraph that only completes the one before it: "b) Cơ quan thực hiện: …",
# "- Thời gian thực hiện: …", "a. Nội dung cắt giảm …". Prose plans put a task's
# lead unit and deadline there, so they are searched (and shown) with that paragraph.
LABELLED = re.compile(
    # Possessive runs: the older "^\W*(?:…|-|\+)?\s*\W*" tried every split of a run
    # of punctuation (50,000 "(" ran for minutes); "-" and "+" are \W anyway.
    r"^\W*+(?:[a-eđ][).]\W*+)?(?:cơ quan|đơn vị|thời gian|thời hạn|sản phẩm|kết quả|"
    r"chủ trì|phối hợp|nội dung cắt giảm|lý do|kinh phí)",
    re.IGNORECASE,
)
FOLLOWERS = 3
HEADING_LINES = 10  # a document's first paragraphs (its title block) describe it


@dataclass
class IndexRecord:
    key: str  # "task:12", "target:3", "passage:40", "doc:2"
    kind: str  # task | target | passage | doc
    ref_id: int
    document_id: int
    source: str
    locator: str
    text: str  # what is searched: the record's own words
    display: str  # what is quoted in a citation
    context: str = ""  # its document's title and issuer, searched with less weight
    # A table row's header: covers a question like the context, but is not indexed (a
    # table's column names repeated on every row would sink those words' weight).
    header: str = ""
    unit_ids: list[int] = field(default_factory=list)
    year: int | None = None
    due: date | None = None

    @property
    def searchable(self) -> str:
        return f"{self.text} || {self.context}" if self.context else self.text

    @property
    def around(self) -> str:
        """What covers a question with less weight than the record's own words."""
        return f"{self.header} | {self.context}" if self.header else self.context

    @property
    def digest(self) -> str:
        basis = "|".join([self.searchable, self.source, self.locator])
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata (scalars only)."""
        meta: dict[str, Any] = {
            "kind": self.kind,
            "ref_id": self.ref_id,
            "document_id": self.document_id,
            "source": self.source,
            "locator": self.locator,
            "digest": self.digest,
            "units": "," + ",".join(str(u) for u in self.unit_ids) + ",",
        }
        if self.year is not None:
            meta["year"] = self.year
        if self.due is not None:
            meta["due"] = self.due.isoformat()
        return meta


def _loc_parts(loc: dict[str, Any]) -> list[str]:
    parts = []
    if loc.get("page"):
        parts.append(texts.LOC_PAGE.format(n=loc["page"]))
    if loc.get("table"):
        parts.append(texts.LOC_TABLE.format(n=loc["table"]))
    if loc.get("row"):
        parts.append(texts.LOC_ROW.format(n=loc["row"]))
    elif loc.get("line"):
        parts.append(texts.LOC_ROW.format(n=loc["line"]))
    return parts


def _short_section(section: str) -> str:
    section = " ".join(section.split())
    return section if len(section) <= 80 else section[:77].rstrip() + "…"


def task_locator(task: TaskRow) -> str:
    parts = []
    if task.section:
        parts.append(texts.LOC_SECTION.format(section=_short_section(task.section)))
    if task.number:
        parts.append(texts.LOC_NUMBER.format(number=task.number))
    if not parts:
        parts = _loc_parts(task.locator or {})
    return ", ".join(parts)


def text_locator(section: str, loc: dict[str, Any]) -> str:
    parts = [texts.LOC_SECTION.format(section=_short_section(section))] if section else []
    return ", ".join(parts + _loc_parts(loc or {}))


def _task_record(task: TaskRow, doc: Document) -> IndexRecord:
    leads = [link.unit.name for link in task.units if link.role == "lead"]
    coords = [link.unit.name for link in task.units if link.role == "coordinate"]
    lead_text = "; ".join(leads) or task.raw_lead
    coord_text = "; ".join(coords) or task.raw_coordinating
    pieces = [task.title]
    if task.parent_task:
        pieces.append(task.parent_task)
    if lead_text:
        pieces.append(f"Chủ trì: {lead_text}")
    if coord_text:
        pieces.append(f"Phối hợp: {coord_text}")
    if task.deadline_text:
        pieces.append(f"Thời hạn: {task.deadline_text}")
    if task.product:
        pieces.append(f"Sản phẩm: {task.product}")
    if task.section:
        pieces.append(task.section)
    return IndexRecord(
        key=f"task:{task.id}",
        kind="task",
        ref_id=task.id,
        document_id=doc.id,
        source=doc.source_name,
        locator=task_locator(task),
        text=". ".join(pieces),
        display=task.title,
        unit_ids=sorted({link.unit_id for link in task.units}),
        year=task.due_date.year if task.due_date else doc.plan_year,
        due=task.due_date,
    )


def _doc_record(doc: Document, heading: list[str]) -> IndexRecord:
    # Not the file name: people name a plan by its title and số hiệu, and the digits and
    # words of "hatinh_2025_kh624_….txt" made unrelated questions match it.
    pieces = [doc.title or "", doc.number or "", doc.issuer or "", doc.doc_type or ""]
    pieces += heading
    return IndexRecord(
        key=f"doc:{doc.id}",
        kind="doc",
        ref_id=doc.id,
        document_id=doc.id,
        source=doc.source_name,
        locator="",
        text=". ".join(p for p in pieces if p),
        display=doc.title or doc.source_name,
        year=doc.plan_year,
    )


def doc_context(doc: Document) -> str:
    """What every record of a document also answers to: its title and issuer.

    "Bắc Ninh", "Hà Tĩnh" or "Văn phòng UBND tỉnh" usually stand only in the title,
    yet questions name them ("… của Bắc Ninh đạt bao nhiêu?").
    """
    title = " ".join((doc.title or "").split())[:200]
    return " | ".join(p for p in (title, doc.issuer or "") if p)


def load_records(session: Session) -> list[IndexRecord]:
    """Every indexable record currently stored, in a stable order."""
    docs = {d.id: d for d in session.scalars(select(Document).order_by(Document.id))}
    headings: dict[int, list[str]] = {}
    for p in session.scalars(select(Passage).where(Passage.ordinal < HEADING_LINES)):
        if len(p.text) <= 200:  # the title lines, not the long "Căn cứ …" paragraphs
            headings.setdefault(p.document_id, []).append(p.text)
    records = [_doc_record(d, headings.get(d.id, [])) for d in docs.values()]
    contexts = {d.id: doc_context(d) for d in docs.values()}
    tasks = session.scalars(
        select(TaskRow)
        .options(selectinload(TaskRow.units).selectinload(TaskUnit.unit))
        .order_by(TaskRow.id)
    )
    records += [_task_record(t, docs[t.document_id]) for t in tasks]
    for rec in records:
        if rec.kind == "task" and contexts.get(rec.document_id):
            rec.context = contexts[rec.document_id]
    for target in session.scalars(select(TargetRow).order_by(TargetRow.id)):
        doc = docs[target.document_id]
        text = target.text if not target.section else f"{target.text}. {target.section}"
        records.append(
            IndexRecord(
                key=f"target:{target.id}",
                kind="target",
                ref_id=target.id,
                document_id=doc.id,
                source=doc.source_name,
                locator=text_locator(target.section, target.locator),
                text=text,
                display=target.text,
                context=contexts[doc.id],
                year=target.year or doc.plan_year,
            )
        )
    passages = list(session.scalars(select(Passage).order_by(Passage.document_id, Passage.ordinal)))
    headers: dict[tuple[int, int], str] = {}  # a table's first row: its columns' names
    for i, passage in enumerate(passages):
        doc = docs[passage.document_id]
        table = (passage.locator or {}).get("table")
        header = headers.setdefault((doc.id, table), passage.text) if table else ""
        followers = []
        for nxt in passages[i + 1 : i + 1 + FOLLOWERS]:
            same = nxt.document_id == passage.document_id and nxt.section == passage.section
            if not same or not LABELLED.match(nxt.text):
                break
            followers.append(nxt.text)
        body = " ".join([passage.text, *followers])
        records.append(
            IndexRecord(
                key=f"passage:{passage.id}",
                kind="passage",
                ref_id=passage.id,
                document_id=doc.id,
                source=doc.source_name,
                locator=text_locator(passage.section, passage.locator),
                text=f"{body}. {passage.section}",
                context=contexts[doc.id],
                # "Tổng cộng | 120" is "Tổng số (mẫu)": a row's cells are named by its
                # table's header, as its words are placed by the plan's title
                header=header if header != passage.text else "",
                display=passage.text,
                year=doc.plan_year,
            )
        )
    return records
