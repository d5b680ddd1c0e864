"""Work items of a plan's content section, the ones no unit is named for.

Many plans list what is to be done under a content heading and only say later,
under "Tổ chức thực hiện", who does which part (or not at all)::

    II. NỘI DUNG TRỌNG TÂM
    1. Tổ chức rà soát, đánh giá tất cả các nội dung …
    2. Nâng cao vai trò, trách nhiệm của người đứng đầu …

    IV. NỘI DUNG HOẠT ĐỘNG TRIỂN KHAI
    1. Công tác vệ sinh môi trường
    a) Thu gom và xử lý rác thải
    - Tổ chức thu gom, vận chuyển và xử lý triệt để rác thải sau lũ.

Each leaf item (a numbered, lettered or bulleted paragraph with no items of its own
below it) is a task of the plan. Items that only specify ("- Điểm quan trắc: …",
"+ Xã Trường Văn: lấy mẫu 01 vị trí", "- Số lượng: 5.000 cuốn") are no work of their
own: the heading they specify is the task ("a) Nguồn nước cấp nuôi tôm"), with the
deadline its specification states ("thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026"). Its lead is the unit its sentence opens with, else
none: the plan names none, and the quality report counts such tasks so that an
admin can assign them. Its deadline is the one the item states, else none; a date
is never borrowed from elsewhere.

This pass runs after the others and reads only paragraphs none of them took.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge import texts
from knowledge.deadlines import parse_deadline
from knowledge.document import Block, Locator
from knowledge.plan._unit_memo import unit_names
from knowledge.plan.clauses import assignment_deadline, names_unit, subject_of
from knowledge.plan.labels import assignment_tail, starts_with_label
from knowledge.plan.model import Section, Task
from knowledge.plan.prose_tasks import unit_heading
from knowledge.plan.sections import (
    RANK_LETTER,
    Outline,
    clean_text,
    join_path,
    parse_marker,
    qualified_number,
    stack_numbers,
    strip_bullet,
)
from knowledge.plan.targets import in_target_section
from knowledge.units import builtin_canonical
from knowledge.vietnamese import fold

# Headings whose items are the work to be done ("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU").
_CONTENT_HEADINGS = (
    "nhiem vu", "giai phap", "noi dung", "hoat dong", "cac nhiem vu", "cac giai phap",
    "cac hoat dong", "cong viec", "cac noi dung", "mot so nhiem vu", "mot so giai phap",
    "phuong huong, nhiem vu", "phuong huong nhiem vu",  # a report's plan for next year
)  # fmt: skip
_WORK_LISTS = ("danh muc nhiem vu", "danh muc cac nhiem vu", "danh muc hoat dong")
# Headings under which items state facts, aims or rules, not work.
_NOT_CONTENT = (
    "muc dich", "yeu cau", "muc tieu", "quan diem", "can cu", "tinh hinh", "ket qua",
    "danh gia", "han che", "ton tai", "su can thiet", "boi canh", "thuc trang",
    "nguyen nhan", "bai hoc", "pham vi", "doi tuong", "giai thich", "nguyen tac",
    "chi tieu", "kinh phi", "nguon von", "nguon luc", "nguon kinh phi", "to chuc thuc hien", "phan cong", "trach nhiem",
    "che do", "dia diem", "thoi gian", "thanh phan", "du kien", "phuong phap",
    "noi dung giam sat", "noi dung danh gia", "nguy co", "danh muc", "cac buoc",
)  # fmt: skip
# Headings that open with a verb of work name work to be done; only consulted when no
# heading of the stack says what its items are (a "1. Phát triển …" under "MỤC TIÊU"
# is an aim).
_WORK_HEADING = re.compile(
    r"(?:phat trien|xay dung|hoan thien|day manh|tang cuong|nang cao|trien khai|thuc day|"
    r"doi moi|chuyen doi|ung dung|cai cach|kien toan|dao tao|boi duong|tuyen truyen|"
    r"ho tro|huy dong|dau tu|cung co|so hoa|chuan hoa|mo rong|cai thien|nang cap|"
    r"khac phuc|phong chong|phong ngua|quan ly|bao ve)\b"
)
_BULLET_RANK = RANK_LETTER + 1
_PLAIN_RANK = RANK_LETTER + 9  # below every list level
_MIN_WORDS = 4  # "- Cúm mùa." is a list of things, not a piece of work
_MAX_TITLE = 600
_TABLE_PLAN = 3  # tasks read from table rows that make a plan a table plan
_SPEC_HEAD = re.compile(r"^([^:;.()]{2,80}?)\s*:(?:\s|$)")  # "(Chủ trì: …)" ends no name
_SPEC_SHARE = 0.6  # share of "name: value" items that makes a section a specification


@dataclass
class _Item:
    index: int
    rank: float
    number: str
    text: str
    stack: tuple[Section, ...]
    locator: Locator
    plain: bool = False  # a paragraph without a list mark


def _kind(title: str) -> bool | None:
    folded = fold(title)
    for prefix in ("ve ", "cac ", "nhung "):
        folded = folded.removeprefix(prefix)
    if folded.startswith(_WORK_LISTS):
        return True  # "Danh mục nhiệm vụ cụ thể năm 2026", not a "Danh mục" of records
    if folded.startswith(_NOT_CONTENT):
        return False
    if folded.startswith("noi dung") and "thu tuc hanh chinh" in folded:
        # "Nội dung chi tiết từng thủ tục hành chính đơn giản hóa": records of the
        # procedures a simplification plan changes, not work items
        return False
    if folded.startswith(_CONTENT_HEADINGS):
        return True
    return None


def in_content_section(stack: tuple[Section, ...]) -> bool:
    """The nearest heading that says what its items are says they are work; failing
    any, a heading that names work ("III. PHÁT TRIỂN NỀN MÓNG KINH TẾ SỐ") does."""
    if stack and _given_unit(stack[-1].title):
        return True  # "Điều 2. Giao Ủy ban nhân dân tỉnh …, tập trung các nhiệm vụ sau:"
    for section in reversed(stack):
        if in_target_section(section.title):
            return False
        kind = _kind(section.title)
        if kind is not None:
            return kind
    return any(_WORK_HEADING.match(fold(section.title)) for section in stack)


def _item(index: int, block: Block, outline: Outline) -> _Item | None:
    text = clean_text(block.text)
    if not text or outline.is_heading(index) or block.table is not None:
        return None
    marker = parse_marker(text)
    if marker is not None and marker.kind in ("arabic", "letter"):
        return _Item(
            index, marker.rank, marker.number, marker.rest, outline.stacks[index], block.locator
        )
    bare = strip_bullet(text)
    if bare != text:
        rank = _BULLET_RANK + (1 if text.lstrip().startswith("+") else 0)
        return _Item(index, rank, "", bare, outline.stacks[index], block.locator)
    return _Item(index, _PLAIN_RANK, "", text, outline.stacks[index], block.locator, plain=True)


def _lone_paragraphs(items: list[_Item], parents: set[str]) -> list[_Item]:
    """Marked items, and the one paragraph a sub-heading holds alone ("4. Công tác
    truyền thông" then one paragraph of what to do): that paragraph is its work. Other
    unmarked paragraphs introduce or continue an item. ``parents``: headings with
    sub-headings."""
    by_path = _by_path(items)
    kept = []
    for item in items:
        path = join_path(item.stack)
        alone = len(by_path[path]) == 1 and len(item.stack) >= 2 and path not in parents
        if not item.plain or (alone and not item.text.endswith(":")):
            kept.append(item)
    return kept


def _spec_entry(text: str) -> bool:
    """ "Điểm quan trắc: …", "Xã Trường Văn: …": a short name before a colon, no unit."""
    m = _SPEC_HEAD.match(text)
    # "… — Cơ quan thực hiện: Sở X": the colon is the unit's field, the item is work
    return m is not None and not names_unit(m.group(1)) and not _assigns_after(text)


def _leaves(items: list[_Item]) -> list[_Item]:
    """Items with no deeper item right after them in the same section."""
    out: list[_Item] = []
    for k, item in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        parent = nxt is not None and nxt.stack == item.stack and nxt.rank > item.rank
        if not parent and not item.text.endswith(":"):
            out.append(item)
    return out


def _read_by_others(stack: tuple[Section, ...], read: set[str]) -> bool:
    return any(join_path(stack[:depth]) in read for depth in range(2, len(stack) + 1))


def _task(item: _Item, plan_year: int | None, owner: str | None, given: str = "") -> Task | None:
    title = item.text.strip()
    if len(title.split()) < _MIN_WORDS:
        return None
    unit, _rest = subject_of(title)
    unit = unit or given
    deadline = assignment_deadline(title, plan_year)
    coordinators = ""
    tail = assignment_tail(title) if not unit else None
    if tail is not None and names_unit(tail.lead):
        # "… . Giao: Sở X; thời gian: Quý III/2026." / "… (Sở X chủ trì; năm 2026)."
        unit, coordinators, title = tail.lead, tail.coordinators, tail.title
        if tail.deadline:
            deadline = parse_deadline(tail.deadline, plan_year)  # "Quý III/2026"
    if not unit and owner and _owner_does(owner):
        unit = owner  # a department's own plan: its work items are its own
    numbers = stack_numbers(item.stack)
    own = [item.number] if item.number else []
    return Task(
        number=qualified_number([*numbers, *own]),
        title=title[:_MAX_TITLE],
        section=join_path(item.stack),
        lead_units=unit_names(unit, owner) if unit else [],
        coordinating_units=unit_names(coordinators, owner) if coordinators else [],
        deadline=deadline,
        kind="task",
        raw_lead=unit,
        raw_coordinating=coordinators,
        locator=item.locator,
        warnings=[] if unit else [texts.TASK_LEAD_NOT_STATED],
    )


# Offices that issue plans for others to carry out, not do the items themselves.
_ISSUERS_FOR_OTHERS = (
    "ubnd", "uy ban nhan dan", "hoi dong nhan dan", "chinh phu", "thu tuong", "tinh uy",
    "thanh uy", "van phong chinh phu", "ban chap hanh", "ban thuong vu",
)  # fmt: skip


def _owner_does(owner: str) -> bool:
    return not fold(owner).startswith(_ISSUERS_FOR_OTHERS)


def _inherit_leads(tasks: list[Task], taken: list[Task]) -> None:
    """ "2. Giám đốc các sở, Chủ tịch UBND cấp xã chịu trách nhiệm:" read by another pass,
    then "a) …" with bullets: the bullets are the work of the units the item names."""
    intros = [t for t in taken if t.lead_units and t.title.rstrip().endswith(":") and t.number]
    for task in tasks:
        if task.lead_units:
            continue
        line = task.locator.line or 0
        above = [
            t
            for t in intros
            if task.number.startswith(f"{t.number}.") and (t.locator.line or 0) < line
        ]
        if above:
            intro = max(above, key=lambda t: t.locator.line or 0)
            task.lead_units, task.raw_lead = list(intro.lead_units), intro.raw_lead
            task.warnings = []


def extract_content_items(
    blocks: list[Block],
    outline: Outline,
    plan_year: int | None,
    owner: str | None,
    taken: list[Task],
    assigned_only: bool = False,
) -> list[Task]:
    """Tasks for the leaf items of content sections that no other pass read.

    With ``assigned_only`` (a directive, whose own pass reads its sentences) only the
    items that name their unit after the work ("… — Cơ quan thực hiện: Sở X") count.

    A section where another pass found a task is that pass's: its other paragraphs
    are the task's details ("+ Hướng dẫn áp dụng …" under a labelled task)."""
    # Rows of a targets table ("PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU …") restate no work.
    tabled = [t for t in taken if t.locator.table is not None and not in_target_section(t.section)]
    # The plan gives its tasks in a table: the body's content sections describe the same
    # work in general terms, and would count it twice; only an item that assigns its own
    # unit after the work ("… . Đơn vị thực hiện: Phòng X.") is a task of its own.
    table_plan = len(tabled) >= _TABLE_PLAN or assigned_only
    taken_lines = {t.locator.line for t in taken if t.locator.line}
    read = {t.section for t in taken}
    items = [
        item
        for index, block in enumerate(blocks)
        if outline.stacks[index] and in_content_section(outline.stacks[index])
        if (item := _item(index, block, outline)) is not None
    ]
    parents = {s.parent for s in outline.sections if s.parent}
    items = _lone_paragraphs(items, parents)
    specified = _specified_paths(items)
    tasks: list[Task] = []
    for item in _leaves(items):
        if item.locator.line and item.locator.line in taken_lines:
            continue
        # (an item that names its own unit is its own task, whoever read its neighbours)
        own_unit = table_plan or _assigns_after(item.text)
        if not own_unit and _read_by_others(item.stack, read) or starts_with_label(item.text):
            continue
        given = _given_unit(item.stack[-1].title) if item.stack else ""
        if (
            join_path(item.stack) in specified
            or table_plan
            and not (given or _assigns_after(item.text))
        ):
            continue
        if (task := _task(item, plan_year, owner, given)) is not None:
            tasks.append(task)
    _inherit_leads(tasks, taken)
    read |= {t.section for t in tasks}
    if table_plan:
        return tasks
    return tasks + _specified_headings(specified, parents, read, plan_year)


_GIVING = re.compile(r"^(?:giao|de nghi|yeu cau)\s+")


def _given_unit(title: str) -> str:
    """The unit a heading gives the items below to ("Giao Ủy ban nhân dân tỉnh tổ chức
    thực hiện …, trong đó tập trung các nhiệm vụ sau", "Sở Y tế:"), or ""."""
    m = _GIVING.match(fold(title))
    if m is None:
        # "1. Ủy ban nhân dân các xã, phường", "Sở Tài chính - Cơ quan thường trực": a
        # heading that only names a known unit gives it the items below ("i) Doanh
        # nghiệp số" is a topic, though it reads like a name)
        unit = unit_heading(title)
        return unit if unit and builtin_canonical(unit) is not None else ""
    if not fold(title).rstrip(" :.").endswith(("sau", "nhu sau", "cu the")):
        return ""
    unit, _rest = subject_of(title[m.end() :])
    return unit


def _assigns_after(text: str) -> bool:
    tail = assignment_tail(text)
    return tail is not None and names_unit(tail.lead)


def _by_path(items: list[_Item]) -> dict[str, list[_Item]]:
    by_path: dict[str, list[_Item]] = {}
    for item in items:
        by_path.setdefault(join_path(item.stack), []).append(item)
    return by_path


def _specified_paths(items: list[_Item]) -> dict[str, list[_Item]]:
    """Sections whose items are mostly "name: value" entries: a specification.

    One item with a colon among actions ("- Lấy mẫu xét nghiệm các nguồn nước: giếng, bể
    chứa …") is still work; a run of them ("- Điểm quan trắc: …", "+ Xã A: …") is not."""
    return {
        path: rows
        for path, rows in _by_path(items).items()
        if _spec_count(rows) >= _SPEC_SHARE * len(rows)
    }


def _spec_count(rows: list[_Item]) -> int:
    """Entries, with the sub-items of an entry ("- Cửa sông A: lấy mẫu 03 vị trí gồm:"
    then "+ 01 vị trí …") counted as part of it."""
    count, entry_rank = 0, None
    for row in rows:
        if entry_rank is not None and row.rank > entry_rank:
            count += 1
            continue
        entry_rank = row.rank if _spec_entry(row.text) else None
        count += entry_rank is not None
    return count


def _specified_headings(
    specified: dict[str, list[_Item]], parents: set[str], read: set[str], plan_year: int | None
) -> list[Task]:
    """A leaf heading whose items only specify it is one task."""
    tasks: list[Task] = []
    for path, rows in specified.items():
        stack = rows[0].stack
        if path in read or path in parents or _read_by_others(stack, read):
            continue
        if _spec_entry(stack[-1].title):
            continue  # "1. Tên thủ tục hành chính: …": a record, not a piece of work
        body = " ".join(r.text for r in rows)
        tasks.append(
            Task(
                number=qualified_number(stack_numbers(stack)),
                title=stack[-1].title,
                section=path,
                deadline=assignment_deadline(body, plan_year),
                kind="task",
                locator=stack[-1].locator,
                warnings=[texts.TASK_LEAD_NOT_STATED],
            )
        )
    return tasks
