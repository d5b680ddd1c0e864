"""Search hits that answer a question, and the answer built from passages.

A hit answers only when it covers enough of the question (``MIN_COVERAGE``,
calibrated on the QA sets: unanswerable questions top out below it) and carries
the question's key content words: its rarest word, and any document number the
question quotes ("Nghị quyết 57-NQ/TW", "Quyết định 766"). Keyword overlap on
"năm", "tỉnh", "kế hoạch" alone never makes an answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from knowledge import texts
from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import excerpt, nothing_found, shorten
from knowledge.answer.context import Ask
from knowledge.answer.docscope import named_places, proper_names, stop_word
from knowledge.answer.queries import (
    asked_years,
    continued,
    document_years,
    due_between,
    labelled_near,
    load_tasks,
    quoted_numbers,
    units_of,
)
from knowledge.answer.windows import Window, parse_quarter
from knowledge.deadlines import parse_deadline
from knowledge.retrieval.analyzer import abbreviation_map, analyze, syllables
from knowledge.retrieval.index import Hit, content_syllables, question_terms
from knowledge.retrieval.records import task_locator
from knowledge.retrieval.search import corrected
from knowledge.vietnamese import fold, has_vowel
from storage.models import Document, TaskRow

MIN_COVERAGE = 0.65
# Within the plan the question names, the name already vouches for relevance.
MIN_COVERAGE_SCOPED = 0.45
SHORT_PASSAGE = 120  # a passage this short is a broken line: its continuation is shown too
CONTINUED_CHARS = 380
LIST_CHARS = 1000  # a passage that ends in ";" or ":" with the items of its list after it
# A second document's hit is shown beside the first when it scores this close.
SIBLING_RATIO = 0.75
SIBLING_FLOOR = MIN_COVERAGE + 0.15
# Re-ranking of answering hits: coverage first, the fused search score second.
RANK_WEIGHT = 0.25
YEAR_BONUS = 0.1  # a record whose horizon is the year the question names
EVIDENCE_BONUS = 0.05  # a record that holds what the question asks for ("chủ trì", a date)
# Of records covering the question alike, the one that is mostly the question's own words
# (the task itself, not a longer paragraph that also mentions it) comes first.
PRECISION_WEIGHT = 0.1
PHRASE_WEIGHT = 0.1  # the question's words in the record's order
# A record that opens with the question's own first words states what it asks about.
OPENING_WORDS = 2
OPENING_BONUS = 0.05
# A question of two or more word pairs must find at least this share of them together
# in the record: words scattered over a long passage ("tỷ … giá", "đô la Mỹ") are no answer.
MIN_PAIRS = 1
MIN_PAIR_SHARE = 0.5
# In the one plan a question names by its number, scattered words are that plan's (for a
# field of its task, not a figure): a paraphrase ("gửi báo cáo thiệt hại" for "tổng hợp …
# thiệt hại …, gửi Bộ Tài chính") holds fewer of the question's pairs.
MIN_PAIR_SHARE_BY_PLAN = 0.2
HEAD_TERMS = 5  # from this many content words on, the first one (the topic's head) must be held
# Words that open a question without naming its topic ("tỷ lệ …", "sản phẩm của …",
# "đồng chí nào …", "tính đến …", "tối thiểu bao nhiêu …").
GENERIC_HEADS = frozenset(
    [
        "ty",
        "ti",
        "le",
        "san",
        "pham",
        "ket",
        "qua",
        "muc",
        "so",
        "luong",
        "dong",
        "tinh",
        "toi",
        "thieu",
        "it",
        "nhat",
        "phan",
        "tram",
    ]
)
MIN_PLACE_FREE_TERMS = 3  # words besides the place a question needs to search every plan
DEPTH = 12  # search hits weighed per question
COUNT_DEPTH = 60
QUANTITY_BONUS = 0.2  # "bao nhiêu …" asks for a figure: a record holding one comes first
_QUANTITY = re.compile(r"\d+(?:[.,]\d+)?\s*%|\b\d+(?:[.,]\d+)?\b")
_PERCENT = re.compile(r"\d\s*%|phần trăm", re.I)
# A figure: digits not inside a date or a document number, not a list mark "(3)" / "3.".
_FIGURE = re.compile(
    r"(?<![\d/.(-])(?<!ngày )(?<!tháng )\d+(?:[.,]\d+)*(?![\d/)]|\.\s| tháng| năm)", re.I
)
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
# Words after "bao nhiêu" that are no measure ("bao nhiêu là đủ", "bao nhiêu nhiệm vụ" is a count).
_NOT_MEASURES = frozenset(
    {"", "la", "phan", "nhiem", "chi", "thi", "va", "cua", "o", "trong", "cho", "tai", "de",
     "khi", "theo", "duoc", "khong", "voi", "so", "vay"}
)  # fmt: skip
# Measures people name loosely: "bao nhiêu tiền" is a sum in đồng, triệu or tỷ.
_MEASURE_WORDS = {"tien": "dong|trieu|ty", "ty": "ty", "trieu": "trieu|ty"}


def cite_task(ask: Ask, task: TaskRow) -> AnswerCitation:
    return AnswerCitation(
        task.document.source_name,
        task_locator(task),
        shorten(task.title, 160),
        ask.label(task.document_id),
    )


def cite_hit(ask: Ask, hit: Hit) -> AnswerCitation:
    rec = hit.record
    return AnswerCitation(
        rec.source, rec.locator, shorten(rec.display, 200), ask.label(rec.document_id)
    )


def _bigram_share(question: str, have: set[str]) -> float:
    """Share of the question's adjacent content-word pairs the record holds."""
    from knowledge.answer.docscope import place_words
    from knowledge.retrieval.analyzer import abbreviation_map

    places = place_words()
    abbr = abbreviation_map()

    def held(pair: str) -> bool:
        if pair in have:
            return True
        # An abbreviation stands apart from its neighbour in the text ("chỉ số … (DDCI)").
        a, b = pair.split("_", 1)
        return (a in abbr or b in abbr) and a in have and b in have

    def optional(pair: str) -> bool:
        """A figure ("80_nguoi") or a place ("bac_ninh") is checked on its own: such a
        pair counts when held, and is no miss when not."""
        words = pair.split("_")
        return any(w.isdigit() for w in words) or set(words) <= places

    pairs = [p for p in question_terms(question).bigrams if held(p) or not optional(p)]
    if len(pairs) < MIN_PAIRS:
        return 1.0
    return sum(held(p) for p in pairs) / len(pairs)


def names_topic(question: str, answer_text: str) -> bool:
    """The answer holds what the question is about, its first topic word."""
    head = _head(question)
    return not head or head in syllables(answer_text)


def _head(question: str) -> str:
    """The question's first topic word: not a figure, place, abbreviation or asked field."""
    from knowledge.answer.docscope import place_words
    from knowledge.retrieval.analyzer import abbreviation_map

    terms = [t for t, _ in question_terms(question).terms]
    if len(terms) < HEAD_TERMS:
        return ""
    skip = GENERIC_HEADS | place_words() | set(abbreviation_map())
    # A word with no vowel is no syllable but an acronym ("CT", "KHCN"): it names what
    # the text may spell out, so the topic is the first real word.
    return next((t for t in terms if t.isalpha() and t not in skip and has_vowel(t)), "")


def _carries(
    hit: Hit,
    question: str,
    numbers: set[str],
    scoped: bool,
    years: frozenset[str] | set[str] = frozenset(),
    loose: bool = False,
) -> bool:
    """The record holds the question's key content: its phrases, any number it quotes,
    and a year it asks about (held by the record or covered by its plan: ``years`` is
    empty when the plan covers one; of a range, "2028-2030", one year held will do).
    ``loose``: fewer of the question's word pairs will do (a field of a named plan's task)."""
    have = set(analyze(f"{hit.record.searchable} || {hit.record.header}", exact=False))
    have |= {t.lstrip("0") for t in have if t.isdigit()}
    if years and not years & set(analyze(hit.record.text, exact=False)):
        return False  # "năm 2035" when the passage and its plan stop at 2030
    if _bigram_share(question, have) < (MIN_PAIR_SHARE_BY_PLAN if loose else MIN_PAIR_SHARE):
        return False
    head = _head(question)
    if not scoped and head and head not in have:
        return False  # "Lịch thi …": what the question is about must be there, not only its rest
    return all(n in have for n in numbers)


def good_hits(
    ask: Ask,
    question: str,
    kinds: Sequence[str] | None = None,
    year: int | None = None,
    prefer: re.Pattern[str] | None = None,
    prefer_bonus: float = EVIDENCE_BONUS,
) -> list[Hit]:
    """Hits that answer: enough of the question covered, key words held, best first.

    ``prefer``: records holding it (what is asked: a date, a figure, "chủ trì") get
    ``prefer_bonus`` among equally covering ones.
    """
    hits = _answering(ask, question, kinds, ask.doc_ids)
    if not hits and ask.scope.named and not ask.scope.by_plan:
        hits = _place_in_text(ask, question, kinds)
    if not hits:
        return []
    fixed = corrected(question, ask.searcher.keyword.vocab)
    top = max(h.score for h in hits) or 1.0
    asked = set(analyze(fixed, exact=False))
    opening = syllables(fixed)[:OPENING_WORDS]
    words = syllables(fixed)

    def key(h: Hit) -> float:
        bonus = YEAR_BONUS if year is not None and h.record.year == year else 0.0
        if prefer is not None and prefer.search(h.record.text):
            bonus += prefer_bonus
        bonus += PRECISION_WEIGHT * precision(h.record.display, asked)
        bonus += PHRASE_WEIGHT * phrase_share(words, h.record.text)
        if opening and syllables(h.record.text)[: len(opening)] == opening:
            bonus += OPENING_BONUS  # "Chủ đề …: …" defines what "chủ đề … là gì" asks
        return h.coverage + RANK_WEIGHT * h.score / top + bonus

    return sorted(hits, key=key, reverse=True)


def phrase_share(words: list[str], text: str) -> float:
    """The longest run of the question's words the record holds in order, as a share of
    them: "cấp giấy phép hoạt động dịch vụ việc làm" is that procedure, not "Cấp lại …"
    nor "Thu hồi …", which hold the same words less closely."""
    if not words:
        return 0.0
    have = syllables(text)
    best = 0
    prev = [0] * (len(words) + 1)
    for h in have:
        cur = [0] * (len(words) + 1)
        for j, w in enumerate(words, 1):
            if h == w:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best / len(words)


def precision(text: str, asked: set[str]) -> float:
    """Share of a record's content syllables that the question holds."""
    words = content_syllables(text)
    return sum(w in asked for w in words) / len(words) if words else 0.0


def _answering(
    ask: Ask, question: str, kinds: Sequence[str] | None, doc_ids: list[int] | None
) -> list[Hit]:
    """Search hits covering enough of the question and carrying its key words."""
    # "bao nhiêu …" keeps only records with the figure: look deeper for one.
    depth = COUNT_DEPTH if ask.reading.count else DEPTH
    question = _unframed(question)  # "yêu cầu …", "phấn đấu …": neither searched nor held
    hits = ask.searcher.search(question, k=depth, kinds=kinds, document_ids=doc_ids)
    numbers = quoted_numbers(question) - own_numbers(ask)
    floor = MIN_COVERAGE_SCOPED if ask.scope.by_plan or _one_plan(ask) else MIN_COVERAGE
    fixed = corrected(question, ask.searcher.keyword.vocab)  # "trien khia" as search read it
    years = asked_years(ask.question or question)
    quarter = parse_quarter(ask.question or question, ask.today)
    # A "how many" has any figure for an answer: its words must hold as closely as ever.
    loose = ask.scope.by_plan and not ask.reading.count
    return [
        h
        for h in hits
        if h.coverage >= floor
        and _carries(h, fixed, numbers, ask.scope.by_plan, _uncovered(ask, h, years), loose)
        and (quarter is None or _in_window(ask, h, quarter))
        and _names_units(ask, h)
        and _holds_laws(ask, h)
        and _holds_places(ask, h)
        and _holds_names(ask, h)
        and not _RECIPIENTS.match(h.record.text)
    ]


def _one_plan(ask: Ask) -> bool:
    """A place with one loaded plan (of those with a title) names that plan as surely as
    its number would."""
    if not ask.scope.named or not ask.scope.document_ids:
        return False
    docs = [ask.document(i) for i in ask.scope.document_ids]
    return len([d for d in docs if d is not None and (d.title or d.issuer)]) == 1


def _names_units(ask: Ask, hit: Hit) -> bool:
    """Each unit the question names is in the record or its plan's title or issuer, by
    its name, an alias or the words typed: "… thủ tục của Sở Y tế" is not answered by a
    passage about the Sở Nội vụ's procedures."""

    if not ask.units:
        return True
    have = _with_plan(ask, hit)

    def held(name: str) -> bool:
        return _folded_words(name) in have

    by_name = all(held(u.name) or any(held(a.alias) for a in u.aliases) for u in ask.units)
    return by_name or any(held(w) for w in ask.unit_words)


def _with_plan(ask: Ask, hit: Hit, issuer: bool = True) -> str:
    """The record's words with its plan's title (and issuer), folded, for phrase tests:
    what names the plan speaks for every record of it."""
    doc = ask.document(hit.record.document_id)
    plan = "" if doc is None else doc.title + (f" {doc.issuer or ''}" if issuer else "")
    return _folded_words(f"{hit.record.searchable} {plan}")


def _folded_words(text: str) -> str:
    """ " w1 w2 … " folded, "&" dropped ("NN&MT" as indexed), for phrase tests."""
    return f" {' '.join(s.replace('&', '') for s in syllables(text))} "


# Words that frame what is asked ("Đắk Lắk yêu cầu cắt giảm …", "phấn đấu …", "chỉ tiêu
# 80% …", "đặt mục tiêu …") without naming it: the record need not hold them as its topic
# or word pairs.
_FRAMING = ("yeu cau", "dat muc tieu", "phan dau", "de ra", "dat ra", "chi tieu")
MIN_UNFRAMED = 3  # content words left for the framing words to be dropped
# The distribution list under the signature ("Nơi nhận: - Như Điều 3; …") answers nothing.
_RECIPIENTS = re.compile(r"\W{0,3}nơi nhận\b", re.I)
# A record telling the present state ("Hiện nay, …") speaks for the year the plan was issued.
_PRESENT = re.compile(r"\W{0,3}(?:hiện nay|hiện tại|đến nay|tính đến nay)\b", re.I)


# A law is named by its title: "Luật Hôn nhân và gia đình" is not answered by a passage on
# "Luật Viên chức", nor "Luật Giáo dục đại học" by one on "Luật Giáo dục nghề nghiệp".
LAW_NAME_WORDS = 3  # words of the title after "Luật" that the record must hold with it
MIN_LAW_NAME = 2  # fewer title words ("các luật nào", "luật mới") name no law
# Where a law's title ends in a question: what is asked of it, or a year.
_LAW_NAME_ENDS = (
    "sua doi",
    "quy dinh",
    "hieu luc",
    "co hieu",
    "ban hanh",
    "thi hanh",
    "trien khai",
)
# ("… thi hành luật bắt đầu từ khi nào": a verb after "luật" names no law)
_LAW_NAME_STOP_WORDS = frozenset(
    {"ve", "thi", "nam", "moi", "duoc", "da", "se", "cua", "tai", "bat", "khi", "nao", "co", "sua"}
)


@functools.lru_cache(maxsize=256)  # asked once per search hit of the same question
def law_names(question: str) -> list[str]:
    """ "luat hon nhan va" for each law the question names by its title (folded)."""
    abbr = abbreviation_map()  # "Luật Tiêu chuẩn và QCKT": the title as the text writes it
    words = [w for s in syllables(question) for w in (abbr.get(s) or s).split()]
    sylls = [s for s in words if s != "va"]  # "Tiêu chuẩn (và) Quy chuẩn"
    names = []
    for i, s in enumerate(sylls):
        if s != "luat" or (i and sylls[i - 1] == "phap"):
            continue  # "pháp luật" is law in general, no law's title
        name: list[str] = []
        for j in range(i + 1, min(len(sylls), i + 1 + LAW_NAME_WORDS)):
            w = sylls[j]
            if w[:1].isdigit() or stop_word(w) or w in _LAW_NAME_STOP_WORDS:
                break
            if " ".join(sylls[j : j + 2]) in _LAW_NAME_ENDS:
                break
            name.append(w)
        if len(name) >= MIN_LAW_NAME:
            names.append(" ".join(["luat", *name]))
    return names


def _holds_laws(ask: Ask, hit: Hit) -> bool:
    """A law the question names is in the record or in its plan's title: "thi hành
    Luật" in a plan to carry out that law speaks of it."""
    names = law_names(ask.question)
    if not names:
        return True
    text = _with_plan(ask, hit, issuer=False).replace(" va ", " ")
    return all(f" {n} " in text for n in names)


def _holds_places(ask: Ask, hit: Hit) -> bool:
    """A place the question names is in a national plan's record it answers with:
    "nồng độ bụi tại TP.HCM" is not answered by that plan's sentence on Hà Nội."""
    places = named_places(ask.question)
    if not places:
        return True
    doc = ask.document(hit.record.document_id)
    if doc is None or doc.jurisdiction != "national":
        return True  # a province's plan speaks for its province; scope chose it
    text = _folded_words(hit.record.searchable)
    return all(f" {typed} " in text or f" {name} " in text for typed, name in places)


def _holds_names(ask: Ask, hit: Hit) -> bool:
    """A name the question capitalises is in the record or its plan's title: "cà phê
    xuất khẩu sang Nhật Bản" is not answered by the plan's figure for all markets."""
    names = proper_names(ask.question)
    if not names:
        return True
    text = _with_plan(ask, hit)
    return all(f" {n} " in text for n in names)


def _unframed(question: str) -> str:
    q = f" {' '.join(syllables(question))} "
    for phrase in _FRAMING:
        q = q.replace(f" {phrase} ", " ")
    rest = " ".join(q.split())
    return rest if len(content_syllables(rest)) >= MIN_UNFRAMED else question


def _uncovered(ask: Ask, hit: Hit, years: set[int]) -> set[str]:
    """The asked years when the hit's heading or plan covers none: the record must hold one."""

    if not years:
        return set()
    # A heading that names its period ("1. Mục tiêu đến hết năm 2026") speaks for its
    # records, not the plan's whole span: "đến năm 2028" is not answered under it.
    covered = asked_years(hit.record.locator)
    doc = ask.document(hit.record.document_id)
    if not covered:
        covered = document_years(doc) if doc is not None else set()
        if doc is not None and doc.issued_date is not None and _PRESENT.match(hit.record.text):
            covered = {doc.issued_date.year}  # "Hiện nay … 22 trạm": the state when issued
    # A record that names its own years speaks for them: "20% in 2025, 100% by 2030"
    # gives no figure for 2027, whatever span its plan covers.
    # A year that names the plan ("lịch phổ biến … 2026") asks for nothing of the record.
    named = asked_years(doc.title or "") if doc is not None else set()
    own = asked_years(hit.record.text)
    if own and not years & (own | named):
        return {str(y) for y in years}
    return set() if years & covered else {str(y) for y in years}


def _in_window(ask: Ask, hit: Hit, window: Window) -> bool:
    """A record answers a question naming a quarter only when a date of its falls in it:
    a task by its due dates ("Quý II, Quý IV/2026" has one in each; "Thường xuyên" none),
    any other record by the time its own words state ("Trong quý II/2026, …")."""
    if hit.record.kind == "doc":
        return True  # the plan itself: who signed it is not a matter of quarters
    if hit.record.kind == "task":
        return due_between(ask.session, [hit.record.ref_id], window.start, window.end)
    return window.holds(parse_deadline(hit.record.text, hit.record.year))


def _place_in_text(ask: Ask, question: str, kinds: Sequence[str] | None) -> list[Hit]:
    """ "Nồng độ bụi ở Hà Nội …" when no plan of Hà Nội answers: a national plan may, in
    a passage that names the place itself (never one of another province)."""
    from knowledge.answer.docscope import place_phrases

    places = place_phrases(ask.question)
    if not places:
        return []
    # Covered on the question's other words: the place is a filter here, not a match.
    rest = f" {' '.join(syllables(question))} "
    for p in places:
        rest = rest.replace(f" {p} ", " ")
    if len(question_terms(rest).terms) < MIN_PLACE_FREE_TERMS:
        return []
    return [
        h
        for h in _answering(ask, rest, kinds, None)
        if all(f" {p} " in f" {' '.join(syllables(h.record.text))} " for p in places)
    ]


def own_numbers(ask: Ask) -> set[str]:
    """The numbers of the plans the question is scoped to ("141" of KH 141/KH-UBND)."""

    out = set()
    for doc_id in ask.scope.document_ids:
        doc = ask.session.get(Document, doc_id)
        if doc is not None and doc.number:
            out.add(doc.number.split("/")[0].lstrip("0"))
    return out


def holds_figure(text: str, percent: bool) -> bool:
    """The text states a quantity: a percentage, or a number that is no date, year or list mark."""
    if percent:
        return bool(_PERCENT.search(text))
    return any(not _YEARLIKE.fullmatch(m.group(0)) for m in _FIGURE.finditer(text))


def quantity_pattern() -> re.Pattern[str]:
    return _QUANTITY


def per_document(hits: list[Hit], limit: int) -> list[Hit]:
    """The best hit of each document scoring close to the best one overall."""
    best = hits[0]
    chosen: list[Hit] = [best]
    seen = {best.record.document_id}
    for h in hits[1:]:
        if len(chosen) >= limit:
            break
        if h.record.document_id in seen:
            continue
        if h.coverage >= best.coverage * SIBLING_RATIO and h.coverage >= SIBLING_FLOOR:
            chosen.append(h)
            seen.add(h.record.document_id)
    return chosen


def _task_details(ask: Ask, task_id: int) -> list[str]:
    tasks = load_tasks(ask.session, [task_id])
    if not tasks:
        return []
    t = tasks[0]
    out = []
    leads = units_of(t, "lead")
    if leads:
        out.append(texts.ANS_DETAIL_LEAD.format(units="; ".join(leads)))
    if t.deadline_text:
        out.append(texts.ANS_DETAIL_DEADLINE.format(text=t.deadline_text))
    if t.product:
        out.append(texts.ANS_DETAIL_PRODUCT.format(text=shorten(t.product, 200)))
    if t.objective:
        out.append(texts.ANS_DETAIL_OBJECTIVE.format(text=shorten(t.objective, 200)))
    return out


def passage_answer(
    ask: Ask,
    hits: list[Hit],
    intent: str,
    question: str = "",
    prefer: re.Pattern[str] | None = None,
) -> Answer:
    """The best passage (and close ones from other plans), cut to the clause that answers;
    ``prefer``: what that clause should hold (a date for "khi nào")."""
    chosen = per_document(hits, limit=3)
    first = chosen[0]
    quantity = ask.reading.count
    shown = first.record.display
    room = 400
    if first.record.kind == "passage" and len(shown) < SHORT_PASSAGE:
        shown = continued(ask.session, first.record.ref_id, CONTINUED_CHARS) or shown
    elif first.record.kind == "passage" and shown.rstrip().endswith((";", ":")):
        # "Thay thế Quyết định số 3089/…;" : the list goes on in the lines below
        shown = continued(ask.session, first.record.ref_id, LIST_CHARS) or shown
        room = LIST_CHARS
    if quantity:
        shown = figure_first(ask, first, question, shown)
    lead = texts.ANS_PASSAGE.format(
        source=ask.label(first.record.document_id) or first.record.source,
        text=excerpt(shown, question, room, quantity=quantity, prefer=prefer),
    )
    details: list[str] = []
    if first.record.kind == "passage":
        details += [shorten(t, 200) for t in labelled_near(ask.session, first.record.ref_id)]
    elif first.record.kind == "task":
        details += _task_details(ask, first.record.ref_id)
    details += [
        texts.ANS_TARGET_ITEM.format(
            source=ask.label(h.record.document_id) or h.record.source,
            text=excerpt(h.record.display, question, 200, quantity=quantity),
        )
        for h in chosen[1:]
    ]
    return Answer(
        text=lead, details=details, citations=[cite_hit(ask, h) for h in chosen], intent=intent
    )


def measure_of(question: str) -> str:
    """What "bao nhiêu …" counts, folded ("tỷ", "trạm", "mẫu"); "" when it names nothing.
    A sum of money asked ("tổng vốn đầu tư … là bao nhiêu") is counted in money."""
    # "giảm bao nhiêu đối với …", "bao nhiêu cho …": what follows is no measure
    folded = fold(question)
    m = re.search(r"\b(?:bao nhieu|may)\s+(?!doi voi\b)([a-z]+)", folded)
    word = m.group(1) if m else ""
    if word in _NOT_MEASURES and _ASKS_MONEY.search(folded) and not _ASKS_RATIO.search(folded):
        return "tien"
    if word in _NOT_MEASURES and not _ASKS_RATIO.search(folded):
        # "tổng số dự án đăng ký (là) bao nhiêu": the noun counted stands before it (not
        # in "tỷ lệ hồ sơ … trên tổng số hồ sơ … bao nhiêu", a share)
        before = _COUNTED_BEFORE.search(folded)
        word = before.group(1) if before else ""
    return "" if word in _NOT_MEASURES else word


# "tổng số dự án …", "số lượng mẫu …" before a closing "(là) bao nhiêu".
_COUNTED_BEFORE = re.compile(
    r"\b(?:tong so|so luong)\s+([a-z]+)\b(?=[^,;?]*\bbao nhieu\s*(?:[,;?.]|$))"
)


# Words that ask a share ("tỷ trọng", "tỷ lệ", "chiếm bao nhiêu").
_SHARE_WORDS = r"ty (?:trong|le)|chiem"
# "tổng vốn đầu tư", "kinh phí thực hiện", "mức phạt tiền": a sum of money is asked …
_ASKS_MONEY = re.compile(
    r"\b(?:von dau tu|tong von|kinh phi|ngan sach|chi phi|tong muc dau tu|phat tien|muc phat)\b"
)
# … unless a ratio of it is ("kinh phí R&D trên GRDP").
_ASKS_RATIO = re.compile(rf"\b(?:{_SHARE_WORDS}|tren|grdp|phan tram)\b|%")
# "tỷ trọng … đạt bao nhiêu GRDP", "chiếm bao nhiêu đầu sách", "cắt giảm bao nhiêu thời
# gian": a share or a change of the measure may answer ("30% GRDP", "30% thời gian");
# "có bao nhiêu người" is a count.
_ASKS_SHARE = re.compile(rf"\b(?:{_SHARE_WORDS}|giam|tang|rut ngan|tiet kiem)\b")


def _holds_measure(text: str, measure: str, share: bool = False) -> bool:
    """A number followed (within two words) by the measure: "22 trạm", "1.500 tỷ đồng";
    with ``share``, a percentage of it too ("30% GRDP"), which counts nothing: "90%
    người nghiện" does not say how many people."""
    from knowledge.retrieval.analyzer import abbreviation_map

    words = _MEASURE_WORDS.get(measure, measure)
    long = abbreviation_map().get(measure)
    if long:  # "bao nhiêu TTHC": "53 thủ tục hành chính"
        words += "|" + re.escape(long)
    # "30% GRDP": a percent sign may stand between the figure and its measure.
    sign = r"%?\s*+" if share else r"(?!%)"
    pattern = rf"\d[\d.,]*+\s*+{sign}(?:[a-z0-9]+\s+){{0,2}}?(?:{words})\b"
    return re.search(pattern, fold(text)) is not None


def measured_cells(hit: Hit) -> list[str]:
    """A table row's figures with the unit its column's header gives them: "732 mẫu"
    for "732" under "Tổng số (mẫu)". Vietnamese tables put a column's unit in
    brackets after its name ("Kinh phí (triệu đồng)", "Diện tích (ha)"); the row alone
    says "732". Cells are matched from the right, where a merged label cell cannot
    shift them ("Tổng cộng | 732"). The header is the one the index keeps with the row."""
    if hit.record.kind != "passage" or not hit.record.header:
        return []
    names, cells = hit.record.header.split(" | "), hit.record.display.split(" | ")
    out = []
    for name, cell in zip(reversed(names), reversed(cells), strict=False):
        unit = _COLUMN_UNIT.search(name)
        if unit and _FIGURE_CELL.match(cell.strip()):
            out.append(f"{cell.strip()} {unit.group(1)}")
    return out[::-1]


_COLUMN_UNIT = re.compile(r"\(([^()\d]{1,20})\)\s*$")  # "Tổng số (mẫu)" -> "mẫu"
_FIGURE_CELL = re.compile(r"^\d[\d.,]*$")


def with_figure(ask: Ask, question: str, hits: list[Hit]) -> list[Hit]:
    """For "bao nhiêu …": only records that state that figure (with its measure when named)."""
    if not ask.reading.count:
        return hits
    states = figure_test(ask.question or question)  # as typed: "%" survives only there
    return [h for h in hits if states(h.record.display) or states(_completion(ask, h))]


def _task_cells(ask: Ask, hit: Hit) -> list[str]:
    """A task's result and target cells, those it has."""
    tasks = load_tasks(ask.session, [hit.record.ref_id])
    return [c for t in tasks for c in (t.product, t.objective) if c]


def figure_first(ask: Ask, hit: Hit, question: str, shown: str = "") -> str:
    """What to show of a hit for "bao nhiêu …": its text, or, when the figure sits in a
    task's result or target cell ("Kiểm tra tại 90 cơ quan, đơn vị"), that cell first."""
    shown = shown or hit.record.display
    states = figure_test(ask.question or question)
    if states(shown):
        return shown
    if hit.record.kind == "passage":  # "Tổng cộng | 732" under "Tổng số (mẫu)"
        measured = [c for c in measured_cells(hit) if states(c)]
        return f"{shown} ({', '.join(measured)})" if measured else shown
    if hit.record.kind != "task":
        return shown
    figure = next((c for c in _task_cells(ask, hit) if states(c)), "")
    return f"{figure} — {shown}" if figure else shown


def figure_test(question: str) -> Callable[[str], bool]:
    """Whether a text states the figure "bao nhiêu …" asks (with its measure when named)."""
    folded = fold(question)
    percent = bool(re.search(r"%|phan tram", folded))
    measure = "" if percent else measure_of(question)
    if measure:
        share = _ASKS_SHARE.search(folded) is not None
        return lambda text: _holds_measure(text, measure, share)
    return lambda text: holds_figure(text, percent)


def _completion(ask: Ask, hit: Hit) -> str:
    """The labelled lines that complete a passage ("1. Tên thủ tục: …" / "a. Nội dung cắt
    giảm: Giảm 02 ngày"), or a task's result and target cells ("Kiểm tra tại 90 cơ quan,
    đơn vị"): the figure a heading line or a task's name lacks may sit in them."""
    if hit.record.kind == "task":
        return " ".join(_task_cells(ask, hit))
    if hit.record.kind != "passage":
        return ""
    near = labelled_near(ask.session, hit.record.ref_id)
    return " ".join(near + measured_cells(hit))


# The question asks how things stand now ("hiện có bao nhiêu trạm", "đến nay đã …").
_ASKS_PRESENT = re.compile(
    r"(?:^| )(?:hien nay|hien tai|hien co|hien dang|den nay)(?: |$)|^hien "  # "hiện HN có …"
)
PRESENT_MARGIN = 0.05  # how close in coverage a present-state record must be to come first


def present_first(ask: Ask, hits: list[Hit]) -> list[Hit]:
    """For a question about the present state, of records alike the one that tells it
    ("Hiện nay, … 22 trạm 5G"), not a target for a later year ("… tối thiểu 1 trạm")."""
    if len(hits) < 2 or not _ASKS_PRESENT.search(" ".join(syllables(ask.question))):
        return hits
    best = hits[0].coverage
    for h in hits:
        if h.coverage < best - PRESENT_MARGIN:
            break
        if _PRESENT.match(h.record.text):
            return [h] + [x for x in hits if x is not h]
    return hits


def search_answer(ask: Ask, question: str, intent: str = "search") -> Answer:
    prefer = _QUANTITY if ask.reading.count else None
    hits = good_hits(ask, question, prefer=prefer, prefer_bonus=QUANTITY_BONUS)
    hits = [h for h in hits if not _restates_title(ask, h)]
    hits = present_first(ask, with_figure(ask, question, hits))
    if not hits:
        return nothing_found(intent)
    return passage_answer(ask, hits, intent, question)


def _restates_title(ask: Ask, hit: Hit) -> bool:
    """The plan's own title record, when the question named that plan by it ("KH quan
    trắc … năm 2026 quan trắc những đối tượng nào?"): it says the name again and nothing
    the question asks."""
    ids = ask.scope.document_ids
    named = (ask.scope.by_plan or len(ids) == 1) and hit.record.document_id in ids
    return named and hit.record.kind == "doc"
