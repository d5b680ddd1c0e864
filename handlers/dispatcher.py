"""The one entry point adapters call: an ``Incoming`` in, replies (and pushes) out.

Routing: /start CODE links; unlinked people get one explanation, then silence;
/huy leaves a running flow; a flow's entry point starts it; a running flow
(``handlers.flows``) takes button presses and free text; commands go to their
handler; any other free text is a question for the answer engine. Typed numbers
pick from the last numbered menu on channels without buttons.

One database session per turn: the caller (the runtime) hands it in, and every
read and write of the turn uses it; called without one, ``handle`` opens and
commits its own. Errors are handled here, once: expected ones carry their
message; anything else is logged with its trace, the turn's writes are rolled
back and the user gets a short apology.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from handlers import (
    admin,
    alert_settings,
    alerts,
    callbacks,
    commands,
    feedback,
    flows,
    groups,
    progress,
    report_chat,
    texts,
)
from handlers.access import actor_for
from handlers.errors import UserFacingError
from handlers.linking import link
from handlers.messages import Incoming, Reply
from handlers.render import MENU_KEY, caps_for, numbered
from handlers.services import NullIO, Result, Services, TurnIO
from handlers.turn import Turn
from storage import chat
from storage.models import Identity

log = logging.getLogger(__name__)

Handler = Callable[[Turn], list[Reply]]

COMMANDS: dict[str, Handler] = {
    "/trogiup": commands.help_cmd,
    "/help": commands.help_cmd,
    "/hoi": commands.ask_cmd,
    "/chon": commands.choose_cmd,
    "/nhiemvu": commands.tasks_cmd,
    "/hanchot": alerts.deadlines_cmd,
    "/tiendo": progress.progress_cmd,
    "/baocao": report_chat.report_cmd,
    "/lichsu": report_chat.history_cmd,
    "/suabaocao": report_chat.edit_cmd,
    "/rutbaocao": report_chat.withdraw_cmd,
    "/duyet": report_chat.review_cmd,
    "/baocaoquy": report_chat.draft_cmd,
    "/xuat": report_chat.export_cmd,
    "/caidat": commands.settings_cmd,
    "/admin": admin.admin_cmd,
    "/them": commands.more_cmd,
    "/phanhoi": feedback.feedback_cmd,
    alerts.REPORT_COMMAND: alerts.report_from_alert,
}
assert alert_settings.SETTINGS  # /caidat is a declared flow (registered on import)

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

    def handle(
        self, incoming: Incoming, io: TurnIO | None = None, session: Session | None = None
    ) -> Result:
        if session is None:
            with self.services.db.session() as own:
                return self._guarded(incoming, io or NullIO(), own)
        return self._guarded(incoming, io or NullIO(), session)

    def _guarded(self, incoming: Incoming, io: TurnIO, session: Session) -> Result:
        try:
            return self._handle(incoming, io, session)
        except UserFacingError as exc:
            return Result(replies=[Reply(text=exc.message)])
        except Exception as exc:
            log.exception(
                "failed to handle %s update %s", incoming.sender.channel, incoming.update_key
            )
            session.rollback()  # nothing half-done is kept
            return Result(replies=[Reply(text=texts.CHAT_INTERNAL_ERROR)], error=repr(exc))

    # --- steps ------------------------------------------------------------------

    def _handle(self, incoming: Incoming, io: TurnIO, session: Session) -> Result:
        sender = incoming.sender
        if sender.in_group:  # private chats only, unless an admin enabled the group
            return groups.handle(
                self.services, session, incoming, *parse_command(incoming.text), io
            )
        command, args = parse_command(incoming.text)
        if command == "/start" and args and incoming.attachment is None:
            return Result(replies=[link(session, sender, args.split()[0], self.services.now())])
        identity, context = self._load(incoming, session)
        if identity is None:
            return self._unlinked(incoming, context, session)
        actor = actor_for(identity, sender.chat_id)
        turn = Turn(self.services, actor, incoming, io, context, session)
        try:
            replies = self._route(turn)
        except UserFacingError as exc:
            replies = [Reply(text=exc.message)]
        replies = self._render(turn, replies)
        # The turn's routine writes come last: on SQLite the first write takes the
        # database's one write lock until the commit, and taken before the answer it
        # made every other chat's turn wait for this one's whole search.
        chat.touch_identity(session, identity, sender.chat_id)
        chat.set_context(session, sender.channel, sender.chat_id, turn.context)
        return Result(replies=replies, pushes=turn.pushes)

    def _load(self, incoming: Incoming, session: Session) -> tuple[Identity | None, dict[str, Any]]:
        """The sender's active identity (None when unlinked) and the chat's context."""
        sender = incoming.sender
        context = chat.get_context(session, sender.channel, sender.chat_id)
        identity = chat.find_identity(session, sender.channel, sender.external_id)
        if identity is None or not identity.user.active:
            return None, context
        return identity, context

    def _unlinked(self, incoming: Incoming, context: dict[str, Any], session: Session) -> Result:
        """One polite explanation per chat, then nothing."""
        if context.get("unlinked_notice"):
            return Result()
        sender = incoming.sender
        chat.set_context(session, sender.channel, sender.chat_id, {"unlinked_notice": True})
        return Result(replies=[Reply(text=texts.CHAT_NOT_LINKED)])

    def _route(self, turn: Turn) -> list[Reply]:
        incoming = turn.incoming
        if incoming.unsupported:
            replies = [Reply(text=texts.CHAT_UNSUPPORTED)]
            if turn.actor.is_admin and not caps_for(turn.actor.channel).files:
                replies.append(Reply(text=texts.ZALO_UPLOAD_HOWTO))
            return replies
        if incoming.attachment is not None:
            evidence = report_chat.evidence_upload(turn)
            if evidence is not None:
                return evidence
            if (incoming.attachment.mime_type or "").startswith("image/"):
                return [Reply(text=texts.CHAT_UNSUPPORTED)]  # a picture is no plan
            return admin.upload(turn)
        chosen = self._choice(turn)
        text = chosen or incoming.callback_data or incoming.text
        if chosen or incoming.callback_data:
            decoded = callbacks.decode(turn.session, text)
            if decoded is None:
                return [Reply(text=texts.CHAT_BUTTON_EXPIRED)]
            text = decoded
        turn.command, turn.args = parse_command(text)
        if turn.command == "/start":
            return self._start(turn)
        if turn.command == "/huy":
            had_flow = flows.cancel(turn)
            had_state = turn.state is not None
            turn.set_state(None)
            return [
                Reply(
                    text=texts.CHAT_CANCELLED
                    if had_flow or had_state
                    else texts.CHAT_NOTHING_TO_CANCEL
                )
            ]
        entry = flows.entry_for(text)
        if entry is not None:
            return flows.begin(turn, entry)
        routed = flows.handle(turn, text, turn.command)
        if routed is not None:
            return routed
        if turn.command:
            handler = COMMANDS.get(turn.command)
            if handler is None:
                return [Reply(text=texts.CHAT_UNKNOWN_COMMAND.format(command=turn.command))]
            turn.set_state(None)
            return handler(turn)
        if not turn.args:
            return []
        # The report reader decides report vs question by general signals (state,
        # percent, citation; no question form): a question stays a question.
        return report_chat.one_message(turn, turn.args) or commands.ask(turn, turn.args)

    def _choice(self, turn: Turn) -> str | None:
        """A typed number picks from the last numbered menu (buttonless channels)."""
        menu = turn.context.get(MENU_KEY)
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
        """Buttons fit the platform (long data behind a token); buttonless channels get
        numbered menus, remembered for typed numbers."""
        if caps_for(turn.actor.channel).buttons:
            return [callbacks.encode_reply(turn.session, r) for r in replies]
        out: list[Reply] = []
        menu: list[str] = []
        for reply in replies:
            flat, choices = numbered(reply)
            out.append(flat)
            if choices:
                menu = choices
        if menu:
            turn.context[MENU_KEY] = menu
        else:
            turn.context.pop(MENU_KEY, None)
        return out
