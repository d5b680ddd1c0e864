"""Unit duty sections: "V. TỔ CHỨC THỰC HIỆN — 2. Phòng Kế hoạch- Tài chính — bullets".

Under a plan's implementation section each unit gets a sub-heading and a list
of standing responsibilities. Every bullet (or numbered item, or plain
paragraph when the unit has no list) becomes a ``Task`` with ``kind="duty"``
led by that unit. Some plans skip the sub-headings and start each item with
the unit instead ("2. Sở Tài chính chủ trì, …"); the unit is then read from
the item's subject.

Deadline decision: a duty that states a date ("… trước ngày 15/01/2026",
"hoàn thành trong năm 2026", "định kỳ hằng quý") gets it parsed; any other duty
is ongoing for the life of the plan: ``Deadline(raw="", kind="ongoing")`` — an
empty raw text because the plan states none, and never an invented date.
"""

from __future__ import annotations

import re
from datetime import date

from knowledge.deadlines import parse_deadline
from knowledge.document import Block, Locator
from knowledge.plan._unit_memo import unit_names
from knowledge.plan.clauses import (
    SUBJECT_VERB,
    after_opener,
    assignment_deadline,
    names_unit,
    unit_text,
)
from knowledge.plan.labels import assignment_tail, split_roles, starts_with_label
from knowledge.plan.model import Deadline, Section, Task
from knowledge.plan.sections import (
    Outline,
    clean_text,
    is_upper_line,
    parse_marker,
    qualified_number,
    stack_numbers,
    strip_bullet,
    topic_siblings,
    unit_siblings,
)
from knowledge.units import builtin_canonical, looks_like_unit
from knowledge.vietnamese import fold

_DUTY_SECTION = (
    "to chuc thuc hien",
    "trach nhiem thuc hien",
    "phan cong thuc hien",
    "phan cong nhiem vu",
    "trach nhiem cua cac",
    "to chuc thuc hien ke hoach",
    "kinh phi",  # "3. Bộ Tài chính chủ trì tổng hợp, trình … bố trí kinh phí"
    "to chuc theo doi",  # "VI. TỔ CHỨC THEO DÕI, KIỂM TRA VÀ CHẾ ĐỘ BÁO CÁO"
    "theo doi, kiem tra",
    "che do bao cao",
    "che do thong tin",  # "5. Chế độ thông tin, báo cáo"
)
_DUE = re.compile(
    r"\b(?:trước|chậm nhất(?: là)?|hoàn thành(?: trong| trước)?|trong|vào|đến|hạn)\s+"
    r"(?:ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d\d"
    r"|tháng\s+\d{1,2}\s*(?:/|\s+năm\s+)(?:19|20)\d\d"
    r"|quý\s+[IV1-4]+\s*(?:/|\s+năm\s+)(?:19|20)\d\d"
    r"|năm\s+(?:19|20)\d\d)"
    r"|\b(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)\b",
    re.IGNORECASE,
)
_CLOSING = ("tren day la", "noi nhan", "yeu cau giam doc", "yeu cau cac", "trong qua trinh")
_END_MARK = re.compile(r"(?<!\s)\s*+\./\.?\s*+$")  # "… vào năm 2030./." ends a Vietnamese document
_COLON_UNIT = re.compile(r"^(?P<unit>[^:;.]{3,100}?)\s*:\s+(?=\S)")


_MAX_HEAD_WORDS = 18  # "Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam - Chi nhánh tỉnh …"
_MAX_LIST_WORDS = 40


def is_duty_section(section: Section) -> bool:
    return fold(section.title).startswith(_DUTY_SECTION)


def _sibling(number: str, section: Section | None) -> bool:
    """ "12." read under the heading "11. Sở Nội vụ" is the next unit's item, not its own."""
    if not number or section is None or not number[0].isdigit():
        return False
    return number.count(".") == section.number.count(".") and section.number[0].isdigit()


def _colon_unit_ok(text: str) -> bool:
    return names_unit(unit_text(text)) and len(text.split()) <= 14


def subject_unit(text: str) -> str:
    """The unit an item starts with ("Sở Tài chính chủ trì, …" -> "Sở Tài chính"), or "".

    An opening phrase may stand before it ("Trên cơ sở nội dung Kế hoạch, các sở, ban,
    ngành tỉnh căn cứ …")."""
    for candidate in after_opener(text):
        unit = _subject_unit(candidate)
        if unit:
            return unit
    return ""


_ASSIGNING = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+\S")


def _assigns(title: str) -> bool:
    return bool(_ASSIGNING.match(title)) or "chủ trì" in title


def _heading_unit(title: str) -> str:
    """The unit a heading names; "2. Sở X chủ trì, phối hợp với Sở Y, UBND …:" names Sở X
    (the others coordinate)."""
    if "chủ trì" in title:
        return subject_unit(title) or unit_text(title)
    return unit_text(title)


def _subject_unit(text: str) -> str:
    for m in SUBJECT_VERB.finditer(text[:160]):
        head = unit_text(text[: m.start()].strip())
        if any(c in head for c in ";.:"):
            break
        words = len(head.split())
        # A list of units ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …, Chủ tịch …") may be long.
        limit = _MAX_LIST_WORDS if head.count(",") >= 2 else _MAX_HEAD_WORDS
        # one word only when it is a known short form ("SXD: kiểm tra …"), not "Tổ chức"
        known = words == 1 and builtin_canonical(head) is not None
        if (words >= 2 or known) and words <= limit and names_unit(head[:160]):
            return head
    return ""


def _plain_unit_heading(title: str) -> bool:
    """A heading that only names a unit ("2.1. Sở Tài chính"), not an item whose
    subject is one ("3. Bộ Tài chính chủ trì, phối hợp …:")."""
    return names_unit(title) and not subject_unit(title)


_MAX_UNIT_LINE_WORDS = 15


def _unit_line(text: str) -> bool:
    """A paragraph that is nothing but a unit's name ("Bộ Chỉ huy Quân sự tỉnh")."""
    words = text.split()
    if not words or len(words) > _MAX_UNIT_LINE_WORDS or text.endswith((".", ";", ":", ",")):
        return False
    return looks_like_unit(text) and _plain_unit_heading(text)


def _tail_lead(body: str) -> str:
    """ "… báo cáo Ủy ban nhân dân tỉnh (Sở Y tế chủ trì; trước ngày 15/6/2026)": the unit
    an item names after its work."""
    tail = assignment_tail(body)
    return tail.lead if tail is not None else ""


def _leading_heading(title: str) -> bool:
    """ "2. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:": a unit leads the items below."""
    return "chủ trì" in title and bool(subject_unit(title))


def deadline_in(text: str, plan_year: int | None) -> Deadline:
    """The deadline a duty states (``clauses.assignment_deadline``: not the date of a
    document it cites), or an ongoing one when it states none (raw "thường xuyên" when it
    says so, else "")."""
    stated = assignment_deadline(text, plan_year)
    # "trong vòng 10 ngày kể từ ngày ký Kế hoạch" dates from the plan; "… thường xuyên" as said
    if stated.kind in ("date", "recurring", "ongoing") or stated.offset_days:
        return stated
    return Deadline(raw="", kind="ongoing")


def deadline_dates(text: str, plan_year: int | None) -> tuple[list[date], str]:
    """Every date an item states with a cue ("trước ngày …", "hoàn thành trong tháng …"),
    sorted, and the phrases that state them joined by "; "."""
    dates: set[date] = set()
    raws: list[str] = []
    for m in _DUE.finditer(text):
        parsed = parse_deadline(m.group(0), plan_year)
        if parsed.kind == "date" and parsed.due_dates:
            dates.update(parsed.due_dates)
            raws.append(m.group(0))
    return sorted(dates), "; ".join(raws)


def _units(text: str, owner: str | None) -> list[str]:
    return unit_names(text, owner)  # a heading that names no unit gives no lead


_SIGNER_TITLE = re.compile(
    r"^(tm\.?|kt\.?|q\.|pho )?\s*(giam doc|chu tich|chanh van phong|truong ban|"
    r"bo truong|thu truong|bi thu|pho chu tich|pho giam doc|pho truong ban)\b"
)


def extract_duties(
    blocks: list[Block],
    outline: Outline,
    plan_year: int | None,
    owner: str | None,
    directive: bool = False,
    covered: set[str] | None = None,
) -> list[Task]:
    """Duties of every unit named under an implementation section.

    A directive (Chỉ thị) has no implementation section: its top-level headings
    are the units themselves ("2. Sở Khoa học và Công nghệ"), so with
    ``directive`` those count too. A list of unit headings under another title counts
    as well, except in the sections the prose pass already read (``covered``).
    """
    tasks: list[Task] = []
    items: list[
        tuple[str, str, Locator, str, str, bool]
    ] = []  # unit, path, loc, number, text, marked
    override_number = ""
    override = ""  # unit of a numbered sibling item that the loader left under the unit above
    # "1. Giao Sở X …, tổ chức thực hiện các nhiệm vụ sau:" opens a list: the bullets
    # below are Sở X's tasks, and the item itself only introduces them.
    opener: tuple[str, str, int] | None = None  # unit, number, index in items
    intros: set[int] = set()  # items whose list followed them
    closed = False  # after "Trên đây là Kế hoạch …" / "…./." only the signature follows
    covered = covered or set()
    lister: tuple[str, int] | None = None  # a bulleted item ending ":" and its bullet
    lead_in: tuple[int, str, str] | None = None  # "Chủ trì, phối hợp với …:": index, path, units
    named = ""  # a paragraph that only names a unit: the heading of a list lost its numbers
    # "2. Sở X chủ trì, phối hợp với Sở Y:": the units its items are done with, by item
    coordinators: dict[int, str] = {}
    topics = topic_siblings(outline.sections, names_unit)
    unit_heads = unit_siblings(outline.sections, _plain_unit_heading, _leading_heading)
    for index, block in enumerate(blocks):
        if outline.is_heading(index):
            closed, override, opener, named = False, "", None, ""
            continue
        if block.table is not None or closed:
            continue
        stack = outline.stacks[index]
        duty_at = next((i for i, s in enumerate(stack) if is_duty_section(s)), None)
        if duty_at is None and directive and stack and names_unit(stack[0].title):
            duty_at = -1  # the top-level heading names the unit
        if duty_at is None and outline.path(index) not in covered:
            # a list of unit headings under any title ("2. Phân công trách nhiệm" /
            # "2.1. Sở Tài chính" / "a) Tham mưu …"), unless the prose pass read it
            duty_at = next((i - 1 for i, s in enumerate(stack) if id(s) in unit_heads), None)
        if duty_at is None:
            continue
        text = clean_text(block.text)
        if not text or is_upper_line(text):
            # a signature line ("SỞ NỘI VỤ TỈNH NGHỆ AN", "GIÁM ĐỐC"): after a
            # signer's title only the signer's name follows, never a duty
            closed = bool(_SIGNER_TITLE.match(fold(text)))
            continue
        if fold(text).startswith(_CLOSING):
            closed = True
            continue
        closed = bool(_END_MARK.search(text))
        number, body, marked = _split(text)
        body = _END_MARK.sub("", body)
        if starts_with_label(body):
            continue  # "Cơ quan chủ trì: …" lines belong to prose tasks
        if not marked and _unit_line(body):
            named = unit_text(body)  # "Sở Tài chính" / "Chủ trì, phối hợp …": its work below
            continue
        unit_section = stack[duty_at + 1] if duty_at + 1 < len(stack) else None
        unit, head_coord, own_subject = "", "", False
        full = qualified_number([*stack_numbers(stack), number])
        if (m := _COLON_UNIT.match(body)) and _colon_unit_ok(m.group("unit")):  # "12. Sở X: …"
            unit, body = unit_text(m.group("unit")), body[m.end() :].strip()
        elif _sibling(number, unit_section):
            unit = subject_unit(body)  # "14. Các sở, ban ngành … chủ trì …": not the unit above
            override = unit
            full = override_number = qualified_number(
                [*stack_numbers(stack[: duty_at + 1]), number]
            )
        elif override:
            unit = override  # the rest of a sibling item ("12. …") read as a paragraph
            full = override_number
        elif (
            unit_section is not None
            and (names_unit(unit_section.title) or id(unit_section) in unit_heads)
            and id(unit_section) not in topics
        ):
            unit = _heading_unit(unit_section.title)
            if "phối hợp" in unit_section.title:
                head_coord = split_roles(unit_section.title)[1]
        else:
            unit = subject_unit(body) or _tail_lead(body)
            own_subject = not marked and bool(unit)
            unit = unit or named
            if not unit and unit_section is not None and _assigns(unit_section.title):
                # "1. Giao Sở X là cơ quan đầu mối …, thực hiện các nhiệm vụ sau" as a
                # heading: its bullets are Sở X's
                unit = subject_unit(unit_section.title)
        if not unit and not number and marked and opener is not None:
            unit, full = opener[0], opener[1]
            intros.add(opener[2])
        if number:
            opener = (unit, full, len(items)) if unit and body.endswith(":") else None
        if not unit or not body or _ROLE_ONLY.match(body) or _IMPLEMENT_THIS.search(fold(body)):
            continue  # a role ("Sở Tài chính là cơ quan thường trực …") or the closing call
        path = outline.path(index)
        prev = items[-1] if items else None
        if prev and not marked and prev[5] and prev[0] == unit and prev[1] == path:
            # An unmarked paragraph after a marked item continues that item.
            items[-1] = (*prev[:4], f"{prev[4]} {body}", True)
            continue
        bullet = text[:1] if marked and not number else ""
        if lister and bullet and bullet != lister[0] and prev and prev[1] == path:
            # "• Chỉ đạo …, cụ thể:" / "+ Nạo vét …" / "+ Lắp đặt …": the "+" lines
            # say what the "•" task holds; they are no tasks of their own
            items[-1] = (*prev[:4], f"{prev[4]} {body}", True)
            continue
        lister = (bullet, len(items)) if bullet and lists_parts(body) else None
        if lead_in is not None and marked and lead_in[1] == path:
            intros.add(lead_in[0])  # the bullets it led in are the work
            head_coord = head_coord or lead_in[2]
        elif not marked:
            lead_in = None
        if not marked and body.endswith(":") and _LEADS_IN.match(body):
            # "Chủ trì, phối hợp với các sở, ngành …:" under "4. Sở X": who Sở X works
            # with on the bullets below, no task of its own when bullets follow
            lead_in = (len(items), path, split_roles(f"{unit} {body}")[1].rstrip(" :"))
        if head_coord:
            coordinators[len(items)] = head_coord
        for one_unit, one_body in _by_subject(unit, body) if own_subject else [(unit, body)]:
            items.append((one_unit, path, block.locator, full, one_body, marked))
    for k, (unit, path, locator, number, body, _) in enumerate(items):
        if k in intros:
            continue
        joined = coordinators.get(k, "")
        tasks.append(
            Task(
                number=number,
                title=body,
                section=path,
                lead_units=_units(unit, owner),
                coordinating_units=_units(joined, owner) if joined else [],
                raw_coordinating=joined,
                deadline=deadline_in(body, plan_year),
                kind="duty",
                raw_lead=unit,
                locator=locator,
            )
        )
    return tasks


_LEADS_IN = re.compile(r"^(?:chủ trì|phối hợp)\b", re.IGNORECASE)


# A sentence that only says what a unit is: no clause after the role, so no work in it.
_ROLE_ONLY = re.compile(
    r"^[^,;:]{3,120}?\slà\s(?:cơ quan|đơn vị)\s(?:thường trực|đầu mối)\b[^,;:]*"
    # "…, giúp UBND tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này.": the role again
    # "…, theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch": the same, unhelped
    r"(?:,\s(?:(?:giúp|tham mưu|chịu trách nhiệm|có trách nhiệm)[^;:\d]{0,80}?\s)?"
    r"(?:theo dõi|đôn đốc)[^;:\d]{0,80}?"
    r"\b(?:Kế hoạch|KH|Chỉ thị|Quyết định|Nghị quyết|Chương trình)(?: này)?"
    # "… và thực hiện các nhiệm vụ được giao tại Phụ lục": its tasks are listed there
    r"(?:,?\s(?:và\s)?thực hiện (?:các )?nhiệm vụ được giao(?: tại| trong)? [^;:\d]{0,40})?\W*)?$",
    re.IGNORECASE,
)
# "Yêu cầu Thủ trưởng các cơ quan, … nghiêm túc triển khai thực hiện Kế hoạch này": the
# closing call to carry out the whole document, no task of its own.
_IMPLEMENT_THIS = re.compile(
    r"^(?:yeu cau|de nghi)\b.*\bthuc hien (?:nghiem tuc )?"
    r"(?:ke hoach|chi thi|quyet dinh|thong bao|van ban|chuong trinh) nay\W*$"
)
# "… cần tập trung một số nhiệm vụ quan trọng như sau:": the items below are tasks, not
# the parts of this one ("… sửa chữa cống, trạm bơm, cụ thể:").
_ANNOUNCES_TASKS = re.compile(
    r"\b(?:nhiệm vụ|nội dung|công việc|hoạt động)\b[^:]{0,60}\b(?:sau|như sau)\s*:$", re.IGNORECASE
)


def lists_parts(text: str) -> bool:
    """An item ending in ":" whose sub-items are its parts, not tasks of their own."""
    return text.endswith(":") and not _ANNOUNCES_TASKS.search(text)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _by_subject(unit: str, body: str) -> list[tuple[str, str]]:
    """A paragraph whose sentences each open with their own unit ("Các sở … báo cáo về Sở Y tế
    trước ngày 22/5. Sở Y tế tổng hợp, báo cáo … trước ngày 30/5.") is one duty per unit; a
    sentence without a subject unit goes on with the one before."""
    starts, units = [0], [unit]
    for m in _SENTENCE_END.finditer(body):
        if not body[m.end()].isupper():
            continue
        if not _ends_sentence(body[: m.start()].rsplit(maxsplit=1)[-1]):
            continue
        if subject := subject_unit(body[m.end() :]):
            starts.append(m.end())
            units.append(subject)
    ends = [*starts[1:], len(body)]
    return [(u, body[i:j].strip()) for u, i, j in zip(units, starts, ends, strict=True)]


def _ends_sentence(word: str) -> bool:
    """ "2026." or "xét." ends a sentence; "TP." or "TT." abbreviates a name."""
    return any(ch.islower() or ch.isdigit() for ch in word)


def _split(text: str) -> tuple[str, str, bool]:
    """(list number, text without its mark, whether it had a mark)."""
    bulleted = strip_bullet(text)
    marked = bulleted != text
    marker = parse_marker(bulleted)
    if marker is not None and marker.kind in ("arabic", "letter") and marker.rest:
        return marker.number, marker.rest.strip(), True
    return "", bulleted, marked
