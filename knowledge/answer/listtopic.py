"""A unit's list narrowed to what else the question names ("Sở X có nhiệm vụ gì về
khoan giếng?"), and the heads who take a unit's tasks ("Bộ trưởng Bộ Y tế …")."""

from __future__ import annotations

from typing import Any

from knowledge.answer import intents
from knowledge.answer.context import Ask
from knowledge.vietnamese import fold, has_vowel
from storage.models import Document

# Heads a task may be given to in a unit's stead ("Bộ trưởng Bộ Y tế chỉ đạo …").
_HEADS = (
    "bo truong",
    "thu truong",
    "giam doc",
    "chu tich",
    "truong ban",
    "chanh van phong",
    "truong phong",
    "tong giam doc",
    "cuc truong",
    "vu truong",
)


def with_heads(session: Any, unit_ids: list[int], units: list[Any]) -> list[int]:
    """The units and the heads named after them, who lead tasks in their stead."""
    from sqlalchemy import select

    from storage.models import Unit

    names = [f"{head} {fold(u.folded if u.folded else u.name)}" for u in units for head in _HEADS]
    heads = session.scalars(select(Unit.id).where(Unit.folded.in_(names))).all()
    return list(dict.fromkeys([*unit_ids, *heads]))


# Phrases that ask for a list or name a role or a plan, not what the tasks are about
# (with every phrase the question readers know: "đến hạn", "quá hạn", "chưa hoàn thành" …).
_OWN_PHRASES = (
    # Asking words: "liệt kê các nhiệm vụ mà X chủ trì", "cho biết …" ("mà" only after
    # the list's noun: alone it is also "mã", and "ma túy" is a topic).
    "liet ke",
    "cho biet",
    "cho hoi",
    "cac nhiem vu ma",
    "nhung nhiem vu ma",
    "nhiem vu ma",
    "nhung viec ma",
    "viec ma",
    "nhiem vu",
    "trach nhiem",  # "Sở X có trách nhiệm gì": its tasks, whatever they are about
    "thuong xuyen",  # "nhiệm vụ thường xuyên": the unit's standing duties (``task_list``)
    "cong viec",
    "nhung viec",
    "viec gi",
    "viec nao",
    "lam gi",
    "lam nhung gi",
    "duoc giao",
    "giao",
    "chu tri",
    "phoi hop",
    "phu trach",
    "thuc hien",
    "ke hoach",
    "chuong trinh",
    "chi thi",
    "quyet dinh",
    "de an",
    "cong dien",
    "thong bao",
    "nghi quyet",
    "noi dung",
    "nhung",
    "cac",
    "gi",
    "nao",
    "phai",
    "can",
    "theo",
    "ve",
    "trong",
    "cua",
)
_STATUS = ("chua hoan thanh", "da hoan thanh", "hoan thanh", "sap", "con lai", "dang")
_LIST_PHRASES = tuple(
    sorted(
        {
            *_OWN_PHRASES,
            *_STATUS,
            *intents.TASK_WORDS,
            *intents.LIST_WORDS,
            *intents.UNIT_LIST_ASK,
            *intents.WINDOW_WORDS,
            *intents.OVERDUE,
            *intents.COUNT,
            *intents.MINE,
            *intents.NOW_WORDS,
            *intents.DEADLINE,
        },
        key=len,
        reverse=True,
    )
)
# What is left of a period the question names ("quý III", "tháng 5", "năm 2026").
_PERIOD_WORDS = frozenset({"i", "ii", "iii", "iv", "quy", "thang", "nam", "tuan", "ngay"})
TOPIC_COVERAGE = 0.5  # share of the topic's weight a task must hold to be listed under it


def list_topic(ask: Ask, asking: tuple[str, ...] = ()) -> str:
    """What a unit's list question is about besides the unit ("… trong nội dung chỉ đạo,
    điều hành"), as typed; "" when it asks for the whole list. ``asking``: more phrases
    that only say what kind of list is asked ("các chỉ tiêu")."""
    from knowledge.answer.docscope import place_words
    from knowledge.answer.intents import topic
    from knowledge.answer.unitmatch import expanded_forms
    from knowledge.retrieval.analyzer import abbreviation_map, syllables
    from knowledge.retrieval.index import content_syllables

    asked = ask.scope.strip(ask.question) if ask.scope.named else ask.question
    # Abbreviations written out, so that "Bộ NN&MT" goes with the unit's name.
    text = f" {topic(expanded_forms(asked)[-1])} "
    units = sorted({*ask.unit_words, *(fold(u.name) for u in ask.units)}, key=len)[::-1]
    asks = sorted({*_LIST_PHRASES, *asking}, key=len, reverse=True)
    for phrase in [" ".join(syllables(p)) for p in units] + asks:
        text = text.replace(f" {phrase} ", " ")
    if ask.window is not None and ask.window.matched:
        text = text.replace(f" {' '.join(syllables(ask.window.matched))} ", " ")
    abbr = abbreviation_map()
    listing = {w for p in asks for w in p.split()}
    listing |= {w for p in units for w in syllables(p)}  # "SNV" is the unit asked about
    # "… trong KH 1026 triển khai CT 32 về bảo vệ BMNN": the named plan's own title says
    # which plan, not what in it is asked about.
    listing |= _titles_words(ask)
    words = [
        w
        for w in content_syllables(text)
        if not w.isdigit()
        and w not in _PERIOD_WORDS
        and w not in place_words()
        and not (w in abbr and set(abbr[w].split()) <= listing)
        and has_vowel(w)  # an acronym no table holds ("VH-TT") names a plan, not a topic
    ]
    return _as_typed(ask.question, words)


def _titles_words(ask: Ask) -> set[str]:
    from knowledge.retrieval.analyzer import syllables
    from storage.models import Document

    if not ask.scope.by_plan or len(ask.scope.document_ids) != 1:
        return set()
    doc = ask.session.get(Document, ask.scope.document_ids[0])
    return set(syllables(doc.title)) if doc is not None and doc.title else set()


def _as_typed(question: str, words: list[str]) -> str:
    """The run of the question's own words from the first topic word to the last."""
    from knowledge.retrieval.analyzer import syllables
    from knowledge.retrieval.index import content_syllables

    typed = question.split()
    folded = [" ".join(syllables(t)) for t in typed]
    at = [i for i, f in enumerate(folded) if f in set(words)]
    if not at:
        return " ".join(words)
    start, end = at[0], at[-1] + 1
    if start > 0 and len(folded[start - 1]) == 1 and folded[start - 1] not in _NOT_TOPIC:
        start -= 1  # a one-letter syllable the search skips ("y tế")
    # A word the search skips may still finish the phrase ("vắc xin").
    if end < len(typed) and folded[end] not in _NOT_TOPIC and not content_syllables(typed[end]):
        end += 1
    return " ".join(typed[start:end]).strip(",.?!:;()")


_NOT_TOPIC = frozenset(
    {"gi", "nao", "khong", "chua", "a", "khi", "the", "trong", "cua", "o", "tai", "va", "nhu"}
    | {"theo", "ve", "voi", "cho", "de", "tu", "den"}
)


def _title_block(ask: Ask, document_id: int) -> str:
    """A plan's title; for one whose title was not read, its opening lines."""
    doc = ask.session.get(Document, document_id)
    if doc is not None and doc.title:
        return doc.title
    index = ask.searcher.keyword
    pos = index.by_key.get(f"doc:{document_id}")
    return index.records[pos].text if pos is not None else ""


def on_topic(ask: Ask, rows: list[Any], about: str) -> list[Any]:
    """The rows whose task covers ``about`` (its plan's title counting a little less),
    best first."""
    from knowledge.retrieval.index import coverage, question_terms

    index = ask.searcher.keyword
    terms = question_terms(about)
    if not terms:
        return rows
    idf, n = index.bm25.idf, index.bm25.n_docs
    # "… trong đợt tổng kiểm kê tài sản công": words that name the plan itself.
    titled = {
        d
        for d in {r.document_id for r in rows}
        if coverage(terms, _title_block(ask, d), idf, n) >= TOPIC_COVERAGE
    }
    if titled:
        return [r for r in rows if r.document_id in titled]
    scored = []
    for r in rows:
        pos = index.by_key.get(f"task:{r.id}")
        if pos is None:
            continue
        rec = index.records[pos]
        share = coverage(terms, rec.text, idf, n, rec.context)
        if share >= TOPIC_COVERAGE:
            scored.append((share, r))
    scored.sort(key=lambda p: -p[0])
    return [r for _, r in scored]


def targets_on(ask: Ask, rows: list[Any], about: str) -> list[Any]:
    """The target rows whose words cover ``about``, in their order."""
    from knowledge.retrieval.index import coverage, question_terms

    index = ask.searcher.keyword
    terms = question_terms(about)
    if not terms:
        return rows
    idf, n = index.bm25.idf, index.bm25.n_docs
    return [r for r in rows if coverage(terms, r.text, idf, n) >= TOPIC_COVERAGE]
