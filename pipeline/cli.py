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
    return ap


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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as e:   # an output file that cannot be written is a usage problem, not a traceback
        print(f"vanban: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
