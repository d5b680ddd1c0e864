"""Time windows read from officials' questions, relative to a fixed now."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.deadlines import parse_deadline
from knowledge.timewindows import parse_time_window

NOW = date(2026, 5, 13)  # a Wednesday in quý II


@pytest.mark.parametrize(
    ("question", "start", "end", "label"),
    [
        (
            "Sở Tư pháp có những nhiệm vụ nào đến hạn trong quý II?",
            "2026-04-01",
            "2026-06-30",
            "quý II/2026",
        ),
        ("nhiệm vụ đến hạn quý I/2026", "2026-01-01", "2026-03-31", "quý I/2026"),
        ("nhiem vu den han quy 2 nam 2026", "2026-04-01", "2026-06-30", "quý II/2026"),
        ("quý hai năm 2026 Sở Nội vụ làm gì", "2026-04-01", "2026-06-30", "quý II/2026"),
        ("quý IV năm 2025 có những việc gì", "2025-10-01", "2025-12-31", "quý IV/2025"),
        ("việc phải xong trong quý này", "2026-04-01", "2026-06-30", "quý II/2026"),
        ("quý sau Sở Nội vụ phải làm gì", "2026-07-01", "2026-09-30", "quý III/2026"),
        ("nhiệm vụ hết hạn tháng này", "2026-05-01", "2026-05-31", "tháng 5/2026"),
        # "sắp đến hạn trong tháng tới": from today for a month, so the end of May is in it
        ("nhiem vu nao sap den han trong thang toi", "2026-05-13", "2026-06-13", "1 tháng tới"),
        ("tháng tới có nhiệm vụ gì", "2026-06-01", "2026-06-30", "tháng 6/2026"),
        ("thang sau co viec gi", "2026-06-01", "2026-06-30", "tháng 6/2026"),
        ("các nhiệm vụ tháng 3", "2026-03-01", "2026-03-31", "tháng 3/2026"),
        ("nhiệm vụ tháng 3/2027", "2027-03-01", "2027-03-31", "tháng 3/2027"),
        ("những việc trong tháng 12 năm 2025", "2025-12-01", "2025-12-31", "tháng 12/2025"),
        (
            "tuần này có nhiệm vụ nào đến hạn",
            "2026-05-11",
            "2026-05-17",
            "tuần này",
        ),
        ("tuan sau", "2026-05-18", "2026-05-24", "tuần sau"),
        (
            "30 ngày tới có gì đến hạn",
            "2026-05-13",
            "2026-06-12",
            "30 ngày tới",
        ),
        ("7 ngay toi", "2026-05-13", "2026-05-20", "7 ngày tới"),
        ("năm nay Phòng HC-QT có bao nhiêu nhiệm vụ", "2026-01-01", "2026-12-31", "năm 2026"),
        ("nhiệm vụ đến hạn năm 2027", "2027-01-01", "2027-12-31", "năm 2027"),
        ("6 tháng đầu năm cần hoàn thành gì", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"),
        ("6 thang cuoi nam 2025", "2025-07-01", "2025-12-31", "6 tháng cuối năm 2025"),
        ("hôm nay có gì đến hạn", "2026-05-13", "2026-05-13", "hôm nay"),
        (
            "cuối năm phải nộp báo cáo gì",
            "2026-12-01",
            "2026-12-31",
            "cuối năm 2026",
        ),
        (
            "nhiệm vụ phải xong trước ngày 30/06/2026",
            "2026-05-13",
            "2026-06-30",
            "trước 30/06/2026",
        ),
        (
            "từ 01/06/2026 đến 15/06/2026",
            "2026-06-01",
            "2026-06-15",
            "từ 01/06/2026 đến 15/06/2026",
        ),
    ],
)
def test_window(question: str, start: str, end: str, label: str) -> None:
    w = parse_time_window(question, NOW)
    assert w is not None
    assert (w.start.isoformat(), w.end.isoformat(), w.label) == (start, end, label)


def test_year_turn() -> None:
    december = date(2026, 12, 5)
    nxt = parse_time_window("tháng sau", december)
    assert nxt is not None and (nxt.start, nxt.end) == (date(2027, 1, 1), date(2027, 1, 31))
    q = parse_time_window("quý tới", december)
    assert q is not None and q.label == "quý I/2027"
    week = parse_time_window("tuần sau", december)  # Saturday 05/12 -> Monday 07/12
    assert week is not None and (week.start, week.end) == (date(2026, 12, 7), date(2026, 12, 13))


def test_year_stated_elsewhere_in_the_question() -> None:
    w = parse_time_window("kế hoạch năm 2025: nhiệm vụ nào hạn quý II", NOW)
    assert w is not None and w.label == "quý II/2025"
    w = parse_time_window("tháng 1 năm sau", NOW)
    assert w is not None and w.label == "tháng 1/2027"


@pytest.mark.parametrize(
    "question",
    [
        "nhiệm vụ nào quá hạn?",
        "các nhiệm vụ trễ hạn của Sở Nội vụ",
        "ai chu tri trien khai tro ly ao",
        "Phòng HC-QT có bao nhiêu nhiệm vụ?",
        "tỷ lệ TTHC thanh toán trực tuyến phải đạt bao nhiêu",
        "Kế hoạch CCHC năm 2026 có bao nhiêu nhiệm vụ",  # the year names the plan
        "Quyết định số 3369/QĐ-UBND ngày 31/12/2025 do ai ký",
        "Kế hoạch số 02/KH-BCĐ, ngày 25 tháng 01 năm 2024 gồm những gì",
        "nhiệm vụ 3.18 là gì",
        "tinh den hom nay nhung nhiem vu nao da qua han",  # as of today: no window
        "Sở Nội vụ có việc nào quá hạn tới hôm nay không?",
        "quy định về thủ tục hành chính",
        "quỹ bảo hiểm xã hội",
        "",
    ],
)
def test_no_window(question: str) -> None:
    assert parse_time_window(question, NOW) is None


def test_window_holds_deadlines() -> None:
    w = parse_time_window("quý II năm 2026", NOW)
    assert w is not None and w.matched == "quý II năm 2026"
    assert w.holds(parse_deadline("Quý II/2026"))
    assert w.holds(parse_deadline("- Đợt 1 tháng 6/2026 - Đợt 2 tháng 12/2026"))
    assert not w.holds(parse_deadline("Quý III/2026"))
    assert not w.holds(parse_deadline("Thường xuyên"))  # no invented date to match
    assert not w.holds(parse_deadline("Hằng quý"))
