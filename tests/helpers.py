"""Small helpers for the tests: run a query from flags, pick answers out of a report, run the
CLI in process (the `run` fixture of conftest.py)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO

from charterlogic import api, cli
from charterlogic.analyses.query import Answer, QueryReport
from charterlogic.model import types as m

#: Two parties, an attack, a crisis and help: the vocabulary of the small charters of
#: test_check.py and test_toolchain.py.
TWO_PARTIES = """charter "Test" { signed 2023-09-16 in_force 2023-09-16 }
kind state
party alpha "Alpha"
party beta "Beta"
event attack(attacker: actor, victim: state)
event crisis(state: state)
act help(helper: state, victim: state)
"""

#: The smallest charter with a conflict: a duty to help a state in crisis and a prohibition to
#: help a state that attacked you; `check` finds one C001 and nothing else.
HELPING = TWO_PARTIES + """article 1 "A" {
  norm must_help: every state q: must help(q, v) when crisis(v) and q != v
  norm no_help: every state q: must not help(q, r) when attack(r, q)
}
"""

#: A small charter for unit tests of the passes: two parties and an armed group, an aggression
#: definition, a duty, a permission, a prohibition, and a priority under an interpretation.
DEFENCE = """charter "Defence" { signed 2020-01-01 in_force 2020-01-01 }
kind state "a state"
kind group "an armed group"
party red "Red"
party blue "Blue"
actor rebels "Rebels": group
sort area = inside | outside
sort target = territory(state) | forces(state, area)
act attack(attacker: actor, target: target) "{attacker} attacks {target}"
act assist(helper: state, victim: state) "{helper} assists {victim}"
act use_force(user: state, against: actor, where: area)
interpretation defence_prevails on "Defence against a party prevails over non-aggression."
article 1 "Defence" {
  text "An attack on a party is an aggression; the other parties assist and may use force."
  define party(q: state) := signatory(q)
  define aggression(x: actor, p: state) := x != p and attack(x, territory(p))
  norm assistance: every party q other than p: must assist(q, p)
    when aggression(x, p) and party(p)
  norm defence: every party q: may use_force(q, x, inside) when aggression(x, p) and party(p)
}
article 2 "Non-aggression" {
  text "The parties do not use force against one another."
  norm no_force: every party q: must not use_force(q, r, a) when party(r) and r != q
  priority defence over no_force when defence_prevails
}
"""


#: A smaller charter still, for the spec-suite measures (coverage, mutation): one duty.
MINI_CHARTER = """charter "Mini" { signed 2020-01-01 in_force 2020-01-01 }
kind state "a state"
party a "A"
party b "B"
event attacked(victim: state)
act help(helper: state, victim: state)
article 1 "Parties" { define party(q: state) := signatory(q) }
article 2 "Help" {
  text "Each party helps a party that is attacked."
  norm help_duty: every party q other than p: must help(q, p) when attacked(p) and party(p)
}
"""

ATTACK_ON_B = """scenario "b is attacked" {
  on 2024-01-01
  fact attacked(b)
  expect obliged help(a, b)
  expect nothing else
}
"""


def ask(charter: m.Charter, *events: str, on: str = "2024-01-01", actors: tuple[str, ...] = (),
        failures: tuple[str, ...] = (), unknowns: tuple[str, ...] = (),
        settings: dict[str, str] | None = None) -> QueryReport:
    scenario = api.scenario_from_flags(
        charter, event=list(events), actor=list(actors), not_=list(failures),
        unknown=list(unknowns), on=on, settings=settings)
    return api.query(charter, scenario)


def find(report: QueryReport, modality: str, action: str) -> Answer | None:
    for answer in report.answers:
        if answer.modality.value == modality and answer.action == action:
            return answer
    return None


def actions(report: QueryReport, modality: str, predicate: str) -> set[str]:
    return {a.action for a in report.answers
            if a.modality.value == modality and a.predicate == predicate}


class CliRun(NamedTuple):
    """What one in-process run of the CLI gave: the exit code and both streams' text."""

    code: int
    out: str
    err: str


#: The type of the `run` fixture (run_cli).
Run = Callable[..., CliRun]


def run_cli(*argv: str, cwd: Path | None = None, stderr: TextIO | None = None) -> CliRun:
    """`charterlogic ARGV...` in process (in `cwd`, when given), as the `run` fixture does;
    `stderr` replaces the captured error stream (to test what a terminal sees)."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = cli.main(list(argv), out, stderr if stderr is not None else err)
    finally:
        os.chdir(here)
    return CliRun(code, out.getvalue(), err.getvalue())
