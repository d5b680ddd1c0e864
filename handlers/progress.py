"""``/tiendo``: where units stand, as text and as a chart picture (channel-neutral).

- leaders and admins: every unit (counts by class, the overdue list, the units
  that have not reported this quarter); ``/tiendo UNIT`` for one unit;
- anyone else with a unit: their own unit;
- ``/tiendo bieudo [UNIT]``: the same as a PNG chart, sent as a photo.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from handlers import texts
from handlers.access import Actor
from handlers.errors import UserFacingError
from handlers.messages import Button, Reply
from handlers.turn import Turn
from knowledge.progress import chart
from knowledge.progress.board import build_board
from knowledge.progress.overview import Overview, overview
from knowledge.progress.reporting import ReportError
from knowledge.progress.service import find_unit
from knowledge.progress.status import StatusClass

MAX_UNITS = 15
MAX_OVERDUE = 10
MAX_NOT_REPORTED = 20
CHART_WORDS = ("bieudo", "biểu đồ", "bieu do", "chart")


def progress_cmd(turn: Turn) -> list[Reply]:
    args = turn.args.strip()
    want_chart = False
    for word in CHART_WORDS:
        if args.lower().startswith(word):
            want_chart, args = True, args[len(word) :].strip()
            break
    unit_ids, scope = _scope(turn, args)
    tz = ZoneInfo(turn.services.settings.planbot_timezone)
    board = build_board(turn.session, turn.services.now(), tz=tz, unit_ids=unit_ids)
    view = overview(board, tz)
    if not board.rows:
        return [Reply(text=texts.PROGRESS_NONE.format(scope=scope))]
    if want_chart:
        return [chart_reply(view, scope, turn.services.settings.data_dir)]
    command = f"/tiendo bieudo {args}".strip()
    buttons = [[Button(texts.PROGRESS_BTN_CHART, command)]]
    return [Reply(text=render_overview(view, scope, per_unit=unit_ids is None), buttons=buttons)]


def _scope(turn: Turn, args: str) -> tuple[list[int] | None, str]:
    actor: Actor = turn.actor
    if args:
        if not actor.sees_all_units:
            raise UserFacingError(texts.PROGRESS_ONLY_LEADERS)
        try:
            unit = find_unit(turn.session, args)
        except ReportError as exc:
            raise UserFacingError(exc.message) from exc
        return [unit.id], unit.name
    if actor.sees_all_units:
        return None, texts.CHAT_SCOPE_ALL
    if actor.unit_id is None:
        raise UserFacingError(texts.CHAT_TASKS_NO_UNIT)
    return [actor.unit_id], actor.unit_name or ""


def render_overview(view: Overview, scope: str, per_unit: bool) -> str:
    lines = [
        texts.PROGRESS_TITLE.format(scope=scope, date=texts.fmt_date(view.today)),
        view.stats.sentence() + ".",
        view.stats.bases(),
    ]
    if per_unit:
        lines.append("")
        lines.append(texts.PROGRESS_UNITS)
        for unit in view.units[:MAX_UNITS]:
            c = unit.counts
            lines.append(
                texts.PROGRESS_UNIT_LINE.format(
                    unit=unit.name,
                    done=unit.done,
                    total=unit.total,
                    overdue=c[StatusClass.OPEN_OVERDUE],
                    soon=c[StatusClass.DUE_SOON],
                )
            )
        if len(view.units) > MAX_UNITS:
            lines.append(texts.CHAT_LIST_MORE.format(more=len(view.units) - MAX_UNITS))
    lines.append("")
    lines.append(texts.PROGRESS_OVERDUE.format(count=len(view.overdue)))
    for n, row in enumerate(view.overdue[:MAX_OVERDUE], start=1):
        lines.append(
            texts.PROGRESS_OVERDUE_LINE.format(
                n=n,
                number=row.task.number,
                title=_short(row.task.title),
                unit="; ".join(row.lead_names),
                due=texts.fmt_date(row.occurrence.due),
                days=row.days_overdue,
            )
        )
    if len(view.overdue) > MAX_OVERDUE:
        lines.append(texts.CHAT_LIST_MORE.format(more=len(view.overdue) - MAX_OVERDUE))
    if view.not_reported:
        shown = view.not_reported[:MAX_NOT_REPORTED]
        more = len(view.not_reported) - len(shown)
        lines.append("")
        lines.append(
            texts.PROGRESS_NOT_REPORTED.format(
                since=texts.fmt_date(view.period_start),
                units=", ".join(shown)
                + (texts.PROGRESS_AND_MORE.format(more=more) if more else ""),
            )
        )
    return "\n".join(lines)


def chart_reply(view: Overview, scope: str, data_dir: Path) -> Reply:
    units = [(u.name, u.counts) for u in view.units]
    title = texts.PROGRESS_CHART_TITLE.format(scope=scope, date=texts.fmt_date(view.today))
    png = chart.render_png(units, title)
    folder = data_dir / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tiendo-{uuid.uuid4().hex[:12]}.png"
    path.write_bytes(png)
    return Reply(text=title, photo=path)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
