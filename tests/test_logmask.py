"""Tokens and secrets never reach a log line or a traceback (``bot.logmask``).

The attack: a wrong token printed the token in full in the traceback, and ``-v``
printed it in every request URL. Both run here as real ``planbot`` processes
against the fake Bot API.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.channel import bot_env
from fakes.chat import database_with_leader
from fakes.telegram_api import TOKEN, FakeTelegram

from bot.logmask import MASK, SecretMask

WRONG = "987654:WRONG-token-Secret-Part"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def _run(fake: FakeTelegram, tmp_path: Path, token: str, polls: int = 0) -> str:
    """``planbot -v run``'s stderr: until it exits, or after ``polls`` getUpdates calls."""
    data_dir = tmp_path / "data"
    database_with_leader(data_dir, "61")
    env = bot_env(
        data_dir,
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_BASE_URL=fake.url,
        TELEGRAM_POLL_TIMEOUT="1",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "-v", "run"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if polls:
        fake.wait_for(lambda: len(fake.sent("getUpdates")) >= polls, timeout=60)
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return err


def test_wrong_token_stops_with_the_setting_named_and_no_token(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    err = _run(fake, tmp_path, WRONG)
    assert "TELEGRAM_BOT_TOKEN" in err  # the failure itself is still explained
    assert WRONG not in err and "WRONG-token-Secret-Part" not in err
    assert MASK in err  # the -v request log of the refused getMe is masked


def test_a_fatal_traceback_is_masked(tmp_path: Path) -> None:
    script = (
        "from bot import logmask\n"
        f"logmask.install([{WRONG!r}])\n"
        "import logging; logging.basicConfig()\n"
        f"logging.getLogger('x').error('calling https://h/bot{WRONG}/getMe')\n"
        f"raise RuntimeError('The token `{WRONG}` was rejected by the server.')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert "Traceback" in done.stderr and "RuntimeError" in done.stderr
    assert "WRONG-token-Secret-Part" not in done.stderr
    assert done.stderr.count(MASK) >= 2


def test_verbose_request_logs_do_not_show_the_token(fake: FakeTelegram, tmp_path: Path) -> None:
    err = _run(fake, tmp_path, TOKEN, polls=2)
    requests = [line for line in err.splitlines() if "HTTP Request" in line]
    assert any("getUpdates" in line for line in requests), err[-2000:]
    assert all(f"/bot{MASK}/" in line for line in requests)
    assert TOKEN not in err and TOKEN.split(":")[1] not in err


def test_mask_covers_messages_arguments_and_tracebacks() -> None:
    mask = SecretMask(["zalo-secret-value", None, "ab"])
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "got %s", ("zalo-secret-value",), None
    )
    try:
        raise RuntimeError(f"url https://h/bot{WRONG}/getMe failed")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    mask.record(record)
    text = logging.Formatter().format(record)
    assert "zalo-secret-value" not in text and WRONG not in text
    assert "RuntimeError" in text and text.count(MASK) >= 2
    assert mask("ab 12:30 ok") == "ab 12:30 ok"  # short values and times are left alone
