"""The steps of the guided ``/baocao`` report and of the one-message confirmation,
as plain functions: each returns the reply of one step (buttons carry short
commands that fit Telegram's 64-byte callback data). The declared conversation
flows (issue 9) wire them together and keep the ``ReportDraft`` between turns.

A plain "hoàn thành" takes five taps: /baocao → the task → "Hoàn thành" →
"Bỏ qua" (no note) → "Xác nhận". The percent step is skipped for "hoàn thành"
(100%) and "chưa triển khai" (0%).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import texts
from handlers.messages import Button, Reply
from knowledge.progress import service
from knowledge.progress.board import BoardRow, build_board
from knowledge.progress.reporting import Reporter
from knowledge.progress.status import ReportState
from knowledge.vietnamese import fold

PAGE_SIZE = 6
PERCENTS = (25, 50, 75)
CMD = "/baocao"


@dataclass(frozen=True)
class ReportDraft:
    """What the reporter has chosen so far."""

    task_id: int
    title: str
    occurrence: str | None = None
    state: ReportState | None = None
    percent: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TaskPage:
    rows: list[BoardRow]
    page: int
    pages: int
    word: str


def open_tasks(
    session: Session,
    unit_id: int | None,
    now: datetime,
    tz: ZoneInfo,
    word: str = "",
    page: int = 0,
) -> TaskPage:
    """The unit's tasks not yet done (every unit's for ``None``: an admin), one line per
    task (its earliest open occurrence), soonest deadline first, those without one
    last; ``word`` filters by title."""
    board = build_board(session, now, tz=tz, unit_ids=[unit_id] if unit_id else None)
    first: dict[int, BoardRow] = {}
    for row in board.rows:
        if not row.status_class.done and row.task.id not in first:
            first[row.task.id] = row
    rows = sorted(first.values(), key=lambda r: (r.occurrence.due or date.max, r.task.ordinal))
    if word.strip():
        key = fold(word)
        rows = [r for r in rows if key in fold(f"{r.task.number} {r.task.title}")]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return TaskPage(rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], page, pages, word)


def task_menu(page: TaskPage) -> Reply:
    if not page.rows:
        return Reply(text=texts.FLOW_NO_OPEN_TASKS)
    buttons = [
        [Button(_label(row), f"{CMD} t {row.task.id} {row.occurrence.key}".strip())]
        for row in page.rows
    ]
    nav: list[Button] = []
    if page.page > 0:
        nav.append(Button(texts.FLOW_PREV, f"{CMD} p {page.page - 1}"))
    if page.page + 1 < page.pages:
        nav.append(Button(texts.FLOW_NEXT, f"{CMD} p {page.page + 1}"))
    if nav:
        buttons.append(nav)
    text = texts.FLOW_PICK_TASK.format(page=page.page + 1, pages=page.pages)
    return Reply(text=text, buttons=buttons)


def _label(row: BoardRow) -> str:
    due = texts.fmt_date(row.occurrence.due) if row.occurrence.due else texts.FLOW_NO_DUE
    title = row.task.title if len(row.task.title) <= 48 else row.task.title[:47] + "…"
    number = f"{row.task.number} " if row.task.number else ""
    return f"{number}{title} ({due})"


def status_menu(draft: ReportDraft) -> Reply:
    buttons = [
        [Button(texts.REPORT_STATE_LABELS[s.value], f"{CMD} s {s.value}")]
        for s in (
            ReportState.DONE,
            ReportState.IN_PROGRESS,
            ReportState.BLOCKED,
            ReportState.NOT_STARTED,
        )
    ]
    return Reply(text=texts.FLOW_PICK_STATE.format(task=draft.title), buttons=buttons)


def choose_state(draft: ReportDraft, state: ReportState) -> tuple[ReportDraft, Reply]:
    """The state chosen; the next step is the percent, or the note when it is implied."""
    implied = {ReportState.DONE: 100, ReportState.NOT_STARTED: 0}.get(state)
    draft = replace(draft, state=state, percent=implied)
    return draft, (note_prompt(draft) if implied is not None else percent_menu(draft))


def percent_menu(draft: ReportDraft) -> Reply:
    row = [Button(f"{p}%", f"{CMD} pc {p}") for p in PERCENTS]
    return Reply(
        text=texts.FLOW_PICK_PERCENT, buttons=[row, [Button(texts.FLOW_SKIP, f"{CMD} pc -")]]
    )


def note_prompt(draft: ReportDraft) -> Reply:
    return Reply(text=texts.FLOW_NOTE_PROMPT, buttons=[[Button(texts.FLOW_SKIP, f"{CMD} n -")]])


def confirm(draft: ReportDraft, warning: str | None = None) -> Reply:
    state = texts.REPORT_STATE_LABELS[draft.state.value] if draft.state else "—"
    text = texts.FLOW_CONFIRM.format(
        task=draft.title,
        state=state,
        percent=f"{draft.percent}%" if draft.percent is not None else "—",
        note=draft.note or "—",
    )
    if warning:
        text += "\n" + warning
    buttons = [
        [
            Button(texts.FLOW_CONFIRM_BTN, f"{CMD} ok"),
            Button(texts.FLOW_EDIT_BTN, f"{CMD} sua"),
            Button(texts.FLOW_CANCEL_BTN, "/huy"),
        ]
    ]
    return Reply(text=text, buttons=buttons)


def save(session: Session, reporter: Reporter, draft: ReportDraft, now: datetime) -> Reply:
    """Record the confirmed draft; the reply says what was saved."""
    state = draft.state or ReportState.IN_PROGRESS
    row = service.record(
        session,
        reporter,
        draft.task_id,
        state,
        percent=draft.percent,
        note=draft.note,
        now=now,
        occurrence=draft.occurrence,
    )
    return Reply(
        text=texts.FLOW_SAVED.format(
            task=draft.title, state=texts.REPORT_STATE_LABELS[state.value], id=row.id
        )
    )
