"""Which plan a question is about, when it names one by topic or place, not by number.

"UBND cấp xã có nhiệm vụ gì trong kế hoạch nâng cao năng lực xây dựng pháp luật
của Bắc Ninh", "tỉnh Hà Tĩnh phấn đấu bao nhiêu sáng kiến", "kế hoạch CCHC tỉnh
Quảng Bình": the words after "kế hoạch" (or a province's name) are matched
against each loaded document's title and issuer. A question that names a
province or a year no loaded plan covers is scoped to nothing, so the answer
says so instead of quoting another province's plan.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import provinces
from knowledge.answer import intents
from knowledge.retrieval.analyzer import abbreviation_map, syllables
from knowledge.vietnamese import nfc as nfc_text
from storage.models import Document

# Words that introduce a document's name in a question.
_DOC_WORDS = (
    "ke hoach",
    "quyet dinh",
    "chi thi",
    "thong bao",
    "chuong trinh",
    "de an",
    "van ban",
    "kh",
    # The Government's and the Prime Minister's texts are plans too ("Nghị quyết phiên họp
    # Chính phủ thường kỳ …", "Công điện về khắc phục mưa lũ …").
    "nghi quyet",
    "cong dien",
    "tb",  # "TB kết luận của Phó Thủ tướng …": a Thông báo by its short form, like "KH"
    "ket luan",  # a Thông báo kết luận named by what it is: "Kết luận phiên họp lần thứ năm …"
)
# Document words that are common nouns too: they name a plan only before its number
# ("văn bản số 12/UBND", not "văn bản quy phạm pháp luật").
_GENERIC_DOC_WORDS = frozenset({"van ban"})


def _numbered_at(sylls: list[str], i: int) -> bool:
    """A number (or "số" and a number) stands at ``i``."""
    if i < len(sylls) and sylls[i] == "so":
        i += 1
    return i < len(sylls) and sylls[i][:1].isdigit()


# Joining words inside a plan's name; they neither extend nor break a match.
_LINKS = frozenset(
    {"cua", "ve", "tai", "tren", "dia", "ban", "va", "nam", "giai", "doan", "so", "den", "tu"}
)


def _is_link(sylls: list[str], i: int) -> bool:
    """A joining word; "số" only before a number ("kế hoạch số 141", not "Chính phủ số")."""
    if sylls[i] == "so":
        return i + 1 < len(sylls) and sylls[i + 1][:1].isdigit()
    return sylls[i] in _LINKS


# Question words that end a plan's name ("… năm 2026 có bao nhiêu nhiệm vụ").
_STOPS = frozenset({"gi", "nao", "bao", "nhieu", "ai", "may", "khi", "la", "co", "phai", "can"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def stop_word(syllable: str) -> bool:
    """A question word ("gì", "nào", "bao", "có" …): a name ends before it."""
    return syllable in _STOPS


# "Phòng Kế hoạch - Tài chính", "Sở Kế hoạch và Đầu tư": a unit's name, not a plan's.
_UNIT_HEADS = frozenset({"phong", "so", "vu", "ban", "cuc", "to", "bo"})
# Phrases that ask something ("ban hành ngày nào", "chủ trì", "đến hạn"): a plan's name
# stops where one begins.
_ASKING = tuple(
    p
    for group in (
        intents.DOC_NUMBER,
        intents.DOC_SIGNER,
        intents.DOC_DATE,
        intents.DOC_ISSUER,
        intents.DOC_SUBJECT,
        intents.OVERDUE,
        intents.COUNT,
        intents.LIST_WORDS,
        intents.WINDOW_WORDS,
        intents.WHO_LEAD,
        intents.WHO_SUPERVISOR,
        intents.DEADLINE,
        intents.TARGET,
        ("nhiem vu", "yeu cau", "giao"),
        # "… do bộ nào chủ trì": the asked unit's kind ends the plan's name
        ("do bo nao", "do so nao", "bo nao", "so nao", "nganh nao"),
    )
    for p in group
)

# Provinces and centrally-run cities (before and after the 2025 merger), folded, and
# their other spellings ("tp hcm" -> "ho chi minh"): the one table, knowledge.provinces.
_PROVINCES = provinces.folded_names()
_PLACE_ALIASES = provinces.folded_aliases()


def place_words() -> frozenset[str]:
    """Every syllable of a province's name or alias (folded)."""
    names = list(_PROVINCES) + list(_PLACE_ALIASES)
    return frozenset(w for n in names for w in n.split())


MIN_NAME_WEIGHT = 0.5
PAIR_BONUS = 0.2  # a title holding the name's words in the same order, side by side
QUOTED_BONUS = 0.2  # a title the question quotes whole (this share of its words)
QUOTED = 0.9
MIN_TITLE_WORDS = 3
UNKNOWN_NAME_WORDS = 3  # words after "kế hoạch" that make a name, even one no plan has  # share of a plan name's IDF weight a document's title must hold


@dataclass
class DocScope:
    """``named``: the question names a plan or place; ``document_ids`` may then be empty."""

    named: bool = False
    document_ids: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # syllable ranges naming it
    by_plan: bool = False  # named by the plan's own title or number, not only by a place
    unknown_name: bool = False  # "kế hoạch du lịch biển Cửa Lò …": a name no loaded plan has
    by_issuer: bool = False  # named by the unit that issued it ("… của Văn phòng UBND tỉnh")

    @property
    def empty(self) -> bool:
        return self.named and not self.document_ids

    def strip(self, question: str) -> str:
        """The question without the words that name the plan (what is asked about it)."""
        sylls = syllables(question)
        drop = {i for a, b in self.spans for i in range(a, b)}
        kept = [s for i, s in enumerate(sylls) if i not in drop]
        return " ".join(kept) if len(kept) >= 2 else question


def _expanded(sylls: list[str]) -> list[list[str]]:
    """Each syllable with its abbreviation's expansion ("cchc" -> cai cach hanh chinh)."""
    abbr = abbreviation_map()
    return [(abbr.get(s.replace("&", "")) or s).split() for s in sylls]


def _profile(doc: Document) -> set[str]:
    text = " ".join(x for x in (doc.title, doc.issuer or "", doc.doc_type or "") if x)
    sylls = syllables(text)
    words = set(sylls) | {f"{a} {b}" for a, b in zip(sylls, sylls[1:], strict=False)}
    for year in (doc.plan_year, doc.period_end_year):
        if year:
            words.add(str(year))
    if doc.plan_year and doc.period_end_year:
        words |= {str(y) for y in range(doc.plan_year, doc.period_end_year + 1)}
    return words


def _title_pairs(docs: list[Document]) -> frozenset[str]:
    """Adjacent syllable pairs of the loaded plans' titles (folded)."""
    pairs = set()
    for doc in docs:
        sylls = syllables(doc.title or "")
        pairs |= {f"{a} {b}" for a, b in zip(sylls, sylls[1:], strict=False)}
    return frozenset(pairs)


def _places(folded: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Provinces the question names, and where (as syllable ranges)."""
    sylls = folded.split()
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    names = [(p, p) for p in _PROVINCES] + list(_PLACE_ALIASES.items())
    names.sort(key=lambda p: -len(p[0]))
    taken: set[int] = set()
    for name, place in names:
        parts = name.split()
        for i in range(len(sylls) - len(parts) + 1):
            if sylls[i : i + len(parts)] == parts and not taken & set(range(i, i + len(parts))):
                # "tỉnh" before the name stays: it may end a unit's name ("Công an tỉnh").
                taken |= set(range(i, i + len(parts)))
                spans.append((i, i + len(parts)))
                if place not in found:
                    found.append(place)
    return found, spans


def place_phrases(question: str) -> list[str]:
    """The provinces a question names, as the folded words it uses for them."""
    folded = " ".join(s.replace("&", "") for s in syllables(question))
    _, spans = _places(folded)
    sylls = folded.split()
    return [" ".join(sylls[a:b]) for a, b in spans]


@functools.lru_cache(maxsize=256)  # asked once per search hit of the same question
def named_places(question: str) -> list[tuple[str, str]]:
    """(the folded words the question uses, the province's folded name) for each place."""
    folded = " ".join(s.replace("&", "") for s in syllables(question))
    found, spans = _places(folded)
    sylls = folded.split()
    typed = [" ".join(sylls[a:b]) for a, b in spans]
    return [(t, _PLACE_ALIASES.get(t, t)) for t in typed if _PLACE_ALIASES.get(t, t) in found]


# A run of capitalised words inside a question ("thị trường Nhật Bản", "giải thưởng
# Sao Khuê") names something the answer must be about; units, documents, provinces and
# the country have their own checks, so runs opening with their words are not counted.
_WORD = re.compile(r"[^\W\d_]+|[^\w\s]+|\d\S*")
_NOT_NAME_HEADS = (*intents.DOC_KINDS, "viet nam", "nha nuoc", "chinh phu", "thu tuong")
MIN_NAME_WORDS = 2


def _capitalised_runs(text: str) -> list[str]:
    """Runs of two or more words written "Xxx" (not "XXX"), none opening the text."""
    runs: list[list[str]] = [[]]
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group(0)
        if i > 0 and word[0].isupper() and word[1:].islower():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [" ".join(r) for r in runs if len(r) >= MIN_NAME_WORDS]


def proper_names(question: str) -> list[str]:
    """Folded names the question writes with capitals, past its first word."""
    from knowledge.units import looks_like_unit

    out = []
    for run in _capitalised_runs(nfc_text(question)):
        name = " ".join(syllables(run))
        if name.startswith(_NOT_NAME_HEADS) or looks_like_unit(run) or _places(name)[0]:
            continue
        out.append(name)
    return out


def _names_place(doc: Document, place: str) -> bool:
    words = " ".join(syllables(f"{doc.title} {doc.issuer or ''}"))
    if f" {place} " in f" {words} ":
        return True
    # A plan whose place only its text gives (no header) is still that place's plan.
    named = provinces.province(place)
    return named is not None and named.key == doc.province


def _ends_name(sylls: list[str], i: int, title_pairs: frozenset[str]) -> bool:
    """A question word ends a plan's name, unless it opens a word pair of a loaded
    plan's title ("có" ends "kế hoạch CCHC có …", "cơ sở dữ liệu" stays whole; "giao"
    ends "kết luận … giao SNV", not "kết luận giao ban …")."""
    in_title = i + 1 < len(sylls) and f"{sylls[i]} {sylls[i + 1]}" in title_pairs
    asked = _asked_words(sylls, i)
    if asked:
        return asked > 1 or not in_title
    return sylls[i] in _STOPS and not in_title


def _asked_words(sylls: list[str], i: int) -> int:
    """How many words the longest asking phrase at ``i`` has (0: none there)."""
    rest = " ".join(sylls[i : i + 4]) + " "
    found = [len(p.split()) for p in _ASKING if rest.startswith(p + " ")]
    # "… triển khai những quyết định nào": what the plan carries out is asked.
    if intents.DOC_BASIS.match(" ".join(sylls[i : i + 6])) is not None:
        found.append(len(sylls))
    return max(found, default=0)


# "kế hoạch này / ấy": the plan the chat is about, not a name to look up.
_THIS = frozenset(["nay", "ay"])  # not "do" (by), nor "trên" ("trên địa bàn …")


def _name_runs(sylls: list[str], title_pairs: frozenset[str]) -> list[tuple[int, int, int]]:
    """(where "kế hoạch" starts, where the name after it starts, the first question word)."""
    runs = []
    text = " ".join(sylls)
    for word in _DOC_WORDS:
        for m in re.finditer(rf"(?:^| ){word}(?= )", text):
            start = len(text[: m.end()].split())
            kw = start - len(word.split())
            if kw > 0 and sylls[kw - 1] in _UNIT_HEADS:
                continue
            if word in _GENERIC_DOC_WORDS and not _numbered_at(sylls, start):
                continue  # "văn bản quy phạm pháp luật": a kind of text, no plan's name
            if sylls[start : start + 1] and sylls[start] in _THIS:
                continue  # "kế hoạch này chia thành mấy nội dung": the plan in context
            end = start
            while end < len(sylls) and not _ends_name(sylls, end, title_pairs):
                end += 1
            if end > start:
                runs.append((start - len(word.split()), start, end))
    return runs


def find_scope(session: Session, question: str) -> DocScope:
    sylls = [s.replace("&", "") for s in syllables(question)]
    folded = " ".join(sylls)
    places, place_spans = _places(folded)
    docs = list(session.scalars(select(Document).order_by(Document.id)))
    runs = _name_runs(sylls, _title_pairs(docs))
    if not places and not runs:
        return DocScope()
    profiles = {d.id: _profile(d) for d in docs}
    candidates = [d.id for d in docs]
    if places:
        # A plan with no title, issuer or place of its own may be any place's; one whose
        # place is known (from its text, if nothing else) is that place's only.
        known = [d.id for d in docs if d.title or d.issuer or d.province]
        with_place = [d.id for d in docs if any(_names_place(d, p) for p in places)]
        if not with_place:
            return DocScope(named=True, spans=place_spans)
        candidates = with_place + [i for i in candidates if i not in known]
    titles = {d.id: _title_words(d) for d in docs}
    marks = {d.id: _marks(syllables(d.title or "")) for d in docs}
    chosen, spans = _by_name(sylls, runs, candidates, (profiles, titles, marks), place_spans)
    if chosen is None:
        unknown = any(
            len([w for w in sylls[a:b] if w not in _LINKS]) >= UNKNOWN_NAME_WORDS
            for _, a, b in runs
        )
        if not places:
            return DocScope(unknown_name=unknown)
        return DocScope(
            named=True, document_ids=candidates, spans=place_spans, unknown_name=unknown
        )
    return DocScope(named=True, document_ids=chosen, spans=spans + place_spans, by_plan=True)


# Ordinals as written out: "lần thứ năm", "kỳ họp thứ mười".
_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6,
             "bay": 7, "tam": 8, "chin": 9, "muoi": 10}  # fmt: skip
MONTHS = 12


def _marks(sylls: list[str]) -> set[tuple[str, int]]:
    """What tells one of a series apart: the meeting's ordinal ("phiên họp lần thứ năm",
    "thứ 5") and the month ("thường kỳ tháng 4")."""
    out: set[tuple[str, int]] = set()
    for a, b in zip(sylls, sylls[1:], strict=False):
        if a == "thu" and (b.isdigit() or b in _ORDINALS):
            out.add(("thu", int(b) if b.isdigit() else _ORDINALS[b]))
        elif a == "thang" and b.isdigit() and 1 <= int(b) <= MONTHS:
            out.add(("thang", int(b)))
    return out


def _differ(asked: set[tuple[str, int]], title: set[tuple[str, int]]) -> bool:
    """The name and the title both tell which of a series, and not alike."""
    kinds = {k for k, _ in asked} & {k for k, _ in title}
    return any(
        not {v for k, v in asked if k == kind} & {v for k, v in title if k == kind}
        for kind in kinds
    )


def _title_words(doc: Document) -> set[str]:
    """A title's own words, without the links between them."""
    return {w for w in syllables(doc.title or "") if w not in _LINKS}


def _by_name(
    sylls: list[str],
    runs: list[tuple[int, int, int]],
    candidates: list[int],
    known: tuple[dict[int, set[str]], dict[int, set[str]], dict[int, set[tuple[str, int]]]],
    place_spans: list[tuple[int, int]],
) -> tuple[list[int] | None, list[tuple[int, int]]]:
    """Documents whose title holds most of the name after "kế hoạch", and whose title the
    question quotes most fully ("… thi hành Luật Bảo vệ dữ liệu cá nhân" is that plan,
    not a longer title sharing "thi hành", "Thủ tướng", "nghị định"); None if no name."""
    profiles, titles, marks = known
    in_place = {i for a, b in place_spans for i in range(a, b)}
    n = len(profiles) or 1
    df: dict[str, int] = {}
    for prof_words in profiles.values():
        for w in prof_words:
            df[w] = df.get(w, 0) + 1
    best: tuple[float, list[int], tuple[int, int, int]] | None = None
    for kw_start, start, end in runs:
        words = [
            (i, w)
            for i in range(start, end)
            if i not in in_place
            if not _is_link(sylls, i)
            for w in _expanded([sylls[i]])[0]
            if w not in _LINKS or w == "so"
        ]
        if len(words) < 2:
            continue
        # A year names the plan when it follows "năm"/"giai đoạn" or opens the name.
        years = {
            w
            for i, w in words
            if _YEAR.match(w)
            and (
                i == start
                or sylls[i - 1] in ("nam", "doan")
                or bool(_YEAR.match(sylls[i - 1]))
                or (i + 1 < len(sylls) and bool(_YEAR.match(sylls[i + 1])))  # "2021-2030"
            )
        }
        # A year that does not name the plan ("… Chính phủ số đến 2030": a horizon) is
        # no word of its name: it would favour any title ending "đến năm 2030".
        words = [(i, w) for i, w in words if not _YEAR.match(w) or w in years]
        if len(words) < 2:
            continue
        asked_marks = _marks(sylls[start:end])
        # Words the name holds side by side ("Chính phủ số") that a title holds so too.
        pairs = [f"{a} {b}" for (i, a), (j, b) in zip(words, words[1:], strict=False) if j == i + 1]
        weight = {w: math.log(1 + n / (1 + df.get(w, 0))) for _, w in words}
        named = {w for _, w in words}
        total = sum(weight[w] for _, w in words)
        scores: list[tuple[float, int, float]] = []
        other_year = False  # a plan this name fits, of another year
        for doc_id in candidates:
            prof = profiles[doc_id]
            got = sum(weight[w] for i, w in words if _holds(prof, sylls[i], w))
            if (years and not years & prof) or _differ(asked_marks, marks.get(doc_id, set())):
                # the plan of another year (of a range, one year held will do), or of
                # another meeting or month ("phiên họp lần thứ sáu" is not "lần thứ năm")
                other_year = other_year or got / total >= MIN_NAME_WEIGHT
                continue
            together = sum(p in prof for p in pairs) / len(pairs) if pairs else 0.0
            title = titles.get(doc_id, set())
            whole = len(title) >= MIN_TITLE_WORDS and len(title & named) >= QUOTED * len(title)
            score = got / total + PAIR_BONUS * together + (QUOTED_BONUS if whole else 0.0)
            scores.append((score, doc_id, got / total))
        fits = [plain for _, _, plain in scores if plain >= MIN_NAME_WEIGHT]
        if (years or asked_marks) and not fits and (other_year or not scores):
            # "Kế hoạch bảo vệ bí mật nhà nước năm 2027" when that plan is of 2025: the
            # plan asked for is not loaded; another plan spanning 2027 is no answer.
            return [], [(kw_start, end)]
        if not scores:
            continue
        if not fits:
            continue  # the order of the words ranks plans, it does not make a name
        top = max(s for s, _, _ in scores)
        ids = [d for s, d, _ in scores if s >= top - 0.05]
        if best is None or top > best[0]:
            best = (top, ids, (kw_start, start, end))
    if best is None:
        return None, []
    kw_start, start, end = best[2]
    # The name ends at the last word the chosen titles hold ("… năm 2026 yêu cầu …").
    prof = set().union(*(profiles[d] for d in best[1]))
    last = start
    for i in range(start, end):
        if any(w in prof for w in _expanded([sylls[i]])[0]) or sylls[i] in _LINKS:
            last = i + 1
        elif i - last >= 1:
            break
    return best[1], [(kw_start, last)]


def _holds(profile: set[str], syllable: str, word: str) -> bool:
    """The plan's title holds this word of the name. An abbreviation names one topic
    ("CCHC", "BCĐ"): a title holds it written short or whole, never by one of its
    words ("chỉ" of "Chỉ thị" is not "Ban chỉ đạo")."""
    expansion = _expanded([syllable])[0]
    if len(expansion) == 1:
        return word in profile
    return syllable.replace("&", "") in profile or all(w in profile for w in expansion)


# Words that open a plan's name without saying its topic ("kế hoạch triển khai …").
_GENERIC_OPENERS = frozenset({"trien", "khai", "thuc", "hien", "ban", "hanh", "tong", "the"})


NAME_HEAD_REACH = 6  # words after "kế hoạch" where the name's first topic word is looked for


def name_head_missing(session: Session, question: str, scope: DocScope) -> bool:
    """The plan's name in the question opens with a topic word no plan in scope has in
    its title ("kế hoạch chuyển đổi số … của VP UBND" read as the office's CCHC plan)."""
    if not scope.by_plan or not scope.spans or not scope.document_ids:
        return False
    sylls = [s.replace("&", "") for s in syllables(question)]
    a, _ = scope.spans[0]
    name = sylls[a : a + NAME_HEAD_REACH]
    for word in _DOC_WORDS:
        parts = word.split()
        if name[: len(parts)] == parts:
            name = name[len(parts) :]
            break
    else:
        return False  # not named after "kế hoạch …": by its place or issuer
    places = place_words()
    head = ""
    for w in (x for s in name for x in _expanded([s])[0]):
        if w[:1].isdigit() or w in places or w in _STOPS:
            return False  # a number, a place or the question first: no topic to hold
        if w not in _LINKS and w not in _GENERIC_OPENERS:
            head = w
            break
    if not head:
        return False
    docs = [session.get(Document, i) for i in scope.document_ids]
    return not any(d is not None and head in _profile(d) for d in docs)
