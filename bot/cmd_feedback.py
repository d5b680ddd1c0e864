"""``planbot feedback``: the 👍/👎 people gave answers in chat; a 👎 becomes a QA question.

``--to-question ID`` appends the question to a QA file (tests/qa format) so the
benchmark scores it from then on: with ``--expect`` phrases (and ``--source``
file-name prefixes) it must be answered with them; without, it must cite nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bot import texts


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feedback", help=texts.CLI_FEEDBACK)
    p.add_argument("--json", action="store_true", help=texts.CLI_JSON)
    p.add_argument("--down", action="store_true", help=texts.CLI_FEEDBACK_DOWN)
    p.add_argument("--to-question", type=int, metavar="ID", help=texts.CLI_FEEDBACK_TO_QUESTION)
    p.add_argument("--expect", action="append", default=[], help=texts.CLI_FEEDBACK_EXPECT)
    p.add_argument("--source", action="append", default=[], help=texts.CLI_FEEDBACK_SOURCE)
    p.add_argument("--out", type=Path, default=None, help=texts.CLI_FEEDBACK_OUT)
    p.set_defaults(func=run)


def _row(fb: Any) -> dict[str, Any]:
    return {
        "id": fb.id,
        "at": fb.at.isoformat(sep=" ") if fb.at else "",
        "vote": fb.vote,
        "channel": fb.channel,
        "question": fb.question,
        "answer": fb.answer,
        "intent": fb.intent,
        "citations": fb.citations,
        "regression": fb.regression,
    }


def run(args: argparse.Namespace) -> int:
    from storage.db import Database
    from storage.feedback import as_regression, list_feedback
    from storage.models import AnswerFeedback
    from storage.settings import get_settings

    db = Database.from_settings(get_settings())
    db.migrate()
    with db.session() as session:
        if args.to_question is not None:
            fb = session.get(AnswerFeedback, args.to_question)
            if fb is None:
                print(texts.CLI_FEEDBACK_NOT_FOUND.format(id=args.to_question))
                return 1
            item = as_regression(fb, args.expect, args.source or None)
            line = json.dumps(item, ensure_ascii=False)
            if args.out is not None:
                with args.out.open("a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
            print(line)
            return 0
        rows = [_row(fb) for fb in list_feedback(session, "down" if args.down else None)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(texts.CLI_FEEDBACK_NONE)
    for r in rows:
        mark = texts.CHAT_FEEDBACK_UP if r["vote"] == "up" else texts.CHAT_FEEDBACK_DOWN
        print(f"#{r['id']} {mark} {r['at']} {r['question']}")
        print(f"   → {r['answer'].splitlines()[0] if r['answer'] else ''}")
    return 0
