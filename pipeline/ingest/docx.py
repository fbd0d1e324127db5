"""Word .docx: the body in reading order (paragraphs and tables, content controls opened), with
bold/alignment hints and Word's automatic numbering written out as text.

Tables, and why this layout:
- a row whose cells hold one paragraph each becomes one line, cells joined by " | " (the
  flattened form of the dev texts and web captures, and it keeps a task table's row together);
- in a table of at most three columns whose cells hold several paragraphs (the Nghị định 30
  header: issuing body | national motto; the signature block: Nơi nhận | signer) each cell's
  paragraphs become lines, left cell first: the order a PDF's text layer gives, so "Số: ..." and
  "V/v ..." keep lines of their own;
- wider tables keep one line per row, a cell's paragraphs joined by a space.
Word's page breaks as last rendered (`w:lastRenderedPageBreak`) and hard page breaks mark pages.
Before python-docx opens the file, the zip is checked: a bad zip, a zip bomb (declared sizes) and
an encrypted document (an OLE container, not a zip) get their own error.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from lxml import etree

from ..errors import VanbanError
from ..model import Document, LineHint
from ..normalize import make_document

MAX_UNZIPPED = 512 * 1024 * 1024       # declared uncompressed size of all members together
MAX_RATIO = 100                        # compression ratio allowed for a member over RATIO_FLOOR
RATIO_FLOOR = 16 * 1024 * 1024
LAYOUT_MAX_COLUMNS = 3
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
# Text pieces of a paragraph, in document order (w:tab inside w:pPr is a tab stop, not text).
_PIECES = etree.XPath("./w:r/*[self::w:t or self::w:tab or self::w:br or self::w:cr or "
                      "self::w:noBreakHyphen or self::w:lastRenderedPageBreak] | "
                      "./*[self::w:hyperlink or self::w:ins or self::w:smartTag or self::w:fldSimple "
                      "or self::w:sdt]//w:r/*[self::w:t or self::w:tab or self::w:br or self::w:cr or "
                      "self::w:noBreakHyphen or self::w:lastRenderedPageBreak]", namespaces=_NS)
_RUNS = etree.XPath("./w:r | ./*[self::w:hyperlink or self::w:ins or self::w:smartTag or "
                    "self::w:fldSimple or self::w:sdt]//w:r", namespaces=_NS)
_ALIGN = {"center": "center", "both": "justify", "distribute": "justify", "right": "right",
          "end": "right", "left": "left", "start": "left"}
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (qn(t) for t in (
    "w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:customXml"))
T, TAB, BR, NB_HYPHEN, RENDERED_BREAK = (qn(t) for t in (
    "w:t", "w:tab", "w:br", "w:noBreakHyphen", "w:lastRenderedPageBreak"))
VAL, TYPE = qn("w:val"), qn("w:type")


def read(path: str, source: str | None = None, fmt: str = "docx") -> Document:
    name = source or path
    check_zip(path, name)
    try:
        document = docx.Document(path)
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError, EOFError) as e:
        raise VanbanError("corrupt", f"{name}: not a readable Word document ({type(e).__name__}: {e})") from e
    body = _Body(_Styles(document), _Numbering(document))
    body.walk(document.element.body)
    return make_document("\n".join(body.lines), name, fmt, raw_page_starts=body.page_starts,
                         raw_hints=body.hints)


def check_zip(path: str, name: str) -> None:
    with open(path, "rb") as f:
        head = f.read(len(OLE_MAGIC))
        if head == OLE_MAGIC:
            if ENCRYPTED_STREAM in f.read(1 << 20):
                raise VanbanError("encrypted", f"{name}: password-protected Word document; "
                                  "save it without a password")
            raise VanbanError("bad_zip", f"{name}: an old binary Word file (.doc) named .docx; "
                              "rename it to .doc")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as e:
        raise VanbanError("bad_zip", f"{name}: not a valid .docx (damaged or truncated zip: {e})") from e
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    if total > MAX_UNZIPPED or (worst and worst.file_size > RATIO_FLOOR
                                and worst.file_size > MAX_RATIO * max(worst.compress_size, 1)):
        raise VanbanError("zip_bomb", f"{name}: refused: the zip declares {total / 1e6:,.0f} MB "
                          f"uncompressed (member {worst.filename!r} expands "
                          f"{worst.file_size / max(worst.compress_size, 1):,.0f}x)")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise VanbanError("corrupt", f"{name}: a zip without word/document.xml, not a Word document")


# --- styles and numbering --------------------------------------------------------------------

@dataclass(slots=True)
class _StyleProps:
    bold: bool | None = None
    align: str | None = None
    num: tuple[str, int] | None = None          # (numId, level) a paragraph style numbers with


class _Styles:
    """Bold, alignment and numbering of each style, resolved through `basedOn`."""

    def __init__(self, document) -> None:
        self.props: dict[str, _StyleProps] = {}
        raw = {}
        for el in document.styles.element.findall(qn("w:style")):
            raw[el.get(qn("w:styleId"))] = el
        for sid in raw:
            self.props[sid] = self._resolve(sid, raw, set())

    def _resolve(self, sid: str, raw: dict, seen: set) -> _StyleProps:
        el = raw.get(sid)
        if el is None or sid in seen:
            return _StyleProps()
        seen.add(sid)
        based = el.find(qn("w:basedOn"))
        parent = self._resolve(based.get(VAL), raw, seen) if based is not None else _StyleProps()
        own_bold = _bold_of(el.find(qn("w:rPr")))
        ppr = el.find(qn("w:pPr"))
        own_align = _align_of(ppr)
        own_num = _num_of(ppr)
        return _StyleProps(own_bold if own_bold is not None else parent.bold,
                           own_align or parent.align, own_num or parent.num)

    def get(self, sid: str | None) -> _StyleProps:
        return self.props.get(sid or "", _StyleProps())


def _on(el) -> bool:
    return el.get(VAL, "true") not in ("0", "false", "off")


def _bold_of(rpr) -> bool | None:
    if rpr is None:
        return None
    b = rpr.find(qn("w:b"))
    return None if b is None else _on(b)


def _align_of(ppr) -> str | None:
    jc = ppr.find(qn("w:jc")) if ppr is not None else None
    return _ALIGN.get(jc.get(VAL)) if jc is not None else None


def _num_of(ppr) -> tuple[str, int] | None:
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    return num_id.get(VAL), int(ilvl.get(VAL)) if ilvl is not None else 0


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False      # w:isLgl: every level shown as a decimal number


@dataclass(slots=True)
class _List:
    abstract: str
    levels: dict[int, _Level]


class _Numbering:
    """numbering.xml: the label Word draws before each numbered paragraph.

    Counters belong to the abstract definition, as Word counts them: lists that share it go on
    counting, and a `startOverride` restarts the count the first time its list is used."""

    def __init__(self, document) -> None:
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.overrides: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstracts = {a.get(qn("w:abstractNumId")): self._levels(a)
                     for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            aid_el = num.find(qn("w:abstractNumId"))
            if aid_el is None:
                continue
            aid = aid_el.get(VAL)
            levels = dict(abstracts.get(aid, {}))
            overrides = {}
            for ov in num.findall(qn("w:lvlOverride")):
                ilvl = int(ov.get(qn("w:ilvl"), "0"))
                lvl = ov.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                so = ov.find(qn("w:startOverride"))
                if so is not None:
                    overrides[ilvl] = int(so.get(VAL))
            self.lists[num.get(qn("w:numId"))] = _List(aid, levels)
            self.overrides[num.get(qn("w:numId"))] = overrides

    @staticmethod
    def _level(lvl) -> _Level:
        def val(tag, default):
            el = lvl.find(qn(tag))
            return el.get(VAL, default) if el is not None else default
        return _Level(val("w:numFmt", "decimal"), val("w:lvlText", ""), int(val("w:start", "1")),
                      lvl.find(qn("w:isLgl")) is not None)

    def _levels(self, abstract) -> dict[int, _Level]:
        return {int(l.get(qn("w:ilvl"))): self._level(l) for l in abstract.findall(qn("w:lvl"))}

    def label(self, num_id: str, ilvl: int) -> str | None:
        lst = self.lists.get(num_id)
        if lst is None or ilvl not in lst.levels:
            return None
        counts = self.counters.setdefault(lst.abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in self.overrides.get(num_id, {}).items():
                counts[lv] = start - 1
                for deeper in [d for d in counts if d > lv]:
                    del counts[deeper]
        level = lst.levels[ilvl]
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [d for d in counts if d > ilvl]:
            del counts[deeper]          # a deeper level restarts after this one
        if level.fmt == "bullet":
            return "+" if level.text.strip() == "+" else "-"
        if level.fmt == "none":
            return level.text.strip() or None
        out = level.text
        for lv in range(ilvl, -1, -1):   # %10 is not a thing in Word: levels are 0..8
            if f"%{lv + 1}" in out:
                n = counts.get(lv, lst.levels.get(lv, _Level()).start)
                fmt = "decimal" if level.legal and lv < ilvl else lst.levels.get(lv, _Level()).fmt
                out = out.replace(f"%{lv + 1}", _format_number(n, fmt))
        return out.strip() or None


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out += letters
                n -= value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("upperLetter", "lowerLetter"):
        # Word repeats the letter past z: aa, bb ...
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# --- the body walk ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Para:
    text: str
    bold: bool
    align: str | None
    numbering: str | None
    breaks: list[int]          # offsets in `text` where a new page begins


@dataclass
class _Body:
    styles: _Styles
    numbering: _Numbering
    lines: list[str] = field(default_factory=list)
    hints: list[LineHint] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=lambda: [0])
    offset: int = 0

    def walk(self, container) -> None:
        for el in _blocks(container):
            if el.tag == P:
                self._emit(self._paragraph(el), in_table=False)
            else:
                self._table(el)

    def _emit(self, para: _Para, in_table: bool) -> None:
        start = self.offset
        self.page_starts += [start + b for b in para.breaks if start + b > 0]
        self.lines.append(para.text)
        self.offset += len(para.text) + 1
        if para.text.strip():
            self.hints.append(LineHint(start, start + len(para.text), para.bold, para.align,
                                       para.numbering, in_table))

    def _paragraph(self, p) -> _Para:
        ppr = p.find(qn("w:pPr"))
        style = self.styles.get(_style_id(ppr, "w:pStyle"))
        parts: list[str] = []
        breaks: list[int] = []
        length = 0
        for piece in _PIECES(p):
            tag = piece.tag
            if tag == T:
                s = piece.text or ""
            elif tag == TAB:
                s = "\t"
            elif tag == NB_HYPHEN:
                s = "-"
            elif tag == RENDERED_BREAK:       # where Word's last layout began a page
                breaks.append(length)
                continue
            else:               # a line break, or a hard page break, inside the paragraph
                s = "\n"
            parts.append(s)
            length += len(s)
            if tag == BR and piece.get(TYPE) == "page":
                breaks.append(length)
        text = "".join(parts)
        num = _num_of(ppr) or style.num
        label = self.numbering.label(*num) if num and num[0] != "0" and text.strip() else None
        if label:
            text = f"{label} {text}"
            breaks = [b + len(label) + 1 if b else 0 for b in breaks]
        return _Para(text, self._bold(p, style), _align_of(ppr) or style.align, label, breaks)

    def _bold(self, p, style: _StyleProps) -> bool:
        """Every run with visible text is bold (by itself, its character style or the paragraph's)."""
        seen = False
        for r in _RUNS(p):
            if not "".join(t.text or "" for t in r.iter(T)).strip():
                continue
            rpr = r.find(qn("w:rPr"))
            bold = _bold_of(rpr)
            if bold is None:
                bold = self.styles.get(_style_id(rpr, "w:rStyle")).bold
            if bold is None:
                bold = style.bold
            if not bold:
                return False
            seen = True
        return seen

    def _table(self, tbl) -> None:
        rows = [[self._cell(tc) for tc in _children(tr, TC)] for tr in _children(tbl, TR)]
        columns = max((len(r) for r in rows), default=0)
        for cells in rows:
            # One line per cell makes a flattened row "A | B"; a cell of several lines (paragraphs,
            # or line breaks inside one, as Shift+Enter gives) is a layout cell read line by line.
            if all(len(c) == 0 or (len(c) == 1 and "\n" not in c[0].text) for c in cells):
                self._emit_row([c[0] if c else _empty() for c in cells], columns)
            elif columns <= LAYOUT_MAX_COLUMNS:
                for cell in cells:
                    for para in cell:
                        self._emit(para, in_table=True)
            else:
                self._emit_row([_join(c) for c in cells], columns)

    def _emit_row(self, cells: list[_Para], columns: int) -> None:
        # Layout tables drop empty cells ("A |  | B" says nothing more); data tables keep them,
        # so a column stays a column.
        kept = [c for c in cells if c.text.strip()] if columns <= LAYOUT_MAX_COLUMNS else cells
        if not kept:
            return
        text = " | ".join(c.text.replace("\n", " ") for c in kept)
        bold = all(c.bold for c in kept if c.text.strip())
        self._emit(_Para(text, bold, None, None, []), in_table=True)

    def _cell(self, tc) -> list[_Para]:
        """The non-empty paragraphs of a cell; a nested table's rows count as paragraphs."""
        inner = _Body(self.styles, self.numbering)
        inner.walk(tc)
        return [_Para(line, h.bold, h.align, h.numbering, [])
                for line, h in zip([l for l in inner.lines if l.strip()], inner.hints)]


def _empty() -> _Para:
    return _Para("", False, None, None, [])


def _join(cell: list[_Para]) -> _Para:
    return _Para(" ".join(p.text for p in cell), all(p.bold for p in cell), None, None, [])


def _style_id(pr, tag: str) -> str | None:
    el = pr.find(qn(tag)) if pr is not None else None
    return el.get(VAL) if el is not None else None


def _children(el, tag):
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _children(inner, tag)


def _blocks(container):
    """Paragraphs and tables of a body or cell, in order, through content controls."""
    for child in container:
        if child.tag in (P, TBL):
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif child.tag == CUSTOM_XML:
            yield from _blocks(child)
