"""The audit: who implemented a directive where and when, what looks wrong, what a plan leaves out.

    result = audit(linked, directive="07/CT-TTg@2023")
    result.matrix     # one row per unit of the official list (province -> district -> commune)
    result.summary    # counts per province
    result.flags      # one row per finding, with its evidence (file, span, values)
    result.coverage   # the parent's tasks a plan takes up or leaves out

The matrix lists units of the official list, so a commune with no document shows up as a gap.
Units are those of the list in force at each document's date: documents before 1 July 2025 sit
in the 63-province list (province -> district -> commune), later ones in the 34-province list
(province -> commune); `era` says which. By default only the provinces that appear in the corpus
are listed (`provinces="all"` lists the whole country, about 13,000 rows).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from . import lexicon
from .gazetteer import CURRENT, LEGACY, Unit, fold, gazetteer
from .link import LOCAL_LEVELS, Chain, DocInfo, Linked, is_full_date, link_corpus, symbol_type
from .model import NEWS

# Coverage: a parent's task is taken up when some task of the plan scores at least this with
# rapidfuzz's token_sort_ratio on folded text. Measured on 30 hand-checked decisions (the 15 tasks
# of Tuyên Quang's letter 1719/UBND-THCBKS against every item of the plans of xã Cẩm Thành and
# xã Dân Tiến, tests/test_audit.py): 75 gives precision 1.00, recall 0.85; 73 gives 0.92 / 0.85;
# 70 gives 0.76 / 1.00. The misses are tasks a commune rewords around its own units.
COVERAGE_THRESHOLD = 75

FLAG_KINDS = ("draft", "date_conflict", "cites_later_document", "missing_section", "truncated",
              "issuer_did_not_exist", "symbol_type_mismatch")


@dataclass(slots=True)
class Flag:
    """One finding about one document, with what shows it."""
    source: str
    kind: str                         # one of FLAG_KINDS
    message: str
    instrument: str | None = None     # the instrument concerned, when it is a citation
    start: int | None = None          # span in the document's text
    end: int | None = None
    values: dict = field(default_factory=dict)


@dataclass(slots=True)
class AuditResult:
    directive: str
    directive_date: str | None
    matrix: pd.DataFrame
    summary: pd.DataFrame
    flags: pd.DataFrame
    coverage: pd.DataFrame


# --- flags -----------------------------------------------------------------------------------

def _date_cmp(a: str, b: str) -> int:
    """Compare two ISO dates at the precision both have: -1, 0 (same or undecidable), 1."""
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def flags(linked: Linked) -> list[Flag]:
    """Every finding of the corpus, document by document."""
    out: list[Flag] = []
    printed = _printed_dates(linked)
    requirements = _requirements()
    codes = _type_codes()
    for d in linked.documents.values():
        if d.is_draft:
            out.append(Flag(d.source, "draft", "draft: " + ", ".join(
                w for w, bad in (("no number", not d.number), ("no day", bool(d.issue_date) and
                                 len(d.issue_date) < 10)) if bad) or "draft",
                values={"symbol": d.symbol, "issue_date": d.issue_date}))
        out.extend(_date_flags(linked, d, printed))
        out.extend(_section_flags(d, requirements))
        if d.place is not None and d.place.existed is False:
            out.append(Flag(d.source, "issuer_did_not_exist",
                            f"{d.issuer_name or d.locality}: {d.place.note}",
                            values={"issuer": d.issuer_name, "level": d.level, "issue_date": d.issue_date,
                                    "unit_now": d.place.now.name if d.place.now else None}))
        out.extend(_type_flags(d, codes))
    return out


def _printed_dates(linked: Linked) -> dict[str, Counter]:
    """For each instrument, the full dates printed for it across the corpus, counted by document."""
    out: dict[str, Counter] = defaultdict(Counter)
    for d in linked.documents.values():
        for c in d.citations:
            for date in sorted({p for p, _ in c.printed_dates() if is_full_date(p)}):   # ties in date order
                out[c.node][date] += 1
    return out


def _date_flags(linked: Linked, d: DocInfo, printed: dict[str, Counter]) -> list[Flag]:
    out = []
    for c in d.citations:
        inst = linked.instruments[c.node]
        dates = c.printed_dates() if c.symbol else []   # a law named by its title: the name is no identity
        mine = sorted({p for p, _ in dates if is_full_date(p)})
        first = next((m for _, m in dates if m is not None), None)
        span = (first.start, first.end) if first else (None, None)
        name = c.symbol or c.name or c.key
        real = inst.real_date if is_full_date(inst.real_date) else None
        problem = None
        if len(mine) > 1:
            problem = f"{name} is dated {' and '.join(mine)} in this document"
            others = printed[c.node] - Counter(mine)
            if others:
                problem += "; elsewhere in the corpus " + ", ".join(
                    f"{date} ({n} document{'s' if n > 1 else ''})" for date, n in others.most_common())
        elif real and mine and mine[0] != real:
            problem = f"{name} is dated {mine[0]} here; its date is {real} ({inst.real_date_source})"
        elif not real and mine:
            others = printed[c.node] - Counter(mine)
            if others and mine[0] not in others:
                usual = others.most_common(1)[0][0]
                problem = f"{name} is dated {mine[0]} here and {usual} elsewhere in the corpus"
        if len(mine) > 1 and real:
            problem += f"; its date is {real} ({inst.real_date_source})"
        if problem:
            out.append(Flag(d.source, "date_conflict", problem, c.node, *span, values={
                "printed": mine, "real_date": real, "real_date_source": inst.real_date_source if real else None,
                "elsewhere": dict(printed[c.node]),
                "mentions": [{"date": p, "start": m.start, "end": m.end} for p, m in dates if m]}))
        cited_date = real or (mine[0] if mine else c.date)
        if cited_date and d.issue_date and _date_cmp(cited_date, d.issue_date) > 0:
            out.append(Flag(d.source, "cites_later_document",
                            f"{name} ({cited_date}) is dated after this document ({d.issue_date})",
                            c.node, *span, values={"cited_date": cited_date, "issue_date": d.issue_date}))
    return out


def _requirements() -> dict[str, list[dict]]:
    try:
        data = lexicon.load("required_sections")
    except FileNotFoundError:
        return {}
    out: dict[str, list[dict]] = defaultdict(list)
    for r in data.get("requirement", []):
        out[r["doc_type"]].append(r)
    return out


def _section_flags(d: DocInfo, requirements: dict[str, list[dict]]) -> list[Flag]:
    """One flag per document that lacks sections its type requires (all the missing ones in it);
    a text that stops before the document ends is flagged so instead, whatever it lacks: the
    rest may be in the part not captured."""
    kinds = {kind for _, kind, _ in d.sections}
    missing = [r for r in requirements.get(d.doc_type or "", ()) if not kinds & set(r["kinds"])]
    if d.truncated:
        return [Flag(d.source, "truncated", "the text stops before the document ends: its sections and "
                     "tasks are those printed, missing sections not judged",
                     values={"not_judged": [r["name"] for r in missing], "section_kinds": sorted(kinds)})]
    if not missing:
        return []
    names = ", ".join(r["name"] for r in missing)
    return [Flag(d.source, "missing_section", f"{d.doc_type} without a section for: {names}"
                 + ("" if d.sections else " (no numbered section found)"),
                 values={"missing": [r["name"] for r in missing], "section_kinds": sorted(kinds),
                         "sections": len(d.sections)})]


def _type_codes() -> dict[str, str]:
    """Type part of a symbol -> document type ("HDLN" -> "HD"), from the extraction's lexicons."""
    out: dict[str, str] = {}
    for name, read in (("citations", lambda t: {c: c for c in t.get("symbol_types", {}).get("codes", [])}),
                       ("doc_types", lambda t: {p: e["abbr"] for e in t.get("type", [])
                                                for p in e.get("symbol_parts", [])})):
        try:
            out.update(read(lexicon.load(name)))
        except FileNotFoundError:
            continue
    return out


def _type_flags(d: DocInfo, codes: dict[str, str]) -> list[Flag]:
    out = []
    part = symbol_type(d.symbol)
    if d.doc_type not in (None, NEWS, "CV") and part in codes and codes[part] != d.doc_type:
        out.append(Flag(d.source, "symbol_type_mismatch",
                        f"the symbol {d.symbol} says {codes[part]}, the type word says {d.doc_type}",
                        values={"symbol": d.symbol, "doc_type": d.doc_type}))
    for c in d.citations:
        part = symbol_type(c.symbol)
        if c.type and c.type != "CV" and part in codes and codes[part] != c.type:
            first = c.mentions[0] if c.mentions else None
            out.append(Flag(d.source, "symbol_type_mismatch",
                            f"{c.symbol} is cited as {c.type} but its symbol says {codes[part]}", c.node,
                            first.start if first else None, first.end if first else None,
                            values={"symbol": c.symbol, "type": c.type}))
    return out


def flags_frame(found: Iterable[Flag]) -> pd.DataFrame:
    rows = [(f.source, f.kind, f.message, f.instrument, f.start, f.end,
             json.dumps(f.values, ensure_ascii=False, default=str)) for f in found]
    return pd.DataFrame(rows, columns=["source", "kind", "message", "instrument", "span_start",
                                       "span_end", "values"]).astype({"span_start": "Int64", "span_end": "Int64"})


# --- the directive x locality matrix ----------------------------------------------------------

def _days(date: str | None, since: str | None) -> int | None:
    """Days from `since` to `date`; a month- or year-precise date counts from its first day."""
    if not date or not since:
        return None
    def as_date(s: str) -> dt.date:
        parts = [int(p) for p in s.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])
    try:
        return (as_date(date) - as_date(since)).days
    except ValueError:
        return None


def _directive_date(linked: Linked, directive: str) -> str | None:
    inst = linked.instruments.get(directive)
    if inst and is_full_date(inst.real_date):
        return inst.real_date
    counts = _printed_dates(linked).get(directive)
    return counts.most_common(1)[0][0] if counts else None


MATRIX_COLUMNS = [
    "era", "level", "province_code", "province", "district_code", "district", "unit_code", "unit",
    "now_code", "now_unit", "has_plan", "plan", "plan_type", "plan_source", "plan_date",
    "days_after_directive", "plan_is_draft", "chain", "chain_inferred", "documents",
    "has_report", "report", "report_source", "report_date"]


def _matrix(linked: Linked, directive: str, directive_date: str | None,
            provinces: str | Iterable[str]) -> pd.DataFrame:
    chains = linked.chains_to(directive)
    by_unit: dict[str, list[tuple[DocInfo, list[Chain]]]] = defaultdict(list)
    unplaced: list[tuple[DocInfo, list[Chain]]] = []
    for source, cs in chains.items():
        d = linked.documents[source]
        if d.level not in LOCAL_LEVELS:
            continue
        if d.place is not None and d.place.unit is not None:
            by_unit[d.place.unit.uid].append((d, cs))
        else:
            unplaced.append((d, cs))
    g = gazetteer()
    wanted: dict[str, set[str] | None] = {}
    for era in (LEGACY, CURRENT):
        if provinces == "all":
            wanted[era] = None
        elif provinces == "corpus":
            wanted[era] = {d.place.unit.province_code for d in linked.documents.values()
                           if d.place is not None and d.place.unit is not None and d.place.unit.era == era}
        else:
            names = list(provinces)
            wanted[era] = {p.code for p in (g.province(n, era) for n in names) if p}
    rows = []
    for era in (LEGACY, CURRENT):
        if wanted[era] == set():
            continue
        for unit in g.walk(era, wanted[era]):
            rows.append(_row(linked, unit, by_unit.get(unit.uid, []), directive_date, g.successor(unit)))
    for d, cs in unplaced:   # implementing documents whose issuer is not in the list: never lost
        rows.append(_row(linked, None, [(d, cs)], directive_date, None, d))
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS).astype(
        {"days_after_directive": "Int64", "documents": "Int64"})


def _row(linked: Linked, unit: Unit | None, docs: list[tuple[DocInfo, list[Chain]]],
         directive_date: str | None, now: Unit | None, doc: DocInfo | None = None) -> list:
    plans = sorted(((d, c) for d, cs in docs for c in cs if c.kind == "implements" and d.doc_type != "BC"),
                   key=lambda dc: (dc[0].issue_date or "9999", -len(dc[1].path)))
    reports = sorted(((d, c) for d, cs in docs for c in cs if c.kind == "reports_on" or d.doc_type == "BC"),
                     key=lambda dc: dc[0].issue_date or "9999")
    plan, chain = plans[0] if plans else (None, None)
    report = reports[0][0] if reports else None
    if unit is not None:
        head = [unit.era, unit.level, unit.province_code, unit.province,
                unit.district_code if unit.level == "xa" else (unit.code if unit.level == "huyen" else None),
                unit.district if unit.level == "xa" else (unit.short if unit.level == "huyen" else None),
                unit.code, unit.name]
    else:
        head = [None, doc.level, None, doc.province, None, doc.district, None, doc.issuer_name or doc.locality]
    return head + [
        now.code if now else None, now.name if now else None,
        plan is not None, plan and (plan.symbol or plan.source), plan and plan.doc_type, plan and plan.source,
        plan and plan.issue_date, _days(plan.issue_date, directive_date) if plan else None,
        plan.is_draft if plan else None,
        " -> ".join(linked.label(n) for n in chain.path) if chain else None,
        chain.inferred if chain else None, len({d.source for d, _ in docs}),
        report is not None, report and (report.symbol or report.source), report and report.source,
        report and report.issue_date]


def _summary(matrix: pd.DataFrame) -> pd.DataFrame:
    placed = matrix[matrix["unit_code"].notna()]
    rows = []
    for (era, code, name), g in placed.groupby(["era", "province_code", "province"], sort=True):
        prov = g[g["level"] == "tinh"]
        dist, comm = g[g["level"] == "huyen"], g[g["level"] == "xa"]
        days = g.loc[g["has_plan"], "days_after_directive"].dropna()
        rows.append([era, code, name, bool(prov["has_plan"].any()), prov["plan"].dropna().iloc[0]
                     if prov["has_plan"].any() else None, len(dist), int(dist["has_plan"].sum()),
                     len(comm), int(comm["has_plan"].sum()), int(g["has_report"].sum()),
                     int(days.median()) if len(days) else None])
    return pd.DataFrame(rows, columns=[
        "era", "province_code", "province", "province_has_plan", "province_plan", "districts",
        "districts_with_plan", "communes", "communes_with_plan", "units_with_report",
        "median_days_after_directive"]).astype({"median_days_after_directive": "Int64"})


# --- coverage of a parent's tasks -----------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """Task text as the coverage measure compares it: folded, punctuation-free, spaces single."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


def match_tasks(parent: list[str], plan: list[str], threshold: float = COVERAGE_THRESHOLD
                ) -> list[tuple[int, int | None, float]]:
    """For each parent task: (its index, the best plan task's index or None, the score)."""
    if not parent:
        return []
    plan_folded = [fold_text(t) for t in plan]
    out = []
    for i, task in enumerate(parent):
        best = process.extractOne(fold_text(task), plan_folded, scorer=fuzz.token_sort_ratio) if plan else None
        if best and best[1] >= threshold:
            out.append((i, best[2], best[1]))
        else:
            out.append((i, None, best[1] if best else 0.0))
    return out


COVERAGE_COLUMNS = ["plan_source", "parent", "parent_source", "parent_unit", "parent_task",
                    "parent_task_start", "taken_up", "plan_task", "plan_task_start", "score"]


def _coverage(linked: Linked) -> pd.DataFrame:
    """Each corpus plan against each parent of the corpus it implements, task by task."""
    rows = []
    for e in linked.edges:
        if e.type != "implements" or e.inferred:
            continue
        parent = linked.instruments.get(e.dst)
        plans = linked.instruments[e.src].documents if e.src in linked.instruments else []
        if not parent or not parent.documents:
            continue
        for plan_source in plans:
            if plan_source != e.source:
                continue
            plan_doc = linked.documents[plan_source]
            parent_doc = linked.documents[parent.documents[0]]
            if not parent_doc.tasks or not plan_doc.tasks:
                continue
            # A task given to several units ("Bộ trưởng, ..., Chủ tịch UBND các tỉnh") is one task.
            parent_tasks: dict[str, list] = {}
            for t in parent_doc.tasks:
                parent_tasks.setdefault(fold_text(t.text), []).append(t)
            groups = list(parent_tasks.values())
            matches = match_tasks([g[0].text for g in groups], [t.text for t in plan_doc.tasks])
            for i, j, score in matches:
                pt = groups[i][0]
                qt = plan_doc.tasks[j] if j is not None else None
                units = "; ".join(dict.fromkeys(t.unit for t in groups[i] if t.unit))
                rows.append([plan_source, e.dst, parent_doc.source, units or None, pt.text, pt.start,
                             j is not None, qt.text if qt else None, qt.start if qt else None, round(score, 1)])
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS).astype(
        {"parent_task_start": "Int64", "plan_task_start": "Int64"})


# --- entry point -------------------------------------------------------------------------------------

def audit(corpus: Linked | Iterable[dict], directive: str = "07/CT-TTg@2023",
          provinces: str | Iterable[str] = "corpus") -> AuditResult:
    """The audit of one directive over a linked corpus (or records, which are linked first).

    `provinces`: "corpus" (the provinces documents come from), "all", or a list of province names.
    """
    linked = corpus if isinstance(corpus, Linked) else link_corpus(corpus)
    date = _directive_date(linked, directive)
    matrix = _matrix(linked, directive, date, provinces)
    return AuditResult(directive, date, matrix, _summary(matrix), flags_frame(flags(linked)),
                       _coverage(linked))
