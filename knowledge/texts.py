"""Every user-facing Vietnamese string, in one place.

Code, comments and logs are English; what a user reads comes from here. Each area
keeps its own section below; add new strings inside your area's section.
Dates print as dd/mm/yyyy (see ``fmt_date``).
"""

from __future__ import annotations

from datetime import date


def fmt_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


# --- Loading documents ---------------------------------------------------------

UNSUPPORTED_FORMAT = (
    "Không đọc được tệp “{name}”: định dạng {ext} chưa được hỗ trợ. "
    "Vui lòng gửi tệp .docx, .pdf, .txt, .md hoặc .html."
)
FILE_NOT_FOUND = "Không tìm thấy tệp “{name}”."
BROKEN_FILE = "Tệp “{name}” bị hỏng hoặc không đúng định dạng {ext}, không đọc được nội dung."
SCANNED_PDF = (
    "Tệp PDF “{name}” là bản scan (không có lớp chữ), cần nhận dạng ký tự (OCR) trước khi nạp. "
    "Vui lòng gửi bản Word hoặc PDF có lớp chữ."
)
EMPTY_FILE = "Tệp “{name}” không có nội dung văn bản."
UNKNOWN_ENCODING = "Không nhận ra bảng mã của tệp “{name}”. Vui lòng lưu lại dưới dạng UTF-8."

# --- Parsing and ingest --------------------------------------------------------

# --- Answering questions -------------------------------------------------------

# --- Chat: commands, menus, access ---------------------------------------------
