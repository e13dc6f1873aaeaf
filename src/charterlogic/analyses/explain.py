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

from ..ground.budget import doing
from ..ground.from_model import Domain, Facts, G, Grounder, Op, atoms_of, g_and
from ..model import types as m
from ..model.facts import AtomFact, AtomKey, FactStatus, show
from ..model.scenario import Scenario
from ..model.walk import condition_body, free_variables
from ..smt.decide import Verdict, decide
from ..smt.search import deciding_set, smallest_flips
from ..smt.solver import Limits, Result
from .derivation import Step, citations, derive, reading_text
from .goal import Goal, Instance, instances

#: How many smallest corrections `explain` lists, by default.
ALTERNATIVES = 3
#: A full stop that ends a sentence (not the one of "Art. 6").
_SENTENCE_END = re.compile(r"(?<!\bArt)(?<!\bArts)\.\s")
#: Beyond this many unknown facts, the smallest deciding set is not searched for, and the
#: outcome of each combination of their values is not listed (search "capped").
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
    value: bool | str  # the new value of an atom, or the reading's new option
    start: int | None = None  # the day an added fact starts, when it matters (not today)

    def __str__(self) -> str:
        if self.kind == "switch":
            return f"interpretation {self.subject} {self.value}"
        if not self.value:
            return f"not {self.subject}"
        return f"fact {self.subject}" + (f" from {m.number_date(self.start)}" if self.start
                                         else "")


@dataclass(frozen=True)
class Correction:
    """A smallest set of changes that makes the norm hold, and its derivation once changed."""

    changes: tuple[Change, ...]
    status: Verdict  # the norm's status in the changed scenario: HOLDS or DEPENDS
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

    values: tuple[tuple[str, bool], ...]  # (fact, its value)
    outcome: Verdict  # HOLDS, FAILS or IMPOSSIBLE


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
    status: Verdict  # HOLDS, FAILS, DEPENDS or UNKNOWN
    derivation: tuple[Step, ...]  # why it holds, why it fails, or what is still open
    defeat: Defeat | None = None
    corrections: tuple[Correction, ...] = ()
    deciding: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()
    search: str = ""  # how the search for corrections or deciding facts ended ("unknown": limits)


@dataclass(frozen=True)
class ExplainReport:
    """`explain`'s answer for a norm goal in a scenario: one explanation per instance of the goal,
    the articles cited, and what the solver could not decide (`unknown`)."""

    charter: m.Charter
    goal: Goal
    scenario: Scenario
    explanations: tuple[Explanation, ...]
    articles: tuple[ArticleRef, ...]
    unknown: tuple[str, ...]
    #: when no norm of the charter gives the goal (the answer is "never"): the norms on its act
    related: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        """HOLDS if some instance holds, else DEPENDS if some depends, else UNKNOWN if the solver
        could not tell for some, else FAILS; "never" when no norm of the charter gives the goal,
        in any scenario."""
        if not self.explanations:
            return "never"
        statuses = {e.status for e in self.explanations}
        for status in (Verdict.HOLDS, Verdict.DEPENDS, Verdict.UNKNOWN):
            if status in statuses:
                return status
        return Verdict.FAILS


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
    with doing(f"the norm instances that `{goal.text}` is about"):
        found = list(instances(goal, grounder))
    if not found:
        # "never" is an answer: no norm gives this, whatever happens; say which norms are on the act
        related = tuple(n.name for n in charter.norms.values()
                        if n.action.predicate == goal.predicate)
        return ExplainReport(charter, goal, scenario, (), article_refs(
            charter, [charter.norms[n].citation for n in related]), (), related)
    for instance in found:
        with doing(f"the explanation of {instance.holder} and {instance.action} "
                   f"({instance.norm.name})"):
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
    if status is Verdict.UNKNOWN:
        unknown.append(instance.action)
        return replace(base, derivation=derive(formula))
    if status is Verdict.HOLDS:
        return replace(base, derivation=derive(formula))
    if status is Verdict.DEPENDS:
        deciding, decisions = deciding_facts(formula, limits)
        search = ("capped" if deciding and not decisions else "found") if deciding else "unknown"
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
    """The articles (or paragraphs) cited, in order of first citation, each with the first
    sentence of its text: a paragraph's own, for `Art. 8(b)`."""
    by_citation = {a.citation: a for a in charter.articles}
    refs = []
    for citation in dict.fromkeys(cited):
        article = by_citation.get(citation.article())
        text = article.text_of(citation) if article is not None else ""
        sentence = _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".;") + "." if text else ""
        refs.append(ArticleRef(citation, sentence))
    return tuple(refs)


# ---- deciding ------------------------------------------------------------------------------------


def deciding_facts(formula: G, limits: Limits,
                   ) -> tuple[tuple[str, ...], tuple[Decision, ...]]:
    """The smallest set of open facts whose values decide `formula`, and what each decides;
    empty if the solver hits its limits (see `search.deciding_set`)."""
    subset, found = deciding_set(formula, sorted(atoms_of(formula)), limits, MAX_UNKNOWNS)
    texts = tuple(str(key) for key in subset)
    return texts, tuple(Decision(tuple(zip(texts, values, strict=True)), outcome)
                        for values, outcome in found)


# ---- why not -------------------------------------------------------------------------------------


def why_not(grounder: Grounder, instance: Instance, formula: G) -> tuple[Step, ...]:
    """Why a norm instance does not hold: the conditions that fail.

    Where the norm's condition has variables of its own (`x` in "aggression(x, p)"), every value
    fails; the one shown is the closest case: a value that no fact can make hold (one the norm's
    own terms exclude, `x = niger` in "aggression(niger, niger)") comes last; among the rest, the
    value under which the fewest of the condition's conjuncts fail, then the fewest conditions.
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
        conjuncts = _conjuncts(body)
        cases = []
        for values in itertools.product(*(grounder.domain.elements(v.sort) for v in free)):
            inner = {**binding, **{v.name: x for v, x in zip(free, values, strict=True)}}
            steps = failure(grounder.expr(body, inner))
            label = ", ".join(f"{v.name} = {show(x)}" for v, x in zip(free, values, strict=True))
            failing = sum(grounder.expr(part, inner).value is False for part in conjuncts)
            cases.append(((_excluded(steps), failing, _leaves(steps)), label, steps))
        _, label, steps = min(cases, key=lambda case: case[0])
        reasons = [Step("binding", f"{label} (the closest case)", None, tuple(steps))] if free \
            else steps
    return (Step("norm", f"not {norm.name}", norm.citation, tuple(reasons)),)


def _conjuncts(expr: m.Expr) -> list[m.Expr]:
    """The parts of a conjunction, nested ones flattened."""
    if isinstance(expr, m.And):
        return [part for operand in expr.operands for part in _conjuncts(operand)]
    return [expr]


_EXCLUDED = "excluded by the norm's own terms (an `other than` or `=`)"


def _excluded(steps: list[Step] | tuple[Step, ...]) -> bool:
    """Whether a failure rests on the norm's own terms, which no change of facts can lift."""
    return any(s.text == _EXCLUDED or _excluded(s.children) for s in steps)


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
        # a reading that fails is set to another option than the one the clause tests: saying
        # which it is, without `not`, would read as a reading relied on
        return [Step("interpretation", f"{reading_text(node)}, not {node.dates[0]}")]
    if op in (Op.DATE, Op.TEST):
        return [Step(op.value, f"not ({node.label})" if op is Op.DATE else f"not {node.label}")]
    if op is Op.NOT:
        negated = node.children[0]
        if negated.op is Op.CONST:  # `q = x`, `r != q`: fixed by the charter's own terms
            return [Step("test", _EXCLUDED)]
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
    then nothing more is claimed, since a larger set found after an unknown might not be
    smallest). A correction respects the charter's `assume` clauses; see `search.smallest_flips`
    for what may change.
    """
    grounder = Grounder(charter, Domain.of(charter, scenario.actors),
                        Facts(scenario.today, {}, None))
    formula = grounder.holds(instance.norm, instance.binding)
    settings = {name: scenario.interpretations.get(name, i.default)
                for name, i in charter.interpretations.items()}
    found, result = smallest_flips(formula, grounder.assumptions(), scenario.facts,
                                   scenario.today, settings, charter.reading_options(), limits,
                                   count)
    corrections = []
    for flips, starts in found:
        changes = []
        for subject, value in flips:
            if not isinstance(subject, AtomKey):
                changes.append(Change("switch", subject, value))
                continue
            start = starts.get(subject)
            changes.append(Change("add" if value else "remove", subject, bool(value),
                                  start if start != scenario.today else None))
        corrections.append(_correction(charter, scenario, instance, tuple(changes)))
    if result is Result.UNSAT:
        return (), "impossible"
    return tuple(corrections), "unknown" if result is Result.UNKNOWN else "found"


def apply_changes(scenario: Scenario, changes: tuple[Change, ...]) -> Scenario:
    """`scenario` with `changes` made."""
    facts = dict(scenario.facts)
    interpretations = dict(scenario.interpretations)
    for change in changes:
        if not isinstance(change.subject, AtomKey):
            interpretations[change.subject] = str(change.value)
        elif change.value:
            facts[change.subject] = AtomFact(FactStatus.TRUE, change.start)
        else:
            facts[change.subject] = AtomFact(FactStatus.FALSE)
    return replace(scenario, facts=facts, interpretations=interpretations)


def _correction(charter: m.Charter, scenario: Scenario, instance: Instance,
                changes: tuple[Change, ...]) -> Correction:
    """The correction `changes`, with the instance's derivation once they are made."""
    changed = apply_changes(scenario, changes)
    grounder = Grounder(charter, Domain.of(charter, changed.actors),
                        Facts(changed.today, changed.interpretations, changed.facts))
    formula = grounder.holds(instance.norm, instance.binding)
    status = Verdict.HOLDS if formula.value is True else Verdict.DEPENDS
    return Correction(changes, status, derive(formula))
