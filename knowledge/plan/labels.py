"""Inline labels in prose ("Cơ quan chủ trì: …; Thời gian hoàn thành: …").

Plans written as prose name each task's lead unit, coordinating units and
deadline after a label, one label per line or several in one sentence. This
module finds those labels and their values; ``prose_tasks`` groups them into
tasks. Matching runs on folded text (same length as the cleaned original, so
positions carry over) and values are cut from the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.plan.clauses import unit_text
from knowledge.units import looks_like_unit
from knowledge.vietnamese import fold

LabelKind = str  # "lead" | "coord" | "deadline" | "task" | "product"

_LABELS: list[tuple[LabelKind, str]] = [
    ("coord", r"(?:co quan|don vi)\s+phoi hop(?:\s+thuc hien)?|phoi hop"),
    (
        "lead",
        r"(?:co quan|don vi)\s+(?:chu tri|thuc hien)(?:\s*/\s*(?:chu tri|thuc hien))?"
        r"(?:\s+tham muu)?(?:\s+thuc hien)?"
        r"|chu tri(?:\s+thuc hien)?|trach nhiem thuc hien",
    ),
    (
        "deadline",
        r"thoi gian(?:\s+du kien)?(?:\s+(?:thuc hien|hoan thanh))?(?:\s*/\s*hoan thanh)?"
        r"|thoi han(?:\s+(?:hoan thanh|ban hanh|thuc hien|trinh))?"
        r"|tien do(?:\s+(?:thuc hien|hoan thanh))?",
    ),
    ("task", r"(?:ten\s+)?nhiem vu|noi dung(?:\s+(?:cong viec|nhiem vu|thuc hien))?"),
    ("product", r"san pham(?:\s+dau ra)?|ket qua(?:\s+dau ra)?"),
]
# A label starts the text or follows a list mark or a clause break, and ends with ":".
_LABEL_RE = re.compile(
    r"(?:^|(?<=[;.)])\s*)(?:[-+•*]\s*)?(?P<label>"
    + "|".join(f"(?P<{kind}_{i}>{pattern})" for i, (kind, pattern) in enumerate(_LABELS))
    + r")\s*:",
)


_BARE_DEADLINE = re.compile(
    r"^(?:[-+•]\s*)?(?:thoi gian (?:thuc hien|hoan thanh)|thoi han(?: hoan thanh)?)\s+"
    r"(?=sau khi|truoc|trong|tu |nam \d|quy |thang |hang |thuong xuyen|den )"
)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹa-zđ]\W)|\.\s+(?=[A-ZĐ])")


# A unit list ends where a clause starts: "Sở KH&CN tiến hành rà soát …" -> "Sở KH&CN".
_UNIT_CLAUSE = re.compile(
    r"(?<!\s)\s++(?:tiến hành|có trách nhiệm|chịu trách nhiệm|chủ trì|thực hiện|rà soát|tổ chức|"
    r"tham mưu|phối hợp|triển khai|căn cứ|theo dõi|gửi)\b|\.\s++(?=[A-ZĐ])"
)


def trim_units(value: str) -> str:
    """Cut a unit value at the first clause that is not a unit name."""
    if len(value) <= 60:
        return value
    m = _UNIT_CLAUSE.search(value)
    return value[: m.start()].strip(" ;,.") if m and m.start() > 3 else value


# One field naming both roles, each list marked: "X (chủ trì); Y, Z (phối hợp)".
_LEAD_MARK = re.compile(r"\(\s*+chu tri\s*+\)")
_COORD_MARK = re.compile(r"\(\s*+phoi hop\s*+\)")


def _role_marked(value: str) -> tuple[str, str] | None:
    """(lead, coordinators) of a value that marks each list with its role."""
    folded = fold(value)
    if len(folded) != len(value):
        return None  # offsets would not carry over to the value
    lead = _LEAD_MARK.search(folded)
    coord = _COORD_MARK.search(folded, lead.end()) if lead else None
    if lead is None or coord is None:
        return None
    names = value[: lead.start()].strip(" ;,"), value[lead.end() : coord.start()].strip(" ;,")
    return names if all(names) and "(" not in names[0] else None


@dataclass(frozen=True)
class Label:
    kind: LabelKind
    value: str  # text after the colon up to the next label (may be "")
    start: int  # offset of the label in the text
    cut: bool = False  # the value was cut where a clause starts: it does not wrap on


def find_labels(text: str) -> list[Label]:
    """All inline labels of ``text`` (cleaned), in order, with their values."""
    folded = fold(text)
    if len(folded) != len(text):  # positions would not carry over; compare lowered text
        folded = text.lower()
    matches = list(_LABEL_RE.finditer(folded))
    if not matches and (m := _BARE_DEADLINE.match(folded)):
        # "Thời gian thực hiện sau khi Chiến lược … được ban hành." (no colon)
        return [Label("deadline", text[m.end() :].strip(" ;,."), 0)]
    out: list[Label] = []
    for i, m in enumerate(matches):
        kind = next(k.split("_")[0] for k, v in m.groupdict().items() if v and k != "label")
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip(" ;,.\t-")
        cut = False
        if kind == "lead" and (marked := _role_marked(value)):
            # "Đơn vị thực hiện: Sở Tài chính (chủ trì); Sở Tư pháp (phối hợp)"
            out.append(Label("lead", marked[0], m.start()))
            out.append(Label("coord", marked[1], m.start() + 1))
            continue
        if kind in ("lead", "coord"):
            trimmed = trim_units(value)
            cut, value = trimmed != value, trimmed
        if kind == "deadline":  # a time phrase is one clause: "05 ngày …. b. Lý do: …" stops
            value = _SENTENCE_END.split(value, maxsplit=1)[0].strip(" ;,.")
        out.append(Label(kind, value, m.start(), cut))
    return out


def starts_with_label(text: str) -> bool:
    labels = find_labels(text)
    return bool(labels) and labels[0].start <= 3


# --- an item that ends by naming who does it ---------------------------------------

# "… . Giao: Sở X chủ trì, Y phối hợp; thời gian: Quý III/2026." and "… (Sở X chủ trì;
# hoàn thành năm 2026)." give the unit after the work, where a sentence would open with it.
_GIVEN = re.compile(r"(?:^|[.;(])\s*+giao\s*+:")
# "…, hoàn thành trong Quý II/2026. Đơn vị thực hiện: Phòng Kế hoạch - Tài chính." and
# "… . Đơn vị chủ trì: Chi cục X; phối hợp: …": the unit's field after the work's sentence.
_LABELLED_TAIL = re.compile(
    r"(?:[.;]|\s[—–])\s*+(?:don vi|co quan)\s++(?=(?:chu tri|thuc hien)\s*+:)"
)  # also after a dash: "… vùng khan hiếm nước — Cơ quan thực hiện: Sở X; Thời gian: …"
_TIME_FIELD = re.compile(r"^\s*+(?:thoi gian|thoi han|tien do)(?:\s++[a-z]++)*?\s*+:\s*+")
_CHAIR = re.compile(r"\b(?:chu tri|thuc hien)\b")  # "(Sở X chủ trì; …)", "(các xã thực hiện; …)"
_WITH = re.compile(r"^[\s,;]*+(?:phoi hop voi|phoi hop)\s*+")
# The labelled form of the same tail: "(Chủ trì: Sở X; phối hợp: Sở Y; thời hạn: …)".
_LEAD_FIELD = re.compile(r"^\s*+(?:co quan |don vi )?(?:chu tri|thuc hien)\s*+:\s*+")
_WITH_FIELD = re.compile(r"^\s*+(?:co quan |don vi )?phoi hop\s*+:\s*+")


@dataclass(frozen=True)
class Tail:
    title: str  # the work, without the tail
    lead: str
    coordinators: str
    deadline: str


def assignment_tail(text: str) -> Tail | None:
    """The unit (and time) an item names after its work, if it does."""
    folded = fold(text)
    if len(folded) != len(text):
        return None
    given = None
    for found in _GIVEN.finditer(folded):
        given = found  # the last "Giao:" of the item
    if given is not None:
        closes = text.rstrip(" .;").endswith(")") and text[given.start()] == "("
        end = len(text.rstrip(" .;")) - 1 if closes else len(text)  # "(Giao: Sở X)."
        return _tail(text, given.start(), given.end(), end)
    body = text.rstrip(" .;")
    # the last "… . Đơn vị thực hiện: X." of the item
    labelled = next(reversed(list(_LABELLED_TAIL.finditer(folded))), None)
    if labelled is not None and labelled.start() > 0:
        return _tail(text, labelled.start(), labelled.end(), len(body))
    if not body.endswith(")"):
        # "… cho cán bộ chủ chốt – Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ."
        dash = max(body.rfind(" – "), body.rfind(" — "))
        if dash > 0 and _names_units(body[dash + 3 :]):
            return _tail(text, dash, dash + 3, len(body))
        return None
    opened = body.rfind("(")
    if opened < 0 or not _CHAIR.search(folded, opened, len(body)):
        return None
    return _tail(text, opened, opened + 1, len(body) - 1)


def _names_units(part: str) -> bool:
    """The part after a closing dash is a unit list ("Sở Tư pháp, Sở Nội vụ"), not more work."""
    head = re.split(r"(?<!\s)\s+(?:chủ trì|thực hiện)\b|[,;]", part, maxsplit=1)[0].strip()
    return len(head.split()) <= _MAX_UNIT_WORDS and looks_like_unit(head)


_MAX_UNIT_WORDS = 12


def _tail(text: str, cut: int, start: int, end: int) -> Tail | None:
    parts = [p.strip(" .") for p in text[start:end].split(";")]
    units, deadline, other, joined = "", "", "", ""
    for part in parts:
        folded = fold(part)
        if m := _TIME_FIELD.match(folded):
            deadline = part[m.end() :]
        elif m := _LEAD_FIELD.match(folded):  # "(Chủ trì: Sở Tư pháp; phối hợp: …)"
            value = part[m.end() :]  # "Sở X" or "Sở X chủ trì, phối hợp với Sở Y"
            units = value if _CHAIR.search(fold(value)) else f"{value} chủ trì"
        elif (m := _WITH_FIELD.match(folded)) and units:
            joined = part[m.end() :]
        elif not units:
            units = part
        elif units and (w := _WITH.match(folded)) and len(folded) == len(part):
            joined = part[w.end() :]  # "(Sở X chủ trì; phối hợp Sở Y; hoàn thành …)"
        elif not other:
            other = part  # "(Sở X chủ trì; hoàn thành năm 2026)"
    if not units:
        return None
    deadline = deadline or other
    lead, coordinators = split_roles(units)
    lead = unit_text(lead)  # "(Đề nghị Liên đoàn Lao động tỉnh chủ trì, …)"
    coordinators = coordinators or joined
    title = text[:cut].strip(" .;")
    return Tail(title, lead, coordinators, deadline) if lead and title else None


def split_roles(units: str) -> tuple[str, str]:
    """ "Sở X chủ trì, UBND các xã phối hợp" -> ("Sở X", "UBND các xã")."""
    folded = fold(units)
    chair = _CHAIR.search(folded) if len(folded) == len(units) else None
    if chair is None:
        return units.strip(" ,"), ""
    lead = units[: chair.start()].strip(" ,")
    rest, folded_rest = units[chair.end() :], folded[chair.end() :]
    if m := _WITH.match(folded_rest):  # "X chủ trì, phối hợp với Y"
        return lead, rest[m.end() :].strip(" ,;")
    rest, folded_rest = rest.rstrip(" ,;"), folded_rest.rstrip(" ,;")
    if folded_rest.endswith("phoi hop"):  # "X chủ trì, Y phối hợp"
        return lead, rest[: -len("phoi hop")].strip(" ,;")
    return lead, ""  # "X chủ trì theo lĩnh vực được phân công": no one coordinates


_CHAIR_MARK = re.compile(r"\(\s*chủ trì\s*\)", re.IGNORECASE)


def split_joint_cell(cell: str) -> tuple[str, str]:
    """One cell for both roles: "Chủ trì: Sở X; Phối hợp: Sở Y, UBND các xã" or "Sở X
    (chủ trì); Sở Y, Sở Z" -> ("Sở X", "Sở Y, …"); a cell naming no role is the lead's."""
    lead, joined = "", []
    for part in (p.strip() for p in cell.split(";")):
        folded = fold(part)
        if len(folded) == len(part) and (m := _LEAD_FIELD.match(folded)):
            lead = part[m.end() :].strip()
        elif len(folded) == len(part) and (m := _WITH_FIELD.match(folded)):
            joined.append(part[m.end() :].strip())
        elif mark := _CHAIR_MARK.search(part):
            lead = part[: mark.start()].strip()
            joined.append(part[mark.end() :].strip(" ,"))
        elif lead:
            joined.append(part)
        else:
            return cell, ""  # "Sở X, Sở Y": a list of leads, as a lead cell gives it
    return lead, "; ".join(j for j in joined if j)
