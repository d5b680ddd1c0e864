"""Directive prose: công điện, chỉ thị, thông báo kết luận, nghị quyết phiên họp.

These documents have no task table and often no "Tổ chức thực hiện" section:
each numbered assignment opens with the unit it is given to, and the deadline is
written into the sentence:

* "3. Bộ Tài chính chủ trì, phối hợp … hoàn thành trước ngày 15 tháng 12 năm 2025."
* "7. Giao Bộ Y tế chủ trì …, báo cáo … trước ngày 15/12/2025."
* "2. Bộ Xây dựng:" then "a) …", "b) …": each lettered item is one task of that unit,
  numbered "2.a", "2.b"; the same when the unit's sentence ends in a colon
  ("1. Bộ Công an chủ trì, phối hợp …: a) …").

The unit is read with the unit lexicon at the start of the item, up to the first
action verb; the deadline is every dated time expression with a cue ("trước",
"chậm nhất", "hoàn thành trong …") in the item. An item that names no unit is not
a task (a content list, a general exhortation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.document import Block, Locator
from knowledge.plan.duties import deadline_dates, names_unit, unit_text
from knowledge.plan.labels import starts_with_label
from knowledge.plan.model import Deadline, Task
from knowledge.plan.sections import Outline, clean_text, parse_marker, strip_bullet
from knowledge.units import looks_like_unit, normalize_units
from knowledge.vietnamese import fold

# Document kinds (from the số hiệu) whose assignments are written as prose.
_DIRECTIVE_NUMBER = re.compile(r"/(?:CĐ|CT|TB|NQ|KL)-", re.IGNORECASE)
_VERB = re.compile(
    # Each blank run is tried once, from its start: linear on long runs of spaces.
    r"(?<!\s)\s*+:|,?(?<!\s)\s++(?:có trách nhiệm|chịu trách nhiệm|chủ trì|chủ động|phối hợp|tổ chức|thực hiện|"
    r"triển khai|tham mưu|hướng dẫn|theo dõi|xây dựng|ban hành|khẩn trương|tiếp tục|trực tiếp|"
    r"đôn đốc|nghiên cứu|rà soát|bố trí|kiểm tra|tăng cường|cung cấp|quán triệt|chỉ đạo|"
    r"được giao|là cơ quan|nắm chắc|tập trung|sớm|báo cáo|trình|hoàn thành|đẩy nhanh|"
    r"đẩy mạnh|khẩn cấp|thống nhất|lãnh đạo)\b"
)
_MAX_HEAD_WORDS = 60  # "1. Bộ trưởng, Thủ trưởng …, Chủ tịch Ủy ban nhân dân …" lists
_STOP = ("noi nhan", "tm.", "kt.")
# The formulas that hand a task to a unit in a conclusion or a resolution.
_ASSIGN = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+(?=\S)")


def is_directive(number: str | None, doc_type: str | None) -> bool:
    if number and _DIRECTIVE_NUMBER.search(number):
        return True
    return fold(doc_type or "") in ("cong dien", "chi thi", "thong bao", "nghi quyet")


def _head(body: str) -> tuple[str, str]:
    """(unit at the start of ``body``, the rest) or ("", body)."""
    for m in _VERB.finditer(body[:600]):
        head = unit_text(body[: m.start()].strip(" ,"))
        if any(c in head for c in ";.") or not head:
            if ";" in head or "." in head:
                break
            continue
        words = len(head.split())
        if words > _MAX_HEAD_WORDS:
            break
        if names_unit(head[:160]) or names_unit(unit_text(head)):
            rest = body[m.end() :] if m.group(0).strip() == ":" else body
            return head, rest.strip()
    return "", body


@dataclass
class _Parent:
    number: str
    unit: str
    task: int | None  # index of the task the item itself gave, if any
    open_list: bool  # its text ends with ":" (lettered items follow)


def _deadline(text: str, plan_year: int | None) -> Deadline:
    dates, raw = deadline_dates(text, plan_year)
    if dates:
        return Deadline(raw=raw, kind="date", due_dates=dates)
    return Deadline(raw="", kind="none")


def extract_directives(
    blocks: list[Block], outline: Outline, plan_year: int | None, owner: str | None
) -> list[Task]:
    tasks: list[Task] = []
    parent: _Parent | None = None
    drop: set[int] = set()
    for index, block in enumerate(blocks):
        if block.table is not None:
            continue
        text = clean_text(block.text)
        if not text:
            continue
        if fold(text).startswith(_STOP):
            # The signature closes the body; an appendix ("Phụ lục") may follow it with
            # more assignments, so reading goes on with a fresh list.
            parent = None
            continue
        marker = parse_marker(strip_bullet(text))
        if marker is None and _ASSIGN.match(text):
            # "Giao Bộ Y tế chủ trì …" / "Đề nghị Ủy ban nhân dân tỉnh …" without a number
            unit, rest = _head(text)
            if unit and len(rest) > 3:
                number = parent.number if parent is not None else ""
                tasks.append(
                    _task(number, unit, rest, outline.path(index), block.locator, plan_year, owner)
                )
            continue
        if marker is None or not marker.rest or marker.kind not in ("arabic", "letter"):
            continue
        body = marker.rest.strip()
        if starts_with_label(body):
            continue  # "2. Cơ quan chủ trì: …" is a field of a labelled task
        if marker.kind == "arabic":
            unit, rest = _head(body)
            number = marker.number.rstrip(".")
            parent = _Parent(number, unit, None, body.endswith(":"))
            if unit and len(rest) > 3:
                parent.task = len(tasks)
                tasks.append(
                    _task(number, unit, rest, outline.path(index), block.locator, plan_year, owner)
                )
            continue
        if parent is None:
            continue
        unit, rest = _head(body)
        unit = unit or parent.unit
        if not unit:
            continue
        if parent.task is not None and parent.open_list:
            drop.add(parent.task)  # "Bộ X chủ trì …: a) … b) …": the items are the tasks
        number = f"{parent.number}.{marker.number.rstrip(')')}"
        if len(rest) <= 3:
            continue  # "a) Ủy ban nhân dân các tỉnh:" introduces the items below it
        tasks.append(
            _task(number, unit, rest, outline.path(index), block.locator, plan_year, owner)
        )
    return [t for k, t in enumerate(tasks) if k not in drop]


# "chủ trì, phối hợp với Văn phòng Chính phủ, Bộ Tài chính rà soát …": the units up to
# the next verb or clause end.
_WITH = re.compile(r"\b(?:phối hợp(?: chặt chẽ)?(?: với)?|chủ trì cùng|cùng với)\s+")
_CLAUSE_END = re.compile(
    r"[;:.]|\s(?:rà soát|xây dựng|tổ chức|triển khai|hướng dẫn|chuẩn bị|thực hiện|tham mưu|"
    r"nghiên cứu|kiểm tra|theo dõi|đánh giá|báo cáo|trình|hoàn thiện|đề xuất|bảo đảm|"
    r"khẩn trương|chủ động|tổng hợp|xem xét|giải quyết|đôn đốc)\b"
)


def _coordinators(body: str, leads: list[str], owner: str | None) -> list[str]:
    out: list[str] = []
    for m in _WITH.finditer(body):
        end = _CLAUSE_END.search(body, m.end())
        chunk = body[m.end() : end.start() if end else len(body)]
        for unit in normalize_units(chunk, owner):
            if looks_like_unit(unit.name) and unit.name not in leads and unit.name not in out:
                out.append(unit.name)
    return out


def _task(
    number: str,
    unit: str,
    body: str,
    section: str,
    locator: Locator,
    plan_year: int | None,
    owner: str | None,
) -> Task:
    leads = [u.name for u in normalize_units(unit, owner)] or [unit]
    return Task(
        number=number,
        title=body,
        section=section,
        lead_units=leads,
        coordinating_units=_coordinators(body, leads, owner),
        deadline=_deadline(body, plan_year),
        kind="task",
        raw_lead=unit,
        locator=locator,
    )
