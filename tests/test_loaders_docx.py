"""Word plans -> Document: order, headings, merged cells, header rows, bad files."""

from __future__ import annotations

import copy
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docgen import GROUP_ROWS, HEADER, TARGET_SENTENCE, PlanInfo, make_plan_docx, mark_header_row
from docx import Document as new_docx
from docx.oxml import OxmlElement

from bot import texts
from knowledge.document import Block, Document, DocumentError, Table
from knowledge.loaders import load_document


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = make_plan_docx(tmp_path_factory.mktemp("docx") / "ke-hoach-cchc.docx")
    return load_document(path)


def task_table(doc: Document) -> Table:
    tables = [t for t in doc.tables() if t.rows[0].cells[0] == "STT"]
    assert len(tables) == 1
    return tables[0]


def row_for(table: Table, stt: str) -> list[str]:
    return next(r.cells for r in table.rows if r.cells[0] == stt)


def find_block(doc: Document, text: str) -> tuple[int, Block]:
    return next((i, b) for i, b in enumerate(doc.blocks) if b.text == text)


def test_headings_come_from_styles_and_bold_paragraphs_are_marked(plan: Document) -> None:
    _, title = find_block(plan, "KẾ HOẠCH")
    assert (title.kind, title.level) == ("heading", 0)
    _, section = find_block(plan, "I. MỤC ĐÍCH, YÊU CẦU")
    assert (section.kind, section.level) == ("heading", 1)
    _, sub = find_block(plan, "2. Chỉ tiêu")
    assert (sub.kind, sub.level) == ("heading", 2)
    _, named = find_block(plan, PlanInfo().title)
    assert named.kind == "paragraph" and named.bold
    _, target = find_block(plan, TARGET_SENTENCE)
    assert target.kind == "paragraph" and not target.bold
    assert "đạt trên 95%" in target.text


def test_paragraphs_and_tables_keep_body_order(plan: Document) -> None:
    kinds = [b.kind for b in plan.blocks]
    assert kinds[0] == "table"  # the letterhead table comes before the title
    letterhead = plan.blocks[0].table
    assert letterhead is not None
    assert letterhead.rows[0].cells[0] == "UBND TỈNH LÂM SƠN\nSỞ TƯ PHÁP\nSố: 125/KH-STP"
    before, _ = find_block(plan, "II. NHIỆM VỤ VÀ GIẢI PHÁP")
    after, _ = find_block(plan, "III. TỔ CHỨC THỰC HIỆN")
    table_at = next(i for i, b in enumerate(plan.blocks) if b.table is task_table(plan))
    assert before < table_at < after
    _, signer = find_block(plan, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert signer is plan.blocks[-1]


def test_merged_cells_are_expanded_to_the_grid(plan: Document) -> None:
    table = task_table(plan)
    assert table.rows[0].cells == HEADER
    assert all(len(r.cells) == len(HEADER) for r in table.rows)
    assert [r.cells for r in table.rows if r.cells[0] in GROUP_ROWS] == [
        [GROUP_ROWS[0], "", "", "", "", ""],
        [GROUP_ROWS[1], "", "", "", "", ""],
    ]
    # Vertical merge: the lead unit shows once, the row below gets "".
    assert row_for(table, "1")[2] == "Phòng Xây dựng và Kiểm tra văn bản"
    assert row_for(table, "2")[2] == ""
    assert row_for(table, "2")[3:] == ["UBND cấp huyện", "Hằng quý", "Báo cáo"]
    # Horizontal span of two columns: text once, then "".
    assert row_for(table, "4")[2:] == [
        "Văn phòng Sở và các phòng chuyên môn",
        "",
        "Năm 2026",
        "Kho dữ liệu số",
    ]


def test_cell_paragraphs_stay_on_lines_and_nested_tables_are_flattened(plan: Document) -> None:
    table = task_table(plan)
    assert row_for(table, "2")[1] == (
        "Theo dõi tình hình thi hành pháp luật:\n- Kiểm tra tại 05 cơ quan, đơn vị"
    )
    assert row_for(table, "5")[5] == (
        "Báo cáo kết quả khảo sát:\nĐợt 1 | Tháng 6/2026\nĐợt 2 | Tháng 11/2026"
    )
    assert len(plan.tables()) == 2  # the nested table is not a table of its own


def test_header_rows_and_locators(plan: Document) -> None:
    table = task_table(plan)
    assert [r.is_header for r in table.rows] == [True] + [False] * (len(table.rows) - 1)
    assert table.index == 2
    assert [r.locator.row for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert {(r.locator.table, r.locator.page) for r in table.rows} == {(2, None)}
    assert table.rows[2].locator.describe() == "bảng 2, dòng 3"


def test_rows_marked_repeat_as_header_are_header_rows(tmp_path: Path) -> None:
    doc = new_docx()
    table = doc.add_table(rows=4, cols=3)
    values = [
        ["TT", "Nhiệm vụ", "Thời gian"],
        ["(1)", "(2)", "(3)"],
        ["1", "Tổ chức hội nghị", "Quý I"],
        ["2", "Kiểm tra", "Quý III"],
    ]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    mark_header_row(table, 1)
    path = tmp_path / "hai-dong-tieu-de.docx"
    doc.save(str(path))
    rows = load_document(path).tables()[0].rows
    assert [r.is_header for r in rows] == [True, True, False, False]


def test_word_list_numbering_is_put_back_into_the_text(plan: Document, tmp_path: Path) -> None:
    raw = [p.text for p in new_docx(str(make_plan_docx(tmp_path / "p.docx"))).paragraphs]
    assert "MỤC ĐÍCH, YÊU CẦU" in raw and "I. MỤC ĐÍCH, YÊU CẦU" not in raw
    headings = [b.text for b in plan.blocks if b.kind == "heading" and b.level > 0]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Chỉ tiêu",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert "• Tham mưu sơ kết, tổng kết công tác cải cách hành chính." in plan.text()


def test_auto_numbered_stt_cells_get_their_numbers(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("Danh sách", style="List Number")  # the list counts from the body on
    table = doc.add_table(rows=3, cols=2)
    for r, task in enumerate(["Tổ chức hội nghị", "Kiểm tra", "Báo cáo"]):
        table.cell(r, 0).paragraphs[0].style = "List Number"
        table.cell(r, 1).text = task
    path = tmp_path / "stt.docx"
    doc.save(str(path))
    loaded = load_document(path)
    assert loaded.blocks[0].text == "1. Danh sách"
    assert [r.cells for r in loaded.tables()[0].rows] == [
        ["2.", "Tổ chức hội nghị"],
        ["3.", "Kiểm tra"],
        ["4.", "Báo cáo"],
    ]


def test_text_is_nfc_and_spaces_are_tidied(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph(unicodedata.normalize("NFD", "  Sở Tư pháp\u00a0 tỉnh   Lâm Sơn  "))
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = unicodedata.normalize("NFD", "Người đứng đầu")
    table.cell(0, 1).text = "\u200bQuý IV"
    path = tmp_path / "nfd.docx"
    doc.save(str(path))
    loaded = load_document(path)
    assert loaded.blocks[0].text == "Sở Tư pháp tỉnh Lâm Sơn"
    assert loaded.blocks[0].text == unicodedata.normalize("NFC", loaded.blocks[0].text)
    assert loaded.tables()[0].rows[0].cells == ["Người đứng đầu", "Quý IV"]


def test_content_controls_are_read_in_place(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("Trước")
    inner = doc.add_paragraph("Nội dung trong ô điều khiển")
    doc.add_paragraph("Sau")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    inner._p.addprevious(sdt)
    content.append(copy.deepcopy(inner._p))
    inner._p.getparent().remove(inner._p)
    path = tmp_path / "sdt.docx"
    doc.save(str(path))
    assert [b.text for b in load_document(path).blocks] == [
        "Trước",
        "Nội dung trong ô điều khiển",
        "Sau",
    ]


def test_pages_are_estimated_from_page_breaks(tmp_path: Path) -> None:
    assert load_document(make_plan_docx(tmp_path / "a.docx", page_breaks=0)).pages == 1
    assert load_document(make_plan_docx(tmp_path / "b.docx", page_breaks=2)).pages == 3


def test_a_broken_file_gets_a_clear_message(tmp_path: Path) -> None:
    garbage = tmp_path / "hong.docx"
    garbage.write_bytes(b"day khong phai tep Word")
    with pytest.raises(DocumentError) as err:
        load_document(garbage)
    assert err.value.message == texts.BROKEN_FILE.format(name="hong.docx", ext=".docx")

    not_word = tmp_path / "bang-tinh.docx"
    with zipfile.ZipFile(not_word, "w") as zf:
        zf.writestr("readme.txt", "không phải tài liệu Word")
    with pytest.raises(DocumentError) as err:
        load_document(not_word)
    assert "bị hỏng" in err.value.message and "bang-tinh.docx" in err.value.message


def test_a_legacy_doc_renamed_docx_is_named_as_such(tmp_path: Path) -> None:
    legacy = tmp_path / "cu.docx"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(DocumentError) as err:
        load_document(legacy, display_name="Kế hoạch cũ.docx")
    assert err.value.message == texts.LEGACY_OR_LOCKED_DOC.format(name="Kế hoạch cũ.docx")
    assert ".doc" in err.value.message


def test_a_document_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "trang.docx"
    doc = new_docx()
    doc.add_paragraph("   ")
    doc.save(str(path))
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert err.value.message == texts.EMPTY_FILE.format(name="trang.docx")
