"""The batch contract of `vanban extract`: records + errors = inputs, exit codes, no tracebacks."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from pipeline import engine
from pipeline.engine import Options, process_path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus" / "seeds").glob("*.txt"))


def vanban(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, CI="1")
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, env=env, timeout=300)


def _zip_bomb(path: Path) -> None:
    """A .docx whose one member inflates to 300 MB of zeros (a few hundred kB on disk)."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            for _ in range(300):
                f.write(chunk)


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "Kế hoạch")
    c.save()


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> dict[str, str]:
    """Every kind of bad input the issue lists: file name -> expected error kind."""
    bad: dict[str, str] = {}

    def put(name: str, data: bytes, kind: str) -> None:
        (tmp_path / name).write_bytes(data)
        bad[name] = kind

    put("empty.txt", b"", "empty")
    put("junk.txt", os.urandom(4096) + b"\0\0\0" + os.urandom(4096), "binary")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>" * 200)
    put("truncated.docx", docx.getvalue()[: len(docx.getvalue()) // 2], "bad_zip")
    _zip_bomb(tmp_path / "bomb.docx")
    bad["bomb.docx"] = "zip_bomb"
    _encrypted_pdf(tmp_path / "locked.pdf")
    bad["locked.pdf"] = "encrypted"
    put("corrupt.pdf", b"%PDF-1.7\n" + os.urandom(2048), "corrupt")
    put("huge.txt", ("Kế hoạch số 12/KH-UBND. " * 4000).encode(), "too_large")
    put("notes.xyz", b"hello", "unknown_format")
    (tmp_path / "nothing_here").mkdir()
    bad["nothing_here"] = "no_documents"
    if os.geteuid() != 0:      # root reads any file, so permissions cannot make one unreadable
        put("locked.txt", b"x", "unreadable")
        os.chmod(tmp_path / "locked.txt", 0)
    bad["missing.txt"] = "not_found"
    return bad


def test_batch_with_every_bad_input(tmp_path: Path, bad_inputs: dict[str, str]) -> None:
    good = [str(p) for p in SEEDS]
    bad = [str(tmp_path / name) for name in bad_inputs]
    out = tmp_path / "out" / "records.jsonl"
    r = vanban("extract", *good, *bad, "--max-size", "0.05", "-o", str(out), "--jobs", "2")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in out.with_suffix(".errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [rec["source"] for rec in records] == good
    assert len(records) + len(errors) == len(good) + len(bad)
    by_name = {Path(e["source"]).name: e for e in errors}
    assert set(by_name) == set(bad_inputs)
    for name, kind in bad_inputs.items():
        row = by_name[name]
        assert row["kind"] == kind, row
        assert name in row["message"] and "\n" not in row["message"]
        assert set(row) == {"source", "stage", "kind", "message"}


def test_records_validate_against_the_schema(tmp_path: Path, shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "spec" / "record.schema.json").read_text(encoding="utf-8"))
    out = tmp_path / "seeds.jsonl"
    r = vanban("extract", *map(str, SEEDS), "--format", "jsonl", "-o", str(out))
    assert r.returncode == 0, r.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    for line in lines:
        jsonschema.validate(json.loads(line), schema)


def test_json_array_format_and_folder_walk(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    r = vanban("extract", "corpus/seeds", "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    # The folder walk takes the documents, not README.md or the gold JSON files.
    assert sorted(Path(rec["source"]).name for rec in records) == sorted(p.name for p in SEEDS)


def test_glob_and_stdout(tmp_path: Path) -> None:
    r = vanban("extract", "corpus/seeds/00[01]_*.txt", "-q")
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 2


def test_usage_error_exit_code() -> None:
    r = vanban("extract")
    assert r.returncode == 2
    assert "usage" in r.stderr


def test_errors_without_output_file_go_to_stderr_one_line_each(tmp_path: Path) -> None:
    r = vanban("extract", str(tmp_path / "nope.txt"), str(SEEDS[0]), "-q")
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 1
    assert r.stderr.strip().splitlines() == [f"error: {tmp_path / 'nope.txt'}: no such file [ingest/not_found]"]


def test_time_limit_stops_a_slow_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_read(path: str, max_bytes: int):
        time.sleep(5)
    monkeypatch.setattr(engine, "read", slow_read)
    kind, row = process_path(str(SEEDS[0]), Options(timeout=0.2))
    assert kind == "error" and row["kind"] == "timeout" and str(SEEDS[0]) in row["message"]


def test_a_bug_on_one_file_is_an_error_row_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc):
        raise ValueError("boom")
    import pipeline.extract
    monkeypatch.setattr(pipeline.extract, "extract_record", broken)
    kind, row = process_path(str(SEEDS[0]))
    assert kind == "error" and row["kind"] == "internal" and row["stage"] == "extract"
    assert "ValueError: boom" in row["message"]
