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
    good_hits,
    per_document,
    quantity_pattern,
    with_figure,
)

_YEAR = re.compile(r"\b(20\d\d)\b")


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
    hits = with_figure(ask, question, hits)
    if not hits:
        return nothing_found(ask.reading.intent)
    chosen = per_document(hits, limit=4)
    quantity = True
    if len(chosen) == 1:
        lead = texts.ANS_TARGET_ONE.format(
            text=excerpt(chosen[0].record.display, question, 300, quantity=quantity)
        )
        details: list[str] = []
    else:
        lead = texts.ANS_TARGET_MANY.format(count=len(chosen))
        details = [
            texts.ANS_TARGET_ITEM.format(
                source=ask.label(h.record.document_id) or h.record.source,
                text=excerpt(h.record.display, question, 220, quantity=quantity),
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
