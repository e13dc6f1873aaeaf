"""Rendering: reports -> text and JSON, pure and byte-stable.

On the small charter helpers.DEFENCE: green, a state the charter does not name, attacks blue.
"""

from __future__ import annotations

import json

import pytest

from charterlogic import api
from charterlogic.analyses.derivation import Step
from charterlogic.analyses.query import QueryReport
from charterlogic.model import types as m
from charterlogic.render import answers as render
from charterlogic.render import plain
from charterlogic.render import suite as render_suite
from charterlogic.testing.coverage import ArticleCoverage, Coverage, NormCoverage
from helpers import DEFENCE

ARTICLE_1 = m.Citation(1, "Defence", True)
UNVERIFIED = m.Citation("decisions", "Decisions", False)


@pytest.fixture(scope="module")
def charter() -> m.Charter:
    return api.load_charter_text(DEFENCE, "defence.dsl")


@pytest.fixture(scope="module")
def report(charter: m.Charter) -> QueryReport:
    scenario = api.scenario_from_flags(charter, event=["attack(green, territory(blue))"],
                                       actor=["green:state"], on="2024-01-01")
    return api.query(charter, scenario)


def test_json_is_indented_keeps_unicode_and_ends_with_a_newline() -> None:
    assert render.to_json({"b": "Côte d'Ivoire", "a": [1]}) == (
        '{\n  "b": "Côte d\'Ivoire",\n  "a": [\n    1\n  ]\n}\n')
    assert render.json_array([render.to_json({"x": 1}), render.to_json({"y": 2})]) == (
        '[\n  {\n    "x": 1\n  },\n  {\n    "y": 2\n  }\n]\n')


def test_a_citation_says_whether_its_number_is_verified() -> None:
    assert render.citation_json(ARTICLE_1) == {
        "label": "1", "paragraph": None, "title": "Defence", "verified": True, "text": "Art. 1"}
    assert render.citation_json(UNVERIFIED) == {
        "label": "decisions", "paragraph": None, "title": "Decisions", "verified": False,
        "text": "Decisions clause (art. no. unverified)"}


def test_a_step_as_json_has_its_article_and_children_only_when_it_has_them() -> None:
    fact = Step("fact", "attack(green, territory(blue))")
    step = Step("definition", "aggression(green, blue)", ARTICLE_1, (fact,))
    assert render.step_json(step) == {
        "kind": "definition", "text": "aggression(green, blue)",
        "article": render.citation_json(ARTICLE_1),
        "children": [{"kind": "fact", "text": "attack(green, territory(blue))"}]}


def test_a_definition_met_again_is_not_expanded_twice() -> None:
    party = Step("definition", "party(blue)", ARTICLE_1, (Step("test", "signatory(blue)"),))
    lines = render.derivation_lines([party, Step("binding", "p = blue", None, (party,))], "> ")
    assert lines == ["> - party(blue)  [Art. 1]", ">   - signatory(blue)",
                     "> - where p = blue", ">   - party(blue)  [Art. 1] (as above)"]


def test_names_and_acts_read_as_words(charter: m.Charter) -> None:
    assert render.display(charter, "blue") == "Blue"  # a party's display name
    assert render.display(charter, "inside_alliance_area") == "inside alliance area"
    assert render.describe(charter, "assist", ["red", "blue"]) == "Red assists Blue"
    assert render.describe(charter, "use_force", ["red", "green", "inside"]) == ""  # no template


@pytest.mark.parametrize(("wording", "phrase"), [
    ("{who} assists {whom}", "assist Blue"), ("{who} notifies {whom}", "notify Blue"),
    ("{who} goes to {whom}", "go to Blue"), ("{who} reaches {whom}", "reach Blue"),
    ("{who} has {whom} in custody", "have Blue in custody"), ("{who} is {whom}", "be Blue"),
    ("{who} passes {whom}", "pass Blue"),
])
def test_an_act_after_a_modal_reads_in_the_base_form(wording: str, phrase: str) -> None:
    charter = api.load_charter_text(
        f'kind state\nparty red "Red"\nparty blue "Blue"\n'
        f'act act(who: state, whom: state) "{wording}"\n')
    assert plain.act_phrase(charter, "act(red, blue)") == phrase


def test_query_text_lists_each_holder_s_answers_with_articles(
        charter: m.Charter, report: QueryReport) -> None:
    text = render.query_text(charter, report)
    assert text.startswith("scenario: command line, on 2024-01-01\n  actor green: state\n")
    assert "Red:\n  Red MUST assist Blue (Art. 1): Green attacks territory of Blue" in text
    assert "      must assist(red, blue), by assistance [Art. 1]\n" in text
    assert "Blue:\n  Blue MAY " in text
    assert "      may use_force(blue, green, inside), by defence [Art. 1]\n" in text
    assert "standing norms in force, triggered by no event (4 instances): no_force [Art. 2]" in text
    assert text.endswith("violations: none shown by the scenario\n")
    assert render.query_text(charter, report) == text  # the same report, the same bytes


def test_query_json_carries_the_answers_and_their_derivations(
        charter: m.Charter, report: QueryReport) -> None:
    data = json.loads(render.query_json(charter, report))
    assert data["schema"] == "charterlogic.query/2"
    assert data["charter"] == {"title": "Defence", "path": "defence.dsl"}
    assert data["scenario"]["interpretations"] == {"defence_prevails": "on"}
    duty = data["answers"][0]
    assert (duty["holder"], duty["modality"], duty["action"]["text"], duty["status"]) == (
        "red", "obliged", "assist(red, blue)", "holds")
    assert duty["triggered_by"] == ["attack(green, territory(blue))"]
    assert duty["derivation"] == [render.step_json(s) for s in report.answers[0].derivation]
    assert data["violations"] == []


def test_coverage_text_marks_what_the_suite_misses(charter: m.Charter) -> None:
    table = Coverage(charter, 2, (ArticleCoverage(ARTICLE_1, (
        NormCoverage("assistance", ("a.scenario:1",), ("a.scenario:5",)),
        NormCoverage("defence", ("a.scenario:1",), ()),
        NormCoverage("no_force", (), ()),
    )),))
    text = render_suite.coverage_text(table)
    assert "  Art. 1: 2 scenarios\n" in text
    assert "    defence                    fires in   1, silent in   0   <- NOT SEEN SILENT" in text
    assert "<- NOT EXERCISED" in text
    assert text.endswith("1 of 3 norms exercised both firing and silent; "
                         "missing: defence, no_force\n")
    data = json.loads(render_suite.coverage_json(table))
    assert data["uncovered"] == ["defence", "no_force"]
    assert data["articles"][0]["article"] == render.citation_json(ARTICLE_1)


@pytest.mark.parametrize("text, sentence", [
    ("2023-08-15 >= 2023-09-16", "15 August 2023 is on or after 16 September 2023"),
    ("today (2025-04-01) >= 2023-09-16", "today (1 April 2025) is on or after 16 September 2023"),
    ("not (today (2025-04-01) >= date of denounce(niger) (2025-01-01) + 6 months (2025-07-01))",
     "today (1 April 2025) is before date of denounce(niger) (1 January 2025) + 6 months "
     "(1 July 2025)"),
])
def test_a_date_comparison_reads_as_a_sentence(charter: m.Charter, text: str,
                                                sentence: str) -> None:
    assert plain.step_sentence(charter, None, Step("date", text)) == sentence


def test_a_reading_that_fails_is_not_one_relied_on(charter: m.Charter) -> None:
    def said(text: str) -> str:
        return plain.step_sentence(charter, None, Step("interpretation", text))

    assert said("interpretation entry_into_force_on (signature), not ratification") == \
        "the interpretation entry_into_force_on is signature, not ratification"
    assert said("interpretation rebellion_is_attack (off), not on") == \
        "the interpretation rebellion_is_attack is off"
    assert said("interpretation rebellion_is_attack (on)") == \
        "relying on the interpretation rebellion_is_attack (on)"


def test_a_definition_reads_in_its_wording_and_by_its_name_without_one(
        charter: m.Charter) -> None:
    worded = api.load_charter_text(
        DEFENCE.replace('define aggression(x: actor, p: state) :=',
                        'define aggression(x: actor, p: state) "{x} attacks {p}" :='),
        "worded.dsl")

    def said(on: m.Charter, text: str, settled: bool = True) -> str:
        return plain.step_sentence(on, None, Step("definition", text), settled=settled)

    assert said(worded, "aggression(green, blue)") == "Green attacks Blue"
    assert said(worded, "not aggression(green, blue)") == \
        "it is not the case that Green attacks Blue"
    assert said(worded, "aggression(green, blue)", settled=False) == "whether Green attacks Blue"
    # the same definition without a wording: its name, its arguments, and yes or no
    assert said(charter, "aggression(green, blue)") == "aggression(Green, Blue): yes"
    assert said(charter, "not aggression(green, blue)") == "aggression(Green, Blue): no"
    assert worded.definitions["aggression"].description == "{x} attacks {p}"
    assert charter.definitions["aggression"].description == ""


def test_a_leaf_said_once_per_hidden_binding_is_shown_once() -> None:
    # a failed `some p: reading and ...` fails on the reading for each p: with the bindings
    # left out, the same line would stand once per p
    reading = Step("interpretation", "interpretation self_defence_excepted (off)")
    fact = Step("fact", "attack(chad, territory(niger))")
    steps = (Step("binding", "p = mali", None, (reading,)),
             Step("binding", "p = niger", None, (reading, fact)),
             Step("norm", "help", ARTICLE_1, (fact, fact)))
    lines = render.tree_lines(steps, "", lambda step: step.text,
                              lambda step: step.kind == "binding")
    assert lines == ["- interpretation self_defence_excepted (off)",
                     "- attack(chad, territory(niger))", "- help",
                     "  - attack(chad, territory(niger))"]
