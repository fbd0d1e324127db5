"""HTML: the page's main text without site chrome (menus, footers, counters), by trafilatura.

trafilatura was measured against hand-made pages with navigation, a footer and a header table:
its plain-text output keeps one line per heading, paragraph and `<br>`, and writes table rows
as "| A | B |", which becomes "A | B" here (the flattened row form the header extractor reads).
When it finds no main content (a page that is all table, say) its whole-page text is used.
"""
from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from ..errors import VanbanError
from ..model import Document
from ..normalize import make_document

_TABLE_ROW = re.compile(r"^\| ?(.*?) ?\|[ \t]*$", re.MULTILINE)


def read(path: str, source: str | None = None) -> Document:
    name = source or path
    data = Path(path).read_bytes()
    if b"\x00" in data[:65536]:
        raise VanbanError("binary", f"{name}: binary content, not HTML")
    text = trafilatura.extract(data, output_format="txt", include_tables=True, favor_recall=True,
                               include_comments=False, include_images=False, deduplicate=False)
    if not text or not text.strip():
        text = trafilatura.html2txt(data)
    if not text or not text.strip():
        raise VanbanError("empty", f"{name}: no text found in the HTML page")
    return make_document(_TABLE_ROW.sub(r"\1", text), name, "html")
