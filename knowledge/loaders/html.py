"""HTML plans -> ``Document`` (BeautifulSoup with lxml).

Headings h1-h6 become heading blocks, p / li / loose text paragraphs, and tables
are expanded into a full grid: a cell spanning columns repeats its text once and
leaves "" in the other columns, a cell spanning rows leaves "" below it, as the
document model promises. A table nested inside a cell is flattened into that
cell's text.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from knowledge import limits, texts
from knowledge.document import Block, BlockKind, Document, DocumentError, Locator, Row, Table
from knowledge.loaders._encoding import read_text_file
from knowledge.loaders._texttables import merge_two_line_headers
from knowledge.vietnamese import nfc, squash

CHARS_PER_PAGE = 3000
_MARKUP_PER_CHAR = 5

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = {"p", "li", "dt", "dd", "blockquote", "pre", "caption", "figcaption"}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}
_BOLD = {"b", "strong"}


def load_html(path: Path, name: str) -> Document:
    """Read an ``.html`` / ``.htm`` file; raise ``DocumentError`` on unreadable input."""
    markup, _ext, warnings = read_text_file(path, name, ".html")
    return markup_document(markup, name, warnings)


def markup_document(markup: str, name: str, warnings: list[str]) -> Document:
    """A page's decoded source as a document (a .htm file, or a .txt holding one)."""
    # Markup carries its text several times over; past this the tree alone would
    # take gigabytes, and the text limit could not be met anyway.
    limits.check_chars(len(markup) // _MARKUP_PER_CHAR, name)
    doc = parse_html(markup, name)
    doc.warnings.extend(warnings)
    return doc


def parse_html(markup: str, name: str) -> Document:
    soup = BeautifulSoup(markup, "lxml")
    root = soup.body or soup
    walker = _Walker()
    walker.walk(root)
    walker.flush_loose()
    if not walker.blocks:
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    text_len = sum(len(b.text) for b in walker.blocks) + sum(
        len(c) for t in walker.tables() for r in t.rows for c in r.cells
    )
    meta: dict[str, str] = {}
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if title:
        meta["title"] = _clean(title)
    return Document(
        source=name,
        blocks=walker.blocks,
        format="html",
        pages=max(1, -(-text_len // CHARS_PER_PAGE)),
        meta=meta,
    )


def _clean(text: str) -> str:
    return squash(nfc(text))


# Elements that break the text: inline ones ("<span>Môi trư</span><span>ờng</span>", a
# word Word split by a style change) join with nothing between them.
_BREAKS = _PARAGRAPHS | set(_HEADINGS) | {"br", "div", "td", "th", "tr", "table", "ul", "ol"}


def _text(tag: Tag) -> str:
    """The element's text as a browser shows it: text nodes joined as they stand, a space
    at each block element's edges; scripts, styles and comments left out."""
    out: list[str] = []
    # An explicit stack, not recursion: tables nested thousands deep are read, not refused.
    stack: list[object] = list(reversed(list(tag.children)))
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            out.append(node)  # a block element's closing space
        elif isinstance(node, Tag):
            if node.name in _SKIP:
                continue
            if node.name in _BREAKS:
                out.append(" ")
                stack.append(" ")
            stack.extend(reversed(list(node.children)))
        elif type(node) is NavigableString:
            out.append(str(node))
    return "".join(out)


def _line(tag: Tag) -> int | None:
    line = getattr(tag, "sourceline", None)
    return line if isinstance(line, int) else None


def _is_bold(tag: Tag) -> bool:
    """All of the element's text sits inside <b>/<strong> (or it is one)."""
    if tag.name in _BOLD:
        return True
    text = _clean(_text(tag))
    if not text:
        return False
    bold = " ".join(_text(b) for b in tag.find_all(list(_BOLD)))
    return _clean(bold) == text or len(_clean(bold)) >= len(text)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.loose: list[str] = []
        self.loose_line: int | None = None
        self.count = 0

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString and child.strip():
                    self.loose.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _SKIP:
                continue
            if child.name == "br":
                self.flush_loose()
            elif child.name in _HEADINGS:
                self._text_block(child, "heading", _HEADINGS[child.name])
            elif child.name in _PARAGRAPHS:
                if child.find("table"):
                    self.flush_loose()
                    self.walk(child)
                else:
                    self._text_block(child, "paragraph", 0)
            elif child.name == "table":
                self._table(child)
            elif child.name in ("b", "strong", "i", "em", "u", "span", "a", "font", "sup", "sub"):
                self.loose.append(_text(child))
                if self.loose_line is None:
                    self.loose_line = _line(child)
            else:
                self.flush_loose()
                self.walk(child)

    def flush_loose(self) -> None:
        text = _clean("".join(self.loose))
        if text:
            self.blocks.append(
                Block(kind="paragraph", text=text, locator=Locator(line=self.loose_line))
            )
        self.loose = []
        self.loose_line = None

    def _text_block(self, tag: Tag, kind: BlockKind, level: int) -> None:
        self.flush_loose()
        text = _clean(_text(tag))
        if not text:
            return
        self.blocks.append(
            Block(
                kind=kind,
                text=text,
                level=level,
                locator=Locator(line=_line(tag)),
                bold=_is_bold(tag),
            )
        )

    def _table(self, tag: Tag) -> None:
        self.flush_loose()
        rows = expand_table(tag)
        if not rows:
            return
        self.count += 1
        index = self.count
        table_rows = merge_two_line_headers(
            [
                Row(cells=cells, locator=Locator(line=line), is_header=header, bold=bold)
                for cells, header, bold, line in rows
            ],
            index,
        )
        table = Table(rows=table_rows, index=index, locator=Locator(table=index, line=_line(tag)))
        self.blocks.append(Block(kind="table", table=table, locator=table.locator))


def _own_rows(table: Tag) -> list[Tag]:
    """The table's rows, not those of tables nested in its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _span(cell: Tag, attr: str) -> int:
    raw = str(cell.get(attr) or "1")
    digits = re.match(r"\d{1,9}", raw.strip())  # int() refuses 4,300+ digits
    value = int(digits.group(0)) if digits else 1
    return min(max(value, 1), limits.MAX_SPAN)


def expand_table(
    table: Tag, repeat_spans: bool = False, empty: str = ""
) -> list[tuple[list[str], bool, bool, int | None]]:
    """Rows as (cells, is_header, bold, line) with colspan / rowspan expanded.

    By default the rows a cell spans get "" below it, as the document model has merged
    cells; with ``repeat_spans`` they repeat its text, and a cell empty in the markup
    reads ``empty`` (for text that must tell the two apart)."""
    grid: list[list[str | None]] = []
    meta: list[tuple[bool, bool, int | None]] = []
    own_rows = _own_rows(table)
    cells_used = 0
    for r, tr in enumerate(own_rows):
        if r % 256 == 0:
            limits.check_time()
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
        col = 0
        for cell in cells:
            while col < len(row) and row[col] is not None:
                col += 1
            text = _clean(_text(cell)) or empty
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            # Rows past the table's own are dropped below anyway: never build them.
            rowspan = min(rowspan, len(own_rows) - r)
            cells_used += colspan * rowspan
            limits.check_table(col + colspan, cells_used)
            for dr in range(rowspan):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < col + colspan:
                    target.append(None)
                for dc in range(colspan):
                    below = text if repeat_spans and text != empty else ""
                    target[col + dc] = text if dr == 0 and dc == 0 else below if dc == 0 else ""
            col += colspan
        in_head = tr.find_parent("thead") is not None
        all_th = bool(cells) and all(c.name == "th" for c in cells)
        bold = bool(cells) and all(_is_bold(c) for c in cells if _clean(_text(c)))
        meta.append((in_head or all_th, bold, _line(tr)))
    out: list[tuple[list[str], bool, bool, int | None]] = []
    width = max((len(r) for r in grid), default=0)
    for k, row in enumerate(grid[: len(meta)]):
        values = [c or "" for c in row] + [""] * (width - len(row))
        if not any(values):
            continue
        header, bold, line = meta[k]
        out.append((values, header, bold, line))
    return out
