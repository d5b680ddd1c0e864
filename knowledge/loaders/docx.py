"""Word (.docx) files -> ``Document``: paragraphs, headings and tables in body order.

The body is walked element by element (paragraphs and tables interleaved, content
controls opened), because python-docx's ``paragraphs``/``tables`` lists lose the
order. Tables are read from the XML grid so that merged cells expand exactly as the
document model promises: a horizontal span repeats its text once and then leaves
empty strings, a vertical merge leaves empty strings below its first cell. Word
has no reliable page numbers, so locators carry table and row only.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from knowledge import limits, texts
from knowledge.document import Block, Document, DocumentError, Locator, Row, Table
from knowledge.loaders.cleaning import clean_lines, clean_text
from knowledge.loaders.docx_numbering import Numbering

# Wrappers whose children belong to the surrounding flow (content controls,
# custom XML, tracked insertions).
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:smartTag")}
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_VAL = qn("w:val")
_FALSE = {"0", "false", "off"}
_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
# Word's compound-file signature: a legacy .doc, or an encrypted .docx.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Run content that is not part of the paragraph's own text: text boxes (emitted
# separately) and the duplicate fallback copy of drawing content.
_RUN_TEXT = (
    "./w:r/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]"
    " | ./*[self::w:hyperlink or self::w:ins or self::w:smartTag or self::w:fldSimple"
    " or self::w:customXml or self::w:sdt]//w:r/*[self::w:t or self::w:tab or self::w:br"
    " or self::w:cr or self::w:noBreakHyphen][not(ancestor::w:txbxContent)]"
)


def load_docx(path: Path, name: str) -> Document:
    """Read a .docx file; raise ``DocumentError`` for a file Word could not open either."""
    word = _open(path, name)
    reader = _BodyReader(word)
    blocks = reader.read(word.element.body)
    if not any(b.text or b.table for b in blocks):
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    return Document(
        source=name,
        blocks=blocks,
        format="docx",
        pages=_estimate_pages(word.element.body),
    )


def _open(path: Path, name: str) -> Any:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE2_MAGIC:
        raise DocumentError(texts.LEGACY_OR_LOCKED_DOC.format(name=name))
    _check_archive(path, name)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML, KeyError and ValueError alike
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=".docx")) from exc


def _check_archive(path: Path, name: str) -> None:
    """Refuse a zip bomb from the archive's directory, before anything is inflated.

    zipfile never inflates a member past its declared size, so checking the
    declared sizes (and their ratio to the compressed sizes) bounds the memory.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=".docx")) from exc
    if len(members) > limits.ZIP_MAX_MEMBERS or _inflated(members) > limits.ZIP_MAX_TOTAL_BYTES:
        raise DocumentError(texts.FILE_ZIP_BOMB.format(name=name))
    for info in members:
        xml = info.filename.lower().endswith((".xml", ".rels"))
        if xml and info.file_size > limits.ZIP_MAX_XML_BYTES:
            raise DocumentError(texts.FILE_ZIP_BOMB.format(name=name))
        ratio_bound = limits.ZIP_MAX_RATIO * max(info.compress_size, 1)
        if info.file_size > limits.ZIP_RATIO_FLOOR and info.file_size > ratio_bound:
            raise DocumentError(texts.FILE_ZIP_BOMB.format(name=name))


def _inflated(members: list[zipfile.ZipInfo]) -> int:
    return sum(info.file_size for info in members)


class _BodyReader:
    """Turns body elements into blocks, numbering tables in reading order."""

    def __init__(self, word: Any) -> None:
        self._word = word
        self._text = _TextReader(word)
        self._tables = 0

    def read(self, body: Any) -> list[Block]:
        blocks: list[Block] = []
        for n, element in enumerate(_flow(body)):
            if n % 256 == 0:
                limits.check_time()
            if element.tag == _P:
                blocks.extend(self._paragraph(Paragraph(element, self._word)))
            elif element.tag == _TBL:
                block = self._table(element)
                if block is not None:
                    blocks.append(block)
        return blocks

    def _paragraph(self, paragraph: Paragraph) -> list[Block]:
        blocks: list[Block] = []
        text = self._text.numbered(paragraph._p, paragraph.style)
        if text:
            level = heading_level(paragraph)
            if level is not None:
                blocks.append(Block("heading", text=text, level=level, bold=_is_bold(paragraph)))
            else:
                blocks.append(Block("paragraph", text=text, bold=_is_bold(paragraph)))
        # Text boxes anchored in this paragraph (letterheads, stamps) follow it.
        for box_p in paragraph._p.xpath(
            ".//w:txbxContent//w:p[not(ancestor::*[local-name()='Fallback'])]"
        ):
            box_text = paragraph_text(box_p)
            if box_text:
                blocks.append(Block("paragraph", text=box_text))
        return blocks

    def _table(self, tbl: Any) -> Block | None:
        rows = read_table_rows(tbl, self._text)
        if not rows:
            return None
        self._tables += 1
        n = self._tables
        for i, row in enumerate(rows, start=1):
            row.locator = Locator(table=n, row=i)
        table = Table(rows=rows, index=n, locator=Locator(table=n))
        return Block("table", table=table, locator=Locator(table=n))


def _flow(parent: Any) -> Iterator[Any]:
    """Paragraph and table elements of ``parent`` in order, opening wrapper elements."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _flow(child)


def _children(parent: Any, tag: str) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


# --- text --------------------------------------------------------------------------


class _TextReader:
    """Paragraph text with Word's automatic numbering put back in front."""

    def __init__(self, word: Any) -> None:
        self._word = word
        self._numbering = Numbering.of(word)

    def numbered(self, p: Any, style: Any = None) -> str:
        if style is None:
            style = Paragraph(p, self._word).style
        label = self._numbering.label(p, style)
        text = paragraph_text(p)
        # An empty numbered paragraph still shows its number (auto-numbered STT cells).
        return f"{label} {text}".strip() if label else text


def paragraph_text(p: Any) -> str:
    """The visible text of a ``w:p`` element (tabs kept, line breaks as newlines)."""
    parts: list[str] = []
    for node in p.xpath(_RUN_TEXT):
        tag = node.tag
        if tag == qn("w:t"):
            parts.append(node.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            # A page break is layout, a line break separates lines.
            parts.append(" " if node.get(qn("w:type")) == "page" else "\n")
        else:
            parts.append("-")
    return clean_text("".join(parts))


def heading_level(paragraph: Paragraph) -> int | None:
    """1-9 for "Heading N" styles (or an outline level), 0 for "Title", else None."""
    direct = _outline_level(paragraph._p.pPr)
    if direct is not None:
        return direct
    style: Any = paragraph.style  # a paragraph style, whose base_style chain we walk
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 0
        match = _HEADING.match(name)
        if match:
            return int(match.group(1))
        level = _outline_level(style.element.pPr)
        if level is not None:
            return level
        style = style.base_style
    return None


def _outline_level(p_pr: Any) -> int | None:
    if p_pr is None:
        return None
    node = p_pr.find(qn("w:outlineLvl"))
    if node is None:
        return None
    value = int(node.get(_VAL, "9"))
    return value + 1 if value < 9 else None  # 9 means "body text"


def _is_bold(paragraph: Paragraph) -> bool:
    """True when every run that shows text is bold (directly or through styles)."""
    runs = [Run(r, paragraph) for r in paragraph._p.xpath(".//w:r[not(ancestor::w:txbxContent)]")]
    shown = [r for r in runs if r.text.strip()]
    if not shown:
        return False
    para_bold = _style_bold(paragraph.style)
    for run in shown:
        bold = run.bold
        if bold is None:
            bold = _style_bold(run.style) if run.style is not None else None
        if bold is None:
            bold = para_bold
        if not bold:
            return False
    return True


def _style_bold(style: Any) -> bool | None:
    while style is not None:
        bold = style.font.bold
        if bold is not None:
            return bool(bold)
        style = style.base_style
    return None


# --- tables ------------------------------------------------------------------------


def read_table_rows(tbl: Any, text: _TextReader) -> list[Row]:
    """Rows of a ``w:tbl`` expanded to the grid width; fully empty rows are dropped."""
    grid = tbl.find(qn("w:tblGrid"))
    width = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    raw: list[tuple[list[str], bool]] = []
    for tr in _children(tbl, _TR):
        cells = _row_cells(tr, text)
        raw.append((cells, _is_header_row(tr)))
        width = max(width, len(cells))
    limits.check_table(width, width * len(raw))
    rows: list[Row] = []
    for index, (cells, header) in enumerate(raw):
        if not any(cells):
            continue
        cells = cells + [""] * (width - len(cells))
        rows.append(Row(cells=cells, is_header=header or index == 0))
    return rows


def _row_cells(tr: Any, text_reader: _TextReader) -> list[str]:
    cells: list[str] = [""] * _tr_pr_int(tr, "w:gridBefore")
    for tc in _children(tr, _TC):
        span = min(_tc_pr_int(tc, "w:gridSpan", 1), limits.MAX_SPAN)
        text = "" if _continues_vertical_merge(tc) else cell_text(tc, text_reader)
        cells.append(text)
        cells.extend([""] * (span - 1))
    cells.extend([""] * _tr_pr_int(tr, "w:gridAfter"))
    return cells


def cell_text(tc: Any, text: _TextReader) -> str:
    """Cell paragraphs joined by newlines; nested tables flattened one row per line."""
    lines: list[str] = []
    for element in _flow(tc):
        if element.tag == _P:
            lines.append(text.numbered(element))
        else:
            for row in read_table_rows(element, text):
                lines.append(" | ".join(_dedupe_adjacent([c for c in row.cells if c])))
    return clean_lines(lines)


def _dedupe_adjacent(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if not out or out[-1] != value:
            out.append(value)
    return out


def _continues_vertical_merge(tc: Any) -> bool:
    tc_pr = tc.find(qn("w:tcPr"))
    node = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    return node is not None and node.get(_VAL, "continue") == "continue"


def _is_header_row(tr: Any) -> bool:
    tr_pr = tr.find(qn("w:trPr"))
    node = tr_pr.find(qn("w:tblHeader")) if tr_pr is not None else None
    return node is not None and node.get(_VAL, "true").lower() not in _FALSE


def _tc_pr_int(tc: Any, tag: str, default: int) -> int:
    tc_pr = tc.find(qn("w:tcPr"))
    node = tc_pr.find(qn(tag)) if tc_pr is not None else None
    return _int(node.get(_VAL) if node is not None else None, default)


def _tr_pr_int(tr: Any, tag: str) -> int:
    """gridBefore / gridAfter, clipped like spans (a forged 2×10⁹ would exhaust memory)."""
    tr_pr = tr.find(qn("w:trPr"))
    node = tr_pr.find(qn(tag)) if tr_pr is not None else None
    return min(_int(node.get(_VAL) if node is not None else None, 0), limits.MAX_SPAN)


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 0) if value is not None else default
    except ValueError:
        return default


# --- pages -------------------------------------------------------------------------


def _estimate_pages(body: Any) -> int:
    """1 + explicit page breaks, or Word's last rendering when that says more."""
    explicit = len(body.xpath(".//w:br[@w:type='page']"))
    explicit += sum(
        1
        for node in body.xpath(".//w:pPr/w:pageBreakBefore")
        if node.get(_VAL, "true").lower() not in _FALSE
    )
    explicit += sum(
        1
        for node in body.xpath(".//w:pPr/w:sectPr/w:type")
        if node.get(_VAL) in ("nextPage", "oddPage", "evenPage")
    )
    explicit += len(body.xpath(".//w:pPr/w:sectPr[not(w:type)]"))
    rendered = 0
    for element in _flow(body):
        if element.tag == _P:
            rendered += len(element.xpath(".//w:lastRenderedPageBreak"))
        else:  # a table row broken over pages marks the break once per cell
            rendered += sum(
                1 for tr in _children(element, _TR) if tr.xpath(".//w:lastRenderedPageBreak")
            )
    return 1 + max(explicit, rendered)
