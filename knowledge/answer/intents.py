"""What a question asks, read by rules on its folded text (with or without diacritics).

Rules beat a classifier here: the question forms officials use are few and the
words that mark them ("ai chủ trì", "bao nhiêu nhiệm vụ", "quá hạn") are stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.retrieval.analyzer import expand_abbreviations, syllables


class Intent(StrEnum):
    """What a question asks; each value has one answering module (``engine.KINDS``)."""

    DOC_META = "doc_meta"  # a plan's số hiệu, signer, issue date, issuer; the plan list
    OVERDUE = "overdue"
    COUNT = "count"  # how many tasks (a unit's, or a whole plan's)
    UNIT_TASKS = "unit_tasks"
    DUE_WINDOW = "due_window"
    WHO = "who"
    DEADLINE = "deadline"
    PRODUCT = "product"
    TARGET = "target"
    PLAN_TARGETS = "plan_targets"  # all targets of a plan, or how many
    PLAN_OBJECTIVE = "plan_objective"  # "mục tiêu chung"
    TASK_NUMBER = "task_number"  # "nhiệm vụ số 10", "STT 10"
    SEARCH = "search"
    CLARIFY = "clarify"
    NONE = "none"


LIST_INTENTS = frozenset({Intent.UNIT_TASKS, Intent.COUNT, Intent.OVERDUE, Intent.DUE_WINDOW})


def _any(q: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?:^| ){re.escape(p)}(?: |$)", q) for p in phrases)


def asks_any(question: str, phrases: tuple[str, ...]) -> bool:
    """The question (as typed) holds one of the folded ``phrases``."""
    return _any(" ".join(syllables(question)), phrases)


DOC_NUMBER = ("so hieu", "so ky hieu", "so van ban", "ky hieu van ban", "so may")
DOC_SIGNER = (
    "nguoi ky",
    "ai ky",
    "ky boi",
    "do ai ky",
    "ky ban hanh",
    "ai la nguoi ky",
    "nao ky",
    "nao da ky",
)
DOC_DATE = (
    "ngay ban hanh",
    "ban hanh ngay",
    "ban hanh khi nao",
    "ban hanh vao ngay",
    "ban hanh luc nao",
    "ban hanh bao gio",
    "ky ngay",
)
# "… ban hành khi nào?" also asks when a task (issue a plan, a report) is due.
DOC_DATE_AMBIGUOUS = ("ban hanh khi nao", "ban hanh luc nao", "ban hanh bao gio")
DOC_ISSUER = (
    "co quan ban hanh",
    "ai ban hanh",
    "don vi ban hanh",
    "noi ban hanh",
    "do ai ban hanh",
)
# What the plan is about: answered with its full title.
DOC_SUBJECT = (
    "ve viec gi",
    "ve van de gi",
    "noi ve van de gi",
    "noi ve gi",
    "ve noi dung gi",
    "noi dung gi",
    "ban hanh cai gi",
    "la ke hoach gi",
    "la chuong trinh gi",
    "ve chuong trinh gi",
    "la van ban gi",
    "ve linh vuc gi",
)
DOC_LIST = ("nhung ke hoach nao", "cac ke hoach nao", "bao nhieu ke hoach", "danh sach ke hoach")

# "đã đến hạn" is a deadline that has come, like "đã hết hạn"; "đến hạn" alone is a window.
OVERDUE = ("qua han", "tre han", "cham tien do", "da het han", "da den han", "tre hen", "bi tre")
# "những hạn nào … đã qua", "đã trễ những mốc nào": deadlines passed, asked by the date word.
_PASSED = re.compile(
    r"(?:^| )(?:han|moc)(?: [a-z0-9]+){0,8}? (?:da|bi) (?:qua|tre|lo)(?: |$)"
    r"|(?:^| )(?:da|bi) (?:tre|lo) (?:nhung |cac )?(?:han|moc)(?: |$)"
)
# "… bây giờ / đến nay đã quá hạn chưa": when it is asked from, not what is asked about.
NOW_WORDS = (
    "bay gio",
    "den nay",
    "hien nay",
    "hien tai",
    "luc nay",
    "hom nay",
    "den thoi diem nay",
)
COUNT = (
    "bao nhieu nhiem vu",
    "may nhiem vu",
    "bao nhieu noi dung",
    "may noi dung",
    "bao nhieu nhom",
    "may nhom",
    "bao nhieu hoat dong",
    "may hoat dong",
    "bao nhieu giai phap",
    "may giai phap",
    "bao nhieu viec",
    "may nhiem vu",
    "so luong nhiem vu",
    "tong so nhiem vu",
    "bao nhieu cong viec",
    "dem so nhiem vu",
)
TASK_WORDS = (
    "nhiem vu",
    "cong viec",
    "nhung viec",
    "viec gi",
    "viec nao",
    "lam gi",
    "phu trach gi",
    "duoc giao",
    "giao nhiem vu",
    "chu tri nhung",
    "chu tri gi",
    "chu tri nhiem vu",
    "phai lam",
    "can lam",
)
LIST_WORDS = (
    "nhung nhiem vu",
    "nhiem vu nao",
    "cac nhiem vu",
    "nhung viec",
    "viec nao",
    "danh sach nhiem vu",
    "co nhiem vu",
    "nhiem vu gi",
    # An appendix's rows are "hoạt động": "những hoạt động nào đến hạn" lists them too.
    "nhung hoat dong",
    "cac hoat dong",
    "hoat dong nao",
    "hoat dong gi",
)
# "… đã trễ những mốc nào", "có những hạn nào đã qua": the passed deadlines, listed.
DEADLINE_LIST_WORDS = (
    "nhung moc",
    "cac moc",
    "moc nao",
    "moc han nao",
    "nhung han nao",
    "cac han nao",
)
# "Sở X phải làm gì / có những nhiệm vụ gì / được giao những việc gì …": a unit's list,
# whatever else the question says (the rest narrows the list to that topic).
UNIT_LIST_ASK = LIST_WORDS + (
    "lam gi",
    "lam nhung gi",
    "nhung viec gi",
    "viec gi",
    "giao nhung",
    "phu trach nhung",
    "chu tri nhung",
    "phoi hop nhung",
    "phoi hop gi",
    "trach nhiem gi",
    "nhung trach nhiem",
    "trach nhiem nao",
    "nhung noi dung gi",  # "Thuế tỉnh phải cho ý kiến những nội dung gì"
    "noi dung gi",  # "Thuế tỉnh có ý kiến thẩm định nội dung gì"
    "nhung noi dung nao",
    "ve noi dung gi",
)
# "nhiệm vụ thường xuyên gì", "những việc cụ thể nào": a list with a word or two between.
_TASKS_WHICH = re.compile(
    r"(?:^| )(?:nhiem vu|viec|trach nhiem)(?: \w+){1,4} (?:gi|nao)(?: |$)"
    r"|(?:^| )(?:nhiem vu|trach nhiem) cua(?: \w+){1,8} la gi(?: |$)"  # "trách nhiệm của Sở Y tế là gì"
)
WINDOW_WORDS = (
    "den han",
    "het han",
    "sap den han",
    "toi han",
    "phai xong",
    "can hoan thanh",
    "phai hoan thanh",
    "moc nao",  # "tháng này có mốc nào phải hoàn thành"
)
WHO_LEAD = (
    "ai chu tri",
    "don vi nao chu tri",
    "co quan nao chu tri",
    "chu tri la ai",
    "ai phu trach",
    "ai thuc hien",
    "ai lam",
    "ai lo",
    "ai chiu trach nhiem",
    "don vi nao thuc hien",
    "co quan nao thuc hien",
    "don vi nao phu trach",
    "co quan nao phu trach",
    "do ai",
    "do don vi nao",
    "do co quan nao",
    "giao cho ai",
    "giao cho don vi nao",
    "ai tham muu",
    "co quan chu tri",
    "don vi chu tri",
    "don vi nao",
    "co quan nao",
    "ai dam nhiem",
)
WHO_COORD = ("phoi hop",)
# "cơ quan nào phối hợp", "phối hợp với ai": the coordinating units are what is asked.
_COORD_ASKED = re.compile(
    r"(?:^| )(?:nao|ai) phoi hop(?: |$)"
    r"|(?:^| )phoi hop (?:voi )?(?:ai|nhung ai|(?:don vi|co quan|bo|so|nganh) nao|la|gom)(?: |$)"
)
# "sở nào chủ trì", "do bộ nào thực hiện", "ngành nào phụ trách": a kind of unit asked for.
_UNIT_KINDS = (
    r"(?:so|bo|phong|ban|nganh|don vi|co quan|dia phuong|to chuc|cap|ubnd|lanh dao|tap doan)"
)
_WHICH_UNIT = re.compile(rf"(?:^| ){_UNIT_KINDS} nao(?: |$)")
# "…, bộ nào trình Thủ tướng …": a clause opening with a unit kind asked, then a verb:
# who does the work is asked ("Sở X chỉ đạo đơn vị nào …" asks another role). The plan's
# name is cut from what is read, and with it the comma after "Theo NQ 51,".
_SUBJECT_ASKED = re.compile(
    rf"^(?:theo )?{_UNIT_KINDS} nao (?!co |la |khong |duoc |phai |nhu |hay |va |con )[a-z]"
)
_CLAUSES = re.compile(r"[,:;?.]\s*")


def _clause_opens_with_unit_asked(question: str) -> bool:
    return any(_SUBJECT_ASKED.match(" ".join(syllables(c))) for c in _CLAUSES.split(question))


# "NQ 122 giao bộ nào trình …": the unit the work is given to is asked.
_GIVEN_TO = re.compile(rf"(?:^| )giao(?: cho)?(?: nhung| cac)? {_UNIT_KINDS} nao(?: |$)")
_GIVEN_ASKED = re.compile(r" giao(?: cho)? §")
_ROLE_VERBS = (
    "chu tri",
    "thuc hien",
    "phu trach",
    "tham muu",
    "chiu trach nhiem",
    "dam nhiem",
    "duoc giao",
    "dau moi",
    "lam",
)
# "ai được giao (trực tiếp) chỉ đạo …", "ai trực tiếp chỉ đạo …".
_WHO_DIRECTS = re.compile(r"(?:^| )ai (?:duoc (?:giao|phan cong) )?(?:truc tiep )?chi dao(?: |$)")
_WHO_ASSIGNED = re.compile(r"(?:^| )ai (?:duoc|se|phai) (?:giao|phan cong)(?: |$)")
WHO_SUPERVISOR = (
    "chi dao tien do",
    "chiu trach nhiem chi dao",
    "ai chi dao",
    "lanh dao nao chi dao",
)
DEADLINE = (
    "khi nao",
    "bao gio",
    "thoi han",
    "han chot",
    "han hoan thanh",
    "thoi gian hoan thanh",
    "luc nao",
    "hoan thanh truoc",
    "den han khi nao",
    "het han khi nao",
    "thoi diem nao",
    "con han",  # "đến giờ còn hạn không"
    "han la",
    "han nao",
    "may gio",
    "truoc ngay nao",
    "ngay nao",
    "ngay may",
    "ngay bao nhieu",
    "thang nao",
    "quy may",
    "quy nao",
    "thang may",
    "nam nao",
    "den khi nao",
    "tu khi nao",
    "den bao gio",
    "thoi gian thuc hien",
    # A table's "Tiến độ thực hiện" column is its deadline: "… có tiến độ thực hiện thế nào".
    "tien do thuc hien",
    "tien do hoan thanh",
)
TARGET = (
    "chi tieu",
    "muc tieu",
    "ty le",
    "ti le",
    "dat bao nhieu",
    "phan tram",
    "bao nhieu phan tram",
    "dat muc",
    "dat it nhat",
    "toi thieu",
    "phan dau",
    "muc do hai long",
)
FOLLOW_UP = ("con ", "the con ", "vay con ", "con voi ")
# "… thì sao?" asks again about something new; a bare "thế nào" ends ordinary questions.
FOLLOW_UP_TAIL = ("thi sao", "thi the nao", "thi co gi", "thi sao a")
PRODUCT = (
    "san pham",
    "ket qua dau ra",
    "dau ra la gi",
    "ket qua la gi",
    "ket qua du kien",
    "ket qua can dat",
)
# "Kết quả của nhiệm vụ X là gì": the task's result column (its product), not how far
# it has got ("kết quả thực hiện nhiệm vụ X").
_RESULT_OF = re.compile(r"(?:^| )ket qua (?:cua )?(?:nhiem vu|viec|de an|cong viec) .* la gi\b")
# The whole plan's targets: "các chỉ tiêu của kế hoạch", "có bao nhiêu chỉ tiêu".
PLAN_TARGETS = (
    "bao nhieu chi tieu",
    "may chi tieu",
    "cac chi tieu",
    "nhung chi tieu",
    "danh sach chi tieu",
    "chi tieu nao",
    "chi tieu gi",
    "chi tieu chu yeu",
    "cac muc tieu cu the",
    "muc tieu cu the",
)
PLAN_OBJECTIVE = (
    "muc tieu chung",
    "muc tieu tong quat",
    "muc tieu tong the",
    "muc dich",
    "muc tieu cua ke hoach",
)
# "nhiệm vụ số 10", "STT 10", "nhiem vu thu 3": a task by its number in the plan.
TASK_NUMBER = re.compile(
    r"(?:^| )(?:(?:muc|nhiem vu|noi dung|cong viec|hoat dong|kien nghi|giai phap)"
    r"(?:\s+(?:so|thu))?|stt|so thu tu|(?<=[ivx] )so)\s+(\d{1,3}(?:[. ]\d{1,2}(?= |$))*)(?= |$)"
)  # the fold writes "9.5" as "9 5"; "mục III số 5" is item 5 of part III


def task_number(q: str) -> str:
    """The STT a folded question asks, dotted: "nhiệm vụ số 9.5" -> "9.5", and "mục 1
    nhiệm vụ (3)" -> "1.3" (an item named inside its part, one after the other)."""
    found = list(TASK_NUMBER.finditer(q))
    if len(found) > 1:
        # "nhiệm vụ số 2 nội dung 4": the "nội dung" names the part the task is in
        found = [m for m in found if not m.group(0).lstrip().startswith("noi dung")] or found
    if not found:
        return ""
    parts = [found[0].group(1).replace(" ", ".")]
    for before, after in zip(found, found[1:], strict=False):
        if after.start() != before.end():
            break
        parts.append(after.group(1).replace(" ", "."))
    return ".".join(parts)


MINE = ("cua toi", "don vi toi", "cua minh", "don vi minh", "co quan toi", "co quan minh")


@dataclass
class Reading:
    intent: Intent
    role: str = "lead"  # for "who": lead | coordinate | supervisor
    doc_field: str = ""  # for "doc_meta": number | signer | date | issuer | list
    follow_up: bool = False
    mine: bool = False
    number: str = ""  # for "task_number": the STT asked
    count: bool = False  # "bao nhiêu …": the answer leads with the number
    fields: list[str] = field(default_factory=list)  # every plan fact asked ("ai ký, ngày nào")


def normalized(question: str) -> str:
    """Folded question with administrative abbreviations expanded in place."""
    sylls = syllables(question)
    extra = expand_abbreviations(sylls)
    return " ".join(sylls + (["|"] + extra if extra else []))


def is_follow_up(q: str) -> bool:
    return q.startswith(FOLLOW_UP) or any(q.endswith(t) for t in FOLLOW_UP_TAIL)


def topic(question: str) -> str:
    """The question without its intent phrases: what the task or target is about."""
    q = " " + " ".join(syllables(question)) + " "
    asks_lead = " chu tri " in q
    groups = (
        WHO_LEAD,
        WHO_SUPERVISOR,
        DEADLINE,
        DOC_NUMBER,
        DOC_SIGNER,
        DOC_DATE,
        DOC_ISSUER,
        OVERDUE,
        NOW_WORDS,
    )
    # Longest first across groups: "ban hành ngày nào" goes whole, not as "ngày nào".
    for phrase in sorted({p for g in groups for p in g}, key=len, reverse=True):
        q = q.replace(f" {phrase} ", " § ")
    for pattern in (_GIVEN_TO, _WHICH_UNIT, _WHO_DIRECTS, _WHO_ASSIGNED):
        q = pattern.sub(" § ", q)
    q = _GIVEN_ASKED.sub(" §", q)  # "… giao đơn vị nào chủ trì": "giao" asks who, too
    q = _role_words_at_asked(q)
    q = _TAIL_PARTICLES.sub(" ", " ".join(q.split()))
    if asks_lead and " chu tri " not in q:
        q += " chu tri"  # passages naming the lead unit say "chủ trì"
    return " ".join(q.split()) or question


_ROLE_RUN = re.compile(
    r"§(?: (?:" + "|".join(p for p in _ROLE_VERBS if p != "lam") + r"|va|,))+(?= |$)"
)


# "… đã quá hạn chưa?", "… xong không?": the question's closing particles ("chưa"
# folds like "chữa" in "sửa chữa", so it must not count as a topic word).
_TAIL_PARTICLES = re.compile(r"(?: (?:da|chua|khong|a|nhi|vay|roi|the|nhe))+ *$")


def _role_words_at_asked(q: str) -> str:
    """Role verbs right after the asked phrase ("cơ quan nào chủ trì tham mưu") say which
    role is asked, not what the task is; a task's lead is data, not words to match."""
    return _ROLE_RUN.sub(" ", q).replace("§", " ")


# "… ai ký, ngày nào?" after a plan's name; alone, "ngày nào" asks a task's deadline.
DOC_DATE_FOLLOW = ("ngay nao", "ngay bao nhieu", "khi nao")


def _first_at(q: str, phrases: tuple[str, ...]) -> int:
    spots = [m.start() for p in phrases for m in re.finditer(rf"(?:^| ){re.escape(p)}(?= |$)", q)]
    return min(spots, default=len(q))


# "… triển khai / thực hiện những quyết định nào", "ban hành kèm nghị quyết nào": the
# documents the plan carries out, which its title quotes.
# The kinds of document a plan quotes by number and carries out (folded).
DOC_KINDS = (
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "ket luan",
    "thong bao",
    "de an",
    "chuong trinh",
    "ke hoach",
    "luat",
    "nghi dinh",
    "thong tu",
    "cong dien",
)
# … and their short forms as typed ("thực hiện QĐ nào của TTg").
DOC_KIND_SHORT = ("qd", "nq", "ct", "tb", "kh", "nd", "tt", "cd")
DOC_BASIS = re.compile(
    r"(?:^| )(?:trien khai|thuc hien|cu the hoa|kem theo|kem|can cu)(?: (?:nhung|cac))? "
    rf"(?:{'|'.join((*DOC_KINDS, *DOC_KIND_SHORT, 'van ban'))}) (?:nao|gi)(?: |$)"
)


# "chủ tịch … ký QĐ 3369 là ai": who signed, the document between.
# ("chữ ký số … là ai chủ trì" asks a lead)
_SIGNED_BY_WHOM = re.compile(
    r"(?:^| )(?<!chu )ky(?! so)(?: [a-z0-9]+){0,6} la ai(?! chu tri| phoi hop| thuc hien)(?: |$)"
)
# "gồm bao nhiêu thủ tục, ai ký": a count asked beside a plan fact.
_HOW_MANY = re.compile(r"(?:^| )(?:bao nhieu|tong so|so luong) [a-z]")


def doc_fields(q: str) -> list[str]:
    """The plan facts a question asks, in the order it asks them."""
    found: list[tuple[int, str]] = []
    if (m := DOC_BASIS.search(q)) is not None:
        found.append((m.start(), "basis"))
    if (m := _SIGNED_BY_WHOM.search(q)) is not None and not _any(q, DOC_SIGNER):
        found.append((m.start(), "signer"))
    for phrases, name in (
        (DOC_NUMBER, "number"),
        (DOC_SIGNER, "signer"),
        (DOC_DATE, "date"),
        (DOC_ISSUER, "issuer"),
        (DOC_SUBJECT, "subject"),
        (DOC_LIST, "list"),
        (PLAN_RUNS, "runs"),
    ):
        if _any(q, phrases):
            if name == "date" and _any(q, DOC_DATE_AMBIGUOUS) and not _any(q, DOC_DATE[:2]):
                name = "date?"
            found.append((_first_at(q, phrases), name))
    for m in _SAID_WHEN.finditer(q):
        if m.group(1) == "hieu luc" or found:  # an event verb only beside another plan fact
            found.append((m.start(), SAID_FIELDS[m.group(1)]))
    out = [name for _, name in sorted(found)]
    said = any(f in SAID_FIELDS.values() for f in out)
    plain = not said and "runs" not in out  # "thực hiện khi nào" asks no issue date
    if out and plain and "date" not in out and "date?" not in out and _any(q, DOC_DATE_FOLLOW):
        out.append("date")
    if out and _any(q, ("so may", "so bao nhieu", "so hieu")) and "number" not in out:
        out.append("number")
    if out and _any(q, DOC_PERIOD_FOLLOW):
        out.append("period")  # "… thực hiện chỉ thị nào, giai đoạn nào?"
    return out


# "… có hiệu lực khi nào", "(phiên họp) được họp vào ngày nào": when the document says
# something takes effect or takes place; its own sentence answers, not its issue date.
SAID_FIELDS = {"hieu luc": "effect", "hop": "held", "khai mac": "held", "dien ra": "held"}
_SAID_WHEN = re.compile(
    rf"(?:^| )({'|'.join(SAID_FIELDS)})(?: (?:thi hanh|vao|tu|duoc))* "
    r"(?:khi nao|ngay nao|tu khi nao|tu ngay nao|bao gio|luc nao|thoi gian nao)(?= |$)"
)


# When the plan as a whole is carried out: its "Thời gian thực hiện" ("Kế hoạch … thực
# hiện trong thời gian nào?"); with words of a task besides, that task's time instead.
PLAN_RUNS = (
    "thuc hien trong thoi gian nao",
    "trien khai trong thoi gian nao",
    "thoi gian thuc hien ke hoach",
    "thuc hien trong bao lau",
    "thuc hien den khi nao",
    "thuc hien den bao gio",
    "keo dai bao lau",
    "keo dai den khi nao",
    "thuc hien khi nao",
    "trien khai khi nao",
    "lam khi nao",
)


# After another plan fact, "giai đoạn nào" asks the plan's period (alone, a task's).
DOC_PERIOD_FOLLOW = ("giai doan nao", "thoi ky nao", "giai doan bao nhieu")


# Words besides the subject phrase that make "… về nội dung / lĩnh vực gì" ask about
# something inside the plan (a duty, a task) rather than what the plan is about.
SUBJECT_TOPIC_WORDS = 4
_FILLER = frozenset({"theo", "trong", "tai", "cua", "ve", "thi", "phai", "duoc", "co", "la", "cho"})


def _without(q: str, phrases: tuple[str, ...]) -> str:
    rest = f" {q} "
    for phrase in sorted(phrases, key=len, reverse=True):
        rest = rest.replace(f" {phrase} ", " ")
    return rest.strip()


def _asks_inside(q: str, has_unit: bool, phrases: tuple[str, ...] = DOC_SUBJECT) -> bool:
    """The subject phrase follows a unit or a verb phrase of its own: what a part of the
    plan says is asked. ``q`` is already without the words naming the plan."""
    if has_unit:
        return True
    rest = _without(q, phrases)
    return len([w for w in rest.split() if w not in _FILLER]) >= SUBJECT_TOPIC_WORDS


def read_question(
    question: str,
    *,
    has_unit: bool,
    has_window: bool,
    unit_focused: bool = True,
    percent: bool = False,
) -> Reading:
    """``unit_focused``: besides the unit, the question says little (a list question);
    ``percent``: the question as typed asks "bao nhiêu %" (the sign is no syllable)."""
    q = " ".join(syllables(question))
    if percent:
        q += " phan tram"  # "bao nhiêu % …": the sign asks a figure, as its words would
    follow = is_follow_up(q)
    mine = _any(q, MINE)
    how_many = _any(q, ("bao nhieu", "may", "so luong", "tong so"))
    fields = doc_fields(q)
    if fields == ["subject"] and _asks_inside(q, has_unit):
        fields = []  # "Sở X phải cho ý kiến về nội dung gì": a duty's content, not the plan's
    if "runs" in fields and _asks_inside(q, has_unit, PLAN_RUNS):
        # "việc khảo sát … thực hiện đến khi nào": that task's time, not the plan's
        fields = doc_fields(_without(q, PLAN_RUNS))
    if fields:
        return Reading(
            Intent.DOC_META,
            doc_field=fields[0],
            follow_up=follow,
            fields=fields,
            count=_any(q, COUNT) or _any(q, PLAN_TARGETS[:2]) or _HOW_MANY.search(q) is not None,
        )
    if _any(q, OVERDUE) or _PASSED.search(q):
        return Reading(Intent.OVERDUE, follow_up=follow, mine=mine)
    if _any(q, COUNT):
        return Reading(Intent.COUNT, follow_up=follow, mine=mine, count=True)
    number = task_number(q)
    scoped = (has_unit or mine) and unit_focused
    directs = _any(q, WHO_SUPERVISOR) or _WHO_DIRECTS.search(q) is not None
    which_unit = _WHICH_UNIT.search(q) is not None and (
        _any(q, _ROLE_VERBS) or q.split(" ", 1)[0] == "do" or " do " in q
    )
    which_unit = which_unit or _GIVEN_TO.search(q) is not None
    which_unit = which_unit or _clause_opens_with_unit_asked(question)
    asks_who = _any(q, WHO_LEAD) or directs or which_unit or _WHO_ASSIGNED.search(q) is not None
    if number and not scoped:
        return Reading(Intent.TASK_NUMBER, follow_up=follow, number=number)
    if _any(q, PLAN_OBJECTIVE) and not has_unit:
        return Reading(Intent.PLAN_OBJECTIVE, follow_up=follow)
    if _any(q, PLAN_TARGETS) and not has_unit and not asks_who:
        return Reading(Intent.PLAN_TARGETS, follow_up=follow, count=how_many)
    lists = _any(q, LIST_WORDS)
    tasks_asked = _any(q, TASK_WORDS + WHO_COORD) or (has_window and _any(q, WINDOW_WORDS))
    if scoped and tasks_asked and (lists or not asks_who):
        return Reading(Intent.UNIT_TASKS, follow_up=follow, mine=mine)
    unit_list = _any(q, UNIT_LIST_ASK) or _TASKS_WHICH.search(q) is not None
    # "… giao Bộ X làm gì, hạn khi nào": the list, each task with its due date.
    when_too = _first_at(q, UNIT_LIST_ASK) < _first_at(q, DEADLINE)
    if (has_unit or mine) and unit_list and not asks_who and (when_too or not _any(q, DEADLINE)):
        return Reading(Intent.UNIT_TASKS, follow_up=follow, mine=mine)
    # "tháng này nhiệm vụ nào đến hạn, ai chủ trì?": the list, each item with its lead.
    list_first = lists and _first_at(q, LIST_WORDS) < _first_at(q, WHO_LEAD)
    window_list = has_window and (lists or _any(q, WINDOW_WORDS)) and (list_first or not asks_who)
    if window_list and (lists or not _any(q, DEADLINE)):
        return Reading(Intent.DUE_WINDOW, follow_up=follow)
    if directs:
        return Reading(Intent.WHO, role="supervisor", follow_up=follow)
    if asks_who or _any(q, WHO_COORD):
        coord = _any(q, WHO_COORD) and not _any(q, WHO_LEAD)
        coord = coord or (_COORD_ASKED.search(q) is not None and " chu tri " not in f" {q} ")
        role = "coordinate" if coord else "lead"
        return Reading(Intent.WHO, role=role, follow_up=follow)
    if how_many and _any(q, TARGET):
        return Reading(Intent.TARGET, follow_up=follow, count=True)
    if _any(q, DEADLINE):
        return Reading(Intent.DEADLINE, follow_up=follow)
    if _any(q, PRODUCT) or _RESULT_OF.search(q) is not None:
        return Reading(Intent.PRODUCT, follow_up=follow)
    if _any(q, TARGET):
        return Reading(Intent.TARGET, follow_up=follow, count=how_many)
    if scoped and not _any(q, ("la gi", "nhu the nao", "ra sao")):
        return Reading(Intent.UNIT_TASKS, follow_up=follow, mine=mine)
    if _WHO_SUBJECT.search(q):
        return Reading(Intent.WHO, role="lead", follow_up=follow)
    return Reading(Intent.SEARCH, follow_up=follow, count=how_many)


# "… thì ai đánh giá về ưu đãi đầu tư": "ai" doing the work is its lead ("gửi cho ai",
# "với ai" ask other roles, and are read before this).
_WHO_SUBJECT = re.compile(r"(?:^| )(?<!cho )(?<!voi )(?<!gui )(?<!cua )(?<!ve )ai [a-z]")
