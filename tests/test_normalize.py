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
