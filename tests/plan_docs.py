"""Hand-built ``Document`` objects for the plan-parser tests (no loader involved)."""

from __future__ import annotations

from pathlib import Path

from knowledge.document import Block, Document, Locator, Row, Table


def para(text: str, line: int = 0, bold: bool = False) -> Block:
    return Block(kind="paragraph", text=text, bold=bold, locator=Locator(line=line or None))


def heading(text: str, level: int = 2, line: int = 0) -> Block:
    return Block(kind="heading", text=text, level=level, locator=Locator(line=line or None))


def table(rows: list[list[str]], index: int = 1) -> Block:
    t = Table(
        rows=[
            Row(cells=cells, locator=Locator(table=index, row=i + 1), is_header=i == 0)
            for i, cells in enumerate(rows)
        ],
        index=index,
        locator=Locator(table=index),
    )
    return Block(kind="table", table=t, locator=Locator(table=index))


def doc(*items: str | Block, meta: dict[str, str] | None = None) -> Document:
    """Strings become paragraphs ("**…**" bold, "## …" headings), numbered by line."""
    blocks: list[Block] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Block):
            blocks.append(item)
        elif item.startswith("#"):
            blocks.append(heading(item.lstrip("#").strip(), item.count("#"), line=n))
        elif item.startswith("**") and item.endswith("**"):
            blocks.append(para(item.strip("*"), line=n, bold=True))
        else:
            blocks.append(para(item, line=n))
    return Document(source="test.txt", blocks=blocks, format="txt", meta=meta or {})


def load(path: Path) -> Document:
    from knowledge.loaders import load_document

    return load_document(path)
