"""Parse time against file size: it should grow linearly (seconds per MB stays flat).

    python benchmarks/parse_scaling.py            # 1, 2, 5 and 10 MB
    python benchmarks/parse_scaling.py 0.5 1 2    # other sizes, in MB

Prints, for each size, the CPU time (which a busy machine does not skew) to parse (text -> AST)
and to load (parse and resolve), and seconds per MB. A benchmark, not a test: the figures
depend on the machine; their ratio across sizes should not.
"""

from __future__ import annotations

import sys
import time

from charterlogic.model.from_syntax import resolve_charter
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source

HEADER = """\
charter "Scaling" { signed 2023-09-16 at "Niamey" in_force 2023-09-16 }
kind state "a state"
kind armed_group "a non-state armed group"
party mali "Mali"
party niger "Niger"
party burkina_faso "Burkina Faso"
event attack(attacker: actor, victim: state) "{attacker} attacks {victim}"
event threat(source: actor, victim: state)
act assist(helper: state, victim: state)
act settle(party: state, source: actor, victim: state)
"""


def article(number: int) -> str:
    """One article with text, a definition and two norms: the shape of a real one."""
    return f"""
article {number} "Article {number}" {{
  text "The parties assist any party under attack, individually or collectively, by all means."
  note "Generated for the benchmark."
  define hostile{number}(x: actor, p: state) := (attack(x, p) or threat(x, p)) and x != p
  norm assist{number}: every state q other than p: must assist(q, p)
    when hostile{number}(x, p) and not attack(q, p)
    unless q = x
  norm settle{number}: every state q: may settle(q, x, p) when threat(x, p)
}}
"""


def charter_of(megabytes: float) -> str:
    parts, size, number = [HEADER], len(HEADER), 1
    while size < megabytes * 1_000_000:
        parts.append(article(number))
        size += len(parts[-1])
        number += 1
    return "".join(parts)


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [1, 2, 5, 10]
    print(f"{'MB':>6} {'articles':>9} {'parse s':>9} {'s/MB':>7} {'load s':>9} {'s/MB':>7}")
    for megabytes in sizes:
        text = charter_of(megabytes)
        source = Source("scaling.dsl", text)
        started = time.process_time()
        document = parse(source)
        parsed = time.process_time() - started
        resolve_charter(document, source)
        loaded = time.process_time() - started
        real = len(text.encode("utf-8")) / 1_000_000
        articles = text.count("\narticle ")
        print(f"{real:6.2f} {articles:9d} {parsed:9.2f} {parsed / real:7.2f} "
              f"{loaded:9.2f} {loaded / real:7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
