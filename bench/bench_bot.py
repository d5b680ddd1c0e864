"""The bot end to end: ``planbot run`` as a process against the fake Bot API.

- Round trip at 20 concurrent chats: each chat sends a message (questions about
  the sample plan, /hanchot, /trogiup), waits for the answer, thinks for a
  second, and sends the next. The figure is the time from the update being
  offered by the fake Bot API to the bot's sendMessage reaching it: getUpdates,
  storing, the turn (claim, handlers, outbox rows, one commit), the send.
  Target: p95 <= 300 ms on this machine.
- Outbox drain rate: pushes queued in the database (as a job would) to distinct
  chats, delivered by the sender against Telegram's 30 msg/s ceiling.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CHATS = 20
ROUNDS = 10
THINK_S = 1.0
PUSHES = 240
CEILING = 30.0  # Telegram: messages per second overall
MESSAGES = (
    "Sở Tư pháp có những nhiệm vụ nào?",
    "/hanchot",
    "ai chu tri so hoa ho so ly lich tu phap",
    "/trogiup",
    "nhiệm vụ nào đến hạn trong quý IV/2026",
)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _round_trips(fake: Any, chats: list[int]) -> list[float]:
    """Drive the chats; the round-trip times in seconds."""
    pending: dict[int, tuple[float, int]] = {}  # chat -> (sent at, replies seen before)
    next_at = {c: time.monotonic() + i * THINK_S / len(chats) for i, c in enumerate(chats)}
    sent_count = dict.fromkeys(chats, 0)
    times: list[float] = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and (pending or any(n < ROUNDS for n in sent_count.values())):
        now = time.monotonic()
        calls = [(str(p.get("chat_id")), at) for p, at in _send_calls(fake)]
        by_chat: dict[str, list[float]] = {}
        for key, at in calls:
            by_chat.setdefault(key, []).append(at)
        for waiting, (sent_at, seen) in list(pending.items()):
            got = by_chat.get(str(waiting), [])
            if len(got) > seen:
                times.append(got[seen] - sent_at)
                del pending[waiting]
                next_at[waiting] = now + THINK_S
        for chat_id in chats:
            if chat_id in pending or sent_count[chat_id] >= ROUNDS or now < next_at[chat_id]:
                continue
            seen = len(by_chat.get(str(chat_id), []))
            text = MESSAGES[(sent_count[chat_id] + chat_id) % len(MESSAGES)]
            pending[chat_id] = (time.monotonic(), seen)
            fake.push_text(chat_id, text)
            sent_count[chat_id] += 1
        time.sleep(0.005)
    return times


def _send_calls(fake: Any) -> list[tuple[dict[str, Any], float]]:
    with fake.lock:
        return [(c.params, c.at) for c in fake.calls if c.method == "sendMessage"]


def _drain(fake: Any, db: Any) -> tuple[float, int]:
    from handlers.messages import Reply, reply_to_payload
    from storage import outbox

    with db.session() as session:
        for n in range(PUSHES):
            outbox.enqueue(
                session,
                channel="telegram",
                chat_id=str(900000 + n),
                payload=reply_to_payload(Reply(text=f"Nhắc hạn thử {n}")),
                dedupe_key=outbox.dedupe_key("bench", n),
            )

    def pushed() -> list[float]:
        return [
            at for p, at in _send_calls(fake) if str(p.get("text", "")).startswith("Nhắc hạn thử ")
        ]

    fake.wait_for(lambda: len(pushed()) >= PUSHES, timeout=120)
    times = sorted(pushed())
    return (len(times) - 1) / (times[-1] - times[0]), len(times)


def main() -> dict[str, Any]:
    from fakes.bot_process import database_with_chats, start_bot, stop_bot, telegram_env
    from fakes.telegram_api import FakeTelegram

    from knowledge.ingest import ingest_file
    from storage.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="planbot-bench-bot-"))
    data_dir = tmp / "data"
    chats = list(range(5001, 5001 + CHATS))
    db = database_with_chats(data_dir, chats, role="leader")
    sample = sorted((ROOT / "bot" / "samples").glob("*.md"))[0]
    ingest_file(db, sample, settings=Settings(planbot_data_dir=data_dir), sync=False)
    with FakeTelegram() as fake:
        proc = start_bot(telegram_env(fake, data_dir), tmp)
        try:
            fake.wait_for(lambda: fake.sent("getUpdates"), timeout=120)
            times = _round_trips(fake, chats)
            rate, delivered = _drain(fake, db)
        finally:
            stop_bot(proc)
    ms = [t * 1000 for t in times]
    result = {
        "chats": CHATS,
        "messages": len(ms),
        "round_trip_p50_ms": round(statistics.median(ms), 1),
        "round_trip_p95_ms": round(_percentile(ms, 0.95), 1),
        "round_trip_target_p95_ms": 300,
        "drain_pushes": delivered,
        "drain_rate_per_s": round(rate, 1),
        "drain_ceiling_per_s": CEILING,
    }
    for key, value in result.items():
        print(f"  {key}: {value}")
    return result


if __name__ == "__main__":
    main()
