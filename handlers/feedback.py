"""👍/👎 on answers: each answer in chat is remembered briefly so a vote can be stored
with the question, the answer and its citations."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.messages import Button, Reply
from handlers.turn import Turn
from knowledge.answer.api import Answer
from storage.feedback import add_feedback

KEEP = 5  # recent answers a vote may still refer to


def remember(turn: Turn, question: str, answer: Answer) -> int:
    """Keep the answer in the chat's memory; its number goes into the vote buttons."""
    recent: list[dict[str, Any]] = list(turn.context.get("answers") or [])
    number = int(recent[-1]["no"]) + 1 if recent else 1
    recent.append(
        {
            "no": number,
            "question": question,
            "answer": answer.as_text(),
            "intent": str(answer.intent),
            "citations": [
                {"source": c.source, "locator": c.locator, "text": c.text} for c in answer.citations
            ],
        }
    )
    turn.context["answers"] = recent[-KEEP:]
    return number


def buttons(number: int) -> list[Button]:
    return [
        Button(texts.CHAT_FEEDBACK_UP, f"/phanhoi {number} up"),
        Button(texts.CHAT_FEEDBACK_DOWN, f"/phanhoi {number} down"),
    ]


def feedback_cmd(turn: Turn) -> list[Reply]:
    """A pressed 👍/👎 (or the typed number of one on channels without buttons)."""
    parts = turn.args.split()
    number = int(parts[0]) if parts and parts[0].isdigit() else 0
    vote = parts[1] if len(parts) > 1 and parts[1] in ("up", "down") else ""
    found = next((a for a in turn.context.get("answers") or [] if a.get("no") == number), None)
    if found is None or not vote:
        return [Reply(text=texts.CHAT_FEEDBACK_GONE)]
    with turn.services.db.session() as session:
        add_feedback(
            session,
            vote=vote,
            question=str(found["question"]),
            answer=str(found["answer"]),
            citations=list(found.get("citations") or []),
            intent=str(found.get("intent") or ""),
            user_id=turn.actor.user_id,
            channel=turn.actor.channel,
        )
    return [Reply(text=texts.CHAT_FEEDBACK_THANKS)]
