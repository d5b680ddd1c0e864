"""Markdown written from a web page (html2text, pandoc's gfm, a portal's "copy as
markdown"): a list dash or a number escaped so that it stays text ("\\- Rà soát …",
"1\\. Nhiệm vụ …"), links as "[text](url)" whose text may wrap onto the next line, and
"  * " bullets. The escapes and the link targets are dropped, so that the readers see the
plain text the page showed.
"""

from __future__ import annotations

import re

# A markdown escape of punctuation ("\-", "1\.", "\*"); a Windows path keeps its "\".
_ESCAPE = re.compile(r"\\([-.*_#+!\[\](){}`>|~\"'])")
# "[Hệ thống thông tin về nhà ở\nvà thị trường](https://…)": the text, without the target.
_LINK = re.compile(r"\[([^\[\]]{1,300})\]\((?:https?://|/|www\.)[^()\s]*\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
MIN_ESCAPES = 3  # fewer is a stray backslash in a plain text


def web_markdown_plain(text: str) -> str:
    """``text`` without markdown escapes and link targets, when it is such markdown."""
    if len(_ESCAPE.findall(text)) < MIN_ESCAPES and not _LINK.search(text):
        return text
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    return unescaped(text)


def unescaped(text: str) -> str:
    """Markdown's escapes undone ("1\\." -> "1.", "a\\)" -> "a)", "\\"" -> '"')."""
    return _ESCAPE.sub(r"\1", text)
