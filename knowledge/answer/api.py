"""The answer engine's boundary: a question in, an ``Answer`` out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.settings import Settings


@dataclass
class AnswerCitation:
    source: str  # the ingested file's name (data; people see ``plan``)
    locator: str  # e.g. "Phụ lục, STT 3.18" or "Mục II.1"
    text: str = ""
    plan: str = ""  # the plan as people name it: số hiệu and short title


@dataclass
class Answer:
    """An answer as data: channels lay it out (``handlers.render``), ``as_text`` for the CLI."""

    text: str  # the direct answer, first
    citations: list[AnswerCitation] = field(default_factory=list)
    intent: str = "unknown"
    # What a follow-up question ("còn Sở Tài chính thì sao?") resolves against;
    # the caller stores it per chat and hands it back on the next question.
    context: dict[str, Any] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # when the question is ambiguous
    details: list[str] = field(default_factory=list)  # short supporting lines
    more: int = 0  # list items not shown: "Xem thêm" / typing "thêm" shows them

    def as_text(self) -> str:
        """The whole reply as plain text: answer, details, "… và N khác", sources."""
        from knowledge.answer.compose import as_text

        return as_text(self)


class AnswerEngine:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def ask(
        self,
        question: str,
        *,
        now: datetime | None = None,
        context: dict[str, Any] | None = None,
        unit_hint: str | None = None,
        reach: list[int] | None = None,
    ) -> Answer:
        """Answer ``question``; ``unit_hint`` is the asker's unit (scope: "my tasks").

        ``reach`` limits task lists to these units and their sub-units (None: every
        unit, []: no list at all); see ``handlers.access``.

        With an LLM configured (``LLM_PROVIDER``), retrieved answers are rewritten by
        the model from their context only; any LLM failure keeps the extractive answer.
        """
        from knowledge.answer.engine import Engine

        answer = Engine(self.db, self.settings).ask(
            question, now=now, context=context, unit_hint=unit_hint, reach=reach
        )
        llm_on = self.settings.llm_provider not in ("", "none")
        # Counts and lists come exactly from the database; only retrieved answers are reworded.
        if llm_on and answer.citations and answer.intent in ("who", "deadline", "target", "search"):
            from knowledge.answer.llm import rewrite_with_llm

            answer = rewrite_with_llm(answer, question, self.settings)
        return answer

    def more(self, context: dict[str, Any], *, now: datetime | None = None) -> Answer:
        """The next page of the last list answer in this chat (``context`` as stored)."""
        from knowledge.answer.engine import Engine

        return Engine(self.db, self.settings).more(context, now=now)
