"""Directive prose: công điện, chỉ thị, thông báo kết luận, nghị quyết and programmes.

These documents give their tasks as numbered prose. The unit is named once, at
some level of the numbering, and every item below it is one of its tasks:

* "3. Bộ Tài chính chủ trì, phối hợp … hoàn thành trước ngày 15 tháng 12 năm 2025."
* "7. Giao Bộ Y tế chủ trì …, báo cáo … trước ngày 15/12/2025."
* "3. Bộ Tài chính chủ trì, phối hợp với các cơ quan:" then "a) …", "b) …": each lettered
  item is one task of that unit, numbered "3.a", "3.b" (the item itself only
  introduces them);
* "a) Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh" alone, then "- …" bullets;
* "Chính phủ yêu cầu các Bộ trưởng, …, Chủ tịch Ủy ban nhân dân …, trong đó chú trọng
  những nội dung sau:" then "a) …": the lead comes from the introducing sentence;
* "1. Về hỗ trợ kinh phí …: Giao Bộ Tài chính chủ trì …" (a conclusion's topic, then
  the assignment); "2. Về …: Tỉnh căn cứ …" (the addressed province).

Items are read with a stack of open levels (Roman, Arabic by depth, letters,
bullets, an introducing paragraph), so the unit of the nearest level above
applies and the task's number is its full number ("II.3.a"). Items under an
assessment or purpose heading ("Mục đích", "Những kết quả nổi bật") are no tasks.
The deadline is read by ``knowledge.plan.clauses.assignment_deadline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.document import Block, Locator
from knowledge.plan._unit_memo import unit_names
from knowledge.plan.clauses import (
    AGREED,
    SUBJECT_VERB,
    UNIT_CLAUSE_END,
    assignment_deadline,
    subject_of,
)
from knowledge.plan.labels import starts_with_label
from knowledge.plan.model import Deadline, Task
from knowledge.plan.sections import (
    RANK_LETTER,
    Outline,
    Section,
    clean_text,
    parse_marker,
    qualified_number,
    strip_bullet,
)
from knowledge.units import looks_like_unit, normalize_units
from knowledge.vietnamese import fold

# Document kinds (from the số hiệu) whose assignments are written as prose.
_DIRECTIVE_NUMBER = re.compile(r"/(?:CĐ|CT|TB|NQ|KL)-", re.IGNORECASE)
_STOP = ("noi nhan", "tm.", "kt.")
# The formulas that hand a task to a unit in a conclusion or a resolution.
_ASSIGN = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu|Phân công)\s+(?=\S)")
# "…, Chính phủ yêu cầu các Bộ trưởng, … những nội dung sau:" introduces the items below.
_INTRO = re.compile(r"(?:^|[\s,;])(?:yêu cầu|giao|đề nghị|chỉ đạo)\s+(?=\S)", re.IGNORECASE)
_BULLET_RANK = {"-": RANK_LETTER + 1, "–": RANK_LETTER + 1, "•": RANK_LETTER + 1}
_SUB_BULLET_RANK = RANK_LETTER + 2  # "+ …"
# "(1) Bộ Tài chính giải quyết …": numbered sub-items of an item, above its bullets.
_PAREN_ITEM = re.compile(r"^\((\d{1,2}|[ivx]{1,4})\)\s*(?=\S)")
_PAREN_RANK = RANK_LETTER + 0.5
_PAREN_ROMAN_RANK = _PAREN_RANK + 0.25  # "(i)" under "(3)"
# "Bộ X: (1) trình …; (2) chủ trì …": the sub-items written inside one paragraph.
_INLINE_ITEM = re.compile(r"(?:(?<=[\s:;.,])|^)\((\d{1,2}|[ivx]{1,4})\)\s*(?=\S)")
_ROMAN_VALUE = {
    r: k for k, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"), 1)
}
_ADDRESSEES = re.compile(r"(?:\bdien|\bkinh gui|^gui)\s*:\s*$")
_HEADS_OF = ("lanh dao ", "nguoi dung dau ")  # the heads of the unit named above
# "11. Các đơn vị cấp nước có trách nhiệm" (then "a) …"): the unit, and no task yet.
_DUTY_ONLY = {"co trach nhiem", "chiu trach nhiem", "co nhiem vu", "thuc hien"}
_MAX_TOPIC_HEAD = 160  # "Đẩy mạnh … chính sách:" before the assignment
_MAX_TITLE = 1500  # an item's text with the paragraphs that go on from it
# Headings under which numbered text states facts or aims, not assignments.
_NOT_TASKS = (
    "muc dich", "yeu cau", "muc tieu", "quan diem", "can cu", "tinh hinh", "ket qua",
    "nhung ket qua", "danh gia", "han che", "ton tai", "su can thiet", "boi canh",
    "thuc trang", "nguyen nhan", "bai hoc", "pham vi", "doi tuong", "giai thich",
)  # fmt: skip
_TASK_HEADINGS = (
    "nhiem vu", "giai phap", "phuong huong", "to chuc thuc hien", "phan cong", "trach nhiem",
    "kien nghi", "chi dao", "de nghi", "giao ", "noi dung", "mot so",
)  # fmt: skip


def split_inline_items(text: str) -> list[str]:
    """ "a) Bộ X: (1) trình …; (2) chủ trì …; (3) … (i) …; (ii) …" -> the head and one
    piece per sub-item, each starting with its mark. The marks must run in order from
    (1), at least two of them: a lone "(1)" is a reference, not a list."""
    cuts: list[int] = []
    digit, roman = 1, 1
    for m in _INLINE_ITEM.finditer(text):
        label = m.group(1)
        if label.isdigit() and int(label) == digit:
            cuts.append(m.start())
            digit, roman = digit + 1, 1
        elif not label.isdigit() and digit > 1 and _ROMAN_VALUE.get(label) == roman:
            cuts.append(m.start())
            roman += 1
    if digit <= 2 or (cuts[0] == 0 and len(cuts) == 1):
        return [text]
    ends = [*cuts[1:], len(text)]
    pieces = [
        text[: cuts[0]].strip(),
        *(text[a:b].strip().rstrip(";").strip() for a, b in zip(cuts, ends, strict=True)),
    ]
    return [p for p in pieces if p]


# Where a sentence or a clause starts: "… trong tháng 12 năm 2025. Để xác định …, Ủy
# ban nhân dân tỉnh …" or "…, hoàn thành trong tháng 12 năm 2025; Bộ Khoa học …".
_CLAUSE_START = re.compile(r"(?<=[.;])\s++(?=[A-ZĐÀ-Ỹ])")


def split_actors(body: str, lead: str) -> tuple[str, list[tuple[str, str]]]:
    """An item that hands work to two units in turn -> its first part, and (unit, text)
    for each later clause whose subject is another unit that acts ("…; Bộ Khoa học và
    Công nghệ hướng dẫn các Tập đoàn …"). A unit that only takes part ("…; Bộ Y tế phối
    hợp thực hiện") stays in the task of the unit before it."""
    cuts: list[tuple[int, str]] = []
    seen = {fold(lead)}
    for m in _CLAUSE_START.finditer(body):
        unit, rest = subject_of(body[m.end() :])
        if not unit or fold(unit) in seen or not looks_like_unit(unit):
            continue
        folded = fold(rest)
        if folded.startswith(("duoc ", "bi ", "la ")) or re.match(r"phoi hop(?! voi)", folded):
            continue
        if not SUBJECT_VERB.match(f" {rest}") or not unit_names(unit, None):
            continue
        seen.add(fold(unit))
        cuts.append((m.end(), unit))
    if not cuts:
        return body, []
    ends = [c for c, _ in cuts[1:]] + [len(body)]
    parts = [(unit, body[start:end].strip()) for (start, unit), end in zip(cuts, ends, strict=True)]
    return body[: cuts[0][0]].strip(), parts


def is_directive(number: str | None, doc_type: str | None) -> bool:
    if number and _DIRECTIVE_NUMBER.search(number):
        return True
    return fold(doc_type or "") in ("cong dien", "chi thi", "thong bao", "nghi quyet")


@dataclass
class _Level:
    rank: float
    number: str  # the printed marker ("II.", "3.", "a)"), "" for a bullet or a paragraph
    unit: str  # the unit this level names, "" if none
    task: int | None = None  # index of the task the item gave
    open_list: bool = False  # its text ends with ":" (its items follow)
    body_read: bool = False  # a plain paragraph already went on this item


@lru_cache(maxsize=4096)
def _heading_kind(title: str) -> bool | None:
    """True for a task heading, False for an assessment or purpose one, else None."""
    folded = re.sub(r"^(?:về|ve)\s+", "", fold(title))
    if folded.startswith(_TASK_HEADINGS):
        return True
    if folded.startswith(_NOT_TASKS):
        return False
    return None


def _assigns(stack: tuple[Section, ...]) -> bool:
    """The nearest heading that says what its text is: a task heading or not."""
    for section in reversed(stack):
        kind = _heading_kind(section.title)
        if kind is not None:
            return kind
    return True


def _after_topic(body: str) -> tuple[str, str]:
    """ "2. Đẩy mạnh hoàn thiện thể chế: Các bộ khẩn trương trình …": a conclusion's topic,
    then the assignment, whose subject is the unit."""
    topic, colon, tail = body.partition(":")
    if not colon or not tail.strip() or len(topic) > _MAX_TOPIC_HEAD:
        return "", body
    unit, rest = subject_of(tail.strip())
    # the unit acts ("Các bộ khẩn trương trình …"), not "Đơn vị sự nghiệp … được sắp xếp"
    acts = bool(SUBJECT_VERB.match(f" {rest}")) and not rest.startswith(("được ", "bị "))
    return (unit, rest) if unit and len(rest) > 3 and acts else ("", body)


def _intro_unit(text: str) -> str:
    """The unit an introducing sentence hands the items below to, or ""."""
    if not text.endswith(":"):
        return ""
    unit, rest = subject_of(text)
    if unit and fold(rest).startswith("chi dao "):
        return unit  # "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:": the one who directs
    for m in _INTRO.finditer(text):
        unit, rest = subject_of(text[m.end() :])
        if unit and rest:
            return unit
    return ""


class _Reader:
    def __init__(self, outline: Outline, plan_year: int | None, owner: str | None) -> None:
        self.outline = outline
        self.plan_year = plan_year
        self.owner = owner
        self.tasks: list[Task] = []
        self.levels: list[_Level] = []
        self.drop: set[int] = set()
        self.addressees = False  # inside the list of addressees of a công điện

    def read(self, index: int, block: Block) -> None:
        text = clean_text(block.text)
        if not text:
            return
        for piece in split_inline_items(text):
            self._read_text(index, block, piece)

    def _read_text(self, index: int, block: Block, text: str) -> None:
        if fold(text).startswith(_STOP):
            # The signature closes the body; an appendix ("Phụ lục") may follow it with
            # more assignments, so reading goes on with a fresh stack.
            self.levels = []
            return
        body = strip_bullet(text)
        if _ADDRESSEES.search(fold(text)):
            self.addressees = True  # "THỦ TƯỚNG CHÍNH PHỦ điện:" / "Kính gửi:" then the list
            return
        if self.addressees and body != text:
            return
        self.addressees = False
        marker = parse_marker(body)
        if marker is not None and marker.kind in ("appendix", "part"):
            self.levels = []
            return
        # "(1) …" only under an open item: in a footnote or an annex it lists facts
        under_item = any(lv.number or lv.unit for lv in self.levels)
        paren = _PAREN_ITEM.match(body) if marker is None and under_item else None
        if marker is not None and marker.kind in ("roman", "arabic", "letter", "content"):
            self._item(index, block, marker.rank, marker.number, marker.rest.strip())
        elif paren is not None:
            rank = _PAREN_RANK if paren.group(1).isdigit() else _PAREN_ROMAN_RANK
            self._item(index, block, rank, f"({paren.group(1)})", body[paren.end() :])
        elif body != text:
            rank = _BULLET_RANK.get(text[:1], _SUB_BULLET_RANK)
            self._item(index, block, rank, "", body)
        else:
            self._paragraph(index, block, text)

    def _pop(self, rank: float) -> None:
        while self.levels and self.levels[-1].rank >= rank:
            self.levels.pop()

    def _inherited(self) -> str:
        return next((lv.unit for lv in reversed(self.levels) if lv.unit), "")

    def _number(self, own: str) -> str:
        return qualified_number([*(lv.number for lv in self.levels), own])

    def _item(self, index: int, block: Block, rank: float, number: str, body: str) -> None:
        self._pop(rank)
        parent = self.levels[-1] if self.levels else None
        if parent is not None and parent.task is not None and parent.open_list:
            self.drop.add(parent.task)  # "Bộ X chủ trì …: a) … b) …": the items are the tasks
        level = _Level(rank, number, "", open_list=body.endswith(":"))
        if not body or starts_with_label(body):
            self.levels.append(level)  # "2. Cơ quan chủ trì: …" is a field of a labelled task
            return
        unit, rest = subject_of(body)
        if not unit:
            unit, rest = _after_topic(body)
        if not unit:
            unit = _intro_unit(body)
            rest = ""
        if unit and self._inherited() and fold(unit).startswith(_HEADS_OF):
            unit = ""  # "Lãnh đạo các địa phương cần …" under "2. Ủy ban nhân dân các tỉnh …:"
        level.unit = unit
        lead = unit or self._inherited()
        full = self._number(number)
        self.levels.append(level)
        if not lead or not _assigns(self.outline.stacks[index]):
            return
        if not unit and (self.outline.is_heading(index) and rank < RANK_LETTER or body.isupper()):
            return  # "I. VỀ HOÀN THIỆN THỂ CHẾ" under an introducing sentence: a section
        if unit and (len(rest) <= 3 or fold(rest).rstrip(" :") in _DUTY_ONLY):
            return  # "a) Các bộ, cơ quan ngang bộ, …" introduces the items below it
        level.task = len(self.tasks)
        head, others = split_actors(body, lead)
        task = self._task(full, lead, head, index, block.locator)
        if parent is not None and parent.open_list and task.deadline.kind == "none":
            task.deadline = self._list_deadline(parent)
        self.tasks.append(task)
        for unit, text in others:
            self.tasks.append(self._task(full, unit, text, index, block.locator))

    def _list_deadline(self, parent: _Level) -> Deadline:
        """ "b) Các Bộ … hoàn thành trong tháng 11 năm 2025, cụ thể: (1) … (2) …": items
        that detail a dated item share its date; otherwise they state their own."""
        if parent.task is None or parent.task >= len(self.tasks):
            return Deadline(raw="", kind="none")
        stated = self.tasks[parent.task].deadline
        return stated if stated.kind == "date" else Deadline(raw="", kind="none")

    def _paragraph(self, index: int, block: Block, text: str) -> None:
        """A paragraph without a mark: an assignment formula, an introducing sentence,
        or the text of the numbered heading just above it."""
        if not _assigns(self.outline.stacks[index]):
            return
        parent = self.levels[-1] if self.levels else None
        number = self._number("")
        if parent is not None and self._goes_on(parent, text, index, block):
            return
        handed = _ASSIGN.match(text) or AGREED.match(text)
        unit, rest = subject_of(text) if handed else ("", "")
        first_body = parent is not None and not parent.body_read and parent.number
        if not unit and first_body and parent is not None and not parent.unit:
            unit, rest = subject_of(text)  # "5. Thực hiện … giám sát" / "Các bộ, … chuyển mạnh …"
        if not unit and _LEADS.search(text[:_LEAD_REACH]):
            # "Sở Tài chính chủ trì thẩm định …": a paragraph whose list mark a converter
            # dropped still gives its unit the work
            unit, rest = subject_of(text)
        if parent is not None:
            parent.body_read = True
        if unit and len(rest) > 3 and not text.endswith(":"):
            self.tasks.append(self._task(number, unit, text, index, block.locator))
            return
        intro = _intro_unit(text)
        if intro:
            base = parent.rank if parent is not None else 0.0
            self.levels.append(_Level(base + 0.5, "", intro, open_list=True))

    def _goes_on(self, parent: _Level, text: str, index: int, block: Block) -> bool:
        """A paragraph that continues the item above: the rest of its unit list ("2. Bộ
        trưởng các Bộ," / "Chủ tịch Ủy ban nhân dân …"), the text of a unit-only item
        (one task of that unit) or more of its task's text."""
        if _ASSIGN.match(text) or AGREED.match(text) or text.endswith(":"):
            return False
        if parent.unit and parent.task is None and not parent.body_read and parent.number:
            head, rest = subject_of(text)
            if head and not rest:
                parent.unit = f"{parent.unit.rstrip(' ,')}, {head}"
                return True
            parent.body_read = True
            parent.task = len(self.tasks)
            number = self._number("")
            self.tasks.append(self._task(number, parent.unit, text, index, block.locator))
            return True
        if parent.task is not None and parent.task < len(self.tasks) and parent.number:
            task = self.tasks[parent.task]
            if task.locator.line and len(task.title) + len(text) <= _MAX_TITLE:
                task.title = f"{task.title} {text}"
                stated = assignment_deadline(task.title, self.plan_year)
                if stated.kind != "none":  # else keep what the item shares with its list
                    task.deadline = stated
                return True
        return False

    def _task(self, number: str, unit: str, body: str, index: int, locator: Locator) -> Task:
        leads = unit_names(unit, self.owner)  # no fragment stands in for a unit
        return Task(
            number=number,
            title=body,
            section=self.outline.path(index),
            lead_units=leads,
            coordinating_units=partners(body, leads, self.owner),
            deadline=assignment_deadline(body, self.plan_year),
            kind="task",
            raw_lead=unit,
            locator=locator,
        )


_LEADS = re.compile(r"\schủ trì[\s,]")
_LEAD_REACH = 160  # "chủ trì" this near the start follows the subject unit


def extract_directives(
    blocks: list[Block],
    outline: Outline,
    plan_year: int | None,
    owner: str | None,
    skipped: frozenset[str] = frozenset(),
) -> tuple[list[Task], set[int]]:
    """The directive tasks, and the lines of the items that only introduce a list
    ("b) Các Bộ: … cụ thể:" over "(1) …"): no other pass may take those for tasks.
    ``skipped``: top-level parts whose paragraphs are not read (their headings are)."""
    reader = _Reader(outline, plan_year, owner)
    for index, block in enumerate(blocks):
        if block.table is not None:
            continue
        if skipped and not outline.is_heading(index) and top_part(outline.path(index)) in skipped:
            continue
        reader.read(index, block)
    kept = [t for k, t in enumerate(reader.tasks) if k not in reader.drop]
    lines = (reader.tasks[k].locator.line for k in reader.drop)
    return kept, {line for line in lines if line is not None}


def top_part(section: str) -> str:
    """The plan's top-level part a section path stands in ("III" of "III. NHIỆM VỤ > 1.")."""
    return section.split(".")[0]


# "chủ trì, phối hợp với Văn phòng Chính phủ, Bộ Tài chính rà soát …": the units up to
# the next verb or clause end.
_WITH = re.compile(r"\b(?:phối hợp(?: chặt chẽ)?(?: với)?|chủ trì cùng|cùng với)\s+")


def partners(body: str, leads: list[str], owner: str | None) -> list[str]:
    """The units ``body`` says the work is done with ("phối hợp với X, Y …")."""
    out: list[str] = []
    for m in _WITH.finditer(body):
        end = UNIT_CLAUSE_END.search(body, m.end())
        chunk = body[m.end() : end.start() if end else len(body)]
        for unit in normalize_units(chunk, owner):
            if looks_like_unit(unit.name) and unit.name not in leads and unit.name not in out:
                out.append(unit.name)
    return out
