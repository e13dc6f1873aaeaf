"""Render the reports of `explain`, `find`, `timeline` and clashes: text for people, JSON for tools.

Pure, like render.py, whose shared pieces it reuses (derivation trees, act descriptions, witness
lines): the same report gives the same bytes. Schemas are described in docs/explain.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analyses.clash import ClashReport
from ..analyses.derivation import Step, citation_json, citations
from ..analyses.explain import (
    ArticleRef,
    Correction,
    ExplainReport,
    Explanation,
    all_steps,
    article_refs,
)
from ..analyses.find import FindReport, Found
from ..analyses.timeline import Interval, Timeline
from ..analyses.witness import REPRESENTATIVES
from ..model import types as m
from ..smt.decide import Verdict
from ..smt.solver import Result
from ..syntax.diagnostics import Diagnostic, Severity
from ..syntax.diagnostics import render as render_diagnostic
from ..syntax.source import Source
from .answers import (
    _display,
    charter_json,
    derivation_lines,
    describe,
    scenario_json,
    scenario_lines,
    to_json,
    witness_lines,
)

EXPLAIN_SCHEMA = "charterlogic.explain/1"
FIND_SCHEMA = "charterlogic.find/1"
TIMELINE_SCHEMA = "charterlogic.timeline/1"
CLASH_SCHEMA = "charterlogic.clash/1"

_ANSWER_WORDS = {"holds": "YES", "does not hold": "NO", "depends": "IT DEPENDS",
                 "unknown": "UNKNOWN (solver limit)"}


# ---- shared pieces ------------------------------------------------------------------------------


def article_lines(refs: Sequence[ArticleRef]) -> list[str]:
    """The articles cited, each with its title and a line of its paraphrase."""
    lines = ["articles cited:"]
    for ref in refs:
        lines.append(f"  {ref.citation} \"{ref.citation.title}\": {ref.paraphrase}")
    if any(ref.citation.unverified for ref in refs):
        lines.append("  (art. no. unverified: the clause is known by subject; its number in "
                     "9 to 17 is not verified)")
    return lines


def _article_json(ref: ArticleRef) -> dict[str, object]:
    return {**citation_json(ref.citation), "paraphrase": ref.paraphrase}


def _steps_json(steps: Sequence[Step]) -> list[dict[str, object]]:
    return [s.to_json() for s in steps]


# ---- explain ------------------------------------------------------------------------------------


def explain_text(charter: m.Charter, report: ExplainReport) -> str:
    lines = [f"goal: {report.goal.text}"]
    lines += scenario_lines(charter, report.scenario)
    lines.append(f"answer: {_ANSWER_WORDS[report.verdict]}")
    # when some instance answers the goal, the others are listed, not explained (JSON has all)
    answering = [e for e in report.explanations if e.status != "does not hold"]
    for explanation in answering or report.explanations:
        lines.append("")
        lines += _explanation_lines(charter, explanation)
    others = [e for e in report.explanations if answering and e not in answering]
    if others:
        lines.append("")
        lines.append("also considered, and does not hold (`explain` each for why not):")
        lines += [f"  {e.modality.keyword} {e.action}  [{e.citation}, {e.norm}]"
                  for e in others]
    lines.append("")
    shown = answering or report.explanations
    cited = [c for e in shown for c in (e.citation, *citations(tuple(all_steps(e))))]
    lines += article_lines(article_refs(charter, cited))
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide {what} within its limits")
    return "\n".join(lines) + "\n"


def _explanation_lines(charter: m.Charter, e: Explanation) -> list[str]:
    holder = _display(charter, e.holder)
    head = (f"{holder} {e.modality.keyword} {e.action}: {_ANSWER_WORDS[e.status]}  "
            f"[{e.citation}, {e.norm}]")
    lines = [head]
    words = describe(charter, e.predicate, e.arguments)
    if words:
        lines.append(f"    ({words})")
    if e.status is Verdict.HOLDS:
        lines.append("  why:")
    elif e.status is Verdict.FAILS:
        lines.append("  why not:")
    else:
        lines.append("  what is known, and what is open:")
    lines += derivation_lines(e.derivation, "    ")
    if e.defeat is not None:
        lines.append(f"  defeated by: {e.defeat.text} [{e.defeat.citation}]")
        lines += derivation_lines(e.defeat.derivation, "    ")
    if e.corrections:
        size = len(e.corrections[0].changes)
        lines.append(f"  smallest changes that would make it hold ({size} "
                     f"change{'s' if size != 1 else ''}; undo any one and it would not hold):")
        for index, correction in enumerate(e.corrections, 1):
            lines += _correction_lines(index, correction)
    elif e.search == "unknown":
        lines.append("  the solver could not find the smallest changes (or deciding facts) "
                     "within its limits (raise --timeout or --rlimit)")
    elif e.status is Verdict.FAILS:
        lines.append("  no change of facts or interpretations makes it hold on this day")
    if e.deciding:
        lines.append(f"  decided by: {', '.join(e.deciding)} (the fewest unknown facts whose "
                     "values settle it)")
        for decision in e.decisions:
            values = ", ".join(f"{k} {'true' if v else 'false'}" for k, v in decision.values)
            lines.append(f"    if {values}: {decision.outcome}")
    return lines


def _correction_lines(index: int, correction: Correction) -> list[str]:
    lines = [f"    {index}. {'; '.join(str(c) for c in correction.changes)}"]
    if correction.status is not Verdict.HOLDS:
        lines.append(f"       (then it {correction.status} on the scenario's unknown facts)")
    return lines


def explain_json(charter: m.Charter, report: ExplainReport) -> str:
    data = {
        "schema": EXPLAIN_SCHEMA,
        "charter": charter_json(charter),
        "goal": report.goal.text,
        "scenario": scenario_json(report.scenario),
        "answer": report.verdict,
        "instances": [_explanation_json(charter, e) for e in report.explanations],
        "articles": [_article_json(a) for a in report.articles],
        "unknown": list(report.unknown),
    }
    return to_json(data)


def _explanation_json(charter: m.Charter, e: Explanation) -> dict[str, object]:
    return {
        "norm": e.norm,
        "modality": e.modality.value,
        "holder": e.holder,
        "action": {"name": e.predicate, "arguments": list(e.arguments), "text": e.action,
                   "description": describe(charter, e.predicate, e.arguments)},
        "article": citation_json(e.citation),
        "status": e.status,
        "derivation": _steps_json(e.derivation),
        "defeat": None if e.defeat is None else {
            "kind": e.defeat.kind, "text": e.defeat.text,
            "article": citation_json(e.defeat.citation),
            "derivation": _steps_json(e.defeat.derivation)},
        "corrections": [
            {"changes": [{"kind": c.kind, "subject": str(c.subject), "value": c.value,
                          "text": str(c)} for c in correction.changes],
             "status": correction.status,
             "derivation": _steps_json(correction.derivation)}
            for correction in e.corrections
        ],
        "deciding": list(e.deciding),
        "decisions": [{"values": dict(d.values), "outcome": d.outcome} for d in e.decisions],
        "search": e.search or None,
    }


# ---- find ---------------------------------------------------------------------------------------


def _found_lines(found: Found, settings: Mapping[str, bool]) -> list[str]:
    """The scenario in scenario-file syntax (without the enclosing block)."""
    lines = witness_lines(found.witness, dict(settings))
    lines += [f"not {act}" for act in found.failures]
    return lines


def find_text(report: FindReport) -> str:
    charter = report.charter
    lines = [f"goal: {report.goal.text}"]
    changed = [f"{n} {'on' if v else 'off'}" for n, v in report.interpretations.items()
               if charter.interpretations[n].default != v]
    lines.append(f"interpretations: {'defaults' if not changed else ', '.join(changed)}")
    lines.append(f"searched: every event and act among the charter's {len(charter.actors)} "
                 f"actors and {REPRESENTATIVES} more of each kind, on any day from 1901 to 2099")
    for index, found in enumerate(report.found, 1):
        events = len(found.witness.facts)
        lines.append("")
        lines.append(f"scenario {index} ({events} event{'s' if events != 1 else ''}): "
                     f"{found.instance}  [{found.citation}, {found.norm}]")
        lines.append("  scenario file:")
        lines += [f"    {line}" for line in _found_lines(found, report.interpretations)]
        lines.append("  because:")
        lines += derivation_lines(found.derivation[0].children if found.derivation else (),
                                  "    ")
    lines.append("")
    if report.unknown and not report.exhausted:
        pass  # the solver gave up: nothing more is claimed
    elif not report.found:
        lines.append("no scenario: the goal holds in no scenario under these interpretations")
    elif report.exhausted:
        lines.append(f"no further scenario: these {len(report.found)} are all "
                     "(every other one adds events to one of them)")
    else:
        lines.append("limit reached: --limit N for more")
    for what in report.unknown:
        lines.append(f"unknown: the solver could not finish {what} within its limits")
    return "\n".join(lines) + "\n"


def find_json(report: FindReport) -> str:
    charter = report.charter
    data = {
        "schema": FIND_SCHEMA,
        "charter": charter_json(charter),
        "goal": report.goal.text,
        "interpretations": dict(report.interpretations),
        "scenarios": [
            {"events": len(f.witness.facts),
             "date": f.witness.today,
             "actors": [{"name": n, "kind": k} for n, k in f.witness.actors],
             "facts": [{"atom": str(a), "from": d} for a, d in f.witness.facts],
             "not": [str(a) for a in f.failures],
             "instance": f.instance, "norm": f.norm, "article": citation_json(f.citation),
             "scenario_file": "\n".join(_found_lines(f, report.interpretations)) + "\n",
             "derivation": _steps_json(f.derivation)}
            for f in report.found
        ],
        "exhausted": report.exhausted,
        "unknown": list(report.unknown),
    }
    return to_json(data)


def found_files(report: FindReport) -> list[tuple[str, str]]:
    """(file name, scenario file text) for each scenario found."""
    files = []
    for index, found in enumerate(report.found, 1):
        body = _found_lines(found, report.interpretations)
        text = "\n".join([
            f"# Found by `charterlogic find '{report.goal.text}'`:",
            f"# {found.instance} [{found.citation}, {found.norm}]",
            "# Add the expectations this scenario should meet before putting it in the suite.",
            f'scenario "find {index}: {report.goal.text}" {{',
            *(f"  {line}" for line in body),
            "}",
        ])
        files.append((f"find-{index:02d}.scenario", text + "\n"))
    return files


# ---- timeline -----------------------------------------------------------------------------------


def _interval_text(interval: Interval) -> str:
    start = m.number_date(interval.start)
    text = (f"from {start} until {m.number_date(interval.end)}" if interval.end is not None
            else f"from {start} on")
    return text + (" (depends on unknown facts)" if interval.status is Verdict.DEPENDS else "")


def timeline_text(report: Timeline, show_all: bool = False) -> str:
    charter = report.charter
    lines = scenario_lines(charter, report.scenario)
    lines.append("change points: " + ", ".join(m.number_date(p) for p in report.points))
    lines.append("")
    shown = [line for line in report.lines if show_all or line.triggered]
    if not shown:
        lines.append("no norm is triggered by the scenario's events on any day")
    for line in shown:
        lines.append(f"{_display(charter, line.holder)} {line.modality.keyword} "
                     f"{line.action}  [{line.citation}, {line.norm}]")
        lines += [f"    {_interval_text(i)}" for i in line.intervals]
    standing = [line for line in report.lines if line not in shown]
    if standing:
        lines.append("")
        lines.append(f"standing norms, triggered by no event: {len(standing)} instances; "
                     "--all lists them")
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide {what} within its limits")
    return "\n".join(lines) + "\n"


def timeline_json(report: Timeline) -> str:
    charter = report.charter
    data = {
        "schema": TIMELINE_SCHEMA,
        "charter": charter_json(charter),
        "scenario": scenario_json(report.scenario),
        "change_points": [m.number_date(p) for p in report.points],
        "norms": [
            {"norm": line.norm, "modality": line.modality.value, "holder": line.holder,
             "action": line.action, "article": citation_json(line.citation),
             "triggered": line.triggered,
             "intervals": [
                 {"from": m.number_date(i.start),
                  "until": m.number_date(i.end) if i.end is not None else None,
                  "status": i.status}
                 for i in line.intervals]}
            for line in report.lines
        ],
        "unknown": list(report.unknown),
    }
    return to_json(data)


# ---- clash --------------------------------------------------------------------------------------


def clash_text(report: ClashReport, sources: Mapping[str, Source]) -> str:
    """A clash as `check` reports it: each clause at fault with its place and source line."""
    charter = report.charter
    lines = [f"charterlogic check: {charter.title} ({charter.source_name})", ""]
    if report.result is Result.UNKNOWN:
        lines.append("unknown: the solver could not decide whether the charter's assumptions "
                     "can all hold (raise --timeout or --rlimit)")
        return "\n".join(lines) + "\n"
    count = len(report.parts)
    lines.append(f"error[C000]: the charter is inconsistent: these {count} clauses cannot all "
                 "hold (drop any one and the rest can)")
    for part in report.parts:
        diagnostic = Diagnostic("C000", part.text, part.span, severity=Severity.NOTE)
        lines += [f"  {line}" for line in render_diagnostic(diagnostic, sources).splitlines()]
    lines.append("")
    lines.append("result: 1 error (the other analyses of `check` need a consistent charter)")
    return "\n".join(lines) + "\n"


def clash_json(report: ClashReport) -> str:
    charter = report.charter
    data = {
        "schema": CLASH_SCHEMA,
        "charter": charter_json(charter),
        "satisfiable": report.result.value,
        "clash": [
            {"kind": p.kind, "name": p.name, "text": p.text,
             "at": {"file": p.span.file, "line": p.span.line, "column": p.span.column},
             "article": citation_json(p.citation) if p.citation else None}
            for p in report.parts
        ],
    }
    return to_json(data)
