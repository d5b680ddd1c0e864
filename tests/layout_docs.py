"""Plan documents in the layouts of issue 7, written here in our own words.

Each function returns the text of a small invented plan (or writes a PDF) in one
layout: a Công báo text layer (stacked one-cell-per-line table with page headers),
directive prose, duty sections whose unit is a heading, labelled prose variants
and a web table cut by an elision line; then the layouts of the held-out files:
a resolution whose items take the lead of an introducing sentence, a conclusion
notice ("Về …: giao …"), a dispatch with its addressee list, duty lists under any
title, a seven-column gazette table with group rows, sub-rows and rows cut by a
page, and a lead-first web table whose merged lead spans several items.
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


# --- issue 7, held-out layouts: read as general mechanisms, written in our own words ---

RESOLUTION = """CHÍNH PHỦ
Số: 45/NQ-CP
Hà Nội, ngày 10 tháng 3 năm 2026
NGHỊ QUYẾT
Phiên họp Chính phủ thường kỳ tháng 2 năm 2026
CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
QUYẾT NGHỊ:
I. Về tình hình kinh tế - xã hội
1. Những kết quả nổi bật
Chính phủ thống nhất đánh giá tình hình tháng 2 chuyển biến tích cực, Bộ Tài chính đã hoàn thành giải ngân trước ngày 28 tháng 02 năm 2026.
2. Phương hướng, nhiệm vụ trọng tâm tháng 3
Để hoàn thành các mục tiêu năm 2026, Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố quyết tâm cao độ, tập trung những nội dung sau:
a) Rà soát các chỉ tiêu tăng trưởng trong năm 2026 của từng ngành, gửi Bộ Tài chính trước ngày 20 tháng 3 năm 2026.
b) Hoàn thiện văn bản hướng dẫn Nghị định số 12/2026/NĐ-CP ngày 05 tháng 01 năm 2026, nhất là 10 nhiệm vụ có thời hạn hoàn thành trong quý I năm 2026.
c) Định kỳ hằng tháng báo cáo tiến độ, gửi Bộ Tài chính trước ngày 25 để tổng hợp.
d) Tiếp tục thực hiện Chiến lược phát triển vùng đến năm 2030, tầm nhìn đến năm 2045.
TM. CHÍNH PHỦ
THỦ TƯỚNG
Phụ lục
NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN, ĐỊA PHƯƠNG
1. Ủy ban nhân dân các tỉnh, thành phố chủ trì, phối hợp với các cơ quan:
a) Lãnh đạo các địa phương tập trung giải ngân vốn đầu tư công, hoàn thành trong quý II năm 2026.
b) Chỉ đạo các cơ quan, đơn vị kiểm tra an toàn thực phẩm dịp lễ hội.
2. Bộ Xây dựng chủ trì, phối hợp với các cơ quan, địa phương:
a) Theo dõi giá vật liệu xây dựng.
b) Hướng dẫn điều chỉnh hợp đồng xây dựng.
c) Đẩy nhanh các dự án đường cao tốc.
d) Rà soát định mức xây dựng.
đ) Kiểm tra chất lượng công trình.
e) Cập nhật quy hoạch đô thị.
g) Phát triển nhà ở xã hội.
h) Quản lý thị trường bất động sản.
i) Tổng kết thí điểm cấp phép xây dựng trực tuyến, báo cáo Thủ tướng Chính phủ trong tháng 5 năm 2026.
k) Trình 03 Nghị định hướng dẫn Luật Xây dựng để có hiệu lực từ 01 tháng 7 năm 2026.
"""

CONCLUSION = """VĂN PHÒNG CHÍNH PHỦ
Số: 77/TB-VPCP
Hà Nội, ngày 20 tháng 11 năm 2025
THÔNG BÁO
KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TRẦN VĂN BÌNH TẠI BUỔI LÀM VIỆC VỚI TỈNH LÂM SƠN
I. ĐÁNH GIÁ CHUNG
1. Về kết quả đạt được
Sở Tài chính hoàn thành giải ngân vốn đầu tư công trước ngày 30 tháng 10 năm 2025.
II. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH
1. Về hỗ trợ kinh phí xây dựng trường học vùng cao: giao Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Tài chính nghiên cứu, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2025.
2. Về bố trí xe cứu thương: Tỉnh căn cứ quy định hiện hành để sắp xếp, bố trí.
3. Về sửa đổi Nghị định số 20/2024/NĐ-CP ngày 10 tháng 3 năm 2024 về cán bộ cấp xã: tăng số lượng phó chủ tịch: giao Bộ Nội vụ nghiên cứu, tổng hợp kiến nghị của Tỉnh.
4. Về đầu tư kho xăng dầu dự trữ: với vai trò là chủ đầu tư, Tập đoàn Dầu khí Việt Nam chủ động làm việc với các đối tác, báo cáo kết quả trước ngày 15 tháng 12 năm 2025.
Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.
"""

DISPATCH = """THỦ TƯỚNG CHÍNH PHỦ
Số: 30/CĐ-TTg
Hà Nội, ngày 02 tháng 12 năm 2025
CÔNG ĐIỆN
VỀ VIỆC KHẨN TRƯƠNG KHẮC PHỤC HẬU QUẢ MƯA LŨ
THỦ TƯỚNG CHÍNH PHỦ
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Tài chính, Xây dựng;
- Tổng giám đốc: Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam;
Thời gian qua, mưa lớn kéo dài gây thiệt hại nặng nề tại nhiều địa phương.
1. Bộ Tài chính khẩn trương xuất cấp hàng dự trữ quốc gia, hoàn thành trước ngày 10 tháng 12 năm 2025.
2. Bộ Xây dựng chỉ đạo khôi phục giao thông trên các tuyến quốc lộ bị sạt lở.
"""

DUTY_LISTS = """ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
Số: 88/KH-UBND
Lâm Sơn, ngày 05 tháng 11 năm 2025
KẾ HOẠCH
THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035 TRÊN ĐỊA BÀN TỈNH
I. NHIỆM VỤ, GIẢI PHÁP
1. Các lĩnh vực trọng tâm
a) Thể chế
- Rà soát cơ chế khuyến khích đổi mới công nghệ.
b) Hạ tầng số
- Mở rộng mạng truyền dẫn tới các xã.
c) Doanh nghiệp số
- Hỗ trợ doanh nghiệp nhỏ chuyển đổi số.
2. Phân công trách nhiệm
2.1. Sở Tài chính
a) Tham mưu bố trí kinh phí thực hiện Kế hoạch hằng năm.
b) Hướng dẫn quản lý, sử dụng kinh phí, hoàn thành trước ngày 31 tháng 12 năm 2025.
*2.2. Sở
Khoa học và Công nghệ*
- Xây dựng chương trình hỗ trợ doanh nghiệp ứng dụng công nghệ.
2.3. Liên hiệp các Hội Khoa học và Kỹ thuật
Tư vấn, phản biện các chính sách công nghệ của tỉnh.
3. Trách nhiệm của đối tượng được hỗ trợ:
- Sử dụng kinh phí hỗ trợ đúng mục đích, báo cáo kết quả trước ngày 30 tháng 6 năm 2026.
II. TỔ CHỨC THỰC HIỆN
1. Trên cơ sở nội dung Kế hoạch này, các sở, ban, ngành tỉnh căn cứ chức năng, nhiệm vụ xây dựng kế hoạch chi tiết.
III. CHẾ ĐỘ BÁO CÁO
- Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 năm 2026.
"""

SEVEN_HEADER = [
    "TT",
    "Nội dung công việc",
    "Cơ quan ",
    "chủ trì",
    "Cơ quan ",
    "phối hợp",
    "Cấp trình",
    "Sản phẩm",
    "Thời hạn ",
    "hoàn thành",
]


def congbao_seven_columns() -> str:
    """A programme's appendix in seven stacked columns: Roman group rows whose title
    spans the table (one long line), a row cut by a page after its deadline (its
    title and lead go on at the next page's top), sub-rows "2.1", "2.2", a deadline
    followed by a note, and a "Theo yêu cầu" deadline that states no date."""
    lines = [
        *_page(70)[1:],
        "Phụ lục",
        "NHIỆM VỤ TRIỂN KHAI CHƯƠNG TRÌNH HÀNH ĐỘNG",
        *SEVEN_HEADER,
        "I ",
        "Hoàn thiện thể chế về tổ chức bộ máy của các cơ quan hành chính nhà nước các cấp",
        "1 ",
        "Rà soát quy định về chức năng, nhiệm vụ",
        "của các cơ quan chuyên môn cấp tỉnh",
        "Bộ Nội vụ",
        "Các bộ, cơ ",
        "quan ngang bộ",
        "Chính phủ",
        "Nghị định",
        "Quý II/2026",
        "2 ",
        "Hướng dẫn sắp xếp các đơn vị sự nghiệp",
        "công lập thuộc phạm vi quản lý",
        "Bộ Tài chính",
        "Các bộ, cơ ",
        "quan ngang bộ, ",
        "Ủy ban nhân ",
        "dân các tỉnh",
        "Cấp có ",
        "thẩm quyền",
        "Văn bản ",
        "hướng dẫn",
        "Quý III/2026",
        *_page(71),
        *SEVEN_HEADER,
        "theo định hướng của Trung ương",
        "2.1 Theo dõi việc sắp xếp của các bộ,",
        "cơ quan ngang bộ",
        "Bộ Nội vụ",
        "Các bộ, cơ ",
        "quan ngang bộ",
        "Cấp có ",
        "thẩm quyền",
        "Báo cáo",
        "Thường xuyên",
        "2.2 Sắp xếp mạng lưới trường học",
        "Bộ Giáo dục và ",
        "Đào tạo",
        "Ủy ban nhân ",
        "dân các tỉnh",
        "Chính phủ",
        "Đề án",
        "Quý IV/2026",
        "II ",
        "Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức trong hệ thống hành chính",
        "1 ",
        "Ban hành quy định về vị trí việc làm",
        "Bộ Nội vụ",
        "Các bộ, cơ ",
        "quan ngang bộ",
        "Chính phủ",
        "Văn bản ",
        "phê duyệt",
        "Năm ",
        "2026 ",
        "(sau khi Chính phủ ban hành Nghị định)",
        *_page(72),
        *SEVEN_HEADER,
        "2 ",
        "Hướng dẫn chế độ tiền lương mới",
        "Bộ Nội vụ",
        "Bộ Tài chính",
        "Chính phủ",
        "Nghị định",
        "Theo yêu cầu ",
        "của cấp có ",
        "thẩm quyền",
        "Nơi nhận:",
    ]
    return "\n".join(lines) + "\n"


LEAD_FIRST_WEB_TABLE = """KẾ HOẠCH
Khắc phục ô nhiễm không khí giai đoạn 2026 - 2030
|
**STT**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Nhóm nhiệm vụ**
|
**Nội dung nhiệm vụ**
|
**Chỉ tiêu đạt được**
|
**Thời hạn hoàn thành**
||
1
|
Sở Nông nghiệp và Môi trường
|
Sở Xây dựng; Sở Công Thương
|
Hoàn thiện chính sách về chất lượng không khí
|
- Ban hành quy định kiểm soát khí thải lò đốt.
|
- Quy định được ban hành.
|
Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)
||
- Cập nhật hệ số phát thải của các nguồn thải.
|
- Bộ hệ số phát thải được ban hành.
|
Giai đoạn 2026 - 2027. Thực hiện rà soát, cập nhật (nếu có)
||
- Xây dựng quy chế phối hợp liên tỉnh.
|
- Quy chế phối hợp được ban hành.
|
Ban hành trong năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)
||
2
|
Sở Xây dựng
|
Sở Nông nghiệp và Môi trường
|
Giảm bụi từ công trình xây dựng
|
- Kiểm tra việc che chắn công trình.
|
- Các công trình được kiểm tra.
|
Thường xuyên
|
"""

# A dispatch to office holders: numbered addressees, "(1) …" sub-items that detail a
# dated item, a wrapped line that opens with an acronym, numeric annexes of short cells.
ADDRESSED_DISPATCH = (
    """THỦ TƯỚNG CHÍNH PHỦ
Số: 41/CĐ-TTg
Hà Nội, ngày 10 tháng 11 năm 2025
CÔNG ĐIỆN
VỀ VIỆC ĐẨY NHANH SỐ HÓA HỒ SƠ ĐẤT ĐAI
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ;
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Việc số hóa hồ sơ đất đai ở nhiều nơi còn chậm so với yêu cầu đề ra trong năm nay, nên
Thủ tướng Chính phủ yêu cầu các cơ quan tập trung thực hiện ngay các việc sau đây:
I. VỀ DỮ LIỆU ĐẤT ĐAI
1. Bộ trưởng Bộ Nông nghiệp và Môi trường hướng dẫn chuẩn dữ liệu địa chính thống nhất
trong cả nước, hoàn thành trong tháng 12 năm 2025.
2. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ
a) Rà soát danh mục dữ liệu dùng chung và công bố danh mục cho các địa phương sử dụng
CSDL chung khi giải quyết hồ sơ của người dân.
b) Các Bộ: Tài chính, Tư pháp sửa các lỗi kết nối giữa những hệ thống thông tin của mình,
hoàn thành trong tháng 01 năm 2026, cụ thể:
(1) Bộ Tài chính kết nối dữ liệu thuế đất với cơ sở dữ liệu đất đai của các tỉnh và bảo
đảm thông suốt.
(2) Bộ Tư pháp đồng bộ dữ liệu hộ tịch với hệ thống định danh điện tử.
(3) Bộ Tư pháp cập nhật hướng dẫn chứng thực điện tử, xong trước ngày 15/12/2025.
3. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo số hóa hồ
sơ địa chính còn lại, hoàn thành trong năm 2026.
4. Các Bộ, cơ quan: Tài chính, Văn hóa, Thể thao và Du lịch, Ngân hàng Nhà nước Việt Nam
theo chức năng rà soát các khoản hỗ trợ chưa giải ngân, báo cáo Thủ tướng Chính phủ trước
ngày 05 tháng 12 năm 2025.
5. Chủ tịch Ủy ban nhân dân các tỉnh: Gia Lai, Khánh Hòa và Lâm Đồng chỉ đạo dọn dẹp vệ sinh
môi trường sau lũ, hoàn thành trước ngày 20/11/2025.
II. TỔ CHỨC THỰC HIỆN
1. Giao Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm về kết quả số
hóa trong phạm vi quản lý, báo cáo Chính phủ, Thủ tướng
Chính phủ kết quả thực hiện trong báo cáo chung hằng tháng của mỗi bộ, ngành.
2. Văn phòng Chính phủ theo dõi, đôn đốc các bộ, địa phương thực hiện công điện này.
Nơi nhận:
- Như trên;
- Lưu: VT.
THỦ TƯỚNG
[1] Số liệu tổng hợp đến ngày 05/11/2025:
(1) Bộ Tài chính rà soát xong 12 bộ hồ sơ trong tháng 10 năm 2025.
"""
    + "PHỤ LỤC\n|\nSTT\n|\nTỉnh\n|\nSố hồ sơ\n|\n|\n"
    + "".join(f"{k}\n|\nTỉnh số {k}\n|\n{k * 100}\n|\n|\n" for k in range(1, 400))
)


# A conclusion that agrees to a province's requests and hands each on to a ministry.
AGREEING_CONCLUSION = """VĂN PHÒNG CHÍNH PHỦ
Số: 700/TB-VPCP
Hà Nội, ngày 22 tháng 11 năm 2025
THÔNG BÁO
KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH LÂM SƠN
Thủ tướng Chính phủ kết luận như sau:
I. ĐÁNH GIÁ CHUNG
Năm 2025 tỉnh đạt nhiều kết quả, Bộ Tài chính đã hỗ trợ kịp thời trong tháng 9 năm 2025.
II. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH
1. Về tuyến đường ven biển: Đồng ý chủ trương; giao Bộ Xây dựng chủ trì, phối hợp với Bộ Tài chính xem xét, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2025.
2. Về bổ sung vốn: Thủ tướng Chính phủ đồng ý về nguyên tắc, giao Bộ Tài chính tổng hợp, trình cấp có thẩm quyền trước ngày 31 tháng 12 năm 2025.
3. Đồng ý chủ trương nâng cấp cảng hàng không, giao Bộ Xây dựng nghiên cứu, hướng dẫn Tỉnh thực hiện.
Thống nhất mở rộng khu kinh tế ven biển; giao Bộ Tài chính thẩm định hồ sơ, báo cáo trước ngày 20 tháng 12 năm 2025.
Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.
"""

# A chỉ thị wrapped at a fixed width: addressee headings, one that only says the unit
# "có trách nhiệm" before its lettered duties, and a short item line that ends in "và".
WRAPPED_DIRECTIVE = """ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
Số: 12/CT-UBND
Lâm Sơn, ngày 18 tháng 11 năm 2025
CHỈ THỊ
VỀ TĂNG CƯỜNG QUẢN LÝ NGUỒN NƯỚC SINH HOẠT TRÊN ĐỊA BÀN TỈNH LÂM SƠN
Thời gian qua nguồn nước sinh hoạt ở nhiều xã bị suy giảm về số lượng và chất lượng,
nên Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và Ủy ban nhân dân các
xã, phường tập trung thực hiện tốt các nhiệm vụ trọng tâm được nêu cụ thể như sau:
1. Sở Xây dựng
a) Phối hợp Sở Y tế và
Ủy ban nhân dân các xã kiểm tra chất lượng nước tại các công trình cấp nước tập trung
trên địa bàn tỉnh, báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 30/12/2025.
b) Hướng dẫn các đơn vị cấp nước lập kế hoạch cấp nước an toàn cho từng khu vực đô
thị và khu dân cư tập trung theo quy định của pháp luật hiện hành về cấp nước.
2. Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm
a) Duy trì cấp nước liên tục cho người dân trong mùa khô, nhất là ở các xã ven biển.
b) Công khai chất lượng nước định kỳ hằng quý trên trang thông tin điện tử của đơn vị.
Trên đây là Chỉ thị về tăng cường quản lý nguồn nước sinh hoạt trên địa bàn tỉnh./.
"""


RAW_STREAM_HEADER = [
    "STT Nhiệm vụ",
    "Đơn vị",
    "chủ trì",
    "Đơn vị phối",
    "hợp",
    "Thời gian",
    "hoàn thành",
    "Sản phẩm",
]


def raw_stream_table() -> str:
    """An appendix as ``pdftotext -raw`` prints a signed PDF: the header's first line
    runs the number column into the task column ("STT Nhiệm vụ"), the cells of a row
    follow one another and a one-line cell shares its line with the first line of the
    next cell ("Sở Xây dựng Công an tỉnh"; "Quý II/2026 Danh mục …"), numbered group rows
    in capitals hold sub-rows "1.1", a unit wraps before its level ("Ủy ban nhân dân" /
    "tỉnh"), a page ends in a form feed with the next page's number, and a whole deadline
    is followed by an undated result ("Trước ngày 30/9/2026" / "Dữ liệu …")."""
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH LÂM SƠN",
        "Số: 52/KH-UBND",
        "KẾ HOẠCH",
        "Phát triển hạ tầng số tỉnh Lâm Sơn năm 2026",
        "Các sở, ngành, địa phương thực hiện các nhiệm vụ tại Phụ lục kèm theo.",
        "Phụ lục",
        "DANH MỤC NHIỆM VỤ PHÁT TRIỂN HẠ TẦNG SỐ NĂM 2026",
        *RAW_STREAM_HEADER,
        "1 PHÁT TRIỂN HẠ TẦNG VIỄN THÔNG",
        "1.1 Rà soát vị trí trạm thu phát sóng di động tại",
        "các khu dân cư mới hình thành",
        "Sở Khoa học và Công nghệ Sở Xây dựng;",
        "Ủy ban nhân dân các xã,",
        "phường",
        "Quý II/2026 Danh mục vị trí",
        "trạm được phê duyệt",
        "1.2 Ngầm hóa cáp viễn thông trên các tuyến phố",
        "chính của đô thị trung tâm",
        "Sở Xây dựng Công an tỉnh Trong vòng 30",
        "ngày kể từ",
        "ngày có quyết định",
        "Báo cáo kết quả",
        "ngầm hóa",
        "\f3",
        "2 CƠ SỞ DỮ LIỆU VÀ NỀN TẢNG SỐ",
        "2.1 Cập nhật cơ sở dữ liệu đất đai vào hệ thống",
        "thông tin dùng chung của tỉnh",
        "Sở Nông nghiệp và",
        "Môi trường",
        "Ủy ban nhân dân",
        "tỉnh; Văn phòng Ủy",
        "ban nhân dân tỉnh",
        "Trước ngày 30/9/2026",
        "Dữ liệu được cập nhật",
        "đầy đủ",
        "2.2 Vận hành nền tảng chia sẻ dữ liệu của tỉnh",
        "Sở Khoa học và Công nghệ Các sở, ban, ngành Thường xuyên Báo cáo định kỳ",
        "2.3 Kiểm tra an toàn thông tin các hệ thống dùng chung",
        "Công an tỉnh Sở Khoa học và",
        "Công nghệ",
        "Đợt 1: tháng",
        "5/2026; đợt 2:",
        "tháng",
        "10/2026",
        "Biên bản kiểm tra",
        "Nơi nhận:",
        "- Như trên;",
    ]
    return "\n".join(lines) + "\n"
