"""How well extraction generalises: re-score the seeds + dev texts after consistent perturbations.

    .venv/bin/python bench/robustness.py [--seed 1] [--only locality,renumber] [--json out.json]
                                         [--misses N]

Each variant changes a text AND its gold record the same way, so a perfect extractor keeps its
score; a drop points at a rule fitted to the strings of the 45 documents it was built on.

- locality: the locality names of the gold (issuer locality/province/district, place, the
  localities of citation issuers and keys) swapped for other real names of the same level from
  the official list (vietnamadminunits' dataset.db: a province for a province of the same kind,
  a centrally-run city for a city, a district for a district of the same type, a commune for a
  commune), in the text and in every string of the gold.
- renumber: the numbers of the gold's symbols (the document's own and its citations') replaced
  by other numbers of the same width, in the text and the gold; instruments of the registry
  (models/instruments.toml) kept. renumber_all also renumbers those (so the registry cannot help).
- dates: every full date of the gold (issue date, citation dates) shifted by one per-document
  number of days, in every printed form (21/3/2023, 21-3-2023, ngày 21 tháng 3 năm 2023), keys'
  years updated; dates of registry instruments kept (a shifted 07/CT-TTg date would be a real
  contradiction), and dates of instruments whose symbol holds a year are kept when the shift
  would change the year.
- layout noise (gold unchanged): blank_lines (a blank line after every line ending in . : ;),
  blank_every_line (a stress test: also inside wrapped titles and paragraphs), spacing (15 % of
  spaces doubled, lines indented by 0-8 spaces, as pdftotext prints), flat_header (the header
  block joined into one line), crlf, lost_hyphen (the hyphen after the type part of every symbol
  dropped: 150/KHUBND, 07/CTTTg), nfd.

Scores use pipeline/evaluate.py (the scorer's field definitions). The report gives per-field
deltas against the unperturbed run and every new miss: document, field, expected, got.
Deterministic for a given --seed; about 4 s on one core.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import importlib.util
import json
import os
import random
import re
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline import lexicon  # noqa: E402
from pipeline.evaluate import ACCURACY_FIELDS, SET_FIELDS, misses, score  # noqa: E402
from pipeline.extract import extract_record  # noqa: E402
from pipeline.normalize import document_from_text  # noqa: E402

SHARED = Path(os.environ.get("VANBAN_SHARED", REPO.parent / "shared"))

Doc = tuple[str, str, dict]                     # (name, text, gold)
Variant = Callable[[str, dict, random.Random], tuple[str, dict]]


# --- the official list of administrative units -----------------------------------------------

def _admin_units() -> dict:
    """Names by level and kind: provinces (legacy 63 / current 34; centrally-run cities apart),
    districts by type (legacy), communes by type (legacy and current)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    db = Path(spec.origin).parent / "data" / "dataset.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        legacy = conn.execute("SELECT province, provinceShort, districtShort, districtType, wardShort, wardType"
                              " FROM admin_units_legacy").fetchall()
        current = conn.execute("SELECT province, provinceShort, wardShort, wardType FROM admin_units").fetchall()
    out: dict = {"province": {}, "district": {}, "commune": {}}

    def add(level: str, name: str | None, kind: str | None) -> None:
        if name and not re.search(r"[\d()]", name):     # "Phường 3", "Phước Long (Xã)": not names
            out[level].setdefault(name, kind or "")

    for pname, pshort, dshort, dtype, wshort, wtype in legacy:
        add("province", pshort, "city" if pname.startswith("Thành phố") else "tinh")
        add("district", dshort, dtype)
        add("commune", wshort, wtype)
    for pname, pshort, wshort, wtype in current:
        add("province", pshort, "city" if pname.startswith("Thành phố") else "tinh")
        add("commune", wshort, wtype)
    return out


_TONE_NEW_TO_OLD = {"óa": "oá", "òa": "oà", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "óe": "oé", "òe": "oè",
                    "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ", "úy": "uý", "ùy": "uỳ", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}
_TONE_OLD_TO_NEW = {v: k for k, v in _TONE_NEW_TO_OLD.items()}


def _tone_forms(name: str) -> set[str]:
    out = {name}
    for table in (_TONE_NEW_TO_OLD, _TONE_OLD_TO_NEW):
        s = name
        for a, b in table.items():
            s = s.replace(a, b)
        out.add(s)
    return out


def _name_rx(names: list[str]) -> re.Pattern:
    """Any of `names` (either tone style, any case, words split by any whitespace) as a whole word."""
    forms = sorted({f for n in names for f in _tone_forms(n)}, key=len, reverse=True)
    alts = [r"\s+".join(map(re.escape, f.split())) for f in forms]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def _map_strings(obj, fn: Callable[[str], str]):
    """`obj` (a gold record) with `fn` applied to every string in it."""
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_map_strings(x, fn) for x in obj]
    if isinstance(obj, dict):
        return {k: (v if k == "source" else _map_strings(v, fn)) for k, v in obj.items()}
    return obj


# --- (a) localities ----------------------------------------------------------------------------

_KIND_NAME = re.compile(r"(?i)(?<!\w)(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+"
                        r"([A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\s,;:()]*(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\s,;:()]*){0,3})")


def _gold_localities(g: dict) -> dict[str, str | None]:
    """Locality names of a gold record with the level they are known at (None: look it up)."""
    i = g.get("issuer") or {}
    names: dict[str, str | None] = {}
    level = {"xa": "commune", "huyen": "district", "tinh": "province"}.get(i.get("level") or "")
    if i.get("locality"):
        names[i["locality"]] = level
    for k in ("province",):
        if i.get(k):
            names[i[k]] = "province"
    if i.get("district"):
        names.setdefault(i["district"], "district")
    if g.get("place"):
        names.setdefault(g["place"], level)
    for c in g.get("citations") or []:
        key = c.get("key") or ""
        if ":" in key:
            names.setdefault(key.rsplit(":", 1)[1], None)
        for m in _KIND_NAME.finditer(c.get("issuer") or ""):
            kind = m.group(1).casefold()
            lv = "province" if kind == "tỉnh" else "commune" if kind in ("xã", "phường", "thị trấn") else (
                "district" if kind != "thành phố" else None)
            names.setdefault(m.group(2), lv)
    return names


def make_locality(units: dict) -> Variant:
    by_kind: dict[tuple[str, str], list[str]] = {}
    for level, names in units.items():
        for n, kind in names.items():
            by_kind.setdefault((level, kind), []).append(n)
    for v in by_kind.values():
        v.sort()

    def variant(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
        mapping: dict[str, str] = {}
        taken = {n.casefold() for n in _gold_localities(gold)}
        for name, level in sorted(_gold_localities(gold).items()):
            if level is None or name not in units[level]:
                level = next((lv for lv in ("province", "district", "commune") if name in units[lv]), None)
            if level is None or name in mapping:
                continue
            pool = by_kind[(level, units[level][name])]
            for _ in range(50):
                new = rng.choice(pool)
                if new.casefold() not in taken and not _name_rx([new]).search(text):
                    break
            taken.add(new.casefold())
            mapping[name] = new
        if not mapping:
            return text, gold
        rx = _name_rx(list(mapping))
        lookup = {f.casefold(): new for old, new in mapping.items() for f in _tone_forms(old)}

        def sub(s: str) -> str:
            def one(m: re.Match) -> str:
                new = lookup[re.sub(r"\s+", " ", m.group()).casefold()]
                return new.upper() if m.group().isupper() else new
            return rx.sub(one, s)

        return sub(text), _map_strings(gold, sub)
    return variant


# --- (b) numbers -----------------------------------------------------------------------------

def _registry() -> set[str]:
    return {_fold_symbol(e["symbol"]) for e in lexicon.load("instruments").get("instrument", [])}


def _fold_symbol(s: str) -> str:
    return re.sub(r"^0+(?=\d)", "", re.sub(r"\s+", "", s).casefold())


def _symbol_rx(symbol: str) -> re.Pattern:
    """A printed symbol: its number (leading zeros optional), then the rest with flexible spacing
    around `/` and `-` and a hyphen that the print may have lost."""
    m = re.match(r"0*(\d+)([-/](?:\d{4}/)?[^-]*-?.{0,2})", symbol)    # up to 2 letters of the issuer part
    rest = ""
    for ch in m.group(2):
        rest += r"\s*/\s*" if ch == "/" else r"\s*[-–‐]?\s*" if ch in "-–" else re.escape(ch)
    return re.compile(r"(?<![\d/.,-])(0*" + m.group(1) + r")(?=" + rest + r")", re.IGNORECASE)


def make_renumber(keep_registry: bool) -> Variant:
    registry = _registry()

    def variant(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
        symbols = [gold.get("symbol")] + [c.get("symbol") for c in gold.get("citations") or []]
        symbols = [s for s in dict.fromkeys(symbols) if s and re.match(r"\d+[-/]", s)]
        if keep_registry:
            symbols = [s for s in symbols if _fold_symbol(s) not in registry]
        subs: list[tuple[re.Pattern, int]] = []
        used = {_fold_symbol(s) for s in symbols}
        for s in symbols:
            digits = re.match(r"\d+", s).group()
            width = len(digits.lstrip("0")) or 1
            for _ in range(50):
                n = rng.randint(10 ** (width - 1), 10 ** width - 1)
                new = _fold_symbol(str(n) + s[len(digits):])
                if n != int(digits) and new not in used:
                    break
            used.add(new)
            subs.append((_symbol_rx(s), n))

        def sub(s: str) -> str:
            for rx, n in subs:
                s = rx.sub(lambda m: str(n).zfill(len(m.group(1))) if m.group(1).startswith("0") else str(n), s)
            return s

        g = _map_strings(gold, sub)
        for rec in [g] + list(g.get("citations") or []):
            num = re.match(r"\d+", rec.get("symbol") or "")
            if rec.get("number") and num:
                rec["number"] = num.group()
        return sub(text), g
    return variant


# --- (c) dates -------------------------------------------------------------------------------

# Any printed date: 21/3/2023, 21-3-2023, 21.3.2023, ngày 21 tháng 3 năm 2023 (a footnote digit may
# be glued to the month: "tháng 54").
_ANY_DATE = re.compile(
    r"(?<![\d/.])(?P<d>\d{1,2})(?P<s1>\s*[/.\-]\s*)(?P<m>\d{1,2})(?P<s2>\s*[/.\-]\s*)(?P<y>\d{4})(?!\d)"
    r"|(?P<ng>ngày\s*)(?P<d2>\d{1,2})(?P<t>\s+tháng\s*)(?P<m2>1[0-2]|0?[1-9])(?P<fn>\d?)(?P<n>\s+năm\s*)(?P<y2>\d{4})(?!\d)")


def _print_like(printed: str, value: int) -> str:
    return str(value).zfill(2) if printed.startswith("0") and len(printed) == 2 else str(value)


def dates(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    registry = _registry()
    delta = dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(5, 120))
    frozen: set[str] = set()
    holders: dict[str, list] = {}
    for c in gold.get("citations") or []:
        for d in [c.get("date")] + list(c.get("other_dates") or []):
            if d and len(d) == 10:
                holders.setdefault(d, []).append(c)
                if c.get("symbol") and _fold_symbol(c["symbol"]) in registry:
                    frozen.add(d)
    full = [d for d in dict.fromkeys([gold.get("issue_date")] + list(holders)) if d and len(d) == 10]
    shift: dict[str, str] = {}
    for d in full:
        if d in frozen:
            continue
        old = dt.date.fromisoformat(d)
        new = old + delta
        year_symbol = any(re.search(r"/(?:19|20)\d\d/", c.get("symbol") or "") for c in holders.get(d, []))
        own_year = d == gold.get("issue_date") and re.search(r"/(?:19|20)\d\d/", gold.get("symbol") or "")
        several = any(len({c.get("date"), *(c.get("other_dates") or [])} - {None}) > 1 for c in holders.get(d, []))
        if new.year != old.year and (year_symbol or own_year or several):
            # a symbol's year, or one instrument printed with several dates, stays in one year
            continue
        shift[d] = new.isoformat()
    if len(set(shift.values()) | (set(full) - set(shift))) < len(full):
        return text, gold                                   # a shifted date would meet another one
    issued = gold.get("issue_date") or ""
    own_number = gold.get("number")

    def own_misprint(printed: str) -> str | None:
        """The document's own date printed with a wrong year just after its own number (an annex's
        "Quyết định số 1050/QĐ-SCT ngày 06/3/2025" of a decision of 06/3/2026) shifts with it."""
        if issued not in shift or printed[4:] != issued[4:] or abs(int(printed[:4]) - int(issued[:4])) != 1:
            return None
        return str(int(printed[:4]) + int(shift[issued][:4]) - int(issued[:4])) + shift[issued][4:]

    def sub(s: str) -> str:
        def one(m: re.Match) -> str:
            verbal = m.group("d") is None
            d, mo, y = (m.group("d2"), m.group("m2"), m.group("y2")) if verbal else (m.group("d"), m.group("m"), m.group("y"))
            try:
                printed = dt.date(int(y), int(mo), int(d)).isoformat()
            except ValueError:
                return m.group()
            own_before = bool(own_number) and own_number in m.string[max(0, m.start() - 40):m.start()]
            new = shift.get(printed) or (own_misprint(printed) if own_before else None)
            if new is None:
                return m.group()
            new = dt.date.fromisoformat(new)
            if not verbal:
                return (_print_like(d, new.day) + m.group("s1") + _print_like(mo, new.month)
                        + m.group("s2") + str(new.year))
            return (m.group("ng") + _print_like(d, new.day) + m.group("t") + _print_like(mo, new.month)
                    + (m.group("fn") if new.month < 10 else "")    # a glued footnote digit kept
                    + m.group("n") + str(new.year))
        return _ANY_DATE.sub(one, s)     # one pass: a shifted date is never shifted again

    g = _map_strings(gold, sub)
    if g.get("issue_date") in shift:
        g["issue_date"] = shift[g["issue_date"]]
    rekey: dict[str, str] = {}
    for c in g.get("citations") or []:
        if c.get("date") in shift:
            c["date"] = shift[c["date"]]
        if c.get("other_dates"):
            c["other_dates"] = [shift.get(d, d) for d in c["other_dates"]]
        key = c.get("key") or ""
        km = re.match(r"(.*)@(\d{4})(.*)$", key)
        if km and c.get("date") and c["date"][:4] != km.group(2):
            rekey[key] = f"{km.group(1)}@{c['date'][:4]}{km.group(3)}"
            c["key"] = rekey[key]
    for f in ("basis", "directives"):
        g[f] = [rekey.get(k, k) for k in g.get(f) or []]
    return sub(text), g


# --- (d) layout noise ------------------------------------------------------------------------

def blank_lines(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    """A blank line after every line that ends a sentence or a heading (., :, ;), as web and
    docx captures print paragraphs; wrapped lines stay together."""
    return re.sub(r"(?<=[.:;])[ \t]*\n", "\n\n", text), gold


def blank_every_line(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    """A stress test: a blank line after every line, also inside wrapped paragraphs and titles."""
    return text.replace("\n", "\n\n"), gold


def spacing(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"(?<=\S) (?=\S)", lambda m: "  " if rng.random() < 0.15 else " ", line)
        lines.append(" " * rng.choice([0, 0, 2, 4, 8]) + line if line.strip() else line)
    return "\n".join(lines), gold


_SO_LINE = re.compile(r"(?m)^.*\bSố\s*:?\s*\d*\s*/.*$")
_DATE_LINE = re.compile(r"(?m)^.*,\s*ngày\s*\d{0,2}\s*tháng.*năm\s*\d{4}.*$")
_NATION = re.compile(r"(?im)^.*CỘNG\s+H[OÒ]À\s+XÃ\s+HỘI.*$")


def flat_header(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    """The header block (from the issuer/national-name lines to the date line) as one line, as
    web captures print it ("ỦY BAN NHÂN DÂN TỈNH X CỘNG HÒA ... Số: 12/KH-UBND X, ngày ...")."""
    so, date = _SO_LINE.search(text, 0, 12000), _DATE_LINE.search(text, 0, 12000)
    anchors = [m for m in (so, date) if m]
    if not anchors:
        return text, gold
    end = max(m.end() for m in anchors)
    nation = _NATION.search(text, 0, min(m.start() for m in anchors))
    first = nation.start() if nation else min(m.start() for m in anchors)
    # the issuer lines above: the capitalised lines just before the block
    before = text[:first].rstrip("\n").split("\n")
    take = 0
    for line in reversed(before):
        s = line.strip(" -|")
        if s and (s.upper() != s or len(s) > 80):
            break
        take += 1
        if take >= 6:
            break
    start = len("\n".join(before[:len(before) - take])) + (1 if take < len(before) else 0) if take else first
    cells = [c.strip() for c in text[start:end].split("\n") if c.strip(" -|_")]
    return text[:start] + " ".join(cells) + text[end:], gold


def crlf(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    return text.replace("\n", "\r\n"), gold


def _type_parts() -> list[str]:
    parts = [p for t in lexicon.load("doc_types")["type"] for p in t["symbol_parts"]]
    return sorted(set(parts) | {"NĐ", "TT"}, key=len, reverse=True)


_LOST = re.compile(r"(?<=\d/)(?:\d{4}/)?(" + "|".join(map(re.escape, _type_parts())) + r")-(?=[A-ZĐ])")


def lost_hyphen(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    return _LOST.sub(lambda m: m.group().rstrip("-"), text), gold


def nfd(text: str, gold: dict, rng: random.Random) -> tuple[str, dict]:
    return unicodedata.normalize("NFD", text), gold


# --- running ---------------------------------------------------------------------------------

def variants() -> dict[str, Variant]:
    return {"locality": make_locality(_admin_units()), "renumber": make_renumber(True),
            "renumber_all": make_renumber(False), "dates": dates, "blank_lines": blank_lines,
            "blank_every_line": blank_every_line,
            "spacing": spacing, "flat_header": flat_header, "crlf": crlf,
            "lost_hyphen": lost_hyphen, "nfd": nfd}


def load_corpus(shared: Path) -> list[Doc]:
    docs = []
    for folder in ("seeds", "dev"):
        for gp in sorted((shared / "corpus" / folder / "gold").glob("*.json")):
            tp = gp.parent.parent / f"{gp.stem}.txt"
            docs.append((gp.stem, tp.read_text(encoding="utf-8"), json.loads(gp.read_text(encoding="utf-8"))))
    return docs


def extract(name: str, text: str) -> dict:
    return extract_record(document_from_text(text, source=f"{name}.txt")).to_dict()


def run(docs: list[Doc], only: list[str] | None, seed: int) -> dict:
    golds = {n: g for n, _, g in docs}
    base_preds = {n: extract(n, t) for n, t, _ in docs}
    base = score(golds, base_preds)
    base_miss = {(m.file, m.field) for m in misses(golds, base_preds)}
    out = {"baseline": base, "variants": {}}
    for vname, fn in variants().items():
        if only and vname not in only:
            continue
        t0 = time.perf_counter()
        vgolds, vpreds, changed = {}, {}, 0
        for n, text, gold in docs:
            rng = random.Random(f"{seed}:{vname}:{n}")
            vtext, vgold = fn(text, copy.deepcopy(gold), rng)
            changed += vtext != text
            vgolds[n], vpreds[n] = vgold, extract(n, vtext)
        s = score(vgolds, vpreds)
        new = [m for m in misses(vgolds, vpreds) if (m.file, m.field) not in base_miss]
        out["variants"][vname] = {"changed_docs": changed, "scores": s, "deltas": _deltas(base, s),
                                  "new_misses": [[m.file, m.field, m.expected, m.got] for m in new],
                                  "seconds": round(time.perf_counter() - t0, 2)}
    return out


def _value(v) -> float:
    return v["f1"] if isinstance(v, dict) else v


def _deltas(base: dict, s: dict) -> dict:
    fields = [*ACCURACY_FIELDS, *SET_FIELDS, "implements 07/CT-TTg@2023"]
    return {f: round(_value(s[f]) - _value(base[f]), 4) for f in fields}


def table(result: dict) -> str:
    """Markdown: one row per field, the baseline value and each variant's delta."""
    names = list(result["variants"])
    fields = list(next(iter(result["variants"].values()))["deltas"]) if names else []
    head = "| field | base | " + " | ".join(names) + " |"
    lines = [head, "|" + "---|" * (len(names) + 2)]
    lines.append("| documents changed | | " + " | ".join(
        str(result["variants"][n]["changed_docs"]) for n in names) + " |")
    for f in fields:
        cells = []
        for n in names:
            d = result["variants"][n]["deltas"][f]
            cells.append("" if abs(d) < 5e-5 else f"{d:+.3f}")
        lines.append(f"| {f} | {_value(result['baseline'][f]):.3f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _show(v) -> str:
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 100 else s[:97] + "..."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="comma-separated variant names")
    ap.add_argument("--json", help="write the full result here")
    ap.add_argument("--misses", type=int, default=40, help="new misses shown per variant")
    a = ap.parse_args()
    if not (SHARED / "corpus" / "dev" / "gold").is_dir():
        sys.exit(f"needs the client's corpus at {SHARED}/corpus (set VANBAN_SHARED)")
    t0 = time.perf_counter()
    result = run(load_corpus(SHARED), a.only.split(",") if a.only else None, a.seed)
    print(table(result))
    for n, v in result["variants"].items():
        print(f"\n## {n}: {len(v['new_misses'])} new misses ({v['seconds']} s)")
        for file, field, exp, got in v["new_misses"][:a.misses]:
            print(f"  {file} | {field} | {_show(exp)} | {_show(got)}")
    print(f"\ntotal {time.perf_counter() - t0:.1f} s")
    if a.json:
        Path(a.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
