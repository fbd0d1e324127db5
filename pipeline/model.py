"""The typed data that flows between stages.

ingest -> `Document`; extract -> `Header`, `Citation`, `DateExpr`, `Section`, `Assignment`;
assembled into one `Record` per document, whose `to_dict()` is the shape of RECORD.md
(plus the project's own fields: spans, mentions, dates, tasks).
Every value that comes from the text keeps the `Span` it came from, in offsets of
`Document.text`; `Document.locate()` turns an offset into (page, character) of the source.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) in `Document.text`."""
    start: int
    end: int


@dataclass(slots=True)
class OffsetMap:
    """Piecewise-linear map from normalised offsets to offsets in the reader's raw text.

    `points` holds (normalised_offset, raw_offset) pairs, sorted; between two points the
    offset shifts by a constant. Built by `normalize.normalize`.
    """
    points: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])

    def to_raw(self, offset: int) -> int:
        i = bisect.bisect_right(self.points, (offset, float("inf"))) - 1
        norm, raw = self.points[max(i, 0)]
        return raw + (offset - norm)


@dataclass(slots=True)
class LineHint:
    """Formatting a reader saw on one line of `Document.text` (docx: bold, alignment, auto-numbering)."""
    start: int
    end: int
    bold: bool = False
    align: str | None = None          # "center", "left", "right", "justify"
    numbering: str | None = None      # Word's automatic label ("I.", "1.", "a)") prefixed to the line
    in_table: bool = False


@dataclass(slots=True)
class Document:
    """One input file, read and normalised."""
    source: str                       # the path as the user gave it
    format: str                       # txt, md, html, docx, pdf, doc, odt, rtf
    text: str                         # NFC, "\n" line ends, print noise repaired, line structure kept
    pages: int = 1
    page_starts: list[int] = field(default_factory=lambda: [0])   # offsets in `text` where pages begin
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    encoding: str | None = None       # detected byte encoding of a text file
    hints: list[LineHint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def locate(self, offset: int) -> tuple[int, int]:
        """(page number from 1, character offset within that page) of a text offset."""
        i = bisect.bisect_right(self.page_starts, offset) - 1
        i = max(i, 0)
        return i + 1, offset - self.page_starts[i]

    def raw_offset(self, offset: int) -> int:
        """Offset in the reader's raw text (before normalisation) of a text offset."""
        return self.offset_map.to_raw(offset)


# --- extraction results -------------------------------------------------------------------

@dataclass(slots=True)
class Issuer:
    name: str | None = None           # abbreviations expanded: "Ủy ban nhân dân thị xã Hương Trà"
    level: str | None = None          # xa, huyen, tinh, trung_uong
    locality: str | None = None       # "Hương Trà"
    province: str | None = None       # "Thừa Thiên Huế"
    district: str | None = None       # the district of a commune, when the text says it


@dataclass(slots=True)
class Signer:
    name: str | None = None
    position: str | None = None       # "Phó Chủ tịch"
    authority: str | None = None      # "TM. Ủy ban nhân dân; KT. Chủ tịch"


# The doc_type of a news item that reports on a document without being one (RECORD.md).
NEWS = "TIN"
# A record's warning that its text stops before the document does (a web capture cut short).
TRUNCATED = "truncated: the text stops before the document ends (no Nơi nhận or signature, the last sentence unfinished)"


@dataclass(slots=True)
class Header:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: Issuer = field(default_factory=Issuer)
    place: str | None = None
    issue_date: str | None = None     # ISO, as precise as printed
    title: str | None = None          # trích yếu, one line
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)   # Nơi nhận
    title_span: Span | None = None
    body_start: int = 0               # where the text after the title (the preamble) begins
    closing_start: int | None = None  # where Nơi nhận / the signature block begins
    is_draft: bool = False            # blank number or blank day


@dataclass(slots=True)
class Mention:
    """One place where an instrument is named."""
    span: Span
    text: str
    form: str = "full"                # full (symbol), short ("Quyết định số 765"), anaphora ("Kế hoạch này")
    role: str = "cites"               # based_on, implements, reports_on, cites
    date: str | None = None           # the date printed at this mention, ISO
    raw_symbol: str | None = None     # the symbol as printed, before repair


@dataclass(slots=True)
class Citation:
    """One distinct instrument the document cites; equality is by `key`."""
    type: str | None
    number: str | None
    symbol: str | None
    date: str | None
    issuer: str | None
    name: str | None
    key: str
    other_dates: list[str] = field(default_factory=list)
    subject: str | None = None        # "về việc ..."
    role: str = "cites"               # strongest role over the mentions
    issuer_level: str | None = None   # level of the citing instrument's issuer, when known
    mentions: list[Mention] = field(default_factory=list)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Citation) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass(slots=True)
class DateExpr:
    """A date, deadline, period or recurrence found in the text."""
    kind: str                         # date, deadline, period, recurrence
    text: str
    span: Span
    value: str | None = None          # ISO date / "2023-Q4" / start of a period
    end: str | None = None            # end of a period
    recurrence: str | None = None     # yearly, monthly, quarterly, half_yearly, continuous...
    valid: bool = True
    error: str | None = None          # "31/02 does not exist"


@dataclass(slots=True)
class Section:
    path: str                         # "II.1", "P1.I", "Đ3"
    heading: str
    kind: str
    level: int
    span: Span                        # heading line through the end of the section's body
    heading_span: Span | None = None


@dataclass(slots=True)
class Task:
    text: str
    span: Span
    role: str = "thuc_hien"
    deadline: str | None = None
    recurrence: str | None = None
    cooperating: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Assignment:
    unit: str                         # as written
    role: str                         # chu_tri, phoi_hop, thuc_hien
    section: str | None
    unit_normalized: str | None = None
    collective: bool = False          # "Các cơ quan, đơn vị", "UBND các xã"
    span: Span | None = None
    tasks: list[Task] = field(default_factory=list)


@dataclass(slots=True)
class Record:
    """Everything extracted from one document."""
    source: str
    header: Header = field(default_factory=Header)
    citations: list[Citation] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    reported_actions: list[Assignment] = field(default_factory=list)
    format: str | None = None
    pages: int = 1
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The record in the shape of RECORD.md, with the project's own fields after it."""
        h = self.header
        issuer = asdict(h.issuer)
        return {
            "source": self.source,
            "doc_type": h.doc_type,
            "number": h.number,
            "symbol": h.symbol,
            "issuer": issuer,
            "place": h.place,
            "issue_date": h.issue_date,
            "title": h.title,
            "signer": asdict(h.signer),
            "citations": [_citation_dict(c) for c in self.citations],
            "basis": list(self.basis),
            "directives": list(self.directives),
            "sections": [_section_dict(s) for s in self.sections],
            "assignments": [_assignment_dict(a) for a in self.assignments],
            "recipients": list(h.recipients),
            "is_draft": h.is_draft,
            "dates": [_drop_none(asdict(d)) for d in self.dates],
            "reported_actions": [_assignment_dict(a) for a in self.reported_actions],
            "format": self.format,
            "pages": self.pages,
            "warnings": list(self.warnings),
        }


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def _citation_dict(c: Citation) -> dict:
    d = {"type": c.type, "number": c.number, "symbol": c.symbol, "date": c.date,
         "issuer": c.issuer, "name": c.name, "key": c.key}
    if c.other_dates:
        d["other_dates"] = list(c.other_dates)
    d["subject"] = c.subject
    d["role"] = c.role
    d["mentions"] = [_drop_none(asdict(m)) for m in c.mentions]
    return d


def _section_dict(s: Section) -> dict:
    return {"path": s.path, "heading": s.heading, "kind": s.kind, "level": s.level,
            "span": [s.span.start, s.span.end]}


def _assignment_dict(a: Assignment) -> dict:
    return {"unit": a.unit, "role": a.role, "section": a.section,
            "unit_normalized": a.unit_normalized, "collective": a.collective,
            "span": [a.span.start, a.span.end] if a.span else None,
            "tasks": [_drop_none(asdict(t)) for t in a.tasks]}


@dataclass(slots=True)
class ErrorRow:
    """A file that could not be turned into a record (one row of the errors table)."""
    source: str
    stage: str                        # ingest, normalise, extract, timeout
    kind: str                         # not_found, empty, binary, bad_zip, zip_bomb, encrypted, ...
    message: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)
