"""Who an assignment goes to, as conclusions, dispatches and gazette tables write it.

Documents in our own words, each built to show one way the assignee is written:
the body asked by "đề nghị" or "phân công", a party committee's secretary or a bank's
governor standing for the unit, a second unit that takes over inside one item, a unit
that directs another one, and a gazette table whose coordinator cell is wrapped one word
a line under a "Tiến độ thực hiện" header.
"""

from __future__ import annotations

import sys
from datetime import date

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.loaders.text import parse_text  # noqa: E402
from knowledge.plan.model import ParsedPlan, Task  # noqa: E402
from knowledge.plan.parser import parse_plan  # noqa: E402

_CONCLUSION = """VĂN PHÒNG CHÍNH PHỦ
Số: 901/TB-VPCP
Hà Nội, ngày 10 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi làm việc với lãnh đạo tỉnh Hòa Bình Xanh

I. ĐÁNH GIÁ CHUNG

Tỉnh đã hoàn thành phần lớn các chỉ tiêu năm 2025.

II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI

Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ, giải pháp trong những tháng đầu năm 2026, lưu ý các nội dung sau:

1. Đổi mới cách điều hành kinh tế, huy động tối đa nguồn lực trong dân.

2. Phát triển mạng lưới trường học vùng cao, bảo đảm đủ giáo viên.

III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH

1. Về kho lương thực dự trữ: Tổng công ty Lương thực Miền Núi chủ động làm việc với các nhà đầu tư để hoàn thiện phương án. Để chọn được địa điểm, Ủy ban nhân dân tỉnh phối hợp với Bộ Công Thương rà soát quy hoạch, bố trí quỹ đất, báo cáo Thủ tướng Chính phủ trong tháng 6 năm 2026.

2. Về phủ sóng di động các bản vùng sâu: đề nghị Tập đoàn Viễn thông Cao Nguyên triển khai lắp đặt trạm, hoàn thành trong tháng 9 năm 2026; Bộ Khoa học và Công nghệ hướng dẫn Tập đoàn trong quá trình thực hiện.

3. Về đường tỉnh 12: Bộ Xây dựng chủ trì, phối hợp với Ủy ban nhân dân tỉnh xem xét phương án vốn trước ngày 30 tháng 4 năm 2026. Bộ Tài chính phối hợp thực hiện.

Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.
"""

_DISPATCH = """THỦ TƯỚNG CHÍNH PHỦ
Số: 88/CĐ-TTg
Hà Nội, ngày 02 tháng 10 năm 2026
CÔNG ĐIỆN
Về khắc phục hậu quả lũ quét tại các tỉnh miền núi

Thủ tướng Chính phủ yêu cầu:

1. Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Lào Cai, Yên Bái tiếp tục chỉ đạo các lực lượng tìm kiếm người mất tích, hoàn thành trước ngày 15/10/2026.

2. Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giãn nợ cho hộ dân bị thiệt hại.

3. Phân công các đồng chí Phó Thủ tướng Chính phủ theo dõi, đôn đốc công tác khắc phục tại từng tỉnh.

4. Chính phủ trân trọng đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam vận động các tổ chức, cá nhân ủng hộ đồng bào vùng lũ.

5. Bảo đảm an sinh xã hội

Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:

a) Chi trả trước hai tháng lương hưu cho người hưởng ở vùng lũ trong kỳ chi trả tháng 11 năm 2026.

b) Gia hạn thẻ bảo hiểm y tế bị mất, hư hỏng do lũ.
"""


def _parse(text: str, name: str) -> ParsedPlan:
    return parse_plan(parse_text(text, name))


def _tasks(plan: ParsedPlan, number: str) -> list[Task]:
    found = [t for t in plan.tasks if t.number == number]
    assert found, (number, [t.number for t in plan.tasks])
    return found


def test_items_under_a_request_to_a_party_committee_are_its_tasks() -> None:
    plan = _parse(_CONCLUSION, "thong-bao.txt")
    for number in ("II.1", "II.2"):
        (task,) = _tasks(plan, number)
        assert task.lead_units == ["Thường trực Tỉnh ủy"], (number, task.lead_units)
    assert not any(t.number.startswith("I.") for t in plan.tasks)  # an assessment


def test_a_second_unit_that_takes_over_inside_an_item_gets_its_own_task() -> None:
    plan = _parse(_CONCLUSION, "thong-bao.txt")
    first, second = _tasks(plan, "III.1")
    assert first.lead_units == ["Tổng công ty Lương thực Miền Núi"]
    assert first.deadline.final_due is None  # the date belongs to the province's part
    assert second.lead_units == ["UBND tỉnh"]  # the issuing province's committee
    assert second.deadline.final_due == date(2026, 6, 30)
    group, ministry = _tasks(plan, "III.2")
    assert ministry.lead_units == ["Bộ Khoa học và Công nghệ"]
    assert group.deadline.final_due == date(2026, 9, 30) and ministry.deadline.final_due is None
    # a unit that only takes part stays a coordinator of the task before it
    (road,) = _tasks(plan, "III.3")
    assert road.lead_units == ["Bộ Xây dựng"]


def test_office_holders_and_formulas_name_the_unit_that_acts() -> None:
    plan = _parse(_DISPATCH, "cong-dien.txt")
    (search,) = _tasks(plan, "1")
    assert search.lead_units[0] == "Tỉnh ủy"
    assert "Lào Cai" in search.lead_units[1] and "Yên Bái" in search.lead_units[1]
    assert search.deadline.final_due == date(2026, 10, 15)
    (bank,) = _tasks(plan, "2")
    assert bank.lead_units == ["Ngân hàng Nhà nước Việt Nam"]
    (deputies,) = _tasks(plan, "3")
    assert "Phó Thủ tướng" in deputies.lead_units[0]
    (front,) = _tasks(plan, "4")
    assert front.lead_units == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]


def test_the_unit_that_directs_another_leads_the_items_below() -> None:
    plan = _parse(_DISPATCH, "cong-dien.txt")
    for number in ("5.a", "5.b"):
        (task,) = _tasks(plan, number)
        assert task.lead_units == ["Bộ Tài chính"], (number, task.lead_units)


def test_a_dash_before_a_lowercase_word_goes_on_with_the_wrapped_line() -> None:
    # hard-wrapped text (recognized by its many prose lines of one width)
    context = [
        f"Nội dung giải thích số {k} về bối cảnh của kế hoạch được viết thành" for k in range(14)
    ]
    lines = [
        "KẾ HOẠCH",
        "Chuyển đổi số ngành nông nghiệp năm 2026",
        "I. BỐI CẢNH",
        *context,
        "đoạn văn dài.",
        "II. NHIỆM VỤ",
        "1. Sở Nông nghiệp và Môi trường theo dõi toàn bộ chuỗi sản phẩm từ khâu gieo trồng",
        "- thu hoạch - tiêu thụ, cập nhật dữ liệu lên nền tảng số dùng chung",  # mid-sentence
        "của tỉnh trong năm 2026.",
        "2. Sở Công Thương xây dựng sàn giao dịch nông sản của tỉnh, hoàn thành quý IV/2026.",
    ]
    plan = _parse("\n".join(lines), "ke-hoach.txt")
    (first,) = _tasks(plan, "II.1")
    assert "thu hoạch - tiêu thụ" in first.title
    assert first.deadline.final_due == date(2026, 12, 31)
    assert not any(t.title.startswith("thu hoạch") for t in plan.tasks)


_GAZETTE = [
    "HỘI ĐỒNG ĐIỀU PHỐI",
    "Số: 21/NQ-HĐĐP",
    "NGHỊ QUYẾT",
    "Về danh mục nhiệm vụ năm 2026",
    "Phụ lục",
    "DANH MỤC NHIỆM VỤ",
    "STT ",
    "Nhiệm vụ ",
    "Cơ quan chủ trì ",
    "Đơn vị phối hợp ",
    "(Bộ/ngành/địa phương) ",
    "Cấp phê duyệt ",
    "Tiến độ ",
    "thực hiện ",
    "1 ",
    "Xây dựng bộ tiêu chí đánh giá ",
    "mức độ hài lòng của người dân ",
    "Bộ Nội vụ ",
    "Các ",
    "bộ, ",
    "ngành, ",
    "địa ",
    "phương ",
    "Bộ trưởng Bộ ",
    "Nội vụ ",
    "2026 - 2027 ",
    "2 ",
    "Đào tạo chuyên sâu cán bộ thẩm ",
    "định hồ sơ đất đai ",
    "Bộ ",
    "Nông ",
    "nghiệp và ",
    "Môi trường ",
    "Thanh ",
    "tra ",
    "Chính phủ, ",
    "Bộ Tư pháp ",
    "Bộ trưởng Bộ ",
    "Nông nghiệp ",
    "và Môi trường ",
    "Hằng năm ",
]


def test_gazette_table_with_a_progress_column_and_a_word_a_line_coordinator_cell() -> None:
    plan = _parse("\n".join(_GAZETTE), "nghi-quyet-phu-luc.txt")
    (first,) = _tasks(plan, "1")
    assert first.lead_units == ["Bộ Nội vụ"]
    assert first.coordinating_units and first.coordinating_units[0].startswith("Các bộ, ngành")
    assert first.deadline.final_due == date(2027, 12, 31)  # "Tiến độ thực hiện" is the deadline
    assert "Bộ trưởng" in (first.submit_to or "")  # "Cấp phê duyệt"
    (second,) = _tasks(plan, "2")
    assert second.lead_units == ["Bộ Nông nghiệp và Môi trường"]  # a word a line
    assert second.coordinating_units == ["Thanh tra Chính phủ", "Bộ Tư pháp"]
    assert second.deadline.kind == "recurring"
