"""A quarter asked must be real for the answer (issue 8), through the dispatcher, over a
sample plan written here in our own words.

Kế hoạch 12/KH-SNN (Sở Nông nghiệp tỉnh Hà Tĩnh, thủy lợi số năm 2026) has a task due
15/05/2026 (quý II), one due "Quý II, Quý IV/2026" (an occurrence in each), one due in
quý III and one that is ongoing ("Thường xuyên"); a passage states a figure for quý II.
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
PLAN = "kh_12_thuy_loi_so_2026.docx"

TASKS = [
    ("1", "Xây dựng cổng dữ liệu công trình thủy lợi", "15/05/2026", [date(2026, 5, 15)]),
    (
        "2",
        "Tập huấn vận hành hồ chứa cho cán bộ cấp xã",
        "Quý II, Quý IV/2026",
        [date(2026, 6, 30), date(2026, 12, 31)],
    ),
    ("3", "Lắp đặt trạm đo mưa tự động", "Quý III/2026", [date(2026, 9, 30)]),
    ("4", "Cập nhật bản đồ ngập lụt", "Thường xuyên", []),
]


def _plan(db: Database) -> None:
    with db.session() as s:
        doc = Document(
            source_name=PLAN,
            sha256="q" * 64,
            format="docx",
            title="Kế hoạch chuyển đổi số ngành thủy lợi tỉnh Hà Tĩnh năm 2026",
            number="12/KH-SNN",
            doc_type="Kế hoạch",
            issuer="Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh",
            issued_date=date(2026, 1, 20),
            plan_year=2026,
            province="ha tinh",
        )
        s.add(doc)
        s.flush()
        lead = repo.upsert_unit(s, "Chi cục Thủy lợi", province="ha tinh")
        for n, (number, title, deadline, dues) in enumerate(TASKS, start=1):
            row = TaskRow(
                document_id=doc.id,
                identity=f"q-{number}",
                content_hash="h",
                ordinal=n,
                number=number,
                section="II. NHIỆM VỤ",
                title=title,
                deadline_text=deadline,
                deadline_kind="date" if dues else "ongoing",
                due_date=max(dues) if dues else None,
            )
            s.add(row)
            s.flush()
            s.add(TaskUnit(task_id=row.id, unit_id=lead.id, role="lead"))
            for due in dues:
                s.add(TaskDeadline(task_id=row.id, due_date=due))
        s.add(
            Passage(
                document_id=doc.id,
                ordinal=0,
                section="I. MỤC TIÊU",
                text="Trong quý II/2026, số hóa 2.000 hồ sơ công trình thủy lợi.",
            )
        )


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    db, settings = populated_store(tmp_path / "data", (_plan,), retrieval_mode="keyword")
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_tasks_due_in_the_quarter_asked(user: ChatUser) -> None:
    for question in (
        "Nhiệm vụ nào đến hạn trong quý II/2026?",
        "nhiem vu nao den han trong quy 2 nam 2026",
        "Q2/2026 có nhiệm vụ gì?",
    ):
        reply = ask(user, question)
        assert "cổng dữ liệu" in reply and "Tập huấn" in reply, question
        assert "trạm đo mưa" not in reply and "bản đồ ngập lụt" not in reply, question


def test_a_task_with_an_occurrence_in_each_quarter_is_in_both(user: ChatUser) -> None:
    reply = ask(user, "q4 có nhiệm vụ gì")
    assert "Tập huấn" in reply and "31/12/2026" in reply
    assert "cổng dữ liệu" not in reply and "trạm đo mưa" not in reply


def test_a_quarter_nothing_falls_in_is_said_plainly(user: ChatUser) -> None:
    for question in ("quy 1 nam 2026 co nhiem vu nao den han", "Q1/2026 có nhiệm vụ gì?"):
        reply = ask(user, question)
        assert reply.startswith("Không có nhiệm vụ nào") and "quý I/2026" in reply, question
        assert cited(user) == []


def test_a_figure_for_a_quarter_the_passage_does_not_state(user: ChatUser) -> None:
    right = ask(user, "Quý II/2026 số hóa bao nhiêu hồ sơ công trình thủy lợi?")
    assert "2.000 hồ sơ" in right and cited(user) == [PLAN]
    wrong = ask(user, "quy III/2026 so hoa bao nhieu ho so cong trinh thuy loi")
    assert wrong.startswith("Không tìm thấy thông tin nào thuộc quý III/2026")
    assert "2.000" not in wrong and cited(user) == []


def test_a_single_task_answers_a_quarter_only_when_due_in_it(user: ChatUser) -> None:
    right = ask(user, "Trạm đo mưa tự động lắp đặt trong quý III/2026 do ai chủ trì?")
    assert "Chi cục Thủy lợi" in right and cited(user) == [PLAN]
    wrong = ask(user, "Trạm đo mưa tự động lắp đặt trong quý II/2026 do ai chủ trì?")
    assert "Chi cục Thủy lợi" not in wrong and cited(user) == []
    assert wrong.startswith("Không tìm thấy thông tin nào thuộc quý II/2026")


def test_an_ongoing_task_is_due_in_no_quarter(user: ChatUser) -> None:
    right = ask(user, "Ai chủ trì cập nhật bản đồ ngập lụt?")
    assert "Chi cục Thủy lợi" in right and cited(user) == [PLAN]
    wrong = ask(user, "Cập nhật bản đồ ngập lụt trong quý II/2026 do ai chủ trì?")
    assert "Chi cục Thủy lợi" not in wrong and cited(user) == []
