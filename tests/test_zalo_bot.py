"""The Zalo Bot adapter (our httpx client) against a fake Zalo Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.channel import polling, until
from fakes.chat import StubEngine, invite, stubbed_services
from fakes.zalo_bot_api import TOKEN, FakeZaloBot

from bot.zalo_bot.adapter import ZaloBotAdapter
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from knowledge import texts
from knowledge.answer.api import Answer
from storage.models import ChannelUpdate


@pytest.fixture
def fake() -> Iterator[FakeZaloBot]:
    with FakeZaloBot() as server:
        yield server


@pytest.fixture
def services(tmp_path: Path, fake: FakeZaloBot) -> Services:
    return stubbed_services(
        tmp_path, zalo_bot_token=TOKEN, zalo_bot_api_base_url=fake.url, zalo_bot_poll_timeout=1
    )


@pytest.fixture
def adapter(services: Services) -> ZaloBotAdapter:
    return ZaloBotAdapter(services.db, Dispatcher(services), services.settings)


async def test_polling_links_numbered_menu_and_typed_choice(
    fake: FakeZaloBot, services: Services, adapter: ZaloBotAdapter
) -> None:
    async with polling(adapter):
        fake.push_text("u1", f"/start {invite(services, 'admin')}")
        await until(lambda: fake.texts("u1"))
        fake.push_text("u1", "/admin")
        await until(lambda: len(fake.texts("u1")) == 2)
        assert "5. Danh sách người dùng" in fake.texts("u1")[1]  # no buttons on Zalo
        fake.push_text("u1", "5")
        await until(lambda: len(fake.texts("u1")) == 3)
    assert fake.texts("u1")[2].startswith("Người dùng (1)")
    assert fake.sent("getMe") and fake.sent("deleteWebhook")


async def test_duplicate_message_id_is_handled_once(
    fake: FakeZaloBot, services: Services, adapter: ZaloBotAdapter
) -> None:
    async with polling(adapter):
        fake.push_text("u2", f"/start {invite(services, 'member', 'Sở Y tế')}")
        await until(lambda: fake.texts("u2"))
        update = fake.update("u2", "/trogiup")
        fake.push(update)
        fake.push(update)  # delivered twice
        await until(lambda: len(fake.texts("u2")) >= 2)
        await asyncio.sleep(1.2)
    assert len(fake.texts("u2")) == 2
    with services.db.session() as session:
        assert session.query(ChannelUpdate).filter_by(channel="zalo_bot").count() == 2


async def test_long_answer_split_at_2000_and_typing_shown(
    fake: FakeZaloBot, services: Services, adapter: ZaloBotAdapter
) -> None:
    lines = [f"{i}. Nhiệm vụ {i}: Sở Y tế chủ trì, hạn 31/12/2026." for i in range(150)]
    services._engine = StubEngine(Answer(text="\n".join(lines)))  # type: ignore[assignment]
    async with polling(adapter):
        fake.push_text("u3", f"/start {invite(services, 'member')}")
        await until(lambda: fake.texts("u3"))
        fake.push_text("u3", "liệt kê")
        await until(lambda: "149." in "".join(fake.texts("u3")))
    parts = fake.texts("u3")[1:]
    assert len(parts) >= 3 and all(len(p) <= 2000 for p in parts)
    # the answer, then the numbered 👍/👎 choices
    assert "\n".join(parts).split("\n")[: len(lines)] == lines
    assert fake.sent("sendChatAction", "u3")[0]["action"] == "typing"


async def test_unlinked_gets_one_message_and_429_is_retried(
    fake: FakeZaloBot, services: Services, adapter: ZaloBotAdapter
) -> None:
    fake.fail_next("sendMessage", 429, 429, "Too many requests")
    async with polling(adapter):
        fake.push_text("x", "xin chào")
        fake.push_text("x", "alo")
        await until(lambda: fake.texts("x"))
        await asyncio.sleep(1.5)
    # one explanation only; its first attempt got a 429 and was sent again
    assert fake.texts("x") == [texts.CHAT_NOT_LINKED] * 2
    with services.db.session() as session:
        assert session.query(ChannelUpdate).filter_by(channel="zalo_bot").count() == 2
