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

import random
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
    for atom in flags.unknowns:  # open; its date, if read, is the scenario's day
        lines += [f"{{ {atom} }}.", f"start({atom}, {date(flags.on)}).",
                  f"effective({atom}, {six_months_after(flags.on)})."]
    return "\n".join(lines)


def query(base: str, flags: Flags) -> dict[str, str]:
    """Every obliged/permitted/forbidden act of the scenario: `holds` or `depends`."""
    return _solve(base + "\n" + scenario(flags))


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


# ---- the shipped charter ------------------------------------------------------------------------
#
# charter.dsl written by hand in ASP, article by article, with the default interpretations as
# `on(...)` facts (the on/off readings that are on) and `opt(...)` facts (the other readings'
# options). Dates are `date()` numbers; "date of denounce(q) + 6 months" is computed when the
# scenario's facts are written (`effective/2`), with the charter's rule for a day the sixth month
# lacks (the first day of the month after).

SHIPPED = """
kind(burkina_faso, state). kind(mali, state). kind(niger, state). kind(ecowas, organisation).
kind(algeria, state). kind(mauritania, state).
signatory(burkina_faso). signatory(mali). signatory(niger).
actor(X) :- kind(X, _).
state(X) :- kind(X, state).
group(X) :- kind(X, armed_group).
group(X) :- kind(X, mercenaries).
area(inside_alliance_area). area(outside_alliance_area).
signature(SIGNATURE).
% the dates of facts, and "date of A + 6 months" (effective/2), are written with the scenario
% Art. 1, entry into force, denunciation, Art. 11: who is a party on the day
in_force :- opt(entry_into_force_on, signature), today(T), signature(E), T >= E.
in_force :- opt(entry_into_force_on, ratification), not unratified.
unratified :- signatory(R), not ratify(R).
party(Q) :- in_force, signatory(Q), not withdrawn(Q).
party(Q) :- in_force, acceded(Q), not withdrawn(Q).
addressee(R, Q) :- state(R), state(Q), R != Q, signatory(R).
addressee(R, Q) :- state(R), state(Q), R != Q, on(notice_to_acceded_parties), acceded(R).
unnotified(Q) :- addressee(R, Q), not notify_denunciation(Q, R).
released(Q) :- on(released_at_notice), denounce(Q).
released(Q) :- effective(denounce(Q), D), today(T), T >= D.
withdrawn(Q) :- denounce(Q), start(denounce(Q), S), signature(E), S >= E, not unnotified(Q),
    released(Q).
eligible(S) :- accession_request(S), state(S), not signatory(S), shares_realities(S),
    accepts_objectives(S).
% r had left before the decision on s: its notice had run by the decision's day
gone(R, S) :- denounce(R), effective(denounce(R), D), start(accession_decision(S), A), D <= A.
voter(R, S) :- state(R), accession_decision(S), R != S, in_force, signatory(R), not gone(R, S).
voter(R, S) :- state(R), accession_decision(S), R != S, in_force, accepted_by_signatories(R),
    start(accession_decision(R), B), start(accession_decision(S), A), B < A, not gone(R, S).
refused_by_signatory(S) :- accession_decision(S), signatory(R), not approve_accession(R, S),
    not gone(R, S).
accepted_by_signatories(S) :- accession_decision(S), eligible(S), not refused_by_signatory(S).
missing(S) :- voter(R, S), not approve_accession(R, S).
acceded(S) :- accession_decision(S), eligible(S), not missing(S).
% Art. 4
obliged(fight_terrorism(Q)) :- party(Q).
obliged(fight_organised_crime(Q)) :- party(Q).
obliged(counter(Q, X)) :- party(Q), terrorism(X, P), party(P).
obliged(counter(Q, X)) :- party(Q), organised_crime(X, P), party(P).
% Art. 5
rebellion_or_threat(X, P) :- rebellion(X, P), X != P.
rebellion_or_threat(X, P) :- threat(X, P), X != P.
obliged(settle(Q, X, P)) :- party(Q), rebellion_or_threat(X, P), party(P), Q != X.
permitted(use_force(Q, X, inside_alliance_area)) :- party(Q), rebellion_or_threat(X, P),
    party(P), force_necessary(X, P), Q != X.
aggression(X, P) :- on(rebellion_is_attack), rebellion(X, P), state(P).
% Arts. 6 and 7: what an attack must be aimed at to be an aggression against p
targeted(territory(P), P) :- state(P).
targeted(sovereignty(P), P) :- state(P).
targeted(airspace(P), P) :- state(P), on(airspace_violation_is_attack).
targeted(forces(P, deployed_in_area), P) :- state(P).
targeted(forces(P, national_capacity_abroad), P) :- state(P).
targeted(forces(P, mission_abroad), P) :- state(P), on(mission_forces_covered).
targeted(ships(P), P) :- state(P).
targeted(aircraft(P), P) :- state(P).
aggression(X, P) :- attack(X, T), targeted(T, P), X != P.
obliged(assist(Q, P)) :- party(Q), Q != P, aggression(X, P), party(P),
    not against_itself(Q, X).
against_itself(Q, Q) :- on(defence_against_party_prevails), party(Q).
force_area(inside_alliance_area).
force_area(A) :- area(A), not on(force_limited_to_area).
permitted(use_force(Q, X, A)) :- party(Q), aggression(X, P), party(P), force_area(A), Q != X.
% Art. 8(a)
protected(T, R) :- targeted(T, R).
protected(political_independence(R), R) :- state(R).
aggressor(R) :- on(defence_against_party_prevails), aggression(R, P), party(P), P != R.
forbidden(attack(Q, T)) :- party(Q), protected(T, R), party(R), R != Q, not aggressor(R).
forbidden(threaten(Q, R)) :- party(Q), party(R), R != Q.
forbidden(use_force(Q, R, A)) :- party(Q), party(R), R != Q, area(A),
    not defended(Q, R, A, defence_against_party_prevails).
defended(Q, R, A, C) :- on(C), permitted(use_force(Q, R, A)).
% Art. 8(b)
forbidden(blockade(Q, R, armed_forces)) :- party(Q), party(R), R != Q.
% Art. 8(c): force launched from a territory that another party made available
forbidden(use_force(Q, V, A)) :- party(Q), hosts(H, Q), launched_from(Q, V, H), party(H), H != Q,
    state(V), V != Q,
    area(A), not defended(Q, V, A, defence_is_not_aggression).
% Art. 8(d)
field_state(algeria). field_state(burkina_faso). field_state(mali). field_state(mauritania).
field_state(niger).
field(V) :- opt(field_country, party), party(V).
field(V) :- opt(field_country, sahel_field_states), field_state(V).
field(V) :- opt(field_country, any_state), state(V).
forbidden(allow_attack(Q, G, V)) :- party(Q), group(G), field(V), V != Q.
% decisions, accession, denunciation
permitted(consent(Q, M)) :- party(Q), proposed(M).
permitted(approve_accession(Q, S)) :- party(Q), accession_request(S), state(S), not signatory(S),
    Q != S.
permitted(denounce(Q)) :- party(Q).
obliged(notify_denunciation(Q, R)) :- party(Q), denounce(Q), addressee(R, Q).
""".replace("SIGNATURE", str(date("2023-09-16")))

#: The default readings: the on/off readings that are on, and the option of each other reading.
SHIPPED_DEFAULTS = ("force_limited_to_area", "defence_against_party_prevails",
                    "defence_is_not_aggression")
SHIPPED_OPTIONS = (("field_country", "sahel_field_states"), ("entry_into_force_on", "signature"))


def six_months_after(text: str) -> int:
    """`date(text) + 6 months` by the charter's rule: a day the sixth month lacks gives the first
    day of the month after."""
    import calendar

    year, month, day = (int(part) for part in text.split("-"))
    months = year * 12 + month - 1 + 6
    year, month = divmod(months, 12)
    if day > calendar.monthrange(year, month + 1)[1]:
        months, day = months + 1, 1
    return months * 100 + day


def shipped_scenario(flags: Flags) -> str:
    """A scenario of the shipped charter as facts: its actors' kinds, the true facts with their
    start days (and the day six months on), unknown facts as choices."""
    lines = [f"today({date(flags.on)}).", *(f"on({name})." for name in SHIPPED_DEFAULTS),
             *(f"opt({name}, {option})." for name, option in SHIPPED_OPTIONS)]
    for actor in flags.actors:
        name, kind = actor.split(":")
        lines.append(f"kind({name}, {kind}).")
    for event in flags.events:
        found = _FROM.match(event)
        atom, start = (found.group(1), found.group(2)) if found else (event, flags.on)
        if date(start) > date(flags.on):
            continue  # a fact holds from its start: not yet on the scenario's day
        lines += [f"{atom}.", f"start({atom}, {date(start)}).",
                  f"effective({atom}, {six_months_after(start)})."]
    for atom in flags.unknowns:  # open; its date, if read, is the scenario's day
        lines += [f"{{ {atom} }}.", f"start({atom}, {date(flags.on)}).",
                  f"effective({atom}, {six_months_after(flags.on)})."]
    return "\n".join(lines)


def shipped_query(flags: Flags) -> dict[str, str]:
    """Every obliged/permitted/forbidden act of a scenario of the shipped charter."""
    return _solve(SHIPPED + "\n" + shipped_scenario(flags))


def _solve(text: str) -> dict[str, str]:
    text += "\n#show obliged/1. #show permitted/1. #show forbidden/1."
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


README_QUERY = Flags(("attack(chad, territory(niger))",), (), (), ("chad:state",), "2024-01-01")

SHIPPED_PARTIES = ("burkina_faso", "mali", "niger")
# several declared actors per scenario, as real questions have (issue 15)
SHIPPED_ACTORS = ("chad:state", "nigeria:state", "togo:state", "jnim:armed_group",
                  "wagner:mercenaries", "m1:measure")


def shipped_scenarios(count: int, seed: int = 0) -> list[Flags]:
    """`count` random scenarios of the shipped charter, each declaring six actors (three
    non-member states, an armed group, a mercenary force, a measure): attacks, rebellions,
    threats, terrorism, bases lent, denunciations (notified or not), accession requests and
    decisions, and proposals, some facts unknown."""
    rng = random.Random(seed)
    parties = list(SHIPPED_PARTIES)
    outsiders = ["chad", "nigeria", "togo", "jnim", "wagner"]
    targets = ["territory({})", "sovereignty({})", "political_independence({})",
               "forces({}, deployed_in_area)", "forces({}, national_capacity_abroad)",
               "forces({}, mission_abroad)", "ships({})", "aircraft({})", "airspace({})"]
    batch = []
    for _ in range(count):
        events: list[str] = []
        unknowns: list[str] = []

        def add(fact: str, may_be_unknown: bool = True,
                events: list[str] = events, unknowns: list[str] = unknowns) -> None:
            if fact not in events and fact not in unknowns:
                (unknowns if may_be_unknown and rng.random() < 0.2 else events).append(fact)

        for _ in range(rng.randint(1, 4)):
            kind = rng.randrange(9)
            who, victim = rng.choice(parties + outsiders), rng.choice(parties)
            if kind <= 2:
                add(f"attack({who}, {rng.choice(targets).format(victim)})")
            elif kind == 3:
                rebel = rng.choice(["jnim", *parties, *outsiders])
                if rebel == "jnim" and rng.random() < 0.5:
                    add(f"rebellion(jnim, {victim})")
                else:
                    add(f"threat({rebel}, {victim})")
                if rng.random() < 0.5:
                    add(f"force_necessary({rebel}, {victim})")
            elif kind == 4:
                add(f"{rng.choice(['terrorism', 'organised_crime'])}({who}, {victim})")
            elif kind == 5:
                if any(e.startswith(f"denounce({victim})") for e in events):
                    continue
                day = rng.choice([1, 15, 28, 31])
                month = rng.randint(1, 12)
                if day == 31 and month in (2, 4, 6, 9, 11):
                    day = 28 if month == 2 else 30
                events.append(f"denounce({victim}) from 202{rng.randint(3, 5)}-{month:02d}-"
                              f"{day:02d}")
                for other in parties:
                    if other != victim and rng.random() < 0.8:
                        add(f"notify_denunciation({victim}, {other})")
            elif kind == 6:
                candidate = rng.choice(["chad", "nigeria", "togo"])
                add(f"accession_request({candidate})", may_be_unknown=False)
                for fact in (f"shares_realities({candidate})", f"accepts_objectives({candidate})"):
                    if rng.random() < 0.8:
                        add(fact)
                if rng.random() < 0.7 and not any(
                        e.startswith(f"accession_decision({candidate})") for e in events):
                    events.append(f"accession_decision({candidate}) from 202{rng.randint(3, 5)}-"
                                  f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
                for voter in parties:
                    if rng.random() < 0.7:
                        add(f"approve_accession({voter}, {candidate})")
            elif kind == 7:
                host = rng.choice(parties)
                add(f"hosts({host}, {victim})")
                base = host if rng.random() < 0.7 else victim  # from the host's, or its own
                add(f"launched_from({victim}, {rng.choice(parties + outsiders)}, {base})")
            else:
                add("proposed(m1)")
        day = f"202{rng.randint(3, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch.append(Flags(tuple(events), (), tuple(unknowns), SHIPPED_ACTORS, day))
    return batch


def answers_of(charter: object, flags: Flags) -> dict[str, str]:
    """charterlogic's answers to a scenario, in the form `shipped_query` gives them."""
    from charterlogic import api

    scenario = api.scenario_from_flags(charter, event=flags.events,  # type: ignore[arg-type]
                                       not_=flags.failures, unknown=flags.unknowns,
                                       actor=flags.actors, on=flags.on)
    found: dict[str, str] = {}
    for answer in api.query(charter, scenario).answers:  # type: ignore[arg-type]
        # one act may be answered by several norms (Art. 8(a) and 8(c) both forbid a use of
        # force): it holds if one of them holds, as a cautious consequence of the union
        act = f"{answer.modality.value}({answer.action})".replace(", ", ",")
        if found.get(act) != "holds":
            found[act] = str(answer.status)
    return found


def shipped_agreement(count: int, seed: int = 0) -> tuple[int, int, list[Flags]]:
    """On how many of the README's query and `count` random scenarios clingo and charterlogic
    agree on the shipped charter; returns (same, total, the scenarios that differ)."""
    from charterlogic import api

    charter = api.load_charter()
    differ = []
    batch = [README_QUERY, *shipped_scenarios(count, seed)]
    for flags in batch:
        if answers_of(charter, flags) != shipped_query(flags):
            differ.append(flags)
    return len(batch) - len(differ), len(batch), differ
