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

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import limits, texts
from knowledge.document import Document as DocumentT
from knowledge.document import DocumentError
from knowledge.loaders import check_readable, load_document
from knowledge.plan.model import ParsedPlan, Task
from knowledge.plan.parser import parse_plan
from knowledge.units import UnitName, builtin_aliases, canonical_unit
from storage import repositories as repo
from storage.db import Database
from storage.models import (
    Document,
    Passage,
    SectionRow,
    TargetRow,
    TaskDeadline,
    TaskRow,
    TaskUnit,
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
        summary = store_plan(session, plan, sha=sha, fmt=doc.format)
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


def store_plan(session: Session, plan: ParsedPlan, *, sha: str, fmt: str) -> IngestSummary:
    previous = _previous_version(session, plan)
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
    _fill_metadata(document, plan)
    session.flush()
    _replace_children(session, document, plan)
    kept, added, removed = _sync_tasks(session, document, plan)
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


def _fill_metadata(document: Document, plan: ParsedPlan) -> None:
    meta = plan.meta
    document.title = meta.title
    document.number = meta.number
    document.issuer = meta.issuer
    document.issued_date = meta.issued_date
    document.plan_year = meta.plan_year
    document.period_end_year = meta.period_end_year
    document.signer = meta.signer
    document.doc_type = meta.doc_type
    document.pages = plan.pages
    document.warnings = list(plan.warnings)


def _replace_children(session: Session, document: Document, plan: ParsedPlan) -> None:
    """Sections, targets and passages carry nothing of their own: rewrite them whole."""
    for model in (SectionRow, TargetRow, Passage):
        for row in session.scalars(select(model).where(model.document_id == document.id)):
            session.delete(row)
    session.flush()
    for i, s in enumerate(plan.sections):
        session.add(
            SectionRow(
                document_id=document.id,
                ordinal=i,
                number=s.number,
                title=s.title,
                level=s.level,
                path=s.path,
                locator=s.locator.as_dict(),
            )
        )
    for i, t in enumerate(plan.targets):
        session.add(
            TargetRow(
                document_id=document.id,
                ordinal=i,
                text=t.text,
                values=t.values,
                year=t.year,
                section=t.section,
                locator=t.locator.as_dict(),
            )
        )
    for i, (section, text, locator) in enumerate(plan.paragraphs):
        session.add(
            Passage(
                document_id=document.id,
                ordinal=i,
                section=section,
                text=text,
                locator=locator.as_dict(),
            )
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


def _sync_tasks(session: Session, document: Document, plan: ParsedPlan) -> tuple[int, int, int]:
    existing = {
        t.identity: t
        for t in session.scalars(select(TaskRow).where(TaskRow.document_id == document.id))
    }
    kept = added = 0
    wanted = set()
    # Units first, one lookup per distinct name: with no query left in the loop below
    # nothing autoflushes, and the task rows go in as batched inserts at the end.
    unit_ids: dict[str, int] = {}
    known = repo.unit_alias_index(session)
    for task in plan.tasks:
        for name in (*task.lead_units, *task.coordinating_units):
            if name not in unit_ids:
                unit_ids[name] = _unit_id(session, name, plan.owner, known)
    for ordinal, (task, ident) in enumerate(
        zip(plan.tasks, _unique_identities(plan.tasks), strict=True)
    ):
        wanted.add(ident)
        row = existing.get(ident)
        fresh = row is None
        if row is None:
            row = TaskRow(document_id=document.id, identity=ident)
            session.add(row)
            added += 1
        else:
            kept += 1
        _fill_task(session, row, task, ordinal, unit_ids, fresh)
    removed = 0
    for ident, row in existing.items():
        if ident not in wanted:
            session.delete(row)
            removed += 1
    session.flush()
    return kept, added, removed


def _fill_task(
    session: Session,
    row: TaskRow,
    task: Task,
    ordinal: int,
    unit_ids: dict[str, int],
    fresh: bool,
) -> None:
    """Copy one task into its row. A new row gets its links without a flush, so the
    whole plan goes to the database in batched inserts at the end."""
    deadline = task.deadline
    row.content_hash = task.content_hash()
    row.ordinal = ordinal
    row.kind = task.kind
    row.number = task.number
    row.section = task.section
    row.title = task.title
    row.supervisor = task.supervisor
    row.raw_lead = task.raw_lead
    row.raw_coordinating = task.raw_coordinating
    row.deadline_text = deadline.raw
    row.deadline_kind = deadline.kind
    row.recurrence = deadline.recurrence
    row.start_date = deadline.start
    row.due_date = deadline.final_due
    row.product = task.product
    row.budget = task.budget
    row.objective = task.objective
    row.parent_task = task.parent_task
    row.locator = task.locator.as_dict()
    row.warnings = list(task.warnings)
    row.deadline_json = deadline.as_json()
    if not fresh:
        # The old links go first: the new ones may repeat them (unique per task).
        session.flush()
        row.units.clear()
        row.deadlines.clear()
        session.flush()
    links: dict[tuple[int, str], None] = {}
    for role, names in (("lead", task.lead_units), ("coordinate", task.coordinating_units)):
        for name in names:  # every name was resolved before the loop (see _sync_tasks)
            links.setdefault((unit_ids[name], role), None)
    for unit_id, role in links:
        row.units.append(TaskUnit(unit_id=unit_id, role=role))
    for due in sorted(set(deadline.due_dates)):
        row.deadlines.append(TaskDeadline(due_date=due))


def _unit_id(session: Session, name: str, owner: str | None, known: dict[str, int]) -> int:
    """The unit ``name`` stands for, created if new; ``known`` (key -> id, see
    ``repo.unit_alias_index``) answers the common case without a query and learns new units."""
    info = canonical_unit(name, owner)
    if not (info.parent and info.kind == "unit"):
        for key in (repo.fold_key(name), repo.fold_key(info.name)):
            if key[: repo.KEY_LENGTH] in known:
                return known[key[: repo.KEY_LENGTH]]
    unit_id = _store_unit(session, name, info, owner)
    known.setdefault(repo.fold_key(name)[: repo.KEY_LENGTH], unit_id)
    return unit_id


def _store_unit(session: Session, name: str, info: UnitName, owner: str | None) -> int:
    aliases = builtin_aliases().get(info.name, [])
    if info.parent and info.kind == "unit":
        # An office's own "Văn phòng Sở" is not another office's one.
        scoped = repo.upsert_unit(
            session,
            info.name,
            kind=info.kind,
            parent_name=info.parent,
            aliases=aliases,
            scope=info.parent,
        )
        return scoped.id
    unit = repo.find_unit(session, name) or repo.find_unit(session, info.name)
    if unit is not None:
        return unit.id
    return repo.upsert_unit(session, info.name, kind=info.kind, aliases=aliases).id


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
