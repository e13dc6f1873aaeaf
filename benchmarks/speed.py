"""Speed of the shipped charter (issue 2, section 7): whole processes and in-process queries.

    python benchmarks/speed.py [--runs 7] [--queries 200]

Prints the median wall time of `charterlogic check` and of one `charterlogic query` as whole
processes (interpreter start included), and the in-process time per query when many queries run
against one loaded charter. Figures, not pass/fail: targets are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERY = ["query", "--event", "attack(chad, territory(niger))", "--actor", "chad:state",
         "--on", "2024-01-01"]


def _command() -> list[str]:
    """The installed entry point beside this interpreter, else `python -m charterlogic.cli`."""
    script = Path(sys.executable).with_name("charterlogic")
    return [str(script)] if script.exists() else [sys.executable, "-m", "charterlogic.cli"]


def process_median(argv: list[str], runs: int) -> float:
    """Median wall seconds of `charterlogic ARGV` as a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(_command() + argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_per_query(count: int) -> float:
    """Seconds per query, `count` varied scenarios against one loaded charter."""
    from charterlogic import api

    charter = api.load_charter()
    targets = ["territory", "sovereignty", "aircraft", "ships"]
    parties = ["burkina_faso", "mali", "niger"]
    scenarios = []
    for i in range(count):
        event = f"attack(chad, {targets[i % 4]}({parties[i % 3]}))"
        day = f"202{3 + i % 3}-0{1 + i % 9}-1{i % 10}"
        scenarios.append(api.scenario_from_flags(charter, event=[event], actor=["chad:state"],
                                                 on=day))
    api.query(charter, scenarios[0])  # first use: builds per-charter caches
    start = time.perf_counter()
    for scenario in scenarios:
        api.query(charter, scenario)
    return (time.perf_counter() - start) / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="processes per median (default 7)")
    parser.add_argument("--queries", type=int, default=200,
                        help="in-process queries (default 200)")
    args = parser.parse_args(argv)
    rows = [
        ("check, whole process", process_median(["check"], args.runs), 0.5),
        ("one query, whole process", process_median(QUERY, args.runs), 0.3),
        ("one query, in-process", in_process_per_query(args.queries), 0.005),
    ]
    print(f"{'what':<28} {'median':>10} {'target':>10}")
    for what, seconds, target in rows:
        print(f"{what:<28} {_ms(seconds):>10} {_ms(target):>10}")
    return 0


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
