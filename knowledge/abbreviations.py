"""Administrative abbreviations, used both ways (UBND <-> Ủy ban nhân dân).

Plans and questions mix short and long forms freely ("Sở TT&TT", "so thong tin
truyen thong", "tthc"). ``expand`` adds the long form next to every abbreviation
found and ``abbreviate`` adds the short form next to every long form, both on
folded text, so that either spelling finds the other.

Extending the dictionary (an admin's own pairs):
- at run time: ``register("BQL", "Ban Quản lý")`` (or ``register_many``);
- from a file: ``load_extra(path)`` reading JSON or YAML, either a mapping
  ``{"BQL": "Ban Quản lý", "KHCN": ["Khoa học và Công nghệ"]}`` or a list
  ``[{"short": "BQL", "long": "Ban Quản lý", "variants": ["B.Q.L"]}]``.
Where admin-added pairs are stored is up to the caller (a settings file passed
to ``load_extra`` at start-up, or a table whose rows are fed to ``register``).

A short form must not fold to a common syllable ("TU", "ĐA" are left out on
purpose): folded text has no case left to tell "TU" from "tu".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.vietnamese import fold, nfc, squash


@dataclass(frozen=True)
class Abbreviation:
    short: str  # display form, "KH&CN"
    long: str  # "Khoa học và Công nghệ"
    variants: tuple[str, ...] = ()  # other short spellings; "KHCN" is derived automatically


# (short forms, long form). The first short form is the one ``abbreviate`` writes.
_BUILTIN: list[tuple[tuple[str, ...], str]] = [
    (("UBND",), "Ủy ban nhân dân"),
    (("HĐND",), "Hội đồng nhân dân"),
    (("UBMTTQ",), "Ủy ban Mặt trận Tổ quốc"),
    (("MTTQ",), "Mặt trận Tổ quốc"),
    (("TTHC",), "thủ tục hành chính"),
    (("CCHC",), "cải cách hành chính"),
    (("VBQPPL",), "văn bản quy phạm pháp luật"),
    (("QPPL",), "quy phạm pháp luật"),
    (("CBCCVC",), "cán bộ, công chức, viên chức"),
    (("CBCC",), "cán bộ, công chức"),
    (("CCVC",), "công chức, viên chức"),
    (("CĐS",), "chuyển đổi số"),
    (("DVCTT",), "dịch vụ công trực tuyến"),
    (("DVC",), "dịch vụ công"),
    (("SNV",), "Sở Nội vụ"),
    (("KH&CN",), "Khoa học và Công nghệ"),
    (("TT&TT",), "Thông tin và Truyền thông"),
    (("KH&ĐT",), "Kế hoạch và Đầu tư"),
    (("TN&MT",), "Tài nguyên và Môi trường"),
    (("NN&PTNT",), "Nông nghiệp và Phát triển nông thôn"),
    (("NN&MT",), "Nông nghiệp và Môi trường"),
    (("GD&ĐT",), "Giáo dục và Đào tạo"),
    (("LĐ-TB&XH",), "Lao động - Thương binh và Xã hội"),
    (("VH,TT&DL",), "Văn hóa, Thể thao và Du lịch"),
    (("GTVT",), "giao thông vận tải"),
    (("NSNN",), "ngân sách nhà nước"),
    (("ĐVSNCL",), "đơn vị sự nghiệp công lập"),
    (("SNCL",), "sự nghiệp công lập"),
    (("BCĐ",), "Ban Chỉ đạo"),
    (("VPUBND", "VPUB"), "Văn phòng Ủy ban nhân dân"),
    (("VPCP",), "Văn phòng Chính phủ"),
    (("VP",), "Văn phòng"),
    (("HC-QT",), "Hành chính - Quản trị"),
    (("KH-TC",), "Kế hoạch - Tài chính"),
    (("BTV",), "Ban Thường vụ"),
    (("BCH",), "Ban Chấp hành"),
    (("KT-XH",), "kinh tế - xã hội"),
    (("CSDL",), "cơ sở dữ liệu"),
    (("CNTT",), "công nghệ thông tin"),
    (("CQĐT",), "chính quyền điện tử"),
    (("CQS",), "chính quyền số"),
    (("TTĐT",), "thông tin điện tử"),
    (("TTPVHCC",), "Trung tâm Phục vụ hành chính công"),
    (("PVHCC",), "Phục vụ hành chính công"),
    (("HCC",), "hành chính công"),
    (("ĐBQH",), "đại biểu Quốc hội"),
    (("PAPI",), "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh"),
    (("PAR INDEX",), "Chỉ số cải cách hành chính"),
    (("SIPAS",), "Chỉ số hài lòng về sự phục vụ hành chính"),
    (("PCI",), "Chỉ số năng lực cạnh tranh cấp tỉnh"),
    (("DDCI",), "Chỉ số năng lực cạnh tranh cấp sở, ngành và địa phương"),
    (("TW",), "Trung ương"),
    (("VN",), "Việt Nam"),
    (("NQ",), "Nghị quyết"),
    (("NĐ",), "Nghị định"),
    (("QĐ",), "Quyết định"),
    (("TTg",), "Thủ tướng Chính phủ"),
    (("KH",), "Kế hoạch"),
    (("KCNC",), "khu công nghệ cao"),
    (("CNC",), "công nghệ cao"),
    (("BQL",), "Ban Quản lý"),
    (("HTX",), "hợp tác xã"),
    (("KCN",), "khu công nghiệp"),
    (("CCN",), "cụm công nghiệp"),
    (("KKT",), "khu kinh tế"),
    (("DNNVV",), "doanh nghiệp nhỏ và vừa"),
    (("DN",), "doanh nghiệp"),
    (("ĐKKD",), "điều kiện kinh doanh"),
    (("PTDS",), "phòng thủ dân sự"),
    (("PCCC",), "phòng cháy, chữa cháy"),
    (("ATTP",), "an toàn thực phẩm"),
    (("BHXH",), "bảo hiểm xã hội"),
    (("NHCSXH",), "Ngân hàng Chính sách xã hội"),
    (("NHNN",), "Ngân hàng Nhà nước"),
    (("KBNN",), "Kho bạc Nhà nước"),
    (("TKCN",), "tìm kiếm cứu nạn"),
    (("BHYT",), "bảo hiểm y tế"),
    (("NTM",), "nông thôn mới"),
    (("CTMTQG",), "chương trình mục tiêu quốc gia"),
    (("ĐMST",), "đổi mới sáng tạo"),
    (("KTS",), "kinh tế số"),
    (("XHS",), "xã hội số"),
    (("BVDLCN",), "bảo vệ dữ liệu cá nhân"),
    (("DLCN",), "dữ liệu cá nhân"),
    (("BVMT",), "bảo vệ môi trường"),
    (("VPHC",), "vi phạm hành chính"),
    (("ATTT",), "an toàn thông tin"),
    (("PCPNN",), "phi chính phủ nước ngoài"),
    (("GPMB",), "giải phóng mặt bằng"),
    (("PCTT",), "phòng, chống thiên tai"),
    (("BĐKH",), "biến đổi khí hậu"),
    (("THPT",), "trung học phổ thông"),
    (("BVTV",), "bảo vệ thực vật"),
    (("QLRRTT",), "quản lý rủi ro thiên tai"),
    (("QCKT",), "quy chuẩn kỹ thuật"),
    (("BMNN",), "bí mật nhà nước"),
    (("TSC",), "tài sản công"),
    (("DVSNCL",), "đơn vị sự nghiệp công lập"),
    (("DNNN",), "doanh nghiệp nhà nước"),
    (("QP&AN",), "quốc phòng, an ninh"),
    (("PCCCR",), "phòng cháy, chữa cháy rừng"),
]

# Between the letter groups of a compound short form: "KH&CN", "KH & CN",
# "KH-CN", "KH và CN", "KHCN".
_JOIN = r"(?:\s*[&\-–+,]\s*|\s+va\s+|\s+)?"
# Between the words of a long form: spaces, or list punctuation, or an optional "và".
_WORD_GAP = r"(?:\s*[,\-–&]\s*|\s+)(?:va\s+)?"
_LEFT = r"(?<![^\W_]|&)"
_RIGHT = r"(?![^\W_]|&)"


def _short_pattern(short: str) -> str:
    parts = [p for p in re.split(r"[\s&\-–+,]+", fold(short)) if p]
    return _JOIN.join(re.escape(p) for p in parts)


def _long_pattern(long: str) -> str:
    words = [w for w in re.split(r"[\s,\-–&]+", fold(long)) if w and w != "va"]
    return _WORD_GAP.join(re.escape(w) for w in words)


@dataclass
class AbbreviationTable:
    """A dictionary of abbreviations with compiled matchers (rebuilt lazily after changes)."""

    entries: list[Abbreviation] = field(default_factory=list)
    _short_re: re.Pattern[str] | None = field(default=None, repr=False)
    _long_re: re.Pattern[str] | None = field(default=None, repr=False)
    _by_short: dict[str, list[Abbreviation]] = field(default_factory=dict, repr=False)
    _by_long: dict[str, Abbreviation] = field(default_factory=dict, repr=False)

    def register(self, short: str, long: str, variants: Iterable[str] = ()) -> None:
        entry = Abbreviation(nfc(short).strip(), nfc(long).strip(), tuple(variants))
        if not entry.short or not entry.long or entry in self.entries:
            return
        self.entries.append(entry)
        self._short_re = self._long_re = None

    def _compile(self) -> None:
        by_short: dict[str, list[Abbreviation]] = {}
        shorts: dict[str, str] = {}  # regex pattern -> key
        by_long: dict[str, Abbreviation] = {}
        longs: dict[str, str] = {}
        for entry in self.entries:
            for form in (entry.short, *entry.variants):
                key = _squash(form)
                by_short.setdefault(key, [])
                if entry not in by_short[key]:
                    by_short[key].append(entry)
                shorts[_short_pattern(form)] = key
            lkey = _long_key(entry.long)
            by_long.setdefault(lkey, entry)
            longs[_long_pattern(entry.long)] = lkey
        self._by_short, self._by_long = by_short, by_long
        self._short_re = _alternation(shorts)
        self._long_re = _alternation(longs)

    def _matchers(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        if self._short_re is None or self._long_re is None:
            self._compile()
        assert self._short_re is not None and self._long_re is not None
        return self._short_re, self._long_re

    def expansions(self, short: str) -> list[str]:
        """The long forms of a short form ("tt&tt", "TTTT" -> ["Thông tin và Truyền thông"])."""
        self._matchers()
        return [e.long for e in self._by_short.get(_squash(short), [])]

    def expand(self, text: str, keep_short: bool = True) -> str:
        """Folded ``text`` with each abbreviation followed by its folded long form(s)
        ("so tt&tt" -> "so tt&tt thong tin va truyen thong"); with ``keep_short=False``
        the abbreviation is replaced by its first long form instead."""
        short_re, _ = self._matchers()

        def repl(m: re.Match[str]) -> str:
            longs = [fold(e.long) for e in self._by_short.get(_squash(m.group(0)), [])]
            if not longs:
                return m.group(0)
            if not keep_short:
                return f" {longs[0]} "
            return " ".join([m.group(0), *longs]) + " "

        return squash(short_re.sub(repl, fold(text)))

    def abbreviate(self, text: str, keep_long: bool = True) -> str:
        """Folded ``text`` with each long form followed by its short form
        ("so thong tin va truyen thong" -> "so thong tin va truyen thong tt&tt");
        with ``keep_long=False`` the long form is replaced."""
        _, long_re = self._matchers()

        def repl(m: re.Match[str]) -> str:
            entry = self._by_long.get(_long_key(m.group(0)))
            if entry is None:
                return m.group(0)
            short = fold(entry.short)
            return f"{m.group(0)} {short} " if keep_long else f" {short} "

        return squash(long_re.sub(repl, fold(text)))


def _squash(form: str) -> str:
    """The lookup key of a short form: folded letters only ("KH & CN" -> "khcn")."""
    return re.sub(r"[\W_]+", "", fold(form).replace(" va ", " "))


def _long_key(text: str) -> str:
    words = [w for w in re.split(r"[\s,\-–&]+", fold(text)) if w and w != "va"]
    return " ".join(words)


def _alternation(patterns: Mapping[str, str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    # Longest first so "kh&cn" wins over "kh" and "ubmttq" over "mttq".
    ordered = sorted(patterns, key=len, reverse=True)
    return re.compile(_LEFT + "(?:" + "|".join(ordered) + ")" + _RIGHT)


def _builtin_table() -> AbbreviationTable:
    table = AbbreviationTable()
    for shorts, long in _BUILTIN:
        table.register(shorts[0], long, shorts[1:])
    return table


DEFAULT = _builtin_table()


def expand(text: str, keep_short: bool = True) -> str:
    return DEFAULT.expand(text, keep_short)


def abbreviate(text: str, keep_long: bool = True) -> str:
    return DEFAULT.abbreviate(text, keep_long)


def expansions(short: str) -> list[str]:
    return DEFAULT.expansions(short)


def entries() -> list[Abbreviation]:
    return list(DEFAULT.entries)


def register(short: str, long: str, variants: Iterable[str] = ()) -> None:
    """Add a pair to the process-wide dictionary (e.g. an admin's pair from the DB)."""
    DEFAULT.register(short, long, variants)


def register_many(pairs: Mapping[str, str | list[str]]) -> None:
    for short, longs in pairs.items():
        for long in [longs] if isinstance(longs, str) else longs:
            register(short, long)


def load_extra(path: str | Path, table: AbbreviationTable | None = None) -> int:
    """Register the pairs in a JSON or YAML file (see the module doc for the
    shapes) in ``table`` (default: the process-wide one); returns how many pairs
    were read."""
    target = DEFAULT if table is None else table
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    data: Any
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        data = yaml.safe_load(text)
    else:
        data = json.loads(text)
    count = 0
    if isinstance(data, Mapping):
        for short, longs in data.items():
            for long in [longs] if isinstance(longs, str) else list(longs):
                target.register(str(short), str(long))
                count += 1
    elif isinstance(data, list):
        for item in data:
            variants = [str(v) for v in item.get("variants", [])]
            target.register(str(item["short"]), str(item["long"]), variants)
            count += 1
    else:
        raise ValueError(f"{path}: expected a mapping or a list of pairs")
    return count
