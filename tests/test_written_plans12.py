"""Round 20: three more layouts a helper wrote after round 19's readers, without seeing the
parser (tests/gold/written12), scored once at first sight (cb8efa0: 65.5% found, 45.5% right
lead, 56.4% right due date, one invented): Word's "Web Page, Filtered" source kept under a
.txt name, docling's Markdown of a signed PDF, and a bilingual two-column table exported by
LibreOffice as text. The readers they asked for, each on a document written here: the web
page source read as the page it is (tests/test_loaders_html.py), a bilingual edition read
in Vietnamese (``_bilingual.py``), and a pipe table cut by a page going on with its cut
row's tail or after its repeated header, a merged cell repeated across a row read once.
"""

from __future__ import annotations

import sys
from datetime import date

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from test_written_plans import _parse, _set_score  # noqa: E402

from bench import parse_eval  # noqa: E402


def test_the_round_twenty_set_reads_as_measured() -> None:
    total = _set_score(parse_eval.WRITTEN12)
    assert total.gold == 55
    assert total.found == 55 and total.lead == 55  # 36 and 25 at first sight
    assert total.due >= 54 and total.invented == 0  # 31 and 1 at first sight


_BILINGUAL = """ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
Số: 19/KH-UBND
KẾ HOẠCH
Đón đoàn đánh giá khu dự trữ sinh quyển năm 2026
PLAN
Receiving the biosphere reserve evaluation team in 2026
II. NHIỆM VỤ
II. TASKS
1. Sở Nông nghiệp và Môi trường
1. The Department of Agriculture and Environment
a) Cập nhật bản đồ phân vùng khu dự trữ, hoàn thành trước ngày 31/5/2026.
a) Update the zoning map of the reserve by 30 June 2026.
b) Phối hợp với Sở Khoa học và Công nghệ lắp đặt trạm quan trắc tự động trong Quý III/2026.
b) Work with the Department of Science and Technology to install automatic stations in the third quarter.
2. Sở Văn hóa, Thể thao và Du lịch
2. The Department of Culture, Sports and Tourism
a) In tài liệu giới thiệu song ngữ, xong trước ngày 15/8/2026.
a) Print the bilingual brochures for the visitors of the reserve by 15 August 2026.
Nơi nhận:
Recipients:
"""


def test_a_bilingual_edition_is_read_in_vietnamese() -> None:
    plan = _parse(_BILINGUAL)
    tasks = {t.number: t for t in plan.tasks}
    assert sorted(tasks) == ["II.1.a", "II.1.b", "II.2.a"], sorted(tasks)
    # the Vietnamese date, not the translation's "30 June"
    assert tasks["II.1.a"].lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert tasks["II.1.a"].deadline.final_due == date(2026, 5, 31)
    assert tasks["II.1.b"].coordinating_units == ["Sở Khoa học và Công nghệ"]
    assert tasks["II.2.a"].lead_units == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert not any("Department" in t.title or "Print" in t.title for t in plan.tasks)


_CUT_PIPE_TABLE = """KẾ HOẠCH
Phòng chống sạt lở bờ sông năm 2026

| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |
|-----|----------|---------|----------|----------|
| 1 | CẢNH BÁO VÀ DI DỜI | CẢNH BÁO VÀ DI DỜI | CẢNH BÁO VÀ DI DỜI | CẢNH BÁO VÀ DI DỜI |
| 1.1 | Cắm biển cảnh báo tại các điểm sạt lở và | Ủy ban nhân dân các xã, phường | Công an tỉnh | Trước ngày |

3

|     | khoanh vùng nguy hiểm | | | 30/4/2026 |
|-----|----------|---------|----------|----------|
| 1.2 | Di dời hộ dân khỏi vùng nguy cơ cao | Ủy ban nhân dân các xã, phường | Sở Tài chính | Quý III/2026 |

4

| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |
|-----|----------|---------|----------|----------|
| 2 | GIÁM SÁT | GIÁM SÁT | GIÁM SÁT | GIÁM SÁT |
| 2.1 | Lắp đặt thiết bị quan trắc lòng sông | Sở Nông nghiệp và Môi trường | Sở Khoa học và Công nghệ | Tháng 10/2026 |
"""


def test_a_pipe_table_cut_by_pages_goes_on() -> None:
    plan = _parse(_CUT_PIPE_TABLE)
    tasks = {t.number: t for t in plan.tasks}
    # the group rows, their title repeated in every merged column, are no tasks
    assert sorted(tasks) == ["1.1", "1.2", "2.1"], sorted(tasks)
    # the cut row's tail at the next page's top ("khoanh vùng …" / "30/4/2026") is its own
    cut = tasks["1.1"]
    assert cut.title.endswith("khoanh vùng nguy hiểm")
    assert cut.deadline.final_due == date(2026, 4, 30)
    # after the header repeated on page 4 the rows go on under the same columns
    assert tasks["2.1"].lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert tasks["2.1"].deadline.final_due == date(2026, 10, 31)
