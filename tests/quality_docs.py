"""A plan in a layout no reader knows, for the parse-quality tests (our own words).

Fourteen sentences each name a unit and a date; there is no table, no "Cơ quan chủ
trì" label and no duty section, so no task is found and the quality verdict must
say the plan needs a look, with the count.
"""

from __future__ import annotations

UNCLAIMED = 14

UNREAD_PLAN = "KẾ HOẠCH\nĐo đạc công trình năm 2026\n\n" + "\n\n".join(
    f"Đợt {k}: Sở Xây dựng đo đạc lại công trình số {k} và gửi kết quả trước ngày {k}/5/2026."
    for k in range(1, UNCLAIMED + 1)
)
# What the admin reads in the ingest reply (the numbers of ``knowledge.texts.QUALITY_LINE``).
CHECK_LINE = f"Chất lượng đọc: cần kiểm tra — {UNCLAIMED} đoạn/dòng nêu đơn vị và thời hạn"
