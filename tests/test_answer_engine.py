"""The answer engine on a small stored plan set: what an official would see."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, PLAN_B, populated_store

from knowledge.answer.api import Answer, AnswerEngine

NOW = datetime(2026, 4, 10)


@pytest.fixture(params=["keyword", "hybrid"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AnswerEngine:
    db, settings = populated_store(
        tmp_path / f"data_{request.param}", retrieval_mode=request.param, embedding_backend="hash"
    )
    return AnswerEngine(db, settings)


def ask(engine: AnswerEngine, q: str, **kw: object) -> Answer:
    return engine.ask(q, now=NOW, **kw)  # type: ignore[arg-type]


def test_who_leads_a_task_without_diacritics(engine: AnswerEngine) -> None:
    a = ask(engine, "ai chu tri trien khai tro ly ao")
    assert a.intent == "who"
    assert a.as_text().startswith("Sở Nội vụ chủ trì")  # the asked field first
    assert "Sở Nội vụ chủ trì nhiệm vụ “Triển khai trợ lý ảo" in a.as_text()
    assert "Sở Tài chính" in a.as_text()  # coordinating units among the details
    assert a.citations[0].source == PLAN_A
    assert "STT 1" in a.citations[0].locator
    assert a.as_text().index("Nguồn:") > a.as_text().index("chủ trì")  # sources come last


def test_coordinating_units(engine: AnswerEngine) -> None:
    a = ask(engine, "Đơn vị nào phối hợp triển khai trợ lý ảo?")
    assert a.as_text().startswith("Phối hợp: Sở Tài chính; Sở Thông tin và Truyền thông")


def test_deadline_of_a_task_with_abbreviation(engine: AnswerEngine) -> None:
    a = ask(engine, "rà soát văn bản QPPL về tổ chức bộ máy khi nào xong?")
    assert a.intent == "deadline"
    assert "Tháng 3/2026" in a.as_text() and "31/03/2026" in a.as_text()
    assert a.citations and a.citations[0].source == PLAN_A


def test_unit_tasks_in_a_quarter_then_follow_up(engine: AnswerEngine) -> None:
    a = ask(engine, "Sở Nội vụ có những nhiệm vụ nào đến hạn trong quý II?")
    assert a.intent == "unit_tasks"
    assert "Sở Nội vụ có 2 nhiệm vụ" in a.as_text()
    assert "30/06/2026" in a.as_text() and "31/05/2026" in a.as_text()
    assert "Rà soát văn bản" not in a.as_text()  # led by Sở Tư pháp, not Sở Nội vụ
    follow = ask(engine, "còn Sở Tài chính thì sao?", context=a.context)
    assert follow.intent == "unit_tasks"
    assert follow.as_text().startswith("Sở Tài chính không có nhiệm vụ nào đến hạn")
    assert follow.citations == []
    third = ask(engine, "còn quý IV thì sao?", context=follow.context)
    assert "Sở Tài chính có 1 nhiệm vụ" in third.as_text() and "Xây dựng dự toán" in third.as_text()


def test_unit_alias_and_count(engine: AnswerEngine) -> None:
    a = ask(engine, "SNV co bao nhieu nhiem vu")
    assert a.intent == "count"
    assert a.as_text().startswith("Sở Nội vụ có 2 nhiệm vụ.")
    b = ask(engine, "Sở TT&TT có bao nhiêu nhiệm vụ?")
    assert b.as_text().startswith("Sở Thông tin và Truyền thông có 1 nhiệm vụ.")
    assert b.citations[0].source == PLAN_B


def test_my_unit_from_hint(engine: AnswerEngine) -> None:
    a = ask(engine, "nhiệm vụ của đơn vị tôi", unit_hint="Sở Tư pháp")
    assert "Sở Tư pháp có 1 nhiệm vụ" in a.as_text()


def test_tasks_due_next_30_days_and_overdue(engine: AnswerEngine) -> None:
    a = ask(engine, "nhiem vu nao den han trong 30 ngay toi")
    assert a.intent == "due_window"
    assert "Nâng cấp hệ thống quản lý văn bản" in a.as_text()  # due 30/04/2026
    assert "Kiểm tra công tác" not in a.as_text()  # due 31/05/2026, outside the window
    b = ask(engine, "nhiệm vụ nào đã quá hạn?")
    assert b.intent == "overdue"
    assert "Rà soát văn bản quy phạm pháp luật" in b.as_text()  # due 31/03/2026
    assert "Triển khai trợ lý ảo" not in b.as_text()


def test_target_in_several_plans_gives_each_with_its_source(engine: AnswerEngine) -> None:
    a = ask(engine, "mức độ hài lòng của người dân phải đạt bao nhiêu?")
    assert a.intent == "target"
    assert "95%" in a.as_text() and "90%" in a.as_text()
    assert {c.source for c in a.citations} == {PLAN_A, PLAN_B}


def test_single_target(engine: AnswerEngine) -> None:
    a = ask(engine, "ty le TTHC thanh toan truc tuyen phai dat bao nhieu")
    assert "80%" in a.as_text() and [c.source for c in a.citations] == [PLAN_B]


def test_document_metadata(engine: AnswerEngine) -> None:
    assert (
        "Trần Thị Bình" in ask(engine, "Kế hoạch chuyển đổi số của Văn phòng do ai ký?").as_text()
    )
    a = ask(engine, "số hiệu kế hoạch cải cách hành chính của Sở Nội vụ")
    assert "125/KH-SNV" in a.as_text() and a.citations[0].source == PLAN_A
    assert "02/02/2026" in ask(engine, "Kế hoạch 88/KH-VP ban hành ngày nào?").as_text()
    signed = ask(engine, "ke hoach so 125 do ai ky")  # the number alone, no diacritics
    assert "Nguyễn Văn An" in signed.as_text() and signed.citations[0].source == PLAN_A


def test_ambiguous_unit_lists_options(engine: AnswerEngine) -> None:
    a = ask(engine, "Phòng Kế hoạch có những nhiệm vụ nào?")
    assert a.intent == "clarify"
    assert set(a.options) == {"Phòng Kế hoạch - Tài chính", "Phòng Kế hoạch - Đầu tư"}
    assert a.citations == []
    chosen = ask(engine, "Phòng Kế hoạch - Đầu tư", context=a.context)
    assert chosen.as_text().startswith("Phòng Kế hoạch - Đầu tư có 1 nhiệm vụ")
    assert "Lập danh mục dự án" in chosen.as_text()


def test_unit_with_duties_only(engine: AnswerEngine) -> None:
    a = ask(engine, "Phòng Kế hoạch - Tài chính có nhiệm vụ gì?")
    assert "Tổng hợp nhu cầu kinh phí" in a.as_text()


def test_unanswerable_says_so_and_cites_nothing(engine: AnswerEngine) -> None:
    for q in ("Giá vé máy bay Hà Nội - Đà Nẵng là bao nhiêu?", "cach nau pho bo ngon"):
        a = ask(engine, q)
        assert a.citations == []
        assert a.as_text().startswith("Không tìm thấy thông tin")
        assert "hỏi lại" in a.as_text()  # a rephrasing is suggested


def test_diacritics_prefer_exact_forms(engine: AnswerEngine) -> None:
    a = ask(engine, "hội nghị sơ kết tổ chức ở Cửa Lò")
    assert a.citations and a.citations[0].source == PLAN_B
    assert "Cửa Lò" in a.as_text()


def test_empty_question(engine: AnswerEngine) -> None:
    a = ask(engine, "   ")
    assert a.citations == [] and a.as_text().startswith("Không tìm thấy")


def test_typing_slips_are_tolerated(engine: AnswerEngine) -> None:
    a = ask(engine, "ai chu tri trien khia tro ly aor")  # "khia" and a Telex leftover "aor"
    assert "Sở Nội vụ chủ trì nhiệm vụ “Triển khai trợ lý ảo" in a.as_text()
    b = ask(engine, "mức độ hài lògn của người dân phải đạt bao nhiêu?")
    assert "95%" in b.as_text()


def test_unit_tasks_in_one_document_and_by_status(engine: AnswerEngine) -> None:
    a = ask(engine, "Sở Nội vụ có những nhiệm vụ nào trong kế hoạch 88/KH-VP?")
    # it only coordinates there; the answer names the plan it looked in
    assert a.as_text().startswith("Không tìm thấy nhiệm vụ nào của Sở Nội vụ trong")
    assert "Kế hoạch 88/KH-VP (Chuyển đổi số năm 2026" in a.as_text()
    assert a.citations == []
    b = ask(engine, "Sở Thông tin và Truyền thông có những nhiệm vụ nào trong kế hoạch 88/KH-VP?")
    assert "Nâng cấp hệ thống quản lý văn bản" in b.as_text()
    assert {c.source for c in b.citations} == {PLAN_B}
    c = ask(engine, "Sở Nội vụ có nhiệm vụ nào đã hoàn thành?")
    assert c.as_text().startswith("Sở Nội vụ không có nhiệm vụ nào")  # nothing reported done yet


def test_follow_up_about_the_same_task(engine: AnswerEngine) -> None:
    first = ask(engine, "ai chủ trì triển khai trợ lý ảo?")
    when = ask(engine, "còn thời hạn thì sao?", context=first.context)
    assert when.intent == "deadline"
    assert "Quý II/2026" in when.as_text() and "30/06/2026" in when.as_text()
    assert when.citations[0].source == PLAN_A


@pytest.mark.parametrize(
    "question", ["thời tiết hôm nay thế nào", "giá xăng hôm nay", "ai là chủ tịch nước"]
)
def test_everyday_questions_outside_the_plans_cite_nothing(
    engine: AnswerEngine, question: str
) -> None:
    # Words typed with diacritics are real words ("hôm" is not a slip for "hồ"),
    # so they are not "corrected" into something the plans happen to contain.
    a = ask(engine, question)
    assert a.citations == []
    assert a.as_text().startswith("Không tìm thấy")


def test_plan_named_by_topic_scopes_the_answer(engine: AnswerEngine) -> None:
    a = ask(engine, "Sở TT&TT có nhiệm vụ gì trong kế hoạch chuyển đổi số của Văn phòng?")
    assert "Nâng cấp hệ thống quản lý văn bản" in a.as_text()
    assert {c.source for c in a.citations} == {PLAN_B}
    b = ask(engine, "ke hoach cai cach hanh chinh so noi vu co bao nhieu nhiem vu")
    assert b.intent == "count"
    assert {c.source for c in b.citations} == {PLAN_A}


def test_plan_of_a_province_or_year_not_loaded(engine: AnswerEngine) -> None:
    for q in (
        "kế hoạch CCHC tỉnh Quảng Bình có chỉ tiêu gì?",
        "Ai ký kế hoạch chuyển đổi số của tỉnh Thanh Hóa?",
        "Kế hoạch cải cách hành chính năm 2019 của Sở Nội vụ có bao nhiêu nhiệm vụ?",
    ):
        a = ask(engine, q)
        assert a.citations == [], q
        assert a.as_text().startswith("Không tìm thấy"), q
    c = ask(engine, "Sở Nội vụ Nghệ An có những nhiệm vụ nào?")
    assert c.citations and {x.source for x in c.citations} == {PLAN_A}
