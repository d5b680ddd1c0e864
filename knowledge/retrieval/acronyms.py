"""Acronyms a question types that no dictionary holds, spelled out from the plans' words.

Officials shorten any long name to its syllables' first letters ("Cổng DVCQG" for "Cổng
Dịch vụ công quốc gia", "Luật BVDLCN"), and no fixed table can hold them all. A plan
rarely writes the short form; it writes the name. So the passages that match the rest
of the question are read for a run of syllables whose first letters spell the acronym,
and the question is searched with that run in its place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from knowledge.retrieval.analyzer import abbreviation_map, syllables
from knowledge.vietnamese import fold, has_vowel

MIN_LETTERS = 3  # "QG" could be the start of anything
MAX_LETTERS = 9
PASSAGES = 20  # passages read for the spelled-out name
# A typed word of capitals ("DVCQG"), or one with no vowel at all ("dvcqg"): no syllable.
_TOKEN = re.compile(r"(?<![\w/&.-])[^\W\d_]+(?:[&-][^\W\d_]+)*(?![\w/&-])")  # "VH-TT"


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Short forms some table already reads: places ("HCM"), units ("SNV", "BCA")."""
    from knowledge.provinces import PROVINCES, words
    from knowledge.units import builtin_aliases

    spellings = [s for p in PROVINCES for s in (p.name, *p.aliases)]
    spellings += [a for aliases in builtin_aliases().values() for a in aliases]
    return frozenset(w for s in spellings for w in words(s))


def acronym_tokens(question: str) -> list[str]:
    """The words of ``question`` that read as acronyms no dictionary holds."""
    codes, known = abbreviation_map(), _known_words()
    out = []
    for m in _TOKEN.finditer(question):
        word = m.group(0)
        key = fold(word).replace("&", "").replace("-", "")
        if not MIN_LETTERS <= len(key) <= MAX_LETTERS or key in codes or key in known:
            continue
        parts = [fold(p) for p in word.split("-")]
        if len(parts) > 1 and any(p in codes for p in parts):
            continue  # a document's code ("QĐ-TTg", "KH-UBND"), not a name
        capitals = word.replace("&", "").replace("-", "").isupper()
        if capitals or not has_vowel(key):
            out.append(word)
    return out


_SKIPPED = "va"  # "KH&CN", "VH-TT": "và" has no letter in the short form


def _initials_runs(text: str, letters: str) -> Iterable[tuple[str, ...]]:
    """Runs of syllables whose first letters spell ``letters``, "và" inside skipped."""
    sylls = syllables(text)
    for i in range(len(sylls)):
        run: list[str] = []
        k, j = 0, i
        while j < len(sylls) and k < len(letters):
            if run and sylls[j] == _SKIPPED:
                run.append(sylls[j])
            elif sylls[j][0] == letters[k]:
                run.append(sylls[j])
                k += 1
            else:
                break
            j += 1
        if k == len(letters) and len(set(run)) > 1:
            yield tuple(run)


def spell_out(word: str, passages: list[str]) -> str | None:
    """The name ``word`` shortens, as the passages write it (folded), or None."""
    letters = fold(word).replace("&", "").replace("-", "")
    if any(letters in syllables(p) for p in passages[:3]):
        return None  # the best passages use the short form itself
    seen: Counter[tuple[str, ...]] = Counter()
    for rank, text in enumerate(passages):
        for run in set(_initials_runs(text, letters)):
            seen[run] += len(passages) - rank  # earlier passages weigh more
    if not seen:
        return None
    return " ".join(seen.most_common(1)[0][0])


def acronym_names(question: str, passages_for: Callable[[str], list[str]]) -> list[tuple[str, str]]:
    """(acronym as typed, the name it shortens) for each unknown acronym the passages
    that match the rest of the question spell out."""
    found = []
    for word in acronym_tokens(question):
        name = spell_out(word, passages_for(question.replace(word, " ")))
        if name:
            found.append((word, name))
    return found


def with_names(text: str, names: list[tuple[str, str]]) -> str:
    """``text`` with each acronym written as its name, whether ``text`` is as typed
    ("QP-AN") or already folded ("qp an"): capitals tell an acronym only as typed."""
    for word, name in names:
        parts = [re.escape(p) for p in re.split(r"[&-]", word) if p]
        typed = r"[&-]".join(parts)
        folded = r"[\s&-]*".join(re.escape(fold(p)) for p in re.split(r"[&-]", word) if p)
        text = re.sub(rf"(?<![\w&-])(?:{typed}|{folded})(?![\w&-])", name, text)
    return text
