"""``planbot ask``: answer a question (or a batch from stdin) from the ingested plans.

Imports stay inside the handler so that ``planbot --help`` and the other
subcommands start fast; the answer path itself imports no Chroma or LLM client
unless the settings call for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from bot import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to ``planbot``."""
    p = sub.add_parser("ask", help=texts.CLI_ASK)
    p.add_argument("question", nargs="?", help=texts.CLI_ASK_QUESTION)
    p.add_argument("--json", action="store_true", help=texts.CLI_JSON)
    p.add_argument("--batch", action="store_true", help=texts.CLI_ASK_BATCH)
    p.add_argument("--now", metavar=texts.CLI_DATE_METAVAR, help=texts.CLI_ASK_NOW)
    p.set_defaults(func=run)


def _as_json(question: str, answer: Any) -> dict[str, Any]:
    return {
        "question": question,
        "answer": answer.as_text(),
        "citations": [
            {"source": c.source, "locator": c.locator, "text": c.text} for c in answer.citations
        ],
        "intent": answer.intent,
        "options": answer.options,
    }


def run(args: argparse.Namespace) -> int:
    from knowledge.answer.api import AnswerEngine
    from storage.db import Database
    from storage.settings import get_settings

    now = None
    if args.now:
        try:
            now = datetime.strptime(args.now, "%Y-%m-%d")
        except ValueError:
            print(texts.CLI_ASK_BAD_NOW, file=sys.stderr)
            return 2
    if not args.batch and not args.question:
        print(texts.CLI_ASK_NEED_QUESTION, file=sys.stderr)
        return 2
    settings = get_settings()
    engine = AnswerEngine(Database.from_settings(settings), settings)
    if args.batch:
        for line in sys.stdin:  # independent questions: no follow-up context between lines
            question = line.strip()
            if not question:
                continue
            answer = engine.ask(question, now=now)
            if args.json:
                print(json.dumps(_as_json(question, answer), ensure_ascii=False), flush=True)
            else:
                print(f"? {question}\n{answer.as_text()}\n", flush=True)
        return 0
    answer = engine.ask(args.question, now=now)
    if args.json:
        print(json.dumps(_as_json(args.question, answer), ensure_ascii=False, indent=2))
    else:
        print(answer.as_text())
    return 0
