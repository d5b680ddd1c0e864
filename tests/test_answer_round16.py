"""Answers round 16 added, through the dispatcher over plans written here in our own words
and ingested by the real parser: "kế hoạch gồm những nội dung chính nào" answered with the
plan's own parts when no heading numbers items under those words; a unit the plan names
with its province ("Thuế tỉnh Quảng Bình") asked by its short name ("Thuế tỉnh"); a unit
with a handful of tasks in the plan asked about given all of them, those on the topic
first; "… có trách nhiệm thẩm định nội dung gì" read as that unit's list; when a plan as a
whole is carried out, from its own "Thời gian thực hiện"; and "giảm bao nhiêu đối với …",
whose "đối với" is no measure of the figure.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, chat_over_plans, cited
from fakes.chat import ChatUser

NOW = datetime(2026, 4, 10, 9, 0)
MONITORING = "kh_18_giam_sat_nuoc_sach.txt"
INVESTMENT = "ct_05_tham_dinh_dau_tu.txt"

_MONITORING = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 18/KH-UBND
Quảng Bình, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Giám sát chất lượng nước sạch nông thôn năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Đánh giá đúng chất lượng nước cấp cho người dân nông thôn.

II. ĐỐI TƯỢNG, THỜI GIAN GIÁM SÁT
1. Đối tượng giám sát
Các công trình cấp nước tập trung ở nông thôn.
2. Thời gian thực hiện
Giám sát liên tục từ tháng 3 đến tháng 11 năm 2026.

III. NỘI DUNG GIÁM SÁT
Lấy mẫu nước tại điểm cuối mạng lưới, đối chiếu quy chuẩn kỹ thuật.

IV. CÁC BƯỚC GIÁM SÁT
Lập kế hoạch, lấy mẫu, xét nghiệm, công bố kết quả.

V. LỘ TRÌNH
1. Giai đoạn 2026 - 2027
Hoàn thiện mạng lưới điểm lấy mẫu.
2. Giai đoạn 2028 - 2030
Tự động hóa quan trắc tại công trình lớn.

VI. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì lấy mẫu, xét nghiệm nước định kỳ, hoàn thành trước ngày 30/11/2026.
2. Ủy ban nhân dân các xã báo cáo kết quả khắc phục trước ngày 15/12/2026.

CHỦ TỊCH
Lê Văn Thành
"""
_INVESTMENT = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 05/CT-UBND
Quảng Bình, ngày 03 tháng 3 năm 2026
CHỈ THỊ
Về phối hợp thẩm định hồ sơ dự án đầu tư

I. TRÁCH NHIỆM PHỐI HỢP TRONG THẨM ĐỊNH DỰ ÁN
1. Sở Tài chính
- Chủ trì tổng hợp ý kiến thẩm định, trình Ủy ban nhân dân tỉnh trong 15 ngày.
2. Thuế tỉnh Quảng Bình
- Đánh giá về ưu đãi thuế nhà đầu tư được hưởng.
- Xác minh tình hình thực hiện nghĩa vụ nộp ngân sách của nhà đầu tư.
3. Các sở, ngành rút ngắn 30% thời gian cho ý kiến thẩm định đối với dự án trong khu công nghiệp.
4. Sở Tài chính rà soát hồ sơ tồn đọng, gửi kết quả trước ngày 15/3/2026 và báo cáo Ủy ban nhân
dân tỉnh trước ngày 31/3/2026.
5. Sở Tài chính báo cáo kết quả thẩm định hằng tháng.

II. HIỆU LỰC
Chỉ thị này có hiệu lực kể từ ngày ký và thay thế Chỉ thị số 02/CT-UBND ngày 10 tháng 02 năm 2023
của Ủy ban nhân dân tỉnh về tăng cường phối hợp thẩm định dự án đầu tư ngoài khu công nghiệp;

Chỉ thị số 09/CT-UBND ngày 04 tháng 9 năm 2024 của Ủy ban nhân dân tỉnh về rút ngắn thời gian
cho ý kiến đối với hồ sơ dự án đầu tư có sử dụng đất.

CHỦ TỊCH
Lê Văn Thành
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    return chat_over_plans(tmp_path, {MONITORING: _MONITORING, INVESTMENT: _INVESTMENT}, NOW)


def test_a_plans_main_contents_are_its_parts(user: ChatUser) -> None:
    reply = ask(user, "KH 18 Quang Binh giam sat nuoc sach gom nhung noi dung chinh nao?")
    assert "gồm 6 phần" in reply
    for part in ("III. NỘI DUNG GIÁM SÁT", "IV. CÁC BƯỚC GIÁM SÁT", "VI. TỔ CHỨC THỰC HIỆN"):
        assert part in reply
    assert cited(user) == [MONITORING]


def test_a_unit_named_with_its_province_answers_to_its_short_name(user: ChatUser) -> None:
    reply = ask(user, "Thue tinh co nhiem vu gi trong chi thi 05 Quang Binh?")
    assert "ưu đãi thuế" in reply and "nghĩa vụ nộp ngân sách" in reply
    assert "tổng hợp ý kiến thẩm định" not in reply  # Sở Tài chính's, not asked
    assert set(cited(user)) == {INVESTMENT}


def test_a_unit_with_few_tasks_gets_them_all_the_topic_first(user: ChatUser) -> None:
    reply = ask(user, "CT 05 Quang Binh: Thue tinh co trach nhiem tham dinh noi dung gi?")
    first = reply.index("ưu đãi thuế")
    assert first < reply.index("nghĩa vụ nộp ngân sách")  # both duties, the asked one first


def test_when_a_plan_runs_is_its_own_time_section(user: ChatUser) -> None:
    reply = ask(user, "KH 18 Quang Binh thuc hien trong thoi gian nao?")
    assert reply.startswith("Thời gian thực hiện: Giám sát liên tục từ tháng 3 đến tháng 11")
    assert cited(user) == [MONITORING]
    # with a task's words besides, the task's time
    reply = ask(user, "KH 18 Quang Binh: viec lay mau, xet nghiem nuoc thuc hien den khi nao?")
    assert "30/11/2026" in reply and "tháng 3 đến tháng 11" not in reply


def test_how_much_for_whom_asks_the_figure(user: ChatUser) -> None:
    reply = ask(
        user,
        "CT 05 Quang Binh rut ngan thoi gian cho y kien tham dinh bao nhieu doi voi du an "
        "trong khu cong nghiep?",
    )
    assert "30%" in reply and set(cited(user)) == {INVESTMENT}


def test_who_carries_out_the_plan_asked_after_its_facts(user: ChatUser) -> None:
    reply = ask(user, "CT 05 Quang Binh do ai ky, giao don vi nao chu tri trien khai?")
    assert "Lê Văn Thành" in reply  # the plan's fact
    assert "Thuế tỉnh Quảng Bình" in reply  # and who leads its work, from the same plan
    assert set(cited(user)) == {INVESTMENT}


def test_the_asked_units_kind_ends_a_plans_name() -> None:
    """ "Chương trình phát triển Chính phủ số do bộ nào chủ trì": the name stops before
    "do bộ nào", whose words ("bộ", "trị") would favour another title."""
    from knowledge.answer.docscope import _name_runs
    from knowledge.retrieval.analyzer import syllables

    sylls = syllables(
        "Luat An ninh du lieu trong Chuong trinh phat trien Chinh phu so do bo nao chu tri"
    )
    (_, start, end), *_ = _name_runs(sylls, frozenset())
    assert " ".join(sylls[start:end]) == "phat trien chinh phu so"


def test_an_overdue_task_of_two_steps_names_both_missed_dates(user: ChatUser) -> None:
    reply = ask(user, "CT 05 Quang Binh: nhung viec nao da qua han?")
    assert "(hạn 15/03/2026 và 31/03/2026)" in reply  # both steps passed by 10/04


def test_a_passage_that_ends_its_line_with_a_semicolon_goes_on_to_its_list(user: ChatUser) -> None:
    reply = ask(user, "CT 05 Quang Binh thay the nhung chi thi nao?")
    assert "02/CT-UBND" in reply and "09/CT-UBND" in reply


def test_a_plans_parts_and_its_time_in_one_message(user: ChatUser) -> None:
    reply = ask(user, "KH 18 Quang Binh gom nhung noi dung chinh nao, lam khi nao?")
    assert "gồm 6 phần" in reply and "IV. CÁC BƯỚC GIÁM SÁT" in reply
    assert "Giám sát liên tục từ tháng 3 đến tháng 11" in reply  # the second question
    assert "ban hành ngày" not in reply  # "làm khi nào" asks no issue date


def test_a_unit_the_named_plan_gives_nothing_is_told_so(user: ChatUser) -> None:
    reply = ask(user, "CT 05 Quang Binh giao So Y te lam gi?")  # Sở Y tế has tasks in KH 18 only
    assert reply.startswith("Không có nhiệm vụ nào của Sở Y tế trong Chỉ thị 05/CT-UBND")
    assert cited(user) == []


def test_few_tasks_of_one_plan_named_only_by_its_place(user: ChatUser) -> None:
    reply = ask(user, "Thue tinh Quang Binh co trach nhiem tham dinh noi dung gi khi lay y kien?")
    assert "ưu đãi thuế" in reply and "nghĩa vụ nộp ngân sách" in reply


def test_the_phases_a_plan_is_divided_into_are_its_phase_headings(user: ChatUser) -> None:
    reply = ask(user, "KH 18 Quang Binh chia lam nhung giai doan nao?")
    assert "1. Giai đoạn 2026 - 2027" in reply and "2. Giai đoạn 2028 - 2030" in reply
    assert "Tự động hóa" not in reply  # the phases, not what one of them holds


def test_the_plans_own_words_phoi_hop_ask_no_role(user: ChatUser) -> None:
    # "về phối hợp thẩm định" names the directive (its title), it does not ask who coordinates
    reply = ask(
        user, "Theo CT 05 Quang Binh ve phoi hop tham dinh ho so du an, Thue tinh co nhiem vu gi?"
    )
    assert "ưu đãi thuế" in reply and "phối hợp thực hiện" not in reply, reply
    assert set(cited(user)) == {INVESTMENT}
