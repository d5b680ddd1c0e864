"""A plan's outline: the numbered items under a heading, and the tasks under a part.

"Kế hoạch gồm bao nhiêu nội dung?", "có mấy mục tiêu chủ yếu?", "nêu mấy nhiệm vụ,
giải pháp trọng tâm?" count what the plan itself numbers under the heading those words
name ("II. NỘI DUNG" 1–8), not the tasks the parser read from it. "Phần I … có mấy
nhiệm vụ?" counts the tasks of that part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from knowledge.retrieval.analyzer import syllables
from storage.models import Document, Passage, SectionRow, TaskRow

# What a count question counts: the words after "bao nhiêu / mấy", up to where it asks
# something else ("… ai ký", "… liệt kê giúp", "… của kế hoạch").
_COUNTED = re.compile(r"(?:^| )(?:bao nhieu|may|tong so|so luong)((?: [a-z0-9]+){1,8})")
_ENDS = frozenset(
    [
        "cua",
        "trong",
        "duoc",
        "la",
        "ai",
        "tai",
        "theo",
        "de",
        "khi",
        "nao",
        "gi",
        "can",
        "phai",
        "ky",
        "co",
        "o",
        "cho",
        "nam",
        "thi",
        "liet",
        "ke",
        "hoach",
        "neu",
        "gom",
        "bao",
        "va",
        "den",
        "ban",
        "hanh",
        "thuc",
    ]
)
# Nouns that count tasks themselves; what is left ("nội dung", "mục tiêu chủ yếu",
# "giải pháp trọng tâm") names a heading of the plan.
_TASK_NOUNS = ("nhiem vu", "cong viec", "hoat dong", "nhom", "viec", "cac", "nhung")
# "phần I …", "mục II", "nội dung 3": a part of the plan named by its number.
_PART = re.compile(r"(?:^| )(?:phan|muc|noi dung|chuong)\s+([ivx]{1,4}|\d{1,2}|[a-e])(?= |$)")
_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.)]\s")
# Under "6. Chỉ tiêu chủ yếu", items numbered "6.1.", "6.2." (the heading's own number first).
_SUB_ITEM = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?\s")
MIN_ITEMS = 2


@dataclass
class Outline:
    heading: str  # the heading as the plan writes it ("II. NỘI DUNG")
    path: str = ""  # its section path (what citations locate)
    items: list[str] = field(default_factory=list)  # its numbered items, 1 … n, in order


def counted_words(question: str) -> tuple[list[str], bool]:
    """(heading words the count names, whether it counts tasks) for "bao nhiêu X"."""
    q = " ".join(syllables(question))
    m = _COUNTED.search(q) or _LISTED.search(q)
    if m is None:
        return [], False
    words: list[str] = []
    found = m.group(1).split()
    if m.re is _LISTED:  # "những nội dung chính nào": the heading says "NỘI DUNG"
        found = [w for w in found if w not in _QUALIFIERS]
    for i, w in enumerate(found):
        if w == "giai" and found[i + 1 : i + 2] == ["doan"] and words:
            break  # "… giai đoạn 2026-2030"
        if w in _ENDS and words:
            break
        if w not in _ENDS:
            words.append(w)
    phrase = f" {' '.join(words)} "
    tasks = any(f" {n} " in phrase for n in _TASK_NOUNS[:4])
    for noun in _TASK_NOUNS:
        phrase = phrase.replace(f" {noun} ", " ")
    return phrase.split(), tasks


_NUMERALS = r"\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi"
# "… gồm những nội dung cải cách nào", "có các giải pháp nào": the parts listed, not counted.
_PART_NOUNS = r"noi dung|giai phap|muc tieu|phan|linh vuc|nhom|chuong trinh|de an|giai doan"
_LISTED = re.compile(
    rf"(?:^| )(?:gom|co|la|bao gom|chia thanh|chia lam)(?: nhung| cac)? ((?:{_PART_NOUNS})"
    r"(?: [a-z0-9]+){0,3}?) nao(?: |$)"
)


_QUALIFIERS = frozenset(["chinh", "chu", "yeu", "trong", "tam", "cu", "the", "lon"])


def lists_parts(question: str) -> bool:
    """ "… gồm những nội dung nào": a list of the parts a plan numbers under a heading."""
    return _LISTED.search(" ".join(syllables(question))) is not None


# What a plan counts in words ("28 mục tiêu", "08 nhóm giải pháp").
COUNTED_NOUNS = ("muc tieu", "nhiem vu", "giai phap", "chi tieu", "noi dung", "linh vuc", "nhom")


def _counted(noun: str) -> re.Pattern[str]:
    """A number before ``noun`` in folded text: "28 muc tieu", "tam nhom giai phap"."""
    return re.compile(rf"(?:^| )(?:{_NUMERALS}) {noun}(?: |$)")


def states_counts(text: str, nouns: list[str]) -> bool:
    """``text`` gives a number for each of ``nouns`` ("có 28 mục tiêu … 40 nhiệm vụ")."""
    folded = " ".join(syllables(text))
    return all(_counted(n).search(folded) for n in nouns)


def stated_count(session: Session, doc_id: int, question: str) -> Passage | None:
    """The plan's own sentence giving the count asked: "… 08 nhóm giải pháp …"."""
    m = _COUNTED.search(" ".join(syllables(question)))
    if not m:
        return None
    words: list[str] = []
    for w in m.group(1).split():
        if w in _ENDS:
            break
        words.append(w)
    if not words or " ".join(words).startswith(_TASK_NOUNS[:2]):
        return None  # "bao nhiêu nhiệm vụ": the parsed tasks answer that
    said = _counted(" ".join(words))
    rows = session.scalars(
        select(Passage).where(Passage.document_id == doc_id).order_by(Passage.ordinal)
    )
    return next((p for p in rows if said.search(" ".join(syllables(p.text)))), None)


def _sections(session: Session, doc_id: int) -> list[SectionRow]:
    return list(
        session.scalars(
            select(SectionRow).where(SectionRow.document_id == doc_id).order_by(SectionRow.ordinal)
        )
    )


def headings_for(session: Session, doc_id: int, words: list[str]) -> list[SectionRow]:
    """The plan's heading that holds every counted word; failing one, those that hold
    the noun the words open with ("nội dung" of "nội dung chuyển đổi số"), tightest first."""
    if not words:
        return []
    sections = _sections(session, doc_id)
    for want in (set(words), set(words[:2]) if " ".join(words[:2]) in HEAD_NOUNS else None):
        if not want:
            continue
        # "những nội dung cải cách nào" under "II. NỘI DUNG, MỤC TIÊU …": the words after
        # the noun say what the items are about, the heading need not repeat them
        fits = [s for s in sections if want <= set(syllables(f"{s.number} {s.title}"))]
        if fits:
            fits.sort(key=lambda s: (len(syllables(s.title)), s.level))
            # every word fits: that tightest heading is the one named, whatever it numbers
            return fits if len(want) < len(set(words)) else fits[:1]
    return []


# Nouns whose headings each name one of several ("Giai đoạn 2025 - 2030", "Lĩnh vực y tế").
_PHASE_NOUNS = frozenset(["giai doan", "linh vuc"])
# Two-word nouns of what a plan numbers under a heading ("nội dung", "giải pháp").
HEAD_NOUNS = frozenset(["noi dung", "giai phap", "muc tieu", "linh vuc", "giai doan"])


def items_under(session: Session, doc_id: int, head: SectionRow) -> Outline:
    """The items the plan numbers 1, 2, … directly under ``head``."""
    path = head.path
    own = _plain_number(head.number)
    found: dict[int, str] = {}
    # A section row's path is its own heading; its parent is the last higher one before it.
    after = [s for s in _sections(session, doc_id) if s.ordinal > head.ordinal]
    for s in after:
        if s.level <= head.level:
            break
        n = _plain_number(s.number)
        if s.level == head.level + 1 and n is not None:
            found.setdefault(n, f"{s.number} {s.title}")
    # A passage's section is its whole path ("II. NỘI DUNG > 6. Chỉ tiêu …"): the heading
    # may stand at its start or deeper.
    rows = session.scalars(
        select(Passage)
        .where(
            Passage.document_id == doc_id,
            or_(Passage.section.startswith(path), Passage.section.contains(f" > {path}")),
        )
        .order_by(Passage.ordinal)
    )
    for p in rows:
        at = 0 if p.section.startswith(path) else p.section.find(f" > {path}") + 3
        below = p.section[at + len(path) :]
        if below and (not below.startswith(" > ") or " > " in below[3:]):
            continue  # deeper than one level under the heading: its own sub-items
        m = _ITEM.match(p.text)
        if m:
            found.setdefault(int(m.group(1)), p.text)
            continue
        sub = _SUB_ITEM.match(p.text)
        if sub and own is not None and int(sub.group(1)) == own:
            found.setdefault(int(sub.group(2)), p.text)
    items = []
    n = 1
    while n in found:
        items.append(found[n])
        n += 1
    return Outline(heading=f"{head.number} {head.title}".strip(), path=path, items=items)


def _plain_number(number: str) -> int | None:
    """ "3." or "3)" -> 3; "2.1", "a)", "II." -> None."""
    bare = (number or "").strip()
    bare = bare[:-1].rstrip() if bare.endswith((".", ")")) else bare
    return int(bare) if bare.isdigit() and len(bare) <= 2 else None


def outline_count(session: Session, doc_id: int, question: str) -> Outline | None:
    """The numbered items under the heading a count question names, when there are some."""
    if _APPENDIX.search(" ".join(syllables(question))) and _tabled_tasks(session, doc_id):
        return None  # "phụ lục II có bao nhiêu nhiệm vụ, giải pháp": the appendix's tasks
    words, _ = counted_words(question)
    if words[:1] and words[0] in _MEASURES or words[:2] == ["phan", "tram"]:
        return None  # "còn mấy ngày", "bao nhiêu tỷ đồng": a figure, not a heading's items
    named = named_siblings(session, doc_id, words)
    if named is not None:
        return named  # "chia làm những giai đoạn nào": "1. Giai đoạn …", "2. Giai đoạn …"
    for head in headings_for(session, doc_id, words):
        outline = items_under(session, doc_id, head)
        if len(outline.items) >= MIN_ITEMS:
            return outline  # "Nội dung 3. Kinh phí" numbers nothing: the next heading
    return None


def named_siblings(session: Session, doc_id: int, words: list[str]) -> Outline | None:
    """Sibling headings that each open with the counted noun ("1. Giai đoạn 2025 - 2030",
    "2. Giai đoạn 2031 - 2035"): they are what is counted, not the items under one."""
    noun = " ".join(words)
    if noun not in _PHASE_NOUNS:
        return None  # "mục tiêu", "nội dung" open generic headings ("I. MỤC TIÊU TỔNG QUÁT")
    groups: dict[int, tuple[SectionRow | None, list[SectionRow]]] = {}
    above: list[SectionRow] = []  # the open headings, outermost first
    for s in _sections(session, doc_id):
        while above and above[-1].level >= s.level:
            above.pop()
        parent = above[-1] if above else None
        if " ".join(syllables(s.title)).startswith(noun):
            groups.setdefault(id(parent), (parent, []))[1].append(s)
        above.append(s)
    for parent, rows in groups.values():
        if len(rows) >= MIN_ITEMS:
            title = f"{parent.number} {parent.title}".strip() if parent else ""
            path = parent.path if parent else ""
            return Outline(heading=title, path=path, items=[f"{r.number} {r.title}" for r in rows])
    return None


def whole_parts(session: Session, doc_id: int, question: str) -> Outline | None:
    """ "Kế hoạch gồm những nội dung chính nào", no heading numbering items under those
    words and no groups of tasks to name: the plan's own parts."""
    words, _ = counted_words(question)
    return top_parts(session, doc_id) if words and set(words) <= _WHOLE_WORDS else None


# What a plan as a whole is made of: "nội dung (chính)", "phần", "mục" name its parts.
_WHOLE_WORDS = frozenset(["noi", "dung", "phan", "muc"])
_ROMAN_PART = re.compile(r"^[IVX]{1,4}\.$")


def top_parts(session: Session, doc_id: int) -> Outline | None:
    """The plan's parts "I." … "VI." in order (each number once: a decision's own
    articles and the plan it attaches do not repeat them)."""
    found: dict[str, str] = {}
    for s in _sections(session, doc_id):
        if _ROMAN_PART.match(s.number.strip()) and s.title:
            found.setdefault(s.number.strip(), f"{s.number} {s.title}")
    items = list(found.values())
    return Outline(heading="", path="", items=items) if len(items) >= MIN_ITEMS else None


_APPENDIX = re.compile(r"(?:^| )phu luc(?: |$)")
# Measures a count question may ask a figure in (folded): durations, money, people, areas.
_MEASURES = frozenset(
    ["ngay", "thang", "nam", "tuan", "gio", "phut", "ty", "trieu", "dong", "nguoi", "luot",
     "ha", "km", "tan", "lan"]
)  # fmt: skip


def names_appendix(question: str) -> bool:
    return _APPENDIX.search(" ".join(syllables(question))) is not None


def in_appendix(section: str, locator: dict[str, Any] | None) -> bool:
    """A task of the plan's appendix: under a "Phụ lục" heading, or a row of a table."""
    return (
        "phu luc" in " ".join(syllables(section or "")) or (locator or {}).get("table") is not None
    )


def _tabled_tasks(session: Session, doc_id: int) -> bool:
    """The plan's tasks were read from a table (an appendix's list of tasks)."""
    rows = session.scalars(
        select(TaskRow.locator).where(TaskRow.document_id == doc_id, TaskRow.kind != "duty")
    )
    return any((loc or {}).get("table") is not None for loc in rows)


def part_asked(question: str) -> str:
    """ "… mục II …", "phần A", "nội dung 4" -> "ii", "a", "4"; "" when no part is named."""
    m = _PART.search(" ".join(syllables(question)))
    return m.group(1) if m else ""


def in_part(number: str, section: str, part: str) -> int:
    """How plainly a task sits in the part asked: 2 when its own number starts with the
    part ("I.11" in "mục I"), 1 when a heading above it does ("A PHÁT TRIỂN …",
    "Nội dung 4. …"), else 0."""
    if not part:
        return 0
    levels = number.lower().split(".")
    if len(levels) > 1 and levels[0] == part:
        return 2
    return int(any(_segment_number(seg) == part for seg in (section or "").split(" > ")))


# The words a heading may put before its number: "Phần I", "Mục 2", "Nội dung 7.", "Chương II".
_PART_WORDS = (("phan",), ("muc",), ("noi", "dung"), ("chuong",))


def _segment_number(segment: str) -> str:
    """A heading's own number, folded: "II. CẢI CÁCH …" -> "ii", "Nội dung 7. Xây …" -> "7"."""
    head = syllables(segment)
    for words in _PART_WORDS:
        if tuple(head[: len(words)]) == words and len(head) > len(words):
            return head[len(words)]
    return head[0] if head else ""


def part_tasks(session: Session, doc_id: int, question: str) -> tuple[str, list[int]] | None:
    """ "Phần I … có mấy nhiệm vụ": (the part's heading, its tasks' ids), when the
    question names a part by its number and the plan's tasks are arranged in parts."""
    q = " ".join(syllables(question))
    rows = session.execute(
        select(TaskRow.id, TaskRow.section)
        .where(TaskRow.document_id == doc_id, TaskRow.kind != "duty")
        .order_by(TaskRow.ordinal)
    ).all()
    m = _PART.search(q)
    if not m:
        return _titled_part(session, doc_id, q, rows)
    number = m.group(1)
    after = set(q[m.end() :].split())
    parts: dict[str, list[int]] = {}
    for task_id, section in rows:
        for segment in (section or "").split(" > "):
            if _segment_number(segment) == number:
                parts.setdefault(segment, []).append(task_id)
                break
    if not parts:
        return None
    # Of parts sharing the number (an appendix beside the body), the one whose title
    # the question repeats.
    best = max(parts, key=lambda seg: (len(after & set(syllables(seg))), len(parts[seg])))
    return best, parts[best]


def _titled_part(
    session: Session, doc_id: int, q: str, rows: Sequence[Any]
) -> tuple[str, list[int]] | None:
    """ "nội dung cải cách chế độ công vụ gồm mấy nhiệm vụ": the group of tasks whose
    heading's title the question repeats word for word, when it is not the plan's own."""
    title = session.scalar(select(Document.title).where(Document.id == doc_id)) or ""
    own = f" {' '.join(syllables(title))} "
    titles: dict[str, str] = {}  # each heading's title, read once: many tasks share one
    parts: dict[str, list[int]] = {}
    for task_id, section in rows:
        for segment in (section or "").split(" > "):
            if segment not in titles:
                titles[segment] = _part_title(segment)
            words = titles[segment]
            asked = len(words.split()) >= MIN_TITLE_WORDS and f" {words} " in f" {q} "
            if asked and f" {words} " not in own:  # "KH cải cách hành chính …" names the plan
                parts.setdefault(segment, []).append(task_id)
    if not parts:
        return None
    best = max(parts, key=lambda seg: (len(titles[seg].split()), len(parts[seg])))
    if len(parts[best]) == len(rows):
        return None  # the heading over every task: the plan's count
    return best, parts[best]


# Fewer words than this ("Kinh phí") are too common to name one group of tasks.
MIN_TITLE_WORDS = 3


def _part_title(segment: str) -> str:
    """A heading's title folded, without its number or a stated count: "Nội dung 5: Cải
    cách chế độ công vụ (4 nhiệm vụ)" -> "cai cach che do cong vu"."""
    head = syllables(re.sub(r"\([^)]*\)", " ", segment))
    for words in _PART_WORDS:
        if tuple(head[: len(words)]) == words:
            head = head[len(words) :]
            break
    while head and (head[0].isdigit() or re.fullmatch(r"[ivx]{1,4}|[a-e]", head[0])):
        head = head[1:]
    return " ".join(head)
