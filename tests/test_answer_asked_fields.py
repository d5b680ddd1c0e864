"""What a question asks beyond its plan's name: a decree's deadline rather than the plan's
date, a market the plan never names, the items of a directive's unit section, the unit a
task is given to, a count the plan states in words, a plan named "… số N", a law named
by the plan's own title. Through the dispatcher, over documents written here in our own
words and ingested whole by the real parser.
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
DIRECTIVE = "ct_12_yen_bai.txt"
PLAN = "kh_45_dien_bien.txt"

_DIRECTIVE_TEXT = """ỦY BAN NHÂN DÂN TỈNH YÊN BÁI
Số: 12/CT-UBND
Yên Bái, ngày 10 tháng 3 năm 2026
CHỈ THỊ
Về tăng cường quản lý chất lượng nước sinh hoạt trên địa bàn tỉnh

Để bảo đảm nước sạch cho người dân, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Nông nghiệp và Môi trường rà soát các nguồn nước, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/6/2026.

2. Sở Xây dựng hướng dẫn các đơn vị cấp nước lập kế hoạch cấp nước an toàn trong năm 2026.

3. Sở Y tế:
a) Kiểm tra định kỳ chất lượng nước của các đơn vị cấp nước, công khai kết quả hằng quý.
b) Hướng dẫn người dân xử lý nước hộ gia đình khi có dịch bệnh.

4. Ủy ban nhân dân các xã, phường tuyên truyền người dân sử dụng nước tiết kiệm.

5. Thuế tỉnh Yên Bái:
a) Kiểm tra việc kê khai thuế của các đơn vị cấp nước.
b) Hướng dẫn ưu đãi thuế cho dự án nước sạch nông thôn.

Xuất khẩu nước khoáng của tỉnh phấn đấu đạt 20.000 tấn vào năm 2030.
"""

_PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN
Số: 45/KH-UBND
Điện Biên, ngày 05 tháng 02 năm 2026
KẾ HOẠCH
Triển khai thi hành Luật Địa chất và Khoáng sản trên địa bàn tỉnh Điện Biên

I. MỤC ĐÍCH, YÊU CẦU
Luật Địa chất và Khoáng sản được Quốc hội thông qua ngày 29 tháng 11 năm 2024, có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
Kế hoạch triển khai 04 nhóm giải pháp về thông tin, đào tạo, kiểm tra và kinh phí.

II. NỘI DUNG
1. Tuyên truyền, phổ biến Luật cho cán bộ và nhân dân.
- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.
- Thời gian thực hiện: Năm 2026.

2. Ban hành quyết định quy định chi tiết về khai thác cát sỏi lòng sông.
- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.
- Cơ quan phối hợp: Sở Tư pháp.
- Thời gian thực hiện: Quý III/2026.

3. Kiểm tra việc thi hành Luật tại các xã, phường.
- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.
- Thời gian thực hiện: Năm 2026 và các năm tiếp theo.

4. Bố trí kinh phí thực hiện Kế hoạch.
- Cơ quan chủ trì: Sở Tài chính.
- Thời gian thực hiện: Hằng năm.

6. Rà soát quy hoạch thăm dò khoáng sản của tỉnh.
- Cơ quan chủ trì: Sở Xây dựng.
- Thời gian thực hiện: Quý I/2026.

5. Xây dựng Kế hoạch kiểm tra hoạt động khoáng sản năm 2026.
- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.
- Thời gian thực hiện: Quý II/2026.

III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Ủy ban nhân dân tỉnh:
- Tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch kiểm tra hoạt động khoáng sản năm 2026 của tỉnh;
- Theo dõi, đôn đốc việc thực hiện Kế hoạch.
"""


PROCEDURES = "qd_77_thu_tuc.txt"
_PROCEDURES_TEXT = """ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN
Số: 77/QĐ-UBND
Điện Biên, ngày 12 tháng 3 năm 2026
QUYẾT ĐỊNH
Thông qua phương án đơn giản hóa thủ tục hành chính lĩnh vực thư viện

PHƯƠNG ÁN ĐƠN GIẢN HÓA
1. Tên thủ tục hành chính: Thu hồi giấy phép thành lập thư viện tư nhân có phục vụ cộng đồng
a. Nội dung cắt giảm, đơn giản hóa: Giảm 01 ngày so với quy định.
b. Lý do: rút ngắn thời gian thẩm định.
2. Tên thủ tục hành chính: Cấp lại giấy phép thành lập thư viện tư nhân có phục vụ cộng đồng
a. Nội dung cắt giảm, đơn giản hóa: Giảm 02 ngày so với quy định.
b. Lý do: hồ sơ đã có sẵn.
3. Tên thủ tục hành chính: Cấp giấy phép thành lập thư viện tư nhân có phục vụ cộng đồng
a. Nội dung cắt giảm, đơn giản hóa: Giảm 04 ngày so với quy định.
b. Lý do: liên thông với cấp xã.
"""
LONG_TITLE = "kh_46_dien_bien.txt"
_LONG_TITLE_TEXT = """ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN
Số: 46/KH-UBND
Điện Biên, ngày 06 tháng 02 năm 2026
KẾ HOẠCH
Thực hiện Quyết định số 900/QĐ-TTg của Thủ tướng Chính phủ ban hành kế hoạch triển khai thi hành nghị định quy định chi tiết về khai thác cát, sỏi và khoáng sản làm vật liệu xây dựng thông thường

II. NỘI DUNG
1. Cấp phép khai thác cát, sỏi theo quy định chi tiết mới.
- Cơ quan chủ trì: Sở Xây dựng.
- Cơ quan phối hợp: Công an tỉnh.
- Thời gian thực hiện: Năm 2027.
"""


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    from knowledge.ingest import ingest_file

    db, settings = populated_store(tmp_path / "data", (), retrieval_mode="keyword")
    for name, text in (
        (DIRECTIVE, _DIRECTIVE_TEXT),
        (PLAN, _PLAN_TEXT),
        (PROCEDURES, _PROCEDURES_TEXT),
        (LONG_TITLE, _LONG_TITLE_TEXT),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ingest_file(db, path, settings=settings)
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_a_decree_the_plan_issues_asks_its_deadline_not_the_plans_date(
    user: ChatUser,
) -> None:
    reply = ask(
        user, "quyet dinh quy dinh chi tiet khai thac cat soi theo KH 45 phai ban hanh khi nao"
    )
    assert "Quý III/2026" in reply and "05/02/2026" not in reply
    reply = ask(user, "KH 45 Điện Biên ban hành ngày nào?")
    assert "05/02/2026" in reply and set(cited(user)) == {PLAN}


def test_a_name_the_plans_never_write_finds_nothing(user: ChatUser) -> None:
    reply = ask(user, "Yên Bái xuất khẩu nước khoáng sang thị trường Hàn Quốc bao nhiêu tấn?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []
    reply = ask(user, "Yên Bái phấn đấu xuất khẩu bao nhiêu tấn nước khoáng năm 2030?")
    assert "20.000 tấn" in reply and set(cited(user)) == {DIRECTIVE}


def test_a_directive_item_that_heads_a_units_tasks(user: ChatUser) -> None:
    reply = ask(user, "chi thi 12 yen bai muc 3 giao cho ai lam gi")
    assert reply.startswith("Mục 3 của Chỉ thị 12/CT-UBND")
    assert "do Sở Y tế chủ trì" in reply
    assert "Kiểm tra định kỳ chất lượng nước" in reply and "xử lý nước hộ gia đình" in reply


def test_the_unit_a_task_is_given_to(user: ChatUser) -> None:
    reply = ask(user, "CT 12 giao so nao huong dan don vi cap nuoc lap ke hoach cap nuoc an toan")
    assert reply.startswith("Sở Xây dựng chủ trì")


def test_a_count_the_plan_states_in_words(user: ChatUser) -> None:
    reply = ask(
        user, "Kế hoạch thi hành Luật Địa chất và Khoáng sản Điện Biên có mấy nhóm giải pháp?"
    )
    assert "04 nhóm giải pháp" in reply and set(cited(user)) == {PLAN}


def test_a_plan_named_with_words_before_its_number(user: ChatUser) -> None:
    reply = ask(user, "ke hoach thi hanh luat so 45: bo tri kinh phi do so nao chu tri")
    assert reply.startswith("Sở Tài chính chủ trì") and set(cited(user)) == {PLAN}


def test_a_law_named_by_the_plans_title_and_its_effective_date(user: ChatUser) -> None:
    reply = ask(
        user,
        "dien bien thi hanh luat dia chat va khoang san: kiem tra thi hanh luat bat dau tu khi nao",
    )
    assert "Năm 2026 và các năm tiếp theo" in reply
    reply = ask(user, "Luật Địa chất và Khoáng sản mà KH 45 triển khai có hiệu lực từ ngày nào?")
    assert "01 tháng 7 năm 2025" in reply and set(cited(user)) == {PLAN}


def test_a_deadline_asked_as_truoc_ngay_may(user: ChatUser) -> None:
    reply = ask(user, "so NN&MT yen bai ra soat nguon nuoc bao cao truoc ngay may")
    assert "30/6/2026" in reply or "30/06/2026" in reply


def test_a_dated_task_answers_when_before_a_duty_naming_the_same_work(user: ChatUser) -> None:
    reply = ask(
        user, "KH 45: Kế hoạch kiểm tra hoạt động khoáng sản năm 2026 phải xong thời điểm nào?"
    )
    assert "Quý II/2026" in reply


def test_who_asked_casually(user: ChatUser) -> None:
    reply = ask(user, "ai lo vụ hướng dẫn lập kế hoạch cấp nước an toàn vậy?")
    assert reply.startswith("Sở Xây dựng chủ trì")


def test_who_as_the_subject_of_the_work(user: ChatUser) -> None:
    reply = ask(user, "theo CT 12 thi ai kiem tra dinh ky chat luong nuoc cua cac don vi cap nuoc")
    assert reply.startswith("Sở Y tế chủ trì")


def test_the_procedure_asked_is_the_one_whose_words_run_in_order(user: ChatUser) -> None:
    reply = ask(user, "thu tuc cap giay phep thanh lap thu vien tu nhan duoc giam may ngay")
    assert "Giảm 04 ngày" in reply and set(cited(user)) == {PROCEDURES}


def test_a_title_quoted_whole_names_its_plan_over_a_longer_one_sharing_words(
    user: ChatUser,
) -> None:
    reply = ask(
        user,
        "ke hoach trien khai thi hanh luat dia chat va khoang san cua Thu tuong: quyet dinh "
        "quy dinh chi tiet khai thac cat soi do co quan nao phoi hop",
    )
    assert "Sở Tư pháp" in reply and set(cited(user)) == {PLAN}


def test_phrase_share_counts_the_longest_run_in_order() -> None:
    from knowledge.answer.hits import phrase_share

    words = ["cap", "giay", "phep", "hoat", "dong", "dich", "vu", "viec", "lam"]
    assert phrase_share(words, "Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp") == 1.0
    assert phrase_share(words, "Cấp lại giấy phép hoạt động dịch vụ việc làm") == 8 / 9
    assert phrase_share(words, "Thu hồi Giấy phép hoạt động dịch vụ việc làm") == 8 / 9
    assert phrase_share([], "bất kỳ") == 0.0


_TITLES = (
    "Triển khai thi hành Luật Bảo vệ dữ liệu cá nhân",
    "Thực hiện Quyết định số 1899/QĐ-TTg của Thủ tướng Chính phủ ban hành kế hoạch triển "
    "khai thi hành nghị định quy định chi tiết một số điều của Luật Phòng thủ dân sự",
    "Cải cách hành chính năm 2026",
    "Chuyển đổi số năm 2026",
    "Phòng, chống thiên tai năm 2026",
    "Bảo vệ bí mật nhà nước năm 2026",
    "Phát triển du lịch năm 2026",
    "Quan trắc môi trường năm 2026",
)


def test_a_title_the_question_quotes_whole_names_the_plan(tmp_path: Path) -> None:
    from knowledge.answer.docscope import find_scope
    from storage.models import Document

    db, _ = populated_store(tmp_path / "data", (), retrieval_mode="keyword")
    with db.session() as session:
        for i, title in enumerate(_TITLES):
            session.add(Document(source_name=f"d{i}.txt", sha256=str(i), format="txt", title=title))
        session.commit()
        scope = find_scope(
            session,
            "ke hoach trien khai thi hanh luat bao ve du lieu ca nhan cua Thu tuong: nghi dinh "
            "quy dinh chi tiet luat do co quan nao phoi hop voi Bo Cong an",
        )
        quoted = session.get(Document, scope.document_ids[0])
        assert scope.by_plan and quoted is not None and quoted.title == _TITLES[0]


def test_an_overdue_task_shows_its_time_as_the_plan_writes_it(user: ChatUser) -> None:
    reply = ask(user, "KH 45 Dien Bien co nhiem vu nao da qua han")
    assert "Rà soát quy hoạch thăm dò khoáng sản" in reply
    assert "hạn Quý I/2026, tức 31/03/2026" in reply


def test_a_count_asked_beside_a_plan_fact(user: ChatUser) -> None:
    reply = ask(user, "KH 45 Điện Biên gồm bao nhiêu nhóm giải pháp, ban hành ngày nào?")
    assert "05/02/2026" in reply and "04 nhóm giải pháp" in reply


def test_a_unit_whose_name_holds_the_place_the_plan_is_named_by(user: ChatUser) -> None:
    reply = ask(user, "theo CT 12 Yen Bai, Thue tinh Yen Bai phai cho y kien nhung noi dung gi")
    assert reply.startswith("Thuế tỉnh Yên Bái có 2 nhiệm vụ")
    assert "kê khai thuế" in reply and "ưu đãi thuế" in reply


def test_the_duties_of_a_unit_asked_as_trach_nhiem_cua_x_la_gi(user: ChatUser) -> None:
    reply = ask(user, "CT 12 Yen Bai ve nuoc sinh hoat: trach nhiem cua So Y te la gi?")
    assert reply.startswith("Sở Y tế có 2 nhiệm vụ")


def test_the_named_plans_title_words_are_no_topic_of_a_units_list(user: ChatUser) -> None:
    reply = ask(user, "So Xay dung co nhiem vu gi trong KH 45 Dien Bien ve khoang san")
    assert reply.startswith("Sở Xây dựng có 1 nhiệm vụ")


def test_a_capitalised_name_after_a_word_it_would_join() -> None:
    from knowledge.answer.unitmatch import capitalised

    assert capitalised("dựa vào cộng đồng Bộ Tư lệnh Thành phố làm gì", "bo tu lenh thanh pho")
    assert not capitalised("đồng bộ tư lệnh", "bo tu lenh")


def test_a_long_quote_keeps_the_words_that_give_the_work_in_view() -> None:
    import re

    from knowledge.answer.compose import excerpt

    text = (
        "9. Về triển khai hạ tầng phủ sóng các thôn, bản vùng cao còn lõm sóng điện thoại, "
        "đường truyền Internet yếu, ảnh hưởng đến việc học trực tuyến và dịch vụ công của "
        "người dân trên địa bàn các xã biên giới và vùng đặc biệt khó khăn của tỉnh trong "
        "nhiều năm qua: đề nghị các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - "
        "Viễn thông Quân đội tổ chức thực hiện, hoàn thành trong tháng 12 năm 2025; Bộ "
        "Khoa học và Công nghệ hướng dẫn."
    )
    quoted = excerpt(text, "phu song lom song giao tap doan nao", 300, prefer=re.compile("đề nghị"))
    assert "Công nghiệp - Viễn thông Quân đội" in quoted
