"""Where the document proper starts and ends inside what was read: a web capture prints site
chrome before the document (menus, breadcrumbs) and a list of other items after it ("Tin liên
quan"). Every stage that reads the document's own parts asks (citations, sections), so both
offsets are memoised per text.
"""
from __future__ import annotations

import functools
import re

from .. import lexicon
from ..model import NEWS, Header
from .dates import either_case

# Where the document ends on a web page: a line listing other items ("Tin liên quan"). The scan
# opens with the line break, a literal it skips to fast; a line that opens with none of the
# phrases' first letters (most lines) is passed over before the phrases are tried.
_TAIL = lexicon.load("header")["tail_chrome"]
_TAIL_CHROME_RX = re.compile(rf"\n(?=[ \t|#*]*[{re.escape(either_case(_TAIL['first_letters']))}])"
                             rf"(?=[ \t|#*]*(?i:{_TAIL['pattern']})[ \t|:*]*$)", re.M)
# Where the document proper starts (after a web page's chrome): its national motto. (Its first
# letter as a class: a regex that ignores case as a whole is tried at every offset; one scan for
# each case would read every text with an upper-case motto to its end for the lower-case one.)
_MOTTO_RX = re.compile(r"[Cc](?i:[ỘO]NG\s+H[ÒOÕ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A)")


@functools.lru_cache(maxsize=4)
def document_start(text: str) -> int:
    """Offset where the document proper begins: the line of its national motto, else 0."""
    m = _MOTTO_RX.search(text)
    return text.rfind("\n", 0, m.start()) + 1 if m else 0


@functools.lru_cache(maxsize=4)
def document_end(text: str) -> int:
    """Offset where the document ends: before a web page's list of other items after it ("Tin
    liên quan", "Văn bản liên quan"), else the end of the text."""
    m = _TAIL_CHROME_RX.search(text, document_start(text))
    return m.start() if m else len(text)


_SENTENCE_ENDS = (".", ";", ":", ")", "!", "?", "…")


def is_truncated(text: str, header: Header) -> bool:
    """Whether the text stops before the document ends: no closing (Nơi nhận, signature) was
    found and the last sentence is unfinished, as in a web capture cut after 2,000 bytes. A news
    item has no closing to look for."""
    return header.doc_type != NEWS and header.closing_start is None \
        and not text[:document_end(text)].rstrip().endswith(_SENTENCE_ENDS)
