"""A count a plan states in words ("… (16 mục tiêu)", "có 28 mục tiêu … với 40 nhiệm vụ").

"Có bao nhiêu mục tiêu, nhiệm vụ" is answered by what the text says it numbers, when it
says so: a heading's "(16 mục tiêu)", a sentence summing up another plan it quotes. Such
counts are in passages and the headings over them, not in the parsed tasks or targets.
"""

from __future__ import annotations

from knowledge import texts
from knowledge.answer.api import Answer
from knowledge.answer.compose import shorten
from knowledge.answer.context import Ask
from knowledge.answer.hits import COUNT_DEPTH, MIN_COVERAGE_SCOPED, cite_hit
from knowledge.answer.outline import COUNTED_NOUNS, states_counts
from knowledge.answer.queries import quoted_numbers
from knowledge.retrieval.analyzer import syllables
from knowledge.retrieval.index import Hit

STATED_CHARS = 400


def counted_nouns(question: str) -> list[str]:
    """The plan nouns "bao nhiêu / mấy …" counts ("mục tiêu", "nhiệm vụ", "giải pháp")."""
    folded = f" {' '.join(syllables(question))} "
    at = min(
        (folded.find(f" {w} ") for w in ("bao nhieu", "may") if f" {w} " in folded), default=-1
    )
    if at < 0:
        return []
    return [n for n in COUNTED_NOUNS if f" {n} " in folded[at:]]


def _quotes(hit: Hit, numbers: set[str]) -> bool:
    """The record, or the heading over it, quotes each of the numbers asked."""
    if not numbers:
        return True
    return numbers <= set(syllables(f"{hit.record.searchable} {hit.record.locator}"))


def _states(hit: Hit, nouns: list[str]) -> bool:
    return states_counts(f"{hit.record.locator} {hit.record.text}", nouns)


def stated_count_answer(ask: Ask, *, need_numbers: bool) -> Answer | None:
    """The passage, or the heading over it, that gives a figure for each noun counted.
    ``need_numbers``: the plan is not loaded and named by number ("QĐ 5158 …"): the
    passage must quote that number."""
    nouns = counted_nouns(ask.question)
    numbers = quoted_numbers(ask.question) if need_numbers else set()
    if not nouns or (need_numbers and not numbers):
        return None
    # A plan named by a number no loaded plan has is quoted by another: search them all.
    query, docs = (ask.question, None) if need_numbers else (ask.asked, ask.doc_ids)
    hits = ask.searcher.search(query, k=COUNT_DEPTH, kinds=("passage",), document_ids=docs)
    for hit in hits:
        if hit.coverage < MIN_COVERAGE_SCOPED or not _quotes(hit, numbers):
            continue
        if not _states(hit, nouns):
            continue
        text = hit.record.display
        if not states_counts(text, nouns):
            text = f"{hit.record.locator}: {text}"  # the count is in the heading over it
        return Answer(
            text=texts.ANS_PASSAGE.format(
                source=ask.label(hit.record.document_id) or hit.record.source,
                text=shorten(text, STATED_CHARS),
            ),
            citations=[cite_hit(ask, hit)],
            intent=ask.reading.intent,
        )
    return None
