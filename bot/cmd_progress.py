"""Progress subcommands: report parse / report add, export, report-draft."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console

from bot import texts
from knowledge.progress.reporting import Reporter, ReportError
from knowledge.progress.status import ReportState
from storage.db import Database
from storage.settings import get_settings

CLI_REPORTER = "CLI"


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help=texts.CLI_REPORT, description=texts.CLI_REPORT)
    rsub = report.add_subparsers(dest="report_command", required=True, title=texts.CLI_COMMANDS)

    p = rsub.add_parser("parse", help=texts.CLI_REPORT_PARSE, description=texts.CLI_REPORT_PARSE)
    p.add_argument(
        "--unit", required=True, metavar=texts.CLI_UNIT_METAVAR, help=texts.CLI_REPORT_UNIT
    )
    p.add_argument("--now", type=_day, metavar=texts.CLI_DATE_METAVAR, help=texts.CLI_REPORT_NOW)
    p.add_argument("--json", action="store_true", help=texts.CLI_JSON)
    p.add_argument(
        "text", nargs="+", metavar=texts.CLI_REPORT_TEXT_METAVAR, help=texts.CLI_REPORT_TEXT
    )
    p.set_defaults(func=cmd_report_parse)

    p = rsub.add_parser("add", help=texts.CLI_REPORT_ADD, description=texts.CLI_REPORT_ADD)
    p.add_argument(
        "--task",
        type=int,
        required=True,
        metavar=texts.CLI_TASK_ID_METAVAR,
        help=texts.CLI_REPORT_TASK,
    )
    p.add_argument(
        "--status",
        required=True,
        choices=[s.value for s in ReportState],
        help=texts.CLI_REPORT_STATUS,
    )
    p.add_argument("--percent", type=int, metavar="0-100", help=texts.CLI_REPORT_PERCENT)
    p.add_argument("--note", default="", metavar=texts.CLI_NOTE_METAVAR, help=texts.CLI_REPORT_NOTE)
    p.add_argument("--unit", metavar=texts.CLI_UNIT_METAVAR, help=texts.CLI_REPORT_ADD_UNIT)
    p.add_argument(
        "--occurrence", metavar=texts.CLI_OCCURRENCE_METAVAR, help=texts.CLI_REPORT_OCCURRENCE
    )
    p.add_argument("--json", action="store_true", help=texts.CLI_JSON)
    p.set_defaults(func=cmd_report_add)

    p = sub.add_parser("export", help=texts.CLI_EXPORT, description=texts.CLI_EXPORT)
    p.add_argument(
        "--format", choices=["xlsx", "csv"], default="xlsx", help=texts.CLI_EXPORT_FORMAT
    )
    p.add_argument(
        "--document",
        type=int,
        metavar=texts.CLI_DOCUMENT_ID_METAVAR,
        help=texts.CLI_EXPORT_DOCUMENT,
    )
    p.add_argument("--unit", metavar=texts.CLI_UNIT_METAVAR, help=texts.CLI_EXPORT_UNIT)
    p.add_argument("--now", type=_day, metavar=texts.CLI_DATE_METAVAR, help=texts.CLI_REPORT_NOW)
    p.add_argument(
        "--output", type=Path, required=True, metavar=texts.CLI_FILE_METAVAR, help=texts.CLI_OUTPUT
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report-draft", help=texts.CLI_DRAFT, description=texts.CLI_DRAFT)
    p.add_argument("--quarter", required=True, metavar="Q/YYYY", help=texts.CLI_DRAFT_QUARTER)
    p.add_argument(
        "--document",
        type=int,
        metavar=texts.CLI_DOCUMENT_ID_METAVAR,
        help=texts.CLI_EXPORT_DOCUMENT,
    )
    p.add_argument("--now", type=_day, metavar=texts.CLI_DATE_METAVAR, help=texts.CLI_REPORT_NOW)
    p.add_argument(
        "--output", type=Path, required=True, metavar=texts.CLI_FILE_METAVAR, help=texts.CLI_OUTPUT
    )
    p.set_defaults(func=cmd_report_draft)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.CLI_ASK_BAD_NOW) from None


def _tz() -> ZoneInfo:
    return ZoneInfo(get_settings().planbot_timezone)


def moment(day: date | None) -> datetime:
    """``--now`` as an aware time (midday, so the date is the same in every zone), else now."""
    tz = _tz()
    if day is None:
        return datetime.now(tz)
    return datetime.combine(day, time(12, 0), tzinfo=tz)


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(message: str) -> int:
    Console(stderr=True).print(f"[red]{message}[/red]")
    return 1


def cmd_report_parse(args: argparse.Namespace) -> int:
    from knowledge.progress import reporting, service

    db = Database.from_settings()
    with db.session() as session:
        try:
            unit = service.find_unit(session, args.unit)
        except ReportError as exc:
            return _fail(exc.message)
        reporter = Reporter(None, CLI_REPORTER, "head", unit.id)
        read = service.read_report(session, " ".join(args.text), reporter)
        out = read.as_json()
        if read.parsed.task is not None:
            task = service.load_task(session, read.parsed.task.id)
            if task is not None:
                out["occurrence"] = reporting.default_occurrence(session, task, moment(args.now))
        session.rollback()  # parse saves nothing
    if args.json:
        _print_json(out)
        return 0
    Console().print(_describe(out))
    return 0


def _describe(out: dict[str, Any]) -> str:
    if out["kind"] != "report":
        return texts.CLI_REPORT_NOT_A_REPORT
    lines = []
    if out["task"]:
        lines.append(texts.CLI_REPORT_TASK_LINE.format(**out["task"]))
    for c in out["candidates"]:
        lines.append(texts.CLI_REPORT_CANDIDATE_LINE.format(**c))
    state = texts.REPORT_STATE_LABELS.get(out["status"] or "", "—")
    percent = f"{out['percent']}%" if out["percent"] is not None else "—"
    lines.append(
        texts.CLI_REPORT_STATE_LINE.format(state=state, percent=percent, note=out["note"] or "—")
    )
    if out["reason"]:
        lines.append(out["reason"])
    if out.get("evidence_warning"):
        lines.append(out["evidence_warning"])
    return "\n".join(lines)


def cmd_report_add(args: argparse.Namespace) -> int:
    from knowledge.progress import service

    db = Database.from_settings()
    with db.session() as session:
        try:
            unit_id = service.find_unit(session, args.unit).id if args.unit else None
            reporter = Reporter(None, CLI_REPORTER, "admin", unit_id, channel="cli")
            row = service.record(
                session,
                reporter,
                args.task,
                ReportState(args.status),
                percent=args.percent,
                note=args.note,
                occurrence=args.occurrence,
                now=datetime.now(_tz()),
            )
        except ReportError as exc:
            session.rollback()
            return _fail(exc.message)
        result = {
            "id": row.id,
            "task_id": row.task_id,
            "occurrence": row.occurrence,
            "status": row.status,
            "percent": row.percent,
        }
    if args.json:
        _print_json(result)
    else:
        Console().print(texts.CLI_REPORT_ADDED.format(**result))
    return 0


def _board(session: Any, args: argparse.Namespace, now: datetime, **kw: Any) -> Any:
    from knowledge.progress import service
    from knowledge.progress.board import build_board

    unit_ids = [service.find_unit(session, args.unit).id] if getattr(args, "unit", None) else None
    docs = [args.document] if args.document is not None else None
    return build_board(session, now, tz=_tz(), document_ids=docs, unit_ids=unit_ids, **kw)


def cmd_export(args: argparse.Namespace) -> int:
    from knowledge.progress import export

    db = Database.from_settings()
    with db.session() as session:
        try:
            board = _board(session, args, moment(args.now), with_evidence=True)
        except ReportError as exc:
            return _fail(exc.message)
    writer = export.write_xlsx if args.format == "xlsx" else export.write_csv
    writer(board.rows, args.output, _tz())
    Console(stderr=True).print(texts.CLI_EXPORTED.format(rows=len(board.rows), path=args.output))
    return 0


def cmd_report_draft(args: argparse.Namespace) -> int:
    from knowledge.progress import draft

    try:
        quarter = draft.Quarter.parse(args.quarter)
    except ValueError as exc:
        return _fail(str(exc))
    today = moment(args.now).date()
    cutoff = draft.cutoff_for(quarter, today)
    db = Database.from_settings()
    with db.session() as session:
        board = _board(session, args, datetime.combine(cutoff, time(23, 59), tzinfo=_tz()))
        title = _plan_title(session, args.document)
    draft.write_draft(board, quarter, args.output, title)
    Console(stderr=True).print(texts.CLI_DRAFTED.format(path=args.output))
    return 0


def _plan_title(session: Any, document_id: int | None) -> str:
    from storage.models import Document

    if document_id is None:
        return ""
    doc = session.get(Document, document_id)
    return doc.title if doc is not None else ""
