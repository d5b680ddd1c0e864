"""Word's automatic list labels as docx2python writes them: "1)\t", "\ta)\t", "--\t".

docx2python prints every numbered list item with its own label style, a closing
parenthesis and a TAB ("1)\t Sở Văn hóa …", indented sub-items "\ta)\t …"), and a bullet
as "--\t". The plan printed "1." and "-": the labels are written back that way, so that
the outline reader sees the items it knows. A text is rewritten only when such labels
open several of its lines, so that a TAB inside a table row is left alone.
"""

from __future__ import annotations

import re

_LABEL = re.compile(r"^\t*+(\d{1,2}|[a-zđ]|[ivx]{1,4})\)\t[ \t]*+", re.MULTILINE)
_BULLET = re.compile(r"^\t*+--\t(?:[-–][ \t]++)?", re.MULTILINE)
_MIN_LABELS = 3


def _written_back(m: re.Match[str]) -> str:
    label = m.group(1)
    return f"{label}. " if label.isdigit() else f"{label}) "


def auto_labels_plain(text: str) -> str:
    """``text`` with docx2python's list labels written as the plan prints them."""
    if len(_LABEL.findall(text)) + len(_BULLET.findall(text)) < _MIN_LABELS:
        return text
    return _BULLET.sub("- ", _LABEL.sub(_written_back, text))
