"""Tables -> xlsx, csv (utf-8-sig), parquet and DuckDB, each read back; whole or in chunks."""
from __future__ import annotations

import json

import duckdb
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import export
from pipeline.audit import audit
from pipeline.export import write_tables
from pipeline.link import link_corpus
from pipeline.tables import build_tables, table_chunks, table_names


@pytest.fixture(scope="module")
def written(seeds_dir, tmp_path_factory):
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((seeds_dir / "gold").glob("*.json"))]
    linked = link_corpus(records)
    tables = build_tables(records, [], linked, audit(linked))
    out = tmp_path_factory.mktemp("out")
    return tables, out, write_tables(tables, out)


def test_xlsx_has_every_sheet_and_header(written):
    tables, out, files = written
    wb = openpyxl.load_workbook(files["xlsx"])
    assert wb.sheetnames == list(tables)
    for name, df in tables.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == list(df.columns), name
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref, name
        assert ws.max_row == len(df) + 1, name
    docs = wb["documents"]
    col = [c.value for c in docs[1]].index("issue_day") + 1
    hương_trà = next(r for r in docs.iter_rows(min_row=2) if r[0].value == "004_37b2026d14a0c8e5.txt")
    assert hương_trà[col - 1].is_date and hương_trà[col - 1].value.date().isoformat() == "2023-12-18"
    assert docs.column_dimensions["A"].width >= len("000_2dfd6693a5da7e38.txt")


def test_csv_round_trips_with_utf8_sig(written):
    tables, out, files = written
    for name, df in tables.items():
        path = files["csv"] / f"{name}.csv"
        assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
        back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(back.columns) == list(df.columns)
        assert len(back) == len(df)
    back = pd.read_csv(files["csv"] / "documents.csv", encoding="utf-8-sig")
    assert back["issuer_name"].tolist() == tables["documents"]["issuer_name"].tolist()


def test_parquet_round_trips(written):
    tables, out, files = written
    back = pd.read_parquet(files["parquet"] / "chains.parquet")
    pd.testing.assert_frame_equal(back, tables["chains"])


def test_duckdb_joins_documents_and_chains(written):
    tables, out, files = written
    con = duckdb.connect(str(files["duckdb"]), read_only=True)
    rows = con.execute("""
        SELECT d.issuer_name, c.via FROM documents d JOIN chains c USING (source)
        WHERE c.directive = '07/CT-TTg@2023' AND d.issuer_level = 'xa' ORDER BY d.source""").fetchall()
    assert rows == [("Ủy ban nhân dân xã Cẩm Thành", "174/KH-UBND@2023:Cẩm Thủy"),
                    ("Ủy ban nhân dân xã Dân Tiến", "160/KH-UBND@2025:Thái Nguyên")]
    assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == set(tables)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        write_tables({}, tmp_path, formats=("pdf",))


# --- tables written in chunks, as `vanban run` writes them -------------------------------------------

@pytest.fixture(scope="module")
def chunked(seeds_dir, tmp_path_factory):
    """The seeds' tables written whole and written from chunks of two rows (gold records leave
    whole columns empty, so chunks differ in dtype: the files must not)."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((seeds_dir / "gold").glob("*.json"))]
    errors = [{"source": f"scan{i}.pdf", "stage": "ingest", "kind": "scanned_no_ocr", "message": "no text"}
              for i in range(5)]
    linked = link_corpus(records)
    result = audit(linked)
    whole, parts = tmp_path_factory.mktemp("whole"), tmp_path_factory.mktemp("chunks")
    tables = build_tables(records, errors, linked, result)
    write_tables(tables, whole)
    chunks = list(table_chunks(records, errors, linked, result, chunk_rows=2))
    assert len(chunks) > 2 * len(tables)
    write_tables(chunks, parts, order=table_names(audited=True))
    return tables, whole, parts


def test_chunks_give_the_files_whole_tables_give(chunked):
    tables, whole, parts = chunked
    for name in tables:
        assert (parts / "csv" / f"{name}.csv").read_bytes() == (whole / "csv" / f"{name}.csv").read_bytes(), name
        back = pd.read_parquet(parts / "parquet" / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, pd.read_parquet(whole / "parquet" / f"{name}.parquet"), check_exact=True)
        assert pq.read_schema(parts / "parquet" / f"{name}.parquet").equals(
            pq.read_schema(whole / "parquet" / f"{name}.parquet"), check_metadata=True), name
    cons = [duckdb.connect(str(d / "vanban.duckdb"), read_only=True) for d in (whole, parts)]
    for name in tables:
        described = [con.execute(f'DESCRIBE "{name}"').fetchall() for con in cons]
        assert described[0] == described[1], name
        rows = [con.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for con in cons]
        assert rows[0] == rows[1], name
    books = [openpyxl.load_workbook(d / "vanban.xlsx") for d in (whole, parts)]
    assert books[0].sheetnames == books[1].sheetnames == list(tables)
    for name in tables:
        sheets = [b[name] for b in books]
        assert [list(r) for r in sheets[0].iter_rows(values_only=True)] == \
            [list(r) for r in sheets[1].iter_rows(values_only=True)], name
        assert {k: v.width for k, v in sheets[0].column_dimensions.items()} == \
            {k: v.width for k, v in sheets[1].column_dimensions.items()}, name
        assert sheets[1].freeze_panes == "A2" and sheets[1].auto_filter.ref == sheets[0].auto_filter.ref


def test_chunked_csv_has_one_bom_and_no_spool_is_left(chunked):
    tables, whole, parts = chunked
    data = (parts / "csv" / "sections.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert data.count(b"source,section_index") == 1        # one header
    assert not list(parts.glob(".spool-*"))


def test_a_sheet_longer_than_excel_allows_is_cut_with_a_note(monkeypatch, tmp_path):
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)
    df = pd.DataFrame({"source": [f"{i}.txt" for i in range(7)], "n": pd.array(range(7), dtype="Int64")})
    files = write_tables([("documents", df.iloc[:4]), ("documents", df.iloc[4:])], tmp_path)
    rows = list(openpyxl.load_workbook(files["xlsx"])["documents"].iter_rows(values_only=True))
    assert rows[:4] == [("source", "n"), ("0.txt", 0), ("1.txt", 1), ("2.txt", 2)]
    assert rows[4][0] == "cut at 3 of 7 rows: see the csv/parquet files" and len(rows) == 5
    assert len(pd.read_parquet(files["parquet"] / "documents.parquet")) == 7      # the other formats hold it all


def test_text_longer_than_a_cell_is_cut_and_the_cells_after_it_are_written(tmp_path):
    df = pd.DataFrame({"source": ["a.txt"], "printed_in": ["x" * 40_000], "cited_by": pd.array([3], dtype="Int64")})
    files = write_tables({"instruments": df}, tmp_path, formats=("xlsx",))
    [_, row] = openpyxl.load_workbook(files["xlsx"])["instruments"].iter_rows(values_only=True)
    assert row == ("a.txt", "x" * 32_767, 3)
