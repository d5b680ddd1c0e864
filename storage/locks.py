"""Named locks that hold across processes sharing one database.

Used for what must run once per deployment: the Telegram poller, the Zalo OA
token refresh (refresh tokens are single-use), the scheduler the alerts need, and
each worker's liveness (a worker holds ``worker:<id>`` while it runs, so others
can tell that a claim it left behind belongs to a dead process).

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a
  connection kept open while the lock is held; the server frees it when the
  process dies, however it dies.
- SQLite (one host by nature): an ``flock`` on a file next to the database
  file; the kernel frees it when the process dies. An in-memory database gets a
  process-local lock.

API::

    locks = Locks.for_database(db)
    held = locks.try_acquire("poller:telegram")   # None: someone else holds it
    ...
    held.release()
    locks.held_elsewhere("worker:ab12")             # is that worker still alive?
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, text

_LOCAL: dict[str, threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()


class HeldLock(Protocol):
    name: str

    def release(self) -> None: ...


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (advisory locks take a bigint)."""
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


class _PgLock:
    def __init__(self, name: str, connection: Connection) -> None:
        self.name = name
        self._connection = connection

    def release(self) -> None:
        try:
            self._connection.execute(
                text("SELECT pg_advisory_unlock(:k)"), {"k": advisory_key(self.name)}
            )
            self._connection.commit()
        finally:
            self._connection.close()


class _FileLock:
    def __init__(self, name: str, fd: int) -> None:
        self.name = name
        self._fd = fd

    def release(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)


class _LocalLock:
    def __init__(self, name: str, lock: threading.Lock) -> None:
        self.name = name
        self._lock = lock

    def release(self) -> None:
        self._lock.release()


class Locks:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._dir: Path | None = None
        if engine.dialect.name == "sqlite":
            database = engine.url.database
            if database and database != ":memory:":
                self._dir = Path(database).resolve().parent
                self._stem = Path(database).name

    @classmethod
    def for_database(cls, db: Any) -> Locks:
        return cls(db.engine)

    def try_acquire(self, name: str) -> HeldLock | None:
        if self.engine.dialect.name == "postgresql":
            return self._try_pg(name)
        if self._dir is not None:
            return self._try_file(name)
        return self._try_local(name)

    def held_elsewhere(self, name: str) -> bool:
        """True while another holder (here: any other holder) has ``name``."""
        held = self.try_acquire(name)
        if held is None:
            return True
        held.release()
        return False

    def _try_pg(self, name: str) -> HeldLock | None:
        connection = self.engine.connect()
        try:
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": advisory_key(name)}
            ).scalar()
            connection.commit()  # the lock outlives the transaction; do not idle in one
        except BaseException:
            connection.close()
            raise
        if not got:
            connection.close()
            return None
        return _PgLock(name, connection)

    def _path(self, name: str) -> Path:
        assert self._dir is not None
        safe = re.sub(r"[^\w.-]+", "_", name)
        return self._dir / f".{self._stem}.{safe}.lock"

    def _try_file(self, name: str) -> HeldLock | None:
        fd = os.open(self._path(name), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        return _FileLock(name, fd)

    def _try_local(self, name: str) -> HeldLock | None:
        with _LOCAL_GUARD:
            lock = _LOCAL.setdefault(name, threading.Lock())
        if not lock.acquire(blocking=False):
            return None
        return _LocalLock(name, lock)
