"""Render the reports of `explain`, `find`, `timeline` and clashes: text for people, JSON for tools.

Pure, like render.py, whose shared pieces it reuses (derivation trees, act descriptions, witness
lines): the same report gives the same bytes. Schemas are described in docs/explain.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analyses.clash import ClashReport
from ..analyses.derivation import Step, citations
from ..analyses.explain import (
    MAX_UNKNOWNS,
    ArticleRef,
    Change,
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
from ..model.scenario import Scenario
from ..schemas import schema_id
from ..smt.decide import Verdict
from ..smt.solver import Result
from ..syntax.diagnostics import Diagnostic, Severity
from ..syntax.diagnostics import render as render_diagnostic
from ..syntax.source import Source
from .answers import (
    action_json,
    charter_json,
    citation_json,
    display,
    location_json,
    scenario_json,
    scenario_lines,
    step_json,
    to_json,
    witness_lines,
)

EXPLAIN_SCHEMA = schema_id("explain")
FIND_SCHEMA = schema_id("find")
TIMELINE_SCHEMA = schema_id("timeline")
CLASH_SCHEMA = schema_id("clash")

_ANSWER_WORDS = {"holds": "YES", "does not hold": "NO", "depends": "IT DEPENDS",
                 "unknown": "UNKNOWN (solver limit)", "never": "NO, NEVER"}


# ---- shared pieces ------------------------------------------------------------------------------


def article_lines(charter: m.Charter, refs: Sequence[ArticleRef], terms: bool = False,
                  ) -> list[str]:
    """The articles cited, each with its title and the first sentence of its paraphrase; with
    `terms`, its whole paraphrase and notes, wrapped."""
    import textwrap

    by_citation = {a.citation: a for a in charter.articles}
    lines = ["articles cited:" if terms else
             "articles cited (--explain-terms for each article's full text):"]
    for ref in refs:
        article = by_citation.get(ref.citation.article())
        if not terms or article is None:
            lines.append(f"  {ref.citation} \"{ref.citation.title}\": {ref.paraphrase}")
            continue
        lines.append(f"  {ref.citation} \"{ref.citation.title}\":")
        for paragraph in (article.text_of(ref.citation),
                          *(f"Note: {n}" for n in article.notes_of(ref.citation))):
            lines += textwrap.wrap(paragraph, 100, initial_indent="    ",
                                   subsequent_indent="    ", break_long_words=False)
    if any(not ref.citation.verified for ref in refs):
        lines.append("  (art. no. unverified: the clause is known by subject; its number in "
                     "9 to 17 is not verified)")
    return lines


def _article_json(ref: ArticleRef) -> dict[str, object]:
    return {**citation_json(ref.citation), "paraphrase": ref.paraphrase}


def _steps_json(steps: Sequence[Step]) -> list[dict[str, object]]:
    return [step_json(s) for s in steps]


# ---- explain ------------------------------------------------------------------------------------


def explain_text(charter: m.Charter, report: ExplainReport, terms: bool = False) -> str:
    """`explain`'s report for people: the answer in a sentence first, then each instance's
    derivation in sentences or what defeats it, the smallest corrections, the articles (`terms`:
    each cited article's full text and notes, not only its first sentence)."""
    from .plain import in_force_sentence

    lines = [f"goal: {report.goal.text}"]
    lines += scenario_lines(charter, report.scenario)
    in_force = in_force_sentence(charter, report.scenario)
    if in_force is not None:
        lines.append(f"  {in_force}")
    lines.append(f"answer: {_ANSWER_WORDS[report.verdict]}")
    if report.verdict == "never":
        lines.append("")
        lines += _never_lines(charter, report)
    # when some instance answers the goal, the others are listed, not explained (JSON has all)
    answering = [e for e in report.explanations if e.status is not Verdict.FAILS]
    for explanation in answering or report.explanations:
        lines.append("")
        lines += _explanation_lines(charter, report.scenario, explanation)
    others = [e for e in report.explanations if answering and e not in answering]
    if others:
        lines.append("")
        lines.append("also considered, and does not hold (`explain` each for why not):")
        lines += [f"  {e.modality.keyword} {e.action}  [{e.citation}, {e.norm}]"
                  for e in others]
    lines.append("")
    shown = answering or report.explanations
    cited = [c for e in shown for c in (e.citation, *citations(tuple(all_steps(e))))]
    if report.verdict == "never":
        cited = [charter.norms[n].citation for n in report.related]
    lines += article_lines(charter, article_refs(charter, cited), terms)
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide {what} within its limits")
    return "\n".join(lines) + "\n"


_MODAL_ROLE = {m.Modality.OBLIGED: "obliges", m.Modality.PERMITTED: "permits",
               m.Modality.FORBIDDEN: "forbids"}


def _never_lines(charter: m.Charter, report: ExplainReport) -> list[str]:
    """Why no scenario can give the goal: no clause gives it; what the clauses on the act say."""
    from .vocabulary import norm_statement

    goal = report.goal
    wanted = goal.modality.keyword if goal.modality is not None else "must"
    role = _MODAL_ROLE[goal.modality] if goal.modality is not None else "obliges"
    related = [charter.norms[n] for n in report.related]
    lines = [f"No. No clause {role} this (`{wanted} {goal.predicate}` with these arguments), in "
             "any scenario."]
    if not related:
        lines.append("  no norm of the charter is about this act at all")
    for modality in m.Modality:
        norms = [n for n in related if n.modality is modality]
        if not norms:
            continue
        cited = list(dict.fromkeys(str(n.citation) for n in norms))
        where = " and ".join(cited)
        verb = _MODAL_ROLE[modality] if len(cited) == 1 else _MODAL_ROLE[modality][:-1]
        lines.append(f"  {where} {verb} it, under these conditions:")
        for norm in norms:
            lines.append(f"    {norm.name} [{norm.citation}]: {norm_statement(charter, norm)}")
    return lines


def _explanation_lines(charter: m.Charter, scenario: Scenario, e: Explanation) -> list[str]:
    from .plain import plain_lines, verdict_sentence

    sentence = verdict_sentence(charter, scenario, e.holder, e.modality, e.predicate,
                                e.arguments, e.citation, _inner(e.derivation),
                                e.status)
    lines = [f"{_ANSWER_WORDS[e.status]}: {sentence}",
             f"  {e.modality.keyword} {e.action}, by {e.norm} [{e.citation}]"]
    if e.status is Verdict.HOLDS:
        lines.append("  why:")
    elif e.status is Verdict.FAILS:
        lines.append("  why not:")
    else:
        lines.append("  what is known, and what is open:")
    lines += plain_lines(charter, scenario, e.derivation, "    ",
                         e.status not in (Verdict.DEPENDS, Verdict.UNKNOWN))
    if e.defeat is not None:
        lines.append(f"  defeated by: {e.defeat.text} [{e.defeat.citation}]")
        lines += plain_lines(charter, scenario, e.defeat.derivation, "    ")
    if e.corrections:
        size = len(e.corrections[0].changes)
        count = len(e.corrections)
        if count == 1:
            needed = "this change" if size == 1 else f"these {size} changes together"
            lines.append(f"  it would hold with {needed} to the scenario:")
        else:
            each = "a single change" if size == 1 else f"{size} changes, all needed together"
            lines.append(f"  it would hold with any one of these {count} alternatives "
                         f"(each {each}):")
        for index, correction in enumerate(e.corrections, 1):
            lines += _correction_lines(index, correction)
    elif e.search == "unknown":
        lines.append("  the solver could not find the smallest changes (or deciding facts) "
                     "within its limits (raise --timeout or --rlimit)")
    elif e.status is Verdict.FAILS:
        lines.append("  no change of facts or interpretations makes it hold on this day")
    if e.search == "capped":
        lines.append(f"  decided by its {len(e.deciding)} unknown facts together: "
                     f"{', '.join(map(str, e.deciding))}")
        lines.append(f"  (with more than {MAX_UNKNOWNS} unknown facts, the fewest that decide it "
                     f"and the outcome of each of the {2 ** len(e.deciding):,} combinations of "
                     "their values are not searched for)")
    elif e.deciding:
        lines.append(f"  decided by: {', '.join(map(str, e.deciding))} (the fewest unknown "
                     "facts whose values settle it)")
        for decision in e.decisions:
            values = ", ".join(f"{k} {'true' if v else 'false'}" for k, v in decision.values)
            lines.append(f"    if {values}: {decision.outcome}")
    return lines


def _inner(steps: Sequence[Step]) -> Sequence[Step]:
    """Below the norm's own step: what its verdict sentence draws its reasons from."""
    return steps[0].children if len(steps) == 1 and steps[0].kind == "norm" else steps


def _correction_lines(index: int, correction: Correction) -> list[str]:
    prefix = "" if index == 1 else "or "
    lines = [f"    {index}. {prefix}{'; '.join(str(c) for c in correction.changes)}"]
    if correction.status is not Verdict.HOLDS:
        lines.append(f"       (then it {correction.status} on the scenario's unknown facts)")
    return lines


def explain_json(charter: m.Charter, report: ExplainReport) -> str:
    """`explain`'s report as JSON (schemas/explain.json, docs/json.md)."""
    data = {
        "schema": EXPLAIN_SCHEMA,
        "charter": charter_json(charter),
        "goal": report.goal.text,
        "scenario": scenario_json(report.scenario),
        "answer": report.verdict,
        "instances": [_explanation_json(charter, e) for e in report.explanations],
        "related_norms": [
            {"name": n, "modality": charter.norms[n].modality.value,
             "article": citation_json(charter.norms[n].citation)} for n in report.related],
        "articles": [_article_json(a) for a in report.articles],
        "unknown": list(report.unknown),
    }
    return to_json(data)


def _explanation_json(charter: m.Charter, e: Explanation) -> dict[str, object]:
    return {
        "norm": e.norm,
        "modality": e.modality.value,
        "holder": e.holder,
        "action": action_json(charter, e.predicate, e.arguments, e.action),
        "article": citation_json(e.citation),
        "status": e.status,
        "derivation": _steps_json(e.derivation),
        "defeat": None if e.defeat is None else {
            "kind": e.defeat.kind, "text": e.defeat.text,
            "article": citation_json(e.defeat.citation),
            "derivation": _steps_json(e.defeat.derivation)},
        "corrections": [
            {"changes": [_change_json(c) for c in correction.changes],
             "status": correction.status,
             "derivation": _steps_json(correction.derivation)}
            for correction in e.corrections
        ],
        "deciding": [str(key) for key in e.deciding],
        "decisions": [{"values": {str(k): v for k, v in d.values}, "outcome": d.outcome}
                      for d in e.decisions],
        "search": e.search or None,
    }


def _change_json(change: Change) -> dict[str, object]:
    """A fact added or removed, or a reading switched: each key of one type (a fact's value is a
    truth value, a reading's option a name)."""
    if change.kind == "switch":
        return {"kind": "switch", "interpretation": str(change.subject),
                "option": str(change.value), "text": str(change)}
    return {"kind": change.kind, "fact": str(change.subject), "value": bool(change.value),
            "text": str(change)}


# ---- find ---------------------------------------------------------------------------------------


def _found_lines(found: Found, settings: m.Settings) -> list[str]:
    """The scenario in scenario-file syntax (without the enclosing block)."""
    lines = witness_lines(found.witness, dict(settings))
    lines += [f"not {act}" for act in found.failures]
    return lines


def find_text(report: FindReport) -> str:
    """`find`'s report for people: each scenario found, with its facts and derivation."""
    from .plain import plain_lines

    charter = report.charter
    lines = [f"goal: {report.goal.text}"]
    changed = [f"{n} {v}" for n, v in report.interpretations.items()
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
        lines += plain_lines(charter, None, found.derivation[0].children
                             if found.derivation else (), "    ")
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
    """`find`'s report as JSON (schema charterlogic.find/1, docs/explain.md)."""
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
    from .plain import date_words

    start = date_words(interval.start)
    text = (f"from {start} until {date_words(interval.end)}" if interval.end is not None
            else f"from {start} on")
    return text + (" (depends on unknown facts)" if interval.status is Verdict.DEPENDS else "")


def timeline_text(report: Timeline, show_all: bool = False) -> str:
    """`timeline`'s report for people: the change points, then when each norm instance holds
    (`show_all`: also the standing norms)."""
    charter = report.charter
    from .plain import act_phrase, value_words

    lines = scenario_lines(charter, report.scenario)
    if report.party is not None:
        lines.append(f"  only the norms of {display(charter, report.party)}")
    lines.append("the answers change on: " + (", ".join(m.number_date(p) for p in report.points)
                                              or "no day"))
    lines.append("")
    shown = [line for line in report.lines if show_all or line.triggered]
    if not shown:
        lines.append("no norm is triggered by the scenario's events on any day")
    for line in shown:
        lines.append(f"{value_words(charter, line.holder)} {line.modality.keyword.upper()} "
                     f"{act_phrase(charter, line.action)} ({line.citation})")
        lines.append(f"    {line.modality.keyword} {line.action}, by {line.norm}")
        lines += [f"    {_interval_text(i)}" for i in line.intervals]
    standing = [line for line in report.lines if line not in shown]
    if standing:
        lines.append("")
        lines.append(f"standing norms, triggered by no event: {len(standing)} instances; "
                     "--all lists them")
    if report.charter.instruments:
        lines.append("")
        lines.append("instruments binding a party together:" if report.together else
                     "instruments binding a party together: none on any day")
        for together in report.together:
            first, second = together.instruments
            lines.append(f"  {value_words(charter, together.holder)}: {first} and {second}")
            lines += [f"    {_interval_text(i)}" for i in together.intervals]
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide {what} within its limits")
    return "\n".join(lines) + "\n"


def timeline_json(report: Timeline) -> str:
    """`timeline`'s report as JSON (schema charterlogic.timeline/1, docs/explain.md)."""
    charter = report.charter
    data: dict[str, object] = {
        "schema": TIMELINE_SCHEMA,
        "charter": charter_json(charter),
        "scenario": scenario_json(report.scenario),
        "party": report.party,
        "change_points": [m.number_date(p) for p in report.points],
        "examined_days": [m.number_date(p) for p in report.examined],
        "norms": [
            {"norm": line.norm, "modality": line.modality.value, "holder": line.holder,
             "action": action_json(charter, line.predicate, line.arguments, line.action),
             "article": citation_json(line.citation),
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
    if report.charter.instruments:
        data["together"] = [
            {"holder": t.holder, "instruments": list(t.instruments),
             "intervals": [{"from": m.number_date(i.start),
                            "until": m.number_date(i.end) if i.end is not None else None}
                           for i in t.intervals]}
            for t in report.together]
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
    """A clash of the charter's assumptions as JSON (schemas/clash.json)."""
    charter = report.charter
    data = {
        "schema": CLASH_SCHEMA,
        "charter": charter_json(charter),
        "satisfiable": report.result.value,
        "clash": [
            {"kind": p.kind, "name": p.name, "text": p.text,
             "location": location_json(p.span),
             "article": citation_json(p.citation) if p.citation else None}
            for p in report.parts
        ],
    }
    return to_json(data)
