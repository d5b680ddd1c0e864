"""Tasks written in prose with inline labels.

Layouts seen in real plans::

    1. Rà soát, kiện toàn đội ngũ …          (heading: the task's title)
    - Thường xuyên rà soát, kiện toàn …        (detail paragraph)
    Đơn vị chủ trì thực hiện: Các Sở, ngành …  (labels, one per line)
    Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp.
    Thời gian thực hiện: Thường xuyên.

    a) Nhiệm vụ: Tham mưu UBND Thành phố …     (the title after a "Nhiệm vụ:" label)
    b) Cơ quan thực hiện:
    - Đơn vị chủ trì: Sở Khoa học và Công nghệ.
    c) Thời gian thực hiện: Hoàn thành trong năm 2025.

    Cơ quan chủ trì: …; Cơ quan phối hợp: …; Thời gian hoàn thành: …   (one line)

A task's title is its "Nhiệm vụ:" value, else the one paragraph before its
labels, else the heading it stands under. A task is kept when it has a lead
unit or a deadline. "Thời gian thực hiện: 05 ngày" in a procedure-simplification
plan is the procedure's processing time, not a deadline: it is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from knowledge.deadlines import is_processing_time, parse_deadline
from knowledge.document import Block, Locator
from knowledge.plan._unit_memo import unit_names
from knowledge.plan.clauses import SUBJECT_VERB, names_unit, unit_text
from knowledge.plan.duties import (
    _COLON_UNIT,
    deadline_dates,
    deadline_in,
    lists_parts,
    subject_unit,
)
from knowledge.plan.labels import Label, find_labels, trim_units
from knowledge.plan.model import Deadline, Section, Task, TaskKind
from knowledge.plan.sections import (
    Outline,
    clean_text,
    is_closing,
    parse_marker,
    qualified_number,
    stack_numbers,
    strip_bullet,
    topic_siblings,
)
from knowledge.vietnamese import fold


@dataclass
class _Para:
    text: str  # without its list mark
    number: str
    locator: Locator


@dataclass
class _Draft:
    section: str
    locator: Locator
    heading: Section | None
    title: str = ""
    number: str = ""
    details: list[_Para] = field(default_factory=list)
    lead: str | None = None
    coord: str | None = None
    deadline: str | None = None
    product: str | None = None
    unit: str = ""  # the unit heading the draft stands under ("1.2. Sở Tài chính - …")
    numbers: list[str] = field(default_factory=list)  # its headings' numbers, outermost first
    items_from: int | None = None  # an empty "Nhiệm vụ:" label: its items start here
    warnings: list[str] = field(default_factory=list)

    def has(self, kind: str) -> bool:
        return getattr(self, kind if kind != "task" else "title", None) not in (None, "")

    @property
    def labelled(self) -> bool:
        return any(x is not None for x in (self.lead, self.coord, self.deadline, self.product))


def split_item(text: str) -> _Para:
    """A paragraph without its bullet or list number ("a)", "2.1.")."""
    body = strip_bullet(clean_text(text))
    marker = parse_marker(body)
    if marker is not None and marker.kind in ("arabic", "letter") and marker.rest:
        return _Para(strip_bullet(marker.rest), marker.number, Locator())
    return _Para(body, "", Locator())


class _Collector:
    def __init__(self, plan_year: int | None, owner: str | None) -> None:
        self.plan_year = plan_year
        self.owner = owner
        self.tasks: list[Task] = []
        self.pending: list[_Para] = []
        self.heading: Section | None = None
        self.draft: _Draft | None = None
        self.open_label: str | None = None  # a label whose value may wrap to the next block
        self.unit = ""  # the unit of the heading in force, when it names one
        self.unit_number = ""
        # "2. Đài KTTV tỉnh: …" after the bullets of "1. Sở X:": the list of units goes on
        # item by item ("3. SXD: …"), each naming its own unit
        self.own_units = False
        self.siblings: list[_Draft] = []  # "+ Sở X: …" items sharing the next deadline label
        self._drafted: dict[int, int] = {}  # id(draft) -> index of its task
        self._dated_subs: list[str] = []  # deadlines of "+" items under an empty time label
        self.topics: set[int] = set()  # headings among topic siblings (``topic_siblings``)
        self.lister = ""  # the bullet of a unit's item that ends in ":" and lists its parts
        # "- Sở Xây dựng:" with nothing after it, under "2. Các sở, ngành": its bullet and
        # its unit; the deeper bullets below it are that unit's tasks
        self.sub_head: tuple[str, str] | None = None
        self.draft_bullet = ""  # the bullet of the line the draft in hand was made from
        # The tasks before the heading in force: this pass reads that heading's items only
        # when it drafted some of them (bullets, labels), not when the duty pass reads them.
        self.unit_from = 0

    def on_heading(self, section: Section) -> None:
        self.open_label = None
        self.flush()
        self.pending = []
        self.lister = ""
        self.sub_head, self.draft_bullet = None, ""
        self.unit_from = len(self.tasks)
        self.heading = section
        topic = id(section) in self.topics and not _OWNER_OF.match(section.title)
        self.unit = "" if topic else unit_heading(section.title)
        self.unit_number = section.number if self.unit else ""
        self.own_units = False
        self.siblings = []

    def on_paragraph(
        self, text: str, path: str, locator: Locator, numbers: list[str] | None = None
    ) -> None:
        self._on_paragraph(text, path, locator)
        if self.draft is not None and not self.draft.numbers and numbers:
            self.draft.numbers = numbers

    def _on_paragraph(self, text: str, path: str, locator: Locator) -> None:
        para = split_item(text)
        para.locator = locator
        labels = find_labels(para.text)
        starts_labelled = bool(labels) and labels[0].start <= 3
        if not starts_labelled and self._continue_label(text, para):
            return
        if not starts_labelled and self._dated_sub_item(text, para):
            return
        self.open_label = None
        if not starts_labelled and self._unit_item(text, para, path, locator):
            return
        if not starts_labelled:
            if self.draft is not None and self.draft.labelled:
                self.flush()
                self.pending = []
            if self.draft is not None:  # details under an empty "a) Nhiệm vụ:"
                self.draft.details.append(para)
            else:
                self.pending.append(para)
            return
        for label in labels:
            self._apply(label, para, path, locator)
        last = labels[-1]
        ended = text.rstrip().endswith((".", ";")) or last.cut
        wraps = last.kind != "task" or bool(last.value)  # "Nhiệm vụ: Tham mưu UBND" / "Thành phố …"
        if self.draft is not None and wraps and not ended:
            self.open_label = last.kind  # the value wraps onto the next block ("Các" / "Sở, …")

    def _unit_item(self, text: str, para: _Para, path: str, locator: Locator) -> bool:
        """Under a unit heading every bullet is one task of that unit; a numbered line
        that only names a unit ("1.3. Các cơ quan …", not taken as a heading) is one."""
        unit = unit_heading(para.text) if para.number and len(para.text) <= 240 else ""
        if unit and not _has_verb(para.text):
            self.flush()
            self.pending, self.siblings = [], []
            self.unit, self.unit_number, self.own_units = unit, para.number, False
            return True
        if (
            (self.unit or self.own_units)
            and para.number
            and (self.draft is not None or len(self.tasks) > self.unit_from)
            and _sibling_number(self.unit_number, para.number)
        ):
            return self._own_unit_item(para, path, locator)
        if not self.unit or strip_bullet(text) == text or para.number:
            return False
        sub = _COLON_UNIT.match(para.text)
        sub_unit = unit_text(sub.group("unit")) if sub and names_unit(sub.group("unit")) else ""
        bullet = text.lstrip()[:1]
        if self._opens_sub_head(bullet, para):
            return True
        if self._detail_of_lister(bullet, sub_unit, para) or self._detail_of_task(
            bullet, sub_unit, para
        ):
            return True
        if self.lister and sub_unit and self.draft is not None:
            # "- Phối hợp …. Trong đó:" / "+ Sở X: …": the "-" line only introduced them
            self.draft.unit, self.siblings, self.lister = "", [], ""
        self.flush()
        self.pending = []
        head_unit = self.sub_head[1] if self.sub_head else ""
        draft = _Draft(
            path, locator, self.heading, details=[para], unit=sub_unit or head_unit or self.unit
        )
        draft.number = self.unit_number
        self.draft_bullet = bullet
        inline = [lb for lb in find_labels(para.text) if lb.kind == "deadline"]
        if inline:  # "- Tổng hợp …. Thời gian hoàn thành: Trước ngày 31/5/2026."
            draft.deadline = inline[0].value
            para = _Para(para.text[: inline[0].start].strip(), para.number, locator)
            draft.details = [para]
        if sub is not None and sub_unit:
            draft.details = [_Para(para.text[sub.end() :].strip(), "", locator)]
            if self.siblings and self.siblings[0].details[0].text.endswith(":"):
                self.siblings[0].unit = ""  # "- Phối hợp …. Trong đó:" only introduces them
            self.siblings.append(draft)
        else:
            self.siblings = [draft]
        self.draft = draft
        self.lister = bullet if lists_parts(para.text) else ""
        return True

    def _own_unit_item(self, para: _Para, path: str, locator: Locator) -> bool:
        """ "11. Đề nghị Ủy ban Mặt trận … vận động …" after the bullets of "10. Công ty …":
        the next item of the list of units, with its unit in its own sentence."""
        subject = subject_unit(para.text)
        if not subject or not para.text.rstrip().endswith((".", ";")):
            return False  # "1.3. Các cơ quan tham mưu … (gồm các Sở: …)" heads a unit's list
        self.flush()
        self.pending, self.siblings, self.lister = [], [], ""
        self.unit, self.unit_number, self.own_units = "", para.number, True
        self.draft = _Draft(path, locator, self.heading, details=[para], unit=subject)
        self.draft.number = para.number
        return True

    def _opens_sub_head(self, bullet: str, para: _Para) -> bool:
        """ "- Sở Xây dựng:" alone opens that unit's list; a bullet of its own level
        closes it."""
        if self.sub_head is not None and bullet == self.sub_head[0]:
            self.sub_head = None
        head = _BARE_UNIT.match(para.text)
        if head is None or not names_unit(head.group(1)):
            return False
        self.flush()
        self.pending, self.siblings, self.lister = [], [], ""
        self.sub_head = (bullet, unit_text(head.group(1)))
        return True

    def _detail_of_task(self, bullet: str, sub_unit: str, para: _Para) -> bool:
        """ "- Sở Tài chính: Hướng dẫn …." then "+ Lồng ghép …": a deeper bullet under a
        whole task line says how that task is done; it is no task of its own."""
        draft = self.draft
        if draft is None or sub_unit or not self.draft_bullet or bullet == self.draft_bullet:
            return False
        if self.sub_head is not None and self.draft_bullet == self.sub_head[0]:
            return False
        if not draft.details or not draft.details[0].text.rstrip().endswith((".", ";")):
            return False
        if not _deeper(bullet, self.draft_bullet):
            return False
        draft.details.append(para)
        return True

    def _detail_of_lister(self, bullet: str, sub_unit: str, para: _Para) -> bool:
        """ "• Chỉ đạo …, cụ thể:" then "+ Nạo vét …" lines: the "+" lines say what the task
        holds. When they name their own units ("+ Sở X: …") the "•" line only introduced
        them (the sibling rule above drops it)."""
        draft = self.draft
        if not self.lister or draft is None or bullet == self.lister or sub_unit:
            return False
        draft.details.append(para)
        return True

    def _dated_sub_item(self, text: str, para: _Para) -> bool:
        """ "- Thời gian thực hiện:" then "+ … trước ngày 15/12/2025." items: their dates."""
        draft = self.draft
        if self.open_label != "deadline" or draft is None or strip_bullet(text) == text:
            return False
        if draft.deadline not in (None, "") and not self._dated_subs:
            return False
        _, phrases = deadline_dates(para.text, self.plan_year)
        if not phrases:
            return False
        self._dated_subs.append(phrases)
        draft.deadline = "; ".join(self._dated_subs)
        return True

    def _continue_label(self, text: str, para: _Para) -> bool:
        """Glue a wrapped label value back together ("Thời gian thực hiện: Quý" / "IV năm 2025")."""
        kind, draft = self.open_label, self.draft
        if kind is None or draft is None or para.number or strip_bullet(text) != text:
            return False
        attr = kind if kind != "task" else "title"
        current = getattr(draft, attr, None)
        if current is None:
            return False
        joined = f"{current} {para.text}".strip(" ;,.")
        setattr(draft, attr, trim_units(joined) if kind in ("lead", "coord") else joined)
        if text.rstrip().endswith((".", ";")):
            self.open_label = None
        return True

    def _apply(self, label: Label, para: _Para, path: str, locator: Locator) -> None:
        self._dated_subs = []
        self.lister = ""  # "Thời hạn: …" closes the parts of the item above
        if (
            label.kind == "task"
            and self._content_label(label, para)
            and (self.pending or self.heading)
        ):
            # "- Nội dung: …" describes the item: its title is the line above or the heading
            self.flush()
            title_para = self.pending[-1] if self.pending else None
            title = title_para.text if title_para else self.heading.title if self.heading else ""
            number = title_para.number if title_para else ""
            self.draft = _Draft(path, locator, self.heading, title=title, number=number)
            self.pending = []
            return
        if label.kind == "task":
            self.flush()
            self.draft = _Draft(path, locator, self.heading, title=label.value, number=para.number)
            if not label.value:
                self.draft.details = self.pending
                self.draft.items_from = len(self.pending)  # the items the label opens
            self.pending = []
            return
        if self.draft is None or self.draft.has(label.kind):
            self.flush()
            self.draft = _Draft(path, locator, self.heading, details=self.pending)
            self.pending = []
        if not label.value:
            return  # "b) Cơ quan thực hiện:" only introduces the labels below it
        setattr(self.draft, label.kind if label.kind != "task" else "title", label.value)

    @staticmethod
    def _content_label(label: Label, para: _Para) -> bool:
        return fold(para.text[label.start :]).lstrip("-+• ").startswith("noi dung")

    def flush(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if draft.deadline and is_processing_time(draft.deadline):
            draft.deadline = None  # a procedure's processing time, not a task deadline
        if draft.deadline and draft in self.siblings:
            for other in self.siblings:  # one "Thời gian thực hiện" after "+" items: all share it
                if other is not draft and other.deadline is None and other.unit:
                    self._set_task_deadline(other, draft.deadline)
        if not draft.lead and not draft.deadline and not draft.unit:
            return
        if draft.unit == "" and not draft.lead and not draft.deadline:
            return
        if not draft.lead and not draft.unit and _states_aims(_title(draft)[0]):
            return  # "1. Chỉ tiêu: …" / "2. Thời gian thực hiện: …" of the whole plan
        for one in _items_of(draft):
            self.tasks.append(self._task(one))
        self._drafted[id(draft)] = len(self.tasks) - 1

    def _deadline(self, draft: _Draft, kind: TaskKind, title: str) -> Deadline:
        """A label's deadline; a unit's bullet without one states its date in its text."""
        if draft.deadline or kind != "duty":
            return parse_deadline(draft.deadline or "", self.plan_year)
        return deadline_in(title, self.plan_year)

    def _set_task_deadline(self, other: _Draft, deadline: str) -> None:
        k = self._drafted.get(id(other))
        if k is not None:
            self.tasks[k].deadline = parse_deadline(deadline, self.plan_year)

    def _task(self, draft: _Draft) -> Task:
        title, number = _title(draft)
        if draft.unit and draft.details:
            title, number = draft.details[0].text, draft.number or number
        own = [] if draft.numbers[-1:] == [number] else [number]
        number = qualified_number([*draft.numbers, *own]) or number
        lead = draft.lead or draft.unit
        kind: TaskKind = "duty" if draft.unit and not draft.lead else "task"
        coord = draft.coord or ""
        return Task(
            number=number,
            title=title,
            section=draft.section,
            lead_units=unit_names(lead, self.owner) if lead else [],
            coordinating_units=unit_names(coord, self.owner) if coord else [],
            deadline=self._deadline(draft, kind, title),
            product=draft.product,
            kind=kind,
            raw_lead=lead,
            raw_coordinating=coord,
            locator=draft.locator,
            warnings=draft.warnings,
        )


# What a plan's aims and scope say, not work: such a title with only a period is none.
_AIMS = (
    "chi tieu", "muc tieu", "pham vi", "doi tuong", "kinh phi", "nguon von", "chu de", "khau hieu",
    "thong diep",
)  # fmt: skip


def _states_aims(title: str) -> bool:
    return fold(title).startswith(_AIMS)


def _items_of(draft: _Draft) -> list[_Draft]:
    """An empty task label over several items ("a) Nhiệm vụ:" / "- …" / "- …" /
    "b) Cơ quan thực hiện: …") gives one task per item, each with the labels that
    follow; a line that only introduces them ("… như sau:") is none. Items under a
    heading with no such label detail the heading's one task."""
    if draft.title or draft.unit or draft.items_from is None:
        return [draft]
    items = [d for d in draft.details[draft.items_from :] if not d.text.rstrip().endswith(":")]
    if len(items) < _MIN_ITEMS:
        return [draft]
    base = draft.number or _heading_number(draft.heading)
    return [
        replace(draft, title=item.text, number=item.number or base, details=[item])
        for item in items
    ]


_MIN_ITEMS = 2


def _title(draft: _Draft) -> tuple[str, str]:
    if draft.title:
        return draft.title, draft.number
    if len(draft.details) == 1:
        return draft.details[0].text, draft.details[0].number or _heading_number(draft.heading)
    if draft.heading is not None and draft.heading.title:
        return draft.heading.title, draft.heading.number
    if draft.details:
        return draft.details[0].text, draft.details[0].number
    return "", ""


# "Sở Xây dựng:" with nothing after the colon: the head of that unit's bullets.
_BARE_UNIT = re.compile(r"^([^:;.]{3,100}?)\s*:$")
# List marks from the outer level in: a "+" under a "-" is one level deeper.
_ORDER = ("•", "-", "–", "+", "◦", "*")


def _deeper(bullet: str, than: str) -> bool:
    return bullet in _ORDER and than in _ORDER and _ORDER.index(bullet) > _ORDER.index(than)


def _sibling_number(heading: str, item: str) -> bool:
    """ "11." after the heading "10.": the next item at the heading's own level."""
    a, b = heading.rstrip(".").split("."), item.rstrip(".").split(".")
    if len(a) != len(b) or not all(x.isdigit() for x in a + b):
        return False
    return a[:-1] == b[:-1] and int(b[-1]) == int(a[-1]) + 1


def unit_heading(title: str) -> str:
    """The unit a heading names ("Sở Tài chính - Cơ quan thường trực …"), or ""."""
    text = clean_text(title).strip(" *_:")
    text = _NOTE_TAIL.sub("", text)  # "(gồm các Sở: Xây dựng, …)"
    text = _ROLE_TAIL.sub("", text)  # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo"
    owner_of = _OWNER_OF.match(text)
    text = _DUTY_OF.sub("", text)  # "Trách nhiệm của các cơ quan quản lý cấp trên"
    if _has_verb(text):
        return ""
    if names_unit(text):
        return unit_text(text)
    # "Trách nhiệm của đối tượng thực hiện kiểm kê": the formula names who is meant
    return text if owner_of and len(text.split()) <= _MAX_OWNER_WORDS else ""


_DUTY_OF = re.compile(r"^(?:trách nhiệm|nhiệm vụ)(?: của)?\s+", re.I)
_OWNER_OF = re.compile(r"^(?:trách nhiệm|nhiệm vụ)\s+của\s+", re.I)
_MAX_OWNER_WORDS = 10
# Blank runs are tried once from their start (``(?<!\s)``): linear on long runs of spaces.
_NOTE_TAIL = re.compile(r"(?<!\s)\s*+\([^()]*+\)\s*+$")
_ROLE_TAIL = re.compile(
    r"(?<!\s)\s++[-–]\s+(?:cơ quan|thường trực|đơn vị|cơ quan thường trực)\b.*$", re.I
)


def _has_verb(text: str) -> bool:
    """A sentence ("Sở X chủ trì, phối hợp …."), not a unit heading that merely holds a
    verb in a relative clause ("Các cơ quan tham mưu quản lý ngành, lĩnh vực")."""
    t = text.rstrip(" *_")
    return bool(SUBJECT_VERB.search(t)) and (t.endswith(".") or len(t.split()) > 14)


def _heading_number(heading: Section | None) -> str:
    return heading.number if heading is not None else ""


def extract_prose_tasks(
    blocks: list[Block], outline: Outline, plan_year: int | None, owner: str | None
) -> list[Task]:
    """Tasks whose lead unit and deadline are given by inline labels."""
    collector = _Collector(plan_year, owner)
    collector.topics = topic_siblings(outline.sections, lambda t: bool(unit_heading(t)))
    closed = False  # after "Nơi nhận:" come the addressees and the signature, no work
    for index, block in enumerate(blocks):
        if block.table is not None:
            collector.flush()
            collector.pending = []
            continue
        section = outline.heading_at.get(index)
        if section is not None:
            collector.on_heading(section)
            closed = False
            continue
        text = clean_text(block.text)
        if text and is_closing(text):
            collector.flush()
            closed = True
        if text and not closed:
            numbers = stack_numbers(outline.stacks[index])
            collector.on_paragraph(text, outline.path(index), block.locator, numbers)
    collector.flush()
    return collector.tasks
