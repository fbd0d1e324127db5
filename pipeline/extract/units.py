"""Units given work (assignments) with role, tasks and deadlines.

These places give a unit work (RECORD.md "Assignments"):
- the heading of a `don_vi` subsection ("4. Sở Nội vụ: Chủ trì, ..."), one assignment per unit
  it lists, its bullets being the unit's tasks;
- a sentence whose subject is a unit list and whose verb is a task ("Các cơ quan, đơn vị chủ
  động triển khai ...", a decision's "... chịu trách nhiệm thi hành Quyết định này"), or the
  object of "yêu cầu / đề nghị / giao" ("đề nghị các thành viên ... phối hợp thực hiện");
- the agent of a task ("Xe ô tô ... do Văn phòng Sở bố trí");
- a reference back to the letter's addressee or to units listed earlier ("Quý Sở nghiên cứu",
  "đề nghị Công ty thực hiện"), which stands for those units' names;
- a row of a task table (an appendix's "Danh mục nhiệm vụ", `_table_assignments`).
The addressee of a letter is not given work by being addressed: only where the body gives it.
What a report says units already did ("UBND thị xã đã chỉ đạo ...") is kept apart as a
reported action.
"""
from __future__ import annotations

import bisect
import re

from .. import lexicon
from ..model import Assignment, DateExpr, Document, Header, Section, Span, Task
from . import unit_names as un
from .unit_names import fold_ws
from .sections import attached_bounds, body_bounds

_LEX = lexicon.load("units")
_CHU_TRI = re.compile(un.lexicon_pattern(_LEX["role"]["chu_tri"]), re.I)
_PHOI_HOP = re.compile(un.lexicon_pattern(_LEX["role"]["phoi_hop"]), re.I)
_COOPERATING = re.compile(un.lexicon_pattern(_LEX["role"]["cooperating"]))
_CUE_SPACING = 12           # extra whitespace a wrapped or justified cue phrase may hold


def _cue_regex(phrase: str) -> tuple[re.Pattern, re.Pattern, int]:
    """A cue phrase found led by a literal (its last word; a one-word phrase without its first
    letter): the regex engine scans for a literal fast, and checks the phrase behind it where
    its words are one whitespace apart ("đề\\nnghị": group `one`). Where more whitespace stands
    before the literal ("đề  nghị"), the whole phrase is checked after the scan, its words any
    whitespace apart. Its first letter in either case. Returns the literal's regex, the
    phrase's (anchored at its end) and the phrase's length."""
    words = phrase.split()
    literal = re.escape(words[-1] if len(words) > 1 else words[0][1:])
    first = f"[{phrase[0].lower()}{phrase[0].upper()}]"
    rest = list(map(re.escape, [words[0][1:], *words[1:]]))
    behind = first + r"\s".join(rest)
    scan = re.compile(f"{literal}(?:(?<={behind})(?P<one>)|(?<=\\s\\s{literal}))\\s+")
    whole = re.compile(first + un.lexicon_pattern(" ".join(rest)) + r"\Z")
    return scan, whole, len(phrase)


def _directive_cues(text: str, start: int, end: int):
    """Every directive cue in text[start:end]: (where the phrase begins, where the text after it
    resumes). A cue of `directive_opening` counts only where it opens a sentence."""
    for (scan, whole, length), opening in _DIRECTIVES:
        for m in scan.finditer(text, start, end):
            if m.group("one") is not None:          # checked by the scan
                cue = m.start("one") - length
            else:
                lit_end = m.start() + len(m.group().rstrip())
                phrase = whole.search(text, max(start, lit_end - length - _CUE_SPACING), lit_end)
                if not phrase:
                    continue
                cue = phrase.start()
            if not opening or _SENTENCE_OPENING.search(text, max(0, cue - _OPENING_WIDTH), cue):
                yield cue, m.end()


_DIRECTIVES = [(_cue_regex(p), False) for p in _LEX["cue"]["directive"]] + \
    [(_cue_regex(p), True) for p in _LEX["cue"]["directive_opening"]]
# what stands before a sentence's first word: a line start (after a bullet or a number) or a full stop
_SENTENCE_OPENING = re.compile(rf"(?:(?:^|\n)[ \t|]*(?:[-+•*–]|{un.LIST_NUMBER}|[a-zđ]\))?|[.!?:])[ \t]*\Z")
_OPENING_WIDTH = 12
_CONSIDERED = re.compile(un.lexicon_pattern(_LEX["cue"]["considered"]))
_PAST_CLAUSE = re.compile(un.lexicon_pattern(_LEX["cue"]["past_clause"]))
_QUOTED_SUBJECT = re.compile(un.lexicon_pattern(_LEX["cue"]["quoted_subject"]))
_AGENT = re.compile(un.lexicon_pattern(_LEX["agent"]["cue"]))
_AGENT_VERB = re.compile(un.lexicon_pattern(_LEX["agent"]["verbs"]))
_AGENT_QUALIFIES = re.compile(un.lexicon_pattern(_LEX["agent"]["qualifies"]))
_ANAPHORA = re.compile(un.lexicon_pattern(_LEX["anaphora"]["pattern"]))
_GENERIC_REFERENCE = {un.fold(w) for w in _LEX["anaphora"]["generic"]}
_LIST_INTRO = re.compile(un.lexicon_pattern(_LEX["anaphora"]["list_intro"]))    # ends with the colon
_LIST_INTRO_WIDTH = 40
_COLON = re.compile(":")
_POLITE = re.compile(r"uý\s")           # "Quý Sở", "quý cơ quan": always the addressee
_TABLE_HEADERS = [re.compile(un.lexicon_pattern(_LEX["table"]["header_cue"].replace("{SEP}", sep)), re.M)
                  for sep in (r"\|", r"\t")]
_COLUMNS = [(re.compile(un.lexicon_pattern(c["pattern"])), c["role"]) for c in _LEX["table"]["column"]]
_UNIT_COLUMNS = ("chu_tri", "phoi_hop", "thuc_hien")
_LABEL = re.compile(un.lexicon_pattern(_LEX["table"]["label"]))
# a colon right after a label's last words (one space before it at most), in either case
_LABEL_COLON = re.compile(":(?:" + "|".join(f"(?<={w}{sp}:)" for e in _LEX["table"]["label_ends"]
                                            for w in (e, e.capitalize()) for sp in ("", " ")) + ")")
_ACTUAL = re.compile(un.lexicon_pattern(_LEX["table"]["actual"]))
_LETTER = re.compile(r"[^\W\d_]")
_CELL_SPLIT = re.compile(r"\s*;\s*|\n")
_REPORTED = re.compile(un.lexicon_pattern(_LEX["cue"]["reported"]))
_TASK_START = un.TASK_START
_CLOSING = re.compile(un.lexicon_pattern(_LEX["cue"]["closing"]))
_LIST_ITEM = re.compile(rf"[ \t|]*(?:{un.LIST_NUMBER})")
_SECTION_KINDS = lexicon.load("section_kinds")
_TASK_KINDS = set(_SECTION_KINDS["task_kinds"])      # sections whose sentences give work
_SENTENCE_LOOKBACK = 300
_MARKER_ONLY = re.compile(r"[ \t|]*(?:(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)/:\-–]?)?[ \t]*$")
_LIST_NEXT = re.compile(r"\s*(?:[;,]|\bvà\b)\s*")
_REPORT_TYPES = set(_SECTION_KINDS["report"]["doc_types"])

# Where a sentence may open with its subject, a unit's head (or a prefix) following: a line
# start after a bullet or number, an opening phrase of time or condition ("Định kỳ ..., "), a
# line start in capitals (a wrapped line goes on in lower case), a full stop, or a spaced dash.
# Each regex is led by a literal so that the regex engine scans fast (one alternation of them is
# four times slower).
_UNIT_AHEAD = rf"(?=[{un.UPPER}cđtngyks])(?=(?:{un.PREFIX_ALT})?(?:{un.HEAD.pattern}|{un.PLURAL_ALT}))"
_ADVERBIAL = un.lexicon_pattern(_LEX["cue"]["opening_adverbial"])
_SENTENCE_STARTS = (
    re.compile(rf"\n[ \t|]*(?:[-+•*–]|{un.LIST_NUMBER}|[a-zđ]\)|Điều\s+\d+\.)[ \t]*"
               + _UNIT_AHEAD),
    # after an opening phrase of time or condition, on a line start (bullet or not) or a full stop
    re.compile(rf"\n[ \t|]*(?:(?:[-+•*–]|{un.LIST_NUMBER})[ \t]*)?{_ADVERBIAL}" + _UNIT_AHEAD),
    re.compile(rf"\.[ \t]+{_ADVERBIAL}" + _UNIT_AHEAD),
    re.compile(rf"\n[ \t|]*(?=[{un.UPPER}])" + _UNIT_AHEAD),
    re.compile(r"\.(?:/\.)?[ \t]+" + _UNIT_AHEAD),
    re.compile(r"-(?<=\s-)[ \t]+" + _UNIT_AHEAD),
    re.compile(r"–(?<=\s–)[ \t]+" + _UNIT_AHEAD),
)
_SENTENCE_END = re.compile(rf"[.!?](?=\s|$)|\n[ \t|]*(?:[-+•*]|{un.LIST_NUMBER})")
# a new paragraph: after a sentence's end at a line's end, or after a blank line
_PARAGRAPH = re.compile(rf"(?:[.;!?][ \t]*\n|\n[ \t|]*\n)(?:[ \t|]*\n)*[ \t|]*(?=[{un.UPPER}])")
_OPENING_ADVERBIAL = re.compile(_ADVERBIAL)
_INTRODUCTION = re.compile(r"như sau\s*:|sau đây\s*:|dưới đây\s*:")
_BULLET = re.compile(r"\n[ \t|]*[-+•*–][ \t]*")     # led by the line break: a fast scan
_BLANKS = re.compile(r"\s*")
_BRACKET = re.compile(r"[()]")


def role_of(task: str) -> str:
    """chu_tri when the task opens with "Chủ trì", phoi_hop with "Phối hợp", else thuc_hien."""
    if _CHU_TRI.match(task):
        return "chu_tri"
    if _PHOI_HOP.match(task):
        return "phoi_hop"
    return "thuc_hien"


def extract_assignments(doc: Document, header: Header, sections: list[Section],
                        dates: list[DateExpr]) -> tuple[list[Assignment], list[Assignment]]:
    text = doc.text
    locality = header.issuer.locality
    found = _Collector()
    body = body_bounds(doc, header)
    for start, end in [body, *attached_bounds(doc, header, body[1])]:
        inside = [s for s in sections if start <= s.span.start < end]
        _assignments_in(text, start, end, header, inside, found, locality)
    _table_assignments(text, body[0], sections, found, locality, dates)
    _labelled_assignments(text, body[0], sections, found, locality, dates)
    _time_tasks(found.assignments, dates)
    return found.assignments, found.reported


def _assignments_in(text: str, start: int, end: int, header: Header, sections: list[Section],
                    found: _Collector, locality: str | None) -> None:
    """The assignments of text[start:end] (the body, or a document attached to a decision),
    whose sections are `sections`."""
    unit_sections = [s for s in sections if s.kind == "don_vi"]
    closing = _CLOSING.search(text, max([s.span.start for s in sections], default=start), end)
    closing_at = closing.start() + 1 if closing else end
    last = max(sections, key=lambda s: s.span.start, default=None)
    if last is not None and last.kind == "don_vi":
        closing_at = min(closing_at, _closing_paragraph(text, last, closing_at))
    for sec in unit_sections:
        _heading_assignments(text, sec, found, locality, closing_at)
    skip = [(s.span.start, min(s.span.end, closing_at)) for s in unit_sections]
    first_section = min((s.span.start for s in sections), default=start)
    headings = {s.span.start for s in sections}
    opening = sorted({m.end() for rx in _SENTENCE_STARTS
                      for m in rx.finditer(text, max(0, first_section - 1), end)})
    task_spans = [(s.span.start, s.span.end) for s in sections if s.kind in _TASK_KINDS]

    def gives_work(pos: int, item_anywhere: bool = False) -> bool:
        """Whether the text at `pos` gives work: no sections, a task section, a numbered item
        (opened by the sentence at `pos`, or anywhere on its line), the closing paragraph."""
        return (not sections or pos >= closing_at or _inside(pos, task_spans)
                or _on_list_item(text, pos, headings, item_anywhere))

    for pos in opening:
        if _inside(pos, skip):
            continue
        _subject_assignment(text, pos, end, sections, found, locality, gives_work(pos))
    referents = _Referents(text, start, end)
    for cue, after in _directive_cues(text, start, end):
        if _inside(cue, skip) or (cue and text[cue - 1].isalpha()) or (
                "\n" in text[cue:after] and _MARKER_ONLY.match(text, text.rfind("\n", 0, cue) + 1, cue)):
            continue        # a heading ("2. Kiến nghị"), not a cue
        _directive_assignment(text, cue, after, end, sections, found, locality, referents)
    for pos, (s, e), names in referents.polite():
        if _TASK_START.match(text[e:e + 100]) and not _inside(pos, skip):
            _add_units(text, s, e, _sentence_end(text, e, end), sections, found, locality, False, names)
    if header.doc_type not in _REPORT_TYPES:
        _agent_assignments(text, start, end, sections, found, locality, gives_work)


def _closing_paragraph(text: str, sec: Section, end: int) -> int:
    """Where the closing paragraph begins inside the last unit's section (else `end`): the first
    paragraph after its heading whose subject is another unit ("Thủ trưởng các phòng, đơn vị
    thuộc Sở báo cáo ...") or that gives work to units ("Đây là nhiệm vụ cấp bách, yêu cầu Thủ
    trưởng các cơ quan ..."): the list of units has ended, the text speaks to them all."""
    hs = sec.heading_span or Span(sec.span.start, sec.span.start)
    named = un.heading_unit(sec.heading, plural=True) or sec.heading
    own = [n for _, _, n in un.split_units(named)]
    stop = min(sec.span.end, end)
    for m in _PARAGRAPH.finditer(text, hs.end, stop):
        p = m.end()
        adverbial = _OPENING_ADVERBIAL.match(text, p, stop)
        u = un.unit_at(text, adverbial.end() if adverbial else p, stop)
        if u and _TASK_START.match(text[u[1]:min(stop, u[1] + 100)]) and not any(
                un.same_unit(n, o) for _, _, n in un.split_units(text[u[0]:u[1]]) for o in own):
            return p - 1
        sent_end = _sentence_end(text, p, stop)
        if any(un.unit_at(text, after, stop) for _, after in _directive_cues(text, p, sent_end)):
            return p - 1
    return end


def _time_tasks(assignments: list[Assignment], dates: list[DateExpr]) -> None:
    """Each task's deadline and recurrence: the first the dates stage found inside its span."""
    timed = sorted((d for d in dates if d.kind in ("deadline", "recurrence")), key=lambda d: d.span.start)
    starts = [d.span.start for d in timed]
    for a in assignments:
        for t in a.tasks:
            i = bisect.bisect_left(starts, t.span.start)
            for d in timed[i:bisect.bisect_left(starts, t.span.end)]:
                if d.kind == "deadline" and t.deadline is None:
                    t.deadline = d.value
                elif d.kind == "recurrence" and t.recurrence is None:
                    t.recurrence = d.recurrence


class _Collector:
    """Assignments in text order, one per unit and section; a unit already named under
    another spelling keeps the document's first spelling."""

    def __init__(self) -> None:
        self.assignments: list[Assignment] = []
        self.reported: list[Assignment] = []

    def add(self, a: Assignment, reported: bool = False) -> None:
        target = self.reported if reported else self.assignments
        for b in target:
            if un.same_unit(a.unit, b.unit):
                if b.section == a.section:
                    b.tasks.extend(t for t in a.tasks if t not in b.tasks)
                    return
                a.unit = b.unit
                break
        target.append(a)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _section_at(sections: list[Section], pos: int) -> str | None:
    """Path of the innermost section whose span holds `pos`."""
    best = None
    for s in sections:
        if s.span.start <= pos < s.span.end and (best is None or s.span.start >= best.span.start):
            best = s
    return best.path if best else None


def _make(unit: str, role: str, section: str | None, span: Span, tasks: list[Task],
          locality: str | None) -> Assignment:
    return Assignment(unit=unit, role=role, section=section,
                      unit_normalized=un.normalize_unit(unit, locality),
                      collective=un.is_collective(unit), span=span, tasks=tasks)


def _on_list_item(text: str, pos: int, headings: set[int], anywhere: bool = False) -> bool:
    """Whether `pos` opens the text of a numbered line that is not a heading (or, with
    `anywhere`, stands on such a line)."""
    ls = text.rfind("\n", 0, pos) + 1
    m = _LIST_ITEM.match(text, ls, pos)
    return bool(m) and ls not in headings and (anywhere or not text[m.end():pos].strip())


def _heading_assignments(text: str, sec: Section, found: _Collector, locality: str | None,
                         closing_at: int) -> None:
    hs = sec.heading_span or Span(sec.span.start, sec.span.start)
    named = un.heading_unit(sec.heading, plural=True) or sec.heading     # a don_vi heading names units
    body_start = hs.end
    body = text[body_start:max(body_start, min(sec.span.end, closing_at))]
    tasks = _tasks(body, body_start)
    role = tasks[0].role if tasks else "thuc_hien"
    offset = text.find(named, hs.start, hs.end)
    for off, off_end, unit in un.split_units(named):
        span = Span(offset + off, offset + off_end) if offset >= 0 else hs
        found.add(_make(unit, role, sec.path, span, tasks, locality))


def _tasks(body: str, base: int) -> list[Task]:
    """A unit's tasks: its bullets, or its body as one task."""
    b = body.lstrip(" \t:|")
    lead = len(body) - len(b)
    cuts = [m.end() - 1 for m in _BULLET.finditer("\n" + b)]
    pieces: list[tuple[int, int]] = []
    if b[:cuts[0]].strip(" \t\n-+•*–") if cuts else False:
        pieces.append((0, cuts[0]))
    if not cuts:
        pieces.append((0, len(b)))
    for i, c in enumerate(cuts):
        nxt = b.rfind("\n", c, cuts[i + 1]) if i + 1 < len(cuts) else len(b)
        pieces.append((c, nxt if nxt > c else len(b)))
    tasks = []
    for s, e in pieces:
        t = fold_ws(b[s:e]).strip(" -+•*–")
        if t:
            tasks.append(_task(t, Span(base + lead + s, base + lead + e), b[s:e]))
    return tasks


def _task(t: str, span: Span, raw: str) -> Task:
    coop = []
    for m in _COOPERATING.finditer(raw):
        u = un.unit_at(raw, m.end())
        if u:
            coop.extend(name for _, _, name in un.split_units(raw[u[0]:u[1]]))
    return Task(text=t, span=span, role=role_of(t), cooperating=coop)


def _sentence_end(text: str, pos: int, end: int) -> int:
    m = _SENTENCE_END.search(text, pos, end)
    return m.start() + (1 if m and text[m.start()] in ".!?" else 0) if m else end


def _subject_assignment(text: str, pos: int, end: int, sections: list[Section], found: _Collector,
                        locality: str | None, gives_work: bool) -> None:
    """A sentence opening with units: an assignment where the text gives work (task sections,
    numbered items, the closing paragraph), a reported action anywhere when its verb is past."""
    u = un.unit_at(text, pos, end)
    if not u:
        return
    s, e = u
    rest = text[e:min(end, e + 200)]
    reported = bool(_REPORTED.match(rest))
    if not reported and not (gives_work and _TASK_START.match(rest)):
        return
    sent_end = _sentence_end(text, e, end)
    if _INTRODUCTION.search(text, e, sent_end + 1):
        return                  # the issuer introducing its plan or report
    _add_units(text, s, e, sent_end, sections, found, locality, reported)


def _directive_assignment(text: str, cue: int, after: int, end: int, sections: list[Section],
                          found: _Collector, locality: str | None, referents: "_Referents") -> None:
    """The units after a directive cue at `cue` ("đề nghị", text resuming at `after`)."""
    if _CONSIDERED.search(text, max(0, cue - 10), cue):
        return
    u = un.unit_at(text, after, end)
    names = None
    if not u:
        ref = referents.at(after)
        if not ref:
            return
        u, names = ref
    s, e = u
    if _QUOTED_SUBJECT.match(text, _sentence_start(text, cue, "."), cue):
        return                  # an instruction quoted from another instrument
    reported = bool(_PAST_CLAUSE.search(text, _sentence_start(text, cue), cue))
    _add_units(text, s, e, _sentence_end(text, e, end), sections, found, locality, reported, names)


def _sentence_start(text: str, pos: int, stops: str = ".;:") -> int:
    """Where the sentence (or clause) holding `pos` begins: after one of `stops` or a blank line
    (looking back a little). "Thực hiện Công văn A; Công văn B, Sở X đề nghị ..." is one sentence
    whose subject is Sở X: a clause after ";" may open with an instrument that is no subject."""
    lo = max(0, pos - _SENTENCE_LOOKBACK)
    cut = max(text.rfind(stop, lo, pos) for stop in stops)
    blank = text.rfind("\n\n", lo, pos)
    return max(cut + 1, blank + 2 if blank >= 0 else 0, lo)


def _agent_assignments(text: str, start: int, end: int, sections: list[Section],
                       found: _Collector, locality: str | None, gives_work) -> None:
    """"... do Văn phòng Sở bố trí": the unit after "do" is given the task its verb names, where
    the text gives work and the "do" phrase is the clause's predicate (not one that qualifies a
    noun before the clause's own verb: "dự thảo do UBND tỉnh chủ trì soạn thảo được truyền thông")."""
    for m in _AGENT.finditer(text, start, end):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        u = un.unit_at(text, m.end(), end)
        if not u or not _AGENT_VERB.match(text, u[1], end) or not gives_work(m.start(), True) \
                or _AGENT_QUALIFIES.match(text, u[1], end):
            continue
        s, e = u
        sent = _sentence_start(text, s)
        _add_units(text, s, e, _sentence_end(text, e, end), sections, found, locality, False,
                   task_start=sent)


class _Referents:
    """The units a reference back ("Quý Sở", "Công ty", "đơn vị nêu trên") stands for: the
    letter's addressees, and units listed after "các đơn vị:", each list from where it stands.
    The lists are read on the first reference (most documents hold none)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self._lists: list[tuple[int, list[str]]] | None = None

    @property
    def lists(self) -> list[tuple[int, list[str]]]:
        if self._lists is None:
            text, start, end = self.text, self.start, self.end
            addressees = _addressees(text, end)
            self._lists = [(0, addressees)] if addressees else []
            for colon in _COLON.finditer(text, start, end):      # a literal: a fast scan
                if _LIST_INTRO.search(text, max(start, colon.start() - _LIST_INTRO_WIDTH), colon.end()):
                    names = _unit_list(text, colon.end(), end)
                    if names:
                        self._lists.append((colon.start(), names))
        return self._lists

    def polite(self):
        """Every "Quý Sở" / "Quý cơ quan" in the body: (position, span, names)."""
        text = self.text
        for m in _POLITE.finditer(text, self.start + 1, self.end):
            ref = self.at(m.start() - 1) if text[m.start() - 1] in "Qq" else None
            if ref:
                yield m.start(), ref[0], ref[1]

    def at(self, pos: int) -> tuple[tuple[int, int], list[str]] | None:
        """((start, end) of the reference at `pos`, the names it stands for), or None."""
        m = _ANAPHORA.match(self.text, pos, self.end)
        if not m or not self.lists:
            return None
        word = un.fold(m.group("polite") or m.group("kind") or m.group("generic"))
        for at, names in reversed(self.lists):
            if at > pos:
                continue
            hit = names if word in _GENERIC_REFERENCE else \
                [n for n in names if un.fold(n).startswith(word) or f" {word}" in un.fold(n)[:30]]
            if hit:
                return (m.start(), m.end()), hit
        return None


def _addressees(text: str, end: int) -> list[str]:
    """The units after "Kính gửi:" (one, or a dashed list)."""
    names = []
    for piece in un.addressees(text, end):
        u = un.unit_at(piece)
        if u:
            names.extend(n for _, _, n in un.split_units(piece[u[0]:u[1]]))
    return names


def _unit_list(text: str, pos: int, end: int) -> list[str]:
    """The units of a list that opens at `pos`, each possibly followed by a note in brackets:
    "Công ty A (Gói thầu số 13 ...); Tổng công ty B (...); Công ty C (...)"."""
    names = []
    while True:
        pos = _BLANKS.match(text, pos, end).end()
        u = un.unit_at(text, pos, end)
        if not u:
            return names
        names.extend(n for _, _, n in un.split_units(text[u[0]:u[1]]))
        pos = _skip_brackets(text, u[1], end)
        sep = _LIST_NEXT.match(text, pos, end)
        if not sep:
            return names
        pos = sep.end()


def _skip_brackets(text: str, pos: int, end: int) -> int:
    """Past a note in brackets that opens at `pos` (after blanks), nested ones included."""
    i = _BLANKS.match(text, pos, end).end()
    if i >= end or text[i] != "(":
        return pos
    depth = 0
    for b in _BRACKET.finditer(text, i, end):
        depth += 1 if b.group() == "(" else -1
        if depth == 0:
            return b.end()
    return pos


def _add_units(text: str, s: int, e: int, sent_end: int, sections: list[Section],
               found: _Collector, locality: str | None, reported: bool,
               names: list[str] | None = None, task_start: int | None = None) -> None:
    """One assignment per unit of text[s:e] (or per name in `names`, for a reference back),
    with the rest of the sentence (or the whole sentence from `task_start`) as its task."""
    t0 = e if task_start is None else task_start
    task_text = fold_ws(text[t0:sent_end]).strip(" ,:;")
    task = _task(task_text, Span(t0, sent_end), text[t0:sent_end])
    section = _section_at(sections, s)
    units = [(0, e - s, n) for n in names] if names else un.split_units(text[s:e])
    for off, off_end, unit in units:
        a = _make(unit, task.role, section, Span(s + off, s + off_end), [task], locality)
        found.add(a, reported)


# --- task tables -----------------------------------------------------------------------------

def _table_assignments(text: str, start: int, sections: list[Section], found: _Collector,
                       locality: str | None, dates: list[DateExpr]) -> None:
    """Each row of a task table: its chủ trì units (chu_tri), phối hợp units (phoi_hop) or
    thực hiện units (thuc_hien), with the row's task, cooperating units and deadline."""
    pos = start
    while True:
        m = min(filter(None, (rx.search(text, pos) for rx in _TABLE_HEADERS)), key=re.Match.start, default=None)
        if not m:
            return
        ls = text.rfind("\n", 0, m.start()) + 1
        le = _line_end(text, m.start())
        columns = _header_columns(_cells(text[ls:le]))
        pos = le
        if not columns:
            continue
        pos = _table_rows(text, le, columns, sections, found, locality, dates)


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _cells(line: str) -> list[str]:
    """The cells of a "|" row, the outer bars of a markdown row dropped; else of a row of cells
    between tabs."""
    if "|" not in line:
        return [c.strip() for c in line.strip(" \n").split("\t")]
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def _column_role(cell: str) -> str | None:
    folded = fold_ws(cell).lower().rstrip(" :.")
    return next((role for rx, role in _COLUMNS if rx.search(folded)), None)


def _header_columns(cells: list[str]) -> list[str | None] | None:
    """The role of each column of a header row, or None when the row is no task table's header."""
    roles = [_column_role(c) for c in cells]
    if "measure" in roles:          # a results table: its bare "Thực hiện" holds figures
        roles = [None if r == "thuc_hien" and _ACTUAL.match(fold_ws(c).lower()) else r
                 for r, c in zip(roles, cells)]
    if "task" in roles and ("chu_tri" in roles or "thuc_hien" in roles):
        return roles
    return None


def _table_rows(text: str, pos: int, columns: list[str | None], sections: list[Section],
                found: _Collector, locality: str | None, dates: list[DateExpr]) -> int:
    """Read the rows after a header from `pos`; returns where the table ends. A row whose
    number cell is empty goes on with the row above: its cells are the wrapped lines of that
    row's cells ("| 1 | ... | Phòng Kinh tế và |" over "|   | ... | Hạ tầng |")."""
    row: tuple[int, int, list[str]] | None = None     # the row being read: start, end, cells
    order = columns.index("order") if "order" in columns else None

    def flush() -> None:
        if row is not None:
            _table_row(text, row[0], row[1], row[2], columns, sections, found, locality, dates)

    while pos < len(text):
        ls = pos + 1
        le = _line_end(text, ls)
        line = text[ls:le]
        if "|" not in line and "\t" not in line.strip(" \t"):
            if line.strip():
                pos = ls        # the table ends at the first line that is no row
                break
            pos = le
            continue
        cells = _cells(line)
        sub = [_column_role(c) for c in cells]
        if all(r in _UNIT_COLUMNS for r, c in zip(sub, cells) if c) and any(sub):
            flush()
            row = None
            columns = _split_header(columns, sub)    # "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
            order = columns.index("order") if "order" in columns else None
        elif len(cells) == len(columns):
            if row is not None and order is not None and not cells[order]:
                row = (row[0], le, [f"{a} {b}" if a and b else a or b for a, b in zip(row[2], cells)])
            else:
                flush()
                row = (ls, le, cells)
        pos = le
    flush()
    return pos


def _split_header(columns: list[str | None], sub: list[str | None]) -> list[str | None]:
    """A header whose "Cơ quan thực hiện" cell spans a second header row ("Chủ trì | Phối hợp").
    A full-width second row (Word keeps the merged cells empty) names its columns in place; a
    narrower one takes the places from the spanning cell on, over its empty neighbours."""
    if "thuc_hien" not in columns:
        return columns
    i = columns.index("thuc_hien")
    if len(sub) > len(columns):            # the header's spanning cell counted once
        columns = columns[:i] + [None] * (len(sub) - len(columns) + 1) + columns[i + 1:]
    if len(sub) == len(columns):
        return [r or c for r, c in zip(sub, columns)]
    width = 1 + next((k for k, c in enumerate(columns[i + 1:]) if c is not None), len(columns) - i - 1)
    named = [r for r in sub if r]
    return columns[:i] + named + [None] * max(0, width - len(named)) + columns[i + width:]


def _table_row(text: str, ls: int, le: int, cells: list[str], columns: list[str | None],
               sections: list[Section], found: _Collector, locality: str | None,
               dates: list[DateExpr]) -> None:
    row = dict(zip(columns, cells))
    task_text = fold_ws(row.get("task") or "")
    if not task_text or not any(row.get(r) for r in _UNIT_COLUMNS):
        return                  # a group title ("I | Nhiệm vụ chung") or an empty row
    span = Span(ls, le)
    deadline, recurrence = _row_time(text, span, row.get("deadline"), dates)
    cooperating = _cell_units(row.get("phoi_hop") or "")
    section = _section_at(sections, ls)
    for role in _UNIT_COLUMNS:
        for unit in _cell_units(row.get(role) or ""):
            coop = cooperating if role != "phoi_hop" else []
            task = Task(text=task_text, span=span, role=role, deadline=deadline,
                        recurrence=recurrence, cooperating=list(coop))
            found.add(_make(unit, role, section, _unit_span(text, unit, span), [task], locality))


def _labelled_assignments(text: str, start: int, sections: list[Section], found: _Collector,
                          locality: str | None, dates: list[DateExpr]) -> None:
    """Items that name their units on lines of their own ("- Cơ quan chủ trì: Sở Tư pháp.",
    "- Cơ quan phối hợp: ...", "- Thời gian thực hiện: Quý III năm 2024"), each read as a task
    table's row whose task is the heading of the section the lines stand in. The lines of one
    item follow each other in one section; a role named again opens the next item."""
    item: list[re.Match] = []

    def flush() -> None:
        if not item:
            return
        first = item[0].start()
        section = next((s for s in sections if s.path == _section_at(sections, first)), None)
        cells = [m["value"] for m in item] + [section.heading if section else ""]
        columns = [_column_role(m["label"]) for m in item] + ["task"]
        _table_row(text, first, item[-1].end(), cells, columns, sections, found, locality, dates)
        item.clear()

    for colon in _LABEL_COLON.finditer(text, start):
        m = _LABEL.match(text, max(start, text.rfind("\n", 0, colon.start()) + 1))
        if not m or not m.end("label") <= colon.start() < m.start("value"):
            continue
        gap = text[item[-1].end():m.start()] if item else ""
        if item and (gap.strip(" \t\n.;") or _column_role(m["label"]) in [_column_role(i["label"]) for i in item]):
            flush()
        item.append(m)
    flush()


def _cell_units(cell: str) -> list[str]:
    """The units a cell of a unit column names: a unit list, or failing a known head (a body
    the lexicon does not know: "Tỉnh đoàn"), its pieces between ";" that hold a word."""
    names = []
    for piece in _CELL_SPLIT.split(cell):
        piece = piece.strip(" \t-+•*.,")
        if not _LETTER.search(piece):
            continue            # a figure ("134", "1.850") or a mark: no unit

        u = un.unit_at(piece)
        if u and u[1] - u[0] >= len(piece) // 2:
            names.extend(n for _, _, n in un.split_units(piece[u[0]:u[1]]))
        else:
            names.append(fold_ws(piece))
    return names


def _unit_span(text: str, unit: str, row: Span) -> Span:
    i = text.find(unit, row.start, row.end)
    return Span(i, i + len(unit)) if i >= 0 else row


def _row_time(text: str, row: Span, cell: str | None, dates: list[DateExpr]) -> tuple[str | None, str | None]:
    """(deadline, recurrence) of a row: the dates found in its time cell; a period ("Quý II/2023")
    is due by its end."""
    if not cell:
        return None, None
    i = text.find(cell, row.start, row.end)
    lo, hi = (i, i + len(cell)) if i >= 0 else (row.start, row.end)
    deadline = recurrence = None
    for d in dates:
        if lo <= d.span.start < hi:
            if d.kind == "recurrence":
                recurrence = recurrence or d.recurrence
            elif deadline is None and d.value:
                deadline = d.end or d.value if d.kind == "period" else d.value
    return deadline, recurrence
