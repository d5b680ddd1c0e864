"""Answers round 21 added, through the dispatcher over plans written here in our own words
and ingested by the real parser: a list of report periods in a question ("báo cáo quý I, 6
tháng, quý III") names the report, not a window its tasks must fall in; a yearly rhythm
whose words set the days ("trước ngày 15 tháng 12 …, trước ngày 30 tháng 01 của năm tiếp
theo") answers "trước ngày nào" with those days; a plan asked for as another body's ("lịch
… của Bộ Tài chính" when the one loaded is the Bộ Nội vụ's) is not loaded, and nothing is
cited; a task number printed in two
groups (numbering restarts under each) shows both, unless the question's words choose one.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, chat_over_plans, cited
from fakes.chat import ChatUser

NOW = datetime(2026, 4, 10, 9, 0)
OFFICE = "kh_07_cchc_van_phong.txt"
PROGRAMME = "qd_90_chuong_trinh_du_lieu.txt"
CALENDAR = "qd_515_lich_cong_bo_so_lieu.txt"
GROUPS = "kh_40_do_thi_thong_minh.txt"

_OFFICE = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
VĂN PHÒNG
Số: 07/KH-VP
Quảng Bình, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Cải cách hành chính của Văn phòng năm 2026
PHỤ LỤC NHIỆM VỤ
| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Báo cáo Sở Nội vụ kết quả cải cách hành chính quý I, 6 tháng, quý III và năm 2026 | Phòng Tổng hợp | Các phòng | Theo yêu cầu của tỉnh |
| 2 | Rà soát quy chế làm việc của Văn phòng | Phòng Hành chính - Tổ chức | Các phòng | Quý I/2026 |
"""
_PROGRAMME = """THỦ TƯỚNG CHÍNH PHỦ
Số: 90/QĐ-TTg
Hà Nội, ngày 05 tháng 02 năm 2026
QUYẾT ĐỊNH
Phê duyệt Chương trình phát triển dữ liệu mở
Điều 1. Phê duyệt Chương trình với các nội dung sau:
IV. TỔ CHỨC THỰC HIỆN
1. Bộ Khoa học và Công nghệ hướng dẫn các bộ công bố dữ liệu mở, hoàn thành trong Quý III/2026.
2. Các bộ, ngành, địa phương định kỳ hằng năm gửi báo cáo Bộ Khoa học và Công nghệ kết quả
công bố dữ liệu mở trước ngày 10 tháng 12 để tổng hợp; Bộ Khoa học và Công nghệ báo cáo Thủ
tướng Chính phủ trước ngày 25 tháng 01 của năm tiếp theo.
3. Bộ Tài chính hướng dẫn cơ chế tài chính cho việc chia sẻ dữ liệu mở, xong trong Quý IV/2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""
_CALENDAR = """BỘ NỘI VỤ
Số: 515/QĐ-BNV
Hà Nội, ngày 20 tháng 12 năm 2025
QUYẾT ĐỊNH
Ban hành lịch công bố số liệu thống kê ngành nội vụ năm 2026
Điều 1. Ban hành kèm theo Quyết định này lịch công bố số liệu thống kê năm 2026.
1. Vụ Kế hoạch - Tài chính công bố số liệu thống kê 6 tháng trước ngày 15/7/2026.
2. Vụ Kế hoạch - Tài chính công bố số liệu thống kê năm trước ngày 15/01/2027.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Lê Văn Khánh
"""
_GROUPS = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 40/KH-UBND
Quảng Bình, ngày 02 tháng 3 năm 2026
KẾ HOẠCH
Phát triển đô thị thông minh năm 2026
I. NHIỆM VỤ VỀ DỮ LIỆU
1. Sở Khoa học và Công nghệ xây dựng kho dữ liệu dùng chung của tỉnh, hoàn thành trước
ngày 30/6/2026.
2. Sở Nội vụ số hóa hồ sơ cán bộ, công chức, hoàn thành trong Quý IV/2026.
II. NHIỆM VỤ VỀ HẠ TẦNG
1. Sở Xây dựng rà soát hạ tầng cáp ngầm tại các phường, hoàn thành trong Quý III/2026.
2. Công an tỉnh lắp camera giám sát giao thông tại các nút giao, hoàn thành trong Tháng 10/2026.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    plans = {
        OFFICE: _OFFICE,
        PROGRAMME: _PROGRAMME,
        CALENDAR: _CALENDAR,
        GROUPS: _GROUPS,
    }
    return chat_over_plans(tmp_path, plans, NOW)


def test_a_list_of_report_periods_names_the_report_not_a_window(user: ChatUser) -> None:
    reply = ask(
        user, "bao cao SNV cai cach hanh chinh quy I, 6 thang, quy III do phong nao chu tri?"
    )
    assert "Phòng Tổng hợp" in reply and cited(user) == [OFFICE]
    # one quarter alone still says when: nothing of the office falls due in quý IV
    reply = ask(user, "Van phong co nhiem vu nao trong quy I/2026?")
    assert "Rà soát quy chế" in reply


def test_a_yearly_rhythm_answers_with_the_days_its_words_set(user: ChatUser) -> None:
    reply = ask(
        user,
        "QD 90 du lieu mo: bo nganh dia phuong gui bao cao hang nam cho Bo KHCN truoc ngay nao?",
    )
    assert "trước ngày 10 tháng 12" in reply
    assert "trước ngày 25 tháng 01 của năm tiếp theo" in reply
    assert cited(user) == [PROGRAMME]


def test_a_plan_asked_as_another_bodys_is_not_loaded(user: ChatUser) -> None:
    # Bộ Tài chính is a unit of the loaded plans (QĐ 90 gives it a task), not the calendar's
    # issuer
    reply = ask(user, "Lich cong bo so lieu thong ke nam 2026 cua Bo Noi vu do ai ky?")
    assert "Lê Văn Khánh" in reply and cited(user) == [CALENDAR]
    reply = ask(user, "Lich cong bo so lieu thong ke nam 2026 cua Bo Tai chinh do ai ky?")
    assert "Lê Văn Khánh" not in reply and cited(user) == []


def test_a_number_printed_in_two_groups_shows_both(user: ChatUser) -> None:
    reply = ask(user, "nhiem vu so 1 cua KH 40 do thi thong minh la gi, ai chu tri?")
    assert "kho dữ liệu" in reply and "cáp ngầm" in reply  # both, each under its group
    assert "Sở Khoa học và Công nghệ" in reply and "Sở Xây dựng" in reply
    # words of one of them choose it
    reply = ask(user, "nhiem vu so 1 cua KH 40 ve ha tang cap ngam la gi?")
    assert "cáp ngầm" in reply and "kho dữ liệu" not in reply
