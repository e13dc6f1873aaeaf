"""Timeline: for a scenario with dated events, the date intervals in which each norm holds.

What the charter says on a day changes only where a date in it or in the scenario is reached: a
fact starts or ends, the charter enters into force, a date the charter names, or a fact's start
plus a period the charter counts (six months' notice). Those change points split time into
intervals in which every answer is the same; `query` is run once on the first day of each, and
consecutive intervals with the same answer are merged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from ..model import types as m
from ..model.facts import AtomFact, FactStatus
from ..model.scenario import Scenario
from ..model.walk import rule_expressions, subexpressions
from ..smt.decide import Verdict
from ..smt.solver import Limits
from ..syntax.source import FIRST_DAY, LAST_DAY
from .query import QueryReport, query

#: The months from the first day charterlogic reasons about to the last: a longer shift of a
#: date leaves the range, so it changes no answer in it.
_RANGE_MONTHS = (LAST_DAY.year - FIRST_DAY.year + 1) * 12


@dataclass(frozen=True)
class Interval:
    """[start, end) in which an answer has one status; `end` None: from `start` onwards."""

    start: int
    end: int | None
    status: str  # "holds" or "depends"


@dataclass(frozen=True)
class Line:
    """One norm instance across time."""

    holder: str
    modality: m.Modality
    action: str
    norm: str
    citation: m.Citation
    triggered: bool  # some event triggers it in some interval (else a standing norm)
    intervals: tuple[Interval, ...]
    predicate: str  # the act, `assist`
    arguments: tuple[str, ...]  # its arguments


@dataclass(frozen=True)
class Together:
    """In a model of several instruments: the intervals in which two instruments bind `holder`
    together (on each day of them, some norm of each holds for it)."""

    holder: str
    instruments: tuple[str, str]
    intervals: tuple[Interval, ...]


@dataclass(frozen=True)
class Timeline:
    """`timeline`'s answer: the change points of a dated scenario, in order, and for each norm
    instance the intervals in which it holds."""

    charter: m.Charter
    scenario: Scenario
    points: tuple[int, ...]  # the days on which some answer shown starts or ends, in order
    lines: tuple[Line, ...]
    unknown: tuple[str, ...]
    examined: tuple[int, ...] = ()  # every day on which an answer might have changed
    party: str | None = None  # only this holder's norms
    together: tuple[Together, ...] = ()  # several instruments: when two bind a holder at once


def timeline(charter: m.Charter, scenario: Scenario, limits: Limits = Limits(),
             party: str | None = None) -> Timeline:
    """The intervals in which each norm instance holds, over the scenario's dated events.

    A fact stated without any date starts on the scenario's day (`on`), as in `query`; one stated
    only `until` a day holds from the beginning until then. With `party`, only that holder's
    norms. The change points are the days on which some of those answers start or end: a day
    that could have changed something but did not is examined, not listed.
    """
    dated = replace(scenario, facts={
        key: AtomFact(f.status, scenario.today if (f.status is FactStatus.TRUE and f.start is None
                                                   and f.end is None) else f.start, f.end)
        for key, f in scenario.facts.items()})
    points = change_points(charter, dated)
    reports = [query(charter, replace(dated, today=day), limits, party) for day in points]
    lines = _lines(points, reports)
    changes = {day for line in lines for i in line.intervals for day in (i.start, i.end)
               if day is not None}
    return Timeline(charter, dated, tuple(sorted(changes)), lines,
                    tuple(dict.fromkeys(u for r in reports for u in r.unknown)), tuple(points),
                    party, _together(charter, points, reports) if charter.instruments else ())


def _together(charter: m.Charter, points: list[int],
              reports: list[QueryReport]) -> tuple[Together, ...]:
    """For each holder and pair of instruments, the intervals of the days on which some norm of
    each holds for the holder (an answer that only depends does not count)."""
    binding: list[dict[str, set[str]]] = []
    for report in reports:
        bound: dict[str, set[str]] = {}
        for answer in report.answers:
            instrument = answer.articles[0].instrument
            if instrument is not None and answer.status is Verdict.HOLDS:
                bound.setdefault(answer.holder, set()).add(instrument)
        binding.append(bound)
    holders = list(dict.fromkeys(h for bound in binding for h in bound))
    names = [i.cited for i in charter.instruments]
    found: list[Together] = []
    for holder in holders:
        for a, first in enumerate(names):
            for second in names[a + 1:]:
                intervals: list[Interval] = []
                for index, day in enumerate(points):
                    if not {first, second} <= binding[index].get(holder, set()):
                        continue
                    end = points[index + 1] if index + 1 < len(points) else None
                    if intervals and intervals[-1].end == day:
                        intervals[-1] = replace(intervals[-1], end=end)
                    else:
                        intervals.append(Interval(day, end, Verdict.HOLDS))
                if intervals:
                    found.append(Together(holder, (first, second), tuple(intervals)))
    return tuple(found)


def change_points(charter: m.Charter, scenario: Scenario) -> list[int]:
    """Every day on which an answer may change, as real calendar days, in order."""
    starts = [f.start for f in scenario.facts.values() if f.start is not None]
    days = set(starts) | {f.end for f in scenario.facts.values() if f.end is not None}
    days |= set(charter.dates.values())
    if charter.in_force is not None:
        days.add(charter.in_force)
    constants, periods = _charter_dates(charter)
    days |= constants
    # a period longer than the whole range of dates can change nothing within it (and a huge
    # one, `+ 99999999999999999999 years`, would overflow the calendar)
    days |= {m.add_months(start, months) for start in starts for months in periods
             if abs(months) <= _RANGE_MONTHS}
    first, last = m.date_number(FIRST_DAY), m.date_number(LAST_DAY)
    return sorted({real_day(day) for day in days if first <= day <= last})


def _charter_dates(charter: m.Charter) -> tuple[set[int], set[int]]:
    """The dates the charter's expressions name, and the periods (in months) they count."""
    constants: set[int] = set()
    periods: set[int] = set()
    for expression in rule_expressions(charter):
        for node in subexpressions(expression):
            if isinstance(node, m.DateCompare):
                for term in (node.left, node.right):
                    _date_term(term, constants, periods, 0)
    return constants, periods


def _date_term(term: m.DateTerm, constants: set[int], periods: set[int], months: int) -> None:
    if isinstance(term, m.DateConst):
        if abs(months) <= _RANGE_MONTHS:
            constants.add(m.add_months(term.value, months))
    elif isinstance(term, m.ShiftTerm):
        _date_term(term.term, constants, periods, months + term.months)
    elif isinstance(term, m.DateOfTerm) and months:
        periods.add(months)


def real_day(number: int) -> int:
    """A day past its month's end (31 February) as the first day of the next month."""
    year, month, day = number // 10000, number // 100 % 100, number % 100
    try:
        datetime.date(year, month, day)
    except ValueError:
        return m.add_months(year * 10000 + month * 100 + 1, 1)
    return number


def _lines(points: list[int], reports: list[QueryReport]) -> tuple[Line, ...]:
    order: dict[tuple[str, str, str], Line] = {}
    statuses: dict[tuple[str, str, str], dict[int, str]] = {}
    for index, report in enumerate(reports):
        for answer in report.answers:
            key = (answer.norm, answer.holder, answer.action)
            if key not in order:
                order[key] = Line(answer.holder, answer.modality, answer.action, answer.norm,
                                  answer.articles[0], False, (), answer.predicate,
                                  answer.arguments)
            if answer.triggered_by or answer.status is Verdict.DEPENDS:
                order[key] = replace(order[key], triggered=True)
            statuses.setdefault(key, {})[index] = answer.status
    lines = []
    for key, line in order.items():
        intervals: list[Interval] = []
        for index, day in enumerate(points):
            status = statuses[key].get(index)
            if status is None:
                continue
            end = points[index + 1] if index + 1 < len(points) else None
            if intervals and intervals[-1].end == day and intervals[-1].status == status:
                intervals[-1] = replace(intervals[-1], end=end)
            else:
                intervals.append(Interval(day, end, status))
        lines.append(replace(line, intervals=tuple(intervals)))
    return tuple(lines)
