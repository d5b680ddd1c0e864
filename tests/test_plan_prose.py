"""Tasks written in prose with inline labels (lead unit, coordinators, deadline)."""

from __future__ import annotations

from datetime import date

from conftest import corpus_files
from plan_docs import doc, load

from knowledge.plan.labels import find_labels
from knowledge.plan.parser import parse_plan


def prose_tasks(document):  # type: ignore[no-untyped-def]
    plan = parse_plan(document)
    return [t for t in plan.tasks if t.kind == "task" and t.locator.table is None]


def test_labels_in_one_line() -> None:
    labels = find_labels(
        "Cơ quan chủ trì: Sở Tư pháp; Cơ quan phối hợp: Sở Nội vụ, Sở Tài chính; "
        "Thời gian hoàn thành: Quý II/2025."
    )
    assert [(x.kind, x.value) for x in labels] == [
        ("lead", "Sở Tư pháp"),
        ("coord", "Sở Nội vụ, Sở Tài chính"),
        ("deadline", "Quý II/2025"),
    ]


def test_label_per_line_under_a_heading() -> None:
    tasks = prose_tasks(
        doc(
            "KẾ HOẠCH",
            "Nâng cao năng lực xây dựng pháp luật năm 2026",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "**1. Rà soát, kiện toàn đội ngũ cán bộ xây dựng pháp luật**",
            "- Thường xuyên rà soát, kiện toàn đội ngũ cán bộ, công chức.",
            "Đơn vị chủ trì thực hiện: Các",
            "Sở, ngành, đơn vị, UBND cấp xã.",
            "Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp.",
            "Thời gian thực hiện: Thường xuyên.",
            "**2. Tổ chức tập huấn**",
            "- Tổ chức tập huấn kỹ năng xây dựng pháp luật.",
            "- Biên soạn tài liệu tập huấn.",
            "- Cơ quan chủ trì: Sở Tư pháp.",
            "- Thời gian thực hiện: Quý",
            "IV năm 2026.",
        )
    )
    assert len(tasks) == 2
    first, second = tasks
    assert first.title == "Thường xuyên rà soát, kiện toàn đội ngũ cán bộ, công chức."
    assert (
        first.section
        == "II. NHIỆM VỤ, GIẢI PHÁP > 1. Rà soát, kiện toàn đội ngũ cán bộ xây dựng pháp luật"
    )
    assert first.raw_lead == "Các Sở, ngành, đơn vị, UBND cấp xã"
    assert first.lead_units
    assert first.raw_coordinating == "Sở Nội vụ, Sở Tư pháp"
    assert first.deadline.raw == "Thường xuyên"
    assert first.deadline.due_dates == []  # ongoing: no invented date
    # two detail paragraphs: the heading names the task
    assert second.title == "Tổ chức tập huấn" and second.number == "II.2"
    assert second.deadline.raw == "Quý IV năm 2026"
    assert second.deadline.due_dates == [date(2026, 12, 31)]


def test_task_label_with_lettered_parts() -> None:
    tasks = prose_tasks(
        doc(
            "II. NHIỆM VỤ",
            "**1.1. Xây dựng chiến lược dữ liệu:**",
            "a) Nhiệm vụ: Tham mưu UBND Thành phố hoàn thiện Chiến lược dữ liệu.",
            "b) Cơ quan thực hiện:",
            "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.",
            "- Đơn vị phối hợp: Các Sở, ban, ngành.",
            "c) Thời gian thực hiện: Hoàn thành trong năm 2025.",
        )
    )
    assert len(tasks) == 1
    task = tasks[0]
    assert task.title == "Tham mưu UBND Thành phố hoàn thiện Chiến lược dữ liệu"
    assert task.raw_lead == "Sở Khoa học và Công nghệ"
    assert task.deadline.due_dates == [date(2025, 12, 31)]


def test_lettered_items_take_their_parent_number() -> None:
    tasks = prose_tasks(
        doc(
            "II. NỘI DUNG",
            "3.1. Góp ý dự thảo văn bản",
            "a) Nghị định quy định chi tiết thi hành Luật.",
            "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.",
            "- Thời gian thực hiện: Quý II/2025.",
            "b) Nghị định quy định về điều kiện kinh doanh.",
            "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.",
            "- Thời gian thực hiện: Quý III/2025.",
            "3.2. Triển khai văn bản",
            "a) Nghị định quy định chi tiết thi hành Luật.",
            "- Cơ quan chủ trì: Sở Tư pháp.",
            "- Thời gian thực hiện: Quý IV/2025.",
        )
    )
    assert [t.number for t in tasks] == ["II.3.1.a", "II.3.1.b", "II.3.2.a"]


def test_processing_time_is_not_a_task() -> None:
    tasks = prose_tasks(
        doc(
            "II. NỘI DUNG CHI TIẾT",
            "**1. Tên thủ tục hành chính: Cấp giấy phép hoạt động dịch vụ việc làm.**",
            "a. Nội dung cắt giảm, đơn giản hóa: Giảm 02 ngày so với quy định.",
            "- Thời gian giải quyết theo quy định: 07 ngày kể từ ngày tiếp nhận đủ giấy tờ.",
            "- Thời gian thực hiện: 05 ngày kể từ ngày Sở Nội vụ tiếp nhận đủ giấy tờ.",
            "b. Lý do: thực tế có thể rút ngắn được 02 ngày.",
        )
    )
    assert tasks == []


def _corpus(name: str):  # type: ignore[no-untyped-def]
    return next(p for p in corpus_files() if p.name.startswith(name))


def test_corpus_labelled_prose_tasks_have_lead_and_deadline() -> None:
    # laichau's items 2 and 5 state no time and item 6 no unit; every other task has both
    for name, minimum, incomplete in (
        ("bacninh_2026-2030_kh141", 12, 0),
        ("hanoi", 5, 0),
        ("laichau", 6, 3),
    ):
        tasks = [t for t in prose_tasks(load(_corpus(name))) if t.raw_lead or t.deadline.raw]
        assert len(tasks) >= minimum, name
        complete = [t for t in tasks if t.lead_units and t.deadline.raw]
        assert len(complete) == len(tasks) - incomplete, name
        assert all(t.title for t in tasks), name


def test_corpus_bacninh_specific_task() -> None:
    tasks = prose_tasks(load(_corpus("bacninh_2026-2030_kh141")))
    ai = [t for t in tasks if t.title.startswith("Ra mắt AI pháp luật")]
    assert ai and ai[0].deadline.due_dates == [date(2025, 12, 31)]
    assert any("Khoa học và Công nghệ" in u for u in ai[0].lead_units)


def test_corpus_tthc_simplification_has_no_prose_tasks() -> None:
    plan = parse_plan(load(_corpus("hcm_2025_qd2843")))
    assert not [t for t in plan.tasks if t.raw_lead == "" and "ngày" in t.deadline.raw]


def test_corpus_laichau_lettered_tasks_are_distinct() -> None:
    numbers = [t.number for t in prose_tasks(load(_corpus("laichau")))]
    assert {"II.3.1.a", "II.3.1.b", "II.3.2.a", "II.3.2.b"} <= set(numbers)
    assert len(numbers) == len(set(numbers))


def test_a_numbered_assignment_that_opens_a_list_gives_its_bullets_to_its_unit() -> None:
    plan = parse_plan(
        doc(
            "KẾ HOẠCH",
            "Phòng chống thiên tai dựa vào cộng đồng năm 2026",
            "V. TỔ CHỨC THỰC HIỆN",
            "1. Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chủ trì hướng dẫn "
            "thực hiện Kế hoạch; tổ chức thực hiện các nhiệm vụ sau:",
            "- Điều phối chung, đôn đốc các sở, ngành triển khai Kế hoạch.",
            "- Tổng hợp, báo cáo kết quả thực hiện hằng năm.",
            "**2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Y tế, Ủy ban nhân dân "
            "các phường, xã, đặc khu:**",
            "- Lồng ghép nội dung phòng chống thiên tai vào hoạt động ngoại khóa.",
        )
    )
    by_title = {t.title: t for t in plan.tasks}
    assert set(by_title) == {
        "Điều phối chung, đôn đốc các sở, ngành triển khai Kế hoạch.",
        "Tổng hợp, báo cáo kết quả thực hiện hằng năm.",
        "Lồng ghép nội dung phòng chống thiên tai vào hoạt động ngoại khóa.",
    }  # the item that only introduces its list is no task of its own
    assert by_title["Tổng hợp, báo cáo kết quả thực hiện hằng năm."].lead_units == [
        "Sở Nông nghiệp và Môi trường"
    ]
    assert by_title["Tổng hợp, báo cáo kết quả thực hiện hằng năm."].number == "V.1"
    # "X chủ trì, phối hợp với Y, Z": X leads, the others coordinate
    lesson = by_title["Lồng ghép nội dung phòng chống thiên tai vào hoạt động ngoại khóa."]
    assert lesson.lead_units == ["Sở Giáo dục và Đào tạo"]


def _bullet_plan(*lines: str):  # type: ignore[no-untyped-def]
    return parse_plan(
        doc("KẾ HOẠCH", "Tiết kiệm năng lượng năm 2026", "I. MỤC TIÊU",
            "- Giảm 2% điện năng tiêu thụ.", *lines)
    )  # fmt: skip


def test_bare_unit_bullet_heads_its_deeper_bullets() -> None:
    """ "- Sở Xây dựng:" with nothing after the colon: the "+" lines under it are that
    unit's tasks, up to the next "-" line, which names its own unit."""
    plan = _bullet_plan(
        "II. NHIỆM VỤ",
        "1. Các sở, ngành",
        "- Sở Xây dựng:",
        "+ Kiểm tra quy chuẩn chiếu sáng ở công trình mới, thời hạn: Quý II/2026.",
        "+ Hướng dẫn các xã lập phương án thay đèn, thời hạn: Quý III/2026.",
        "- Sở Nội vụ: Đưa kết quả tiết kiệm vào thi đua, thời hạn: trước 15/11/2026.",
    )
    got = [(t.number, t.lead_units, t.deadline.due_dates) for t in plan.tasks if t.lead_units]
    assert got == [
        ("II.1", ["Sở Xây dựng"], [date(2026, 6, 30)]),
        ("II.1", ["Sở Xây dựng"], [date(2026, 9, 30)]),
        ("II.1", ["Sở Nội vụ"], [date(2026, 11, 15)]),
    ]


def test_deeper_bullet_under_a_whole_task_is_its_detail() -> None:
    """ "+ Lồng ghép …" under a "-" task that ends its sentence says how that task is
    done: no task of its own, and no task for the heading's unit."""
    plan = _bullet_plan(
        "II. NHIỆM VỤ",
        "1. UBND các xã, phường",
        "- Rà soát đèn chiếu sáng công cộng, lập danh mục cần thay, thời hạn: tháng 8/2026.",
        "+ Gửi danh mục về Sở Công Thương.",
        "- Vận động hộ gia đình dùng thiết bị hiệu suất cao, thời hạn: Thường xuyên.",
    )
    titles = [t.title for t in plan.tasks if t.lead_units]
    assert len(titles) == 2, titles
    assert titles[0].startswith("Rà soát đèn") and titles[1].startswith("Vận động")


def test_time_set_apart_at_the_end_of_an_item() -> None:
    """ "…, Quý III/2026." with no cue word: the item's deadline; a range's end and a
    second date after "và" count; a bare "năm 2026" there is scope, not a deadline."""
    plan = _bullet_plan(
        "II. NHIỆM VỤ",
        "1. Sở Công Thương",
        "- Kiểm tra kiểm toán năng lượng tại các cơ sở trọng điểm, Quý III/2026.",
        "- Thông báo lịch điều chỉnh phụ tải cho khách hàng lớn, thời hạn: 01/5 – 31/7/2026.",
        "- Báo cáo kết quả tiết kiệm, thời hạn: trước 15/6/2026 và 05/12/2026.",
        "- Tuyên truyền tiết kiệm điện trong cộng đồng, năm 2026.",
    )
    dues = [t.deadline.due_dates for t in plan.tasks if t.lead_units]
    assert dues == [
        [date(2026, 9, 30)],
        [date(2026, 7, 31)],
        [date(2026, 6, 15), date(2026, 12, 5)],
        [],
    ]


def test_role_statement_restating_the_monitoring_is_no_task() -> None:
    plan = _bullet_plan(
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Công Thương là cơ quan thường trực, theo dõi, đôn đốc và tổng hợp kết quả "
        "thực hiện Kế hoạch.",
        "2. Các sở, ngành báo cáo kết quả về Sở Công Thương trước ngày 15/12/2026.",
    )
    assert [t.lead_units for t in plan.tasks] == [["Các sở, ngành"]]


def test_a_lead_in_paragraph_under_a_unit_heading_gives_its_bullets_partners() -> None:
    """ "Chủ trì, phối hợp với Sở Tài chính, UBND các xã:" under "2. Sở Công Thương" leads
    in the bullets: they are the tasks, done with those units; the line is none."""
    plan = _bullet_plan(
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ",
        "- Hướng dẫn đưa kết quả tiết kiệm vào thi đua.",
        "2. Sở Công Thương",
        "Chủ trì, phối hợp với Sở Tài chính, UBND các xã, phường:",
        "- Hỗ trợ doanh nghiệp kiểm toán năng lượng.",
        "- Quảng bá sản phẩm tiết kiệm điện tại hội chợ.",
    )
    ours = [t for t in plan.tasks if t.lead_units == ["Sở Công Thương"]]
    assert [t.title[:8] for t in ours] == ["Hỗ trợ d", "Quảng bá"]
    assert all(t.coordinating_units == ["Sở Tài chính", "UBND cấp xã"] for t in ours)
