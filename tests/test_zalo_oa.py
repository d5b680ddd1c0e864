"""Zalo OA: signed webhooks in, OA message API out, token refresh, interaction window."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import quality_docs
from fakes.channel import until
from fakes.chat import invite, stubbed_services
from fakes.zalo_oa_api import (
    APP_ID,
    APP_SECRET,
    OA_SECRET,
    FakeZaloOA,
    oa_event,
    oa_file_event,
    sign,
)

from bot import texts
from bot.channel import ChannelAdapter
from bot.routing import DeliveryRouter
from bot.webhooks import build_app
from bot.zalo_oa.adapter import ZaloOAAdapter
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming, Outgoing, Reply
from handlers.services import Services
from storage import chat
from storage.models import ChannelState, ChannelUpdate, Identity


@pytest.fixture
def fake() -> Iterator[FakeZaloOA]:
    with FakeZaloOA() as server:
        yield server


@pytest.fixture
def services(tmp_path: Path, fake: FakeZaloOA) -> Services:
    return stubbed_services(
        tmp_path,
        zalo_oa_app_id=APP_ID,
        zalo_oa_secret_key=OA_SECRET,
        zalo_oa_app_secret=APP_SECRET,
        zalo_oa_access_token="tok-1",
        zalo_oa_refresh_token="ref-1",
        zalo_oa_api_base_url=fake.url,
        zalo_oa_oauth_base_url=fake.url,
    )


@pytest.fixture
async def adapter(services: Services) -> AsyncIterator[ZaloOAAdapter]:
    a = ZaloOAAdapter(services.db, Dispatcher(services), services.settings)
    yield a
    await a.stop()


@pytest.fixture
async def client(services: Services, adapter: ZaloOAAdapter) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(services.settings, {"zalo_oa": adapter})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://oa.test") as c:
        yield c


async def post_event(client: httpx.AsyncClient, body: bytes, signature: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-ZEvent-Signature"] = signature
    response = await client.post("/webhook/zalo_oa", content=body, headers=headers)
    return response.status_code


async def test_signed_webhook_is_answered_through_the_oa_api(
    fake: FakeZaloOA, services: Services, adapter: ZaloOAAdapter, client: httpx.AsyncClient
) -> None:
    body = oa_event("oa-u1", f"/start {invite(services, 'head', 'Sở Tư pháp')}", "msg-1")
    assert await post_event(client, body, sign(body)) == 200
    await until(lambda: fake.texts("oa-u1"))
    assert "Sở Tư pháp" in fake.texts("oa-u1")[0]
    question = oa_event("oa-u1", "ai chủ trì?", "msg-2")
    assert await post_event(client, question, sign(question)) == 200
    assert await post_event(client, question, sign(question)) == 200  # Zalo retries
    await until(lambda: len(fake.texts("oa-u1")) >= 2)
    await adapter.drain()
    # the answer, then its 👍/👎 as numbered choices (no buttons on Zalo OA)
    assert fake.texts("oa-u1")[1:] == ["Sở Tư pháp chủ trì nhiệm vụ 3.18.\n\n1. 👍\n2. 👎"]


async def test_admin_upload_of_a_plan_read_badly_says_it_needs_a_look(
    fake: FakeZaloOA, services: Services, adapter: ZaloOAAdapter, client: httpx.AsyncClient
) -> None:
    body = oa_event("oa-a1", f"/start {invite(services, 'admin')}", "msg-a1")
    assert await post_event(client, body, sign(body)) == 200
    await until(lambda: fake.texts("oa-a1"))
    content = quality_docs.UNREAD_PLAN.encode()
    url = fake.host_file("kh_do_dac.txt", content)
    upload = oa_file_event("oa-a1", "kh_do_dac.txt", url, len(content), "msg-a2")
    assert await post_event(client, upload, sign(upload)) == 200
    await until(lambda: any("Chất lượng đọc" in t for t in fake.texts("oa-a1")), timeout=30)
    reply = next(t for t in fake.texts("oa-a1") if "Chất lượng đọc" in t)
    assert quality_docs.CHECK_LINE in reply


async def test_wrongly_signed_or_unsigned_webhook_is_rejected(
    fake: FakeZaloOA, services: Services, adapter: ZaloOAAdapter, client: httpx.AsyncClient
) -> None:
    body = oa_event("oa-evil", "xin chào", "msg-9")
    assert await post_event(client, body, sign(body, secret="wrong-secret")) == 401
    assert await post_event(client, body, None) == 401
    tampered = body.replace("xin chào".encode(), b"/admin")
    assert await post_event(client, tampered, sign(body)) == 401
    await asyncio.sleep(0.2)
    assert fake.messages == []
    with services.db.session() as session:
        assert session.query(ChannelUpdate).count() == 0


async def test_expired_token_is_refreshed_once_by_a_single_refresher(
    fake: FakeZaloOA, services: Services, adapter: ZaloOAAdapter
) -> None:
    fake.access_token = "tok-server-rotated"  # our tok-1 is no longer valid
    results = await asyncio.gather(*(adapter.send(f"u{i}", Reply(text="chào")) for i in range(5)))
    assert all(results)
    assert fake.refreshes == 1 and adapter.tokens.refreshes == 1
    assert len(fake.messages) == 5
    with services.db.session() as session:  # the new single-use refresh token is kept
        assert session.get(ChannelState, ("zalo_oa", "refresh_token")).value == fake.refresh_token  # type: ignore[union-attr]


class Recorder(ChannelAdapter):
    """A channel that records what it would send (stands in for Telegram here)."""

    name = "telegram"

    def __init__(self, services: Services) -> None:
        super().__init__(services.db, Dispatcher(services))
        self.sent: list[tuple[str, str]] = []

    def to_incoming(self, payload: dict[str, Any]) -> Incoming | None:
        return None

    async def send(self, chat_id: str, reply: Reply) -> bool:
        self.sent.append((chat_id, reply.text))
        return True


def _user_on_oa(
    services: Services, oa_id: str, days_ago: int, telegram_id: str | None = None
) -> None:
    with services.db.session() as session:
        user = chat.create_user(session, f"Người {oa_id}", "member")
        oa = chat.add_identity(session, user, "zalo_oa", oa_id, oa_id)
        oa.last_seen_at = chat.utcnow() - timedelta(days=days_ago)
        if telegram_id:
            chat.add_identity(session, user, "telegram", telegram_id, telegram_id)


async def test_outside_the_window_goes_to_the_other_channel_or_is_held(
    fake: FakeZaloOA, services: Services, adapter: ZaloOAAdapter
) -> None:
    tg = Recorder(services)
    outbox = DeliveryRouter(services.db, {"zalo_oa": adapter, "telegram": tg}, timedelta(days=7))
    with services.db.session() as session:
        admin = chat.create_user(session, "Quản trị", "admin")
        chat.add_identity(session, admin, "telegram", "admin-tg", "admin-tg")
    _user_on_oa(services, "recent", days_ago=1)
    _user_on_oa(services, "both", days_ago=10, telegram_id="tg-both")
    _user_on_oa(services, "only-oa", days_ago=10)

    assert await outbox.deliver(Outgoing("zalo_oa", "recent", Reply(text="Nhắc hạn A")))
    assert fake.texts("recent") == ["Nhắc hạn A"]

    assert await outbox.deliver(Outgoing("zalo_oa", "both", Reply(text="Nhắc hạn B")))
    assert fake.texts("both") == [] and ("tg-both", "Nhắc hạn B") in tg.sent

    assert not await outbox.deliver(Outgoing("zalo_oa", "only-oa", Reply(text="Nhắc hạn C")))
    assert fake.texts("only-oa") == []
    [(chat_id, note)] = [s for s in tg.sent if s[0] == "admin-tg"]
    assert note == texts.CHAT_ADMIN_HELD_NOTE.format(name="Người only-oa", preview="Nhắc hạn C")
    with services.db.session() as session:
        [held] = chat.audit_entries(session, "message.held")
        assert held.detail["text"] == "Nhắc hạn C"
        assert session.query(Identity).filter_by(external_id="only-oa").one().active


async def test_two_workers_refresh_the_single_use_token_once(
    fake: FakeZaloOA, services: Services, adapter: ZaloOAAdapter
) -> None:
    """Two workers (as two processes would), each with its own token keeper, one database:
    the cross-process lock lets one refresh; the other takes up the stored pair."""
    other = ZaloOAAdapter(services.db, Dispatcher(services), services.settings)
    fake.access_token = "tok-server-rotated"  # tok-1 is no longer valid
    sends = [w.send(f"u{i}", Reply(text="chào")) for i in range(3) for w in (adapter, other)]
    results = await asyncio.gather(*sends)
    await other.stop()
    assert all(results) and len(fake.messages) == 6
    assert fake.refreshes == 1


async def test_a_picture_the_oa_cannot_take_goes_as_a_signed_link(
    fake: FakeZaloOA, tmp_path: Path
) -> None:
    """Over the upload's 1 MB (or no public URL to link to): the caption and a link."""
    services = stubbed_services(
        tmp_path,
        zalo_oa_app_id=APP_ID,
        zalo_oa_secret_key=OA_SECRET,
        zalo_oa_access_token="tok-1",
        zalo_oa_api_base_url=fake.url,
        planbot_public_url="https://bot.test",
    )
    adapter = ZaloOAAdapter(services.db, Dispatcher(services), services.settings)
    charts = services.settings.data_dir / "charts"
    charts.mkdir(parents=True)
    small, big = charts / "small.png", charts / "big.png"
    small.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 1000)
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 1_100_000)
    assert await adapter.send("u9", Reply(text="Biểu đồ nhỏ", photo=small))
    assert await adapter.send("u9", Reply(text="Biểu đồ lớn", photo=big))
    await adapter.stop()
    assert fake.photos("u9") == [small.read_bytes()]
    small_caption, link = fake.texts("u9")
    assert small_caption == "Biểu đồ nhỏ"
    assert link.startswith("Biểu đồ lớn\nXem biểu đồ") and "https://bot.test/tai/big.png?" in link
