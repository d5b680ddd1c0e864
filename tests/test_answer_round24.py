"""Answers round 24 added, through the dispatcher over plans written here in our own words
and ingested by the real parser:
- "nội dung cải cách chế độ công vụ gồm mấy nhiệm vụ": a group of tasks named by its
  heading's title, not its number, is counted alone;
- "NQ 52 giao Bộ X nhiệm vụ gì" for a body no loaded plan names: no tasks, nothing cited;
- a unit's short list shows each task whole, as much as one message holds;
- a table's total row ("Tổng cộng | | | 120") is one row, and its figure carries the unit
  its column's header gives ("Tổng số (mẫu)"): "bao nhiêu mẫu" is answered by it;
- an acronym typed in a question that names its plan ("KH 31 …: … QP-AN …") is spelled
  out like one in any other question;
- "tính đến 10/4/2026 … đã quá hạn" counts the overdue at that day, and "những hạn nào …
  đã qua", "đã trễ những mốc nào" ask the overdue list;
- "… pháp luật 2026-2030" is a plan's period, not a law numbered 2026;
- "quy chế phối hợp … giao ai": the task's name says "phối hợp", the question asks its lead;
- "Hội X được giao nhiệm vụ gì, hạn khi nào" for a body no plan names: no tasks, no citation;
- a state group asked by its trade name ("Tập đoàn PVN") is the group the plan names;
- "… tên là gì" asks a person's name: a passage that names none answers nothing; "chủ tịch
  … ký KH 77 là ai" asks the signer; "mức phạt tiền … bao nhiêu" asks a sum of money.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, chat_over_plans, cited
from fakes.chat import ChatUser

NOW = datetime(2026, 4, 10, 9, 0)
OFFICE = "kh_27_cchc_van_phong.txt"
SESSION = "nq_52_phien_hop_thang_4.txt"
SAMPLES = "kh_40_quan_trac_nuoc.txt"
DEFENCE = "kh_31_phong_thu_dan_su.txt"
INVENTORY = "kh_45_kiem_ke_tai_san.txt"
LAWMAKING = "kh_77_can_bo_phap_luat.txt"
CEREMONY = "cd_99_le_khoi_cong.txt"

_OFFICE = """ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
VĂN PHÒNG
Số: 27/KH-VP
Lạng Sơn, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Cải cách hành chính của Văn phòng Ủy ban nhân dân tỉnh năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng tham mưu, phục vụ của Văn phòng.
II. NHIỆM VỤ
Các phòng thực hiện các nhiệm vụ tại Phụ lục kèm theo.
PHỤ LỤC CÁC NHIỆM VỤ TRỌNG TÂM
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| | Nội dung 1. Công tác chỉ đạo, điều hành (2 nhiệm vụ) | | |
| 1 | Ban hành kế hoạch tuyên truyền cải cách hành chính của Văn phòng | Phòng Hành chính - Tổ chức | Tháng 01/2026 |
| 2 | Kiểm tra việc thực hiện nội quy tiếp nhận hồ sơ tại bộ phận một cửa | Phòng Hành chính - Tổ chức | Quý III/2026 |
| | Nội dung 2: Cải cách chế độ công vụ (3 nhiệm vụ) | | |
| 3 | Cử công chức tham gia lớp bồi dưỡng kỹ năng soạn thảo văn bản | Phòng Hành chính - Tổ chức | Quý II/2026 |
| 4 | Rà soát bản mô tả vị trí việc làm của các phòng | Phòng Tổng hợp | Quý III/2026 |
| 5 | Đánh giá, xếp loại công chức theo kết quả công việc hằng tháng | Phòng Tổng hợp | Tháng 12/2026 |
| | Nội dung 3. Xây dựng chính quyền số (1 nhiệm vụ) | | |
| 6 | Vận hành hệ thống họp trực tuyến đến các xã, phường | Trung tâm Thông tin | Năm 2026 |
"""

# Bộ Y tế's second task runs past what a list line used to hold; Bộ Công Thương has four
# tasks, each longer than a line of a long list.
_SESSION = """CHÍNH PHỦ
Số: 52/NQ-CP
Hà Nội, ngày 06 tháng 5 năm 2026
NGHỊ QUYẾT
Phiên họp Chính phủ thường kỳ tháng 4 năm 2026
II. NHIỆM VỤ CỤ THỂ
7. Bộ Y tế:
a) Hoàn thiện hồ sơ, trình Thủ tướng Chính phủ phê duyệt Đề án nâng cao năng lực y tế cơ sở ở các xã vùng cao, bảo đảm mỗi trạm y tế có bác sĩ làm việc thường xuyên.
b) Chủ trì, phối hợp với Bộ Xây dựng và Bộ Tài chính chỉ đạo các chủ đầu tư rà soát toàn bộ hồ sơ, tháo gỡ vướng mắc về thủ tục, giải phóng mặt bằng và nguồn vốn tại các dự án bệnh viện tuyến tỉnh đang chậm tiến độ, báo cáo kết quả xử lý từng dự án với Thủ tướng Chính phủ, công khai danh sách các nhà thầu vi phạm cam kết, điều chuyển vốn của dự án không giải ngân được sang dự án có khả năng giải ngân, kiểm tra chất lượng các hạng mục đã nghiệm thu, tổ chức đào tạo đội ngũ quản lý vận hành và đưa hai bệnh viện vùng Tây Bắc vào hoạt động trong quý III năm 2026.
Tổng vốn đầu tư công giải ngân trong tháng 4 năm 2026 đạt khoảng 95.000 tỷ đồng.
8. Bộ Công Thương:
a) Chủ trì xây dựng phương án bảo đảm cung ứng xăng dầu cho các tỉnh miền núi trong mùa mưa lũ, phối hợp với các địa phương bố trí kho dự trữ tại các điểm thường bị chia cắt và công bố đường dây nóng tiếp nhận phản ánh của người dân về giá bán lẻ.
b) Rà soát quy hoạch hệ thống chợ đầu mối nông sản ở các vùng sản xuất lớn, đề xuất danh mục chợ cần nâng cấp để kết nối với sàn thương mại điện tử và mở rộng tiêu thụ hàng hóa của hợp tác xã.
c) Hướng dẫn doanh nghiệp xuất khẩu đáp ứng quy định truy xuất nguồn gốc của thị trường châu Âu, tổ chức tập huấn tại các tỉnh trọng điểm về trái cây và thủy sản, chuẩn bị hồ sơ đàm phán mở cửa thị trường sầu riêng đông lạnh.
d) Kiểm tra việc chấp hành quy định về an toàn điện tại các khu công nghiệp, xử lý nghiêm vi phạm về đấu nối trái phép và công khai kết quả kiểm tra trên cổng thông tin điện tử của Bộ.
"""

# A flattened web table, one cell a line, "|" between cells and two between rows; the
# total row's empty cells look like a row break.
_SAMPLES = """ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
Số: 40/KH-UBND
Ninh Bình, ngày 20 tháng 11 năm 2025
KẾ HOẠCH
Quan trắc chất lượng nước nuôi trồng thủy sản trên địa bàn tỉnh năm 2026
I. MỤC ĐÍCH
Cảnh báo sớm diễn biến chất lượng nước tại các vùng nuôi tập trung.
PHỤ LỤC
SỐ LƯỢNG MẪU QUAN TRẮC CHẤT LƯỢNG NƯỚC NUÔI TRỒNG THỦY SẢN NĂM 2026

|
TT
|
Vùng quan trắc
|
Tần suất
|
Tổng số (mẫu)
|
|
1
|
Vùng nuôi tôm ven biển Kim Sơn
|
02 lần/tháng
|
48
|
|
2
|
Vùng nuôi cá lồng sông Đáy
|
01 lần/tháng
|
72
|
|
**Tổng cộng**
|
|
|
**120**
|

II. TỔ CHỨC THỰC HIỆN
Sở Nông nghiệp và Môi trường chủ trì lấy mẫu, phân tích và thông báo kết quả quan trắc.
"""

_DEFENCE = """ỦY BAN NHÂN DÂN TỈNH CAO BẰNG
Số: 31/KH-UBND
Cao Bằng, ngày 02 tháng 3 năm 2026
KẾ HOẠCH
Tuyên truyền, phổ biến kiến thức phòng thủ dân sự năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ và Nhân dân về phòng thủ dân sự.
II. NHIỆM VỤ
1. Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với Sở Nội vụ đưa nội dung phòng thủ dân sự vào kế hoạch bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4, hoàn thành trong Quý III/2026.
2. Sở Văn hóa, Thể thao và Du lịch chủ trì biên soạn tài liệu tuyên truyền về phòng thủ dân sự cho các xã, phường, hoàn thành trong Quý II/2026.
3. Công an tỉnh chủ trì triển khai các phương án bảo đảm an toàn thông tin, an ninh mạng cho các hệ thống thông tin, cơ sở dữ liệu phục vụ chỉ huy phòng thủ dân sự đã, đang và sẽ xây dựng trong phạm vi quản lý theo tiêu chuẩn TCVN 11930:2017 về an toàn hệ thống thông tin theo cấp độ, thực hiện thường xuyên.
"""


_INVENTORY = """ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN
Số: 45/KH-UBND
Điện Biên, ngày 20 tháng 10 năm 2025
KẾ HOẠCH
Tổng kiểm kê tài sản công tại cơ quan, tổ chức, đơn vị trên địa bàn tỉnh
I. MỤC ĐÍCH
Nắm chắc số lượng, giá trị tài sản công do các cơ quan quản lý.
II. NHIỆM VỤ CỤ THỂ
1. Ủy ban nhân dân các xã, phường:
a) Thành lập tổ kiểm kê tài sản cấp xã, hoàn thành trước ngày 20/11/2025.
b) Hướng dẫn các đơn vị trực thuộc ghi phiếu kiểm kê, hoàn thành trước ngày 15/01/2026.
c) Gửi báo cáo kết quả kiểm kê về Sở Tài chính trước ngày 31/3/2026.
d) Lưu trữ hồ sơ kiểm kê theo quy định, hoàn thành trước ngày 30/9/2026.
2. Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam phối hợp cung cấp số liệu đường ống
khí do Nhà nước đầu tư, hoàn thành trước ngày 30/6/2026.
3. Tập đoàn Điện lực Việt Nam cung cấp số liệu lưới điện do Nhà nước đầu tư, hoàn thành
trước ngày 31/7/2026.
PHỤ LỤC NHIỆM VỤ BAN HÀNH VĂN BẢN
| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Ban hành Quy chế phối hợp kiểm kê nhà, đất giữa các cơ quan | Sở Xây dựng | Sở Tài chính | Quý II/2026 | Quyết định của UBND tỉnh |
| 2 | Ban hành mẫu biểu tổng hợp số liệu kiểm kê | Sở Tài chính | Các sở, ngành | Quý I/2026 | Công văn hướng dẫn |
"""

_LAWMAKING = """ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN
Số: 77/KH-UBND
Hưng Yên, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
Nâng cao năng lực đội ngũ cán bộ làm công tác xây dựng chính sách, pháp luật giai đoạn 2026-2030
I. MỤC ĐÍCH
Xây dựng đội ngũ cán bộ có năng lực xây dựng văn bản quy phạm pháp luật.
II. NHIỆM VỤ
1. Sở Nội vụ chủ trì đưa nội dung kỹ năng soạn thảo văn bản vào chương trình bồi dưỡng công
chức hằng năm.
2. Sở Tư pháp chủ trì tổ chức hội thi cán bộ pháp chế giỏi, hoàn thành trong Quý IV/2027.
3. Sở Tư pháp hướng dẫn tổ chức, cá nhân thực hiện quy định về xử phạt vi phạm hành chính
trong lĩnh vực bổ trợ tư pháp tại khoản 3 Điều 12 của Nghị định, hoàn thành trong Quý III/2026.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Minh Khang
"""


_CEREMONY = """THỦ TƯỚNG CHÍNH PHỦ
Số: 99/CĐ-TTg
Hà Nội, ngày 25 tháng 11 năm 2025
CÔNG ĐIỆN
Về việc chuẩn bị lễ khởi công các công trình giao thông trọng điểm
Thủ tướng Chính phủ yêu cầu Bộ Xây dựng chủ trì tổ chức lễ khởi công trực tuyến đồng thời
tại các địa phương vào ngày 20 tháng 12 năm 2025, kỷ niệm ngày thành lập ngành giao thông.
Theo báo cáo của Bộ Xây dựng, đã có 9 bộ, ngành và 21 địa phương gửi đăng ký với tổng cộng
86 dự án, công trình, tổng vốn đầu tư khoảng 410.000 tỷ đồng.
1. Bộ Xây dựng hoàn thành danh mục công trình khởi công trước ngày 05 tháng 12 năm 2025.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    plans = {
        OFFICE: _OFFICE,
        SESSION: _SESSION,
        SAMPLES: _SAMPLES,
        DEFENCE: _DEFENCE,
        INVENTORY: _INVENTORY,
        LAWMAKING: _LAWMAKING,
        CEREMONY: _CEREMONY,
    }
    return chat_over_plans(tmp_path, plans, NOW)


def test_a_group_named_by_its_title_is_counted_alone(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH 27 CCHC cua Van phong UBND tinh Lang Son, noi dung cai cach che do cong vu "
        "gom may nhiem vu?",
    )
    assert "có 3 nhiệm vụ" in reply and "vị trí việc làm" in reply
    assert "tuyên truyền cải cách hành chính" not in reply and set(cited(user)) == {OFFICE}
    # the plan's own title is no group: the whole plan is counted
    reply = ask(user, "KH 27 cai cach hanh chinh cua Van phong co bao nhieu nhiem vu?")
    assert "6 nhiệm vụ" in reply


def test_a_body_no_plan_names_is_given_nothing(user: ChatUser) -> None:
    reply = ask(user, "NQ 52 phien hop thang 4 giao Bo Ngoai giao nhiem vu gi?")
    assert "Không có nhiệm vụ nào của Bo Ngoai giao" in reply and cited(user) == []
    reply = ask(user, "Nghị quyết 52 giao cho Bộ Y tế những việc gì?")
    assert "Bộ Y tế có 2 nhiệm vụ" in reply and set(cited(user)) == {SESSION}


def test_a_short_list_shows_each_task_whole(user: ChatUser) -> None:
    reply = ask(user, "NQ 52 giao Bo Y te nhung viec gi")
    assert "hai bệnh viện vùng Tây Bắc vào hoạt động" in reply
    reply = ask(user, "Bộ Công Thương được giao những việc gì trong Nghị quyết 52?")
    assert "Bộ Công Thương có 4 nhiệm vụ" in reply
    for tail in ("giá bán lẻ", "hàng hóa của hợp tác xã", "sầu riêng đông lạnh", "của Bộ"):
        assert tail in reply


def test_a_total_row_answers_with_its_columns_unit(user: ChatUser) -> None:
    reply = ask(
        user, "tong so mau quan trac nuoc nuoi trong thuy san Ninh Binh nam 2026 la bao nhieu mau"
    )
    assert "120 mẫu" in reply and cited(user) == [SAMPLES]
    # a figure of one row is no total
    assert "Tổng cộng" in reply


def test_an_acronym_is_written_out_in_folded_text_too() -> None:
    from knowledge.retrieval.acronyms import with_names

    names = [("QP-AN", "quoc phong va an ninh")]
    # a question that names its plan is searched folded: the capitals are gone
    assert with_names("boi duong qp an cho doi tuong 4", names) == (
        "boi duong quoc phong va an ninh cho doi tuong 4"
    )
    assert with_names("bồi dưỡng QP-AN", names) == "bồi dưỡng quoc phong va an ninh"


def test_an_acronym_in_a_question_naming_its_plan_is_spelled_out(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH 31 Cao Bang: ai chu tri dua PTDS vao boi duong QP-AN cho doi tuong 4?",
    )
    assert reply.startswith("Bộ Chỉ huy Quân sự tỉnh") and cited(user) == [DEFENCE]


def test_overdue_as_of_a_day_named_in_the_question(user: ChatUser) -> None:
    reply = ask(
        user, "tinh den 10/4/2026 UBND cac xa, phuong trong KH 45 kiem ke co viec nao da qua han?"
    )
    assert "3 nhiệm vụ đã quá hạn" in reply and "tính đến 10/04/2026" in reply
    assert "Lưu trữ hồ sơ" not in reply
    # "hoàn thành trước ngày 20/11/2025" is a limit, shown as the plan states it
    assert "(hạn trước ngày 20/11/2025)" in reply
    reply = ask(user, "KH 45 Dien Bien: UBND cac xa, phuong co nhung han nao da qua?")
    assert "3 nhiệm vụ đã quá hạn" in reply and "tổ kiểm kê" in reply
    reply = ask(
        user,
        "KH 45 kiem ke tai san Dien Bien: tinh den hom nay UBND xa, phuong da tre nhung moc nao?",
    )
    assert "3 nhiệm vụ đã quá hạn" in reply


def test_a_period_after_a_plans_words_is_no_law_number(user: ChatUser) -> None:
    reply = ask(
        user,
        "So Noi vu Hung Yen chu tri nhung viec gi trong ke hoach nang cao nang luc can bo "
        "xay dung chinh sach phap luat 2026-2030",
    )
    assert "kỹ năng soạn thảo văn bản" in reply and cited(user) == [LAWMAKING]


def test_a_coordination_rule_named_in_the_question_asks_its_lead(user: ChatUser) -> None:
    reply = ask(user, "KH 45 Dien Bien: quy che phoi hop kiem ke nha, dat giao ai?")
    assert reply.startswith("Sở Xây dựng chủ trì") and cited(user) == [INVENTORY]


def test_a_body_no_plan_names_asked_with_a_deadline(user: ChatUser) -> None:
    reply = ask(user, "Hoi Nha bao tinh Dien Bien duoc giao nhiem vu gi trong KH 45, han khi nao?")
    assert "Không có nhiệm vụ nào của Hoi Nha bao tinh Dien Bien" in reply and cited(user) == []


def test_a_state_group_by_its_trade_name(user: ChatUser) -> None:
    reply = ask(user, "Tap doan PVN duoc giao viec gi trong KH 45 kiem ke tai san?")
    assert "đường ống khí" in reply and "lưới điện" not in reply and cited(user) == [INVENTORY]
    reply = ask(user, "EVN co bao nhieu nhiem vu trong KH 45")
    assert reply.startswith("Tập đoàn Điện lực Việt Nam có 1 nhiệm vụ")


def test_a_person_asked_by_name_and_the_signer(user: ChatUser) -> None:
    reply = ask(user, "Giám đốc Sở Tư pháp Hưng Yên, đơn vị tổ chức hội thi theo KH 77, tên là gì?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []
    reply = ask(user, "chu tich UBND tinh Hung Yen ky KH 77 la ai")
    assert "Nguyễn Minh Khang" in reply and cited(user) == [LAWMAKING]


def test_a_fine_asked_is_a_sum_of_money(user: ChatUser) -> None:
    ask(
        user,
        "muc phat tien toi da voi to chuc vi pham hanh chinh trong linh vuc bo tro tu phap "
        "theo KH 77 la bao nhieu?",
    )
    assert cited(user) == []


def test_each_question_of_a_message_is_answered(user: ChatUser) -> None:
    # "tổng số dự án … bao nhiêu" counts projects ("86 dự án"), not the years of a date;
    # the message's first question is answered beside its last
    reply = ask(
        user,
        "CD 99 ve le khoi cong cong trinh giao thong: tong so du an dang ky bao nhieu, to chuc ngay nao",
    )
    assert "86 dự án" in reply and "20 tháng 12 năm 2025" in reply
    assert set(cited(user)) == {CEREMONY}
    # the last question, a figure two plans give, is answered in the plan the message is about
    reply = ask(
        user,
        "CD 99 le khoi cong giao thong co bao nhieu nhiem vu, tong von dau tu khoang bao nhieu",
    )
    assert "410.000 tỷ đồng" in reply and "95.000" not in reply
    assert set(cited(user)) == {CEREMONY}


def test_the_words_asked_about_are_shown_from_a_long_task(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH 31 Cao Bang: don vi nao chu tri bao dam an toan thong tin cho co so du lieu chi huy "
        "phong thu dan su, ap dung tieu chuan gi",
    )
    assert reply.startswith("Công an tỉnh chủ trì") and "TCVN 11930:2017" in reply
