"""What an adapter may actually send: never an empty or blank message."""

from __future__ import annotations

from handlers.render import split_text


def message_parts(text: str, limit: int) -> list[str]:
    """``text`` split to the platform limit, without blank parts (possibly none at all).

    Platforms refuse empty text (Zalo: 1-2000 characters) and a lone space is noise,
    so an empty reply is simply not sent (and trailing blank lines are trimmed).
    """
    parts = (part.lstrip("\n").rstrip() for part in split_text(text or "", limit))
    return [part for part in parts if part]
