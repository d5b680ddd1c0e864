"""Turn Vietnamese text into search terms: folded syllables, their bigrams, exact forms.

Measured on the QA set (82 answerable questions, BM25 hit@1 / hit@5): folded
syllables 0.78 / 0.90, + bigrams 0.83 / 0.93, + exact forms and abbreviations (this
module) 0.84 / 0.93; the pyvi word segmenter 0.51 / 0.65 (0.79 / 0.90 with
syllables added; it cannot segment text typed without diacritics) and plain
lowercased words 0.48 / 0.62 (``bench/bench_ask.py``). A syllable
that carries diacritics also yields an exact-form term ("=sở"), so a query typed
with diacritics prefers exact matches while a query typed without them still finds
everything through the folded terms. Administrative abbreviations are expanded both
ways (TTHC <-> thủ tục hành chính) on documents and queries alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from knowledge.vietnamese import classic_tones, fold

_WORD = re.compile(r"[0-9a-zà-ỹđ]+(?:[.,/][0-9]+)*", re.IGNORECASE)
_FOLDED_WORD = re.compile(r"[0-9a-z]+(?:[&][a-z]+)*")

# Folded abbreviation -> folded expansion, both directions applied so either
# spelling matches the other. ``abbreviation_map`` adds the shared, admin-extendable
# dictionary (``knowledge.abbreviations``) to these search-specific pairs.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "qppl": "quy pham phap luat",
    "cbccvc": "can bo cong chuc vien chuc",
    "cds": "chuyen doi so",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "snv": "so noi vu",
    "khcn": "khoa hoc va cong nghe",
    "kh&cn": "khoa hoc va cong nghe",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "nsnn": "ngan sach nha nuoc",
    "dvsncl": "don vi su nghiep cong lap",
    "bcd": "ban chi dao",
    "vp": "van phong",
    "hc-qt": "hanh chinh quan tri",
    "hcqt": "hanh chinh quan tri",
    "csdl": "co so du lieu",
    "ktxh": "kinh te xa hoi",
    "kt-xh": "kinh te xa hoi",
    "mttq": "mat tran to quoc",
    "vptu": "van phong tinh uy",
    "btv": "ban thuong vu",
    "cntt": "cong nghe thong tin",
    "attt": "an toan thong tin",
    "ddci": "nang luc canh tranh cap so nganh",
    "pci": "nang luc canh tranh cap tinh",
    "par index": "chi so cai cach hanh chinh",
    "sipas": "su hai long cua nguoi dan",
    "papi": "hieu qua quan tri va hanh chinh cong",
    "tp": "thanh pho",
    "tw": "trung uong",
    "hccc": "hanh chinh cong",
    "ttpvhcc": "trung tam phuc vu hanh chinh cong",
    "kh-tc": "ke hoach tai chinh",
    "khtc": "ke hoach tai chinh",
    "ptth": "phat thanh truyen hinh",
    "ct-xh": "chinh tri xa hoi",
}


def nfc(text: str) -> str:
    """NFC with one tone placement ("uỷ" and "ủy" alike), so exact forms compare."""
    return classic_tones(unicodedata.normalize("NFC", text))


def syllables(text: str) -> list[str]:
    """Folded syllables ("Sở Nội vụ" -> ["so", "noi", "vu"])."""
    return _FOLDED_WORD.findall(fold(text.replace("-", " - ")))


def exact_syllables(text: str) -> list[str]:
    """Lowercased syllables that carry diacritics, marked with ``=``."""
    out = []
    for word in _WORD.findall(nfc(text).lower()):
        if fold(word) != word:
            out.append("=" + word)
    return out


def _abbr_key(syl: str) -> str:
    return syl.replace("&", "")


def abbreviation_map() -> dict[str, str]:
    """Folded short form -> folded long form: our pairs plus the shared dictionary's."""
    from knowledge import abbreviations

    entries = abbreviations.entries()
    return _merged(len(entries), tuple((e.short, e.long, e.variants) for e in entries))


@lru_cache(maxsize=4)
def _merged(_count: int, entries: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, str]:
    out = dict(ABBREVIATIONS)
    for short, long, variants in entries:
        for form in (short, *variants):
            key = fold(form).replace(" ", "")
            if key and key not in out:
                out[key] = " ".join(syllables(long))
    return out


def _pairs() -> list[tuple[str, str, list[str]]]:
    return _pairs_for(tuple(abbreviation_map().items()))


@lru_cache(maxsize=4)
def _pairs_for(items: tuple[tuple[str, str], ...]) -> list[tuple[str, str, list[str]]]:
    """(abbreviation as a padded phrase, its one-token form, expansion syllables)."""
    out = []
    for abbr, exp in items:
        abbr_sylls = [_abbr_key(s) for s in _FOLDED_WORD.findall(abbr)]
        out.append((" " + " ".join(abbr_sylls) + " ", "".join(abbr_sylls), exp.split()))
    return out


def expand_abbreviations(sylls: list[str]) -> list[str]:
    """Extra syllables: the expansion of each abbreviation and the abbreviation of each phrase."""
    extra: list[str] = []
    joined = " " + " ".join(_abbr_key(s) for s in sylls) + " "
    for abbr_phrase, token, words in _pairs():
        if abbr_phrase in joined:
            extra.extend(words)
        elif len(words) > 1 and " " + " ".join(words) + " " in joined:
            extra.append(token)
    return extra


def bigrams(sylls: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in zip(sylls, sylls[1:], strict=False)]


def analyze(text: str, *, exact: bool = True) -> list[str]:
    """Index/query terms of ``text``: syllables, bigrams, abbreviation forms, exact forms."""
    sylls = [_abbr_key(s) for s in syllables(text)]
    terms = sylls + bigrams(sylls)
    extra = expand_abbreviations(sylls)
    if extra:
        terms += extra + bigrams(extra)
    if exact:
        terms += exact_syllables(text)
    return terms


def plain_terms(text: str) -> list[str]:
    """Lowercased words with no folding: the "plain BM25" baseline in the benchmark."""
    return _WORD.findall(nfc(text).lower())
