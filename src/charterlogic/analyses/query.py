"""Query: for one scenario, every norm that applies to every party, and every violation.

Each norm is instantiated for every holder and action the domain allows; the grounder folds what
the scenario fixes, and Z3 decides whatever the scenario's unknown facts leave open. Every answer is
one of: holds, does not hold (dropped), or depends (with the unknown facts it depends on).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from ..ground.budget import doing, left
from ..ground.from_model import Domain, Facts, G, Grounder, SharedAtoms, atoms_of, g_and, g_not
from ..model import types as m
from ..model.facts import AtomKey, FactStatus, Value, show
from ..model.scenario import Scenario
from ..model.walk import dependencies
from ..smt.decide import Decider, Verdict
from ..smt.solver import Limits
from .derivation import Memo, Step, citations, derive, facts_used, interpretations


@dataclass(frozen=True)
class Answer:
    """A norm that applies in the scenario: `holder` is `modality` to do `action`."""

    holder: str
    modality: m.Modality
    action: str
    predicate: str
    arguments: tuple[str, ...]
    norm: str
    status: Verdict  # HOLDS or DEPENDS
    depends_on: tuple[str, ...]
    articles: tuple[m.Citation, ...]
    interpretations: tuple[str, ...]
    derivation: tuple[Step, ...]
    triggered_by: tuple[str, ...]  # the scenario's facts it relies on; () for a standing norm


@dataclass(frozen=True)
class Violation:
    """A party did what it is forbidden to do, or failed to do what it must."""

    answer: Answer
    status: Verdict  # HOLDS or DEPENDS
    evidence: str  # the fact that shows it
    depends_on: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """In a model of several instruments: one instrument obliges or permits (`other`) what
    another forbids (`forbidden`), for the same holder and the same act, in the scenario."""

    forbidden: Answer
    other: Answer

    @property
    def instruments(self) -> tuple[str, str]:
        """The instruments of the two norms, the one that obliges or permits first."""
        return (self.other.articles[0].instrument or "", self.forbidden.articles[0].instrument
                or "")


def conflicts_between_instruments(answers: tuple[Answer, ...]) -> tuple[Conflict, ...]:
    """Every pair of answers on the same holder and act, one forbidding it and the other
    obliging or permitting it, whose norms come from different instruments (each pair once, in
    the order of the answers). Answers that only depend are paired too: the conflict depends."""
    forbidden = [a for a in answers if a.modality is m.Modality.FORBIDDEN]
    found: list[Conflict] = []
    for other in answers:
        if other.modality is m.Modality.FORBIDDEN:
            continue
        for banned in forbidden:
            if (banned.holder, banned.action) == (other.holder, other.action) \
                    and banned.articles[0].instrument != other.articles[0].instrument:
                found.append(Conflict(banned, other))
    return tuple(found)


@dataclass(frozen=True)
class QueryReport:
    """`query`'s answer for a scenario: every norm instance that holds or depends (`answers`), every
    violation, and the norms the solver could not decide in time (`unknown`)."""

    charter: m.Charter
    scenario: Scenario
    answers: tuple[Answer, ...]
    violations: tuple[Violation, ...]
    unknown: tuple[str, ...] = ()  # norms the solver could not decide in time
    #: the charter's `assume` clauses that the scenario's facts contradict
    contradicted: tuple[m.Assumption, ...] = ()
    #: whether the charter is in force on the scenario's day (None: its facts leave it open)
    in_force: bool | None = True
    #: in a model of several instruments, what one obliges or permits and another forbids
    conflicts: tuple[Conflict, ...] = ()


def query(charter: m.Charter, scenario: Scenario, limits: Limits = Limits(),
          party: str | None = None) -> QueryReport:
    """Every norm instance that holds or depends in `scenario`, and every violation."""
    with doing(f"the instances of the charter's norms over {len(scenario.actors)} "
               "scenario actors"):
        index = instance_index(charter, scenario.actors)
    facts = Facts(scenario.today, scenario.interpretations, scenario.facts)
    grounder = Grounder(charter, Domain.of(charter, scenario.actors), facts)
    # the charter's world assumptions hold in every scenario: those its facts leave open constrain
    # the solver; one they contradict is reported, since the answers then rest on an impossible
    # scenario
    contradicted: list[m.Assumption] = []
    world: list[G] = []
    for assumption in charter.assumptions:
        for values in grounder.bindings(assumption.parameters):
            ground = grounder.expr(assumption.body, values)
            if ground.value is False and assumption not in contradicted:
                contradicted.append(assumption)
            elif ground.value is None:
                world.append(ground)
    decider = _Decider(limits, world)
    answers: list[Answer] = []
    violations: list[Violation] = []
    context = (facts.today, tuple(sorted(facts.interpretations.items())))
    memo: Memo = {}  # the derivations of one query share the steps of shared subformulas
    for position in index.candidates(facts):
        norm, binding, holder = index.instances[position]
        if party is not None and holder != party:
            continue
        key = index.result_key(position, context, facts)
        result = index.results.get(key)
        if result is None:
            unknown = len(decider.unknown)
            with doing(f"whether norm {norm.name} applies in the scenario"):
                result = _instance(norm, binding, holder, grounder, decider, memo)
            # keep what later scenarios are likely to share: results that rest on no stated fact
            # (standing norms on a day); not those that needed an undecided solver call
            if not key[2] and len(decider.unknown) == unknown:
                index.remember(key, result)
        answer, violation = result
        if answer is not None:
            answers.append(answer)
        if violation is not None:
            violations.append(violation)
    return QueryReport(charter, scenario, tuple(answers), tuple(violations),
                       tuple(dict.fromkeys(decider.unknown)),  # each norm named once
                       tuple(contradicted), _in_force(charter, grounder),
                       conflicts_between_instruments(tuple(answers))
                       if charter.instruments else ())


def _in_force(charter: m.Charter, grounder: Grounder) -> bool | None:
    """The charter's `in_force` definition on the day, if it has one; else its header's date."""
    if "in_force" in charter.definitions and not charter.definitions["in_force"].params:
        return grounder.definition("in_force", ()).value
    today = grounder.facts.today
    return charter.in_force is None or today is None or today >= charter.in_force


def _instance(norm: m.Norm, binding: dict[str, Value], holder: Value | None, grounder: Grounder,
              decider: _Decider, memo: Memo) -> tuple[Answer | None, Violation | None]:
    """The answer (None: the instance does not apply) and violation of one norm instance."""
    formula = grounder.holds(norm, binding)
    status = decider.decide(formula)
    if status is None:
        return None, None
    action_args = grounder.values(norm.action.args, binding)
    if action_args is None:
        return None, None
    assert holder is not None  # a holder is a constant or a bound variable: always a value
    answer = _answer(norm, holder, action_args, formula, status, memo)
    done = grounder.atom(norm.action.predicate, action_args)
    return answer, _violation(norm, answer, formula, done, grounder, decider)


class InstanceIndex:
    """The norm instances of one domain, and which scenario facts can make each of them apply.

    Built once per charter and set of scenario actors (from each norm's part, which is kept
    across charters that share what the norm rests on: `_norm_instances`), so that a query
    grounds only the instances its facts can touch. An instance is *standing* when it can apply
    with no fact at
    all (its value with every atom false and the day and interpretations open is not false);
    any other instance can apply only if the scenario states (true, false or unknown) one of the
    atoms its open formula depends on. Sound by monotonicity of the three-valued folding: fixing
    more of a formula's inputs never turns false into true. See docs/symmetry.md.

    It also remembers results: an instance's answer and violation are a function of the day,
    the interpretations and the facts of the atoms it reads (those of its open formula, and its
    act, which a violation looks up), so a later scenario that agrees on those reuses them.
    """

    #: results kept at most, per index (a batch of scenarios on ever new days: bounded memory)
    LIMIT = 30_000

    def __init__(self, charter: m.Charter, actors: Mapping[str, str]) -> None:
        # holds nothing that refers to the charter, so that its cache entry can go with it
        self.instances: list[tuple[m.Norm, dict[str, Value], Value | None]] = []
        self.reads: list[frozenset[AtomKey]] = []
        self.standing: list[int] = []
        self.by_atom: dict[AtomKey, list[int]] = {}
        self.results: dict[tuple[object, ...], tuple[Answer | None, Violation | None]] = {}
        builder = _NormBuilder(charter, actors)
        for norm in charter.norms.values():
            part = _norm_instances(charter, norm, actors, builder)
            offset = len(self.instances)
            self.instances += part.instances
            self.reads += part.reads
            for position, reads in enumerate(part.reads):
                if position in part.standing:
                    self.standing.append(offset + position)
                    continue
                for key in reads:
                    self.by_atom.setdefault(key, []).append(offset + position)

    def candidates(self, facts: Facts) -> list[int]:
        """The positions of every instance that can apply under `facts`, in order."""
        chosen = set(self.standing)
        for key in facts.atoms or {}:
            chosen.update(self.by_atom.get(key, ()))
        return sorted(chosen)

    def result_key(self, position: int, context: tuple[object, ...],
                   facts: Facts) -> tuple[object, ...]:
        """What the result of instance `position` depends on, under `facts`."""
        reads = self.reads[position]
        stated = tuple(sorted((key, fact) for key, fact in (facts.atoms or {}).items()
                              if key in reads))
        return (position, context, stated)

    def remember(self, key: tuple[object, ...],
                 result: tuple[Answer | None, Violation | None]) -> None:
        """Keep `result` (answer, violation) for `key`; the cache is cleared when it reaches LIMIT
        entries, so memory stays bounded."""
        if len(self.results) >= self.LIMIT:
            self.results.clear()
        self.results[key] = result


@dataclass(frozen=True)
class _NormInstances:
    """One norm's part of an InstanceIndex: its instances in order, the atoms each reads, and the
    positions (in this part) of those that stand with no fact. `key_objects` are the objects its
    cache key names by identity, held so that no other object can take their ids."""

    key_objects: tuple[object, ...]
    instances: list[tuple[m.Norm, dict[str, Value], Value | None]]
    reads: list[frozenset[AtomKey]]
    standing: frozenset[int]


class _NormBuilder:
    """The grounders that build norms' parts for one charter and set of actors, made on first
    use (an index whose every part is cached grounds nothing)."""

    def __init__(self, charter: m.Charter, actors: Mapping[str, str]) -> None:
        self.charter, self.actors = charter, actors
        self._grounders: tuple[Grounder, Grounder] | None = None
        self.definitions: SharedAtoms = {}  # the atoms of the open grounder's definition nodes
        self.shared: dict[AtomKey, AtomKey] = {}  # many instances read the same atoms: one key
        self.built = 0

    def grounders(self) -> tuple[Grounder, Grounder]:
        """(every atom false, every atom open), over the charter's domain with the actors."""
        if self._grounders is None:
            domain = Domain.of(self.charter, self.actors)
            self._grounders = (Grounder(self.charter, domain, Facts(None, {}, {})),
                               Grounder(self.charter, domain, Facts(None, {})))
        return self._grounders

    def build(self, norm: m.Norm) -> tuple[list[tuple[m.Norm, dict[str, Value], Value | None]],
                                            list[frozenset[AtomKey]], frozenset[int]]:
        """The instances of `norm`, what each reads, and which stand (see InstanceIndex)."""
        empty, open_ = self.grounders()
        instances: list[tuple[m.Norm, dict[str, Value], Value | None]] = []
        reads_of: list[frozenset[AtomKey]] = []
        standing: set[int] = set()
        for binding in empty.bindings(norm.parameters):
            left()  # each instance costs a walk of its formula, which `spend` does not see
            self.built += 1
            if self.built % 1000 == 0:  # the memos would otherwise hold every formula
                empty.forget()
                open_.forget()
                self.definitions.clear()
            instances.append((norm, binding, empty.value(norm.holder, binding)))
            reads = atoms_of(open_.holds(norm, binding), self.definitions)
            action = empty.values(norm.action.args, binding)
            if action is not None:
                reads.add(AtomKey(norm.action.predicate, action))
            reads_of.append(frozenset(self.shared.setdefault(key, key) for key in reads))
            if empty.holds(norm, binding).value is not False:
                standing.add(len(instances) - 1)
        return instances, reads_of, frozenset(standing)


#: Norms' parts of instance indexes, kept across charters that differ only in clauses the norm
#: does not rest on: a mutant of `test --mutate` changes one clause, and rebuilding every other
#: norm's instances for each of them was most of its time. Bounded (a part holds a norm's
#: instances over one set of actors); the least recently used go first.
_NORM_PARTS: dict[tuple[object, ...], _NormInstances] = {}
_NORM_PARTS_LIMIT = 2048
#: The charter's fields of which a norm's part is keyed by the clauses it rests on only.
_PER_NORM = ("norms", "priorities", "definitions", "interpretations")


def _norm_instances(charter: m.Charter, norm: m.Norm, actors: Mapping[str, str],
                    builder: _NormBuilder) -> _NormInstances:
    """`norm`'s part of the index of `charter` with `actors`, from the cache when the same
    objects decide it: the clauses it rests on (`dependencies`: itself, the priorities that can
    defeat it and their stronger norms, the definitions it calls and the readings it reads,
    transitively) and every field of the charter but its norms, priorities, definitions and
    readings (its vocabulary, actors, dates...). A mutant made by `dataclasses.replace` shares
    all of these but what it changes; any other change is a new object, and a miss."""
    rests = sorted(dependencies(charter, norm))
    key_objects = (
        *(charter.norms[name] for what, name in rests if what == "norm"),
        *(p for p in charter.priorities if ("priority", f"{p.stronger} over {p.weaker}") in rests),
        *(charter.definitions[name] for what, name in rests
          if what == "definition" and name in charter.definitions),
        *(charter.interpretations[name] for what, name in rests
          if what == "interpretation" and name in charter.interpretations),
        *(getattr(charter, f.name) for f in fields(charter) if f.name not in _PER_NORM))
    key = (tuple(map(id, key_objects)), tuple(actors.items()))
    part = _NORM_PARTS.pop(key, None)
    if part is not None and all(a is b for a, b in zip(part.key_objects, key_objects,
                                                       strict=True)):
        _NORM_PARTS[key] = part  # put back last: the least recently used go first
        return part
    part = _NormInstances(key_objects, *builder.build(norm))
    if len(_NORM_PARTS) >= _NORM_PARTS_LIMIT:
        del _NORM_PARTS[next(iter(_NORM_PARTS))]
    _NORM_PARTS[key] = part
    return part


_INDEXES: dict[int, tuple[weakref.ref[m.Charter], dict[tuple[tuple[str, str], ...],
                                                       InstanceIndex]]] = {}


def instance_index(charter: m.Charter, actors: Mapping[str, str]) -> InstanceIndex:
    """The instance index of `charter` with the scenario's `actors`, built on first use."""
    entry = _INDEXES.get(id(charter))
    if entry is None or entry[0]() is not charter:
        # the entry goes when the charter does
        charter_id = id(charter)
        gone = weakref.ref(charter, lambda _: _INDEXES.pop(charter_id, None))
        entry = _INDEXES[id(charter)] = (gone, {})
    key = tuple(actors.items())
    index = entry[1].get(key)
    if index is None:
        if len(entry[1]) >= 64:  # scenarios with ever new actors: keep memory bounded
            entry[1].clear()
        index = entry[1][key] = InstanceIndex(charter, actors)
    return index


def _answer(norm: m.Norm, holder: Value, args: tuple[Value, ...], formula: G,
            status: tuple[Verdict, tuple[str, ...]],
            memo: Memo | None = None) -> Answer:
    steps = derive(formula, memo)
    cited = citations(steps)
    return Answer(
        holder=show(holder),
        modality=norm.modality,
        action=str(AtomKey(norm.action.predicate, args)),
        predicate=norm.action.predicate,
        arguments=tuple(show(a) for a in args),
        norm=norm.name,
        status=status[0],
        depends_on=status[1],
        articles=(norm.citation, *(c for c in cited if c != norm.citation)),
        interpretations=interpretations(steps),
        derivation=steps,
        triggered_by=tuple(sorted(facts_used(steps))),
    )


def _violation(norm: m.Norm, answer: Answer, formula: G, done: G, grounder: Grounder,
               decider: _Decider) -> Violation | None:
    if norm.modality is m.Modality.PERMITTED:
        return None
    fact = (grounder.facts.atoms or {}).get(done.key) if done.key is not None else None
    if fact is None:
        return None  # silence is not evidence: see docs/semantics.md, "Violations"
    if norm.modality is m.Modality.OBLIGED:
        if fact.status is FactStatus.TRUE:
            return None
        breach, evidence = g_and([formula, g_not(done)]), f"not {answer.action}"
    else:
        if fact.status is FactStatus.FALSE:
            return None
        breach, evidence = g_and([formula, done]), answer.action
    status = decider.decide(breach)
    if status is None:
        return None
    return Violation(answer, status[0], evidence, status[1])


class _Decider:
    """Decides open formulas (smt/decide.py), and counts what the solver could not decide."""

    def __init__(self, limits: Limits, world: Sequence[G] = ()) -> None:
        self.unknown: list[str] = []
        self._decider = Decider(limits, world)

    def decide(self, formula: G) -> tuple[Verdict, tuple[str, ...]] | None:
        """(HOLDS, ()), (DEPENDS, the open facts) or None when the formula cannot hold; a
        formula the solver could not decide depends, and is counted."""
        verdict = self._decider.decide(formula)
        if verdict is Verdict.FAILS:
            return None
        if verdict is Verdict.HOLDS:
            return (Verdict.HOLDS, ())
        if verdict is Verdict.UNKNOWN:
            self.unknown.append(formula.label)
        return (Verdict.DEPENDS, tuple(str(key) for key in sorted(atoms_of(formula))))
