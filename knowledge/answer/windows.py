"""The time window a question names, read by ``knowledge.timewindows`` (one reader)."""

from __future__ import annotations

from datetime import date

from knowledge.timewindows import TimeWindow, parse_time_window
from knowledge.timewindows import parse_quarter as parse_quarter

Window = TimeWindow


def parse_window(text: str, today: date) -> Window | None:
    """The time window a question names ("quý II", "tháng này", "30 ngày tới"), or None."""
    return parse_time_window(text, today)
