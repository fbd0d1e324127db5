"""The synthetic cascade keeps its own invariants: files, chains, eras, flags, determinism."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline import lexicon, synth

PARAMS = dict(provinces=["Thanh Hóa", "Thừa Thiên Huế"], years=(2023, 2024, 2026), seed=3,
              formats=("txt", "docx", "pdf"), districts_per_province=2, communes_per_parent=2,
              silent=0.15, drafts=0.3, typos=0.3, contradictions=0.3, chrome=0.3)


@pytest.fixture(scope="module")
def cascade(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("cascade")
    return out, synth.generate(out, **PARAMS)


def _docs(truth: dict) -> dict[str, dict]:
    return {d["id"]: d for d in truth["documents"]}


def test_every_document_is_a_file_and_nothing_else(cascade):
    out, truth = cascade
    files = {p.name for p in out.iterdir()}
    assert files == {d["file"] for d in truth["documents"]} | {"truth.json"}
    assert json.loads((out / "truth.json").read_text(encoding="utf-8")) == json.loads(json.dumps(truth))
    assert {d["format"] for d in truth["documents"]} == {"txt", "docx", "pdf"}


def test_counts_match_the_documents(cascade):
    _, truth = cascade
    docs = truth["documents"]
    c = truth["counts"]
    assert c["documents"] == len(docs) == c["plans"] + c["reports"]
    assert sum(c["by_format"].values()) == len(docs)
    assert sorted(i for u in truth["units"] for i in u["documents"]) == sorted(d["id"] for d in docs)
    # two provinces in 2023 and 2024 (with their districts and communes), their successors in 2026
    assert {u["province"] for u in truth["units"]} == {"Thanh Hóa", "Huế"}


def test_chains_go_up_the_hierarchy_to_the_directive(cascade):
    _, truth = cascade
    docs, units = _docs(truth), {u["uid"]: u for u in truth["units"]}
    key = truth["directive"]["key"]
    for d in truth["documents"]:
        assert d["chain"][0] == d["id"] and d["chain"][-1] == key
        assert all(i in docs for i in d["chain"][1:-1])
        up = d["parent"] or d["reports_on"]
        assert d["chain"][1:2] == [up or key]
        if d["parent"]:
            parent = docs[d["parent"]]
            assert parent["role"] == "plan" and parent["key"] is not None and parent["year"] == d["year"]
            child_date = d["record"]["issue_date"]          # a draft's is "2023-10"
            assert parent["record"]["issue_date"][: len(child_date)] <= child_date
            # the parent's unit is above this one: its superior, or higher when the superior was silent
            ancestors, u = [], units[d["unit"]]["parent"]
            while u:
                ancestors.append(u)
                u = units[u]["parent"]
            assert parent["unit"] in ancestors
            if parent["unit"] != units[d["unit"]]["parent"]:
                assert d["year"] in units[units[d["unit"]]["parent"]]["silent_years"]
            assert parent["key"] in d["record"]["basis"]
        elif d["role"] == "plan":
            assert key in d["record"]["directives"]     # a plan with no parent cites the directive itself


def test_after_the_reorganisation_there_are_no_districts(cascade):
    _, truth = cascade
    docs = _docs(truth)
    for d in truth["documents"]:
        after = d["record"]["issue_date"] >= "2025-07"
        assert d["unit"].startswith("current:" if after else "legacy:")
        if after:
            assert d["record"]["issuer"]["level"] != "huyen"
            if d["parent"]:
                assert docs[d["parent"]]["record"]["issuer"]["level"] == "tinh"


def test_records_follow_the_record_format(cascade):
    _, truth = cascade
    key = truth["directive"]["key"]
    for d in truth["documents"]:
        r = d["record"]
        assert r["source"] == d["file"]
        assert r["doc_type"] == ("KH" if d["role"] == "plan" else "BC")
        assert r["symbol"] == f"{r['number'] or ''}/{r['doc_type']}-UBND"
        assert (d["key"] is None) == (r["number"] is None)
        assert set(r["directives"]) <= set(r["basis"]) <= {c["key"] for c in r["citations"]}
        assert len({c["key"] for c in r["citations"]}) == len(r["citations"])
        directive = next((c for c in r["citations"] if c["key"] == key), None)
        if directive:
            assert directive["symbol"] == "07/CT-TTg" and directive["date"][:4] == "2023"
        assert {a["section"] for a in r["assignments"]} <= {s["path"] for s in r["sections"]}
        assert r["issuer"]["locality"] == r["place"] and r["issuer"]["province"]


def test_every_kind_of_flag_is_injected_and_visible(cascade):
    out, truth = cascade
    kinds = {f["kind"] for f in truth["flags"]}
    assert kinds == {"silent", "draft", "typo_symbol", "typo_date", "date_contradiction", "chrome"}
    for d in truth["documents"]:
        r = d["record"]
        text = (out / d["file"]).read_text(encoding="utf-8") if d["format"] == "txt" else None
        for f in d["flags"]:
            if f["kind"] == "draft":
                assert r["number"] is None and re.fullmatch(r"\d{4}-\d\d", r["issue_date"])
                if text:
                    assert re.search(r"Số: +/", text) and re.search(r"ngày +tháng", text)
            elif f["kind"] == "date_contradiction":
                cite = next(c for c in r["citations"] if c["key"] == f["instrument"])
                assert f["printed"] != f["real"] and f["printed"][:4] == f["real"][:4]
                assert cite["date"] == f["printed"] or f["printed"] in cite.get("other_dates", [])
            elif f["kind"] in ("typo_symbol", "typo_date") and text:
                assert f["printed"] in text
            elif f["kind"] == "chrome":
                assert d["format"] == "txt" and not text.startswith(("ỦY BAN", "UBND", " "))


def test_formats_hold_the_text(cascade):
    out, truth = cascade
    import docx
    import pypdfium2

    for fmt in ("docx", "pdf"):
        d = next(x for x in truth["documents"] if x["format"] == fmt and x["record"]["number"])
        if fmt == "docx":
            doc = docx.Document(str(out / d["file"]))
            text = "\n".join(c.text for c in doc.tables[0].rows[0].cells) + "\n" + \
                "\n".join(p.text for p in doc.paragraphs)
        else:
            pdf = pypdfium2.PdfDocument(str(out / d["file"]))
            text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        flat = re.sub(r"\s+", " ", text.replace("\x02", "-"))
        assert d["record"]["symbol"] in flat.replace(" /", "/")
        assert d["record"]["title"][:40] in flat


def _contents(truth: dict) -> list[dict]:
    return [{k: v for k, v in d["record"].items() if k != "source"} for d in truth["documents"]]


def test_deterministic_for_a_seed(cascade, tmp_path):
    out, truth = cascade
    again = synth.generate(tmp_path / "a", **dict(PARAMS, formats=("txt",)))
    other = synth.generate(tmp_path / "b", **dict(PARAMS, formats=("txt",), seed=4))
    assert [d["id"] for d in again["documents"]] == [d["id"] for d in truth["documents"]]
    # a document's content does not depend on the format it is written in
    assert _contents(again) == _contents(truth)
    same = synth.generate(tmp_path / "c", **dict(PARAMS, formats=("txt",)))
    assert same == again
    assert all((tmp_path / "a" / d["file"]).read_bytes() == (tmp_path / "c" / d["file"]).read_bytes()
               for d in again["documents"])
    assert _contents(other) != _contents(again)


def test_rejects_unknown_inputs(tmp_path):
    with pytest.raises(ValueError, match="unknown directive"):
        synth.generate(tmp_path, directive="99/CT-TTg@2020")
    with pytest.raises(ValueError, match="unknown provinces"):
        synth.generate(tmp_path, provinces=["Atlantis"])
    with pytest.raises(ValueError, match="formats"):
        synth.generate(tmp_path, formats=("odt",))


def _template_regex(template: str) -> re.Pattern:
    """A template with each placeholder read as "some text"."""
    parts = re.split(r"\{[^{}]+\}", template)
    return re.compile(".+?".join(re.escape(p) for p in parts) + r"\Z", re.S)


@pytest.mark.parametrize("section", ["titles", "preambles", "subjects"])
def test_template_examples_are_real_strings_of_their_shape(section):
    entry = lexicon.load("synth")[section]
    templates = [t for k, v in entry.items() if k != "examples" for t in v]
    for example in entry["examples"]:
        assert any(_template_regex(t).match(example) for t in templates), example


def test_issuer_refs_and_dates_print_like_the_examples():
    model = lexicon.load("synth")
    forms = model["issuer_ref"]["forms"]
    for example in model["issuer_ref"]["examples"]:
        assert any(_template_regex(f).match(example) for f in forms), example
    patterns = model["dates"]["mention"] + model["dates"]["header"] + [model["dates"]["draft_header"]]
    # a placeholder is a number; any run of spaces matches any other (drafts leave the day blank)
    loose = [re.compile(r"\s+".join(re.sub(r"\\\{\w+\\\}", r"\\d{1,4}", re.escape(w)) for w in p.split()) + r"\Z")
             for p in patterns]
    for example in model["dates"]["examples"]:
        text = example.removeprefix("ngày ") if "tháng" not in example else example
        assert any(rx.match(text) for rx in loose), example


@pytest.mark.parametrize("kind", ["lost_hyphen", "space_before_slash"])
def test_symbol_misprints_look_like_the_examples(kind):
    printed = synth._misprint_symbol("174/KH-UBND", kind)
    examples = lexicon.load("synth")["typos"]["symbol_examples"]
    shape = {"lost_hyphen": r"\d+/[A-ZĐ]+\Z", "space_before_slash": r"\d+ /[A-ZĐ]+-[A-ZĐ]+\Z"}[kind]
    assert re.match(shape, printed) and any(re.match(shape, e) for e in examples)
