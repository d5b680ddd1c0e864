"""Plan metadata: số hiệu, issuing body, issue date, title, plan year or period, signer.

Sources, most trusted first: the key/value table a legal-document website puts
on top (``doc.meta``: "Số hiệu", "Ngày ban hành", "Người ký", "Cơ quan ban
hành"), then the document's own banner ("ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH",
"Số: 3369/QĐ-UBND", "Hà Tĩnh, ngày 31 tháng 12 năm 2025"), its title block
("KẾ HOẠCH / Cải cách hành chính … giai đoạn 2026-2030") and its signature block.

A blank number ("Số: /QĐ- SNV", a draft awaiting its number) is kept as
"/QĐ-SNV"; a blank day ("ngày tháng 4 năm 2026") gives no issue date, but its
year still helps to find the plan year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.document import Block, Document
from knowledge.plan.model import DocumentMeta
from knowledge.plan.sections import clean_text, is_upper_line, parse_marker
from knowledge.units import canonical_unit
from knowledge.vietnamese import fold, squash

FRONT_BLOCKS = 80  # the banner, title and decision part sit well within this

_NUMBER = re.compile(
    # Segments start upper case and keep every letter ("2623/QĐ-TTg", "QĐ - UBND").
    r"(?:^|\b)Số(?:\s*hiệu)?\s*[:.]?\s*(\d*\s*/\s*[A-ZĐ][A-ZĐa-zđ0-9&]*(?:\s*[-–/]\s*[A-ZĐ][A-ZĐa-zđ0-9&]*)*)",
)
_PLAN_NUMBER = re.compile(
    r"Kế hoạch\s+số\s*:?\s*(\d*\s*/\s*[A-ZĐ][A-ZĐ0-9&\-–\s]*[A-ZĐ0-9])", re.IGNORECASE
)
_ANY_NUMBER = re.compile(
    r"(?:Quyết định|Chỉ thị|Thông báo|Công văn|Kế hoạch)\s+(?:số\s*)?"
    r"(\d+/[A-ZĐ0-9][A-ZĐa-zđ0-9]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)*)"
)
_DATE_LINE = re.compile(
    r"(?:(?P<place>[A-ZĐ][\wÀ-ỹ\s.]{1,40}?)\s*,\s*)?ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?"
    r"\s*năm\s*(?P<y>(?:19|20)\d\d)",
    re.IGNORECASE,
)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d\d)$")
_PERIOD = re.compile(
    r"(?:giai\s*+đoạn|thời\s*+kỳ|(?<!\s))\s*+((?:19|20)\d\d)\s*+[-–—]\s*+((?:19|20)\d\d)", re.I
)
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_POSITIONS = re.compile(
    r"(?:^|(?<=\s))(KT\.?\s*|TM\.?\s*|TL\.?\s*|Q\.?\s*)?(PHÓ\s+)?(GIÁM ĐỐC|CHỦ TỊCH|"
    r"CHÁNH|BỘ TRƯỞNG|THỨ TRƯỞNG|TRƯỞNG BAN|BÍ THƯ|CHỦ NHIỆM|TỔNG GIÁM ĐỐC|VIỆN TRƯỞNG|"
    r"CỤC TRƯỞNG|TRƯỞNG PHÒNG|THỦ TRƯỞNG|HIỆU TRƯỞNG)\b"
)
_NAME_TAIL = re.compile(
    r"(?<![A-ZĐỦ])[A-ZĐỦ]{2,}+\s++((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]++\s++){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]++)$"
)
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")
_ISSUER_START = re.compile(
    r"^(Ủ|U)Y BAN NHÂN DÂN|^UỶ BAN NHÂN DÂN|^SỞ\s|^BỘ\s|^VĂN PHÒNG\s|^BAN\s|^HỘI ĐỒNG|"
    r"^TỈNH ỦY|^TỈNH UỶ|^CHÍNH PHỦ|^THÀNH ỦY|^HUYỆN ỦY|^CỤC\s|^TỔNG CỤC|^ĐẢNG ỦY|^THỦ TƯỚNG\s"
)
_BANNER_SKIP = ("cong hoa xa hoi", "doc lap", "chu nghia viet nam")
_DOC_TYPES = {
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "thong bao": "Thông báo",
    "chuong trinh": "Chương trình",
    "de an": "Đề án",
    "cong van": "Công văn",
    "cong dien": "Công điện",
    "nghi quyet": "Nghị quyết",
    "bao cao": "Báo cáo",
}
# Words that stay lower case inside a title-cased proper name ("Bà Rịa - Vũng Tàu").
_NAME_STOP = {
    "năm", "giai", "đoạn", "về", "của", "và", "trên", "địa", "bàn", "đến", "trong", "đối",
    "với", "các", "cho", "tại", "theo", "thuộc", "nhằm", "để", "gắn",
}  # fmt: skip


@dataclass
class FrontLine:
    text: str
    block: int  # index of the block the line came from


def front_lines(blocks: list[Block], limit: int = FRONT_BLOCKS) -> list[FrontLine]:
    """Text lines of the first blocks, table cells included (banners are tables)."""
    out: list[FrontLine] = []
    for index, block in enumerate(blocks[:limit]):
        texts: list[str] = []
        if block.table is not None:
            for row in block.table.rows[:6]:
                texts.extend(row.cells)
        else:
            texts.append(block.text)
        for text in texts:
            for line in re.split(r"\n|\s\|\s", text):
                line = clean_text(line).strip("-– ")
                if line:
                    out.append(FrontLine(line, index))
    return out


def extract_metadata(doc: Document, blocks: list[Block] | None = None) -> DocumentMeta:
    """Everything the plan says about itself; missing facts stay ``None``."""
    blocks = blocks if blocks is not None else doc.blocks
    lines = front_lines(blocks)
    meta = DocumentMeta()
    meta.number = _number(doc, lines)
    issued, issued_year, meta.place = _issue_date(doc, lines)
    meta.issued_date = issued
    title, doc_type = _title(blocks)
    meta.title = title
    meta.doc_type = doc_type or _meta_value(doc, "loại văn bản")
    meta.issuer = _issuer(doc, lines, meta.place, title)
    meta.signer = _meta_value(doc, "người ký") or _signer(blocks)
    meta.plan_year, meta.period_end_year = _plan_years(meta.title, blocks, issued_year)
    return meta


def _meta_value(doc: Document, key: str) -> str | None:
    for k, v in doc.meta.items():
        if fold(k) == fold(key) and v.strip():
            return clean_text(v)
    return None


# --- number -------------------------------------------------------------------


def _tidy_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw).replace("–", "-").strip("-").rstrip("/")


def _number(doc: Document, lines: list[FrontLine]) -> str | None:
    if value := _meta_value(doc, "số hiệu"):
        return _tidy_number(value)
    for line in lines:
        if m := _NUMBER.search(line.text):
            return _tidy_number(m.group(1))
    for pattern, where in ((_PLAN_NUMBER, lines), (_ANY_NUMBER, lines[:5])):
        for line in where:
            if m := pattern.search(line.text):
                return _tidy_number(m.group(1))
    return None


# --- date and place -----------------------------------------------------------


def _issue_date(
    doc: Document, lines: list[FrontLine]
) -> tuple[date | None, int | None, str | None]:
    """(issue date, its year even when the day is blank, place)."""
    place: str | None = None
    for line in lines:
        m = _DATE_LINE.search(line.text)
        if not m or not m.group("place") or "căn cứ" in fold(line.text)[:20]:
            continue
        place = _tidy_place(m.group("place"))
        year = int(m.group("y"))
        found = _safe_date(year, m.group("m"), m.group("d"))
        if value := _meta_value(doc, "ngày ban hành"):
            found = _parse_dmy(value) or found
        return found, year, place
    if value := _meta_value(doc, "ngày ban hành"):
        d = _parse_dmy(value)
        return d, d.year if d else None, place
    return None, None, place


def _tidy_place(raw: str) -> str | None:
    # "Độc lập - Tự do - Hạnh phúc _ Hà Nội": the motto and a rule glued before the place
    place = re.sub(r"^.*(?:Hạnh phúc|_)\s*", "", raw).strip(" ,.*_")
    # "Số: 12/KH-UBND Hà Nội" (one flattened banner line): keep the trailing name.
    place = re.sub(r"^.*[0-9A-ZĐ]{2}\s++(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])", "", place)
    place = _drop_code_words(place)  # "TTg Hà Nội" (after "30/CĐ-")
    if not place or len(place.split()) > 5 or fold(place) in ("ngay",):
        return None
    return place


def _drop_code_words(place: str) -> str:
    # Words with two capitals or more ("TTg", "UBND") before the place name are the
    # tail of a document code; the last word is always kept. A loop, not a regex: the
    # pattern for "a word with two capitals" backtracks quadratically on a long word.
    words = place.split()
    while len(words) > 1 and sum(1 for ch in words[0] if "A" <= ch <= "Z" or ch == "Đ") >= 2:
        words.pop(0)
    return " ".join(words)


def _safe_date(year: int, month: str | None, day: str | None) -> date | None:
    if not month or not day:
        return None
    try:
        return date(year, int(month), int(day))
    except ValueError:
        return None


def _parse_dmy(value: str) -> date | None:
    m = _DMY.match(value.strip())
    return _safe_date(int(m.group(3)), m.group(2), m.group(1)) if m else None


# --- title and type -------------------------------------------------------------


def _title(blocks: list[Block]) -> tuple[str, str | None]:
    """The plan's title: the line(s) after its "KẾ HOẠCH" heading."""
    front = [
        (index, fold(block.text[:40]))
        for index, block in enumerate(blocks[: FRONT_BLOCKS * 3])
        if block.table is None
    ]
    kinds = ("ke hoach", "chi thi", "quyet dinh", "thong bao", "chuong trinh", "de an")
    for wanted in (*kinds, "cong dien", "nghi quyet", "bao cao"):
        for index, head in front:
            if wanted not in head:
                continue  # cheap test first: blocks can be long paragraphs
            block = blocks[index]
            text = clean_text(block.text)
            folded = fold(text)
            if not folded.startswith(wanted) or not is_upper_line(text[: len(wanted) + 2]):
                continue
            rest = text[len(wanted) :].strip(" :")
            if rest and not is_upper_line(text.split()[0]):
                continue
            title = _title_after(blocks, index, rest)
            if title:
                if wanted in ("chuong trinh", "de an") and fold(title).startswith("hanh dong"):
                    title = f"{_DOC_TYPES[wanted]} {title[:1].lower()}{title[1:]}"
                return title, _DOC_TYPES[wanted]
    if found := _title_in_banner(blocks):
        return found
    for block in blocks[:10]:  # an article or a note: its first heading
        if block.kind == "heading" and clean_text(block.text):
            return clean_text(block.text), None
    return "", None


def _title_in_banner(blocks: list[Block]) -> tuple[str, str] | None:
    """A công điện printed inside its banner table: "CÔNG ĐIỆN V/V TẬP TRUNG … THỦ
    TƯỚNG CHÍNH PHỦ điện:" in one cell; the title is the upper-case run after the kind."""
    for block in blocks[:5]:
        if block.table is None:
            continue
        for row in block.table.rows[:6]:
            for cell in row.cells:
                text = clean_text(cell)
                folded = fold(text)
                kind = next((k for k in _DOC_TYPES if folded.startswith(k + " ")), None)
                if kind is None or not is_upper_line(text[: len(kind) + 1]):
                    continue
                words = text[len(kind) :].split()
                taken: list[str] = []
                for word in words:
                    if any(c.islower() for c in word) or _AUTHORITY.match(
                        " ".join(words[len(taken) :])
                    ):
                        break
                    taken.append(word)
                title = tidy_title(upper_to_name(" ".join(taken)))
                if len(title.split()) >= 3:
                    return title, _DOC_TYPES[kind]
    return None


# The enacting authority under a decision's title ("THỦ TƯỚNG CHÍNH PHỦ", "CHÍNH PHỦ",
# "BỘ TRƯỞNG BỘ …", "CHỦ TỊCH ỦY BAN NHÂN DÂN …"): not part of the title.
_AUTHORITY = re.compile(
    r"^(?:THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|"
    r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|TRƯỞNG BAN)\b"
)
_AUTHORITY_TAIL = re.compile(
    # (?<!\s): one try per run of spaces, else a long run is searched quadratically.
    r"(?<!\s)(?<!của)(?<!cho)(?<!với)\s+(?:Thủ tướng Chính phủ|Chính phủ|Bộ trưởng Bộ [^,;]{3,40})$",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^(?:Về việc|V/v|V/V|Về v/v)\s+", re.IGNORECASE)
# Where a title block runs into what follows it in a wrapped paragraph.
_TITLE_END = re.compile(r"\s(?:\(Kèm theo|\(Ban hành kèm|Căn cứ\s)|\s_+(?:\s|$)")


def tidy_title(title: str) -> str:
    """ "Về việc ban hành kế hoạch …" -> "Ban hành kế hoạch …"; a title block cut where
    the next part starts ("… (Kèm theo Nghị quyết …) Căn cứ …"), stray rules dropped."""
    if m := _TITLE_END.search(title):
        title = title[: m.start()]
    title = _ABOUT.sub("", title.strip(" _.:")).strip(" _.:")
    title = _AUTHORITY_TAIL.sub("", title)  # "… mưa lũ THỦ TƯỚNG CHÍNH PHỦ" joined on
    if m := _UPPER_RUN.match(title):  # "HÀNH ĐỘNG CỦA CHÍNH PHỦ thực hiện …"
        title = upper_to_name(m.group(1)) + title[m.end(1) :]
    return title[:1].upper() + title[1:] if title else title


_UPPER_RUN = re.compile(r"^((?:[A-ZĐÀ-Ỹ]{2,}\s+){2,}[A-ZĐÀ-Ỹ]{2,})(?=\s+[a-zđà-ỹ])")


# A sentence opened by its date ("Ngày 15 tháng 3 năm 2026, …") starts a notice's body.
_OPENS_BODY = re.compile(r"ngay \d{1,2}\b")


def _title_after(blocks: list[Block], index: int, rest: str) -> str:
    parts = [rest] if rest else []
    for nxt in blocks[index + 1 : index + 6]:
        if nxt.table is not None:
            break
        text = clean_text(nxt.text)
        folded = fold(text)
        if not text or text.startswith("(") or parse_marker(text) is not None:
            break
        if folded.startswith(("can cu", "theo de nghi", "ban hanh kem", "kem theo")):
            break
        if folded.startswith("thuc hien") and not is_upper_line(text):
            break  # "Thực hiện Nghị quyết …" starts the preamble; "THỰC HIỆN …" is the title
        if _POSITIONS.match(text) or (parts and _AUTHORITY.match(text) and is_upper_line(text)):
            break
        if parts and _upperish(parts[-1]) and not _upperish(text):
            prefix = _upper_prefix(text)  # "LUẬN PHIÊN HỌP … ĐỀ ÁN 06 Ngày 15 tháng …"
            if prefix:
                parts.append(prefix)
            break
        if parts and (len(text) > 200 or _OPENS_BODY.match(folded) or text.endswith(":")):
            break  # "Ngày 15 tháng 3 năm 2026, Ban Chỉ đạo họp …": the body's first line
        parts.append(text)
        if len(" ".join(parts)) > 150 or not _upperish(text) and len(parts) > 1:
            break
    title = re.sub(r"\s+", " ", " ".join(parts)).strip(" .:")
    return tidy_title(upper_to_name(title) if is_upper_line(title) else title)


def _upperish(text: str) -> bool:
    """Upper case, or no letters at all ("2026 - 2030" continues an upper-case title)."""
    return is_upper_line(text) or not any(c.isalpha() for c in text)


def _upper_prefix(text: str) -> str:
    words = text.split()
    taken: list[str] = []
    for word in words:
        if any(c.islower() for c in word):
            break
        taken.append(word)
    return " ".join(taken) if len(taken) >= 3 and len(taken) < len(words) else ""


# --- issuer ---------------------------------------------------------------------


def _issuer(doc: Document, lines: list[FrontLine], place: str | None, title: str) -> str | None:
    banner = _banner_issuer(lines)
    declared = _meta_value(doc, "cơ quan ban hành")
    if banner:
        if declared and not re.search(r"\b(tỉnh|thành phố)\b", banner, re.I):
            # "Ủy ban nhân dân" + "Tỉnh Hà Tĩnh" from the website's table.
            return f"{banner} {declared[0].lower()}{declared[1:]}"
        return banner
    found = _issuer_in_title(title) or _authority_issuer(lines)
    if found and place and re.search(r"\b(tỉnh|thành phố)$", found):
        found = f"{found} {place}"
    return found or declared


def _banner_issuer(lines: list[FrontLine]) -> str | None:
    """ "ỦY BAN NHÂN DÂN" + "TỈNH BẮC NINH" at the top of the page, before the title."""
    for i, line in enumerate(lines[:25]):
        text = line.text
        if fold(text).startswith(tuple(_DOC_TYPES)) and is_upper_line(text):
            return None  # reached "QUYẾT ĐỊNH" / "KẾ HOẠCH": no banner
        if not _ISSUER_START.match(text) or any(s in fold(text) for s in _BANNER_SKIP):
            continue
        parts = [text]
        for nxt in lines[i + 1 : i + 3]:
            nt = nxt.text
            if not is_upper_line(nt) or any(s in fold(nt) for s in _BANNER_SKIP):
                break
            if nt.startswith(("SỐ", "Số")) or re.search(r"\d", nt):
                break
            if _ISSUER_START.match(nt):
                # "UBND TỈNH X" over "SỞ TƯ PHÁP": the lower line is the issuing body.
                parts = [nt]
                continue
            parts.append(nt)
        return _tidy_issuer(upper_to_name(" ".join(parts)))
    return None


def _tidy_issuer(name: str) -> str:
    """ "Chính phủ _" -> "Chính phủ"; a ministry in its canonical spelling ("Bộ Văn
    hóa, Thể thao và Du lịch")."""
    name = name.strip(" _-–")
    if fold(name).startswith("bo ") and not re.search(r"\b(tỉnh|thành phố)\b", name):
        return canonical_unit(name).name
    return name


def _authority_issuer(lines: list[FrontLine]) -> str | None:
    """ "GIÁM ĐỐC SỞ NỘI VỤ TỈNH NGHỆ AN" above "Căn cứ …" names the issuing body."""
    for line in lines:
        text = line.text
        if not is_upper_line(text) or len(text) > 120:
            continue
        m = _POSITIONS.match(text)
        if not m:
            continue
        body = text[m.end() :].strip(" ,")
        if len(body.split()) >= 2 and _ISSUER_START.match(body):
            return upper_to_name(body)
    return None


_OF_UNIT = re.compile(
    r"\bcủa\s+((?:Văn phòng|Sở|Ban|Ủy ban|UBND|Bộ|Cục|Trung tâm|Hội đồng)\b.*?)"
    r"(?=\s+(?:năm|giai đoạn|đến năm|về|ra sao)\b|[?;]|$)"
)


def _issuer_in_title(title: str) -> str | None:
    """ "Cải cách hành chính của Văn phòng Ủy ban nhân dân tỉnh năm 2026"."""
    m = _OF_UNIT.search(title)
    return m.group(1).strip() if m else None


def upper_to_name(text: str) -> str:
    """ "SỞ NỘI VỤ TỈNH NGHỆ AN" -> "Sở Nội vụ tỉnh Nghệ An" (best effort)."""
    original = squash(text).split(" ")
    words = [w.lower() for w in original]
    out: list[str] = []
    proper = False
    for i, word in enumerate(words):
        if _is_acronym(original[i], " ".join(words[max(0, i - 2) : i])):
            out.append(original[i])
            continue
        if word in ("tỉnh", "huyện", "quận") and i > 0:
            out.append(word)
            proper = True
            continue
        if word == "thành" and i + 1 < len(words) and words[i + 1] == "phố":
            out.append(word)
            continue
        if word == "phố" and out and out[-1] == "thành":
            out.append(word)
            proper = True
            continue
        if word in _NAME_STOP:
            proper = False
        capital = i == 0 or proper
        after_head = i > 0 and words[i - 1] in ("sở", "bộ", "cục")
        if after_head and word not in ("chỉ", "nhân") and (i < 2 or words[i - 2] != "cơ"):
            capital = True
        out.append(word[:1].upper() + word[1:] if capital else word)
    name = " ".join(out)
    for fixed in _PROPER:
        name = re.sub(rf"\b{re.escape(fixed)}\b", fixed, name, flags=re.I)
    name = _CITED.sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:], name)
    name = _LAW.sub(lambda m: "Luật " + m.group(1).upper(), name)  # "Luật Bảo vệ dữ liệu …"
    name = _ORG_HEAD.sub(lambda m: m.group(1).capitalize() + " ", name)  # "của bộ Nội vụ"
    name = _QUOTED.sub(lambda m: m.group(1) + m.group(2).upper(), name)  # "đề án “Nâng cao …”"
    name = _PERSON.sub(lambda m: m.group(1) + _name_case(m.group(2)), name)
    name = _SIGN_CODE.sub(lambda m: m.group(0)[:-1] + "g", name)  # "/QĐ-TTG" -> "/QĐ-TTg"
    return name.replace("uỷ", "ủy").replace("Uỷ", "Ủy")


# Names that keep their capitals inside a title ("… của Thủ tướng Chính phủ").
_PROPER = (
    "Ủy ban nhân dân", "Văn phòng", "Hội đồng nhân dân", "Ban Chỉ đạo", "Phó Thủ tướng",
    "Thủ tướng", "Chính phủ", "Bộ Chính trị", "Quốc hội", "Ban Chấp hành Trung ương", "Đảng",
    "Tỉnh ủy", "Thành ủy",
)  # fmt: skip
# A cited document keeps its capital ("Quyết định số 06/QĐ-TTg", "Luật Bảo vệ …").
_CITED = re.compile(
    r"\b(nghị quyết|quyết định|chỉ thị|kế hoạch|thông báo|kết luận|nghị định|thông tư)(?= số)"
)
_LAW = re.compile(r"(?<!pháp )\bluật (?!(?:trên|về|của|và|trong|theo|này)\b)(\w)")
# "sở" / "bộ" / "cục" before a capitalised name is that organisation.
_ORG_HEAD = re.compile(r"(?<!cơ )(?<!các )\b(sở|bộ|cục)\s(?=[A-ZĐÀ-Ỹ])")
_QUOTED = re.compile(r"([“\"]\s?)([a-zđà-ỹ])")
# A person named after a position ("… Phó Thủ tướng Chính phủ lê thành long tại …").
_PERSON = re.compile(
    r"((?:Phó Thủ tướng Chính phủ|Thủ tướng Chính phủ|Phó Thủ tướng|Tổng Bí thư|Chủ tịch nước|"
    r"Chủ tịch Quốc hội|đồng chí)\s)((?:[a-zđà-ỹ]+\s){1,3}[a-zđà-ỹ]+)(?=\s(?:tại|về|với|trong|và)\b|$)"
)


def _name_case(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


_SIGN_CODE = re.compile(r"(?<=/)[A-ZĐ]+-TTG\b")


_ACRONYMS = {
    "IOT",
    "FDI",
    "ODA",
    "PPP",
    "PCI",
    "PAPI",
    "SIPAS",
    "ICT",
    "GDP",
    "GRDP",
    "ĐKKD",
    "CCHC",
    "UBND",
    "HĐND",
    "TTHC",
    "CNTT",
    "QPPL",
    "ISO",
    "AI",
    "IOC",
    "GIS",
    "BIM",
    "CSDL",
}


def _is_acronym(word: str, before: str = "") -> bool:
    core = word.strip(',.;:()“”"')
    return (
        core in _ACRONYMS
        or bool(re.search(r"\d", core) and re.search(r"[A-ZĐ]", core))
        or _is_roman(core, before)
    )


_ROMAN = re.compile(r"[IVXL]{1,6}")
_ROMAN_AFTER = ("thứ", "khóa", "khoá", "quý", "phần", "chương", "mục", "phụ lục")


def _is_roman(core: str, before: str) -> bool:
    """ "ĐẠI HỘI XIV", "KHÓA XIII", "QUÝ IV": a numeral keeps its capitals. Two letters
    alone ("VI", "LI") are also syllables ("VI PHẠM"), so they need a word that counts."""
    if not _ROMAN.fullmatch(core):
        return False
    return len(core) >= 3 or before.lower().endswith(_ROMAN_AFTER)


def owner_office(meta: DocumentMeta) -> str | None:
    """The issuing office in canonical unit form, parent of its "Phòng …" units."""
    issuer = meta.issuer
    if not issuer:
        return None
    # "Sở Nội vụ tỉnh Nghệ An" -> "Sở Nội vụ"; "Ủy ban nhân dân tỉnh X" keeps "tỉnh".
    core = re.sub(r"(?<!\s)\s++(tỉnh|thành phố)\s++[A-ZĐÀ-Ỹ][\wÀ-ỹ\s\-]*+$", "", issuer)
    bare = ("uy ban nhan dan", "hoi dong nhan dan", "van phong uy ban nhan dan")
    if fold(core) in bare and (m := re.search(r"\s(tỉnh|thành phố)\b", issuer)):
        core = issuer[: m.end()]
    return canonical_unit(core).name


# --- years ------------------------------------------------------------------------


def _plan_years(
    title: str, blocks: list[Block], issued_year: int | None
) -> tuple[int | None, int | None]:
    """(first year of the plan, last year of its period).

    "giai đoạn 2026 - 2030" gives both; "năm 2026" the year. "đến năm 2035" / "tầm
    nhìn đến năm 2045" is a horizon, not the plan's year, and the year inside a cited
    document's date ("Kết luận số 210-KL/TW ngày 12 tháng 11 năm 2025") is neither:
    then the plan runs from its issue year. A plan never starts before it is issued
    ("Kế hoạch thực hiện quy hoạch thời kỳ 2021 - 2030" issued in 2025 starts in 2025).
    """
    worked = list(_WORK_YEAR.finditer(title)) if _REPORTED.search(title) else []
    if worked:
        # "Kết quả … nhiệm vụ năm 2025 và phương hướng, nhiệm vụ năm 2026": the last is
        # the year of the work this document plans
        return int(worked[-1].group(1)), None
    for text in [title, *_heading_texts(blocks)]:
        text = _DATED.sub(" ", text)
        horizon = [int(y) for y in _HORIZON.findall(text)]
        plain = _HORIZON.sub(" ", text)
        if m := _PERIOD.search(plain):
            start, end = int(m.group(1)), int(m.group(2))
            if start < end <= start + 15:
                if issued_year and start < issued_year <= end:
                    start = issued_year
                return start, end
        if m := _YEAR.search(plain):
            return int(m.group(1)), None
        if text is not title:
            continue
        if m := re.search(r"\b(20\d\d)\b", plain):
            return int(m.group(1)), None
        if horizon:
            first = issued_year if issued_year and issued_year <= max(horizon) else None
            return first, max(horizon)
    return issued_year, None


_REPORTED = re.compile(r"\b(?:kết quả|tổng kết|sơ kết)\b", re.IGNORECASE)
_WORK_YEAR = re.compile(
    r"\b(?:phương hướng|nhiệm vụ|kế hoạch)(?:,?\s+[\wÀ-ỹ]+){0,3}?\s+năm\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "ngày 12 tháng 11 năm 2025", "ngày 23/7/2025": a date, whose year names no plan
_DATED = re.compile(
    r"\bngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+|\s*/\s*\d{1,2}\s*/\s*)(?:19|20)\d\d",
    re.IGNORECASE,
)
_HORIZON = re.compile(r"\b(?:đến|tới)\s+năm\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def _heading_texts(blocks: list[Block]) -> list[str]:
    """Upper-case title lines and section headings that may state the year."""
    out: list[str] = []
    for block in blocks[: FRONT_BLOCKS * 2]:
        text = clean_text(block.text)
        if not text or block.table is not None or len(text) >= 200 or not is_upper_line(text):
            continue
        if not fold(text).startswith(("can cu", "cong hoa")):
            out.append(text)
    return out


# --- signer -----------------------------------------------------------------------


def _signer(blocks: list[Block]) -> str | None:
    """The personal name under the first signature block ("GIÁM ĐỐC" / name)."""
    lines: list[str] = []
    for block in blocks:
        if block.table is not None:
            for row in block.table.rows[-4:]:
                for cell in row.cells:
                    lines.extend(cell.split("\n"))
        else:
            lines.extend(block.text.split("\n"))
    lines = [clean_text(x) for x in lines if clean_text(x)]
    for i, line in enumerate(lines):
        if len(line) > 120 or not _POSITIONS.search(line):
            continue
        if tail := _NAME_TAIL.search(line):  # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phạm Văn Thịnh"
            return tail.group(1)
        if not _POSITIONS.match(line):
            continue
        for nxt in lines[i + 1 : i + 5]:
            if _NAME.match(nxt):
                return nxt
            if len(nxt) > 60:
                break
    return None


__all__ = ["extract_metadata", "owner_office", "front_lines", "upper_to_name", "FrontLine"]
