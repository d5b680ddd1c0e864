"""``planbot report parse|add``, ``tasks --json`` progress fields, ``export`` and
``report-draft``: files opened with openpyxl and python-docx."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from progress_fixtures import SAMPLE_PLAN

from bot import texts
from bot.cli import main
from knowledge.ingest import ingest_file
from knowledge.progress import service
from knowledge.progress.reporting import Reporter
from knowledge.progress.status import ReportState
from storage import chat
from storage.db import Database


@pytest.fixture
def sample(data_dir: Path) -> Database:
    db = Database.from_settings()
    ingest_file(db, SAMPLE_PLAN, sync=False)
    return db


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _task_id(capsys: pytest.CaptureFixture[str], number: str) -> int:
    tasks = _json(capsys, ["tasks", "--json"])
    assert isinstance(tasks, list)
    return next(t["id"] for t in tasks if t["number"] == number and t["kind"] == "task")


def test_report_parse_follows_the_json_contract(
    sample: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    got = _json(
        capsys,
        [
            "report",
            "parse",
            "--unit",
            "Phòng Hành chính tư pháp",
            "--now",
            "2026-03-02",
            "--json",
            "NV 7 đã trình dự thảo phương án, 70%, chờ ý kiến Sở TT&TT",
        ],
    )
    assert isinstance(got, dict)
    assert {"kind", "task", "candidates", "status", "percent", "note", "allowed", "reason"} <= set(
        got
    )
    assert got["kind"] == "report" and got["task"]["number"] == "7"
    assert set(got["task"]) >= {"id", "number", "document", "title"}
    assert (got["status"], got["percent"], got["allowed"], got["reason"]) == (
        "in_progress",
        70,
        True,
        None,
    )
    refused = _json(
        capsys, ["report", "parse", "--unit", "Thanh tra Sở", "--json", "NV 7 xong 100%"]
    )
    assert isinstance(refused, dict)
    assert refused["allowed"] is False and "Phòng Hành chính tư pháp" in refused["reason"]
    question = _json(
        capsys, ["report", "parse", "--unit", "Thanh tra Sở", "--json", "nhiệm vụ 3 hạn bao giờ?"]
    )
    assert question == {**question, "kind": "not_a_report", "task": None, "status": None}
    with Database.from_settings().session() as s:
        assert not chat.audit_entries(s, "progress.report")  # parse saved nothing


def test_report_add_is_audited_and_shows_in_tasks_json(
    sample: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    task_id = _task_id(capsys, "4")
    added = _json(
        capsys,
        [
            "report",
            "add",
            "--task",
            str(task_id),
            "--status",
            "in_progress",
            "--percent",
            "40",
            "--note",
            "đã rà soát 120/300 văn bản",
            "--unit",
            "Phòng Xây dựng và Kiểm tra văn bản",
            "--json",
        ],
    )
    assert isinstance(added, dict) and added["occurrence"] == "2026-03-31"
    with Database.from_settings().session() as s:
        [entry] = chat.audit_entries(s, "progress.report")
        assert entry.detail["task_id"] == task_id and entry.detail["channel"] == "cli"
    tasks = _json(capsys, ["tasks", "--json"])
    assert isinstance(tasks, list)
    row = next(t for t in tasks if t["id"] == task_id)
    assert (row["status"], row["percent"]) == ("in_progress", 40)
    assert row["status_class"] == "Chưa hoàn thành - quá hạn"  # Quý I/2026 is past by now
    assert row["last_report_at"] is not None
    early = _json(capsys, ["tasks", "--json", "--now", "2026-01-05"])
    assert isinstance(early, list)
    first = next(t for t in early if t["id"] == task_id)
    assert (
        first["status_class"] == "Chưa hoàn thành - trong hạn" and first["last_report_at"] is None
    )
    assert (
        main(["report", "add", "--task", str(task_id), "--status", "done", "--percent", "140"]) == 1
    )
    assert "0 đến 100" in capsys.readouterr().err


def test_export_xlsx_has_one_row_per_occurrence(
    sample: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    task_id = _task_id(capsys, "7")
    assert (
        main(
            [
                "report",
                "add",
                "--task",
                str(task_id),
                "--status",
                "done",
                "--note",
                "QĐ số 15/QĐ-STP",
            ]
        )
        == 0
    )
    out = tmp_path / "tien-do.xlsx"
    assert main(["export", "--format", "xlsx", "--output", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert header == list(texts.EXPORT_HEADERS)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:K")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    # 12 tasks: "Hằng quý" gives 4 rows, "Hằng tháng" 12, "Quý II, Quý IV" 2, two waves 2.
    assert len(rows) == 12 - 4 + 4 + 12 + 2 + 2
    seven = next(r for r in rows if str(r[1]).startswith("7. "))
    assert seven[2] == "Phòng Hành chính tư pháp" and seven[4] == "30/06/2026"
    assert seven[6] == 100 and seven[7] == "QĐ số 15/QĐ-STP" and seven[10] == "CLI"
    assert ws.column_dimensions["B"].width >= 40
    csv_out = tmp_path / "tien-do.csv"
    assert (
        main(
            [
                "export",
                "--format",
                "csv",
                "--unit",
                "Phòng Hành chính tư pháp",
                "--output",
                str(csv_out),
            ]
        )
        == 0
    )
    lines = list(csv.reader(csv_out.open(encoding="utf-8-sig")))
    assert lines[0][0] == "STT" and len(lines) == 1 + 3


def test_report_draft_states_the_figures(
    sample: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    admin = Reporter(None, "Văn thư", "admin", None)
    reports = (
        ("1", ReportState.DONE, datetime(2026, 1, 20, 3)),
        ("4", ReportState.IN_PROGRESS, datetime(2026, 3, 15, 3)),
    )
    for number, state, at in reports:
        task_id = _task_id(capsys, number)
        with sample.session() as s:
            service.record(
                s, admin, task_id, state, percent=None, note="Đã ban hành KH số 05/KH-STP", now=at
            )
    out = tmp_path / "bao-cao-quy-1.docx"
    assert (
        main(["report-draft", "--quarter", "1/2026", "--now", "2026-12-20", "--output", str(out)])
        == 0
    )
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    # Due in Quý I: task 1 (01/2026), 2 (Q1), 4 (Q1), 12 (January, February, March): 6.
    # At the cut-off (31/03) January and February of task 12 are overdue.
    assert (
        "Tổng số 6 nhiệm vụ; đã hoàn thành 1 (đúng hạn 1, quá hạn 0); "
        "chưa hoàn thành 5 (trong hạn 3, quá hạn 2)" in text
    )
    assert "Số liệu tính đến ngày 31/03/2026" in text
    assert (
        "Ban hành Kế hoạch CCHC năm 2026 của Sở (31/01/2026): Đã hoàn thành đúng hạn. Đã ban hành KH số 05/KH-STP"
        in text
    )
    assert "IV. NHIỆM VỤ Quý II/2026" in text and "Rút ngắn thời gian giải quyết TTHC" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == ["STT", "Nhiệm vụ"]
    assert [row.cells[3].text for row in table.rows[1:]] == ["31/01/2026", "28/02/2026"]
    # Working days overdue: February holds 15 of them (the Tết week off).
    assert int(table.rows[1].cells[4].text) - int(table.rows[2].cells[4].text) == 15
    assert main(["report-draft", "--quarter", "5/2026", "--output", str(out)]) == 1
