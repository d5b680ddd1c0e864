"""Channel-neutral message types: what every adapter turns its updates into and out of.

Adapters (Telegram, Zalo, terminal) convert platform updates to ``Incoming`` and
render ``Reply`` objects back; the handlers never see a platform object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.answer.api import AnswerCitation as Citation  # one citation type, the answer's


@dataclass(frozen=True)
class Sender:
    channel: str  # "telegram" | "zalo_bot" | "zalo_oa" | "terminal"
    external_id: str  # the platform's user id
    chat_id: str  # where replies go
    display_name: str = ""
    in_group: bool = False  # a group chat, not a private one (see handlers.groups)


@dataclass
class Attachment:
    """A file the user sent; ``path`` is set once the adapter has downloaded it."""

    file_name: str
    file_id: str = ""
    size: int | None = None
    mime_type: str | None = None
    path: Path | None = None


@dataclass
class Incoming:
    sender: Sender
    text: str = ""
    update_key: str = ""  # the platform's update/message id, for de-duplication
    callback_data: str | None = None  # a pressed button
    attachment: Attachment | None = None
    unsupported: bool = False  # a kind we cannot read (sticker, image, …): one short notice


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # sent back as Incoming.callback_data; also accepted typed as text


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)  # rows of buttons
    citations: list[Citation] = field(default_factory=list)
    file: Path | None = None  # a document to send (later: Excel export)
    file_name: str | None = None
    photo: Path | None = None  # a picture (PNG) sent as a photo, ``text`` as its caption


@dataclass
class Outgoing:
    """A message to push to someone outside a conversation (broadcast, alerts).

    ``dedupe_key``: what makes this push unique (``storage.outbox.dedupe_key``);
    None lets the turn that made it number it (a re-run of that turn is a no-op).
    """

    channel: str
    chat_id: str
    reply: Reply
    dedupe_key: str | None = None


def reply_to_payload(reply: Reply) -> dict[str, Any]:
    """A reply as JSON for the outbox row."""
    return {
        "text": reply.text,
        "buttons": [[[b.label, b.data] for b in row] for row in reply.buttons],
        "citations": [[c.source, c.locator, c.text, c.plan] for c in reply.citations],
        "file": str(reply.file) if reply.file else None,
        "file_name": reply.file_name,
        "photo": str(reply.photo) if reply.photo else None,
    }


def reply_from_payload(payload: dict[str, Any]) -> Reply:
    return Reply(
        text=str(payload.get("text") or ""),
        buttons=[
            [Button(str(b[0]), str(b[1])) for b in row] for row in payload.get("buttons") or []
        ],
        citations=[Citation(*map(str, c)) for c in payload.get("citations") or []],
        file=Path(payload["file"]) if payload.get("file") else None,
        file_name=payload.get("file_name"),
        photo=Path(payload["photo"]) if payload.get("photo") else None,
    )
