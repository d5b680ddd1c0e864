"""Two questions in one message ("QĐ 2629 đặt mục tiêu xếp hạng thế nào đến 2030, ai ký?",
"… phiên họp thứ mấy, họp ngày nào?"): the message is answered whole, then its last
question in the context that answer leaves, and what that adds is joined on.

A part is a question when it holds a question word; a list of units or topics ("Sở Tài
chính, Sở Nội vụ có nhiệm vụ gì") has one in its last part only, so it is never split.
"""

from __future__ import annotations

import re

from knowledge.answer.api import Answer
from knowledge.retrieval.analyzer import syllables
from knowledge.vietnamese import fold

# Question words (folded syllables). "nào" alone is enough ("họp ngày nào").
_ASKS = re.compile(r"(?:^| )(?:ai|gi|nao|bao nhieu|may|the nao|ra sao|o dau|bao gio)(?: |$)")
# Where a message's questions meet: a comma, semicolon or "và" between two of them.
_JOINT = re.compile(r"(?<!\s)\s*+[,;]\s++(?:và\s++|còn\s++)?|(?<!\s)\s++và\s++(?=\w)")
MAX_SECOND_WORDS = 12  # a longer tail is a clause of one question, not a second one
MIN_FIRST_WORDS = 3


def split_compound(question: str) -> tuple[str, str] | None:
    """The message's two questions, or None when it asks one."""
    for m in reversed(list(_JOINT.finditer(question))):
        first, second = question[: m.start()].strip(), question[m.end() :].strip(" ?.")
        head, tail = syllables(first), syllables(second)
        if len(head) < MIN_FIRST_WORDS or not tail or len(tail) > MAX_SECOND_WORDS:
            continue
        if _ASKS.search(" ".join(head)) and _ASKS.search(" ".join(tail)):
            return first, second
    return None


def join_answers(whole: Answer, second: Answer) -> Answer:
    """The whole message's answer, with what the second question adds from the same plan
    (nothing when it found nothing, cites another plan, or says what is already said)."""
    sources = {c.source for c in whole.citations}
    said = fold(whole.as_text())
    if not second.citations or not {c.source for c in second.citations} <= sources:
        return whole
    if fold(second.text) in said:
        return whole
    seen = {(c.source, c.locator) for c in whole.citations}
    if whole.details and whole.text.endswith(":"):
        # "… gồm 6 phần:" over its list: the other answer comes after the list
        whole.details += [second.text]
    else:
        whole.text = f"{whole.text}\n{second.text}"
    whole.details += [d for d in second.details if fold(d) not in said]
    whole.citations += [c for c in second.citations if (c.source, c.locator) not in seen]
    return whole
