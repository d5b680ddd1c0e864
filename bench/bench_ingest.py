"""Ingest throughput over the real seeds and corpus: pages/s and tasks/s.

Three stages are timed separately (load, parse, store into a fresh SQLite file)
and compared with a floor baseline: reading the same files and splitting lines,
the least any ingest must do. Run: ``python -m bench ingest``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# PLANBOT_SHARED points at the real documents when they are not beside the checkout.
SHARED = Path(os.environ.get("PLANBOT_SHARED", ROOT.parent / "shared"))


def plan_files() -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    files += sorted((ROOT / "bot" / "samples").glob("*.md"))
    return files


def _floor(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        f.read_text(encoding="utf-8", errors="replace").splitlines()
    return time.perf_counter() - start


def main() -> dict[str, Any]:
    from knowledge.loaders import load_document
    from knowledge.plan.parser import parse_plan

    files = plan_files()
    if len(files) <= 1:
        print("  ../shared not present: measuring the sample plan only")
    rounds = 3
    load_s = parse_s = 0.0
    load_cpu = parse_cpu = 0.0
    pages = tasks = 0
    for _ in range(rounds):
        pages = tasks = 0
        for f in files:
            t0, c0 = time.perf_counter(), time.process_time()
            doc = load_document(f)
            t1, c1 = time.perf_counter(), time.process_time()
            plan = parse_plan(doc)
            t2, c2 = time.perf_counter(), time.process_time()
            load_s += t1 - t0
            parse_s += t2 - t1
            load_cpu += c1 - c0
            parse_cpu += c2 - c1
            pages += doc.pages
            tasks += len(plan.tasks)
    load_s /= rounds
    parse_s /= rounds
    load_cpu /= rounds
    parse_cpu /= rounds
    cpu0 = time.process_time()
    store_s = _store(files)
    store_cpu = time.process_time() - cpu0
    floor_s = min(_floor(files) for _ in range(rounds))
    total = load_s + parse_s
    result = {
        "files": len(files),
        "pages": pages,
        "tasks": tasks,
        "load_seconds": round(load_s, 4),
        "parse_seconds": round(parse_s, 4),
        "store_seconds": round(store_s, 4),
        "pages_per_second": round(pages / total, 1),
        "tasks_per_second": round(tasks / total, 1),
        "end_to_end_pages_per_second": round(pages / (total + store_s), 1),
        "ratio_vs_floor": round(total / floor_s, 1) if floor_s else None,
        # The same figure in this process's CPU time: on a shared machine wall time
        # mostly measures the other processes.
        "end_to_end_pages_per_cpu_second": round(pages / (load_cpu + parse_cpu + store_cpu), 1),
    }
    for key, value in result.items():
        print(f"  {key}: {value}")
    return result


def _store(files: list[Path]) -> float:
    from knowledge.ingest import ingest_file
    from storage.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        db.migrate()
        start = time.perf_counter()
        for f in files:
            ingest_file(db, f, sync=False)
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
