from pathlib import Path

from sqlalchemy import inspect

from storage.db import Database


def test_migrations_create_schema_and_are_repeatable(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    db.migrate()
    db.migrate()  # a second run is a no-op
    tables = set(inspect(db.engine).get_table_names())
    assert {"documents", "tasks", "units", "unit_aliases", "users", "channel_updates"} <= tables


def test_migrations_match_the_models(tmp_path: Path) -> None:
    """A model change without its migration would break every existing install."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.models import Base

    db = Database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    db.migrate()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
