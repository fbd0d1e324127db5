"""Plain text and markdown: detect the byte encoding (see `encodings`), refuse binary content,
then normalise (NFC, line ends, markdown emphasis and heading marks: `normalize.normalize`)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import VanbanError
from ..model import Document
from ..normalize import make_document
from .encodings import decode

# Control characters no text file holds (tab, line ends and form feed are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.005


def read(path: str, source: str | None = None) -> Document:
    data = Path(path).read_bytes()
    decoded = decode(data)
    text = decoded.text
    if "\x00" in text or len(_CONTROL.findall(text[:65536])) > MAX_CONTROL_SHARE * min(len(text), 65536):
        raise VanbanError("binary", f"{source or path}: binary content, not text "
                          f"(a {Path(path).suffix} file that holds something else?)")
    if not text.strip():
        raise VanbanError("empty", f"{source or path}: no text (only white space)")
    fmt = "md" if path.lower().endswith(".md") else "txt"
    return make_document(text, source or path, fmt, encoding=decoded.encoding)
