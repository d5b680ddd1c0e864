"""Answers round 23 added, through the dispatcher over plans written here in our own words
and ingested by the real parser:
- an acronym no table holds ("Cổng DVCQG") is searched as the plan names it, from the
  initials of the words the matching passages write; one the plans never spell finds
  nothing;
- "…, bộ nào trình …": a clause opening with the unit kind asked is a lead question;
- "nội dung thứ 7" of a plan whose "II. NỘI DUNG" numbers its items as lines is that
  item, not the appendix row that happens to carry the number 7;
- "QĐ 77 có bao nhiêu mục tiêu, nhiệm vụ": a plan that is not loaded, counted in a loaded
  one's words, answers with that sentence;
- two questions in one message that find nothing together are asked one by one, the second
  in the first one's plan; when the first finds nothing on its topic, nothing is cited;
- "có bao nhiêu người" is a count: "90% người …" does not answer it, while "giảm bao
  nhiêu thời gian" is answered by "giảm 30% thời gian"; "tổng kinh phí … là bao nhiêu"
  asks a sum of money, which a date or a code does not answer;
- a short form joined by a hyphen ("cơ sở VH-TT") spells words with "và" between them, and
  names the plan, not a topic the unit's tasks must hold; "VN" is "Việt Nam";
- "<unit> … nội dung gì" asks the unit's list, however long the question;
- "thực hiện QĐ nào của TTg" asks what the plan carries out, the kind typed short;
  "đến giờ còn hạn không" asks the deadline.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, chat_over_plans, cited
from fakes.chat import ChatUser

NOW = datetime(2026, 4, 10, 9, 0)
SESSION = "nq_51_phien_hop_thang_3.txt"
DEFENCE = "kh_88_phong_thu_dan_su.txt"
REVIEW = "bc_12_so_ket_cai_cach.txt"
SURVEY = "kh_19_giam_sat_giam_ngheo.txt"
DRUGS = "kh_64_phong_chong_ma_tuy.txt"
CULTURE = "kh_15_co_so_van_hoa.txt"

_SESSION = """CHÍNH PHỦ
Số: 51/NQ-CP
Hà Nội, ngày 08 tháng 4 năm 2026
NGHỊ QUYẾT
Phiên họp Chính phủ thường kỳ tháng 3 năm 2026
II. NHIỆM VỤ CỤ THỂ
4. Bộ Công an chủ trì, phối hợp với các cơ quan, địa phương:
a) Tăng cường tuần tra, kiểm soát trật tự an toàn giao thông trong dịp nghỉ lễ.
b) Hoàn thiện Cổng Dịch vụ công quốc gia, đưa hệ thống điều phối hồ sơ vào vận hành. Trình
Thủ tướng Chính phủ ban hành Quy chế khai thác Cổng Dịch vụ công quốc gia trước ngày 20
tháng 5 năm 2026.
5. Bộ Tài chính hoàn thiện phương án phân bổ vốn đầu tư công, trình trước ngày 30 tháng 4
năm 2026.
6. Thủ tướng Chính phủ chỉ đạo các bộ hoàn thành thủ tục đầu tư các dự án trọng điểm trong
Quý III năm 2026.
"""
_DEFENCE = """ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG
Số: 88/KH-UBND
Tuyên Quang, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Triển khai công tác phòng thủ dân sự năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm sự chỉ đạo thống nhất của Ủy ban nhân dân tỉnh.
II. NỘI DUNG
1. Kiện toàn Ban Chỉ huy phòng thủ dân sự các cấp.
2. Tuyên truyền pháp luật về phòng thủ dân sự.
3. Rà soát kế hoạch phòng thủ dân sự của các xã, phường.
4. Bồi dưỡng lực lượng xung kích tại cơ sở.
5. Diễn tập phòng thủ dân sự cấp tỉnh.
III. TỔ CHỨC THỰC HIỆN
Các sở, ngành thực hiện theo Phụ lục.
PHỤ LỤC DANH MỤC NHIỆM VỤ
| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Ban hành quy chế hoạt động của Ban Chỉ huy | Bộ Chỉ huy Quân sự tỉnh | Các sở, ngành | Quý II/2026 |
| 2 | Biên soạn tài liệu tuyên truyền | Sở Văn hóa, Thể thao và Du lịch | Các xã, phường | Quý III/2026 |
| 3 | Rà soát kế hoạch của các xã | Ủy ban nhân dân các xã, phường | Bộ Chỉ huy Quân sự tỉnh | Quý III/2026 |
| 4 | Tập huấn lực lượng xung kích | Bộ Chỉ huy Quân sự tỉnh | Công an tỉnh | Quý IV/2026 |
| 5 | Mua sắm trang thiết bị cứu hộ | Sở Tài chính | Bộ Chỉ huy Quân sự tỉnh | Năm 2026 |
"""
_REVIEW = """SỞ NỘI VỤ TỈNH YÊN BÁI
BÁO CÁO
Sơ kết công tác cải cách hành chính
I. KẾT QUẢ
1. Chương trình tổng thể
Ngày 20/12/2021, Ủy ban nhân dân tỉnh đã ban hành Quyết định số 77/QĐ-UBND về Chương trình
tổng thể cải cách hành chính giai đoạn 2021-2030. Theo đó có 12 mục tiêu cho cả giai đoạn
với 30 nhiệm vụ phải thực hiện và 5 giải pháp.
2. Kết quả năm 2025
Các sở, ngành đã hoàn thành phần lớn nhiệm vụ được giao.
"""
_SURVEY = """ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG
Số: 19/KH-UBND
Hải Phòng, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Giám sát, đánh giá chương trình giảm nghèo bền vững năm 2026
III. CÁC BƯỚC ĐÁNH GIÁ
- Định kỳ thu thập thông tin theo các mẫu biểu quy định tại Thông tư số 07/2024/TT-BNV.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường tổng hợp chung các mẫu biểu, xây dựng báo cáo đánh giá gửi
Ủy ban nhân dân thành phố trước ngày 15/12/2026.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch cho 25 xã, phường.
"""
_DRUGS = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 64/KH-UBND
Lào Cai, ngày 02 tháng 02 năm 2026
KẾ HOẠCH
Thực hiện Quyết định số 1234/QĐ-TTg của Thủ tướng Chính phủ về phòng, chống ma túy năm 2026
II. CHỈ TIÊU
1. Trên 90% người nghiện ma túy có hồ sơ quản lý được tư vấn, điều trị.
2. Cắt giảm 30% thời gian giải quyết hồ sơ hỗ trợ cai nghiện so với năm 2025.
III. NHIỆM VỤ
1. Công an tỉnh rà soát, lập danh sách người sử dụng trái phép chất ma túy, hoàn thành
trong Quý II/2026.
IV. KINH PHÍ
Tổng kinh phí thực hiện Kế hoạch khoảng 1,2 tỷ đồng từ ngân sách tỉnh.
"""

_CULTURE = """BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH
Số: 15/KH-BVHTTDL
Hà Nội, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện quy hoạch mạng lưới cơ sở văn hóa và thể thao đến năm 2030
III. TỔ CHỨC THỰC HIỆN
1. Viện Nghiên cứu Văn hóa Việt Nam
a) Tổ chức điều tra hiện trạng nhà văn hóa thôn, bản tại các tỉnh miền núi, hoàn thành trong
Quý III/2026.
b) Tổng hợp, đề xuất danh mục thiết chế văn hóa cần ưu tiên đầu tư, trước ngày 30/11/2026.
2. Vụ Kế hoạch, Tài chính bố trí vốn cho các dự án trọng điểm hằng năm.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    plans = {
        SESSION: _SESSION,
        DEFENCE: _DEFENCE,
        REVIEW: _REVIEW,
        SURVEY: _SURVEY,
        DRUGS: _DRUGS,
        CULTURE: _CULTURE,
    }
    return chat_over_plans(tmp_path, plans, NOW)


def test_an_unknown_acronym_is_searched_as_the_plan_spells_it(user: ChatUser) -> None:
    reply = ask(user, "NQ 51: Quy che khai thac Cong DVCQG trinh truoc ngay nao?")
    assert "20 tháng 5 năm 2026" in reply and cited(user) == [SESSION]
    reply = ask(user, "NQ 51 giao ai hoan thien Cong DVCQG?")
    assert "Bộ Công an" in reply and cited(user) == [SESSION]
    # letters whose words no plan writes spell nothing: no citation
    ask(user, "NQ 51 giao ai hoan thien Cong XKQHT?")
    assert cited(user) == []


def test_a_clause_opening_with_the_unit_kind_asked_asks_the_lead(user: ChatUser) -> None:
    reply = ask(
        user,
        "Theo NQ 51, bo nao trinh TTg Quy che khai thac Cong DVCQG, han?",
    )
    assert reply.startswith("Bộ Công an") and "20 tháng 5 năm 2026" in reply
    assert cited(user) == [SESSION]


def test_content_number_n_is_the_outline_item_under_its_heading(user: ChatUser) -> None:
    reply = ask(user, "Noi dung thu 5 trong KH 88 phong thu dan su Tuyen Quang la gi?")
    assert "Diễn tập phòng thủ dân sự cấp tỉnh" in reply
    assert "trang thiết bị" not in reply  # row 5 of the appendix is another thing
    assert cited(user) == [DEFENCE]
    reply = ask(user, "noi dung so 2 cua KH 88 phong thu dan su la gi")
    assert "Tuyên truyền pháp luật" in reply
    assert "Diễn tập" not in reply and "Biên soạn tài liệu" not in reply
    # the appendix row is still found when the question names the appendix
    reply = ask(user, "nhiem vu so 5 trong phu luc KH 88 phong thu dan su la gi?")
    assert "trang thiết bị cứu hộ" in reply


def test_a_plan_not_loaded_is_counted_in_a_loaded_texts_words(user: ChatUser) -> None:
    reply = ask(
        user, "Chuong trinh CCHC 2021-2030 theo QD 77 co bao nhieu muc tieu, nhiem vu va giai phap"
    )
    assert "12 mục tiêu" in reply and "30 nhiệm vụ" in reply and "5 giải pháp" in reply
    assert cited(user) == [REVIEW]
    # a number no loaded text quotes is not answered from it
    reply = ask(user, "Chuong trinh CCHC 2021-2030 theo QD 78 co bao nhieu muc tieu, nhiem vu")
    assert "12 mục tiêu" not in reply


def test_two_questions_are_asked_one_by_one_when_together_they_find_nothing(
    user: ChatUser,
) -> None:
    reply = ask(
        user,
        "KH 19 Hai Phong giam sat giam ngheo: thu thap thong tin theo mau bieu cua thong tu nao,"
        " co quan nao tong hop chung",
    )
    assert "07/2024/TT-BNV" in reply and "Sở Nông nghiệp và Môi trường" in reply
    assert set(cited(user)) == {SURVEY}
    # a first question whose topic the plan does not hold answers nothing, whatever the
    # second finds
    reply = ask(user, "KH 19 Hai Phong co du an xay nha van hoa nao, kinh phi bao nhieu?")
    assert cited(user) == []


def test_a_count_of_people_is_not_answered_by_a_share(user: ChatUser) -> None:
    ask(user, "KH 64 Lao Cai hien co bao nhieu nguoi nghien ma tuy?")
    assert cited(user) == []
    reply = ask(
        user, "KH 64 Lao Cai cat giam bao nhieu thoi gian giai quyet ho so ho tro cai nghien?"
    )
    assert "30% thời gian" in reply and cited(user) == [DRUGS]


def test_a_sum_of_money_is_answered_by_money_only(user: ChatUser) -> None:
    reply = ask(user, "KH 64 Lao Cai tong kinh phi thuc hien la bao nhieu?")
    assert "1,2 tỷ đồng" in reply and cited(user) == [DRUGS]
    ask(user, "KH 19 Hai Phong tong kinh phi thuc hien ke hoach la bao nhieu?")
    assert cited(user) == []  # "cho 25 xã, phường" is a count, no sum of money


def test_the_document_a_plan_carries_out_asked_with_its_kind_typed_short(
    user: ChatUser,
) -> None:
    reply = ask(user, "KH 64 Lao Cai thuc hien QD nao cua TTg?")
    assert "1234/QĐ-TTg" in reply and cited(user) == [DRUGS]
    assert "Không tìm thấy nhiệm vụ" not in reply  # the Thủ tướng is no unit asked about


def test_still_in_time_asks_the_deadline(user: ChatUser) -> None:
    reply = ask(user, "KH 64 Lao Cai: viec lap danh sach nguoi su dung ma tuy den gio con han ko?")
    assert "Quý II/2026" in reply and "30/06/2026" in reply and cited(user) == [DRUGS]


def test_a_hyphenated_short_form_names_the_plan_not_a_topic(user: ChatUser) -> None:
    reply = ask(
        user,
        "Vien Nghien cuu Van hoa VN duoc giao nhung viec gi trong KH quy hoach co so VH-TT?",
    )
    assert "nhà văn hóa thôn, bản" in reply and "thiết chế văn hóa" in reply
    assert set(cited(user)) == {CULTURE}


def test_what_a_unit_is_asked_to_do_lists_its_duties(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH 15 quy hoach co so van hoa: Vien Nghien cuu Van hoa Viet Nam khi trien khai o cac"
        " tinh mien nui thuc hien noi dung gi",
    )
    assert "nhà văn hóa thôn, bản" in reply and "thiết chế văn hóa" in reply
    assert set(cited(user)) == {CULTURE}
