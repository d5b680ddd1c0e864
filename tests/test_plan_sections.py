"""The heading tree: which blocks are headings and the section path of every block."""

from __future__ import annotations

from conftest import seed_path
from plan_docs import doc, load

from knowledge.plan.sections import build_outline, parse_marker, prepare_blocks, qualified_number


def outline_of(*lines: str):  # type: ignore[no-untyped-def]
    blocks = prepare_blocks(doc(*lines).blocks)
    return blocks, build_outline(blocks)


def path_of(blocks, outline, text: str) -> str:  # type: ignore[no-untyped-def]
    index = next(i for i, b in enumerate(blocks) if text in b.text)
    return outline.path(index)


def test_nested_numbering_gives_full_paths() -> None:
    blocks, outline = outline_of(
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Triển khai hiệu quả công tác cải cách hành chính.",
        "II- NHIỆM VỤ",
        "1. Cải cách thể chế",
        "1.1. Mục tiêu",
        "- 100% văn bản được rà soát.",
        "a) Rà soát văn bản",
        "- Rà soát định kỳ các văn bản quy phạm pháp luật.",
        "2. Cải cách thủ tục hành chính",
        "- Công khai thủ tục hành chính.",
    )
    assert path_of(blocks, outline, "Triển khai hiệu quả") == "I. MỤC ĐÍCH, YÊU CẦU > 1. Mục đích"
    assert path_of(blocks, outline, "100% văn bản") == (
        "II. NHIỆM VỤ > 1. Cải cách thể chế > 1.1. Mục tiêu"
    )
    assert path_of(blocks, outline, "Rà soát định kỳ") == (
        "II. NHIỆM VỤ > 1. Cải cách thể chế > 1.1. Mục tiêu > a) Rà soát văn bản"
    )
    assert path_of(blocks, outline, "Công khai") == "II. NHIỆM VỤ > 2. Cải cách thủ tục hành chính"
    levels = {s.path: s.level for s in outline.sections}
    assert levels["II. NHIỆM VỤ"] == 1
    assert levels["1.1. Mục tiêu"] == 3
    parent = next(s for s in outline.sections if s.path == "1.1. Mục tiêu").parent
    assert parent == "II. NHIỆM VỤ > 1. Cải cách thể chế"


def test_numbered_list_items_and_dates_are_not_headings() -> None:
    blocks, outline = outline_of(
        "III. GIẢI PHÁP THỰC HIỆN",
        "1. Tăng cường công tác lãnh đạo, chỉ đạo triển khai, đôn đốc, kiểm tra thực hiện các "
        "nhiệm vụ cải cách hành chính của các phòng chuyên môn thuộc Sở.",
        "2. Nâng cao trách nhiệm người đứng đầu. Thực hiện nghiêm kỷ luật, kỷ cương",
        "15/7/2021 Chính phủ ban hành Nghị quyết số 76/NQ-CP",
        "2025 của Bộ Chính trị về đột phá phát triển",
        "3.6. Tỷ lệ hồ sơ TTHC được giải quyết trước, đúng hạn trên 99%",
        "1.000 người tham gia",
    )
    assert [s.path for s in outline.sections] == ["III. GIẢI PHÁP THỰC HIỆN"]
    assert path_of(blocks, outline, "1.000 người") == "III. GIẢI PHÁP THỰC HIỆN"


def test_bold_and_markdown_headings_and_content_groups() -> None:
    blocks, outline = outline_of(
        "## KẾ HOẠCH",
        "### công tác của Ban Chỉ đạo cải cách hành chính tỉnh năm 2024",
        "## I- MỤC ĐÍCH, YÊU CẦU",
        "### **1. Mục đích**",
        "**Nội dung 1. Công tác chỉ đạo, điều hành**",
        "- Ban hành kế hoạch.",
    )
    paths = [s.path for s in outline.sections]
    assert paths == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Nội dung 1. Công tác chỉ đạo, điều hành",
    ]
    assert path_of(blocks, outline, "Ban hành kế hoạch") == (
        "I. MỤC ĐÍCH, YÊU CẦU > Nội dung 1. Công tác chỉ đạo, điều hành"
    )


def test_glued_bold_headings_are_split_and_wrapped_lines_joined() -> None:
    blocks, outline = outline_of(
        "**I. MỤC ĐÍCH, YÊU CẦU VÀ CÁC CHỈ TIÊU CỤ THỂ****1. Mục đích**",
        "2. Phấn đấu đến năm 2025: Chỉ số Cải cách hành chính (Par",
        "index) trong nhóm 15 các tỉnh dẫn đầu.",
    )
    assert [s.path for s in outline.sections] == [
        "I. MỤC ĐÍCH, YÊU CẦU VÀ CÁC CHỈ TIÊU CỤ THỂ",
        "1. Mục đích",
    ]
    assert any(b.text.endswith("trong nhóm 15 các tỉnh dẫn đầu.") for b in blocks)


def test_appendix_is_a_root_section_with_its_title() -> None:
    blocks, outline = outline_of(
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ",
        "**PHỤ LỤC**",
        "**CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026**",
        "Bảng nhiệm vụ kèm theo",
    )
    assert path_of(blocks, outline, "Bảng nhiệm vụ") == "PHỤ LỤC CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026"


def test_marker_forms() -> None:
    assert parse_marker("II- NHIỆM VỤ").number == "II."  # type: ignore[union-attr]
    assert parse_marker("2.1 Mục tiêu").number == "2.1."  # type: ignore[union-attr]
    assert parse_marker("đ) Nhiệm vụ khác").number == "đ)"  # type: ignore[union-attr]
    assert parse_marker("15/7/2021 Chính phủ") is None
    assert parse_marker("2025 của Bộ") is None
    assert parse_marker("Vận hành hệ thống") is None


def test_seed_000_tree() -> None:
    document = load(seed_path("000"))
    blocks = prepare_blocks(document.blocks)
    outline = build_outline(blocks)
    paths = {" > ".join(filter(None, [s.parent or "", s.path])) for s in outline.sections}
    assert (
        "II. NỘI DUNG, MỤC TIÊU, NHIỆM VỤ CỤ THỂ > 2. Cải cách thủ tục hành chính > 2.1. Mục tiêu"
        in paths
    )
    assert "V. TỔ CHỨC THỰC HIỆN > 2. Phòng Kế hoạch- Tài chính" in paths
    # "III. GIẢI PHÁP" lists numbered sentences: none of them is a heading.
    assert not any(s.parent == "III. GIẢI PHÁP THỰC HIỆN" for s in outline.sections)


def test_seed_004_tree_has_unit_sections() -> None:
    document = load(seed_path("004"))
    outline = build_outline(prepare_blocks(document.blocks))
    children = {s.path for s in outline.sections if s.parent == "VI. TỔ CHỨC THỰC HIỆN"}
    assert {"4. Sở Nội vụ", "5. Văn phòng UBND tỉnh"} <= children
    chi_tieu = [s for s in outline.sections if s.parent == "II. CÁC CHỈ TIÊU CHỦ YẾU"]
    assert [s.number for s in chi_tieu][:3] == ["1.", "2.", "3."]


def test_roman_part_printed_with_its_item() -> None:
    """ "II.1. SỞ CÔNG THƯƠNG" is item 1 of part II, not part II titled "1. …"; and
    "III.1." with only "II." open (a slide deck, an excerpt) stands in an implied part III,
    so that "III.1." – "III.3." are siblings there and not items of "II. MỤC TIÊU"."""
    outline = build_outline(
        prepare_blocks(
            doc(
                "I. KẾT QUẢ NĂM 2025", "- Đã kiểm tra 40 cơ sở.",
                "II. MỤC TIÊU NĂM 2026", "- Giảm 2% điện năng.",
                "III.1. SỞ CÔNG THƯƠNG", "- Rà soát danh sách cơ sở trọng điểm.",
                "III.2. SỞ XÂY DỰNG", "- Kiểm tra quy chuẩn.",
            ).blocks
        )
    )  # fmt: skip
    heads = [(s.number, s.title) for s in outline.sections]
    assert heads[2:] == [("III.1.", "SỞ CÔNG THƯƠNG"), ("III.2.", "SỞ XÂY DỰNG")]
    item = outline.stacks[5]
    assert [s.number for s in item] == ["III.", "III.1."]
    assert qualified_number([s.number for s in item] + ["a)"]) == "III.1.a"
