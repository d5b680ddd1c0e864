"""Ingest throughput over the real seeds and corpus: pages/s and tasks/s.

Stages are timed separately (load, parse: the best of three rounds) and then the
whole ingest end to end: ``ingest_file`` on every file, once, into a fresh SQLite
file, as ``planbot ingest`` does (hash, load, parse, store; the search index is
left out: a batch builds it once at the end). ``store_seconds`` is the time spent
inside ``store_plan`` in that run. Every round and the end-to-end run start with
the in-process caches emptied, so a figure is that of a fresh ``planbot ingest``
process, not of files the process has already seen. ``ratio_vs_floor`` compares
load + parse with merely reading the files and splitting lines. Run:
``python -m bench ingest``.
"""

from __future__ import annotations

import functools
import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# PLANBOT_SHARED points at the real documents when they are not beside the checkout.
SHARED = Path(os.environ.get("PLANBOT_SHARED", ROOT.parent / "shared"))
ROUNDS = 3


def plan_files() -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    files += sorted((ROOT / "bot" / "samples").glob("*.md"))
    return files


def _floor(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        f.read_text(encoding="utf-8", errors="replace").splitlines()
    return time.perf_counter() - start


def cold_caches() -> None:
    """Empty every ``functools.lru_cache`` of the application's packages."""
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            module = getattr(obj, "__module__", "") or ""
            if module.split(".")[0] in {"knowledge", "storage", "handlers", "bot"}:
                obj.cache_clear()


def _stages(files: list[Path]) -> dict[str, float]:
    """Load and parse every file: the best round's wall and CPU seconds per stage."""
    from knowledge.loaders import load_document
    from knowledge.plan.parser import parse_plan

    best: dict[str, float] = {}
    for _ in range(ROUNDS):
        cold_caches()
        got = dict.fromkeys(("load", "parse", "load_cpu", "parse_cpu", "pages", "tasks"), 0.0)
        for f in files:
            t0, c0 = time.perf_counter(), time.process_time()
            doc = load_document(f)
            t1, c1 = time.perf_counter(), time.process_time()
            plan = parse_plan(doc)
            t2, c2 = time.perf_counter(), time.process_time()
            got["load"] += t1 - t0
            got["parse"] += t2 - t1
            got["load_cpu"] += c1 - c0
            got["parse_cpu"] += c2 - c1
            got["pages"] += doc.pages
            got["tasks"] += len(plan.tasks)
        if not best or got["load"] + got["parse"] < best["load"] + best["parse"]:
            best = got
    return best


@contextmanager
def _timing(module: Any, name: str) -> Iterator[list[float]]:
    """Time every call of ``module.name`` (summed into the yielded list's one item)."""
    spent = [0.0]
    original: Callable[..., Any] = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    setattr(module, name, timed)
    try:
        yield spent
    finally:
        setattr(module, name, original)


def _end_to_end(files: list[Path]) -> dict[str, float]:
    """``ingest_file`` on every file into a fresh SQLite store."""
    from knowledge import ingest
    from storage.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        db.migrate()
        cold_caches()
        with _timing(ingest, "store_plan") as store:
            t0, c0 = time.perf_counter(), time.process_time()
            for f in files:
                ingest.ingest_file(db, f, sync=False)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        db.engine.dispose()
    return {"wall": wall, "cpu": cpu, "store": store[0]}


def main() -> dict[str, Any]:
    import logging

    logging.disable(logging.WARNING)  # "… cut to 40 characters" lines are not the figures
    files = plan_files()
    if len(files) <= 1:
        print("  ../shared not present: measuring the sample plan only")
    stages = _stages(files)
    e2e = _end_to_end(files)
    floor_s = min(_floor(files) for _ in range(ROUNDS))
    pages, tasks = int(stages["pages"]), int(stages["tasks"])
    total = stages["load"] + stages["parse"]
    result = {
        "files": len(files),
        "pages": pages,
        "tasks": tasks,
        "load_seconds": round(stages["load"], 4),
        "parse_seconds": round(stages["parse"], 4),
        "store_seconds": round(e2e["store"], 4),
        "end_to_end_seconds": round(e2e["wall"], 4),
        "pages_per_second": round(pages / total, 1),
        "tasks_per_second": round(tasks / total, 1),
        "end_to_end_pages_per_second": round(pages / e2e["wall"], 1),
        "end_to_end_tasks_per_second": round(tasks / e2e["wall"], 1),
        "store_tasks_per_second": round(tasks / e2e["store"], 1) if e2e["store"] else None,
        "ratio_vs_floor": round(total / floor_s, 1) if floor_s else None,
        # The same figure in this process's CPU time: on a shared machine wall time
        # mostly measures the other processes.
        "end_to_end_pages_per_cpu_second": round(pages / e2e["cpu"], 1),
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }
    for key, value in result.items():
        print(f"  {key}: {value}")
    return result


if __name__ == "__main__":
    main()
