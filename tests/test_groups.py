"""Group chats: private chats only, unless an admin enables a group for questions.

The attack: a linked user's message in a group got task lists and ``/admin users``
answered in the group, and the identity's chat moved to the group, so the next
broadcast went there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.channel import polling, until
from fakes.chat import ChatUser, StubEngine, add_task, invite, linked, stubbed_services
from fakes.telegram_api import TOKEN, FakeTelegram

from bot import texts
from bot.telegram.adapter import TelegramAdapter
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming, Sender
from handlers.services import NullIO, Services
from storage import chat
from storage.models import Identity, User

GROUP = "-100777"


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return stubbed_services(tmp_path)


def in_group(
    dispatcher: Dispatcher, person: str, text: str, channel: str = "telegram"
) -> list[str]:
    sender = Sender(channel, person, GROUP, person, in_group=True)
    result = dispatcher.handle(Incoming(sender=sender, text=text), NullIO())
    return [r.text for r in result.replies]


def chat_of(services: Services, person: str) -> str:
    with services.db.session() as session:
        identity = chat.find_identity(session, "telegram", person)
        assert identity is not None
        return identity.chat_id


def test_group_gets_one_notice_and_the_persons_chat_stays_private(services: Services) -> None:
    dispatcher = Dispatcher(services)
    add_task(services, "Nhiệm vụ mật", "Sở Y tế")
    admin = linked(services, dispatcher, "a1", "admin")
    linked(services, dispatcher, "m1", "member", "Sở Y tế")
    assert in_group(dispatcher, "m1", "/nhiemvu") == [texts.CHAT_GROUP_PRIVATE_ONLY]
    assert in_group(dispatcher, "a1", "/admin users") == []  # said once per group
    assert in_group(dispatcher, "m1", "ai chủ trì nhiệm vụ mật") == []
    assert chat_of(services, "m1") == "m1" and chat_of(services, "a1") == "a1"
    admin.say("/admin broadcast")
    admin.say("Họp lúc 14h")
    assert [(p.chat_id, p.channel) for p in admin.last.pushes] == [("m1", "telegram")]


def test_invite_code_sent_in_a_group_links_nobody(services: Services) -> None:
    dispatcher = Dispatcher(services)
    code = invite(services, "admin")
    assert in_group(dispatcher, "stranger", f"/start {code}") == [texts.CHAT_GROUP_PRIVATE_ONLY]
    with services.db.session() as session:
        assert session.query(User).count() == 0 and session.query(Identity).count() == 0
    assert ChatUser(dispatcher, "owner").say(f"/start {code}")[0].startswith("Chào mừng")


def test_admin_enables_a_group_for_read_only_questions(services: Services) -> None:
    engine = StubEngine()
    services._engine = engine  # type: ignore[assignment]
    dispatcher = Dispatcher(services)
    linked(services, dispatcher, "a1", "admin")
    linked(services, dispatcher, "m1", "member", "Sở Y tế")
    assert in_group(dispatcher, "m1", "/admin nhom bat") == [texts.CHAT_GROUP_PRIVATE_ONLY]
    assert in_group(dispatcher, "a1", "/admin nhóm bật") == [texts.CHAT_GROUP_ENABLED]
    assert in_group(dispatcher, "m1", "ai chủ trì số hóa?") == [engine.answer.text]
    assert engine.calls[-1]["reach"] == []  # everyone in the group reads it: no task lists
    assert in_group(dispatcher, "m1", "/nhiemvu") == [texts.CHAT_GROUP_READ_ONLY]
    assert in_group(dispatcher, "a1", "/admin users") == [texts.CHAT_GROUP_READ_ONLY]
    assert in_group(dispatcher, "nobody", "alo") == []  # unlinked people: silence
    assert chat_of(services, "m1") == "m1"
    assert in_group(dispatcher, "a1", "/admin nhom tat") == [texts.CHAT_GROUP_DISABLED]
    assert in_group(dispatcher, "m1", "ai chủ trì số hóa?") == []
    with services.db.session() as session:
        actions = [row.action for row in chat.audit_entries(session)]
    assert "group.enable" in actions and "group.disable" in actions


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


async def test_telegram_group_message_through_the_real_library(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    services = stubbed_services(tmp_path, telegram_bot_token=TOKEN, telegram_api_base_url=fake.url)
    adapter = TelegramAdapter(services.db, Dispatcher(services), services.settings, poll_timeout=1)
    async with polling(adapter):
        fake.push_text(51, f"/start {invite(services, 'member', 'Sở Y tế')}")
        await until(lambda: fake.texts(51))
        fake.push_group_text(51, int(GROUP), "/nhiemvu")
        fake.push_group_text(51, int(GROUP), "/trogiup")
        await until(lambda: fake.texts(GROUP))
        fake.push_text(51, "/trogiup")
        await until(lambda: len(fake.texts(51)) == 2)
    assert fake.texts(GROUP) == [texts.CHAT_GROUP_PRIVATE_ONLY]
    assert chat_of(services, "51") == "51"
