"""Corpus-wide linking: resolve citations, build the typed citation graph and each document's chains.

Input: record dicts (RECORD.md, plus the project fields when extraction gave them: a citation's
`role`, `subject` and `mentions`; sections' `span`; assignments' `tasks`). They are consumed once,
as an iterator; only what linking and the audit need is kept (`DocInfo`), not the records.

Nodes of the graph are instruments, named by their key (RECORD.md): a document of the corpus is
the instrument its own symbol names ("174/KH-UBND@2023:Cẩm Thủy"), or `doc:<source>` when it has
no number (a draft). A citation resolves to a document of the corpus when one has its symbol,
year and issuer's locality (its printed date confirms), else to an entry of the instrument
registry (models/instruments.toml, when present), else to a stub that keeps what the text said.

Edges: `implements` (a plan or directive the document carries out), `based_on` (a legal basis),
`reports_on` (the plan a report reports on), `cites` (anything else). Where a document implements
a local plan P and a central directive D together ("Thực hiện Chỉ thị 07/CT-TTg ...; Kế hoạch
160/KH-UBND của UBND tỉnh ...") and nothing says what P implements, the edge P -> D is inferred
(`inferred=True`, with the document that gave it), so that the chain commune -> province -> D is
whole. Chains follow `implements` edges (a report's first step is `reports_on`) to the directives.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import lexicon
from .gazetteer import LEVEL_RANK, Place, gazetteer
from .model import NEWS, TRUNCATED

ROLE_RANK = {"cites": 0, "based_on": 1, "implements": 2, "reports_on": 3}
LOCAL_LEVELS = ("tinh", "huyen", "xa")
MAX_CHAIN_DEPTH = 6
MAX_CHAINS_PER_DOCUMENT = 32       # a pathological graph must not explode the chains table

_YEAR_IN_SYMBOL = re.compile(r"/((?:19|20)\d\d)/")
_KEY_YEAR = re.compile(r"@((?:19|20)\d\d)")
_SPACES = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


# --- keys ------------------------------------------------------------------------------------

def symbol_key(symbol: str | None) -> str | None:
    """How symbols compare: NFC, case-folded, no spaces, no leading zeros in the number."""
    if not symbol:
        return None
    s = _SPACES.sub("", unicodedata.normalize("NFC", symbol)).casefold()
    return _LEADING_ZEROS.sub("", s)


def symbol_type(symbol: str | None) -> str | None:
    """The type part of a symbol: "269/KH-UBND" -> "KH", "09/2017/NĐ-CP" -> "NĐ", "57-NQ/TW" -> "NQ".

    A letter's symbol has none ("1719/UBND-THCBKS" gives its issuer part "UBND").
    """
    if not symbol:
        return None
    head, _, tail = symbol.partition("/")
    if "-" in head and not tail[:1].isdigit():     # Party style: 57-NQ/TW
        return head.split("-", 1)[1] or None
    parts = tail.split("/")
    part = parts[-1] if parts[0].isdigit() else parts[0]
    return part.split("-", 1)[0] or None


def names_symbol(text: str | None, symbol: str | None) -> bool:
    """Whether a text names a symbol ("... Kế hoạch số 269/KH-UBND ..." names "269/KH-UBND", not "69/KH-UBND").

    A glued word after it ("07/CT-TTgngày") does not hide it; a longer number or code does.
    """
    sym = symbol_key(symbol)
    if not text or not sym:
        return False
    hay = unicodedata.normalize("NFC", text).casefold()
    return re.search(rf"(?<![\w/])0*{re.escape(sym)}(?![\d/-])", hay) is not None


def year_of(date: str | None, key: str | None = None, symbol: str | None = None) -> str | None:
    for text, rx in ((symbol, _YEAR_IN_SYMBOL), (key, _KEY_YEAR)):
        m = rx.search(text or "")
        if m:
            return m.group(1)
    return date[:4] if date else None


def is_full_date(date: str | None) -> bool:
    return bool(date) and len(date) == 10


def document_key(rec: dict) -> str | None:
    """The instrument key a document's own symbol gives (RECORD.md "key"); None for a draft."""
    symbol, number = rec.get("symbol"), rec.get("number")
    if not symbol or not number:
        return None
    issuer = rec.get("issuer") or {}
    year = year_of(rec.get("issue_date"), symbol=symbol)
    key = symbol if _YEAR_IN_SYMBOL.search(symbol) or not year else f"{symbol}@{year}"
    locality = issuer.get("locality") or issuer.get("province")
    if issuer.get("level") in LOCAL_LEVELS and locality:
        key += f":{locality}"
    return key


# --- what is kept of a record ------------------------------------------------------------------

@dataclass(slots=True)
class MentionRef:
    """Where a citing document names an instrument, and the date it prints there (the rest of a
    `Mention` goes to the citations table straight from the record)."""
    start: int | None
    end: int | None
    date: str | None


@dataclass(slots=True)
class CitationRef:
    """One citation of one document, with what it resolved to."""
    source: str                       # the citing document
    key: str                          # the key extraction gave it
    node: str                         # the graph node it resolved to
    resolution: str                   # corpus, registry, stub
    type: str | None
    number: str | None
    symbol: str | None
    date: str | None
    other_dates: list[str]
    issuer: str | None
    name: str | None
    subject: str | None
    role: str                         # edge type from the citing document
    in_basis: bool
    in_directives: bool
    level: str | None                 # level of the cited instrument's issuer, when known
    locality: str | None
    mentions: list[MentionRef]

    def printed_dates(self) -> list[tuple[str, MentionRef | None]]:
        """Every date printed for it, each with the mention that printed it where known."""
        dated = [(m.date, m) for m in self.mentions if m.date]
        if dated:
            return dated
        return [(d, None) for d in ([self.date] if self.date else []) + list(self.other_dates)]


@dataclass(slots=True)
class TaskRef:
    unit: str | None
    role: str | None
    text: str
    start: int | None
    end: int | None
    deadline: str | None


@dataclass(slots=True)
class DocInfo:
    """What linking and the audit need of one record."""
    source: str
    node: str
    key: str | None
    doc_type: str | None
    number: str | None
    symbol: str | None
    issue_date: str | None
    title: str | None
    issuer_name: str | None
    level: str | None
    locality: str | None
    province: str | None
    district: str | None
    is_draft: bool
    directives: list[str]
    basis: list[str]
    sections: list[tuple[str, str, str]]        # (path, kind, heading)
    tasks: list[TaskRef]
    citations: list[CitationRef] = field(default_factory=list)
    place: Place | None = None
    truncated: bool = False                       # the text stops before the document ends


@dataclass(slots=True)
class Instrument:
    """One node of the graph: an instrument cited or present in the corpus."""
    key: str
    status: str                       # corpus, registry, stub
    type: str | None = None
    number: str | None = None
    symbol: str | None = None
    year: str | None = None
    issuer: str | None = None
    level: str | None = None
    locality: str | None = None
    name: str | None = None
    real_date: str | None = None      # its own date: the corpus document's, or the registry's
    real_date_source: str | None = None
    documents: list[str] = field(default_factory=list)   # sources of the corpus documents it is
    central_directive: bool = False   # some document lists it among its `directives`


@dataclass(slots=True)
class Edge:
    src: str
    dst: str
    type: str                         # implements, based_on, reports_on, cites
    source: str                       # the document whose text gives the edge
    inferred: bool = False
    evidence: str = ""
    start: int | None = None          # span in `source` of the mention that gives it
    end: int | None = None


@dataclass(slots=True)
class Chain:
    """A document's path to a central directive it implements (or reports on)."""
    source: str
    directive: str
    path: list[str]                   # nodes from the document's own node to the directive
    kind: str                         # implements, or reports_on for a report's chain
    inferred: bool                    # some step was inferred (see the module docstring)


@dataclass(slots=True)
class Linked:
    documents: dict[str, DocInfo]
    instruments: dict[str, Instrument]
    edges: list[Edge]
    chains: list[Chain]

    def label(self, node: str) -> str:
        """A node as a person reads it: "174/KH-UBND (Cẩm Thủy)", "07/CT-TTg@2023", a draft by its issuer."""
        inst = self.instruments.get(node)
        if inst is None:
            return node
        if inst.symbol and inst.number:
            return f"{inst.symbol} ({inst.locality})" if inst.locality else inst.key
        if inst.documents:
            doc = self.documents[inst.documents[0]]
            who = doc.place.unit.name if doc.place and doc.place.unit else doc.issuer_name or doc.locality
            return f"{inst.symbol or doc.doc_type} {who} ({doc.source})"
        return inst.name or inst.key

    def chains_to(self, directive: str) -> dict[str, list[Chain]]:
        """Chains to one directive (by key), by document source."""
        out: dict[str, list[Chain]] = defaultdict(list)
        for c in self.chains:
            if c.directive == directive:
                out[c.source].append(c)
        return out


# --- registry ----------------------------------------------------------------------------------

def _registry() -> dict[str, dict]:
    """models/instruments.toml by key and by symbol@year; empty when it is not there."""
    try:
        data = lexicon.load("instruments")
    except FileNotFoundError:
        return {}
    out: dict[str, dict] = {}

    def visit(node):
        if isinstance(node, dict):
            if "date" in node and (node.get("key") or node.get("symbol")):
                for k in (node.get("key"), node.get("symbol") and
                          f"{symbol_key(node['symbol'])}@{year_of(node['date'], symbol=node['symbol'])}"):
                    if k:
                        out.setdefault(k, node)
            for v in node.values():
                visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)

    visit(data)
    return out


def _type_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(types only ever cited as a basis, types a report reports on).

    The first comes from the citation lexicon (normative acts, submissions, reports, licences).
    """
    try:
        normative = lexicon.load("citations").get("normative", {})
    except FileNotFoundError:
        normative = {}
    basis_only = frozenset(normative.get("types", [])) | frozenset(normative.get("not_directive_types", []))
    return basis_only, frozenset(e["type"] for e in lexicon.load("link").get("reported_type", []))


# --- linking -----------------------------------------------------------------------------------

def _shared(value):
    """One copy of a string however many records repeat it (issuers, dates, keys, headings, task
    templates): JSON decoding makes a new object per occurrence, which at 100k documents is most of
    what linking holds."""
    return sys.intern(value) if type(value) is str else value


def _mentions(c: dict) -> list[MentionRef]:
    out = []
    for m in c.get("mentions") or []:
        span = m.get("span") or {}
        start, end = (span.get("start"), span.get("end")) if isinstance(span, dict) else (span or (None, None))
        out.append(MentionRef(start, end, _shared(m.get("date"))))
    return out


def _tasks(rec: dict) -> list[TaskRef]:
    out = []
    for a in rec.get("assignments") or []:
        for t in a.get("tasks") or []:
            span = t.get("span") or {}
            start, end = (span.get("start"), span.get("end")) if isinstance(span, dict) else (span or (None, None))
            out.append(TaskRef(_shared(a.get("unit")), _shared(t.get("role") or a.get("role")),
                               _shared(t.get("text") or ""), start, end, _shared(t.get("deadline"))))
    return out


def _doc_info(rec: dict) -> DocInfo:
    issuer = rec.get("issuer") or {}
    key = document_key(rec)
    source = rec["source"]
    is_draft = rec.get("is_draft")
    if is_draft is None:   # gold records: a blank number or day is a draft
        is_draft = bool(rec.get("symbol")) and not rec.get("number") or \
            bool(rec.get("issue_date")) and len(rec["issue_date"]) < 10 and rec.get("doc_type") != NEWS

    def get(d: dict, k: str):
        return _shared(d.get(k))

    return DocInfo(
        source=source, node=_shared(key) or f"doc:{source}", key=_shared(key), doc_type=get(rec, "doc_type"),
        number=get(rec, "number"), symbol=get(rec, "symbol"), issue_date=get(rec, "issue_date"),
        title=rec.get("title"), issuer_name=get(issuer, "name"), level=get(issuer, "level"),
        locality=get(issuer, "locality"), province=get(issuer, "province"), district=get(issuer, "district"),
        is_draft=bool(is_draft), directives=[_shared(k) for k in rec.get("directives") or []],
        basis=[_shared(k) for k in rec.get("basis") or []],
        sections=[(get(s, "path"), get(s, "kind"), get(s, "heading")) for s in rec.get("sections") or []],
        tasks=_tasks(rec), truncated=TRUNCATED in (rec.get("warnings") or ()))


def _role(c: dict, doc: DocInfo, in_basis: bool, in_directives: bool, basis_only: frozenset[str],
          reported: frozenset[str]) -> str:
    """The edge type from the citing document, from the record's fields; extraction's cue may raise it."""
    ctype = c.get("type") or symbol_type(c.get("symbol"))
    normative = ctype in basis_only or (c.get("symbol") and _YEAR_IN_SYMBOL.search(c["symbol"])) \
        or (not c.get("symbol") and c.get("name"))
    role = "cites"
    if in_directives:
        role = "implements"
    elif in_basis:
        role = "based_on" if normative else "implements"
    if doc.doc_type == "BC" and ctype in reported and names_symbol(doc.title, c.get("symbol")):
        role = "reports_on"
    extracted = c.get("role")
    if extracted in ROLE_RANK and ROLE_RANK[extracted] > ROLE_RANK[role] and not \
            (extracted == "implements" and normative):
        role = extracted
    return role


class _Resolver:
    """Citation -> node: a corpus document, a registry entry, or a stub.

    Documents are indexed by (symbol, year) and, inside that, by place, because one local symbol
    ("12/KH-UBND") recurs in thousands of localities: a citation looks at the few documents of
    its symbol, year and place, never at every namesake (that made linking quadratic).
    """

    def __init__(self, docs: dict[str, DocInfo], registry: dict[str, dict]):
        self.registry = registry
        self._place_keys: dict[str, str] = {}
        self.years: dict[str, set[str | None]] = defaultdict(set)
        self.buckets: dict[tuple[str, str | None], _Bucket] = {}
        for d in docs.values():
            if d.key:
                sym, year = symbol_key(d.symbol), year_of(d.issue_date, symbol=d.symbol)
                self.years[sym].add(year)
                bucket = self.buckets.get((sym, year))
                if bucket is None:
                    bucket = self.buckets[(sym, year)] = _Bucket()
                bucket.add(d, self.place_key(d.locality), self.place_key(d.province))

    def place_key(self, name: str | None) -> str | None:
        """gazetteer's place key, computed once per name."""
        if not name:
            return None
        key = self._place_keys.get(name)
        if key is None:
            key = self._place_keys[name] = gazetteer().place_key(name)
        return key

    def resolve(self, c: dict, citing: DocInfo, locality: str | None) -> tuple[str, str, dict | None]:
        """(node, how: corpus, registry or stub, the registry entry when it is one)."""
        sym = symbol_key(c.get("symbol"))
        if sym and c.get("number"):
            year = year_of(c.get("date"), c.get("key"), c.get("symbol"))
            found = self._candidates(sym, year, locality, citing)
            if is_full_date(c.get("date")):    # the printed date confirms among several
                same_day = [d for d in found if d.issue_date == c["date"]]
                found = same_day if same_day or len(found) > 1 else found
            nodes = {d.node for d in found}
            if len(nodes) == 1:
                return nodes.pop(), "corpus", None
            entry = self.registry.get(c.get("key")) or (year and self.registry.get(f"{sym}@{year}"))
            if entry:
                return entry.get("key") or c["key"], "registry", entry
        elif c.get("key") in self.registry:
            entry = self.registry[c["key"]]
            return entry.get("key") or c["key"], "registry", entry
        return c["key"], "stub", None

    def _candidates(self, sym: str, year: str | None, locality: str | None, citing: DocInfo) -> list[DocInfo]:
        """Documents of that symbol and year (any year when none is printed) that the cited
        issuer's locality allows: a local document only of that locality or province; with no
        locality printed, only of the citing document's own province (a shared symbol such as -UBND)."""
        key = self.place_key(locality or citing.province)
        found: list[DocInfo] = []
        for y in (self.years.get(sym, ()) if year is None else (year,)):
            bucket = self.buckets.get((sym, y))
            if bucket is None:
                continue
            found += bucket.central
            if locality:
                found += bucket.by_place.get(key, ())
            elif key:
                found += bucket.by_province.get(key, ())
        return [d for d in found if d.source != citing.source]


@dataclass(slots=True)
class _Bucket:
    """The corpus documents of one symbol and year: central ones, local ones by place."""
    central: list[DocInfo] = field(default_factory=list)
    by_place: dict[str, list[DocInfo]] = field(default_factory=lambda: defaultdict(list))     # locality or province
    by_province: dict[str, list[DocInfo]] = field(default_factory=lambda: defaultdict(list))

    def add(self, d: DocInfo, locality_key: str | None, province_key: str | None) -> None:
        if d.level not in LOCAL_LEVELS:
            self.central.append(d)
            return
        for k in {locality_key, province_key} - {None}:
            self.by_place[k].append(d)
        if province_key:
            self.by_province[province_key].append(d)


def _locality_of(c: dict) -> tuple[str | None, str | None]:
    """(level, locality) of a cited instrument's issuer: the key's ":locality", else its issuer's name."""
    level, locality = gazetteer().parse_issuer(c.get("issuer"))
    key = c.get("key") or ""
    if ":" in key and not key.startswith(("QCVN", "TCVN")):
        locality = key.rsplit(":", 1)[1] or locality
        level = level or "tinh"
    level = c.get("issuer_level") if level is None and c.get("issuer_level") in LEVEL_RANK else level
    return level, locality


def link_corpus(records: Iterable[dict]) -> Linked:
    """Resolve every citation of the corpus, build the graph and each document's chains."""
    basis_only, reported = _type_sets()
    docs: dict[str, DocInfo] = {}
    raw_citations: dict[str, list[dict]] = {}
    for rec in records:
        info = _doc_info(rec)
        docs[info.source] = info
        raw_citations[info.source] = [_slim(c) for c in rec.get("citations") or []]

    instruments: dict[str, Instrument] = {}
    for d in docs.values():
        inst = instruments.setdefault(d.node, Instrument(
            key=d.node, status="corpus", type=d.doc_type if d.doc_type != NEWS else symbol_type(d.symbol),
            number=d.number, symbol=d.symbol, year=year_of(d.issue_date, symbol=d.symbol),
            issuer=d.issuer_name, level=d.level, locality=d.locality if d.level in LOCAL_LEVELS else None,
            real_date=d.issue_date if not d.is_draft else None, real_date_source="corpus"))
        inst.documents.append(d.source)

    registry = _registry()
    resolver = _Resolver(docs, registry)
    edges: dict[tuple[str, str, str], Edge] = {}
    for d in docs.values():
        basis, directives = set(d.basis), set(d.directives)
        for c in raw_citations.pop(d.source):
            level, locality = _locality_of(c)
            node, how, entry = resolver.resolve(c, d, locality)
            in_basis = c["key"] in basis or node in basis
            in_dir = c["key"] in directives or node in directives
            ref = CitationRef(
                source=d.source, key=c["key"], node=node, resolution=how, type=c.get("type"),
                number=c.get("number"), symbol=c.get("symbol"), date=c.get("date"),
                other_dates=c["other_dates"], issuer=c.get("issuer"), name=c.get("name"),
                subject=c.get("subject"), role=_role(c, d, in_basis, in_dir, basis_only, reported),
                in_basis=in_basis, in_directives=in_dir, level=level, locality=locality,
                mentions=c["mentions"])
            d.citations.append(ref)
            inst = instruments.get(node)
            if inst is None:
                inst = instruments[node] = Instrument(
                    key=node, status=how, type=ref.type, number=ref.number, symbol=ref.symbol,
                    year=year_of(ref.date, ref.key, ref.symbol), issuer=ref.issuer, level=level,
                    locality=locality if level in LOCAL_LEVELS else None, name=ref.name,
                    real_date=entry.get("date") if entry else None,
                    real_date_source="registry" if entry else None)
            inst.central_directive |= in_dir
            first = ref.mentions[0] if ref.mentions else None
            _add_edge(edges, Edge(d.node, node, ref.role, d.source, False,
                                  "directives" if in_dir else "basis" if in_basis else "text",
                                  first.start if first else None, first.end if first else None))
        d.place = _place(d)
    _complete_chains(docs, instruments, edges)
    edge_list = list(edges.values())
    return Linked(docs, instruments, edge_list, _chains(docs, instruments, edge_list))


_CITATION_FIELDS = ("type", "number", "symbol", "date", "other_dates", "issuer", "name", "subject", "role",
                    "issuer_level")


def _slim(c: dict) -> dict:
    """What linking reads of a citation (kept until every document is known), mentions reduced to spans."""
    out = {k: _shared(c.get(k)) for k in _CITATION_FIELDS}
    out["other_dates"] = [_shared(x) for x in out["other_dates"] or ()]
    out["key"] = _shared(c.get("key") or c.get("symbol") or c.get("name") or "?")
    out["mentions"] = _mentions(c)
    return out


def _add_edge(edges: dict[tuple[str, str, str], Edge], edge: Edge) -> None:
    if edge.src == edge.dst:
        return
    k = (edge.src, edge.dst, edge.type)
    old = edges.get(k)
    if old is None or (old.inferred and not edge.inferred):
        edges[k] = edge


def _place(d: DocInfo) -> Place | None:
    """The document's issuer in the official list; the districts it implements choose between namesakes."""
    hints = [c.locality for c in d.citations if c.level == "huyen" and c.locality and c.role == "implements"]
    province = d.province or next((c.locality for c in d.citations if c.level == "tinh" and c.locality
                                   and c.role == "implements"), None)
    return gazetteer().resolve(d.level, d.locality, province, d.issue_date, d.district, hints)


def _complete_chains(docs: dict[str, DocInfo], instruments: dict[str, Instrument],
                     edges: dict[tuple[str, str, str], Edge]) -> None:
    """Edges from a local plan to the directive it implements, where a citing document gives them.

    Explicit: the citation's subject names the directive ("Kế hoạch 174/KH-UBND ... về triển khai
    thực hiện Chỉ thị số 07/CT-TTg"), wherever it is cited. Inferred: the document's title or
    preamble puts a higher level's plan and the directive together, and the plan's own text is
    not in the corpus (where it is, its own citations say what it implements).
    """
    implemented = {(e.src, e.dst) for e in edges.values() if e.type == "implements"}
    for d in docs.values():
        directive_refs = [c for c in d.citations if c.in_directives]
        for p in d.citations:
            if p.role != "implements" or p.in_directives or p.level not in LOCAL_LEVELS:
                continue
            if d.level in LEVEL_RANK and LEVEL_RANK[p.level] <= LEVEL_RANK[d.level]:
                continue
            plan_has_document = bool(instruments[p.node].documents)
            for dref in directive_refs:
                if (p.node, dref.node) in implemented:
                    continue
                named = names_symbol(p.subject, dref.symbol)
                if not named and (plan_has_document or not p.in_basis):
                    continue   # its own text is in the corpus, or the document does not put them together
                first = p.mentions[0] if p.mentions else None
                _add_edge(edges, Edge(p.node, dref.node, "implements", d.source, not named,
                                      "subject of the citation" if named else
                                      "implemented together with it in the preamble",
                                      first.start if first else None, first.end if first else None))


def _chains(docs: dict[str, DocInfo], instruments: dict[str, Instrument], edges: list[Edge]) -> list[Chain]:
    """Every maximal path from each document over implements edges to a central directive."""
    out_edges: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        if e.type in ("implements", "reports_on"):
            out_edges[e.src].append(e)
    chains: list[Chain] = []
    for d in docs.values():
        found: list[Chain] = []

        def walk(node: str, path: list[str], inferred: bool, kind: str | None) -> None:
            if len(found) >= MAX_CHAINS_PER_DOCUMENT or len(path) > MAX_CHAIN_DEPTH:
                return
            for e in out_edges.get(node, ()):
                if e.dst in path or (e.type == "reports_on" and len(path) > 1):
                    continue   # only a report's first step is reports_on
                step_kind = kind or ("reports_on" if e.type == "reports_on" else "implements")
                new_path = path + [e.dst]
                if instruments[e.dst].central_directive:
                    found.append(Chain(d.source, e.dst, new_path, step_kind, inferred or e.inferred))
                walk(e.dst, new_path, inferred or e.inferred, step_kind)

        walk(d.node, [d.node], False, None)
        chains.extend(_maximal(found))
    return chains


def _maximal(chains: list[Chain]) -> list[Chain]:
    """Drop a chain whose steps are all in a longer chain to the same directive (X->D under X->P->D)."""
    keep = []
    for c in chains:
        if not any(o is not c and o.directive == c.directive and len(o.path) > len(c.path)
                   and _is_subsequence(c.path, o.path) for o in chains):
            keep.append(c)
    return keep


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(x in it for x in short)

