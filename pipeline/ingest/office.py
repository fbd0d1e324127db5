"""Old Word (.doc), OpenDocument (.odt) and RTF: converted to .docx by LibreOffice headless, then
read by the .docx reader (the record keeps the original path and format).

LibreOffice is found at run time; without it the file gets an error naming what to install.
Each conversion uses its own LibreOffice profile, so parallel workers do not lock each other out.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import VanbanError
from ..model import Document
from . import docx

INSTALL = "apt-get install libreoffice-writer-nogui"
CONVERT_TIMEOUT_S = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: str, source: str | None = None) -> Document:
    name = source or path
    fmt = Path(path).suffix.lower().lstrip(".")
    exe = soffice()
    if exe is None:
        raise VanbanError("missing_tool", f"{name}: reading .{fmt} needs LibreOffice ({INSTALL})")
    with tempfile.TemporaryDirectory(prefix="vanban-soffice-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        try:
            done = subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless",
                                   "--convert-to", "docx", "--outdir", tmp, str(path)],
                                  capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise VanbanError("timeout", f"{name}: LibreOffice did not convert it within "
                              f"{CONVERT_TIMEOUT_S} s") from e
        out = Path(tmp, Path(path).stem + ".docx")
        if done.returncode != 0 or not out.is_file():
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise VanbanError("corrupt", f"{name}: LibreOffice could not convert it "
                              f"({reason[-1] if reason else 'no output'})")
        return docx.read(str(out), source=name, fmt=fmt)
