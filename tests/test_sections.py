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


def test_task_kinds_are_kinds_of_the_table():
    # a misspelt kind in `task_kinds` would silently give no section's sentences work
    declared = {k["kind"] for k in KINDS["kind"]} | {k["kind"] for k in KINDS["report"]["kind"]}
    assert KINDS["task_kinds"] and set(KINDS["task_kinds"]) <= declared


# a report's own kinds: tried first in a report only; in a plan the same heading is its content
@pytest.mark.parametrize("kind,example", [(k["kind"], e) for k in KINDS["report"]["kind"] for e in k["examples"]])
def test_report_kind_examples(kind, example):
    assert S.heading_kind(example, report=True) == kind
    assert S.heading_kind(example) == "noi_dung"


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


# --- .docx headings marked by bold alone -----------------------------------------------------
_ROMAN_LINE = re.compile(r"^([IVX]+)\. (.+)$")
_NUMBER_LINE = re.compile(r"^(\d+)\. (.+)$")


def _bold_only_docx(seeds_dir, stem: str, path):
    """The seed as a Word file whose headings carry no number, typed or automatic: bold alone
    marks them (the gold's headings; a numbered line that is no heading stays a plain line)."""
    import docx
    gold = json.loads((seeds_dir / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    paths = {s["path"] for s in gold["sections"]}
    document = docx.Document()
    roman = None
    for line in (seeds_dir / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        m_roman, m_number = _ROMAN_LINE.match(line.strip()), _NUMBER_LINE.match(line.strip())
        paragraph = document.add_paragraph()
        if m_roman:
            roman = m_roman.group(1)
            paragraph.add_run(m_roman.group(2)).bold = True
        elif m_number and f"{roman}.{m_number.group(1)}" in paths:
            paragraph.add_run(m_number.group(2)).bold = True
        else:
            paragraph.add_run(line.strip()).bold = line.strip().isupper()
    document.save(path)
    return gold


@pytest.mark.parametrize("stem", ["000_2dfd6693a5da7e38", "003_b8783f4ddf8e8961", "004_37b2026d14a0c8e5"])
def test_bold_headings_give_the_tree(seeds_dir, tmp_path, stem):
    from pipeline.ingest import read
    gold = _bold_only_docx(seeds_dir, stem, tmp_path / f"{stem}.docx")
    record = extract_record(read(str(tmp_path / f"{stem}.docx")))
    got = {(s.path, s.heading, s.kind) for s in record.sections if s.level <= 2}
    assert got == {(s["path"], s["heading"], s["kind"]) for s in gold["sections"]}
    assert {a.unit for a in record.assignments} == {a["unit"] for a in gold["assignments"]}


def test_bold_lines_that_are_sentences_are_no_headings(tmp_path):
    import docx
    from pipeline.ingest import read
    document = docx.Document()
    for text, bold in [("ỦY BAN NHÂN DÂN XÃ CẨM THÀNH", True), ("Số: 45/KH-UBND", False),
                       ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True),
                       ("Cẩm Thành, ngày 10 tháng 3 năm 2024", False), ("KẾ HOẠCH", True), ("Truyền thông chính sách năm 2024", True),
                       ("Thực hiện Kế hoạch số 150/KH-UBND ngày 01/6/2022 của UBND tỉnh, UBND xã ban hành Kế hoạch:", False),
                       ("TỔ CHỨC THỰC HIỆN", True),
                       ("Công chức Tư pháp - Hộ tịch", True),
                       ("- Chủ trì, phối hợp với các ban, ngành tổ chức thực hiện Kế hoạch.", False),
                       ("Nghiêm cấm lợi dụng việc truyền thông chính sách; xử lý nghiêm các vi phạm.", True),
                       ("Công chức Văn hóa - Xã hội", True),
                       ("- Phối hợp với Công chức Tư pháp tuyên truyền trên hệ thống truyền thanh.", False),
                       ("Nơi nhận:", False), ("- Lưu: VT.", False)]:
        document.add_paragraph().add_run(text).bold = bold
    document.save(tmp_path / "kh.docx")
    record = extract_record(read(str(tmp_path / "kh.docx")))
    assert [(s.path, s.heading, s.kind) for s in record.sections] == [
        ("I", "TỔ CHỨC THỰC HIỆN", "to_chuc_thuc_hien"), ("I.1", "Công chức Tư pháp - Hộ tịch", "don_vi"),
        ("I.2", "Công chức Văn hóa - Xã hội", "don_vi")]
    assert [(a.unit, a.role, a.section) for a in record.assignments] == [
        ("Công chức Tư pháp - Hộ tịch", "chu_tri", "I.1"), ("Công chức Văn hóa - Xã hội", "phoi_hop", "I.2")]


# --- an article's execution cue wrapped or justified by pdftotext (dev 053, 101 respaced)
@pytest.mark.parametrize("text", [
    "Điều 3. Chánh Văn phòng UBND thành phố; Giám đốc các Sở, Ban, ngành chịu trách\n   nhiệm thi hành Quyết "
    "định này./.\n",
    "Điều 3.  Thủ trưởng các sở, ban, ngành, đơn vị cấp tỉnh;  Chủ tịch Uỷ ban nhân dân các xã, phường chịu  "
    "trách  nhiệm thi hành Quyết định này./.\n",
    "Điều 3. Thủ trưởng các đơn vị thuộc Bộ có trách nhiệm\nthi hành Quyết định này.\n",
])
def test_execution_article_survives_respacing(text):
    articles = ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
                "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n")
    assert _tree(articles + text)[-1] == ("Đ3", "Điều 3", "to_chuc_thuc_hien")


# a report's sections under a PHẦN: the kind the heading gives, else `other` (dev 017: "Về kinh tế"
# under "TÌNH HÌNH KINH TẾ - XÃ HỘI"); without parts, an unmatched top section is `ket_qua` (dev 080)
@pytest.mark.parametrize("text,expected", [
    ("PHẦN I\nKẾT QUẢ THỰC HIỆN CÔNG TÁC NĂM 2023\nI. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\n- Ban hành 12 văn bản.\n"
     "II. KẾT QUẢ ĐẠT ĐƯỢC\n- Tổ chức 45 hội nghị.\nPHẦN II\nPHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n"
     "I. CÔNG TÁC PHỔ BIẾN PHÁP LUẬT\n- Tiếp tục đổi mới.\n",
     [("P1", "KẾT QUẢ THỰC HIỆN CÔNG TÁC NĂM 2023", "ket_qua"), ("P1.I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "other"),
      ("P1.II", "KẾT QUẢ ĐẠT ĐƯỢC", "ket_qua"), ("P2", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", "phuong_huong"),
      ("P2.I", "CÔNG TÁC PHỔ BIẾN PHÁP LUẬT", "other")]),
    ("PHẦN THỨ NHẤT TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2018\nI. Về kinh tế\nTổng giá trị sản xuất ước đạt 6.725 tỷ đồng.\n",
     [("P1", "TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2018", "ket_qua"), ("P1.I", "Về kinh tế", "other")]),
    ("I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ KHOÁNG SẢN\n- Đã cấp 3 giấy phép.\nII. ĐỀ XUẤT, KIẾN NGHỊ\n- Đề nghị Bộ.\n",
     [("I", "CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ KHOÁNG SẢN", "ket_qua"), ("II", "ĐỀ XUẤT, KIẾN NGHỊ", "de_xuat")]),
])
def test_report_kinds_under_parts(text, expected):
    assert _tree(text, Header(doc_type="BC")) == expected


@pytest.mark.parametrize("heading", ["Đảng đoàn Hội đồng nhân dân huyện, Ban cán sự đảng Ủy ban nhân dân huyện",
                                     "Ban Thường vụ Huyện ủy", "Ủy ban Kiểm tra Huyện ủy", "Văn phòng Huyện ủy",
                                     "Mặt trận Tổ quốc Việt Nam"])
def test_party_headings_are_don_vi(heading):
    assert S.heading_kind(heading) == "don_vi"


@pytest.mark.parametrize("heading", ["Các hoạt động truyền thông", "Các nhiệm vụ trọng tâm"])
def test_plural_topic_headings_are_not_units(heading):
    assert S.heading_kind(heading) != "don_vi"
    assert _tree(f"1. {heading}: Tổ chức hội nghị quán triệt.\n") == []




@pytest.mark.parametrize("text,expected", [
    # a heading in capitals, then a sentence that opens with an acronym: not one heading
    ("PHẦN THỨ NHẤT\nKẾT QUẢ THỰC HIỆN\n      I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO\n"
     "      UBND thành phố đã ban hành Kế hoạch số 95/KH-UBND ngày 10/5/2023 triển khai\n"
     "thực hiện Chỉ thị số 07/CT-TTg.\n      II. KẾT QUẢ ĐẠT ĐƯỢC\n      1. Truyền thông trên báo chí\n"
     "Trung tâm Văn hóa - Thể thao thành phố thực hiện 215 tin, bài.\n",
     [("P1", "KẾT QUẢ THỰC HIỆN", "ket_qua"), ("P1.I", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "other"),
      ("P1.II", "KẾT QUẢ ĐẠT ĐƯỢC", "ket_qua"), ("P1.II.1", "Truyền thông trên báo chí", "other")]),
    # a line broken after a hyphen (a word or a symbol split at the margin) goes on below: the
    # numbered line is then a long sentence, a list item
    ("II. NỘI DUNG TUYÊN TRUYỀN\n          1. Kết quả cải cách thủ tục hành chí-\n"
     "  nh, thực hiện cơ chế một cửa, một cửa liên thông theo Nghị định số 61/2018/NĐ-\n"
     "  CP ngày 23/4/2018 của Chính phủ.\n          2. Việc cung cấp dịch vụ công trực tuyến.\n",
     [("II", "NỘI DUNG TUYÊN TRUYỀN", "noi_dung")]),
    # a list item wrapped before a capital ("Phó / Trưởng ban;", "Giám đốc / Sở Nội vụ, ...;") is no heading
    ("Điều 1. Kiện toàn Ban Chỉ đạo, gồm các ông, bà có tên sau:\n       1. Ông Võ Văn Hưng, Chủ tịch UBND "
     "tỉnh, Trưởng ban;\n       2. Ông Hoàng Đình Quân, Giám đốc Sở Thông tin và Truyền thông, Phó\nTrưởng ban;\n"
     "       3. Bà Lê Thị Thanh Hương, Phó Chánh Văn phòng UBND tỉnh, Ủy viên;\n       4. Ông Trần Ngọc Lân, "
     "Giám đốc\nSở Nội vụ, Ủy viên;\n       5. Ông Nguyễn Đăng Quang, Giám đốc Sở Tài chính, Ủy viên;\n"
     "       Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n",
     [("Đ1", "Điều 1", "other"), ("Đ2", "Điều 2", "other")]),
    # a heading whose one line of text ends in ";" is still a heading when its sibling is one
    ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức của cán bộ, công chức;\n2. Yêu cầu\n"
     "Bảo đảm thiết thực, hiệu quả.\n",
     [("I", "MỤC ĐÍCH, YÊU CẦU", "muc_dich_yeu_cau"), ("I.1", "Mục đích", "muc_dich"), ("I.2", "Yêu cầu", "yeu_cau")]),
    # a list of units whose ";" separates names, not sentences; a sentence with ";" stays a list item
    ("III. TỔ CHỨC THỰC HIỆN\n\n4. Báo Điện Biên Phủ, Đài Phát thanh và Truyền hình tỉnh\n\nXây dựng "
     "chuyên mục “Chính sách và cuộc sống”.\n\n5. Các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố"
     "\n\nCăn cứ Kế hoạch này xây dựng kế hoạch thực hiện; báo cáo kết quả về Sở Thông tin và Truyền thông.\n"
     "\n6. Sở Tư pháp chủ trì thẩm định; UBND các huyện phối hợp.\n\nNội dung.\n",
     [("III", "TỔ CHỨC THỰC HIỆN", "to_chuc_thuc_hien"),
      ("III.4", "Báo Điện Biên Phủ, Đài Phát thanh và Truyền hình tỉnh", "don_vi"),
      ("III.5", "Các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố", "don_vi")]),
])
def test_paragraph_ends(text, expected):
    assert _tree(text, Header(doc_type="BC")) == expected


# a report's tasks for the next year are its outlook; a plan's are its content
@pytest.mark.parametrize("doc_type,kind", [("BC", "phuong_huong"), ("KH", "noi_dung")])
def test_tasks_of_a_year_by_doc_type(doc_type, kind):
    text = ("I. KẾT QUẢ THỰC HIỆN\nBan Chỉ đạo xã được kiện toàn.\nII. NHIỆM VỤ, GIẢI PHÁP NĂM 2024\n"
            "- Tiếp tục rà soát các tiêu chí.\n")
    assert _tree(text, Header(doc_type=doc_type))[-1] == ("II", "NHIỆM VỤ, GIẢI PHÁP NĂM 2024", kind)


@pytest.mark.parametrize("text,expected", [
    # Party documents number with a dash ("I-", "1-", "a-"); a year range or a span of days at a
    # line start is no number
    ("I- MỤC ĐÍCH, YÊU CẦU\n1- Mục đích\nTổ chức thành công đại hội chi bộ, đảng bộ cơ sở.\n"
     "2- Yêu cầu\nĐại hội được tiến hành dân chủ, đúng Điều lệ Đảng.\n"
     "II- TỔ CHỨC THỰC HIỆN\n1- Ban Tổ chức Huyện ủy: Chủ trì hướng dẫn công tác nhân sự.\n"
     "2- Ban Tuyên giáo Huyện ủy: Hướng dẫn công tác tuyên truyền đại hội.\n",
     [("I", "MỤC ĐÍCH, YÊU CẦU", "muc_dich_yeu_cau"), ("I.1", "Mục đích", "muc_dich"),
      ("I.2", "Yêu cầu", "yeu_cau"), ("II", "TỔ CHỨC THỰC HIỆN", "to_chuc_thuc_hien"),
      ("II.1", "Ban Tổ chức Huyện ủy", "don_vi"), ("II.2", "Ban Tuyên giáo Huyện ủy", "don_vi")]),
    ("I- NỘI DUNG\n1- Công tác tuyên truyền\nNhiệm kỳ 2025 - 2030 của các chi bộ\n"
     "2022-2027 là giai đoạn chuẩn bị nhân sự.\n10-15 ngày trước đại hội, chi bộ gửi báo cáo.\n",
     [("I", "NỘI DUNG", "noi_dung"), ("I.1", "Công tác tuyên truyền", "other")]),
    # a line opening with a figure is a sentence of its own under a heading (not its wrap)...
    ("I. KẾT QUẢ\n3. Hiện đại hóa hành chính\n100% cơ quan chuyên môn sử dụng phần mềm quản lý văn bản.\n"
     "4. Cải cách tài chính công\nThực hiện cơ chế tự chủ.\n",
     [("I", "KẾT QUẢ", "ket_qua"), ("I.3", "Hiện đại hóa hành chính", "other"),
      ("I.4", "Cải cách tài chính công", "other")]),
    # ...unless the line above ends open
    ("I. NỘI DUNG\n1. Tuyên truyền kết quả thực hiện các\n19 tiêu chí xây dựng nông thôn mới\n"
     "- Trên hệ thống truyền thanh xã.\n",
     [("I", "NỘI DUNG", "noi_dung"), ("I.1", "Tuyên truyền kết quả thực hiện các 19 tiêu chí xây dựng nông thôn mới", "other")]),
    # numbered siblings judged together: a last sentence after list items is a list item, a
    # closing paragraph following it
    ("Phòng Văn hóa và Thông tin đề nghị UBND các xã thực hiện một số nội dung sau:\n"
     "1. Chỉ đạo Đài truyền thanh xã xây dựng chuyên mục; tăng thời lượng phát sóng.\n"
     "2. Treo băng rôn, khẩu hiệu tại trụ sở, nhà văn hóa các thôn; nội dung theo Phụ lục.\n"
     "3. Gửi báo cáo kết quả thực hiện về Phòng trước ngày 25/10/2024 để tổng hợp.\n"
     "Đề nghị UBND các xã quan tâm, triển khai thực hiện./.\n", []),
    # a last heading with a list under it stays a heading
    ("1. Chỉ đạo Đài truyền thanh xã xây dựng chuyên mục; tăng thời lượng phát sóng.\n"
     "2. Tổ chức thực hiện.\n- UBND các xã triển khai Kế hoạch.\n",
     [("2", "Tổ chức thực hiện", "to_chuc_thuc_hien")]),
])
def test_numbered_lines_judged_with_their_neighbours(text, expected):
    assert _tree(text) == expected


def test_a_web_page_list_after_the_document_opens_no_section():
    # The numbered "most read" list after "Tin liên quan" belongs to the page, not the document.
    text = ("(BAG) - UBND tỉnh vừa ban hành Kế hoạch số 12/KH-UBND ngày 04/3/2024 về truyền thông chính sách.\n"
            "- Sở Tư pháp chủ trì hướng dẫn các cơ quan thực hiện.\n"
            "Tin liên quan\n» Hội nghị giao ban báo chí tháng 5\nXem nhiều nhất\n"
            "1. Giá lúa hôm nay\n2. Thời tiết ngày mai\n3. Khởi công cầu mới\n"
            "© Báo tỉnh. Giấy phép số 485/GP-BTTTT ngày 20/9/2022 của Bộ Thông tin và Truyền thông.\n")
    record = extract_record(document_from_text(text, "news.txt"))
    assert record.sections == []
    assert [a.unit for a in record.assignments] == ["Sở Tư pháp"]


def test_a_footnote_that_names_a_decision_opens_no_closing_zone():
    # pdftotext prints a page's footnote under a rule, its number on a line of its own
    text = ("V/v truyền thông chính sách\n\nPhòng Văn hóa và Thông tin, các xã thực hiện như sau:\n"
            "1. Phòng Văn hóa và Thông tin\n- Hướng dẫn thực hiện Quy chế phát ngôn của Ủy ban nhân dân huyện1.\n"
            "____________________\n1\n  Ban hành kèm theo Quyết định số 127/QĐ-UBND ngày 12/6/2023 của Ủy ban nhân dân huyện.\n"
            "                                        1\n"
            "2. Ủy ban nhân dân các xã, thị trấn\n- Xây dựng kế hoạch của địa phương.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    record = extract_record(document_from_text(text, "t.txt"))
    assert [(s.path, s.kind) for s in record.sections] == [("1", "don_vi"), ("2", "don_vi")]
