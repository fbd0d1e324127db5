"""The held-out documents (corpus/heldout): documents written to the Nghị định 30/2020 format
that no rule was fitted to (other provinces, bodies, topics and numbers than seeds and dev).
h01-h10: a district plan under a province plan under Chỉ thị 07, a commune report, a Sở công văn,
a decision with an attached plan, a web capture with a metadata table, a pdftotext two-column
header, a news item, a Party plan with -NQ/TW and -CT/TU symbols, a report in PHẦN I/PHẦN II, a
plan with a task table. h11-h22, a second set written later: a commune report with a results
table in pipes, a post-2025 commune plan, a one-line pipe header, a web capture with site chrome,
a double-spaced pdftotext capture with hyphen breaks, docx header cells one per line, a Sở công
văn, a district decision with its attached plan, a report in PHẦN THỨ NHẤT/HAI, a Huyện ủy plan
numbered "I-"/"1-", a draft with blank number and day, a news item with tasks in prose. h23-h34,
a third set: a decision setting up a steering committee, a meeting's conclusions (TB), a Sở's
programme (CTr), a HĐND resolution, a plan with a tab-separated appendix task table, a post-2025
phường, page heads and footers, footnotes, a HỎA TỐC letter, a ministry's letter, a
thuvienphapluat capture, a commune report with a table of figures. h35-h44, a fourth set: OCR'd
scans (Sô, ngảy, 6l, BÁO CẢO), documents of 2016-2022 on other topics, a decision with ten Căn cứ
lines, a three-level plan with a wrapped pipe table, a markdown capture with links, a Phòng's
công văn, a commune of Hà Nội, an issuer on three lines, a plan whose chain to 07/CT-TTg is given
only in part. h45-h54, a fifth set: a Sở VHTTDL plan, a ward report of TP.HCM, a commune decision
approving its plan "(Kèm theo Quyết định …)", a joint plan of the commune's Committee and Front
(KHLT, two signatures above Nơi nhận), a Văn phòng's conclusions notice, a plan with two
appendices, a 2025 plan of a merged province, a Youth Union plan, a preamble of Căn cứ then Thực
hiện lines, a news item quoting two documents. h55-h66, a sixth set: a province plan with
wrapped lines, district and commune plans (one a draft, one in markdown bold), a Sở Tư pháp plan,
two công văn, a town's report, a district decision, a district Front's plan (MTTQ, its locality on
the line between its two bodies), a Party-style plan without a number line, a commune report. h67-h78, a seventh set: a Sở plan
with a schedule table in pipes, a pdftotext district report, a post-2025 commune citing pre-2025
plans, a news page with chrome and a "Tin liên quan" list, a city decision whose attached plan
names its units on "Cơ quan chủ trì:" lines, a joint plan of two mass organisations in two
header columns, a Đảng ủy xã plan, a draft, a markdown plan with hard wraps, a ward-level report
with a results table, a ministry's công văn, a Thông báo kết luận in NFD with a tab-separated
table and glued symbols. h79-h90, an eighth set in the manner of the dev corpus: six web captures
cut after 2,000 bytes (a portal's metadata table, a legal database page, a district portal, a
news item, a ministry's page with a "Số/Ký hiệu:" line, a markdown page) and six extractions (two
pdftotext with footnotes and page numbers, a DOCX decision with its plan, a Thông báo with a
literal "\r\n" and a national name broken over lines, an NFD report with glued words, a report
with a flattened table). h91-h102, a ninth set: a long province plan in PHẦN I/II with an
appendix table, a merged commune's 2025 report, a Sở decision issuing a regulation, an NFD letter
with five addressees, a Sở report with figures, a portal capture cut in its "Văn bản liên quan"
list, an OCR'd commune plan, a Văn phòng's notice, a joint plan of a Phòng and the Huyện đoàn, a
Đảng ủy resolution with literal "\r\n", a plan with a tab table, a news item. Their gold records were written
by reading them against ../shared/spec/RECORD.md, before the extractor was run on them (h23-h34:
where RECORD.md leaves a choice, the reading the dev gold takes; docs in bench/ROBUSTNESS.md).

The floors sit a little under the scores measured when the set was written (see
bench/ROBUSTNESS.md), so that a change which loses a document's field fails here; raise them
when the extractor gets better, never lower them to let a change pass.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import load_golds, misses, score
from pipeline.extract import extract_record
from pipeline.normalize import document_from_text

HELDOUT = Path(__file__).resolve().parent.parent / "corpus" / "heldout"

# field -> lowest acceptable value (accuracy, or F1 for the set fields). Each set was first
# measured (2026-11-24) at: h01-h10 number/symbol/issue_date/issuer 0.9, sections 0.902,
# assignments 0.871; h11-h22 title and signer.name 0.917, sections 0.941, headings 0.898,
# assignments 0.800; h23-h34 place, issuer.locality, signer.name 0.917, issuer.province 0.9,
# citations P 0.913, sections 0.951, assignments 0.840, recipients 0.956; h35-h44 number,
# symbol, title 0.8, issuer.province 0.75, citations 0.966, sections 0.936, assignments 0.822;
# h45-h54 title and issuer.locality 0.8, province 0.857, symbol, level, signer 0.9, sections
# 0.903, assignments 0.853; h55-h66 issuer level, locality, province 0.917, sections 0.986 (the
# writer's "other" for two "Kết quả ..." subsections of a results section; the held-out gold reads
# them ket_qua, as before), assignments 0.987; h67-h78 issuer.locality 0.917, issuer.province 0.909,
# sections 0.985, headings 0.992, assignments 0.821 (recall 0.711); h79-h90 number, symbol, issuer
# level, title 0.917, locality 0.833, province 0.909, citations P 0.974, sections and headings R
# 0.945, assignments R 0.878, recipients R 0.846; h91-h102 issuer locality, province, signer
# 0.917, citation.date 0.969, citations R 0.941, basis R 0.862, directives R 0.875, sections R
# 0.984, headings 0.980, assignments 0.883; every other field 1.0. The
# general fixes that followed (bench/ROBUSTNESS.md) bring h01-h90 to 1.0 in every field but
# assignments (h16 II.1, a descriptive unit whose end no rule finds; h47 and h67, a unit the gold
# spells two ways; h69, a list of collective words the gold splits); h91-h102, the last set, keep
# the misses ROBUSTNESS.md lists as left (province, signer, a heading, assignments: all 102 at
# 0.987 or more). The floors sit just under those, so a change that loses a few documents' fields
# fails here. Since the fixes were found on these sets, they guard against regressions now; they
# are no longer unseen data.
FLOORS = {
    "doc_type": 0.98, "number": 0.98, "symbol": 0.98, "issue_date": 0.98, "place": 0.98,
    "issuer.level": 0.98, "issuer.locality": 0.98, "issuer.province": 0.98, "title": 0.98,
    "signer.name": 0.98, "citation.date": 0.98,
    "citations": 0.98, "citations.named": 0.96, "basis": 0.98, "directives": 0.97,
    "sections": 0.99, "section.headings": 0.99, "assignments": 0.98, "recipients": 0.98,
    "implements 07/CT-TTg@2023": 0.95,
}


@pytest.fixture(scope="module")
def heldout_run() -> tuple[dict, dict]:
    golds = load_golds(HELDOUT / "gold")
    preds = {p.stem: extract_record(document_from_text(p.read_text(encoding="utf-8"), source=p.name)).to_dict()
             for p in sorted(HELDOUT.glob("*.txt"))}
    return golds, preds


def test_every_heldout_text_has_its_gold() -> None:
    texts = {p.stem for p in HELDOUT.glob("*.txt")}
    golds = {p.stem for p in (HELDOUT / "gold").glob("*.json")}
    assert texts == golds and len(texts) == 102


def test_heldout_gold_follows_the_record_schema(shared_dir) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "spec" / "record.schema.json").read_text(encoding="utf-8"))
    for p in sorted((HELDOUT / "gold").glob("*.json")):
        jsonschema.validate(json.loads(p.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_heldout_score_stays_above_floor(heldout_run, field: str) -> None:
    golds, preds = heldout_run
    value = score(golds, preds)[field]
    value = value["f1"] if isinstance(value, dict) else value
    wrong = [f"{m.file}: expected {m.expected!r}, got {m.got!r}" for m in misses(golds, preds)
             if m.field == field]
    assert value >= FLOORS[field], f"{field} = {value} < {FLOORS[field]}; misses:\n" + "\n".join(wrong)


def test_no_heldout_document_is_missing(heldout_run) -> None:
    golds, preds = heldout_run
    assert score(golds, preds)["missing"] == []
