"""``planbot`` command line: one subcommand module per area, each with ``register``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot import cmd_ask, cmd_chat, cmd_knowledge


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planbot", description="Trợ lý Kế hoạch — plan documents, questions, chat bots."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (cmd_knowledge, cmd_ask, cmd_chat):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
