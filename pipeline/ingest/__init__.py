"""Readers: one per format, each turning a file into a `Document`.

`read(path)` checks the file (exists, readable, size), picks the reader by extension and
raises `VanbanError` with a one-line reason, naming the file, for anything it cannot read.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import VanbanError
from ..model import Document
from . import docx, html, office, pdf, text

MAX_BYTES = 50 * 1024 * 1024

READERS = {
    ".txt": text.read,
    ".md": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".docx": docx.read,
    ".pdf": pdf.read,
    ".doc": office.read,
    ".odt": office.read,
    ".rtf": office.read,
}


def supported_extensions() -> list[str]:
    return sorted(READERS)


def read(path: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """The document in `path` (the path is kept as given, for the record's `source`)."""
    p = Path(path)
    if not p.exists():
        raise VanbanError("not_found", f"{path}: no such file")
    if p.is_dir():
        raise VanbanError("no_documents", f"{path}: a folder without readable documents "
                          f"({', '.join(supported_extensions())})")
    if not p.is_file():
        raise VanbanError("not_a_file", f"{path}: not a regular file")
    if not os.access(p, os.R_OK):
        raise VanbanError("unreadable", f"{path}: permission denied")
    size = p.stat().st_size
    if size == 0:
        raise VanbanError("empty", f"{path}: empty file")
    if p.suffix.lower() == ".docx":
        # A zip bomb is named as such even when the file is also over the size limit: it is
        # the more specific (and more dangerous) finding, and costs only the zip directory.
        _guarded(docx.check_zip, path, path)
    if size > max_bytes:
        raise VanbanError("too_large", f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (--max-size)")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise VanbanError("unknown_format", f"{path}: unknown extension '{p.suffix}' "
                          f"(readable: {', '.join(supported_extensions())})")
    return _guarded(reader, path)


def _guarded(call, path: str, *args):
    """`call(path, *args)`, with the OS's refusals to read the file as `VanbanError`s."""
    try:
        return call(path, *args)
    except PermissionError as e:
        raise VanbanError("unreadable", f"{path}: permission denied ({e.strerror})") from e
    except OSError as e:
        raise VanbanError("unreadable", f"{path}: cannot be read ({e.strerror or e})") from e
