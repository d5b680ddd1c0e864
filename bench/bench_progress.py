"""Progress at scale: ``/tiendo`` overview and the Excel export for 10,000 tasks × 500 units.

Targets (issue 10): overview ≤ 1 s, export ≤ 5 s. The generated plans mix dated
tasks (one or two due dates), recurring ones (monthly, quarterly) and ongoing
ones, with reports on 40% of the tasks (each on an occurrence the task has), in a
real SQLite file. Titles are as long as real plans' (median about 130 characters:
the sample plan and the seeds), since the export writes each of them on every
occurrence's row.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert

N_TASKS = 10_000
N_UNITS = 500
PER_DOC = 1_000
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 7, 15, 9, 0, tzinfo=TZ)


def build(path: Path) -> Any:
    from storage.db import Database
    from storage.models import Document, ProgressReport, TaskDeadline, TaskRow, TaskUnit, Unit

    db = Database(f"sqlite:///{path}")
    db.migrate()
    with db.engine.begin() as conn:
        conn.execute(
            insert(Unit),
            [
                {
                    "id": i + 1,
                    "name": f"Đơn vị thử {i}",
                    "folded": f"don vi thu {i}",
                    "kind": "unit",
                }
                for i in range(N_UNITS)
            ],
        )
        conn.execute(
            insert(Document),
            [
                {
                    "id": d + 1,
                    "source_name": f"ke-hoach-{d}.txt",
                    "sha256": f"{d:064d}",
                    "format": "txt",
                    "title": f"Kế hoạch {d}",
                    "plan_year": 2026,
                }
                for d in range(N_TASKS // PER_DOC)
            ],
        )
        tasks, links, dues, reports = [], [], [], []
        for i in range(N_TASKS):
            tid = i + 1
            kind, recurrence, task_dues = _timing(i)
            tasks.append(
                {
                    "id": tid,
                    "document_id": i // PER_DOC + 1,
                    "identity": str(i),
                    "content_hash": "x",
                    "ordinal": i,
                    "number": str(i % PER_DOC + 1),
                    "title": _title(i),
                    "deadline_text": "",
                    "deadline_kind": kind,
                    "recurrence": recurrence,
                    "due_date": max(task_dues) if task_dues else None,
                    "deadline_json": {},
                }
            )
            links.append({"task_id": tid, "unit_id": i % N_UNITS + 1, "role": "lead"})
            links.append(
                {"task_id": tid, "unit_id": (i * 7 + 3) % N_UNITS + 1, "role": "coordinate"}
            )
            dues += [{"task_id": tid, "due_date": d} for d in task_dues]
            if i % 5 < 2:
                reports.append(_report(tid, i, _first_key(task_dues, recurrence)))
        conn.execute(insert(TaskRow), tasks)
        conn.execute(insert(TaskUnit), links)
        conn.execute(insert(TaskDeadline), dues)
        conn.execute(insert(ProgressReport), reports)
    return db


def _timing(i: int) -> tuple[str, str | None, list[date]]:
    if i % 10 < 6:
        first = date(2026, 1, 15) + timedelta(days=(i * 37) % 340)
        return (
            "date",
            None,
            [first] if i % 3 else [first, min(first + timedelta(days=120), date(2026, 12, 31))],
        )
    if i % 10 < 8:
        return "recurring", "quarterly" if i % 2 else "monthly", []
    return "ongoing", None, []


_PHRASE = (
    "rà soát đánh giá cập nhật quy trình nội bộ giải quyết thủ tục hành chính trên môi trường "
    "điện tử triển khai kế hoạch cải cách số hóa hồ sơ kết quả tổ chức tập huấn bồi dưỡng công "
    "chức viên chức cấp xã nâng cao chất lượng dịch vụ công trực tuyến toàn trình"
)
_WORDS = _PHRASE.split(" ")


def _title(i: int) -> str:
    """10 to 44 words (about 45 to 200 characters), different for each task."""
    words = [_WORDS[(i * k + 3) % len(_WORDS)] for k in range(1, 11 + (i * 7919) % 35)]
    return f"Nhiệm vụ {i}: " + " ".join(words)


def _first_key(dues: list[date], recurrence: str | None) -> str:
    """The key of the task's first occurrence (a date, a period of 2026, or "")."""
    if dues:
        return dues[0].isoformat()
    return {"quarterly": "2026-Q1", "monthly": "2026-01"}.get(recurrence or "", "")


def _report(task_id: int, i: int, occurrence: str) -> dict[str, Any]:
    status = ("done", "in_progress", "blocked")[i % 3]
    return {
        "task_id": task_id,
        "occurrence": occurrence,
        "kind": "report",
        "status": status,
        "percent": 100 if status == "done" else 50,
        "note": "Đã triển khai theo kế hoạch",
        "reporter_name": "Trưởng phòng",
        "unit_id": i % N_UNITS + 1,
        "channel": "telegram",
        "reported_at": datetime(2026, 3, 1) + timedelta(hours=i % 2000),
        "superseded": False,
        "review": "pending",
    }


def _timed(fn: Any, repeat: int = 3) -> tuple[float, float]:
    """Median (wall, CPU) seconds. On this shared 2-core machine the wall time swings
    with the other jobs' load; the process CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def main() -> dict[str, Any]:
    from handlers.progress import render_overview
    from knowledge.progress.board import build_board
    from knowledge.progress.export import write_xlsx
    from knowledge.progress.overview import overview

    tmp = Path(tempfile.mkdtemp(prefix="bench_progress_"))
    t0 = time.perf_counter()
    db = build(tmp / "p.sqlite3")
    build_s = time.perf_counter() - t0

    def tiendo() -> str:
        with db.session() as s:
            board = build_board(s, NOW, tz=TZ)
        return render_overview(overview(board, TZ), "tất cả đơn vị", per_unit=True)

    def export() -> None:
        with db.session() as s:
            board = build_board(s, NOW, tz=TZ, with_evidence=True)
        write_xlsx(board.rows, tmp / "export.xlsx", TZ)

    with db.session() as s:
        rows = len(build_board(s, NOW, tz=TZ).rows)
    tiendo()  # warm the holiday cache and the connection pool
    overview_s, overview_cpu = _timed(tiendo)
    export_s, export_cpu = _timed(export, repeat=2)
    load = os.getloadavg()[0]
    print(
        f"  {N_TASKS} tasks × {N_UNITS} units ({rows} occurrences), load {load:.1f}: "
        f"/tiendo {overview_s * 1000:.0f} ms wall / {overview_cpu * 1000:.0f} ms CPU (target ≤ 1000), "
        f"export {export_s:.2f} s wall / {export_cpu:.2f} s CPU (target ≤ 5), build {build_s:.1f} s"
    )
    return {
        "tasks": N_TASKS,
        "units": N_UNITS,
        "occurrences": rows,
        "overview_s": overview_s,
        "overview_cpu_s": overview_cpu,
        "export_s": export_s,
        "export_cpu_s": export_cpu,
        "load": load,
    }
