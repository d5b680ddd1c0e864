"""Targets (chỉ tiêu / mục tiêu): sentences that state a measurable aim.

A target is a sentence with at least one number phrase: a percentage with its
qualifier ("trên 95%", "tối thiểu 35%", "từ 95% trở lên", "20%-25%"), a share
of a whole ("69/69 xã"), or a count of things ("03 sáng kiến", "từ 02 đến 03
cuộc đối thoại"). Counts only count inside a "Mục tiêu"/"Chỉ tiêu" section or
with a qualifier ("ít nhất 02 đơn vị"); legal references ("Nghị quyết số
76/NQ-CP"), dates and article numbers are never values.

The horizon is the year the sentence names ("Đến năm 2025", "năm 2026"), else
the year of the nearest "Đến năm 2030:" lead-in or section title, else the
plan year. Under a "Giai đoạn 2028-2030" lead-in, the period opens each target's text:
the same aim is set for each period with its own figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.document import Locator
from knowledge.plan.model import Target
from knowledge.plan.sections import clean_text, parse_marker, strip_bullet
from knowledge.vietnamese import fold, squash

_QUAL = (
    r"(?:(?:phấn đấu|bảo đảm|đảm bảo|đạt(?: tỷ lệ)?|đạt từ|trên|dưới|tối thiểu|tối đa|ít nhất|"
    r"khoảng|từ|giảm(?: tối thiểu| bình quân| tối thiểu bình quân)?|tăng(?: thêm)?|hơn|"
    r"không quá|không dưới|không thấp hơn|tiếp tục giảm(?: bình quân)?)\s+)"
)
_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_PERCENT = re.compile(
    rf"(?<![\w/.,]){_QUAL}*{_NUM}\s*%(?:\s*(?:-|–|đến)\s*{_NUM}\s*%)?(?:\s+trở lên)?",
    re.IGNORECASE,
)
# "69/69 xã", "20/20 đơn vị": part of a whole, never a date ("15/7/2021") or a
# document number ("76/NQ-CP").
_SHARE = re.compile(r"(?<![\w/.])(\d{1,4})/(\d{1,4})(?![\w/.-])(\s+[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+)?)")
_COUNT_NOUNS = (
    "sáng kiến|cuộc|đơn vị|cơ quan|xã|phường|huyện|lớp|nhóm|mô hình|hội nghị|hội thảo|"
    "doanh nghiệp|người|lượt|hồ sơ|thủ tục|dịch vụ|nền tảng|hệ thống|cơ sở dữ liệu|văn bản|"
    "chỉ tiêu|nhiệm vụ|đề án|dự án|trung tâm|điểm|UBND|chuyến|khóa|khoá|bộ|ứng dụng|sản phẩm"
)
_COUNT = re.compile(
    rf"(?<![\w/.,]){_QUAL}*\d{{1,4}}(?:\s*(?:-|–|đến)\s*\d{{1,4}})?\s+(?:{_COUNT_NOUNS})\b",
    re.IGNORECASE,
)
_QUALIFIED = re.compile(r"^(ít nhất|tối thiểu|trên|khoảng|từ|hơn|không dưới|phấn đấu|đạt)\b", re.I)
_HORIZON = re.compile(
    r"\b(?:đến|tới|trước|vào|trong|đến hết|đến cuối)\s+(?:năm\s+)?((?:20)\d\d)\b"
    r"|\bnăm\s+((?:20)\d\d)\b",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"so với(?: cùng kỳ)?\s+(?:năm\s+)?(20\d\d)", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:[-•]\s*)?(?:đến|tới|trong|vào)?\s*(?:hết\s+)?(?:năm\s+)?(20\d\d)\s*:?\s*$", re.I
)
# "- Giai đoạn 2028-2030": the period of the "+" items under it, named with each of them.
_PERIOD_LEAD_IN = re.compile(
    r"^(?:[-•+]\s*)?(giai đoạn\s+(?:từ\s+)?(?:năm\s+)?20\d\d\s*(?:-|–|—|đến)\s*(?:năm\s+)?"
    r"(20\d\d))\s*:?\s*$",
    re.I,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9“\"])")
_DIGIT = re.compile(r"\d")
_PAREN_NUMBER = re.compile(r"^\(\d{1,2}\)\s*")  # "(1) Tỷ trọng kinh tế số …"
_TARGET_SECTION = ("muc tieu", "chi tieu")
# Sections whose numbers are not aims (legal bases, assessments of the past, budget).
_SKIP_SECTION = ("kinh phi", "can cu", "ket qua thuc hien", "danh gia", "tinh hinh")


def values_in(text: str, allow_counts: bool = True) -> list[str]:
    """The measurable number phrases of ``text``, in order, without duplicates."""
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str) -> None:
        if any(s < end and start < e for s, e in spans):
            return
        spans.append((start, end))
        found.append((start, squash(value)))

    if not _DIGIT.search(text):
        return []  # every value holds a digit: most paragraphs end here
    for m in _PERCENT.finditer(text) if "%" in text else ():
        add(m.start(), m.end(), m.group(0))
    for m in _SHARE.finditer(text) if "/" in text else ():
        part, whole = int(m.group(1)), int(m.group(2))
        if 0 < part <= whole and not _looks_like_date(text, m.start()):
            add(m.start(), m.end(), m.group(0))
    if allow_counts:
        for m in _COUNT.finditer(text):
            if _is_reference(text, m.start()):
                continue
            add(m.start(), m.end(), m.group(0))
    return list(dict.fromkeys(v for _, v in sorted(found)))


def _looks_like_date(text: str, start: int) -> bool:
    before = fold(text[max(0, start - 12) : start])
    return before.rstrip().endswith(("ngay", "so", "thang", "nam"))


def _is_reference(text: str, start: int) -> bool:
    """ "Điều 3", "Nghị định số 118 …", "khoản 2 điều …" are references, not counts."""
    before = fold(text[max(0, start - 14) : start]).rstrip()
    return before.endswith(("so", "dieu", "khoan", "diem", "muc", "chuong", "phu luc", "ngay"))


_PERIOD_OPENING = re.compile(r"^(Giai đoạn [^:]{4,30}):", re.I)


def period_of(text: str) -> str:
    """The period ``extract_targets`` wrote before a target's words ("Giai đoạn
    2028-2030"), or ""."""
    m = _PERIOD_OPENING.match(text)
    return m.group(1) if m else ""


def horizon(text: str) -> int | None:
    """The year a target sentence aims at ("Đến năm 2025", "năm 2026"); not a baseline."""
    baselines = {int(m.group(1)) for m in _BASELINE.finditer(text)}
    years = [int(m.group(1) or m.group(2)) for m in _HORIZON.finditer(text)]
    years = [y for y in years if y not in baselines]
    return max(years) if years else None


@dataclass
class TextEntry:
    """A paragraph to read targets from: its section path, text, and place."""

    section: str
    text: str
    locator: Locator


def in_target_section(section: str) -> bool:
    folded = fold(section)
    return any(k in folded for k in _TARGET_SECTION)


def extract_targets(entries: Iterable[TextEntry], plan_year: int | None) -> list[Target]:
    """Targets from paragraphs, in document order, de-duplicated by text."""
    out: list[Target] = []
    seen: set[str] = set()
    lead_year: int | None = None
    lead_section: str | None = None
    period = ""  # "Giai đoạn 2028-2030", said before each target under it
    for entry in entries:
        text = clean_text(entry.text)
        if lead_section != entry.section:
            lead_year, lead_section, period = None, entry.section, ""
        if m := _LEAD_IN.match(text):
            lead_year, period = int(m.group(1)), ""
            continue
        if m := _PERIOD_LEAD_IN.match(text):
            lead_year, period = int(m.group(2)), m.group(1)[:1].upper() + m.group(1)[1:]
            continue
        if _skip_section(entry.section):
            continue
        targeted = in_target_section(entry.section)
        for sentence in _sentences(text):
            values = values_in(sentence, allow_counts=True)
            values = [v for v in values if "%" in v or "/" in v or targeted or _QUALIFIED.match(v)]
            if not values or _is_legal_basis(sentence):
                continue
            own = horizon(sentence)
            year = own or lead_year or horizon(entry.section) or plan_year
            if period and not own:
                sentence = f"{period}: {sentence}"
            key = _key(sentence)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Target(
                    text=sentence,
                    values=values,
                    year=year,
                    section=entry.section,
                    locator=entry.locator,
                )
            )
    return out


def targets_from_cells(
    cells: Iterable[TextEntry], plan_year: int | None, known: list[Target]
) -> list[Target]:
    """Targets from a table's "Mục tiêu/Chỉ tiêu" cells, skipping ones already known."""
    seen = {_key(t.text) for t in known}
    out: list[Target] = []
    for cell in cells:
        for sentence in _sentences(clean_text(cell.text)):
            values = values_in(sentence)
            key = _key(sentence)
            if not values or key in seen:
                continue
            seen.add(key)
            year = horizon(sentence) or plan_year
            out.append(Target(sentence, values, year, cell.section, cell.locator))
    return out


def _skip_section(section: str) -> bool:
    last = fold(section.split(" > ")[-1]) if section else ""
    return any(k in last for k in _SKIP_SECTION)


def _is_legal_basis(sentence: str) -> bool:
    return fold(sentence).startswith(("can cu", "thuc hien nghi", "theo de nghi"))


def _sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; drop the list marker ("1.2.", "-") of each."""
    text = _PAREN_NUMBER.sub("", strip_bullet(text))
    marker = parse_marker(text)
    if marker is not None and marker.kind in ("arabic", "letter"):
        text = marker.rest
    out: list[str] = []
    for part in _SENTENCE_SPLIT.split(text):
        part = strip_bullet(part.strip())
        if len(part) >= 8:
            out.append(part.rstrip(";,").strip())
    return out


def _key(text: str) -> str:
    folded = fold(text).rstrip(". ;")
    marker = parse_marker(folded)
    return marker.rest if marker is not None else folded
