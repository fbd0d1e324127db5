"""Records + links -> pandas tables, one row per thing, with stable keys.

Every table keys its rows by the document's `source` (the file name as given) plus the thing's
position or key inside it, so that the same input gives the same keys on every run. Column names
and meanings: docs/DATA_DICTIONARY.md. Records are consumed as an iterator and turned into rows
as they come; every CHUNK_ROWS rows of a table become a DataFrame (columnar, strings in Arrow) that
`table_chunks` hands on, so that `vanban run` writes the tables out without holding them (at 100k
documents they are 3.5M rows, about 1 GB as frames); `build_tables` joins the chunks in memory.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from .audit import AuditResult, flags, flags_frame
from .link import Linked, is_full_date

COLUMNS: dict[str, list[str]] = {
    "documents": [
        "source", "doc_type", "number", "symbol", "key", "issue_date", "issue_day", "date_precision",
        "is_draft", "title", "issuer_name", "issuer_level", "issuer_locality", "issuer_province", "place",
        "signer_name", "signer_position", "signer_authority", "basis", "directives", "unit_code",
        "unit_name", "now_code", "now_name", "citations", "sections", "assignments", "flags",
        "format", "pages", "warnings"],
    "citations": [
        "source", "citation_index", "mention_index", "key", "instrument", "resolution", "type", "number",
        "symbol", "date", "date_day", "other_dates", "issuer", "name", "subject", "role", "in_basis",
        "in_directives", "span_start", "span_end", "mention_text", "mention_form", "mention_role",
        "mention_date", "raw_symbol"],
    "instruments": [
        "key", "status", "type", "number", "symbol", "year", "issuer", "level", "locality", "name",
        "real_date", "real_day", "real_date_source", "corpus_documents", "central_directive",
        "cited_by", "printed_dates", "printed_in", "date_conflict"],
    "links": [
        "src", "dst", "type", "source", "inferred", "evidence", "span_start", "span_end", "src_label",
        "dst_label"],
    "chains": [
        "source", "directive", "kind", "steps", "via", "path", "path_labels", "inferred"],
    "sections": [
        "source", "section_index", "path", "heading", "kind", "depth", "span_start", "span_end"],
    "assignments": [
        "source", "assignment_index", "task_index", "reported", "unit", "unit_normalized", "role",
        "section", "collective", "task", "task_role", "deadline", "recurrence", "cooperating",
        "span_start", "span_end"],
    "dates": [
        "source", "date_index", "kind", "text", "value", "value_day", "end", "recurrence", "valid",
        "error", "span_start", "span_end"],
    "recipients": ["source", "recipient_index", "recipient"],
    "localities": [
        "source", "issuer_level", "issuer_locality", "issuer_province", "issue_date", "era",
        "unit_level", "unit_code", "unit_name", "province_code", "province", "district_code",
        "district", "now_code", "now_name", "now_province_code", "now_province", "existed", "note"],
    "errors": ["source", "stage", "kind", "message"],
}
_INT_COLUMNS = {"citation_index", "mention_index", "span_start", "span_end", "section_index", "depth",
                "assignment_index", "task_index", "date_index", "recipient_index", "steps", "cited_by",
                "citations", "sections", "assignments", "flags", "pages"}
_DAY_COLUMNS = {"issue_day", "date_day", "real_day", "value_day"}
_BOOL_COLUMNS = {"is_draft", "in_basis", "in_directives", "central_directive", "date_conflict",
                 "inferred", "reported", "collective", "valid", "existed"}


def _span(value) -> tuple[int | None, int | None]:
    """A span as the record gives it: {"start", "end"}, [start, end] or nothing."""
    if isinstance(value, dict):
        return value.get("start"), value.get("end")
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return value[0], value[1]
    return None, None


def _join(values: Iterable) -> str | None:
    items = [str(v) for v in values if v not in (None, "")]
    return "; ".join(items) or None


def _precision(date: str | None) -> str | None:
    return {10: "day", 7: "month", 4: "year"}.get(len(date)) if date else None


def _day(date: str | None) -> str | None:
    return date if is_full_date(date) else None


def frame(name: str, rows: list) -> pd.DataFrame:
    """A table from row tuples, with the dtypes the exports need (nullable ints, dates as datetimes)."""
    df = pd.DataFrame(rows, columns=COLUMNS[name])
    for col in df.columns:
        if col in _INT_COLUMNS:
            df[col] = pd.array(df[col], dtype="Int64")
        elif col in _DAY_COLUMNS:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
        elif col in _BOOL_COLUMNS:
            df[col] = pd.array(df[col], dtype="boolean")
    return df


# Rows of a table held as Python tuples before they become a frame (about 15 MB at 25 columns;
# eleven tables fill at once).
CHUNK_ROWS = 10_000

AUDIT_TABLES = ("matrix", "matrix_summary", "coverage")


def table_names(audited: bool) -> list[str]:
    """The tables of a corpus in their order (the workbook's sheets); `audited`: with an audit result."""
    return [*COLUMNS, "audit", *(AUDIT_TABLES if audited else ())]


def table_chunks(records: Iterable[dict], errors: Iterable[dict], linked: Linked,
                 audit_result: AuditResult | None = None, chunk_rows: int = CHUNK_ROWS
                 ) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every table of a corpus as (name, frame) pairs of at most `chunk_rows` rows, made as the
    records come, so that a caller can write them out without holding any table whole.

    A table's chunks come in row order, interleaved with other tables' chunks; every table has at
    least one (an empty table, one empty frame). Each chunk is typed by `frame` on its own rows:
    `concat_chunks` joins them into the table `frame` would give from all the rows at once.
    The audit's tables come last, whole.
    """
    found_flags = flags(linked) if audit_result is None else None
    flag_count = Counter(f.source for f in found_flags) if found_flags is not None else \
        Counter(audit_result.flags["source"])
    rows: dict[str, list] = {name: [] for name in COLUMNS}
    chunked: set[str] = set()

    def table_rows() -> Iterator[tuple[str, tuple]]:
        for rec in records:
            yield from _record_rows(rec, linked, flag_count)
        for err in errors:
            yield "errors", (err.get("source"), err.get("stage"), err.get("kind"), err.get("message"))
        yield from _graph_rows(linked)

    for name, row in table_rows():
        table = rows[name]
        table.append(row)
        if len(table) >= chunk_rows:
            yield name, frame(name, table)
            rows[name] = []
            chunked.add(name)
    for name, table in rows.items():
        if table or name not in chunked:
            yield name, frame(name, table)
    yield "audit", flags_frame(found_flags) if found_flags is not None else audit_result.flags
    if audit_result is not None:
        yield "matrix", audit_result.matrix
        yield "matrix_summary", audit_result.summary
        yield "coverage", audit_result.coverage


def column_dtype(chunk_dtypes: list[tuple[object, bool]], values: Callable[[], list]):
    """The dtype of a column in the whole table, from its dtype and whether it has a value in each
    chunk: pandas' inference over all its values (`values()` gives them), as `frame` infers it
    from all the rows at once.

    A chunk where the column is all empty infers no type (object, or seconds for a date), so when
    chunks differ only by such chunks the others' type holds; any other difference is settled
    by inferring over every value, which needs the whole column.
    """
    kinds = {str(dtype) for dtype, _ in chunk_dtypes}
    if len(kinds) == 1:
        return chunk_dtypes[0][0]
    filled = {str(dtype): dtype for dtype, has_values in chunk_dtypes if has_values}
    if len(filled) == 1:
        [(kind, dtype)] = filled.items()
        if kind == "str" or kind.startswith("datetime64"):
            return dtype
    return pd.Series(values()).dtype


def concat_chunks(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """One table from its chunks (`table_chunks`), as `frame` would give it from all the rows at once."""
    if len(chunks) == 1:
        return chunks[0]
    df = pd.concat(chunks, ignore_index=True)
    for col in df.columns:
        dtype = column_dtype([(c[col].dtype, bool(c[col].notna().any())) for c in chunks],
                             lambda col=col: [v for c in chunks for v in c[col].tolist()])
        if str(df[col].dtype) != str(dtype):
            df[col] = pd.concat([c[col].astype(dtype) for c in chunks], ignore_index=True)
    return df


def build_tables(records: Iterable[dict], errors: Iterable[dict], linked: Linked,
                 audit_result: AuditResult | None = None, chunk_rows: int = CHUNK_ROWS) -> dict[str, pd.DataFrame]:
    """All tables of a corpus in memory (for tests and notebooks: `vanban run` writes `table_chunks`
    to its files as they come). With an audit result, also its matrix, summary and coverage."""
    chunks: dict[str, list[pd.DataFrame]] = defaultdict(list)
    for name, df in table_chunks(records, errors, linked, audit_result, chunk_rows):
        chunks[name].append(df)
    return {name: concat_chunks(chunks.pop(name)) for name in table_names(audit_result is not None)}


def _record_rows(rec: dict, linked: Linked, flag_count: Counter) -> Iterator[tuple[str, tuple]]:
    source = rec["source"]
    doc = linked.documents.get(source)
    issuer, signer = rec.get("issuer") or {}, rec.get("signer") or {}
    place = doc.place if doc else None
    unit, now = (place.unit, place.now) if place else (None, None)
    date = rec.get("issue_date")
    yield "documents", (
        source, rec.get("doc_type"), rec.get("number"), rec.get("symbol"), doc.key if doc else None, date,
        _day(date), _precision(date), doc.is_draft if doc else rec.get("is_draft"), rec.get("title"),
        issuer.get("name"), issuer.get("level"), issuer.get("locality"), issuer.get("province"),
        rec.get("place"), signer.get("name"), signer.get("position"), signer.get("authority"),
        _join(rec.get("basis") or []), _join(rec.get("directives") or []), unit and unit.code,
        unit and unit.name, now and now.code, now and now.name, len(rec.get("citations") or []),
        len(rec.get("sections") or []), len(rec.get("assignments") or []), flag_count.get(source, 0),
        rec.get("format"), rec.get("pages"), _join(rec.get("warnings") or []))
    refs = {c.key: c for c in doc.citations} if doc else {}
    for ci, c in enumerate(rec.get("citations") or []):
        ref = refs.get(c.get("key"))
        head = (source, ci)
        body = (c.get("key"), ref.node if ref else c.get("key"), ref.resolution if ref else None,
                c.get("type"), c.get("number"), c.get("symbol"), c.get("date"), _day(c.get("date")),
                _join(c.get("other_dates") or []), c.get("issuer"), c.get("name"), c.get("subject"),
                ref.role if ref else c.get("role"), ref.in_basis if ref else None,
                ref.in_directives if ref else None)
        mentions = c.get("mentions") or []
        if not mentions:
            yield "citations", head + (None,) + body + (None,) * 7
        for mi, m in enumerate(mentions):
            yield "citations", head + (mi,) + body + _span(m.get("span")) + (
                m.get("text"), m.get("form"), m.get("role"), m.get("date"), m.get("raw_symbol"))
    for si, s in enumerate(rec.get("sections") or []):
        yield "sections", (source, si, s.get("path"), s.get("heading"), s.get("kind"), s.get("level")) \
            + _span(s.get("span"))
    for reported, key in ((False, "assignments"), (True, "reported_actions")):
        for ai, a in enumerate(rec.get(key) or []):
            head = (source, ai)
            unit_cols = (a.get("unit"), a.get("unit_normalized"), a.get("role"), a.get("section"),
                         a.get("collective"))
            tasks = a.get("tasks") or []
            if not tasks:
                yield "assignments", head + (None, reported) + unit_cols + (None,) * 5 + _span(a.get("span"))
            for ti, t in enumerate(tasks):
                yield "assignments", head + (ti, reported) + unit_cols + (
                    t.get("text"), t.get("role"), t.get("deadline"), t.get("recurrence"),
                    _join(t.get("cooperating") or [])) + _span(t.get("span"))
    for di, d in enumerate(rec.get("dates") or []):
        yield "dates", (source, di, d.get("kind"), d.get("text"), d.get("value"), _day(d.get("value")),
                        d.get("end"), d.get("recurrence"), d.get("valid"), d.get("error")) + _span(d.get("span"))
    for ri, r in enumerate(rec.get("recipients") or []):
        yield "recipients", (source, ri, r)
    if doc is not None:
        yield "localities", (
            source, doc.level, doc.locality, doc.province, doc.issue_date, unit and unit.era,
            unit and unit.level, unit and unit.code, unit and unit.name, unit and unit.province_code,
            unit and unit.province, unit and (unit.district_code if unit.level == "xa" else None),
            unit and unit.district, now and now.code, now and now.name, now and now.province_code,
            now and now.province, place.existed if place else None, place.note if place else None)


def _graph_rows(linked: Linked) -> Iterator[tuple[str, tuple]]:
    printed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    cited_by: Counter = Counter()
    for d in linked.documents.values():
        for c in d.citations:
            cited_by[c.node] += 1
            for date in sorted({p for p, _ in c.printed_dates()}):
                printed[c.node].append((date, d.source))
    for key, inst in linked.instruments.items():
        dates = Counter(date for date, _ in printed[key])
        where: dict[str, list[str]] = defaultdict(list)
        for date, source in printed[key]:
            where[date].append(source)
        full = {d for d in dates if is_full_date(d)}
        real = inst.real_date if is_full_date(inst.real_date) else None
        yield "instruments", (
            key, inst.status, inst.type, inst.number, inst.symbol, inst.year, inst.issuer, inst.level,
            inst.locality, inst.name, inst.real_date, _day(inst.real_date), inst.real_date_source,
            _join(inst.documents), inst.central_directive, cited_by[key],
            _join(f"{d} ×{n}" for d, n in dates.most_common()),
            _join(f"{d}: {', '.join(where[d])}" for d in sorted(where)),
            bool(inst.symbol) and (len(full) > 1 or bool(real and full - {real})))
    for e in linked.edges:
        yield "links", (e.src, e.dst, e.type, e.source, e.inferred, e.evidence, e.start, e.end,
                        linked.label(e.src), linked.label(e.dst))
    for c in linked.chains:
        yield "chains", (c.source, c.directive, c.kind, len(c.path) - 1,
                         c.path[1] if len(c.path) > 2 else None, " -> ".join(c.path),
                         " -> ".join(linked.label(n) for n in c.path), c.inferred)

