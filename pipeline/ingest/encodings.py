"""Decode the bytes of a text file: Unicode by its BOM or validity, else the legacy encoding that
reads as the most Vietnamese.

Order of the checks:
1. a BOM (UTF-8, UTF-16 LE/BE);
2. strict UTF-8 (legacy Vietnamese bytes practically never form valid UTF-8 sequences);
3. UTF-16 without a BOM, recognised by NUL bytes in every other position;
4. single-byte candidates: Windows-1258 (combining tone marks, so NFC after decoding), TCVN3 (ABC),
   VNI and Windows-1252. TCVN3 and VNI bytes are also valid Windows-125x, so validity cannot
   choose: each candidate decodes a sample, and the one whose words are most often Vietnamese
   syllables (`models/encodings.toml` [syllable]) wins.
The TCVN3 and VNI code tables are data in `models/encodings.toml`.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass

from .. import lexicon

SAMPLE_CHARS = 20_000          # enough words to score a candidate; decoding the rest is exact anyway
_TONES = "\u0301\u0300\u0309\u0303\u0323"
_WORD = re.compile(r"[^\W\d_]+")
_NUL_SHARE = 0.3               # UTF-16 without BOM: share of NULs at odd (LE) or even (BE) positions


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str              # utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1258, tcvn3, vni, cp1252


@dataclass(frozen=True, slots=True)
class _Tables:
    cp1252: str                      # 256 characters: Windows-1252, undefined bytes as Latin-1
    tcvn3: str                       # the same with the TCVN3 letters in place
    vni: dict[str, str]              # VNI byte sequence (read as `cp1252`) -> letter
    vni_rx: re.Pattern[str]
    syllable: re.Pattern[str]


@functools.cache
def _tables() -> _Tables:
    data = lexicon.load("encodings")
    base = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
    tcvn3 = list(base)
    for letter, code in data["tcvn3"]["letters"].items():
        tcvn3[int(code, 16)] = letter
    vni = {"".join(base[b] for b in bytes.fromhex(seq)): letter
           for letter, seq in data["vni"]["letters"].items()}
    # Longest sequences first, so "oâ" (ô) wins over the one-byte "â" reading.
    vni_rx = re.compile("|".join(map(re.escape, sorted(vni, key=len, reverse=True))))
    return _Tables(base, "".join(tcvn3), vni, vni_rx, _syllable_regex(data["syllable"]))


def _syllable_regex(spec: dict) -> re.Pattern[str]:
    vowels = "".join(sorted({unicodedata.normalize("NFC", v + t)
                             for v in spec["vowels"] for t in ("", *_TONES)}))
    onset = "|".join(sorted(spec["onsets"], key=len, reverse=True))
    coda = "|".join(sorted(spec["codas"], key=len, reverse=True))
    return re.compile(f"(?:{onset})?([{vowels}]{{1,3}})(?:{coda})?", re.IGNORECASE)


@functools.cache
def _nuclei() -> frozenset[str]:
    return frozenset(lexicon.load("encodings")["syllable"]["nuclei"])


_TONE_RX = re.compile(f"[{_TONES}]")


@functools.lru_cache(maxsize=1 << 16)      # a text repeats its words: score each form once
def is_syllable(word: str) -> bool:
    """Onset, a vowel group Vietnamese spells, coda; one tone mark at most."""
    m = _tables().syllable.fullmatch(word)
    if m is None:
        return False
    group = unicodedata.normalize("NFD", m.group(1).lower())
    bare = _TONE_RX.sub("", group)
    return len(bare) + 1 >= len(group) and unicodedata.normalize("NFC", bare) in _nuclei()


def vietnamese_score(text: str) -> int:
    """Words that are Vietnamese syllables minus words that are not, over a sample of `text`."""
    return sum(1 if is_syllable(w) else -1 for w in _WORD.findall(text[:SAMPLE_CHARS]))


def decode_legacy(data: bytes, encoding: str) -> str:
    """`data` in one of the single-byte encodings this module knows."""
    t = _tables()
    if encoding == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if encoding == "tcvn3":
        return _restore_capitals(codecs.charmap_decode(data, "strict", t.tcvn3)[0])
    text = codecs.charmap_decode(data, "strict", t.cp1252)[0]
    if encoding == "vni":
        return t.vni_rx.sub(lambda m: t.vni[m.group()], text)
    return text


def decode(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[2:].decode(name, errors="replace"), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16)
    best: Decoded | None = None
    best_score = 0
    # cp1252 last: a tie (no Vietnamese evidence either way) keeps the plain Western reading.
    for name in ("tcvn3", "vni", "cp1258", "cp1252"):
        text = decode_legacy(data, name)
        score = vietnamese_score(text)
        if best is None or score > best_score:
            best, best_score = Decoded(text, name), score
    return best


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    if sample[1::2].count(0) > _NUL_SHARE * half:
        return "utf-16-le"
    if sample[0::2].count(0) > _NUL_SHARE * half:
        return "utf-16-be"
    return None


# --- TCVN3 capitals --------------------------------------------------------------------------
# VN3 has no codes for capitals with a tone: headings set in the .VnTimeH fonts store the
# lower-case codes and the font draws them as capitals ("KÕ HO¹CH" shows as KẾ HOẠCH).
# An ambiguous word (a capital, no lower-case ASCII, a lower-case coded letter: "KÕ", "HO¹CH",
# "Së") is upper-cased when it stands in a run of such words or all-capital words ("UBND"),
# separated by spaces only, that has two words or a word with two capitals, and no lower-case
# word touches the run. So "KÕ HO¹CH" -> KẾ HOẠCH, but "Sè: 12" (Số), "Së T¦ ph¸p" (Sở Tư pháp)
# and "(§Ò B/c)" (Đề B/c) stay as they are.
_CAPITAL = re.compile(r"[A-ZĂÂÊÔƠƯĐ]")
_ASCII_LOWER = re.compile(r"[a-z]")
_CODED_LOWER = re.compile(r"[^\x00-\x7f]")


def _restore_capitals(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _CODED_LOWER.search(line):
            lines[i] = _restore_line(line)
    return "\n".join(lines)


def _restore_line(line: str) -> str:
    words = list(_WORD.finditer(line))
    kinds = []          # "ambiguous", "capital", "lower" or "other"
    for m in words:
        w = m.group()
        if _ASCII_LOWER.search(w):
            kinds.append("lower")
        elif w == w.upper():
            kinds.append("capital" if len(w) >= 2 else "other")
        elif _CAPITAL.search(w):
            kinds.append("ambiguous")
        else:
            kinds.append("other")
    out, pos, j = [], 0, 0
    while j < len(words):
        if kinds[j] not in ("ambiguous", "capital"):
            j += 1
            continue
        k = j   # the run is words[j..k]
        while k + 1 < len(words) and kinds[k + 1] in ("ambiguous", "capital") \
                and not line[words[k].end():words[k + 1].start()].strip():
            k += 1
        gaps = []      # the text between the run and a lower-case word on either side
        if j > 0 and kinds[j - 1] == "lower":
            gaps.append(line[words[j - 1].end():words[j].start()])
        if k + 1 < len(words) and kinds[k + 1] == "lower":
            gaps.append(line[words[k].end():words[k + 1].start()])
        touching = any(not g.strip() for g in gaps)
        run = words[j:k + 1]
        if not touching and (k > j or len(_CAPITAL.findall(run[0].group())) >= 2):
            for m, kind in zip(run, kinds[j:k + 1]):
                if kind == "ambiguous":
                    out += [line[pos:m.start()], m.group().upper()]
                    pos = m.end()
        j = k + 1
    out.append(line[pos:])
    return "".join(out)
