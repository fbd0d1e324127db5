"""Cited instruments: find, repair, resolve short forms, key, role; then basis and directives."""
from __future__ import annotations

from ..model import Citation, Document, Header


def extract_citations(doc: Document, header: Header) -> list[Citation]:
    return []


def basis_and_directives(doc: Document, header: Header, citations: list[Citation],
                         first_section: int | None) -> tuple[list[str], list[str]]:
    return [], []
