"""What the chat says: the conversation texts of the handlers layer.

The knowledge layer's texts (answers, parse messages, shared formatting) live in
``knowledge.texts`` and are re-exported here, so a handler imports one module.
"""

from __future__ import annotations

from knowledge.texts import *  # noqa: F403 - one texts module per layer
from knowledge.texts import FORMATS_BRIEF, FORMATS_LIST, fmt_date  # noqa: F401 - used below

CHAT_NOT_LINKED = (
    "Xin chào! Trợ lý Kế hoạch chỉ dành cho cán bộ đã được cấp quyền. "
    "Để sử dụng, vui lòng liên hệ quản trị viên để nhận mã mời, "
    "sau đó gửi: /start MÃ_MỜI"
)

CHAT_INVITE_INVALID = (
    "Mã mời “{code}” không hợp lệ, đã được sử dụng hoặc đã hết hạn. "
    "Vui lòng liên hệ quản trị viên để nhận mã mới."
)

CHAT_LINKED_WELCOME = (
    "Chào mừng {name}! Tài khoản của bạn đã được liên kết với vai trò {role}{unit}.\n"
    "Gửi câu hỏi về kế hoạch bất cứ lúc nào, hoặc gõ /trogiup để xem các lệnh."
)

CHAT_LINKED_EXTRA = (
    "Đã liên kết thêm tài khoản {channel} vào hồ sơ của {name}. "
    "Bạn có thể dùng trợ lý trên cả hai kênh."
)

CHAT_ALREADY_LINKED = (
    "Tài khoản này đã được liên kết ({name}, {role}{unit}). Gõ /trogiup để xem các lệnh."
)

CHAT_ALREADY_LINKED_OTHER = (
    "Tài khoản này đã được liên kết với một người dùng khác, không dùng được mã mời này."
)

CHAT_WELCOME_BACK = "Chào {name}! Gửi câu hỏi về kế hoạch, hoặc chọn một mục bên dưới."

CHAT_INVITE_WAIT = (
    "Bạn đã nhập sai mã mời quá nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại, "
    "hoặc liên hệ quản trị viên."
)

CHAT_UNSUPPORTED = (
    "Trợ lý chỉ đọc được tin nhắn chữ (hình ảnh, nhãn dán… chưa đọc được). "
    "Hãy gõ câu hỏi, hoặc gõ /trogiup để xem các lệnh."
)

# Group chats (handlers.groups)
CHAT_GROUP_PRIVATE_ONLY = (
    "Trợ lý Kế hoạch chỉ làm việc trong trò chuyện riêng. "
    "Hãy nhắn trực tiếp cho trợ lý để hỏi hoặc liên kết tài khoản."
)

CHAT_GROUP_ENABLED = (
    "Đã bật nhóm này: thành viên đã liên kết có thể hỏi về kế hoạch (chỉ đọc). "
    "Danh sách nhiệm vụ, báo cáo và quản trị chỉ có trong trò chuyện riêng. "
    "Tắt: /admin nhom tat"
)

CHAT_GROUP_DISABLED = "Đã tắt nhóm này. Trợ lý chỉ làm việc trong trò chuyện riêng."

CHAT_GROUP_READ_ONLY = (
    "Trong nhóm, trợ lý chỉ trả lời câu hỏi về kế hoạch (/hoi CÂU_HỎI). "
    "Các lệnh khác, xin dùng trong trò chuyện riêng với trợ lý."
)

CHAT_UNIT_SUFFIX = " — {unit}"

CHAT_ROLE_NAMES = {
    "admin": "quản trị viên",
    "leader": "lãnh đạo",
    "head": "trưởng đơn vị",
    "member": "cán bộ",
    "viewer": "người xem",
}

CHAT_CHANNEL_NAMES = {
    "telegram": "Telegram",
    "zalo_bot": "Zalo",
    "zalo_oa": "Zalo OA",
    "terminal": "dòng lệnh",
}

CHAT_HELP = (
    "Các lệnh của Trợ lý Kế hoạch:\n"
    "/hoi CÂU_HỎI — hỏi về kế hoạch (hoặc gửi câu hỏi trực tiếp)\n"
    "/nhiemvu — nhiệm vụ của đơn vị tôi\n"
    "/hanchot — nhiệm vụ sắp đến hạn (30 ngày tới)\n"
    "/tiendo — cập nhật tiến độ\n"
    "/baocao — báo cáo tiến độ\n"
    "/caidat — cài đặt\n"
    "/trogiup — xem hướng dẫn này"
)

CHAT_HELP_ADMIN = "\n/admin — quản trị (mã mời, đơn vị, người dùng, thông báo, nạp kế hoạch)"

CHAT_HELP_NUMBERED = "Gõ số thứ tự để chọn một mục trong danh sách."

CHAT_BTN_ASK = "Hỏi đáp"

CHAT_BTN_TASKS = "Nhiệm vụ của tôi"

CHAT_BTN_DEADLINES = "Sắp đến hạn"

CHAT_BTN_HELP = "Trợ giúp"

CHAT_BTN_ADMIN = "Quản trị"

CHAT_ASK_PROMPT = "Mời bạn gửi câu hỏi về kế hoạch, ví dụ: “Sở Tư pháp có những nhiệm vụ nào?”"

CHAT_NO_ANSWER = (
    "Chưa tìm thấy thông tin phù hợp trong các kế hoạch đã nạp. "
    "Bạn thử hỏi lại với tên đơn vị, nhiệm vụ hoặc thời hạn cụ thể hơn."
)

CHAT_ANSWER_OPTIONS = "Ý bạn là:"

CHAT_FEEDBACK_UP = "👍"

CHAT_FEEDBACK_DOWN = "👎"

CHAT_FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý, câu trả lời đã được ghi nhận để cải thiện."

CHAT_FEEDBACK_GONE = "Câu trả lời này đã cũ, không ghi nhận được góp ý. Bạn hãy hỏi lại."

# Typed to see the rest of the last list ("thêm", "xem thêm").
CHAT_MORE_WORDS = ("them", "xem them", "xem tiep", "tiep")

CHAT_SOURCES = "Nguồn:"

CHAT_COMING_SOON = "Tính năng “{feature}” đang được xây dựng và sẽ sớm có mặt."

CHAT_FEATURE_PROGRESS = "Cập nhật tiến độ"

CHAT_FEATURE_REPORT = "Báo cáo"

CHAT_FEATURE_SETTINGS = "Cài đặt"

CHAT_TASKS_TITLE = "Nhiệm vụ của {scope} ({count}):"

CHAT_TASKS_NONE = "Chưa có nhiệm vụ nào của {scope} trong các kế hoạch đã nạp."

CHAT_TASKS_NO_UNIT = (
    "Tài khoản của bạn chưa gắn với đơn vị nào nên chưa lọc được nhiệm vụ. "
    "Bạn có thể hỏi trực tiếp, ví dụ: “nhiệm vụ của Sở Tư pháp”."
)

CHAT_SCOPE_ALL = "tất cả đơn vị"

CHAT_DEADLINES_TITLE = "Nhiệm vụ của {scope} đến hạn từ {start} đến {end} ({count}):"

CHAT_DEADLINES_NONE = "Không có nhiệm vụ nào của {scope} đến hạn từ {start} đến {end}."

CHAT_TASK_LINE = "{n}. {title}"

CHAT_TASK_DUE = " — hạn {due}"

CHAT_TASK_DEADLINE_TEXT = " — thời hạn: {text}"

CHAT_TASK_SOURCE = "   ({source}{locator})"

CHAT_LIST_MORE = "… và {more} nhiệm vụ khác. Hãy hỏi cụ thể hơn để thu hẹp danh sách."

CHAT_NOT_ALLOWED = "Bạn không có quyền thực hiện thao tác này."

CHAT_UNKNOWN_COMMAND = "Không có lệnh “{command}”. Gõ /trogiup để xem các lệnh."

CHAT_INTERNAL_ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."

CHAT_CHOICE_INVALID = (
    "Lựa chọn “{choice}” không có trong danh sách. Vui lòng gõ một số từ 1 đến {max}."
)

CHAT_CANCELLED = "Đã hủy."

CHAT_CANCEL_HINT = "Gõ /huy để hủy."

CHAT_NOTHING_TO_CANCEL = "Không có thao tác nào đang dở để hủy."

CHAT_FLOW_EXPIRED = "Thao tác đang dở đã hết thời gian chờ nên đã được hủy."

CHAT_FLOW_STALE_BUTTON = "Nút này thuộc một thao tác đã kết thúc. Vui lòng bắt đầu lại."

CHAT_FLOW_CHOOSE = "Vui lòng chọn một trong các lựa chọn bên dưới."

CHAT_BUTTON_EXPIRED = "Nút này đã hết hạn. Vui lòng mở lại danh sách."

CHAT_FILE_NOT_ALLOWED = "Chỉ quản trị viên mới gửi được tệp kế hoạch để nạp."

CHAT_FILE_BAD_TYPE = f"Tệp “{{name}}” không được hỗ trợ. Vui lòng gửi tệp {FORMATS_LIST}."

CHAT_FILE_RECEIVED = "Đã nhận tệp “{name}”, đang nạp kế hoạch…"

CHAT_FILE_PARSING = "Đang đọc và phân tích “{name}”…"

CHAT_FILE_DONE = "Đã nạp xong “{name}”."

CHAT_FILE_FAILED = "Không nạp được tệp “{name}”: {reason}"

CHAT_ADMIN_MENU = "Quản trị — chọn thao tác:"

CHAT_ADMIN_BTN_INVITE = "Tạo mã mời"

CHAT_ADMIN_BTN_UNITS = "Danh sách đơn vị"

CHAT_ADMIN_BTN_MERGE = "Gộp đơn vị"

CHAT_ADMIN_BTN_ALIAS = "Thêm tên gọi khác"

CHAT_ADMIN_BTN_USERS = "Danh sách người dùng"

CHAT_ADMIN_BTN_BROADCAST = "Gửi thông báo"

CHAT_ADMIN_BTN_UPLOAD = "Nạp kế hoạch"

CHAT_ADMIN_BTN_UPDATES = "Tin nhắn lỗi"

CHAT_ADMIN_UPDATES_NONE = (
    "Không có tin nhắn nào bị lỗi khi xử lý. Không có tin gửi đi nào cần kiểm tra."
)

CHAT_ADMIN_UPDATES_TITLE = "Tin nhắn đến xử lý lỗi ({count}):"

CHAT_ADMIN_UPDATE_LINE = "#{id} {channel} {received}: {error}"

CHAT_ADMIN_OUTBOX_TITLE = "Tin gửi đi cần kiểm tra ({count}):"

CHAT_ADMIN_CALL_TITLE = (
    "Cần liên hệ trực tiếp ({count}) — tin nhắn đang giữ lại vì không kênh nào tới được "
    "người nhận (Zalo OA đã quá thời hạn tương tác, chưa liên kết kênh khác):"
)

CHAT_ADMIN_CALL_LINE = "#{id} {name} ({channel}): “{preview}”"

CHAT_ADMIN_OUTBOX_LINE = "#{id} {channel}:{chat_id} — {status}: {preview}"

CHAT_OUTBOX_STATUS_NAMES = {
    "uncertain": "chưa rõ đã tới chưa (mạng quá thời gian chờ)",
    "failed": "gửi không được",
    "held": "đang giữ lại",
}

CHAT_ADMIN_INVITE_ROLE = "Mã mời cho vai trò nào?"

CHAT_ADMIN_INVITE_UNIT = (
    "Nhập tên đơn vị cho mã mời (ví dụ: Sở Tư pháp), hoặc gõ “-” nếu không gắn đơn vị."
)

CHAT_ADMIN_INVITE_CREATED = (
    "Đã tạo mã mời {code} (vai trò {role}{unit}).\nNgười được mời gửi cho trợ lý: /start {code}"
)

CHAT_ADMIN_UNITS_TITLE = "Đơn vị ({count}):"

CHAT_ADMIN_UNITS_NONE = "Chưa có đơn vị nào."

CHAT_ADMIN_UNIT_LINE = "#{id} {name}{aliases}"

CHAT_ADMIN_UNIT_ALIASES = " (tên khác: {aliases})"

CHAT_ADMIN_MERGE_PROMPT = (
    "Nhập hai mã số đơn vị cần gộp: “GIỮ BỎ”, ví dụ “12 15” (đơn vị 15 sẽ được gộp vào đơn vị 12)."
)

CHAT_ADMIN_MERGE_BAD = "Cần đúng hai mã số đơn vị khác nhau, ví dụ “12 15”."

CHAT_ADMIN_MERGE_DONE = "Đã gộp “{drop}” vào “{keep}”."

CHAT_ADMIN_ALIAS_PROMPT = "Nhập “MÃ_SỐ = tên gọi khác”, ví dụ “12 = Sở TP”."

CHAT_ADMIN_ALIAS_BAD = "Sai cú pháp. Ví dụ đúng: “12 = Sở TP”."

CHAT_ADMIN_ALIAS_DONE = "Đã thêm tên gọi khác “{alias}” cho “{unit}”."

CHAT_ADMIN_UNIT_UNKNOWN = "Không có đơn vị mã số {id}."

CHAT_ADMIN_USERS_TITLE = "Người dùng ({count}):"

CHAT_ADMIN_USER_LINE = "#{id} {name} — {role}{unit} — {channels}"

CHAT_ADMIN_USER_INACTIVE = " (ngừng hoạt động)"

CHAT_ADMIN_BROADCAST_PROMPT = "Nhập nội dung thông báo gửi tới tất cả người dùng:"

CHAT_ADMIN_BROADCAST_DONE = "Đã gửi thông báo tới {count} tài khoản."

CHAT_ADMIN_BROADCAST_PREFIX = "📢 Thông báo: "

CHAT_ADMIN_UPLOAD_PROMPT = f"Gửi tệp kế hoạch ({FORMATS_BRIEF}) vào cuộc trò chuyện này để nạp."

CHAT_ADMIN_HELD_NOTE = (
    "Không gửi được tin nhắn tới {name} qua Zalo OA vì đã quá thời hạn tương tác "
    "và người này chưa liên kết kênh khác. Tin nhắn đang được giữ lại: “{preview}”"
)

CHAT_DEMO_BANNER = (
    "Trợ lý Kế hoạch — trò chuyện trên dòng lệnh (bạn là {name}, {role}). "
    "Gõ /trogiup để xem lệnh, Ctrl+D để thoát."
)

CHAT_HELP_PROGRESS = (
    "\n(báo cáo nhanh bằng một tin: “NV 3.31 đã ban hành KH số 12/KH-STP, hoàn thành”)"
    "\n/lichsu NHIỆM_VỤ — lịch sử báo cáo của nhiệm vụ"
    "\n/suabaocao SỐ, /rutbaocao SỐ — sửa, rút lại báo cáo (trong 24 giờ)"
)

CHAT_HELP_LEADER = (
    "\n/duyet — xác nhận hoặc trả lại báo cáo\n/baocaoquy [1/2026] — dự thảo báo cáo quý"
)

CHAT_HELP_EXPORT = "\n/xuat — bảng tiến độ Excel"
# Used by the alerts planner and its dry-run listing: a unit that nobody receives for.
CLI_ALERTS_NOBODY = "KHÔNG CÓ NGƯỜI NHẬN"
