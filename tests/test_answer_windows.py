"""Time windows named in questions, relative to "now" (one reader: knowledge.timewindows)."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer.windows import parse_window

TODAY = date(2026, 4, 10)  # a Friday


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("nhiệm vụ đến hạn trong quý I/2026", date(2026, 1, 1), date(2026, 3, 31)),
        ("nhiem vu den han quy IV", date(2026, 10, 1), date(2026, 12, 31)),
        ("việc đến hạn tháng này", date(2026, 4, 1), date(2026, 4, 30)),
        ("viec den han thang 12/2025", date(2025, 12, 1), date(2025, 12, 31)),
        ("những việc đến hạn tuần sau", date(2026, 4, 13), date(2026, 4, 19)),
        ("nhiệm vụ trong 30 ngày tới", date(2026, 4, 10), date(2026, 5, 10)),
        ("nhiệm vụ 6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30)),
    ],
)
def test_windows(question: str, start: date, end: date) -> None:
    w = parse_window(question, TODAY)
    assert w is not None and (w.start, w.end) == (start, end)


def test_no_window() -> None:
    assert parse_window("ai chủ trì triển khai trợ lý ảo", TODAY) is None
