"""Time and peak memory of the corpus-wide stages (link, audit, tables written to files) at growing sizes.

    .venv/bin/python bench/bench_link.py --records RECORDS.jsonl [--sizes 1000,10000,100000]
    .venv/bin/python bench/bench_link.py --truth DIR/truth.json  [--sizes ...]

Records come from a JSON Lines file of extracted records (`vanban extract ... --format jsonl`, or a
run's records.jsonl), or are the expected records of a synthetic cascade's truth.json (no
extraction: they lack mentions, dates and tasks, so tables are smaller). Each size runs in its
own process, reading the first N records from a JSON Lines file as `api.run` does (an iterator,
read again for the tables), so that peak RSS (resource.getrusage) belongs to that size alone.
The tables go to every format (--formats) in a temporary folder, as `vanban run` writes them:
in chunks, never whole. Not a test: it prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(records: Path, n: int, directive: str, formats: list[str]) -> dict:
    """Link, audit and tables (written out) over the first `n` records of a JSON Lines file, in this process."""
    from pipeline.audit import audit
    from pipeline.export import write_tables
    from pipeline.gazetteer import gazetteer
    from pipeline.link import link_corpus
    from pipeline.tables import table_chunks, table_names

    class FirstRows:
        def __iter__(self):
            with records.open(encoding="utf-8") as f:
                for line in itertools.islice(f, n):
                    yield json.loads(line)

    rows = FirstRows()
    gazetteer()
    out = {"documents": n, "start_peak_MB": round(_peak_mb())}
    t0 = time.perf_counter()
    linked = link_corpus(rows)
    out["link_s"], out["link_peak_MB"] = round(time.perf_counter() - t0, 2), round(_peak_mb())
    t0 = time.perf_counter()
    result = audit(linked, directive=directive)
    out["audit_s"], out["audit_peak_MB"] = round(time.perf_counter() - t0, 2), round(_peak_mb())
    t0 = time.perf_counter()
    counted = {"rows": 0}

    def chunks():
        for name, df in table_chunks(rows, [], linked, result):
            counted["rows"] += len(df)
            yield name, df

    with tempfile.TemporaryDirectory() as tmp:
        write_tables(chunks(), tmp, formats, order=table_names(audited=True))
        out["files_MB"] = round(sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file()) / 1e6)
    out["tables_s"], out["tables_peak_MB"] = round(time.perf_counter() - t0, 2), round(_peak_mb())
    out["table_rows"] = counted["rows"]
    return out


def _from_truth(truth: Path, n: int, into: Path) -> Path:
    """The first `n` expected records of a cascade's truth.json as JSON Lines."""
    docs = json.loads(truth.read_text(encoding="utf-8"))["documents"][:n]
    with into.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d["record"], ensure_ascii=False) + "\n")
    return into


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--records", type=Path, help="JSON Lines of extracted records")
    src.add_argument("--truth", type=Path, help="a synthetic cascade's truth.json (its expected records)")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--directive", default="07/CT-TTg@2023")
    ap.add_argument("--formats", default="xlsx,csv,parquet,duckdb", help="formats the tables are written in")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)    # the child: measure one size
    ap.add_argument("--json", type=Path, help="write the figures here")
    a = ap.parse_args()
    if a.one is not None:
        print(json.dumps(measure(a.records, a.one, a.directive, a.formats.split(","))))
        return 0
    sizes = [int(s) for s in a.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        records = a.records or _from_truth(a.truth, max(sizes), Path(tmp) / "records.jsonl")
        results = []
        for n in sizes:
            child = subprocess.run([sys.executable, __file__, "--records", str(records), "--one", str(n),
                                    "--directive", a.directive, "--formats", a.formats],
                                   capture_output=True, text=True, check=True)
            row = json.loads(child.stdout.strip().splitlines()[-1])
            results.append(row)
            print(f"{n:>8,} docs | link {row['link_s']:6.1f} s (peak {row['link_peak_MB']:5} MB) | audit "
                  f"{row['audit_s']:5.1f} s (peak {row['audit_peak_MB']:5} MB) | tables to files {row['tables_s']:5.1f} s "
                  f"(peak {row['tables_peak_MB']:5} MB; {row['table_rows']:,} rows, {row['files_MB']} MB of files)",
                  flush=True)
    if a.json:
        a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
