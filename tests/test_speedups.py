"""The speed-ups of the header stage find exactly what the plain forms find."""
from __future__ import annotations

import random
import re

from pipeline import lexicon
from pipeline.extract import header as H
from pipeline.extract import header_issuer as HI
from pipeline.extract.dates import FastPattern
from pipeline.extract.header_closing import _signature_cells

CHROME = lexicon.load("header")["chrome"]

# Lines of web chrome and header (real prints) with truncation marks in and around them.
PIECES = ["BÁO CÁO TÌNH HÌNH KINH TẾ XÃ HỘI NĂM 2[.]", "Kế hoạch số 14/KH-UBND …", "[…]", "[...]",
          "ỦY BAN NHÂN DÂN", "Số: 12/KH-UBND", "Độc lập - Tự do - Hạnh phúc", "…", "[..", "[", "]"]


def texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(PIECES) + rng.choice([" ", "  ", "\n", " \n", "\n\n", ""]) for _ in range(8))
            for _ in range(n)]


def test_snippet_scan_finds_what_the_plain_regex_finds() -> None:
    plain = re.compile(CHROME["snippet_end"], re.M)
    for t in texts():
        assert [m.span() for m in H._SNIPPET.finditer(t)] == [m.span() for m in plain.finditer(t)], t
        found, expected = H._SNIPPET.search(t, 3), plain.search(t, 3)
        assert (found and found.span()) == (expected and expected.span())


def test_rare_fast_pattern_takes_the_earliest_of_its_scans() -> None:
    fast = FastPattern(r"(?:ab|c)d", "ac", rare=True)
    assert [m.span() for m in fast.finditer("cd abd xcd ab")] == [(0, 2), (3, 6), (8, 10)]
    assert fast.search("xx ab cd", 0).span() == (6, 8)


def test_signature_cells_cut_a_position_from_the_name_after_it() -> None:
    # (seeds: the signature printed on one line)
    assert _signature_cells("KT. CHỦ TỊCH") == ((0, "KT. CHỦ TỊCH"),)
    assert _signature_cells("PHÓ CHỦ TỊCH Nguyễn Văn Hùng") == ((0, "PHÓ CHỦ TỊCH"), (13, "Nguyễn Văn Hùng"))


def test_resolving_an_issuer_leaves_the_parsed_units_as_they_were() -> None:
    # (issuer lines are parsed once for every document that prints them: completing one
    # document's issuer from its date line must not reach the next document's)
    lines = ["ỦY BAN NHÂN DÂN"]                    # a committee whose locality line was lost
    first = HI.resolve(HI.parse_units(lines), "", "Hải Phòng")
    again = HI.resolve(HI.parse_units(lines), "", "Đà Nẵng")
    assert (first.locality, again.locality) == ("Hải Phòng", "Đà Nẵng")
    assert HI.parse_units(lines)[0].locality is None


def test_issuer_lines_of_a_header_zone() -> None:
    # (seeds: the issuer lines above the Số line, the national motto beside them)
    zone = ("\nUBND TỈNH LÀO CAI |  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
            "\nSỞ CÔNG THƯƠNG |  | Độc lập - Tự do - Hạnh phúc\n")
    assert H._issuer_lines(zone) == ("UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG")
