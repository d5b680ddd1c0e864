"""Task-table columns identified by what their header MEANS, not where they stand.

Headers come in many spellings ("Cơ quan chủ trì tham mưu", "Đơn vị thực hiện",
"5- Chủ trì", OCR-damaged "chủ tri", "tiên độ", "S/T"), over one or two header
rows (seed 001 merges "Trách nhiệm cụ thể" over "Đơn vị chủ trì | Đơn vị phối hợp").
Everything is matched on folded text (no diacritics, lower case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from knowledge.plan._table_cells import clean_cell, is_row_number
from knowledge.vietnamese import fold

Role = Literal[
    "number",
    "content",
    "parent_task",
    "supervisor",
    "lead",
    "coordinating",
    "deadline",
    "product",
    "submit_to",
    "budget",
    "objective",
    "source_doc",
    "note",
    "procedure",
]

# Checked in order: the first rule whose pattern occurs in the folded header wins.
# Order matters: "Chịu trách nhiệm chỉ đạo tiến độ" holds "tien do" (a deadline
# word) and "Văn bản giao nhiệm vụ" holds "nhiem vu" (a content word).
_RULES: list[tuple[Role, re.Pattern[str]]] = [
    ("number", re.compile(r"^(s\s*/\s*t|stt|tt|so\s*tt|so thu tu|s\.tt|st|muc|so muc)$")),
    ("supervisor", re.compile(r"chi dao|phu trach|lanh dao")),
    ("coordinating", re.compile(r"phoi hop")),
    ("source_doc", re.compile(r"van ban giao|can cu|nguon goc")),
    ("procedure", re.compile(r"thu tuc")),
    # "Cấp trình": who the product goes to for approval (Chính phủ, Thủ tướng, Bộ Chính trị).
    ("submit_to", re.compile(r"cap trinh|co quan trinh|trinh cap|cap phe duyet")),
    (
        "lead",
        re.compile(
            r"chu tri|(don vi|co quan|trach nhiem) (thuc hien|dau moi)|dau moi|(don vi|co quan) (chiu )?trach nhiem"
        ),
    ),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc hoan thanh")),
    # "Kết quả thực hiện" reports what was done (a status), not the planned product.
    ("note", re.compile(r"ket qua thuc hien|tinh trang|ghi chu")),
    ("product", re.compile(r"san pham|ket qua")),
    ("budget", re.compile(r"kinh phi|nguon von|du toan|nguon luc")),
    ("objective", re.compile(r"muc tieu|chi tieu")),
    (
        "content",
        # A schedule names its rows by what is inspected: "Công trình, đơn vị được kiểm tra".
        re.compile(
            r"noi dung|nhiem vu|hoat dong|cong viec|giai phap|de an|du an|ten |duoc kiem tra"
        ),
    ),
]

_START = re.compile(r"\b(?:bat dau|khoi cong|khoi dong)\b")
_FINISH = re.compile(r"\b(?:hoan thanh|ket thuc)\b")
_MEASURE_HEADERS = {"don vi", "don vi tinh", "dvt", "don vi do"}  # of a target's number
# "1- Mục tiêu", "3 - Hoạt động", "(5) Chủ trì": the printed column number.
_LABEL = re.compile(r"^\(?(\d{1,2})\)?\s*[-.)]\s*")


def classify_header(text: str) -> Role | None:
    """The role a header cell names, or None when it names nothing we know."""
    folded = fold(clean_cell(text))
    folded = _LABEL.sub("", folded)
    folded = re.sub(r"[*:]", "", folded).strip()
    if not folded:
        return None
    if "chu tri" in folded and "phoi hop" in folded:
        return "lead"  # "Cơ quan chủ trì / phối hợp": the lead first, then the others
    if _START.search(folded) and not _FINISH.search(folded):
        return None  # "Thời gian - Bắt đầu": when the work starts, no deadline
    for role, pattern in _RULES:
        if pattern.search(folded):
            return role
    return None


def column_label(text: str) -> int | None:
    """The printed column number of a header ("3- Hoạt động" -> 3)."""
    m = _LABEL.match(fold(clean_cell(text)))
    return int(m.group(1)) if m else None


@dataclass
class ColumnMap:
    """Role -> column index for one task table, plus what the header said."""

    roles: dict[Role, int] = field(default_factory=dict)
    width: int = 0
    header_rows: int = 1  # how many leading rows form the header
    labels: dict[int, int] = field(default_factory=dict)  # printed column number -> index
    header_folds: list[str] = field(default_factory=list)  # folded header cells, for repeats
    # Timeline columns ("Quý I … Quý IV" under "Thời gian thực hiện năm 2026"): index ->
    # the deadline a mark in that column means ("Quý II/2026").
    periods: dict[int, str] = field(default_factory=dict)

    def get(self, role: Role) -> int | None:
        return self.roles.get(role)

    def role_of(self, index: int) -> Role | None:
        for role, i in self.roles.items():
            if i == index:
                return role
        return None

    @property
    def is_task_table(self) -> bool:
        has_content = "content" in self.roles or (
            "objective" in self.roles and "lead" in self.roles and not self.is_target_table
        )
        return has_content and ("lead" in self.roles or "deadline" in self.roles)

    @property
    def is_target_table(self) -> bool:
        """ "TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá": targets
        with the unit that measures them, not tasks (a measure column or a monitoring lead)."""
        col = self.get("objective")
        if col is None or col >= len(self.header_folds):
            return False
        if not self.header_folds[col].startswith("chi tieu"):
            return False
        measured = any(f in _MEASURE_HEADERS for f in self.header_folds)
        lead = self.get("lead")
        monitors = (
            lead is not None
            and lead < len(self.header_folds)
            and ("theo doi" in self.header_folds[lead])
        )
        return measured or monitors


def _row_roles(cells: list[str]) -> list[Role | None]:
    return [classify_header(c) for c in cells]


def looks_like_header(cells: list[str]) -> bool:
    """Two or more cells naming task-table columns, one of them the content/number."""
    roles = [r for r in _row_roles(cells) if r is not None]
    if len(roles) < 2:
        return False
    # A header cell is short; a task row that merely mentions "chủ trì" is long.
    if any(len(clean_cell(c)) > 80 for c in cells):
        return False
    return any(r in ("number", "content", "objective", "lead", "deadline") for r in roles)


def _combine(rows: list[list[str]], width: int) -> list[str]:
    """Per column, the most specific header text: a sub-header row wins over the
    merged parent above it (seed 001: "Trách nhiệm cụ thể" over "Đơn vị chủ trì")."""
    out = [""] * width
    for cells in rows:
        for i in range(width):
            text = clean_cell(cells[i]) if i < len(cells) else ""
            if text and (not out[i] or classify_header(text) is not None):
                out[i] = text
    return out


def _assign(headers: list[str]) -> dict[Role, int]:
    roles: dict[Role, int] = {}
    found: list[tuple[int, Role]] = []
    for i, text in enumerate(headers):
        role = classify_header(text)
        if role is not None:
            found.append((i, role))
    contents = [i for i, r in found if r == "content"]
    for i, role in found:
        if role == "content" and len(contents) > 1:
            # Seed 004: "2- Nhiệm vụ" then "3- Hoạt động": the activity is the task,
            # the broader nhiệm vụ its parent.
            folded = fold(headers[i])
            if "hoat dong" in folded or i == contents[-1]:
                roles.setdefault("content", i)
            else:
                roles.setdefault("parent_task", i)
            continue
        roles.setdefault(role, i)
    return roles


def find_columns(rows: list[list[str]], max_scan: int = 6) -> ColumnMap | None:
    """Locate the header among the first rows and map roles to columns."""
    for start in range(min(max_scan, len(rows))):
        if not looks_like_header(rows[start]):
            continue
        header = [rows[start]]
        # A second header row: no number, cells naming roles (seed 001 "Đơn vị chủ trì").
        nxt = rows[start + 1] if start + 1 < len(rows) else None
        if nxt is not None and _is_subheader(nxt, rows[start]):
            header.append(nxt)
        width = _table_width([len(h) for h in header], [len(r) for r in rows[start + 1 :]])
        headers = _combine(header, width)
        cmap = ColumnMap(roles=_assign(headers), width=width, header_rows=start + len(header))
        _widen_merged_first(cmap, len(header[0]), rows[start + len(header) :])
        for i, text in enumerate(header[0]):
            label = column_label(text)
            if label is not None:
                cmap.labels[label] = i
        cmap.header_folds = [fold(clean_cell(c)) for c in header[0]]
        _find_periods(cmap, rows, start)
        return cmap
    return None


# A timeline column's header: a quarter, a month or a year, perhaps with its year.
_PERIOD = re.compile(
    r"^(?:(?P<quarter>quy\s+(?:[ivx]{1,3}|[1-4]))|(?P<month>thang\s+\d{1,2})|(?:nam\s+)?(?P<year>20\d\d))"
    r"(?:\s*/\s*(?P<of>20\d\d)|\s+nam\s+(?P<of2>20\d\d))?$"
)
_HEADER_YEAR = re.compile(r"\bnam\s+(20\d\d)\b")
_MARKS = {"x", "v", "+", "*", "•", "●", "✓", "✔", "√", "■", "xx"}
_MIN_PERIODS = 2


def _find_periods(cmap: ColumnMap, rows: list[list[str]], start: int) -> None:
    """Timeline columns in the header rows (from ``start``) or the row just under them."""
    header = rows[start : cmap.header_rows + 1]
    year_m = _HEADER_YEAR.search(" ".join(fold(clean_cell(c)) for r in header for c in r))
    year = year_m.group(1) if year_m else ""
    for k, cells in enumerate(header, start=start):
        found = {i: t for i, c in enumerate(cells) if (t := _period_text(c, year))}
        if len(found) < _MIN_PERIODS:
            continue
        if k >= cmap.header_rows:
            # A row of periods alone under the header ("", "", "Quý I", "Quý II" …).
            if len(found) != sum(1 for c in cells if clean_cell(c)):
                return
            cmap.header_rows = k + 1
        cmap.periods = found
        _deadline_beside(cmap, rows[start])
        return


def _deadline_beside(cmap: ColumnMap, header: list[str]) -> None:
    """ "Thời gian thực hiện năm 2026" over the quarter marks, then "Thời hạn hoàn
    thành": the deadline is the dated column, the marks stand in where it is empty."""
    at = cmap.get("deadline")
    if at is None or at not in cmap.periods and at + 1 not in cmap.periods:
        return
    for i, text in enumerate(header):
        if i not in cmap.periods and i != at and classify_header(text) == "deadline":
            cmap.roles["deadline"] = i
            return


def _period_text(cell: str, year: str) -> str:
    text = clean_cell(cell)
    m = _PERIOD.match(fold(text))
    if m is None:
        return ""
    if m.group("year"):
        return f"Năm {m.group('year')}"
    return text if (m.group("of") or m.group("of2") or not year) else f"{text}/{year}"


def is_mark(cell: str) -> bool:
    """A timeline cell that says "in this period" ("x", "✓")."""
    return fold(clean_cell(cell)) in _MARKS


def marked_period(cells: list[str], cmap: ColumnMap) -> str:
    """The deadline a row's timeline marks give: the last period marked, or ""."""
    marked = [t for i, t in sorted(cmap.periods.items()) if i < len(cells) and is_mark(cells[i])]
    return marked[-1] if marked else ""


def _widen_merged_first(cmap: ColumnMap, header_width: int, data: list[list[str]]) -> None:
    """Rows one cell wider than a header without an STT column: the first header
    cell ("Nội dung") spans the STT column too (corpus: dongnai appendix B)."""
    extra = cmap.width - header_width
    if extra <= 0 or "number" in cmap.roles:
        return
    firsts = [clean_cell(r[0]) for r in data if len(r) >= cmap.width and clean_cell(r[0])]
    if not firsts or sum(1 for f in firsts if is_row_number(f)) * 2 <= len(firsts):
        return
    cmap.roles = {role: i + extra for role, i in cmap.roles.items()}
    cmap.roles["number"] = 0
    cmap.labels = {label: i + extra for label, i in cmap.labels.items()}


def _table_width(header: list[int], data: list[int]) -> int:
    """The header's width, unless most rows are wider (a merged header cell not expanded)."""
    width = max(header)
    wider = [n for n in data if n > width]
    if len(data) >= 3 and len(wider) * 2 > len(data):
        return max(set(wider), key=wider.count)
    return width


def _is_subheader(cells: list[str], header: list[str]) -> bool:
    """Seed 001's second header row: short role names under a merged parent cell,
    no STT. One lone cell under a named column is a group row instead."""
    texts = [clean_cell(c) for c in cells]
    filled = [i for i, t in enumerate(texts) if t]
    if not filled or texts[0]:
        return False
    if not all(classify_header(texts[i]) is not None and len(texts[i]) < 60 for i in filled):
        return False
    under_blank = any(i >= len(header) or not clean_cell(header[i]) for i in filled)
    return len(filled) >= 2 or under_blank
