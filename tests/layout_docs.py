"""Plan documents in the layouts of issue 7, written here in our own words.

Each function returns the text of a small invented plan (or writes a PDF) in one
layout: a Công báo text layer (stacked one-cell-per-line table with page headers),
directive prose, duty sections whose unit is a heading, labelled prose variants
and a web table cut by an elision line.
"""

from __future__ import annotations

from pathlib import Path

STACKED_HEADER = [
    "TT",
    "Tên nhiệm vụ",
    "Cơ quan ",
    "chủ trì ",
    "Cơ quan ",
    "phối hợp ",
    "Kết quả",
    "Thời gian",
    "hoàn thành",
    "Căn cứ ",
    "bổ sung",
]


def _page(no: int) -> list[str]:
    return ["", "TẬP SAN/Số 12/Ngày 05-03-2026 ", str(no), " ", " "]


def congbao_text() -> str:
    """Three pages of a stacked table: a row cut by a page break (with the header
    repeated inside it), a row with two results and two deadlines, a footnote."""
    lines = [
        *_page(40)[1:],
        "HỘI ĐỒNG ĐIỀU PHỐI",
        "Số: 15/NQ-HĐĐP",
        "NGHỊ QUYẾT",
        "Về danh mục nhiệm vụ năm 2026",
        "Phụ lục",
        "DANH MỤC NHIỆM VỤ",
        *STACKED_HEADER,
        "1  ",
        "Hoàn thiện bộ tiêu chí đánh giá chất",
        "lượng dịch vụ công của các địa phương",
        "Bộ Nội vụ",
        "Các bộ, ",
        "cơ quan ngang bộ",
        "Bộ tiêu chí",
        "được ban hành",
        "Tháng ",
        "6/2026",
        "Văn bản",
        "số 7",
        "2  ",
        "Xây dựng kho dữ liệu dùng chung về",
        "hồ sơ đất đai",
        "Bộ Nông nghiệp và ",
        "Môi trường",
        "Bộ Tài chính",
        "Kho dữ liệu được",
        "vận hành",
        " ",
        "1 Văn bản số 7 của Hội đồng điều phối ngày 01/02/2026 về danh mục nhiệm vụ.",
        *_page(41),
        *STACKED_HEADER,
        "Quý ",
        "III/2026",
        "Kết luận",
        "số 3",
        "3  ",
        "Tổng kết việc thí điểm cấp phép",
        "trực tuyến",
        "Bộ Xây dựng",
        "Các bộ, ",
        "ngành, UBND ",
        "tỉnh, thành phố",
        "Báo cáo sơ kết",
        "Tháng ",
        "4/2026",
        "Kết luận",
        "số 3",
        "Bộ Xây dựng",
        "Các bộ, ngành",
        "Báo cáo tổng kết",
        "Tháng ",
        "10/2026",
        "Kết luận",
        "số 3",
        "4  Tuyên truyền kết quả cải cách",
        "Các bộ,          ",
        "cơ quan ngang bộ  Bộ Tư pháp",
        "Tin, bài được",
        "đăng tải",
        "Thường ",
        "xuyên",
        "Văn bản",
        "số 7",
        *_page(42),
        "Phụ lục II",
        "CÁC VĂN BẢN LIÊN QUAN",
    ]
    return "\n".join(lines) + "\n"


DIRECTIVE = """CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
Số: 31/CĐ-UBND
CÔNG ĐIỆN
Về việc chuẩn bị đón đợt rét đậm năm 2026
Để chủ động ứng phó với đợt rét kéo dài, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các địa phương hướng dẫn người dân che chắn chuồng trại, báo cáo kết quả trước ngày 20 tháng 01 năm 2026.
2. Sở Y tế:
a) Bảo đảm thuốc và vật tư cho các trạm y tế vùng cao, hoàn thành trước ngày 15/01/2026.
b) Theo dõi tình hình sức khỏe người cao tuổi trong suốt đợt rét.
3. Giao Sở Giáo dục và Đào tạo chủ trì cho học sinh nghỉ học khi nhiệt độ xuống dưới 7 độ C.
4. Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện Công điện này.
Giao Công an tỉnh chủ trì bảo đảm an toàn giao thông trên các tuyến đèo, báo cáo trước ngày 25/01/2026.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
Phụ lục
PHÂN CÔNG BỔ SUNG
1. Sở Công Thương chủ trì bảo đảm nguồn hàng thiết yếu cho vùng cao, hoàn thành trước ngày 31/01/2026.
"""

UNIT_HEADINGS = """KẾ HOẠCH
Kiểm đếm thiết bị văn phòng năm 2026
I. NỘI DUNG
1. Rà soát danh mục thiết bị.
II. NHIỆM VỤ CỤ THỂ

*2.1.
Sở Tài chính - Cơ quan thường trực Tổ công tác*

- Soạn thảo mẫu biểu kiểm đếm và gửi các đơn vị.

Thời gian hoàn thành: Tháng 02 - 03/2026.

- Tổng hợp số liệu kiểm đếm của toàn tỉnh. Thời gian hoàn thành: Trước ngày 30/6/2026.

- Theo dõi việc kiểm đếm ở các đơn vị.

Thời gian thực hiện: Từ tháng 3/2026 đến khi kết thúc đợt kiểm đếm.

*2.2.
Các cơ quan chuyên môn (gồm các Sở: Xây dựng, Công Thương)*

- Hướng dẫn các đơn vị thuộc ngành rà soát số liệu. Trong đó:

+ Sở Xây dựng: hướng dẫn kiểm đếm thiết bị đo đạc công trình.

+ Sở Công Thương: hướng dẫn kiểm đếm thiết bị đo lường.

Thời gian thực hiện: Tháng 4/2026.
"""

LABELLED = """KẾ HOẠCH
Triển khai thi hành Luật Lưu trữ năm 2026
II. NỘI DUNG
1. Rà soát văn bản hướng dẫn về lưu trữ

- Nội dung: rà soát các văn bản đang còn hiệu lực và đề xuất sửa đổi.

- Cơ quan chủ trì/thực hiện: Sở Nội vụ.

- Thời gian thực hiện:

+ Các sở, ngành gửi kết quả rà soát về Sở Nội vụ trước ngày 15 tháng 3 năm 2026.

+ Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 31 tháng 3 năm 2026.

2. Xây dựng quy chế

- Quy chế quản lý tài liệu số

+ Nội dung: quy định việc lập và lưu hồ sơ điện tử.

+ Cơ quan chủ trì: Sở Nội vụ.

+ Thời hạn ban hành: trước ngày 01 tháng 7 năm 2026.
"""

TRUNCATED_WEB_TABLE = """KẾ HOẠCH
Phòng chống cháy rừng năm 2026
|
**TT**
|
**Nội dung thực hiện**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian hoàn thành**
||
1
|
Kiện toàn Ban chỉ huy phòng cháy rừng
|
Sở Nông nghiệp và Môi trường
|
Các địa phương
|
Trước ngày 31/01/2026
||
2
|
Mua sắm dụng cụ chữa cháy
|
Sở Tài chính
|
Cơ quan liên quan
|
Quý II/2026
|
….................................
|
5
|
Diễn tập chữa cháy rừng cấp tỉnh
|
Bộ Chỉ huy Quân sự tỉnh
|
Cơ quan, địa phương liên quan
|
Tháng 9/2026
||
6
|
Sơ kết công tác phòng cháy rừng
|
Sở Nông nghiệp và Môi trường
|
Các địa phương
|
Tháng 12/2026
|
"""

UNRULED_COLUMNS = (40, 75, 260, 360, 460)  # x of STT, task, lead, coordinators, deadline
UNRULED_HEADER = ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")
UNRULED_ROWS = (
    ("1", ["Lập danh mục hồ sơ", "số hóa đợt một"], ["Sở Nội vụ"], ["Các sở,", "ngành"], ["Quý I/2026"]),
    ("2", ["Tập huấn phần mềm", "quản lý văn bản"], ["Văn phòng", "UBND tỉnh"], ["Sở Nội vụ"], ["Tháng 5/2026"]),
    ("3", ["Kiểm tra việc lưu trữ", "điện tử"], ["Sở Nội vụ"], ["Các địa phương"], ["Thường xuyên"]),
)  # fmt: skip


def make_unruled_pdf(path: Path) -> Path:
    """A text-layer PDF whose task table has no ruling lines: columns are only
    positions on the page; the second page repeats the header."""
    from docgen import _register_fonts
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, _bold = _register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    for page, rows in enumerate((UNRULED_ROWS[:2], UNRULED_ROWS[2:])):
        y = height - 60
        c.setFont(regular, 10)
        if page == 0:
            c.drawString(40, y, "KẾ HOẠCH")
            y -= 16
            c.drawString(40, y, "Lưu trữ điện tử năm 2026")
            y -= 24
        for x, text in zip(UNRULED_COLUMNS, UNRULED_HEADER, strict=True):
            c.drawString(x, y, text)
        y -= 18
        for number, *cells in rows:
            c.drawString(UNRULED_COLUMNS[0], y, number)
            depth = max(len(cell) for cell in cells)
            for x, cell in zip(UNRULED_COLUMNS[1:], cells, strict=True):
                for k, line in enumerate(cell):
                    c.drawString(x, y - 13 * k, line)
            y -= 13 * depth + 8
        if page == 1:
            y -= 20
            c.drawString(
                40, y, "Các đơn vị được giao nhiệm vụ báo cáo kết quả về Sở Nội vụ theo định kỳ."
            )
        c.showPage()
    c.save()
    return path
