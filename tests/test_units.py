"""Unit names: splitting cells, folding spellings, groups, people, owners, mentions."""

from __future__ import annotations

import re

import pytest
from conftest import corpus_files, seed_path

from knowledge.units import (
    UnitMatcher,
    UnitName,
    builtin_aliases,
    builtin_kinds,
    canonical_unit,
    looks_like_unit,
    match_unit_in_text,
    normalize_units,
    register_alias,
    split_units,
    unit_key,
)
from knowledge.vietnamese import fold

# --- splitting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        (
            "Văn phòng Tỉnh ủy; Sở Thông tin - Truyền thông",
            ["Văn phòng Tỉnh ủy", "Sở Thông tin - Truyền thông"],
        ),
        ("- Văn phòng UBND tỉnh - Sở Nội vụ", ["Văn phòng UBND tỉnh", "Sở Nội vụ"]),
        (
            "Sở Kế hoạch và Đầu tư; Trung tâm xúc tiến Đầu tư, TM, DL",
            ["Sở Kế hoạch và Đầu tư", "Trung tâm xúc tiến Đầu tư, TM, DL"],
        ),
        (
            "Các sở, ban, ngành; UBND các huyện, thành, thị",
            ["Các sở, ban, ngành", "UBND các huyện, thành, thị"],
        ),
        ("Sở Thông tin Truyền thông; Sở Nội vụ", ["Sở Thông tin Truyền thông", "Sở Nội vụ"]),
        (
            "Các sở, ban, ngành, UBND các huyện, thành, thị",
            ["Các sở, ban, ngành", "UBND các huyện, thành, thị"],
        ),
        ("Các sở, ban, ngành, huyện, thành, thị", ["Các sở, ban, ngành, huyện, thành, thị"]),
        ("Phòng Hành chính - Quản trị", ["Phòng Hành chính - Quản trị"]),
        ("Phòng Kế hoạch- Tài chính", ["Phòng Kế hoạch- Tài chính"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
            ["Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh"],
        ),
        ("Văn phòng UBND tỉnh, Sở KH&CN", ["Văn phòng UBND tỉnh", "Sở KH&CN"]),
        ("Sở KHCN, các cơ quan liên quan", ["Sở KHCN", "các cơ quan liên quan"]),
        (
            "Các sở, ngành và UBND các huyện, thành, thị",
            ["Các sở, ngành", "UBND các huyện, thành, thị"],
        ),
        (
            "Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội cấp tỉnh",
            ["Mặt trận Tổ quốc tỉnh", "các tổ chức chính trị - xã hội cấp tỉnh"],
        ),
        ("Sở Nội vụ, sở, ban ngành có liên quan", ["Sở Nội vụ", "sở, ban ngành có liên quan"]),
        (
            "Các sở, ngành, đơn vị, UBND cấp xã (cơ quan được giao quản lý, sử dụng vốn NSNN)",
            ["Các sở, ngành, đơn vị", "UBND cấp xã"],
        ),
        (
            "Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            ["Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"],
        ),
        (
            "Sở Tài chính, Sở Khoa học và Công nghệ, huyện Tương Dương",
            ["Sở Tài chính", "Sở Khoa học và Công nghệ", "huyện Tương Dương"],
        ),
        ("+ Sở Nội vụ;\n+ Sở Tư pháp.", ["Sở Nội vụ", "Sở Tư pháp"]),
        ("Sở Nội vụ\nSở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
        ("Sở Khoa học và\nCông nghệ", ["Sở Khoa học và Công nghệ"]),
        ("Sở Thông tin-Truyền thông (b/c).", ["Sở Thông tin-Truyền thông"]),
        ("", []),
        (" ; - ", []),
    ],
)
def test_split_units(cell: str, parts: list[str]) -> None:
    assert split_units(cell) == parts


def test_split_keeps_several_people_apart_but_not_their_titles() -> None:
    cell = (
        "D/c Nguyễn Nam Định, Ủy viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch Thường trực HĐND "
        "tỉnh, thành viên Ban Chỉ đạo; đ/c Nguyễn Như Khôi, Phó Chủ tịch HĐND tỉnh"
    )
    parts = split_units(cell)
    assert len(parts) == 2
    assert parts[1] == "đ/c Nguyễn Như Khôi, Phó Chủ tịch HĐND tỉnh"
    assert split_units("Các đồng chí Phó Chủ tịch UBND tỉnh, thành viên Ban Chỉ đạo") == [
        "Các đồng chí Phó Chủ tịch UBND tỉnh, thành viên Ban Chỉ đạo"
    ]


# --- canonical names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "canonical"),
    [
        (
            [
                "Sở Thông tin-Truyền thông",
                "Sở Thông tin - Truyền thông",
                "Sở Thông tin và Truyền thông",
                "Sở TT&TT",
                "Sở TTTT",
                "Sở Thông tin Truyền thông",
                "sở tt và tt",
            ],
            "Sở Thông tin và Truyền thông",
        ),
        (["Sở KHCN", "Sở KH&CN", "Sở Khoa học và Công nghệ", "SKHCN"], "Sở Khoa học và Công nghệ"),
        (["Tỉnh uỷ", "Tỉnh ủy", "tinh uy"], "Tỉnh ủy"),
        (
            ["Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "VPUB"],
            "Văn phòng UBND tỉnh",
        ),
        (["Sở Nội vụ", "SNV", "Sở Nội Vụ."], "Sở Nội vụ"),
        (["UBND tỉnh", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh"], "UBND tỉnh"),
        (
            [
                "Phòng HC-QT",
                "Phòng Hành chính - Quản trị",
                "Phòng HCQT",
                "Phòng Hành chính Quản trị",
            ],
            "Phòng Hành chính - Quản trị",
        ),
        (["Công an tỉnh", "- Công an tỉnh."], "Công an tỉnh"),
        (["Sở TN&MT", "Sở Tài nguyên và Môi trường", "Sở TNMT"], "Sở Tài nguyên và Môi trường"),
        (["Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", "Sở KHĐT"], "Sở Kế hoạch và Đầu tư"),
        (
            ["Trung tâm xúc tiến Đầu tư, TM, DL"],
            "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
        ),
        (["Ban Tổ chức Tỉnh uỷ", "Ban Tổ chức Tỉnh ủy"], "Ban Tổ chức Tỉnh ủy"),
        (["Mặt trận Tổ quốc tỉnh", "MTTQ tỉnh"], "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        (["Sở Sở Khoa học và Công nghệ"], "Sở Khoa học và Công nghệ"),
        (["Sở Nội vụ chủ trì đối với nhân rộng mô hình hay"], "Sở Nội vụ"),
        (["Sở Tài chính (đối với các đơn vị SNCL thuộc cấp tỉnh)"], "Sở Tài chính"),
    ],
)
def test_spelling_variants_fold_to_one_unit(variants: list[str], canonical: str) -> None:
    for raw in variants:
        unit = canonical_unit(raw)
        assert unit == UnitName(canonical, "unit"), raw


def test_unknown_units_keep_a_tidy_display_name() -> None:
    assert canonical_unit("  Phòng Kế hoạch- Tài chính. ").name == "Phòng Kế hoạch - Tài chính"
    assert canonical_unit("Chi cục Thuỷ lợi").name == "Chi cục Thủy lợi"
    assert canonical_unit("**Trung tâm Chuyển đổi số Thành phố**").name == (
        "Trung tâm Chuyển đổi số Thành phố"
    )
    assert canonical_unit("- ").name == ""


def test_unit_key_is_the_shared_lookup_key() -> None:
    key = unit_key("Sở Thông tin và Truyền thông")
    assert key == "so thong tin truyen thong"
    assert {unit_key(v) for v in ["Sở TT&TT", "sở thông tin-truyền thông", "SỞ TTTT"]} == {key}
    assert unit_key("Các sở, ban ngành") == unit_key("Sở, ban, ngành")
    assert unit_key("Các sở, ngành có liên quan") == unit_key("các sở ngành liên quan")
    assert unit_key("Sở Nội vụ") != unit_key("Sở Tư pháp")


# --- groups, people, owners -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Các sở, ban, ngành", "Các sở, ban, ngành"),
        ("Sở, ban, ngành", "Các sở, ban, ngành"),
        ("UBND cấp xã", "UBND cấp xã"),
        ("UBND các xã, phường", "UBND cấp xã"),
        # since 2025 the commune level is xã, phường and đặc khu, listed in any order
        ("Ủy ban nhân dân các phường, xã, đặc khu", "UBND cấp xã"),
        ("UBND phường, đặc khu, xã", "UBND cấp xã"),
        ("UBND các huyện, thành, thị", "UBND cấp huyện"),
        ("Các phòng, đơn vị liên quan", "Các phòng, đơn vị liên quan"),
        ("Các cơ quan Trung ương và địa phương", "Các cơ quan Trung ương và địa phương"),
        ("Các bộ, ngành", "Các bộ, ngành"),
        ("Các sở, ngành có liên quan", "Các sở, ngành có liên quan"),
        ("Các sở, ngành liên quan", "Các sở, ngành có liên quan"),
        ("Cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị liên quan"),
        ("Các sở, ban, ngành, huyện, thành, thị", "Các sở, ban, ngành, huyện, thành, thị"),
        ("sở, ban ngành có liên quan", "Các sở, ban, ngành có liên quan"),
        # every province's People's Committee, however much of the name is written
        (
            "Ủy ban nhân dân các tỉnh, thành phố",
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        ),
        ("UBND các tỉnh, thành", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"),
        ("thành viên HĐTĐ", "Thành viên HĐTĐ"),
    ],
)
def test_group_phrases_are_groups(raw: str, name: str) -> None:
    unit = canonical_unit(raw)
    assert (unit.name, unit.kind) == (name, "group")


@pytest.mark.parametrize(
    "raw",
    ["UBND tỉnh", "UBND thành phố Hà Nội", "Sở Nội vụ", "Tỉnh ủy", "Thành ủy Vinh", "Công an tỉnh"],
)
def test_named_bodies_are_not_groups(raw: str) -> None:
    assert canonical_unit(raw).kind == "unit"


def test_people_in_a_supervisor_cell() -> None:
    vinh = [
        "Đ/c Lê Hồng Vinh, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh.",
        "D/c Lê Hồng Vinh, Uỷ viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh",
    ]
    units = [canonical_unit(raw) for raw in vinh]
    assert {(u.name, u.kind) for u in units} == {("Lê Hồng Vinh", "person")}
    assert units[0].title == "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh"
    assert units[1].title == units[0].title  # "Uỷ" and "Ủy" tidy to the same
    no_name = canonical_unit("D/c Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh")
    assert no_name == UnitName("Đ/c Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh", "person")
    assert canonical_unit("Các đồng chí Phó Chủ tịch UBND tỉnh").kind == "person"


def test_owner_becomes_parent_of_internal_units() -> None:
    owner = "Văn phòng Ủy ban nhân dân tỉnh"
    for raw in [
        "Phòng Hành chính - Quản trị",
        "Phòng HC-QT",
        "Trung tâm Phục vụ hành chính công",
        "Cổng thông tin điện tử",
        "Các phòng, ban, đơn vị",
        "Các phòng, ban, đơn vị liên quan",
    ]:
        assert canonical_unit(raw, owner).parent == "Văn phòng UBND tỉnh", raw
    # Units that are not part of the office, the office itself, and no owner at all.
    assert canonical_unit("Sở Nội vụ", owner).parent is None
    assert canonical_unit("VP UBND tỉnh", owner).parent is None
    assert canonical_unit("Phòng Nội vụ huyện Anh Sơn", owner).parent is None
    assert canonical_unit("Phòng Hành chính - Quản trị").parent is None
    # Two offices' "Phòng Hành chính - Quản trị" are different units.
    a = canonical_unit("Phòng Hành chính - Quản trị", owner)
    b = canonical_unit("Phòng Hành chính - Quản trị", "Sở Tư pháp")
    assert a.name == b.name and a.key != b.key


def test_normalize_units_dedupes_spellings_in_one_cell() -> None:
    units = normalize_units("Sở TT&TT; Sở Thông tin - Truyền thông; Văn phòng UBND tỉnh")
    assert [u.name for u in units] == ["Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"]


# --- aliases for the database --------------------------------------------------------------


def test_builtin_aliases_are_unique_for_the_alias_table() -> None:
    aliases = builtin_aliases()
    folded_owner: dict[str, str] = {}
    for canonical, spellings in aliases.items():
        for spelling in [canonical, *spellings]:
            # The alias table's folded column is unique: no spelling twice, anywhere.
            folded = fold(spelling).strip(" .;,:")
            assert folded not in folded_owner, (spelling, folded_owner.get(folded))
            folded_owner[folded] = canonical
            # And every spelling canonicalizes back to its own unit.
            assert canonical_unit(spelling).name == canonical, spelling
    tt = aliases["Sở Thông tin và Truyền thông"]
    assert {"Sở TT&TT", "Sở Thông tin - Truyền thông", "Sở Thông tin-Truyền thông"} <= set(tt)
    assert "VPUB" in aliases["Văn phòng UBND tỉnh"]
    assert "UBND các huyện, thành, thị" in aliases["UBND cấp huyện"]


def test_builtin_aliases_by_unit_key_keep_only_new_keys() -> None:
    aliases = builtin_aliases(by_unit_key=True)
    assert "Sở TT&TT" not in aliases["Sở Thông tin và Truyền thông"]
    assert "VPUB" in aliases["Văn phòng UBND tỉnh"]
    keys = [unit_key(a) for spellings in aliases.values() for a in spellings] + [
        unit_key(c) for c in aliases
    ]
    assert len(keys) == len(set(keys))
    assert builtin_kinds()["UBND cấp xã"] == "group"
    assert builtin_kinds()["Sở Nội vụ"] == "unit"


def test_register_alias_teaches_a_new_spelling() -> None:
    assert canonical_unit("Sở TTTTT").name == "Sở TTTTT"
    register_alias("Sở TTTTT", "Sở Thông tin và Truyền thông")
    assert canonical_unit("Sở TTTTT").name == "Sở Thông tin và Truyền thông"


# --- mentions in questions ---------------------------------------------------------------

KNOWN = list(builtin_aliases()) + [a for v in builtin_aliases().values() for a in v]


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("so noi vu co nhiem vu gi", ["Sở Nội vụ"]),
        ("Phòng HC-QT có bao nhiêu nhiệm vụ?", ["Phòng Hành chính - Quản trị"]),
        ("sở tt&tt", ["Sở Thông tin và Truyền thông"]),
        ("nhiem vu cua so thong tin truyen thong", ["Sở Thông tin và Truyền thông"]),
        ("SNV chủ trì những việc nào", ["Sở Nội vụ"]),
        ("van phong ubnd tinh phoi hop gi", ["Văn phòng UBND tỉnh"]),
        ("so khcn hay so tu phap chu tri?", ["Sở Khoa học và Công nghệ", "Sở Tư pháp"]),
        ("ubnd cap xa phai lam gi", ["UBND cấp xã"]),
        ("cac so ban nganh can lam gi", ["Các sở, ban, ngành"]),
        ("so tuw phap co nhiem vu nao", ["Sở Tư pháp"]),  # Telex slip
        ("so noi vu va cong an tinh", ["Sở Nội vụ", "Công an tỉnh"]),
        ("có nhiệm vụ nào đến hạn trong quý II", []),
    ],
)
def test_match_unit_in_text(question: str, found: list[str]) -> None:
    assert match_unit_in_text(question, KNOWN) == found


def test_matcher_returns_the_first_spelling_of_a_unit() -> None:
    matcher = UnitMatcher(["Sở Nội vụ", "SNV", "Sở Tư pháp"])
    assert matcher.find("snv va so noi vu") == ["Sở Nội vụ"]
    assert UnitMatcher(["SNV"]).find("Sở Nội vụ") == ["SNV"]


# --- real documents ------------------------------------------------------------------------

FRAGMENTS = {"ban", "nganh", "thanh", "thi", "huyen", "tm", "dl", "va", ""}


def _seed_cells(prefix: str, columns: tuple[int, ...]) -> list[str]:
    cells = []
    for line in seed_path(prefix).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) > max(columns) and fields[0].strip().isdigit():
            cells.extend(fields[i] for i in columns if fields[i].strip())
    return cells


def test_seed_002_unit_cells() -> None:
    cells = _seed_cells("002", (3, 4))
    assert len(cells) > 70
    names: set[str] = set()
    # One cell of this seed is a garbled half of a name split over two columns: it
    # names no unit and must give none; every other cell gives units.
    empty = [cell for cell in cells if not normalize_units(cell)]
    assert len(empty) <= 1 and not any(looks_like_unit(c) for c in empty), empty
    for cell in cells:
        units = normalize_units(cell)
        for unit in units:
            assert fold(unit.name) not in FRAGMENTS, (cell, unit)
            names.add(unit.name)
    assert {
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh",
        "Sở Thông tin và Truyền thông",
        "Công an tỉnh",
        "Văn phòng Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Sở Kế hoạch và Đầu tư",
        "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
        "Các sở, ban, ngành",
        "UBND cấp huyện",
    } <= names
    # Three spellings of the department of information, one unit; "uỷ"/"ủy" likewise.
    assert not [n for n in names if fold(n).startswith("so thong tin") and "và" not in n]
    assert "Ban Tổ chức Tỉnh uỷ" not in names


def test_seed_002_supervisors_are_people() -> None:
    cells = _seed_cells("002", (2,))
    people = [u for cell in cells for u in normalize_units(cell) if u.kind == "person"]
    named = {u.name for u in people if u.title}
    assert {"Lê Hồng Vinh", "Nguyễn Đức Trung", "Thái Thanh Quý", "Bùi Đình Long"} <= named
    assert all(re.match(r"^[A-ZĐ]", n) for n in named)


def test_seed_001_internal_units_belong_to_the_office() -> None:
    leads = _seed_cells("001", (2,))
    units = [u for cell in leads for u in normalize_units(cell, "Văn phòng UBND tỉnh")]
    hcqt = [u for u in units if u.name == "Phòng Hành chính - Quản trị"]
    assert len(hcqt) >= 18
    assert {u.parent for u in units} == {"Văn phòng UBND tỉnh"}
    coordinators = _seed_cells("001", (3,))
    kinds = {u.kind for cell in coordinators for u in normalize_units(cell)}
    assert kinds == {"group"}


def test_corpus_unit_lines_split_without_fragments() -> None:
    pattern = re.compile(r"^(?:Các sở|Sở |UBND|Ủy ban nhân dân|Bộ |Văn phòng)[^.:]{0,100}$")
    checked = 0
    for path in corpus_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not pattern.match(line.strip()):
                continue
            for unit in normalize_units(line):
                assert fold(unit.name) not in FRAGMENTS, (path.name, line, unit)
            checked += 1
    assert checked > 100
    assert [u.name for u in normalize_units("Các sở, ban, ngành; UBND các phường, xã")] == [
        "Các sở, ban, ngành",
        "UBND cấp xã",
    ]


# --- recognizing a unit name ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sở Nội vụ",
        "- Văn phòng UBND tỉnh",
        "5.1. Trung tâm Phục vụ hành chính công",
        "Các sở, ban, ngành",
        "Các cơ sở đào tạo đại học",
        "Thủ trưởng các sở, ban, ngành",
        "Giám đốc Sở Tư pháp",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Đ/c Lê Hồng Vinh",
        "Thuế tỉnh Quảng Trị",  # the tax and customs offices as renamed in 2025
        "Thuế cơ sở 2 tỉnh Quảng Trị",
        "Hải quan khu vực XI",
    ],
)
def test_looks_like_unit(text: str) -> None:
    assert looks_like_unit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ban hành kế hoạch triển khai",
        "Báo cáo kết quả thực hiện",
        "Bộ tiêu chí đánh giá",
        "Số hóa hồ sơ",
        "Phòng chống tham nhũng",
        "Các nhiệm vụ trọng tâm",
        "Trường hợp cần thiết",
        "Hội nghị sơ kết",
        "Quý IV/2026",
        "Thuế thu nhập doanh nghiệp",
        "",
    ],
)
def test_topics_products_and_dates_are_not_units(text: str) -> None:
    assert not looks_like_unit(text)


def test_repeated_head_word_is_a_typo() -> None:
    assert canonical_unit("Sở Sở Khoa học và Công nghệ").name == "Sở Khoa học và Công nghệ"
    assert canonical_unit("Phòng Phòng Tư pháp").name == "Phòng Tư pháp"  # not a known unit
    assert canonical_unit("Ban Ban Quản lý dự án").name == "Ban Quản lý dự án"
    assert [u.name for u in normalize_units("Sở Tài chính; Sở Sở Công thương")] == [
        "Sở Tài chính",
        "Sở Công Thương",
    ]


# --- fragments are no units ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        # a sentence's tail after the name: prepositions, verbs, a note never closed
        ("Sở Tài chính trong việc", ["Sở Tài chính"]),
        ("Sở Xây dựng chỉ đạo Chi cục Giám định thực hiện", ["Sở Xây dựng"]),
        ("Bộ Tư pháp với các hướng dẫn nghiệp vụ chung", ["Bộ Tư pháp"]),
        ("Chính phủ kết quả", ["Chính phủ"]),
        ("Tổ công tác theo Quyết định số 12/QĐ-UBND", ["Tổ công tác"]),
        ("Các sở, ngành (theo lĩnh vực được giao", ["Các sở, ngành"]),
        ("UBND cấp xã thực hiện rà soát hồ sơ", ["UBND cấp xã"]),
        # "chỉ đạo" after "Ban" and a short defining clause after a collective noun stay
        ("Ban chỉ đạo chuyển đổi số", ["Ban chỉ đạo chuyển đổi số"]),
        ("Đối tượng thực hiện rà soát", ["Đối tượng thực hiện rà soát"]),
        # lists: "và" before a body, a name glued after a known one, comma lists
        ("Bộ Ngoại giao và Bộ Quốc phòng", ["Bộ Ngoại giao", "Bộ Quốc phòng"]),
        ("Sở Nội vụ và cơ quan, đơn vị liên quan", ["Sở Nội vụ", "Các cơ quan, đơn vị liên quan"]),
        ("UBND xã, phường, đặc khu Sở Tài chính", ["UBND cấp xã", "Sở Tài chính"]),
        ("Sở Y tế Các sở, ngành", ["Sở Y tế", "Các sở, ngành"]),
        (
            "Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh, Hiệp hội Du lịch tỉnh",
            ["Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh", "Hiệp hội Du lịch tỉnh"],
        ),
        # names with "và", "-" or a comma inside stay whole
        ("Bộ Lao động - Thương binh và Xã hội", ["Bộ Lao động - Thương binh và Xã hội"]),
        ("Các Tập đoàn, Tổng công ty", ["Các Tập đoàn, Tổng công ty"]),
        ("Các trường đại học, viện nghiên cứu", ["Các trường đại học, viện nghiên cứu"]),
        (
            "Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực IV",
            ["Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực IV"],
        ),
        ("Vụ Pháp chế", ["Vụ Pháp chế"]),
        # an acronym no table holds is kept as a name; a state group's trade name is the group
        ("TTKSBT", ["TTKSBT"]),
        ("EVN", ["Tập đoàn Điện lực Việt Nam"]),
        ("Tập đoàn PVN", ["Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam"]),
    ],
)
def test_unit_names_are_cut_split_and_kept_whole(cell: str, names: list[str]) -> None:
    assert [u.name for u in normalize_units(cell)] == names


@pytest.mark.parametrize(
    "cell",
    [
        "K.",
        "Bộ Công",  # Bộ Công an or Bộ Công Thương: too short to say
        "Phê duyệt",
        "Cơ quan",
        "Tổng công ty",
        "Nghiên cứu mô hình quản lý mới",
        "Tăng cường hợp tác quốc tế, thông tin và truyền thông",
        "Mở rộng và các",
    ],
)
def test_what_names_no_unit_gives_none(cell: str) -> None:
    assert normalize_units(cell) == []


def test_near_duplicates_fold_to_one_unit() -> None:
    joined = canonical_unit("Ban Quản lý các Khu công nghiệp khu kinh tế")
    listed = canonical_unit("Ban Quản lý các Khu công nghiệp, khu kinh tế")
    assert joined.key == listed.key
    assert canonical_unit("Bộ CHQS tỉnh").name == "Bộ Chỉ huy Quân sự tỉnh"
    # one word short of exactly one known name: that name; of several: no unit
    assert [u.name for u in normalize_units("Đài Truyền hình Việt")] == ["Đài Truyền hình Việt Nam"]
    assert canonical_unit("Đài truyền hình Việt Nam").name == "Đài Truyền hình Việt Nam"
    place = [u.name for u in normalize_units("Mặt trận Tổ quốc Việt Nam tỉnh Lâm Sơn và các")]
    assert place == ["Mặt trận Tổ quốc Việt Nam tỉnh Lâm Sơn"]
