"""The Dask engine gives exactly what the local engine gives on the same input."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import api

SEEDS = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))


def test_local_processes_equal_in_process() -> None:
    inputs = SEEDS + ["missing.txt"]
    assert list(api.extract(inputs, jobs=2)) == list(api.extract(inputs, jobs=1))


def test_dask_local_cluster_equals_local_engine() -> None:
    pytest.importorskip("dask.distributed")
    # The same document twice: with Dask's default pure=True it would be computed once.
    inputs = SEEDS + [SEEDS[0], "missing.txt"]
    local = list(api.extract(inputs, jobs=1))
    dask = list(api.extract(inputs, jobs=2, engine="dask"))
    assert dask == local
    assert [k for k, _ in dask] == ["record"] * 5 + ["error"]
