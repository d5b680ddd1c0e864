"""Chat subcommands: ``run`` (every configured channel), ``chat`` (terminal), ``invite``."""

from __future__ import annotations

import argparse
import json

from handlers import data
from handlers.access import ROLES
from handlers.services import Services
from storage import chat
from storage.db import Database
from storage.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to ``planbot``."""
    run = sub.add_parser("run", help="start every configured chat channel (terminal if none)")
    run.set_defaults(func=_run)

    term = sub.add_parser("chat", help="chat with the assistant in the terminal")
    term.add_argument("--as", dest="name", default="demo", help="who you are (default: demo)")
    term.set_defaults(func=_chat)

    invite = sub.add_parser("invite", help="create a one-time invite code")
    invite.add_argument("--role", required=True, choices=ROLES)
    invite.add_argument("--unit", default=None, help='unit name, e.g. "Sở Tư pháp"')
    invite.add_argument("--user", type=int, default=None, help="link another channel to user ID")
    invite.add_argument("--days", type=int, default=14, help="days the code stays valid")
    invite.add_argument("--json", action="store_true", help='print {"code": …}')
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
        unit = data.get_or_create_unit(session, args.unit) if args.unit else None
        if args.user is not None and chat.get_user(session, args.user) is None:
            print(f"no user {args.user}")
            return 2
        invite = chat.create_invite(
            session,
            args.role,
            unit.id if unit else None,
            user_id=args.user,
            valid_days=args.days,
        )
        chat.audit(
            session,
            None,
            "invite.create",
            code=invite.code,
            role=args.role,
            unit=unit.name if unit else None,
            user_id=args.user,
            via="cli",
        )
        code, unit_name = invite.code, unit.name if unit else None
    if args.json:
        print(json.dumps({"code": code, "role": args.role, "unit": unit_name}, ensure_ascii=False))
    else:
        print(f"{code}  (role {args.role}{', unit ' + unit_name if unit_name else ''})")
        print(f"Send to the bot: /start {code}")
    return 0
