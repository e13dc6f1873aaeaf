"""Render the spec suite's reports: test results, coverage and mutation, as text and JSON.

Pure, like the other render modules: the same report gives the same bytes. A failing scenario
shows each failed expectation beside what the model derived, with the derivations behind it
(the same lines the pytest plugin shows). Schemas are described in docs/scenarios.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import types as m
from ..schemas import schema_id
from ..testing.coverage import Coverage, ReadingCoverage
from ..testing.mutation import MutationReport
from ..testing.spec import CaseStatus, Outcome, Result
from .answers import (
    answer_json,
    charter_json,
    citation_json,
    derivation_lines,
    finding_json,
    plural,
    to_json,
    violation_json,
    witness_lines,
)

TEST_SCHEMA = schema_id("test")
COVERAGE_SCHEMA = schema_id("coverage")
MUTATION_SCHEMA = schema_id("mutation")
#: A failure shows the derivations of at most this many answers.
SHOWN_DERIVATIONS = 3


# ---- test results -------------------------------------------------------------------------------


def result_lines(result: Result, verbose: bool = True) -> list[str]:
    """One line for the scenario; for a failure, each failed expectation beside what the model
    derived, with the derivations and articles behind it."""
    case = result.case
    count = len(result.outcomes)
    head = result.status.value.upper()
    detail = (plural(count, "expectation") if count
              else "no expectations: add `expect` lines")
    if case.charter is not None:  # the file names its charter: say which
        detail += f"; charter {case.charter.source_name}"
    lines = [f"{head:<7} {case.where}  {case.scenario.name}  ({detail})"]
    if not verbose:
        return lines
    for what in result.report.unknown:
        lines.append(f"        unknown: the solver could not decide {what} within its limits")
    for outcome in result.outcomes:
        if not outcome.passed:
            lines += failure_lines(outcome)
    return lines


def failure_lines(outcome: Outcome) -> list[str]:
    """The lines of one failed expectation: where it is, what was expected, what was derived, and up
    to SHOWN_DERIVATIONS derivations."""
    expectation = outcome.expectation
    lines = [f"        {expectation.span}: {expectation.text}",
             f"          expected: {expectation.text.removeprefix('expect ')}"]
    lines += [f"          {'derived: ' if i == 0 else '         '} {text}"
              for i, text in enumerate(outcome.derived)]
    shown = list(dict.fromkeys([*outcome.answers, *(v.answer for v in outcome.violations)]))
    for answer in shown[:SHOWN_DERIVATIONS]:
        cited = ", ".join(str(c) for c in answer.articles)
        lines.append(f"          because ({answer.norm}; articles: {cited}):")
        lines += derivation_lines(
            answer.derivation[0].children if answer.derivation else (), "            ")
    if len(shown) > SHOWN_DERIVATIONS:
        lines.append(f"          ... and {len(shown) - SHOWN_DERIVATIONS} more derivations "
                     "(`charterlogic query --scenario FILE` shows them all)")
    return lines


def summary_line(results: Sequence[Result]) -> str:
    """`N scenarios: P passed, F failed` (and the empty and unknown ones, when there are some)."""
    statuses = [r.status for r in results]
    parts = [f"{statuses.count(CaseStatus.PASS)} passed",
             f"{statuses.count(CaseStatus.FAIL)} failed"]
    parts += [f"{statuses.count(s)} {word}" for s, word in
              ((CaseStatus.EMPTY, "without expectations"), (CaseStatus.UNKNOWN, "unknown"))
              if s in statuses]
    total = len(results)
    return f"{plural(total, 'scenario')}: {', '.join(parts)}"


def suite_text(results: Sequence[Result]) -> str:
    """`charterlogic test`'s report for people: one line per scenario, failures explained, then the
    summary."""
    lines = [line for result in results for line in result_lines(result)]
    return "\n".join([*lines, "", summary_line(results)]) + "\n"


def suite_json(charter: m.Charter, results: Sequence[Result]) -> str:
    """`charterlogic test`'s report as JSON (schemas/test.json, docs/scenarios.md)."""
    statuses = [r.status for r in results]
    data = {
        "schema": TEST_SCHEMA,
        "charter": charter_json(charter),
        "scenarios": [_result_json(r.case.charter or charter, r) for r in results],
        "summary": {status.value: statuses.count(status) for status in CaseStatus},
    }
    return to_json(data)


def _result_json(charter: m.Charter, result: Result) -> dict[str, object]:
    case = result.case
    data: dict[str, object] = {
        "file": case.file,
        "line": case.line,
        "name": case.scenario.name,
        "date": m.number_date(case.scenario.today),
        "status": result.status.value,
        "expectations": [{
            "text": o.expectation.text,
            "line": o.expectation.span.line,
            "column": o.expectation.span.column,
            "passed": o.passed,
            "derived": list(o.derived),
            # the query's own JSON for the answers and violations that show the outcome
            "answers": [answer_json(charter, a) for a in o.answers],
            "violations": [violation_json(charter, v) for v in o.violations],
            **({"findings": [finding_json(charter, f) for f in o.findings]}
               if o.expectation.kind == "finding" else {}),
        } for o in result.outcomes],
        "unknown": list(result.report.unknown),
    }
    if case.charter is not None:  # the charter its file names, not the suite's
        data["charter"] = charter_json(case.charter)
    return data


# ---- coverage -----------------------------------------------------------------------------------


def coverage_text(coverage: Coverage) -> str:
    """`test --coverage` for people: per article and norm, the scenarios where it fires and where it
    is silent, and the norms not covered; then each reading, and the scenario that tells it apart
    or the one `diff` suggests."""
    name = coverage.charter.source_name
    lines = [(f"coverage of {name} by {plural(coverage.scenarios, 'scenario')} (fires: the "
              "norm derived the expected answer; silent: checked, and derived nothing)")]
    for article in coverage.articles:
        label = f"{article.citation}"
        if not article.norms:
            lines.append(f"  {label}: no norm")
            continue
        total = len({w for n in article.norms for w in (*n.fires, *n.silent)})
        lines.append(f"  {label}: {plural(total, 'scenario')}")
        for norm in article.norms:
            mark = "" if norm.covered else "   <- NOT " + (
                "EXERCISED" if not norm.fires and not norm.silent
                else "SEEN FIRING" if not norm.fires else "SEEN SILENT")
            lines.append(f"    {norm.norm:<26} fires in {len(norm.fires):>3}, "
                         f"silent in {len(norm.silent):>3}{mark}")
    missing = coverage.uncovered()
    total = sum(len(a.norms) for a in coverage.articles)
    lines.append("")
    lines.append(f"{total - len(missing)} of {total} norms exercised both firing and silent"
                 + (f"; missing: {', '.join(n.norm for n in missing)}" if missing else ""))
    if coverage.readings:
        lines += ["", *reading_lines(coverage.readings)]
    return "\n".join(lines) + "\n"


def coverage_json(coverage: Coverage) -> str:
    """`test --coverage` as JSON (schemas/coverage.json)."""
    return to_json({
        "schema": COVERAGE_SCHEMA,
        "charter": charter_json(coverage.charter),
        "scenarios": coverage.scenarios,
        "articles": [{
            "article": citation_json(a.citation),
            "norms": [{"name": n.norm, "fires": list(n.fires), "silent": list(n.silent),
                       "covered": n.covered} for n in a.norms],
        } for a in coverage.articles],
        "uncovered": [n.norm for n in coverage.uncovered()],
        "readings": readings_json(coverage.readings),
        "uncovered_readings": [r.label for r in coverage.readings if not r.covered],
    })


def reading_lines(readings: Sequence[ReadingCoverage]) -> list[str]:
    """The readings part of `test --coverage`'s text."""
    lines = ["readings (a reading is covered when some scenario that does not use it is answered "
             "differently under it):"]
    width = max((len(r.label) for r in readings), default=0)
    for reading in readings:
        if reading.covered:
            lines.append(f"  {reading.label:<{width}}  told apart by {reading.distinguished_by}")
            continue
        lines.append(f"  {reading.label:<{width}}  <- NOT TOLD APART by any scenario")
        if reading.suggestion is not None:
            lines.append("      suggested scenario (from `charterlogic diff`), to add with its "
                         "expectations:")
            lines += [f"        {line}" for line in suggested_scenario(reading).splitlines()]
        else:
            lines.append("      and no scenario can: the two options answer every scenario "
                         "alike (charterlogic diff finds no difference)")
    missing = [r.label for r in readings if not r.covered]
    lines.append("")
    lines.append(f"{len(readings) - len(missing)} of {len(readings)} readings told apart"
                 + (f"; missing: {', '.join(missing)}" if missing else ""))
    return lines


def suggested_scenario(reading: ReadingCoverage) -> str:
    """The witness of an uncovered reading as a scenario block under the *other* option (a
    scenario tells a reading apart when it does not use it), with that option's answers as its
    expectations: they fail once the scenario is switched to the reading."""
    difference = reading.suggestion
    assert difference is not None and difference.witness is not None
    mine, other = difference.old, difference.new  # old: the other option; new: the reading
    expectations = [f"expect {a.modality.value} {a.action}" for a in mine.answers]
    if not mine.answers:
        expectations += [f"expect not {a.modality.value} {a.action}" for a in other.answers]
    if difference.kind == "violation":
        expectations = [f"expect violation by {v.answer.holder} of {v.answer.norm}"
                        for v in mine.violations] or ["expect no violation"]
    switch = []
    if (reading.defaults or {}).get(reading.interpretation) != reading.other:
        switch = [f"interpretation {reading.interpretation} {reading.other}"]
    body = [*witness_lines(difference.witness, {}), *switch, *expectations]
    return "\n".join([f'scenario "{reading.label} against the other option" {{',
                      *(f"  {line}" for line in body), "}"]) + "\n"


def suggestion_files(readings: Sequence[ReadingCoverage]) -> list[tuple[str, str]]:
    """(file name, text) of the suggested scenario of each reading no scenario tells apart."""
    return [(f"reading-{r.interpretation}-{r.option}.scenario",
             f"# Suggested by `charterlogic test --coverage`: no scenario of the suite tells "
             f"{r.label} apart.\n# Check the expectations against the text before adding it.\n"
             + suggested_scenario(r))
            for r in readings if not r.covered and r.suggestion is not None]


def readings_json(readings: Sequence[ReadingCoverage]) -> list[dict[str, object]]:
    """The readings part of `test --coverage`'s JSON."""
    return [{"interpretation": r.interpretation, "option": r.option,
             "covered": r.covered, "told_apart_by": r.distinguished_by,
             "suggestion": suggested_scenario(r) if r.suggestion is not None else None}
            for r in readings]


# ---- mutation -----------------------------------------------------------------------------------


def mutation_text(report: MutationReport) -> str:
    """`test --mutate` for people: the counts, each surviving mutant with its explanation or a
    request for one, stale explanations."""
    total = len(report.killed) + len(report.survived)
    explained = len(report.survived) - len(report.unexplained)
    of = f" of {len(report.every)} (selected by --mutant)" if total < len(report.every) else ""
    lines = [f"mutants: {total}{of}; killed {len(report.killed)}, survived "
             f"{len(report.survived)} ({explained} explained in the suite)"]
    for mutant in report.survived:
        reason = report.explained.get(mutant.id)
        if reason is None:
            lines.append(f"  SURVIVED  {mutant.id}: {mutant.description}")
            lines.append("            no scenario notices; add one that does, or explain with "
                         f"`# mutant {mutant.id} survives: why`")
        else:
            lines.append(f"  explained {mutant.id}: {reason[0]}  ({reason[1]})")
    for stale in report.stale:
        reason = report.explained[stale]
        lines.append(f"  stale explanation at {reason[1]}: `{stale}` is killed or does not exist")
    lines.append("")
    unexplained = len(report.unexplained)
    lines.append("result: every mutant is killed or explained" if not unexplained
                 else f"result: {plural(unexplained, 'unexplained surviving mutant')}")
    return "\n".join(lines) + "\n"


def mutation_json(report: MutationReport) -> str:
    """`test --mutate` as JSON (schemas/mutation.json)."""
    return to_json({
        "schema": MUTATION_SCHEMA,
        "charter": charter_json(report.charter),
        "killed": [{"mutant": i, "by": where} for i, where in report.killed],
        "survived": [{"mutant": x.id, "description": x.description,
                      "explanation": report.explained.get(x.id, (None, None))[0]}
                     for x in report.survived],
        "stale_explanations": list(report.stale),
    })
