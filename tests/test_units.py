"""Units and assignments: the lexicon's examples, list splitting, roles, normalisation, the
task forms of RECORD.md; the seeds' assignments and the dev floor."""
from __future__ import annotations

import json
import re
import sys

import pytest

from pipeline import lexicon
from pipeline.extract import extract_record
from pipeline.extract import unit_names as un
from pipeline.extract.dates import extract_dates
from pipeline.extract.sections import extract_sections
from pipeline.extract import units as US
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
    # a note in brackets gives the unit's role, no part of its name
    ("Công an tỉnh (cơ quan Thường trực Tổ công tác)", ["Công an tỉnh"]),
    ("Sở Nông nghiệp và Phát triển nông thôn (Cơ quan Thường trực Ban Chỉ\nhuy Phòng chống thiên tai và Tìm "
     "kiếm cứu nạn tỉnh)", ["Sở Nông nghiệp và Phát triển nông thôn"]),
    # bodies named by their level, teams and deputies named by a lower-case word
    ("Sở Y tế, Sở Lao động - Thương binh và Xã hội, Bảo hiểm xã hội tỉnh",
     ["Sở Y tế", "Sở Lao động - Thương binh và Xã hội", "Bảo hiểm xã hội tỉnh"]),
    ("Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân và\nđại biểu Hội đồng nhân dân huyện",
     ["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân", "đại biểu Hội đồng nhân dân huyện"]),
    ("Chánh Văn phòng Bộ, Vụ trưởng Vụ Khoa học công nghệ, môi trường và\nVật liệu xây dựng, Thủ trưởng các đơn vị",
     ["Chánh Văn phòng Bộ", "Vụ trưởng Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng",
      "Thủ trưởng các đơn vị"]),
])
def test_split_units(names, expected):
    assert [n for _, _, n in un.split_units(names)] == expected


@pytest.mark.parametrize("names,expected", LEX["distributive"]["examples_not_held"])
def test_holder_list_ends_before_persons(names, expected):
    assert [n for _, _, n in un.split_units(names)] == expected


@pytest.mark.parametrize("names,expected", LEX["enumeration"]["examples"])
def test_enumerated_bodies_are_one_unit_each(names, expected):
    assert [n for _, _, n in un.split_units(names)] == expected


def test_an_enumeration_after_a_colon_is_read_to_the_verb():
    # the colon after "các sở" opens the bodies' names, not the task
    text = ("Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Nội vụ, Kế hoạch và Đầu tư; Chủ tịch UBND các huyện "
            "chịu trách nhiệm thi hành Quyết định này.")
    s, e = un.unit_at(text)
    assert [n for _, _, n in un.split_units(text[s:e])] == [
        "Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Nội vụ", "Giám đốc Sở Kế hoạch và Đầu tư", "Chủ tịch UBND các huyện"]


@pytest.mark.parametrize("unit,locality,expected", [
    ("UBND xã Cẩm Thành", "Cẩm Thành", "Ủy ban nhân dân xã"),
    ("Công chức Văn phòng UBND xã", None, "Công chức Văn phòng Ủy ban nhân dân xã"),
    ("Sở TT&TT", None, "Sở Thông tin và Truyền thông"),
    ("Sở Tư pháp", None, "Sở Tư pháp"),
    ("các thành viênBan Tổ chức cấp quốc gia", None, "Các thành viên Ban Tổ chức cấp quốc gia"),
    ("Ban Tuyên giáo ĐẢNG ỦY", None, "Ban Tuyên giáo ĐẢNG ỦY"),      # capitals are not glued words
])
def test_normalize_unit(unit, locality, expected):
    assert un.normalize_unit(unit, locality) == expected


def test_near_spellings_are_one_unit_but_not_holders():
    assert un.same_unit("Các ban, ngành, các cơ quan, đơn vị trên địa bàn xã",
                        "Các ban, ngành, cơ quan, đơn vị trên địa bàn xã")
    assert not un.same_unit("Chủ tịch UBND các xã, phường", "UBND các xã, phường")
    assert not un.same_unit("Sở Nội vụ", "Sở Ngoại vụ")
    # a level named at the end: the same when one names none, two bodies when they differ
    assert un.same_unit("các sở, ban, ngành tỉnh", "các sở, ban, ngành")
    assert not un.same_unit("Công an tỉnh", "Công an huyện")


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
    # a centre's departments ("Khoa"), a commune's "Trạm Y tế", a village head over several villages
    ("III. TỔ CHỨC THỰC HIỆN\n1. Khoa Dinh dưỡng: Chủ trì giám sát bữa ăn bán trú tại các trường học.\n"
     "2. Trạm Y tế các xã, phường: Phối hợp điều tra ca bệnh.\n"
     "3. Trưởng thôn Yên Phú, thôn Đông Hòa: Tuyên truyền, vận động người dân tham gia.\n",
     [("Khoa Dinh dưỡng", "chu_tri", "III.1"), ("Trạm Y tế các xã, phường", "phoi_hop", "III.2"),
      ("Trưởng thôn Yên Phú, thôn Đông Hòa", "thuc_hien", "III.3")]),
    ("Kính gửi: Sở Công Thương.\nUỷ ban nhân dân tỉnh nhận được Văn bản số 2265/BCT-ATMT ngày 02/4/2026.\n"
     "Căn cứ ý kiến chỉ đạo trên, Sở Công Thương và các đơn vị liên quan triển khai thực hiện./.\n",
     [("Sở Công Thương", "thuc_hien", None), ("các đơn vị liên quan", "thuc_hien", None)]),
    # a news item's speaker is no unit given work; "bảo đảm" is a task's verb
    ("(BĐN) - Sở Khoa học và Công nghệ bảo đảm kết nối dữ liệu giữa các hệ thống của tỉnh.\n"
     "Ông Trần Văn Bình, Phó Giám đốc Sở Nội vụ, cho biết: “Người dân không phải đổi giấy tờ”.\n",
     [("Sở Khoa học và Công nghệ", "thuc_hien", None)]),
    # The funding section says who advises on the budget; its first sentence names no unit.
    ("II. NỘI DUNG\n1. Tuyên truyền trên hệ thống truyền thanh cơ sở.\n"
     "III. KINH PHÍ THỰC HIỆN\nKinh phí thực hiện Kế hoạch được bố trí trong dự toán chi thường xuyên "
     "của các cơ quan, đơn vị. Phòng Tài chính - Kế hoạch huyện tham mưu Ủy ban nhân dân huyện bố trí "
     "kinh phí thực hiện các nhiệm vụ phát sinh.\n",
     [("Phòng Tài chính - Kế hoạch huyện", "thuc_hien", "III")]),
    # "Tiến độ thực hiện" assigns work as "Tổ chức thực hiện" does; "phản ánh" is a task's verb.
    ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao chất lượng tuyên truyền.\n"
     "II. TIẾN ĐỘ THỰC HIỆN\nTrong quá trình thực hiện, nếu có khó khăn, vướng mắc, các phòng, ban "
     "chuyên môn phản ánh về Văn phòng Sở để tổng hợp./.\n",
     [("các phòng, ban chuyên môn", "thuc_hien", "II")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_task_forms(text, expected):
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == expected


# what the cues of the lexicon find, each example through the real code path
@pytest.mark.parametrize("text", LEX["cue"]["examples_directive"])
def test_directive_examples_give_work(text):
    assignments, _ = _assign(text)
    assert assignments and all(a.unit in text and a.span.start > 0 for a in assignments)


@pytest.mark.parametrize("text", LEX["cue"]["examples_considered"] + LEX["cue"]["examples_quoted_subject"])
def test_considered_or_quoted_directives_give_no_work(text):
    assert _assign(text) == ([], [])


@pytest.mark.parametrize("text", LEX["cue"]["examples_past_clause"])
def test_past_directives_are_reported(text):
    assignments, reported = _assign(text)
    assert assignments == [] and reported


@pytest.mark.parametrize("text", LEX["agent"]["examples"])
def test_agent_examples(text):
    assignments, _ = _assign(text)
    assert [a.unit for a in assignments] and text.find(assignments[0].unit) > text.find(" do ")


@pytest.mark.parametrize("text", LEX["agent"]["not_agent"])
def test_not_agent_examples(text):
    assert _assign(text)[0] == []


@pytest.mark.parametrize("text", LEX["anaphora"]["examples"])
def test_anaphora_examples_stand_for_the_addressee(text):
    letter = "Kính gửi: Công ty cổ phần Khai thác khoáng sản Quý Xa; Sở Tư pháp\n\nĐề nghị " + text + "./.\n"
    assignments, _ = _assign(letter)
    assert assignments and {a.unit for a in assignments} <= {"Công ty cổ phần Khai thác khoáng sản Quý Xa", "Sở Tư pháp"}


@pytest.mark.parametrize("text", LEX["anaphora"]["not_anaphora"])
def test_proper_names_are_no_anaphora(text):
    assert not US._ANAPHORA.match(text) or un.unit_at(text)


@pytest.mark.parametrize("text", LEX["anaphora"]["not_reference"])
def test_generic_words_without_demonstrative_refer_to_nothing(text):
    letter = "Kính gửi: Các tổ chức, cá nhân hoạt động khoáng sản trên địa bàn tỉnh\n\nĐề nghị " + text + ".\n"
    assert _assign(letter)[0] == []


@pytest.mark.parametrize("text", LEX["anaphora"]["examples_list_intro"])
def test_list_intro_examples(text):
    lists = US._Referents(text, 0, len(text)).lists
    assert lists and len(lists[-1][1]) >= 2


@pytest.mark.parametrize("role,example", [(c["role"], e) for c in LEX["table"]["column"] for e in c["examples"]])
def test_table_column_examples(role, example):
    assert US._column_role(example) == role


@pytest.mark.parametrize("line,role,value", LEX["table"]["examples_label"])
def test_label_examples(line, role, value):
    m = US._LABEL.match(line)
    assert m and US._column_role(m["label"]) == role and m["value"] == value


def test_lines_that_label_an_items_units_are_its_assignments():
    text = ("II. NỘI DUNG\n1. Tập huấn kỹ năng truyền thông chính sách\n"
            "- Nội dung: Tổ chức 02 lớp tập huấn cho công chức.\n- Cơ quan chủ trì: Sở Tư pháp.\n"
            "- Cơ quan phối hợp: Sở Nội vụ, Sở Thông tin và Truyền thông.\n- Thời gian thực hiện: Quý III năm 2024.\n"
            "2. Duy trì chuyên mục hỏi đáp\n- Cơ quan chủ trì: Văn phòng UBND tỉnh.\n")
    assignments, _ = _assign(text)
    got = [(a.unit, a.role, a.section, a.tasks[0].text, a.tasks[0].deadline) for a in assignments]
    assert got == [
        ("Sở Tư pháp", "chu_tri", "II.1", "Tập huấn kỹ năng truyền thông chính sách", "2024-Q3"),
        ("Sở Nội vụ", "phoi_hop", "II.1", "Tập huấn kỹ năng truyền thông chính sách", "2024-Q3"),
        ("Sở Thông tin và Truyền thông", "phoi_hop", "II.1", "Tập huấn kỹ năng truyền thông chính sách", "2024-Q3"),
        ("Văn phòng UBND tỉnh", "chu_tri", "II.2", "Duy trì chuyên mục hỏi đáp", None)]
    assert assignments[0].tasks[0].cooperating == ["Sở Nội vụ", "Sở Thông tin và Truyền thông"]


# a wrapped, glued or referred-back unit; directives that give no work (real wording)
MORE_CASES = [
    # pdftotext glues words: "Thủtrưởng", "thành viênBan"
    ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
     "Điều 3. Các Bộ trưởng, Thủtrưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ và các thành "
     "viênBan Tổ chức cấp quốc gia chịu trách nhiệm thi hành Quyết định này./.\n",
     [("Các Bộ trưởng", "thuc_hien", "Đ3"), ("Thủtrưởng cơ quan ngang Bộ", "thuc_hien", "Đ3"),
      ("Thủ trưởng cơ quan thuộc Chính phủ", "thuc_hien", "Đ3"),
      ("các thành viênBan Tổ chức cấp quốc gia", "thuc_hien", "Đ3")]),
    # a decision considering a proposal gives its proposers no work
    ("Xét đề nghị Giám đốc Sở Thông tin và Truyền thông và Tổ trưởng Tổ công tác chuyên trách thực hiện "
     "Đề án 30 của Ủy ban nhân dân tỉnh,\n\nQUYẾT ĐỊNH:\n", []),
    # a request quoted from another body's decision
    ("Ngày 29/6/2026, Bộ trưởng Bộ Xây dựng ban hành Quyết định số 1074/QĐ-BXD. Quyết định có hiệu lực kể "
     "từ ngày ký và giao Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo, kiểm tra.\n", []),
    # instruments listed after "Thực hiện" are no subject that quotes a request
    ("Thực hiện Quyết định số 407/QĐ-TTg ngày 30/3/2022 của Thủ tướng Chính phủ; Công văn số 499/BTTTT-KHTC, "
     "ngày 24/2/2011 của Bộ TT&TT, Ủy ban nhân dân xã đề nghị các ban, ngành, đoàn thể thực hiện một số nội dung sau:\n",
     [("các ban, ngành, đoàn thể", "thuc_hien", None)]),
    # "đề\nnghị" broken over two lines
    ("Trên đây là ý kiến tham gia dự án của Sở Nông nghiệp và Môi trường đề\nnghị Sở Công thương tổng hợp, "
     "báo cáo theo quy định./.\n", [("Sở Công thương", "thuc_hien", None)]),
    # a unit as the agent of a task
    ("5.2. Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở\nCông Thương tỉnh Lào Cai bố trí.\n",
     [("Văn phòng Sở Công Thương tỉnh Lào Cai", "thuc_hien", None)]),
    # the addressee is given work where the body refers back to it, not by being addressed
    ("Kính gửi: Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô\n"
     "Để bảo đảm việc hoạt động khai thác khoáng sản theo quy định của pháp luật, Sở Nông nghiệp và Môi "
     "trường đề nghị Công ty thực hiện đầy đủ các nội dung sau:\n",
     [("Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô", "thuc_hien", None)]),
    ("Kính gửi: Sở Công Thương tỉnh Lào Cai\n"
     "Trên đây là ý kiến trao đổi của Cục ĐCK để Quý Sở nghiên cứu, thực\nhiện theo quy định pháp luật./.\n",
     [("Sở Công Thương tỉnh Lào Cai", "thuc_hien", None)]),
    ("Kính gửi: Sở Công thương tỉnh Lào Cai\n"
     "Sở Nông nghiệp và Môi trường nhận được Công văn số 231/SCT-QLCN của Sở Công thương.\n", []),
    # units listed after "các đơn vị:", then referred back to
    ("1. Kết quả kiểm tra\n- Qua quá trình kiểm tra việc chấp hành quy định của pháp luật trong bảo quản, sử "
     "dụng vật liệu nổ công nghiệp của các đơn vị: Công ty cổ phần Xây dựng\ngiao thông Yên Bái (Gói thầu số 13: "
     "Thi công công trình nối Quốc lộ 32; khu tái định cư 1); Tổng công ty Xây dựng Trường Sơn (Gói\nthầu số 16); "
     "Công ty TNHH Hiệp Phú (Gói thầu số 15 thi công công trình đường kết nối Mường La)\ncho thấy các đơn vị cơ "
     "bản đã chấp hành tương đối tốt các quy định của pháp luật.\n2. Kiến nghị\n"
     "Sở Công Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau:\n"
     "- Đề nghị Công ty tiếp tục tăng cường công tác quản lý, kiểm tra, giám sát.\n",
     [("Công ty cổ phần Xây dựng giao thông Yên Bái", "thuc_hien", "2"),
      ("Tổng công ty Xây dựng Trường Sơn", "thuc_hien", "2"), ("Công ty TNHH Hiệp Phú", "thuc_hien", "2")]),
]

# the closing paragraph after the last unit's section speaks to other units: it is no task of
# that unit, and its subject or the object of its directive is given work
CLOSING_CASES = [
    ("III. TỔ CHỨC THỰC HIỆN\n\n3. Văn phòng Sở: Bố trí kinh phí thực hiện Chương trình.\n\n"
     "4. Các phòng, đơn vị thuộc Sở: Căn cứ chức năng, nhiệm vụ chủ động triển khai các nội dung của Chương "
     "trình.\n\nThủ trưởng các phòng, đơn vị thuộc Sở báo cáo kết quả thực hiện về Phòng Phổ biến, giáo dục "
     "pháp luật trước ngày 05/12 hằng năm./.\n",
     ["Văn phòng Sở", "Các phòng, đơn vị thuộc Sở", "Thủ trưởng các phòng, đơn vị thuộc Sở"]),
    ("        III. TỔ CHỨC THỰC HIỆN\n        4. Báo Hà Giang: Mở chuyên trang về chính sách mới.\n"
     "        5. Các sở, ban, ngành tỉnh; UBND các huyện, thành phố: Xây dựng kế\nhoạch truyền thông chính "
     "sách thuộc phạm vi quản lý.\n        Các cơ quan, đơn vị báo cáo kết quả thực hiện Kế hoạch này về Sở "
     "Thông\ntin và Truyền thông trước ngày 10/12 hằng năm./.\n",
     ["Báo Hà Giang", "Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố", "Các cơ quan, đơn vị"]),
    ("Chủ tịch UBND tỉnh yêu cầu:\n       5. Sở Thông tin và Truyền thông: Thông tin liên tục diễn biến của bão.\n"
     "       6. Văn phòng UBND tỉnh: Theo dõi, đôn đốc việc thực hiện; tổng hợp, báo\ncáo Chủ tịch UBND tỉnh "
     "trước 15 giờ hằng\nngày.\n       Đây là nhiệm vụ cấp bách, yêu cầu Thủ trưởng các cơ quan, đơn vị, "
     "địa\nphương nghiêm túc triển khai thực hiện./.\n",
     ["Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "Thủ trưởng các cơ quan, đơn vị, địa phương"]),
    # the unit's own paragraphs (its tasks without bullets, itself as subject) stay its tasks
    ("III. TỔ CHỨC THỰC HIỆN\n1. Sở Tư pháp: Chủ trì hướng dẫn.\n2. UBND các huyện:\nChỉ đạo UBND cấp xã "
     "triển khai.\nUBND các huyện báo cáo kết quả về Sở Tư pháp trước ngày 15/12.\n",
     ["Sở Tư pháp", "UBND các huyện"]),
]


@pytest.mark.parametrize("text,expected", CLOSING_CASES)
def test_closing_paragraph_after_the_last_unit(text, expected):
    assignments, _ = _assign(text)
    assert [a.unit for a in assignments] == expected


def test_closing_paragraph_is_no_task_of_the_last_unit():
    assignments, _ = _assign(CLOSING_CASES[0][0])
    last = next(a for a in assignments if a.unit == "Các phòng, đơn vị thuộc Sở")
    assert [t.text for t in last.tasks] == [
        "Căn cứ chức năng, nhiệm vụ chủ động triển khai các nội dung của Chương trình."]


def test_report_plans_units_in_its_forward_section():
    text = ("I. KẾT QUẢ THỰC HIỆN\nTổ công nghệ số cộng đồng tại 9/9 thôn đã hướng dẫn 1.126 lượt người dân.\n"
            "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2024\n- Công an xã: Chủ trì, phối hợp với các thôn đẩy mạnh "
            "kích hoạt tài khoản định danh điện tử.\n- Bộ phận Một cửa xã: Hướng dẫn người dân nộp hồ sơ trực "
            "tuyến.\n- Tổ công nghệ số cộng đồng các thôn: Tiếp tục hướng dẫn người dân sử dụng dịch vụ công.\n")
    assignments, reported = _assign(text, Header(doc_type="BC"))
    assert [(a.unit, a.role, a.section) for a in assignments] == [
        ("Công an xã", "chu_tri", "II"), ("Bộ phận Một cửa xã", "thuc_hien", "II"),
        ("Tổ công nghệ số cộng đồng các thôn", "thuc_hien", "II")]
    assert [a.unit for a in reported] == ["Tổ công nghệ số cộng đồng tại 9/9 thôn"]      # what it did


@pytest.mark.parametrize("text,expected", MORE_CASES)
def test_more_task_forms(text, expected):
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
    assert score.score(golds, preds)["assignments"]["f1"] >= 0.93


# --- task tables ---------------------------------------------------------------------------
# An appendix's task list as plans print it (wording from the seeds' and dev plans' tasks).
_APPENDIX = ("Nơi nhận:\n- Như trên;\n- Lưu: VT, TP.\n"
             "PHỤ LỤC\nDANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN KẾ HOẠCH\n"
             "(Kèm theo Kế hoạch số 150/KH-UBND ngày 01/6/2022 của UBND tỉnh)\n")
_ROWS = [
    ("1", "Tổ chức hội nghị quán triệt, triển khai Kế hoạch", "Sở Tư pháp",
     "Sở Thông tin và Truyền thông; các sở, ban, ngành", "Quý II/2023"),
    ("2", "Rà soát, cập nhật danh mục chính sách cần truyền thông", "Sở Tư pháp",
     "Văn phòng UBND tỉnh", "Trước ngày 30/6/2023"),
    ("3", "Đăng tải thông tin chính sách trên Cổng Thông tin điện tử tỉnh", "Văn phòng UBND tỉnh", "",
     "Thường xuyên"),
    ("4", "Hỗ trợ tuyên truyền chính sách cho đoàn viên, thanh niên", "Tỉnh đoàn", "UBND các huyện, thành phố",
     "Hằng năm"),
]
_EXPECTED_TABLE = [
    ("Sở Tư pháp", "chu_tri", "Tổ chức hội nghị quán triệt, triển khai Kế hoạch", "2023-Q2",
     ["Sở Thông tin và Truyền thông", "các sở, ban, ngành"]),
    ("Sở Thông tin và Truyền thông", "phoi_hop", "Tổ chức hội nghị quán triệt, triển khai Kế hoạch", "2023-Q2", []),
    ("các sở, ban, ngành", "phoi_hop", "Tổ chức hội nghị quán triệt, triển khai Kế hoạch", "2023-Q2", []),
    ("Văn phòng UBND tỉnh", "phoi_hop", "Rà soát, cập nhật danh mục chính sách cần truyền thông", "2023-06-30", []),
    ("Tỉnh đoàn", "chu_tri", "Hỗ trợ tuyên truyền chính sách cho đoàn viên, thanh niên", None,
     ["UBND các huyện, thành phố"]),
    ("UBND các huyện, thành phố", "phoi_hop", "Hỗ trợ tuyên truyền chính sách cho đoàn viên, thanh niên", None, []),
]


def _table_facts(assignments):
    """(unit, role, first task, its deadline, its cooperating units) per assignment."""
    return [(a.unit, a.role, a.tasks[0].text, a.tasks[0].deadline, a.tasks[0].cooperating) for a in assignments]


@pytest.mark.parametrize("header,rows", [
    # one header row, the bars of a flattened table
    (["STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"],
     [" | ".join(r) for r in _ROWS]),
    # markdown bars, and "Cơ quan thực hiện" spanning "Chủ trì | Phối hợp" on a second header row
    (["| TT | Nội dung công việc | Cơ quan thực hiện | | Thời gian thực hiện |", "| | | Chủ trì | Phối hợp | |"],
     ["| " + " | ".join(r) + " |" for r in _ROWS]),
])
def test_task_table_rows(header, rows):
    text = _APPENDIX + "\n".join(header + ["I | Nhiệm vụ chung | | | "] + rows) + "\n"
    assignments, _ = _assign(text)
    assert _table_facts(assignments) == _EXPECTED_TABLE
    office = next(a for a in assignments if a.unit == "Văn phòng UBND tỉnh")
    assert [(t.role, t.recurrence) for t in office.tasks] == [("phoi_hop", None), ("chu_tri", "continuous")]


# a row wrapped over several "|" lines: the lines whose number cell is empty go on with the row
# above, cell by cell (a header row's second line, with no number either, stays a header)
_WRAPPED = ("| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n|---|---|---|---|---|\n"
            "| 1 | Rà soát, đánh giá thực trạng các | Phòng Kinh tế và | Văn phòng Điều phối | Quý II/2022 |\n"
            "|   | tiêu chí theo Bộ tiêu chí mới | Hạ tầng | nông thôn mới huyện |  |\n"
            "| 2 | Xây dựng, công nhận sản phẩm | Phòng Nông nghiệp | Trung tâm Dịch vụ | Quý III/2022 |\n"
            "|   | OCOP năm 2022 | và Phát triển nông | nông nghiệp huyện |  |\n"
            "|   |  | thôn |  |  |\n"
            "| 3 | Tiêu chí y tế, bảo hiểm y tế | Trung tâm Y tế huyện | Bảo hiểm xã hội huyện | Năm 2022 |\n")


def test_task_table_wrapped_rows():
    assert [(a.unit, a.role, a.tasks[0].text, a.tasks[0].deadline) for a in _assign(_APPENDIX + _WRAPPED)[0]] == [
        ("Phòng Kinh tế và Hạ tầng", "chu_tri", "Rà soát, đánh giá thực trạng các tiêu chí theo Bộ tiêu chí mới", "2022-Q2"),
        ("Văn phòng Điều phối nông thôn mới huyện", "phoi_hop",
         "Rà soát, đánh giá thực trạng các tiêu chí theo Bộ tiêu chí mới", "2022-Q2"),
        ("Phòng Nông nghiệp và Phát triển nông thôn", "chu_tri", "Xây dựng, công nhận sản phẩm OCOP năm 2022", "2022-Q3"),
        ("Trung tâm Dịch vụ nông nghiệp huyện", "phoi_hop", "Xây dựng, công nhận sản phẩm OCOP năm 2022", "2022-Q3"),
        ("Trung tâm Y tế huyện", "chu_tri", "Tiêu chí y tế, bảo hiểm y tế", None),
        ("Bảo hiểm xã hội huyện", "phoi_hop", "Tiêu chí y tế, bảo hiểm y tế", None),
    ]


def test_task_table_with_one_unit_column():
    text = _APPENDIX + ("STT | Nhiệm vụ | Đơn vị thực hiện | Thời hạn hoàn thành\n"
                        "1 | Báo cáo kết quả thực hiện Kế hoạch | UBND các xã, phường | Trước ngày 15/12/2024\n")
    assert _table_facts(_assign(text)[0]) == [
        ("UBND các xã, phường", "thuc_hien", "Báo cáo kết quả thực hiện Kế hoạch", "2024-12-15", [])]


def test_a_table_without_task_columns_gives_no_work():
    text = _APPENDIX + "STT | Tên doanh nghiệp | Địa chỉ | Chủ trì\n1 | Công ty TNHH Hiệp Phú | Lào Cai | x\n"
    assert _assign(text)[0] == []


def test_docx_task_table(tmp_path):
    """A Word table in an appendix, read by the docx reader (which flattens rows to "A | B")."""
    import docx
    from pipeline.ingest import read
    document = docx.Document()
    for line in _APPENDIX.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(_ROWS), cols=5)
    head = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    for row, cells in zip(table.rows, [head, *_ROWS]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    path = tmp_path / "phu_luc.docx"
    document.save(path)
    doc = read(str(path))
    header = Header()
    assignments, _ = extract_assignments(doc, header, extract_sections(doc, header), extract_dates(doc))
    assert _table_facts(assignments) == _EXPECTED_TABLE


@pytest.mark.parametrize("text", lexicon.load("units")["joint_office"]["examples"])
def test_joint_office_is_one_unit(text: str) -> None:
    assert [name for _, _, name in un.split_units(text)] == [text]


@pytest.mark.parametrize("text", lexicon.load("units")["joint_office"]["not_examples"])
def test_office_and_another_body_are_two_units(text: str) -> None:
    assert len(un.split_units(text)) == 2


# --- whitespace in lexicon patterns: runs of spaces (pdftotext justification) and wrapped lines
@pytest.mark.parametrize("pattern,text,matches", [
    ("chịu trách nhiệm thi hành", "chịu trách\n      nhiệm  thi hành", True),
    ("(?:chịu|có) trách nhiệm", "có   trách nhiệm", True),
    ("[ \\t|]*Nơi nhận", "  | Nơi\nnhận", True),
    ("[ \\t|]*Nơi", "\nNơi", False),                   # a space in a class stays a space
    ("[Pp]hối(?<=\\b[Pp]hối) hợp với", "Phối  hợp\nvới", True),   # a lookbehind keeps its width
    ("(?:thông tin,? )?báo cáo", "thông tin,\n báo   cáo", True),
    ("Văn phòng ?UBND", "Văn phòngUBND", True),        # an optional space stays optional
])
def test_lexicon_pattern_spaces_match_any_whitespace(pattern, text, matches):
    assert bool(re.fullmatch(un.lexicon_pattern(pattern), text)) == matches


# (text, expected units) — the seeds' and dev's wording, respaced and wrapped as pdftotext prints it
SPACED_CASES = [
    ("IV. CHẾ ĐỘ BÁO CÁO\n\nCác ban, ngành, cơ quan, đơn vị trên địa bàn xã,  báo  cáo kết quả công tác truyền "
     "thông chính sách hàng năm gửi UBND xã trước ngày 13/12 để tổng hợp./.\n",
     ["Các ban, ngành, cơ quan, đơn vị trên địa bàn xã"]),
    ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định này có hiệu lực thi hành kể từ ngày "
     "ký.\nĐiều 3.  Chánh  Văn phòng UBND thành phố; Giám đốc các Sở, Ban, ngành; Chủ tịch UBND các quận, huyện, "
     "phường, xã chịu trách\n        nhiệm  thi hành Quyết định này./.\n",
     ["Chánh Văn phòng UBND thành phố", "Giám đốc các Sở, Ban, ngành", "Chủ tịch UBND các quận, huyện, phường, xã"]),
    ("      Điều 1. Thành lập Đoàn kiểm tra.\n      Điều 2. Tổ chức thực hiện\n      1. Đoàn kiểm tra tự giải thể "
     "sau khi hoàn thành nhiệm vụ.\n      2. Chánh Văn phòng Sở, Trưởng phòng Quản lý công nghiệp, các tổ  chức "
     "cá\nnhân có liên quan và các ông/bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.\n",
     ["Đoàn kiểm tra", "Chánh Văn phòng Sở", "Trưởng phòng Quản lý công nghiệp", "các tổ chức cá nhân có liên quan",
      "các ông/bà có tên tại Điều 1"]),
    ("Trên đây là Kế hoạch kiểm tra của Đoàn, đề  nghị các thành viên và đơn vị có\n   liên quan phối hợp thực "
     "hiện./.\n", ["các thành viên và đơn vị có liên quan"]),
]


@pytest.mark.parametrize("text,expected", SPACED_CASES)
def test_units_survive_respacing_and_wrapping(text, expected):
    assignments, _ = _assign(text)
    assert [a.unit for a in assignments] == expected


# --- "Các" + a noun the lexicon does not list: a unit where a task follows it
@pytest.mark.parametrize("text,unit", LEX["plural"]["examples"])
def test_plural_examples_are_units(text, unit):
    s, e = un.unit_at(text, text.find(unit))
    assert text[s:e] == unit and un.is_collective(unit)


@pytest.mark.parametrize("text", LEX["plural"]["not_units"])
def test_plural_things_are_no_units(text):
    assert un.unit_at(text) is None


@pytest.mark.parametrize("text,expected", [
    # a report's next steps give the commune's villages work (a held-out-like commune report)
    ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n- Tiếp tục đổi mới nội dung, hình thức tuyên truyền.\n"
     "- Các thôn, bản chủ động cung cấp thông tin cho đài truyền thanh xã.\n",
     [("Các thôn, bản", "thuc_hien", "III")]),
    ("III. TỔ CHỨC THỰC HIỆN\n1. Các hội, đoàn thể: Phối hợp tuyên truyền đến hội viên, đoàn viên.\n"
     "2. Các chi bộ trực thuộc tổ chức quán triệt Kế hoạch đến đảng viên.\n",
     [("Các hội, đoàn thể", "phoi_hop", "III.1"), ("Các chi bộ trực thuộc", "thuc_hien", "III")]),
    # no unit: things, not bodies, open these sentences
    ("III. TỔ CHỨC THỰC HIỆN\n- Các nhiệm vụ được giao phải hoàn thành đúng hạn.\n"
     "- Các hoạt động tuyên truyền phải bám sát thực tiễn.\n", []),
])
def test_plural_units_as_task_subjects(text, expected):
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == expected


def test_addressee_heading_is_its_units_section():
    letter = ("Kính gửi:\n      - Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố;\n"
              "      - Các trường trung học phổ thông, trường phổ thông dân tộc nội trú.\n\n"
              "Sở Giáo dục và Đào tạo đề nghị các đơn vị thực hiện một số nội dung sau:\n"
              "1. Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố\n- Tổng hợp kết quả, báo cáo Sở.\n"
              "2. Các trường trung học phổ thông, trường phổ thông dân tộc nội trú\n"
              "- Cập nhật thường xuyên thông tin trên trang thông tin điện tử của đơn vị.\n")
    doc = document_from_text(letter, "t.txt")
    sections = extract_sections(doc, Header())
    assert [(s.path, s.kind) for s in sections] == [("1", "don_vi"), ("2", "don_vi")]
    assignments, _ = _assign(letter)
    assert ("Các trường trung học phổ thông, trường phổ thông dân tộc nội trú", "2") in \
        [(a.unit, a.section) for a in assignments]


# --- Party bodies as task subjects and headings
def test_party_bodies_head_their_sections():
    text = ("III. TỔ CHỨC THỰC HIỆN\n1. Ban Tuyên giáo Huyện ủy: Chủ trì, phối hợp với các cơ quan liên quan.\n"
            "2. Đảng đoàn Hội đồng nhân dân huyện, Ban cán sự đảng Ủy ban nhân dân huyện: Lãnh đạo cụ thể hóa "
            "Kế hoạch.\n3. Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tăng cường giám sát việc "
            "thực hiện.\n")
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == [
        ("Ban Tuyên giáo Huyện ủy", "chu_tri", "III.1"), ("Đảng đoàn Hội đồng nhân dân huyện", "thuc_hien", "III.2"),
        ("Ban cán sự đảng Ủy ban nhân dân huyện", "thuc_hien", "III.2"),
        ("Mặt trận Tổ quốc Việt Nam", "thuc_hien", "III"), ("các tổ chức chính trị - xã hội", "thuc_hien", "III")]


# --- a plan issued with a decision, after its signature
DECISION_WITH_PLAN = (
    "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch thúc đẩy chuyển đổi số năm 2024.\n"
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông chịu trách nhiệm thi "
    "hành Quyết định này./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n"
    "KẾ HOẠCH\nThúc đẩy chuyển đổi số năm 2024\n      (Ban hành kèm theo Quyết định số 612/QĐ-UBND ngày 15 tháng 3 năm "
    "2024 của Chủ tịch\nỦy ban nhân dân tỉnh)\n\nI. MỤC TIÊU\n- 80% hồ sơ được xử lý trực tuyến.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Sở Thông tin và Truyền thông: Chủ trì, hướng dẫn, đôn đốc triển khai Kế hoạch.\n"
    "2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch.\n")


# the line under the plan's title may drop "Ban hành": "(Kèm theo Quyết định số 68/QĐ-UBND ...)"
@pytest.mark.parametrize("label", ["(Ban hành kèm theo Quyết định số", "(Kèm theo Quyết định số"])
def test_plan_attached_to_a_decision_is_read(label):
    text = DECISION_WITH_PLAN.replace("(Ban hành kèm theo Quyết định số", label)
    doc = document_from_text(text, "t.txt")
    header = Header(doc_type="QĐ", body_start=text.index("Điều 1"))
    sections = extract_sections(doc, header)
    assert [(s.path, s.kind) for s in sections] == [
        ("Đ1", "other"), ("Đ2", "other"), ("Đ3", "to_chuc_thuc_hien"), ("I", "muc_dich"),
        ("II", "to_chuc_thuc_hien"), ("II.1", "don_vi"), ("II.2", "don_vi")]
    assignments, _ = extract_assignments(doc, header, sections, extract_dates(doc))
    assert [(a.unit, a.role, a.section) for a in assignments] == [
        ("Chánh Văn phòng Ủy ban nhân dân tỉnh", "thuc_hien", "Đ3"),
        ("Giám đốc Sở Thông tin và Truyền thông", "thuc_hien", "Đ3"),
        ("Sở Thông tin và Truyền thông", "chu_tri", "II.1"), ("Sở Tài chính", "thuc_hien", "II.2")]


def test_appendix_of_a_plan_is_no_attached_document():
    text = ("I. NỘI DUNG\n1. Hoàn thiện thể chế\n- Rà soát văn bản.\nNơi nhận:\n- Lưu: VT.\n\nPHỤ LỤC\n"
            "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 02/01/2024)\nI. Nhiệm vụ chung\n1. Sở Tư pháp: "
            "Chủ trì rà soát.\n")
    doc = document_from_text(text, "t.txt")
    assert [s.path for s in extract_sections(doc, Header(doc_type="QĐ"))] == ["I", "I.1"]


# --- Party numbering, results tables, opening phrases, agents, proposals (real wording) -----
PARTY_AND_REPORT_CASES = [
    # Party documents number "I-", "1-": each numbered unit heading is the unit's section
    ("III- TỔ CHỨC THỰC HIỆN\n1- Ban Tổ chức Huyện ủy: Chủ trì, phối hợp với các cơ quan tham mưu hướng dẫn "
     "công tác nhân sự.\n2- Ủy ban Kiểm tra Huyện ủy: Phối hợp với Ban Tổ chức Huyện ủy thẩm tra, xác minh.\n"
     "3- Các chi bộ, đảng bộ cơ sở: Căn cứ kế hoạch này xây dựng kế hoạch tổ chức đại hội.\n",
     [("Ban Tổ chức Huyện ủy", "chu_tri", "III.1"), ("Ủy ban Kiểm tra Huyện ủy", "phoi_hop", "III.2"),
      ("Các chi bộ, đảng bộ cơ sở", "thuc_hien", "III.3")]),
    # a sentence opening with a phrase of time before its subject
    ("II. NỘI DUNG\n3. Chế độ báo cáo\nĐịnh kỳ trước ngày 15/11 hằng năm, các cơ quan, đơn vị, địa phương báo cáo "
     "kết quả công tác truyền thông chính sách về Sở Thông tin và Truyền thông để tổng hợp.\n",
     [("các cơ quan, đơn vị, địa phương", "thuc_hien", "II.3")]),
    # a news item reporting a plan's tasks: "là cơ quan thường trực", a verb beyond the closed list
    ("UBND tỉnh vừa ban hành Kế hoạch số 312/KH-UBND ngày 29/5/2023.\n"
     "Theo kế hoạch, Sở Thông tin và Truyền thông là cơ quan thường trực, chủ trì, phối hợp với các sở, ngành "
     "theo dõi, đôn đốc triển khai kế hoạch.\nBáo Đắk Nông, Đài Phát thanh và Truyền hình tỉnh tăng thời lượng, "
     "mở chuyên trang, chuyên mục giới thiệu chính sách mới.\n",
     [("Sở Thông tin và Truyền thông", "chu_tri", None), ("Báo Đắk Nông", "thuc_hien", None),
      ("Đài Phát thanh và Truyền hình tỉnh", "thuc_hien", None)]),
    # "do X chủ trì soạn thảo" qualifying a noun in a purpose section gives no work
    ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nTạo sự đồng thuận của Nhân dân đối với các chính sách trong dự thảo văn "
     "bản quy phạm pháp luật do Sở Tư pháp chủ trì soạn thảo, tham mưu; nâng cao chất lượng thẩm định.\n"
     "2. Yêu cầu\nBảo đảm thiết thực, hiệu quả.\n", []),
    # the holder of a joint office is one unit
    ("Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
     "Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Văn hóa và Thông tin chịu trách nhiệm thi hành "
     "Quyết định này./.\n",
     [("Chánh Văn phòng HĐND và UBND huyện", "thuc_hien", "Đ3"),
      ("Trưởng phòng Văn hóa và Thông tin", "thuc_hien", "Đ3")]),
]


# commune and ward level: bodies named in lower case, a commune's civil servants by their posts,
# a numbered district, a decision's "Giao <unit> chủ trì" article (real wording)
COMMUNE_CASES = [
    ("III. TỔ CHỨC THỰC HIỆN\n1. Công chức Tư pháp - Hộ tịch: Chủ trì tham mưu triển khai Kế hoạch.\n"
     "2. Đài truyền thanh xã: Xây dựng chuyên mục pháp luật phát sóng định kỳ hằng tuần.\n"
     "3. Ban điều hành các khu phố: Tuyên truyền, vận động người dân cài đặt ứng dụng VNeID.\n",
     [("Công chức Tư pháp - Hộ tịch", "chu_tri", "III.1"), ("Đài truyền thanh xã", "thuc_hien", "III.2"),
      ("Ban điều hành các khu phố", "thuc_hien", "III.3")]),
    ("III- TỔ CHỨC THỰC HIỆN\n1- Đoàn xã, thị trấn: Xây dựng kế hoạch triển khai Tháng Thanh niên.\n"
     "2- Các Chi đoàn cơ quan trực thuộc: Phối hợp tổ chức các hoạt động tình nguyện.\n",
     [("Đoàn xã, thị trấn", "thuc_hien", "III.1"), ("Các Chi đoàn cơ quan trực thuộc", "phoi_hop", "III.2")]),
    ("IV. ĐỀ XUẤT, KIẾN NGHỊ\nĐề nghị Ủy ban nhân dân Quận 1 quan tâm đầu tư nâng cấp đường truyền.\n",
     [("Ủy ban nhân dân Quận 1", "thuc_hien", "IV")]),
    ("QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch tuyên truyền, phổ biến pháp luật năm 2023.\n"
     "Điều 2. Giao công chức Tư pháp - Hộ tịch chủ trì, phối hợp với công chức Văn hóa - Xã hội, Đài truyền "
     "thanh xã tổ chức triển khai thực hiện Kế hoạch.\n"
     "Điều 3. Văn phòng - Thống kê, công chức Tư pháp - Hộ tịch, Trưởng các thôn và các cá nhân có liên quan "
     "chịu trách nhiệm thi hành Quyết định này.\n",
     [("công chức Tư pháp - Hộ tịch", "chu_tri", "Đ2"), ("Văn phòng - Thống kê", "thuc_hien", "Đ3"),
      ("công chức Tư pháp - Hộ tịch", "thuc_hien", "Đ3"), ("Trưởng các thôn", "thuc_hien", "Đ3"),
      ("các cá nhân có liên quan", "thuc_hien", "Đ3")]),
]


@pytest.mark.parametrize("text,expected", COMMUNE_CASES)
def test_commune_level_units(text, expected):
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == expected


@pytest.mark.parametrize("text,expected", PARTY_AND_REPORT_CASES)
def test_party_and_report_forms(text, expected):
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == expected


@pytest.mark.parametrize("text,unit", LEX["cue"]["examples_opening_adverbial"])
def test_opening_adverbial_examples(text, unit):
    assignments, _ = _assign("III. TỔ CHỨC THỰC HIỆN\n" + text + "\n")
    assert [a.unit for a in assignments] == [unit]


@pytest.mark.parametrize("text,unit,role", LEX["cue"]["examples_passive"])
def test_passive_task_examples(text, unit, role):
    assignments, _ = _assign("III. TỔ CHỨC THỰC HIỆN\n" + text + "\n")
    assert [(a.unit, a.role) for a in assignments] == [(unit, role)]


@pytest.mark.parametrize("text", LEX["cue"]["examples_directive_opening"])
def test_opening_directive_examples(text):
    assignments, _ = _assign("IV. ĐỀ XUẤT, KIẾN NGHỊ\n" + text + "\n", Header(doc_type="BC"))
    assert assignments and all(a.unit in text for a in assignments)


@pytest.mark.parametrize("text", LEX["cue"]["not_directive_opening"])
def test_opening_directive_inside_a_sentence_gives_no_work(text):
    assignments, _ = _assign("III. TỔ CHỨC THỰC HIỆN\n" + text + "\n")
    assert [a.unit for a in assignments] == [un.split_units(text[:un.unit_at(text)[1]])[0][2]]


@pytest.mark.parametrize("header", LEX["table"]["examples_results_header"])
def test_results_header_is_no_task_table(header):
    assert US._header_columns(US._cells(header)) is None


def test_results_table_gives_no_work():
    text = ("I. KẾT QUẢ THỰC HIỆN\n2. Kết quả cụ thể\nKết quả thực hiện các chỉ tiêu năm 2023 như sau:\n"
            "| TT | Nội dung | Đơn vị tính | Kế hoạch | Thực hiện | Tỷ lệ (%) |\n|---|---|---|---|---|---|\n"
            "| 1 | Tin, bài phát trên hệ thống truyền thanh xã | Tin, bài | 120 | 134 | 111,7 |\n"
            "| 2 | Hội nghị tuyên truyền tại thôn | Cuộc | 10 | Đạt | 110 |\n")
    assert _assign(text, Header(doc_type="BC"))[0] == []


@pytest.mark.parametrize("cell,expected", [
    ("134", []), ("1.850", []), ("x", ["x"]), ("Sở Tư pháp; Tỉnh đoàn", ["Sở Tư pháp", "Tỉnh đoàn"]),
])
def test_cells_without_words_name_no_unit(cell, expected):
    assert US._cell_units(cell) == expected


def test_a_task_table_between_tabs_is_read_as_one_between_bars():
    # a table copied out of a word processor: its cells between tabs
    text = ("II. NHIỆM VỤ CỤ THỂ\nCác nhiệm vụ cụ thể như sau:\n"
            "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\n"
            "1\tTổ chức hội nghị đối thoại chính sách\tPhòng Văn hóa và Thông tin\tPhòng Dân tộc\tQuý III/2024\n"
            "2\tĐăng tải dự thảo văn bản\tPhòng Tư pháp\tVăn phòng HĐND và UBND huyện\tThường xuyên\n"
            "Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết.\n")
    assignments, _ = _assign(text)
    assert [(a.unit, a.role, a.section) for a in assignments] == [
        ("Phòng Văn hóa và Thông tin", "chu_tri", "II"), ("Phòng Dân tộc", "phoi_hop", "II"),
        ("Phòng Tư pháp", "chu_tri", "II"), ("Văn phòng HĐND và UBND huyện", "phoi_hop", "II")]
    assert assignments[0].tasks[0].deadline == "2024-Q3"
