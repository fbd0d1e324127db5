"""pipeline.evaluate gives the client's scorer's numbers, and its misses and gains/losses are right."""
from __future__ import annotations

import copy
import importlib.util
import json
import random
from pathlib import Path

import pytest

from pipeline import evaluate

REPO = Path(__file__).resolve().parent.parent


def _shared_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _perturb(golds: dict[str, dict], seed: int) -> dict[str, dict]:
    """Predictions made from the gold by the mistakes extractors make: each document gets a few
    (a field wrong, an item dropped or added, a date or title changed), one document is missing."""
    rnd = random.Random(seed)
    preds = {}
    names = sorted(golds)
    for name in names[1:]:
        p = copy.deepcopy(golds[name])
        for _ in range(rnd.randint(1, 6)):
            rnd.choice(_MISTAKES)(p, rnd)
        preds[name] = p
    return preds


def _drop(p, rnd, key):
    if p.get(key):
        p[key].pop(rnd.randrange(len(p[key])))


_MISTAKES = [
    lambda p, rnd: p.update(doc_type="CV"),
    lambda p, rnd: p.update(number=None),
    lambda p, rnd: p.update(symbol=(p.get("symbol") or "") + "X"),
    lambda p, rnd: p.update(issue_date="2023-01-01"),
    lambda p, rnd: p.update(place=None),
    lambda p, rnd: p.update(title=(p.get("title") or "")[: len(p.get("title") or "") // 2]),
    lambda p, rnd: p.update(title=(p.get("title") or "") + "."),          # still similar
    lambda p, rnd: p.update(issuer=dict(p.get("issuer") or {}, level="xa", locality="Khác")),
    lambda p, rnd: p.update(issuer=dict(p.get("issuer") or {}, province=None)),
    lambda p, rnd: p.update(signer={"name": "Nguyễn Văn A"}),
    lambda p, rnd: _drop(p, rnd, "citations"),
    lambda p, rnd: _drop(p, rnd, "basis"),
    lambda p, rnd: _drop(p, rnd, "directives"),
    lambda p, rnd: _drop(p, rnd, "sections"),
    lambda p, rnd: _drop(p, rnd, "assignments"),
    lambda p, rnd: _drop(p, rnd, "recipients"),
    lambda p, rnd: p.setdefault("directives", []).append("07/CT-TTg@2023"),
    lambda p, rnd: p.setdefault("citations", []).append(
        {"type": "KH", "symbol": "99/KH-UBND", "date": "2023-05-05", "key": "99/KH-UBND@2023"}),
    lambda p, rnd: [c.update(date="2020-01-01") for c in p.get("citations") or [] if c.get("date")][:1],
    lambda p, rnd: [s.update(kind="other") for s in (p.get("sections") or [])[:2]],
    lambda p, rnd: p.setdefault("assignments", []).append({"unit": "Sở Nội vụ", "role": "chu_tri"}),
    lambda p, rnd: p.setdefault("recipients", []).append("Như Điều 3"),
    lambda p, rnd: p.update(citations=[dict(c, symbol=c["symbol"].replace("-", " - ")) if c.get("symbol") else c
                                       for c in p.get("citations") or []]),
]


def _corpora(shared: Path) -> list[Path]:
    return [REPO / "corpus" / "seeds" / "gold", shared / "corpus" / "dev" / "gold"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_numbers_as_the_shared_scorer(shared_dir, tmp_path, seed):
    scorer = _shared_scorer(shared_dir)
    for gold_dir in _corpora(shared_dir):
        golds = evaluate.load_golds(gold_dir)
        preds = _perturb(golds, seed)
        pred_file = tmp_path / f"{gold_dir.parent.name}.jsonl"
        pred_file.write_text("".join(json.dumps(dict(p, source=n + ".txt"), ensure_ascii=False) + "\n"
                                     for n, p in preds.items()), encoding="utf-8")
        theirs = scorer.score(*scorer.load(gold_dir, pred_file))
        ours = evaluate.score(*evaluate.load(gold_dir, pred_file))
        assert ours == theirs
        assert ours != evaluate.score(golds, golds)      # the perturbation did change something


def test_same_numbers_on_empty_records_and_another_directive(shared_dir):
    scorer = _shared_scorer(shared_dir)
    golds = evaluate.load_golds(shared_dir / "corpus" / "dev" / "gold")
    empty = {n: {"source": n} for n in golds}
    for directive in ("07/CT-TTg@2023", "407/QĐ-TTg@2022"):
        assert evaluate.score(golds, empty, directive) == scorer.score(golds, empty, directive)


def test_perfect_run_has_no_misses(seeds_dir):
    golds = evaluate.load_golds(seeds_dir / "gold")
    s = evaluate.score(golds, golds)
    assert s["symbol"] == 1.0 and s["citations"]["f1"] == 1.0 and s["missing"] == []
    assert evaluate.misses(golds, golds) == []


def _seed_000(seeds_dir):
    golds = evaluate.load_golds(seeds_dir / "gold")
    name = "000_2dfd6693a5da7e38"
    return {name: golds[name]}, name


def test_misses_name_field_expected_and_got(seeds_dir):
    golds, name = _seed_000(seeds_dir)
    p = copy.deepcopy(golds[name])
    p["place"] = "Cẩm Thủy"
    p["citations"] = [c for c in p["citations"] if c["symbol"] != "174/KH-UBND"]
    p["citations"].append({"symbol": "232/KH-UBND", "date": "2023-09-25"})    # duplicate is harmless
    p["directives"] = []
    p["recipients"] = p["recipients"] + ["Lưu VT"]
    rows = {(m.field, json.dumps(m.expected, ensure_ascii=False), json.dumps(m.got, ensure_ascii=False))
            for m in evaluate.misses(golds, {name: p})}
    assert rows == {
        ("place", '"Cẩm Thành"', '"Cẩm Thủy"'),
        ("citations", '"174/kh-ubnd"', "null"),
        ("directives", '"7/ct-ttg@2023"', "null"),         # compared without leading zeros
        ("implements 07/CT-TTg@2023", '"implements"', "null"),
        ("recipients", "null", '"Lưu VT"'),
    }


def test_missing_prediction_is_a_miss(seeds_dir):
    golds, name = _seed_000(seeds_dir)
    rows = evaluate.misses(golds, {})
    assert rows[0] == evaluate.Miss(name, "record", name, None)
    assert evaluate.score(golds, {})["missing"] == [name]


def test_compare_reports_gains_losses_and_changes(seeds_dir):
    golds, name = _seed_000(seeds_dir)
    base = copy.deepcopy(golds[name])
    base["place"] = "Cẩm Thủy"                       # baseline wrong, new right: a gain
    base["issue_date"] = "2023"                      # wrong in both, differently: changed
    new = copy.deepcopy(golds[name])
    new["issue_date"] = "2023-10-01"
    new["basis"] = new["basis"][:1]                  # new drops a basis key: a loss
    diff = evaluate.compare({name: base}, {name: new}, golds)
    assert [(m.field, m.expected) for m in diff["gains"]] == [("place", "Cẩm Thành")]
    assert [(m.field, m.expected) for m in diff["losses"]] == [("basis", "174/kh-ubnd@2023")]
    assert [(b.got, a.got) for b, a in diff["changed"]] == [("2023", "2023-10-01")]
    assert diff["fields"] == {"place": {"gains": 1, "losses": 0}, "basis": {"gains": 0, "losses": 1}}
    assert diff["delta"]["place"] == 1.0 and diff["delta"]["basis"]["r"] == -0.5
    text = evaluate.compare_report(diff)
    assert "+ 000_2dfd6693a5da7e38 | place | Cẩm Thành | Cẩm Thủy" in text
    assert "- 000_2dfd6693a5da7e38 | basis | 174/kh-ubnd@2023 | -" in text


def test_report_lists_scores_and_misses(seeds_dir):
    golds, name = _seed_000(seeds_dir)
    p = dict(golds[name], signer={"name": "Hà Văn Trung"})
    text = evaluate.report(evaluate.score(golds, {name: p}), evaluate.misses(golds, {name: p}))
    assert "signer.name                  0.0" in text
    assert "citations                    P 1.000  R 1.000  F1 1.000" in text
    assert "000_2dfd6693a5da7e38 | signer.name | Hà Văn Chung | Hà Văn Trung" in text
