"""A slide deck dumped to text (PowerPoint / Impress outline export, a python-pptx dump):
"Slide 1" rules between the slides, a title line, bullets at three levels ("•", "–",
"○"), a footer per slide ("Sở Công Thương | 24/02/2026 | 5") and the speaker's notes
("Ghi chú: …") after it. A plan presented at a meeting comes this way: its tasks are the
bullets, each with its time after an arrow ("→ trước 31/3/2026") or in brackets.

The deck is written back as a plan's text: the rules, footers and notes are dropped;
each title becomes a heading line; the bullets become "-" items and "+" sub-items; a
time after an arrow or in closing brackets becomes the item's "thời hạn"; the plan's
number and date, named on the first slide, are written as its header.
"""

from __future__ import annotations

import re

from knowledge.loaders._textmeta import announced_header

_RULE = re.compile(r"^[\s=\-_─═]*(?:Slide|Trang chiếu|Trang)\s+\d{1,3}[\s=\-_─═]*$", re.IGNORECASE)
MIN_SLIDES = 3
_FOOTER = re.compile(r"^[^|\n]{2,80}\|\s*\d{1,2}/\d{1,2}/\d{4}\s*\|\s*\d{1,3}\s*$")
_NOTES = re.compile(r"^\s*(?:Ghi chú|Notes?|Ghi chú của người trình bày)\s*:", re.IGNORECASE)
_BULLETS = {"•": "-", "▪": "-", "●": "-", "–": "+", "-": "+", "○": "◦", "◦": "◦", "▫": "◦"}
_ARROW = re.compile(r"(?:→|->|=>)(?P<time>[^→>]*+)$")
_BRACKET = re.compile(r"\[(?P<time>[^\[\]]{2,60}+)\][ \t]*+$")


def slides_as_text(text: str) -> str:
    """The plan a slide deck presents, as plain lines; other text comes back unchanged."""
    lines = text.split("\n")
    if sum(1 for line in lines if _RULE.match(line)) < MIN_SLIDES:
        return text
    out: list[str] = []
    header_done = False
    for slide in _slides(lines):
        title, body = slide[0].strip(), slide[1:]
        if _AGENDA.match(title):
            continue  # "NỘI DUNG TRÌNH BÀY / 1. … 5. Thảo luận": the talk's order, no plan
        out += ["", title]
        for line in body:
            if not header_done and (head := announced_header(line)):
                out += head
                header_done = True
            else:
                out.append(_item(line))
    return "\n".join(out) + "\n"


_AGENDA = re.compile(r"^(?:NỘI DUNG(?: TRÌNH BÀY| CHÍNH)?|MỤC LỤC|CHƯƠNG TRÌNH(?: HỘI NGHỊ)?)$")


def _slides(lines: list[str]) -> list[list[str]]:
    """Each slide's lines, its title first, without its footer and its speaker's notes;
    what comes before the first rule is a slide of its own."""
    slides: list[list[str]] = [[]]
    in_notes = False
    for line in lines:
        if _RULE.match(line):
            slides.append([])
            in_notes = False
        elif in_notes or _NOTES.match(line):
            in_notes = True  # the speaker's notes run to the next slide
        elif not _FOOTER.match(line.strip()) and (line.strip() or slides[-1]):
            slides[-1].append(line)
    return [s for s in slides if s]


def _item(line: str) -> str:
    stripped = line.strip()
    if not stripped or stripped[0] not in _BULLETS:
        return line.rstrip()
    mark = _BULLETS[stripped[0]]
    body = stripped[1:].strip()
    time = _ARROW.search(body) or _BRACKET.search(body)
    if time is not None and time["time"].strip():
        body = f"{body[: time.start()].rstrip(' ,;:')}, thời hạn: {time['time'].strip()}"
    if not body.endswith((":", ".", ";")):
        body += "."
    return f"{mark} {body}"
