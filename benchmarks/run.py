"""The benchmark table: every target of issue 15, charterlogic beside the naive baseline and clingo.

    python benchmarks/run.py            # the full table (about 10 minutes on 2 busy cores)
    python benchmarks/run.py --quick    # small sizes only: proves the benchmarks run (CI)

Every figure counts its set-up: a whole process counts the interpreter, the imports and the cache
load; an in-process batch counts importing the engine, loading the charter, building the
scenarios and every index, from the first import to the last answer. Each in-process batch runs in
a fresh interpreter (`run.py --cell ...`), so its peak memory (maximum resident set) and its
caches are its own. Whole processes run in pairs, ours then the peer's, `--runs` times, and the
table gives the medians (CPU time beside wall time: the machine is shared). The compiled-charter
cache lives in a private temporary cache directory (XDG_CACHE_HOME): "cold" starts each run from
an empty one, "warm" from one a previous run filled.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402  (benchmarks/ is not a package)

# ---- cells: one batch in a fresh interpreter, set-up included --------------------------------


def _synthetic_charter(n: int, k: int) -> object:
    from charterlogic.model.from_syntax import resolve_charter
    from charterlogic.syntax.parser import parse
    from charterlogic.syntax.source import Source

    source = Source(f"synthetic-{n}-{k}.dsl", synthetic.charter_text(n, k))
    return resolve_charter(parse(source), source)


def _query_all(charter: object, batch: Sequence[synthetic.Flags]) -> None:
    from charterlogic import api

    for flags in batch:
        scenario = api.scenario_from_flags(charter, event=flags.events,  # type: ignore
                                           not_=flags.failures, unknown=flags.unknowns,
                                           actor=flags.actors, on=flags.on)
        api.query(charter, scenario)  # type: ignore[arg-type]


def _work(bench: str, engine: str, n: int, count: int) -> Callable[[], object]:
    """The batch a cell times, from the first import of its engine to its last answer."""
    k = 5
    if bench == "shipped":  # the shipped charter, `count` random scenarios with six actors
        import asp

        batch = asp.shipped_scenarios(count)
        if engine == "clingo":
            return lambda: [asp.shipped_query(flags) for flags in batch]

        def ours() -> None:
            from charterlogic import api

            _query_all(api.load_charter(), batch)
        return ours
    if bench == "query":  # a synthetic charter of n parties
        batch = synthetic.random_scenarios(n, k, count)
        if engine == "clingo":
            def peer() -> None:
                import asp

                program = asp.program(n, k)
                for flags in batch:
                    asp.query(program, flags)
            return peer
        if engine == "naive":
            def naive() -> None:
                import baseline
                from charterlogic import api

                charter = _synthetic_charter(n, k)
                for flags in batch:
                    scenario = api.scenario_from_flags(
                        charter, event=flags.events, not_=flags.failures,  # type: ignore
                        unknown=flags.unknowns, actor=flags.actors, on=flags.on)
                    baseline.naive_query(charter, scenario)  # type: ignore[arg-type]
            return naive
        return lambda: _query_all(_synthetic_charter(n, k), batch)
    if bench == "check":
        def check() -> None:
            from charterlogic import api

            charter = _synthetic_charter(n, k)
            settings = charter.default_interpretations()  # type: ignore[attr-defined]
            if engine == "naive":
                import baseline

                baseline.naive_check(charter, settings)
            else:
                api.check(charter, settings)  # type: ignore[arg-type]
        return check
    raise ValueError(bench)


def cell(bench: str, engine: str, n: int, count: int) -> dict[str, float]:
    """Run one batch in this (fresh) process: wall and CPU seconds, peak resident MB."""
    work = _work(bench, engine, n, count)
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


@dataclass(frozen=True)
class Measure:
    """One engine's figure for a row: wall and CPU seconds, peak MB (None when it failed)."""

    seconds: float | None
    cpu: float | None = None
    peak_mb: float | None = None
    note: str = ""


def run_cell(bench: str, engine: str, n: int, count: int, timeout: float) -> Measure:
    """One batch in a fresh interpreter, stopped after `timeout` seconds."""
    command = [sys.executable, str(Path(__file__).resolve()), "--cell", bench, engine, str(n),
               str(count)]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return Measure(None, note=f"did not finish in {timeout:.0f} s")
    if done.returncode != 0:
        return Measure(None, note=f"failed ({done.returncode})")
    got = json.loads(done.stdout)
    return Measure(got["seconds"], got["cpu"], got["peak_mb"])


# ---- whole processes, in pairs ----------------------------------------------------------------


def _process(argv: Sequence[str], env: dict[str, str], cwd: Path = ROOT,
             timeout: float | None = None) -> tuple[float, float, float, int] | None:
    """Wall seconds, CPU seconds, peak MB and exit code of one whole process (output discarded);
    None if it was stopped after `timeout` seconds."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env, cwd=cwd)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if timeout is not None and time.perf_counter() - start > timeout:
            child.kill()
            os.wait4(child.pid, 0)
            return None
        time.sleep(0.01)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


#: The exit codes of a command that answered: 0, 1 (`check` found errors), 3 (some unknown).
ANSWERED = (0, 1, 3)


def paired(ours: Sequence[str], peer: Sequence[str] | None, runs: int,
           before: Callable[[], dict[str, str]], timeout: float | None = None,
           ) -> tuple[Measure, Measure | None]:
    """Median wall/CPU/peak of `ours` and `peer`, interleaved `runs` times; `before()` gives the
    environment of each of our runs (so a cold-cache run can start from an empty cache). A
    process stopped after `timeout` seconds makes its side "did not finish"."""
    mine: list[tuple[float, float, float, int] | None] = []
    theirs: list[tuple[float, float, float, int] | None] = []
    for _ in range(runs):
        mine.append(_process(ours, before(), timeout=timeout))
        if peer is not None:
            theirs.append(_process(peer, dict(os.environ), timeout=timeout))

    def median(samples: list[tuple[float, float, float, int] | None]) -> Measure:
        if any(s is None for s in samples):
            return Measure(None, note=f"did not finish in {timeout:.0f} s")
        failed = [s[3] for s in samples if s and s[3] not in ANSWERED]
        if failed:  # bad input or a crash: its time is not a measure of the work
            return Measure(None, note=f"failed ({failed[0]})")
        return Measure(*(statistics.median(s[i] for s in samples if s) for i in range(3)))
    return median(mine), (median(theirs) if peer is not None else None)


def per_scenario(ours: Measure, count: int, goal: float, timeout: float) -> bool:
    """Whether a batch of `count` scenarios met `goal` seconds each; a batch stopped after
    `timeout` seconds did not if the timeout alone is over the goal."""
    if ours.seconds is None:
        return not timeout / count > goal
    return ours.seconds / count <= goal


def charterlogic_command() -> list[str]:
    """The installed entry point beside this interpreter, else `python -m charterlogic.cli`."""
    script = Path(sys.executable).with_name("charterlogic")
    return [str(script)] if script.exists() else [sys.executable, "-m", "charterlogic.cli"]


README_QUERY = ["query", "--event", "attack(chad, territory(niger))", "--actor", "chad:state",
                "--on", "2024-01-01", "--party", "mali"]
BARE_IMPORTS = [sys.executable, "-c", "import z3, lark"]
CLINGO_README = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE)!r}); "
                 "import asp; asp.shipped_query(asp.README_QUERY)"]


def scenario_file(path: Path, count: int) -> None:
    """Write `count` random scenarios of the shipped charter (asp.shipped_scenarios) as a file."""
    import asp

    blocks = []
    for i, flags in enumerate(asp.shipped_scenarios(count)):
        lines = [f'scenario "random {i + 1}" {{', f"  on {flags.on}"]
        lines += [f"  actor {a.replace(':', ': ')}" for a in flags.actors]
        lines += [f"  fact {e}" for e in flags.events]
        lines += [f"  not {f}" for f in flags.failures]
        lines += [f"  unknown {u}" for u in flags.unknowns]
        blocks.append("\n".join([*lines, "}"]))
    path.write_text("\n\n".join(blocks) + "\n")


# ---- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A line of the table: our figure, the naive baseline's and the peer's, and the goal."""

    what: str
    ours: Measure
    naive: Measure | None
    peer_name: str
    peer: Measure | None
    per: int  # divide times by this many scenarios ("per scenario"); 1 for whole runs
    goal: str
    met: bool | None


def _fmt(seconds: float | None, per: int = 1) -> str:
    if seconds is None:
        return "-"
    value = seconds / per
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.{1 if value < 0.01 else 0}f} ms"


def _ratio(ours: Measure, peer: Measure | None) -> float | None:
    if peer is None or ours.seconds is None or not peer.seconds:
        return None
    return ours.seconds / peer.seconds


def render(row: Row) -> str:
    ratio = _ratio(row.ours, row.peer)
    peak = " / ".join(f"{m.peak_mb:.0f}" if m is not None and m.peak_mb is not None else "-"
                      for m in (row.ours, row.naive, row.peer))
    ours = _fmt(row.ours.seconds, row.per) + (f" ({_fmt(row.ours.cpu, row.per)} CPU)"
                                               if row.ours.cpu is not None else "")
    if row.ours.note:
        ours = row.ours.note
    peer = "-"
    if row.peer is not None:
        peer = row.peer.note or _fmt(row.peer.seconds, row.per) + (
            f" ({_fmt(row.peer.cpu, row.per)} CPU)" if row.peer.cpu is not None else "")
    naive = (row.naive.note or _fmt(row.naive.seconds, row.per)) if row.naive else "-"
    met = {True: "yes", False: "no", None: "-"}[row.met]
    return (f"| {row.what} | {ours} | {naive} | {row.peer_name} | {peer} | "
            f"{f'{ratio:.1f}x' if ratio is not None else '-'} | {peak} | {row.goal} | {met} |")


HEADER = ("| benchmark | charterlogic (CPU) | naive | peer | peer (CPU) | ours / peer (wall) "
          "| peak MB (ours / naive / peer) | target | met |")


def within(ours: Measure, peer: Measure | None, factor: float,
           timeout: float | None = None) -> bool | None:
    """Whether ours took at most `factor` times the peer's time (None: not measured); ours
    stopped after `timeout` seconds did not, if the peer took less than timeout / factor."""
    if (ours.seconds is None and timeout is not None and peer is not None
            and peer.seconds is not None and peer.seconds * factor < timeout):
        return False
    ratio = _ratio(ours, peer)
    return None if ratio is None else ratio <= factor


def rows(quick: bool, runs: int, with_clingo: bool, timeout: float) -> Iterator[Row]:
    """Measure and yield the table's rows, one per target (quick: small sizes, few runs)."""
    program = charterlogic_command()
    peer = "clingo" if with_clingo else None
    cache_root = Path(tempfile.mkdtemp(prefix="charterlogic-bench-"))
    os.chmod(cache_root, 0o700)
    try:
        warm = cache_root / "warm"
        warm.mkdir(mode=0o700)
        env_warm = {**os.environ, "XDG_CACHE_HOME": str(warm)}
        _process([*program, "check"], env_warm)  # fills the warm cache

        def cold() -> dict[str, str]:
            fresh = Path(tempfile.mkdtemp(dir=cache_root))
            return {**os.environ, "XDG_CACHE_HOME": str(fresh)}

        for label, before, factor in (("warm", lambda: env_warm, 3.0), ("cold", cold, 4.0)):
            ours, bare = paired([*program, "check"], BARE_IMPORTS, runs, before)
            yield Row(f"shipped `check`, whole process, {label} cache", ours, None,
                      "`python -c \"import z3, lark\"`", bare, 1,
                      f"≤ {factor:.0f}× bare imports", within(ours, bare, factor))

        ours, theirs = paired([*program, *README_QUERY], CLINGO_README if peer else None, runs,
                              lambda: env_warm)
        yield Row("README's query, whole process (warm cache)", ours, None, "clingo (process)",
                  theirs, 1, "≤ 2× clingo", within(ours, theirs, 2.0))

        count = 5 if quick else 1000  # main's charter: about 0.2 s CPU a scenario today
        ours = run_cell("shipped", "charterlogic", 0, count, timeout)
        theirs = run_cell("shipped", "clingo", 0, count, timeout) if peer else None
        yield Row(f"shipped query in-process, per scenario ({count} random, 6 actors)", ours,
                  None, "clingo (in-process)", theirs, count, "≤ 1 ms",
                  per_scenario(ours, count, 0.001, timeout))
        file = cache_root / "random.scenario"
        scenario_file(file, count)
        ours, _ = paired([*program, "query", "--scenario", str(file), "--format", "json"], None,
                         1, lambda: env_warm, timeout)
        yield Row(f"`query --scenario FILE` per scenario ({count} in one process)", ours, None,
                  "clingo (in-process)", theirs, count, "≤ 1 ms",
                  per_scenario(ours, count, 0.001, timeout))

        sizes = ((3, 5),) if quick else ((15, 100), (55, 10), (193, 5))
        for n, count in sizes:
            ours = run_cell("query", "charterlogic", n, count, timeout)
            naive = run_cell("query", "naive", n, count, timeout) if n <= 15 else None
            theirs = run_cell("query", "clingo", n, count, timeout) if peer else None
            yield Row(f"synthetic N={n} K=5: query per scenario ({count}), set-up counted",
                      ours, naive, "clingo (in-process)", theirs, count, "≤ 2× clingo",
                      within(ours, theirs, 2.0, timeout))

        small = run_cell("check", "charterlogic", 3, 0, timeout)
        naive_small = run_cell("check", "naive", 3, 0, timeout)
        yield Row("synthetic N=3 K=5: `check`, parse included", small, naive_small,
                  "-", None, 1, "(the reference of the next row)", None)
        large_n = 15 if quick else 193
        large = run_cell("check", "charterlogic", large_n, 0, timeout)
        yield Row(f"synthetic N={large_n} K=5: `check`, parse included", large, None,
                  "N=3 `check`", small, 1, "≤ 2× N=3", within(large, small, 2.0, timeout))

        if not quick:
            ours, _ = paired([*program, "test", "--mutate"], None, 1, lambda: env_warm, timeout)
            yield Row("`test --mutate` on the shipped suite, whole process", ours, None, "-",
                      None, 1, "≤ 8 s", per_scenario(ours, 1, 8.0, timeout))
    finally:
        shutil.rmtree(cache_root, ignore_errors=True)


def memory_row(measured: Sequence[Row]) -> Row | None:
    """The peak-memory target: the largest ratio of our peak to clingo's over the query rows."""
    pairs = [(r.ours, r.peer) for r in measured if r.peer_name.startswith("clingo")
             and r.peer is not None and r.ours.peak_mb and r.peer.peak_mb]
    if not pairs:
        return None
    ours, peer = max(pairs, key=lambda p: p[0].peak_mb / p[1].peak_mb)  # type: ignore
    ratio = ours.peak_mb / peer.peak_mb  # type: ignore[operator]
    return Row(f"peak memory, worst query row: {ratio:.1f}× clingo",
               Measure(None, None, ours.peak_mb, note=f"{ours.peak_mb:.0f} MB"), None, "clingo",
               Measure(None, None, peer.peak_mb, note=f"{peer.peak_mb:.0f} MB"), 1,
               "≤ 2× clingo", ratio <= 2.0)


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
            f"{platform.system()} {platform.release()}; load average "
            f"{os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="charterlogic benchmarks: one table")
    parser.add_argument("--quick", action="store_true", help="small sizes only (for CI)")
    parser.add_argument("--no-clingo", action="store_true", help="skip the clingo column")
    parser.add_argument("--runs", type=int, default=None,
                        help="pairs of whole processes per median (default 5, quick 1)")
    parser.add_argument("--timeout", type=float, default=150.0,
                        help="seconds before a batch is stopped (default 150)")
    parser.add_argument("--cell", nargs=4, metavar=("BENCH", "ENGINE", "N", "COUNT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cell:
        bench, engine, n, count = args.cell
        print(json.dumps(cell(bench, engine, int(n), int(count))))
        return 0
    try:
        import clingo  # noqa: F401
        with_clingo = not args.no_clingo
    except ImportError:
        with_clingo = False
    runs = args.runs or (1 if args.quick else 5)
    print(f"machine: {machine()}")
    print(f"whole processes: median of {runs} paired runs (ours, then the peer's)")
    if not with_clingo:
        print("clingo: " + ("skipped" if args.no_clingo else
                            "not installed (pip install -e '.[bench]')") + ", column left empty")
    print()
    print(HEADER)
    print("|---|--:|--:|---|--:|--:|---|---|---|")
    measured = []
    for row in rows(args.quick, runs, with_clingo, args.timeout):
        measured.append(row)
        print(render(row), flush=True)
    memory = memory_row(measured)
    if memory is not None:
        print(render(memory))
    if with_clingo:
        import asp

        same, total, _ = asp.shipped_agreement(20 if args.quick else 100)
        print()
        print(f"clingo and charterlogic agree on {same} of {total} scenarios of the shipped "
              "charter (the README's query and random ones): same acts, same holds/depends")
        for n, count in ((3, 20),) if args.quick else ((3, 100),):
            same, total = asp.agreement(n, 5, count)
            print(f"clingo and charterlogic agree on {same} of {total} random scenarios of the "
                  f"synthetic charter N={n}, K=5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
