"""The parser and resolver: what they accept, and the located message for each kind of error."""

from __future__ import annotations

import pytest

from charterlogic.model import types as m
from charterlogic.model.from_syntax import resolve_charter
from charterlogic.syntax.diagnostics import CharterError, render_all
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source

PRELUDE = """
charter "Test" { signed 2023-09-16 in_force 2023-09-16 }
kind state
kind armed_group
party alpha "Alpha"
party beta "Beta"
sort target = territory(state) | ships(state)
event attack(attacker: actor, target: target)
act assist(helper: state, victim: state)
act strike(striker: state, victim: actor)
interpretation wide off "a test reading"
"""


def load(text: str) -> m.Charter:
    source = Source("test.dsl", PRELUDE + text)
    return resolve_charter(parse(source), source)


def errors(text: str) -> list[tuple[str, str, int, int]]:
    """(code, message, line, column) of every diagnostic, lines counted in `text` itself."""
    with pytest.raises(CharterError) as caught:
        load(text)
    offset = PRELUDE.count("\n")
    return [(d.code, d.message, d.span.line - offset, d.span.column)
            for d in caught.value.diagnostics]


def rendered(text: str) -> str:
    with pytest.raises(CharterError) as caught:
        load(text)
    return render_all(caught.value.diagnostics, caught.value.sources)


def test_a_small_charter_resolves_with_typed_variables():
    charter = load("""
article 1 "Defence" {
  define aggression(x: actor, p: state) := attack(x, territory(p))
  norm help: every party q other than p: must assist(q, p) when aggression(x, p) and party(p)
  define party(q: state) := signatory(q)
}
""")
    norm = charter.norms["help"]
    assert norm.modality is m.Modality.OBLIGED
    assert [(v.name, v.sort) for v in norm.parameters] == [("q", "state"), ("p", "state")]
    assert str(norm.citation) == "Art. 1"


def test_unknown_name_with_did_you_mean_and_caret():
    text = """
article 1 "A" {
  define hit(p: state) := attack(alpha, territory(bta))
}
"""
    assert errors(text) == [("E101", "unknown name `bta`", 3, 51)]
    assert "^^^ did you mean `beta`?" in rendered(text)


def test_misspelt_constant_is_not_silently_a_variable():
    found = errors('article 1 "A" {\n  define hit(p: state) := attack(alhpa, territory(p))\n}\n')
    assert found[0][:2] == ("E101", "unknown name `alhpa`")


def test_unknown_predicate_with_suggestion():
    text = 'article 1 "A" {\n  define hit(p: state) := atack(alpha, territory(p))\n}\n'
    assert errors(text)[0][:2] == ("E104", "unknown predicate `atack`")
    assert "did you mean `attack`?" in rendered(text)


def test_wrong_number_of_arguments():
    text = 'article 1 "A" {\n  define hit(p: state) := attack(alpha)\n}\n'
    assert errors(text) == [("E102", "`attack` takes 2 arguments, but 1 is given", 2, 27)]


def test_argument_of_the_wrong_kind():
    text = """
actor rebels "Rebels": armed_group
article 1 "A" {
  define hit := attack(alpha, territory(rebels))
}
"""
    code, message, *_ = errors(text)[0]
    assert code == "E103"
    assert message == "`rebels` is an armed_group, but a state is expected in `territory`"


def test_duplicate_articles():
    found = errors('article 1 "A" { }\narticle 1 "B" { }\n')
    assert found == [("E105", "article `1` appears twice", 2, 1)]


def test_impossible_date():
    found = errors('article 1 "A" {\n  date deadline = 2023-02-30\n}\n')
    assert found == [("E010", "impossible date `2023-02-30`", 2, 19)]


def test_cyclic_definitions():
    text = """
article 1 "A" {
  define a(p: state) := b(p)
  define b(p: state) := a(p)
}
"""
    assert [e[0] for e in errors(text)] == ["E106"]
    assert "cycle: a -> b -> a" in errors(text)[0][1]


def test_every_error_is_reported_in_one_run():
    text = """
article 1 "A" {
  define hit(p: state) := atack(alpha, territory(p))
  norm n: every party q: must assist(q) when hit(q)
  date d = 2023-13-01
}
"""
    assert sorted(e[0] for e in errors(text)) == ["E010", "E104", "E104"]


def test_norm_action_must_be_an_act_whose_first_argument_is_the_holder():
    found = errors('article 1 "A" {\n  norm n: every state q: must attack(q, territory(q))\n}\n')
    assert found[0][0] == "E109"
    found = errors('article 1 "A" {\n  norm n: every state q: must assist(alpha, q)\n}\n')
    assert found[0][0] == "E110"


def test_unverified_clause_label_must_be_marked():
    assert errors('article accession "Accession" { }\n')[0][0] == "E112"
    charter = load('article accession "Accession" unverified { }\n')
    assert str(charter.articles[0].citation) == "Accession clause (art. no. unverified)"


def test_extension_widens_a_definition_with_its_own_citation():
    charter = load("""
article 6 "A" { define hit(x: actor, p: state) := attack(x, territory(p)) }
article 7 "B" { extend hit(y, s) := attack(y, ships(s)) }
""")
    clauses = charter.definitions["hit"].clauses
    assert [str(c.citation) for c in clauses] == ["Art. 6", "Art. 7"]
    assert clauses[1].body == m.EventAtom("attack", (
        m.Var("x", "actor"), m.Cons("ships", (m.Var("p", "state"),), "target")))


def test_priority_needs_norms_on_the_same_act():
    text = """
article 1 "A" {
  norm a: every state q: may strike(q, r) when signatory(r)
  norm b: every state q: must assist(q, r) when signatory(r)
  priority a over b
}
"""
    assert errors(text)[0][0] == "E113"


def test_a_variable_only_the_exception_uses_reads_for_some():
    charter = load("""
article 1 "A" {
  norm a: every state q: must not strike(q, r) when signatory(r)
    unless wide and attack(r, territory(p))
}
""")
    exception = charter.norms["a"].exception
    assert isinstance(exception, m.Quantified) and exception.variable.name == "p"
