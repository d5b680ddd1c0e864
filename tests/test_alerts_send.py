"""``planbot alerts --send`` against the fake Bot API (real python-telegram-bot):
run twice sends nothing new; a sender killed mid-batch and restarted loses
nothing and repeats at most the one message in flight; 429s are honoured."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alert_fixtures import OFFICE, World, build_world
from fakes.channel import bot_env
from fakes.telegram_api import TOKEN, FakeTelegram

from knowledge.alerts import planner
from storage import chat, repositories

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-02-23 08:00"  # a Monday: digests and reminders


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def _env(fake: FakeTelegram, data_dir: Path) -> dict[str, str]:
    return bot_env(
        data_dir,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.url,
        ALERTS_COORDINATING_OFFICE=OFFICE,
    )


def _alerts(env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "alerts", "--send", "--now", NOW, *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _run(env: dict[str, str]) -> str:
    proc = _alerts(env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def _add_heads(world: World, unit: str, count: int, base_chat: int) -> None:
    with world.db.session() as session:
        unit_id = repositories.resolve_units(session, unit)[0].id
        for i in range(count):
            user = chat.create_user(session, f"Trưởng {i}", "head", unit_id)
            chat_id = str(base_chat + i)
            chat.add_identity(session, user, "telegram", chat_id, chat_id, user.display_name)
            world.chats[user.display_name] = chat_id


def _expected(world: World) -> Counter[str]:
    now = datetime.fromisoformat(NOW)
    alerts = planner.due_now(world.input(now.date()), now)
    return Counter(a.chat_id for a in alerts if a.chat_id)


def _delivered(fake: FakeTelegram) -> Counter[tuple[str, str]]:
    return Counter((str(c["chat_id"]), str(c["text"])) for c in fake.sent("sendMessage"))


def test_send_twice_sends_nothing_new_and_has_the_report_button(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    world = build_world(data_dir)
    env = _env(fake, data_dir)
    first = _run(env)
    expected = _expected(world)
    sent = fake.sent("sendMessage")
    assert len(sent) == sum(expected.values()) > 0, first
    assert Counter(str(c["chat_id"]) for c in sent) == expected
    lan = fake.texts(world.chats["Lan"])
    assert any("Tổng hợp tuần 23/02/2026 — Văn phòng Sở" in t for t in lan)  # after Tết
    with_button = [c for c in sent if "reply_markup" in c]
    assert with_button and "Báo cáo tiến độ" in str(with_button[0]["reply_markup"])
    second = _run(env)
    assert len(fake.sent("sendMessage")) == len(sent), second
    assert "Đã đưa 0 tin mới" in second


def test_sender_killed_mid_batch_loses_nothing(fake: FakeTelegram, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    world = build_world(data_dir)
    _add_heads(world, OFFICE, 60, 9000)
    env = _env(fake, data_dir)
    expected = _expected(world)
    total = sum(expected.values())
    assert total >= 60
    proc = _alerts(env)
    try:
        fake.wait_for(lambda: len(fake.sent("sendMessage")) >= total // 3, timeout=60)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    at_kill = len(fake.sent("sendMessage"))
    assert at_kill < total, "the batch finished before the kill"
    _run(env)
    delivered = _delivered(fake)
    per_chat = Counter(chat_id for chat_id, _ in delivered.elements())
    distinct = Counter(chat_id for chat_id, _ in delivered)
    assert distinct == expected  # nothing lost
    duplicates = sum(per_chat.values()) - sum(distinct.values())
    print(f"killed after {at_kill}/{total} sends; duplicates after restart: {duplicates}")
    assert duplicates <= 1


def test_429_retry_after_is_honoured(fake: FakeTelegram, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    world = build_world(data_dir)
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    _run(_env(fake, data_dir))
    times = fake.call_times("sendMessage")
    assert len(times) == sum(_expected(world).values()) + 1  # the refused call, then all
    assert times[1] - times[0] >= 1.0  # waited retry_after before anything else
    assert Counter(str(c["chat_id"]) for c in fake.sent("sendMessage")[1:]) == _expected(world)
