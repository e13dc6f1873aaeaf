"""Diff: the scenarios that two versions of a charter, or two readings of one, answer differently.

"Is there a scenario where version A and version B answer differently?" is a satisfiability
question over the union of the two encodings. Both charters are grounded over one domain (the
actors of both, less the surplus of the classes both leave interchangeable, plus the unnamed
representatives of `check`), every atom is shared and left open, and each version's
interpretations are fixed to its reading (they fold away as the formulas are built). Then, for
each class of difference, the solver is asked for the smallest scenario that shows it
(smt/search.py `WitnessSearch`: fewest facts, then the earliest day):

- norm: an instance of a norm (matched by name, a rename matched as one) that holds under one
  version and not the other, or holds under both with another modality;
- violation: an instance whose violation one version shows and the other does not (the
  scenario states the act done, or not done);
- finding: a finding of `check` that one version has and the other does not.

Each difference carries its witness, the answers of `query` under each version in that scenario
(with derivations and articles), and the clauses that changed between the two texts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace

from ..ground.from_model import FALSE_G, Domain, Facts, G, Grounder, g_and, g_not, g_or
from ..ground.symmetry import common_quotient
from ..model import types as m
from ..model.facts import AtomKey
from ..model.facts import names as value_names
from ..model.scenario import Scenario
from ..model.walk import dependencies
from ..smt.search import Assignment, WitnessSearch
from ..smt.solver import Limits, Result
from ..syntax.source import Span
from .check import Finding, check_charter
from .query import Answer, Violation, query
from .witness import REPRESENTATIVES, Witness
from .witness import witness_scenario as scenario_of


@dataclass(frozen=True)
class Version:
    """One side of a diff: a charter under a reading. `label` names it in answers."""

    label: str
    charter: m.Charter
    settings: Mapping[str, str]


@dataclass(frozen=True)
class Change:
    """A clause that differs between the two texts (or an interpretation between two readings).

    how: "added", "removed", "changed", "renamed" or "switched"; what: "norm", "definition",
    "interpretation", "priority", "assumption", "incompatibility", "actor", "kind", "sort",
    "act", "event", "date", "article"."""

    how: str
    what: str
    name: str
    citation: m.Citation | None
    old: Span | None
    new: Span | None
    detail: str = ""


@dataclass(frozen=True)
class Reading:
    """What one version answers in the witness: the norm's answers for the instance, its
    violations, and (for a difference of `check`) the finding."""

    answers: tuple[Answer, ...] = ()
    violations: tuple[Violation, ...] = ()
    finding: Finding | None = None


@dataclass(frozen=True)
class Difference:
    """One class of difference, with its smallest witness.

    kind: "norm", "violation" or "finding"; subject: the norm (`old -> new` for a rename) or the
    finding's code; holder and action: the instance that differs (norm and violation)."""

    kind: str
    subject: str
    citation: m.Citation | None
    holder: str
    action: AtomKey | None  # None for a finding
    witness: Witness | None
    old: Reading
    new: Reading
    also: tuple[Answer, ...]  # answers both versions give in the witness (context)
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class DiffReport:
    """Every class of difference between two versions, with the changed clauses, the unnamed
    actors of the domain, and the classes the solver could not decide."""

    old: Version
    new: Version
    domain: tuple[tuple[str, str], ...]  # the actors neither charter declares, (name, kind)
    changes: tuple[Change, ...]
    differences: tuple[Difference, ...]
    unknown: tuple[str, ...]  # the classes the solver could not decide


def diff(old: Version, new: Version, limits: Limits = Limits(),
         norms: Collection[str] | None = None) -> DiffReport:
    """Every class of difference between `old` and `new`, each with its smallest witness;
    with `norms`, only the differences of those norms (by either version's name) and the
    findings of `check` about them."""
    return _Diff(old, new, limits, norms).run()


# ---- the changed clauses ------------------------------------------------------------------------


def changes(old: Version, new: Version) -> tuple[Change, ...]:
    """The clauses that differ between the two charters, and the interpretations whose reading
    differs; layout, comments and the order of clauses are no change."""
    a, b = old.charter, new.charter
    found: list[Change] = []
    renamed = dict(_renames(a, b))
    for name, norm in a.norms.items():
        if name in renamed:
            found.append(Change("renamed", "norm", f"{name} -> {renamed[name]}", norm.citation,
                                norm.span, b.norms[renamed[name]].span))
    found += _compare("norm", _by_name(a.norms, renamed), _by_name(b.norms, {}),
                      lambda n: n.citation)
    for name in dict.fromkeys([*a.definitions, *b.definitions]):
        left, right = a.definitions.get(name), b.definitions.get(name)
        found += _compare("definition", _clauses(left), _clauses(right), lambda c: c.citation,
                          lambda key, name=name: name if key == "" else f"{name} ({key})")
    found += _compare("interpretation", _defaults(a), _defaults(b), lambda i: None)
    for name in dict.fromkeys([*old.settings, *new.settings]):
        before, after = old.settings.get(name), new.settings.get(name)
        if before is not None and after is not None and before != after:
            found.append(Change("switched", "interpretation", name, None, None, None,
                                f"{before} -> {after}"))
    found += _compare("priority", _priorities(a), _priorities(b), lambda p: p.citation)
    found += _compare("assumption", {x.name: x for x in a.assumptions},
                      {x.name: x for x in b.assumptions}, lambda x: None)
    found += _compare("incompatibility", {x.name: x for x in a.incompatibilities},
                      {x.name: x for x in b.incompatibilities}, lambda x: None)
    found += _compare("actor", a.actors, b.actors, lambda x: None)
    found += _compare("kind", a.kinds, b.kinds, lambda x: None)
    found += _compare("sort", a.sorts, b.sorts, lambda x: None)
    for role in ("act", "event"):
        found += _compare(role, {k: p for k, p in a.predicates.items() if p.role == role},
                          {k: p for k, p in b.predicates.items() if p.role == role},
                          lambda x: None)
    found += _compare("date", _dates(a), _dates(b), lambda x: None)
    found += _compare("article", {str(x.citation): (x.text, x.notes) for x in a.articles},
                      {str(x.citation): (x.text, x.notes) for x in b.articles}, lambda x: None)
    return tuple(found)


def _by_name(norms: Mapping[str, m.Norm], renamed: Mapping[str, str]) -> dict[str, m.Norm]:
    """Norms by the name they have in the new version (a renamed one under its new name)."""
    return {renamed.get(name, name): replace(norm, name=renamed.get(name, name))
            for name, norm in norms.items()}


def _clauses(definition: m.Definition | None) -> dict[str, m.Clause]:
    """A definition's clauses by the article that contributes them ("" for the defining one)."""
    if definition is None:
        return {}
    first = definition.clauses[0].citation
    return {("" if c.citation == first else f"widened by {c.citation}"): replace(c, body=m.And(
        (m.EventAtom("params", tuple(definition.params)), c.body)))  # the parameters count
        for c in definition.clauses}


def _defaults(charter: m.Charter) -> dict[str, m.Interpretation]:
    return dict(charter.interpretations)


def _priorities(charter: m.Charter) -> dict[str, m.Priority]:
    return {f"{p.stronger} over {p.weaker}": p for p in charter.priorities}


#: The dates each instrument of a model of several has of its own (docs/instruments.md).
_OWN_DATES = ("signature", "entry_into_force")


def _dates(charter: m.Charter) -> dict[str, int]:
    """The charter's named dates. In a model of several instruments, `signature` and
    `entry_into_force` are each instrument's own, named after it: the model's own pair is only
    the last instrument's, left from resolving it, and would show a change of order as one."""
    if not charter.instruments:
        return dict(charter.dates)
    dates = {name: day for name, day in charter.dates.items() if name not in _OWN_DATES}
    for instrument in charter.instruments:
        for name, day in zip(_OWN_DATES, (instrument.signed, instrument.in_force), strict=True):
            if day is not None:
                dates[f"{name} of {instrument.cited}"] = day
    return dates


def _compare(what: str, old: Mapping[str, object], new: Mapping[str, object],
             citation: object, label: object = None) -> list[Change]:
    """Added, removed and changed entries of two mappings (compared as values: spans never
    count, see model.types)."""
    found = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        how = "added" if before is None else "removed" if after is None else "changed"
        shown = after if after is not None else before
        found.append(Change(how, what, label(key) if callable(label) else key,
                            citation(shown) if callable(citation) else None,
                            getattr(before, "span", None), getattr(after, "span", None)))
    return found


def _renames(old: m.Charter, new: m.Charter) -> Iterator[tuple[str, str]]:
    """(old name, new name) of the norms that only one version names: the same norm under
    another name, or else the only norm of the same modality and act on each side."""
    gone = [n for n in old.norms.values() if n.name not in new.norms]
    came = [n for n in new.norms.values() if n.name not in old.norms]
    for norm in list(gone):
        same = [n for n in came if replace(norm, name=n.name, citation=n.citation) == n]
        if same:
            gone.remove(norm)
            came.remove(same[0])
            yield norm.name, same[0].name
    for norm in gone:
        alike = [n for n in came
                 if (n.modality, n.action.predicate) == (norm.modality, norm.action.predicate)]
        rivals = [n for n in gone
                  if (n.modality, n.action.predicate) == (norm.modality, norm.action.predicate)]
        if len(alike) == 1 and len(rivals) == 1:
            came.remove(alike[0])
            yield norm.name, alike[0].name


# ---- the search ---------------------------------------------------------------------------------


@dataclass
class _Side:
    version: Version
    grounder: Grounder
    holds: dict[str, dict[AtomKey, G]]  # norm -> ground action -> when the instance holds


class _Diff:
    def __init__(self, old: Version, new: Version, limits: Limits,
                 norms: Collection[str] | None) -> None:
        self.old, self.new, self.limits = old, new, limits
        self.only = set(norms) if norms is not None else None
        self.unknown: list[str] = []
        self.changes = changes(old, new)
        kinds = dict.fromkeys([*old.charter.kinds, *new.charter.kinds])
        self.extra = {f"other_{kind}_{i}": kind for kind in kinds
                      for i in range(1, REPRESENTATIVES + 1)}
        kept = common_quotient(old.charter, new.charter, REPRESENTATIVES)
        self.sides = tuple(self._side(v, kept) for v in (old, new))
        background = [g for side in self.sides for g in side.grounder.assumptions()]
        holders = {v.sort for n in (*old.charter.norms.values(), *new.charter.norms.values())
                   for v in _holder_vars(n)}
        named = set(old.charter.actors) | set(new.charter.actors)
        self.search = WitnessSearch(background, limits, self._ranker(named, holders))

    def _side(self, version: Version, kept: tuple[str, ...]) -> _Side:
        charter = version.charter
        others = {name: self._kind(name) for name in kept if name not in charter.actors}
        domain = Domain.of(charter, {**others, **self.extra}, [n for n in kept
                                                              if n in charter.actors])
        grounder = Grounder(charter, domain, Facts(None, dict(version.settings)))
        return _Side(version, grounder, {})

    def _kind(self, name: str) -> str:
        for charter in (self.old.charter, self.new.charter):
            if name in charter.actors:
                return charter.actors[name].kind
        return self.extra[name]

    def _ranker(self, named: set[str], holders: set[str],
                ) -> Callable[[AtomKey], tuple[int, str]]:
        """Prefer facts about few named actors and few possible holders of duties: a witness
        about unnamed actors that the charter binds to nothing changes the fewest other answers,
        and stands (by symmetry) for every such actor."""
        kinds = self._all_kinds()

        def rank(key: AtomKey) -> tuple[int, str]:
            names = [n for arg in key.args for n in value_names(arg)]
            return (sum((n in named) + (kinds.get(n) in holders) for n in names), str(key))

        return rank

    @property
    def domain(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.extra.items())

    def run(self) -> DiffReport:
        a, b = self.old.charter, self.new.charter
        if not self.changes and (a.signed, a.in_force) == (b.signed, b.in_force):
            # every clause, declaration and reading is the same (order, layout and comments
            # aside): the same model answers every scenario alike, and check finds the same
            # findings, so there is nothing for the solver to search
            return DiffReport(self.old, self.new, self.domain, self.changes, (), ())
        differences: list[Difference] = []
        pairs = [p for p in self._pairs() if self._asked(*p)]
        for old, new in pairs:
            found = self._norm_difference(old, new)
            if found is not None:
                differences.append(found)
        for old, new in pairs:
            found = self._violation_difference(old, new)
            if found is not None:
                differences.append(found)
        differences += self._finding_differences()
        return DiffReport(self.old, self.new, self.domain, self.changes, tuple(differences),
                          tuple(self.unknown))

    def _asked(self, old: m.Norm | None, new: m.Norm | None) -> bool:
        names = {n.name for n in (old, new) if n is not None}
        return self.only is None or bool(names & self.only)

    def _pairs(self) -> list[tuple[m.Norm | None, m.Norm | None]]:
        a, b = self.old.charter, self.new.charter
        renamed = dict(_renames(a, b))
        pairs: list[tuple[m.Norm | None, m.Norm | None]] = []
        for name, norm in a.norms.items():
            other = b.norms.get(renamed.get(name, name))
            pairs.append((norm, other))
        taken = {n.name for _, n in pairs if n is not None}
        pairs += [(None, n) for n in b.norms.values() if n.name not in taken]
        return pairs

    def _instances(self, side: _Side, norm: m.Norm | None,
                   ) -> dict[AtomKey, G]:
        """The instances of `norm` that can hold, by their ground action."""
        if norm is None:
            return {}
        if norm.name not in side.holds:
            found: dict[AtomKey, G] = {}
            grounder = side.grounder
            for binding in grounder.bindings(norm.parameters):
                args = grounder.values(norm.action.args, binding)
                if args is None:
                    continue
                formula = grounder.holds(norm, binding)
                if formula.value is not False:
                    found[AtomKey(norm.action.predicate, args)] = formula
            side.holds[norm.name] = found
        return side.holds[norm.name]

    def _norm_difference(self, old: m.Norm | None, new: m.Norm | None) -> Difference | None:
        ia, ib = self._instances(self.sides[0], old), self._instances(self.sides[1], new)
        same = old is not None and new is not None and old.modality is new.modality
        goals = []
        for key in dict.fromkeys([*ia, *ib]):
            fa, fb = ia.get(key, FALSE_G), ib.get(key, FALSE_G)
            goals.append((key, _xor(fa, fb) if same else g_or([fa, fb])))
        return self._witnessed("norm", old, new, goals)

    def _violation_difference(self, old: m.Norm | None, new: m.Norm | None,
                              ) -> Difference | None:
        ia, ib = self._instances(self.sides[0], old), self._instances(self.sides[1], new)
        goals = []
        for key in dict.fromkeys([*ia, *ib]):
            va = self._violated(self.sides[0], old, ia.get(key), key)
            vb = self._violated(self.sides[1], new, ib.get(key), key)
            goals.append((key, _xor(va, vb)))
        return self._witnessed("violation", old, new, goals)

    def _violated(self, side: _Side, norm: m.Norm | None,
                  instance: G | None, key: AtomKey) -> G:
        if norm is None or instance is None or norm.modality is m.Modality.PERMITTED:
            return FALSE_G
        done = side.grounder.atom(key.predicate, key.args)
        evidence = done if norm.modality is m.Modality.FORBIDDEN else g_not(done)
        return g_and([instance, evidence])

    def _witnessed(self, kind: str, old: m.Norm | None, new: m.Norm | None,
                   goals: list[tuple[AtomKey, G]]) -> Difference | None:
        goals = [(key, goal) for key, goal in goals if goal.value is not False]
        if not goals:
            return None
        subject = _subject(old, new)
        result, found, probes = self.search.smallest(g_or([g for _, g in goals]),
                                                     [g for _, g in goals])
        if result is Result.UNKNOWN:
            self.unknown.append(f"{kind} {subject}")
            return None
        if found is None:
            return None
        action = next(key for (key, _), true in zip(goals, probes, strict=True) if true)
        norm = new if new is not None else old
        assert norm is not None
        failures: tuple[AtomKey, ...] = ()
        if kind == "violation" and action not in dict(found.facts):
            failures = (action,)  # a failure needs evidence: the scenario says it was not done
        witness = self._witness(found, failures, action)
        readings = [self._reading(side, n, action, witness)
                    for side, n in zip(self.sides, (old, new), strict=True)]
        holder = str(action.args[0]) if action.args else ""
        also = tuple(a for a in readings[0][1] if a in readings[1][1])
        return Difference(kind, subject, norm.citation, holder, action, witness,
                          readings[0][0], readings[1][0], also, self._relevant(old, new))

    def _witness(self, found: Assignment, failures: tuple[AtomKey, ...],
                 action: AtomKey) -> Witness:
        # the instance that differs may name an unnamed actor that no fact names (a duty with
        # no fact behind it): the scenario must declare it, or neither version can ask of it
        used = {name for key in (*(k for k, _ in found.facts), *failures, action)
                for name in key.names()}
        named = set(self.old.charter.actors) & set(self.new.charter.actors)
        actors = tuple((name, kind) for name, kind in self._all_kinds().items()
                       if name in used and name not in named)
        return Witness(m.number_date(found.today), actors,
                       tuple((key, m.number_date(start)) for key, start in found.facts), (),
                       failures)

    def _all_kinds(self) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for side in self.sides:
            kinds.update(side.grounder.domain.kinds)
        return kinds

    def _reading(self, side: _Side, norm: m.Norm | None, key: AtomKey,
                 witness: Witness) -> tuple[Reading, tuple[Answer, ...]]:
        """The answers of `query` under one version in the witness: those for the instance, and
        the others of the same holder's (context)."""
        charter = side.version.charter
        scenario = witness_scenario(charter, witness, side.version.settings)
        report = query(charter, scenario, self.limits)
        self.unknown += [f"{side.version.label}: {u}" for u in report.unknown]
        name = norm.name if norm is not None else None
        action = str(key)
        answers = tuple(a for a in report.answers if a.norm == name and a.action == action)
        violations = tuple(v for v in report.violations
                           if v.answer.norm == name and v.answer.action == action)
        others = tuple(_plain(a) for a in report.answers
                       if a.triggered_by and not (a.norm == name and a.action == action))
        return Reading(answers, violations), others

    def _relevant(self, old: m.Norm | None, new: m.Norm | None) -> tuple[Change, ...]:
        depends: set[tuple[str, str]] = set()
        for version, norm in ((self.old, old), (self.new, new)):
            if norm is not None:
                depends |= dependencies(version.charter, norm)
        names = {_subject(old, new)}
        articles = {str(n.citation) for n in (old, new) if n is not None}
        return tuple(c for c in self.changes
                     if (c.what, c.name.split(" (")[0]) in depends or c.name in names
                     or (c.what == "article" and c.name in articles)
                     or c.what in ("actor", "kind", "sort", "date"))

    # ---- check's findings ----------------------------------------------------------------------

    def _finding_differences(self) -> list[Difference]:
        reports = []
        for side in self.sides:
            report = check_charter(side.version.charter, side.version.settings, self.limits,
                                   side.grounder.domain, norms=self.only)
            self.unknown += [f"{side.version.label}: check {u}" for u in report.unknown]
            reports.append({_finding_key(f): f for f in report.findings})
        differences = []
        for index, (mine, theirs) in enumerate((reports, reports[::-1])):
            for key, finding in mine.items():
                if key in theirs or not self._about(finding):
                    continue
                readings = (Reading(finding=finding), Reading())
                old, new = readings if index == 0 else readings[::-1]
                norms = [self._norm(s.norm) for s in finding.sides]
                changes = tuple(dict.fromkeys(c for n in norms for c in self._relevant(*n)))
                differences.append(Difference(
                    "finding", finding.code, None, "", None, finding.witness, old, new, (),
                    changes))
        return differences

    def _about(self, finding: Finding) -> bool:
        """Whether a finding of `check` is about the norms asked for (all, by default)."""
        if self.only is None:
            return True
        if finding.sides:
            return any(s.norm in self.only for s in finding.sides)
        return any(f"norm {name} " in finding.message for name in self.only)

    def _norm(self, name: str) -> tuple[m.Norm | None, m.Norm | None]:
        for old, new in self._pairs():
            if name in (getattr(old, "name", None), getattr(new, "name", None)):
                return old, new
        return None, None


def witness_scenario(charter: m.Charter, witness: Witness,
                     settings: Mapping[str, str]) -> Scenario:
    """The witness as a scenario of `charter` under `settings`: its facts true from their day,
    its failures stated not done, the actors `charter` does not declare added."""
    actors = tuple((name, kind) for name, kind in witness.actors if name not in charter.actors)
    return scenario_of(replace(witness, actors=actors, interpretations=tuple(settings.items())),
                       witness.failures)


def _xor(first: G, second: G) -> G:
    return g_or([g_and([first, g_not(second)]), g_and([g_not(first), second])])


def _subject(old: m.Norm | None, new: m.Norm | None) -> str:
    if old is not None and new is not None and old.name != new.name:
        return f"{old.name} -> {new.name}"
    norm = new if new is not None else old
    return norm.name if norm is not None else ""


def _holder_vars(norm: m.Norm) -> list[m.Var]:
    return [norm.holder] if isinstance(norm.holder, m.Var) else []


def _plain(answer: Answer) -> Answer:
    """An answer without its derivation, to compare the context of two versions."""
    return replace(answer, derivation=(), articles=answer.articles[:1])


def _finding_key(finding: Finding) -> tuple[object, ...]:
    """What makes two findings of `check` the same finding, whichever witness each has."""
    if finding.sides:
        return (finding.code, finding.severity, finding.kind,
                tuple(s.norm for s in finding.sides), finding.resolved_by)
    return (finding.code, finding.severity, finding.kind, finding.message)


__all__ = ["Change", "DiffReport", "Difference", "Reading", "Version", "changes", "diff",
           "witness_scenario"]
