"""A plan forwarded in a group chat and saved as the chat's export (Zalo PC "Xuất tin
nhắn", a copied Telegram or Zalo thread): every message opens with "[09/03/2026 14:09]
Sender (unit):" on its own line, and the plan's items lie in a few messages among
"Đã nhận ạ", stickers, files and quoted replies.

The export is cut back to the plan: the messages that carry list items (and the first
message naming a document by its number, which gives the plan's number and date), with
keycap numbers ("1️⃣1️⃣", "🔟") and chat bullets ("▪️") written as the plain "11." and "-"
the readers know. Items posted later that go on with an earlier section's numbering
("1️⃣2️⃣" after that section's "1️⃣1️⃣", posted once another section began) are put back
under that section's heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.loaders._textmeta import announced_header
from knowledge.loaders._typed_times import restore_times

# "[09/03/2026 14:09] Lò Văn Định (VP UBND tỉnh):" or "09/03/2026, 14:09 - Name:".
_HEADER = re.compile(
    r"^\s*\[?\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:-\s*)?"
    r"[^:\n]{2,80}:\s*(?P<rest>.*)$"
)
MIN_MESSAGES = 3  # fewer headers than this is a plan quoting a time, not a chat
_RULE_CHARS = frozenset("═=─-")  # "════ Thứ Hai, 09/03/2026 ════": a day's rule
# Lines a chat client writes for what is no text: attachments, stickers, recalls, quotes.
_SYSTEM = re.compile(
    r"^\s*\[(?:File|Link|Sticker|Ảnh|Hình ảnh|Video|Tệp|Photo|Trả lời[^\]]*)\]"
    r"|^\s*Tin nhắn đã (?:được|bị) thu hồi",
    re.IGNORECASE,
)
_KEYCAP = re.compile(r"((?:[0-9]\ufe0f?\u20e3)+|\U0001f51f)\s*")
_CHAT_BULLET = re.compile(r"^\s*[▪▫◾◽•●○◦➖➡👉🔹🔸✅☑✔][\ufe0f]?\s*")
_PIN = re.compile(r"^\s*[\U0001f300-\U0001faff\u2600-\u27bf][\ufe0f]?\s*(?=[IVX]+\.|\d)")
_ITEM = re.compile(r"^\s*(?:(?P<roman>[IVX]{1,4})\.|(?P<num>\d{1,2})\.)\s+\S")
_ITEM_OR_BULLET = re.compile(r"^\s*(?:\d{1,2}\.|-)\s+\S")
_SENTENCE_WORDS = 8  # a heading ("10. UBND các xã, phường:") is shorter
_DOC_NUMBER = re.compile(r"\b\d{1,5}/[A-ZĐ]{1,6}(?:-[A-ZĐ]{1,8})+\b")


@dataclass
class _Message:
    lines: list[str] = field(default_factory=list)


def chat_as_text(text: str) -> str:
    """The plan held in a chat export, as plain lines; other text comes back unchanged."""
    lines = text.splitlines()
    if sum(1 for line in lines if _HEADER.match(line)) < MIN_MESSAGES:
        return text
    messages = _messages(lines)
    kept = [m for m in messages if _holds_items(m)]
    if not kept:
        return text
    intro = next((m for m in messages if _DOC_NUMBER.search(" ".join(m.lines))), None)
    intro_text = " ".join(intro.lines) if intro is not None and intro not in kept else ""
    out = (announced_header(intro_text) or [intro_text, ""]) if intro_text else []
    return "\n".join(out + _renumbered(kept)) + "\n"


def _messages(lines: list[str]) -> list[_Message]:
    messages: list[_Message] = []
    for line in lines:
        head = _HEADER.match(line)
        if head:
            messages.append(_Message())
            if head["rest"].strip():
                messages[-1].lines.append(head["rest"].strip())
        elif messages and _text_line(line) and (line.strip() or messages[-1].lines):
            messages[-1].lines.append(_plain(line))
    return messages


def _text_line(line: str) -> bool:
    """Not a day separator nor what a client writes for a file, a sticker or a recall."""
    return not _day_rule(line) and not _SYSTEM.match(line)


def _day_rule(line: str) -> bool:
    s = line.strip()
    return len(s) >= 6 and set(s[:3]) <= _RULE_CHARS and set(s[-3:]) <= _RULE_CHARS


def _plain(line: str) -> str:
    """ "1️⃣1️⃣ SXD: …" -> "11. SXD: …"; "▪️ Rà soát …" -> "- Rà soát …".

    A chat line is typed whole and rarely ends with a full stop: an item line of a
    sentence's length gets one, so that it is read as an item, not as a heading."""
    line = _KEYCAP.sub(_keycap_number, line)
    line = _PIN.sub("", line)
    line = restore_times(_CHAT_BULLET.sub("- ", line).rstrip())
    long_item = _ITEM_OR_BULLET.match(line) and len(line.split()) >= _SENTENCE_WORDS
    if long_item and not line.endswith((".", ":", ";", "!", "?")):
        line += "."
    return line


def _keycap_number(m: re.Match[str]) -> str:
    if m.group(1) == "\U0001f51f":
        return "10. "
    return "".join(ch for ch in m.group(1) if ch.isdigit()) + ". "


def _holds_items(message: _Message) -> bool:
    return any(_ITEM.match(line) for line in message.lines)


def _renumbered(messages: list[_Message]) -> list[str]:
    """The messages' lines; a message whose first item goes on with an earlier section's
    numbering rather than the current one's opens with that section's heading again."""
    out: list[str] = []
    heading, last = "", 0  # the current section's heading line and its last item number
    ends: dict[str, int] = {}  # each section heading -> its last item number
    for message in messages:
        first = next(k for k, line in enumerate(message.lines) if _ITEM.match(line))
        for line in message.lines[first:]:  # "tiếp mục III 👇": the sender's preface
            item = _ITEM.match(line)
            if item and item["roman"]:
                heading, last = line, 0
            elif item:
                number = int(item["num"])
                if number != last + 1 and number != 1:
                    earlier = next((h for h, n in ends.items() if n == number - 1), None)
                    if earlier is not None and earlier != heading:
                        heading, last = earlier, number - 1
                        out += ["", earlier]
                last = number
                ends[heading] = number
            out.append(line)
        out.append("")
    return out
