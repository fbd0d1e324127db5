"""Where per-document work runs: in this process, in a pool of local processes, or on a Dask cluster.

`process_path` is the pure per-document function (path in, record or error row out); it never
raises, so one bad file can never stop a batch. A per-file time limit (SIGALRM, in the
process's main thread) stops a pathological file; a worker that dies (a crash in a C library)
costs only the file it was reading: the files in flight are retried one by one in a fresh pool.
"""
from __future__ import annotations

import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import VanbanError
from .ingest import MAX_BYTES, read
from .model import ErrorRow

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Options:
    timeout: float = DEFAULT_TIMEOUT          # seconds per file; 0 = no limit
    max_bytes: int = MAX_BYTES


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Raise `_Timeout` in this thread after `seconds` (main thread only; elsewhere no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_path(path: str, options: Options = Options()) -> tuple[str, dict]:
    """("record", record dict) or ("error", error row dict) for one file. Never raises."""
    from .extract import extract_record   # imported here so that worker start-up stays light

    stage = "ingest"
    try:
        with _time_limit(options.timeout):
            doc = read(path, max_bytes=options.max_bytes)
            stage = "extract"
            return "record", extract_record(doc).to_dict()
    except _Timeout:
        row = ErrorRow(path, stage, "timeout", f"{path}: stopped after {options.timeout:g} s (--timeout)")
    except VanbanError as e:
        row = ErrorRow(path, e.stage if stage == "ingest" else stage, e.kind, e.message)
    except MemoryError:
        row = ErrorRow(path, stage, "memory", f"{path}: out of memory while reading")
    except Exception as e:  # noqa: BLE001 - a bug on one file must not stop the batch
        row = ErrorRow(path, stage, "internal", f"{path}: {type(e).__name__}: {e}".splitlines()[0])
    return "error", row.to_dict()


def run_local(paths: Iterable[str], jobs: int = 1, options: Options = Options()) -> Iterator[tuple[str, dict]]:
    """Results in input order; `jobs` > 1 uses that many worker processes."""
    if jobs <= 1:
        for p in paths:
            yield process_path(p, options)
        return
    yield from _run_pool(list(paths), jobs, options)


def _run_pool(paths: list[str], jobs: int, options: Options) -> Iterator[tuple[str, dict]]:
    window = jobs * 8              # files in flight: enough to keep workers busy, bounded memory
    todo = deque(paths)
    while todo:
        pool = ProcessPoolExecutor(max_workers=jobs)
        inflight: deque[tuple[str, Future]] = deque()
        try:
            while todo or inflight:
                while todo and len(inflight) < window:
                    p = todo.popleft()
                    inflight.append((p, pool.submit(process_path, p, options)))
                p, fut = inflight[0]
                result = fut.result()
                inflight.popleft()
                yield result
        except BrokenProcessPool:
            # Retry the files in flight alone, so that only the one that kills a worker is lost.
            pool.shutdown(wait=False, cancel_futures=True)
            for p, _ in inflight:
                yield _run_isolated(p, options)
            continue
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _run_isolated(path: str, options: Options) -> tuple[str, dict]:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(process_path, path, options).result()
        except BrokenProcessPool:
            return "error", ErrorRow(path, "ingest", "crash",
                                     f"{path}: the reader crashed (worker process died)").to_dict()


def run_dask(paths: Iterable[str], options: Options = Options(), scheduler: str | None = None,
             workers: int | None = None, batch: int = 256) -> Iterator[tuple[str, dict]]:
    """Results in input order, computed on a Dask cluster (`scheduler` address, or a LocalCluster).

    `pure=False` because identical documents must each give their own result (with the default,
    Dask computes equal inputs once). Workers run tasks in threads, where SIGALRM cannot reach:
    there the per-file time limit is Dask's business (e.g. `distributed.scheduler.worker-ttl`).
    Batches keep the scheduler's memory bounded on very large inputs.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise RuntimeError("the dask engine needs dask.distributed: pip install 'vanban[dask]'") from e
    paths = list(paths)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or None, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        for i in range(0, len(paths), batch):
            futures = client.map(process_path, paths[i:i + batch], options=options, pure=False)
            yield from client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
