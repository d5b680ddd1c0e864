"""One writer at a time inside the process, queued in Python rather than by SQLite.

SQLite lets one connection write at a time; a second writer waits in SQLite's busy
handler, which sleeps in growing steps (up to 100 ms a try) and so oversleeps the
lock's release. Twenty chats whose turns end together then wait far longer than the
writes take. The gate is a lock each connection takes before its first write
statement and gives back when its transaction ends, so waiting writers wake the
moment the one before them commits. Other processes still meet at SQLite's lock.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, event

_WRITES = ("insert", "update", "delete", "replace")
_KEY = "planbot_write_gate"
# A writer never waits forever on the gate: past this it goes on to SQLite's own lock
# (a thread that already holds the gate through another connection would otherwise
# wait for itself).
_MAX_WAIT_S = 5.0


def install(engine: Engine) -> None:
    gate = threading.Lock()

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if conn.info.get(_KEY) or not statement.lstrip()[:7].lower().startswith(_WRITES):
            return
        conn.info[_KEY] = gate.acquire(timeout=_MAX_WAIT_S)

    def _release(conn: Any) -> None:
        if conn.info.pop(_KEY, False):
            gate.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_conn: Any, record: Any) -> None:
        # A connection returned to the pool mid-transaction (closed without commit).
        if record.info.pop(_KEY, False):
            gate.release()
