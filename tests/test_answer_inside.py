"""Questions about a part of a named plan (a unit's duty, what a duty is about), through
the dispatcher, over sample directives written here in our own words.

Chỉ thị 15/CT-UBND of Hải Phòng (waste management on the city's territory) gives duties
to "Thanh tra thành phố", "Công an thành phố" and the city's industrial-zone board; Đà
Nẵng has a namesake board in its own plan, so the board's name alone is ambiguous.
Đề án 77/QĐ-TTg (railway workforce) lists its measures in a content section with no lead
or date, and again in an appendix table whose rows come out as one flattened passage
(lead, coordinators, approver, time span). Nghị quyết 45/NQ-CP (a monthly Government
meeting) and Hải Phòng's growth plan both ask for growth figures, by different dates.
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
from storage.models import Document, Passage, TaskDeadline, TaskRow, TaskUnit

NOW = datetime(2026, 4, 10, 9, 0)
PLAN_HP = "ct_15_chat_thai_ran_hai_phong.docx"
PLAN_DN = "kh_40_moi_truong_khu_cong_nghiep_da_nang.docx"
PLAN_RAIL = "qd_77_nhan_luc_duong_sat.docx"
PLAN_NQ = "nq_45_phien_hop_thang_3.docx"
BOARD = "Ban Quản lý các khu kinh tế và công nghiệp"
# An appendix table read as text: rows "3" and "4", each cell one after the other.
APPENDIX = (
    "2 Xây dựng chuẩn đầu ra cho kỹ sư vận hành Bộ Xây dựng Các trường đại học Bộ trưởng Bộ "
    "Xây dựng 2026 - 2027 3 Đào tạo lái tàu cao tốc theo hình thức kèm cặp tại chỗ Bộ Xây "
    "dựng Các cơ quan liên quan Bộ trưởng Bộ Xây dựng 2027 - 2032 4 Kế hoạch thu hút kỹ sư "
    "người Việt Nam ở nước ngoài tham gia lĩnh vực đường sắt tốc độ cao Bộ Ngoại giao Bộ Xây "
    "dựng và các bộ, ngành liên quan Bộ trưởng Bộ Ngoại giao 2026"
)


def _plans(db: Database) -> None:
    with db.session() as s:
        hp = Document(
            source_name=PLAN_HP,
            sha256="h" * 64,
            format="docx",
            title="Về tăng cường công tác quản lý chất thải rắn trên địa bàn thành phố Hải Phòng",
            number="15/CT-UBND",
            doc_type="Chỉ thị",
            issuer="Ủy ban nhân dân thành phố Hải Phòng",
            issued_date=date(2025, 9, 1),
            plan_year=2025,
            province="hai phong",
        )
        dn = Document(
            source_name=PLAN_DN,
            sha256="d" * 64,
            format="docx",
            title="Kế hoạch bảo vệ môi trường các khu công nghiệp thành phố Đà Nẵng năm 2026",
            number="40/KH-UBND",
            doc_type="Kế hoạch",
            issuer="Ủy ban nhân dân thành phố Đà Nẵng",
            issued_date=date(2026, 1, 5),
            plan_year=2026,
            province="da nang",
        )
        rail = Document(
            source_name=PLAN_RAIL,
            sha256="r" * 64,
            format="docx",
            title="Phê duyệt Đề án phát triển nguồn nhân lực đường sắt tốc độ cao",
            number="77/QĐ-TTg",
            doc_type="Quyết định",
            issuer="Thủ tướng Chính phủ",
            issued_date=date(2026, 2, 10),
            plan_year=2026,
            period_end_year=2035,
        )
        nq = Document(
            source_name=PLAN_NQ,
            sha256="q" * 64,
            format="docx",
            title="Phiên họp Chính phủ thường kỳ tháng 3 năm 2026",
            number="45/NQ-CP",
            doc_type="Nghị quyết",
            issuer="Chính phủ",
            issued_date=date(2026, 4, 2),
            plan_year=2026,
        )
        s.add_all([hp, dn, rail, nq])
        s.flush()
        provinces = repo.upsert_unit(s, "Ủy ban nhân dân các tỉnh, thành phố")
        for doc, title, text, due in (
            (
                nq,
                "Rà soát, bổ sung chỉ tiêu tăng trưởng dự kiến của địa phương, gửi Bộ Tài chính",
                "trước ngày 05 tháng 4 năm 2026",
                date(2026, 4, 5),
            ),
            (
                hp,
                "Rà soát chỉ tiêu tăng trưởng dự kiến của các tỉnh gửi Bộ Tài chính tổng hợp",
                "Tháng 6/2026",
                date(2026, 6, 30),
            ),
        ):
            row = TaskRow(
                document_id=doc.id,
                identity=f"{doc.id}-growth",
                content_hash="h",
                ordinal=9,
                number="9",
                section="PHỤ LỤC",
                title=title,
                deadline_text=text,
                due_date=due,
            )
            s.add(row)
            s.flush()
            s.add(TaskUnit(task_id=row.id, unit_id=provinces.id, role="lead"))
            s.add(TaskDeadline(task_id=row.id, due_date=due))
        s.add(Passage(document_id=rail.id, ordinal=0, section="PHỤ LỤC", text=APPENDIX))
        for n, title in enumerate(
            (
                "Tổ chức đào tạo lái tàu theo các hình thức trực tiếp, mô phỏng, kèm cặp tại chỗ",
                "Thu hút kỹ sư nước ngoài, người Việt Nam ở nước ngoài tham gia lĩnh vực đường sắt",
            )
        ):
            s.add(
                TaskRow(
                    document_id=rail.id,
                    identity=f"rail-{n}",
                    content_hash="h",
                    ordinal=n,
                    number=f"IV.{n + 1}",
                    section="IV. NHIỆM VỤ VÀ GIẢI PHÁP",
                    title=title,
                )
            )
        inspect = repo.upsert_unit(s, "Thanh tra thành phố", province="hai phong")
        police = repo.upsert_unit(s, "Công an thành phố", province="hai phong")
        board_hp = repo.upsert_unit(s, f"{BOARD} Thành phố", province="hai phong")
        board_dn = repo.upsert_unit(s, f"{BOARD} Đà Nẵng", province="da nang")
        rows = [
            (
                hp,
                "3.a",
                "Giao Thanh tra thành phố tổ chức thanh tra việc chấp hành quy định về phân "
                "loại chất thải rắn tại nguồn của các cơ sở sản xuất",
                inspect,
            ),
            (
                hp,
                "3.b",
                "Công an thành phố điều tra, xử lý vi phạm về lĩnh vực vận chuyển chất thải "
                "nguy hại trái phép qua địa bàn",
                police,
            ),
            (
                hp,
                "3.c",
                "Hướng dẫn doanh nghiệp trong khu công nghiệp ký hợp đồng thu gom chất thải "
                "rắn công nghiệp với đơn vị có đủ năng lực",
                board_hp,
            ),
            (
                dn,
                "2.1",
                "Quan trắc nước thải tại các khu công nghiệp hằng quý",
                board_dn,
            ),
        ]
        for n, (doc, number, title, unit) in enumerate(rows):
            row = TaskRow(
                document_id=doc.id,
                identity=f"{doc.id}-{number}",
                content_hash="h",
                ordinal=n,
                number=number,
                section="3. Tổ chức thực hiện",
                title=title,
            )
            s.add(row)
            s.flush()
            s.add(TaskUnit(task_id=row.id, unit_id=unit.id, role="lead"))


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    db, settings = populated_store(tmp_path / "data", (_plans,), retrieval_mode="keyword")
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_a_plans_name_stops_where_a_units_name_runs_past_it(user: ChatUser) -> None:
    # "thành phố" is in the directive's title; "Thanh tra thành phố" is a unit, not more of it.
    reply = ask(
        user,
        "Theo Chỉ thị tăng cường quản lý chất thải rắn của Hải Phòng, Thanh tra thành phố "
        "được giao nhiệm vụ gì?",
    )
    assert "thanh tra việc chấp hành" in reply and cited(user) == [PLAN_HP]


def test_what_a_units_duty_is_about_is_not_what_the_plan_is_about(user: ChatUser) -> None:
    reply = ask(
        user,
        "Theo chỉ thị quản lý chất thải rắn Hải Phòng, Công an thành phố xử lý vi phạm về "
        "lĩnh vực gì?",
    )
    assert "chất thải nguy hại" in reply and cited(user) == [PLAN_HP]
    # With no unit, a duty's own words around the phrase still say it asks inside the plan.
    duty = ask(
        user,
        "theo chi thi chat thai ran hai phong, doanh nghiep trong khu cong nghiep ky hop dong "
        "thu gom ve noi dung gi",
    )
    assert "chất thải rắn công nghiệp" in duty and cited(user) == [PLAN_HP]
    # The plan's own subject is still its title.
    subject = ask(user, "Chỉ thị 15/CT-UBND của Hải Phòng nói về nội dung gì?")
    assert "quản lý chất thải rắn" in subject and cited(user) == [PLAN_HP]


def test_a_units_name_begun_means_the_namesake_of_the_plans_province(user: ChatUser) -> None:
    reply = ask(
        user,
        "ban quan ly cac khu kinh te va cong nghiep Hai Phong duoc giao viec gi trong chi thi "
        "quan ly chat thai ran",
    )
    assert "hợp đồng thu gom" in reply and cited(user) == [PLAN_HP]
    assert "Đà Nẵng" not in reply


def test_a_task_with_no_lead_yields_to_the_table_row_that_names_it(user: ChatUser) -> None:
    reply = ask(
        user,
        "Kế hoạch thu hút kỹ sư người Việt Nam ở nước ngoài tham gia lĩnh vực đường sắt tốc "
        "độ cao do bộ nào chủ trì?",
    )
    assert "Bộ Ngoại giao" in reply and cited(user) == [PLAN_RAIL]
    assert not reply.startswith("Kế hoạch không ghi rõ")


def test_a_table_rows_span_of_years_is_its_progress(user: ChatUser) -> None:
    reply = ask(
        user,
        "Theo QĐ 77, nhiệm vụ đào tạo lái tàu cao tốc theo hình thức kèm cặp tại chỗ có tiến "
        "độ thực hiện thế nào?",
    )
    assert "2027 - 2032" in reply and cited(user) == [PLAN_RAIL]


def test_a_government_resolution_is_named_by_its_title(user: ChatUser) -> None:
    reply = ask(
        user,
        "theo Nghi quyet phien hop Chinh phu thuong ky thang 3 nam 2026, UBND cac tinh gui Bo "
        "Tai chinh chi tieu tang truong du kien truoc ngay nao",
    )
    assert "05/04/2026" in reply and cited(user) == [PLAN_NQ]
