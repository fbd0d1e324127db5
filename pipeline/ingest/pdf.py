"""PDF: the text layer in reading order (pypdfium2), pages separated by form feeds.

- pypdfium2 reads a page in content-stream order and is the fastest and most faithful reader
  measured here (../shared/research/deps.md); a hyphen it judges to be a line-end break comes out
  as "\\x02" with the two halves joined ("07/CT\\x02TTg"), which `normalize` turns into "-".
- Page 1's Nghị định 30 header is two columns side by side (issuing body and number | national
  motto and place/date). Read line by line they interleave, so when the top line of page 1 has
  text on both sides of a gap, the header band is read column by column (left, then right, by
  coordinates) and the rest of the page after it. The band ends at the first line that crosses
  the gap or is centred on the page (the document type, "KẾ HOẠCH").
- A page with no text layer but an image is a scan: it is OCRed with Tesseract (`vie`) when the
  `tesseract` program and its Vietnamese data are installed, else the file is refused if no page
  has text, or the page is listed in the document's warnings.
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import VanbanError
from ..model import Document
from ..normalize import make_document

CENTRED_TOLERANCE = 0.02       # of the page width: a line this close to the middle is centred
OCR_DPI = 300
OCR_TIMEOUT_S = 120
OCR_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"


def read(path: str, source: str | None = None) -> Document:
    name = source or path
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise VanbanError("encrypted", f"{name}: password-protected PDF; "
                              "save an unprotected copy") from e
        raise VanbanError("corrupt", f"{name}: not a readable PDF ({e})") from e
    try:
        return _read(pdf, name)
    finally:
        pdf.close()


def _read(pdf: pdfium.PdfDocument, name: str) -> Document:
    if len(pdf) == 0:
        raise VanbanError("empty", f"{name}: a PDF without pages")
    pages: list[str] = []
    scanned: list[int] = []
    for i in range(len(pdf)):
        page = pdf[i]
        text = _page_text(page, first=i == 0)
        if not text.strip() and _has_image(page):
            ocr = _ocr(page)
            if ocr is None:
                scanned.append(i + 1)
            text = ocr or ""
        pages.append(text)
    if scanned and len(scanned) == len(pages):
        raise VanbanError("scanned_no_ocr", f"{name}: scanned pages without a text layer and OCR "
                          f"is not available ({OCR_INSTALL})")
    warnings = [f"page {n}: scanned, OCR not available ({OCR_INSTALL}); its text is missing"
                for n in scanned]
    if not any(p.strip() for p in pages):
        raise VanbanError("empty", f"{name}: no text in the PDF")
    return make_document("\f".join(pages), name, "pdf", warnings=warnings)


def _has_image(page: pdfium.PdfPage) -> bool:
    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))), None) is not None


@dataclass(slots=True)
class _Line:
    left: float
    bottom: float
    right: float
    top: float
    rects: list[tuple[float, float, float, float]]


def _page_text(page: pdfium.PdfPage, first: bool) -> str:
    textpage = page.get_textpage()
    try:
        if first:
            columns = _header_columns(textpage, *page.get_size())
            if columns:
                return columns
        return textpage.get_text_bounded()
    finally:
        textpage.close()


def _lines(textpage: pdfium.PdfTextPage) -> list[_Line]:
    """PDFium's text rectangles grouped into visual lines, top to bottom."""
    rects = sorted((textpage.get_rect(i) for i in range(textpage.count_rects())),
                   key=lambda r: -r[3])
    lines: list[_Line] = []
    for r in rects:
        left, bottom, right, top = r
        line = lines[-1] if lines else None
        if line and bottom < line.top and top > line.bottom:      # overlaps the line vertically
            line.rects.append(r)
            line.left, line.right = min(line.left, left), max(line.right, right)
            line.bottom, line.top = min(line.bottom, bottom), max(line.top, top)
        else:
            lines.append(_Line(left, bottom, right, top, [r]))
    return lines


def _header_columns(textpage: pdfium.PdfTextPage, width: float, height: float) -> str | None:
    lines = _lines(textpage)
    if not lines or len(lines[0].rects) < 2:
        return None
    first = sorted(lines[0].rects)
    # The widest horizontal gap between the top line's pieces separates the two columns.
    gap, split = max(((b[0] - a[2], (a[2] + b[0]) / 2) for a, b in zip(first, first[1:])),
                     default=(0.0, 0.0))
    if gap <= 0:
        return None
    band_end = 0
    for line in lines:
        one_side = all(r[2] <= split or r[0] >= split for r in line.rects)
        centred = (len(line.rects) == 1
                   and abs((line.left + line.right) / 2 - width / 2) < CENTRED_TOLERANCE * width)
        if not one_side or centred:
            break
        band_end += 1
    band, rest = lines[:band_end], lines[band_end:]
    cut = (band[-1].bottom + rest[0].top) / 2 if rest else 0.0
    parts = [textpage.get_text_bounded(0, cut, split, height),
             textpage.get_text_bounded(split, cut, width, height)]
    if rest:
        parts.append(textpage.get_text_bounded(0, 0, width, cut))
    return "\r\n".join(p.strip() for p in parts)


@functools.cache
def _tesseract() -> str | None:
    """The tesseract program, if it is installed with Vietnamese data."""
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if "vie" in langs.stdout.split() else None


def _ocr(page: pdfium.PdfPage) -> str | None:
    exe = _tesseract()
    if exe is None:
        return None
    image = page.render(scale=OCR_DPI / 72).to_pil()
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        done = subprocess.run([exe, str(png), "stdout", "-l", "vie"], capture_output=True,
                              text=True, timeout=OCR_TIMEOUT_S)
    return done.stdout if done.returncode == 0 else None
