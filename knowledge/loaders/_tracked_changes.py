"""A Word file still holding its reviewers' tracked changes and comments, converted by
pandoc with ``--track-changes=all``: each change is a span ``[text]{.insertion …}`` /
``[text]{.deletion …}`` (``[]{.paragraph-insertion …}`` for a paragraph mark), each
comment ``[comment]{.comment-start …}annotated text[]{.comment-end …}``.

The plan is read with every change accepted: inserted text stays, deleted text and
paragraph marks go, a comment's own words go and the text it annotates stays. Any other
attributed span (``[text]{.underline}``) keeps its text. A file without such spans comes
back unchanged.
"""

from __future__ import annotations

import re

from knowledge.loaders._web_markdown import unescaped

# One span, without brackets inside it (innermost first), over line ends.
_SPAN = re.compile(r"\[([^\[\]]*+)\]\{\.([a-z][a-z-]*+)[^{}]*+\}")
_MARKS = ("]{.insertion", "]{.deletion", "]{.comment-start", "]{.paragraph-")
_DROPPED = frozenset(
    ["deletion", "comment-start", "comment-end", "paragraph-insertion", "paragraph-deletion"]
)
_MAX_ROUNDS = 4  # spans nested in spans, rarely more than two deep


def changes_accepted(text: str) -> str:
    if not any(mark in text for mark in _MARKS):
        return text
    for _ in range(_MAX_ROUNDS):
        text, n = _SPAN.subn(_kept, text)
        if not n:
            break
    return unescaped(_paragraphs_joined(text))  # pandoc's "1\\.", "a\\)", "\\"…\\""


# Pandoc's Markdown wraps a paragraph anywhere (inside a change, after a label "2\."):
# its lines are one paragraph up to a blank line, unless a line opens a list item or
# belongs to a table drawn with rules or pipes.
_ITEM_START = re.compile(r"^\s*(?:[-*+•]\s|\d{1,2}\\?[.)]\s|[a-zđ]\\?\)\s|\|)")
_RULED = re.compile(r"^\s*-{3,}")


def _paragraphs_joined(text: str) -> str:
    out: list[str] = []
    for para in text.split("\n\n"):
        lines = para.split("\n")
        if any(_RULED.match(line) or line.lstrip().startswith("|") for line in lines):
            out.append(para)
            continue
        joined: list[str] = []
        for line in lines:
            if joined and joined[-1].strip() and line.strip() and not _ITEM_START.match(line):
                joined[-1] = f"{joined[-1].rstrip()} {line.strip()}"
            else:
                joined.append(line)
        out.append("\n".join(joined))
    return "\n\n".join(out)


def _kept(m: re.Match[str]) -> str:
    return "" if m.group(2) in _DROPPED else m.group(1)
