"""A target on a topic: the sentence that holds the asked quantity, per plan."""

from __future__ import annotations

import re

from knowledge import texts
from knowledge.answer.api import Answer
from knowledge.answer.compose import excerpt, nothing_found
from knowledge.answer.context import Ask
from knowledge.answer.hits import (
    QUANTITY_BONUS,
    cite_hit,
    figure_first,
    good_hits,
    per_document,
    present_first,
    quantity_pattern,
    with_figure,
)
from knowledge.answer.stated import stated_count_answer
from knowledge.plan.targets import period_of
from knowledge.retrieval.index import Hit
from knowledge.vietnamese import fold

_YEAR = re.compile(r"\b(20\d\d)\b")
LEAD_IN_CHARS = 80  # "- Giai đoạn 2028-2030": a short line that heads the items below it
LEAD_IN_REACH = 12  # passages back from an item to look for its lead-in
PERIOD_MARGIN = 0.05  # how close in coverage two hits are for the period to choose


def _lead_in(ask: Ask, passage_id: int) -> str:
    """The short line heading the list a passage belongs to, in its section."""
    from sqlalchemy import select

    from storage.models import Passage

    item = ask.session.get(Passage, passage_id)
    if item is None:
        return ""
    before = ask.session.scalars(
        select(Passage)
        .where(
            Passage.document_id == item.document_id,
            Passage.ordinal < item.ordinal,
            Passage.ordinal >= item.ordinal - LEAD_IN_REACH,
        )
        .order_by(Passage.ordinal.desc())
    )
    for p in before:
        if p.section != item.section:
            break
        if len(p.text) <= LEAD_IN_CHARS and _YEAR.search(p.text):
            return p.text
    return ""


def _by_period(ask: Ask, hits: list[Hit]) -> list[Hit]:
    """ "… giai đoạn 2028-2030 là bao nhiêu": of items alike, the one listed under that
    period ("- Giai đoạn 2028-2030" / "+ 99% …"), not the same aim for another period."""
    asked = set(_YEAR.findall(ask.question))
    if len(asked) < 1 or len(hits) < 2:
        return hits
    best = hits[0].coverage
    kinds = ("passage", "target")
    alike = [h for h in hits if h.coverage >= best - PERIOD_MARGIN and h.record.kind in kinds]
    for h in alike:
        if h.record.kind == "target":
            heading = period_of(h.record.text)  # the parser wrote it before the target
        elif asked <= set(_YEAR.findall(h.record.text)):
            continue  # the passage names the years itself: ranked on them already
        else:
            heading = _lead_in(ask, h.record.ref_id)
        if heading and asked <= set(_YEAR.findall(heading)):
            return [h] + [x for x in hits if x is not h]
    return hits


# A bound said before the figure asked: "phấn đấu ít nhất bao nhiêu %", "tối thiểu mấy".
_BOUNDS = "it nhat|toi thieu|toi da|khong duoi|khong qua|tren|duoi"
_ASKED_BOUND = re.compile(rf"\b({_BOUNDS})\s+(?:bao nhieu|may)\b")


def _by_bound(ask: Ask, hits: list[Hit]) -> list[Hit]:
    """ "… ít nhất bao nhiêu % xã": of items alike, the one whose figure has that bound
    ("ít nhất 50%"), not the same aim's other figure ("20% … trong năm 2025")."""
    m = _ASKED_BOUND.search(fold(ask.question))
    if m is None or len(hits) < 2:
        return hits
    said = re.compile(rf"\b{m.group(1)}\s+\d")
    best = hits[0].coverage
    for h in hits:
        if h.coverage < best - PERIOD_MARGIN:
            break
        if said.search(fold(h.record.text)):
            return [h] + [x for x in hits if x is not h]
    return hits


_RANGE = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b")


def _for_later_year(hit: Hit, year: int) -> bool:
    """The record sets its figure for a year after the one asked, and never names it: a
    target of 2030 (its year, or the only years its text names) for a question on 2027."""
    text = f"{hit.record.text} {hit.record.locator}"  # "PHỤ LỤC … CHỈ TIÊU … ĐẾN NĂM 2030"
    if any(int(a) <= year <= int(b) for a, b in _RANGE.findall(text)):
        return False
    named = {int(y) for y in _YEAR.findall(text)}
    after = len(re.findall(rf"\bsau\s+(?:năm\s+)?{year}\b", text, re.IGNORECASE))
    if after and after == len(re.findall(rf"\b{year}\b", text)):
        return True  # "Sau năm 2030, … giảm 5 μg/m3 mỗi kỳ": the years after the one asked
    if year in named:
        return False
    own = hit.record.year if hit.record.kind == "target" else None
    if own is not None:
        return own > year
    return bool(named) and min(named) > year


def targets(ask: Ask) -> Answer:
    question = ask.asked
    m = _YEAR.search(question)
    year = int(m.group(1)) if m else None
    # A target is a figure to reach: records that hold a figure come first among equals.
    hits = good_hits(
        ask,
        question,
        kinds=("target", "passage", "task"),
        year=year,
        prefer=quantity_pattern(),
        prefer_bonus=QUANTITY_BONUS,
    )
    hits = present_first(ask, with_figure(ask, question, hits))
    # "KH 2026-2030: … năm 2030 là bao nhiêu": the plan's period names no year asked
    named = {int(y) for y in _YEAR.findall(_RANGE.sub(" ", ask.question))}
    if len(named) == 1:
        # "… năm 2027 chiếm bao nhiêu %" is not answered by the figure set for 2030
        only = next(iter(named))
        hits = [h for h in hits if not _for_later_year(h, only)]
    if not hits:
        # "có bao nhiêu mục tiêu kinh tế số": how many the plan says it sets ("(16 mục tiêu)")
        return stated_count_answer(ask, need_numbers=False) or nothing_found(ask.reading.intent)
    hits = _by_period(ask, _by_bound(ask, hits))
    chosen = per_document(hits, limit=4)
    quantity = True
    if len(chosen) == 1:
        lead = texts.ANS_TARGET_ONE.format(
            text=excerpt(figure_first(ask, chosen[0], question), question, 300, quantity=quantity)
        )
        details: list[str] = []
    else:
        lead = texts.ANS_TARGET_MANY.format(count=len(chosen))
        details = [
            texts.ANS_TARGET_ITEM.format(
                source=ask.label(h.record.document_id) or h.record.source,
                text=excerpt(figure_first(ask, h, question), question, 220, quantity=quantity),
            )
            for h in chosen
        ]
    answer = Answer(
        text=lead,
        details=details,
        citations=[cite_hit(ask, h) for h in chosen],
        intent=ask.reading.intent,
    )
    if len(chosen) == 1:
        answer.context = {"doc_id": chosen[0].record.document_id}
    return answer
