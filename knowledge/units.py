"""Unit names: split cells, fold spelling variants, tell groups and people from units.

A unit cell in a plan holds one or several organizations written many ways:
"Văn phòng Tỉnh ủy; Sở Thông tin - Truyền thông", "- Văn phòng UBND tỉnh - Sở Nội
vụ", "Văn phòng UBND tỉnh, Sở KH&CN". Separators (";", ",", " - ", " và ", line
breaks) also occur *inside* names ("Sở Thông tin - Truyền thông", "Phòng Hành chính -
Quản trị", "Sở Văn hóa, Thể thao và Du lịch") and inside group phrases ("Các sở, ban,
ngành"), so a separator only splits where a new organization starts.

Identity: ``unit_key`` folds a name to the key that tells units apart. It ignores
case, diacritics, tone placement ("uỷ"/"ủy"), punctuation, "và", the plural "các" and the
built-in abbreviations ("Sở TT&TT" = "Sở Thông tin - Truyền thông" = "Sở Thông tin và
Truyền thông"). It uses only the built-in abbreviation table, so admin additions to
``knowledge.abbreviations`` never change stored keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from knowledge.abbreviations import AbbreviationTable, _builtin_table
from knowledge.vietnamese import classic_tones, correct_tokens, fold, fold_aligned, nfc, squash


@dataclass(frozen=True)
class UnitName:
    name: str  # canonical display name, e.g. "Sở Thông tin và Truyền thông"
    kind: str = "unit"  # "unit" | "group" | "person"
    parent: str | None = None  # "Văn phòng UBND tỉnh" for its "Phòng Hành chính - Quản trị"
    title: str | None = None  # a person's positions: "Phó Chủ tịch Thường trực UBND tỉnh"

    @property
    def key(self) -> str:
        """Identity across documents: the folded name, plus the parent's for internal
        units (two offices may each have a "Phòng Hành chính - Quản trị")."""
        own = unit_key(self.name)
        return f"{own} @ {unit_key(self.parent)}" if self.parent else own


# --- Built-in canonical names and their spellings --------------------------------

# Fields that have both a provincial department (Sở) and a ministry (Bộ), with the
# abbreviations officials use (initials too: "Sở TC", "Sở XD" on a phone). Spellings that only differ by "và"/"-"/"&" or by an
# abbreviation already share a unit_key; the lists add the rest.
# (field, its abbreviations, compact department forms like "SNV").
_FIELDS: list[tuple[str, list[str], list[str]]] = [
    ("Nội vụ", ["NV"], ["SNV"]),
    ("Tư pháp", ["TP"], ["STP"]),
    ("Tài chính", ["TC"], ["STC"]),
    ("Kế hoạch và Đầu tư", ["KH&ĐT", "KHĐT"], ["SKHĐT"]),
    ("Khoa học và Công nghệ", ["KH&CN", "KHCN"], ["SKHCN"]),
    ("Thông tin và Truyền thông", ["TT&TT", "TTTT"], ["STTTT"]),
    ("Tài nguyên và Môi trường", ["TN&MT", "TNMT"], ["STNMT"]),
    ("Nông nghiệp và Phát triển nông thôn", ["NN&PTNT", "NNPTNT"], ["SNNPTNT"]),
    ("Nông nghiệp và Môi trường", ["NN&MT", "NNMT"], ["SNNMT"]),
    ("Giáo dục và Đào tạo", ["GD&ĐT", "GDĐT"], ["SGDĐT"]),
    ("Lao động - Thương binh và Xã hội", ["LĐ-TB&XH", "LĐTBXH"], ["SLĐTBXH"]),
    ("Văn hóa, Thể thao và Du lịch", ["VH,TT&DL", "VHTTDL"], ["SVHTTDL"]),
    ("Văn hóa và Thể thao", [], []),
    ("Giao thông vận tải", ["GTVT"], ["SGTVT"]),
    ("Y tế", ["YT"], ["SYT"]),
    ("Xây dựng", ["XD"], ["SXD"]),
    ("Công Thương", ["CT"], ["SCT"]),
    ("Du lịch", [], []),
    ("Ngoại vụ", [], []),
    ("Dân tộc và Tôn giáo", [], []),
]
_MINISTRY_ONLY = ["Công an", "Quốc phòng", "Ngoại giao"]
# Ministries' compact forms as officials write them ("BCA phối hợp …"). Left out where
# the letters name another body too: "BTC" (Ban Tổ chức), "BCT" (Bộ Chính trị).
_MINISTRY_COMPACT = {
    "Công an": "BCA", "Quốc phòng": "BQP", "Ngoại giao": "BNG", "Nội vụ": "BNV",
    "Tư pháp": "BTP", "Khoa học và Công nghệ": "BKHCN", "Giáo dục và Đào tạo": "BGDĐT",
    "Y tế": "BYT", "Xây dựng": "BXD", "Nông nghiệp và Môi trường": "BNNMT",
    "Tài nguyên và Môi trường": "BTNMT", "Kế hoạch và Đầu tư": "BKHĐT",
    "Văn hóa, Thể thao và Du lịch": "BVHTTDL", "Giao thông vận tải": "BGTVT",
}  # fmt: skip

_UNITS: dict[str, list[str]] = {
    "UBND tỉnh": ["Ủy ban nhân dân tỉnh"],
    "HĐND tỉnh": ["Hội đồng nhân dân tỉnh"],
    "Thường trực HĐND tỉnh": [],
    "Văn phòng UBND tỉnh": [
        "Văn phòng Ủy ban nhân dân tỉnh",
        "VP UBND tỉnh",
        "VPUB",
        "VPUBND",
        "Văn phòng UBND",
    ],
    "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh": [
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "Văn phòng Đoàn đại biểu Quốc hội và HĐND",
        "Văn phòng Đoàn ĐBQH và HĐND",
    ],
    "Tỉnh ủy": ["Tỉnh uỷ"],
    "Văn phòng Tỉnh ủy": [],
    "Ban Thường vụ Tỉnh ủy": ["BTV Tỉnh ủy"],
    "Ban Tổ chức Tỉnh ủy": [],
    "Ủy ban Kiểm tra Tỉnh ủy": ["UBKT Tỉnh ủy"],
    "Ban Tuyên giáo Tỉnh ủy": [],
    "Ban Dân vận Tỉnh ủy": [],
    "Ban Nội chính Tỉnh ủy": [],
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": [
        "Mặt trận Tổ quốc tỉnh",
        "MTTQ Việt Nam tỉnh",
        "UBMTTQ tỉnh",
        "UB MTTQ tỉnh",
        "Mặt trận Tổ quốc Việt Nam tỉnh",
    ],
    "Công an tỉnh": ["CA tỉnh"],
    "Bộ Chỉ huy Quân sự tỉnh": ["BCHQS tỉnh", "Bộ CHQS tỉnh", "BCH QS tỉnh"],
    "Thanh tra tỉnh": [],
    "Kho bạc Nhà nước tỉnh": [],
    "Cục Thuế tỉnh": [],
    "Ban Dân tộc tỉnh": [],
    "Đài Phát thanh và Truyền hình tỉnh": [],
    "Đài Khí tượng Thủy văn tỉnh": ["Đài KTTV tỉnh"],
    "Trung tâm Phục vụ hành chính công": [
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Trung tâm PVHCC",
        "TTPVHCC",
        "Trung tâm PVHCC tỉnh",
    ],
    "Cổng thông tin điện tử": ["Cổng TTĐT", "Cổng thông tin điện tử tỉnh", "Cổng TTĐT tỉnh"],
    "Phòng Hành chính - Quản trị": [
        "Phòng HC-QT",
        "Phòng HCQT",
        "Phòng Hành chính Quản trị",
        "Phòng Hành chính-Quản trị",
        "Phòng Hành chính và Quản trị",
    ],
    "Phòng Kế hoạch - Tài chính": ["Phòng KH-TC", "Phòng KHTC", "Phòng Kế hoạch- Tài chính"],
    "Văn phòng Sở": [],
    "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch": [
        "Trung tâm xúc tiến Đầu tư, TM, DL",
        "Trung tâm XTĐT, TM và DL",
    ],
    "Liên đoàn Thương mại và Công nghiệp Việt Nam": [
        "Liên đoàn thương mại công nghiệp Việt Nam VCCI",
        "VCCI",
    ],
    "Chính phủ": [],
    "Văn phòng Chính phủ": ["VPCP"],
    "Quốc hội": [],
    "Văn phòng Quốc hội": [],
    "Văn phòng Trung ương Đảng": [],
    "Bộ Chính trị": [],
    "Thủ tướng Chính phủ": [],
    "Đài Truyền hình Việt Nam": [],
    "Đài Tiếng nói Việt Nam": [],
    "Thông tấn xã Việt Nam": [],
    "Ngân hàng Nhà nước Việt Nam": [],
    # State groups: known by their trade names, which their initials do not spell.
    "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam": [
        "PVN",
        "Tập đoàn PVN",
        "Petrovietnam",
        "Tập đoàn Dầu khí Việt Nam",
        "Tập đoàn Dầu khí Quốc gia Việt Nam",
    ],
    "Tập đoàn Điện lực Việt Nam": ["EVN", "Tập đoàn EVN"],
    # Bare "VNPT", "Viettel" name their products too ("phần mềm VNPT - Ioffice").
    "Tập đoàn Bưu chính Viễn thông Việt Nam": ["Tập đoàn VNPT"],
    "Tập đoàn Công nghiệp - Viễn thông Quân đội": ["Tập đoàn Viettel"],
    "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam": ["TKV", "Vinacomin", "Tập đoàn TKV"],
}


def _commune_lists() -> list[str]:
    """ "UBND (các) xã, phường, đặc khu" in any order: since the 2025 reform every one of
    them is a commune-level People's Committee, however a plan lists the kinds."""
    from itertools import permutations

    kinds = ("xã", "phường", "thị trấn", "đặc khu")
    names: list[str] = []
    for size in (2, 3):
        for combo in permutations(kinds, size):
            if "xã" in combo or "phường" in combo:
                listed = ", ".join(combo)
                names += [f"UBND {listed}", f"UBND các {listed}"]
    return names


_GROUPS: dict[str, list[str]] = {
    "Các sở, ban, ngành": ["Các sở, ban ngành", "Sở, ban, ngành", "Các sở ban ngành"],
    "Các sở, ban, ngành cấp tỉnh": ["Sở, ban, ngành cấp tỉnh", "Các sở, ban ngành cấp tỉnh"],
    "Các sở, ngành": ["Sở, ngành", "Các sở ngành"],
    "Các sở, ngành có liên quan": ["Các sở, ngành liên quan", "Sở, ngành liên quan"],
    "Các sở, ban, ngành có liên quan": ["Các sở, ban, ngành liên quan"],
    "Các bộ, ngành": ["Bộ, ngành"],
    "Các bộ, ngành, địa phương": ["Bộ, ngành, địa phương"],
    "UBND cấp xã": ["Ủy ban nhân dân cấp xã", "UBND các phường xã", *_commune_lists()],
    "UBND cấp huyện": [
        "UBND các huyện, thành, thị",
        "UBND các huyện, thành phố, thị xã",
        "UBND huyện, thành, thị",
    ],
    "Các huyện, thành phố, thị xã": ["Các huyện, thành, thị", "Huyện, thành, thị"],
    "Các cơ quan, đơn vị, địa phương": ["Cơ quan, đơn vị, địa phương"],
    "Các cơ quan, đơn vị liên quan": ["Cơ quan, đơn vị liên quan"],
    "Các cơ quan liên quan": ["Cơ quan liên quan"],
    "Các đơn vị liên quan": ["Đơn vị liên quan"],
    "Các phòng, ban, đơn vị": [],
    "Các phòng, ban, đơn vị liên quan": [],
    "Các phòng, đơn vị liên quan": [],
    "Các cơ quan Trung ương và địa phương": ["Các cơ quan trung ương, địa phương"],
    # A national plan's "UBND các tỉnh, thành phố (trực thuộc Trung ương)": every
    # province's People's Committee, however much of the name a plan or a question writes.
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương": [
        "UBND các tỉnh, thành phố",
        "Ủy ban nhân dân các tỉnh, thành phố",
        "UBND các tỉnh, thành phố trực thuộc TW",
        "UBND các tỉnh, thành phố TW",
        "UBND các tỉnh, thành",  # "các tỉnh, thành": provinces and cities, said short
        "Ủy ban nhân dân các tỉnh, thành",
        "UBND tỉnh, thành phố trực thuộc Trung ương",
    ],
}


def _builtin_units() -> dict[str, list[str]]:
    units: dict[str, list[str]] = {}
    for field_name, abbrevs, compact in _FIELDS:
        # "SNN&MT", "SKH&CN": a chat's compact form keeps the ampersand
        joined = [f"S{a}" for a in abbrevs if "&" in a]
        units[f"Sở {field_name}"] = [f"Sở {a}" for a in abbrevs] + compact + joined
        units[f"Bộ {field_name}"] = [f"Bộ {a}" for a in abbrevs]
        if " và " in field_name:  # "Sở Thông tin - Truyền thông", "Sở Thông tin-Truyền thông"
            for joint in (" - ", "-", " "):
                units[f"Sở {field_name}"].append(f"Sở {field_name.replace(' và ', joint)}")
    for field_name in _MINISTRY_ONLY:
        units[f"Bộ {field_name}"] = []
    units["Bộ Thông tin và Truyền thông"].append("BTTTT")
    for field_name, compact_form in _MINISTRY_COMPACT.items():
        units[f"Bộ {field_name}"].append(compact_form)
    units.update(_UNITS)
    return units


# --- Keys --------------------------------------------------------------------------

_KEY_TABLE: AbbreviationTable = _builtin_table()  # frozen: keys must stay stable
_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_EDGE_JUNK = re.compile(r"^[\s\-–+•*·>:.,;]+|[\s\-–+•*·:.,;]+$")
_KEY_PUNCT = re.compile(r"[^\w\s]|_")


def _clean(raw: str) -> str:
    """Strip bullets, notes like "(b/c)", markdown bold and edge punctuation."""
    text = nfc(raw).replace("**", " ").replace("\u00a0", " ")
    text = _NOTE.sub(" ", text)
    text = squash(text)
    return _EDGE_JUNK.sub("", text).strip()


@lru_cache(maxsize=65536)
def unit_key(name: str) -> str:
    """The folded key used for unit and alias lookups: "Sở TT&TT" and "Sở Thông tin -
    Truyền thông" both give "so thong tin truyen thong"; "Các sở, ban ngành" gives
    "so ban nganh"."""
    return " ".join(_key_words(_clean(name)))


def _key_words(text: str) -> list[str]:
    expanded = _KEY_TABLE.expand(text, keep_short=False)
    # "và" and the plural "các" never tell two units apart ("Ban Quản lý các Khu công
    # nghiệp" is "Ban Quản lý Khu công nghiệp"; "UBND các phường, xã" is "UBND phường, xã").
    words = [w for w in _KEY_PUNCT.sub(" ", expanded).split() if w not in {"va", "cac"}]
    while words and words[0] == "nhung":
        words = words[1:]
    if len(words) > 1 and words[0] == words[1]:  # "Sở Sở Khoa học và Công nghệ"
        words = words[1:]
    joined = " ".join(words).replace("co lien quan", "lien quan")
    return joined.split()


# --- Canonical names -------------------------------------------------------------


@dataclass(frozen=True)
class _Canon:
    name: str
    kind: str


_extra_aliases: dict[str, _Canon] = {}


@lru_cache(maxsize=1)
def _builtin_index() -> dict[str, _Canon]:
    index: dict[str, _Canon] = {}
    for kind, table in (("unit", _builtin_units()), ("group", _GROUPS)):
        for canonical, aliases in table.items():
            for spelling in (canonical, *aliases):
                index.setdefault(unit_key(spelling), _Canon(canonical, kind))
    return index


def _lookup(key: str) -> _Canon | None:
    return _extra_aliases.get(key) or _builtin_index().get(key)


def builtin_canonical(name: str) -> str | None:
    """The canonical name of a known spelling ("Ủy ban nhân dân tỉnh" -> "UBND tỉnh")."""
    known = _lookup(unit_key(name))
    return known.name if known is not None else None


def register_alias(alias: str, canonical: str, kind: str = "unit") -> None:
    """Make ``alias`` fold to ``canonical`` in this process (e.g. admin aliases read
    from the database at start-up)."""
    _extra_aliases[unit_key(alias)] = _Canon(nfc(canonical).strip(), kind)
    _extra_aliases.setdefault(unit_key(canonical), _Canon(nfc(canonical).strip(), kind))
    canonical_unit.cache_clear()  # its answers may change now
    _normalized.cache_clear()


@lru_cache(maxsize=2)
def builtin_aliases(by_unit_key: bool = False) -> dict[str, list[str]]:
    """Canonical name -> alias spellings of the built-in units and groups.

    By default the spellings are distinct by their plain folded form (``fold``, as
    the alias table's unique ``folded`` column holds it): "Sở TT&TT", "Sở Thông tin -
    Truyền thông" and "Sở Thông tin Truyền thông" are all listed for "Sở Thông tin và
    Truyền thông", so a plain folded lookup finds each. With ``by_unit_key`` only
    spellings whose ``unit_key`` differs are kept (for a table keyed by ``unit_key``,
    where "Sở TT&TT" already has the canonical name's key)."""
    result: dict[str, list[str]] = {}
    for table in (_builtin_units(), _GROUPS):
        for canonical, aliases in table.items():
            key_of = unit_key if by_unit_key else _plain_key
            seen = {key_of(canonical)}
            kept: list[str] = []
            for alias in aliases:
                key = key_of(alias)
                if key not in seen:
                    seen.add(key)
                    kept.append(alias)
            result[canonical] = kept
    return result


def _plain_key(name: str) -> str:
    return fold(name).strip(" .;,:")


def builtin_kinds() -> dict[str, str]:
    """Canonical name -> "unit" or "group" for the built-in names."""
    kinds = dict.fromkeys(_builtin_units(), "unit")
    kinds.update(dict.fromkeys(_GROUPS, "group"))
    return kinds


# --- Classification --------------------------------------------------------------

_PERSON_START = re.compile(r"^(?:đ/\s?c|d/\s?c|đc|đồng chí|các đồng chí)(?![^\W_])\.?\s*", re.I)
_PERSON_TITLES = (
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "bi thu",
    "pho bi thu",
    "truong ban",
    "pho truong ban",
    "chanh van phong",
    "pho chanh van phong",
    "thu truong",
    "uy vien",
    "lanh dao",
    "truong phong",
    "pho truong phong",
    "truong cac",
)
# Nouns that name a kind of body. A list of them ("sở, ban, ngành", "huyện, thành,
# thị") is a group; the first set may also be followed by a lowercase qualifier
# ("Cơ quan liên quan", "đơn vị sự nghiệp") and still be a group.
_GROUP_NOUNS = (
    "ban nganh",
    "so nganh",
    "nganh so",
    "don vi",
    "co quan",
    "dia phuong",
    "to chuc",
    "doanh nghiep",
    "doi tuong",
    "so",
    "nganh",
    "phong",
)
_LIST_NOUNS = (
    "thanh pho",
    "thi xa",
    "thi tran",
    "dac khu",
    "thanh thi",
    "bo",
    "ban",
    "huyen",
    "xa",
    "phuong",
    "thanh",
    "thi",
    "tinh",
)


def _noun_re(nouns: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(nouns, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(g) for g in ordered) + r")(?=$|[\s,])")


_GROUP_NOUN_RE = _noun_re(_GROUP_NOUNS)
_ANY_NOUN_RE = _noun_re(_GROUP_NOUNS + _LIST_NOUNS)
_LOCAL_GOV = re.compile(r"^(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\b\s*(.*)$")
_INTERNAL = (
    "phong ",
    "cac phong",
    "truong cac phong",
    "van phong so",
    "trung tam phuc vu hanh chinh cong",
    "cong thong tin dien tu",
    "cac don vi truc thuoc",
    "don vi truc thuoc",
    "bo phan ",
    "lanh dao van phong",
)


# Titles that stand for the office holder who signs or approves ("Bộ trưởng Bộ Nội vụ"
# in a "Cấp phê duyệt" column), not a unit taking part.
_OFFICE_HOLDERS = tuple(
    f"{t} " for t in (*_PERSON_TITLES, "bo truong", "thu tuong", "pho thu tuong", "thong doc")
)


def is_office_holder(text: str) -> bool:
    return fold(text).lstrip("-+• ").startswith(_OFFICE_HOLDERS)


def _is_person(text: str) -> bool:
    if _PERSON_START.match(text):
        return True
    return fold(text).startswith(tuple(t + " " for t in _PERSON_TITLES))


def _generic_head(folded: str) -> str | None:
    m = _ANY_NOUN_RE.match(folded)
    return m.group(0) if m else None


def is_bare_noun(text: str) -> bool:
    """Only a collective noun ("Cơ quan", "Đơn vị", "các sở, ngành"): it names no one unit."""
    f = fold(text).strip(" ,;.")
    head = _generic_head(f)
    return head is not None and head.strip() == f


def _is_group(text: str) -> bool:
    f = fold(text)
    if f.startswith(("cac ", "nhung ", "moi ", "toan bo ", "tat ca ", "thanh vien ")):
        return True
    local = _LOCAL_GOV.match(f)
    if local:
        words = text.split()
        rest = words[4:] if f.startswith(("uy ban", "hoi dong")) else words[1:]
        if not rest or any(w[:1].isupper() for w in rest):
            return False  # "UBND thành phố Hà Nội", "UBND Tỉnh"
        return fold(" ".join(rest)) not in {"tinh", "thanh pho"}
    head = _generic_head(f)
    if head is None:
        return False
    after = text[len(head) :].lstrip()  # cleaned text: fold keeps its length
    if not after or after[0] in ",;":
        return True
    return bool(_GROUP_NOUN_RE.match(f)) and after[0].islower()


def _classify(text: str) -> str:
    if _is_person(text):
        return "person"
    return "group" if _is_group(text) else "unit"


# --- Recognizing a unit name -----------------------------------------------------

# How a unit name starts (folded): the body's kind ("Sở", "Ủy ban", "Trung tâm"),
# a party or mass organization, a position that stands for its holder ("Giám đốc"),
# or a group ("Các sở, ban, ngành", "Thành viên Tổ công tác"). Table cells and
# duty headings are both read with this one list.
_UNIT_STARTS = (
    "so ", "phong ", "van phong", "ban ", "bo ", "cuc ", "chi cuc", "uy ban", "ubnd", "hdnd",
    "hoi dong", "trung tam", "cong an", "quan doi", "bo chi huy", "bo tu lenh", "thanh tra",
    "kiem toan", "toa an", "vien kiem sat", "vien ", "benh vien", "truong ", "bao ", "dai ",
    "cong thong tin", "kho bac", "ngan hang", "bao hiem", "chi nhanh", "tap doan",
    "tong cong ty", "cong ty", "doanh nghiep", "co quan", "don vi", "dia phuong", "thanh pho",
    "dang uy", "tinh uy", "thanh uy", "huyen uy", "tinh doan", "thanh doan", "doan ",
    "lien doan", "hoi ", "mat tran", "mttq", "to cong tac", "to giup viec", "bch", "bcd",
    "thanh vien", "lanh dao", "nguoi dung dau", "thu truong", "giam doc", "chu tich",
    "pho chu tich", "d/c", "dong chi", "de nghi", "toan the", "thuong truc tinh uy",
    "thuong truc thanh uy", "thuong truc huyen uy", "thuong truc dang uy", "thuong truc hdnd",
    "thuong truc hoi dong", "thuong truc ubnd", "thuong truc uy ban", "thuong truc ban ",
    "thong doc", "tu lenh", "chi huy truong", "cuc truong", "tong cuc truong", "vu truong",
    "thu tuong", "pho thu tuong", "bo truong", "tong giam doc", "tong bien tap", "tong cuc",
    "chanh van phong", "chanh an", "truong ban", "bi thu", "chinh phu", "thong tan xa",
    "cac so", "cac ban", "cac bo", "cac phong", "cac co quan", "cac don vi",
    "cac doanh nghiep", "cac huyen", "cac xa", "cac dia phuong", "cac nganh", "cac tinh",
    "cac thanh vien", "cac dong chi", "cac co so", "cac to chuc", "cac cap", "cac hoi",
    "cac doan", "lien minh", "hiep hoi", "lien hiep", "hoc vien", "dai hoc", "cac hiep hoi",
    "cac vien", "cac truong", "cac dai hoc", "cac hoc vien", "tong thanh tra",
    # the tax and customs offices as renamed in 2025 ("Thuế tỉnh Đắk Lắk", "Thuế cơ sở 3",
    # "Hải quan khu vực XIV"); a bare "Thuế …" is a topic ("Thuế thu nhập …")
    "thue tinh ", "thue thanh pho ", "thue co so", "hai quan khu vuc", "cac thue co so",
    # forestry and farm bodies a plan gives work to ("Hạt Kiểm lâm khu vực", "Các chủ rừng")
    "hat kiem lam", "cac hat kiem lam", "kiem lam ", "chu rung", "cac chu rung",
    "hop tac xa", "cac hop tac xa",
    # public institutions of culture ("Thư viện tỉnh", "Bảo tàng tỉnh")
    "thu vien ", "bao tang ",
    # funds ("Quỹ Hỗ trợ phát triển hợp tác xã"); a bare "Quỹ"/"Quý" is no unit
    "quy ho tro", "quy phat trien", "quy dau tu", "quy bao ve", "quy bao tri",
)  # fmt: skip
# Words that start like a unit but are not one: "Ban hành …", "Bản đồ", "Bộ tiêu
# chí", "Số hóa", "Báo cáo …" (a product), "Phòng chống …".
_NOT_UNIT_STARTS = (
    "ban hanh", "ban do", "ban sao", "ban tin",
    "bo tieu chi", "bo chi so", "bo du lieu", "bo cong cu", "bo thu tuc", "bo mau", "bo may",
    "bao cao", "bao dam", "bao ve", "bao tri",
    "so hoa", "so lieu", "so luong", "so tay", "so sanh", "so ket",
    "phong chong", "phong ngua",
    "vien chuc",
    "doan kiem tra", "doan cong tac",
    "lanh dao, chi dao", "lanh dao chi dao",
    "truong hop", "hoi nghi", "hoi thao", "hoi thi", "dai hoi", "hoi sach", "hoi cho",
)  # fmt: skip
_NUMBER_PREFIX = re.compile(r"^\d+(\.\d+)*\.?\s+")  # "5.1. Trung tâm …"


_SHORT_FORM = re.compile(r"[A-ZĐ][A-ZĐ&]{1,7}$")  # "SXD", "SNN&MT", "CA"


def _short_form_start(text: str) -> bool:
    """A known short form opens the text: "SXD: kiểm tra …", "CA tỉnh, BCH QS tỉnh"."""
    words = _NUMBER_PREFIX.sub("", nfc(text).lstrip("-+• ").strip()).split()
    if not words or not _SHORT_FORM.match(words[0].strip(",:;.")):
        return False
    return any(
        _lookup(unit_key(" ".join(words[:n]).strip(",:;."))) is not None
        for n in range(1, min(3, len(words)) + 1)
    )


def looks_like_unit(text: str) -> bool:
    """True when cleaned ``text`` names a unit, a group of units or a unit's head.

    A leading bullet or item number is ignored ("- Sở Nội vụ", "5.1. Trung tâm …")."""
    t = fold(text).lstrip("-+• ").strip()
    t = _NUMBER_PREFIX.sub("", t)
    if not t or t.startswith(_NOT_UNIT_STARTS):
        return False
    if t.startswith(_UNIT_STARTS) or _short_form_start(text):
        return True
    if t.startswith(("cac ", "nhung ")):  # "Các sở, ban, ngành", not "Các nhiệm vụ …"
        rest = t.split(" ", 1)[1]
        return rest.startswith(_UNIT_STARTS) or bool(_ANY_NOUN_RE.match(rest))
    return False


# --- Display cleanup -------------------------------------------------------------

_DASH_SPACING = re.compile(r"(?<!\s)\s*+[-–]\s*+(?=([^\W\d_]{2}))")
_ROLE_TAIL = re.compile(
    r"(?<!\s)\s++(?:chủ trì|phối hợp|thực hiện|cho ý kiến|thúc đẩy|tham mưu|theo dõi)\b.*$",
    re.IGNORECASE,
)


def _spaced_dash(m: re.Match[str]) -> str:
    """ "Kế hoạch- Tài chính" -> "Kế hoạch - Tài chính"; "QĐ-UBND" stays."""
    nxt = m.group(1)
    return " - " if nxt[0].isupper() and nxt[1].islower() else m.group(0)


def _display(text: str) -> str:
    text = classic_tones(text)
    text = _DASH_SPACING.sub(_spaced_dash, text)
    text = squash(text)
    return text[:1].upper() + text[1:]


def _person(text: str) -> UnitName:
    """ "Đ/c Lê Hồng Vinh, Phó Chủ tịch UBND tỉnh" -> name "Lê Hồng Vinh" and title;
    strings without a personal name ("Các đồng chí Phó Chủ tịch UBND tỉnh") stay whole."""
    full = _display(re.sub(r"^[dđ]/\s?c\b\.?", "Đ/c", text, flags=re.I)).strip(" ,.;")
    if fold(text).startswith("cac "):
        return UnitName(full, "person")
    body = _PERSON_START.sub("", text).strip(" ,.;")
    name, _, title = body.partition(",")
    words = name.split()
    titled = fold(name).startswith(_PERSON_TITLES + ("thanh vien",))
    if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not titled:
        return UnitName(_display(name), "person", title=_display(title.strip()) or None)
    return UnitName(full, "person")


@lru_cache(maxsize=16384)  # plans repeat their unit names; cleared by ``register_alias``
def canonical_unit(raw: str, owner: str | None = None) -> UnitName:
    """Fold a raw unit name to its canonical form; ``owner`` is the issuing office.

    Known spellings map to one canonical name ("Sở TT&TT" -> "Sở Thông tin và Truyền
    thông"); group phrases get kind "group"; "Đ/c …" strings get kind "person" with
    the name and the positions apart; internal units ("Phòng Hành chính - Quản trị",
    "Các phòng, ban, đơn vị") get ``parent`` = the canonical owner."""
    text = _REPEATED_HEAD.sub(r"\g<head>", _clean(raw))  # "Sở Sở Khoa học …": a typo
    if not text:
        return UnitName(name="")
    if _is_person(text):
        return _person(text)
    known = _lookup(unit_key(text))
    if known is None and not _is_group(text):
        trimmed = _ROLE_TAIL.sub("", text)  # "Sở Nội vụ chủ trì đối với …" -> "Sở Nội vụ"
        if trimmed and trimmed != text:
            text = trimmed
            known = _lookup(unit_key(text))
    if known is not None:
        name, kind = known.name, known.kind
    else:
        name, kind = _display(text), _classify(text)
    return UnitName(name=name, kind=kind, parent=_parent(name, text, owner))


def _parent(name: str, raw: str, owner: str | None) -> str | None:
    """The owner, for the issuing office's own parts. A name qualified by a place
    ("… tỉnh", "Phòng Nội vụ huyện …") belongs to that place, not to the owner."""
    if not owner:
        return None
    owner_unit = canonical_unit(owner)
    folded = fold(name)
    # "Thanh tra Sở", "Văn phòng Sở": a name ending in the office's own kind is its part.
    internal = folded.startswith(_INTERNAL) or folded == "van phong" or folded.endswith(" so")
    # With diacritics: folded "quan" would also hit "Quản trị".
    local = re.search(r"\b(?:tỉnh|thành phố|huyện|xã|phường|quận|thị xã)\b", raw.lower())
    if not internal or local or unit_key(name) == unit_key(owner_unit.name):
        return None
    return owner_unit.name


# --- Splitting -------------------------------------------------------------------

_HEADS = [
    "Sở",
    "Bộ",
    "Ban",
    "Phòng",
    "Văn phòng",
    "VP",
    "VPUB",
    "Trung tâm",
    "UBND",
    "UBMTTQ",
    "MTTQ",
    "Ủy ban",
    "Uỷ ban",
    "HĐND",
    "Hội đồng",
    "Công an",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Vụ",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Huyện ủy",
    "Huyện uỷ",
    "Đảng ủy",
    "Đảng uỷ",
    "Mặt trận",
    "Liên đoàn",
    "Hội",
    "Đoàn",
    "Đài",
    "Báo",
    "Cổng",
    "Trường",
    "Viện",
    "Bệnh viện",
    "Thư viện",
    "Bảo tàng",
    "Kho bạc",
    "Ngân hàng",
    "Liên minh",
    "Hiệp hội",
    "Liên hiệp",
    "Thông tấn xã",
    "Bảo hiểm",
    "Học viện",
    "Thanh tra",
    "Tòa án",
    "Toà án",
    "Cơ quan",
    "Các",
    "Những",
    "Thành viên",
    "Tổ",
    "Đơn vị",
    "Doanh nghiệp",
    "Tập đoàn",
    "Tổng công ty",
    "Công ty",
    "Quỹ",
    "Chi nhánh",
    "Hải quan",
    "Lãnh đạo",
    "Thường trực",
    "Chính phủ",
    "Quốc hội",
    "Thủ tướng",
    "Huyện",
    "Xã",
    "Phường",
    "Thị xã",
    "Thành phố",
    "Đ/c",
    "D/c",
    "Đồng chí",
    "SNV",
    "VCCI",
]
_HEAD_ALT = "|".join(re.escape(h) for h in sorted(_HEADS, key=len, reverse=True))
_HEAD_CASED = re.compile(rf"^(?:{_HEAD_ALT})(?![^\W_])")
_HEAD_ANY = re.compile(rf"^(?:{_HEAD_ALT})(?![^\W_])", re.IGNORECASE)
_REPEATED_HEAD = re.compile(rf"^(?P<head>{_HEAD_ALT})\s+(?P=head)(?![^\W_])", re.IGNORECASE)
# A bullet or a spaced dash starts a new organization only when one follows it.
# ("… Việt Nam - Chi nhánh Khu vực II" is one unit: a branch is named after its bank.)
_DASH_SPLIT = re.compile(rf"(?:^|\s)[-–+•]\s+(?=(?!Chi nhánh)(?:{_HEAD_ALT})(?![^\W_]))")
_PERSON_SPLIT = re.compile(
    r"(?:[,;]\s*+(?:và\s++)?|(?<!\s)\s++và\s++)(?=(?:đ/c|Đ/c|D/c|d/c|đồng chí|Đồng chí)\s)"
)
# Uppercase letters, Vietnamese ones included: a capital starts a proper name.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
# Heads of organizations that can open a second name after "và" ("Bộ Quốc phòng và Bộ
# Công an"). Place words are left out: "… Thương binh và Xã hội" is one name.
_ORG_HEADS = (
    "Sở|Bộ|Ban|Văn phòng|Công an|Cục|Tổng cục|Trung tâm|Đài|Báo|Thông tấn xã|Hội|Hiệp hội|"
    "Liên đoàn|Liên minh|Liên hiệp|Ngân hàng|Kho bạc|Viện|Trường|Tập đoàn|Tổng công ty"
)
# "và" starts a new item before a plural ("và các …"), a local government, a generic
# body noun ("Sở Tài chính và cơ quan, địa phương liên quan") or an organization head
# with its name; known names with "và" inside are protected (``_split_at``).
_AND_SPLIT = re.compile(
    r"(?<!\s)\s++và\s++(?=(?:các|những|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|cơ quan|đơn vị|"
    rf"địa phương|tổ chức)(?![^\W_])|(?:{_ORG_HEADS})\s+[{_UPPER}])"
)


@lru_cache(maxsize=1)
def _protected_re() -> re.Pattern[str]:
    """Folded regex of known names that contain a separator, so splitting skips them."""
    names: set[str] = set()
    for table in (_builtin_units(), _GROUPS):
        for canonical, aliases in table.items():
            names.update(n for n in (canonical, *aliases) if re.search(r"[,\-–]| và ", n))
    # Administrative levels listed together name one group: "UBND tỉnh, thành phố",
    # "Ủy ban nhân dân các phường, xã, đặc khu".
    names.update(
        [
            "chính trị - xã hội",
            "Bà Rịa - Vũng Tàu",
            "tỉnh, thành phố",
            "phường, xã, đặc khu",
            "xã, phường, đặc khu",
            "xã, phường",
            "huyện, thị xã, thành phố",
            "bộ, ngành",
            "sở, ban, ngành",
        ]
    )
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = re.split(r"\s*[-–]\s*|\s*,\s*|\s+", fold(name))
        parts.append(r"\s*[-–,]?\s*".join(re.escape(w) for w in words if w))
    # "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi": one board
    parts.append(r"khu kinh te(?:\s+\w+){0,4}?\s+va\s+cac\s+khu\s+cong\s+nghiep")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _protected_re().finditer(fold_aligned(text))]


def _split_at(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split ``text`` at ``pattern`` matches outside parentheses and protected names."""
    spans = _protected_spans(text)
    depth_at = _paren_depths(text)
    pieces, start = [], 0
    for m in pattern.finditer(text):
        inside = any(a < m.end() and m.start() < b for a, b in spans)
        if inside or depth_at[m.start()] > 0:
            continue
        pieces.append(text[start : m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _paren_depths(text: str) -> list[int]:
    depths, depth = [], 0
    for ch in text:
        if ch in "([":
            depth += 1
        depths.append(depth)
        if ch in ")]" and depth:
            depth -= 1
    depths.append(depth)
    return depths


def _join_lines(cell: str) -> str:
    """Line breaks: a new line starting with a bullet or an organization starts a new
    item; otherwise the line is a wrapped continuation ("Sở Khoa học và" / "Công nghệ")."""
    lines = [ln.strip() for ln in cell.splitlines() if ln.strip()]
    out = ""
    for line in lines:
        if not out:
            out = line
        elif (re.match(r"^[-–+•*]\s", line) or _HEAD_CASED.match(line)) and not re.search(
            r"(?:\bvà|,)$", out
        ):
            out += "; " + line
        else:
            out += " " + line
    return out


_COMMA = re.compile(r",\s*")


def _split_list(part: str) -> list[str]:
    """Commas and "và": a piece that starts a new organization becomes a new item,
    a bare generic noun after a group continues it ("Các sở, ban, ngành"), and any
    other piece continues the previous name ("Trung tâm xúc tiến Đầu tư, TM, DL")."""
    items: list[str] = []
    for chunk in _split_at(part, _AND_SPLIT):
        for n, piece in enumerate(p.strip() for p in _split_at(chunk, _COMMA)):
            if not items or n == 0:  # a chunk after "và các …" starts a new item
                items.append(piece)
                continue
            prev = items[-1]
            # After a group, a generic noun, a bare head or a lowercase name goes on
            # with it: "Các Tập đoàn, Tổng công ty", "Các trường đại học, viện nghiên cứu".
            more = _generic_head(fold(piece)) is not None or bool(_HEAD_ANY.fullmatch(piece))
            lower = piece[:1].islower() and not fold(piece).startswith(("cac ", "nhung "))
            continues_group = (more or lower) and _is_group(prev)
            known = _lookup(unit_key(piece)) is not None  # "STC, SNN&MT": two short forms
            if not continues_group and (_HEAD_ANY.match(piece) or known):
                items.append(piece)
            else:
                items[-1] = f"{prev}, {piece}"
    return items


def split_units(cell: str) -> list[str]:
    """Split a unit cell ("A; B", "- A - B", "A, B và các C") into raw unit names,
    keeping names and group phrases that contain separators whole."""
    text = _join_lines(nfc(cell))
    out: list[str] = []
    for segment in _split_at(text, re.compile(r"(?<!\s)\s*+;\s*+")):
        segment = _clean(segment)
        if not segment:
            continue
        if _is_person(segment):
            out.extend(_split_at(segment, _PERSON_SPLIT))
            continue
        for part in _split_at(segment, _DASH_SPLIT):
            for piece in _split_list(_clean(part)):
                out.extend(_unglue(piece))
    return [c for c in (_clean(p) for p in out) if c]


# "UBND xã, phường, đặc khu Sở Tài chính": a lost separator between a group of
# local bodies and the next organization.
# Blank runs are tried once from their start (``(?<!\s)``): linear on long runs of spaces.
_GLUED = re.compile(r"(?<!\s)\s++(?=(?:Sở|Bộ|UBND|Ủy ban nhân dân|Văn phòng|Công an)\s+[A-ZĐ])")
_GROUP_ENDS = ("dac khu", "lien quan", "thanh pho", " xa", "phuong", "cac nganh", "dia phuong")
# "Sở Tài chính Các sở, ngành": a known name, then a capitalized head of another.
_GLUED_AFTER_KNOWN = re.compile(rf"(?<!\s)\s++(?=(?:{_ORG_HEADS}|UBND|Các)\s)")


def _unglue(name: str) -> list[str]:
    for m in _GLUED.finditer(name):
        left = name[: m.start()]
        if fold(left).endswith(_GROUP_ENDS):
            return [left, *_unglue(name[m.end() :])]
    for m in _GLUED_AFTER_KNOWN.finditer(name):
        left = name[: m.start()]
        if _lookup(unit_key(left)) is not None:
            return [left, *_unglue(name[m.end() :])]
    return [name]


# A unit name runs into the sentence that follows it ("UBND cấp xã thực hiện công bố …",
# "Công an thành phố kịp thời phát hiện …"): cut at the verb. "chỉ đạo" and "tham mưu"
# are left out: they end names ("Ban Chỉ đạo", "Các cơ quan tham mưu").
# Prepositional tails ("… trong việc", "… với các tiêu chuẩn …", "… theo Quyết định số …")
# never continue a name either. Lowercase "chỉ đạo" is a verb except after "Ban"
# ("Sở Nông nghiệp và Môi trường chỉ đạo Chi cục …" but "Ban chỉ đạo CCHC").
_CLAUSE = re.compile(
    r"(?<!\s)\s+(?:thực hiện|kiện toàn|kịp thời|tuyên truyền|chủ trì|có trách nhiệm|chịu trách nhiệm|"
    r"tập trung|khẩn trương|trân trọng|trên cơ sở|khai thác|triển khai|tổ chức thực hiện|"
    r"dành thời gian|kết quả|trong việc|trong công tác|với các|đối với|tại điểm|tại khoản|"
    r"tại mục|theo Quyết định|theo quy định|theo chức năng)(?![^\W_]).*$"
    r"|(?<!\s)(?<![Bb]an)\s+chỉ đạo(?![^\W_]).*$"
    r"|(?<!\s)\s*+\([^()]*$"  # a note opened and never closed: "(có dự án khánh thành, …"
)
# "trực" ends no name but "thường trực": "… thành phố trực" lost its "thuộc trung ương".
_DANGLING = re.compile(r"(?<!\s)(?:\s+(?:và|các|của|để|trong|tại|với|(?<!thường\s)trực))+\s*$")
_NOT_NAMES = re.compile(
    r"^(?:báo cáo|giai đoạn|năm\s+\d|kết quả|văn bản|bộ công cụ)", re.IGNORECASE
)


_RELATIVE_MAX = 12  # syllables of a collective noun and the short clause that defines it


def trim_fragment(part: str) -> str:
    """A unit name without the clause or the dangling words a sentence left on it;
    "" for what is no name at all ("Báo cáo chỉ tiêu", "Các", "Giai đoạn 2026 - 2027")."""
    text = _CLAUSE.sub("", part).strip(" ,;:")
    if text != part and is_bare_noun(text) and len(part.split()) <= _RELATIVE_MAX:
        text = part  # "Đối tượng thực hiện kiểm kê": the clause says which bodies
    text = _DANGLING.sub("", text).strip(" ,;:")
    if _NOT_NAMES.match(text):
        return ""
    if len(text.split()) < 2 and _HEAD_ANY.fullmatch(text) and _lookup(unit_key(text)) is None:
        return ""  # "Sở", "Ban": a head with no name ("SNV" is one: a known spelling)
    return text


# What makes a cleaned part a unit name, after ``trim_fragment``: a known spelling; a
# person or a group; an acronym ("EVN"); a known head with a complete name after it
# (``looks_like_unit``, or a capitalized head and a capitalized name: "Vụ Tổ chức phi
# chính phủ"), or a name qualified by its province ("Thuế Đồng Nai"). A head
# that needs a name and has none ("Tổng công ty", "Cơ quan", "Tỉnh") is no unit; a
# collective noun that names a set on its own ("Doanh nghiệp") is.
_ACRONYM = re.compile(rf"[{_UPPER}][{_UPPER}0-9&]{{1,9}}")
# "Văn phòng" alone is the issuing office's own (``_parent``); "Tỉnh", "Thành phố" in a
# conclusion notice are the province's government it addresses.
_SETS_ALONE = ("doanh nghiep", "dia phuong", "to chuc", "van phong", "tinh", "thanh pho")
_LEVEL_WORDS = ("tinh", "pho")


def _names_a_unit(part: str, unit: UnitName) -> bool:
    if unit.kind == "person" or _lookup(unit_key(part)) is not None:
        return True
    if _ACRONYM.fullmatch(part):
        return True
    folded = fold(part).strip(" ,;.")
    if _HEAD_ANY.fullmatch(part) or is_bare_noun(part):
        # "Công an", "Thanh tra": the province's own office (``knowledge.jurisdiction``).
        return folded in _SETS_ALONE or _lookup(unit_key(f"{part} tỉnh")) is not None
    if unit.kind == "group" or looks_like_unit(part):
        return True
    head = _HEAD_CASED.match(part)  # "Vụ Chính quyền địa phương": a head, then a name
    if head and part[head.end() :].strip()[:1].isupper():
        return True
    from knowledge.provinces import trailing  # leaf module; imported late for start-up

    return trailing(part) is not None and part[:1].isupper()


@lru_cache(maxsize=1)
def _one_word_short() -> dict[str, frozenset[str]]:
    """Known names by their key without its last word ("bo cong" -> Bộ Công an, Bộ Công
    Thương), for names a line break or a sentence cut one word short. Level words are
    left out: "Cục Thuế" is not "Cục Thuế tỉnh" (that is ``knowledge.jurisdiction``'s
    call)."""
    short: dict[str, set[str]] = {}
    for key, canon in _builtin_index().items():
        words = key.split()
        if len(words) > 2 and words[-1] not in _LEVEL_WORDS:
            short.setdefault(" ".join(words[:-1]), set()).add(canon.name)
    return {k: frozenset(v) for k, v in short.items()}


def _complete(part: str) -> str:
    """A name one word short of known names: the one it stands for; "" when it could be
    several ("Bộ Công": Bộ Công an or Bộ Công Thương?)."""
    key = unit_key(part)
    if _lookup(key) is not None or _HEAD_ANY.fullmatch(part):
        return part
    known = _one_word_short().get(key)
    if not known:
        return part
    return next(iter(known)) if len(known) == 1 else ""


def normalize_units(cell: str, owner: str | None = None) -> list[UnitName]:
    """``split_units`` then ``canonical_unit`` on each part, without duplicates."""
    return list(_normalized(cell, owner))


@lru_cache(maxsize=8192)  # a plan's unit cells repeat ("Sở Nội vụ"); cleared by register_alias
def _normalized(cell: str, owner: str | None) -> tuple[UnitName, ...]:
    seen: dict[str, UnitName] = {}
    for raw in split_units(cell):
        part = _complete(trim_fragment(raw))
        if not part:
            continue
        unit = canonical_unit(part, owner)
        if unit.name and _names_a_unit(part, unit):
            seen.setdefault(unit.key, unit)
    return tuple(seen.values())


# --- Finding units in a question -----------------------------------------------


class UnitMatcher:
    """Finds mentions of known unit names (canonical names and aliases) in text,
    ignoring case, diacritics, punctuation and abbreviations, tolerating one typo
    per syllable. Build once per set of names and reuse."""

    def __init__(self, known: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._vocab: set[str] = set()
        seen: set[tuple[str, ...]] = set()
        for name in known:
            words = tuple(_key_words(_clean(name)))
            if not words or words in seen:
                continue  # one result per key: the first spelling given wins
            seen.add(words)
            self._by_first.setdefault(words[0], []).append((words, name))
            self._vocab.update(words)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def find(self, text: str) -> list[str]:
        words = _key_words(nfc(text))
        # Typo tolerance only for longer syllables: "co" must not become "so".
        fixed = correct_tokens([w for w in words if len(w) >= 3], self._vocab)
        lookup = dict(zip([w for w in words if len(w) >= 3], fixed, strict=True))
        words = [lookup.get(w, w) for w in words]
        found: list[str] = []
        i = 0
        while i < len(words):
            match = self._match_at(words, i)
            if match is None:
                i += 1
                continue
            length, name = match
            if name not in found:
                found.append(name)
            i += length
        return found

    def _match_at(self, words: Sequence[str], i: int) -> tuple[int, str] | None:
        for seq, name in self._by_first.get(words[i], []):
            if tuple(words[i : i + len(seq)]) == seq:
                return len(seq), name
        return None


@lru_cache(maxsize=8)
def _matcher(known: tuple[str, ...]) -> UnitMatcher:
    return UnitMatcher(known)


def match_unit_in_text(text: str, known: Iterable[str]) -> list[str]:
    """The names from ``known`` mentioned in ``text``, in order of appearance, longest
    first where they overlap ("văn phòng ubnd tỉnh" gives "Văn phòng UBND tỉnh", not
    also "UBND tỉnh"): "so noi vu co nhiem vu gi" finds "Sở Nội vụ", "Phòng HC-QT"
    finds "Phòng Hành chính - Quản trị". Spellings sharing a ``unit_key`` give the
    first one listed, so pass canonical names before aliases."""
    return _matcher(tuple(known)).find(text)
