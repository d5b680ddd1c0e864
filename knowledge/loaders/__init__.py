"""Load any supported file into a ``Document`` (dispatch by extension).

This is the one gate every file passes (CLI, chat upload, samples): it refuses what
is not a regular readable file, files over the size limit, documents over the page
and character limits and reads that run past the time limit (``knowledge.limits``),
each with a Vietnamese message. A nesting too deep for the parsers or memory running
out become the same kind of message, never an English traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from knowledge import limits, texts
from knowledge.document import Block, Document, DocumentError, Row, Table

# A sheet saved as CSV or as Excel's XML Spreadsheet (often named .xls, or .xml) is text.
TEXT_FORMATS = (".txt", ".md", ".markdown", ".json", ".csv", ".xml", ".xls")
SUPPORTED = (*TEXT_FORMATS, ".docx", ".xlsx", ".pdf", ".html", ".htm")
# An .xls of Excel 97-2003 is a binary compound file, not the XML one.
_OLE2 = b"\xd0\xcf\x11\xe0"


def check_readable(path: Path, name: str, active: limits.Limits | None = None) -> int:
    """The size of ``path`` once it is known to be a regular file within the size limit.

    A directory, a FIFO or a device named like a plan would make a read fail or
    block forever; they are refused before anything opens them.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise DocumentError(texts.FILE_NOT_FOUND.format(name=name)) from exc
    except OSError as exc:
        raise DocumentError(texts.FILE_UNREADABLE.format(name=name)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(texts.FILE_NOT_REGULAR.format(name=name))
    if not os.access(path, os.R_OK):
        raise DocumentError(texts.FILE_UNREADABLE.format(name=name))
    limits.check_file_size(info.st_size, name, active)
    return info.st_size


def load_document(
    path: Path | str, display_name: str | None = None, *, limit: limits.Limits | None = None
) -> Document:
    """Read ``path``; raise ``DocumentError`` with a Vietnamese message on bad input."""
    p = Path(path)
    name = display_name or p.name
    ext = p.suffix.lower()
    if ext not in SUPPORTED:
        if not p.exists():
            raise DocumentError(texts.FILE_NOT_FOUND.format(name=name))
        raise DocumentError(texts.UNSUPPORTED_FORMAT.format(name=name, ext=ext or "(không có)"))
    with limits.reading(name, limit) as active:
        check_readable(p, name, active)
        try:
            doc = _load(p, name, ext)
        except RecursionError as exc:  # e.g. HTML nested thousands of levels deep
            raise DocumentError(texts.FILE_TOO_COMPLEX.format(name=name)) from exc
        except MemoryError as exc:
            raise DocumentError(texts.FILE_OUT_OF_MEMORY.format(name=name)) from exc
        except OSError as exc:  # vanished or unreadable while being read
            raise DocumentError(texts.FILE_UNREADABLE.format(name=name)) from exc
        limits.check_document(doc, active)
        _legacy_fonts(doc)
        bound_lengths(doc)
        limits.check_time()
    return doc


def _load(p: Path, name: str, ext: str) -> Document:
    if ext in TEXT_FORMATS:  # a JSON export is text
        from knowledge.loaders.text import load_text

        if ext == ".xls" and _is_binary_workbook(p):
            raise DocumentError(texts.BINARY_XLS.format(name=name))
        return load_text(p, name)
    if ext == ".xlsx":
        from knowledge.loaders.xlsx import load_xlsx

        return load_xlsx(p, name)
    if ext in (".html", ".htm"):
        from knowledge.loaders.html import load_html

        return load_html(p, name)
    if ext == ".docx":
        from knowledge.loaders.docx import load_docx

        return load_docx(p, name)
    from knowledge.loaders.pdf import load_pdf

    return load_pdf(p, name)


def _is_binary_workbook(p: Path) -> bool:
    with p.open("rb") as fh:
        return fh.read(4) == _OLE2


def _legacy_fonts(doc: Document) -> None:
    """Word and PDF text typed in TCVN3 / VNI fonts (text files are handled on bytes).

    VNI is converted; TCVN3 is refused: its "ư" is a soft hyphen, which the Word and
    PDF readers have already dropped as layout, so it cannot be converted surely.
    """
    if doc.format not in ("docx", "pdf"):
        return
    from knowledge.loaders import legacy_vn

    verdict = legacy_vn.detect(doc.text())
    if verdict.encoding is None:
        return
    if verdict.encoding is legacy_vn.Legacy.TCVN3 or verdict.text is None:
        raise DocumentError(texts.LEGACY_ENCODING_UNSURE.format(name=doc.source))
    for block in doc.blocks:
        block.text = legacy_vn.convert(block.text, verdict.encoding)
        if block.table is not None:
            for row in block.table.rows:
                row.cells = [legacy_vn.convert(c, verdict.encoding) for c in row.cells]
    doc.warnings.append(
        texts.LEGACY_ENCODING_CONVERTED.format(name=doc.source, encoding=verdict.encoding.value)
    )


def bound_lengths(doc: Document) -> None:
    """No paragraph or cell longer than ``MAX_LINE_CHARS`` reaches the parsers.

    A longer paragraph is split into several (nothing is lost); a longer cell is
    shortened with a warning, since a cell cannot be split.
    """
    limit = limits.MAX_LINE_CHARS
    if not any(_too_long(block, limit) for block in doc.blocks):
        return
    out: list[Block] = []
    for block in doc.blocks:
        if block.table is not None:
            _shorten_cells(block.table, limit, doc.warnings)
            out.append(block)
        elif len(block.text) > limit:
            out.extend(
                Block(block.kind, text=piece, level=block.level, locator=block.locator)
                for piece in limits.split_long(block.text, limit)
            )
        else:
            out.append(block)
    doc.blocks = out


def _too_long(block: Block, limit: int) -> bool:
    if block.table is not None:
        return any(len(c) > limit for row in block.table.rows for c in row.cells)
    return len(block.text) > limit


def _shorten_cells(table: Table, limit: int, warnings: list[str]) -> None:
    for n, row in enumerate(table.rows, start=1):
        if any(len(c) > limit for c in row.cells):
            _shorten_row(row, limit)
            warnings.append(texts.CELL_SHORTENED.format(limit=limit, table=table.index, row=n))


def _shorten_row(row: Row, limit: int) -> None:
    row.cells = [c if len(c) <= limit else c[:limit] for c in row.cells]
