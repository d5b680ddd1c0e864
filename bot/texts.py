"""What the command line says: the CLI texts of the bot layer.

The chat and knowledge texts are re-exported, so bot code imports one module.
"""

from __future__ import annotations

from handlers.texts import *  # noqa: F403 - one texts module per layer
from knowledge.texts import FORMATS_BRIEF

CLI_DESCRIPTION = "Trợ lý Kế hoạch — đọc văn bản kế hoạch, trả lời câu hỏi, chạy bot trò chuyện."

CLI_USAGE_PREFIX = "Cách dùng: "

CLI_POSITIONALS = "tham số"

CLI_OPTIONS = "tùy chọn"

CLI_COMMANDS = "lệnh"

CLI_HELP = "hiện hướng dẫn này rồi thoát"

CLI_ERROR = "{prog}: lỗi: {message}\n"

CLI_VERBOSE = "ghi nhật ký chi tiết để gỡ lỗi"

CLI_JSON = "in kết quả dạng JSON"

CLI_DATE_METAVAR = "YYYY-MM-DD"

CLI_PARSE = "phân tích một tệp kế hoạch (không lưu)"

CLI_PARSE_FILE = f"tệp kế hoạch ({FORMATS_BRIEF})"

CLI_PARSE_SUMMARY = "Chỉ tiêu: {targets} · Cảnh báo: {warnings}"

CLI_INGEST = "nạp tệp kế hoạch vào cơ sở dữ liệu"

CLI_INGEST_FILES = "một hoặc nhiều tệp kế hoạch"

CLI_INGEST_PROGRESS = "Nạp tệp"

CLI_TASKS = "liệt kê nhiệm vụ đã nạp"

CLI_TASKS_UNIT = "tên đơn vị, có thể không dấu hoặc viết tắt"

CLI_TASKS_ROLE = "vai trò của đơn vị: lead (chủ trì, mặc định), coordinate (phối hợp), any (cả hai)"

CLI_TASKS_DUE_FROM = "chỉ nhiệm vụ có hạn từ ngày này"

CLI_TASKS_DUE_TO = "chỉ nhiệm vụ có hạn đến ngày này"

CLI_TARGETS = "liệt kê chỉ tiêu đã nạp"

CLI_UNITS = "liệt kê, gộp đơn vị và thêm tên gọi khác"

CLI_UNITS_MERGE = "gộp đơn vị thứ hai vào đơn vị thứ nhất"

CLI_UNITS_MERGE_METAVAR = ("GIỮ_LẠI", "GỘP_VÀO")

CLI_UNITS_ALIAS = "thêm tên gọi khác cho một đơn vị"

CLI_UNITS_ALIAS_METAVAR = ("ĐƠN_VỊ", "TÊN_KHÁC")

CLI_DOCUMENTS = "liệt kê văn bản đã nạp"

CLI_DOCUMENTS_REMOVE = "gỡ văn bản có mã số này (cùng nhiệm vụ, chỉ tiêu của nó) khỏi dữ liệu"

CLI_DOCUMENT_ID_METAVAR = "MÃ_SỐ"

CLI_DOCUMENT_UNKNOWN = "Không có văn bản mã số {id}."

CLI_DOCUMENT_REMOVED = "Đã gỡ văn bản mã số {id}; chỉ mục tìm kiếm đã được cập nhật."

# Table headers of the human (non-JSON) output.
CLI_TASK_COLUMNS = ("STT", "Nhiệm vụ", "Chủ trì", "Thời hạn")

CLI_TARGET_COLUMNS = ("Chỉ tiêu", "Giá trị", "Năm", "Văn bản")

CLI_UNIT_COLUMNS = ("Đơn vị", "Loại", "Tỉnh/thành phố", "Thuộc", "Tên gọi khác")

CLI_DOCUMENT_COLUMNS = ("#", "Tệp", "Số hiệu", "Tiêu đề", "Nhiệm vụ")

CLI_ASK = "trả lời một câu hỏi về các kế hoạch đã nạp"

CLI_FEEDBACK = "xem góp ý 👍/👎 cho các câu trả lời; biến một 👎 thành câu hỏi kiểm thử"

CLI_FEEDBACK_DOWN = "chỉ các góp ý 👎"

CLI_FEEDBACK_TO_QUESTION = "biến góp ý số ID thành một câu hỏi kiểm thử (định dạng tests/qa)"

CLI_FEEDBACK_EXPECT = (
    "cụm từ câu trả lời đúng phải có (lặp lại được); bỏ trống: không được trích dẫn"
)

CLI_FEEDBACK_SOURCE = "tiền tố tên tệp nguồn mà câu trả lời đúng phải trích dẫn (lặp lại được)"

CLI_FEEDBACK_OUT = "ghi thêm câu hỏi vào tệp này (ví dụ tests/qa/feedback.jsonl)"

CLI_FEEDBACK_NONE = "Chưa có góp ý nào."

CLI_FEEDBACK_NOT_FOUND = "Không có góp ý số {id}."

CLI_ASK_QUESTION = "câu hỏi (tiếng Việt, có dấu hoặc không dấu)"

CLI_ASK_BATCH = "đọc mỗi dòng của đầu vào chuẩn là một câu hỏi"

CLI_ASK_NOW = (
    "trả lời như thể hôm nay là ngày này (YYYY-MM-DD), cho các mốc “tháng này”, “30 ngày tới”…"
)

CLI_ASK_BAD_NOW = "--now: ngày phải có dạng YYYY-MM-DD"

CLI_ASK_NEED_QUESTION = "planbot ask: cần một câu hỏi hoặc --batch"

CLI_RUN = "chạy mọi kênh trò chuyện đã cấu hình (trò chuyện trên dòng lệnh nếu chưa có kênh nào)"

CLI_CHAT = "trò chuyện với trợ lý ngay trên dòng lệnh"

CLI_RUN_ROLE = (
    "vai trò của tiến trình: all (mặc định, tất cả), poller (nhận tin bằng long polling), "
    "webhook (nhận tin qua webhook), sender (gửi tin trong hộp thư đi)"
)

CLI_MIGRATE = "cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất"

CLI_MIGRATED = "Cơ sở dữ liệu đã ở phiên bản mới nhất ({revision})."

CLI_DB_OUTDATED = (
    "Cơ sở dữ liệu chưa được cập nhật (đang ở {current}, cần {head}). "
    "Hãy chạy trước: planbot migrate"
)

CLI_UPDATES = "xem các tin nhắn đến đã nhận (mặc định: những tin xử lý lỗi)"

CLI_UPDATES_FAILED = "chỉ các tin xử lý lỗi (mặc định)"

CLI_UPDATES_PENDING = "các tin đang chờ xử lý"

CLI_UPDATES_JSON = "in mỗi tin một dòng JSON"

CLI_UPDATES_NONE = "Không có tin nhắn nào."

CLI_UPDATE_LINE = "#{id} {channel} {key} {status} {received}: {error}"

CLI_CHAT_AS = "tên của bạn trong cuộc trò chuyện (mặc định: demo)"

CLI_INVITE = "tạo mã mời dùng một lần"

CLI_INVITE_ROLE = "vai trò của người được mời: admin, leader, head, member, viewer"

CLI_INVITE_UNIT = "tên đơn vị, ví dụ “Sở Tư pháp”"

CLI_INVITE_USER = "mã số người dùng đã có, để liên kết thêm một kênh cho người đó"

CLI_INVITE_DAYS = "số ngày mã mời còn hiệu lực (mặc định: 7)"

CLI_INVITE_JSON = 'in {"code": …} dạng JSON'

CLI_INVITE_NO_USER = "Không có người dùng mã số {id}."

CLI_INVITE_CREATED = "Mã mời: {code} (vai trò: {role}{unit})"

CLI_INVITE_UNIT_SUFFIX = ", đơn vị: {unit}"

CLI_INVITE_SEND = "Người được mời gửi cho bot: /start {code}"

CLI_FILE_METAVAR = "TỆP"

CLI_UNIT_METAVAR = "ĐƠN_VỊ"

CLI_NAME_METAVAR = "TÊN"

CLI_USER_METAVAR = "MÃ_SỐ"

CLI_DAYS_METAVAR = "SỐ_NGÀY"

CLI_REPORT = "báo cáo tiến độ nhiệm vụ: đọc thử một tin nhắn báo cáo, hoặc ghi một báo cáo"

CLI_REPORT_PARSE = "đọc một tin nhắn báo cáo (không lưu gì)"

CLI_REPORT_UNIT = "đơn vị của người báo cáo, ví dụ “Sở Tư pháp” hoặc “Văn phòng Sở (Sở Tư pháp)”"

CLI_REPORT_NOW = "tính như thể hôm nay là ngày này (YYYY-MM-DD)"

CLI_REPORT_TEXT_METAVAR = "TIN_NHẮN"

CLI_REPORT_TEXT = "nội dung báo cáo, ví dụ “NV 3.31 đã ban hành KH số 12/KH-STP, hoàn thành”"

CLI_REPORT_ADD = "ghi một báo cáo tiến độ nhận qua điện thoại hoặc văn bản (có ghi nhật ký)"

CLI_TASK_ID_METAVAR = "MÃ_NHIỆM_VỤ"

CLI_REPORT_TASK = "mã số nhiệm vụ (cột id của planbot tasks --json)"

CLI_REPORT_STATUS = "trạng thái: not_started, in_progress, done, blocked"

CLI_REPORT_PERCENT = "tiến độ (%)"

CLI_NOTE_METAVAR = "GHI_CHÚ"

CLI_REPORT_NOTE = "kết quả hoặc ghi chú, ví dụ “đã ban hành KH số 12/KH-STP”"

CLI_REPORT_ADD_UNIT = "đơn vị đã báo cáo"

CLI_OCCURRENCE_METAVAR = "KỲ"

CLI_REPORT_OCCURRENCE = (
    "kỳ báo cáo (ví dụ 2026-06-30 hoặc 2026-Q2); mặc định: kỳ sớm nhất chưa hoàn thành"
)

CLI_REPORT_NOT_A_REPORT = "Đây không phải một báo cáo tiến độ (có thể là một câu hỏi)."

CLI_REPORT_TASK_LINE = "Nhiệm vụ: {number} {title} ({document})"

CLI_REPORT_CANDIDATE_LINE = "  có thể là: [{id}] {number} {title}"

CLI_REPORT_STATE_LINE = "Trạng thái: {state}; tiến độ: {percent}; ghi chú: {note}"

CLI_REPORT_ADDED = (
    "Đã ghi báo cáo #{id} cho nhiệm vụ {task_id} (kỳ {occurrence}): {status}, {percent}%"
)

CLI_EXPORT = "xuất bảng tiến độ (mỗi dòng một kỳ của một nhiệm vụ) ra Excel hoặc CSV"

CLI_EXPORT_FORMAT = "định dạng: xlsx (mặc định) hoặc csv"

CLI_EXPORT_DOCUMENT = "chỉ một văn bản (mã số trong planbot documents)"

CLI_EXPORT_UNIT = "chỉ nhiệm vụ do đơn vị này (và các đơn vị trực thuộc) chủ trì"

CLI_OUTPUT = "tệp kết quả"

CLI_EXPORTED = "Đã xuất {rows} dòng vào {path}."

CLI_DRAFT = "soạn dự thảo báo cáo quý (.docx) từ các báo cáo tiến độ"

CLI_DRAFT_QUARTER = "quý, ví dụ 1/2026"

CLI_DRAFTED = "Đã soạn dự thảo báo cáo: {path}"

CLI_TASKS_NOW = "tính trạng thái như thể hôm nay là ngày này (YYYY-MM-DD)"

CLI_ALERTS = "nhắc hạn: xem trước (--dry-run) hoặc gửi ngay (--send)"

CLI_ALERTS_DRY_RUN = "chỉ in những gì sẽ gửi, không gửi"

CLI_ALERTS_SEND = "tính và gửi ngay những nhắc hạn đến giờ"

CLI_ALERTS_NOW = "thời điểm giả định, “YYYY-MM-DD HH:MM” giờ Việt Nam (mặc định: bây giờ)"

CLI_ALERTS_SINCE = "lần chạy trước (để nhắc bù), “YYYY-MM-DD HH:MM”"

CLI_ALERTS_DAYS = "xem trước nhiều ngày liền, từ --now (mỗi ngày làm việc lúc 07:30 và 08:00)"

CLI_ALERTS_JSON = "in mỗi nhắc hạn một dòng JSON"

CLI_ALERTS_BAD_NOW = "Thời điểm không hợp lệ: {value} (dạng đúng: 2026-03-24 08:00)"

CLI_ALERTS_NEED_MODE = "Cần chọn --dry-run hoặc --send."

CLI_ALERTS_LINE = "{when} [{kind}] → {who} ({unit}): {first_line}"

CLI_ALERTS_QUEUED = "Đã đưa {queued} tin mới vào hàng đợi ({repeated} đã có từ trước, {unreachable} người chưa liên kết kênh)."

CLI_ALERTS_SENT = "Đã gửi {sent} tin, lỗi {failed}, còn chờ {left}."

CLI_ALERTS_NO_CHANNEL = "Chưa cấu hình kênh nào (TELEGRAM_BOT_TOKEN …): tin nằm trong hàng đợi."

CLI_ALERTS_QUIET = "Giờ yên lặng, ngày nghỉ hoặc ngày lễ: không gửi gì lúc này."
