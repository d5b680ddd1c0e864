"""The table layouts found in plain-text plans, read into raw rows.

Four layouts occur (see the module functions):

* ``tab``: one row per line, cells separated by tabs (seeds 001, 002: exported from
  Word; the header line is repeated on every page, blank lines between pages);
* ``suffix``: a flattened HTML table where a line "|" starts a row and every cell
  is text ending in " |" (seed 004); empty cells are bare "|" and runs such as
  "|||" pad a row whose merged cells were dropped;
* ``cells``: a flattened HTML table with each cell's text on its own hard-wrapped
  lines, a line "|" between cells and two "|" lines between rows (the legal
  website corpus);
* ``markdown``: ``| a | b |`` lines, with or without a ``|---|`` separator.

Parsers return a ``RawTable`` (raw cell lines, no cleaning) and the index of the
first line after the table; ``rows_from_raw`` turns it into ``Row`` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.document import Locator, Row
from knowledge.loaders._markup import clean_cell_lines, is_all_bold
from knowledge.plan.tables import NONE_MARKS
from knowledge.vietnamese import fold

# A cell of the ``cells`` layout longer than this is prose that followed the table
# (the corpus sometimes has no blank line after a table).
_MAX_CELL_LINES = 30
# A ``suffix`` cell spans at most this many lines before its closing " |".
_MAX_SUFFIX_CONTINUATION = 4


@dataclass
class RawRow:
    cells: list[list[str]]  # each cell: its source lines (markup kept)
    line: int  # 1-based source line where the row starts


@dataclass
class RawTable:
    layout: str
    rows: list[RawRow]
    end: int  # index of the first line after the table
    header_rows: set[int] = field(default_factory=set)  # known header rows (markdown)


def is_pipes(s: str) -> bool:
    return bool(s) and s.strip("|") == ""


_ELISION = re.compile(r"^[….·\s]{5,}$")


def is_elision(s: str) -> bool:
    """A line of dots or ellipses that stands for omitted content."""
    return bool(_ELISION.match(s)) and any(ch in s for ch in ".…")


def is_tab_row(line: str) -> bool:
    return line.count("\t") >= 2 and bool(line.strip())


_MD_ROW = re.compile(r"^\|.*\|$")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


# Words a wrapped line ends with when the cell goes on ("… của" / "Bộ Chính trị").
OPEN_WORDS = {
    "và",
    "của",
    "các",
    "cơ",
    "với",
    "cho",
    "tại",
    "theo",
    "về",
    "trong",
    "những",
    "hoặc",
    "thuộc",
    "để",
    "từ",
    "đến",
    "là",
    "được",
    "trước",
    "ngày",
}  # fmt: skip  (compared with diacritics: "tải" is not "tại")

# A bare organization head ends no name: "… của Bộ" / "Tài chính", "Bộ" / "Nội" / "vụ".
OPEN_NAME_HEADS = {"Bộ", "Sở", "Ủy", "Uỷ", "Ban", "Phòng", "Cục"}


def open_end(s: str, piece: str = "") -> bool:
    t = s.rstrip()
    if not t or t[-1] in ",-–(“/":
        return True
    words = t.split()
    if words and words[-1].lower() == "số":
        # "… Nghị định số" / "123/…" goes on; "chuyển đổi số", "bản đồ số" end there.
        return piece[:1].isdigit()
    return bool(words) and (words[-1].lower() in OPEN_WORDS or words[-1] in OPEN_NAME_HEADS)


def is_markdown_row(s: str) -> bool:
    return bool(_MD_ROW.match(s)) and not is_pipes(s) and s.count("|") >= 3


# --- tab-separated -------------------------------------------------------------


def parse_tab_table(lines: list[str], start: int) -> RawTable:
    rows: list[RawRow] = []
    i = start
    end = start
    after_header = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if not is_tab_row(line) and "\t" not in line:
            break
        cells = line.split("\t")
        if rows and _completes_row(rows[-1], cells, len(rows[0].cells)):
            # A cell of several paragraphs broke its row over lines ("Đợt 1: …;" /
            # "Đợt 2: …\tDanh sách …"): the first piece goes on in the last cell.
            rows[-1].cells[-1].append(cells[0])
            rows[-1].cells.extend([c] for c in cells[1:])
        elif after_header and len(rows) >= 3 and not cells[0].strip():
            # The header again after a page break, then the cut row's tail: its cells
            # go on in the row before the header (which is dropped).
            while len(rows) > 2 and (_same_header(rows[0], rows[-1]) or _numbers_row(rows[-1])):
                rows.pop()
            cut = rows[-1].cells
            cut.extend([] for _ in range(len(cells) - len(cut)))  # cut inside its row
            for n, cell in enumerate(cells):
                if cell.strip():
                    cut[n].append(cell)
        else:
            rows.append(RawRow([[c] for c in cells], i + 1))
        numbers = all(_COLUMN_NUMBER.match(c.strip()) for c in cells if c.strip())
        # (the column numbers "(1) (2) …" may stand under the header again)
        after_header = len(rows) > 1 and (
            _same_header(rows[0], rows[-1]) or after_header and numbers
        )
        i += 1
        end = i
    return RawTable("tab", rows, end)


def _numbers_row(row: RawRow) -> bool:
    filled = [" ".join(c).strip() for c in row.cells if " ".join(c).strip()]
    return bool(filled) and all(_COLUMN_NUMBER.match(c) for c in filled)


def _completes_row(row: RawRow, cells: list[str], width: int) -> bool:
    """``cells`` are the rest of ``row``, cut where a cell's paragraph ended: together
    they make the table's width, and the rest opens with no row number."""
    if len(row.cells) >= width or len(row.cells) + len(cells) - 1 != width:
        return False
    first = cells[0].strip()
    return bool(first) and not re.match(r"^(?:\d{1,3}|[IVX]{1,4})\.?$", first)


def _same_header(header: RawRow, row: RawRow) -> bool:
    return _header_keys([" ".join(c) for c in header.cells]) == _header_keys(
        [" ".join(c) for c in row.cells]
    )


# --- markdown pipe table -----------------------------------------------------------


def _split_markdown(s: str) -> list[str]:
    inner = s.strip()[1:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def parse_markdown_table(lines: list[str], start: int) -> RawTable:
    rows: list[RawRow] = []
    headers: set[int] = set()
    i = start
    while i < len(lines):
        s = lines[i].strip()
        if _MD_SEPARATOR.match(s) and "-" in s and rows:
            headers.add(len(rows) - 1)
            i += 1
            continue
        if not is_markdown_row(s):
            resume = _goes_on_after_page(lines, i, rows)
            if resume is None:
                break
            i = resume
            continue
        cells = _split_markdown(s)
        if rows and _wraps_row(rows[-1], cells):
            for k, cell in enumerate(cells):
                if cell:
                    rows[-1].cells[k].append(cell)
        else:
            rows.append(RawRow([[c] for c in cells], i + 1))
        i += 1
    for row in rows:
        _merged_once(row)
    return RawTable("markdown", rows, i, headers)


def _merged_once(row: RawRow) -> None:
    """A cell merged across the row ("| 1 | QUẢN LÝ ĐỘI TÀU CÁ … | QUẢN LÝ ĐỘI TÀU CÁ … | …",
    as docling repeats it in every column it covers): its text once, the rest empty, as
    the document model gives merged cells."""
    texts = [" ".join(c) for c in row.cells[1:]]
    filled = [t for t in texts if t]
    if len(filled) < 2 or len(set(filled)) != 1 or len(filled) < len(texts) - 1:
        return
    first = next(k for k, t in enumerate(texts, start=1) if t)
    for k in range(first + 1, len(row.cells)):
        row.cells[k] = []


# A line that is only a page's number ("5", "- 5 -"); possessive: linear on blanks.
PAGE_NUMBER = re.compile(r"^\s*+[-–]?\s*+\d{1,4}\s*+[-–]?\s*+$")
_MAX_BREAK_LINES = 4


def _goes_on_after_page(lines: list[str], i: int, rows: list[RawRow]) -> int | None:
    """A table a converter cut at a page ("2" and blank lines between two pipe tables):
    the next table of the same width goes on with this one when its first row repeats
    the header, or is the cut row's tail (no number, its words going on). That row is
    taken (as the tail) or dropped (as the header); the line after its separator is where
    reading resumes. None when the table ends here."""
    k = i
    while k < len(lines) and k - i < _MAX_BREAK_LINES:
        s = lines[k].strip()
        if s and not PAGE_NUMBER.match(s):
            break
        k += 1
    if k == i or k + 1 >= len(lines) or not rows or not is_markdown_row(lines[k].strip()):
        return None
    if not _MD_SEPARATOR.match(lines[k + 1].strip()):
        return None
    cells = _split_markdown(lines[k].strip())
    if len(cells) != len(rows[0].cells):
        return None
    if _header_keys(cells) == _header_keys([" ".join(c) for c in rows[0].cells]):
        # The header again, at the new page's top; a row under it with no number is the
        # cut row's tail, whatever its case ("| | tại các bến … | | Ủy ban … | Quý III/2026 |").
        after = k + 2
        row = lines[after].strip() if after < len(lines) else ""
        tail = [_unmarked(c) for c in _split_markdown(row)] if is_markdown_row(row) else []
        if len(tail) == len(cells) and not tail[0] and any(tail) and any(rows[-1].cells[0]):
            for n, cell in enumerate(tail):
                if cell:
                    above = rows[-1].cells[n]
                    above[:] = [*(ln for ln in above if _unmarked(ln)), cell]
            return after + 1
        return after
    if not _wraps_row(rows[-1], cells):
        return None
    for n, cell in enumerate(cells):
        if cell:
            rows[-1].cells[n].append(cell)
    return k + 2


def _unmarked(cell: str) -> str:
    """A cell without the mark of one left empty ("–", as an HTML table's is written)."""
    return "" if cell.strip() in NONE_MARKS else cell


def _header_keys(cells: list[str]) -> list[str]:
    """A header's cells as words only: the page's number a converter put in one ("5<br>**Cơ
    quan chủ trì**"), their markup and where their lines broke make no other header."""
    texts = (re.sub(r"<br\s*/?>|\*\*|__", " ", c) for c in cells)
    return [" ".join(w for w in fold(t).split() if not w.isdigit()) for t in texts]


def _wraps_row(above: RawRow, cells: list[str]) -> bool:
    """A Word table saved as text prints each wrapped line of a row as a row of its
    own: no number, and its pieces mostly go on in lower case ("năm 2026 …" /
    "các xã, phường" / "31/3/2026"). A row with capitals in most cells is a row."""
    if len(cells) != len(above.cells) or cells[0] or not any(above.cells[0]):
        return False
    pieces = [c for c in cells[1:] if c]
    if not pieces or _BULLET.match(cells[1]):
        return False  # "- Xây dựng …": an activity of its own under the numbered row
    ends = [cell[-1] if cell else "" for cell in above.cells]
    going_on = sum(
        1
        for k, c in enumerate(cells)
        if c and k and (not c[0].isupper() or bool(ends[k]) and open_end(ends[k], c))
    )
    return 2 * going_on >= len(pieces)


_BULLET = re.compile(r"^[-+•]\s*[A-ZÀ-ỸĐ]")


# --- flattened HTML, cells ending in " |" (seed 004) -----------------------------


@dataclass
class _Token:
    kind: str  # "pipe" | "cell" | "cont"
    text: str
    line: int  # 0-based
    run: bool = False  # a pipe from a line holding several pipes ("||", "|||")


def _suffix_tokens(lines: list[str], start: int) -> list[_Token]:
    tokens: list[_Token] = []
    for i in range(start, len(lines)):
        s = lines[i].strip()
        if not s:
            break
        if is_pipes(s):
            tokens.extend(_Token("pipe", "", i, run=len(s) > 1) for _ in s)
        elif s.endswith("|"):
            body = s.rstrip("|")
            extra = len(s) - len(body) - 1
            tokens.append(_Token("cell", body.strip(), i))
            tokens.extend(_Token("pipe", "", i, run=True) for _ in range(extra))
        else:
            tokens.append(_Token("cont", s, i))
    return tokens


class _SuffixReader:
    """State machine over the tokens of a ``suffix`` table.

    Every row holds exactly ``width`` cell terminators (the converter pads rows
    whose merged cells were dropped with trailing "|" runs); the first row, whose
    width is not yet known, ends at the next lone "|" (the next row's start).
    """

    def __init__(self, tokens: list[_Token], start: int) -> None:
        self.tokens = tokens
        self.rows: list[RawRow] = []
        self.width: int | None = None
        self.cur: list[list[str]] | None = None
        self.row_line = start
        self.pending: list[_Token] = []
        self.end = start

    def run(self) -> RawTable:
        for tok in self.tokens:
            if not self._step(tok):
                break
        else:
            if self.pending:
                self.end = self.pending[0].line
            elif self.tokens:
                self.end = self.tokens[-1].line + 1
        self._close_row()
        return RawTable("suffix", self.rows, self.end)

    def _step(self, tok: _Token) -> bool:
        if self.cur is None:
            if tok.kind != "pipe":
                self.end = tok.line
                return False
            self.cur, self.row_line = [], tok.line + 1
            self.end = tok.line + 1
            return True
        if tok.kind == "cont":
            self.pending.append(tok)
            if len(self.pending) > _MAX_SUFFIX_CONTINUATION:
                self.end = self.pending[0].line
                self.pending = []
                return False
            return True
        self.end = tok.line + 1
        if tok.kind == "cell":
            self._add([*(p.text for p in self.pending), tok.text])
            self.pending = []
        elif self.pending:
            self._add([p.text for p in self.pending])
            self.pending = []
        elif self.width is None and self.cur and not tok.run:
            # First row: a lone "|" after some cells starts the next row.
            self._close_row()
            self.cur, self.row_line = [], tok.line + 1
            return True
        else:
            self._add([])
        if self.width is not None and len(self.cur) >= self.width:
            self._close_row()
            self.cur = None
        return True

    def _add(self, lines: list[str]) -> None:
        assert self.cur is not None
        self.cur.append(lines)

    def _close_row(self) -> None:
        if self.cur is None:
            return
        if self.width is None and self.cur:
            self.width = len(self.cur)
        # Trailing empty cells are the converter's padding for merged cells that
        # were dropped (which ones is not written down), so a row ends at its last
        # non-empty cell; the table reader places the cells by their content.
        cells = list(self.cur)
        while cells and not any(cells[-1]):
            cells.pop()
        if cells:
            self.rows.append(RawRow(cells, self.row_line))
        self.cur = None


def parse_suffix_table(lines: list[str], start: int) -> RawTable:
    return _SuffixReader(_suffix_tokens(lines, start), start).run()


# --- flattened HTML, one cell per line group (corpus) ----------------------------


_ROW_NUMBER_CELL = re.compile(
    r"^(?:\*\*)?(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-Z])\.?(?:\*\*)?$"
)


class _CellReader:
    """Cells separated by "|" lines, rows by two; see the module docstring.

    A run of k > 2 pipes is a row break plus k - 2 empty cells (filling the current
    row up to the table's width first). The table ends at a blank line, at a cell
    too long to be one, or at a lone "|" once a row is complete: the corpus closes
    a table with a single "|" that looks exactly like a cell separator.
    """

    def __init__(self, lines: list[str], start: int, width_hint: int | None = None) -> None:
        self.lines = lines
        self.start = start
        self.rows: list[RawRow] = []
        self.cur: list[list[str]] = []
        self.row_line = start + 1
        # The width of the table this one continues (after a page break), if any.
        self.widths: dict[int, int] = {width_hint: 2} if width_hint else {}

    def run(self) -> RawTable:
        lines, n = self.lines, len(self.lines)
        i = self._pipe_run_end(self.start)
        opener = self._count_pipes(self.start, i)
        self.cur = [[] for _ in range(opener - 1)]
        while i < n:
            s = lines[i].strip()
            if not s:
                break
            if is_pipes(s):
                j = self._pipe_run_end(i)
                if self._pipes(self._count_pipes(i, j), j):
                    i = j
                    break
                i = j
                continue
            if is_elision(s):
                # "….........": the page left rows out here; the rows after it go on
                self._close_row()
                i += 1
                continue
            j = i
            while j < n and lines[j].strip() and not is_pipes(lines[j].strip()):
                if is_elision(lines[j].strip()):
                    break
                j += 1
            if j - i > _MAX_CELL_LINES:
                break
            if not self.cur:
                self.row_line = i + 1
            self.cur.append([ln.strip() for ln in lines[i:j]])
            i = j
        self._close_row()
        return RawTable("cells", self.rows, i)

    def _pipe_run_end(self, i: int) -> int:
        while i < len(self.lines) and is_pipes(self.lines[i].strip()):
            i += 1
        return i

    def _count_pipes(self, i: int, j: int) -> int:
        return sum(len(self.lines[k].strip()) for k in range(i, j))

    def _pipes(self, k: int, next_line: int) -> bool:
        """Handle a run of ``k`` pipes; True when it closes the table."""
        if k == 1:
            if next_line < len(self.lines) and is_elision(self.lines[next_line].strip()):
                return False  # rows left out by the page, and more rows after them
            return self._row_complete() and self._run_after_text(next_line) < 2
        width = self._width()
        ahead = self._cells_ahead(next_line) if k == 2 and width else 0
        if k == 2 and width and len(self.cur) + 1 + ahead == width and not self._twin(ahead):
            # "31/12/2025 | | Đang thực hiện": an empty cell, not a row break.
            self.cur.append([])
            return False
        extra = k - 2
        widest = max(self.widths) if self.widths else 0
        fill = min(extra, max(0, widest - len(self.cur)))
        self.cur.extend([] for _ in range(fill))
        self._close_row()
        self.cur = [[] for _ in range(extra - fill)]
        self.row_line = next_line + 1
        return False

    def _twin(self, ahead: int) -> bool:
        """Two short rows of the same shape, neither starting with a row number: the
        items a merged cell spans ("- Rà soát … | - Bộ công cụ … | Giai đoạn …"
        twice), so the two pipes end a row."""
        first = " ".join(self.cur[0]).strip() if self.cur else ""
        return ahead == len(self.cur) >= 2 and not _ROW_NUMBER_CELL.match(first)

    def _run_after_text(self, i: int) -> int:
        """Pipes after the text segment starting at line ``i`` (0 at a blank line or the end).

        A row wider than the table ("5.1 | | Thương mại | | | |") goes on with a
        cell followed by a row break; after the table's closing "|" comes prose
        and then, at most, the single "|" that opens the next table.
        """
        lines = self.lines
        while i < len(lines) and lines[i].strip() and not is_pipes(lines[i].strip()):
            i += 1
        return self._count_pipes(i, self._pipe_run_end(i))

    def _cells_ahead(self, i: int) -> int:
        """Text cells from line ``i`` up to the next row break (or the table's end)."""
        count = 0
        lines = self.lines
        while i < len(lines):
            s = lines[i].strip()
            if not s:
                break
            if is_pipes(s):
                j = self._pipe_run_end(i)
                if self._count_pipes(i, j) > 1:
                    break
                i = j
                continue
            count += 1
            while i < len(lines) and lines[i].strip() and not is_pipes(lines[i].strip()):
                i += 1
        return count

    def _width(self) -> int | None:
        """The table's width once at least two complete rows share the widest width."""
        if not self.widths:
            return None
        widest = max(self.widths)
        # Two-cell rows are group rows ("A | PHÁT TRIỂN …") or layout tables, not
        # evidence of the table's width.
        return widest if widest >= 3 and self.widths[widest] >= 2 else None

    def _row_complete(self) -> bool:
        if self.cur and _first_word(self.cur[0]).startswith("noi nhan"):
            return len(self.cur) >= 2  # the signature block: "Nơi nhận | chức vụ, tên"
        width = self._width()
        return width is not None and len(self.cur) >= width

    def _close_row(self) -> None:
        if self.cur and any(self.cur):
            if self.rows and _totals(self.rows[-1].cells, self.cur):
                # "Tổng cộng | | | | 732": the empty cells between the label and its
                # figure looked like a row break; the figure is the label's row
                self.rows[-1].cells.extend(self.cur)
            else:
                self.rows.append(RawRow(self.cur, self.row_line))
                self.widths[len(self.cur)] = self.widths.get(len(self.cur), 0) + 1
        self.cur = []


# The label of a table's total row: "Tổng cộng", "Tổng số", "Cộng".
_TOTAL_LABEL = re.compile(r"^(?:tong cong|tong so|tong|cong)$")
_FIGURE = re.compile(r"^[\d.,%]+$")


def _totals(label_row: list[list[str]], figures: list[list[str]]) -> bool:
    """A row holding only a total's label, and a row of figures only after it."""
    labels = [fold(clean_cell_lines(c)).strip(" :") for c in label_row if any(c)]
    values = [clean_cell_lines(c).strip() for c in figures if any(c)]
    return (
        len(labels) == 1
        and _TOTAL_LABEL.match(labels[0]) is not None
        and bool(values)
        and all(_FIGURE.match(v) for v in values)
    )


def _first_word(cell: list[str]) -> str:
    return fold(clean_cell_lines(cell[:1])).lstrip("-* ")


def parse_cell_table(lines: list[str], start: int, width_hint: int | None = None) -> RawTable:
    return _CellReader(lines, start, width_hint).run()


# --- raw rows -> Row --------------------------------------------------------------

_STT = {"stt", "tt", "s/t", "so tt", "so thu tu", "s tt", "stt."}
_HEADER_WORDS = (
    "noi dung",
    "nhiem vu",
    "don vi",
    "chu tri",
    "phoi hop",
    "thoi gian",
    "thoi han",
    "tien do",
    "san pham",
    "ket qua",
    "kinh phi",
    "co quan",
    "trach nhiem",
    "ten thu tuc",
    "chi tieu",
    "hoat dong",
    "muc tieu",
    "ghi chu",
    "giai phap",
    "van ban",
    "linh vuc",
)


_COLUMN_NUMBER = re.compile(r"^\(?(?:[A-Z]|\d{1,2})\)?$")


def _is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if not filled:
        return False
    if len(filled) >= 3 and all(_COLUMN_NUMBER.match(c.strip()) for c in filled):
        return True  # the header's column numbers: "A | B | 1 | 2 | 3 | 4"
    first = fold(cells[0]).rstrip(".")
    if first in _STT:
        return True
    if any(re.match(r"^\d", c) for c in filled):
        return False
    # "- Quy chế phối hợp được ban hành." is content: a bullet or a sentence names no column
    hits = sum(
        1
        for c in filled
        if len(c) < 60
        and not c.lstrip("*").startswith(("-", "+"))
        and not c.rstrip("*").endswith(".")
        and any(w in fold(c) for w in _HEADER_WORDS)
    )
    return hits >= 2 and hits >= len(filled) - 1


def _is_subheader(header: list[str], cells: list[str]) -> bool:
    """The second line of a two-line header ("", "", "Đơn vị chủ trì", "Đơn vị phối hợp")."""
    if not cells or cells[0] or not any(cells):
        return False
    under_gap = any(
        c and (j >= len(header) or not header[j] or (j > 0 and not header[j - 1]))
        for j, c in enumerate(cells)
    )
    short = all(len(c) < 50 and not re.match(r"^\d", c) for c in cells if c)
    return under_gap and short and any(w in fold(" ".join(cells)) for w in _HEADER_WORDS)


def _merge_header(header: list[str], sub: list[str]) -> list[str]:
    width = max(len(header), len(sub))
    merged = []
    for j in range(width):
        top = header[j] if j < len(header) else ""
        low = sub[j] if j < len(sub) else ""
        merged.append(low or top)
    return merged


def _row_bold(raw: RawRow) -> bool:
    texts = [" ".join(c).strip() for c in raw.cells]
    long = [t for t in texts if len(clean_cell_lines([t])) > 5]
    return bool(long) and all(is_all_bold(t) for t in long)


def rows_from_raw(table: RawTable, index: int) -> list[Row]:
    """Clean cells and flag header and bold rows (see ``merge_two_line_headers``)."""
    rows = [
        Row(
            cells=[clean_cell_lines(c) for c in raw.cells],
            locator=Locator(table=index, line=raw.line),
            is_header=False,
            bold=_row_bold(raw),
        )
        for raw in table.rows
    ]
    for k, row in enumerate(rows):
        row.is_header = k in table.header_rows or _is_header(row.cells)
    return merge_two_line_headers(rows, index)


def merge_two_line_headers(rows: list[Row], index: int) -> list[Row]:
    """Fold a header's second line into it and number the rows 1..n.

    "STT | Nhiệm vụ | Trách nhiệm | | Thời gian" over "| | Chủ trì | Phối hợp |"
    (a cell spanning two columns above the two it covers) becomes one header
    row "STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian".
    """
    out: list[Row] = []
    for row in rows:
        previous = out[-1] if out else None
        if previous is not None and previous.is_header and _is_subheader(previous.cells, row.cells):
            previous.cells = _merge_header(previous.cells, row.cells)
            continue
        out.append(row)
    for k, row in enumerate(out, start=1):
        row.locator = Locator(page=row.locator.page, table=index, row=k, line=row.locator.line)
    return out
