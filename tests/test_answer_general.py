"""Answers that hold on questions shaped like those officials ask (issue 8), through the
dispatcher, over a fourth sample plan written here in our own words.

Kế hoạch 512/QĐ-TTg (a national drought plan, 2026–2030) numbers its contents under
"II. NỘI DUNG", arranges its appendix tasks in two parts, lists its targets under
"- Giai đoạn …" lines, names Hà Tĩnh in one passage, gives one task to a minister
("Bộ trưởng Bộ Y tế …") and states one deadline only in a task's own words.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, cited, populate, populated_store
from fakes.chat import ChatUser, linked

from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage import repositories as repo
from storage.db import Database
from storage.models import Document, Passage, SectionRow, TaskDeadline, TaskRow, TaskUnit

NOW = datetime(2026, 4, 10, 9, 0)
PLAN_D = "qd_512_han_han_2026_2030.docx"
APPENDIX = "PHỤ LỤC NHIỆM VỤ"


def _plan_d(db: Database) -> None:
    with db.session() as s:
        doc = Document(
            source_name=PLAN_D,
            sha256="d" * 64,
            format="docx",
            title="Kế hoạch quốc gia ứng phó hạn hán giai đoạn 2026 - 2030",
            number="512/QĐ-TTg",
            doc_type="Quyết định",
            issuer="Thủ tướng Chính phủ",
            issued_date=date(2025, 12, 5),
            signer="Đỗ Văn Chiến",
            plan_year=2026,
            period_end_year=2030,
        )
        s.add(doc)
        s.flush()
        ministry = repo.upsert_unit(s, "Bộ Nông nghiệp và Môi trường")
        irrigation = repo.upsert_unit(
            s, "Phòng Thủy lợi", parent_name="Bộ Nông nghiệp và Môi trường"
        )
        repo.upsert_unit(s, "Bộ Y tế")
        minister = repo.upsert_unit(s, "Bộ trưởng Bộ Y tế", kind="person")
        for n, (number, title, level) in enumerate(
            [("I.", "MỤC TIÊU", 1), ("II.", "NỘI DUNG", 1), ("III.", "TỔ CHỨC THỰC HIỆN", 1)]
        ):
            s.add(
                SectionRow(
                    document_id=doc.id,
                    ordinal=n,
                    number=number,
                    title=title,
                    level=level,
                    path=f"{number} {title}",
                )
            )
        passages = [
            ("I. MỤC TIÊU", "- Giai đoạn 2026-2027"),
            ("I. MỤC TIÊU", "+ 60% hộ dân vùng khô hạn được cấp nước sinh hoạt hợp vệ sinh."),
            ("I. MỤC TIÊU", "- Giai đoạn 2028-2030"),
            ("I. MỤC TIÊU", "+ 85% hộ dân vùng khô hạn được cấp nước sinh hoạt hợp vệ sinh."),
            ("I. MỤC TIÊU", "Tại tỉnh Hà Tĩnh, khoan mới 120 giếng nước phục vụ sinh hoạt."),
            ("II. NỘI DUNG", "1. Khảo sát trữ lượng nguồn nước ngầm."),
            ("II. NỘI DUNG", "2. Xây dựng hồ chứa nước quy mô nhỏ."),
            ("II. NỘI DUNG", "3. Tuyên truyền sử dụng nước tiết kiệm."),
        ]
        for n, (section, text) in enumerate(passages):
            s.add(Passage(document_id=doc.id, ordinal=n, section=section, text=text))

        def task(
            n: int, part: str, title: str, unit: object, deadline: str, due: date | None
        ) -> None:
            row = TaskRow(
                document_id=doc.id,
                identity=f"d-{n}",
                content_hash="h",
                ordinal=n,
                number=str(n),
                section=f"{APPENDIX} > {part}",
                title=title,
                deadline_text=deadline,
                due_date=due,
            )
            s.add(row)
            s.flush()
            s.add(TaskUnit(task_id=row.id, unit_id=unit.id, role="lead"))  # type: ignore[attr-defined]
            if due is not None:
                s.add(TaskDeadline(task_id=row.id, due_date=due))

        lead_part, tech_part = "I CÔNG TÁC CHỈ ĐẠO", "II CÔNG TÁC KỸ THUẬT"
        task(
            1, lead_part, "Chủ trì tổ chức thực hiện kế hoạch; tổng hợp kết quả", ministry, "", None
        )
        task(
            2,
            lead_part,
            "Bộ trưởng Bộ Y tế chỉ đạo bảo đảm nước sạch tại các cơ sở khám chữa bệnh",
            minister,
            "Thường xuyên",
            None,
        )
        task(
            3,
            lead_part,
            "Tổng kết công tác ứng phó hạn hán; báo cáo Thủ tướng Chính phủ trước ngày 20/11/2026",
            ministry,
            "",
            None,
        )
        task(
            4,
            tech_part,
            "Khoan giếng nước tại vùng khô hạn",
            irrigation,
            "Quý III/2026",
            date(2026, 9, 30),
        )
        task(5, tech_part, "Lập bản đồ nguy cơ hạn hán", ministry, "Năm 2026", date(2026, 12, 31))


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    db, settings = populated_store(tmp_path / "data", (populate, _plan_d), retrieval_mode="keyword")
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


# --- counts from the plan's own outline ------------------------------------------------


def test_contents_are_counted_as_the_plan_numbers_them(user: ChatUser) -> None:
    reply = ask(user, "Quyết định 512 gồm bao nhiêu nội dung?")
    assert "gồm 3 nội dung" in reply.splitlines()[0]
    assert "Tuyên truyền sử dụng nước tiết kiệm" in reply
    both = ask(user, "qd 512 gom bao nhieu noi dung, ai ky")
    assert "gồm 3 nội dung" in both and "Đỗ Văn Chiến" in both


def test_a_part_named_by_its_number_counts_its_tasks(user: ChatUser) -> None:
    reply = ask(user, "Quyết định 512 phần II công tác kỹ thuật có mấy nhiệm vụ?")
    assert "có 2 nhiệm vụ" in reply.splitlines()[0]
    assert "Khoan giếng nước" in reply and "Tổng kết công tác" not in reply


# --- the asked field first ----------------------------------------------------------------


def test_the_lead_of_a_whole_plan(user: ChatUser) -> None:
    reply = ask(user, "Quyết định 512 do bộ nào chủ trì?")
    assert reply.startswith("Bộ Nông nghiệp và Môi trường chủ trì Quyết định 512/QĐ-TTg")


def test_a_deadline_stated_in_the_task_itself(user: ChatUser) -> None:
    reply = ask(user, "tổng kết công tác ứng phó hạn hán phải báo cáo trước ngày nào?")
    assert reply.startswith("Thời hạn: trước ngày 20/11/2026")
    assert cited(user) == [PLAN_D]


def test_a_target_of_the_period_asked(user: ChatUser) -> None:
    reply = ask(
        user, "QĐ 512: tỷ lệ hộ dân vùng khô hạn được cấp nước sinh hoạt giai đoạn 2028-2030?"
    )
    assert "85%" in reply.splitlines()[0] and "60%" not in reply.splitlines()[0]


# --- a unit's tasks ---------------------------------------------------------------------------


def test_a_units_list_narrowed_to_the_topic_asked(user: ChatUser) -> None:
    reply = ask(user, "Bộ NN&MT có những nhiệm vụ gì về khoan giếng?")
    assert "Khoan giếng nước tại vùng khô hạn" in reply and "Lập bản đồ" not in reply
    none = ask(user, "Bộ Nông nghiệp và Môi trường có nhiệm vụ gì về vắc xin?")
    assert none.startswith("Không thấy nhiệm vụ nào của Bộ Nông nghiệp và Môi trường về “vắc xin”")
    assert cited(user) == []


def test_a_part_named_with_its_parent_and_a_head_in_a_units_stead(user: ChatUser) -> None:
    part = ask(user, "Phòng Thủy lợi Bộ Nông nghiệp và Môi trường có nhiệm vụ gì?")
    assert "Khoan giếng nước" in part and "Lập bản đồ" not in part
    health = ask(user, "Bộ Y tế phải làm gì theo Quyết định 512?")
    assert "bảo đảm nước sạch tại các cơ sở khám chữa bệnh" in health


# --- which plan, and honest "not found" -----------------------------------------------------


def test_a_place_without_its_own_answer_is_answered_where_it_is_named(user: ChatUser) -> None:
    reply = ask(user, "Hà Tĩnh khoan mới bao nhiêu giếng nước phục vụ sinh hoạt?")
    assert "120 giếng" in reply and cited(user) == [PLAN_D]


def test_an_issuer_names_its_plan(user: ChatUser) -> None:
    reply = ask(user, "mức độ hài lòng trong kế hoạch của Sở Nội vụ tỉnh Nghệ An đạt bao nhiêu?")
    assert "95%" in reply and "90%" not in reply


def test_one_task_asked_about_and_not_found_lists_nothing(user: ChatUser) -> None:
    reply = ask(user, "việc trồng rừng ngập mặn ven biển đến nay đã quá hạn chưa?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []


def test_a_period_or_a_status_does_not_narrow_a_units_list_to_a_topic(user: ChatUser) -> None:
    due = ask(user, "Bộ Nông nghiệp và Môi trường có những nhiệm vụ nào sắp đến hạn trong quý III?")
    assert "Khoan giếng nước tại vùng khô hạn" in due and "Không thấy" not in due
    open_ = ask(user, "Bộ Nông nghiệp và Môi trường có những nhiệm vụ gì chưa hoàn thành?")
    assert "Lập bản đồ nguy cơ hạn hán" in open_


def test_a_plan_no_loaded_plan_is_is_not_answered_by_one_of_that_year(user: ChatUser) -> None:
    reply = ask(user, "kế hoạch phát triển du lịch biển Nghệ An năm 2026 có bao nhiêu chỉ tiêu?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []


def test_a_plan_number_seen_only_as_a_year_in_a_title_names_no_plan(user: ChatUser) -> None:
    reply = ask(user, "Nghị quyết 2030 có bao nhiêu nhiệm vụ?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []


def test_a_plans_targets_on_a_topic(user: ChatUser) -> None:
    some = ask(user, "Kế hoạch 88/KH-VP có những chỉ tiêu nào về thanh toán trực tuyến?")
    assert "80%" in some and "90%" not in some
    none = ask(user, "Kế hoạch 125/KH-SNV có bao nhiêu chỉ tiêu về y tế?")
    assert none.endswith("không nêu chỉ tiêu nào về “y tế”.") and cited(user) == []


def test_who_is_not_answered_by_a_passage_that_gives_no_one_the_work(user: ChatUser) -> None:
    reply = ask(user, "đơn vị nào chủ trì hội nghị sơ kết chuyển đổi số tại Cửa Lò?")
    assert reply.startswith("Không tìm thấy") and cited(user) == []
