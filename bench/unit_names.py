"""List every unit name ingest stores over the real seeds and corpus, with task counts.

Ingests the files into a fresh SQLite file (as ``planbot ingest`` does) and prints
one line per unit: tasks it leads or coordinates, kind, province, name. A reviewer
reads the list for fragments ("Bộ Công", "… và các") that are no unit at all.
Files named in ``--skip`` (stem prefixes) are left out. Run:
``python -m bench.unit_names [--skip PREFIX ...] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench.bench_ingest import SHARED


def corpus_files(skip: list[str]) -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    return [f for f in files if not any(f.stem.startswith(s) for s in skip)]


def unit_rows(files: list[Path]) -> list[tuple[int, str, str, str]]:
    """(task count, kind, province, name) for every stored unit, most tasks first."""
    from sqlalchemy import func, select

    from knowledge.ingest import ingest_file
    from storage.db import Database
    from storage.models import TaskUnit, Unit

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'units.db'}")
        db.migrate()
        for path in files:
            ingest_file(db, path, sync=False)
        with db.session() as session:
            count = func.count(func.distinct(TaskUnit.task_id))
            query = (
                select(count, Unit.kind, Unit.province, Unit.name)
                .outerjoin(TaskUnit, TaskUnit.unit_id == Unit.id)
                .group_by(Unit.id)
                .order_by(count.desc(), Unit.name)
            )
            rows = [(int(n), k, p, name) for n, k, p, name in session.execute(query).tuples()]
        db.engine.dispose()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.unit_names")
    ap.add_argument("--skip", nargs="*", default=[])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = unit_rows(corpus_files(args.skip))
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=0)
    else:
        for n, kind, province, name in rows:
            sys.stdout.write(f"{n:4d}  {kind:6s} {province or '-':14s} {name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
