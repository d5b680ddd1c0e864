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
