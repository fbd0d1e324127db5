"""Every kind of bad input gets a VanbanError with its kind and a message that names the file."""
from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path
from typing import Callable

import docx
import pytest

from pipeline.errors import VanbanError
from pipeline.ingest import read
from pipeline.ingest import docx as docx_reader
from pipeline.ingest import office

TEXT = "Số: 3457/BC-UBND\nHương Trà, ngày 18 tháng 12 năm 2023\nBÁO CÁO\n"


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(path)
    return path


def empty(tmp: Path) -> Path:
    (tmp / "rong.txt").write_bytes(b"")
    return tmp / "rong.txt"


def blank(tmp: Path) -> Path:
    (tmp / "trang.txt").write_text(" \n\n\t\n", encoding="utf-8")
    return tmp / "trang.txt"


def binary_junk(tmp: Path) -> Path:
    (tmp / "anh.txt").write_bytes(bytes(range(256)) * 40)    # a binary file named .txt
    return tmp / "anh.txt"


def truncated_docx(tmp: Path) -> Path:
    data = _docx(tmp / "full.docx").read_bytes()
    (tmp / "cut.docx").write_bytes(data[: len(data) // 2])
    return tmp / "cut.docx"


def zip_not_word(tmp: Path) -> Path:
    with zipfile.ZipFile(tmp / "khac.docx", "w") as z:
        z.writestr("readme.txt", TEXT)
    return tmp / "khac.docx"


def broken_document_xml(tmp: Path) -> Path:
    src = _docx(tmp / "ok.docx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp / "hong.docx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    return tmp / "hong.docx"


def zip_bomb_declared(tmp: Path) -> Path:
    """A small zip whose central directory declares a 4 GB document.xml: refused before reading."""
    path = _docx(tmp / "bom.docx")
    data = bytearray(path.read_bytes())
    cd = data.find(b"PK\x01\x02")                   # central directory entries
    while cd != -1:
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46: cd + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, cd + 24, 0xFFFF_FFF0)      # uncompressed size
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))
    return path


def zip_bomb_ratio(tmp: Path) -> Path:
    """20 MB of zeros deflate to ~20 kB: a ratio no Word document has."""
    src = _docx(tmp / "ok2.docx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp / "bom2.docx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item))
        zout.writestr("word/media/padding.bin", bytes(20 * 1024 * 1024))
    return tmp / "bom2.docx"


def encrypted_docx(tmp: Path) -> Path:
    """Word saves a password-protected .docx as an OLE container holding an EncryptedPackage."""
    ole = docx_reader.OLE_MAGIC + bytes(504) + docx_reader.ENCRYPTED_STREAM + bytes(2000)
    (tmp / "mat.docx").write_bytes(ole)
    return tmp / "mat.docx"


def doc_named_docx(tmp: Path) -> Path:
    (tmp / "cu.docx").write_bytes(docx_reader.OLE_MAGIC + bytes(4000))
    return tmp / "cu.docx"


def encrypted_pdf(tmp: Path) -> Path:
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(tmp / "khoa.pdf"), encrypt="mat-khau")
    c.drawString(60, 700, "KE HOACH")
    c.save()
    return tmp / "khoa.pdf"


def truncated_pdf(tmp: Path) -> Path:
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(tmp / "full.pdf"))
    c.drawString(60, 700, "KE HOACH")
    c.save()
    data = (tmp / "full.pdf").read_bytes()
    (tmp / "cut.pdf").write_bytes(data[: len(data) // 2])
    return tmp / "cut.pdf"


def junk_pdf(tmp: Path) -> Path:
    (tmp / "rac.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    return tmp / "rac.pdf"


def unknown_extension(tmp: Path) -> Path:
    (tmp / "bang.xlsx").write_text(TEXT, encoding="utf-8")
    return tmp / "bang.xlsx"


def missing(tmp: Path) -> Path:
    return tmp / "khong-co.txt"


def empty_html(tmp: Path) -> Path:
    (tmp / "trang.html").write_text("<html><body><nav></nav></body></html>", encoding="utf-8")
    return tmp / "trang.html"


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (empty, "empty"), (blank, "empty"), (binary_junk, "binary"),
    (truncated_docx, "bad_zip"), (zip_not_word, "corrupt"), (broken_document_xml, "corrupt"),
    (zip_bomb_declared, "zip_bomb"), (zip_bomb_ratio, "zip_bomb"),
    (encrypted_docx, "encrypted"), (doc_named_docx, "bad_zip"),
    (encrypted_pdf, "encrypted"), (truncated_pdf, "corrupt"), (junk_pdf, "corrupt"),
    (unknown_extension, "unknown_format"), (missing, "not_found"), (empty_html, "empty"),
]


@pytest.mark.parametrize("make,kind", CASES, ids=[m.__name__ for m, _ in CASES])
def test_bad_input(tmp_path: Path, make: Callable[[Path], Path], kind: str) -> None:
    path = make(tmp_path)
    with pytest.raises(VanbanError) as e:
        read(str(path))
    assert e.value.kind == kind
    assert str(path) in e.value.message
    assert "\n" not in e.value.message


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    path.write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(VanbanError) as e:
        read(str(path), max_bytes=1000)
    assert e.value.kind == "too_large" and str(path) in e.value.message
    assert read(str(path), max_bytes=1_000_000).text.startswith("Số: 3457/BC-UBND")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_unreadable_by_mode(tmp_path: Path) -> None:
    path = tmp_path / "kin.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(VanbanError) as e:
        read(str(path))
    assert e.value.kind == "unreadable" and str(path) in e.value.message


def test_unreadable_when_the_read_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, which reads any file: the refusal is simulated at the read itself."""
    path = tmp_path / "kin.txt"
    path.write_text(TEXT, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(VanbanError) as e:
        read(str(path))
    assert e.value.kind == "unreadable" and str(path) in e.value.message


@pytest.mark.parametrize("ext", [".doc", ".odt", ".rtf"])
def test_office_formats_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ext: str) -> None:
    monkeypatch.setattr(office, "soffice", lambda: None)
    path = tmp_path / f"cu{ext}"
    path.write_bytes(b"{\\rtf1 Ke hoach}")
    with pytest.raises(VanbanError) as e:
        read(str(path))
    assert e.value.kind == "missing_tool"
    assert str(path) in e.value.message and "libreoffice-writer-nogui" in e.value.message


@pytest.mark.skipif(office.soffice() is None, reason="needs LibreOffice (apt-get install libreoffice-writer-nogui)")
def test_rtf_through_libreoffice(tmp_path: Path) -> None:
    path = tmp_path / "kh.rtf"
    path.write_text(r"{\rtf1\ansi\uc1 K\u7870? HO\u7840?CH\par S\u7889?: 12/KH-UBND\par}", encoding="ascii")
    doc = read(str(path))
    assert doc.format == "rtf" and doc.text.splitlines()[:2] == ["KẾ HOẠCH", "Số: 12/KH-UBND"]
