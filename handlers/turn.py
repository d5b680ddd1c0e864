"""One conversation turn: who, what they sent, and where the handler's output goes.

``session`` is the turn's one database session, opened by the runtime (or by the
dispatcher when called directly): every read and write of the turn goes through
it, and the runtime writes the turn's replies and pushes to the outbox in it, so
they all commit together. Handlers never open their own session (on SQLite a
second writer would wait for the turn's own write lock). A long job inside a
turn (a plan upload) calls ``commit()`` first to let other writers in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from handlers.access import Actor
from handlers.messages import Incoming, Outgoing
from handlers.services import Services, TurnIO


@dataclass
class Turn:
    services: Services
    actor: Actor
    incoming: Incoming
    io: TurnIO
    context: dict[str, Any]  # conversation memory; saved after the turn
    session: Session
    command: str = ""  # "/nhiemvu" (lower case), "" for free text
    args: str = ""  # the rest of the line
    pushes: list[Outgoing] = field(default_factory=list)

    def commit(self) -> None:
        """Commit what the turn did so far (before work that writes on its own)."""
        self.session.commit()

    @property
    def state(self) -> dict[str, Any] | None:
        state = self.context.get("state")
        return state if isinstance(state, dict) else None

    def set_state(self, name: str | None, **data: Any) -> None:
        if name is None:
            self.context.pop("state", None)
        else:
            self.context["state"] = {"name": name, **data}
