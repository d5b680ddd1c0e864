"""The optional LLM path against a fake OpenAI-compatible server on 127.0.0.1.

The real client (langchain-openai) talks HTTP to a tiny server started here; the
server's reply is chosen per test: a cited answer, a refusal, an error, a stall.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from answer_fixtures import PLAN_A, populated_store
from fakes.openai_api import FakeOpenAI

from knowledge.answer.api import AnswerEngine


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def engine(fake: FakeOpenAI, tmp_path: Path) -> AnswerEngine:
    db, settings = populated_store(
        tmp_path / "data",
        retrieval_mode="keyword",
        llm_provider="openai",
        llm_base_url=fake.base_url,
        llm_api_key="test",
        llm_model="fake-model",
        llm_timeout_seconds=1.0,
    )
    return AnswerEngine(db, settings)


QUESTION = "ai chu tri trien khai tro ly ao"


def test_llm_writes_the_answer_from_the_context_and_cites(
    engine: AnswerEngine, fake: FakeOpenAI
) -> None:
    fake.reply = "Sở Nội vụ chủ trì triển khai trợ lý ảo, hạn Quý II/2026 [1]."
    a = engine.ask(QUESTION)
    assert a.as_text().startswith("Sở Nội vụ chủ trì triển khai trợ lý ảo, hạn Quý II/2026 [1].")
    assert [c.source for c in a.citations] == [PLAN_A]
    assert "- Kế hoạch 125/KH-SNV" in a.as_text()  # the plan by số hiệu, not its file
    sent = fake.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["body"]["model"] == "fake-model"
    prompt = json.dumps(sent["body"]["messages"], ensure_ascii=False)
    assert "Triển khai trợ lý ảo" in prompt and PLAN_A in prompt and "[1]" in prompt


def test_llm_refusal_means_no_answer_and_no_citation(
    engine: AnswerEngine, fake: FakeOpenAI
) -> None:
    fake.reply = "KHÔNG_CÓ_THÔNG_TIN"
    a = engine.ask(QUESTION)
    assert a.citations == [] and a.as_text().startswith("Không tìm thấy")


def test_uncited_llm_reply_is_not_trusted(engine: AnswerEngine, fake: FakeOpenAI) -> None:
    fake.reply = "Có lẽ là Sở Tài chính."
    a = engine.ask(QUESTION)
    assert (
        "Sở Nội vụ chủ trì nhiệm vụ “Triển khai trợ lý ảo" in a.as_text() and a.citations
    )  # the extractive answer


def test_llm_error_falls_back_to_extractive(engine: AnswerEngine, fake: FakeOpenAI) -> None:
    fake.status = 500
    a = engine.ask(QUESTION)
    assert (
        "Sở Nội vụ chủ trì nhiệm vụ “Triển khai trợ lý ảo" in a.as_text()
        and a.citations[0].source == PLAN_A
    )
    assert fake.requests  # the server was really called


def test_llm_timeout_falls_back_quickly(engine: AnswerEngine, fake: FakeOpenAI) -> None:
    fake.delay = 3.0
    fake.reply = "quá muộn [1]"
    t0 = time.perf_counter()
    a = engine.ask(QUESTION)
    assert time.perf_counter() - t0 < 2.5
    assert "Sở Nội vụ chủ trì nhiệm vụ “Triển khai trợ lý ảo" in a.as_text()


def test_llm_not_called_when_nothing_found(engine: AnswerEngine, fake: FakeOpenAI) -> None:
    a = engine.ask("cach nau pho bo ngon")
    assert a.citations == [] and fake.requests == []


def test_exact_counts_are_not_reworded(engine: AnswerEngine, fake: FakeOpenAI) -> None:
    fake.reply = "Sở Nội vụ có 7 nhiệm vụ [1]."  # a model's miscount must not reach the user
    a = engine.ask("SNV co bao nhieu nhiem vu")
    assert a.as_text().startswith("Sở Nội vụ có 2 nhiệm vụ.") and fake.requests == []
