"""A dispatch addressed to office holders (issue 7): the minister or the chair named
as the lead stands for the unit, "(1) …" sub-items are each a task of the unit they
name and share the date of the item they detail, and a prose body before long
numeric annexes is still read as hard-wrapped text. Documents in our own words."""

from __future__ import annotations

import sys
from datetime import date

import layout_docs
from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.loaders.text import _is_hard_wrapped, parse_text  # noqa: E402
from knowledge.plan.model import ParsedPlan, Task  # noqa: E402
from knowledge.plan.offices import office_units  # noqa: E402
from knowledge.plan.parser import parse_plan  # noqa: E402


def _plan() -> ParsedPlan:
    return parse_plan(parse_text(layout_docs.ADDRESSED_DISPATCH, "cong-dien.txt"))


def _task(plan: ParsedPlan, number: str) -> Task:
    found = [t for t in plan.tasks if t.number == number]
    assert len(found) == 1, (number, [(t.number, t.title[:40]) for t in plan.tasks])
    return found[0]


def test_office_holders_lead_as_their_units() -> None:
    plan = _plan()
    first = _task(plan, "I.1")
    assert first.lead_units == ["Bộ Nông nghiệp và Môi trường"]
    assert first.deadline.final_due == date(2025, 12, 31)
    assert _task(plan, "I.2.a").lead_units == ["Các Bộ, cơ quan ngang bộ"]
    chairs = _task(plan, "I.3")
    assert chairs.lead_units == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert chairs.deadline.final_due == date(2026, 12, 31)


def test_ministers_over_their_fields_name_each_ministry() -> None:
    from knowledge.plan.clauses import subject_of

    unit, rest = subject_of("Bộ trưởng các Bộ: Xây dựng, Công Thương chỉ đạo khôi phục giao thông.")
    assert unit == "Bộ Xây dựng, Bộ Công Thương"
    assert rest.startswith("chỉ đạo")


def test_a_head_word_over_its_fields_names_each_unit() -> None:
    listed = _task(_plan(), "I.4")
    assert listed.lead_units == [
        "Bộ Tài chính",
        "Bộ Văn hóa, Thể thao và Du lịch",  # the lexicon keeps its commas together
        "Ngân hàng Nhà nước Việt Nam",
    ]
    assert listed.deadline.final_due == date(2025, 12, 5)
    # the provinces a local-government head lists belong to the unit
    provinces = _task(_plan(), "I.5")
    assert provinces.lead_units == ["Ủy ban nhân dân các tỉnh Gia Lai, Khánh Hòa và Lâm Đồng"]
    assert provinces.deadline.final_due == date(2025, 11, 20)


def test_numbered_sub_items_are_tasks_sharing_the_items_date() -> None:
    plan = _plan()
    numbers = [t.number for t in plan.tasks]
    assert "I.2.b" not in numbers  # it only introduces "(1) …", "(2) …"
    finance = _task(plan, "I.2.b.1")
    assert finance.lead_units == ["Bộ Tài chính"]
    assert finance.deadline.final_due == date(2026, 1, 31)  # "hoàn thành trong tháng 01"
    assert finance.title.endswith("bảo đảm thông suốt.")  # its wrapped line goes on it
    assert _task(plan, "I.2.b.2").lead_units == ["Bộ Tư pháp"]
    assert _task(plan, "I.2.b.2").deadline.final_due == date(2026, 1, 31)
    # a sub-item's own date wins over the shared one
    assert _task(plan, "I.2.b.3").deadline.final_due == date(2025, 12, 15)
    # "(1) …" in a footnote after the signature states a fact: no task
    assert not any("12 bộ hồ sơ" in t.title for t in plan.tasks)


def test_wrapped_prose_before_numeric_annexes_joins_its_lines() -> None:
    assert _is_hard_wrapped(layout_docs.ADDRESSED_DISPATCH.splitlines())
    plan = _plan()
    # "… báo cáo Chính phủ, Thủ tướng" / "Chính phủ kết quả …" is one sentence
    assert not any("kết quả" in u for t in plan.tasks for u in t.lead_units)
    report = _task(plan, "II.1")
    assert report.deadline.kind == "recurring" and report.deadline.final_due is None
    item = _task(plan, "I.2.a")
    assert "sử dụng CSDL chung khi giải quyết" in item.title  # an acronym goes on the line
    assert not any(t.title.startswith("CSDL") for t in plan.tasks)


def test_titles_give_way_to_units() -> None:
    assert office_units("Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Công an") == "Bộ Y tế và Bộ Công an"
    assert office_units("Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ") == (
        "các Bộ, các cơ quan ngang Bộ"
    )
    assert office_units("Giám đốc, Thủ trưởng các sở, ban ngành") == "các sở, ban ngành"
    assert office_units("Tổng Kiểm toán Nhà nước") == "Kiểm toán Nhà nước"
    assert office_units("Các đồng chí Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh") == (
        "các Bộ, Ủy ban nhân dân các tỉnh"
    )
    assert office_units("Bộ trưởng Bộ Tài chính - Phó Trưởng Ban Chỉ đạo quốc gia, khu vực") == (
        "Bộ Tài chính"
    )
    # units that open with a title's word, and a head acting in person, stay
    assert office_units("Tổng cục Thống kê") == "Tổng cục Thống kê"
    assert office_units("Trưởng Ban Chỉ đạo") == "Trưởng Ban Chỉ đạo"


def test_a_conclusion_that_agrees_then_hands_the_work_on() -> None:
    plan = parse_plan(parse_text(layout_docs.AGREEING_CONCLUSION, "thong-bao.txt"))
    road = _task(plan, "II.1")
    assert road.lead_units == ["Bộ Xây dựng"]
    assert road.deadline.final_due == date(2025, 12, 31)
    funds = _task(plan, "II.2")  # the Prime Minister agrees; the ministry leads
    assert funds.lead_units == ["Bộ Tài chính"]
    assert funds.deadline.final_due == date(2025, 12, 31)
    port = [t for t in plan.tasks if "cảng hàng không" in t.title]
    assert len(port) == 1 and port[0].lead_units == ["Bộ Xây dựng"]
    # an unnumbered paragraph that agrees and hands on is a task of its own
    zone = [t for t in plan.tasks if "khu kinh tế" in t.title]
    assert len(zone) == 1 and zone[0].lead_units == ["Bộ Tài chính"]
    assert zone[0].deadline.final_due == date(2025, 12, 20)
    # the assessment states what was done: no task
    assert not any(t.number.startswith("I.") for t in plan.tasks)


def test_a_known_unit_before_an_action_word_of_its_own() -> None:
    from knowledge.plan.clauses import subject_of

    # "giám định" is in no verb list: the unit lexicon ends the name
    assert subject_of("Bộ Tài chính giám định hồ sơ, báo cáo Thủ tướng.")[0] == "Bộ Tài chính"
    # a name that goes on with its level or scope is kept whole
    assert subject_of("Các sở, ban, ngành tỉnh xây dựng kế hoạch.")[0] == "Các sở, ban, ngành tỉnh"


def test_a_wrapped_directive_with_duty_headings() -> None:
    plan = parse_plan(parse_text(layout_docs.WRAPPED_DIRECTIVE, "chi-thi.txt"))
    check = _task(plan, "1.a")  # "… Sở Y tế và" / "Ủy ban nhân dân các xã …": one item
    assert check.lead_units == ["Sở Xây dựng"]
    assert check.title.startswith("Phối hợp Sở Y tế và Ủy ban nhân dân các xã kiểm tra")
    assert check.deadline.final_due == date(2025, 12, 30)
    numbers = [t.number for t in plan.tasks]
    assert "2" not in numbers  # "… có trách nhiệm" only names the unit of 2.a, 2.b
    assert _task(plan, "2.a").lead_units == ["Các đơn vị cấp nước sạch trên địa bàn tỉnh"]
    assert _task(plan, "2.b").deadline.kind == "recurring"
