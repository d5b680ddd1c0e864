"""The real python-telegram-bot against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import quality_docs
from fakes.channel import polling, until
from fakes.chat import StubEngine, invite, telegram_services
from fakes.telegram_api import FakeTelegram

from bot import texts
from bot.telegram.adapter import TelegramAdapter
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from knowledge.answer.api import Answer
from storage import chat
from storage.models import ChannelUpdate


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def services(tmp_path: Path, fake: FakeTelegram) -> Services:
    return telegram_services(tmp_path, fake.url)


@pytest.fixture
def adapter(services: Services) -> TelegramAdapter:
    return TelegramAdapter(services.db, Dispatcher(services), services.settings)


async def link(
    fake: FakeTelegram, services: Services, user_id: int, role: str, unit: str | None = None
) -> None:
    code = invite(services, role, unit)
    fake.push_text(user_id, f"/start {code}")
    await until(lambda: fake.texts(user_id))


async def test_polling_links_answers_and_tracks_offset(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    async with polling(adapter):
        await link(fake, services, 7, "head", "Sở Tư pháp")
        assert "Sở Tư pháp" in fake.texts(7)[0]
        last = fake.push_text(7, "ai chủ trì trợ lý ảo?")
        await until(lambda: len(fake.texts(7)) == 2)
        assert fake.texts(7)[1] == "Sở Tư pháp chủ trì nhiệm vụ 3.18."
        await until(lambda: any(p.get("offset") == last + 1 for p in fake.sent("getUpdates")))
    assert fake.sent("getMe")
    polls = fake.sent("getUpdates")
    assert all(p.get("timeout") == 1 for p in polls)  # long polling
    assert fake.sent("sendChatAction", 7)[0]["action"] == "typing"  # a question is slow work
    with services.db.session() as session:
        assert chat.get_state(session, "telegram", "offset") == str(last + 1)
        rows = session.query(ChannelUpdate).filter_by(channel="telegram").all()
        assert len(rows) == 2 and {r.status for r in rows} == {"handled"}


async def test_unlinked_user_gets_one_explanation(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    async with polling(adapter):
        for text in ("xin chào", "/nhiemvu", "alo"):
            fake.push_text(55, text)
        await until(lambda: fake.texts(55))
        await asyncio.sleep(0.5)
    assert fake.texts(55) == [texts.CHAT_NOT_LINKED]


async def test_buttons_and_callback_query(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    async with polling(adapter):
        await link(fake, services, 9, "admin")
        fake.push_text(9, "/admin")
        await until(lambda: len(fake.texts(9)) == 2)
        keyboard = fake.sent("sendMessage", 9)[1]["reply_markup"]["inline_keyboard"]
        labels = [b["text"] for row in keyboard for b in row]
        assert texts.CHAT_ADMIN_BTN_USERS in labels
        fake.push_callback(9, "/admin users")
        await until(lambda: len(fake.texts(9)) == 3)
    assert fake.sent("answerCallbackQuery")  # the spinner stopped
    assert fake.texts(9)[2].startswith("Người dùng (1)")


async def test_admin_upload_downloads_file_with_progress(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    received: list[bytes] = []

    class Summary:
        def render(self) -> str:
            return "Đã lưu 3 nhiệm vụ."

    def ingest(db: object, path: Path, name: str | None, progress: Any) -> Summary:
        received.append(path.read_bytes())
        progress("Đang lưu…")
        return Summary()

    services.ingest = ingest  # type: ignore[assignment]
    content = "KẾ HOẠCH\nSố: 12/KH-UBND\n".encode()
    async with polling(adapter):
        await link(fake, services, 11, "admin")
        fake.push_document(11, "KH 12.txt", content)
        await until(lambda: any("Đã lưu 3 nhiệm vụ." in t for t in fake.texts(11)))
    assert received == [content]  # getFile + download from /file/bot<token>/<path>
    assert fake.sent("getFile")[0]["file_id"] == "file1"
    assert texts.CHAT_FILE_RECEIVED.format(name="KH 12.txt") in fake.texts(11)
    edits = [p["text"] for p in fake.sent("editMessageText", 11)]
    assert "Đang lưu…" in edits  # later progress edits the first progress message


async def test_admin_upload_of_a_plan_read_badly_says_it_needs_a_look(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    """The real ingest: no task found, but the reply says how many passages name a unit
    and a date, so the admin knows the plan needs a look."""
    async with polling(adapter):
        await link(fake, services, 14, "admin")
        fake.push_document(14, "KH đo đạc.txt", quality_docs.UNREAD_PLAN.encode())
        await until(lambda: any("Chất lượng đọc" in t for t in fake.texts(14)), timeout=30)
    reply = next(t for t in fake.texts(14) if "Chất lượng đọc" in t)
    assert quality_docs.CHECK_LINE in reply


async def test_429_retry_after_is_honoured(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    async with polling(adapter):
        await link(fake, services, 12, "member")
        fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        fake.push_text(12, "/trogiup")
        await until(lambda: len(fake.texts(12)) == 3, timeout=15)
    times = fake.call_times("sendMessage")
    assert times[-1] - times[-2] >= 0.9  # waited retry_after before resending
    assert fake.texts(12)[-1] == fake.texts(12)[-2]  # the same message, delivered once more


async def test_403_marks_identity_inactive(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    async with polling(adapter):
        await link(fake, services, 13, "member")
        fake.block(13)
        fake.push_text(13, "/trogiup")

        def inactive() -> bool:
            with services.db.session() as session:
                identity = chat.find_identity(session, "telegram", "13")
                return identity is not None and not identity.active

        await until(inactive)
    with services.db.session() as session:
        assert [a.action for a in chat.audit_entries(session, "identity.inactive")]


async def test_long_answer_is_split_at_4096(
    fake: FakeTelegram, services: Services, adapter: TelegramAdapter
) -> None:
    lines = [f"{i}. Nhiệm vụ số {i} do Sở Tư pháp chủ trì, hạn 30/06/2026." for i in range(200)]
    services._engine = StubEngine(Answer(text="\n".join(lines)))  # type: ignore[assignment]
    async with polling(adapter):
        await link(fake, services, 14, "member")
        fake.push_text(14, "liệt kê nhiệm vụ")
        await until(lambda: "199." in "".join(fake.texts(14)))
    parts = fake.texts(14)[1:]
    assert len(parts) >= 3 and all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts).split("\n") == lines
