"""The in-process write gate (storage/_write_gate.py) on a real SQLite file: writers
from many threads all land, and a transaction that ends without a commit (rolled
back, or a session closed mid-write) hands the gate on instead of keeping it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from storage import chat
from storage.db import Database


def _db(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'gate.db'}")
    db.migrate()
    return db


def test_writers_from_many_threads_all_land(tmp_path: Path) -> None:
    db = _db(tmp_path)
    errors: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for n in range(5):
                with db.session() as session:
                    chat.set_context(session, "telegram", f"c{k}", {"n": n})
        except BaseException as exc:  # noqa: BLE001 - the test reports every failure
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.session() as session:
        assert [chat.get_context(session, "telegram", f"c{k}") for k in range(12)] == [
            {"n": 4}
        ] * 12


def test_a_transaction_ended_without_commit_hands_the_gate_on(tmp_path: Path) -> None:
    db = _db(tmp_path)
    session = db._sessions()
    chat.set_context(session, "zalo_bot", "a", {"x": 1})
    session.rollback()
    chat.set_context(session, "zalo_bot", "a", {"x": 2})
    session.close()  # mid-write, never committed
    holder = db._sessions()  # takes that connection back from the pool …
    chat.get_context(holder, "zalo_bot", "a")
    started = time.monotonic()
    with db.session() as other:  # … so this writer has another one
        chat.set_context(other, "zalo_bot", "b", {"y": 1})
    holder.close()
    # A kept gate would make this writer wait its whole timeout (5 s).
    assert time.monotonic() - started < 2.0
    with db.session() as check:
        assert chat.get_context(check, "zalo_bot", "a") == {}
        assert chat.get_context(check, "zalo_bot", "b") == {"y": 1}
