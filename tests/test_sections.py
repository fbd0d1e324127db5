"""Section tree: heading forms, heading vs list item, kinds, zones; seeds and the dev floor."""
from __future__ import annotations

import json
import re
import sys

import pytest

from pipeline import lexicon
from pipeline.extract import sections as S
from pipeline.extract import extract_record
from pipeline.model import Header
from pipeline.normalize import document_from_text

KINDS = lexicon.load("section_kinds")


@pytest.mark.parametrize("kind,example", [(k["kind"], e) for k in KINDS["kind"] for e in k["examples"]])
def test_kind_lexicon_examples(kind, example):
    assert S.heading_kind(example) == kind


@pytest.mark.parametrize("heading", ["Sở Tư pháp", "Đề nghị UBND các xã, phường",
                                     "Trách nhiệm chung của các cơ quan, đơn vị",
                                     "Kiến nghị Bộ Nông nghiệp và Môi trường", "Đối với Đoàn kiểm tra"])
def test_unit_headings_are_don_vi(heading):
    assert S.heading_kind(heading) == "don_vi"


@pytest.mark.parametrize("heading", ["Tổ chức thực hiện", "Đối với các dự án đã được cấp phép hoạt động khai thác",
                                     "Về kinh tế", "Ban hành kèm theo"])
def test_non_unit_headings_are_not_don_vi(heading):
    assert S.heading_kind(heading) != "don_vi"


@pytest.mark.parametrize("text", KINDS["article"]["examples"])
def test_article_execution_cues(text):
    assert S._EXECUTION.search(text)


@pytest.mark.parametrize("text", KINDS["article"]["non_execution"])
def test_article_non_execution(text):
    assert not S._EXECUTION.search(text)


@pytest.mark.parametrize("title", KINDS["article"]["title_examples"])
def test_article_titles(title):
    assert S._EXECUTION_TITLE.match(title)


def _tree(text: str, header: Header | None = None) -> list[tuple[str, str, str]]:
    doc = document_from_text(text, source="t.txt")
    return [(s.path, s.heading, s.kind) for s in S.extract_sections(doc, header or Header())]


# (text, expected (path, heading, kind)) — snippets of real documents
CASES = [
    # Roman and Arabic headings; a numbered full sentence with nothing under it is a list item
    ("I. MỤC ĐÍCH, YÊU CẦU.\n\n1. Mục đích.\n\n- Nhằm cụ thể hóa các nhiệm vụ.\n\n2. Yêu cầu.\n\n- Việc triển khai.\n\n"
     "II. NỘI DUNG\n\n6. Chủ động kết nối với các cơ quan báo chí của tỉnh; bố trí kinh phí.\n\n"
     "III. HÌNH THỨC TRUYỀN THÔNG\n\n1. Truyền thông qua cơ quan báo chí (Báo và phát thanh).\n\n"
     "2. Truyền thông trên mạng internet và mạng xã hội: trang thông tin điện tử của xã.\n",
     [("I", "MỤC ĐÍCH, YÊU CẦU", "muc_dich_yeu_cau"), ("I.1", "Mục đích", "muc_dich"),
      ("I.2", "Yêu cầu", "yeu_cau"), ("II", "NỘI DUNG", "noi_dung"),
      ("III", "HÌNH THỨC TRUYỀN THÔNG", "hinh_thuc")]),
    # a unit heading with its task after a colon; a unit list in one heading
    ("1. Các cơ quan, đơn vị, địa phương: Theo chức năng, nhiệm vụ có trách nhiệm phổ biến.\n"
     "4. Sở Nội vụ: Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức hướng dẫn.\n"
     "7. Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh: Phối hợp thường xuyên.\n",
     [("1", "Các cơ quan, đơn vị, địa phương", "don_vi"), ("4", "Sở Nội vụ", "don_vi"),
      ("7", "Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh", "don_vi")]),
    # a heading split over two lines (pdftotext), and one in capitals
    ("I. MỤC ĐÍCH,\nYÊU CẦU\n1. Mục đích\nTheo dõi, kiểm tra, giám sát việc\n",
     [("I", "MỤC ĐÍCH, YÊU CẦU", "muc_dich_yeu_cau"), ("I.1", "Mục đích", "muc_dich")]),
    ("      2.3. Đối với công tác quản lý, thống kê, kê khai, kiểm soát sản lượng,\n"
     "trữ lượng trong quá trình khai thác khoáng sản\n      - Thực hiện thống kê.\n",
     [("2.3", "Đối với công tác quản lý, thống kê, kê khai, kiểm soát sản lượng, trữ lượng trong "
       "quá trình khai thác khoáng sản", "other")]),
    # second level numbered "3.2." under a top-level "3."; "3.1." with inline text is a list item
    ("      3. Đối tượng, nội dung kiểm tra:\n      3.1. Đối tượng kiểm tra: Quy định tại khoản 1.\n"
     "      3.2. Nội dung kiểm tra\n      a) Kiểm tra hồ sơ, tài liệu: Giấy phép.\n",
     [("3", "Đối tượng, nội dung kiểm tra", "noi_dung"), ("3.2", "Nội dung kiểm tra", "noi_dung")]),
    # a list numbered afresh under its heading
    (" I. MỤC ĐÍCH - YÊU CẦU:\n\n1. Mục đích.\n\n1. Làm cho Nhân dân thấy rõ ý nghĩa của Cuộc bầu cử.\n",
     [("I", "MỤC ĐÍCH - YÊU CẦU", "muc_dich_yeu_cau"), ("I.1", "Mục đích", "muc_dich")]),
    # parts above Roman numerals
    ("PHẦN I. KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2022\nI. KẾT QUẢ\nĐẠT ĐƯỢC\n1. Về nhận\nthức số\n"
     "1.1. Ngày chuyển đổi số\nĐể thể hiện quyết tâm lớn.\n",
     [("P1", "KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2022", "ket_qua"), ("P1.I", "KẾT QUẢ ĐẠT ĐƯỢC", "ket_qua"),
      ("P1.I.1", "Về nhận thức số", "other")]),
    ("PHẦN THỨ HAI\nPHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\nI. NHIỆM VỤ TRỌNG TÂM\n- Tiếp tục.\n",
     [("P2", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", "phuong_huong"), ("P2.I", "NHIỆM VỤ TRỌNG TÂM", "noi_dung")]),
    # a decision's articles; a wrapped reference to another article is no article
    ("QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định này có hiệu lực "
     "thi hành kể từ ngày ký.\nĐiều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành "
     "Quyết định này theo\nĐiều 62 Nghị định số 193/2025/NĐ-CP./.\n",
     [("Đ1", "Điều 1", "other"), ("Đ2", "Điều 2", "other"), ("Đ3", "Điều 3", "to_chuc_thuc_hien")]),
    ("Điều 1. Ủy quyền cho Giám đốc Sở Công Thương.\nĐiều 2. Thời hạn ủy quyền: đến hết năm 2027.\n"
     "Điều 3. Tổ chức thực hiện\n1. Việc thực hiện nhiệm vụ được ủy quyền phải tuân thủ quy định.\n"
     "2. Giám đốc Sở Công Thương:\na) Thực hiện đúng nhiệm vụ.\n",
     [("Đ1", "Điều 1", "other"), ("Đ2", "Điều 2", "other"), ("Đ3", "Điều 3", "to_chuc_thuc_hien"),
      ("Đ3.2", "Giám đốc Sở Công Thương", "don_vi")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_heading_forms(text, expected):
    got = [t for t in _tree(text) if len(re.sub(r"^P\d+\.", "", t[0]).split(".")) <= 2]
    assert got == expected


def test_deeper_levels_carry_their_level():
    secs = S.extract_sections(document_from_text(
        "I. NỘI DUNG\n1. Công tác tuyên truyền\na) Tổ chức hội nghị quán triệt\n- Cấp tỉnh.\n", "t.txt"), Header())
    assert [(s.path, s.level) for s in secs] == [("I", 1), ("I.1", 2), ("I.1.a", 3)]


def test_report_top_level_is_result():
    h = Header(doc_type="BC")
    assert _tree("I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ KHOÁNG SẢN\n1. Công tác cấp phép\n- Đã cấp.\n", h)[0][2] == "ket_qua"


def test_closing_zones_end_the_body():
    text = ("II. NỘI DUNG\n1. Ứng dụng công nghệ\n- Đẩy mạnh.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
            "PHỤ LỤC I\n1. Thông tin chung về doanh nghiệp\n- Tên.\n")
    doc = document_from_text(text, "t.txt")
    assert [p for p, _, _ in _tree(text)] == ["II", "II.1"]
    assert [name for name, _ in S.closing_zones(doc, Header())] == ["noi_nhan", "phu_luc"]


def _gold_sections(g):
    return {(s["path"], s["kind"], s["heading"]) for s in g["sections"]}


def test_seed_trees(seeds_dir):
    for gold in sorted((seeds_dir / "gold").glob("*.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        text = (seeds_dir / f"{gold.stem}.txt").read_text(encoding="utf-8")
        got = {(s.path, s.kind, s.heading)
               for s in S.extract_sections(document_from_text(text, gold.stem), Header())}
        assert _gold_sections(g) <= got, gold.stem


def test_dev_floor(shared_dir):
    sys.path.insert(0, str(shared_dir / "tools"))
    import score
    golds, preds = {}, {}
    for gold in sorted((shared_dir / "corpus" / "dev" / "gold").glob("*.json")):
        golds[gold.stem] = json.loads(gold.read_text(encoding="utf-8"))
        text = (shared_dir / "corpus" / "dev" / f"{gold.stem}.txt").read_text(encoding="utf-8")
        preds[gold.stem] = extract_record(document_from_text(text, f"{gold.stem}.txt")).to_dict()
    out = score.score(golds, preds)
    assert out["sections"]["f1"] >= 0.93
    assert out["section.headings"]["f1"] >= 0.93
