"""Round 10: plans a helper wrote in its own words without seeing the parser
(tests/gold/written3), and the readers they showed missing, each on a short document
written here: a fixed-width table whose quarters are ticked, a Quyết định whose tasks
are Điều 2's khoản, a báo cáo whose items name the unit at their end, and a running
title printed under the page number in the middle of a sentence.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from test_written_plans import _parse, _task  # noqa: E402

from bench import parse_eval  # noqa: E402
from knowledge.loaders import load_document  # noqa: E402
from knowledge.plan.parser import parse_plan  # noqa: E402


@pytest.mark.parametrize("stem", parse_eval.WRITTEN3)
def test_round_ten_written_plans_meet_the_targets(stem: str) -> None:
    score = parse_eval.score_file(stem)
    assert score is not None
    assert score.found / score.gold >= 0.9, score.misses
    assert score.lead / score.found >= 0.9
    assert score.due / score.found >= 0.9
    assert score.invented <= 1


def test_the_round_ten_set_is_there() -> None:
    assert len(parse_eval.WRITTEN3) == 5


def _row(stt: str, cells: list[str], marks: str) -> str:
    """One line of a fixed-width table: STT at 1, then columns at 7, 45, 68, and the
    four quarter columns at 92, 99, 106, 113 ("x" or blank)."""
    line = f" {stt:<5} {cells[0]:<37} {cells[1]:<22} {cells[2]:<23}"
    for k, mark in enumerate(marks):
        line += f"{mark:^7}" if k < 3 else mark.center(7).rstrip()
    return line.rstrip()


_HEAD = (
    " STT   Nội dung công việc                    Đơn vị chủ trì         Đơn vị phối hợp"
    "         Tiến độ năm 2026\n"
    "                                                                                  "
    "          Quý I  Quý II Quý III Quý IV\n"
)


def _timeline_plan() -> str:
    rows = [
        "",
        _row("I", ["CÔNG TÁC CHUẨN BỊ", "", ""], "    "),
        "",
        _row(
            "1",
            ["Rà soát danh mục trường học cần", "Sở Giáo dục và Đào", "Sở Tài chính; UBND"],
            "x   ",
        ),
        _row("", ["sửa chữa phòng học", "tạo", "các xã, phường"], "    "),
        "",
        _row(
            "2", ["Lập dự toán sửa chữa, trình phê", "Sở Tài chính", "Sở Giáo dục và Đào"], "xx  "
        ),
        _row("", ["duyệt", "", "tạo"], "    "),
        "",
        _row("II", ["TRIỂN KHAI", "", ""], "    "),
        "",
        _row(
            "1", ["Sửa chữa phòng học xuống cấp tại", "UBND các xã, phường", "Sở Xây dựng"], " xx "
        ),
        _row("", ["các điểm trường vùng sâu", "", ""], "    "),
        "\f                                                 2",
        "",
        _HEAD.rstrip("\n"),
        "",
        _row("", ["trước năm học mới", "", ""], "    "),
        "",
        _row("2", ["Nghiệm thu, bàn giao phòng học", "Sở Giáo dục và Đào", "Sở Xây dựng"], "   x"),
        _row("", ["cho nhà trường", "tạo", ""], "    "),
        "",
        "  Nơi nhận:",
        "  - Như trên;",
    ]
    return (
        "KẾ HOẠCH\nSửa chữa trường lớp năm 2026\n\n"
        "I. MỤC ĐÍCH\n1. Bảo đảm phòng học an toàn trước năm học mới.\n\n"
        "PHỤ LỤC\n\n" + _HEAD + "\n".join(rows) + "\n"
    )


def test_a_fixed_width_table_with_ticked_quarters() -> None:
    plan = _parse(_timeline_plan())
    assert [t.number for t in plan.tasks] == ["I.1", "I.2", "II.1", "II.2"]
    first = _task(plan, "I.1")
    assert first.lead_units == ["Sở Giáo dục và Đào tạo"]
    assert first.title == "Rà soát danh mục trường học cần sửa chữa phòng học"
    assert first.deadline.due_dates == [date(2026, 3, 31)]
    # Ticked in two quarters: due at the end of the last one.
    assert _task(plan, "I.2").deadline.due_dates == [date(2026, 6, 30)]
    # A row cut by the page break (and the header printed again) stays one row.
    repair = _task(plan, "II.1")
    assert repair.title.endswith("vùng sâu trước năm học mới")
    assert repair.deadline.due_dates == [date(2026, 9, 30)]
    assert repair.lead_units == ["UBND cấp xã"]
    assert _task(plan, "II.2").deadline.due_dates == [date(2026, 12, 31)]


def test_a_row_ticked_in_no_quarter_has_no_deadline_of_its_own() -> None:
    text = _timeline_plan().replace(_row("2", ["Nghiệm thu, bàn giao phòng học", "Sở Giáo dục và Đào", "Sở Xây dựng"], "   x"),
                                    _row("2", ["Nghiệm thu, bàn giao phòng học", "Sở Giáo dục và Đào", "Sở Xây dựng"], "    "))  # fmt: skip
    handover = _task(_parse(text), "II.2")
    assert handover.deadline.due_dates == []  # not the row above's Quý III


def test_a_word_table_with_ticked_quarters(tmp_path: Path) -> None:
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Phòng, chống dịch bệnh trên đàn gia súc năm 2026")
    table = doc.add_table(rows=3, cols=7)
    top = table.rows[0].cells
    for k, text in enumerate(["TT", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện"]):
        top[k].text = text
    top[3].merge(top[6])
    for k, text in enumerate(["Quý I", "Quý II", "Quý III", "Quý IV"], start=3):
        table.rows[1].cells[k].text = text
    for k in range(3):
        table.rows[0].cells[k].merge(table.rows[1].cells[k])
    row = table.rows[2].cells
    for k, text in enumerate(
        ["1", "Tiêm phòng vắc xin đợt hai", "Sở Nông nghiệp và Môi trường", "", "", "x", ""]
    ):
        row[k].text = text  # fmt: skip
    path = tmp_path / "kh.docx"
    doc.save(str(path))
    task = _task(parse_plan(load_document(path)), "1")
    assert task.lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert task.deadline.due_dates == [date(2026, 9, 30)]


_DECISION = """QUYẾT ĐỊNH
Giao chỉ tiêu và nhiệm vụ xóa nhà tạm năm 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

QUYẾT ĐỊNH:

Điều 1. Giao chỉ tiêu xóa nhà tạm năm 2026 như sau:
1. Chỉ tiêu: hoàn thành 1.200 căn nhà cho hộ nghèo.
2. Thời gian thực hiện: từ ngày 01 tháng 3 năm 2026 đến ngày 30 tháng 11 năm 2026.

Điều 2. Giao nhiệm vụ cho các cơ quan, đơn vị:
1. Sở Xây dựng:
a) Ban hành thiết kế mẫu nhà ở cho hộ nghèo trước ngày 15 tháng 3 năm 2026.
b) Kiểm tra chất lượng nhà sau khi hoàn thành.
2. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:
a) Phân bổ kinh phí hỗ trợ cho các xã trước ngày 31 tháng 3 năm 2026.
b) Hướng dẫn thanh quyết toán kinh phí hỗ trợ.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vận động các doanh nghiệp ủng hộ xây nhà.

Điều 3. Quyết định có hiệu lực từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.

Nơi nhận:
- Như Điều 3;
- Bộ Xây dựng (b/c);
- Lưu: VT.
"""


def test_the_tasks_of_a_decision_are_its_article_two() -> None:
    plan = _parse(_DECISION)
    assert [t.number for t in plan.tasks] == ["2.1.a", "2.1.b", "2.2.a", "2.2.b", "2.3"]
    design = _task(plan, "2.1.a")
    assert design.lead_units == ["Sở Xây dựng"]
    assert design.deadline.due_dates == [date(2026, 3, 15)]
    # Under "Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:" the items are Sở Tài chính's.
    assert _task(plan, "2.2.a").lead_units == ["Sở Tài chính"]
    assert _task(plan, "2.2.b").lead_units == ["Sở Tài chính"]
    assert _task(plan, "2.2.b").coordinating_units == ["Sở Nội vụ"]
    assert design.coordinating_units == []
    assert _task(plan, "2.3").lead_units == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    # Article 3's sentence and the addressees stay text to search, not tasks.
    assert any("chịu trách nhiệm thi hành" in p[1] for p in plan.paragraphs)


_REPORT = """BÁO CÁO
Kết quả công tác dân số năm 2025, nhiệm vụ năm 2026

I. KẾT QUẢ NĂM 2025
Năm 2025, Sở Y tế chủ trì, phối hợp với các xã tổ chức 12 đợt truyền thông trước ngày 30/9/2025.

II. NHIỆM VỤ NĂM 2026
1. Chăm sóc sức khỏe người cao tuổi
1.1. Khám sức khỏe định kỳ cho người từ 75 tuổi trở lên (Sở Y tế chủ trì theo lĩnh vực được giao; phối hợp Bảo hiểm xã hội tỉnh; hoàn thành trong Quý III/2026).
2. Chế độ thông tin, báo cáo
2.1. Báo cáo kết quả khám sàng lọc về Sở Y tế (Ủy ban nhân dân các xã, phường thực hiện; trước ngày 20/6/2026).
"""


def test_a_report_names_the_unit_after_the_work() -> None:
    plan = _parse(_REPORT)
    assert sorted(t.number for t in plan.tasks) == ["II.1.1", "II.2.1"]
    exam = _task(plan, "II.1.1")
    assert exam.lead_units == ["Sở Y tế"]
    assert exam.coordinating_units == ["Bảo hiểm xã hội tỉnh"]
    assert exam.deadline.due_dates == [date(2026, 9, 30)]
    report = _task(plan, "II.2.1")
    assert report.lead_units == ["UBND cấp xã"]
    assert report.deadline.due_dates == [date(2026, 6, 20)]


def test_a_running_title_under_the_page_number_mid_sentence() -> None:
    title = "UBND tỉnh An Giang - Kế hoạch chuyển đổi số năm 2026"
    filler = "\n".join(f"Đoạn văn mô tả bối cảnh thứ {k} của kế hoạch." for k in range(18))
    text = (
        f"KẾ HOẠCH\nChuyển đổi số năm 2026\n\nI. BỐI CẢNH\n{filler}\n2\n{title}\n{filler}\n"
        "II. NHIỆM VỤ\n1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu dùng chung,\n"
        f"hoàn thành trước ngày 30\n3\n{title}\ntháng 6 năm 2026.\n{filler}\n4\n{title}\n"
        "2. Sở Nội vụ chủ trì số hóa hồ sơ cán bộ trong năm 2026.\n"
    )
    plan = _parse(text)
    store = _task(plan, "II.1")
    assert store.deadline.due_dates == [date(2026, 6, 30)]
    assert title not in store.title


def test_an_unruled_pdf_table_with_ticked_quarters(tmp_path: Path) -> None:
    from docgen import _register_fonts
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    regular, _bold = _register_fonts()
    path = tmp_path / "kh.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    y = landscape(A4)[1] - 60
    c.setFont(regular, 10)
    c.drawString(40, y, "KẾ HOẠCH")
    c.drawString(40, y - 16, "Trồng cây xanh đô thị năm 2026")
    y -= 50
    for x, text in zip((40, 75, 300, 430), ("STT", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện năm 2026"), strict=True):  # fmt: skip
        c.drawString(x, y, text)
    quarters = (560, 610, 660, 715)
    y -= 14
    for x, text in zip(quarters, ("Quý I", "Quý II", "Quý III", "Quý IV"), strict=True):
        c.drawString(x, y, text)
    rows = (
        ("1", "Khảo sát vỉa hè cần trồng cây", "Sở Xây dựng", (0,)),
        ("2", "Trồng mới cây bóng mát", "UBND các xã, phường", (1, 2)),
    )
    for number, task, lead, ticks in rows:
        y -= 20
        c.drawString(40, y, number)
        c.drawString(75, y, task)
        c.drawString(300, y, lead)
        for q in ticks:
            c.drawString(quarters[q] + 8, y, "x")
    c.showPage()
    c.save()
    plan = parse_plan(load_document(path))
    survey, planting = _task(plan, "1"), _task(plan, "2")
    assert survey.lead_units == ["Sở Xây dựng"]
    assert survey.deadline.due_dates == [date(2026, 3, 31)]
    assert planting.deadline.due_dates == [date(2026, 9, 30)]


def test_the_addressees_are_no_task_of_a_directive() -> None:
    plan = _parse(
        "CHỈ THỊ\nVề tăng cường phòng cháy rừng năm 2026\n\n"
        "1. Sở Nông nghiệp và Môi trường chủ trì tổ chức trực phòng cháy 24/24 giờ.\n"
        "2. Ủy ban nhân dân các xã, phường:\n"
        "a) Rà soát phương án chữa cháy trước ngày 15/3/2026.\n"
        "b) Tổ chức cho các hộ ký cam kết không đốt nương.\n"
        "3. Sở Nội vụ theo dõi, đôn đốc việc thực hiện Chỉ thị này.\n"
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan nghiêm túc thực hiện Chỉ thị này./.\n\n"
        "Nơi nhận:\n- Bộ Nông nghiệp và Môi trường;\n- TT Tỉnh ủy;\n- Các sở, ban, ngành tỉnh;\n"
        "- Lưu: VT.\n\nCHỦ TỊCH\n"
    )
    assert sorted(t.number for t in plan.tasks) == ["1", "2.a", "2.b", "3"]


def test_bold_group_rows_of_a_pipe_table_are_no_tasks() -> None:
    plan = _parse(
        "KẾ HOẠCH\nNạo vét kênh mương năm 2026\n\nII. DANH MỤC NHIỆM VỤ\n\n"
        "| STT | Thời hạn | Cơ quan chủ trì | Nội dung nhiệm vụ | Cơ quan phối hợp |\n"
        "|---|---|---|---|---|\n"
        "| **1** | | | **Chuẩn bị** | |\n"
        "| 1.1 | Quý I/2026 | Sở Nông nghiệp và Môi trường | Khảo sát tuyến kênh cần nạo vét | Sở Tài chính |\n"
        "| **2** | | | **Thi công** | |\n"
        "| 2.1 | Quý III/2026 | UBND các xã, phường | Nạo vét kênh nội đồng | |\n"
    )  # fmt: skip
    assert sorted(t.number for t in plan.tasks) == ["1.1", "2.1"]
    assert _task(plan, "2.1").deadline.due_dates == [date(2026, 9, 30)]


def _spaced(cells: list[str]) -> str:
    """A Word table as docx2txt prints it: each cell, then an empty line."""
    return "".join(f"{c}\n\n" for c in cells)


def test_a_word_table_exported_one_cell_a_line() -> None:
    header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    body = (
        ["1", "Quản lý tàu cá"]  # a group row: a number and a title only
        + ["1.1", "Cập nhật dữ liệu tàu cá", "Sở Nông nghiệp và Môi trường", "", "Quý II/2026"]
        + ["1.2", "Kiểm tra tàu cá tại cảng", "", "Công an tỉnh", "Tháng 9/2026"]
    )
    plan = _parse(
        "KẾ HOẠCH\nChống khai thác hải sản trái phép năm 2026\n\n" + _spaced(header + body)
    )
    assert sorted(t.number for t in plan.tasks) == ["1.1", "1.2"]
    assert _task(plan, "1.1").deadline.due_dates == [date(2026, 6, 30)]
    check = _task(plan, "1.2")
    assert check.coordinating_units == ["Công an tỉnh"]
    assert check.deadline.due_dates == [date(2026, 9, 30)]


def test_a_monthly_work_programme() -> None:
    plan = _parse(
        "CHƯƠNG TRÌNH\nCông tác phổ biến pháp luật năm 2026\n\n"
        "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n\n"
        "Tháng 02/2026:\n"
        "1. Phổ biến luật mới cho cán bộ cấp xã – Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ.\n"
        "2. Tuyên truyền an toàn giao thông dịp Tết, hoàn thành trước ngày 10/02/2026 – Công an tỉnh.\n\n"
        "Tháng 5/2026:\n"
        "3. Tổ chức hội thi hòa giải viên giỏi (Sở Tư pháp chủ trì; Hội Nông dân tỉnh phối hợp).\n\n"
        "Nhiệm vụ thực hiện thường xuyên:\n"
        "4. Cập nhật văn bản lên Cổng pháp luật – Sở Tư pháp.\n"
    )  # fmt: skip
    first = _task(plan, "II.1")
    assert first.lead_units == ["Sở Tư pháp"]
    assert first.deadline.due_dates == [date(2026, 2, 28)]
    second = _task(plan, "II.2")
    assert second.lead_units == ["Công an tỉnh"]
    assert second.deadline.due_dates == [date(2026, 2, 10)]  # its own date, not the month's
    assert _task(plan, "II.3").deadline.due_dates == [date(2026, 5, 31)]
    assert _task(plan, "II.4").deadline.due_dates == []  # not May's


def test_an_appendix_of_numbered_labelled_blocks() -> None:
    plan = _parse(
        "KẾ HOẠCH\nPhát triển cà phê bền vững năm 2026\n\nPHỤ LỤC\n\n"
        "I. NHÓM NHIỆM VỤ VỀ DỮ LIỆU\n\n"
        "Nhiệm vụ 1: Số hóa vùng trồng\n- Nội dung: Đo đạc từng thửa đất.\n"
        "- Đơn vị chủ trì: Sở Nông nghiệp và Môi trường\n- Thời gian: Quý III/2026\n\n"
        "Nhiệm vụ 2: Xây dựng cơ sở dữ liệu\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ\n"
        "- Thời gian: Tháng 9/2026\n\n"
        "II. NHÓM NHIỆM VỤ VỀ SẢN XUẤT\n\n"
        "Nhiệm vụ 3: Tái canh cà phê già cỗi\n- Đơn vị chủ trì: Trung tâm Khuyến nông tỉnh\n"
        "- Thời gian: Năm 2026\n"
    )
    assert sorted(t.number for t in plan.tasks) == ["I.1", "I.2", "II.3"]
    data = _task(plan, "I.2")
    assert data.title == "Xây dựng cơ sở dữ liệu"
    assert data.lead_units == ["Sở Khoa học và Công nghệ"]
    assert data.deadline.due_dates == [date(2026, 9, 30)]


def test_ocr_digits_in_dates_are_read_back() -> None:
    from knowledge.loaders.ocr_digits import repair_ocr_digits

    assert repair_ocr_digits("kết thúc trước ngày 3l/5/2O26.") == "kết thúc trước ngày 31/5/2026."
    assert repair_ocr_digits("hoàn thành trong Quý ll/2026") == "hoàn thành trong Quý II/2026"
    # Words, quarters already right and plain fractions keep their letters and digits.
    assert (
        repair_ocr_digits("Quý IV/2026, tỷ lệ 1/2, lồng ghép")
        == "Quý IV/2026, tỷ lệ 1/2, lồng ghép"
    )
    plan = _parse(
        "KẾ HOẠCH\nPhòng dịch năm 2026\n\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\n"
        "a) Tham mưu bố trí kinh phí mua vắc xin trước ngày l5/4/2026.\n"
    )
    assert _task(plan, "IV.1.a").deadline.due_dates == [date(2026, 4, 15)]


def test_days_counted_from_the_signing_date() -> None:
    plan = _parse(
        "UBND TỈNH QUẢNG TRỊ\nSố: 04/CT-UBND\nQuảng Trị, ngày 10 tháng 02 năm 2026\n\nCHỈ THỊ\n"
        "Về đẩy nhanh giải ngân vốn đầu tư công năm 2026\n\n"
        "1. Sở Xây dựng chủ trì rà soát hồ sơ thiết kế, hoàn thành trong vòng 10 ngày kể từ "
        "ngày ký Chỉ thị này.\n"
        "2. Sở Tài chính chủ trì báo cáo tiến độ giải ngân chậm nhất 05 ngày làm việc kể từ "
        "ngày ký Chỉ thị này.\n"
    )
    assert _task(plan, "1").deadline.due_dates == [date(2026, 2, 20)]
    assert _task(plan, "2").deadline.due_dates == []  # working days stay relative
