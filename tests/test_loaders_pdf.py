"""PDF plans -> Document: tables across pages, text outside tables, scans, bad files."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from docgen import (
    HEADER,
    MOTTO,
    SPLIT_TAIL,
    TARGET_SENTENCE,
    PlanInfo,
    make_encrypted_pdf,
    make_plan_pdf,
    make_scanned_pdf,
    make_tables_pdf,
    pdf_group_title,
    pdf_task_row,
    running_header,
)

from bot import texts
from knowledge.document import Document, DocumentError, Table
from knowledge.loaders import load_document
from knowledge.loaders.pdf import join_cell_lines

N_TASKS = 60


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = make_plan_pdf(tmp_path_factory.mktemp("pdf") / "ke-hoach.pdf", n_tasks=N_TASKS)
    return load_document(path)


def only_table(doc: Document) -> Table:
    tables = doc.tables()
    assert len(tables) == 1, [t.rows[0].cells for t in tables]
    return tables[0]


def test_a_table_over_several_pages_becomes_one_table_with_every_task(plan: Document) -> None:
    table = only_table(plan)
    pages = [r.locator.page or 0 for r in table.rows]
    assert pages == sorted(pages)
    assert len(set(pages)) >= 3 and plan.pages >= max(pages)
    tasks = [r.cells for r in table.rows if r.cells[0].isdigit()]
    assert [cells[0] for cells in tasks] == [str(i) for i in range(1, N_TASKS + 1)]
    # Wrapped cell lines are joined back: every task row reads exactly as written.
    for i, cells in enumerate(tasks, start=1):
        expected = pdf_task_row(i)
        assert cells[2:] == expected[2:]
        assert cells[1].rstrip(".") == expected[1]


def test_repeated_header_rows_are_dropped(plan: Document) -> None:
    table = only_table(plan)
    assert table.rows[0].cells == HEADER and table.rows[0].is_header
    assert sum(r.cells == HEADER for r in table.rows) == 1
    assert not any(r.is_header for r in table.rows[1:])


def test_group_rows_fill_the_width_with_empty_cells(plan: Document) -> None:
    table = only_table(plan)
    groups = [r.cells for r in table.rows if r.cells[0].startswith("Nhóm")]
    titles = [pdf_group_title(i) for i in range(1, N_TASKS + 1)]
    assert groups == [[t, "", "", "", "", ""] for t in titles if t]


def test_a_row_split_by_the_page_break_stays_a_continuation_row(plan: Document) -> None:
    table = only_table(plan)
    at = next(i for i, r in enumerate(table.rows) if r.cells[0] == "")
    tail, before = table.rows[at], table.rows[at - 1]
    assert tail.cells == ["", SPLIT_TAIL, "", "", "", ""]
    assert before.cells[0].isdigit()
    assert (before.locator.page, tail.locator.page) == (1, 2)


def test_rows_carry_page_table_and_row_locators(plan: Document) -> None:
    table = only_table(plan)
    assert table.index == 1 and table.locator.page == 1
    assert [r.locator.row for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert {r.locator.table for r in table.rows} == {1}
    last = table.rows[-1]
    assert last.locator.describe() == f"trang {last.locator.page}, bảng 1, dòng {len(table.rows)}"


def test_text_outside_tables_is_read_once_in_page_order(plan: Document) -> None:
    paragraphs = [b for b in plan.blocks if b.kind == "paragraph"]
    texts_ = [b.text for b in paragraphs]
    assert TARGET_SENTENCE in texts_  # wrapped lines joined into one paragraph
    assert next(b for b in paragraphs if b.text == TARGET_SENTENCE).locator.page == 1
    assert not any("Nhiệm vụ số" in t or t == "STT" for t in texts_)  # no table text
    assert not any(t.startswith("Trang ") for t in texts_)  # page footers dropped
    assert running_header(PlanInfo()) not in texts_  # and running headers
    # The two-column letterhead is read column piece by column piece.
    assert {"SỞ TƯ PHÁP", MOTTO, "Số: 125/KH-STP"} <= set(texts_)
    kinds = [b.kind for b in plan.blocks]
    table_at = kinds.index("table")
    assert plan.blocks[table_at - 1].text == "II. NHIỆM VỤ VÀ GIẢI PHÁP"
    assert plan.blocks[table_at + 1].text == "III. TỔ CHỨC THỰC HIỆN"
    assert plan.blocks[table_at + 1].bold


def test_vietnamese_text_survives_in_nfc(plan: Document) -> None:
    whole = plan.text()
    assert whole == unicodedata.normalize("NFC", whole)
    for phrase in ("Phòng Phổ biến giáo dục pháp luật", "Hằng quý", "NHIỆM VỤ TRỌNG TÂM ĐỢT 1"):
        assert phrase in whole
    assert "Cải cách hành chính năm 2026 của Sở Tư pháp tỉnh Lâm Sơn" in whole


def test_tables_are_merged_only_when_they_continue(tmp_path: Path) -> None:
    header = ["TT", "Nội dung", "Thời gian"]
    other = ["TT", "Đơn vị", "Chỉ tiêu", "Ghi chú"]
    path = make_tables_pdf(
        tmp_path / "hai-bang.pdf",
        [
            ["Bảng 1", [header, ["1", "Tổ chức hội nghị", "Quý I"]]],
            ["Ghi chú: bảng tiếp theo là bảng khác.", [header, ["1", "Kiểm tra", "Quý II"]]],
            [[other, ["1", "Sở Nội vụ", "100%", ""]]],
        ],
    )
    doc = load_document(path)
    assert [(t.index, t.rows[-1].cells[1]) for t in doc.tables()] == [
        (1, "Tổ chức hội nghị"),
        (2, "Kiểm tra"),
        (3, "Sở Nội vụ"),
    ]
    assert [t.locator.page for t in doc.tables()] == [1, 2, 3]


def test_activities_in_one_cell_stay_on_their_own_lines(tmp_path: Path) -> None:
    long = "3.18 Tổ chức hội nghị tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ cấp xã"
    path = make_tables_pdf(
        tmp_path / "hoat-dong.pdf",
        [
            [
                [
                    ["TT", "Hoạt động", "Thời gian"],
                    ["3", f"{long}\n3.19 Kiểm tra việc niêm yết", "Quý III"],
                ]
            ]
        ],
    )
    cells = load_document(path).tables()[0].rows[1].cells
    assert cells == ["3", f"{long}\n3.19 Kiểm tra việc niêm yết", "Quý III"]


def test_join_cell_lines_rejoins_wraps_but_keeps_items() -> None:
    assert join_cell_lines("Thời gian\nhoàn thành") == "Thời gian hoàn thành"
    assert join_cell_lines("- Sở Nội vụ\n- Sở Tài chính") == "- Sở Nội vụ\n- Sở Tài chính"
    assert join_cell_lines("a) Rà soát\nvăn bản\nb) Báo cáo") == "a) Rà soát văn bản\nb) Báo cáo"


def test_a_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    path = make_scanned_pdf(tmp_path / "ban-scan.pdf", pages=2)
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert err.value.message == texts.SCANNED_PDF.format(name="ban-scan.pdf")
    assert "OCR" in err.value.message


def test_scanned_pages_in_a_text_pdf_are_reported(tmp_path: Path) -> None:
    doc = load_document(make_scanned_pdf(tmp_path / "mot-phan.pdf", pages=2, text_first=True))
    assert doc.pages == 3
    assert doc.blocks[0].text == "KẾ HOẠCH kiểm tra công tác văn thư, lưu trữ năm 2026"
    assert doc.warnings == [texts.SCANNED_PAGES.format(name="mot-phan.pdf", pages="2, 3")]


def test_broken_and_locked_files_get_clear_messages(tmp_path: Path) -> None:
    fake = tmp_path / "gia.pdf"
    fake.write_text("Đây là văn bản thường, không phải PDF", encoding="utf-8")
    truncated = tmp_path / "cut.pdf"
    whole = make_plan_pdf(tmp_path / "full.pdf", n_tasks=3).read_bytes()
    truncated.write_bytes(whole[:600])
    for path in (fake, truncated):
        with pytest.raises(DocumentError) as err:
            load_document(path)
        assert err.value.message == texts.BROKEN_FILE.format(name=path.name, ext=".pdf")

    locked = make_encrypted_pdf(tmp_path / "khoa.pdf")
    with pytest.raises(DocumentError) as err:
        load_document(locked)
    assert err.value.message == texts.ENCRYPTED_PDF.format(name="khoa.pdf")


def test_a_copy_protected_pdf_without_a_user_password_loads(tmp_path: Path) -> None:
    doc = load_document(make_encrypted_pdf(tmp_path / "han-che.pdf", password=""))
    assert [b.text for b in doc.blocks] == ["KẾ HOẠCH bảo mật"]
