"""Text normalisation shared by every reader: one regex pass that keeps an offset map.

What it repairs, and why:
- line ends: CRLF/CR, and the literal four characters `\\r\\n` that some web captures keep;
- form feeds (page breaks of pdftotext output) become line ends and mark a new page;
- `\\x02`, which pypdfium2 emits for a hyphen broken at a line end (`07/CT\\x02TTg`);
- decomposed Unicode (NFD from PDFs and Mac files) -> NFC; `Ð` (Icelandic eth) -> `Đ`;
  `ƣ` (U+01A3, which fonts of legacy PDFs use for `ư`) -> `ư`;
- no-break and zero-width spaces, soft hyphens, BOMs;
- markdown emphasis (`**`, `__`, `*...*`), heading markers and links, which web captures carry;
- double-spaced text (a blank line after every line, as some PDF and print-to-text tools give):
  the blank lines are squeezed out, so that a blank line again ends a paragraph, as the
  extractors read it.
Everything else (spelling, spacing inside symbols) is left to the extractors, which repair it
where they know what a symbol looks like.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator

from .model import Document, LineHint, OffsetMap

_RULES: list[tuple[str, str | None, str]] = [
    # (pattern, replacement or None for "computed", characters a match can start with)
    (r"\r\n?|\\r\\n", "\n", r"\r\\"),
    (r"\f", None, r"\f"),                                  # page break: "\n" and a page start
    (r"\x02", "-", r"\x02"),
    (r"[\u00a0\u2007\u202f\u3000]", " ", r"\u00a0\u2007\u202f\u3000"),
    (r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", r"\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    (r"Ð", "Đ", "Ð"),
    (r"ð", "đ", "ð"),
    (r"ƣ", "ư", "ƣ"),                                  # legacy PDF fonts print ư as U+01A3
    (r"Ƣ", "Ư", "Ƣ"),
    # markdown bold, "**" or "__" (a run of three underscores or more is a printed rule: kept)
    (r"\*\*|(?<!_)__(?!_)", "", r"*_"),
    # Italics with one star ("*Bắc Ninh, ngày 12 tháng 3 năm 2024*": docx-to-markdown prints the
    # date line so): the opening star where a closing one follows on its line, and the closing
    # star after a word; a footnote's "(*)" and a lone "*" under a header stay.
    (r"(?<![\w*])\*(?=[^\s*](?:[^*\n]*[^\s*])?\*(?![\w*]))", "", "*"),
    (r"(?<=[\w.,;:)\]])\*(?![\w*])", "", "*"),
    # A markdown link keeps its text ("[Công văn số 5488/BYT-KCB](https://...) ngày 07/7/2021"):
    # the brackets and the address go, so the citation's date follows its symbol again.
    (r"\[(?=[^\]\n]+\]\((?:https?:|www\.|/)[^)\s]*\))", "", r"\["),
    (r"\]\((?:https?:|www\.|/)[^)\s]*\)", "", r"\]"),
    (r"(?<![^\n])#{1,6}[ \t]+", "", "#"),
]
# A base letter and its combining marks (NFD text): it can start anywhere, so it is only part
# of the scan when the text is not NFC already.
_COMBINING_RULE = r".[\u0300-\u036f\u0323]+"
_BODY = "|".join(f"({p})" for p, _, _ in _RULES)
_RX_NFC = re.compile(_BODY)
_RX_ALL = re.compile(f"{_BODY}|({_COMBINING_RULE})")
# The characters a rule's match can start with. NFC text is scanned for them alone (a character
# class the regex engine skips to fast; a pattern of alternatives, or one that opens with a
# look-ahead, is tried at every offset) and the rules are tried where one is found.
_RULE_START = re.compile(f"[{''.join(c for _, _, c in _RULES)}]")
_FORMFEED = 2        # group number of the form-feed rule
_COMBINING = len(_RULES) + 1


def _rule_matches(raw: str) -> Iterator[re.Match]:
    """The matches `finditer` of the rules gives on `raw` (no rule matches an empty string)."""
    if not unicodedata.is_normalized("NFC", raw):
        yield from _RX_ALL.finditer(raw)
        return
    pos = 0
    while at := _RULE_START.search(raw, pos):
        m = _RX_NFC.match(raw, at.start())
        if m:
            yield m
        pos = m.end() if m else at.start() + 1


def normalize(raw: str) -> tuple[str, OffsetMap, list[int]]:
    """(normalised text, offset map to `raw`, offsets in the text where new pages begin)."""
    matches = list(_rule_matches(raw))
    text, omap, ends = _rewrite(raw, ((m.start(), m.end(), _replacement(m)) for m in matches))
    page_starts = [0] + [o for m, o in zip(matches, ends) if m.lastindex == _FORMFEED]
    # A trailing form feed starts no page.
    while len(page_starts) > 1 and page_starts[-1] >= len(text.rstrip()):
        page_starts.pop()
    if _double_spaced(text):
        text, squeezed, _ = _rewrite(text, ((m.start(), m.end(), "\n\n" if m.group(1) else "\n")
                                            for m in _BLANK_RUN.finditer(text)))
        omap = _compose(omap, squeezed)
        page_starts = [to_normalized(squeezed, p) for p in page_starts]
    return text, omap, page_starts


def _replacement(m: re.Match) -> str:
    g = m.lastindex
    if g == _FORMFEED:
        return "\n"
    if g == _COMBINING:
        return unicodedata.normalize("NFC", m.group())
    return _RULES[g - 1][1]


def _rewrite(src: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap, list[int]]:
    """`src` with each (start, end, replacement) edit made, in order and without overlaps: the
    text, its map back to `src`, and the offset in the text after each edit."""
    out: list[str] = []
    points = [(0, 0)]
    ends: list[int] = []
    o = r = 0
    for s, e, rep in edits:
        out += (src[r:s], rep)
        o += s - r + len(rep)
        r = e
        if len(rep) != e - s:
            points.append((o, e))
        ends.append(o)
    out.append(src[r:])
    return "".join(out), OffsetMap(points), ends


# A line broken inside a sentence, then one blank line, then its lower-case continuation: the
# mark of double spacing, which a text whose paragraphs are separated by blank lines never has.
_WRAP_OVER_BLANK = re.compile(r"[^\W\d_],?[ \t]*\n[ \t]*\n[ \t]*([^\W\d_])")
_GAP = re.compile(r"\n(?:[ \t]*\n)*")
# Lines of a double-spaced text: one blank line between two lines is none; more is a paragraph break.
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:([ \t]*\n)+)?")
MIN_WRAPS_OVER_BLANK = 3
MAX_ADJACENT_SHARE = 0.1      # double-spaced: at most this share of lines follow a line directly


def _double_spaced(text: str) -> bool:
    # The line gaps first: a scan for a literal, and most texts have lines that follow each other.
    gaps = _GAP.findall(text.strip())
    if len(gaps) <= MIN_WRAPS_OVER_BLANK or gaps.count("\n") > MAX_ADJACENT_SHARE * len(gaps):
        return False
    return sum(c.islower() for c in _WRAP_OVER_BLANK.findall(text)) >= MIN_WRAPS_OVER_BLANK


def _compose(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """The map of `second` (text -> an intermediate text) followed by `first` (intermediate -> raw)."""
    breaks = {o for o, _ in second.points} | {to_normalized(second, n) for n, _ in first.points}
    return OffsetMap([(o, first.to_raw(second.to_raw(o))) for o in sorted(breaks)])


def make_document(raw: str, source: str, fmt: str, *, raw_page_starts: list[int] | None = None,
                  raw_hints: list[LineHint] | None = None, encoding: str | None = None,
                  warnings: list[str] | None = None) -> Document:
    """A `Document` from a reader's raw text; page starts and hints given in raw offsets."""
    text, omap, page_starts = normalize(raw)
    if raw_page_starts and len(raw_page_starts) > 1:
        page_starts = sorted({to_normalized(omap, p) for p in raw_page_starts})
    hints = [LineHint(to_normalized(omap, h.start), to_normalized(omap, h.end), h.bold, h.align,
                      h.numbering, h.in_table) for h in raw_hints or []]
    return Document(source=source, format=fmt, text=text, pages=len(page_starts),
                    page_starts=page_starts, offset_map=omap, encoding=encoding, hints=hints,
                    warnings=list(warnings or []))


def to_normalized(omap: OffsetMap, raw_offset: int) -> int:
    """The normalised offset of a raw offset (inverse of `OffsetMap.to_raw`)."""
    # Raw offsets grow with normalised ones, so the last point at or before `raw_offset` rules.
    i = bisect.bisect_right(omap.points, raw_offset, key=lambda p: p[1]) - 1
    norm, raw = omap.points[max(i, 0)]
    return norm + (raw_offset - raw)


def document_from_text(text: str, source: str = "<text>") -> Document:
    """A `Document` straight from a string: for tests, notebooks and callers with text in hand."""
    return make_document(text, source, "txt")
