"""Questions about a plan as a whole: how many tasks or targets, all its targets, its
general aim, task number N. Answered for the plan in context (``plans.plan_in_context``);
when it is not clear which plan, the reply lists them and asks."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from knowledge import texts
from knowledge.answer import intents
from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import nothing_found, shorten
from knowledge.answer.context import Ask
from knowledge.answer.docscope import DocScope
from knowledge.answer.hits import cite_task
from knowledge.answer.intents import Intent
from knowledge.answer.kinds.tasklist import (
    LIST_LIMIT,
    plan_count_rows,
    plan_groups,
    task_groups,
    task_list,
    task_page,
)
from knowledge.answer.listtopic import list_topic, targets_on
from knowledge.answer.outline import (
    HEAD_NOUNS,
    Outline,
    counted_words,
    headings_for,
    in_appendix,
    in_part,
    items_under,
    names_appendix,
    outline_count,
    part_asked,
    part_tasks,
    stated_count,
    whole_parts,
)
from knowledge.answer.plans import issued_by, label_of, plan_in_context, which_plan
from knowledge.answer.queries import load_tasks, units_of
from knowledge.answer.stated import stated_count_answer
from knowledge.retrieval.analyzer import syllables
from knowledge.retrieval.records import text_locator
from knowledge.vietnamese import fold
from storage.models import Document, Passage, TargetRow, TaskRow, TaskUnit

OBJECTIVE_CHARS = 600
# The general aim, by the headings plans give it, the most specific first.
_OBJECTIVE_HEADS = (
    re.compile(r"\bmuc tieu (?:chung|tong quat|tong the)\b"),
    re.compile(r"\bmuc dich\b"),
)
_SPECIFIC_HEAD = re.compile(r"\bmuc tieu cu the\b|\byeu cau\b|\bchi tieu\b")


def _plan(ask: Ask) -> Document | Answer:
    doc = plan_in_context(ask)
    if doc is not None:
        return doc
    if ask.scope.empty or ask.scope.unknown_name:
        return nothing_found(ask.reading.intent)  # a plan named that no loaded plan is
    return which_plan(ask)


def _with_plan(answer: Answer, doc: Document) -> Answer:
    answer.context.setdefault("doc_id", doc.id)
    return answer


def count(ask: Ask) -> Answer:
    """A unit's count is a list question; without a unit it counts the plan's tasks."""
    issued = _issuer_names_plan(ask)
    ids = ask.scope.document_ids
    if issued is None and len(ids) == 1 and ask.scope.by_plan and counted_words(ask.question)[0]:
        issued = ids[0]  # "KH … của Bộ X có mấy nhóm giải pháp": that plan's headings
    doc = ask.session.get(Document, issued) if issued is not None else None
    structured = structured_answer(ask, doc) if doc else None
    if structured is not None:
        # "danh mục nhiệm vụ BCĐ CCHC …, phần I có mấy nhiệm vụ": a part of that body's plan
        return structured
    if ask.units or ask.window is not None:
        return task_list(ask)
    found = _plan(ask)
    if isinstance(found, Answer):
        return stated_count_answer(ask, need_numbers=True) or found
    doc = found
    structured = structured_answer(ask, doc)
    if structured is not None:
        return structured
    tasks, duties = plan_count_rows(ask, doc)
    lead = texts.ANS_PLAN_COUNT.format(plan=label_of(doc), count=tasks)
    grouped = (
        _groups_answer(ask, doc, lead)
        if _GROUPS_ASKED.search(" ".join(syllables(ask.question)))
        else None
    )
    if grouped is not None:
        return grouped
    parts = parts_answer(ask, doc)
    if parts is not None:
        return parts
    groups = plan_groups(ask, doc)
    if 1 < groups < tasks:
        lead = lead[:-1] + texts.ANS_PLAN_COUNT_GROUPS.format(groups=groups)
    kinds = TaskRow.kind != "duty"
    if duties and not tasks:
        # A plan that gives work unit by unit only: those are its tasks.
        lead = texts.ANS_PLAN_COUNT_BY_UNIT.format(plan=label_of(doc), count=duties)
        kinds = TaskRow.kind == "duty"
    elif duties:
        lead += texts.ANS_PLAN_COUNT_DUTIES.format(count=duties)
    ids = [
        i
        for (i,) in ask.session.execute(
            select(TaskRow.id).where(TaskRow.document_id == doc.id, kinds).order_by(TaskRow.ordinal)
        )
    ]
    answer = task_page(ask, ids, 0, lead)
    answer.intent = Intent.COUNT
    if not ids:
        answer.citations = [_cite_doc(doc)]
    return _with_plan(answer, doc)


def structured_answer(ask: Ask, doc: Document) -> Answer | None:
    """What the plan numbers under a heading, the tasks of a part, or the count the
    plan states in words ("… triển khai 08 nhóm giải pháp …")."""
    found = outline_answer(ask, doc) or part_answer(ask, doc)
    if found is not None:
        return found
    said = stated_count(ask.session, doc.id, ask.question)
    if said is None:
        return None
    label = label_of(doc)
    answer = Answer(
        text=texts.ANS_PASSAGE.format(source=label, text=shorten(said.text, STATED_CHARS)),
        citations=[
            AnswerCitation(
                doc.source_name,
                text_locator(said.section, said.locator),
                shorten(said.text, 160),
                label,
            )
        ],
        intent=Intent.COUNT,
    )
    return _with_plan(answer, doc)


STATED_CHARS = 400


def _issuer_names_plan(ask: Ask) -> int | None:
    """The plan in scope that the one unit named issued, when the unit has no task in
    it: the unit says whose plan is counted, not whose tasks."""
    if len(ask.units) != 1 or not ask.scope.document_ids or ask.window is not None:
        return None
    doc_id = issued_by(ask.session, ask.units, ask.scope)
    if doc_id is None:
        return None
    own = ask.session.scalar(
        select(func.count())
        .select_from(TaskUnit)
        .join(TaskRow, TaskRow.id == TaskUnit.task_id)
        .where(TaskRow.document_id == doc_id, TaskUnit.unit_id == ask.units[0].id)
    )
    return None if own else doc_id


OUTLINE_ITEM_CHARS = 220


def outline_answer(ask: Ask, doc: Document) -> Answer | None:
    """ "Gồm bao nhiêu nội dung / mấy mục tiêu chủ yếu": the items the plan numbers under
    the heading the question names, listed."""
    outline = outline_count(ask.session, doc.id, ask.question)
    return _outline_answer(ask, doc, outline) if outline is not None else None


def parts_answer(ask: Ask, doc: Document) -> Answer | None:
    """ "… gồm những nội dung chính nào": the plan's own parts, when the words name them."""
    parts = whole_parts(ask.session, doc.id, ask.question)
    return _outline_answer(ask, doc, parts) if parts is not None else None


def _outline_answer(ask: Ask, doc: Document, outline: Outline) -> Answer:
    label = label_of(doc)
    lead = texts.ANS_OUTLINE_COUNT.format(
        heading=shorten(outline.heading, 80), plan=label, count=len(outline.items)
    )
    if not outline.heading:  # the plan's own parts
        lead = texts.ANS_OUTLINE_PARTS.format(plan=label, count=len(outline.items))
    tasks = ask.session.scalar(
        select(func.count())
        .select_from(TaskRow)
        .where(
            TaskRow.document_id == doc.id,
            TaskRow.kind != "duty",
            TaskRow.section.startswith(outline.path),
        )
    )
    if counted_words(ask.question)[1] and (tasks or 0) > len(outline.items):
        # "bao nhiêu nhiệm vụ, giải pháp": its numbered items and the tasks they hold
        lead = lead[:-1] + texts.ANS_OUTLINE_TASKS.format(count=tasks)
    answer = Answer(
        text=lead,
        details=[shorten(i, OUTLINE_ITEM_CHARS) for i in outline.items],
        citations=[
            AnswerCitation(
                doc.source_name,
                text_locator(outline.path, {}),
                shorten(outline.heading, 160),
                label,
            )
        ],
        intent=Intent.COUNT,
    )
    return _with_plan(answer, doc)


def part_answer(ask: Ask, doc: Document) -> Answer | None:
    """ "Phần I … có mấy nhiệm vụ": the tasks of that part."""
    found = part_tasks(ask.session, doc.id, ask.question)
    if found is None:
        return None
    part, ids = found
    lead = texts.ANS_PART_COUNT.format(part=shorten(part, 80), plan=label_of(doc), count=len(ids))
    answer = task_page(ask, ids, 0, lead)
    answer.intent = Intent.COUNT
    return _with_plan(answer, doc)


# "chia thành mấy nội dung", "gồm những nhóm nào", "có bao nhiêu phần": the groups the
# tasks are arranged in, named, not the tasks.
_GROUPS_ASKED = re.compile(
    r"\b(?:bao nhieu|may|nhung|cac)\s+(?:nhom|noi dung|phan|linh vuc|giai doan|chuyen de)\b"
)


def _groups_answer(ask: Ask, doc: Document, lead: str) -> Answer | None:
    groups = task_groups(ask, doc)
    if len(groups) < 2:
        return None
    text = lead[:-1] + texts.ANS_PLAN_COUNT_GROUPS.format(groups=len(groups))[:-1] + ":"
    answer = Answer(
        text=text,
        details=[shorten(g, OUTLINE_ITEM_CHARS) for g in groups],
        citations=[_cite_doc(doc)],
        intent=Intent.COUNT,
    )
    return _with_plan(answer, doc)


def _cite_doc(doc: Document) -> AnswerCitation:
    return AnswerCitation(doc.source_name, "", shorten(doc.title, 160), label_of(doc))


def plan_targets(ask: Ask) -> Answer:
    found = _plan(ask)
    if isinstance(found, Answer):
        return found
    doc = found
    rows = list(
        ask.session.scalars(
            select(TargetRow).where(TargetRow.document_id == doc.id).order_by(TargetRow.ordinal)
        )
    )
    label = label_of(doc)
    about = list_topic(ask, _TARGET_ASKING)
    if about and rows:  # "… có bao nhiêu chỉ tiêu về y tế": those on that topic
        rows = targets_on(ask, rows, about)
        if not rows:
            return _with_plan(
                Answer(
                    text=texts.ANS_PLAN_NO_TARGETS_TOPIC.format(plan=label, topic=about),
                    intent=Intent.PLAN_TARGETS,
                ),
                doc,
            )
    if not rows:
        return _with_plan(
            Answer(
                text=texts.ANS_PLAN_NO_TARGETS.format(plan=label),
                citations=[_cite_doc(doc)],
                intent=Intent.PLAN_TARGETS,
            ),
            doc,
        )
    if ask.reading.count:
        lead = texts.ANS_PLAN_TARGET_COUNT.format(plan=label, count=len(rows))
    else:
        lead = texts.ANS_PLAN_TARGETS.format(plan=label, count=len(rows))
    answer = target_page(ask, [r.id for r in rows], 0, lead)
    answer.intent = Intent.PLAN_TARGETS
    return _with_plan(answer, doc)


# Words that ask for a plan's targets, not what they are about.
_TARGET_ASKING = (
    *intents.PLAN_TARGETS,
    *intents.TARGET,
    "chi tieu",
    "muc tieu",
    "bao nhieu",
    "may",
    "liet ke",
    "la gi",
    "gom",
)


def target_page(ask: Ask, ids: list[int], start: int, lead: str) -> Answer:
    page = ids[start : start + LIST_LIMIT]
    rows = {r.id: r for r in ask.session.scalars(select(TargetRow).where(TargetRow.id.in_(page)))}
    shown = [rows[i] for i in page if i in rows]
    details = [shorten(r.text, 220) for r in shown]
    cites = [
        AnswerCitation(
            r.document.source_name,
            text_locator(r.section, r.locator),
            shorten(r.text, 160),
            ask.label(r.document_id),
        )
        for r in shown
    ]
    rest = ids[start + LIST_LIMIT :]
    answer = Answer(text=lead, details=details, citations=cites, more=len(rest))
    if rest:
        answer.context["more"] = {
            "kind": "target",
            "ids": ids,
            "next": start + LIST_LIMIT,
            "intent": str(Intent.PLAN_TARGETS),
        }
    return answer


def objective(ask: Ask) -> Answer:
    """The paragraphs under the plan's "Mục tiêu chung" heading ("Mục đích" when it has
    none), all of them up to the next heading."""
    found = _plan(ask)
    if isinstance(found, Answer):
        return found
    doc = found
    passages = list(
        ask.session.scalars(
            select(Passage).where(Passage.document_id == doc.id).order_by(Passage.ordinal)
        )
    )
    for heading in _OBJECTIVE_HEADS:
        start = next((i for i, p in enumerate(passages) if _heads(p, heading)), None)
        if start is not None:
            return _with_plan(_objective_answer(ask, doc, passages, start), doc)
    from knowledge.answer.hits import search_answer

    ask.scope = DocScope(named=True, document_ids=[doc.id], by_plan=True)
    return search_answer(ask, ask.asked, Intent.PLAN_OBJECTIVE)


def _heads(p: Passage, heading: re.Pattern[str]) -> bool:
    """The passage is that heading's line, or the first under it."""
    return bool(heading.search(fold(p.text[:60]))) or bool(
        heading.search(fold(p.section.rsplit(">", 1)[-1]))
    )


def _objective_answer(ask: Ask, doc: Document, passages: list[Passage], start: int) -> Answer:
    first = passages[start]
    body = first.text
    for p in passages[start + 1 :]:
        same = p.section == first.section
        if not same and (len(body) >= 120 or _SPECIFIC_HEAD.search(fold(p.text[:40]))):
            break  # the next heading ("2. Mục tiêu cụ thể")
        if _SPECIFIC_HEAD.search(fold(p.text[:40])) or len(body) >= OBJECTIVE_CHARS:
            break
        body += " " + p.text
    return Answer(
        text=texts.ANS_PLAN_OBJECTIVE.format(
            plan=label_of(doc), text=shorten(body, OBJECTIVE_CHARS)
        ),
        citations=[
            AnswerCitation(
                doc.source_name,
                text_locator(first.section, first.locator),
                shorten(first.text, 160),
                label_of(doc),
            )
        ],
        intent=Intent.PLAN_OBJECTIVE,
    )


def task_number(ask: Ask) -> Answer:
    found = _plan(ask)
    if isinstance(found, Answer):
        return found
    doc = found
    number = ask.reading.number
    ids, tied = _numbered(ask, doc, number)
    label = label_of(doc)
    item = _outline_item(ask, doc, number, ids)
    if item is not None:
        return _with_plan(item, doc)
    if not ids and (items := _sub_items(ask, doc, number) or _under_parent(ask, doc, number)):
        return _with_plan(_items_answer(ask, label, number, items), doc)
    if not ids:
        return _with_plan(
            Answer(
                text=texts.ANS_TASK_NUMBER_NONE.format(plan=label, number=number),
                intent=Intent.TASK_NUMBER,
            ),
            doc,
        )
    if tied > 1:
        return _with_plan(_repeated_number(ask, label, number, ids[: min(tied, 8)]), doc)
    tasks = load_tasks(ask.session, ids[:3])
    main = tasks[0]
    answer = Answer(
        text=texts.ANS_TASK_NUMBER.format(
            number=main.number, plan=label, title=shorten(main.title, 300)
        ),
        details=_facts(main),
        citations=[cite_task(ask, t) for t in tasks],
        intent=Intent.TASK_NUMBER,
    )
    answer.context = {"task_id": main.id}
    return _with_plan(answer, doc)


_ITEM_LABEL = re.compile(r"^\s*\d{1,2}[.)]\s*")  # "7. Diễn tập …": the number is said already


def _outline_item(ask: Ask, doc: Document, number: str, ids: list[int]) -> Answer | None:
    """ "Nội dung thứ 7" of a plan whose "II. NỘI DUNG" numbers its items 1–8 as lines,
    not tasks: that item, unless a task with the number stands under that heading. The
    noun names the heading; a task numbered 7 elsewhere (an appendix row) is not it."""
    noun = _noun_asked(ask.question)
    if noun not in HEAD_NOUNS or not number.isdigit():
        return None
    first = ask.session.get(TaskRow, ids[0]) if ids else None
    if first is not None and noun in fold(first.section):
        return None
    for head in headings_for(ask.session, doc.id, noun.split()):
        items = items_under(ask.session, doc.id, head).items
        if int(number) <= len(items):
            heading = shorten(f"{head.number} {head.title}".strip(), 80)
            text = shorten(_ITEM_LABEL.sub("", items[int(number) - 1]), OUTLINE_ITEM_CHARS)
            return Answer(
                text=texts.ANS_OUTLINE_ITEM.format(
                    number=number, heading=heading, plan=label_of(doc), text=text
                ),
                citations=[
                    AnswerCitation(
                        doc.source_name, text_locator(head.path, {}), text, label_of(doc)
                    )
                ],
                intent=Intent.TASK_NUMBER,
            )
    return None


def _repeated_number(ask: Ask, label: str, number: str, ids: list[int]) -> Answer:
    """Each task the plan prints with this number, under its group, with its facts."""
    tasks = load_tasks(ask.session, ids)
    details = []
    for task in tasks:
        facts = "; ".join(_facts(task, brief=True))
        where = shorten(task.section.split(" > ")[-1], 80) if task.section else ""
        details.append(
            texts.ANS_TASK_NUMBER_AT.format(
                where=where, title=shorten(task.title, 200), facts=f" ({facts})" if facts else ""
            )
        )
    return Answer(
        text=texts.ANS_TASK_NUMBER_REPEATED.format(plan=label, number=number, count=len(tasks)),
        details=details,
        citations=[cite_task(ask, t) for t in tasks],
        intent=Intent.TASK_NUMBER,
    )


SUB_ITEMS_SHOWN = 8


def _sub_items(ask: Ask, doc: Document, number: str) -> list[int]:
    """ "mục 6" of a directive whose item 6 is a unit's heading over tasks 6.a, 6.b."""
    bare = number.strip(".")
    rows = _column(ask, doc, TaskRow.number)
    return [i for i, n in rows if n and n.startswith(f"{bare}.") and len(n) > len(bare) + 1]


def _under_parent(ask: Ask, doc: Document, number: str) -> list[int]:
    """ "mục 2.9" of an appendix whose rows are activities ("3.15", "3.16") under the task
    "2.9. Ban hành …": the activities its parent column names."""
    opens = re.compile(rf"^{re.escape(number.strip('.'))}\.?(?:\s|$)")
    rows = _column(ask, doc, TaskRow.parent_task)
    return [i for i, parent in rows if parent and opens.match(parent.strip())]


def _column(ask: Ask, doc: Document, column: Any) -> list[tuple[int, str | None]]:
    """(task id, ``column``) of the plan's tasks in document order."""
    rows = ask.session.execute(
        select(TaskRow.id, column).where(TaskRow.document_id == doc.id).order_by(TaskRow.ordinal)
    ).all()
    return [(r[0], r[1]) for r in rows]


def _items_answer(ask: Ask, label: str, number: str, ids: list[int]) -> Answer:
    from knowledge.answer.kinds.tasklist import due_text, task_line

    tasks = load_tasks(ask.session, ids[:SUB_ITEMS_SHOWN])
    leads = list(dict.fromkeys(n for t in tasks for n in units_of(t, "lead")))
    lead = texts.ANS_TASK_NUMBER_ITEMS_LEAD.format(units="; ".join(leads)) if leads else ""
    text = texts.ANS_TASK_NUMBER_ITEMS.format(number=number, plan=label, count=len(ids), lead=lead)
    answer = Answer(
        text=text,
        details=[f"{t.number}. {task_line(t, due_text(t))}" for t in tasks],
        citations=[cite_task(ask, t) for t in tasks],
        intent=Intent.TASK_NUMBER,
    )
    answer.context = {"task_id": tasks[0].id}
    return answer


def _facts(task: TaskRow, *, brief: bool = False) -> list[str]:
    """The task's lead, coordinators, deadline, product and parent; ``brief``: one line of
    several, without the coordinators and the parent."""
    leads, coords = units_of(task, "lead"), units_of(task, "coordinate")
    out = [texts.ANS_DETAIL_LEAD.format(units="; ".join(leads))] if leads else []
    if coords and not brief:
        out.append(texts.ANS_DETAIL_COORD.format(units="; ".join(coords)))
    if task.deadline_text:
        out.append(texts.ANS_DETAIL_DEADLINE.format(text=task.deadline_text))
    if task.product:
        out.append(texts.ANS_DETAIL_PRODUCT.format(text=shorten(task.product, 160)))
    if task.parent_task and not brief:
        out.append(texts.ANS_DETAIL_PARENT.format(text=shorten(task.parent_task, 160)))
    return out


def _numbered(ask: Ask, doc: Document, number: str) -> tuple[list[int], int]:
    """The plan's tasks printed with ``number``, the best fit first: its own number
    ("11", or "I.11" under a part), then in the part the question names ("mục I",
    "phần A", "nội dung 4"), under the heading its noun names ("kiến nghị số 5"), and
    sharing the most words with the question; and how many of the first fit alike."""
    forms = set(_forms(number))
    tail = "." + number.strip(".")
    rows = ask.session.execute(
        select(TaskRow.id, TaskRow.number, TaskRow.section, TaskRow.title, TaskRow.locator)
        .where(TaskRow.document_id == doc.id)
        .order_by(TaskRow.ordinal)
    ).all()
    found = [r for r in rows if r.number in forms or r.number.rstrip(".").endswith(tail)]
    if names_appendix(ask.question):
        # "nhiệm vụ thứ 9 trong phụ lục": a row of the appendix's table, not item VI.9
        found = [r for r in found if in_appendix(r.section, r.locator)]
        which = _APPENDIX_NAMED.search(" ".join(syllables(ask.question)))
        if which is not None:
            # "phụ lục I": that appendix's rows, when the plan has one so named (not a part
            # of the outline reader: "phụ lục" there would turn a whole-plan count into a
            # part's)
            named = [r for r in found if _in_appendix_named(r.section, which.group(1))]
            found = named or found
    part = part_asked(ask.question)
    noun = _noun_asked(ask.question)
    # What the task is about, not what is asked of it ("ai chủ trì, thời hạn"): a title
    # that happens to say "chủ trì" is no better fit.
    words = set(syllables(intents.topic(ask.asked))) - _ASKED_FIELDS

    def fit(row: Any) -> tuple[int, int, bool, int]:
        heading = noun is not None and noun in fold(row.section)
        overlap = len(words & set(syllables(f"{row.title} {row.section}")))
        return (in_part(row.number, row.section, part), heading, row.number in forms, overlap)

    # stable: rows that fit alike stay in the plan's order
    ranked = sorted(((fit(r), r.id) for r in found), key=lambda kr: kr[0], reverse=True)
    if not ranked:
        return [], 0
    top = ranked[0][0]
    # Rows alike but for a word or so the question shares: the plan prints this number
    # more than once (numbering restarts under each group) and the question does not say
    # which.
    tied = [k for k, _ in ranked if k[:3] == top[:3] and top[3] - k[3] < _CLEAR_LEAD]
    return [i for _, i in ranked], len(tied)


_APPENDIX_NAMED = re.compile(r"(?:^| )phu luc (i{1,3}|iv|v|vi{0,3}|\d{1,2})(?= |$)")


def _in_appendix_named(section: str, label: str) -> bool:
    return " ".join(syllables(section)[:3]) == f"phu luc {label}"


_CLEAR_LEAD = 2  # shared words by which one row of a repeated number stands out
_ASKED_FIELDS = frozenset({"chu", "tri", "phoi", "hop", "la", "gi", "nhiem", "vu", "so"})


# "kiến nghị số 5", "giải pháp số 2": the heading the item sits under names its noun.
_ITEM_NOUN = re.compile(r"(?:^| )(kien nghi|giai phap|noi dung)\s+(?:so\s+|thu\s+)?\d")


def _noun_asked(question: str) -> str | None:
    m = _ITEM_NOUN.search(" ".join(syllables(question)))
    return m.group(1) if m else None


def _forms(number: str) -> list[str]:
    """ "10" also matches "10." and "010" as tables write it."""
    bare = number.strip(".")
    return list({bare, bare + ".", bare.zfill(2), bare.zfill(3)})


# A task that puts one unit in charge of the plan as a whole.
_RUNS_PLAN = re.compile(
    r"chủ trì.{0,60}?(?:triển khai|thực hiện|tổ chức thực hiện|theo dõi)"
    r".{0,30}?(?:kế hoạch|đề án|chương trình|chỉ thị|công điện)"
    r"|cơ quan thường trực|đầu mối (?:theo dõi|tổng hợp|triển khai)",
    re.I,
)
OTHER_LEADS = 4


def plan_lead(ask: Ask, doc: Document) -> Answer:
    """ "Kế hoạch X do sở nào chủ trì?": the unit put in charge of the plan, else the one
    leading most of its tasks (with the other leads beside it)."""
    ids = [
        i
        for (i,) in ask.session.execute(
            select(TaskRow.id).where(TaskRow.document_id == doc.id).order_by(TaskRow.ordinal)
        )
    ]
    tasks = [t for t in load_tasks(ask.session, ids) if units_of(t, "lead")]
    label = label_of(doc)
    if not tasks:
        return _with_plan(
            Answer(text=texts.ANS_WHO_UNKNOWN.format(title=label), intent=Intent.WHO), doc
        )
    counts: dict[str, int] = {}
    for t in tasks:
        for name in units_of(t, "lead"):
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda n: -counts[n])
    runner = next((t for t in tasks if _RUNS_PLAN.search(t.title)), None)
    if runner is not None:
        unit = "; ".join(units_of(runner, "lead"))
        text = texts.ANS_PLAN_LEAD.format(
            unit=unit, plan=label, title=shorten(runner.title, 200).rstrip(". ")
        )
        cited = [runner]
    else:
        unit = ranked[0]
        text = texts.ANS_PLAN_LEAD_MOST.format(
            unit=unit, plan=label, count=counts[unit], total=len(tasks)
        )
        cited = [t for t in tasks if unit in units_of(t, "lead")][:3]
    others = [n for n in ranked if n not in unit][:OTHER_LEADS]
    details = [texts.ANS_PLAN_LEAD_OTHERS.format(units="; ".join(others))] if others else []
    answer = Answer(
        text=text,
        details=details,
        citations=[cite_task(ask, t) for t in cited],
        intent=Intent.WHO,
    )
    return _with_plan(answer, doc)
