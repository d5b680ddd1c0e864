"""Small plans of named provinces and of the Government, written by the tests themselves.

Each is a Markdown plan with a letterhead, a số hiệu, a place-date line and one task
table, the way a province's or a ministry's plan is laid out.
"""

from __future__ import annotations

from pathlib import Path

Row = tuple[str, str, str, str]  # task, lead unit, coordinating units, deadline


def plan_text(letterhead: str, number: str, place: str, title: str, rows: list[Row]) -> str:
    table = "\n".join(
        f"| {i} | {task} | {lead} | {coord} | {due} | Báo cáo |"
        for i, (task, lead, coord, due) in enumerate(rows, start=1)
    )
    return f"""{letterhead}

Số: {number}

{place}, ngày 12 tháng 02 năm 2026

# KẾ HOẠCH

## {title}

## I. MỤC ĐÍCH, YÊU CẦU

- Mỗi nhiệm vụ có đơn vị chủ trì, thời hạn và sản phẩm rõ ràng.

## II. NHIỆM VỤ CỤ THỂ

| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | Sản phẩm |
|---|---|---|---|---|---|
{table}
"""


def write_plan(
    folder: Path, name: str, letterhead: str, number: str, place: str, title: str, rows: list[Row]
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(plan_text(letterhead, number, place, title, rows), encoding="utf-8")
    return path


def nghe_an_plan(folder: Path, name: str = "na_so_hoa.md", number: str = "21/KH-UBND") -> Path:
    return write_plan(
        folder,
        name,
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
        number,
        "Nghệ An",
        "Số hóa hồ sơ lưu trữ năm 2026",
        [
            ("Rà soát danh mục hồ sơ cần số hóa", "Sở Nội vụ", "Bộ Tài chính", "Tháng 3/2026"),
            ("Xây dựng kho lưu trữ số của tỉnh", "Sở Nội vụ", "Sở Tài chính", "Tháng 9/2026"),
        ],
    )


def ha_tinh_plan(folder: Path, name: str = "ht_van_thu.md") -> Path:
    return write_plan(
        folder,
        name,
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "8/KH-UBND",
        "Hà Tĩnh",
        "Nâng cao chất lượng công tác văn thư năm 2026",
        [
            ("Chuẩn hóa mẫu văn bản điện tử", "Sở Nội vụ", "Bộ Tài chính", "Tháng 5/2026"),
        ],
    )


def national_plan(folder: Path, name: str = "ttg_the_che.md") -> Path:
    return write_plan(
        folder,
        name,
        "THỦ TƯỚNG CHÍNH PHỦ",
        "77/QĐ-TTg",
        "Hà Nội",
        "Hoàn thiện thể chế về lưu trữ điện tử",
        [
            (
                "Trình dự thảo nghị định về lưu trữ điện tử",
                "Bộ Tài chính",
                "Bộ Nội vụ",
                "Tháng 6/2026",
            )
        ],
    )
