"""Tables -> xlsx, csv (utf-8-sig), parquet and DuckDB, each read back."""
from __future__ import annotations

import json

import duckdb
import openpyxl
import pandas as pd
import pytest

from pipeline.audit import audit
from pipeline.export import write_tables
from pipeline.link import link_corpus
from pipeline.tables import build_tables


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
