"""Reply layout: answer first, a short list, then the sources grouped per file."""

from __future__ import annotations

from knowledge.answer.api import Answer, AnswerCitation
from knowledge.answer.compose import excerpt


def test_render_puts_answer_first_then_details_then_grouped_sources() -> None:
    cites = [
        AnswerCitation("kh.txt", "Mục II. Nhiệm vụ, STT 1"),
        AnswerCitation("kh.txt", "Mục II. Nhiệm vụ, STT 4"),
        AnswerCitation("other.docx", "Mục I. Mục tiêu"),
    ]
    answer = Answer(
        "Sở Nội vụ có 2 nhiệm vụ.", cites, details=["Việc A (hạn 30/06/2026)", "Việc B"]
    )
    text = answer.as_text()
    lines = text.splitlines()
    assert lines[0] == "Sở Nội vụ có 2 nhiệm vụ."
    assert lines[1:3] == ["- Việc A (hạn 30/06/2026)", "- Việc B"]
    assert lines[4] == "Nguồn:"
    assert lines[5] == "- kh.txt — Mục II. Nhiệm vụ, STT 1, 4"
    assert lines[6] == "- other.docx — Mục I. Mục tiêu"


def test_sources_name_the_plan_not_its_file() -> None:
    cite = AnswerCitation("kh_2026_v3_final.docx", "STT 2", plan="Kế hoạch 12/KH-UBND (Số hóa)")
    text = Answer("Sở Nội vụ chủ trì.", [cite]).as_text()
    assert "- Kế hoạch 12/KH-UBND (Số hóa) — STT 2" in text and ".docx" not in text


def test_long_list_says_how_many_more() -> None:
    text = Answer("Có 24 nhiệm vụ.", details=[f"Việc {i}" for i in range(20)], more=4).as_text()
    # 15 lines shown; the 5 details not shown are said with the 4 not loaded, never dropped
    assert text.count("\n- ") == 15 and "… và 9 mục khác." in text


def test_excerpt_keeps_the_clause_that_answers() -> None:
    long = (
        "(5) Bảo đảm 100% TTHC liên quan đến doanh nghiệp được thực hiện trực tuyến. "
        "(6) Bảo đảm tối thiểu 90% TTHC nội bộ được công bố, công khai và cập nhật kịp thời. "
        "(7) Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 95%. "
        "(8) Hoàn thành việc thực thi 100% phương án về phân cấp thẩm quyền giải quyết TTHC."
    )
    out = excerpt(long, "mức độ hài lòng của người dân đạt bao nhiêu", 120)
    assert "95%" in out and out.startswith("… (7) Mức độ hài lòng")
