"""Answer a question: read what it asks, find its units, plan and period, then hand it
to the module for that kind of answer (``kinds.KINDS``).

Structural questions are answered from the database, the rest from search; every
fact shown carries its source, and a question the plans do not answer gets a plain
"not found" with no citation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import texts
from knowledge.answer.api import Answer
from knowledge.answer.compose import not_loaded, nothing_found
from knowledge.answer.compound import join_answers, split_compound
from knowledge.answer.context import Ask
from knowledge.answer.docscope import DocScope, find_scope, name_head_missing, named_places
from knowledge.answer.hits import names_topic
from knowledge.answer.intents import (
    LIST_INTENTS,
    LIST_WORDS,
    WINDOW_WORDS,
    Intent,
    Reading,
    asks_any,
    read_question,
    topic,
)
from knowledge.answer.kinds import KINDS
from knowledge.answer.kinds.planwide import target_page
from knowledge.answer.kinds.tasklist import task_page
from knowledge.answer.outline import lists_parts
from knowledge.answer.plans import issued_by, issued_by_a_peer, names_a_plan, plan_labels
from knowledge.answer.queries import (
    asked_years,
    cited_by,
    document_years,
    full_numbers_unloaded,
    number_match,
    quoted_document,
    quoted_in_text,
    quoted_numbers,
    unloaded_full_numbers,
    with_kind,
)
from knowledge.answer.stated import stated_count_answer
from knowledge.answer.unitmatch import (
    UnitMatch,
    capitalised,
    expanded_forms,
    find_units,
    spelled_out,
    title_forms,
    unknown_unit,
)
from knowledge.answer.windows import Window, parse_quarter, parse_window
from knowledge.limits import Limits
from knowledge.retrieval.acronyms import with_names
from knowledge.retrieval.analyzer import abbreviation_map, syllables
from knowledge.retrieval.index import content_syllables
from knowledge.retrieval.search import Searcher
from knowledge.unit_lookup import label as unit_label
from knowledge.vietnamese import fold, has_person_name, nfc
from storage import repositories as repo
from storage.db import Database
from storage.models import Document, TaskRow, TaskUnit, Unit
from storage.settings import Settings

_searchers: dict[tuple[str, ...], Searcher] = {}
_lock = threading.Lock()
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi"})
MAX_UNIT_OPTIONS = 5
# Words a question needs besides the plan's name to be about something in it; with
# fewer ("… phải ban hành trước ngày nào?") the name's words are what it asks about.
TOPIC_WORDS = 3
# Readings of a question opening "<unit> được giao nhiệm vụ gì …" (its tail may ask a field).
_UNIT_LIST_READINGS = frozenset(
    {Intent.UNIT_TASKS, Intent.COUNT, Intent.SEARCH, Intent.DEADLINE, Intent.PRODUCT}
)
# Questions about one plan as a whole: a quoted number must be that plan's.
WHOLE_PLAN = frozenset(
    {Intent.DOC_META, Intent.COUNT, Intent.PLAN_TARGETS, Intent.PLAN_OBJECTIVE, Intent.TASK_NUMBER}
)


def get_searcher(db: Database, settings: Settings) -> Searcher:
    """One searcher per database and data dir, shared by every engine in the process."""
    key = (
        db.url,
        str(settings.data_dir.resolve()),
        settings.retrieval_mode,
        settings.embedding_backend,
        settings.chroma_host or "",
    )
    with _lock:
        searcher = _searchers.get(key)
        if searcher is None:
            searcher = Searcher(db, settings)
            _searchers[key] = searcher
        return searcher


# "… của Văn phòng UBND tỉnh", "do Bộ X ban hành": the unit says whose plan is meant.
_OWNER_CUES = ("cua", "do", "thuoc")


def _names_owner(question: str, match: UnitMatch, *, surely: bool = False) -> bool:
    """The unit is named as a plan's owner, not as one the work goes to ("gửi … về Bộ
    Xây dựng"): "của / do / thuộc" before it, or "ban hành" after it. ``surely``: only
    when the words say so (not for a name typed in a form the folded text does not hold)."""
    q = f" {' '.join(s.replace('&', '') for s in syllables(question))} "
    for phrase in match.mentioned:
        at = q.find(f" {phrase} ")
        if at < 0:
            if surely:
                continue
            return True  # typed in a form the folded text does not hold: keep the old reading
        before = q[:at].split()[-1:] or [""]
        after = q[at + len(phrase) + 2 :].split()[:2]
        if before[0] in _OWNER_CUES or after == ["ban", "hanh"]:
            return True
    return False


def _unit_focused(question: str, match: UnitMatch) -> bool:
    """Besides naming a unit (and maybe a period), the question says little more."""
    named = {s for phrase in match.mentioned for s in phrase.split()}
    abbr = abbreviation_map()
    named |= {s for s in syllables(question) if s in abbr or s.replace("&", "") in abbr}
    extra = [
        s
        for s in content_syllables(question)
        if s not in named and s not in _ROMAN and not s.isdigit()
    ]
    return len(extra) <= 2


# The plan a message's second question is asked in, when its first one found that plan.
IN_PLAN = "in_plan"


def _resolve_choice(question: str, context: dict[str, Any]) -> tuple[str, int | None]:
    """A chosen option re-asks the question it clarifies; a chosen plan scopes it."""
    if context.get(IN_PLAN) is not None:
        return question, int(context[IN_PLAN])
    pending, options = context.get("pending"), context.get("options") or []
    chosen = fold(question).strip(" .?")
    for option in options:
        if pending and fold(str(option)) == chosen:
            plan = (context.get("plan_ids") or {}).get(str(option))
            if plan is not None:
                return str(pending), int(plan)
            return f"{pending} ({question.strip()})", None
    return question, None


def _within_reach(session: Session, units: list[Unit], reach: list[int]) -> list[Unit] | None:
    """The units a list may cover for an asker with this reach; None: outside it.

    No unit named ("what is due this quarter"): the asker's own units. Named units
    must each lie within the reach (a unit or one of its sub-units).
    """
    allowed = set(repo.with_subunits(session, reach))
    if not units:
        own = [session.get(Unit, unit_id) for unit_id in reach]
        found = [u for u in own if u is not None]
        return found or None
    return units if all(u.id in allowed for u in units) else None


def _today(now: datetime | None, settings: Settings) -> date:
    if now is None:
        return datetime.now(ZoneInfo(settings.planbot_timezone)).date()
    if now.tzinfo is not None:
        return now.astimezone(ZoneInfo(settings.planbot_timezone)).date()
    return now.date()


def _scope(session: Session, question: str, chosen_plan: int | None) -> DocScope:
    """The plans the question names: by choice, by số hiệu, else by title or place."""
    if chosen_plan is not None:
        return DocScope(named=True, document_ids=[chosen_plan], by_plan=True)
    scope = find_scope(session, question)
    found = number_match(session, question)
    if found is not None:
        doc, words = found
        scope = DocScope(
            named=True,
            document_ids=[doc.id],
            spans=scope.spans + _number_span(question, words),
            by_plan=True,
        )
    return _short_of_units(session, question, scope)


def _short_of_units(session: Session, question: str, scope: DocScope) -> DocScope:
    """A plan's name ends where a unit's name begins inside it ("Chỉ thị … của Cần Thơ,
    Thanh tra thành phố được giao …": "thành phố" is in the title, the unit is not),
    unless the title itself holds that unit's name."""
    if not scope.by_plan or not scope.spans:
        return scope
    match = find_units(session, question, scope.document_ids)
    if not match.mentioned:
        return scope
    # The title or issuer holding the unit (as written or with abbreviations spelt out):
    # "kế hoạch CCHC của Văn phòng UBND tỉnh" names the plan by its issuer.
    titles = title_forms(session, scope.document_ids)
    spans = list(scope.spans)
    for phrase in match.mentioned:
        if _in_titles(phrase, titles):
            continue
        for a, _ in _span(question, phrase):
            spans = [(s, a) if s < a < e else (s, e) for s, e in spans]
    return scope if spans == scope.spans else replace(scope, spans=spans)


def _in_titles(phrase: str, titles: list[str]) -> bool:
    return any(f" {form} " in f" {t} " for form in expanded_forms(phrase) for t in titles)


def _placed_unit(session: Session, question: str, scope: DocScope) -> UnitMatch | None:
    """ "Thuế tỉnh Đắk Lắk phải …": a unit whose name holds the place the plan's scope
    was read from, or that is typed as a name ("… cộng đồng: Bộ Tư lệnh Thành phố"), found
    in the question as typed; the words naming the plan were taken out with its place."""
    whole = find_units(session, question, scope.document_ids)
    sylls = [s.replace("&", "") for s in syllables(question)]

    def outside_name(mention: str) -> bool:
        parts = mention.split()
        starts = [i for i in range(len(sylls)) if sylls[i : i + len(parts)] == parts]
        return any(not any(a < i + len(parts) and i < b for a, b in scope.spans) for i in starts)

    if whole.units and any(
        named_places(m) or (capitalised(question, m) and outside_name(m)) for m in whole.mentioned
    ):
        return _besides_issuer(session, whole, scope)
    return None


def _besides_issuer(session: Session, match: UnitMatch, scope: DocScope) -> UnitMatch:
    """ "Chỉ thị 012 của Chủ tịch UBND tỉnh … giao SNV những gì": the unit that issued the
    plan only says whose plan it is when the question names another unit too."""
    if len(match.units) < 2 or len(match.mentioned) != len(match.units) or not scope.by_plan:
        return match
    titles = title_forms(session, scope.document_ids)
    return _keeping(match, lambda m: not _in_titles(m, titles)) or match


def _keeping(match: UnitMatch, keep: Callable[[str], bool]) -> UnitMatch | None:
    """The match with only the units whose mention ``keep`` accepts; None when it accepts
    none of them."""
    kept = [(u, m) for u, m in zip(match.units, match.mentioned, strict=True) if keep(m)]
    if len(kept) == len(match.units):
        return match
    if not kept:
        return None
    units, mentioned = [u for u, _ in kept], [m for _, m in kept]
    return replace(match, units=units, mentioned=mentioned, mention=units[0].name)


QUOTE_CONTEXT = 2  # words before a unit's name that, with it, quote the plan's title


def _title_quoted(session: Session, question: str, match: UnitMatch, scope: DocScope) -> UnitMatch:
    """ "TB 634 kết luận của TTg với Thanh Hóa: Tập đoàn … được giao việc gì": a unit named
    inside words quoting the plan's title ("kết luận của Thủ tướng Chính phủ") says which
    plan, not who is asked about."""
    if not match.units or len(match.mentioned) != len(match.units) or not scope.by_plan:
        return match
    titles = [f" {t} " for t in title_forms(session, scope.document_ids)]
    forms = expanded_forms(question)
    kept = _keeping(match, lambda m: not any(_quotes(form, m, titles) for form in forms))
    return UnitMatch() if kept is None else kept


def _quotes(form: str, phrase: str, titles: list[str]) -> bool:
    words, name = form.split(), phrase.split()
    for i in range(QUOTE_CONTEXT, len(words) - len(name) + 1):
        if words[i : i + len(name)] == name:
            quoted = " ".join(words[i - QUOTE_CONTEXT : i + len(name)])
            if any(f" {quoted} " in t for t in titles):
                return True
    return False


PLAN_LIST_TOPIC = 1  # content words besides the list phrase that make it a topic search


def _lists_the_plan(reading: Reading, match: UnitMatch, scope: DocScope, asked: str) -> bool:
    """ "KH 980 có những nhiệm vụ nào?": one plan named, no unit, nothing asked about but
    its tasks: the plan's task list, as its count answer gives it."""
    if reading.intent != Intent.SEARCH or match.units or match.options:
        return False
    if not scope.by_plan or len(scope.document_ids) != 1:
        return False
    if not asks_any(asked, LIST_WORDS):
        return False
    rest = f" {' '.join(syllables(asked))} "
    for phrase in sorted(LIST_WORDS + _LIST_FILLER, key=len, reverse=True):
        rest = rest.replace(f" {phrase} ", " ")
    return len(content_syllables(rest)) <= PLAN_LIST_TOPIC


# "… gồm / bao gồm / đề ra những nhiệm vụ nào": words around the list phrase.
_LIST_FILLER = ("gom", "bao gom", "de ra", "giao", "co", "duoc", "cu the", "chinh", "trong tam")


def _unless_in_name(
    session: Session, question: str, window: Window | None, scope: DocScope
) -> Window | None:
    """ "KH CCHC năm 2026 của VP UBND tỉnh … có bao nhiêu nhiệm vụ": a year inside the
    words naming the plan says which plan, not when its tasks fall due; so does a month
    the one plan named by its number has in its title ("NQ 122 phiên họp tháng 4"), unless
    the question asks what falls due then ("… đến hạn năm 2026")."""
    if window is None or not window.matched or not scope.by_plan:
        return window
    at = _span(question, window.matched)
    inside = any(a <= s and e <= b for s, e in at for a, b in scope.spans)
    if not inside and len(scope.document_ids) == 1 and not asks_any(question, WINDOW_WORDS):
        doc = session.get(Document, scope.document_ids[0])
        inside = doc is not None and _in_title(doc.title or "", window)
    return None if inside else window


def _in_title(title: str, window: Window) -> bool:
    """The plan's title names the window's period: in the question's words, or written
    apart ("… tháng 4/2026" for the title's "tháng 4 năm 2026")."""
    if f" {' '.join(syllables(window.matched))} " in f" {' '.join(syllables(title))} ":
        return True
    named = parse_window(title, window.start)
    return named is not None and (named.start, named.end) == (window.start, window.end)


def _quotes_unloaded(session: Session, question: str, scope: DocScope) -> bool:
    """The question quotes a plan number no loaded plan has, in its số hiệu or title."""
    numbers = quoted_numbers(question)
    if not numbers or number_match(session, question) is not None:
        return False
    # Numbers the titles quote as documents ("… thực hiện Nghị quyết số 214/NQ-CP"):
    # people name a plan by what it implements. A date's digits name nothing.
    held = {n for t in session.scalars(select(Document.title)) for n in quoted_numbers(t or "")}
    if scope.named and scope.document_ids:
        # "danh mục BCĐ CCHC 2024 … (giám sát NQ 05 …)": a plan named by its words, and a
        # document its own text cites, asked about as a topic
        held |= {n for n in numbers if cited_by(session, scope.document_ids, n)}
    return not numbers <= held or full_numbers_unloaded(session, question)


def _of_years(session: Session, scope: DocScope, years: set[int]) -> DocScope:
    """Of the plans in scope, those covering a year the question asks about ("kế hoạch
    … năm 2026 ai ký?" is not answered by the 2025 plan of the same name)."""
    if not years or not scope.document_ids:
        return scope
    docs = [session.get(Document, i) for i in scope.document_ids]
    kept = [
        d.id
        for d in docs
        if d is not None and (years & document_years(d) or _due_in(session, d.id, years))
    ]
    if len(kept) == len(scope.document_ids):
        return scope
    # The plan named is of another year: an untitled text that only happens to span the
    # year ("Văn bản không ghi tên người ký") is no answer in its stead.
    named = {d.id for d in docs if d is not None and (d.title or d.number)}
    kept = [i for i in kept if i in named]
    return replace(scope, named=True, document_ids=kept)


def _due_in(session: Session, doc_id: int, years: set[int]) -> bool:
    """Some task of the plan falls due in one of ``years`` (one indexed query a year)."""
    for year in years:
        found = session.scalar(
            select(TaskRow.id)
            .where(
                TaskRow.document_id == doc_id,
                TaskRow.due_date >= date(year, 1, 1),
                TaskRow.due_date <= date(year, 12, 31),
            )
            .limit(1)
        )
        if found is not None:
            return True
    return False


# "Giám đốc Sở Tài chính … tên là gì": a person is asked for by name ("trưởng ban là ai"
# is answered by an office: "Chủ tịch UBND tỉnh").
_ASKS_PERSON = re.compile(r"(?:^| )(?:ten (?:la )?gi|ho (?:va )?ten|ten cua (?:ong|ba))(?: |$)")


def _person_named(ask: Ask, answer: Answer) -> Answer:
    """A person asked for by name is answered by a text that names one, or by nothing:
    a passage about the office's work names no one."""
    if not answer.citations or ask.reading.intent == Intent.DOC_META:
        return answer
    if not _ASKS_PERSON.search(" ".join(syllables(ask.question))):
        return answer
    shown = " ".join([answer.text, *answer.details])
    return answer if has_person_name(shown) else nothing_found(ask.reading.intent)


def _none_in_quarter(ask: Ask, answer: Answer) -> Answer:
    """A quarter asked that nothing found falls in is said so, naming the quarter."""
    if answer.citations or not answer.text.startswith(texts.ANS_NOTHING_FOUND):
        return answer
    quarter = parse_quarter(ask.question, ask.today)
    if quarter is None:
        return answer
    return Answer(text=texts.ANS_NONE_IN_QUARTER.format(label=quarter.label), intent=answer.intent)


def _without(text: str, words: str) -> str:
    """``text`` (as syllables) without the run of ``words``; unchanged if that leaves little."""
    sylls = syllables(text)
    spans = _span(text, words)
    if not spans:
        return text
    a, b = spans[0]
    kept = sylls[:a] + sylls[b:]
    return " ".join(kept) if len(content_syllables(" ".join(kept))) >= 2 else text


def _plain_syllables(text: str) -> list[str]:
    """Folded syllables without "&": "Sở KH&CN" is matched as "so khcn"."""
    return [s.replace("&", "") for s in syllables(text)]


def _span(question: str, words: str) -> list[tuple[int, int]]:
    """Where the folded ``words`` ("kh 141") stand among the question's syllables."""
    sylls, want = _plain_syllables(question), _plain_syllables(words)
    for i in range(len(sylls) - len(want) + 1):
        if sylls[i : i + len(want)] == want:
            return [(i, i + len(want))]
    return []


_ASSIGNING = ("giao cho", "giao")
_ASKS_PERCENT = re.compile(r"(?<![\d.,])%")  # "bao nhiêu %", not a figure's "90%"


def _unassigned(text: str, units: list[Unit]) -> str:
    """ "… giao Sở Tài chính bố trí kinh phí": the verb handing the task to the unit says
    who, like the unit's name, never what the task is about ("giáo dục" stays)."""
    words = text.split()
    plain = [fold(w) for w in words]
    folded = [w.strip(",.:;?") for w in plain]  # a name may end in punctuation, not the verb
    names = [fold(u.name).split() for u in units]
    keep = []
    i = 0
    while i < len(words):
        for verb in _ASSIGNING:
            n = len(verb.split())
            rest = folded[i + n : i + n + 8]
            if plain[i : i + n] == verb.split() and any(
                rest[: len(name)] == name for name in names
            ):
                i += n
                break
        else:
            keep.append(words[i])
            i += 1
    return " ".join(keep)


def _number_span(question: str, words: str) -> list[tuple[int, int]]:
    """The quoted số hiệu with the kind word before it ("cd 227/cd-ttg"): both name the plan."""
    sylls = _plain_syllables(question)
    return [(with_kind(sylls, a), b) for a, b in _span(question, words)]


def _too_long(question: str, settings: Settings) -> Answer | None:
    """A question past the length limit is refused before any pattern reads it."""
    limit = Limits.from_settings(settings).max_question_chars
    if len(question) <= limit:
        return None
    return Answer(
        text=texts.ANS_QUESTION_TOO_LONG.format(count=len(question), limit=limit),
        intent="too_long",
    )


class Engine:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.searcher = get_searcher(db, settings)

    def ask(
        self,
        question: str,
        *,
        now: datetime | None = None,
        context: dict[str, Any] | None = None,
        unit_hint: str | None = None,
        reach: list[int] | None = None,
        _part: bool = False,
    ) -> Answer:
        question = nfc(question or "").strip()
        if not question:
            return nothing_found()
        too_long = _too_long(question, self.settings)
        if too_long is not None:
            return too_long
        parts = split_compound(question) if not _part else None
        if parts is not None:
            return self._both(question, parts, now, context, unit_hint, reach)
        today = _today(now, self.settings)
        context = context or {}
        question, chosen_plan = _resolve_choice(question, context)
        with self.db.session() as session:
            if session.scalar(select(func.count()).select_from(Document)) == 0:
                return Answer(text=texts.ANS_NO_DOCUMENTS, intent=Intent.NONE)
            ask = self._read(session, question, today, context, unit_hint, chosen_plan)
            if isinstance(ask, Answer):
                return ask
            if reach is not None and ask.reading.intent in LIST_INTENTS:
                allowed = _within_reach(session, ask.units, reach)
                if allowed is None:
                    return Answer(text=texts.ANS_OUT_OF_REACH, intent="out_of_reach")
                ask.units = allowed
            answer = _outline(ask) or KINDS.get(ask.reading.intent, KINDS[Intent.SEARCH])(ask)
            answer = _none_in_quarter(ask, answer)
            answer = _person_named(ask, answer)
            if "plan_ids" not in answer.context and answer.intent == Intent.CLARIFY:
                answer.context["plan_ids"] = _plan_ids(ask, answer)
        answer.context = self._context_for(answer, ask)
        return answer

    def _both(
        self,
        question: str,
        parts: tuple[str, str],
        now: datetime | None,
        context: dict[str, Any] | None,
        unit_hint: str | None,
        reach: list[int] | None,
    ) -> Answer:
        """Two questions in one message ("…, ai ký?"): the whole message is answered, then
        its last question in the context that answer leaves (its plan, its task); what
        that adds from the same plan is joined on."""
        whole = self.ask(
            question, now=now, context=context, unit_hint=unit_hint, reach=reach, _part=True
        )
        if not whole.citations:
            # Asked together, the two found nothing ("… theo thông tư nào, cơ quan nào tổng
            # hợp"): each is asked on its own, the second in the first one's plan.
            return self._each(parts, now, context, unit_hint, reach) or whole
        follow = {**(context or {}), **whole.context}
        second = self.ask(
            parts[1], now=now, context=follow, unit_hint=unit_hint, reach=reach, _part=True
        )
        plan = whole.context.get("doc_id")
        sources = {c.source for c in whole.citations}
        elsewhere = not {c.source for c in second.citations} <= sources
        other = second.intent != whole.intent and not quoted_numbers(parts[1])
        if plan is not None and other and elsewhere:
            # "…, tỷ trọng kinh tế số bao nhiêu % GRDP" found in four plans: the one the
            # message is about answers it
            follow[IN_PLAN] = plan
            second = self.ask(
                parts[1], now=now, context=follow, unit_hint=unit_hint, reach=reach, _part=True
            )
        if whole.intent in (Intent.DOC_META, second.intent):
            # "Chủ đề … là gì, ai ký?", "tổng số dự án bao nhiêu, tổ chức ngày nào": the
            # whole message was read as its last question asks; the first is asked on its
            # own and its answer joined on
            first = self.ask(
                parts[0], now=now, context=context, unit_hint=unit_hint, reach=reach, _part=True
            )
            if first.intent != whole.intent:
                whole = join_answers(whole, first)
        return join_answers(whole, second)

    def _each(
        self,
        parts: tuple[str, str],
        now: datetime | None,
        context: dict[str, Any] | None,
        unit_hint: str | None,
        reach: list[int] | None,
    ) -> Answer | None:
        """Asked together, the two found nothing ("… theo thông tư nào, cơ quan nào tổng
        hợp"): each is asked on its own, the second in the plan the first one found. Both
        must be answered from that plan, or the message has no answer."""
        first = self.ask(
            parts[0], now=now, context=context, unit_hint=unit_hint, reach=reach, _part=True
        )
        plan = first.context.get("doc_id")
        if not first.citations or plan is None or not names_topic(parts[0], first.as_text()):
            return None
        follow = {**(context or {}), **first.context, IN_PLAN: plan}
        second = self.ask(
            parts[1], now=now, context=follow, unit_hint=unit_hint, reach=reach, _part=True
        )
        if not second.citations or {c.source for c in second.citations} != {
            c.source for c in first.citations
        }:
            return None
        return join_answers(first, second)

    def more(self, context: dict[str, Any], *, now: datetime | None = None) -> Answer:
        """The next page of the last list answer ("Xem thêm", or typing "thêm")."""
        more = context.get("more") or {}
        ids = [int(i) for i in more.get("ids") or []]
        start = int(more.get("next") or 0)
        if not ids or start >= len(ids):
            return Answer(text=texts.ANS_MORE_NONE, intent=Intent.NONE)
        today = _today(now, self.settings)
        end = min(start + 8, len(ids))
        lead = texts.ANS_MORE_PAGE.format(start=start + 1, end=end, total=len(ids))
        with self.db.session() as session:
            ask = Ask(
                session=session,
                searcher=self.searcher,
                question="",
                asked="",
                reading=Reading(Intent(more.get("intent") or Intent.UNIT_TASKS)),
                today=today,
                labels=plan_labels(session),
            )
            if more.get("kind") == "target":
                answer = target_page(ask, ids, start, lead)
            else:
                answer = task_page(ask, ids, start, lead, bool(more.get("leads", True)))
        answer.intent = ask.reading.intent
        kept = {k: v for k, v in context.items() if k != "more"}
        answer.context = {**kept, **answer.context}
        return answer

    # --- reading the question ------------------------------------------------------

    def _read(
        self,
        session: Session,
        question: str,
        today: date,
        context: dict[str, Any],
        unit_hint: str | None,
        chosen_plan: int | None,
    ) -> Ask | Answer:
        scope = _scope(session, question, chosen_plan)
        # The words naming the plan ("kế hoạch CCHC của Văn phòng UBND tỉnh") name
        # no unit and ask nothing: units and intent are read from the rest.
        asked = scope.strip(question) if scope.named else question
        match = _besides_issuer(session, find_units(session, asked, scope.document_ids), scope)
        match = _title_quoted(session, question, match, scope)
        if not (match.units or match.options) and asked != question:
            match = _placed_unit(session, question, scope) or match
        window = _unless_in_name(session, question, parse_window(question, today), scope)
        has_unit = bool(match.units or match.options)
        reading = read_question(
            asked,
            has_unit=has_unit,
            has_window=bool(window),
            unit_focused=_unit_focused(asked, match),
            percent=_ASKS_PERCENT.search(question) is not None,
        )
        if match.partial and (reading.intent not in LIST_INTENTS or names_a_plan(session, match)):
            # A name's beginning only counts in a unit question, and not when it goes on
            # as a loaded plan's title or issuer ("VP UBND Nghệ An": that office's plan).
            match = UnitMatch()
            reading = read_question(asked, has_unit=False, has_window=bool(window))
        if _lists_the_plan(reading, match, scope, asked):
            reading = Reading(Intent.COUNT)  # the plan's tasks, counted and listed
        if reading.intent == Intent.OVERDUE and window is not None and window.start == today:
            # "tính đến 10/4/2026 … đã quá hạn", "hôm nay … đã quá": the day the overdue
            # are counted at, not a period they fall due in
            today, window = window.end, None
        # Search answers must carry a quoted number themselves (``hits``); lists and
        # whole-plan answers come from the database, so the number is checked here.
        by_plan = reading.intent in WHOLE_PLAN or reading.intent in LIST_INTENTS
        if by_plan and _quotes_unloaded(session, question, scope):
            # "KH 142" when only KH 141 is loaded: not that plan; say which was asked,
            # unless a loaded text gives the counts asked of it ("QĐ 77 … có 12 mục tiêu").
            said = self._counted_elsewhere(session, question, reading, today)
            return said or not_loaded(quoted_document(question), reading.intent)
        if any(not quoted_in_text(session, n) for n in unloaded_full_numbers(session, question)):
            # "Thông báo 625/TB-VPCP …": neither loaded nor quoted by any loaded text.
            return not_loaded(quoted_document(question), reading.intent)
        if reading.intent in WHOLE_PLAN or (by_plan and (scope.by_plan or scope.unknown_name)):
            # A plan named with a year ("Chỉ thị … năm 2024") is that year's plan; for a
            # list, a year its tasks fall due in counts too ("… đến hạn năm 2026").
            scope = _of_years(session, scope, asked_years(question))
        if reading.intent in WHOLE_PLAN and name_head_missing(session, question, scope):
            scope = DocScope(named=True, unknown_name=True)  # a plan no loaded one is
        if scope.empty:
            said = self._counted_elsewhere(session, question, reading, today)
            return said or nothing_found(reading.intent)
        if _given_nothing(session, match, scope, reading):
            # "KH 0130 Đắk Lắk giao Sở Công Thương làm gì": no unit of that name has a
            # task in the plan named; say so, citing nothing
            return _none_in_plan(session, match.mentioned[0], scope.document_ids[0])
        if len(match.options) > MAX_UNIT_OPTIONS:
            match = UnitMatch()  # "Văn phòng …" fits a dozen units: it names none of them
        if match.options:
            return self._unit_options(match, question)
        units = match.units
        if not units and reading.intent in _UNIT_LIST_READINGS:
            # "Hội X được giao nhiệm vụ gì, hạn khi nào": the list asked opens the question
            absent = unknown_unit(question) or unknown_unit(asked)  # as typed, when it can
            if absent:  # a unit no loaded plan names: it has no tasks here, say so
                return Answer(
                    text=texts.ANS_UNIT_UNKNOWN.format(unit=absent), intent=reading.intent
                )
        if reading.mine and not units and unit_hint:
            units = repo.resolve_units(session, unit_hint)[:1]
        owns = _names_owner(question, match)
        issued = (
            issued_by(session, units, scope)
            if reading.intent not in LIST_INTENTS and owns
            else None
        )
        peer = issued is None and reading.intent in WHOLE_PLAN
        peer = peer and _names_owner(question, match, surely=True)
        if peer and issued_by_a_peer(session, units, scope):
            return nothing_found(reading.intent)  # that body's plan is not loaded
        if issued is not None:
            # "chủ đề CCHC năm 2026 của Văn phòng UBND tỉnh Nghệ An": that office's plan.
            unit_spans = [sp for phrase in match.mentioned for sp in _span(question, phrase)]
            scope = DocScope(
                named=True,
                document_ids=[issued],
                spans=scope.spans + unit_spans,
                by_plan=True,
                by_issuer=True,
            )
            units, match = [], UnitMatch()
        reading, units, window = self._follow_up(session, reading, units, window, context)
        about = question
        if scope.document_ids:
            rest = scope.strip(question)
            # An issuer's name says whose plan, never what is asked about in it.
            if len(content_syllables(topic(rest))) >= TOPIC_WORDS or scope.by_issuer:
                about = rest
        about = spelled_out(about, match)  # "so tc …" is searched as "Sở Tài chính …"
        # "Cổng DVCQG" is searched as the plans name it; what is asked is read as typed.
        # Capitals tell an acronym: it is found in the question as typed, not in ``about``.
        about = with_names(about, self.searcher.acronym_names(question))
        about = _unassigned(about, units)
        if window is not None and window.matched and reading.intent not in LIST_INTENTS:
            # "tuần sau", "năm nay" say when, not what: they must not make a passage match.
            about = _without(about, window.matched)
        return Ask(
            session=session,
            searcher=self.searcher,
            question=question,
            asked=about,
            reading=reading,
            today=today,
            units=units,
            unit_words=match.mentioned if units == match.units else [],
            window=window,
            scope=scope,
            chat=context,
            labels=plan_labels(session),
        )

    def _counted_elsewhere(
        self, session: Session, question: str, reading: Reading, today: date
    ) -> Answer | None:
        """ "Chương trình … theo QĐ 77 có bao nhiêu mục tiêu": a plan that is not loaded,
        whose counts a loaded text gives while quoting its number."""
        if not reading.count:
            return None
        quoting = Ask(session, self.searcher, question, question, reading, today)
        quoting.labels = plan_labels(session)
        return stated_count_answer(quoting, need_numbers=True)

    def _follow_up(
        self,
        session: Session,
        reading: Reading,
        units: list[Unit],
        window: Window | None,
        context: dict[str, Any],
    ) -> tuple[Reading, list[Unit], Window | None]:
        prev = context.get("intent")
        if not prev or not (reading.follow_up or reading.intent == Intent.SEARCH):
            return reading, units, window
        if prev in LIST_INTENTS and (units or window):
            if not units and context.get("unit_ids"):
                units = [u for u in (session.get(Unit, i) for i in context["unit_ids"]) if u]
            if window is None and context.get("window") and prev != Intent.OVERDUE:
                start, end, label = context["window"]
                window = Window(date.fromisoformat(start), date.fromisoformat(end), label)
            intent = Intent(prev)
            if intent == Intent.DUE_WINDOW and units:
                intent = Intent.UNIT_TASKS
            return Reading(intent, follow_up=True), units, window
        return reading, units, window

    def _context_for(self, answer: Answer, ask: Ask) -> dict[str, Any]:
        ctx: dict[str, Any] = {"intent": str(answer.intent), "question": ask.question}
        if ask.units:
            ctx["unit_ids"] = [u.id for u in ask.units]
        if ask.window is not None:
            w = ask.window
            ctx["window"] = [w.start.isoformat(), w.end.isoformat(), w.label]
        if len(ask.scope.document_ids) == 1:
            ctx["doc_id"] = ask.scope.document_ids[0]
        ctx.update(answer.context)
        return ctx

    def _unit_options(self, match: UnitMatch, question: str) -> Answer:
        names = [unit_label(u) for u in match.options]  # namesakes: with their province
        answer = Answer(
            text=texts.ANS_UNIT_OPTIONS.format(name=match.mention),
            details=[f"{i}. {n}" for i, n in enumerate(names, 1)],
            intent=Intent.CLARIFY,
            options=names,
        )
        answer.context = {"pending": question, "options": names, "intent": str(Intent.CLARIFY)}
        return answer


def _given_nothing(session: Session, match: UnitMatch, scope: DocScope, reading: Reading) -> bool:
    if reading.intent != Intent.UNIT_TASKS or not match.mentioned or len(match.mentioned) > 1:
        return False
    if not scope.by_plan or len(scope.document_ids) != 1:
        return False
    ids = [u.id for u in [*match.units, *match.options]]
    if not ids:
        return False
    ids = list(repo.with_subunits(session, ids))  # a part's task is its parent's too
    doc_id = scope.document_ids[0]
    tasks = session.scalar(
        select(func.count())
        .select_from(TaskUnit)
        .join(TaskRow, TaskRow.id == TaskUnit.task_id)
        .where(TaskRow.document_id == doc_id, TaskUnit.unit_id.in_(ids))
    )
    if tasks:
        return False
    # "Bộ trưởng Bộ Y tế chỉ đạo …": its head leads in its stead; any task that names it
    needle = f" {match.mentioned[0]} "
    rows = session.execute(
        select(TaskRow.title, TaskRow.raw_lead).where(TaskRow.document_id == doc_id)
    )
    return not any(needle in f" {' '.join(syllables(f'{t} {lead}'))} " for t, lead in rows)


def _none_in_plan(session: Session, mention: str, doc_id: int) -> Answer:
    from knowledge.answer.plans import label_of

    namesakes = repo.resolve_units(session, mention)
    unit = namesakes[0].name if namesakes else mention
    doc = session.get(Document, doc_id)
    plan = label_of(doc) if doc is not None else ""
    return Answer(
        text=texts.ANS_UNIT_NOT_IN_PLAN.format(unit=unit, plan=plan), intent=Intent.UNIT_TASKS
    )


def _outline(ask: Ask) -> Answer | None:
    """ "KH 141 có mấy mục tiêu chủ yếu?", "KH 980 gồm những nội dung chính nào?": a count
    or a list of what one named plan numbers under a heading, whatever kind of answer the
    counted words would otherwise ask for."""
    listed = lists_parts(ask.question)
    counts = (ask.reading.count or listed) and ask.reading.intent not in (
        Intent.COUNT,
        Intent.DOC_META,
    )
    if not counts or ask.units or len(ask.scope.document_ids) != 1 or not ask.scope.by_plan:
        return None
    from knowledge.answer.kinds.planwide import outline_answer, parts_answer

    doc = ask.session.get(Document, ask.scope.document_ids[0])
    if doc is None:
        return None
    return outline_answer(ask, doc) or (parts_answer(ask, doc) if listed else None)


def _plan_ids(ask: Ask, answer: Answer) -> dict[str, int]:
    """Each offered plan's label -> its id, so that choosing one scopes the question."""
    by_label = {v: k for k, v in ask.labels.items()}
    return {o: by_label[o] for o in answer.options if o in by_label}
