"""One conversation turn: who, what they sent, and where the handler's output goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    command: str = ""  # "/nhiemvu" (lower case), "" for free text
    args: str = ""  # the rest of the line
    pushes: list[Outgoing] = field(default_factory=list)

    @property
    def state(self) -> dict[str, Any] | None:
        state = self.context.get("state")
        return state if isinstance(state, dict) else None

    def set_state(self, name: str | None, **data: Any) -> None:
        if name is None:
            self.context.pop("state", None)
        else:
            self.context["state"] = {"name": name, **data}
