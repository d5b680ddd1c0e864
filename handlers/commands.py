"""Everyday commands: help, questions, my tasks, upcoming deadlines, placeholders."""

from __future__ import annotations

from datetime import timedelta

from handlers import data, feedback, texts
from handlers.access import Actor, engine_reach, reach_of
from handlers.messages import Button, Reply
from handlers.render import answer_text, caps_for
from handlers.turn import Turn
from knowledge.answer.api import Answer
from knowledge.vietnamese import fold
from storage import repositories as repo

MAX_LIST = 30
DEADLINE_WINDOW_DAYS = 30


def main_menu(actor: Actor) -> list[list[Button]]:
    rows = [
        [Button(texts.CHAT_BTN_TASKS, "/nhiemvu"), Button(texts.CHAT_BTN_DEADLINES, "/hanchot")],
        [Button(texts.CHAT_BTN_ASK, "/hoi"), Button(texts.CHAT_BTN_HELP, "/trogiup")],
    ]
    if actor.is_admin:
        rows.append([Button(texts.CHAT_BTN_ADMIN, "/admin")])
    return rows


def help_cmd(turn: Turn) -> list[Reply]:
    text = texts.CHAT_HELP + texts.CHAT_HELP_PROGRESS
    if turn.actor.sees_all_units:
        text += texts.CHAT_HELP_LEADER
    if turn.actor.is_admin:
        text += texts.CHAT_HELP_EXPORT
    if turn.actor.is_admin:
        text += texts.CHAT_HELP_ADMIN
    return [Reply(text=text, buttons=main_menu(turn.actor))]


def ask_cmd(turn: Turn) -> list[Reply]:
    question = turn.args.strip()
    if not question:
        turn.set_state("ask")
        return [Reply(text=texts.CHAT_ASK_PROMPT)]
    return ask(turn, question)


def ask(turn: Turn, question: str) -> list[Reply]:
    """A question goes to the answer engine, with the chat's follow-up memory."""
    turn.set_state(None)
    memory = turn.context.get("answer") or {}
    if fold(question).strip(" .!?") in texts.CHAT_MORE_WORDS and memory.get("more"):
        return more_cmd(turn)
    answer: Answer = turn.services.engine.ask(
        question,
        now=turn.services.now(),
        context=memory or None,
        unit_hint=turn.actor.unit_name,
        reach=engine_reach(turn.actor),
    )
    return _answer_replies(turn, question, answer)


def more_cmd(turn: Turn) -> list[Reply]:
    """ "Xem thêm" (or typing "thêm"): the next page of the last list answer."""
    memory = turn.context.get("answer") or {}
    answer = turn.services.engine.more(memory, now=turn.services.now())
    return _answer_replies(turn, str(memory.get("question") or ""), answer)


def _answer_replies(turn: Turn, question: str, answer: Answer) -> list[Reply]:
    """The answer laid out for this channel, with its choices, "Xem thêm" and 👍/👎."""
    if answer.context:
        turn.context["answer"] = answer.context
    if not answer.text.strip():
        return [Reply(text=texts.CHAT_NO_ANSWER)]
    options = answer.options[:8]
    if options:
        turn.context["options"] = options
    rows = [[Button(_short(o, 60), f"/chon {i}")] for i, o in enumerate(options, start=1)]
    if answer.more > 0:
        rows.append([Button(texts.ANS_MORE_BUTTON, "/them")])
    if not options:
        rows.append(feedback.buttons(feedback.remember(turn, question, answer)))
    citations = list(answer.citations)
    text = answer_text(answer, caps_for(turn.actor.channel))
    return [Reply(text=text, buttons=rows, citations=citations)]


def choose_cmd(turn: Turn) -> list[Reply]:
    """A pressed option of an ambiguous answer: ask again with that option."""
    options = turn.context.get("options") or []
    index = int(turn.args) if turn.args.isdigit() else 0
    if not 1 <= index <= len(options):
        return [Reply(text=texts.CHAT_NO_ANSWER)]
    return ask(turn, str(options[index - 1]))


def _scope(turn: Turn) -> tuple[list[int] | None, str] | None:
    """(unit ids with their sub-units, or None for all; the scope's name); None: no list."""
    reach = reach_of(turn.actor)
    if reach is None:
        return None
    if reach.unit_ids is None:
        return None, reach.label
    return repo.with_subunits(turn.session, reach.unit_ids), reach.label


def tasks_cmd(turn: Turn) -> list[Reply]:
    """My unit's tasks; admins and leaders see every unit's."""
    scope = _scope(turn)
    if scope is None:
        return [Reply(text=texts.CHAT_TASKS_NO_UNIT)]
    unit_ids, scope_name = scope
    lines = data.list_tasks(turn.session, unit_ids=unit_ids)
    if not lines:
        return [Reply(text=texts.CHAT_TASKS_NONE.format(scope=scope_name))]
    title = texts.CHAT_TASKS_TITLE.format(scope=scope_name, count=len(lines))
    return [Reply(text=title + "\n" + render_tasks(lines))]


def deadlines_cmd(turn: Turn) -> list[Reply]:
    """Tasks due in the next 30 days (or as many days as the argument says)."""
    scope = _scope(turn)
    if scope is None:
        return [Reply(text=texts.CHAT_TASKS_NO_UNIT)]
    unit_ids, scope_name = scope
    days = int(turn.args) if turn.args.strip().isdigit() else DEADLINE_WINDOW_DAYS
    start = turn.services.now().date()
    end = start + timedelta(days=days)
    lines = data.list_tasks(turn.session, unit_ids=unit_ids, due_from=start, due_to=end)
    fmt = {"scope": scope_name, "start": texts.fmt_date(start), "end": texts.fmt_date(end)}
    if not lines:
        return [Reply(text=texts.CHAT_DEADLINES_NONE.format(**fmt))]
    title = texts.CHAT_DEADLINES_TITLE.format(count=len(lines), **fmt)
    return [Reply(text=title + "\n" + render_tasks(lines))]


def render_tasks(lines: list[data.TaskLine]) -> str:
    out: list[str] = []
    for n, task in enumerate(lines[:MAX_LIST], start=1):
        line = texts.CHAT_TASK_LINE.format(n=n, title=_short(task.title))
        if task.due_date:
            line += texts.CHAT_TASK_DUE.format(due=texts.fmt_date(task.due_date))
        elif task.deadline_text:
            line += texts.CHAT_TASK_DEADLINE_TEXT.format(text=_short(task.deadline_text, 60))
        locator = f", STT {task.number}" if task.number else ""
        out.append(line)
        out.append(texts.CHAT_TASK_SOURCE.format(source=task.source, locator=locator))
    if len(lines) > MAX_LIST:
        out.append(texts.CHAT_LIST_MORE.format(more=len(lines) - MAX_LIST))
    return "\n".join(out)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def coming_soon(feature: str) -> list[Reply]:
    return [Reply(text=texts.CHAT_COMING_SOON.format(feature=feature))]


def settings_cmd(turn: Turn) -> list[Reply]:
    return coming_soon(texts.CHAT_FEATURE_SETTINGS)
