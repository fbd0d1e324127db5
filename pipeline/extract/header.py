"""Header of a Nghị định 30/2020 document: type, number-symbol, issuer, place, date, title,
signer, recipients.

The layout (Phụ lục I of the decree): issuer lines top left, national name and motto top right;
"Số: N/TYPE-ISSUER" under the issuer, "Place, ngày d tháng m năm y" under the motto; the type word
in capitals (KẾ HOẠCH, QUYẾT ĐỊNH ...) and the trích yếu (title) below, or for a Công văn a "V/v"
line under the number and a "Kính gửi" block; a decision then names its issuing authority
("ỦY BAN NHÂN DÂN TỈNH ...") above its "Căn cứ". At the end: Nơi nhận and the signature.

Anchors are found on the raw text with regexes that tolerate the flattening seen in practice: one
cell a line, `|` cells, a whole header on one line, pdftotext columns, web chrome and a metadata
table before it. A document without a header is a news item (TIN) when it reports an issued
document ("UBND tỉnh ... đã ban hành Văn bản số ..."); its fields then describe that document.

Offsets: `title_span` covers the trích yếu (the V/v text of a Công văn); `body_start` is the start
of the line after the title, past a decision's authority line and a Kính gửi block, where the
preamble begins; `closing_start` is the start of the first line of Nơi nhận or of the signature
block, whichever comes first (the last body paragraph, "Trên đây là ...", stays in the body).
"""
from __future__ import annotations

import functools
import re

from .. import lexicon
from ..model import NEWS, Document, Header, Issuer, Span
from . import citation_symbols as cs
from . import header_issuer as iss
from .dates import FastPattern
from .header_closing import closing
from .header_layout import (UPPER, LOWER, OCR_DIGIT_LETTERS, OCR_DIGITS, base_letters, clean, fold, has_lower,
                            is_upper, ocr_tolerant, segments, word_start)

_HDR = lexicon.load("header")
_DT = lexicon.load("doc_types")

HEAD_LIMIT = 12000          # the header zone: web chrome and a metadata table come before it

_MOTTO = re.compile("|".join(f"(?:{m['pattern']})" for m in _HDR["motto"]))
_SNIPPET = FastPattern(f"(?m:{_HDR['chrome']['snippet_end']})", _HDR["chrome"]["snippet_marks"], rare=True)
_PREAMBLE = re.compile(r"(?:" + "|".join(p["pattern"] for p in _HDR["preamble"]) + r")")
_BODY_HEADING = re.compile(r"(?:" + "|".join(p["pattern"] for p in _HDR["body_heading"]) + r")")
_AUTHORITY = re.compile(_HDR["authority_line"]["pattern"])
_VV = re.compile(word_start(_HDR["vv"]["pattern"]))
_FIRM_PREAMBLE = re.compile(r"Căn\s+cứ\b")
_KINH_GUI = re.compile(r"[\s|]*Kính\s*gửi\b")
_PLACE_STOP = set(_HDR["date_line"]["place_stopwords"])
_MOTTO_REACH = 60           # characters before a date line searched for a motto broken over lines

_DATE = re.compile(rf",[ \t]*{ocr_tolerant('ngày')}\s*(?P<d>\d{{1,2}})?\s*{ocr_tolerant('tháng')}\s*(?P<m>\d{{1,3}})?"
                   rf"\s*{ocr_tolerant('năm')}\s*(?P<y>\d{{4}})")
# A place word: a capitalised word, or two joined by a hyphen ("Rang-Tháp Chàm").
_PLACE_WORD = re.compile(f"^[{UPPER}][{LOWER}]*(?:[-–][{UPPER}][{LOWER}]*)?$")

_SYM_CH = r"A-Za-zĐđ0-9&\u0400-\u04FF"
_TOKEN = rf"[{_SYM_CH}][{_SYM_CH}.]*"
# "Số: N/TYPE-ISSUER" (state documents); "Số N-TYPE/ISSUER" (Party documents, Hướng dẫn
# 36-HD/VPTW), whose rest keeps its leading hyphen.
# OCR'd scans misread the keyword's diacritics ("Sô:") and a digit as a letter ("6l", "l9").
# A web page's metadata line "Số/Ký hiệu: ..." (like "Số hiệu") is not the document's own.
_SO = re.compile(rf"S(?<!\wS){ocr_tolerant('ố')}(?!\s*hiệu|\s*/\s*[Kk][ýy]\s*hiệu)[ \t]*[:.]?[\s|]*?(?P<num>[\d{OCR_DIGIT_LETTERS}]*\d[\d{OCR_DIGIT_LETTERS}]*)?[ \t]*"
                 r"(?:/[ \t]*|(?=-[ \t]*[A-ZĐ][A-Za-zĐđ]{0,4}[ \t]?/))(?P<rest>[^\n|]*)")
_SYM_BODY = re.compile(rf"(?:(?P<year>\d{{4}})\s*/\s*)?(?P<parts>{_TOKEN}(?:[ \t]?[-–][ \t]?{_TOKEN})*)(?P<dash>[ \t]?[-–]\s*$)?")
_SYM_NEXT = re.compile(rf"\s*(?P<parts>{_TOKEN}(?:\s*[-–]\s*{_TOKEN})*)")
_SYM_SPACED = re.compile(rf" (?P<tok>[A-ZĐ]{{2,}})(?![{_SYM_CH}])")
_PART_DASH = re.compile(r"\s*[-–]\s*")          # between the parts of a symbol
_CELL_BREAK = re.compile(r"\||\s{3,}")          # between two cells of a flattened line
_WORD = re.compile(r"\S+")
_LEADING_WORD = re.compile(r"\S*")
_STAMP = re.compile(_HDR["stamp"]["pattern"])    # HỎA TỐC, MẬT: printed near the number
_RULE = re.compile(r"[-–—_=*~.\s]+")            # a rule line under the issuer, the motto or the title

_TYPE_BY_WORD = {base_letters(fold(w)): t["abbr"] for t in _DT["type"] for w in t["words"]}
_TYPE_BY_PART = {p.casefold(): t["abbr"] for t in _DT["type"] for p in t["symbol_parts"]}
# The type words in capitals, any diacritics taken ("BÁO CẢO" of a scan): their base letters
# tell them apart (a test checks it).
_TYPE_WORD = re.compile(r"(?<![^\s|])(" + "|".join(
    ocr_tolerant(w).replace(r"\ ", r"\s+")
    for w in sorted({fold(w) for t in _DT["type"] for w in t["words"]}, key=len, reverse=True)) + r")(?![^\s|])")
_BODY_NOUN: dict[str, str] = _DT["body_nouns"]


def type_of_word(word: str) -> str | None:
    """The doc_type a type word names ("KẾ HOẠCH" -> "KH"; "BÁO CẢO" of a scan -> "BC")."""
    return _TYPE_BY_WORD.get(base_letters(fold(word)))

_SYMBOL_ISSUERS = lexicon.load("issuers")["symbol_issuers"]

# A news item's reported document: the verb, the document and what follows it; the subject and
# a leading "Ngày d/m/y," are read from the same sentence before it.
_NEWS = re.compile(
    _HDR["news"]["verb"] + r"\s+(?P<noun>" + _HDR["news"]["doc_noun"] + ")"
    + r"\s+số\s+(?P<num>\d+)\s*/\s*(?P<rest>[^\s,;]+)"
    r"(?:\s+ngày\s+(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))?"
    r"(?:\s+của\s+(?P<of>[^,;.\n]{3,80}?)(?=\s+(?:về|đã|ban\s+hành|vừa|chỉ\s+đạo)\b|[,;.\n]))?")
_NEWS_DATELINE = re.compile(_HDR["news"]["dateline"])


def _mask_chrome(head: str) -> str:
    """The header zone with web-search snippet lines blanked (offsets kept)."""
    for m in _SNIPPET.finditer(head):
        a = head.rfind("\n", 0, m.start()) + 1
        head = head[:a] + " " * (m.end() - a) + head[m.end():]
    return head


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


# --- number and symbol -------------------------------------------------------------------

def _as_citation(symbol: str) -> str:
    """The symbol as the citation stage reads it (citation_symbols: the issuer codes of
    models/citations.toml restore a lost hyphen, "128/QĐBYT" -> "128/QĐ-BYT"), when that grammar
    reads all of it; else unchanged. A draft has no number: a stand-in one is parsed."""
    probe = symbol if symbol[:1].isdigit() else "0" + symbol
    m = cs.SYMBOL_RX.fullmatch(probe)
    parsed = cs.parse(m) if m else None
    if parsed is None:
        return symbol
    return parsed.text if probe is symbol else parsed.text[1:]


def normalize_symbol(num: str | None, rest: str, next_line: str = "") -> tuple[str | None, str | None]:
    """(type part, normalised symbol) of a printed number-symbol; rest is the text after the slash,
    or a Party symbol's "-TYPE/ISSUER".

    Restores the hyphen a print lost after the type part ("BC UBND", "KHUBND"), joins a symbol
    broken over two lines after a hyphen, maps homoglyphs, drops spaces.
    """
    rest = _CELL_BREAK.split(clean(rest).strip())[0]
    if rest.startswith("-"):
        pm = cs.SYMBOL_RX.match(f"{num or 0}{rest}")
        if not (pm and pm["pnum"]):
            return None, None
        party = cs.parse(pm)
        return (_TYPE_BY_PART.get(party.type_code.casefold()),
                f"{num or ''}-{party.type_code}/{'-'.join(party.issuers)}")
    m = _SYM_BODY.match(rest)
    if not m:
        return None, None
    parts = [p for p in _PART_DASH.split(m.group("parts")) if p]
    if m.group("dash") is not None and next_line:
        n = _SYM_NEXT.match(clean(next_line))
        if n:
            parts += [p for p in _PART_DASH.split(n.group("parts")) if p]
    if len(parts) == 1 and parts[0].casefold() in _TYPE_BY_PART:
        sp = _SYM_SPACED.match(rest[m.end("parts"):])
        if sp:
            parts.append(sp.group("tok"))
    year = m.group("year")
    symbol = _as_citation(f"{num or ''}/{year + '/' if year else ''}{'-'.join(parts)}")
    return _TYPE_BY_PART.get(_type_part(symbol).casefold()), symbol


def _type_part(symbol: str) -> str:
    """The first part after the number (and year): "QĐ" of "06/2024/QĐ-UBND"."""
    return symbol.rsplit("/", 1)[-1].split("-")[0]


def split_type_part(symbol: str, doc_type: str) -> str:
    """The symbol with the type part that its document's type word names split off a glued
    issuer code: "1105/KHĐKT" under "KẾ HOẠCH" -> "1105/KH-ĐKT" (a code of two or more capitals
    that no lexicon lists), "719/QĐTTg" under "QUYẾT ĐỊNH" (a registered mixed-case code)."""
    head, _, tail = symbol.rpartition("/")
    first, dash, others = tail.partition("-")
    if first.casefold() in _TYPE_BY_PART:
        return symbol
    for tp in sorted((p for p, t in _TYPE_BY_PART.items() if t == doc_type), key=len, reverse=True):
        glued = first[len(tp):]
        if first.casefold().startswith(tp) and len(glued) >= 2 and (glued.isupper() or cs.issuer_code(glued)):
            return f"{head}/{first[:len(tp)]}-{glued}{dash}{others}"
    return symbol


# --- date line ---------------------------------------------------------------------------

def _place_before(text: str, comma: int) -> tuple[str | None, int]:
    """The place name printed just before the date line's comma, and where it starts."""
    a, _ = _line_bounds(text, comma)
    # The motto is masked from the line above too: "Độc lập - Tự do -\nHạnh phúc Vĩnh Yên, ngày".
    w = max(0, a - _MOTTO_REACH)
    prefix = _MOTTO.sub(lambda m: "|" + " " * (len(m.group()) - 1), text[w:comma])[a - w:]
    prefix = _CELL_BREAK.split(prefix)[-1]
    words = prefix.split()
    name: list[str] = []
    for w in reversed(words):
        # Besides capitalised words: a number closing the name (communes named since 2025 as
        # "A Lưới 5") and a dash between two names ("Chân Mây - Lăng Cô").
        numbered = not name and w.isdigit() and len(w) <= 2
        dash = w in ("-", "–") and bool(name)
        if not (_PLACE_WORD.match(w) or numbered or dash) or w in _PLACE_STOP or len(name) == 6:
            break
        name.insert(0, w)
    while name and (name[0] in ("-", "–") or name[0].isdigit()):
        name.pop(0)
    if not name:
        return None, comma
    return " ".join(name), text.rfind(name[0], a, comma)


def iso_date(d: str | None, m: str | None, y: str | None) -> str | None:
    """ISO date as precise as printed. A two-digit month over 12 whose first digit is a month is
    a month with a footnote digit glued on ("tháng 54" -> 5)."""
    if not y:
        return None
    if not m:
        return y
    mo = int(m)
    if mo > 12 and 1 <= int(m[0]) <= 9:
        mo = int(m[0])
    if not 1 <= mo <= 12:
        return y
    if not d or not 1 <= int(d) <= 31:
        return f"{y}-{mo:02d}"
    return f"{y}-{mo:02d}-{int(d):02d}"


# --- title -------------------------------------------------------------------------------

def _next_content(text: str, pos: int, limit: int) -> str:
    while pos < limit:
        a, b = _line_bounds(text, pos)
        c = text[a:b].strip(" \t|")
        if c:
            return c
        pos = b + 1
    return ""


def _title(text: str, start: int, limit: int) -> tuple[str | None, Span | None, int]:
    """The trích yếu from `start` (just after the type word) and the offset where the body begins."""
    parts: list[str] = []
    first = last = None
    upper = None
    pos = start
    while pos < limit:
        a, b = _line_bounds(text, pos)
        seg_start = max(a, pos)
        raw = text[seg_start:b]
        content = raw.strip(" \t|")
        c0 = seg_start + len(raw) - len(raw.lstrip(" \t|"))
        if not content or _RULE.fullmatch(content):
            if parts and (content or not _title_goes_on(text, b + 1, bool(upper))):
                break
            pos = b + 1
            continue
        if _BODY_HEADING.match(content) or (_PREAMBLE.match(content) and (
                parts or _FIRM_PREAMBLE.match(content))):
            break                          # the line under the type word is the title unless it is "Căn cứ"
        if parts and is_upper(content) and _AUTHORITY.match(content) and _PREAMBLE.match(
                _next_content(text, b + 1, limit)):
            break
        if upper is None:
            # A title in capitals: its first two words have no lower case (one word may be a
            # single capital: "Ý kiến kết luận của ...").
            upper = not any(has_lower(w) for w in content.split()[:2])
        if upper:
            lw = next((m for m in _WORD.finditer(content) if has_lower(m.group())), None)
            if lw is not None:
                if lw.start() > 0:
                    piece = content[:lw.start()].rstrip()
                    parts.append(piece)
                    first = c0 if first is None else first
                    last = c0 + len(piece)
                break
        parts.append(content)
        first = c0 if first is None else first
        last = c0 + len(content)
        pos = b + 1
    if not parts:
        return None, None, pos
    title = clean(fold(" ".join(parts))).rstrip(" .;:")
    return title, Span(first, last), _line_bounds(text, last)[1] + 1


def _title_goes_on(text: str, pos: int, upper: bool) -> bool:
    """Whether the line at `pos`, after one blank line inside a title, continues it: docx and
    HTML captures print each title line as a paragraph. A continuation starts in lower case or
    with a digit, or is in capitals under a title in capitals; a heading, a preamble cue, Kính
    gửi or a decision's authority line is no continuation."""
    a, b = _line_bounds(text, pos)
    c = text[a:b].strip(" \t|")
    if not c or _BODY_HEADING.match(c) or _PREAMBLE.match(c) or _KINH_GUI.match(c):
        return False
    if c[0] in LOWER or c[0].isdigit():
        return True
    return upper and is_upper(c) and not _AUTHORITY.match(c)


def _vv_title(text: str, vv: re.Match, limit: int) -> tuple[str | None, Span | None, int]:
    """The V/v text of a Công văn: its own line's cell and the lines under it."""
    a, b = _line_bounds(text, vv.start())
    line_cells = _CELL_BREAK.split(text[vv.end():b])
    parts = [line_cells[0]]
    first, last = vv.end(), vv.end() + len(line_cells[0].rstrip())
    pos = b + 1
    while pos < limit:
        a, b = _line_bounds(text, pos)
        line = text[a:b]
        segs = segments(line)
        if not segs and _title_goes_on(text, b + 1, False):
            pos = b + 1
            continue
        if not segs or segs[0][0] >= 25 or line.lstrip().startswith("|"):
            break
        content = segs[0][1]
        if _KINH_GUI.match(content) or _PREAMBLE.match(content) or _BODY_HEADING.match(content) \
                or _DATE.search(content):
            break               # (the date line printed under the V/v lines, at the margin)
        parts.append(content)
        last = a + segs[0][0] + len(content)
        pos = b + 1
    title = clean(fold(" ".join(parts))).rstrip(" .;:")
    return (title or None), Span(first, last), pos


def _skip_to_body(text: str, pos: int, limit: int) -> int:
    """Past blank lines and printed rules, a decision's authority line and a Kính gửi block."""
    def skip_blank(p: int) -> int:
        while p < limit:
            a, b = _line_bounds(text, p)
            if (c := text[a:b].strip(" \t|")) and not _RULE.fullmatch(c):
                return a
            p = b + 1
        return min(p, len(text))

    pos = skip_blank(pos)
    a, b = _line_bounds(text, pos)
    line = text[a:b].strip(" \t|")
    if line and is_upper(line) and _AUTHORITY.match(line):
        pos = skip_blank(b + 1)
        a, b = _line_bounds(text, pos)
    if _KINH_GUI.match(text[a:b]):
        has_items = bool(text[a:b].split(":", 1)[-1].strip(" \t|")) and ":" in text[a:b]
        p = b + 1
        while p < len(text):
            a2, b2 = _line_bounds(text, p)
            c = text[a2:b2].strip()
            if not c:
                if has_items:
                    break
            elif c[0] in "-–|(+•" or c[0] in LOWER:
                has_items = True
            else:
                break
            p = b2 + 1
        pos = skip_blank(p)
    return pos


# --- issuer lines ------------------------------------------------------------------------

@functools.lru_cache(maxsize=1024)        # header zones repeat from document to document
def _issuer_lines(zone: str) -> tuple[str, ...]:
    """The capitalised issuer segments of the header zone that ends at the Số or date line, top
    first.

    Walks up from the zone's last line, dropping the national name, motto, rules and a date line,
    and stops at the first line with lower-case text (web chrome, an extraction note).
    """
    # The national name and motto masked in the whole zone, so that one broken over lines
    # ("CỘNG\n HÒA XÃ HỘI ...") goes too; the column where one begins, by line.
    motto_col: dict[int, int] = {}
    pieces, last = [], 0
    for m in _MOTTO.finditer(zone):
        ls = zone.rfind("\n", 0, m.start()) + 1
        motto_col.setdefault(zone.count("\n", 0, m.start()), m.start() - ls)
        pieces += [zone[last:m.start()], _NOT_NEWLINE.sub("|", m.group())]
        last = m.end()
    printed = zone.split("\n")
    masked = ("".join(pieces) + zone[last:]).split("\n") if pieces else printed
    rows: list[list[tuple[int, str]]] = []         # each line's cells (column, text), bottom first
    right = None                 # where the right column begins: the motto's column, beside a cell
    for n, i in enumerate(range(len(printed) - 1, -1, -1)):
        line, col = masked[i], motto_col.get(i)
        if col is not None and _LETTER.search(printed[i], 0, col) and not _LETTER.search(line, col + 1):
            # words, then the motto closing the line: two columns (not a header flattened on one line)
            right = min(right or col, col)
        if "ngày" in line:
            line = _DATE_LINE_CUT.sub("|", line)
        cells = [(c, s) for c, s in segments(line) if not (_RULE.fullmatch(s) or _STAMP.fullmatch(s))]
        if _co_issuers([s for _, s in cells]):
            cells = cells[:1]
        if any(has_lower(s) for _, s in cells):
            if n > 0:
                break
            cells = [(c, s) for c, s in cells if not has_lower(s)]
        rows.append(cells)
        if sum(map(len, rows)) > 12:
            break
    if right is not None:
        # Nghị định 30 puts the issuer in the left column, the national name and motto in the
        # right one: what is centred in the right column is no issuer line (a joint document's
        # second body, printed under its banner: the first body leads, as in `_co_issuers`).
        rows = [[(c, s) for c, s in r if c + len(s) / 2 < right] for r in rows]
    return tuple(s for r in reversed(rows) for _, s in r)


# The locality a header cell ends with ("ỦY BAN MTTQ VIỆT NAM XÃ QUẢNG PHÚ" -> "XÃ QUẢNG PHÚ").
_CELL_LOCALITY = re.compile(r"(?<!\w)(?:" + "|".join(sorted(
    (k["word"].upper() for k in lexicon.load("issuers")["locality_kind"]), key=len, reverse=True))
    + r")\s+\S.*$")


def _co_issuers(cells: list[str]) -> bool:
    """Whether the cells of one header line name bodies of one locality side by side (a joint
    plan of the People's Committee and the Front): the first of them leads. Cells of different
    localities are a body and the one above it ("UBND HUYỆN X   UBND XÃ Y")."""
    places = [m.group() if (m := _CELL_LOCALITY.search(c)) else None for c in cells]
    return len(cells) > 1 and None not in places and len(set(places)) == 1


_LETTER = re.compile(r"[^\W\d_]")
_NOT_NEWLINE = re.compile(r"[^\n]+")
_DATE_LINE_CUT = re.compile(r"(?:[^\s|,]+[ \t]){0,4}[^\s|,]+[ \t]*,[ \t]*ngày.*$")


# --- news item ---------------------------------------------------------------------------

def _news(text: str) -> Header | None:
    m = _NEWS.search(text, 0, min(len(text), 2500))
    if not m:
        return None
    sym_type, symbol = normalize_symbol(m.group("num"), m.group("rest"))
    noun_type = next((v for k, v in _BODY_NOUN.items() if fold(m.group("noun")).casefold() == k), None)
    if symbol and sym_type is None and noun_type:
        symbol = split_type_part(symbol, noun_type)
    sentence = max(text.rfind(c, 0, m.start()) for c in ".;\n") + 1
    # The subject follows the dateline, which may follow an agency tag ("(BTO) - Ngày 16/5/2023,").
    lead = _NEWS_DATELINE.search(text, sentence, m.start())
    who = text[lead.end() if lead else sentence:m.start()]
    unit = iss.parse_units([fold(m.group("of") or who)])
    if not unit:
        part = (symbol or "").split("/")[-1].split("-")[-1]
        unit = iss.parse_units([_SYMBOL_ISSUERS.get(part, "")])
    issuer = iss.resolve(unit[-1:], text, None) if unit else Issuer()
    d, mo, y = (m.group("d2"), m.group("m2"), m.group("y2")) if m.group("y2") else (
        (lead.group("d1"), lead.group("m1"), lead.group("y1")) if lead else (None, None, None))
    return Header(doc_type=NEWS, number=m.group("num"), symbol=symbol, issuer=issuer,
                  issue_date=iso_date(d, mo, y))


# --- the header --------------------------------------------------------------------------

def _date_line(head: str, so: re.Match | None) -> tuple[re.Match, str, int] | None:
    """The first "Place, ngày d tháng m năm y" near the Số line: (match, place, place offset)."""
    for dm in _DATE.finditer(head):
        if so and abs(dm.start() - so.start()) > 1500:
            if dm.start() > so.start():
                return None
            continue
        place, at = _place_before(head, dm.start())
        if place:
            return dm, place, at
    return None


def extract_header(doc: Document) -> Header:
    text = doc.text
    head = _mask_chrome(text[:HEAD_LIMIT])
    so = _SO.search(head)
    date = _date_line(head, so)
    if not so and not date:
        return _headerless(doc)

    h = Header()
    starts: list[int] = []
    ends: list[int] = []
    sym_type = None
    if so:
        # The line that may hold the rest of a symbol broken after a hyphen (past a blank line).
        next_line = _next_content(head, _line_bounds(head, so.end())[1] + 1, len(head))
        number = so.group("num") and so.group("num").translate(OCR_DIGITS)
        sym_type, h.symbol = normalize_symbol(number, so.group("rest"), next_line)
        h.number = number
        starts.append(so.start())
        ends.append(so.start("rest") + _LEADING_WORD.match(so.group("rest")).end())
    if date:
        dm, h.place, place_at = date
        h.issue_date = iso_date(dm.group("d"), dm.group("m"), dm.group("y"))
        starts.append(place_at)
        ends.append(dm.end())
    h.is_draft = (so is not None and so.group("num") is None) or (date is not None and date[0].group("d") is None)
    anchor, anchor_end = min(starts), max(ends)

    limit = min(len(text), anchor_end + 3000)
    vv = _VV.search(head, anchor, min(len(head), anchor_end + 400))
    tw = None if vv else _TYPE_WORD.search(head, anchor_end, min(len(head), anchor_end + 800))
    if tw and _KINH_GUI.search(head, anchor_end, tw.start()):
        tw = None
    if vv:
        h.doc_type = "CV" if sym_type is None else sym_type
        h.title, h.title_span, body = _vv_title(text, vv, limit)
    elif tw:
        h.doc_type = type_of_word(tw.group(1))
        if h.symbol and sym_type is None:
            h.symbol = split_type_part(h.symbol, h.doc_type)
        h.title, h.title_span, body = _title(text, tw.end(), limit)
    else:
        h.doc_type = sym_type or ("CV" if h.symbol else None)
        body = _line_bounds(text, anchor_end)[1] + 1
    h.body_start = _skip_to_body(text, body, limit)

    top = max(0, text.rfind("\n", 0, max(0, anchor - 3000)))
    units = iss.parse_units(_issuer_lines(head[top:anchor]))
    h.issuer = _issuer(units, text, h.place, h.body_start)

    c = closing(text, h.body_start)
    h.signer, h.recipients, h.closing_start = c.signer, c.recipients, c.start
    return h


def _issuer(units: list[iss.Unit], text: str, place: str | None, body_start: int) -> Issuer:
    """The issuer from the header lines, completed by a body sentence naming it."""
    me = units[-1] if units else None
    if me is None or (me.loc_kind is None and iss.is_committee(me)):
        said, _ = iss.from_sentence(text, body_start, min(len(text), body_start + 4000))
        if said and (me is None or said.kind == me.kind):
            units = units[:-1] + [said]
    return iss.resolve(units, text, place)


def _headerless(doc: Document) -> Header:
    """A document whose header was lost: a letter (Kính gửi), a news item, or a body that names
    its issuer and type ("Ủy ban nhân dân thành phố ban hành Kế hoạch")."""
    text = doc.text
    kg = _KINH_GUI.match(text)
    if not kg:
        news = _news(text)
        if news:
            news.closing_start = closing(text, 0).start
            return news
    h = Header()
    h.body_start = _skip_to_body(text, 0, min(len(text), 4000))
    said, noun = iss.from_sentence(text, 0, min(len(text), 4000))
    if said:
        h.issuer = iss.resolve([said], text, None)
    if kg:
        h.doc_type = "CV"
    elif noun:
        h.doc_type = next((v for k, v in _BODY_NOUN.items() if noun.casefold().startswith(k)), None)
    c = closing(text, h.body_start)
    h.signer, h.recipients, h.closing_start = c.signer, c.recipients, c.start
    return h
