"""Answers round 20 added, through the dispatcher over plans written here in our own words
and ingested by the real parser: a conclusion of one meeting of a series asked by another
meeting's ordinal or month is not that meeting's, and is no answer; a figure set for named
years ("40% in 2025, 90% in 2030") gives none for a year between; a unit of another
province's plans typed as the issuer ("Chỉ thị … của UBND tỉnh Quảng Bình giao SNV …")
does not stand for the unit asked about; a slide deck whose province only its text names
answers for that province.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, cited, populated_store
from fakes.chat import ChatUser, linked
from province_plans import ha_tinh_plan, nghe_an_plan, write_plan

from handlers.dispatcher import Dispatcher
from handlers.services import Services

NOW = datetime(2026, 4, 10, 9, 0)
MEETING = "tb_41_phien_hop_lan_thu_tu.txt"
MONTHLY = "tb_12_giao_ban_thang_3.txt"
TARGETS = "kh_30_nuoc_sach_2025_2030.txt"
DIRECTIVE = "ct_05_quang_binh_luu_tru.txt"
DECK = "hoi_nghi_so_hoa.txt"
AMENDING = "nq_14_bo_sung_nhiem_vu.txt"
AFTER_FLOOD = "kh_22_ve_sinh_sau_lu.txt"
FRAMEWORK = "kh_33_khung_nhiem_vu.md"
VISIT = "tb_55_ket_luan_ttg.txt"

_MEETING = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 41/TB-UBND
Quảng Bình, ngày 20 tháng 3 năm 2026
THÔNG BÁO
Kết luận phiên họp lần thứ tư Ban Chỉ đạo phát triển du lịch tỉnh
Ngày 15 tháng 3 năm 2026, Ban Chỉ đạo họp phiên thứ tư. Chủ tịch kết luận như sau:
1. Sở Văn hóa, Thể thao và Du lịch hoàn thiện bộ nhận diện thương hiệu du lịch tỉnh,
trình Ủy ban nhân dân tỉnh trước ngày 30/5/2026.
2. Sở Xây dựng rà soát quy hoạch bãi đỗ xe tại các điểm du lịch, xong trong Quý II/2026.
"""
_MONTHLY = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 12/TB-VP
Quảng Bình, ngày 28 tháng 3 năm 2026
THÔNG BÁO
Kết luận giao ban công tác cải cách hành chính tháng 3 năm 2026
1. Sở Nội vụ đôn đốc các xã công khai thủ tục hành chính, hoàn thành trước ngày 15/4/2026.
2. Văn phòng Ủy ban nhân dân tỉnh tổng hợp kiến nghị của người dân hằng tuần.
"""
_TARGETS = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 30/KH-UBND
Quảng Bình, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
Cấp nước sạch nông thôn giai đoạn 2025 - 2030
I. MỤC TIÊU
1. Tỷ lệ hộ dân nông thôn dùng nước sạch theo quy chuẩn đạt 40% vào năm 2025 và đạt 90%
vào năm 2030.
2. Mỗi năm xây mới ít nhất 05 công trình cấp nước tập trung.
II. TỔ CHỨC THỰC HIỆN
Sở Nông nghiệp và Môi trường tổng hợp, báo cáo Ủy ban nhân dân tỉnh định kỳ hằng quý (trước
ngày 20 của tháng cuối quý), 6 tháng (trước ngày 15/6), năm (trước ngày 15/12 hằng năm).
"""
_DIRECTIVE = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 05/CT-UBND
Quảng Bình, ngày 10 tháng 02 năm 2026
CHỈ THỊ
Về tăng cường công tác lưu trữ hồ sơ điện tử
1. Sở Nội vụ hướng dẫn các cơ quan lập hồ sơ điện tử theo danh mục, xong trước ngày 30/6/2026.
2. Sở Nội vụ kiểm tra việc nộp lưu hồ sơ vào kho lưu trữ số của tỉnh trong Quý IV/2026.
3. Sở Khoa học và Công nghệ bảo đảm hạ tầng cho kho lưu trữ số, thực hiện thường xuyên.
"""
_DECK = """Hội nghị triển khai số hóa tài liệu lưu trữ
Slide 1
Mục tiêu: số hóa toàn bộ tài liệu lưu trữ lịch sử của tỉnh Hà Tĩnh trước năm 2028
Slide 2
Các cơ quan của tỉnh Hà Tĩnh rà soát tài liệu trước khi số hóa
Slide 3
Trung tâm Lưu trữ lịch sử tỉnh Hà Tĩnh chủ trì số hóa tài liệu, hoàn thành trước ngày 31/12/2027.
"""

_AMENDING = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 14/NQ-UBND
Quảng Bình, ngày 02 tháng 02 năm 2026
NGHỊ QUYẾT
Bổ sung nhiệm vụ vào Chương trình hành động phát triển nông nghiệp năm 2026
Điều 1. Bổ sung một nhiệm vụ vào Chương trình hành động như sau:
1. Tên nhiệm vụ: Xây dựng cơ sở dữ liệu giống cây trồng chủ lực của tỉnh.
2. Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.
3. Cơ quan phối hợp: Sở Khoa học và Công nghệ.
4. Kết quả: Quyết định của Ủy ban nhân dân tỉnh công bố cơ sở dữ liệu.
5. Thời gian hoàn thành: Quý IV/2026.
Điều 2. Nghị quyết có hiệu lực kể từ ngày ký.
"""
_AFTER_FLOOD = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 22/KH-UBND
Quảng Bình, ngày 06 tháng 11 năm 2026
KẾ HOẠCH
Vệ sinh môi trường, phòng dịch sau mưa lũ
I. NHIỆM VỤ
1. Sở Y tế kiểm tra chất lượng nước sinh hoạt tại vùng ngập, xong trước ngày 30/11/2026.
II. TỔ CHỨC THỰC HIỆN
1. Sở Y tế:
- Cấp phát thuốc khử trùng nước cho các xã vùng ngập.
- Chuẩn bị phương án cách ly khi có ổ dịch.
2. Sở Nông nghiệp và Môi trường:
- Hướng dẫn thu gom xác gia súc, gia cầm chết.
"""

_FRAMEWORK = """ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Số: 33/KH-UBND
Quảng Bình, ngày 09 tháng 01 năm 2026
KẾ HOẠCH
Cải cách hành chính năm 2026
PHỤ LỤC KHUNG NHIỆM VỤ
| TT | Nhiệm vụ | Hoạt động | Sản phẩm | Chủ trì | Phối hợp | Thời gian |
|---|---|---|---|---|---|---|
| 1 | 2.1. Nâng cao chỉ số chuyển đổi số của tỉnh | 3.1. Phân tích các tiêu chí bị trừ điểm | Báo cáo | Sở Khoa học và Công nghệ | Các sở, ngành | Quý II/2026 |
| | | 3.2. Ban hành văn bản chỉ đạo khắc phục | Văn bản | Sở Khoa học và Công nghệ | Các sở, ngành | Quý III/2026 |
| 2 | 2.2. Tổ chức đối thoại với doanh nghiệp | 3.3. Xây dựng kế hoạch đối thoại | Kế hoạch | Sở Tài chính | Các cơ quan liên quan | Quý IV/2026 |
"""

_VISIT = """VĂN PHÒNG CHÍNH PHỦ
Số: 55/TB-VPCP
Hà Nội, ngày 20 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo tỉnh Quảng Bình
1. Giao Tổng công ty Điện lực miền Trung hoàn thành đường dây 110 kV cấp điện cho khu kinh
tế trong tháng 9 năm 2026.
2. Bộ Xây dựng hướng dẫn tỉnh lập quy hoạch cảng cạn, xong trong Quý III/2026.
"""


def _with_its_ubnd(path: Path, number: int) -> Path:
    """A province's plan whose UBND tỉnh is given a task: a namesake outside Quảng Bình."""
    cells = ["Phê duyệt danh mục hồ sơ số hóa", "Ủy ban nhân dân tỉnh", "Sở Nội vụ", "Tháng 4/2026"]
    row = f"| {number} | {' | '.join(cells)} | Quyết định |\n"
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")
    return path


def _national_plans(folder: Path) -> list[Path]:
    """Two decisions of the Prime Minister: one gives "Ủy ban nhân dân các tỉnh, thành phố"
    a task, the other the provinces a storm hit (another unit of the same first words)."""
    head = ("THỦ TƯỚNG CHÍNH PHỦ", "Hà Nội")
    rows = [
        (
            "Rà soát biên chế công chức cấp xã",
            "Ủy ban nhân dân các tỉnh, thành phố",
            "Bộ Nội vụ",
            "Quý III/2026",
        )
    ]
    storm = [
        (
            "Sửa chữa trường học sau bão",
            "Ủy ban nhân dân các tỉnh bị ảnh hưởng bởi bão",
            "Bộ Xây dựng",
            "Tháng 12/2026",
        ),
        # the Prime Minister is a unit of the loaded plans: "TTg" can name it
        ("Phê duyệt gói hỗ trợ sau bão", "Thủ tướng Chính phủ", "Bộ Tài chính", "Tháng 11/2026"),
    ]
    return [
        write_plan(
            folder,
            "qd_41_bien_che.md",
            head[0],
            "41/QĐ-TTg",
            head[1],
            "Rà soát biên chế năm 2026",
            rows,
        ),
        write_plan(
            folder,
            "qd_42_sau_bao.md",
            head[0],
            "42/QĐ-TTg",
            head[1],
            "Khắc phục hậu quả bão",
            storm,
        ),
    ]


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    from knowledge.ingest import ingest_file

    db, settings = populated_store(tmp_path / "data", (), retrieval_mode="keyword")
    plans = [
        _with_its_ubnd(nghe_an_plan(tmp_path / "na"), 3),
        _with_its_ubnd(ha_tinh_plan(tmp_path / "ht"), 2),
        *_national_plans(tmp_path / "tw"),
    ]
    texts = (_MEETING, _MONTHLY, _TARGETS, _DIRECTIVE, _DECK, _AMENDING, _AFTER_FLOOD, _FRAMEWORK)
    names = (MEETING, MONTHLY, TARGETS, DIRECTIVE, DECK, AMENDING, AFTER_FLOOD, FRAMEWORK)
    texts, names = (*texts, _VISIT), (*names, VISIT)
    for name, text in zip(names, texts, strict=True):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        plans.append(path)
    for path in plans:
        ingest_file(db, path, settings=settings)
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_another_meeting_of_a_series_is_not_this_one(user: ChatUser) -> None:
    reply = ask(user, "Ket luan phien hop lan thu tu BCĐ du lich Quang Binh giao So Xay dung gi?")
    assert "bãi đỗ xe" in reply and cited(user) == [MEETING]
    reply = ask(user, "Ket luan phien hop lan thu nam BCĐ du lich Quang Binh giao So Xay dung gi?")
    assert "bãi đỗ xe" not in reply and cited(user) == []
    reply = ask(user, "Kết luận phiên họp thứ 6 Ban Chỉ đạo du lịch giao Sở Văn hóa việc gì?")
    assert "thương hiệu" not in reply and cited(user) == []


def test_another_month_of_a_monthly_meeting_is_not_this_one(user: ChatUser) -> None:
    reply = ask(user, "Ket luan giao ban CCHC thang 3 giao SNV viec gi?")
    assert "công khai thủ tục hành chính" in reply and cited(user) == [MONTHLY]
    reply = ask(user, "Ket luan giao ban CCHC thang 5 giao SNV viec gi?")
    assert "công khai thủ tục hành chính" not in reply and cited(user) == []


def test_a_figure_for_named_years_gives_none_for_a_year_between(user: ChatUser) -> None:
    reply = ask(user, "Ty le ho dan nong thon dung nuoc sach nam 2030 la bao nhieu?")
    assert "90%" in reply and TARGETS in cited(user)
    reply = ask(user, "Ty le ho dan nong thon dung nuoc sach nam 2027 dat bao nhieu?")
    assert "40%" not in reply and "90%" not in reply and cited(user) == []


def test_the_issuer_typed_in_a_question_is_not_the_unit_asked_about(user: ChatUser) -> None:
    # "UBND tỉnh" is a unit of Nghệ An's and Hà Tĩnh's plans, never of Quảng Bình's: the
    # question names Sở Nội vụ's duties in Quảng Bình's directive.
    for question in (
        "Chi thi 05 cua UBND tinh Quang Binh giao SNV nhung nhiem vu gi?",
        "Chi thi 05/CT-UBND cua UBND tinh Quang Binh: SNV lam gi?",
        "UBND tinh Quang Binh giao SNV nhiem vu gi ve luu tru ho so dien tu?",
    ):
        reply = ask(user, question)
        assert "hồ sơ điện tử" in reply and "kho lưu trữ số" in reply, (question, reply)
        assert "Phê duyệt danh mục" not in reply and "đơn vị nào" not in reply
        assert set(cited(user)) == {DIRECTIVE}


def test_a_deck_answers_for_the_province_its_text_names(user: ChatUser) -> None:
    reply = ask(user, "Ha Tinh so hoa tai lieu luu tru lich su hoan thanh khi nao?")
    assert "31/12/2027" in reply and DECK in cited(user)
    # the deck is Hà Tĩnh's, not a plan of no place that any province's question may use
    reply = ask(user, "Nghe An so hoa tai lieu luu tru lich su hoan thanh khi nao?")
    assert "31/12/2027" not in reply and DECK not in cited(user)


def test_the_result_of_a_task_is_its_result_field(user: ChatUser) -> None:
    reply = ask(user, "Ket qua cua nhiem vu xay dung co so du lieu giong cay trong chu luc la gi?")
    assert "Quyết định của Ủy ban nhân dân tỉnh công bố cơ sở dữ liệu" in reply
    assert cited(user) == [AMENDING]


def test_a_units_responsibilities_are_its_duties_and_its_dated_tasks(user: ChatUser) -> None:
    reply = ask(user, "KH 22 Quang Binh: So Y te co trach nhiem gi?")
    for duty in ("chất lượng nước sinh hoạt", "thuốc khử trùng", "phương án cách ly"):
        assert duty in reply, reply
    assert "xác gia súc" not in reply  # another unit's duty
    # without "trách nhiệm" the dated tasks are listed and the standing duties counted
    reply = ask(user, "KH 22 Quang Binh: So Y te co nhiem vu gi?")
    assert "chất lượng nước sinh hoạt" in reply and "2 nhiệm vụ thường xuyên" in reply


def test_a_report_rhythm_asked_gets_its_own_day(user: ChatUser) -> None:
    reply = ask(user, "KH 30 Quang Binh: So NN&MT bao cao 6 thang truoc ngay nao?")
    assert reply.startswith("Kỳ 6 tháng: trước ngày 15/6"), reply
    assert "Lần đến hạn tiếp theo: 15/06/2026" in reply and cited(user) == [TARGETS]
    reply = ask(user, "KH 30 Quang Binh: So NN&MT gui bao cao nam truoc ngay nao?")
    assert reply.startswith("Kỳ năm: trước ngày 15/12 hằng năm"), reply
    reply = ask(user, "KH 30 Quang Binh: Sở NN&MT báo cáo hằng quý khi nào?")
    assert reply.startswith("Kỳ hằng quý: trước ngày 20 của tháng cuối quý"), reply


def test_the_first_words_of_a_unit_name_in_a_named_plan(user: ChatUser) -> None:
    # "UBND các tỉnh" begins two national units' names; the plan named gives one a task
    reply = ask(user, "UBND cac tinh co nhiem vu gi trong QD 41/QD-TTg?")
    assert "Rà soát biên chế công chức cấp xã" in reply and "đơn vị nào" not in reply
    assert cited(user) == ["qd_41_bien_che.md"]
    # the plan's issuer typed in the question names no unit of the plan
    reply = ask(user, "CT 05 cua UBND tinh Quang Binh noi ve van de gi?")
    assert "lưu trữ hồ sơ điện tử" in reply and "đơn vị nào" not in reply


def test_an_appendix_task_asked_by_its_number_gives_its_activities(user: ChatUser) -> None:
    # the rows are activities "3.1", "3.2" whose task column says "2.1. Nâng cao …"
    reply = ask(user, "Muc 2.1 phu luc KH 33 Quang Binh do co quan nao chu tri?")
    assert "Sở Khoa học và Công nghệ" in reply, reply
    assert "Phân tích các tiêu chí" in reply and "Ban hành văn bản chỉ đạo" in reply
    assert "đối thoại" not in reply and cited(user) == [FRAMEWORK, FRAMEWORK]


def test_a_unit_inside_the_quoted_title_is_not_the_one_asked_about(user: ChatUser) -> None:
    # "kết luận của TTg": the title's words; the question asks about the power company
    reply = ask(
        user,
        "TB 55 ket luan cua TTg voi Quang Binh: dien luc mien Trung duoc giao viec gi?",
    )
    assert "đường dây 110 kV" in reply and "Thủ tướng Chính phủ có" not in reply, reply
    assert "Không tìm thấy nhiệm vụ nào của Thủ tướng" not in reply
    assert cited(user) == [VISIT]
