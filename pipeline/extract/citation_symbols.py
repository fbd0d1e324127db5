"""Number-symbols of cited instruments: find them on raw characters and repair print noise.

Three symbol families (Nghị định 30/2020/NĐ-CP, Phụ lục III; party rules for `-NQ/TW`):
administrative `174/KH-UBND`, `1719/UBND-THCBKS` (no year: the year comes from the date);
normative with a year `09/2017/NĐ-CP`, `72/2025/QH15`; party `57-NQ/TW`; plus technical
regulations `QCVN 01:2019/BCT`. Repairs: spaces around `/` and `-` (`192 /KH-UBND`,
`12/CT- TTg`), a symbol broken over lines (`11-\\nCT/TU`), a lost hyphen (`150/KHUBND`,
`61/2018/NĐCP`), a word glued after it (`407/QĐ-TTgngày`), a footnote digit glued to its end
(`42/2024/QH151`). The codes come from `models/citations.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon

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


def issuer_code(part: str) -> IssuerCode | None:
    """The registered issuer code that `part` is ("TTg", "QH15", "STTTT"), if any: the first in
    the lexicon whose pattern matches it whole."""
    m = _ISSUER_CODE_RX.fullmatch(part)
    return ISSUER_CODES[int(m.lastgroup[1:])] if m else None


_MIXED = "|".join(sorted(_LEX["mixed_case"]["codes"], key=len, reverse=True))
# A code part: a mixed-case code, or upper case letters and digits ending at a word boundary
# or where a word the print glued to it begins ("407/QĐ-TTgngày", "70-TB/TWngày").
_GLUED = "|".join(_LEX["mixed_case"]["glued_words"])
_PART = rf"(?:{_MIXED}|[A-ZĐ][A-ZĐ0-9&]*(?:(?!\w)|(?={_GLUED})))"
# Between parts: a hyphen with spaces or a line break after it, or a space before it.
_SEP = r"(?:-[ \t]*(?:\n\s*)?|[ \t]-)"
_PARTS = rf"{_PART}(?:{_SEP}{_PART})*"
_NUM_START = r"(?<![\w./-])(?<!\d:)"
_TYPE_ALT = "|".join(re.escape(t) for t in _TYPES_LONGEST)

SYMBOL_RX = re.compile(
    rf"(?=[0-9Q])(?:QCVN[ \t]?(?P<qnum>\d{{1,3}}(?:-\d{{1,3}})?)[ \t]?:[ \t]?(?P<qyear>(?:19|20)\d\d)[ \t]?/[ \t]?(?P<qparts>{_PARTS})"
    rf"|{_NUM_START}(?P<pnum>\d{{1,5}})[ \t]?-[ \t]*(?:\n\s*)?(?P<ptype>{_TYPE_ALT})[ \t]?/[ \t]?(?P<pparts>{_PARTS})"
    rf"|{_NUM_START}(?P<num>\d{{1,5}}(?:\.\d{{1,2}})?)[ \t]?(?:[/.][ \t]?(?P<year>(?:19|20)\d\d)[ \t]?)?/[ \t]?"
    rf"(?P<parts>{_PARTS}))"
)
_SPLIT_RX = re.compile(r"\s*-\s*")
# Where a symbol may be: "QCVN", or the last digit of a number followed by what a symbol holds
# next: "/" and a code or a year, "." and a year, "-" and a type. A regex that opens with a plain
# character class scans fast; SYMBOL_RX is then tried only where the number begins.
_CODE_FIRST = "A-ZĐ" + "".join({c[0] for c in _LEX["mixed_case"]["codes"]})
_TYPE_FIRST = "".join({c[0] for c in TYPE_CODES})
# (What follows the digit is only looked at: a number inside it may start a symbol of its own.)
_CANDIDATE_RX = re.compile(rf"[\dQ](?:(?<=\d)(?=[ \t]?(?:/[ \t]?(?:[{_CODE_FIRST}]|(?:19|20)\d\d)|\.[ \t]?(?:19|20)\d\d"
                           rf"|-[ \t]*(?:\n\s*)?[{_TYPE_FIRST}]))|(?<=Q)CVN)")
_LEADING_ZEROS_RX = re.compile(r"^0+(?=\d)")


def iter_symbols(text: str, start: int = 0, end: int | None = None):
    """The `SYMBOL_RX` matches in text[start:end], in order, without overlaps."""
    end = len(text) if end is None else end
    done = start
    for c in _CANDIDATE_RX.finditer(text, start, end):
        p = c.start()
        if p < done:
            continue
        if text[p] != "Q":
            while p > done and (text[p - 1].isdigit() or text[p - 1] == "."):
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
        return _LEADING_ZEROS_RX.sub("", self.text.casefold())


def _strip_footnote(part: str) -> str:
    """ "QH151" -> "QH15", "CP2" -> "CP": a footnote digit glued to a registered code."""
    if issuer_code(part):
        return part
    for k in (1, 2):
        if len(part) > k and part[-k:].isdigit() and issuer_code(part[:-k]):
            return part[:-k]
    return part


def _restore_type(parts: list[str], has_year: bool) -> list[str]:
    """ "KHUBND" -> "KH", "UBND"; "NĐCP" -> "NĐ", "CP": the hyphen the print lost."""
    first = parts[0]
    if first in TYPE_CODES or issuer_code(first):
        return parts
    for t in _TYPES_LONGEST:
        rest = first[len(t):]
        if first.startswith(t) and rest and (issuer_code(_strip_footnote(rest)) or (has_year and len(rest) >= 2)):
            return [t, rest, *parts[1:]]
    return parts


def parse(m: re.Match) -> Symbol | None:
    """The `Symbol` of one `SYMBOL_RX` match, or None when it is not a symbol after all."""
    if m["qnum"]:
        parts = [_strip_footnote(p) for p in _SPLIT_RX.split(m["qparts"])]
        return Symbol(f"QCVN {m['qnum']}:{m['qyear']}/{'-'.join(parts)}", "qcvn", m["qnum"], m["qyear"],
                      "QCVN", tuple(parts))
    if m["pnum"]:
        parts = _SPLIT_RX.split(m["pparts"])
        parts[-1] = _strip_footnote(parts[-1])
        return Symbol(f"{m['pnum']}-{m['ptype']}/{'-'.join(parts)}", "party", m["pnum"], None, m["ptype"],
                      tuple(parts))
    parts = _SPLIT_RX.split(m["parts"])
    if len(parts[0]) < 2:
        return None
    year = m["year"]
    parts = _restore_type(parts, year is not None)
    parts[-1] = _strip_footnote(parts[-1])
    type_code = parts[0] if parts[0] in TYPE_CODES else None
    issuers = tuple(parts[1:] if type_code else parts)
    if type_code and not issuers:
        return None             # "5/KH": a type with no issuer is no symbol
    middle = f"/{year}" if year else ""
    return Symbol(f"{m['num']}{middle}/{'-'.join(parts)}", "normative" if year else "administrative",
                  m["num"], year, type_code, issuers)


def normalize_symbol(raw: str) -> str | None:
    """The normalised text of a printed symbol ("150/KHUBND" -> "150/KH-UBND"), or None."""
    m = SYMBOL_RX.search(raw)
    s = parse(m) if m else None
    return s.text if s else None
