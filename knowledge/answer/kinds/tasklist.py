"""Task lists from the database: a unit's tasks, tasks due in a window, overdue, counts."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from knowledge import texts
from knowledge.answer import queries
from knowledge.answer.api import Answer
from knowledge.answer.compose import nothing_found, shorten
from knowledge.answer.context import Ask
from knowledge.answer.hits import cite_task, search_answer
from knowledge.answer.intents import Intent
from knowledge.answer.listtopic import list_topic, on_topic, with_heads
from knowledge.answer.progress import reported_done
from knowledge.answer.queries import load_tasks, units_of
from knowledge.answer.unitmatch import quotes_coordination, title_forms
from knowledge.answer.windows import Window
from knowledge.deadlines import parse_deadline
from knowledge.retrieval.analyzer import syllables
from knowledge.unit_lookup import label as unit_label
from knowledge.vietnamese import fold
from storage import repositories as repo
from storage.models import Document, TaskRow

LIST_LIMIT = 8
MAX_CITED = 40  # tasks cited under a list answer
MAX_MORE = 300  # task ids kept for "Xem thêm"
PARENT_CHARS = 70
LINE_CHARS = 140
# A list this short shows each task whole, or as much as one message holds: its words
# are the answer, not a pointer to it ("Bộ Y tế được giao những việc gì": the 4 items).
SHORT_LIST = 5
SHORT_LIST_BUDGET = 1800  # characters shared by a short list's lines (a Zalo message is 2000)
ONE_TASK_CHARS = 900  # the only task listed is the whole answer
ONE_TASK_MARGIN = 0.15  # a task (it has due dates) answers unless a passage covers much better
TOPIC_WORDS = 3  # content words beyond the unit's name that make an overdue question about one task
LEADS_SHOWN = 2  # lead units named on a list line; more become "…"
LEAD_CHARS = 90


def task_line(task: TaskRow, due: str, limit: int = LINE_CHARS, leads: bool = False) -> str:
    """One list line; an appendix activity names its task ("Văn bản hướng dẫn" × 3).

    ``leads``: the list is not one unit's, so the line says who leads the task."""
    title = shorten(task.title, limit)
    if task.parent_task:
        title += (
            f" — {texts.ANS_DETAIL_PARENT.format(text=shorten(task.parent_task, PARENT_CHARS))}"
        )
    line = texts.ANS_TASK_ITEM.format(title=title, due=due)
    names = units_of(task, "lead") if leads else []
    if names:
        shown = ", ".join(names[:LEADS_SHOWN]) + (", …" if len(names) > LEADS_SHOWN else "")
        line += texts.ANS_TASK_LEAD.format(units=shorten(shown, LEAD_CHARS))
    return line


def due_text(task: TaskRow, window: Window | None = None) -> str:
    """The task's due date: the one inside the asked window when it has several."""
    if window is not None:
        inside = [d.due_date for d in task.deadlines if window.start <= d.due_date <= window.end]
        if inside:
            return due_on(task, min(inside))
    if task.due_date is not None:
        return due_on(task, task.due_date)
    if task.deadline_text:
        return texts.ANS_TASK_DEADLINE_RAW.format(text=shorten(task.deadline_text, 60))
    return ""


TERM_CHARS = 30  # a deadline this short that names a period ("Quý I/2026") is shown as written
_PERIOD = re.compile(r"\b(?:quy|thang|nam)\b")
_DAY = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2} thang \d{1,2} nam")


def due_on(task: TaskRow, day: date) -> str:
    """ "(hạn 31/03/2026)", or "(hạn Quý I/2026, tức 31/03/2026)" when the plan gives the
    time as a period: officials think in the plan's own terms."""
    term = (task.deadline_text or "").strip()
    folded = fold(term)
    period = len(term) <= TERM_CHARS and _PERIOD.search(folded) and not _DAY.search(folded)
    if period and len(task.deadlines) <= 1 and parse_deadline(term).due_dates == [day]:
        return texts.ANS_TASK_DUE_TERM.format(term=term, due=texts.fmt_date(day))
    if _BEFORE_DAY.match(folded) and len(task.deadlines) <= 1:
        # "Trước ngày 15/11/2025": a limit, as the plan states it ("hạn 15/11/2025" reads
        # as the day the work is done)
        return texts.ANS_TASK_DUE_BEFORE.format(due=texts.fmt_date(day))
    return texts.ANS_TASK_DUE.format(due=texts.fmt_date(day))


_BEFORE_DAY = re.compile(r"^(?:hoan thanh )?truoc(?: ngay)? \d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\.?$")


def missed(task: TaskRow, today: date) -> date | None:
    """The last due date before today: the occurrence an overdue task missed."""
    passed = [d.due_date for d in task.deadlines if d.due_date < today]
    if not passed and task.due_date is not None and task.due_date < today:
        passed = [task.due_date]
    return max(passed) if passed else None


MAX_STEPS = 3  # a task with more due dates is a recurrence: its last miss is shown


def missed_steps(task: TaskRow, today: date) -> list[date]:
    """The passed due dates of a task done in a few dated steps, in order."""
    days = sorted({d.due_date for d in task.deadlines})
    if len(days) > MAX_STEPS or task.recurrence:
        return []
    return [d for d in days if d < today]


def _role(question: str) -> str:
    q = fold(question)
    return "coordinate" if "phoi hop" in q and "chu tri" not in q else "lead"


def _role_asked(ask: Ask) -> str:
    """The role the question asks, unless its "phối hợp" is the named plan's own words
    ("Theo CT 010 về phối hợp thẩm định thủ tục đầu tư, Thuế tỉnh … những nội dung gì")."""
    role = _role(ask.asked)
    if role != "coordinate" or not ask.scope.document_ids:
        return role
    titles = title_forms(ask.session, ask.scope.document_ids)
    return "lead" if quotes_coordination(ask.asked, titles) else role


def _scope_text(ask: Ask, role: str) -> str:
    scope = ""
    if ask.reading.intent == Intent.OVERDUE:
        scope = texts.ANS_SCOPE_OVERDUE.format(today=texts.fmt_date(ask.today))
        if ask.window is not None:
            scope = texts.ANS_SCOPE_WINDOW_SHORT.format(label=ask.window.label) + scope
    elif ask.window is not None:
        scope = texts.ANS_SCOPE_WINDOW.format(
            label=ask.window.label,
            start=texts.fmt_date(ask.window.start),
            end=texts.fmt_date(ask.window.end),
        )
    if role == "coordinate":
        scope = texts.ANS_SCOPE_COORD + scope
    return scope


def _rows(ask: Ask, role: str) -> list[Any]:
    units = ask.units
    unit_ids = repo.with_subunits(ask.session, [u.id for u in units]) if units else None
    if units and unit_ids is not None:
        unit_ids = with_heads(ask.session, unit_ids, units)
    due_from = ask.window.start if ask.window else None
    due_to = ask.window.end if ask.window else None
    if ask.reading.intent == Intent.OVERDUE:
        # Overdue within an asked period ("các nhiệm vụ quý I … đã quá hạn chưa").
        yesterday = ask.today - timedelta(days=1)
        due_to = min(due_to, yesterday) if due_to else yesterday
    rows = queries.task_rows(ask.session, unit_ids, role, due_from, due_to, ask.doc_ids)
    q = f" {fold(ask.question)}"
    if ask.reading.intent == Intent.OVERDUE or " chua hoan thanh" in q:
        done = reported_done(ask.session, [r.id for r in rows])
        rows = [r for r in rows if r.id not in done]
    elif " da hoan thanh" in q:
        done = reported_done(ask.session, [r.id for r in rows])
        rows = [r for r in rows if r.id in done]
    return rows


def one_overdue(ask: Ask) -> Answer | None:
    """ "Việc X đã quá hạn chưa?": that task's missed (or next) due date, not a list."""
    from knowledge.answer.hits import good_hits
    from knowledge.answer.intents import DEADLINE_LIST_WORDS, LIST_WORDS, asks_any, topic
    from knowledge.retrieval.index import content_syllables

    if asks_any(ask.question, LIST_WORDS + DEADLINE_LIST_WORDS):
        return None  # "các nhiệm vụ quý I … đã quá hạn chưa, gồm những việc gì": a list
    about = topic(ask.asked)
    named = {w for u in ask.units for w in fold(u.name).split()}
    if len([w for w in content_syllables(about) if w not in named]) < TOPIC_WORDS:
        return None
    hits = good_hits(ask, about, kinds=("task", "passage"))
    if not hits:
        # One task asked about and none found: say so, never every overdue task instead.
        return nothing_found(Intent.OVERDUE)
    tasks = [h for h in hits if h.record.kind == "task"]
    if not tasks or tasks[0].coverage < hits[0].coverage - ONE_TASK_MARGIN:
        from knowledge.answer.hits import passage_answer

        return passage_answer(ask, hits, Intent.OVERDUE, about)
    task = load_tasks(ask.session, [tasks[0].record.ref_id])[0]
    title = shorten(task.title, 160)
    miss = missed(task, ask.today)
    done = task.id in reported_done(ask.session, [task.id])
    upcoming = sorted(d.due_date for d in task.deadlines if d.due_date >= ask.today)
    raw = f" ({task.deadline_text})" if task.deadline_text else ""
    if miss is not None and not done:
        lead = texts.ANS_ONE_OVERDUE.format(title=title, due=texts.fmt_date(miss), raw=raw)
    elif upcoming:
        lead = texts.ANS_ONE_NOT_DUE.format(title=title, due=texts.fmt_date(upcoming[0]), raw=raw)
    else:
        lead = texts.ANS_ONE_NO_DATE.format(title=title, raw=raw)
    # Who answers for it: an overdue task is followed up with its lead unit.
    leads = units_of(task, "lead")
    details = [texts.ANS_DETAIL_LEAD.format(units="; ".join(leads))] if leads else []
    answer = Answer(
        text=lead, details=details, citations=[cite_task(ask, task)], intent=Intent.OVERDUE
    )
    answer.context = {"task_id": task.id, "doc_id": task.document_id}
    return answer


FEW_TASKS = 3
_ASKS_CONTENTS = re.compile(r"(?:^| )noi dung (?:gi|nao)(?: |$)")
_ASKS_RESPONSIBILITY = re.compile(r"(?:^| )trach nhiem(?: |$)")


def task_list(ask: Ask) -> Answer:
    role = _role_asked(ask)
    overdue = ask.reading.intent == Intent.OVERDUE
    if overdue and (single := one_overdue(ask)) is not None:
        return single
    if not ask.units and ask.window is None and not overdue:
        return search_answer(ask, ask.question)
    rows = _rows(ask, role)
    about = list_topic(ask) if ask.units and not overdue else ""  # "… về khoan giếng"
    if about and rows:
        kept = on_topic(ask, rows, about)
        # "Thuế tỉnh thẩm định những nội dung gì": what its duties hold is asked, and the
        # verb only says which role; a unit with a handful of tasks in the plan gets them
        # all, those on the topic first ("… làm gì về ĐKKD" still narrows).
        few = len(rows) <= FEW_TASKS and len({r.document_id for r in rows}) == 1
        contents = _ASKS_CONTENTS.search(" ".join(syllables(ask.question))) is not None
        rows = kept + [r for r in rows if r not in kept] if few and contents else kept
        if not rows:
            unit = ", ".join(u.name for u in ask.units)
            return Answer(
                text=texts.ANS_TASKS_NONE_TOPIC.format(unit=unit, topic=about),
                intent=ask.reading.intent,
            )
    dated = overdue or ask.window is not None
    # With a due window (overdue: before today) only dated rows come back: a unit's duty
    # with a date of its own ("Trước ngày 15/11/2025") is due like any task.
    duty_rows = [] if dated else [r for r in rows if r.kind == "duty"]
    task_rows = rows if dated else [r for r in rows if r.kind != "duty"]
    asks_duties = "thuong xuyen" in fold(ask.question)
    if duty_rows and (not task_rows or asks_duties):
        # A unit's standing duties are its tasks when it has no others or they are asked.
        task_rows, duty_rows = duty_rows, []
    elif duty_rows and _ASKS_RESPONSIBILITY.search(" ".join(syllables(ask.question))):
        # "Sở Y tế có trách nhiệm gì": what its section of "Tổ chức thực hiện" gives it is
        # asked as much as its dated tasks.
        task_rows, duty_rows = task_rows + duty_rows, []
    scope = _scope_text(ask, role)
    unit_name = ", ".join(u.name for u in ask.units)
    scope += _whose(ask)
    if not task_rows:
        return Answer(text=_no_tasks(ask, unit_name, scope), intent=ask.reading.intent)
    lead = (
        texts.ANS_TASKS_FOUND.format(unit=unit_name, count=len(task_rows), scope=scope)
        if ask.units
        else texts.ANS_TASKS_ALL_FOUND.format(count=len(task_rows), scope=scope)
    )
    if duty_rows:
        lead += texts.ANS_DUTIES.format(count=len(duty_rows))
    per_doc: dict[int, int] = {}
    for r in task_rows:
        per_doc[r.document_id] = per_doc.get(r.document_id, 0) + 1
    if len(per_doc) > 1:
        parts = ", ".join(f"{ask.label(d)}: {n}" for d, n in per_doc.items())
        lead += " " + texts.ANS_TASKS_BY_DOC.format(parts=parts)
    ids = [r.id for r in task_rows]
    answer = task_page(ask, ids, 0, lead)
    answer.intent = ask.reading.intent
    answer.context["task_ids"] = ids[:50]
    if len(per_doc) == 1:
        answer.context["doc_id"] = next(iter(per_doc))
    return answer


def task_page(ask: Ask, ids: list[int], start: int, lead: str, leads: bool | None = None) -> Answer:
    """Tasks ``ids[start:start + LIST_LIMIT]`` as list lines; the rest stays for "thêm".

    ``leads`` (default: no unit was asked about) names each task's lead on its line."""
    if leads is None:
        leads = not ask.units
    shown = load_tasks(ask.session, ids[start : start + LIST_LIMIT])
    cited = load_tasks(ask.session, ids[start : start + MAX_CITED])
    overdue = ask.reading.intent == Intent.OVERDUE
    limit = LINE_CHARS
    if len(ids) <= SHORT_LIST:
        limit = max(LINE_CHARS, min(ONE_TASK_CHARS, SHORT_LIST_BUDGET // max(1, len(ids))))
    details = []
    for t in shown:
        miss = missed(t, ask.today) if overdue else None
        due = due_on(t, miss) if miss is not None else due_text(t, ask.window)
        steps = missed_steps(t, ask.today) if overdue else []
        if len(steps) > 1:  # "gửi kết quả trước 15/12, báo cáo trước 31/12": both missed
            due = texts.ANS_TASK_DUE.format(due=" và ".join(texts.fmt_date(d) for d in steps))
        details.append(task_line(t, due, limit, leads))
    rest = ids[start + LIST_LIMIT :]
    answer = Answer(
        text=lead,
        details=details,
        citations=[cite_task(ask, t) for t in cited],
        more=len(rest),
    )
    if rest:
        answer.context["more"] = {
            "kind": "task",
            "ids": ids[: start + LIST_LIMIT + MAX_MORE],
            "next": start + LIST_LIMIT,
            "intent": str(ask.reading.intent),
            "leads": leads,
        }
    return answer


def _whose(ask: Ask) -> str:
    """Units are per province: " (tỉnh Nghệ An)" when the units' names do not say whose."""
    places = {unit_label(u)[len(u.name) :].strip() for u in ask.units}
    if len(places) != 1:
        return ""
    place = places.pop()
    return texts.ANS_TASKS_PLACE.format(place=place) if place else ""


def _no_tasks(ask: Ask, unit_name: str, scope: str) -> str:
    if not ask.doc_ids:
        if unit_name:
            return texts.ANS_TASKS_NONE.format(unit=unit_name, scope=scope)
        return texts.ANS_TASKS_ALL_NONE.format(scope=scope)
    names = ", ".join(ask.label(i) for i in ask.doc_ids[:3])
    if unit_name:
        return texts.ANS_TASKS_NONE_IN_DOCS.format(unit=unit_name, scope=scope, docs=names)
    return texts.ANS_TASKS_ALL_NONE_IN_DOCS.format(scope=scope, docs=names)


def plan_count_rows(ask: Ask, doc: Document) -> tuple[int, int]:
    """(tasks, duties) of one plan."""
    rows = queries.task_rows(ask.session, None, "lead", None, None, [doc.id])
    duties = sum(1 for r in rows if r.kind == "duty")
    return len(rows) - duties, duties


def plan_groups(ask: Ask, doc: Document) -> int:
    """How many headed groups ("1. …", "Nội dung 2 …") the plan's tasks are arranged in."""
    return len({s for s in _task_sections(ask, doc) if s})


def task_groups(ask: Ask, doc: Document) -> list[str]:
    """The headings the plan's tasks are grouped under, in order: the first level at
    which their sections part ("PHỤ LỤC … > Nội dung 1. …", "… > Nội dung 2. …")."""
    paths = [s.split(" > ") for s in _task_sections(ask, doc) if s]
    depth = 0
    while len(paths) >= 2:
        while all(len(p) > depth + 1 for p in paths) and len({p[depth] for p in paths}) == 1:
            depth += 1
        groups = Counter(p[depth] for p in paths if len(p) > depth)
        top, held = groups.most_common(1)[0]
        if held < _MAIN_PART_SHARE * len(paths):
            return list(dict.fromkeys(p[depth] for p in paths if len(p) > depth))
        # "PHỤ LỤC I" holds most tasks, the body's few others: the groups are its parts
        inner = [p for p in paths if len(p) > depth + 1 and p[depth] == top]
        if len({p[depth + 1] for p in inner}) < 2:
            return list(dict.fromkeys(p[depth] for p in paths if len(p) > depth))
        paths, depth = inner, depth + 1
    return []


_MAIN_PART_SHARE = 2 / 3


def _task_sections(ask: Ask, doc: Document) -> list[str]:
    from sqlalchemy import select

    return list(
        ask.session.scalars(
            select(TaskRow.section)
            .where(TaskRow.document_id == doc.id, TaskRow.kind != "duty")
            .order_by(TaskRow.ordinal)
        )
    )
