"""Explain: why a norm holds in a scenario, why it does not, and on what it depends.

For each norm instance a goal names (see goal.py), in one scenario:

- holds: the derivation (norm, definitions, facts, articles), read off the grounder's proof tree;
- does not hold: the conditions that fail, the exception or priority that defeats the norm (if
  one does), and the smallest sets of changes to the scenario that would make it hold. Those come
  from Z3: every fact the norm mentions and every interpretation is a soft assumption at its
  scenario value, and the smallest number of them that can be flipped is found with a cardinality
  bound. Being smallest, each set is minimal: keep any one of its changes undone and no value of
  the rest makes the norm hold;
- depends: the smallest set of the scenario's unknown facts that decides the answer, and what
  each combination of their values decides.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

import z3

from ..ground.from_model import Domain, Facts, G, Grounder, Op, atoms_of, g_and
from ..model import types as m
from ..model.facts import AtomFact, AtomKey, FactStatus, show
from ..model.scenario import Scenario
from ..model.walk import condition_body, free_variables
from ..smt.from_ground import Encoder, compare, split
from ..smt.solver import Limits, Result, check, new_solver
from .derivation import Step, citations, derive
from .goal import Goal, Instance, instances, no_instance_error

#: How many smallest corrections `explain` lists, by default.
ALTERNATIVES = 3
#: A full stop that ends a sentence (not the one of "Art. 6").
_SENTENCE_END = re.compile(r"(?<!\bArt)(?<!\bArts)\.\s")
#: Beyond this many unknown facts, the smallest deciding set is not searched for.
MAX_UNKNOWNS = 10


@dataclass(frozen=True)
class ArticleRef:
    """An article as an explanation cites it: number (or subject), title, a line of paraphrase."""

    citation: m.Citation
    paraphrase: str


@dataclass(frozen=True)
class Change:
    """One change to a scenario: a fact added or removed, or an interpretation switched."""

    kind: str  # "add", "remove", "switch"
    subject: AtomKey | str  # the atom, or the interpretation's name
    value: bool  # the new value
    start: int | None = None  # the day an added fact starts, when it matters (not today)

    def __str__(self) -> str:
        if self.kind == "switch":
            return f"interpretation {self.subject} {'on' if self.value else 'off'}"
        if not self.value:
            return f"not {self.subject}"
        return f"fact {self.subject}" + (f" from {m.number_date(self.start)}" if self.start
                                         else "")


@dataclass(frozen=True)
class Correction:
    """A smallest set of changes that makes the norm hold, and its derivation once changed."""

    changes: tuple[Change, ...]
    status: str  # the norm's status in the changed scenario: "holds" or "depends"
    derivation: tuple[Step, ...]


@dataclass(frozen=True)
class Defeat:
    """What defeats a norm whose condition holds: its exception, or a stronger norm."""

    kind: str  # "exception" or "priority"
    text: str
    citation: m.Citation
    derivation: tuple[Step, ...]


@dataclass(frozen=True)
class Decision:
    """One combination of values of the deciding facts, and what it decides."""

    values: tuple[tuple[str, bool], ...]
    outcome: str  # "holds", "does not hold" or "impossible"


@dataclass(frozen=True)
class Explanation:
    """The answer for one norm instance, with its reasons."""

    norm: str
    modality: m.Modality
    holder: str
    action: str
    predicate: str
    arguments: tuple[str, ...]
    citation: m.Citation
    status: str  # "holds", "does not hold", "depends", "unknown"
    derivation: tuple[Step, ...]  # why it holds, why it fails, or what is still open
    defeat: Defeat | None = None
    corrections: tuple[Correction, ...] = ()
    deciding: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()
    search: str = ""  # how the search for corrections or deciding facts ended ("unknown": limits)


@dataclass(frozen=True)
class ExplainReport:
    charter: m.Charter
    goal: Goal
    scenario: Scenario
    explanations: tuple[Explanation, ...]
    articles: tuple[ArticleRef, ...]
    unknown: tuple[str, ...]

    @property
    def verdict(self) -> str:
        """"holds" if some instance holds, else "depends" if some depends, else "does not hold"."""
        statuses = {e.status for e in self.explanations}
        for status in ("holds", "depends", "unknown"):
            if status in statuses:
                return status
        return "does not hold"


def explain(charter: m.Charter, scenario: Scenario, goal: Goal, limits: Limits = Limits(),
            alternatives: int = ALTERNATIVES) -> ExplainReport:
    """Explain every instance of a norm goal in `scenario`."""
    if goal.kind != "norm":
        raise ValueError("explain takes a norm goal (must, may, must not)")
    domain = Domain.of(charter, scenario.actors)
    grounder = Grounder(charter, domain,
                        Facts(scenario.today, scenario.interpretations, scenario.facts))
    unknown: list[str] = []
    explanations = []
    found = list(instances(goal, grounder))
    if not found:
        raise no_instance_error(charter, goal)
    for instance in found:
        explanations.append(_explain(charter, scenario, grounder, instance, limits,
                                     alternatives, unknown))
    steps = [s for e in explanations for s in all_steps(e)]
    cited = [*(e.citation for e in explanations), *citations(tuple(steps))]
    return ExplainReport(charter, goal, scenario, tuple(explanations),
                         article_refs(charter, cited), tuple(unknown))


def _explain(charter: m.Charter, scenario: Scenario, grounder: Grounder, instance: Instance,
             limits: Limits, alternatives: int, unknown: list[str]) -> Explanation:
    formula = grounder.holds(instance.norm, instance.binding)
    status = decide(formula, limits)
    base = Explanation(
        instance.norm.name, instance.norm.modality, instance.holder, instance.action,
        instance.norm.action.predicate, tuple(show(a) for a in instance.arguments),
        instance.norm.citation, status, ())
    if status == "unknown":
        unknown.append(instance.action)
        return replace(base, derivation=derive(formula))
    if status == "holds":
        return replace(base, derivation=derive(formula))
    if status == "depends":
        deciding, decisions = deciding_facts(formula, limits)
        search = "found" if deciding else "unknown"
        if not deciding:
            unknown.append(f"the facts that decide {instance.action}")
        return replace(base, derivation=derive(formula), deciding=deciding, decisions=decisions,
                       search=search)
    corrections, search = smallest_corrections(charter, scenario, instance, limits, alternatives)
    if search == "unknown":
        unknown.append(f"the smallest changes for {instance.action}")
    return replace(base, derivation=why_not(grounder, instance, formula),
                   defeat=_defeat(grounder, instance, formula), corrections=corrections,
                   search=search)


def all_steps(explanation: Explanation) -> list[Step]:
    """Every step of an explanation: its derivation, its defeat, its corrections."""
    steps = list(explanation.derivation)
    if explanation.defeat is not None:
        steps += [Step("defeat", "", explanation.defeat.citation), *explanation.defeat.derivation]
    for correction in explanation.corrections:
        steps += correction.derivation
    return steps


def article_refs(charter: m.Charter, cited: list[m.Citation]) -> tuple[ArticleRef, ...]:
    """The articles cited, in order of first citation, each with the first sentence of its text."""
    by_citation = {a.citation: a for a in charter.articles}
    refs = []
    for citation in dict.fromkeys(cited):
        article = by_citation.get(citation)
        text = article.text if article is not None else ""
        sentence = _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".") + "." if text else ""
        refs.append(ArticleRef(citation, sentence))
    return tuple(refs)


# ---- deciding ------------------------------------------------------------------------------------


def decide(formula: G, limits: Limits) -> str:
    """"holds", "does not hold", "depends" (on the open facts) or "unknown" (solver limit)."""
    if formula.value is not None:
        return "holds" if formula.value else "does not hold"
    encoder = Encoder()
    encoded = encoder.formula(formula)
    solver = new_solver(encoder.ctx, limits)
    solver.add(*encoder.take_pending())
    can_hold, can_fail = check(solver, [encoded]), check(solver, [z3.Not(encoded)])
    if can_hold is Result.UNSAT:
        return "does not hold"
    if can_fail is Result.UNSAT:
        return "holds"
    if Result.UNKNOWN in (can_hold, can_fail):
        return "unknown"
    return "depends"


def deciding_facts(formula: G, limits: Limits,
                   ) -> tuple[tuple[str, ...], tuple[Decision, ...]]:
    """The smallest set of open facts whose values decide `formula`, and what each decides;
    empty if the solver hits its limits.

    Subsets are tried by size, then in sorted order, so the answer is deterministic; the set of
    all open facts always decides, since nothing else is open.
    """
    encoder = Encoder()
    encoded = encoder.formula(formula)
    solver = new_solver(encoder.ctx, limits)
    solver.add(*encoder.take_pending())
    keys = sorted(atoms_of(formula))
    sizes = range(1, len(keys) + 1) if len(keys) <= MAX_UNKNOWNS else [len(keys)]
    for size in sizes:
        for subset in itertools.combinations(keys, size):
            try:
                decisions = _decisions(solver, encoder, encoded, subset)
            except _GaveUp:
                return (), ()  # a larger set found after this would not be known smallest
            if decisions is not None:
                return tuple(str(key) for key in subset), decisions
    return (), ()


class _GaveUp(Exception):
    """The solver hit its limits while deciding a subset."""


def _decisions(solver: z3.Solver, encoder: Encoder, encoded: z3.BoolRef,
               subset: tuple[AtomKey, ...]) -> tuple[Decision, ...] | None:
    """What each combination of values of `subset` decides; None if one leaves it open."""
    decisions = []
    for values in itertools.product((True, False), repeat=len(subset)):
        fixed = [encoder.atom(k) if v else z3.Not(encoder.atom(k))
                 for k, v in zip(subset, values)]
        can_hold = check(solver, [encoded, *fixed])
        can_fail = check(solver, [z3.Not(encoded), *fixed])
        if Result.UNKNOWN in (can_hold, can_fail):
            raise _GaveUp
        if can_hold is Result.UNSAT and can_fail is Result.UNSAT:
            outcome = "impossible"
        elif can_fail is Result.UNSAT:
            outcome = "holds"
        elif can_hold is Result.UNSAT:
            outcome = "does not hold"
        else:
            return None  # open: not a decision
        decisions.append(Decision(tuple((str(key), v) for key, v in zip(subset, values)),
                                  outcome))
    return tuple(decisions)


# ---- why not -------------------------------------------------------------------------------------


def why_not(grounder: Grounder, instance: Instance, formula: G) -> tuple[Step, ...]:
    """Why a norm instance does not hold: the conditions that fail.

    Where the norm's condition has variables of its own (`x` in "aggression(x, p)"), every value
    fails; the one shown is the closest case, the value with the fewest failing conditions.
    """
    norm, binding = instance.norm, instance.binding
    guard = grounder.expr(norm.guard, binding)
    triggered = grounder.triggered(norm, binding)
    if guard.value is False:
        reasons = failure(guard)
    elif triggered.value is True:
        reasons = [Step("defeat", "its condition holds, but a stronger norm prevails "
                        "(see: defeated by)")]
    elif triggered.value is None:
        reasons = failure(formula)
    else:
        body = condition_body(norm)
        free = [v for v in free_variables(body) if v.name not in binding]
        cases = []
        for values in itertools.product(*(grounder.domain.elements(v.sort) for v in free)):
            inner = {**binding, **{v.name: x for v, x in zip(free, values)}}
            steps = failure(grounder.expr(body, inner))
            label = ", ".join(f"{v.name} = {show(x)}" for v, x in zip(free, values))
            cases.append((_leaves(steps), label, steps))
        _, label, steps = min(cases, key=lambda case: case[0])
        reasons = [Step("binding", f"{label} (the closest case)", None, tuple(steps))] if free \
            else steps
    return (Step("norm", f"not {norm.name}", norm.citation, tuple(reasons)),)


def _leaves(steps: list[Step] | tuple[Step, ...]) -> int:
    return sum(_leaves(s.children) if s.children else 1 for s in steps)


def failure(node: G) -> list[Step]:
    """The steps that show why a false formula is false: the conditions that fail."""
    op = node.op
    if op is Op.CONST:
        return []
    if op is Op.ATOM:
        return [Step("absent", f"no fact {node.label}")]
    if op is Op.INTERP:
        return [Step("interpretation", f"interpretation {node.label} (off)")]
    if op in (Op.DATE, Op.TEST):
        return [Step(op.value, f"not ({node.label})" if op is Op.DATE else f"not {node.label}")]
    if op is Op.NOT:
        negated = node.children[0]
        if negated.op is Op.CONST:  # `q = x`, `r != q`: fixed by the charter's own terms
            return [Step("test", "excluded by the norm's own terms (an `other than` or `=`)")]
        return [Step("but", "but:", None, derive(negated))]
    if op is Op.AND:
        return [s for c in node.children if c.value is False for s in failure(c)]
    if op is Op.OR:
        parts = [c for c in node.children if c.op is not Op.CONST]
        if len(parts) == 1:
            return failure(parts[0])
        return [Step("none", "none of these holds:", None,
                     tuple(s for c in parts for s in failure(c)))]
    inner = tuple(s for c in node.children for s in failure(c))
    if op is Op.CLAUSE:
        return list(inner)  # the definition's own article: its step cites it
    if op is Op.WIDENING:
        return [Step("widening", f"nor as widened by {node.label}", node.citation, inner)]
    if op is Op.BINDING:
        return [Step("binding", f"{node.label}, for instance", None, inner)] if inner else []
    return [Step(op.value, f"not {node.label}", node.citation, inner)]


def _defeat(grounder: Grounder, instance: Instance, formula: G) -> Defeat | None:
    """The exception or priority that defeats a norm whose condition holds, if one does."""
    norm, binding = instance.norm, instance.binding
    if formula.op is Op.AND and len(formula.children) == 1:
        failed = formula.children[0]
        if failed.op is Op.NOT and failed.children[0].value is True:
            for defeat in failed.children[0].children:
                if defeat.op is Op.PRIORITY and defeat.value is True:
                    return Defeat("priority", defeat.label, defeat.citation or norm.citation,
                                  derive(defeat.children[0]))
    if norm.exception is None:
        return None
    unexcepted = replace(norm, exception=None)
    if grounder.triggered(unexcepted, binding).value is not True:
        return None
    # the condition holds: show, for the values that satisfy it, the exception that applies
    body = m.And((norm.condition, norm.exception))
    free = [v for v in free_variables(body) if v.name not in binding]
    applies = g_and([grounder.expr(norm.guard, binding), grounder.exists(free, body, binding)])
    return Defeat("exception", f"the exception of {norm.name} applies", norm.citation,
                  derive(applies) if applies.value is True else ())


def smallest_corrections(charter: m.Charter, scenario: Scenario, instance: Instance,
                         limits: Limits, count: int = ALTERNATIVES,
                         ) -> tuple[tuple[Correction, ...], str]:
    """Up to `count` smallest sets of changes to `scenario` that make the instance hold, and how
    the search ended: "found", "impossible" (no change can), or "unknown" (the solver's limits;
    then nothing is claimed, since a larger set found after an unknown might not be smallest).

    Every fact the norm mentions (except the scenario's unknown ones, which stay open) and every
    interpretation is assumed at its scenario value; the day stays fixed, and a fact that holds
    keeps its start date. The fewest assumptions that can be given up are found by raising a
    cardinality bound on the flipped ones; further answers of the same size exclude the earlier.
    """
    grounder = Grounder(charter, Domain.of(charter, scenario.actors),
                        Facts(scenario.today, {}, None))
    formula = grounder.holds(instance.norm, instance.binding)
    encoder = Encoder()
    encoded = encoder.formula(formula)
    # a correction must respect the charter's `assume` clauses
    world = [encoder.formula(a) for a in grounder.assumptions()]
    solver = new_solver(encoder.ctx, limits)
    solver.add(*encoder.take_pending())
    solver.add(encoded, *world)
    soft: list[tuple[Change, z3.BoolRef]] = []
    for key, atom in sorted(encoder.atoms.items()):
        fact = scenario.facts.get(key)
        if fact is not None and fact.status is FactStatus.UNKNOWN:
            continue
        now = holds_on(fact, scenario.today)
        soft.append((Change("remove" if now else "add", key, not now),
                     atom if now else z3.Not(atom)))
        if now and key in encoder.dates:
            start = fact.start if fact is not None and fact.start else scenario.today
            start_day = split(start, encoder.ctx)
            solver.add(z3.Implies(atom, compare("=", encoder.dates[key], start_day)))
    for name, literal in sorted(encoder.interpretations.items()):
        on = scenario.interpretations.get(name, charter.interpretations[name].default)
        soft.append((Change("switch", name, not on), literal if on else z3.Not(literal)))
    possible = check(solver)
    if possible is not Result.SAT:
        return (), "impossible" if possible is Result.UNSAT else "unknown"
    flips = [z3.Not(literal) for _, literal in soft]
    # among sets of the same size, keep first the facts whose dates matter (a denunciation is a
    # bigger change than a vote), then the rest in a fixed order
    dated = [lit for change, lit in soft if _dated(change, encoder)]
    preferences = dated + [lit for change, lit in soft if not _dated(change, encoder)]
    found: list[Correction] = []
    for size in range(1, len(soft) + 1):
        bound = z3.AtMost(*flips, size) if flips else z3.BoolVal(True, encoder.ctx)
        fits = check(solver, [bound])
        if fits is Result.UNKNOWN:
            return tuple(found), "unknown"
        if fits is Result.UNSAT:
            continue
        while len(found) < count:
            model = _canonical(solver, encoder, [bound], preferences)
            if model is None:
                break  # no other set of this size (or the solver gave up: what was found stands)
            chosen = [(change, literal) for change, literal in soft
                      if z3.is_false(model.eval(literal, model_completion=True))]
            found.append(_correction(charter, scenario, instance, encoder, model,
                                     [c for c, _ in chosen]))
            solver.add(z3.Or([literal for _, literal in chosen]))  # exclude this set next time
        break
    return tuple(found), "found"


def _dated(change: Change, encoder: Encoder) -> bool:
    """Whether a change adds or removes a fact whose date matters."""
    return isinstance(change.subject, AtomKey) and change.subject in encoder.dates


def _canonical(solver: z3.Solver, encoder: Encoder, assumptions: list[z3.BoolRef],
               preferences: list[z3.BoolRef]) -> z3.ModelRef | None:
    """A model under `assumptions` chosen by fixed rules (see `preferred`), each fact it makes
    true started as late as it can; None if there is none or the solver gives up."""
    fixed = preferred(solver, assumptions, preferences)
    if fixed is None:
        return None
    model = solver.model()
    # an added fact starts as late as it can: a denunciation "in 1901" is correct but useless,
    # and a fixed rule keeps the answer the same from run to run
    for key, date in sorted(encoder.dates.items()):
        if z3.is_true(model.eval(encoder.atom(key), model_completion=True)):
            fixed = extreme_date(solver, [*fixed, encoder.atom(key)], date, latest=True) or fixed
    if check(solver, fixed) is not Result.SAT:
        return None
    return solver.model()


def preferred(solver: z3.Solver, assumptions: list[z3.BoolRef],
              preferences: list[z3.BoolRef]) -> list[z3.BoolRef] | None:
    """`assumptions` with the earliest `preferences` that fit, each or its negation; None if
    `assumptions` cannot hold.

    Greedy, in the order given: each preference is kept if it is consistent with those kept
    before. The result depends only on what is satisfiable, not on the solver's choices, so the
    same question gives the same answer in any process and after any earlier query.
    """
    if check(solver, assumptions) is not Result.SAT:
        return None
    model = solver.model()
    fixed = list(assumptions)
    for preference in preferences:
        if z3.is_true(model.eval(preference, model_completion=True)):
            fixed.append(preference)
            continue
        result = check(solver, [*fixed, preference])
        if result is Result.UNKNOWN:
            return None
        if result is Result.SAT:
            fixed.append(preference)
            model = solver.model()
        else:
            fixed.append(z3.Not(preference))
    if check(solver, fixed) is not Result.SAT:
        return None
    return fixed


def extreme_date(solver: z3.Solver, assumptions: list[z3.BoolRef], date: tuple[z3.ArithRef,
                 z3.ArithRef], latest: bool) -> list[z3.BoolRef] | None:
    """`assumptions` with `date` pinned to its latest (or earliest) possible day, by bisection;
    None if `assumptions` cannot hold."""
    fixed = list(assumptions)
    for part, low, high in ((date[0], 1901 * 12, 2100 * 12 - 1), (date[1], 1, 31)):
        if check(solver, fixed) is not Result.SAT:
            return None
        while low < high:
            middle = (low + high + 1) // 2 if latest else (low + high) // 2
            probe = part >= middle if latest else part <= middle
            result = check(solver, [*fixed, probe])
            if result is Result.UNKNOWN:
                return None
            if result is Result.SAT:
                low, high = (middle, high) if latest else (low, middle)
            else:
                low, high = (low, middle - 1) if latest else (middle + 1, high)
        fixed.append(part == low)
    return fixed


def holds_on(fact: AtomFact | None, day: int) -> bool:
    """Whether a scenario's fact holds on `day` (absent and unknown facts do not)."""
    if fact is None or fact.status is not FactStatus.TRUE:
        return False
    return (fact.start is None or fact.start <= day) and (fact.end is None or day < fact.end)


def apply_changes(scenario: Scenario, changes: tuple[Change, ...]) -> Scenario:
    """`scenario` with `changes` made."""
    facts = dict(scenario.facts)
    interpretations = dict(scenario.interpretations)
    for change in changes:
        if not isinstance(change.subject, AtomKey):
            interpretations[change.subject] = change.value
        elif change.value:
            facts[change.subject] = AtomFact(FactStatus.TRUE, change.start)
        else:
            facts[change.subject] = AtomFact(FactStatus.FALSE)
    return replace(scenario, facts=facts, interpretations=interpretations)


def _correction(charter: m.Charter, scenario: Scenario, instance: Instance, encoder: Encoder,
                model: z3.ModelRef, changes: list[Change]) -> Correction:
    dated = []
    for change in changes:
        if change.kind == "add" and isinstance(change.subject, AtomKey) and \
                change.subject in encoder.dates:
            start = encoder.date_value(model, encoder.dates[change.subject])
            change = replace(change, start=start if start != scenario.today else None)
        dated.append(change)
    changes = dated
    changed = apply_changes(scenario, tuple(changes))
    grounder = Grounder(charter, Domain.of(charter, changed.actors),
                        Facts(changed.today, changed.interpretations, changed.facts))
    formula = grounder.holds(instance.norm, instance.binding)
    status = "holds" if formula.value is True else "depends"
    return Correction(tuple(changes), status, derive(formula))
