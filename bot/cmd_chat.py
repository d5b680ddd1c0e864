"""Chat subcommands: ``run`` (every configured channel), ``chat`` (terminal), ``invite``."""

from __future__ import annotations

import argparse
import json
import sys

from handlers import data
from handlers.access import ROLES
from handlers.admin import issue_invite
from handlers.services import Services
from knowledge import texts
from storage import chat
from storage.db import Database
from storage.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to ``planbot``."""
    run = sub.add_parser("run", help=texts.CLI_RUN, description=texts.CLI_RUN)
    run.set_defaults(func=_run)

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
        "--days", type=int, default=14, metavar=texts.CLI_DAYS_METAVAR, help=texts.CLI_INVITE_DAYS
    )
    invite.add_argument("--json", action="store_true", help=texts.CLI_INVITE_JSON)
    invite.set_defaults(func=_invite)


def _services() -> Services:
    settings = get_settings()
    return Services(Database.from_settings(settings), settings)


def _run(args: argparse.Namespace) -> int:
    from bot.runtime import run_forever

    return run_forever(get_settings())


def _chat(args: argparse.Namespace) -> int:
    from bot.terminal import run_terminal

    return run_terminal(_services(), args.name)


def _invite(args: argparse.Namespace) -> int:
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
