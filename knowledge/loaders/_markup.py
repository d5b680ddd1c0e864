"""Inline markup in plain-text plans: markdown emphasis and stray HTML bold tags.

The Document model holds plain text; what the markup said (bold = a likely heading
or group row) survives only as the ``bold`` flag on blocks and rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.vietnamese import nfc

_BOLD = re.compile(r"\*\*|__|<\s*/?\s*(?:b|strong)\s*>", re.IGNORECASE)
_OTHER_TAGS = re.compile(r"<\s*/?\s*(?:i|em|u|span|br|p)\b[^>]*>", re.IGNORECASE)
# A single "*" opening or closing an italic run ("*Căn cứ …;*"); "(*)" stays.
_ITALIC = re.compile(r"(?<![\w*(])\*(?=[^\s*)])|(?<=[^\s*(])\*(?![\w*)])")
_LONE_STARS = re.compile(r"(?:(?<=\s)|^)\*+(?=\s|$)")
_RULE = re.compile(r"^[-_=–—]{3,}$")
# Columns laid out with spaces (pdftotext -layout, a signature block): three or more
# spaces between two words.
COLUMN_GAP = re.compile(r"\S {3,}\S")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
_GLUE = re.compile(r"\*{4}")
_ALNUM = re.compile(r"\w")
_MARKUP_CHARS = re.compile(r"[*_<\t\u00a0\u2000-\u200b]| {2}")


def clean_inline(text: str) -> str:
    """Plain text: NFC, markup removed, white space collapsed, stripped."""
    if not _MARKUP_CHARS.search(text):
        return nfc(text).strip()  # fast path: most lines carry no markup at all
    text = _BOLD.sub("", nfc(text))
    text = _OTHER_TAGS.sub(" ", text)
    text = _ITALIC.sub("", text)
    text = _LONE_STARS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_rule(line: str) -> bool:
    """A horizontal rule ("-------", "======"): layout, not content."""
    return _RULE.match(line.strip()) is not None


def clean_cell_lines(lines: list[str]) -> str:
    """A table cell's source lines as one string (wrapped lines joined by a space).

    Horizontal rules under banner lines ("-------") are layout, not content.
    """
    kept = [ln for ln in (line.strip() for line in lines) if ln and not is_rule(ln)]
    return clean_inline(" ".join(kept))


def is_all_bold(raw: str) -> bool:
    """True when every letter or digit of ``raw`` stands inside a bold run."""
    bold = False
    seen_bold_text = False
    pos = 0
    for match in _BOLD.finditer(raw):
        chunk = raw[pos : match.start()]
        if _ALNUM.search(chunk):
            if not bold:
                return False
            seen_bold_text = True
        token = match.group(0).lower().replace(" ", "")
        bold = (not bold) if token in ("**", "__") else not token.startswith("</")
        pos = match.end()
    tail = raw[pos:]
    if _ALNUM.search(tail):
        if not bold:
            return False
        seen_bold_text = True
    return seen_bold_text


def has_open_bold(raw: str) -> bool:
    """An odd number of ``**``: a bold run opened and not yet closed (wrapped heading)."""
    return raw.count("**") % 2 == 1


def has_open_italic(raw: str) -> bool:
    """A line group that opens with a single "*" whose italic run is not closed yet:
    "*2.1. Sở" / "Tài chính*" is one wrapped italic heading."""
    t = raw.strip()
    if not t.startswith("*") or t.startswith("**") or len(t) > _MAX_ITALIC_RUN:
        return False
    return "*" not in t[1:]


_MAX_ITALIC_RUN = 200


def split_glued_bold(raw: str) -> list[str]:
    """ "**KẾ HOẠCH****Cải cách …**" -> ["**KẾ HOẠCH**", "**Cải cách …**"] (two headings)."""
    stripped = raw.strip()
    if "****" not in stripped or not is_all_bold(stripped):
        return [raw]
    parts = [p for p in _GLUE.split(stripped) if clean_inline(p)]
    if len(parts) < 2:
        return [raw]
    return [f"**{clean_inline(p)}**" for p in parts]


# A cell a rebuilt table leaves empty on purpose: the plan's table reader takes it for
# "none", never for a cell merged with the one above (``knowledge.plan.tables``).
LEFT_OUT = "–"


def pipe_row(cells: Iterable[str]) -> str:
    """A markdown pipe table's row as the readers that rebuild tables write it; a "|"
    inside a cell becomes "/", so that the row keeps its cells."""
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def pipe_rule(width: int) -> str:
    """The line under a pipe table's header row."""
    return "|" + "---|" * width
