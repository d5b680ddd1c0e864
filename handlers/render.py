"""Turn replies into platform text: limits per channel, numbered menus, splitting."""

from __future__ import annotations

from dataclasses import dataclass

from handlers import texts
from handlers.messages import Reply
from knowledge.answer.api import Answer
from knowledge.answer.compose import body_lines, sources_block


@dataclass(frozen=True)
class ChannelCaps:
    buttons: bool  # inline buttons; otherwise menus become numbered text
    limit: int  # characters per message; 0 = unlimited
    files: bool = True  # documents can be sent and received (not on Zalo)


CAPS: dict[str, ChannelCaps] = {
    "telegram": ChannelCaps(buttons=True, limit=4096),
    "zalo_bot": ChannelCaps(buttons=False, limit=2000, files=False),
    "zalo_oa": ChannelCaps(buttons=False, limit=2000, files=False),
    "terminal": ChannelCaps(buttons=False, limit=0),
}


MENU_KEY = "menu"  # chat context: the data of the last numbered menu's lines, in order


def caps_for(channel: str) -> ChannelCaps:
    return CAPS.get(channel, ChannelCaps(buttons=False, limit=2000))


def answer_text(answer: Answer, caps: ChannelCaps) -> str:
    """An answer laid out for a chat: the answer, details, "… và N khác", the sources.

    A clarifying answer's choices become buttons (or numbered lines), so its details,
    which list the same choices, are left out.
    """
    lines = [answer.text.strip()] if answer.options else body_lines(answer)
    if answer.more > 0 and not caps.buttons:
        lines.append(texts.ANS_MORE_HINT)
    if answer.citations:
        lines.append("")
        lines.extend(sources_block(answer.citations))
    return "\n".join(lines)


def numbered(reply: Reply) -> tuple[Reply, list[str]]:
    """Fold buttons into "1. …" lines; returns the new reply and the choices' data."""
    choices = [button for row in reply.buttons for button in row]
    if not choices:
        return reply, []
    lines = [f"{i}. {button.label}" for i, button in enumerate(choices, start=1)]
    text = f"{reply.text}\n\n" + "\n".join(lines) if reply.text else "\n".join(lines)
    flat = Reply(
        text=text,
        citations=reply.citations,
        file=reply.file,
        file_name=reply.file_name,
        photo=reply.photo,
    )
    return flat, [button.data for button in choices]


def split_text(text: str, limit: int) -> list[str]:
    """Split at line boundaries so that no chunk exceeds ``limit``.

    A line (one task, one citation) is never cut unless it alone exceeds the
    limit; then it is cut at a space. A heading line such as "Nguồn:" is kept
    with the line that follows it.
    """
    text = text.strip("\n")
    if limit <= 0 or len(text) <= limit:
        return [text] if text else []
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in _bounded_lines(text, limit):
        extra = len(line) + (1 if current else 0)
        if current and size + extra > limit:
            carried = _carry_heading(current)
            chunks.append("\n".join(current).strip("\n"))
            current, size = carried, sum(len(x) for x in carried)
            extra = len(line) + (1 if current else 0)
            if current and size + extra > limit:  # heading + line do not fit together
                chunks.append("\n".join(current))
                current, size, extra = [], 0, len(line)
        current.append(line)
        size += extra
    if current:
        chunks.append("\n".join(current).strip("\n"))
    return [c for c in chunks if c.strip()]


def _carry_heading(lines: list[str]) -> list[str]:
    """Move a trailing heading ("Nguồn:") to the next chunk instead of orphaning it."""
    if len(lines) > 1 and lines[-1].rstrip().endswith(":"):
        return [lines.pop()]
    return []


def _bounded_lines(text: str, limit: int) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
            out.append(line[:cut])
            line = line[cut:].lstrip(" ")
        out.append(line)
    return out
