"""The command line: exit codes, streams, formats, and messages for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import Run

ATTACK = ["--event", "attack(chad, territory(niger))", "--actor", "chad:state"]


def test_check_the_shipped_charter_exits_clean_and_explains_findings(run: Run):
    code, out, err = run("check")
    assert code == 0 and err == ""
    assert "satisfiable: yes" in out
    assert "resolved by interpretation defence_against_party_prevails (on)" in out
    assert "witness scenario" in out and "fact attack(" in out
    assert out.rstrip().endswith("result: 0 errors, 1 warning, 4 conflicts resolved by "
                                 "interpretations")


def test_check_literal_exits_1_on_error_findings(run: Run):
    code, out, _ = run("check", "--literal")
    assert code == 1
    assert out.count("error[C002]") == 4


def test_check_json_has_the_documented_fields(run: Run):
    code, out, _ = run("check", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "charterlogic.check/2"
    # Arts. 1-8, the six final clauses known by subject, and one entry for the three unknown
    assert len(data["articles"]) == 15
    assert {"code", "severity", "kind", "message", "resolved_by", "witness", "sides"} <= set(
        data["findings"][0])
    assert [a["verified"] for a in data["articles"]].count(False) == 6


def test_query_text_lists_duties_with_articles(run: Run):
    code, out, err = run("query", *ATTACK, "--on", "2024-01-01")
    assert code == 0 and err == ""
    assert ("  Burkina Faso MUST assist Niger, individually or collectively, including by armed "
            "force (Art. 6): Chad attacks territory of Niger, and Niger is a party.\n"
            "      must assist(burkina_faso, niger), by collective_assistance [Art. 6]\n") in out
    assert "must assist(mali, niger), by collective_assistance [Art. 6]" in out
    assert "fact attack(chad, territory(niger))" in out
    assert "        - Chad attacks territory of Niger (stated in the scenario)" in out


def test_query_before_signature_says_the_charter_is_not_in_force(run: Run):
    code, out, _ = run("query", *ATTACK, "--on", "2023-09-01")
    assert code == 0
    assert ("note: the charter is not in force on 1 September 2023 (Entry into force clause "
            "(art. no. unverified); reading entry_into_force_on = signature), so it binds no one "
            "on this day") in out
    assert "assist(" not in out


def test_query_json_schema_fields(run: Run):
    _code, out, _ = run("query", *ATTACK, "--on", "2024-01-01", "--format", "json")
    data = json.loads(out)
    assert data["schema"] == "charterlogic.query/2"
    answer = next(a for a in data["answers"] if a["action"]["text"] == "assist(mali, niger)")
    assert answer["holder"] == "mali" and answer["modality"] == "obliged"
    assert answer["action"] == {
        "name": "assist", "arguments": ["mali", "niger"], "text": "assist(mali, niger)",
        "description": "Mali assists Niger, individually or collectively, including by armed force"}
    assert answer["status"] == "holds" and answer["depends_on"] == []
    assert answer["articles"][0] == {"label": "6", "paragraph": None, "title": "Collective defence",
                                     "verified": True,
                                     "text": "Art. 6"}
    assert answer["derivation"][0]["kind"] == "norm"


def test_query_party_filter(run: Run):
    _, out, _ = run("query", *ATTACK, "--on", "2024-01-01", "--party", "mali",
                    "--format", "json")
    assert {a["holder"] for a in json.loads(out)["answers"]} == {"mali"}


def test_query_scenario_file(run: Run, tmp_path):
    path = tmp_path / "case.scenario"
    path.write_text('scenario "attack" {\n  on 2024-01-01\n  actor chad: state\n'
                    '  fact attack(chad, territory(niger))\n}\n', encoding="utf-8")
    code, out, _ = run("query", "--scenario", str(path))
    assert code == 0 and "must assist(mali, niger), by collective_assistance" in out


@pytest.mark.parametrize("argv, message", [
    (["query", "--event", "attack(chad, territory(nigeria))", "--actor", "chad:state",
      "--on", "2024-01-01"], "did you mean `niger`?"),
    (["query", "--event", "attack(chad)", "--on", "2024-01-01"],
     "`attack` takes 2 arguments, but 1 is given"),
    (["query", "--on", "2023-02-30"], "impossible date `2023-02-30`"),
    (["query", "--event", "attack(ecowas, territory(ecowas))", "--on", "2024-01-01"],
     "`ecowas` is an organisation, but a state is expected in `territory`"),
    (["check", "--interpretation", "rebelion_is_attack=on"], "did you mean `rebellion_is_attack`?"),
    (["check", "/no/such/charter.dsl"], "no such file"),
    (["query", "--party", "nigeria", "--on", "2024-01-01"], "did you mean `niger`?"),
    (["check", "--about", "nigeria"], "did you mean `niger`?"),
])
def test_bad_input_exits_2_with_a_located_message(run: Run, argv, message):
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err


def test_a_flag_error_points_into_the_flag(run: Run):
    _, _, err = run("query", "--event", "attack(chad, territory(nigeria))", "--actor",
                    "chad:state", "--on", "2024-01-01")
    assert err.splitlines()[0] == "--event:1:24: error[E101]: unknown name `nigeria`"
    assert "1 | attack(chad, territory(nigeria))" in err
    assert ("1 | attack(chad, territory(nigeria))\n"
            "  |                        ^^^^^^^ did you mean `niger`?") in err


def test_an_unknown_about_names_the_flag_and_the_actors(run: Run):
    code, _, err = run("check", "--about", "nigr")
    assert code == 2
    assert err.splitlines()[0] == "--about:1:1: error[E101]: unknown actor `nigr`"
    assert "the actors the charter names" in err and "niger" in err


def test_a_charter_error_shows_file_line_column_and_caret(run: Run, tmp_path):
    path = tmp_path / "bad.dsl"
    path.write_text('kind state\nparty mali "Mali"\nparty mali "Mali again"\n', encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 2
    assert f"{path}:3:7: error[E108]: `mali` is declared twice" in err
    assert "3 | party mali" in err


def test_usage_errors_exit_2(run: Run):
    assert run("frobnicate")[0] == 2
    assert run("query", "--format", "xml")[0] == 2


def test_no_arguments_print_the_usage_and_exit_2(run: Run):
    code, out, err = run()
    assert code == 2 and out == ""
    assert err.startswith("usage: charterlogic") and "Traceback" not in err
    assert "required: command" in err


def test_every_command_takes_a_reading_as_name_equals_option(run: Run):
    """A reading has named options (field_country: party | sahel_field_states | any_state),
    not only on and off: no command's help, usage message or vocabulary says otherwise."""
    import argparse

    from charterlogic.cli import build_parser

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    takes = [name for name, command in commands.choices.items()
             if "--interpretation" in command.format_help()]
    assert {"check", "query", "diff", "report"} <= set(takes)
    for name in takes:
        help_text = commands.choices[name].format_help()
        assert "NAME=OPTION" in help_text and "on|off" not in help_text, name
    code, _, err = run("diff", "charter.dsl")
    assert code == 2 and "--interpretation NAME=OPTION" in err
    assert "set with --interpretation NAME=OPTION" in run("vocab")[1]


def test_the_installed_command_runs_as_a_process():
    result = subprocess.run([sys.executable, "-m", "charterlogic.cli", "check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "satisfiable: yes" in result.stdout


@pytest.mark.slow
def test_same_input_same_bytes(run: Run):
    first = run("query", *ATTACK, "--on", "2024-01-01", "--format", "json")
    second = run("query", *ATTACK, "--on", "2024-01-01", "--format", "json")
    assert first == second
    assert run("check", "--format", "json") == run("check", "--format", "json")
