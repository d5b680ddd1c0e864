"""Start-up checks: a webhook without its secret is a way in, so it refuses to start.

The attack: with ``TELEGRAM_WEBHOOK_URL`` set and no secret, a forged update claiming
the admin's user id got an admin invite code. Now ``planbot run`` stops first with a
message naming the setting (no traceback), and the webhook app itself refuses
unauthenticated bodies even if someone skips the start-up check.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fakes.channel import bot_env
from fakes.chat import database_with_leader, stubbed_services
from fakes.telegram_api import TOKEN, FakeTelegram
from fakes.zalo_bot_api import TOKEN as ZALO_TOKEN
from fakes.zalo_bot_api import FakeZaloBot

from bot import preflight
from bot.telegram.adapter import TelegramAdapter
from bot.webhooks import build_app
from bot.zalo_oa import signature
from bot.zalo_oa.adapter import ZaloOAAdapter
from handlers.dispatcher import Dispatcher
from storage.models import ChannelUpdate
from storage.settings import Settings

HOOK = "https://bot.example.gov.vn/webhook/"


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        (
            {"telegram_bot_token": TOKEN, "telegram_webhook_url": HOOK + "telegram"},
            "TELEGRAM_WEBHOOK_SECRET",
        ),
        (
            {"zalo_bot_token": ZALO_TOKEN, "zalo_bot_webhook_url": HOOK + "zalo_bot"},
            "ZALO_BOT_WEBHOOK_SECRET",
        ),
        ({"zalo_oa_app_id": "app", "zalo_oa_access_token": "tok"}, "ZALO_OA_SECRET_KEY"),
    ],
)
def test_webhook_without_secret_is_refused_naming_the_setting(
    tmp_path: Path, settings: dict[str, Any], named: str
) -> None:
    found = preflight.problems(Settings(planbot_data_dir=tmp_path, **settings))
    assert len(found) == 1 and named in found[0]


def test_zalo_bot_secret_length_and_url_scheme_are_checked(tmp_path: Path) -> None:
    base = {"planbot_data_dir": tmp_path, "zalo_bot_token": ZALO_TOKEN}
    short = Settings(**base, zalo_bot_webhook_url=HOOK, zalo_bot_webhook_secret="7chars!")
    assert "8" in preflight.problems(short)[0] and "256" in preflight.problems(short)[0]
    plain = Settings(**base, zalo_bot_webhook_url="http://x/h", zalo_bot_webhook_secret="a" * 8)
    [problem] = preflight.problems(plain)
    assert "ZALO_BOT_WEBHOOK_URL" in problem and "https://" in problem
    too_long = Settings(**base, zalo_bot_webhook_url=HOOK, zalo_bot_webhook_secret="a" * 257)
    assert preflight.problems(too_long)
    good = Settings(**base, zalo_bot_webhook_url=HOOK, zalo_bot_webhook_secret="a" * 8)
    assert preflight.problems(good) == []
    polling = Settings(**base)  # no webhook URL: polling needs no secret
    assert preflight.problems(polling) == []


def test_telegram_secret_characters_are_checked(tmp_path: Path) -> None:
    settings = Settings(
        planbot_data_dir=tmp_path,
        telegram_bot_token=TOKEN,
        telegram_webhook_url=HOOK,
        telegram_webhook_secret="has space",
    )
    [problem] = preflight.problems(settings)
    assert "TELEGRAM_WEBHOOK_SECRET" in problem


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"TELEGRAM_WEBHOOK_URL": HOOK + "telegram"}, "TELEGRAM_WEBHOOK_SECRET"),
        (
            {"ZALO_BOT_TOKEN": ZALO_TOKEN, "ZALO_BOT_WEBHOOK_URL": HOOK + "zalo_bot"},
            "ZALO_BOT_WEBHOOK_SECRET",
        ),
    ],
)
def test_planbot_run_refuses_webhook_without_secret(
    fake: FakeTelegram, tmp_path: Path, env: dict[str, str], named: str
) -> None:
    data_dir = tmp_path / "data"
    database_with_leader(data_dir, "61")
    env = bot_env(
        data_dir, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.url, WEBHOOK_PORT="1", **env
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert named in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 30
    assert fake.sent("setWebhook") == [] and fake.sent("getMe") == []  # nothing started


async def test_forged_telegram_update_is_refused_when_no_secret_is_set(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    """Defence in depth: the app never accepts a body it cannot authenticate."""
    services = stubbed_services(tmp_path, telegram_bot_token=TOKEN, telegram_api_base_url=fake.url)
    adapter = TelegramAdapter(services.db, Dispatcher(services), services.settings)
    app = build_app(services.settings, {"telegram": adapter})
    forged = {
        "update_id": 9,
        "message": {
            "message_id": 9,
            "date": int(time.time()),
            "chat": {"id": 666, "type": "private"},
            "from": {"id": 1, "is_bot": False, "first_name": "admin?"},
            "text": "/admin invite admin -",
        },
    }
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hook") as client:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": ""}):
            response = await client.post("/webhook/telegram", json=forged, headers=headers)
            assert response.status_code == 401
    with services.db.session() as session:
        assert session.query(ChannelUpdate).count() == 0
    assert fake.texts(666) == []


async def test_oa_event_signed_with_an_empty_key_is_refused(tmp_path: Path) -> None:
    services = stubbed_services(tmp_path, zalo_oa_app_id="app1", zalo_oa_access_token="tok")
    adapter = ZaloOAAdapter(services.db, Dispatcher(services), services.settings)
    body = b'{"event_name":"user_send_text","timestamp":"1","sender":{"id":"u"},"message":{"msg_id":"m","text":"/admin users"}}'
    forged = signature.compute("app1", body, "1", "")  # what the attacker can compute
    app = build_app(services.settings, {"zalo_oa": adapter})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hook") as client:
        response = await client.post(
            "/webhook/zalo_oa", content=body, headers={"X-ZEvent-Signature": forged}
        )
    assert response.status_code == 401
    with services.db.session() as session:
        assert session.query(ChannelUpdate).count() == 0
    await adapter.stop()


def test_fake_zalo_refuses_set_webhook_without_secret() -> None:
    """The fake behaves as the platform does (what made ``planbot run`` die before)."""
    with FakeZaloBot() as fake:
        url = f"{fake.url}/bot{ZALO_TOKEN}/setWebhook"
        assert httpx.post(url, json={"url": HOOK}).json()["ok"] is False
        ok = httpx.post(url, json={"url": HOOK, "secret_token": "s" * 8}).json()
        assert ok["ok"] is True
