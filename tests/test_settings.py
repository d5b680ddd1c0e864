"""Every setting is documented in .env.example and read from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_env_example_lists_every_setting() -> None:
    documented = {
        line.split("=", 1)[0].strip()
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    fields = {name.upper() for name in Settings.model_fields}
    assert fields - documented == set()
    assert documented - fields == set()


def test_database_url_and_data_dir_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANBOT_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.sqlalchemy_url == f"sqlite:///{(tmp_path / 'd' / 'planbot.sqlite3').resolve()}"
    assert settings.chroma_dir == tmp_path / "d" / "chroma"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/planbot")
    assert Settings(_env_file=None).sqlalchemy_url == "postgresql+psycopg://u:p@db/planbot"  # type: ignore[call-arg]
