"""Number-symbols of cited instruments: find them on raw characters and repair print noise.

Three symbol families (Nghị định 30/2020/NĐ-CP, Phụ lục III; party rules for `-NQ/TW`):
administrative `174/KH-UBND`, `1719/UBND-THCBKS` (no year: the year comes from the date);
normative with a year `09/2017/NĐ-CP`, `72/2025/QH15`; party `57-NQ/TW`; plus technical
regulations `QCVN 01:2019/BCT`. Repairs: spaces around `/` and `-` (`192 /KH-UBND`,
`12/CT- TTg`, runs of them), a symbol broken over lines (`11-\\nCT/TU`), a lost hyphen (`150/KHUBND`,
`61/2018/NĐCP`, `07/CTTTg`, `1105/KHĐKT` after "Kế hoạch số"), a word glued after it (`407/QĐ-TTgngày`), a footnote digit glued to its end
(`42/2024/QH151`). The codes come from `models/citations.toml`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import lexicon
from .header_layout import OCR_DIGIT_LETTERS, OCR_DIGITS

_LEX = lexicon.load("citations")
TYPE_CODES: frozenset[str] = frozenset(_LEX["symbol_types"]["codes"])
_TYPES_LONGEST = sorted(TYPE_CODES, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class IssuerCode:
    code: str
    name: str
    level: str | None
    shared: bool
    locality: str | None      # "province": a provincial body, of the citing document's province
    rx: re.Pattern


ISSUER_CODES: tuple[IssuerCode, ...] = tuple(
    IssuerCode(e["code"], e["name"], e.get("level"), bool(e.get("shared")), e.get("locality"),
               re.compile(e.get("pattern") or re.escape(e["code"])))
    for e in _LEX["issuer_code"])


# Every code's pattern as one alternation, in lexicon order, each in a group named after its index.
_ISSUER_CODE_RX = re.compile("|".join(f"(?P<c{i}>{c.rx.pattern})" for i, c in enumerate(ISSUER_CODES)))


@functools.lru_cache(maxsize=1024)
def issuer_code(part: str) -> IssuerCode | None:
    """The registered issuer code that `part` is ("TTg", "QH15", "STTTT"), if any: the first in
    the lexicon whose pattern matches it whole (memoised: a few codes recur everywhere)."""
    m = _ISSUER_CODE_RX.fullmatch(part)
    return ISSUER_CODES[int(m.lastgroup[1:])] if m else None


_MIXED = "|".join(sorted(_LEX["mixed_case"]["codes"], key=len, reverse=True))
# A mixed-case code printed in capitals (a title in capitals: "CHỈ THỊ SỐ 07/CT-TTG"): the key
# must not depend on the casing of the line it was printed in.
_MIXED_BY_CAPITALS = {code.upper(): code for code in _LEX["mixed_case"]["codes"]}
# A code part ends at a word boundary or where a word the print glued to it begins
# ("407/QĐ-TTgngày", "70-TB/TWngày").
_GLUED = "|".join(_LEX["mixed_case"]["glued_words"])
_UPPER_RUN = r"[A-ZĐ][A-ZĐ0-9&]*"
_PART_END = rf"(?:(?!\w)|(?={_GLUED}))"
# A code part: upper case letters and digits; or a mixed-case code, alone or in a run glued
# by a lost hyphen ("CTTTg", "TTrSTTTT": `_restore_type` splits it).
_PART = rf"(?:(?:[A-ZĐ][A-ZĐ0-9&]*?)?(?:{_MIXED})(?:{_UPPER_RUN}{_PART_END})?|{_UPPER_RUN}{_PART_END})"
# Between parts: a hyphen with spaces or a line break after it, or spaces before it
# ("12/CT- TTg", "2257/QĐ-\n  UBND", "1856/TTr  -SCT"; not spaces on both sides: a dash).
_SEP = r"(?:-[ \t]*(?:\n\s*)?|[ \t]+-)"
_PARTS = rf"{_PART}(?:{_SEP}{_PART})*"
_NUM_START = r"(?<![\w./-])(?<!\d:)"
_TYPE_ALT = "|".join(re.escape(t) for t in _TYPES_LONGEST)
# Spaces a print (pdftotext justifying a line) leaves around "/", ":" and "-" of a symbol.
_SP = r"[ \t]*"
_OCR = f"[{OCR_DIGIT_LETTERS}]"

SYMBOL_RX = re.compile(
    rf"(?=[0-9Q{OCR_DIGIT_LETTERS}])(?:QCVN{_SP}(?P<qnum>\d{{1,3}}(?:-\d{{1,3}})?){_SP}:{_SP}(?P<qyear>(?:19|20)\d\d){_SP}/{_SP}(?P<qparts>{_PARTS})"
    rf"|{_NUM_START}(?P<pnum>\d{{1,5}}){_SP}-[ \t]*(?:\n\s*)?(?P<ptype>{_TYPE_ALT}){_SP}/{_SP}(?P<pparts>{_PARTS})"
    # a number may carry a letter ("30c/NQ-CP", "30a/2008/NQ-CP": issued between 30 and 31); an
    # OCR'd scan reads 1 and 0 as "l", "I", "O" ("O6/QĐ-TTg", "2l2/KH-UBND", "l9/KH-UBND"): one
    # such letter at a time, beside a digit, is read as the digit (`OCR_DIGITS`)
    rf"|{_NUM_START}(?P<num>{_OCR}?\d(?:{_OCR}?\d){{0,4}}(?:\.\d{{1,2}}|[a-h]|{_OCR}(?![\w]))?){_SP}(?:[/.]{_SP}(?P<year>(?:19|20)\d\d){_SP})?/{_SP}"
    rf"(?P<parts>{_PARTS}))"
)
_SPLIT_RX = re.compile(r"\s*-\s*")
# Where a symbol may be. Every symbol holds a "/" (or opens with "QCVN"): a scan for one literal
# character runs many times faster than a scan for a class of them (digits), so the scan finds
# the "/" and reads back to the last digit of the number that may open the symbol; SYMBOL_RX is
# then tried where that number begins.
_CODE_FIRST = "A-ZĐ" + "".join({c[0] for c in _LEX["mixed_case"]["codes"]})
# (A "/" is followed by the symbol's code or its year: "21/3/2023" has one such "/", "V/v" none.)
_SLASH_RX = re.compile(rf"/(?={_SP}(?:[{_CODE_FIRST}]|(?:19|20)\d\d))")
_QCVN_RX = re.compile("QCVN")
_TYPE_MAX = max(map(len, TYPE_CODES))
_LEADING_ZEROS_RX = re.compile(r"^0+(?=\d)")


def _back(text: str, i: int, lo: int, keep) -> int:
    """The offset before the run of characters that `keep` holds ending at text[i - 1]."""
    while i > lo and keep(text[i - 1]):
        i -= 1
    return i


def _number_ends(text: str, slash: int, lo: int) -> list[int]:
    """Offsets of the digits that may end a symbol's number, the symbol's first "/" being at
    `slash`: before the "/" ("174/KH", "09/2017/"), before ".year/" ("15.2012/QH13"), before
    "-TYPE/" ("57-NQ/TW", "11-\nCT/TU"); spaces allowed where SYMBOL_RX allows them."""
    r = _back(text, slash, lo, " \t".__contains__)
    if r - 1 > lo and "a" <= text[r - 1] <= "h" and text[r - 2].isdigit():
        return [r - 2]                     # a number with a letter ("30c/NQ-CP")
    if r > lo and text[r - 1].isdigit():
        out = [r - 1]
        y = _back(text, r - 4, lo, " \t".__contains__)
        if r - 4 > lo and text[r - 4:r].isdigit() and y > lo and text[y - 1] == ".":
            d = _back(text, y - 1, lo, " \t".__contains__)
            if d > lo and text[d - 1].isdigit():
                out.append(d - 1)
        return out
    t = _back(text, r, max(lo, r - _TYPE_MAX), str.isalpha)
    d = _back(text, t, lo, str.isspace)
    if t < r and d > lo and text[d - 1] == "-":
        d = _back(text, d - 1, lo, " \t".__contains__)
        if d > lo and text[d - 1].isdigit():
            return [d - 1]
    return []


def iter_symbols(text: str, start: int = 0, end: int | None = None):
    """The `SYMBOL_RX` matches in text[start:end], in order, without overlaps (those of
    `SYMBOL_RX.finditer(text, start, end)`)."""
    end = len(text) if end is None else end
    cands = {q.start() for q in _QCVN_RX.finditer(text, start, end)}
    for s in _SLASH_RX.finditer(text, start, end):
        cands.update(_number_ends(text, s.start(), start))
    done = start
    for p in sorted(cands):
        if p < done:
            continue
        if text[p] != "Q":
            while p > done and (text[p - 1].isdigit() or text[p - 1] == "."
                                or text[p - 1] in OCR_DIGIT_LETTERS and not (p > 1 and text[p - 2].isalpha())):
                p -= 1
        m = SYMBOL_RX.match(text, p, end)
        if m:
            done = m.end()
            yield m


@dataclass(frozen=True, slots=True)
class Symbol:
    """A repaired number-symbol and what it says."""
    text: str                 # normalised: "09/2017/NĐ-CP", "57-NQ/TW", "QCVN 01:2019/BCT"
    family: str               # administrative, normative, party, qcvn
    number: str               # as printed: "07", "66.4"
    year: str | None          # the year the symbol holds, if any
    type_code: str | None     # the symbol's type part: "CT", "QĐ", "QCVN"; None for a công văn
    issuers: tuple[str, ...]  # the issuer parts: ("TTg",), ("BTTTT", "PTTH&TTĐT")

    @property
    def issuer(self) -> IssuerCode | None:
        """The registered code of the first issuer part ("BNN" of "QĐ-BNN-VPĐP")."""
        return issuer_code(self.issuers[0]) if self.issuers else None

    @property
    def compare_key(self) -> str:
        """How symbols are compared: case folded, without leading zeros in the number."""
        return _compare_key(self.text)


@functools.lru_cache(maxsize=4096)
def _compare_key(symbol: str) -> str:
    return _LEADING_ZEROS_RX.sub("", symbol.casefold())


def _strip_footnote(part: str) -> str:
    """ "QH151" -> "QH15", "CP2" -> "CP": a footnote digit glued to a registered code."""
    if issuer_code(part):
        return part
    for k in (1, 2):
        if len(part) > k and part[-k:].isdigit() and issuer_code(part[:-k]):
            return part[:-k]
    return part


def _restore_type(parts: list[str], has_year: bool, type_hint: str | None) -> list[str]:
    """ "KHUBND" -> "KH", "UBND"; "NĐCP" -> "NĐ", "CP": the hyphen the print lost. The rest must
    be a registered issuer code, unless something else says the run opens with a type part: a
    year in the symbol (only normative symbols hold one), or the type printed before it
    ("Kế hoạch số 1105/KHĐKT")."""
    first = parts[0]
    if first in TYPE_CODES or issuer_code(first):
        return parts
    for t in _TYPES_LONGEST:
        rest = first[len(t):]
        if first.startswith(t) and rest and (issuer_code(_strip_footnote(rest))
                                             or ((has_year or t == type_hint) and len(rest) >= 2)):
            return [t, rest, *parts[1:]]
    return parts


_GROUPS = ("qnum", "qyear", "qparts", "pnum", "ptype", "pparts", "num", "year", "parts")


def parse(m: re.Match, type_hint: str | None = None) -> Symbol | None:
    """The `Symbol` of one `SYMBOL_RX` match, or None when it is not a symbol after all;
    `type_hint`: the type code the words before it name, if any."""
    return _parse(m.group(*_GROUPS), type_hint)


@functools.lru_cache(maxsize=4096)
def _parse(groups: tuple[str | None, ...], type_hint: str | None) -> Symbol | None:
    # (memoised: a document prints the same few symbols again and again)
    qnum, qyear, qparts, pnum, ptype, pparts, num, year, raw_parts = groups
    if qnum:
        parts = [_strip_footnote(p) for p in _SPLIT_RX.split(qparts)]
        return Symbol(f"QCVN {qnum}:{qyear}/{'-'.join(parts)}", "qcvn", qnum, qyear, "QCVN", tuple(parts))
    if pnum:
        parts = _SPLIT_RX.split(pparts)
        parts[-1] = _strip_footnote(parts[-1])
        return Symbol(f"{pnum}-{ptype}/{'-'.join(parts)}", "party", pnum, None, ptype, tuple(parts))
    parts = [_MIXED_BY_CAPITALS.get(p, p) for p in _SPLIT_RX.split(raw_parts)]
    if len(parts[0]) < 2:
        return None
    parts = _restore_type(parts, year is not None, type_hint)
    parts[-1] = _strip_footnote(parts[-1])
    type_code = parts[0] if parts[0] in TYPE_CODES else None
    issuers = tuple(parts[1:] if type_code else parts)
    if type_code and not issuers:
        return None             # "5/KH": a type with no issuer is no symbol
    middle = f"/{year}" if year else ""
    num = num.translate(OCR_DIGITS)
    return Symbol(f"{num}{middle}/{'-'.join(parts)}", "normative" if year else "administrative",
                  num, year, type_code, issuers)


def normalize_symbol(raw: str) -> str | None:
    """The normalised text of a printed symbol ("150/KHUBND" -> "150/KH-UBND"), or None."""
    m = SYMBOL_RX.search(raw)
    s = parse(m) if m else None
    return s.text if s else None
