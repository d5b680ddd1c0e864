"""Answer a question: structural questions from the database, the rest from search.

A question is read by rules (``intents``); units resolve through aliases
(``unitmatch``), time windows relative to ``now`` (``windows``). Whatever the
path, every fact shown carries its source, and a question the documents do not
answer gets a plain "not found" with no citation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import texts
from knowledge.answer import queries
from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import excerpt, nothing_found, render, shorten
from knowledge.answer.docscope import DocScope, find_scope
from knowledge.answer.intents import Reading, read_question, topic
from knowledge.answer.queries import doc_by_number, labelled_near, load_tasks
from knowledge.answer.unitmatch import UnitMatch, find_units
from knowledge.answer.windows import Window, parse_window
from knowledge.limits import Limits
from knowledge.retrieval.analyzer import abbreviation_map, syllables
from knowledge.retrieval.index import Hit, content_syllables
from knowledge.retrieval.records import task_locator
from knowledge.retrieval.search import Searcher
from knowledge.text import nfc
from storage import repositories as repo
from storage.db import Database
from storage.models import Document, TaskRow, Unit
from storage.settings import Settings

# Share of the question's (IDF-weighted) content words a hit must hold to count as
# an answer; measured on tests/qa (see bench/bench_ask.py): unanswerable questions
# top out well below, answerable ones sit above.
MIN_COVERAGE = 0.65
# A second document's hit is shown beside the first when it scores this close.
SIBLING_RATIO = 0.75
LIST_LIMIT = 8
MAX_CITED = 40  # tasks cited under a list answer
DEEP_K = 80  # passages of one document searched for the evidence a "who" answer needs
# Re-ranking of answering hits: coverage first, the fused search score second.
RANK_WEIGHT = 0.25
TASK_MARGIN = 0.15  # a task answers "who/when" unless a passage covers the question much better
YEAR_BONUS = 0.1  # a target whose horizon is the year the question names
# A parsed target (a measurable aim with its figure) answers "bao nhiêu …" before a task
# that merely mentions the topic; measured on tests/qa heldout ("bao nhiêu sáng kiến").
TARGET_KIND_BONUS = 0.25
EVIDENCE_BONUS = 0.05  # a record that holds what the question asks for ("chủ trì", a date)
_EVIDENCE = {
    "who": re.compile(r"chủ trì|phụ trách|thực hiện:", re.I),
    "deadline": re.compile(r"thời (?:gian|hạn)|hoàn thành|\d{1,2}/\d{4}|quý|tháng", re.I),
}
_YEAR = re.compile(r"\b(20\d\d)\b")
# "… tên là gì?": the answer is the passage that gives the thing's name, usually as a
# short name in brackets ("Hệ thống thông tin giải quyết TTHC của tỉnh (iGate)").
_ASKS_NAME = re.compile(r"\bten (?:la gi|gi|goi|goi la gi|la)\b")
_NAMED = re.compile(r"\([A-Za-zĐđ][\w\-. ]{1,24}\)")
DONE_STATUSES = ("done", "completed")

_searchers: dict[tuple[str, ...], Searcher] = {}
_lock = threading.Lock()


def get_searcher(db: Database, settings: Settings) -> Searcher:
    """One searcher per database and data dir, shared by every engine in the process."""
    key = (
        db.url,
        str(settings.data_dir.resolve()),
        settings.retrieval_mode,
        settings.embedding_backend,
        settings.chroma_host or "",
    )
    with _lock:
        searcher = _searchers.get(key)
        if searcher is None:
            searcher = Searcher(db, settings)
            _searchers[key] = searcher
        return searcher


LIST_INTENTS = ("unit_tasks", "count", "overdue", "due_window")
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi"})


def _unit_focused(question: str, match: UnitMatch) -> bool:
    """Besides naming a unit (and maybe a period), the question says little more."""
    named = {s for phrase in match.mentioned for s in phrase.split()}
    abbr = abbreviation_map()
    named |= {s for s in syllables(question) if s in abbr or s.replace("&", "") in abbr}
    extra = [
        s
        for s in content_syllables(question)
        if s not in named and s not in _ROMAN and not s.isdigit()
    ]
    return len(extra) <= 2


def _resolve_choice(question: str, context: dict[str, Any]) -> str:
    """A chosen option ("Phòng Kế hoạch - Tài chính") re-asks the question it clarifies."""
    from knowledge.text import fold

    pending, options = context.get("pending"), context.get("options") or []
    chosen = fold(question).strip(" .?")
    if pending and any(fold(str(o)) == chosen for o in options):
        return f"{pending} ({question.strip()})"
    return question


def _within_reach(session: Session, units: list[Unit], reach: list[int]) -> list[Unit] | None:
    """The units a list may cover for an asker with this reach; None: outside it.

    No unit named ("what is due this quarter"): the asker's own units. Named units
    must each lie within the reach (a unit or one of its sub-units).
    """
    allowed = set(repo.with_subunits(session, reach))
    if not units:
        own = [session.get(Unit, unit_id) for unit_id in reach]
        found = [u for u in own if u is not None]
        return found or None
    return units if all(u.id in allowed for u in units) else None


def _today(now: datetime | None, settings: Settings) -> date:
    if now is None:
        return datetime.now(ZoneInfo(settings.planbot_timezone)).date()
    if now.tzinfo is not None:
        return now.astimezone(ZoneInfo(settings.planbot_timezone)).date()
    return now.date()


def _cite_task(task: TaskRow) -> AnswerCitation:
    return AnswerCitation(task.document.source_name, task_locator(task), shorten(task.title, 160))


def _cite_hit(hit: Hit) -> AnswerCitation:
    return AnswerCitation(hit.record.source, hit.record.locator, shorten(hit.record.display, 200))


def _units_of(task: TaskRow, role: str) -> list[str]:
    return [link.unit.name for link in task.units if link.role == role]


def _due_text(task: TaskRow, window: Window | None = None) -> str:
    """The task's due date: the one inside the asked window when it has several."""
    if window is not None:
        inside = [d.due_date for d in task.deadlines if window.start <= d.due_date <= window.end]
        if inside:
            return texts.ANS_TASK_DUE.format(due=texts.fmt_date(min(inside)))
    if task.due_date is not None:
        return texts.ANS_TASK_DUE.format(due=texts.fmt_date(task.due_date))
    if task.deadline_text:
        return texts.ANS_TASK_DEADLINE_RAW.format(text=shorten(task.deadline_text, 60))
    return ""


def _too_long(question: str, settings: Settings) -> Answer | None:
    """A question past the length limit is refused before any pattern reads it."""
    limit = Limits.from_settings(settings).max_question_chars
    if len(question) <= limit:
        return None
    return Answer(
        text=texts.ANS_QUESTION_TOO_LONG.format(count=len(question), limit=limit),
        intent="too_long",
    )


class Engine:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.searcher = get_searcher(db, settings)

    # --- entry point ---------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        now: datetime | None = None,
        context: dict[str, Any] | None = None,
        unit_hint: str | None = None,
        reach: list[int] | None = None,
    ) -> Answer:
        question = nfc(question or "").strip()
        if not question:
            return nothing_found()
        too_long = _too_long(question, self.settings)
        if too_long is not None:
            return too_long
        today = _today(now, self.settings)
        context = context or {}
        question = _resolve_choice(question, context)
        with self.db.session() as session:
            if session.scalar(select(func.count()).select_from(Document)) == 0:
                return Answer(text=texts.ANS_NO_DOCUMENTS, intent="none")
            scope = find_scope(session, question)
            # The words naming the plan ("kế hoạch CCHC của Văn phòng UBND tỉnh") name
            # no unit and ask nothing: units and intent are read from the rest.
            asked = scope.strip(question) if scope.named else question
            match = find_units(session, asked)
            window = parse_window(question, today)
            focused = _unit_focused(asked, match)
            has_unit = bool(match.units or match.options)
            reading = read_question(
                asked, has_unit=has_unit, has_window=bool(window), unit_focused=focused
            )
            if match.partial and reading.intent not in LIST_INTENTS:
                match = UnitMatch()  # a name's beginning only counts in a unit question
                reading = read_question(asked, has_unit=False, has_window=bool(window))
            if scope.empty:
                return nothing_found(reading.intent)
            if match.options:
                answer = self._unit_options(match, question)
                answer.context["intent"] = "clarify"
                return answer
            units = match.units
            if reading.mine and not units and unit_hint:
                units = repo.resolve_units(session, unit_hint)[:1]
            reading, units, window = self._follow_up(session, reading, units, window, context)
            if reach is not None and reading.intent in LIST_INTENTS:
                allowed = _within_reach(session, units, reach)
                if allowed is None:
                    return Answer(text=texts.ANS_OUT_OF_REACH, intent="out_of_reach")
                units = allowed
            answer = self._dispatch(
                session, question, reading, units, window, today, context, scope
            )
        answer.context = self._context_for(answer, reading, units, window, question)
        return answer

    # --- follow-ups --------------------------------------------------------------------

    def _follow_up(
        self,
        session: Session,
        reading: Reading,
        units: list[Unit],
        window: Window | None,
        context: dict[str, Any],
    ) -> tuple[Reading, list[Unit], Window | None]:
        prev = context.get("intent")
        if not prev or not (reading.follow_up or reading.intent == "search"):
            return reading, units, window
        if prev in LIST_INTENTS and (units or window):
            if not units and context.get("unit_ids"):
                units = [u for u in (session.get(Unit, i) for i in context["unit_ids"]) if u]
            if window is None and context.get("window") and prev != "overdue":
                start, end, label = context["window"]
                window = Window(date.fromisoformat(start), date.fromisoformat(end), label)
            intent = prev if prev != "due_window" or not units else "unit_tasks"
            return Reading(intent, follow_up=True), units, window
        return reading, units, window

    def _context_for(
        self,
        answer: Answer,
        reading: Reading,
        units: list[Unit],
        window: Window | None,
        question: str,
    ) -> dict[str, Any]:
        ctx: dict[str, Any] = {"intent": answer.intent, "question": question}
        if units:
            ctx["unit_ids"] = [u.id for u in units]
        if window is not None:
            ctx["window"] = [window.start.isoformat(), window.end.isoformat(), window.label]
        ctx.update(answer.context)
        return ctx

    # --- dispatch ------------------------------------------------------------------------

    def _dispatch(
        self,
        session: Session,
        question: str,
        reading: Reading,
        units: list[Unit],
        window: Window | None,
        today: date,
        context: dict[str, Any],
        scope: DocScope | None = None,
    ) -> Answer:
        intent = reading.intent
        scope = scope or DocScope()
        doc_ids = scope.document_ids or None
        asked = question
        if doc_ids:
            # Search on what is asked about the plan, unless only "who/when" is left.
            rest = scope.strip(question)
            if len(content_syllables(topic(rest))) >= 2:
                asked = rest
        if intent in ("unit_tasks", "count", "overdue", "due_window"):
            return self._task_list(session, question, reading, units, window, today, doc_ids)
        if intent in ("who", "deadline"):
            return self._task_fact(session, asked, reading, units, context, doc_ids)
        if intent == "target":
            return self._targets(asked, doc_ids)
        if intent == "doc_meta":
            return self._doc_meta(session, question, reading, doc_ids)
        return self._search(asked, doc_ids=doc_ids)

    def _unit_options(self, match: UnitMatch, question: str) -> Answer:
        names = [u.name for u in match.options]
        lines = [texts.ANS_UNIT_OPTIONS.format(name=match.mention)]
        lines += [f"{i}. {n}" for i, n in enumerate(names, 1)]
        answer = Answer(text="\n".join(lines), intent="clarify", options=names)
        answer.context = {"pending": question, "options": names}
        return answer

    # --- task lists: a unit's tasks, a window, overdue, counts ------------------------

    def _task_list(
        self,
        session: Session,
        question: str,
        reading: Reading,
        units: list[Unit],
        window: Window | None,
        today: date,
        doc_ids: list[int] | None = None,
    ) -> Answer:
        from knowledge.text import fold

        q = fold(question)
        role = "coordinate" if "phoi hop" in q and "chu tri" not in q else "lead"
        # An office's tasks include those of its own phòng and trung tâm.
        unit_ids = repo.with_subunits(session, [u.id for u in units]) if units else None
        due_from = window.start if window else None
        due_to = window.end if window else None
        if reading.intent == "overdue":
            due_from, due_to = None, date.fromordinal(today.toordinal() - 1)
        doc = doc_by_number(session, question)  # "… trong Kế hoạch 02/KH-BCĐ"
        if doc is not None:
            doc_ids = [doc.id]
        rows = queries.task_rows(session, unit_ids, role, due_from, due_to, doc_ids)
        if reading.intent == "overdue" or " chua hoan thanh" in f" {q}":
            rows = [r for r in rows if r.status not in DONE_STATUSES]
        elif " da hoan thanh" in f" {q}":
            rows = [r for r in rows if r.status in DONE_STATUSES]
        duty_rows = [r for r in rows if r.kind == "duty"]
        task_rows = [r for r in rows if r.kind != "duty"]
        if reading.intent == "overdue":
            duty_rows = []  # ongoing duties are never overdue
        if not task_rows and duty_rows:  # a unit with ongoing duties only: those are its tasks
            task_rows, duty_rows = duty_rows, []
        whole_plan = doc_ids is not None and reading.intent == "count"
        if unit_ids is None and window is None and reading.intent != "overdue" and not whole_plan:
            return self._search(question, doc_ids=doc_ids)
        scope = ""
        if reading.intent == "overdue":
            scope = texts.ANS_SCOPE_OVERDUE.format(today=texts.fmt_date(today))
        elif window is not None:
            scope = texts.ANS_SCOPE_WINDOW.format(
                label=window.label,
                start=texts.fmt_date(window.start),
                end=texts.fmt_date(window.end),
            )
        if role == "coordinate":
            scope = texts.ANS_SCOPE_COORD + scope
        unit_name = ", ".join(u.name for u in units)
        if not task_rows:
            return Answer(
                text=self._no_tasks(session, unit_name, scope, doc_ids), intent=reading.intent
            )
        lead = (
            texts.ANS_TASKS_FOUND.format(unit=unit_name, count=len(task_rows), scope=scope)
            if units
            else texts.ANS_TASKS_ALL_FOUND.format(count=len(task_rows), scope=scope)
        )
        if duty_rows:
            lead += texts.ANS_DUTIES.format(count=len(duty_rows))
        names = dict(session.execute(select(Document.id, Document.source_name)).tuples().all())
        per_doc: dict[str, int] = {}
        for r in task_rows:
            per_doc[names[r.document_id]] = per_doc.get(names[r.document_id], 0) + 1
        if len(per_doc) > 1:
            parts = ", ".join(f"{src}: {n}" for src, n in per_doc.items())
            lead += " " + texts.ANS_TASKS_BY_DOC.format(parts=parts)
        tasks = load_tasks(session, [r.id for r in task_rows[:MAX_CITED]])
        details = [
            texts.ANS_TASK_ITEM.format(title=shorten(t.title, 140), due=_due_text(t, window))
            for t in tasks[:LIST_LIMIT]
        ]
        citations = [_cite_task(t) for t in tasks]
        more = max(0, len(task_rows) - LIST_LIMIT)
        answer = Answer(
            text=render(lead, details, citations, more=more),
            citations=citations,
            intent=reading.intent,
        )
        answer.context = {"task_ids": [r.id for r in task_rows[:50]]}
        return answer

    def _no_tasks(
        self, session: Session, unit_name: str, scope: str, doc_ids: list[int] | None
    ) -> str:
        if not doc_ids:
            if unit_name:
                return texts.ANS_TASKS_NONE.format(unit=unit_name, scope=scope)
            return texts.ANS_TASKS_ALL_NONE.format(scope=scope)
        docs = [d for d in (session.get(Document, i) for i in doc_ids[:3]) if d is not None]
        names = ", ".join(
            texts.doc_label(d.doc_type, shorten(d.title or d.source_name, 100)).lower()[:1]
            + texts.doc_label(d.doc_type, shorten(d.title or d.source_name, 100))[1:]
            for d in docs
        )
        if unit_name:
            return texts.ANS_TASKS_NONE_IN_DOCS.format(unit=unit_name, scope=scope, docs=names)
        return texts.ANS_TASKS_ALL_NONE_IN_DOCS.format(scope=scope, docs=names)

    # --- one task: who leads / coordinates, its deadline ---------------------------------

    def _task_fact(
        self,
        session: Session,
        question: str,
        reading: Reading,
        units: list[Unit],
        context: dict[str, Any],
        doc_ids: list[int] | None = None,
    ) -> Answer:
        hits = self._good_hits(
            topic(question),
            kinds=("task", "passage", "target"),
            prefer=_EVIDENCE.get(reading.intent),
            doc_ids=doc_ids,
        )
        task_hits = [h for h in hits if h.record.kind == "task"]
        if hits and (not task_hits or task_hits[0].coverage < hits[0].coverage - TASK_MARGIN):
            hits = self._with_evidence(topic(question), hits, _EVIDENCE.get(reading.intent))
            return self._passage_answer(session, hits, reading.intent, question)
        if not task_hits and reading.follow_up and context.get("task_id"):
            task = session.get(TaskRow, context["task_id"])
            tasks = [task] if task is not None else []
        else:
            tasks = load_tasks(session, [h.record.ref_id for h in task_hits])
        if not tasks:
            return self._search(question, intent=reading.intent, doc_ids=doc_ids)
        main = tasks[0]
        lead, details = self._describe_task(main, reading)
        citations = [_cite_task(main)]
        cover = {h.record.ref_id: h.coverage for h in task_hits}
        best = cover.get(main.id, 0.0)
        others = [
            t
            for t in tasks[1:3]
            if t.document_id != main.document_id
            and cover.get(t.id, 0.0) >= best * SIBLING_RATIO
            and cover.get(t.id, 0.0) >= MIN_COVERAGE + 0.15
        ]
        if others:
            details.append(texts.ANS_ALSO_IN)
            for t in others:
                extra, _ = self._describe_task(t, reading)
                details.append(f"{t.document.source_name}: {extra}")
                citations.append(_cite_task(t))
        answer = Answer(
            text=render(lead, details, citations), citations=citations, intent=reading.intent
        )
        answer.context = {"task_id": main.id}
        return answer

    def _with_evidence(
        self, query: str, hits: list[Hit], evidence: re.Pattern[str] | None
    ) -> list[Hit]:
        """Put first a passage of the best document that says what is asked ("… chủ trì").

        A question repeating a document's title matches every passage of it about
        equally (the title is their context); the short heading wins the keyword
        ranking though it names no one. Look deeper in that document for a passage
        that covers the question as well and holds the evidence.
        """
        if evidence is None or evidence.search(hits[0].record.text):
            return hits
        deeper = self.searcher.search(
            query, k=DEEP_K, kinds=("passage",), document_ids=[hits[0].record.document_id]
        )
        for h in deeper:
            if h.coverage >= MIN_COVERAGE and evidence.search(h.record.text):
                return [h] + [x for x in hits if x.record.key != h.record.key]
        return hits

    def _describe_task(self, task: TaskRow, reading: Reading) -> tuple[str, list[str]]:
        title = shorten(task.title, 160)
        leads = _units_of(task, "lead") or ([task.raw_lead] if task.raw_lead else [])
        coords = _units_of(task, "coordinate") or (
            [task.raw_coordinating] if task.raw_coordinating else []
        )
        details: list[str] = []
        if reading.intent == "deadline":
            if task.deadline_text or task.due_date:
                lead = texts.ANS_DEADLINE.format(
                    title=title, text=task.deadline_text or texts.fmt_date(task.due_date)
                )
                if task.due_date is not None:
                    lead += texts.ANS_DEADLINE_DATE.format(due=texts.fmt_date(task.due_date))
            else:
                lead = texts.ANS_DEADLINE_NONE.format(title=title)
            if leads:
                details.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
        else:
            if reading.role == "supervisor" and task.supervisor:
                lead = texts.ANS_WHO_SUPERVISOR.format(name=shorten(task.supervisor, 200))
            elif reading.role == "coordinate":
                lead = (
                    texts.ANS_WHO_COORD_ONLY.format(title=title, units="; ".join(coords))
                    if coords
                    else texts.ANS_WHO_NO_COORD.format(title=title, units="; ".join(leads) or "—")
                )
            elif leads:
                lead = texts.ANS_WHO_LEADS.format(title=title, units="; ".join(leads))
                if coords:
                    details.append(texts.ANS_WHO_COORD.format(units="; ".join(coords)))
            else:
                lead = texts.ANS_WHO_UNKNOWN.format(title=title)
            if task.deadline_text:
                details.append(texts.ANS_DETAIL_DEADLINE.format(text=task.deadline_text))
        if task.product:
            details.append(texts.ANS_DETAIL_PRODUCT.format(text=shorten(task.product, 120)))
        return lead, details

    # --- targets ------------------------------------------------------------------------

    def _targets(self, question: str, doc_ids: list[int] | None = None) -> Answer:
        m = _YEAR.search(question)
        year = int(m.group(1)) if m else None
        hits = self._good_hits(
            question,
            kinds=("target", "passage", "task"),
            year=year,
            doc_ids=doc_ids,
            kind_bonus={"target": TARGET_KIND_BONUS},
        )
        if not hits:
            return nothing_found("target")
        chosen = self._per_document(hits, limit=4)
        if len(chosen) == 1:
            lead = texts.ANS_TARGET_ONE.format(
                text=excerpt(chosen[0].record.display, question, 300)
            )
            details: list[str] = []
        else:
            lead = texts.ANS_TARGET_MANY.format(count=len(chosen))
            details = [
                texts.ANS_TARGET_ITEM.format(
                    source=h.record.source, text=excerpt(h.record.display, question, 220)
                )
                for h in chosen
            ]
        citations = [_cite_hit(h) for h in chosen]
        return Answer(text=render(lead, details, citations), citations=citations, intent="target")

    def _per_document(self, hits: list[Hit], limit: int) -> list[Hit]:
        """The best hit of each document scoring close to the best one overall."""
        best = hits[0]
        chosen: list[Hit] = [best]
        seen = {best.record.document_id}
        for h in hits[1:]:
            if len(chosen) >= limit:
                break
            if h.record.document_id in seen:
                continue
            if h.coverage >= best.coverage * SIBLING_RATIO and h.coverage >= MIN_COVERAGE + 0.15:
                chosen.append(h)
                seen.add(h.record.document_id)
        return chosen

    # --- document metadata --------------------------------------------------------------

    def _doc_meta(
        self, session: Session, question: str, reading: Reading, doc_ids: list[int] | None = None
    ) -> Answer:
        docs = list(session.scalars(select(Document).order_by(Document.id)))
        if reading.doc_field == "list":
            lines = [f"{d.source_name}: {shorten(d.title, 120)}" for d in docs]
            cites = [AnswerCitation(d.source_name, "", shorten(d.title, 160)) for d in docs]
            lead = texts.ANS_DOC_DOCS.format(count=len(docs))
            return Answer(text=render(lead, lines, cites), citations=cites, intent="doc_meta")
        doc = doc_by_number(session, question)
        hits = self.searcher.search(topic(question), k=8, kinds=("doc",), document_ids=doc_ids)
        top = max((h.score for h in hits), default=1.0) or 1.0
        hits = sorted(
            (h for h in hits if h.coverage >= 0.5),
            key=lambda h: -(h.coverage + RANK_WEIGHT * h.score / top),
        )
        if reading.doc_field == "date?" and doc is None:
            # "… ban hành khi nào?" may ask a task's deadline rather than a document's date
            tasks = self._good_hits(topic(question), kinds=("task", "passage"))
            if tasks and (not hits or tasks[0].coverage > hits[0].coverage + 0.05):
                return self._task_fact(session, question, Reading("deadline"), [], {})
        if doc is None and hits:
            doc = session.get(Document, hits[0].record.document_id)
        if doc is None and doc_ids:
            doc = session.get(Document, doc_ids[0])
        if doc is None:
            return nothing_found("doc_meta")
        title = texts.doc_label(doc.doc_type, shorten(doc.title or doc.source_name, 140))
        field_ = reading.doc_field
        if field_ == "number":
            number = doc.number or ""
            has = bool(number) and any(ch.isdigit() for ch in number.split("/")[0])
            lead = (
                texts.ANS_DOC_NUMBER.format(title=title, number=number)
                if has
                else texts.ANS_DOC_NUMBER_NONE.format(title=title)
            )
        elif field_ == "signer":
            lead = (
                texts.ANS_DOC_SIGNER.format(title=title, signer=doc.signer)
                if doc.signer
                else texts.ANS_DOC_SIGNER_NONE.format(title=title)
            )
        elif field_ in ("date", "date?"):
            lead = (
                texts.ANS_DOC_ISSUED.format(title=title, date=texts.fmt_date(doc.issued_date))
                if doc.issued_date
                else texts.ANS_DOC_ISSUED_NONE.format(title=title)
            )
        else:
            lead = texts.ANS_DOC_ISSUER.format(title=title, issuer=doc.issuer or "—")
        cites = [AnswerCitation(doc.source_name, "", shorten(doc.title, 160))]
        return Answer(text=render(lead, [], cites), citations=cites, intent="doc_meta")

    # --- free text ----------------------------------------------------------------------

    def _search(
        self, question: str, intent: str = "search", doc_ids: list[int] | None = None
    ) -> Answer:
        from knowledge.text import fold

        prefer = _NAMED if _ASKS_NAME.search(fold(question)) else None
        hits = self._good_hits(question, doc_ids=doc_ids, prefer=prefer)
        if not hits:
            return nothing_found(intent)
        with self.db.session() as session:
            return self._passage_answer(session, hits, intent, question)

    def _task_details(self, session: Session, task_id: int) -> list[str]:
        tasks = load_tasks(session, [task_id])
        if not tasks:
            return []
        t = tasks[0]
        out = []
        leads = _units_of(t, "lead") or ([t.raw_lead] if t.raw_lead else [])
        if leads:
            out.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
        if t.deadline_text:
            out.append(texts.ANS_DETAIL_DEADLINE.format(text=t.deadline_text))
        return out

    def _passage_answer(
        self, session: Session, hits: list[Hit], intent: str, question: str = ""
    ) -> Answer:
        chosen = self._per_document(hits, limit=3)
        first = chosen[0]
        lead = texts.ANS_PASSAGE.format(
            source=first.record.source, text=excerpt(first.record.display, question, 400)
        )
        details: list[str] = []
        if first.record.kind == "passage":
            details += [shorten(t, 200) for t in labelled_near(session, first.record.ref_id)]
        elif first.record.kind == "task":
            details += self._task_details(session, first.record.ref_id)
        details += [
            texts.ANS_TARGET_ITEM.format(
                source=h.record.source, text=excerpt(h.record.display, question, 200)
            )
            for h in chosen[1:]
        ]
        citations = [_cite_hit(h) for h in chosen]
        return Answer(text=render(lead, details, citations), citations=citations, intent=intent)

    def _good_hits(
        self,
        question: str,
        kinds: Sequence[str] | None = None,
        year: int | None = None,
        prefer: re.Pattern[str] | None = None,
        doc_ids: list[int] | None = None,
        kind_bonus: dict[str, float] | None = None,
    ) -> list[Hit]:
        """Hits that answer: enough of the question covered, best covered first."""
        hits = self.searcher.search(question, k=12, kinds=kinds, document_ids=doc_ids)
        hits = [h for h in hits if h.coverage >= MIN_COVERAGE]
        if not hits:
            return []
        top = max(h.score for h in hits) or 1.0

        def key(h: Hit) -> float:
            bonus = YEAR_BONUS if year is not None and h.record.year == year else 0.0
            if prefer is not None and prefer.search(h.record.text):
                bonus += EVIDENCE_BONUS
            if kind_bonus:
                bonus += kind_bonus.get(h.record.kind, 0.0)
            return h.coverage + RANK_WEIGHT * h.score / top + bonus

        return sorted(hits, key=key, reverse=True)
