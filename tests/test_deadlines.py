"""The deadline normalizer on real phrases from the seed plans and the corpus.

Each phrase below is copied from a deadline cell or a "Thời gian thực hiện: …"
line of ../shared/seeds or ../shared/corpus (line breaks kept where the corpus
wraps them). The expectations are what a user sees: the kind, the due dates
(YYYY-MM-DD), the cadence.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import corpus_files, seed_path

from knowledge.deadlines import (
    describe_deadline,
    is_deadline_cell,
    is_processing_time,
    leading_time,
    looks_like_deadline,
    parse_deadline,
)

D = "date"
# (phrase, plan year, kind, due dates, recurrence)
REAL_PHRASES: list[tuple[str, int | None, str, list[str], str | None]] = [
    # seed 002 (plan year 2024)
    ("Trong năm", 2024, D, ["2024-12-31"], None),
    ("Quý I/2024", 2024, D, ["2024-03-31"], None),
    ("Quý II/2024", 2024, D, ["2024-06-30"], None),
    ("Quý III/2024", 2024, D, ["2024-09-30"], None),
    ("Quý IV/2024", 2024, D, ["2024-12-31"], None),
    ("Tháng 1/2024", 2024, D, ["2024-01-31"], None),
    ("Tháng 2/2024", 2024, D, ["2024-02-29"], None),
    ("Tháng 5/2024", 2024, D, ["2024-05-31"], None),
    ("Tháng 6/2024", 2024, D, ["2024-06-30"], None),
    ("Tháng 7/2024", 2024, D, ["2024-07-31"], None),
    ("Tháng 9/2024", 2024, D, ["2024-09-30"], None),
    ("Quý II, Quý IV/2024", 2024, D, ["2024-06-30", "2024-12-31"], None),
    ("- Đợt 1 tháng 6/2024 - Đợt 2 tháng 12/2024", 2024, D, ["2024-06-30", "2024-12-31"], None),
    ("Cuối tháng 6 cuối năm 2024", 2024, D, ["2024-06-30", "2024-12-31"], None),
    ("Cuối quý I, đầu quý II/2024", 2024, D, ["2024-04-30"], None),
    ("Theo lộ trình", 2024, "unspecified", [], None),
    # seed 001 (plan year 2026)
    ("Tháng 01/2026", 2026, D, ["2026-01-31"], None),
    ("Quý I/2026", 2026, D, ["2026-03-31"], None),
    ("Năm 2026", 2026, D, ["2026-12-31"], None),
    ("Thường xuyên", 2026, "ongoing", [], None),
    ("Nhiệm vụ thường xuyên", 2026, "ongoing", [], None),
    ("Theo quy định", 2026, "unspecified", [], None),
    ("Thực hiện theo đúng quy định", 2026, "unspecified", [], None),
    (
        "Theo thời gian yêu cầu và quy định của tỉnh về chế độ thông tin báo cáo",
        2026,
        "unspecified",
        [],
        None,
    ),
    # seed 004 (plan year 2026)
    ("Tháng 12/2025", 2026, D, ["2025-12-31"], None),
    ("Tháng 3/2026", 2026, D, ["2026-03-31"], None),
    ("Tháng 10/2026", 2026, D, ["2026-10-31"], None),
    ("Quý I năm 2026", 2026, D, ["2026-03-31"], None),
    ("Quý II/2026", 2026, D, ["2026-06-30"], None),
    ("Quý III năm 2026", 2026, D, ["2026-09-30"], None),
    ("Quý III/2026", 2026, D, ["2026-09-30"], None),
    ("Quý IV năm 2026", 2026, D, ["2026-12-31"], None),
    ("Quý I/2025", 2026, D, ["2025-03-31"], None),
    ("Năm 2025", 2026, D, ["2025-12-31"], None),
    ("2026", 2026, D, ["2026-12-31"], None),
    ("Quý I-IV năm 2026", 2026, D, ["2026-12-31"], None),
    ("Quý II- IV năm 2026", 2026, D, ["2026-12-31"], None),
    ("trước ngày 31/01/2026", 2026, D, ["2026-01-31"], None),
    ("Hàng tháng", 2026, "recurring", [], "monthly"),
    ("Theo dõi thường xuyên; Đôn đốc tiến độ hàng tháng", 2026, "recurring", [], "monthly"),
    (
        "01 tháng sau khi các cơ quan TW công bố chỉ số PAPI, PARINDE X, SIPAS",
        2026,
        "event",
        [],
        None,
    ),
    ("01 tháng sau khi các cơ quan TW công bố chỉ số PCI", 2026, "event", [], None),
    ("01 tháng sau khi Bộ Khoa học và Công nghệ công bố chỉ số DTI", 2026, "event", [], None),
    ("Ngay sau khi ban hành văn bản QPPL", 2026, "event", [], None),
    (
        "Trong thời hạn 30 ngày kể từ ngày nhận được kết luận kiểm tra về văn bản trái pháp luật",
        2026,
        "event",
        [],
        None,
    ),
    ("Theo lộ trình được cấp có thẩm quyền quy định", 2026, "unspecified", [], None),
    (
        "Theo lộ trình đề án được phê duyệt hoặc chủ trương, chỉ đạo của cấp có thẩm quyền",
        2026,
        "unspecified",
        [],
        None,
    ),
    # corpus: Bắc Ninh KH 141 (wrapped "Thời gian thực hiện:" values)
    ("Thường\nxuyên.", 2026, "ongoing", [], None),
    ("Thường\nxuyên, theo yêu cầu nhiệm vụ.", 2026, "ongoing", [], None),
    ("Hằng\nnăm.", 2026, "recurring", [], "yearly"),
    ("Theo\nkế hoạch công tác tư pháp hàng năm.", 2026, "recurring", [], "yearly"),
    ("Theo\nKế hoạch bồi dưỡng công chức, viên chức hàng năm.", 2026, "recurring", [], "yearly"),
    ("Giai\nđoạn 2026-2030 và những năm tiếp theo.", 2026, "ongoing", [], None),
    ("Từ\n01/7/2025.", 2026, "ongoing", [], None),
    ("Tháng\n12/2025.", 2026, D, ["2025-12-31"], None),
    # corpus: Hà Nội KH 308
    ("Hoàn\nthành trong năm 2025.", None, D, ["2025-12-31"], None),
    ("Triển\nkhai đảm bảo theo lộ trình, hướng dẫn của Bộ, ngành.", None, "unspecified", [], None),
    ("Thực hiện\nthường xuyên.", None, "ongoing", [], None),
    ("trước ngày 20 hằng tháng", None, "recurring", [], "monthly"),
    # corpus: Lai Châu KH 7360
    ("Quý\nIV năm 2025 và các năm tiếp theo.", 2025, "ongoing", [], None),
    ("Năm\n2026 và các năm tiếp theo.", 2025, "ongoing", [], None),
    (
        "Theo\ntiến độ xây dựng dự thảo văn bản của cơ quan chủ trì soạn thảo.",
        2025,
        "unspecified",
        [],
        None,
    ),
    (
        "Sau\nkhi Nghị định quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn và quy\n"
        "chuẩn kỹ thuật ban hành.",
        2025,
        "event",
        [],
        None,
    ),
    # corpus: Đồng Nai KH 179, HCM QĐ 2820
    ("2026 - 2030", 2026, D, ["2030-12-31"], None),
    ("2026-2030", 2026, D, ["2030-12-31"], None),
    ("2025", 2026, D, ["2025-12-31"], None),
    ("Quý IV/2025", 2025, D, ["2025-12-31"], None),
    ("Quý IV/2026", 2025, D, ["2026-12-31"], None),
    ("Quý II/2027", 2025, D, ["2027-06-30"], None),
    ("Quý I/2030", 2025, D, ["2030-03-31"], None),
    ("Quý II/2030", 2025, D, ["2030-06-30"], None),
    ("Năm 2025 - 2026", 2025, D, ["2026-12-31"], None),
    ("Năm 2025-2030", 2025, D, ["2030-12-31"], None),
    ("Hằng năm.", 2025, "recurring", [], "yearly"),
    (
        "Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính",
        2025,
        "recurring",
        [],
        "quarterly",
    ),
    ("Định kỳ 06 tháng", 2026, "recurring", [], "half-yearly"),
    ("trước ngày 15/11 hằng năm", 2026, "recurring", [], "yearly"),
    ("Khi có phát sinh.", 2025, "event", [], None),
    # corpus: Văn phòng Chính phủ TB 624 (deadline column and prose)
    ("18/10/2025", 2025, D, ["2025-10-18"], None),
    ("30/06/2025", 2025, D, ["2025-06-30"], None),
    ("31/05/2025", 2025, D, ["2025-05-31"], None),
    ("30/09/2025", 2025, D, ["2025-09-30"], None),
    ("31/10/2025", 2025, D, ["2025-10-31"], None),
    ("15/10/2025", 2025, D, ["2025-10-15"], None),
    ("01/11/2025", 2025, D, ["2025-11-01"], None),
    ("31/03/2025", 2025, D, ["2025-03-31"], None),
    ("hoàn thành trước ngày 25 tháng 11 năm 2025", 2025, D, ["2025-11-25"], None),
    ("hoàn thành trong tháng 11 năm 2025", 2025, D, ["2025-11-30"], None),
    ("Hoàn thành trong tháng 9/2025", 2025, D, ["2025-09-30"], None),
    ("Hoàn thành trước ngày 15/9/2025", 2025, D, ["2025-09-15"], None),
    # issue examples and everyday variants of the real phrases
    ("6 tháng", 2026, D, ["2026-06-30"], None),
    ("6 tháng đầu năm", 2026, D, ["2026-06-30"], None),
    (
        "Quý I, 6 tháng, Quý III và năm 2026",
        2026,
        D,
        ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"],
        None,
    ),
    ("Hằng quý", 2026, "recurring", [], "quarterly"),
    ("Hàng quý", 2026, "recurring", [], "quarterly"),
    ("Hằng tháng", 2026, "recurring", [], "monthly"),
    ("Hàng năm", 2026, "recurring", [], "yearly"),
    ("Hằng tuần", 2026, "recurring", [], "weekly"),
    ("Thường xuyên, hằng năm", 2026, "recurring", [], "yearly"),
    ("Sau khi TW công bố các chỉ số", 2026, "event", [], None),
    ("", 2026, "none", [], None),
]


@pytest.mark.parametrize(("phrase", "plan_year", "kind", "dues", "recurrence"), REAL_PHRASES)
def test_real_phrase(
    phrase: str, plan_year: int | None, kind: str, dues: list[str], recurrence: str | None
) -> None:
    d = parse_deadline(phrase, plan_year)
    assert d.kind == kind
    assert [x.isoformat() for x in d.due_dates] == dues
    assert d.recurrence == recurrence
    assert d.raw == " ".join(phrase.split())  # raw kept, white space collapsed


def test_enough_distinct_real_phrases() -> None:
    assert len({p for p, *_ in REAL_PHRASES}) >= 60


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("Quy II/2024", "2024-06-30"),  # missing diacritics
        ("thang 6/2024", "2024-06-30"),
        ("quy iv nam 2025", "2025-12-31"),
        ("Quí III/2024", "2024-09-30"),  # OCR slip
        ("Quý l/2026", "2026-03-31"),  # "l" read for "I"
        ("Quý  I  /  2026", "2026-03-31"),  # extra spaces
        ("Tháng 6 năm 2024", "2024-06-30"),  # "năm" instead of "/"
        ("Quý 2/2026", "2026-06-30"),
        ("**Quý IV/2026**", "2026-12-31"),  # markdown emphasis left by a converter
        ("Thời gian hoàn thành: Quý II/2026", "2026-06-30"),  # inline label
    ],
)
def test_tolerates_slips(phrase: str, due: str) -> None:
    d = parse_deadline(phrase)
    assert d.kind == "date"
    assert [x.isoformat() for x in d.due_dates] == [due]


@pytest.mark.parametrize(
    ("phrase", "dues", "start"),
    [
        ("Quý I, II năm 2026", ["2026-03-31", "2026-06-30"], None),
        ("Quý I, III và IV năm 2026", ["2026-03-31", "2026-09-30", "2026-12-31"], None),
        ("Quý III-IV/2025", ["2025-12-31"], "2025-07-01"),
        ("Tháng 6 - 12/2025", ["2025-12-31"], "2025-06-01"),
        ("Tháng 6 và 12/2025", ["2025-06-30", "2025-12-31"], None),
        ("Đợt 1 tháng 6 - Đợt 2 tháng 12/2024", ["2024-06-30", "2024-12-31"], None),
        ("Đợt 1: tháng 3/2026; đợt 2: tháng 9/2026", ["2026-03-31", "2026-09-30"], None),
        # two times joined by a dash are one span, due when it ends
        ("Quý IV/2025- Quý II/2026", ["2026-06-30"], "2025-10-01"),
        ("01/3/2026 – 30/4/2026", ["2026-04-30"], "2026-03-01"),
    ],
)
def test_lists_and_ranges_of_periods(phrase: str, dues: list[str], start: str | None) -> None:
    d = parse_deadline(phrase, 2030)  # the phrase's own year wins over the plan's
    assert [x.isoformat() for x in d.due_dates] == dues
    assert (d.start.isoformat() if d.start else None) == start


def test_ongoing_within_a_period_ends_with_it() -> None:
    d = parse_deadline("Thường xuyên trong năm 2026")
    assert (d.kind, d.due_dates, d.end) == ("ongoing", [], date(2026, 12, 31))
    assert describe_deadline(d) == "Thường xuyên, đến 31/12/2026"


def test_ranges_keep_their_start() -> None:
    d = parse_deadline("Năm 2025 - 2026")
    assert (d.start, d.end, d.final_due) == (
        date(2025, 1, 1),
        date(2026, 12, 31),
        date(2026, 12, 31),
    )
    d = parse_deadline("Quý I-IV năm 2026")
    assert (d.start, d.due_dates) == (date(2026, 1, 1), [date(2026, 12, 31)])
    d = parse_deadline("Từ 01/7/2025 đến 31/12/2025")
    assert (d.kind, d.start, d.due_dates) == ("date", date(2025, 7, 1), [date(2025, 12, 31)])


def test_ongoing_from_a_start_never_gets_a_due_date() -> None:
    assert parse_deadline("Từ 01/7/2025").start == date(2025, 7, 1)
    d = parse_deadline("Quý\nIV năm 2025 và các năm tiếp theo.")
    assert (d.kind, d.start, d.due_dates) == ("ongoing", date(2025, 10, 1), [])
    d = parse_deadline("Giai đoạn 2026-2030 và những năm tiếp theo.")
    assert (d.start, d.end, d.due_dates) == (date(2026, 1, 1), None, [])


def test_event_offsets_and_text() -> None:
    d = parse_deadline("01 tháng sau khi các cơ quan TW công bố chỉ số PAPI, PARINDE X, SIPAS")
    assert d.offset_days == 30
    assert d.event is not None and d.event.startswith("sau khi") and "PAPI" in d.event
    d = parse_deadline("Trong thời hạn 30 ngày kể từ ngày nhận được kết luận kiểm tra")
    assert d.offset_days == 30 and d.event == "kể từ ngày nhận được kết luận kiểm tra"
    assert parse_deadline("Ngay sau khi ban hành văn bản QPPL").offset_days == 0
    d = parse_deadline("Sau khi Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 được ban hành")
    assert (d.kind, d.due_dates, d.offset_days) == ("event", [], None)


@pytest.mark.parametrize("phrase", ["Trong năm", "6 tháng", "Quý II", "Cuối năm"])
def test_no_plan_year_no_invented_date(phrase: str) -> None:
    d = parse_deadline(phrase)
    assert d.due_dates == [] and d.kind != "date"


def test_plan_year_resolves_yearless_phrases() -> None:
    assert parse_deadline("Quý II", 2026).due_dates == [date(2026, 6, 30)]
    assert parse_deadline("Cuối năm", 2026).due_dates == [date(2026, 12, 31)]


@pytest.mark.parametrize(
    "text",
    [
        "Quý I/2024",
        "Trong năm",
        "Thường xuyên",
        "Hằng năm.",
        "2026 - 2030",
        "30/06/2025",
        "Theo lộ trình",
        "Sau khi TW công bố các chỉ số",
        "- Đợt 1 tháng 6/2024 - Đợt 2 tháng 12/2024",
        "Hoàn thành trong năm 2025.",
        "Theo dõi thường xuyên; Đôn đốc tiến độ hàng tháng",
    ],
)
def test_looks_like_deadline(text: str) -> None:
    assert looks_like_deadline(text)


@pytest.mark.parametrize(
    "text",
    [
        "Báo cáo Kết quả chuyển đổi số năm 2024",  # seed 002: a product in the deadline column
        "Kết quả chuyển đổi số của tỉnh",
        "Các huyện, thành phố, thị xã",  # a unit shifted into the deadline column
        "Kế hoạch",
        "Thông báo số 44-TB/TGV ngày 12/9/2025",  # the "Văn bản giao nhiệm vụ" column
        "Đang thực hiện",  # a status
        "Đã hoàn thành",
        "Theo dự toán được cấp",  # the budget column
        "Chi thường xuyên hoặc nguồn vốn hợp pháp khác (nếu có)",
        "1.40. 100% cơ quan, đơn vị duy trì, cải tiến hệ thống đáp ứng yêu cầu TCVN ISO 9001:2015.",
        "3.18",
        "Thời gian hoàn thành",  # the header itself
        "",
    ],
)
def test_not_a_deadline(text: str) -> None:
    assert not looks_like_deadline(text)
    assert parse_deadline(text, 2024).due_dates == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thời gian thực hiện: 05 ngày", True),
        ("- Thời gian thực hiện: 3,5 ngày", True),
        ("05 ngày làm việc", True),
        ("Thời gian thực hiện: (17,5) ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.", True),
        (
            "Thời gian thực hiện: Mười ngày rưỡi 10,5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            True,
        ),
        ("Thời gian thực hiện: 06-16 ngày làm việc theo từng trường hợp", True),
        ("Thời gian thực hiện: Thường xuyên.", False),
        ("Trong thời hạn 30 ngày kể từ ngày nhận được kết luận kiểm tra", False),
        ("01 tháng sau khi các cơ quan TW công bố chỉ số PCI", False),
        ("Quý I/2026", False),
    ],
)
def test_processing_time(text: str, expected: bool) -> None:
    assert is_processing_time(text) is expected
    if expected:
        assert parse_deadline(text, 2025).due_dates == []


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("Quý II, Quý IV/2024", "Hạn: 30/06/2024; 31/12/2024"),
        ("Năm 2025 - 2026", "Hạn: 31/12/2026 (bắt đầu từ 01/01/2025)"),
        ("Thường xuyên", "Thường xuyên"),
        ("Từ 01/7/2025", "Thường xuyên, từ 01/07/2025"),
        ("Hằng tháng", "Hằng tháng"),
        ("Hằng quý", "Hằng quý"),
        ("Sau khi TW công bố các chỉ số", "Sau sự kiện: Sau khi TW công bố các chỉ số"),
        (
            "01 tháng sau khi các cơ quan TW công bố chỉ số PCI",
            "30 ngày sau sự kiện: sau khi các cơ quan TW công bố chỉ số PCI",
        ),
        ("Theo lộ trình", "Không có hạn cụ thể (Theo lộ trình)"),
        ("", "Chưa có thời hạn"),
    ],
)
def test_describe(phrase: str, text: str) -> None:
    assert describe_deadline(parse_deadline(phrase, 2024)) == text


# --- whole real documents -----------------------------------------------------


def test_seed_001_deadline_column_all_read() -> None:
    """Every value in seed 001's "Thời gian thực hiện/ hoàn thành" column reads as
    a deadline, and dates appear only for dated kinds."""
    rows = [r.split("\t") for r in seed_path("001").read_text(encoding="utf-8").splitlines()]
    cells = [r[-1].strip() for r in rows if len(r) >= 5 and r[0].strip().isdigit()]
    assert len(cells) >= 25
    for cell in cells:
        d = parse_deadline(cell, 2026)
        assert looks_like_deadline(cell), cell
        assert d.kind != "none", cell
        assert bool(d.due_dates) == (d.kind == "date"), cell


def test_corpus_processing_times_are_not_deadlines() -> None:
    """The TTHC simplification decision lists processing times; the law-implementation
    plans list real "Thời gian thực hiện" deadlines. Both are told apart."""
    files = {p.name.split("_")[0] + "_" + p.name.split("_")[2]: p for p in corpus_files()}
    if "hcm_qd2843" not in files or "bacninh_kh141" not in files:
        pytest.skip("corpus files for this test not present")

    def labelled(path_key: str) -> list[str]:
        lines = files[path_key].read_text(encoding="utf-8").splitlines()
        found = []
        for i, line in enumerate(lines):
            if re.search(r"Thời gian thực hiện\*?:", line):
                found.append(line + " " + (lines[i + 1] if i + 1 < len(lines) else ""))
        return found

    procedures = labelled("hcm_qd2843")
    assert len(procedures) >= 20
    assert all(is_processing_time(p) for p in procedures)
    tasks = labelled("bacninh_kh141") + labelled("hanoi_kh308") + labelled("laichau_kh7360")
    assert len(tasks) >= 20
    for t in tasks:
        assert not is_processing_time(t), t
        assert parse_deadline(t, 2025).kind != "none", t


def test_seed_002_deadline_column() -> None:
    """Seed 002's seven-column rows: the deadlines give dates, while the product and
    the unit that slipped into the "Thời gian hoàn thành" column are told apart."""
    lines = seed_path("002").read_text(encoding="utf-8").splitlines()
    rows = [r.split("\t") for r in lines]
    cells = [r[5] for r in rows if len(r) == 7 and r[0].strip().isdigit()]
    parsed = [(c, parse_deadline(c, 2024)) for c in cells]
    dated = [c for c, d in parsed if d.kind == "date"]
    assert len(dated) >= 35
    misplaced = [c for c in cells if not looks_like_deadline(c)]
    assert "Báo cáo Kết quả chuyển đổi số năm 2024" in misplaced
    assert "Các huyện, thành phố, thị xã" in misplaced
    assert all(parse_deadline(c, 2024).due_dates == [] for c in misplaced)
    assert all(
        d.due_dates and d.final_due and d.final_due.year == 2024 for c, d in parsed if c in dated
    )


@pytest.mark.parametrize(
    ("cell", "kind", "final"),
    [
        # the time, then a follow-up sentence; a short action before the time
        ("Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)", "date",
         date(2026, 3, 31)),
        ("Giai đoạn 2026 - 2027. Thực hiện rà soát, cập nhật (nếu có)", "date", date(2027, 12, 31)),
        ("Năm 2026 (sau khi Chính phủ ban hành Nghị định)", "date", date(2026, 12, 31)),
        # a schedule named by someone else's request: no date
        ("Theo yêu cầu của cấp có thẩm quyền", "unspecified", None),
        ("Kế hoạch được ban hành năm 2026", "unspecified", None),
    ],
)  # fmt: skip
def test_deadline_cell_with_a_leading_action_or_a_follow_up(
    cell: str, kind: str, final: date | None
) -> None:
    parsed = parse_deadline(cell, 2026)
    assert (parsed.kind, parsed.final_due) == (kind, final)


def test_long_cells_that_open_with_their_time_read_as_time_cells() -> None:
    assert leading_time("Ban hành trong năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)")
    assert not leading_time("Báo cáo kết quả rà soát các văn bản quy phạm pháp luật năm 2026")
    assert is_deadline_cell("Theo yêu cầu của cấp có thẩm quyền")


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        # a note on the stated quarter names a period of its own: not the deadline
        ("Quý III/2026 (theo lộ trình chung giai đoạn 2026 - 2030, bảo đảm đồng bộ)", "2026-09-30"),
        # the note cut off by a page break, its ")" never comes
        (
            "Tháng 5/2026 (khi có ý kiến của cấp có thẩm quyền về giai đoạn 2026 - 2031",
            "2026-05-31",
        ),
        # a time only inside the parentheses is still the time
        ("(Quý IV/2026)", "2026-12-31"),
    ],
)
def test_a_parenthesised_note_adds_no_date(cell: str, due: str) -> None:
    deadline = parse_deadline(cell, 2026)
    assert deadline.kind == "date"
    assert [d.isoformat() for d in deadline.due_dates] == [due]
