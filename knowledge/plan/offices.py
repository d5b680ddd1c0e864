"""Office holders named as an assignment's lead -> the units they head.

Directives address people: "Bộ trưởng Bộ Quốc phòng chỉ đạo …", "Chủ tịch Ủy ban
nhân dân các tỉnh …", "Giám đốc, Thủ trưởng các sở, ban ngành …". A task belongs to
the unit, so the title is dropped before the lead is split into units:

* "Bộ trưởng Bộ Công Thương" -> "Bộ Công Thương";
* "Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ" -> "các Bộ, cơ quan ngang bộ";
* "Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ" -> "các Bộ, các cơ quan ngang Bộ"
  (a bare "Bộ trưởng" is the ministers of all ministries);
* "Giám đốc, Thủ trưởng các sở, ban ngành" -> "các sở, ban ngành" (a bare title
  before another one names no unit of its own).

"Trưởng Ban Chỉ đạo" stays: the head of a steering committee acts in person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.provinces import province
from knowledge.units import builtin_canonical, looks_like_unit

# One table of the titles that head a unit; the longer forms first.
_TITLES = (
    "Phó Chủ tịch", "Chủ tịch", "Bộ trưởng", "Thứ trưởng", "Thủ trưởng", "Tổng Giám đốc",
    "Phó Giám đốc", "Giám đốc", "Tổng cục trưởng", "Cục trưởng", "Vụ trưởng", "Chánh",
    "Chủ nhiệm", "Thống đốc", "Tư lệnh", "Chỉ huy trưởng", "Viện trưởng", "Hiệu trưởng",
    "Bí thư",
)  # fmt: skip
# The words a unit headed by such a title opens with.
_HEADS = (
    "Bộ", "Sở", "Ủy ban", "Uỷ ban", "UBND", "Tổng cục", "Cục", "Vụ", "Ban", "Văn phòng",
    "Ngân hàng", "cơ quan", "Tập đoàn", "Tổng công ty", "Hội đồng", "Thanh tra", "Kiểm toán",
    "Đài", "Thông tấn", "Quân khu", "Công an", "đơn vị", "Viện", "Trường", "Đại học",
    "Học viện", "ngành", "địa phương", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy",
    "Đảng ủy",
)  # fmt: skip
_ALT_TITLES = "|".join(re.escape(t) for t in _TITLES)
_ALT_HEADS = "|".join(re.escape(h) for h in _HEADS)
# A title at the start of a list item, before its unit or bare before the next item.
_OFFICE = re.compile(
    r"(?:^|(?<=, )|(?<=; )|(?<=\svà ))(?:(?:các )?đồng chí )?(?P<cac>các )?(?P<title>"
    + _ALT_TITLES
    + r")"
    r"(?:\s(?=(?:các\s)?(?:" + _ALT_HEADS + r")\b)|(?P<bare>(?=,|\svà\s|$)))",
    re.IGNORECASE,
)
# "Tổng Kiểm toán Nhà nước", "Tổng Thanh tra Chính phủ" (not "Tổng cục", "Tổng Công ty").
_GENERAL = re.compile(r"(?:^|(?<=, )|(?<=\svà ))Tổng (?=Kiểm toán|Thanh tra)")
# "Bộ trưởng Bộ Tài chính - Phó Trưởng Ban Chỉ đạo …": the person's second role.
_ROLE = re.compile(
    r"(?<!\s)\s[-–]\s(?:Phó\s)?(?:Trưởng|Chủ tịch|Ủy viên|Thường trực|Cơ quan thường trực)\b[^;]*"
)
_EMPTY_ITEM = re.compile(r"^[,;]\s|(?:,\s)(?=,)|[,;]\s*$")
_MINISTERS = "các Bộ"  # a bare "Bộ trưởng": the ministers of the ministries


@lru_cache(maxsize=4096)
def office_units(text: str) -> str:
    """``text`` with each unit head's title dropped (see the module doc)."""
    if not _OFFICE.search(text) and not _GENERAL.search(text):
        return text

    def repl(m: re.Match[str]) -> str:
        if m.group("bare") is None:
            return m.group("cac") or ""
        return _MINISTERS if m.group("title").lower() == "bộ trưởng" else ""

    out = _OFFICE.sub(repl, _GENERAL.sub("", text))
    if out != text:
        out = _ROLE.sub("", out)
    while (cleaned := _EMPTY_ITEM.sub("", out)) != out:
        out = cleaned
    return out.strip(" ,;") or text


# "Các Bộ: Tài chính, Y tế, Tư pháp" / "Các Bộ, cơ quan: Tài chính, Xây dựng, …, Tập đoàn
# Điện lực Việt Nam": one head word, then the fields it heads.
_FIELD_HEAD = re.compile(
    r"^(?:[Cc]ác\s)?(?P<kind>Bộ|Sở|Tập đoàn|Tổng công ty)(?:,\s(?:cơ quan|ngành)(?:\sngang bộ)?)?$"
)  # "các Tập đoàn: Bưu chính Viễn thông Việt Nam, …" too
_MAX_FIELD_PARTS = 4  # "Văn hóa, Thể thao và Du lịch" holds commas of its own


# "Ủy ban nhân dân các tỉnh, thành phố: Quảng Ngãi, Gia Lai, Đà Nẵng": provinces listed.
_PLACES_HEAD = re.compile(
    r"^(?:(?:Tỉnh|Thành) [uủ]y và\s)?"  # "Tỉnh ủy và Ủy ban nhân dân các tỉnh: …"
    r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s(?:các\s)?(?:tỉnh|thành phố)(?:,\s(?:thành phố|tỉnh))?$",
    re.IGNORECASE,
)


def places_list(head: str, listed: str) -> str | None:
    """ "Ủy ban nhân dân các tỉnh" + "Quảng Ngãi, Gia Lai và Đắk Lắk" -> the head and
    the provinces as one name, when every piece is a province; else None."""
    if not _PLACES_HEAD.match(head.strip()):
        return None
    pieces = [p.strip() for p in re.split(r",|\svà\s", listed) if p.strip()]
    if not pieces or not all(province(p) for p in pieces):
        return None
    return f"{head.strip()} {listed.strip()}"


def field_list_head(head: str) -> str | None:
    """ "Bộ" for "Các Bộ" / "Các Bộ, cơ quan", "Sở" for "Các Sở", "Tập đoàn" for "các Tập
    đoàn", else None."""
    m = _FIELD_HEAD.match(head.strip())
    return m.group("kind") if m else None


def expand_fields(kind: str, listed: str) -> str:
    """ "Tài chính, Văn hóa, Thể thao và Du lịch, Tập đoàn X" under "Bộ" -> "Bộ Tài
    chính, Bộ Văn hóa, Thể thao và Du lịch, Tập đoàn X": the longest run of pieces
    the unit lexicon knows as one field; a piece that is a unit already stays."""
    parts = [p.strip() for p in listed.split(",") if p.strip()]
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(min(len(parts), i + _MAX_FIELD_PARTS), i, -1):
            name = f"{kind} {', '.join(parts[i:j])}"
            if builtin_canonical(name):
                out.append(name)
                i = j
                break
        else:
            out.extend(_loose_field(kind, parts[i]))
            i += 1
    return ", ".join(out)


def _loose_field(kind: str, piece: str) -> list[str]:
    if looks_like_unit(piece):
        return [piece]  # "Tập đoàn Điện lực Việt Nam", "Ngân hàng Nhà nước Việt Nam"
    if " và " in piece:  # "Tư pháp và Nội vụ": two fields
        first, second = piece.split(" và ", 1)
        if builtin_canonical(f"{kind} {first}") and builtin_canonical(f"{kind} {second}"):
            return [f"{kind} {first}", f"{kind} {second}"]
    return [f"{kind} {piece}"]
