"""Header of a Nghị định 30/2020 document: type, number-symbol, issuer, place, date, title,
signer, recipients."""
from __future__ import annotations

from ..model import Document, Header


def extract_header(doc: Document) -> Header:
    return Header()
