"""Alerts: planning over 50,000 tasks and 5,000 people (target ≤ 5 s), and sending
1,000 alerts through the fake Bot API (target ≥ 25 msg/s, never above 30 in any
second overall nor 1/s per chat). Bounded: the send part takes about 40 s."""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from bisect import bisect_left
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from knowledge.alerts import planner
from knowledge.alerts.model import Person, PlanInput, TaskInfo, UnitInfo
from knowledge.progress.occurrences import Timing, occurrences, update_periods

TASKS, PEOPLE, UNITS = 50_000, 5_000, 500
MESSAGES, CHATS = 1_000, 100
HORIZON = (date(2026, 1, 1), date(2026, 12, 31))
MOMENTS = {"monday_digest": datetime(2026, 3, 23, 8, 0), "tuesday": datetime(2026, 3, 24, 8, 0)}


def synthetic_input(seed: int = 11) -> PlanInput:
    rng = random.Random(seed)
    units = {i: UnitInfo(i, f"Đơn vị {i}", None if i < 20 else i % 20) for i in range(UNITS)}
    people = []
    for i in range(PEOPLE):
        role = "leader" if i % 100 == 0 else ("head" if i % 3 else "member")
        unit = None if role == "leader" and i % 200 == 0 else rng.randrange(UNITS)
        people.append(Person(i, f"Người {i}", role, unit, "telegram", str(10_000 + i)))
    timings = [
        lambda: Timing("date", (date(2026, rng.randint(1, 12), rng.randint(1, 28)),)),
        lambda: Timing("date", (date(2026, 6, 30), date(2026, 12, 31))),
        lambda: Timing("recurring", (), "monthly"),
        lambda: Timing("recurring", (), "quarterly"),
        lambda: Timing("ongoing"),
        lambda: Timing("event"),
    ]
    weights = [50, 10, 5, 10, 15, 10]
    tasks = []
    for i in range(TASKS):
        timing = rng.choices(timings, weights)[0]()
        occs = tuple(occurrences(timing, HORIZON))
        done = frozenset(o.key for o in occs if rng.random() < 0.2)
        tasks.append(
            TaskInfo(
                id=i,
                number=f"{i % 40}.{i % 7}",
                title=f"Nhiệm vụ thử số {i} về cải cách hành chính",
                document_id=i % 50,
                document=f"KH số {i % 50}/KH-UBND",
                lead_unit_ids=(rng.randrange(UNITS),),
                deadline_kind=timing.kind,
                occurrences=occs,
                update_periods=tuple(update_periods(timing, HORIZON)),
                done_keys=done,
            )
        )
    return PlanInput(tuple(tasks), tuple(people), units)


def bench_planning() -> dict[str, Any]:
    inp = synthetic_input()
    out: dict[str, Any] = {}
    for name, moment in MOMENTS.items():
        start = time.perf_counter()
        alerts = planner.due_now(inp, moment)
        out[f"plan_{name}_s"] = round(time.perf_counter() - start, 3)
        out[f"plan_{name}_alerts"] = len(alerts)
        print(f"  planning at {moment}: {len(alerts)} alerts in {out[f'plan_{name}_s']} s")
    return out


def bench_sending() -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from fakes.telegram_api import TOKEN, FakeTelegram

    from bot.routing import DeliveryRouter
    from bot.runtime import Worker
    from bot.sender import OutboxSender
    from bot.telegram.adapter import TelegramAdapter
    from handlers.dispatcher import Dispatcher
    from handlers.services import Services
    from storage import outbox
    from storage.db import Database
    from storage.settings import Settings

    with tempfile.TemporaryDirectory() as tmp, FakeTelegram() as fake:
        settings = Settings(
            planbot_data_dir=Path(tmp), telegram_bot_token=TOKEN, telegram_api_base_url=fake.url
        )
        db = Database.from_settings(settings)
        with db.session() as session:
            for i in range(MESSAGES):
                outbox.enqueue(
                    session,
                    channel="telegram",
                    chat_id=str(50_000 + i % CHATS),
                    payload={
                        "text": f"Nhắc hạn thử số {i}",
                        "buttons": [[["Báo cáo tiến độ", f"/baocaonv {i}"]]],
                    },
                    dedupe_key=f"bench:{i}",
                )
        adapter = TelegramAdapter(db, Dispatcher(Services(db, settings)), settings)
        worker = Worker(db)
        router = DeliveryRouter(db, {"telegram": adapter})
        sender = OutboxSender(db, router, worker.id, worker.alive)

        async def run() -> Any:
            await adapter.start()
            try:
                return await sender.drain()
            finally:
                await adapter.stop()

        start = time.perf_counter()
        stats = asyncio.run(run())
        elapsed = time.perf_counter() - start
        worker.release()
        calls = [
            (c.at, str(c.params.get("chat_id"))) for c in fake.calls if c.method == "sendMessage"
        ]
    times = sorted(t for t, _ in calls)
    per_chat: dict[str, list[float]] = defaultdict(list)
    for at, chat_id in calls:
        per_chat[chat_id].append(at)
    max_window = max(bisect_left(times, t + 1.0) - i for i, t in enumerate(times))
    min_gap = min(
        b - a
        for stamps in per_chat.values()
        for a, b in zip(sorted(stamps), sorted(stamps)[1:], strict=False)
    )
    rate = (len(times) - 1) / (times[-1] - times[0])
    print(
        f"  sent {stats.sent}/{MESSAGES} in {elapsed:.1f} s: {rate:.1f} msg/s, "
        f"max {max_window} in any second, min per-chat gap {min_gap:.3f} s"
    )
    return {
        "send_rate_msg_s": round(rate, 2),
        "send_max_in_any_second": max_window,
        "send_min_chat_gap_s": round(min_gap, 3),
        "send_total_s": round(elapsed, 1),
        "sent": stats.sent,
    }


def main() -> dict[str, Any]:
    return {**bench_planning(), **bench_sending()}


if __name__ == "__main__":
    print(main())
