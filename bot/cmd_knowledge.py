"""Knowledge subcommands: parse, ingest, tasks, targets, units, documents."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from bot import texts
from knowledge.document import DocumentError
from knowledge.provinces import province_name
from storage.db import Database
from storage.models import TargetRow, TaskRow, Unit

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "parse", texts.CLI_PARSE, cmd_parse)
    p.add_argument("file", type=Path, metavar=texts.CLI_FILE_METAVAR, help=texts.CLI_PARSE_FILE)

    p = _command(sub, "ingest", texts.CLI_INGEST, cmd_ingest)
    p.add_argument(
        "files", type=Path, nargs="+", metavar=texts.CLI_FILE_METAVAR, help=texts.CLI_INGEST_FILES
    )

    p = _command(sub, "tasks", texts.CLI_TASKS, cmd_tasks)
    p.add_argument("--unit", metavar=texts.CLI_UNIT_METAVAR, help=texts.CLI_TASKS_UNIT)
    p.add_argument(
        "--role", choices=["lead", "coordinate", "any"], default="lead", help=texts.CLI_TASKS_ROLE
    )
    for option, help_text in (
        ("--due-from", texts.CLI_TASKS_DUE_FROM),
        ("--due-to", texts.CLI_TASKS_DUE_TO),
    ):
        p.add_argument(
            option, type=date.fromisoformat, metavar=texts.CLI_DATE_METAVAR, help=help_text
        )
    p.add_argument(
        "--now", type=date.fromisoformat, metavar=texts.CLI_DATE_METAVAR, help=texts.CLI_TASKS_NOW
    )

    _command(sub, "targets", texts.CLI_TARGETS, cmd_targets)

    p = _command(sub, "units", texts.CLI_UNITS, cmd_units)
    p.add_argument(
        "--merge", nargs=2, metavar=texts.CLI_UNITS_MERGE_METAVAR, help=texts.CLI_UNITS_MERGE
    )
    p.add_argument(
        "--alias", nargs=2, metavar=texts.CLI_UNITS_ALIAS_METAVAR, help=texts.CLI_UNITS_ALIAS
    )

    p = _command(sub, "documents", texts.CLI_DOCUMENTS, cmd_documents)
    p.add_argument(
        "--remove", type=int, metavar=texts.CLI_DOCUMENT_ID_METAVAR, help=texts.CLI_DOCUMENTS_REMOVE
    )


def _command(
    sub: argparse._SubParsersAction, name: str, help_text: str, func: Callable[..., int]
) -> argparse.ArgumentParser:
    """A subcommand with its ``--json`` switch (every listing here has one)."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--json", action="store_true", help=texts.CLI_JSON)
    p.set_defaults(func=func)
    return p


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _show(
    records: list[dict[str, Any]],
    as_json: bool,
    columns: Sequence[str],
    cells: Callable[[dict[str, Any]], Sequence[str]],
) -> None:
    """Print ``records`` as JSON, or as a table of ``columns`` filled by ``cells``."""
    if as_json:
        _print_json(records)
        return
    Console().print(_table(records, columns, cells))


def _table(
    records: list[dict[str, Any]],
    columns: Sequence[str],
    cells: Callable[[dict[str, Any]], Sequence[str]],
) -> Table:
    table = Table()
    for col in columns:
        table.add_column(col)
    for record in records:
        table.add_row(*cells(record))
    return table


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
    except Exception as exc:  # noqa: BLE001 - a clear line, never a traceback
        return _fail(_unexpected(args.file, exc))
    if args.json:
        _print_json(plan.as_json())
        return 0
    console = Console()
    meta = plan.meta
    console.print(f"[bold]{meta.title or plan.source}[/bold]  ({meta.number or '—'})")
    console.print(_task_table([t.as_json() for t in plan.tasks]))
    console.print(
        texts.CLI_PARSE_SUMMARY.format(targets=len(plan.targets), warnings=len(plan.warnings))
    )
    if plan.quality is not None:
        console.print(plan.quality.render())
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from knowledge.ingest import ingest_file, sync_search_index

    db = Database.from_settings()
    console = Console(stderr=True)
    summaries: list[dict[str, Any]] = []
    failed = 0
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=len(args.files) < 3) as bar:
        job = bar.add_task(texts.CLI_INGEST_PROGRESS, total=len(args.files))
        for path in args.files:
            bar.update(job, description=path.name)
            try:
                summary = ingest_file(db, path, sync=False)
            except Exception as exc:  # noqa: BLE001 - one bad file never ends the batch
                failed += 1
                reason = exc.message if isinstance(exc, DocumentError) else _unexpected(path, exc)
                console.print(texts.INGEST_FAILED.format(source=path.name, reason=reason))
                summaries.append({"source": path.name, "status": "error", "error": reason})
            else:
                summaries.append(summary.as_json())
                if not args.json:
                    Console().print(summary.render() + "\n")
            bar.advance(job)
    sync_search_index(db)
    if args.json:
        _print_json(summaries)
    return 1 if failed else 0


def _unexpected(path: Path, exc: BaseException) -> str:
    """The Vietnamese line for an error no loader foresaw; details go to the log (-v)."""
    log.debug("reading %s failed", path, exc_info=exc)
    return texts.FILE_UNEXPECTED_ERROR.format(name=path.name) + f" ({type(exc).__name__})"


def _task_table(tasks: list[dict[str, Any]]) -> Table:
    return _table(tasks, texts.CLI_TASK_COLUMNS, _task_cells)


def _task_cells(t: dict[str, Any]) -> Sequence[str]:
    return (
        t["number"],
        t["title"][:80],
        "; ".join(t["lead_units"])[:50],
        (t["deadline_text"] or "")[:30],
    )


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
        "submit_to": row.submit_to,
    }


def cmd_tasks(args: argparse.Namespace) -> int:
    from storage import repositories as repo

    db = Database.from_settings()
    with db.session() as session:
        unit_ids = None
        if args.unit:
            from handlers import data

            # "SNV", "so noi vu", "Sở Nội vụ Hà Tĩnh": aliases, unaccented names and the
            # home province; several candidates or none are refused with their names.
            lookup = data.lookup_unit(session, args.unit)
            if lookup.unit is None:
                return _fail(data.unknown_unit_text(args.unit, lookup))
            unit_ids = [lookup.unit.id]
        roles = ("lead", "coordinate") if args.role == "any" else (args.role,)
        rows = repo.list_tasks(
            session, unit_ids=unit_ids, roles=roles, due_from=args.due_from, due_to=args.due_to
        )
        tasks = [task_json(r) for r in rows]
        _add_progress(session, tasks, args.now)
    if args.json:
        _print_json(tasks)
    else:
        Console().print(_task_table(tasks))
        Console().print(texts.TASK_COUNT.format(count=len(tasks)))
    return 0


def _add_progress(session: Any, tasks: list[dict[str, Any]], now: date | None) -> None:
    """status, percent, status_class, last_report_at of each task (as of ``now``)."""
    from bot.cmd_progress import _tz, moment
    from knowledge.progress.board import build_board
    from knowledge.progress.service import task_progress

    board = build_board(session, moment(now), tz=_tz())
    progress = task_progress(board, _tz())
    for task in tasks:
        task.update(
            progress.get(
                task["id"],
                {"status": None, "percent": None, "status_class": None, "last_report_at": None},
            )
        )


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
    _show(
        targets,
        args.json,
        texts.CLI_TARGET_COLUMNS,
        lambda t: (t["text"][:90], ", ".join(t["values"]), str(t["year"] or ""), t["document"]),
    )
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
                "province": province_name(u.province) or None,
                "aliases": sorted(a.alias for a in u.aliases),
            }
            for u in repo.list_units(session)
        ]
    _show(
        units,
        args.json,
        texts.CLI_UNIT_COLUMNS,
        lambda u: (
            u["name"],
            u["kind"],
            u["province"] or "",
            u["parent"] or "",
            "; ".join(u["aliases"])[:80],
        ),
    )
    return 0


def _one_unit(session: Any, name: str) -> Unit | None:
    """The one unit ``name`` means ("Sở Nội vụ Hà Tĩnh"; a bare name: the home one)."""
    from handlers import data

    return data.lookup_unit(session, name).unit


def cmd_documents(args: argparse.Namespace) -> int:
    from storage import repositories as repo

    db = Database.from_settings()
    if args.remove is not None:
        from knowledge.ingest import remove_document

        if not remove_document(db, args.remove):
            return _fail(texts.CLI_DOCUMENT_UNKNOWN.format(id=args.remove))
        Console().print(texts.CLI_DOCUMENT_REMOVED.format(id=args.remove))
        return 0
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
                "jurisdiction": d.jurisdiction,
                "province": province_name(d.province) or None,
                "revision": d.revision,
                "tasks": len(d.tasks),
            }
            for d in repo.list_documents(session)
        ]
    _show(
        docs,
        args.json,
        texts.CLI_DOCUMENT_COLUMNS,
        lambda d: (str(d["id"]), d["source"], d["number"] or "", d["title"][:60], str(d["tasks"])),
    )
    return 0
