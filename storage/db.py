"""Engine and session factory. SQLite by default, any SQLAlchemy URL by setting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from storage import _write_gate as write_gate
from storage.settings import Settings, get_settings


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        write_gate.install(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args=_server_connect_args(url))


def _server_connect_args(url: str) -> dict[str, Any]:
    """PostgreSQL sessions in UTC, as SQLite's CURRENT_TIMESTAMP is.

    Server defaults (``now()``) fill naive DateTime columns in the session's time
    zone, while the code writes naive UTC (``expires_at``, ``handled_at``); a
    server set to Asia/Ho_Chi_Minh would otherwise mix the two, 7 hours apart.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or "options" in parsed.query:
        return {}  # an explicit ?options=… in DATABASE_URL is the operator's choice
    return {"options": "-c timezone=UTC"}


class Database:
    """One engine + session factory; ``migrate()`` brings the schema up to date."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, migrate: bool = True) -> Database:
        """The configured database; ``migrate=False`` for ``planbot run``, which only checks."""
        settings = settings or get_settings()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = cls(settings.sqlalchemy_url)
        if migrate:
            db.migrate()
        return db

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def is_up_to_date(self) -> bool:
        from storage.migrate import is_up_to_date

        return is_up_to_date(self.engine)

    def migrate(self) -> None:
        from storage.migrate import upgrade_to_head

        upgrade_to_head(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def insert_new(session: Session, table: Table, values: dict[str, Any], keys: list[str]) -> Any:
    """INSERT unless a row with the same unique ``keys`` exists; the new primary key or None.

    One statement (ON CONFLICT DO NOTHING), so two workers inserting the same row
    at once never fail on the unique constraint: one wins, the other gets None.
    """
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    stmt = (
        module.insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=keys)
        .returning(*table.primary_key.columns)
    )
    return session.execute(stmt).scalar()


@lru_cache(maxsize=1)
def get_database() -> Database:
    return Database.from_settings()
