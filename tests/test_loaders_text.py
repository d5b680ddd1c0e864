"""Plain-text / markdown loading: encodings, paragraphs, metadata and every table layout.

Synthetic inputs are small invented plans; the real seeds and corpus are checked
for structure only (skipped when ../shared is absent).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import CORPUS, corpus_files, seed_path

from bot import texts
from knowledge.document import Block, Document, DocumentError, Table
from knowledge.loaders import load_document


def _write(tmp_path: Path, text: str, name: str = "ke_hoach.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _load(tmp_path: Path, text: str, name: str = "ke_hoach.txt") -> Document:
    return load_document(_write(tmp_path, text, name))


def _paragraphs(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind in ("paragraph", "heading")]


def _only_table(doc: Document) -> Table:
    tables = doc.tables()
    assert len(tables) == 1, [len(t.rows) for t in tables]
    return tables[0]


def _cells(table: Table) -> list[list[str]]:
    return [row.cells for row in table.rows]


# --- encodings ------------------------------------------------------------------

PLAN = "KẾ HOẠCH\n\nSở Nội vụ chủ trì rà soát thủ tục hành chính trong Quý IV/2026.\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_unicode_encodings_read_the_same_text(tmp_path: Path, encoding: str) -> None:
    data = PLAN.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))  # really BOM-less
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert [b.text for b in doc.blocks] == [
        "KẾ HOẠCH",
        "Sở Nội vụ chủ trì rà soát thủ tục hành chính trong Quý IV/2026.",
    ]
    assert not any("\ufeff" in b.text for b in doc.blocks)


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as separate combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            tone = "".join(p for p in parts if p in tones)
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


def test_windows_1258_file_is_read_and_composed(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(_to_cp1258("Kế hoạch cải cách hành chính năm 2026 của Sở Nội vụ."))
    doc = load_document(path)
    assert doc.blocks[0].text == "Kế hoạch cải cách hành chính năm 2026 của Sở Nội vụ."


def test_decomposed_text_and_crlf_are_normalized(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Thời gian hoàn thành: Tháng 6/2026.")
    doc = _load(tmp_path, f"{nfd}\r\n\r\nSở Tài chính.\r\n")
    assert doc.blocks[0].text == "Thời gian hoàn thành: Tháng 6/2026."
    assert unicodedata.is_normalized("NFC", doc.blocks[0].text)
    assert [b.locator.line for b in doc.blocks] == [1, 3]


def test_empty_file_gets_a_vietnamese_message(tmp_path: Path) -> None:
    path = _write(tmp_path, "  \n\n", "trong.txt")
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert err.value.message == texts.EMPTY_FILE.format(name="trong.txt")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert "anh.txt" in err.value.message


# --- paragraphs and headings -------------------------------------------------------


def test_hard_wrapped_prose_is_joined_into_paragraphs(tmp_path: Path) -> None:
    text = (
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân\n"
        "tỉnh về cải cách hành chính, Sở Nội vụ xây dựng kế hoạch thực hiện cụ thể\n"
        "như sau:\n"
        "**I. MỤC ĐÍCH, YÊU CẦU**\n"
        "Bảo đảm các nhiệm vụ được triển khai đồng bộ, đúng tiến độ, có sản phẩm cụ\n"
        "thể và gắn trách nhiệm người đứng đầu cơ quan, đơn vị trong từng nhiệm vụ.\n"
        "- Rà soát quy trình nội bộ giải quyết thủ tục hành chính của các phòng,\n"
        "đơn vị trực thuộc Sở.\n"
        "- Hoàn thành trong Quý II/2026.\n"
    )
    doc = _load(tmp_path, text)
    assert [(b.text, b.bold, b.locator.line) for b in doc.blocks] == [
        (
            "Căn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân "
            "tỉnh về cải cách hành chính, Sở Nội vụ xây dựng kế hoạch thực hiện cụ thể "
            "như sau:",
            False,
            1,
        ),
        ("I. MỤC ĐÍCH, YÊU CẦU", True, 4),
        (
            "Bảo đảm các nhiệm vụ được triển khai đồng bộ, đúng tiến độ, có sản phẩm cụ "
            "thể và gắn trách nhiệm người đứng đầu cơ quan, đơn vị trong từng nhiệm vụ.",
            False,
            5,
        ),
        (
            "- Rà soát quy trình nội bộ giải quyết thủ tục hành chính của các phòng, "
            "đơn vị trực thuộc Sở.",
            False,
            7,
        ),
        ("- Hoàn thành trong Quý II/2026.", False, 9),
    ]


def test_wrapped_numbered_items_and_headings_are_split_where_they_start(tmp_path: Path) -> None:
    """Text wrapped at ~80 characters without blank lines: a numbered heading runs
    into its text, a lettered item starts under an unfinished heading line; a name
    or a cited document going on at the next line is no new block."""
    text = (
        "Căn cứ chương trình công tác năm 2026, Chính phủ thống nhất một số nội dung\n"
        "trọng tâm để các bộ, ngành và địa phương tập trung chỉ đạo thực hiện ngay\n"
        "trong quý I, bảo đảm tiến độ và chất lượng các nhiệm vụ được giao theo kế.\n"
        "1. Thực hiện hiệu quả công tác thông tin, tuyên truyền về chính sách mới,\n"
        "chuyển đổi số\n"
        "a) Các bộ, ngành, địa phương đẩy mạnh tuyên truyền về các chính sách mới\n"
        "ban hành, nâng cao nhận thức của người dân và doanh nghiệp về chuyển đổi\n"
        "số, nhất là tại các đơn vị đang triển khai thí điểm theo chỉ đạo của Thủ tướng\n"
        "Chính phủ, bảo đảm thống nhất về nội dung và thời gian thực hiện trong\n"
        "năm; làm tốt công tác tư tưởng đối với cán bộ thuộc diện sắp xếp bộ máy theo\n"
        "Kết luận số 12-KL/TW của Bộ Chính trị trong toàn hệ thống chính trị các cấp.\n"
        "2. Phương hướng, nhiệm vụ, giải pháp trọng tâm tháng 5 và thời gian tới\n"
        "Thời gian tới, dự báo tình hình còn nhiều khó khăn, thách thức đan xen nhau,\n"
        "đòi hỏi các cấp, các ngành chủ động, linh hoạt trong chỉ đạo và điều hành.\n"
    )
    texts_ = [b.text for b in _load(tmp_path, text).blocks]
    assert texts_[1] == (
        "1. Thực hiện hiệu quả công tác thông tin, tuyên truyền về chính sách mới, chuyển đổi số"
    )
    assert (
        texts_[2].startswith("a) Các bộ, ngành, địa phương") and "Thủ tướng Chính phủ" in texts_[2]
    )
    assert "Kết luận số 12-KL/TW" in texts_[2]  # "… sắp xếp bộ máy theo" / "Kết luận …"
    assert texts_[3] == "2. Phương hướng, nhiệm vụ, giải pháp trọng tâm tháng 5 và thời gian tới"
    assert texts_[4].startswith("Thời gian tới, dự báo")


def test_wrapped_italic_heading_is_one_block(tmp_path: Path) -> None:
    text = "II. PHÂN CÔNG\n\n*2.1. Sở\nTài chính*\n\n- Bố trí kinh phí thực hiện.\n"
    assert [b.text for b in _load(tmp_path, text).blocks][1] == "2.1. Sở Tài chính"


def test_cell_table_items_under_a_merged_cell_are_rows(tmp_path: Path) -> None:
    """A flattened web table: rows of three cells under a row's merged lead cells are
    rows of their own, and their "phối hợp" wording does not make them a header."""
    text = "\n".join(
        [
            "|", "STT", "|", "Cơ quan chủ trì", "|", "Cơ quan phối hợp", "|", "Nhóm",
            "|", "Nội dung", "|", "Kết quả", "|", "Thời hạn", "||",
            "1", "|", "Sở Xây dựng", "|", "Sở Tài chính", "|", "Hạ tầng", "|",
            "- Rà soát quy hoạch.", "|", "- Quy hoạch được duyệt.", "|", "Quý II/2026", "||",
            "- Lập quy chế phối hợp liên tỉnh.", "|", "- Quy chế phối hợp được ban hành.",
            "|", "Năm 2026", "||",
            "- Lập bản đồ số.", "|", "- Bản đồ được cập nhật.", "|", "Năm 2027", "|",
        ]
    )  # fmt: skip
    table = _only_table(_load(tmp_path, text))
    assert [row.cells[:1] for row in table.rows[2:]] == [
        ["- Lập quy chế phối hợp liên tỉnh."],
        ["- Lập bản đồ số."],
    ]
    assert not table.rows[2].is_header


def test_bold_heading_wrapped_over_two_lines_is_one_block(tmp_path: Path) -> None:
    text = (
        "**II. NHIỆM VỤ, GIẢI PHÁP TRỌNG\n"
        "TÂM NĂM 2026**\n"
        "a) Sở Tư pháp rà soát văn bản quy phạm pháp luật, hoàn thành trong tháng 3\n"
        "năm 2026.\n"
        "b) Sở Tài chính bố trí kinh phí thực hiện.\n"
    )
    doc = _load(tmp_path, text)
    assert [(b.text, b.bold) for b in doc.blocks] == [
        ("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2026", True),
        (
            "a) Sở Tư pháp rà soát văn bản quy phạm pháp luật, hoàn thành trong tháng 3 năm 2026.",
            False,
        ),
        ("b) Sở Tài chính bố trí kinh phí thực hiện.", False),
    ]


def test_slide_lines_separated_by_blank_lines_are_rejoined(tmp_path: Path) -> None:
    text = (
        "- Công tác cải cách hành chính được cấp ủy, chính quyền các cấp\n\n"
        "quan tâm lãnh đạo, chỉ đạo quyết liệt hơn.\n\n"
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.\n\n"
        "Nhiều thủ tục đã được đơn giản hóa.\n"
    )
    doc = _load(tmp_path, text)
    assert [b.text for b in doc.blocks] == [
        "- Công tác cải cách hành chính được cấp ủy, chính quyền các cấp quan tâm lãnh đạo, "
        "chỉ đạo quyết liệt hơn.",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.",
        "Nhiều thủ tục đã được đơn giản hóa.",
    ]
    assert [b.locator.line for b in doc.blocks] == [1, 5, 7]


def test_markdown_headings_bold_lines_and_emphasis(tmp_path: Path) -> None:
    text = (
        "## KẾ HOẠCH\n\n"
        "### **1. Cải cách thể chế**\n\n"
        "**KẾ HOẠCH****Cải cách hành chính năm 2026**\n\n"
        "*Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;*\n\n"
        "**1.** Các phòng chủ động thực hiện.\n"
    )
    doc = _load(tmp_path, text, "ke_hoach.md")
    assert doc.format == "md"
    got = [(b.kind, b.level, b.text, b.bold) for b in doc.blocks]
    assert got == [
        ("heading", 2, "KẾ HOẠCH", False),
        ("heading", 3, "1. Cải cách thể chế", True),
        ("paragraph", 0, "KẾ HOẠCH", True),
        ("paragraph", 0, "Cải cách hành chính năm 2026", True),
        ("paragraph", 0, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;", False),
        ("paragraph", 0, "1. Các phòng chủ động thực hiện.", False),
    ]


def test_unwrapped_lines_stay_separate_paragraphs(tmp_path: Path) -> None:
    text = (
        "QUYẾT ĐỊNH\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025 và các văn bản hướng dẫn "
        "thi hành có liên quan của Chính phủ, Bộ Nội vụ về công tác cải cách hành chính;\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích\n"
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 05/01/2026 của Chủ tịch Ủy ban\n"
        "nhân dân tỉnh)\n"
    )
    doc = _load(tmp_path, text)
    assert [b.text for b in doc.blocks] == [
        "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        text.splitlines()[2],
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 05/01/2026 của Chủ tịch Ủy ban nhân dân tỉnh)",
    ]


def test_pages_are_estimated_from_length(tmp_path: Path) -> None:
    short = _load(tmp_path, "Một đoạn ngắn.\n", "a.txt")
    long = _load(tmp_path, ("Một câu văn dài về cải cách hành chính. " * 40 + "\n\n") * 20, "b.txt")
    assert short.pages == 1
    assert long.pages == pytest.approx(len(long.text()) / 3000, abs=2)


# --- metadata --------------------------------------------------------------------


def test_source_line_and_legal_header_table_become_meta(tmp_path: Path) -> None:
    text = (
        "SOURCE: https://vanban.example.vn/qd-15-2026\n"
        "Quyết định 15/QĐ-UBND năm 2026 về Kế hoạch cải cách hành chính\n"
        "| Số hiệu | 15/QĐ-UBND |\n"
        "| Ngày ban hành | 05/01/2026 |\n"
        "| Cơ quan ban hành | Tỉnh Quảng Trị |\n"
        "| Người ký | Nguyễn Văn A |\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
    )
    doc = _load(tmp_path, text)
    assert doc.meta == {
        "source_url": "https://vanban.example.vn/qd-15-2026",
        "Số hiệu": "15/QĐ-UBND",
        "Ngày ban hành": "05/01/2026",
        "Cơ quan ban hành": "Tỉnh Quảng Trị",
        "Người ký": "Nguyễn Văn A",
    }
    assert doc.tables() == []
    assert [b.text for b in doc.blocks] == [
        "Quyết định 15/QĐ-UBND năm 2026 về Kế hoạch cải cách hành chính",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
    ]


def test_website_label_cells_become_meta(tmp_path: Path) -> None:
    text = (
        "**Số hiệu:**\n|\n15/KH-UBND\n|\n|\n"
        "**Loại văn bản:**\n|\nKế hoạch\n|\n**Người ký:**\n|\nTrần Thị B\n|\n|\n"
        "**Tình trạng:**\n|\nĐã biết\n|\n\n"
        "Nội dung kế hoạch.\n"
    )
    doc = _load(tmp_path, "|\n" + text)
    assert doc.meta == {
        "Số hiệu": "15/KH-UBND",
        "Loại văn bản": "Kế hoạch",
        "Người ký": "Trần Thị B",
    }
    assert doc.tables() == []


# --- (a) tab-separated tables ---------------------------------------------------------

TAB_TABLE = (
    "DANH MỤC NHIỆM VỤ\n"
    "\n"
    "STT\tNội dung thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
    "<b>I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH</b>\t\t\t\t\n"
    "1\tBan hành kế hoạch năm 2026\tSở Nội vụ\tVăn phòng UBND tỉnh\tTháng 1/2026\n"
    "2\tTổ chức hội nghị sơ kết và\tSở Nội vụ\tCác sở, ngành\tQuý II/2026\n"
    "\n"
    "S/T\tNội dung thực hiện\tCơ quan chủ tri\tCơ quan phối hợp\tThời gian hoàn  thành\n"
    "\ttổng kết công tác cải cách hành chính\t\t\t\n"
    "3\tKiểm tra công vụ\tSở Nội vụ\tThanh tra tỉnh\tTrong năm\n"
    "IV\t<b>NHIỆM VỤ CẢI CÁCH TỔ CHỨC BỘ MÁY</b>\t\t\t\n"
    "4\tRà soát chức năng, nhiệm vụ\tSở Nội vụ\tCác sở\tQuý III/2026\n"
    "\n"
    "Nơi nhận:\n"
)


def test_tab_table_keeps_repeated_headers_group_and_continuation_rows(tmp_path: Path) -> None:
    doc = _load(tmp_path, TAB_TABLE)
    table = _only_table(doc)
    assert table.index == 1
    assert _cells(table) == [
        [
            "STT",
            "Nội dung thực hiện",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
        ],
        ["I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", "", ""],
        ["1", "Ban hành kế hoạch năm 2026", "Sở Nội vụ", "Văn phòng UBND tỉnh", "Tháng 1/2026"],
        ["2", "Tổ chức hội nghị sơ kết và", "Sở Nội vụ", "Các sở, ngành", "Quý II/2026"],
        [
            "S/T",
            "Nội dung thực hiện",
            "Cơ quan chủ tri",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
        ],
        ["", "tổng kết công tác cải cách hành chính", "", "", ""],
        ["3", "Kiểm tra công vụ", "Sở Nội vụ", "Thanh tra tỉnh", "Trong năm"],
        ["IV", "NHIỆM VỤ CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", ""],
        ["4", "Rà soát chức năng, nhiệm vụ", "Sở Nội vụ", "Các sở", "Quý III/2026"],
    ]
    assert [r.is_header for r in table.rows] == [1, 0, 0, 0, 1, 0, 0, 0, 0]
    assert [r.bold for r in table.rows] == [0, 1, 0, 0, 0, 0, 0, 1, 0]
    assert [r.locator.line for r in table.rows] == [3, 4, 5, 6, 8, 9, 10, 11, 12]
    assert [r.locator.row for r in table.rows] == list(range(1, 10))
    assert {r.locator.table for r in table.rows} == {1}
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == [
        "DANH MỤC NHIỆM VỤ",
        "Nơi nhận:",
    ]


def test_two_line_tab_header_is_merged(tmp_path: Path) -> None:
    text = (
        "STT\tNhiệm vụ cụ thể\tTrách nhiệm cụ thể\t\tThời gian thực hiện/ hoàn thành\n"
        "\t\tĐơn vị chủ trì\tĐơn vị phối hợp\t\n"
        "<b>Nội dung 1. Công tác chỉ đạo, điều hành (2 nhiệm vụ)</b>\t\t\t\t\n"
        "1\tBan hành kế hoạch\tPhòng Hành chính - Quản trị\tCác phòng liên quan\tTháng 01/2026\n"
        "2\tBáo cáo định kỳ\tPhòng Hành chính - Quản trị\tCác phòng liên quan\tHằng quý\n"
    )
    table = _only_table(_load(tmp_path, text))
    header = table.rows[0]
    assert header.is_header
    assert header.cells == [
        "STT",
        "Nhiệm vụ cụ thể",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian thực hiện/ hoàn thành",
    ]
    assert table.rows[1].cells[0] == "Nội dung 1. Công tác chỉ đạo, điều hành (2 nhiệm vụ)"
    assert table.rows[1].bold
    assert len(table.rows) == 4
    assert [r.locator.row for r in table.rows] == [1, 2, 3, 4]


# --- (b) flattened HTML with cells ending in " |" --------------------------------------

SUFFIX_TABLE = (
    "| Số hiệu | 20/QĐ-UBND |\n"
    "| Người ký | Lê Văn C |\n"
    "|\n"
    "ỦY BAN NHÂN DÂN |\n"
    "CỘNG HÒA XÃ HỘI\n"
    "CHỦ NGHĨA VIỆT NAM |\n"
    "|\n"
    "Số: 20/QĐ-UBND |\n"
    "Đà Nẵng, ngày 02 tháng 01 năm 2026 |\n"
    "QUYẾT ĐỊNH\n"
    "PHỤ LỤC\n"
    "|\n"
    "TT |\n"
    "Nhiệm vụ |\n"
    "Hoạt động |\n"
    "Chủ trì |\n"
    "Thời gian |\n"
    "|\n"
    "I |\n"
    "CẢI CÁCH THỂ CHẾ |\n"
    "|||\n"
    "|\n"
    "1 |\n"
    "1.1. Rà soát văn bản |\n"
    "2.1. Lập danh mục văn bản |\n"
    "Sở Tư pháp |\n"
    "Hằng tháng |\n"
    "|\n"
    "2.2. Xây dựng dự thảo văn bản |\n"
    "Sở Tư pháp |\n"
    "|\n"
    "||\n"
    "|\n"
    "2.3. Tập huấn nghiệp vụ |\n"
    "|\n"
    "|\n"
    "||\n"
    "Đăng nhập\n"
)


def test_suffix_table_rows_keep_only_the_cells_present(tmp_path: Path) -> None:
    doc = _load(tmp_path, SUFFIX_TABLE)
    assert doc.meta == {"Số hiệu": "20/QĐ-UBND", "Người ký": "Lê Văn C"}
    banner, appendix = doc.tables()
    assert _cells(banner) == [
        ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 20/QĐ-UBND", "Đà Nẵng, ngày 02 tháng 01 năm 2026"],
    ]
    assert _cells(appendix) == [
        ["TT", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Thời gian"],
        ["I", "CẢI CÁCH THỂ CHẾ"],
        ["1", "1.1. Rà soát văn bản", "2.1. Lập danh mục văn bản", "Sở Tư pháp", "Hằng tháng"],
        ["2.2. Xây dựng dự thảo văn bản", "Sở Tư pháp"],
        ["2.3. Tập huấn nghiệp vụ"],
    ]
    assert appendix.rows[0].is_header
    assert (banner.index, appendix.index) == (1, 2)
    assert [r.locator.line for r in appendix.rows] == [12, 18, 22, 28, 33]
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == [
        "QUYẾT ĐỊNH",
        "PHỤ LỤC",
        "Đăng nhập",
    ]


# --- (c) corpus: one cell per line group ------------------------------------------------

CELL_TABLE = (
    "|\n"
    "**ỦY BAN NHÂN DÂN**\n"
    "TỈNH AN GIANG\n"
    "-------\n"
    "|\n"
    "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
    "|\n"
    "|\n"
    "Số: 30/KH-UBND\n"
    "|\n"
    "*An Giang, ngày 05\n"
    "tháng 01 năm 2026*\n"
    "|\n"
    "\n"
    "**PHỤ LỤC**\n"
    "\n"
    "|\n"
    "**STT**\n"
    "|\n"
    "**Nhiệm vụ**\n"
    "|\n"
    "**Cơ quan chủ trì**\n"
    "|\n"
    "**Thời gian thực\n"
    "hiện**\n"
    "|\n"
    "|\n"
    "**I**\n"
    "|\n"
    "**Chuyển đổi số**\n"
    "|\n"
    "|\n"
    "1\n"
    "|\n"
    "Xây dựng kho dữ liệu dùng chung của tỉnh, kết nối với các hệ thống thông tin\n"
    "của các sở, ngành\n"
    "|\n"
    "Sở Khoa học và Công nghệ\n"
    "|\n"
    "Quý\n"
    "IV năm 2026\n"
    "|\n"
    "|\n"
    "2\n"
    "|\n"
    "Số hóa hồ sơ thủ tục hành chính\n"
    "|\n"
    "|\n"
    "Thường xuyên\n"
    "|\n"
    "\n"
    "\n"
    "|\n"
    "3\n"
    "|\n"
    "Đào tạo kỹ năng số cho cán bộ\n"
    "|\n"
    "Sở Nội vụ\n"
    "|\n"
    "Hằng năm\n"
    "|\n"
    "**II. Tổ chức thực hiện**\n"
    "|\n"
    "**STT**\n"
    "|\n"
    "**Nội dung**\n"
    "|\n"
    "**Thời hạn**\n"
    "|\n"
    "|\n"
    "1\n"
    "|\n"
    "Báo cáo kết quả\n"
    "|\n"
    "15/12/2026\n"
    "|\n"
    "|\n"
    "2\n"
    "|\n"
    "Tổng kết\n"
    "|\n"
    "31/12/2026\n"
    "|\n"
    "Trên đây là kế hoạch của Ủy ban nhân dân tỉnh.\n"
    "|\n"
    "Nơi nhận:\n"
    "- Như trên;\n"
    "|\n"
    "**TM. ỦY BAN NHÂN DÂN**\n"
    "|\n"
    "Một đoạn văn sau chữ ký.\n"
)


def test_corpus_cell_tables(tmp_path: Path) -> None:
    doc = _load(tmp_path, "SOURCE: kho văn bản\n" + CELL_TABLE)
    banner, tasks, second, signature = doc.tables()
    assert _cells(banner) == [
        ["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 30/KH-UBND", "An Giang, ngày 05 tháng 01 năm 2026"],
    ]
    # The blank lines before row 3 are a page break: one table, not two.
    assert _cells(tasks) == [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"],
        ["I", "Chuyển đổi số"],
        [
            "1",
            "Xây dựng kho dữ liệu dùng chung của tỉnh, kết nối với các hệ thống thông tin "
            "của các sở, ngành",
            "Sở Khoa học và Công nghệ",
            "Quý IV năm 2026",
        ],
        ["2", "Số hóa hồ sơ thủ tục hành chính", "", "Thường xuyên"],
        ["3", "Đào tạo kỹ năng số cho cán bộ", "Sở Nội vụ", "Hằng năm"],
    ]
    assert [(r.is_header, r.bold) for r in tasks.rows] == [
        (True, True),
        (False, True),
        (False, False),
        (False, False),
        (False, False),
    ]
    assert [r.locator.row for r in tasks.rows] == [1, 2, 3, 4, 5]
    assert tasks.rows[4].locator.line == 55
    # A table closed by a lone "|" and followed by a heading, then the next table.
    assert _cells(second) == [
        ["STT", "Nội dung", "Thời hạn"],
        ["1", "Báo cáo kết quả", "15/12/2026"],
        ["2", "Tổng kết", "31/12/2026"],
    ]
    assert _cells(signature) == [["Nơi nhận: - Như trên;", "TM. ỦY BAN NHÂN DÂN"]]
    assert [t.index for t in doc.tables()] == [1, 2, 3, 4]
    paragraphs = [(b.text, b.bold) for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [
        ("PHỤ LỤC", True),
        ("II. Tổ chức thực hiện", True),
        ("Trên đây là kế hoạch của Ủy ban nhân dân tỉnh.", False),
        ("Một đoạn văn sau chữ ký.", False),
    ]


# --- (d) markdown pipe tables --------------------------------------------------------


def test_markdown_pipe_table(tmp_path: Path) -> None:
    text = (
        "# Kế hoạch\n\n"
        "| STT | Nhiệm vụ | Chủ trì | Thời gian |\n"
        "|---|---|:---:|---|\n"
        "| 1 | Ban hành **kế hoạch** | Sở Nội vụ | Quý I/2026 |\n"
        "| 2 | Kiểm tra |  | Năm 2026 |\n\n"
        "Đoạn sau bảng.\n"
    )
    doc = _load(tmp_path, text, "ke_hoach.md")
    table = _only_table(doc)
    assert _cells(table) == [
        ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
        ["1", "Ban hành kế hoạch", "Sở Nội vụ", "Quý I/2026"],
        ["2", "Kiểm tra", "", "Năm 2026"],
    ]
    assert [r.is_header for r in table.rows] == [True, False, False]
    assert [r.locator.line for r in table.rows] == [3, 5, 6]
    assert [b.kind for b in doc.blocks] == ["heading", "table", "paragraph"]
    assert "1\tBan hành kế hoạch\tSở Nội vụ\tQuý I/2026" in doc.text()


# --- real documents (skipped without ../shared) -----------------------------------------


def _numbered_rows(table: Table) -> int:
    return sum(1 for r in table.rows if not r.is_header and re.fullmatch(r"\d+", r.cells[0]))


def test_seed_002_task_table() -> None:
    doc = load_document(seed_path("002"))
    tables = doc.tables()
    assert sum(_numbered_rows(t) for t in tables) == 42
    headers = [r for t in tables for r in t.rows if r.is_header]
    assert len(headers) >= 10  # the header repeated on every page, OCR variants included
    assert any(r.cells[0] == "S/T" for r in headers)
    groups = [r for t in tables for r in t.rows if r.bold]
    assert len(groups) == 4
    assert not any("<b>" in c for t in tables for r in t.rows for c in r.cells)


def test_seed_001_merged_header_and_groups() -> None:
    table = load_document(seed_path("001")).tables()[0]
    assert table.rows[0].cells == [
        "STT",
        "Nhiệm vụ cụ thể",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian thực hiện/ hoàn thành",
    ]
    assert _numbered_rows(table) == 27
    assert sum(1 for r in table.rows if r.bold) == 8


def test_seed_004_meta_and_appendix() -> None:
    doc = load_document(seed_path("004"))
    assert doc.meta["Số hiệu"] == "3369/QĐ-UBND"
    assert doc.meta["Người ký"] == "Trần Báu Hà"
    appendix = doc.tables()[-1]
    assert appendix.rows[0].is_header and len(appendix.rows[0].cells) == 9
    activities = [r for r in appendix.rows if any(re.match(r"3\.\d+", c) for c in r.cells)]
    assert 70 <= len(activities) <= 85
    # Rows whose merged cells were dropped are shorter than the header.
    assert any(len(r.cells) < 9 for r in activities)
    assert all(len(r.cells) <= 9 for r in appendix.rows)


def test_corpus_files_load_with_task_tables() -> None:
    files = corpus_files()
    assert files
    docs = {f.name: load_document(f) for f in files}
    for name, doc in docs.items():
        assert doc.blocks, name
        if (CORPUS / name).read_text(encoding="utf-8", errors="replace").startswith("SOURCE:"):
            assert "source_url" in doc.meta, name  # the Công báo text layers have no such line
        for table in doc.tables():
            for cell in (c for r in table.rows for c in r.cells):
                assert "**" not in cell and not cell.startswith("|"), (name, cell)
    vpcp = next(d for n, d in docs.items() if n.startswith("vpcp"))
    assert vpcp.meta.get("Số hiệu") == "624/TB-VPCP"
    headers = [t.rows[0].cells for t in vpcp.tables() if t.rows[0].is_header]
    assert [
        "STT",
        "Nhiệm vụ",
        "Văn bản giao nhiệm vụ",
        "Cơ quan chủ trì thực hiện",
        "Thời hạn hoàn thành",
    ] in headers
    dongnai = next(d for n, d in docs.items() if n.startswith("dongnai_2026"))
    big = max(dongnai.tables(), key=lambda t: len(t.rows))
    assert big.rows[0].cells[:3] == ["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện"]
    assert len(big.rows) > 100  # its page-broken pieces are glued back together
