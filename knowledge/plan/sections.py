"""The heading tree of a plan: which block is a heading and where every block stands.

Vietnamese plans number their headings in a few styles that nest in a fixed
order: a part ("PHỤ LỤC", "Phần I"), Roman numerals ("I.", "II-", "III "),
"Nội dung 1.", Arabic numbers by depth ("1.", "1.1.", "2.1"), then letters
("a)", "đ)"). The same markers also start ordinary list items ("1. Tăng cường
công tác …" under "III. GIẢI PHÁP"), so a numbered block only counts as a
heading when it reads like one: bold or a heading block in the source, or short,
without sentence punctuation at the end.

``build_outline`` walks the blocks once with a stack of open sections and
records, for every block, the path of sections it stands in
("II. NHIỆM VỤ > 1. Cải cách thể chế").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from knowledge.document import Block
from knowledge.plan.model import Section
from knowledge.vietnamese import fold, squash

PATH_SEP = " > "

_ROMANS = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
    "X": 10, "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15,
}  # fmt: skip

# Ranks: smaller is higher in the tree.
RANK_PART = 0
RANK_ROMAN = 1
RANK_CONTENT = 2  # "Nội dung 1."
RANK_ARABIC = 3  # + depth - 1 for "1.1.", "1.1.1."
RANK_LETTER = 8

_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|</?b>|</?strong>|</?i>|</?em>)", re.IGNORECASE)
_GLUE = re.compile(r"\*{4}|\*\*\s*\*\*")  # "**A****B**": two bold runs glued together
_PART = re.compile(r"^(PHẦN|Phần|CHƯƠNG|Chương)\s+([IVXL]+|\d{1,2})\b[.:\-–]?\s*(.*)$")
_APPENDIX = re.compile(r"^(PHỤ LỤC|Phụ lục|DANH MỤC)\b\s*([IVXL]+|\d{1,2})?\s*[.:\-–]?\s*(.*)$")
_CONTENT = re.compile(r"^(Nội dung|NỘI DUNG|Nhiệm vụ|NHIỆM VỤ)\s+(\d{1,2})\s*[.:\-–]\s*(.*)$")
# "Điều 2. Giao nhiệm vụ …": an article of a Quyết định, whose khoản "1." and điểm "a)"
# nest under it, however long its own sentence is.
_ARTICLE = re.compile(r"^(Điều|ĐIỀU)\s+(\d{1,3})\s*[.:]\s*(.*)$")
_ROMAN = re.compile(r"^([IVX]{1,4})\s*[.\-–:)]\s*(.+)$")
# "III.1. SỞ CÔNG THƯƠNG": a Roman section's numbered part, printed with its section.
_ROMAN_DOTTED = re.compile(r"^([IVX]{1,4})\.(\d{1,2}(?:\.\d{1,2}){0,2})(?:\s*[.)]|(?=\s))\s*(.+)$")
_ROMAN_SPACE = re.compile(r"^([IVX]{1,4})\s+(\S.+)$")
_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*([.)])|/(?=\s))?\s*(.*)$")
# Vietnamese lists run a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y
# ("a)" … "o)" in a long resolution); "a." only in the first few letters.
_LETTER = re.compile(r"^(?:([a-hđik-vxy])\s*\)|([a-hđ])\s*\.)\s+(.+)$")
_BULLET = re.compile(r"^\s*([-–—+•·▪◦∙]|\*(?=\s))\s*")
# Lines that only carry a document type: they open a new document part (the
# plan after its decision) rather than a section.
_DOC_TYPES = ("ke hoach", "quyet dinh", "chi thi", "thong bao", "chuong trinh", "de an")
# Label lines ("a) Nhiệm vụ:", "b) Cơ quan thực hiện:") are parts of a task, not headings.
_LABEL_START = re.compile(
    r"^(nhiem vu|noi dung|co quan|don vi|thoi gian|thoi han|tien do|san pham|kinh phi|"
    r"ket qua|chu tri|phoi hop)\b[^:]{0,40}:"
)


@lru_cache(maxsize=16384)
def clean_text(text: str) -> str:
    """Drop markdown emphasis and HTML bold tags, collapse white space."""
    text = _GLUE.sub(" ", text)
    text = _MD_EMPHASIS.sub("", text)
    text = squash(text)
    return text.strip("|").strip()


_LETTER_NUMBER = re.compile(r"^[a-hđik-vxy]\)$")
_ITEM_NUMBER = re.compile(r"^(?:(?:[IVX]{1,4}\.)?\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\.$")


def nested_number(parent: str, number: str) -> str:
    """A lettered item's number within its numbered parent: "a)" under "3.1." -> "3.1.a".

    Plans restart "a)", "b)" under every item; alone they would not say which
    "a)" a citation means. Other numbers, or a parent without a number, stay as they are.
    """
    if not _LETTER_NUMBER.match(number) or not _ITEM_NUMBER.match(parent):
        return number
    return f"{parent}{number[0]}"


_QUAL_ROMAN = re.compile(r"^([IVX]{1,4})\.$")
_QUAL_ROMAN_DOTTED = re.compile(r"^([IVX]{1,4})\.(\d{1,2}(?:\.\d{1,2})*)\.?$")  # "III.1."
_QUAL_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?$")
_QUAL_LETTER = re.compile(r"^([a-zđ])\)$")
_QUAL_PAREN = re.compile(r"^\((\d{1,2})\)$")  # "(1)": a sub-item of a directive's item
_QUAL_PAREN_ROMAN = re.compile(r"^\(([ivx]{1,4})\)$")  # "(ii)": a sub-item of "(3)"
_QUAL_ARTICLE = re.compile(r"^Điều (\d{1,3})\.$")  # "Điều 2." -> "2": khoản 1 is "2.1"
_QUAL_CONTENT = re.compile(
    r"^(?:Nội dung|Nhiệm vụ) (\d{1,2})\.$"
)  # "Nhiệm vụ 3." under "II." -> "II.3"


def qualified_number(numbers: list[str] | tuple[str, ...]) -> str:
    """The full number of an item from its ancestors' numbers and its own, outermost
    first: ["II.", "3.", "a)"] -> "II.3.a"; ["IV.", "1.", "1.2."] -> "IV.1.2"
    (a dotted number already holds its parents); ["Phụ lục", "3.", "b)"] -> "3.b".

    Plans restart "1.", "a)" under every heading: alone, "a)" does not say which item
    a citation means, and a decision's body and its appendix reuse the same numbers."""
    parts: list[tuple[str, str]] = []  # (kind, text)
    for number in numbers:
        n = number.strip()
        if not n:
            continue
        if m := _QUAL_ROMAN.match(n):
            parts = [("roman", m.group(1))]
        elif m := _QUAL_ROMAN_DOTTED.match(n):
            parts = [("roman", m.group(1))] + [("dotted", c) for c in m.group(2).split(".")]
        elif m := _QUAL_ARTICLE.match(n):
            parts = [("article", m.group(1))]
        elif m := _QUAL_CONTENT.match(n):
            # Its own level: the "1.", "2." under "Nội dung 3." are 3.1, 3.2.
            parts = [p for p in parts if p[0] in ("roman", "article")] + [("content", m.group(1))]
        elif m := _QUAL_ARABIC.match(n):
            comps = m.group(1).split(".")
            if len(comps) > 1:
                parts = [p for p in parts if p[0] in ("roman", "article")]
                parts.extend(("dotted", c) for c in comps)
                continue
            while parts and parts[-1][0] == "letter":
                parts.pop()
            if parts and parts[-1][0] == "arabic":
                parts.pop()  # "4." read under "3.": the next item, not a child
            parts.append(("arabic", comps[0]))
        elif m := _QUAL_LETTER.match(n):
            while parts and parts[-1][0] == "letter":
                parts.pop()
            parts.append(("letter", m.group(1)))
        elif m := _QUAL_PAREN.match(n):
            while parts and parts[-1][0] in ("paren", "paren_roman"):
                parts.pop()
            parts.append(("paren", m.group(1)))
        elif m := _QUAL_PAREN_ROMAN.match(n):
            if parts and parts[-1][0] == "paren_roman":
                parts.pop()
            parts.append(("paren_roman", m.group(1)))
        elif n.upper().startswith(("PHỤ LỤC", "PHẦN", "CHƯƠNG", "DANH MỤC")):
            parts = []  # an appendix or a part numbers its items afresh
    return ".".join(text for _, text in parts)


def stack_numbers(stack: tuple[Section, ...] | list[Section]) -> list[str]:
    return [s.number for s in stack]


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text, count=1).strip()


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a block's text."""

    kind: str  # "part" | "appendix" | "roman" | "content" | "article" | "arabic" | "letter"
    number: str  # normalized printed form: "II.", "1.1.", "a)", "Nội dung 1."
    rank: int
    rest: str  # the text after the marker


def parse_marker(text: str) -> Marker | None:
    """Recognize a heading-style number at the start of ``text`` (already cleaned)."""
    text = text.strip()
    if not text:
        return None
    if m := _APPENDIX.match(text):
        num = f"{m.group(1).upper()} {m.group(2)}".strip() if m.group(2) else m.group(1).upper()
        return Marker("appendix", num, RANK_PART, m.group(3).strip())
    if m := _PART.match(text):
        return Marker("part", f"{m.group(1).capitalize()} {m.group(2)}.", RANK_PART, m.group(3))
    if m := _CONTENT.match(text):
        word = "Nội dung" if fold(m.group(1)) == "noi dung" else "Nhiệm vụ"
        return Marker("content", f"{word} {int(m.group(2))}.", RANK_CONTENT, m.group(3))
    if m := _ARTICLE.match(text):
        return Marker("article", f"Điều {int(m.group(2))}.", RANK_CONTENT, m.group(3))
    if (m := _ROMAN_DOTTED.match(text)) and m.group(1) in _ROMANS:
        depth = m.group(2).count(".") + 1
        number = f"{m.group(1)}.{m.group(2)}."
        return Marker("arabic", number, RANK_ARABIC + depth - 1, m.group(3).strip())
    if (m := _ROMAN.match(text)) and m.group(1) in _ROMANS:
        return Marker("roman", f"{m.group(1)}.", RANK_ROMAN, m.group(2).strip())
    if (m := _ROMAN_SPACE.match(text)) and m.group(1) in _ROMANS and _mostly_upper(m.group(2)):
        return Marker("roman", f"{m.group(1)}.", RANK_ROMAN, m.group(2).strip())
    if m := _ARABIC.match(text):
        return _arabic_marker(m)
    if m := _LETTER.match(text):
        return Marker("letter", f"{m.group(1) or m.group(2)})", RANK_LETTER, m.group(3).strip())
    return None


def _arabic_marker(m: re.Match[str]) -> Marker | None:
    number, sep, rest = m.group(1), m.group(2), m.group(3)
    has_sep = sep is not None or m.group(0)[len(number) :].lstrip().startswith("/")
    if "." not in number and not has_sep:
        return None  # "3 năm", "2025 của …": a bare number is no heading marker
    if rest and (rest[0].isdigit() or rest[0] in "/%,"):
        return None  # "1.000", "15/7/2021", "2,5"
    if not rest and not has_sep:
        return None
    parts = [p for p in number.split(".") if p]
    if any(int(p) == 0 for p in parts):
        return None
    depth = len(parts)
    normalized = ".".join(str(int(p)) for p in parts) + "."
    return Marker("arabic", normalized, RANK_ARABIC + depth - 1, rest.strip())


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_upper_line(text: str) -> bool:
    return _mostly_upper(text)


def _reads_like_heading(block: Block, marker: Marker) -> bool:
    rest = marker.rest.strip()
    if not rest:
        return block.kind == "heading" or block.bold or marker.kind in ("appendix", "part")
    if marker.kind == "letter" and _LABEL_START.match(fold(rest)):
        return False
    if marker.kind in ("appendix", "part"):
        return len(rest) <= 200
    if marker.kind == "article":
        return True
    if block.kind == "heading":
        return len(rest) <= 300
    if block.bold:
        return len(rest) <= 250
    if marker.kind == "roman" and _mostly_upper(rest) and len(rest) <= 200:
        return True
    limit = 80 if marker.kind == "letter" else 130
    if len(rest) > limit or rest.endswith((".", ";", ",", "…")) or "%" in rest:
        return False
    # A sentence break inside ("… 2025. Tiếp tục …") means a list item, not a title.
    return not re.search(r"\.\s+[A-ZĐÀ-Ỹ]", rest)


@dataclass
class Outline:
    """Per-block positions in the heading tree (indexes match the block list)."""

    sections: list[Section] = field(default_factory=list)
    heading_at: dict[int, Section] = field(default_factory=dict)  # block index -> its section
    stacks: list[tuple[Section, ...]] = field(default_factory=list)  # open sections per block

    def path(self, index: int) -> str:
        return join_path(self.stacks[index]) if 0 <= index < len(self.stacks) else ""

    def is_heading(self, index: int) -> bool:
        return index in self.heading_at


def _sibling_groups(sections: list[Section]) -> list[list[Section]]:
    groups: dict[tuple[str | None, int], list[Section]] = {}
    for section in sections:
        groups.setdefault((section.parent, section.level), []).append(section)
    return list(groups.values())


def topic_siblings(sections: list[Section], names_unit: Callable[[str], bool]) -> set[int]:
    """ids of headings that stand among topic headings: in a list of three or more
    sibling headings most of which do not name a unit ("a) Thể chế", "b) Hạ tầng số",
    …), "i) Doanh nghiệp số" is a topic too, not the unit its words could name."""
    out: set[int] = set()
    for members in _sibling_groups(sections):
        if len(members) < _MIN_SIBLINGS:
            continue
        units = sum(1 for m in members if names_unit(m.title))
        if units * 2 < len(members):
            out.update(id(m) for m in members)
    return out


def unit_siblings(
    sections: list[Section],
    names_unit: Callable[[str], bool],
    leads: Callable[[str], bool] | None = None,
) -> set[int]:
    """ids of unit headings in a list of sibling headings that mostly name units
    ("2.1. Sở Tài chính", "2.2. Sở Nội vụ", …): each one's text is that unit's duties,
    whatever the parent heading is called ("Phân công trách nhiệm", "Nhiệm vụ cụ thể")."""
    out: set[int] = set()
    for members in _sibling_groups(sections):
        named = [m for m in members if names_unit(m.title) or (leads and leads(m.title))]
        if len(named) >= 2 and len(named) * 2 >= len(members):
            # A name the lexicon does not know ("7. Liên hiệp các Hội …") among them is a
            # unit too when it reads like a name: short, capitalised, no sentence.
            # So is "2. Sở Tài chính chủ trì, phối hợp với Sở …:" (``leads``) over its items.
            out.update(
                id(m)
                for m in members
                if m in named or _reads_like_name(m.title) or (leads and leads(m.title))
            )
    return out


def _reads_like_name(title: str) -> bool:
    """ "Liên hiệp các Hội Khoa học và Kỹ thuật", "Hiệp hội Doanh nghiệp": a capitalised
    word after the first, as in a proper name ("Cơ chế", "Phương án …" are topics)."""
    words = title.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS or title.endswith("."):
        return False
    return title[:1].isupper() and any(w[:1].isupper() for w in words[1:])


_MAX_NAME_WORDS = 12


_MIN_SIBLINGS = 3


def join_path(stack: tuple[Section, ...] | list[Section]) -> str:
    return PATH_SEP.join(s.path for s in stack)


def section_title(marker: Marker) -> str:
    rest = marker.rest.strip()
    if marker.kind == "article":
        # An article is a whole clause ("Điều 3. Quyết định có hiệu lực … . Chánh Văn
        # phòng …"): its first sentence names it.
        rest = _SENTENCE_END.split(rest, maxsplit=1)[0][:_MAX_ARTICLE_TITLE]
    return rest.rstrip(":").strip()


_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")
_MAX_ARTICLE_TITLE = 160


def is_article(section: Section) -> bool:
    return section.number.startswith("Điều ")


def build_outline(blocks: list[Block]) -> Outline:
    """Find headings and give every block the stack of sections it stands in."""
    outline = Outline()
    stack: list[tuple[int, Section]] = []  # (rank, section)
    for index, block in enumerate(blocks):
        text = clean_text(block.text) if block.table is None else ""
        marker = _heading_marker(block, text) if text else None
        if marker is not None:
            title = section_title(marker)
            if marker.kind == "appendix" and not title:
                title = _appendix_title(blocks, index)
            section = Section(number=marker.number, title=title, level=0, locator=block.locator)
            rank = marker.rank
            while stack and stack[-1][0] >= rank:
                stack.pop()
            if part := _missing_part(marker.number, stack):
                # "III.1." with no "III." open (a slide deck, an excerpt): its part is
                # implied, so that "III.1." – "III.3." are siblings under it, not of "II."
                stack = [(r, s) for r, s in stack if r < RANK_ROMAN]
                implied = Section(number=part, title="", level=len(stack) + 1)
                implied.parent = join_path([s for _, s in stack]) or None
                stack.append((RANK_ROMAN, implied))
            section.level = len(stack) + 1
            section.parent = join_path([s for _, s in stack]) or None
            stack.append((rank, section))
            outline.sections.append(section)
            outline.heading_at[index] = section
        elif text and (_is_document_start(text) or is_closing(text)):
            stack.clear()
        outline.stacks.append(tuple(s for _, s in stack))
    return outline


def _missing_part(number: str, stack: list[tuple[int, Section]]) -> str:
    """ "III." for "III.1." when "III." is not the open part; "" otherwise."""
    m = _QUAL_ROMAN_DOTTED.match(number)
    if m is None or m.group(1) not in _ROMANS:
        return ""
    part = f"{m.group(1)}."
    open_parts = [s.number for r, s in stack if r == RANK_ROMAN]
    return "" if open_parts == [part] else part


def _heading_marker(block: Block, text: str) -> Marker | None:
    marker = parse_marker(text)
    if marker is None or not _reads_like_heading(block, marker):
        return None
    return marker


def _is_document_start(text: str) -> bool:
    """A bare "KẾ HOẠCH" / "QUYẾT ĐỊNH" line starts a new document part."""
    folded = fold(text).rstrip(":")
    if len(folded) > 40 or not _mostly_upper(text):
        return False
    return any(folded == t or folded.startswith(t + " ") and len(folded) < 14 for t in _DOC_TYPES)


def is_closing(text: str) -> bool:
    """ "Nơi nhận:" ends a document's body: what follows is its addressees and signature."""
    return fold(text).startswith("noi nhan")


def _appendix_title(blocks: list[Block], index: int) -> str:
    """An untitled "PHỤ LỤC" takes the upper-case title lines that follow it."""
    parts: list[str] = []
    for nxt in blocks[index + 1 : index + 4]:
        text = clean_text(nxt.text)
        if nxt.table is not None or not text or not _mostly_upper(text) or parse_marker(text):
            break
        parts.append(text)
    return " ".join(parts)


def prepare_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks as the parsers want them.

    Splits glued bold runs ("**I. MỤC ĐÍCH****1. Mục đích**") into separate
    blocks and joins a paragraph that starts in lower case to the one before it:
    PDF-extracted and hard-wrapped text leaves one line per block, and a wrapped
    line must not be mistaken for a heading or a new list item.
    """
    out: list[Block] = []
    for block in blocks:
        if block.table is not None:
            out.append(block)
            continue
        for piece in _split_glued(block):
            text = piece.text.strip()
            if not clean_text(text):
                continue
            prev = out[-1] if out else None
            if prev is not None and _marker_only(prev) and piece.kind == prev.kind:
                # "**1.**" alone, then the heading text: one heading "1. …"
                out[-1] = replace(prev, text=f"{clean_text(prev.text)} {text}")
                continue
            if (
                prev is not None
                and prev.table is None
                and prev.kind == "paragraph"
                and not prev.bold
                and piece.kind == "paragraph"
                and not piece.bold
                and clean_text(text)[:1].islower()
                and parse_marker(clean_text(text)) is None  # "b. Lý do: …" is a new item
            ):
                out[-1] = replace(prev, text=f"{prev.text.rstrip()} {text}")
                continue
            out.append(piece)
    return out


# "…CÁC CHỈ TIÊU CỤ THỂ1. Mục đích": an upper-case title glued to the next numbered heading.
# ".*[A-Z]{2}" is ".*[A-Z]{2,}" without the quadratic retries on a long capital run.
_GLUED_NUMBER = re.compile(r"^(.*[A-ZĐÀ-Ỹ]{2})(\d{1,2}\.\s+\w.*)$")


def _marker_only(block: Block) -> bool:
    if block.table is not None:
        return False
    marker = parse_marker(clean_text(block.text))
    return marker is not None and not marker.rest and marker.kind in ("roman", "arabic", "letter")


def _split_glued(block: Block) -> list[Block]:
    if "****" not in block.text:
        m = _GLUED_NUMBER.match(clean_text(block.text))
        if m and parse_marker(m.group(1)) and _mostly_upper(m.group(1)):
            return [replace(block, text=m.group(1)), replace(block, text=m.group(2))]
        return [block]
    parts = [p.strip("* \n") for p in re.split(r"\*{4}", block.text) if clean_text(p)]
    # "**1.****\n**Trên cơ sở …": a bold number alone belongs to the text after it.
    merged: list[str] = []
    for part in parts:
        mark = parse_marker(clean_text(merged[-1])) if merged else None
        if mark is not None and not mark.rest:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    if len(merged) < 2:
        return [replace(block, text=merged[0], bold=True)] if merged else [block]
    return [replace(block, text=p, bold=True) for p in merged]
