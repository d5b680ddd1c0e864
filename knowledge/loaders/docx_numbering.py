"""Word automatic list numbering rendered as text ("I.", "1.", "a)", "-").

Vietnamese plans often number their sections and STT columns with Word's list
numbering, which lives in ``numbering.xml`` and not in the paragraph text; without
it "I. MỤC ĐÍCH" would load as "MỤC ĐÍCH" and a table's STT column as empty. The
renderer must see numbered paragraphs in document order (cells included), as Word
counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_VAL = qn("w:val")
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool


@dataclass
class Numbering:
    """List definitions of one document and the running counters."""

    # numId -> (abstractNumId, {ilvl: start override})
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _overridden: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, word: Any) -> Numbering:
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls()
        numbering = cls()
        for abstract in root.findall(qn("w:abstractNum")):
            numbering.levels[abstract.get(qn("w:abstractNumId"), "")] = _levels(abstract)
        for num in root.findall(qn("w:num")):
            abstract_id = _child_val(num, "w:abstractNumId") or ""
            overrides: dict[int, int] = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _child_val(override, "w:startOverride")
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl")))] = _int(start)
            numbering.nums[num.get(qn("w:numId"), "")] = (abstract_id, overrides)
        return numbering

    def label(self, p: Any, style: Any) -> str:
        """The number/bullet Word shows before paragraph ``p`` ("" if none); advances counters."""
        found = _num_pr(p, style)
        if found is None or found[0] not in self.nums:
            return ""
        num_id, ilvl = found
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if overrides and num_id not in self._overridden:  # a restarted list instance
            self._overridden.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return _render(level, ilvl, counters, levels)


def _levels(abstract: Any) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in abstract.findall(qn("w:lvl")):
        out[_int(lvl.get(qn("w:ilvl")))] = _Level(
            start=_int(_child_val(lvl, "w:start"), 1),
            fmt=_child_val(lvl, "w:numFmt") or "decimal",
            text=_child_val(lvl, "w:lvlText") or "",
            legal=lvl.find(qn("w:isLgl")) is not None,
        )
    return out


def _num_pr(p: Any, style: Any) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph, else from its style chain."""
    p_pr = p.find(qn("w:pPr"))
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    while num_pr is None and style is not None:
        s_pr = style.element.find(qn("w:pPr"))
        num_pr = s_pr.find(qn("w:numPr")) if s_pr is not None else None
        style = style.base_style
    if num_pr is None:
        return None
    num_id = _child_val(num_pr, "w:numId")
    if not num_id or num_id == "0":
        return None
    return num_id, _int(_child_val(num_pr, "w:ilvl"))


def _render(level: _Level, ilvl: int, counters: dict[int, int], levels: dict[int, _Level]) -> str:
    if level.fmt == "bullet":
        return _bullet(level.text)
    text = level.text
    for k in range(ilvl + 1):
        placeholder = f"%{k + 1}"
        if placeholder in text:
            lvl = levels.get(k, level)
            start = lvl.start
            fmt = "decimal" if level.legal else lvl.fmt
            text = text.replace(placeholder, _format(counters.get(k, start), fmt))
    return text.strip()


def _bullet(symbol: str) -> str:
    # Symbol/Wingdings bullets are private-use code points; show a plain bullet.
    if symbol in ("-", "–", "+", "*", "•", "o"):
        return symbol
    return "•"


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = _letters(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter after z: aa, bb, …
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _child_val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(_VAL) if child is not None else None


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
