"""Ingest of the bundled sample plan: storage, idempotence, revisions, CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import quality_docs
from sqlalchemy import func, select

from bot.cli import main
from knowledge.ingest import ingest_file
from storage import repositories as repo
from storage.db import Database
from storage.models import Document, TaskRow

SAMPLE = Path(__file__).resolve().parent.parent / "bot" / "samples"
SAMPLE_PLAN = next(SAMPLE.glob("*.md"))


@pytest.fixture
def db(data_dir: Path) -> Database:
    return Database.from_settings()


def _task_ids(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.number: t.id for t in s.scalars(select(TaskRow).where(TaskRow.kind == "task"))}


def test_sample_plan_ingests_tasks_targets_and_duties(db: Database) -> None:
    summary = ingest_file(db, SAMPLE_PLAN, sync=False)
    assert summary.status == "new"
    assert summary.tasks == 12
    assert summary.targets >= 6
    assert summary.duties >= 3
    assert summary.without_lead == 0
    assert "12" in summary.render()
    with db.session() as s:
        (unit,) = repo.resolve_units(s, "phong hanh chinh tu phap")
        rows = repo.list_tasks(s, unit_ids=[unit.id])
        assert sorted(r.number for r in rows) == ["10", "7", "8"]
        q4 = repo.list_tasks(
            s,
            due_from=__import__("datetime").date(2026, 10, 1),
            due_to=__import__("datetime").date(2026, 12, 31),
        )
        numbers = {r.number for r in q4}
        assert {"3", "8", "9", "11"} <= numbers  # "Quý II, Quý IV/2026" is due in both quarters
        assert "10" not in numbers
        # "Sở TT&TT" and "Sở Thông tin và Truyền thông" are one unit
        tt = repo.resolve_units(s, "Sở TT&TT")
        assert len(tt) == 1
        coordinated = repo.list_tasks(s, unit_ids=[tt[0].id], roles=("coordinate",))
        assert sorted(r.number for r in coordinated) == ["7", "8"]


def test_same_file_twice_changes_nothing(db: Database) -> None:
    ingest_file(db, SAMPLE_PLAN, sync=False)
    before = _task_ids(db)
    again = ingest_file(db, SAMPLE_PLAN, sync=False)
    assert again.status == "unchanged"
    assert _task_ids(db) == before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1


def test_revised_plan_keeps_unchanged_tasks(db: Database, tmp_path: Path) -> None:
    ingest_file(db, SAMPLE_PLAN, sync=False)
    before = _task_ids(db)
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    lines = text.splitlines()
    # drop task 12, change task 9's deadline, add a new task 13
    lines = [ln for ln in lines if not ln.startswith("| 12 |")]
    lines = [ln.replace("| Tháng 12/2026 | Trợ lý ảo", "| Quý I/2027 | Trợ lý ảo") for ln in lines]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("| 11 |")) + 1
    lines.insert(
        at,
        "| 13 | Tổ chức hội nghị đối thoại với doanh nghiệp về TTHC | Văn phòng Sở | "
        "Sở Nội vụ | Tháng 10/2026 | Hội nghị |",
    )
    revised = tmp_path / SAMPLE_PLAN.name
    revised.write_text("\n".join(lines), encoding="utf-8")

    summary = ingest_file(db, revised, sync=False)
    assert summary.status == "revised"
    assert (summary.added, summary.removed) == (1, 1)
    after = _task_ids(db)
    assert "12" not in after and "13" in after
    for number in ("1", "5", "9", "11"):
        assert after[number] == before[number]  # same task, same id: attachments survive
    with db.session() as s:
        task9 = s.get(TaskRow, after["9"])
        assert task9 is not None and task9.deadline_text == "Quý I/2027"
        assert s.scalar(select(func.count()).select_from(Document)) == 1


def test_cli_parse_json_contract(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["parse", str(SAMPLE_PLAN), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"document", "targets", "tasks", "warnings"}
    assert set(out["document"]) >= {"title", "number", "issuer", "issued_date", "plan_year"}
    assert out["document"]["number"] == "45/KH-STP"
    assert out["document"]["issued_date"] == "2026-01-15"
    assert out["document"]["plan_year"] == 2026
    task = next(t for t in out["tasks"] if t["number"] == "3")
    assert set(task) >= {
        "number",
        "section",
        "title",
        "lead_units",
        "coordinating_units",
        "supervisor",
        "deadline_text",
        "due_dates",
        "recurrence",
        "product",
    }
    assert task["due_dates"] == ["2026-06-30", "2026-12-31"]
    assert task["lead_units"] == ["Thanh tra Sở"]
    monthly = next(t for t in out["tasks"] if t["number"] == "12")
    assert monthly["recurrence"] == "monthly" and monthly["due_dates"] == []
    assert any("98%" in " ".join(t["values"]) for t in out["targets"])


def test_cli_ingest_and_tasks(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["ingest", str(SAMPLE_PLAN)]) == 0
    assert "Đã nạp kế hoạch" in capsys.readouterr().out
    assert main(["tasks", "--unit", "thanh tra so", "--json"]) == 0
    tasks = json.loads(capsys.readouterr().out)
    assert [(t["kind"], t["number"]) for t in tasks] == [("task", "3"), ("duty", "IV.2")]
    assert tasks[1]["title"].startswith("Chủ trì kiểm tra việc chấp hành kỷ luật")
    assert main(["tasks", "--due-from", "2026-06-01", "--due-to", "2026-06-30", "--json"]) == 0
    numbers = {t["number"] for t in json.loads(capsys.readouterr().out)}
    assert {"3", "7"} <= numbers


def test_cli_ingest_broken_file_says_why_and_keeps_others(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"this is not a zip")
    assert main(["ingest", str(broken), str(SAMPLE_PLAN)]) == 1
    captured = capsys.readouterr()
    assert "hong.docx" in captured.err
    assert "Đã nạp kế hoạch" in captured.out
    assert main(["documents", "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["source"] for d in docs] == [SAMPLE_PLAN.name]


def test_same_internal_unit_name_in_two_offices_stays_apart(db: Database) -> None:
    from conftest import seed_path

    ingest_file(db, SAMPLE_PLAN, sync=False)
    ingest_file(db, seed_path("000"), sync=False)  # Sở Nội vụ's plan has its own "Văn phòng Sở"
    with db.session() as s:
        offices = repo.resolve_units(s, "van phong so")
        assert sorted(u.parent.name for u in offices if u.parent) == ["Sở Nội vụ", "Sở Tư pháp"]
        justice = next(u for u in offices if u.parent and u.parent.name == "Sở Tư pháp")
        numbers = {t.number for t in repo.list_tasks(s, unit_ids=[justice.id], kind="task")}
        assert numbers == {"1", "2", "6", "11", "12"}


def test_cli_remove_document_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["ingest", str(SAMPLE_PLAN)]) == 0
    capsys.readouterr()
    assert main(["ask", "ai chủ trì số hóa hồ sơ lý lịch tư pháp", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["citations"]
    assert main(["documents", "--remove", "1"]) == 0
    assert "Đã gỡ" in capsys.readouterr().out
    assert main(["tasks", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["ask", "ai chủ trì số hóa hồ sơ lý lịch tư pháp", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["citations"] == []
    assert main(["documents", "--remove", "1"]) == 1


def test_an_office_question_includes_its_own_units(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """The sample plan is Sở Tư pháp's: its phòng and Văn phòng Sở lead the tasks."""
    assert main(["ingest", str(SAMPLE_PLAN)]) == 0
    capsys.readouterr()
    assert main(["ask", "so tu phap co nhiem vu gi", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answer"].startswith("Sở Tư pháp có 1")
    assert {c["source"] for c in answer["citations"]} == {SAMPLE_PLAN.name}
    assert main(["ask", "thanh tra so co nhiem vu gi", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answer"].startswith("Thanh tra Sở có 1 nhiệm vụ")


def _unread_plan(tmp_path: Path) -> Path:
    path = tmp_path / "kh_do_dac.txt"
    path.write_text(quality_docs.UNREAD_PLAN, encoding="utf-8")
    return path


def test_a_plan_read_badly_says_so_in_parse_and_ingest(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    plan = _unread_plan(tmp_path)
    assert main(["parse", str(plan), "--json"]) == 0
    quality = json.loads(capsys.readouterr().out)["quality"]
    assert quality["tasks"] == 0 and quality["unclaimed"] == quality_docs.UNCLAIMED
    assert quality["verdict"] == "cần kiểm tra"
    assert main(["parse", str(plan)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the console wraps long lines
    assert quality_docs.CHECK_LINE in out
    assert main(["ingest", str(plan), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)[0]
    assert summary["quality"]["verdict"] == "cần kiểm tra"
    assert summary["quality"]["unclaimed"] == quality["unclaimed"]


def test_a_plan_read_well_says_so(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["ingest", str(SAMPLE_PLAN)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Chất lượng đọc: đọc tốt" in out
