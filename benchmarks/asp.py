"""The synthetic charters' norms in answer-set programming, for clingo (the peer engine).

The program is written by hand from the same shapes as benchmarks/synthetic.py, the way deontic
ASP tools write norms: `obliged(A)`, `permitted(A)`, `forbidden(A)` derived by rules, closed-world
facts, unknown facts as choice rules. An answer *holds* if it is a cautious consequence (true in
every answer set), *depends* if it is only a brave one. Like charterlogic's query, each query
grounds and solves afresh from the program and the scenario's facts; unlike it, clingo gives no
derivation and no article citations, so it computes less per query.

Dates are `month * 100 + day`, with month counted from year 0, so "+ 6 months" is "+ 600" and
order is calendar order (as in charterlogic's encoding).
"""

from __future__ import annotations

import re

import clingo

from synthetic import SHAPES, Flags, charter_text, party_names, random_scenarios

ENTRY = "20230916"


def date(text: str) -> int:
    year, month, day = (int(part) for part in text.split("-"))
    return (year * 12 + month - 1) * 100 + day


BASE = """
state(X) :- party_decl(X).
state(outsider).
actor(X) :- state(X).
signatory(X) :- party_decl(X).
target(territory(P)) :- state(P).
target(sovereignty(P)) :- state(P).
target(forces(P)) :- state(P).
target(aircraft(P)) :- state(P).
in_force :- today(T), entry(E), T >= E.
withdrawn(Q) :- denounce(Q), start(denounce(Q), S), today(T), T >= S + 600.
original_member(R) :- in_force, signatory(R), not withdrawn(R).
missing(S) :- accession_request(S), original_member(R), not approve_accession(R, S).
acceded(S) :- accession_request(S), state(S), not signatory(S), not missing(S).
party(Q) :- in_force, state(Q), signatory(Q), not withdrawn(Q).
party(Q) :- in_force, acceded(Q), not withdrawn(Q).
permitted(approve_accession(Q, S)) :- original_member(Q), accession_request(S), state(S),
    not signatory(S).
permitted(denounce(Q)) :- party(Q).
"""

SHAPE_RULES = {
    "defence": """
aggression_I(X, P) :- attack_I(X, territory(P)), state(P), X != P.
aggression_I(X, P) :- attack_I(X, sovereignty(P)), state(P), X != P.
obliged(assist_I(Q, P)) :- party(Q), party(P), Q != P, aggression_I(X, P), Q != X.
permitted(use_force_I(Q, X)) :- party(Q), aggression_I(X, P), party(P), Q != X.
""",
    "widening": """
aggression_I(X, P) :- attack_I(X, forces(P)), state(P), X != P.
aggression_I(X, P) :- attack_I(X, aircraft(P)), state(P), X != P.
obliged(assist_I(Q, P)) :- party(Q), party(P), Q != P, aggression_I(X, P), Q != X.
""",
    "non_aggression": """
against_I(territory(P), P) :- state(P).
against_I(sovereignty(P), P) :- state(P).
forbidden(attack_I(Q, T)) :- party(Q), against_I(T, R), party(R), R != Q.
respond_I(Q, X) :- party(Q), attack_I(X, territory(P)), party(P), X != Q.
permitted(use_force_I(Q, X)) :- respond_I(Q, X).
forbidden(use_force_I(Q, R)) :- party(Q), party(R), R != Q, not defeated_I(Q, R).
defeated_I(Q, R) :- interpretation(defence_prevails), respond_I(Q, R).
""",
    "notice": """
released_I(Q) :- leave_I(Q), start(leave_I(Q), S), today(T), T >= S + 600.
obliged(notify_I(Q, R)) :- party(Q), leave_I(Q), signatory(R), R != Q, not released_I(Q).
""",
    "accession": """
permitted(admit_I(Q, S)) :- original_member(Q), request_I(S), state(S), not signatory(S).
""",
}


def program(n: int, k: int) -> str:
    """The ASP program of `synthetic.charter_text(n, k)` (without a scenario)."""
    parts = [BASE, f"entry({date('2023-09-16')}).", "interpretation(defence_prevails)."]
    parts += [f"party_decl({name})." for name in party_names(n)]
    for i in range(1, k + 1):
        parts.append(SHAPE_RULES[SHAPES[(i - 1) % len(SHAPES)]].replace("_I", f"_{i}"))
    return "\n".join(parts)


_FROM = re.compile(r"^(.*?)\s+from\s+(\d{4}-\d{2}-\d{2})$")


def scenario(flags: Flags) -> str:
    """The scenario's facts: true facts as facts, unknown ones as choices, the rest absent."""
    lines = [f"today({date(flags.on)})."]
    for event in flags.events:
        found = _FROM.match(event)
        atom, start = (found.group(1), date(found.group(2))) if found else (event, None)
        if start is not None and start > date(flags.on):
            continue  # a fact holds from its start: not yet on the scenario's day
        lines.append(f"{atom}.")
        lines.append(f"start({atom}, {start if start is not None else date(flags.on)}).")
    lines += [f"{{ {atom} }}." for atom in flags.unknowns]
    return "\n".join(lines)


def query(base: str, flags: Flags) -> dict[str, str]:
    """Every obliged/permitted/forbidden act of the scenario: `holds` or `depends`."""
    text = base + "\n" + scenario(flags) + "\n#show obliged/1. #show permitted/1. " \
        "#show forbidden/1."
    found: dict[str, set[str]] = {}
    for mode in ("brave", "cautious"):
        control = clingo.Control(["--warn=none", f"--enum-mode={mode}", "0"])
        control.add("base", [], text)
        control.ground([("base", [])])
        last: list[str] = []
        with control.solve(yield_=True) as handle:
            for model in handle:
                last = [str(symbol) for symbol in model.symbols(shown=True)]
        found[mode] = set(last)
    return {atom: "holds" if atom in found["cautious"] else "depends"
            for atom in sorted(found["brave"])}


def agreement(n: int, k: int, count: int, seed: int = 1) -> tuple[int, int]:
    """On how many of `count` random scenarios clingo and charterlogic give the same answers
    (every obliged, permitted and forbidden act, with its status)."""
    from charterlogic import api
    from charterlogic.model.from_syntax import resolve_charter
    from charterlogic.syntax.parser import parse
    from charterlogic.syntax.source import Source

    source = Source("synthetic.dsl", charter_text(n, k))
    charter = resolve_charter(parse(source), source)
    base = program(n, k)
    same = 0
    for flags in random_scenarios(n, k, count, seed):
        scenario = api.scenario_from_flags(charter, event=flags.events, not_=flags.failures,
                                           unknown=flags.unknowns, actor=flags.actors,
                                           on=flags.on)
        ours = {f"{a.modality.value}({a.action})".replace(", ", ","): a.status
                for a in api.query(charter, scenario).answers}
        same += ours == query(base, flags)
    return same, count
