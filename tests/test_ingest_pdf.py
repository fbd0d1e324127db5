"""PDF: seeds written with ReportLab (two-column header, a symbol broken at a line end, several
pages) read back to the text of the .txt; scans, encrypted and damaged files."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest_fixtures import expected_text, pdf_fonts_available, similarity, split_seed, write_pdf
from pipeline.errors import VanbanError
from pipeline.ingest import read
from pipeline.ingest.pdf import _tesseract
from pipeline.normalize import document_from_text

SEEDS = ["000_2dfd6693a5da7e38.txt", "001_58a1e30f416f19be.txt",
         "003_b8783f4ddf8e8961.txt", "004_37b2026d14a0c8e5.txt"]
needs_font = pytest.mark.skipif(not pdf_fonts_available(),
                                reason="needs DejaVu Serif (fonts-dejavu-core) for Vietnamese PDFs")


@needs_font
@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_pdf_reads_as_the_txt(seeds_dir: Path, tmp_path: Path, name: str) -> None:
    seed = split_seed((seeds_dir / name).read_text(encoding="utf-8"))
    doc = read(str(write_pdf(seed, tmp_path / (Path(name).stem + ".pdf"))))
    assert doc.format == "pdf"
    assert doc.pages >= 2 and len(doc.page_starts) == doc.pages
    # Lines are the page's visual lines, so only folded text can match the .txt.
    assert similarity(doc.text, document_from_text(expected_text(seed)).text) == 1.0


@needs_font
def test_header_columns_and_broken_symbol(seeds_dir: Path, tmp_path: Path) -> None:
    seed = split_seed((seeds_dir / SEEDS[0]).read_text(encoding="utf-8"))
    doc = read(str(write_pdf(seed, tmp_path / "kh.pdf")))
    lines = [l.strip() for l in doc.text.splitlines()]
    # the columns are not interleaved: left column, then right column, then the title
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "Số: /KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Cẩm Thành, ngày tháng 10 năm 2023",
                         "KẾ HOẠCH"]
    # "07/CT-" at a line end + "TTg" on the next line: PDFium joins the halves
    assert "Chỉ thị số 07/CT-TTg ngày 21/3/2023" in doc.text.split("\n")[6]
    page, offset = doc.locate(doc.text.index("Nơi nhận"))
    assert page == doc.pages and offset > 0


@needs_font
def test_nfd_pdf_is_composed(tmp_path: Path) -> None:
    import unicodedata
    from ingest_fixtures import Seed
    body = [unicodedata.normalize("NFD", "Quyết định số 407/QĐ-TTg của Thủ tướng Chính phủ")]
    doc = read(str(write_pdf(Seed([], [], body), tmp_path / "nfd.pdf", break_symbol=None)))
    assert doc.text.strip() == "Quyết định số 407/QĐ-TTg của Thủ tướng Chính phủ"


def _image_only_pdf(path: Path) -> Path:
    from PIL import Image
    from reportlab.pdfgen import canvas
    png = path.with_suffix(".png")
    Image.new("L", (200, 100), 255).save(png)
    c = canvas.Canvas(str(path))
    c.drawImage(str(png), 50, 600, 200, 100)
    c.save()
    return path


@pytest.mark.skipif(_tesseract() is not None, reason="tesseract with Vietnamese is installed here")
def test_scan_without_ocr(tmp_path: Path) -> None:
    path = _image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(VanbanError) as e:
        read(str(path))
    assert e.value.kind == "scanned_no_ocr"
    assert str(path) in e.value.message and "tesseract" in e.value.message


@pytest.mark.skipif(_tesseract() is None, reason="needs tesseract with Vietnamese data (tesseract-ocr-vie)")
def test_scan_is_ocred(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.pdfgen import canvas
    png = tmp_path / "page.png"
    image = Image.new("L", (1600, 200), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 60)
    ImageDraw.Draw(image).text((20, 60), "KẾ HOẠCH truyền thông", font=font, fill=0)
    image.save(png)
    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.drawImage(str(png), 20, 600, 560, 70)
    c.save()
    assert "truyền thông" in read(str(tmp_path / "scan.pdf")).text


@needs_font
def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="mat-khau")
    c.drawString(60, 700, "Kế hoạch")
    c.save()
    with pytest.raises(VanbanError) as e:
        read(str(path))
    assert e.value.kind == "encrypted" and str(path) in e.value.message

