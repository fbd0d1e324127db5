"""Loads the data in `models/`: lexicons and registries, one TOML file each.

Patterns and word lists live there, not in code, each entry with `examples` that the tests
run through the code that uses them (the reporters-db habit).
"""
from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

MODELS_DIR = Path(os.environ.get("VANBAN_MODELS") or Path(__file__).resolve().parent.parent / "models")


@functools.cache
def load(name: str) -> dict:
    """The parsed `models/<name>.toml`."""
    path = MODELS_DIR / f"{name}.toml"
    with path.open("rb") as f:
        return tomllib.load(f)
