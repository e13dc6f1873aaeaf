"""`charterlogic test --coverage` and `--mutate`: measuring the spec suite itself."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import pytest

from charterlogic import api
from charterlogic.model import types as m
from charterlogic.render import suite as render_suite
from charterlogic.syntax.parser import parse
from charterlogic.testing import mutation
from helpers import Run

SUITE = Path(__file__).parent / "scenarios"

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

ATTACK_ON_C = """scenario "a non-party is attacked" {
  on 2024-01-01
  actor c: state
  fact attacked(c)
  expect not obliged help(a, c)
  expect not obliged help(a, b)
}
"""


@functools.cache
def shipped() -> tuple[m.Charter, api.Suite, list[api.CaseResult]]:
    """The shipped charter, suite and results, computed once for this module's tests."""
    charter = api.load_charter()
    suite = api.load_suite(charter, [SUITE])
    return charter, suite, api.run_suite(charter, suite)


def mini(tmp_path: Path, *scenarios: str) -> list[str]:
    (tmp_path / "mini.dsl").write_text(MINI_CHARTER, encoding="utf-8")
    (tmp_path / "suite.scenario").write_text("\n".join(scenarios), encoding="utf-8")
    return [str(tmp_path / "suite.scenario"), "--charter", str(tmp_path / "mini.dsl")]


# ---- coverage -----------------------------------------------------------------------------------


def test_the_shipped_suite_exercises_every_norm_firing_and_silent() -> None:
    charter, _, results = shipped()
    data = json.loads(render_suite.coverage_json(api.coverage(charter, results)))
    assert data["uncovered"] == []
    listed = [n for a in data["articles"] for n in a["norms"]]
    assert [n["name"] for n in listed] == list(charter.norms)
    assert all(n["fires"] and n["silent"] for n in listed)


@pytest.mark.slow
def test_coverage_text_per_article_and_norm(run: Run) -> None:
    code, out, _ = run("test", str(SUITE), "--coverage")
    assert code == 0
    assert "  Art. 2: no norm\n" in out
    assert "    collective_assistance      fires in " in out
    count = len(shipped()[0].norms)
    assert out.endswith(f"{count} of {count} norms exercised both firing and silent\n")


def test_coverage_reports_a_norm_never_seen_silent(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("test", *mini(tmp_path, ATTACK_ON_B), "--coverage")
    assert code == 1
    assert "help_duty                  fires in   1, silent in   0   <- NOT SEEN SILENT" in out
    code, out, _ = run("test", *mini(tmp_path, ATTACK_ON_B, ATTACK_ON_C), "--coverage")
    assert code == 0
    assert "help_duty                  fires in   1, silent in   1\n" in out


# ---- mutation -----------------------------------------------------------------------------------


def test_mutants_of_a_norm() -> None:
    charter = api.load_charter()
    ids = [x.id for x in mutation.mutants(charter) if x.id.startswith("collective_assistance:")]
    assert ids == [
        "collective_assistance:drop", "collective_assistance:negate",
        "collective_assistance:drop-conjunct-1", "collective_assistance:drop-conjunct-2",
        "collective_assistance:drop-exception", "collective_assistance:to-permitted",
        "collective_assistance:to-forbidden",
    ]
    for mutant in mutation.mutants(charter):
        name = mutant.id.split(":")[0]
        changed = [n for n in charter.norms if charter.norms[n] != mutant.charter.norms.get(n)]
        assert changed == [name]


@pytest.mark.slow
def test_the_shipped_suite_kills_every_mutant_or_explains_it() -> None:
    charter, suite, baseline = shipped()
    report = api.mutation(charter, suite, baseline)
    assert [x.id for x in report.unexplained] == []
    assert report.stale == ()
    assert len(report.killed) + len(report.survived) == len(list(mutation.mutants(charter)))


def test_a_surviving_mutant_is_reported_until_explained(run: Run, tmp_path: Path) -> None:
    # `nothing else` leaves out standing obligations (triggered by no fact): dropping the
    # attack from help_duty's condition makes the duty standing, and survives this suite
    code, out, _ = run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate")
    assert code == 1
    assert "mutants: 6; killed 4, survived 2 (0 explained in the suite)" in out
    assert "  SURVIVED  help_duty:drop-conjunct-1: drop conjunct 1 of 2 of help_duty's" in out
    assert "  SURVIVED  help_duty:drop-conjunct-2: drop conjunct 2 of 2 of help_duty's" in out
    explained = ("# mutant help_duty:drop-conjunct-1 survives: no scenario without an attack\n"
                 "# mutant help_duty:drop-conjunct-2 survives: no non-party is attacked\n")
    code, out, _ = run("test", *mini(tmp_path, explained + ATTACK_ON_B), "--mutate")
    assert code == 0
    assert "  explained help_duty:drop-conjunct-2: no non-party is attacked" in out
    assert out.endswith("result: every mutant is killed or explained\n")
    code, out, _ = run("test", *mini(tmp_path, explained + ATTACK_ON_B + ATTACK_ON_C), "--mutate")
    assert code == 0
    assert "mutants: 6; killed 6, survived 0" in out
    assert "stale explanation at" in out and "help_duty:drop-conjunct-2" in out


def test_mutation_needs_a_passing_suite(run: Run, tmp_path: Path) -> None:
    failing = ATTACK_ON_B.replace("help(a, b)", "help(b, b)")
    err = io.StringIO()
    code, _, _ = run("test", *mini(tmp_path, failing), "--mutate", stderr=err)
    assert code == 1
    assert "the suite must pass before mutants can be measured" in err.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(run: Run, tmp_path: Path) -> None:
    plain = io.StringIO()
    run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate", stderr=plain)
    assert plain.getvalue() == ""
    terminal = _Terminal()
    run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate", stderr=terminal)
    assert "\rmutants [" in terminal.getvalue() and "6/6" in terminal.getvalue()


def test_mutation_json(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [s["mutant"] for s in data["survived"]] == [
        "help_duty:drop-conjunct-1", "help_duty:drop-conjunct-2"]
    assert {k["mutant"] for k in data["killed"]} == {
        "help_duty:drop", "help_duty:negate", "help_duty:to-permitted", "help_duty:to-forbidden"}


def test_coverage_module_counts_scenarios() -> None:
    charter = api.load_charter()
    suite = api.load_suite(charter, [SUITE / "art04_terrorism.scenario"])
    table = api.coverage(charter, api.run_suite(charter, suite))
    art4 = next(a for a in table.articles if a.citation.label == 4)
    duty = next(n for n in art4.norms if n.norm == "terrorism_duty")
    assert len(duty.fires) == 3  # scenarios 1, 3 (its violation) and 5
    assert duty.silent  # the third state that is not bound


def test_the_suite_switches_every_interpretation_on_and_off() -> None:
    charter, suite, _ = shipped()
    switched = {(name, on) for source in suite.sources
                for node in parse(source).declarations
                for name, on in ((s.name, s.on) for s in node.switches)}
    assert switched == {(name, on) for name in charter.interpretations for on in (True, False)}
