"""Helpers for channel tests: wait for a condition, run an adapter's polling loop, env for a bot process."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol


class PollingAdapter(Protocol):
    async def run_polling(self, stop: asyncio.Event) -> None: ...

    async def stop(self) -> None: ...


async def until(predicate: Callable[[], Any], timeout: float = 10) -> Any:
    """The first truthy value of ``predicate()``, polled until ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


@asynccontextmanager
async def polling(adapter: PollingAdapter) -> AsyncIterator[None]:
    """Run the adapter's long-polling loop for the duration of the block, then stop it."""
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run_polling(stop))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await adapter.stop()


def bot_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """Environment for a ``planbot`` child process: only the given channel settings, a fresh data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
    env.pop("DATABASE_URL", None)
    env.update(PLANBOT_DATA_DIR=str(data_dir), **settings)
    return env
