"""Button data that always fits Telegram's 64-byte ``callback_data``.

Data up to 64 bytes (UTF-8) travels as is. Longer data is stored server-side
(``callback_tokens``) and the button carries ``~`` + a 12-character token;
``decode`` gives the original back. Nothing is ever cut silently.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from handlers.messages import Button, Reply
from storage import chat

LIMIT = 64
TOKEN_PREFIX = "~"


def encode(session: Session, data: str) -> str:
    if len(data.encode()) <= LIMIT and not data.startswith(TOKEN_PREFIX):
        return data
    return TOKEN_PREFIX + chat.save_callback_data(session, data)


def decode(session: Session, data: str) -> str | None:
    """The original data; None for a token this server does not know (any more)."""
    if not data.startswith(TOKEN_PREFIX):
        return data
    return chat.load_callback_data(session, data[len(TOKEN_PREFIX) :])


def encode_reply(session: Session, reply: Reply) -> Reply:
    if not reply.buttons:
        return reply
    rows = [[Button(b.label, encode(session, b.data)) for b in row] for row in reply.buttons]
    return replace(reply, buttons=rows)
