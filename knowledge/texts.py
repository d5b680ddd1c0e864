"""Every user-facing Vietnamese string, in one place.

Code, comments and logs are English; what a user reads comes from here. Each area
keeps its own section below; add new strings inside your area's section.
Dates print as dd/mm/yyyy (see ``fmt_date``).
"""

from __future__ import annotations

from datetime import date


def fmt_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def doc_label(doc_type: str | None, title: str) -> str:
    """ "Kế hoạch “Cải cách hành chính tỉnh Hà Tĩnh năm 2026”" for a sentence's subject."""
    return f"{doc_type or 'Văn bản'} “{title}”"


def plan_label(doc_type: str | None, number: str | None, title: str) -> str:
    """A plan as people name it: "Kế hoạch 141/KH-UBND (Nâng cao năng lực …)", no file name."""
    kind = doc_type or "Văn bản"
    if number and any(ch.isdigit() for ch in number.split("/")[0]):
        return f"{kind} {number} ({title})" if title else f"{kind} {number}"
    return f"{kind} “{title}”" if title else kind


# --- Loading documents ---------------------------------------------------------

# The formats a user is told to send, by the name each kind is known by; the loader
# (``knowledge.loaders.SUPPORTED``) also reads .markdown, .htm, and .xls/.xml workbooks.
SHOWN_FORMATS = (".docx", ".xlsx", ".csv", ".pdf", ".txt", ".md", ".json", ".html")
FORMATS_LIST = ", ".join(SHOWN_FORMATS[:-1]) + " hoặc " + SHOWN_FORMATS[-1]
FORMATS_BRIEF = ", ".join(SHOWN_FORMATS)
UNSUPPORTED_FORMAT = (
    "Không đọc được tệp “{name}”: định dạng {ext} chưa được hỗ trợ. "
    f"Vui lòng gửi tệp {FORMATS_LIST}."
)
XML_NOT_WORKBOOK = (
    "Tệp “{name}” là tệp XML nhưng không phải bảng tính Excel (XML Spreadsheet) hay trang web, "
    f"chưa đọc được. Vui lòng gửi tệp {FORMATS_LIST}."
)
BINARY_XLS = (
    "Tệp “{name}” là bảng tính Excel 97-2003 (.xls), chưa đọc được. "
    "Vui lòng mở tệp và lưu lại dưới dạng .xlsx hoặc .csv rồi gửi lại."
)
FILE_NOT_FOUND = "Không tìm thấy tệp “{name}”."
BROKEN_FILE = "Tệp “{name}” bị hỏng hoặc không đúng định dạng {ext}, không đọc được nội dung."
SCANNED_PDF = (
    "Tệp PDF “{name}” là bản scan (không có lớp chữ), cần nhận dạng ký tự (OCR) trước khi nạp. "
    "Vui lòng gửi bản Word hoặc PDF có lớp chữ."
)
EMPTY_FILE = "Tệp “{name}” không có nội dung văn bản."
UNKNOWN_ENCODING = "Không nhận ra bảng mã của tệp “{name}”. Vui lòng lưu lại dưới dạng UTF-8."
LEGACY_OR_LOCKED_DOC = (
    "Tệp “{name}” là tệp Word cũ (.doc) hoặc đã đặt mật khẩu, không đọc được. "
    "Vui lòng mở bằng Word, bỏ mật khẩu (nếu có) và lưu lại dưới dạng .docx."
)
ENCRYPTED_PDF = (
    "Tệp PDF “{name}” được đặt mật khẩu, không đọc được. Vui lòng gửi bản không đặt mật khẩu."
)
# Input limits (knowledge/limits.py, knowledge/loaders/*)
FILE_TOO_BIG = (
    "Tệp “{name}” quá lớn ({size}, giới hạn {limit}). "
    "Vui lòng tách thành các tệp nhỏ hơn hoặc bỏ bớt hình ảnh."
)
FILE_TOO_MANY_PAGES = "Tệp “{name}” có {count} trang, vượt giới hạn {limit} trang. Vui lòng tách thành các tệp nhỏ hơn."
FILE_TOO_MANY_CHARS = (
    "Tệp “{name}” có {count} ký tự, vượt giới hạn {limit} ký tự. "
    "Vui lòng tách thành các tệp nhỏ hơn."
)
FILE_TOO_SLOW = (
    "Tệp “{name}” cần quá {seconds} giây để đọc nên đã dừng. "
    "Vui lòng kiểm tra lại tệp hoặc tách thành các tệp nhỏ hơn."
)
FILE_ZIP_BOMB = (
    "Tệp “{name}” khi giải nén lớn bất thường (có thể là tệp độc hại) nên không được đọc. "
    "Vui lòng mở bằng Word và lưu lại dưới dạng .docx."
)
FILE_TABLE_TOO_WIDE = (
    "Tệp “{name}” có bảng rộng {columns} cột, vượt giới hạn {limit} cột, nên không đọc được. "
    "Vui lòng kiểm tra lại bảng (ô gộp bất thường)."
)
FILE_TOO_COMPLEX = (
    "Tệp “{name}” có cấu trúc lồng nhau quá sâu hoặc quá phức tạp, không đọc được. "
    "Vui lòng mở và lưu lại tệp, hoặc gửi bản .docx/.txt."
)
FILE_OUT_OF_MEMORY = (
    "Tệp “{name}” cần quá nhiều bộ nhớ để đọc nên đã dừng. Vui lòng tách thành các tệp nhỏ hơn."
)
FILE_NOT_REGULAR = (
    "“{name}” không phải là một tệp thông thường (thư mục, ống dẫn…), không đọc được."
)
FILE_UNREADABLE = "Không mở được tệp “{name}” (không có quyền đọc hoặc lỗi ổ đĩa)."
FILE_UNEXPECTED_ERROR = (
    "Gặp lỗi không lường trước khi đọc tệp “{name}”; tệp này được bỏ qua, "
    "các tệp khác vẫn được nạp. Vui lòng báo cho quản trị viên."
)
LEGACY_ENCODING_UNSURE = (
    "Tệp “{name}” có vẻ được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI) nhưng không chuyển đổi "
    "chắc chắn được. Vui lòng mở tệp, chuyển sang Unicode (ví dụ bằng Unikey) và hãy lưu lại "
    "dưới dạng Unicode (UTF-8)."
)
# Warning (the file still loads): its text was converted from an old Vietnamese encoding.
LEGACY_ENCODING_CONVERTED = (
    "Tệp “{name}” dùng bảng mã cũ {encoding}; đã tự chuyển sang Unicode, vui lòng kiểm tra lại."
)
# Warning: a table cell longer than the limit was shortened.
CELL_SHORTENED = "Một ô bảng dài hơn {limit} ký tự đã bị cắt bớt (bảng {table}, dòng {row})."
# Warning (the file still loads): some pages are images without a text layer.
SCANNED_PAGES = (
    "Tệp “{name}”: trang {pages} là ảnh scan (không có lớp chữ), chưa đọc được — cần OCR."
)

# --- Parsing and ingest ---------------------------------------------------------

# Ingest summary (knowledge/ingest.py)
INGEST_UNCHANGED = "Tệp “{source}” đã được nạp trước đó, nội dung không thay đổi."
INGEST_HEADER_NEW = "Đã nạp kế hoạch “{source}”."
INGEST_HEADER_REVISED = "Đã cập nhật phiên bản mới của kế hoạch “{source}”."
INGEST_TITLE = "Tiêu đề: {title} (số hiệu: {number})"
INGEST_COUNTS = (
    "Nhiệm vụ: {tasks} · Nhiệm vụ thường xuyên của đơn vị: {duties} · Chỉ tiêu: {targets}"
)
INGEST_GAPS = (
    "Nhiệm vụ chưa rõ đơn vị chủ trì: {without_lead} · chưa rõ thời hạn: {without_deadline}"
)
INGEST_REVISION = "Giữ nguyên: {kept} · thêm mới: {added} · đã bỏ: {removed} nhiệm vụ"
INGEST_WARNINGS = "Cảnh báo ({count}):"
INGEST_MORE_WARNINGS = "  … và {count} cảnh báo khác"
PROGRESS_READING = "Đang đọc tệp…"
PROGRESS_PARSING = "Đang phân tích kế hoạch…"
PROGRESS_STORING = "Đang lưu nhiệm vụ, chỉ tiêu…"
PROGRESS_INDEXING = "Đang cập nhật chỉ mục tìm kiếm…"
# Parse quality (knowledge/plan/quality.py): the verdict an admin reads after an ingest.
# A content-section task the plan gives no unit for (parse --json, task warnings).
TASK_LEAD_NOT_STATED = "Kế hoạch không nêu đơn vị chủ trì nhiệm vụ này."
QUALITY_UNASSIGNED = (
    "{count} nhiệm vụ kế hoạch không giao cho đơn vị nào: cần phân công trước khi theo dõi tiến độ."
)
QUALITY_GOOD = "đọc tốt"
QUALITY_CHECK = "cần kiểm tra"
QUALITY_LINE = (
    "Chất lượng đọc: {verdict} — {unclaimed} đoạn/dòng nêu đơn vị và thời hạn nhưng chưa thành "
    "nhiệm vụ; {without_lead} nhiệm vụ thiếu đơn vị chủ trì; {without_deadline} nhiệm vụ thiếu thời hạn."
)
INGEST_FAILED = "Không nạp được “{source}”: {reason}"
NO_TASKS_MATCH = "Không có nhiệm vụ nào phù hợp."
UNIT_AMBIGUOUS = "“{name}” ứng với nhiều đơn vị: {choices}. Hãy ghi rõ tên đơn vị cần chọn."
UNIT_UNKNOWN_CLOSEST = (
    "Không có đơn vị “{name}” trong danh sách. Có phải: {choices}? "
    "Hãy ghi đúng tên (có thể dùng tên viết tắt đã khai báo)."
)
UNIT_UNKNOWN_NONE = (
    "Không có đơn vị “{name}” trong danh sách đơn vị của các kế hoạch đã nạp. "
    "Dùng lệnh “planbot units” để xem danh sách."
)
UNKNOWN_UNIT = "Không tìm thấy đơn vị “{name}”. Dùng lệnh “planbot units” để xem danh sách đơn vị."
TASK_COUNT = "Tổng cộng: {count} nhiệm vụ."
UNITS_MERGED = "Đã gộp “{drop}” vào “{keep}”."
ALIAS_TAKEN = "Tên “{alias}” đã được dùng cho một đơn vị khác."
ALIAS_ADDED = "Đã thêm tên gọi khác “{alias}” cho “{unit}”."

# Plan parsing (knowledge/plan/parser.py)
PARSE_NO_TASKS = (
    "Không tìm thấy nhiệm vụ nào trong văn bản (không có bảng phân công, nhãn “Cơ quan chủ trì” "
    "hay mục “Tổ chức thực hiện”)."
)
PARSE_NO_PLAN_YEAR = (
    "Không xác định được năm của kế hoạch; các thời hạn như “Trong năm” chưa quy ra ngày."
)
PARSE_STEP_FAILED = "Không đọc được phần {step} của văn bản; phần còn lại vẫn được nạp."
PARSE_BLANK_NUMBER = (
    "Số hiệu văn bản để trống phần số (“{number}”): có thể đây là bản dự thảo hoặc bản chưa "
    "vào sổ; hãy kiểm tra lại trước khi dùng số hiệu để tra cứu."
)
PARSE_STEPS = {
    "metadata": "thông tin chung (số hiệu, ngày ban hành)",
    "owner": "cơ quan ban hành",
    "sections": "đề mục",
    "table": "bảng nhiệm vụ",
    "prose": "nhiệm vụ ghi trong văn bản",
    "duties": "nhiệm vụ của các đơn vị (Tổ chức thực hiện)",
    "targets": "chỉ tiêu, mục tiêu",
    "directives": "nhiệm vụ giao trong văn bản chỉ đạo (công điện, thông báo, nghị quyết)",
    "quality": "đánh giá chất lượng đọc",
}

# --- Plan tables ---------------------------------------------------------------

TABLE_DEADLINE_WAS_PRODUCT = (
    "Ô “Thời gian hoàn thành” ghi “{value}” – đây là sản phẩm, đã chuyển sang cột sản phẩm; "
    "nhiệm vụ chưa có thời hạn."
)
TABLE_PRODUCT_WAS_DEADLINE = (
    "Ô “Sản phẩm” ghi “{value}” – đây là thời hạn, đã chuyển sang cột thời gian hoàn thành."
)
TABLE_SWAPPED_PRODUCT_DEADLINE = "Cột sản phẩm và cột thời hạn bị đảo chỗ (“{value}”), đã đổi lại."
TABLE_UNIT_JOINED = (
    "Tên đơn vị chủ trì bị tách làm hai ô (“{first}” | “{second}”), đã ghép thành “{unit}”."
)
TABLE_UNIT_SPLIT = (
    "Tên đơn vị chủ trì có thể bị tách làm hai ô (“{first}” | “{second}”), "
    "giữ nguyên văn – cần kiểm tra lại."
)
TABLE_UNIT_IN_DEADLINE = "Ô thời hạn ghi tên đơn vị (“{value}”), đã chuyển sang đơn vị phối hợp."
TABLE_DEADLINE_MISSING = "Nhiệm vụ chưa có thời hạn hoàn thành (các ô trong dòng bị lệch cột)."
TABLE_DEADLINE_UNCLEAR = "Không nhận ra thời hạn “{value}”, giữ nguyên văn."
TABLE_EXTRA_CELLS = "Dòng có nhiều ô hơn tiêu đề bảng, phần thừa: “{value}”."
TABLE_TITLE_FROM_PRODUCT = "Dòng không ghi nội dung nhiệm vụ, lấy sản phẩm “{value}” làm tên."
TABLE_ROWS_UNPLACED = "Bảng {table}: {count} dòng không nhận ra cột"
TABLE_ROWS_REPAIRED = (
    "Bảng {table}: {count} dòng có ô lệch cột (đã sửa hoặc giữ nguyên kèm cảnh báo)"
)

# --- Answering questions -------------------------------------------------------

ANS_NOTHING_FOUND = "Không tìm thấy thông tin trả lời câu hỏi này trong các kế hoạch đã nạp."
# A quarter was asked and nothing found falls in it ("… trong quý III/2026 …").
ANS_NONE_IN_QUARTER = (
    "Không tìm thấy thông tin nào thuộc {label} trả lời câu hỏi này trong các kế hoạch đã nạp."
)
ANS_DOC_NOT_LOADED = (
    "Không tìm thấy “{asked}” trong các văn bản đã nạp (không văn bản nào có số hiệu này). "
    "Bạn kiểm tra lại số hiệu, hoặc nạp văn bản đó trước khi hỏi."
)
ANS_REPHRASE = (
    "Bạn thử hỏi lại cụ thể hơn, nêu tên đơn vị, nhiệm vụ, chỉ tiêu hoặc thời hạn, "
    "ví dụ: “Sở Nội vụ có những nhiệm vụ nào đến hạn trong quý II/2026?”"
)
ANS_NO_DOCUMENTS = "Chưa có kế hoạch nào được nạp. Hãy nạp kế hoạch trước khi đặt câu hỏi."
ANS_OUT_OF_REACH = (
    "Danh sách nhiệm vụ này nằm ngoài phạm vi bạn được xem (ở đây). "
    "Gõ /nhiemvu trong trò chuyện riêng để xem nhiệm vụ của đơn vị mình."
)
ANS_QUESTION_TOO_LONG = (
    "Câu hỏi dài {count} ký tự, vượt giới hạn {limit} ký tự. "
    "Vui lòng hỏi ngắn gọn hơn (một câu hỏi mỗi lần)."
)
ANS_SOURCES = "Nguồn:"
ANS_SOURCE_LINE = "- {source}{locator}"
ANS_UNIT_OPTIONS = "Có nhiều đơn vị khớp với “{name}”, bạn muốn hỏi đơn vị nào?"
ANS_MORE = "… và {more} mục khác."
ANS_MORE_HINT = "Gõ “thêm” để xem tiếp."
ANS_MORE_BUTTON = "Xem thêm"
ANS_MORE_NONE = "Không còn mục nào để xem thêm. Bạn hãy đặt câu hỏi mới."
ANS_MORE_PAGE = "Tiếp theo ({start}–{end} trong {total}):"
# Whole-plan questions
ANS_PLAN_WHICH = "Bạn hỏi về kế hoạch nào? Đã nạp {count} kế hoạch:"
ANS_PLAN_COUNT = "{plan} có {count} nhiệm vụ."
ANS_PLAN_COUNT_GROUPS = ", xếp trong {groups} nhóm (mục)."
ANS_PLAN_COUNT_BY_UNIT = "{plan} có {count} nhiệm vụ, giao theo chức năng của từng đơn vị."
ANS_PLAN_COUNT_DUTIES = " Ngoài ra có {count} nhiệm vụ thường xuyên theo chức năng của các đơn vị."
ANS_PLAN_TARGET_COUNT = "{plan} có {count} chỉ tiêu."
ANS_PLAN_TARGETS = "Các chỉ tiêu của {plan} ({count}):"
ANS_PLAN_NO_TARGETS_TOPIC = "{plan} không nêu chỉ tiêu nào về “{topic}”."
ANS_PLAN_NO_TARGETS = "{plan} không nêu chỉ tiêu định lượng nào."
ANS_PLAN_OBJECTIVE = "Mục tiêu chung của {plan}: {text}"
ANS_OUTLINE_COUNT = "Mục “{heading}” của {plan} gồm {count} nội dung:"
ANS_OUTLINE_PARTS = "{plan} gồm {count} phần:"
ANS_OUTLINE_ITEM = "Nội dung {number} trong mục “{heading}” của {plan}: {text}"
ANS_OUTLINE_TASKS = ", với {count} nhiệm vụ cụ thể:"
ANS_PART_COUNT = "Phần “{part}” của {plan} có {count} nhiệm vụ."
ANS_PLAN_LEAD = "{unit} chủ trì {plan}: “{title}”."
ANS_PLAN_LEAD_MOST = (
    "{unit} chủ trì nhiều nhiệm vụ nhất của {plan} ({count} trên {total} nhiệm vụ)."
)
ANS_PLAN_LEAD_OTHERS = "Các đơn vị chủ trì khác: {units}."
ANS_TASK_NUMBER = "Nhiệm vụ {number} của {plan}: {title}"
ANS_TASK_NUMBER_ITEMS = "Mục {number} của {plan} gồm {count} nhiệm vụ{lead}:"
ANS_TASK_NUMBER_ITEMS_LEAD = ", do {units} chủ trì"
ANS_TASK_NUMBER_NONE = "{plan} không có nhiệm vụ số {number}."
# The number restarts under each group: every task so numbered, under its group.
ANS_TASK_NUMBER_REPEATED = (
    "{plan} có {count} nhiệm vụ cùng đánh số {number} (ở các nhóm khác nhau); "
    "bạn nêu thêm nhóm hoặc nội dung để chọn đúng nhiệm vụ:"
)
ANS_TASK_NUMBER_AT = "{where}: {title}{facts}"
ANS_UNIT_UNKNOWN = "Không có nhiệm vụ nào của {unit} trong các kế hoạch đã nạp."
ANS_UNIT_NOT_IN_PLAN = "Không có nhiệm vụ nào của {unit} trong {plan}."
ANS_DETAIL_PARENT = "Thuộc nhiệm vụ: {text}"
ANS_DETAIL_COORD = "Phối hợp: {units}"
ANS_PRODUCT = "Sản phẩm của nhiệm vụ “{title}”: {text}."
ANS_PRODUCT_NONE = "Kế hoạch không ghi sản phẩm cho nhiệm vụ “{title}”."
ANS_DUE_NEXT = "Lần đến hạn tiếp theo: {due}."
ANS_DUE_PASSED = "Đã qua: {dues}."
ANS_ONE_OVERDUE = (
    "Nhiệm vụ “{title}” đã quá hạn: hạn {due}{raw} đã qua mà chưa có báo cáo hoàn thành."
)
ANS_ONE_NOT_DUE = "Nhiệm vụ “{title}” chưa đến hạn: hạn tiếp theo {due}{raw}."
ANS_ONE_NO_DATE = "Nhiệm vụ “{title}” không có hạn cụ thể{raw}, nên chưa thể coi là quá hạn."
ANS_OVERDUE_ITEM = "{title} (quá hạn {due})"
ANS_DUTY_ITEM = "{title} ({unit})"

# Task lists and counts
ANS_SCOPE_WINDOW = " đến hạn {label} ({start} – {end})"
ANS_SCOPE_WINDOW_SHORT = " đến hạn {label},"
ANS_SCOPE_OVERDUE = " đã quá hạn (tính đến {today}) mà chưa hoàn thành"
ANS_TASKS_FOUND = "{unit} có {count} nhiệm vụ{scope}."
ANS_TASKS_PLACE = " ({place})"  # whose unit, when its name does not say it
ANS_TASKS_NONE_TOPIC = "Không thấy nhiệm vụ nào của {unit} về “{topic}” trong các kế hoạch đã nạp."
ANS_TASKS_NONE = "{unit} không có nhiệm vụ nào{scope} trong các kế hoạch đã nạp."
ANS_TASKS_ALL_FOUND = "Có {count} nhiệm vụ{scope}."
ANS_TASKS_ALL_NONE = "Không có nhiệm vụ nào{scope} trong các kế hoạch đã nạp."
# The question named the plan ("… trong kế hoạch CCHC của Văn phòng UBND tỉnh").
ANS_TASKS_NONE_IN_DOCS = "Không tìm thấy nhiệm vụ nào của {unit}{scope} trong {docs}."
ANS_TASKS_ALL_NONE_IN_DOCS = "Không tìm thấy nhiệm vụ nào{scope} trong {docs}."
ANS_TASKS_BY_DOC = "Theo từng kế hoạch: {parts}."
ANS_DUTIES = " Ngoài ra có {count} nhiệm vụ thường xuyên theo chức năng."
ANS_TASK_ITEM = "{title}{due}"
ANS_TASK_DUE = " (hạn {due})"
ANS_TASK_DUE_TERM = " (hạn {term}, tức {due})"
ANS_TASK_DUE_BEFORE = " (hạn trước ngày {due})"
# A list of many units' tasks says whose each one is.
ANS_TASK_LEAD = " — chủ trì: {units}"
ANS_TASK_DEADLINE_RAW = " (thời hạn: {text})"

# One task: who leads, coordinates, when
ANS_WHO_LEADS = "{units} chủ trì nhiệm vụ “{title}”."
ANS_WHO_COORD = "Đơn vị phối hợp: {units}."
ANS_WHO_COORD_ONLY = "Phối hợp: {units} (nhiệm vụ “{title}”)."
ANS_WHO_NO_COORD = "Nhiệm vụ “{title}” không ghi đơn vị phối hợp; đơn vị chủ trì: {units}."
ANS_WHO_SUPERVISOR = "Chịu trách nhiệm chỉ đạo: {name}."
ANS_WHO_UNKNOWN = "Kế hoạch không ghi rõ đơn vị chủ trì nhiệm vụ “{title}”."
ANS_DEADLINE = "Thời hạn: {text} (nhiệm vụ “{title}”)."
ANS_DEADLINE_IN_TITLE = "Thời hạn: {text} (ghi trong nội dung nhiệm vụ “{title}”)."
ANS_DEADLINE_DATE = " Hạn cuối: {due}."
ANS_DEADLINE_RHYTHM = "Kỳ {label}: {when} (nhiệm vụ “{title}”)."
ANS_DEADLINE_YEARLY = "Thời hạn: {text} (nhiệm vụ “{title}”). Lần đến hạn tiếp theo: {due}."
ANS_DUE_LAST_PASSED = "Lần gần nhất đã qua: {due}."
ANS_DEADLINE_DAYS = "Các mốc ghi trong nhiệm vụ: {days}"
ANS_DEADLINE_NONE = "Kế hoạch không ghi thời hạn cho nhiệm vụ “{title}”."
ANS_DETAIL_LEAD = "Chủ trì: {units}"
ANS_DETAIL_DEADLINE = "Thời hạn: {text}"
ANS_DETAIL_PRODUCT = "Sản phẩm: {text}"
ANS_DETAIL_OBJECTIVE = "Chỉ tiêu: {text}"
ANS_DETAIL_SUBMIT = "Cấp trình: {text}"
ANS_ALSO_IN = "Nhiệm vụ tương tự trong kế hoạch khác:"

# Targets
ANS_TARGET_ONE = "Chỉ tiêu: {text}"
ANS_TARGET_MANY = "Chỉ tiêu này có trong {count} kế hoạch:"
ANS_TARGET_ITEM = "{source}: {text}"

# Documents
ANS_DOC_NUMBER = "{title} có số hiệu {number}."
ANS_DOC_NUMBER_NONE = "{title} không ghi số hiệu (bản dự thảo hoặc số để trống)."
ANS_DOC_SIGNER = "{title} do {signer} ký."
ANS_DOC_SIGNER_NONE = "{title} không ghi tên người ký."
ANS_DOC_ISSUED = "{title} ban hành ngày {date}."
ANS_DOC_ISSUED_NONE = "{title} không ghi ngày ban hành cụ thể."
ANS_DOC_SAID_NONE = "{title} không nêu thời điểm này."
ANS_DOC_ISSUER = "{title} do {issuer} ban hành."
ANS_DOC_DOCS = "Đã nạp {count} kế hoạch:"
ANS_DOC_SUBJECT = "{title} là văn bản: {full}."
ANS_DOC_MAIN_LEAD = "Đơn vị chủ trì nhiều nhiệm vụ nhất: {unit} ({count}/{total} nhiệm vụ)."
ANS_DOC_BASIS = "{title} được ban hành để triển khai: {documents}."
ANS_DOC_PERIOD = "{title} thực hiện trong giai đoạn {period}."
ANS_DOC_YEAR = "{title} thực hiện trong năm {year}."

# Free-text passages
ANS_PASSAGE = "Theo {source}: {text}"

ANS_SCOPE_COORD = " phối hợp thực hiện"

# Time windows named in questions
WIN_QUARTER = "quý {roman}/{year}"
WIN_THIS_WEEK = "tuần này"
WIN_NEXT_WEEK = "tuần sau"
WIN_THIS_MONTH = "tháng này"
WIN_NEXT_MONTH = "tháng sau"
WIN_MONTH = "tháng {month}/{year}"
WIN_YEAR = "năm {year}"
WIN_NEXT_DAYS = "trong {days} ngày tới"
WIN_FIRST_HALF = "6 tháng đầu năm {year}"
WIN_SECOND_HALF = "6 tháng cuối năm {year}"

# Citation locators
LOC_SECTION = "Mục {section}"
LOC_NUMBER = "STT {number}"
LOC_PAGE = "trang {n}"
LOC_TABLE = "bảng {n}"
LOC_ROW = "dòng {n}"

# LLM prompt (the model answers in Vietnamese from the context only)
ANS_LLM_SYSTEM = (
    "Bạn là trợ lý trả lời câu hỏi về các kế hoạch của cơ quan nhà nước. "
    "Chỉ dùng thông tin trong phần NGỮ CẢNH. Trả lời ngắn gọn bằng tiếng Việt có dấu: "
    "câu trả lời trước (1-2 câu), sau đó tối đa vài ý chi tiết. Mỗi ý phải ghi nguồn "
    "dạng [số] theo số thứ tự đoạn ngữ cảnh. Nếu ngữ cảnh không có thông tin trả lời, "
    "chỉ trả lời đúng một dòng: KHÔNG_CÓ_THÔNG_TIN."
)

# --- Chat: commands, menus, access ---------------------------------------------


# --- Deadlines -----------------------------------------------------------------

DEADLINE_DUE = "Hạn: {dates}"
DEADLINE_DUE_RANGE = "Hạn: {dates} (bắt đầu từ {start})"
DEADLINE_ONGOING = "Thường xuyên"
DEADLINE_FROM = "{base}, từ {start}"
DEADLINE_UNTIL = "{base}, đến {end}"
DEADLINE_RECURRENCE = {
    "daily": "Hằng ngày",
    "weekly": "Hằng tuần",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half-yearly": "6 tháng một lần",
    "yearly": "Hằng năm",
}
DEADLINE_EVENT = "Sau sự kiện: {event}"
DEADLINE_EVENT_NOW = "Ngay sau sự kiện: {event}"
DEADLINE_EVENT_OFFSET = "{days} ngày sau sự kiện: {event}"
DEADLINE_UNSPECIFIED = "Không có hạn cụ thể ({raw})"
DEADLINE_NONE = "Chưa có thời hạn"

# Time windows read from a question (labels shown back to the user; answers add
# the dates themselves, so relative labels carry none).
WINDOW_DAY = "ngày {day}"
WINDOW_TODAY = "hôm nay"
WINDOW_TOMORROW = "ngày mai"
WINDOW_RANGE = "từ {start} đến {end}"
WINDOW_UNTIL = "trước {end}"
WINDOW_NEXT_DAYS = "{n} ngày tới"
WINDOW_NEXT_WEEKS = "{n} tuần tới"
WINDOW_NEXT_MONTHS = "{n} tháng tới"
WINDOW_THIS_WEEK = "tuần này"
WINDOW_NEXT_WEEK = "tuần sau"
WINDOW_LAST_WEEK = "tuần trước"
WINDOW_MONTH = "tháng {month}/{year}"
WINDOW_QUARTER = "quý {quarter}/{year}"
WINDOW_FIRST_HALF = "6 tháng đầu năm {year}"
WINDOW_SECOND_HALF = "6 tháng cuối năm {year}"
WINDOW_YEAR_END = "cuối năm {year}"
WINDOW_YEAR_START = "đầu năm {year}"
WINDOW_YEAR = "năm {year}"

# --- Command line ----------------------------------------------------------------
# Help, usage and output of ``planbot`` (bot/cli.py, bot/cmd_knowledge.py,
# bot/cmd_chat.py). Command and option names and JSON keys stay English: they are
# a contract for scripts.


# `planbot run` start-up checks: each names the setting to fix.
PREFLIGHT_REFUSED = "planbot run: không khởi động được, hãy sửa cấu hình:"
PREFLIGHT_SECRET_MISSING = (
    "- {setting} chưa đặt: chế độ webhook cần khóa bí mật này để từ chối yêu cầu giả mạo."
)
PREFLIGHT_SECRET_LENGTH = "- {setting} phải dài từ {low} đến {high} ký tự (hiện có {length})."
PREFLIGHT_SECRET_CHARS = "- {setting} chỉ được gồm chữ A-Z, a-z, số 0-9, dấu _ và -."
PREFLIGHT_URL_HTTPS = "- {setting} phải là địa chỉ https:// (hiện là “{url}”)."
PREFLIGHT_TOKEN_REFUSED = "- {setting} bị máy chủ từ chối (mã sai hoặc đã bị thu hồi)."
PREFLIGHT_WEBHOOK_REFUSED = (
    "- Zalo từ chối đăng ký webhook ({reason}): kiểm tra {url_setting} và {secret_setting}."
)

# --- Progress reporting: periods, states, status classes (knowledge.progress) ---------

PERIOD_MONTH = "Tháng {m}/{y}"
PERIOD_QUARTER = "Quý {q}/{y}"
PERIOD_HALF1 = "6 tháng đầu năm {y}"
PERIOD_HALF2 = "6 tháng cuối năm {y}"
PERIOD_YEAR = "Năm {y}"

REPORT_STATE_LABELS = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "blocked": "Gặp vướng mắc",
}
STATUS_CLASS_LABELS = {
    "done_on_time": "Đã hoàn thành đúng hạn",
    "done_late": "Đã hoàn thành quá hạn",
    "open_in_time": "Chưa hoàn thành - trong hạn",
    "open_overdue": "Chưa hoàn thành - quá hạn",
    "due_soon": "Sắp đến hạn",
    "no_deadline": "Không có thời hạn",
}
REVIEW_LABELS = {"pending": "Chờ xác nhận", "accepted": "Đã xác nhận", "returned": "Bị trả lại"}
STATS_SENTENCE = (
    "Tổng số {total} nhiệm vụ; đã hoàn thành {done} (đúng hạn {on_time}, quá hạn {late}); "
    "chưa hoàn thành {open} (trong hạn {in_time}, quá hạn {overdue})"
)
STATS_NO_DEADLINE = "; {count} nhiệm vụ không có thời hạn cụ thể"
STATS_BASES = (
    "Tỷ lệ hoàn thành: {due_done}/{due_total} nhiệm vụ đã đến hạn ({due_rate}); "
    "{done}/{total} trên tổng số nhiệm vụ có thời hạn ({rate})."
)

REPORT_NO_LEAD = "(chưa xác định đơn vị chủ trì)"
REPORT_NOT_LEAD = (
    "Bạn không thuộc đơn vị chủ trì nhiệm vụ này nên không báo cáo được. Đơn vị chủ trì: {lead}."
)
REPORT_COORDINATING_ONLY = (
    "Đơn vị của bạn phối hợp thực hiện nhiệm vụ này: bạn có thể gửi ý kiến, "
    "còn báo cáo tiến độ do đơn vị chủ trì ({lead}) thực hiện."
)
REPORT_BAD_PERCENT = "Tỷ lệ {percent}% không hợp lệ: tiến độ phải từ 0 đến 100%."
REPORT_NOT_FOUND = "Không tìm thấy báo cáo này (có thể đã được sửa hoặc rút lại)."
REPORT_NOT_OWN = "Chỉ người gửi báo cáo mới sửa hoặc rút lại được báo cáo đó."
REPORT_EDIT_EXPIRED = "Đã quá {hours} giờ kể từ khi gửi, báo cáo không sửa hoặc rút lại được nữa."
REPORT_REVIEW_NOT_ALLOWED = "Chỉ lãnh đạo hoặc quản trị viên mới xác nhận hoặc trả lại báo cáo."
REPORT_RETURN_NEEDS_REASON = "Khi trả lại báo cáo, xin ghi rõ lý do."
EVIDENCE_TOO_LARGE = "Tệp minh chứng {size} MB vượt giới hạn {limit} MB."
REPORT_EVIDENCE_MISMATCH = (
    "Lưu ý: văn bản {cited} có mã loại “{code}”, trong khi sản phẩm của nhiệm vụ là "
    "“{product}” (thường mang mã {expected}). Anh/chị kiểm tra lại giúp số hiệu văn bản nhé."
)

EXPORT_SHEET = "Tiến độ"
EXPORT_HEADERS = (
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Trạng thái",
    "Tiến độ (%)",
    "Kết quả / Ghi chú",
    "Minh chứng",
    "Ngày báo cáo",
    "Người báo cáo",
)
EXPORT_WIDTHS = (6, 60, 28, 28, 22, 26, 11, 45, 24, 17, 22)
EXPORT_NO_DEADLINE = "Không có thời hạn"

DRAFT_BAD_QUARTER = "Quý “{text}” không hợp lệ: viết dạng 1/2026 (quý 1 năm 2026)."
DRAFT_TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ {quarter}"
DRAFT_DRAFT_NOTE = "(Dự thảo do Trợ lý Kế hoạch tổng hợp từ báo cáo của các đơn vị; cần rà soát trước khi ban hành.)"
DRAFT_CUTOFF = "Số liệu tính đến ngày {date}."
DRAFT_SECTION_OVERALL = "I. KẾT QUẢ CHUNG"
DRAFT_SECTION_UNITS = "II. KẾT QUẢ THEO ĐƠN VỊ"
DRAFT_SECTION_OVERDUE = "III. NHIỆM VỤ QUÁ HẠN"
DRAFT_SECTION_NEXT = "IV. NHIỆM VỤ {quarter}"
DRAFT_OVERDUE_HEADERS = (
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Số ngày làm việc quá hạn",
    "Ghi chú",
)
DRAFT_NEXT_LINE = "{task} — {units} — hạn {due}"
DRAFT_NONE = "Không có."
DRAFT_NO_LEAD = "Chưa xác định đơn vị chủ trì"
DRAFT_PERCENT = " (đạt {percent}%)"
DRAFT_NOT_REPORTED = " (đơn vị chưa báo cáo)"
REPORT_UNIT_AMBIGUOUS = (
    "Tên “{name}” ứng với nhiều đơn vị: {options}. Ghi rõ, ví dụ “Văn phòng Sở (Sở Tư pháp)”."
)
REPORT_UNKNOWN_TASK = "Không có nhiệm vụ mã số {id}."

CHART_X_LABEL = "Số nhiệm vụ (mỗi kỳ một nhiệm vụ)"

PROGRESS_NONE = "Chưa có nhiệm vụ nào để theo dõi tiến độ ({scope})."
PROGRESS_ONLY_LEADERS = "Chỉ lãnh đạo và quản trị viên xem được tiến độ của đơn vị khác."
PROGRESS_BTN_CHART = "📊 Biểu đồ"
PROGRESS_TITLE = "Tiến độ thực hiện nhiệm vụ — {scope} (đến ngày {date}):"
PROGRESS_UNITS = "Theo đơn vị chủ trì:"
PROGRESS_UNIT_LINE = "• {unit}: hoàn thành {done}/{total}; quá hạn {overdue}; sắp đến hạn {soon}"
PROGRESS_OVERDUE = "Nhiệm vụ quá hạn ({count}):"
PROGRESS_OVERDUE_LINE = "{n}. [{number}] {title} — {unit}; hạn {due}, quá {days} ngày làm việc"
PROGRESS_NOT_REPORTED = "Đơn vị chưa báo cáo từ ngày {since}: {units}"
PROGRESS_AND_MORE = " và {more} đơn vị khác"
PROGRESS_CHART_TITLE = "Tiến độ nhiệm vụ — {scope} (đến ngày {date})"
TERMINAL_PHOTO = "[Ảnh: {path}]"

FLOW_NO_OPEN_TASKS = "Đơn vị không còn nhiệm vụ nào chưa hoàn thành."
FLOW_PICK_TASK = (
    "Chọn nhiệm vụ cần báo cáo (hạn gần nhất trước; gõ một từ để lọc) — trang {page}/{pages}:"
)
FLOW_PREV = "◀ Trang trước"
FLOW_NEXT = "Trang sau ▶"
FLOW_NO_DUE = "không có thời hạn"
FLOW_PICK_STATE = "Nhiệm vụ: {task}\nTình trạng thực hiện?"
FLOW_PICK_PERCENT = "Đã đạt bao nhiêu phần trăm? (hoặc gõ một số từ 0 đến 100)"
FLOW_SKIP = "Bỏ qua"
FLOW_NOTE_PROMPT = "Kết quả hoặc ghi chú (ví dụ “đã ban hành KH số 12/KH-STP ngày 20/01/2026”); có thể gửi kèm tệp, ảnh minh chứng."
FLOW_CONFIRM = "Xác nhận báo cáo:\n• Nhiệm vụ: {task}\n• Tình trạng: {state}\n• Tiến độ: {percent}\n• Ghi chú: {note}"
FLOW_CONFIRM_BTN = "Xác nhận"
FLOW_EDIT_BTN = "Sửa"
FLOW_CANCEL_BTN = "Huỷ"
FLOW_SAVED = "Đã ghi báo cáo #{id}: {task} — {state}. Anh/chị có thể sửa hoặc rút lại trong 24 giờ."
FLOW_NO_MATCH = "Chưa xác định được nhiệm vụ trong báo cáo. Anh/chị ghi số thứ tự nhiệm vụ (ví dụ “NV 3.31 …”) hoặc dùng /baocao."
FLOW_WHICH_TASK = "Báo cáo này cho nhiệm vụ nào?"

# --- progress reporting in chat (handlers/report_chat.py) ---------------------------
FLOW_CANCELLED_REPORT = "Đã huỷ, báo cáo không được ghi."
FLOW_BAD_PERCENT = "Tiến độ là một số từ 0 đến 100, ví dụ 60."
FLOW_BTN_EDIT_SAVED = "Sửa báo cáo"
FLOW_BTN_WITHDRAW = "Rút lại"
FLOW_WITHDRAWN = "Đã rút lại báo cáo #{id}."
FLOW_EVIDENCE_SAVED = "Đã nhận tệp minh chứng “{name}”."
FLOW_EVIDENCE_LINE = "\n• Minh chứng: {names}"
FLOW_EDIT_WHICH = "Gõ /suabaocao SỐ_BÁO_CÁO (số in trong tin “Đã ghi báo cáo #…”)."
HISTORY_USAGE = "Gõ /lichsu NHIỆM_VỤ, ví dụ “/lichsu 3.31”."
HISTORY_NO_TASK = "Không tìm thấy nhiệm vụ “{spec}”."
HISTORY_WHICH = "Có nhiều nhiệm vụ “{spec}”, chọn một:"
HISTORY_TITLE = "Lịch sử báo cáo nhiệm vụ {task}:"
HISTORY_NONE = "Nhiệm vụ {task} chưa có báo cáo nào."
HISTORY_LINE = "#{id} {when} — {who} ({channel}): {what}"
HISTORY_COMMENT = "ý kiến: {note}"
HISTORY_SUPERSEDED = " [đã sửa]"
HISTORY_WITHDRAWN = " [đã rút lại]"
HISTORY_RETURNED = " [bị trả lại: {reason}]"
HISTORY_ACCEPTED = " [đã xác nhận]"
CHANNEL_LABELS = {
    "telegram": "Telegram",
    "zalo_bot": "Zalo",
    "zalo_oa": "Zalo OA",
    "terminal": "dòng lệnh",
    "cli": "nhập trên máy chủ",
}
REVIEW_NONE = "Không có báo cáo nào chờ xác nhận."
REVIEW_PICK = "Báo cáo chờ xác nhận ({count}), chọn một:"
REVIEW_SHOW = "Báo cáo #{id} — {task}\n{who}: {what}\nXác nhận hay trả lại?"
REVIEW_ACCEPT_BTN = "Xác nhận"
REVIEW_RETURN_BTN = "Trả lại"
REVIEW_REASON_PROMPT = "Lý do trả lại (người báo cáo sẽ nhận được):"
REVIEW_DONE = "Đã {verdict} báo cáo #{id}; người báo cáo đã được báo."
REVIEW_VERDICT = {"accepted": "xác nhận", "returned": "trả lại"}
REVIEW_TOLD_ACCEPTED = "Báo cáo #{id} ({task}) đã được xác nhận."
REVIEW_TOLD_RETURNED = (
    "Báo cáo #{id} ({task}) bị trả lại, lý do: {reason}. "
    "Nhiệm vụ được tính là chưa hoàn thành; anh/chị báo cáo lại bằng /baocao."
)
EXPORT_ONLY_ADMINS = "Chỉ quản trị viên xuất được bảng tiến độ."
DRAFT_ONLY_LEADERS = "Chỉ lãnh đạo và quản trị viên soạn được dự thảo báo cáo quý."
EXPORT_READY = "Bảng tiến độ ({rows} dòng)."
DRAFT_READY = "Dự thảo báo cáo {quarter}."
FILE_LINK = "{caption}\nTải về (chỉ dành cho anh/chị, hết hạn lúc {expires}): {url}"
FILE_NO_LINK = (
    "{caption}\nZalo không gửi được tệp. Anh/chị nhận tệp qua Telegram "
    "hoặc nhờ quản trị viên chạy “planbot export” / “planbot report-draft”."
)
FILE_SENT_OTHER = "Tệp cũng đã được gửi qua Telegram của anh/chị."
ZALO_UPLOAD_HOWTO = (
    "Zalo không nhận tệp gửi cho bot. Để nạp kế hoạch, anh/chị gửi tệp qua Telegram "
    "hoặc chạy “planbot ingest TỆP” trên máy chủ."
)
CHART_NO_LINK = "(Biểu đồ chỉ xem được khi máy chủ có địa chỉ công khai PLANBOT_PUBLIC_URL.)"
CHART_LINK = "{caption}\nXem biểu đồ (chỉ dành cho anh/chị, hết hạn lúc {expires}): {url}"
TERMINAL_FILE = "[Tệp: {path}]"

# --- Deadline alerts, reminders and digests (knowledge.alerts, handlers.alerts) -------

ALERT_TASK = "Nhiệm vụ {number}: {title}"
ALERT_TASK_NO_NUMBER = "Nhiệm vụ: {title}"
ALERT_PLAN = "Kế hoạch: {document}"
ALERT_UNIT = "Đơn vị chủ trì: {unit}"
ALERT_DUE = "Thời hạn: {due}"
ALERT_STATUS = "Trạng thái: {status}"
ALERT_REMINDER_HEAD = "⏰ Nhắc hạn: còn {left} ngày làm việc đến hạn hoàn thành."
ALERT_DUE_TODAY_HEAD = "⏰ Hôm nay là ngày làm việc cuối cùng để hoàn thành nhiệm vụ."
ALERT_DUE_ON_DAY_OFF = "(Hạn {due} rơi vào ngày nghỉ nên được nhắc trước.)"
ALERT_OVERDUE_HEAD = "⚠️ Nhiệm vụ đã quá hạn {days} ngày làm việc và chưa được báo cáo hoàn thành."
ALERT_ESCALATION_HEAD = (
    "🚩 Báo cáo lãnh đạo: nhiệm vụ của {unit} đã quá hạn {days} ngày làm việc, "
    "chưa được báo cáo hoàn thành."
)
ALERT_PERIOD_HEAD = (
    "📅 Kỳ {period} kết thúc ngày {due} (còn {left} ngày làm việc): "
    "đề nghị báo cáo kết quả thực hiện kỳ này."
)
ALERT_PROGRESS_HEAD = "📝 Đề nghị cập nhật tiến độ {period} của nhiệm vụ thường xuyên."
ALERT_REPORT_HINT = "Chọn “Báo cáo tiến độ” hoặc gõ /baocao để báo cáo."
ALERT_REPORT_HINT_COMMAND = "Gõ /baocao để báo cáo tiến độ."  # a message without the action
ALERT_BTN_REPORT = "Báo cáo tiến độ"
ALERT_CATCH_UP_PREFIX = "(Nhắc bù do hệ thống tạm gián đoạn) "
ALERT_UNCOVERED = "Không có người nhận: {unit} chưa có trưởng đơn vị liên kết với bot."
ALERT_NO_LEAD_UNIT = "(chưa rõ đơn vị chủ trì)"
ALERT_DIGEST_HEAD_TITLE = "📋 Tổng hợp tuần {date} — {unit}"
ALERT_DIGEST_LEADER_TITLE = "📋 Tổng hợp tuần {date} — tình hình các đơn vị"
ALERT_DIGEST_DUE_SOON = "Đến hạn trong 14 ngày tới ({count}):"
ALERT_DIGEST_OVERDUE = "Quá hạn ({count}):"
ALERT_DIGEST_UNREPORTED = "Chưa báo cáo ({count}):"
ALERT_DIGEST_ITEM = "• {number}{title}{due}"
ALERT_DIGEST_ITEM_DUE = " — hạn {due}"
ALERT_DIGEST_MORE = "… và {more} nhiệm vụ khác"
ALERT_DIGEST_NOTHING = "Không có nhiệm vụ đến hạn, quá hạn hay chưa báo cáo. Cảm ơn!"
ALERT_DIGEST_UNIT_LINE = "• {unit}: quá hạn {overdue}, chưa báo cáo {unreported}"
ALERT_DIGEST_UNITS = "Theo đơn vị ({count}):"
ALERT_DIGEST_UNCOVERED = "Đơn vị có nhiệm vụ nhưng chưa có trưởng đơn vị nhận nhắc hạn ({count}):"
ALERT_DIGEST_UNCOVERED_ITEM = "• {unit}"
ALERT_CATCH_UP_TITLE = (
    "🔁 Trong thời gian hệ thống tạm gián đoạn, có {count} nhắc hạn chưa gửi được:"
)
ALERT_CATCH_UP_ITEM = "• {when}: {what} — {task}"
ALERT_KIND_NAMES = {
    "reminder": "nhắc hạn",
    "due_today": "đến hạn",
    "overdue": "quá hạn",
    "escalation": "báo cáo lãnh đạo",
    "period": "hết kỳ báo cáo",
    "progress_request": "đề nghị cập nhật tiến độ",
    "digest": "tổng hợp tuần",
    "uncovered": "không có người nhận",
}
ALERT_UPCOMING_TITLE = "Nhắc hạn bạn sẽ nhận trong {days} ngày tới:"
ALERT_UPCOMING_TITLE_ALL = "Nhắc hạn sẽ gửi trong {days} ngày tới (mọi đơn vị):"
ALERT_UPCOMING_LINE = "• {when}: {what} — {task}{who}"
ALERT_UPCOMING_TO = " → {who}"
ALERT_UPCOMING_NONE = "Bạn sẽ không nhận nhắc hạn nào trong {days} ngày tới."
ALERT_UPCOMING_MUTED = "Bạn đã tắt mọi nhắc hạn (gõ /caidat để bật lại)."
ALERT_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
ALERT_REPORT_TASK_UNKNOWN = "Không tìm thấy nhiệm vụ này (có thể kế hoạch đã được thay thế)."

SETTINGS_TITLE = "Cài đặt nhắc hạn của bạn:"
SETTINGS_STATE = (
    "• Nhắc hạn: {alerts}\n• Nhắc trước: {lead_times} ngày làm việc (và đúng ngày đến hạn)\n"
    "• Tổng hợp tuần: {digest}\n• Kế hoạch đã tắt nhắc: {muted}"
)
SETTINGS_ON = "bật"
SETTINGS_OFF = "tắt"
SETTINGS_NONE = "không có"
SETTINGS_PROMPT = "Chọn điều muốn thay đổi."
SETTINGS_BTN_MUTE_ALL = "Tắt mọi nhắc hạn"
SETTINGS_BTN_UNMUTE_ALL = "Bật lại nhắc hạn"
SETTINGS_BTN_DIGEST_OFF = "Tắt tổng hợp tuần"
SETTINGS_BTN_DIGEST_ON = "Bật tổng hợp tuần"
SETTINGS_BTN_LEAD = "Đổi số ngày nhắc trước"
SETTINGS_BTN_PLAN = "Tắt/bật nhắc theo kế hoạch"
SETTINGS_BTN_DONE = "Xong"
SETTINGS_LEAD_PROMPT = "Nhắc trước bao nhiêu ngày làm việc? Gõ các số cách nhau, ví dụ: 7 3 1"
SETTINGS_LEAD_BAD = "Chưa hiểu. Gõ từ 1 đến 5 số ngày làm việc (1–30), ví dụ: 5 2"
SETTINGS_PLAN_PROMPT = "Chọn kế hoạch để tắt hoặc bật lại nhắc hạn."
SETTINGS_PLAN_NONE = "Chưa có kế hoạch nào được nạp."
SETTINGS_SAVED = "Đã lưu."
