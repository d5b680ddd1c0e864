"""Store parsed plans.

- The same file again (same bytes) changes nothing.
- A revised version of a plan (same file name, or same số hiệu from the same
  issuer) replaces the plan's records in place: a task whose identity is
  unchanged keeps its database id, so whatever later features attach to it
  (progress reports, alerts) survives; tasks gone from the revision are removed.
- The search index follows every change (``sync_index``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from knowledge import limits, texts
from knowledge.document import Document as DocumentT
from knowledge.document import DocumentError
from knowledge.jurisdiction import Jurisdiction, plan_jurisdiction
from knowledge.loaders import check_readable, load_document
from knowledge.plan.model import ParsedPlan, Task
from knowledge.plan.parser import parse_plan
from knowledge.unit_book import UnitBook
from knowledge.unit_lookup import configured_province
from storage import repositories as repo
from storage.db import Database
from storage.models import (
    Base,
    Document,
    Passage,
    SectionRow,
    TargetRow,
    TaskDeadline,
    TaskRow,
    TaskUnit,
    fit_row,
)
from storage.settings import Settings, get_settings

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass
class IngestSummary:
    source: str
    status: str  # "new" | "revised" | "unchanged"
    document_id: int
    title: str = ""
    number: str | None = None
    tasks: int = 0
    duties: int = 0
    targets: int = 0
    without_lead: int = 0
    without_deadline: int = 0
    kept: int = 0  # revised: tasks unchanged in identity (their attachments kept)
    added: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)
    quality: dict[str, object] | None = None  # ParseQuality.as_json(): coverage and verdict

    def render(self) -> str:
        """The Vietnamese summary shown after an ingest (CLI and chat)."""
        if self.status == "unchanged":
            return texts.INGEST_UNCHANGED.format(source=self.source)
        lines = [
            texts.INGEST_HEADER_NEW.format(source=self.source)
            if self.status == "new"
            else texts.INGEST_HEADER_REVISED.format(source=self.source),
        ]
        if self.title:
            lines.append(texts.INGEST_TITLE.format(title=self.title, number=self.number or "—"))
        lines.append(
            texts.INGEST_COUNTS.format(tasks=self.tasks, duties=self.duties, targets=self.targets)
        )
        lines.append(
            texts.INGEST_GAPS.format(
                without_lead=self.without_lead, without_deadline=self.without_deadline
            )
        )
        if self.quality is not None:
            lines.append(
                texts.QUALITY_LINE.format(
                    **{k: self.quality[k] for k in ("verdict", "unclaimed", "without_lead")},
                    without_deadline=self.quality["without_deadline"],
                )
            )
            notes = self.quality.get("notes")
            notes = [n for n in notes if n not in self.warnings] if isinstance(notes, list) else []
            lines.extend(f"  • {n}" for n in notes)
        if self.status == "revised":
            lines.append(
                texts.INGEST_REVISION.format(kept=self.kept, added=self.added, removed=self.removed)
            )
        if self.warnings:
            lines.append(texts.INGEST_WARNINGS.format(count=len(self.warnings)))
            lines.extend(f"  • {w}" for w in self.warnings[:10])
            if len(self.warnings) > 10:
                lines.append(texts.INGEST_MORE_WARNINGS.format(count=len(self.warnings) - 10))
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ingest_file(
    db: Database,
    path: Path,
    display_name: str | None = None,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    sync: bool = True,
) -> IngestSummary:
    """Load, parse and store one plan file; raises ``DocumentError`` on bad input."""
    say = progress or (lambda _stage: None)
    name = display_name or path.name
    check_readable(path, name)  # before hashing: a FIFO would block, a directory fail
    sha = file_sha256(path)
    with db.session() as session:
        existing = repo.find_document_by_hash(session, sha)
        if existing is not None:
            return IngestSummary(source=name, status="unchanged", document_id=existing.id)
    with limits.reading(name):  # one time limit for reading and parsing the file
        say(texts.PROGRESS_READING)
        doc = load_document(path, name)
        say(texts.PROGRESS_PARSING)
        plan = _parse(doc)
    say(texts.PROGRESS_STORING)
    with db.session() as session:
        summary = store_plan(session, plan, sha=sha, fmt=doc.format, settings=settings)
    if sync:
        say(texts.PROGRESS_INDEXING)
        sync_search_index(db, settings)
    return summary


def _parse(doc: DocumentT) -> ParsedPlan:
    try:
        plan = parse_plan(doc)
    except RecursionError as exc:
        raise DocumentError(texts.FILE_TOO_COMPLEX.format(name=doc.source)) from exc
    except MemoryError as exc:
        raise DocumentError(texts.FILE_OUT_OF_MEMORY.format(name=doc.source)) from exc
    limits.check_time()
    return plan


def sync_search_index(db: Database, settings: Settings | None = None) -> None:
    from knowledge.retrieval.sync import sync_index

    sync_index(db, settings or get_settings())


def remove_document(db: Database, document_id: int, settings: Settings | None = None) -> bool:
    with db.session() as session:
        if session.get(Document, document_id) is None:
            return False
        repo.delete_document(session, document_id)
    sync_search_index(db, settings)
    return True


def store_plan(
    session: Session, plan: ParsedPlan, *, sha: str, fmt: str, settings: Settings | None = None
) -> IngestSummary:
    """Store ``plan`` in ``session``'s transaction: the document row, then its sections,
    targets, passages, tasks, unit links and due dates as bulk inserts (one statement per
    table), its units resolved in memory (``UnitBook``)."""
    previous = _previous_version(session, plan)
    body = " ".join(text for _, text, _ in plan.paragraphs)
    where = plan_jurisdiction(plan.meta, fallback=configured_province(settings), body=body)
    if previous is None:
        document = Document(source_name=plan.source, sha256=sha, format=fmt)
        session.add(document)
        status = "new"
    else:
        document = previous
        document.revision += 1
        document.source_name = plan.source
        document.sha256 = sha
        document.format = fmt
        status = "revised"
    _fill_metadata(document, plan, where)
    session.flush()
    _replace_children(session, document.id, plan, fresh=previous is None)
    kept, added, removed = _sync_tasks(session, document.id, plan, where, fresh=previous is None)
    return _summarize(plan, status, document.id, kept, added, removed)


def _previous_version(session: Session, plan: ParsedPlan) -> Document | None:
    by_name = session.scalar(select(Document).where(Document.source_name == plan.source))
    if by_name is not None:
        return by_name
    number = plan.meta.number
    if not number or not any(ch.isdigit() for ch in number.split("/")[0]):
        return None  # a blank "Số: /QĐ-SNV" identifies nothing
    return session.scalar(
        select(Document).where(Document.number == number, Document.issuer == plan.meta.issuer)
    )


def _fill_metadata(document: Document, plan: ParsedPlan, where: Jurisdiction) -> None:
    meta = plan.meta
    document.title = meta.title
    document.number = meta.number
    document.issuer = meta.issuer
    document.issued_date = meta.issued_date
    document.plan_year = meta.plan_year
    document.period_end_year = meta.period_end_year
    document.signer = meta.signer
    document.doc_type = meta.doc_type
    document.jurisdiction = where.level.value
    document.province = where.province
    document.pages = plan.pages
    document.warnings = list(plan.warnings)


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """One executemany INSERT (Core: no per-row ORM bookkeeping)."""
    if rows:
        session.execute(table(model).insert(), [fit_row(model, row) for row in rows])


def table(model: type[Base]) -> Table:
    return model.__table__  # type: ignore[return-value]


def _replace_children(session: Session, document_id: int, plan: ParsedPlan, fresh: bool) -> None:
    """Sections, targets and passages carry nothing of their own: rewrite them whole."""
    if not fresh:
        for model in (SectionRow, TargetRow, Passage):
            session.execute(
                delete(model).where(model.document_id == document_id),
                execution_options={"synchronize_session": False},
            )
    _insert(
        session,
        SectionRow,
        [
            {
                "document_id": document_id,
                "ordinal": i,
                "number": s.number,
                "title": s.title,
                "level": s.level,
                "path": s.path,
                "locator": s.locator.as_dict(),
            }
            for i, s in enumerate(plan.sections)
        ],
    )
    _insert(
        session,
        TargetRow,
        [
            {
                "document_id": document_id,
                "ordinal": i,
                "text": t.text,
                "values": t.values,
                "year": t.year,
                "section": t.section,
                "locator": t.locator.as_dict(),
            }
            for i, t in enumerate(plan.targets)
        ],
    )
    _insert(
        session,
        Passage,
        [
            {
                "document_id": document_id,
                "ordinal": i,
                "section": section,
                "text": text,
                "locator": locator.as_dict(),
            }
            for i, (section, text, locator) in enumerate(plan.paragraphs)
        ],
    )


def _unique_identities(tasks: list[Task]) -> list[str]:
    """Task identities, made unique within the plan (a repeated STT and title)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for task in tasks:
        ident = task.identity()
        n = seen.get(ident, 0)
        seen[ident] = n + 1
        out.append(ident if n == 0 else f"{ident}-{n}")
    return out


def _sync_tasks(
    session: Session, document_id: int, plan: ParsedPlan, where: Jurisdiction, fresh: bool
) -> tuple[int, int, int]:
    """Tasks by identity: unchanged identities keep their row (and whatever is attached
    to it), new ones are inserted, missing ones deleted (their links and reports go
    with them, by the foreign keys' ON DELETE CASCADE)."""
    existing: dict[str, int] = {}
    if not fresh:
        stored = session.execute(
            select(TaskRow.identity, TaskRow.id).where(TaskRow.document_id == document_id)
        )
        existing = {ident: task_id for ident, task_id in stored}
    names = [n for t in plan.tasks for n in (*t.lead_units, *t.coordinating_units)]
    unit_ids = UnitBook(session).ids(names, plan.owner, where)
    identities = _unique_identities(plan.tasks)
    new = [(i, t, ident) for i, (t, ident) in enumerate(zip(plan.tasks, identities, strict=True))]
    kept = [(i, t, ident) for i, t, ident in new if ident in existing]
    new = [(i, t, ident) for i, t, ident in new if ident not in existing]
    task_ids = {ident: existing[ident] for _, _, ident in kept}
    if kept:
        ids = list(task_ids.values())
        for model in (TaskUnit, TaskDeadline):
            session.execute(
                delete(model).where(model.task_id.in_(ids)),
                execution_options={"synchronize_session": False},
            )
        _update_tasks(session, [(task_ids[ident], _task_values(t, i)) for i, t, ident in kept])
    if new:
        rows = [
            fit_row(TaskRow, {"document_id": document_id, "identity": ident, **_task_values(t, i)})
            for i, t, ident in new
        ]
        tasks = table(TaskRow)
        stmt = tasks.insert().returning(tasks.c.id, sort_by_parameter_order=True)
        created = session.execute(stmt, rows).scalars()
        for (_, _, ident), task_id in zip(new, created, strict=True):
            task_ids[ident] = task_id
    _insert_links(session, plan.tasks, identities, task_ids, unit_ids)
    wanted = set(identities)
    gone = [task_id for ident, task_id in existing.items() if ident not in wanted]
    if gone:
        session.execute(
            delete(TaskRow).where(TaskRow.id.in_(gone)),
            execution_options={"synchronize_session": False},
        )
    return len(kept), len(new), len(gone)


def _update_tasks(session: Session, rows: list[tuple[int, dict[str, Any]]]) -> None:
    """One executemany UPDATE of the kept tasks' columns, by id."""
    tasks = table(TaskRow)
    columns = list(rows[0][1])
    stmt = (
        update(tasks)
        .where(tasks.c.id == bindparam("task_id"))
        .values({c: bindparam(c) for c in columns})
    )
    session.execute(stmt, [fit_row(TaskRow, {"task_id": i, **values}) for i, values in rows])


def _task_values(task: Task, ordinal: int) -> dict[str, Any]:
    """One task's column values."""
    deadline = task.deadline
    return {
        "content_hash": task.content_hash(),
        "ordinal": ordinal,
        "kind": task.kind,
        "number": task.number,
        "section": task.section,
        "title": task.title,
        "supervisor": task.supervisor,
        "raw_lead": task.raw_lead,
        "raw_coordinating": task.raw_coordinating,
        "deadline_text": deadline.raw,
        "deadline_kind": deadline.kind,
        "recurrence": deadline.recurrence,
        "start_date": deadline.start,
        "due_date": deadline.final_due,
        "product": task.product,
        "submit_to": task.submit_to,
        "budget": task.budget,
        "objective": task.objective,
        "parent_task": task.parent_task,
        "locator": task.locator.as_dict(),
        "warnings": list(task.warnings),
        "deadline_json": deadline.as_json(),
    }


def _insert_links(
    session: Session,
    tasks: list[Task],
    identities: list[str],
    task_ids: dict[str, int],
    unit_ids: dict[str, int],
) -> None:
    """Every task's unit links (one per unit and role) and due dates."""
    links: dict[tuple[int, int, str], None] = {}
    deadlines: list[dict[str, Any]] = []
    for task, ident in zip(tasks, identities, strict=True):
        task_id = task_ids[ident]
        for role, names in (("lead", task.lead_units), ("coordinate", task.coordinating_units)):
            for name in names:
                links.setdefault((task_id, unit_ids[name], role), None)
        deadlines += [
            {"task_id": task_id, "due_date": d} for d in sorted(set(task.deadline.due_dates))
        ]
    rows = [{"task_id": t, "unit_id": u, "role": r} for t, u, r in links]
    _insert(session, TaskUnit, rows)
    _insert(session, TaskDeadline, deadlines)


def _summarize(
    plan: ParsedPlan, status: str, document_id: int, kept: int, added: int, removed: int
) -> IngestSummary:
    tasks = [t for t in plan.tasks if t.kind == "task"]
    warnings = list(plan.warnings)
    for t in plan.tasks:
        warnings.extend(f"{t.number} {t.title[:60]}: {w}" for w in t.warnings)
    return IngestSummary(
        source=plan.source,
        status=status,
        document_id=document_id,
        title=plan.meta.title,
        number=plan.meta.number,
        tasks=len(tasks),
        duties=len(plan.tasks) - len(tasks),
        targets=len(plan.targets),
        without_lead=sum(1 for t in tasks if not t.lead_units),
        without_deadline=sum(1 for t in tasks if t.deadline.kind == "none"),
        kept=kept,
        added=added if status == "revised" else 0,
        removed=removed,
        warnings=warnings,
        quality=plan.quality.as_json() if plan.quality is not None else None,
    )
