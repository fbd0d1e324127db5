"""Word .docx: seeds written with python-docx (header table, bold headings, Word auto-numbering)
read back to the text of the .txt; tables, numbering formats, hints, page breaks."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from ingest_fixtures import expected_text, similarity, split_seed, write_docx
from pipeline.ingest import read
from pipeline.normalize import document_from_text

SEEDS = ["000_2dfd6693a5da7e38.txt", "001_58a1e30f416f19be.txt",
         "003_b8783f4ddf8e8961.txt", "004_37b2026d14a0c8e5.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_docx_reads_as_the_txt(seeds_dir: Path, tmp_path: Path, name: str) -> None:
    seed = split_seed((seeds_dir / name).read_text(encoding="utf-8"))
    doc = read(str(write_docx(seed, tmp_path / (Path(name).stem + ".docx"))))
    expected = document_from_text(expected_text(seed)).text
    assert doc.format == "docx"
    assert similarity(doc.text, expected) == 1.0
    assert doc.text.splitlines() == [l for l in expected.splitlines() if l.strip()]


def test_header_table_cells_and_hints(seeds_dir: Path, tmp_path: Path) -> None:
    seed = split_seed((seeds_dir / SEEDS[0]).read_text(encoding="utf-8"))
    doc = read(str(write_docx(seed, tmp_path / "kh.docx")))
    lines = doc.text.splitlines()
    # left cell, then right cell: number and place/date each on a line of their own
    assert lines[:5] == ["ỦY BAN NHÂN DÂN", "Số: /KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Cẩm Thành, ngày tháng 10 năm 2023"]
    hint = {doc.text[h.start:h.end]: h for h in doc.hints}
    assert hint["ỦY BAN NHÂN DÂN"].in_table and hint["ỦY BAN NHÂN DÂN"].bold
    assert hint["ỦY BAN NHÂN DÂN"].align == "center"
    assert not hint["Số: /KH-UBND"].bold
    assert hint["KẾ HOẠCH"].bold and not hint["KẾ HOẠCH"].in_table
    # Word's automatic numbering is written out and kept as a hint
    assert hint["I. MỤC ĐÍCH, YÊU CẦU."].numbering == "I."
    assert hint["I. MỤC ĐÍCH, YÊU CẦU."].bold
    assert hint["1. Mục đích."].numbering == "1."
    assert hint["II. NỘI DUNG, NHIỆM VỤ"].numbering == "II."


def _numbered_doc(path: Path, levels: list[tuple[str, str]], items: list[tuple[int, str]]) -> Path:
    """A document whose list has the given (numFmt, lvlText) per level."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = docx.Document()
    numbering = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">{lvls}</w:abstractNum>')
    first = numbering.find(parse_xml(f'<w:num {nsdecls("w")}/>').tag)
    first.addprevious(abstract) if first is not None else numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for level, text in items:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))
    document.save(path)
    return path


def test_numbering_formats(tmp_path: Path) -> None:
    path = _numbered_doc(tmp_path / "n.docx",
                         [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"),
                          ("bullet", "-")],
                         [(0, "MỤC ĐÍCH, YÊU CẦU"), (1, "Mục đích"), (2, "Nâng cao nhận thức"),
                          (2, "Đổi mới phương thức"), (3, "Tổ chức quán triệt"), (1, "Yêu cầu"),
                          (0, "NỘI DUNG"), (1, "Nâng cao nhận thức")])
    assert read(str(path)).text.splitlines() == [
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Nâng cao nhận thức", "b) Đổi mới phương thức",
        "- Tổ chức quán triệt", "2. Yêu cầu", "II. NỘI DUNG", "1. Nâng cao nhận thức"]


def test_list_number_style(tmp_path: Path) -> None:
    """Numbering that comes from the paragraph style (python-docx's "List Number")."""
    document = docx.Document()
    for text in ["Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính"]:
        document.add_paragraph(text, style="List Number")
    document.save(tmp_path / "style.docx")
    assert read(str(tmp_path / "style.docx")).text.splitlines() == [
        "1. Sở Tư pháp", "2. Sở Nội vụ", "3. Sở Tài chính"]


def test_data_table_rows_are_lines(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    table = document.add_table(rows=3, cols=4)
    rows = [["STT", "Nội dung", "Chủ trì", "Thời gian"],
            ["1", "Tuyên truyền Chỉ thị số 07/CT-TTg", "Công chức Văn hóa - xã hội", "Năm 2024"],
            ["2", "Báo cáo kết quả", "Văn phòng", ""]]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.rows[1].cells[1].add_paragraph("trên địa bàn xã")
    document.save(tmp_path / "t.docx")
    assert read(str(tmp_path / "t.docx")).text.splitlines() == [
        "III. TỔ CHỨC THỰC HIỆN",
        "STT | Nội dung | Chủ trì | Thời gian",
        "1 | Tuyên truyền Chỉ thị số 07/CT-TTg trên địa bàn xã | Công chức Văn hóa - xã hội | Năm 2024",
        "2 | Báo cáo kết quả | Văn phòng | "]


def test_single_line_header_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                                        ["Số: 121/KH-UBND", "Hà Nội, ngày 13 tháng 9 năm 2012"]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.save(tmp_path / "h.docx")
    assert read(str(tmp_path / "h.docx")).text.splitlines() == [
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 121/KH-UBND | Hà Nội, ngày 13 tháng 9 năm 2012"]


def test_page_breaks_make_pages(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Trang một")
    p = document.add_paragraph("Trang hai bắt đầu")
    p.runs[0].add_break(WD_BREAK.PAGE)
    p.add_run("Nơi nhận:")
    document.save(tmp_path / "p.docx")
    doc = read(str(tmp_path / "p.docx"))
    assert doc.pages == 2
    assert doc.locate(doc.text.index("Nơi nhận")) == (2, 0)


def test_header_cells_with_line_breaks_read_line_by_line(tmp_path: Path) -> None:
    """Header cells typed with Shift+Enter: one paragraph holding line breaks (w:br)."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, [
            ["UBND HUYỆN THẠCH THÀNH", "ỦY BAN NHÂN DÂN XÃ THẠCH CẨM", "Số: 67/BC-UBND"],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Thạch Cẩm, ngày 13 tháng 12 năm 2023"]]):
        run = cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
    document.add_paragraph("BÁO CÁO")
    document.save(tmp_path / "br.docx")
    doc = read(str(tmp_path / "br.docx"))
    assert doc.text.splitlines()[:4] == ["UBND HUYỆN THẠCH THÀNH", "ỦY BAN NHÂN DÂN XÃ THẠCH CẨM",
                                         "Số: 67/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    from pipeline.extract.header import extract_header
    h = extract_header(doc)
    assert (h.issuer.level, h.issuer.locality, h.symbol) == ("xa", "Thạch Cẩm", "67/BC-UBND")
