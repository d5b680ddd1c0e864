"""Figures asked of a plan named by kind and number, through the dispatcher, over sample
plans written here in our own words.

Lào Cai's Kế hoạch 31/KH-UBND (rural clean water) and a Thông báo 31/TB-VPCP on the same
topic (a Deputy Prime Minister's conclusion) share the number 31; the plan states two
figures for one aim, one of them "ít nhất", and tells how many pumps there are now.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from answer_fixtures import ask, cited, populated_store
from fakes.chat import ChatUser, linked

from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage.db import Database
from storage.models import Document, Passage, TargetRow

NOW = datetime(2026, 4, 10, 9, 0)
PLAN_KH = "kh_31_nuoc_sach_lao_cai.docx"
PLAN_TB = "tb_31_ket_luan_nuoc_sach.docx"


def _plans(db: Database) -> None:
    with db.session() as s:
        kh = Document(
            source_name=PLAN_KH,
            sha256="k" * 64,
            format="docx",
            title="Kế hoạch cấp nước sạch nông thôn tỉnh Lào Cai đến năm 2030",
            number="31/KH-UBND",
            doc_type="Kế hoạch",
            issuer="Ủy ban nhân dân tỉnh Lào Cai",
            issued_date=date(2025, 6, 2),
            plan_year=2025,
            period_end_year=2030,
            province="lao cai",
        )
        tb = Document(
            source_name=PLAN_TB,
            sha256="t" * 64,
            format="docx",
            title="Kết luận của Phó Thủ tướng Hoàng Văn Minh tại buổi làm việc về cấp nước vùng núi",
            number="31/TB-VPCP",
            doc_type="Thông báo",
            issuer="Văn phòng Chính phủ",
            issued_date=date(2025, 7, 1),
            plan_year=2025,
        )
        s.add_all([kh, tb])
        s.flush()
        aims = [
            (
                kh,
                "Phấn đấu mỗi xã có ít nhất một công trình cấp nước, đạt 30% hộ dân nông thôn "
                "dùng nước sạch ngay trong năm 2025; đến năm 2030 đạt 100% hộ dân nông thôn "
                "dùng nước sạch theo lộ trình.",
            ),
            (kh, "Bảo đảm ít nhất 85% hộ dân nông thôn dùng nước sạch đạt quy chuẩn."),
            (tb, "Đến năm 2030 đạt ít nhất 90% hộ dân nông thôn dùng nước sạch đạt quy chuẩn."),
            (kh, "Các xã nông thôn có tối thiểu 1 trạm bơm nước sạch."),
            (
                kh,
                "Hiện nay, toàn tỉnh có khoảng 40 trạm bơm nước sạch đang vận hành tại các xã "
                "nông thôn, phần lớn đã xuống cấp, cần được cải tạo, nâng cấp trong giai đoạn tới.",
            ),
        ]
        for n, (doc, text) in enumerate(aims):
            s.add(Passage(document_id=doc.id, ordinal=n, section="I. MỤC TIÊU", text=text))
            s.add(TargetRow(document_id=doc.id, ordinal=n, text=text, values=[], year=2030))


@pytest.fixture
def user(tmp_path: Path) -> ChatUser:
    db, settings = populated_store(tmp_path / "data", (_plans,), retrieval_mode="keyword")
    services = Services(db, settings, clock=lambda: NOW)
    return linked(services, Dispatcher(services), "an", "leader")


def test_the_bound_asked_picks_the_figure_that_has_it(user: ChatUser) -> None:
    reply = ask(
        user,
        "Lào Cai: đến năm 2030 phấn đấu ít nhất bao nhiêu % hộ dân nông thôn dùng nước sạch?",
    )
    assert "85%" in reply and cited(user) == [PLAN_KH]


def test_the_kind_said_with_a_shared_number_names_the_plan(user: ChatUser) -> None:
    question = "{} 31: đạt ít nhất bao nhiêu % hộ dân nông thôn dùng nước sạch đạt quy chuẩn?"
    reply = ask(user, question.format("KH"))
    assert "85%" in reply and "90%" not in reply and cited(user) == [PLAN_KH]
    other = ask(user, question.format("TB"))
    assert "90%" in other and "85%" not in other and cited(user) == [PLAN_TB]


def test_the_present_state_asked_is_told_before_a_target(user: ChatUser) -> None:
    reply = ask(user, "lao cai hien co bao nhieu tram bom nuoc sach o cac xa nong thon")
    assert "40 trạm" in reply and cited(user) == [PLAN_KH]


def test_a_thong_bao_named_by_its_short_form_scopes_the_question(user: ChatUser) -> None:
    reply = ask(
        user,
        "Đạt ít nhất bao nhiêu % hộ dân nông thôn dùng nước sạch đạt quy chuẩn (TB kết luận "
        "của PTTg Hoàng Văn Minh)?",
    )
    assert "90%" in reply and "85%" not in reply and cited(user) == [PLAN_TB]
