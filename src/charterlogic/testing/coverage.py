"""Coverage: which norms the spec suite exercises, where they fire and where they stay silent.

A scenario exercises a norm when one of its expectations checks the norm's act:

- `expect [not] obliged|permitted|forbidden ACT` checks every norm of that modality whose act is
  ACT's act. The norm *fires* there if it derived an answer for ACT, and is *silent* otherwise.
- `expect [no] violation ...` checks the norms it names (every norm that can be violated, when
  it names none): a norm fires where its violation is derived, and is silent otherwise.

`expect nothing else` is a net over all norms rather than a check of one, so it counts for none.
A norm is covered when the suite has a scenario where it fires and one where it is silent.

Readings are measured too: an interpretation set to one option is covered when some scenario
that does not use that option is answered differently once switched to it. A reading no scenario
tells apart comes with the smallest witness of `charterlogic diff` as a suggested scenario.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..analyses.diff import Difference, Version, diff
from ..analyses.query import QueryReport, query
from ..model import types as m
from ..smt.solver import Limits
from .spec import Result


@dataclass(frozen=True)
class NormCoverage:
    """Where one norm is exercised: the scenarios (file:line) where it fires, and where it is
    checked and derives nothing."""

    norm: str
    fires: tuple[str, ...]  # the scenarios (file:line) where it fires
    silent: tuple[str, ...]  # the scenarios where it is checked and derives nothing

    @property
    def covered(self) -> bool:
        """Whether the norm is seen both firing and silent."""
        return bool(self.fires) and bool(self.silent)


@dataclass(frozen=True)
class ArticleCoverage:
    """The coverage of each norm of one article, in source order."""

    citation: m.Citation
    norms: tuple[NormCoverage, ...]


@dataclass(frozen=True)
class Coverage:
    """The suite's coverage of a charter, over `scenarios` scenarios, article by article, and of
    its readings (empty when they were not measured: `measure` alone)."""

    charter: m.Charter
    scenarios: int
    articles: tuple[ArticleCoverage, ...]
    readings: tuple[ReadingCoverage, ...] = ()

    def uncovered(self) -> list[NormCoverage]:
        """The norms not seen both firing and silent, in the charter's order."""
        return [n for a in self.articles for n in a.norms if not n.covered]


def exercised(charter: m.Charter, result: Result) -> dict[str, str]:
    """The norms `result`'s expectations check: norm -> "fires" or "silent"."""
    found: dict[str, str] = {}
    for outcome in result.outcomes:
        expectation = outcome.expectation
        if expectation.kind == "norm":
            checked = [n.name for n in charter.norms.values()
                       if n.modality is expectation.modality
                       and n.action.predicate == expectation.predicate]
            fired = {a.norm for a in result.report.answers
                     if a.modality is expectation.modality and a.action == expectation.action}
        elif expectation.kind == "violation":
            checked = [n.name for n in charter.norms.values()
                       if n.modality is not m.Modality.PERMITTED
                       and (expectation.norms is None or n.name in expectation.norms)]
            fired = {v.answer.norm for v in outcome.violations}
        else:
            continue
        for norm in checked:
            if norm in fired or found.get(norm) != "fires":
                found[norm] = "fires" if norm in fired else "silent"
    return found


def measure(charter: m.Charter, results: Sequence[Result]) -> Coverage:
    """How many scenarios exercise each norm, article by article (in the charter's order)."""
    fires: dict[str, list[str]] = {name: [] for name in charter.norms}
    silent: dict[str, list[str]] = {name: [] for name in charter.norms}
    for result in results:
        for norm, how in exercised(charter, result).items():
            (fires if how == "fires" else silent)[norm].append(result.case.where)
    articles = tuple(
        ArticleCoverage(article.citation, tuple(
            NormCoverage(name, tuple(fires[name]), tuple(silent[name]))
            for name in article.norms))
        for article in charter.articles)
    return Coverage(charter, len(results), articles)


def exit_code(coverage: Coverage) -> int:
    """1 when a norm is not exercised both firing and silent, or a reading not told apart."""
    return 1 if coverage.uncovered() or any(not r.covered for r in coverage.readings) else 0


# ---- readings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadingCoverage:
    """Whether the suite tells one reading (an interpretation set to one option) apart: some
    scenario that does not already use it is answered differently once switched to it."""

    interpretation: str
    option: str
    distinguished_by: str | None  # the first such scenario (file:line)
    suggestion: Difference | None = None  # diff's witness, when no scenario tells it apart
    #: the option the suggested scenario is read under (its expectations are that option's)
    other: str | None = None
    defaults: Mapping[str, str] | None = None

    @property
    def covered(self) -> bool:
        """Whether some scenario of the suite tells the reading apart."""
        return self.distinguished_by is not None

    @property
    def label(self) -> str:
        """`NAME=OPTION`, as `--interpretation` takes it."""
        return f"{self.interpretation}={self.option}"


def measure_readings(charter: m.Charter, results: Sequence[Result],
                     limits: Limits = Limits()) -> tuple[ReadingCoverage, ...]:
    """For every interpretation and option, the first scenario of the suite answered
    differently under it; for an option none tells apart, the smallest witness of `diff`
    between another option (the default, or else the first other) and it, the other
    interpretations at their defaults."""
    found = []
    defaults = charter.default_interpretations()
    for name, reading in charter.interpretations.items():
        for option in reading.option_names:
            where = next((r.case.where for r in results
                          if _tells_apart(charter, r, name, option, limits)), None)
            if where is not None:
                found.append(ReadingCoverage(name, option, where))
                continue
            other = defaults[name] if defaults[name] != option else next(
                o for o in reading.option_names if o != option)
            old, new = {**defaults, name: other}, {**defaults, name: option}
            report = diff(Version(f"{name}={other}", charter, old),
                          Version(f"{name}={option}", charter, new), limits)
            first = next((d for d in report.differences if d.kind == "norm"),
                         next(iter(report.differences), None))
            found.append(ReadingCoverage(name, option, None, first, other, defaults))
    return tuple(found)


def _tells_apart(charter: m.Charter, result: Result, name: str, option: str,
                 limits: Limits) -> bool:
    scenario = result.case.scenario
    if scenario.interpretations.get(name) == option:
        return False
    switched = replace(scenario, interpretations={**scenario.interpretations, name: option})
    return _answers(query(charter, switched, limits)) != _answers(result.report)


def _answers(report: QueryReport) -> frozenset[tuple[object, ...]]:
    """What a scenario's answers say, without how they are derived."""
    return frozenset(
        [(a.norm, a.modality, a.action, a.status, a.depends_on) for a in report.answers]
        + [(v.answer.norm, v.evidence, v.status, v.depends_on) for v in report.violations])
