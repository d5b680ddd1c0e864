"""Bounds on untrusted input: file size, pages, characters, parse time, question length.

A hostile or careless file (a 200 MB text, a zip bomb, a 5,000,000-column span) must
be refused with a clear Vietnamese message before it can eat the machine's memory
or keep the single ingest worker busy for minutes. The configurable limits come
from the settings (``.env.example`` lists them); the structural ones below are
constants because no real plan comes near them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from knowledge import texts
from knowledge.document import Document, DocumentError
from storage.settings import Settings, get_settings

# A cell spanning more columns or rows than this is clipped (HTML and Word alike).
MAX_SPAN = 100
# A table wider than this is no plan table; refused rather than padded out.
MAX_TABLE_COLUMNS = 256
# Rows x columns of one table once spans are expanded (a real plan table: ~5,000).
MAX_TABLE_CELLS = 1_000_000
# A word this long is no Vietnamese syllable: never typo-corrected (the candidate
# set grows with the square of the length).
MAX_CORRECTED_WORD = 24
# Only this many words of a message are considered for typo correction.
MAX_CORRECTED_WORDS = 64
# Lines and paragraphs longer than this are split (at a space where possible) where
# they are read, so no pattern ever sees more than this many characters at once.
MAX_LINE_CHARS = 10_000

# Word files are zip archives: every member's declared size is checked before
# anything is inflated (zipfile never inflates past the declared size).
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part, inflated
ZIP_MAX_TOTAL_BYTES = 512 * 1024 * 1024  # the whole archive, inflated
ZIP_MAX_RATIO = 200  # inflated / compressed, for members above ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 1000
    max_chars: int = 1_000_000
    parse_seconds: float = 120.0
    max_question_chars: int = 1000

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        s = settings or get_settings()
        return cls(
            max_file_bytes=int(s.max_upload_mb * 1024 * 1024),
            max_pages=s.max_document_pages,
            max_chars=s.max_document_chars,
            parse_seconds=s.parse_timeout_seconds,
            max_question_chars=s.max_question_chars,
        )


def current() -> Limits:
    return _ACTIVE.get() or Limits.from_settings()


_ACTIVE: ContextVar[Limits | None] = ContextVar("planbot_limits", default=None)
_DEADLINE: ContextVar[tuple[float, str] | None] = ContextVar("planbot_deadline", default=None)


@contextmanager
def reading(name: str, limits: Limits | None = None) -> Iterator[Limits]:
    """Within this block, ``check_time`` refuses once the file's parse time is spent.

    Nested blocks (ingest around load and parse, the loader inside) share the
    outermost deadline: the time limit is for the whole file.
    """
    if _DEADLINE.get() is not None:
        yield limits or current()
        return
    active = limits or current()
    token_limits = _ACTIVE.set(active)
    token_deadline = _DEADLINE.set((time.monotonic() + active.parse_seconds, name))
    try:
        yield active
    finally:
        _DEADLINE.reset(token_deadline)
        _ACTIVE.reset(token_limits)


def check_time() -> None:
    """Raise ``DocumentError`` when the file being read has used up its time.

    Called between steps (pages, tables, rows, blocks) by the loaders and the plan
    parser: Python cannot stop a thread from outside, so the work stops itself.
    """
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        seconds = int(current().parse_seconds)
        raise DocumentError(texts.FILE_TOO_SLOW.format(name=deadline[1], seconds=seconds))


def check_table(width: int, cells: int) -> None:
    """Refuse a table too wide (forged spans, a 100,000-column grid) or with too many
    cells once its spans are expanded."""
    if width > MAX_TABLE_COLUMNS or cells > MAX_TABLE_CELLS:
        raise DocumentError(
            texts.FILE_TABLE_TOO_WIDE.format(
                name=_current_name(), columns=_num(width), limit=MAX_TABLE_COLUMNS
            )
        )


def _current_name() -> str:
    deadline = _DEADLINE.get()
    return deadline[1] if deadline is not None else "?"


def check_file_size(size: int, name: str, limits: Limits | None = None) -> None:
    active = limits or current()
    if size > active.max_file_bytes:
        raise DocumentError(
            texts.FILE_TOO_BIG.format(name=name, size=_mb(size), limit=_mb(active.max_file_bytes))
        )


def check_chars(count: int, name: str, limits: Limits | None = None) -> None:
    _check_count(count, (limits or current()).max_chars, texts.FILE_TOO_MANY_CHARS, name)


def check_pages(count: int, name: str, limits: Limits | None = None) -> None:
    _check_count(count, (limits or current()).max_pages, texts.FILE_TOO_MANY_PAGES, name)


def _check_count(count: int, limit: int, message: str, name: str) -> None:
    if count > limit:
        raise DocumentError(message.format(name=name, count=_num(count), limit=_num(limit)))


def check_document(doc: Document, limits: Limits | None = None) -> None:
    """Pages and characters of a loaded document against the limits."""
    check_pages(doc.pages, doc.source, limits)
    check_chars(document_chars(doc), doc.source, limits)


def document_chars(doc: Document) -> int:
    total = 0
    for block in doc.blocks:
        total += len(block.text)
        if block.table is not None:
            total += sum(len(c) for row in block.table.rows for c in row.cells)
    return total


def split_long(text: str, limit: int = MAX_LINE_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at a space when one is near."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind(" ", start + limit // 2, end)
        if cut <= start:
            cut = end
        pieces.append(text[start:cut])
        start = cut + 1 if cut < end and text[cut] == " " else cut
    pieces.append(text[start:])
    return pieces


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " MB"


def _num(n: int) -> str:
    return f"{n:,}".replace(",", ".")
