"""Provinces and centrally-run cities: the one vocabulary of place names.

Plans, unit names and questions name a province many ways: "tỉnh Nghệ An", "Nghệ An",
"nghe an", "TP.HCM", "Thành phố Hồ Chí Minh", "Đắk Lắk"/"Đăk Lăk". Every province is
stored and compared by its ``key`` (the folded name, "nghe an"): folding makes tone
placement ("Thanh Hoá"/"Thanh Hóa") and typing without diacritics agree.

Names before and after the 2025 merger are all listed: a plan issued by Quảng Bình
before the merger stays Quảng Bình's, so no old name is folded into a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.vietnamese import fold

NATIONAL = ""  # a unit with no province: national bodies, or a province not known


@dataclass(frozen=True)
class Province:
    name: str  # "Nghệ An", "Hồ Chí Minh"
    city: bool = False  # a centrally-run city: its level word is "thành phố", not "tỉnh"
    aliases: tuple[str, ...] = ()  # other spellings and abbreviations ("TP.HCM")
    # A name that is also a person's or a common word ("Hồ Chí Minh" in "Đoàn TNCS Hồ
    # Chí Minh", "hòa bình"): inside a unit's name it only counts after its level word.
    needs_level: bool = False

    @property
    def key(self) -> str:
        """How the province is stored: its folded words ("ba ria vung tau")."""
        return " ".join(words(self.name))

    @property
    def level(self) -> str:
        return "thành phố" if self.city else "tỉnh"

    def label(self) -> str:
        """ "tỉnh Nghệ An", "thành phố Hồ Chí Minh"."""
        return f"{self.level} {self.name}"


_CITIES = [
    Province("Hà Nội", True, ("TP. Hà Nội", "TPHN", "HN")),
    Province("Hồ Chí Minh", True, ("TP.HCM", "TP. HCM", "TPHCM", "TP HCM", "HCM", "Sài Gòn"), True),
    Province("Hải Phòng", True),
    Province("Đà Nẵng", True),
    Province("Cần Thơ", True),
    Province("Huế", True, ("Thừa Thiên Huế", "Thừa Thiên - Huế"), True),  # "Huệ" folds alike
]
_PROVINCE_NAMES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh",
    "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng",
    "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa",
    "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Tiền Giang", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
_ALIASES = {
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Daklak"),
    "Đắk Nông": ("Đăk Nông",),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa Vũng Tàu", "BR-VT"),
}
_COMMON_WORDS = {"Hòa Bình", "Thái Bình"}  # "hòa bình" (peace), "Thái Bình Dương"

PROVINCES: tuple[Province, ...] = tuple(_CITIES) + tuple(
    Province(n, aliases=_ALIASES.get(n, ()), needs_level=n in _COMMON_WORDS)
    for n in _PROVINCE_NAMES
)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Folded words without punctuation: "TP.HCM" -> ("tp", "hcm")."""
    return tuple(re.findall(r"[a-z0-9]+", fold(text)))


@lru_cache(maxsize=1)
def _spellings() -> dict[tuple[str, ...], Province]:
    """Every spelling as folded words -> its province (names, aliases, "tphcm"-style)."""
    out: dict[tuple[str, ...], Province] = {}
    for province in PROVINCES:
        for spelling in (province.name, *province.aliases):
            out.setdefault(words(spelling), province)
            out.setdefault(("".join(words(spelling)),), province)  # "tphcm", "daklak"
    return out


@lru_cache(maxsize=1)
def by_key() -> dict[str, Province]:
    return {p.key: p for p in PROVINCES}


def province(key_or_name: str | None) -> Province | None:
    """The province a stored key ("nghe an") or a typed name ("TP.HCM", "tỉnh Nghệ An")
    stands for; None when it names none."""
    if not key_or_name:
        return None
    found = words(key_or_name)
    if found[:1] == ("tinh",):
        found = found[1:]
    elif found[:2] == ("thanh", "pho"):
        found = found[2:]
    return _spellings().get(found)


@dataclass(frozen=True)
class Mention:
    province: Province
    start: int  # word offsets in ``words(text)``
    end: int
    level: bool  # preceded by "tỉnh"/"thành phố"/"TP" (the level word is in the span)


_LEVEL_WORDS = (("thanh", "pho"), ("tinh",), ("tp",))


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], Province]]]:
    """Spellings by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], Province]]] = {}
    for spelling, prov in _spellings().items():
        index.setdefault(spelling[0], []).append((spelling, prov))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@lru_cache(maxsize=8192)
def mentions(text: str) -> tuple[Mention, ...]:
    """The provinces ``text`` names, in order, the longest spelling where they overlap."""
    ws = words(text)
    index = _by_first_word()
    found: list[Mention] = []
    i = 0
    while i < len(ws):
        hit = next((e for e in index.get(ws[i], ()) if ws[i : i + len(e[0])] == e[0]), None)
        if hit is None:
            i += 1
            continue
        spelling, prov = hit
        start = i
        for level in _LEVEL_WORDS:
            if i >= len(level) and ws[i - len(level) : i] == level:
                start = i - len(level)
                break
        if found and start < found[-1].end:
            start = i  # the level word belongs to the previous mention
        leveled = start < i or spelling[0].startswith("tp")  # "TP.HCM", "TPHCM"
        found.append(Mention(prov, start, i + len(spelling), level=leveled))
        i += len(spelling)
    return tuple(found)


def trailing(text: str) -> Mention | None:
    """The province that ends ``text``, as a place qualifier: "Sở Nội vụ Nghệ An",
    "Công an tỉnh Hà Tĩnh", "SNV Hà Tĩnh". A name that needs its level word only
    counts with it ("Đoàn TNCS Hồ Chí Minh" names no province)."""
    found = mentions(text)
    if len({m.province for m in found}) != 1:
        return None  # none, or a list of places ("Hải Phòng và tỉnh Quảng Ninh")
    last = found[-1]
    ends = last.end == len(words(text)) and last.start > 0
    return last if ends and (last.level or not last.province.needs_level) else None


@lru_cache(maxsize=8192)
def strip_trailing(text: str) -> tuple[str, Province | None]:
    """``text`` without its trailing province ("Sở Nội vụ tỉnh Nghệ An" -> "Sở Nội vụ")."""
    m = trailing(text)
    if m is None:
        return text, None
    return _first_words(text, m.start), m.province


def _first_words(text: str, n: int) -> str:
    """The beginning of ``text`` that holds its first ``n`` folded words."""
    count = 0
    for match in re.finditer(r"[^\W_]+", text):
        count += len(words(match.group(0)))
        if count >= n:
            return text[: match.end()].rstrip(" ,-–")
    return text


def province_name(key: str | None) -> str:
    """A stored province key's display name ("nghe an" -> "Nghệ An"); "" for none."""
    found = province(key)
    return found.name if found is not None else (key or "")


def folded_names() -> tuple[str, ...]:
    """Each province's folded name (as ``knowledge.retrieval.analyzer.syllables`` gives)."""
    return tuple(" ".join(words(p.name)) for p in PROVINCES)


def folded_aliases() -> dict[str, str]:
    """Folded alias -> folded name of its province ("tp hcm" -> "ho chi minh")."""
    out: dict[str, str] = {}
    for p in PROVINCES:
        name = " ".join(words(p.name))
        for alias in p.aliases:
            for form in (" ".join(words(alias)), "".join(words(alias))):
                if form != name:
                    out.setdefault(form, name)
    return out
