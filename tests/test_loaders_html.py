"""HTML loading: headings, paragraphs, merged cells expanded, nested tables flattened."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import texts
from knowledge.document import Document, DocumentError
from knowledge.loaders import load_document

PLAN_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kế hoạch cải cách hành chính 2026</title>
<style>td { border: 1px solid }</style><script>var x = "không phải nội dung";</script>
</head><body>
<h1>KẾ HOẠCH</h1>
<h2>Cải cách hành chính năm 2026</h2>
<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>Nâng cao chất lượng <i>phục vụ</i>
   người dân và doanh nghiệp.</p>
<ul><li>Rà soát thủ tục nội bộ</li><li>Số hóa hồ sơ, kết quả giải quyết</li></ul>
<div>Căn cứ <b>Nghị quyết số 76/NQ-CP</b> của Chính phủ</div>
<table>
 <thead>
  <tr><th rowspan="2">STT</th><th rowspan="2">Nhiệm vụ</th>
      <th colspan="2">Trách nhiệm</th><th rowspan="2">Thời gian</th></tr>
  <tr><th>Chủ trì</th><th>Phối hợp</th></tr>
 </thead>
 <tbody>
  <tr><td colspan="5"><strong>I. CẢI CÁCH THỂ CHẾ</strong></td></tr>
  <tr><td>1</td><td>Rà soát văn bản</td><td rowspan="2">Sở Tư pháp</td>
      <td>Các sở, ngành</td><td>Quý I/2026</td></tr>
  <tr><td>2</td><td>Kiểm tra
      <table><tr><td>văn bản</td><td>QPPL</td></tr></table></td>
      <td>Văn phòng UBND tỉnh</td><td>Năm 2026</td></tr>
 </tbody>
</table>
<p>Trên đây là kế hoạch.</p>
</body></html>
"""


def _load(
    tmp_path: Path, markup: str, name: str = "ke_hoach.html", encoding: str = "utf-8"
) -> Document:
    path = tmp_path / name
    path.write_bytes(markup.encode(encoding))
    return load_document(path)


def test_blocks_in_document_order(tmp_path: Path) -> None:
    doc = _load(tmp_path, PLAN_HTML)
    assert doc.format == "html"
    assert doc.meta["title"] == "Kế hoạch cải cách hành chính 2026"
    got = [(b.kind, b.level, b.text, b.bold) for b in doc.blocks if b.kind != "table"]
    assert got == [
        ("heading", 1, "KẾ HOẠCH", False),
        ("heading", 2, "Cải cách hành chính năm 2026", False),
        ("paragraph", 0, "I. MỤC ĐÍCH, YÊU CẦU", True),
        ("paragraph", 0, "Nâng cao chất lượng phục vụ người dân và doanh nghiệp.", False),
        ("paragraph", 0, "Rà soát thủ tục nội bộ", False),
        ("paragraph", 0, "Số hóa hồ sơ, kết quả giải quyết", False),
        ("paragraph", 0, "Căn cứ Nghị quyết số 76/NQ-CP của Chính phủ", False),
        ("paragraph", 0, "Trên đây là kế hoạch.", False),
    ]
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index("table") == 7  # the table sits between the div and the last paragraph


def test_merged_cells_are_expanded_and_headers_flagged(tmp_path: Path) -> None:
    doc = _load(tmp_path, PLAN_HTML)
    (table,) = doc.tables()
    assert table.index == 1
    assert [r.cells for r in table.rows] == [
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
        ["I. CẢI CÁCH THỂ CHẾ", "", "", "", ""],
        ["1", "Rà soát văn bản", "Sở Tư pháp", "Các sở, ngành", "Quý I/2026"],
        ["2", "Kiểm tra văn bản QPPL", "", "Văn phòng UBND tỉnh", "Năm 2026"],
    ]
    assert [r.is_header for r in table.rows] == [True, False, False, False]
    assert [r.bold for r in table.rows] == [False, True, False, False]
    assert [(r.locator.table, r.locator.row) for r in table.rows] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
    ]


def test_colspan_repeats_text_once_then_empty_cells(tmp_path: Path) -> None:
    markup = (
        "<table><tr><td>A</td><td colspan='3'>Gộp ba cột</td></tr>"
        "<tr><td rowspan='2'>B</td><td>x</td><td>y</td><td>z</td></tr>"
        "<tr><td>1</td><td>2</td><td>3</td></tr></table>"
    )
    (table,) = _load(tmp_path, markup).tables()
    assert [r.cells for r in table.rows] == [
        ["A", "Gộp ba cột", "", ""],
        ["B", "x", "y", "z"],
        ["", "1", "2", "3"],
    ]


def test_utf16_html(tmp_path: Path) -> None:
    doc = _load(tmp_path, "<p>Sở Nội vụ chủ trì</p>", "a.htm", encoding="utf-16")
    assert [b.text for b in doc.blocks] == ["Sở Nội vụ chủ trì"]


def test_empty_html_gets_a_vietnamese_message(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as err:
        _load(tmp_path, "<html><body><script>x()</script></body></html>", "rong.html")
    assert err.value.message == texts.EMPTY_FILE.format(name="rong.html")


# Word's "Web Page, Filtered" source: a word split by a style change, the source wrapped
# between attributes, a table whose lead cell spans two rows.
WORD_FILTERED = """<html>\r
<head>\r
<meta http-equiv=Content-Type content="text/html; charset=utf-8">\r
<meta name=Generator content="Microsoft Word 15 (filtered)">\r
<style>\r
p.MsoNormal\r
\t{margin:0in;}\r
</style>\r
</head>\r
<body lang=EN-US>\r
<p class=MsoNormal><span lang=VI>KẾ HOẠCH</span></p>\r
<p class=MsoNormal><span lang=VI>Phòng, chống bệnh dại năm 2026</span></p>\r
<table class=MsoTableGrid border=1>\r
 <tr><td><p class=MsoNormal><span lang=VI>STT</span></p></td><td><p class=MsoNormal><span\r
  lang=VI>Nhiệm vụ</span></p></td><td><p class=MsoNormal><span lang=VI>Chủ trì</span></p></td>\r
  <td><p class=MsoNormal><span lang=VI>Thời gian</span></p></td></tr>\r
 <tr><td><p class=MsoNormal><span lang=VI>1</span></p></td><td><p class=MsoNormal><span\r
  lang=VI>Tiêm phòng cho đàn chó, mèo</span></p></td><td rowspan=2><p class=MsoNormal><span\r
  lang=VI style='font-size:12.0pt'>Sở Nông nghiệp và Môi trư</span><span lang=VI\r
  style='font-size:12.0pt;letter-spacing:-.2pt'>ờng</span></p></td>\r
  <td><p class=MsoNormal><span lang=VI>Quý I/2026</span></p></td></tr>\r
 <tr><td><p class=MsoNormal><span lang=VI>2</span></p></td><td><p class=MsoNormal><span\r
  lang=VI>Giám sát ổ dịch</span></p></td><td><p class=MsoNormal><span\r
  lang=VI>Quý III/2026</span></p></td></tr>\r
</table>\r
</body>\r
</html>\r
"""


def test_a_web_page_saved_as_text_is_read_as_the_page(tmp_path: Path) -> None:
    from knowledge.plan.parser import parse_plan

    path = tmp_path / "kh_benh_dai.txt"  # the .htm source kept under a text name
    path.write_bytes(WORD_FILTERED.encode("utf-8"))
    doc = load_document(path)
    assert doc.format == "html"
    assert not any("MsoNormal" in b.text or "<span" in b.text for b in doc.blocks)
    plan = parse_plan(doc)
    tasks = {t.number: t for t in plan.tasks}
    # "Môi trư" / "ờng" in two spans is one word; the merged lead cell serves both rows
    assert tasks["1"].lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert tasks["2"].lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert tasks["2"].deadline.final_due is not None
    assert tasks["2"].deadline.final_due.isoformat() == "2026-09-30"
