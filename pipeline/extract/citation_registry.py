"""The registry of central instruments (`models/instruments.toml`): real dates and issuers.

A citation may take its missing issuer or type from here; its printed date is never replaced.
`date_conflicts` is what an audit asks: which citations print a date other than the real one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Citation


_YEAR_IN_SYMBOL_RX = re.compile(r"/(?:19|20)\d\d/|:\d{4}/")
_WS_RX = re.compile(r"\s+")
_LEADING_ZEROS_RX = re.compile(r"^0+(?=\d)")


@dataclass(frozen=True, slots=True)
class Instrument:
    symbol: str
    type: str
    date: str                 # ISO
    issuer: str

    @property
    def key(self) -> str:
        """The instrument's key per RECORD.md: the symbol, with @year when it holds no year."""
        return self.symbol if _YEAR_IN_SYMBOL_RX.search(self.symbol) else f"{self.symbol}@{self.date[:4]}"


def _fold(symbol: str) -> str:
    return _LEADING_ZEROS_RX.sub("", _WS_RX.sub("", symbol).casefold())


@functools.cache
def load_registry() -> dict[tuple[str, str], Instrument]:
    """The registry keyed by (folded symbol, year of issue)."""
    out: dict[tuple[str, str], Instrument] = {}
    for e in lexicon.load("instruments").get("instrument", []):
        inst = Instrument(e["symbol"], e["type"], e["date"], e["issuer"])
        out[(_fold(inst.symbol), inst.date[:4])] = inst
    return out


@functools.lru_cache(maxsize=1024)
def lookup(symbol: str, year: str | None) -> Instrument | None:
    """The registered instrument of this symbol, of this year when the year is known; without a
    year only when the registry holds a single instrument of that symbol (memoised: the same
    central instruments are cited everywhere)."""
    reg = load_registry()
    folded = _fold(symbol)
    if year:
        return reg.get((folded, year[:4]))
    found = [inst for (s, _), inst in reg.items() if s == folded]
    return found[0] if len(found) == 1 else None


def date_conflicts(citations: list[Citation]) -> list[tuple[Citation, Instrument]]:
    """Citations whose printed date (or any of their other printed dates) differs from the
    registered date of the same instrument."""
    out = []
    for c in citations:
        if not c.symbol or not c.date:
            continue
        inst = lookup(c.symbol, c.date)
        if inst and any(d != inst.date for d in [c.date, *c.other_dates] if len(d) == 10):
            out.append((c, inst))
    return out
