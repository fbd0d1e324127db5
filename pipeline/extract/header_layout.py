"""Layout and letter-case helpers shared by the header stages (header, header_issuer, header_closing).

Headers reach us flattened: table cells joined by `|`, two pdftotext columns on one line separated
by a run of spaces, print homoglyphs (Cyrillic letters in symbols, `ƣ` for `ư`). These helpers cut a
line into its column segments and turn a CAPITALISED header line into the casing of a record.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from .. import lexicon

LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
UPPER = LOWER.upper()


def base_letters(s: str) -> str:
    """`s` without its diacritics, casefolded ("Báo cảo" -> "bao cao")."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)) \
        .replace("Đ", "D").replace("đ", "d").casefold()


# Every letter of the alphabet, by its base letter: what OCR may read for it.
_SAME_BASE: dict[str, str] = {}
for _c in LOWER + UPPER:
    _SAME_BASE[base_letters(_c)] = _SAME_BASE.get(base_letters(_c), "") + _c


# The letters an OCR'd scan prints for the digits 1 and 0 ("6l", "O6"), and the table that
# reads them back as digits.
OCR_DIGIT_LETTERS = "lIO"
OCR_DIGITS = str.maketrans(OCR_DIGIT_LETTERS, "110")


def ocr_tolerant(word: str) -> str:
    """A regex for `word` that takes any diacritics on its vowels and on đ, as scans read by OCR
    print them ("Sô" for "Số", "ngảy" for "ngày", "BÁO CẢO"): for the few header keywords whose
    base letters alone tell them apart."""
    out = []
    for c in word:
        b = base_letters(c)
        same = [x for x in _SAME_BASE.get(b, c) if x.isupper() == c.isupper()] if b in "aeiouyd" else []
        out.append(f"[{''.join(same)}]" if len(same) > 1 else re.escape(c))
    return "".join(out)

# Letters that PDF fonts map to look-alikes: Cyrillic capitals inside a symbol ("ВСТ"), the
# Latin "oi" letter that some fonts print for "ư".
_HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P",
    "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y",
    "ƣ": "ư", "Ƣ": "Ư",
})

_HAS_HOMOGLYPH = re.compile(f"[{re.escape(''.join(map(chr, _HOMOGLYPHS)))}]")
_HAS_LOWER = re.compile(f"[{LOWER}]")
_LETTER = re.compile(f"[{LOWER}{UPPER}]")
_CELL = re.compile(r"[^|\t\n]+")            # a tab parts cells as "|" does (docx captures)
_RUN = re.compile(r"\S(?:.*?\S)?(?=\s{3,}|\s*$)")
_SEPARATOR = re.compile(r"[|\t\n]|\s{3}")   # what _CELL and _RUN cut at
_DASH_ONLY = re.compile(r"[-–•+]")


def word_start(pattern: str) -> str:
    """`(?<!\\w)` + `pattern`, written as the pattern's first character, then the look-behind
    (`V(?<!\\wV)/v`): a regex that opens with a literal is skipped fast to that character, one that
    opens with a look-behind is tried at every offset. The pattern must open with a letter that
    no quantifier follows."""
    if not pattern[:1].isalpha() or pattern[1:2] in ("*", "+", "?", "{"):
        raise ValueError(f"{pattern!r} does not open with a single letter")
    return rf"{pattern[0]}(?<!\w{pattern[0]}){pattern[1:]}"


def clean(s: str) -> str:
    """`s` with print homoglyphs replaced by the Vietnamese letters they stand for."""
    # translate() looks every character of a non-ASCII string up in the table: a regex scan
    # first spares that for the lines that hold none (nearly all).
    return s.translate(_HOMOGLYPHS) if _HAS_HOMOGLYPH.search(s) else s


def fold(s: str) -> str:
    """Whitespace folded to single spaces, ends stripped (str.split takes the characters regex
    `\\s` does, without a regex call)."""
    return " ".join(s.split())


def is_upper(s: str) -> bool:
    """A capitalised header line: letters, none of them lower case."""
    return not _HAS_LOWER.search(s) and len(_LETTER.findall(s)) >= 2


def has_lower(s: str) -> bool:
    return bool(_HAS_LOWER.search(s))


@functools.lru_cache(maxsize=4096)        # closings and issuer lines repeat from document to document
def segments(line: str) -> tuple[tuple[int, str], ...]:
    """(column, text) of the cells of one line: split at `|`, tabs and runs of 3+ spaces.

    A lone dash is joined to the text after it ("-   Bộ Công an;" is one recipient).
    """
    if not _SEPARATOR.search(line):        # most lines are one cell: skip the scans below
        text = line.strip()
        return ((len(line) - len(line.lstrip()), text),) if text else ()
    out: list[tuple[int, str]] = []
    for cell in _CELL.finditer(line):
        for run in _RUN.finditer(cell.group()):
            out.append((cell.start() + run.start(), run.group()))
    merged: list[tuple[int, str]] = []
    for col, text in out:
        if merged and _DASH_ONLY.fullmatch(merged[-1][1]):
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + text)
        else:
            merged.append((col, text))
    return tuple(merged)


def _load_casing() -> tuple[re.Pattern, dict[str, str], re.Pattern, re.Pattern]:
    hdr = lexicon.load("header")
    iss = lexicon.load("issuers")
    canon = {p.casefold(): p for p in hdr["signer"]["positions"] + iss["names"]["proper_words"]}
    words = sorted(canon, key=len, reverse=True)
    canon_rx = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")
    # Locality kinds, and Party committee words that hold one ("huyện ủy").
    kinds = sorted([k["word"] for k in iss["locality_kind"]]
                   + [w for u in iss["unit_kind"] if u.get("locality_kind") for w in u["words"]],
                   key=len, reverse=True)
    # After a locality kind every syllable of the name is capitalised ("tỉnh Thừa Thiên Huế").
    loc_rx = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, kinds)) + r")((?: [^\s;]+)*)")
    named = sorted({w for u in iss["unit_kind"] if u.get("named") for w in u["words"]},
                   key=len, reverse=True)
    # A named kind that ends a longer kind word is not that kind: the "bộ" of "đảng bộ".
    shadowed = {w.rsplit(" ", 1)[0] for u in iss["unit_kind"] if not u.get("named") for w in u["words"]
                if " " in w and w.rsplit(" ", 1)[1] in named}
    not_after = "".join(rf"(?<!{re.escape(p)} )" for p in sorted(shadowed))
    # A named body's own name starts with a capital, and so does a field joined by "và"
    # ("Bộ Nông nghiệp và Phát triển nông thôn").
    named_rx = re.compile(r"(?<!\w)" + not_after + "(" + "|".join(map(re.escape, named))
                          + r") (?!trưởng\b)(\S+)((?: (?!và\b)\S+)*)(?: và (\S+))?")
    return canon_rx, canon, loc_rx, named_rx


_CANON_RX, _CANON, _LOC_RX, _NAMED_RX = _load_casing()
_MARKER_START = re.compile(r"(^|; )(\w+\.\s*)(\w)")
_SYMBOL_CHAR = re.compile(r"[\d/]")


def _cap(w: str) -> str:
    return w[:1].upper() + w[1:]


@functools.lru_cache(maxsize=4096)        # positions and bodies repeat from document to document
def proper_case(s: str) -> str:
    """A CAPITALISED header phrase in the record's casing.

    "TM. ỦY BAN NHÂN DÂN" -> "TM. Ủy ban nhân dân", "KT. BỘ TRƯỞNG BỘ CÔNG AN" -> "KT. Bộ trưởng
    Bộ Công an", "UBND TỈNH LÀO CAI" stays as is when already mixed case. Words holding digits or a
    slash (symbols) keep their print.
    """
    s = fold(s)
    if has_lower(s):
        return s
    t = " ".join(w if _SYMBOL_CHAR.search(w) else w.lower() for w in s.split(" "))
    t = t.replace("uỷ ban", "ủy ban")
    t = _LOC_RX.sub(lambda m: m.group(1) + " ".join(_cap(w) for w in m.group(2).split(" ")), t)
    t = _NAMED_RX.sub(lambda m: m.group(1) + " " + _cap(m.group(2)) + (m.group(3) or "")
                      + (" và " + _cap(m.group(4)) if m.group(4) else ""), t)
    t = _CANON_RX.sub(lambda m: _CANON[m.group(1)], t)
    t = _MARKER_START.sub(lambda m: m.group(1) + m.group(2).upper() + m.group(3).upper(), t)
    return _cap(t)
