"""Records + links -> tables: one row per thing, stable keys, the columns of docs/DATA_DICTIONARY.md."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pipeline.audit import audit
from pipeline.link import link_corpus
from pipeline.tables import COLUMNS, build_tables, concat_chunks, frame, table_chunks, table_names

ERRORS = [{"source": "scan.pdf", "stage": "ingest", "kind": "scanned_no_ocr", "message": "scan.pdf: no text"}]


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((seeds_dir / "gold").glob("*.json"))]


@pytest.fixture(scope="module")
def tables(seeds):
    linked = link_corpus(iter(seeds))
    return build_tables(iter(seeds), ERRORS, linked, audit(linked))


def test_every_table_and_documented_column(tables, seeds_dir):
    dictionary = (seeds_dir.parent.parent / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    for name, df in tables.items():
        section = re.search(rf"^## `{name}`\n(.*?)(?=^## |\Z)", dictionary, re.S | re.M)
        assert section, f"table {name} is not documented"
        documented = re.findall(r"^\| `(\w+)` \|", section.group(1), re.M)
        assert documented == list(df.columns), name


def test_one_row_per_thing(tables, seeds):
    assert list(tables["documents"]["source"]) == [r["source"] for r in seeds]
    assert len(tables["citations"]) == sum(len(r["citations"]) for r in seeds)   # gold: no mentions
    assert len(tables["sections"]) == sum(len(r["sections"]) for r in seeds)
    assert len(tables["recipients"]) == sum(len(r["recipients"]) for r in seeds)
    assert tables["errors"].to_dict("records") == ERRORS
    keys = tables["citations"][["source", "citation_index", "mention_index"]]
    assert not keys.duplicated().any()
    assert tables["instruments"]["key"].is_unique


def test_values(tables):
    docs = tables["documents"].set_index("source")
    hương_trà = docs.loc["004_37b2026d14a0c8e5.txt"]
    assert (hương_trà["key"], hương_trà["unit_code"], hương_trà["now_name"]) == (
        "3457/BC-UBND@2023:Hương Trà", "480", "Thành phố Huế")
    assert hương_trà["issue_day"] == pd.Timestamp("2023-12-18")
    assert pd.isna(docs.loc["000_2dfd6693a5da7e38.txt", "issue_day"])      # "2023-10": no day
    assert docs.loc["000_2dfd6693a5da7e38.txt", "date_precision"] == "month"
    inst = tables["instruments"].set_index("key").loc["407/QĐ-TTg@2022"]
    assert inst["printed_dates"] == "2022-03-30 ×4; 2022-03-03 ×1"
    assert inst["printed_in"].startswith("2022-03-03: 004_37b2026d14a0c8e5.txt; 2022-03-30: 000_")
    assert bool(inst["date_conflict"]) and inst["cited_by"] == 4
    chains = tables["chains"].set_index("source")
    assert chains.loc["000_2dfd6693a5da7e38.txt", "via"] == "174/KH-UBND@2023:Cẩm Thủy"
    assert chains.loc["003_b8783f4ddf8e8961.txt", "path"].endswith("160/KH-UBND@2025:Thái Nguyên -> 07/CT-TTg@2023")


def test_mentions_and_tasks_become_rows():
    """Extraction's project fields: one citation row per mention, one assignment row per task."""
    rec = {"source": "x.txt", "doc_type": "KH", "number": "5", "symbol": "5/KH-UBND", "issue_date": "2023-06-01",
           "issuer": {"level": "xa", "locality": "Cẩm Thành", "province": "Thanh Hóa"},
           "citations": [{"type": "CT", "number": "07", "symbol": "07/CT-TTg", "date": "2023-03-21",
                          "issuer": None, "name": None, "key": "07/CT-TTg@2023", "role": "implements",
                          "mentions": [{"span": {"start": 10, "end": 19}, "text": "07/CT-TTg", "date": "2023-03-21"},
                                       {"span": {"start": 90, "end": 99}, "text": "Chỉ thị 07", "form": "short"}]}],
           "basis": [], "directives": ["07/CT-TTg@2023"], "sections": [{"path": "I", "heading": "NỘI DUNG",
                                                                      "kind": "noi_dung", "level": 1, "span": [30, 80]}],
           "assignments": [{"unit": "Công chức Tư pháp", "role": "chu_tri", "section": "I", "tasks": [
               {"text": "Chủ trì tuyên truyền", "span": {"start": 40, "end": 60}, "deadline": "2023-12-31"},
               {"text": "Báo cáo kết quả", "span": {"start": 61, "end": 75}}]}],
           "dates": [{"kind": "deadline", "text": "trước ngày 31/12/2023", "span": {"start": 62, "end": 80},
                      "value": "2023-12-31"}],
           "recipients": ["Như trên"], "is_draft": False}
    t = build_tables([rec], [], link_corpus([rec]))

    def cells(table, cols):
        df = t[table][cols].astype(object)
        return df.where(df.notna(), None).values.tolist()

    assert cells("citations", ["mention_index", "span_start", "span_end", "mention_form"]) == [
        [0, 10, 19, None], [1, 90, 99, "short"]]
    assert cells("assignments", ["task_index", "task", "deadline", "span_start"]) == [
        [0, "Chủ trì tuyên truyền", "2023-12-31", 40], [1, "Báo cáo kết quả", None, 61]]
    assert t["sections"][["depth", "span_start", "span_end"]].values.tolist() == [[1, 30, 80]]
    assert t["dates"]["value_day"].tolist() == [pd.Timestamp("2023-12-31")]
    assert set(COLUMNS) <= set(t)


def test_tables_built_in_chunks_equal_tables_built_at_once(seeds, tables):
    """Rows become frames every `chunk_rows`; the joined table is the one built from all rows."""
    linked = link_corpus(iter(seeds))
    chunked = build_tables(iter(seeds), ERRORS, linked, audit(linked), chunk_rows=2)
    assert chunked.keys() == tables.keys()
    for name, df in tables.items():
        pd.testing.assert_frame_equal(chunked[name], df, check_exact=True)


def _date_row(kind=None, value=None, recurrence=None):
    return ("x.txt", 0, kind, None, value, value, None, recurrence, None, None, None, None)


@pytest.mark.parametrize("chunks", [
    [[_date_row("deadline", "2023-12-31")], [_date_row()]],            # second chunk: nothing in those columns
    [[_date_row()], [_date_row()], [_date_row("period", "2023-10")]],  # values only in the last chunk
    [[_date_row()], [_date_row()]],                                      # never a value
    [[_date_row(recurrence="hằng tháng")], [_date_row(recurrence=12)]],  # text and a number: no common type
    [[], [_date_row("deadline", "2023-12-31")]],
], ids=["empty-second", "values-last", "never", "mixed", "empty-chunk"])
def test_chunks_join_into_the_table_of_all_rows(chunks):
    """Each chunk infers its own dtypes; joined, they are what `frame` infers from all the rows."""
    joined = concat_chunks([frame("dates", rows) for rows in chunks])
    pd.testing.assert_frame_equal(joined, frame("dates", [r for rows in chunks for r in rows]), check_exact=True)


def test_table_chunks_are_bounded_and_every_table_comes(seeds):
    linked = link_corpus(iter(seeds))
    chunks = list(table_chunks(iter(seeds), ERRORS, linked, audit(linked), chunk_rows=3))
    assert {name for name, _ in chunks} == set(table_names(audited=True))
    assert all(len(df) <= 3 for name, df in chunks if name in COLUMNS)
    assert [name for name, df in chunks if name == "errors"] == ["errors"]    # one row: one chunk
