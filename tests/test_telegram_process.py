"""``planbot run`` as a real process against the fake Bot API: crash safety and speed."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.bot_process import start_bot as _start
from fakes.bot_process import stop_bot as _stop
from fakes.bot_process import telegram_env as _env
from fakes.chat import database_with_leader
from fakes.telegram_api import FakeTelegram

from storage.db import Database
from storage.models import ChannelUpdate
from storage.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CHAT_ID = 77


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def _statuses(db: Database) -> list[str]:
    with db.session() as session:
        return [u.status for u in session.query(ChannelUpdate).filter_by(channel="telegram")]


def test_update_survives_a_kill_and_is_answered_exactly_once(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    db = database_with_leader(data_dir, str(CHAT_ID))
    first = _start(_env(fake, data_dir, PLANBOT_TEST_HOLD_AFTER_PERSIST="1"), tmp_path)
    try:
        fake.push_text(CHAT_ID, "/trogiup")
        fake.wait_for(lambda: _statuses(db) == ["received"], timeout=30)
    finally:
        first.send_signal(signal.SIGKILL)  # between "stored" and "answered"
        first.wait()
    assert fake.texts(CHAT_ID) == []

    second = _start(_env(fake, data_dir), tmp_path)
    try:
        fake.wait_for(lambda: fake.texts(CHAT_ID), timeout=30)
        fake.wait_for(lambda: len(fake.sent("getUpdates")) >= 4, timeout=10)  # keeps polling
        time.sleep(1.0)
    finally:
        _stop(second)
    answers = fake.texts(CHAT_ID)
    assert len(answers) == 1 and "/nhiemvu" in answers[0]
    assert _statuses(db) == ["handled"]


def test_planbot_run_answers_a_question_within_one_second(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    db = database_with_leader(data_dir, str(CHAT_ID))
    if SEEDS.is_dir():  # a real plan makes the answer engine do real work
        from knowledge.ingest import ingest_file

        seed = sorted(SEEDS.glob("002*"))[0]
        ingest_file(db, seed, settings=Settings(planbot_data_dir=data_dir), sync=False)
    proc = _start(_env(fake, data_dir), tmp_path)
    try:
        fake.wait_for(lambda: fake.sent("getUpdates"), timeout=60)  # started and warmed up
        sent_at = time.monotonic()
        fake.push_text(CHAT_ID, "Sở Nội vụ có những nhiệm vụ nào?")
        fake.wait_for(lambda: fake.texts(CHAT_ID), timeout=10)
        answer = fake.texts(CHAT_ID)[0]
        elapsed = fake.call_times("sendMessage")[0] - sent_at
    finally:
        _stop(proc)
    assert elapsed < 1.0, f"answered in {elapsed:.2f}s"
    assert answer.strip()
    if SEEDS.is_dir():
        assert "Sở Nội vụ" in answer and "nhiệm vụ" in answer
