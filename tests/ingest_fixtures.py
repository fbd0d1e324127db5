"""Builders for the ingest tests: the seed texts written out as real .docx and .pdf files.

The seeds lost their header table when they were extracted (only "Số: ..." and the place/date
line are left), so the builders put a Nghị định 30 header back: issuing body and number on the
left, national motto and place/date on the right. `expected_text` is the seed text with that
header in the order the readers give it (left cell, then right cell).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ISSUER = "ỦY BAN NHÂN DÂN"                       # generic: every commune/district/province body
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_ROMAN = re.compile(r"^([IVX]+)\. (.+)$")
_NUMBERED = re.compile(r"^(\d+)\. (.{1,80})$")
_DATE_LINE = re.compile(r"ngày\s.*tháng\s.*năm")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass
class Seed:
    left: list[str]          # header, left cell
    right: list[str]         # header, right cell
    body: list[str]          # the lines after the header, blank lines dropped


def split_seed(text: str) -> Seed:
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if len(lines) > 2 and lines[0].startswith("Số:") and _DATE_LINE.search(lines[1]):
        return Seed([ISSUER, lines[0]], [*MOTTO, lines[1]], lines[2:])
    return Seed([], [], lines)


def expected_text(seed: Seed) -> str:
    return "\n".join(seed.left + seed.right + seed.body)


def fold(text: str) -> str:
    """Whitespace folded, table bars dropped: what must match between formats."""
    return " ".join(text.replace(" | ", " ").split())


def similarity(a: str, b: str) -> float:
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.normalized_similarity(fold(a), fold(b))


# --- docx ------------------------------------------------------------------------------------

def _add_numbering(document) -> str:
    """A two-level outline list (I., II. / 1., 2.) in numbering.xml; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(num.tag)
    if first_num is not None:           # abstractNum elements come before num elements
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _number(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def write_docx(seed: Seed, path: Path) -> Path:
    """The seed as Word writes it: header table, bold centred title, auto-numbered headings."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    document = docx.Document()
    num_id = _add_numbering(document)
    if seed.left:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (seed.left, seed.right)):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for r in p.runs:
                    r.bold = p.text.isupper()
    roman, decimal = 0, 0
    for line in seed.body:
        m_roman, m_num = _ROMAN.match(line), _NUMBERED.match(line)
        if m_roman and roman < len(_ROMANS) and m_roman.group(1) == _ROMANS[roman]:
            roman, decimal = roman + 1, 0
            p = document.add_paragraph()
            p.add_run(m_roman.group(2)).bold = True
            _number(p, num_id, 0)
        elif m_num and int(m_num.group(1)) == decimal + 1 and roman:
            decimal += 1
            p = document.add_paragraph()
            p.add_run(m_num.group(2)).bold = True
            _number(p, num_id, 1)
        else:
            p = document.add_paragraph()
            run = p.add_run(line)
            if line.isupper():
                run.bold = True
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(path)
    return path


# --- pdf -------------------------------------------------------------------------------------

def pdf_fonts_available() -> bool:
    return (FONT_DIR / "DejaVuSerif.ttf").is_file()


def write_pdf(seed: Seed, path: Path, *, break_symbol: str | None = "CT-TTg") -> Path:
    """The seed as an A4 PDF (ReportLab, DejaVu Serif): the two header columns side by side, body
    wrapped to the page width; the first `break_symbol` is broken after its hyphen at a line end."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
    font, size, leading = "DejaVuSerif", 11, 15
    width, height = A4
    margin = 60
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, size)
    y = height - margin
    if seed.left:
        rows = max(len(seed.left), len(seed.right))
        for i in range(rows):
            if i < len(seed.left):
                c.drawCentredString(margin + 85, y - i * leading, seed.left[i])
            if i < len(seed.right):
                c.drawCentredString(width - margin - 150, y - i * leading, seed.right[i])
        y -= (rows + 1) * leading
    broken = False

    def new_line(text: str, centred: bool) -> None:
        nonlocal y
        if y < margin:
            c.showPage()
            c.setFont(font, size)
            y = height - margin
        if centred:
            c.drawCentredString(width / 2, y, text)
        else:
            c.drawString(margin, y, text)
        y -= leading

    for line in seed.body:
        chunks = [line]
        if break_symbol and not broken and break_symbol in line:
            head, tail = break_symbol.split("-", 1)
            at = line.index(break_symbol) + len(head) + 1
            chunks = [line[:at], line[at:]]       # "... 07/CT-" | "TTg ..."
            broken = True
        for chunk in chunks:
            for piece in simpleSplit(chunk, font, size, width - 2 * margin):
                new_line(piece, centred=line.isupper())
    c.save()
    return path
