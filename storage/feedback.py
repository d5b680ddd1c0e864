"""Answer feedback: store a vote, list them, turn a 👎 into a regression question."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AnswerFeedback


def add_feedback(
    session: Session,
    *,
    vote: str,
    question: str,
    answer: str,
    citations: list[dict[str, Any]],
    intent: str = "",
    user_id: int | None = None,
    channel: str = "",
) -> AnswerFeedback:
    row = AnswerFeedback(
        vote=vote,
        question=question,
        answer=answer,
        citations=citations,
        intent=intent,
        user_id=user_id,
        channel=channel,
    )
    session.add(row)
    session.flush()
    return row


def list_feedback(session: Session, vote: str | None = None) -> list[AnswerFeedback]:
    stmt = select(AnswerFeedback).order_by(AnswerFeedback.id)
    if vote:
        stmt = stmt.where(AnswerFeedback.vote == vote)
    return list(session.scalars(stmt))


def as_regression(
    row: AnswerFeedback, expect: list[str], sources: list[str] | None = None
) -> dict[str, Any]:
    """A QA line (tests/qa format) from a 👎: no expected phrase means "must cite nothing"."""
    cited = [str(c.get("source", "")) for c in row.citations]
    item: dict[str, Any] = {"id": f"fb{row.id}", "question": row.question, "kind": "feedback"}
    if expect:
        item["expect"] = expect
        item["sources"] = sources or [s.split(".")[0] for s in cited[:1]]
    else:
        item["unanswerable"] = True
        item["sources"] = []
        item["expect"] = []
    row.regression = item
    return item
