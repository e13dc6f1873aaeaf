"""Scenarios: a hypothetical day and what happened by then, resolved against a charter.

A scenario comes from a file (`scenario "name" { ... }` blocks, same grammar as the charter) or
from the command line (`--event`, `--not`, `--unknown`, `--actor`, `--on`). Either way it becomes
a `Scenario`: the day, the extra actors, and the status of every fact it states.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..syntax import ast
from ..syntax.diagnostics import (
    CharterError,
    Diagnostic,
    choices_note,
    closest_first,
    did_you_mean,
)
from ..syntax.source import DateError, Source, Span, read_date
from . import types as m
from .facts import AtomFact, AtomKey, FactStatus, Value
from .from_syntax import ExprResolver, Names


@dataclass(frozen=True)
class Scenario:
    """A resolved scenario. `facts` maps atoms (`attack(chad, territory(niger))`) to what it
    states of them."""

    name: str
    today: int
    actors: Mapping[str, str]
    facts: Mapping[AtomKey, AtomFact]
    interpretations: m.Settings
    spans: Mapping[AtomKey, Span] = field(default_factory=dict)
    span: Span | None = None
    #: the interpretations the scenario sets itself (the others follow the charter's defaults)
    switched: frozenset[str] = frozenset()

    def unknowns(self) -> tuple[AtomKey, ...]:
        """The keys of the facts the scenario leaves open, in order."""
        return tuple(k for k, f in self.facts.items() if f.status is FactStatus.UNKNOWN)


def scenario_names(charter: m.Charter, actors: Mapping[str, str]) -> Names:
    """The charter's names, with the scenario's own actors added."""
    names = Names(
        kinds=dict(charter.kinds),
        actors=dict(charter.actors),
        constructors={c.name: c for cs in charter.sorts.values() for c in cs},
        predicates=dict(charter.predicates),
        definitions={name: d.params for name, d in charter.definitions.items()},
        interpretations=dict(charter.interpretations),
        dates=dict(charter.dates),
    )
    for name, kind in actors.items():
        names.actors[name] = m.Actor(name, name, kind)
    return names


def resolve_scenario(charter: m.Charter, node: ast.Scenario, source: Source,
                     settings: m.Settings | None = None) -> Scenario:
    """Resolve one scenario block; `settings` (from the command line) override its switches."""
    problems: list[Diagnostic] = []
    actors = _actors(charter, node.actors, problems)
    resolver = ExprResolver(scenario_names(charter, actors), problems)
    facts, spans = _facts(node.facts, resolver)
    interpretations = charter.default_interpretations()
    first_switch: dict[str, Span] = {}
    for switch in node.switches:
        if switch.name not in interpretations:
            problems.append(Diagnostic("E101", f"unknown interpretation `{switch.name}`",
                                       switch.span, did_you_mean(switch.name, interpretations),
                                       (choices_note("the interpretations", closest_first(
                                           switch.name, interpretations)),)))
            continue
        if switch.name in first_switch:
            problems.append(Diagnostic("E108", f"interpretation `{switch.name}` is switched twice",
                                       switch.span,
                                       notes=(f"first switched at {first_switch[switch.name]}",)))
        first_switch.setdefault(switch.name, switch.span)
        options = charter.interpretations[switch.name].option_names
        if switch.option not in options:
            problems.append(Diagnostic(
                "E118", f"`{switch.option}` is not an option of `{switch.name}`", switch.span,
                did_you_mean(switch.option, options), (f"options: {', '.join(options)}",)))
        interpretations[switch.name] = switch.option
    interpretations.update(settings or {})
    if node.on is None:
        problems.append(Diagnostic("E115", "the scenario has no date", node.span,
                                   "add `on YYYY-MM-DD`"))
    if problems:
        raise CharterError(tuple(problems), {source.name: source})
    assert node.on is not None
    switched = frozenset({s.name for s in node.switches} | set(settings or {}))
    return Scenario(node.name, m.date_number(node.on), actors, facts, interpretations, spans,
                    node.span, switched)


def _actors(charter: m.Charter, declared: Sequence[ast.ScenarioActor],
            problems: list[Diagnostic]) -> dict[str, str]:
    from ..syntax.parser import RESERVED_WORDS  # a scenario is resolved after it is parsed

    actors: dict[str, str] = {}
    first: dict[str, Span] = {}
    for actor in declared:
        if actor.kind not in charter.kinds:
            problems.append(Diagnostic("E107", f"unknown kind `{actor.kind}`", actor.span,
                                       did_you_mean(actor.kind, charter.kinds),
                                       (choices_note("the kinds", closest_first(
                                           actor.kind, charter.kinds)),)))
        elif actor.name in charter.actors and charter.actors[actor.name].kind == actor.kind:
            continue  # the charter already names it, as this kind: declaring it again is harmless
        elif actor.name in charter.actors:
            known = charter.actors[actor.name].kind
            problems.append(Diagnostic(
                "E108", f"`{actor.name}` is already an actor of the charter, of kind {known}",
                actor.span, f"drop the declaration, or declare it as `{actor.name}:{known}`"))
        elif actor.name in actors:
            problems.append(Diagnostic("E108", f"`{actor.name}` is already an actor", actor.span,
                                       notes=(f"first declared at {first[actor.name]}",)))
        elif actor.name in RESERVED_WORDS:
            problems.append(Diagnostic("E108", f"`{actor.name}` is a keyword of the language, "
                                       "not a name", actor.span, "choose another name"))
        else:
            actors[actor.name] = actor.kind
            first[actor.name] = actor.span
    return dict(sorted(actors.items()))  # canonical order, as for facts


def _facts(stated: Sequence[ast.Fact], resolver: ExprResolver,
           ) -> tuple[dict[AtomKey, AtomFact], dict[AtomKey, Span]]:
    facts: dict[AtomKey, AtomFact] = {}
    spans: dict[AtomKey, Span] = {}
    for fact in stated:
        resolved = resolver.atom(fact.atom, {})
        if isinstance(resolved, m.BoolConst):
            continue  # already reported
        if not isinstance(resolved, m.EventAtom):
            resolver.error("E116", f"`{fact.atom.name}` is derived by the charter, so a scenario "
                           "cannot state it", fact.atom.span,
                           notes=("state the events and acts it is derived from",))
            continue
        key = AtomKey(resolved.predicate, tuple(ground_term(a) for a in resolved.args))
        start = m.date_number(fact.start) if fact.start else None
        end = m.date_number(fact.end) if fact.end else None
        if start is not None and end is not None and end <= start:
            resolver.error("E117", "a fact must end after it starts", fact.span)
        previous = facts.get(key)
        if previous is not None and previous.status != fact.status:
            resolver.error("E114", f"`{key}` is stated both {previous.status} and {fact.status}",
                           fact.span, notes=(f"first stated at {spans[key]}",))
            continue
        facts[key] = AtomFact(FactStatus(fact.status), start, end)
        spans[key] = fact.span
    # a canonical order, so the same scenario gives the same output however its facts are
    # listed: undated facts by name, then dated ones by start, as a timeline reads
    return dict(sorted(facts.items(), key=_fact_order)), spans


def _fact_order(item: tuple[AtomKey, AtomFact]) -> tuple[bool, int, str]:
    key, fact = item
    return (fact.start is not None, fact.start or 0, key.text)


def ground_term(term: m.Term) -> Value:
    """The value of a term without variables."""
    if isinstance(term, m.Var):
        raise ValueError(f"variable {term.name} in a fact")
    if not term.args:
        return term.name
    return (term.name, *(ground_term(a) for a in term.args))


# ---- scenarios from the command line ------------------------------------------------------------


def from_flags(charter: m.Charter, *, events: Sequence[str] = (), failures: Sequence[str] = (),
               unknowns: Sequence[str] = (), actors: Sequence[str] = (), on: str | None = None,
               settings: m.Settings | None = None) -> Scenario:
    """A scenario from command-line flags; each flag is its own 'file' in error messages."""
    problems: list[Diagnostic] = []
    sources: dict[str, Source] = {}
    declared: list[ast.ScenarioActor] = []
    for index, text in enumerate(actors, 1):
        source = _flag_source("--actor", index, text, sources)
        name, _, kind = text.partition(":")
        if not name.strip() or not kind.strip() or not name.strip().isidentifier():
            problems.append(Diagnostic("E118", "write an actor as NAME:KIND",
                                       source.span_at(0, len(text)), "for example `chad:state`"))
            continue
        declared.append(ast.ScenarioActor(name.strip(), kind.strip(), source.span_at(0, len(text))))
    from ..syntax.parser import parse  # Lark loads only when there are flags to parse

    facts: list[ast.Fact] = []
    for flag, status, texts in (("--event", "true", events), ("--not", "false", failures),
                                ("--unknown", "unknown", unknowns)):
        for index, text in enumerate(texts, 1):
            source = _flag_source(flag, index, text, sources)
            try:
                fact = parse(source, start="fact_flag")
            except CharterError as error:
                problems.extend(error.diagnostics)
                continue
            facts.append(replace(fact, status=status))
    day = _day(on, sources, problems)
    if problems:
        raise CharterError(tuple(problems), sources)
    node = ast.Scenario("command line", day, tuple(declared), tuple(facts), ())
    try:
        return resolve_scenario(charter, node, Source("command line", ""), settings)
    except CharterError as error:
        raise CharterError(error.diagnostics, sources) from None


def _flag_source(flag: str, index: int, text: str, sources: dict[str, Source]) -> Source:
    source = Source(f"{flag} #{index}" if index > 1 else flag, text)
    sources[source.name] = source
    return source


def _day(on: str | None, sources: dict[str, Source], problems: list[Diagnostic],
         ) -> datetime.date | None:
    if on is None:
        return datetime.date.today()
    source = _flag_source("--on", 1, on, sources)
    try:
        return read_date(on)
    except DateError as error:
        problems.append(Diagnostic("E010", str(error), source.span_at(0, len(on)),
                                   error.suggestion))
        return None


def resolve_blocks(charter: m.Charter, source: Source, problems: list[Diagnostic],
                   settings: m.Settings | None = None,
                   ) -> list[tuple[ast.Scenario, Scenario]]:
    """Every scenario block of a file with its resolution; problems are added to `problems`."""
    from ..syntax.parser import parse  # Lark loads only for a scenario to parse

    document = parse(source)
    problems.extend(document.problems)
    found = []
    named: dict[str, Span] = {}
    for declaration in document.declarations:
        if not isinstance(declaration, ast.Scenario):
            problems.append(Diagnostic("E119", "a scenario file holds only `scenario` blocks",
                                       getattr(declaration, "span", source.span_at(0))))
            continue
        if declaration.name in named:
            # a report names a scenario by its name: two of one name could not be told apart
            problems.append(Diagnostic(
                "E108", f"scenario `{declaration.name}` is declared twice", declaration.span,
                "give each scenario of a file its own name",
                (f"first declared at {named[declaration.name]}",)))
        named.setdefault(declaration.name, declaration.span)
        try:
            found.append((declaration,
                          resolve_scenario(charter, declaration, source, settings)))
        except CharterError as error:
            problems.extend(error.diagnostics)
    if not found and not problems:
        problems.append(Diagnostic("E119", "no scenario in this file", source.span_at(0),
                                   'write `scenario "name" { on YYYY-MM-DD ... }`'))
    return found


def load_scenarios(charter: m.Charter, source: Source,
                   settings: m.Settings | None = None) -> list[Scenario]:
    """Every scenario block of a file, resolved; all problems reported together."""
    problems: list[Diagnostic] = []
    blocks = resolve_blocks(charter, source, problems, settings)
    if problems:
        raise CharterError(tuple(problems), {source.name: source})
    return [scenario for _, scenario in blocks]
