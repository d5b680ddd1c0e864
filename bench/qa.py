"""The QA set (tests/qa/questions.jsonl): loading, grading, and a shared ingest.

A question is answered correctly when
- answerable: a citation comes from one of the expected source files and the
  reply holds every expected phrase (compared on folded syllables, so
  "Quý I/2026" matches "quy i/2026"; "a|b" accepts either);
- unanswerable: the reply cites nothing.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QA_FILE = ROOT / "tests" / "qa" / "questions.jsonl"
# Held-out questions written by someone other than the engine's author, graded the same way.
HELDOUT_FILE = ROOT / "tests" / "qa" / "heldout.jsonl"
# Written blind (documents only, never the engine); scored first as it came (see README).
BLIND_FILE = ROOT / "tests" / "qa" / "blind.jsonl"
# A second blind set (100 questions), written the same way and never studied while tuning.
BLIND2_FILE = ROOT / "tests" / "qa" / "blind2.jsonl"
# A third blind set (110 questions, 30 documents), scored first at c0c0698, then tuned on.
BLIND3_FILE = ROOT / "tests" / "qa" / "blind3.jsonl"
# Round 4 (120 questions over all 46 documents), written from the documents only; first
# sight 92/120 at 14d79f1, before any change of the round that wrote it.
BLIND4_FILE = ROOT / "tests" / "qa" / "blind4.jsonl"
# Round 6 (100 questions, 32 documents), written from the documents only; first sight
# 78/100 at df928f0, then studied.
BLIND5_FILE = ROOT / "tests" / "qa" / "blind5.jsonl"
# Round 7 (100 questions, 35 documents), written from the documents only; first sight
# 68/100 at ba0a825 (no diacritics 0.65, unanswerable uncited 15/17), then studied.
BLIND6_FILE = ROOT / "tests" / "qa" / "blind6.jsonl"
# Written in round 8 from the documents only; first sight at 806a6bb, then studied.
BLIND7_FILE = ROOT / "tests" / "qa" / "blind7.jsonl"
# Written in round 9 from the documents only; first sight at 5f9e5c5, then studied.
BLIND8_FILE = ROOT / "tests" / "qa" / "blind8.jsonl"
# Written in round 9 after blind8 was studied (facts from annexes and deep sections);
# first sight at 04bbc9d, then studied.
BLIND9_FILE = ROOT / "tests" / "qa" / "blind9.jsonl"
# Written in round 10 from the documents only (all 46 documents); first sight recorded
# in tests/qa/README.md, then studied.
BLIND10_FILE = ROOT / "tests" / "qa" / "blind10.jsonl"
# Written in round 12 from the documents only (32 documents); first sight at a54c148.
BLIND11_FILE = ROOT / "tests" / "qa" / "blind11.jsonl"
# Written in round 14 from the documents only (all 46 documents); first sight at 7d719c2.
BLIND12_FILE = ROOT / "tests" / "qa" / "blind12.jsonl"
# Written in round 15 from the documents only (36 documents); first sight at 2429511.
BLIND13_FILE = ROOT / "tests" / "qa" / "blind13.jsonl"
# Written in round 17 from the documents only (37 documents); first sight at 263c721.
BLIND14_FILE = ROOT / "tests" / "qa" / "blind14.jsonl"
# Written in round 18 from the documents only (36 documents); first sight at d5ec50a.
BLIND15_FILE = ROOT / "tests" / "qa" / "blind15.jsonl"
# Written in round 18 after blind15's fixes (36 documents, one fact a question); first sight
# at 801f4cf.
BLIND16_FILE = ROOT / "tests" / "qa" / "blind16.jsonl"
# Written in round 20 from the documents only (41 documents); first sight 74/80 at ef1e346.
BLIND17_FILE = ROOT / "tests" / "qa" / "blind17.jsonl"
# Written in round 20 after blind17's fixes (all 46 documents); first sight 73/80 at cb8efa0.
BLIND18_FILE = ROOT / "tests" / "qa" / "blind18.jsonl"
# Written at the end of round 20 to check its last fixes on unseen questions (27 documents);
# first sight 32/40 at 524bb1f, not studied.
BLIND19_FILE = ROOT / "tests" / "qa" / "blind19.jsonl"
# Written at the start of round 21 over all 46 documents; first sight with the code of 0237c1a.
BLIND20_FILE = ROOT / "tests" / "qa" / "blind20.jsonl"
# Written at the start of round 22 over all 46 documents; first sight at f3b9af4.
BLIND21_FILE = ROOT / "tests" / "qa" / "blind21.jsonl"
# Round 23: 80 questions over 32 documents, written blind; scored first at the commit adding it.
BLIND22_FILE = ROOT / "tests" / "qa" / "blind22.jsonl"
# 30 questions over 20 documents, written blind after round 23's fixes; first sight at 7bb9700.
BLIND23_FILE = ROOT / "tests" / "qa" / "blind23.jsonl"
# Round 24: 80 questions over 37 documents, written blind; scored first at the commit adding it.
BLIND24_FILE = ROOT / "tests" / "qa" / "blind24.jsonl"
# 40 questions over 32 documents, written blind after round 24's fixes; first sight at the
# commit adding it.
BLIND25_FILE = ROOT / "tests" / "qa" / "blind25.jsonl"
# Written from the documents by the issue 8 helper (h8a) before each change it scored.
DEV3_FILE = ROOT / "tests" / "qa" / "dev3.jsonl"
# Questions admins made from 👎 feedback (``planbot feedback --to-question``).
FEEDBACK_FILE = ROOT / "tests" / "qa" / "feedback.jsonl"
# The real documents beside the checkout; PLANBOT_SHARED_DIR points elsewhere (a worktree).
SHARED = Path(os.environ.get("PLANBOT_SHARED_DIR") or ROOT.parent / "shared")
DEFAULT_NOW = datetime(2026, 4, 10)

_TOKEN = re.compile(r"[a-z0-9%]+")
# A day or month written with or without its leading zero ("08/4/2026", "8/04/2026"):
# the same date, so both sides drop it before comparing.
_DATE_ZERO = re.compile(r"(?<![\d/])0(\d)(?=/\d)|(?<=\d/)0(\d)(?=/\d{4}\b|\b(?!/))")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# "29 tháng 11 năm 2025" is the date the product prints as 29/11/2025.
_WORDED_DATE = re.compile(r"\b(\d{1,2}) thang (\d{1,2}) nam (\d{4})\b")


def tokens(text: str) -> str:
    text = _WORDED_DATE.sub(r"\1/\2/\3", fold(text))
    text = _DATE_ZERO.sub(lambda m: m.group(1) or m.group(2), text)
    return " " + " ".join(_TOKEN.findall(text)) + " "


def _plain_tokens(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(fold(text))) + " "


@dataclass
class QAItem:
    id: str
    question: str
    sources: list[str]
    expect: list[str]
    abbr: bool = False
    unanswerable: bool = False
    now: datetime = DEFAULT_NOW
    kind: str = ""

    @property
    def no_diacritics(self) -> bool:
        return fold(self.question) == self.question.lower()

    def relevant(self, source: str, text: str) -> bool:
        """A retrieved record/chunk that supports the expected answer."""
        if not any(source.startswith(s) for s in self.sources):
            return False
        have = tokens(text)
        return all(any(tokens(alt) in have for alt in e.split("|")) for e in self.expect)


@dataclass
class Graded:
    item: QAItem
    correct: bool
    answer: str
    sources: list[str] = field(default_factory=list)
    intent: str = ""


def load_items(path: Path = QA_FILE) -> list[QAItem]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw: dict[str, Any] = json.loads(line)
        now = datetime.fromisoformat(raw["now"]) if raw.get("now") else DEFAULT_NOW
        items.append(
            QAItem(
                id=raw["id"],
                question=raw["question"],
                sources=raw.get("sources", []),
                expect=raw.get("expect", []),
                abbr=bool(raw.get("abbr")),
                unanswerable=bool(raw.get("unanswerable")),
                now=now,
                kind=str(raw.get("kind") or ""),
            )
        )
    return items


def _spellings(expect: str) -> list[str]:
    """The phrase's alternatives, and a unit's name as the unit table writes it: "Bộ CHQS
    tỉnh" and "Sở Văn hoá Thể thao du lịch" are the units the product names in full."""
    from knowledge.units import canonical_unit, looks_like_unit

    alts = expect.split("|")
    return alts + [canonical_unit(a).name for a in alts if looks_like_unit(a)]


def grade(item: QAItem, answer_text: str, citation_sources: list[str], intent: str = "") -> Graded:
    if item.unanswerable:
        return Graded(item, not citation_sources, answer_text, citation_sources, intent)
    cited = any(src.startswith(s) for src in citation_sources for s in item.sources)
    # Dates compared as dates ("ngày 15 tháng 4 năm 2026" = "15/4/2026"), and a phrase
    # quoted as the plan writes it also as written ("ngày 01 tháng 01", with no year).
    have = (tokens(answer_text), _plain_tokens(answer_text))
    phrases = all(
        any(tokens(alt) in have[0] or _plain_tokens(alt) in have[1] for alt in _spellings(e))
        for e in item.expect
    )
    return Graded(item, cited and phrases, answer_text, citation_sources, intent)


def qa_files() -> list[Path]:
    """Every QA set present: main, held-out, the blind sets, dev3, feedback."""
    files = (
        QA_FILE,
        HELDOUT_FILE,
        BLIND_FILE,
        BLIND2_FILE,
        BLIND3_FILE,
        BLIND4_FILE,
        BLIND5_FILE,
        BLIND6_FILE,
        BLIND7_FILE,
        BLIND8_FILE,
        BLIND9_FILE,
        BLIND10_FILE,
        BLIND11_FILE,
        BLIND12_FILE,
        BLIND13_FILE,
        BLIND14_FILE,
        BLIND15_FILE,
        BLIND16_FILE,
        BLIND17_FILE,
        BLIND18_FILE,
        BLIND19_FILE,
        BLIND20_FILE,
        BLIND21_FILE,
        BLIND22_FILE,
        BLIND23_FILE,
        BLIND24_FILE,
        BLIND25_FILE,
        DEV3_FILE,
        FEEDBACK_FILE,
    )
    return [p for p in files if p.exists()]


def by_kind(results: list[Graded]) -> dict[str, float]:
    """Share correct per question kind (the blind set's ``kind`` field)."""
    kinds: dict[str, list[Graded]] = {}
    for r in results:
        kinds.setdefault(r.item.kind or "-", []).append(r)
    return {k: sum(g.correct for g in rows) / len(rows) for k, rows in kinds.items()}


def plan_files() -> list[Path]:
    """Seeds then corpus (empty when ../shared is absent)."""
    files: list[Path] = []
    for sub in ("seeds", "corpus"):
        d = SHARED / sub
        if d.is_dir():
            files += sorted(p for p in d.glob("*.txt"))
    return files


def ingest_all(files: Iterable[Path]) -> None:
    """Ingest into the data dir the current settings name, syncing the index once."""
    from knowledge.ingest import ingest_file, sync_search_index
    from storage.db import Database
    from storage.settings import get_settings

    settings = get_settings()
    db = Database.from_settings(settings)
    for path in files:
        ingest_file(db, path, settings=settings, sync=False)
    sync_search_index(db, settings)


def summarize(results: list[Graded]) -> dict[str, float]:
    def rate(rows: list[Graded]) -> float:
        return sum(r.correct for r in rows) / len(rows) if rows else 1.0

    return {
        "overall": rate(results),
        "no_diacritics": rate([r for r in results if r.item.no_diacritics]),
        "abbreviations": rate([r for r in results if r.item.abbr]),
        "unanswerable": rate([r for r in results if r.item.unanswerable]),
        "answerable": rate([r for r in results if not r.item.unanswerable]),
        "count": float(len(results)),
    }
