"""Plain text and markdown: detect the byte encoding, then normalise."""
from __future__ import annotations

from pathlib import Path

from ..errors import VanbanError
from ..model import Document
from ..normalize import make_document


def read(path: str) -> Document:
    data = Path(path).read_bytes()
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise VanbanError("encoding", f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from e
    if "\x00" in raw:
        raise VanbanError("binary", f"{path}: binary content in a text file")
    fmt = "md" if path.lower().endswith(".md") else "txt"
    return make_document(raw, path, fmt, encoding="utf-8")
