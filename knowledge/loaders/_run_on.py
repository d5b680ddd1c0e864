"""A plan whose line breaks were lost (pasted into an e-mail or a web form, copied from a
viewer): its items run on in a few very long lines, "… tỉnh) a) Tổ chức … b) Chủ trì … 2. Sở
Nông nghiệp và Môi trường a) …". Such a line is cut back into lines before each item marker,
so that the readers see the outline a plan has.

A marker counts only where it continues the outline ("b)" after "a)", "3." after "2.", "IV."
after "III.") and opens a capitalised word, so that a number inside a sentence ("Điều 5. Sở"
never follows "Điều 4.") stays put.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.vietnamese import is_syllable

# A plan's paragraph rarely runs this long; a line that lost its breaks holds a whole section.
RUN_ON_CHARS = 400
# Fewer markers than this in a long line is a long paragraph, not a run-on outline.
MIN_MARKERS = 3
SHORT_LINE = 120  # a heading or one item: nothing to cut

_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}
_MARKER = re.compile(
    r"(?<!\S)(?:(?P<roman>[IVX]{1,4})\.|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\."
    r"|(?P<letter>[a-zđ])\)|(?P<bullet>[-+•]))\s+(?=\S)"
)
# The parts of the national document form (Nghị định 30/2020/NĐ-CP) that open a line: the
# motto, the number, the căn cứ, the closing and the signature.
_FORM = re.compile(
    r"(?<=\s)(?=CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|Độc lập\s*-\s*Tự do|Số:\s*\d"
    r"|Căn cứ\s|Theo đề nghị|Nơi nhận:|(?:TM|KT|TL|Q)\.\s*[A-ZĐỦ]{2})"
)
# The closing marks after which a new item may start.
_ENDS = '.;:!?)"”'


@dataclass
class _Outline:
    """The last item seen at each kind of marker, to tell a continuation from a stray."""

    roman: int = 0
    numbers: tuple[int, ...] = ()
    letter: str = ""
    cuts: list[int] = field(default_factory=list)

    def roman_follows(self, value: int) -> bool:
        if value not in (1, self.roman + 1):
            return False
        self.roman, self.numbers, self.letter = value, (), ""
        return True

    def number_follows(self, numbers: tuple[int, ...]) -> bool:
        if not _continues(self.numbers, numbers):
            return False
        self.numbers, self.letter = numbers, ""
        return True

    def letter_follows(self, letter: str) -> bool:
        if letter != "a" and (not self.letter or ord(letter) != ord(self.letter) + 1):
            return False
        self.letter = letter
        return True


def _continues(last: tuple[int, ...], new: tuple[int, ...]) -> bool:
    """ "2." after "1.x", "1.2" after "1.1", "1.1" after "1.": the next item of an outline."""
    if new == (1,) or new == (*last, 1):
        return True
    return (
        len(new) <= len(last)
        and new[:-1] == last[: len(new) - 1]
        and new[-1] == last[len(new) - 1] + 1
    )


def lines_restored(text: str) -> str:
    """The text with its run-on lines cut before their markers; unchanged unless some long
    line holds a run-on outline. In a text that has one, every line lost its breaks, a
    shorter one too ("IV. CHẾ ĐỘ BÁO CÁO Các sở …", the header before the first item)."""
    lines = text.split("\n")
    if not any(_runs_on(line) for line in lines if len(line) > RUN_ON_CHARS):
        return text
    outline = _Outline()
    return "\n".join(_restored(line, outline) for line in lines)


def _runs_on(line: str) -> bool:
    outline = _Outline()
    return sum(_accepts(line, m, outline) for m in _MARKER.finditer(line)) >= MIN_MARKERS


def _restored(line: str, outline: _Outline) -> str:
    if len(line) <= SHORT_LINE:
        return line
    cuts = {m.start() for m in _FORM.finditer(line)}
    markers = [m.start() for m in _MARKER.finditer(line) if _accepts(line, m, outline)]
    if not markers and not cuts:
        return line
    cuts.update(markers)
    cuts.update(_caps_run_edges(line))
    pieces, start = [], 0
    for cut in sorted(cuts - {0}):
        pieces.append(line[start:cut].rstrip())
        start = cut
    pieces.append(line[start:])
    return "\n".join(p for p in pieces if p.strip())


def _accepts(line: str, match: re.Match[str], outline: _Outline) -> bool:
    if not _opens_capital(line[match.end() :]):
        return False
    before = line[: match.start()].rstrip()
    after_end = not before or before[-1] in _ENDS
    if match.group("roman"):
        value = _ROMAN.get(match.group("roman"), 0)
        heading = _heading_word(line[match.end() :].split(maxsplit=1)[0])
        return after_end and heading and outline.roman_follows(value)
    if match.group("num"):
        numbers = tuple(int(n) for n in match.group("num").split("."))
        return (after_end or _heading_end(before)) and outline.number_follows(numbers)
    if match.group("letter"):
        return outline.letter_follows(match.group("letter"))
    return bool(before) and before[-1] in ".;:"


def _opens_capital(rest: str) -> bool:
    """An item opens a capitalised word, a quote or a parenthesis."""
    return bool(rest) and (rest[0].isupper() or rest[0] in '"“(')


_WORD = re.compile(r"\S+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _heading_word(word: str) -> bool:
    """A word of a heading in capitals ("KINH", "PHÍ,"); an abbreviation ("UBND") is not."""
    word = word.rstrip(",.;:")
    return word.isupper() and word.isalpha() and is_syllable(word)


def _caps_run_edges(line: str) -> set[int]:
    """Where a heading in capitals meets running text: "… năm 2026 KẾ HOẠCH Tổ chức …" and
    "V. KINH PHÍ Kinh phí …" are a heading between two lines."""
    words = list(_WORD.finditer(line))
    edges: set[int] = set()
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and (
            _heading_word(words[j].group()) or (j > i and _YEAR.fullmatch(words[j].group()))
        ):
            j += 1
        if j - i >= 2:
            if i > 0 and any(ch.islower() or ch.isdigit() for ch in words[i - 1].group()):
                edges.add(words[i].start())
            if j < len(words) and _opens_capital(words[j].group()) and _has_lower(words[j].group()):
                edges.add(words[j].start())
        i = max(j, i + 1)
    return edges


def _has_lower(word: str) -> bool:
    return any(ch.islower() for ch in word)


def _heading_end(before: str) -> bool:
    """True when ``before`` ends in a heading written in capitals ("… CHỈ TIÊU NĂM 2026")."""
    words = before.split()[-3:]
    return any(_heading_word(w) for w in words) and not any(_has_lower(w) for w in words)
