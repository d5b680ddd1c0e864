"""A unit's list asked the ways officials ask it, through the dispatcher, over two sample
plans written here in our own words.

Nghệ An (the home province: two of the three plans) has a reform plan of its own; Gia
Lai's Chủ tịch UBND tỉnh issued Chỉ thị 12/CT-UBND on administrative procedures and its
UBND tỉnh a digital plan, KH 31/KH-UBND. Both provinces have a Sở Nội vụ.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, cited, populated_store
from fakes.chat import ChatUser, linked

from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage import repositories as repo
from storage.db import Database
from storage.models import Document, TaskDeadline, TaskRow, TaskUnit, Unit

NOW = datetime(2026, 4, 10, 9, 0)
HOME = "kh_45_cai_cach_hanh_chinh_nghe_an.docx"
DIRECTIVE = "ct_12_thu_tuc_hanh_chinh_gia_lai.docx"
DIGITAL = "kh_31_chuyen_doi_so_gia_lai.docx"


def _doc(s: object, name: str, **fields: object) -> Document:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    doc = Document(source_name=name, sha256=name[:8].ljust(64, "x"), format="docx", **fields)
    s.add(doc)
    s.flush()
    return doc


def _task(
    s: object,
    doc: Document,
    n: int,
    title: str,
    lead: Unit,
    due: date | None,
    kind: str = "task",
    coords: tuple[Unit, ...] = (),
) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    row = TaskRow(
        document_id=doc.id,
        identity=f"{doc.id}-{n}",
        content_hash="h",
        ordinal=n,
        number=str(n),
        kind=kind,
        section="II. NHIỆM VỤ",
        title=title,
        deadline_text="Thường xuyên" if kind == "duty" else "",
        due_date=due,
    )
    s.add(row)
    s.flush()
    s.add(TaskUnit(task_id=row.id, unit_id=lead.id, role="lead"))
    for unit in coords:
        s.add(TaskUnit(task_id=row.id, unit_id=unit.id, role="coordinate"))
    if due is not None:
        s.add(TaskDeadline(task_id=row.id, due_date=due))


def _plans(db: Database) -> None:
    with db.session() as s:
        home = _doc(
            s,
            HOME,
            title="Kế hoạch cải cách hành chính tỉnh Nghệ An năm 2026",
            number="45/KH-UBND",
            issuer="Ủy ban nhân dân tỉnh Nghệ An",
            issued_date=date(2026, 1, 5),
            plan_year=2026,
            jurisdiction="province",
            province="nghe an",
        )
        _doc(
            s,
            "kh_46_van_thu_nghe_an.docx",
            title="Kế hoạch công tác văn thư lưu trữ tỉnh Nghệ An năm 2026",
            number="46/KH-UBND",
            issuer="Ủy ban nhân dân tỉnh Nghệ An",
            plan_year=2026,
            jurisdiction="province",
            province="nghe an",
        )
        directive = _doc(
            s,
            DIRECTIVE,
            title="Chỉ thị về đẩy mạnh cải cách thủ tục hành chính trên địa bàn tỉnh Gia Lai",
            number="12/CT-UBND",
            doc_type="Chỉ thị",
            issuer="Chủ tịch Ủy ban nhân dân tỉnh Gia Lai",
            issued_date=date(2026, 1, 20),
            plan_year=2026,
            jurisdiction="province",
            province="gia lai",
        )
        digital = _doc(
            s,
            DIGITAL,
            title="Kế hoạch chuyển đổi số tỉnh Gia Lai năm 2026",
            number="31/KH-UBND",
            issuer="Ủy ban nhân dân tỉnh Gia Lai",
            issued_date=date(2026, 2, 3),
            plan_year=2026,
            jurisdiction="province",
            province="gia lai",
        )
        committee = repo.upsert_unit(s, "UBND tỉnh", province="nghe an")
        home_snv = repo.upsert_unit(s, "Sở Nội vụ", province="nghe an")
        snv = repo.upsert_unit(s, "Sở Nội vụ", province="gia lai")
        finance = repo.upsert_unit(s, "Sở Tài chính", province="gia lai")
        science = repo.upsert_unit(
            s, "Sở Khoa học và Công nghệ", aliases=["Sở KH&CN"], province="gia lai"
        )
        # Collectives both provinces' plans name, and a national body.
        repo.upsert_unit(s, "Các cơ quan", province="nghe an")
        repo.upsert_unit(s, "Các cơ quan", province="gia lai")
        repo.upsert_unit(s, "Chính phủ")
        justice = repo.upsert_unit(s, "Sở Tư pháp", province="gia lai")
        _task(s, home, 1, "Ban hành quy chế phối hợp một cửa liên thông", committee, None)
        _task(s, home, 2, "Đánh giá chỉ số cải cách hành chính các sở", home_snv, None)
        # Its words quote other texts by kind ("CT", "KH"), as real plans do.
        _task(s, home, 3, "Sơ kết việc thực hiện các CT, KH về cải cách hành chính", home_snv, None)
        _task(s, directive, 1, "Công khai quy trình nội bộ giải quyết thủ tục", snv, None)
        _task(
            s, directive, 2, "Khảo sát mức độ hài lòng tại Bộ phận Một cửa", snv, date(2026, 3, 1)
        )
        _task(
            s,
            directive,
            3,
            "Theo dõi việc chấp hành kỷ luật hành chính của công chức",
            snv,
            None,
            kind="duty",
        )
        _task(s, directive, 4, "Bố trí kinh phí số hóa hồ sơ", finance, date(2026, 2, 15))
        _task(s, directive, 5, "Cắt giảm điều kiện kinh doanh về dịch vụ tài chính", finance, None)
        # A duty under the unit's own heading that still carries a date of its own.
        _task(
            s,
            directive,
            6,
            "Thẩm định dự toán chi cho Bộ phận Một cửa",
            finance,
            date(2026, 3, 31),
            kind="duty",
        )
        _task(s, digital, 1, "Xây dựng kho dữ liệu dùng chung của tỉnh", science, None)
        _task(s, digital, 2, "Đào tạo kỹ năng số cho công chức cấp xã", science, None)
        _task(s, digital, 3, "Cân đối vốn cho các dự án chuyển đổi số", finance, None)
        _task(
            s,
            digital,
            4,
            "Hỗ trợ các tổ chức phi chính phủ tham gia dự án chuyển đổi số",
            science,
            date(2026, 9, 30),
            coords=(finance, justice),
        )


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    db, settings = populated_store(tmp_path / "data", (_plans,), retrieval_mode="keyword")
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_a_unit_named_after_the_plans_number_and_issuer_gets_its_list(user: ChatUser) -> None:
    reply = ask(
        user,
        "Trong KH 31 của UBND tỉnh Gia Lai (chuyển đổi số), Sở Tài chính chủ trì những "
        "nhiệm vụ nào?",
    )
    assert reply.startswith("Sở Tài chính có 1 nhiệm vụ (tỉnh Gia Lai)")
    assert "Cân đối vốn" in reply and "kinh phí số hóa" not in reply
    assert cited(user) == [DIGITAL]


def test_a_unit_written_with_an_ampersand_after_the_plans_name(user: ChatUser) -> None:
    reply = ask(user, "Kế hoạch 31 của UBND tỉnh Gia Lai về chuyển đổi số: Sở KH&CN làm gì?")
    assert reply.startswith("Sở Khoa học và Công nghệ có 3 nhiệm vụ (tỉnh Gia Lai)")
    assert "kho dữ liệu dùng chung" in reply and "Đào tạo kỹ năng số" in reply


def test_the_issuer_naming_the_plan_is_not_the_unit_asked_about(user: ChatUser) -> None:
    reply = ask(
        user, "Chỉ thị 12 của Chủ tịch UBND tỉnh Gia Lai về cải cách TTHC giao SNV những việc gì?"
    )
    assert reply.startswith("Sở Nội vụ có 2 nhiệm vụ (tỉnh Gia Lai)"), reply
    assert "Bộ phận Một cửa" in reply and "một cửa liên thông" not in reply
    assert cited(user) == [DIRECTIVE, DIRECTIVE]


def test_responsibilities_asked_are_the_units_list(user: ChatUser) -> None:
    for question in (
        "Chỉ thị 12 Gia Lai: Sở Nội vụ có trách nhiệm gì?",
        "chi thi 12 gia lai giao so noi vu nhung trach nhiem gi",
    ):
        reply = ask(user, question)
        # its responsibilities: the dated tasks and the standing duty under its heading
        assert reply.startswith("Sở Nội vụ có 3 nhiệm vụ (tỉnh Gia Lai)"), (question, reply)
        assert "Công khai quy trình nội bộ" in reply and "kỷ luật hành chính" in reply


def test_standing_duties_asked_with_a_topic_are_listed(user: ChatUser) -> None:
    reply = ask(
        user, "Chỉ thị 12 giao Sở Nội vụ Gia Lai nhiệm vụ thường xuyên gì về thủ tục hành chính?"
    )
    assert reply.startswith("Sở Nội vụ có 1 nhiệm vụ (tỉnh Gia Lai)"), reply
    assert "kỷ luật hành chính" in reply


def test_a_list_of_several_units_tasks_says_who_leads_each(user: ChatUser) -> None:
    overdue = ask(user, "Chỉ thị 12 của Gia Lai có những nhiệm vụ nào đã quá hạn?")
    assert "Bộ phận Một cửa (hạn 01/03/2026) — chủ trì: Sở Nội vụ" in overdue
    assert "kinh phí số hóa hồ sơ (hạn 15/02/2026) — chủ trì: Sở Tài chính" in overdue
    # A dated duty is overdue like a task.
    assert "Thẩm định dự toán chi cho Bộ phận Một cửa (hạn 31/03/2026)" in overdue
    own = ask(user, "Sở Nội vụ Gia Lai có nhiệm vụ nào quá hạn?")
    assert "Bộ phận Một cửa (hạn 01/03/2026)" in own and "chủ trì:" not in own


def test_a_collective_asked_for_is_no_unit_to_choose(user: ChatUser) -> None:
    reply = ask(
        user,
        "KH 31 Gia Lai: hỗ trợ các tổ chức phi chính phủ tham gia dự án thì các cơ quan nào "
        "phối hợp?",
    )
    assert reply.startswith("Phối hợp: Sở Tài chính; Sở Tư pháp (nhiệm vụ “Hỗ trợ"), reply
    assert cited(user) == [DIGITAL]


def test_a_year_in_the_plans_name_is_no_due_window(user: ChatUser) -> None:
    named = ask(
        user, "KH cải cách hành chính năm 2026 của UBND tỉnh Nghệ An có bao nhiêu nhiệm vụ?"
    )
    assert "có 3 nhiệm vụ" in named and "đến hạn" not in named, named
    due = ask(
        user, "Kế hoạch cải cách hành chính tỉnh Nghệ An có bao nhiêu nhiệm vụ đến hạn năm 2026?"
    )
    assert "đến hạn năm 2026" in due


def test_overdue_as_of_today_is_every_overdue_task(user: ChatUser) -> None:
    reply = ask(user, "Chỉ thị 12 Gia Lai tính đến hôm nay những nhiệm vụ nào đã quá hạn?")
    assert reply.startswith("Có 3 nhiệm vụ đã quá hạn (tính đến 10/04/2026)"), reply


def test_a_units_list_asked_with_when_shows_each_due_date(user: ChatUser) -> None:
    reply = ask(
        user,
        "Chỉ thị 12 Gia Lai giao Sở Tài chính làm gì về kinh phí số hóa, hạn hoàn thành khi nào?",
    )
    assert reply.startswith("Sở Tài chính có 1 nhiệm vụ (tỉnh Gia Lai)"), reply
    assert "Bố trí kinh phí số hóa hồ sơ (hạn 15/02/2026)" in reply


def test_an_abbreviation_of_the_plans_words_in_the_topic(user: ChatUser) -> None:
    reply = ask(user, "Chỉ thị 12 Gia Lai giao Sở Tài chính những việc gì về ĐKKD?")
    assert reply.startswith("Sở Tài chính có 1 nhiệm vụ (tỉnh Gia Lai)"), reply
    assert "Cắt giảm điều kiện kinh doanh" in reply


def test_the_kind_word_before_a_full_number_is_no_topic_word(user: ChatUser) -> None:
    # "CT" in "CT 12/CT-UBND" names the plan; other tasks' words quote "các CT, KH".
    reply = ask(user, "CT 12/CT-UBND giao Sở Tài chính bố trí kinh phí trước ngày nào?")
    assert reply.startswith("Thời hạn: 15/02/2026"), reply
    assert cited(user) == [DIRECTIVE]


def test_a_named_plans_tasks_asked_for_are_listed(user: ChatUser) -> None:
    for question in (
        "Chỉ thị 12 Gia Lai có những nhiệm vụ nào?",
        "ct 12 gia lai gom nhung nhiem vu gi",
    ):
        reply = ask(user, question)
        assert "có 4 nhiệm vụ" in reply, (question, reply)
        assert "Công khai quy trình nội bộ giải quyết thủ tục — chủ trì: Sở Nội vụ" in reply
        assert set(cited(user)) == {DIRECTIVE}


def test_an_alias_added_later_is_known_to_the_next_question(tmp_path: Path) -> None:
    db, settings = populated_store(tmp_path / "data", (_plans,), retrieval_mode="keyword")
    services = Services(db, settings, clock=lambda: NOW)
    user = linked(services, Dispatcher(services), "an", "leader")
    question = "KH 31 Gia Lai: Sở KHCNĐMST có những việc gì?"
    assert "Khoa học và Công nghệ có" not in ask(user, question)
    with db.session() as s:  # an admin adds the office's own short name
        repo.upsert_unit(s, "Sở Khoa học và Công nghệ", aliases=["Sở KHCNĐMST"], province="gia lai")
    assert ask(user, question).startswith("Sở Khoa học và Công nghệ có 3 nhiệm vụ")
