"""The guided report's steps as plain functions: a plain "hoàn thành" in five taps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from progress_fixtures import plan_db, unit_named

from handlers import report_flow as flow
from knowledge.progress import service
from knowledge.progress.reporting import Reporter
from knowledge.progress.status import ReportState
from storage import progress as store
from storage.db import Database

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return plan_db(tmp_path / "f.sqlite3", with_seeds=False)


def test_plain_done_in_five_taps_and_every_callback_fits_64_bytes(db: Database) -> None:
    with db.session() as s:
        unit = unit_named(s, "Văn phòng Sở|Sở Tư pháp")
        page = flow.open_tasks(s, unit.id, NOW, TZ)  # tap 1: /baocao
        menu = flow.task_menu(page)
        dues = [r.occurrence.due for r in page.rows if r.occurrence.due]
        assert dues == sorted(dues) and len(page.rows) <= flow.PAGE_SIZE
        assert page.rows[0].task.number == "1"  # January's plan, overdue: first
        assert page.pages == 1 and len(page.rows) == 5  # tasks 1, 2, 6, 11, 12
        row = page.rows[0]
        draft = flow.ReportDraft(row.task.id, row.task.title, row.occurrence.key)  # tap 2
        draft, step = flow.choose_state(draft, ReportState.DONE)  # tap 3: no percent step
        assert draft.percent == 100 and step.buttons[0][0].label == "Bỏ qua"  # tap 4
        confirm = flow.confirm(draft)
        assert [b.label for b in confirm.buttons[0]] == ["Xác nhận", "Sửa", "Huỷ"]
        head = Reporter(None, "Chánh Văn phòng", "head", unit.id, channel="telegram")
        saved = flow.save(s, head, draft, NOW)  # tap 5
        assert "Hoàn thành" in saved.text
        [report] = store.current_reports(s, [row.task.id])
        assert (report.status, report.percent, report.occurrence) == ("done", 100, "2026-01-31")
        replies = [menu, flow.status_menu(draft), flow.percent_menu(draft), confirm]
        assert all(len(b.data.encode()) <= 64 for r in replies for line in r.buttons for b in line)
        filtered = flow.open_tasks(s, unit.id, NOW, TZ, word="ky nang so")
        assert [r.task.number for r in filtered.rows] == ["11"]


def test_one_message_is_read_with_its_evidence_check_and_its_permission(db: Database) -> None:
    with db.session() as s:
        unit = unit_named(s, "Phòng Hành chính tư pháp")
        head = Reporter(None, "Trưởng phòng", "head", unit.id)
        read = service.read_report(s, "NV 7 đã ban hành KH số 15/KH-STP, hoàn thành", head)
        parsed = read.parsed
        assert parsed.task is not None and parsed.task.number == "7"
        assert parsed.status is ReportState.DONE
        assert parsed.evidence_warning and "mã loại “KH”" in parsed.evidence_warning
        assert read.permission is not None and read.permission.allowed
        assert store.current_reports(s) == []  # reading saves nothing
        outsider = Reporter(None, "Thanh tra", "head", unit_named(s, "Thanh tra Sở").id)
        refused = service.read_report(s, "NV 7 xong", outsider).permission
        assert refused is not None and not refused.allowed
        assert "Phòng Hành chính tư pháp" in (refused.reason or "")
