"""Evaluation: score extracted records against gold records, list the misses, compare two runs.

The field definitions and the normalisation used in comparison are those of the client's scorer
(`../shared/tools/score.py`), reimplemented here because the package cannot import the shared
folder at run time; `tests/test_evaluate.py` runs both on the same files and asserts identical
numbers. One walk over a document's fields (`_judge`) yields every judgement; `score` tallies
them, `misses` keeps the wrong ones, `compare` diffs the misses of two runs (the eyecite habit of
a gains/losses report per change).

    golds, preds = load("corpus/seeds/gold", "out/records.jsonl")
    print(report(score(golds, preds), misses(golds, preds)))
    print(compare_report(compare(load_preds("corpus/baseline.jsonl"), preds, golds)))
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DIRECTIVE = "07/CT-TTg@2023"

# Fields judged right or wrong once per document (accuracy), in the scorer's order.
ACCURACY_FIELDS = ("doc_type", "number", "symbol", "issue_date", "place", "issuer.level",
                   "issuer.locality", "issuer.province", "title", "signer.name", "citation.date")
# Fields whose items are matched as sets (precision, recall, F1), in the scorer's order.
SET_FIELDS = ("citations", "citations.named", "basis", "directives", "sections",
              "section.headings", "assignments", "recipients")

# Old-style tone placement (hoá, thuỷ) folded to the new style (hóa, thủy).
_TONE = {"oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
         "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
         "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE_RE = re.compile("|".join(_TONE))
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
_DIGIT_START = re.compile(r"\s*\d")
_LAW_WORD = re.compile(r"(?i)^\s*luật\s+")
_LAW_DATE = re.compile(r"\s+(ngày|năm)\s.*$")
_ABBR = {"hđnd": "hội đồng nhân dân", "ubnd": "ủy ban nhân dân", "vbqppl": "văn bản quy phạm pháp luật"}
_ABBR_RE = re.compile(r"\b(" + "|".join(_ABBR) + r")\b")
_PART_PREFIX = re.compile(r"^P\d+\.")


def norm(s: Any) -> str | None:
    """The scorer's comparison form: NFC, casefolded, new-style tones, ASCII hyphens, spaces folded."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).casefold()
    s = _TONE_RE.sub(lambda m: _TONE[m.group(0)], s)
    s = _DASHES.sub("-", s)
    s = _SPACES.sub(" ", s).strip(" .,;:")
    return s or None


def norm_symbol(s: Any) -> str | None:
    """A symbol without spaces and without leading zeros in its number."""
    s = norm(s)
    return None if s is None else _LEADING_ZEROS.sub("", _SPACES.sub("", s))


def similar(a: Any, b: Any, cut: float) -> bool:
    a, b = norm(a), norm(b)
    if a is None or b is None:
        return a == b
    return difflib.SequenceMatcher(None, a, b).ratio() >= cut


def law_name(name: str) -> str | None:
    """A law's name, compared without the word Luật, its date, or common abbreviations."""
    n = norm(_LAW_WORD.sub("", name))
    n = _LAW_DATE.sub("", n)
    return _ABBR_RE.sub(lambda m: _ABBR[m.group(1)], n)


def cite_ids(cites: list[dict] | None) -> tuple[set, set]:
    """(normalised symbols of numbered instruments, normalised names of laws named by title)."""
    numbered, named = set(), set()
    for c in cites or []:
        if c.get("symbol") and _DIGIT_START.match(c["symbol"]):
            numbered.add(norm_symbol(c["symbol"]))
        elif c.get("name"):
            named.add(law_name(c["name"]))
    return numbered, named


def base_key(k: Any) -> str | None:
    """symbol@year of a key, without the issuer's locality."""
    return norm_symbol(str(k).split(":")[0]) if k else None


def scored_sections(secs: list[dict] | None) -> list[dict]:
    """Sections down to the second level below the parts (P1.I.1 counts, I.1.a does not)."""
    return [s for s in secs or [] if len(_PART_PREFIX.sub("", str(s.get("path", ""))).split(".")) <= 2]


@dataclass(frozen=True, slots=True)
class Miss:
    """One wrong judgement: an accuracy field that differs, a gold item not found (got None)
    or a predicted item not in the gold (expected None)."""
    file: str
    field: str
    expected: Any
    got: Any

    @property
    def identity(self) -> tuple:
        """What stays the same when a run gets the same thing wrong in another way."""
        if self.field in ACCURACY_FIELDS:
            # citation.date is judged once per gold citation, named by its symbol in `expected`
            return (self.file, self.field, _hashable(self.expected) if self.field == "citation.date" else None)
        return (self.file, self.field, "fn" if self.got is None else "fp",
                _hashable(self.expected if self.got is None else self.got))


def _hashable(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


@dataclass(frozen=True, slots=True)
class _Judgement:
    field: str
    ok: bool | None                    # accuracy fields: right or wrong
    expected: Any = None
    got: Any = None
    tp: int = 0                        # set fields: counts, with the unmatched items
    fn_items: tuple = ()
    fp_items: tuple = ()


def _sets(field: str, gold: set, pred: set) -> _Judgement:
    return _Judgement(field, None, tp=len(gold & pred), fn_items=tuple(sorted(gold - pred, key=str)),
                      fp_items=tuple(sorted(pred - gold, key=str)))


def _fuzzy(field: str, gold: Iterable, pred: Iterable, cut: float) -> _Judgement:
    """Each gold item takes the first unused prediction similar enough (the scorer's greedy match,
    in the same iteration order: sets for assignments, lists for recipients)."""
    pred = list(pred)
    fn, tp = [], 0
    for g in gold:
        hit = next((p for p in pred if similar(g, p, cut)), None)
        if hit is None:
            fn.append(g)
        else:
            tp += 1
            pred.remove(hit)
    return _Judgement(field, None, tp=tp, fn_items=tuple(fn), fp_items=tuple(pred))


def _judge(g: dict, p: dict, target: str | None) -> Iterator[_Judgement]:
    """Every judgement the scorer makes on one document (gold `g`, prediction `p`)."""
    def acc(field: str, ok: bool, expected: Any, got: Any) -> _Judgement:
        return _Judgement(field, bool(ok), expected, got)

    yield acc("doc_type", norm(g.get("doc_type")) == norm(p.get("doc_type")), g.get("doc_type"), p.get("doc_type"))
    yield acc("number", norm(g.get("number")) == norm(p.get("number")), g.get("number"), p.get("number"))
    yield acc("symbol", norm_symbol(g.get("symbol")) == norm_symbol(p.get("symbol")), g.get("symbol"), p.get("symbol"))
    yield acc("issue_date", g.get("issue_date") == p.get("issue_date"), g.get("issue_date"), p.get("issue_date"))
    yield acc("place", norm(g.get("place")) == norm(p.get("place")), g.get("place"), p.get("place"))
    gi, pi = g.get("issuer") or {}, p.get("issuer") or {}
    yield acc("issuer.level", gi.get("level") == pi.get("level"), gi.get("level"), pi.get("level"))
    yield acc("issuer.locality", norm(gi.get("locality")) == norm(pi.get("locality")),
              gi.get("locality"), pi.get("locality"))
    if gi.get("province"):
        yield acc("issuer.province", norm(gi["province"]) == norm(pi.get("province")),
                  gi["province"], pi.get("province"))
    yield acc("title", similar(g.get("title"), p.get("title"), 0.9), g.get("title"), p.get("title"))
    gs, ps = g.get("signer") or {}, p.get("signer") or {}
    yield acc("signer.name", norm(gs.get("name")) == norm(ps.get("name")), gs.get("name"), ps.get("name"))
    gn, gl = cite_ids(g.get("citations"))
    pn, pl = cite_ids(p.get("citations"))
    yield _sets("citations", gn, pn)
    yield _sets("citations.named", gl, pl)
    pdates = {norm_symbol(c.get("symbol")): c.get("date") for c in p.get("citations") or [] if c.get("symbol")}
    for c in g.get("citations") or []:
        k = norm_symbol(c.get("symbol"))
        if c.get("symbol") and c.get("date") and k in pdates:
            yield acc("citation.date", pdates[k] == c["date"], [c["symbol"], c["date"]], pdates[k])
    yield _sets("basis", {base_key(k) for k in g.get("basis") or []}, {base_key(k) for k in p.get("basis") or []})
    gd = {base_key(k) for k in g.get("directives") or []}
    pd = {base_key(k) for k in p.get("directives") or []}
    yield _sets("directives", gd, pd)
    yield _Judgement("implements", None, tp=int(target in gd and target in pd),
                     fn_items=("implements",) if target in gd and target not in pd else (),
                     fp_items=("implements",) if target in pd and target not in gd else ())
    gsec, psec = scored_sections(g.get("sections")), scored_sections(p.get("sections"))
    yield _sets("sections", {(s.get("path"), s.get("kind")) for s in gsec},
                {(s.get("path"), s.get("kind")) for s in psec})
    yield _sets("section.headings", {(s.get("path"), norm(s.get("heading"))) for s in gsec},
                {(s.get("path"), norm(s.get("heading"))) for s in psec})
    yield _fuzzy("assignments", {a.get("unit") for a in g.get("assignments") or []},
                 {a.get("unit") for a in p.get("assignments") or []}, 0.85)
    yield _fuzzy("recipients", g.get("recipients") or [], p.get("recipients") or [], 0.85)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score(golds: dict[str, dict], preds: dict[str, dict], directive: str = DEFAULT_DIRECTIVE) -> dict:
    """The scorer's numbers: accuracy per field, P/R/F1 per set field, and how well the run
    answers "which documents implement `directive`". Keys and rounding as score.py."""
    ok = {f: [0, 0] for f in ACCURACY_FIELDS}          # [right, judged]
    counts = {f: [0, 0, 0] for f in (*SET_FIELDS, "implements")}   # [tp, fp, fn]
    target = base_key(directive)
    missing = []
    for name, g in sorted(golds.items()):
        p = preds.get(name)
        if p is None:
            missing.append(name)
            p = {}
        for j in _judge(g, p, target):
            if j.ok is not None:
                ok[j.field][0] += j.ok
                ok[j.field][1] += 1
            else:
                c = counts[j.field]
                c[0] += j.tp
                c[1] += len(j.fp_items)
                c[2] += len(j.fn_items)
    out: dict[str, Any] = {f: round(r / n if n else 1.0, 4) for f, (r, n) in ok.items()}
    for f in SET_FIELDS:
        out[f] = _prf(*counts[f])
    out["implements " + directive] = _prf(*counts["implements"])
    out["documents"] = len(golds)
    out["missing"] = missing
    return out


def misses(golds: dict[str, dict], preds: dict[str, dict], directive: str = DEFAULT_DIRECTIVE) -> list[Miss]:
    """Every wrong judgement, document by document: (file, field, expected, got).

    Accuracy fields give one row with both values; set fields give a row per gold item not
    found (got None) and per predicted item not in the gold (expected None). A document with
    no prediction gives its rows like an empty record, and one row ("record", name, None)."""
    target = base_key(directive)
    rows: list[Miss] = []
    for name, g in sorted(golds.items()):
        p = preds.get(name)
        if p is None:
            rows.append(Miss(name, "record", name, None))
            p = {}
        for j in _judge(g, p, target):
            if j.ok is False:
                rows.append(Miss(name, j.field, j.expected, j.got))
            field = "implements " + directive if j.field == "implements" else j.field
            rows.extend(Miss(name, field, _plain(i), None) for i in j.fn_items)
            rows.extend(Miss(name, field, None, _plain(i)) for i in j.fp_items)
    return rows


def _plain(item: Any) -> Any:
    """A set item as JSON would show it (a section's (path, kind) as a list)."""
    return list(item) if isinstance(item, tuple) else item


def report(scores: dict, rows: list[Miss] | None = None) -> str:
    """The scores as a table (accuracy, then P/R/F1 per set field), then the misses if given."""
    lines = []
    for f, v in scores.items():
        if isinstance(v, dict):
            lines.append(f"{f:28} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}"
                         f"   (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
        elif f == "missing":
            lines.append(f"{'missing':28} {len(v)}" + (f"  {', '.join(v[:10])}" if v else ""))
        else:
            lines.append(f"{f:28} {v}")
    if rows:
        lines += ["", f"misses ({len(rows)}): file | field | expected | got"]
        lines += [f"{m.file} | {m.field} | {_show(m.expected)} | {_show(m.got)}" for m in rows]
    return "\n".join(lines)


def _show(v: Any) -> str:
    if v is None:
        return "-"
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
    return s if len(s) <= 120 else s[:117] + "..."


def compare(baseline_preds: dict[str, dict], preds: dict[str, dict], golds: dict[str, dict],
            directive: str = DEFAULT_DIRECTIVE) -> dict:
    """What a change gained and lost against a baseline run, per document and field.

    `gains`: misses of the baseline that the new run no longer makes; `losses`: misses of the
    new run that the baseline did not make; `changed`: accuracy fields wrong in both runs but
    with a different value. `fields`: {field: {"gains": n, "losses": n}}; `scores`: both
    runs' scores; `delta`: the difference of each number (new - baseline)."""
    before = {m.identity: m for m in misses(golds, baseline_preds, directive)}
    after = {m.identity: m for m in misses(golds, preds, directive)}
    gains = [m for k, m in before.items() if k not in after]
    losses = [m for k, m in after.items() if k not in before]
    changed = [(before[k], m) for k, m in after.items()
               if k in before and m.field in ACCURACY_FIELDS and before[k].got != m.got]
    fields: dict[str, dict[str, int]] = {}
    for kind, ms in (("gains", gains), ("losses", losses)):
        for m in ms:
            fields.setdefault(m.field, {"gains": 0, "losses": 0})[kind] += 1
    s0, s1 = score(golds, baseline_preds, directive), score(golds, preds, directive)
    delta = {}
    for f, v in s1.items():
        if isinstance(v, dict):
            delta[f] = {k: round(v[k] - s0[f][k], 4) for k in ("p", "r", "f1")}
        elif isinstance(v, float):
            delta[f] = round(v - s0[f], 4)
    return {"gains": gains, "losses": losses, "changed": changed, "fields": fields,
            "scores": {"baseline": s0, "new": s1}, "delta": delta}


def compare_report(diff: dict) -> str:
    """The gains/losses of `compare` as text: the score changes, then each gain and loss."""
    lines = ["score changes (new - baseline):"]
    for f, d in diff["delta"].items():
        if isinstance(d, dict):
            if any(d.values()):
                lines.append(f"  {f:28} P {d['p']:+.3f}  R {d['r']:+.3f}  F1 {d['f1']:+.3f}")
        elif d:
            lines.append(f"  {f:28} {d:+.4f}")
    if len(lines) == 1:
        lines.append("  none")
    for kind, sign in (("gains", "+"), ("losses", "-")):
        lines += ["", f"{kind} ({len(diff[kind])}):"]
        lines += [f"  {sign} {m.file} | {m.field} | {_show(m.expected)} | {_show(m.got)}" for m in diff[kind]]
    if diff["changed"]:
        lines += ["", f"still wrong, differently ({len(diff['changed'])}):"]
        lines += [f"  ~ {b.file} | {b.field} | {_show(b.expected)} | {_show(b.got)} -> {_show(a.got)}"
                  for b, a in diff["changed"]]
    return "\n".join(lines)


def load_golds(gold_dir: str | Path) -> dict[str, dict]:
    """Gold records of a folder (NAME.json), by NAME."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in Path(gold_dir).glob("*.json")}


def load_preds(pred_file: str | Path) -> dict[str, dict]:
    """Records of a JSON Lines file, by the base name of `source` without extension."""
    preds = {}
    for line in Path(pred_file).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[Path(str(rec.get("source", ""))).stem] = rec
    return preds


def load(gold_dir: str | Path, pred_file: str | Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """(golds, preds) as score.py loads them."""
    return load_golds(gold_dir), load_preds(pred_file)
