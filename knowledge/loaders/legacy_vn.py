"""Old Vietnamese 8-bit encodings: TCVN3 (ABC, the ".Vn" fonts) and VNI (the "VNI-" fonts).

Before Unicode, Vietnamese offices typed with font-specific code pages: the bytes
are plain Windows "ANSI", only the font draws them as Vietnamese letters. Read as
Unicode such text is mojibake ("KÕ ho¹ch" for "Kế hoạch" in TCVN3, "Keá hoaïch" in
VNI). Each byte (TCVN3) or each vowel plus mark byte (VNI) stands for one
Vietnamese letter, so the conversion is a table look-up; the tables below are the
published code tables, written out by hand.

Text is examined as characters in the Latin-1 range (a byte read as cp1252 or
Latin-1 gives the same character for every byte these encodings use), so the same
functions serve raw bytes and text a Word file stored in these fonts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum


class Legacy(Enum):
    TCVN3 = "TCVN3 (ABC)"
    VNI = "VNI"


# --- TCVN3 (TCVN 5712:1993, "ABC") -------------------------------------------------
# One byte per letter. Upper-case toned letters are not in the table: TCVN3 drew
# them with a separate upper-case font (".VnTimeH") from the lower-case codes.
_TCVN3_ROWS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3 = {chr(code): letter for code, letter in _TCVN3_ROWS.items()}
# Bytes 0xA1-0xBF are symbols in every Windows code page ("§", "¸", "¹", "µ") but
# among the commonest letters in TCVN3 ("đ", "á", "ạ", "à"): inside a word they
# give TCVN3 away.
_TCVN3_TELL = re.compile(r"(?<=[A-Za-z])[\u00a1-\u00bf]|[\u00a1-\u00bf](?=[A-Za-z])")

# --- VNI (VNI Windows) -----------------------------------------------------------
# A vowel is followed by one mark byte (tone, or vowel mark plus tone). Lower-case
# marks follow lower-case vowels, upper-case marks upper-case ones.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS_LOWER = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
# Letters VNI writes as one byte of their own.
_VNI_SINGLE_LOWER = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
}  # fmt: skip
_VNI_SINGLE = {**_VNI_SINGLE_LOWER, **{k.upper(): v.upper() for k, v in _VNI_SINGLE_LOWER.items()}}
_BREVE_MARKS = set("êéèúüëÊÉÈÚÜË")
_CIRC_MARKS = set("âáàåãäÂÁÀÅÃÄ")
_TONE_MARKS = set("ùøûõïÙØÛÕÏ")
# Which bases take which marks: a, e, o take the circumflex family, only a the
# breve family; every vowel, and VNI's own ơ / ư, takes a plain tone.
_VNI_PAIR = re.compile(
    r"([aA])([âáàåãäêéèúüëÂÁÀÅÃÄÊÉÈÚÜË])|([eEoO])([âáàåãäÂÁÀÅÃÄ])"
    r"|([aeiouyAEIOUYôöÔÖ])([ùøûõïÙØÛÕÏ])"
)
# Marks that never follow a vowel in real text: "ø", "û", "ï", "ä", "å", "ë", "ü"
# are not Vietnamese letters, "ù" after a vowel is no Vietnamese spelling either.
_VNI_TELL = re.compile(r"[aeiouyAEIOUY][ùøûïäåëüÙØÛÏÄÅËÜ]|[aeoAEO]õ")

# --- confidence ------------------------------------------------------------------
_VOWELS = "aăâeêioôơuưy"
_SYLLABLE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_VOWELS}]{{1,3}}"
    r"(?:ng|nh|ch|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")
_TONE_CHARS = set(_ACUTE + _GRAVE + _HOOK + _TILDE + _DOT)
_UNICODE_VN = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
MIN_EVIDENCE = 5  # tell-tale spots needed before a text is taken for a legacy encoding
MIN_SHARE = 0.02  # ... and their share among the words
MIN_VALID = 0.85  # share of converted non-ASCII words that must be well-formed syllables


@dataclass(frozen=True)
class Verdict:
    """What ``detect`` found: an encoding (or None) and the converted text when sure."""

    encoding: Legacy | None
    text: str | None = None  # None with an encoding: detected but not convertible surely


def detect(text: str) -> Verdict:
    """Tell TCVN3 or VNI text from Unicode (or from cp1258 mojibake of real Unicode).

    Returns ``Verdict(None)`` for ordinary text, ``Verdict(enc, converted)`` when the
    converted text reads as Vietnamese, ``Verdict(enc, None)`` when unsure.
    """
    sample = text[:200_000]
    if well_formed_share(sample) >= MIN_VALID:
        return Verdict(None)  # it reads as Vietnamese already
    words = max(len(_WORD.findall(sample)), 1)
    tcvn = len(_TCVN3_TELL.findall(sample))
    vni = len(_VNI_TELL.findall(sample))
    tells = max(tcvn, vni)
    if tells < MIN_EVIDENCE or tells / words < MIN_SHARE:
        return Verdict(None)
    # Letters only Unicode has (ă, đ, ơ, ư, ạ …): Unicode text with a few odd
    # symbols ("m²"), or a mix of Unicode and legacy parts, which no table converts.
    unicode_letters = len(_UNICODE_VN.findall(sample))
    if unicode_letters > 3 * tells:
        return Verdict(None)
    encoding = Legacy.TCVN3 if tcvn >= vni else Legacy.VNI
    if unicode_letters >= MIN_EVIDENCE:
        return Verdict(encoding)
    converted = convert(text, encoding)
    if well_formed_share(converted) < MIN_VALID:
        return Verdict(encoding)
    return Verdict(encoding, converted)


def detect_bytes(data: bytes) -> Verdict:
    """``detect`` for the bytes of a text file that is not UTF-8.

    Such a file may also be real Vietnamese in Windows-1258: when that reading
    gives well-formed syllables, it is not a legacy font encoding.
    """
    verdict = detect(data.decode("latin-1"))
    if verdict.encoding is None:
        return verdict
    try:
        native = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return verdict
    return Verdict(None) if well_formed_share(native) >= MIN_VALID else verdict


def convert(text: str, encoding: Legacy) -> str:
    if encoding is Legacy.TCVN3:
        return unicodedata.normalize("NFC", "".join(_TCVN3.get(ch, ch) for ch in text))
    return unicodedata.normalize("NFC", _convert_vni(text))


def _convert_vni(text: str) -> str:
    def pair(m: re.Match[str]) -> str:
        base = m.group(1) or m.group(3) or m.group(5)
        mark = m.group(2) or m.group(4) or m.group(6)
        base = _VNI_SINGLE.get(base, base)  # "ô" / "ö" are VNI's ơ / ư
        return base + _VNI_MARKS[mark]

    paired = _VNI_PAIR.sub(pair, text)
    return "".join(_VNI_SINGLE.get(ch, ch) for ch in paired)


def well_formed_share(text: str) -> float:
    """Share of the words with Vietnamese letters that are well-formed syllables."""
    checked = good = 0
    for word in _WORD.findall(text[:200_000]):
        if word.isascii():
            continue
        checked += 1
        good += _is_syllable(word.lower())
    return good / checked if checked else 0.0


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for ch in decomposed if ch in _TONE_CHARS)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_CHARS))
    return tones <= 1 and bool(_SYLLABLE.fullmatch(bare))
