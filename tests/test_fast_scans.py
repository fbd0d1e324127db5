"""The fast-scan helpers give exactly the matches of the plain regexes they speed up."""
from __future__ import annotations

import random
import re

import pytest

from pipeline.extract.dates import FastPattern, opening
from pipeline.extract.header_layout import word_start

# Real phrases with the leads in and around them, cut and shuffled into many texts.
PHRASES = [
    "trước ngày 15/11 hằng năm", "Hằng năm, UBND xã báo cáo", "định kỳ 6 tháng", "Quý IV/2023",
    "tháng 12 năm 2024", "giai đoạn 2022 - 2027", "từ năm 2023 đến năm 2025", "Thường xuyên theo dõi",
    "hàng tháng", "V/v triển khai", "Vv triển khai", "tháng9", "nămnăm 2023", "TỪ NĂM 2020", "Ngày 21/3/2023",
]


def texts(n: int = 300) -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        words = " ".join(rng.choice(PHRASES) for _ in range(6)).split(" ")
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
