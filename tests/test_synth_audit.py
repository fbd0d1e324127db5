"""The audit recovers the ground truth of a synthetic cascade, through the real extractor.

A small cascade (two provinces, two districts each, three communes under each parent; 2023 with
districts, 2026 without; txt, docx and pdf; drafts, misprinted symbols and dates, contradicting
citation dates, web chrome and silent units all present) is written by pipeline.synth, read and
extracted by pipeline.api.extract, linked and audited. The audit must say exactly what truth.json
says: which units have a plan and a report and their dates, each document's chain to the
directive, and the injected findings (drafts, contradicting dates) and no others.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import api, synth
from pipeline.audit import audit
from pipeline.link import link_corpus

PARAMS = dict(provinces=2, years=(2023, 2026), seed=7, formats=("txt", "docx", "pdf"),
              districts_per_province=2, communes_per_parent=3,
              silent=0.15, drafts=0.3, typos=0.2, contradictions=0.3, chrome=0.3)
# The audit's flag kind for each injected finding the audit is meant to recover.
AUDITED = {"draft": "draft", "date_contradiction": "date_conflict"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cascade")
    truth = synth.generate(out, **PARAMS)
    records = []
    for kind, row in api.extract([str(out)]):
        assert kind == "record", row          # every synthetic file is readable
        records.append(row)
    linked = link_corpus(records)
    result = audit(linked, truth["directive"]["key"])
    ids = {d["file"]: d["id"] for d in truth["documents"]}
    return truth, linked, result, lambda source: ids[Path(source).name]


def test_the_cascade_has_every_feature(run):
    truth = run[0]
    assert set(truth["counts"]["by_format"]) == {"txt", "docx", "pdf"}
    assert {"silent", "draft", "typo_symbol", "typo_date", "date_contradiction", "chrome"} \
        <= set(truth["counts"]["by_flag"])
    assert {u["era"] for u in truth["units"]} == {"legacy", "current"}
    assert {u["level"] for u in truth["units"]} == {"tinh", "huyen", "xa"}


def test_matrix_has_each_units_plan_and_report_with_dates(run):
    truth, _, result, doc_id = run
    docs = {d["id"]: d for d in truth["documents"]}
    units = {u["uid"]: u for u in truth["units"]}
    m = result.matrix
    assert m["unit_code"].notna().all()          # every implementing document placed in the list
    got, expected = {}, {}
    for row in m.itertuples():
        uid = f"{row.era}:{row.level}:{row.unit_code}"
        got[uid] = (bool(row.has_plan), _text(row.plan_source, doc_id), _text(row.plan_date),
                    bool(row.has_report), _text(row.report_source, doc_id), _text(row.report_date))
        mine = [docs[i] for i in units[uid]["documents"]] if uid in units else []
        plan = next((d for d in mine if d["role"] == "plan"), None)
        report = next((d for d in mine if d["role"] == "report"), None)
        expected[uid] = (plan is not None, plan and plan["id"], plan and plan["record"]["issue_date"],
                         report is not None, report and report["id"], report and report["record"]["issue_date"])
    assert got == expected
    assert set(units) <= set(got)


def test_drafts_in_the_matrix(run):
    truth, _, result, doc_id = run
    drafts = {d["id"] for d in truth["documents"] if any(f["kind"] == "draft" for f in d["flags"])}
    m = result.matrix[result.matrix["has_plan"]]
    assert {doc_id(s) for s, draft in zip(m["plan_source"], m["plan_is_draft"]) if draft} == \
        {i for i in drafts if i.endswith("-KH")}


def _chains(run) -> dict[str, list[list[str]]]:
    truth, linked, _, doc_id = run
    directive = truth["directive"]["key"]

    def ident(node: str) -> str:
        documents = linked.instruments[node].documents
        return doc_id(documents[0]) if documents else node

    out: dict[str, list[list[str]]] = {}
    for c in linked.chains:
        if c.directive == directive:
            out.setdefault(doc_id(c.source), []).append([ident(n) for n in c.path])
    return out


def _same_symbol_as_parent(truth: dict) -> set[str]:
    """Plans whose own symbol is their parent plan's (own number = the province's number that year)."""
    docs = {d["id"]: d for d in truth["documents"]}
    return {d["id"] for d in truth["documents"] if d["parent"]
            and d["record"]["symbol"] == docs[d["parent"]]["record"]["symbol"]}


def test_each_document_has_its_chain_to_the_directive(run):
    truth = run[0]
    chains = _chains(run)
    known_miss = _same_symbol_as_parent(truth)
    assert {d["id"]: [d["chain"]] for d in truth["documents"] if d["id"] not in known_miss} == \
        {d["id"]: chains.get(d["id"]) for d in truth["documents"] if d["id"] not in known_miss}


def test_a_plan_numbered_like_its_parent_still_cites_it(run):
    truth = run[0]
    known = _same_symbol_as_parent(truth)
    if not known:
        pytest.skip("no plan of this cascade shares its parent's number")
    chains = _chains(run)
    assert {d["id"]: [d["chain"]] for d in truth["documents"] if d["id"] in known} == \
        {i: chains.get(i) for i in known}


def test_flags_are_exactly_the_injected_drafts_and_contradictions(run):
    truth, _, result, doc_id = run
    expected = sorted((d["id"], AUDITED[f["kind"]], f.get("instrument"), f.get("printed"), f.get("real"))
                      for d in truth["documents"] for f in d["flags"] if f["kind"] in AUDITED)
    got = []
    for f in result.flags.itertuples():
        values = json.loads(f.values)
        if f.kind == "date_conflict":
            printed = [p for p in values["printed"] if p != values["real_date"]]
            got.append((doc_id(f.source), f.kind, f.instrument, *printed, values["real_date"]))
        else:
            got.append((doc_id(f.source), f.kind, None, None, None))
    assert sorted(got) == expected


def _text(value, convert=None):
    """A matrix cell as a plain value (pandas gives NaN for an empty text cell)."""
    if not isinstance(value, str):
        return None
    return convert(value) if convert else value
