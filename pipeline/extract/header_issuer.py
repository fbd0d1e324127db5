"""The issuer of a document: its name, level, locality, province and district.

Read from the issuer lines at the top left of the header (Nghị định 30/2020, Phụ lục I: the parent
body above, the issuing body below: "UBND TỈNH LÀO CAI / SỞ CÔNG THƯƠNG"), completed where the
header lost them by a body sentence naming the issuer ("UBND xã Dân Tiến xây dựng kế hoạch"), by
the place of the date line (a local body's place is its own locality) and by the provinces the
text names ("trên địa bàn tỉnh Thanh Hóa"). Kinds, levels and abbreviations are data in
models/issuers.toml.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import lexicon
from ..model import Issuer
from .header_layout import LOWER, UPPER, clean, fold, has_lower, proper_case, word_start

_LEX = lexicon.load("issuers")
_HDR = lexicon.load("header")

_ABBR = [(re.compile(word_start(re.escape(a["short"])) + r"(?!\w)"), a["full"])
         for a in _LEX["abbreviation"]]
_LOC_LEVEL = {k["word"]: k["level"] for k in _LEX["locality_kind"]}
_LOC_KIND = re.compile(r"(?i)^(" + "|".join(sorted(map(re.escape, _LOC_LEVEL), key=len, reverse=True))
                       + r")(?:\s+(.+))?$")
_CENTRAL_CITIES = {c.casefold() for c in _LEX["names"]["central_cities"]}
_CENTRAL_MARKER = _LEX["names"]["central_marker"]

_KIND_OF: dict[str, dict] = {w: u for u in _LEX["unit_kind"] for w in u["words"]}
_NON_SPLIT = {w for w, u in _KIND_OF.items() if not u.get("split")}
_SPLIT_KINDS = sorted((w for u in _LEX["unit_kind"] if u.get("split") for w in u["words"]),
                      key=len, reverse=True)
_ALL_KINDS = sorted(_KIND_OF, key=len, reverse=True)
_SPLIT_RX = re.compile(r"(?i)(?<!\w)(" + "|".join(map(re.escape, _SPLIT_KINDS)) + r")(?!\w)")
_START_RX = re.compile(r"(?i)^(" + "|".join(map(re.escape, _ALL_KINDS)) + r")(?!\w)")

_NAME = f"[{UPPER}][{LOWER}]+"
# Capitalised words; two names may be joined by a dash ("Bà Rịa - Vũng Tàu").
_PLACE_NAME = rf"((?:{_NAME})(?:(?:[ \t]+|[ \t]?[-–][ \t]?){_NAME}){{0,4}})"
# "tỉnh Nghệ An", and the province's Party committee "Tỉnh ủy Nghệ An".
_PROVINCE_RX = re.compile(r"(?:tỉnh|Tỉnh\s+ủy)(?<!\wtỉnh)(?<!các tỉnh)\s+" + _PLACE_NAME)
# A centrally-run city is a province: "thành phố Hải Phòng", "UBND Thành phố Hà Nội" (its official
# capitals) name the province of a commune in it.
_CITY_RX = re.compile(r"(?:thành\s+phố|Thành\s+phố|TP\.?)(?<!\wthành phố)(?<!\wThành phố)\s+" + _PLACE_NAME)
# Each kind word spelt out in both cases: alternatives that all open with a literal let the regex
# engine skip to their first letters (a class like "[Hh]" makes it try every offset).
_DISTRICT_RX = re.compile(r"(?:huyện|Huyện|thị\s+xã|Thị\s+xã|quận|Quận)(?<!\w[Hh]uyện)(?<!các huyện)\s+"
                          + _PLACE_NAME)
# Literals every match of _DISTRICT_RX holds: a text that holds none names no district. Checked
# first: `in` and a scan for a literal are fast, the scan above stops at every "h" and "t".
_DISTRICT_WORD_RESTS = ("uyện", "uận")
_THI_XA_RX = re.compile(r"hị\s+xã")

# A body sentence whose subject is the issuer: "<body> [(sau đây gọi là ...)] [đã] <verb>".
_ORG_WORD = r"(?:\s+(?!(?:của|về|theo|tại|với|cho|đã|và|được|nhận|có|trong|từ)\b)[^\s.;:\d/()\"“”,]+)"
_BODY_ISSUER_RX = re.compile(
    r"(?<!\w)(?P<org>(?:Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|"
    r"Hội\s+đồng|Sở|Bộ|Cục|Ban|Đoàn)" + _ORG_WORD + r"{0,10}?)\s*(?:\([^)]{0,60}\)\s*)?(?:đã\s+)?"
    + _HDR["body_issuer"]["verb"] + r"(?P<obj>\s+\S+(?:\s+\S+)?)?")


@dataclass(frozen=True, slots=True)
class Unit:
    """One body named in the issuer lines or a sentence: its kind entry and its name."""
    kind: str                     # the kind word as in issuers.toml ("ủy ban nhân dân", "sở")
    text: str                     # the body's name as printed, abbreviations expanded
    loc_kind: str | None = None   # "tỉnh", "xã" ...
    locality: str | None = None   # "Lào Cai"
    owner: Unit | None = None     # the body named inside the name: "Tỉnh ủy" of "Ban Thường vụ Tỉnh ủy"


@functools.lru_cache(maxsize=4096)        # issuer lines repeat from document to document
def expand(s: str) -> str:
    """Abbreviations of issuers.toml expanded ("UBND" -> "Ủy ban nhân dân"); in capitals on a
    line printed in capitals, so that the line is still recased as a whole."""
    caps = not has_lower(s)
    for rx, full in _ABBR:
        s = rx.sub(full.upper() if caps else full, s)
    return s


def _locality_name(loc_kind: str, name: str) -> str | None:
    """A locality's name in the record's casing; a name that is only a number keeps its kind
    word, as the official list writes it ("Phường 3")."""
    name = name.strip(" .,")
    if not name:
        return None
    if not has_lower(name):
        name = " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return f"{loc_kind[:1].upper()}{loc_kind[1:]} {name}" if name.isdigit() else name


def _unit(text: str) -> Unit | None:
    text = fold(expand(clean(text))).strip(" ,;-–")
    m = _START_RX.match(text)
    if not m:
        return None
    kind = m.group(1).casefold()
    entry = _KIND_OF[kind]
    rest = text[m.end():].strip()
    if entry["level"] == "locality":
        if entry.get("locality_kind"):         # a Party committee: "HUYỆN ỦY VĂN YÊN"
            loc_kind, name = entry["locality_kind"], rest
        else:
            lm = _LOC_KIND.match(rest)
            loc_kind, name = (lm.group(1).casefold(), lm.group(2) or "") if lm else (None, "")
        return Unit(kind, text, loc_kind, _locality_name(loc_kind, name) if loc_kind else None)
    if kind in _NON_SPLIT:
        om = _SPLIT_RX.search(text, m.end())
        return Unit(kind, text, owner=_unit(text[om.start():]) if om else None)
    return Unit(kind, text)


def parse_units(lines: Sequence[str]) -> list[Unit]:
    """The bodies named by the issuer lines, top (parent) to bottom (the issuer).

    A kind word marked `split` starts a new body even inside a line; a line that starts with no
    kind continues the body above ("BỘ NÔNG NGHIỆP / VÀ PHÁT TRIỂN NÔNG THÔN").
    """
    return list(_parse_units(tuple(lines)))


@functools.lru_cache(maxsize=1024)        # issuer lines repeat from document to document
def _parse_units(lines: tuple[str, ...]) -> tuple[Unit, ...]:
    pieces: list[str] = []
    for line in lines:
        line = fold(expand(clean(line)))
        starts = [m.start() for m in _SPLIT_RX.finditer(line)]
        if not starts or starts[0] != 0:
            if _START_RX.match(line):
                starts = [0] + starts
            elif pieces:
                head = line[:starts[0]] if starts else line
                pieces[-1] += " " + head
                line = line[len(head):]
                starts = [s - len(head) for s in starts]
        # A split kind right after a body of a kind that does not split names its owner.
        starts = [s for i, s in enumerate(starts)
                  if i == 0 or not _starts_non_split(line[starts[i - 1]:s])]
        bounds = starts + [len(line)]
        pieces.extend(line[a:b] for a, b in zip(bounds, bounds[1:]) if line[a:b].strip())
    return tuple(u for u in map(_unit, pieces) if u)


def _starts_non_split(piece: str) -> bool:
    m = _START_RX.match(piece)
    return bool(m) and m.group(1).casefold() in _NON_SPLIT


def is_committee(unit: Unit) -> bool:
    """A People's Committee or Council: a body named after its locality."""
    return _KIND_OF[unit.kind]["level"] == "locality"


def _level(unit: Unit, parent: str | None) -> str | None:
    if _CENTRAL_MARKER in unit.text.casefold():
        return "trung_uong"
    entry = _KIND_OF[unit.kind]
    if entry["level"] == "locality":
        if unit.loc_kind is None:              # "ĐẢNG ỦY KHỐI ..." under its Đảng bộ
            return parent
        lvl = _LOC_LEVEL.get(unit.loc_kind)
        if lvl == "city":
            return "tinh" if (unit.locality or "").casefold() in _CENTRAL_CITIES else "huyen"
        return lvl
    if entry["level"] == "parent":
        # the body named inside the name first: "BAN THƯỜNG VỤ HỘI LHPN HUYỆN X" under "HỘI LHPN TỈNH Y"
        return (unit.owner and _level(unit.owner, parent)) or parent or entry.get("default")
    return entry["level"]


def city_level(text: str) -> str:
    """Level of an unnamed "thành phố": a city with districts (quận) is centrally run."""
    return "tinh" if re.search(r"(?<!\w)quận(?!\w)", text, re.I) else "huyen"


def most_named(rx: re.Pattern, text: str) -> str | None:
    """The name `rx` captures most often in `text` (the first on a tie).

    A name cut by a line break ("tỉnh Hà" + newline + "Nam") counts for the full name printed
    elsewhere that it begins ("Hà Nam"): no locality is named by the first word of another."""
    counts = Counter(fold(m.group(1)) for m in rx.finditer(text))
    for short in list(counts):
        longer = [n for n in counts if n.startswith(short + " ")]
        if longer:
            counts[max(longer, key=lambda n: counts[n])] += counts.pop(short)
    return counts.most_common(1)[0][0] if counts else None


def _district_named(text: str) -> str | None:
    """The district the text names most often (`most_named`)."""
    if not (any(w in text for w in _DISTRICT_WORD_RESTS) or _THI_XA_RX.search(text)):
        return None
    return most_named(_DISTRICT_RX, text)


def _central_city(text: str) -> str | None:
    """The centrally-run city the text names most often, when it names no province."""
    counts = Counter(n for n in (fold(m.group(1)) for m in _CITY_RX.finditer(text))
                     if n.casefold() in _CENTRAL_CITIES)
    return counts.most_common(1)[0][0] if counts else None


def resolve(units: list[Unit], text: str, place: str | None) -> Issuer:
    """The Issuer of the bodies `units` (parent first), completed from the place and the text."""
    if not units:
        return Issuer()
    if len(units) > 1 and all(_KIND_OF[u.kind]["level"] not in ("parent", "locality") for u in units):
        # Co-issuers (a joint guidance of several ministries): all of one level.
        return Issuer(name=" - ".join(proper_case(u.text) for u in units), level=_level(units[0], None))
    me, parents = units[-1], units[:-1] + ([units[-1].owner] if units[-1].owner else [])
    local = is_committee(me)
    name = proper_case(me.text)
    if local and me.locality is None and me.loc_kind:
        # "ĐẢNG BỘ TỈNH YÊN BÁI / TỈNH ỦY": the committee of the locality named above it.
        same = next((p for p in parents[::-1] if p.locality and p.loc_kind == me.loc_kind), None)
        if same:
            me = replace(me, locality=same.locality)
            name = f"{name} {same.locality}"
    if local and me.locality is None and place:
        # A People's Committee whose locality line was lost: the place of its date line is
        # its own locality (Nghị định 30/2020: the place names the issuer's locality).
        me = replace(me, locality=place)
        if me.loc_kind is None and place.casefold() in _CENTRAL_CITIES:
            me = replace(me, loc_kind="thành phố")
            name = f"{name} thành phố"
        name = f"{name} {place}"
    if _KIND_OF[me.kind].get("of_parent") and parents and not me.owner:
        # "HUYỆN ỦY X / BAN THƯỜNG VỤ": the organ of the body above, named with it.
        name = f"{name} {proper_case(parents[-1].text)}"
    units = [*units[:-1], me]
    if me.loc_kind and not _KIND_OF[me.kind].get("locality_kind"):
        name = re.sub(r"(?i)(?<!\w)" + re.escape(me.loc_kind) + r"(?!\w)", me.loc_kind, name, count=1)
    levels: list[str | None] = []
    for u in units:
        levels.append(_level(u, levels[-1] if levels else None))
    level = levels[-1]
    if me.loc_kind == "thành phố" and not me.locality:
        level = city_level(text)
    issuer = Issuer(name=name, level=level)
    if level == "trung_uong" or level is None:
        return issuer
    province = next((p.locality for p in parents if _level(p, None) == "tinh" and p.locality), None)
    if local:
        # a committee named without its locality (a news item's "UBND tỉnh"): the province the
        # text names most
        issuer.locality = me.locality or (most_named(_PROVINCE_RX, text) if level == "tinh" else None)
        if issuer.locality and not me.locality:
            issuer.name = f"{name} {issuer.locality}"
    elif level == "tinh":
        issuer.locality = province or place or most_named(_PROVINCE_RX, text)
        if issuer.locality and issuer.locality.casefold() not in name.casefold():
            issuer.name = f"{name} tỉnh {issuer.locality}"
    elif same := next((p for p in parents[::-1] if p.locality and _level(p, None) == level), None):
        # A body under its locality's committee line ("UBND HUYỆN QUỲNH LƯU / PHÒNG VĂN HÓA VÀ
        # THÔNG TIN"): of that locality, named with it.
        issuer.locality = same.locality
        if same.locality.casefold() not in name.casefold():
            issuer.name = " ".join(filter(None, (name, same.loc_kind, same.locality)))
    if level == "tinh":
        issuer.province = issuer.locality
    else:
        issuer.province = province or most_named(_PROVINCE_RX, text) or _central_city(text)
        if level == "xa":
            issuer.district = next((p.locality for p in parents if _level(p, None) == "huyen"),
                                   None) or _district_named(text)
    return issuer


def from_sentence(text: str, start: int, end: int) -> tuple[Unit | None, str | None]:
    """The issuer named as the subject of a body sentence in text[start:end], and the noun after
    its verb ("ban hành Kế hoạch" -> "Kế hoạch")."""
    m = _BODY_ISSUER_RX.search(text, start, end)
    if not m:
        return None, None
    return _unit(m.group("org")), fold(m.group("obj") or "")
