"""The benchmark table: charterlogic against a naive baseline and clingo, with peak memory.

    python benchmarks/run.py            # the full table (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes only: proves the benchmarks run (CI)

Every cell runs in a fresh process (`run.py --cell ...`), so its peak memory (the process's
maximum resident set) is its own and no cache carries over from another cell. Times are wall
seconds of the measured part only: loading the charter and building the scenarios are outside
it. See benchmarks/README.md for the figures of a real run and how to read them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402  (benchmarks/ is not a package)

T = TypeVar("T")


# ---- progress, on a terminal only ---------------------------------------------------------------


def progress(items: list[T], label: str) -> Iterator[T]:
    """Yield `items`, drawing a progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty() or len(items) < 50:
        yield from items
        return
    total, width, shown = len(items), 30, -1
    for done, item in enumerate(items):
        percent = done * 100 // total
        if percent != shown:
            shown = percent
            bar = "#" * (done * width // total)
            sys.stderr.write(f"\r  {label:<36} [{bar:<{width}}] {percent:3d}%")
            sys.stderr.flush()
        yield item
    sys.stderr.write("\r" + " " * (width + 50) + "\r")
    sys.stderr.flush()


# ---- cells: one measurement in this process -----------------------------------------------------


def _charter(n: int, k: int) -> object:
    from charterlogic.model.from_syntax import resolve_charter
    from charterlogic.syntax.parser import parse
    from charterlogic.syntax.source import Source

    source = Source(f"synthetic-{n}-{k}.dsl", synthetic.charter_text(n, k))
    return resolve_charter(parse(source), source)


def _scenarios(charter: object, n: int, k: int, count: int) -> list[object]:
    from charterlogic import api

    return [api.scenario_from_flags(charter, event=f.events, not_=f.failures,  # type: ignore
                                    unknown=f.unknowns, actor=f.actors, on=f.on)
            for f in synthetic.random_scenarios(n, k, count)]


def _each(work: Callable[[T], object], items: Iterable[T]) -> None:
    """Run `work` on every item, keeping no result (a batch's memory is not its answers')."""
    for item in items:
        work(item)


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def cell(bench: str, engine: str, n: int, k: int, count: int) -> dict[str, object]:
    """Run one measurement; returns seconds (and a note) for the table."""
    from charterlogic import api

    note = ""
    if bench == "parse":
        from charterlogic.syntax.parser import parse
        from charterlogic.syntax.source import Source

        text = synthetic.padded_text(count)
        note = f"{len(text.encode()) / 1e6:.2f} MB"
        seconds = _timed(lambda: parse(Source("big.dsl", text)))
    elif bench == "check":
        charter = _charter(n, k)
        settings = charter.default_interpretations()  # type: ignore[attr-defined]
        if engine == "charterlogic":
            seconds = _timed(lambda: api.check(charter, settings))  # type: ignore[arg-type]
        else:
            import baseline

            seconds = _timed(lambda: baseline.naive_check(charter, settings))  # type: ignore
    elif bench == "query":
        charter = _charter(n, k)
        scenarios = _scenarios(charter, n, k, count)
        label = f"query N={n} K={k} {engine}"
        if engine == "charterlogic":
            from charterlogic.analyses.query import instance_index

            instance_index(charter, scenarios[0].actors)  # type: ignore  # built once, untimed
            note = "index built before timing"
            seconds = _timed(lambda: _each(lambda s: api.query(charter, s),  # type: ignore
                                           progress(scenarios, label)))
        elif engine == "naive":
            import baseline

            naive = baseline.naive_query
            seconds = _timed(lambda: _each(lambda s: naive(charter, s),  # type: ignore
                                           progress(scenarios, label)))
        else:
            import asp

            program = asp.program(n, k)
            flags = synthetic.random_scenarios(n, k, count)
            seconds = _timed(lambda: _each(lambda f: asp.query(program, f),
                                           progress(flags, label)))
    else:
        raise ValueError(bench)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "note": note}


# ---- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    bench: str
    n: int
    k: int
    count: int
    engines: tuple[str, ...]


def plan(quick: bool, with_clingo: bool) -> list[Row]:
    """The rows of the table; quick keeps the small sizes only."""
    asp = ("clingo",) if with_clingo else ()
    if quick:
        return [
            Row("parse", 0, 0, 100_000, ("charterlogic",)),
            Row("check", 3, 5, 0, ("charterlogic", "naive")),
            Row("check", 15, 5, 0, ("charterlogic",)),
            Row("query", 3, 5, 50, ("charterlogic", "naive", *asp)),
        ]
    return [
        Row("parse", 0, 0, 1_000_000, ("charterlogic",)),
        Row("check", 3, 5, 0, ("charterlogic", "naive")),
        Row("check", 15, 5, 0, ("charterlogic", "naive")),
        Row("check", 55, 5, 0, ("charterlogic", "naive")),
        Row("check", 193, 5, 0, ("charterlogic",)),
        Row("check", 15, 10, 0, ("charterlogic",)),
        Row("check", 15, 20, 0, ("charterlogic",)),
        Row("query", 3, 5, 10_000, ("charterlogic",)),
        Row("query", 3, 5, 1_000, ("charterlogic", "naive", *asp)),
        Row("query", 15, 5, 200, ("charterlogic", "naive", *asp)),
        Row("query", 55, 5, 5, ("charterlogic", "naive", *asp)),
        Row("query", 3, 20, 1_000, ("charterlogic", "naive", *asp)),
    ]


def run_cell(row: Row, engine: str) -> dict[str, object]:
    """One cell in a fresh interpreter."""
    command = [sys.executable, str(Path(__file__).resolve()), "--cell", row.bench, engine,
               str(row.n), str(row.k), str(row.count)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        return {"seconds": None, "peak_mb": None, "note": f"failed ({done.returncode})"}
    return json.loads(done.stdout)


def _fmt(seconds: object) -> str:
    if not isinstance(seconds, float):
        return "-"
    return f"{seconds:.3f} s" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def machine() -> str:
    """A one-line description of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def table(rows: Iterable[Row]) -> Iterator[str]:
    """Yield the table's lines as each row is measured (markdown)."""
    yield "| benchmark | N | K | scenarios | charterlogic | per scenario | naive | ratio " \
          "| clingo | ratio | peak MB (cl / naive / clingo) |"
    yield "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
    for row in rows:
        results = {engine: run_cell(row, engine) for engine in row.engines}
        ours = results["charterlogic"]["seconds"]
        per = ""
        if row.bench == "query" and isinstance(ours, float):
            per = _fmt(ours / row.count)
        cells = []
        for engine in ("naive", "clingo"):
            theirs = results.get(engine, {}).get("seconds")
            ratio = f"{theirs / ours:.1f}x" if isinstance(theirs, float) and ours else "-"
            cells += [_fmt(theirs), ratio]
        memory = " / ".join(f"{results[e]['peak_mb']:.0f}" if e in results
                            and isinstance(results[e]["peak_mb"], float) else "-"
                            for e in ("charterlogic", "naive", "clingo"))
        name = row.bench
        note = results["charterlogic"].get("note")
        if row.bench == "parse":
            name = f"parse ({note})"
        count = str(row.count) if row.bench == "query" else ""
        n = str(row.n) if row.n else ""
        k = str(row.k) if row.k else ""
        yield (f"| {name} | {n} | {k} | {count} | {_fmt(ours)} | {per} | {cells[0]} "
               f"| {cells[1]} | {cells[2]} | {cells[3]} | {memory} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="charterlogic benchmarks: one table")
    parser.add_argument("--quick", action="store_true", help="small sizes only (for CI)")
    parser.add_argument("--no-clingo", action="store_true", help="skip the clingo column")
    parser.add_argument("--cell", nargs=5, metavar=("BENCH", "ENGINE", "N", "K", "COUNT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cell:
        bench, engine, n, k, count = args.cell
        print(json.dumps(cell(bench, engine, int(n), int(k), int(count))))
        return 0
    try:
        import clingo  # noqa: F401
        with_clingo = not args.no_clingo
    except ImportError:
        with_clingo = False
    print(f"machine: {machine()}")
    if not with_clingo:
        print("clingo: " + ("skipped" if args.no_clingo else
                            "not installed (pip install -e '.[bench]')") + ", column left empty")
    print()
    for line in table(plan(args.quick, with_clingo)):
        print(line, flush=True)
    if with_clingo:
        import asp

        print()
        for n, k, count in ((3, 5, 50), (15, 10, 20)) if args.quick else ((3, 5, 300),
                                                                         (15, 10, 50)):
            same, total = asp.agreement(n, k, count)
            print(f"clingo and charterlogic agree on {same} of {total} random scenarios "
                  f"(N={n}, K={k}): same acts, same holds/depends")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
