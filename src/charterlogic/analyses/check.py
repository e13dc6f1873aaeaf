"""Check: is the charter consistent, over every scenario its vocabulary allows?

Symbolic, not by enumeration: every event and act is a free Boolean, the day and the facts' dates
free integers, and each analysis asks Z3 for one scenario that exhibits the problem:

- satisfiable: some scenario is a scenario at all (the background constraints are consistent);
- conflicts: one party both obliged and forbidden, or permitted and forbidden, the same act;
  or obliged to do two acts that an `incompatible` declaration says cannot both be done;
- dead norms: norms that no scenario triggers.

Interpretations are assumption literals: a conflict that exists only when some interpretations
are switched off is reported as resolved, naming them (Z3's unsat core of the assumptions).
Every finding comes with a witness scenario, made small by dropping facts one at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from ..ground.budget import doing
from ..ground.from_model import TRUE_G, Domain, Facts, G, Grounder, atoms_of, g_and, g_or, unify
from ..model import types as m
from ..model.facts import AtomFact, FactStatus, Value, names, show
from ..model.walk import rule_expressions, subexpressions
from ..smt.search import Model, Session
from ..smt.solver import Limits, Result
from ..syntax.diagnostics import Severity
from ..syntax.source import Span
from .derivation import Step, derive
from .witness import Witness, check_domain, witness_of

#: Every code a finding of `check` may carry, with what it means (docs/errors.md has an entry each).
FINDING_CODES = {
    "C000": "clauses that cannot all hold",
    "C001": "obliged and forbidden",
    "C002": "permitted and forbidden",
    "C003": "obliged to do two acts that cannot both be done",
    "C004": "a norm that can never apply",
    "C005": "vocabulary no clause uses",
}


@dataclass(frozen=True)
class Side:
    """One norm of a finding, in the witness scenario."""

    norm: str
    modality: m.Modality
    holder: str
    action: str  # the act instance, `assist(niger, mali)`
    article: m.Citation
    derivation: tuple[Step, ...]
    predicate: str  # the act, `assist`
    arguments: tuple[str, ...]  # its arguments, shown


@dataclass(frozen=True)
class Finding:
    """One result of `check`: a conflict, a dead norm, or a resolved conflict."""

    code: str
    severity: Severity
    kind: str  # "obliged-forbidden", "permitted-forbidden", "incompatible", "dead", ...
    message: str
    sides: tuple[Side, ...]
    witness: Witness | None
    resolved_by: tuple[str, ...] = ()
    detail: str = ""
    subject: str = ""  # the declaration a finding without sides is about (a dead norm, ...)
    #: where each norm (or declaration) the finding names is written, in the order named
    locations: tuple[tuple[str, Span], ...] = ()


@dataclass(frozen=True)
class CheckReport:
    """What `check` found, under `interpretations`: whether the charter can hold at all
    (`satisfiable`), each finding with its witness, the analyses the solver could not finish
    (`unknown`), and the actors scenarios ranged over (`domain`, name and kind)."""

    charter: m.Charter
    interpretations: m.Settings
    satisfiable: Result
    findings: tuple[Finding, ...]
    unknown: tuple[str, ...]  # analyses the solver could not finish
    domain: tuple[tuple[str, str], ...]  # the actors scenarios range over, (name, kind)
    #: `--about`: the actors the conflicts and incompatibilities were limited to (none: all)
    about: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """The number of findings of error severity (exit code 1 when not 0)."""
        return sum(f.severity is Severity.ERROR for f in self.findings)


def check_charter(charter: m.Charter, interpretations: m.Settings,
                  limits: Limits = Limits(), domain: Domain | None = None,
                  about: tuple[str, ...] = (), norms: Collection[str] | None = None,
                  ) -> CheckReport:
    """Run every analysis of `check` under the interpretation settings given, over `domain`
    (by default check_domain(): the quotient of interchangeable actors).

    `about`: named actors; if given, the conflicts and incompatibilities are only those whose
    party, or whose act, names one of them (the other analyses are about the charter as a
    whole, and unchanged).

    `norms`: if given, the conflicts, incompatibilities and dead norms are only those of a norm
    named there (`diff --norm` asks for no other, and the rest would cost most of its time)."""
    domain = domain or check_domain(charter, about)
    grounder = Grounder(charter, domain, Facts(None, {}))
    analysis = _Analysis(charter, grounder, interpretations, limits, frozenset(about),
                         None if norms is None else frozenset(norms))
    with doing("the consistency of the charter"):
        satisfiable = analysis.satisfiable()
    findings: list[Finding] = []
    findings += unused_vocabulary(charter)
    if satisfiable is Result.SAT:
        # named for the message if the command's budget runs out (budget.py)
        with doing("the conflicts between norms (C001, C002)"):
            findings += analysis.conflicts()
        with doing("the incompatible acts (C003)"):
            findings += analysis.incompatibilities()
        with doing("the norms that can never apply (C004)"):
            findings += analysis.dead_norms()
    elif satisfiable is Result.UNSAT:
        findings.append(Finding("C000", Severity.ERROR, "unsatisfiable",
                                "no scenario satisfies the charter's constraints", (), None))
    added = tuple((name, kind) for name, kind in domain.kinds.items()
                  if name not in charter.actors)
    return CheckReport(charter, dict(interpretations), satisfiable, tuple(findings),
                       tuple(analysis.unknown), added, tuple(about))


def unused_vocabulary(charter: m.Charter) -> list[Finding]:
    """Events, acts and interpretations that no clause mentions: dead vocabulary (C005)."""
    used: set[str] = set()
    for expression in rule_expressions(charter):
        for node in subexpressions(expression):
            if isinstance(node, m.EventAtom):
                used.add(node.predicate)
            elif isinstance(node, m.InterpRef):
                used.add(node.name)
    declared = [(p.name, p.role) for p in charter.predicates.values()]
    declared += [(name, "interpretation") for name in charter.interpretations]
    spans = {**{p.name: p.span for p in charter.predicates.values()},
             **{i.name: i.span for i in charter.interpretations.values()}}
    return [Finding("C005", Severity.WARNING, "unused",
                    f"{role} `{name}` is declared but no clause uses it", (), None,
                    subject=name, locations=((name, spans[name]),))
            for name, role in declared if name not in used]


class _Analysis:
    """The state shared by the analyses: one grounder, and one solver session (smt/search.py)."""

    def __init__(self, charter: m.Charter, grounder: Grounder,
                 interpretations: m.Settings, limits: Limits,
                 about: frozenset[str] = frozenset(),
                 norms: frozenset[str] | None = None) -> None:
        self.charter = charter
        self.about = about
        self.norms = norms
        self.grounder = grounder
        # every scenario of the analyses satisfies the charter's world assumptions
        world = grounder.assumptions()
        self.world_atoms = set().union(*(atoms_of(a) for a in world))
        # interpretations are named assumptions, so an unsat core can name the ones that matter
        self.session = Session(world, interpretations, charter.reading_options(), limits)
        self.settings = interpretations
        self.unknown: list[str] = []
        self._holds: dict[tuple[str, tuple[object, ...]], G] = {}

    # ---- helpers --------------------------------------------------------------------------------

    def holds(self, norm: m.Norm, binding: Mapping[str, object]) -> G:
        key = (norm.name, tuple(sorted(binding.items(), key=lambda kv: kv[0])))
        if key not in self._holds:
            self._holds[key] = self.grounder.holds(norm, binding)  # type: ignore[arg-type]
        return self._holds[key]

    def instances(self, norm: m.Norm) -> Iterator[tuple[dict[str, Value], tuple[Value, ...]]]:
        """(binding, ground action arguments) of every instance of `norm` that can hold."""
        for binding in self.grounder.bindings(norm.parameters):
            args = self.grounder.values(norm.action.args, binding)
            if args is not None and self.holds(norm, binding).value is not False:
                yield binding, args

    def asked(self, *norms: m.Norm) -> bool:
        """Whether a finding about `norms` is one the caller asks for: one of them is among
        `check_charter`'s `norms` (always, without them)."""
        return self.norms is None or any(n.name in self.norms for n in norms)

    def concerns(self, norm: m.Norm, binding: Mapping[str, object]) -> bool:
        """Whether the instance of `norm` under `binding` is one `--about` asks for: its holder
        or its act names an actor of `about` (always, without `--about`)."""
        if not self.about:
            return True
        holder = self.grounder.value(norm.holder, binding)  # type: ignore[arg-type]
        args = self.grounder.values(norm.action.args, binding) or ()  # type: ignore[arg-type]
        return not self.about.isdisjoint({holder, *names(args)})

    def solve(self, formula: G | list[G], what: str, release: bool = True,
              ) -> tuple[Result, Model | None, tuple[str, ...]]:
        """Session.solve, noting `what` the solver could not finish."""
        result, model, resolved = self.session.solve(formula, release)
        if result is Result.UNKNOWN:
            self.unknown.append(what)
        return result, model, resolved

    def witness(self, formula: G, model: Model, flipped: tuple[str, ...] = (),
                what: str = "a witness") -> Witness:
        """A scenario with the fewest facts that satisfies `formula`.

        The interpretations keep their settings, except those `flipped` to show a resolved
        conflict; the day is the charter's entry into force if the witness allows it. Only the
        atoms that the formula (or the world assumptions) read can be needed: the others are
        false.
        """
        read = atoms_of(formula) | self.world_atoms
        # the first day of the charter: its entry into force, or (when that is a reading rather
        # than a date of the header) its signature
        first = self.charter.in_force or self.charter.signed
        final = self.session.witness(formula, model, read, first, flipped)
        if final is None:
            # the solver gave up on the smallest witness: say so, and show the witness that
            # `solve` found, which is correct but may have more facts than needed
            self.unknown.append(f"the smallest witness of {what}")
            final = model
        assignment = final.assignment(self.charter.reading_options())
        return witness_of(self.charter, self.grounder.domain, assignment)

    def exhibit(self, pairs: list[tuple[dict[str, Value], dict[str, Value], G]], first: m.Norm,
                second: m.Norm, what: str,
                ) -> tuple[Witness, tuple[Side, Side], tuple[str, ...]] | None:
        """A witness in which one of `pairs` (first's binding, second's binding, both hold) is
        true, with both norms' sides, and the interpretations that resolve it; None if none can
        be."""
        _, model, resolved = self.solve(g_or([both for _, _, both in pairs]), what)
        if model is None:
            return None
        chosen, model = self.first_possible(pairs, model, resolved, what)
        witness = self.witness(chosen[2], model, resolved, what)
        sides = (self.side(first, chosen[0], witness), self.side(second, chosen[1], witness))
        return witness, sides, resolved

    def first_possible(self, pairs: list[tuple[dict[str, Value], dict[str, Value], G]],
                       model: Model, flipped: tuple[str, ...], what: str,
                       ) -> tuple[tuple[dict[str, Value], dict[str, Value], G], Model]:
        """The first of `pairs`, in the domain's order, that can hold (with `flipped` readings
        flipped), and a model of it. `model`, of one of them, saves a call when it is the first:
        the instance shown is then fixed by the order, not by the solver's choice of model (so
        `--about niger` shows a party assisting Niger, the first such instance)."""
        for pair in pairs:
            if model.true(pair[2]):
                return pair, model
            result, found = self.session.model(pair[2], flipped)
            if result is Result.UNKNOWN:
                self.unknown.append(f"the first instance of {what}")
            if found is not None:
                return pair, found
        raise AssertionError("unreachable: `model` satisfies one of the pairs")

    def side(self, norm: m.Norm, binding: Mapping[str, object], witness: Witness) -> Side:
        """The norm's derivation in the witness scenario."""
        facts = Facts(
            m.parse_date(witness.today), dict(witness.interpretations),
            {key: AtomFact(FactStatus.TRUE, m.parse_date(start)) for key, start in witness.facts},
        )
        # the witness is a scenario of the quotient domain: its universal facts are about the
        # representatives, so the derivation is read there too
        domain = Domain.of(self.charter, dict(witness.actors), self.grounder.domain.kinds)
        grounder = Grounder(self.charter, domain, facts)
        formula = grounder.holds(norm, binding)  # type: ignore[arg-type]
        holder = grounder.value(norm.holder, binding)  # type: ignore[arg-type]
        args = grounder.values(norm.action.args, binding)  # type: ignore[arg-type]
        action = show((norm.action.predicate, *args)) if args else norm.action.predicate
        return Side(norm.name, norm.modality, show(holder) if holder else "?", action,
                    norm.citation, derive(formula), norm.action.predicate,
                    tuple(show(a) for a in args or ()))

    def display(self, name: str) -> str:
        actor = self.charter.actors.get(name)
        return actor.display if actor is not None else name

    # ---- the analyses ---------------------------------------------------------------------------

    def satisfiable(self) -> Result:
        result, _, _ = self.solve(TRUE_G, "satisfiability")
        return result

    def conflicts(self) -> list[Finding]:
        """Obliged and forbidden, or permitted and forbidden, the same act."""
        findings = []
        norms = list(self.charter.norms.values())
        for forbidden in (n for n in norms if n.modality is m.Modality.FORBIDDEN):
            for other in norms:
                if other.modality is m.Modality.FORBIDDEN or \
                        other.action.predicate != forbidden.action.predicate or \
                        not self.asked(other, forbidden):
                    continue
                finding = self._conflict(other, forbidden)
                if finding is not None:
                    findings.append(finding)
        return findings

    def _conflict(self, first: m.Norm, forbidden: m.Norm) -> Finding | None:
        pairs: list[tuple[dict[str, Value], dict[str, Value], G]] = []
        for binding, args in self.instances(first):
            if not self.concerns(first, binding):
                continue
            match = unify(forbidden.action.args, args, self.grounder)
            if match is None:
                continue
            second = self.holds(forbidden, match)
            if second.value is False:
                continue
            pairs.append((binding, match, g_and([self.holds(first, binding), second])))
        if not pairs:
            return None
        kind = "obliged-forbidden" if first.modality is m.Modality.OBLIGED \
            else "permitted-forbidden"
        verb = "obliged" if first.modality is m.Modality.OBLIGED else "permitted"
        shown = self.exhibit(pairs, first, forbidden, f"{first.name} against {forbidden.name}")
        if shown is None:
            return None
        witness, sides, resolved = shown
        message = (f"{self.display(sides[0].holder)} is both {verb} ({first.citation}, "
                   f"{first.name}) and "
                   f"forbidden ({forbidden.citation}, {forbidden.name}) to {sides[0].action}")
        return self._finding("C001" if verb == "obliged" else "C002", kind, message, sides,
                             witness, resolved, severity=Severity.ERROR)

    def incompatibilities(self) -> list[Finding]:
        """A party obliged to do two acts that cannot both be done."""
        findings = []
        obligations = [n for n in self.charter.norms.values() if n.modality is m.Modality.OBLIGED]
        for incompatible in self.charter.incompatibilities:
            for first, second in itertools.product(obligations, repeat=2):
                if (first.action.predicate, second.action.predicate) != (
                        incompatible.first.predicate, incompatible.second.predicate) or \
                        not self.asked(first, second):
                    continue
                finding = self._incompatible(incompatible, first, second)
                if finding is not None:
                    findings.append(finding)
        return findings

    def _incompatible(self, rule: m.Incompatibility, first: m.Norm, second: m.Norm,
                      ) -> Finding | None:
        grounder = self.grounder
        pairs = []
        for binding in grounder.bindings(rule.parameters):
            a1 = grounder.values(rule.first.args, binding)
            a2 = grounder.values(rule.second.args, binding)
            # the same act twice is no clash; two acts with the same arguments may be
            if a1 is None or a2 is None or (rule.first.predicate, a1) == (
                    rule.second.predicate, a2):
                continue
            b1 = unify(first.action.args, a1, grounder)
            b2 = unify(second.action.args, a2, grounder)
            if b1 is None or b2 is None or not (self.concerns(first, b1)
                                                or self.concerns(second, b2)):
                continue
            condition = grounder.expr(rule.condition, binding)
            both = g_and([self.holds(first, b1), self.holds(second, b2), condition])
            if both.value is not False:
                pairs.append((b1, b2, both))
        if not pairs:
            return None
        shown = self.exhibit(pairs, first, second, f"incompatibility {rule.name}")
        if shown is None:
            return None
        witness, sides, resolved = shown
        message = (f"{self.display(sides[0].holder)} is obliged to {sides[0].action} "
                   f"({first.citation}) and to "
                   f"{sides[1].action} ({second.citation}), which cannot both be done "
                   f"({rule.name}{f': {rule.reason}' if rule.reason else ''})")
        # a clash through an `incompatible` declaration rests on a fact of the world, not on the
        # text alone: a warning, where a clash of the text itself is an error
        return self._finding("C003", "incompatible", message, sides, witness, resolved,
                             severity=Severity.WARNING)

    def dead_norms(self) -> list[Finding]:
        """Norms that no scenario triggers.

        Rather than one solver call per norm, ask for a scenario in which some norm not yet seen
        applies, and strike off every norm that applies in it; the norms left when no such
        scenario exists are dead (then asked one by one, to name a resolving interpretation).
        """
        formulas: dict[str, G] = {}
        for norm in filter(self.asked, self.charter.norms.values()):
            instances = [self.holds(norm, b) for b, _ in self.instances(norm)]
            formulas[norm.name] = g_or(instances)  # false if none
        unseen = dict(formulas)
        while unseen:
            result, model, _ = self.solve(list(unseen.values()), "dead norms", release=False)
            if result is Result.UNKNOWN:
                return []  # reported as unknown: claim nothing
            if model is None:
                break
            unseen = {name: f for name, f in unseen.items() if not model.true(f)}
        findings = []
        for name, formula in unseen.items():  # in the charter's order
            norm = self.charter.norms[name]
            result, _, resolved = self.solve(formula, f"dead norm {name}")
            if result is not Result.UNSAT:
                continue
            message = f"norm {name} ({norm.citation}) can never apply"
            if resolved:
                message += (" under the interpretations in force; it can if "
                            f"{', '.join(resolved)} is switched")
            findings.append(Finding("C004", Severity.WARNING, "dead", message, (), None, resolved,
                                    subject=name, locations=((name, norm.span),)))
        return findings

    def _finding(self, code: str, kind: str, message: str, sides: tuple[Side, ...],
                 witness: Witness, resolved: tuple[str, ...], severity: Severity) -> Finding:
        names = dict.fromkeys(side.norm for side in sides)  # a norm against itself: once
        locations = tuple((name, self.charter.norms[name].span) for name in names)
        if resolved:
            named = ", ".join(f"{n} ({self.settings[n]})" for n in resolved)
            detail = (f"resolved by interpretation{'s' if len(resolved) > 1 else ''} {named}: "
                      f"the conflict arises only under another option of it, as in the witness")
            return Finding(code, Severity.NOTE, kind, message, sides, witness, resolved, detail,
                           locations=locations)
        return Finding(code, severity, kind, message, sides, witness, locations=locations)

