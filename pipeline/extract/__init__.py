"""Document -> Record: the per-document extraction stages, run in order.

header -> citations (need the issuer to key local instruments) -> dates -> sections
-> assignments (need the sections) -> basis and directives (need the preamble and the citations).
"""
from __future__ import annotations

from ..model import TRUNCATED, Document, Record
from .bounds import is_truncated
from .citations import basis_and_directives, extract_citations
from .dates import extract_dates
from .header import extract_header
from .sections import extract_sections
from .units import extract_assignments


def extract_record(doc: Document) -> Record:
    """Everything the record holds, from one normalised document."""
    header = extract_header(doc)
    citations = extract_citations(doc, header)
    dates = extract_dates(doc)
    sections = extract_sections(doc, header)
    assignments, reported = extract_assignments(doc, header, sections, dates)
    first_section = min((s.span.start for s in sections), default=None)
    basis, directives = basis_and_directives(doc, header, citations, first_section)
    return Record(source=doc.source, header=header, citations=citations, basis=basis,
                  directives=directives, sections=sections, assignments=assignments, dates=dates,
                  reported_actions=reported, format=doc.format, pages=doc.pages,
                  warnings=list(doc.warnings) + ([TRUNCATED] if is_truncated(doc.text, header) else []))
