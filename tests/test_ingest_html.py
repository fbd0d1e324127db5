"""HTML: the main text of a portal page, without its menus, footer and counters."""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest import read

PAGE = """<html><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh</title></head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a> | <a href="/vb">Văn bản</a></nav>
<div class="menu"><ul><li>Giới thiệu</li><li>Liên hệ</li></ul></div>
<article>
<h1>Tuyên Quang triển khai Chỉ thị số 07/CT-TTg</h1>
<p>Ngày 27/4/2023, UBND tỉnh Tuyên Quang đã ban hành Văn bản số 1719/UBND-THCBKS, chỉ đạo thực hiện
Chỉ thị số 07/CT-TTg ngày 21/3/2023 của <b>Thủ tướng Chính phủ</b> về tăng cường công tác truyền thông
chính sách. Theo đó, Ủy ban nhân dân tỉnh chỉ đạo:</p>
<p>1. Các cơ quan, đơn vị, địa phương: Theo chức năng, nhiệm vụ có trách nhiệm phổ biến, tuyên truyền.<br>
- Xây dựng kế hoạch truyền thông hằng năm, bố trí bộ phận truyền thông chính sách.</p>
<table><tr><td>ỦY BAN NHÂN DÂN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
<tr><td>Số: 1719/UBND-THCBKS</td><td>Tuyên Quang, ngày 27 tháng 4 năm 2023</td></tr></table>
<p>2. Sở Thông tin và Truyền thông: Chủ trì, phối hợp với Sở Tư pháp và cơ quan, đơn vị liên quan
tham mưu Ủy ban nhân dân tỉnh hoàn thiện văn bản quy phạm pháp luật.</p>
</article>
<footer>Đang Online: 31 | Tổng lượng truy cập: 123456 | Bản quyền thuộc Cổng thông tin điện tử</footer>
</body></html>"""


def test_main_text_without_chrome(tmp_path: Path) -> None:
    path = tmp_path / "tin.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read(str(path))
    lines = doc.text.splitlines()
    assert doc.format == "html"
    assert lines[0] == "Tuyên Quang triển khai Chỉ thị số 07/CT-TTg"
    assert "- Xây dựng kế hoạch truyền thông hằng năm, bố trí bộ phận truyền thông chính sách." in lines
    assert "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Số: 1719/UBND-THCBKS | Tuyên Quang, ngày 27 tháng 4 năm 2023" in lines
    for chrome in ("Trang chủ", "Liên hệ", "Đang Online", "Tổng lượng truy cập"):
        assert chrome not in doc.text


def test_legacy_charset_page(tmp_path: Path) -> None:
    path = tmp_path / "cu.htm"
    path.write_bytes(PAGE.replace('charset="utf-8"', 'charset="windows-1258"')
                     .replace("Thủ tướng", "Thu tuong").encode("cp1258", errors="ignore"))
    assert "Tuyên Quang" in read(str(path)).text
