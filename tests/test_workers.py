"""Several ``planbot run`` processes on one database, killed and restarted, against
the fake Bot API: every update answered exactly once, every push delivered, a
conversation flow continues after a restart."""

from __future__ import annotations

import random
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.bot_process import (
    database_with_chats,
    kill_bot,
    start_bot,
    stop_bot,
    telegram_env,
)
from fakes.telegram_api import FakeTelegram
from servers import postgres_server

from bot import texts
from handlers.access import role_name
from handlers.data import get_or_create_unit
from handlers.messages import Reply, reply_to_payload
from storage import outbox
from storage.db import Database
from storage.models import ChannelUpdate

UPDATES = 200  # enough for both workers to race on the same chats many times
ANSWERED = re.compile(r"“(/q[a-z]+)”")  # CHAT_UNKNOWN_COMMAND quotes the command


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def word(n: int) -> str:
    """A distinct lower-case word per number (commands are letters only)."""
    out = ""
    n += 26
    while n:
        n, r = divmod(n, 26)
        out += chr(ord("a") + r)
    return out


def answers(fake: FakeTelegram) -> Counter[str]:
    found: Counter[str] = Counter()
    for params in fake.sent("sendMessage"):
        match = ANSWERED.search(str(params.get("text", "")))
        if match:
            found[match.group(1)] += 1
    return found


def delivered(fake: FakeTelegram, prefix: str) -> Counter[str]:
    return Counter(
        str(p.get("text"))
        for p in fake.sent("sendMessage")
        if str(p.get("text")).startswith(prefix)
    )


def _workers_of(db: Database) -> set[str | None]:
    with db.session() as session:
        return {u.claimed_by for u in session.query(ChannelUpdate).filter_by(status="handled")}


def _two_workers(fake: FakeTelegram, tmp_path: Path, url: str | None) -> None:
    chats = list(range(2001, 2101))
    data_dir = tmp_path / "data"
    db = database_with_chats(data_dir, chats, url=url)
    extra = {"TELEGRAM_SEND_RATE": "1000", "TELEGRAM_CHAT_RATE": "100"}
    if url:
        extra["DATABASE_URL"] = url
    env = telegram_env(fake, data_dir, **extra)
    procs = [start_bot(env, tmp_path) for _ in range(2)]
    try:
        fake.wait_for(lambda: fake.sent("getUpdates"), timeout=60)
        started = time.monotonic()
        commands = [f"/q{word(i)}" for i in range(UPDATES)]
        for i, command in enumerate(commands):
            fake.push_text(chats[i % len(chats)], command)
        fake.wait_for(lambda: len(answers(fake)) == UPDATES, timeout=120)
        elapsed = time.monotonic() - started
        time.sleep(1.0)  # a late second answer would show now
    finally:
        for proc in procs:
            stop_bot(proc)
    counts = answers(fake)
    print(
        f"{UPDATES} updates, 2 workers: {len(counts)} answered in {elapsed:.1f} s, "
        f"max {max(counts.values())} each"
    )
    assert set(counts) == set(commands)
    assert set(counts.values()) == {1}, [c for c, n in counts.items() if n > 1]
    assert len(_workers_of(db)) == 2  # both workers really took part


def test_two_workers_on_sqlite_answer_each_update_once(fake: FakeTelegram, tmp_path: Path) -> None:
    _two_workers(fake, tmp_path, None)


def test_two_workers_on_postgresql_answer_each_update_once(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    with postgres_server() as pg:
        url = pg.create_database(f"w_{uuid.uuid4().hex[:10]}")
        _two_workers(fake, tmp_path, url)


def _queue_pushes(db: Database, chats: list[int], numbers: range) -> list[str]:
    textsent = []
    with db.session() as session:
        for n in numbers:
            text = f"Nhắc việc số {n}"
            outbox.enqueue(
                session,
                channel="telegram",
                chat_id=str(chats[n % len(chats)]),
                payload=reply_to_payload(Reply(text=text)),
                dedupe_key=outbox.dedupe_key("test-alert", n),
            )
            textsent.append(text)
    return textsent


def test_random_kills_lose_no_update_and_no_push(fake: FakeTelegram, tmp_path: Path) -> None:
    chats = list(range(3001, 3021))
    data_dir = tmp_path / "data"
    db = database_with_chats(data_dir, chats)
    env = telegram_env(fake, data_dir, TELEGRAM_CHAT_RATE="20")
    pushes = _queue_pushes(db, chats, range(30))
    commands: list[str] = []

    def load() -> None:  # 5 rounds of one message per chat, about 5 s in all
        for round_no in range(5):
            for i, chat_id in enumerate(chats):
                command = f"/q{word(round_no * 100 + i)}"
                commands.append(command)
                fake.push_text(chat_id, command)
            time.sleep(1.0)

    rng = random.Random()
    proc = start_bot(env, tmp_path)
    kills = 0
    try:
        fake.wait_for(lambda: fake.sent("getUpdates"), timeout=60)
        driver = threading.Thread(target=load)
        driver.start()
        for _ in range(3):
            time.sleep(rng.uniform(1.0, 2.5))
            kill_bot(proc)
            kills += 1
            if kills == 2:
                pushes += _queue_pushes(db, chats, range(30, 60))  # a job queued while down
            proc = start_bot(env, tmp_path)
        driver.join()
        fake.wait_for(
            lambda: (
                len(answers(fake)) == len(commands)
                and len(delivered(fake, "Nhắc việc số ")) == len(pushes)
            ),
            timeout=90,
        )
        time.sleep(1.0)
    finally:
        stop_bot(proc)
    replies, sent = answers(fake), delivered(fake, "Nhắc việc số ")
    # Replies are sent by the turn's worker, pushes by the sender: each path may repeat
    # the one message it had in flight when killed, so each is bounded by the kills.
    reply_dups = sum(n - 1 for n in replies.values())
    push_dups = sum(n - 1 for n in sent.values())
    print(
        f"kills={kills} updates={len(commands)} answered={len(replies)} "
        f"pushes={len(pushes)} delivered={len(sent)} "
        f"duplicate_replies={reply_dups} duplicate_pushes={push_dups}"
    )
    assert set(replies) == set(commands)
    assert set(sent) == set(pushes)
    assert reply_dups <= kills and push_dups <= kills


def _buttons(params: dict[str, object]) -> dict[str, str]:
    markup = params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return {b["text"]: b["callback_data"] for row in rows for b in row}


def test_a_flow_continues_where_it_was_after_a_restart(fake: FakeTelegram, tmp_path: Path) -> None:
    admin = 4001
    data_dir = tmp_path / "data"
    db = database_with_chats(data_dir, [admin], role="admin")
    with db.session() as session:  # an invite names a unit that a loaded plan knows
        get_or_create_unit(session, "Sở Tư pháp")
    env = telegram_env(fake, data_dir)
    proc = start_bot(env, tmp_path)
    try:
        fake.push_text(admin, "/admin invite")
        [menu] = fake.wait_for(lambda: fake.sent("sendMessage", admin), timeout=60)
        assert menu["text"].startswith(texts.CHAT_ADMIN_INVITE_ROLE)
        fake.push_callback(admin, _buttons(menu)[role_name("head")])
        fake.wait_for(lambda: len(fake.texts(admin)) == 2)
        assert fake.texts(admin)[1].startswith(texts.CHAT_ADMIN_INVITE_UNIT)
        kill_bot(proc)
        proc = start_bot(env, tmp_path)
        fake.push_text(admin, "Sở Tư pháp")
        fake.wait_for(lambda: "Đã tạo mã mời" in fake.texts(admin)[-1], timeout=60)
    finally:
        stop_bot(proc)
    # A kill right after a send may repeat that one message (its "sent" mark was lost).
    said = [t for i, t in enumerate(fake.texts(admin)) if t not in fake.texts(admin)[:i]]
    assert len(said) == 3 and len(fake.texts(admin)) <= 4
    created = said[2]
    assert "Đã tạo mã mời" in created and role_name("head") in created
    assert "Sở Tư pháp" in created
