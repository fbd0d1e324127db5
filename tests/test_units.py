"""Units and assignments: the lexicon's examples, list splitting, roles, normalisation, the
task forms of RECORD.md; the seeds' assignments and the dev floor."""
from __future__ import annotations

import json
import sys

import pytest

from pipeline import lexicon
from pipeline.extract import extract_record
from pipeline.extract import unit_names as un
from pipeline.extract.dates import extract_dates
from pipeline.extract.sections import extract_sections
from pipeline.extract.units import extract_assignments, role_of
from pipeline.model import Header
from pipeline.normalize import document_from_text

LEX = lexicon.load("units")


@pytest.mark.parametrize("example", [e for h in LEX["head"] for e in h["examples"]])
def test_head_examples_are_whole_units(example):
    assert un.unit_at(example) == (0, len(example))


@pytest.mark.parametrize("example", LEX["prefix"]["examples"])
def test_prefix_examples(example):
    unit = un.heading_unit(example)
    assert unit and example.endswith(unit) and unit != example


@pytest.mark.parametrize("example", LEX["stop"]["examples"])
def test_stop_examples_end_the_unit(example):
    s, e = un.unit_at(example)
    assert 0 < e < len(example.rstrip())


@pytest.mark.parametrize("example", LEX["title"]["examples"])
def test_title_dropped(example):
    assert not un.split_units(example)[0][2].startswith(("Ông", "Bà"))


@pytest.mark.parametrize("example", LEX["collective"]["examples"])
def test_collective(example):
    assert un.is_collective(example)


@pytest.mark.parametrize("example", LEX["collective"]["not_collective"])
def test_not_collective(example):
    assert not un.is_collective(example)


@pytest.mark.parametrize("role,example", [(r, e) for r in ("chu_tri", "phoi_hop", "thuc_hien")
                                          for e in LEX["role"][f"examples_{r}"]])
def test_role_examples(role, example):
    assert role_of(example) == role


@pytest.mark.parametrize("canonical,example", [(c["name"], e) for c in LEX["canonical"] for e in c["examples"]])
def test_canonical_examples(canonical, example):
    assert un.normalize_unit(example) == canonical


@pytest.mark.parametrize("names,expected", [
    ("Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh, Cổng Thông tin điện tử tỉnh",
     ["Báo Tuyên Quang", "Đài Phát thanh và Truyền hình tỉnh", "Cổng Thông tin điện tử tỉnh"]),
    ("Các ban, ngành, các cơ quan, đơn vị trên địa bàn xã", ["Các ban, ngành, các cơ quan, đơn vị trên địa bàn xã"]),
    ("Lãnh đạo các Vụ, Cục, Văn phòng Bộ, Thanh tra Bộ, các đơn vị trực thuộc Bộ Y tế",
     ["Lãnh đạo các Vụ, Cục, Văn phòng Bộ, Thanh tra Bộ, các đơn vị trực thuộc Bộ Y tế"]),
    ("Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Trưởng các ban, ngành cấp tỉnh; Chủ tịch UBND các huyện, "
     "thị xã, thành phố và Thủ trưởng các cơ quan, đơn vị liên quan",
     ["Chánh Văn phòng UBND tỉnh", "Giám đốc các sở", "Trưởng các ban, ngành cấp tỉnh",
      "Chủ tịch UBND các huyện, thị xã, thành phố", "Thủ trưởng các cơ quan, đơn vị liên quan"]),
    ("Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường",
     ["Công an tỉnh", "các sở, ban, ngành, đoàn thể tỉnh", "Ủy ban nhân dân các xã, phường"]),
    ("các bộ, cơ quan, tổ chức ở trung ương và các địa phương", ["các bộ, cơ quan, tổ chức ở trung ương và các địa phương"]),
    ("Chánh Văn phòng Sở, Trưởng phòng Quản lý công nghiệp, các tổ chức cá\nnhân có liên quan và các ông/bà có tên tại Điều 1",
     ["Chánh Văn phòng Sở", "Trưởng phòng Quản lý công nghiệp", "các tổ chức cá nhân có liên quan",
      "các ông/bà có tên tại Điều 1"]),
    ("Chánh Văn phòng Bộ, Vụ trưởng Vụ Khoa học công nghệ, môi trường và\nVật liệu xây dựng, Thủ trưởng các đơn vị",
     ["Chánh Văn phòng Bộ", "Vụ trưởng Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng",
      "Thủ trưởng các đơn vị"]),
])
def test_split_units(names, expected):
    assert [n for _, _, n in un.split_units(names)] == expected


@pytest.mark.parametrize("unit,locality,expected", [
    ("UBND xã Cẩm Thành", "Cẩm Thành", "Ủy ban nhân dân xã"),
    ("Công chức Văn phòng UBND xã", None, "Công chức Văn phòng Ủy ban nhân dân xã"),
    ("Sở TT&TT", None, "Sở Thông tin và Truyền thông"),
    ("Sở Tư pháp", None, "Sở Tư pháp"),
])
def test_normalize_unit(unit, locality, expected):
    assert un.normalize_unit(unit, locality) == expected


def test_near_spellings_are_one_unit_but_not_holders():
    assert un.same_unit("Các ban, ngành, các cơ quan, đơn vị trên địa bàn xã",
                        "Các ban, ngành, cơ quan, đơn vị trên địa bàn xã")
    assert not un.same_unit("Chủ tịch UBND các xã, phường", "UBND các xã, phường")
    assert not un.same_unit("Sở Nội vụ", "Sở Ngoại vụ")


def _assign(text: str, header: Header | None = None):
    header = header or Header()
    doc = document_from_text(text, "t.txt")
    return extract_assignments(doc, header, extract_sections(doc, header), extract_dates(doc))


# (text, expected [(unit, role, section)]) — the task forms of RECORD.md in real wording
CASES = [
    ("III. NHIỆM VỤ THỰC HIỆN\n\n1. Đề nghị Ban Tuyên giáo Đảng ủy\n\n- Chỉ đạo, định hướng cho các ban.\n\n"
     "3. Công chức Văn hóa - xã hội.\n\n- Phối hợp với Ban Tuyên giáo Đảng ủy hướng dẫn các ban, ngành.\n\n"
     "4. Công chức Tư pháp\n\n- Chủ trì, phối hợp với các ban, ngành thực hiện tốt Kế hoạch.\n",
     [("Ban Tuyên giáo Đảng ủy", "thuc_hien", "III.1"), ("Công chức Văn hóa - xã hội", "phoi_hop", "III.3"),
      ("Công chức Tư pháp", "chu_tri", "III.4")]),
    ("7. Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh: Phối hợp thường xuyên, chặt chẽ với các cơ quan.\n",
     [("Báo Tuyên Quang", "phoi_hop", "7"), ("Đài Phát thanh và Truyền hình tỉnh", "phoi_hop", "7")]),
    ("IV. CHẾ ĐỘ BÁO CÁO\n\nCác ban, ngành, cơ quan, đơn vị trên địa bàn xã, báo cáo kết quả công tác truyền thông "
     "chính sách hàng năm gửi UBND xã trước ngày 13/12 để tổng hợp./.\n",
     [("Các ban, ngành, cơ quan, đơn vị trên địa bàn xã", "thuc_hien", "IV")]),
    ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số.\n"
     "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc các sở; "
     "Chủ tịch UBND các huyện, thị xã, thành phố và Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi "
     "hành Quyết định này./.\n",
     [("Chánh Văn phòng UBND tỉnh", "thuc_hien", "Đ2"), ("Giám đốc các sở", "thuc_hien", "Đ2"),
      ("Chủ tịch UBND các huyện, thị xã, thành phố", "thuc_hien", "Đ2"),
      ("Thủ trưởng các cơ quan, đơn vị liên quan", "thuc_hien", "Đ2")]),
    ("6.2 Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản.\n"
     "Trên đây là Kế hoạch kiểm tra của Đoàn, đề nghị các thành viên và đơn vị có liên quan phối hợp thực hiện./.\n",
     [("đơn vị được kiểm tra", "thuc_hien", "6.2"), ("các thành viên và đơn vị có liên quan", "phoi_hop", "6.2")]),
    ("Kính gửi: Sở Công Thương.\nUỷ ban nhân dân tỉnh nhận được Văn bản số 2265/BCT-ATMT ngày 02/4/2026.\n"
     "Căn cứ ý kiến chỉ đạo trên, Sở Công Thương và các đơn vị liên quan triển khai thực hiện./.\n",
     [("Sở Công Thương", "thuc_hien", None), ("các đơn vị liên quan", "thuc_hien", None)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_task_forms(text, expected):
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == expected


def test_report_says_what_was_done():
    text = ("I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN\n1. Về truyền thông chính sách\n"
            "Chỉ đạo Phòng Tư pháp soạn thảo.\n2. Về tổ chức\n"
            "UBND thị xã đã tổ chức quán triệt, ban hành văn bản chỉ đạo.\n")
    assignments, reported = _assign(text, Header(doc_type="BC"))
    assert assignments == []
    assert [a.unit for a in reported] == ["UBND thị xã"]


def test_task_carries_cooperating_units_and_deadline():
    assignments, _ = _assign(
        "2. Sở Thông tin và Truyền thông:\n- Chủ trì, phối hợp với Sở Tư pháp tham mưu hoàn thiện văn bản.\n"
        "- Báo cáo kết quả trước ngày 15/9/2025.\n")
    (a,) = assignments
    assert a.tasks[0].cooperating == ["Sở Tư pháp"] and a.tasks[0].role == "chu_tri"
    assert a.tasks[1].deadline == "2025-09-15"
    assert not a.collective


def test_seed_assignments(seeds_dir):
    for gold in sorted((seeds_dir / "gold").glob("*.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        text = (seeds_dir / f"{gold.stem}.txt").read_text(encoding="utf-8")
        rec = extract_record(document_from_text(text, f"{gold.stem}.txt"))
        got = {(a.unit, a.role, a.section) for a in rec.assignments}
        assert {(a["unit"], a["role"], a["section"]) for a in g["assignments"]} <= got, gold.stem


def test_dev_floor(shared_dir):
    sys.path.insert(0, str(shared_dir / "tools"))
    import score
    golds, preds = {}, {}
    for gold in sorted((shared_dir / "corpus" / "dev" / "gold").glob("*.json")):
        golds[gold.stem] = json.loads(gold.read_text(encoding="utf-8"))
        text = (shared_dir / "corpus" / "dev" / f"{gold.stem}.txt").read_text(encoding="utf-8")
        preds[gold.stem] = extract_record(document_from_text(text, f"{gold.stem}.txt")).to_dict()
    assert score.score(golds, preds)["assignments"]["f1"] >= 0.85
