"""Tables -> files: one workbook (a sheet per table), CSV and Parquet per table, one DuckDB file.

    write_tables(tables, "out/")      # out/vanban.xlsx, out/csv/*.csv, out/parquet/*.parquet, out/vanban.duckdb

CSV is UTF-8 with a BOM ("utf-8-sig") so that Excel opens Vietnamese text correctly; read it back
with `pd.read_csv(path, encoding="utf-8-sig")`. Excel holds at most 1,048,576 rows a sheet: a longer
table is cut there in the workbook (and says so in its last row); the other formats hold it all.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

FORMATS = ("xlsx", "csv", "parquet", "duckdb")
EXCEL_MAX_ROWS = 1_048_576 - 2      # the header and the "cut here" row
MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE = 200                  # rows looked at to size a column


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path,
                 formats: Iterable[str] = FORMATS) -> dict[str, Path]:
    """Write every table in each format; returns what was written, by format."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {FORMATS}")
    written: dict[str, Path] = {}
    if "xlsx" in formats:
        written["xlsx"] = _xlsx(tables, out / "vanban.xlsx")
    if "csv" in formats:
        written["csv"] = _per_table(tables, out / "csv", "csv",
                                    lambda df, p: df.to_csv(p, index=False, encoding="utf-8-sig"))
    if "parquet" in formats:
        written["parquet"] = _per_table(tables, out / "parquet", "parquet",
                                        lambda df, p: df.to_parquet(p, index=False, engine="pyarrow"))
    if "duckdb" in formats:
        written["duckdb"] = _duckdb(tables, out / "vanban.duckdb")
    return written


def _per_table(tables: dict[str, pd.DataFrame], folder: Path, ext: str, write) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        write(df, folder / f"{name}.{ext}")
    return folder


def _width(df: pd.DataFrame, col: str) -> int:
    sample = df[col].head(WIDTH_SAMPLE)
    longest = max((len(str(v)) for v in sample if not _missing(v)), default=0)
    if pd.api.types.is_datetime64_any_dtype(df[col]):
        longest = 10
    return min(max(len(col), longest) + 2, MAX_COLUMN_WIDTH)


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _xlsx(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    # Text that starts with "=" or looks like a URL stays text: a trích yếu is not a formula.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": True}
    with pd.ExcelWriter(path, engine="xlsxwriter", datetime_format="yyyy-mm-dd", date_format="yyyy-mm-dd",
                        engine_kwargs={"options": options}) as writer:
        for name, df in tables.items():
            sheet = name[:31]
            cut = len(df) > EXCEL_MAX_ROWS
            part = df.iloc[:EXCEL_MAX_ROWS]
            # Nullable columns go out as plain objects: xlsxwriter writes None as an empty cell.
            part = part.astype({c: object for c in part.columns
                                if isinstance(part[c].dtype, pd.api.extensions.ExtensionDtype)})
            part = part.where(part.notna(), None) if len(part) else part
            part.to_excel(writer, sheet_name=sheet, index=False, freeze_panes=(1, 0))
            ws = writer.sheets[sheet]
            ws.autofilter(0, 0, max(len(part), 1), max(len(df.columns) - 1, 0))
            for i, col in enumerate(df.columns):
                ws.set_column(i, i, _width(part, col))
            if cut:
                ws.write(len(part) + 1, 0, f"cut at {len(part):,} of {len(df):,} rows: see the csv/parquet files")
    return path


def _duckdb(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    import duckdb   # imported here: only this format needs it

    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        for name, df in tables.items():
            con.register("incoming", df)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
            con.unregister("incoming")
    finally:
        con.close()
    return path
