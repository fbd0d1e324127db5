"""Throughput of vanban on fixed corpora (not a test: no assertion, just figures).

    .venv/bin/python bench/benchmark.py [--sections extract,pdf,growth,profile] [--sizes 1000,10000]
                                        [--work /tmp/vanban-bench] [--json results.json]

Sections:
- extract: text -> record per core, in memory (normalize + extract_record on strings; the median
  CPU time of several passes) and with file reading (engine.process_path), on the seeds + dev
  texts (../shared when present; also split into excerpts <= 2.5 KB and whole documents >= 8 KB)
  and on 1,000 synthetic plans and reports; MB/s and documents/s.
- pdf: pages/s of synthetic PDFs through pipeline.ingest (pypdfium2) and through pdfplumber.
- growth: a synthetic national cascade (txt), generated once; for the first 1k, 10k, 100k
  documents: extraction (2 processes), link (pipeline.link) and audit (pipeline.audit) times,
  to see whether cost grows linearly. Link and audit are skipped with a note when absent.
- profile: cProfile of the text -> record path; the functions that dominate.
Peak RSS (resource.getrusage) is reported at the end. Synthetic corpora are cached in --work.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline import synth  # noqa: E402
from pipeline.engine import Options, process_path, run_local  # noqa: E402
from pipeline.extract import extract_record  # noqa: E402
from pipeline.normalize import document_from_text  # noqa: E402

SHARED = Path(os.environ.get("VANBAN_SHARED", REPO.parent / "shared"))


def _real_texts() -> list[Path]:
    files = sorted((REPO / "corpus" / "seeds").glob("*.txt"))
    return files + sorted((SHARED / "corpus" / "dev").glob("*.txt"))


def _cascade(work: Path, name: str, **params) -> tuple[Path, dict]:
    """A synthetic cascade in work/name, generated once (its truth.json says it is complete)."""
    out = work / name
    if (out / "truth.json").is_file():
        return out, json.loads((out / "truth.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    truth = synth.generate(out, **params)
    dt = time.perf_counter() - t0
    print(f"  generated {name}: {truth['counts']['documents']:,} documents in {dt:.1f} s "
          f"({truth['counts']['documents'] / dt:,.0f} docs/s, formats {params.get('formats', ('txt',))})")
    return out, truth


def _memo_caches() -> list:
    """The pipeline's bounded memo caches (lru_cache with a maxsize: lines, headings, clauses seen
    before); unbounded ones (functools.cache) hold loaded lexicons and compiled tables."""
    return [f for name, mod in list(sys.modules.items()) if name.startswith("pipeline")
            for f in vars(mod).values()
            if hasattr(f, "cache_info") and f.cache_info().maxsize is not None]


def _timed_loop(texts: list[tuple[str, str]], min_seconds: float = 3.0) -> tuple[float, int]:
    """(CPU seconds per pass, passes) of normalize + extract over in-memory texts: the median
    pass of at least three, repeated >= min_seconds after one pass to warm up. CPU time
    (process_time) is the figure per core, whatever else runs on the machine. The memo caches
    are emptied before each pass, so that every pass meets the texts as new documents (a pass
    over the same texts again would find most lines in the caches: about 20 % faster)."""
    for name, text in texts:
        extract_record(document_from_text(text, name))
    caches = _memo_caches()
    times: list[float] = []
    while len(times) < 3 or sum(times) < min_seconds:
        for f in caches:
            f.cache_clear()
        t0 = time.process_time()
        for name, text in texts:
            extract_record(document_from_text(text, name))
        times.append(time.process_time() - t0)
    return statistics.median(times), len(times)


def bench_extract(work: Path, results: dict) -> None:
    print("== text -> record, one core")
    synth_dir, truth = _cascade(work, "synth-1k", provinces=4, years=(2023, 2026), seed=11,
                                districts_per_province=4, communes_per_parent=None)
    synth_files = sorted(synth_dir.glob("*.txt"))[:1000]
    real = _real_texts()
    # Half the dev texts are excerpts cut at 2,000 bytes, where the work done once a document
    # (header, closing, lexicon lookups) weighs most: the real texts by size as well.
    small = [f for f in real if f.stat().st_size <= 2500]
    whole = [f for f in real if f.stat().st_size >= 8000]
    for label, files in (("seeds+dev", real), ("<=2.5 KB", small), (">=8 KB", whole), ("synthetic", synth_files)):
        texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
        mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
        per_pass, passes = _timed_loop(texts)
        t0 = time.perf_counter()
        for f in files:
            process_path(str(f), Options(timeout=0))
        with_io = time.perf_counter() - t0
        row = {"documents": len(texts), "MB": round(mb, 3), "passes": passes,
               "in_memory_MB_s": round(mb / per_pass, 2), "in_memory_docs_s": round(len(texts) / per_pass, 1),
               "with_reading_MB_s": round(mb / with_io, 2), "with_reading_docs_s": round(len(texts) / with_io, 1)}
        results[f"extract/{label}"] = row
        print(f"  {label:10} {len(texts):5} docs {mb:6.2f} MB | in memory {row['in_memory_MB_s']:6.2f} MB/s "
              f"{row['in_memory_docs_s']:7.1f} docs/s | with reading {row['with_reading_MB_s']:6.2f} MB/s "
              f"{row['with_reading_docs_s']:7.1f} docs/s")


def bench_pdf(work: Path, results: dict) -> None:
    print("== PDF pages/s")
    out, truth = _cascade(work, "synth-pdf", provinces=1, years=(2023,), seed=5, formats=("pdf",),
                          districts_per_province=3, communes_per_parent=3)
    pdfs = sorted(out.glob("*.pdf"))
    import pdfplumber
    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)
    from pipeline.ingest import read
    t0 = time.perf_counter()
    for p in pdfs:
        read(str(p))
    ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in pdfs:
        with pdfplumber.open(str(p)) as pdf:
            for page in pdf.pages:
                page.extract_text()
    plumber = time.perf_counter() - t0
    results["pdf"] = {"files": len(pdfs), "pages": pages, "ingest_pages_s": round(pages / ingest, 1),
                      "pdfplumber_pages_s": round(pages / plumber, 1)}
    print(f"  {len(pdfs)} files, {pages} pages | pipeline.ingest (pypdfium2) {pages / ingest:7.1f} pages/s"
          f" | pdfplumber extract_text {pages / plumber:6.1f} pages/s")


def _link_audit():
    try:
        from pipeline.audit import audit
        from pipeline.link import link_corpus
        return link_corpus, audit
    except ImportError as e:
        return e, None


def bench_growth(work: Path, sizes: list[int], results: dict) -> None:
    print("== growth (synthetic national cascade, txt)")
    biggest = max(sizes)
    # all 63 provinces; enough years for the largest size (about 20k documents a legacy year,
    # 6k a year after the reorganisation)
    years = [2023, 2024] if biggest <= 40_000 else list(range(2023, 2023 + 3 + -(-(biggest - 49_000) // 6_000)))
    out, truth = _cascade(work, f"synth-{biggest}", provinces=None, years=years, seed=1,
                          districts_per_province=None, communes_per_parent=None)
    files = [str(out / d["file"]) for d in truth["documents"]]
    link_corpus, audit = _link_audit()
    if audit is None:
        print(f"  link/audit skipped: {link_corpus}")
    for n in sizes:
        part = files[:n]
        mb = sum(os.path.getsize(f) for f in part) / 1e6
        t0 = time.perf_counter()
        records = [row for kind, row in run_local(part, jobs=2, options=Options(timeout=0)) if kind == "record"]
        ext = time.perf_counter() - t0
        row = {"documents": len(part), "MB": round(mb, 1), "extract_s": round(ext, 2),
               "extract_docs_s": round(len(part) / ext, 1)}
        msg = f"  {len(part):7,} docs {mb:7.1f} MB | extract (2 procs) {ext:7.1f} s {len(part) / ext:7.0f} docs/s"
        if audit is not None:
            t0 = time.perf_counter()
            linked = link_corpus(records)
            row["link_s"] = round(time.perf_counter() - t0, 2)
            t0 = time.perf_counter()
            audit(linked, directive=truth["directive"]["key"])
            row["audit_s"] = round(time.perf_counter() - t0, 2)
            msg += f" | link {row['link_s']:6.1f} s | audit {row['audit_s']:6.1f} s"
        results[f"growth/{n}"] = row
        print(msg, flush=True)
        del records


def bench_profile(work: Path, results: dict) -> None:
    print("== profile of text -> record (cProfile, seeds+dev, 5 passes)")
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in _real_texts()]
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(5):
        for name, text in texts:
            extract_record(document_from_text(text, name))
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime")
    stats.print_stats(15)
    total = sum(v[2] for v in stats.stats.values())
    by_module: dict[str, float] = {}
    for (file, _, _), v in stats.stats.items():
        by_module[file] = by_module.get(file, 0.0) + v[2]
    top = sorted(by_module.items(), key=lambda kv: -kv[1])[:8]
    results["profile"] = {"total_s": round(total, 3),
                          "by_file_tottime": {k: round(v / total, 3) for k, v in top}}
    print("  share of own time by file: " + ", ".join(f"{k} {v / total:.0%}" for k, v in top))
    print("\n".join(buf.getvalue().splitlines()[:40]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sections", default="extract,pdf,growth,profile")
    ap.add_argument("--sizes", default="1000,10000",
                    help="growth sizes in documents (default %(default)s, about 3 minutes on 2 cores; "
                         "add 100000 for the national scale: about 12 minutes)")
    ap.add_argument("--work", default="/tmp/vanban-bench", help="where synthetic corpora are cached")
    ap.add_argument("--json", help="write the figures here")
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    sections = a.sections.split(",")
    if "extract" in sections:
        bench_extract(work, results)
    if "pdf" in sections:
        bench_pdf(work, results)
    if "growth" in sections:
        bench_growth(work, [int(x) for x in a.sizes.split(",")], results)
    if "profile" in sections:
        bench_profile(work, results)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results["peak_rss_MB"] = {"main": round(rss), "largest_child": round(kids)}
    print(f"== peak RSS: main process {rss:.0f} MB, largest worker {kids:.0f} MB")
    if a.json:
        Path(a.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
