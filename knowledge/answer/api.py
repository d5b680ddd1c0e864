"""The answer engine's boundary: a question in, an ``Answer`` out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.settings import Settings


@dataclass
class AnswerCitation:
    source: str  # the ingested file's name
    locator: str  # e.g. "Phụ lục, STT 3.18" or "Mục II.1"
    text: str = ""


@dataclass
class Answer:
    text: str  # the full reply text (answer first, details, then sources)
    citations: list[AnswerCitation] = field(default_factory=list)
    intent: str = "unknown"
    # What a follow-up question ("còn Sở Tài chính thì sao?") resolves against;
    # the caller stores it per chat and hands it back on the next question.
    context: dict[str, Any] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # when the question is ambiguous


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
