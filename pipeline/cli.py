"""The `vanban` command: argument parsing, progress, output files, exit codes; nothing else.

Exit codes: 0 every file was read, 1 some files failed (every output is still written,
failures are rows of the errors file), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import api
from .engine import DEFAULT_TIMEOUT
from .export import FORMATS, write_tables
from .ingest import MAX_BYTES, supported_extensions

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (walked recursively) or globs ('corpus/**/*.pdf')")
    p.add_argument("-j", "--jobs", type=int, default=1,
                   help="worker processes (default 1; 0 = one per core)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="seconds allowed per file before it is stopped and reported (default %(default)g; 0 = none)")
    p.add_argument("--max-size", type=float, default=MAX_BYTES / 1e6, metavar="MB",
                   help="files larger than this are reported, not read (default %(default)g MB)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); default: a local cluster")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="vanban",
        description="Vietnamese administrative documents (KH, BC, CV, QĐ, news items) -> records and linked tables.",
        epilog="Readable formats: " + ", ".join(supported_extensions()) +
               ". Run 'vanban COMMAND --help' for the options of a command.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract", help="one record per document (JSON Lines or a JSON array)",
        description="Read documents and write one record per document, in the shape of RECORD.md. "
                    "Files that cannot be read become rows of the errors file; the batch goes on.")
    _common(ex)
    ex.add_argument("--format", choices=["jsonl", "json"], default="jsonl",
                    help="JSON Lines (default) or one JSON array")
    ex.add_argument("-o", "--output", metavar="FILE",
                    help="write records here (default: standard output)")
    ex.add_argument("--errors", metavar="FILE",
                    help="write error rows here, one JSON object a line "
                         "(default with -o: FILE with .errors.jsonl in place of its extension; "
                         "without -o: one line each on standard error)")
    ex.set_defaults(func=cmd_extract)

    run = sub.add_parser(
        "run", help="the main job: records, links, audit and every table (xlsx, csv, parquet, DuckDB)",
        description="Extract every document, link the corpus (each plan to the directive it implements), "
                    "audit a directive, and write OUT/records.jsonl, OUT/errors.jsonl, OUT/vanban.xlsx, "
                    "OUT/csv/*.csv (UTF-8 with BOM), OUT/parquet/*.parquet and OUT/vanban.duckdb.")
    _common(run)
    run.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder (created)")
    _audit_options(run)
    run.add_argument("--formats", default=",".join(FORMATS),
                     help="table formats to write, comma-separated (default %(default)s)")
    run.set_defaults(func=cmd_run)

    au = sub.add_parser(
        "audit", help="which localities implemented a directive, when, through which plans; flags",
        description="Audit a directive over a corpus: PATH is the OUT folder of 'vanban run' (or its "
                    "records.jsonl), or documents to extract first. Prints the summary per province and "
                    "the flagged documents; with -o, writes the matrix, summary, flags and coverage tables.")
    au.add_argument("paths", nargs="+", metavar="PATH")
    _audit_options(au)
    au.add_argument("-o", "--out", metavar="OUT", help="write the audit tables to this folder")
    au.add_argument("-j", "--jobs", type=int, default=1, help="worker processes when extracting")
    au.set_defaults(func=cmd_audit)

    ev = sub.add_parser(
        "eval", help="score extraction against gold records; gains and losses against a baseline run",
        description="Extract PATH... (or take --pred) and score the records against the gold records in "
                    "--gold (NAME.json for document NAME.*), with the definitions of the client's score.py. "
                    "Prints precision/recall/F1 per field and every miss (file | field | expected | got); "
                    "with --baseline, the gains and losses per document and field against that saved run.")
    ev.add_argument("paths", nargs="*", metavar="PATH", help="documents to extract and score")
    ev.add_argument("--gold", required=True, metavar="DIR", action="append",
                    help="folder of gold records (NAME.json); repeat it to score several folders at once")
    ev.add_argument("--pred", metavar="FILE", help="score these records (JSON Lines) instead of extracting")
    ev.add_argument("--baseline", metavar="FILE", help="a saved run (JSON Lines) to compare with")
    ev.add_argument("--save", metavar="FILE", help="write this run's records here (e.g. a new baseline)")
    ev.add_argument("--directive", default=api.DEFAULT_DIRECTIVE, help="directive for the 'implements' score")
    ev.add_argument("--no-misses", action="store_true", help="scores only, without the list of misses")
    ev.add_argument("--json", action="store_true", help="print the scores (and comparison) as JSON")
    ev.add_argument("-j", "--jobs", type=int, default=1, help="worker processes when extracting")
    ev.set_defaults(func=cmd_eval)

    sy = sub.add_parser(
        "synth", help="generate a synthetic national cascade of plans and reports with its ground truth",
        description="Write a realistic cascade under one directive from the official list of administrative "
                    "units (province plans, district plans, commune plans, reports; silent units, drafts, "
                    "misprints, date contradictions, web chrome), and OUT/truth.json.")
    sy.add_argument("out", metavar="OUT", help="output folder")
    sy.add_argument("--directive", default=api.DEFAULT_DIRECTIVE)
    sy.add_argument("--provinces", default="2",
                    help="how many provinces (a number), 'all', or names separated by commas (default 2)")
    sy.add_argument("--years", default="2023,2026", help="years to generate, comma-separated (default %(default)s)")
    sy.add_argument("--seed", type=int, default=0)
    sy.add_argument("--formats", default="txt", help="txt,docx,pdf (documents spread over them; default txt)")
    sy.add_argument("--districts", default="3", help="districts per province, or 'all' (default 3)")
    sy.add_argument("--communes", default="4", help="communes per district (or province after 2025), or 'all'")
    for name, default in (("silent", .08), ("drafts", .05), ("typos", .05), ("contradictions", .03), ("chrome", .1)):
        sy.add_argument(f"--{name}", type=float, default=default, help=f"fraction of units (default {default:g})")
    sy.set_defaults(func=cmd_synth)
    return ap


def _audit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--directive", default=api.DEFAULT_DIRECTIVE,
                   help="the directive's key, symbol@year (default %(default)s)")
    p.add_argument("--provinces", default="corpus",
                   help="localities in the matrix: 'corpus' (provinces with documents, default), "
                        "'all', or province names separated by commas")


class _Progress:
    """A progress bar on a terminal; silent in pipes, CI and with --quiet."""

    def __init__(self, total: int, quiet: bool):
        self.bar = None
        if not quiet and sys.stderr.isatty() and not os.environ.get("CI"):
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)

    def update(self) -> None:
        if self.bar:
            self.bar.update()

    def close(self) -> None:
        if self.bar:
            self.bar.close()


def _jobs(n: int) -> int:
    return os.cpu_count() or 1 if n == 0 else max(n, 1)


def cmd_extract(args: argparse.Namespace) -> int:
    paths = api.expand_paths(args.paths)
    out_path = None if args.output in (None, "-") else Path(args.output)
    err_path = Path(args.errors) if args.errors else (out_path.with_suffix(".errors.jsonl") if out_path else None)
    for p in (out_path, err_path):
        if p is not None:
            p.parent.mkdir(parents=True, exist_ok=True)
    out = out_path.open("w", encoding="utf-8") if out_path else sys.stdout
    err = err_path.open("w", encoding="utf-8") if err_path else None
    progress = _Progress(len(paths), args.quiet)
    n_rec = n_err = 0
    try:
        if args.format == "json":
            out.write("[")
        results = api.extract(paths, jobs=_jobs(args.jobs), timeout=args.timeout,
                              max_bytes=int(args.max_size * 1e6), engine=args.engine,
                              scheduler=args.scheduler)
        for kind, row in results:
            progress.update()
            if kind == "record":
                line = json.dumps(row, ensure_ascii=False)
                if args.format == "json":
                    out.write(("," if n_rec else "") + "\n" + line)
                else:
                    out.write(line + "\n")
                n_rec += 1
            else:
                n_err += 1
                if err:
                    err.write(json.dumps(row, ensure_ascii=False) + "\n")
                else:
                    print(f"error: {row['message']} [{row['stage']}/{row['kind']}]", file=sys.stderr)
        if args.format == "json":
            out.write("\n]\n")
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
        if err:
            err.close()
    summary = f"{n_rec} records, {n_err} errors"
    if n_err and err_path:
        summary += f" (see {err_path})"
    if not args.quiet:
        print(summary, file=sys.stderr)
    return EXIT_SOME_FAILED if n_err else EXIT_OK


def _provinces(value: str):
    return value if value in ("corpus", "all") else [v.strip() for v in value.split(",") if v.strip()]


def cmd_run(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        print(f"vanban run: unknown format(s) {', '.join(sorted(unknown))} (choose from {', '.join(FORMATS)})",
              file=sys.stderr)
        return EXIT_USAGE
    paths = api.expand_paths(args.paths)
    progress = _Progress(len(paths), args.quiet)
    try:
        result = api.run(paths, args.out, directive=args.directive, formats=formats,
                         provinces=_provinces(args.provinces), on_result=lambda k, r: progress.update(),
                         jobs=_jobs(args.jobs), timeout=args.timeout, max_bytes=int(args.max_size * 1e6),
                         engine=args.engine, scheduler=args.scheduler)
    finally:
        progress.close()
    if not args.quiet:
        print(f"{result.records} records, {result.errors} errors -> {result.out_dir}/", file=sys.stderr)
        for fmt, path in result.files.items():
            print(f"  {fmt:8} {path}", file=sys.stderr)
        _print_audit(result.audit, sys.stderr)
    return EXIT_SOME_FAILED if result.errors else EXIT_OK


def _print_audit(result, stream) -> None:
    print(f"\nAudit of {result.directive} (issued {result.directive_date or 'date unknown'}):", file=stream)
    if len(result.summary):
        print(result.summary.to_string(index=False), file=stream)
    else:
        print("  no locality of the official list was found in the corpus", file=stream)
    if len(result.flags):
        print(f"\n{len(result.flags)} flags:", file=stream)
        print(result.flags[["source", "kind", "message"]].to_string(index=False, max_colwidth=90), file=stream)


def cmd_audit(args: argparse.Namespace) -> int:
    n_err = 0
    single = Path(args.paths[0]) if len(args.paths) == 1 else None
    if single is not None and ((single / "records.jsonl").is_file() or single.suffix == ".jsonl"):
        records = api.load_records(single)
    else:
        records, errors = [], []
        for kind, row in api.extract(args.paths, jobs=_jobs(args.jobs)):
            (records if kind == "record" else errors).append(row)
        for e in errors:
            print(f"error: {e['message']} [{e['stage']}/{e['kind']}]", file=sys.stderr)
        n_err = len(errors)
    result = api.audit(records, directive=args.directive, provinces=_provinces(args.provinces))
    _print_audit(result, sys.stdout)
    if args.out:
        tables = {"matrix": result.matrix, "matrix_summary": result.summary, "audit": result.flags,
                  "coverage": result.coverage}
        for fmt, path in write_tables(tables, args.out).items():
            print(f"  {fmt:8} {path}", file=sys.stderr)
    return EXIT_SOME_FAILED if n_err else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluate
    golds: dict[str, dict] = {}
    for gold_dir in args.gold:
        if not Path(gold_dir).is_dir():
            print(f"vanban eval: --gold {gold_dir}: no such folder", file=sys.stderr)
            return EXIT_USAGE
        found = evaluate.load_golds(gold_dir)
        if clash := sorted(golds.keys() & found.keys()):
            print(f"vanban eval: --gold {gold_dir}: {clash[0]}.json is also in another gold folder "
                  "(documents are matched by name)", file=sys.stderr)
            return EXIT_USAGE
        golds |= found
    n_err = 0
    if args.pred:
        preds = evaluate.load_preds(args.pred)
    elif args.paths:
        records, n_err = [], 0
        for kind, row in api.extract(args.paths, jobs=_jobs(args.jobs)):
            if kind == "record":
                records.append(row)
            else:
                n_err += 1
                print(f"error: {row['message']} [{row['stage']}/{row['kind']}]", file=sys.stderr)
        if args.save:
            Path(args.save).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                       encoding="utf-8")
        preds = {Path(r["source"]).stem: r for r in records}
    else:
        print("vanban eval: give documents to extract (PATH...) or --pred FILE", file=sys.stderr)
        return EXIT_USAGE
    scores = evaluate.score(golds, preds, args.directive)
    diff = evaluate.compare(evaluate.load_preds(args.baseline), preds, golds, args.directive) \
        if args.baseline else None
    if args.json:
        out = {"scores": scores}
        if diff:
            out["delta"] = diff["delta"]
            out["gains"] = [_miss_dict(m) for m in diff["gains"]]
            out["losses"] = [_miss_dict(m) for m in diff["losses"]]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        rows = None if args.no_misses else evaluate.misses(golds, preds, args.directive)
        print(evaluate.report(scores, rows))
        if diff:
            print("\n" + evaluate.compare_report(diff))
    return EXIT_SOME_FAILED if n_err else EXIT_OK


def _miss_dict(m) -> dict:
    return {"file": m.file, "field": m.field, "expected": m.expected, "got": m.got}


def _count(value: str) -> int | None:
    return None if value == "all" else int(value)


def cmd_synth(args: argparse.Namespace) -> int:
    from . import synth
    prov = args.provinces
    provinces = None if prov == "all" else int(prov) if prov.isdigit() else [p.strip() for p in prov.split(",")]
    try:
        years = [int(y) for y in args.years.split(",")]
        truth = synth.generate(args.out, directive=args.directive, provinces=provinces, years=years,
                               seed=args.seed, formats=[f.strip() for f in args.formats.split(",")],
                               districts_per_province=_count(args.districts),
                               communes_per_parent=_count(args.communes), silent=args.silent,
                               drafts=args.drafts, typos=args.typos, contradictions=args.contradictions,
                               chrome=args.chrome)
    except ValueError as e:
        print(f"vanban synth: {e}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(truth["counts"], ensure_ascii=False, indent=1))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:         # `vanban ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as e:   # an output file that cannot be written is a usage problem, not a traceback
        print(f"vanban: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
