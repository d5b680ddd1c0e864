"""Conversations through the channel-neutral dispatcher, for every command and role."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes.chat import (
    ChatUser,
    StubEngine,
    add_task,
    invite,
    linked,
    stubbed_services,
)

from bot import texts
from handlers.access import role_name
from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment
from handlers.services import Services
from knowledge.answer.api import Answer
from storage import chat
from storage.models import Identity, Unit, UnitAlias, User


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return stubbed_services(tmp_path)


@pytest.fixture
def dispatcher(services: Services) -> Dispatcher:
    return Dispatcher(services)


def audit_actions(services: Services) -> list[str]:
    with services.db.session() as session:
        return [row.action for row in chat.audit_entries(session)]


# --- access -------------------------------------------------------------------------


def test_unlinked_user_gets_one_explanation_then_silence(dispatcher: Dispatcher) -> None:
    stranger = ChatUser(dispatcher, "999")
    assert stranger.say("xin chào") == [texts.CHAT_NOT_LINKED]
    assert stranger.say("/nhiemvu") == []
    assert stranger.say("/admin") == []
    assert stranger.say("ai chủ trì nhiệm vụ?") == []


def test_invite_links_user_with_role_and_unit_and_is_audited(
    services: Services, dispatcher: Dispatcher
) -> None:
    code = invite(services, "head", "Sở Tư pháp")
    user = ChatUser(dispatcher, "100", name="Nguyễn Văn An")
    [reply] = user.say(f"/start {code}")
    assert "Nguyễn Văn An" in reply and "trưởng đơn vị" in reply and "Sở Tư pháp" in reply
    with services.db.session() as session:
        identity = chat.find_identity(session, "telegram", "100")
        assert identity is not None
        assert identity.user.role == "head" and identity.user.unit.name == "Sở Tư pháp"
    assert "link" in audit_actions(services)
    # one-time: a second person cannot reuse the code
    other = ChatUser(dispatcher, "101")
    assert other.say(f"/start {code}") == [texts.CHAT_INVITE_INVALID.format(code=code)]


def test_wrong_code_is_explained(dispatcher: Dispatcher) -> None:
    user = ChatUser(dispatcher, "5")
    [reply] = user.say("/start SAIMA123")
    assert "SAIMA123" in reply and "không hợp lệ" in reply


def test_one_person_links_telegram_and_zalo(services: Services, dispatcher: Dispatcher) -> None:
    tg = linked(services, dispatcher, "200", "member", "Sở Nội vụ")
    with services.db.session() as session:
        user_id = chat.find_identity(session, "telegram", "200").user_id  # type: ignore[union-attr]
    code = invite(services, "member", user_id=user_id)
    zalo = ChatUser(dispatcher, "zl-200", channel="zalo_bot")
    [reply] = zalo.say(f"/start {code}")
    assert "Zalo" in reply
    with services.db.session() as session:
        ids = session.query(Identity).filter_by(user_id=user_id).all()
        assert {i.channel for i in ids} == {"telegram", "zalo_bot"}
        assert session.query(User).count() == 1
    assert tg.say("/nhiemvu") and zalo.say("/nhiemvu")


def test_member_cannot_use_admin(services: Services, dispatcher: Dispatcher) -> None:
    for role in ("leader", "head", "member", "viewer"):
        user = linked(services, dispatcher, f"u-{role}", role, "Sở Y tế")
        assert user.say("/admin") == [texts.CHAT_NOT_ALLOWED]
        assert user.say("/admin users") == [texts.CHAT_NOT_ALLOWED]


def test_member_cannot_upload(services: Services, dispatcher: Dispatcher, tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text("KẾ HOẠCH", encoding="utf-8")
    user = linked(services, dispatcher, "m1", "member", "Sở Y tế")
    [reply] = user.say(attachment=Attachment(file_name="kh.txt", path=path))
    assert reply == texts.CHAT_NOT_ALLOWED


# --- everyday commands ------------------------------------------------------------------


def test_help_lists_commands_and_admin_only_for_admin(
    services: Services, dispatcher: Dispatcher
) -> None:
    member = linked(services, dispatcher, "m", "member", "Sở Y tế")
    admin = linked(services, dispatcher, "a", "admin")
    [member_help] = member.say("/trogiup")
    [admin_help] = admin.say("/trogiup")
    for command in ("/hoi", "/nhiemvu", "/hanchot", "/tiendo", "/baocao", "/caidat"):
        assert command in member_help
    assert "/admin" not in member_help and "/admin" in admin_help
    assert member.replies[0].buttons  # Telegram gets buttons


def test_plain_text_and_hoi_ask_the_engine_with_scope_and_memory(
    services: Services, dispatcher: Dispatcher
) -> None:
    engine = StubEngine(Answer(text="Trả lời.", context={"unit": "Sở Tư pháp"}))
    services._engine = engine  # type: ignore[assignment]
    head = linked(services, dispatcher, "h", "head", "Sở Tư pháp")
    assert head.say("ai chủ trì trợ lý ảo?") == ["Trả lời."]
    assert head.say("/hoi còn Sở Tài chính thì sao?") == ["Trả lời."]
    first, second = engine.calls
    assert first["question"] == "ai chủ trì trợ lý ảo?"
    assert first["unit_hint"] == "Sở Tư pháp"
    assert first["context"] is None
    assert second["question"] == "còn Sở Tài chính thì sao?"
    assert second["context"] == {"unit": "Sở Tư pháp"}  # follow-up memory per chat


class _WritesBeside(StubEngine):
    """An engine that, mid-answer, tries a write from another connection (another
    chat's turn, on SQLite's single write lock) with a short timeout."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.locked: list[bool] = []

    def ask(self, question: str, **kwargs: Any) -> Answer:
        other = sqlite3.connect(self.path, timeout=0.2)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.rollback()
            self.locked.append(False)
        except sqlite3.OperationalError:
            self.locked.append(True)
        finally:
            other.close()
        return super().ask(question, **kwargs)


def test_a_question_holds_no_write_lock_while_it_is_answered(
    services: Services, dispatcher: Dispatcher
) -> None:
    """Another chat can write while this one's answer is searched; the turn's own
    writes (last seen, chat context) still land at its end."""
    path = services.db.engine.url.database
    assert path
    engine = _WritesBeside(path)
    services._engine = engine  # type: ignore[assignment]
    user = linked(services, dispatcher, "w", "viewer")
    before = chat.utcnow() - timedelta(days=3)
    with services.db.session() as session:
        chat.find_identity(session, "telegram", "w").last_seen_at = before  # type: ignore[union-attr]
    assert user.say("ai chủ trì trợ lý ảo?") == ["Sở Tư pháp chủ trì nhiệm vụ 3.18."]
    assert engine.locked == [False]
    with services.db.session() as session:
        identity = chat.find_identity(session, "telegram", "w")
        assert identity is not None and identity.last_seen_at > before


def test_hoi_without_question_prompts_then_next_text_is_the_question(
    services: Services, dispatcher: Dispatcher
) -> None:
    engine = StubEngine()
    services._engine = engine  # type: ignore[assignment]
    user = linked(services, dispatcher, "v", "viewer")
    assert user.say("/hoi") == [texts.CHAT_ASK_PROMPT]
    user.say("tỷ lệ hồ sơ trực tuyến")
    assert engine.calls[-1]["question"] == "tỷ lệ hồ sơ trực tuyến"


def test_empty_answer_says_nothing_found(services: Services, dispatcher: Dispatcher) -> None:
    services._engine = StubEngine(Answer(text=""))  # type: ignore[assignment]
    user = linked(services, dispatcher, "v", "viewer")
    assert user.say("thời tiết hôm nay") == [texts.CHAT_NO_ANSWER]


def test_ambiguous_answer_offers_options_as_numbers_on_zalo(
    services: Services, dispatcher: Dispatcher
) -> None:
    engine = StubEngine(
        Answer(text="Bạn hỏi về kế hoạch nào?", options=["KH 12/2026", "KH 20/2025"])
    )
    services._engine = engine  # type: ignore[assignment]
    user = linked(services, dispatcher, "z1", "member", "Sở Y tế", channel="zalo_bot")
    [reply] = user.say("mức độ hài lòng")
    assert "1. KH 12/2026" in reply and "2. KH 20/2025" in reply
    user.say("2")
    assert engine.calls[-1]["question"] == "KH 20/2025"


def test_nhiemvu_shows_my_units_tasks_only(services: Services, dispatcher: Dispatcher) -> None:
    add_task(services, "Triển khai trợ lý ảo", "Sở Tư pháp", date(2026, 3, 30), number="3.18")
    add_task(services, "Số hóa hồ sơ", "Sở Nội vụ", date(2026, 6, 30), number="2")
    head = linked(services, dispatcher, "h", "head", "Sở Tư pháp")
    [reply] = head.say("/nhiemvu")
    assert "Triển khai trợ lý ảo" in reply and "30/03/2026" in reply and "STT 3.18" in reply
    assert "Số hóa hồ sơ" not in reply
    leader = linked(services, dispatcher, "l", "leader")
    [all_tasks] = leader.say("/nhiemvu")
    assert "Triển khai trợ lý ảo" in all_tasks and "Số hóa hồ sơ" in all_tasks
    viewer = linked(services, dispatcher, "v", "viewer")
    assert viewer.say("/nhiemvu") == [texts.CHAT_TASKS_NO_UNIT]


def test_hanchot_lists_next_30_days_in_date_order(
    services: Services, dispatcher: Dispatcher
) -> None:
    add_task(services, "Báo cáo quý I", "Sở Tư pháp", date(2026, 3, 31))
    add_task(services, "Rà soát TTHC", "Sở Tư pháp", date(2026, 3, 20))
    add_task(services, "Tổng kết năm", "Sở Tư pháp", date(2026, 12, 31))
    add_task(services, "Việc đã quá hạn", "Sở Tư pháp", date(2026, 1, 15))
    head = linked(services, dispatcher, "h", "head", "Sở Tư pháp")
    [reply, coming] = head.say("/hanchot")  # then the reminders to come (alerts)
    assert "nhắc hạn" in coming.lower()
    assert "10/03/2026" in reply and "09/04/2026" in reply  # now = 10/03/2026
    assert reply.index("Rà soát TTHC") < reply.index("Báo cáo quý I")
    assert "Tổng kết năm" not in reply and "Việc đã quá hạn" not in reply
    [longer, _] = head.say("/hanchot 400")
    assert "Tổng kết năm" in longer


def test_unknown_command(services: Services, dispatcher: Dispatcher) -> None:
    user = linked(services, dispatcher, "m", "member")
    assert user.say("/abc") == [texts.CHAT_UNKNOWN_COMMAND.format(command="/abc")]


def test_unexpected_error_gives_apology_not_trace(
    services: Services, dispatcher: Dispatcher, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def ask(self, question: str, **kwargs: object) -> Answer:
            raise RuntimeError("index exploded")

    services._engine = Broken()  # type: ignore[assignment]
    user = linked(services, dispatcher, "m", "member")
    [reply] = user.say("câu hỏi")
    assert reply == texts.CHAT_INTERNAL_ERROR
    assert "index exploded" not in reply and "Traceback" not in reply
    assert "index exploded" in caplog.text


# --- admin ----------------------------------------------------------------------------------


def test_admin_menu_numbered_on_terminal_and_number_picks(
    services: Services, dispatcher: Dispatcher
) -> None:
    admin = linked(services, dispatcher, "root", "admin", channel="terminal")
    [menu] = admin.say("/admin")
    assert "1. Tạo mã mời" in menu and "5. Danh sách người dùng" in menu
    [users] = admin.say("5")
    assert users.startswith("Người dùng (1)") and "root" in users
    admin.say("/admin")
    assert "không có trong danh sách" in admin.say("42")[0]


def test_admin_creates_invite_through_buttons(services: Services, dispatcher: Dispatcher) -> None:
    add_task(services, "Nhiệm vụ A", "Sở Tư pháp")
    admin = linked(services, dispatcher, "root", "admin")
    admin.press("/admin invite")
    roles = {b.label: b.data for row in admin.replies[0].buttons for b in row}
    assert len(roles) == 5 and all(len(d.encode()) <= 64 for d in roles.values())
    admin.press(roles[role_name("head")])
    [created] = admin.say("so tu phap")  # resolved through the alias table
    code = created.split("mã mời ")[1].split()[0]
    newcomer = ChatUser(dispatcher, "n1", name="Bình")
    assert "trưởng đơn vị — Sở Tư pháp" in newcomer.say(f"/start {code}")[0]
    assert audit_actions(services).count("invite.create") == 1


def test_admin_invite_refuses_an_unknown_unit(services: Services, dispatcher: Dispatcher) -> None:
    add_task(services, "Nhiệm vụ A", "Sở Tư pháp")
    admin = linked(services, dispatcher, "root", "admin")
    admin.press("/admin invite head")
    [refused] = admin.say("Sở Tư phap tỉnh Lâm")
    assert "Có phải" in refused and "Sở Tư pháp" in refused
    assert audit_actions(services).count("invite.create") == 0


def test_admin_units_merge_and_alias(services: Services, dispatcher: Dispatcher) -> None:
    add_task(services, "Nhiệm vụ A", "Sở Thông tin và Truyền thông")
    add_task(services, "Nhiệm vụ B", "Sở TT và TT")
    admin = linked(services, dispatcher, "root", "admin")
    with services.db.session() as session:
        keep = session.query(Unit).filter_by(name="Sở Thông tin và Truyền thông").one().id
        drop = session.query(Unit).filter_by(name="Sở TT và TT").one().id
    [units] = admin.say("/admin units")
    assert f"#{keep} Sở Thông tin và Truyền thông" in units
    admin.say("/admin merge")
    [merged] = admin.say(f"{keep} {drop}")
    assert "Sở TT và TT" in merged and "Sở Thông tin và Truyền thông" in merged
    [aliased] = admin.say(f"/admin alias {keep} = Sở TTTT")
    assert "Sở TTTT" in aliased
    with services.db.session() as session:
        assert session.get(Unit, drop) is None
        aliases = {a.alias for a in session.query(UnitAlias).filter_by(unit_id=keep)}
        assert {"Sở TT và TT", "Sở TTTT"} <= aliases
    assert {"unit.merge", "unit.alias"} <= set(audit_actions(services))
    [bad] = admin.say("/admin merge 1")
    assert bad == texts.CHAT_ADMIN_MERGE_BAD


def test_admin_state_can_be_cancelled(services: Services, dispatcher: Dispatcher) -> None:
    engine = StubEngine()
    services._engine = engine  # type: ignore[assignment]
    admin = linked(services, dispatcher, "root", "admin")
    admin.say("/admin broadcast")
    assert admin.say("/huy") == [texts.CHAT_CANCELLED]
    admin.say("câu hỏi thường")
    assert engine.calls and not admin.last.pushes


def test_admin_broadcast_pushes_to_everyone_else(
    services: Services, dispatcher: Dispatcher
) -> None:
    admin = linked(services, dispatcher, "root", "admin")
    linked(services, dispatcher, "a1", "member", "Sở Y tế")
    linked(services, dispatcher, "z1", "head", "Sở Y tế", channel="zalo_bot")
    admin.press("/admin broadcast")
    [done] = admin.say("Họp giao ban lúc 14h")
    assert done == texts.CHAT_ADMIN_BROADCAST_DONE.format(count=2)
    targets = {(p.channel, p.chat_id) for p in admin.last.pushes}
    assert targets == {("telegram", "a1"), ("zalo_bot", "z1")}
    assert all("Họp giao ban lúc 14h" in p.reply.text for p in admin.last.pushes)
    assert "broadcast" in audit_actions(services)


def test_admin_upload_ingests_with_progress_and_summary(
    services: Services, dispatcher: Dispatcher, tmp_path: Path
) -> None:
    seen: list[tuple[Path, str | None]] = []

    class Summary:
        def render(self) -> str:
            return "42 nhiệm vụ, 3 chỉ tiêu"

    def fake_ingest(db: object, path: Path, name: str | None, progress: object) -> Summary:
        seen.append((path, name))
        return Summary()

    services.ingest = fake_ingest  # type: ignore[assignment]
    path = tmp_path / "up.txt"
    path.write_text("KẾ HOẠCH", encoding="utf-8")
    admin = linked(services, dispatcher, "root", "admin")
    [reply] = admin.say(attachment=Attachment(file_name="KH 12.txt", path=path))
    assert "KH 12.txt" in reply and "42 nhiệm vụ, 3 chỉ tiêu" in reply
    assert seen == [(path, "KH 12.txt")]
    assert admin.io.progress_messages[0] == texts.CHAT_FILE_RECEIVED.format(name="KH 12.txt")
    assert "plan.upload" in audit_actions(services)
    [bad] = admin.say(attachment=Attachment(file_name="anh.jpg", path=path))
    assert bad == texts.CHAT_FILE_BAD_TYPE.format(name="anh.jpg")
