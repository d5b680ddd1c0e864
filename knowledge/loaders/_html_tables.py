"""HTML tables inside a text plan, written as markdown tables.

pandoc's GitHub markdown (``-t gfm``) writes a Word table it cannot draw with pipes (merged
cells, several paragraphs in a cell) as raw ``<table>`` markup between the markdown
paragraphs. The rest of the file is text, so the file is read as text and each table is
expanded (``rowspan`` / ``colspan``, as the HTML reader does) into a pipe table.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from knowledge.plan.tables import NONE_MARK

# A table's markup from its opening to its closing tag; tables are not nested in the
# text pandoc writes (a nested one is flattened by the HTML reader's cell text).
_TABLE = re.compile(r"<table\b[^>]*+>.*?</table\s*>", re.I | re.S)
# What an HTML page has around its tables and a markdown file has not.
_PAGE_TAG = re.compile(r"<(?:html|body|p|div|h[1-6]|li|ul|ol|span|br|font)\b", re.I)
MIN_TEXT_LINES = 10  # lines of text outside the tables that make a file text, not a page


def has_text_around_tables(text: str) -> bool:
    """Outside its ``<table>`` blocks the file is text with no page markup at all: a
    markdown plan with HTML tables in it, not an HTML page (a Word page wraps its
    paragraphs' text over plain lines too, but each paragraph opens with a tag)."""
    rest = [ln for ln in _TABLE.sub("\n", text).splitlines() if ln.strip()]
    return len(rest) >= MIN_TEXT_LINES and not any(_PAGE_TAG.search(ln) for ln in rest)


def html_tables_as_markdown(text: str) -> str:
    """``text`` with each ``<table>`` written as markdown rows, when it is a text plan."""
    if "<table" not in text.lower() or not has_text_around_tables(text):
        return text
    return _TABLE.sub(lambda m: _markdown(m.group(0)), text)


def _markdown(markup: str) -> str:
    from knowledge.loaders.html import expand_table

    table = BeautifulSoup(markup, "lxml").find("table")
    if table is None:
        return markup
    # The markup says which cells are merged and which are empty; pipes cannot, so a
    # merged cell's text goes in every row it spans and an empty cell says so.
    rows = expand_table(table, repeat_spans=True, empty=NONE_MARK)
    if not rows:
        return ""
    lines = ["| " + " | ".join(_cell(c, head) for c in cells) + " |" for cells, head, *_ in rows]
    if rows[0][1]:  # a header row: the separator markdown readers expect after it
        lines.insert(1, "|" + "---|" * len(rows[0][0]))
    # the blank lines around the markup stay: a page's cut between two tables shows as it did
    return "\n".join(lines)


def _cell(text: str, header: bool) -> str:
    if header and text == NONE_MARK:
        return ""
    return " ".join(text.replace("|", "/").split())
