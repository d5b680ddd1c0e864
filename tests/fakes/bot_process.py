"""``planbot run`` as a child process against the fake Bot API, and a database of linked chats."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from fakes.channel import bot_env
from fakes.telegram_api import TOKEN, FakeTelegram
from storage import chat
from storage.db import Database
from storage.settings import Settings


def telegram_env(fake: FakeTelegram, data_dir: Path, **extra: str) -> dict[str, str]:
    return bot_env(
        data_dir,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.url,
        TELEGRAM_POLL_TIMEOUT="1",
        **extra,
    )


def start_bot(env: dict[str, str], cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_bot(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def kill_bot(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def database_with_chats(
    data_dir: Path, chat_ids: list[int], role: str = "member", url: str | None = None
) -> Database:
    """A migrated database with one linked Telegram user per chat id."""
    db = Database.from_settings(Settings(planbot_data_dir=data_dir, database_url=url))
    with db.session() as session:
        for chat_id in chat_ids:
            user = chat.create_user(session, f"Người {chat_id}", role)
            chat.add_identity(session, user, "telegram", str(chat_id), str(chat_id), "")
    return db
