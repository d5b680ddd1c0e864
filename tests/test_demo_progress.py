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
from fakes.chat import StubEngine

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
    assert re.search(r"Tổng số \d+ nhiệm vụ; đã hoàn thành [1-9]", text)
    png = Path(re.search(r"\[Ảnh: (\S+)\]", text).group(1))  # type: ignore[union-attr]
    assert png.read_bytes().startswith(b"\x89PNG")
    xlsx = Path(re.search(r"\[Tệp: (\S+)\]", text).group(1))  # type: ignore[union-attr]
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    reported = [r for r in rows[1:] if r[6] is not None and r[6] > 0]
    assert {r[6] for r in reported} >= {100, 60}
