"""A table whose cells a PDF text extractor wrote one after another with nothing between
them (pypdf's ``extract_text``).

The header is one line of column names ("STT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp
Thời gian hoàn thành Kết quả, sản phẩm"). A row opens with its number ("1.1", or "2.1
Khám sức khỏe …" on the task's first line); a number whose next row is its first child
("1 Truyền thông …" over "1.1") heads a group. Inside a row the cells come in their
columns' order: a cell wrapped over lines ends each wrapped line with a space, and cells
that stand side by side on one baseline run together on one line ("Hội Người cao tuổi
tỉnh Hằng tháng 12 chuyên mục"). So the task is the row's first cell (with a second
paragraph that names no unit), and the rest is read by content: the units first (the
lead, then the coordinators), then the time, which the deadline grammar finds, then the
product. A page number followed by the header printed again is dropped.

The rows are written back as the markdown pipe table the text reader already knows.
"""

from __future__ import annotations

import re

from knowledge.deadlines import is_deadline_cell, starts_like_deadline
from knowledge.loaders._columns import Role, column_role
from knowledge.loaders._markup import COLUMN_GAP, pipe_row, pipe_rule
from knowledge.units import looks_like_unit, split_units
from knowledge.vietnamese import fold

# Column names a header line is made of, longest first (folded).
_NAMES = sorted(
    [
        "stt", "tt", "so tt", "nhiem vu", "ten nhiem vu", "noi dung", "noi dung nhiem vu",
        "noi dung cong viec", "noi dung hoat dong", "hoat dong", "co quan chu tri",
        "don vi chu tri", "chu tri", "co quan phoi hop", "don vi phoi hop", "phoi hop",
        "thoi gian hoan thanh", "thoi gian thuc hien", "thoi gian", "thoi han",
        "thoi han hoan thanh", "ket qua, san pham", "ket qua/san pham", "san pham",
        "ket qua", "san pham du kien", "ket qua du kien", "ghi chu",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_MIN_COLUMNS = 4
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?(?:\s+(\S.*))?$")
_PAGE_NO = re.compile(r"^\d{1,3}$")
MIN_ROWS = 3
MAX_ROW_LINES = 40  # a row's cells, wrapped; more is the prose after the table
MAX_CELL_WORDS = 80  # where a row's units and time can start, after its task
MAX_TIME_WORDS = 16  # "Đợt 1: trước ngày 30/6/2026; Đợt 2: trước ngày 30/11/2026"
_ROMAN = re.compile(r"^[IVX]{1,4}$")
_GROUP_LINE = re.compile(r"^([IVX]{1,4})\s+(\S.*)$")
_MIN_TITLE_WORDS = 3  # a unit named sooner is inside the task's words, not its lead cell


# A header line opens with "STT"/"TT" and names the lead column: looked for once in the text.
_MAYBE_HEADER = re.compile(
    r"^[ \t]*+(?:số[ \t]++)?s?tt[ \t][^\n|\t]*chủ[ \t]++trì", re.IGNORECASE | re.MULTILINE
)  # blanks only within a line: a run of empty lines is crossed once, not once a line


def run_cells_as_markdown(text: str) -> str:
    """``text`` with each such table written as a markdown pipe table."""
    if _MAYBE_HEADER.search(text) is None:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        header = _header_at(lines, k)
        if header is not None:
            table = _read(lines, k, *header)
            if table is not None:
                rows, end = table
                lines[k:end] = rows
                k += len(rows)
                continue
        k += 1
    return "\n".join(lines)


MAX_HEADER_LINES = 4  # "… Thời gian thực" / "hiện" / "Sản phẩm dự" / "kiến"
_SHORT_WRAP = 4  # words on a header line that carries a wrapped column name on


def _header_at(lines: list[str], k: int) -> tuple[list[str], int] | None:
    """(column names, index of the line after the header) when a header starts at line
    ``k``: one line, or a few, when its last column names wrapped ("Thời gian thực" /
    "hiện"). The line ``k`` must name the lead column on its own."""
    if not _MAYBE_HEADER.match(lines[k]):
        return None
    joined, best = lines[k], None
    for end in range(k + 1, min(k + 1 + MAX_HEADER_LINES, len(lines)) + 1):
        names = _header(joined)
        if names is not None:
            best = (names, end)  # the longest reading wins: "… Sản phẩm dự" / "kiến"
        if end == len(lines) or len(lines[end].split()) > _SHORT_WRAP:
            break
        joined = f"{joined} {lines[end].strip()}"
    return best


def _header(line: str) -> list[str] | None:
    """The column names a header line is made of, or None when it is no such line."""
    if "\t" in line or "|" in line or COLUMN_GAP.search(line.strip()):
        return None  # a table with separators, or laid out in columns, is another reader's
    rest, names = fold(line).strip(), []
    while rest:
        name = next((n for n in _NAMES if rest == n or rest.startswith(n + " ")), None)
        if name is None:
            return None
        names.append(name)
        rest = rest[len(name) :].strip()
    roles = [column_role(n) for n in names]
    if len(names) < _MIN_COLUMNS or roles[0] != Role.STT:
        return None
    return names if Role.TITLE in roles and Role.LEAD in roles else None


Row = tuple[tuple[int, ...], list[str]]  # its number, its lines (the number cut off)


def _read(
    lines: list[str], start: int, names: list[str], first: int
) -> tuple[list[str], int] | None:
    rows: list[Row] = []
    k = first
    while k < len(lines):
        line = lines[k]
        again = _header_at(lines, k + 1) if k + 1 < len(lines) else None
        if _PAGE_NO.match(line.strip()) and again is not None:
            k = again[1]  # a page number, then the header printed again
            continue
        group = _GROUP_LINE.match(line.strip())
        if group is not None and group.group(2).isupper():
            # "I TRUYỀN THÔNG, NÂNG CAO NHẬN THỨC": a group; its rows number from 1 again
            rows.append(((), [line.strip()]))
            k += 1
            continue
        m = _NUMBER.match(line.strip())
        number = tuple(int(p) for p in m.group(1).split(".")) if m else ()
        previous = rows[-1][0] if rows and rows[-1][0] else None
        if m is not None and _follows(previous, number):
            rows.append((number, [m.group(2)] if m.group(2) else []))
        elif rows and (_table_ends(line) or len(rows[-1][1]) >= MAX_ROW_LINES):
            break  # prose after the last row
        elif rows:
            rows[-1][1].append(line)
        elif line.strip():
            return None  # the header is not followed by its first row
        k += 1
    if len(rows) < MIN_ROWS:
        return None
    roles = [column_role(n) for n in names]
    out = [pipe_row(names), pipe_rule(len(names))]
    for i, (number, body) in enumerate(rows):
        label = ".".join(map(str, number))
        child = i + 1 < len(rows) and rows[i + 1][0] == (*number, 1)
        if not number:  # a group line
            roman, title = body[0].split(None, 1)
            out.append(pipe_row([roman, title] + [""] * (len(names) - 2)))
        elif child:
            out.append(
                pipe_row([label, " ".join(s.strip() for s in body)] + [""] * (len(names) - 2))
            )
        else:
            out.append(pipe_row([label, *_cells(body, roles[1:])]))
    return out, k


def _follows(previous: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """``number`` goes on from ``previous``: its first child, or the next of it or of one
    of its parents ("1.3" -> "2")."""
    if previous is None:
        return number in ((1,), (1, 1), (1, 1, 1))
    if number == (*previous, 1):
        return True
    return any(number == (*previous[:k], previous[k] + 1) for k in range(len(previous)))


def _table_ends(line: str) -> bool:
    """A label ("Nơi nhận:") or a heading in capitals after the table."""
    s = line.strip()
    return s.endswith(":") or (s.isupper() and len(s) > 12)


def _cells(body: list[str], roles: list[str]) -> list[str]:
    """The row's cells after its number, in the columns of ``roles``."""
    groups = _wrapped(body)
    title, rest = _task(groups)
    units, time, product = _split_rest(" ".join(rest))
    found = [u for part in (split_units(units) if units else []) for u in _side_by_side(part)]
    values = {
        Role.TITLE: title,
        Role.LEAD: found[0] if found else "",
        Role.COORD: "; ".join(found[1:]),
        Role.DUE: time,
    }
    cells, product_used = [], False
    for role in roles:
        if role in values:
            cells.append(values[role])
        elif not product_used:
            cells.append(product)
            product_used = True
        else:
            cells.append("")
    return cells


def _wrapped(body: list[str]) -> list[str]:
    """The row's lines joined where a line ends with the space of a soft wrap."""
    groups: list[str] = []
    joined = False
    for line in body:
        text = line.strip()
        if groups and joined:
            groups[-1] += " " + text
        elif text:
            groups.append(text)
        joined = line.endswith(" ")
    return groups


def _task(groups: list[str]) -> tuple[str, list[str]]:
    """The task (the first cell and any second paragraph that names no unit) and the
    groups after it; a row on one line is cut where its lead's name begins."""
    if not groups:
        return "", []
    k = 1
    while k < len(groups) and not _opens_cell(groups[k]):
        k += 1
    title, rest = " ".join(groups[:k]), groups[k:]
    if not rest:
        words = title.split()
        reach = range(_MIN_TITLE_WORDS, min(len(words), MAX_CELL_WORDS))
        cut = next((i for i in reach if _unit_at(words, i)), None)
        if cut is not None:
            return " ".join(words[:cut]), [" ".join(words[cut:])]
    return title, rest


def _opens_cell(group: str) -> bool:
    # A group in lower case goes on with the task ("bạo lực gia đình tại 12 xã, phường"):
    # a unit's name opens with a capital.
    if group[:1].islower():
        return False
    return looks_like_unit(group) or starts_like_deadline(group)


def _unit_at(words: list[str], i: int) -> bool:
    """A unit's name begins at word ``i``: a capital, after a word with no capital or a
    numeral ("… lần thứ I Sở Văn hóa …")."""
    before = words[i - 1]
    plain = before[:1].islower() or _ROMAN.match(before) is not None or before.isdigit()
    name = " ".join(words[i : i + MAX_TIME_WORDS])  # a name's opening words say it is one
    return words[i][:1].isupper() and plain and looks_like_unit(name)


# Words that open a body's name wherever they stand: the lead cell and the coordinators'
# on one baseline ("Sở Y tế Bảo hiểm xã hội tỉnh") are two names. "Bộ", "Ban", "Mặt
# trận", "Liên hiệp" also go on a name ("Bộ Chỉ huy Bộ đội …", "Ủy ban Mặt trận …").
_OPENS_NAME = (
    "sở", "hội", "bảo hiểm", "công an", "ủy ban", "ubnd", "tỉnh đoàn", "liên đoàn", "đài",
    "báo", "bệnh viện", "trung tâm", "bưu điện", "ngân hàng", "kho bạc", "chi cục", "cục",
)  # fmt: skip


def _side_by_side(name: str) -> list[str]:
    """``name`` cut where a second body's name begins after a whole first one."""
    words = name.split()
    for i in range(2, len(words)):
        head = " ".join(words[i : i + 2]).lower()
        opens = words[i][:1].isupper() and head.startswith(_OPENS_NAME)
        if opens and looks_like_unit(" ".join(words[:i])) and not words[i - 1].endswith(","):
            return [" ".join(words[:i]), *_side_by_side(" ".join(words[i:]))]
    return [name]


# Where a time cell can end: on a year or a date, or a cadence's last word.
_TIME_END = re.compile(r"(?:(?:19|20)\d\d|\d{1,2}/\d{1,2})\W*$")
_CADENCES = ("hang thang", "hang quy", "hang nam", "hang tuan", "thuong xuyen", "dinh ky")


def _ends_time(words: list[str], j: int) -> bool:
    pair = fold(" ".join(words[max(0, j - 2) : j]))
    return bool(_TIME_END.search(words[j - 1])) or pair.endswith(_CADENCES)


def _split_rest(rest: str) -> tuple[str, str, str]:
    """(units, time, product) of the text after the task: the time is the longest run
    from a word that opens one to a word that can end one."""
    words = rest.split()
    for i in range(min(len(words), MAX_CELL_WORDS)):
        if not (words[i][:1].isupper() or words[i][:1].isdigit()):
            continue
        if not starts_like_deadline(" ".join(words[i : i + MAX_TIME_WORDS])):
            continue
        end = next(
            (
                j
                for j in range(min(len(words), i + MAX_TIME_WORDS), i, -1)
                if _ends_time(words, j) and is_deadline_cell(" ".join(words[i:j]))
            ),
            None,
        )
        if end is not None:
            return " ".join(words[:i]), " ".join(words[i:end]), " ".join(words[end:])
    return rest, "", ""
