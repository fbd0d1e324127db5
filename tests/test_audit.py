"""The audit: the directive x locality matrix on a cascade corpus, the flags, task coverage."""
from __future__ import annotations

import json
import re

import pytest

from pipeline import lexicon
from pipeline.audit import COVERAGE_THRESHOLD, audit, flags, match_tasks
from pipeline.extract import extract_record
from pipeline.link import link_corpus
from pipeline.model import TRUNCATED
from pipeline.normalize import document_from_text

D07 = "07/CT-TTg@2023"
CT07 = {"type": "CT", "number": "07", "symbol": "07/CT-TTg", "date": "2023-03-21",
        "issuer": "Thủ tướng Chính phủ", "name": None, "key": D07}
PLAN_SECTIONS = [{"path": "I", "heading": "MỤC ĐÍCH, YÊU CẦU", "kind": "muc_dich_yeu_cau"},
                 {"path": "II", "heading": "NỘI DUNG", "kind": "noi_dung"},
                 {"path": "III", "heading": "TỔ CHỨC THỰC HIỆN", "kind": "to_chuc_thuc_hien"}]


def _plan(source, symbol, date, level, locality, cites=(), directives=(), doc_type="KH", title=None,
          sections=PLAN_SECTIONS):
    number = symbol.split("/")[0] or None
    return {"source": source, "doc_type": doc_type, "number": number, "symbol": symbol, "issue_date": date,
            "issuer": {"name": f"Ủy ban nhân dân {locality}", "level": level,
                       "locality": locality.split(" ", 1)[1], "province": "Bắc Kạn"},
            "title": title, "citations": list(cites), "basis": [c["key"] for c in cites],
            "directives": list(directives), "sections": list(sections), "assignments": [], "recipients": []}


def _local(symbol, date, locality):
    return {"type": symbol.split("/")[1][:2], "number": symbol.split("/")[0], "symbol": symbol, "date": date,
            "issuer": f"UBND {locality}", "name": None,
            "key": f"{symbol}@{date[:4]}:{locality.split(' ', 1)[1]}"}


@pytest.fixture(scope="module")
def cascade():
    """Province plan; two district plans (one says it implements Chỉ thị 07, one only the province's
    plan); two communes citing them; one report; every other commune of the province has nothing."""
    return [
        _plan("tinh.txt", "45/KH-UBND", "2023-04-10", "tinh", "tỉnh Bắc Kạn", [CT07], [D07]),
        _plan("babe.txt", "112/KH-UBND", "2023-05-15", "huyen", "huyện Ba Bể",
              [_local("45/KH-UBND", "2023-04-10", "tỉnh Bắc Kạn"), CT07], [D07]),
        _plan("pacnam.txt", "98/KH-UBND", "2023-05-20", "huyen", "huyện Pác Nặm",
              [_local("45/KH-UBND", "2023-04-10", "tỉnh Bắc Kạn")]),
        _plan("phucloc.txt", "/KH-UBND", "2023-06", "xa", "xã Phúc Lộc",
              [_local("112/KH-UBND", "2023-05-15", "huyện Ba Bể"), CT07], [D07]),
        _plan("bangthanh.txt", "15/KH-UBND", "2023-06-05", "xa", "xã Bằng Thành",
              [_local("98/KH-UBND", "2023-05-02", "huyện Pác Nặm")]),     # misprinted date
        _plan("baocao.txt", "130/BC-UBND", "2023-12-15", "huyen", "huyện Pác Nặm",
              [_local("98/KH-UBND", "2023-05-20", "huyện Pác Nặm")], doc_type="BC",
              title="Kết quả thực hiện Kế hoạch số 98/KH-UBND ngày 20/5/2023 của UBND huyện Pác Nặm",
              sections=[]),
    ]


def test_cascade_matrix(cascade):
    result = audit(cascade, D07)
    m = result.matrix
    assert result.directive_date == "2023-03-21"
    assert len(m) == 1 + 8 + 108 and set(m["province"]) == {"Bắc Kạn"}       # the whole legacy province
    plans = m[m["has_plan"]].set_index("unit")[["level", "plan", "plan_date", "days_after_directive",
                                                 "plan_is_draft", "chain"]]
    assert plans.to_dict("index") == {
        "Tỉnh Bắc Kạn": {"level": "tinh", "plan": "45/KH-UBND", "plan_date": "2023-04-10",
                         "days_after_directive": 20, "plan_is_draft": False,
                         "chain": "45/KH-UBND (Bắc Kạn) -> 07/CT-TTg@2023"},
        "Huyện Pác Nặm": {"level": "huyen", "plan": "98/KH-UBND", "plan_date": "2023-05-20",
                          "days_after_directive": 60, "plan_is_draft": False,
                          "chain": "98/KH-UBND (Pác Nặm) -> 45/KH-UBND (Bắc Kạn) -> 07/CT-TTg@2023"},
        "Huyện Ba Bể": {"level": "huyen", "plan": "112/KH-UBND", "plan_date": "2023-05-15",
                        "days_after_directive": 55, "plan_is_draft": False,
                        "chain": "112/KH-UBND (Ba Bể) -> 45/KH-UBND (Bắc Kạn) -> 07/CT-TTg@2023"},
        "Xã Bằng Thành": {"level": "xa", "plan": "15/KH-UBND", "plan_date": "2023-06-05",
                          "days_after_directive": 76, "plan_is_draft": False,
                          "chain": "15/KH-UBND (Bằng Thành) -> 98/KH-UBND (Pác Nặm) -> 45/KH-UBND (Bắc Kạn)"
                                   " -> 07/CT-TTg@2023"},
        "Xã Phúc Lộc": {"level": "xa", "plan": "/KH-UBND", "plan_date": "2023-06",
                        "days_after_directive": 72, "plan_is_draft": True,
                        "chain": "/KH-UBND Xã Phúc Lộc (phucloc.txt) -> 112/KH-UBND (Ba Bể) -> 45/KH-UBND (Bắc Kạn)"
                                 " -> 07/CT-TTg@2023"},
    }
    reports = m[m["has_report"]]
    assert reports[["unit", "report", "report_date"]].values.tolist() == [
        ["Huyện Pác Nặm", "130/BC-UBND", "2023-12-15"]]
    gap = m[m["unit"] == "Xã Nhạn Môn"].iloc[0]          # a commune of Pác Nặm with no document
    assert (gap["district"], bool(gap["has_plan"]), bool(gap["has_report"])) == ("Pác Nặm", False, False)
    summary = result.summary.iloc[0]
    assert summary[["province", "province_has_plan", "districts", "districts_with_plan", "communes",
                    "communes_with_plan", "units_with_report"]].tolist() == [
        "Bắc Kạn", True, 8, 2, 108, 2, 1]


def test_cascade_flags(cascade):
    found = {(f.source, f.kind, f.instrument) for f in flags(link_corpus(cascade))}
    assert found == {
        ("phucloc.txt", "draft", None),
        ("bangthanh.txt", "date_conflict", "98/KH-UBND@2023:Pác Nặm"),     # printed 02/5, issued 20/5
    }


def test_other_flags():
    late = _plan("late.txt", "12/QĐ-UBND", "2023-03-01", "huyen", "huyện Ba Bể", [CT07], [D07])
    late["issue_date"] = "2023-03-01"
    late["doc_type"] = "KH"                  # type word says KH, symbol says QĐ
    gone = _plan("gone.txt", "20/KH-UBND", "2025-09-10", "huyen", "huyện Pác Nặm")
    found = {(f.source, f.kind) for f in flags(link_corpus([late, gone]))}
    assert found == {("late.txt", "cites_later_document"), ("late.txt", "symbol_type_mismatch"),
                     ("gone.txt", "issuer_did_not_exist")}
    incomplete = _plan("thin.txt", "21/KH-UBND", "2023-09-10", "huyen", "huyện Pác Nặm",
                       sections=PLAN_SECTIONS[:1])
    [flag] = flags(link_corpus([incomplete]))
    assert (flag.kind, flag.values["missing"]) == ("missing_section", ["content", "implementation"])
    # a capture cut short is flagged as such: what it lacks may be in the part not captured
    incomplete["warnings"] = [TRUNCATED]
    [flag] = flags(link_corpus([incomplete]))
    assert (flag.kind, flag.values["not_judged"]) == ("truncated", ["content", "implementation"])


def test_a_capture_cut_before_its_closing_is_marked_truncated():
    head = ("ỦY BAN NHÂN DÂN\nHUYỆN BA BỂ\nSố: 21/KH-UBND\nBa Bể, ngày 10 tháng 9 năm 2023\nKẾ HOẠCH\n"
            "Triển khai Chỉ thị số 07/CT-TTg\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức của cán bộ")
    cut = extract_record(document_from_text(head, "cut.txt"))
    whole = extract_record(document_from_text(head + ".\nNơi nhận:\n- Lưu: VT.\n", "whole.txt"))
    assert TRUNCATED in cut.warnings and TRUNCATED not in whole.warnings


def _gold(folder):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def test_seed_audit(seeds_dir):
    result = audit(_gold(seeds_dir / "gold"), D07)
    m = result.matrix
    plans = m[m["has_plan"]].set_index("unit")
    assert set(plans.index) == {"Xã Cẩm Thành", "Xã Dân Tiến", "Tỉnh Tuyên Quang"}
    assert plans.loc["Tỉnh Tuyên Quang", "plan"] == "1719/UBND-THCBKS"
    assert plans.loc["Xã Cẩm Thành", "plan_is_draft"] and plans.loc["Xã Dân Tiến", "plan_is_draft"]
    assert plans.loc["Xã Cẩm Thành", "district"] == "Cẩm Thủy"
    f = result.flags
    assert set(f.loc[f["kind"] == "draft", "source"]) == {"000_2dfd6693a5da7e38.txt", "003_b8783f4ddf8e8961.txt"}
    conflict = f[f["kind"] == "date_conflict"]
    assert conflict[["source", "instrument"]].values.tolist() == [["004_37b2026d14a0c8e5.txt", "407/QĐ-TTg@2022"]]
    assert json.loads(conflict["values"].iloc[0])["printed"] == ["2022-03-03", "2022-03-30"]
    assert set(f["kind"]) == {"draft", "date_conflict"}


@pytest.mark.parametrize("entry", lexicon.load("required_sections")["requirement"],
                         ids=lambda e: f"{e['doc_type']}-{e['name']}")
def test_required_section_examples_meet_their_requirement(entry):
    """Each example heading, classified by models/section_kinds.toml, is of an accepted kind."""
    kinds = lexicon.load("section_kinds")["kind"]
    for example in entry["examples"]:
        folded = " ".join(example.lower().split())
        kind = next((k["kind"] for k in kinds if re.search(k["pattern"], folded)), "other")
        assert kind in entry["kinds"], (example, kind)


# --- coverage -------------------------------------------------------------------------------------
# Hand-checked: the tasks of Tuyên Quang's letter (seed 001, opening words) and whether the plan of
# xã Cẩm Thành (seed 000) / xã Dân Tiến (seed 003) takes each up.
PARENT_TASKS = [  # (opening words, taken up by 000, taken up by 003)
    ("- Thực hiện tốt việc công khai thông tin theo quy định", True, True),
    ("- Xây dựng kế hoạch truyền thông hằng năm, bố trí", True, False),
    ("- Tăng cường ứng dụng công nghệ số, chuyển đổi số", True, True),
    ("- Chủ trì, phối hợp với Sở Tư pháp và cơ quan", False, False),
    ("- Đẩy mạnh truyền thông chính sách trên nền tảng số.", False, True),
    ("- Chủ động đấu tranh bóc gỡ, ngăn chặn tin giả", False, False),
    ("- Quản lý chặt chẽ thông tin trên báo chí, mạng xã hội.", False, True),
    ("- Xây dựng mạng lưới kết nối truyền thông", False, True),
    ("- Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương thực hiện tốt Quyết định", True, False),
    ("- Tăng cường công tác kiểm tra, đôn đốc, theo dõi", True, True),
    ("4. Sở Nội vụ: Chủ trì", False, True),
    ("5. Sở Tài chính: Hàng năm tham mưu", False, False),
    ("6. Sở Ngoại vụ: Chủ trì", False, False),
    ("7. Báo Tuyên Quang, Đài Phát thanh", True, False),
    ("8. Văn phòng Ủy ban nhân dân tỉnh: Chủ động", False, False),
]


def _dash_lines(path) -> list[str]:
    return [line[2:] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]


def test_task_coverage_precision_and_recall(seeds_dir):
    letter = (seeds_dir / "001_58a1e30f416f19be.txt").read_text(encoding="utf-8").splitlines()
    parent = [next(line for line in letter if line.startswith(opening)).split(": ", 1)[-1].lstrip("- ")
              for opening, _, _ in PARENT_TASKS]
    tp = fp = fn = 0
    for column, plan_file in ((1, "000_2dfd6693a5da7e38.txt"), (2, "003_b8783f4ddf8e8961.txt")):
        plan = _dash_lines(seeds_dir / plan_file)
        for (i, j, score), row in zip(match_tasks(parent, plan), PARENT_TASKS):
            tp += (j is not None) and row[column]
            fp += (j is not None) and not row[column]
            fn += (j is None) and row[column]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9 and recall >= 0.8, (precision, recall, COVERAGE_THRESHOLD)


def test_coverage_table_of_a_plan_against_its_parent(cascade):
    docs = [dict(r) for r in cascade]
    docs[0]["assignments"] = [{"unit": "UBND các huyện", "role": "thuc_hien", "section": "III", "tasks": [
        {"text": "Xây dựng kế hoạch truyền thông hằng năm, bố trí bộ phận truyền thông chính sách"},
        {"text": "Chủ động đấu tranh bóc gỡ, ngăn chặn tin giả, tin xấu độc"}]}]
    docs[1]["assignments"] = [{"unit": "Phòng Văn hóa", "role": "chu_tri", "section": "III", "tasks": [
        {"text": "Xây dựng kế hoạch truyền thông hằng năm, bố trí bộ phận truyền thông chính sách của huyện"}]}]
    cov = audit(docs, D07).coverage
    assert cov[["plan_source", "parent_source", "taken_up"]].values.tolist() == [
        ["babe.txt", "tinh.txt", True], ["babe.txt", "tinh.txt", False]]
