"""Knowledge subcommands: parse, ingest, tasks, targets, units, documents."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from knowledge import texts
from knowledge.document import DocumentError
from storage.db import Database
from storage.models import TargetRow, TaskRow, Unit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="phân tích một tệp kế hoạch (không lưu)")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("ingest", help="nạp tệp kế hoạch vào cơ sở dữ liệu")
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("tasks", help="liệt kê nhiệm vụ đã nạp")
    p.add_argument("--unit", help="tên đơn vị (chủ trì), có thể không dấu hoặc viết tắt")
    p.add_argument("--role", choices=["lead", "coordinate", "any"], default="lead")
    p.add_argument("--due-from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--due-to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tasks)

    p = sub.add_parser("targets", help="liệt kê chỉ tiêu đã nạp")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("units", help="liệt kê, gộp đơn vị và thêm tên gọi khác")
    p.add_argument("--json", action="store_true")
    p.add_argument("--merge", nargs=2, metavar=("GIU_LAI", "GOP_VAO"), help="gộp đơn vị thứ hai")
    p.add_argument("--alias", nargs=2, metavar=("DON_VI", "TEN_KHAC"), help="thêm tên gọi khác")
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("documents", help="liệt kê văn bản đã nạp")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents)


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(message: str) -> int:
    Console(stderr=True).print(f"[red]{message}[/red]")
    return 1


def cmd_parse(args: argparse.Namespace) -> int:
    from knowledge.loaders import load_document
    from knowledge.plan.parser import parse_plan

    try:
        plan = parse_plan(load_document(args.file))
    except DocumentError as exc:
        return _fail(exc.message)
    if args.json:
        _print_json(plan.as_json())
        return 0
    console = Console()
    meta = plan.meta
    console.print(f"[bold]{meta.title or plan.source}[/bold]  ({meta.number or '—'})")
    console.print(_task_table([t.as_json() for t in plan.tasks]))
    console.print(f"Chỉ tiêu: {len(plan.targets)} · Cảnh báo: {len(plan.warnings)}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from knowledge.ingest import ingest_file, sync_search_index

    db = Database.from_settings()
    console = Console(stderr=True)
    summaries: list[dict[str, Any]] = []
    failed = 0
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=len(args.files) < 3) as bar:
        job = bar.add_task("Nạp tệp", total=len(args.files))
        for path in args.files:
            bar.update(job, description=path.name)
            try:
                summary = ingest_file(db, path, sync=False)
            except DocumentError as exc:
                failed += 1
                console.print(texts.INGEST_FAILED.format(source=path.name, reason=exc.message))
                summaries.append({"source": path.name, "status": "error", "error": exc.message})
            else:
                summaries.append(summary.as_json())
                if not args.json:
                    Console().print(summary.render() + "\n")
            bar.advance(job)
    sync_search_index(db)
    if args.json:
        _print_json(summaries)
    return 1 if failed else 0


def _task_table(tasks: list[dict[str, Any]]) -> Table:
    table = Table(show_lines=False)
    for col in ("STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"):
        table.add_column(col)
    for t in tasks:
        table.add_row(
            t["number"],
            t["title"][:80],
            "; ".join(t["lead_units"])[:50],
            (t["deadline_text"] or "")[:30],
        )
    return table


def task_json(row: TaskRow) -> dict[str, Any]:
    lead = [link.unit.name for link in row.units if link.role == "lead"]
    coord = [link.unit.name for link in row.units if link.role == "coordinate"]
    return {
        "id": row.id,
        "document": row.document.source_name,
        "number": row.number,
        "section": row.section,
        "title": row.title,
        "kind": row.kind,
        "lead_units": lead,
        "coordinating_units": coord,
        "supervisor": row.supervisor,
        "deadline_text": row.deadline_text,
        "due_dates": [d.due_date.isoformat() for d in row.deadlines],
        "recurrence": row.recurrence,
        "product": row.product,
    }


def cmd_tasks(args: argparse.Namespace) -> int:
    from storage import repositories as repo

    db = Database.from_settings()
    with db.session() as session:
        unit_ids = None
        if args.unit:
            units = repo.resolve_units(session, args.unit)
            if not units:
                return _fail(texts.UNKNOWN_UNIT.format(name=args.unit))
            unit_ids = [u.id for u in units]
        roles = ("lead", "coordinate") if args.role == "any" else (args.role,)
        rows = repo.list_tasks(
            session, unit_ids=unit_ids, roles=roles, due_from=args.due_from, due_to=args.due_to
        )
        tasks = [task_json(r) for r in rows]
    if args.json:
        _print_json(tasks)
    else:
        Console().print(_task_table(tasks))
        Console().print(texts.TASK_COUNT.format(count=len(tasks)))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    db = Database.from_settings()
    with db.session() as session:
        rows = session.scalars(select(TargetRow).order_by(TargetRow.document_id, TargetRow.ordinal))
        targets: list[dict[str, Any]] = [
            {
                "document": r.document.source_name,
                "text": r.text,
                "values": r.values,
                "year": r.year,
                "section": r.section,
            }
            for r in rows
        ]
    if args.json:
        _print_json(targets)
        return 0
    table = Table()
    for col in ("Chỉ tiêu", "Giá trị", "Năm", "Văn bản"):
        table.add_column(col)
    for t in targets:
        table.add_row(t["text"][:90], ", ".join(t["values"]), str(t["year"] or ""), t["document"])
    Console().print(table)
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    from storage import repositories as repo

    db = Database.from_settings()
    with db.session() as session:
        if args.merge:
            keep, drop = (_one_unit(session, name) for name in args.merge)
            if keep is None or drop is None:
                return _fail(texts.UNKNOWN_UNIT.format(name=" / ".join(args.merge)))
            repo.merge_units(session, keep.id, drop.id)
            Console().print(texts.UNITS_MERGED.format(keep=keep.name, drop=drop.name))
            return 0
        if args.alias:
            unit = _one_unit(session, args.alias[0])
            if unit is None:
                return _fail(texts.UNKNOWN_UNIT.format(name=args.alias[0]))
            if not repo.add_alias(session, unit.id, args.alias[1]):
                return _fail(texts.ALIAS_TAKEN.format(alias=args.alias[1]))
            Console().print(texts.ALIAS_ADDED.format(alias=args.alias[1], unit=unit.name))
            return 0
        units: list[dict[str, Any]] = [
            {
                "id": u.id,
                "name": u.name,
                "kind": u.kind,
                "parent": u.parent.name if u.parent else None,
                "aliases": sorted(a.alias for a in u.aliases),
            }
            for u in repo.list_units(session)
        ]
    if args.json:
        _print_json(units)
        return 0
    table = Table()
    for col in ("Đơn vị", "Loại", "Thuộc", "Tên gọi khác"):
        table.add_column(col)
    for u in units:
        table.add_row(u["name"], u["kind"], u["parent"] or "", "; ".join(u["aliases"])[:80])
    Console().print(table)
    return 0


def _one_unit(session: Any, name: str) -> Unit | None:
    from storage import repositories as repo

    units = repo.resolve_units(session, name)
    return units[0] if len(units) == 1 else None


def cmd_documents(args: argparse.Namespace) -> int:
    from storage import repositories as repo

    db = Database.from_settings()
    with db.session() as session:
        docs: list[dict[str, Any]] = [
            {
                "id": d.id,
                "source": d.source_name,
                "title": d.title,
                "number": d.number,
                "issuer": d.issuer,
                "issued_date": d.issued_date.isoformat() if d.issued_date else None,
                "plan_year": d.plan_year,
                "revision": d.revision,
                "tasks": len(d.tasks),
            }
            for d in repo.list_documents(session)
        ]
    if args.json:
        _print_json(docs)
        return 0
    table = Table()
    for col in ("#", "Tệp", "Số hiệu", "Tiêu đề", "Nhiệm vụ"):
        table.add_column(col)
    for d in docs:
        table.add_row(
            str(d["id"]), d["source"], d["number"] or "", d["title"][:60], str(d["tasks"])
        )
    Console().print(table)
    return 0
