"""Tables printed without separators: one cell (or one wrapped piece of a cell) a line.

The text layer of a Công báo PDF, and of any PDF whose table has no ruling
lines, gives a table as a stream of short lines: "TT / Tên nhiệm vụ / Cơ quan /
chủ trì / …" for the header, then for each row its number on a line of its own
and every cell wrapped over several lines, with nothing between the cells. The
cells are recovered from what they say, in the header's column order:

* a row starts at a line holding the next row number (or a Roman group number);
* the title runs until a line that starts a unit name (the unit lexicon) and does
  not continue the line before ("… của / Bộ Chính trị" continues it);
* the lead cell runs until another unit starts (the coordinators), the
  coordinators until a line that is not a unit, then the result columns until a
  line that starts a time expression (the deadline grammar), then the basis
  column ("Căn cứ") if the header has one;
* a unit after the last column starts a second result of the same row (rows with
  two results and two deadlines): its deadlines are added to the row's.

Two or more spaces inside a line are a column gap ("cơ quan ngang bộ  Bộ Tư
pháp"). Page headers are removed before (``strip_running_lines``); at a page's
top the repeated table header is skipped. All regexes here are linear-time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.deadlines import is_deadline_cell, starts_like_deadline
from knowledge.loaders._texttables import PAGE_NUMBER, RawRow, RawTable, open_end
from knowledge.units import is_office_holder, looks_like_unit
from knowledge.vietnamese import fold

PAGE_BREAK = "\f"  # what ``strip_running_lines`` leaves where a page header was

_STT = {"tt", "stt", "so tt", "s tt"}
_ROW_NUMBER = re.compile(r"^(\d{1,3})\.?(?:\s+(\S.*))?$")
_SUB_NUMBER = re.compile(r"^(\d{1,3})\.(\d{1,2})\.?(?:\s+(\S.*))?$")
_GROUP_NUMBER = re.compile(r"^([IVXL]{1,6})\.?(?:\s+(\S.*))?$")
_ROMANS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
] + [""]
_ROMAN_START = re.compile(r"^[IVX]{1,4}\s*/")  # "Quý" / "III/2026"
_GAP = re.compile(r"\S(?:\s{2,})\S")
_MAX_HEADER_LINES = 24
_MAX_HEADER_LINE = 40
_MAX_CELL_LINE = 75  # a longer line is prose after the table
_MAX_SHORT_UNIT_PIECE = 2  # "Các" / "Bộ," …: a piece this short is read with the lines after it
_BASIS_STARTS = (
    "nghi quyet", "nghi dinh", "chuong trinh", "ket luan", "quyet dinh", "chi thi", "luat ",
    "thong bao", "cong van", "van ban", "thong tu", "ke hoach", "de an", "hien phap",
)  # fmt: skip
_END = re.compile(r"^(?:phu luc\b|tm\.|kt\.|noi nhan\b|dieu \d)")


class Role:
    STT = "stt"
    TITLE = "title"
    LEAD = "lead"
    COORD = "coord"
    DUE = "due"
    BASIS = "basis"
    OTHER = "other"


def column_role(header: str) -> str:
    """The role of a table column from its header text (see ``Role``)."""
    return _role(header)


def _role(header: str) -> str:
    f = fold(header)
    if f.rstrip(".") in _STT:
        return Role.STT
    if "phoi hop" in f:
        return Role.COORD
    timed = "thoi" in f or "tien do" in f  # "Thời gian thực hiện", "Tiến độ thực hiện"
    if "chu tri" in f or "thuc hien" in f and not timed or "trach nhiem" in f:
        return Role.LEAD
    if any(w in f for w in ("thoi gian", "thoi han", "tien do", "hoan thanh")):
        return Role.DUE
    if "can cu" in f:
        return Role.BASIS
    # A schedule names its rows by what is inspected or worked on ("Công trình, đơn vị được
    # kiểm tra", "Công việc").
    title_words = ("nhiem vu", "noi dung", "hoat dong", "de an", "ten ", "cong viec")
    if any(w in f for w in title_words) or "duoc kiem tra" in f:
        return Role.TITLE
    return Role.OTHER


def _starts_upper(s: str) -> bool:
    t = s.lstrip("“\"'(*-–+• ")
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def _pieces(line: str) -> list[str]:
    """A line split at its column gaps (two or more spaces between words)."""
    s = line.strip()
    if not _GAP.search(s):
        return [s] if s else []
    return [p for p in re.split(r"\s{2,}", s) if p]


# A unit name goes on with its level or place ("Ủy ban nhân dân" / "Thành phố"): no
# second cell starts there.
_LEVEL_START = re.compile(r"^(?:thanh pho|tinh|xa|phuong|dac khu|trung uong|viet nam)\b")
_LIST_MARKS = ",;:(-–/&"


def joined_cells(piece: str) -> list[str]:
    """A line that holds a one-line cell and the first line of the next cell (how
    ``pdftotext -raw`` prints a row): "Sở Xây dựng Công an Thành phố;" is a lead and a
    coordinator, "Công an Thành phố Trong vòng 07" a unit and a deadline, "Quý III/2026
    Đề án trình …" a deadline and a result. Cut where a whole unit is followed by another
    unit or a time expression, or a whole time expression by a capital, with no list
    mark between."""
    words = piece.split()
    for k in range(1, len(words)):
        if not words[k][0].isupper() or words[k - 1][-1] in _LIST_MARKS:
            continue
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if _unit_then_next(head, rest) or _whole_deadline(head):
            return [head, *joined_cells(rest)]
    return [piece]


# The last word of a whole time expression: a figure, a Roman quarter, a cadence word.
_TIME_END = re.compile(r"[ivx]+|xuyen|tuc|nam|thang|quy|tuan|ky")


def _whole_deadline(head: str) -> bool:
    """ "Quý III/2026", "Thường xuyên": a time expression that ends where it is cut, not
    "2025 của" (a year inside a result's text)."""
    last = fold(head.split()[-1]).rstrip(".,;)")
    ends = any(ch.isdigit() for ch in last) or _TIME_END.fullmatch(last) is not None
    return ends and is_deadline_cell(head)


def _unit_then_next(head: str, rest: str) -> bool:
    if not looks_like_unit(head) or len(head.split()) < 2:
        return False
    if looks_like_unit(rest) and not _LEVEL_START.match(fold(rest)):
        return True
    return starts_like_deadline(rest)


# --- header ------------------------------------------------------------------------


def _in_capitals(text: str, words: int) -> bool:
    """The text is in capitals and has at least ``words`` words with letters (a group
    row's title, not "1" or "2026")."""
    lettered = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    return len(lettered) >= words and text.upper() == text


def _header_cells(lines: list[str]) -> list[str]:
    """Header lines -> cells: an upper-case line starts a cell, a lower-case one goes on."""
    cells: list[str] = []
    for line in lines:
        for piece in _stt_apart(_pieces(line)):
            # "Đơn vị phối hợp" / "(Bộ/ngành/địa phương)": a note in brackets goes on
            if cells and (not _starts_upper(piece) or piece.startswith("(")):
                cells[-1] += " " + piece
            else:
                cells.append(piece)
    return cells


def _stt_apart(pieces: list[str]) -> list[str]:
    """ "STT Nhiệm vụ": the number column's header and the next one printed on one line
    (``pdftotext -raw`` joins a one-line cell with the next cell's first line)."""
    if pieces and stt_led(pieces[0]):
        head, rest = pieces[0].split(None, 1)
        return [head, rest, *pieces[1:]]
    return pieces


def stt_led(line: str) -> bool:
    """ "STT Nhiệm vụ", "TT Nội dung": a header line opened by the number column's."""
    words = line.strip().split(None, 1)
    return (
        len(words) == 2
        and fold(words[0]).rstrip(".") in _STT
        and len(line.strip()) <= _MAX_HEADER_LINE
        and _role(words[1]) == Role.TITLE
    )


def find_header(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The column roles of a stacked header starting at ``start``, and its end.

    "TT" (or "STT") on its own line (or opening the next header cell's line), then short
    lines whose cells name at least a task column, a unit column and a time column, then
    the first row number."""
    first = lines[start].strip()
    if fold(first).rstrip(".") not in _STT and not stt_led(first):
        return None
    j = start + 1
    while j < len(lines) and j - start <= _MAX_HEADER_LINES:
        s = lines[j].strip()
        if _ROW_NUMBER.match(s) or _GROUP_NUMBER.match(s):
            break
        if len(s) > _MAX_HEADER_LINE or not s:
            return None
        j += 1
    else:
        return None
    roles = [_role(c) for c in _header_cells(lines[start:j])]
    needed = {Role.STT, Role.TITLE, Role.DUE}
    if not needed <= set(roles) or not {Role.LEAD, Role.COORD} & set(roles):
        return None
    return roles, j


# --- rows ----------------------------------------------------------------------------


@dataclass
class _Row:
    number: str
    line: int
    cells: dict[int, list[str]] = field(default_factory=dict)
    extra: list[dict[int, list[str]]] = field(default_factory=list)  # second results


class _ColumnReader:
    def __init__(self, lines: list[str], start: int, roles: list[str], body: int) -> None:
        self.lines = lines
        self.start = start
        self.roles = roles
        self.body = body
        self.header_lines = {fold(ln.strip()) for ln in lines[start:body] if ln.strip()}
        self.rows: list[_Row] = []
        self.col = 0
        self.reached = 0  # the furthest column the current row reached before a page break
        self.last_number = 0
        self.before_group = 0  # the last row number before the current group row
        self.last_sub = 0  # "2.1", "2.2": sub-rows of row 2
        self.groups = 0
        self.page_top = False

    def _index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    def run(self) -> RawTable:
        i = self.body
        n = len(self.lines)
        while i < n:
            raw = self.lines[i]
            s = raw.strip()
            if raw == PAGE_BREAK or (raw.startswith("\f") and (not s or PAGE_NUMBER.match(s))):
                self._page_break()  # a form feed, and the next page's number ("\f5")
                i += 1
                continue
            if not s:
                i += 1
                continue
            if self.page_top and fold(s) in self.header_lines:
                i += 1
                continue
            self.page_top = False
            if self._ends(s):
                break
            if not self._row_start(s, i):
                if not self.rows:
                    break
                self._add(s, i)
            i += 1
        return RawTable("columns", [self._raw(r) for r in self.rows], i)

    def _ends(self, s: str) -> bool:
        f = fold(s)
        if _END.match(f):
            return True
        if len(s) > _MAX_CELL_LINE and not self._just_opened() and not _GROUP_NUMBER.match(s):
            return True  # a group row's title spans the table ("III Tiếp tục …", "I" / "…")
        if fold(s).rstrip(".") in _STT and self.col != 0:
            return False
        if self._numbers_next_row(s) or (not self.rows and _ROW_NUMBER.match(s)):
            return False  # "1 KIỂM SOÁT PHÁT THẢI …": a group row in capitals, numbered
        return _in_capitals(s, 3) and not self._in_title()

    def _page_break(self) -> None:
        """A row cut by a page goes on at the next page's top column by column, from
        its title: the pointer goes back there (and remembers how far the row got)."""
        self.page_top = True
        if self.rows:
            self.reached = max(self.reached, self.col)
            self.col = self.roles.index(Role.TITLE)

    def _just_opened(self) -> bool:
        """The last row has only its number so far."""
        return bool(self.rows) and not self.rows[-1].cells and not self.rows[-1].extra

    def _in_title(self) -> bool:
        return bool(self.rows) and self.roles[self.col] == Role.TITLE

    def _row_start(self, s: str, i: int) -> bool:
        m = _ROW_NUMBER.match(s)
        if m and int(m.group(1)) in (*self._next_numbers(), 1):
            if m.group(1) == "1" and self.last_number and not self._row_complete():
                return False
            self.last_number, self.last_sub = int(m.group(1)), 0
            self._open(m.group(1), i, m.group(2))
            return True
        sub = _SUB_NUMBER.match(s)
        under = sub is not None and int(sub.group(1)) == self.last_number  # "2.1 …" of row 2
        if (
            sub is not None
            and under
            and int(sub.group(2)) == self.last_sub + 1
            and self._row_complete()
        ):
            self.last_sub += 1
            self._open(f"{sub.group(1)}.{sub.group(2)}", i, sub.group(3))
            return True
        g = _GROUP_NUMBER.match(s)
        if (
            g
            and g.group(1) == _ROMANS[self.groups]
            and (self._row_complete() or self._capitals_follow(g.group(2), i))
        ):
            self.groups += 1
            self.before_group = self.last_number or self.before_group
            self.last_number = 0
            self._open(g.group(1), i, g.group(2))
            return True
        return False

    def _capitals_follow(self, rest: str | None, i: int) -> bool:
        """ "IV" / "ỨNG DỤNG CÔNG NGHỆ …": a group row after a row with no time cell
        (a quarter's "Quý" / "IV" goes on with "/2026" or "năm 2026")."""
        title = rest or next((ln.strip() for ln in self.lines[i + 1 : i + 3] if ln.strip()), "")
        return _in_capitals(title, 2)

    def _next_numbers(self) -> tuple[int, ...]:
        """Under a group the numbers start again at 1 or run on from the last group's."""
        if self.last_number:
            return (self.last_number + 1,)
        return (1, self.before_group + 1) if self.before_group else (1,)

    def _numbers_next_row(self, s: str) -> bool:
        m = _ROW_NUMBER.match(s)
        if m and int(m.group(1)) in self._next_numbers():
            return True
        sub = _SUB_NUMBER.match(s)
        return sub is not None and int(sub.group(1)) == self.last_number

    def _row_complete(self) -> bool:
        """The current row has reached its deadline (or there is none yet)."""
        if not self.rows:
            return True
        due = self._index(Role.DUE)
        return due is None or max(self.col, self.reached) >= due or self._group_row()

    def _group_row(self) -> bool:
        """The current row is a group's heading in capitals ("1 KIỂM SOÁT PHÁT THẢI …"),
        with no unit or time cell of its own: its sub-rows ("1.1 …") may follow."""
        row = self.rows[-1]
        title = row.cells.get(self.roles.index(Role.TITLE), [])
        return len(row.cells) == 1 and _in_capitals(" ".join(title), 2)

    def _open(self, number: str, i: int, rest: str | None) -> None:
        self.rows.append(_Row(number, i + 1))
        self.col = self.roles.index(Role.TITLE)
        self.reached = 0
        if rest:
            for piece in _pieces(rest):
                self._cell(self.col).append(piece)

    def _cell(self, col: int) -> list[str]:
        row = self.rows[-1]
        target = row.extra[-1] if row.extra else row.cells
        return target.setdefault(col, [])

    def _add(self, s: str, i: int) -> None:
        pieces = _pieces(s)
        for k, piece in enumerate(pieces):
            rest = pieces[k + 1 :]
            forced = k > 0
            cells = joined_cells(piece)
            if len(cells) > 1 and self.roles[self.col] == Role.TITLE:
                # Inside the title a unit's name is text ("… của / Bộ Chính trị về …"):
                # the line holds two cells only if its first one ends the title.
                placed = self._cell(self.col)
                before = len(placed)
                self._place(cells[0], forced, self._ahead(cells[1:] + rest, i))
                if self.roles[self.col] == Role.TITLE:
                    del placed[before:]
                    cells = [piece]
                else:
                    cells, forced = cells[1:], True
            for n, cell in enumerate(cells):
                after = cells[n + 1 :] + rest
                ahead, peek = self._ahead(after, i), self._peek(after, i)
                self._place(cell, forced or n > 0, ahead, peek, apart=n > 0)

    def _peek(self, rest: list[str], i: int) -> str:
        """The next two lines whatever their case: a unit cell wrapped a word a line
        ("Các" / "Bộ," / "ngành, …") is known only with what follows."""
        out = list(rest)
        j = i + 1
        while j < len(self.lines) and len(out) < 2:
            s = self.lines[j].strip()
            if not s or self.lines[j] == PAGE_BREAK or self._numbers_next_row(s):
                break
            out.append(s)
            j += 1
        return " ".join(out)

    def _ahead(self, rest: list[str], i: int) -> str:
        """The piece with what continues it on the next lines (for the deadline test)."""
        out = list(rest)
        j = i + 1
        while j < len(self.lines) and len(out) < 3:
            s = self.lines[j].strip()
            if not s or self.lines[j] == PAGE_BREAK:
                break
            if _starts_upper(s) and not s[0].isdigit() and not _ROMAN_START.match(s):
                break
            if self._numbers_next_row(s):
                break  # "Thường xuyên" / "2.2 Theo dõi …": the next row starts
            out.extend(_pieces(s))
            j += 1
        return " ".join(out)

    def _place(
        self, piece: str, forced: bool, ahead: str, peek: str = "", apart: bool = False
    ) -> None:
        """``apart``: the piece was cut from the cell before it on the same line
        (``joined_cells``), so it starts a cell of its own."""
        cell = self._cell(self.col)
        if not cell or (not forced and (open_end(cell[-1], piece) or not _starts_upper(piece))):
            cell.append(piece)
            return
        window = f"{piece} {ahead}".strip()
        role = self.roles[self.col]
        if not apart and role == Role.DUE and self._due_goes_on(cell, piece, window):
            cell.append(piece)  # "Tháng" / "3/2026": the deadline goes on
            return
        if not apart and role in (Role.LEAD, Role.COORD) and _LEVEL_START.match(fold(piece)):
            cell.append(piece)  # "… công nghiệp" / "Thành phố": the unit's place goes on
            return
        # "Năm" / "2026" / "(sau khi Chính phủ …)": the time expression alone decides
        short = f"{piece} {ahead.split(' ', 1)[0]}".strip()
        unit = looks_like_unit(piece) or (
            len(piece.split()) <= _MAX_SHORT_UNIT_PIECE and looks_like_unit(f"{piece} {peek}")
        )
        self.col = self._next_col(piece, window, short, unit)
        self._cell(self.col).append(piece)

    def _due_goes_on(self, cell: list[str], piece: str, window: str) -> bool:
        """The deadline so far and the piece read as one time expression, unless the
        deadline is already whole, a result column follows and the piece is no time
        ("… tháng 11/2026" / "Biên bản kiểm tra")."""
        if not is_deadline_cell(" ".join([*cell, window])):
            return False
        if piece[0].isdigit() or starts_like_deadline(piece):
            return True  # "… đợt 2: tháng" / "11/2026"
        return not (self._after_due() and _whole_deadline(" ".join(cell)))

    def _next_col(self, piece: str, window: str, short: str, unit: bool) -> int:
        role = self.roles[self.col]
        lead, coord = self._index(Role.LEAD), self._index(Role.COORD)
        due, basis = self._index(Role.DUE), self._index(Role.BASIS)
        dated = is_deadline_cell(window) or bool(short) and is_deadline_cell(short)
        past_due = due is not None and self.reached >= due  # before a page break
        if role == Role.TITLE and unit and lead is not None and past_due:
            self.rows[-1].extra.append({})  # a unit starts a second result of the row
        if role == Role.TITLE and dated and due is not None and self.reached:
            return due  # a row cut by a page: its deadline went on at the next page's top
        if role == Role.TITLE:
            return lead if unit and lead is not None else self.col
        if role in (Role.DUE, Role.BASIS) and unit and not dated and lead is not None:
            self.rows[-1].extra.append({})  # a second result of the same row
            return lead
        if role == Role.DUE:
            if basis is not None and (fold(piece).startswith(_BASIS_STARTS) or not dated):
                return basis
            if (
                not dated
                and self._after_due()
                and starts_like_deadline(" ".join(self._cell(self.col)))
            ):
                return self.col + 1  # "Trước ngày 30/9/2026" / "Dữ liệu …": the result
            return self.col
        if role == Role.BASIS:
            return self.col
        if dated and due is not None and self.col < due:
            return due
        if role in (Role.LEAD, Role.COORD) and due is not None and starts_like_deadline(piece):
            return due  # "Công an tỉnh" / "Trong vòng 30" (/ "ngày kể từ …"): a deadline
        if role == Role.LEAD and unit and coord is not None and coord > self.col:
            return coord
        if role == Role.COORD and unit and not is_office_holder(piece) and self._list_goes_on():
            return self.col  # "Thanh" / "tra" / "Chính phủ," / "Bộ Công an,": one list
        nxt = self.col + 1
        while nxt < len(self.roles) and self.roles[nxt] in (Role.COORD,) and not unit:
            nxt += 1
        if due is not None and nxt >= due:
            return self.col  # stay: only a time expression opens the deadline
        return min(nxt, len(self.roles) - 1)

    def _after_due(self) -> bool:
        """A result column ("Sản phẩm") follows the deadline's."""
        due = self._index(Role.DUE)
        return due is not None and due + 1 < len(self.roles) and self.roles[due + 1] == Role.OTHER

    def _list_goes_on(self) -> bool:
        """The coordinator cell so far ends in a comma or a lone wrapped word ("Thanh" /
        "tra"): the next unit is one more of its list, not the next column's."""
        cell = self._cell(self.col)
        last = cell[-1].strip() if cell else ""
        return last.endswith(",") or len(last.split()) == 1

    def _raw(self, row: _Row) -> RawRow:
        cells: list[list[str]] = [[] for _ in self.roles]
        cells[0] = [row.number]
        for col, lines in row.cells.items():
            cells[col] = list(lines)
        for part in row.extra:  # a second result: its deadline and result are added
            for col, lines in part.items():
                if self.roles[col] in (Role.LEAD, Role.COORD) and cells[col]:
                    continue
                if cells[col]:
                    cells[col][-1] += ";"
                cells[col].extend(lines)
        return RawRow(cells, row.line)


def parse_column_table(lines: list[str], start: int) -> RawTable | None:
    """The table whose stacked header starts at ``start``, or None if there is none."""
    found = find_header(lines, start)
    if found is None:
        return None
    roles, body = found
    header = RawRow([[c] for c in _header_cells(lines[start:body])], start + 1)
    table = _ColumnReader(lines, start, roles, body).run()
    if not table.rows:
        return None
    table.rows.insert(0, header)
    table.header_rows = {0}
    return table


# --- page furniture ----------------------------------------------------------------

_FOOTNOTE = re.compile(r"^\d{1,2}\s+\S")
_STAMP = re.compile(r"^(?:Ký bởi|Cơ quan|Ngày ký|Thời gian ký)\s*:", re.IGNORECASE)
_MIN_REPEATS = 3
_MIN_TITLE = 30  # a running title under the page number is this long at least
_MIN_PAGE_LINES = 15  # and comes back no sooner than a page later
_MAX_FOOTNOTE_LINES = 12


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines repeated on many pages, each after a page break (an empty line or
    the file's start) and followed by a page number."""
    counts: dict[str, int] = {}
    for k, line in enumerate(lines[:-1]):
        s = line.strip()
        if k and lines[k - 1].strip():
            continue
        if 0 < len(s) <= 80 and PAGE_NUMBER.match(lines[k + 1]) and not PAGE_NUMBER.match(s):
            counts[s] = counts.get(s, 0) + 1
    return {s for s, c in counts.items() if c >= _MIN_REPEATS}


def _headers_after_numbers(lines: list[str]) -> set[str]:
    """A running title printed under the page number, in the middle of a paragraph
    that runs on across the page ("… trong" / "3" / "UBND tỉnh X - Kế hoạch …" /
    "năm 2026."). Only long lines under consecutive numbers a page apart count: a
    table's cells repeat beside its row numbers ("15" / "Thể chế hóa …")."""
    seen: dict[str, list[int]] = {}
    for k in range(1, len(lines)):
        s = lines[k].strip()
        if _MIN_TITLE <= len(s) <= 80 and PAGE_NUMBER.match(lines[k - 1]):
            seen.setdefault(s, []).append(k)
    return {s for s, at in seen.items() if _one_a_page(lines, at)}


def _one_a_page(lines: list[str], at: list[int]) -> bool:
    """Under the numbers of consecutive pages ("2", "3", "4"), a page apart."""
    if (
        len(at) < _MIN_REPEATS
        or min(b - a for a, b in zip(at, at[1:], strict=False)) < _MIN_PAGE_LINES
    ):
        return False
    pages = [int(re.sub(r"\D", "", lines[k - 1])) for k in at]
    return all(b == a + 1 for a, b in zip(pages, pages[1:], strict=False))


def strip_running_lines(lines: list[str]) -> list[str]:
    """Page headers (+ page number) -> one ``PAGE_BREAK`` line; footnotes and signing
    stamps at a page's foot dropped, so that text and rows run on across pages.

    The line count is kept (dropped lines become empty) so locators stay right."""
    heads = _running_headers(lines)
    under = _headers_after_numbers(lines)
    if not heads and not under:
        return lines
    out = list(lines)
    for k, line in enumerate(lines):
        if k and line.strip() in under and PAGE_NUMBER.match(lines[k - 1]):
            out[k - 1], out[k] = PAGE_BREAK, ""
    for k, line in enumerate(lines):
        if line.strip() not in heads or k + 1 >= len(lines) or not PAGE_NUMBER.match(lines[k + 1]):
            continue
        out[k], out[k + 1] = PAGE_BREAK, ""
        j = k + 2
        while j < len(lines) and not lines[j].strip() and lines[j]:
            out[j] = ""
            j += 1
        _drop_page_foot(lines, out, k)
    for k, line in enumerate(lines):
        if _STAMP.match(line.strip()) and k + 1 < len(lines) and _STAMP.match(lines[k + 1].strip()):
            out[k] = out[k + 1] = ""
            if k + 2 < len(lines) and _STAMP.match(lines[k + 2].strip()):
                out[k + 2] = ""
    return out


def _drop_page_foot(lines: list[str], out: list[str], head: int) -> None:
    """Footnotes: after a whitespace-only line, "1 Nghị quyết số …" up to the header."""
    j = head - 1
    while j >= 0 and head - j <= _MAX_FOOTNOTE_LINES:
        if lines[j] and not lines[j].strip():
            if j + 1 < head and _FOOTNOTE.match(lines[j + 1].strip()):
                for k in range(j, head):
                    out[k] = ""
            return
        j -= 1
