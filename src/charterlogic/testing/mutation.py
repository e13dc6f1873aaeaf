"""Mutation: change one norm at a time, re-run the spec suite, report the mutants that survive.

A mutant is the charter with one norm changed (model.Norm, via dataclasses.replace):

- `NORM:drop`              the norm is removed (with the priorities that name it);
- `NORM:negate`            its condition is negated;
- `NORM:drop-conjunct-K`   the K-th conjunct of its condition is removed;
- `NORM:drop-exception`    its `unless` clause is removed;
- `NORM:to-MODALITY`       its modality becomes MODALITY (obliged, permitted, forbidden).

A mutant is killed when some scenario of the suite fails on it. One that survives is a change to
the charter that no scenario notices: the suite must kill it, or explain it with a comment in a
scenario file, `# mutant NORM:KIND survives: why`.

Speed: the charter is parsed once, mutants are model values, and the suite runs in-process. Each
mutant first meets the scenarios that killed its norm's earlier mutants, then those that exercise
its norm, and stops at the first failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from ..model import types as m
from ..smt.solver import Limits
from .coverage import exercised
from .spec import Case, Result, Suite, explained_survivors, run_case


@dataclass(frozen=True)
class Mutant:
    """The charter with one norm changed: `id` NORM:KIND, what changed in words, and the changed
    charter."""

    id: str
    description: str
    charter: m.Charter


@dataclass(frozen=True)
class MutationReport:
    """The mutants killed (with the scenario that killed each), those that survived, and the
    survivors the suite explains (id -> reason, where)."""

    charter: m.Charter
    killed: tuple[tuple[str, str], ...]  # (mutant id, the scenario that killed it)
    survived: tuple[Mutant, ...]
    explained: dict[str, tuple[str, str]]  # id -> (reason, where the comment is)

    @property
    def unexplained(self) -> tuple[Mutant, ...]:
        """The survivors no `# mutant ID survives: why` comment explains."""
        return tuple(x for x in self.survived if x.id not in self.explained)

    @property
    def stale(self) -> tuple[str, ...]:
        """Explanations for mutants that are in fact killed (or do not exist)."""
        survived = {x.id for x in self.survived}
        return tuple(sorted(i for i in self.explained if i not in survived))


def mutants(charter: m.Charter) -> Iterator[Mutant]:
    """Every mutant of the charter, norm by norm, in the charter's order."""
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


def _with(charter: m.Charter, norm: m.Norm) -> m.Charter:
    return replace(charter, norms={**charter.norms, norm.name: norm})


def _without(charter: m.Charter, name: str) -> m.Charter:
    norms = {k: v for k, v in charter.norms.items() if k != name}
    priorities = tuple(p for p in charter.priorities if name not in (p.stronger, p.weaker))
    return replace(charter, norms=norms, priorities=priorities)


def run(charter: m.Charter, suite: Suite, baseline: Sequence[Result], limits: Limits = Limits(),
        progress: Callable[[int, int], None] | None = None) -> MutationReport:
    """Run the suite against every mutant. `baseline` is the suite's results on `charter`
    (they must all pass); it orders the scenarios so that most mutants die at once."""
    exercising = {r.case.where: exercised(charter, r) for r in baseline}
    all_mutants = list(mutants(charter))
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
        ordered = [*first, *sorted(
            (c for c in suite.cases if c not in first),
            key=lambda c: _rank(exercising[c.where].get(norm), likely))]
        killer = next((c for c in ordered if _fails(mutant.charter, c, limits)), None)
        if killer is None:
            survived.append(mutant)
        else:
            killed.append((mutant.id, killer.where))
            killers.setdefault(norm, []).insert(0, killer)
    if progress is not None:
        progress(len(all_mutants), len(all_mutants))
    return MutationReport(charter, tuple(killed), tuple(survived), explained_survivors(suite))


def _rank(how: str | None, likely: str) -> int:
    return 0 if how == likely else 1 if how is not None else 2


def _fails(charter: m.Charter, case: Case, limits: Limits) -> bool:
    # a scenario the solver could not decide kills nothing: only a failed expectation does
    return run_case(charter, case, limits).status == "fail"


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
