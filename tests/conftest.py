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


# The eleven corpus files the first table and prose readers were written against
# (README "Corpus"); later sets add layouts such as directives, whose tasks often state
# no deadline, so the per-file "lead and deadline" shares hold for these only.
FIRST_CORPUS = (
    "bacninh_2026-2030_kh141_nangluc_xaydung_phapluat.txt",
    "bacninh_2026-2030_kh144_kinhteso_xahoiso.txt",
    "boxaydung_2025_qd664_cchc_baiviet.txt",
    "daklak_2025_ct012_caicach_tthc.txt",
    "dongnai_2026-2030_kh179_kinhteso_xahoiso.txt",
    "dongthap_2025_kh597_cds_hatang_giaothong.txt",
    "hanoi_2025_kh308_dulieu_cds_nq214.txt",
    "hcm_2025_qd2820_kh_csdl_quyhoach.txt",
    "hcm_2025_qd2843_dongianhoa_tthc_snv.txt",
    "laichau_2025_kh7360_luat_tieuchuan_qckt.txt",
    "vpcp_2025_tb624_bcd_khcn_cds_dean06.txt",
)


def first_corpus_files() -> list[Path]:
    return [p for p in corpus_files() if p.name in FIRST_CORPUS]


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
