"""Webhook mode: one ASGI app (Telegram, Zalo Bot, Zalo OA, /healthz) with secrets checked,
bodies size-limited (413, nothing stored), and stored updates resumed once it listens.

The attack behind the limits: a 100 MB webhook body was accepted and stored, and kept
the webhook down for minutes after a restart (stored updates were handled first).
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fakes.channel import bot_env, until
from fakes.chat import database_with_leader, invite, stubbed_services
from fakes.server import ThreadedServer
from fakes.telegram_api import TOKEN, FakeTelegram
from fakes.zalo_bot_api import TOKEN as ZALO_TOKEN
from fakes.zalo_bot_api import FakeZaloBot

from bot import texts
from bot.channel import HOLD_ENV, ChannelAdapter
from bot.telegram.adapter import TelegramAdapter
from bot.webhooks import build_app
from bot.zalo_bot.adapter import ZaloBotAdapter
from bot.zalo_oa.adapter import ZaloOAAdapter
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from storage import chat
from storage.models import ChannelUpdate


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def fake_zalo() -> Iterator[FakeZaloBot]:
    with FakeZaloBot() as server:
        yield server


@pytest.fixture
def services(tmp_path: Path, fake: FakeTelegram, fake_zalo: FakeZaloBot) -> Services:
    return stubbed_services(
        tmp_path,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.url,
        telegram_webhook_secret="tg-secret",
        zalo_bot_token=ZALO_TOKEN,
        zalo_bot_api_base_url=fake_zalo.url,
        zalo_bot_webhook_secret="zl-secret",
        zalo_oa_app_id="app",
        zalo_oa_secret_key="oa-key",
        zalo_oa_access_token="tok",
    )


@pytest.fixture
async def adapters(services: Services) -> AsyncIterator[dict[str, ChannelAdapter]]:
    dispatcher = Dispatcher(services)
    made: dict[str, ChannelAdapter] = {
        "telegram": TelegramAdapter(services.db, dispatcher, services.settings),
        "zalo_bot": ZaloBotAdapter(services.db, dispatcher, services.settings),
    }
    await made["telegram"].start()
    yield made
    for adapter in made.values():
        await adapter.stop()


@pytest.fixture
async def client(
    services: Services, adapters: dict[str, ChannelAdapter]
) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(services.settings, adapters)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hook"
    ) as c:
        yield c


def tg_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Lan"},
            "text": text,
        },
    }


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "channels": ["telegram", "zalo_bot"]}


async def test_telegram_webhook_checks_secret_and_handles_each_update_once(
    client: httpx.AsyncClient, fake: FakeTelegram, services: Services
) -> None:
    hook = "/webhook/telegram"
    update = tg_update(1, 31, f"/start {invite(services, 'member', 'Sở Y tế')}")
    bad = await client.post(hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
    assert bad.status_code == 401
    assert (await client.post(hook, json=update)).status_code == 401
    good = {"X-Telegram-Bot-Api-Secret-Token": "tg-secret"}
    assert (await client.post(hook, json=update, headers=good)).status_code == 200
    assert (await client.post(hook, json=update, headers=good)).status_code == 200  # retry
    await until(lambda: fake.texts(31))
    await asyncio.sleep(0.3)
    assert len(fake.texts(31)) == 1 and "Sở Y tế" in fake.texts(31)[0]


async def test_zalo_bot_webhook_checks_secret_token(
    client: httpx.AsyncClient, fake_zalo: FakeZaloBot
) -> None:
    update = fake_zalo.update("zu", "xin chào")
    hook = "/webhook/zalo_bot"
    assert (
        await client.post(hook, json=update, headers={"X-Bot-Api-Secret-Token": "x"})
    ).status_code == 401
    ok = await client.post(
        hook, json={"ok": True, "result": update}, headers={"X-Bot-Api-Secret-Token": "zl-secret"}
    )
    assert ok.status_code == 200
    await until(lambda: fake_zalo.texts("zu"))
    assert fake_zalo.texts("zu") == [texts.CHAT_NOT_LINKED]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_webhook(
    fake: FakeTelegram, data_dir: Path, port: int, **extra: str
) -> subprocess.Popen[bytes]:
    env = bot_env(
        data_dir,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.url,
        TELEGRAM_WEBHOOK_URL="https://bot.example.gov.vn/webhook/telegram",
        TELEGRAM_WEBHOOK_SECRET="s3cret",
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
        **extra,
    )
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=data_dir.parent)


def test_planbot_run_in_webhook_mode(fake: FakeTelegram, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database_with_leader(data_dir, "61")
    port = _free_port()
    proc = _run_webhook(fake, data_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        fake.wait_for(lambda: _up(f"{base}/healthz"), timeout=60)
        [hook] = fake.sent("setWebhook")
        assert hook["url"].endswith("/webhook/telegram") and hook["secret_token"] == "s3cret"
        body = json.dumps(tg_update(5, 61, "/trogiup"))
        headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret", "Content-Type": "application/json"}
        assert (
            httpx.post(f"{base}/webhook/telegram", content=body, headers=headers).status_code == 200
        )
        fake.wait_for(lambda: fake.texts(61), timeout=10)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    assert "/nhiemvu" in fake.texts(61)[0]


def _up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


MB = 1024 * 1024
HEADERS = {
    "/webhook/telegram": {"X-Telegram-Bot-Api-Secret-Token": "tg-secret"},
    "/webhook/zalo_bot": {"X-Bot-Api-Secret-Token": "zl-secret"},
    "/webhook/zalo_oa": {"X-ZEvent-Signature": "mac=00"},
}


def stored(services: Services) -> int:
    with services.db.session() as session:
        return session.query(ChannelUpdate).count()


@pytest.mark.parametrize("path", list(HEADERS))
async def test_100_mb_streamed_body_gets_413_without_being_read_or_stored(
    services: Services, adapters: dict[str, ChannelAdapter], path: str
) -> None:
    sent = 0

    async def hundred_megabytes() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"update_id": 1, "message": {"text": "'
        for _ in range(100):
            sent += 1
            yield b"(" * MB

    everyone = {
        **adapters,
        "zalo_oa": ZaloOAAdapter(services.db, Dispatcher(services), services.settings),
    }
    app = build_app(services.settings, everyone)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hook") as client:
        response = await client.post(path, content=hundred_megabytes(), headers=HEADERS[path])
    await everyone["zalo_oa"].stop()
    assert response.status_code == 413
    assert sent <= 2  # refused after the first megabyte, not after reading 100
    assert stored(services) == 0


def test_declared_100_mb_body_is_refused_by_the_real_server(
    services: Services, adapters: dict[str, ChannelAdapter]
) -> None:
    server = ThreadedServer(build_app(services.settings, adapters)).start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            head = (
                "POST /webhook/telegram HTTP/1.1\r\nHost: hook\r\n"
                "X-Telegram-Bot-Api-Secret-Token: tg-secret\r\n"
                f"Content-Type: application/json\r\nContent-Length: {100 * MB}\r\n\r\n"
            )
            sock.sendall(head.encode() + b"{" * 65536)
            status = sock.recv(4096).split(b"\r\n", 1)[0]
    finally:
        server.stop()
    assert status.startswith(b"HTTP/1.1 413")
    assert stored(services) == 0


async def test_bodies_within_the_limit_are_still_accepted(
    services: Services, adapters: dict[str, ChannelAdapter], fake_zalo: FakeZaloBot
) -> None:
    app = build_app(services.settings, adapters)
    transport = httpx.ASGITransport(app=app)
    update = fake_zalo.update("z1", "x" * 1000)
    async with httpx.AsyncClient(transport=transport, base_url="http://hook") as client:
        response = await client.post("/webhook/zalo_bot", **fake_zalo.webhook(update, "zl-secret"))
    assert response.status_code == 200
    assert stored(services) == 1


def _pending_update(data_dir: Path, user_id: int) -> None:
    """A stored, never finished update (the previous run died while handling it)."""
    db = database_with_leader(data_dir, str(user_id))
    with db.session() as session:
        chat.record_update(session, "telegram", "900", tg_update(900, user_id, "/trogiup"))


def test_stored_updates_are_resumed_only_after_the_server_listens(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    _pending_update(data_dir, 62)
    port = _free_port()
    # Handling the stored update never finishes: the server must listen all the same.
    proc = _run_webhook(fake, data_dir, port, **{HOLD_ENV: "1", "SHUTDOWN_GRACE_SECONDS": "1"})
    try:
        fake.wait_for(lambda: _up(f"http://127.0.0.1:{port}/healthz"), timeout=60)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    assert fake.texts(62) == []  # it was held, not answered
    proc = _run_webhook(fake, data_dir, port)  # a normal restart then answers it
    try:
        fake.wait_for(lambda: fake.texts(62), timeout=60)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    assert "/nhiemvu" in fake.texts(62)[0]
