"""A plan's own facts: số hiệu, signer, issue date, issuer; the list of loaded plans."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import texts
from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import nothing_found, shorten
from knowledge.answer.context import Ask
from knowledge.answer.hits import RANK_WEIGHT, good_hits
from knowledge.answer.intents import DOC_KINDS, SAID_FIELDS, Intent, Reading, topic
from knowledge.answer.plans import label_of, plan_in_context, which_plan
from knowledge.retrieval.analyzer import syllables
from knowledge.vietnamese import fold_aligned
from storage.models import Document, Passage, TaskRow, TaskUnit, Unit

TITLE_WORDS = 2  # content words a question needs to name a plan by its title
SIGNATURE_PASSAGES = 40  # the document's last passages, where the signature block sits


def _cite(doc: Document) -> AnswerCitation:
    return AnswerCitation(doc.source_name, "", shorten(doc.title, 160), label_of(doc))


def doc_meta(ask: Ask) -> Answer:
    field_ = ask.reading.doc_field
    if field_ == "list":
        docs = list(ask.session.scalars(select(Document).order_by(Document.id)))
        cites = [_cite(d) for d in docs]
        return Answer(
            text=texts.ANS_DOC_DOCS.format(count=len(docs)),
            details=[label_of(d) for d in docs],
            citations=cites,
            intent=Intent.DOC_META,
        )
    ids = ask.scope.document_ids
    doc = ask.session.get(Document, ids[0]) if len(ids) == 1 else None
    if field_ == "date?" and (doc is None or ask.asked != ask.question):
        # "… ban hành khi nào?" may ask when a task (issue a decree, a report) is due:
        # with no plan named, or with words beyond the named plan's number.
        from knowledge.answer.kinds.taskfact import task_fact

        titled, cover = _by_title(ask)
        doc = doc or titled
        tasks = good_hits(ask, topic(ask.asked), kinds=("task", "passage"))
        if tasks and (doc is None or tasks[0].coverage > cover + 0.05):
            ask.reading = Reading(Intent.DEADLINE)
            return task_fact(ask)
    elif doc is None:
        doc, _ = _by_title(ask)
    if doc is None:
        doc = plan_in_context(ask)
    other = ask.reading.fields == ["effect"] and _names_other_document(ask.question)
    if doc is None:
        if ask.scope.named or ask.scope.unknown_name or other:
            return nothing_found(Intent.DOC_META)
        return which_plan(ask)
    signer = doc.signer or signer_in_text(ask.session, doc)
    fields = list(dict.fromkeys(ask.reading.fields or [field_]))
    basis = _basis_documents(ask, doc) if "basis" in fields else []
    said = {f: _said_when(ask.session, doc, f, ask.question) for f in fields if _said_asked(doc, f)}
    if other and not said["effect"]:
        return nothing_found(Intent.DOC_META)  # "Luật X có hiệu lực …": X is not in this plan
    facts = [said.get(f) or _fact(doc, f, signer, basis) for f in fields]
    if ask.reading.count:
        from knowledge.answer.kinds.planwide import structured_answer
        from knowledge.answer.kinds.tasklist import plan_count_rows

        outline = structured_answer(ask, doc)
        if outline is not None:  # "gồm bao nhiêu nội dung, ai ký": what the plan numbers
            facts.append(outline.text.rstrip(":") + ".")
        else:
            n_tasks, duties = plan_count_rows(ask, doc)
            if duties and not n_tasks:
                facts.append(texts.ANS_PLAN_COUNT_BY_UNIT.format(plan=label_of(doc), count=duties))
            else:
                facts.append(texts.ANS_PLAN_COUNT.format(plan=label_of(doc), count=n_tasks))
    if "subject" in fields and (lead := _main_lead(ask.session, doc)):
        facts.append(lead)  # "KH 7360 là kế hoạch về việc gì?": what it is, and who runs it
    known = [
        f
        for f in dict.fromkeys(ask.reading.fields or [field_])
        if said.get(f) or _known(doc, f, signer) or (f == "basis" and basis)
    ]
    answer = Answer(
        text=facts[0],
        details=facts[1:],
        # A plan that leaves the asked fact blank answers nothing: no citation.
        citations=[_cite(doc)] if known or ask.reading.count else [],
        intent=Intent.DOC_META,
    )
    answer.context = {"doc_id": doc.id}
    return answer


def signer_in_text(session: Session, doc: Document) -> str:
    """The signer's name from the signature block when the header did not yield it.

    Decrees put the signing title in capitals and the name under it ("THỦ TƯỚNG /
    Phạm Minh Chính"); a decision's own signature comes before any attached plan.
    """
    rows = list(
        session.scalars(
            select(Passage.text).where(Passage.document_id == doc.id).order_by(Passage.ordinal)
        )
    )
    previous: list[str] = []
    for text in rows:
        words = [w.strip("*|.,;:()[]") for w in text.split()]
        words = [w for w in words if w]
        run = 0
        for w in reversed(words):
            if w[:1].isupper() and w[1:].islower() and w.isalpha():
                run += 1
            else:
                break
        title = _caps_tail(words[: len(words) - run]) or _caps_tail(previous)
        if 2 <= run <= 5 and _SIGNING & set(title):
            return " ".join(words[len(words) - run :])
        previous = words
    return ""


def _caps_tail(words: list[str]) -> list[str]:
    """The capitalised words ending ``words`` ("… Lưu: VT. THỦ TƯỚNG" -> THỦ, TƯỚNG)."""
    out: list[str] = []
    for w in reversed(words):
        if not (w.isalpha() and w.isupper()):
            break
        out.append(w)
    return out


# Words of a signing title ("KT. CHỦ TỊCH", "THỦ TƯỚNG", "GIÁM ĐỐC", "TRƯỞNG BAN").
_SIGNING = frozenset({"TƯỚNG", "TỊCH", "TRƯỞNG", "ĐỐC", "KT", "TM", "BAN", "CHÁNH", "PHÓ"})


def _by_title(ask: Ask) -> tuple[Document | None, float]:
    """The plan whose title block the question repeats, when it covers the question well."""
    from knowledge.retrieval.index import content_syllables

    if len(content_syllables(topic(ask.question))) < TITLE_WORDS:
        return None, 0.0  # "ban hành ngày nào?": no plan named, the one in context is meant
    hits = ask.searcher.search(topic(ask.question), k=8, kinds=("doc",), document_ids=ask.doc_ids)
    top = max((h.score for h in hits), default=1.0) or 1.0
    hits = sorted(
        (h for h in hits if h.coverage >= 0.5),
        key=lambda h: -(h.coverage + RANK_WEIGHT * h.score / top),
    )
    if not hits:
        return None, 0.0
    return ask.session.get(Document, hits[0].record.document_id), hits[0].coverage


def _said_asked(doc: Document, field_: str) -> bool:
    """The plan's own sentence answers this field: when it takes effect or takes place,
    and the issue date that a web article gives only in its prose."""
    return (
        field_ in SAID_FIELDS.values()
        or field_ == "runs"
        or field_ == "date"
        and doc.issued_date is None
    )


# A date as the folded text writes it: "23 5 2025", "ngay 04 thang 5 nam 2026", or the
# signing day itself ("kể từ ngày ký").
_DATE = r"(?:\d{1,2} \d{1,2} \d{4}|ngay \d{1,2} thang \d{1,2}|ngay ky)"
# Per field, the folded sentence that says it: the verb with its date after it.
_SAID = {
    "effect": re.compile(rf"\bhieu luc\b.*\b{_DATE}\b"),
    "held": re.compile(rf"\b(?:hop|to chuc|khai mac|dien ra)(?: vao)? (?:ngay )?{_DATE}\b"),
    "date": re.compile(rf"\b{_DATE}\b.*\bban hanh\b|\bban hanh\b.*\b{_DATE}\b"),
    # "Thời gian thực hiện: liên tục trong năm 2025", or that heading over its text
    "runs": re.compile(r"^(?:[a-z0-9]{1,4} )*thoi gian (?:thuc hien|trien khai)\b"),
}
# Sentences end at ".", ";" or a blank line; a single line break is a PDF's wrap.
_SENTENCE_END = re.compile(r"(?<=[.;])\s+|\n\s*\n")
SAID_PASSAGES = 60  # a plan says when it was issued or held near its top
# "Luật Bảo vệ dữ liệu cá nhân (mà QĐ 2623 triển khai) có hiệu lực …": what takes effect
# is another document, named after its kind; the plan's own "Quyết định này …" is not it.
_QUOTED_SUBJECT = re.compile(
    r"(?:^| )(?:bo luat|luat|nghi dinh|thong tu)((?: [a-z0-9]+)+?)"
    r" (?:ma|co|duoc|se|thi|bat dau|hieu luc)(?= )"
)


def _names_other_document(question: str) -> bool:
    return _QUOTED_SUBJECT.search(" ".join(syllables(question))) is not None


def _said_when(session: Session, doc: Document, field_: str, question: str) -> str:
    """The plan's first sentence that says the asked fact with its date, as written."""
    said = _SAID[field_]
    number = (doc.number or "").split("/")[0].strip()
    subject = _QUOTED_SUBJECT.search(" ".join(syllables(question))) if field_ == "effect" else None
    needed = f" {subject.group(1).strip()} " if subject else ""
    if field_ == "runs":
        return _runs_said(session, doc)
    rows = session.scalars(
        select(Passage.text).where(Passage.document_id == doc.id).order_by(Passage.ordinal)
    )
    for i, text in enumerate(rows):
        if i >= SAID_PASSAGES and field_ != "effect":
            break
        for sentence in _SENTENCE_END.split(text):
            folded = " ".join(syllables(sentence))
            if not said.search(folded) or needed not in f" {folded} ":
                continue
            # An issue date in prose must name this plan ("Ngày 23/5/2025, Bộ … ban hành
            # Quyết định 664/QĐ-BXD"), not a document it quotes.
            if field_ == "date" and (not number.isdigit() or number not in sentence):
                continue
            return shorten(" ".join(sentence.split()).strip(" -*>#"), 300)
    return ""


def _runs_said(session: Session, doc: Document) -> str:
    """The plan's own time: the text under its "Thời gian thực hiện" heading, or the
    line that labels it so."""
    said = _SAID["runs"]
    rows = session.execute(
        select(Passage.section, Passage.text)
        .where(Passage.document_id == doc.id)
        .order_by(Passage.ordinal)
    )
    for section, text in rows:
        head = (section or "").rsplit(" > ", 1)[-1]
        if said.search(" ".join(syllables(head))):
            return shorten(
                f"{_HEAD_NUMBER.sub('', head).strip(' :')}: {' '.join(text.split())}", 300
            )
        if said.search(" ".join(syllables(text))) and ":" in text[:40]:
            return shorten(" ".join(text.split()), 300)
    return ""


_HEAD_NUMBER = re.compile(r"^[\dIVXa-zđ]{1,4}[.)]\s*")


def _known(doc: Document, field_: str, signer: str) -> bool:
    if field_ == "number":
        return bool(doc.number) and any(ch.isdigit() for ch in (doc.number or "").split("/")[0])
    if field_ == "signer":
        return bool(signer)
    if field_ in ("date", "date?"):
        return doc.issued_date is not None
    if field_ in ("subject", "basis"):
        return bool(doc.title)
    if field_ in ("period", "runs"):
        return doc.plan_year is not None
    if field_ in SAID_FIELDS.values():
        return False  # known only through its sentence (``_said_when``)
    return bool(doc.issuer)


MAIN_LEAD_SHARE = 0.3  # of the plan's tasks: a unit leading fewer is no main lead


def _main_lead(session: Session, doc: Document) -> str:
    """The unit that leads most of the plan's tasks, when one leads a good share."""
    rows = session.execute(
        select(Unit.name, func.count(TaskUnit.id))
        .join(TaskUnit, TaskUnit.unit_id == Unit.id)
        .join(TaskRow, TaskRow.id == TaskUnit.task_id)
        .where(TaskRow.document_id == doc.id, TaskUnit.role == "lead")
        .group_by(Unit.name)
        .order_by(func.count(TaskUnit.id).desc())
    ).all()
    total = session.scalar(
        select(func.count()).select_from(TaskRow).where(TaskRow.document_id == doc.id)
    )
    if not rows or not total or rows[0][1] < MAIN_LEAD_SHARE * total or rows[0][1] < 2:
        return ""
    return texts.ANS_DOC_MAIN_LEAD.format(unit=rows[0][0], count=rows[0][1], total=total)


def _fact(doc: Document, field_: str, signer: str, basis: list[str]) -> str:
    title = label_of(doc)
    if field_ == "number":
        number = doc.number or ""
        if number and any(ch.isdigit() for ch in number.split("/")[0]):
            return texts.ANS_DOC_NUMBER.format(title=title, number=number)
        return texts.ANS_DOC_NUMBER_NONE.format(title=title)
    if field_ == "signer":
        if signer:
            return texts.ANS_DOC_SIGNER.format(title=title, signer=signer)
        return texts.ANS_DOC_SIGNER_NONE.format(title=title)
    if field_ in ("date", "date?"):
        if doc.issued_date:
            return texts.ANS_DOC_ISSUED.format(title=title, date=texts.fmt_date(doc.issued_date))
        return texts.ANS_DOC_ISSUED_NONE.format(title=title)
    if field_ == "subject":
        return texts.ANS_DOC_SUBJECT.format(title=title, full=" ".join(doc.title.split()))
    if field_ == "basis":
        if basis:
            return texts.ANS_DOC_BASIS.format(title=title, documents="; ".join(basis))
        return texts.ANS_DOC_SUBJECT.format(title=title, full=" ".join(doc.title.split()))
    if field_ in ("period", "runs"):  # "runs" when the plan states no time of its own
        return _period(doc, title)
    if field_ in SAID_FIELDS.values():
        return texts.ANS_DOC_SAID_NONE.format(title=title)
    return texts.ANS_DOC_ISSUER.format(title=title, issuer=doc.issuer or "—")


# "Quyết định số 06/QĐ-TTg", "Nghị quyết 66-NQ/TW": a document a text quotes by number,
# found in its folded form (``fold_aligned``) and cut from the text as written.
_QUOTED_DOC = re.compile(rf"\b(?:{'|'.join(DOC_KINDS)})\s+(?:so\s+)?\d+[\w./-]*\w")

# "Thực hiện Quyết định số 2138/QĐ-TTg …", "Căn cứ Chỉ thị số 49-CT/TW …" near the top.
_CARRIES_OUT = re.compile(r"\b(?:thuc hien|trien khai|can cu)\s+")
BASIS_PASSAGES = 12  # opening passages looked at when the title quotes no document


def _basis_documents(ask: Ask, doc: Document) -> list[str]:
    """The documents the plan carries out: those its title quotes, else those its
    opening lines say it carries out ("Thực hiện Quyết định số …")."""
    title = doc.title or ""
    quoted = [title[m.start() : m.end()] for m in _QUOTED_DOC.finditer(fold_aligned(title))]
    if not quoted:
        opening = ask.session.scalars(
            select(Passage.text)
            .where(Passage.document_id == doc.id)
            .order_by(Passage.ordinal)
            .limit(BASIS_PASSAGES)
        )
        for text in opening:
            folded = fold_aligned(text)
            for m in _CARRIES_OUT.finditer(folded):
                if (ref := _QUOTED_DOC.match(folded, m.end())) is not None:
                    quoted.append(text[ref.start() : ref.end()])
    return list(dict.fromkeys(quoted))


def _period(doc: Document, title: str) -> str:
    start, end = doc.plan_year, doc.period_end_year
    if start and end and end > start:
        return texts.ANS_DOC_PERIOD.format(title=title, period=f"{start} - {end}")
    return texts.ANS_DOC_YEAR.format(title=title, year=start)
