"""The Zalo Bot adapter (our httpx client) against a fake Zalo Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fakes.channel import polling, until
from fakes.chat import StubEngine, invite, stubbed_services
from fakes.zalo_bot_api import TOKEN, FakeZaloBot

from bot import texts
from bot.preflight import StartupRefused
from bot.webhooks import build_app
from bot.zalo_bot.adapter import ZaloBotAdapter
from handlers.dispatcher import Dispatcher
from handlers.messages import Reply
from handlers.services import Services
from knowledge.answer.api import Answer
from storage.models import ChannelUpdate, User
from storage.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


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


# --- the platform as documented today (https://bot.zaloplatforms.com/docs) ------------


def test_default_api_root_is_the_current_documented_host() -> None:
    root = "https://bot-api.zaloplatforms.com"
    assert Settings(_env_file=None).zalo_bot_api_base_url == root  # type: ignore[call-arg]
    assert f"ZALO_BOT_API_BASE_URL={root}" in (ROOT / ".env.example").read_text(encoding="utf-8")


async def test_first_name_links_the_person_by_name(
    fake: FakeZaloBot, services: Services, adapter: ZaloBotAdapter
) -> None:
    async with polling(adapter):
        fake.push(fake.update("5b7d01", f"/start {invite(services, 'member')}", "Nguyễn Văn An"))
        await until(lambda: fake.texts("5b7d01"))
    assert "Nguyễn Văn An" in fake.texts("5b7d01")[0]
    with services.db.session() as session:
        assert [u.display_name for u in session.query(User)] == ["Nguyễn Văn An"]


async def test_sticker_image_and_unsupported_get_one_notice_caption_is_not_a_question(
    fake: FakeZaloBot, services: Services, adapter: ZaloBotAdapter
) -> None:
    engine = StubEngine()
    services._engine = engine  # type: ignore[assignment]
    async with polling(adapter):
        fake.push_text("u5", f"/start {invite(services, 'member')}")
        await until(lambda: fake.texts("u5"))
        fake.push(fake.sticker("u5"))
        fake.push(fake.image("u5", caption="ai chủ trì số hóa hồ sơ?"))
        fake.push(fake.unsupported("u5"))
        await until(lambda: len(fake.texts("u5")) == 4)
        await asyncio.sleep(0.5)
    assert fake.texts("u5")[1:] == [texts.CHAT_UNSUPPORTED] * 3
    assert engine.calls == []  # the caption was not taken as a question


async def test_stranger_sending_a_sticker_gets_only_the_one_explanation(
    fake: FakeZaloBot, adapter: ZaloBotAdapter
) -> None:
    async with polling(adapter):
        fake.push(fake.sticker("s1"))
        fake.push(fake.sticker("s1"))
        await until(lambda: fake.texts("s1"))
        await asyncio.sleep(1.2)
    assert fake.texts("s1") == [texts.CHAT_NOT_LINKED]


async def test_blank_replies_are_never_sent(fake: FakeZaloBot, adapter: ZaloBotAdapter) -> None:
    assert await adapter.send("u6", Reply(text=" \n  \n"))
    assert await adapter.send("u6", Reply(text=""))
    assert await adapter.send("u6", Reply(text="Có\n\n   \n"))
    assert fake.texts("u6") == ["Có"]
    await adapter.stop()


async def test_empty_long_poll_answered_at_once_is_backed_off(
    fake: FakeZaloBot, adapter: ZaloBotAdapter
) -> None:
    fake.answer_at_once = True  # 408 immediately instead of holding the poll
    async with polling(adapter):
        await asyncio.sleep(3.0)
    assert 2 <= len(fake.sent("getUpdates")) <= 6  # not hundreds of calls


async def test_empty_long_poll_408_is_quiet_and_polling_goes_on(
    fake: FakeZaloBot, adapter: ZaloBotAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    async with polling(adapter):
        await asyncio.sleep(1.5)  # at least one 408 after the 1 s long poll
        fake.push_text("u7", "xin chào")
        await until(lambda: fake.texts("u7"))
    assert fake.texts("u7") == [texts.CHAT_NOT_LINKED]
    assert "getUpdates failed" not in caplog.text
    assert all(isinstance(p.get("timeout"), str) for p in fake.sent("getUpdates"))


async def test_webhook_is_registered_with_its_secret(
    fake: FakeZaloBot, adapter: ZaloBotAdapter
) -> None:
    with pytest.raises(ValueError, match="ZALO_BOT_WEBHOOK_SECRET"):
        await adapter.setup_webhook("https://bot.example.gov.vn/webhook/zalo_bot", None)
    await adapter.setup_webhook("https://bot.example.gov.vn/webhook/zalo_bot", "secret-88")
    [call] = fake.sent("setWebhook")
    assert call == {
        "url": "https://bot.example.gov.vn/webhook/zalo_bot",
        "secret_token": "secret-88",
    }
    await adapter.stop()


async def test_server_errors_are_retried_with_backoff_not_telegram_retry_after(
    fake: FakeZaloBot, adapter: ZaloBotAdapter
) -> None:
    fake.fail_next("sendMessage", 500, 500, "Internal error")
    fake.fail_next("sendMessage", 400, 400, "Bad request")
    assert await adapter.send("u8", Reply(text="một")) is False  # 500 retried, then 400: stop
    assert len(fake.sent("sendMessage", "u8")) == 2
    assert await adapter.send("u8", Reply(text="hai"))
    await adapter.stop()


async def test_refused_set_webhook_or_token_stop_with_a_clear_message(
    fake: FakeZaloBot, services: Services
) -> None:
    adapter = ZaloBotAdapter(services.db, Dispatcher(services), services.settings)
    with pytest.raises(StartupRefused) as refused:
        await adapter.setup_webhook("http://not-https.example/webhook/zalo_bot", "secret-88")
    assert "ZALO_BOT_WEBHOOK_URL" in str(refused.value) and "400" in str(refused.value)
    await adapter.stop()
    wrong = services.settings.model_copy(update={"zalo_bot_token": "1:wrong-token-value"})
    adapter = ZaloBotAdapter(services.db, Dispatcher(services), wrong)
    with pytest.raises(StartupRefused, match="ZALO_BOT_TOKEN"):
        await adapter.start()
    await adapter.stop()


async def test_the_fake_answers_in_the_reference_wire_format(fake: FakeZaloBot) -> None:
    """What the fake says is what the reference documents (not what our client reads)."""
    base = f"{fake.url}/bot{TOKEN}"
    async with httpx.AsyncClient(timeout=5) as http:
        me = (await http.post(f"{base}/getMe", json={})).json()
        assert me["ok"] and set(me["result"]) == {
            "id",
            "account_name",
            "account_type",
            "can_join_groups",
        }
        empty = await http.post(f"{base}/getUpdates", json={"timeout": "0"})
        assert empty.status_code == 408 and empty.json()["error_code"] == 408
        fake.push_text("5b7d02", "một")
        fake.push_text("5b7d02", "hai")
        first = (await http.post(f"{base}/getUpdates", json={"timeout": "1"})).json()["result"]
        assert isinstance(first, dict) and first["event_name"] == "message.text.received"
        message = first["message"]
        assert message["text"] == "một" and isinstance(message["message_id"], str)
        assert isinstance(message["from"]["id"], str) and message["chat"]["chat_type"] == "PRIVATE"
        assert message["date"] > 10**12  # milliseconds
        second = (await http.post(f"{base}/getUpdates", json={"timeout": "1"})).json()["result"]
        assert second["message"]["text"] == "hai"  # one update per call
        sent = (await http.post(f"{base}/sendMessage", json={"chat_id": "c", "text": "x"})).json()
        assert isinstance(sent["result"]["message_id"], str) and sent["result"]["date"] > 10**12
        blank = await http.post(f"{base}/sendMessage", json={"chat_id": "c", "text": " "})
        assert blank.status_code == 400 and not blank.json()["ok"]
        hook = {"url": "https://bot.example.gov.vn/webhook/zalo_bot", "secret_token": "s" * 8}
        assert (await http.post(f"{base}/setWebhook", json=hook)).json()["result"]["url"]
        info = (await http.post(f"{base}/getWebhookInfo", json={})).json()["result"]
        assert info["url"] == hook["url"] and info["updated_at"] > 10**12
        gone = (await http.post(f"{base}/deleteWebhook", json={})).json()["result"]
        assert gone["url"] == ""


async def test_webhook_deliveries_flat_or_enveloped_are_answered_and_checked(
    fake: FakeZaloBot, tmp_path: Path
) -> None:
    """The platform posts the flat update with the secret header; the reference's own
    sample wraps it as ``{"ok": true, "result": …}``: both are read, a wrong secret is not."""
    services = stubbed_services(
        tmp_path,
        zalo_bot_token=TOKEN,
        zalo_bot_api_base_url=fake.url,
        zalo_bot_webhook_url="https://bot.example.gov.vn/webhook/zalo_bot",
        zalo_bot_webhook_secret="secret-88",
    )
    adapter = ZaloBotAdapter(services.db, Dispatcher(services), services.settings)
    app = build_app(services.settings, {"zalo_bot": adapter})
    flat = fake.update("w1", f"/start {invite(services, 'member')}")
    wrapped = {"ok": True, "result": fake.update("w1", "/trogiup")}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hook"
    ) as client:
        refused = await client.post("/webhook/zalo_bot", **fake.webhook(flat, "wrong-secret"))
        assert refused.status_code == 401
        for count, update in enumerate((flat, wrapped), start=1):
            response = await client.post("/webhook/zalo_bot", **fake.webhook(update, "secret-88"))
            assert response.status_code == 200
            await until(lambda count=count: len(fake.texts("w1")) >= count)
    await adapter.stop()
    welcome, help_text = fake.texts("w1")
    assert "Hoa" in welcome and "/baocao" in help_text
