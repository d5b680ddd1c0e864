"""List items a converter cut in two, joined back.

pymupdf4llm makes a bullet of every line that opens with the item's dash, and when a
dash item's first line wraps early it writes the rest as a bullet of its own: "- Rà soát,
lập danh sách …; hoàn" / "- thành trước ngày 30/9/2026.". An item that opens in lower case
right after a capitalised one that stopped mid-sentence is that item's rest.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^([-+•])\s+(\S.*)$")
_ENDS = (".", ";", ":", "!", "?", ")", "”", '"')


def cut_bullets_joined(text: str) -> str:
    """``text`` with each bullet cut in two written as one line."""
    if "\n- " not in text and "\n+ " not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    last = -1  # index in ``out`` of the last bullet, while only blank lines follow it
    for line in lines:
        m = _BULLET.match(line.strip())
        if m and last >= 0 and _goes_on(out[last], m.group(1), m.group(2)):
            del out[last + 1 :]  # the blank lines between the two halves
            out[last] = f"{out[last].rstrip()} {m.group(2).strip()}"
            continue
        out.append(line)
        if m:
            last = len(out) - 1
        elif line.strip():
            last = -1
    return "\n".join(out)


def _goes_on(previous: str, mark: str, rest: str) -> bool:
    """``rest`` (after ``mark``) carries on the bullet ``previous``."""
    before = previous.strip()
    # Items typed in lower case ("- rà soát hộ dân …" in a chat) are items, not halves.
    opens = before[len(mark) :].strip()[:1]
    return (
        before.startswith(mark)
        and not before.endswith(_ENDS)
        and opens.isupper()
        and rest[:1].islower()
    )
