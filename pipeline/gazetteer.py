"""Administrative units before and after the 1 July 2025 reorganisation, and issuer resolution.

The official list comes from vietnamadminunits (MIT): its SQLite table of the 63-province list
(province -> district -> commune, GSO codes) and of the 34-province list (province -> commune),
and its old -> new commune mapping. We read its data files directly (not its parser, which pulls
in shapely and geopy and compiles regexes on every call) and index them once, on first use.

    g = gazetteer()
    place = g.resolve("xa", "Cẩm Thành", "Thanh Hóa", date="2023-10")
    place.unit.code, place.now.name        # '15133', 'Xã Cẩm Thạch'
"""
from __future__ import annotations

import functools
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import lexicon

# The day the district level was abolished and 63 provinces became 34.
REORGANISATION = "2025-07-01"
LEGACY, CURRENT = "legacy", "current"
LEVEL_RANK = {"xa": 0, "huyen": 1, "tinh": 2, "trung_uong": 3}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NAME_END = re.compile(r"[,;:()\[\]]")


def fold(text: str) -> str:
    """Lower case without diacritics, đ -> d: the form names are compared in ("Cẩm Thủy" -> "cam thuy")."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """Comparison key of a unit's name: folded, letters and digits only ("TT.Huế" -> "tthue")."""
    return _NON_ALNUM.sub("", fold(name))


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of the official list, in one era (the 63-province list or the 34-province list)."""
    era: str                          # legacy (before 1 July 2025) or current
    level: str                        # tinh, huyen, xa
    code: str                         # GSO code: province 2 digits, district 3, commune 5
    name: str                         # "Xã Cẩm Thành"
    short: str                        # "Cẩm Thành"
    province_code: str
    province: str                     # short name of its province: "Thanh Hóa"
    district_code: str | None = None
    district: str | None = None

    @property
    def uid(self) -> str:
        """Unique across eras and levels (codes are reused: Lào Cai is 10 before, 15 after)."""
        return f"{self.era}:{self.level}:{self.code}"


@dataclass(frozen=True, slots=True)
class Place:
    """Where an issuer sits: its unit at the issue date and the post-2025 unit that holds it now."""
    unit: Unit | None
    now: Unit | None
    existed: bool | None              # False: the text names a unit that did not exist at that date
    note: str | None = None           # why it is unresolved, ambiguous or did not exist
    candidates: int = 0


def era_at(date: str | None) -> str | None:
    """The list in force at an ISO date (as precise as printed); None when the date does not say."""
    if not date:
        return None
    if date[:4] == REORGANISATION[:4] and len(date) == 4:
        return None
    return LEGACY if date < REORGANISATION else CURRENT


class Gazetteer:
    """Indexes over both lists; built once by `gazetteer()`."""

    def __init__(self, data_dir: Path, aliases: dict):
        self._units: dict[str, Unit] = {}
        self._by_name: dict[tuple[str, str, str], list[Unit]] = defaultdict(list)  # (era, level, key)
        self._children: dict[str, list[Unit]] = defaultdict(list)                  # parent uid -> units
        self._successor: dict[str, str] = {}                                       # legacy uid -> current uid
        self._province_alias = {name_key(a["alias"]): name_key(a["official"])
                                for a in aliases.get("province_alias", [])}
        kinds = sorted(aliases.get("kind", []), key=lambda k: -len(k["word"]))
        self._kind_level = {k["word"].rstrip("."): k["level"] for k in kinds}
        # An abbreviation with its dot may touch the name ("TP.HCM"); a word may not.
        words = "|".join(re.escape(k["word"].rstrip(".")) + (r"(?:\.|(?!\w))" if k["word"].endswith(".")
                                                             else r"(?!\w)") for k in kinds)
        self._kind_re = re.compile(rf"(?<!\w)({words})\s*", re.IGNORECASE)
        self._load(data_dir)

    # --- loading -------------------------------------------------------------------------
    def _add(self, unit: Unit, parent: Unit | None) -> Unit:
        if unit.uid in self._units:
            return self._units[unit.uid]
        self._units[unit.uid] = unit
        self._by_name[(unit.era, unit.level, name_key(unit.short))].append(unit)
        if parent is not None:
            self._children[parent.uid].append(unit)
        return unit

    def _load(self, data_dir: Path) -> None:
        with sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True) as conn:
            legacy = conn.execute(
                "SELECT province, provinceShort, provinceCode, provinceKey, district, districtShort,"
                " districtCode, districtKey, ward, wardShort, wardCode, wardKey FROM admin_units_legacy"
                " ORDER BY provinceCode, districtCode, wardCode").fetchall()
            current = conn.execute(
                "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardCode,"
                " wardKey FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
        old_ward_uid: dict[str, str] = {}
        old_province_uid: dict[str, str] = {}
        for pname, pshort, pcode, pkey, dname, dshort, dcode, dkey, wname, wshort, wcode, wkey in legacy:
            prov = self._add(Unit(LEGACY, "tinh", pcode, pname, pshort, pcode, pshort), None)
            old_province_uid[pkey] = prov.uid
            dist = self._add(Unit(LEGACY, "huyen", dcode, dname, dshort, pcode, pshort), prov)
            if wcode:   # island districts have no commune
                ward = self._add(Unit(LEGACY, "xa", wcode, wname, wshort, pcode, pshort, dcode, dshort), dist)
                old_ward_uid[f"{pkey}_{dkey}_{wkey}"] = ward.uid
        new_ward_uid: dict[tuple[str, str], str] = {}
        new_province_uid: dict[str, str] = {}
        for pname, pshort, pcode, pkey, wname, wshort, wcode, wkey in current:
            prov = self._add(Unit(CURRENT, "tinh", pcode, pname, pshort, pcode, pshort), None)
            new_province_uid[pkey] = prov.uid
            ward = self._add(Unit(CURRENT, "xa", wcode, wname, wshort, pcode, pshort), prov)
            new_ward_uid[(pkey, wkey)] = ward.uid
        with (data_dir / "converter_2025.json").open(encoding="utf-8") as f:
            conv = json.load(f)
        for new_pkey, old_pkeys in conv["DICT_PROVINCE"].items():
            for old in old_pkeys:
                if old in old_province_uid and new_pkey in new_province_uid:
                    self._successor[old_province_uid[old]] = new_province_uid[new_pkey]
        for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_wkey, olds in wards.items():
                for old in olds:
                    if old in old_ward_uid and (new_pkey, new_wkey) in new_ward_uid:
                        self._successor[old_ward_uid[old]] = new_ward_uid[(new_pkey, new_wkey)]
        # A commune split between several new ones: the converter's default successor.
        for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, news in olds.items():
                default = next((n["newWardKey"] for n in news if n["isDefaultNewWard"]), None)
                if old in old_ward_uid and (new_pkey, default) in new_ward_uid:
                    self._successor.setdefault(old_ward_uid[old], new_ward_uid[(new_pkey, default)])

    # --- lookups -------------------------------------------------------------------------
    def children(self, unit: Unit) -> list[Unit]:
        return self._children.get(unit.uid, [])

    def provinces(self, era: str) -> list[Unit]:
        return [u for u in self._units.values() if u.era == era and u.level == "tinh"]

    def successor(self, unit: Unit) -> Unit | None:
        """The post-2025 unit that holds a legacy unit now (a district: its province)."""
        if unit.era == CURRENT:
            return unit
        if unit.level == "huyen":
            prov = self._units.get(f"{LEGACY}:tinh:{unit.province_code}")
            return self.successor(prov) if prov else None
        uid = self._successor.get(unit.uid)
        return self._units.get(uid) if uid else None

    def find(self, level: str, name: str, era: str, province: Unit | None = None,
             district: str | None = None) -> list[Unit]:
        """Units of that level and name in that era (within a province / district when given)."""
        key = name_key(name)
        if level == "tinh":
            key = self._province_alias.get(key, key)
        found = self._by_name.get((era, level, key), [])
        if province is not None:
            found = [u for u in found if u.province_code == province.code]
        if district and len(found) > 1:
            dkey = name_key(district)
            found = [u for u in found if u.district and name_key(u.district) == dkey] or found
        if len(found) > 1:   # same letters, different tones ("Cẩm Thành" / "Cam Thanh")
            exact = [u for u in found if u.short.casefold() == name.strip().casefold()]
            found = exact or found
        return found

    def place_key(self, name: str) -> str:
        """Comparison key of a place name, province aliases applied ("TT.Huế" and "Huế" agree)."""
        key = name_key(name)
        return self._province_alias.get(key, key)

    def province(self, name: str | None, era: str) -> Unit | None:
        if not name:
            return None
        found = self.find("tinh", name, era)
        return found[0] if len(found) == 1 else None

    def parse_issuer(self, text: str | None) -> tuple[str | None, str | None]:
        """(level, locality) named by an issuer's name: "UBND huyện Cẩm Thủy" -> ("huyen", "Cẩm Thủy").

        The last kind word decides ("Sở ... tỉnh Thừa Thiên Huế" is provincial); the locality is
        the capitalised words after it. "thành phố" is a province or a district as the list says.
        """
        if not text:
            return None, None
        last = None
        for last in self._kind_re.finditer(text):
            pass
        if last is None:
            return None, None
        level = self._kind_level[last.group(1).lower().rstrip(".")]
        rest = _NAME_END.split(text[last.end():], 1)[0].split()
        words: list[str] = []
        for w in rest:
            if not w[:1].isupper():
                break
            words.append(w)
        locality = " ".join(words) or None
        if level == "tinh_or_huyen":   # only the centrally-run cities are provinces named "Thành phố"
            prov = locality and (self.province(locality, CURRENT) or self.province(locality, LEGACY))
            level = "tinh" if prov and prov.name.startswith("Thành phố") else "huyen"
        return level, locality

    def resolve(self, level: str | None, locality: str | None, province: str | None = None,
                date: str | None = None, district: str | None = None,
                district_hints: Iterable[str] = ()) -> Place:
        """The unit an issuer names at its issue date, and the post-2025 unit it belongs to now.

        `district_hints` are district names the document itself points to (the districts whose
        plans it implements): they choose between communes of one name in one province.
        """
        if level not in ("tinh", "huyen", "xa") or not (locality or province):
            return Place(None, None, None, "not a local unit" if level == "trung_uong" else "no locality")
        era = era_at(date)
        eras = [era] if era else [LEGACY, CURRENT]
        if era == CURRENT and level == "huyen":
            place = self._resolve_in(LEGACY, level, locality, province, district, district_hints)
            note = f"the district level was abolished on {REORGANISATION}"
            return Place(place.unit, place.now, False if place.unit else None, note, place.candidates)
        best = None
        for e in eras:
            place = self._resolve_in(e, level, locality, province, district, district_hints)
            if place.unit is not None:
                return place
            best = best or place
        if era and not best.candidates:   # not in the list of its date: is it in the other list?
            other = LEGACY if era == CURRENT else CURRENT
            place = self._resolve_in(other, level, locality, province, district, district_hints)
            if place.unit is not None:
                when = "after" if era == CURRENT else "before"
                return Place(None, place.now, False, f"{place.unit.name} is only in the list "
                             f"{'before' if other == LEGACY else 'after'} {REORGANISATION}, "
                             f"the document is dated {when}", place.candidates)
        return best

    def _resolve_in(self, era: str, level: str, locality: str | None, province: str | None,
                    district: str | None, district_hints: Iterable[str]) -> Place:
        prov = self.province(province, era) if province else None
        if level == "tinh":
            unit = self.province(locality or province, era)
            return Place(unit, self.successor(unit) if unit else None, True if unit else None,
                         None if unit else f"no province {locality or province!r} in the {era} list",
                         1 if unit else 0)
        if not locality:
            return Place(None, None, None, "no locality")
        found = self.find(level, locality, era, prov, district)
        if len(found) > 1:
            for hint in district_hints:
                narrowed = self.find(level, locality, era, prov, hint)
                if len(narrowed) < len(found):
                    found = narrowed
                    break
        if len(found) == 1:
            unit = found[0]
            return Place(unit, self.successor(unit), True, None, 1)
        note = (f"{len(found)} units named {locality!r}" if found
                else f"no {level} {locality!r} in the {era} list")
        return Place(None, None, None, note, len(found))

    def walk(self, era: str, province_codes: Iterable[str] | None = None) -> Iterator[Unit]:
        """Provinces, then under each its districts and communes, in code order (the audit's rows)."""
        wanted = set(province_codes) if province_codes is not None else None
        for prov in sorted(self.provinces(era), key=lambda u: u.code):
            if wanted is not None and prov.code not in wanted:
                continue
            yield from self._subtree(prov)

    def _subtree(self, unit: Unit) -> Iterator[Unit]:
        yield unit
        for child in self.children(unit):
            yield from self._subtree(child)


def _data_dir() -> Path:
    # find_spec locates the package without importing it (its __init__ loads shapely and geopy).
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed: pip install vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use (about 0.3 s) and shared afterwards."""
    return Gazetteer(_data_dir(), lexicon.load("gazetteer_aliases"))
