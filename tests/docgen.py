"""Build sample plan documents (.docx, .pdf) for tests; all text is invented here.

The plans imitate a Vietnamese provincial department's yearly administrative-reform
plan: a two-column letterhead, "KẾ HOẠCH" title, numbered sections, a target sentence
and a task table (STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
thành | Sản phẩm) with group rows, merged cells and repeated header rows.

Generated PDFs use Source Sans Pro from the ``font-source-sans-pro`` dev dependency
(it covers every Vietnamese letter); DejaVu Sans from the system is the fallback.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell

HEADER = [
    "STT",
    "Nội dung",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
]
TARGET_SENTENCE = (
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trước và đúng hạn đạt trên 95%; "
    "100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình."
)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
GROUP_ROWS = ("I. CẢI CÁCH THỂ CHẾ", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH")


@dataclass(frozen=True)
class PlanInfo:
    """The facts a generated plan states (tests compare loaded text against them)."""

    province: str = "Lâm Sơn"
    number: str = "125/KH-STP"
    issued: str = "ngày 15 tháng 01 năm 2026"
    year: int = 2026

    @property
    def title(self) -> str:
        return f"Cải cách hành chính năm {self.year} của Sở Tư pháp tỉnh {self.province}"


# --- .docx -----------------------------------------------------------------------


def make_plan_docx(path: Path, info: PlanInfo | None = None, *, page_breaks: int = 1) -> Path:
    """Write a Word plan with a merged-cell task table; returns ``path``.

    Task table layout (the second table; the first is the letterhead):
    header row (marked "repeat as header row"), group row merged over all six
    columns, task 1 and 2 sharing a vertically merged "Cơ quan chủ trì" cell,
    task 2's content in two paragraphs, a second group row, task 3, task 4 whose
    lead cell spans the lead and coordinating columns, task 5 with a nested table
    in its product cell. Section numbers ("I.", "1.", "II.") come from Word's
    automatic list numbering, not from the heading text.
    """
    info = info or PlanInfo()
    doc = new_docx()
    outline = _add_outline_numbering(doc)
    _letterhead(doc, info)
    doc.add_paragraph("KẾ HOẠCH", style="Title")
    bold = doc.add_paragraph()
    bold.add_run(info.title).bold = True
    _number(doc.add_heading("MỤC ĐÍCH, YÊU CẦU", level=1), outline, 0)
    _number(doc.add_heading("Mục đích", level=2), outline, 1)
    doc.add_paragraph(
        "Nâng cao chất lượng phục vụ người dân, doanh nghiệp; xây dựng nền hành chính "
        "chuyên nghiệp, hiện đại."
    )
    _number(doc.add_heading("Chỉ tiêu", level=2), outline, 1)
    doc.add_paragraph(TARGET_SENTENCE)
    for _ in range(page_breaks):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _number(doc.add_heading("NHIỆM VỤ VÀ GIẢI PHÁP", level=1), outline, 0)
    doc.add_paragraph("Các nhiệm vụ cụ thể tại bảng dưới đây:")
    _task_table(doc)
    _number(doc.add_heading("TỔ CHỨC THỰC HIỆN", level=1), outline, 0)
    doc.add_paragraph("1. Văn phòng Sở")
    doc.add_paragraph("- Theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp báo cáo hằng quý.")
    doc.add_paragraph(
        "Tham mưu sơ kết, tổng kết công tác cải cách hành chính.", style="List Bullet"
    )
    doc.add_paragraph("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _add_outline_numbering(doc: DocxDocument) -> str:
    """Define a list "I., II., …" over "1., 2., …" in numbering.xml; returns its numId."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%2.")]):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            lvl.append(_val(tag, value))
        abstract.append(lvl)
    numbering.find(qn("w:num")).addprevious(abstract)  # abstractNum before num (schema order)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    num.append(_val("w:abstractNumId", "90"))
    numbering.append(num)
    return "90"


def _number(paragraph: Any, num_id: str, ilvl: int) -> None:
    num_pr = OxmlElement("w:numPr")
    num_pr.append(_val("w:ilvl", str(ilvl)))
    num_pr.append(_val("w:numId", num_id))
    paragraph._p.get_or_add_pPr().pStyle.addnext(num_pr)


def _val(tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def _letterhead(doc: DocxDocument, info: PlanInfo) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _set_paragraphs(
        left, [f"UBND TỈNH {info.province.upper()}", "SỞ TƯ PHÁP", f"Số: {info.number}"]
    )
    _set_paragraphs(
        right,
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"{info.province}, {info.issued}",
        ],
    )


def _task_table(doc: DocxDocument) -> DocxTable:
    rows: list[list[str]] = [
        HEADER,
        [GROUP_ROWS[0]] + [""] * 5,
        [
            "1",
            "Rà soát, đánh giá văn bản quy phạm pháp luật do tỉnh ban hành",
            "Phòng Xây dựng và Kiểm tra văn bản",
            "Các sở, ban, ngành",
            "Quý II/2026",
            "Báo cáo kết quả rà soát",
        ],
        ["2", "", "", "UBND cấp huyện", "Hằng quý", "Báo cáo"],
        [GROUP_ROWS[1]] + [""] * 5,
        [
            "3",
            "Công bố, công khai thủ tục hành chính thuộc thẩm quyền",
            "Văn phòng Sở",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "Thường xuyên",
            "Quyết định công bố",
        ],
        ["4", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "", "", "Năm 2026", ""],
        ["5", "Đánh giá mức độ hài lòng của người dân", "Văn phòng Sở", "", "Tháng 11/2026", ""],
    ]
    table = doc.add_table(rows=len(rows), cols=len(HEADER))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    mark_header_row(table, 0)
    # Group rows: one cell over the whole width.
    for r in (1, 4):
        table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1)).text = rows[r][0]
    # Task 2 content in two paragraphs; lead unit shared with task 1 (vertical merge).
    _set_paragraphs(
        table.cell(3, 1),
        ["Theo dõi tình hình thi hành pháp luật:", "- Kiểm tra tại 05 cơ quan, đơn vị"],
    )
    merged = table.cell(2, 2).merge(table.cell(3, 2))
    _set_paragraphs(merged, ["Phòng Xây dựng và Kiểm tra văn bản"])
    # Task 4: one lead cell spanning the lead and coordinating columns.
    table.cell(6, 2).merge(table.cell(6, 3)).text = "Văn phòng Sở và các phòng chuyên môn"
    table.cell(6, 5).text = "Kho dữ liệu số"
    # Task 5: a nested table in the product cell.
    product = table.cell(7, 5)
    product.text = "Báo cáo kết quả khảo sát:"
    nested = product.add_table(rows=2, cols=2)
    for (r, c), value in {
        (0, 0): "Đợt 1",
        (0, 1): "Tháng 6/2026",
        (1, 0): "Đợt 2",
        (1, 1): "Tháng 11/2026",
    }.items():
        nested.cell(r, c).text = value
    return table


def _set_paragraphs(cell: _Cell, lines: list[str]) -> None:
    """Replace a cell's content with one paragraph per line."""
    first, *rest = lines
    paragraphs = cell.paragraphs
    paragraphs[0].text = first
    for extra in paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for line in rest:
        cell.add_paragraph(line)


def mark_header_row(table: DocxTable, index: int) -> None:
    """Tick Word's "Repeat as header row at the top of each page" for one row."""
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    assert tr_pr.find(qn("w:tblHeader")) is not None


# --- .pdf ------------------------------------------------------------------------


def vietnamese_font() -> tuple[Path, Path]:
    """Regular and bold TTF files that cover Vietnamese (Source Sans Pro or DejaVu)."""
    try:
        fonts = importlib.import_module("font_source_sans_pro")
        files: dict[str, str] = fonts.font_files_ttf
        return Path(files["SourceSansPro"]), Path(files["SourceSansProBold"])
    except (ImportError, KeyError):
        pass
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    regular, bold = dejavu / "DejaVuSans.ttf", dejavu / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        return regular, bold
    raise RuntimeError(
        "No Vietnamese TTF font: install the dev dependencies (font-source-sans-pro)."
    )


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = vietnamese_font()
    if "PlanSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PlanSans", str(regular)))
        pdfmetrics.registerFont(TTFont("PlanSans-Bold", str(bold)))
    return "PlanSans", "PlanSans-Bold"


def pdf_task_row(i: int) -> list[str]:
    """Task ``i`` (1-based) of the generated PDF's table, as plain cell strings."""
    leads = (
        "Văn phòng Sở",
        "Phòng Hành chính tư pháp",
        "Thanh tra Sở",
        "Phòng Phổ biến giáo dục pháp luật",
    )
    deadlines = ("Quý I/2026", "Quý II/2026", "Tháng 9/2026", "Hằng quý", "Thường xuyên")
    return [
        str(i),
        f"Nhiệm vụ số {i}: triển khai ứng dụng công nghệ thông tin trong giải quyết hồ sơ "
        f"lĩnh vực tư pháp đợt {i}",
        leads[i % len(leads)],
        "Các phòng, đơn vị thuộc Sở",
        deadlines[i % len(deadlines)],
        f"Báo cáo kết quả số {i}",
    ]


def pdf_group_title(i: int) -> str | None:
    """A group row is placed before tasks 1, 21, 41, …"""
    n = (i - 1) // 20 + 1
    return f"Nhóm {n}. NHIỆM VỤ TRỌNG TÂM ĐỢT {n}" if i % 20 == 1 else None


# The part of page 1's last task that Word-style row splitting carries to page 2.
SPLIT_TAIL = "Đồng thời tổ chức tập huấn cho cán bộ, công chức làm công tác một cửa."


def pdf_table_rows(n_tasks: int) -> list[list[str]]:
    """The generated PDF's task table body (group rows hold text in the first cell only)."""
    rows: list[list[str]] = []
    for i in range(1, n_tasks + 1):
        group = pdf_group_title(i)
        if group:
            rows.append([group] + [""] * (len(HEADER) - 1))
        rows.append(pdf_task_row(i))
    return rows


def make_plan_pdf(
    path: Path,
    n_tasks: int = 60,
    info: PlanInfo | None = None,
    *,
    first_page_rows: int = 8,
    rows_per_page: int = 14,
    split_row: bool = True,
) -> Path:
    """Write a text-layer PDF plan whose ruled task table spans several pages.

    Page 1 holds the letterhead (borderless two columns), title, a target sentence
    and the first ``first_page_rows`` table rows; every later page continues the
    table under a repeated header row. A group row (merged over all columns)
    precedes every 20 tasks; each page has a "Trang N" footer and every later page
    a running header (``running_header``). With ``split_row``
    the last task of page 1 runs over the page break the way Word prints it: its
    tail (``SPLIT_TAIL``) opens page 2 in a row whose other cells are empty.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

    info = info or PlanInfo()
    styles = _pdf_styles()
    head = styles["head"]
    letterhead = Table(  # borderless two-column letterhead, as on real plans
        [
            [Paragraph(f"UBND TỈNH {info.province.upper()}", head), Paragraph(NATION, head)],
            [Paragraph("SỞ TƯ PHÁP", head), Paragraph(MOTTO, head)],
            [
                Paragraph(f"Số: {info.number}", head),
                Paragraph(f"{info.province}, {info.issued}", head),
            ],
        ],
        colWidths=[6 * cm, 10 * cm],
    )
    story: list[object] = [
        letterhead,
        Spacer(1, 8),
        Paragraph("KẾ HOẠCH", styles["title"]),
        Paragraph(info.title, styles["title"]),
        Paragraph("I. MỤC ĐÍCH, YÊU CẦU", styles["strong"]),
        Paragraph("1. Chỉ tiêu", styles["strong"]),
        Paragraph(TARGET_SENTENCE, styles["body"]),
        Paragraph("II. NHIỆM VỤ VÀ GIẢI PHÁP", styles["strong"]),
    ]
    chunks = _page_chunks(pdf_table_rows(n_tasks), first_page_rows, rows_per_page, split_row)
    for k, chunk in enumerate(chunks):
        if k:
            story.append(PageBreak())
        story.append(_ruled_table([HEADER, *chunk], styles))
    story += [
        Spacer(1, 8),
        Paragraph("III. TỔ CHỨC THỰC HIỆN", styles["strong"]),
        Paragraph("Văn phòng Sở theo dõi, tổng hợp kết quả thực hiện Kế hoạch.", styles["body"]),
    ]
    regular = styles["body"].fontName

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(regular, 9)
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, f"Trang {doc.page}")

    def header_and_footer(canvas: Any, doc: Any) -> None:
        footer(canvas, doc)
        canvas.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, running_header(info))

    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=2 * cm, bottomMargin=2 * cm).build(
        story, onFirstPage=footer, onLaterPages=header_and_footer
    )
    return path


def running_header(info: PlanInfo) -> str:
    """The header line printed at the top of every page after the first."""
    return f"Kế hoạch số {info.number} – Cải cách hành chính năm {info.year}"


def _page_chunks(
    rows: list[list[str]], first: int, per_page: int, split_row: bool
) -> list[list[list[str]]]:
    chunks = [rows[:first]]
    chunks += [rows[i : i + per_page] for i in range(first, len(rows), per_page)]
    if split_row and len(chunks) > 1 and chunks[0][-1][0].isdigit():
        last = chunks[0][-1]
        chunks[0][-1] = [last[0], f"{last[1]}.", *last[2:]]
        chunks[1].insert(0, ["", SPLIT_TAIL] + [""] * (len(HEADER) - 2))
    return [c for c in chunks if c]


def _para(text: str, style: Any) -> Any:
    """A reportlab paragraph; newlines in ``text`` become line breaks."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def make_tables_pdf(path: Path, pages: list[list[str | list[list[str]]]]) -> Path:
    """Write a PDF page by page: each item is a paragraph (str) or a ruled table (rows).

    Table rows are lists of equal length; a cell's newlines become line breaks; the
    first row of each table is set in bold. Lets tests build edge cases directly.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    styles = _pdf_styles()
    story: list[Any] = []
    for k, items in enumerate(pages):
        if k:
            story.append(PageBreak())
        for item in items:
            if isinstance(item, str):
                story.append(_para(item, styles["body"]))
            else:
                story.append(_ruled_table(item, styles))
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=2 * cm, bottomMargin=2 * cm).build(story)
    return path


def _pdf_styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=14, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    return {
        "body": body,
        "strong": ParagraphStyle("strong", parent=body, fontName=bold),
        "title": ParagraphStyle(
            "title", parent=body, fontName=bold, alignment=1, fontSize=13, leading=16
        ),
        "cell": cell,
        "head": ParagraphStyle("head", parent=cell, fontName=bold, alignment=1),
    }


def _ruled_table(rows: list[list[str]], styles: dict[str, Any]) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Table, TableStyle

    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    data: list[list[Any]] = []
    for r, row in enumerate(rows):
        style = styles["head"] if r == 0 else styles["cell"]
        if r and row[0] and not any(row[1:]):  # a group row: one cell over the width
            commands.append(("SPAN", (0, r), (-1, r)))
            style = styles["strong"]
        data.append([_para(v, style) if v else "" for v in row])
    n = len(rows[0])
    widths = [1.0 * cm, 5.4 * cm, 3.2 * cm, 3.2 * cm, 2.4 * cm, 2.8 * cm]
    widths = widths if n == len(widths) else [18.0 * cm / n] * n
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))


def make_scanned_pdf(path: Path, pages: int = 1, *, text_first: bool = False) -> Path:
    """Write an image-only PDF (a "scan" with no text layer).

    With ``text_first`` a normal text page comes first (a partly scanned file).
    """
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (620, 877), color=250)
    draw = ImageDraw.Draw(image)
    for y in range(80, 800, 24):  # grey bars standing in for lines of text
        draw.rectangle((60, y, 560 - (y * 7) % 120, y + 10), fill=60)
    canvas = Canvas(str(path), pagesize=A4)
    if text_first:
        canvas.setFont(_register_fonts()[0], 12)
        canvas.drawString(72, 760, "KẾ HOẠCH kiểm tra công tác văn thư, lưu trữ năm 2026")
        canvas.showPage()
    for _ in range(pages):
        canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas.save()
    return path


def make_encrypted_pdf(path: Path, password: str = "mat-khau") -> Path:
    """Write a small text PDF that needs a user password to open.

    With ``password=""`` the file opens freely but forbids copying (an owner
    password only), as many published plans do.
    """
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    regular, _ = _register_fonts()
    encryption = StandardEncryption(password, ownerPassword="chu-so-huu", canCopy=0, canModify=0)
    canvas = Canvas(str(path), encrypt=encryption)
    canvas.setFont(regular, 12)
    canvas.drawString(72, 760, "KẾ HOẠCH bảo mật")
    canvas.showPage()
    canvas.save()
    return path
