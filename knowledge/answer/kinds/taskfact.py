"""One task's fact, the asked field first: who leads or coordinates, when, its product."""

from __future__ import annotations

import re
from datetime import date

from knowledge import texts
from knowledge.answer.api import Answer
from knowledge.answer.cadence import asked_clause, next_due
from knowledge.answer.compose import nothing_found, shorten
from knowledge.answer.context import Ask
from knowledge.answer.hits import (
    EVIDENCE_BONUS,
    MIN_COVERAGE,
    SIBLING_FLOOR,
    SIBLING_RATIO,
    cite_task,
    good_hits,
    passage_answer,
    search_answer,
)
from knowledge.answer.intents import Intent, topic
from knowledge.answer.queries import continued, labelled_near, load_tasks, units_of
from knowledge.answer.unitmatch import expanded_forms, quotes_coordination
from knowledge.retrieval.analyzer import syllables
from knowledge.retrieval.index import Hit, content_syllables
from storage.models import TaskRow

DEEP_K = 80  # passages of one document searched for the evidence a "who" answer needs
DATE_BONUS = 0.12  # "khi nào": of records covering the question alike, the dated one
TASK_MARGIN = 0.12  # a task answers unless a passage covers the question much better
# A date, month, quarter or year a deadline can be read from.
_DATED = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|tháng \d|quý|năm 20\d\d|hằng|thường xuyên"
    # A table's time column gives a span of years: "2026 - 2035".
    r"|(?<![\d/])20\d\d\s?[-–]\s?20\d\d(?![\d/])",
    re.I,
)
# "Nghị định số 60/2021/NĐ-CP ngày 21/6/2021": the date of a cited document, no deadline.
_REFERENCE_DATE = re.compile(
    # A number's run is tried once from its start (no quadratic rescans of long digit runs).
    # "15/2021/QĐ-UBND", "32/CT-TTg", "321-KH/TU" and the date that follows the number
    r"(?<!\d)\d++[/\-][\w/\-]++\s++ngày\s++\d{1,2}"
    r"(?:[/-]\d{1,2}[/-]\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    re.I,
)


# How fine a date the question asks for: "ngày nào" a day, "tháng mấy" at least a month,
# "quý mấy" at least a quarter. A passage that says only "năm 2026" answers none of them.
# A yearly day ("hằng năm, trước ngày 15 tháng 11") is a day too.
_DAY = (
    r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|ngày\s+\d{1,2}(?:\s+tháng\s+|/)\d{1,2}(?![\d/])"
)
_MONTH = _DAY + r"|tháng\s+\d{1,2}|\d{1,2}/\d{4}"
_GRAINS = (
    (
        re.compile(r"(?:^| )(?:ngay nao|truoc ngay|ngay bao nhieu|ngay may)(?: |$)"),
        re.compile(_DAY, re.I),
    ),
    (re.compile(r"(?:^| )(?:thang may|thang nao)(?: |$)"), re.compile(_MONTH, re.I)),
    (re.compile(r"(?:^| )(?:quy may|quy nao)(?: |$)"), re.compile(_MONTH + r"|quý", re.I)),
)
# A deadline stated inside a task's own words ("… báo cáo UBND tỉnh trước ngày 15/12/2026").
_IN_TITLE = re.compile(
    r"(?:trước|chậm nhất|đến hết|hoàn thành trong|trong)\s+(?:ngày\s+)?(?:"
    + _MONTH
    + r"|quý\s+[IVX]+(?:/|\s+năm\s+)\d{4})",
    re.I,
)


# A day of every year in a task's words: "trước ngày 15/11 hằng năm", "định kỳ trước ngày
# 01 tháng 12 hằng năm": each year's occurrence, the next one said first.
_YEARLY_DAY = re.compile(
    r"(?:trước|chậm nhất|đến|vào)\s+ngày\s+(\d{1,2})(?:/|\s+tháng\s+)(\d{1,2})"
    r"\s+(?:hằng|hàng)\s+năm",
    re.I,
)


def yearly_day(text: str) -> tuple[int, int] | None:
    """(day, month) of a yearly deadline the text states, if any and a real date."""
    m = _YEARLY_DAY.search(text)
    if m is None:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    try:
        date(2000, month, day)  # a leap year: 29/02 is a real yearly date
    except ValueError:
        return None
    return day, month


def yearly_lines(ask: Ask, task: TaskRow) -> tuple[str, list[str]] | None:
    """ "trước ngày 15/11 hằng năm": the next occurrence after today, the last one passed."""
    found = yearly_day(task.title)
    if found is None:
        return None
    day, month = found
    nxt = _on(ask.today.year, month, day)
    if nxt < ask.today:
        nxt = _on(ask.today.year + 1, month, day)
    last = _on(nxt.year - 1, month, day)
    start = task.document.issued_date if task.document is not None else None
    said = _YEARLY_DAY.search(task.title)
    lead = texts.ANS_DEADLINE_YEARLY.format(
        text=said.group(0) if said else "", title=shorten(task.title, 160), due=texts.fmt_date(nxt)
    )
    details = []
    if start is None or last >= start:
        details.append(texts.ANS_DUE_LAST_PASSED.format(due=texts.fmt_date(last)))
    return lead, details


def _on(year: int, month: int, day: int) -> date:
    """That day of ``year``; 29/02 falls on 28/02 in a common year."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def asked_grain(question: str) -> re.Pattern[str]:
    """The date pattern an answer to this "when" question must hold."""
    q = " ".join(syllables(question))
    return next((pattern for asks, pattern in _GRAINS if asks.search(q)), _DATED)


# A task record states its time after this label (``records.task_record``).
_TASK_TIME = re.compile(r"Thời hạn: (.*?)(?:\.\s|$)")


def _dated_hit(ask: Ask, hit: Hit) -> bool:
    """The record, or the lines that complete it, give a date as fine as the one asked.
    A task gives it in its time field or its words' own "trước ngày …": the year in
    "Tham mưu … Kế hoạch kiểm soát TTHC năm 2026" names the plan, not a deadline."""
    grain = asked_grain(ask.question)
    if hit.record.kind == "task":
        field_ = _TASK_TIME.search(hit.record.text)
        if field_ is not None and dated(field_.group(1), grain):
            return True
        # "Thời hạn: hằng năm" with "(trước ngày 20 tháng 11)" in the task's own words.
        words = hit.record.text[: field_.start()] if field_ is not None else hit.record.text
        return _IN_TITLE.search(words) is not None and dated(words, grain)
    if dated(hit.record.text, grain):
        return True
    if hit.record.kind != "passage":
        return False
    near = labelled_near(ask.session, hit.record.ref_id)
    return any(dated(t, grain) for t in near) or dated(
        continued(ask.session, hit.record.ref_id, 380), grain
    )


def dated(text: str, grain: re.Pattern[str] = _DATED) -> bool:
    """The text gives a due date, month, quarter or rhythm (not a cited document's date)."""
    return grain.search(_REFERENCE_DATE.sub(" ", text)) is not None


def title_deadline(task: TaskRow) -> str:
    """The deadline a task's own words state, when no deadline field holds it."""
    m = _IN_TITLE.search(_REFERENCE_DATE.sub(" ", task.title))
    return m.group(0) if m else ""


_EVIDENCE = {
    Intent.WHO: re.compile(r"chủ trì|phụ trách|thực hiện:", re.I),
    Intent.DEADLINE: re.compile(r"thời (?:gian|hạn)|hoàn thành|\d{1,2}/\d{4}|quý|tháng", re.I),
    Intent.PRODUCT: re.compile(r"sản phẩm|kết quả", re.I),
}


def _plan_lead_asked(ask: Ask) -> int | None:
    """ "KH 0130 … do sở nào chủ trì?": the plan whose lead is asked, no task named; the
    plan named, or the one the chat is about ("… do ai ký, giao sở nào chủ trì triển
    khai?" asked on after the plan's facts)."""
    from knowledge.retrieval.index import content_syllables

    if ask.reading.intent != Intent.WHO or ask.reading.role != "lead":
        return None
    ids, last = ask.scope.document_ids, ask.chat.get("doc_id")
    if len(ids) == 1 and ask.scope.by_plan:
        plan = ids[0]
    elif not ask.scope.named and isinstance(last, int):
        plan = last
    else:
        return None
    words = content_syllables(topic(ask.scope.strip(ask.question)))
    return None if [w for w in words if w not in _CARRY_OUT] else plan


# "triển khai", "thực hiện": carrying out the plan itself is no task's topic
_CARRY_OUT = frozenset(["trien", "khai", "thuc", "hien"])


def task_fact(ask: Ask) -> Answer:
    intent = ask.reading.intent
    question = ask.asked
    if (plan := _plan_lead_asked(ask)) is not None:
        from knowledge.answer.kinds.planwide import plan_lead
        from storage.models import Document

        doc = ask.session.get(Document, plan)
        if doc is not None:
            return plan_lead(ask, doc)
    evidence = _EVIDENCE.get(intent)
    bonus = DATE_BONUS if intent == Intent.DEADLINE else EVIDENCE_BONUS
    hits = good_hits(
        ask,
        topic(question),
        kinds=("task", "passage", "target"),
        prefer=_DATED if intent == Intent.DEADLINE else evidence,
        prefer_bonus=bonus,
    )
    task_hits = [h for h in hits if h.record.kind == "task"]
    if intent == Intent.DEADLINE:
        task_hits = _dated_first(ask, task_hits)
    if intent == Intent.DEADLINE and task_hits and not _dated_hit(ask, hits[0]):
        hits = task_hits + [h for h in hits if h.record.kind != "task"]  # a "when" wants a date
    if hits and (not task_hits or task_hits[0].coverage < hits[0].coverage - TASK_MARGIN):
        hits = _with_evidence(ask, topic(question), hits, evidence)
        if intent == Intent.DEADLINE and not _dated_hit(ask, hits[0]):
            return nothing_found(intent)  # a passage with no date answers no "when"
        if intent == Intent.WHO and not _names_someone(ask, hits[0]):
            return nothing_found(intent)  # nor one that gives nobody a "who"
        return passage_answer(ask, hits, intent, question, _prefer(ask))
    if not task_hits and ask.reading.follow_up and ask.chat.get("task_id"):
        tasks = load_tasks(ask.session, [int(ask.chat["task_id"])])
    else:
        tasks = load_tasks(ask.session, [h.record.ref_id for h in task_hits])
    if not tasks:
        return search_answer(ask, question, intent)
    main = tasks[0]
    if intent == Intent.DEADLINE and (part := _undated_part(ask, main)):
        # "… tháng 5 năm 2026. Khẩn trương hoàn thiện, trình … Luật X": the date is the
        # other sentence's; the part asked about has none
        return Answer(text=texts.ANS_DEADLINE_NONE.format(title=shorten(part, 120)), intent=intent)
    lead, details = describe(ask, main)
    if _absent(ask, main):
        said = [h for h in hits if h.record.kind == "passage" and _says(ask, h, evidence)]
        said.sort(key=lambda h: -h.coverage)  # of the passages that say it, the closest
        if not said:
            said = _better_passages(ask, hits, main.id)
        if said:  # the task has no such field, but a passage about it says it
            return passage_answer(ask, said, intent, question, _prefer(ask))
        # The plan holds the task but not the asked fact: say so, cite nothing.
        return Answer(text=lead, intent=intent)
    citations = [cite_task(ask, main)]
    cover = {h.record.ref_id: h.coverage for h in task_hits}
    best = cover.get(main.id, 0.0)
    others = [
        t
        for t in tasks[1:3]
        if t.document_id != main.document_id
        and cover.get(t.id, 0.0) >= best * SIBLING_RATIO
        and cover.get(t.id, 0.0) >= SIBLING_FLOOR
    ]
    if others:
        details.append(texts.ANS_ALSO_IN)
        for t in others:
            extra, _ = describe(ask, t)
            details.append(f"{ask.label(t.document_id)}: {extra}")
            citations.append(cite_task(ask, t))
    answer = Answer(text=lead, details=details, citations=citations, intent=intent)
    answer.context = {"task_id": main.id, "doc_id": main.document_id}
    return answer


DATED_MARGIN = 0.12  # a dated task this close to the best one answers a "when" first


def _dated_first(ask: Ask, hits: list[Hit]) -> list[Hit]:
    """Of tasks covering the question about as well, one with a time answers "khi nào":
    the duty "Tham mưu … Kế hoạch X" has none, the task "Xây dựng Kế hoạch X" has one."""
    if not hits or _dated_hit(ask, hits[0]):
        return hits
    best = hits[0].coverage
    dated = next(
        (h for h in hits if h.coverage >= best - DATED_MARGIN and _dated_hit(ask, h)), None
    )
    return hits if dated is None else [dated] + [h for h in hits if h is not dated]


def _with_evidence(
    ask: Ask, query: str, hits: list[Hit], evidence: re.Pattern[str] | None
) -> list[Hit]:
    """Put first a passage of the best document that says what is asked ("… chủ trì").

    A question repeating a document's title matches every passage of it about
    equally (the title is their context); the short heading wins the keyword
    ranking though it names no one. Look deeper in that document for a passage
    that covers the question as well and holds the evidence.
    """
    if evidence is None or evidence.search(hits[0].record.text):
        return hits
    deeper = ask.searcher.search(
        query, k=DEEP_K, kinds=("passage",), document_ids=[hits[0].record.document_id]
    )
    for h in deeper:
        if h.coverage >= MIN_COVERAGE and evidence.search(h.record.text):
            return [h] + [x for x in hits if x.record.key != h.record.key]
    return hits


# A passage answers "who" when it gives the work to someone.
_GIVES = re.compile(
    r"chủ trì|phụ trách|thực hiện:|giao\b|đề nghị|trách nhiệm|đầu mối|tham mưu|chỉ đạo|phối hợp",
    re.I,
)


def _names_someone(ask: Ask, hit: Hit) -> bool:
    if _GIVES.search(hit.record.text):
        return True
    if hit.record.kind != "passage":
        return False
    return any(_GIVES.search(t) for t in labelled_near(ask.session, hit.record.ref_id))


def _prefer(ask: Ask) -> re.Pattern[str] | None:
    """What the quoted clause should hold: a date as fine as asked, for a "when"; the
    words giving the work to someone, for a "who"."""
    if ask.reading.intent == Intent.WHO:
        return _GIVES
    return asked_grain(ask.question) if ask.reading.intent == Intent.DEADLINE else None


# A unit's name as a table cell or a sentence gives it: its head, then a capitalised word.
_UNIT_NAMED = re.compile(
    r"\b(?:Bộ|Sở|Ủy ban nhân dân|UBND|Ban|Cục|Công an|Văn phòng|Thanh tra|Trung tâm)"
    r"\s+(?:[A-ZĐ]|[ÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])"
)
PASSAGE_LEAD = 0.05  # how much better a passage must cover the question than the field-less task


def _better_passages(ask: Ask, hits: list[Hit], task_id: int) -> list[Hit]:
    """The task found lacks the asked fact (a content section's item: no lead, no date);
    a passage covering the question better that states one answers instead: the plan
    often gives the same work again in a table row with its lead and time."""
    task_cover = next((h.coverage for h in hits if h.record.ref_id == task_id), 1.0)
    intent = ask.reading.intent
    better = [
        h for h in hits if h.record.kind == "passage" and h.coverage >= task_cover + PASSAGE_LEAD
    ]
    if intent == Intent.WHO and ask.reading.role == "lead":
        return [h for h in better if _UNIT_NAMED.search(h.record.text)]
    if intent == Intent.DEADLINE:
        return [h for h in better if _dated_hit(ask, h)]
    return []


def _says(ask: Ask, hit: Hit, evidence: re.Pattern[str] | None) -> bool:
    if ask.reading.intent == Intent.DEADLINE:
        return _dated_hit(ask, hit)
    return evidence is not None and evidence.search(hit.record.text) is not None


_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")


def _undated_part(ask: Ask, task: TaskRow) -> str:
    """The sentence of a task's words that a "when" question is about, when the task's
    deadline is read from another of its sentences ("" otherwise)."""
    raw = (task.deadline_text or "").strip()
    if not raw or raw not in task.title:
        return ""
    parts = [p for p in _SENTENCE.split(task.title) if p.strip()]
    if len(parts) < 2:
        return ""
    asked = set(syllables(topic(ask.asked)))

    def overlap(part: str) -> int:
        return len(asked & set(syllables(part)))

    best = max(parts, key=overlap)
    dated = [p for p in parts if raw in p]
    if not dated or raw in best:
        return ""
    # The dated sentence must be about something else: it shares next to nothing with
    # the question ("… báo cáo … trước ngày 25/12" after the work it reports on does).
    said = max(overlap(p) for p in dated)
    return best if said * _ELSEWHERE_RATIO < overlap(best) else ""


_ELSEWHERE_RATIO = 4


def _absent(ask: Ask, task: TaskRow) -> bool:
    """The task lacks the field the question asks for."""
    intent = ask.reading.intent
    if intent == Intent.DEADLINE:
        return not (task.deadline_text or task.due_date or title_deadline(task))
    if intent == Intent.PRODUCT:
        return not task.product
    if ask.reading.role == "coordinate":
        return not units_of(task, "coordinate")
    if ask.reading.role == "supervisor" and task.supervisor:
        return False
    # No supervisor named: the unit the task is given to ("Giao Phó Thủ tướng … chỉ đạo").
    return not units_of(task, "lead")


# A day the task's words set, with what makes it recur: "trước ngày 15 tháng 12", "trước
# ngày 30 tháng 01 của năm tiếp theo", "trước ngày 20/11".
_DAY_SET = re.compile(
    r"(?:trước|chậm nhất|đến|vào)\s+ngày\s+\d{1,2}(?:/\d{1,2}(?:/\d{4})?|\s+tháng\s+\d{1,2}"
    r"(?:\s+năm\s+\d{4})?)(?![\d/])(?:\s+(?:của\s+)?năm\s+(?:tiếp\s+theo|sau))?",
    re.I,
)


def _days_in_words(task: TaskRow) -> list[str]:
    """A rhythm with no date ("hằng năm") whose words set the days ("… gửi báo cáo trước
    ngày 15 tháng 12 …, báo cáo Thủ tướng trước ngày 30 tháng 01 của năm tiếp theo"):
    those days, since they are what "trước ngày nào" asks."""
    days = [m.group(0) for m in _DAY_SET.finditer(_REFERENCE_DATE.sub(" ", task.title))]
    if not days:
        return []
    return [texts.ANS_DEADLINE_DAYS.format(days="; ".join(dict.fromkeys(days)))]


def deadline_lines(ask: Ask, task: TaskRow) -> list[str]:
    """For several occurrences: the next one and those already passed."""
    dates = sorted({d.due_date for d in task.deadlines})
    if len(dates) < 2:
        return []
    nxt = [d for d in dates if d >= ask.today]
    passed = [d for d in dates if d < ask.today]
    out = []
    if nxt:
        out.append(texts.ANS_DUE_NEXT.format(due=texts.fmt_date(nxt[0])))
    if passed:
        out.append(texts.ANS_DUE_PASSED.format(dues=", ".join(texts.fmt_date(d) for d in passed)))
    return out


TITLE_CHARS = 160
WHOLE_TITLE_CHARS = 900


def _shown_title(ask: Ask, task: TaskRow) -> str:
    """The task's name, shortened unless the words the question asks about stand in the
    part a shortening would cut ("… theo tiêu chuẩn TCVN 14423:2025" for "áp dụng tiêu
    chuẩn gì")."""
    short = shorten(task.title, TITLE_CHARS)
    if len(short) < len(task.title):
        asked = set(content_syllables(topic(ask.asked)))
        if asked & (set(syllables(task.title)) - set(syllables(short))):
            short = shorten(task.title, WHOLE_TITLE_CHARS)
    return short.rstrip(" .;")  # quoted: “… quan trọng”, not “… quan trọng.”.


def describe(ask: Ask, task: TaskRow) -> tuple[str, list[str]]:
    """The asked field as the answer's first words; the task's other facts as details."""
    title = _shown_title(ask, task)
    leads, coords = units_of(task, "lead"), units_of(task, "coordinate")
    intent, role = ask.reading.intent, ask.reading.role
    if role == "coordinate" and quotes_coordination(ask.question, expanded_forms(task.title)):
        role = "lead"  # "quy chế phối hợp tìm kiếm … giao ai": the task's name, not the role
    details: list[str] = []
    rhythm = asked_clause(ask.question, task.title) if intent == Intent.DEADLINE else None
    yearly = yearly_lines(ask, task) if intent == Intent.DEADLINE else None
    if rhythm is not None:
        lead = texts.ANS_DEADLINE_RHYTHM.format(label=rhythm.label, when=rhythm.when, title=title)
        due = next_due(rhythm, ask.today)
        if due is not None:
            details.append(texts.ANS_DUE_NEXT.format(due=texts.fmt_date(due)))
        if leads:
            details.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
    elif yearly is not None:
        lead, details = yearly
        if leads:
            details.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
    elif intent == Intent.DEADLINE:
        if not (task.deadline_text or task.due_date) and title_deadline(task):
            lead = texts.ANS_DEADLINE_IN_TITLE.format(title=title, text=title_deadline(task))
        elif task.deadline_text or task.due_date:
            lead = texts.ANS_DEADLINE.format(
                title=title, text=task.deadline_text or texts.fmt_date(task.due_date)
            )
            if task.due_date is not None:
                lead += texts.ANS_DEADLINE_DATE.format(due=texts.fmt_date(task.due_date))
            else:
                details += _days_in_words(task)
        else:
            lead = texts.ANS_DEADLINE_NONE.format(title=title)
        details += deadline_lines(ask, task)
        if leads:
            details.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
    elif intent == Intent.PRODUCT:
        lead = (
            texts.ANS_PRODUCT.format(title=title, text=shorten(task.product, 300))
            if task.product
            else texts.ANS_PRODUCT_NONE.format(title=title)
        )
        if leads:
            details.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
        if task.deadline_text:
            details.append(texts.ANS_DETAIL_DEADLINE.format(text=task.deadline_text))
        return lead, details + _submitted(task)
    elif role == "supervisor" and task.supervisor:
        lead = texts.ANS_WHO_SUPERVISOR.format(name=shorten(task.supervisor, 200))
    elif role == "coordinate":
        lead = (
            texts.ANS_WHO_COORD_ONLY.format(title=title, units="; ".join(coords))
            if coords
            else texts.ANS_WHO_NO_COORD.format(title=title, units="; ".join(leads) or "—")
        )
    else:
        if leads:
            lead = texts.ANS_WHO_LEADS.format(title=title, units="; ".join(leads))
            if coords:
                details.append(texts.ANS_WHO_COORD.format(units="; ".join(coords)))
        else:
            lead = texts.ANS_WHO_UNKNOWN.format(title=title)
    if intent != Intent.DEADLINE and task.deadline_text:
        details.append(texts.ANS_DETAIL_DEADLINE.format(text=task.deadline_text))
    if task.parent_task:
        details.append(texts.ANS_DETAIL_PARENT.format(text=shorten(task.parent_task, 160)))
    if task.product:
        details.append(texts.ANS_DETAIL_PRODUCT.format(text=shorten(task.product, 120)))
    return lead, details + _submitted(task)


def _submitted(task: TaskRow) -> list[str]:
    """ "Cấp trình: Thủ tướng Chính phủ" when the plan says who approves the product."""
    if not task.submit_to:
        return []
    return [texts.ANS_DETAIL_SUBMIT.format(text=shorten(task.submit_to, 120))]
