"""Lay out a reply: the answer first, then a short list of details, then the sources."""

from __future__ import annotations

import re

from knowledge import texts
from knowledge.answer.api import Answer, AnswerCitation

MAX_DETAILS = 15  # a plan's numbered parts are listed whole; task lists page at LIST_LIMIT
MAX_SOURCE_LINES = 6
SOURCE_LINE_CHARS = 200


def sources_block(citations: list[AnswerCitation]) -> list[str]:
    """One line per plan, its locators joined (STT 1, STT 4 …)."""
    grouped: dict[str, list[str]] = {}
    for c in citations:
        locs = grouped.setdefault(c.plan or c.source, [])
        if c.locator and c.locator not in locs:
            locs.append(c.locator)
    lines = [texts.ANS_SOURCES]
    for source, locs in list(grouped.items())[:MAX_SOURCE_LINES]:
        shown = shorten("; ".join(_compact(locs)[:6]), SOURCE_LINE_CHARS)
        more = "…" if len(locs) > 6 and not shown.endswith("…") else ""
        lines.append(
            texts.ANS_SOURCE_LINE.format(
                source=source, locator=f" — {shown}{more}" if shown else ""
            )
        )
    return lines


def _compact(locators: list[str]) -> list[str]:
    """Locators sharing a section print the section once: "Mục X, STT 1, 2, 5"."""
    out: list[str] = []
    by_section: dict[str, list[str]] = {}
    order: list[str] = []
    for loc in locators:
        head, sep, stt = loc.rpartition(", " + texts.LOC_NUMBER.format(number=""))
        if sep:
            if head not in by_section:
                order.append(head)
            by_section.setdefault(head, []).append(stt)
        else:
            out.append(loc)
    for head in order:
        out.append(f"{head}, {texts.LOC_NUMBER.format(number=', '.join(by_section[head]))}")
    return out


def body_lines(answer: Answer) -> list[str]:
    """The answer, its details and the "… và N khác" line, without the sources."""
    lines = [answer.text.strip()]
    lines += [f"- {d}" for d in answer.details[:MAX_DETAILS]]
    more = answer.more + max(0, len(answer.details) - MAX_DETAILS)  # never dropped unsaid
    if more > 0:
        lines.append(texts.ANS_MORE.format(more=more))
    return lines


def as_text(answer: Answer) -> str:
    lines = body_lines(answer)
    if answer.citations:
        lines.append("")
        lines.extend(sources_block(answer.citations))
    return "\n".join(lines)


def nothing_found(intent: str = "none") -> Answer:
    return Answer(text=f"{texts.ANS_NOTHING_FOUND}\n{texts.ANS_REPHRASE}", intent=intent)


def not_loaded(asked: str, intent: str = "none") -> Answer:
    """A document asked for by its number that no loaded plan is: say which one."""
    if not asked:
        return nothing_found(intent)
    return Answer(text=texts.ANS_DOC_NOT_LOADED.format(asked=asked), intent=intent)


def shorten(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# "(?<!\s)\s++": a white-space run is tried once, from its start (linear on long runs).
# A dash between two figures ("2026 - 2035", a table's time cell) joins a range: no cut.
_CLAUSE = re.compile(
    r"(?<=[.;])\s++|(?<!\s)\s++(?=\(\d+\)\s|[a-zđ]\)\s)|(?<![\s\d])\s++(?=- )"
    r"|(?<=\d)\s++(?=- (?!\d))"
)


_DIGIT = re.compile(r"\d")


CUE_ROOM = 120  # characters after the asked-for words that a cut must still show


def excerpt(
    text: str,
    question: str,
    limit: int = 300,
    *,
    quantity: bool = False,
    prefer: re.Pattern[str] | None = None,
) -> str:
    """The part of a long passage that answers: the clause holding most question words.

    A target paragraph often lists several aims "(1) … (7) Mức độ hài lòng … 95%";
    cutting it at a fixed length would drop the one asked about.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    from knowledge.retrieval.analyzer import syllables

    wanted = set(syllables(question))
    clauses = [c for c in _CLAUSE.split(text) if c]
    if len(clauses) < 2:
        return shorten(text, limit)
    # "bao nhiêu …" asks for a figure: of equally matching clauses, one holding a number.
    scores = [
        len(wanted & set(syllables(c))) + (0.5 if quantity and _DIGIT.search(c) else 0.0)
        for c in clauses
    ]
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    out = clauses[best]
    prefix = "… " if best > 0 else ""
    cue = prefer.search(out) if prefer is not None else None
    if cue is not None and cue.end() + CUE_ROOM > limit:
        # "… Internet yếu: đề nghị các Tập đoàn: A, B …": the words that say it stay in view
        out, prefix = out[max(0, cue.start() - limit // 3) :], "… "
    j = best + 1
    while j < len(clauses) and (
        len(out) + len(clauses[j]) < limit * 0.6
        # "… Tập đoàn: A, Công nghiệp" / "- Viễn thông Quân đội …": a name's dash, not a bullet
        or (not out.rstrip().endswith((".", ";", ":")) and len(out) + len(clauses[j]) < limit)
    ):
        out += " " + clauses[j]
        j += 1
    held = [i for i, c in enumerate(clauses) if prefer is not None and prefer.search(c)]
    if not held or any(best <= i < j for i in held):
        return prefix + shorten(out, limit)
    # "… trước ngày nào?": the clause that says it, after the one that says what.
    said = max(held, key=lambda i: (scores[i], -i))
    return f"{prefix}{shorten(out, limit // 2)} … {shorten(clauses[said], limit // 2)}"
