"""`charterlogic test --coverage` and `--mutate`: measuring the spec suite itself."""

from __future__ import annotations

import functools
import io
import json
import os
import re
from pathlib import Path

import pytest

from charterlogic import api
from charterlogic.model import types as m
from charterlogic.render import suite as render_suite
from charterlogic.syntax.parser import parse
from charterlogic.testing import mutation
from helpers import ATTACK_ON_B, MINI_CHARTER, Run
from test_json_schemas import validate

SUITE = Path(__file__).parent / "scenarios"

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
    data = json.loads(render_suite.coverage_json(api.coverage(charter, results,
                                                              readings=False)))
    assert data["uncovered"] == []
    listed = [n for a in data["articles"] for n in a["norms"]]
    assert [n["name"] for n in listed] == list(charter.norms)
    assert all(n["fires"] and n["silent"] for n in listed)


@pytest.mark.slow
def test_coverage_text_per_article_and_norm() -> None:
    charter, _, results = shipped()
    table = api.coverage(charter, results)  # of norms and of readings (30 s of CPU)
    out = render_suite.coverage_text(table)
    # and its JSON follows the shipped schema (the CLI's `test --coverage` is this rendering)
    assert validate(api.as_json(table)) == "coverage"
    assert "  Art. 2: no norm\n" in out
    assert "    collective_assistance      fires in " in out
    count = len(charter.norms)
    assert f"\n{count} of {count} norms exercised both firing and silent\n" in out
    readings = sum(len(r.options) for r in charter.interpretations.values())
    assert out.endswith(f"\n{readings} of {readings} readings told apart\n")
    # every reading, in the charter's order, each told apart (in this test, not one of its
    # own: the reading coverage is 30 s of CPU, and another xdist worker would compute it again)
    assert [(r.interpretation, r.option) for r in table.readings] == [
        (name, option) for name, reading in charter.interpretations.items()
        for option in reading.option_names]
    assert [r.label for r in table.readings if not r.covered] == []


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
    for mutant in mutation.norm_mutants(charter):
        name = mutant.id.split(":")[0]
        changed = [n for n in charter.norms if charter.norms[n] != mutant.charter.norms.get(n)]
        assert changed == [name]


#: The mutants CI runs against the shipped suite: one of each kind of mutation, on the duty of
#: Art. 6, the prohibition of Art. 8(a) and the reading with three options where they have it,
#: the cheapest to kill (all 141 take about 15 minutes on two cores: see below). Each costs 1 to
#: 6 s of CPU; the second drop-conjunct of each norm, the dropped exception and the other option
#: of field_country, 15 s together, test the same machinery and were left out for CI's time.
SELECTED = ("collective_assistance:drop", "collective_assistance:negate",
            "collective_assistance:drop-conjunct-2", "collective_assistance:to-*",
            "no_force:drop", "no_force:drop-conjunct-1", "field_country:default-party",
            "entry_into_force_on:flip-default", "targeted:drop-extend-7a",
            "collective_force>no_force:reverse", "voter:months+1")


@pytest.mark.slow
def test_the_shipped_suite_kills_the_selected_mutants() -> None:
    charter, suite, baseline = shipped()
    report = api.mutation(charter, suite, baseline, patterns=SELECTED)
    assert len(report.killed) + len(report.survived) == len(mutation.selected(charter, SELECTED))
    assert len(report.killed) >= 12  # not vacuous: every pattern selects mutants
    kinds = {re.sub(r"\d*[+-]1$|-\d+[ab]?$", "", i.split(":")[1]) for i, _ in report.killed}
    assert {"drop", "negate", "drop-conjunct", "to-permitted", "to-forbidden", "flip-default",
            "default-party", "drop-extend", "reverse", "months"} <= kinds
    assert [x.id for x in report.unexplained] == []
    assert report.stale == ()


@pytest.mark.skipif(not os.environ.get("CHARTERLOGIC_FULL_MUTATION"),
                    reason="every mutant takes about 15 minutes: set CHARTERLOGIC_FULL_MUTATION=1 "
                           "(or run `charterlogic test --mutate`, exit 0 when all are killed)")
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
    table = api.coverage(charter, api.run_suite(charter, suite), readings=False)
    art4 = next(a for a in table.articles if a.citation.label == 4)
    duty = next(n for n in art4.norms if n.norm == "terrorism_duty")
    assert len(duty.fires) == 3  # scenarios 1, 3 (its violation) and 5
    assert duty.silent  # the third state that is not bound


def test_the_suite_switches_every_interpretation_on_and_off() -> None:
    # the suite's text is enough: not shipped(), which runs it
    charter = api.load_charter()
    suite = api.load_suite(charter, [SUITE])
    switched = {(s.name, s.option) for source in suite.sources
                for node in parse(source).declarations for s in node.switches}
    assert switched == {(name, option) for name, reading in charter.interpretations.items()
                        for option in reading.option_names}


# ---- readings and the mutants of other clauses ---------------------------------------------------

READINGS_CHARTER = MINI_CHARTER.replace(
    'act help(helper: state, victim: state)',
    'act help(helper: state, victim: state)\n'
    'event threatened(victim: state)\n'
    'interpretation threat_counts off "Off: only an attack engages help; on: a threat does too."'
).replace("when attacked(p) and party(p)",
          "when (attacked(p) or (threat_counts and threatened(p))) and party(p)")


def readings_suite(tmp_path: Path, *scenarios: str) -> list[str]:
    (tmp_path / "readings.dsl").write_text(READINGS_CHARTER, encoding="utf-8")
    (tmp_path / "suite.scenario").write_text("\n".join(scenarios), encoding="utf-8")
    return [str(tmp_path / "suite.scenario"), "--charter", str(tmp_path / "readings.dsl")]


THREAT_ON_B = """scenario "b is threatened" {
  on 2024-01-01
  fact threatened(b)
  interpretation threat_counts on
  expect obliged help(a, b)
}
"""


def test_a_reading_no_scenario_tells_apart_is_uncovered_with_a_suggestion(tmp_path, run: Run,
                                                                           ) -> None:
    argv = readings_suite(tmp_path, ATTACK_ON_B, ATTACK_ON_C)
    code, out, _ = run("test", *argv, "--coverage", "--save", str(tmp_path / "suggested"))
    assert code == 1
    assert "threat_counts=on   <- NOT TOLD APART by any scenario" in out
    assert "threat_counts=off  <- NOT TOLD APART by any scenario" in out
    assert "0 of 2 readings told apart; missing: threat_counts=on, threat_counts=off" in out
    # the suggestion is diff's witness, with the expectations of the charter's default reading
    assert "fact threatened(a)" in out or "fact threatened(b)" in out
    assert "expect not obliged help(" in out
    saved = sorted(p.name for p in (tmp_path / "suggested").iterdir())
    assert saved == ["reading-threat_counts-off.scenario", "reading-threat_counts-on.scenario"]
    # the suggested scenarios pass as they are, and then cover the readings
    off = (tmp_path / "suggested" / saved[0]).read_text("utf-8")
    assert "  interpretation threat_counts on\n" in off  # it must not use the reading itself
    argv = readings_suite(tmp_path, ATTACK_ON_B, ATTACK_ON_C, off,
                          (tmp_path / "suggested" / saved[1]).read_text("utf-8"))
    code, out, _ = run("test", *argv, "--coverage")
    assert "threat_counts=on   told apart by" in out and "threat_counts=off  told apart by" in out
    assert code == 0


def test_the_apis_coverage_gives_the_json_the_cli_prints(tmp_path, run: Run) -> None:
    argv = readings_suite(tmp_path, ATTACK_ON_B, ATTACK_ON_C, THREAT_ON_B)
    _, out, _ = run("test", *argv, "--coverage", "--format", "json")
    charter = api.load_charter(argv[-1])
    results = api.run_suite(charter, api.load_suite(charter, [argv[0]]))
    data = api.as_json(api.coverage(charter, results))
    assert data == json.loads(out)
    assert isinstance(data, dict) and [r["option"] for r in data["readings"]] == ["on", "off"]
    # without its readings, the norms' part alone
    alone = api.as_json(api.coverage(charter, results, readings=False))
    assert isinstance(alone, dict) and alone["readings"] == [] and alone["articles"] == \
        data["articles"]


def test_a_scenario_under_a_reading_tells_apart_the_other_option(tmp_path, run: Run) -> None:
    argv = readings_suite(tmp_path, ATTACK_ON_B, ATTACK_ON_C, THREAT_ON_B)
    code, out, _ = run("test", *argv, "--coverage", "--format", "json")
    data = json.loads(out)
    # THREAT_ON_B, under `on`, is answered otherwise once switched off; no scenario under `off`
    # (the default) is answered otherwise once switched on
    assert code == 1 and data["uncovered_readings"] == ["threat_counts=on"]
    text = (tmp_path / "suite.scenario").read_text("utf-8")
    line = text[:text.index('scenario "b is threatened"')].count("\n") + 1
    (on, off) = data["readings"]
    assert off["told_apart_by"] == f"{tmp_path / 'suite.scenario'}:{line}"
    assert on["told_apart_by"] is None and "fact threatened(" in on["suggestion"]


def test_mutants_of_readings_widenings_priorities_and_dates() -> None:
    charter = api.load_charter()
    ids = [x.id for x in mutation.clause_mutants(charter)]
    assert len(ids) == len(set(ids))  # each mutant has its own name
    readings = charter.interpretations.values()
    assert ids[:sum(len(r.options) - 1 for r in readings)] == [
        f"{r.name}:flip-default" if len(r.options) == 2 else f"{r.name}:default-{option}"
        for r in readings for option in r.option_names if option != r.default]
    assert {"field_country:default-party", "field_country:default-any_state"} <= set(ids)
    assert {"targeted:drop-extend-7a", "targeted:drop-extend-7b"} <= set(ids)
    assert "collective_force>no_force:reverse" in ids
    assert {"withdrawn:months2+1", "withdrawn:months2-1", "in_force:date+1",
            "in_force:date-1"} <= set(ids)
    by_id = {x.id: x for x in mutation.clause_mutants(charter)}
    widened = charter.definitions["targeted"].clauses
    assert len(by_id["targeted:drop-extend-7a"].charter.definitions["targeted"].clauses) == (
        len(widened) - 1)
    (reversed_,) = [p for p in by_id["collective_force>no_force:reverse"].charter.priorities
                    if p.weaker == "collective_force"]
    assert reversed_.stronger == "no_force"
    six = by_id["withdrawn:months2-1"].charter.definitions["withdrawn"].clauses[0].body
    assert "months=5" in repr(six) and "months=6" not in repr(six)
    day = by_id["in_force:date+1"].charter.definitions["in_force"].clauses[0].body
    assert "20230917" in repr(day)


#: A world assumption for the mini charter: A is never attacked.
A_IS_SAFE = 'assume a_is_safe: not attacked(a) "No one attacks A."\n'
WHETHER_A_IS_ATTACKED = """scenario "whether a is attacked is not known" {
  on 2024-01-01
  unknown attacked(a)
  expect not obliged help(b, a)
}
"""


def test_dropping_an_assumption_is_a_mutant(tmp_path, run: Run) -> None:
    charter = api.load_charter_text(MINI_CHARTER + A_IS_SAFE, "mini.dsl")
    by_id = {x.id: x for x in mutation.clause_mutants(charter)}
    assert list(by_id) == ["a_is_safe:drop-assume"]
    assert charter.assumptions and by_id["a_is_safe:drop-assume"].charter.assumptions == ()
    argv = mini(tmp_path, ATTACK_ON_B)
    (tmp_path / "mini.dsl").write_text(MINI_CHARTER + A_IS_SAFE, encoding="utf-8")
    # no scenario leaves open whether A is attacked: without the assumption, nothing changes
    code, out, _ = run("test", *argv, "--mutate", "--mutant", "*:drop-assume")
    assert code == 1 and "SURVIVED  a_is_safe:drop-assume" in out
    # one does: A's attack is excluded by the assumption, and without it B's duty depends on it
    (tmp_path / "suite.scenario").write_text(ATTACK_ON_B + "\n" + WHETHER_A_IS_ATTACKED,
                                             encoding="utf-8")
    code, out, _ = run("test", *argv, "--mutate", "--mutant", "*:drop-assume",
                       "--format", "json")
    assert code == 0
    assert json.loads(out)["killed"] == [{
        "mutant": "a_is_safe:drop-assume",
        "by": f"{tmp_path / 'suite.scenario'}:8"}]  # ATTACK_ON_B's 6 lines, a blank line


def test_a_flipped_default_applies_to_scenarios_that_do_not_set_it(tmp_path, run: Run) -> None:
    # THREAT_ON_B sets the reading itself: flipping the default does not touch it; a scenario
    # that relies on the default (no help without an attack) kills the mutant
    silent = THREAT_ON_B.replace("  interpretation threat_counts on\n", "").replace(
        "expect obliged", "expect not obliged").replace("b is threatened", "default reading")
    code, out, _ = run("test", *readings_suite(tmp_path, ATTACK_ON_B, ATTACK_ON_C, THREAT_ON_B),
                    "--mutate")
    assert "SURVIVED  threat_counts:flip-default" in out and code == 1
    code, out, _ = run("test", *readings_suite(tmp_path, ATTACK_ON_B, ATTACK_ON_C, THREAT_ON_B,
                                            silent), "--mutate", "--format", "json")
    killed = {k["mutant"] for k in json.loads(out)["killed"]}
    assert "threat_counts:flip-default" in killed


def test_mutant_patterns_select_what_runs(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate",
                       "--mutant", "help_duty:drop*", "--format", "json")
    data = json.loads(out)
    ran = {k["mutant"] for k in data["killed"]} | {s["mutant"] for s in data["survived"]}
    assert ran == {"help_duty:drop", "help_duty:drop-conjunct-1", "help_duty:drop-conjunct-2"}
    assert code == 1  # the two dropped conjuncts survive this suite
    _, text, _ = run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate", "--mutant", "*:negate")
    assert text.startswith("mutants: 1 of 6 (selected by --mutant); killed 1, survived 0")
    code, _, err = run("test", *mini(tmp_path, ATTACK_ON_B), "--mutate", "--mutant", "nothing*")
    assert code == 2
    assert "error[E118]: no mutant matches 'nothing*'" in err
    assert "the mutants: help_duty:drop | help_duty:negate" in err
    code, _, err = run("test", *mini(tmp_path, ATTACK_ON_B), "--mutant", "*")
    assert code == 2 and "--mutant selects the mutants of --mutate: add --mutate" in err
