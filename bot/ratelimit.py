"""Token buckets for outgoing messages (platform send-rate limits)."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict


class Bucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def wait_time(self) -> float:
        """Take a token if one is there (0.0); else how long until one is."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class SendLimiter:
    """A global bucket plus one per chat (Telegram: 30 msg/s overall, about 1/s per
    private chat, 20/min per group; a group's chat id is negative).

    The limits hold per process: a deployment with several senders for one bot
    gives each a share (``global_rate``).
    """

    def __init__(
        self,
        global_rate: float = 30,
        per_chat_rate: float = 1,
        per_chat_burst: float = 3,
        group_per_minute: float = 20,
    ) -> None:
        # A small burst: a full one-second burst on top of the rate would allow
        # twice the limit within one second.
        self._global = Bucket(global_rate, max(1.0, global_rate / 10))
        self._chats: defaultdict[str, Bucket] = defaultdict(
            lambda: Bucket(per_chat_rate, per_chat_burst)
        )
        self._groups: defaultdict[str, Bucket] = defaultdict(
            lambda: Bucket(group_per_minute / 60, min(group_per_minute, 3))
        )
        self._lock = asyncio.Lock()

    async def acquire(self, chat_id: str) -> None:
        per_chat = self._groups[chat_id] if chat_id.startswith("-") else self._chats[chat_id]
        for bucket in (per_chat, self._global):
            while True:
                async with self._lock:
                    delay = bucket.wait_time()
                if delay <= 0:
                    break
                await asyncio.sleep(delay)


class Pacer:
    """Orders one sender's queued pushes within the limits, one send at a time.

    Sends are spaced evenly at ``global_rate`` (kept below the platform ceiling so
    network jitter never puts more than the ceiling in one second), with at least
    ``per_chat_interval`` seconds between two messages to one private chat and
    ``group_interval`` to one group (a negative chat id). The next message is the
    oldest one whose chat is free, so a busy chat never holds up the others.
    """

    def __init__(
        self,
        global_rate: float = 28.0,
        per_chat_interval: float = 1.05,
        group_interval: float = 3.05,
    ) -> None:
        self.interval = 1.0 / global_rate
        self.per_chat = per_chat_interval
        self.group = group_interval
        self._next_global = 0.0
        self._chat_free: dict[str, float] = {}

    async def next_ready(self, chats: list[str]) -> int:
        """The index in ``chats`` to send next; waits until it may go."""
        while True:
            now = time.monotonic()
            wait_global = self._next_global - now
            ready = [i for i, c in enumerate(chats) if self._chat_free.get(c, 0.0) <= now]
            if ready and wait_global <= 0:
                chat_id = chats[ready[0]]
                self._next_global = max(now, self._next_global) + self.interval
                gap = self.group if chat_id.startswith("-") else self.per_chat
                self._chat_free[chat_id] = now + gap
                return ready[0]
            soonest = 0.0 if ready else min(self._chat_free.get(c, 0.0) for c in chats) - now
            await asyncio.sleep(max(wait_global, soonest, 0.001))
