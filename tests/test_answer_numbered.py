"""Items asked by their number inside a part, figures asked for a year, and who answers
for an overdue task: through the dispatcher, over plans written here in our own words
and ingested whole by the real parser.

Kế hoạch 61/KH-UBND (Lạng Sơn, 2026) lists its tasks in an appendix table grouped by
"Nội dung" parts, each part numbering its rows from 1, and sets a figure for 2030. A
conclusion (Thông báo 77/TB-VPCP) answers the province's requests in a numbered
"kiến nghị" section after a numbered list of general tasks.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, cited, populated_store
from fakes.chat import ChatUser, linked

from handlers.dispatcher import Dispatcher
from handlers.services import Services

NOW = datetime(2026, 4, 10, 9, 0)
PLAN = "kh_61_lang_son_2026.txt"
CONCLUSION = "tb_77_ket_luan.txt"

_PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
Số: 61/KH-UBND
Lạng Sơn, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Chuyển đổi số và cải cách hành chính tỉnh Lạng Sơn giai đoạn 2026 - 2030

I. MỤC TIÊU
Đến năm 2030, 90% hồ sơ thủ tục hành chính được số hóa.

II. NHIỆM VỤ
Các nhiệm vụ cụ thể tại Phụ lục kèm theo.

III. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp theo dõi việc rà soát văn bản.
2. Sở Tài chính bố trí kinh phí thực hiện.
3. Sở Khoa học và Công nghệ hướng dẫn kết nối dữ liệu.
4. Các sở, ngành phối hợp thực hiện.
5. Sở Nội vụ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.

PHỤ LỤC NHIỆM VỤ
| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
|---|---|---|---|
| Nội dung 1. Cải cách thể chế | | | |
| 1 | Rà soát văn bản quy phạm pháp luật về đầu tư | Sở Tư pháp | Quý II/2026 |
| 2 | Lấy ý kiến doanh nghiệp về dự thảo quy định | Sở Tài chính | Quý III/2026 |
| Nội dung 2. Cải cách tổ chức bộ máy | | | |
| 1 | Sắp xếp các đơn vị sự nghiệp công lập | Sở Nội vụ | Quý I/2026 |
| 2 | Tinh giản biên chế theo vị trí việc làm | Sở Nội vụ | Năm 2026 |
| Nội dung 3. Chuyển đổi số | | | |
| 1 | Nâng cấp cổng dịch vụ công của tỉnh | Sở Khoa học và Công nghệ | Quý I/2026 |
| 2 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | Quý IV/2026 |
"""

_CONCLUSION_TEXT = """VĂN PHÒNG CHÍNH PHỦ
Số: 77/TB-VPCP
Hà Nội, ngày 02 tháng 02 năm 2026
THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi làm việc với lãnh đạo tỉnh Lạng Sơn

I. NHIỆM VỤ THỜI GIAN TỚI

1. Tỉnh Lạng Sơn tập trung thu hút đầu tư vào các khu kinh tế cửa khẩu.

2. Tỉnh Lạng Sơn đẩy mạnh phát triển du lịch cộng đồng.

II. VỀ CÁC KIẾN NGHỊ CỦA TỈNH

1. Về mở rộng cửa khẩu: giao Bộ Quốc phòng chủ trì xem xét, báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2026.

2. Về vốn cho tuyến cao tốc: giao Bộ Tài chính chủ trì cân đối vốn, báo cáo Thủ tướng Chính phủ trong Quý II năm 2026.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    from knowledge.ingest import ingest_file

    db, settings = populated_store(tmp_path / "data", (), retrieval_mode="keyword")
    for name, text in ((PLAN, _PLAN_TEXT), (CONCLUSION, _CONCLUSION_TEXT)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ingest_file(db, path, settings=settings)
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_a_row_number_inside_a_named_part(user: ChatUser) -> None:
    reply = ask(user, "nhiem vu so 2 noi dung 2 KH 61 Lang Son la gi, han khi nao")
    assert "Tinh giản biên chế theo vị trí việc làm" in reply and "Năm 2026" in reply
    reply = ask(user, "KH 61: nhiệm vụ 1 nội dung 3 do ai chủ trì?")
    assert "Nâng cấp cổng dịch vụ công" in reply and "Sở Khoa học và Công nghệ" in reply
    assert set(cited(user)) == {PLAN}


def test_an_item_under_the_heading_its_noun_names(user: ChatUser) -> None:
    reply = ask(user, "kien nghi so 2 trong TB 77 ve Lang Son giao bo nao, bao cao khi nao")
    assert reply.startswith("Nhiệm vụ II.2 của Thông báo 77/TB-VPCP")
    assert "Bộ Tài chính" in reply and "Quý II năm 2026" in reply
    assert "du lịch cộng đồng" not in reply  # item 2 of the tasks section, not a request


def test_an_item_of_a_section_and_an_appendix_row_the_appendix_does_not_have(
    user: ChatUser,
) -> None:
    reply = ask(user, "nhiệm vụ số 5 mục III của KH 61 là gì?")
    assert "Sở Nội vụ tổng hợp kết quả" in reply
    reply = ask(user, "Nhiệm vụ thứ 5 trong phụ lục KH 61 do ai chủ trì?")
    assert "không có nhiệm vụ số 5" in reply and cited(user) == []


def test_a_figure_set_for_a_later_year_does_not_answer_an_earlier_one(user: ChatUser) -> None:
    right = ask(user, "KH 61 Lạng Sơn đến năm 2030 bao nhiêu % hồ sơ TTHC được số hóa?")
    assert "90%" in right and set(cited(user)) == {PLAN}
    wrong = ask(user, "KH 61 Lang Son nam 2027 bao nhieu % ho so TTHC duoc so hoa")
    assert wrong.startswith("Không tìm thấy") and cited(user) == []


def test_an_overdue_task_names_who_answers_for_it(user: ChatUser) -> None:
    reply = ask(user, "sap xep cac don vi su nghiep cong lap theo KH 61 da qua han chua")
    assert "đã quá hạn" in reply and "Chủ trì: Sở Nội vụ" in reply


def test_a_ministry_by_its_compact_form(user: ChatUser) -> None:
    reply = ask(user, "BQP co nhiem vu gi")
    assert reply.startswith("Bộ Quốc phòng có 1 nhiệm vụ") and "mở rộng cửa khẩu" in reply
    assert set(cited(user)) == {CONCLUSION}
