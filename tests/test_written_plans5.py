"""Round 12: plans a helper wrote in its own words without seeing the parser
(tests/gold/written5), scored once at first sight; and the readers two of them
showed missing, each on a document written here: an Excel sheet saved as CSV, and a
pandoc grid table.
"""

from __future__ import annotations

import sys
from datetime import date

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from test_written_plans import _parse, _set_score, _task  # noqa: E402

from bench import parse_eval  # noqa: E402


def test_the_round_twelve_set_is_there_and_checks() -> None:
    assert len(parse_eval.WRITTEN5) == 5
    total = _set_score(parse_eval.WRITTEN5)
    assert total.gold == 101
    assert total.found >= 70  # first sight was 39: the CSV and grid-table readers added 32


# Excel's "CSV UTF-8": a BOM, ";" between cells, CRLF rows, a quoted cell holding line
# breaks and doubled quotes, a merged title row, group rows, an empty (merged) lead cell.
_SHEET = (
    '\ufeff"ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH";;;"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";;\r\n'
    ";;;;;\r\n"
    "DANH MỤC NHIỆM VỤ PHÁT TRIỂN CHĂN NUÔI NĂM 2026;;;;;\r\n"
    "(Kèm theo Kế hoạch số 20/KH-UBND ngày 10/02/2026);;;;;\r\n"
    "STT;Nội dung nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Thời gian hoàn thành;Sản phẩm\r\n"
    "I;Phát triển đàn gia súc;;;;\r\n"
    '1;"Rà soát vùng chăn nuôi tập trung\nở các xã vùng cao";Sở Nông nghiệp và Môi trường;'
    "UBND các xã;Quý I/2026;Báo cáo\r\n"
    '2;Hỗ trợ con giống bò thịt cho hộ nghèo;;Sở Tài chính;Tháng 6/2026;"Danh sách ""hộ\r\n'
    'được hỗ trợ"""\r\n'
    "II;Phòng chống dịch bệnh;;;;\r\n"
    "1;Tiêm phòng lở mồm long móng đợt 1;Chi cục Chăn nuôi và Thú y;UBND các xã;"
    "Trước 30/4/2026;Báo cáo\r\n"
    "2;Giám sát dịch tả lợn châu Phi;Chi cục Chăn nuôi và Thú y;;Thường xuyên;\r\n"
    ";;;;;\r\n"
    "Ghi chú: các đơn vị báo cáo kết quả về Sở Nông nghiệp và Môi trường.;;;;;\r\n"
)


def test_a_spreadsheet_saved_as_csv_is_read_as_its_table() -> None:
    plan = _parse(_SHEET)
    assert [t.number for t in plan.tasks] == ["I.1", "I.2", "II.1", "II.2"]
    first = _task(plan, "I.1")
    assert first.title.startswith("Rà soát vùng chăn nuôi tập trung ở các xã vùng cao")
    assert first.lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert first.deadline.due_dates == [date(2026, 3, 31)]
    # The empty lead cell of a merged block takes the lead of the row above.
    assert _task(plan, "I.2").lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert _task(plan, "II.1").deadline.due_dates == [date(2026, 4, 30)]
    assert _task(plan, "II.2").deadline.kind == "ongoing"


def test_a_text_with_semicolons_is_no_sheet() -> None:
    prose = (
        "KẾ HOẠCH\n"
        "1. Sở Y tế kiểm tra an toàn thực phẩm; báo cáo kết quả; đề xuất xử lý.\n"
        "2. Sở Công Thương kiểm tra thị trường; báo cáo trước ngày 30/6/2026.\n"
    )
    plan = _parse(prose)
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert plan.tasks[0].lead_units == ["Sở Y tế"]


# pandoc's "-t plain" grid table: "+---+" borders, "+===+" under the header, cells wrapped
# over lines, a group row whose text crosses the inner columns.
_GRID = """KẾ HOẠCH
Kiểm tra an toàn trường học năm 2026

III. LỊCH KIỂM TRA

+-----+----------------------+---------------+-----------------+
| STT | Trường được kiểm tra | Thời gian     | Đơn vị chủ trì  |
|     |                      |               | đoàn            |
+=====+======================+===============+=================+
|     | Đợt 1: trước năm học mới                                |
+-----+----------------------+---------------+-----------------+
| 1   | Trường Tiểu học Hòa  | Từ 03/8 đến   | Sở Giáo dục và  |
|     | Bình (khu nội trú)   | 05/8/2026     | Đào tạo         |
+-----+----------------------+---------------+-----------------+
| 2   | Trường THCS Tân Lập  | Tuần đầu      | Công an tỉnh    |
|     |                      | tháng 9/2026  |                 |
+-----+----------------------+---------------+-----------------+
"""


def test_a_grid_table_is_read_row_by_row() -> None:
    plan = _parse(_GRID)
    assert [t.number for t in plan.tasks] == ["1", "2"]
    first = _task(plan, "1")
    assert first.title.startswith("Trường Tiểu học Hòa Bình (khu nội trú)")
    assert first.lead_units == ["Sở Giáo dục và Đào tạo"]
    assert first.deadline.due_dates == [date(2026, 8, 5)]
    assert _task(plan, "2").lead_units == ["Công an tỉnh"]
