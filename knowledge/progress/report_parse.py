"""One message -> a progress report: which task, what state, what percent, what note.

Officials type reports as they speak: "NV 3.31 đã ban hành KH số 12/KH-STP ngày
20/01, hoàn thành", "nhiem vu tap huan ky nang so xong 100%", "3.34: đang làm
60%, chờ kinh phí". The reader works on general signals, not on phrases of one
plan:

- **report or question**: a message is a report when it carries report signals
  (a state from the one ``STATE_PHRASES`` table, a percent, a document citation)
  and no question form (a question mark, an interrogative word, a closing "chưa"
  / "không"). "nhiệm vụ 3.31 hạn bao giờ?" stays a question.
- **task**: by number when the message names one ("NV 3.31", "3.34:", "STT 7";
  a row numbered "3.18–3.22" covers 3.19), else by words, scored as the search
  does (IDF-weighted syllable and bigram coverage) within the reporter's unit
  first. A task of another unit is found too, so the refusal can name its lead
  unit. When no task stands out, the best three are offered.
- **evidence check**: when the task's "sản phẩm" names a kind of document and the
  report cites one ("KH số 12/KH-STP"), the citation's type code is compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from knowledge import texts
from knowledge.progress.status import ReportState
from knowledge.retrieval.index import QuestionTerms, coverage, question_terms
from knowledge.vietnamese import fold_aligned, nfc

# --- Signals -------------------------------------------------------------------

# The one vocabulary table of reported states (folded phrases). Longer phrases are
# tried first, so "chua hoan thanh" is read before "hoan thanh".
STATE_PHRASES: dict[str, ReportState] = {
    # not started
    "chua trien khai": ReportState.NOT_STARTED,
    "chua thuc hien": ReportState.NOT_STARTED,
    "chua bat dau": ReportState.NOT_STARTED,
    "chua lam": ReportState.NOT_STARTED,
    "chua khoi dong": ReportState.NOT_STARTED,
    # in progress
    "chua hoan thanh": ReportState.IN_PROGRESS,
    "chua xong": ReportState.IN_PROGRESS,
    "dang lam": ReportState.IN_PROGRESS,
    "dang thuc hien": ReportState.IN_PROGRESS,
    "dang trien khai": ReportState.IN_PROGRESS,
    "dang xay dung": ReportState.IN_PROGRESS,
    "dang soan": ReportState.IN_PROGRESS,
    "dang hoan thien": ReportState.IN_PROGRESS,
    "dang trinh": ReportState.IN_PROGRESS,
    "dang lay y kien": ReportState.IN_PROGRESS,
    "dang to chuc": ReportState.IN_PROGRESS,
    "dang ra soat": ReportState.IN_PROGRESS,
    "dang tong hop": ReportState.IN_PROGRESS,
    "da trien khai": ReportState.IN_PROGRESS,
    "da trinh": ReportState.IN_PROGRESS,
    "dat duoc": ReportState.IN_PROGRESS,
    "tiep tuc thuc hien": ReportState.IN_PROGRESS,
    # blocked
    "vuong mac": ReportState.BLOCKED,
    "vuong": ReportState.BLOCKED,
    "kho khan": ReportState.BLOCKED,
    "cho kinh phi": ReportState.BLOCKED,
    "chua co kinh phi": ReportState.BLOCKED,
    "thieu kinh phi": ReportState.BLOCKED,
    "chua duoc bo tri kinh phi": ReportState.BLOCKED,
    "tam dung": ReportState.BLOCKED,
    "tam hoan": ReportState.BLOCKED,
    "bi cham": ReportState.BLOCKED,
    "ach tac": ReportState.BLOCKED,
    "tro ngai": ReportState.BLOCKED,
    # done
    "hoan thanh": ReportState.DONE,
    "hoan tat": ReportState.DONE,
    "xong": ReportState.DONE,
    "da ban hanh": ReportState.DONE,
    "da to chuc": ReportState.DONE,
    "da phe duyet": ReportState.DONE,
    "da gui": ReportState.DONE,
    "da nop": ReportState.DONE,
    "da cong bo": ReportState.DONE,
    "ket thuc": ReportState.DONE,
}
_STATE_RX = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(STATE_PHRASES, key=len, reverse=True)) + r")\b"
)
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})(?:[.,]\d+)?\s*(?:%|phan\s+tram\b)")
_QUESTION = re.compile(
    r"\?|\b(?:bao gio|khi nao|bao nhieu|the nao|nhu nao|ra sao|tai sao|vi sao|o dau|co phai|"
    r"hay khong|duoc khong|co khong|la gi|gi|ai|nao|sao)\b|\b(?:chua|khong|nhi)\s*[.!]*\s*$"
    r"|^\s*(?:cho (?:toi |minh |em )?(?:biet|hoi|xem)|liet ke|xem|tra cuu)\b"
)
# "đã …", "đang …": an aspect marker states what was done; a report without a state
# word ("3.92 đã kiểm tra 40/90 cơ quan") is still a report (questions are caught first).
_ASPECT = re.compile(r"\b(?:da|dang)\b")
_DATE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])")

# A cited document: "KH số 12/KH-STP", "Quyết định 45/QĐ-UBND", "số 123/2026/QĐ-UBND".
_CITATION = re.compile(
    r"(?:\bso\s*)?(?<![\d/])(\d{1,5})(?:/(?:19|20)\d{2})?/([a-z]{1,5})(?:-[a-z0-9&]+)*",
)
# Kinds of document and their type codes (the code after the number, Nghị định 30/2020).
DOCUMENT_KINDS: dict[str, str] = {
    "ke hoach": "KH",
    "quyet dinh": "QĐ",
    "bao cao": "BC",
    "thong bao": "TB",
    "chi thi": "CT",
    "huong dan": "HD",
    "nghi quyet": "NQ",
    "to trinh": "TTr",
    "de an": "ĐA",
    "chuong trinh": "CTr",
    "ket luan": "KL",
}
_CODE_KIND = {code.lower().replace("đ", "d"): code for code in DOCUMENT_KINDS.values()}
_KIND_RX = re.compile(r"\b(?:" + "|".join(DOCUMENT_KINDS) + r")\b")
# A product naming any document ("Văn bản", "Công văn") accepts every kind.
_ANY_DOCUMENT = re.compile(r"\b(?:van ban|cong van)\b")

# A task named by number: after "NV", "nhiệm vụ", "STT", "mục", or opening the message.
_NUMBER_REF = re.compile(
    r"(?:\b(?:nv|nhiem vu|nhiem vu so|nv so|stt|muc|so)\s*|^\s*)"
    r"(\d{1,2}(?:\.\d{1,3}){0,2})(?![\d/%])\.?(?=[\s:,;)\-–]|$)"
)
# Bounded parts: a task number has a few short parts, and unbounded ones backtrack
# quadratically on a long run of digits (tests/test_input_limits.py).
_RANGE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3}?)\.?(\d{1,3})\s*[–-]\s*(?:\1\.?)?(\d{1,3})$")
# Words that only frame a report ("nhiệm vụ", "báo cáo", "rồi", "ạ").
_FILLER = frozenset(
    (
        "nv",
        "nhiem",
        "vu",
        "bao",
        "cao",
        "da",
        "dang",
        "roi",
        "a",
        "nhe",
        "nha",
        "u",
        "vang",
        "ok",
        "xin",
        "duoc",
        "ket",
        "qua",
        "tien",
        "do",
        "dat",
        "tinh",
        "hinh",
        "ngay",
        "thang",
        "nam",
        "cua",
        "em",
        "toi",
        "chung",
    )
)

MIN_WORD_SCORE = 0.5  # candidates offered: at least this share of the best score
# A word match is taken when it is good and leads clearly, or fair and far ahead.
CONFIDENT_SCORE = 0.55
CONFIDENT_MARGIN = 0.15  # ... leading the second by this much
FAIR_SCORE = 0.35
FAIR_RATIO = 2.5  # ... or scoring this many times the second
FOREIGN_MARGIN = 0.2  # another unit's task must beat our best by this much


class ReportKind(StrEnum):
    REPORT = "report"
    NOT_A_REPORT = "not_a_report"


@dataclass(frozen=True)
class Candidate:
    """A task the message may be about."""

    id: int
    number: str
    document: str
    title: str
    product: str | None = None
    lead_unit_ids: frozenset[int] = frozenset()
    lead_names: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "document": self.document,
            "title": self.title,
        }


@dataclass(frozen=True)
class DocumentReference:
    text: str  # as typed: "12/KH-STP"
    code: str | None  # the type code when it is a known kind: "KH"


@dataclass
class ParsedReport:
    kind: ReportKind
    task: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)
    status: ReportState | None = None
    percent: int | None = None
    note: str = ""
    matched_by: str | None = None  # "number" | "words"
    citation: DocumentReference | None = None
    evidence_warning: str | None = None

    @property
    def ambiguous(self) -> bool:
        return self.kind is ReportKind.REPORT and self.task is None


@dataclass(frozen=True)
class _Signals:
    folded: str
    states: list[tuple[int, int, ReportState]]
    percent: tuple[int, int, int] | None  # start, end, value
    citations: list[tuple[int, int, str, str]]  # start, end, raw, code letters
    question: bool
    aspect: bool
    ongoing: bool  # "đang <verb>": in progress even without a phrase of the table

    @property
    def report_score(self) -> int:
        signals = len(self.states) + (self.percent is not None) + bool(self.citations)
        return signals + self.aspect


def _signals(text: str) -> _Signals:
    folded = fold_aligned(text)
    cites = [
        (m.start(), m.end(), text[m.start(1) : m.end()], m.group(2))
        for m in _CITATION.finditer(folded)
    ]
    masked = _mask(
        folded, [(s, e) for s, e, _, _ in cites] + [m.span() for m in _DATE.finditer(folded)]
    )
    states = [(m.start(), m.end(), STATE_PHRASES[m.group(0)]) for m in _STATE_RX.finditer(masked)]
    pm = _PERCENT.search(masked)
    percent = (pm.start(), pm.end(), int(pm.group(1))) if pm and int(pm.group(1)) <= 100 else None
    question = bool(_QUESTION.search(masked))
    aspect = _ASPECT.search(masked)
    ongoing = bool(re.search(r"\bdang\s+[a-z]", masked))
    return _Signals(folded, states, percent, cites, question, bool(aspect), ongoing)


def _mask(s: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(s)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _state(signals: _Signals) -> ReportState | None:
    found = {state for _, _, state in signals.states}
    percent = signals.percent[2] if signals.percent else None
    if percent == 100 or (ReportState.DONE in found and percent is None):
        return ReportState.DONE
    if ReportState.BLOCKED in found:
        return ReportState.BLOCKED
    if ReportState.IN_PROGRESS in found or (ReportState.DONE in found and percent is not None):
        return ReportState.IN_PROGRESS
    if ReportState.NOT_STARTED in found:
        return ReportState.NOT_STARTED
    if percent is not None or signals.ongoing:
        return ReportState.NOT_STARTED if percent == 0 else ReportState.IN_PROGRESS
    return None


# --- Task matching -----------------------------------------------------------------


def number_covers(task_number: str, ref: str) -> bool:
    """ "3.31" is task "3.31"; a row "3.18–3.22" covers "3.19"; "7." is "7"."""
    number = task_number.strip().rstrip(".")
    if number == ref:
        return True
    m = _RANGE.match(number)
    if not m:
        return False
    prefix, low, high = m.group(1), int(m.group(2)), int(m.group(3))
    head, _, last = ref.rpartition(".")
    return head == prefix.rstrip(".") and last.isdigit() and low <= int(last) <= high


def _idf(tasks: Sequence[Candidate]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for task in tasks:
        df.update({s for s, _ in question_terms(task.title).terms})
    n = max(len(tasks), 1)
    return {syl: math.log(1 + n / count) for syl, count in df.items()}


def _ranked(
    q: QuestionTerms, tasks: Sequence[Candidate], idf: dict[str, float], n: int
) -> list[tuple[float, Candidate]]:
    scored = [(coverage(q, t.title, idf, n), t) for t in tasks]
    return sorted(scored, key=lambda x: (-x[0], x[1].id))


def _confident(ranked: Sequence[tuple[float, Candidate]]) -> bool:
    if not ranked:
        return False
    best = ranked[0][0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    good = best >= CONFIDENT_SCORE and best - second >= CONFIDENT_MARGIN
    return good or (best >= FAIR_SCORE and best >= FAIR_RATIO * second)


@dataclass
class _Match:
    task: Candidate | None
    candidates: list[Candidate]
    by: str | None
    ref_span: tuple[int, int] | None = None


def _by_number(
    signals: _Signals, own: Sequence[Candidate], others: Sequence[Candidate]
) -> _Match | None:
    masked = _mask(signals.folded, [(s, e) for s, e, _, _ in signals.citations])
    for m in _NUMBER_REF.finditer(masked):
        ref = m.group(1)
        mine = [t for t in own if number_covers(t.number, ref)]
        found = mine or [t for t in others if number_covers(t.number, ref)]
        if len(found) == 1:
            return _Match(found[0], [], "number", m.span())
        if found:
            return _Match(None, found[:3], "number", m.span())
    return None


def _by_words(
    text: str, own: Sequence[Candidate], others: Sequence[Candidate], idf: dict[str, float], n: int
) -> _Match:
    q = question_terms(_content(text))
    if not q.terms:
        return _Match(None, list(own[:3]), None)
    mine = _ranked(q, own, idf, n)
    if _confident(mine):
        return _Match(mine[0][1], [], "words")
    theirs = _ranked(q, others, idf, n)
    best_mine = mine[0][0] if mine else 0.0
    if _confident(theirs) and theirs[0][0] - best_mine >= FOREIGN_MARGIN:
        return _Match(theirs[0][1], [], "words")
    pool = [(s, t) for s, t in mine if s >= MIN_WORD_SCORE * best_mine and s > 0] or theirs
    return _Match(None, [t for s, t in pool[:3] if s > 0], None)


def _content(text: str) -> str:
    """The words of a message that can name a task: signals and fillers removed."""
    signals = _signals(text)
    spans = [(s, e) for s, e, _ in signals.states] + [(s, e) for s, e, _, _ in signals.citations]
    if signals.percent:
        spans.append(signals.percent[:2])
    spans += [m.span() for m in _DATE.finditer(signals.folded)]
    kept = _mask(text, spans)
    words = [w for w in re.findall(r"[^\W_]+", kept) if fold_aligned(w.lower()) not in _FILLER]
    return " ".join(words)


# --- Note and evidence ------------------------------------------------------------


def _note(text: str, signals: _Signals, match: _Match) -> str:
    """The message minus the task reference and the clauses that only state a status."""
    body = text
    if match.ref_span is not None:
        start, end = match.ref_span
        body = text[:start] + " " * (end - start) + text[end:]
    clauses = [c.strip(" .:-–") for c in re.split(r"[,;\n]|(?<!\d)[.:](?!\d)", body)]
    kept: list[str] = []
    title_words = (
        set(question_terms(match.task.title).terms) if match.task and match.by == "words" else set()
    )
    for clause in clauses:
        words = _content(clause)
        content = question_terms(words)
        syllables = [s for s, _ in content.terms]
        folded = fold_aligned(clause)
        informative = _CITATION.search(folded) or any(
            STATE_PHRASES[m.group(0)] is ReportState.BLOCKED for m in _STATE_RX.finditer(folded)
        )  # a clause saying what blocks the task is the note itself
        # Words beyond the status ("đang lấy ý kiến các đơn vị") say what is being done,
        # even when the search would ignore them all as too common.
        if not words.strip() and not informative:
            continue
        if (
            title_words
            and syllables
            and sum(1 for t in content.terms if t in title_words) >= 0.5 * len(syllables)
        ):
            continue
        kept.append(clause)
    return ", ".join(k for k in kept if k)


def expected_codes(product: str | None) -> set[str] | None:
    """Type codes a task's "sản phẩm" names; None when it names no kind or any document."""
    if not product:
        return None
    folded = fold_aligned(product.lower())
    if _ANY_DOCUMENT.search(folded):
        return None
    codes = {DOCUMENT_KINDS[m.group(0)] for m in _KIND_RX.finditer(folded)}
    return codes or None


def evidence_warning(product: str | None, citation: DocumentReference | None) -> str | None:
    if citation is None or citation.code is None:
        return None
    expected = expected_codes(product)
    if expected is None or citation.code in expected:
        return None
    return texts.REPORT_EVIDENCE_MISMATCH.format(
        cited=citation.text,
        code=citation.code,
        product=product,
        expected=", ".join(sorted(expected)),
    )


# --- Entry point --------------------------------------------------------------------


def parse_report(
    text: str, tasks: Sequence[Candidate], own_unit_ids: Collection[int] | None
) -> ParsedReport:
    """Read ``text`` against ``tasks``; ``own_unit_ids`` = the reporter's unit and its
    sub-units (None: an admin, every task is "own")."""
    text = nfc(text).strip()
    signals = _signals(text)
    if signals.question or signals.report_score == 0:
        return ParsedReport(kind=ReportKind.NOT_A_REPORT, note=text)
    if own_unit_ids is None:
        own, others = list(tasks), []
    else:
        own = [t for t in tasks if t.lead_unit_ids & set(own_unit_ids)]
        others = [t for t in tasks if not t.lead_unit_ids & set(own_unit_ids)]
    match = _by_number(signals, own, others)
    if match is None:
        match = _by_words(text, own, others, _idf(tasks), len(tasks))
    if _weak(signals) and match.task is None:
        # Only an aspect marker ("đã", which folds like "đá") and no task in sight:
        # nothing says this is a report, so it stays a question or a remark.
        return ParsedReport(kind=ReportKind.NOT_A_REPORT, note=text)
    citation = _citation(signals)
    parsed = ParsedReport(
        kind=ReportKind.REPORT,
        task=match.task,
        candidates=match.candidates,
        status=_state(signals),
        percent=signals.percent[2] if signals.percent else None,
        note=_note(text, signals, match),
        matched_by=match.by,
        citation=citation,
    )
    if match.task is not None:
        parsed.evidence_warning = evidence_warning(match.task.product, citation)
    return parsed


def _weak(signals: _Signals) -> bool:
    """No state phrase, percent or cited document: the report signal is an aspect marker."""
    return not signals.states and signals.percent is None and not signals.citations


def _citation(signals: _Signals) -> DocumentReference | None:
    if not signals.citations:
        return None
    _, _, raw, letters = signals.citations[0]
    return DocumentReference(text=raw, code=_CODE_KIND.get(letters))
