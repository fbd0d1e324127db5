"""The gazetteer and the corpus linker: issuers in the official list, citations resolved, chains."""
from __future__ import annotations

import json

import pytest

from pipeline import lexicon
from pipeline.gazetteer import CURRENT, LEGACY, gazetteer
from pipeline.link import link_corpus, names_symbol, symbol_type

ALIASES = lexicon.load("gazetteer_aliases")
LINK = lexicon.load("link")


def _gold(folder) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


# --- gazetteer -----------------------------------------------------------------------------------

@pytest.mark.parametrize("entry", ALIASES["kind"], ids=lambda e: e["word"])
def test_kind_examples_give_their_level(entry):
    g = gazetteer()
    for example in entry["examples"]:
        level, locality = g.parse_issuer(example)
        expected = ("tinh", "huyen") if entry["level"] == "tinh_or_huyen" else (entry["level"],)
        assert level in expected, example
        assert locality, example


@pytest.mark.parametrize("entry", ALIASES["province_alias"], ids=lambda e: e["alias"])
def test_province_alias_examples_find_the_official_province(entry):
    g = gazetteer()
    for example in entry["examples"]:
        name = g.parse_issuer(example)[1] or example
        for era in (LEGACY, CURRENT):
            prov = g.province(name, era)
            assert prov is not None and prov.short == entry["official"], (example, era)


@pytest.mark.parametrize("text, level, locality", [
    ("Ủy ban nhân dân huyện Cẩm Thủy", "huyen", "Cẩm Thủy"),
    ("Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa", "tinh", "Thanh Hóa"),
    ("Sở Thông tin và Truyền thông tỉnh Thừa Thiên Huế", "tinh", "Thừa Thiên Huế"),
    ("Ủy ban nhân dân thị xã Hương Trà", "huyen", "Hương Trà"),
    ("UBND thành phố Thanh Hóa", "huyen", "Thanh Hóa"),       # a provincial city, not the province
    ("Thủ tướng Chính phủ", None, None),
])
def test_parse_issuer(text, level, locality):
    assert gazetteer().parse_issuer(text) == (level, locality)


@pytest.mark.parametrize("level, locality, province, date, code, now, existed", [
    # seeds: a pre-2025 commune and its successor; a post-2025 commune; a district (thị xã)
    ("xa", "Cẩm Thành", "Thanh Hóa", "2023-10", "15133", "Xã Cẩm Thạch", True),
    ("xa", "Dân Tiến", "Thái Nguyên", "2025-12", "05755", "Xã Dân Tiến", True),
    ("huyen", "Hương Trà", "Thừa Thiên Huế", "2023-12-18", "480", "Thành phố Huế", True),
    ("tinh", "Tuyên Quang", "Tuyên Quang", "2023-04-27", "08", "Tỉnh Tuyên Quang", True),
    ("tinh", "Lào Cai", "Lào Cai", "2026-03-06", "15", "Tỉnh Lào Cai", True),   # new code after the merger
    # units that did not exist at the date: a district after 1 July 2025, a merged province
    ("huyen", "Hương Trà", "Thừa Thiên Huế", "2025-12-18", "480", "Thành phố Huế", False),
    ("tinh", "Bắc Kạn", None, "2026-01-05", None, "Tỉnh Thái Nguyên", False),
])
def test_resolve_issuer(level, locality, province, date, code, now, existed):
    place = gazetteer().resolve(level, locality, province, date)
    assert (place.unit.code if place.unit else None) == code
    assert place.now.name == now
    assert place.existed is existed


def test_namesake_communes_are_not_guessed_and_a_district_hint_decides():
    g = gazetteer()
    assert g.resolve("xa", "Cẩm Thành", None, "2023-10").unit is None      # Thanh Hóa, Hà Tĩnh, Quảng Ninh
    place = g.resolve("xa", "Cẩm Thành", None, "2023-10", district_hints=["Cẩm Thủy"])
    assert place.unit.code == "15133"


# --- symbols ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("symbol, part", [
    ("269/KH-UBND", "KH"), ("09/2017/NĐ-CP", "NĐ"), ("57-NQ/TW", "NQ"), ("1719/UBND-THCBKS", "UBND"),
    ("/KH-UBND", "KH"), ("24/HDLN-BCA-BQP-BYT", "HDLN"), (None, None)])
def test_symbol_type(symbol, part):
    assert symbol_type(symbol) == part


@pytest.mark.parametrize("text, symbol, named", [
    ("Kết quả thực hiện Kế hoạch số 269/KH-UBND ngày 01/8/2023", "269/KH-UBND", True),
    ("Kết quả thực hiện Kế hoạch số 269/KH-UBND ngày 01/8/2023", "69/KH-UBND", False),
    ("Kế hoạch số 150/KHUBND ngày 01/6/2022", "150/KH-UBND", False),   # repair is extraction's job
    ("về triển khai thực hiện Chỉ thị số 07/CT-TTg ngày 21/3/2023", "07/CT-TTg", True),
])
def test_names_symbol(text, symbol, named):
    assert names_symbol(text, symbol) is named


# --- edges ----------------------------------------------------------------------------------------

def _record(source, doc_type, symbol, date, level, locality, province=None, citations=(), basis=(),
            directives=(), title=None, sections=(), assignments=()):
    number = symbol.split("/")[0] or None if symbol else None
    return {"source": source, "doc_type": doc_type, "number": number, "symbol": symbol,
            "issuer": {"name": None, "level": level, "locality": locality, "province": province or locality},
            "issue_date": date, "title": title, "citations": list(citations), "basis": list(basis),
            "directives": list(directives), "sections": list(sections), "assignments": list(assignments),
            "recipients": []}


def _cite(symbol, date, key, issuer=None, ctype=None, **extra):
    return {"type": ctype or symbol_type(symbol), "number": symbol.split("/")[0], "symbol": symbol,
            "date": date, "issuer": issuer, "name": None, "key": key, **extra}


@pytest.mark.parametrize("entry", LINK["reported_type"], ids=lambda e: e["type"])
def test_reported_type_examples_give_reports_on(entry):
    for example in entry["examples"]:
        symbol = next(w for w in example.split() if "/" in w)
        cite = _cite(symbol, None, symbol, ctype=entry["type"])
        rec = _record("bc.txt", "BC", "12/BC-UBND", "2023-12-18", "huyen", "Hương Trà", "Thừa Thiên Huế",
                      [cite], basis=[symbol], title=example)
        linked = link_corpus([rec])
        assert linked.documents["bc.txt"].citations[0].role == "reports_on", example


def test_normative_and_submissions_in_the_basis_are_based_on():
    normative = lexicon.load("citations")["normative"]
    examples = normative["examples"]
    cites = [_cite(e, None, e) if "/" in e and not e.startswith("QCVN") else
             {"type": None, "number": None, "symbol": None, "date": None, "issuer": None, "name": e, "key": e}
             for e in examples]
    rec = _record("qd.txt", "QĐ", "5/QĐ-UBND", "2024-01-25", "tinh", "Kon Tum", citations=cites,
                  basis=[c["key"] for c in cites])
    roles = {c.key: c.role for c in link_corpus([rec]).documents["qd.txt"].citations}
    assert set(roles.values()) == {"based_on"}, roles


def test_citation_resolves_to_the_corpus_document_of_its_locality():
    plans = [_record("a.txt", "KH", "12/KH-UBND", "2023-05-02", "huyen", "Cẩm Thủy", "Thanh Hóa"),
             _record("b.txt", "KH", "12/KH-UBND", "2023-06-01", "huyen", "Triệu Sơn", "Thanh Hóa")]
    commune = _record("c.txt", "KH", "3/KH-UBND", "2023-07-01", "xa", "Cẩm Thành", "Thanh Hóa", citations=[
        _cite("12/KH-UBND", "2023-05-02", "12/KH-UBND@2023:Cẩm Thủy", "UBND huyện Cẩm Thủy")],
        basis=["12/KH-UBND@2023:Cẩm Thủy"])
    linked = link_corpus(plans + [commune])
    ref = linked.documents["c.txt"].citations[0]
    assert (ref.node, ref.resolution) == ("12/KH-UBND@2023:Cẩm Thủy", "corpus")
    assert linked.instruments[ref.node].documents == ["a.txt"]
    # Without a locality, two namesakes in the province: the printed date decides.
    commune["citations"] = [_cite("12/KH-UBND", "2023-06-01", "12/KH-UBND@2023")]
    commune["source"] = "d.txt"
    ref = link_corpus(plans + [commune]).documents["d.txt"].citations[0]
    assert (ref.node, ref.resolution) == ("12/KH-UBND@2023:Triệu Sơn", "corpus")
    # A namesake in another province is never taken for it.
    commune["issuer"]["province"] = "Hà Tĩnh"
    commune["citations"] = [_cite("12/KH-UBND", None, "12/KH-UBND@2023")]
    ref = link_corpus(plans[:1] + [commune]).documents["d.txt"].citations[0]
    assert ref.resolution == "stub"


def test_a_registry_instrument_carries_its_real_date():
    """A citation resolved through the registry by symbol and year keeps the registry's date, so that
    a contradicting printed date can be flagged (07/CT-TTg is dated 21/3/2023 in models/instruments.toml)."""
    rec = _record("kh.txt", "KH", "5/KH-UBND", "2023-05-02", "huyen", "Cẩm Thủy", "Thanh Hóa",
                  citations=[_cite("07/CT-TTg", "2023-03-22", "07/CT-TTg@2023", "Thủ tướng Chính phủ")],
                  directives=["07/CT-TTg@2023"])
    inst = link_corpus([rec]).instruments["07/CT-TTg@2023"]
    assert (inst.status, inst.real_date, inst.real_date_source) == ("registry", "2023-03-21", "registry")


def test_a_symbol_shared_by_many_localities_resolves_by_place():
    """One number recurs in every district of a province: each citation finds its own district's."""
    districts = ["Cẩm Thủy", "Triệu Sơn", "Thạch Thành", "Nga Sơn"]
    plans = [_record(f"{i}.txt", "KH", "12/KH-UBND", "2023-05-02", "huyen", name, "Thanh Hóa")
             for i, name in enumerate(districts)]
    communes = [_record(f"c{i}.txt", "KH", "3/KH-UBND", "2023-07-01", "xa", "Cẩm Thành", "Thanh Hóa", citations=[
        _cite("12/KH-UBND", "2023-05-02", f"12/KH-UBND@2023:{name}", f"UBND huyện {name}")])
        for i, name in enumerate(districts)]
    linked = link_corpus(plans + communes)
    assert [linked.instruments[linked.documents[f"c{i}.txt"].citations[0].node].documents
            for i in range(len(districts))] == [[f"{i}.txt"] for i in range(len(districts))]


# --- the seeds ------------------------------------------------------------------------------------

def test_seed_chains_reach_chi_thi_07(seeds_dir):
    linked = link_corpus(_gold(seeds_dir / "gold"))
    chains = {c.source: [linked.label(n) for n in c.path] for c in linked.chains
              if c.directive == "07/CT-TTg@2023"}
    assert chains["000_2dfd6693a5da7e38.txt"][1:] == ["174/KH-UBND (Cẩm Thủy)", "07/CT-TTg@2023"]
    assert chains["003_b8783f4ddf8e8961.txt"][1:] == ["160/KH-UBND (Thái Nguyên)", "07/CT-TTg@2023"]
    assert chains["001_58a1e30f416f19be.txt"] == ["1719/UBND-THCBKS (Tuyên Quang)", "07/CT-TTg@2023"]
    assert "Xã Cẩm Thành" in chains["000_2dfd6693a5da7e38.txt"][0]
    # The report is about the province's plan, which says nothing of Chỉ thị 07: no chain.
    assert "004_37b2026d14a0c8e5.txt" not in chains
    report = {c.symbol: c.role for c in linked.documents["004_37b2026d14a0c8e5.txt"].citations}
    assert report["269/KH-UBND"] == "reports_on"
    # The step 174 -> 07 is not printed as such: it is inferred, and says which document gave it.
    step = next(e for e in linked.edges if e.src == "174/KH-UBND@2023:Cẩm Thủy")
    assert (step.dst, step.inferred, step.source) == ("07/CT-TTg@2023", True, "000_2dfd6693a5da7e38.txt")


def test_seed_issuers_in_the_official_list(seeds_dir):
    linked = link_corpus(_gold(seeds_dir / "gold"))
    codes = {s: (d.place.unit.uid, d.place.now.name) for s, d in linked.documents.items()}
    assert codes == {
        "000_2dfd6693a5da7e38.txt": ("legacy:xa:15133", "Xã Cẩm Thạch"),
        "001_58a1e30f416f19be.txt": ("legacy:tinh:08", "Tỉnh Tuyên Quang"),
        "003_b8783f4ddf8e8961.txt": ("current:xa:05755", "Xã Dân Tiến"),
        "004_37b2026d14a0c8e5.txt": ("legacy:huyen:480", "Thành phố Huế"),
    }


def test_subject_of_a_citation_gives_an_explicit_step():
    """Extraction's `subject` ("về triển khai thực hiện Chỉ thị số 07/CT-TTg") makes the step explicit."""
    rec = _record("x.txt", "KH", "/KH-UBND", "2023-10", "xa", "Cẩm Thành", "Thanh Hóa", citations=[
        _cite("174/KH-UBND", "2023-10-04", "174/KH-UBND@2023:Cẩm Thủy", "UBND huyện Cẩm Thủy",
              subject="về triển khai thực hiện Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ",
              role="implements"),
        _cite("07/CT-TTg", "2023-03-21", "07/CT-TTg@2023", "Thủ tướng Chính phủ")],
        basis=["174/KH-UBND@2023:Cẩm Thủy"], directives=["07/CT-TTg@2023"])
    linked = link_corpus([rec])
    step = next(e for e in linked.edges if e.src == "174/KH-UBND@2023:Cẩm Thủy")
    assert (step.inferred, step.evidence) == (False, "subject of the citation")


def test_dev_citations_resolve_inside_the_corpus(shared_dir, seeds_dir):
    linked = link_corpus(_gold(seeds_dir / "gold") + _gold(shared_dir / "corpus" / "dev" / "gold"))
    resolved = {(c.source, c.symbol): linked.instruments[c.node].documents
                for d in linked.documents.values() for c in d.citations if c.resolution == "corpus"}
    assert resolved[("075.txt", "1050/QĐ-SCT")] == ["074.txt"]
    assert resolved[("075.txt", "1105/KH-ĐKT")] == ["070.txt"]
    assert resolved[("085.txt", "1074/QĐ-BXD")] == ["104.txt"]
    chains = {tuple(c.path) for c in linked.chains if c.source == "085.txt"}
    # The letter cites the ministry's decision; the decision (in the corpus) gives the next step.
    assert ("7432/UBND-XD@2026:Lào Cai", "1074/QĐ-BXD@2026", "235/QĐ-TTg@2025") in chains
