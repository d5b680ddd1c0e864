"""The unit of work in one process, through the real python-telegram-bot and the fake
Bot API: a poison update, the outbox's send outcomes, dedupe keys, long button data,
and ``planbot run`` on an out-of-date database."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.bot_process import telegram_env
from fakes.channel import polling, until
from fakes.chat import ChatUser, StubEngine, invite, linked, stubbed_services, telegram_services
from fakes.telegram_api import FakeTelegram

from bot import texts
from bot.channel import SendOutcome
from bot.routing import DeliveryRouter
from bot.sender import OutboxSender
from bot.telegram.adapter import TelegramAdapter
from handlers import admin as admin_menu
from handlers.access import role_name
from handlers.callbacks import LIMIT, TOKEN_PREFIX
from handlers.dispatcher import Dispatcher
from handlers.messages import Button, Reply, reply_to_payload
from handlers.services import Services
from storage import chat, outbox
from storage.db import Database
from storage.models import ChannelUpdate, Identity, OutboxMessage


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def services(tmp_path: Path, fake: FakeTelegram) -> Services:
    return telegram_services(tmp_path, fake.url, telegram_send_timeout=0.5)


def _adapter(services: Services) -> TelegramAdapter:
    return TelegramAdapter(services.db, Dispatcher(services), services.settings)


def _statuses(db: Database) -> dict[str, tuple[str, str | None]]:
    with db.session() as session:
        return {u.update_key: (u.status, u.error) for u in session.query(ChannelUpdate)}


# --- a poison update -----------------------------------------------------------------


async def test_an_update_without_date_is_failed_and_the_bot_goes_on(
    fake: FakeTelegram, services: Services
) -> None:
    """The original failure: PTB cannot parse a message without ``date``; the poller died
    with it and every restart died on it again."""
    user = linked(services, Dispatcher(services), "70", "member")
    assert user.replies  # linked through the dispatcher, on the same database
    poison = fake.push_raw(
        {"message": {"message_id": 1, "chat": {"id": 70, "type": "private"}, "text": "/trogiup"}}
    )
    after = fake.push_text(70, "/trogiup")
    for _run in range(2):  # a restart does not die on it either
        adapter = _adapter(services)
        async with polling(adapter):
            await until(lambda: fake.texts(70))
            await asyncio.sleep(0.3)
    statuses = _statuses(services.db)
    assert statuses[str(after)] == ("handled", None)
    status, error = statuses[str(poison)]
    assert status == "failed" and error and "date" in error
    assert len(fake.texts(70)) == 1  # the good update answered once, across both runs

    admin = linked(services, Dispatcher(services), "root", "admin")
    [report] = admin.say("/admin updates")
    assert texts.CHAT_ADMIN_UPDATES_TITLE.format(count=1) in report and "date" in report

    listing = subprocess.run(
        [sys.executable, "-m", "bot", "updates", "--failed"],
        env={**telegram_env(fake, services.settings.data_dir)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert f" {poison} failed " in listing.stdout and "date" in listing.stdout


# --- sending outcomes ---------------------------------------------------------------


def _sender(services: Services, adapter: TelegramAdapter) -> OutboxSender:
    router = DeliveryRouter(services.db, {"telegram": adapter})
    return OutboxSender(services.db, router, "w1", lambda w: w == "w1")


def _push(db: Database, chat_id: str, text: str, key: str) -> int | None:
    with db.session() as session:
        return outbox.enqueue(
            session,
            channel="telegram",
            chat_id=chat_id,
            payload=reply_to_payload(Reply(text=text)),
            dedupe_key=key,
        )


def _rows(db: Database) -> dict[str, OutboxMessage]:
    with db.session() as session:
        return {r.payload["text"]: r for r in session.query(OutboxMessage)}


async def test_outbox_send_outcomes(fake: FakeTelegram, services: Services) -> None:
    db = services.db
    with db.session() as session:
        user = chat.create_user(session, "Bị chặn", "member")
        chat.add_identity(session, user, "telegram", "66", "66")
    adapter = _adapter(services)
    await adapter.start()
    sender = _sender(services, adapter)
    assert _push(db, "61", "Lần đầu", "k1") is not None
    assert _push(db, "61", "Lần đầu", "k1") is None  # the same dedupe key: queued once

    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail_next("sendMessage", 502, "Bad Gateway")
    await sender.drain_once("telegram")
    # 429, then 502, then delivered: the fake records every attempt
    assert fake.texts("61") == ["Lần đầu"] * 3
    calls = fake.call_times("sendMessage")
    assert calls[1] - calls[0] >= 0.9  # retry_after honoured
    assert _rows(db)["Lần đầu"].status == "sent"

    fake.delay_next("sendMessage", 1.5)  # longer than TELEGRAM_SEND_TIMEOUT
    _push(db, "62", "Chậm", "k2")
    await sender.drain_once("telegram")
    fake.block(66)
    _push(db, "66", "Gửi người đã chặn", "k3")
    await sender.drain_once("telegram")
    await asyncio.sleep(1.2)  # the slow answer arrives late; the message is not resent
    assert await sender.drain_once("telegram") is False
    rows = _rows(db)
    assert rows["Lần đầu"].status == "sent"
    assert rows["Chậm"].status == "uncertain" and len(fake.sent("sendMessage", "62")) == 1
    assert rows["Gửi người đã chặn"].status == "blocked"
    with db.session() as session:
        assert not session.query(Identity).filter_by(external_id="66").one().active
    await adapter.stop()


async def test_a_dead_workers_claimed_reply_is_sent_once_more(
    fake: FakeTelegram, services: Services
) -> None:
    with services.db.session() as session:
        outbox.enqueue(
            session,
            channel="telegram",
            chat_id="63",
            payload=reply_to_payload(Reply(text="Trả lời dở")),
            dedupe_key="reply:telegram:9:0",
            kind=outbox.Kind.REPLY,
            claimed_by="dead-worker",
        )
    adapter = _adapter(services)
    await adapter.start()
    sender = _sender(services, adapter)
    assert await sender.drain_once("telegram") is False  # claimed: not the sender's yet
    assert sender.recover() == 1
    await sender.drain_once("telegram")
    assert fake.texts("63") == ["Trả lời dở"]
    await adapter.stop()


# --- long button data -------------------------------------------------------------


def test_long_button_data_travels_behind_a_short_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = stubbed_services(tmp_path)
    services._engine = StubEngine()  # type: ignore[assignment]
    dispatcher = Dispatcher(services)
    admin = linked(services, dispatcher, "root", "admin")
    long_command = "/admin units " + "x" * 80

    def menu() -> Reply:
        return Reply(text="menu", buttons=[[Button("Đơn vị", long_command)]])

    monkeypatch.setattr(admin_menu, "menu", menu)
    admin.say("/admin")
    [[button]] = admin.replies[0].buttons
    assert button.data.startswith(TOKEN_PREFIX) and len(button.data.encode()) <= LIMIT
    [units] = admin.press(button.data)
    assert units == texts.CHAT_ADMIN_UNITS_NONE  # the full command came back and ran
    assert admin.press(TOKEN_PREFIX + "UNKNOWNTOKEN") == [texts.CHAT_BUTTON_EXPIRED]


def test_a_flow_button_from_a_finished_flow_is_not_applied(tmp_path: Path) -> None:
    services = stubbed_services(tmp_path)
    dispatcher = Dispatcher(services)
    admin = linked(services, dispatcher, "root", "admin")
    admin.say("/admin invite")
    roles = {b.label: b.data for row in admin.replies[0].buttons for b in row}
    assert admin.say("/huy") == [texts.CHAT_CANCELLED]
    assert admin.press(roles[role_name("admin")]) == [texts.CHAT_FLOW_STALE_BUTTON]
    newcomer = ChatUser(dispatcher, "n2")
    assert newcomer.say(f"/start {invite(services, 'member')}")


# --- migrations as their own step -------------------------------------------------


def test_run_on_an_unmigrated_database_says_to_migrate(fake: FakeTelegram, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    env = telegram_env(fake, data_dir)
    run = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2 and "planbot migrate" in run.stdout
    migrate = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"], env=env, capture_output=True, text=True
    )
    assert migrate.returncode == 0
    assert Database(f"sqlite:///{data_dir / 'planbot.sqlite3'}").is_up_to_date()
    assert fake.sent("getUpdates") == []  # refused before touching the channel


def test_send_outcome_names_match_the_outbox_statuses() -> None:
    for outcome in (SendOutcome.SENT, SendOutcome.UNCERTAIN, SendOutcome.BLOCKED):
        assert outcome.value in vars(outbox.Status).values()
