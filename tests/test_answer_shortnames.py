"""Units typed by their initials ("so tc", "Sở XD"), as officials do on a phone: the
question is answered as if the unit's name had been typed. The plan is the test's own
(``province_plans``), loaded with ``ingest_file``."""

from __future__ import annotations

from pathlib import Path

import pytest
from province_plans import write_plan

from knowledge.answer.api import AnswerEngine
from knowledge.ingest import ingest_file, sync_search_index
from storage.db import Database
from storage.settings import get_settings


@pytest.fixture
def engine(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AnswerEngine:
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("RETRIEVAL_MODE", "keyword")
    get_settings.cache_clear()
    plan = write_plan(
        tmp_path / "plans",
        "qb_quyet_toan.md",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH",
        "64/KH-UBND",
        "Quảng Bình",
        "Quyết toán vốn đầu tư công năm 2026",
        [
            (
                "Tổng hợp số liệu quyết toán, báo cáo kết quả gửi Bộ Tài chính",
                "Sở Tài chính",
                "Kho bạc Nhà nước tỉnh",
                "Trước ngày 20/6/2026",
            ),
            ("Rà soát hồ sơ công trình hoàn thành", "Sở Xây dựng", "UBND cấp xã", "Quý III/2026"),
        ],
    )
    settings = get_settings()
    db = Database.from_settings(settings)
    ingest_file(db, plan, settings=settings, sync=False)
    sync_search_index(db, settings)
    return AnswerEngine(db, settings)


def test_a_department_typed_by_initials_gets_its_deadline(engine: AnswerEngine) -> None:
    text = engine.ask(
        "so tc tong hop so lieu quyet toan bao cao gui bo tai chinh truoc ngay nao"
    ).as_text()
    assert "20/06/2026" in text
    assert "Sở Tài chính" in text


def test_a_department_typed_by_initials_gets_its_tasks(engine: AnswerEngine) -> None:
    text = engine.ask("Sở XD có nhiệm vụ gì?").as_text()
    assert "Rà soát hồ sơ công trình hoàn thành" in text
    assert "Tổng hợp số liệu quyết toán" not in text
