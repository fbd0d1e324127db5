"""Where text -> record spends its time: the share of each stage, and the cost of each regex.

    .venv/bin/python bench/where_time_goes.py [--corpus real|synthetic] [--passes 3] [--top 30]

Not a test and not the throughput figure (bench/benchmark.py gives that): every regex is wrapped
in a timer here, which slows the run by about a fifth. Both tables are per pass over the corpus,
the memo caches emptied before each pass as in benchmark.py.

- stages: CPU time of normalize and of each extraction stage, and its share.
- regexes: for every compiled pattern of the pipeline's modules (FastPattern scans included),
  wall time, calls, and the characters its scans read (search up to its match, finditer, findall,
  sub, split; a `match` reads from one place and counts none). A scan's cost per character tells a literal
  opening (about 1 ns) from a class opening (7 to 25 ns): see README.md.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import benchmark  # noqa: E402
import pipeline  # noqa: E402
from pipeline import extract as E  # noqa: E402
from pipeline.normalize import document_from_text  # noqa: E402

_STATS: dict[str, list] = defaultdict(lambda: [0.0, 0, 0])      # seconds, calls, characters read


class _Timed:
    """A compiled pattern whose calls are timed (the methods the pipeline uses)."""

    def __init__(self, rx: re.Pattern, name: str):
        self._rx, self._st = rx, _STATS[name]

    def __getattr__(self, name):
        return getattr(self._rx, name)

    def _call(self, method, text, read, *args):
        t = time.perf_counter()
        out = getattr(self._rx, method)(text, *args)
        self._st[0] += time.perf_counter() - t
        self._st[1] += 1
        self._st[2] += read
        return out

    def search(self, text, pos=0, endpos=sys.maxsize):
        m = self._call("search", text, 0, pos, endpos)
        self._st[2] += (m.start() if m else min(endpos, len(text))) - pos     # read up to the match
        return m

    def match(self, text, pos=0, endpos=sys.maxsize):
        return self._call("match", text, 0, pos, endpos)

    def fullmatch(self, text, pos=0, endpos=sys.maxsize):
        return self._call("fullmatch", text, 0, pos, endpos)

    def findall(self, text, pos=0, endpos=sys.maxsize):
        return self._call("findall", text, min(endpos, len(text)) - pos, pos, endpos)

    def sub(self, repl, text, count=0):
        t = time.perf_counter()
        out = self._rx.sub(repl, text, count)
        self._st[0] += time.perf_counter() - t
        self._st[1] += 1
        self._st[2] += len(text)
        return out

    def split(self, text, maxsplit=0):
        return self._call("split", text, len(text), maxsplit)

    def finditer(self, text, pos=0, endpos=sys.maxsize):
        self._st[1] += 1
        self._st[2] += min(endpos, len(text)) - pos
        found = self._rx.finditer(text, pos, endpos)
        while True:
            t = time.perf_counter()
            m = next(found, None)
            self._st[0] += time.perf_counter() - t
            if m is None:
                return
            yield m


def _wrap(value, name: str, depth: int = 0):
    """`value` with its compiled patterns timed (inside tuples, lists, dicts and scans too)."""
    if isinstance(value, re.Pattern):
        return _Timed(value, name)
    if depth > 2:
        return value
    if isinstance(value, list):
        value[:] = [_wrap(v, f"{name}[{i}]", depth + 1) for i, v in enumerate(value)]
    elif isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_wrap(v, f"{name}[{i}]", depth + 1) for i, v in enumerate(value))
    elif isinstance(value, dict):
        for k in list(value):
            value[k] = _wrap(value[k], f"{name}[{str(k)[:30]!r}]", depth + 1)
    elif hasattr(value, "_scans") or type(value).__name__ == "FastPattern":
        for attr in ("rx", "_at", "_scans"):
            if hasattr(value, attr):
                setattr(value, attr, _wrap(getattr(value, attr), f"{name}.{attr}", depth + 1))
    return value


def _time_regexes() -> None:
    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if info.name.endswith("__main__"):
            continue
        mod = importlib.import_module(info.name)
        for key, value in list(vars(mod).items()):
            if not key.startswith("__"):
                wrapped = _wrap(value, f"{info.name.rsplit('.', 1)[-1]}.{key}")
                if wrapped is not value:
                    setattr(mod, key, wrapped)


_STAGES = ("normalize", "header", "citations", "dates", "sections", "assignments", "basis")


def _one(name: str, text: str, spent: dict[str, float]) -> None:
    """extract_record's stages one by one, each timed."""
    marks = [time.process_time()]
    doc = document_from_text(text, name)
    marks.append(time.process_time())
    header = E.extract_header(doc)
    marks.append(time.process_time())
    citations = E.extract_citations(doc, header)
    marks.append(time.process_time())
    dates = E.extract_dates(doc)
    marks.append(time.process_time())
    sections = E.extract_sections(doc, header)
    marks.append(time.process_time())
    E.extract_assignments(doc, header, sections, dates)
    marks.append(time.process_time())
    E.basis_and_directives(doc, header, citations, min((s.span.start for s in sections), default=None))
    marks.append(time.process_time())
    for stage, a, b in zip(_STAGES, marks, marks[1:]):
        spent[stage] += b - a


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("real", "synthetic"), default="real",
                    help="real: seeds + dev (../shared); synthetic: 1,000 plans and reports (generated once)")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--top", type=int, default=30, help="how many regexes to list")
    ap.add_argument("--work", type=Path, default=Path("/tmp/vanban-bench"))
    args = ap.parse_args()
    if args.corpus == "real":
        files = benchmark._real_texts()
    else:
        out, _ = benchmark._cascade(args.work, "synth-1k", provinces=4, years=(2023, 2026), seed=11,
                                    districts_per_province=4, communes_per_parent=None)
        files = sorted(out.glob("*.txt"))[:1000]
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    chars = sum(len(t) for _, t in texts)

    spent: dict[str, float] = dict.fromkeys(_STAGES, 0.0)
    for name, text in texts:                       # warm-up: lexicons loaded, patterns compiled
        _one(name, text, dict.fromkeys(_STAGES, 0.0))
    for _ in range(args.passes):
        for f in benchmark._memo_caches():
            f.cache_clear()
        for name, text in texts:
            _one(name, text, spent)
    total = sum(spent.values()) / args.passes
    print(f"== stages ({len(texts)} documents, {chars:,} characters; CPU ms a pass)")
    for stage in _STAGES:
        ms = spent[stage] / args.passes * 1000
        print(f"  {stage:12} {ms:8.1f} ms  {ms / 10 / total:5.1f} %")

    _time_regexes()
    t0 = time.perf_counter()
    for _ in range(args.passes):
        for f in benchmark._memo_caches():
            f.cache_clear()
        for name, text in texts:
            E.extract_record(document_from_text(text, name))
    wall = (time.perf_counter() - t0) / args.passes
    in_rx = sum(s[0] for s in _STATS.values()) / args.passes
    print(f"\n== regexes (timers on: {wall * 1000:.0f} ms a pass, {in_rx * 1000:.0f} ms of it in regexes)")
    print(f"  {'ms':>7} {'calls':>7} {'chars read':>11} {'ns/char':>8}  pattern")
    for name, (sec, calls, read) in sorted(_STATS.items(), key=lambda kv: -kv[1][0])[:args.top]:
        sec, calls, read = sec / args.passes, calls // args.passes, read // args.passes
        per_char = f"{sec / read * 1e9:8.1f}" if read else " " * 8
        print(f"  {sec * 1000:7.2f} {calls:7d} {read:11,d} {per_char}  {name}")


if __name__ == "__main__":
    main()
