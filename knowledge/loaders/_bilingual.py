"""A bilingual edition: each Vietnamese paragraph followed by its English translation (a
two-column Word table exported as text, a plan prepared for a foreign partner). The
document itself says the English is for reference only; its dates and units may differ
from the Vietnamese, and its lines would read as more items. The English lines go.
"""

from __future__ import annotations

import re

from knowledge.vietnamese import fold

# Function words of English that Vietnamese typed without diacritics never uses as words.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "for",
        "by",
        "with",
        "on",
        "is",
        "are",
        "be",
        "shall",
        "will",
        "an",
        "from",
        "at",
        "as",
        "its",
        "their",
        "this",
        "that",
        "which",
        "who",
        "all",
        "every",
        "each",
        "has",
        "have",
        "been",
        "into",
        "within",
        "under",
        "before",
        "after",
    ]
)
_WORD = re.compile(r"[A-Za-z]+")
MIN_WORDS = 3  # a line this short tells no language
ENGLISH_SHARE = 0.25  # of its words, English function words
MIN_LINES = 4  # English lines a document holds before it is taken as bilingual
MIN_SHARE = 0.15  # and their share of its non-empty lines


def is_english(line: str) -> bool:
    """A line of English: no Vietnamese letter, and English function words among its words."""
    s = line.strip()
    if fold(s) != s.lower():
        return False  # a diacritic or "đ": Vietnamese
    words = [w.lower() for w in _WORD.findall(s)]
    if len(words) < MIN_WORDS:
        return False
    return sum(w in _ENGLISH for w in words) >= ENGLISH_SHARE * len(words)


_MARKER = re.compile(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)])\s")


def vietnamese_only(text: str) -> str:
    """The text without its English lines, when it is a bilingual edition; else as it is."""
    lines = text.split("\n")
    english = [i for i, line in enumerate(lines) if line.strip() and is_english(line)]
    filled = sum(1 for line in lines if line.strip())
    if len(english) < MIN_LINES or len(english) < MIN_SHARE * filled:
        return text
    dropped = set(english)
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in dropped or (kept and _heading_translated(kept[-1], line)):
            continue
        kept.append(line)
    return "\n".join(kept)


def _heading_translated(before: str, line: str) -> bool:
    """ "V. IMPLEMENTATION" after "V. TỔ CHỨC THỰC HIỆN", "PLAN" after "KẾ HOẠCH": a
    heading too short to tell its language by its words, in English under the same mark or
    in capitals under a Vietnamese heading in capitals."""
    s = line.strip()
    if not s or fold(s) != s.lower() or not re.search(r"[A-Za-z]{4}", s):
        return False
    mark, above = _MARKER.match(s), _MARKER.match(before)
    if mark is not None and above is not None:
        return mark.group(1) == above.group(1)
    b = before.strip()
    return mark is None and s.isupper() and b.isupper() and fold(b) != b.lower()
