"""Answers that hold on questions nobody tuned for (issue 8), through the dispatcher,
over a sample plan written here in our own words.

Kế hoạch 47/KH-UBND (a provincial digital-library plan of Quảng Trị for 2025, issued
03/03/2025) numbers its main targets "4.1.", "4.2.", "4.3." under "4. Chỉ tiêu chủ
yếu", states one figure for 2025, asks for a report "trước ngày 20/10 hằng năm" and
implements a national decision (905/QĐ-TTg) that is not loaded itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, cited, populate, populated_store
from fakes.chat import ChatUser, linked

from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage import repositories as repo
from storage.db import Database
from storage.models import Document, Passage, SectionRow, TaskRow, TaskUnit

NOW = datetime(2026, 4, 10, 9, 0)
PLAN_L = "kh_47_thu_vien_so_2025.docx"
TARGETS = "II. NỘI DUNG > 4. Chỉ tiêu chủ yếu"


def _plan_l(db: Database) -> None:
    with db.session() as s:
        doc = Document(
            source_name=PLAN_L,
            sha256="l" * 64,
            format="docx",
            title="Kế hoạch phát triển thư viện số tỉnh Quảng Trị năm 2025 thực hiện "
            "Quyết định số 905/QĐ-TTg",
            number="47/KH-UBND",
            doc_type="Kế hoạch",
            issuer="Ủy ban nhân dân tỉnh Quảng Trị",
            issued_date=date(2025, 3, 3),
            signer="Lê Minh Tâm",
            plan_year=2025,
            period_end_year=2027,
            province="quang tri",
        )
        s.add(doc)
        # A second plan whose title holds "văn bản quy phạm pháp luật" and nothing else.
        s.add(
            Document(
                source_name="kh_9_ra_soat_vbqppl.docx",
                sha256="m" * 64,
                format="docx",
                title="Kế hoạch rà soát văn bản quy phạm pháp luật năm 2025",
                number="9/KH-STP",
                issued_date=date(2025, 1, 6),
                plan_year=2025,
                province="quang tri",
            )
        )
        # An untitled text spanning 2021-2030 (a report with no banner read).
        s.add(
            Document(
                source_name="bao_cao_khong_tieu_de.txt",
                sha256="n" * 64,
                format="txt",
                title="",
                plan_year=2021,
                period_end_year=2030,
            )
        )
        s.flush()
        culture = repo.upsert_unit(s, "Sở Văn hóa và Thể thao", province="quang tri")
        repo.upsert_unit(s, "Sở Y tế", province="quang tri")
        repo.upsert_unit(s, "Bộ Xây dựng")
        repo.upsert_unit(s, "Ủy ban nhân dân tỉnh", province="quang tri")
        for n, (number, title, level, path) in enumerate(
            [
                ("I.", "MỤC TIÊU", 1, "I. MỤC TIÊU"),
                ("II.", "NỘI DUNG", 1, "II. NỘI DUNG"),
                ("4.", "Chỉ tiêu chủ yếu", 2, "4. Chỉ tiêu chủ yếu"),
                (
                    "5.",
                    "Mục tiêu đến hết tháng 6 năm 2024",
                    2,
                    "5. Mục tiêu đến hết tháng 6 năm 2024",
                ),
                ("III.", "TỔ CHỨC THỰC HIỆN", 1, "III. TỔ CHỨC THỰC HIỆN"),
            ]
        ):
            s.add(
                SectionRow(
                    document_id=doc.id,
                    ordinal=n,
                    number=number,
                    title=title,
                    level=level,
                    path=path,
                )
            )
        passages = [
            ("I. MỤC TIÊU", "Đến năm 2025, 70% trường học trên địa bàn có thư viện số."),
            (TARGETS, "4.1. Số hóa 5.000 đầu sách địa chí của tỉnh."),
            (TARGETS, "4.2. Mỗi huyện có ít nhất một điểm đọc sách điện tử."),
            (TARGETS, "4.3. Tổ chức 12 buổi giới thiệu sách số mỗi năm."),
            ("I. MỤC TIÊU", "Sách số chiếm tối thiểu 40% đầu sách của thư viện tỉnh."),
            ("I. MỤC TIÊU", "Số hóa 100% văn bản quy phạm pháp luật đưa vào thư viện số."),
            ("I. MỤC TIÊU", "Hiện nay, toàn tỉnh có 3 thư viện huyện đã số hóa."),
            ("", "Nơi nhận: - Sở Y tế (số hóa 5.000 đầu sách địa chí, để biết); - Lưu: VT."),
            ("II. NỘI DUNG > 5. Mục tiêu đến hết tháng 6 năm 2024", "Mở 9 phòng đọc sách điện tử."),
            (
                "III. TỔ CHỨC THỰC HIỆN",
                "Đào tạo 40 cán bộ làm công tác xây dựng thư viện số cấp huyện.",
            ),
        ]
        for n, (section, text) in enumerate(passages):
            s.add(Passage(document_id=doc.id, ordinal=n, section=section, text=text))
        row = TaskRow(
            document_id=doc.id,
            identity="l-1",
            content_hash="h",
            ordinal=1,
            number="1",
            section="III. TỔ CHỨC THỰC HIỆN",
            title="Báo cáo kết quả phát triển thư viện số gửi Ủy ban nhân dân tỉnh "
            "trước ngày 20/10 hằng năm",
            deadline_text="Hằng năm",
        )
        s.add(row)
        s.flush()
        s.add(TaskUnit(task_id=row.id, unit_id=culture.id, role="lead"))


def _user(
    tmp_path: Path,
    plans: tuple[Callable[[Database], None], ...] = (populate,),
    files: tuple[Path, ...] = (),
) -> ChatUser:
    """A leader in the chat over ``plans`` written as rows and ``files`` ingested whole."""
    from knowledge.ingest import ingest_file

    db, settings = populated_store(tmp_path / "data", plans, retrieval_mode="keyword")
    for path in files:
        ingest_file(db, path, settings=settings)
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def _text_plan(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    return _user(tmp_path, (populate, _plan_l))


# --- a year asked must be the plan's or the passage's ---------------------------------


def test_a_plan_named_with_a_year_it_does_not_cover_is_not_answered(user: ChatUser) -> None:
    right = ask(user, "Kế hoạch phát triển thư viện số Quảng Trị năm 2025 do ai ký?")
    assert "Lê Minh Tâm" in right and cited(user) == [PLAN_L]
    for wrong in (
        "ke hoach cua quang tri nam 2028 do ai ky",
        "Kế hoạch năm 2024 của Quảng Trị ban hành ngày nào?",
    ):
        assert ask(user, wrong).startswith("Không tìm thấy") and cited(user) == []


def test_a_figure_for_a_year_neither_the_passage_nor_the_plan_covers(user: ChatUser) -> None:
    right = ask(user, "Đến năm 2025 bao nhiêu phần trăm trường học có thư viện số?")
    assert "70%" in right and cited(user) == [PLAN_L]
    wrong = ask(user, "den nam 2028 bao nhieu phan tram truong hoc co thu vien so")
    assert wrong.startswith("Không tìm thấy") and cited(user) == []


def test_a_headings_own_period_speaks_for_its_targets(user: ChatUser) -> None:
    # The plan covers 2025; its heading says the 9 rooms are a target for mid-2024.
    right = ask(user, "Quảng Trị đến tháng 6 năm 2024 mở bao nhiêu phòng đọc sách điện tử?")
    assert "9 phòng" in right and cited(user) == [PLAN_L]
    wrong = ask(user, "quang tri den nam 2025 mo bao nhieu phong doc sach dien tu")
    assert wrong.startswith("Không tìm thấy") and cited(user) == []


def test_a_percent_between_the_figure_and_its_measure(user: ChatUser) -> None:
    reply = ask(user, "Sách số chiếm bao nhiêu đầu sách của thư viện tỉnh Quảng Trị?")
    assert "40% đầu sách" in reply and cited(user) == [PLAN_L]


def test_a_kind_of_text_is_no_plans_name(user: ChatUser) -> None:
    reply = ask(user, "Bao nhiêu phần trăm văn bản quy phạm pháp luật được số hóa?")
    assert "100%" in reply and cited(user) == [PLAN_L]


def test_framing_words_are_not_what_is_asked(user: ChatUser) -> None:
    reply = ask(user, "Quảng Trị yêu cầu số hóa bao nhiêu đầu sách địa chí của tỉnh?")
    assert "5.000 đầu sách" in reply and cited(user) == [PLAN_L]


def test_the_present_state_answers_no_later_year(user: ChatUser) -> None:
    now = ask(user, "Hiện nay Quảng Trị có bao nhiêu thư viện huyện đã số hóa?")
    assert "3 thư viện" in now and cited(user) == [PLAN_L]
    later = ask(user, "Đến năm 2027 Quảng Trị có bao nhiêu thư viện huyện đã số hóa?")
    assert later.startswith("Không tìm thấy") and cited(user) == []


# --- plans by number -------------------------------------------------------------------


def test_a_whole_number_no_loaded_document_has_is_named_back(user: ChatUser) -> None:
    reply = ask(user, "QĐ 905/QĐ-TTg có bao nhiêu nhiệm vụ?")
    assert reply.startswith("Không tìm thấy “QĐ 905/QĐ-TTg”") and cited(user) == []
    other = ask(user, "kh 48 quang tri ai ky")
    assert other.startswith("Không tìm thấy") and "Lê Minh Tâm" not in other
    assert cited(user) == []


def test_a_whole_number_neither_loaded_nor_quoted_gets_no_passage(user: ChatUser) -> None:
    reply = ask(user, "thông báo 906/TB-VPCP kết luận gì về thư viện số?")
    assert reply.startswith("Không tìm thấy “thông báo 906/TB-VPCP”") and cited(user) == []


def test_a_plan_named_by_a_topic_its_issuer_never_planned_is_not_found(user: ChatUser) -> None:
    reply = ask(
        user, "Kế hoạch du lịch năm 2025 của Ủy ban nhân dân tỉnh Quảng Trị có mấy nhiệm vụ?"
    )
    assert reply.startswith("Không tìm thấy") and cited(user) == []


# --- the plan's outline, deadlines, whose unit ----------------------------------------


def test_targets_numbered_under_their_headings_own_number_are_counted(user: ChatUser) -> None:
    reply = ask(user, "Kế hoạch 47 Quảng Trị có bao nhiêu chỉ tiêu chủ yếu?")
    assert "gồm 3" in reply and "5.000 đầu sách" in reply


def test_the_body_that_issued_the_plan_names_the_plan_whose_part_is_counted(
    user: ChatUser,
) -> None:
    reply = ask(user, "Danh mục nhiệm vụ của UBND tỉnh Quảng Trị, phần III có mấy nhiệm vụ?")
    assert "1 nhiệm vụ" in reply and "Báo cáo kết quả phát triển thư viện số" in reply
    assert cited(user) == [PLAN_L]


def test_a_yearly_day_says_the_next_occurrence_and_the_last_one_passed(user: ChatUser) -> None:
    reply = ask(user, "Hạn báo cáo kết quả phát triển thư viện số là ngày nào?")
    assert "trước ngày 20/10 hằng năm" in reply
    assert "Lần đến hạn tiếp theo: 20/10/2026" in reply
    assert "Lần gần nhất đã qua: 20/10/2025" in reply


def test_a_units_list_says_which_provinces_unit_it_is(user: ChatUser) -> None:
    reply = ask(user, "Sở Văn hóa và Thể thao có nhiệm vụ gì?")
    assert reply.startswith("Sở Văn hóa và Thể thao có 1 nhiệm vụ (tỉnh Quảng Trị)")


# --- the units a question names ---------------------------------------------------------


def test_a_passage_that_never_names_the_unit_asked_about_is_no_answer(user: ChatUser) -> None:
    # Sở Y tế is only among the recipients: the distribution list answers nothing.
    reply = ask(user, "KH 47 Quảng Trị: Sở Y tế số hóa bao nhiêu đầu sách địa chí?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []
    plain = ask(user, "Quảng Trị số hóa bao nhiêu đầu sách địa chí?")
    assert "5.000" in plain and cited(user) == [PLAN_L]


def test_a_word_ending_in_a_units_head_names_no_unit(user: ChatUser) -> None:
    reply = ask(user, "Quảng Trị đào tạo bao nhiêu cán bộ xây dựng thư viện số?")
    assert "40 cán bộ" in reply and cited(user) == [PLAN_L]


PLAN_D = "kh_88_chuyen_doi_so_van_hoa.docx"


def _plan_digital(db: Database) -> None:
    """A later plan of the same province whose task shares the words of PLAN_L's name."""
    with db.session() as s:
        doc = Document(
            source_name=PLAN_D,
            sha256="d" * 64,
            format="docx",
            title="Kế hoạch chuyển đổi số ngành văn hóa tỉnh Quảng Trị giai đoạn 2026 - 2030",
            number="88/KH-UBND",
            doc_type="Kế hoạch",
            issuer="Ủy ban nhân dân tỉnh Quảng Trị",
            issued_date=date(2026, 1, 12),
            plan_year=2026,
            period_end_year=2030,
            province="quang tri",
        )
        s.add(doc)
        s.flush()
        culture = repo.upsert_unit(s, "Sở Văn hóa và Thể thao", province="quang tri")
        row = TaskRow(
            document_id=doc.id,
            identity="d-1",
            content_hash="h",
            ordinal=1,
            number="2",
            section="II. NHIỆM VỤ",
            title="Phát triển thư viện số cấp xã gắn với chuyển đổi số ngành văn hóa",
            deadline_text="",
        )
        s.add(row)
        s.flush()
        s.add(TaskUnit(task_id=row.id, unit_id=culture.id, role="lead"))


def test_a_named_plan_of_another_year_is_no_other_plans_list(tmp_path: Path) -> None:
    user = _user(tmp_path, (populate, _plan_l, _plan_digital))
    named = "Kế hoạch phát triển thư viện số Quảng Trị giao Sở Văn hóa và Thể thao việc gì?"
    assert "thư viện số" in ask(user, named) and cited(user) == [PLAN_L]
    # that plan is of 2025-2027; the 2026-2030 plan spans 2028 but is another plan
    later = "ke hoach phat trien thu vien so quang tri nam 2028 giao so van hoa va the thao viec gi"
    assert ask(user, later).startswith("Không tìm thấy") and cited(user) == []


# --- the law and the place a question names --------------------------------------------

PLAN_N = "qd_210_trien_khai_luat_2026.docx"


def _plan_national(db: Database) -> None:
    """A national plan that names two laws by title and one province in its passages."""
    with db.session() as s:
        doc = Document(
            source_name=PLAN_N,
            sha256="q" * 64,
            format="docx",
            title="Kế hoạch triển khai thi hành các luật mới năm 2026",
            number="210/QĐ-TTg",
            doc_type="Quyết định",
            issuer="Thủ tướng Chính phủ",
            issued_date=date(2026, 2, 2),
            plan_year=2026,
            jurisdiction="national",
        )
        s.add(doc)
        s.flush()
        section = "II. NHIỆM VỤ"
        for n, text in enumerate(
            [
                "Tổ chức phổ biến Luật Giáo dục nghề nghiệp (sửa đổi) đến người học, "
                "hoàn thành trong Quý II/2026.",
                "Rà soát văn bản hướng dẫn Luật Viên chức, hoàn thành trước ngày 30/6/2026.",
                "Thành phố Hà Nội giảm 15% nồng độ bụi mịn trong không khí đến năm 2026.",
            ]
        ):
            s.add(Passage(document_id=doc.id, ordinal=n, section=section, text=text))


@pytest.fixture
def national_user(tmp_path: Path) -> ChatUser:
    return _user(tmp_path, (populate, _plan_national))


def test_a_law_named_by_its_title_is_answered_only_by_that_law(national_user: ChatUser) -> None:
    right = ask(national_user, "Luật Giáo dục nghề nghiệp được phổ biến khi nào?")
    assert "Quý II/2026" in right and cited(national_user) == [PLAN_N]
    for other in (
        "Luật Giáo dục đại học được phổ biến khi nào?",
        "ra soat van ban huong dan luat hon nhan va gia dinh hoan thanh truoc ngay nao",
    ):
        assert ask(national_user, other).startswith("Không tìm thấy"), other
        assert cited(national_user) == []
    # "pháp luật" is law in general: it names no law to hold the passage to.
    general = ask(national_user, "Phổ biến pháp luật giáo dục nghề nghiệp khi nào?")
    assert "Quý II/2026" in general


def test_a_national_plans_sentence_on_one_city_answers_no_other(national_user: ChatUser) -> None:
    # Named by its number, the national plan is in scope whatever place is asked about.
    right = ask(national_user, "Theo QĐ 210, Hà Nội giảm bao nhiêu phần trăm nồng độ bụi mịn?")
    assert "15%" in right and cited(national_user) == [PLAN_N]
    other = ask(national_user, "theo qd 210 TP.HCM giam bao nhieu phan tram nong do bui min")
    assert other.startswith("Không tìm thấy") and cited(national_user) == []


PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
Số: 12/CTr-UBND
Quảng Trị, ngày 08 tháng 01 năm 2026

CHƯƠNG TRÌNH
Phát triển chính quyền số tỉnh Quảng Trị giai đoạn 2026 - 2030

I. MỤC TIÊU
1. Mục tiêu chung
Xây dựng chính quyền số phục vụ người dân và doanh nghiệp.
2. Mục tiêu cụ thể
- Giai đoạn 2026 - 2027
+ 90% hồ sơ đất đai được giải quyết trực tuyến.
+ 100% xã có điểm truy cập Internet công cộng.
- Giai đoạn 2028 - 2030
+ 98% hồ sơ đất đai được giải quyết trực tuyến.
+ 100% thôn có cáp quang đến hộ gia đình.

II. NHIỆM VỤ
1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu dùng chung, hoàn thành trong Quý IV/2026.
"""


def test_a_target_is_given_for_the_period_asked(tmp_path: Path) -> None:
    plan = _text_plan(tmp_path, "ctr_12_chinh_quyen_so.txt", PLAN_TEXT)
    user = _user(tmp_path, files=(plan,))
    for question, figure, other in (
        (
            "Chương trình 12 Quảng Trị: đến năm 2030 bao nhiêu % hồ sơ đất đai giải quyết trực tuyến?",
            "98%",
            "90%",
        ),
        (
            "chuong trinh 12 quang tri giai doan 2026-2027 ho so dat dai giai quyet truc tuyen bao nhieu",
            "90%",
            "98%",
        ),
    ):
        reply = ask(user, question)
        assert f"{figure} hồ sơ đất đai" in reply and other not in reply, (question, reply)
        assert cited(user) == [plan.name]


def _appendix_plan(path: Path) -> Path:
    """A Word plan whose body numbers three groups of work under "II. NHIỆM VỤ, GIẢI
    PHÁP" and whose appendix lists five tasks in a table."""
    from docx import Document as new_docx

    doc = new_docx()
    for line in (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
        "Số: 7/KH-UBND",
        "Quảng Trị, ngày 05 tháng 02 năm 2026",
        "KẾ HOẠCH",
        "Phát triển du lịch cộng đồng tỉnh Quảng Trị năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Phát triển du lịch cộng đồng gắn với bảo tồn văn hóa.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Hoàn thiện cơ chế, chính sách hỗ trợ du lịch cộng đồng.",
        "2. Phát triển sản phẩm du lịch đặc trưng của từng địa phương.",
        "3. Đẩy mạnh quảng bá, xúc tiến du lịch trên môi trường số.",
        "Nhiệm vụ cụ thể tại Phụ lục kèm theo.",
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG NĂM 2026",
    ):
        doc.add_paragraph(line)
    rows = [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        ["1", "Ban hành quy định hỗ trợ homestay", "Sở Văn hóa và Thể thao", "Quý II/2026"],
        [
            "2",
            "Xây dựng bộ tiêu chí điểm du lịch cộng đồng",
            "Sở Văn hóa và Thể thao",
            "Quý III/2026",
        ],
        ["3", "Tập huấn kỹ năng đón khách cho hộ dân", "Sở Văn hóa và Thể thao", "Tháng 6/2026"],
        ["4", "Xây dựng bản đồ số điểm du lịch", "Sở Khoa học và Công nghệ", "Quý IV/2026"],
        ["5", "Tổ chức hội chợ du lịch cộng đồng", "Sở Công Thương", "Tháng 9/2026"],
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.save(str(path))
    return path


def test_an_appendix_asked_about_counts_its_tasks(tmp_path: Path) -> None:
    user = _user(tmp_path, files=(_appendix_plan(tmp_path / "kh_7_du_lich_cong_dong.docx"),))
    body = ask(user, "KH 7 Quảng Trị có bao nhiêu nhiệm vụ, giải pháp?")
    assert "gồm 3" in body, body  # the body's own numbered groups
    appendix = ask(user, "KH 7 Quảng Trị: phụ lục có tổng cộng bao nhiêu nhiệm vụ, giải pháp?")
    assert "có 5 nhiệm vụ" in appendix and "Tổ chức hội chợ du lịch" in appendix, appendix


SUBMIT_PLAN = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
Số: 15/KH-UBND
Quảng Trị, ngày 10 tháng 02 năm 2026

# KẾ HOẠCH
Sắp xếp thôn, tổ dân phố tỉnh Quảng Trị năm 2026

Thực hiện Kết luận số 130-KL/TW ngày 14/01/2026 của Bộ Chính trị, Ủy ban nhân dân tỉnh
ban hành Kế hoạch như sau:

## II. NHIỆM VỤ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Sản phẩm | Cấp trình | Thời gian hoàn thành |
|---|---|---|---|---|---|
| 1 | Xây dựng đề án sắp xếp thôn, tổ dân phố | Sở Nội vụ | Đề án | Hội đồng nhân dân tỉnh | Quý III/2026 |
| 2 | Sơ kết việc sắp xếp thôn, tổ dân phố | Sở Nội vụ | Báo cáo | | Quý IV/2026 |
"""


def test_a_products_approving_level_is_said_with_it(tmp_path: Path) -> None:
    user = _user(tmp_path, files=(_text_plan(tmp_path, "kh_15_sap_xep_thon.txt", SUBMIT_PLAN),))
    reply = ask(user, "KH 15 Quảng Trị: xây dựng đề án sắp xếp thôn có sản phẩm gì, trình cấp nào?")
    assert "Đề án" in reply and "Cấp trình: Hội đồng nhân dân tỉnh" in reply, reply
    other = ask(user, "KH 15 Quảng Trị: sơ kết việc sắp xếp thôn có sản phẩm gì?")
    assert "Báo cáo" in other and "Cấp trình" not in other, other


def test_what_a_plan_carries_out_is_read_from_its_title(user: ChatUser) -> None:
    reply = ask(user, "KH 47 Quảng Trị thực hiện quyết định nào?")
    assert reply.startswith("Kế hoạch 47/KH-UBND"), reply
    assert "được ban hành để triển khai: Quyết định số 905/QĐ-TTg." in reply
    both = ask(user, "ke hoach 47 quang tri trien khai quyet dinh nao, giai doan nao?")
    assert "Quyết định số 905/QĐ-TTg" in both and "giai đoạn 2025 - 2027" in both, both
    assert cited(user) == [PLAN_L]


def test_what_a_plan_carries_out_is_read_from_its_opening_lines(tmp_path: Path) -> None:
    user = _user(tmp_path, files=(_text_plan(tmp_path, "kh_15_sap_xep_thon.txt", SUBMIT_PLAN),))
    reply = ask(user, "KH 15 Quảng Trị được ban hành để thực hiện kết luận nào?")
    assert "được ban hành để triển khai: Kết luận số 130-KL/TW." in reply, reply
