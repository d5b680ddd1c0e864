"""``planbot`` command line: one subcommand module per area, each with ``register``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from bot import cmd_alerts, cmd_ask, cmd_chat, cmd_feedback, cmd_knowledge, cmd_progress, texts


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, texts.CLI_USAGE_PREFIX if prefix is None else prefix
        )


class Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, headings, -h, errors) are Vietnamese.

    ``add_subparsers`` builds subcommand parsers of the same class, so they match.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = texts.CLI_POSITIONALS
        self._optionals.title = texts.CLI_OPTIONS
        self.add_argument("-h", "--help", action="help", help=texts.CLI_HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, texts.CLI_ERROR.format(prog=self.prog, message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="planbot", description=texts.CLI_DESCRIPTION)
    parser.add_argument("-v", "--verbose", action="store_true", help=texts.CLI_VERBOSE)
    sub = parser.add_subparsers(dest="command", required=True, title=texts.CLI_COMMANDS)
    for module in (cmd_knowledge, cmd_ask, cmd_chat, cmd_feedback, cmd_progress, cmd_alerts):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        result: int = args.func(args)
    except BrokenPipeError:
        # `planbot ask … | head`: the reader left; not an error worth a trace.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return result


if __name__ == "__main__":
    sys.exit(main())
