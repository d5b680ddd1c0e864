"""Shared fixtures: the real plan documents beside the checkout, temp data dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# PLANBOT_SHARED points at the real documents when they are not beside the checkout.
SHARED = Path(os.environ.get("PLANBOT_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" … "004"); skips if absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds not present ({SEEDS}); real-document tests skipped")
    matches = sorted(SEEDS.glob(f"{prefix}*"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"../shared/corpus not present ({CORPUS}); corpus tests skipped")
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh PLANBOT_DATA_DIR for one test, with settings re-read."""
    from storage.settings import get_settings

    d = tmp_path / "data"
    monkeypatch.setenv("PLANBOT_DATA_DIR", str(d))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield d
    get_settings.cache_clear()
