"""Chat subcommands: ``run`` (every configured channel), ``migrate``, ``updates``,
``chat`` (terminal), ``invite``.

The handlers and storage are imported inside each command, as in ``cmd_ask``: every
``planbot`` command builds this parser, and the handlers' unit tables are not needed
to parse arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot import texts
from storage.chat import ROLES

if TYPE_CHECKING:
    from handlers.services import Services


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to ``planbot``."""
    run = sub.add_parser("run", help=texts.CLI_RUN, description=texts.CLI_RUN)
    run.add_argument(
        "--role",
        default="all",
        choices=["all", "poller", "webhook", "sender"],
        help=texts.CLI_RUN_ROLE,
    )
    run.set_defaults(func=_run)

    migrate = sub.add_parser("migrate", help=texts.CLI_MIGRATE, description=texts.CLI_MIGRATE)
    migrate.set_defaults(func=_migrate)

    updates = sub.add_parser("updates", help=texts.CLI_UPDATES, description=texts.CLI_UPDATES)
    which = updates.add_mutually_exclusive_group()
    which.add_argument("--failed", action="store_true", help=texts.CLI_UPDATES_FAILED)
    which.add_argument("--pending", action="store_true", help=texts.CLI_UPDATES_PENDING)
    updates.add_argument("--json", action="store_true", help=texts.CLI_UPDATES_JSON)
    updates.set_defaults(func=_updates)

    term = sub.add_parser("chat", help=texts.CLI_CHAT, description=texts.CLI_CHAT)
    term.add_argument(
        "--as",
        dest="name",
        default="demo",
        metavar=texts.CLI_NAME_METAVAR,
        help=texts.CLI_CHAT_AS,
    )
    term.set_defaults(func=_chat)

    invite = sub.add_parser("invite", help=texts.CLI_INVITE, description=texts.CLI_INVITE)
    invite.add_argument("--role", required=True, choices=ROLES, help=texts.CLI_INVITE_ROLE)
    invite.add_argument(
        "--unit", default=None, metavar=texts.CLI_UNIT_METAVAR, help=texts.CLI_INVITE_UNIT
    )
    invite.add_argument(
        "--user", type=int, default=None, metavar=texts.CLI_USER_METAVAR, help=texts.CLI_INVITE_USER
    )
    invite.add_argument(
        "--days", type=int, default=None, metavar=texts.CLI_DAYS_METAVAR, help=texts.CLI_INVITE_DAYS
    )
    invite.add_argument("--json", action="store_true", help=texts.CLI_INVITE_JSON)
    invite.set_defaults(func=_invite)


def _services() -> Services:
    from handlers.services import Services
    from storage.db import Database
    from storage.settings import get_settings

    settings = get_settings()
    return Services(Database.from_settings(settings), settings)


def _run(args: argparse.Namespace) -> int:
    from bot.runtime import Role, run_forever
    from storage.settings import get_settings

    return run_forever(get_settings(), Role(args.role))


def _migrate(args: argparse.Namespace) -> int:
    from storage.db import Database
    from storage.migrate import head_revision
    from storage.settings import get_settings

    Database.from_settings(get_settings())  # migrates
    print(texts.CLI_MIGRATED.format(revision=head_revision()))
    return 0


def _updates(args: argparse.Namespace) -> int:
    """Stored updates that failed (default) or still wait, newest first."""
    from storage import chat
    from storage.db import Database
    from storage.settings import get_settings

    db = Database.from_settings(get_settings())
    with db.session() as session:
        if args.pending:
            rows = chat.pending_updates(session)
        else:
            rows = chat.failed_updates(session, limit=200)
        lines = [
            {
                "id": u.id,
                "channel": u.channel,
                "key": u.update_key,
                "status": u.status,
                "received": u.received_at.strftime("%d/%m/%Y %H:%M:%S") if u.received_at else "",
                "error": u.error or "",
            }
            for u in rows
        ]
    if args.json:
        for line in lines:
            print(json.dumps(line, ensure_ascii=False))
    elif not lines:
        print(texts.CLI_UPDATES_NONE)
    else:
        for line in lines:
            print(texts.CLI_UPDATE_LINE.format(**line))
    return 0


def _chat(args: argparse.Namespace) -> int:
    from bot.terminal import run_terminal

    return run_terminal(_services(), args.name)


def _invite(args: argparse.Namespace) -> int:
    from handlers import data
    from handlers.admin import issue_invite
    from storage import chat

    services = _services()
    with services.db.session() as session:
        unit = None
        if args.unit:
            lookup = data.lookup_unit(session, args.unit)
            if lookup.unit is None:  # never a phantom unit: say what exists instead
                print(data.unknown_unit_text(args.unit, lookup), file=sys.stderr)
                return 2
            unit = lookup.unit
        if args.user is not None and chat.get_user(session, args.user) is None:
            print(texts.CLI_INVITE_NO_USER.format(id=args.user))
            return 2
        unit_name = unit.name if unit else None
        invite = issue_invite(
            session,
            args.role,
            unit.id if unit else None,
            actor_user_id=None,
            user_id=args.user,
            valid_days=args.days,
            audit={"role": args.role, "unit": unit_name, "user_id": args.user, "via": "cli"},
        )
        code = invite.code
    if args.json:
        print(json.dumps({"code": code, "role": args.role, "unit": unit_name}, ensure_ascii=False))
    else:
        unit_part = texts.CLI_INVITE_UNIT_SUFFIX.format(unit=unit_name) if unit_name else ""
        role = texts.CHAT_ROLE_NAMES.get(args.role, args.role)
        print(texts.CLI_INVITE_CREATED.format(code=code, role=role, unit=unit_part))
        print(texts.CLI_INVITE_SEND.format(code=code))
    return 0
