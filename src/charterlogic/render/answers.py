"""Render: reports -> text for people, JSON for tools (schemas in docs/json.md).

Rendering is pure: the same report gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..analyses.derivation import Step
from ..analyses.query import Answer, QueryReport, Violation
from ..model import types as m
from ..model.facts import FactStatus
from ..model.scenario import Scenario
from ..schemas import schema_id
from ..smt.decide import Verdict
from ..syntax.diagnostics import Severity, help_link
from ..syntax.source import Span

if TYPE_CHECKING:  # annotations only: rendering a query loads neither `check` nor Z3
    from ..analyses.check import CheckReport, Finding, Side
    from ..analyses.witness import Witness

CHECK_SCHEMA = schema_id("check")
QUERY_SCHEMA = schema_id("query")


def to_json(data: object) -> str:
    """`data` as a JSON document: indented by 2, UTF-8 kept as is, one final newline. Every JSON
    output of charterlogic goes through here, so equal data gives equal bytes."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def citation_json(citation: m.Citation) -> dict[str, object]:
    """An article citation as JSON: its label, its paragraph (null for a whole article), title,
    whether its number is verified, and text."""
    data: dict[str, object] = {
        # a string always: "6", or "accession" for a clause whose number is not verified
        "label": str(citation.label),
        "paragraph": citation.paragraph,
        "title": citation.title,
        "verified": citation.verified,
        "text": str(citation),
    }
    # only where they apply, so that one charter's JSON stays as it was
    if citation.instrument is not None:
        data["instrument"] = citation.instrument
    if citation.confidence is not None:
        data["confidence"] = citation.confidence
    return data


def step_json(step: Step) -> dict[str, object]:
    """A derivation step as JSON, its article and its children (recursively) included."""
    data: dict[str, object] = {"kind": step.kind, "text": step.text}
    if step.citation is not None:
        data["article"] = citation_json(step.citation)
    if step.children:
        data["children"] = [step_json(c) for c in step.children]
    return data


def charter_json(charter: m.Charter) -> dict[str, object]:
    """The charter, as every JSON output names it (with `instruments`, for several)."""
    data: dict[str, object] = {"title": charter.title, "path": charter.source_name}
    if charter.instruments:
        data["instruments"] = [{"title": i.title, "cited": i.cited, "path": i.source_name}
                               for i in charter.instruments]
    return data


def model_title(charter: m.Charter) -> str:
    """The charter's title and file; for several instruments, each one's citation name and file."""
    if charter.instruments:
        return f"{plural(len(charter.instruments), 'instrument')}: " + "; ".join(
            f"{i.cited} ({i.source_name})" for i in charter.instruments)
    return f"{charter.title} ({charter.source_name})" if charter.title else charter.source_name


def between_instruments(sides: Sequence[Side]) -> tuple[str, ...]:
    """The instruments a finding's norms come from, when they are more than one."""
    named = tuple(dict.fromkeys(s.article.instrument for s in sides if s.article.instrument))
    return named if len(named) > 1 else ()


def location_json(span: Span) -> dict[str, object]:
    """A place in a source file, as every JSON output gives it (common.json#/$defs/location)."""
    return {"file": span.file, "line": span.line, "column": span.column,
            "end": {"line": span.end_line, "column": span.end_column}}


# ---- shared pieces ------------------------------------------------------------------------------


def tree_lines(steps: Sequence[Step], indent: str, say: Callable[[Step], str],
               through: Callable[[Step], bool] = lambda step: False) -> list[str]:
    """A derivation as an indented tree, one step a line as `say` words it; a definition met
    again is not re-expanded ("(as above)"); a step for which `through` holds is not shown, its
    children taking its place."""
    lines: list[str] = []
    expanded: set[tuple[str, str]] = set()

    def shown(steps: Sequence[Step]) -> Iterator[Step]:
        # the steps a line each, those passed through replaced by their children; a leaf line
        # said twice among them once (a failed `some p: reading and ...` fails on the reading
        # for each p, and the bindings that told them apart are not shown)
        said: set[tuple[str, str]] = set()
        for step in steps:
            for line in shown(step.children) if through(step) else (step,):
                if not line.children:
                    if (line.kind, line.text) in said:
                        continue
                    said.add((line.kind, line.text))
                yield line

    def visit(step: Step, depth: int) -> None:
        key = (step.kind, step.text)
        pad = f"{indent}{'  ' * depth}- "
        if step.children and key in expanded:
            lines.append(f"{pad}{say(step)} (as above)")
            return
        if step.children and step.kind == "definition":
            expanded.add(key)
        lines.append(f"{pad}{say(step)}")
        for child in shown(step.children):
            visit(child, depth + 1)

    for step in shown(steps):
        visit(step, 0)
    return lines


def derivation_lines(steps: Sequence[Step], indent: str) -> list[str]:
    """A derivation in the model's notation (for `check` and the spec runner)."""
    return tree_lines(steps, indent, _notation)


def _notation(step: Step) -> str:
    where = f"  [{step.citation}]" if step.citation is not None else ""
    prefix = {"fact": "fact ", "denied": "stated: ", "binding": "where "}.get(step.kind, "")
    suffix = "  (open in this scenario)" if step.kind == "unknown" else ""
    return f"{prefix}{step.text}{suffix}{where}"


def wording(charter: m.Charter, predicate: str, arguments: Sequence[str]) -> str:
    """The event, act or defined condition in its declaration's words, each argument given as
    the text to show (`"{helper} assists {victim}"` with Mali, Niger); "" when it has none."""
    declared: m.Predicate | m.Definition | None = \
        charter.predicates.get(predicate) or charter.definitions.get(predicate)
    if declared is None or not declared.description:
        return ""
    names = {p.name: a for p, a in zip(declared.params, arguments, strict=False)}
    try:
        return declared.description.format(**names)
    except (KeyError, IndexError, ValueError):
        return declared.description


def describe(charter: m.Charter, predicate: str, arguments: Sequence[str]) -> str:
    """The act in words, from its declaration's template: `Burkina Faso assists Niger`."""
    return wording(charter, predicate, [display(charter, a) for a in arguments])


def display(charter: m.Charter, value: str) -> str:
    """How an answer names `value`: an actor's display name, or the value with underscores as
    spaces."""
    actor = charter.actors.get(value)
    if actor is not None:
        return actor.display
    return value.replace("_", " ")


def plural(count: int, word: str) -> str:
    """`1 scenario`, `2 scenarios`: a count and its noun, in the number the count needs."""
    return f"{count} {word}{'' if count == 1 else 's'}"


# ---- check --------------------------------------------------------------------------------------


def check_text(report: CheckReport) -> str:
    """`check`'s report for people: the summary, each finding with its witness and articles, and the
    verdict."""
    lines = [f"charterlogic check: {model_title(report.charter)}"]
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
    numbered = sum(a.citation.verified for a in articles)
    norms = list(charter.norms.values())
    counts = {mod: sum(n.modality is mod for n in norms) for mod in m.Modality}
    kinds = ", ".join(charter.kinds)
    settings = ", ".join(f"{name} ({option})" for name, option in report.interpretations.items())
    return [
        f"{plural(len(articles), 'article')} ({numbered} numbered, "
        f"{len(articles) - numbered} with unverified numbers); "
        f"{plural(len(norms), 'norm')} ({counts[m.Modality.OBLIGED]} obligations, "
        f"{counts[m.Modality.PERMITTED]} permissions, "
        f"{counts[m.Modality.FORBIDDEN]} prohibitions); "
        f"{plural(len(charter.definitions), 'definition')}",
        "articles:",
        *(f"  {_article_line(charter, a)}" for a in charter.articles),
        f"interpretations: {settings or 'none'}",
        f"scenarios range over: every event and act among the charter's "
        f"{plural(len(charter.actors), 'actor')} and up to {_extra(report)} more of each kind "
        f"({kinds}), on any day from 1901 to 2099",
        *([f"conflicts and incompatibilities: only those whose party or act names "
           f"{' or '.join(display(charter, a) for a in report.about)} (--about); consistency "
           f"and the norms that can never apply are of the whole model"] if report.about else []),
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
    if article.citation.verified:
        name += f" {article.citation.title}"
    return f"{name}: " + ("; ".join(parts) or "no norm")


def _extra(report: CheckReport) -> int:
    kinds = [kind for _, kind in report.domain]
    return max((kinds.count(k) for k in set(kinds)), default=0)


def _finding_lines(report: CheckReport, finding: Finding) -> list[str]:
    lines = [f"{finding.severity}[{finding.code}]: {finding.message}"]
    lines += [f"  --> {span} ({name})" for name, span in finding.locations]
    instruments = between_instruments(finding.sides)
    if instruments:
        lines.append(f"  between instruments: {' and '.join(instruments)}")
    if finding.detail:
        lines.append(f"  {finding.detail}")
    if finding.witness is not None:
        flipped = [f"{n} {v}" for n, v in finding.witness.interpretations
                   if report.interpretations.get(n) != v]
        suffix = f" (with {', '.join(flipped)})" if flipped else ""
        lines.append(f"  witness scenario{suffix}:")
        lines += [f"    {line}" for line in witness_lines(finding.witness, report.interpretations)]
    for side in finding.sides:
        lines.append(f"  {side.modality.value}: {side.holder} to {side.action}, by {side.norm} "
                     f"[{side.article}]")
        lines += derivation_lines(side.derivation[0].children if side.derivation else (),
                                  "      ")
    lines.append(f"  = see {help_link(finding.code)}")
    return lines


def witness_lines(witness: Witness, settings: m.Settings | None = None) -> list[str]:
    """The witness in scenario-file syntax (without the enclosing block)."""
    lines = [f"on {witness.today}"]
    lines += [f"actor {name}: {kind}" for name, kind in witness.actors]
    for atom, start in witness.facts:
        lines.append(f"fact {atom}" + (f" from {start}" if start != witness.today else ""))
    lines += [f"not {atom}" for atom in witness.failures]
    for name, option in witness.interpretations:
        if settings is None or settings.get(name) != option:
            lines.append(f"interpretation {name} {option}")
    return lines


def _verdict(report: CheckReport) -> str:
    severities = [f.severity for f in report.findings]
    parts = [plural(severities.count(Severity.ERROR), "error"),
             plural(severities.count(Severity.WARNING), "warning")]
    notes = severities.count(Severity.NOTE)
    if notes:
        parts.append(f"{plural(notes, 'conflict')} resolved by interpretations")
    if report.unknown:
        parts.append(f"{len(report.unknown)} unknown")
    return "result: " + ", ".join(parts)


def check_json(report: CheckReport) -> str:
    """`check`'s report as JSON (schema charterlogic.check/1, docs/json.md)."""
    charter = report.charter
    data = {
        "schema": CHECK_SCHEMA,
        "charter": charter_json(charter),
        "articles": [
            {**citation_json(a.citation), "norms": list(a.norms),
             "definitions": list(a.definitions), "widens": list(a.widens),
             "paragraphs": [{"label": label, "text": text} for label, text in a.paragraphs]}
            for a in charter.articles
        ],
        "norms": [
            {"name": n.name, "modality": n.modality.value, "act": n.action.predicate,
             "article": citation_json(n.citation), "location": location_json(n.span)}
            for n in charter.norms.values()
        ],
        "interpretations": [
            {"name": i.name, "setting": report.interpretations.get(i.name, i.default),
             "default": i.default, "literal": i.literal, "justification": i.justification,
             "options": [{"name": o.name, "justification": o.justification}
                         for o in i.options]}
            for i in charter.interpretations.values()
        ],
        "domain": [{"name": name, "kind": kind} for name, kind in report.domain],
        "satisfiable": report.satisfiable.value,
        "findings": [finding_json(charter, f) for f in report.findings],
        "unknown": list(report.unknown),
        **({"about": list(report.about)} if report.about else {}),
    }
    return to_json(data)


def finding_json(charter: m.Charter, finding: Finding) -> dict[str, object]:
    """One finding of `check` as JSON (the check schema's `findings` item)."""
    return {
        "code": finding.code,
        "severity": finding.severity,
        "kind": finding.kind,
        "message": finding.message,
        "help": help_link(finding.code),
        "resolved_by": list(finding.resolved_by),
        "detail": finding.detail,
        "locations": [{"name": name, "location": location_json(span)}
                      for name, span in finding.locations],
        "witness": witness_json(finding.witness) if finding.witness else None,
        "sides": [_side_json(charter, s) for s in finding.sides],
        **({"between_instruments": list(between_instruments(finding.sides))}
           if between_instruments(finding.sides) else {}),
    }


def witness_json(witness: Witness) -> dict[str, object]:
    """A witness scenario as JSON: its date, actors, facts and the acts stated not done."""
    return {
        "date": witness.today,
        "actors": [{"name": n, "kind": k} for n, k in witness.actors],
        "facts": [{"atom": str(a), "from": d} for a, d in witness.facts],
        "interpretations": {n: v for n, v in witness.interpretations},
    }


def _side_json(charter: m.Charter, side: Side) -> dict[str, object]:
    return {
        "norm": side.norm,
        "modality": side.modality.value,
        "holder": side.holder,
        "action": action_json(charter, side.predicate, side.arguments, side.action),
        "article": citation_json(side.article),
        "location": location_json(charter.norms[side.norm].span),
        "derivation": [step_json(s) for s in side.derivation],
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
    changed = [f"{n} {v}" for n, v in scenario.interpretations.items()
               if charter.interpretations[n].default != v]
    lines.append(f"  interpretations: {'defaults' if not changed else ', '.join(changed)}")
    return lines


def query_text(charter: m.Charter, report: QueryReport, show_all: bool = False) -> str:
    """`query`'s report for people: the scenario, then each answer and violation with its articles
    (`show_all`: also the standing norms no event triggers)."""
    scenario = report.scenario
    from .plain import in_force_sentence, not_in_force_sentence

    lines = scenario_lines(charter, scenario)
    in_force = in_force_sentence(charter, scenario)
    if in_force is not None:
        binds = ", so it binds no one on this day" if report.in_force is False else ""
        lines.append(f"  {in_force}{binds}")
    elif report.in_force is False:
        lines.append(f"  note: {not_in_force_sentence(charter, scenario)}, so it binds no one "
                     "on this day")
    for assumption in report.contradicted:
        reason = f', "{assumption.reason}"' if assumption.reason else ""
        lines.append(f"  warning: the scenario contradicts the charter's assumption "
                     f"`{assumption.name}` ({assumption.span}{reason}): the answers below "
                     "rest on a scenario the charter rules out")
    lines.append("")
    in_conflict = {id(a) for c in report.conflicts for a in (c.forbidden, c.other)}
    shown = [a for a in report.answers if show_all or a.triggered_by or a.status is Verdict.DEPENDS
             or id(a) in in_conflict]
    standing = [a for a in report.answers if a not in shown]
    holders = list(dict.fromkeys(a.holder for a in report.answers))
    if not shown:
        lines.append("no norm is triggered by the scenario's events")
    order = list(m.Modality)  # MUST first, then MAY, then MUST NOT
    for holder in holders:
        mine = sorted((a for a in shown if a.holder == holder),
                      key=lambda a: order.index(a.modality))
        if not mine:
            continue
        lines.append(f"{display(charter, holder)}:")
        if charter.instruments:  # each instrument's answers together, in the model's order
            for instrument in charter.instruments:
                theirs = [a for a in mine if a.articles[0].instrument == instrument.cited]
                if theirs:
                    lines.append(f" under the {instrument.cited}:")
                    for answer in theirs:
                        lines += answer_lines(charter, scenario, answer)
        else:
            for answer in mine:
                lines += answer_lines(charter, scenario, answer)
        lines.append("")
    if charter.instruments:
        lines += _conflict_lines(charter, report)
    if standing:
        by_norm = list(dict.fromkeys((a.norm, str(a.articles[0])) for a in standing))
        listed = ", ".join(f"{norm} [{article}]" for norm, article in by_norm)
        lines.append(f"standing norms in force, triggered by no event ({len(standing)} "
                     f"instances): {listed}; --all lists them")
        lines.append("")
    if report.violations:
        lines.append("violations:")
        for violation in report.violations:
            lines += violation_lines(charter, violation)
    else:
        lines.append("violations: none shown by the scenario")
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide {what} within its limits")
    return "\n".join(lines) + "\n"


def _conflict_lines(charter: m.Charter, report: QueryReport) -> list[str]:
    """The conflicts between instruments in the scenario, each with both articles and the
    readings each side rests on."""
    if not report.conflicts:
        return ["conflicts between instruments: none in this scenario", ""]
    lines = [f"conflicts between instruments ({len(report.conflicts)}):"]
    for conflict in report.conflicts:
        other, banned = conflict.other, conflict.forbidden
        word = "obliged" if other.modality is m.Modality.OBLIGED else "permitted"
        depends = any(a.status is Verdict.DEPENDS for a in (other, banned))
        lines.append(f"  {'IT DEPENDS: ' if depends else ''}{display(charter, other.holder)} is "
                     f"{word} to {other.action} by {other.norm} [{other.articles[0]}] and "
                     f"forbidden by {banned.norm} [{banned.articles[0]}]")
        for answer in (other, banned):
            readings = ", ".join(answer.interpretations) or "none"
            lines.append(f"      {answer.norm} rests on the readings: {readings}")
    lines.append("")
    return lines


def answer_lines(charter: m.Charter, scenario: Scenario, answer: Answer) -> list[str]:
    """The verdict in a sentence, then the norm and act, the readings, and why, in sentences."""
    from .plain import plain_lines, verdict_sentence

    steps = answer.derivation[0].children if answer.derivation else ()
    sentence = verdict_sentence(charter, scenario, answer.holder, answer.modality,
                                answer.predicate, answer.arguments, answer.articles[0], steps,
                                answer.status)
    lines = [f"  IT DEPENDS: {sentence}" if answer.status is Verdict.DEPENDS else f"  {sentence}"]
    lines.append(f"      {answer.modality.keyword} {answer.action}, by {answer.norm} "
                 f"[{answer.articles[0]}]")
    if answer.status is Verdict.DEPENDS:
        lines.append(f"      IT DEPENDS on what the scenario leaves open: "
                     f"{', '.join(answer.depends_on)}")
    if answer.interpretations:
        lines.append(f"      interpretations relied on: {', '.join(answer.interpretations)}")
    lines.append("      because:")
    lines += plain_lines(charter, scenario, steps, "        ",
                         answer.status is Verdict.HOLDS)
    return lines


def violation_lines(charter: m.Charter, violation: Violation) -> list[str]:
    """A violation in sentences: who did what the norm forbade (or failed to do what it
    obliged), and why."""
    answer = violation.answer
    what = "did what it must not" if answer.modality is m.Modality.FORBIDDEN \
        else "failed to do what it must"
    status = "" if violation.status is Verdict.HOLDS else \
        f" (DEPENDS on: {', '.join(violation.depends_on)})"
    lines = [
        f"  {display(charter, answer.holder)} {what}: {answer.action} "
        f"[{answer.articles[0]}, {answer.norm}]{status}",
        f"      evidence: {violation.evidence}",
    ]
    if answer.interpretations:  # a violation rests on the readings its norm rests on
        lines.append(f"      interpretations relied on: {', '.join(answer.interpretations)}")
    return lines


def query_json(charter: m.Charter, report: QueryReport) -> str:
    """`query`'s report as JSON (schemas/query.json, docs/json.md)."""
    scenario = report.scenario
    data = {
        "schema": QUERY_SCHEMA,
        "charter": charter_json(charter),
        "scenario": {**scenario_json(scenario), "in_force": report.in_force},
        "contradicted_assumptions": [
            {"name": a.name, "reason": a.reason, "location": location_json(a.span)}
            for a in report.contradicted],
        "answers": [answer_json(charter, a) for a in report.answers],
        "violations": [violation_json(charter, v) for v in report.violations],
        "unknown": list(report.unknown),
    }
    if charter.instruments:
        data["conflicts"] = [
            {"holder": c.other.holder, "action": c.other.action,
             "modality": c.other.modality.value, "norm": c.other.norm,
             "article": citation_json(c.other.articles[0]), "forbidden_by": c.forbidden.norm,
             "forbidding_article": citation_json(c.forbidden.articles[0]),
             "status": "depends" if Verdict.DEPENDS in (c.other.status, c.forbidden.status)
             else "holds",
             "interpretations": sorted({*c.other.interpretations, *c.forbidden.interpretations})}
            for c in report.conflicts]
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


def action_json(charter: m.Charter, predicate: str, arguments: Sequence[str],
                text: str) -> dict[str, object]:
    """An act instance, as every JSON output gives it (common.json#/$defs/action)."""
    return {"name": predicate, "arguments": list(arguments), "text": text,
            "description": describe(charter, predicate, arguments)}


def answer_json(charter: m.Charter, answer: Answer) -> dict[str, object]:
    """One answer as JSON: holder, modality, act, status, articles, readings and derivation."""
    return {
        "holder": answer.holder,
        "modality": answer.modality.value,
        "action": action_json(charter, answer.predicate, answer.arguments, answer.action),
        "norm": answer.norm,
        "status": answer.status,
        "depends_on": list(answer.depends_on),
        "articles": [citation_json(c) for c in answer.articles],
        "interpretations": list(answer.interpretations),
        "triggered_by": list(answer.triggered_by),
        "derivation": [step_json(s) for s in answer.derivation],
    }


def violation_json(charter: m.Charter, violation: Violation) -> dict[str, object]:
    """One violation as JSON: its answer's fields, with its own status, what it depends on and its
    evidence."""
    data = answer_json(charter, violation.answer)
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
