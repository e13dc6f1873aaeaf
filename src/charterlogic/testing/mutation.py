"""Mutation: change one clause at a time, re-run the spec suite, report the mutants that survive.

A mutant is the charter with one clause changed (a norm, a reading's default, a widening, an
assumption, a priority, a date or a duration; model values, via dataclasses.replace):

- `NORM:drop`              the norm is removed (with the priorities that name it);
- `NORM:negate`            its condition is negated;
- `NORM:drop-conjunct-K`   the K-th conjunct of its condition is removed;
- `NORM:drop-exception`    its `unless` clause is removed;
- `NORM:to-MODALITY`       its modality becomes MODALITY (obliged, permitted, forbidden);
- `NAME:flip-default`      an interpretation's default is switched (in every scenario that does
                           not set it itself);
- `DEFINITION:drop-extend-ART`  the clause by which article ART (or its paragraph: `7a`) widens
                           a definition is removed;
- `ASSUMPTION:drop-assume` an `assume` clause is removed;
- `STRONGER>WEAKER:reverse`  a priority is reversed;
- `OWNER:date+1`, `OWNER:date-1`  a date in a definition or norm is moved by one day;
- `OWNER:months+1`, `OWNER:months-1`  a duration (`+ 6 months`) is changed by one month
                           (`dateK`, `monthsK` when OWNER has several: the K-th, in order).

A mutant is killed when some scenario of the suite fails on it. One that survives is a change to
the charter that no scenario notices: the suite must kill it, or explain it with a comment in a
scenario file, `# mutant NORM:KIND survives: why`.

Speed: the charter is parsed once, mutants are model values, and the suite runs in-process. Each
mutant first meets the scenarios that killed its owner's earlier mutants, then those likeliest to
notice it (`_Evidence.unlikely`), then those that exercise the norms it can change (its norm; for
another clause, the norms that rest on it), and stops at the first failure. The query index
keeps each norm's instances across the mutants that leave what it rests on unchanged
(`analyses.query._norm_instances`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from typing import TextIO

from ..model import types as m
from ..model.facts import names as value_names
from ..model.walk import (
    children,
    dependencies,
    rule_expressions,
    subexpressions,
    term_names,
    terms,
    with_children,
)
from ..smt.solver import Limits
from .coverage import exercised
from .spec import Case, Result, Suite, explained_survivors, run_case


@dataclass(frozen=True)
class Mutant:
    """The charter with one clause changed: `id` OWNER:KIND (the norm, reading, definition,
    assumption or `STRONGER>WEAKER` priority, and what was done to it), what changed in words,
    and the changed charter."""

    id: str
    description: str
    charter: m.Charter
    flipped: str | None = None  # the interpretation whose default it switches
    #: a moved date's day, or a changed duration's months, before the change: a scenario with a
    #: day near it (`_unlikeliness`) is the likeliest to notice
    day: int | None = None
    months: int | None = None


@dataclass(frozen=True)
class MutationReport:
    """The mutants killed (with the scenario that killed each), those that survived, and the
    survivors the suite explains (id -> reason, where)."""

    charter: m.Charter
    killed: tuple[tuple[str, str], ...]  # (mutant id, the scenario that killed it)
    survived: tuple[Mutant, ...]
    explained: dict[str, tuple[str, str]]  # id -> (reason, where the comment is)
    #: the ids of every mutant the charter has (all of them run, unless `--mutant` selected)
    every: tuple[str, ...] = ()

    @property
    def unexplained(self) -> tuple[Mutant, ...]:
        """The survivors no `# mutant ID survives: why` comment explains."""
        return tuple(x for x in self.survived if x.id not in self.explained)

    @property
    def stale(self) -> tuple[str, ...]:
        """Explanations for mutants that are in fact killed (or do not exist); an explanation of
        a mutant this run did not select is not judged."""
        survived = {x.id for x in self.survived}
        ran = survived | {i for i, _ in self.killed}
        return tuple(sorted(i for i in self.explained
                            if i not in survived and (i in ran or i not in self.every)))


def mutants(charter: m.Charter) -> Iterator[Mutant]:
    """Every mutant of the charter: its norms' in the charter's order, then its other
    clauses'."""
    yield from norm_mutants(charter)
    yield from clause_mutants(charter)


def norm_mutants(charter: m.Charter) -> Iterator[Mutant]:
    """The mutants of the norms, norm by norm, in the charter's order."""
    for norm in charter.norms.values():
        name = norm.name
        yield Mutant(f"{name}:drop", f"remove {name}", _without(charter, name))
        yield Mutant(f"{name}:negate", f"negate the condition of {name}",
                     _with(charter, replace(norm, condition=m.Not(norm.condition))))
        if isinstance(norm.condition, m.And) and len(norm.condition.operands) > 1:
            operands = norm.condition.operands
            for index in range(len(operands)):
                kept = operands[:index] + operands[index + 1:]
                condition = kept[0] if len(kept) == 1 else m.And(kept)
                yield Mutant(f"{name}:drop-conjunct-{index + 1}",
                             f"drop conjunct {index + 1} of {len(operands)} of {name}'s condition",
                             _with(charter, replace(norm, condition=condition)))
        if norm.exception is not None:
            yield Mutant(f"{name}:drop-exception", f"drop the `unless` clause of {name}",
                         _with(charter, replace(norm, exception=None)))
        for modality in m.Modality:
            if modality is not norm.modality:
                yield Mutant(f"{name}:to-{modality.value}",
                             f"make {name} {modality.value} instead of {norm.modality.value}",
                             _with(charter, replace(norm, modality=modality)))


def clause_mutants(charter: m.Charter) -> Iterator[Mutant]:
    """The mutants of the clauses other than norms: readings, widenings, assumptions,
    priorities, dates and durations."""
    for name, reading in charter.interpretations.items():
        others = [o for o in reading.option_names if o != reading.default]
        for option in others:
            flipped = replace(reading, default=option)
            # an on/off reading has one other option: its default is flipped
            kind = "flip-default" if len(others) == 1 else f"default-{option}"
            yield Mutant(f"{name}:{kind}", f"make interpretation {name} {option} by default",
                         replace(charter, interpretations={**charter.interpretations,
                                                           name: flipped}), name)
    for name, definition in charter.definitions.items():
        for clause in definition.clauses[1:]:
            kept = tuple(c for c in definition.clauses if c is not clause)
            # a paragraph's own widening (Art. 7(a), 7(b)) is its own mutant: `7a`, `7b`
            where = f"{clause.citation.label}{clause.citation.paragraph or ''}"
            yield Mutant(f"{name}:drop-extend-{where}",
                         f"drop the widening of {name} by {clause.citation}",
                         _with_definition(charter, replace(definition, clauses=kept)))
    for assumption in charter.assumptions:
        kept_assumptions = tuple(a for a in charter.assumptions if a is not assumption)
        yield Mutant(f"{assumption.name}:drop-assume", f"drop assumption {assumption.name}",
                     replace(charter, assumptions=kept_assumptions))
    for index, priority in enumerate(charter.priorities):
        reversed_ = replace(priority, stronger=priority.weaker, weaker=priority.stronger)
        priorities = (*charter.priorities[:index], reversed_, *charter.priorities[index + 1:])
        yield Mutant(f"{priority.stronger}>{priority.weaker}:reverse",
                     f"reverse the priority of {priority.stronger} over {priority.weaker}",
                     replace(charter, priorities=priorities))
    yield from _date_mutants(charter)


def _date_mutants(charter: m.Charter) -> Iterator[Mutant]:
    """Each date and each duration of a definition or norm, moved by one unit either way."""
    owners: list[tuple[str, list[m.Expr], Callable[[list[m.Expr]], m.Charter]]] = []
    for name, definition in charter.definitions.items():
        def rebuild_definition(bodies: list[m.Expr], definition: m.Definition = definition,
                               ) -> m.Charter:
            clauses = tuple(replace(c, body=b)
                            for c, b in zip(definition.clauses, bodies, strict=True))
            return _with_definition(charter, replace(definition, clauses=clauses))
        owners.append((name, [c.body for c in definition.clauses], rebuild_definition))
    for name, norm in charter.norms.items():
        def rebuild_norm(parts: list[m.Expr], norm: m.Norm = norm) -> m.Charter:
            return _with(charter, replace(norm, guard=parts[0], condition=parts[1],
                                          exception=parts[2] if len(parts) > 2 else None))
        parts = [norm.guard, norm.condition, *([norm.exception] if norm.exception else [])]
        owners.append((name, parts, rebuild_norm))
    for owner, parts, rebuild in owners:
        sites = [site for part in parts for site in _date_sites(part)]
        for index, (kind, value) in enumerate(sites):
            number = f"{index + 1}" if len(sites) > 1 else ""
            for step in (1, -1):
                sign = "+" if step > 0 else "-"
                unit = "day" if kind == "date" else "month"
                changed = [_shift_site(part, index, step, [0]) for part in parts]
                yield Mutant(f"{owner}:{kind}{number}{sign}1",
                             f"move {'date' if kind == 'date' else 'duration'} "
                             f"{index + 1} of {owner} by {sign}1 {unit}", rebuild(changed),
                             day=value if kind == "date" else None,
                             months=value if kind == "months" else None)


def _date_sites(expr: m.Expr) -> list[tuple[str, int]]:
    """The dates ("date", with its day) and durations ("months", with their months) of an
    expression, in order."""
    found: list[tuple[str, int]] = []
    for node in subexpressions(expr):
        if isinstance(node, m.DateCompare):
            for term in (node.left, node.right):
                while isinstance(term, m.ShiftTerm):
                    found.append(("months", term.months))
                    term = term.term
                if isinstance(term, m.DateConst):
                    found.append(("date", term.value))
    return found


def _shift_site(expr: m.Expr, index: int, step: int, seen: list[int]) -> m.Expr:
    """`expr` with its `index`-th date or duration (counted in `seen`, in the order of
    `_date_sites`) moved by `step` days or months."""
    if isinstance(expr, m.DateCompare):
        return m.DateCompare(expr.op, _shift_term(expr.left, index, step, seen),
                             _shift_term(expr.right, index, step, seen))
    return with_children(expr, [_shift_site(c, index, step, seen) for c in children(expr)])


def _shift_term(term: m.DateTerm, index: int, step: int, seen: list[int]) -> m.DateTerm:
    if isinstance(term, m.ShiftTerm):
        mine = seen[0] == index
        seen[0] += 1
        inner = _shift_term(term.term, index, step, seen)
        return m.ShiftTerm(inner, term.months + step if mine else term.months)
    if isinstance(term, m.DateConst):
        mine = seen[0] == index
        seen[0] += 1
        if mine:
            day = datetime.date(term.value // 10000, term.value // 100 % 100, term.value % 100)
            return m.DateConst(m.date_number(day + datetime.timedelta(days=step)))
    return term


def _with_definition(charter: m.Charter, definition: m.Definition) -> m.Charter:
    return replace(charter, definitions={**charter.definitions, definition.name: definition})


def _with(charter: m.Charter, norm: m.Norm) -> m.Charter:
    return replace(charter, norms={**charter.norms, norm.name: norm})


def _without(charter: m.Charter, name: str) -> m.Charter:
    norms = {k: v for k, v in charter.norms.items() if k != name}
    priorities = tuple(p for p in charter.priorities if name not in (p.stronger, p.weaker))
    return replace(charter, norms=norms, priorities=priorities)


def selected(charter: m.Charter, patterns: Sequence[str]) -> list[Mutant]:
    """The mutants whose id matches one of the shell-style `patterns` (`collective_*`,
    `*:flip-default`); every mutant when there is none."""
    return [x for x in mutants(charter) if _matches(x.id, patterns)]


def _matches(mutant_id: str, patterns: Sequence[str]) -> bool:
    return not patterns or any(fnmatchcase(mutant_id, p) for p in patterns)


def run(charter: m.Charter, suite: Suite, baseline: Sequence[Result], limits: Limits = Limits(),
        progress: Callable[[int, int], None] | None = None,
        patterns: Sequence[str] = ()) -> MutationReport:
    """Run the suite against every mutant (or those `patterns` select). `baseline` is the
    suite's results on `charter` (they must all pass); it orders the scenarios so that most
    mutants die at once."""
    exercising = {r.case.where: exercised(charter, r) for r in baseline}
    readings = {r.case.where: _readings_rested_on(r) for r in baseline}
    beside = _beside_readings(charter)
    resting = {n.name: {name for _, name in dependencies(charter, n)}
               for n in charter.norms.values()}
    every = list(mutants(charter))
    all_mutants = [x for x in every if _matches(x.id, patterns)]
    killers: dict[str, list[Case]] = {}
    killed: list[tuple[str, str]] = []
    survived: list[Mutant] = []
    for done, mutant in enumerate(all_mutants):
        if progress is not None:
            progress(done, len(all_mutants))
        norm, kind = mutant.id.split(":")
        # a mutant that drops a conjunct shows where the norm should be silent; any other
        # shows best where the norm fires (a dropped exception widens it beside its answers)
        likely = "silent" if kind.startswith("drop-conjunct") else "fires"
        first = killers.get(norm, [])
        # a reading, definition or priority changes the norms that rest on it: the scenarios
        # exercising those come first (in suite order, the last file would kill it)
        owners = set(norm.split(">"))  # a priority's mutant is `STRONGER>WEAKER:reverse`
        changes = [n for n, names in resting.items() if owners & names] or [norm]
        ordered = [*first, *sorted(
            (c for c in suite.cases if c not in first),
            key=lambda c: (_unlikeliness(mutant, c, readings[c.where], beside),
                           min(_rank(exercising[c.where].get(n), likely) for n in changes)))]
        killer = next((c for c in ordered if _fails(mutant, c, limits)), None)
        if killer is None:
            survived.append(mutant)
        else:
            killed.append((mutant.id, killer.where))
            killers.setdefault(norm, []).insert(0, killer)
    if progress is not None:
        progress(len(all_mutants), len(all_mutants))
    return MutationReport(charter, tuple(killed), tuple(survived), explained_survivors(suite),
                          tuple(x.id for x in every))


def _readings_rested_on(result: Result) -> frozenset[str]:
    """The readings that a scenario's answers and violations on the charter rest on."""
    answers = [*result.report.answers, *(v.answer for v in result.report.violations)]
    return frozenset(text.split(" (")[0] for a in answers for text in a.interpretations)


def _unlikeliness(mutant: Mutant, case: Case, readings: frozenset[str],
                  beside: Mapping[str, set[str]]) -> int:
    """0 when `case` is among the likeliest to notice `mutant`, higher when less likely (then
    the usual order): for a flipped reading, a scenario that states an event beside it
    (`beside`: reading -> those events), then one whose answers rest on it (`readings`); for a
    moved date, a scenario with a day (today, a fact's start or end) on it or next to it; for
    a moved duration, one with a day within a month of another day plus the duration."""
    if mutant.flipped is not None:  # the events beside it are the sharper sign
        stated = {name for key in case.scenario.facts
                  for name in (key.predicate, *value_names(key.args))}
        return 0 if stated & beside.get(mutant.flipped, set()) \
            else 1 if mutant.flipped in readings else 2
    scenario = case.scenario
    days = [scenario.today, *(d for f in scenario.facts.values() for d in (f.start, f.end)
                              if d is not None)]
    if mutant.day is not None:  # one day either way, across a month's end too
        return 0 if any(abs(_day_count(d) - _day_count(mutant.day)) <= 3 for d in days) else 1
    if mutant.months is not None:
        shifted = [_day_count(m.add_months(d, mutant.months)) for d in days]
        return 0 if any(abs(_day_count(d) - e) <= 32 for d in days for e in shifted) else 1
    return 0


def _beside_readings(charter: m.Charter) -> dict[str, set[str]]:
    """Each reading's neighbours: the events, acts and constructors of the rules that read it
    (the clause of Art. 6 that reads rebellion_is_attack reads `rebellion`; Art. 7's reading of
    missions names `mission_abroad`), which a scenario that notices a change of its default is
    likely to state."""
    found: dict[str, set[str]] = {}
    for expr in rule_expressions(charter):
        nodes = list(subexpressions(expr))
        events = {n.predicate for n in nodes if isinstance(n, m.EventAtom)}
        events |= {name for term in terms(expr) for name in term_names(term)
                   if name not in charter.actors}
        for node in nodes:
            if isinstance(node, m.InterpRef):
                found.setdefault(node.name, set()).update(events)
    return found


def _day_count(number: int) -> int:
    """A day yyyymmdd counted as if every month had 31 days: near enough to order scenarios
    by how close they are to a date (and defined for a day past its month's end)."""
    return number // 10000 * 372 + number // 100 % 100 * 31 + number % 100


def _rank(how: str | None, likely: str) -> int:
    return 0 if how == likely else 1 if how is not None else 2


def _fails(mutant: Mutant, case: Case, limits: Limits) -> bool:
    # a scenario the solver could not decide kills nothing: only a failed expectation does
    scenario = case.scenario
    if mutant.flipped is not None and mutant.flipped not in scenario.switched:
        # the scenario follows the charter's default: the mutant's
        default = mutant.charter.interpretations[mutant.flipped].default
        case = replace(case, scenario=replace(scenario, interpretations={
            **scenario.interpretations, mutant.flipped: default}))
    return run_case(mutant.charter, case, limits).status == "fail"


def progress_bar(stream: TextIO, width: int = 30) -> Callable[[int, int], None]:
    """A progress bar on `stream` (a terminal), rewritten in place; cleared when done."""

    def show(done: int, total: int) -> None:
        filled = width * done // max(total, 1)
        stream.write(f"\rmutants [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\r" + " " * (width + 30) + "\r")
        stream.flush()

    return show


def exit_code(report: MutationReport) -> int:
    """1 when a mutant survives without an explanation in the suite."""
    return 1 if report.unexplained else 0
