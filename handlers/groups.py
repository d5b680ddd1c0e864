"""Group chats: the assistant serves private chats; a group only when an admin enables it.

In a group the bot never links anyone and never records the group as a person's
chat (their broadcasts and alerts keep going to their private chat). A group that
is not enabled gets one notice that the bot works in private chat, then silence.
An admin enables a group from inside it with ``/admin nhom bat`` (off: ``tat``);
there, linked people may ask questions about the plans, read-only and without
task lists (a group's reach is empty, see ``handlers.access``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.orm import Session

from handlers import commands, texts
from handlers.access import VIEWER, Actor, actor_for
from handlers.messages import Incoming, Reply
from handlers.services import NullIO, Result, Services, TurnIO
from handlers.turn import Turn
from knowledge.vietnamese import fold
from storage import chat

ENABLED = "group_enabled"
NOTICED = "group_noticed"
_TOGGLES = {"nhom bat": True, "group on": True, "nhom tat": False, "group off": False}
_QUESTIONS = ("", "/hoi")


def handle(
    services: Services,
    session: Session,
    incoming: Incoming,
    command: str,
    args: str,
    io: TurnIO | None = None,
) -> Result:
    """One message in a group chat (``command``/``args`` as the dispatcher parsed them),
    in the turn's ``session``."""
    sender = incoming.sender
    context = chat.get_context(session, sender.channel, sender.chat_id)
    identity = chat.find_identity(session, sender.channel, sender.external_id)
    active = identity is not None and identity.user.active
    person = actor_for(identity, sender.chat_id) if identity is not None and active else None
    toggle = _TOGGLES.get(" ".join(fold(args).split())) if command == "/admin" else None
    if toggle is not None and person is not None and person.is_admin:
        return _toggle(session, incoming, person, context, toggle)
    if not context.get(ENABLED):
        return _notice_once(session, incoming, context)
    if person is None or incoming.unsupported:
        return Result()  # strangers and stickers in an enabled group: silence
    if command not in _QUESTIONS:
        return Result(replies=[Reply(text=texts.CHAT_GROUP_READ_ONLY)])
    question = args.strip()
    if not question:
        return Result()
    # The group reads every answer: it gets the narrowest reach (no task lists).
    reader = dataclasses.replace(person, role=VIEWER, unit_id=None, unit_name=None)
    turn = Turn(services, reader, incoming, io or NullIO(), context, session)
    replies = [Reply(text=r.text, citations=r.citations) for r in commands.ask(turn, question)]
    _save(session, incoming, turn.context)
    return Result(replies=replies)


def _toggle(
    session: Session, incoming: Incoming, admin: Actor, context: dict[str, Any], on: bool
) -> Result:
    context[ENABLED] = on
    sender = incoming.sender
    chat.set_context(session, sender.channel, sender.chat_id, context)
    action = "group.enable" if on else "group.disable"
    chat.audit(session, admin.user_id, action, channel=sender.channel, chat_id=sender.chat_id)
    text = texts.CHAT_GROUP_ENABLED if on else texts.CHAT_GROUP_DISABLED
    return Result(replies=[Reply(text=text)])


def _notice_once(session: Session, incoming: Incoming, context: dict[str, Any]) -> Result:
    if context.get(NOTICED):
        return Result()
    context[NOTICED] = True
    _save(session, incoming, context)
    return Result(replies=[Reply(text=texts.CHAT_GROUP_PRIVATE_ONLY)])


def _save(session: Session, incoming: Incoming, context: dict[str, Any]) -> None:
    sender = incoming.sender
    chat.set_context(session, sender.channel, sender.chat_id, context)
