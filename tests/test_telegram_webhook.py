"""Webhook mode: one ASGI app (Telegram, Zalo Bot, /healthz) with secrets checked."""

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
from fakes.telegram_api import TOKEN, FakeTelegram
from fakes.zalo_bot_api import TOKEN as ZALO_TOKEN
from fakes.zalo_bot_api import FakeZaloBot

from bot.telegram.adapter import TelegramAdapter
from bot.webhooks import build_app
from bot.zalo_bot.adapter import ZaloBotAdapter
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from knowledge import texts


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
    )


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    dispatcher = Dispatcher(services)
    adapters = {
        "telegram": TelegramAdapter(services.db, dispatcher, services.settings),
        "zalo_bot": ZaloBotAdapter(services.db, dispatcher, services.settings),
    }
    await adapters["telegram"].start()
    app = build_app(services.settings, adapters)  # type: ignore[arg-type]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hook"
    ) as c:
        yield c
    for adapter in adapters.values():
        await adapter.stop()


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


def test_planbot_run_in_webhook_mode(fake: FakeTelegram, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database_with_leader(data_dir, "61")
    port = _free_port()
    env = bot_env(
        data_dir,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.url,
        TELEGRAM_WEBHOOK_URL="https://bot.example.gov.vn/webhook/telegram",
        TELEGRAM_WEBHOOK_SECRET="s3cret",
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path)
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
