"""A synthetic national cascade of plans and reports under one directive, with its ground truth.

    from pipeline import synth
    truth = synth.generate("out/synth", provinces=2, years=(2023, 2026), seed=7,
                           districts_per_province=2, communes_per_parent=3, formats=("txt", "docx", "pdf"))

Units come from the official list (vietnamadminunits: the 63-province list with districts for
documents before 1 July 2025, the 34-province list without districts after). For each year:
every province issues a plan (KH) citing the directive, every district a plan citing its
province's plan, every commune a plan citing its district's plan (after 1 July 2025: no
districts, communes cite the province's plan); each unit that issued a plan reports on it (BC)
at the end of the year (not for 2025, when the reorganisation broke the cycle). The first year
of the directive has implementation plans ("Triển khai thực hiện Chỉ thị ..."), later years
annual plans ("Truyền thông chính sách ... năm 2026"). A known fraction of units issue nothing
in a year (their units below cite the nearest superior that did, or the directive alone); some
leaf documents are drafts (blank number and day); some print a symbol or a date misprinted, a
citation's date wrong (a contradiction), or come wrapped in web-page chrome. Phrasing varies
from the templates of models/synth.toml. Output is deterministic for a seed, and a document's
text depends only on the seed, its unit and its year (not on what else is generated).

Ground truth: `truth.json` in the output folder, also returned:

    {"version": 1,
     "generator": {parameters of the call},
     "directive": {"key", "symbol", "date", "issuer", "subject"},
     "units": [{"uid": "legacy:xa:15133",        # era:level:GSO code, as pipeline.gazetteer's Unit.uid
                "era": "legacy" | "current", "level": "tinh" | "huyen" | "xa",
                "name": "Xã Cẩm Thành", "locality": "Cẩm Thành", "province": "Thanh Hóa",
                "district": "Cẩm Thủy" | null, "parent": uid | null,
                "documents": [doc ids], "silent_years": [years it issued nothing]}],
     "documents": [{"id": "legacy-xa-15133-2023-KH", "file": "legacy-xa-15133-2023-KH.txt",
                    "format": "txt" | "docx" | "pdf", "unit": uid, "year": 2023,
                    "role": "plan" | "report",
                    "key": "12/KH-UBND@2023:Cẩm Thành" | null (a draft has no key),
                    "parent": doc id | null,     # the plan this plan implements (cites in its preamble)
                    "reports_on": doc id | null, # the plan this report reports on
                    "chain": [doc id, parent id, ..., "07/CT-TTg@2023"],
                    "implements": true for plans (directly or through the chain), false for reports,
                    "flags": [flag, ...],
                    "record": {the expected record: doc_type, number, symbol, issuer {name, level,
                               locality, province}, place, issue_date, title, signer, citations
                               (date as printed), basis, directives, sections, assignments,
                               recipients: the fields and meaning of RECORD.md}}],
     "flags": [every flag of every document, with "doc"; and {"kind": "silent", "unit", "year"}],
     "counts": {"documents", "plans", "reports", "by_level", "by_format", "by_flag"}}

Flags: {"kind": "draft"}; {"kind": "typo_symbol", "printed": "174/KHUBND", "symbol": "174/KH-UBND",
"where": "header" | key of the cited instrument}; {"kind": "typo_date", "printed": "04.10.2023",
"date": "2023-10-04", "where": ...}; {"kind": "date_contradiction", "instrument": key,
"printed": "2023-03-12", "real": "2023-03-21"}; {"kind": "chrome"}.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon

REORGANISATION = dt.date(2025, 7, 1)
LEGACY, CURRENT = "legacy", "current"
FORMATS = ("txt", "docx", "pdf")

_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^{}]+))?\}")
_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")
# Symbols of local plans start their number sequence over each year: a per-day issue rate
# by level (about 230 plans by late September for a province, as in the seeds).
_RATE = {"tinh": 0.9, "huyen": 0.6, "xa": 0.25}
_TYPE_WORD = {"KH": "KẾ HOẠCH", "BC": "BÁO CÁO"}
_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_ROMAN = ("I", "II", "III", "IV", "V")


# --- the official list of units -----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Unit:
    era: str
    level: str                 # tinh, huyen, xa
    code: str
    name: str                  # "Xã Cẩm Thành"
    kind: str                  # "xã", "thị xã", "thành phố", "tỉnh"
    short: str                 # "Cẩm Thành"
    province_code: str
    parent_code: str | None    # district code of a legacy commune, province code otherwise

    @property
    def uid(self) -> str:
        return f"{self.era}:{self.level}:{self.code}"


@dataclass(frozen=True, slots=True)
class UnitList:
    """Both eras of the official list, indexed; immutable, loaded once."""
    units: dict[str, Unit]                     # uid -> unit
    children: dict[str, tuple[str, ...]]       # uid -> uids of the units directly below, by code
    provinces: dict[str, tuple[str, ...]]      # era -> province uids, by code
    successor: dict[str, str]                  # legacy province uid -> current province uid


def _kind(full: str, short: str) -> str:
    return full[: len(full) - len(short)].strip().lower()


@functools.cache
def units() -> UnitList:
    """The official list of administrative units (vietnamadminunits' SQLite table, read once)."""
    import vietnamadminunits
    data = Path(vietnamadminunits.__file__).parent / "data"
    with sqlite3.connect(data / "dataset.db") as db:
        legacy = db.execute("SELECT province, provinceShort, provinceCode, provinceKey, district, districtShort,"
                            " districtCode, ward, wardShort, wardCode FROM admin_units_legacy").fetchall()
        current = db.execute("SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardCode"
                             " FROM admin_units").fetchall()
    merged = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    out: dict[str, Unit] = {}
    kids: dict[str, set[str]] = {}
    prov_key: dict[str, str] = {}

    def add(u: Unit, parent: str | None) -> None:
        out[u.uid] = u
        if parent:
            kids.setdefault(parent, set()).add(u.uid)

    for p, ps, pc, pk, d, ds, dc, w, ws, wc in legacy:
        prov = Unit(LEGACY, "tinh", pc, p, _kind(p, ps), ps, pc, None)
        add(prov, None)
        prov_key[pk] = prov.uid
        dist = Unit(LEGACY, "huyen", dc, d, _kind(d, ds), ds, pc, pc)
        add(dist, prov.uid)
        if w:   # island districts have no communes
            add(Unit(LEGACY, "xa", wc, w, _kind(w, ws), ws, pc, dc), dist.uid)
    current_prov: dict[str, str] = {}
    for p, ps, pc, pk, w, ws, wc in current:
        prov = Unit(CURRENT, "tinh", pc, p, _kind(p, ps), ps, pc, None)
        add(prov, None)
        current_prov[pk] = prov.uid
        add(Unit(CURRENT, "xa", wc, w, _kind(w, ws), ws, pc, pc), prov.uid)
    successor = {prov_key[old]: current_prov[new] for new, olds in merged.items() for old in olds
                 if old in prov_key and new in current_prov}

    def by_code(uids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(uids, key=lambda u: out[u].code))

    provinces = {era: by_code(u for u, x in out.items() if x.level == "tinh" and x.era == era)
                 for era in (LEGACY, CURRENT)}
    return UnitList(out, {k: by_code(v) for k, v in kids.items()}, provinces, successor)


# --- what a unit is called ---------------------------------------------------------------

@functools.cache
def _renamed() -> tuple[tuple[str, str, str], ...]:
    return tuple((r["official"], r["name"], r["until"]) for r in lexicon.load("synth").get("renamed", []))


def _full_name(u: Unit, on: dt.date) -> str:
    """The unit's full name at a date ("Tỉnh Thừa Thiên Huế" before 2025 for "Thành phố Huế")."""
    for official, name, until in _renamed():
        if u.name == official and on.isoformat() < until:
            return name
    return u.name


def _split(full: str, u: Unit) -> tuple[str, str]:
    """(kind word in lower case, own name) of a full name."""
    if full == u.name:
        return u.kind, u.short
    kind = next(k for k in ("thành phố", "tỉnh") if full.lower().startswith(k))
    return kind, full[len(kind):].strip()


@dataclass(frozen=True, slots=True)
class Names:
    """How one unit is written in a document of a given date."""
    kind: str              # "xã"
    own: str               # "Cẩm Thành"
    province: str          # "Thanh Hóa" (historical name at the date)
    area: str              # "xã Cẩm Thành"
    area_full: str         # "xã Cẩm Thành, huyện Cẩm Thủy, tỉnh Thanh Hóa"
    issuer: str            # "Ủy ban nhân dân xã Cẩm Thành"
    issuer_short: str      # "UBND xã Cẩm Thành"


def _names(ul: UnitList, u: Unit, on: dt.date) -> Names:
    kind, own = _split(_full_name(u, on), u)
    prov = ul.units[f"{u.era}:tinh:{u.province_code}"]
    pkind, pown = _split(_full_name(prov, on), prov)
    parts = [f"{kind} {own}"]
    if u.level == "xa" and u.era == LEGACY:
        d = ul.units[f"{LEGACY}:huyen:{u.parent_code}"]
        parts.append(f"{d.kind} {d.short}")
    if u.level != "tinh":
        parts.append(f"{pkind} {pown}")
    return Names(kind, own, pown, parts[0], ", ".join(parts),
                 f"Ủy ban nhân dân {kind} {own}", f"UBND {kind} {own}")


# --- the documents -----------------------------------------------------------------------

@dataclass(slots=True)
class Plan:
    """One generated document (a plan or a report) before it is written."""
    id: str
    unit: Unit
    year: int
    role: str                        # plan, report
    doc_type: str                    # KH, BC
    date: dt.date
    number: str | None               # None: a draft
    parent: Plan | None = None       # plan implemented (plans) or reported on (reports)
    flags: list[dict] = field(default_factory=list)

    @property
    def symbol(self) -> str:
        return f"{self.number or ''}/{self.doc_type}-UBND"


@dataclass(slots=True)
class _Mentions:
    """Instruments mentioned while a document is rendered: key -> citation, printed dates, zones."""
    cites: dict[str, dict] = field(default_factory=dict)
    dates: dict[str, list[str]] = field(default_factory=dict)
    zones: dict[str, set[str]] = field(default_factory=dict)

    def add(self, key: str, citation: dict, printed_date: str | None, zone: str) -> None:
        self.cites.setdefault(key, citation)
        if printed_date:
            self.dates.setdefault(key, []).append(printed_date)
        self.zones.setdefault(key, set()).add(zone)

    def citations(self) -> list[dict]:
        """Each instrument once; its date the one printed most often (first on a tie), the others in other_dates."""
        out = []
        for key, c in self.cites.items():
            c = dict(c)
            ds = self.dates.get(key, [])
            if ds:
                counts = Counter(ds)
                best = max(counts.values())
                c["date"] = next(d for d in ds if counts[d] == best)
                others = [d for d in dict.fromkeys(ds) if d != c["date"]]
                if others:
                    c["other_dates"] = others
            out.append(c)
        return out


def _fmt_date(pattern: str, d: dt.date) -> str:
    return pattern.format(d=d.day, dd=f"{d.day:02d}", m=d.month, mm=f"{d.month:02d}", y=d.year)


def _wrong_date(kind: str, d: dt.date) -> dt.date:
    """A plausible misprint of `d` in the same year (a contradiction, not a format slip)."""
    if kind == "day_swapped" and d.day >= 10 and d.day % 10 and d.day % 11:
        swapped = int(str(d.day)[::-1])
        try:
            return d.replace(day=swapped)
        except ValueError:
            pass
    if kind == "month_off":
        month = d.month + 1 if d.month < 12 else d.month - 1
        try:
            return d.replace(month=month)
        except ValueError:
            pass
    return d + dt.timedelta(days=1 if d.day < 28 else -1)


@dataclass(slots=True)
class _Renderer:
    """Fills templates for one document, recording the instruments it mentions and the flags."""
    model: dict
    rnd: random.Random
    directive: dict
    plan: Plan
    names: Names
    ul: UnitList
    mentions: _Mentions = field(default_factory=_Mentions)
    # per-document misprints, decided once so every mention of an instrument prints alike
    contradiction: tuple[str, dt.date] | None = None      # (instrument key, wrong date)
    symbol_typo: tuple[str, str] | None = None            # (instrument key, printed symbol)
    date_typo: tuple[str, str] | None = None              # (instrument key, date pattern)
    date_typo_printed: str | None = None                  # that date as the mention printed it

    def fill(self, template: str, zone: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self._value(m.group(1), m.group(2), zone), template)

    def _value(self, name: str, arg: str | None, zone: str) -> str:
        n, p = self.names, self.plan
        if name == "directive":
            d = self.directive
            return self._mention(d["key"], d["word"], d["symbol"], d["date"], d["issuer"], d["type"], zone)
        if name == "directive_subject":
            return self.directive["subject"]
        if name == "parent":
            return self._parent_mention(zone)
        if name == "parent_subject":
            return self.fill(self._subject_template(p.parent), zone)
        if name == "parent_issuer":
            return self._issuer_ref(p.parent)
        if name == "cite":
            i = self.model["instruments"][arg]
            return self._mention(arg, i["word"], i["symbol"], i["date"], i["issuer"], i["type"], zone) + \
                " " + i["subject"]
        if name == "law":
            self.mentions.add(arg, {"type": "Luật", "number": None, "symbol": None, "date": None,
                                    "issuer": "Quốc hội", "name": arg, "key": arg}, None, zone)
            return arg
        if name == "superior":
            sup = _superior(self.ul, p.unit)
            return _names(self.ul, sup, p.date).issuer_short if sup else "UBND tỉnh"
        values = {"issuer": n.issuer, "issuer_short": n.issuer_short, "area": n.area,
                  "area_full": n.area_full, "year": str(p.year), "topic": self.directive["topic"]}
        return values[name]

    def _subject_template(self, parent: Plan) -> str:
        subjects = self.model["subjects"]
        kind = "implementation" if parent.year == int(self.directive["date"][:4]) else "annual"
        # the subject depends on the parent only, so every child describes it alike
        return random.Random(f"{parent.id}|subject").choice(subjects[kind])

    def _issuer_ref(self, plan: Plan) -> str:
        names = _names(self.ul, plan.unit, plan.date)
        form = self.rnd.choice(self.model["issuer_ref"]["forms"])
        return form.format(kind=names.kind, name=names.own)

    def _parent_mention(self, zone: str) -> str:
        parent = self.plan.parent
        names = _names(self.ul, parent.unit, parent.date)
        key = _plan_key(parent, names)
        return self._mention(key, "Kế hoạch", parent.symbol, parent.date.isoformat(), names.issuer, "KH",
                             zone, issuer_ref=self._issuer_ref(parent))

    def _mention(self, key: str, word: str, symbol: str, date: str, issuer: str, type_: str, zone: str,
                 issuer_ref: str | None = None) -> str:
        real = dt.date.fromisoformat(date)
        printed = real
        if self.contradiction and self.contradiction[0] == key:
            printed = self.contradiction[1]
        pattern = self.rnd.choice(self.model["dates"]["mention"])
        if self.date_typo and self.date_typo[0] == key:
            pattern = self.date_typo[1]
            self.date_typo_printed = _fmt_date(pattern, printed)
        shown_symbol = self.symbol_typo[1] if self.symbol_typo and self.symbol_typo[0] == key else symbol
        number = symbol.split("/")[0]
        self.mentions.add(key, {"type": type_, "number": number, "symbol": symbol, "date": None,
                                "issuer": issuer, "name": None, "key": key}, printed.isoformat(), zone)
        return f"{word} số {shown_symbol} ngày {_fmt_date(pattern, printed)} của {issuer_ref or issuer}"


def _superior(ul: UnitList, u: Unit) -> Unit | None:
    if u.level == "tinh":
        return None
    if u.level == "xa" and u.era == LEGACY:
        return ul.units[f"{LEGACY}:huyen:{u.parent_code}"]
    return ul.units[f"{u.era}:tinh:{u.province_code}"]


def _plan_key(plan: Plan, names: Names) -> str:
    return f"{plan.symbol}@{plan.date.year}:{names.own}"


def _misprint_symbol(symbol: str, kind: str) -> str:
    number, rest = symbol.split("/", 1)
    return f"{number}/{rest.replace('-', '', 1)}" if kind == "lost_hyphen" else f"{number} /{rest}"


# --- layout: the parts of a document, written by each format -----------------------------

@dataclass(slots=True)
class Layout:
    """A document's parts in reading order, shared by the txt, docx and pdf writers."""
    left: list[str]                  # issuer lines of the header
    number_line: str                 # "Số: 174/KH-UBND"
    date_line: str                   # "Cẩm Thủy, ngày 4 tháng 10 năm 2023"
    type_word: str
    title: str
    body: list[tuple[str, str]]      # (style, text): style "p", "heading", "bullet"
    recipients: list[str]            # printed lines, with "- " and ";"
    signer: list[str]                # authority lines, position, then "" and the name


def _render(plan: Plan, model: dict, directive: dict, ul: UnitList, seed: int, options: dict) -> tuple[Layout, dict]:
    rnd = random.Random(f"{seed}|{plan.id}")
    names = _names(ul, plan.unit, plan.date)
    r = _Renderer(model, rnd, directive, plan, names, ul)
    dir_year = int(directive["date"][:4])
    # misprints
    if plan.number is None:
        plan.flags.append({"kind": "draft"})
    if rnd.random() < options["contradictions"]:
        target = plan.parent if plan.parent and rnd.random() < 0.5 else None
        key, real = (_plan_key(target, _names(ul, target.unit, target.date)), target.date) if target \
            else (directive["key"], dt.date.fromisoformat(directive["date"]))
        wrong = _wrong_date(rnd.choice(model["contradictions"]["kinds"]), real)
        r.contradiction = (key, wrong)
        plan.flags.append({"kind": "date_contradiction", "instrument": key, "printed": wrong.isoformat(),
                           "real": real.isoformat()})
    header_symbol = plan.symbol
    if rnd.random() < options["typos"]:
        kind = rnd.choice(model["typos"]["symbol"])
        if plan.parent and rnd.random() < 0.6:
            key = _plan_key(plan.parent, _names(ul, plan.parent.unit, plan.parent.date))
            printed = _misprint_symbol(plan.parent.symbol, kind)
            r.symbol_typo = (key, printed)
            plan.flags.append({"kind": "typo_symbol", "printed": printed, "symbol": plan.parent.symbol, "where": key})
        elif plan.number:
            header_symbol = _misprint_symbol(plan.symbol, kind)
            plan.flags.append({"kind": "typo_symbol", "printed": header_symbol, "symbol": plan.symbol,
                               "where": "header"})
    if plan.parent and rnd.random() < options["typos"]:
        key = _plan_key(plan.parent, _names(ul, plan.parent.unit, plan.parent.date))
        pattern = rnd.choice(model["typos"]["date"])
        r.date_typo = (key, pattern)

    # header
    left = ["ỦY BAN NHÂN DÂN", f"{names.kind} {names.own}".upper()]
    sup = _superior(ul, plan.unit)
    if sup and rnd.random() < 0.4:
        sn = _names(ul, sup, plan.date)
        left.insert(0, f"UBND {sn.kind} {sn.own}".upper())
    number_line = f"Số: {header_symbol}" if plan.number else f"Số:{' ' * rnd.randint(4, 8)}/{plan.doc_type}-UBND"
    if plan.number:
        day_text = _fmt_date(rnd.choice(model["dates"]["header"]), plan.date)
        issue_date = plan.date.isoformat()
    else:
        day_text = _fmt_date(model["dates"]["draft_header"], plan.date)
        issue_date = plan.date.isoformat()[:7]
    date_line = f"{names.own}, {day_text}"

    # title and preamble
    kind = "implementation" if plan.year == dir_year else "annual"
    if plan.role == "plan":
        title = r.fill(rnd.choice(model["titles"][kind]), "title")
        pool = model["preambles"]["with_parent" if plan.parent else "top"]
    else:
        titles = model["titles"]["report"] if plan.parent else [t for t in model["titles"]["report"] if "{parent" not in t]
        title = r.fill(rnd.choice(titles), "title")
        pool = model["preambles"]["report" if plan.parent else "report_top"]
    preamble = r.fill(rnd.choice(pool), "preamble")

    # sections
    body: list[tuple[str, str]] = [("p", preamble)]
    sections: list[dict] = []
    assignments: list[dict] = []
    spec = model["plan_sections" if plan.role == "plan" else "report_sections"]
    dot = rnd.choice(("", "."))
    for i, sec in enumerate(spec):
        path = _ROMAN[i]
        heading = sec["heading"]
        body.append(("heading", f"{path}. {heading}{dot}"))
        sections.append({"path": path, "heading": heading, "kind": sec["kind"]})
        if sec["kind"] == "to_chuc_thuc_hien":
            assignments = _assign(r, model, plan, path, body, sections)
            continue
        if sec["sub"]:
            for j, (sub, sub_kind) in enumerate(sec["sub"], 1):
                body.append(("heading", f"{j}. {sub}{dot}"))
                sections.append({"path": f"{path}.{j}", "heading": sub, "kind": sub_kind})
                pool_key = sub_kind if sub_kind in model["body"] else sec["kind"]
                body += [("bullet", r.fill(s, "body")) for s in rnd.sample(model["body"][pool_key], 2)]
        else:
            sentences = model["body"][sec["kind"]]
            body += [("bullet", r.fill(s, "body")) for s in rnd.sample(sentences, min(len(sentences), rnd.randint(2, 3)))]
    word = "Kế hoạch" if plan.role == "plan" else "báo cáo kết quả thực hiện"
    # the closing sentence names the whole area, so that every document states its province
    body.append(("p", f"Trên đây là {word} {directive['topic']} năm {plan.year} trên địa bàn {names.area_full}./."))

    # closing: Nơi nhận and signer
    rec_pool = [r.fill(x, "closing") for x in model["recipients"][plan.unit.level]]
    recipients = rec_pool[: rnd.randint(3, len(rec_pool))]
    archive = rnd.choice(model["recipients"]["archive"])
    printed_recipients = [f"- {x};" for x in recipients] + [f"- {archive}"]
    authority = rnd.choice(model["signer"]["authority"])
    s = model["signer"]
    name = f"{rnd.choice(s['family'])} {rnd.choice(s['middle'])} {rnd.choice(s['given'])}"
    position = authority[-1].capitalize().replace("chủ tịch", "Chủ tịch")
    auth_text = "; ".join(_authority_text(a) for a in authority[:-1]) or None

    layout = Layout(left, number_line, date_line, _TYPE_WORD[plan.doc_type], title, body,
                    printed_recipients, [*authority, "", name])
    if r.date_typo_printed:
        plan.flags.append({"kind": "typo_date", "printed": r.date_typo_printed,
                           "date": plan.parent.date.isoformat(), "where": r.date_typo[0]})
    # a misprint decided for an instrument the chosen templates never mention was never printed
    plan.flags = [f for f in plan.flags if f.get("where", "header") == "header" and "instrument" not in f
                  or f.get("where", f.get("instrument")) in r.mentions.cites]
    cites = r.mentions.citations()
    basis = [k for k, z in r.mentions.zones.items() if z & {"title", "preamble"}]
    record = {
        "doc_type": plan.doc_type, "number": plan.number, "symbol": plan.symbol,
        "issuer": {"name": names.issuer, "level": plan.unit.level, "locality": names.own,
                   "province": names.province},
        "place": names.own, "issue_date": issue_date, "title": _SPACES.sub(" ", title).strip(),
        "signer": {"name": name, "position": position, "authority": auth_text},
        "citations": cites, "basis": basis,
        "directives": [k for k in basis if k == directive["key"]],
        "sections": sections, "assignments": assignments,
        "recipients": [_BRACKETED.sub("", x) for x in recipients],
    }
    return layout, record


def _authority_text(line: str) -> str:
    """"TM. ỦY BAN NHÂN DÂN" -> "TM. Ủy ban nhân dân"; "KT. CHỦ TỊCH" -> "KT. Chủ tịch"."""
    prefix, _, rest = line.partition(". ")
    rest = rest.capitalize().replace("chủ tịch", "Chủ tịch")
    return f"{prefix}. {rest}"


def _assign(r: _Renderer, model: dict, plan: Plan, path: str, body: list, sections: list) -> list[dict]:
    """Unit subsections of TỔ CHỨC THỰC HIỆN: "1. Phòng Tư pháp: Chủ trì, ..." (or on the next line)."""
    rnd = r.rnd
    pool = model["units"][plan.unit.level].get(plan.unit.era) or model["units"][plan.unit.level]["legacy"]
    chosen = rnd.sample(pool, rnd.randint(3, min(5, len(pool))))
    out = []
    for j, unit in enumerate(chosen, 1):
        role = "chu_tri" if j == 1 else rnd.choice(("phoi_hop", "thuc_hien"))
        task = rnd.choice(model["tasks"][role])
        if rnd.random() < 0.5:
            body.append(("p", f"{j}. {unit}: {task}"))
        else:
            body += [("heading", f"{j}. {unit}"), ("bullet", task)]
        sec_path = f"{path}.{j}"
        sections.append({"path": sec_path, "heading": unit, "kind": "don_vi"})
        out.append({"unit": unit, "role": role, "section": sec_path})
    return out


def _wrap(text: str, width: int) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return lines + ([cur] if cur else [])


def to_text(layout: Layout, style: str) -> str:
    """The document as plain text, its header in one of the shapes real extractions give:
    `stacked` (web capture), `side` (pdftotext -layout: two columns side by side), `pipe`
    (a docx table flattened with "|")."""
    lines: list[str] = []
    if style == "side":
        left = [*layout.left, layout.number_line]
        right = [*_MOTTO, layout.date_line]
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            lines.append(f"{a:^36}{b:>48}".rstrip())
        lines += ["", f"{layout.type_word:^80}".rstrip()]
        lines += [f"{x:^80}".rstrip() for x in _wrap(layout.title, 76)]
    else:
        if style == "pipe":
            lines += [f"{' '.join(layout.left)} |  | {' '.join(_MOTTO)}", f"{layout.number_line} |  | {layout.date_line}"]
        else:
            lines += [*layout.left, "-------", *_MOTTO, "---------------", "", layout.number_line, "",
                      layout.date_line]
        lines += ["", layout.type_word, "", layout.title]
    lines.append("")
    for kind, text in layout.body:
        lines.append(f"- {text}" if kind == "bullet" else text)
        lines.append("")
    lines += ["Nơi nhận:", *layout.recipients, "", *layout.signer]
    return "\n".join(lines) + "\n"


def _write_docx(path: Path, layout: Layout) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join([*layout.left, layout.number_line])
    right.text = "\n".join([*_MOTTO, layout.date_line])
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (layout.type_word, layout.title):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    for kind, text in layout.body:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.add_run(f"- {text}" if kind == "bullet" else text).bold = kind == "heading"
    closing = doc.add_table(rows=1, cols=2)
    closing.rows[0].cells[0].text = "\n".join(["Nơi nhận:", *layout.recipients])
    closing.rows[0].cells[1].text = "\n".join(layout.signer)
    doc.save(str(path))


@functools.cache
def _pdf_styles():
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = Path("/usr/share/fonts/truetype/dejavu")
    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(fonts / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(fonts / "DejaVuSerif-Bold.ttf")))
    body = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                          spaceAfter=4)
    return {"p": body, "bullet": body,
            "heading": ParagraphStyle("heading", parent=body, fontName="DejaVuSerif-Bold"),
            "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
            "title": ParagraphStyle("title", parent=body, fontName="DejaVuSerif-Bold", alignment=TA_CENTER)}


def _write_pdf(path: Path, layout: Layout) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    st = _pdf_styles()

    def para(text: str, style: str) -> Paragraph:
        return Paragraph(escape(text), st[style])

    def cell(lines: list[str], style: str = "center") -> list:
        return [para(x, style) for x in lines if x]

    story = [Table([[cell([*layout.left, layout.number_line]), cell([*_MOTTO, layout.date_line])]],
                   colWidths=[220, 270]),
             para(layout.type_word, "title"), para(layout.title, "title")]
    story += [para(f"- {t}" if k == "bullet" else t, k) for k, t in layout.body]
    story.append(Table([[cell(["Nơi nhận:", *layout.recipients], "p"), cell(layout.signer)]], colWidths=[245, 245]))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=56, rightMargin=56, topMargin=50,
                      bottomMargin=50).build(story)


def _chrome(text: str, model: dict, names: Names, rnd: random.Random) -> str:
    before = rnd.choice(model["chrome"]["before"])
    after = rnd.choice(model["chrome"]["after"])
    values = {"area": names.area, "issuer": names.issuer, "issuer_short": names.issuer_short,
              "n": rnd.randint(3, 90), "total": rnd.randint(10_000, 9_000_000)}
    return "\n".join(x.format(**values) for x in before) + "\n\n" + text + "\n" + \
        "\n".join(x.format(**values) for x in after) + "\n"


# --- the cascade ---------------------------------------------------------------------------

def _select(ul: UnitList, rnd: random.Random, provinces: int | Sequence[str] | None) -> list[str]:
    """Legacy province uids: all, `n` drawn at random, or those named (own name, any case)."""
    allp = list(ul.provinces[LEGACY])
    if provinces is None:
        return allp
    if isinstance(provinces, int):
        return sorted(rnd.sample(allp, min(provinces, len(allp))), key=lambda u: ul.units[u].code)
    wanted = {p.casefold() for p in provinces}
    found, seen = [], set()
    for uid in allp:
        u = ul.units[uid]
        names = {u.short, u.name}
        for official, name, _ in _renamed():      # a historical name selects the unit too
            if official == u.name:
                names |= {name, _split(name, u)[1]}
        hits = {x.casefold() for x in names} & wanted
        if hits:
            found.append(uid)
            seen |= hits
    if wanted - seen:
        raise ValueError(f"unknown provinces: {', '.join(sorted(wanted - seen))}")
    return found


def _sample(rnd: random.Random, uids: tuple[str, ...], n: int | None) -> list[str]:
    if n is None or n >= len(uids):
        return list(uids)
    return sorted(rnd.sample(uids, n))


def _tree(ul: UnitList, era: str, provinces: list[str], seed: int, districts: int | None,
          communes: int | None) -> list[tuple[str, str | None]]:
    """(unit uid, superior uid) top-down for one era: provinces, then their districts, then communes."""
    if era == CURRENT:
        provinces = sorted({ul.successor[p] for p in provinces}, key=lambda u: ul.units[u].code)
    out: list[tuple[str, str | None]] = []
    for p in provinces:
        out.append((p, None))
        rnd = random.Random(f"{seed}|tree|{p}")
        if era == LEGACY:
            for d in _sample(rnd, ul.children.get(p, ()), districts):
                out.append((d, p))
                out += [(c, d) for c in _sample(rnd, ul.children.get(d, ()), communes)]
        else:
            out += [(c, p) for c in _sample(rnd, ul.children.get(p, ()), communes)]
    return out


def _plan_date(rnd: random.Random, year: int, dir_date: dt.date, parent: dt.date | None, first_year: bool) -> dt.date:
    if parent is not None:
        d = parent + dt.timedelta(days=rnd.randint(3, 40))
    elif first_year:
        d = dir_date + dt.timedelta(days=rnd.randint(15, 150))
    else:
        d = dt.date(year - 1, 12, 1) + dt.timedelta(days=rnd.randint(0, 60))
    limit = dt.date(2025, 6, 25) if year == 2025 else dt.date(year, 12, 10)
    return min(d, limit)


def _number(rnd: random.Random, level: str, on: dt.date, pace: float) -> str:
    n = max(1, round(on.timetuple().tm_yday * _RATE[level] * pace))
    return f"{n:02d}" if n < 10 and rnd.random() < 0.5 else str(n)


def generate(out_dir: str | Path, directive: str = "07/CT-TTg@2023", provinces: int | Sequence[str] | None = 2,
             years: Iterable[int] = (2023, 2026), seed: int = 0, formats: Sequence[str] = ("txt",),
             districts_per_province: int | None = 3, communes_per_parent: int | None = 4,
             silent: float = 0.08, drafts: float = 0.05, typos: float = 0.05, contradictions: float = 0.03,
             chrome: float = 0.1, write_truth: bool = True) -> dict:
    """Write a synthetic cascade to `out_dir` (one file per document, and `truth.json`); return the truth.

    provinces: how many legacy provinces to draw (int), which ones (names), or None for all 63.
    years: the years to generate (plans of years up to 2025 use the 63-province list with
    districts; later years the 34-province list, each selected province's successor).
    districts_per_province / communes_per_parent: how many units below each unit (None: all).
    formats: documents are spread over these formats in turn (txt, docx, pdf).
    silent, drafts, typos, contradictions, chrome: the fraction of units (per year) that issue
    nothing, of leaf documents left as drafts, of documents with a misprinted symbol (and,
    separately, date), with a contradicting citation date, of txt documents in web chrome.
    """
    model = lexicon.load("synth")
    if directive not in model["directives"]:
        raise ValueError(f"unknown directive {directive!r} (known: {', '.join(model['directives'])})")
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ValueError(f"formats must be among {FORMATS}, not {bad or 'nothing'}")
    d = dict(model["directives"][directive], key=directive)
    dir_date = dt.date.fromisoformat(d["date"])
    years = sorted(set(years))
    if years and years[0] < dir_date.year:
        raise ValueError(f"years before the directive ({dir_date.year})")
    options = {"silent": silent, "drafts": drafts, "typos": typos, "contradictions": contradictions,
               "chrome": chrome}
    ul = units()
    selected = _select(ul, random.Random(f"{seed}|select"), provinces)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    docs: list[dict] = []
    unit_rows: dict[str, dict] = {}
    flags: list[dict] = []
    counter = 0
    for year in years:
        era = LEGACY if year <= REORGANISATION.year else CURRENT
        issued: dict[str, Plan | None] = {}          # unit uid -> its plan this year (None: silent)
        plans: list[Plan] = []
        for uid, sup in _tree(ul, era, selected, seed, districts_per_province, communes_per_parent):
            u = ul.units[uid]
            rnd = random.Random(f"{seed}|{uid}|{year}")
            row = unit_rows.setdefault(uid, _unit_row(ul, u))
            parent = issued.get(sup) if sup else None
            if parent is None and sup is not None:     # the superior was silent: its superior's plan
                parent = issued.get(f"{era}:tinh:{u.province_code}")
            if rnd.random() < silent:
                issued[uid] = None
                row["silent_years"].append(year)
                flags.append({"kind": "silent", "unit": uid, "year": year})
                continue
            pace = rnd.uniform(0.7, 1.3)
            date = _plan_date(rnd, year, dir_date, parent.date if parent else None, year == dir_date.year)
            # only communes leave a plan as a draft: nobody below has to cite it
            number = None if u.level == "xa" and rnd.random() < drafts else _number(rnd, u.level, date, pace)
            plan = Plan(f"{era}-{u.level}-{u.code}-{year}-KH", u, year, "plan", "KH", date, number, parent)
            issued[uid] = plan if number else None
            plans.append(plan)
            if year != REORGANISATION.year:
                rdate = dt.date(year, 11, 15) + dt.timedelta(days=rnd.randint(0, 40))
                rnum = None if rnd.random() < drafts else _number(rnd, u.level, rdate, pace)
                if rnum and rnum == plan.number:
                    rnum = str(int(rnum) + 1)
                on = plan if plan.number and rnd.random() < 0.5 else (parent or (plan if plan.number else None))
                plans.append(Plan(f"{era}-{u.level}-{u.code}-{year}-BC", u, year, "report", "BC", rdate, rnum, on))
        for plan in plans:
            fmt = formats[counter % len(formats)]
            counter += 1
            docs.append(_emit(plan, fmt, model, d, ul, seed, options, out, unit_rows, flags))

    truth = {
        "version": 1,
        "generator": {"directive": directive,
                      "provinces": provinces if provinces is None or isinstance(provinces, int) else list(provinces),
                      "years": years, "seed": seed, "formats": list(formats),
                      "districts_per_province": districts_per_province, "communes_per_parent": communes_per_parent,
                      **options},
        "directive": {k: d[k] for k in ("key", "symbol", "date", "issuer", "subject")},
        "units": list(unit_rows.values()),
        "documents": docs,
        "flags": flags,
        "counts": _counts(docs, flags),
    }
    if write_truth:
        (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def _unit_row(ul: UnitList, u: Unit) -> dict:
    sup = _superior(ul, u)
    district = sup.short if sup and sup.level == "huyen" else None
    prov = ul.units[f"{u.era}:tinh:{u.province_code}"]
    return {"uid": u.uid, "era": u.era, "level": u.level, "name": u.name, "locality": u.short,
            "province": prov.short, "district": district, "parent": sup.uid if sup else None,
            "documents": [], "silent_years": []}


def _emit(plan: Plan, fmt: str, model: dict, directive: dict, ul: UnitList, seed: int, options: dict,
          out: Path, unit_rows: dict, flags: list) -> dict:
    layout, record = _render(plan, model, directive, ul, seed, options)
    file = f"{plan.id}.{fmt}"
    rnd = random.Random(f"{seed}|{plan.id}|write")
    if fmt == "txt":
        text = to_text(layout, rnd.choice(("stacked", "side", "pipe")))
        if rnd.random() < options["chrome"]:
            text = _chrome(text, model, _names(ul, plan.unit, plan.date), rnd)
            plan.flags.append({"kind": "chrome"})
        (out / file).write_text(text, encoding="utf-8")
    elif fmt == "docx":
        _write_docx(out / file, layout)
    else:
        _write_pdf(out / file, layout)
    chain, p = [plan.id], plan.parent
    while p is not None:
        chain.append(p.id)
        p = p.parent
    chain.append(directive["key"])
    names = _names(ul, plan.unit, plan.date)
    unit_rows[plan.unit.uid]["documents"].append(plan.id)
    flags += [dict(f, doc=plan.id) for f in plan.flags]
    return {"id": plan.id, "file": file, "format": fmt, "unit": plan.unit.uid, "year": plan.year,
            "role": plan.role, "key": _plan_key(plan, names) if plan.number else None,
            "parent": plan.parent.id if plan.parent and plan.role == "plan" else None,
            "reports_on": plan.parent.id if plan.parent and plan.role == "report" else None,
            "chain": chain, "implements": plan.role == "plan", "flags": list(plan.flags),
            "record": dict(record, source=file)}


def _counts(docs: list[dict], flags: list[dict]) -> dict:
    return {"documents": len(docs),
            "plans": sum(d["role"] == "plan" for d in docs),
            "reports": sum(d["role"] == "report" for d in docs),
            "by_level": dict(Counter(d["record"]["issuer"]["level"] for d in docs)),
            "by_format": dict(Counter(d["format"] for d in docs)),
            "by_flag": dict(Counter(f["kind"] for f in flags))}
