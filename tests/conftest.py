"""Shared test fixtures.

`../shared` (the client's spec, scorer and dev corpus) exists on developer machines and in CI,
not on a user's machine: tests that need it take the `shared_dir` fixture and skip without it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = Path(os.environ.get("VANBAN_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "spec" / "RECORD.md").is_file():
        pytest.skip(f"needs the client's shared folder at {SHARED} (set VANBAN_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The client's four documents, shipped in corpus/seeds with their gold records."""
    return CORPUS / "seeds"
