"""The QA sets (tests/qa/questions.jsonl, tests/qa/heldout.jsonl) answered end to end.

Seeds and corpus are ingested once per session into a temporary data dir; each
question goes through ``AnswerEngine.ask`` as the chat and the CLI call it.
Skipped when ../shared is absent.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import qa  # noqa: E402
from knowledge.answer.api import AnswerEngine  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.settings import get_settings  # noqa: E402


@pytest.fixture(scope="session")
def qa_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AnswerEngine]:
    files = qa.plan_files()
    if not files:
        pytest.skip(f"../shared not present ({qa.SHARED}); QA set skipped")
    mp = pytest.MonkeyPatch()
    mp.setenv("PLANBOT_DATA_DIR", str(tmp_path_factory.mktemp("qa") / "data"))
    mp.delenv("DATABASE_URL", raising=False)
    # The default retrieval mode measured best on this set is keyword (see bench_ask);
    # the hybrid path is covered by tests/test_answer_engine.py with the hash embedding.
    mp.setenv("RETRIEVAL_MODE", "keyword")
    get_settings.cache_clear()
    qa.ingest_all(files)
    settings = get_settings()
    yield AnswerEngine(Database.from_settings(settings), settings)
    mp.undo()
    get_settings.cache_clear()


def _grade_all(engine: AnswerEngine, path: Path) -> list[qa.Graded]:
    out = []
    for item in qa.load_items(path):
        answer = engine.ask(item.question, now=item.now)
        out.append(
            qa.grade(item, answer.as_text(), [c.source for c in answer.citations], answer.intent)
        )
    return out


# Each set: its file and the least it must hold (questions, without diacritics, with
# abbreviations, unanswerable). The held-out set was written apart from the engine's author.
SETS = {
    "main": (qa.QA_FILE, (80, 25, 10, 8)),
    "heldout": (qa.HELDOUT_FILE, (40, 15, 8, 6)),
}
_graded: dict[str, list[qa.Graded]] = {}


@pytest.fixture(params=list(SETS))
def graded(request: pytest.FixtureRequest, qa_engine: AnswerEngine) -> list[qa.Graded]:
    """One set's answers, graded once per session; the same thresholds for every set."""
    name: str = request.param
    if name not in _graded:
        _graded[name] = _grade_all(qa_engine, SETS[name][0])
    return _graded[name]


def _report(rows: list[qa.Graded]) -> str:
    return "\n".join(
        f"{g.item.id} {g.item.question!r} -> {g.answer[:160]!r} {g.sources[:3]}"
        for g in rows
        if not g.correct
    )


@pytest.mark.parametrize("name", list(SETS))
def test_qa_set_shape(name: str) -> None:
    path, (total, plain, abbr, unanswerable) = SETS[name]
    items = qa.load_items(path)
    assert len(items) >= total
    assert sum(i.no_diacritics for i in items) >= plain
    assert sum(i.abbr for i in items) >= abbr
    assert sum(i.unanswerable for i in items) >= unanswerable
    assert all(i.sources and i.expect for i in items if not i.unanswerable)


def test_qa_overall_accuracy(graded: list[qa.Graded]) -> None:
    rate = qa.summarize(graded)["overall"]
    assert rate >= 0.90, _report(graded)


def test_qa_without_diacritics(graded: list[qa.Graded]) -> None:
    rows = [g for g in graded if g.item.no_diacritics]
    assert qa.summarize(rows)["overall"] >= 0.90, _report(rows)


def test_qa_with_abbreviations(graded: list[qa.Graded]) -> None:
    rows = [g for g in graded if g.item.abbr]
    assert qa.summarize(rows)["overall"] >= 0.90, _report(rows)


def test_unanswerable_questions_cite_nothing(graded: list[qa.Graded]) -> None:
    rows = [g for g in graded if g.item.unanswerable]
    assert all(g.correct for g in rows), _report(rows)
    # said plainly: nothing found, no tasks for that unit, or the plan leaves that fact blank
    honest = ("Không tìm thấy", "Không có nhiệm vụ nào")
    assert all(g.answer.startswith(honest) or " không ghi " in g.answer for g in rows), _report(
        rows
    )


def test_grading_reads_a_date_either_as_a_date_or_as_written() -> None:
    item = qa.QAItem(id="x", question="q", sources=["kh_1"], expect=["0h00 ngày 01 tháng 01"])
    said = "thời điểm 0H00 NGÀY 01 THÁNG 01 NĂM 2026"  # the plan's words, year and all
    assert qa.grade(item, said, ["kh_1.txt"]).correct
    dated = qa.QAItem(id="y", question="q", sources=["kh_1"], expect=["15 tháng 4 năm 2026"])
    assert qa.grade(dated, "hạn 15/04/2026", ["kh_1.txt"]).correct
    assert not qa.grade(dated, "hạn 16/04/2026", ["kh_1.txt"]).correct
