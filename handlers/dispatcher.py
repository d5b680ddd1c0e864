"""The one entry point adapters call: an ``Incoming`` in, replies (and pushes) out.

Routing: /start CODE links; unlinked people get one explanation, then silence;
commands go to their handler; a conversation state (admin prompts) takes the
next free text; any other free text is a question for the answer engine.
Typed numbers pick from the last numbered menu on channels without buttons.
Errors are handled here, once: expected ones carry their message, anything else
is logged with its trace and answered with a short apology.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from handlers import admin, commands, progress
from handlers.access import Actor
from handlers.errors import UserFacingError
from handlers.linking import link
from handlers.messages import Incoming, Reply
from handlers.render import caps_for, numbered
from handlers.services import NullIO, Result, Services, TurnIO
from handlers.turn import Turn
from knowledge import texts
from storage import chat

log = logging.getLogger(__name__)

Handler = Callable[[Turn], list[Reply]]

COMMANDS: dict[str, Handler] = {
    "/trogiup": commands.help_cmd,
    "/help": commands.help_cmd,
    "/hoi": commands.ask_cmd,
    "/chon": commands.choose_cmd,
    "/nhiemvu": commands.tasks_cmd,
    "/hanchot": commands.deadlines_cmd,
    "/tiendo": progress.progress_cmd,
    "/lichsu": progress.history_cmd,
    "/baocao": commands.report_cmd,
    "/caidat": commands.settings_cmd,
    "/admin": admin.admin_cmd,
}

_COMMAND = re.compile(r"^(/[A-Za-z_]+)(?:@\S+)?(?:\s+(.*))?$", re.DOTALL)
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*\.?\s*$")


def parse_command(text: str) -> tuple[str, str]:
    """("/hoi", "rest") for a command line; ("", text) for free text."""
    match = _COMMAND.match(text.strip())
    if not match:
        return "", text.strip()
    return match.group(1).lower(), (match.group(2) or "").strip()


class Dispatcher:
    def __init__(self, services: Services) -> None:
        self.services = services

    def is_slow(self, incoming: Incoming) -> bool:
        """Worth a "typing…" indicator: questions and file uploads."""
        if incoming.attachment is not None:
            return True
        command, args = parse_command(incoming.callback_data or incoming.text)
        return command == "" or (command == "/hoi" and bool(args))

    def handle(self, incoming: Incoming, io: TurnIO | None = None) -> Result:
        try:
            return self._handle(incoming, io or NullIO())
        except UserFacingError as exc:
            return Result(replies=[Reply(text=exc.message)])
        except Exception:
            log.exception(
                "failed to handle %s update %s", incoming.sender.channel, incoming.update_key
            )
            return Result(replies=[Reply(text=texts.CHAT_INTERNAL_ERROR)])

    # --- steps ------------------------------------------------------------------

    def _handle(self, incoming: Incoming, io: TurnIO) -> Result:
        sender = incoming.sender
        command, args = parse_command(incoming.text)
        if command == "/start" and args and incoming.attachment is None:
            return Result(replies=[link(self.services, sender, args.split()[0])])
        actor, context = self._load(incoming)
        if actor is None:
            return self._unlinked(incoming, context)
        turn = Turn(self.services, actor, incoming, io, context)
        try:
            replies = self._route(turn)
        except UserFacingError as exc:
            replies = [Reply(text=exc.message)]
        replies = self._render(turn, replies)
        with self.services.db.session() as session:
            chat.set_context(session, sender.channel, sender.chat_id, turn.context)
        return Result(replies=replies, pushes=turn.pushes)

    def _load(self, incoming: Incoming) -> tuple[Actor | None, dict[str, Any]]:
        sender = incoming.sender
        with self.services.db.session() as session:
            context = chat.get_context(session, sender.channel, sender.chat_id)
            identity = chat.find_identity(session, sender.channel, sender.external_id)
            if identity is None or not identity.user.active:
                return None, context
            chat.touch_identity(session, identity, sender.chat_id)
            user = identity.user
            actor = Actor(
                user_id=user.id,
                name=user.display_name,
                role=user.role,
                unit_id=user.unit_id,
                unit_name=user.unit.name if user.unit else None,
                identity_id=identity.id,
                channel=sender.channel,
                chat_id=sender.chat_id,
            )
        return actor, context

    def _unlinked(self, incoming: Incoming, context: dict[str, Any]) -> Result:
        """One polite explanation per chat, then nothing."""
        if context.get("unlinked_notice"):
            return Result()
        sender = incoming.sender
        with self.services.db.session() as session:
            chat.set_context(session, sender.channel, sender.chat_id, {"unlinked_notice": True})
        return Result(replies=[Reply(text=texts.CHAT_NOT_LINKED)])

    def _route(self, turn: Turn) -> list[Reply]:
        incoming = turn.incoming
        if incoming.attachment is not None:
            return admin.upload(turn)
        text = self._choice(turn) or incoming.callback_data or incoming.text
        turn.command, turn.args = parse_command(text)
        if turn.command == "/start":
            return self._start(turn)
        if turn.command == "/huy":
            turn.set_state(None)
            return [Reply(text=texts.CHAT_CANCELLED)]
        if turn.command:
            handler = COMMANDS.get(turn.command)
            if handler is None:
                return [Reply(text=texts.CHAT_UNKNOWN_COMMAND.format(command=turn.command))]
            turn.set_state(None)
            return handler(turn)
        if not turn.args:
            return []
        state = turn.state
        if state is not None:
            state_handler = admin.STATES.get(str(state.get("name")))
            if state_handler is not None:
                return state_handler(turn, turn.args)
        return commands.ask(turn, turn.args)

    def _choice(self, turn: Turn) -> str | None:
        """A typed number picks from the last numbered menu (buttonless channels)."""
        menu = turn.context.get("menu")
        match = _NUMBER.match(turn.incoming.text or "")
        if not menu or not match or turn.incoming.callback_data:
            return None
        index = int(match.group(1))
        if not 1 <= index <= len(menu):
            raise UserFacingError(
                texts.CHAT_CHOICE_INVALID.format(choice=match.group(1), max=len(menu))
            )
        return str(menu[index - 1])

    def _start(self, turn: Turn) -> list[Reply]:
        text = texts.CHAT_WELCOME_BACK.format(name=turn.actor.name)
        return [Reply(text=text, buttons=commands.main_menu(turn.actor))]

    def _render(self, turn: Turn, replies: list[Reply]) -> list[Reply]:
        """Buttonless channels get numbered menus; remember them for typed numbers."""
        if caps_for(turn.actor.channel).buttons:
            return replies
        out: list[Reply] = []
        menu: list[str] = []
        for reply in replies:
            flat, choices = numbered(reply)
            out.append(flat)
            if choices:
                menu = choices
        if menu:
            turn.context["menu"] = menu
        else:
            turn.context.pop("menu", None)
        return out
