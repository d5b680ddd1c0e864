"""Database lookups behind the answers: tasks by filter or id, documents, nearby lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from knowledge.retrieval.records import LABELLED
from storage import repositories as repo
from storage.models import Document, Passage, TaskDeadline, TaskRow, TaskUnit

NEARBY = 6  # labelled paragraphs this close to a quoted passage are shown with it
CONTINUATION = 12  # passages after a short one read as its continuation


_DOC_NUMBER = re.compile(r"\b(\d{1,5}/[\w\-]*[a-zđ][\w\-]*)", re.IGNORECASE)


# A document named by its number in a question: "Nghị quyết 57-NQ/TW", "Quyết định 766",
# "KH 141", "Đề án 06" (folded). The number must then match, never a neighbour's.
# "Chương trình Chính phủ số 2629": a few words may stand between the kind and "số N".
_NAMED_NUMBER = re.compile(
    r"\b(?:ke hoach|quyet dinh|chi thi|thong bao|van ban|nghi quyet|nghi dinh|de an|"
    r"chuong trinh|cong dien|thong tu|luat|kh|qd|ct|tb|nq|nd|cd|tt)"
    r"\s+(?:(?:[a-z]+\s+){0,3}?so\s+)?(\d{1,5})\b"
    # "… pháp luật 2026-2030": a period after the words, not the law's number
    r"(?!\s*[-–]\s*(?:19|20)\d\d)"
)


def quoted_numbers(question: str) -> set[str]:
    """The document numbers a question quotes ("57" for "Nghị quyết 57-NQ/TW")."""
    from knowledge.vietnamese import fold

    q = fold(question)
    found = {m.group(1).lstrip("0") or "0" for m in _NAMED_NUMBER.finditer(q)}
    found |= {m.group(1).split("/")[0].lstrip("0") for m in _DOC_NUMBER.finditer(q)}
    return {n for n in found if n}


def units_of(task: TaskRow, role: str) -> list[str]:
    """The task's units in ``role``; the raw cell when no unit was recognized."""
    names = [link.unit.name for link in task.units if link.role == role]
    raw = task.raw_lead if role == "lead" else task.raw_coordinating
    return names or ([raw] if raw else [])


def doc_by_number(session: Session, question: str) -> Document | None:
    """The document whose số hiệu the question quotes ("Quyết định 2820/QĐ-UBND", "NQ 97")."""
    found = number_match(session, question)
    return found[0] if found else None


def number_match(session: Session, question: str) -> tuple[Document, str] | None:
    """The document whose số hiệu the question quotes, with the words that quote it."""
    from knowledge.vietnamese import fold

    numbered = list(session.scalars(select(Document).where(Document.number.is_not(None))))
    for m in _DOC_NUMBER.finditer(question):
        key = fold(m.group(1))
        for doc in numbered:
            if fold(doc.number or "").startswith(key) or key.startswith(fold(doc.number or "x")):
                return doc, fold(m.group(0))
    q = fold(question)
    for m in _NAMED_NUMBER.finditer(q):
        want = m.group(1).lstrip("0")
        matches = [d for d in numbered if (d.number or "").split("/")[0].lstrip("0") == want]
        if len(matches) > 1:  # "KH 624" of a KH and a TB numbered 624: the kind said
            code = _KIND_CODES.get(m.group(0).rsplit(" ", 1)[0].removesuffix(" so"))
            matches = [d for d in matches if code and _has_code(d, code)] or matches
        if len(matches) > 1:  # "KH 141 Bắc Ninh": the one whose title the question echoes
            matches = [d for d in matches if _echoes(d, q)] or matches
        if len(matches) == 1:
            return matches[0], m.group(0)
    return None


# The kind of document a question names, as its số hiệu writes it ("…/KH-UBND").
_KIND_CODES = {
    "ke hoach": "kh",
    "kh": "kh",
    "quyet dinh": "qd",
    "qd": "qd",
    "chi thi": "ct",
    "ct": "ct",
    "thong bao": "tb",
    "tb": "tb",
    "nghi quyet": "nq",
    "nq": "nq",
    "nghi dinh": "nd",
    "nd": "nd",
    "cong dien": "cd",
    "cd": "cd",
    "thong tu": "tt",
    "tt": "tt",
}


# The words a number is named with, folded ("cong dien", "cd", "quyet dinh" …).
KIND_WORDS = tuple(sorted(_KIND_CODES, key=len, reverse=True))


def with_kind(sylls: Sequence[str], start: int) -> int:
    """Where "CĐ 227/CĐ-TTg", "Quyết định số 2629" begins when its number begins at ``start``."""
    if start and sylls[start - 1] == "so":
        start -= 1
    for kind in KIND_WORDS:
        words = kind.split()
        if start >= len(words) and list(sylls[start - len(words) : start]) == words:
            return start - len(words)
    return start


def _has_code(doc: Document, code: str) -> bool:
    from knowledge.vietnamese import fold

    return re.search(rf"[/-]{code}\b", fold(doc.number or "")) is not None


def _echoes(doc: Document, folded_question: str) -> bool:
    from knowledge.vietnamese import fold

    words = set(fold(f"{doc.title} {doc.issuer or ''}").split())
    asked = set(folded_question.split())
    return len(words & asked) >= 2


def task_rows(
    session: Session,
    unit_ids: list[int] | None,
    role: str,
    due_from: date | None,
    due_to: date | None,
    document_ids: Sequence[int] | None = None,
) -> list[Any]:
    """(id, document_id, kind, status) of the matching tasks, light enough for 10,000s.

    Same filters as ``repositories.list_tasks`` (any due date in the window counts),
    without loading every task's units and deadlines just to count them.
    """
    stmt = repo.filter_tasks(
        select(TaskRow.id, TaskRow.document_id, TaskRow.kind, TaskRow.status),
        unit_ids=unit_ids,
        roles=(role,),
        due_from=due_from,
        due_to=due_to,
        document_ids=document_ids,
    )
    if due_from is not None or due_to is not None:
        stmt = stmt.order_by(TaskRow.due_date, TaskRow.document_id, TaskRow.ordinal)
    else:
        stmt = stmt.order_by(TaskRow.document_id, TaskRow.ordinal)
    return list(session.execute(stmt).all())


def load_tasks(session: Session, ids: Sequence[int]) -> list[TaskRow]:
    """Tasks by id, in that order, with units, document and due dates loaded."""
    if not ids:
        return []
    rows = session.scalars(
        select(TaskRow)
        .where(TaskRow.id.in_(ids))
        .options(
            selectinload(TaskRow.units).selectinload(TaskUnit.unit),
            selectinload(TaskRow.document),
            selectinload(TaskRow.deadlines),
        )
    )
    by_id = {t.id: t for t in rows}
    return [by_id[i] for i in ids if i in by_id]


def labelled_near(session: Session, passage_id: int) -> list[str]:
    """Labelled lines around a passage in its section ("Cơ quan chủ trì: …").

    Prose plans put a task's lead unit and deadline in separate paragraphs
    around the task; an answer quoting the task shows them too. Lines that
    follow come first, then those just before, each run unbroken.
    """
    hit = session.get(Passage, passage_id)
    if hit is None:
        return []
    rows = list(
        session.scalars(
            select(Passage)
            .where(
                Passage.document_id == hit.document_id,
                Passage.ordinal >= hit.ordinal - NEARBY,
                Passage.ordinal <= hit.ordinal + NEARBY,
            )
            .order_by(Passage.ordinal)
        )
    )
    pos = next((i for i, r in enumerate(rows) if r.id == hit.id), None)
    if pos is None:
        return []

    def run(seq: list[Passage]) -> list[str]:
        out = []
        for r in seq:
            if r.section != hit.section or not LABELLED.match(r.text):
                break
            out.append(r.text)
        return out

    after = run(rows[pos + 1 :])
    before = [] if LABELLED.match(hit.text) is None else run(rows[:pos][::-1])[::-1]
    return (before + after)[:5]


def continued(session: Session, passage_id: int, limit: int) -> str:
    """A short passage with the lines that follow it in its section, up to ``limit`` chars.

    Text from PDFs and flattened tables breaks one table row over many short
    passages ("Tổ chức Diễn đàn pháp luật ASEAN" / "2026 với chủ đề …" / "Bộ Tư
    pháp"); the row's lead unit, deadline and product sit in the lines after it.
    """
    hit = session.get(Passage, passage_id)
    if hit is None:
        return ""
    rows = session.scalars(
        select(Passage)
        .where(
            Passage.document_id == hit.document_id,
            Passage.ordinal > hit.ordinal,
            Passage.ordinal <= hit.ordinal + CONTINUATION,
        )
        .order_by(Passage.ordinal)
    )
    text = hit.text
    for r in rows:
        if r.section != hit.section or len(text) + len(r.text) > limit:
            break
        text += " " + r.text
    return text


# A year the question asks about: "năm 2027", "đến 2035", "2026-2030"; never a date's or a
# document number's digits ("13/2023/NĐ-CP", "19/11/2025").
_ASKED_YEAR = re.compile(r"(?<![\d/.])((?:19|20)\d\d)(?![\d/])")


def asked_years(question: str) -> set[int]:
    """The years a question names (folded text), outside dates and document numbers."""
    from knowledge.vietnamese import fold

    return {int(m.group(1)) for m in _ASKED_YEAR.finditer(fold(question))}


def document_years(doc: Document) -> set[int]:
    """The years a plan covers: its span, its issue year and the years its title names."""
    years = set(asked_years(doc.title or ""))
    if doc.plan_year:
        years |= set(range(doc.plan_year, (doc.period_end_year or doc.plan_year) + 1))
    if doc.issued_date is not None:
        years.add(doc.issued_date.year)
    return years


# "thực hiện Quyết định 1899/QĐ-TTg": the plan is named by what it implements.
_IMPLEMENTS = ("thuc hien", "trien khai", "cu the hoa")
IMPLEMENTS_REACH = 30  # characters before a quoted number where "thực hiện" may stand


def full_numbers_unloaded(session: Session, question: str) -> bool:
    """The question quotes a whole số hiệu ("1899/QĐ-TTg") that no loaded document has as
    its own, and not as what a plan implements: that document itself is asked about."""
    return bool(unloaded_full_numbers(session, question))


def unloaded_full_numbers(session: Session, question: str) -> list[str]:
    """The whole số hiệu the question quotes that no loaded document has as its own
    (folded), except those it quotes as what a plan implements."""
    from knowledge.vietnamese import fold

    q = fold(question)
    own = [fold(n) for n in session.scalars(select(Document.number)) if n]
    found = []
    for m in _DOC_NUMBER.finditer(q):
        key = m.group(1)
        if any(n.startswith(key) or key.startswith(n) for n in own):
            continue
        before = q[max(0, m.start() - IMPLEMENTS_REACH) : m.start()]
        if not any(w in before for w in _IMPLEMENTS):
            found.append(key)
    return found


def cited_by(session: Session, doc_ids: list[int], number: str) -> bool:
    """Some passage of these plans cites a document numbered ``number`` ("Nghị quyết
    số 05-NQ/TU", "NQ 05")."""
    from knowledge.vietnamese import fold

    cited = re.compile(rf"(?:\bso|\b[a-z]{{2}})\s0*{number}\b|\b0*{number}[-/][a-z]")
    rows = session.scalars(
        select(Passage.text).where(Passage.document_id.in_(doc_ids), Passage.text.contains(number))
    )
    return any(cited.search(fold(text)) for text in rows)


def quoted_in_text(session: Session, number: str) -> bool:
    """Some loaded passage or task quotes the whole số hiệu (folded "625/tb-vpcp")."""
    from knowledge.vietnamese import fold

    head = number.split("/")[0] + "/"
    for column in (Passage.text, TaskRow.title):
        rows = session.scalars(select(column).where(column.contains(head)).limit(200))
        if any(number in fold(text) for text in rows):
            return True
    return False


def quoted_document(question: str) -> str:
    """The words that name a document by its number, as typed ("QĐ 1899/QĐ-TTg", "KH 143")."""
    from knowledge.vietnamese import fold

    q = fold(question)
    m = _NAMED_NUMBER.search(q)
    if m is not None:
        end = m.end()
        full = _DOC_NUMBER.match(q, m.start(1))
        if full is not None:
            end = full.end()
        return question[m.start() : end].strip()
    m = _DOC_NUMBER.search(q)
    return question[m.start() : m.end()].strip() if m else ""


def due_between(session: Session, task_ids: Sequence[int], start: date, end: date) -> bool:
    """One of the tasks has a due date (any occurrence) from ``start`` to ``end``."""
    found = session.scalar(
        select(TaskDeadline.id)
        .where(
            TaskDeadline.task_id.in_(task_ids),
            TaskDeadline.due_date >= start,
            TaskDeadline.due_date <= end,
        )
        .limit(1)
    )
    return found is not None
