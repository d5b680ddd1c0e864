"""``parse_plan``: a loaded ``Document`` -> ``ParsedPlan`` (metadata, sections, targets, tasks).

Order of work: metadata (which gives the plan year and the owner office), the
heading tree, then one walk over the blocks keeping the current section path:
task tables go to the table reader with that path, paragraphs are kept for
search and read for targets. Prose tasks with inline labels and unit duties
come from their own passes over the same blocks.

Parsing must never fail a whole file because one part is odd: each step that
reads free-form content is guarded, and a failure becomes a warning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from knowledge import texts
from knowledge.deadlines import parse_deadline
from knowledge.document import Block, Document, DocumentError, Table
from knowledge.limits import check_time
from knowledge.plan import _unit_memo as unit_memo
from knowledge.plan._table_matrix import roles_from_marks
from knowledge.plan.clauses import assignment_deadline
from knowledge.plan.content_items import extract_content_items
from knowledge.plan.cross_refs import assign_referenced_leads
from knowledge.plan.directives import extract_directives, is_directive, partners, top_part
from knowledge.plan.duties import extract_duties
from knowledge.plan.labels import assignment_tail
from knowledge.plan.metadata import extract_metadata, owner_office
from knowledge.plan.model import Deadline, DocumentMeta, ParsedPlan, Target, Task
from knowledge.plan.prose_tasks import extract_prose_tasks
from knowledge.plan.quality import assess
from knowledge.plan.sections import (
    Outline,
    build_outline,
    clean_text,
    is_article,
    parse_marker,
    prepare_blocks,
)
from knowledge.plan.tables import TableContext, is_task_table, tasks_from_table
from knowledge.plan.targets import TextEntry, extract_targets, in_target_section, targets_from_cells
from knowledge.units import builtin_canonical, unit_key
from knowledge.vietnamese import fold

log = logging.getLogger(__name__)
T = TypeVar("T")


def parse_plan(doc: Document) -> ParsedPlan:
    unit_memo.reset()  # units and aliases added since the last parse are seen
    warnings = list(doc.warnings)
    blocks = prepare_blocks(doc.blocks)
    meta = _guard(lambda: extract_metadata(doc, blocks), DocumentMeta(), "metadata", warnings)
    owner = _guard(lambda: owner_office(meta), None, "owner", warnings)
    outline = _guard(lambda: build_outline(blocks), None, "sections", warnings)
    if outline is None:
        outline = Outline(stacks=[() for _ in blocks])
    plan = ParsedPlan(
        source=doc.source, meta=meta, sections=outline.sections, pages=doc.pages, owner=owner
    )
    entries = _walk(blocks, outline, plan, warnings)
    no_tasks: list[Task] = []
    prose = _guard(
        lambda: extract_prose_tasks(blocks, outline, meta.plan_year, owner),
        no_tasks,
        "prose",
        warnings,
    )
    duties = _guard(
        lambda: extract_duties(
            blocks,
            outline,
            meta.plan_year,
            owner,
            meta.doc_type == "Chỉ thị",
            covered={t.section for t in prose},
        ),
        no_tasks,
        "duties",
        warnings,
    )
    plan.tasks.extend(_merge_duties(prose, duties))
    directive = is_directive(meta.number, meta.doc_type)
    no_intros: set[int] = set()
    ruled = directive or not plan.tasks

    def read_directives(skipped: frozenset[str] = frozenset()) -> tuple[list[Task], set[int]]:
        return _guard(
            lambda: extract_directives(blocks, outline, meta.plan_year, owner, skipped),
            (no_tasks, no_intros),
            "directives",
            warnings,
        )

    if ruled:
        plan.tasks = _with_directives(plan.tasks, *read_directives())
    taken = list(plan.tasks)
    plan.tasks.extend(
        _guard(
            lambda: extract_content_items(
                blocks, outline, meta.plan_year, owner, taken, assigned_only=directive
            ),
            no_tasks,
            "content",
            warnings,
        )
    )
    if not ruled:
        # Only the parts no other reader covered are read: the rest would be dropped.
        directives, _ = read_directives(_covered_parts(plan.tasks))
        plan.tasks.extend(_in_sections_left(plan.tasks, directives))
    _guard(lambda: _period_deadlines(blocks, outline, plan), None, "content", warnings)
    _guard(lambda: _heading_deadlines(plan), None, "content", warnings)
    _guard(lambda: _from_issue_date(plan), None, "content", warnings)
    _guard(lambda: _within_campaign(blocks, plan), None, "content", warnings)
    addressed = _addressee_lines(blocks)
    plan.tasks = [t for t in plan.tasks if t.locator.table or t.locator.line not in addressed]
    plan.tasks = [t for t in _read_once(plan.tasks) if not _role_only(t)]
    _guard(lambda: assign_referenced_leads(plan.tasks), None, "content", warnings)
    _guard(lambda: _read_tails(plan.tasks, meta.plan_year), None, "content", warnings)
    _guard(lambda: _partners_in_words(plan.tasks, owner), None, "content", warnings)
    no_targets: list[Target] = []
    plan.targets = _guard(lambda: _targets(entries, plan), no_targets, "targets", warnings)
    if not plan.tasks:
        warnings.append(texts.PARSE_NO_TASKS)
    if not meta.plan_year:
        warnings.append(texts.PARSE_NO_PLAN_YEAR)
    if meta.number and meta.number.startswith("/"):
        warnings.append(texts.PARSE_BLANK_NUMBER.format(number=meta.number))
    plan.warnings = _unique(warnings)
    plan.quality = _guard(lambda: assess(plan), None, "quality", warnings)
    return plan


# "a) Là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh theo dõi …": the unit's role
# over the items that follow, not work of its own.
# "Là cơ quan thường trực, chủ trì tham mưu …" is work: only the office that "helps"
# (giúp) is a role.
_ROLE = re.compile(r"^là (?:cơ quan|đơn vị) (?:thường trực|đầu mối)\b[^,;]{0,60},\s*giúp\b", re.I)


def _role_only(task: Task) -> bool:
    """A role stated with no time of its own (a timed one carries work: "…, tổng hợp
    báo cáo trước ngày 15/12")."""
    return bool(_ROLE.match(task.title)) and not task.deadline.raw


def _read_once(tasks: list[Task]) -> list[Task]:
    """Each task once: readers tell what others took by its line, and a web page's
    paragraphs have no line, so two readers may both take the same item."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for t in tasks:
        key = (t.section, t.number, t.title, t.locator.table, t.locator.row, t.locator.line)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


_STATED = ("date", "recurring", "event")


def _partners_in_words(tasks: list[Task], owner: str | None) -> None:
    """A task with no coordinators of its own whose words name them ("c) Phối hợp Văn
    phòng UBND tỉnh đánh giá …" under a unit's heading): those units coordinate. Only
    units the plan names elsewhere or the built-in table knows: a list read to the next
    verb can run on into the sentence ("… các địa phương số hóa dữ liệu ngành")."""
    known = {unit_key(u) for t in tasks for u in (*t.lead_units, *t.coordinating_units)}
    for task in tasks:
        if task.lead_units and not task.coordinating_units:
            words = task.title[:1].lower() + task.title[1:]  # "Phối hợp …" opens a duty
            found = partners(words, task.lead_units, owner)
            kept = [k for u in found if (k := _known_head(u, known)) and k not in task.lead_units]
            task.coordinating_units = list(dict.fromkeys(kept))


def _known_head(name: str, known: set[str]) -> str | None:
    """The longest opening of ``name`` that is a unit the plan or the unit table knows:
    "Sở Khoa học và Công nghệ lắp đặt trạm …" (the list ran on to an unlisted verb) is
    "Sở Khoa học và Công nghệ"."""
    words = name.split()
    for n in range(len(words), 1, -1):
        head = " ".join(words[:n]).rstrip(",;:")
        canonical = builtin_canonical(head)
        if canonical is not None:
            return canonical
        if unit_key(head) in known:
            return head
    return None


def _read_tails(tasks: list[Task], year: int | None) -> None:
    """A task whose words end by naming its units ("… . Giao: Sở X chủ trì, Y phối hợp;
    thời gian: …"): its title is the work, and its coordinators and time are the tail's
    when the task has none of its own."""
    for task in tasks:
        tail = assignment_tail(task.title)
        if tail is None or not task.lead_units:
            continue
        if unit_key(tail.lead) not in {unit_key(u) for u in task.lead_units} and not any(
            unit_key(u) in unit_key(tail.lead) for u in task.lead_units
        ):
            continue
        task.title = tail.title
        if tail.deadline and task.deadline.kind not in _OWN_TIME:
            task.deadline = parse_deadline(tail.deadline, year)
        if tail.coordinators and not task.coordinating_units:
            task.coordinating_units = unit_memo.unit_names(tail.coordinators, None)
            task.raw_coordinating = tail.coordinators


_MAX_PERIOD_LINE = 48
_OWN_TIME = ("date", "recurring", "event")


def _period_deadlines(blocks: list[Block], outline: Outline, plan: ParsedPlan) -> None:
    """A work programme by month: "Tháng 3/2026:" over its items dates the items that
    state no time of their own, up to the next such line ("Nhiệm vụ thường xuyên:")."""
    year = plan.meta.plan_year
    periods: list[tuple[int, str, Deadline | None]] = []  # line, section, deadline
    for index, block in enumerate(blocks):
        text = clean_text(block.text) if block.table is None else ""
        if not text.endswith(":") or len(text) > _MAX_PERIOD_LINE or not block.locator.line:
            continue
        found = parse_deadline(text.rstrip(":"), year)
        stated = found if found.kind == "date" and found.due_dates else None
        if stated is None and parse_marker(text) is not None:
            continue  # "2. Sở Tài chính:": a unit heading, not a period
        periods.append((block.locator.line, outline.path(index), stated))
    if not any(d for _, _, d in periods):
        return
    for task in plan.tasks:
        line = task.locator.line
        if not line or task.locator.table or task.deadline.kind in _OWN_TIME:
            continue
        above = [p for p in periods if p[0] < line and p[1] == task.section]
        if above and above[-1][2] is not None:
            task.deadline = above[-1][2]


def _heading_deadlines(plan: ParsedPlan) -> None:
    """Tasks grouped by their time ("1. Nhiệm vụ hoàn thành trong Quý I/2026", "5.
    Nhiệm vụ thực hiện thường xuyên"): an item that states no time of its own is due
    when its heading says."""
    headings = {s.path: s for s in plan.sections}
    for task in plan.tasks:
        if task.deadline.kind in _OWN_TIME or task.deadline.raw or task.locator.table:
            continue
        section = headings.get(task.section.rsplit(" > ", 1)[-1])
        if section is None or not fold(section.title).startswith(_GROUPED_WORK):
            continue
        stated = assignment_deadline(section.title, plan.meta.plan_year)
        if stated.kind in ("date", "ongoing", "recurring") and stated.raw:
            task.deadline = stated


# Headings that group the work by its time, not by its topic.
_GROUPED_WORK = ("nhiem vu", "cac nhiem vu", "cong viec", "nhom nhiem vu")


# A campaign a plan organises ("Tháng hành động vì an toàn thực phẩm", "Đợt cao điểm …"),
# and the line that dates it ("2. Thời gian: từ ngày 15/4/2026 đến ngày 15/5/2026.").
_CAMPAIGNS = (
    "thang hanh dong", "thang cao diem", "dot cao diem", "chien dich", "tuan le", "dot ra quan",
    "dot thi dua", "dot tong ve sinh",
)  # fmt: skip
_CAMPAIGN_TIME = re.compile(
    r"^(?:\d{1,2}\.\s*)?thoi gian(?: thuc hien| trien khai| to chuc)?\s*:\s*(tu .+ den .+)$"
)


def _within_campaign(blocks: list[Block], plan: ParsedPlan) -> None:
    """ "Thành lập đoàn kiểm tra … trong Tháng hành động": a task that states no time of
    its own but the campaign the plan dates is due when the campaign ends. A task that
    states no time at all is not given the campaign's (it may run on after it)."""
    title = fold(plan.meta.title or "")
    names = [c for c in _CAMPAIGNS if c in title]
    if not names:
        return
    end = _campaign_end(blocks, plan.meta.plan_year)
    if end is None:
        return
    said = re.compile(r"\btrong (?:thoi gian (?:dien ra |cua )?)?(?:" + "|".join(names) + r")\b")
    for task in plan.tasks:
        if task.deadline.kind in _STATED:
            continue
        if m := said.search(fold(task.title)):
            raw = task.title[m.start() : m.end()]
            task.deadline = Deadline(raw=raw, kind="date", due_dates=[end])


def _campaign_end(blocks: list[Block], year: int | None) -> date | None:
    for block in blocks:
        if block.table is not None:
            continue
        m = _CAMPAIGN_TIME.match(fold(clean_text(block.text)).rstrip(". "))
        if m:
            found = parse_deadline(m.group(1), year)
            return found.due_dates[-1] if found.kind == "date" and found.due_dates else None
    return None


# "kể từ ngày ký Chỉ thị này", "kể từ ngày Kế hoạch được ban hành": the document's own date.
_OWN_KINDS = r"(?:chi thi|quyet dinh|ke hoach|van ban|thong bao|nghi quyet)"
_OWN_DATE = re.compile(
    rf"ke tu ngay (?:ky(?: (?:ban hanh )?{_OWN_KINDS}(?: nay)?)?$"
    rf"|{_OWN_KINDS}(?: nay)? (?:duoc )?(?:ky|ban hanh|thong qua)$"
    rf"|(?:ban hanh|thong qua)(?: {_OWN_KINDS}(?: nay)?)?$)"
)


def _from_issue_date(plan: ParsedPlan) -> None:
    """ "Trong vòng 10 ngày kể từ ngày ký Chỉ thị này" is a date: the document's date
    plus ten calendar days (a count of working days stays relative)."""
    issued = plan.meta.issued_date
    if issued is None:
        return
    for task in plan.tasks:
        d = task.deadline
        if d.kind != "event" or not d.offset_days or not d.event or "lam viec" in fold(d.raw):
            continue
        # "kể từ ngày Nghị quyết này được thông qua, phân công …": the clause up to its comma
        if _OWN_DATE.search(fold(d.event).split(",")[0].strip(" .;")):
            task.deadline = replace(
                d, kind="date", due_dates=[issued + timedelta(days=d.offset_days)]
            )


def _addressee_lines(blocks: list[Block]) -> set[int]:
    """Lines of the "Nơi nhận:" lists ("- Bộ Nội vụ;", "- Lưu: VT, KGVX."): the units a
    document is sent to, never units given work, whatever pass read them."""
    lines: set[int] = set()
    listing = False
    for block in blocks:
        text = clean_text(block.text) if block.table is None else ""
        if fold(text).startswith("noi nhan"):
            listing = True
        elif not listing or not text.startswith(("-", "–", "+", "•")):
            listing = False
            continue
        if block.locator.line:
            lines.add(block.locator.line)
    return lines


def _merge_duties(prose: list[Task], duties: list[Task]) -> list[Task]:
    """A bullet under a unit heading is read by both passes. The duty pass keeps it,
    unless only the prose pass read its deadline (a "Thời gian hoàn thành: …" line
    after it): then the prose task stays."""
    by_line = {t.locator.line: t for t in prose if t.kind == "duty" and t.locator.line}
    dropped: set[int] = set()
    kept: list[Task] = []
    for duty in duties:
        other = by_line.get(duty.locator.line) if duty.locator.line else None
        stated = other is not None and other.deadline.kind in _STATED
        if stated and duty.deadline.kind not in _STATED:
            continue
        if other is not None:
            dropped.add(id(other))
        kept.append(duty)
    return [t for t in prose if id(t) not in dropped] + kept


def _covered_parts(tasks: list[Task]) -> frozenset[str]:
    """The top-level parts where a reader other than the tables' found tasks."""
    return frozenset(top_part(t.section) for t in tasks if t.section and not t.locator.table)


def _in_sections_left(tasks: list[Task], directives: list[Task]) -> list[Task]:
    """In a plan whose tasks other readers found, the unit-led dated sentences of the
    sections none of them read ("III.1. a) Sở Công Thương chủ trì …, trình trước ngày
    30/6/2026" above a Phụ lục table): a section of such sentences is the plan's too."""
    covered = _covered_parts(tasks)
    lines = {t.locator.line for t in tasks if t.locator.line}
    return [
        t
        for t in directives
        if t.section
        and top_part(t.section) not in covered
        and t.locator.line not in lines
        and t.lead_units
        and t.deadline.kind in _STATED
    ]


def _with_directives(tasks: list[Task], directives: list[Task], intros: set[int]) -> list[Task]:
    """Directive tasks replace duty tasks read from the same paragraph (they keep the
    item's number and its dated deadline), and an item that only introduces its
    sub-items is no duty either; tasks from tables and labels stay."""
    taken = {t.locator.line for t in directives if t.locator.line} | intros
    kept = [t for t in tasks if not (t.kind == "duty" and t.locator.line in taken)]
    have = {t.locator.line for t in kept if t.locator.line}
    return kept + [t for t in directives if t.locator.line not in have]


def _walk(
    blocks: list[Block], outline: Outline, plan: ParsedPlan, warnings: list[str]
) -> list[TextEntry]:
    """Read tables with their section path; collect paragraphs for search and targets."""
    entries: list[TextEntry] = []
    for index, block in enumerate(blocks):
        if index % 64 == 0:
            check_time()  # the file's time limit (knowledge.limits)
        path = outline.path(index)
        if block.table is not None:
            entries.extend(_table(block.table, path, plan, warnings))
            continue
        if outline.is_heading(index) and not is_article(outline.heading_at[index]):
            continue  # an article's sentence is text as well as a heading
        text = clean_text(block.text)
        if text:
            plan.paragraphs.append((path, text, block.locator))
            entries.append(TextEntry(path, text, block.locator))
    return entries


def _table(table: Table, path: str, plan: ParsedPlan, warnings: list[str]) -> list[TextEntry]:
    """Task tables -> tasks; other tables give their rows to search (and targets).

    A table the reader takes as a task table but yields nothing from is kept as
    rows too, so its text stays searchable.
    """
    meta = plan.meta
    table = _guard(lambda: roles_from_marks(table), table, "table", warnings)
    if _guard(lambda: is_task_table(table), False, "table", warnings):
        ctx = TableContext(section=path, plan_year=meta.plan_year, owner=plan.owner)
        tasks: list[Task] = _guard(lambda: tasks_from_table(table, ctx), [], "table", warnings)
        plan.tasks.extend(tasks)
        warnings.extend(ctx.warnings)
        if tasks:
            return []  # its rows are searchable as tasks; passages would only repeat them
    entries: list[TextEntry] = []
    for row in table.rows:
        text = " | ".join(c for c in row.cells if c)
        if not text:
            continue
        plan.paragraphs.append((path, text, row.locator))
        if in_target_section(path) or _has_target_header(table):
            entries.extend(TextEntry(path, c, row.locator) for c in row.cells if c)
    return entries


def _has_target_header(table: Table) -> bool:
    head = " ".join(table.rows[0].cells) if table.rows else ""
    return "chi tieu" in fold(head)


def _targets(entries: list[TextEntry], plan: ParsedPlan) -> list[Target]:
    """Targets from prose, then the objective cells of task tables not already found."""
    year = plan.meta.plan_year
    found = extract_targets(entries, year)
    objectives: list[TextEntry] = []
    seen: set[str] = set()
    for task in plan.tasks:
        if task.objective and fold(task.objective) not in seen:
            seen.add(fold(task.objective))
            objectives.append(TextEntry(task.section, task.objective, task.locator))
    return found + targets_from_cells(objectives, year, found)


def _guard(step: Callable[[], T], fallback: T, what: str, warnings: list[str]) -> T:
    try:
        return step()
    except DocumentError:  # a limit (time) stops the whole file, not one step
        raise
    except Exception:  # one odd part must not lose the whole plan
        log.exception("plan parsing step %s failed", what)
        warnings.append(texts.PARSE_STEP_FAILED.format(step=texts.PARSE_STEPS.get(what, what)))
        return fallback


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
