"""``planbot invite`` and ``planbot chat`` (the terminal channel) as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fakes.channel import bot_env

from bot import texts


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


SAMPLE = (
    Path(__file__).resolve().parent.parent / "bot" / "samples" / "ke-hoach-mau-so-tu-phap-2026.md"
)


def _planbot_failing(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``planbot`` expecting a refusal: the caller checks the exit code and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=bot_env(data_dir),
        cwd=data_dir.parent,
        timeout=120,
    )


def _with_sample(data_dir: Path) -> None:
    """Units come from loaded plans: an invite names one of them."""
    _planbot(["ingest", str(SAMPLE)], data_dir)


def test_invite_json_then_terminal_chat_links_and_answers(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _with_sample(data_dir)
    out = _planbot(["invite", "--unit", "Sở Tư pháp", "--role", "head", "--json"], data_dir)
    code = json.loads(out)["code"]
    assert len(code) >= 6
    session = f"/start {code}\n/trogiup\n/nhiemvu\n/admin\n"
    transcript = _planbot(["chat", "--as", "An"], data_dir, stdin=session)
    assert "trưởng đơn vị — Sở Tư pháp" in transcript
    assert "/hanchot" in transcript
    # The sample plan's tasks are led by the Sở's own offices: its head sees them.
    assert "Nhiệm vụ của Sở Tư pháp (" in transcript
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
    _with_sample(tmp_path / "data")
    # typed without diacritics, resolved through the alias table
    out = _planbot(["invite", "--role", "member", "--unit", "so tu phap"], tmp_path / "data")
    code = out.split()[2]
    assert out.splitlines() == [
        texts.CLI_INVITE_CREATED.format(
            code=code, role="cán bộ", unit=texts.CLI_INVITE_UNIT_SUFFIX.format(unit="Sở Tư pháp")
        ),
        texts.CLI_INVITE_SEND.format(code=code),
    ]


def test_help_is_vietnamese(tmp_path: Path) -> None:
    out = _planbot(["invite", "--help"], tmp_path / "data")
    assert out.startswith(texts.CLI_USAGE_PREFIX)
    flat = " ".join(out.split())  # argparse wraps help to the terminal's width
    assert texts.CLI_INVITE_DAYS in flat and texts.CLI_HELP in flat


def test_invite_for_an_unknown_unit_is_refused_with_the_closest_names(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _with_sample(data_dir)
    done = _planbot_failing(["invite", "--role", "head", "--unit", "Sở Tư phap tỉnh"], data_dir)
    assert done.returncode == 2
    assert "Sở Tư pháp" in done.stderr and "Có phải" in done.stderr
    units = json.loads(_planbot(["units", "--json"], data_dir))
    assert not any(u["name"] == "Sở Tư phap tỉnh" for u in units)  # no phantom unit


def test_tasks_for_a_unit_resolve_names_and_refuse_unknown_ones(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _with_sample(data_dir)
    found = json.loads(_planbot(["tasks", "--unit", "thanh tra so", "--json"], data_dir))
    assert found and all("Thanh tra Sở" in t["lead_units"] for t in found)
    done = _planbot_failing(["tasks", "--unit", "Thanh tra Sỏ tỉnh"], data_dir)
    assert done.returncode == 1
    assert "Có phải" in done.stderr and "Thanh tra Sở" in done.stderr
