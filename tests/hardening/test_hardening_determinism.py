"""Determinism: identical input gives byte-identical output, run after run, whatever
PYTHONHASHSEED is, and whatever order the scenario's flags or facts are given in."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_support import run_cli

EVENTS = ("attack(chad, territory(niger))", "threat(wagner, mali)",
          "rebellion(wagner, burkina_faso)")
ACTORS = ("chad:state", "wagner:armed_group")
QUERY = ["query", "--on", "2024-01-01", "--unknown", "force_necessary(wagner, mali)"]


def query_argv(events: tuple[str, ...], actors: tuple[str, ...], form: str) -> list[str]:
    argv = [*QUERY, "--format", form]
    for event in events:
        argv += ["--event", event]
    for actor in actors:
        argv += ["--actor", actor]
    return argv


@pytest.mark.parametrize("argv", [
    ["check", "--format", "json"], query_argv(EVENTS, ACTORS, "text"),
    query_argv(EVENTS, ACTORS, "json"),
], ids=["check-json", "query", "query-json"])
def test_repeated_runs_in_one_process_are_identical(argv: list[str]) -> None:
    first = run_cli(argv)
    assert first[0] in (0, 1) and first[2] == ""
    assert run_cli(argv) == first


def test_witnesses_are_the_same_on_every_run_in_one_process(tmp_path: Path) -> None:
    # Z3's shared context used to steer the second run to another witness
    path = tmp_path / "conflict.dsl"
    path.write_text(
        'kind state\nparty mali "Mali"\nparty niger "Niger"\n'
        "event attack(attacker: state, victim: state)\nact assist(helper: state, victim: state)\n"
        'article 1 "Defence" {\n  norm help: every state q: may assist(q, p) when attack(x, p)\n}\n'
        'article 2 "Neutrality" {\n  norm neutral: every state q: must not assist(q, p)\n}\n',
        encoding="utf-8")
    runs = {run_cli(["check", str(path)]) for _ in range(4)}
    assert len(runs) == 1
    status, out, _ = runs.pop()
    assert status == 1 and "witness scenario:" in out


@pytest.mark.parametrize("argv", [["check", "--format", "json"],
                                  query_argv(EVENTS, ACTORS, "text")], ids=["check", "query"])
def test_output_does_not_depend_on_pythonhashseed(argv: list[str]) -> None:
    outputs = set()
    for seed in ("0", "1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "charterlogic.cli", *argv],
                              capture_output=True, env=environment, check=False, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
    # and a fresh process prints what the in-process CLI prints
    assert outputs.pop().decode("utf-8") == run_cli(argv)[1]


@pytest.mark.parametrize("form", ["text", "json"])
def test_the_order_of_event_and_actor_flags_does_not_matter(form: str) -> None:
    outputs = {run_cli(query_argv(events, actors, form))
               for events in itertools.permutations(EVENTS)
               for actors in itertools.permutations(ACTORS)}
    assert len(outputs) == 1
    status, out, err = outputs.pop()
    assert (status, err) == (0, "")
    # the facts are listed in one canonical order
    if form == "text":
        assert out.index("fact attack(chad") < out.index("fact rebellion(") < out.index(
            "fact threat(")


def test_the_order_of_facts_in_a_scenario_file_does_not_matter(tmp_path: Path) -> None:
    lines = ["  fact attack(chad, territory(niger))", "  not assist(mali, niger)",
             "  unknown threat(wagner, mali)", "  actor chad: state",
             "  actor wagner: armed_group"]
    outputs = set()
    for order in itertools.islice(itertools.permutations(lines), 0, None, 17):
        path = tmp_path / "s.scenario"
        path.write_text('scenario "s" {\n  on 2024-01-01\n' + "\n".join(order) + "\n}\n",
                        encoding="utf-8")
        outputs.add(run_cli(["query", "--scenario", str(path)]))
    assert len(outputs) == 1
