"""Round 24: three more converters a helper wrote plans for without seeing the parser
(tests/gold/written16), scored once at first sight at 59609aa (49 of 66 tasks found, 47
with the right lead, 39 with the right final due date, 5 invented). The readers they asked
for, each on a document written here in our own words:
- pandoc's GitHub markdown of a .docx: markdown paragraphs with the tables left as raw
  ``<table>`` markup (``rowspan``, an empty ``<td>``), a table cut at a page into two;
- pymupdf4llm's markdown of a PDF: a merged Chủ trì cell cut between the rows it spans, a
  group title cut over two columns, the header printed again with the page's number in a
  cell and the cut row's tail under it, a dash item's first line made an item of its own;
- a python-docx loader's text (each row's cells joined by TAB): a cell of two paragraphs
  breaks its row over two lines, the header and the column numbers printed again after a
  page break, list numbers lost ("Sở X chủ trì …" paragraphs under a heading);
- a heading that only names a unit gives it the items under it, also in a plan with an
  appendix table; "Là cơ quan thường trực, giúp …" is the unit's role, not a task;
- an empty time cell of a pipe table is no deadline (filling it from the row above invented
  six dates over the gold sets and found one).
"""

from __future__ import annotations

import sys
from datetime import date

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from test_written_plans import _parse, _set_score, _task, _titled  # noqa: E402

from bench import parse_eval  # noqa: E402


def test_the_round_twenty_four_set_reads_as_measured() -> None:
    total = _set_score(parse_eval.WRITTEN16)
    assert total.gold == 66
    assert total.found >= 66 and total.lead >= 66  # 49 and 47 at first sight
    assert total.due >= 65 and total.invented <= 1  # 39 and 5 at first sight


def _due(task: object) -> date | None:
    dates = task.deadline.due_dates  # type: ignore[attr-defined]
    return max(dates) if dates else None


_PANDOC = """**KẾ HOẠCH**

**Phòng, chống dịch sốt xuất huyết trên địa bàn tỉnh năm 2026**

# I. MỤC ĐÍCH

Chủ động phát hiện sớm ca bệnh, không để dịch lan rộng trong cộng đồng dân cư.

# II. TỔ CHỨC THỰC HIỆN

## 1. Sở Y tế

1)  Chủ trì tổ chức chiến dịch diệt lăng quăng tại các xã, phường, hoàn
    thành trước ngày 30/6/2026.

2)  Tổng hợp tình hình dịch, báo cáo Ủy ban nhân dân tỉnh trước ngày
    10/12/2026.

## 2. Công an tỉnh

a\\) Chỉ đạo Công an các xã, phường phối hợp phun hóa chất tại ổ dịch;

b\\) Bảo đảm an ninh tại các điểm tiêm chủng; thực hiện thường xuyên.

3\\. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vận động Nhân dân tham gia
vệ sinh môi trường.

Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Sở Y tế.

**PHỤ LỤC**

<table>
<thead>
<tr><th>TT</th><th>Hoạt động</th><th>Đơn vị chủ trì</th><th>Thời gian</th><th>Sản phẩm</th></tr>
</thead>
<tbody>
<tr><td>1</td><td><p>Phun hóa chất diệt muỗi tại ổ dịch</p></td><td rowspan="2">Trung tâm Kiểm soát bệnh tật tỉnh</td><td>Quý II/2026</td><td>Báo cáo</td></tr>
<tr><td>2</td><td><p>Tập huấn giám sát véc tơ</p></td><td></td><td>Tập huấn</td></tr>
<tr><td>3</td><td><p>Kiểm tra công tác phòng dịch tại trường học và</p></td><td>Sở Giáo dục và Đào tạo</td><td></td><td></td></tr>
</tbody>
</table>

<table>
<thead>
<tr><th>TT</th><th>Hoạt động</th><th>Đơn vị chủ trì</th><th>Thời gian</th><th>Sản phẩm</th></tr>
</thead>
<tbody>
<tr><td></td><td><p>các cơ sở giáo dục mầm non</p></td><td></td><td>Quý III/2026</td><td>Biên bản</td></tr>
<tr><td>4</td><td><p>Sơ kết công tác phòng dịch</p></td><td>Sở Y tế</td><td>Tháng 7/2026</td><td>Báo cáo</td></tr>
</tbody>
</table>
"""


def test_pandoc_gfm_with_html_tables_reads_text_and_tables() -> None:
    plan = _parse(_PANDOC)
    first = _titled(plan, "diệt lăng quăng")
    assert first.lead_units == ["Sở Y tế"] and _due(first) == date(2026, 6, 30)
    assert _titled(plan, "Nhân dân tham gia").lead_units == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    ]
    # rowspan: the merged lead leads both rows; an empty <td> is no deadline
    training = _titled(plan, "Tập huấn giám sát")
    assert training.lead_units == ["Trung tâm Kiểm soát bệnh tật tỉnh"] and _due(training) is None
    # the row cut at the page goes on under the header printed again: one task, its time
    school = _titled(plan, "Kiểm tra công tác phòng dịch")
    assert "mầm non" in school.title and _due(school) == date(2026, 9, 30)
    assert len([t for t in plan.tasks if "mầm non" in t.title]) == 1
    assert _titled(plan, "Sơ kết công tác").lead_units == ["Sở Y tế"]


_PYMUPDF4LLM = """# **KẾ HOẠCH Phòng, chống bệnh lở mồm long móng năm 2026**

## **II. TỔ CHỨC THỰC HIỆN**

**1. Ủy ban nhân dân các xã, phường**

- Lập danh sách hộ chăn nuôi trâu, bò đến từng thôn, bản, tổ dân phố; hoàn

- thành trước ngày 31/8/2026.

- Tổ chức tiêm phòng bổ sung cho đàn gia súc mới nhập về địa bàn.

**2. Sở Nông nghiệp và Môi trường**

- Là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh theo dõi việc thực hiện Kế hoạch.

- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 05/12/2026.

# **PHỤ LỤC**

|**STT**|**Nhiệm vụ**|**Cơ quan chủ trì**|**Thời gian**|**Sản phẩm**|
|---|---|---|---|---|
|**I**|**GIÁM SÁT VÀ TIÊM PHÒNG**|||||
|1|Tiêm phòng đợt một cho trâu, bò||Tháng 4/2026|Số liệu tiêm|
|2|Lấy mẫu giám sát lưu hành vi rút|Sở Nông nghiệp và|Tháng 6/2026|Kết quả xét nghiệm|
|3|Tiêm phòng đợt hai cho trâu, bò|Môi trường|Tháng 10/2026|Số liệu tiêm|
|4|Cấp phát thuốc sát trùng cho các xã có ổ dịch cũ|Chi cục Chăn nuôi và Thú y|Quý II/2026|Biên bản bàn giao<br>cho|



|**STT**|**Nhiệm vụ**|4<br>**Cơ quan chủ trì**|**Thời gian**|**Sản phẩm**|
|---|---|---|---|---|
||kèm danh sách xã nhận thuốc|||các xã|
|**II**|**KIỂM TRA, SƠ KẾT, T**|**ỔNG KẾT**|||
|5|Sơ kết công tác phòng dịch|Sở Nông nghiệp và Môi trường|Tháng 7/2026|Báo cáo|
"""


def test_pymupdf4llm_markdown_cut_cells_and_items_come_back_whole() -> None:
    plan = _parse(_PYMUPDF4LLM)
    listing = _titled(plan, "Lập danh sách hộ chăn nuôi")
    assert "thành trước ngày 31/8/2026" in listing.title
    assert listing.lead_units == ["UBND cấp xã"] and _due(listing) == date(2026, 8, 31)
    assert not [t for t in plan.tasks if t.title.startswith("thành trước")]
    assert not [t for t in plan.tasks if t.title.startswith("Là cơ quan thường trực")]
    # a merged lead cut "" | "Sở Nông nghiệp và" | "Môi trường": the three rows it spans
    for words in ("đợt một", "Lấy mẫu giám sát", "đợt hai"):
        assert _titled(plan, words).lead_units == ["Sở Nông nghiệp và Môi trường"], words
    drugs = _titled(plan, "Cấp phát thuốc sát trùng")
    assert "kèm danh sách xã nhận thuốc" in drugs.title
    # the group title cut over two columns heads its rows; it is no task of its own
    assert not [t for t in plan.tasks if "KIỂM TRA" in t.title]
    review = _titled(plan, "Sơ kết công tác")
    assert "KIỂM TRA, SƠ KẾT" in review.section and review.lead_units == [
        "Sở Nông nghiệp và Môi trường"
    ]


_PYTHON_DOCX = "\n".join(
    [
        "KẾ HOẠCH",
        "Thu gom rác thải nhựa ven biển năm 2026",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "Sở Tài chính chủ trì bố trí kinh phí mua sắm thùng rác phân loại, trình Ủy ban nhân"
        " dân tỉnh trước ngày 30/6/2026.",
        "Đẩy mạnh xã hội hóa công tác thu gom rác thải nhựa tại các bãi biển.",
        "Sở Văn hóa, Thể thao và Du lịch chủ trì hướng dẫn các khu du lịch biển đặt biển"
        " báo cấm xả rác; thực hiện trong Quý II/2026.",
        "PHỤ LỤC",
        "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\tSản phẩm",
        "(1)\t(2)\t(3)\t(4)\t(5)",
        "1\tThu gom rác thải nhựa tại bãi biển\tỦy ban nhân dân các xã, phường\tĐợt 1: tháng"
        " 5/2026;",
        "Đợt 2: tháng 9/2026\tBáo cáo kết quả",
        "2\tLắp đặt camera giám sát xả rác tại cửa",
        "",
        "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\tSản phẩm",
        "(1)\t(2)\t(3)\t(4)\t(5)",
        "\tbiển\tCông an tỉnh\tQuý IV/2026\tHệ thống camera",
        "3\tSơ kết công tác thu gom\tSở Nông nghiệp và Môi trường\tTháng 12/2026\tBáo cáo",
    ]
)


def test_python_docx_rows_broken_over_lines_and_pages() -> None:
    plan = _parse(_PYTHON_DOCX)
    money = _titled(plan, "bố trí kinh phí")
    assert money.lead_units == ["Sở Tài chính"] and _due(money) == date(2026, 6, 30)
    signs = _titled(plan, "biển báo cấm xả rác")
    assert signs.lead_units == ["Sở Văn hóa, Thể thao và Du lịch"]
    # two paragraphs in the time cell: one row, its second date final
    beach = _titled(plan, "Thu gom rác thải nhựa tại bãi biển")
    assert _due(beach) == date(2026, 9, 30) and beach.product == "Báo cáo kết quả"
    assert not [t for t in plan.tasks if t.title.startswith("Đợt 2")]
    # the row cut at the page break: its tail after the header and column numbers
    camera = _titled(plan, "camera giám sát")
    assert camera.title.endswith("cửa biển") and camera.lead_units == ["Công an tỉnh"]
    assert _due(camera) == date(2026, 12, 31)
    assert len(plan.tasks) == 5


_UNIT_HEADING = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 12/KH-UBND
KẾ HOẠCH
Tổng kiểm kê rừng năm 2026
II. NHIỆM VỤ CỤ THỂ
1. Ủy ban nhân dân các xã, phường
a) Thành lập tổ kiểm kê rừng cấp xã, hoàn thành trước ngày 20/4/2026.
b) Gửi báo cáo kết quả kiểm kê về Sở Nông nghiệp và Môi trường trước ngày 30/9/2026.
PHỤ LỤC
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| 1 | Ban hành hướng dẫn kỹ thuật kiểm kê | Sở Nông nghiệp và Môi trường | Quý I/2026 |
"""


def test_a_unit_heading_gives_its_items_a_lead_beside_an_appendix() -> None:
    plan = _parse(_UNIT_HEADING)
    assert _task(plan, "II.1.a").lead_units == ["UBND cấp xã"]
    assert _task(plan, "II.1.b").lead_units == ["UBND cấp xã"]
    assert _titled(plan, "hướng dẫn kỹ thuật").lead_units == ["Sở Nông nghiệp và Môi trường"]


_PIPE_TABLE = """KẾ HOẠCH
Cấp nước sạch nông thôn năm 2026
PHỤ LỤC
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| 1 | Khảo sát nguồn nước các xã vùng cao | Sở Nông nghiệp và Môi trường | Quý II/2026 |
| 2 | Cấp bồn chứa nước cho hộ khó khăn | Sở Nông nghiệp và Môi trường | |
| 3 | Tuyên truyền sử dụng nước tiết kiệm | Sở Văn hóa, Thể thao và Du lịch | Năm 2026 |
"""


def test_an_empty_time_cell_of_a_pipe_table_is_no_deadline() -> None:
    # converters writing pipe tables print a time rows share in each row: an empty cell
    # is a task with no date, never the row above's
    plan = _parse(_PIPE_TABLE)
    assert _titled(plan, "bồn chứa nước").deadline.due_dates == []
    assert _due(_titled(plan, "Khảo sát nguồn nước")) == date(2026, 6, 30)


def test_round_twenty_five_set_reads_as_measured() -> None:
    # written17 (markitdown of a .docx, pypdfium2 text of a PDF), written after round 24's
    # readers: 40 / 35 / 37 / 0 at first sight (4050046)
    total = _set_score(parse_eval.WRITTEN17)
    assert total.gold == 46
    assert total.found >= 46 and total.lead >= 43 and total.due >= 46 and total.invented == 0


_PYPDFIUM2 = "\n".join(
    [
        "KẾ HOẠCH",
        "Phòng, chống đuối nước học sinh năm 2026",
        "PHỤ LỤC",
        "TT Nội dung hoạt động Đơn vị chủ trì Đơn vị phối hợp Thời gian thực",
        "hiện",
        "Sản phẩm dự",
        "kiến",
        "I TRUYỀN THÔNG, GIÁO DỤC",
        "1",
        "Phát hành tờ rơi hướng dẫn kỹ năng an toàn dưới nước ",
        "cho học sinh tiểu học",
        "Sở Giáo dục và Đào tạo Đoàn Thanh niên tỉnh Tháng 5/2026 Tờ rơi",
        "2",
        "Dạy bơi miễn phí cho học sinh vùng ven sông trong dịp hè ",
        "năm 2026",
        "Sở Văn hóa, Thể thao và Du lịch Ủy ban nhân dân các xã, phường Tháng 7/2026 Lớp học",
        "II KIỂM TRA, SƠ KẾT",
        "1",
        "Kiểm tra an toàn tại các bến đò ngang, bến khách ngang sông",
        "Công an tỉnh Sở Xây dựng Quý III/2026 Biên bản",
        "2",
        "Sơ kết công tác phòng, chống đuối nước",
        "Sở Giáo dục và Đào tạo Các sở, ngành Tháng 12/2026 Báo cáo",
    ]
)
_MARKITDOWN = """KẾ HOẠCH

Bảo vệ nguồn lợi thủy sản năm 2026

| **STT** | **Nhiệm vụ** | **Cơ quan chủ trì** | **Cơ quan phối hợp** | **Thời gian hoàn thành** | **Sản phẩm** |
| --- | --- | --- | --- | --- | --- |
| 1 | Thả giống tái tạo nguồn lợi thủy sản tại đầm phá | Sở Nông nghiệp và Môi trường | Ủy ban nhân dân các xã, phường ven biển | Quý II/2026 | Báo cáo |
| 2 | Tuần tra vùng cấm khai thác có thời hạn | Bộ Chỉ huy Bộ đội Biên phòng tỉnh; Công an tỉnh | Quý III/2026 | Biên bản |
| 3 | Lắp phao tiêu đánh dấu khu bảo tồn biển | Sở Xây dựng; Sở Tài chính | Năm 2026 | Phao tiêu |
"""


def test_pypdfium2_runs_a_wrapped_header_and_groups_numbered_afresh() -> None:
    plan = _parse(_PYPDFIUM2)
    swim = _titled(plan, "Dạy bơi miễn phí")
    assert swim.lead_units == ["Sở Văn hóa, Thể thao và Du lịch"] and _due(swim) == date(
        2026, 7, 31
    )
    ferry = _titled(plan, "bến đò ngang")
    assert ferry.lead_units == ["Công an tỉnh"] and "KIỂM TRA, SƠ KẾT" in ferry.section
    assert len(plan.tasks) == 4


def test_markitdown_row_that_lost_its_merged_lead_takes_it_from_above() -> None:
    plan = _parse(_MARKITDOWN)
    patrol = _titled(plan, "Tuần tra vùng cấm")
    assert patrol.lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert patrol.coordinating_units == ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Công an tỉnh"]
    assert _due(_titled(plan, "Lắp phao tiêu")) == date(2026, 12, 31)
