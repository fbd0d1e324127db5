"""Unit names: recognising them (a head word from models/units.toml), splitting a list of
units into its members, telling collective units apart, and normalising a name to one
canonical spelling (abbreviations expanded, the document's own locality dropped, aliases and
near variants mapped with rapidfuzz)."""
from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz, process

from .. import lexicon

# Every upper-case letter of Vietnamese text, for the lexicon's "{UPPER}" (re has no \p{Lu}).
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and c.isalpha())
LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.islower() and c.isalpha())
# The Arabic number that opens a numbered line: "1.", "1.2.", "1)", and the Party documents'
# "1-" (a dash and a space: "2022-2027" or "10-15 ngày" are no numbers).
LIST_NUMBER = r"\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}[-–](?=[ \t])"
_QUANTIFIERS = "?*+{"


def lexicon_pattern(pattern: str, gap: str = r"\s+") -> str:
    """A lexicon pattern (models/*.toml) ready to compile: "{UPPER}" / "{LOWER}" stand for the
    upper / lower-case letters, and each run of literal spaces matches `gap`, any whitespace by
    default: pdftotext justifies lines with runs of spaces and wraps a name or a cue over a line
    break ("chịu trách\n  nhiệm thi hành"). Spaces inside a character class or a lookbehind
    (which must keep a fixed width) stay literal."""
    pattern = pattern.replace("{UPPER}", UPPER).replace("{LOWER}", LOWER)
    out: list[str] = []
    lookbehinds: list[bool] = []          # for each open group: is it a lookbehind?
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        j = i + 1
        if c == "\\":
            j = i + 2
        elif c == "[":                    # copied whole; "]" first in a class is a member
            j += (pattern[j:j + 1] == "^")
            j += (pattern[j:j + 1] == "]")
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            j += 1
        elif c == "(":
            lookbehinds.append(pattern.startswith(("(?<=", "(?<!"), i))
        elif c == ")" and lookbehinds:
            lookbehinds.pop()
        elif c == " " and not any(lookbehinds):
            while j < n and pattern[j] == " ":
                j += 1
            out.append(f"(?:{gap})" if j < n and pattern[j] in _QUANTIFIERS else gap)
            i = j
            continue
        out.append(pattern[i:j])
        i = j
    return "".join(out)


_LEX = lexicon.load("units")
# a head broken over two lines ("Giám\nđốc") or glued ("Thủtrưởng") by pdftotext is still a head
_GLUED_GAP = r"\s*"
_HEAD_ALT = "|".join(f"(?:{lexicon_pattern(h['pattern'], _GLUED_GAP)})" for h in _LEX["head"])
HEAD = re.compile(f"(?:{_HEAD_ALT})")
# "Các thôn, bản", "các trường ...": a unit only where a task follows it (see `unit_at`)
PLURAL_ALT = lexicon_pattern(_LEX["plural"]["pattern"])
_PLURAL_HEAD = re.compile(PLURAL_ALT)
# the opening words of a unit's task: a verb of work, or a colon before it
TASK_START = re.compile(lexicon_pattern(_LEX["cue"]["task_start"]))
_MAX_PLURAL_WORDS = 14
PREFIX_ALT = lexicon_pattern(_LEX["prefix"]["pattern"])
PREFIX = re.compile(PREFIX_ALT)
STOP = re.compile(lexicon_pattern(_LEX["stop"]["pattern"]).replace("{HEAD}", _HEAD_ALT))
_LIST_GOES_ON = re.compile(rf"[^,;:.\n]*[,;]\s*(?:và\s+)?(?={_HEAD_ALT})")
_PLURAL = re.compile(r"[Cc]ác\s+[a-zđ]")
_DISTRIBUTIVE = re.compile(lexicon_pattern(_LEX["distributive"]["pattern"]))
_HOLDER = re.compile(lexicon_pattern(_LEX["distributive"]["holder"]))
_NOT_HELD = re.compile(lexicon_pattern(_LEX["distributive"]["not_held"]))
_TITLE = re.compile(lexicon_pattern(_LEX["title"]["pattern"]))
_ENUMERATION_OWNER, _ENUMERATION = (
    re.compile(lexicon_pattern(_LEX["enumeration"][k].replace("{HOLDER}", _LEX["enumeration"]["holder"])), flags)
    for k, flags in (("owner", 0), ("pattern", re.S)))
# the names of an enumeration: up to a comma, or a whole official name that holds one
_ENUMERATED_NAME = re.compile("(?:" + "|".join(map(re.escape, _LEX["enumeration"]["comma_names"]))
                              + r"|[^,]+)(?:,\s*|$)")
_JOINT_OFFICE = re.compile(lexicon_pattern(_LEX["joint_office"]["office"]))
_JOINT_PARTNER = re.compile(lexicon_pattern(_LEX["joint_office"]["partner"]))
_COLLECTIVE_WORDS = re.compile(lexicon_pattern(_LEX["collective"]["words"]))
_COLLECTIVE = re.compile(lexicon_pattern(_LEX["collective"]["marker"]), re.I)
# a list separator followed by the head of another unit
_SPLIT = re.compile(rf"(?=[\s;,v])\s*(?:;|,|\bvà\b)\s*(?=(?:{_HEAD_ALT}))")   # fails fast inside words
_MAX_UNIT_WORDS = 22
# a note in brackets after a name gives the unit's role ("Công an tỉnh (cơ quan Thường trực Tổ
# công tác)"), or an abbreviation: no part of the name
_NOTE = re.compile(r"\([^()\n]*(?:\n[^()\n]*){0,3}\)")
_ADDRESSEE = re.compile(r"Kính\s+gửi\s*:?[ \t|]*(?P<to>[^\n]*)")
_ADDRESSEE_LINES = re.compile(r"(?:\n[ \t|]*[-+•*–][^\n]*)+")       # "- Sở A;" one a line
_ADDRESSEE_SPLIT = re.compile(r"[;\n]|(?:^|\s)-\s")      # "- Sở A; - Sở B"
_TRAIL = " \t\n,;:.-–"      # stripped from a name's end (str.rstrip: a "+$" regex is slow)

_ABBR = _LEX["abbreviations"]
_ABBR_RX = re.compile(r"(?<![\w&.-])(?:" + "|".join(re.escape(k) for k in sorted(_ABBR, key=len, reverse=True))
                      + r")(?![\w&-])")
_LOCALITY_KIND = re.compile(rf"\s+(?:tỉnh|huyện|xã|thị xã|thị trấn|thành phố|quận|phường)\s+(?P<name>(?:[{UPPER}][\w.]*\s?)+)$")
# two words that pdftotext glued: a lower-case letter right before a capital ("thành viênBan")
_GLUED = re.compile(rf"(?<=[{LOWER}])(?=[{UPPER}])")
_SAME_UNIT_RATIO = 92
_PUNCT = re.compile(r"[^\w\s]")
# "các sở, ban, ngành, đoàn thể tỉnh" is "các sở, ban, ngành, đoàn thể" of the issuer's level
_LEVEL_TAIL = re.compile(r"\s+(?:tinh|huyen|xa|cap tinh|cap huyen|cap xa)$")
_FUZZY_CUTOFF = 170     # of 200: ratio with diacritics + ratio without



def fold_ws(s: str) -> str:
    """Whitespace runs (line breaks too) folded to one space, ends trimmed."""
    return " ".join(s.split())

def unit_at(text: str, pos: int = 0, endpos: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the unit name (or list of names) that opens text[pos:], prefix skipped.
    A class named by "Các" and a noun the lexicon does not know is a unit only where a task
    follows it ("Các thôn, bản chủ động ..."), not in running text ("Các trường có 500 ...")."""
    endpos = len(text) if endpos is None else endpos
    p = PREFIX.match(text, pos, endpos)
    s = p.end() if p else pos
    head = HEAD.match(text, s, endpos) or _PLURAL_HEAD.match(text, s, endpos)
    if not head:
        return None
    e = endpos
    for st in STOP.finditer(text, head.end(), endpos):
        nxt = _LIST_GOES_ON.match(text, st.end(), min(endpos, st.end() + 60))
        if nxt and st.group().strip() not in (":", "(", ".") and "\n\n" not in st.group():
            continue            # a verb-like word inside a name: the list goes on after it
        if st.group().strip() == ":" and _ENUMERATION_OWNER.search(text, s, st.start()) \
                and text[st.end():st.end() + 2].lstrip()[:1].isupper():
            continue            # "Giám đốc các Sở: Tư pháp, ...": the bodies' names follow
        e = st.start()
        break
    e = s + len(text[s:e].rstrip(_TRAIL))
    if head.re is _PLURAL_HEAD and not _acting_plural(text, s, e, endpos):
        return None
    return s, e


def _acting_plural(text: str, s: int, e: int, endpos: int) -> bool:
    """Whether the plural name text[s:e] is short and a task follows it."""
    rest = text[e:min(endpos, e + 60)]
    return text.count(" ", s, e) < _MAX_PLURAL_WORDS and not rest.lstrip().startswith("(") \
        and bool(TASK_START.match(rest))


@functools.lru_cache(maxsize=4096)        # headings repeat from document to document
def heading_unit(heading: str, plural: bool = False) -> str | None:
    """The unit a heading names ("Đề nghị Ban Tuyên giáo Đảng ủy" -> "Ban Tuyên giáo Đảng ủy");
    with `plural`, also a class named by "Các" and any noun ("Các trường ...": the heading is
    known to name a unit, by its colon and task or by the letter's addressees)."""
    h = fold_ws(heading)
    p = PREFIX.match(h)
    s = p.end() if p else 0
    if not (HEAD.match(h, s) or plural and _PLURAL_HEAD.match(h, s)):
        return None
    return h[s:].rstrip(_TRAIL) or None


def addressees(text: str, end: int) -> list[str]:
    """The pieces of the "Kính gửi:" list (whitespace folded): on its line ("Kính gửi: Sở A;
    Sở B"), or one a line in the dashed lines under it."""
    m = _ADDRESSEE.search(text, 0, end)
    if not m:
        return []
    block = m.group("to")
    if not block.strip():
        lines = _ADDRESSEE_LINES.match(text, m.end(), end)
        block = lines.group() if lines else ""
    pieces = (fold_ws(p).strip(" |-.") for p in _ADDRESSEE_SPLIT.split(block))
    return [p for p in pieces if p]


def split_units(names: str) -> list[tuple[int, int, str]]:
    """The members of a unit list: (offset, end offset in `names`, name with whitespace folded).

    "Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh" gives two units; "Các ban, ngành,
    các cơ quan, đơn vị trên địa bàn xã" stays one, its parts being only collective words;
    "Lãnh đạo các Vụ, Cục, Văn phòng Bộ" stays one, the holder heading the whole list (but not
    persons after it: "... và các ông, bà có tên tại Điều 1"). A note in brackets is dropped."""
    if "(" in names:        # blanked, so that the offsets hold: "Công an tỉnh (cơ quan ...)"
        names = _NOTE.sub(lambda m: " " * len(m.group()), names)
    parts: list[tuple[int, int]] = []
    start = 0
    for m in _SPLIT.finditer(names):
        piece = names[start:m.start()].strip()
        if not piece:
            continue
        if _COLLECTIVE_WORDS.match(piece) and not _proper_head(names, m.end()):
            continue            # "Các ban, ngành" + ", các cơ quan": one collective unit
        if _PLURAL.match(piece) and _COLLECTIVE_WORDS.match(names[m.end():].strip()):
            continue            # "các bộ, cơ quan ... và các địa phương": one list of classes
        if _DISTRIBUTIVE.match(piece) and not _HOLDER.match(names, m.end()) and m.group().strip() != ";" \
                and not _NOT_HELD.match(names, m.end()):
            continue            # "Lãnh đạo các Vụ, Cục" + ", Văn phòng Bộ": one holder's list
        if m.group().strip() == "và" and _JOINT_OFFICE.match(piece) and _JOINT_PARTNER.match(names, m.end()):
            continue            # "Văn phòng HĐND và UBND xã": one office
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(names)))
    out = []
    for s, e in parts:
        piece = names[s:e].rstrip(_TRAIL)
        s += len(piece) - len(piece.lstrip())
        piece = piece.strip()
        t = _TITLE.match(piece)
        if t:
            s, piece = s + t.end(), piece[t.end():]
        en = _ENUMERATION.match(piece)
        if en:
            out.extend(_enumerated(en, s))
            continue
        name = fold_ws(piece)
        if name and name.count(" ") < _MAX_UNIT_WORDS:
            out.append((s, s + len(piece), name))
    return out


def _enumerated(m: re.Match, offset: int) -> list[tuple[int, int, str]]:
    """The units of "Giám đốc các sở: Tư pháp, Tài chính" (`_ENUMERATION` match of a piece at
    `offset`): "Giám đốc Sở Tư pháp", "Giám đốc Sở Tài chính"."""
    kind = m["kind"][0].upper() + m["kind"][1:]
    out = []
    for n in _ENUMERATED_NAME.finditer(m.string, m.start("names")):
        name = n.group().rstrip(_TRAIL)
        if name.strip():
            out.append((offset + n.start(), offset + n.start() + len(name),
                        fold_ws(f"{m['holder']}{kind} {name}")))
    return out


def _proper_head(text: str, pos: int) -> bool:
    """Whether a unit starting at `pos` opens with a capitalised (proper) head."""
    return text[pos:pos + 1].isupper() and not text.startswith(("Các ", "Cơ quan", "Đơn vị"), pos)


def is_collective(unit: str) -> bool:
    return bool(_COLLECTIVE.search(unit))


def _fold_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for c in map(chr, range(0xC0, 0x1EFA)):
        base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
        if base != c and base.isascii():
            table[ord(c)] = base
    return table


_FOLD = _fold_table()


def fold(s: str) -> str:
    """Lower case without diacritics (đ -> d), for fuzzy comparison."""
    return s.lower().translate(_FOLD)


def _key(s: str) -> str:
    return fold_ws(_PUNCT.sub(" ", s.lower()))


def expand_abbreviations(unit: str) -> str:
    return _ABBR_RX.sub(lambda m: _ABBR[m.group()], unit)


@functools.cache
def _canonical_table() -> tuple[list[str], list[str], list[str]]:
    """(canonical name per row, alias key with diacritics, alias key folded) over all aliases."""
    names, keys, folded = [], [], []
    for c in _LEX["canonical"]:
        for alias in [c["name"], *c["examples"]]:
            k = _key(expand_abbreviations(alias))
            names.append(c["name"])
            keys.append(k)
            folded.append(fold(k))
    return names, keys, folded


@functools.lru_cache(maxsize=4096)
def normalize_unit(unit: str, locality: str | None = None) -> str:
    """One spelling per unit: abbreviations expanded, the document's own locality dropped
    ("UBND xã Cẩm Thành" in Cẩm Thành's plan -> "Ủy ban nhân dân xã"), aliases mapped."""
    u = fold_ws(_GLUED.sub(" ", expand_abbreviations(unit)))
    u = u[0].upper() + u[1:] if u else u
    m = _LOCALITY_KIND.search(u)
    if m and locality and fold(m.group("name").strip()) == fold(locality):
        u = u[:m.start("name")].rstrip()
    return _canonical_name(u)


@functools.lru_cache(maxsize=4096)
def _canonical_name(u: str) -> str:
    """The alias table's name for `u`, else `u` (memoised apart from `normalize_unit`: with the
    document's locality dropped, every commune's "Ủy ban nhân dân xã" is one key)."""
    names, keys, folded = _canonical_table()
    k = _key(u)
    scores = process.cdist([k], keys, scorer=fuzz.ratio)[0] + \
        process.cdist([fold(k)], folded, scorer=fuzz.ratio)[0]
    best = int(scores.argmax())
    if scores[best] >= _FUZZY_CUTOFF:
        tail = u[len(names[best]):] if fold(u).startswith(fold(names[best])) else ""
        return names[best] + tail
    return u


def same_unit(a: str, b: str) -> bool:
    """Whether two written names are one unit: near-identical once abbreviations are expanded,
    and not an office holder against a body ("Chủ tịch UBND các xã" is not "UBND các xã")."""
    if bool(_HOLDER.match(a)) != bool(_HOLDER.match(b)):
        return False
    (ka, la), (kb, lb) = _compare_key(a), _compare_key(b)
    if la and lb and la != lb:
        return False            # "Công an tỉnh" is not "Công an huyện"
    return ka == kb or fuzz.ratio(ka, kb) >= _SAME_UNIT_RATIO


@functools.lru_cache(maxsize=4096)
def _compare_key(unit: str) -> tuple[str, str]:
    """(the name folded without the level it ends with, that level: "tinh", "huyen", "xa" or "")."""
    key = fold(_key(expand_abbreviations(unit)))
    m = _LEVEL_TAIL.search(key)
    return (key[:m.start()], m.group().split()[-1]) if m else (key, "")
