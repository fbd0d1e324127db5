"""Dates, deadlines, periods and recurrences in running text.

Found on raw characters with regexes compiled once from `models/dates.toml`. A date that does not
exist ("31/02/2023", a three-digit year) is reported with `valid=False` and an error, never
corrected. `date_at` reads the date printed right after a citation's symbol (used by the citation
stage); `timing_in` finds the deadline and recurrence inside one span of text (used for tasks).
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import lexicon
from ..model import DateExpr, Document, Span
from .header_layout import OCR_DIGIT_LETTERS, OCR_DIGITS

_LEX = lexicon.load("dates")


def _alternation(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace run."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class _EarliestOf:
    """Several scans run as one: the earliest match of any of them. A scan for one literal
    character runs some twenty times faster than a scan for a class (about 0.3 against 6 ns a
    character of Vietnamese text): one scan a character pays when the characters are rare."""

    def __init__(self, scans: list[re.Pattern]):
        self._scans = scans

    def search(self, text: str, start: int, end: int) -> re.Match | None:
        found = [m for rx in self._scans if (m := rx.search(text, start, end))]
        return min(found, key=re.Match.start, default=None)


class FastPattern:
    """A regex found by a fast scan, with the matches `re.Pattern.finditer` and `search` would give.
    Python's regex engine skips quickly to the characters that can open a match only when the
    pattern opens with a character class (or with literals, one per branch); a pattern that opens
    with a lookaround (`(?<!\\w)`) is tried at every offset, at a few MB/s. So the scan consumes one
    character of `first`, or what the regex `opening` takes (one character: see `opening`), and
    tries the pattern in a lookahead from there; the pattern then reads each place found. With
    `rare`, each character of `first` is scanned for on its own (`_EarliestOf`). Exact when every
    match starts with a character of `first` or with `opening`, and when the pattern's inline
    flags are scoped ("(?i:...)")."""

    def __init__(self, pattern: str, first: str = "", *, opening: str | None = None, rare: bool = False):
        self.rx = re.compile(pattern)
        ahead = rf"(?<=(?={pattern})(?s:.))"
        if opening is not None:
            self._at = re.compile(rf"(?:{opening}){ahead}")
        elif rare:
            self._at = _EarliestOf([re.compile(re.escape(c) + ahead) for c in first])
        else:
            self._at = re.compile(rf"[{re.escape(first)}]{ahead}")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        end = len(text) if end is None else end
        while at := self._at.search(text, start, end):
            m = self.rx.match(text, at.start(), end)
            yield m
            start = max(m.end(), m.start() + 1)

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        at = self._at.search(text, start, end)
        return self.rx.match(text, at.start(), end) if at else None

    def starts(self, text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
        """Every offset where the pattern matches, inside earlier matches too."""
        end = len(text) if end is None else end
        while at := self._at.search(text, start, end):
            yield at.start()
            start = at.start() + 1


# Every character of the Basic Multilingual Plane, where the regex engine is asked which
# characters a case-insensitive class takes.
_BMP = "".join(map(chr, range(0x10000)))


def either_case(chars: str) -> str:
    """`chars` and every character a case-insensitive match takes for one of them ("K" and the
    Kelvin sign for "k"): the `first` of a FastPattern whose pattern ignores case, and the first
    letters of an `opening` that ignores case."""
    return "".join(re.findall(rf"(?i)[{re.escape(chars)}]", _BMP))


def opening(leads: list[str], ignore_case: bool = False) -> str:
    """A FastPattern's `opening`: the first character of each lead (a regex that opens with a
    letter or digit, `\\d` or a class `[..]`; with `ignore_case`, the letter in either case), then a
    look-ahead at the rest of the lead. Its branches open with literals, which the regex engine
    skips to fast, and the look-ahead drops most places (a "t" that opens no "tháng") before the
    pattern is tried."""
    rests: dict[str, list[str]] = {}     # one branch a character: fewer branches to try at each
    for lead in leads:
        if lead.startswith("\\d"):
            chars, rest = "0123456789", lead[2:]
        elif lead.startswith("[") and not {"-", "\\", "^"} & set(lead[1:lead.index("]")]):
            chars, rest = lead[1:lead.index("]")], lead[lead.index("]") + 1:]
        elif lead[:1].isalnum():
            chars, rest = either_case(lead[0]) if ignore_case else lead[0], lead[1:]
        else:
            raise ValueError(f"lead {lead!r} opens with neither a letter, a digit, \\d nor a plain class")
        for c in chars:
            rests.setdefault(c, []).append(rest)
    branches = []
    for c, alts in rests.items():
        ahead = "|".join(alts)
        if "" in alts:                   # a lead of that one character: nothing to look at
            ahead = ""
        elif ignore_case:
            ahead = f"(?=(?i:{ahead}))"
        else:
            ahead = f"(?={ahead})"
        branches.append(re.escape(c) + ahead)
    return "|".join(branches)


_DAY = _LEX["day_word"]["pattern"]
# day / month / year, or "21 tháng 3 năm 2023"; whitespace (line breaks included) between parts.
_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{2,4})(?![\d/])"
_WORDS = r"(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*(?:,\s*)?năm\s+(?P<wy>\d{2,4})"
_DAY_MONTH = r"(?P<dd>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?![\d/])"
_MONTH_YEAR = r"tháng\s+(?P<mm>\d{1,2})\s*(?:/|\s+năm\s+)(?P<my>(?:19|20)\d\d)(?!\d)"
_QUARTER = r"[Qq]uý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|\s+năm\s+)(?P<qy>(?:19|20)\d\d)(?!\d)"
_YEAR_RANGE_LEAD = r"giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|từ\s+năm"
_YEAR_RANGE = (rf"(?:{_YEAR_RANGE_LEAD})\s+(?P<ya>(?:19|20)\d\d)\s*(?:-|–|—|đến(?:\s+năm)?)\s*"
               r"(?P<yb>(?:19|20)\d\d)(?!\d)")
_DATE_RANGE = (rf"[Tt]ừ\s+{_DAY}\s*(?P<ra>\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}})\s+đến\s+(?:{_DAY}\s*)?"
               rf"(?P<rb>\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}})")
_YEAR_LEAD = r"đến|trong|của|cả"
_YEAR = rf"(?:(?:{_YEAR_LEAD})\s+)?năm\s+(?P<year>(?:19|20)\d\d)(?!\d)"
_RECURRENCE = {cue: r["value"] for r in _LEX["recurrence"] for cue in r["cues"]}
# The first words of the cues, checked before the whole list is tried.
_RECURRENCE_LEADS = sorted({re.escape(cue.split()[0]) for cue in _RECURRENCE})
_RECURRENCE_CUE = FastPattern(
    rf"(?i:(?<!\w)(?=(?:{_alternation(_RECURRENCE_LEADS)})(?!\w))(?:{_alternation(list(_RECURRENCE))})(?!\w))",
    opening=opening(_RECURRENCE_LEADS, ignore_case=True))

# How each kind of token below starts (a day, a range, a quarter, a month, a year), as far as
# every token of the kind reads (a day word then a digit, a year's first digits; a number not
# glued to a word, a slash or a point): checked before the kinds are tried one by one, and by the
# scan (`opening`) at each place, which drops all but a few ("năm" not before a year).
_YEAR_START = r"\s+(?:19|20)"
_TOKEN_LEADS = [r"\d(?<![\w/.]\d)", rf"{_DAY}\s*\d", rf"[Tt]ừ\s+{_DAY}",
                *(lead + _YEAR_START for lead in _YEAR_RANGE_LEAD.split("|")), r"[Qq]uý\s+[IV1-4]", r"tháng\s+\d",
                *(rf"{lead}\s+năm{_YEAR_START}" for lead in _YEAR_LEAD.split("|")), "năm" + _YEAR_START]
_TOKEN_LEAD = "|".join(_TOKEN_LEADS)
# The kinds of token, tried in this order at each place.
_TOKEN_KINDS = (rf"(?:(?P<range>{_DATE_RANGE})"
                rf"|(?P<yrange>{_YEAR_RANGE})"
                rf"|(?<![\w/.])(?:{_DAY}\s*)?(?:{_WORDS})"
                rf"|(?<![\w/.])(?:{_DAY}\s*)?(?:{_NUMERIC})"
                rf"|(?<![\w/.]){_DAY}\s*{_DAY_MONTH}"
                rf"|(?<!\w){_QUARTER}"
                rf"|(?<!\w){_MONTH_YEAR}"
                rf"|(?<!\w){_YEAR})")
_TOKEN = FastPattern(rf"(?=(?:{_TOKEN_LEAD})){_TOKEN_KINDS}", opening=opening(_TOKEN_LEADS))
# A deadline cue ending right where a date token begins.
_DEADLINE_CUES = _LEX["deadline"]["cues"]
_DEADLINE_BEFORE = FastPattern(rf"(?i:(?<!\w)(?:{_alternation(_DEADLINE_CUES)})\s*(?:{_DAY}\s*)?$)",
                               opening=opening(sorted({re.escape(cue.split()[0]) for cue in _DEADLINE_CUES}),
                                               ignore_case=True))
# What may stand between a citation's symbol and its date: spaces, and up to three of a comma,
# a parenthesis, a line break (a wrapped line, indented as pdftotext prints it).
_GAP = r"[ \t]*(?:[,(\n][ \t]*){0,3}"
# The date right after a citation's symbol: ", ngày 27/12/2017", "ngày22 tháng 7 năm 2010".
_DATE_AFTER_RX = re.compile(rf"{_GAP}(?:{_DAY})\s*(?:(?:{_WORDS})|(?:{_NUMERIC}))")
_YEAR_AFTER_RX = re.compile(rf"{_GAP}năm\s+(?P<year>(?:19|20)\d\d)"
                            r"|(?=\s)[ \t]*(?:\n[ \t]*)?(?P<bare>(?:19|20)\d\d)(?![\d/])")
_QUARTERS = _LEX["quarter"]["numerals"]
# How far after a symbol an OCR'd scan's letters for 1 and 0 are read as digits.
_OCR_LETTER = re.compile(f"[{OCR_DIGIT_LETTERS}]")
_OCR_WINDOW = 40


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date as printed after a citation: ISO value (or None), validity, where it is."""
    value: str | None
    valid: bool
    error: str | None
    span: Span


@functools.lru_cache(maxsize=4096)
def to_iso(day: str, month: str, year: str) -> tuple[str | None, str | None]:
    """(ISO date, None), or (None, why) when the printed date does not exist (memoised: a
    document prints the same few dates again and again)."""
    if len(year) != 4:
        return None, f"year {year!r} is incomplete"
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat(), None
    except ValueError:
        return None, f"{int(day):02d}/{int(month):02d}/{year} does not exist"


def date_at(text: str, pos: int, year_only: bool = False) -> PrintedDate | None:
    """The date printed at `pos` ("ngày 21/3/2023", "ngày 21 tháng 3 năm 2023"), if any;
    with `year_only`, also "năm 2024" / " 2024" (how laws are dated)."""
    m = _DATE_AFTER_RX.match(text, pos)
    shift = 0
    if not m and _OCR_LETTER.search(text, pos, pos + _OCR_WINDOW):
        # an OCR'd scan's "ngày O6/01/2022": its letters read as the digits they stand for
        m = _DATE_AFTER_RX.match(text[pos:pos + _OCR_WINDOW].translate(OCR_DIGITS))
        shift = pos
    if m:
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["wd"], m["wm"], m["wy"])
        iso, err = to_iso(d, mo, y)
        return PrintedDate(iso, err is None, err, Span(shift + m.start(), shift + m.end()))
    if year_only:
        m = _YEAR_AFTER_RX.match(text, pos)
        if m:
            return PrintedDate(m["year"] or m["bare"], True, None, Span(m.start(), m.end()))
    return None


def _day_month(day: str, month: str) -> tuple[str | None, str | None]:
    """A recurring day of the year, ISO "--MM-DD" (checked against a leap year)."""
    iso, err = to_iso(day, month, "2000")
    return (None, err.replace("/2000", "")) if err else ("--" + iso[5:], None)


_SLASH_RX = re.compile(r"\s*/\s*")


def _expr(m: re.Match, text: str) -> DateExpr:
    """The DateExpr of one token match (kind date or period; deadlines are marked after)."""
    span = Span(m.start(), m.end())
    raw = m.group()
    if m["range"]:
        a, b = (_SLASH_RX.split(m[g]) for g in ("ra", "rb"))
        va, ea = to_iso(*a)
        vb, eb = to_iso(*b)
        return DateExpr("period", raw, span, va, vb, valid=not (ea or eb), error=ea or eb)
    if m["yrange"]:
        return DateExpr("period", raw, span, m["ya"], m["yb"])
    if m["d"] or m["wd"]:
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["wd"], m["wm"], m["wy"])
        iso, err = to_iso(d, mo, y)
        return DateExpr("date", raw, span, iso, valid=err is None, error=err)
    if m["dd"]:
        iso, err = _day_month(m["dd"], m["dm"])
        return DateExpr("date", raw, span, iso, valid=err is None, error=err)
    if m["q"]:
        return DateExpr("period", raw, span, f"{m['qy']}-Q{_QUARTERS[m['q']]}")
    if m["mm"]:
        month = int(m["mm"])
        ok = 1 <= month <= 12
        return DateExpr("period", raw, span, f"{m['my']}-{month:02d}" if ok else None, valid=ok,
                        error=None if ok else f"month {month} does not exist")
    return DateExpr("period", raw, span, m["year"])


def _scan(text: str, start: int, end: int) -> list[DateExpr]:
    out: list[DateExpr] = []
    for m in _TOKEN.finditer(text, start, end):
        e = _expr(m, text)
        cue = (not m["range"] and not m["yrange"]
               and _DEADLINE_BEFORE.search(text, max(start, m.start() - 40), m.start()))
        if cue:
            e.kind = "deadline"
            e.span = Span(cue.start(), e.span.end)
            e.text = text[cue.start():m.end()]
        out.append(e)
    for m in _RECURRENCE_CUE.finditer(text, start, end):
        value = _RECURRENCE[_fold(m.group())]
        out.append(DateExpr("recurrence", m.group(), Span(m.start(), m.end()), recurrence=value))
        # "trước ngày 15/11 hằng năm": the deadline recurs.
        for e in reversed(out[:-1]):
            if e.kind == "deadline" and 0 <= m.start() - e.span.end <= 3:
                e.recurrence = value
                break
    out.sort(key=lambda e: (e.span.start, e.span.end))
    return out


_FOLD_RX = re.compile(r"\s+")
_RECURRENCE_KEYS = {c.lower(): c for c in _RECURRENCE}


def _fold(s: str) -> str:
    return _RECURRENCE_KEYS[_FOLD_RX.sub(" ", s).lower()]


def extract_dates(doc: Document) -> list[DateExpr]:
    """Every date, deadline, period and recurrence in the document, in text order."""
    return _scan(doc.text, 0, len(doc.text))


def timing_in(text: str, start: int = 0, end: int | None = None) -> tuple[DateExpr | None, DateExpr | None]:
    """(the first deadline, the first recurrence) inside text[start:end], for a task's text."""
    found = _scan(text, start, len(text) if end is None else end)
    deadline = next((e for e in found if e.kind == "deadline"), None)
    recurrence = next((e for e in found if e.kind == "recurrence"), None)
    return deadline, recurrence
