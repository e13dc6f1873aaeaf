"""Coverage: which norms the spec suite exercises, where they fire and where they stay silent.

A scenario exercises a norm when one of its expectations checks the norm's act:

- `expect [not] obliged|permitted|forbidden ACT` checks every norm of that modality whose act is
  ACT's act. The norm *fires* there if it derived an answer for ACT, and is *silent* otherwise.
- `expect [no] violation ...` checks the norms it names (every norm that can be violated, when
  it names none): a norm fires where its violation is derived, and is silent otherwise.

`expect nothing else` is a net over all norms rather than a check of one, so it counts for none.
A norm is covered when the suite has a scenario where it fires and one where it is silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import types as m
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
    """The suite's coverage of a charter, over `scenarios` scenarios, article by article."""

    charter: m.Charter
    scenarios: int
    articles: tuple[ArticleCoverage, ...]

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
    """1 when a norm is not exercised both firing and silent."""
    return 1 if coverage.uncovered() else 0
