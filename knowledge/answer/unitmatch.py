"""Spot the units a question names, through their aliases and the abbreviations.

"so noi vu", "SNV", "Sở Nội vụ" and "Phòng HC-QT" all resolve; a partial name
that fits several units ("Phòng Kế hoạch") comes back as options to choose from.
A name several provinces' units share means the home province's unless the question
or its plans say which (``knowledge.unit_lookup``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from knowledge import provinces
from knowledge.retrieval.analyzer import abbreviation_map, syllables
from knowledge.unit_lookup import home_province, narrow
from knowledge.units import builtin_aliases, builtin_canonical, is_bare_noun
from knowledge.vietnamese import fold
from storage.models import Document, TaskRow, TaskUnit, Unit, UnitAlias

_HEADS = (
    "so",
    "phong",
    "ban",
    "trung tam",
    "van phong",
    "chi cuc",
    "cuc",
    "ubnd",
    "uy ban nhan dan",
)


@dataclass
class UnitMatch:
    units: list[Unit] = field(default_factory=list)
    options: list[Unit] = field(default_factory=list)  # ambiguous partial name
    mention: str = ""
    mentioned: list[str] = field(default_factory=list)  # folded phrases that named units
    partial: bool = False  # found from a name's beginning only


def expanded_forms(question: str) -> list[str]:
    """The folded question, and the same with abbreviations written out."""
    sylls = [s.replace("&", "") for s in syllables(question)]
    plain = " ".join(sylls)
    # Abbreviations that stand for a name on their own are written out in place.
    single = _single_abbreviations()
    out = [single.get(s, s) for s in sylls]
    expanded = " ".join(out)
    expanded = expanded.replace("hc qt", "hanh chinh quan tri").replace(
        "kh tc", "ke hoach tai chinh"
    )
    return [plain] if expanded == plain else [plain, expanded]


def title_forms(session: Session, document_ids: Sequence[int]) -> list[str]:
    """The plans' titles and issuers, folded, as written and with abbreviations spelt out."""
    return [
        form
        for d in (session.get(Document, i) for i in document_ids)
        if d is not None
        for text in (d.title or "", d.issuer or "")
        for form in expanded_forms(text)
    ]


@dataclass
class _Singles:
    """The one-word abbreviations ("ubnd", "snv") of the current abbreviation map, and a
    generation that changes whenever the map does (admins add aliases at run time)."""

    source: dict[str, str] | None = None
    table: dict[str, str] = field(default_factory=dict)
    generation: int = 0


_SINGLES = _Singles()


def _current_singles() -> _Singles:
    amap = abbreviation_map()  # cached: the same object until the entries change
    if _SINGLES.source is not amap:
        _SINGLES.table = {
            k.replace("&", ""): v for k, v in amap.items() if re.fullmatch(r"[a-z&]+", k)
        }
        _SINGLES.source = amap
        _SINGLES.generation += 1
    return _SINGLES


def _single_abbreviations() -> dict[str, str]:
    return _current_singles().table


@lru_cache(maxsize=65536)
def _name_forms(name: str, generation: int) -> tuple[str, ...]:
    """A unit name's forms (``expanded_forms``) under one abbreviation map: every partial
    lookup reads all names."""
    return tuple(expanded_forms(name))


# The name table is rebuilt only when the units or aliases change: reading and folding
# every name took a third of an answer's time. Keyed by database and a stamp of both tables.
_NAMES_CACHE: dict[tuple[Any, ...], list[tuple[str, list[int]]]] = {}


def _names(session: Session) -> list[tuple[str, list[int]]]:
    """(alias as folded syllables, the units it names: one per province), longest first."""
    units = session.execute(
        select(func.count(), func.max(Unit.id), func.sum(func.length(Unit.name)))
    ).one()
    aliases = session.execute(
        select(func.count(), func.max(UnitAlias.id), func.sum(func.length(UnitAlias.alias)))
    ).one()
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    key = (id(engine), str(engine.url), *units, *aliases)
    cached = _NAMES_CACHE.get(key)
    if cached is None:
        cached = _NAMES_CACHE[key] = _read_names(session)
        if len(_NAMES_CACHE) > 8:  # a few databases at most (tests make many)
            _NAMES_CACHE.pop(next(iter(_NAMES_CACHE)))
    return cached


def _read_names(session: Session) -> list[tuple[str, list[int]]]:
    pairs: dict[str, list[int]] = {}

    def add(name: str, unit_id: int) -> None:
        ids = pairs.setdefault(" ".join(syllables(name)), [])
        if unit_id not in ids:
            ids.append(unit_id)

    compact: set[str] = set()
    builtin = builtin_aliases()
    for unit_id, name in session.execute(select(Unit.id, Unit.name).order_by(Unit.id)):
        if not is_bare_noun(name):  # a parsed "Cơ quan" must not catch every "cơ quan"
            add(name, unit_id)
        # "STC", "BQP": a built-in compact form is no syllable of the language, so it
        # names its unit however short it is
        for alias in builtin.get(name, ()):
            if alias.isupper() and alias.isalpha():
                compact.add(" ".join(syllables(alias)))
                add(alias, unit_id)
    for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
        add(alias, unit_id)
    usable = [
        (k, v)
        for k, v in pairs.items()
        if (len(k) >= 4 and (" " in k or len(k) >= 5)) or k in compact
    ]
    usable.sort(key=lambda p: -len(p[0]))
    return usable


def _inside_expansion(question: str, text: str, needle: str) -> bool:
    """The name sits within one abbreviation's written-out form, not all of it: "sở,
    ngành" inside DDCI ("chỉ số năng lực cạnh tranh cấp sở, ngành …") names no unit."""
    single = {k.replace("&", ""): v for k, v in abbreviation_map().items()}
    for syl in {s.replace("&", "") for s in syllables(question)}:
        long = single.get(syl)
        if long and needle.strip() in long and needle.strip() != long and f" {long} " in text:
            return True
    return False


# A unit name's head joined to the syllable before it makes another word: "cán bộ xây
# dựng" is no Bộ Xây dựng, "cơ sở y tế" no Sở Y tế (folded: previous syllable, head).
_COMPOUNDS = frozenset(
    {
        ("can", "bo"),
        ("toan", "bo"),
        ("dong", "bo"),
        ("tien", "bo"),
        ("noi", "bo"),
        ("so", "bo"),
        ("co", "so"),
        ("tru", "so"),
        ("phi", "chinh"),  # "tổ chức phi chính phủ" is no Chính phủ
    }
)


def capitalised(question: str, name: str) -> bool:
    """The name is typed with its head in capitals ("cộng đồng Bộ Tư lệnh"): a name, not
    the tail of a word ("đồng bộ")."""
    words = question.split()
    parts = name.split()
    for i in range(len(words) - len(parts) + 1):
        if (
            words[i][:1].isupper()
            and [fold(w).strip(",.;:()") for w in words[i : i + len(parts)]] == parts
        ):
            return True
    return False


def _only_in_words(text: str, needle: str) -> bool:
    """Every occurrence of the name is the tail of such a word (``_COMPOUNDS``)."""
    head = needle.split()[0]
    start = text.find(needle)
    while start >= 0:
        before = text[:start].split()
        if not before or (before[-1], head) not in _COMPOUNDS:
            return False
        start = text.find(needle, start + 1)
    return True


def find_units(
    session: Session, question: str, documents: Sequence[int] | None = None
) -> UnitMatch:
    """The units ``question`` names. A name several provinces' units share ("Sở Nội vụ")
    means the one of a province the question names, else of the plans it is about
    (``documents``), else of the home province; failing all, the namesakes are options."""
    forms = expanded_forms(question)
    names = _names(session)
    found: list[list[int]] = []  # per name mentioned, its namesakes
    mentioned: list[str] = []
    for n_form, form in enumerate(forms):
        text = f" {form} "
        for name, unit_ids in names:
            needle = f" {name} "
            if _collective(name) and _asked_for(text, needle):
                continue  # "các cơ quan nào phối hợp": what is asked, no unit named
            if needle in text and (not _only_in_words(text, needle) or capitalised(question, name)):
                if " " not in name and _only_in_numbers(question, name):
                    continue  # "Kế hoạch 31/KH-STP": the issuer's letters in a số hiệu
                if (
                    n_form
                    and needle not in f" {forms[0]} "
                    and _inside_expansion(question, text, needle)
                ):
                    continue
                text = text.replace(needle, " | ")
                if unit_ids in found:
                    continue  # "SNV" written out names the unit "Sở Nội vụ" named already
                found.append(unit_ids)
                mentioned.append(name)
        # The written-out form is read too: "UBND tỉnh … giao SNV" names two units.
    if len(found) > 1 and len(mentioned) > 1:
        # "Phòng Kế hoạch - Tài chính của Sở Nội vụ": the first names a part of the second
        form = f" {forms[-1]} "
        if any(f" {a} cua {b} " in form for a in mentioned for b in mentioned if a != b):
            found, mentioned = found[:1], mentioned[:1]
    if found:
        wanted = _wanted_provinces(session, question, documents)
        home = home_province(session)
        chosen = [narrow(_units(session, ids), home, wanted) for ids in found]
        # A collective several provinces' plans name ("Các cơ quan") is nobody to ask about.
        kept = [
            (c, m)
            for c, m in zip(chosen, mentioned, strict=True)
            if len(c) == 1 or not _collective(m)
        ]
        chosen, mentioned = [c for c, _ in kept], [m for _, m in kept]
        if not chosen:
            return UnitMatch()
        chosen, mentioned = _beside_others(chosen, mentioned, wanted)
        split = next((c for c in chosen if len(c) > 1), None)
        if split is not None:  # several provinces have it and none is meant: ask which
            return UnitMatch(options=split[:8], mention=split[0].name, mentioned=mentioned)
        units = list(dict.fromkeys(u for c in chosen for u in c))
        # "Phòng Kế hoạch - Tài chính Sở Nội vụ": the parent only says whose part it is.
        units = [u for u in units if not any(c.parent_id == u.id for c in units)] or units
        return UnitMatch(units=units, mention=units[0].name if units else "", mentioned=mentioned)
    wanted = _wanted_provinces(session, question, documents)
    match = _partial(session, forms[-1], names, wanted, documents)
    if match.mention:
        match.mention = _as_written(match)
    return match


def _beside_others(
    chosen: list[list[Unit]], mentioned: list[str], wanted: set[str]
) -> tuple[list[list[Unit]], list[str]]:
    """Of several names, one whose namesakes are all outside the provinces meant ("UBND
    tỉnh" in "Chỉ thị … của UBND tỉnh Đắk Lắk giao SNV …" where that province's UBND has
    no tasks) names no unit of these plans: the others are what is asked about."""
    if not wanted or len(chosen) < 2:
        return chosen, mentioned
    kept = [
        (c, m)
        for c, m in zip(chosen, mentioned, strict=True)
        if len(c) == 1 or any(u.province in wanted for u in c)
    ]
    if not kept:
        return chosen, mentioned
    return [c for c, _ in kept], [m for _, m in kept]


def _only_in_numbers(question: str, name: str) -> bool:
    """Every time ``name`` (one folded token) is typed it is part of a document number."""
    return re.search(rf"(?<![-/\w]){re.escape(name)}(?!\w)", fold(question)) is None


_COLLECTIVE = ("cac ", "nhung ", "moi ", "tat ca ")
_QUESTION_WORDS = (" nao ", " gi ")


def _collective(name: str) -> bool:
    """ "các cơ quan", "những đơn vị …": many units, named as a kind."""
    return name.startswith(_COLLECTIVE)


def _asked_for(text: str, needle: str) -> bool:
    """Every mention of the name goes on with a question word ("các bộ nào")."""
    at = [m.end() - 1 for m in re.finditer(re.escape(needle), text)]
    return bool(at) and all(text[i:].startswith(_QUESTION_WORDS) for i in at)


def _units(session: Session, ids: Sequence[int]) -> list[Unit]:
    return [u for u in (session.get(Unit, i) for i in ids) if u is not None]


def _wanted_provinces(session: Session, question: str, documents: Sequence[int] | None) -> set[str]:
    """The provinces a question points at: named in it ("Sở Nội vụ Hà Tĩnh"), else
    those of the plans it is about."""
    named = {m.province.key for m in provinces.mentions(question)}
    if named or not documents:
        return named
    rows = session.scalars(select(Document.province).where(Document.id.in_(list(documents))))
    return {p for p in rows if p}


def _partial(
    session: Session,
    form: str,
    names: list[tuple[str, list[int]]],
    wanted: set[str],
    documents: Sequence[int] | None = None,
) -> UnitMatch:
    """A unit head ("sở", "phòng" …) followed by words that begin several unit names;
    namesakes narrowed like full names, to the provinces the question or its plans mean,
    and to the units those plans give tasks when some do ("UBND các tỉnh" in NQ 100)."""
    heads = "|".join(h.replace(" ", r"\s") for h in _HEADS)
    m = re.search(rf"\b({heads})\s+([a-z0-9]+(?:\s[a-z0-9]+){{0,5}})", form)
    if not m:
        return UnitMatch()
    words = f"{m.group(1)} {m.group(2)}".split()
    table = _current_singles().generation
    # A head and one word ("sở giao…") is too little to tell a unit by its beginning.
    for n in range(len(words), 2, -1):
        prefix = " ".join(words[:n])
        ids = list(
            dict.fromkeys(
                uid
                for name, uids in names
                # "UBND các tỉnh, thành phố" begins "Ủy ban nhân dân các tỉnh" too
                if any(f.startswith(prefix + " ") for f in _name_forms(name, table))
                for uid in uids
            )
        )
        if ids:
            units = narrow(_units(session, ids), home_province(session), wanted)
            if documents:
                # The plans named give none of them a task: the words name no unit of
                # theirs ("CT 09 của UBND TP Cần Thơ" is the plan's issuer).
                units = _in_plans(session, units, documents)
                if not units:
                    return UnitMatch()
            if len(units) == 1:
                return UnitMatch(units=units, mention=prefix, mentioned=[prefix], partial=True)
            return UnitMatch(options=units[:8], mention=prefix, mentioned=[prefix], partial=True)
    return UnitMatch()


def _in_plans(session: Session, units: list[Unit], documents: Sequence[int]) -> list[Unit]:
    """Those of ``units`` that lead or coordinate a task of ``documents``."""
    if not units:
        return []
    having = set(
        session.scalars(
            select(TaskUnit.unit_id)
            .join(TaskRow, TaskRow.id == TaskUnit.task_id)
            .where(TaskRow.document_id.in_(list(documents)))
            .where(TaskUnit.unit_id.in_([u.id for u in units]))
        )
    )
    return [u for u in units if u.id in having]


def _as_written(match: UnitMatch) -> str:
    """The partial name as a unit's own name writes it ("Ủy ban nhân dân các tỉnh"), not
    folded; as matched when no unit writes it word for word ("UBND …" for "ủy ban …")."""
    words = len(match.mention.split())
    for unit in [*match.units, *match.options]:
        if fold(unit.name).startswith(match.mention):
            return " ".join(unit.name.split()[:words]).rstrip(",;:.")
    return match.mention


_UNIT_HEADS = (
    r"((?:so|phong|ban|trung tam|van phong|chi cuc|cuc|ubnd|uy ban nhan dan|bo|cong an|"
    r"bo chi huy|thanh tra|kho bac|bao hiem xa hoi|hoi dong|vien|truong|hoi|dai|bao|"
    r"lien doan|tinh doan|mat tran|cong ty|tong cong ty|ngan hang)"
    r"(?: [a-z0-9&]+){1,8}?)"
)
# A unit's name at the head of a list question: "Sở Tài chính có nhiệm vụ gì?".
_UNIT_HEAD = re.compile(
    r"^(?:cho (?:toi |em )?hoi |xin hoi )?"
    + _UNIT_HEADS
    + r" (?:co (?:nhung |cac |bao nhieu )?(?:nhiem vu|viec|cong viec)|duoc giao|phai lam|can lam|"
    r"lam (?:gi|nhung gi)|chu tri (?:gi|nhung|cac|nhiem vu)|phoi hop (?:gi|nhung|cac|nhiem vu)|"
    r"phu trach (?:gi|nhung|viec)|nhan nhiem vu)\b"
)
# A unit given work in a plan: "NQ 122 giao Bộ X nhiệm vụ gì", "… giao cho Sở Y làm gì".
_UNIT_GIVEN = re.compile(
    r"(?:^| )giao (?:cho )?"
    + _UNIT_HEADS
    + r" (?:(?:nhung |cac )?(?:nhiem vu|viec|cong viec) (?:gi|nao)|lam (?:gi|nhung gi))\b"
)
# Words after a head that make it something other than a unit ("số hiệu", "ban hành").
_NOT_UNIT = frozenset(
    {
        "hieu",
        "luong",
        "hoa",
        "lieu",
        "ky",
        "thu",
        "hanh",
        "nganh",
        "tieu",
        "van",
        "do",
        "nhiem",
        "cao",
        "ve",
        "gi",
        "nao",
    }
)


def unknown_unit(question: str) -> str | None:
    """The unit a list question opens with, as typed, when no loaded plan knows it."""
    folded = " ".join(syllables(question))
    m = _UNIT_HEAD.match(folded) or _UNIT_GIVEN.search(folded)
    if not m:
        return None
    name = m.group(1).split()
    if len(name) < 2 or name[1] in _NOT_UNIT:
        return None
    span = _char_span(question, m.group(1))
    typed = question[span[0] : span[1]] if span else ""
    return typed.strip(" ,.?") or m.group(1)


def spelled_out(text: str, match: UnitMatch) -> str:
    """``text`` with a unit typed short ("so tc", "Bộ CHQS tỉnh") written as its name.

    The plans' words are searched: "tc" is in none of them, so a question naming the
    unit by initials would match no passage about that unit's work, and the words it
    typed would count as content the passage lacks. Built-in spellings only: the name a
    short form stands for is then certain.
    """
    for phrase in match.mentioned:
        name = builtin_canonical(phrase)
        if name is None or f" {phrase} " in f" {' '.join(syllables(name))} ":
            continue  # not a built-in short form, or typed as (part of) its name
        span = _char_span(text, phrase)
        if span is not None:
            text = f"{text[: span[0]]}{name}{text[span[1] :]}"
    return text


def _char_span(text: str, phrase: str) -> tuple[int, int] | None:
    """Where the folded ``phrase`` stands in ``text``, as character offsets."""
    folded = fold(text)
    if len(folded) != len(text):
        return None  # folding changed the length: offsets would not carry over
    # "nnmt" as typed "NN&MT": a joining "&" may stand between the letters
    words = r"\W+".join("&?".join(re.escape(c) for c in w) for w in phrase.split())
    found = re.search(rf"(?<!\w){words}(?!\w)", folded)
    return found.span() if found else None


def quotes_coordination(question: str, titles: Iterable[str]) -> bool:
    """The question's "phối hợp" is a title's own words ("Quy chế phối hợp tìm kiếm …"),
    the next two words with it; ``titles`` folded."""
    m = re.search(r"phoi hop (\w+ \w+)", " ".join(syllables(question)))
    return m is not None and any(f"phoi hop {m.group(1)}" in t for t in titles)
