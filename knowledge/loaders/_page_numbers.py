"""Page numbers a PDF text extractor left inside the text (pypdf, pdfplumber): a line
that is only "2", then "3" some forty lines on, each between two lines of text.

With no form feed to mark a page, such a number cuts a sentence in two ("… trình Ủy ban
nhân dân" / "3" / "tỉnh trong Quý II/2026"). A bare number is a page number when it
goes on a run of them, one more each time, at least a page's worth of lines apart:
numbered rows of a table stand far closer. The line is kept as a page break, so that
line numbers stay right and the text runs on across it.
"""

from __future__ import annotations

import re

from knowledge.loaders._columns import PAGE_BREAK

_BARE = re.compile(r"^\s*(\d{1,3})\s*$")
MIN_PAGE_LINES = 20  # a page of a plan holds more lines than this
MIN_PAGES = 2
_MIN_LETTERS = 3


def page_numbers_dropped(lines: list[str]) -> list[str]:
    """``lines`` with the bare page numbers between text lines made page breaks; left as
    they are when the page headers already marked the pages (a Công báo text layer)."""
    if any(PAGE_BREAK in line for line in lines):
        return lines
    found = [
        (k, int(m.group(1)))
        for k, line in enumerate(lines)
        if (m := _BARE.match(line)) and _between_text(lines, k)
    ]
    run: list[tuple[int, int]] = []  # (line, page number) of the run so far
    for k, n in found:
        if run and k - run[-1][0] < MIN_PAGE_LINES:
            continue  # too close to the last one: a table's row number
        if run and n == run[-1][1] + 1:
            run.append((k, n))
        elif len(run) < MIN_PAGES:
            run = [(k, n)]  # a new run starts; a run of two or more is kept
    if len(run) < MIN_PAGES:
        return lines
    out = list(lines)
    for k, _ in run:
        out[k] = PAGE_BREAK
    return out


def _between_text(lines: list[str], k: int) -> bool:
    """Words on both sides: not a table's cell marks ("|") nor a blank."""
    return 0 < k < len(lines) - 1 and _words(lines[k - 1]) and _words(lines[k + 1])


def _words(line: str) -> bool:
    s = line.strip()
    return not s.startswith("|") and sum(c.isalpha() for c in s) >= _MIN_LETTERS
