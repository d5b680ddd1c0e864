"""The terminal channel: the same conversations on standard input and output.

Menus are numbered (type the number). ``/tep PATH`` sends a local file, as an
admin would send a plan document in a chat. Reads lines until end of input, so
it also works with piped input.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot import texts
from handlers.dispatcher import Dispatcher
from handlers.messages import Attachment, Incoming, Reply, Sender
from handlers.services import NullIO, Services
from storage import chat

CHANNEL = "terminal"


class TerminalIO(NullIO):
    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out

    def progress(self, text: str) -> None:
        print(f"… {text}", file=self.out, flush=True)


def ensure_demo_admin(services: Services, name: str) -> bool:
    """On a fresh install (no users, no invites) the terminal user becomes a local admin."""
    with services.db.session() as session:
        if chat.count_users(session) > 0 or chat.count_invites(session) > 0:
            return False
        user = chat.create_user(session, name, "admin")
        chat.add_identity(session, user, CHANNEL, name, name, name)
        chat.audit(session, user.id, "demo_admin", channel=CHANNEL, name=name)
    return True


def banner(services: Services, name: str) -> str | None:
    with services.db.session() as session:
        identity = chat.find_identity(session, CHANNEL, name)
        if identity is None:
            return None
        role = texts.CHAT_ROLE_NAMES.get(identity.user.role, identity.user.role)
    return texts.CHAT_DEMO_BANNER.format(name=name, role=role)


def to_incoming(sender: Sender, line: str, n: int) -> Incoming:
    text = line.rstrip("\n")
    if text.startswith("/tep "):
        path = Path(text[5:].strip()).expanduser()
        attachment = Attachment(file_name=path.name, path=path)
        return Incoming(sender=sender, update_key=str(n), attachment=attachment)
    return Incoming(sender=sender, text=text, update_key=str(n))


def print_reply(reply: Reply, out: TextIO) -> None:
    print(reply.text, file=out)
    if reply.photo is not None:  # a terminal shows no pictures: say where it is
        print(texts.TERMINAL_PHOTO.format(path=reply.photo), file=out)
    if reply.file is not None:  # an export or draft: where it was written
        print(texts.TERMINAL_FILE.format(path=reply.file), file=out)
    print(file=out, flush=True)


def _lines(stdin: TextIO, out: TextIO) -> Iterator[str]:
    """Input lines; at an interactive terminal each is asked for with a "> " prompt."""
    interactive = stdin.isatty()
    while True:
        if interactive:
            print("> ", end="", file=out, flush=True)
        line = stdin.readline()
        if not line:
            return
        yield line


def run_terminal(
    services: Services,
    name: str = "demo",
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    ensure_demo_admin(services, name)
    heading = banner(services, name)
    if heading:
        print(heading, file=out, flush=True)
    dispatcher = Dispatcher(services)
    sender = Sender(CHANNEL, external_id=name, chat_id=name, display_name=name)
    io = TerminalIO(out)
    for n, line in enumerate(_lines(stdin, out), start=1):
        if not line.strip():
            continue
        result = dispatcher.handle(to_incoming(sender, line, n), io)
        for reply in result.replies:
            print_reply(reply, out)
        for push in result.pushes:
            if push.channel == CHANNEL and push.chat_id == name:
                print_reply(push.reply, out)
    return 0
