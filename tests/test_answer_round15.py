"""Answers round 15 added, through the dispatcher over plans written here in our own words
and ingested by the real parser: "chia thành mấy nội dung, nội dung cuối là gì" answered
with the groups the tasks stand in, named; "gồm những nội dung … nào" when the heading
words the plan's items differently; a unit no plan names ("Hội Nhà báo tỉnh") that is
told it has no tasks instead of being given a passage about "nhà"; a city and a unit typed
by their short forms ("HN", "BQL", "HCC"); a plan's numbered parts listed whole; and a
plan's fact asked together with a question of another kind ("… mục đích gì, ai ký?");
and a plan named by its title whose answer is never that title again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, chat_over_plans, cited
from fakes.chat import ChatUser

NOW = datetime(2026, 4, 10, 9, 0)
PROGRAMME = "kh_30_chuyen_doi_so.txt"
CITY = "kh_77_ha_noi.txt"
DISPATCH = "cd_09_bao_so_5.txt"

_PROGRAMME = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 30/KH-UBND
Bắc Kạn, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Chuyển đổi số của Văn phòng Ủy ban nhân dân tỉnh năm 2026

I. MỤC ĐÍCH
Nâng cao hiệu quả điều hành bằng dữ liệu.

II. NỘI DUNG, NHIỆM VỤ CỤ THỂ
1. Hạ tầng số
2. Dữ liệu số
3. Ứng dụng số
4. An toàn thông tin
5. Nhân lực số
6. Truyền thông về chuyển đổi số
7. Hợp tác với doanh nghiệp công nghệ
8. Đo lường mức độ chuyển đổi số
9. Kinh phí bảo đảm cho chuyển đổi số

PHỤ LỤC NHIỆM VỤ
Nội dung 1. Hạ tầng số
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| 1 | Nâng cấp mạng nội bộ của Văn phòng | Phòng Hành chính - Quản trị | Quý II/2026 |
| 2 | Thuê máy chủ dự phòng | Phòng Hành chính - Quản trị | Quý III/2026 |
Nội dung 2. Dữ liệu số
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| 3 | Số hóa hồ sơ lưu trữ năm 2020-2025 | Trung tâm Phục vụ hành chính công | Quý IV/2026 |
Nội dung 3. Kinh phí
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| 4 | Lập dự toán kinh phí chuyển đổi số năm 2027 | Phòng Kế hoạch - Tài chính | Tháng 7/2026 |

CHÁNH VĂN PHÒNG
Hoàng Văn Minh
"""
_CITY = """ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
Số: 77/KH-UBND
Hà Nội, ngày 20 tháng 02 năm 2026
KẾ HOẠCH
Phát triển khu công nghệ cao năm 2026

II. NHIỆM VỤ
| STT | Nhiệm vụ | Chủ trì | Thời gian |
|---|---|---|---|
| 1 | Rà soát quỹ đất cho doanh nghiệp công nghệ thuê | Ban Quản lý các khu công nghệ cao và khu công nghiệp | Quý III/2026 |
| 2 | Tổ chức diễn đàn nhà đầu tư công nghệ cao | Sở Khoa học và Công nghệ | Tháng 10/2026 |

CHỦ TỊCH
Trần Văn Nam
"""
_DISPATCH = """ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH
Số: 09/CĐ-UBND
Nam Định, ngày 02 tháng 9 năm 2026
CÔNG ĐIỆN
Về việc chủ động ứng phó với bão số 5

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:
- Chủ tịch Ủy ban nhân dân các xã ven biển: Hải Hòa, Giao Thủy, Nghĩa Hưng;
- Giám đốc các Sở: Nông nghiệp và Môi trường, Xây dựng.

1. Sở Nông nghiệp và Môi trường theo dõi sát diễn biến của bão, thông tin kịp thời cho các xã.
2. Ủy ban nhân dân các xã ven biển tổ chức sơ tán người dân khỏi khu vực nguy hiểm.

CHỦ TỊCH
Phạm Văn Hùng
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    return chat_over_plans(tmp_path, {PROGRAMME: _PROGRAMME, CITY: _CITY, DISPATCH: _DISPATCH}, NOW)


def test_how_many_groups_names_them_and_the_last_one(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH chuyen doi so VP UBND tinh Bac Kan phu luc chia thanh may noi dung, cuoi cung la gi?",
    )
    assert "3 nhóm" in reply.split("\n")[0]
    for group in ("Nội dung 1. Hạ tầng số", "Nội dung 2. Dữ liệu số", "Nội dung 3. Kinh phí"):
        assert group in reply
    assert cited(user) == [PROGRAMME]


def test_a_plans_parts_named_in_other_words_are_listed_whole(user: ChatUser) -> None:
    reply = ask(user, "KH 30 Bac Kan gom nhung noi dung chuyen doi so nao?")
    assert "9 nội dung" in reply
    for part in ("Hạ tầng số", "Đo lường mức độ chuyển đổi số", "Kinh phí bảo đảm"):
        assert part in reply  # the ninth too: a plan's parts are never cut off unsaid


def test_a_unit_no_plan_names_has_no_tasks_and_gets_no_passage(user: ChatUser) -> None:
    reply = ask(user, "Hoi Nha bao tinh co nhiem vu gi trong cac ke hoach khong?")
    assert "Không có nhiệm vụ nào" in reply
    assert cited(user) == []


def test_short_forms_of_a_city_and_a_board_name_them(user: ChatUser) -> None:
    reply = ask(user, "KH 77 HN: BQL cac khu CNC va KCN chu tri nhung nhiem vu nao?")
    assert "Rà soát quỹ đất" in reply and "diễn đàn nhà đầu tư" not in reply
    assert cited(user) == [CITY]
    reply = ask(user, "Trung tam Phuc vu HCC chu tri nhiem vu nao trong KH 30 Bac Kan?")
    assert "Số hóa hồ sơ lưu trữ" in reply


def test_a_plans_fact_and_another_question_in_one_message(user: ChatUser) -> None:
    reply = ask(user, "KH 30 Bac Kan ve chuyen doi so co muc dich gi, ai ky?")
    assert "Hoàng Văn Minh" in reply  # the plan's fact
    assert "điều hành bằng dữ liệu" in reply  # and the other question, answered on its own


def test_a_plan_named_by_its_title_is_not_answered_with_its_title(user: ChatUser) -> None:
    reply = ask(
        user, "Cong dien ve viec chu dong ung pho voi bao so 5 cua Nam Dinh gui cho nhung xa nao?"
    )
    said = reply.split("\n")[0].split("): ", 1)[-1].strip(" .")
    assert said != "Chủ động ứng phó với bão số 5"  # an answer is never just the name
    assert cited(user) == [DISPATCH]


def test_what_a_plan_is_about_names_the_unit_that_leads_most_of_it(user: ChatUser) -> None:
    reply = ask(user, "KH 30 Bac Kan la ke hoach ve viec gi?")
    assert "Chuyển đổi số của Văn phòng" in reply
    assert "Phòng Hành chính - Quản trị (2/4 nhiệm vụ)" in reply


def test_this_plan_is_the_plan_the_chat_is_about(user: ChatUser) -> None:
    ask(user, "KH 30 Bac Kan do ai ky?")
    reply = ask(user, "ke hoach nay chia thanh may noi dung?")
    assert "3 nhóm" in reply and "Nội dung 2. Dữ liệu số" in reply
    assert cited(user) == [PROGRAMME]
