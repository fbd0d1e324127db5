"""Units given work (assignments) with role, tasks and deadlines.

Three places give a unit work (RECORD.md "Assignments"):
- the heading of a `don_vi` subsection ("4. Sở Nội vụ: Chủ trì, ..."), one assignment per unit
  it lists, its bullets being the unit's tasks;
- a sentence whose subject is a unit list and whose verb is a task ("Các cơ quan, đơn vị chủ
  động triển khai ...", a decision's "... chịu trách nhiệm thi hành Quyết định này"), or the
  object of "yêu cầu / đề nghị / giao" ("đề nghị các thành viên ... phối hợp thực hiện");
- the single addressee of an official letter ("Kính gửi: Sở Công Thương.").
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
from .sections import body_bounds

_LEX = lexicon.load("units")
_CHU_TRI = re.compile(_LEX["role"]["chu_tri"], re.I)
_PHOI_HOP = re.compile(_LEX["role"]["phoi_hop"], re.I)
_COOPERATING = re.compile(_LEX["role"]["cooperating"])
_DIRECTIVE = re.compile(_LEX["cue"]["directive"])
_REPORTED = re.compile(_LEX["cue"]["reported"])
_TASK_START = re.compile(_LEX["cue"]["task_start"])
_CLOSING = re.compile(_LEX["cue"]["closing"], re.M)
_LIST_ITEM = re.compile(r"[ \t|]*\d{1,2}(?:\.\d{1,2})*[.)]")
# sections whose sentences give work to the units they open with
_TASK_KINDS = {"to_chuc_thuc_hien", "che_do_bao_cao"}
_PAST_BEFORE = re.compile(r"\bđã\s+(?:\S+\s+)?$")
_REPORT_TYPES = set(lexicon.load("section_kinds")["report"]["doc_types"])

# where a sentence may open with its subject: a line start after any bullet or number, or
# after a full stop
# after a full stop (only those openings that hold a unit's head: the one regex pass finds them)
# Where a sentence may open with its subject: a line start after any bullet or number, a full
# stop, or a spaced dash, where a unit's head (or a prefix) follows. Three regexes, each led by
# a literal so that the regex engine scans fast (one alternation of them is four times slower).
_UNIT_AHEAD = rf"(?=[{un.UPPER}cđtngyks])(?=(?:{un.PREFIX_ALT})?(?:{un.HEAD.pattern}))"
_SENTENCE_STARTS = (
    re.compile(r"\n[ \t|]*(?:[-+•*–][ \t]*|\d{1,2}(?:\.\d{1,2})*[.)][ \t]*|[a-zđ]\)[ \t]*|Điều\s+\d+\.[ \t]*)?"
               + _UNIT_AHEAD),
    re.compile(r"\.(?:/\.)?[ \t]+" + _UNIT_AHEAD),
    re.compile(r"(?<=\s)[-–][ \t]+" + _UNIT_AHEAD),
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t|]*(?:[-+•*]|\d{1,2}[.)])")
_INTRODUCTION = re.compile(r"như sau\s*:|sau đây\s*:|dưới đây\s*:")
_BULLET = re.compile(r"^[ \t|]*[-+•*–][ \t]*", re.M)
_ADDRESSEE = re.compile(r"Kính gửi\s*:?[ \t|]*(?P<to>[^\n]*)")


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
    start, end = body_bounds(doc, header)
    locality = header.issuer.locality
    found = _Collector()
    unit_sections = [s for s in sections if s.kind == "don_vi"]
    closing = _CLOSING.search(text, max([s.span.start for s in sections], default=start), end)
    closing_at = closing.start() if closing else end
    for sec in unit_sections:
        _heading_assignments(text, sec, found, locality, closing_at)
    skip = [(s.span.start, min(s.span.end, closing_at)) for s in unit_sections]
    first_section = min((s.span.start for s in sections), default=start)
    headings = {s.span.start for s in sections}
    opening = sorted({m.end() for rx in _SENTENCE_STARTS
                      for m in rx.finditer(text, max(0, first_section - 1), end)})
    for pos in opening:
        if _inside(pos, skip):
            continue
        gives_work = (not sections or pos >= closing_at
                      or any(s.kind in _TASK_KINDS and s.span.start <= pos < s.span.end for s in sections)
                      or _on_list_item(text, pos, headings))
        _subject_assignment(text, pos, end, sections, found, locality, gives_work)
    for m in _DIRECTIVE.finditer(text, start, end):
        if _inside(m.start(), skip) or (m.start() and text[m.start() - 1].isalpha()):
            continue
        _directive_assignment(text, m, end, sections, found, locality)
    if header.doc_type not in _REPORT_TYPES:
        _addressee_assignment(text, end, found, locality)
    _time_tasks(found.assignments, dates)
    return found.assignments, found.reported


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


def _on_list_item(text: str, pos: int, headings: set[int]) -> bool:
    """Whether `pos` opens the text of a numbered line that is not a heading."""
    ls = text.rfind("\n", 0, pos) + 1
    m = _LIST_ITEM.match(text, ls, pos)
    return bool(m) and ls not in headings and not text[m.end():pos].strip()


def _heading_assignments(text: str, sec: Section, found: _Collector, locality: str | None,
                         closing_at: int) -> None:
    hs = sec.heading_span or Span(sec.span.start, sec.span.start)
    named = un.heading_unit(sec.heading)
    if not named:
        return
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
    cuts = [m.end() for m in _BULLET.finditer(b)]
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


def _directive_assignment(text: str, m: re.Match, end: int, sections: list[Section],
                          found: _Collector, locality: str | None) -> None:
    u = un.unit_at(text, m.end(), end)
    if not u:
        return
    s, e = u
    reported = bool(_PAST_BEFORE.search(text, max(0, m.start() - 20), m.start()))
    _add_units(text, s, e, _sentence_end(text, e, end), sections, found, locality, reported)


def _add_units(text: str, s: int, e: int, sent_end: int, sections: list[Section],
               found: _Collector, locality: str | None, reported: bool) -> None:
    task_text = fold_ws(text[e:sent_end]).strip(" ,:;")
    task = _task(task_text, Span(e, sent_end), text[e:sent_end])
    section = _section_at(sections, s)
    for off, off_end, unit in un.split_units(text[s:e]):
        a = _make(unit, task.role, section, Span(s + off, s + off_end), [task], locality)
        found.add(a, reported)


def _addressee_assignment(text: str, end: int, found: _Collector,
                          locality: str | None) -> None:
    """An official letter to one addressee gives that addressee the letter's work."""
    m = _ADDRESSEE.search(text, 0, end)
    if not m:
        return
    to = m.group("to")
    if to.lstrip().startswith("-") and to.count("-") > 1 or ";" in to:
        return                  # several addressees: their work is in the body
    s0 = m.start("to") + len(to) - len(to.lstrip(" -|"))
    u = un.unit_at(text, s0, m.end("to"))
    if not u:
        return
    s, e = u
    units = un.split_units(text[s:e])
    if len(units) != 1:
        return
    found.add(_make(units[0][2], "thuc_hien", None, Span(s, e), [], locality))
