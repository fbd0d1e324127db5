"""Normalisation: each repair, and the offset map back to the raw text."""
from __future__ import annotations

import unicodedata

import pytest

from pipeline.normalize import make_document, normalize, to_normalized

CASES = [
    # (raw as a reader gives it, normalised text) — forms seen in real captures
    ("Số: 54/KH-UBND \r\n | \r\n Lạng Sơn", "Số: 54/KH-UBND \n | \n Lạng Sơn"),
    ("Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019", "Quyết định số 1896/QĐ-TTg\nngày 25/12/2019"),
    ("Chỉ thị số 07/CT\x02TTg ngày 21/3/2023", "Chỉ thị số 07/CT-TTg ngày 21/3/2023"),
    (unicodedata.normalize("NFD", "UBND HUYỆN CẨM THỦY"), "UBND HUYỆN CẨM THỦY"),
    ("09/2017/NÐ-CP", "09/2017/NĐ-CP"),
    ("BỘ CÔNG THƢƠNG, địa phƣơng", "BỘ CÔNG THƯƠNG, địa phương"),
    ("**KẾ HOẠCH**\n## II. NỘI DUNG", "KẾ HOẠCH\nII. NỘI DUNG"),
    ("Số: 05/CTr-STP | *Bắc Ninh, ngày 12 tháng 3 năm 2024*", "Số: 05/CTr-STP | Bắc Ninh, ngày 12 tháng 3 năm 2024"),
    ("*(Kèm theo Kế hoạch số 12/KH-UBND)*", "(Kèm theo Kế hoạch số 12/KH-UBND)"),
    ("theo [Công văn số 5488/BYT-KCB](https://moh.gov.vn/cv-5488) ngày 07/7/2021", "theo Công văn số 5488/BYT-KCB ngày 07/7/2021"),
    ("[Trang chủ](/) > [Văn bản](/van-ban) > Kế hoạch [1]", "Trang chủ > Văn bản > Kế hoạch [1]"),
    ("Ghi chú (*): số liệu ước *\n           *\n", "Ghi chú (*): số liệu ước *\n           *\n"),
    ("ngày\u00a021\u00a0tháng 3", "ngày 21 tháng 3"),
    ("\ufeffSố:\u200b 12/KH", "Số: 12/KH"),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_repairs(raw: str, expected: str) -> None:
    text, _, _ = normalize(raw)
    assert text == expected
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("raw,_", CASES)
def test_offsets_map_back_to_the_same_word(raw: str, _: str) -> None:
    text, omap, _ = normalize(raw)
    pos = 0
    for word in text.split():
        i = text.index(word, pos)
        pos = i + len(word)
        j = omap.to_raw(i)
        # The first letter of every word is found where the raw text has it (NFD: as its base).
        assert unicodedata.normalize("NFD", raw[j])[0] == unicodedata.normalize("NFD", word[0])[0]
        assert to_normalized(omap, j) == i


def test_form_feeds_start_pages_and_locate_finds_them() -> None:
    raw = "trang một\x0ctrang hai\r\nvẫn trang hai\x0ctrang ba\x0c"
    doc = make_document(raw, "x.txt", "txt")
    assert doc.pages == 3
    i = doc.text.index("vẫn")
    assert doc.locate(i) == (2, doc.text.index("vẫn") - doc.text.index("trang hai"))
    assert doc.locate(doc.text.index("trang ba")) == (3, 0)


def test_nfd_decomposed_text_maps_to_the_composed_letter() -> None:
    raw = "Số: 12/KH-" + unicodedata.normalize("NFD", "Thủy") + " end"
    doc = make_document(raw, "x.txt", "txt")
    assert doc.text == "Số: 12/KH-Thủy end"
    assert raw[doc.raw_offset(doc.text.index("end")):] == "end"


# --- double spacing (a blank line after every line) -------------------------------------------------

DOUBLE_SPACED = (
    "KẾ HOẠCH\n\nCải cách hành chính trên địa bàn thị xã\n\nNinh Hòa năm 2024\n\n\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao chất lượng giải quyết thủ tục hành chính,\n\n"
    "thực hiện cơ chế một cửa, một cửa liên thông theo Nghị định số 61/2018/NĐ-CP\n\n"
    "ngày 23/4/2018 của Chính phủ và nâng cao mức độ hài lòng\n\ncủa người dân.\n\n\n\n"
    "2. Yêu cầu\n\nBám sát các nhiệm vụ, giải pháp.\x0cII. NỘI DUNG\n\nCác cơ quan thực hiện\n\ntheo chức năng."
)


def test_double_spacing_is_squeezed_and_paragraph_breaks_kept() -> None:
    doc = make_document(DOUBLE_SPACED, "x.txt", "txt")
    assert doc.text.startswith("KẾ HOẠCH\nCải cách hành chính trên địa bàn thị xã\nNinh Hòa năm 2024\n\nI. MỤC ĐÍCH")
    assert "hành chính,\nthực hiện cơ chế" in doc.text and "của người dân.\n\n2. Yêu cầu" in doc.text
    assert doc.pages == 2 and doc.locate(doc.text.index("II. NỘI DUNG")) == (2, 0)
    for word in ("Ninh", "61/2018/NĐ-CP", "người", "Yêu", "NỘI", "chức"):
        i = doc.text.index(word)
        assert DOUBLE_SPACED[doc.raw_offset(i):].startswith(word)


@pytest.mark.parametrize("raw", [
    # a web capture: one paragraph a line, a blank line after each (no sentence runs over a blank line)
    "KẾ HOẠCH\n\nTriển khai Chỉ thị số 07/CT-TTg\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\nNâng cao nhận thức của cán bộ.\n\n"
    "2. Yêu cầu\n\nBám sát nội dung.\n\nII. NỘI DUNG\n\nTuyên truyền trên các phương tiện.\n",
    # wrapped lines without blank lines, and a few paragraph breaks
    "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2024\nvề việc triển khai,\n\nthực hiện nhiệm vụ\n\ncủa năm 2024\n"
    "và các năm sau;\nUBND xã ban hành\nKế hoạch như sau:\n\n\nthực hiện\n\nnhư trên.\n",
])
def test_text_that_is_not_double_spaced_keeps_its_blank_lines(raw: str) -> None:
    assert normalize(raw)[0] == raw


def test_a_rule_of_underscores_is_kept_where_markdown_bold_goes():
    # "__bold__" is markup; "_______" under an issuer's name is a printed rule (an OCR'd scan's
    # rule, cut in pieces, would otherwise leave stray underscores in the issuer's locality)
    assert normalize("__KẾ HOẠCH__\n  _______   ____ '\n")[0] == "KẾ HOẠCH\n  _______   ____ '\n"
