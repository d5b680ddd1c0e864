"""Bytes -> text for plain-text and HTML files (UTF-8, UTF-8 BOM, UTF-16, legacy).

Officials send whatever their editor saved: UTF-8 (with or without a BOM), Notepad's
"Unicode" (UTF-16 LE with a BOM), sometimes UTF-16 without a BOM, and old
Windows files in the Vietnamese code page (cp1258). Anything else is refused with
a message asking for UTF-8 rather than silently turned into mojibake.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path

from knowledge import limits, texts
from knowledge.document import DocumentError
from knowledge.loaders import legacy_vn

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Fallbacks tried in order once UTF-8 has failed. cp1258 is the Windows Vietnamese
# code page; latin-1 is not tried because it accepts every byte string and would
# hide a wrong guess.
_LEGACY = ("cp1258",)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; a class scans a
# sample far faster than asking unicodedata per character.
_BAD_CONTROL = re.compile(
    "["
    + "".join(
        re.escape(chr(c))
        for c in (*range(0x20), *range(0x7F, 0xA0))
        if chr(c) not in _ALLOWED_CONTROLS
    )
    + "]"
)


def read_text_file(path: Path, name: str, default_ext: str) -> tuple[str, str, list[str]]:
    """The decoded text of ``path``, its extension (``default_ext`` when it has none)
    and the warnings for the user (text converted from an old Vietnamese encoding).

    Raises ``DocumentError`` (Vietnamese message) for an unreadable, empty or
    undecodable file, or old-encoding text that cannot be converted surely.
    """
    ext = path.suffix.lower() or default_ext
    most = limits.current().max_file_bytes
    try:
        with path.open("rb") as fh:
            # Never more than the limit, even from a file still growing (and no
            # buffer of the limit's size for an ordinary small file).
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(min(size, most) + 1)
    except OSError as exc:
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=ext)) from exc
    limits.check_file_size(len(data), name)
    if not data.strip():
        raise DocumentError(texts.EMPTY_FILE.format(name=name))
    legacy = _legacy(data, name)
    if legacy is not None:
        text, encoding = legacy
        warning = texts.LEGACY_ENCODING_CONVERTED.format(name=name, encoding=encoding.value)
        return text, ext, [warning]
    return decode_bytes(data, name, ext), ext, []


def _legacy(data: bytes, name: str) -> tuple[str, legacy_vn.Legacy] | None:
    """TCVN3 / VNI bytes converted to Unicode; None for any other text.

    Only bytes that are not UTF-8 are examined (legacy text never is, and UTF-8
    read byte by byte would look like it).
    """
    if data.startswith(tuple(bom for bom, _ in _BOMS)) or b"\x00" in data[:4096]:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    verdict = legacy_vn.detect_bytes(data)
    if verdict.encoding is None:
        return None
    if verdict.text is None:
        raise DocumentError(texts.LEGACY_ENCODING_UNSURE.format(name=name))
    return verdict.text, verdict.encoding


def decode_bytes(data: bytes, name: str, ext: str = ".txt") -> str:
    """Decode ``data``; raise ``DocumentError`` (Vietnamese message) when impossible."""
    text = _decode(data, name, ext)
    text = text.replace("\ufeff", "")
    if _control_ratio(text) > 0.01:
        # Binary data that happened to decode (e.g. a renamed .doc or .pdf).
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=ext))
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, name: str, ext: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(texts.UNKNOWN_ENCODING.format(name=name)) from exc
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DocumentError(texts.BROKEN_FILE.format(name=name, ext=ext))
    for codec in _LEGACY:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise DocumentError(texts.UNKNOWN_ENCODING.format(name=name))


def _bomless_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the NUL bytes fall.

    ASCII letters, digits and spaces (plenty of them even in Vietnamese text) are
    encoded as one zero byte plus the character: zeros on odd offsets mean little
    endian, on even offsets big endian. Real UTF-8 text has no zero bytes at all.
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sum(1 for i in range(0, 2 * half, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * half, 2) if sample[i] == 0)
    if odd > 0.2 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.2 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_BAD_CONTROL.findall(sample)) / len(sample)
