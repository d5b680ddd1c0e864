"""The demo (``make run`` without a token): the local admin reports on the bundled
sample plan by numbered buttons and by one message, then sees ``/tiendo``, the
chart and the export, all in the terminal."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from fakes.chat import StubEngine

from bot.cli import main
from bot.runtime import load_demo_plan
from bot.terminal import run_terminal
from handlers.services import Services
from storage.db import Database
from storage.settings import Settings

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_local_admin_reports_and_sees_progress_over_the_sample_plan(tmp_path: Path) -> None:
    settings = Settings(planbot_data_dir=tmp_path / "data")
    db = Database.from_settings(settings)
    load_demo_plan(db)
    services = Services(db, settings, clock=lambda: datetime(2026, 3, 10, 9, 0, tzinfo=TZ))
    services._engine = StubEngine()  # type: ignore[assignment]
    lines = [
        "/baocao",
        "1",  # the soonest task: STT 1, due January
        "1",  # Hoàn thành
        "1",  # Bỏ qua (no note)
        "1",  # Xác nhận
        "nhiem vu 7 dang thuc hien 60%, dang lay y kien cac don vi",
        "1",  # Xác nhận
        "/tiendo",
        "/tiendo bieudo",
        "/xuat",
    ]
    out = io.StringIO()
    run_terminal(services, "demo", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    text = out.getvalue()
    assert len(re.findall(r"Đã ghi báo cáo #\d+", text)) == 2, text
    assert "Rút ngắn thời gian giải quyết TTHC" in text  # the one-message report's task
    assert "Ghi chú: dang lay y kien cac don vi" in text  # what is being done, kept as typed
    assert re.search(r"Tổng số \d+ nhiệm vụ; đã hoàn thành [1-9]", text)
    png = Path(re.search(r"\[Ảnh: (\S+)\]", text).group(1))  # type: ignore[union-attr]
    assert png.read_bytes().startswith(b"\x89PNG")
    xlsx = Path(re.search(r"\[Tệp: (\S+)\]", text).group(1))  # type: ignore[union-attr]
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    reported = [r for r in rows[1:] if r[6] is not None and r[6] > 0]
    assert {r[6] for r in reported} >= {100, 60}


def test_planbot_run_without_a_token_is_the_demo_chat(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``planbot run`` itself, as ``make run`` calls it: no token set, so the sample
    plan is loaded and the terminal chat reads the local admin's lines (today's date)."""
    for name in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "ZALO_OA_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(data_dir.parent)  # no .env of a developer's
    lines = ["nhiem vu 7 dang thuc hien 60%", "1", "/tiendo", "/xuat"]  # 1: Xác nhận
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["run"]) == 0
    text = capsys.readouterr().out
    assert "Đã nạp kế hoạch" in text and "quản trị viên" in text
    assert re.search(r"Đã ghi báo cáo #1: 7 Rút ngắn thời gian giải quyết TTHC", text), text
    assert re.search(r"Tổng số \d+ nhiệm vụ", text)
    xlsx = Path(re.search(r"\[Tệp: (\S+)\]", text).group(1))  # type: ignore[union-attr]
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert [r[6] for r in rows[1:] if str(r[1]).startswith("7. ")] == [60]
