"""Leads a plan gives by reference to its own sections.

Strategy plans list their work under topic headings with no unit, then say under
"Tổ chức thực hiện" who leads which part::

    3. Sở Nông nghiệp và Môi trường
    Chủ trì triển khai các nhiệm vụ tại mục (IV) (1) của Kế hoạch.

The referenced items get that unit as their lead, when no pass found one of their
own. The most specific reference wins ("mục (IV)(3.4)(a)" over "mục (IV) (3)").
Only a sentence that says "chủ trì" assigns: "căn cứ các nội dung tại mục III" or
"phối hợp thực hiện các nhiệm vụ tại mục II" gives no lead.
"""

from __future__ import annotations

import re

from knowledge.plan.model import Task
from knowledge.vietnamese import fold

_GROUP = r"\(\s*[\w.]{1,12}\s*\)"
_REF = re.compile(
    r"\b(?:tại|ở|thuộc)\s+(?:các\s+)?(?:mục|phần|tiểu mục)\s+"
    rf"(?P<ref>(?:{_GROUP}\s*)+|[IVXLC]{{1,5}}(?:\.\d{{1,2}}){{0,3}}\b)",
    re.IGNORECASE,
)
_LEADS = re.compile(r"\bchủ trì\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;]+")
_ROMAN = re.compile(r"^[IVXLC]{1,5}$", re.IGNORECASE)
_LETTER = re.compile(r"^[a-zđ]$", re.IGNORECASE)


def assign_referenced_leads(tasks: list[Task]) -> None:
    """Give lead-less tasks the unit that a "chủ trì … tại mục X" sentence names."""
    refs: list[tuple[str, Task]] = []
    for task in tasks:
        if task.lead_units:
            refs.extend((prefix, task) for prefix in _references(task.title))
    refs.sort(key=lambda r: -len(r[0]))  # the most specific first
    for task in tasks:
        if task.lead_units or not task.number:
            continue
        number = _key(task.number)
        for prefix, owner in refs:
            if owner is not task and (number == prefix or number.startswith(prefix + ".")):
                task.lead_units = list(owner.lead_units)
                task.raw_lead = owner.raw_lead
                break


def _references(text: str) -> list[str]:
    out: list[str] = []
    for sentence in _SENTENCE.finditer(text):
        part = sentence.group(0)
        for m in _REF.finditer(part):
            if _LEADS.search(part[: m.start()]):
                out.extend(_prefixes(m.group("ref")))
    return out


def _prefixes(ref: str) -> list[str]:
    """ "(IV) (1)" -> ["iv.1"]; "(IV) (4.1) (4.2)" -> ["iv.4.1", "iv.4.2"];
    "(IV)(3.4)(a)" -> ["iv.3.4.a"]; "III" -> ["iii"]."""
    groups = re.findall(r"\(\s*([\w.]+)\s*\)", ref) or [ref]
    root = groups[0].strip(".")
    if not _ROMAN.match(root):
        return []  # "mục (1)" alone: which part is meant depends on where it stands
    prefixes = [_key(root)]
    previous = "root"
    for group in groups[1:]:
        group = group.strip(".")
        if _LETTER.match(group) and previous == "number":
            prefixes = [f"{p}.{_key(group)}" for p in prefixes]
            previous = "letter"
        elif previous == "number":
            prefixes.append(f"{_key(root)}.{_key(group)}")  # (4.1) (4.2): either part
        else:
            prefixes = [f"{_key(root)}.{_key(group)}"]
            previous = "number"
    return prefixes


def _key(number: str) -> str:
    return ".".join(p for p in re.split(r"[.\s]+", fold(number).lower()) if p)
