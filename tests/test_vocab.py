"""`charterlogic vocab`, and the lists of what would fit that every unknown-name error gives."""

from __future__ import annotations

import json

import pytest

from helpers import run_cli as run


def test_vocab_lists_every_name_of_the_charter_with_its_meaning(charter):
    code, out, err = run("vocab")
    assert code == 0 and err == ""
    for actor in charter.actors.values():
        assert actor.display in out
    for kind in charter.kinds:
        assert f"  {kind} " in out
    for constructors in charter.sorts.values():
        for constructor in constructors:
            assert constructor.name in out
    for predicate in charter.predicates.values():
        assert f"  {predicate.name}(" in out and predicate.description in out
    for name in charter.interpretations:
        assert f"  {name} (default " in out
    for name in charter.norms:
        assert f"    {name}: " in out or f"      {name}: " in out  # under its paragraph
    assert "blockade(blockader: actor, state: state, means: means)" in out
    assert "means: armed_forces | other_means" in out
    assert "collective_assistance: MUST: q assists p" in out
    assert "entry_into_force_on = signature and" in out


def test_vocab_shows_each_paragraph_and_how_readings_are_set():
    out = run("vocab")[1]
    # a paragraph's norms and clauses under its citation, the article's own at the article
    assert "Art. 7 Scope of aggression:\n    Art. 7(a):\n      widens targeted(t, p) :=" in out
    assert "\n    Art. 8(b):\n      no_blockade: MUST NOT: q blockades" in out
    assert "Art. 6 Collective defence:\n    collective_assistance: MUST" in out
    # a reading with three options is set to one of them, and --literal picks each one's own
    assert "interpretations (set with --interpretation NAME=OPTION; --literal: each at its " \
        "literal option):" in out
    assert "  field_country (default sahel_field_states; options: party, sahel_field_states, " \
        "any_state; literal: any_state)" in out
    assert "  rebellion_is_attack (default off; options: on, off; literal: off)" in out
    # Algeria is named by the charter: the hint for other actors does not use it
    assert "--actor algeria:state" not in out
    assert "(any other actor is declared in a question: --actor NAME:KIND, a kind below)" in out


def test_vocab_json_is_complete_and_exact(charter):
    code, out, _ = run("vocab", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "charterlogic.vocab/2"
    assert [a["name"] for a in data["actors"] if a["party"]] == ["burkina_faso", "mali", "niger"]
    targets = next(s for s in data["sorts"] if s["name"] == "target")["values"]
    assert {"name": "forces", "arguments": ["state", "deployment"]} in targets
    assert len(targets) == len(charter.sorts["target"])
    assert {p["name"] for p in data["predicates"]} == set(charter.predicates)
    norms = [n["name"] for a in data["articles"] for n in a["norms"]]
    assert norms == list(charter.norms)
    paragraphs = {n["name"]: n["paragraph"] for a in data["articles"] for n in a["norms"]}
    assert paragraphs["no_blockade"] == "b" and paragraphs["no_aggression"] == "a"
    assert paragraphs["collective_assistance"] is None  # Art. 6 has no paragraphs
    # every definition, with its wording and the article that defines it
    definitions = {d["name"]: d for d in data["definitions"]}
    assert set(definitions) == set(charter.definitions)
    assert definitions["withdrawn"] == {
        "name": "withdrawn", "parameters": [{"name": "q", "sort": "state"}],
        "wording": "{q} has withdrawn from the charter",
        "article": "Denunciation clause (art. no. unverified)"}
    assert all(d["wording"] for d in data["definitions"])  # the shipped charter words them all


def test_vocab_takes_the_charter_as_path_or_option():
    assert run("vocab", "charter.dsl")[1] == run("vocab", "--charter", "charter.dsl")[1]
    code, _, err = run("vocab", "charter.dsl", "--charter", "charter.dsl")
    assert code == 2 and "give the charter once" in err


# ---- every unknown name lists what fits at its position -----------------------------------------


@pytest.mark.parametrize("argv, listed", [
    # a sort's value
    (["query", "--actor", "jnim:armed_group", "--event", "blockade(jnim, mali, fuel)"],
     "note: the values of sort means: armed_forces | other_means"),
    # a constructor of the expected sort (all six targets)
    (["query", "--actor", "algeria:state", "--event", "attack(algeria, drone(mali))"],
     "note: the values of sort target: "),
    # an event or act in a scenario: the events and acts, closest first
    (["query", "--event", "blockad(ecowas, mali, armed_forces)"],
     "note: the acts: blockade(actor, state, means) | "),
    # an act in a goal, closest first
    (["explain", "must asist(mali, niger)"], "note: the acts: assist(state, state) | "),
    # an actor kind for --actor
    (["query", "--actor", "jnim:armed_grup"],
     "note: the kinds: armed_group | "),
    # a party
    (["query", "--party", "nigr"], "note: the parties and actors: niger | "),
    # an actor at a position of kind state in a goal
    (["explain", "must assist(burkina_fasso, mali)"],
     "note: the actors of kind state that fit here: burkina_faso | "),
])
def test_unknown_names_list_what_would_fit(argv, listed):
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert listed in err


def test_the_constructor_list_names_all_six_targets(charter):
    _, _, err = run("query", "--actor", "algeria:state", "--event",
                    "attack(algeria, drone(mali))")
    for constructor in charter.sorts["target"]:
        assert constructor.name + "(" in err
    assert "forces(state, deployment)" in err


def test_an_unknown_event_lists_the_events_too():
    _, _, err = run("query", "--event", "rebelion(ecowas, mali)")
    assert "note: the events: rebellion(armed_group, state) | " in err


def test_explain_with_the_charter_first_says_the_goal_comes_first():
    code, _, err = run("explain", "charter.dsl", "must assist(mali, niger)")
    assert code == 2
    assert "the goal comes first, then the charter" in err and "--charter charter.dsl" in err


def test_an_unknown_interpretation_lists_the_interpretations(charter):
    code, _, err = run("query", "--interpretation", "rebelion_is_attack=on")
    assert code == 2
    assert "note: the interpretations: rebellion_is_attack | " in err
    for name in charter.interpretations:
        assert name in err


def test_find_with_the_charter_first_says_the_goal_comes_first():
    code, _, err = run("find", "charter.dsl", "some party violates 8")
    assert code == 2
    assert "the goal comes first, then the charter: charterlogic find 'some party violates 8' " \
        "charter.dsl" in err


@pytest.mark.parametrize("command", [["check"], ["query"], ["timeline"], ["vocab"],
                                     ["explain", "must assist(mali, niger)"],
                                     ["find", "must assist(mali, niger)"]])
def test_every_command_takes_the_charter_as_an_option(command, tmp_path):
    code, _, err = run(*command, "--charter", str(tmp_path / "missing.dsl"))
    assert code == 2 and "no such file" in err and "missing.dsl" in err
