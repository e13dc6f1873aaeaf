"""Every `--format json` output validates against the JSON Schema shipped for it.

The schemas are package data (`charterlogic/schemas/*.json`, JSON Schema 2020-12); each output
names its own in its `schema` field. Validated here: every command on the shipped charter, every
scenario file of the shipped spec suite through `query`, `explain` and `timeline`, the whole suite
through `test` (`test --coverage`'s JSON: test_spec_measures.py, which computes it anyway), and
every command the docs show whose command takes `--format json`, run with it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

from charterlogic import api, cli, schemas
from charterlogic.model import types as m
from charterlogic.model.scenario import Scenario
from helpers import ATTACK_ON_B, MINI_CHARTER

# docs/errors.md is generated from the error catalogue's examples (tests/hardening/)
sys.path.insert(0, str(Path(__file__).parent / "hardening"))
import hardening_catalogue as catalogue

ROOT = Path(__file__).parent.parent
SUITE = sorted((ROOT / "tests" / "scenarios").glob("*.scenario"))
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
REGISTRY: Registry = Registry().with_resources(
    (f"urn:charterlogic:schema:{name}", Resource.from_contents(schemas.load(name)))
    for name in schemas.names())


def run(*argv: str, cwd: Path = ROOT) -> tuple[int, object]:
    """Run the CLI in `cwd` (the repository's root); the exit code and the JSON it printed."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        code = cli.main(list(argv), out, err)
    finally:
        os.chdir(here)
    return code, json.loads(out.getvalue())


def validate(data: object) -> str:
    """Validate `data` against the schema it names; return the schema's name."""
    first = data[0] if isinstance(data, list) else data
    assert isinstance(first, dict)
    named = first["schema"]
    assert isinstance(named, str)
    name, _, version = named.removeprefix("charterlogic.").partition("/")
    assert int(version) == schemas.VERSIONS[name]
    validator = Draft202012Validator(schemas.load(name), registry=REGISTRY)
    error = best_match(validator.iter_errors(data))
    assert error is None, f"{error.json_path}: {error.message[:300]}"
    return name


@pytest.mark.parametrize("name", schemas.names())
def test_each_shipped_schema_is_a_valid_2020_12_schema(name: str) -> None:
    schema = schemas.load(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:charterlogic:schema:{name}"


def json_commands() -> set[str]:
    """The commands whose `--format` takes json, read from the CLI's own parser."""
    (commands,) = [a for a in cli.build_parser()._actions
                   if isinstance(a, argparse._SubParsersAction)]
    return {name for name, command in commands.choices.items()
            if any(a.dest == "format" and "json" in (a.choices or ()) for a in command._actions)}


#: The outputs that are not a command's own: check's refusal of a clash, test's measures, and
#: bad input of any command.
OTHER_OUTPUTS = {"clash", "coverage", "mutation", "diagnostics"}


def test_every_output_has_a_schema_and_every_schema_an_output() -> None:
    assert set(schemas.names()) == {*schemas.VERSIONS, "common"}
    assert set(schemas.VERSIONS) == json_commands() | OTHER_OUTPUTS


ATTACK = ["--event", "attack(chad, territory(niger))", "--actor", "chad:state",
          "--on", "2024-01-01"]


COMMANDS = [
    (["check"], "check"),
    (["check", "--literal"], "check"),
    (["check", "tests/charters/clash.dsl"], "clash"),
    (["query", *ATTACK], "query"),
    (["query", *ATTACK, "--not", "assist(mali, niger)"], "query"),
    (["explain", "must assist(mali, niger)", *ATTACK], "explain"),
    (["explain", "may use_force(mali, chad, _)", *ATTACK], "explain"),
    (["find", "may use_force(mali, _, _)"], "find"),
    (["find", "some party violates 8", "--limit", "2"], "find"),
    (["timeline", "--scenario", "docs/examples/timeline_denunciation.scenario"], "timeline"),
    # three files, not the whole suite (22 s of CPU): every shape of a result, passed, depending
    # on the facts it names, with its derivations, and with check's findings
    (["test", "tests/scenarios/art04_terrorism.scenario",
      "tests/scenarios/unknown_facts.scenario",
      "tests/scenarios/engine/same_arguments.scenario"], "test"),
    (["vocab"], "vocab"),
    (["diff", "tests/charters/diff/v1.dsl", "tests/charters/diff/v2.dsl"], "diff"),
]


def test_every_command_that_prints_json_is_validated() -> None:
    assert {argv[0] for argv, _ in COMMANDS} == json_commands()


@pytest.mark.parametrize("argv, schema", COMMANDS,
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_command_output_validates(argv: list[str], schema: str) -> None:
    _, data = run(*argv, "--format", "json")
    assert validate(data) == schema


#: Each analysis a scenario file goes through, as the CLI runs it on `--scenario FILE`.
ANALYSES: dict[str, Callable[[m.Charter, Scenario], object]] = {
    "query": api.query,
    "explain": lambda charter, scenario: api.explain(charter, scenario,
                                                     "must assist(mali, niger)"),
    "timeline": api.timeline,
}


@pytest.mark.parametrize("path", SUITE, ids=[p.name for p in SUITE])
def test_every_spec_scenario_validates_through_query_explain_and_timeline(path: Path) -> None:
    # in process, through the API's as_json (what the CLI prints: test_api_program.py), on the
    # charter loaded once, the three analyses of a file in one test: they share the charter's
    # index of instances. Most of the cost is the analyses', a tenth the validation's
    charter = api.load_charter()
    scenarios = api.scenarios_from_file(charter, path)
    for analysis, answer in ANALYSES.items():
        # each file's first three scenarios through query (an array of documents, as the CLI
        # prints for a file of several), its first through explain and timeline (one document;
        # the first file's first two: their array). The whole suite's queries are the plugin's
        # to run; here they would cost a minute of CI
        chosen = scenarios[:3] if analysis == "query" else scenarios[:2 if path == SUITE[0]
                                                                      else 1]
        documents = [api.as_json(answer(charter, scenario)) for scenario in chosen]
        # one scenario prints its document, several an array of them
        assert validate(documents[0] if len(documents) == 1 else documents) == analysis


def test_mutation_output_validates(tmp_path: Path) -> None:
    # a small charter keeps this fast (the shipped suite against every mutant of the shipped
    # charter is test_spec_measures' slow test); it has both killed and surviving mutants
    (tmp_path / "mini.dsl").write_text(MINI_CHARTER, encoding="utf-8")
    (tmp_path / "suite.scenario").write_text(ATTACK_ON_B, encoding="utf-8")
    code, data = run("test", "--mutate", str(tmp_path / "suite.scenario"),
                     "--charter", str(tmp_path / "mini.dsl"), "--format", "json")
    assert code == 1
    assert validate(data) == "mutation"
    assert data["killed"] and data["survived"]


def with_json(argv: Sequence[str], scratch: Path) -> list[str]:
    """`argv` with `--format json` (in place of any other format), and the folder a command
    writes into (`--save DIR`) moved to `scratch`, not the repository."""
    argv = list(argv)
    if "--format" in argv:
        del argv[argv.index("--format"):argv.index("--format") + 2]
    saved = [i + 1 for i, a in enumerate(argv[:-1]) if a in ("--save", "--save-witness")]
    for index in saved:
        argv[index] = str(scratch / argv[index]) if argv[index] else ""
    return [*argv, "--format", "json"]


def _documented_commands() -> list[str]:
    """Every `$ charterlogic ...` command of the README and docs/*.md whose command takes
    `--format json`, without its pipes (`| head -12`). docs/errors.md's are its catalogue's
    examples, which run in a folder of their own files: see below."""
    commands = []
    for path in DOCS:
        if path.name == "errors.md":
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("$ charterlogic "):
                command = line.removeprefix("$ ").split(" | ")[0]
                if shlex.split(command)[1] in json_commands() \
                        and shlex.split(command)[1:] != VALIDATED_ELSEWHERE:
                    commands.append(command)
    return sorted(set(commands))


#: The one documented command whose JSON another test validates already, with assertions of its
#: own: the charter checked beside the ECOWAS instruments for Niger (docs/instruments.md), about
#: half a minute of CPU, is
#: test_instruments.py::test_check_reports_the_charter_against_ecowas_for_niger.
VALIDATED_ELSEWHERE = ["check", "charter.dsl", *sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "instruments" / "ecowas").glob("*.dsl")),
    "--about", "niger"]


@pytest.mark.parametrize("command", _documented_commands(), ids=lambda c: c[:60])
def test_every_command_of_the_docs_validates_as_json(command: str, tmp_path: Path) -> None:
    _, data = run(*with_json(shlex.split(command)[1:], tmp_path))
    validate(data)


@pytest.mark.parametrize("example", [e for e in catalogue.EXAMPLES
                                     if e.argv[0] in json_commands()],
                         ids=lambda e: f"{e.code}-{e.title}")
def test_every_command_of_docs_errors_md_validates_as_json(example: catalogue.Example,
                                                           tmp_path: Path) -> None:
    for name, data in example.files:
        (tmp_path / name).write_bytes(data)
    code, output = run(*with_json(example.argv, tmp_path), cwd=tmp_path)
    name = validate(output)
    if example.code.startswith("E"):
        assert (code, name) == (2, "diagnostics")
        assert isinstance(output, dict)
        assert example.code in {d["code"] for d in output["diagnostics"]}
    else:
        assert name == ("clash" if example.code == "C000" else "check")


def is_valid(data: object, name: str) -> bool:
    """Whether `data` validates against the schema of output `name`."""
    return Draft202012Validator(schemas.load(name), registry=REGISTRY).is_valid(data)


def test_the_vocab_schema_is_closed_but_for_a_norms_paragraph() -> None:
    _, data = run("vocab", "--format", "json")
    assert isinstance(data, dict) and is_valid(data, "vocab")
    norm = next(n for a in data["articles"] for n in a["norms"])
    for paragraph in ("a", None):  # an optional field: the paragraph a norm states
        norm["paragraph"] = paragraph
        assert is_valid(data, "vocab")
    norm["paragraph"] = 1
    assert not is_valid(data, "vocab")
    del norm["paragraph"]
    data["actors"][0]["nickname"] = "BF"
    assert not is_valid(data, "vocab")


def test_citations_have_one_type_per_field() -> None:
    _, data = run("check", "--format", "json")
    assert {type(a["label"]) for a in data["articles"]} == {str}
    assert {a["label"] for a in data["articles"]} >= {"6", "11", "denunciation"}
