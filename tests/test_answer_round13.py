"""Answers round 13 added, through the dispatcher over plans written here in our own words
and ingested by the real parser: a figure a task gives in its result cell ("Kiểm tra tại
45 cơ quan"), a named plan's task asked in other words, "chỉ tiêu … giao đơn vị nào chủ
trì", two questions in one message, "sắp đến hạn trong tháng tới" counted from today, a
date of a task's other sentence or of a cited document given for no deadline, and a figure
in "bao nhiêu lớp" that is no count of a heading's parts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, chat_over_plans, cited
from fakes.chat import ChatUser

NOW = datetime(2026, 6, 10, 9, 0)
PLAN = "kh_21_cao_bang.txt"
RESOLUTION = "nq_15_mua_lu.txt"

_PLAN = """ỦY BAN NHÂN DÂN TỈNH CAO BẰNG
Số: 21/KH-UBND
Cao Bằng, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Cải cách hành chính tỉnh Cao Bằng năm 2026

I. CHỈ TIÊU
| STT | Chỉ tiêu | Đơn vị chủ trì |
|---|---|---|
| 1 | Tỷ lệ người dân trưởng thành có chữ ký số cá nhân đạt 70% | Tỉnh đoàn |
| 2 | Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt 98% | Văn phòng Ủy ban nhân dân tỉnh |

II. NHIỆM VỤ
| STT | Nhiệm vụ | Chủ trì | Thời gian | Sản phẩm |
|---|---|---|---|---|
| 1 | Kiểm tra việc áp dụng hệ thống quản lý chất lượng tại các cơ quan hành chính | Sở Khoa học và Công nghệ | Quý III/2026 | Kiểm tra tại 45 cơ quan, đơn vị |
| 2 | Khảo sát, đánh giá thực trạng hạ tầng số tại các xã vùng cao | Sở Khoa học và Công nghệ | Quý IV/2025 - Quý II/2026 | Báo cáo khảo sát |
| 3 | Tập huấn kỹ năng số cho công chức cấp xã | Sở Nội vụ | Quý IV/2026 | 10 lớp tập huấn |

III. NỘI DUNG TUYÊN TRUYỀN
1. Tuyên truyền về dịch vụ công trực tuyến toàn trình.
2. Tuyên truyền về chữ ký số cá nhân.
3. Giới thiệu các mô hình cải cách hành chính hiệu quả.

CHỦ TỊCH
Nông Văn Tuấn
"""
_RESOLUTION = """CHÍNH PHỦ
Số: 15/NQ-CP
Hà Nội, ngày 28 tháng 11 năm 2025
NGHỊ QUYẾT
Về khắc phục hậu quả mưa lũ tại các tỉnh miền núi phía Bắc

II. NHIỆM VỤ, GIẢI PHÁP
1. Ủy ban nhân dân các tỉnh bị ảnh hưởng:
a) Khẩn trương ổn định đời sống người dân, bảo đảm không để ai thiếu đói.
b) Rà soát, tổng hợp đầy đủ, chính xác thiệt hại do mưa lũ theo quy định, gửi Bộ Tài chính, Bộ Nông nghiệp và Môi trường trước ngày 20 tháng 12 năm 2025.
2. Bộ Xây dựng chủ trì, phối hợp với các địa phương:
a) Bảo đảm thông tuyến các quốc lộ bị sạt lở trong tháng 12 năm 2025. Khẩn trương hoàn thiện, trình Chính phủ ban hành văn bản hướng dẫn thi hành Luật Đường bộ về cứu hộ giao thông.
3. Bộ Công an chủ trì phổ biến Chỉ thị số 12/CT-TTg ngày 05/11/2025 về phòng, chống thiên tai tới lực lượng cơ sở; thực hiện thường xuyên.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    return chat_over_plans(tmp_path, {PLAN: _PLAN, RESOLUTION: _RESOLUTION}, NOW)


def test_a_figure_in_a_tasks_result_cell_answers_how_many_first(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH 21 Cao Bang, So KHCN kiem tra ap dung he thong quan ly chat luong tai bao nhieu co quan?",
    )
    assert "45 cơ quan" in reply.split("\n")[0]  # said first, not only among the details
    assert cited(user) == [PLAN]


def test_a_named_plans_task_asked_in_other_words(user: ChatUser) -> None:
    reply = ask(
        user,
        "NQ 15/NQ-CP yêu cầu các tỉnh gửi báo cáo thiệt hại mưa lũ cho Bộ Tài chính trước ngày nào?",
    )
    assert "20/12/2025" in reply or "20 tháng 12 năm 2025" in reply
    assert cited(user) == [RESOLUTION]


def test_a_target_given_to_which_unit(user: ChatUser) -> None:
    reply = ask(user, "chi tieu 70% nguoi dan co chu ky so o Cao Bang giao don vi nao chu tri")
    assert "Tỉnh đoàn" in reply


def test_a_date_of_the_tasks_other_sentence_is_no_answer(user: ChatUser) -> None:
    reply = ask(
        user,
        "NQ 15 giao Bộ Xây dựng trình văn bản hướng dẫn Luật Đường bộ về cứu hộ giao thông trước ngày nào?",
    )
    assert "không ghi thời hạn" in reply and "12/2025" not in reply
    assert cited(user) == []  # the plan holds no such date: nothing is cited for it
    reply = ask(user, "NQ 15 giao Bộ Xây dựng bảo đảm thông tuyến các quốc lộ bị sạt lở khi nào?")
    assert "tháng 12 năm 2025" in reply


def test_a_cited_documents_date_is_no_deadline(user: ChatUser) -> None:
    reply = ask(
        user, "NQ 15: Bộ Công an phổ biến Chỉ thị về phòng, chống thiên tai trước ngày nào?"
    )
    assert "Hạn cuối: 05/11/2025" not in reply and "hạn 05/11/2025" not in reply
    assert "thường xuyên" in reply.lower()


def test_how_many_days_is_a_figure_not_a_count_of_parts(user: ChatUser) -> None:
    reply = ask(user, "KH 21 Cao Bằng tập huấn kỹ năng số cho công chức cấp xã bao nhiêu lớp?")
    assert "10 lớp" in reply


def test_a_list_of_a_named_plans_parts(user: ChatUser) -> None:
    reply = ask(user, "KH 21 Cao Bang gom nhung noi dung tuyen truyen chinh nao?")
    assert "3 nội dung" in reply
    for part in ("dịch vụ công trực tuyến toàn trình", "chữ ký số cá nhân", "mô hình cải cách"):
        assert part in reply


def test_two_questions_in_one_message_get_both_answers(user: ChatUser) -> None:
    reply = ask(user, "KH 21 Cao Bằng ban hành ngày nào, Sở KHCN chủ trì những nhiệm vụ gì?")
    assert "12/01/2026" in reply
    assert "Kiểm tra việc áp dụng hệ thống quản lý chất lượng" in reply
    assert "Tập huấn kỹ năng số" not in reply  # the Sở Nội vụ's task is not the one asked


def test_one_question_with_a_comma_is_one_question(user: ChatUser) -> None:
    reply = ask(user, "Sở Khoa học và Công nghệ, Sở Nội vụ có nhiệm vụ gì trong KH 21 Cao Bằng?")
    assert "Tập huấn kỹ năng số" in reply and "Khảo sát, đánh giá thực trạng" in reply


def test_coming_due_in_the_next_month_counts_from_today(user: ChatUser) -> None:
    reply = ask(user, "KH 21 Cao Bang nhiem vu nao sap den han trong thang toi")
    # asked 10/6: the survey due at the end of June is in it, with the plan's own span
    assert "Khảo sát, đánh giá thực trạng hạ tầng số" in reply
    assert "Quý IV/2025 - Quý II/2026" in reply and "30/06/2026" in reply
