"""Vietnamese text basics: normalization, folding, search terms and typo tolerance.

Search works on *folded* text (lowercase, no diacritics, đ -> d): officials type
questions without diacritics as often as with them. A first measurement on the
seed questions found BM25 over folded syllables plus syllable bigrams clearly
ahead of alternatives, so ``search_terms`` produces exactly that representation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from knowledge.limits import MAX_CORRECTED_WORD, MAX_CORRECTED_WORDS

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """Every run of white space (line breaks, NBSP included) as one space, stripped."""
    return " ".join(text.split())  # str.split() and \s agree on what white space is


def _fold_table() -> dict[int, str | None]:
    """Each character whose decomposition carries marks -> its base letters; the
    combining marks themselves -> nothing. One ``str.translate`` then folds a text
    (ingest folds every cell and paragraph many times: a per-character generator
    was half the parse time)."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in range(0x80, 0x3000):
        ch = chr(cp)
        if unicodedata.combining(ch):
            table[cp] = None
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base != ch:
            table[cp] = base
    return table


_FOLD = _fold_table()


@lru_cache(maxsize=32768)  # the parser folds the same cells and paragraphs many times
def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ -> d) and collapse white space."""
    return squash(text.translate(_FOLD).lower())


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch) if not ch.isspace() else " "
    if len(folded) == 1:
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def fold_aligned(text: str) -> str:
    """Fold character by character, keeping the length: index i of the result is
    the folded form of ``text[i]``. Used to find spans in folded text and cut the
    original at the same places."""
    return "".join(_fold_char(ch) for ch in text)


# --- Tone placement ------------------------------------------------------------
# "Tỉnh uỷ" (new style: tone on the last vowel) and "Tỉnh ủy" (classic style) are
# the same word; government documents mostly use the classic style, so displayed
# names are normalized to it. ``fold`` already makes them equal for matching.

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_NEW_STYLE = re.compile(
    r"(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])"
)


def classic_tones(text: str) -> str:
    """Move the tone of a final "oa", "oe", "uy" onto its first vowel ("uỷ" -> "ủy",
    "hoà" -> "hòa"); "quý", "hoàn", "khuỷu" are left alone."""
    decomposed = unicodedata.normalize("NFD", text)
    if not any(t in decomposed for t in _TONES):
        return text
    moved = _NEW_STYLE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


# --- Tokens and search terms ---------------------------------------------------

# Numbers keep their inner separators ("3.18", "95,5", "1.000"); words keep "&"
# joins ("tt&tt", "kh&cn"); everything else (/, -, punctuation) splits.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:&[^\W_]+)*")
# Bigrams do not cross these: sentence and clause ends, list separators, cells.
_SEGMENT_BREAK = re.compile(r"[;:!?\n|()\[\]\"“”…]|[.,](?!\d)")


def tokens(text: str) -> list[str]:
    """Folded syllables without punctuation: "Sở TT&TT, năm 2026" ->
    ["so", "tt&tt", "nam", "2026"]."""
    return _TOKEN.findall(fold(text))


# The shape of one Vietnamese syllable, folded: an onset, a vowel nucleus, a coda.
# Abbreviations ("UBND", "HĐND", "TTHC") do not fit it; words ("KẾ", "HOẠCH") do.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


_VOWELS = frozenset("aeiouy")


def has_vowel(folded: str) -> bool:
    """A folded word with no vowel ("ct", "dvcqg") is no syllable but a short form."""
    return not _VOWELS.isdisjoint(folded)


# Family names (họ) of most Vietnamese people: a person's full name opens with one.
SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trương", "Lâm", "Mai", "Hà", "Tô", "Lương",
    "Trịnh", "Cao", "Châu", "Tạ", "Thái", "Kiều", "Quách", "Lưu", "Phùng", "Tăng", "Triệu", "Đoàn",
    "Nông", "Lò", "Vương", "Chu", "Tống", "Khổng", "Giang", "Từ", "Lại", "Mạc", "Âu", "Doãn",
    "Hứa", "Kim", "Lã",
)  # fmt: skip
# A full name: a family name and two or three more capitalised syllables ("Hồ Quốc
# Dũng"); two-syllable places ("Hà Tĩnh", "Lâm Đồng") are no person.
_PERSON = re.compile(rf"(?<!\w)(?:{'|'.join(SURNAMES)})(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){{2,3}}(?!\w)")


def has_person_name(text: str) -> bool:
    """``text`` names a person by their full name."""
    return _PERSON.search(nfc(text)) is not None


def is_syllable(word: str) -> bool:
    """True for one Vietnamese syllable in any case ("HOẠCH", "tế"); False for "UBND"."""
    return bool(_SYLLABLE.fullmatch(fold(word)))


def accented_tokens(text: str) -> list[str]:
    """Lowercased syllables that keep their diacritics ("Sở Nội vụ" -> ["sở", "nội",
    "vụ"]): a second field for ranking, so a query typed with diacritics prefers
    the exact spelling over other words that fold the same ("sổ", "số")."""
    return _TOKEN.findall(classic_tones(nfc(text)).lower())


def build_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Folded syllable counts over ``texts``: the vocabulary for ``correct_tokens``."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(tokens(text))
    return counts


def syllable_bigrams(toks: Sequence[str]) -> list[str]:
    """Adjacent pairs joined by "_": ["so", "noi", "vu"] -> ["so_noi", "noi_vu"]."""
    return [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]


def search_terms(text: str, expand_abbreviations: bool = False) -> list[str]:
    """The keyword-search representation of a text: folded syllables plus their
    bigrams (bigrams do not cross punctuation). With ``expand_abbreviations`` the
    expansions of known abbreviations are added first ("ubnd" -> "uy ban nhan dan")."""
    if expand_abbreviations:
        from knowledge.abbreviations import expand  # local: abbreviations imports this module

        text = expand(text)
    folded = fold(text)
    unigrams: list[str] = []
    bigrams: list[str] = []
    for segment in _SEGMENT_BREAK.split(folded):
        toks = _TOKEN.findall(segment)
        unigrams.extend(toks)
        bigrams.extend(syllable_bigrams(toks))
    return unigrams + bigrams


# --- Similarity and typo tolerance --------------------------------------------


def similar(a: str, b: str) -> float:
    """Similarity in [0, 1] of the folded strings; adjacent swaps count as one edit
    (optimal string alignment), so "nôi vụ" vs "noi vu" is 1.0 and "sở nội vụ" vs
    "so noi uv" is close to 1."""
    return float(OSA.normalized_similarity(fold(a), fold(b)))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Telex keys left in a syllable when the input method was off: tone keys at the
# end ("phaps", "tuw") and vowel doublings ("nooi", "ddieu").
_TELEX_TONE_END = re.compile(r"(?<=[a-z])[sfrxj]$")
_TELEX_MARKS = re.compile(r"(?<=[aou])w")  # ă, ơ, ư
_TELEX_DOUBLE = re.compile(r"aa|ee|oo|dd")


def _telex_strip(token: str) -> str:
    stripped = _TELEX_TONE_END.sub("", token)
    stripped = _TELEX_MARKS.sub("", stripped)
    return _TELEX_DOUBLE.sub(lambda m: m.group(0)[0], stripped)


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts


def correct_token(token: str, vocabulary: Mapping[str, int] | Iterable[str]) -> str:
    """The vocabulary word a mistyped syllable most likely meant, or the token
    itself. Known tokens, numbers and single letters are never changed. Tried in
    order: Telex leftovers ("tuw" -> "tu"), then one edit (insert, delete, replace,
    swap of adjacent letters), the most frequent candidate winning. A token longer
    than ``MAX_CORRECTED_WORD`` is no syllable and is left alone: its candidate set
    would grow with the square of its length (4,096 letters cost a gigabyte)."""
    vocab = vocabulary if isinstance(vocabulary, Mapping | set | frozenset) else set(vocabulary)
    if token in vocab or not 2 <= len(token) <= MAX_CORRECTED_WORD or not token.isalpha():
        return token
    telex = _telex_strip(token)
    if telex != token and telex in vocab:
        return telex
    candidates = [w for w in _edits1(token) if w in vocab]
    if not candidates:
        return token
    counts: Mapping[str, int] = vocab if isinstance(vocab, Mapping) else {}
    # Frequency first, then prefer candidates sharing the first letter, then stable order.
    return max(candidates, key=lambda w: (counts.get(w, 1), w[0] == token[0], w))


def correct_tokens(toks: Sequence[str], vocabulary: Mapping[str, int] | Iterable[str]) -> list[str]:
    """``correct_token`` on each folded token. ``vocabulary`` is the set of
    syllables seen in indexed texts, ideally with counts (a Mapping). Only the first
    ``MAX_CORRECTED_WORDS`` tokens are considered; a question is never that long."""
    vocab = vocabulary if isinstance(vocabulary, Mapping | set | frozenset) else set(vocabulary)
    head = [correct_token(t, vocab) for t in toks[:MAX_CORRECTED_WORDS]]
    return head + list(toks[MAX_CORRECTED_WORDS:])
