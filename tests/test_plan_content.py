"""Work items of a content section that names no unit ("II. NỘI DUNG TRỌNG TÂM — 1. …")."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SHARED
from plan_docs import doc, load

from knowledge.plan.model import Task
from knowledge.plan.parser import parse_plan


def _plan(*items: str):  # type: ignore[no-untyped-def]
    return parse_plan(doc("KẾ HOẠCH", "Bảo vệ tài liệu lưu trữ năm 2026", *items))


def _by_title(tasks: list[Task], start: str) -> Task:
    return next(t for t in tasks if t.title.startswith(start))


def test_numbered_items_of_a_focus_section_are_tasks_without_a_lead() -> None:
    plan = _plan(
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Nâng cao nhận thức của cán bộ về công tác lưu trữ.",
        "II. NỘI DUNG TRỌNG TÂM",
        "1. Tổ chức rà soát toàn bộ hồ sơ lưu trữ của các cơ quan.",
        "2. Nâng cao trách nhiệm của người đứng đầu trong công tác lưu trữ.",
        "3. Đầu tư trang thiết bị bảo quản tài liệu trước ngày 30/6/2026.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ",
        "- Chủ trì hướng dẫn các cơ quan rà soát hồ sơ.",
    )
    focus = [t for t in plan.tasks if t.section.startswith("II.")]
    assert [t.number for t in focus] == ["II.1", "II.2", "II.3"]
    assert all(t.lead_units == [] for t in focus)
    assert focus[0].deadline.due_dates == []  # no date is borrowed
    assert focus[2].deadline.due_dates == [date(2026, 6, 30)]
    # purposes are no tasks; the unit's duty is still read once, with its unit
    assert not any(t.title.startswith("Nâng cao nhận thức") for t in plan.tasks)
    duty = _by_title(plan.tasks, "Chủ trì hướng dẫn")
    assert duty.lead_units == ["Sở Nội vụ"]
    # read right, assigned to nobody: the admin is told to assign them, not to re-check
    assert plan.quality is not None and plan.quality.without_lead == 3
    assert plan.quality.verdict == "đọc tốt"
    assert plan.quality.notes == [
        "3 nhiệm vụ kế hoạch không giao cho đơn vị nào: cần phân công trước khi theo dõi tiến độ."
    ]


def test_bullets_under_activity_headings_are_the_tasks_not_the_headings() -> None:
    plan = _plan(
        "IV. NỘI DUNG HOẠT ĐỘNG TRIỂN KHAI",
        "**1. Công tác vệ sinh môi trường**",
        "*a) Thu gom rác thải sau lũ*",
        "- Tổ chức thu gom, vận chuyển rác thải sau lũ.",
        "- Thống kê gia súc chết và tiêu hủy theo quy định.",
        "*b) Tiêu độc khử trùng*",
        "- Trung tâm Kiểm soát bệnh tật tỉnh chủ trì cấp hóa chất khử trùng.",
        "- Cúm mùa.",
    )
    tasks = sorted(plan.tasks, key=lambda t: t.locator.line or 0)
    titles = [t.title for t in tasks]
    assert titles == [
        "Tổ chức thu gom, vận chuyển rác thải sau lũ.",
        "Thống kê gia súc chết và tiêu hủy theo quy định.",
        "Trung tâm Kiểm soát bệnh tật tỉnh chủ trì cấp hóa chất khử trùng.",
    ]  # "Cúm mùa." names a thing, not work
    assert tasks[0].number == "IV.1.a"
    assert tasks[2].lead_units == ["Trung tâm Kiểm soát bệnh tật tỉnh"]


def test_details_of_a_labelled_task_stay_details() -> None:
    plan = _plan(
        "II. NHIỆM VỤ",
        "**1. Hướng dẫn thi hành quy định mới về lưu trữ**",
        "- Hướng dẫn áp dụng các văn bản về lưu trữ điện tử;",
        "- Tổ chức tiếp nhận kiến nghị của cơ quan, tổ chức;",
        "Cơ quan chủ trì: Sở Nội vụ.",
        "Cơ quan phối hợp: Các sở, ngành.",
        "Thời gian thực hiện: Năm 2026.",
    )
    assert len(plan.tasks) == 1
    assert plan.tasks[0].lead_units == ["Sở Nội vụ"]


def test_a_plan_with_a_task_table_does_not_count_its_body_twice() -> None:
    from plan_docs import table

    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]]
    rows += [[str(k), f"Số hóa hồ sơ nhóm {k}", "Sở Nội vụ", "Quý IV/2026"] for k in (1, 2, 3)]
    plan = parse_plan(
        doc(
            "KẾ HOẠCH",
            "Số hóa tài liệu lưu trữ năm 2026",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "1. Đẩy mạnh số hóa hồ sơ lưu trữ của các cơ quan.",
            "PHỤ LỤC",
            table(rows),
        )
    )
    assert [t.title for t in plan.tasks] == [f"Số hóa hồ sơ nhóm {k}" for k in (1, 2, 3)]


def _real(stem: str):  # type: ignore[no-untyped-def]
    path = SHARED / "corpus" / f"{stem}.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (the real documents live in ../shared)")
    return parse_plan(load(path))


def test_real_focus_section_and_activity_bullets() -> None:
    plan = _real("nghean_2025_kh1026_baove_bimat_nhanuoc")
    focus = [t for t in plan.tasks if t.section.startswith("II.")]
    assert [t.number for t in focus] == ["II.1", "II.2", "II.3", "II.4", "II.5", "II.6"]
    assert all(not t.lead_units and not t.deadline.due_dates for t in focus)

    plan = _real("daklak_2025_kh0130_moitruong_dichbenh_saulu")
    activities = [t for t in plan.tasks if t.section.startswith("IV.")]
    assert len(activities) >= 40
    lab = _by_title(activities, "Trung tâm Kiểm soát bệnh tật tỉnh chủ trì")
    assert lab.lead_units == ["Trung tâm Kiểm soát bệnh tật tỉnh"]
    assert lab.number == "IV.1.c"
    assert all(not t.deadline.due_dates for t in activities)  # "24-48 giờ sau khi nước rút"


def test_a_heading_specified_by_name_value_entries_is_one_task() -> None:
    plan = _plan(
        "II. NỘI DUNG KẾ HOẠCH",
        "**1. Quan trắc chất lượng nước hồ chứa**",
        "*a) Nước cấp cho các trạm bơm*",
        "- Điểm quan trắc: 05 trạm bơm ven sông.",
        "- Trạm bơm Bắc Sơn: lấy mẫu 02 vị trí gồm:",
        "+ 01 vị trí tại cửa lấy nước;",
        "+ 01 vị trí tại bể lắng.",
        "- Thông số, tần suất: pH, độ đục; thời gian quan trắc từ tháng 4 đến tháng 9 năm 2026.",
        "*b) Tuyên truyền cho người dân*",
        "- Nội dung: cách dùng nước an toàn.",
        "- Số lượng: 2.000 tờ rơi.",
    )
    tasks = sorted(plan.tasks, key=lambda t: t.locator.line or 0)
    assert [(t.number, t.title) for t in tasks] == [
        ("II.1.a", "Nước cấp cho các trạm bơm"),
        ("II.1.b", "Tuyên truyền cho người dân"),
    ]
    assert tasks[0].deadline.due_dates == [date(2026, 9, 30)]
    assert tasks[1].deadline.due_dates == []


def test_an_action_with_a_colon_among_actions_stays_a_task() -> None:
    plan = _plan(
        "II. NHIỆM VỤ",
        "1. Bảo đảm nước sạch",
        "- Lấy mẫu xét nghiệm nhanh các nguồn nước: giếng, bể chứa, trạm cấp nước.",
        "- Hướng dẫn hộ gia đình xử lý nước bằng hóa chất khử khuẩn.",
        "- Cấp nước sạch bằng xe bồn tại khu vực thiếu nước.",
        "2. Truyền thông cho cộng đồng",
        "Truyền thông trên loa đài và mạng xã hội về cách xử lý nước sau lũ.",
    )
    titles = {t.title for t in plan.tasks}
    assert "Lấy mẫu xét nghiệm nhanh các nguồn nước: giếng, bể chứa, trạm cấp nước." in titles
    # a sub-heading holding one paragraph alone: that paragraph is its work
    assert "Truyền thông trên loa đài và mạng xã hội về cách xử lý nước sau lũ." in titles
    assert len(plan.tasks) == 4


def test_items_under_a_work_heading_take_the_lead_a_later_section_refers_them_to() -> None:
    plan = _plan(
        "III. PHÁT TRIỂN HẠ TẦNG LƯU TRỮ SỐ",
        "**1. Kho lưu trữ**",
        "a) Xây dựng kho lưu trữ số tập trung của tỉnh.",
        "b) Số hóa hồ sơ có giá trị bảo quản vĩnh viễn.",
        "**2. Nhân lực**",
        "a) Bồi dưỡng kỹ năng số cho người làm lưu trữ.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "**1. Sở Nội vụ**",
        "Chủ trì triển khai các nhiệm vụ tại mục (III) (1) của Kế hoạch.",
        "**2. Sở Khoa học và Công nghệ**",
        "Căn cứ các nội dung tại mục III, phối hợp hướng dẫn các đơn vị thực hiện.",
    )
    kho = _by_title(plan.tasks, "Xây dựng kho lưu trữ số")
    so_hoa = _by_title(plan.tasks, "Số hóa hồ sơ")
    nhan_luc = _by_title(plan.tasks, "Bồi dưỡng kỹ năng số")
    assert kho.number == "III.1.a"
    assert kho.lead_units == ["Sở Nội vụ"] and so_hoa.lead_units == ["Sở Nội vụ"]
    assert nhan_luc.lead_units == []  # "căn cứ … tại mục III" assigns nobody
