"""Targets: measurable aims with their number phrases and horizon year."""

from __future__ import annotations

from conftest import seed_path
from plan_docs import doc, load

from knowledge.document import Locator
from knowledge.plan.parser import parse_plan
from knowledge.plan.targets import TextEntry, extract_targets, horizon, values_in


def test_number_phrases() -> None:
    assert values_in("Mức độ hài lòng đạt trên 95%.") == ["đạt trên 95%"]
    assert values_in("Tối thiểu 35% cơ quan, đơn vị được kiểm tra") == ["Tối thiểu 35%"]
    assert values_in("Phấn đấu ít nhất có 03 sáng kiến về CCHC") == ["03 sáng kiến"]
    assert values_in("hội nghị truyền hình trực tuyến đến 69/69 xã, phường") == ["69/69 xã"]
    assert values_in("Phấn đấu đạt 20%-25% số thủ tục") == ["Phấn đấu đạt 20%-25%"]
    assert values_in("đạt từ 95% trở lên") == ["đạt từ 95% trở lên"]
    assert values_in("Giảm tối thiểu 2,5% chi hỗ trợ") == ["Giảm tối thiểu 2,5%"]


def test_legal_references_and_dates_are_not_values() -> None:
    assert values_in("Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ") == []
    assert values_in("theo Điều 3 Quyết định số 118 của UBND tỉnh") == []
    assert values_in("Nghị định số 63/2010/NĐ-CP ngày 08/6/2010") == []


def test_horizon() -> None:
    assert horizon("Đến năm 2025: Giảm tối thiểu 10% biên chế so với năm 2021") == 2025
    assert horizon("đạt trên 95% vào năm 2030") == 2030
    assert horizon("100% văn bản được rà soát") is None


def entries(*items: tuple[str, str]) -> list[TextEntry]:
    return [TextEntry(section, text, Locator(line=i)) for i, (section, text) in enumerate(items)]


def test_targets_from_sections_with_lead_in_year() -> None:
    found = extract_targets(
        entries(
            ("II. CHỈ TIÊU", "1.1. 100% hồ sơ được số hóa; tỷ lệ thanh toán trực tuyến đạt 75%."),
            ("II. CHỈ TIÊU", "1.2. Phấn đấu ít nhất có 03 sáng kiến về CCHC."),
            ("III. CẢI CÁCH TTHC", "Đến năm 2030:"),
            (
                "III. CẢI CÁCH TTHC",
                "Mức độ hài lòng đạt trên 95%. Trong đó lĩnh vực đất đai đạt trên 90%.",
            ),
            (
                "III. CẢI CÁCH TTHC",
                "Tổ chức 05 hội nghị tập huấn.",
            ),  # a count outside a target section
            ("I. CĂN CỨ", "Căn cứ Nghị quyết số 76/NQ-CP, 100% nội dung đã triển khai."),
        ),
        plan_year=2026,
    )
    texts = [t.text for t in found]
    assert texts == [
        "100% hồ sơ được số hóa; tỷ lệ thanh toán trực tuyến đạt 75%.",
        "Phấn đấu ít nhất có 03 sáng kiến về CCHC.",
        "Mức độ hài lòng đạt trên 95%.",
        "Trong đó lĩnh vực đất đai đạt trên 90%.",
    ]
    assert found[0].values == ["100%", "đạt 75%"]
    assert found[0].year == 2026 and found[0].section == "II. CHỈ TIÊU"
    assert found[2].year == 2030 and found[3].year == 2030


def test_a_period_lead_in_is_said_with_each_target_under_it() -> None:
    section = "II. MỤC TIÊU > 2. Mục tiêu cụ thể"
    found = extract_targets(
        entries(
            (section, "- Giai đoạn 2026 - 2027"),
            (section, "+ 90% hồ sơ đất đai được giải quyết trực tuyến."),
            (section, "+ 100% xã có điểm truy cập Internet công cộng."),
            (section, "- Giai đoạn 2028-2030:"),
            (section, "+ 98% hồ sơ đất đai được giải quyết trực tuyến."),
            (section, "+ 100% xã có điểm truy cập Internet công cộng."),
            (section, "+ Đến năm 2029, 70% thôn có cáp quang."),
        ),
        plan_year=2026,
    )
    assert [(t.year, t.text) for t in found] == [
        (2027, "Giai đoạn 2026 - 2027: 90% hồ sơ đất đai được giải quyết trực tuyến."),
        (2027, "Giai đoạn 2026 - 2027: 100% xã có điểm truy cập Internet công cộng."),
        (2030, "Giai đoạn 2028-2030: 98% hồ sơ đất đai được giải quyết trực tuyến."),
        # the same aim for the next period is a target of its own, not a duplicate
        (2030, "Giai đoạn 2028-2030: 100% xã có điểm truy cập Internet công cộng."),
        (2029, "Đến năm 2029, 70% thôn có cáp quang."),  # its own year says when
    ]


def test_parse_plan_reads_targets_from_paragraphs() -> None:
    plan = parse_plan(
        doc(
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2026",
            "I. MỤC TIÊU",
            "- Tỷ lệ hồ sơ được giải quyết đúng hạn trên 98%.",
            "- Nghị quyết số 05-NQ/TU ngày 14/12/2021 được quán triệt.",
        )
    )
    assert [(t.text, t.values, t.year) for t in plan.targets] == [
        ("Tỷ lệ hồ sơ được giải quyết đúng hạn trên 98%.", ["trên 98%"], 2026)
    ]


def _targets(prefix: str):  # type: ignore[no-untyped-def]
    return parse_plan(load(seed_path(prefix))).targets


def test_seed_004_targets() -> None:
    targets = _targets("004")
    by_text = {t.text.rstrip("."): t for t in targets}
    on_time = by_text["Tỷ lệ hồ sơ TTHC được giải quyết trước, đúng hạn trên 99%"]
    assert on_time.values == ["trên 99%"] and on_time.year == 2026
    assert "II. CÁC CHỈ TIÊU CHỦ YẾU" in on_time.section
    assert any(v == "Tối thiểu 35%" for t in targets for v in t.values)
    assert any("03 sáng kiến" in t.values for t in targets)
    assert any("69/69 xã" in t.values for t in targets)
    assert len(targets) >= 35


def test_seed_003_targets_have_horizons() -> None:
    targets = _targets("003")
    assert len(targets) >= 20
    payment = [t for t in targets if "thanh toán trực tuyến đạt từ 60% trở lên" in t.text]
    assert payment and payment[0].year == 2030
    simplify = [t for t in targets if t.text.startswith("Phấn đấu đạt 20%-25%")]
    assert simplify and simplify[0].year == 2025 and simplify[0].values == ["Phấn đấu đạt 20%-25%"]


def test_seed_000_targets() -> None:
    targets = _targets("000")
    satisfied = [t for t in targets if t.text.startswith("Phấn đấu đến năm 2030")]
    assert satisfied and satisfied[0].year == 2030
    assert any(t.values == ["đạt 90%"] for t in targets)
    assert all("Mục tiêu" in t.section for t in targets)
    # legal bases in "Mục đích" are not targets
    assert not any("76/NQ-CP" in v for t in targets for v in t.values)
