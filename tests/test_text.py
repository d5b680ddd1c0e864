"""Vietnamese text handling: folding, tokens, search terms, typo tolerance, abbreviations."""

from __future__ import annotations

import json
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import seed_path

from knowledge import abbreviations
from knowledge.abbreviations import AbbreviationTable, abbreviate, expand, expansions, load_extra
from knowledge.vietnamese import (
    accented_tokens,
    build_vocabulary,
    classic_tones,
    correct_token,
    correct_tokens,
    fold,
    fold_aligned,
    nfc,
    search_terms,
    similar,
    syllable_bigrams,
    tokens,
)

# --- folding -------------------------------------------------------------------


def test_fold_ignores_case_diacritics_and_spacing() -> None:
    assert fold("  Sở   Nội vụ ") == "so noi vu"
    assert fold("ĐƠN VỊ SỰ NGHIỆP") == "don vi su nghiep"
    assert fold("Tỉnh uỷ") == fold("Tỉnh ủy") == "tinh uy"
    assert fold("Thủ tục hành chính") == "thu tuc hanh chinh"


def test_nfc_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Sở Tư pháp")
    assert decomposed != "Sở Tư pháp"
    assert nfc(decomposed) == "Sở Tư pháp"
    assert fold(decomposed) == "so tu phap"


def test_fold_aligned_keeps_positions() -> None:
    text = "Quý II/2024, Đợt 1"
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert folded == "quy ii/2024, dot 1"
    start = folded.index("dot")
    assert text[start : start + 3] == "Đợt"


def test_classic_tone_placement_for_display() -> None:
    assert classic_tones("Tỉnh uỷ") == "Tỉnh ủy"
    assert (
        classic_tones("Uỷ ban, hoà nhập, thuỷ lợi, sức khoẻ")
        == "Ủy ban, hòa nhập, thủy lợi, sức khỏe"
    )
    # Syllables where the tone placement is not a style choice are untouched.
    assert classic_tones("quý, hoàn thành, khuỷu") == "quý, hoàn thành, khuỷu"


# --- tokens and search terms --------------------------------------------------------


def test_tokens_are_folded_syllables_without_punctuation() -> None:
    assert tokens("Sở TT&TT, năm 2026: hoạt động 3.18 và 3.19; đạt 95,5%!") == [
        "so",
        "tt&tt",
        "nam",
        "2026",
        "hoat",
        "dong",
        "3.18",
        "va",
        "3.19",
        "dat",
        "95,5",
    ]
    assert tokens("Quý II/2024 - Kế hoạch 785/KH-UBND") == [
        "quy",
        "ii",
        "2024",
        "ke",
        "hoach",
        "785",
        "kh",
        "ubnd",
    ]


def test_accented_tokens_keep_diacritics_for_exact_preference() -> None:
    assert accented_tokens("Sở Nội vụ, Tỉnh uỷ") == ["sở", "nội", "vụ", "tỉnh", "ủy"]
    assert accented_tokens("sổ tay") != accented_tokens("sở tay")
    assert tokens("sổ tay") == tokens("sở tay")


def test_bigrams_join_adjacent_syllables() -> None:
    assert syllable_bigrams(["so", "noi", "vu"]) == ["so_noi", "noi_vu"]
    assert syllable_bigrams(["so"]) == []


def test_search_terms_match_with_and_without_diacritics() -> None:
    doc = search_terms("Sở Nội vụ chủ trì; Văn phòng UBND tỉnh phối hợp")
    query = search_terms("so noi vu chu tri nhiem vu gi")
    assert {"so", "noi", "vu", "so_noi", "noi_vu", "chu_tri"} <= set(doc)
    assert {"so_noi", "noi_vu", "vu_chu", "chu_tri"} <= set(doc) & set(query)
    # Bigrams stop at punctuation: nothing glues "tri" to "van" across the ";".
    assert "tri_van" not in doc


def test_search_terms_can_expand_abbreviations() -> None:
    plain = search_terms("Sở TT&TT phối hợp với UBND tỉnh")
    expanded = search_terms("Sở TT&TT phối hợp với UBND tỉnh", expand_abbreviations=True)
    assert "truyen_thong" not in plain
    assert {"tt&tt", "thong_tin", "truyen_thong", "ubnd", "uy_ban", "nhan_dan"} <= set(expanded)
    long_form = search_terms("Sở Thông tin và Truyền thông, Ủy ban nhân dân tỉnh")
    assert {"thong_tin", "truyen_thong", "uy_ban", "nhan_dan"} <= set(long_form)


def test_search_terms_are_fast_enough_for_indexing() -> None:
    text = "Tiếp tục rà soát, đơn giản hóa TTHC, nâng cao chất lượng DVC trực tuyến. " * 20
    start = time.perf_counter()
    for _ in range(200):
        search_terms(text)
    assert (time.perf_counter() - start) / 200 < 0.01  # well under 10 ms per 1,500 chars


# --- similarity and typos -----------------------------------------------------------


def test_similar_ignores_diacritics_and_counts_a_swap_as_one_edit() -> None:
    assert similar("Sở Nội vụ", "so noi vu") == 1.0
    assert similar("Sở Nội vụ", "so noi uv") > similar("Sở Nội vụ", "so noi xx")
    assert similar("Sở Nội vụ", "so noi uv") > 0.85
    assert similar("Sở Nội vụ", "Công an tỉnh") < 0.5


VOCAB = Counter(
    {"tu": 40, "phap": 30, "so": 90, "noi": 25, "vu": 60, "nhiem": 50, "chu": 20, "tri": 20}
)


def test_correct_tokens_fixes_common_slips() -> None:
    # Telex leftover, swapped letters, a dropped letter, an extra letter.
    assert correct_tokens(["tuw", "phap"], VOCAB) == ["tu", "phap"]
    assert correct_tokens(["so", "noi", "uv"], VOCAB) == ["so", "noi", "vu"]
    assert correct_tokens(["nhiem", "vu", "cuh", "tri"], VOCAB) == ["nhiem", "vu", "chu", "tri"]
    assert correct_tokens(["phapp", "nhem"], VOCAB) == ["phap", "nhiem"]


def test_correct_tokens_leaves_known_words_numbers_and_unknowns() -> None:
    assert correct_tokens(["so", "2026", "3.18", "x"], VOCAB) == ["so", "2026", "3.18", "x"]
    assert correct_tokens(["zzzzz"], VOCAB) == ["zzzzz"]  # nothing within one edit
    assert correct_token("tuw", {"tu", "tuy"}) == "tu"  # works with a plain set too


def test_correct_tokens_prefers_the_more_frequent_candidate() -> None:
    assert correct_token("qui", Counter({"quy": 50, "qua": 3})) == "quy"
    assert correct_token("qui", Counter({"quy": 3, "qua": 50})) == "qua"


def test_typo_correction_against_a_real_plan_vocabulary() -> None:
    vocab = build_vocabulary([seed_path("002").read_text(encoding="utf-8")])
    query = tokens("so noi vuj chu trri nhiem vu hanj")
    fixed = correct_tokens(query, vocab)
    assert fixed[:7] == ["so", "noi", "vu", "chu", "tri", "nhiem", "vu"]
    assert fixed[7] == "han"


# --- abbreviations --------------------------------------------------------------------


def test_expand_adds_long_forms_on_folded_text() -> None:
    assert expand("so tt&tt") == "so tt&tt thong tin va truyen thong"
    assert expand("UBND tỉnh") == "ubnd uy ban nhan dan tinh"
    assert "thu tuc hanh chinh" in expand("tthc")
    assert "khoa hoc va cong nghe" in expand("Sở KHCN")
    assert "khoa hoc va cong nghe" in expand("Sở KH&CN")
    assert "thong tin va truyen thong" in expand("Bộ TT và TT")
    assert "hanh chinh - quan tri" in expand("Phòng HC-QT")
    assert "can bo, cong chuc, vien chuc" in expand("CBCCVC")
    assert "don vi su nghiep cong lap" in expand("các ĐVSNCL")
    assert "uy ban nhan dan" in expand("VPUBND tỉnh")


def test_expand_can_replace_instead_of_add() -> None:
    assert expand("Sở TT&TT", keep_short=False) == "so thong tin va truyen thong"
    assert expand("tthc va cchc", keep_short=False) == ("thu tuc hanh chinh va cai cach hanh chinh")


def test_expand_does_not_touch_ordinary_syllables() -> None:
    # "tư", "từ", "đa", "vụ" fold to strings that must never read as abbreviations.
    text = "Sở Tư pháp từ năm 2025 đa dạng nhiệm vụ"
    assert expand(text) == fold(text)


def test_abbreviate_adds_short_forms_next_to_long_ones() -> None:
    assert abbreviate("Sở Thông tin và Truyền thông") == "so thong tin va truyen thong tt&tt"
    assert abbreviate("so thong tin - truyen thong").endswith("tt&tt")
    assert "tthc" in abbreviate("thủ tục hành chính")
    assert "cbccvc" in abbreviate("cán bộ, công chức, viên chức")
    assert "ubnd" in abbreviate("Ủy ban nhân dân tỉnh")
    assert abbreviate("Sở Nội vụ") == "so noi vu snv"


def test_expansions_lookup_accepts_variants() -> None:
    assert expansions("TTTT") == ["Thông tin và Truyền thông"]
    assert expansions("kh & cn") == ["Khoa học và Công nghệ"]
    assert expansions("HĐND") == ["Hội đồng nhân dân"]
    assert expansions("XYZ") == []


def test_load_extra_json_and_yaml(tmp_path: Path) -> None:
    table = AbbreviationTable()
    as_json = tmp_path / "extra.json"
    as_json.write_text(
        json.dumps({"BQL": "Ban Quản lý", "KCN": ["khu công nghiệp"]}, ensure_ascii=False),
        encoding="utf-8",
    )
    as_yaml = tmp_path / "extra.yaml"
    as_yaml.write_text(
        "- short: TTCĐS\n  long: Trung tâm Chuyển đổi số\n  variants: [TT CĐS]\n",
        encoding="utf-8",
    )
    assert load_extra(as_json, table) == 2
    assert load_extra(as_yaml, table) == 1
    assert table.expand("bql kcn") == "bql ban quan ly kcn khu cong nghiep"
    assert "trung tam chuyen doi so" in table.expand("TT CĐS tỉnh")
    assert table.abbreviate("Ban Quản lý khu công nghiệp") == "ban quan ly bql khu cong nghiep kcn"


def test_register_extends_the_process_wide_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(abbreviations, "DEFAULT", abbreviations._builtin_table())
    assert expand("TTYT xã") == "ttyt xa"
    abbreviations.register("TTYT", "Trung tâm Y tế")
    assert expand("TTYT xã") == "ttyt trung tam y te xa"
    assert "ubnd" in abbreviate("Ủy ban nhân dân")  # built-ins still there


def test_load_extra_rejects_other_shapes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('"UBND"', encoding="utf-8")
    with pytest.raises(ValueError):
        load_extra(bad, AbbreviationTable())
