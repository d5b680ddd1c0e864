"""The clauses of an assignment sentence: who it is given to and by when.

"3. Bộ Tài chính chủ trì, phối hợp với các bộ …, báo cáo Thủ tướng Chính phủ trước
ngày 15 tháng 5 năm 2026." names its unit first, up to the first action word, and its
deadline in a clause with a cue ("trước ngày …", "hoàn thành trong quý II năm 2026").
Other dates in the same sentence are not the task's deadline:

* the date of a document it cites ("Công điện số 36/CĐ-TTg ngày 25 tháng 4 năm 2026",
  "văn bản số 3816/VPCP-CN ngày 29/4/2026") or of a meeting ("tại Phiên họp ngày …");
* a start ("từ ngày 01/7/2026"), unless it is when a text takes effect ("để có hiệu
  lực từ 01 tháng 7 năm 2026": the text must be out by then);
* a horizon ("Chiến lược … đến năm 2030, tầm nhìn đến năm 2045"), but not an end
  ("từ nay đến hết ngày 31 tháng 12 năm 2025", "đến hết năm 2026");
* a date inside a recurring clause ("định kỳ hằng tháng, trước ngày 25 …");
* a scope when the sentence also has a firm deadline ("các chỉ tiêu … trong năm 2026
  …, gửi Bộ Tài chính trước ngày 06 tháng 5 năm 2026": only the "trước" date counts).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from knowledge.deadlines import MONTH_NAME, parse_deadline
from knowledge.plan.model import Deadline
from knowledge.plan.offices import expand_fields, field_list_head, office_units, places_list
from knowledge.units import builtin_canonical, is_bare_noun, looks_like_unit
from knowledge.vietnamese import fold

# --- the unit ---------------------------------------------------------------------

# Words that start the action after the unit ("Bộ Tài chính chủ trì, …"). Each blank
# run is tried once, from its start: linear on long runs of spaces.
_ACTION = (
    "có trách nhiệm|chịu trách nhiệm|chủ trì|chủ động|phối hợp|tổ chức|thực hiện|triển khai|"
    "tham mưu|hướng dẫn|theo dõi|xây dựng|ban hành|khẩn trương|tiếp tục|trực tiếp|đôn đốc|"
    "nghiên cứu|rà soát|bố trí|kiểm tra|tăng cường|cung cấp|quán triệt|chỉ đạo|được giao|"
    "là cơ quan|nắm chắc|tập trung|sớm|báo cáo|trình|hoàn thành|đẩy nhanh|đẩy mạnh|khẩn cấp|"
    "thống nhất|lãnh đạo|phát huy|nêu cao|bám sát|quan tâm|chấp hành|bảo đảm|đảm bảo|"
    "nâng cao|hoàn thiện|gửi|phân công|giải quyết|xử lý|thành lập|ưu tiên|cân đối|đề xuất|"
    "tổng hợp|xem xét|cần|phải|nghiêm túc|căn cứ|theo chức năng|trong phạm vi|tham gia|"
    "vận động|duy trì|siết chặt|quyết liệt|tích cực|kiện toàn|sắp xếp|tuyên truyền|"
    "phổ biến|giám sát|đánh giá|làm việc|thường xuyên|định kỳ|khẩn|cử|(?<!công )lập|yêu cầu|"
    "đề nghị|là|được|giúp|chuyển|thúc đẩy|khắc phục|phấn đấu|đạt|hoàn tất|tiến hành|"
    "quyết tâm|nỗ lực|kết nối|đồng bộ|cập nhật|hỗ trợ|chuẩn bị|sửa đổi|bổ sung|công bố|"
    "nâng cấp|số hóa|huy động|chuẩn hóa|khôi phục|điều chỉnh|ứng phó|thẩm định|sửa|trân trọng|"
    "mở|phát sóng|đăng tải|phát hành|kịp thời|phản ánh|phát động|đưa|lồng ghép|biên soạn"
)  # not "giao": "Bộ Ngoại giao"; not "lập" in "sự nghiệp công lập"; "Giao X …" opens an item
_VERB = re.compile(r"(?<!\s)\s*+:|,?(?<!\s)\s++(?:" + _ACTION + r")\b")
SUBJECT_VERB = _VERB  # "2. Sở Tài chính chủ trì, …": where the subject unit ends
_UNIT_SUFFIX = re.compile(r"(?<!\s)\s*+\((?:cơ quan|đơn vị)[^)]*+\)\s*+$", re.IGNORECASE)


@lru_cache(maxsize=8192)
def names_unit(text: str) -> bool:
    """A heading that names a unit or a group of units, not a topic (no target "%")."""
    if len(text) > 160 or "%" in text or not looks_like_unit(text):
        return False
    first = text.lstrip("-+• ").split(" ", 1)[0]
    # The lexicon compares without diacritics: "Bố trí" is no "Bộ", "Sơ kết" no "Sở".
    wanted = _HEAD_FORMS.get(fold(first))
    return wanted is None or first.lower() in wanted


_HEAD_FORMS = {
    "bo": {"bộ"}, "ban": {"ban"}, "so": {"sở"}, "bao": {"báo", "bảo"}, "phong": {"phòng"}, "cuc": {"cục"},
    "vien": {"viện"}, "truong": {"trường", "trưởng"}, "dai": {"đài"}, "hoi": {"hội"},
    "doan": {"đoàn"}, "chi": {"chi"},
}  # fmt: skip


def unit_text(title: str) -> str:
    """ "Đề nghị Ủy ban Mặt trận …" -> "Ủy ban Mặt trận …"; drop "(cơ quan chủ trì)"."""
    text = _UNIT_SUFFIX.sub("", title).strip(" :")
    text = _ROLE_CLAUSE.sub("", text)  # "Sở X là cơ quan thường trực, có trách nhiệm:"
    return re.sub(r"^(Đề nghị|Giao|Khuyến khích|Yêu cầu|Phân công)(?:\s+|$)", "", text)


_ROLE_CLAUSE = re.compile(
    r"(?<!\s)\s++(?:là|với vai trò)\s+(?:cơ quan|đơn vị)\b.*$"
    r"|(?<!\s),?\s++(?:có|chịu)\s+trách nhiệm\s*+:?$",
    re.IGNORECASE,
)


_BARE_TITLES = {"lanh dao", "chi dao", "thu truong", "giam doc", "chu tich", "truong ban"}
_MAX_HEAD_WORDS = 60
_MAX_LIST_WORDS = 30  # a line that only names units ("a) Các bộ, cơ quan ngang bộ, …")  # "1. Bộ trưởng, Thủ trưởng …, Chủ tịch Ủy ban nhân dân …" lists
_TOPIC = re.compile(r"^(?:Về|Đối với)\s", re.IGNORECASE)
_MAX_TOPIC = 400  # "Về … :" may hold colons of its own ("… 02 cấp: tăng …: giao Bộ Nội vụ …")
# "Chỉ đạo X …" is not among them: the one who directs is the item's unit, not X.
_FORMULA = re.compile(r"^(?:[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu|[Pp]hân công)\s+(?=\S)")
# A conclusion to a province calls it "Tỉnh" / "Thành phố" ("Tỉnh căn cứ …").
_ADDRESSEE = re.compile(r"^(Tỉnh|Thành phố)\s+(?=\S)")
# Where a unit list ends in a clause about coordinators ("phối hợp với X, Y rà soát …").
UNIT_CLAUSE_END = re.compile(
    r"[;:.]|\s(?:rà soát|xây dựng|tổ chức|triển khai|hướng dẫn|chuẩn bị|thực hiện|tham mưu|"
    r"nghiên cứu|kiểm tra|theo dõi|đánh giá|báo cáo|trình|hoàn thiện|đề xuất|bảo đảm|"
    r"khẩn trương|chủ động|tổng hợp|xem xét|giải quyết|đôn đốc)\b"
)


_OPENER = re.compile(r"^(?:Trên cơ sở|Căn cứ|Để|Sau khi|Với vai trò|Với tư cách)\s", re.IGNORECASE)
_MAX_OPENER_COMMAS = 3
# A conclusion agrees to a request, then hands the work on: "Đồng ý chủ trương …, giao
# Bộ X …", "Thủ tướng Chính phủ đồng ý về nguyên tắc; giao Bộ Tài chính …". The match
# ends where the hand-over starts ("giao …", read by ``_FORMULA``).
AGREED = re.compile(
    r"^(?:(?:Thủ tướng Chính phủ|Phó Thủ tướng Chính phủ|Chính phủ|Thủ tướng)\s)?"
    r"(?:cơ bản\s|về nguyên tắc\s)?(?:đồng ý|thống nhất|nhất trí|chấp thuận|ghi nhận)\b"
    r"[^.;:]{0,300}?[,;]\s(?:đồng thời\s)?(?=giao\s)",
    re.IGNORECASE,
)


def after_opener(text: str) -> list[str]:
    """``text``, then what follows each of its first commas when it opens with an
    adverbial phrase ("Trên cơ sở nội dung Kế hoạch nêu trên, các sở, ban, ngành …")."""
    if (agreed := AGREED.match(text)) is not None:
        # "Đồng ý chủ trương …; giao Bộ Xây dựng …": the one who agrees is no lead
        return [text[agreed.end() :], text]
    out = [text]
    if _TOPIC.match(text):  # "Về …: giao Bộ X …": the assignment after the topic's colon
        k = text.find(":")
        while 0 < k <= _MAX_TOPIC and len(out) <= _MAX_OPENER_COMMAS:
            out.extend(after_opener(text[k + 1 :].strip()))
            k = text.find(":", k + 1)
        return out
    if not _OPENER.match(text):
        return out
    start = 0
    for _ in range(_MAX_OPENER_COMMAS):
        k = text.find(", ", start)
        if k < 0:
            break
        out.append(text[k + 2 :])
        start = k + 2
    return out


def subject_of(body: str) -> tuple[str, str]:
    """(the unit an assignment opens with, the text after it) or ("", body).

    "Về …: Giao Bộ Tài chính chủ trì, …" -> ("Bộ Tài chính", "chủ trì, …");
    "Các bộ, cơ quan ngang bộ" alone -> (that, ""); an opening phrase before the
    unit ("Trên cơ sở …, các sở … căn cứ …") is passed over."""
    for candidate in after_opener(body.strip()):
        unit, rest = _subject(candidate)
        if unit:
            return _asked(unit, rest)
    return "", body


# "Chính phủ trân trọng đề nghị Ủy ban Trung ương MTTQ …", "Bộ X đề nghị các tỉnh …": the
# unit asked does the work, not the one who asks.
_ASKS = re.compile(r"^(?:trân trọng\s)?(?:đề nghị|yêu cầu|giao)\s(?=\S)")


def _asked(unit: str, rest: str) -> tuple[str, str]:
    m = _ASKS.match(rest)
    if m is None:
        return unit, rest
    asked, after = _subject(rest[m.end() :])
    return (asked, after) if asked and after else (unit, rest)


# A role named by what it does ("Cơ quan chủ trì giải quyết thủ tục đầu tư dự án có trách
# nhiệm …", "Cơ quan phối hợp có trách nhiệm …", or such a heading alone over its items): a
# collective noun, a short defining clause without punctuation, then the duty or nothing.
# The first verb inside the clause is no end of the name. ("Tổ chức" is left out: "Tổ chức
# thực hiện" is a section heading, not a role.)
_ROLE = re.compile(
    r"^((?:Cơ quan|Đơn vị)\s[^\s,;.:()]++(?:\s[^\s,;.:()]++){0,9}?)"
    r"(?:\s(?:có|chịu) trách nhiệm\b|\s*+:?$)"
)


def _role(text: str) -> tuple[str, str] | None:
    m = _ROLE.match(text)
    if m is None or is_bare_noun(m.group(1)):
        return None
    return m.group(1), text[m.end(1) :].strip()


def _subject(body: str) -> tuple[str, str]:
    text = _FORMULA.sub("", body.strip(), count=1)
    if role := _role(text):
        return role
    if m := _ADDRESSEE.match(text):
        rest = text[m.end() :]
        if _VERB.match(" " + rest):
            return m.group(1), rest
    for m in _VERB.finditer(text[:600]):
        head = unit_text(text[: m.start()].strip(" ,"))
        if not head:
            continue
        if ";" in head or "." in head or len(head.split()) > _MAX_HEAD_WORDS:
            break
        if len(head.split()) < 2 or fold(head) in _BARE_TITLES:
            continue  # "Lãnh đạo, chỉ đạo …": a verb, not the unit "Lãnh đạo …"
        colon = m.group(0).strip() == ":"
        if colon and (listed := _field_list(head, text[m.end() :])):
            return listed
        if names_unit(head[:160]) or names_unit(unit_text(head)):
            after = text[m.end() if colon else m.start() :].strip(" ,")
            return _known_head(head, after)
    plain = text.rstrip(" :")
    short = len(plain) <= 160 and len(plain.split()) <= _MAX_LIST_WORDS
    if short and not re.search(r"[.;]", plain) and names_unit(plain):
        return plain, ""
    return "", body


_MAX_NAME_WORDS = 12
# Words that carry a unit's name on (its level, place or scope), not an action.
_NAME_GOES_ON = {
    "tinh", "thanh", "pho", "cap", "xa", "phuong", "huyen", "quan", "thi", "tran", "truc",
    "thuoc", "lien", "co", "cac", "dia", "khu", "vuc", "ngang", "bo", "nganh", "trung", "va",
}  # fmt: skip


def _known_head(head: str, rest: str) -> tuple[str, str]:
    """ "Bộ Tài chính thẩm định hồ sơ" (an action word the verb list lacks) -> the
    longest start of ``head`` the unit lexicon knows, when only lowercase words follow
    it; a head the lexicon knows whole, or with a name going on, stays."""
    words = head.split()
    if len(words) > _MAX_NAME_WORDS or "," in head or builtin_canonical(head):
        return head, rest  # a list of units is cut by its verb, never here
    for k in range(len(words) - 1, 1, -1):
        tail = words[k:]
        if not all(w[:1].islower() for w in tail) or fold(tail[0]) in _NAME_GOES_ON:
            continue  # "Sở … tỉnh", "UBND … cấp xã": the name goes on
        if builtin_canonical(" ".join(words[:k])):
            return " ".join(words[:k]), f"{' '.join(tail)} {rest}".strip()
    return head, rest


def _field_list(head: str, rest: str) -> tuple[str, str] | None:
    """ "Các Bộ: Tài chính, Y tế khẩn trương …" -> ("Bộ Tài chính, Bộ Y tế", "khẩn trương …");
    "Chủ tịch Ủy ban nhân dân các tỉnh: Gia Lai, Đắk Lắk chỉ đạo …" -> ("Ủy ban nhân dân
    các tỉnh Gia Lai, Đắk Lắk", "chỉ đạo …")."""
    office = office_units(head)  # "Bộ trưởng các Bộ: Xây dựng, …" lists ministries too
    kind = field_list_head(office)
    for m in _VERB.finditer(rest[:600]):
        listed = rest[: m.start()].strip(" ,")
        if not listed or m.group(0).strip() == ":" or any(c in listed for c in ";."):
            return None
        after = rest[m.start() :].strip(" ,")
        if kind is not None:
            return expand_fields(kind, listed), after
        places = places_list(office, listed)
        return (places, after) if places else None
    return None


# --- the deadline -----------------------------------------------------------------

_Y = r"(?:19|20)\d\d"
_DATED_FORM = (
    rf"(?:ngày\s+)?\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*{_Y}"
    rf"|(?:ngày\s+)?\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+{_Y}"
    rf"|tuần\s+(?:đầu|cuối|thứ\s+\w+)\s+(?:của\s+)?tháng\s+\d{{1,2}}\s*(?:/|\s+năm\s+){_Y}"
    rf"|tháng\s+\d{{1,2}}\s*[-–]\s*(?:tháng\s+)?\d{{1,2}}\s*/\s*{_Y}"  # "tháng 7-9/2026"
    rf"|tháng\s+\d{{1,2}}(?:\s*(?:,|và)\s*(?:tháng\s+)?\d{{1,2}})*\s*(?:/|\s+năm\s+){_Y}"
    rf"|quý\s+[IV1-4]+(?:\s*(?:,|và|-|–)\s*(?:quý\s+)?[IV1-4]+)*\s*(?:/|\s+năm\s+){_Y}"
    rf"|(?:6|06|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+{_Y})?"
    rf"|tháng\s+(?:{MONTH_NAME})\s+năm\s+{_Y}"  # "tháng Sáu năm 2026"
)
_DATE_FORM = _DATED_FORM + rf"|năm\s+{_Y}"
# With a firm cue a day may stand without its year ("hoàn thành trước 15/7"): the plan's.
_YEARLESS_DAY = (
    r"(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?![\d/])"
    r"|tháng\s+\d{1,2}(?![\d/.\s]*(?:/|năm|[-–]))|quý\s+[IV]+\b(?![\s/]*(?:/|năm|[-–]))"
)  # "xong trong tháng 4", "hoàn thành trong quý II": the plan's year
# Firm cues, then weaker ones read only when a sentence has no firm one.
_FIRM = re.compile(
    r"\b(?:trước|chậm nhất(?:\s+là)?|hoàn thành(?:\s+(?:trong|trước|vào))?|xong(?:\s+(?:trước|trong))?|"
    r"thời gian(?:\s+(?:thực hiện|hoàn thành))?:?|"
    r"đến hết|"
    r"hạn:?|(?:để|và|bảo đảm|đảm bảo)\s+có\s+hiệu lực(?:\s+thi hành)?(?:\s+kể)?\s+từ)"
    r"\s+(?P<d>" + _DATE_FORM + "|" + _YEARLESS_DAY + r")"
    r"|^\s*(?:trong|đến hết)\s+(?P<lead>" + _DATE_FORM + r")\s*,",  # "Trong quý III năm 2026, …"
    re.IGNORECASE,
)
# "… 44 nhiệm vụ có thời hạn hoàn thành trong quý II": other tasks' deadlines.
_DESCRIBED = re.compile(r"\bcó\s+(?:thời\s+)?hạn(?:\s+hoàn thành)?\s*$", re.IGNORECASE)
_REPORT = re.compile(
    r"\b(?:trình|báo cáo|ban hành|gửi)\b[^.;]{0,80}?\btrong\s+(?P<d>" + _DATE_FORM + r")",
    re.IGNORECASE,
)
_WEAK = re.compile(r"\b(?:trong|vào|đến)\s+(?P<d>" + _DATE_FORM + r")", re.IGNORECASE)
# "- Kiểm tra …, Quý III/2026." / "… (tháng 5/2026)": a time set apart at the end of the
# item, with no cue word; a bare "năm 2026" there is the work's scope, not its deadline.
_SET_APART = re.compile(
    r"(?:^|[,:(\[→–-])\s*+(?:(?:trong|vào)\s+)?(?P<d>" + _DATED_FORM + r")\s*+[)\]]?\s*+$",
    re.IGNORECASE,
)
_WRITTEN = (
    rf"(?:\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*{_Y}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+{_Y})"
)
# The date of a cited document or meeting, and a start that is no deadline ("hội nghị …,
# hoàn thành trước ngày 15/4/2026" is the meeting's deadline, not its date).
_CITED = re.compile(
    r"\bsố\s+[\w/.\-–]*\d[\w/.\-–]*(?:\s+[\w/.\-–]+){0,2}?\s+ngày\s+" + _WRITTEN
    + r"|\b(?:phiên họp|hội nghị|cuộc họp|buổi làm việc|kỳ họp)\b"
    + r"(?:(?!trước|hoàn thành|chậm nhất|xong)[^.;]){0,80}?\bngày\s+" + _WRITTEN
    + r"|(?<!hiệu lực )(?<!thi hành )(?<!kể )\btừ\s+(?:ngày\s+)?" + _WRITTEN,
    re.IGNORECASE,
)  # fmt: skip
_RECURRING = re.compile(
    r"\b(?:định kỳ|(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm))\b", re.IGNORECASE
)
_CADENCE = re.compile(r"\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)\b", re.IGNORECASE)
_EVENT = re.compile(r"\b(?:ngay\s+)?sau khi\s+[^.;]{3,160}", re.IGNORECASE)
# "trong vòng 10 ngày kể từ ngày ký Chỉ thị này", "chậm nhất 05 ngày làm việc sau khi …"
_WITHIN = re.compile(
    r"\b(?:trong vòng|trong thời hạn|chậm nhất(?: là)?|không quá)\s+\d{1,3}\s+ngày"
    r"(?:\s+làm việc)?\s+(?:kể từ|sau khi|sau)\s+[^.;]{3,120}",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^.;]+")
# "hằng tuần từ tháng 5 đến tháng 8/2026": a cadence within a range ends with the range.
_RANGE_END = re.compile(r"đến\s", re.IGNORECASE)
# A date that goes on into a range's end or a second date, read with the first (matched
# right after the date: never from inside a run of spaces, which would rescan the run).
_RUNS_ON = re.compile(
    r"(?<!\s)(?:\s*+(?:[–-]|đến|và)\s*+(?:ngày\s+)?(?:"
    + _DATED_FORM
    + "|"
    + _YEARLESS_DAY
    + r"))+",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(_Y)
_NEXT_STEP = re.compile(r"\s(?:và|đồng thời)\s(?=\w)")


def _masked(text: str) -> str:
    return _CITED.sub(lambda m: " " * len(m.group(0)), text)


def _dates(rx: re.Pattern[str], text: str, plan_year: int | None) -> tuple[set[date], list[str]]:
    dates: set[date] = set()
    raws: list[str] = []
    for clause in _CLAUSE.finditer(text):
        part = clause.group(0)
        # "định kỳ hằng tháng, trước ngày 25": a cadence, no one date; but "… hằng tuần và
        # báo cáo tổng kết trước ngày 15/9/2026" adds a dated step after the cadence.
        cadences = [m.start() for m in _RECURRING.finditer(part)]
        steps = [0, *(m.start() for m in _NEXT_STEP.finditer(part)), len(part)]
        for m in rx.finditer(part):
            found = m.groupdict().get("lead") or m.group("d")
            step = max(i for i in steps if i <= m.start())
            end = min(i for i in steps if i > m.start())
            bounded = _RANGE_END.match(m.group(0)) and "từ " in part[step : m.start()].lower()
            if not bounded and (
                any(step <= c < end for c in cadences) or (cadences and not _HAS_YEAR.search(found))
            ):
                continue  # "… 6 tháng trước ngày 10/6 và báo cáo năm trước ngày 25/11": a cadence
            if fold(found).startswith("nam") and fold(m.group(0)).startswith("den nam"):
                continue  # "đến năm 2030": a horizon
            if _DESCRIBED.search(part[: m.start()]):
                continue
            more = _RUNS_ON.match(part, m.end())
            tail = more.group(0) if more else ""  # "01/5 – 31/7/2026", "15/6/2026 và 05/12/2026"
            found += tail
            if found[:1].isdigit() and "tháng" in found:
                found = f"ngày {found}"  # "01 tháng 7 năm 2026" is a day, not July
            parsed = parse_deadline(found, plan_year)
            if parsed.kind == "date" and parsed.due_dates:
                dates.update(parsed.due_dates)
                raws.append((m.group(0) + tail).strip().lstrip(",:([→–- "))
    return dates, raws


_DAY_OF_PERIOD = re.compile(r"(?:trước|chậm nhất|vào)\s++ngày\s++\d{1,2}\s++$", re.IGNORECASE)


def assignment_deadline(text: str, plan_year: int | None) -> Deadline:
    """The deadline an assignment sentence states; none when it states no date of its own."""
    masked = _masked(text)
    dates, raws = _dates(_FIRM, masked, plan_year)
    more, more_raws = _dates(_REPORT, masked, plan_year)
    dates |= more
    raws += more_raws
    if not dates:
        dates, raws = _dates(_WEAK, masked, plan_year)
    if not dates:
        dates, raws = _dates(_SET_APART, masked, plan_year)
    if dates:
        return Deadline(raw="; ".join(dict.fromkeys(raws)), kind="date", due_dates=sorted(dates))
    if m := _CADENCE.search(masked) or _RECURRING.search(masked):
        parsed = parse_deadline(m.group(0), plan_year)  # "hằng quý" -> quarterly
        # "trước ngày 15 hằng tháng": the day of each period is part of the rhythm
        day = _DAY_OF_PERIOD.search(masked[max(0, m.start() - 40) : m.start()])
        raw = (day.group(0) + m.group(0)) if day else m.group(0)
        return Deadline(raw=raw.strip(), kind="recurring", recurrence=parsed.recurrence)
    if (m := _WITHIN.search(masked)) and (
        parsed := parse_deadline(m.group(0), plan_year)
    ).offset_days:
        return Deadline(
            raw=m.group(0).strip(), kind="event", event=parsed.event, offset_days=parsed.offset_days
        )
    if m := _EVENT.search(masked):
        return Deadline(raw=m.group(0).strip(), kind="event", event=m.group(0).strip())
    if m := ONGOING_SAID.search(masked):  # "…; thực hiện thường xuyên.": as written
        return Deadline(raw=m.group(0), kind="ongoing")
    return Deadline(raw="", kind="none")


# "…; thực hiện thường xuyên.", "Thường xuyên kiểm tra …": the work goes on; not an
# adjective ("xử lý lỗi thường xuyên trên Cổng …").
ONGOING_SAID = re.compile(
    r"\b(?:thực hiện|triển khai|tiến hành|duy trì)\s+(?:thường xuyên|liên tục)\b"
    r"|(?:^|(?<=[;:]\s))(?:thường xuyên|liên tục)\b",
    re.I,
)
