"""A corpus of hostile and careless files, generated here (nothing stored from elsewhere).

Each ``Hostile`` names a file, how to write it and what a user must see: ``read``
(the plan loads, possibly with warnings) or ``refused`` (a Vietnamese message, the
expected fragment in ``message``). ``tests/test_hostile_files.py`` runs each one in
a child process and bounds its time and memory; ``tests/hostile_runner.py`` is that
child's side.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
SỞ TƯ PHÁP
Số: 77/KH-STP

KẾ HOẠCH
Chuyển đổi số năm 2026

I. MỤC TIÊU
Tỷ lệ hồ sơ được giải quyết trực tuyến đạt trên 80%.

II. NHIỆM VỤ
STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành
1\tSố hóa hồ sơ lý lịch tư pháp\tPhòng Hành chính tư pháp\tVăn phòng Sở\tQuý II/2026
2\tTập huấn kỹ năng số cho công chức\tVăn phòng Sở\tCác phòng thuộc Sở\tTháng 9/2026
"""

# Text a VNI font user typed (VNI Windows bytes, written out by hand from the code
# table): "Kế hoạch cải cách hành chính năm 2026 của Sở Tư pháp tỉnh Lâm Sơn. …"
VNI_TEXT = (
    "Keá hoaïch caûi caùch haønh chính naêm 2026 cuûa Sôû Tö phaùp tænh Laâm Sôn.\n"
    "Nhieäm vuï: trieån khai thöïc hieän caùc thuû tuïc ñöôïc giao.\n"
    "Ñôn vò chuû trì: Vaên phoøng Sôû, phoái hôïp vôùi caùc phoøng.\n"
    "Thôøi gian hoaøn thaønh: tröôùc ngaøy 31/12/2026.\n"
)
VNI_EXPECTED = "Kế hoạch cải cách hành chính năm 2026 của Sở Tư pháp tỉnh Lâm Sơn."

# TCVN3 (ABC) byte values of the letters used below, from the TCVN 5712 code table.
_TCVN3_BYTES = {
    "à": 0xB5, "ả": 0xB6, "á": 0xB8, "ạ": 0xB9, "ă": 0xA8, "â": 0xA9, "ê": 0xAA,
    "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE, "Đ": 0xA7, "ế": 0xD5, "ệ": 0xD6,
    "ể": 0xD3, "ỉ": 0xD8, "í": 0xDD, "ị": 0xDE, "ọ": 0xE4, "ó": 0xE3, "ố": 0xE8,
    "ộ": 0xE9, "ờ": 0xEA, "ở": 0xEB, "ớ": 0xED, "ợ": 0xEE, "ủ": 0xF1, "ụ": 0xF4,
    "ự": 0xF9, "ữ": 0xF7, "ứ": 0xF8, "ì": 0xD7, "ồ": 0xE5, "ổ": 0xE6, "ấ": 0xCA,
    "ầ": 0xC7, "ậ": 0xCB, "ặ": 0xC6, "ý": 0xFD, "ò": 0xDF, "ú": 0xF3,
}  # fmt: skip
TCVN3_SOURCE = (
    "Kế hoạch cải cách hành chính năm 2026 của Sở Tư pháp tỉnh Lâm Sơn.\n"
    "Nhiệm vụ: triển khai thực hiện các thủ tục được giao.\n"
    "Đơn vị chủ trì: Văn phòng Sở, phối hợp với các phòng.\n"
    "Thời gian hoàn thành: trước ngày 31/12/2026; tổ chức tập huấn cho công chức.\n"
)


def tcvn3_bytes(text: str) -> bytes:
    """``text`` in TCVN3: ASCII as is, each Vietnamese letter its one byte (lower case)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ord(ch))
        else:
            out.append(_TCVN3_BYTES.get(ch, _TCVN3_BYTES.get(ch.lower(), ord("?"))))
    return bytes(out)


@dataclass(frozen=True)
class Hostile:
    name: str
    write: Callable[[Path], None]
    expect: str  # "read" | "refused"
    message: str = ""  # a fragment of the Vietnamese refusal, or of the text read

    def build(self, folder: Path) -> Path:
        path = folder / self.name
        self.write(path)
        return path


# --- writers -------------------------------------------------------------------


def _text(body: str | bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        path.write_bytes(data)

    return write


def _plan_with(line: str) -> Callable[[Path], None]:
    """The small plan with one hostile line in the middle of its prose."""
    return _text(PLAN_TEXT.replace("I. MỤC TIÊU\n", "I. MỤC TIÊU\n" + line + "\n"))


def _sparse(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as fh:
            fh.truncate(size)

    return write


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _nothing(path: Path) -> None:
    pass


def _lowercase_lines(path: Path) -> None:
    lines = ["khai thác dữ liệu số của các cơ quan"] * 3_000
    path.write_text(PLAN_TEXT + "\n".join(lines) + "\n", encoding="utf-8")


def _big_plan(path: Path) -> None:
    """About 200,000 characters of plausible plan text: large but accepted."""
    rows = [
        f"{i}\tNhiệm vụ số {i} về chuyển đổi số\tVăn phòng Sở\tCác phòng\tQuý {i % 4 + 1}/2026"
        for i in range(3, 1_000)
    ]
    prose = ["Tăng cường ứng dụng công nghệ thông tin trong hoạt động của cơ quan. " * 3] * 600
    path.write_text(PLAN_TEXT + "\n".join(rows) + "\n\n" + "\n".join(prose), encoding="utf-8")


# HTML


def _html(body: str) -> Callable[[Path], None]:
    return _text(f"<html><head><title>Kế hoạch</title></head><body>{body}</body></html>")


_HTML_HEAD = "<h1>KẾ HOẠCH</h1><p>Chuyển đổi số năm 2026 của Sở Tư pháp.</p>"
_HTML_ROW = "<tr><td>1</td><td>Số hóa hồ sơ</td><td>Văn phòng Sở</td><td>Quý II/2026</td></tr>"


def _span_table(attr: str, value: str, cells: int = 1) -> Callable[[Path], None]:
    cell = f'<td {attr}="{value}">Nội dung</td>' * cells
    return _html(f"{_HTML_HEAD}<table>{_HTML_ROW}<tr>{cell}</tr>{_HTML_ROW}</table>")


# Word


_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


def _docx_body(
    body: str, extra: dict[str, bytes] | None = None, *, title: bool = True
) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        head = _p("KẾ HOẠCH") + _p("Chuyển đổi số năm 2026 của Sở Tư pháp") if title else ""
        document = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
            f"<w:body>{head}{body}</w:body></w:document>"
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _CT)
            z.writestr("_rels/.rels", _RELS)
            z.writestr("word/document.xml", document)
            for name, data in (extra or {}).items():
                z.writestr(name, data)

    return write


def _docx_table(rows: str, grid: str = "") -> Callable[[Path], None]:
    head = (
        "<w:tr>" + "".join(_tc(h) for h in ("STT", "Nội dung", "Chủ trì", "Thời gian")) + "</w:tr>"
    )
    body = f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{head}{rows}</w:tbl>"
    return _docx_body(body)


def _task_row(props: str = "", tr_props: str = "") -> str:
    cells = _tc("1") + _tc("Số hóa hồ sơ", props) + _tc("Văn phòng Sở") + _tc("Quý II/2026")
    return f"<w:tr><w:trPr>{tr_props}</w:trPr>{cells}</w:tr>"


def _zip_bomb(path: Path) -> None:
    _docx_body(_p("Nội dung"), {"word/media/padding.xml": b" " * (96 * 1024 * 1024)})(path)


def _many_members(path: Path) -> None:
    _docx_body(_p("Nội dung"), {f"customXml/item{i}.xml": b"<a/>" for i in range(6_000)})(path)


def _nested_docx_tables(depth: int) -> Callable[[Path], None]:
    inner = _p("Nội dung")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>{_p('')}"
    return _docx_body(inner)


def _truncated_zip(path: Path) -> None:
    _docx_body(_p("Nội dung"))(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _docx_text(text: str) -> Callable[[Path], None]:
    """A Word file whose every paragraph is ``text``'s lines (all in one font/encoding)."""
    return _docx_body("".join(_p(line) for line in text.splitlines()), title=False)


# PDF


def _raw_pdf(pages: int, text: str = "Ke hoach chuyen doi so") -> Callable[[Path], None]:
    """A hand-built PDF: ``pages`` pages sharing one small content stream."""

    def write(path: Path) -> None:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        objects: list[bytes] = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids ["
            + b" ".join(f"{5 + i} 0 R".encode() for i in range(pages))
            + f"] /Count {pages} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>stream\n" + stream + b"\nendstream",
        ]
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>"
        ] * pages
        out = bytearray(b"%PDF-1.4\n")
        offsets = []
        for n, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        path.write_bytes(bytes(out))

    return write


def corpus() -> list[Hostile]:
    """The hostile-file corpus: more than forty files of every supported kind."""
    ok, no = "read", "refused"
    return [
        # runaway patterns and long lines in text
        Hostile("parens.txt", _plan_with("(" * 50_000), ok),
        Hostile("year-slashes.txt", _plan_with("2026/" * 10_000), ok),
        Hostile("tabs.txt", _plan_with("Sở\t" + "\t" * 100_000 + "Tư pháp"), ok),
        Hostile("spaces.txt", _plan_with("Sở " + " " * 200_000 + "Tư pháp"), ok),
        Hostile("formfeeds.txt", _plan_with("Sở" + "\f\v" * 5_000 + "Tư pháp"), ok),
        Hostile("newlines.txt", _text(PLAN_TEXT + "\n" * 500_000 + "Hết."), ok),
        Hostile("capitals.txt", _plan_with("A" * 50_000 + "1. Nội dung"), ok),
        Hostile("long-word.txt", _plan_with("trienkhai" * 5_000), ok),
        Hostile("digits.txt", _plan_with("1" * 100_000 + "."), ok),
        Hostile("dots.txt", _plan_with("." * 100_000), ok),
        Hostile("dashes.txt", _plan_with("- " * 50_000 + "Sở Nội vụ"), ok),
        Hostile("pipes.txt", _plan_with("|" * 100_000), ok),
        Hostile("md-wide.md", _plan_with("|" + " a |" * 20_000), ok),
        Hostile("labels.txt", _plan_with("Thời gian: " * 20_000), ok),
        Hostile("units.txt", _plan_with("Sở Nội vụ, " * 20_000 + "chủ trì"), ok),
        Hostile("dates.txt", _plan_with("31/12/2026 - " * 20_000), ok),
        Hostile("one-paragraph.txt", _lowercase_lines, ok),
        Hostile("big-plan.txt", _big_plan, ok),
        Hostile("too-many-chars.txt", _text("Nhiệm vụ chuyển đổi số. " * 50_000), no, "ký tự"),
        Hostile("too-big.txt", _sparse(60 * 1024 * 1024), no, "quá lớn"),
        Hostile("empty.txt", _text(""), no, "không có nội dung"),
        Hostile("binary.txt", _text(bytes(range(256)) * 400), no, "bị hỏng"),
        Hostile("utf16.txt", _text(PLAN_TEXT.encode("utf-16-le")), ok),
        Hostile("tcvn3.txt", _text(tcvn3_bytes(TCVN3_SOURCE)), ok, "Nhiệm vụ: triển khai thực hiện"),
        Hostile("vni.txt", _text(VNI_TEXT.encode("latin-1")), ok, VNI_EXPECTED),
        Hostile("legacy-garbage.txt", _text(b"ab\xb8c \xb9d\xb5x " * 400), no, "Unicode"),
        # not files at all
        Hostile("fifo.txt", _fifo, no, "không phải là một tệp"),
        Hostile("directory.txt", _directory, no, "không phải là một tệp"),
        Hostile("missing.txt", _nothing, no, "Không tìm thấy"),
        Hostile("loop.txt", _loop, no, "Không mở được"),
        # HTML
        Hostile("deep.html", _html("<div>" * 100_000 + "Nội dung" + "</div>" * 100_000), no, "lồng nhau"),
        Hostile("deep-tables.html", _html("<table><tr><td>" * 3_000 + "x"), ok),
        Hostile("colspan.html", _span_table("colspan", "5000000"), ok),
        Hostile("rowspan.html", _span_table("rowspan", "2000000000"), ok),
        Hostile("span-digits.html", _span_table("colspan", "9" * 10_000), ok),
        Hostile("span-wall.html", _span_table("colspan", "100", cells=3_000), no, "cột"),
        Hostile("long-cell.html", _html(f"<table>{_HTML_ROW}<tr><td>{'x ' * 100_000}</td></tr></table>"), ok),
        Hostile("html-tcvn3.html", _text(b"<p>" + tcvn3_bytes(TCVN3_SOURCE) + b"</p>"), ok, "Đơn vị chủ trì"),
        # Word
        Hostile("zip-bomb.docx", _zip_bomb, no, "giải nén"),
        Hostile("many-members.docx", _many_members, no, "giải nén"),
        Hostile("gridspan.docx", _docx_table(_task_row('<w:gridSpan w:val="5000000"/>')), ok),
        Hostile("gridbefore.docx", _docx_table(_task_row(tr_props='<w:gridBefore w:val="2000000000"/>')), ok),
        Hostile("gridafter.docx", _docx_table(_task_row(tr_props='<w:gridAfter w:val="-5"/>')), ok),
        Hostile("span-wall.docx", _docx_table("<w:tr>" + _tc("x", '<w:gridSpan w:val="100"/>') * 5_000 + "</w:tr>"), no, "cột"),
        Hostile("grid-cols.docx", _docx_table(_task_row(), '<w:gridCol w:w="10"/>' * 20_000), no, "cột"),
        Hostile("vmerge.docx", _docx_table("".join(_task_row(f'<w:vMerge w:val="continue"/><w:shd w:val="{i}"/>') for i in range(600))), ok),
        Hostile("nested.docx", _nested_docx_tables(60), ok),
        Hostile("nested-deep.docx", _nested_docx_tables(400), no, "bị hỏng"),
        Hostile("not-zip.docx", _text("Đây không phải tệp Word"), no, "bị hỏng"),
        Hostile("ole.docx", _text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)), no, ".doc"),
        Hostile("truncated.docx", _truncated_zip, no, "bị hỏng"),
        Hostile("vni.docx", _docx_text(VNI_TEXT), ok, VNI_EXPECTED),
        Hostile("tcvn3.docx", _docx_text(tcvn3_bytes(TCVN3_SOURCE).decode("cp1252", "replace")), no, "Unicode"),
        Hostile("mixed-vni.docx", _docx_body("".join(_p(x) for x in VNI_TEXT.splitlines())), no, "Unicode"),
        # PDF
        Hostile("not-pdf.pdf", _text("Không phải PDF"), no, "bị hỏng"),
        Hostile("pages.pdf", _raw_pdf(1_001), no, "trang"),
        Hostile("small.pdf", _raw_pdf(3), ok),
        Hostile("truncated.pdf", _text(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), no, ""),
    ]  # fmt: skip
