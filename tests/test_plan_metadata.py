"""Plan metadata: number, issuer, issue date, title, plan year or period, signer."""

from __future__ import annotations

from datetime import date

from conftest import corpus_files, seed_path
from plan_docs import doc, load, table

from knowledge.plan.metadata import extract_metadata, owner_office, upper_to_name
from knowledge.plan.sections import prepare_blocks


def meta_of(document):  # type: ignore[no-untyped-def]
    return extract_metadata(document, prepare_blocks(document.blocks))


def test_draft_decision_with_blank_number_and_day() -> None:
    meta = meta_of(
        doc(
            "Số: /QĐ- SNV",
            "Nghệ An, ngày tháng 4 năm 2026",
            "QUYẾT ĐỊNH",
            "Ban hành Kế hoạch cải cách hành chính Sở Nội vụ tỉnh Nghệ An giai đoạn 2026- 2030",
            "GIÁM ĐỐC SỞ NỘI VỤ TỈNH NGHỆ AN",
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
            "GIÁM ĐỐC",
            "Nguyễn Văn An",
            "KẾ HOẠCH",
            "Cải cách hành chính Sở Nội vụ tỉnh Nghệ An giai đoạn 2026- 2030",
            "(Kèm theo Quyết định số: /QĐ- SNV)",
            "I. MỤC ĐÍCH, YÊU CẦU",
        )
    )
    assert meta.number == "/QĐ-SNV"
    assert meta.issued_date is None  # the day is blank in a draft
    assert meta.place == "Nghệ An"
    assert meta.title == "Cải cách hành chính Sở Nội vụ tỉnh Nghệ An giai đoạn 2026- 2030"
    assert (meta.plan_year, meta.period_end_year) == (2026, 2030)
    assert meta.issuer == "Sở Nội vụ tỉnh Nghệ An"
    assert meta.signer == "Nguyễn Văn An"
    assert meta.doc_type == "Kế hoạch"


def test_banner_table_and_website_meta() -> None:
    meta = meta_of(
        doc(
            table(
                [
                    ["ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                    ["Số: 141/KH-UBND", "Bắc Ninh, ngày 20 tháng 11 năm 2025"],
                ]
            ),
            "**KẾ HOẠCH**",
            "NÂNG CAO NĂNG LỰC CHO ĐỘI NGŨ CÁN BỘ TỈNH BẮC NINH NĂM 2026",
            "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy,",
            meta={"Người ký": "Phạm Văn Thịnh", "Ngày ban hành": "20/11/2025"},
        )
    )
    assert meta.number == "141/KH-UBND"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert meta.issued_date == date(2025, 11, 20)
    assert meta.signer == "Phạm Văn Thịnh"
    assert meta.plan_year == 2026 and meta.period_end_year is None
    assert meta.title == "Nâng cao năng lực cho đội ngũ cán bộ tỉnh Bắc Ninh năm 2026"


def test_upper_case_names() -> None:
    assert upper_to_name("SỞ NỘI VỤ TỈNH NGHỆ AN") == "Sở Nội vụ tỉnh Nghệ An"
    assert upper_to_name("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") == "Ủy ban nhân dân thành phố Hà Nội"
    assert (
        upper_to_name("TRIỂN KHAI NGHỊ QUYẾT SỐ 214/NQ-CP")
        == "Triển khai Nghị quyết số 214/NQ-CP"  # a cited document keeps its capital
    )
    # a Roman numeral keeps its capitals; a two-letter one only where it counts something
    assert upper_to_name("CHÀO MỪNG ĐẠI HỘI LẦN THỨ XIV") == "Chào mừng đại hội lần thứ XIV"
    assert upper_to_name("NHIỆM VỤ QUÝ IV NĂM 2026") == "Nhiệm vụ quý IV năm 2026"
    assert upper_to_name("XỬ LÝ VI PHẠM HÀNH CHÍNH") == "Xử lý vi phạm hành chính"


def test_seed_004_metadata() -> None:
    meta = meta_of(load(seed_path("004")))
    assert meta.number == "3369/QĐ-UBND"
    assert meta.issued_date == date(2025, 12, 31)
    assert meta.plan_year == 2026
    assert meta.signer == "Trần Báu Hà"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert meta.place == "Hà Tĩnh"
    assert "năm 2026" in meta.title


def test_seed_002_metadata() -> None:
    meta = meta_of(load(seed_path("002")))
    assert meta.issued_date == date(2024, 1, 25)
    assert meta.plan_year == 2024
    assert meta.number == "02/KH-BCĐ"
    assert meta.signer == "Thái Thanh Quý"


def test_seed_000_period_and_signer() -> None:
    meta = meta_of(load(seed_path("000")))
    assert (meta.plan_year, meta.period_end_year) == (2026, 2030)
    assert meta.title == "Cải cách hành chính Sở Nội vụ tỉnh Nghệ An giai đoạn 2026- 2030"
    assert meta.signer == "Nguyễn Việt Hưng"
    assert meta.number == "/QĐ-SNV"


def test_seed_001_owner_is_the_provincial_office() -> None:
    meta = meta_of(load(seed_path("001")))
    assert meta.plan_year == 2026
    assert meta.issuer is not None and meta.issuer.startswith("Văn phòng")
    owner = owner_office(meta)
    assert owner is not None and owner.startswith("Văn phòng")


def test_corpus_numbers_and_dates() -> None:
    files = {p.name.split("_")[0] + p.name.split("_")[2]: p for p in corpus_files()}
    bacninh = meta_of(load(files["bacninhkh141"]))
    assert bacninh.number == "141/KH-UBND"
    assert bacninh.issued_date == date(2025, 11, 20)
    assert (bacninh.plan_year, bacninh.period_end_year) == (2026, 2030)
    assert bacninh.issuer == "Ủy ban nhân dân tỉnh Bắc Ninh"
    for path in corpus_files():
        meta = meta_of(load(path))
        assert meta.plan_year is not None, path.name
        assert meta.number, path.name


def test_names_keep_their_capitals() -> None:
    assert (
        upper_to_name("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TRẦN VĂN BÌNH TẠI BUỔI LÀM VIỆC")
        == "Kết luận của Phó Thủ tướng Chính phủ Trần Văn Bình tại buổi làm việc"
    )
    assert upper_to_name("LỊCH CÔNG TÁC NĂM 2026 CỦA BỘ NỘI VỤ") == (
        "Lịch công tác năm 2026 của Bộ Nội vụ"
    )
    assert upper_to_name("XÂY DỰNG CHÍNH SÁCH, PHÁP LUẬT TRÊN ĐỊA BÀN TỈNH") == (
        "Xây dựng chính sách, pháp luật trên địa bàn tỉnh"  # "pháp luật" is no "Luật …"
    )
    assert upper_to_name("THI HÀNH LUẬT LƯU TRỮ") == "Thi hành Luật Lưu trữ"
    assert upper_to_name("TRIỂN KHAI ĐỀ ÁN “NÂNG CAO NHẬN THỨC CỘNG ĐỒNG”") == (
        "Triển khai đề án “Nâng cao nhận thức cộng đồng”"
    )
    assert upper_to_name("QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA") == "Quy hoạch mạng lưới cơ sở văn hóa"


def test_decision_title_drops_its_formula_and_the_enacting_authority() -> None:
    meta = meta_of(
        doc(
            table([["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                   ["Số: 2700/QĐ-TTg", "Hà Nội, ngày 05 tháng 12 năm 2025"]]),
            "QUYẾT ĐỊNH",
            "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH QUYỀN SỐ",
            "THỦ TƯỚNG CHÍNH PHỦ",
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        )
    )  # fmt: skip
    assert meta.number == "2700/QĐ-TTg"  # every letter kept
    assert meta.title == "Phê duyệt chương trình phát triển chính quyền số"
    assert meta.issuer == "Thủ tướng Chính phủ"
    assert meta.doc_type == "Quyết định"


def test_dispatch_title_inside_its_banner_table() -> None:
    meta = meta_of(
        doc(
            table([["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"],
                   ["Số: 231/CĐ-TTg", "Hà Nội, ngày 28 tháng 11 năm 2025",
                    "CÔNG ĐIỆN V/V TẬP TRUNG ỨNG PHÓ BÃO SỐ 15 THỦ TƯỚNG CHÍNH PHỦ điện:"]]),
            "1. Bộ Nông nghiệp và Môi trường theo dõi chặt chẽ diễn biến của bão.",
        )
    )  # fmt: skip
    assert meta.title == "Tập trung ứng phó bão số 15"
    assert meta.doc_type == "Công điện"


def test_programme_title_stops_before_the_preamble_and_the_motto_is_no_place() -> None:
    meta = meta_of(
        doc(
            "CHÍNH PHỦ _",
            "Số: 60/NQ-CP",
            "Độc lập - Tự do - Hạnh phúc _ Hà Nội, ngày 08 tháng 4 năm 2026",
            "CHƯƠNG TRÌNH",
            "Hành động thực hiện Kết luận số 20-KL/TW ngày 12 tháng 11 năm 2025 của Bộ Chính "
            "trị (Kèm theo Nghị quyết số 60/NQ-CP ngày 08 tháng 4 năm 2026 của Chính phủ) Căn "
            "cứ Kết luận số 20-KL/TW, Chính phủ ban hành Chương trình hành động như sau",
        )
    )
    assert meta.title == (
        "Chương trình hành động thực hiện Kết luận số 20-KL/TW ngày 12 tháng 11 năm 2025 "
        "của Bộ Chính trị"
    )
    assert (meta.issuer, meta.place) == ("Chính phủ", "Hà Nội")
    # the year of a cited document's date is no plan year: the plan runs from its issue
    assert meta.plan_year == 2026


def test_plan_year_from_the_text_not_from_a_horizon() -> None:
    meta = meta_of(
        doc(
            "Số: 90/KH-UBND",
            "Lâm Sơn, ngày 05 tháng 11 năm 2025",
            "KẾ HOẠCH",
            "THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035",
            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị,",
        )
    )
    assert meta.title == "Thực hiện lộ trình đổi mới công nghệ đến năm 2035"
    assert (meta.plan_year, meta.period_end_year) == (2025, 2035)
    started = meta_of(
        doc(
            "Số: 91/QĐ-BVH",
            "Hà Nội, ngày 18 tháng 11 năm 2025",
            "KẾ HOẠCH",
            "THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ THỂ THAO THỜI KỲ 2021-2030",
        )
    )
    # a plan starts no earlier than it is issued
    assert (started.plan_year, started.period_end_year) == (2025, 2030)
