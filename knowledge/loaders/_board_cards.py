"""A task board (Trello, Planner, Jira) exported to Markdown: lists as "##" headings, one
card per "###" heading with its chrome (labels, members, the clerk's own due date,
checklists, comments, activity), and in each task card the plan's row quoted with "> "
and labelled fields ("**Nội dung:** …", "**Chủ trì:** …", "**Phối hợp:** …",
"**Thời gian:** …"). One card may hold the plan's own text as its description.

The board is written back as the plan: the description that holds the plan (the card
with a "KẾ HOẠCH"-style body) as text, then the quoted rows as a pipe table, numbered as
the row says ("dòng 1.3") or as the card's title does ("[1.3]"). Cards that quote no row
(the clerk's own), archived cards and every card's chrome stay out.
"""

from __future__ import annotations

import re

from knowledge.loaders._markup import LEFT_OUT, pipe_row, pipe_rule
from knowledge.vietnamese import fold

_CARD = re.compile(r"^#{3,4}\s+(?:\[(?P<num>[^\]]{1,12})\]\s*)?(?P<title>.+)$")
_LIST = re.compile(r"^#{1,2}\s+(?P<name>.+)$")
_FIELD = re.compile(
    r"^\**\s*(?P<label>Nội dung|Nhiệm vụ|Chủ trì|Cơ quan chủ trì|Đơn vị chủ trì|Phối hợp|"
    r"Cơ quan phối hợp|Đơn vị phối hợp|Thời gian(?: hoàn thành| thực hiện)?|Thời hạn|"
    r"Sản phẩm)\s*:?\s*\**\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_ROW_NUMBER = re.compile(r"\bdòng\s+(?P<num>[\dIVX]+(?:\.\d+)*)", re.IGNORECASE)
_ARCHIVED = re.compile(r"lưu trữ|archived", re.IGNORECASE)
_BODY_START = re.compile(r"^\**\s*(?:Mô tả|Description)\s*:?\**\s*:?\s*$", re.IGNORECASE)
_PLAN_HEAD = re.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CHƯƠNG TRÌNH|CÔNG ĐIỆN)\s*$")
_CARD_END = re.compile(r"^(?:-{3,}|\*{3,})\s*$")
MIN_CARDS = 3
_COLUMNS = ("STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm")
_ROLE = {
    "noi dung": 1,
    "nhiem vu": 1,
    "chu tri": 2,
    "phoi hop": 3,
    "thoi gian": 4,
    "thoi han": 4,
    "san pham": 5,
}


def cards_as_text(text: str) -> str:
    """The plan a Markdown board export holds; other text comes back unchanged."""
    lines = text.split("\n")
    cards = _cards(lines)
    rows = [row for _, body in cards if (row := _row(body)) is not None]
    if len(rows) < MIN_CARDS:
        return text
    plans = [_description(body) for _, body in cards]
    plan = next((p for p in plans if any(_PLAN_HEAD.match(ln.strip()) for ln in p)), [])
    table = [pipe_row(_COLUMNS), pipe_rule(len(_COLUMNS)), *(pipe_row(r) for r in rows)]
    return "\n".join([*plan, "", "PHỤ LỤC", "", *table]) + "\n"


def _cards(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(title line, lines) of every card outside the archived lists."""
    cards: list[tuple[str, list[str]]] = []
    archived = False
    current: list[str] | None = None
    for line in lines:
        if (m := _LIST.match(line)) and not line.startswith("###"):
            archived = bool(_ARCHIVED.search(m["name"]))
            current = None
        elif _CARD.match(line):
            current = None if archived else [line]
            if current is not None:
                cards.append((line, current))
        elif current is not None:
            current.append(line)
    return cards


def _fold_label(label: str) -> str:
    words = fold(label).split()
    return " ".join(words[-2:])


def _row(card: list[str]) -> list[str] | None:
    """The quoted plan row of a task card, as table cells; None for other cards."""
    cells = ["", "", "", "", "", ""]
    last = -1
    for line in card[1:]:
        if not line.startswith(">"):
            last = -1
            continue
        body = line.lstrip(">").strip()
        if (m := _ROW_NUMBER.search(body)) and not cells[0]:
            cells[0] = m["num"]
        field = _FIELD.match(body)
        if field:
            last = _ROLE.get(_fold_label(field["label"]), -1)
            if last >= 0:
                cells[last] = field["value"].strip()
        elif last >= 0 and body:
            cells[last] = f"{cells[last]} {body}".strip()  # a value wrapped onto the next line
    if not cells[1] or not cells[2]:
        return None
    if not cells[0] and (m := _CARD.match(card[0])) and m["num"]:
        cells[0] = m["num"]
    return [c.replace("**", "").strip() or LEFT_OUT for c in cells]


def _description(card: list[str]) -> list[str]:
    """The card's description, up to the card's closing rule or its next block."""
    out: list[str] = []
    inside = False
    for line in card[1:]:
        if _BODY_START.match(line.strip()):
            inside = True
            continue
        if inside and _CARD_END.match(line):
            break
        if inside:
            out.append(line)
    return out
