"""Render: reports -> text for people, JSON for tools (schemas in docs/json.md).

Rendering is pure: the same report gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..analyses.derivation import Step, citation_json
from ..analyses.query import Answer, QueryReport, Violation
from ..model import types as m
from ..model.facts import FactStatus
from ..model.scenario import Scenario
from ..smt.decide import Verdict
from ..syntax.diagnostics import Severity

if TYPE_CHECKING:  # annotations only: rendering a query loads neither `check` nor Z3
    from ..analyses.check import CheckReport, Finding, Side, Witness

CHECK_SCHEMA = "charterlogic.check/1"
QUERY_SCHEMA = "charterlogic.query/1"


def to_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def charter_json(charter: m.Charter) -> dict[str, str]:
    """The charter, as every JSON output names it."""
    return {"title": charter.title, "path": charter.source_name}


# ---- shared pieces ------------------------------------------------------------------------------


def derivation_lines(steps: Sequence[Step], indent: str) -> list[str]:
    """A derivation as an indented tree, one step a line; a step met again is not re-expanded."""
    lines: list[str] = []
    expanded: set[tuple[str, str]] = set()

    def visit(step: Step, depth: int) -> None:
        key = (step.kind, step.text)
        if step.children and key in expanded:
            where = f"  [{step.citation}]" if step.citation is not None else ""
            lines.append(f"{indent}{'  ' * depth}- {step.text}{where} (as above)")
            return
        if step.children and step.kind == "definition":
            expanded.add(key)
        where = f"  [{step.citation}]" if step.citation is not None else ""
        text = step.text
        if step.kind == "fact":
            text = f"fact {text}"
        elif step.kind == "binding":
            text = f"where {text}"
        elif step.kind == "unknown":
            text = f"{text}  (open in this scenario)"
        lines.append(f"{indent}{'  ' * depth}- {text}{where}")
        for child in step.children:
            visit(child, depth + 1)

    for step in steps:
        visit(step, 0)
    return lines


def describe(charter: m.Charter, predicate: str, arguments: Sequence[str]) -> str:
    """The act in words, from its declaration's template: `Burkina Faso assists Niger`."""
    declared = charter.predicates.get(predicate)
    if declared is None or not declared.description:
        return ""
    names = {p.name: _display(charter, a) for p, a in zip(declared.params, arguments)}
    try:
        return declared.description.format(**names)
    except (KeyError, IndexError, ValueError):
        return declared.description


def _display(charter: m.Charter, value: str) -> str:
    actor = charter.actors.get(value)
    if actor is not None:
        return actor.display
    return value.replace("_", " ")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# ---- check --------------------------------------------------------------------------------------


def check_text(report: CheckReport) -> str:
    charter = report.charter
    title = f"{charter.title} ({charter.source_name})" if charter.title else charter.source_name
    lines = [f"charterlogic check: {title}"]
    lines += [f"  {line}" for line in _summary_lines(report)]
    lines.append("")
    satisfiable = {"sat": "yes", "unsat": "no", "unknown": "unknown (solver limit)"}
    lines.append(f"satisfiable: {satisfiable[report.satisfiable.value]}")
    for finding in report.findings:
        lines.append("")
        lines += _finding_lines(report, finding)
    for what in report.unknown:
        lines.append("")
        lines.append(f"unknown: the solver could not finish `{what}` within its limits "
                     "(raise --timeout or --rlimit)")
    lines.append("")
    lines.append(_verdict(report))
    return "\n".join(lines) + "\n"


def _summary_lines(report: CheckReport) -> list[str]:
    charter = report.charter
    articles = charter.articles
    numbered = sum(not a.citation.unverified for a in articles)
    norms = list(charter.norms.values())
    counts = {mod: sum(n.modality is mod for n in norms) for mod in m.Modality}
    kinds = ", ".join(charter.kinds)
    settings = ", ".join(f"{name} ({'on' if on else 'off'})"
                         for name, on in report.interpretations.items())
    return [
        f"{_plural(len(articles), 'article')} ({numbered} numbered, "
        f"{len(articles) - numbered} with unverified numbers); "
        f"{_plural(len(norms), 'norm')} ({counts[m.Modality.OBLIGED]} obligations, "
        f"{counts[m.Modality.PERMITTED]} permissions, "
        f"{counts[m.Modality.FORBIDDEN]} prohibitions); "
        f"{_plural(len(charter.definitions), 'definition')}",
        "articles:",
        *(f"  {_article_line(charter, a)}" for a in charter.articles),
        f"interpretations: {settings or 'none'}",
        f"scenarios range over: every event and act among the charter's "
        f"{_plural(len(charter.actors), 'actor')} and up to {_extra(report)} more of each kind "
        f"({kinds}), on any day from 1901 to 2099",
    ]


def _article_line(charter: m.Charter, article: m.Article) -> str:
    parts = []
    if article.norms:
        modal = {n: charter.norms[n].modality for n in article.norms}
        parts.append("norms " + ", ".join(f"{n} ({modal[n].value})" for n in article.norms))
    if article.definitions:
        parts.append("defines " + ", ".join(article.definitions))
    if article.widens:
        parts.append("widens " + ", ".join(article.widens))
    name = str(article.citation)
    if not article.citation.unverified:
        name += f" {article.citation.title}"
    return f"{name}: " + ("; ".join(parts) or "no norm")


def _extra(report: CheckReport) -> int:
    kinds = [kind for _, kind in report.domain]
    return max((kinds.count(k) for k in set(kinds)), default=0)


def _finding_lines(report: CheckReport, finding: Finding) -> list[str]:
    lines = [f"{finding.severity}[{finding.code}]: {finding.message}"]
    if finding.detail:
        lines.append(f"  {finding.detail}")
    if finding.witness is not None:
        flipped = [f"{n} {'on' if v else 'off'}" for n, v in finding.witness.interpretations
                   if report.interpretations.get(n) != v]
        suffix = f" (with {', '.join(flipped)})" if flipped else ""
        lines.append(f"  witness scenario{suffix}:")
        lines += [f"    {line}" for line in witness_lines(finding.witness, report.interpretations)]
    for side in finding.sides:
        lines.append(f"  {side.modality.value}: {side.holder} to {side.action}, by {side.norm} "
                     f"[{side.article}]")
        lines += derivation_lines(side.derivation[0].children if side.derivation else (),
                                  "      ")
    return lines


def witness_lines(witness: Witness, settings: Mapping[str, bool] | None = None) -> list[str]:
    """The witness in scenario-file syntax (without the enclosing block)."""
    lines = [f"on {witness.today}"]
    lines += [f"actor {name}: {kind}" for name, kind in witness.actors]
    for atom, start in witness.facts:
        lines.append(f"fact {atom}" + (f" from {start}" if start != witness.today else ""))
    for name, on in witness.interpretations:
        if settings is None or settings.get(name) != on:
            lines.append(f"interpretation {name} {'on' if on else 'off'}")
    return lines


def _verdict(report: CheckReport) -> str:
    severities = [f.severity for f in report.findings]
    parts = [_plural(severities.count(Severity.ERROR), "error"),
             _plural(severities.count(Severity.WARNING), "warning")]
    notes = severities.count(Severity.NOTE)
    if notes:
        parts.append(f"{_plural(notes, 'conflict')} resolved by interpretations")
    if report.unknown:
        parts.append(f"{len(report.unknown)} unknown")
    return "result: " + ", ".join(parts)


def check_json(report: CheckReport) -> str:
    charter = report.charter
    data = {
        "schema": CHECK_SCHEMA,
        "charter": charter_json(charter),
        "articles": [
            {**citation_json(a.citation), "norms": list(a.norms),
             "definitions": list(a.definitions), "widens": list(a.widens)}
            for a in charter.articles
        ],
        "norms": [
            {"name": n.name, "modality": n.modality.value, "act": n.action.predicate,
             "article": citation_json(n.citation)}
            for n in charter.norms.values()
        ],
        "interpretations": [
            {"name": i.name, "on": report.interpretations.get(i.name, i.default),
             "default": i.default, "justification": i.justification}
            for i in charter.interpretations.values()
        ],
        "domain": [{"name": name, "kind": kind} for name, kind in report.domain],
        "satisfiable": report.satisfiable.value,
        "findings": [_finding_json(f) for f in report.findings],
        "unknown": list(report.unknown),
    }
    return to_json(data)


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "kind": finding.kind,
        "message": finding.message,
        "resolved_by": list(finding.resolved_by),
        "detail": finding.detail,
        "witness": _witness_json(finding.witness) if finding.witness else None,
        "sides": [_side_json(s) for s in finding.sides],
    }


def _witness_json(witness: Witness) -> dict[str, object]:
    return {
        "date": witness.today,
        "actors": [{"name": n, "kind": k} for n, k in witness.actors],
        "facts": [{"atom": str(a), "from": d} for a, d in witness.facts],
        "interpretations": {n: v for n, v in witness.interpretations},
    }


def _side_json(side: Side) -> dict[str, object]:
    return {
        "norm": side.norm,
        "modality": side.modality.value,
        "holder": side.holder,
        "action": side.action,
        "article": citation_json(side.article),
        "derivation": [s.to_json() for s in side.derivation],
    }


# ---- query --------------------------------------------------------------------------------------


def scenario_lines(charter: m.Charter, scenario: Scenario) -> list[str]:
    """The scenario in brief: its day, actors, facts and changed interpretations."""
    lines = [f"scenario: {scenario.name}, on {m.number_date(scenario.today)}"]
    lines += [f"  actor {name}: {kind}" for name, kind in scenario.actors.items()]
    for key, fact in scenario.facts.items():
        status = {FactStatus.TRUE: "fact", FactStatus.FALSE: "not", FactStatus.UNKNOWN: "unknown"}[
            fact.status]
        dates = "".join(f" {word} {m.number_date(d)}" for word, d in
                        (("from", fact.start), ("until", fact.end)) if d is not None)
        lines.append(f"  {status} {key}{dates}")
    changed = [f"{n} {'on' if v else 'off'}" for n, v in scenario.interpretations.items()
               if charter.interpretations[n].default != v]
    lines.append(f"  interpretations: {'defaults' if not changed else ', '.join(changed)}")
    return lines


def query_text(charter: m.Charter, report: QueryReport, show_all: bool = False) -> str:
    scenario = report.scenario
    lines = scenario_lines(charter, scenario)
    if charter.in_force is not None and scenario.today < charter.in_force:
        lines.append(f"  note: the charter is not in force before "
                     f"{m.number_date(charter.in_force)}: it binds no one on this day")
    lines.append("")
    shown = [a for a in report.answers if show_all or a.triggered_by or a.status is Verdict.DEPENDS]
    standing = [a for a in report.answers if a not in shown]
    holders = list(dict.fromkeys(a.holder for a in report.answers))
    if not shown:
        lines.append("no norm is triggered by the scenario's events")
    for holder in holders:
        mine = [a for a in shown if a.holder == holder]
        if not mine:
            continue
        lines.append(f"{_display(charter, holder)}:")
        for answer in mine:
            lines += _answer_lines(charter, answer)
        lines.append("")
    if standing:
        by_norm = list(dict.fromkeys((a.norm, str(a.articles[0])) for a in standing))
        listed = ", ".join(f"{norm} [{article}]" for norm, article in by_norm)
        lines.append(f"standing norms in force, triggered by no event ({len(standing)} "
                     f"instances): {listed}; --all lists them")
        lines.append("")
    if report.violations:
        lines.append("violations:")
        for violation in report.violations:
            lines += _violation_lines(charter, violation)
    else:
        lines.append("violations: none shown by the scenario")
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide {what} within its limits")
    return "\n".join(lines) + "\n"


def _answer_lines(charter: m.Charter, answer: Answer) -> list[str]:
    citations = ", ".join(str(c) for c in answer.articles[:1])
    head = f"  {answer.modality.keyword}: {answer.action}  [{citations}, {answer.norm}]"
    lines = [head]
    words = describe(charter, answer.predicate, answer.arguments)
    if words:
        lines.append(f"      ({words})")
    if answer.status is Verdict.DEPENDS:
        lines.append(f"      DEPENDS on: {', '.join(answer.depends_on)}")
    if answer.interpretations:
        lines.append(f"      interpretations relied on: {', '.join(answer.interpretations)}")
    lines.append("      because:")
    lines += derivation_lines(answer.derivation[0].children if answer.derivation else (),
                              "        ")
    return lines


def _violation_lines(charter: m.Charter, violation: Violation) -> list[str]:
    answer = violation.answer
    what = "did what it must not" if answer.modality is m.Modality.FORBIDDEN \
        else "failed to do what it must"
    status = "" if violation.status is Verdict.HOLDS else \
        f" (DEPENDS on: {', '.join(violation.depends_on)})"
    return [
        f"  {_display(charter, answer.holder)} {what}: {answer.action} "
        f"[{answer.articles[0]}, {answer.norm}]{status}",
        f"      evidence: {violation.evidence}",
    ]


def query_json(charter: m.Charter, report: QueryReport) -> str:
    scenario = report.scenario
    data = {
        "schema": QUERY_SCHEMA,
        "charter": charter_json(charter),
        "scenario": {**scenario_json(scenario), "in_force": charter.in_force is None
                     or scenario.today >= charter.in_force},
        "answers": [_answer_json(charter, a) for a in report.answers],
        "violations": [_violation_json(charter, v) for v in report.violations],
        "unknown": list(report.unknown),
    }
    return to_json(data)


def scenario_json(scenario: Scenario) -> dict[str, object]:
    """A scenario as the JSON outputs show it."""
    return {
        "name": scenario.name,
        "date": m.number_date(scenario.today),
        "actors": [{"name": n, "kind": k} for n, k in scenario.actors.items()],
        "facts": [
            {"atom": str(key), "status": f.status,
             "from": m.number_date(f.start) if f.start else None,
             "until": m.number_date(f.end) if f.end else None}
            for key, f in scenario.facts.items()
        ],
        "interpretations": dict(scenario.interpretations),
    }


def _answer_json(charter: m.Charter, answer: Answer) -> dict[str, object]:
    return {
        "holder": answer.holder,
        "modality": answer.modality.value,
        "action": {"name": answer.predicate, "arguments": list(answer.arguments),
                   "text": answer.action,
                   "description": describe(charter, answer.predicate, answer.arguments)},
        "norm": answer.norm,
        "status": answer.status,
        "depends_on": list(answer.depends_on),
        "articles": [citation_json(c) for c in answer.articles],
        "interpretations": list(answer.interpretations),
        "triggered_by": list(answer.triggered_by),
        "derivation": [s.to_json() for s in answer.derivation],
    }


def _violation_json(charter: m.Charter, violation: Violation) -> dict[str, object]:
    data = _answer_json(charter, violation.answer)
    data["status"] = violation.status
    data["depends_on"] = list(violation.depends_on)
    data["evidence"] = violation.evidence
    return data


def json_array(documents: Sequence[str]) -> str:
    """Several JSON documents as one array (each rendered by to_json)."""
    return to_json([json.loads(d) for d in documents])


def witness_files(report: CheckReport) -> list[tuple[str, str]]:
    """(file name, scenario file text) for each finding that has a witness."""
    files = []
    for index, finding in enumerate(report.findings, 1):
        if finding.witness is None:
            continue
        name = f"{index:02d}-{finding.code}-{finding.kind}.scenario"
        body = witness_lines(finding.witness, report.interpretations)
        text = "\n".join([
            f"# Witness of {finding.severity}[{finding.code}] from `charterlogic check`:",
            f"# {finding.message}",
            *(f"# {finding.detail}" for _ in [0] if finding.detail),
            "# Add the expectations this scenario should meet before putting it in the suite.",
            f'scenario "{finding.kind} {index}" {{',
            *(f"  {line}" for line in body),
            "}",
        ])
        files.append((name, text + "\n"))
    return files
