"""The section tree of numbered headings, each mapped to a canonical kind.

A document's body runs from the end of its title to the closing zone (Nơi nhận, signature,
appendices). In it, numbered lines are found with one multiline regex: `PHẦN I` parts, a
decision's `Điều 1.` articles, Roman numerals, Arabic numbers (`1.`, `1.1.`) and letters (`a)`).
An Arabic or lettered line is a heading, not a list item, by the rule of RECORD.md: it holds a
short phrase and body text follows it, or it names a unit whose task follows after a colon.
A Word document may mark its headings by bold alone (`Document.hints`): a bold line that is a
short phrase is then a heading, a top-level one in capitals, a second-level one in sentence
case, numbered in order where the print has no numbers at that level.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Document, Header, Section, Span
from .bounds import document_end
from .unit_names import LIST_NUMBER, UPPER, addressees, fold_ws, heading_unit, lexicon_pattern, unit_at

# Where the closing zone begins when the header did not say: Nơi nhận, an appendix, or the
# "attached to Decision no." line of a decision's attached plan ("(Ban hành) kèm theo ...").
_CLOSING = re.compile(      # led by the line break: a literal lets the regex engine scan fast
    lexicon_pattern(r"\n[ \t|]*(?:Nơi nhận\b|PHỤ LỤC\b|Phụ lục(?: số)? [IVX\d]+[ \t]*$"
                    r"|\(?Ban hành kèm theo (?:Quyết định|Kế hoạch)|\(Kèm theo Quyết định số)"), re.M)

# A footnote of a pdftotext page: under a rule of underscores (or a blank line), its number on
# a line of its own, then its text ("____\n1\n Ban hành kèm theo Quyết định số ..."
# cites that decision; it opens no attached document, which prints its line in brackets).
_FOOTNOTE_NUMBER = re.compile(r"\n[ \t]*_*[ \t]*\n[ \t]*\d{1,2}[ \t]*\Z")
_FOOTNOTE_WIDTH = 40


def _closings(text: str, start: int):
    """The matches of `_CLOSING` from `start`, those inside a footnote left out."""
    for m in _CLOSING.finditer(text, start):
        if "(" in m.group() or not _FOOTNOTE_NUMBER.search(text, max(0, m.start() - _FOOTNOTE_WIDTH), m.start()):
            yield m


# the line of a decision's attached document that names the decision ("(Ban hành kèm theo
# Quyết định số 612/QĐ-UBND ngày ...)", or in short "(Kèm theo Quyết định số 68/QĐ-UBND ...)"),
# at most this long up to its closing bracket
_ISSUED_WITH_DECISION = re.compile(lexicon_pattern(r"(?:Ban hành k|\(K)èm theo Quyết định"))
_MAX_LABEL = 400
# an appendix's title over such a line, which no closing zone marks ("Phụ lục: DANH SÁCH ..."),
# looked for in the title block above the line (back to a blank line, at most this far)
_APPENDIX_TITLE = re.compile(r"^[ \t|]*(?:PHỤ LỤC|Phụ lục)\b", re.M)
_MAX_TITLE = 300

_UP = UPPER
# A numbered line; searched led by its line break (a literal lets the regex engine scan fast),
# and matched once more at the body's start, which may open a line with no break before it.
# Party documents number with a dash: "I- ", "1- ", "a- " (a plain number only: "1.2-" is none).
_MARKER_LINE = rf"""[ \t|]*(?:
      (?P<part>PHẦN|Phần)\s+(?P<pn>THỨ\s+[{_UP}]+|[IVX]+|\d+)\b[ \t.:\-–]*(?P<pt>[^\n]*)
    | Điều\s+(?P<dn>\d+)\s*(?:[.:][ \t]*|$)(?P<dt>[^\n]*)
    | (?P<rn>[IVX]{{1,5}})(?:[ \t]*[.:)\-–][ \t]*|[ \t]+(?=[{_UP}]))(?P<rt>[^\s.\d][^\n]*)
    | (?P<an>\d{{1,2}}(?:\.\d{{1,2}}){{0,2}})(?:\.\)?|\)|(?<=\d\.\d)[ \t]|(?<=\d\.\d\d)[ \t]
          |(?<=[\s|]\d)[-–](?=[ \t])|(?<=[\s|]\d\d)[-–](?=[ \t]))[ \t]*(?P<at>[^\W\d_][^\n]*)
    | (?P<ln>[a-zđ])[ \t]*(?:\)|/\.?|\.(?=[ \t])|[-–](?=[ \t]))[ \t]*(?P<lt>[^\W\d_][^\n]*)
    )"""
_MARKER = re.compile(r"\n" + _MARKER_LINE, re.X)
_MARKER_AT = re.compile(_MARKER_LINE, re.X)

_ORDINALS = {"NHẤT": 1, "HAI": 2, "BA": 3, "TƯ": 4, "BỐN": 4, "NĂM": 5, "SÁU": 6, "BẢY": 7, "TÁM": 8}
_ROMAN = {"I": 1, "V": 5, "X": 10}

# A numbered line that is a full sentence is a list item: it holds ";" or a sentence break,
# or it is long and ends with a full stop.
_SENTENCE_BREAK = re.compile(rf"[;]|[.!?]\s+[{_UP}]")
# a wrapped line goes on in lower case; one opening with a figure ("100% cơ quan ...") is a
# sentence of its own, unless the line above ends open (see `_OPEN_END`)
_CONTINUATION = re.compile(rf"[ \t]*(?:\(|[^\W\d_{UPPER}])")
_BULLET_OR_MARKER = re.compile(rf"[ \t|]*(?:[-+•*–]|{LIST_NUMBER}|[IVX]+[.)]|[a-zđ](?:\)|/|\.\s|[-–]\s)|Điều\s+\d)")
# a line that stops on a comma, a word that cannot end a phrase (a title's "Phó" before "Trưởng
# ban"), or a hyphen after a letter (a word or a symbol broken at the margin: "doanh nghi-",
# "Nghị định số 61/2018/NĐ-") goes on below
_OPEN_END = re.compile(r"(?:,|\b(?:và|của|theo|các|với|về|trong|để|cho|tại|Điều|khoản|điểm|từ|đến|là|hoặc|những|được|do|Phó)|(?<=[^\W\d_])-)$")
_PAGE_NUMBER = re.compile(r"[ \t]*(?:-\s*)?\d{1,3}(?:\s*-)?[ \t]*$")
_TRAILING = " \t\n.:;,-–/"
_MAX_HEADING_WORDS = 45
_MAX_SENTENCE_WORDS = 25

_KINDS_LEX = lexicon.load("section_kinds")
_KINDS = [(re.compile(lexicon_pattern(k["pattern"])), k["kind"]) for k in _KINDS_LEX["kind"]]
_EXECUTION = re.compile(lexicon_pattern(_KINDS_LEX["article"]["execution"]))
_EXECUTION_TITLE = re.compile(lexicon_pattern(_KINDS_LEX["article"]["title"]), re.I)
_REPORT_TYPES = set(_KINDS_LEX["report"]["doc_types"])
_REPORT_KINDS = [(re.compile(lexicon_pattern(k["pattern"])), k["kind"]) for k in _KINDS_LEX["report"]["kind"]]
_ATTACHING_TYPES = set(_KINDS_LEX["attached"]["doc_types"])


@dataclass(slots=True)
class _Node:
    kind: str          # part, dieu, roman, arabic, letter
    rank: int          # nesting order: part < dieu/roman < arabic < letter
    label: str         # this level's part of the path
    number: str        # as printed ("3.2")
    heading: str
    line_start: int
    heading_end: int   # end of the heading's text (before an inline task)
    body_text_start: int
    unit: bool = False  # known to name a unit: by its colon and task, or as an addressee


def body_bounds(doc: Document, header: Header) -> tuple[int, int]:
    """[start, end) of the body: after the title, before Nơi nhận / signature / appendices, and
    before a web page's list of other items."""
    start = header.body_start or 0
    end = min(header.closing_start or len(doc.text), document_end(doc.text))
    m = next(_closings(doc.text, max(0, start - 1)), None)
    if m and m.start() + 1 < end:
        end = m.start() + 1
    return start, end


def closing_zones(doc: Document, header: Header) -> list[tuple[str, Span]]:
    """The closing parts after the body: ("noi_nhan" | "phu_luc" | "kem_theo", span)."""
    _, end = body_bounds(doc, header)
    found = [(m.start() + 1, m.group().strip(" \t\n|")) for m in _closings(doc.text, max(0, end - 1))]
    zones = []
    for i, (s, label) in enumerate(found):
        e = found[i + 1][0] if i + 1 < len(found) else len(doc.text)
        name = ("noi_nhan" if label.startswith("Nơi nhận")
                else "kem_theo" if "kèm theo" in label.lower() else "phu_luc")
        zones.append((name, Span(s, e)))
    return zones


def attached_bounds(doc: Document, header: Header, body_end: int) -> list[tuple[int, int]]:
    """[start, end) of each document a decision issues with it ("KẾ HOẠCH ... (Ban hành kèm
    theo Quyết định số ...)" after the signature): the substance of the decision, read like a
    body from the end of that line to the next closing zone. An appendix's own "kèm theo" line
    (under PHỤ LỤC) opens no such document."""
    if header.doc_type not in _ATTACHING_TYPES or not _ISSUED_WITH_DECISION.search(doc.text, body_end):
        return []               # most documents: no scan of the closing zones
    out = []
    previous = None
    for name, span in closing_zones(doc, header):
        label = _ISSUED_WITH_DECISION.search(doc.text, span.start, min(span.end, span.start + _MAX_LABEL))
        if name == "kem_theo" and previous != "phu_luc" and label and not _under_appendix_title(doc.text, span.start):
            label_end = doc.text.find(")", span.start, min(span.end, span.start + _MAX_LABEL))
            line_end = doc.text.find("\n", max(label_end, span.start), span.end)
            if line_end >= 0:
                out.append((line_end, span.end))
        previous = name
    return out


def _under_appendix_title(text: str, label_start: int) -> bool:
    """Whether the title block right above a "kèm theo" line is an appendix's."""
    start = max(text.rfind("\n\n", 0, label_start), label_start - _MAX_TITLE, 0)
    return _APPENDIX_TITLE.search(text, start, label_start) is not None


@functools.lru_cache(maxsize=4096)        # headings repeat from document to document
def heading_kind(heading: str, report: bool = False) -> str | None:
    """The kind a heading's words give (None when no lexicon entry matches); in a `report`, the
    report's own entries first."""
    folded = fold_ws(heading).lower()
    if heading_unit(heading):
        return "don_vi"
    for rx, kind in (_REPORT_KINDS + _KINDS if report else _KINDS):
        if rx.search(folded):
            return kind
    return None


def extract_sections(doc: Document, header: Header) -> list[Section]:
    """The body's section tree, then that of each document the decision issues with it (its
    own paths I, II, III next to the articles Đ1, Đ2; one whose paths would repeat the body's,
    an attached regulation's own "Điều 1", is left out)."""
    body_start, body_end = body_bounds(doc, header)
    sections = _sections_in(doc, header, body_start, body_end)
    for start, end in attached_bounds(doc, header, body_end):
        attached = _sections_in(doc, header, start, end)
        if not {s.path for s in sections} & {s.path for s in attached}:
            sections += attached
    return sections


def _sections_in(doc: Document, header: Header, start: int, end: int) -> list[Section]:
    text = doc.text
    first = _MARKER_AT.match(text, start, end) if start == 0 or text[start - 1] == "\n" else None
    found = ([first] if first else []) + list(_MARKER.finditer(text, start, end))
    candidates = [_candidate(text, m, end) for m in found]
    candidates = _articles_in_sequence([c for c in candidates if c is not None])
    heads = [_is_heading(text, c, candidates, i + 1, end) for i, c in enumerate(candidates)]
    nodes = [c for i, c in enumerate(candidates) if heads[i] and not _ends_item_list(text, candidates, heads, i, end)]
    if doc.hints:
        bold = _bold_headings(doc, start, end, candidates, nodes)
        if bold:
            candidates = sorted(candidates + bold, key=lambda n: n.line_start)
            nodes = sorted(nodes + bold, key=lambda n: n.line_start)
    # a heading that repeats one of the letter's addressees is that unit's section
    addressed = {a.lower() for a in addressees(text, nodes[0].line_start)} if nodes else set()
    for n in nodes if addressed else ():
        n.unit = n.unit or fold_ws(n.heading).rstrip(_TRAILING).lower() in addressed
    return _tree(nodes, candidates, text, end, header)


def _bold_headings(doc: Document, start: int, end: int, candidates: list[_Node],
                   nodes: list[_Node]) -> list[_Node]:
    """Headings a .docx marks by bold alone (no typed or automatic number): capitals at the top
    level, sentence case at the second, each level only where the numbered headings leave it
    empty; numbered I, II... and 1, 2... in order."""
    text = doc.text
    numbered = {c.line_start for c in candidates}
    free_top = not any(n.rank <= 1 for n in nodes)
    free_second = not any(n.kind == "arabic" for n in nodes)
    lines = []
    for h in doc.hints:
        if not h.bold or h.in_table or h.numbering or not start <= h.start < end or h.start in numbered:
            continue
        raw = text[h.start:h.end]
        line = fold_ws(raw)
        if not line or not _short_phrase(line):
            continue
        top = line.isupper()
        if (free_top if top else free_second):
            lines.append((h.start + len(raw) - len(raw.lstrip()), line, top))
    out: list[_Node] = []
    tops = seconds = 0
    for ls, line, top in lines:
        if _next_content_line(text, ls + len(line), end) is None:
            continue                    # nothing follows: no heading
        if top:
            tops, seconds = tops + 1, 0
            out.append(_Node("roman", 1, _to_roman(tops), _to_roman(tops), line, ls,
                             ls + len(line), ls + len(line)))
        else:
            seconds += 1
            out.append(_Node("arabic", 2, str(seconds), str(seconds), line, ls, ls + len(line),
                             ls + len(line)))
    return out


def _short_phrase(line: str) -> bool:
    """A line short enough and without a sentence break, as a heading is."""
    words = line.count(" ") + 1
    return words <= _MAX_HEADING_WORDS and not _SENTENCE_BREAK.search(line) \
        and not (line.endswith(".") and words > _MAX_SENTENCE_WORDS)


def _articles_in_sequence(candidates: list[_Node]) -> list[_Node]:
    """Drop "Điều N" lines out of the 1, 2, 3... run: a wrapped reference ("... tại\nĐiều 62.")."""
    expected, out = 1, []
    for c in candidates:
        if c.kind == "dieu":
            if int(c.number) != expected:
                continue
            expected += 1
        out.append(c)
    return out


def _candidate(text: str, m: re.Match, end: int) -> _Node | None:
    g = m.groupdict()
    line_start = m.start() + (text[m.start()] == "\n")
    if g["part"]:
        n = g["pn"].split()[-1]
        num = _ORDINALS.get(n.upper()) or _roman_value(n) or (int(n) if n.isdigit() else None)
        if num is None:
            return None
        title_start = m.start("pt")
        heading = g["pt"].strip()
        if not heading:       # the part's title on the next line
            nl = _next_content_line(text, m.end(), end)
            if nl is None:
                return None
            title_start, e = nl
            heading = text[title_start:e].strip()
        heading_end = title_start + len(heading)
        return _Node("part", 0, f"P{num}", str(num), heading, line_start, heading_end, heading_end)
    if g["dn"]:
        return _Node("dieu", 1, f"Đ{g['dn']}", g["dn"], f"Điều {g['dn']}", line_start,
                     m.start("dt"), m.start("dt"))
    if g["rn"]:
        if not _roman_value(g["rn"]):
            return None
        return _heading_node("roman", 1, g["rn"], text, m.start("rt"), end, line_start)
    if g["an"]:
        return _heading_node("arabic", 2 + g["an"].count("."), g["an"], text, m.start("at"), end,
                             line_start)
    return _heading_node("letter", 5, g["ln"], text, m.start("lt"), end, line_start)


def _heading_node(kind: str, rank: int, number: str, text: str, s: int, end: int,
                  line_start: int) -> _Node:
    e = _paragraph_end(text, s, end)
    return _Node(kind, rank, number.split(".")[-1], number, text[s:e], line_start, e, e)


def _paragraph_end(text: str, s: int, end: int) -> int:
    """End of the paragraph starting at `s`: a wrapped line (pdftotext) goes on when the next
    line starts in lower case, or in capitals under a line in capitals ("I. KẾT QUẢ / ĐẠT ĐƯỢC")
    or as a short run of capitals ("1. Công tác / PBGDPL")."""
    e = text.find("\n", s, end)
    if e < 0:
        return end
    while True:
        line = text[text.rfind("\n", 0, e) + 1:e].strip(" \t|")
        nxt = text.find("\n", e + 1, end)
        nxt = end if nxt < 0 else nxt
        following = text[e + 1:nxt].strip(" \t|")
        if not following or _BULLET_OR_MARKER.match(following) or _PAGE_NUMBER.match(following) \
                or line.endswith((".", ";", ":", "!", "?")):
            return e
        first = following.split(None, 1)[0]
        if _CONTINUATION.match(following) or _OPEN_END.search(line) or (first.isupper() and (
                line.isupper() and following.isupper() or following.count(" ") < 3)):
            e = nxt
            continue
        return e


def _next_content_line(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The next non-blank line that is not a page number, from `pos`."""
    while pos < end:
        s = text.find("\n", pos, end)
        if s < 0:
            return None
        s += 1
        e = text.find("\n", s, end)
        e = end if e < 0 else e
        line = text[s:e]
        if line.strip() and not _PAGE_NUMBER.match(line):
            return s + len(line) - len(line.lstrip(" \t|")), e
        pos = e
    return None


def _is_heading(text: str, c: _Node, candidates: list[_Node], nxt_index: int, end: int) -> bool:
    """Whether candidate `c` is a heading; `candidates[nxt_index:]` are the numbered lines after it."""
    if c.kind in ("part", "dieu", "roman"):
        return True
    phrase, colon, task = c.heading.partition(":")
    if colon and task.strip() and not task.strip().startswith(("-", "+")):
        if heading_unit(phrase, plural=True):
            c.unit = True
            text_start = c.body_text_start - len(c.heading)
            c.heading = phrase
            c.heading_end = text_start + len(phrase)
            c.body_text_start = c.heading_end + len(colon)
            return True
        return False
    if not (_short_phrase(fold_ws(phrase)) or _names_units(fold_ws(phrase))):
        return False
    c.heading = phrase
    # body text must follow before the next numbered line of the same or a higher rank
    nxt = _next_content_line(text, c.heading_end, end)
    if nxt is None:
        return False
    line_start = text.rfind("\n", 0, nxt[0]) + 1
    follower = next((candidates[j] for j in range(nxt_index, len(candidates))
                     if candidates[j].line_start >= line_start), None)
    if follower is None or follower.rank > c.rank:
        return True
    if follower.line_start > line_start:
        return not _wrapped_item(text, c, nxt, follower, end)
    # a list numbered afresh under the line ("1. Mục đích." then "1. Làm cho ...")
    return follower.kind == c.kind and follower.rank == c.rank and _ordinal(follower) <= _ordinal(c)


def _ends_item_list(text: str, candidates: list[_Node], heads: list[bool], i: int, end: int) -> bool:
    """Whether heading candidate `i` is the last item of a numbered list: numbered siblings are
    judged together, and a last sentence ("4. Báo cáo kết quả ... trước ngày 25/10/2023.")
    after siblings that are list items is one too, though a closing paragraph follows it; not
    where a list or numbered lines open under it (a true heading's body)."""
    c = candidates[i]
    if c.kind not in ("arabic", "letter") or c.unit or not c.heading.rstrip().endswith("."):
        return False
    before = next((j for j in range(i - 1, -1, -1) if candidates[j].rank <= c.rank), None)
    after = next((j for j in range(i + 1, len(candidates)) if candidates[j].rank <= c.rank), None)
    if before is None or heads[before] or not _next_sibling(candidates[before], c):
        return False
    if after is not None and _next_sibling(c, candidates[after]):
        return False            # not the last: judged by what follows it (`_is_heading`)
    nxt = _next_content_line(text, c.heading_end, end)
    return nxt is not None and not _BULLET_OR_MARKER.match(text, nxt[0], nxt[1])


def _next_sibling(a: _Node, b: _Node) -> bool:
    return a.kind == b.kind and a.rank == b.rank and _ordinal(b) == _ordinal(a) + 1


def _names_units(line: str) -> bool:
    """Whether a line is a list of unit names, whose ";" separates names rather than sentences
    ("Các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố")."""
    u = unit_at(line)
    return u is not None and u[1] >= len(line.rstrip(_TRAILING)) and line.count(" ") < _MAX_HEADING_WORDS


def _wrapped_item(text: str, c: _Node, body: tuple[int, int], follower: _Node, end: int) -> bool:
    """Whether the one line under `c`, ending in ";" right before the next sibling number, itself
    an item ending in ";", is the wrap of a list item ("3. Ông Hoàng Văn A, Giám đốc\nSở Nội vụ,
    Phó Trưởng ban;" then "4. Bà ...;")."""
    line = text[body[0]:body[1]].rstrip()
    if not line.endswith(";") or _BULLET_OR_MARKER.match(line) or follower.kind != c.kind \
            or follower.rank != c.rank or _ordinal(follower) != _ordinal(c) + 1 \
            or not follower.heading.rstrip().endswith(";"):
        return False
    after = _next_content_line(text, body[1], end)
    return after is not None and text.rfind("\n", 0, after[0]) + 1 == follower.line_start


def _ordinal(n: _Node) -> int:
    last = n.number.split(".")[-1]
    return int(last) if last.isdigit() else ord(last[0]) if last else 0


def _tree(nodes: list[_Node], candidates: list[_Node], text: str, end: int,
          header: Header) -> list[Section]:
    """Nest the headings by rank; a section ends where the next numbered line (heading or list
    item) of its rank or a higher one begins."""
    sections: list[Section] = []
    stack: list[tuple[_Node, Section]] = []
    report = header.doc_type in _REPORT_TYPES
    starts = [c.line_start for c in candidates]
    for n in nodes:
        while stack and stack[-1][0].rank >= n.rank:
            stack.pop()
        parent = stack[-1] if stack else None
        if n.kind == "arabic" and "." in n.number and parent and parent[0].kind == "arabic" \
                and n.number.split(".")[0] != parent[0].number.split(".")[-1]:
            n.label = n.number              # "3.2" without its "3.": keep the printed number
        path = f"{parent[1].path}.{n.label}" if parent else n.label
        if n.kind == "arabic" and "." in n.number and not (parent and parent[0].kind == "arabic"):
            path = f"{parent[1].path}.{n.number}" if parent else n.number
        depth = path.count(".") + 1 - (1 if path.startswith("P") and "." in path else 0)
        if n.kind == "letter" and depth <= 2:
            continue                         # a) b) under a top-level number: list items
        sec_end = next((candidates[j].line_start
                        for j in range(bisect.bisect_right(starts, n.line_start), len(candidates))
                        if candidates[j].rank <= n.rank), end)
        heading = fold_ws(n.heading).rstrip(_TRAILING).strip(" \t|\"'“”")
        kind = _kind(n, heading, text, sec_end, parent, report)
        sec = Section(path=path, heading=heading, kind=kind, level=path.count(".") + 1,
                      span=Span(n.line_start, sec_end), heading_span=Span(n.line_start, n.heading_end))
        sections.append(sec)
        stack.append((n, sec))
    return sections


def _kind(n: _Node, heading: str, text: str, sec_end: int, parent: tuple[_Node, Section] | None,
          report: bool) -> str:
    if n.unit:
        return "don_vi"
    if n.kind == "dieu":
        body = text[n.body_text_start:sec_end]
        title = body.split("\n", 1)[0]
        if heading_kind(title) == "to_chuc_thuc_hien" or _EXECUTION_TITLE.match(title.strip()) \
                or _EXECUTION.search(body):
            return "to_chuc_thuc_hien"
        return "other"
    kind = heading_kind(heading, report)
    if kind is None:
        # a report's top-level section describes what was done; under a PHẦN the part carries
        # that division, and its sections are topics ("Về kinh tế", "Công tác chỉ đạo")
        kind = "ket_qua" if report and parent is None else "other"
    return kind


def _roman_value(s: str) -> int | None:
    """Value of a Roman numeral made of I, V, X, or None when it is not a well-formed one."""
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total += -v if v < prev else v
        prev = max(prev, v)
    return total if 0 < total < 40 and _to_roman(total) == s.upper() else None


def _to_roman(n: int) -> str:
    out = ""
    for v, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += sym
            n -= v
    return out
