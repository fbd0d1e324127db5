"""Text files: Unicode forms and the legacy Vietnamese byte encodings, detected without being told.

Legacy files are made from the real seed texts with the inverse of the tables in
models/encodings.toml, then read back through `pipeline.ingest.read`.
"""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from pipeline import lexicon
from pipeline.ingest import read
from pipeline.ingest.encodings import decode, decode_legacy, is_syllable
from pipeline.normalize import document_from_text

TABLES = lexicon.load("encodings")
TONES = "\u0300\u0301\u0303\u0309\u0323"


def seed_texts(seeds_dir: Path) -> list[tuple[str, str]]:
    # Curly quotes have no code in the legacy tables' letters but are Windows-1252: keep them.
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]


def encode_table(text: str, name: str) -> bytes:
    """`text` in a legacy table: the inverse of models/encodings.toml. TCVN3 capitals with a tone
    have no code: they take the lower-case code, as the .VnTimeH fonts store them."""
    letters = {k: bytes.fromhex(v) for k, v in TABLES[name]["letters"].items()}
    out = bytearray()
    for ch in text:
        if ch in letters:
            out += letters[ch]
        elif ch.lower() in letters:
            out += letters[ch.lower()]
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: precomposed base letters, tones as combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
            out += (base + "".join(c for c in nfd if c in TONES)).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_table_examples(name: str) -> None:
    for misread, unicode_text in TABLES[name]["examples"]:
        data = misread.encode("cp1252")
        assert decode_legacy(data, name) == unicode_text
        assert decode(data).encoding == name, misread


def test_tables_cover_every_vietnamese_letter() -> None:
    letters = {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in ("", *TONES)}
    letters = {l for l in letters if not l.isascii()} | {"đ"}
    assert letters <= set(TABLES["vni"]["letters"])
    assert {l.upper() for l in letters} <= set(TABLES["vni"]["letters"])
    assert letters <= set(TABLES["tcvn3"]["letters"])
    for name in ("tcvn3", "vni"):
        codes = list(TABLES[name]["letters"].values())
        assert len(codes) == len(set(codes)), f"{name}: two letters share a code"


@pytest.mark.parametrize("word", TABLES["syllable"]["examples"])
def test_syllable_examples(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", TABLES["syllable"]["counter_examples"])
def test_syllable_counter_examples(word: str) -> None:
    assert not is_syllable(word)


def test_vni_seed_round_trip(seeds_dir: Path, tmp_path: Path) -> None:
    for name, text in seed_texts(seeds_dir):
        path = tmp_path / name
        path.write_bytes(encode_table(text, "vni"))
        doc = read(str(path))
        assert doc.encoding == "vni", name
        assert doc.text == document_from_text(text).text, name


def test_tcvn3_seed_round_trip(seeds_dir: Path, tmp_path: Path) -> None:
    """Exact but for capitals with a tone that begin a mixed-case word ("Ủy ban", "Ứng dụng"):
    VN3 has no code for them and a word alone cannot tell "Ủy" from "ủy"."""
    wrong_case = words = 0
    for name, text in seed_texts(seeds_dir):
        path = tmp_path / name
        path.write_bytes(encode_table(text, "tcvn3"))
        doc = read(str(path))
        expected = document_from_text(text).text
        assert doc.encoding == "tcvn3", name
        assert doc.text.lower() == expected.lower(), name
        got, want = doc.text.split(), expected.split()
        wrong_case += sum(a != b for a, b in zip(got, want))
        words += len(want)
    assert wrong_case / words < 0.005
    # headings in .VnTimeH capitals come back as capitals
    assert "KẾ HOẠCH" in read(str(tmp_path / "000_2dfd6693a5da7e38.txt")).text


def test_cp1258_seed_round_trip(seeds_dir: Path, tmp_path: Path) -> None:
    for name, text in seed_texts(seeds_dir):
        path = tmp_path / name
        path.write_bytes(encode_cp1258(text))
        doc = read(str(path))
        assert doc.encoding == "cp1258", name
        assert doc.text == document_from_text(text).text, name
        assert unicodedata.is_normalized("NFC", doc.text)


@pytest.mark.parametrize("bom,codec,encoding", [
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (b"", "utf-16-le", "utf-16-le"),          # no BOM: told by the NULs of ASCII characters
    (b"", "utf-8", "utf-8"),
])
def test_unicode_forms(seeds_dir: Path, tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    name, text = seed_texts(seeds_dir)[0]
    path = tmp_path / name
    path.write_bytes(bom + text.replace("\n", "\r\n").encode(codec))
    doc = read(str(path))
    assert doc.encoding == encoding
    assert doc.text == document_from_text(text).text


def test_nfd_text_is_composed(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", "UBND HUYỆN CẨM THỦY\nSố: 174/KH-UBND"), encoding="utf-8")
    assert read(str(path)).text == "UBND HUYỆN CẨM THỦY\nSố: 174/KH-UBND"


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "tin.md"
    path.write_text("## II. NỘI DUNG\n\n**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n", encoding="utf-8")
    doc = read(str(path))
    assert doc.format == "md"
    assert doc.text.splitlines() == ["II. NỘI DUNG", "", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
