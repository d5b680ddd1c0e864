"""``parse_plan`` end to end: sections, paragraphs, tables, duties, warnings."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import corpus_files, seed_path
from plan_docs import doc, load, table

from bot import texts
from knowledge.plan.duties import deadline_in
from knowledge.plan.parser import parse_plan

HANDMADE = doc(
    "Số: 12/KH-SNV",
    "Nghệ An, ngày 05 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "Cải cách hành chính Sở Nội vụ năm 2026",
    "I. MỤC TIÊU",
    "- 100% hồ sơ được giải quyết đúng hạn.",
    "II. NHIỆM VỤ",
    "1. Cải cách thể chế",
    "- Rà soát văn bản quy phạm pháp luật.",
    "Cơ quan chủ trì: Sở Tư pháp; Thời gian hoàn thành: Quý II/2026.",
    table(
        [
            [
                "STT",
                "Nội dung nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Thời gian hoàn thành",
            ],
            ["1", "Ban hành kế hoạch kiểm tra", "Văn phòng Sở", "Các phòng", "Tháng 3/2026"],
        ]
    ),
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Kế hoạch- Tài chính",
    "- Tham mưu bố trí kinh phí thực hiện kế hoạch.",
    "- Tổng hợp báo cáo kết quả trước ngày 15/12/2026.",
    "2. Văn phòng Sở",
    "Theo dõi, đôn đốc thực hiện Kế hoạch này.",
    "Trên đây là Kế hoạch cải cách hành chính năm 2026./.",
    "GIÁM ĐỐC",
    "Nguyễn Văn An",
)


def test_handmade_plan_end_to_end() -> None:
    plan = parse_plan(HANDMADE)
    assert plan.meta.number == "12/KH-SNV" and plan.meta.plan_year == 2026
    assert plan.meta.issued_date == date(2026, 1, 5)
    assert [s.path for s in plan.sections] == [
        "I. MỤC TIÊU",
        "II. NHIỆM VỤ",
        "1. Cải cách thể chế",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Kế hoạch- Tài chính",
        "2. Văn phòng Sở",
    ]
    # every paragraph is kept for search with its section path
    para = {text: path for path, text, _ in plan.paragraphs}
    assert para["- Rà soát văn bản quy phạm pháp luật."] == "II. NHIỆM VỤ > 1. Cải cách thể chế"
    # prose task with inline labels
    prose = [t for t in plan.tasks if t.raw_lead == "Sở Tư pháp"]
    assert len(prose) == 1
    assert prose[0].title == "Rà soát văn bản quy phạm pháp luật."
    assert prose[0].deadline.due_dates == [date(2026, 6, 30)]
    # duties: one per bullet, led by the unit of their sub-heading
    duties = [t for t in plan.tasks if t.kind == "duty"]
    assert [(t.raw_lead, t.title) for t in duties] == [
        ("Phòng Kế hoạch- Tài chính", "Tham mưu bố trí kinh phí thực hiện kế hoạch."),
        ("Phòng Kế hoạch- Tài chính", "Tổng hợp báo cáo kết quả trước ngày 15/12/2026."),
        ("Văn phòng Sở", "Theo dõi, đôn đốc thực hiện Kế hoạch này."),
    ]
    assert duties[0].deadline.kind == "ongoing" and duties[0].deadline.raw == ""
    assert duties[0].deadline.due_dates == []
    assert duties[1].deadline.due_dates == [date(2026, 12, 15)]
    assert all(t.lead_units for t in duties)
    assert duties[0].section == "III. TỔ CHỨC THỰC HIỆN > 1. Phòng Kế hoạch- Tài chính"
    # targets
    assert [t.values for t in plan.targets] == [["100%"]]
    # the table is handed to the table reader with its section path
    table_tasks = [t for t in plan.tasks if t.locator.table == 1]
    for task in table_tasks:
        assert task.section == "II. NHIỆM VỤ > 1. Cải cách thể chế"
    assert plan.warnings == []
    json.dumps(plan.as_json(), ensure_ascii=False)  # the CLI prints this


def test_empty_document_warns_instead_of_failing() -> None:
    plan = parse_plan(doc("Một đoạn văn bản không có nhiệm vụ."))
    assert plan.tasks == [] and plan.targets == []
    assert texts.PARSE_NO_TASKS in plan.warnings


def test_duty_deadline_phrases() -> None:
    assert deadline_in("báo cáo trước ngày 31/01/2026 để tổng hợp", 2026).due_dates == [
        date(2026, 1, 31)
    ]
    assert deadline_in("định kỳ hằng quý báo cáo Sở Nội vụ", 2026).kind == "recurring"
    ongoing = deadline_in("Thực hiện tốt chế độ thông tin, báo cáo.", 2026)
    assert (ongoing.kind, ongoing.raw, ongoing.due_dates) == ("ongoing", "", [])


def _duties(prefix: str):  # type: ignore[no-untyped-def]
    return [t for t in parse_plan(load(seed_path(prefix))).tasks if t.kind == "duty"]


def _led_by(duties, unit: str):  # type: ignore[no-untyped-def]
    return [t for t in duties if any(unit in u for u in t.lead_units)]


def test_seed_004_duties() -> None:
    duties = _duties("004")
    noi_vu = _led_by(duties, "Sở Nội vụ")
    assert len(noi_vu) >= 4
    assert all(t.section.endswith("4. Sở Nội vụ") for t in noi_vu)
    van_phong = [t for t in duties if t.section.endswith("5. Văn phòng UBND tỉnh")]
    assert len(van_phong) == 2 and all(t.lead_units for t in van_phong)
    dated = [t for t in duties if t.deadline.due_dates]
    assert any(date(2026, 1, 31) in t.deadline.due_dates for t in dated)


def test_seed_000_duties() -> None:
    duties = _duties("000")
    kh_tc = [t for t in duties if t.section.endswith("2. Phòng Kế hoạch- Tài chính")]
    assert len(kh_tc) == 3 and all(t.lead_units for t in kh_tc)
    assert all(t.deadline.kind == "ongoing" for t in kh_tc)
    van_phong = [t for t in duties if t.section.endswith("3. Văn phòng Sở")]
    assert len(van_phong) == 6
    assert van_phong[-1].deadline.due_dates == [date(2030, 12, 31)]  # "… vào năm 2030./."
    assert not any("SỞ NỘI VỤ" in t.title for t in duties)  # the signature is no duty


def test_seed_001_duties_belong_to_the_office() -> None:
    duties = _duties("001")
    hcqt = [t for t in duties if t.section.endswith("3. Phòng Hành chính - Quản trị")]
    assert len(hcqt) == 4 and all(t.lead_units for t in hcqt)
    assert len(duties) == 9


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_parses(prefix: str) -> None:
    plan = parse_plan(load(seed_path(prefix)))
    assert plan.paragraphs
    assert not any(w.startswith("Không đọc được phần") for w in plan.warnings), plan.warnings
    json.dumps(plan.as_json(), ensure_ascii=False)


def test_every_corpus_file_parses() -> None:
    for path in corpus_files():
        plan = parse_plan(load(path))
        failed = [w for w in plan.warnings if w.startswith("Không đọc được phần")]
        assert not failed, (path.name, failed)
        assert plan.meta.plan_year, path.name
        if not path.name.startswith("boxaydung"):  # an article, not a plan: no numbered headings
            # a decision whose articles ("Điều 1.") hold only a table has tasks, not sections
            assert plan.sections or plan.tasks, path.name
        for task in plan.tasks:
            assert task.title, (path.name, task)
            if task.kind == "duty":
                assert task.lead_units, (path.name, task.title)
