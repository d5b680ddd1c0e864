"""Answers as a user meets them in chat: through the dispatcher, over our own sample plans.

Besides the two plans of ``answer_fixtures`` a third one (written here, in our own
words) has a long list for one unit, a quarterly task, appendix activities that share
a title, a general aim and products. Each test is one kind of question of issue 8.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, ask, populate, populated_store
from fakes.chat import ChatUser, linked

from bot import texts
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage import repositories as repo
from storage.db import Database
from storage.feedback import list_feedback
from storage.models import Document, Passage, TargetRow, TaskDeadline, TaskRow, TaskUnit

NOW = datetime(2026, 4, 10, 9, 0)
PLAN_C = "ke_hoach_tu_phap_2026_ban_cuoi.docx"


def _plan_c(db: Database) -> None:
    """Kế hoạch 31/KH-STP: 12 tasks of one phòng, a quarterly report, three activities."""
    with db.session() as s:
        doc = Document(
            source_name=PLAN_C,
            sha256="c" * 64,
            format="docx",
            title="Kế hoạch số hóa hồ sơ lý lịch tư pháp năm 2026",
            number="31/KH-STP",
            doc_type="Kế hoạch",
            issuer="Sở Tư pháp tỉnh Thử Nghiệm",
            issued_date=date(2026, 1, 20),
            signer="Lê Thị Cúc",
            plan_year=2026,
        )
        s.add(doc)
        s.flush()
        htp = repo.upsert_unit(s, "Phòng Hành chính tư pháp")
        vp = repo.upsert_unit(s, "Văn phòng Sở Tư pháp")

        def task(n: int, title: str, unit: object, dues: list[date], **kw: object) -> None:
            row = TaskRow(
                document_id=doc.id,
                identity=f"c-{n}",
                content_hash="h",
                ordinal=n,
                number=str(n),
                section="II. Nhiệm vụ cụ thể",
                title=title,
                due_date=max(dues) if dues else None,
                **kw,
            )
            s.add(row)
            s.flush()
            s.add(TaskUnit(task_id=row.id, unit_id=unit.id, role="lead"))  # type: ignore[attr-defined]
            for d in dues:
                s.add(TaskDeadline(task_id=row.id, due_date=d))

        for n in range(1, 13):
            task(
                n,
                f"Số hóa sổ lý lịch tư pháp lưu trữ đợt {n}",
                htp,
                [date(2026, 6, 30)],
                deadline_text="Quý II/2026",
                product=f"Dữ liệu số đợt {n}",
            )
        task(
            13,
            "Báo cáo tiến độ số hóa hồ sơ lý lịch tư pháp",
            vp,
            [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)],
            deadline_text="Hằng quý",
            recurrence="quarterly",
        )
        for n, parent in ((14, "Chuẩn hóa dữ liệu"), (15, "Tập huấn cán bộ"), (16, "Kiểm tra")):
            task(
                n,
                "Văn bản hướng dẫn, đôn đốc",
                vp,
                [date(2026, 9, 30)],
                parent_task=parent,
                deadline_text="Quý III/2026",
            )
        s.add(
            TargetRow(
                document_id=doc.id,
                ordinal=0,
                text="100% hồ sơ lý lịch tư pháp lưu trữ được số hóa",
                values=["100%"],
                year=2026,
                section="I. Mục tiêu",
            )
        )
        s.add(
            TargetRow(
                document_id=doc.id,
                ordinal=1,
                text="Thời gian cấp phiếu lý lịch tư pháp giảm còn 5 ngày",
                values=["5 ngày"],
                year=2026,
                section="I. Mục tiêu",
            )
        )
        s.add(
            Passage(document_id=doc.id, ordinal=0, section="I. Mục tiêu", text="1. Mục tiêu chung")
        )
        s.add(
            Passage(
                document_id=doc.id,
                ordinal=1,
                section="I. Mục tiêu",
                text="Hình thành kho dữ liệu lý lịch tư pháp điện tử đầy đủ, phục vụ cấp phiếu "
                "trực tuyến cho người dân nhanh chóng, chính xác.",
            )
        )


@pytest.fixture
def services(tmp_path: Path) -> Services:
    db, settings = populated_store(tmp_path / "data", (populate, _plan_c), retrieval_mode="keyword")
    return Services(db, settings, clock=lambda: NOW)


@pytest.fixture
def user(services: Services) -> ChatUser:
    return linked(services, Dispatcher(services), "an", "leader")


def labels(user: ChatUser) -> list[str]:
    return [b.label for row in user.replies[0].buttons for b in row]


# --- whole-plan questions ----------------------------------------------------------


def test_whole_plan_counts_and_the_plan_in_context(user: ChatUser) -> None:
    reply = ask(user, "Kế hoạch 31/KH-STP có bao nhiêu nhiệm vụ?")
    assert reply.startswith("Kế hoạch 31/KH-STP (Số hóa hồ sơ lý lịch tư pháp năm 2026) có 16")
    # the same plan is "this plan" for the next questions
    assert "có 2 chỉ tiêu" in ask(user, "kế hoạch này có bao nhiêu chỉ tiêu?")
    every = ask(user, "các chỉ tiêu của kế hoạch")
    assert "100% hồ sơ lý lịch tư pháp" in every and "giảm còn 5 ngày" in every
    assert "Lê Thị Cúc" in ask(user, "ai ký?")
    assert "20/01/2026" in ask(user, "ban hành ngày nào?")
    aim = ask(user, "mục tiêu chung là gì")
    assert aim.startswith("Mục tiêu chung của Kế hoạch 31/KH-STP") and "kho dữ liệu" in aim


def test_whole_plan_question_without_a_plan_in_context_lists_plans_and_asks(
    user: ChatUser,
) -> None:
    reply = ask(user, "số hiệu kế hoạch là gì?")
    assert reply.startswith("Bạn hỏi về kế hoạch nào?")
    options = labels(user)
    assert any(o.startswith("Kế hoạch 88/KH-VP (Chuyển đổi số năm 2026") for o in options)
    assert not any(o.endswith((".txt", ".docx")) for o in options)  # never a file name
    [chosen] = user.press(f"/chon {next(i for i, o in enumerate(options, 1) if '88/KH-VP' in o)}")
    assert "có số hiệu 88/KH-VP" in chosen


def test_task_by_number_and_by_stt(user: ChatUser) -> None:
    reply = ask(user, "nhiệm vụ số 13 của kế hoạch 31/KH-STP là gì")
    assert "Báo cáo tiến độ số hóa hồ sơ lý lịch tư pháp" in reply
    assert "Chủ trì: Văn phòng Sở Tư pháp" in reply
    assert "Số hóa sổ lý lịch tư pháp lưu trữ đợt 2" in ask(user, "STT 2 là gì?")
    assert "không có nhiệm vụ số 40" in ask(user, "nhiệm vụ số 40 là gì")


def test_signer_and_issue_date_together(user: ChatUser) -> None:
    reply = ask(user, "Kế hoạch 125/KH-SNV ai ký, ban hành ngày nào?")
    assert "Nguyễn Văn An" in reply and "15/01/2026" in reply


# --- honest "not found" ------------------------------------------------------------


def test_unit_with_no_tasks_is_told_so_without_a_citation(user: ChatUser) -> None:
    reply = ask(user, "Sở Y tế có nhiệm vụ gì?")
    assert reply == texts.ANS_UNIT_UNKNOWN.format(unit="Sở Y tế")
    assert user.replies[0].citations == []


def test_out_of_domain_and_absent_facts_cite_nothing(user: ChatUser) -> None:
    for question in ("giá vàng hôm nay bao nhiêu", "đội tuyển bóng đá thắng mấy bàn"):
        assert ask(user, question).startswith("Không tìm thấy")
        assert user.replies[0].citations == [] and "Nguồn:" not in user.replies[0].text
    # the plan holds the task but no product for it: said plainly, nothing cited
    reply = ask(user, "sản phẩm của nhiệm vụ báo cáo tiến độ số hóa hồ sơ lý lịch tư pháp là gì")
    assert reply.startswith("Kế hoạch không ghi sản phẩm") and user.replies[0].citations == []


def test_a_plan_named_by_number_must_be_that_plan(user: ChatUser) -> None:
    assert ask(user, "Kế hoạch 126 có bao nhiêu nhiệm vụ?").startswith("Không tìm thấy")
    assert user.replies[0].citations == []
    assert "có 4" in ask(user, "Kế hoạch 125 có bao nhiêu nhiệm vụ?")


# --- the asked field first -----------------------------------------------------------


def test_who_when_and_product_lead_with_the_asked_field(user: ChatUser) -> None:
    assert ask(user, "đơn vị nào chủ trì triển khai trợ lý ảo?").startswith("Sở Nội vụ chủ trì")
    when = ask(user, "báo cáo tiến độ số hóa hồ sơ lý lịch tư pháp hạn khi nào?")
    assert when.startswith("Thời hạn: Hằng quý")
    assert "Lần đến hạn tiếp theo: 30/06/2026" in when and "Đã qua: 31/03/2026" in when
    product = ask(user, "sản phẩm của nhiệm vụ số hóa sổ lý lịch tư pháp lưu trữ đợt 3 là gì")
    assert product.startswith("Sản phẩm của nhiệm vụ “Số hóa sổ lý lịch tư pháp lưu trữ đợt 3”")
    target = ask(user, "tỷ lệ hồ sơ thanh toán trực tuyến đạt bao nhiêu?")
    assert "80%" in target.splitlines()[0]


def test_wording_variants_give_the_same_answer(user: ChatUser) -> None:
    first = ask(user, "Sở Nội vụ phối hợp gì?")
    second = ask(user, "Sở Nội vụ phối hợp những nhiệm vụ nào?")
    assert first.splitlines()[0] == second.splitlines()[0]
    assert "phối hợp thực hiện" in first
    duties = ask(user, "nhiệm vụ thường xuyên của Phòng Kế hoạch - Tài chính")
    assert "Tổng hợp nhu cầu kinh phí của các phòng" in duties  # shown, not only counted


# --- lists ----------------------------------------------------------------------------


def test_long_list_leads_to_more_with_a_button_or_by_typing(
    services: Services, user: ChatUser
) -> None:
    reply = ask(user, "Phòng Hành chính tư pháp có những nhiệm vụ nào?")
    assert "có 12 nhiệm vụ" in reply and "… và 4 mục khác." in reply
    assert texts.ANS_MORE_BUTTON in labels(user)
    assert "- Kế hoạch 31/KH-STP" in reply and PLAN_C not in reply  # the plan, not its file
    [more] = user.press("/them")
    assert "đợt 9" in more and "đợt 12" in more and "đợt 1 " not in more
    zalo = linked(services, Dispatcher(services), "binh", "leader", channel="zalo_bot")
    [first] = zalo.say("Phòng Hành chính tư pháp có những nhiệm vụ nào?")
    assert texts.ANS_MORE_HINT in first
    [typed] = zalo.say("thêm")
    assert "đợt 12" in typed


def test_appendix_activities_carry_their_task(user: ChatUser) -> None:
    reply = ask(user, "Văn phòng Sở Tư pháp có những nhiệm vụ nào đến hạn trong quý III?")
    for parent in ("Chuẩn hóa dữ liệu", "Tập huấn cán bộ", "Kiểm tra"):
        assert f"Văn bản hướng dẫn, đôn đốc — Thuộc nhiệm vụ: {parent}" in reply


# --- overdue ------------------------------------------------------------------------------


def test_overdue_names_the_missed_occurrence(user: ChatUser) -> None:
    reply = ask(user, "Văn phòng Sở Tư pháp có nhiệm vụ nào quá hạn?")
    assert "Báo cáo tiến độ số hóa hồ sơ lý lịch tư pháp (hạn 31/03/2026)" in reply
    assert "31/12/2026" not in reply  # the missed quarter, not the last one
    one = ask(user, "báo cáo tiến độ số hóa hồ sơ lý lịch tư pháp đã quá hạn chưa?")
    assert one.startswith("Nhiệm vụ “Báo cáo tiến độ") and "31/03/2026" in one


# --- feedback ------------------------------------------------------------------------------


def test_every_answer_has_thumbs_and_a_thumbs_down_is_stored(
    services: Services,
    user: ChatUser,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ask(user, "ai chủ trì triển khai trợ lý ảo?")
    buttons = [b for row in user.replies[0].buttons for b in row]
    assert [b.label for b in buttons][-2:] == [texts.CHAT_FEEDBACK_UP, texts.CHAT_FEEDBACK_DOWN]
    assert user.press(buttons[-1].data) == [texts.CHAT_FEEDBACK_THANKS]
    with services.db.session() as session:
        [fb] = list_feedback(session)
        assert fb.vote == "down" and fb.question == "ai chủ trì triển khai trợ lý ảo?"
        assert "Sở Nội vụ chủ trì" in fb.answer and fb.citations[0]["source"] == PLAN_A
        fb_id = fb.id
    # the CLI lists it and turns it into a regression question
    from bot.cli import main
    from storage.settings import get_settings

    monkeypatch.setenv("PLANBOT_DATA_DIR", str(services.settings.data_dir))
    get_settings.cache_clear()
    try:
        assert main(["feedback", "--json"]) == 0
        [row] = json.loads(capsys.readouterr().out)
        assert row["vote"] == "down" and row["citations"][0]["source"] == PLAN_A
        out = services.settings.data_dir / "feedback.jsonl"
        args = ["feedback", "--to-question", str(fb_id), "--expect", "Sở Nội vụ"]
        assert main([*args, "--source", "kh_cchc", "--out", str(out)]) == 0
        item = json.loads(out.read_text(encoding="utf-8"))
        assert item["question"] == "ai chủ trì triển khai trợ lý ảo?"
        assert item["expect"] == ["Sở Nội vụ"] and item["sources"] == ["kh_cchc"]
    finally:
        get_settings.cache_clear()


def test_numbered_thumbs_on_a_channel_without_buttons(services: Services) -> None:
    zalo = linked(services, Dispatcher(services), "cuc", "member", channel="zalo_bot")
    [reply] = zalo.say("ai chủ trì triển khai trợ lý ảo?")
    assert reply.endswith(f"1. {texts.CHAT_FEEDBACK_UP}\n2. {texts.CHAT_FEEDBACK_DOWN}")
    assert zalo.say("1") == [texts.CHAT_FEEDBACK_THANKS]
