"""The closing of a document: Nơi nhận (recipients) and the signature block.

Nghị định 30/2020 puts Nơi nhận at the bottom left and the signature at the bottom right; flattened,
the two columns come side by side on the same lines (pdftotext), as two `|` cells on one line
(docx tables), or one after the other. The signature block reads: markers of signing on behalf
(TM./KT./TL./TUQ./Q.) with what they sign for, the signer's position, then the name. For a joint
document the lead body's signature is the rightmost one of the first row.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Signer
from .header_issuer import expand
from .header_layout import LOWER, UPPER, clean, fold, is_upper, proper_case, segments

_HDR = lexicon.load("header")
_REC = _HDR["recipients"]

NOI_NHAN = re.compile(_REC["heading"].replace("Nơi", "Nơi(?<!\\wNơi)", 1))
_ARCHIVE = re.compile(r"^" + _REC["archive"])
_PURPOSE = re.compile(r"\s*\(\s*" + _REC["purpose"] + r"[^()]*\)?")
_ITEM_SPLIT = re.compile(r"(?:^|\n)\s*[-–•+]\s*|;\s*[-–•+]\s+|;[ \t]*\n\s*")
_ENDS_ITEM = re.compile(r"[;.]\s*$")

_MARKERS = [(re.compile(r"^" + m["pattern"] + r"\s*"), m["canonical"]) for m in _HDR["signature_marker"]]
_MARKER_ANY = re.compile(r"(?<![\w/])(?=(?:" + "|".join(m["pattern"] for m in _HDR["signature_marker"])
                         + r")\s*[" + UPPER + r"])")
_POSITIONS = sorted((p.casefold() for p in _HDR["signer"]["positions"]), key=len, reverse=True)
_POSITION_END = re.compile(r"(?:^|\s)((?:phó\s+)?(?:" + "|".join(map(re.escape, _POSITIONS)) + r"))$")
_POSITIONS_SET = set(_POSITIONS) | {"phó " + p for p in _POSITIONS}
_RANK = re.compile(r"^(?:" + "|".join(map(re.escape, _HDR["signer"]["ranks"])) + r")\s+")
# A person's name: two to five capitalised syllables, one of them with lower-case letters. A
# syllable may be one capital ("Y Thuận Niê") or end in an apostrophe ("H' Hen Niê", "K'Bròng"),
# as the names of the Central Highlands peoples are written.
_SYLLABLE = rf"[{UPPER}][{LOWER}]*(?:['’][{UPPER}]?[{LOWER}]*)?"
_NAME = re.compile(rf"[*\s]*((?=[^{LOWER}\n]*[{UPPER}][{LOWER}]){_SYLLABLE}(?:\s+{_SYLLABLE}){{1,4}})[*\s]*")
# The shortest capitals head, so that a name's one-capital syllable ("H' Hen Niê") stays in the name.
_UPPER_THEN_NAME = re.compile(rf"^(?P<up>[^{LOWER}]*?[{UPPER}][^{LOWER}]*?)\s+"
                              rf"(?P<name>(?=[^{LOWER}\n]*[{UPPER}][{LOWER}]){_SYLLABLE}(?:\s+{_SYLLABLE}){{1,4}})$")
_END_MARK = re.compile(r"\./\.")


@dataclass(slots=True)
class Closing:
    start: int | None
    signer: Signer
    recipients: list[str]


def _marker(s: str) -> tuple[str, str] | None:
    for rx, canon in _MARKERS:
        m = rx.match(s)
        if m:
            return canon, s[m.end():]
    return None


def _is_position(s: str) -> bool:
    """A whole line that is a signer's position ("PHÓ GIÁM ĐỐC")."""
    return fold(s).casefold() in _POSITIONS_SET


def _name(s: str) -> str | None:
    s = _RANK.sub("", fold(s.strip("* ")))
    m = _NAME.fullmatch(s)
    return m.group(1) if m else None


def recipients(text: str, start: int, end: int) -> list[str]:
    """The Nơi nhận items in text[start:end] (start at the heading), left column only."""
    lines = text[start:end].split("\n")
    head = NOI_NHAN.match(lines[0].lstrip())
    indent = len(lines[0]) - len(lines[0].lstrip())
    lines[0] = " " * (indent + head.end()) + lines[0][indent + head.end():]
    line0_col = text.rfind("\n", 0, start) + 1
    left: list[str] = []
    for i, line in enumerate(lines):
        if i == 0:
            line = text[line0_col:start] + line
        first = _left_cell(line)
        if first is None and not "".join(left).strip() and _ITEM_AHEAD.match("\n".join(lines[i + 1:i + 6])):
            continue                       # a flattened table's signature cell before the items
        if first is None:
            break                          # a signature or appendix heading: the list is over
        left.append(first)
    truncated = end >= len(text.rstrip()) and not text.rstrip().endswith((";", ".", ")"))
    return list(_items("\n".join(left).strip(), truncated))


# an item of the list among the lines ahead: a line that opens with a dash
_ITEM_AHEAD = re.compile(r"(?:[^\n]*\n){0,5}?[ \t|]*[-–][ \t]*\S")


@functools.lru_cache(maxsize=4096)        # Nơi nhận lines repeat from document to document
def _left_cell(line: str) -> str | None:
    """The text of a Nơi nhận line in the left column ("" when there is none); None for a
    heading in capitals, which ends the list."""
    # Near the margin and not after a tab (a tab opens the right column).
    segs = [(c, s) for c, s in segments(line)
            if (c < 25 or s.lstrip().startswith(("-", "–"))) and "\t" not in line[:c]]
    if not segs:
        return ""
    first = segs[0][1]
    return None if is_upper(first) and not first.lstrip().startswith(("-", "–")) else first


@functools.lru_cache(maxsize=1024)        # and so do whole lists
def _items(block: str, truncated: bool) -> tuple[str, ...]:
    """The items of a Nơi nhận list; with `truncated`, the list was cut off by the end of the text."""
    items: list[str] = []
    pieces = _ITEM_SPLIT.split(block)
    for n, piece in enumerate(pieces):
        piece = fold(clean(piece))
        if not piece:
            continue
        if _ARCHIVE.match(piece):
            break
        if n == len(pieces) - 1 and truncated and not _ENDS_ITEM.search(piece):
            break                          # cut off by the end of a web capture
        item = fold(_PURPOSE.sub("", piece)).strip(" ;.:,")
        if item:
            items.append(item)
    return tuple(items)


@functools.lru_cache(maxsize=4096)        # signature heads repeat from document to document
def _split_upper(s: str) -> tuple[str, ...]:
    """A one-line signature head cut into its lines: at each marker, and before the position."""
    parts = [p.strip() for p in _MARKER_ANY.split(s) if p.strip()]
    if parts:
        m = _POSITION_END.search(" " + fold(parts[-1]).casefold())
        mk = _marker(fold(parts[-1]))
        if m and m.start(1) > 1 and not (mk and len(fold(mk[1])) <= len(m.group(1))):
            cut = len(fold(parts[-1])) - len(m.group(1))
            last = fold(parts[-1])
            parts[-1:] = [last[:cut].strip(), last[cut:].strip()]
    return tuple(parts)


@functools.lru_cache(maxsize=4096)        # signature blocks repeat from document to document
def _signature_cells(line: str) -> tuple[tuple[int, str], ...]:
    """The cells of a line of the signature block, a position and the name after it on one
    line ("CHỦ TỊCH Nguyễn Văn A") cut in two."""
    cells: list[tuple[int, str]] = []
    for c, s in segments(clean(line)):
        # (a segment that ends in no lower-case letter ends in no name: spared the regex)
        m = _UPPER_THEN_NAME.match(s) if s[-1] in LOWER else None
        if m and (_marker(m.group("up")) or _is_position(m.group("up"))):
            cells += [(c, m.group("up")), (c + m.start("name"), m.group("name"))]
        else:
            cells.append((c, s))
    return tuple(cells)


@functools.lru_cache(maxsize=4096)        # (the lines before a signature are read the same way)
def _signature_heads(line: str) -> tuple[tuple[int, str], ...]:
    """The cells of a line that open a signature block: a marker or a position in capitals."""
    return tuple((c, s) for c, s in _signature_cells(line) if is_upper(s) and (_marker(s) or _is_position(s)))


def signer(text: str, start: int, end: int) -> tuple[Signer, int | None]:
    """The signature block in text[start:end] and the offset of its first line."""
    heads: list[str] = []
    name = None
    col = None
    after_tab = False                      # the signature cell opened by a tab (a docx capture)
    first_at = None
    pos = start
    for line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if col is None:
            starts = _signature_heads(line)
            if not starts:
                continue
            segs = _signature_cells(line)
            col, s = starts[-1]            # the rightmost signature of the first row leads
            first_at = line_start
            heads += _split_upper(s)
            name = next((nm for c, t in segs if c > col and (nm := _name(t))), None)
            if name:
                break
            after_tab = "\t" in line[:col]
            if after_tab or "|" in line[:col]:
                col = 0                    # a `|` or tab cell of a flattened table: its lines go on at the margin
            continue
        segs = _signature_cells(line)
        if after_tab:
            # ... or after a tab again, as the lines of a tab-separated two-column layout do.
            segs = [(c, s) for c, s in segs if "\t" in line[:c]][-1:] or segs
        if not segs:
            continue
        if col >= 20:
            segs = [(c, s) for c, s in segs if c >= col - 25]
        if not segs:
            continue
        c, s = min(segs, key=lambda cs: abs(cs[0] - col))
        nm = _name(s)
        if nm:
            name = nm
            break
        if is_upper(s) and (_marker(s) or _is_position(s) or (heads and _marker(heads[-1]))):
            heads += _split_upper(s)
        elif _is_position(heads[-1]) and is_upper(s):
            break                          # after the position only the name may follow
    if not heads:
        return Signer(), None
    return _signer_from(heads, name), first_at


def _signer_from(heads: list[str], name: str | None) -> Signer:
    authority: list[str] = []
    position = None
    for h in heads:
        mk = _marker(h)
        if mk:
            authority.append(mk[0] + " " + fold(mk[1]))
        elif h is heads[-1] and _is_position(h):
            position = h
        elif authority:
            authority[-1] += " " + fold(h)  # "KT. BỘ TRƯỞNG / BỘ CÔNG AN"
        else:
            position = h
    return Signer(name=name,
                  position=proper_case(position) if position else None,
                  authority="; ".join(proper_case(expand(a)) for a in authority) or None)


SIGNATURE_ABOVE = 400     # characters above Nơi nhận where a signature block may stand


def closing(text: str, body_start: int) -> Closing:
    """Nơi nhận and signature of the document whose body starts at `body_start`."""
    nn = NOI_NHAN.search(text, body_start)
    if nn:
        ends = [m.end() for m in _END_MARK.finditer(text, max(body_start, nn.start() - 4000), nn.start())]
        # Without the end mark the signature may stand just above Nơi nhận (a capture that put
        # the right column first): it is looked for from a few lines up.
        sig_lo = ends[-1] if ends else text.rfind("\n", 0, max(body_start, nn.start() - SIGNATURE_ABOVE)) + 1
        sig_hi = min(len(text), nn.end() + 1800)
    else:
        em = _END_MARK.search(text, body_start)
        if not em:
            return Closing(None, Signer(), [])
        sig_lo, sig_hi = em.end(), min(len(text), em.end() + 1500)
    sig, sig_at = signer(text, sig_lo, sig_hi)
    recips: list[str] = []
    starts = [x for x in (sig_at, text.rfind("\n", 0, nn.start()) + 1 if nn else None) if x is not None]
    if nn:
        nxt = NOI_NHAN.search(text, nn.end())
        recips = recipients(text, nn.start(), min(nxt.start() if nxt else len(text), nn.end() + 3000))
    return Closing(min(starts) if starts else None, sig, recips)
