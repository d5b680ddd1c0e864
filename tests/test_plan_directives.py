"""Assignments written as numbered prose (resolutions, conclusions, dispatches, duty
lists): documents written in our own words in ``layout_docs``, then the clause rules.

Each test checks what a user relies on: which items are tasks, their full number,
their lead unit and their final due date (or none: no date is ever invented from a
cited document, a meeting, a start, a horizon or a cadence).
"""

from __future__ import annotations

import sys
from datetime import date

import layout_docs
import pytest
from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.loaders.text import parse_text  # noqa: E402
from knowledge.plan.clauses import after_opener, assignment_deadline, subject_of  # noqa: E402
from knowledge.plan.model import ParsedPlan, Task  # noqa: E402
from knowledge.plan.parser import parse_plan  # noqa: E402


def _parse(text: str, name: str = "plan.txt") -> ParsedPlan:
    return parse_plan(parse_text(text, name))


def _task(plan: ParsedPlan, number: str) -> Task:
    found = [t for t in plan.tasks if t.number == number]
    assert found, (number, [t.number for t in plan.tasks])
    return found[0]


def _due(task: Task) -> date | None:
    return task.deadline.final_due


def test_resolution_items_take_the_lead_of_the_introducing_sentence() -> None:
    plan = _parse(layout_docs.RESOLUTION, "nghi-quyet.txt")
    first = _task(plan, "I.2.a")
    # the ministers, heads and chairs addressed stand for their units
    assert first.lead_units == [
        "Các Bộ, cơ quan ngang bộ",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ]
    # the firm "trước ngày" wins over the scope "trong năm 2026"
    assert _due(first) == date(2026, 3, 20)
    # a cited decree's date and other tasks' deadlines ("có thời hạn …") are no deadline
    assert _due(_task(plan, "I.2.b")) is None
    cadence = _task(plan, "I.2.c")
    assert cadence.deadline.kind == "recurring" and _due(cadence) is None
    assert _due(_task(plan, "I.2.d")) is None  # "đến năm 2030, tầm nhìn đến năm 2045"
    # the assessment section states facts: no task from "Bộ Tài chính đã hoàn thành …"
    assert not any(t.number.startswith("I.1") for t in plan.tasks)


def test_appendix_unit_items_and_their_lettered_tasks() -> None:
    plan = _parse(layout_docs.RESOLUTION, "nghi-quyet.txt")
    numbers = [t.number for t in plan.tasks]
    assert "1" not in numbers and "2" not in numbers  # "… chủ trì, phối hợp …:" introduce
    # "Lãnh đạo các địa phương …" and "Chỉ đạo các cơ quan …" stay with the unit above
    assert _task(plan, "1.a").lead_units == [
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    ]
    assert _due(_task(plan, "1.a")) == date(2026, 6, 30)
    assert _task(plan, "1.b").lead_units == [
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    ]
    # lists run past "h)": "i)", "k)" are items too
    assert [n for n in numbers if n.startswith("2.")][-2:] == ["2.i", "2.k"]
    assert _due(_task(plan, "2.i")) == date(2026, 5, 31)
    assert _due(_task(plan, "2.k")) == date(2026, 7, 1)  # "để có hiệu lực từ 01 tháng 7"


def test_conclusion_topics_then_assignments() -> None:
    plan = _parse(layout_docs.CONCLUSION, "thong-bao.txt")
    assert [t.number for t in plan.tasks] == ["II.1", "II.2", "II.3", "II.4"]
    school = _task(plan, "II.1")
    assert school.lead_units == ["Bộ Giáo dục và Đào tạo"]
    assert school.coordinating_units == ["Bộ Tài chính"]
    assert _due(school) == date(2025, 12, 31)
    assert _task(plan, "II.2").lead_units == ["Tỉnh"]  # the province the notice answers
    home = _task(plan, "II.3")  # a topic with colons of its own, a cited decree's date
    assert home.lead_units == ["Bộ Nội vụ"] and _due(home) is None
    # "với vai trò là chủ đầu tư, Tập đoàn …": the unit after an opening phrase
    oil = _task(plan, "II.4")
    # the group's former name is an alias of the one it bears since 2025
    assert oil.lead_units == ["Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam"]
    assert _due(oil) == date(2025, 12, 15)


def test_dispatch_addressees_are_no_tasks() -> None:
    plan = _parse(layout_docs.DISPATCH, "cong-dien.txt")
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert _task(plan, "1").lead_units == ["Bộ Tài chính"]
    assert _due(_task(plan, "1")) == date(2025, 12, 10)
    assert not any("Tổng giám đốc" in u for t in plan.tasks for u in t.lead_units)
    assert plan.meta.title == "Khẩn trương khắc phục hậu quả mưa lũ"
    assert (plan.meta.issuer, plan.meta.place) == ("Thủ tướng Chính phủ", "Hà Nội")


def test_duty_lists_under_any_title_and_topic_lists() -> None:
    plan = _parse(layout_docs.DUTY_LISTS, "ke-hoach.txt")
    by_lead: dict[str, list[Task]] = {}
    for task in plan.tasks:
        for unit in task.lead_units:
            by_lead.setdefault(unit, []).append(task)
    # "c) Doanh nghiệp số" among topic headings is a topic, not a unit
    assert not [u for u in by_lead if u.startswith("Doanh nghiệp")]
    finance = by_lead["Sở Tài chính"]  # "2. Phân công trách nhiệm" / "2.1. Sở Tài chính" / a), b)
    assert [t.number for t in finance] == ["I.2.1.a", "I.2.1.b"]
    assert _due(finance[1]) == date(2025, 12, 31)
    # a wrapped italic heading, and a name the unit lexicon does not know
    assert "Sở Khoa học và Công nghệ" in by_lead
    assert by_lead["Liên hiệp các Hội Khoa học và Kỹ thuật"][0].number == "I.2.3"
    # "Trách nhiệm của X:" names X, and the bullet reads its own date
    owner = [t for t in plan.tasks if t.raw_lead.startswith("đối tượng")]
    assert owner and _due(owner[0]) == date(2026, 6, 30)
    # "Trên cơ sở …, các sở, ban, ngành tỉnh căn cứ …": the unit after the opening phrase
    assert any(u.startswith("Các sở, ban, ngành") for t in plan.tasks for u in t.lead_units)
    # a reporting section assigns too
    report = [t for t in by_lead["Sở Khoa học và Công nghệ"] if _due(t)]
    assert report and _due(report[0]) == date(2026, 12, 15)
    # the horizon is no plan year: the plan runs from its issue to 2035
    assert (plan.meta.plan_year, plan.meta.period_end_year) == (2025, 2035)


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        ("Bộ Tài chính chủ trì, phối hợp với các bộ rà soát.", "Bộ Tài chính"),
        (
            "Về kinh phí trường học: giao Bộ Giáo dục và Đào tạo nghiên cứu.",
            "Bộ Giáo dục và Đào tạo",
        ),
        (
            "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh",
            "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh",
        ),
        (
            "Trên cơ sở Kế hoạch này, các sở, ban, ngành tỉnh xây dựng kế hoạch.",
            "các sở, ban, ngành tỉnh",
        ),
        ("Bộ Ngoại giao chủ trì các hoạt động đối ngoại.", "Bộ Ngoại giao"),
        ("Lãnh đạo, chỉ đạo xây dựng văn bản quy phạm pháp luật.", ""),
        ("Bố trí sử dụng cán bộ, công chức cấp xã đã được tuyển dụng.", ""),
        ("Thực hiện sắp xếp các đơn vị, trường học, cơ sở y tế theo quy định.", ""),
    ],
)
def test_subject_of_an_assignment(body: str, unit: str) -> None:
    assert subject_of(body)[0] == unit


def test_an_opening_phrase_is_passed_over_at_its_commas() -> None:
    assert after_opener("Căn cứ Kế hoạch, Sở Nội vụ tổng hợp.")[1] == "Sở Nội vụ tổng hợp."
    assert after_opener("Sở Nội vụ tổng hợp.") == ["Sở Nội vụ tổng hợp."]


@pytest.mark.parametrize(
    ("text", "final"),
    [
        ("báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 5 năm 2026.", date(2026, 5, 15)),
        ("theo Công điện số 36/CĐ-TTg ngày 25 tháng 4 năm 2026 về kỷ cương.", None),
        ("kết luận tại Phiên họp ngày 12 tháng 3 năm 2026 của Chính phủ.", None),
        ("thực hiện từ ngày 01/7/2026 trên cả nước.", None),
        ("các luật có hiệu lực từ ngày 01 tháng 7 năm 2026.", None),
        ("trình Nghị định để có hiệu lực từ 01 tháng 7 năm 2026.", date(2026, 7, 1)),
        ("thực hiện Chiến lược đến năm 2030, tầm nhìn đến năm 2045.", None),
        ("định kỳ hằng tháng, gửi báo cáo trước ngày 25/12/2026.", None),
        ("nhất là 44 nhiệm vụ có thời hạn hoàn thành trong quý II năm 2026.", None),
        ("phấn đấu tiết kiệm điện 3% trong năm 2026.", date(2026, 12, 31)),
        (
            "chỉ tiêu trong năm 2026, gửi Bộ Tài chính trước ngày 06 tháng 5 năm 2026.",
            date(2026, 5, 6),
        ),
        ("Xử lý nhà, đất dôi dư. Trong quý III năm 2026, hoàn thành cắt giảm.", date(2026, 9, 30)),
        (
            "hoàn thành trong tháng 5; báo cáo trước ngày 15 tháng 5 năm 2026; hoàn thành trong quý II năm 2026.",
            date(2026, 6, 30),
        ),
        # an end is no horizon: "từ nay đến hết …", "đến hết năm …"
        ("Thời gian cấp hỗ trợ: từ nay đến hết ngày 30 tháng 6 năm 2026.", date(2026, 6, 30)),
        ("Duy trì đường dây nóng đến hết năm 2026.", date(2026, 12, 31)),
        ("Xây dựng đề án đến năm 2030, tầm nhìn đến năm 2045.", None),
    ],
)
def test_assignment_deadline_is_the_tasks_own(text: str, final: date | None) -> None:
    assert assignment_deadline(text, 2026).final_due == final


def test_assignment_without_a_date_keeps_its_cadence() -> None:
    quarterly = assignment_deadline("Định kỳ hằng quý báo cáo kết quả thực hiện.", 2026)
    assert (quarterly.kind, quarterly.recurrence) == ("recurring", "quarterly")
    bound = assignment_deadline("trình ngay sau khi Nghị quyết được ban hành.", 2026)
    assert bound.kind == "event" and not bound.due_dates


ROLE_DIRECTIVE = """ỦY BAN NHÂN DÂN TỈNH MẪU
Số: 07/CT-UBND

CHỈ THỊ
Về phối hợp xử lý hồ sơ dự án đầu tư

1. Sở Tài chính chủ trì tổng hợp danh mục dự án kêu gọi đầu tư, hoàn thành trước ngày 30/6/2026.

2. Cơ quan chủ trì thẩm định hồ sơ dự án

a) Hướng dẫn nhà đầu tư hoàn thiện hồ sơ trong thời hạn quy định.

b) Tổng hợp ý kiến của các cơ quan liên quan, báo cáo trước ngày 15/7/2026.

3. Cơ quan phối hợp có trách nhiệm gửi ý kiến bằng văn bản đúng thời hạn được đề nghị.

4. Tổ chức thực hiện

Các sở, ngành triển khai Chỉ thị này.
"""


def test_a_role_addressee_is_the_lead_not_a_bare_noun() -> None:
    """ "Cơ quan chủ trì thẩm định …" and "Cơ quan phối hợp có trách nhiệm …" name a role:
    the whole role is the lead, neither the bare "Cơ quan" nor nothing."""
    plan = _parse(ROLE_DIRECTIVE, "chi-thi.txt")
    assert _task(plan, "2.a").lead_units == ["Cơ quan chủ trì thẩm định hồ sơ dự án"]
    assert _due(_task(plan, "2.b")) == date(2026, 7, 15)
    assert _task(plan, "3").lead_units == ["Cơ quan phối hợp"]
    assert _task(plan, "1").lead_units == ["Sở Tài chính"]
    # "Tổ chức thực hiện" is a section heading, never a unit
    assert not any("Tổ chức thực hiện" in u for t in plan.tasks for u in t.lead_units)
    assert subject_of("Cơ quan phối hợp có trách nhiệm trả lời")[0] == "Cơ quan phối hợp"


_CONCLUSION_INLINE = """VĂN PHÒNG CHÍNH PHỦ
Số: 777/TB-VPCP
THÔNG BÁO
Kết luận của Ban Chỉ đạo về chuyển đổi số
III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM
**1. Hoàn thiện thể chế:** Các bộ khẩn trương trình Chính phủ ban hành các nghị định hướng dẫn; nhiệm vụ thường xuyên.
**2. Xây dựng chiến lược dữ liệu:** **(1)** Bộ Tư pháp ban hành chiến lược trước ngày 25 tháng 11 năm 2025; **(2)** Bộ Công an hướng dẫn các bộ xếp hạng cơ sở dữ liệu, hoàn thành trước ngày 10 tháng 12 năm 2025.
**3. Nhiệm vụ của từng cơ quan**
a) Bộ Khoa học và Công nghệ: **(1)** trình Thủ tướng Chính phủ chương trình công nghệ chiến lược trong tháng 11 năm 2025; **(2)** các bộ, ngành tập trung: **(i)** sửa đổi 120 văn bản quy phạm pháp luật; **(ii)** rà soát quy định về dịch vụ công trực tuyến.
b) Lĩnh vực nội vụ: Đơn vị sự nghiệp công lập thuộc Sở Nội vụ được sắp xếp lại theo lộ trình.
"""


def test_sub_items_written_inside_one_paragraph_are_tasks_of_their_own() -> None:
    plan = _parse(_CONCLUSION_INLINE, "thong-bao.txt")
    first = _task(plan, "III.2.1")
    assert first.lead_units == ["Bộ Tư pháp"]
    assert _due(first) == date(2025, 11, 25)
    second = _task(plan, "III.2.2")
    assert second.lead_units == ["Bộ Công an"]
    assert _due(second) == date(2025, 12, 10)
    # the unit named before the marks does the unnamed ones
    chosen = _task(plan, "III.3.a.1")
    assert chosen.lead_units == ["Bộ Khoa học và Công nghệ"]
    assert _due(chosen) == date(2025, 11, 30)
    assert _task(plan, "III.3.a.2.i").title.startswith("sửa đổi 120 văn bản")
    assert _task(plan, "III.3.a.2.ii").title.startswith("rà soát quy định")


def test_a_topic_then_its_assignment_in_one_item_is_led_by_the_subject() -> None:
    plan = _parse(_CONCLUSION_INLINE, "thong-bao.txt")
    assert _task(plan, "III.1").lead_units == ["Các bộ"]
    # a topic whose sentence is passive assigns nothing to its subject
    assert not any(t.number == "III.3.b" for t in plan.tasks)


PARTNERS_IN_WORDS = """ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
Số: 07/CT-UBND
CHỈ THỊ
Về nâng cao chất lượng giải quyết thủ tục hành chính
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Nội vụ:
a) Theo dõi việc chấp hành kỷ luật hành chính của công chức.
b) Phối hợp Văn phòng UBND tỉnh đánh giá mức độ hài lòng của người dân, doanh nghiệp.
2. Văn phòng UBND tỉnh:
a) Công khai kết quả giải quyết hồ sơ trên Cổng dịch vụ công.
b) Phối hợp với các sở, ngành và các địa phương số hóa kết quả giải quyết hồ sơ.
"""


def test_partners_named_in_a_duty_are_its_coordinators() -> None:
    plan = parse_plan(parse_text(PARTNERS_IN_WORDS, "ct_07.txt"))
    by_number = {t.number: t for t in plan.tasks}
    # "b) Phối hợp Văn phòng UBND tỉnh đánh giá …" under Sở Nội vụ's heading
    assert by_number["1.b"].lead_units == ["Sở Nội vụ"]
    assert by_number["1.b"].coordinating_units == ["Văn phòng UBND tỉnh"]
    assert by_number["1.a"].coordinating_units == []
    # a list read to the next verb runs on ("các địa phương số hóa …"): only the units
    # the plan or the unit table knows are kept
    assert by_number["2.b"].coordinating_units == ["Các sở, ngành"]
