"""Issue 7 layouts: documents written here in our own words, then the real files.

Each layout test parses an invented plan in that layout and checks the tasks a
user would rely on (number, lead, final due date or none); the acceptance tests
read the real documents in ../shared (skipped when absent) and score them
against the hand-made gold lists in tests/gold/parse.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import layout_docs
import pytest
from conftest import CORPUS, ROOT, corpus_files

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import parse_eval  # noqa: E402
from knowledge.deadlines import parse_deadline  # noqa: E402
from knowledge.loaders import load_document  # noqa: E402
from knowledge.loaders.text import parse_text  # noqa: E402
from knowledge.plan.model import ParsedPlan, Task  # noqa: E402
from knowledge.plan.parser import parse_plan  # noqa: E402


def _parse(text: str, name: str = "plan.txt") -> ParsedPlan:
    return parse_plan(parse_text(text, name))


def _task(plan: ParsedPlan, number: str, lead: str | None = None) -> Task:
    found = [t for t in plan.tasks if t.number.rstrip(".") == number]
    if lead is not None:
        found = [t for t in found if lead in t.lead_units]
    assert found, (number, [(t.number, t.lead_units) for t in plan.tasks])
    return found[0]


def _due(task: Task) -> date | None:
    return task.deadline.final_due


# --- layouts in our own words ----------------------------------------------------


def test_stacked_table_of_a_gazette_text_layer() -> None:
    plan = _parse(layout_docs.congbao_text())
    assert [t.number for t in plan.tasks] == ["1", "2", "3", "4"]
    first = _task(plan, "1")
    assert first.lead_units == ["Bộ Nội vụ"]
    assert first.coordinating_units == ["Các bộ, cơ quan ngang bộ"]
    assert _due(first) == date(2026, 6, 30)
    # cut by a page break, with the page header and the repeated table header inside it
    cut = _task(plan, "2")
    assert cut.lead_units == ["Bộ Nông nghiệp và Môi trường"]
    assert _due(cut) == date(2026, 9, 30)
    # two results and two deadlines in one row
    assert _task(plan, "3").deadline.due_dates == [date(2026, 4, 30), date(2026, 10, 31)]
    # a column gap inside a line separates the lead from the coordinators
    gap = _task(plan, "4")
    assert gap.lead_units == ["Các bộ, cơ quan ngang bộ"]
    assert gap.coordinating_units == ["Bộ Tư pháp"]
    assert gap.deadline.kind == "ongoing" and _due(gap) is None
    assert plan.meta.number == "15/NQ-HĐĐP"
    assert not any("Tập san" in t.title or "TẬP SAN" in t.title for t in plan.tasks)


def test_seven_column_gazette_table_with_groups_sub_rows_and_cut_rows() -> None:
    plan = _parse(layout_docs.congbao_seven_columns())
    # rows restart under each Roman group row: the group is part of the number
    assert [t.number for t in plan.tasks] == ["I.1", "I.2", "I.2.1", "I.2.2", "II.1", "II.2"]
    first = _task(plan, "I.1")
    assert first.title.endswith("cơ quan chuyên môn cấp tỉnh")
    assert first.product == "Nghị định" and _due(first) == date(2026, 6, 30)
    # cut by a page after its deadline: the title goes on at the next page's top
    cut = _task(plan, "I.2")
    assert cut.lead_units == ["Bộ Tài chính"]
    # "Cấp có" / "thẩm quyền" after the coordinators is the next column, not one of them
    assert not any("thẩm quyền" in u for u in cut.coordinating_units), cut.coordinating_units
    assert cut.title.endswith("theo định hướng của Trung ương")
    assert _due(cut) == date(2026, 9, 30)
    assert _task(plan, "I.2.1").deadline.kind == "ongoing"
    assert _task(plan, "I.2.2").lead_units == ["Bộ Giáo dục và Đào tạo"]
    assert _due(_task(plan, "I.2.2")) == date(2026, 12, 31)
    # "Năm" / "2026" / "(sau khi …)": the deadline column, not the product's
    assert _task(plan, "II.1").product == "Văn bản phê duyệt"
    assert _due(_task(plan, "II.1")) == date(2026, 12, 31)
    # "Theo yêu cầu của cấp có thẩm quyền" states no date; none is taken from the row above
    asked = _task(plan, "II.2")
    assert _due(asked) is None and asked.deadline.raw.startswith("Theo yêu cầu")
    assert not any("TẬP SAN" in (t.deadline.raw + t.title) for t in plan.tasks)


def test_raw_content_stream_table_cells_run_together() -> None:
    plan = _parse(layout_docs.raw_stream_table())
    # numbered group rows in capitals are headings; their sub-rows are the tasks
    assert [t.number for t in plan.tasks] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    first = _task(plan, "1.1")
    assert first.title.endswith("các khu dân cư mới hình thành")
    # "Sở Khoa học và Công nghệ Sở Xây dựng;": the lead and the first coordinator
    assert first.lead_units == ["Sở Khoa học và Công nghệ"]
    assert first.coordinating_units[0] == "Sở Xây dựng" and len(first.coordinating_units) == 2
    # "Quý II/2026 Danh mục vị trí": the deadline and the first line of the result
    assert _due(first) == date(2026, 6, 30)
    assert first.product == "Danh mục vị trí trạm được phê duyệt"
    # "Sở Xây dựng Công an tỉnh Trong vòng 30": lead, coordinator, a deadline's start
    event = _task(plan, "1.2")
    assert (event.lead_units, event.coordinating_units) == (["Sở Xây dựng"], ["Công an tỉnh"])
    assert event.deadline.raw == "Trong vòng 30 ngày kể từ ngày có quyết định"
    assert event.deadline.kind == "event" and _due(event) is None
    assert event.product == "Báo cáo kết quả ngầm hóa"
    # after the form feed and page number: "Ủy ban nhân dân" / "tỉnh; …" is one unit and
    # the undated line after a whole deadline is the result
    data = _task(plan, "2.1")
    assert data.lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert len(data.coordinating_units) == 2
    assert _due(data) == date(2026, 9, 30) and data.product == "Dữ liệu được cập nhật đầy đủ"
    # four cells on one line
    last = _task(plan, "2.2")
    assert last.coordinating_units == ["Các sở, ban, ngành"]
    assert last.deadline.kind == "ongoing" and last.product == "Báo cáo định kỳ"
    # a deadline wrapped over four lines ("… đợt 2:" / "tháng" / "10/2026"), then the result
    checks = _task(plan, "2.3")
    assert checks.deadline.due_dates == [date(2026, 5, 31), date(2026, 10, 31)]
    assert checks.product == "Biên bản kiểm tra"


def test_lead_first_web_table_items_under_one_merged_lead() -> None:
    plan = _parse(layout_docs.LEAD_FIRST_WEB_TABLE)
    water = [t for t in plan.tasks if t.lead_units == ["Sở Nông nghiệp và Môi trường"]]
    assert [t.title for t in water] == [
        "- Ban hành quy định kiểm soát khí thải lò đốt.",
        "- Cập nhật hệ số phát thải của các nguồn thải.",
        "- Xây dựng quy chế phối hợp liên tỉnh.",
    ]
    # "Ban hành trong quý I năm 2026. Thực hiện rà soát …": the time, then a follow-up
    assert [_due(t) for t in water] == [date(2026, 3, 31), date(2027, 12, 31), date(2026, 12, 31)]
    assert all(t.coordinating_units == ["Sở Xây dựng", "Sở Công Thương"] for t in water)
    assert _task(plan, "2").deadline.kind == "ongoing"


def test_unruled_pdf_table_is_read_by_column_positions(tmp_path: Path) -> None:
    plan = parse_plan(load_document(layout_docs.make_unruled_pdf(tmp_path / "luu-tru.pdf")))
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert _task(plan, "1").lead_units == ["Sở Nội vụ"]
    assert _task(plan, "1").coordinating_units == ["Các sở, ngành"]
    assert _due(_task(plan, "1")) == date(2026, 3, 31)
    assert _task(plan, "2").title == "Tập huấn phần mềm quản lý văn bản"
    assert _due(_task(plan, "2")) == date(2026, 5, 31)
    # the second page repeats the header: one table, its row read
    assert _task(plan, "3").deadline.kind == "ongoing"
    assert plan.quality is not None and plan.quality.verdict == "đọc tốt"


def test_directive_prose_unit_opens_the_sentence() -> None:
    plan = _parse(layout_docs.DIRECTIVE, "cong-dien.txt")
    assert plan.meta.number == "31/CĐ-UBND"
    numbers = [t.number for t in plan.tasks]
    assert numbers == ["1", "2.a", "2.b", "3", "4", "4", "1"]
    assert _task(plan, "1").lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert _task(plan, "1").coordinating_units == ["Các địa phương"]
    assert _due(_task(plan, "1")) == date(2026, 1, 20)
    assert _task(plan, "2.a").lead_units == ["Sở Y tế"]
    assert _due(_task(plan, "2.a")) == date(2026, 1, 15)
    assert _due(_task(plan, "2.b")) is None  # no date stated: none invented
    assert _task(plan, "3").lead_units == ["Sở Giáo dục và Đào tạo"]  # "Giao …" dropped
    # an unnumbered "Giao …" assignment, and an appendix after the signature
    police = _task(plan, "4", "Công an tỉnh")
    assert _due(police) == date(2026, 1, 25)
    appendix = [t for t in plan.tasks if t.lead_units == ["Sở Công Thương"]]
    assert appendix and _due(appendix[0]) == date(2026, 1, 31)


def test_duty_sections_whose_unit_is_a_heading() -> None:
    plan = _parse(layout_docs.UNIT_HEADINGS)
    finance = [t for t in plan.tasks if t.lead_units == ["Sở Tài chính"]]
    assert [_due(t) for t in finance] == [date(2026, 3, 31), date(2026, 6, 30), None]
    assert finance[2].deadline.kind == "event"  # "… đến khi kết thúc đợt kiểm đếm"
    # "+ Sở X: …" items are their own units' tasks and share the time label after them
    assert _due(_task(plan, "II.2.2", "Sở Xây dựng")) == date(2026, 4, 30)
    assert _due(_task(plan, "II.2.2", "Sở Công Thương")) == date(2026, 4, 30)
    assert not any(t.title.endswith("Trong đó:") for t in plan.tasks)


def test_labelled_prose_variants() -> None:
    plan = _parse(layout_docs.LABELLED)
    review = next(t for t in plan.tasks if t.title.startswith("Rà soát văn bản"))
    assert review.lead_units == ["Sở Nội vụ"]
    assert review.deadline.due_dates == [date(2026, 3, 15), date(2026, 3, 31)]
    rule = next(t for t in plan.tasks if t.title.startswith("Quy chế quản lý tài liệu số"))
    assert _due(rule) == date(2026, 7, 1)  # "Thời hạn ban hành: trước ngày …"
    assert not any(t.title.startswith(("rà soát các văn bản", "quy định việc")) for t in plan.tasks)


def test_web_table_goes_on_after_an_elision_line() -> None:
    plan = _parse(layout_docs.TRUNCATED_WEB_TABLE)
    assert [t.number for t in plan.tasks] == ["1", "2", "5", "6"]
    assert _task(plan, "5").lead_units == ["Bộ Chỉ huy Quân sự tỉnh"]
    assert _due(_task(plan, "6")) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "kind", "final"),
    [
        ("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", "event", None),
        ("năm 2026 - 2027", "date", date(2027, 12, 31)),
        ("Tháng 11 - 12/2025", "date", date(2025, 12, 31)),
        ("Từ quý III/2026 đến quý III/2030", "date", date(2030, 9, 30)),
        ("Tháng 5/2026; Tháng 11/2026", "date", date(2026, 11, 30)),
        ("Theo tiến độ được giao của Luật An ninh mạng 2025", "unspecified", None),
    ],
)
def test_deadline_grammar(text: str, kind: str, final: date | None) -> None:
    parsed = parse_deadline(text, 2025)
    assert (parsed.kind, parsed.final_due) == (kind, final)


def test_parse_quality_says_when_a_plan_is_read_badly() -> None:
    sentences = "\n\n".join(
        f"Năm {k}, Sở Tài chính rà soát hồ sơ đợt {k} và gửi báo cáo trước ngày {k}/3/2026"
        for k in range(1, 15)
    )
    plan = _parse(f"KẾ HOẠCH\nRà soát hồ sơ năm 2026\n\n{sentences}\n")
    assert plan.quality is not None
    assert plan.quality.verdict == "cần kiểm tra"
    assert plan.quality.unclaimed == 14
    assert plan.as_json()["quality"]["unclaimed"] == 14
    good = _parse(layout_docs.TRUNCATED_WEB_TABLE)
    assert good.quality is not None and good.quality.verdict == "đọc tốt"


def test_blank_number_is_warned_and_letters_kept() -> None:
    plan = _parse("ỦY BAN NHÂN DÂN TỈNH LÂM SƠN\nSố: /QĐ-SNV\nKẾ HOẠCH\nLưu trữ năm 2026\n")
    assert any("/QĐ-SNV" in w for w in plan.warnings)
    assert plan.quality is not None and any("/QĐ-SNV" in n for n in plan.quality.notes)
    assert "/QĐ-SNV" in plan.quality.render()
    assert plan.as_json()["quality"]["notes"] == plan.quality.notes
    signed = _parse("THỦ TƯỚNG CHÍNH PHỦ\nSố: 77/QĐ-TTg\nQUYẾT ĐỊNH\nBan hành Kế hoạch lưu trữ\n")
    assert signed.meta.number == "77/QĐ-TTg"


# --- the real documents -----------------------------------------------------------

REAL = {
    # file stem: (number, a lead it must name, final due date or None)
    "cp_2026_nq97_nhiemvu_nq66": [
        ("1", "Các bộ, cơ quan ngang bộ", date(2026, 12, 31)),
        ("7", "Bộ Tư pháp", date(2026, 3, 31)),
        ("16", "Bộ Tài chính", date(2026, 11, 30)),
        ("2", "Các bộ, cơ quan ngang bộ", None),
    ],
    "ttg_2025_cd224_khanhthanh_khoicong": [
        ("3", "Bộ Tài chính", date(2025, 12, 15)),
        ("2.a", "Bộ Xây dựng", date(2025, 12, 13)),
        ("2.b", "Bộ Xây dựng", None),
    ],
    "quangngai_2025_qd1627_kiemke_taisancong": [
        ("IV.1.2", "Sở Tài chính", date(2026, 5, 31)),
        ("IV.1.4", "UBND cấp xã", date(2025, 11, 15)),
    ],
    "ttg_2025_qd2623_kh_luat_bvdlcn": [
        ("II.7", "Bộ Công an", date(2026, 12, 31)),
    ],
    "nghean_2025_kh980_phongthudansu": [
        ("II.2", "Sở Tài chính", date(2025, 12, 31)),
    ],
    # the held-out files (issue 7): resolution body + appendix, conclusion, programme
    # with a seven-column appendix, plan with duty headings and a web table
    "cp_2026_nq122_phienhop_thuongky_thang4": [
        ("II.3.c", "Các Bộ, cơ quan ngang bộ", date(2027, 3, 1)),  # ministers -> ministries
        ("3.g", "Bộ Tài chính", date(2026, 5, 15)),
    ],
    "vpcp_2025_tb648_ketluan_dienbien": [
        ("II.2", "Tỉnh", None),
        ("II.6", "Bộ Y tế", date(2025, 12, 15)),
    ],
    "cp_2026_nq105_ctr_kl210_tochuc_bomay": [
        ("III.2.3", "Bộ Giáo dục và Đào tạo", date(2026, 9, 30)),
        ("IV.5", "Bộ Nội vụ", date(2026, 4, 30)),
    ],
    "dongthap_2025_kh552_lotrinh_doimoi_congnghe": [
        ("V.7", "Liên hiệp các Hội Khoa học và Kỹ thuật", None),
        ("I.2", "Sở Tài chính", date(2026, 12, 31)),
    ],
}


def _real(stem: str) -> Path:
    corpus_files()  # skips when ../shared is absent
    path = CORPUS / f"{stem}.txt"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


@pytest.mark.parametrize("stem", sorted(REAL))
def test_real_layout_files_give_their_tasks(stem: str) -> None:
    plan = parse_plan(load_document(_real(stem)))
    for number, lead, final in REAL[stem]:
        found = [
            t
            for t in plan.tasks
            if t.number.rstrip(".") == number and any(lead in u for u in t.lead_units)
        ]
        assert found, (stem, number, lead)
        assert final in [_due(t) for t in found], (stem, number, [_due(t) for t in found])


def test_real_qd1627_event_bound_deadline_gets_no_date() -> None:
    plan = parse_plan(load_document(_real("quangngai_2025_qd1627_kiemke_taisancong")))
    bound = [t for t in plan.tasks if "đến khi kết thúc" in t.deadline.raw]
    assert bound and all(_due(t) is None for t in bound)


@pytest.mark.parametrize("stem", parse_eval.LAYOUT + parse_eval.TUNED)
def test_layout_files_meet_the_targets_against_gold(stem: str) -> None:
    _real(stem)
    score = parse_eval.score_file(stem)
    assert score is not None
    figures = score.as_json()
    assert figures["recall"] >= 0.9, (stem, figures, score.misses)
    assert figures["lead"] >= 0.8, (stem, figures)
    assert figures["due"] >= 0.9, (stem, figures)
    assert figures["invented"] == 0, (stem, figures)


@pytest.mark.parametrize("stem", parse_eval.HELD_OUT)
def test_held_out_files_meet_the_targets_against_gold(stem: str) -> None:
    _real(stem)
    score = parse_eval.score_file(stem)
    assert score is not None
    figures = score.as_json()
    assert figures["recall"] >= 0.9, (stem, figures)
    assert figures["lead"] >= 0.9, (stem, figures)
    assert figures["due"] >= 0.9, (stem, figures)
    assert figures["invented"] == 0, (stem, figures)


def test_gold_files_are_well_formed() -> None:
    for path in sorted(parse_eval.GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            assert {"number", "lead", "due", "keywords"} <= set(item), path.name
            for iso in item["due"]:
                date.fromisoformat(iso)
