"""Plans as people name them, and which plan a whole-plan question is about.

"Kế hoạch này có bao nhiêu nhiệm vụ?" is answered for the plan in context: the
one the question names, else the chat's last plan, else the only plan loaded.
Otherwise the reply lists the plans briefly and asks which one.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import texts
from knowledge.answer.api import Answer
from knowledge.answer.compose import shorten
from knowledge.answer.context import Ask
from knowledge.answer.docscope import DocScope
from knowledge.answer.intents import Intent
from knowledge.answer.unitmatch import UnitMatch
from knowledge.retrieval.analyzer import syllables
from storage.models import Document, Unit

SHORT_TITLE = 80
MAX_CHOICES = 8
TITLE_COVERAGE = 0.5  # share of the question's words a plan's title block must hold
TITLE_MARGIN = 0.1  # … and by this much more than the next plan's


# Kinds a title may open with when the document's type was not read.
_KINDS = (
    "Kế hoạch",
    "Quyết định",
    "Chỉ thị",
    "Thông báo",
    "Nghị quyết",
    "Công điện",
    "Chương trình",
)


def _kind(doc: Document) -> str:
    if doc.doc_type:
        return doc.doc_type
    title = (doc.title or "").lower()
    return next((k for k in _KINDS if title.startswith(k.lower())), "")


def label_of(doc: Document) -> str:
    title = shorten(_short_title(doc), SHORT_TITLE)
    return texts.plan_label(_kind(doc) or None, doc.number, title)


def _short_title(doc: Document) -> str:
    """The title without its leading kind word ("Kế hoạch Cải cách …" -> "Cải cách …")."""
    title = " ".join((doc.title or "").split())
    kind = _kind(doc)
    if kind and title.lower().startswith(kind.lower()):
        title = title[len(kind) :].lstrip(" :-–")
    return title[:1].upper() + title[1:] if title else ""


def plan_labels(session: Session) -> dict[int, str]:
    return {d.id: label_of(d) for d in session.scalars(select(Document))}


def plan_in_context(ask: Ask) -> Document | None:
    """The one plan the question is about, or None when it is not clear which."""
    ids = ask.scope.document_ids
    if ask.scope.unknown_name and not ask.scope.by_plan:
        return None  # "kế hoạch du lịch biển Nghệ An": the place fits, the name none
    if len(ids) == 1:
        return ask.session.get(Document, ids[0])
    dated = _by_year(ask, ids)
    if dated is not None:
        return dated
    titled = _by_title(ask, ids or None)
    if titled is not None or ids:
        return titled
    last = ask.chat.get("doc_id")
    if isinstance(last, int) and (doc := ask.session.get(Document, last)) is not None:
        return doc
    docs = list(ask.session.scalars(select(Document).limit(2)))
    return docs[0] if len(docs) == 1 else None


_YEAR = re.compile(r"\b(20\d\d)\b")


def _years(doc: Document) -> set[int]:
    """The years a plan is for: its title's, and its horizon."""
    years = {int(y) for y in _YEAR.findall(doc.title or "")}
    start, end = doc.plan_year, doc.period_end_year or doc.plan_year
    if start and end:
        years |= set(range(start, end + 1))
    return years


def _by_year(ask: Ask, ids: list[int]) -> Document | None:
    """Of the plans a place fits, the only one for the year the question names."""
    asked = {int(y) for y in _YEAR.findall(ask.question)}
    if not asked or len(ids) < 2:
        return None
    docs = [d for d in (ask.session.get(Document, i) for i in ids) if d is not None]
    fits = [d for d in docs if asked <= _years(d)]
    # A plan for that very year before a programme whose horizon spans it.
    own = [d for d in fits if d.plan_year in asked and not d.period_end_year]
    for group in (own, fits):
        if len(group) == 1:
            return group[0]
    return None


def _by_title(ask: Ask, ids: list[int] | None) -> Document | None:
    """The plan whose title the question echoes clearly better than any other's."""
    from knowledge.answer.intents import topic
    from knowledge.retrieval.index import content_syllables

    if len(content_syllables(topic(ask.asked or ask.question))) < 2:
        return None
    hits = ask.searcher.search(ask.asked or ask.question, k=5, kinds=("doc",), document_ids=ids)
    hits.sort(key=lambda h: -h.coverage)
    if not hits or hits[0].coverage < TITLE_COVERAGE:
        return None
    if len(hits) > 1 and hits[1].coverage > hits[0].coverage - TITLE_MARGIN:
        return None
    return ask.session.get(Document, hits[0].record.document_id)


def which_plan(ask: Ask) -> Answer:
    """List the plans (those the question fits, else all) and ask which one is meant."""
    stmt = select(Document).order_by(Document.id)
    if ask.scope.document_ids:
        stmt = stmt.where(Document.id.in_(ask.scope.document_ids))
    docs = list(ask.session.scalars(stmt))
    names = [label_of(d) for d in docs]
    answer = Answer(
        text=texts.ANS_PLAN_WHICH.format(count=len(docs)),
        details=[f"{i}. {n}" for i, n in enumerate(names[:MAX_CHOICES], 1)],
        intent=Intent.CLARIFY,
        options=names[:MAX_CHOICES],
    )
    answer.more = max(0, len(names) - MAX_CHOICES)
    answer.context = {"pending": ask.question, "options": names[:MAX_CHOICES]}
    return answer


def _long(text: str) -> str:
    """Folded syllables with abbreviations written out, padded: " bo tai chinh "."""
    from knowledge.retrieval.analyzer import abbreviation_map

    abbr = abbreviation_map()
    return " " + " ".join(abbr.get(w, w) for w in syllables(text)) + " "


def issued_by(session: Session, units: list[Unit], scope: DocScope) -> int | None:
    """The one plan (of those the question fits) that the unit it names issued."""
    if len(units) != 1:
        return None
    name = _long(units[0].name)
    issued = [i for i, issuer in _issuers(session, scope) if name in _long(issuer)]
    return issued[0] if len(issued) == 1 else None


def _issuers(session: Session, scope: DocScope) -> list[tuple[int, str]]:
    """(id, issuer) of the plans the question fits that name their issuer."""
    stmt = select(Document.id, Document.issuer).where(Document.issuer.is_not(None))
    if scope.document_ids:
        stmt = stmt.where(Document.id.in_(scope.document_ids))
    return [(i, issuer) for i, issuer in session.execute(stmt) if issuer]


def issued_by_a_peer(session: Session, units: list[Unit], scope: DocScope) -> bool:
    """ "Lịch … năm 2026 của Bộ Tài chính" when the plan of that title is the Bộ Nội vụ's:
    the owner named issued none of the plans the question fits, and a body of the same kind
    ("Bộ" and "Bộ") issued them, so another body's plan is not the one asked for. A unit of
    another kind ("Sở Nội vụ" for the UBND's plan it drafted) says nothing against it."""
    if len(units) != 1:
        return False
    issuers = [_long(issuer) for _, issuer in _issuers(session, scope)]
    name = _long(units[0].name)
    if not issuers or any(name in i or i.strip() in name for i in issuers):
        return False
    kind = name.split()[:1]
    return any(i.split()[:1] == kind for i in issuers)


def names_a_plan(session: Session, match: UnitMatch) -> bool:
    """A name's beginning (not a whole unit name) that runs on as a loaded plan's title or
    issuer: "BCĐ CCHC Nghệ An 2024" is "… của Ban Chỉ đạo cải cách hành chính …"."""
    if not match.partial:
        return False
    words = f" {match.mention} "
    names = session.execute(select(Document.title, Document.issuer)).all()
    return any(words in " " + " ".join(syllables(f"{t} {i}")) + " " for t, i in names)
