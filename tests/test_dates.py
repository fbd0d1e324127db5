"""Dates, deadlines, periods and recurrences: case tables from real documents and every
example of models/dates.toml through the extractor."""
from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.extract import dates
from pipeline.extract.dates import date_at, either_case, extract_dates, timing_in
from pipeline.normalize import document_from_text

LEX = lexicon.load("dates")


def found(text: str):
    return [(e.kind, e.value, e.end, e.recurrence) for e in extract_dates(document_from_text(text))]


CASES = [
    ("Các ban, ngành báo cáo kết quả trước ngày 13/12.", [("deadline", "--12-13", None, None)]),
    ("gửi báo cáo trước ngày 15/11 hằng năm", [("deadline", "--11-15", None, "yearly"), ("recurrence", None, None, "yearly")]),
    ("hoàn thành trong Quý IV/2023", [("deadline", "2023-Q4", None, None)]),
    ("giai đoạn 2022 - 2027", [("period", "2022", "2027", None)]),
    ("Kế hoạch truyền thông năm 2026", [("period", "2026", None, None)]),
    ("báo cáo định kỳ 6 tháng", [("recurrence", None, None, "half_yearly")]),
    ("Phối hợp thường xuyên, chặt chẽ", [("recurrence", None, None, "continuous")]),
    ("Cẩm Thành, ngày tháng 10 năm 2023", [("period", "2023-10", None, None)]),
    ("Hương Trà, ngày 18 tháng 12 năm 2023", [("date", "2023-12-18", None, None)]),
    ("Từ ngày 22/7/2026 đến ngày 05/8/2026.", [("period", "2026-07-22", "2026-08-05", None)]),
    ("hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.", [("deadline", "2028-07-01", None, None)]),
    ("kỷ niệm 100 năm Ngày sinh (09/7/1912 - 09/7/2012)", [("date", "1912-07-09", None, None), ("date", "2012-07-09", None, None)]),
    # "trong" alone marks the period something happens in, not a deadline
    ("Trong năm 2024, UBND tỉnh đã tổ chức", [("period", "2024", None, None)]),
    ("do Chủ tịch UBND tỉnh cấp hết hiệu lực trong năm 2025.", [("period", "2025", None, None)]),
    ("Quyết định số 1010/QĐ-UBND ngày 20/6/2025 của UBND tỉnh", [("date", "2025-06-20", None, None)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_dates_in_running_text(text, expected):
    assert found(text) == expected


INVALID = [
    ("ngày 31/02/2023", "31/02/2023 does not exist"),
    ("ngày 30 tháng 2 năm 2024", "30/02/2024 does not exist"),
    ("Nghị quyết số 66.4/2025/NQ-CP ngày 21/9/025 của Chính phủ", "year '025' is incomplete"),
    ("trước ngày 31/4", "31/04 does not exist"),
]


@pytest.mark.parametrize("text,error", INVALID)
def test_a_date_that_does_not_exist_is_reported_not_invented(text, error):
    bad = [e for e in extract_dates(document_from_text(text)) if not e.valid]
    assert [(e.value, e.error) for e in bad] == [(None, error)]


def test_symbols_hold_no_dates():
    assert found("Nghị định số 09/2017/NĐ-CP; Quyết định số 407/QĐ-TTg") == []


def test_spans_point_at_the_text():
    text = "Các ban, ngành báo cáo kết quả trước ngày 13/12."
    e = extract_dates(document_from_text(text))[0]
    assert text[e.span.start:e.span.end] == e.text == "trước ngày 13/12"


def test_timing_in_a_task_span():
    text = ("1. Sở Tư pháp: chủ trì, báo cáo trước ngày 15/11 hằng năm.\n"
            "2. Sở Tài chính: bố trí kinh phí thường xuyên.")
    cut = text.index("2.")
    deadline, recurrence = timing_in(text, 0, cut)
    assert (deadline.value, deadline.recurrence, recurrence.recurrence) == ("--11-15", "yearly", "yearly")
    deadline, recurrence = timing_in(text, cut)
    assert deadline is None and recurrence.recurrence == "continuous"


@pytest.mark.parametrize("text,value", [
    ("ngày 21/3/2023 của", "2023-03-21"),
    (", ngày 27/12/2017 UBND", "2017-12-27"),
    ("ngày22 tháng 7 năm 2010 của", "2010-07-22"),
    ("ngay 29/12/2025.", "2025-12-29"),
    ("ngày 03\ntháng 7 năm 2025", "2025-07-03"),
    # pdftotext: a wrapped, indented line; a justified line's run of spaces
    ("\n                                             ngày 12/6/2025 Cấp lại chứng chỉ", "2025-06-12"),
    ("\n        ngày 02/7/2025). Trong quá trình hoạt động", "2025-07-02"),
    ("      ngày 04/10/2023 của UBND huyện", "2023-10-04"),
    (",\n   ngày 30/3/2022 của Thủ tướng", "2022-03-30"),
])
def test_date_after_a_citation(text, value):
    assert date_at(text, 0).value == value


@pytest.mark.parametrize("text", [
    ";\nNgày 30/3/2022, UBND tỉnh đã tổ chức",        # another clause
    " và ngày 30/3/2022",
    "\n\n\n\nngày 30/3/2022",                          # four line breaks: another paragraph
])
def test_no_date_after_a_citation(text):
    assert date_at(text, 0) is None


@pytest.mark.parametrize("text,year", [
    (" năm 2024, tổ chức", "2024"),
    ("\n    năm 2024, tổ chức, cá nhân khai thác", "2024"),
    ("  2020 và các văn bản", "2020"),
])
def test_year_after_a_law(text, year):
    assert date_at(text, 0, year_only=True).value == year


# --- every lexicon example ---------------------------------------------------------------------

@pytest.mark.parametrize("ex", LEX["day_word"]["examples"])
def test_day_word_examples(ex):
    assert any(e.kind == "date" and e.valid for e in extract_dates(document_from_text(ex)))


@pytest.mark.parametrize("ex", LEX["deadline"]["examples"])
def test_deadline_examples(ex):
    assert any(e.kind == "deadline" for e in extract_dates(document_from_text(ex))), ex


@pytest.mark.parametrize("ex", LEX["period"]["examples"])
def test_period_examples(ex):
    assert any(e.kind == "period" for e in extract_dates(document_from_text(ex))), ex


@pytest.mark.parametrize("entry", LEX["recurrence"], ids=lambda e: e["value"])
def test_recurrence_examples(entry):
    for ex in entry["examples"]:
        assert entry["value"] in [e.recurrence for e in extract_dates(document_from_text(ex)) if e.kind == "recurrence"], ex


@pytest.mark.parametrize("ex", LEX["quarter"]["examples"])
def test_quarter_examples(ex):
    assert any(e.value and "-Q" in e.value for e in extract_dates(document_from_text(ex))), ex


# --- the fast scans find what the patterns themselves find -------------------------------------------

SCANNED = [text for text, _ in CASES] + [t for t, _ in INVALID] + LEX["day_word"]["examples"] \
    + LEX["deadline"]["examples"] + LEX["period"]["examples"] + LEX["quarter"]["examples"] \
    + [ex for r in LEX["recurrence"] for ex in r["examples"]] + [
    "HẰNG NĂM báo cáo; Định kỳ hàng quý; xã Thường Xuân báo cáo thường xuyên",
    "Trước ngày 15/12/2025, CHẬM NHẤT là ngày 20/12; giai đoạn 2021 - 2025; từ năm 2020 đến năm 2025",
]


@pytest.mark.parametrize("name", ["_TOKEN", "_RECURRENCE_CUE", "_DEADLINE_BEFORE"])
def test_fast_scan_finds_every_match_of_the_pattern(name):
    fast = getattr(dates, name)
    for text in SCANNED:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in fast.rx.finditer(text)], text


def test_either_case_holds_what_a_case_insensitive_match_takes():
    assert set(either_case("kđ")) == {"k", "K", "\u212a", "đ", "Đ"}
