"""Cited instruments: find, repair, resolve short forms, key, role; then basis and directives.

Nghị định 30/2020/NĐ-CP asks a document to cite an instrument in full at its first mention (type,
number-symbol, date, issuer, subject) and by type and number after; so every mention of a symbol
is found on raw characters (`citation_symbols`), read with the date, issuer and subject printed
after it, and the mentions are grouped into instruments: one symbol, one instrument, except that
numbering restarts every year (07/CT-TTg of 2012 and of 2023 are two). Short forms ("Quyết định
số 765") and anaphora ("Chỉ thị nêu trên") become mentions of the instrument they name. Laws
named by title ("Luật Báo chí") are instruments too.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .. import lexicon
from ..model import NEWS, Citation, Document, Header, Mention, Span
from .citation_registry import lookup
from .bounds import document_end, document_start
from .citation_symbols import SYMBOL_RX, Symbol, issuer_code, iter_symbols, parse
from .dates import FastPattern, PrintedDate, date_at, opening
from .header_layout import ocr_tolerant

_LEX = lexicon.load("citations")
_LAWS = lexicon.load("instruments")["laws"]


def _alt(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, a space matching any whitespace run."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _fold_ws(s: str) -> str:
    """Whitespace runs as one space, none at the ends."""
    return " ".join(s.split())


# --- lexicon-derived patterns ---------------------------------------------------------------------

_TYPE_OF_WORD = {w.casefold(): e["code"] for e in _LEX["type_word"] for w in e["words"]}
_GENERIC_WORDS = {w.casefold() for e in _LEX["type_word"] if e.get("generic") for w in e["words"]}
_TYPE_WORDS = _alt([w for e in _LEX["type_word"] for w in e["words"]])
# The first words of the type words: where a scan for a type word stops (`opening`).
_TYPE_LEADS = sorted({re.escape(w.split()[0]) for e in _LEX["type_word"] for w in e["words"]})
# The type word printed right before a symbol: "Quyết định số 407/...", "Công văn 285/...", "Số:".
_TYPE_BEFORE = FastPattern(rf"(?i:(?<!\w)(?P<w>{_TYPE_WORDS})\s*(?:số\s*:?\s*)?$)",
                           opening=opening(_TYPE_LEADS, ignore_case=True))
# A short form: type word and bare number ("Quyết định số 765"), not followed by a symbol.
_SHORT_RX = re.compile(rf"(?<!\w)(?P<w>{_TYPE_WORDS})\s+số\s+(?P<n>\d{{1,5}})(?![\w/.-]|\s*/)")
# An anaphor: type word and a cue ("Chỉ thị nêu trên", "Kế hoạch này").
_ANAPHORA_CUES = _alt(_LEX['anaphora']['cues'])
_ANAPHORA_RX = re.compile(rf"(?<!\w)(?P<w>{_TYPE_WORDS})\s+(?P<cue>{_ANAPHORA_CUES})(?!\w)")
# Where either may start: both are looked for in one scan.
_SHORT_OR_ANAPHORA = FastPattern(rf"(?<!\w)(?:{_TYPE_WORDS})\s+(?:số\s+\d|(?:{_ANAPHORA_CUES})(?!\w))",
                                 opening=opening(_TYPE_LEADS))

_ABBREVIATIONS = _LEX["abbreviations"]["map"]
_ABBR = FastPattern(rf"(?<![\w&])(?:{_alt(list(_ABBREVIATIONS))})(?![\w&])", "".join({a[0] for a in _ABBREVIATIONS}))
_ISSUER_CUES = _alt(_LEX["issuer_phrase"]["cues"])
_ISSUER_RX = re.compile(
    rf"\s*,?\s*(?:\([^)]{{0,60}}\)\s*)?của\s+(?P<iss>.+?)"
    rf"(?=\s+(?:{_ISSUER_CUES})(?!\w)|\s+và\s+(?:{_TYPE_WORDS}|các|những)|\s*[,;.:()\[\]“”\"]|\s+\d|$)")
# A registered issuer whose name holds a comma ("của Bộ Văn hóa, Thể thao và Du lịch"): read whole,
# where the phrase above ends at the comma.
_COMMA_NAMES = [e["name"] for e in _LEX["issuer_code"] if "," in e["name"]]
_NAMED_ISSUER_RX = re.compile(
    rf"(?i)\s*,?\s*(?:\([^)]{{0,60}}\)\s*)?của\s+(?P<iss>{_alt(_COMMA_NAMES)})(?!\w)") if _COMMA_NAMES else None
_SUBJECT_LEAD_RX = re.compile(r"^\s*(?:,\s*)?(?:về\s+việc|về|V/v)\s+", re.I)
# Where a clause ends: ";", a full stop, a blank line (read within 600 characters: `_clause_end`).
_SENTENCE_END_RX = re.compile(r"\.(?=\s)|\n")
_CLAUSE_BREAK_RX = re.compile(r"[;.\n](?:(?<=;)|(?<=\.)(?=\s)|(?<=\n)\s*\n)")

_KINDS = [(re.compile(rf"(?i)(?<!\w)(?:{_alt(k['words'])})(?!\w)(?!\s+hội)"), k) for k in _LEX["locality_kind"]]
_CENTRAL_RX = [re.compile(p) for p in _LEX["central_issuer"]["patterns"]]
_NORMATIVE = frozenset(_LEX["normative"]["types"])
_NOT_DIRECTIVE = frozenset(_LEX["normative"]["not_directive_types"])

_ROLE_OF_CUE = {c.casefold(): r["role"] for r in _LEX["role_cue"] for c in r["cues"]}
_ROLE_RX = re.compile(rf"(?i)[\s\-+•*]*(?P<cue>{_alt(list(_ROLE_OF_CUE))})(?!\w)")
# Where a sentence or list item starts: after a full stop, a blank line, a colon ending its line,
# or before a bullet or a number opening a line. One regex per first character: a scan for a
# literal character runs several times faster than a scan for a class of them.
_SEGMENT_START_RXS = (re.compile(r"\.\s+"), re.compile(r":\s*\n"),
                      re.compile(r"\n(?:\s*\n|(?=\s*(?:[-+•]\s|\d+(?:\.\d+)*\.\s|[IVX]+\.\s|[a-zđ]\)\s)))"))
_IMPLEMENTS_RX = re.compile(rf"(?i)(?<!\w)(?:{_alt(_LEX['implements_subject']['cues'])})(?!\w)")

# The document's own number-symbol line: "Số: 3457/BC-UBND", "Số hiệu: 14/KH-UBND".
_OWN_SYMBOL_RX = re.compile(rf"(?<!\w)S{ocr_tolerant('ố')}(?:\s+hiệu)?\s*:?\s*(?P<s>\d[^\s|]*(?:\s?/\s?\S+))")
_DRAFT_SYMBOL_RX = re.compile(r"^\s*/")       # a draft's symbol, its number left blank
# A numbered heading, where the preamble ends when the sections stage found none ("PHẦN THỨ
# NHẤT" also inside a line: some web captures fold the whole document into one line).
_HEADING_RX = re.compile(r"(?m)^[ \t|]*(?:[IVX]{1,4}\s*[.:\-]\s|1\s*[.)]\s|Điều\s+1\s*[.:])"
                         r"|(?<!\w)PHẦN\s+(?:THỨ\s+)?(?:[IVX]+|NHẤT|\d)(?!\w)")
# The line that hands over from the preamble to the body of a letter without numbered headings:
# "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:" (four words at least: not "Kính gửi:").
_LEAD_OUT_RX = re.compile(r"(?m)(?:\S+[ \t]+){3,}\S*:[ \t|]*$")
# Where a line ends in a colon: _LEAD_OUT_RX is tried on such lines only (run over a whole span,
# it restarts at every word and reads on to the line's end: quadratic in a long line).
_COLON_LINE_END_RX = re.compile(r"(?m):[ \t|]*$")

# Laws named by title. "Luật" and "Bộ luật" are found by literal scans (fast: `_law_heads`).
_LAW_RX = re.compile(r"Luật(?!\w)(?<!\w[BL]ộ\s[Ll]uật)(?<!\wLuật)")
_CODE_RX = re.compile(r"Bộ\s+[Ll]uật(?!\w)(?<!\w[BL]ộ\s[Ll]uật)")
_LAW_NOT_AFTER_RX = re.compile(rf"(?<!\w)(?:{_alt(_LEX['law']['not_after'])})\s+$")
# A title is read as tokens: words (a glued "ngày" or footnote digit split off: "phủngày",
# "sản3"), numbers, punctuation; a phrase of tokens is matched on raw characters by
# `_tokens_rx`. Where a word ends: not before another letter, or where a glued "ngày" begins.
_WORD = r"(?:[^\W\d_n]|n(?!gày))+"
_WORD_END = r"(?:(?![^\W\d_])|(?=ngày))"
_LAW_TOKEN_RX = re.compile(rf"\s*({_WORD}|ngày|\d+|[^\s\w]|_)")
_LETTER_RX = re.compile(r"[^\W\d_]")
_WORD_RX = re.compile(r"[^\W\d_]+")
_YEAR_IN_SYMBOL_RX = re.compile(r"/(?:19|20)\d\d/")
_COLUMN_BREAK_RX = re.compile(r"\n[ \t]{12,}")


def _tokens_rx(phrase: str, ignore_case: bool = False) -> str:
    """A regex matching the tokens of `phrase` as whole tokens, whitespace allowed between them
    (not before the first: a branch that opens with a literal is rejected at once)."""
    out = []
    for t in _LAW_TOKEN_RX.findall(phrase):
        w = re.escape(t)
        if t == "ngày":
            out.append("ngày")                             # a token even with letters glued after it
        elif _LETTER_RX.match(t):
            out.append(rf"(?i:{w}){_WORD_END}" if ignore_case else rf"{w}{_WORD_END}")
        elif t.isdigit():
            out.append(rf"{w}(?!\d)")
        else:
            out.append(w)
    return r"\s*".join(out)


def _phrases_rx(phrases: list[str], ignore_case: bool = False) -> str:
    return "|".join(_tokens_rx(p, ignore_case) for p in phrases)


# Letters a title's word after a comma may open with ("Luật Quản lý, sử dụng vũ khí").
_LOWER = "".join(c for c in map(chr, range(0x10000)) if c.islower())
_LAW_STOP = rf"(?:{_phrases_rx(_LEX['law']['stop'])})"
# One token of a title: a word that opens no stop phrase (nor another "Luật", after the first),
# or a comma that a lower-case word of the title follows. At most 25 tokens.
_TITLE_COMMA = rf"\s*,(?=\s*(?!{_LAW_STOP})[{re.escape(_LOWER)}])"
_TITLE_RX = re.compile(rf"(?:(?:{_TITLE_COMMA}|\s*(?!{_LAW_STOP}){_WORD})"
                       rf"(?:{_TITLE_COMMA}|\s*(?!{_LAW_STOP})(?!Luật{_WORD_END}){_WORD}){{0,24}})?")
# Words right after "Luật" that make it no law name; or no word at all.
_LAW_NOT_BEFORE_RX = re.compile(rf"\s*(?:(?:{_phrases_rx(_LEX['law']['not_before'])})|\Z)")
# "Luật sửa đổi, bổ sung một số điều của" (or a shorter print: "Luật sửa đổi Luật ..."), after
# "Luật": its first two words, then each other word if printed; then a law's name or a number.
_AMENDING_TOKENS = _LAW_TOKEN_RX.findall(_LEX["law"]["amending"])[1:]
_AMENDING_RX = re.compile(r"\s*" + _tokens_rx(" ".join(_AMENDING_TOKENS[:2]), True)
                          + "".join(rf"(?:\s*{_tokens_rx(t, True)})?+" for t in _AMENDING_TOKENS[2:])
                          + rf"(?=\s*(?:(?i:luật){_WORD_END}|\d))")
_LAWS_COUNT_RX = re.compile(rf"\s*\d+\s*(?i:luật){_WORD_END}(?P<trong>\s*trong{_WORD_END})?")   # "15 Luật trong"
_LAW_WORD_RX = re.compile(rf"\s*(?i:luật){_WORD_END}")
_AND_LAW_RX = re.compile(rf"\s*và{_WORD_END}\s*(?i:luật){_WORD_END}")
_REGISTERED_TITLES = {n.casefold(): n for n in _LAWS["names"]}


def _known_titles_rx() -> dict[tuple[str, ...], re.Pattern]:
    """Registered law titles after their head ("luật", "bộ luật"), longest first, by head."""
    by_head: dict[tuple[str, ...], list[str]] = {}
    for title in sorted(_LAWS["names"], key=lambda n: len(_LAW_TOKEN_RX.findall(n)), reverse=True):
        words = title.split()
        n = 2 if [w.casefold() for w in words[:2]] == ["bộ", "luật"] else 1
        by_head.setdefault(tuple(w.casefold() for w in words[:n]), []).append(" ".join(words[n:]))
    return {head: re.compile(rf"\s*(?:{_phrases_rx(rests, True)})") for head, rests in by_head.items()}


_KNOWN_TITLE_RX = _known_titles_rx()
_LAW_SYMBOL_RX = re.compile(r"\s*,?\s*số\s*")
_DOC_ABBR_RX = re.compile(r"\(([A-ZĐ]{2,10})\)")
_LAW_WORDS = {w.casefold() for e in _LEX["type_word"] if e["code"] == "Luật" for w in e["words"]}


# --- mentions ---------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Found:
    """One mention before grouping."""
    span: Span
    raw: str
    symbol: Symbol | None = None
    name: str | None = None          # a law's name
    type: str | None = None
    date: PrintedDate | None = None
    role: str = "cites"
    form: str = "full"
    text: str = ""
    after: int | None = None         # where a symbol's issuer and subject are printed
    printed: tuple[str | None, str | None] | None = None     # (issuer, subject), read on first use

    def _issuer_subject(self) -> tuple[str | None, str | None]:
        # Read on demand: an instrument takes them from its first mention that prints them.
        if self.printed is None:
            self.printed = _read_after(self.text, self.after) if self.after is not None else (None, None)
        return self.printed

    @property
    def issuer(self) -> str | None:
        return self._issuer_subject()[0]

    @property
    def subject(self) -> str | None:
        return self._issuer_subject()[1]


@dataclass(slots=True)
class _Own:
    """What the citing document says about itself (from the header helper; may be empty)."""
    header: Header
    symbol: Symbol | None

    @classmethod
    def of(cls, header: Header, text: str = "") -> _Own:
        """From the header; its symbol read off the "Số:" line when the header has none. A
        draft's symbol has no number ("/KH-UBND"): its parts still name the issuer."""
        printed = header.symbol
        if not printed and text:
            start = document_start(text)
            m = _OWN_SYMBOL_RX.search(text, start, start + 2000)
            printed = m["s"] if m else None
        return cls(header, _symbol_in(_DRAFT_SYMBOL_RX.sub("0/", printed or ""), header.doc_type))

    def is_self(self, f: _Found) -> bool:
        """The document's own symbol (also cut at a line end: "24/HDLN-BCA-BQP-", or printed
        without a hyphen the header restored: "Số: 1105/KHĐKT"), unless something printed with
        it says it is another instrument of the same number: a date other than the document's
        own, or another issuer (numbers restart every year and at every issuer: a ward's plan
        04/KH-UBND cites the province's plan 04/KH-UBND)."""
        if not self.symbol:
            return False
        own, key = self.symbol.compare_key, f.symbol.compare_key
        if key.replace("-", "") != own.replace("-", "") and not own.startswith(key + "-"):
            return False
        same = self._same_date(f.date)
        return same if same is not None else not self._other_issuer(f.issuer)

    def _same_date(self, date: PrintedDate | None) -> bool | None:
        """Whether a printed date is the document's own (its year misprinted too); None when
        either is unknown. The date decides before the issuer: a print cuts or misspells names."""
        issued = self.header.issue_date or ""
        if date is None or not date.value or not issued:
            return None
        if len(date.value) < 10 or len(issued) < 10:
            return date.value[:4] == issued[:4]
        return date.value == issued or date.value[4:] == issued[4:]

    def _other_issuer(self, printed: str | None) -> bool:
        """Whether an issuer printed after "của" is another body than the document's own: another
        level, or another locality (a bare "của UBND tỉnh" is completed as the document's own;
        a name cut at a line end, "thành phố Đà N", is the same place)."""
        own = self.header.issuer
        if not printed or not own.name:
            return False
        name = _complete_issuer(printed, self)
        level, own_level = issuer_level(name), own.level or issuer_level(own.name)
        if level and own_level and level != own_level:
            return True
        place, own_place = _locality(name), _locality(own.name) or own.locality
        if not (place and own_place):
            return False
        place, own_place = place.casefold(), own_place.casefold()
        return not (place.startswith(own_place) or own_place.startswith(place))

    @property
    def issuer_codes(self) -> tuple[str, ...]:
        """The issuer parts of the document's own symbol (all of them for a joint document)."""
        return self.symbol.issuers if self.symbol else ()


@functools.lru_cache(maxsize=1024)
def _symbol_in(printed: str, word_type: str | None = None) -> Symbol | None:
    """The first symbol in `printed`, parsed (memoised: the document's own symbol and those of
    its citations are read again for the basis and directives; SYMBOL_RX is tried at every offset)."""
    m = SYMBOL_RX.search(printed)
    return parse(m, word_type) if m else None


@functools.lru_cache(maxsize=4)
def _segment_starts(text: str) -> list[int]:
    """Offsets where sentences and list items begin (one scan per document, memoised: every
    mention asks for the start of its own)."""
    # (Two scans may both end inside one run of whitespace; the start of a mention, which is no
    # whitespace, has the same last start before it.)
    return sorted({0}.union(*({m.end() for m in rx.finditer(text)} for rx in _SEGMENT_START_RXS)))


def _segment_start(text: str, pos: int) -> int:
    """Start of the sentence or list item that holds offset `pos`."""
    starts = _segment_starts(text)
    return starts[bisect.bisect_right(starts, pos) - 1]


def _role(text: str, start: int) -> str:
    """The role cue opening the clause that holds offset `start` ("Căn cứ", "Thực hiện"): the
    last cue at the start of its sentence or right after a ";" before it."""
    seg = _segment_start(text, start)
    at = start
    while at >= seg:
        semicolon = text.rfind(";", seg, at)
        at = semicolon + 1 if semicolon >= 0 else seg
        m = _ROLE_RX.match(text, at, start)
        if m:
            return _ROLE_OF_CUE[_fold_ws(m["cue"]).casefold()]
        at = semicolon
    return "cites"


def _expand(name: str) -> str:
    """`name` with the abbreviations of `_ABBREVIATIONS` written out."""
    out, at = [], 0
    for m in _ABBR.finditer(name):
        out += [name[at:m.start()], _ABBREVIATIONS[_fold_ws(m.group())]]
        at = m.end()
    return "".join(out) + name[at:] if out else name


def _clause_end(text: str, pos: int) -> int:
    """End of the clause that goes on at `pos`: its break, else 600 characters on (or the end of
    the line there, or of the text)."""
    limit = min(len(text), pos + 600)
    m = _CLAUSE_BREAK_RX.search(text, pos, limit)
    if m:
        return m.start()
    return limit - 1 if limit > pos and text[limit - 1] == "\n" else limit


def _read_after(text: str, pos: int) -> tuple[str | None, str | None]:
    """(issuer, subject): "của ..." and "về việc ..." printed after a mention, up to its clause end."""
    return _issuer_and_subject(_fold_ws(text[pos:_clause_end(text, pos)]))


@functools.lru_cache(maxsize=4096)
def _issuer_and_subject(window: str) -> tuple[str | None, str | None]:
    """`_read_after` of one clause, whitespace folded (memoised: documents cite the same
    instruments in the same words: "... của Chính phủ quy định chi tiết ...")."""
    padded = " " + window
    m = (_NAMED_ISSUER_RX and _NAMED_ISSUER_RX.match(padded)) or _ISSUER_RX.match(padded)
    issuer, rest = (_expand(m["iss"].strip()), window[m.end("iss") - 1:]) if m else (None, window)
    lead = _SUBJECT_LEAD_RX.match(rest)
    # (a bracket closing around the mention is none of the subject: "(... số 193/2025/NĐ-CP ngày 02/7/2025).")
    subject = (rest[lead.end():] if lead else rest).lstrip(" ,)]").rstrip(" ,")
    return issuer, subject[:300] or None


def _date_before(text: str, pos: int) -> PrintedDate | None:
    """A date opening the sentence that ends in a mention: "Ngày 30/12/2023, UBND tỉnh Yên Bái
    đã có Văn bản số 4516/UBND-TNMT"."""
    seg = _segment_start(text, pos)
    d = date_at(text, seg)
    if d and text[d.span.end:d.span.end + 2].lstrip().startswith(",") and pos - d.span.end < 200 \
            and next(iter_symbols(text, d.span.end, pos), None) is None and not date_at(text, d.span.end):
        return d
    return None


def _symbol_mentions(text: str, start: int, own: _Own) -> list[_Found]:
    out = []
    for m in iter_symbols(text, start):
        begin, end = m.span()
        tw = _TYPE_BEFORE.search(text, max(0, begin - 40), begin)
        word = _fold_ws(tw["w"]).casefold() if tw else None
        word_type = _TYPE_OF_WORD[word] if word and word not in _GENERIC_WORDS else None
        sym = parse(m, word_type)
        if sym is None:
            continue
        date = date_at(text, end) or _date_before(text, begin)
        f = _Found(Span(tw.start() if tw else begin, end), m.group(), sym, None, sym.type_code or word_type, date,
                   form="full" if date else "short", text=text,
                   after=date.span.end if date and date.span.start >= end else end)
        if own.symbol and own.is_self(f):
            continue
        if word in _LAW_WORDS and f.subject and f.subject[0].isupper():
            # "Luật số 15/2012/QH13 ngày 20/6/2012 về Xử lý vi phạm hành chính"
            end = _title_end(f.subject, 0, ("luật",))
            f.name = "Luật " + f.subject[:end] if end else None
        f.role = _role(text, f.span.start)
        out.append(f)
    return out


def _doc_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the document defines: "phổ biến, giáo dục pháp luật (PBGDPL)"."""
    out = {}
    for m in _DOC_ABBR_RX.finditer(text):
        abbr = m[1].replace("Đ", "D")
        words = _WORD_RX.findall(text, max(0, m.start() - 120), m.start())
        for n in range(len(abbr), 0, -1):
            tail = words[-n:]
            initials = "".join(w[0] for w in tail).upper().replace("Đ", "D")
            if len(tail) == n and initials == abbr:
                start = text.rfind(tail[0], max(0, m.start() - 120), m.start())
                out[m[1]] = _fold_ws(text[start:m.start()]).strip(" ,")
                break
            if n < len(abbr) - 2:
                break
    return out


def _law_window_end(text: str, pos: int) -> int:
    """Where a law's title after `pos` must end: 200 characters on, or a line break into another
    column of a table (a deep indent)."""
    end = min(len(text), pos + 200)
    brk = _COLUMN_BREAK_RX.search(text, pos, end)
    return brk.start() if brk else end


def _title_end(text: str, pos: int, head: tuple[str, ...]) -> int | None:
    """End offset of the law title printed at `pos`, `head` ("luật") printed before it: a
    registered title (which may hold a stop word: "Luật Kế toán"; read whole across a deep
    indent, which a wrapped line of pdftotext may have too), else the words up to a stop word;
    None when there is none."""
    known = _KNOWN_TITLE_RX.get(head)
    m = (known and known.match(text, pos, min(len(text), pos + 200))) \
        or _TITLE_RX.match(text, pos, _law_window_end(text, pos))
    return m.end() if m.end() > pos else None


def _amended_title_end(text: str, pos: int, limit: int) -> int:
    """After "Luật sửa đổi, bổ sung một số điều của": "Luật X[ và Luật Y]" or "15 Luật trong ..."."""
    m = _LAWS_COUNT_RX.match(text, pos, limit)
    if m:
        return _TITLE_RX.match(text, m.end(), limit).end() if m["trong"] else m.end()
    m = _LAW_WORD_RX.match(text, pos, limit)
    while m:
        pos = _TITLE_RX.match(text, m.end(), limit).end()
        m = _AND_LAW_RX.match(text, pos, limit)
    return pos


def _law_heads(text: str, start: int) -> list[re.Match]:
    """The matches of `_LAW_RX` and `_CODE_RX` in text order, a "Luật" inside "Bộ Luật" left out."""
    codes = list(_CODE_RX.finditer(text, start))
    laws = [m for m in _LAW_RX.finditer(text, start) if not any(c.start() < m.end() and m.start() < c.end() for c in codes)]
    return sorted(codes + laws, key=lambda m: m.start())


def _law_mentions(text: str, start: int, abbreviations: dict[str, str]) -> list[_Found]:
    """Laws named by title; a title followed by "số <symbol>" is that symbol's name."""
    out = []
    for m in _law_heads(text, start):
        if _LAW_NOT_AFTER_RX.search(text, max(0, m.start() - 20), m.start()):
            continue
        limit = _law_window_end(text, m.end())
        if _LAW_NOT_BEFORE_RX.match(text, m.end(), limit):
            continue
        head = tuple(w.casefold() for w in m.group().split())
        amending = head == ("luật",) and _AMENDING_RX.match(text, m.end(), limit)
        end = _amended_title_end(text, amending.end(), limit) if amending else _title_end(text, m.end(), head)
        if end is None:
            continue
        name = _expand(" ".join(abbreviations.get(w, w) for w in text[m.start():end].split()))
        name = _REGISTERED_TITLES.get(name.casefold(), name[0].upper() + name[1:])
        f = _Found(Span(m.start(), end), text[m.start():end], name=name, type="Luật")
        after = _LAW_SYMBOL_RX.match(text, end)
        sym_m = SYMBOL_RX.match(text, after.end()) if after else None
        f.symbol = parse(sym_m) if sym_m else None
        if f.symbol:
            f.form = "title"                             # its symbol's mention is the citation
        else:
            f.date = date_at(text, end, year_only=True)
        f.role = _role(text, m.start())
        out.append(f)
    return out


# --- grouping -----------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Instrument:
    symbol: Symbol | None
    name: str | None
    mentions: list[_Found] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(f.span.start for f in self.mentions)


def _dates(in_order: list[_Found]) -> list[str]:
    """The valid dates printed at these mentions (in text order), in text order; a bare year
    ("Luật Đất đai năm 2024") only when no mention prints the full date."""
    dates = [f.date.value for f in in_order if f.date and f.date.value]
    full = [d for d in dates if len(d) == 10]
    return full or dates


def _split_by_year(symbol: Symbol, mentions: list[_Found]) -> list[_Instrument]:
    """Mentions of one symbol without a year: one instrument per year of issue. Two printed years
    with the same day and month are one instrument with a misprinted year."""
    clusters: list[tuple[set[str], set[str], list[_Found]]] = []   # (years, day-months, dated mentions)
    for f in sorted(mentions, key=lambda f: f.span.start):
        if not (f.date and f.date.value):
            continue
        y, dm = f.date.value[:4], f.date.value[5:]
        hit = next((c for c in clusters if y in c[0] or (dm and dm in c[1])), None)
        if hit:
            hit[0].add(y)
            hit[1].add(dm)
            hit[2].append(f)
        else:
            clusters.append(({y}, {dm}, [f]))
    if len(clusters) <= 1:
        return [_Instrument(symbol, None, list(mentions))]
    out = [_Instrument(symbol, None, c[2]) for c in clusters]
    for f in mentions:
        if f.date and f.date.value:
            continue
        before = [i for i in out if i.first <= f.span.start]
        target = max(before, key=lambda i: max(g.span.start for g in i.mentions if g.span.start <= f.span.start)) \
            if before else out[0]
        target.mentions.append(f)
    return out


def _typo_of(a: str, b: str) -> bool:
    """`a` is `b` with one letter dropped ("TT-BNMT" of "TT-BNNMT"): past their common start,
    the rest of `b` after one letter is the rest of `a`."""
    if len(b) != len(a) + 1:
        return False
    p = 0
    while p < len(a) and a[p] == b[p]:
        p += 1
    return b[p + 1:] == a[p:]


def _merge_typos(groups: dict[str, list[_Found]]) -> None:
    """Fold a symbol printed once with a letter missing into the symbol printed more often."""
    keys = sorted(groups, key=lambda k: len(groups[k]))
    longer: dict[int, list[str]] = {}          # keys by their length: a typo is one letter shorter
    for k in keys:
        longer.setdefault(len(k) - 1, []).append(k)
    for k in keys:
        for other in longer.get(len(k), ()):
            if other in groups and k in groups and len(groups[other]) > len(groups[k]) and _typo_of(k, other):
                groups[other].extend(groups.pop(k))


def _group(found: list[_Found]) -> list[_Instrument]:
    by_symbol: dict[str, list[_Found]] = {}
    named: list[_Found] = []
    names_of_symbol: dict[str, str] = {}
    for f in found:
        if f.symbol:
            key = f.symbol.compare_key
            if f.form == "title":            # a law's title printed before its symbol names it
                names_of_symbol[key] = f.name
                continue
            if f.name:
                names_of_symbol.setdefault(key, f.name)
            by_symbol.setdefault(key, []).append(f)
        else:
            named.append(f)
    _merge_typos(by_symbol)
    out: list[_Instrument] = []
    for key, mentions in by_symbol.items():
        sym = mentions[0].symbol
        parts = [_Instrument(sym, None, mentions)] if sym.year else _split_by_year(sym, mentions)
        for p in parts:
            p.name = names_of_symbol.get(key)
        out.extend(parts)
    for key, name in names_of_symbol.items():
        if key not in by_symbol:
            f = next(f for f in found if f.symbol and f.symbol.compare_key == key and f.form == "title")
            out.append(_Instrument(f.symbol, name, [f]))
    for f in named:
        target = next((i for i in out if i.name and _same_law(i.name, f.name)), None)
        if target:
            target.mentions.append(f)
            if target.symbol is None and len(f.name) > len(target.name):
                target.name = f.name             # the fullest print of the title names it
        else:
            out.append(_Instrument(None, f.name, [f]))
    out.sort(key=lambda i: i.first)
    return out


_AMENDING_LEAD_RX = re.compile(r"^luật sửa đổi(?:,? bổ sung)?(?: một số điều)?(?: của)? ")


@functools.lru_cache(maxsize=4096)
def _same_law(a: str, b: str) -> bool:
    """Two prints of one law's title (a typo, or an amending law printed short; memoised: a
    document names the same few laws again and again)."""
    a, b = a.casefold(), b.casefold()
    ma, mb = _AMENDING_LEAD_RX.match(a), _AMENDING_LEAD_RX.match(b)
    if bool(ma) != bool(mb):
        return False
    if ma:
        a, b = a[ma.end():], b[mb.end():]
    return fuzz.ratio(a, b) >= 92


# --- issuer ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1024)
def issuer_level(name: str | None) -> str | None:
    """trung_uong, tinh, huyen or xa of an issuer's name, when its words say so (memoised: the
    same few issuers recur in every document)."""
    if not name:
        return None
    for rx, kind in _KINDS:
        if rx.search(name):
            return kind["level"]
    if any(rx.search(name) for rx in _CENTRAL_RX):
        return "trung_uong"
    return None


@functools.lru_cache(maxsize=1024)
def _kind_of(name: str) -> tuple[dict, bool] | None:
    """The first locality kind (`_KINDS`) named in an issuer's name, and whether the name ends
    with the kind word (memoised like `issuer_level`)."""
    for rx, kind in _KINDS:
        m = rx.search(name)
        if m:
            return kind, m.end() == len(name)
    return None


def _complete_issuer(name: str, own: _Own) -> str:
    """ "Ủy ban nhân dân tỉnh" -> "... tỉnh Thanh Hóa"; "Sở Thông tin và Truyền thông" -> "... tỉnh X"."""
    iss = own.header.issuer
    found = _kind_of(name)
    if found:
        kind, bare = found
        if bare:                               # a bare kind word
            place = getattr(iss, kind["bare"], None)
            if place is None and kind["bare"] == "district" and iss.level == "huyen":
                place = iss.locality
            if place is None and kind["bare"] == "province" and iss.level == "tinh":
                place = iss.locality
            return f"{name} {place}" if place else name
        return name
    if name.startswith("Sở ") and iss.province:
        return f"{name} tỉnh {iss.province}"
    return name


@functools.lru_cache(maxsize=1024)
def _locality(name: str | None) -> str | None:
    """The locality's own name in an issuer's name ("Cẩm Thủy" of "Ủy ban nhân dân huyện Cẩm Thủy";
    memoised like `issuer_level`)."""
    if not name:
        return None
    for rx, _ in _KINDS:
        for m in rx.finditer(name):
            rest = name[m.end():].strip()
            if rest and rest[0].isupper():
                return rest
    return None


def _issuer(inst: _Instrument, own: _Own) -> str | None:
    printed = next((f.issuer for f in inst.mentions if f.symbol and f.issuer), None)
    if printed:
        return _complete_issuer(printed, own)
    if inst.symbol is None:
        return "Quốc hội" if inst.name else None
    code = inst.symbol.issuer
    if code and not code.shared:
        return code.name
    if code and code.shared and own.issuer_codes and issuer_code(own.issuer_codes[0]) == code:
        return own.header.issuer.name
    if code and code.locality == "province" and own.header.issuer.province and code.name != "Sở":
        return f"{code.name} {own.header.issuer.province}"
    return None


# --- citations ------------------------------------------------------------------------------------

def _citation(inst: _Instrument, own: _Own) -> Citation:
    sym = inst.symbol
    in_order = sorted(inst.mentions, key=lambda f: f.span.start) if len(inst.mentions) > 1 else inst.mentions
    dates = _dates(in_order)
    counts = Counter(dates) if len(dates) > 1 else None
    date = (max(counts, key=lambda d: (counts[d], -dates.index(d))) if counts else dates[0]) if dates else None
    other = [d for d in dict.fromkeys(dates) if d != date]
    types = [f.type for f in inst.mentions if f.type and f.symbol]
    ctype = sym.type_code if sym and sym.type_code else (types[0] if types else None)
    year = sym.year if sym else None
    reg = lookup(sym.text, date or year) if sym else None
    if ctype is None:
        ctype = reg.type if reg else ("Luật" if sym is None or (sym.issuer and sym.issuer.code == "QH" and inst.name)
                                       else "CV")
    issuer = _issuer(inst, own) or (reg.issuer if reg else None)
    if sym:
        key = sym.text if sym.year else (f"{sym.text}@{date[:4]}" if date else sym.text)
        code = sym.issuer
        loc = None
        if code and code.shared:
            # the issuer's own words; else a provincial body (Sở, Tỉnh ủy) of the citing province
            loc = _locality(issuer) or (own.header.issuer.province if code.locality == "province" else None)
        if loc:
            key += f":{loc}"
    else:
        key = inst.name
    level = issuer_level(issuer) or (sym.issuer.level if sym and sym.issuer else None)
    subject = next((f.subject for f in inst.mentions if f.form == "full" and f.subject), None)
    mentions = [Mention(f.span, f.raw, f.form, f.role, f.date.value if f.date else None,
                        f.raw if f.symbol and f.form != "anaphora" else None)
                for f in in_order]
    roles = {m.role for m in mentions}
    role = next((r for r in ("implements", "based_on", "reports_on") if r in roles), "cites")
    return Citation(type=ctype, number=sym.number if sym else None, symbol=sym.text if sym else None,
                    date=date, issuer=issuer, name=inst.name, key=key, other_dates=other,
                    subject=subject, role=role, issuer_level=level, mentions=mentions)


def _short_forms_and_anaphora(text: str, start: int) -> tuple[list[re.Match], list[re.Match]]:
    """The matches of `_SHORT_RX` and of `_ANAPHORA_RX` after `start` (each without overlaps)."""
    shorts: list[re.Match] = []
    anaphora: list[re.Match] = []
    for at in _SHORT_OR_ANAPHORA.starts(text, start):
        for rx, found in ((_SHORT_RX, shorts), (_ANAPHORA_RX, anaphora)):
            m = (not found or found[-1].end() <= at) and rx.match(text, at)
            if m:
                found.append(m)
    return shorts, anaphora


def _resolve_short_forms(text: str, start: int, citations: list[Citation], own: _Own) -> None:
    """Attach "Quyết định số 765" and "Chỉ thị nêu trên" to the instrument they name."""
    taken = [(m.span.start, m.span.end) for c in citations for m in c.mentions]
    if not citations:
        return
    shorts, anaphora = _short_forms_and_anaphora(text, start)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for m in shorts:
        code = _TYPE_OF_WORD[_fold_ws(m["w"]).casefold()]
        cands = [c for c in citations if c.number and c.number.lstrip("0") == m["n"].lstrip("0")
                 and (c.type == code or code == "CV")]
        if len(cands) == 1 and free(m.start(), m.end()):
            cands[0].mentions.append(Mention(Span(m.start(), m.end()), m.group(), "short", _role(text, m.start())))
    own_type = own.header.doc_type
    for m in anaphora:
        code = _TYPE_OF_WORD[_fold_ws(m["w"]).casefold()]
        if m["cue"] == "này" and (code == own_type or own_type is None):
            continue                           # "Kế hoạch này" in a plan: the document itself
        before = [(mm.span.start, c) for c in citations if c.type == code for mm in c.mentions
                  if mm.span.end <= m.start()]
        if before and free(m.start(), m.end()):
            c = max(before, key=lambda t: t[0])[1]
            c.mentions.append(Mention(Span(m.start(), m.end()), m.group(), "anaphora", _role(text, m.start())))
    for c in citations:
        c.mentions.sort(key=lambda mm: mm.span.start)


def extract_citations(doc: Document, header: Header) -> list[Citation]:
    """Every distinct instrument the document cites, in order of first mention."""
    text = doc.text[:document_end(doc.text)]       # mentions keep their offsets in doc.text
    start = document_start(text)
    own = _Own.of(header, text)
    found = _symbol_mentions(text, start, own)
    found += _law_mentions(text, start, _doc_abbreviations(text))
    citations = [_citation(i, own) for i in _group(found)]
    _resolve_short_forms(text, start, citations, own)
    if header.title_span and header.doc_type == "BC":
        for c in citations:
            for mm in c.mentions:
                if header.title_span.start <= mm.span.start < header.title_span.end:
                    mm.role = c.role = "reports_on"
    return citations


# --- basis and directives -------------------------------------------------------------------------

def preamble(doc: Document, header: Header, first_section: int | None) -> Span:
    """The title and the preamble: from the title (or the document's start) to the first section.
    A news item has neither: there it is the sentence that reports the document."""
    text = doc.text
    if header.doc_type == NEWS and (report := _reporting_sentence(text, header)):
        return report
    start = header.title_span.start if header.title_span else document_start(text)
    end = first_section
    if end is None or end <= start:
        m = _HEADING_RX.search(text, start)
        end = m.start() if m else len(text)
    return Span(start, _lead_out_end(text, start, end) or end)


def _reporting_sentence(text: str, header: Header) -> Span | None:
    """The sentence of a news item that names the reported document by its number-symbol: what
    that document implements is said there ("... ban hành Kế hoạch số 312/KH-UBND ... triển khai
    thực hiện Chỉ thị số 07/CT-TTg ..."), not in the rest of the article."""
    at = text.find(header.symbol) if header.number and header.symbol else -1
    if at < 0:
        return None
    period = text.rfind(". ", 0, at)
    start = max(text.rfind("\n", 0, at) + 1, period + 2 if period >= 0 else 0)
    end = _SENTENCE_END_RX.search(text, at)
    return Span(start, end.start() if end else len(text))


def _lead_out_end(text: str, start: int, end: int) -> int | None:
    """End of the first line in text[start:end] that hands over to the body (`_LEAD_OUT_RX`)."""
    for colon in _COLON_LINE_END_RX.finditer(text, start, end):
        line = max(start, text.rfind("\n", start, colon.start()) + 1)
        m = _LEAD_OUT_RX.search(text, line, colon.end())
        if m:
            return m.end()
    return None


def _is_directive(c: Citation, own: _Own) -> bool:
    if c.issuer_level != "trung_uong" or c.type in _NORMATIVE or c.type in _NOT_DIRECTIVE:
        return False
    if c.symbol is None or _YEAR_IN_SYMBOL_RX.search(c.symbol):
        return False                           # laws, and every symbol holding a year: legal bases
    sym = _symbol_in(c.symbol)
    if sym and sym.issuers and sym.issuers[0] in own.issuer_codes:
        return False                           # the document's own issuer
    return not (own.header.issuer.name and c.issuer == own.header.issuer.name)


def basis_and_directives(doc: Document, header: Header, citations: list[Citation],
                         first_section: int | None) -> tuple[list[str], list[str]]:
    """(keys cited in the title and preamble, keys of the central directives implemented)."""
    region = preamble(doc, header, first_section)
    own = _Own.of(header, doc.text)
    basis = [c for c in citations if any(region.start <= m.span.start < region.end for m in c.mentions)]
    directives = [c for c in basis if _is_directive(c, own)]
    # A local plan in the basis passes on what its subject says it implements, wherever it is cited
    # ("Kế hoạch số 232/KH-UBND ... về việc Triển khai thực hiện Chỉ thị số 07/CT-TTg").
    text = doc.text
    for plan in basis:
        if plan.issuer_level == "trung_uong" or plan in directives:
            continue
        for pm in plan.mentions:
            stop = _clause_end(text, pm.span.end)
            for c in citations:
                if c in directives or c is plan or not _is_directive(c, own):
                    continue
                for cm in c.mentions:
                    if pm.span.end <= cm.span.start < stop and _IMPLEMENTS_RX.search(text, pm.span.end, cm.span.start):
                        directives.append(c)
                        break
    order = {c.key: i for i, c in enumerate(citations)}
    return [c.key for c in basis], [c.key for c in sorted(dict.fromkeys(directives), key=lambda c: order[c.key])]
