"""Round 19: three more layouts a helper wrote after round 18's readers, without seeing the
parser (tests/gold/written11), scored once at first sight (24b1007: 55.9% found, 50.8% right
lead, 49.2% right due date; the e-mail with its calendar attachment 19/19 already); and the
reader one of them asked for, on a board written here in our own words: a task board
exported to Markdown, one card per row of the plan's Phụ lục. The `pdftotext -raw` plan
(8/20 then) is read 20/20 since round 20 (tests/test_plan_layouts.py, the raw table).
"""

from __future__ import annotations

import sys
from datetime import date

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from test_written_plans import _parse, _set_score, _titled  # noqa: E402

from bench import parse_eval  # noqa: E402


def test_the_round_nineteen_set_reads_as_measured() -> None:
    total = _set_score(parse_eval.WRITTEN11)
    assert total.gold == 59
    assert total.found == 59 and total.lead == 59  # 33 and 30 at first sight
    assert total.due >= 56 and total.invented == 0  # 29 at first sight


_BOARD = """\
# KH 12/KH-UBND – Ngày hội đọc sách 2026

## Văn bản gốc (1 thẻ)

### Kế hoạch số 12/KH-UBND (phần chung)

**Nhãn:** `Văn bản`
**Mô tả:**

KẾ HOẠCH
Tổ chức Ngày hội đọc sách năm 2026

I. MỤC ĐÍCH
Lan tỏa văn hóa đọc trong cộng đồng.

---

## Đang làm (3 thẻ)

### [1.1] Trưng bày sách

**Nhãn:** `SVHTTDL`
**Ngày hết hạn:** 2026-04-18 17:00

**Mô tả:**

> Trích Phụ lục, dòng 1.1
>
> **Nội dung:** Trưng bày sách quý và sách mới tại Thư viện tỉnh.
> **Chủ trì:** Sở Văn hóa, Thể thao và Du lịch
> **Phối hợp:** Sở Giáo dục và Đào tạo
> **Thời gian:** Trước ngày 20/4/2026

---

### [1.2] Tọa đàm tác giả

> **Nội dung:** Tổ chức tọa đàm giữa tác giả trẻ và học sinh.
> **Chủ trì:** Tỉnh đoàn
> **Thời gian:** Tháng 4/2026

---

### Nhắc việc nội bộ

**Mô tả:**

Văn thư gửi giấy mời trước ngày 15/4/2026.

---

### [1.3] Sách điện tử

> **Nội dung:** Đưa 500 đầu sách điện tử lên Cổng thông tin tỉnh.
> **Chủ trì:** Sở Khoa học và Công nghệ
> **Thời gian:** Quý II/2026

---

## Thẻ đã lưu trữ (1 thẻ)

### [1.1] Trưng bày sách (trùng)

> **Nội dung:** Trưng bày sách quý và sách mới tại Thư viện tỉnh.
> **Chủ trì:** Sở Văn hóa, Thể thao và Du lịch
> **Thời gian:** Trước ngày 20/4/2026
"""


def test_a_board_export_is_read_as_its_plan_rows() -> None:
    plan = _parse(_BOARD)
    show = _titled(plan, "Trưng bày sách")  # once: the archived duplicate is no task
    assert show.number == "1.1" and show.lead_units == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert show.deadline.due_dates == [date(2026, 4, 20)]  # the row's time, not the card's
    talk = _titled(plan, "tọa đàm")
    assert talk.number == "1.2" and talk.coordinating_units == []
    assert _titled(plan, "sách điện tử").deadline.due_dates == [date(2026, 6, 30)]
    assert not [t for t in plan.tasks if "giấy mời" in t.title]  # the clerk's own card
