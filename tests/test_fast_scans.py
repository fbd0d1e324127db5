"""The fast-scan helpers give exactly the matches of the plain regexes they speed up."""
from __future__ import annotations

import random
import re

import pytest

from pipeline.extract import dates, header_issuer
from pipeline.extract.citation_symbols import SYMBOL_RX, iter_symbols
from pipeline.extract.dates import FastPattern, opening
from pipeline.extract.header_layout import word_start

# Real phrases with the leads in and around them, cut and shuffled into many texts.
PHRASES = [
    "trước ngày 15/11 hằng năm", "Hằng năm, UBND xã báo cáo", "định kỳ 6 tháng", "Quý IV/2023",
    "tháng 12 năm 2024", "giai đoạn 2022 - 2027", "từ năm 2023 đến năm 2025", "Thường xuyên theo dõi",
    "hàng tháng", "V/v triển khai", "Vv triển khai", "tháng9", "nămnăm 2023", "TỪ NĂM 2020", "Ngày 21/3/2023",
]


def texts(n: int = 300, phrases: list[str] = PHRASES) -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        words = " ".join(rng.choice(phrases) for _ in range(6)).split(" ")
        out.append("".join(w + rng.choice([" ", "  ", "\n", ", ", "x"]) for w in words))
    return out


CASES = [
    (r"(?i:(?<!\w)(?:hằng năm|hàng tháng|định kỳ|thường xuyên)(?!\w))", ["hằng", "hàng", "định", "thường"], True),
    (r"(?:tháng\s+\d{1,2}|[Tt]ừ\s+năm\s+\d{4}|\d{1,2}/\d{1,2}|[Qq]uý\s+[IV]+)",
     ["tháng", "[Tt]ừ", r"\d", "[Qq]uý"], False),
]


@pytest.mark.parametrize("pattern,leads,ignore_case", CASES)
def test_fast_pattern_with_an_opening_finds_what_the_regex_finds(pattern, leads, ignore_case) -> None:
    fast, plain = FastPattern(pattern, opening=opening(leads, ignore_case)), re.compile(pattern)
    for t in texts():
        assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)]
        found, expected = fast.search(t, 5), plain.search(t, 5)
        assert (found and found.span()) == (expected and expected.span())


def test_opening_refuses_a_lead_it_cannot_scan_for() -> None:
    with pytest.raises(ValueError, match="opens with neither"):
        opening([r"(?<!\w)năm"])


@pytest.mark.parametrize("pattern", [r"V\s*/\s*v\b", r"tháng\s+\d+", r"Năm\s+\d{4}"])
def test_word_start_matches_like_a_leading_look_behind(pattern: str) -> None:
    fast, plain = re.compile(word_start(pattern)), re.compile(r"(?<!\w)" + pattern)
    for t in texts():
        assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)]


@pytest.mark.parametrize("pattern", [r"\d+", "a*b", "(x)"])
def test_word_start_refuses_a_pattern_that_opens_otherwise(pattern: str) -> None:
    with pytest.raises(ValueError):
        word_start(pattern)


# Dates as real texts print them, and look-alikes: a number glued to a word or after a slash or
# a point, "năm" before no year, a month that does not exist, a word split over lines.
DATE_PHRASES = [
    "ngày 21/3/2023", "Ngày 21 tháng 3 năm 2023", "ngay 29/12/2025", "ngày22 tháng 7 năm 2010",
    "Từ ngày 22/7/2026 đến ngày 05/8/2026", "giai đoạn 2022 - 2027", "nhiệm kỳ 2021- 2026",
    "thời kỳ 2021-2030", "từ năm 2023 đến năm 2025", "Quý IV/2023", "quý 4 năm 2023", "tháng 12 năm 2024",
    "tháng 6/2026", "tháng 13/2025", "của năm 2025", "cả năm 2024", "trong năm 2024", "đến năm 2030",
    "năm học", "năm 1998", "giai đoạn 1996-2000", "15/11", "1.2.2023", "31/02/2023", "số 12/2023/NĐ-CP",
    "v.15/3", "x21/3/2023", "21.3",
]


def test_date_token_leads_drop_no_token() -> None:
    """The leads the token scan checks first (a day word then a digit, a year's first digits)
    are read by every token: the scan finds what the kinds of token find tried at every place."""
    plain = re.compile(dates._TOKEN_KINDS)
    for t in texts(phrases=DATE_PHRASES):
        assert [m.span() for m in dates._TOKEN.finditer(t)] == [m.span() for m in plain.finditer(t)], t


SYMBOL_PHRASES = ["Quyết định số 407/QĐ-TTg ngày 22/3/2023", "Nghị định 09/2017/NĐ-CP", "57-NQ/TW",
                  "QCVN 01:2019/BCT", "192 /KH-UBND", "12/CT- TTg", "15.2012/QH13", "11-\nCT/TU", "V/v",
                  "21/3/2023", "/KH-UBND"]


def test_symbols_in_a_span_are_those_the_regex_finds_there() -> None:
    for t in texts(phrases=SYMBOL_PHRASES):
        for a, b in ((0, len(t)), (5, len(t) // 2), (len(t) // 3, len(t) - 4)):
            expected = [m.span() for m in SYMBOL_RX.finditer(t, a, b)]
            assert [m.span() for m in iter_symbols(t, a, b)] == expected, t


DISTRICT_PHRASES = ["huyện Cẩm Thủy", "Huyện Bá Thước", "thị xã Nghi Sơn", "Thị  xã\nBỉm Sơn",
                    "quận Hoàn Kiếm", "Quận 3", "các huyện Miền Núi", "nghị định", "thị trường", "xã Dân Tiến"]


@pytest.mark.parametrize("text", [*texts(phrases=DISTRICT_PHRASES), "nghị định về thị trường của xã Dân Tiến",
                                  "thị trấn Phong Điền"])
def test_district_named_is_the_one_the_plain_scan_counts(text: str) -> None:
    assert header_issuer._district_named(text) == header_issuer.most_named(header_issuer._DISTRICT_RX, text)
