"""`vanban run` and `vanban audit` end to end on the shipped corpus (extraction, not gold)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from test_cli import vanban

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    r = vanban("run", "corpus/", "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return out


def test_run_writes_records_and_every_table_format(run_out: Path) -> None:
    records = [json.loads(line) for line in (run_out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    shipped = [p for p in (REPO / "corpus").rglob("*.txt") if p.stem.lower() != "readme"]
    assert len(records) == len(shipped) >= 4
    assert (run_out / "errors.jsonl").read_text(encoding="utf-8") == ""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(run_out / "vanban.xlsx", read_only=True)
    for name in ("documents", "citations", "instruments", "links", "chains", "sections", "assignments",
                 "dates", "recipients", "localities", "audit", "errors"):
        assert name in wb.sheetnames
        csv = pd.read_csv(run_out / "csv" / f"{name}.csv", encoding="utf-8-sig")
        header = [c.value for c in next(wb[name].iter_rows(max_row=1))]
        assert header == list(csv.columns)
        assert list(pd.read_parquet(run_out / "parquet" / f"{name}.parquet").columns) == header


def test_chains_from_extraction_reach_the_directive(run_out: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect(str(run_out / "vanban.duckdb"), read_only=True)
    cols = [r[0] for r in con.execute("select column_name from information_schema.columns "
                                      "where table_name = 'chains'").fetchall()]
    assert "source" in cols
    rows = con.execute("select d.source, c.* from documents d join chains c using (source)").fetchdf()
    text = rows.to_string()
    assert "000_2dfd6693a5da7e38" in text and "174/KH-UBND" in text and "07/CT-TTg@2023" in text
    assert "003_b8783f4ddf8e8961" in text and "160/KH-UBND" in text


def test_audit_of_a_run_lists_the_plans_and_flags(run_out: Path) -> None:
    r = vanban("audit", str(run_out), "--directive", "07/CT-TTg@2023")
    assert r.returncode == 0, r.stderr
    assert "Tuyên Quang" in r.stdout and "1719/UBND-THCBKS" in r.stdout
    assert "Thanh Hóa" in r.stdout and "Thái Nguyên" in r.stdout
    assert r.stdout.count("draft") >= 2 and "407/QĐ-TTg" in r.stdout


def test_unknown_table_format_is_a_usage_error(tmp_path: Path) -> None:
    r = vanban("run", "corpus/", "-o", str(tmp_path / "o"), "--formats", "xlsx,pdf")
    assert r.returncode == 2 and "pdf" in r.stderr


GOLDS = ("--gold", "corpus/seeds/gold", "--gold", "corpus/heldout/gold")


def test_eval_scores_the_shipped_corpus_against_its_baseline(tmp_path: Path) -> None:
    r = vanban("eval", *GOLDS, "corpus/", "--baseline", "corpus/baseline.jsonl", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    n_gold = len(list((REPO / "corpus").glob("*/gold/*.json")))
    assert out["scores"]["documents"] == n_gold and out["scores"]["missing"] == []
    assert out["scores"]["citations"]["f1"] >= 0.97
    assert {"gains", "losses", "delta"} <= set(out)
    text = vanban("eval", *GOLDS, "--pred", "corpus/baseline.jsonl").stdout
    assert "citations" in text and "F1" in text


def test_eval_lists_misses_and_losses_against_a_worse_baseline(tmp_path: Path) -> None:
    worse = []
    for line in (REPO / "corpus" / "baseline.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec["symbol"] = None
        worse.append(json.dumps(rec, ensure_ascii=False))
    (tmp_path / "worse.jsonl").write_text("\n".join(worse), encoding="utf-8")
    r = vanban("eval", *GOLDS, "--pred", str(tmp_path / "worse.jsonl"), "--baseline", "corpus/baseline.jsonl")
    assert r.returncode == 0
    assert "| symbol | 3457/BC-UBND | -" in r.stdout        # a miss of this run
    assert f"losses ({len(worse)})" in r.stdout           # every document printed a symbol


def test_eval_refuses_two_gold_folders_that_share_a_name() -> None:
    r = vanban("eval", "--gold", "corpus/seeds/gold", "--gold", "corpus/seeds/gold", "--pred", "corpus/baseline.jsonl")
    assert r.returncode == 2 and "also in another gold folder" in r.stderr


def test_synth_writes_documents_and_truth(tmp_path: Path) -> None:
    r = vanban("synth", str(tmp_path / "s"), "--provinces", "1", "--districts", "1", "--communes", "2",
               "--years", "2023")
    assert r.returncode == 0, r.stderr
    truth = json.loads((tmp_path / "s" / "truth.json").read_text(encoding="utf-8"))
    assert json.loads(r.stdout) == truth["counts"]
    assert all((tmp_path / "s" / d["file"]).is_file() for d in truth["documents"])
