"""PDF files with a text layer -> ``Document`` (pdfplumber).

Each page gives its ruled tables (``find_tables``) and the text outside them,
grouped into paragraphs, in top-to-bottom order; table text is therefore never
repeated as paragraphs. A table that runs on at the top of the next page with the
same number of columns is merged into one ``Table``; the continuation's repeated
header rows are dropped (they would only be noise for the table parser), and a
row split by the page break stays as its own row (usually with an empty STT cell)
for the table parser to join. Rows keep the page they were printed on.

PDFs without any text layer are scans: they raise ``DocumentError(SCANNED_PDF)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from knowledge import limits, texts
from knowledge.document import Block, Document, DocumentError, Locator, Row, Table
from knowledge.loaders._layout_table import PERIOD_LABEL
from knowledge.loaders.cleaning import clean_line, clean_text
from knowledge.vietnamese import fold

# A line that starts a new item: bullets, "1.", "a)", "II.", "3.18 …".
_ITEM_START = re.compile(
    r"^(?:[-+•*–—▪●◦]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s|\d{1,3}(?:\.\d{1,3})+\s|[a-zđ][)]\s"
    r"|[IVXLC]{1,6}[.)]\s)"
)
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?$", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_MARGIN = 0.06  # top/bottom band (share of page height, ~1.8 cm on A4) of headers and footers
_REPEAT_HEADER_ROWS = 3  # how many leading rows a continuation may repeat


def load_pdf(path: Path, name: str) -> Document:
    """Read a text-layer PDF; raise ``DocumentError`` for broken, locked or scanned files."""
    _check_signature(path, name)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise _open_error(exc, name) from exc
    with pdf:
        try:
            limits.check_pages(len(pdf.pages), name)
            pages = [_timed(_read_page, page) for page in pdf.pages]
        except DocumentError:
            raise
        except Exception as exc:  # damaged content streams surface only while reading
            raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=".pdf")) from exc
    warnings = _check_text_layer(pages, name)
    _drop_running_lines(pages)
    blocks = _assemble(pages)
    return Document(source=name, blocks=blocks, format="pdf", pages=len(pages), warnings=warnings)


def _timed(read: Callable[[Any], _Page], page: Any) -> _Page:
    limits.check_time()
    return read(page)


def _check_signature(path: Path, name: str) -> None:
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=".pdf"))


def _open_error(exc: Exception, name: str) -> DocumentError:
    causes = [*getattr(exc, "args", ()), exc.__cause__, exc]
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
        return DocumentError(texts.ENCRYPTED_PDF.format(name=name))
    return DocumentError(texts.BROKEN_FILE.format(name=name, ext=".pdf"))


def _check_text_layer(pages: Sequence[_Page], name: str) -> list[str]:
    if not any(p.has_text for p in pages):
        if any(p.has_images for p in pages):
            raise DocumentError(texts.SCANNED_PDF.format(name=name))
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    scanned = [str(p.number) for p in pages if not p.has_text and p.has_images]
    if scanned:
        return [texts.SCANNED_PAGES.format(name=name, pages=", ".join(scanned))]
    return []


# --- one page ----------------------------------------------------------------------


@dataclass
class _Segment:
    """Words on one visual line, between wide gaps (a column of a letterhead)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Piece:
    """A paragraph or a table on a page, with its vertical position."""

    top: float
    block: Block | None = None
    rows: list[list[str]] = field(default_factory=list)
    # A paragraph in the top/bottom band (running header or footer): it does not
    # end a table that continues on the next page.
    margin: bool = False


@dataclass
class _Page:
    number: int
    pieces: list[_Piece]
    has_text: bool
    has_images: bool


def _read_page(page: Any) -> _Page:
    page = page.dedupe_chars()
    has_text = any(c.get("text", "").strip() for c in page.chars)
    tables = [(t, t.extract()) for t in page.find_tables()]
    # A ruled box around a single column is a frame, not a table: read it as text.
    tables = [(t, raw) for t, raw in tables if raw and max(len(r) for r in raw) >= 2]
    pieces = [_Piece(top=t.bbox[1], rows=_table_rows(raw)) for t, raw in tables]
    text_page = page.filter(_outside([t.bbox for t, _ in tables]))
    lines = _lines(text_page.extract_words(extra_attrs=["fontname", "size"]))
    lines = [ln for ln in lines if not _is_page_number(ln, float(page.height))]
    lines, unruled = _unruled_table(lines)
    pieces += unruled
    located = Locator(page=page.page_number)
    height = float(page.height)
    pieces += [
        _Piece(top, block=b, margin=not height * _MARGIN < top < height * (1 - _MARGIN))
        for top, b in _paragraphs(lines, located)
    ]
    pieces = [p for p in pieces if p.block is not None or p.rows]
    pieces.sort(key=lambda p: p.top)
    return _Page(page.page_number, pieces, has_text, bool(page.images))


# --- tables without ruling lines --------------------------------------------------


def _unruled_table(lines: list[list[_Segment]]) -> tuple[list[list[_Segment]], list[_Piece]]:
    """A table printed without lines: its header line ("STT  Nội dung  Cơ quan chủ trì
    …", one segment per column) gives the columns' left edges, and every later
    segment goes to the column it starts in; a number in the first column starts a
    row. The table ends at a line that runs across the columns (prose again).
    Returns the lines left for paragraphs and the table piece, if any."""
    split = [_split_lead(line) for line in lines]
    k = next((i for i, line in enumerate(split) if _header_line(line)), None)
    if k is None:
        return lines, []  # no such table: the lines stay as they were printed
    original, lines = lines, split
    edges = [seg.x0 for seg in lines[k]]
    rows: list[list[str]] = [[seg.text for seg in lines[k]]]
    first = k + 1
    if first < len(lines) and (sub := _sub_columns(lines[k], lines[first])) is not None:
        edges, rows = sub
        first += 1
    heads = len(rows)
    end = len(lines)
    for j in range(first, len(lines)):
        line = lines[j]
        if _across(line, edges):
            end = j
            break
        cells = {_column(seg, edges): seg.text for seg in line}
        lead = cells.get(0, "")
        starts = bool(_ROW_NUMBER.match(lead)) or (
            len(rows) == heads and not _ROW_NUMBER.match(lead)
        )
        if (
            len(rows) == heads
            and not lead
            and all(not _ROW_NUMBER.match(t) for t in cells.values())
        ):
            starts = False  # the header's second line ("chủ trì" under "Cơ quan")
        if starts and (lead or len(rows) > heads):
            rows.append([""] * len(edges))
        for col, text in cells.items():
            row = rows[-1]
            row[col] = f"{row[col]} {text}".strip()
    if len(rows) < 2:
        return original, []
    piece = _Piece(top=lines[k][0].top, rows=[[clean_text(c) for c in r] for r in rows])
    return original[:k] + original[end:], [piece]


def _sub_columns(
    header: list[_Segment], below: list[_Segment]
) -> tuple[list[float], list[list[str]]] | None:
    """ "Quý I  Quý II  Quý III  Quý IV" under a spanning "Thời gian thực hiện năm 2026":
    the columns the header splits into (edges), and the two header rows, the
    spanning text over the first sub-column as a Word grid repeats it."""
    labels: list[tuple[float, str]] = []
    for seg in below:
        found = list(PERIOD_LABEL.finditer(seg.text))
        if not found or PERIOD_LABEL.sub("", seg.text).strip():
            return None  # a line of other words: a wrapped header, not sub-columns
        width = (seg.x1 - seg.x0) / max(1, len(seg.text))
        labels.extend((seg.x0 + m.start() * width, m.group()) for m in found)
    if len(labels) < 2:
        return None
    start = labels[0][0] - 1.5 * below[0].size
    kept = [seg for seg in header if seg.x0 < start]
    spanning = " ".join(seg.text for seg in header if seg.x0 >= start)
    edges = [seg.x0 for seg in kept] + [x for x, _ in labels]
    top = [seg.text for seg in kept] + [spanning] + [""] * (len(labels) - 1)
    sub = [""] * len(kept) + [text for _, text in labels]
    return edges, [top, sub]


_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[IVX]{1,5})\.?$")
_LEAD_TOKEN = re.compile(r"^(STT|TT|\d{1,3}\.?|[IVX]{1,5}\.)\s+(\S.*)$")


def _split_lead(line: list[_Segment]) -> list[_Segment]:
    """ "1 Lập danh mục …" / "STT Nội dung": the narrow first column sits too close to
    the next one for a gap; split its token off (x estimated from the text length)."""
    if not line or not (m := _LEAD_TOKEN.match(line[0].text)):
        return line
    seg = line[0]
    share = (len(m.group(1)) + 1) / max(1, len(seg.text))
    x = seg.x0 + (seg.x1 - seg.x0) * share
    head = _Segment(m.group(1), seg.x0, x, seg.top, seg.bottom, seg.size, seg.bold)
    rest = _Segment(m.group(2), x, seg.x1, seg.top, seg.bottom, seg.size, seg.bold)
    return [head, rest, *line[1:]]


def _header_line(line: list[_Segment]) -> bool:
    from knowledge.loaders._columns import Role, column_role

    if len(line) < 3:
        return False
    roles = [column_role(seg.text) for seg in line]
    return (
        roles[0] == Role.STT and Role.TITLE in roles and (Role.LEAD in roles or Role.DUE in roles)
    )


def _column(seg: _Segment, edges: list[float]) -> int:
    tolerance = 1.5 * seg.size
    col = 0
    for i, x in enumerate(edges):
        if seg.x0 + tolerance >= x:
            col = i
    return col


def _across(line: list[_Segment], edges: list[float]) -> bool:
    """A single segment from the first columns past the third column's edge: prose."""
    return (
        len(line) == 1 and len(edges) > 2 and line[0].x0 < edges[1] and line[0].x1 > edges[2] + 40
    )


def _outside(
    boxes: Sequence[tuple[float, float, float, float]],
) -> Callable[[dict[str, Any]], bool]:
    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    return keep


def _table_rows(extracted: list[list[str | None]]) -> list[list[str]]:
    rows: list[list[str]] = []
    for raw in extracted:
        cells = [join_cell_lines(c) if c else "" for c in raw]
        if any(cells):
            rows.append(cells)
    return rows


def join_cell_lines(text: str) -> str:
    """Rejoin a cell's wrapped lines; keep a newline before bullets and numbered items."""
    lines = [clean_line(line) for line in text.splitlines()]
    out: list[str] = []
    for line in filter(None, lines):
        if out and not _ITEM_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return clean_text("\n".join(out))


def _lines(words: list[dict[str, Any]]) -> list[list[_Segment]]:
    """Words grouped into visual lines, each split into segments at wide gaps."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= max(2.0, 0.4 * word["size"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [_segments(sorted(row, key=lambda w: w["x0"])) for row in rows]


def _segments(words: list[dict[str, Any]]) -> list[_Segment]:
    groups: list[list[dict[str, Any]]] = [[words[0]]]
    for prev, word in zip(words, words[1:], strict=False):
        if word["x0"] - prev["x1"] > 2.5 * max(prev["size"], word["size"]):
            groups.append([word])
        else:
            groups[-1].append(word)
    return [
        _Segment(
            text=clean_line(" ".join(w["text"] for w in g)),
            x0=g[0]["x0"],
            x1=g[-1]["x1"],
            top=min(w["top"] for w in g),
            bottom=max(w["bottom"] for w in g),
            size=max(w["size"] for w in g),
            bold=all(_BOLD_FONT.search(w["fontname"]) for w in g),
        )
        for g in groups
    ]


def _is_page_number(line: list[_Segment], height: float) -> bool:
    if len(line) != 1 or not _PAGE_NUMBER.match(line[0].text):
        return False
    return line[0].bottom < height * _MARGIN or line[0].top > height * (1 - _MARGIN)


def _paragraphs(lines: list[list[_Segment]], locator: Locator) -> list[tuple[float, Block]]:
    """Join wrapped lines into paragraphs (with their top); a multi-column line gives
    one paragraph per column."""
    singles = [ln[0] for ln in lines if len(ln) == 1]
    right = max((s.x1 for s in singles), default=0.0)
    blocks: list[tuple[float, Block]] = []
    current: list[_Segment] = []

    def flush() -> None:
        if current:
            text = clean_text(" ".join(s.text for s in current))
            if text:
                bold = all(s.bold for s in current)
                blocks.append(
                    (current[0].top, Block("paragraph", text, bold=bold, locator=locator))
                )
            current.clear()

    for line in lines:
        if len(line) > 1:
            flush()
            for seg in line:
                current.append(seg)
                flush()
            continue
        seg = line[0]
        if current and not _continues(current[-1], seg, right):
            flush()
        current.append(seg)
    flush()
    return blocks


def _continues(prev: _Segment, seg: _Segment, right: float) -> bool:
    """True when ``seg`` is the wrapped continuation of the line ``prev``."""
    close = seg.top - prev.bottom <= 0.6 * max(prev.size, seg.size)
    full = prev.x1 >= right - 2.5 * prev.size
    return close and full and prev.bold == seg.bold and not _ITEM_START.match(seg.text)


# --- across pages ------------------------------------------------------------------


def _drop_running_lines(pages: Sequence[_Page]) -> None:
    """Remove header/footer lines that repeat (digits aside) on most pages."""
    if len(pages) < 3:
        return
    seen: dict[str, int] = {}
    for page in pages:
        keys = {_running_key(p) for p in page.pieces if p.margin}
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    running = {k for k, n in seen.items() if n >= max(2, len(pages) // 2)}
    for page in pages:
        page.pieces = [p for p in page.pieces if not (p.margin and _running_key(p) in running)]


def _running_key(piece: _Piece) -> str:
    return re.sub(r"\d+", "#", fold(piece.block.text)) if piece.block else ""


def _assemble(pages: Sequence[_Page]) -> list[Block]:
    blocks: list[Block] = []
    open_table: Table | None = None  # the last table, while only margins have followed it
    count = 0
    for page in pages:
        body = [p for p in page.pieces if not p.margin]
        for piece in page.pieces:
            if piece.block is not None:
                blocks.append(piece.block)
                if not piece.margin:
                    open_table = None
                continue
            at_top = piece is body[0]
            if open_table is not None and at_top and _same_shape(open_table, piece.rows):
                _extend(open_table, piece.rows, page.number)
            else:
                count += 1
                open_table = _new_table(piece.rows, page.number, count)
                blocks.append(Block("table", table=open_table, locator=open_table.locator))
            if piece is not body[-1]:
                open_table = None  # something follows on the same page: the table ended
    return blocks


def _new_table(rows: list[list[str]], page: int, index: int) -> Table:
    table = Table(rows=[], index=index, locator=Locator(page=page, table=index))
    _append_rows(table, rows, page)
    table.rows[0].is_header = True
    return table


def _same_shape(table: Table, rows: list[list[str]]) -> bool:
    return bool(rows) and table.width == max(len(r) for r in rows)


def _extend(table: Table, rows: list[list[str]], page: int) -> None:
    """Append a continuation, dropping the header rows the page repeats."""
    head = [_key(r.cells) for r in table.rows[:_REPEAT_HEADER_ROWS]]
    skip = 0
    while skip < len(rows) and skip < len(head) and _key(rows[skip]) == head[skip]:
        skip += 1
    _append_rows(table, rows[skip:], page)


def _append_rows(table: Table, rows: list[list[str]], page: int) -> None:
    for cells in rows:
        n = len(table.rows) + 1
        table.rows.append(Row(cells=cells, locator=Locator(page=page, table=table.index, row=n)))


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(fold(c) for c in cells)
