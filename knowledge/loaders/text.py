"""Plain-text and markdown plans -> ``Document``.

Real plans arrive as text in several shapes (see ``_texttables`` for the tables):
Word exports with one paragraph per line and blank lines between, text
hard-wrapped at about 80 characters with no blank lines (the legal-website
corpus), and slides exported with every wrapped line separated by a blank line
(seed 003). Paragraphs are rebuilt by joining a line to the previous one when it
plainly continues it (no sentence end before, lowercase start), and every block
keeps the source line of its first line as its locator.
"""

from __future__ import annotations

import re
from pathlib import Path

from knowledge import texts
from knowledge.deadlines import starts_like_deadline
from knowledge.document import Block, BlockKind, Document, DocumentError, Locator, Table
from knowledge.limits import (
    MAX_LINE_CHARS,
    MAX_TABLE_COLUMNS,
    check_chars,
    check_time,
    split_long,
)
from knowledge.loaders._auto_labels import auto_labels_plain
from knowledge.loaders._bilingual import vietnamese_only
from knowledge.loaders._board_cards import cards_as_text
from knowledge.loaders._chat_export import chat_as_text
from knowledge.loaders._column_runs import column_runs_as_markdown
from knowledge.loaders._columns import (
    PAGE_BREAK,
    parse_column_table,
    strip_running_lines,
    stt_led,
)
from knowledge.loaders._cut_bullets import cut_bullets_joined
from knowledge.loaders._dash_tables import dash_tables_as_markdown
from knowledge.loaders._delimited import (
    bare_pipe_rows_as_markdown,
    pasted_range_as_markdown,
    sheet_as_markdown,
)
from knowledge.loaders._encoding import read_text_file
from knowledge.loaders._grid_table import grid_tables_as_markdown
from knowledge.loaders._html_tables import has_text_around_tables, html_tables_as_markdown
from knowledge.loaders._json_export import json_as_text
from knowledge.loaders._layout_table import parse_layout_table
from knowledge.loaders._markup import (
    COLUMN_GAP,
    clean_inline,
    has_open_bold,
    has_open_italic,
    is_all_bold,
    is_rule,
    split_glued_bold,
)
from knowledge.loaders._page_numbers import page_numbers_dropped
from knowledge.loaders._paragraph_cells import parse_paragraph_table
from knowledge.loaders._quoted_mail import quoted_mail_plain
from knowledge.loaders._record_rows import records_as_markdown
from knowledge.loaders._run_cells import run_cells_as_markdown
from knowledge.loaders._run_on import lines_restored
from knowledge.loaders._slides import slides_as_text
from knowledge.loaders._spaced_cells import parse_spaced_table
from knowledge.loaders._textmeta import meta_from_rows
from knowledge.loaders._texttables import (
    OPEN_NAME_HEADS,
    RawTable,
    is_markdown_row,
    is_pipes,
    is_tab_row,
    parse_cell_table,
    parse_markdown_table,
    parse_suffix_table,
    parse_tab_table,
    rows_from_raw,
)
from knowledge.loaders._tracked_changes import changes_accepted
from knowledge.loaders._web_markdown import web_markdown_plain
from knowledge.loaders._xml_sheet import is_xml_sheet, xml_sheet_as_markdown
from knowledge.loaders.ocr_digits import repair_ocr_digits
from knowledge.units import looks_like_unit
from knowledge.vietnamese import fold, nfc

CHARS_PER_PAGE = 3000

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(?:[-+•–−]\s|[-–]\S)")
_ENUM = re.compile(
    r"^(?:[IVXLC]{1,6}[.\-)/]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[a-hđ]\.|\(\d{1,2}\)|điều\s+\d+)\s",
    re.IGNORECASE,
)
_TERMINAL = ".;:!?…"
# Slides (seed 003) put a blank line after every wrapped line, even after a ";"
# inside an enumeration; a lowercase line after it still continues the sentence.
_TERMINAL_ACROSS_BLANK = ".:!?…"
_RANGE_TAIL = re.compile(r"^[-–]\s*\d")
# A wrapped line that starts with a dash and a lowercase word is no bullet: bullets
# start with a capital ("- Xây dựng …"), the middle of a sentence does not.
_DASH_GOES_ON = re.compile(r"^[-–]\s+(?=[^\W\d_])")
# In hard-wrapped text a line this short that does not end in a comma ends its
# paragraph (a heading, or the last line of a paragraph).
_SHORT_LINE = 30
_PROSE_LINE = 40  # shorter lines are cells or headings, not wrapped prose
_MIN_WRAPPED_LINES = 12


def load_text(path: Path, name: str) -> Document:
    """Read a ``.txt`` / ``.md`` file; raise ``DocumentError`` on unreadable input."""
    text, ext, warnings = read_text_file(path, name, ".txt")
    if ext == ".xml" and not is_markup(text) and not is_xml_sheet(text):
        # Another XML (Word 2003 XML, an e-office export) read as text would be tag soup.
        raise DocumentError(texts.XML_NOT_WORKBOOK.format(name=name))
    if is_markup(text) and not has_text_around_tables(text):
        # A web page saved under a text name (Word's "Web Page, Filtered" read as text):
        # its markup is the document, read as the page it is (decoded once, here).
        from knowledge.loaders.html import markup_document

        return markup_document(text, name, warnings)
    check_chars(len(text), name)  # before any parsing: a 200 MB text is refused at once
    doc = parse_text(text, name, fmt="md" if ext in (".md", ".markdown") else "txt")
    doc.warnings.extend(warnings)
    return doc


_MARKUP_START = re.compile(r"\A\s*+(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
# A body without <html> (what docx-to-HTML converters such as mammoth write): it opens with
# a block tag and its tags close as HTML does.
_FRAGMENT_START = re.compile(r"\A\s*+<(?:p|table|h[1-6]|ol|ul|div)[\s>]", re.I)
_BLOCK_CLOSE = re.compile(r"</(?:p|td|li|h[1-6])>", re.I)
_MIN_CLOSES = 5


def is_markup(text: str) -> bool:
    """The text is an HTML document's source: it opens with its ``<html>`` or doctype, or it
    is a body fragment of block tags."""
    head = text[:2048]
    if _MARKUP_START.match(head) is not None:
        return True
    return (
        _FRAGMENT_START.match(head) is not None and len(_BLOCK_CLOSE.findall(head)) >= _MIN_CLOSES
    )


def parse_text(text: str, name: str, fmt: str = "txt") -> Document:
    """Build the document from already decoded text (also used by tests)."""
    text = repair_ocr_digits(nfc(text).replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    text = html_tables_as_markdown(text)  # pandoc gfm: raw <table> between markdown
    text = cut_bullets_joined(text)  # pymupdf4llm: "- … hoàn" / "- thành trước …"
    text = json_as_text(text)  # a plan exported as JSON by a task-tracking system
    text = xml_sheet_as_markdown(text)  # an Excel "XML Spreadsheet 2003" workbook
    text = vietnamese_only(text)  # a bilingual edition: the English lines are a translation
    text = changes_accepted(text)  # a Word file's tracked changes, as pandoc shows them
    text = auto_labels_plain(text)  # docx2python's list labels: "1)\t", "\ta)\t", "--\t"
    text = web_markdown_plain(text)  # "\\- Rà soát …", "[Luật …](https://…)" from a web page
    text = quoted_mail_plain(text)  # a plan quoted ("> > ") in an e-mail thread
    text = chat_as_text(text)  # a plan forwarded in a group chat, saved as its export
    text = cards_as_text(text)  # a task board exported to Markdown, a card per row
    text = slides_as_text(text)  # a plan presented as a slide deck, dumped to text
    text = dash_tables_as_markdown(text)  # pandoc's simple and multiline tables
    text = sheet_as_markdown(text) or grid_tables_as_markdown(text)  # a CSV sheet, +---+ tables
    text = bare_pipe_rows_as_markdown(text)  # an .rtf's table: "1|Rà soát …|Công an tỉnh|"
    text = pasted_range_as_markdown(text)  # an Excel range pasted under the prose
    text = column_runs_as_markdown(text)  # a table printed one column after another
    text = run_cells_as_markdown(text)  # pypdf: a row's cells run on, nothing between them
    text = records_as_markdown(text)  # a table exported row by row as "label: value" lines
    text = lines_restored(text)  # a plan pasted with its line breaks lost
    reader = _Reader(page_numbers_dropped(strip_running_lines(_bounded_lines(text))))
    reader.read()
    if not reader.blocks and not reader.meta:
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    pages = max(1, -(-len(text) // CHARS_PER_PAGE))
    return Document(source=name, blocks=reader.blocks, format=fmt, pages=pages, meta=reader.meta)


def _bounded_lines(text: str) -> list[str]:
    """The text's lines, a line longer than ``MAX_LINE_CHARS`` cut into several."""
    lines = text.split("\n")
    if all(len(line) <= MAX_LINE_CHARS for line in lines):
        return lines
    return [piece for line in lines for piece in split_long(line)]


def _cell_lines_table(lines: list[str], i: int) -> RawTable | None:
    """A table written a cell a line with blank lines between (docx2txt), or a cell a
    paragraph with its empty cells left out (odt2txt): the reading with more rows."""
    tables = [t for t in (parse_spaced_table(lines, i), parse_paragraph_table(lines, i)) if t]
    return max(tables, key=lambda t: len(t.rows), default=None)


def _too_wide(line: str) -> bool:
    return line.count("|") > MAX_TABLE_COLUMNS or line.count("\t") > MAX_TABLE_COLUMNS


# A time label at a line's end ("… tiền chất; thời gian:"): its value is on the next line.
_TIME_LABEL_END = re.compile(r"\b(?:thời gian|thời hạn|hoàn thành)\s*:\s*$", re.IGNORECASE)
_SOFT_SHARE = 0.3  # of the lines that go on: a PDF extractor that marks its soft wraps
_MIN_SOFT_LINES = 6


def _soft_spaced(lines: list[str]) -> bool:
    """pdfminer and its kin end each line that wraps inside a text box with one space
    (the space between the two words): then such a line always goes on, whatever the
    next one starts with ("… Sở Tư pháp; " / "Thời gian: Quý III/2026.")."""
    pairs = list(zip(lines, lines[1:], strict=False))
    followed = [a for a, b in pairs if a.strip() and b.strip()]
    ends = [a for a, b in pairs if a.strip() and not b.strip()]
    if len(followed) < _MIN_SOFT_LINES or not ends:
        return False
    soft = sum(1 for a in followed if a.endswith(" ") and not a.endswith("  ")) / len(followed)
    # A paragraph's last line has no wrap to mark: when it ends with a space as often,
    # the spaces are the converter's habit, not soft wraps.
    last = sum(1 for a in ends if a.endswith(" ")) / len(ends)
    return soft >= _SOFT_SHARE and last <= soft / 2


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text is wrapped at (0 when it is not)."""
    lengths = _prose_lengths(lines)
    return lengths[int(len(lengths) * 0.9)] if _wraps(lengths) else 0


def _prose_lengths(lines: list[str]) -> list[int]:
    """The lengths of the lines that can be prose, shortest first. Lines with column gaps
    are a fixed-width table's or a signature block's, and pipe rows a table's: their
    width says nothing about how the prose is wrapped."""
    return sorted(
        len(s)
        for s in (ln.strip() for ln in lines)
        if s and not is_pipes(s) and not is_markdown_row(s) and not COLUMN_GAP.search(s)
    )


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed width (almost no line longer than ~100)."""
    return _wraps(_prose_lengths(lines))


def _wraps(lengths: list[int]) -> bool:
    """``_is_hard_wrapped`` from the text's ``_prose_lengths``."""
    if len(lengths) < 10:
        return False
    long = sum(1 for n in lengths if n > 110)
    if long > 0.02 * len(lengths):
        return False
    if lengths[int(len(lengths) * 0.9)] >= 60:
        return True
    # A short prose body before long appendix tables of short cells (a dispatch and its
    # numeric annexes): the prose lines alone show the fixed width.
    prose = [n for n in lengths if n >= _PROSE_LINE]
    band = sum(1 for n in prose if n >= 60)
    return band >= _MIN_WRAPPED_LINES and band >= 0.6 * len(prose)


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.tables = 0
        self.last_layout = ""
        self.paragraphs = _Paragraphs(self.blocks, _wrap_width(lines), _soft_spaced(lines))

    def read(self) -> None:
        lines = self.lines
        i = 0
        if lines and lines[0].startswith("SOURCE:"):
            self.meta["source_url"] = clean_inline(lines[0][len("SOURCE:") :])
            i = 1
        steps = 0
        while i < len(lines):
            steps += 1
            if steps % 512 == 0:
                check_time()
            i = self._step(i)
        self.paragraphs.flush()

    def _step(self, i: int) -> int:
        line = self.lines[i]
        s = line.strip()
        if line == PAGE_BREAK:
            return i + 1  # a page header was here: text runs on across it
        if not s:
            self.paragraphs.blank()
            return i + 1
        table: RawTable | None = None
        if _too_wide(line):
            pass  # thousands of separators on one line make no table: read it as text
        elif len(s) <= 3 and (table := _cell_lines_table(self.lines, i)) is not None:
            pass  # a Word or .odt table exported a cell a line or paragraph
        elif (
            (len(s) <= 3 or stt_led(s)) and (table := parse_column_table(self.lines, i)) is not None
        ) or ("  " in s and (table := parse_layout_table(self.lines, i)) is not None):
            pass  # a one-cell-a-line table, or a fixed-width one
        elif is_tab_row(line):
            table = parse_tab_table(self.lines, i)
        elif is_markdown_row(s):
            table = parse_markdown_table(self.lines, i)
        elif is_pipes(s):
            table = self._flattened_table(i)
        if table is None or table.end <= i:
            if is_pipes(s):
                return i + 1  # a stray separator between blocks
            self.paragraphs.add(i + 1, line)
            self.last_layout = ""
            return i + 1
        self.paragraphs.flush()
        self._add_table(table)
        return table.end

    def _flattened_table(self, i: int) -> RawTable:
        j = i
        while j < len(self.lines) and is_pipes(self.lines[j].strip()):
            j += 1
        nxt = self.lines[j].rstrip() if j < len(self.lines) else ""
        if nxt.endswith("|"):
            return parse_suffix_table(self.lines, i)
        return parse_cell_table(self.lines, i, self._continued_width("cells"))

    def _continued_width(self, layout: str) -> int | None:
        """The width of the table a new piece would continue (see ``_add_table``)."""
        previous = self.blocks[-1].table if self.blocks else None
        if previous is None or self.last_layout != layout:
            return None
        if self.paragraphs.emitted_since_table:
            return None
        return previous.width

    def _add_table(self, raw: RawTable) -> None:
        meta, rest = meta_from_rows(raw)
        if meta:
            for key, value in meta.items():
                self.meta.setdefault(key, value)
            raw = rest
        if not raw.rows:
            return
        previous = self.blocks[-1].table if self.blocks else None
        # A page break (blank lines) splits one table of the corpus or of a Word
        # export into pieces; glue them back when nothing stands in between.
        if (
            previous is not None
            and self.last_layout == raw.layout
            and raw.layout in ("tab", "cells")
            and not self.paragraphs.emitted_since_table
        ):
            start = len(previous.rows)
            for row in rows_from_raw(raw, previous.index):
                row.locator = Locator(table=previous.index, row=start + 1, line=row.locator.line)
                previous.rows.append(row)
                start += 1
            return
        self.tables += 1
        line = raw.rows[0].line
        table = Table(
            rows=rows_from_raw(raw, self.tables),
            index=self.tables,
            locator=Locator(table=self.tables, line=line),
            layout=raw.layout,
        )
        self.blocks.append(Block(kind="table", table=table, locator=table.locator))
        self.last_layout = raw.layout
        self.paragraphs.emitted_since_table = False


class _Paragraphs:
    """Accumulates text lines and emits heading / paragraph blocks."""

    def __init__(self, out: list[Block], width: int, soft_spaced: bool = False) -> None:
        self.out = out
        self.soft_spaced = soft_spaced
        self.soft = False  # the line before ended with a soft wrap's space
        self.wrapped = width > 0
        self.width = width
        self.lines: list[str] = []
        self.chars = 0
        self.first_line = 0
        self.after_blank = False
        self.emitted_since_table = False

    def blank(self) -> None:
        if self.lines:
            self.after_blank = True

    def add(self, line_no: int, raw: str) -> None:
        s = raw.strip()
        heading = _MD_HEADING.match(s)
        if heading or s == "#":
            self.flush()
            if heading:
                self._emit(heading.group(2), line_no, level=len(heading.group(1)))
            return
        # A paragraph stops growing at the line limit: every join below re-reads it.
        soft, self.soft = (
            self.soft,
            self.soft_spaced and raw.endswith(" ") and not raw.endswith("  "),
        )
        joins = soft and self._soft_join(s) or self.lines and self._joins(s)
        if self.lines and (self.chars + len(s) > MAX_LINE_CHARS or not joins):
            self.flush()
        if not self.lines:
            self.first_line = line_no
        self.lines.append(s)
        self.chars += len(s) + 1
        self.after_blank = False
        joined = " ".join(self.lines)
        # A bold line (or a bold run wrapped over several lines) is a heading-like
        # block of its own once its bold run closes.
        if s.endswith(("**", "**:", "</b>")) and is_all_bold(joined):
            self.flush()

    def _soft_join(self, s: str) -> bool:
        """After a soft wrap a line goes on ("… Sở Tư pháp; " / "Thời gian: …"), unless it
        starts a list item or the box is an upper-case title ("PHỤ LỤC " / "DANH MỤC …")."""
        if not self.lines or self.after_blank or _ENUM.match(_plain_start(s)) or s[:1] in "-+•*":
            return False
        return "upper" not in (_case(self.lines[-1]), _case(s))

    def _joins(self, s: str) -> bool:
        prev = self.lines[-1]
        if is_rule(s) or is_rule(prev):
            return False  # "------" over "Nơi nhận:": a table's border, no text to join
        joined = " ".join(self.lines)
        if self.after_blank:
            return self._joins_across_blank(prev, s)
        if has_open_bold(joined) or has_open_italic(joined):
            return True
        if _RANGE_TAIL.match(s) and prev.rstrip("* ")[-1:].isdigit():
            return True  # "Trong giai đoạn 2026" / "- 2030 phấn đấu …": a wrapped range
        if self.wrapped and _dash_goes_on(s) and not _ends_sentence(prev):
            return True  # "… từ sản xuất" / "- quản lý - tiêu thụ …": a dash inside the line
        if _TIME_LABEL_END.search(prev) and starts_like_deadline(s):
            return True  # "…; thời gian:" / "Quý III/2026.": the label's value, wrapped
        if _starts_block(s):
            return False
        if _ENUM.match(_plain_start(s)) and (_ends_sentence(prev) or not _open_before_item(prev)):
            # "… thông tin," / "tuyên truyền" / "a) Các bộ …": a new item starts, unless
            # the line before plainly goes on ("… quy định tại khoản" / "2. …").
            return False
        if self.wrapped and self._heading_ends(prev, s):
            return False
        if self.wrapped and self._short_unit_line(prev, s):
            return False
        if _starts_lower(s):
            return True
        if not self.wrapped:
            return False
        if _ends_sentence(prev) and not _starts_lower(s):
            return False
        cases = (_case(prev), _case(s))
        if cases in (("upper", "lower"), ("lower", "upper")):
            return False  # "… trong thế giới số" / "ĐẶT VẤN ĐỀ": a heading starts or ends
        if cases[0] == "upper" or cases[0] == "caps-word":
            return True  # a wrapped upper-case title ("KẾT" / "LUẬN PHIÊN HỌP …")
        # A short numbered line ("1. Mục đích") over a capitalised one is a heading.
        tail = clean_inline(prev)
        short_heading = (
            len(tail) < _SHORT_LINE
            and bool(_ENUM.match(_plain_start(prev)))
            and not _open_line(prev)
        )  # "a) Phối hợp Sở Nông nghiệp và" / "Môi trường …" goes on
        if short_heading and _name_runs_on(tail, s):
            return True
        return not (short_heading and not tail.endswith(",") and _starts_upper(s))

    def _short_unit_line(self, prev: str, s: str) -> bool:
        """A line far shorter than the wrap width that only names a unit, then a
        capitalised line: a unit heading whose number was lost ("Sở Tài chính" /
        "Chủ trì, phối hợp …"), not a name wrapped onto the next line."""
        line = clean_inline(prev).strip()
        if len(self.lines) != 1 or len(line) > _SHORT_SHARE * self.width or _open_line(prev):
            return False
        if _starts_block(line) or _ENUM.match(line):
            return False  # "- Mặt trận Tổ quốc, Đoàn" / "Thanh niên, …": an item wrapped early
        return _starts_upper(s) and looks_like_unit(line) and not _ends_sentence(prev)

    def _heading_ends(self, prev: str, s: str) -> bool:
        """A numbered heading wrapped over a line or two, then the text under it:
        "3. Phương hướng, nhiệm vụ … thời gian tới" / "Thời gian tới, dự báo …".

        The paragraph so far opens with a list number and has no sentence end; the
        new line starts a sentence (a capitalised common word: "Thời gian", not a
        name going on like "Bộ Tài chính" or "Luật" / "Bảo vệ …")."""
        joined = _plain_start(clean_inline(" ".join(self.lines)))
        marker = _ENUM.match(joined)
        if not marker or len(joined) > _MAX_WRAPPED_HEADING:
            return False
        if any(mark in joined[marker.end() :] for mark in ".;:!?") or _open_line(prev):
            return False
        last = clean_inline(prev).split()[-1:] or [""]
        words = clean_inline(s).split()
        if len(words) < 2 or not last[0][:1].islower():
            return False
        if not (words[0][:1].isupper() and words[1][:1].islower() and words[0].isalpha()):
            return False
        if words[0].isupper() and len(words[0]) > 1:
            return False  # "… kết quả giải quyết" / "TTHC chưa được …": an acronym goes on
        if words[0] in _SENTENCE_OPENERS:
            return True  # "… kiểm tra, giám sát" / "Các bộ, cơ quan ngang bộ …"
        head = " ".join(words[:3])
        # "… của Thủ tướng" / "Chính phủ, …"; "… thực hiện" / "Kết luận số 210-KL/TW": names
        return not (looks_like_unit(head) or fold(head).startswith(_DOCUMENT_NAMES))

    def _joins_across_blank(self, prev: str, s: str) -> bool:
        if has_open_bold(" ".join(self.lines)) or _starts_block(s):
            return False
        if _ENUM.match(_plain_start(s)) or _ends_sentence(prev, _TERMINAL_ACROSS_BLANK):
            return False
        return _starts_lower(s)

    def flush(self) -> None:
        if not self.lines:
            return
        raw = " ".join(self.lines)
        first = self.first_line
        self.lines = []
        self.chars = 0
        self.after_blank = False
        for piece in split_glued_bold(raw):
            self._emit(piece, first)

    def _emit(self, raw: str, line_no: int, level: int = 0) -> None:
        text = clean_inline(raw)
        if not text or not any(ch.isalnum() for ch in text):
            return
        kind: BlockKind = "heading" if level else "paragraph"
        self.out.append(
            Block(
                kind=kind,
                text=text,
                level=level,
                locator=Locator(line=line_no),
                bold=is_all_bold(raw),
            )
        )
        self.emitted_since_table = True


# A unit's name cut before its verb: "3. Bộ Tư lệnh" / "Thành phố chủ trì, phối hợp …".
_NAME_TAIL_THEN_VERB = re.compile(
    r"^([A-ZĐÀ-Ỹ]\w*\s+(?:\w+\s+){0,2}?)(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|tham mưu)\b"
)


def _name_runs_on(prev: str, s: str) -> bool:
    """A short numbered line naming a unit, then one or two capitalised words and the
    lead's verb: the name goes on ("Bộ Tư lệnh" / "Thành phố chủ trì …"). The next line
    restating the heading's unit ("Sở Tài chính" / "Sở Tài chính chủ trì …") does not."""
    m = _NAME_TAIL_THEN_VERB.match(clean_inline(s))
    if not m or not looks_like_unit(prev):
        return False
    return fold(m.group(1).strip()) not in fold(prev)


_SHORT_SHARE = 0.7  # of the wrap width: a line this short ended its paragraph


def _open_before_item(s: str) -> bool:
    """A line a list number at the next line's start plainly continues ("… quy định
    tại khoản" / "2 …", "… của" / "1. …"): a comma, a dash or a linking word."""
    t = clean_inline(s).rstrip()
    if not t or t[-1] in ",-–(/“":
        return bool(t)
    return t.split()[-1].lower() in _ITEM_LINKS


_ITEM_LINKS = {"khoản", "điểm", "điều", "mục", "tại", "và", "của", "theo", "với", "hoặc"}


def _open_line(s: str) -> bool:
    """The line plainly goes on: it ends in a comma, a dash or a word that needs what
    follows ("… của", "… tại khoản")."""
    t = clean_inline(s).rstrip()
    if not t:
        return False
    if t[-1] in ",-–(/“":
        return True
    words = t.split()
    if not words:
        return False
    last = words[-1].strip("*_\"'“”")
    return last.lower() in _OPEN_WORDS or last in OPEN_NAME_HEADS


# Words a wrapped line ends with when the sentence goes on (compared with diacritics).
_OPEN_WORDS = {
    "và", "của", "các", "cơ", "với", "cho", "tại", "theo", "về", "số", "trong", "những",
    "hoặc", "thuộc", "để", "từ", "đến", "là", "được", "trước", "ngày", "tháng", "năm",
    "khoản", "điểm", "điều", "mục", "quý", "giai", "đoạn",
}  # fmt: skip
_MAX_WRAPPED_HEADING = 160
# Capitalised only where a sentence starts, never inside a name that wraps.
_SENTENCE_OPENERS = {"Các", "Những", "Mỗi", "Để", "Trong", "Căn", "Trên", "Đối", "Hằng", "Hàng"}
_DOCUMENT_NAMES = (
    "ket luan", "nghi quyet", "nghi dinh", "quyet dinh", "chi thi", "chuong trinh", "ke hoach",
    "luat ", "thong tu", "thong bao", "cong van", "cong dien", "de an", "hien phap", "bo luat",
    "phap lenh", "quy dinh", "quy che", "chien luoc", "huong dan",
)  # fmt: skip


def _plain_start(s: str) -> str:
    return s.lstrip("*_ ").replace("**", "")


def _dash_goes_on(s: str) -> bool:
    m = _DASH_GOES_ON.match(s)
    return m is not None and s[m.end()].islower()


def _starts_block(s: str) -> bool:
    """A bullet, or a line that opens with bold (a heading or a labelled item)."""
    return bool(_BULLET.match(s)) or s.startswith(("**", "<b>", "<B>"))


def _starts_lower(s: str) -> bool:
    t = _plain_start(s)
    return bool(t) and t[0].isalpha() and t[0].islower()


def _starts_upper(s: str) -> bool:
    t = _plain_start(s)
    return bool(t) and t[0].isalpha() and t[0].isupper()


def _ends_sentence(s: str, marks: str = _TERMINAL) -> bool:
    t = clean_inline(s)
    return bool(t) and t[-1] in marks


def _case(s: str) -> str:
    """ "upper" for an upper-case line of two words or more, "caps-word" for a single
    upper-case word ("KẾT", "TTHC."), "lower" when it has lowercase letters, else
    "none" (digits and punctuation only)."""
    text = clean_inline(s)
    if any(ch.islower() for ch in text):
        return "lower"
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    if not words:
        return "none"
    return "upper" if len(words) >= 2 else "caps-word"
