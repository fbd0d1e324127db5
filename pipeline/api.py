"""The Python API that the CLI and notebooks call.

    from pipeline import api
    rec = api.extract_text("Số: 12/KH-UBND ...")            # a Record from a string
    for kind, row in api.extract(["corpus/"]): ...          # ("record" | "error", dict), input order
"""
from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .audit import AuditResult
from .audit import audit as audit_corpus

from .engine import DEFAULT_TIMEOUT, Options, run_dask, run_local
from .export import FORMATS, write_tables
from .extract import extract_record
from .ingest import MAX_BYTES, read, supported_extensions
from .link import link_corpus
from .model import Record
from .normalize import document_from_text
from .tables import table_chunks, table_names

DEFAULT_DIRECTIVE = "07/CT-TTg@2023"

# Files a folder walk passes over: project notes, not documents.
_NOT_DOCUMENTS = ("readme", "license", "changelog")


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files as given, folders walked recursively (documents by extension), globs expanded.

    A path that matches nothing is kept, so that it becomes an error row ("no such file"),
    never a silent loss.
    """
    exts = set(supported_extensions())
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = len(out)
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith(".") or Path(f).stem.lower() in _NOT_DOCUMENTS:
                        continue
                    if Path(f).suffix.lower() in exts:
                        out.append(os.path.join(root, f))
            if len(out) == found:
                out.append(p)        # reported by the reader: a folder without documents
        elif not os.path.exists(p) and glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            out.extend(expand_paths(matches) if matches else [p])
        else:
            out.append(p)
    return out


def extract_text(text: str, source: str = "<text>") -> Record:
    """The record of a document given as a string."""
    return extract_record(document_from_text(text, source))


def extract_file(path: str) -> Record:
    """The record of one file; raises `VanbanError` when the file cannot be read."""
    return extract_record(read(path))


def extract(paths: Iterable[str], *, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
            max_bytes: int = MAX_BYTES, engine: str = "local",
            scheduler: str | None = None) -> Iterator[tuple[str, dict]]:
    """("record", record) or ("error", error row) for every input file, in input order.

    engine "local": `jobs` processes on this machine; "dask": a Dask cluster at `scheduler`
    (or a local one with `jobs` workers when no address is given).
    """
    options = Options(timeout=timeout, max_bytes=max_bytes)
    files = expand_paths(paths)
    if engine == "dask":
        return run_dask(files, options, scheduler=scheduler, workers=jobs if jobs > 1 else None)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    return run_local(files, jobs=jobs, options=options)


# --- the whole job: records, links, audit, tables ------------------------------------------------

@dataclass(slots=True)
class RunResult:
    """What `run` wrote."""
    out_dir: Path
    records: int
    errors: int
    files: dict[str, Path]
    audit: AuditResult


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


class _JsonlRows:
    """A JSON Lines file that can be iterated more than once, one row in memory at a time."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self) -> Iterator[dict]:
        return _read_jsonl(self.path)


def write_records(results: Iterable[tuple[str, dict]], records_path: Path, errors_path: Path,
                  on_result=None) -> tuple[int, int]:
    """Stream extraction results into two JSON Lines files; (records, errors) written."""
    n = {"record": 0, "error": 0}
    records_path.parent.mkdir(parents=True, exist_ok=True)
    with records_path.open("w", encoding="utf-8") as rec_f, errors_path.open("w", encoding="utf-8") as err_f:
        for kind, row in results:
            (rec_f if kind == "record" else err_f).write(json.dumps(row, ensure_ascii=False) + "\n")
            n[kind] += 1
            if on_result:
                on_result(kind, row)
    return n["record"], n["error"]


def run(paths: Iterable[str], out_dir: str | Path, *, directive: str = DEFAULT_DIRECTIVE,
        formats: Iterable[str] = FORMATS, provinces: str | Iterable[str] = "corpus",
        on_result=None, **extract_options) -> RunResult:
    """Extract every document, link the corpus, audit `directive`, and write all tables.

    Records stream to OUT/records.jsonl and errors to OUT/errors.jsonl; the later stages read
    them back from there, and the tables go to their files in chunks as they are made, so memory
    holds neither every record nor every table at once.
    """
    out = Path(out_dir)
    records_path, errors_path = out / "records.jsonl", out / "errors.jsonl"
    n_rec, n_err = write_records(extract(paths, **extract_options), records_path, errors_path, on_result)
    records, errors = _JsonlRows(records_path), _JsonlRows(errors_path)
    linked = link_corpus(records)
    result = audit_corpus(linked, directive=directive, provinces=provinces)
    chunks = table_chunks(records, errors, linked, result)
    del linked      # the chunks hold it until their last row; writing the files after that does not need it
    files = write_tables(chunks, out, formats, order=table_names(audited=True))
    return RunResult(out, n_rec, n_err, files, result)


def load_records(path: str | Path) -> Iterable[dict]:
    """Records of a previous run (its OUT folder or records.jsonl), re-iterable."""
    p = Path(path)
    return _JsonlRows(p / "records.jsonl" if p.is_dir() else p)


def audit(source: Iterable[dict], directive: str = DEFAULT_DIRECTIVE,
          provinces: str | Iterable[str] = "corpus") -> AuditResult:
    """The audit of `directive` over records (from `extract`, `load_records` or gold files)."""
    return audit_corpus(link_corpus(source), directive=directive, provinces=provinces)
