"""Tables -> files: one workbook (a sheet per table), CSV and Parquet per table, one DuckDB file.

    write_tables(tables, "out/")      # out/vanban.xlsx, out/csv/*.csv, out/parquet/*.parquet, out/vanban.duckdb

Tables come whole (name -> DataFrame) or in chunks, as `tables.table_chunks` makes them while it
reads the records: a table's chunks after its first wait on disk until every chunk is made (a
column's dtype in the whole table is only known then), and then each table goes to every format
chunk by chunk. Memory holds one chunk per table, never a whole table: at 100k documents the
tables are 3.5M rows.

CSV is UTF-8 with a BOM ("utf-8-sig") so that Excel opens Vietnamese text correctly; read it back
with `pd.read_csv(path, encoding="utf-8-sig")`. Excel holds at most 1,048,576 rows a sheet: a longer
table is cut there in the workbook (and says so in its last row); the other formats hold it all.
"""
from __future__ import annotations

import datetime as dt
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .tables import column_dtype

FORMATS = ("xlsx", "csv", "parquet", "duckdb")
EXCEL_MAX_ROWS = 1_048_576 - 2      # the header and the "cut here" row
MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE = 200                  # rows looked at to size a column


def write_tables(tables: Mapping[str, pd.DataFrame] | Iterable[tuple[str, pd.DataFrame]], out_dir: str | Path,
                 formats: Iterable[str] = FORMATS, order: Iterable[str] | None = None) -> dict[str, Path]:
    """Write every table in each format; returns what was written, by format.

    `tables`: whole tables by name, or (name, chunk) pairs (a table's chunks in row order, tables
    interleaved). Tables are written, and the workbook's sheets made, in `order` (by default the
    order the tables first come in).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {FORMATS}")
    pairs = tables.items() if isinstance(tables, Mapping) else tables
    order = list(order or ())
    with tempfile.TemporaryDirectory(prefix=".spool-", dir=out) as tmp:
        spool = _Spool(Path(tmp))
        for name, chunk in pairs:
            spool.add(name, chunk)
        opened = {fmt: sink(out) for fmt, sink in _SINKS.items() if fmt in formats}
        try:
            for name in order + [n for n in spool.tables if n not in order]:
                chunks = spool.chunks(name)
                for sink in opened.values():
                    sink.begin(name, spool.tables[name])
                for chunk in chunks:
                    for sink in opened.values():
                        sink.write(chunk)
                for sink in opened.values():
                    sink.end()
        finally:
            for sink in opened.values():
                sink.close()
    return {fmt: sink.path for fmt, sink in opened.items()}


# --- the spool: chunks until every one is made ----------------------------------------------------

@dataclass(slots=True)
class _Table:
    """What the spool knows of one table: its first chunk, the files of the others, each chunk's
    dtypes (with whether the column has a value in it), and the dtypes of the whole table."""
    first: pd.DataFrame
    files: list[Path] = field(default_factory=list)
    seen: list[dict[str, tuple[object, bool]]] = field(default_factory=list)
    rows: int = 0
    dtypes: dict[str, object] = field(default_factory=dict)


class _Spool:
    """A table's first chunk in memory (a table given whole never touches the disk), the others in
    pickle files: they are read back once, by this process, with the dtypes they had."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.tables: dict[str, _Table] = {}

    def add(self, name: str, chunk: pd.DataFrame) -> None:
        table = self.tables.get(name)
        if table is None:
            table = self.tables[name] = _Table(chunk)
        else:
            path = self.folder / f"{name}.{len(table.files)}.pkl"
            with path.open("wb") as f:
                pickle.dump(chunk, f, protocol=pickle.HIGHEST_PROTOCOL)
            table.files.append(path)
        table.seen.append({c: (chunk[c].dtype, bool(chunk[c].notna().any())) for c in chunk.columns})
        table.rows += len(chunk)

    def _stored(self, table: _Table) -> Iterator[pd.DataFrame]:
        yield table.first
        for path in table.files:
            with path.open("rb") as f:
                yield pickle.load(f)

    def chunks(self, name: str) -> Iterator[pd.DataFrame]:
        """The table's chunks with the dtypes of the whole table (see `tables.concat_chunks`)."""
        table = self.tables[name]
        for col in table.first.columns:
            table.dtypes[col] = column_dtype(
                [seen[col] for seen in table.seen],
                lambda col=col: [v for chunk in self._stored(table) for v in chunk[col].tolist()])
        return self._typed(table)

    def _typed(self, table: _Table) -> Iterator[pd.DataFrame]:
        for chunk in self._stored(table):
            differ = {c: t for c, t in table.dtypes.items() if str(chunk[c].dtype) != str(t)}
            yield chunk.astype(differ) if differ else chunk
        for path in table.files:     # written: the disk and memory it took are free again
            path.unlink()
        table.first = table.first.iloc[:0]


# --- the formats: each gets a table's chunks in order, between begin and end ------------------------

class _Csv:
    def __init__(self, out: Path):
        self.path = out / "csv"
        self.path.mkdir(parents=True, exist_ok=True)
        self.file = None

    def begin(self, name: str, table: _Table) -> None:
        # One handle per table: the BOM is written once, at its start.
        self.file = (self.path / f"{name}.csv").open("w", encoding="utf-8-sig", newline="")
        self.header = True

    def write(self, chunk: pd.DataFrame) -> None:
        chunk.to_csv(self.file, index=False, header=self.header)
        self.header = False

    def end(self) -> None:
        self.file.close()
        self.file = None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


class _Parquet:
    def __init__(self, out: Path):
        self.path = out / "parquet"
        self.path.mkdir(parents=True, exist_ok=True)
        self.writer = None

    def begin(self, name: str, table: _Table) -> None:
        self.file, self.writer = self.path / f"{name}.parquet", None

    def write(self, chunk: pd.DataFrame) -> None:
        # The first chunk's schema (with pandas' metadata, so that dtypes read back) holds for all.
        data = pa.Table.from_pandas(chunk, preserve_index=False, schema=self.schema if self.writer else None)
        if self.writer is None:
            self.schema = data.schema
            self.writer = pq.ParquetWriter(self.file, self.schema, compression="snappy")
        self.writer.write_table(data)

    def end(self) -> None:
        self.writer.close()
        self.writer = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class _DuckDB:
    def __init__(self, out: Path):
        import duckdb   # imported here: only this format needs it

        self.path = out / "vanban.duckdb"
        if self.path.exists():
            self.path.unlink()
        self.con = duckdb.connect(str(self.path))

    def begin(self, name: str, table: _Table) -> None:
        self.name, self.created = name, False

    def write(self, chunk: pd.DataFrame) -> None:
        # The table takes its column types from the first chunk; the others are appended.
        self.con.register("incoming", chunk)
        self.con.execute(f'INSERT INTO "{self.name}" SELECT * FROM incoming' if self.created else
                         f'CREATE TABLE "{self.name}" AS SELECT * FROM incoming')
        self.con.unregister("incoming")
        self.created = True

    def end(self) -> None:
        pass

    def close(self) -> None:
        self.con.close()


class _Xlsx:
    """xlsxwriter in constant-memory mode: each row goes to disk as the next one starts. Cells are
    those pandas' `to_excel` writes (a plain header, dates as yyyy-mm-dd, empty for missing)."""

    def __init__(self, out: Path):
        import xlsxwriter

        self.path = out / "vanban.xlsx"
        # Text that starts with "=" or looks like a URL stays text: a trích yếu is not a formula.
        self.book = xlsxwriter.Workbook(str(self.path), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "nan_inf_to_errors": True, "default_date_format": "yyyy-mm-dd"})

    def begin(self, name: str, table: _Table) -> None:
        self.sheet = self.book.add_worksheet(name[:31])
        self.columns = list(table.first.columns)
        self.rows, self.total = 0, table.rows
        self.sheet.write_row(0, 0, self.columns)
        self.sheet.freeze_panes(1, 0)
        self.sheet.autofilter(0, 0, max(min(self.total, EXCEL_MAX_ROWS), 1), max(len(self.columns) - 1, 0))
        dates = {c for c, t in table.dtypes.items() if pd.api.types.is_datetime64_any_dtype(t)}
        # Widths from the first rows: a date is 10 characters, anything else as its text.
        self.longest = [10 if c in dates else 0 for c in self.columns]
        self.sized = [c not in dates for c in self.columns]

    def write(self, chunk: pd.DataFrame) -> None:
        part = chunk.iloc[:EXCEL_MAX_ROWS - self.rows]
        # Python values (nullable columns as objects), None where missing: xlsxwriter leaves it empty.
        cells = part.astype(object).where(part.notna(), None)
        for col in part.columns[part.dtypes == object]:
            cells[col] = cells[col].map(_cell)
        for values in cells.itertuples(index=False, name=None):
            self.rows += 1
            if self.sheet.write_row(self.rows, 0, values):
                # write_row stops at a cell xlsxwriter cuts (text over 32,767 characters): the rest one by one.
                for i, value in enumerate(values):
                    self.sheet.write(self.rows, i, value)
            if self.rows <= WIDTH_SAMPLE:
                self.longest = [max(n, len(str(v))) if sized and v is not None else n
                                for n, v, sized in zip(self.longest, values, self.sized)]

    def end(self) -> None:
        for i, (col, longest) in enumerate(zip(self.columns, self.longest)):
            self.sheet.set_column(i, i, min(max(len(col), longest) + 2, MAX_COLUMN_WIDTH))
        if self.total > self.rows:
            self.sheet.write(self.rows + 1, 0, f"cut at {self.rows:,} of {self.total:,} rows: "
                                               "see the csv/parquet files")

    def close(self) -> None:
        self.book.close()


_SINKS = {"xlsx": _Xlsx, "csv": _Csv, "parquet": _Parquet, "duckdb": _DuckDB}


def _cell(value):
    """A value xlsxwriter writes as it is, or its text (as `to_excel` writes what is not a number,
    a truth value or a date)."""
    return value if value is None or isinstance(value, (str, bool, int, float, dt.date)) else str(value)
