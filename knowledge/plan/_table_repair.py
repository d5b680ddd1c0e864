"""Repair values that plainly sit in the wrong column; warn about every change.

Seed 002 shows the two cases met in real plans:

* a product printed in the deadline column, the product column empty
  ("Báo cáo Kết quả chuyển đổi số năm 2024") -> move it to the product and say
  the task has no deadline;
* a unit split over two cells ("Sở nguyên Môi trường" | "Tài và Môi trường"),
  pushing the coordinating units into the deadline column -> join the unit
  (to a known name when the words match one), shift the coordinators back, and
  say the deadline is missing.

Nothing is dropped: what cannot be repaired stays raw with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge import texts
from knowledge.plan._table_cells import clean_cell, is_unit_cell
from knowledge.plan.columns import Role
from knowledge.vietnamese import fold

DeadlineTest = Callable[[str], bool]

# Provincial departments whose long names OCR and page breaks like to split.
# Only used to re-join a split cell; unit canonicalization lives in knowledge.units.
_KNOWN_UNITS = (
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Thông tin và Truyền thông",
    "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa và Thể thao",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Công Thương",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Văn phòng UBND tỉnh",
    "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
    "Trung tâm Phục vụ hành chính công",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
)


@dataclass
class Repair:
    values: dict[Role, str]
    warnings: list[str] = field(default_factory=list)
    emptied: set[Role] = field(default_factory=set)  # cleared by a repair: never inherit
    raw_lead: str | None = None  # the cells a joined unit came from


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace(",", " ").replace("-", " ").split() if w}


def join_split_unit(first: str, second: str, known: tuple[str, ...] = _KNOWN_UNITS) -> str | None:
    """A known unit whose words are exactly the words of both fragments."""
    words = _words(first) | _words(second)
    for name in known:
        if _words(name) == words:
            return name
    return None


def repair_row(values: dict[Role, str], is_deadline: DeadlineTest) -> Repair:
    """Fix shifted cells of one task row (roles -> cleaned values)."""
    rep = Repair(values=dict(values))
    v = rep.values
    deadline = v.get("deadline", "")
    if deadline and not is_deadline(deadline):
        _repair_deadline(rep, deadline, is_deadline)
    elif not deadline and "deadline" in v:
        product = v.get("product", "")
        if product and is_deadline(product) and len(product) < 60 and not is_unit_cell(product):
            v["deadline"], v["product"] = product, ""
            rep.emptied.add("product")
            rep.warnings.append(texts.TABLE_PRODUCT_WAS_DEADLINE.format(value=product))
    return rep


def _repair_deadline(rep: Repair, deadline: str, is_deadline: DeadlineTest) -> None:
    v = rep.values
    coord = v.get("coordinating", "")
    lead = v.get("lead", "")
    if is_unit_cell(deadline) and "coordinating" in v:
        # Units pushed one column right: lead | fragment | coordinators | product.
        if coord and lead and not is_unit_cell(coord):
            joined = join_split_unit(lead, coord)
            rep.raw_lead = f"{lead} | {coord}"
            if joined:
                v["lead"] = joined
                rep.warnings.append(
                    texts.TABLE_UNIT_JOINED.format(first=lead, second=coord, unit=joined)
                )
            else:
                v["lead"] = clean_cell(f"{lead} {coord}")
                rep.warnings.append(texts.TABLE_UNIT_SPLIT.format(first=lead, second=coord))
            v["coordinating"] = deadline
        else:
            v["coordinating"] = f"{coord}; {deadline}" if coord else deadline
            rep.warnings.append(texts.TABLE_UNIT_IN_DEADLINE.format(value=deadline))
        v["deadline"] = ""
        rep.emptied.add("deadline")
        rep.warnings.append(texts.TABLE_DEADLINE_MISSING)
        return
    product = v.get("product", "")
    if "product" in v and not product:
        v["product"], v["deadline"] = deadline, ""
        rep.emptied.add("deadline")
        rep.warnings.append(texts.TABLE_DEADLINE_WAS_PRODUCT.format(value=deadline))
        return
    if product and is_deadline(product):
        v["product"], v["deadline"] = deadline, product
        rep.warnings.append(texts.TABLE_SWAPPED_PRODUCT_DEADLINE.format(value=product))
        return
    # Keep it raw: the deadline parser keeps the text, the user sees the doubt.
    rep.warnings.append(texts.TABLE_DEADLINE_UNCLEAR.format(value=deadline))
