"""Search: every question the analyses ask Z3, over ground formulas, answered as plain data.

The analyses (`analyses/`) never see a Z3 term. They hand this module ground formulas (`G`) and
get back verdicts, assignments (a day, the atoms true and their start dates, the interpretations)
and names. What is here:

- `decide` (from decide.py): whether a formula holds, does not, or depends on what is open;
- `deciding_set`: the smallest set of open atoms whose values decide a formula;
- `Session`: one solver with the charter's world assumptions and interpretation settings, for
  `check`: solve under the settings (naming, by a minimal unsat core, the interpretations that
  rule a formula out), and a witness with the fewest true facts (`witness`);
- `fewest_true`: the scenarios of a formula with the fewest true atoms, one after another, each
  excluding its supersets (`find`);
- `smallest_flips`: the smallest sets of literals of a scenario to give up so that a formula
  holds (`explain`'s corrections);
- `preferred`, `extreme_date`, `canonical_model`: models chosen by fixed rules rather than by the
  solver, so that the same question gets the same answer in any process;
- `minimal_core`, `minimal_clash`: a minimal set of tracked clauses that cannot all hold;
- `WitnessSearch`: the smallest witness of each of a series of goals over the same atoms
  (`diff`: fewest facts, then the earliest day, then preferred atoms).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import z3

from ..ground.from_model import G, Op, atoms_of
from ..model import types as m
from ..model.facts import AtomFact, AtomKey, FactStatus
from .decide import Decider, Verdict, decide  # noqa: F401  (re-exported for the analyses)
from .from_ground import Date, Encoder, compare, split, true_atoms
from .solver import Limits, Result, check

#: A literal the analyses name: an atom (its key) and a value, or a reading (its name) and an
#: option.
Literal = tuple[AtomKey | str, bool | str]

#: Every option of each reading, in order: name -> options (on/off readings: ("on", "off")).
Options = Mapping[str, tuple[str, ...]]


def _assumed(encoder: Encoder, interpretations: Mapping[str, str],
             options: Options) -> dict[str, list[z3.BoolRef]]:
    """Each reading's setting as the literals that select it (one for an on/off reading)."""
    return {name: encoder.reading(name, option, options[name])
            for name, option in interpretations.items()}


def _flat(groups: Iterable[list[z3.BoolRef]]) -> list[z3.BoolRef]:
    return [literal for group in groups for literal in group]


@dataclass(frozen=True)
class Assignment:
    """The scenario a model describes: the day, the atoms it makes true (sorted) with their start
    dates (the day itself for an atom whose date nothing reads), the interpretations asked for."""

    today: int
    facts: tuple[tuple[AtomKey, int], ...]
    interpretations: tuple[tuple[str, str], ...] = ()


class Model:
    """A model the solver found, for the analyses to read formulas in (it never leaves them)."""

    def __init__(self, encoder: Encoder, model: z3.ModelRef) -> None:
        self._encoder = encoder
        self._model = model

    def true(self, formula: G) -> bool:
        """Whether `formula` is true in the model."""
        return bool(z3.is_true(self._model.eval(self._encoder.formula(formula),
                                                model_completion=True)))

    def assignment(self, interpretations: Options | None = None) -> Assignment:
        """The scenario of the model, with the options of the readings named in
        `interpretations` (name -> every option)."""
        encoder, model = self._encoder, self._model
        today = encoder.date_value(model, encoder.today)
        facts = []
        for key in true_atoms(model, sorted(encoder.atoms.items())):
            start = encoder.dates.get(key)
            facts.append((key, encoder.date_value(model, start) if start is not None else today))
        settings = tuple((name, encoder.reading_in(model, name, options))
                         for name, options in (interpretations or {}).items())
        return Assignment(today, tuple(facts), settings)


def at_most(variables: Sequence[z3.BoolRef], count: int) -> z3.BoolRef:
    """At most `count` of `variables` (not empty) are true: the term `z3.AtMost` builds, made
    through the C API in one call. z3.AtMost checks and converts every argument in Python, which
    cost check about 6 ms a bound on the shipped charter (0.1 ms this way); the term is the same
    (hash-consed: `.eq` holds), so models and witnesses are too."""
    ctx = variables[0].ctx
    array = (z3.Ast * len(variables))(*(variable.as_ast() for variable in variables))
    return z3.BoolRef(z3.Z3_mk_atmost(ctx.ref(), len(variables), array, count), ctx)


class _GaveUp(Exception):
    """The solver hit its limits while deciding a subset."""


def deciding_set(formula: G, atoms: Sequence[AtomKey], limits: Limits = Limits(),
                 largest: int = 10,
                 ) -> tuple[tuple[AtomKey, ...], tuple[tuple[tuple[bool, ...], Verdict], ...]]:
    """The smallest subset of `atoms` (the open atoms of `formula`) whose values decide it, and
    what each combination of their values decides (HOLDS, FAILS or IMPOSSIBLE); empty if the
    solver hits its limits. Beyond `largest` atoms, the whole set with no outcomes: the whole
    set decides, trivially, and listing what each of its 2**n combinations decides would take
    2**(n+1) solver calls (the caller says that it stopped).

    Subsets are tried by size, then in the order given, so the answer is deterministic; the set
    of all open atoms always decides, since nothing else is open.
    """
    keys = list(atoms)
    if len(keys) > largest:
        return tuple(keys), ()
    session = _Outcomes(formula, limits)
    for size in range(1, len(keys) + 1):
        for subset in itertools.combinations(keys, size):
            try:
                found = session.outcomes(subset)
            except _GaveUp:
                return (), ()  # a larger set found after this would not be known smallest
            if found is not None:
                return subset, found
    return (), ()


def outcomes(formula: G, subset: Sequence[AtomKey], limits: Limits = Limits(),
             ) -> tuple[tuple[tuple[bool, ...], Verdict], ...] | None:
    """What each combination of values of `subset` decides of `formula`; None if one leaves it
    open (or the solver gives up)."""
    try:
        return _Outcomes(formula, limits).outcomes(tuple(subset))
    except _GaveUp:
        return None


class _Outcomes:
    def __init__(self, formula: G, limits: Limits) -> None:
        self.encoder = Encoder()
        self.encoded = self.encoder.formula(formula)
        self.solver = self.encoder.new_solver(limits)
        self.solver.add(*self.encoder.take_pending())

    def outcomes(self, subset: tuple[AtomKey, ...],
                 ) -> tuple[tuple[tuple[bool, ...], Verdict], ...] | None:
        found = []
        for values in itertools.product((True, False), repeat=len(subset)):
            fixed = [self.encoder.atom(k) if v else z3.Not(self.encoder.atom(k))
                     for k, v in zip(subset, values, strict=True)]
            can_hold = check(self.solver, [self.encoded, *fixed])
            can_fail = check(self.solver, [z3.Not(self.encoded), *fixed])
            if Result.UNKNOWN in (can_hold, can_fail):
                raise _GaveUp
            if can_hold is Result.UNSAT and can_fail is Result.UNSAT:
                outcome = Verdict.IMPOSSIBLE
            elif can_fail is Result.UNSAT:
                outcome = Verdict.HOLDS
            elif can_hold is Result.UNSAT:
                outcome = Verdict.FAILS
            else:
                return None  # open: not a decision
            found.append((values, outcome))
        return tuple(found)


# ---- models chosen by fixed rules ---------------------------------------------------------------


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


def extreme_date(solver: z3.Solver, assumptions: list[z3.BoolRef], date: Date,
                 latest: bool) -> list[z3.BoolRef] | None:
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


def canonical_model(solver: z3.Solver, encoder: Encoder, assumptions: list[z3.BoolRef],
                    preferences: list[z3.BoolRef], settle_day: bool = False,
                    first_day: int | None = None) -> z3.ModelRef | None:
    """A model under `assumptions` chosen by fixed rules, not by the solver (None if there is
    none or the solver gives up): the `preferences` that fit (see `preferred`); then, with
    `settle_day`, the day `first_day` if the rest allows it, else the earliest day; and each
    fact the model makes true started as late as it can (a denunciation "in 1901" is correct
    but useless)."""
    fixed = preferred(solver, assumptions, preferences)
    if fixed is None:
        return None
    model: z3.ModelRef | None = solver.model()
    if settle_day:
        day = z3.BoolVal(False, encoder.ctx) if first_day is None else \
            compare("=", encoder.today, split(first_day, encoder.ctx))
        if check(solver, [*fixed, day]) is Result.SAT:
            fixed = [*fixed, day]
        else:
            fixed = extreme_date(solver, fixed, encoder.today, latest=False) or fixed
        model = solver.model() if check(solver, fixed) is Result.SAT else None
    for key, date in sorted(encoder.dates.items()):
        if model is not None and z3.is_true(model.eval(encoder.atom(key), model_completion=True)):
            fixed = extreme_date(solver, [*fixed, encoder.atom(key)], date, latest=True) or fixed
    if check(solver, fixed) is not Result.SAT:
        return None
    return solver.model()


# ---- check: one session under the interpretation settings ---------------------------------------


class Session:
    """One encoder and one solver, with the charter's world assumptions asserted and the
    interpretations as named assumption literals (so that an unsat core can name them)."""

    def __init__(self, world: Sequence[G], interpretations: Mapping[str, str],
                 options: Options, limits: Limits = Limits()) -> None:
        self.encoder = Encoder()
        self.solver = self.encoder.new_solver(limits)
        self.solver.add(*(self.encoder.formula(a) for a in world))
        self.assumed = _assumed(self.encoder, interpretations, options)

    def solve(self, formula: G | Sequence[G], release: bool = True,
              ) -> tuple[Result, Model | None, tuple[str, ...]]:
        """Check `formula` (a sequence: any of them) under the interpretation settings.

        Returns the result, a model if SAT, and, if UNSAT only because of the interpretations
        (looked for only with `release`), the interpretations that rule it out, with a model
        under the others.
        """
        if isinstance(formula, G):
            encoded = self.encoder.formula(formula)
        else:
            encoded = z3.Or([self.encoder.formula(f) for f in formula])
        with self._asserting(encoded) as solver:
            result = check(solver, self._settings())
            if result is Result.SAT:
                return result, Model(self.encoder, solver.model()), ()
            if result is Result.UNKNOWN or not release:
                return result, None, ()
            core = {str(c) for c in solver.unsat_core()}
            resolved = [name for name, literals in self.assumed.items()
                        if any(str(literal) in core for literal in literals)]

            def released(names: list[str]) -> Result:
                return check(solver, self._settings(names))

            freed = released(resolved) if resolved else Result.UNSAT
            if freed is not Result.SAT:
                # an UNKNOWN here leaves open whether the readings resolve it: say so, not UNSAT
                return Result.UNKNOWN if freed is Result.UNKNOWN else Result.UNSAT, None, ()
            # Z3's core need not be minimal: keep only the readings whose release is needed
            for name in list(resolved):
                if released([n for n in resolved if n != name]) is Result.SAT:
                    resolved.remove(name)
            if released(resolved) is not Result.SAT:
                # it was SAT a moment ago: the solver gave up this time, and there is no model
                return Result.UNKNOWN, None, ()
            return Result.UNSAT, Model(self.encoder, solver.model()), tuple(resolved)

    def model(self, formula: G, flipped: Sequence[str] = ()) -> tuple[Result, Model | None]:
        """Whether `formula` can hold under the interpretation settings, except those `flipped`,
        with a model if it can."""
        with self._asserting(self.encoder.formula(formula)) as solver:
            result = check(solver, self._settings(flipped))
            return result, Model(self.encoder, solver.model()) if result is Result.SAT else None

    def _settings(self, released: Sequence[str] = ()) -> list[z3.BoolRef]:
        """The literals of the interpretation settings, but those of the readings `released`."""
        return _flat(ls for name, ls in self.assumed.items() if name not in released)

    @contextlib.contextmanager
    def _asserting(self, *terms: z3.BoolRef) -> Iterator[z3.Solver]:
        """The solver with `terms` asserted in a scope of their own, popped on leaving. The
        encoder's pending constraints go in first, outside the scope, since they hold for good
        (see WitnessSearch.smallest)."""
        self.solver.add(*self.encoder.take_pending())
        self.solver.push()
        self.solver.add(*terms)
        try:
            yield self.solver
        finally:
            self.solver.pop()

    def witness(self, formula: G, model: Model, read: set[AtomKey], first_day: int | None,
                flipped: tuple[str, ...] = ()) -> Model | None:
        """A model of `formula` with the fewest true atoms, all among `read` (the others are
        false), on `first_day` if it allows it. The interpretations keep their settings, except
        those `flipped`. `model`: a model of the formula, which bounds the count. None if the
        solver gives up (there is then no model to read)."""
        encoder, solver = self.encoder, self.solver
        encoded = encoder.formula(formula)
        solver.add(*encoder.take_pending())  # outside the push: see WitnessSearch.smallest
        atoms = sorted(encoder.atoms.items())
        variables = [atom for key, atom in atoms if key in read]
        # not `_asserting`: the negated atoms are made after the push, as they always were (made
        # before it, the same terms lead Z3 to other, equally small, witnesses)
        solver.push()
        solver.add(encoded,
                   *(z3.Not(atom) for key, atom in atoms if key not in read))
        assumptions = self._settings(flipped)
        most = len(true_atoms(model._model, atoms))
        anything = z3.BoolVal(True, encoder.ctx)
        for count in range(most + 1):  # the first count that works is the fewest facts
            fewest = at_most(variables, count) if variables else anything
            if check(solver, [*assumptions, fewest]) is Result.SAT:
                assumptions.append(fewest)
                break
        if first_day is not None:
            day = compare("=", encoder.today, split(first_day, encoder.ctx))
            if check(solver, [*assumptions, day]) is Result.SAT:
                assumptions.append(day)
        final = solver.model() if check(solver, assumptions) is Result.SAT else None
        solver.pop()
        return Model(encoder, final) if final is not None else None


def _asserting(formula: G, world: Sequence[G], limits: Limits) -> tuple[Encoder, z3.Solver]:
    """A fresh encoder, and a solver in which `formula` and the `world` formulas hold."""
    encoder = Encoder()
    encoded = encoder.formula(formula)
    assumed = [encoder.formula(a) for a in world]
    solver = encoder.new_solver(limits)
    solver.add(*encoder.take_pending())
    solver.add(encoded, *assumed)
    return encoder, solver


# ---- find: the fewest true atoms ----------------------------------------------------------------


def fewest_true(formula: G, world: Sequence[G], interpretations: Mapping[str, str],
                options: Options, first_day: int | None, limits: Limits = Limits(),
                ) -> Iterator[tuple[Result, Model | None]]:
    """The models of `formula` (and `world`, under the interpretation settings) with the
    fewest true atoms, fewest first, each canonical (see `canonical_model`: atoms false where
    they can be, the last first, the day `first_day` if allowed, else the earliest). After each,
    it and its supersets are excluded. Yields (SAT, model) for each, then (UNSAT, None) when no
    further one exists, or (UNKNOWN, None) when the solver gives up; stops after a model with
    no true atom (every other scenario is a superset of it)."""
    encoder, solver = _asserting(formula, world, limits)
    solver.add(*_flat(_assumed(encoder, interpretations, options).values()))
    atoms = sorted(encoder.atoms.items())
    variables = [atom for _, atom in atoms]
    count = 0
    while True:
        result = Result.UNSAT
        while count <= len(variables):
            bound = at_most(variables, count) if variables else z3.BoolVal(True, encoder.ctx)
            result = check(solver, [bound])
            if result is not Result.UNSAT:
                break
            count += 1
        if result is not Result.SAT:
            yield result, None
            return
        model = canonical_model(solver, encoder, [bound], [z3.Not(v) for v in reversed(variables)],
                                settle_day=True, first_day=first_day)
        if model is None:
            yield Result.UNKNOWN, None
            return
        kept = true_atoms(model, atoms)
        yield Result.SAT, Model(encoder, model)
        if not kept:
            return
        solver.add(z3.Or([z3.Not(encoder.atom(key)) for key in kept]))


# ---- explain: the fewest literals to give up ----------------------------------------------------


def smallest_flips(formula: G, world: Sequence[G], facts: Mapping[AtomKey, AtomFact], today: int,
                   interpretations: Mapping[str, str], options: Options,
                   limits: Limits = Limits(), count: int = 3,
                   ) -> tuple[list[tuple[list[Literal], dict[AtomKey, int]]], Result]:
    """Up to `count` smallest sets of changes to a scenario that make `formula` hold (with the
    `world` assumptions), and how the search ended: SAT (found, perhaps none), UNSAT (no change
    can) or UNKNOWN (the solver's limits; the sets found before stand).

    Every atom of the formula (except those `facts` state unknown, which stay open) and every
    interpretation (`interpretations` gives the scenario's settings) is assumed at its value in
    the scenario; the day stays fixed, and a fact that holds keeps its start date. Each set is
    the literals flipped, as (atom, new value) or (reading, new option), atoms first (sorted),
    and the
    start dates the model gives the atoms it adds whose dates matter. Among sets of the same
    size, those that change facts whose dates matter come first.
    """
    encoder, solver = _asserting(formula, world, limits)
    # the day stays fixed: a fact added must have started by it
    solver.add(compare("=", encoder.today, split(today, encoder.ctx)))
    soft: list[tuple[Literal, z3.BoolRef]] = []
    for key, atom in sorted(encoder.atoms.items()):
        fact = facts.get(key)
        if fact is not None and fact.status is FactStatus.UNKNOWN:
            continue
        now = fact is not None and fact.holds_on(today)
        soft.append(((key, not now), atom if now else z3.Not(atom)))
        if now and key in encoder.dates:
            start = fact.start if fact is not None and fact.start else today
            solver.add(z3.Implies(atom, compare("=", encoder.dates[key],
                                                split(start, encoder.ctx))))
    for name in sorted(encoder.readings):
        literals = encoder.reading(name, interpretations[name], options[name])
        soft.append(((name, interpretations[name]),
                     literals[0] if len(literals) == 1 else z3.And(literals)))
    possible = check(solver)
    if possible is not Result.SAT:
        return [], possible
    flips = [z3.Not(literal) for _, literal in soft]
    # among sets of the same size, keep first the facts whose dates matter (a denunciation is a
    # bigger change than a vote), then the rest in a fixed order
    dated = [lit for (subject, _), lit in soft if subject in encoder.dates]
    preferences = dated + [lit for (subject, _), lit in soft if subject not in encoder.dates]
    found: list[tuple[list[Literal], dict[AtomKey, int]]] = []
    for size in range(1, len(soft) + 1):
        bound = at_most(flips, size) if flips else z3.BoolVal(True, encoder.ctx)
        fits = check(solver, [bound])
        if fits is Result.UNKNOWN:
            return found, Result.UNKNOWN
        if fits is Result.UNSAT:
            continue
        while len(found) < count:
            model = canonical_model(solver, encoder, [bound], preferences)
            if model is None:
                break  # no other set of this size (or the solver gave up: what was found stands)
            chosen = [(change if isinstance(change[0], AtomKey) else
                       (change[0], encoder.reading_in(model, change[0], options[change[0]])),
                       literal) for change, literal in soft
                      if z3.is_false(model.eval(literal, model_completion=True))]
            starts = {subject: encoder.date_value(model, encoder.dates[subject])
                      for (subject, value), _ in chosen
                      if value and isinstance(subject, AtomKey) and subject in encoder.dates}
            found.append(([change for change, _ in chosen], starts))
            solver.add(z3.Or([literal for _, literal in chosen]))  # exclude this set next time
        break
    return found, Result.SAT


# ---- clash: a minimal set of tracked clauses ----------------------------------------------------


def minimal_core(solver: z3.Solver, literals: list[z3.BoolRef]) -> list[z3.BoolRef] | None:
    """A minimal subset of `literals` that cannot all hold (None if the solver gives up).

    Starts from Z3's unsat core and drops each literal whose removal keeps it unsatisfiable.
    """
    if check(solver, literals) is not Result.UNSAT:
        return None
    names = {str(c) for c in solver.unsat_core()}
    core = [lit for lit in literals if str(lit) in names]
    index = 0
    while index < len(core):
        trial = core[:index] + core[index + 1:]
        result = check(solver, trial)
        if result is Result.UNKNOWN:
            return None
        if result is Result.UNSAT:
            core = trial
        else:
            index += 1
    return core


@dataclass(frozen=True)
class Tracked:
    """A clause `minimal_clash` tracks: an assumption, an interpretation's setting, or clause
    `index` of a definition ("this clause suffices"; for the first, "and nothing else does")."""

    kind: str  # "assumption", "interpretation", "definition"
    name: str
    index: int = 0

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}" + (f"#{self.index}" if self.kind == "definition"
                                             else "")


class _TrackingEncoder(Encoder):
    """An encoder that names each ground definition and ties it to its clauses by literals."""

    def __init__(self, charter: m.Charter) -> None:
        super().__init__()
        self.charter = charter
        self.tracked: list[tuple[z3.BoolRef, z3.BoolRef]] = []  # (literal, constraint)
        self.literals: dict[Tracked, z3.BoolRef] = {}

    def literal(self, key: Tracked) -> z3.BoolRef:
        if key not in self.literals:
            self.literals[key] = z3.Bool(f"track:{key}", self.ctx)
        return self.literals[key]

    def _translate(self, node: G) -> z3.BoolRef:
        if node.op is not Op.DEFINITION:
            return super()._translate(node)
        assert node.key is not None  # a definition node names its ground call
        definition = self.charter.definitions[node.key.predicate]
        defined = z3.Bool(f"defined:{node.label}", self.ctx)
        alternatives = node.children[0]
        clauses = alternatives.children if alternatives.op is Op.OR else (alternatives,)
        encoded = []
        for clause_node in clauses:
            index = next((i for i, c in enumerate(definition.clauses)
                          if str(c.citation) == clause_node.label), 0)
            literal = self.literal(Tracked("definition", definition.name, index))
            body = self.formula(clause_node)
            encoded.append(body)
            self.tracked.append((literal, z3.Implies(body, defined)))
        first = self.literal(Tracked("definition", definition.name, 0))
        self.tracked.append((first, z3.Implies(defined, z3.Or(encoded) if encoded
                                               else z3.BoolVal(False, self.ctx))))
        return defined


def minimal_clash(charter: m.Charter, assumptions: Sequence[tuple[str, G]],
                  interpretations: Mapping[str, str], limits: Limits = Limits(),
                  ) -> tuple[Result, tuple[Tracked, ...]]:
    """Whether the `assumptions` (name, ground body), the interpretation settings and the
    definitions' clauses can all hold: SAT, or UNSAT with a minimal set of them that cannot,
    in the order they were tracked; UNKNOWN if the solver gives up."""
    encoder = _TrackingEncoder(charter)
    solver = encoder.new_solver(limits)
    for name, body in assumptions:
        literal = encoder.literal(Tracked("assumption", name))
        solver.add(z3.Implies(literal, encoder.formula(body)))
    for name, option in interpretations.items():
        literal = encoder.literal(Tracked("interpretation", name))
        options = charter.interpretations[name].option_names
        solver.add(*(z3.Implies(literal, value)
                     for value in encoder.reading(name, option, options)))
    solver.add(*encoder.take_pending())
    solver.add(*(z3.Implies(lit, constraint) for lit, constraint in encoder.tracked))
    literals = list(encoder.literals.values())
    result = check(solver, literals)
    if result is not Result.UNSAT:
        return result, ()
    core = minimal_core(solver, literals)
    if core is None:
        return Result.UNKNOWN, ()
    names = {str(lit) for lit in core}
    return Result.UNSAT, tuple(key for key, lit in encoder.literals.items() if str(lit) in names)


# ---- diff: the smallest witness of a difference -------------------------------------------------


class WitnessSearch:
    """One encoder and one solver for a series of goals over the same atoms (`diff`'s classes).

    A goal's witness is chosen by fixed rules, each kept while the later ones are asked:
    1. the fewest true atoms among those the goal and the `background` read (an atom the goal
       does not read cannot help, and is never shown);
    2. the earliest day;
    3. the preferred atoms: each fact is the first atom in the order of `rank` (then of the key)
       that still allows a witness;
    4. each fact started as late as it can (see `canonical_model`).
    `background`: formulas every witness satisfies (the world assumptions of both versions).
    """

    def __init__(self, background: Sequence[G], limits: Limits = Limits(),
                 rank: Callable[[AtomKey], object] | None = None) -> None:
        self.encoder = Encoder()
        self.solver = self.encoder.new_solver(limits)
        self.solver.add(*(self.encoder.formula(b) for b in background))
        self.solver.add(*self.encoder.take_pending())
        self._background_atoms = set().union(*(atoms_of(b) for b in background))
        self._rank = rank or (lambda key: 0)

    def smallest(self, goal: G, probes: Sequence[G] = (),
                 ) -> tuple[Result, Assignment | None, tuple[bool, ...]]:
        """The witness of `goal`, and the value of each probe formula in it; no witness with
        UNSAT (no scenario makes the goal true) or UNKNOWN (the solver's limits)."""
        goal_term = self.encoder.formula(goal)
        probe_terms = [self.encoder.formula(p) for p in probes]
        # the calendar constraints of the date variables the goal brought in stay for every
        # later goal: the encoder keeps those variables, and emits their constraints only once
        self.solver.add(*self.encoder.take_pending())
        self.solver.push()
        try:
            return self._smallest(goal, goal_term, probe_terms)
        finally:
            self.solver.pop()

    def _smallest(self, goal: G, goal_term: z3.BoolRef, probe_terms: list[z3.BoolRef],
                  ) -> tuple[Result, Assignment | None, tuple[bool, ...]]:
        encoder, solver = self.encoder, self.solver
        solver.add(goal_term)
        read = atoms_of(goal) | self._background_atoms
        variables = [(key, atom) for key, atom in sorted(encoder.atoms.items()) if key in read]
        result = check(solver)
        if result is not Result.SAT:
            return result, None, ()
        most = len(true_atoms(solver.model(), variables))
        count = 0
        for count in range(most + 1):  # the first count that works is the fewest facts
            fewest = at_most([a for _, a in variables], count) if variables \
                else z3.BoolVal(True, encoder.ctx)
            outcome = check(solver, [fewest])
            if outcome is Result.UNKNOWN:
                return outcome, None, ()
            if outcome is Result.SAT:
                solver.add(fewest)
                break
        earliest = extreme_date(solver, [], encoder.today, latest=False)
        if earliest is None:
            return Result.UNKNOWN, None, ()
        solver.add(*earliest)
        ranked = sorted(variables, key=lambda v: (self._rank(v[0]), v[0]))
        true: list[AtomKey] = []
        while len(true) < count:
            index = self._first(ranked)
            if index is None:
                return Result.UNKNOWN, None, ()
            key, atom = ranked.pop(index)
            solver.add(atom)
            true.append(key)
        solver.add(*(z3.Not(a) for _, a in ranked))
        for key in sorted(true):
            start = encoder.dates.get(key)
            if start is not None:
                latest = extreme_date(solver, [], start, latest=True)
                if latest is None:
                    return Result.UNKNOWN, None, ()
                solver.add(*latest)
        if check(solver) is not Result.SAT:
            return Result.UNKNOWN, None, ()
        final = solver.model()
        today = encoder.date_value(final, encoder.today)
        facts = tuple((key, encoder.date_value(final, encoder.dates[key])
                       if key in encoder.dates else today) for key in sorted(true))
        values = tuple(z3.is_true(final.eval(t, model_completion=True)) for t in probe_terms)
        return Result.SAT, Assignment(today, facts), values

    def _first(self, ranked: list[tuple[AtomKey, z3.BoolRef]]) -> int | None:
        """The index of the first atom of `ranked` that some witness makes true (None: unknown).

        One check per atom, in order: with the count of facts bounded, assuming one atom true
        propagates the rest, so each check is quick where a disjunction of many is not."""
        for index, (_, atom) in enumerate(ranked):
            outcome = check(self.solver, [atom])
            if outcome is Result.UNKNOWN:
                return None
            if outcome is Result.SAT:
                return index
        return None
