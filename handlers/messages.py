"""Channel-neutral message types: what every adapter turns its updates into and out of.

Adapters (Telegram, Zalo, terminal) convert platform updates to ``Incoming`` and
render ``Reply`` objects back; the handlers never see a platform object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Sender:
    channel: str  # "telegram" | "zalo_bot" | "zalo_oa" | "terminal"
    external_id: str  # the platform's user id
    chat_id: str  # where replies go
    display_name: str = ""


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


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # sent back as Incoming.callback_data; also accepted typed as text


@dataclass(frozen=True)
class Citation:
    source: str  # the ingested file's name
    locator: str  # "Phụ lục, STT 3.18" / "Mục II.1, dòng 14"
    text: str = ""


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
    """A message to push to someone outside a conversation (broadcast, alerts)."""

    channel: str
    chat_id: str
    reply: Reply
