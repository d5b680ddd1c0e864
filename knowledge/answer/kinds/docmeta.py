"""A plan's own facts: số hiệu, signer, issue date, issuer; the list of loaded plans."""

from __future__ import annotations

from sqlalchemy import select

from knowledge import texts
from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import nothing_found, shorten
from knowledge.answer.context import Ask
from knowledge.answer.hits import RANK_WEIGHT, good_hits
from knowledge.answer.intents import Intent, Reading, topic
from knowledge.answer.plans import label_of, plan_in_context, which_plan
from storage.models import Document


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
    if doc is None:
        doc, cover = _by_title(ask)
        if field_ == "date?":
            # "… ban hành khi nào?" may ask when a task (issue a plan, a report) is due
            from knowledge.answer.kinds.taskfact import task_fact

            tasks = good_hits(ask, topic(ask.question), kinds=("task", "passage"))
            if tasks and (doc is None or tasks[0].coverage > cover + 0.05):
                ask.reading = Reading(Intent.DEADLINE)
                return task_fact(ask)
    if doc is None:
        doc = plan_in_context(ask)
    if doc is None:
        return which_plan(ask) if not ask.scope.named else nothing_found(Intent.DOC_META)
    answer = Answer(text=_fact(doc, field_), citations=[_cite(doc)], intent=Intent.DOC_META)
    answer.context = {"doc_id": doc.id}
    return answer


def _by_title(ask: Ask) -> tuple[Document | None, float]:
    """The plan whose title block the question repeats, when it covers the question well."""
    hits = ask.searcher.search(topic(ask.question), k=8, kinds=("doc",), document_ids=ask.doc_ids)
    top = max((h.score for h in hits), default=1.0) or 1.0
    hits = sorted(
        (h for h in hits if h.coverage >= 0.5),
        key=lambda h: -(h.coverage + RANK_WEIGHT * h.score / top),
    )
    if not hits:
        return None, 0.0
    return ask.session.get(Document, hits[0].record.document_id), hits[0].coverage


def _fact(doc: Document, field_: str) -> str:
    title = label_of(doc)
    if field_ == "number":
        number = doc.number or ""
        if number and any(ch.isdigit() for ch in number.split("/")[0]):
            return texts.ANS_DOC_NUMBER.format(title=title, number=number)
        return texts.ANS_DOC_NUMBER_NONE.format(title=title)
    if field_ == "signer":
        if doc.signer:
            return texts.ANS_DOC_SIGNER.format(title=title, signer=doc.signer)
        return texts.ANS_DOC_SIGNER_NONE.format(title=title)
    if field_ in ("date", "date?"):
        if doc.issued_date:
            return texts.ANS_DOC_ISSUED.format(title=title, date=texts.fmt_date(doc.issued_date))
        return texts.ANS_DOC_ISSUED_NONE.format(title=title)
    return texts.ANS_DOC_ISSUER.format(title=title, issuer=doc.issuer or "—")
