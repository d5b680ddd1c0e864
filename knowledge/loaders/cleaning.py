"""String clean-up shared by the binary-format loaders (Word, PDF)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.vietnamese import nfc

# No-break and exotic spaces become plain spaces; zero-width marks and soft hyphens go.
_SPACE_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r" {2,}")
_TABS = re.compile(r"(?<! ) *+\t[\t ]*+")  # a run is tried once, from its start


def clean_line(line: str) -> str:
    line = _INVISIBLE.sub("", _SPACE_LIKE.sub(" ", nfc(line)))
    return _TABS.sub("\t", _SPACES.sub(" ", line)).strip()


def clean_lines(lines: Iterable[str]) -> str:
    """Clean each line, drop empty ones, join with newlines."""
    out = [clean_line(part) for line in lines for part in line.splitlines()]
    return "\n".join(part for part in out if part)


def clean_text(text: str) -> str:
    """NFC, tidy spaces, strip every line and drop blank lines."""
    return clean_lines(text.splitlines())
