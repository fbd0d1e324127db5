"""The Python API that the CLI and notebooks call.

    from pipeline import api
    rec = api.extract_text("Số: 12/KH-UBND ...")            # a Record from a string
    for kind, row in api.extract(["corpus/"]): ...          # ("record" | "error", dict), input order
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .engine import DEFAULT_TIMEOUT, Options, run_dask, run_local
from .extract import extract_record
from .ingest import MAX_BYTES, read, supported_extensions
from .model import Record
from .normalize import document_from_text

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
