"""A plan read from an e-mail thread: the newest message on top, the earlier ones quoted
below with "> " (and "> > " for a quote inside a quote), the repliers' comments written
between the quoted lines ("[Sở TC]: đề nghị lùi hạn …").

The plan is the longest message of the thread: the quote level holding most of its text.
Its lines are kept without their markers; the other levels (covering notes, replies,
inline comments) are dropped, so that a comment inside a quoted paragraph does not cut
it, and what a replier proposes is not read as the plan.
"""

from __future__ import annotations

import re
from collections import Counter

_MARKS = re.compile(r"^((?:\s{0,3}>)+)\s?")
MIN_QUOTED_SHARE = 0.3  # of the non-blank lines: below it, a ">" is the text's own


def _depth(line: str) -> tuple[int, str]:
    m = _MARKS.match(line)
    if m is None:
        return 0, line
    return m.group(1).count(">"), line[m.end() :]


def quoted_mail_plain(text: str) -> str:
    """The thread's longest quoted message, unquoted; other text comes back unchanged."""
    lines = text.split("\n")
    filled = [ln for ln in lines if ln.strip()]
    quoted = [ln for ln in filled if _MARKS.match(ln)]
    if not filled or len(quoted) < MIN_QUOTED_SHARE * len(filled):
        return text
    depths = Counter(_depth(ln)[0] for ln in filled if _depth(ln)[1].strip())
    if not depths:
        return text  # quote marks and nothing quoted
    level = max(depths, key=lambda d: (depths[d], d))
    if level == 0:
        return text
    out: list[str] = []
    for line in lines:
        depth, body = _depth(line)
        if depth == level:
            out.append(body.rstrip())
    return "\n".join(out) + "\n"
