"""One question being answered: what it asks, about which units, plan and period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from knowledge.answer.docscope import DocScope
from knowledge.answer.intents import Reading
from knowledge.answer.windows import Window
from knowledge.retrieval.search import Searcher
from storage.models import Document, Unit


@dataclass
class Ask:
    session: Session
    searcher: Searcher
    question: str  # as typed (a chosen option appended)
    asked: str  # what is asked about the plan: the question without the words naming it
    reading: Reading
    today: date
    units: list[Unit] = field(default_factory=list)
    unit_words: list[str] = field(default_factory=list)  # folded phrases that named them
    window: Window | None = None
    scope: DocScope = field(default_factory=DocScope)
    chat: dict[str, Any] = field(default_factory=dict)  # the previous answer's context
    labels: dict[int, str] = field(default_factory=dict)  # document id -> plan label
    # Documents held for the question's life: the session's identity map keeps only weak
    # references, so each search hit's plan would otherwise be read again.
    documents: dict[int, Document | None] = field(default_factory=dict)

    @property
    def doc_ids(self) -> list[int] | None:
        return self.scope.document_ids or None

    def label(self, document_id: int) -> str:
        return self.labels.get(document_id, "")

    def document(self, document_id: int) -> Document | None:
        if document_id not in self.documents:
            self.documents[document_id] = self.session.get(Document, document_id)
        return self.documents[document_id]
