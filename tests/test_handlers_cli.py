"""``planbot invite`` and ``planbot chat`` (the terminal channel) as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fakes.channel import bot_env

from knowledge import texts


def _planbot(args: list[str], data_dir: Path, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=bot_env(data_dir),
        cwd=data_dir.parent,
        timeout=120,
        check=True,
    )
    return done.stdout


def test_invite_json_then_terminal_chat_links_and_answers(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    out = _planbot(["invite", "--unit", "Sở Tư pháp", "--role", "head", "--json"], data_dir)
    code = json.loads(out)["code"]
    assert len(code) >= 6
    session = f"/start {code}\n/trogiup\n/nhiemvu\n/admin\n"
    transcript = _planbot(["chat", "--as", "An"], data_dir, stdin=session)
    assert "trưởng đơn vị — Sở Tư pháp" in transcript
    assert "/hanchot" in transcript
    assert texts.CHAT_TASKS_NONE.format(scope="Sở Tư pháp") in transcript
    assert texts.CHAT_NOT_ALLOWED in transcript


def test_first_terminal_user_is_a_demo_admin_with_numbered_menus(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    transcript = _planbot(["chat"], data_dir, stdin="/admin\n5\n")
    assert "quản trị viên" in transcript.splitlines()[0]
    assert "5. Danh sách người dùng" in transcript
    assert "#1 demo — quản trị viên — dòng lệnh" in transcript


def test_run_without_tokens_starts_the_terminal_chat(tmp_path: Path) -> None:
    transcript = _planbot(["run"], tmp_path / "data", stdin="/tiendo\n/tiendo bieudo\n")
    assert "Tiến độ thực hiện nhiệm vụ" in transcript  # over the bundled sample plan
    assert "tiendo-" in transcript and ".png" in transcript  # the chart's file


def test_invite_without_json_tells_in_vietnamese_what_to_send(tmp_path: Path) -> None:
    out = _planbot(["invite", "--role", "member", "--unit", "Sở Y tế"], tmp_path / "data")
    code = out.split()[2]
    assert out.splitlines() == [
        texts.CLI_INVITE_CREATED.format(
            code=code, role="cán bộ", unit=texts.CLI_INVITE_UNIT_SUFFIX.format(unit="Sở Y tế")
        ),
        texts.CLI_INVITE_SEND.format(code=code),
    ]


def test_help_is_vietnamese(tmp_path: Path) -> None:
    out = _planbot(["invite", "--help"], tmp_path / "data")
    assert out.startswith(texts.CLI_USAGE_PREFIX)
    flat = " ".join(out.split())  # argparse wraps help to the terminal's width
    assert texts.CLI_INVITE_DAYS in flat and texts.CLI_HELP in flat
