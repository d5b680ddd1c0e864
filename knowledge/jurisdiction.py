"""Which jurisdiction a plan and its units belong to.

"Sở Nội vụ" in a Nghệ An plan and in a Hà Tĩnh plan are two offices; "Bộ Tài chính" is
one, wherever it is named. A plan's jurisdiction comes from its metadata (issuer, số
hiệu, the place-date line); a unit belongs to the province its own name qualifies it
with ("Công an tỉnh Hà Tĩnh"), else to the nation when it is a national body
(ministries, the Government and its office, national corporations, "… Việt Nam"), else
to its plan's province. Provinces are stored by key (``knowledge.provinces``); ""
(``NATIONAL``) is a national unit or one whose province no plan says.

``identity_key`` is a unit's identity within its jurisdiction: the unit key
(``knowledge.units.unit_key``: case, diacritics, punctuation, "và", abbreviations)
without the place qualifier ("Sở Nội vụ tỉnh Nghệ An" in Nghệ An is "Sở Nội vụ") and,
inside a province, without the level word that only repeats it ("Công an tỉnh" is the
province's police, "Ban Quản lý … tỉnh" its board).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from knowledge import provinces
from knowledge.plan.model import DocumentMeta
from knowledge.provinces import NATIONAL, Province
from knowledge.units import UnitName, builtin_canonical, canonical_unit, unit_key
from knowledge.vietnamese import fold


class Level(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Jurisdiction:
    level: Level
    province: str = NATIONAL  # the province's key for Level.PROVINCE

    @property
    def unit_province(self) -> str:
        """The province a plain unit of this plan belongs to ("" outside a province)."""
        return self.province if self.level == Level.PROVINCE else NATIONAL


UNKNOWN = Jurisdiction(Level.UNKNOWN)
NATIONWIDE = Jurisdiction(Level.NATIONAL)

# --- National bodies ---------------------------------------------------------------

# Folded heads of national bodies (after a leading "các"): the Government, its
# office and members, the ministries ("Bộ …" but not "Bộ Chỉ huy Quân sự tỉnh"),
# national agencies and corporations. "thu truong" is left out: "Thủ trưởng các sở"
# (agency heads, local) and "Thứ trưởng" (vice-minister) fold alike.
_NATIONAL_HEAD = re.compile(
    r"^(?:cac |nhung )?(?:"
    r"bo(?! chi huy| chqs| doi)\b|chinh phu|thu tuong|pho thu tuong|van phong chinh phu|"
    r"quoc hoi|van phong quoc hoi|uy ban thuong vu quoc hoi|chu tich nuoc|"
    r"van phong chu tich nuoc|bo chinh tri|ban bi thu|trung uong|van phong trung uong|"
    r"uy ban dan toc|thanh tra chinh phu|tong thanh tra chinh phu|kiem toan nha nuoc|"
    r"toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|tap doan|tong cong ty|"
    r"co quan ngang bo|co quan thuoc chinh phu|co quan truc thuoc chinh phu|vu"
    r")\b"
)
# "… Việt Nam", "… Trung ương", "… Chính phủ" at the end: a national body ("Ngân hàng
# Nhà nước Việt Nam", "Ban Cơ yếu Chính phủ"), but "Ủy ban Mặt trận Tổ quốc Việt Nam
# tỉnh" ends in "tỉnh" and stays local.
_NATIONAL_TAIL = re.compile(r"\b(?:viet nam|trung uong|chinh phu|toan quoc)$")


def is_national_body(name: str) -> bool:
    folded = " ".join(re.findall(r"[a-z0-9]+", fold(name)))
    return bool(_NATIONAL_HEAD.match(folded) or _NATIONAL_TAIL.search(folded))


# --- A plan's jurisdiction ---------------------------------------------------------

# Issuer codes in a số hiệu ("2623/QĐ-TTg") that only national bodies use.
_NATIONAL_CODES = frozenset({"ttg", "cp", "vpcp", "qh", "ubtvqh", "nhnn", "ttcp", "ktnn"})


@lru_cache(maxsize=1)
def _ministry_codes() -> frozenset[str]:
    """ "bnv", "btc", "bvhttdl" …: "B" and the syllable initials of each ministry's field."""
    from knowledge.units import builtin_kinds

    codes = set()
    for name in builtin_kinds():
        words = re.findall(r"[a-z0-9]+", fold(name))
        if words[:1] == ["bo"] and len(words) > 1:
            codes.add("b" + "".join(w[0] for w in words[1:]))
    return frozenset(codes)


def _number_level(number: str | None) -> Level | None:
    """National when the số hiệu's issuer code is a national body's ("QĐ-TTg", "QĐ-BNV")."""
    if not number or "-" not in number:
        return None
    code = re.sub(r"[^a-z0-9]", "", fold(number.rsplit("-", 1)[1]))
    if code in _NATIONAL_CODES or code in _ministry_codes():
        return Level.NATIONAL
    return None


def _named_province(text: str | None) -> Province | None:
    """The one province ``text`` names ("Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An")."""
    if not text:
        return None
    found = {m.province.key: m.province for m in provinces.mentions(text)}
    return next(iter(found.values())) if len(found) == 1 else None


def plan_jurisdiction(
    meta: DocumentMeta, fallback: str | None = None, body: str = ""
) -> Jurisdiction:
    """The issuer's jurisdiction: a province named by the issuer; national for the
    Government, the Prime Minister and the ministries (by issuer or số hiệu); else the
    province of the place-date line ("Nghệ An, ngày …") or of the title ("… tỉnh X …");
    else the province the ``body`` speaks of ("tỉnh X", again and again: a slide deck
    or an extract without its header).

    ``fallback`` (a province key, the home province setting) is used when nothing
    says; without it such a plan's jurisdiction is unknown."""
    own = _named_province(meta.issuer)
    if own is not None:
        return Jurisdiction(Level.PROVINCE, own.key)
    if (meta.issuer and is_national_body(meta.issuer)) or _number_level(meta.number):
        return NATIONWIDE
    for text in (meta.place, _title_place(meta.title)):
        found = _named_province(text)
        if found is not None:
            return Jurisdiction(Level.PROVINCE, found.key)
    spoken = _spoken_province(body)
    if spoken is not None:
        return Jurisdiction(Level.PROVINCE, spoken.key)
    if fallback:
        return Jurisdiction(Level.PROVINCE, fallback)
    return UNKNOWN


# A text "speaks of" a province it names with its level word this often, and far more
# than any other: one mention is a neighbour or a comparison, not the plan's own place.
MIN_SPOKEN = 3
SPOKEN_SHARE = 2 / 3


def _spoken_province(body: str) -> Province | None:
    counts = Counter(m.province.key for m in provinces.mentions(body) if m.level)
    if not counts:
        return None
    key, n = counts.most_common(1)[0]
    if n < MIN_SPOKEN or n < SPOKEN_SHARE * sum(counts.values()):
        return None
    return provinces.province(key)


def _title_place(title: str) -> str | None:
    """The places a title names after a level word ("… của tỉnh Nghệ An năm 2026")."""
    places = [m for m in provinces.mentions(title or "") if m.level]
    return places[0].province.name if places else None


# --- A unit's place --------------------------------------------------------------


@dataclass(frozen=True)
class PlacedUnit:
    """A unit as stored: display name, kind, parent, province key and identity key."""

    name: str
    kind: str
    province: str
    key: str
    parent: PlacedUnit | None = None


def place_unit(raw: str, owner: str | None, plan: Jurisdiction) -> PlacedUnit:
    """The unit ``raw`` names in a plan of ``plan``'s jurisdiction issued by ``owner``."""
    info = canonical_unit(raw, owner)
    return _place(info, plan, owner)


def _place(info: UnitName, plan: Jurisdiction, owner: str | None) -> PlacedUnit:
    name, qualified = provinces.strip_trailing(info.name)
    whole = provinces.province(info.name)
    if whole is not None and provinces.mentions(info.name)[0].level:
        # "Thành phố Hồ Chí Minh", "tỉnh Quảng Ninh": the province itself
        return PlacedUnit(info.name, info.kind, whole.key, identity_key(info.name, whole.key))
    if qualified is not None and name:
        province = qualified.key
        display = _provincial_canonical(name, province) or info.name
    else:
        province = NATIONAL if is_national_body(info.name) else plan.unit_province
        display = (_provincial_canonical(info.name, province) if province else None) or info.name
    parent = None
    if info.parent:
        parent = place_unit(info.parent, None, plan)
        province = parent.province
    key = identity_key(display, province, parent.key if parent else None)
    return PlacedUnit(display, info.kind, province, key, parent)


def home_short_forms(unit: PlacedUnit) -> list[str]:
    """What a unit named with its own province ("Thuế tỉnh Đắk Lắk") is called at home:
    "Thuế tỉnh" (with its level word: "Thuế" or "Ủy ban nhân dân" alone names nobody)."""
    base, place = provinces.strip_trailing(unit.name)
    if place is None or place.key != unit.province or not base or base == unit.name:
        return []
    if fold(base).startswith(_OWN_GOVERNMENT):
        return []  # "UBND thành phố" is every city's own: the question names which
    level = "thành phố" if place.city else "tỉnh"
    return [base if base.endswith((" tỉnh", " thành phố")) else f"{base} {level}"]


_OWN_GOVERNMENT = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "tinh uy", "thanh uy")


# The level word that ends a provincial unit's key only repeats its province:
# "tỉnh" in a province, "tỉnh" or "thành phố" in a centrally-run city.
_PROVINCE_TAIL = re.compile(r"(?: cap)? tinh$")
_CITY_TAIL = re.compile(r"(?: cap)? (?:tinh|thanh pho)$")


@lru_cache(maxsize=65536)
def identity_key(name: str, province: str, parent_key: str | None = None) -> str:
    """A unit's identity within ``province`` (see the module doc)."""
    if not province:
        key = unit_key(builtin_canonical(name) or name)
    else:
        base = provinces.strip_trailing(name)[0] or name
        key = unit_key(_provincial_canonical(base, province) or base)
        place = provinces.province(province)
        tail = _CITY_TAIL if place is not None and place.city else _PROVINCE_TAIL
        key = tail.sub("", key) or key
    return f"{key} @ {parent_key}" if parent_key else key


def _provincial_canonical(name: str, province: str) -> str | None:
    """The built-in name a provincial unit's name stands for, with or without the level
    word: in a province "Ủy ban Mặt trận Tổ quốc" is its "… tỉnh", "Công an" its
    "Công an tỉnh" (a centrally-run city's level word is "thành phố")."""
    known = builtin_canonical(name)
    if known is not None:
        return known
    place = provinces.province(province)
    level = place.level if place is not None else "tỉnh"
    return builtin_canonical(f"{name} {level}")


def unit_label(name: str, province: str) -> str:
    """A unit's name with its province when the name does not say it: "Sở Nội vụ tỉnh
    Nghệ An", "Công an tỉnh Hà Tĩnh", "UBND thành phố Hà Nội"."""
    place = provinces.province(province)
    if place is None or provinces.trailing(name) is not None:
        return name
    if fold(name).endswith(" " + fold(place.level)):
        return f"{name} {place.name}"
    return f"{name} {place.label()}"
