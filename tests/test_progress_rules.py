"""Report rules over a real SQLite file: who may report, history, edits, review, evidence."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from progress_fixtures import plan_db, unit_named
from sqlalchemy import select

from knowledge.progress import evidence, reporting
from knowledge.progress.board import build_board
from knowledge.progress.reporting import Reporter, ReportError
from knowledge.progress.service import load_task
from knowledge.progress.status import ReportState, StatusClass
from storage import chat
from storage import progress as store
from storage.db import Database
from storage.models import TaskRow

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 2, 0)  # naive UTC: 09:00 in Hà Nội


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return plan_db(tmp_path / "p.sqlite3", with_seeds=False)


def _task(session: object, number: str) -> TaskRow:
    row = session.scalar(select(TaskRow).where(TaskRow.number == number, TaskRow.kind == "task"))  # type: ignore[attr-defined]
    task = load_task(session, row.id)  # type: ignore[arg-type]
    assert task is not None
    return task


def _person(session: object, unit: str, role: str = "head", name: str = "Trưởng phòng") -> Reporter:
    unit_row = unit_named(session, unit)
    user = chat.create_user(session, name, role, unit_row.id)  # type: ignore[arg-type]
    return Reporter(user.id, name, role, unit_row.id, channel="telegram")


def test_only_the_lead_unit_reports_and_the_refusal_names_it(db: Database) -> None:
    with db.session() as s:
        task = _task(s, "7")  # led by Phòng Hành chính tư pháp
        outsider = _person(s, "Thanh tra Sở")
        with pytest.raises(ReportError) as refused:
            reporting.submit(s, outsider, task, ReportState.DONE, now=NOW)
        assert "Phòng Hành chính tư pháp" in refused.value.message
        viewer = _person(s, "Phòng Hành chính tư pháp", role="viewer")
        assert not reporting.permission(s, viewer, task).allowed
        member = _person(s, "Phòng Hành chính tư pháp", role="member")
        assert reporting.permission(s, member, task).allowed
        admin = Reporter(None, "Quản trị", "admin", None)
        assert reporting.permission(s, admin, task).allowed


def test_a_coordinating_unit_may_comment_but_not_report(db: Database) -> None:
    with db.session() as s:
        task = _task(s, "3")  # Thanh tra Sở leads, Văn phòng Sở coordinates
        office = _person(s, "Văn phòng Sở|Sở Tư pháp")
        allowed = reporting.permission(s, office, task)
        assert allowed.access is reporting.Access.COMMENT and "Thanh tra Sở" in (
            allowed.reason or ""
        )
        reporting.comment(s, office, task, "Đã cử 2 cán bộ tham gia đoàn kiểm tra", now=NOW)
        history = store.history(s, task.id)
        assert [(h.kind, h.status) for h in history] == [("comment", None)]
        assert store.current_reports(s, [task.id]) == []


def test_two_heads_reporting_at_once_both_stay_in_the_history(db: Database) -> None:
    with db.session() as s:
        task = _task(s, "8")
        a = _person(s, "Phòng Hành chính tư pháp", name="Trưởng phòng A")
        b = _person(s, "Phòng Hành chính tư pháp", name="Phó phòng B")
        reporting.submit(s, a, task, ReportState.IN_PROGRESS, percent=40, now=NOW)
        reporting.submit(s, b, task, ReportState.IN_PROGRESS, percent=50, now=NOW)
        history = store.history(s, task.id)
        assert [(h.reporter_name, h.percent) for h in history] == [
            ("Trưởng phòng A", 40),
            ("Phó phòng B", 50),
        ]
        assert len(chat.audit_entries(s, "progress.report")) == 2
        board = build_board(s, NOW + timedelta(days=1), tz=TZ)
        row = next(r for r in board.rows if r.task.id == task.id)
        assert row.reported is not None and row.reported.percent == 50  # the latest wins


def test_edit_within_24_hours_keeps_every_version_and_later_is_refused(db: Database) -> None:
    with db.session() as s:
        task = _task(s, "7")
        head = _person(s, "Phòng Hành chính tư pháp")
        first = reporting.submit(s, head, task, ReportState.IN_PROGRESS, percent=60, now=NOW)
        second = reporting.edit(
            s,
            head,
            first.id,
            ReportState.DONE,
            note="QĐ số 15/QĐ-STP",
            now=NOW + timedelta(hours=3),
        )
        assert [(h.status, h.superseded) for h in store.history(s, task.id)] == [
            ("in_progress", True),
            ("done", False),
        ]
        assert second.percent == 100 and task.status == "done"
        other = _person(s, "Phòng Hành chính tư pháp", name="Người khác")
        with pytest.raises(ReportError):
            reporting.edit(s, other, second.id, ReportState.BLOCKED, now=NOW + timedelta(hours=4))
        with pytest.raises(ReportError) as late:
            reporting.withdraw(s, head, second.id, now=NOW + timedelta(hours=28))
        assert "24 giờ" in late.value.message
        reporting.withdraw(s, head, second.id, now=NOW + timedelta(hours=5))
        assert store.current_reports(s, [task.id]) == []
        assert len(store.history(s, task.id)) == 2  # withdrawn, not deleted


def test_a_returned_report_counts_as_not_completed(db: Database) -> None:
    with db.session() as s:
        task = _task(s, "4")  # due Quý I/2026
        head = _person(s, "Phòng Xây dựng và Kiểm tra văn bản")
        leader = Reporter(chat.create_user(s, "Lãnh đạo", "leader").id, "Lãnh đạo", "leader", None)
        report = reporting.submit(s, head, task, ReportState.DONE, now=NOW)
        with pytest.raises(ReportError):
            reporting.review(s, leader, report.id, accept=False, now=NOW)  # a reason is required
        with pytest.raises(ReportError):
            reporting.review(s, head, report.id, accept=True, now=NOW)  # not a reviewer
        reporting.review(
            s, leader, report.id, accept=False, reason="Chưa có báo cáo kết quả", now=NOW
        )
        later = datetime(2026, 4, 2, 2, 0)
        row = next(r for r in build_board(s, later, tz=TZ).rows if r.task.id == task.id)
        assert row.status_class is StatusClass.OPEN_OVERDUE
        assert task.status != "done"
        reporting.review(s, leader, report.id, accept=True, now=NOW)
        row = next(r for r in build_board(s, later, tz=TZ).rows if r.task.id == task.id)
        assert row.status_class is StatusClass.DONE_ON_TIME


def test_classes_over_the_sample_plan(db: Database) -> None:
    with db.session() as s:
        hctp = _person(s, "Phòng Hành chính tư pháp")
        reporting.submit(s, hctp, _task(s, "7"), ReportState.DONE, now=datetime(2026, 7, 3, 2))
        board = build_board(s, datetime(2026, 7, 6, 9), tz=TZ)
        by = {(r.task.number, r.occurrence.key): r.status_class for r in board.rows}
        assert by[("7", "2026-06-30")] is StatusClass.DONE_LATE
        assert by[("4", "2026-03-31")] is StatusClass.OPEN_OVERDUE
        assert by[("3", "2026-06-30")] is StatusClass.OPEN_OVERDUE
        assert by[("3", "2026-12-31")] is StatusClass.OPEN_IN_TIME
        assert by[("5", "")] is StatusClass.NO_DEADLINE  # Thường xuyên
        assert by[("12", "2026-07")] is StatusClass.OPEN_IN_TIME
        assert len([k for k in by if k[0] == "2"]) == 4  # Hằng quý: four quarters
        soon = build_board(s, datetime(2026, 6, 25, 9), tz=TZ)
        assert {r.status_class for r in soon.rows if r.task.number == "7"} == {StatusClass.DUE_SOON}
        stats = board.stats()
        assert stats.sentence().startswith(
            f"Tổng số {stats.dated} nhiệm vụ; đã hoàn thành 1 (đúng hạn 0, quá hạn 1)"
        )


def test_evidence_is_stored_once_by_content_hash(db: Database, tmp_path: Path) -> None:
    scan = tmp_path / "qd-15.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned decision")
    data_dir = tmp_path / "data"
    with db.session() as s:
        head = _person(s, "Phòng Hành chính tư pháp")
        report = reporting.submit(s, head, _task(s, "7"), ReportState.DONE, now=NOW)
        first = evidence.attach(s, data_dir, report.id, scan, "QĐ 15.pdf")
        second = evidence.attach(s, data_dir, report.id, scan, "ban sao.pdf")
        assert first.sha256 == second.sha256 and first.mime_type == "application/pdf"
        assert (data_dir / first.stored_path).read_bytes() == scan.read_bytes()
        assert len(list((data_dir / "evidence").rglob("*"))) == 2  # one folder, one file
        big = tmp_path / "big.bin"
        big.write_bytes(b"x" * 2048)
        with pytest.raises(ReportError):
            evidence.store_file(data_dir, big, limit=1024)
