"""The one document model every loader produces and every parser reads.

A loaded file becomes a flat, ordered list of blocks: headings, paragraphs and
tables. Tables are rows of cell strings; merged cells are already expanded by the
loader (a horizontally merged cell repeats its text once, then empty strings; a
vertically merged cell leaves empty strings below it). Every block carries a
``Locator`` so that answers can cite "trang 3, bảng 2, dòng 14".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True)
class Locator:
    """Where a piece of text stands in its source file (all 1-based)."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """A short Vietnamese citation fragment, e.g. ``trang 2, bảng 1, dòng 5``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"trang {self.page}")
        if self.table is not None:
            parts.append(f"bảng {self.table}")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        elif self.line is not None:
            parts.append(f"dòng {self.line}")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Row:
    """One table row; ``cells`` are NFC-normalized, stripped strings."""

    cells: list[str]
    locator: Locator = field(default_factory=Locator)
    is_header: bool = False
    # Loader hint: the row's text was bold in the source (a group row such as
    # "I. CÔNG TÁC CHỈ ĐẠO"); the markup itself is stripped from ``cells``.
    bold: bool = False


@dataclass
class Table:
    rows: list[Row]
    index: int = 1
    locator: Locator = field(default_factory=Locator)
    # How a text loader read it: "columns" is a PDF text layer, one cell a line.
    layout: str = ""

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 0
    table: Table | None = None
    locator: Locator = field(default_factory=Locator)
    # Loader hint: text was bold/strong in the source (a likely heading or group row).
    bold: bool = False


@dataclass
class Document:
    """A loaded file, before any plan-specific interpretation."""

    source: str
    blocks: list[Block]
    format: str
    pages: int = 1
    # Key/value metadata that the source states outright (e.g. a legal-document
    # website's "Số hiệu | 3369/QĐ-UBND" header table), keys as written.
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    def text(self) -> str:
        """Plain text of the whole document (tables as tab-separated rows)."""
        out: list[str] = []
        for block in self.blocks:
            if block.table is not None:
                out.extend("\t".join(r.cells) for r in block.table.rows)
            else:
                out.append(block.text)
        return "\n".join(out)


class DocumentError(Exception):
    """A file that cannot be read; ``message`` is shown to the user (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
