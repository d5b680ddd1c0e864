"""Plan facts a question asks beside its plan's name, and the parts it names: when a
document takes effect or a meeting was held (its own sentence, not its issue date), an
issue date a web article gives only in prose, a count of one "Nội dung N" part, an item
named inside its part ("mục 1 nhiệm vụ (3)"), "đã đến hạn" (passed), a window list that
also asks who leads, and a yearly day without a year. Through the dispatcher, over
documents written here in our own words and ingested whole by the real parser.
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
PLAN = "kh_30_tuyen_quang.txt"
DISPATCH = "cd_05_tuyen_quang.txt"
SECRETS = "nq_14_ha_giang.txt"
ARTICLE = "tin_qd_210_bac_kan.txt"
MEETING = "nq_30_phien_hop.txt"

_PLAN = """ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG
Số: 30/KH-UBND
Tuyên Quang, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Cải cách hành chính tỉnh Tuyên Quang năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng phục vụ người dân và doanh nghiệp.

II. NHIỆM VỤ TRỌNG TÂM
Nội dung 1. Cải cách thể chế
1. Ban hành Kế hoạch rà soát văn bản quy phạm pháp luật năm 2026.
- Cơ quan chủ trì: Sở Tư pháp.
- Thời gian hoàn thành: Tháng 02/2026.
2. Tổ chức hội nghị tập huấn kỹ năng soạn thảo văn bản cho cán bộ cấp xã.
- Cơ quan chủ trì: Sở Tư pháp.
- Thời gian hoàn thành: Tháng 9/2026.
Nội dung 2. Cải cách thủ tục hành chính
1. Công bố danh mục thủ tục hành chính được chuẩn hóa.
- Cơ quan chủ trì: Văn phòng Ủy ban nhân dân tỉnh.
- Thời gian hoàn thành: Quý I/2026.
2. Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ.
- Thời gian hoàn thành: Tháng 4/2026.
3. Khảo sát mức độ hài lòng của người dân tại bộ phận một cửa.
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian hoàn thành: Quý IV/2026.

III. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành xây dựng kế hoạch của đơn vị. Định kỳ báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) kết quả thực hiện hằng năm (trước ngày 20 tháng 11) để tổng hợp.

Điều khoản thi hành: Kế hoạch này có hiệu lực thi hành kể từ ngày ký.

CHỦ TỊCH
Hoàng Minh Tâm
"""
_DISPATCH = """ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG
Số: 05/CĐ-UBND
Tuyên Quang, ngày 02 tháng 3 năm 2026
CÔNG ĐIỆN
Về khắc phục hậu quả mưa đá và lốc xoáy tại các xã vùng cao

Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Chủ tịch Ủy ban nhân dân các xã bị thiệt hại:
(1) Kiểm đếm số hộ bị tốc mái, báo cáo Ủy ban nhân dân tỉnh trước ngày 05/3/2026.
(2) Hỗ trợ người dân lợp lại mái nhà, hoàn thành trước ngày 20/3/2026.
(3) Sửa chữa lớp học bị hư hỏng, hoàn thành trước ngày 31/3/2026; xây lại nhà văn hóa thôn bị sập, hoàn thành trước ngày 30/6/2026.

2. Sở Xây dựng hướng dẫn các xã kỹ thuật gia cố mái nhà chống bão.

3. Sở Tài chính tham mưu mức hỗ trợ từ nguồn dự phòng ngân sách tỉnh.
"""
_SECRETS = """HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG
Số: 14/KH-UBND
Hà Giang, ngày 20 tháng 3 năm 2026
KẾ HOẠCH
Công tác bảo vệ bí mật nhà nước năm 2026

Thực hiện Chỉ thị số 08/CT-UBND của Chủ tịch Ủy ban nhân dân tỉnh, Ban Chỉ đạo công tác bảo vệ bí mật nhà nước tỉnh họp phiên thứ nhất, tổ chức vào ngày 12 tháng 3 năm 2026.

I. NHIỆM VỤ
1. Công an tỉnh hướng dẫn các cơ quan lập danh mục bí mật nhà nước, hoàn thành trong Quý II/2026.
2. Sở Nội vụ tập huấn nghiệp vụ bảo mật cho văn thư các cơ quan, hoàn thành trong tháng 8/2026.

CHỦ TỊCH
Lò Văn Pháo
"""
_ARTICLE = """# Quyết định 210/QĐ-UBND 2026 về chương trình khuyến nông tỉnh Bắc Kạn có gì mới?

Ngày 18/02/2026, Ủy ban nhân dân tỉnh Bắc Kạn ban hành Quyết định 210/QĐ-UBND về Chương trình khuyến nông tỉnh Bắc Kạn năm 2026.

Quyết định 210/QĐ-UBND có hiệu lực thi hành kể từ ngày 01/3/2026.

**Nhiệm vụ của các cơ quan**

1. Sở Nông nghiệp và Môi trường xây dựng mô hình trồng cây dược liệu dưới tán rừng, hoàn thành trong Quý III/2026.
2. Trung tâm Khuyến nông tỉnh mở lớp tập huấn kỹ thuật chăn nuôi cho nông dân, thực hiện trong tháng 6/2026.
"""

_MEETING = """CHÍNH PHỦ
Số: 30/NQ-CP
Hà Nội, ngày 08 tháng 4 năm 2026
NGHỊ QUYẾT
Phiên họp Chính phủ thường kỳ tháng 3 năm 2026

1. Bộ Y tế hoàn thiện đề án nâng cấp bệnh viện tuyến tỉnh, trình Thủ tướng Chính phủ trong quý II năm 2026.
2. Bộ Xây dựng hướng dẫn các địa phương cải tạo nhà ở xã hội, hoàn thành trong tháng 9 năm 2026.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    from knowledge.ingest import ingest_file

    db, settings = populated_store(tmp_path / "data", (), retrieval_mode="keyword")
    for name, text in (
        (PLAN, _PLAN),
        (DISPATCH, _DISPATCH),
        (SECRETS, _SECRETS),
        (ARTICLE, _ARTICLE),
        (MEETING, _MEETING),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ingest_file(db, path, settings=settings)
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_when_a_plan_takes_effect_is_its_own_sentence(user: ChatUser) -> None:
    reply = ask(user, "ai ky KH 30 CCHC Tuyen Quang, ke hoach co hieu luc khi nao?")
    assert "Hoàng Minh Tâm" in reply and "kể từ ngày ký" in reply
    assert set(cited(user)) == {PLAN}


def test_a_law_no_plan_quotes_takes_effect_nowhere(user: ChatUser) -> None:
    reply = ask(user, "Luat Dat dai sua doi co hieu luc tu ngay nao?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []


def test_a_meeting_date_is_not_the_issue_date(user: ChatUser) -> None:
    reply = ask(user, "KH 14 Hà Giang: ban chỉ đạo họp vào ngày nào và ai ký?")
    assert "12 tháng 3 năm 2026" in reply and "Lò Văn Pháo" in reply
    assert "20/03/2026" not in reply


def test_an_issue_date_a_web_article_gives_in_prose(user: ChatUser) -> None:
    reply = ask(user, "Quyết định 210/QĐ-UBND Bắc Kạn ban hành ngày nào, có hiệu lực từ khi nào?")
    assert "18/02/2026" in reply and "01/3/2026" in reply and set(cited(user)) == {ARTICLE}


def test_a_count_of_one_numbered_content_part(user: ChatUser) -> None:
    reply = ask(user, "Nội dung 2 (cải cách TTHC) trong KH 30 Tuyên Quang có mấy nhiệm vụ?")
    assert "có 3 nhiệm vụ" in reply
    assert "Khảo sát mức độ hài lòng" in reply and "rà soát văn bản" not in reply


def test_an_item_named_inside_its_part(user: ChatUser) -> None:
    reply = ask(user, "cong dien 05 tuyen quang, muc 1 nhiem vu (3) yeu cau gi?")
    assert reply.startswith("Nhiệm vụ 1.3") and "Sửa chữa lớp học" in reply
    assert "31/3/2026" in reply or "31/03/2026" in reply


def test_da_den_han_lists_the_units_passed_deadlines(user: ChatUser) -> None:
    reply = ask(
        user, "Trong KH 30 Tuyên Quang, những việc Sở Tư pháp chủ trì đã đến hạn là việc nào?"
    )
    assert "rà soát văn bản quy phạm pháp luật" in reply
    assert "tập huấn kỹ năng soạn thảo" not in reply  # due in September


def test_a_window_list_that_also_asks_who_leads(user: ChatUser) -> None:
    reply = ask(user, "thang nay KH 30 tuyen quang co nhiem vu nao den han, ai chu tri?")
    assert "Số hóa hồ sơ" in reply and "Sở Khoa học và Công nghệ" in reply
    assert "Khảo sát mức độ hài lòng" not in reply


def test_a_yearly_day_answers_before_which_day(user: ChatUser) -> None:
    reply = ask(
        user,
        "Theo KH 30 Tuyên Quang, hằng năm các cơ quan báo cáo kết quả thực hiện qua đâu, trước ngày nào?",
    )
    assert "Sở Nội vụ" in reply and "20 tháng 11" in reply and set(cited(user)) == {PLAN}


def test_a_month_in_the_named_plans_title_is_no_window(user: ChatUser) -> None:
    reply = ask(user, "nq 30 phien hop chinh phu thang 3 giao bo y te nhung viec gi")
    assert "nâng cấp bệnh viện tuyến tỉnh" in reply and set(cited(user)) == {MEETING}


def test_a_month_written_otherwise_than_in_the_title_is_no_window(user: ChatUser) -> None:
    # The title says "tháng 3 năm 2026"; the question "tháng 3/2026": the same period.
    reply = ask(
        user, "Bộ Y tế được giao những việc gì trong NQ 30 về phiên họp Chính phủ tháng 3/2026?"
    )
    assert "nâng cấp bệnh viện tuyến tỉnh" in reply and set(cited(user)) == {MEETING}


def test_activities_due_this_quarter(user: ChatUser) -> None:
    reply = ask(user, "KH 30 Tuyen Quang: quy nay So KHCN co nhung hoat dong nao den han")
    assert "Số hóa hồ sơ" in reply and set(cited(user)) == {PLAN}
