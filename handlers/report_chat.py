"""Progress reporting in chat, on every channel: the guided ``/baocao`` as a declared
flow, one-message reports, edit / withdraw, ``/lichsu``, the coordinating
office's review (``/duyet``), the quarterly draft (``/baocaoquy``) and the Excel
export (``/xuat``).

The steps' texts and buttons come from ``handlers.report_flow`` (plain functions
over the progress domain); here they are wired into ``handlers.flows``, so a
report in progress lives in the chat context and survives a restart. Buttons of
``report_flow`` carry ``/baocao <value>``: the ``<value>`` becomes the flow
choice's value. Nothing is saved before "Xác nhận".
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from handlers import downloads, texts
from handlers import report_flow as rf
from handlers.access import Actor
from handlers.errors import BadInput, NotAllowed, UserFacingError
from handlers.flows import END, STAY, Choice, Flow, FlowTurn, Step, begin, current, register
from handlers.messages import Button, Outgoing, Reply
from handlers.render import caps_for
from handlers.turn import Turn
from knowledge.progress import evidence, reporting, service
from knowledge.progress.board import UTC, build_board, to_local
from knowledge.progress.report_parse import ReportKind, number_covers
from knowledge.progress.reporting import Reporter, ReportError
from knowledge.progress.status import ReportState
from knowledge.vietnamese import fold
from storage import progress as store
from storage.models import ProgressReport, TaskRow

STEP_WORDS = ("s", "pc", "n")  # report_flow's per-step sub-commands
MAX_HISTORY = 20
MAX_PENDING = 10


# --- helpers ----------------------------------------------------------------------


def reporter_of(actor: Actor) -> Reporter:
    return Reporter(actor.user_id, actor.name, actor.role, actor.unit_id, channel=actor.channel)


def _tz(turn: Turn) -> ZoneInfo:
    return ZoneInfo(turn.services.settings.planbot_timezone)


def _now(turn: Turn) -> datetime:
    now = turn.services.now()
    return now if now.tzinfo else now.replace(tzinfo=UTC)


def _utc(turn: Turn) -> datetime:
    """Naive UTC, as the database stores times."""
    return _now(turn).astimezone(UTC).replace(tzinfo=None)


def _draft(ft: FlowTurn) -> rf.ReportDraft:
    raw = dict(ft.data["draft"])
    state = raw.pop("state", None)
    return rf.ReportDraft(**raw, state=ReportState(state) if state else None)


def _keep(ft: FlowTurn, draft: rf.ReportDraft) -> None:
    ft.data["draft"] = _as_data(draft)


def _as_data(draft: rf.ReportDraft) -> dict[str, Any]:
    raw = asdict(draft)
    raw["state"] = draft.state.value if draft.state else None
    return raw


def _choices(reply: Reply) -> list[Choice]:
    """A report_flow reply's buttons as flow choices (``/baocao VALUE`` → VALUE)."""
    out: list[Choice] = []
    for row in reply.buttons:
        for button in row:
            value = button.data.removeprefix(rf.CMD).strip() or button.data
            head, _, rest = value.partition(" ")
            if head in STEP_WORDS and rest:  # "s done" → "done": the step says what it is
                value = rest
            out.append(Choice(button.label, "huy" if value == "/huy" else value))
    return out


def _task_title(task: TaskRow) -> str:
    return f"{task.number} {task.title}".strip()


# --- the guided flow --------------------------------------------------------------


def _task_reply(ft: FlowTurn) -> Reply:
    offered = ft.data.get("candidates")
    if offered:  # an unsure one-message report: its best tasks, or nothing at all
        buttons = [[Button(label, f"{rf.CMD} t {tid}")] for tid, label in offered]
        buttons.append([Button(texts.FLOW_CANCEL_BTN, "/huy")])
        return Reply(text=texts.FLOW_WHICH_TASK, buttons=buttons)
    turn = ft.turn
    unit = None if turn.actor.is_admin else turn.actor.unit_id
    if unit is None and not turn.actor.is_admin:
        raise UserFacingError(texts.CHAT_TASKS_NO_UNIT)
    page = rf.open_tasks(
        turn.session,
        unit,
        _now(turn),
        _tz(turn),
        word=str(ft.data.get("word") or ""),
        page=int(ft.data.get("page") or 0),
    )
    return rf.task_menu(page)


def _pick_task(ft: FlowTurn, value: str) -> str:
    if value == "huy":
        ft.say(texts.FLOW_CANCELLED_REPORT)
        return END
    parts = value.split()
    if len(parts) >= 2 and parts[0] == "p" and parts[1].isdigit():
        ft.data["page"] = int(parts[1])
        return STAY
    if len(parts) >= 2 and parts[0] == "t" and parts[1].isdigit():
        task = service.load_task(ft.turn.session, int(parts[1]))
        if task is None:
            raise BadInput(texts.REPORT_UNKNOWN_TASK.format(id=parts[1]))
        allowed = reporting.permission(ft.turn.session, reporter_of(ft.turn.actor), task)
        if not allowed.allowed:
            raise BadInput(allowed.reason or "")
        known = ft.data.get("draft") or {}
        draft = rf.ReportDraft(
            task.id,
            _task_title(task),
            parts[2] if len(parts) > 2 else None,
            ReportState(known["state"]) if known.get("state") else None,
            known.get("percent"),
            str(known.get("note") or ""),
        )
        _keep(ft, draft)
        ft.data.pop("candidates", None)
        return "confirm" if draft.state else "state"
    ft.data.update(word=value.strip(), page=0)  # a typed word filters the list
    ft.data.pop("candidates", None)
    return STAY


def _pick_state(ft: FlowTurn, value: str) -> str:
    try:
        state = ReportState(value)
    except ValueError as exc:
        raise BadInput(texts.CHAT_FLOW_CHOOSE) from exc
    draft, _ = rf.choose_state(_draft(ft), state)
    _keep(ft, draft)
    return "percent" if draft.percent is None else "note"


def _pick_percent(ft: FlowTurn, value: str) -> str:
    value = value.strip().rstrip("%").strip()
    if value == "-":
        return "note"
    if not value.isdigit() or not 0 <= int(value) <= 100:
        raise BadInput(texts.FLOW_BAD_PERCENT)
    _keep(ft, replace(_draft(ft), percent=int(value)))
    return "note"


def _take_note(ft: FlowTurn, value: str) -> str:
    if value.strip() != "-":
        _keep(ft, replace(_draft(ft), note=value.strip()))
    return "confirm"


def _confirm_reply(ft: FlowTurn) -> Reply:
    reply = rf.confirm(_draft(ft), ft.data.get("warning"))
    files = [str(f["name"]) for f in ft.data.get("evidence") or []]
    if files:
        reply.text += texts.FLOW_EVIDENCE_LINE.format(names=", ".join(files))
    return reply


def _decide(ft: FlowTurn, value: str) -> str:
    if value == "sua":
        return "state"
    if value == "huy":
        ft.say(texts.FLOW_CANCELLED_REPORT)
        return END
    if value != "ok":
        raise BadInput(texts.CHAT_FLOW_CHOOSE)
    turn = ft.turn
    draft = _draft(ft)
    reporter = reporter_of(turn.actor)
    try:
        edit_of = ft.data.get("edit_of")
        if edit_of:
            row = reporting.edit(
                turn.session,
                reporter,
                int(edit_of),
                draft.state or ReportState.IN_PROGRESS,
                percent=draft.percent,
                note=draft.note,
                now=_utc(turn),
            )
            saved = Reply(
                text=texts.FLOW_SAVED.format(
                    task=draft.title,
                    state=texts.REPORT_STATE_LABELS[row.status or "in_progress"],
                    id=row.id,
                )
            )
        else:
            saved = rf.save(turn.session, reporter, draft, _now(turn))
            row = _last_report(turn, draft.task_id)
    except ReportError as exc:
        raise BadInput(exc.message) from exc
    for f in ft.data.get("evidence") or []:
        store.add_evidence(
            turn.session,
            row.id,
            sha256=f["sha256"],
            file_name=f["name"],
            mime_type=f.get("mime"),
            size=int(f["size"]),
            stored_path=f["path"],
        )
    saved.buttons = [
        [
            Button(texts.FLOW_BTN_EDIT_SAVED, f"/suabaocao {row.id}"),
            Button(texts.FLOW_BTN_WITHDRAW, f"/rutbaocao {row.id}"),
        ]
    ]
    ft.replies.append(saved)
    return END


def _last_report(turn: Turn, task_id: int) -> ProgressReport:
    rows = [r for r in store.history(turn.session, task_id) if r.reporter_user_id]
    mine = [r for r in rows if r.reporter_user_id == turn.actor.user_id]
    return mine[-1]


def _prompt_of(build: Any) -> Any:
    return lambda ft: build(ft).text


def _choices_of(build: Any) -> Any:
    return lambda ft: _choices(build(ft))


def _state_reply(ft: FlowTurn) -> Reply:
    return rf.status_menu(_draft(ft))


def _percent_reply(ft: FlowTurn) -> Reply:
    return rf.percent_menu(_draft(ft))


def _note_reply(ft: FlowTurn) -> Reply:
    return rf.note_prompt(_draft(ft))


REPORT = register(
    Flow(
        name="report",
        entry_points=("/baocao",),
        steps=(
            Step("task", _prompt_of(_task_reply), _pick_task, _choices_of(_task_reply)),
            Step("state", _prompt_of(_state_reply), _pick_state, _choices_of(_state_reply)),
            Step("percent", _prompt_of(_percent_reply), _pick_percent, _choices_of(_percent_reply)),
            Step("note", _prompt_of(_note_reply), _take_note, _choices_of(_note_reply)),
            Step(
                "confirm",
                _prompt_of(_confirm_reply),
                _decide,
                _choices_of(_confirm_reply),
                typed=False,
            ),
        ),
        timeout=timedelta(hours=2),
        cancel_hint=False,
        leave_on_text=True,
    )
)
EVIDENCE_STEPS = ("note", "confirm")


def evidence_upload(turn: Turn) -> list[Reply] | None:
    """A file or photo sent while a report waits for its note or confirmation: evidence,
    stored by content hash at once (a restart keeps it); None when no report waits."""
    state = current(turn)
    attachment = turn.incoming.attachment
    if state is None or state.flow != REPORT.name or state.step not in EVIDENCE_STEPS:
        return None
    assert attachment is not None
    path = turn.io.download(attachment)
    try:
        stored = evidence.store_file(turn.services.settings.data_dir, path)
    except ReportError as exc:
        return [Reply(text=exc.message)]
    name = attachment.file_name or path.name
    files = list(state.data.get("evidence") or [])
    files.append(
        {
            "sha256": stored.sha256,
            "path": stored.relative_path,
            "size": stored.size,
            "name": name,
            "mime": attachment.mime_type,
        }
    )
    state.data["evidence"] = files
    return [Reply(text=texts.FLOW_EVIDENCE_SAVED.format(name=name))] + begin(
        turn, REPORT, "confirm", **state.data
    )


# --- one message --------------------------------------------------------------------


def one_message(turn: Turn, text: str) -> list[Reply] | None:
    """Free text the report reader takes for a report: shown back for confirmation (or
    the best tasks offered, or refused naming the lead unit); None for anything else."""
    read = service.read_report(turn.session, text, reporter_of(turn.actor))
    parsed = read.parsed
    if parsed.kind is not ReportKind.REPORT:
        return None
    known = {
        "task_id": 0,
        "title": "",
        "state": parsed.status.value if parsed.status else None,
        "percent": 100
        if parsed.status is ReportState.DONE and parsed.percent is None
        else parsed.percent,
        "note": parsed.note,
        "occurrence": None,
    }
    if parsed.task is None:
        if not parsed.candidates:
            return [Reply(text=texts.FLOW_NO_MATCH)]
        offered = [[c.id, f"{c.number} {c.title[:48]}".strip()] for c in parsed.candidates[:3]]
        return begin(turn, REPORT, "task", candidates=offered, draft=known)
    if read.permission is not None and not read.permission.allowed:
        return [Reply(text=read.permission.reason or texts.FLOW_NO_MATCH)]
    known.update(task_id=parsed.task.id, title=f"{parsed.task.number} {parsed.task.title}".strip())
    step = "confirm" if parsed.status else "state"
    return begin(turn, REPORT, step, draft=known, warning=parsed.evidence_warning)


# --- edit, withdraw -------------------------------------------------------------------


def _own_report(turn: Turn) -> ProgressReport:
    arg = turn.args.strip().lstrip("#")
    if not arg.isdigit():
        raise UserFacingError(texts.FLOW_EDIT_WHICH)
    report = store.get_report(turn.session, int(arg))
    if report is None or report.superseded or report.withdrawn_at is not None:
        raise UserFacingError(texts.REPORT_NOT_FOUND)
    if report.reporter_user_id != turn.actor.user_id:
        raise UserFacingError(texts.REPORT_NOT_OWN)
    if _utc(turn) - report.reported_at > reporting.EDIT_WINDOW:
        hours = int(reporting.EDIT_WINDOW.total_seconds() // 3600)
        raise UserFacingError(texts.REPORT_EDIT_EXPIRED.format(hours=hours))
    return report


def edit_cmd(turn: Turn) -> list[Reply]:
    report = _own_report(turn)
    task = service.load_task(turn.session, report.task_id)
    title = _task_title(task) if task else str(report.task_id)
    draft = {
        "task_id": report.task_id,
        "title": title,
        "occurrence": report.occurrence,
        "state": report.status,
        "percent": report.percent,
        "note": report.note,
    }
    return begin(turn, REPORT, "state", draft=draft, edit_of=report.id)


def withdraw_cmd(turn: Turn) -> list[Reply]:
    report = _own_report(turn)
    try:
        reporting.withdraw(turn.session, reporter_of(turn.actor), report.id, now=_utc(turn))
    except ReportError as exc:
        raise UserFacingError(exc.message) from exc
    return [Reply(text=texts.FLOW_WITHDRAWN.format(id=report.id))]


# --- history ------------------------------------------------------------------------


def find_tasks(turn: Turn, spec: str) -> list[TaskRow]:
    """Tasks a typed reference names: "#ID", a number ("3.31"), else words of the title."""
    spec = spec.strip()
    if spec.startswith("#") and spec[1:].isdigit():
        task = service.load_task(turn.session, int(spec[1:]))
        return [task] if task else []
    found = service.candidates(turn.session)
    hits = [c for c in found if c.number and number_covers(c.number, spec)]
    if not hits:
        key = fold(spec)
        hits = [c for c in found if key and key in fold(c.title)]
    if len(hits) > 1 and turn.actor.unit_id:  # one's own unit's namesake first
        own = [c for c in hits if turn.actor.unit_id in c.lead_unit_ids]
        hits = own or hits
    tasks = [service.load_task(turn.session, c.id) for c in hits[:8]]
    return [t for t in tasks if t is not None]


def history_cmd(turn: Turn) -> list[Reply]:
    spec = turn.args.strip()
    if not spec:
        return [Reply(text=texts.HISTORY_USAGE)]
    tasks = find_tasks(turn, spec)
    if not tasks:
        return [Reply(text=texts.HISTORY_NO_TASK.format(spec=spec))]
    if len(tasks) > 1:
        buttons = [[Button(_task_title(t)[:60], f"/lichsu #{t.id}")] for t in tasks]
        return [Reply(text=texts.HISTORY_WHICH.format(spec=spec), buttons=buttons)]
    return [Reply(text=render_history(turn, tasks[0]))]


def _what(report: ProgressReport) -> str:
    if report.kind == store.COMMENT:
        return texts.HISTORY_COMMENT.format(note=report.note)
    parts = [texts.REPORT_STATE_LABELS.get(report.status or "", "—")]
    if report.percent is not None:
        parts.append(f"{report.percent}%")
    if report.note:
        parts.append(report.note)
    what = ", ".join(parts)
    if report.evidence:
        what += texts.FLOW_EVIDENCE_LINE.format(
            names=", ".join(e.file_name for e in report.evidence)
        )
    return what


def render_history(turn: Turn, task: TaskRow) -> str:
    rows = store.history(turn.session, task.id)
    title = _task_title(task)
    if not rows:
        return texts.HISTORY_NONE.format(task=title)
    tz = _tz(turn)
    lines = [texts.HISTORY_TITLE.format(task=title)]
    for r in rows[-MAX_HISTORY:]:
        line = texts.HISTORY_LINE.format(
            id=r.id,
            when=to_local(r.reported_at, tz).strftime("%d/%m/%Y %H:%M"),
            who=r.reporter_name or "—",
            channel=texts.CHANNEL_LABELS.get(r.channel, r.channel),
            what=_what(r),
        )
        if r.withdrawn_at is not None:
            line += texts.HISTORY_WITHDRAWN
        elif r.superseded:
            line += texts.HISTORY_SUPERSEDED
        if r.review == "returned":
            line += texts.HISTORY_RETURNED.format(reason=r.review_reason or "")
        elif r.review == "accepted":
            line += texts.HISTORY_ACCEPTED
        lines.append(line)
    return "\n".join(lines)


# --- review by the coordinating office ------------------------------------------------


def _reviewer(actor: Actor) -> bool:
    return actor.role in reporting.REVIEW_ROLES


def _pending_reply(ft: FlowTurn) -> Reply:
    pending = [r for r in store.pending_review(ft.turn.session) if r.kind != store.COMMENT]
    if not pending:
        return Reply(text=texts.REVIEW_NONE)
    buttons = []
    for r in pending[:MAX_PENDING]:
        task = ft.turn.session.get(TaskRow, r.task_id)
        label = f"#{r.id} {_task_title(task) if task else r.task_id}"[:60]
        buttons.append([Button(label, str(r.id))])
    return Reply(text=texts.REVIEW_PICK.format(count=len(pending)), buttons=buttons)


def _pick_pending(ft: FlowTurn, value: str) -> str:
    if not value.strip().lstrip("#").isdigit():
        raise BadInput(texts.CHAT_FLOW_CHOOSE)
    report = store.get_report(ft.turn.session, int(value.strip().lstrip("#")))
    if report is None or report.superseded or report.withdrawn_at is not None:
        raise BadInput(texts.REPORT_NOT_FOUND)
    ft.data["report"] = report.id
    return "verdict"


def _verdict_prompt(ft: FlowTurn) -> str:
    report = store.get_report(ft.turn.session, int(ft.data["report"]))
    assert report is not None
    task = ft.turn.session.get(TaskRow, report.task_id)
    return texts.REVIEW_SHOW.format(
        id=report.id,
        task=_task_title(task) if task else report.task_id,
        who=report.reporter_name,
        what=_what(report),
    )


def _verdict_choices(ft: FlowTurn) -> list[Choice]:
    return [Choice(texts.REVIEW_ACCEPT_BTN, "ok"), Choice(texts.REVIEW_RETURN_BTN, "tra")]


def _verdict(ft: FlowTurn, value: str) -> str:
    if value == "tra":
        return "reason"
    if value != "ok":
        raise BadInput(texts.CHAT_FLOW_CHOOSE)
    _decide_review(ft, True, None)
    return END


def _reason(ft: FlowTurn, value: str) -> str:
    _decide_review(ft, False, value)
    return END


def _decide_review(ft: FlowTurn, accept: bool, reason: str | None) -> None:
    turn = ft.turn
    try:
        report = reporting.review(
            turn.session,
            reporter_of(turn.actor),
            int(ft.data["report"]),
            accept,
            reason=reason,
            now=_utc(turn),
        )
    except ReportError as exc:
        raise BadInput(exc.message) from exc
    task = turn.session.get(TaskRow, report.task_id)
    title = _task_title(task) if task else str(report.task_id)
    told = (
        texts.REVIEW_TOLD_ACCEPTED.format(id=report.id, task=title)
        if accept
        else texts.REVIEW_TOLD_RETURNED.format(id=report.id, task=title, reason=reason)
    )
    target = _reach(turn, report.reporter_user_id)
    if target is not None:
        turn.pushes.append(Outgoing(target[0], target[1], Reply(text=told)))
    verdict = texts.REVIEW_VERDICT["accepted" if accept else "returned"]
    ft.say(texts.REVIEW_DONE.format(verdict=verdict, id=report.id))


def _reach(turn: Turn, user_id: int | None) -> tuple[str, str] | None:
    """The reporter's preferred chat (the sender re-routes outside OA's window)."""
    from storage import chat

    user = chat.get_user(turn.session, user_id) if user_id else None
    found = chat.preferred_identity(user.identities) if user else None
    return (found.channel, found.chat_id) if found else None


def _review_prompt(ft: FlowTurn) -> str:
    return texts.REVIEW_REASON_PROMPT


REVIEW = register(
    Flow(
        name="review",
        entry_points=("/duyet",),
        steps=(
            Step(
                "pick",
                _prompt_of(_pending_reply),
                _pick_pending,
                _choices_of(_pending_reply),
                typed=True,
            ),
            Step("verdict", _verdict_prompt, _verdict, _verdict_choices, typed=False),
            Step("reason", _review_prompt, _reason),
        ),
        allowed=_reviewer,
        timeout=timedelta(hours=2),
    )
)


def report_task(turn: Turn, task: TaskRow, occurrence: str | None = None) -> list[Reply]:
    """The guided report already on ``task`` (and its occurrence), at its state step;
    someone who may not report on it gets the refusal naming the lead unit."""
    allowed = reporting.permission(turn.session, reporter_of(turn.actor), task)
    if not allowed.allowed:
        raise UserFacingError(allowed.reason or texts.FLOW_NO_MATCH)
    draft = rf.ReportDraft(task.id, _task_title(task), occurrence or None)
    return begin(turn, REPORT, "state", draft=_as_data(draft))


def report_cmd(turn: Turn) -> list[Reply]:
    """``/baocao WORD``: the guided report with its task list filtered by ``WORD``."""
    return begin(turn, REPORT, word=turn.args.strip())


def review_cmd(turn: Turn) -> list[Reply]:
    """``/duyet`` with arguments (``/duyet 12``): straight to that report."""
    if not _reviewer(turn.actor):
        raise NotAllowed()
    return begin(turn, REVIEW, "verdict", report=int(turn.args)) if turn.args.isdigit() else []


# --- files: the quarterly draft and the export ------------------------------------------


def _exports_dir(turn: Turn) -> Path:
    folder = turn.services.settings.data_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_reply(turn: Turn, path: Path, name: str, caption: str) -> list[Reply]:
    """The file itself where the channel carries documents; elsewhere a signed,
    expiring link made out to this person, and the file through their other channel."""
    actor = turn.actor
    if caps_for(actor.channel).files:
        return [Reply(text=caption, file=path, file_name=name)]
    settings = turn.services.settings
    link = downloads.make_link(settings, path, str(actor.user_id))
    if link is None:
        text = texts.FILE_NO_LINK.format(caption=caption)
    else:
        expires = datetime.fromtimestamp(link.expires_at, _tz(turn)).strftime("%H:%M %d/%m/%Y")
        text = texts.FILE_LINK.format(caption=caption, url=link.url, expires=expires)
    other = _other_file_channel(turn)
    if other is not None:
        turn.pushes.append(Outgoing(other[0], other[1], Reply(caption, file=path, file_name=name)))
        text += "\n" + texts.FILE_SENT_OTHER
    return [Reply(text=text)]


def _other_file_channel(turn: Turn) -> tuple[str, str] | None:
    from storage import chat

    user = chat.get_user(turn.session, turn.actor.user_id)
    if user is None:
        return None
    found = [i for i in user.identities if i.active and i.channel == "telegram"]
    return (found[0].channel, found[0].chat_id) if found else None


def export_cmd(turn: Turn) -> list[Reply]:
    from knowledge.progress import export

    if not turn.actor.is_admin:
        raise UserFacingError(texts.EXPORT_ONLY_ADMINS)
    board = build_board(turn.session, _now(turn), tz=_tz(turn), with_evidence=True)
    stamp = _now(turn).astimezone(_tz(turn)).strftime("%Y%m%d")
    name = f"tien-do-{stamp}.xlsx"
    path = _exports_dir(turn) / f"{uuid.uuid4().hex[:12]}-{name}"
    export.write_xlsx(board.rows, path, _tz(turn))
    return file_reply(turn, path, name, texts.EXPORT_READY.format(rows=len(board.rows)))


def draft_cmd(turn: Turn) -> list[Reply]:
    from knowledge.progress import draft

    if not turn.actor.sees_all_units:
        raise UserFacingError(texts.DRAFT_ONLY_LEADERS)
    today = _now(turn).astimezone(_tz(turn)).date()
    spec = turn.args.strip() or f"{(today.month - 1) // 3 + 1}/{today.year}"
    try:
        quarter = draft.Quarter.parse(spec)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from exc
    board = build_board(turn.session, _now(turn), tz=_tz(turn))
    name = f"bao-cao-quy-{quarter.number}-{quarter.year}.docx"
    path = _exports_dir(turn) / f"{uuid.uuid4().hex[:12]}-{name}"
    draft.write_draft(board, quarter, path)
    return file_reply(turn, path, name, texts.DRAFT_READY.format(quarter=quarter.label))
