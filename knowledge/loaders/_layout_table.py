"""Tables printed as fixed-width text (``pdftotext -layout``, a Word table saved as text).

Each column keeps its own horizontal band: a header line "STT   Nhiệm vụ   Chủ trì
Phối hợp   Thời gian", perhaps wrapped header lines and a line of sub-columns under a
spanning header ("Quý I  Quý II  Quý III  Quý IV"), then rows whose cells wrap in
place, each line of a row carrying one piece of several cells. So a row starts
where the STT band holds a row number ("1", "1.2", "A", "IV") and the lines after
it, up to the next row, add their pieces to the cells whose header band they lie
under. Page numbers, form feeds and the header repeated at a page's top are
skipped; a line with text in the STT band that is no row number ends the table.

A piece belongs to the header it overlaps most, or to the nearest one when it
overlaps none (headers are often centred over wider cells); a piece that runs over
two headers because a single space separated two cells is cut at the word where
the later header starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.loaders._columns import Role, column_role
from knowledge.loaders._texttables import RawRow, RawTable
from knowledge.vietnamese import fold

_STT = {"tt", "stt", "so tt", "s tt"}
_PIECE = re.compile(r"\S+(?: \S+)*")  # runs of words separated by single spaces
_WORD = re.compile(r"\S+")
_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[A-ZĐ]|[IVXL]{1,6})[.)]?$")
_PAGE_NO = re.compile(r"^\s*+(?:-\s*+)?\d{1,4}(?:\s*+-)?\s*+$")
# A timeline column's name ("Quý II", "Tháng 7", "2027"); the PDF reader uses it too.
PERIOD_LABEL = re.compile(r"(?:Quý|QUÝ|Tháng|THÁNG)\s+(?:[IVX]{1,3}|\d{1,2})|(?:19|20)\d\d")
_PERIODS = re.compile(rf"(?:{PERIOD_LABEL.pattern})(?:\s(?:{PERIOD_LABEL.pattern}))+")
_MARKS = re.compile(r"[xX✓✔•+*](?:\s[xX✓✔•+*])+")
_MAX_HEADER_ABOVE = 2
_MAX_HEADER_BELOW = 4
_MAX_HEADER_PIECE = 48
_MIN_COLUMNS = 3


@dataclass
class _Piece:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class _Column:
    start: int
    end: int
    text: str
    sub: bool = False  # a sub-column under a spanning header ("Quý II")


def _pieces(line: str) -> list[_Piece]:
    text = line.replace("\f", " ").expandtabs(8)
    out: list[_Piece] = []
    for m in _PIECE.finditer(text):
        # Quarter names or ticks a single space apart ("Quý II Quý III", "x x") are
        # still one column each.
        runs = PERIOD_LABEL.findall(m.group()) if _PERIODS.fullmatch(m.group()) else []
        if _MARKS.fullmatch(m.group()):
            runs = m.group().split()
        if len(runs) < 2:
            out.append(_Piece(m.start(), m.group()))
            continue
        at = m.start()
        for run in runs:
            at = text.index(run, at)
            out.append(_Piece(at, run))
            at += len(run)
    return out


def _is_stt(text: str) -> bool:
    return fold(text).rstrip(".:") in _STT


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _nearest(piece: _Piece, columns: list[_Column]) -> int:
    overlaps = [_overlap(piece.start, piece.end, c.start, c.end) for c in columns]
    best = max(range(len(columns)), key=lambda k: overlaps[k])
    if overlaps[best] > 0:
        return best

    def distance(k: int) -> int:
        c = columns[k]
        return c.start - piece.end if piece.end <= c.start else piece.start - c.end

    return min(range(len(columns)), key=distance)


def _place(piece: _Piece, columns: list[_Column]) -> list[tuple[int, str]]:
    """``piece`` as (column, text) parts: one part, or several when it runs over
    the start of a later column's header."""
    covered = [
        k for k, c in enumerate(columns) if _overlap(piece.start, piece.end, c.start, c.end) > 0
    ]
    if len(covered) <= 1:
        return [(_nearest(piece, columns), piece.text)]
    words = [(piece.start + m.start(), m.group()) for m in _WORD.finditer(piece.text)]
    parts: list[tuple[int, str]] = []
    col = covered[0]
    for pos, word in words:
        while col + 1 < len(columns) and col + 1 in covered and pos >= columns[col + 1].start:
            col += 1
        if parts and parts[-1][0] == col:
            parts[-1] = (col, parts[-1][1] + " " + word)
        else:
            parts.append((col, word))
    return parts


class _Header:
    """The columns of a header found at line ``at``, and the line after it."""

    def __init__(self, lines: list[str], at: int) -> None:
        first = _pieces(lines[at])
        self.columns = [_Column(p.start, p.end, p.text) for p in first]
        self.top: list[str] = [c.text for c in self.columns]
        self.words = {fold(p.text) for p in first}
        self._above(lines, at)
        self.end = self._below(lines, at + 1)

    def _above(self, lines: list[str], at: int) -> None:
        """Header words printed above the STT line (a vertically centred header)."""
        k = at - 1
        while k >= 0 and at - k <= _MAX_HEADER_ABOVE and lines[k].strip():
            pieces = _pieces(lines[k])
            if len(pieces) < 2 or any(len(p.text) > _MAX_HEADER_PIECE for p in pieces):
                return
            for p in pieces:
                col = _nearest(p, self.columns)
                self.top[col] = f"{p.text} {self.top[col]}"
                self.words.add(fold(p.text))
            k -= 1

    def _below(self, lines: list[str], j: int) -> int:
        """Wrapped header words and sub-columns, up to the first row."""
        taken = 0
        while j < len(lines) and taken < _MAX_HEADER_BELOW:
            if not lines[j].strip() or _PAGE_NO.match(lines[j]):
                j += 1
                continue
            pieces = _pieces(lines[j])
            if _MARKER.match(pieces[0].text) or any(
                len(p.text) > _MAX_HEADER_PIECE for p in pieces
            ):
                return j
            self._merge_line(pieces)
            taken += 1
            j += 1
        return j

    def _merge_line(self, pieces: list[_Piece]) -> None:
        owners = [_nearest(p, self.columns) for p in pieces]
        for col in sorted(set(owners), reverse=True):
            mine = [p for p, o in zip(pieces, owners, strict=True) if o == col]
            if len(mine) >= 2 and not self.columns[col].sub:
                self._split(col, mine)
            else:
                for p in mine:
                    self.top[col] = f"{self.top[col]} {p.text}"
                    self.words.add(fold(p.text))

    def _split(self, col: int, subs: list[_Piece]) -> None:
        """A spanning header over sub-columns: the parent's text stays on the first."""
        parent = self.top[col]
        new = [_Column(p.start, p.end, p.text, sub=True) for p in subs]
        self.columns[col : col + 1] = new
        self.top[col : col + 1] = [parent] + [""] * (len(new) - 1)
        self.words.update(fold(p.text) for p in subs)

    def rows(self) -> list[RawRow]:
        """The header as table rows: the column names, then the sub-columns if any."""
        out = [RawRow([[t] for t in self.top], 0)]
        if any(c.sub for c in self.columns):
            out.append(RawRow([[c.text if c.sub else ""] for c in self.columns], 0))
        return out


def _is_header_line(lines: list[str], i: int) -> bool:
    pieces = _pieces(lines[i])
    if len(pieces) < _MIN_COLUMNS or not _is_stt(pieces[0].text):
        return False
    roles = {column_role(p.text) for p in pieces[1:]}
    return Role.TITLE in roles and bool({Role.LEAD, Role.DUE} & roles)


def parse_layout_table(lines: list[str], start: int) -> RawTable | None:
    """The fixed-width table whose header line is ``lines[start]``, or None."""
    if not _is_header_line(lines, start):
        return None
    header = _Header(lines, start)
    header.columns = _cell_bands(lines, header) or header.columns
    reader = _RowReader(header)
    end = reader.read(lines, header.end)
    if not reader.rows:
        return None
    top = header.rows()
    for k, row in enumerate(top):
        row.line = start + 1 + k
    rows = top + reader.rows
    return RawTable("layout", rows, end, header_rows=set(range(len(top))))


# Lines read after the header to find where the cells start, and how often a start
# must recur to be a column's left edge rather than a word after a doubled space.
_EDGE_LINES = 60
_MIN_EDGE_SHARE = 0.12
_EDGE_SLACK = 1  # pdftotext puts a column's lines one character apart at times


def _cell_bands(lines: list[str], header: _Header) -> list[_Column] | None:
    """Columns from where the cells start when the header words are centred over them.

    A Word table printed by ``pdftotext -layout`` left-aligns its cells and centres its
    header: "Nhiệm vụ" stands in the middle of a band whose text starts far to its left,
    so a wrapped line of a task's name would fall nearer the STT column. The left edges
    that recur over the table's lines are the true column starts; each band takes the
    header it overlaps most. None unless every header gets exactly one band, in order.
    """
    if any(c.sub for c in header.columns):
        return None  # a timeline's ticks sit centred in their quarter: no left edges
    starts: dict[int, int] = {}
    read = 0
    for line in lines[header.end : header.end + _EDGE_LINES]:
        if not line.strip() or _PAGE_NO.match(line):
            continue
        read += 1
        for piece in _pieces(line):
            starts[piece.start] = starts.get(piece.start, 0) + 1
    edges = _edges(starts, max(3, int(read * _MIN_EDGE_SHARE)))
    if len(edges) != len(header.columns):
        return None
    bands = [(e, nxt) for e, nxt in zip(edges, [*edges[1:], 10_000], strict=True)]
    columns = header.columns
    for k, (b0, b1) in enumerate(bands):
        best = max(
            range(len(columns)), key=lambda c: _overlap(b0, b1, columns[c].start, columns[c].end)
        )
        if best != k:
            return None
    return [_Column(b0, b1 - 2, c.text, c.sub) for (b0, b1), c in zip(bands, columns, strict=True)]


def _edges(starts: dict[int, int], least: int) -> list[int]:
    """Recurring start positions, neighbours within ``_EDGE_SLACK`` counted as one."""
    edges: list[int] = []
    counts: list[int] = []
    for pos in sorted(starts):
        if edges and pos - edges[-1] <= _EDGE_SLACK:
            counts[-1] += starts[pos]
            continue
        edges.append(pos)
        counts.append(starts[pos])
    return [e for e, n in zip(edges, counts, strict=True) if n >= least]


def _marker_kind(marker: str) -> str:
    text = marker.rstrip(".)")
    if re.fullmatch(r"[IVXL]+", text):
        return "roman"
    return "letter" if re.fullmatch(r"[A-ZĐ]", text) else "arabic"


class _RowReader:
    def __init__(self, header: _Header) -> None:
        self.header = header
        self.columns = header.columns
        self.rows: list[RawRow] = []
        self.in_repeat = False  # inside a header repeated at a page's top
        self.kinds: set[str] = set()  # the kinds of row numbers seen ("roman", "arabic", …)

    def _heading_after(self, marker: str, rest: list[str]) -> bool:
        """ "III. TỔ CHỨC THỰC HIỆN" after rows numbered 1.1, 2.2: the document's next
        section, not a row (a table's own group rows "A", "B" number alike from its start)."""
        words = " ".join(rest).split()
        return (
            bool(self.rows)
            and _marker_kind(marker) not in self.kinds
            and len(words) >= 2
            and " ".join(words).isupper()
        )

    def read(self, lines: list[str], j: int) -> int:
        while j < len(lines):
            line = lines[j]
            if not line.strip() or _PAGE_NO.match(line):
                j += 1
                continue
            if not self._take(_pieces(line), j):
                return j
            j += 1
        return j

    def _take(self, pieces: list[_Piece], j: int) -> bool:
        """Add one line to the table; False when it is no longer the table's."""
        placed = [part for p in pieces for part in _place(p, self.columns)]
        if (
            len(pieces) == 2
            and len({col for col, _ in placed[1:]}) > 1
            and _MARKER.match(pieces[0].text)
        ):
            # "1     Cải thiện chỉ số …" in one run over every band: a group row's title
            placed = [(0, pieces[0].text), (1, pieces[1].text)]
        stt = [text for col, text in placed if col == 0]
        if stt and _is_stt(stt[0]):
            self.in_repeat = True  # the header again, at a new page
            return True
        if stt and _MARKER.match(stt[0]):
            if self._heading_after(stt[0], [text for col, text in placed if col]):
                return False
            self.in_repeat = False
            self.kinds.add(_marker_kind(stt[0]))
            self.rows.append(RawRow([[] for _ in self.columns], j + 1))
        elif stt:
            return False  # prose (or "Nơi nhận") after the table
        elif self.in_repeat and self._header_words(placed):
            return True
        elif not self.rows:
            return False
        for col, text in placed:
            self.rows[-1].cells[col].append(text)
        return True

    def _header_words(self, placed: list[tuple[int, str]]) -> bool:
        return all(fold(text) in self.header.words for _, text in placed)
