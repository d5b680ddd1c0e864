from pathlib import Path

from sqlalchemy import inspect

from storage.db import Database


def test_migrations_create_schema_and_are_repeatable(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    db.migrate()
    db.migrate()  # a second run is a no-op
    tables = set(inspect(db.engine).get_table_names())
    assert {"documents", "tasks", "units", "unit_aliases", "users", "channel_updates"} <= tables
