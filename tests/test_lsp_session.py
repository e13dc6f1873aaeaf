"""The language server's answers (lsp/session.py, lsp/completion.py), without the protocol: these
run without the lsp extra; tests/test_lsp.py drives the same answers over stdio."""

from __future__ import annotations

from pathlib import Path

from charterlogic.lsp.completion import complete
from charterlogic.lsp.session import Session, findings_on_norms
from charterlogic.smt.solver import Limits
from helpers import MINI_CHARTER

ROOT = Path(__file__).resolve().parent.parent
CHARTER = (ROOT / "charter.dsl").read_text(encoding="utf-8")
PATH = "/work/charter.dsl"


def at(text: str, line_containing: str, word: str, skip: int = 0) -> tuple[int, int]:
    """(line, column), from 1, of `word` on the first line holding `line_containing`."""
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if line_containing in line)
    return number + 1, lines[number].index(word) + 1 + skip


def opened(text: str = CHARTER) -> Session:
    session = Session()
    assert session.update(PATH, text).diagnostics == []
    return session


def test_navigation_still_works_while_the_charter_has_errors() -> None:
    session = opened()
    broken = CHARTER.replace('"{q} is a party" :=', '"{q} is a party" := zz and', 1)
    document = session.update(PATH, broken)
    assert [d.code for d in document.diagnostics] == ["E104"]
    assert session.definition(PATH, *at(broken, "when aggression(x, p) and party(p)",
                                        "aggression"))


def test_a_variable_goes_to_its_binder_and_its_references_stay_in_its_clause() -> None:
    session = opened()
    line, column = at(CHARTER, "must assist(q, p)", "assist(q", len("assist("))
    binder = session.definition(PATH, line, column)
    assert binder is not None
    assert (binder.span.line, binder.span.column) == at(CHARTER, "norm collective_assistance",
                                                         "q other")
    found = session.references(PATH, line, column)
    assert len(found) == 3  # every party q, assist(q, p), q = x: in this norm only
    assert all(f.span.line in range(line, line + 3) for f in found)


def test_hover_on_an_article_label_and_an_interpretation() -> None:
    session = opened()
    text, _ = session.hover(PATH, *at(CHARTER, 'article 6 "Collective defence"', "6"))
    assert text.startswith("**Art. 6** Collective defence\n\nAny attack on the sovereignty")
    text, _ = session.hover(PATH, *at(CHARTER, "unless defence_against_party_prevails and q = x",
                                      "defence_against"))
    assert "options: `on`, `off`; by default **on**" in text
    assert "Art. 8(a) is a promise between parties" in text


def test_a_scenario_file_is_read_against_the_shipped_charter_or_the_one_it_names(
        tmp_path: Path) -> None:
    session = Session()
    text = 'scenario "s" {\n  on 2024-01-01\n  fact attack(chad, territory(niger))\n}\n'
    [problem] = session.update(str(tmp_path / "a.scenario"), text).diagnostics
    assert (problem.code, problem.message) == ("E101", "unknown name `chad`")
    (tmp_path / "mine.dsl").write_text(CHARTER.replace('party niger "Niger"', ""),
                                       encoding="utf-8")
    named = "# charter: mine.dsl\n" + text.replace("chad", "mali")
    problems = session.update(str(tmp_path / "b.scenario"), named).diagnostics
    assert [p.message for p in problems] == ["unknown name `niger`"]
    assert problems[0].suggestion is None


def test_a_scenario_file_names_a_charter_that_does_not_load(tmp_path: Path) -> None:
    session = Session()
    text = '# charter: missing.dsl\nscenario "s" {\n  on 2024-01-01\n}\n'
    [problem] = session.update(str(tmp_path / "a.scenario"), text).diagnostics
    assert problem.code == "E011" and (problem.span.line, problem.span.column) == (1, 12)


def test_check_findings_land_on_the_norms_involved() -> None:
    session = opened()
    findings = session.check(PATH, Limits(timeout_ms=30_000))
    on = {(d.code, d.span.line) for d in findings}
    assert ("C003", at(CHARTER, "norm collective_assistance", "c")[0]) in on
    assert ("C002", at(CHARTER, "norm no_force:", "n")[0]) in on
    assert all(d.severity.value in ("warning", "note") for d in findings)
    assert findings_on_norms  # the function the server calls with check's report


def test_completion_after_a_modality_and_in_a_scenario(charter) -> None:
    session = opened()
    vocabulary = session.vocabulary(session.documents[PATH])
    text = 'article 9 "t" {\n  norm n: every party q: must fight'
    assert [i.label for i in complete(text, len(text), vocabulary)] == [
        "fight_terrorism", "fight_organised_crime"]
    text = 'scenario "s" {\n  on 2024-01-01\n  actor chad: state\n  fact attack(chad, forces('
    labels = [i.label for i in complete(text, len(text), vocabulary, scenario=True)]
    assert labels == [n for n, a in charter.actors.items() if a.kind == "state"]
    assert {"burkina_faso", "mali", "niger"} <= set(labels)
    text = 'scenario "s" {\n  on 2024-01-01\n  '
    labels = {i.label for i in complete(text, len(text), vocabulary, scenario=True)}
    assert {"actor", "fact", "expect", "interpretation", "unknown", "not", "on"} <= labels
    text = 'scenario "s" {\n  interpretation '
    labels = [i.label for i in complete(text, len(text), vocabulary, scenario=True)]
    assert labels[:2] == ["rebellion_is_attack", "airspace_violation_is_attack"]


def test_the_outline_is_by_article() -> None:
    session = opened()
    outline = session.symbols(PATH)
    articles = [s for s in outline if s.kind == "article"]
    assert [a.name for a in articles[:2]] == ["Art. 1 Establishment", "Art. 2 Purpose"]
    paragraphs = articles[7].children
    assert [p.name for p in paragraphs] == ["(a)", "(b)", "(c)", "(d)"]
    assert [c.name for c in paragraphs[1].children] == ["no_blockade"]


def test_an_article_cited_by_a_scenario_goes_to_the_charter_and_hovers_with_its_text() -> None:
    session = Session()
    text = ('scenario "s" {\n  on 2024-01-01\n  actor chad: state\n'
            '  fact attack(chad, territory(niger))\n'
            '  expect no violation by mali of article 6\n}\n')
    path = "/work/a.scenario"
    assert session.update(path, text).diagnostics == []
    found = session.definition(path, 5, 42)
    assert found is not None and found.path.endswith("charter.dsl")
    assert (found.span.line, found.span.column) == at(CHARTER, 'article 6 "Collective', "6")
    hovered, span = session.hover(path, 5, 42)
    assert hovered.startswith("**Art. 6** Collective defence")
    assert (span.line, span.column) == (5, 42)


def test_hover_on_a_norm_of_a_paragraph_cites_the_paragraph() -> None:
    session = opened()
    text, _ = session.hover(PATH, *at(CHARTER, "norm no_blockade", "no_blockade"))
    assert "Art. 8(b), Non-aggression among parties" in text


def test_unused_vocabulary_comes_as_typed_and_once_after_check() -> None:
    text = MINI_CHARTER.replace(
        "act help(", "event threatened(victim: state)\nact help(").replace(
        "  norm help_duty:",
        "  norm refrain: every party q other than p: must not help(q, p) when attacked(p)\n"
        "  norm help_duty:")
    session = Session()
    document = session.update(PATH, text)
    # C005 needs no solver: it is published on open and change, with the loading diagnostics
    [unused] = document.diagnostics
    assert (unused.code, unused.severity.value) == ("C005", "warning")
    assert unused.message == "event `threatened` is declared but no clause uses it"
    assert (unused.span.line, unused.span.column) == at(text, "event threatened", "threatened")
    # a warning does not keep check from running on save, and check does not repeat it
    findings = session.check(PATH, Limits(timeout_ms=30_000))
    assert "C001" in {d.code for d in findings}
    assert "C005" not in {d.code for d in findings}


def test_completion_of_a_readings_options() -> None:
    session = opened()
    vocabulary = session.vocabulary(session.documents[PATH])
    options = ["party", "sahel_field_states", "any_state"]
    # in a scenario, after `interpretation NAME`: its options, not on/off
    text = 'scenario "s" {\n  on 2024-01-01\n  interpretation field_country '
    items = complete(text, len(text), vocabulary, scenario=True)
    assert [i.label for i in items] == options
    assert [i.detail for i in items][1] == "option of field_country, the default"
    text = 'scenario "s" {\n  interpretation rebellion_is_attack '
    assert [i.label for i in complete(text, len(text), vocabulary, scenario=True)] == [
        "on", "off"]
    # in a condition, after `NAME =` or `NAME !=`: its options, not actors nor constructors
    text = 'article 9 "t" {\n  define d(v: state) := field_country = '
    assert [i.label for i in complete(text, len(text), vocabulary)] == options
    text = 'article 9 "t" {\n  define d(v: state) := field_country != sa'
    assert [i.label for i in complete(text, len(text), vocabulary)] == ["sahel_field_states"]
    # any other comparison still offers the values
    text = 'article 9 "t" {\n  define d(v: state) := v = '
    assert "mali" in {i.label for i in complete(text, len(text), vocabulary)}


def test_a_readings_option_hovers_and_goes_to_its_declaration() -> None:
    session = opened()
    use = at(CHARTER, "or (field_country = sahel_field_states and", "sahel_field_states")
    text, _ = session.hover(PATH, *use)
    assert "interpretation field_country: sahel_field_states" in text
    assert "option `sahel_field_states` of the reading `field_country`, the default" in text
    assert "Reading (2), the Sahel security usage" in text
    declared = at(CHARTER, '  | sahel_field_states "Reading (2)', "sahel_field_states")
    found = session.definition(PATH, *use)
    assert found is not None and (found.span.line, found.span.column) == declared
    assert [(r.span.line, r.span.column) for r in session.references(PATH, *use)] == [
        declared, at(CHARTER, "default sahel_field_states", "sahel_field_states"), use]
    # the option `party` is not the definition `party`, nor is the definition the option
    option = at(CHARTER, "(field_country = party and party(v))", "party and")
    definition = at(CHARTER, "(field_country = party and party(v))", "party(v)")
    assert session.definition(PATH, *option).span.line == at(CHARTER, '    party "Reading (1)',
                                                             "party")[0]
    assert session.definition(PATH, *definition).span.line == at(
        CHARTER, "define party(q: state)", "party")[0]
    assert option not in {(r.span.line, r.span.column)
                          for r in session.references(PATH, *definition)}


def test_a_scenario_switch_goes_to_the_option_and_an_actor_hovers_with_its_article() -> None:
    session = Session()  # read against the shipped charter
    text = ('scenario "s" {\n  on 2024-01-01\n  interpretation field_country any_state\n'
            '  actor g: armed_group\n}\n')
    path = "/work/a.scenario"
    assert session.update(path, text).diagnostics == []
    found = session.definition(path, 3, 33)
    assert found is not None and found.path.endswith("charter.dsl")
    assert (found.span.line, found.span.column) == at(CHARTER, '  | any_state "Reading (3)',
                                                       "any_state")
    hovered, _ = session.hover(path, 3, 33)
    assert "option `any_state` of the reading `field_country`" in hovered
    hovered, _ = session.hover(path, 4, 9)
    assert hovered.endswith("an actor, an armed_group")
