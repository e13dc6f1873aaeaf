"""Render `diff`: the differences of two versions or readings, as text and as JSON.

The JSON follows src/charterlogic/schemas/diff.json (`charterlogic.diff/2`). Rendering is pure.
"""

from __future__ import annotations

from ..analyses.check import Finding
from ..analyses.diff import Change, Difference, DiffReport, Reading, Version
from ..analyses.query import Answer
from ..analyses.witness import witness_scenario
from ..model import types as m
from ..model.facts import AtomKey, show
from ..model.scenario import Scenario
from ..schemas import schema_id
from ..smt.decide import Verdict
from .answers import (
    action_json,
    answer_json,
    answer_lines,
    charter_json,
    citation_json,
    finding_json,
    model_title,
    plural,
    to_json,
    violation_json,
    violation_lines,
    witness_json,
    witness_lines,
)

DIFF_SCHEMA = schema_id("diff")
#: The days every scenario of `diff` ranges over (docs/semantics.md, "The encoding in Z3").
FIRST_DAY, LAST_DAY = "1901-01-01", "2099-12-31"
KIND_WORDS = {"norm": "norm", "violation": "violation of", "finding": "finding of check"}


def diff_text(report: DiffReport) -> str:
    """`diff` for people: the changed clauses, then each difference with its witness, the
    answers under each version and the clauses it rests on, then a result line."""
    old, new = report.old, report.new
    kinds = sorted({kind for _, kind in report.domain})
    lines = [f"diff of {_version(old, report)} and {_version(new, report)}",
             *_titles(report),
             f"  scenarios: the actors of {_whose(report)} and up to "
             f"{_per_kind(report)} unnamed actors of each kind ({', '.join(kinds)}), on every "
             f"day from {FIRST_DAY} to {LAST_DAY}", ""]
    if report.changes:
        lines.append("changed between the two:")
        lines += [f"  {_change(c)}" for c in report.changes]
    else:
        lines.append("changed between the two: no clause (layout, comments and order aside)")
    lines.append("")
    total = len(report.differences)
    for index, difference in enumerate(report.differences, 1):
        lines += _difference_lines(report, difference, f"difference {index} of {total}")
        lines.append("")
    for what in report.unknown:
        lines.append(f"unknown: the solver could not decide the {what} within its limits")
    lines.append(_verdict(report))
    return "\n".join(lines) + "\n"


def _titles(report: DiffReport) -> list[str]:
    """The instruments of a model of several: once for one model read two ways, else each
    version's."""
    old, new = report.old, report.new
    if _one_model(report):
        return [f"  {model_title(old.charter)}"] if old.charter.instruments else []
    return [f"  {side}: {model_title(version.charter)}"
            for side, version in (("old", old), ("new", new)) if version.charter.instruments]


def _whose(report: DiffReport) -> str:
    """Whose named actors the scenarios range over: one model read two ways, or two versions."""
    if not _one_model(report):
        return "both versions" if report.old.charter.instruments \
            or report.new.charter.instruments else "both charters"
    return "the instruments" if report.old.charter.instruments else "the charter"


def _one_model(report: DiffReport) -> bool:
    """Whether the diff reads one model two ways (the same charter), not two versions."""
    return report.old.charter is report.new.charter


def _version(version: Version, report: DiffReport) -> str:
    """One side in the header: its file (two versions of a model of several instruments: its
    label), and the readings it changes."""
    changed = [f"{n}={v}" for n, v in version.settings.items()
               if n in version.charter.interpretations
               and version.charter.interpretations[n].default != v]
    reading = ", ".join(changed) if changed else "default reading"
    instruments = version.charter.instruments
    if not instruments:
        name = version.charter.source_name
    elif _one_model(report):
        name = f"the {len(instruments)} instruments"
    else:
        name = version.label
    return f"{name} ({reading})"


def _per_kind(report: DiffReport) -> int:
    kinds = [kind for _, kind in report.domain]
    return max((kinds.count(k) for k in set(kinds)), default=0)


def _change(change: Change) -> str:
    where = " ".join(f"{label} {span}" for label, span in (("was", change.old),
                                                            ("now", change.new))
                     if span is not None and span.line > 0)
    parts = [f"{change.how}: {change.what} {change.name}"]
    if change.citation is not None:
        parts.append(f"[{change.citation}]")
    if change.detail:
        parts.append(f"({change.detail})")
    if where:
        parts.append(f"({where})")
    return " ".join(parts)


def _difference_lines(report: DiffReport, difference: Difference, title: str) -> list[str]:
    old, new = report.old, report.new
    cited = f" [{difference.citation}]" if difference.citation is not None else ""
    lines = [f"{title}: {KIND_WORDS[difference.kind]} {difference.subject}{cited}"]
    if difference.kind == "finding":
        mine = difference.old.finding or difference.new.finding
        assert mine is not None
        only = old if difference.old.finding is not None else new
        lines.append(f"  only {_version(only, report)} has {_finding_head(mine)}")
    witness = difference.witness
    if witness is not None:
        count = len(witness.facts)
        lines.append(f"  witness scenario ({plural(count, 'fact')}"
                     + (f", {len(witness.failures)} act stated not done" if witness.failures
                        else "") + "):")
        lines += [f"    {line}" for line in witness_lines(witness, {})]
    if difference.kind != "finding":
        scenario = witness_scenario(witness, witness.failures) if witness is not None else None
        for version, reading in ((old, difference.old), (new, difference.new)):
            shown = _reading_lines(version, reading, scenario)
            lines.append(f"  under {version.label}:"
                         + ("" if shown else f" {_summary(difference, reading)}"))
            lines += shown
        if difference.also:
            lines.append("  under both, in this scenario, also:")
            lines += [f"    {a.modality.keyword}: {a.action}  [{a.articles[0]}, {a.norm}]"
                      for a in difference.also]
    if difference.changes:
        lines.append("  clauses that changed, among those it rests on:")
        lines += [f"    {_change(c)}" for c in difference.changes]
    else:
        lines.append("  clauses that changed, among those it rests on: none")
    return lines


def _summary(difference: Difference, reading: Reading) -> str:
    if difference.kind == "violation":
        if not reading.violations:
            return f"no violation as to {difference.action}"
        v = reading.violations[0]
        status = " (depends)" if v.status is Verdict.DEPENDS else ""
        return f"violation by {v.answer.holder}: {v.evidence}{status}"
    if not reading.answers:
        return f"nothing obliges, permits or forbids {difference.action}"
    return "; ".join(_answer_head(a) for a in reading.answers)


def _answer_head(answer: Answer) -> str:
    status = " (depends)" if answer.status is Verdict.DEPENDS else ""
    return f"{answer.modality.keyword} {answer.action}{status}"


def _reading_lines(version: Version, reading: Reading, scenario: Scenario | None) -> list[str]:
    """What one version answers in the witness (`scenario`, None where there is no witness)."""
    charter = version.charter
    lines: list[str] = []
    for answer in reading.answers:
        if scenario is not None:
            lines += [f"  {line}" for line in answer_lines(charter, scenario, answer)]
    for violation in reading.violations:
        lines += [f"  {line}" for line in violation_lines(charter, violation)]
    return lines


def _finding_head(finding: Finding) -> str:
    return f"{finding.severity}[{finding.code}]: {finding.message}"


def _verdict(report: DiffReport) -> str:
    if not report.differences:
        if report.unknown:
            return "result: no difference found, but some classes are unknown"
        return "result: no difference: the two answer every scenario alike"
    counts = [sum(d.kind == k for d in report.differences) for k in KIND_WORDS]
    words = ("norm", "violation", "finding of check")
    parts = [f"{n} {w}{'' if n == 1 or w.endswith('check') else 's'}"
             for n, w in zip(counts, words, strict=True) if n]
    if counts[2] > 1:
        parts[-1] = parts[-1].replace("finding of", "findings of")
    total = len(report.differences)
    return f"result: {plural(total, 'difference')} ({', '.join(parts)})"


# ---- JSON ---------------------------------------------------------------------------------------


def diff_json(report: DiffReport) -> str:
    """`diff` as JSON (schema charterlogic.diff/2, src/charterlogic/schemas/diff.json)."""
    return to_json({
        "schema": DIFF_SCHEMA,
        "old": _version_json(report.old),
        "new": _version_json(report.new),
        "domain": {"unnamed": [{"name": n, "kind": k} for n, k in report.domain],
                   "first_day": FIRST_DAY, "last_day": LAST_DAY},
        "changes": [_change_json(c) for c in report.changes],
        "differences": [_difference_json(report, d) for d in report.differences],
        "unknown": list(report.unknown),
        "agree": not report.differences and not report.unknown,
    })


def _version_json(version: Version) -> dict[str, object]:
    return {"label": version.label, "charter": charter_json(version.charter),
            "interpretations": dict(version.settings)}


def _change_json(change: Change) -> dict[str, object]:
    return {
        "how": change.how, "what": change.what, "name": change.name,
        "article": citation_json(change.citation) if change.citation is not None else None,
        "old": str(change.old) if change.old is not None and change.old.line > 0 else None,
        "new": str(change.new) if change.new is not None and change.new.line > 0 else None,
        "detail": change.detail,
    }


def _difference_json(report: DiffReport, difference: Difference) -> dict[str, object]:
    witness = difference.witness
    return {
        "kind": difference.kind,
        "subject": difference.subject,
        "article": citation_json(difference.citation) if difference.citation else None,
        "holder": difference.holder or None,
        "action": _action_json(report, difference.action),
        "witness": ({**witness_json(witness), "not_done": [str(a) for a in witness.failures]}
                    if witness is not None else None),
        "old": _reading_json(report.old.charter, difference.old),
        "new": _reading_json(report.new.charter, difference.new),
        "both": [answer_json(report.new.charter, a) for a in difference.also],
        "changes": [_change_json(c) for c in difference.changes],
    }


def _action_json(report: DiffReport, action: AtomKey | None) -> dict[str, object] | None:
    """The act that differs, as every output gives an act; its words come from the version that
    declares it (an act the new version dropped is the old one's)."""
    if action is None:
        return None
    charter = report.new.charter
    if action.predicate not in charter.predicates:
        charter = report.old.charter
    return action_json(charter, action.predicate, [show(a) for a in action.args], str(action))


def _reading_json(charter: m.Charter, reading: Reading) -> dict[str, object]:
    return {
        "answers": [answer_json(charter, a) for a in reading.answers],
        "violations": [violation_json(charter, v) for v in reading.violations],
        "finding": finding_json(charter, reading.finding) if reading.finding is not None else None,
    }


# ---- scenario files -----------------------------------------------------------------------------


def witness_files(report: DiffReport) -> list[tuple[str, str]]:
    """(file name, scenario file text) for each difference's witness, to add to a suite."""
    files = []
    for index, difference in enumerate(report.differences, 1):
        if difference.witness is None:
            continue
        slug = difference.subject.replace(" -> ", "-to-")
        name = f"{index:02d}-{difference.kind}-{slug}.scenario"
        text = "\n".join([
            "# Witness from `charterlogic diff`: a scenario the two answer differently.",
            f"# {report.old.label}: {_summary(difference, difference.old)}"
            if difference.kind != "finding" else f"# {difference.subject}",
            f"# {report.new.label}: {_summary(difference, difference.new)}"
            if difference.kind != "finding" else "#",
            "# Add the expectations of the reading you hold before putting it in the suite.",
            f'scenario "{difference.kind} {difference.subject} {index}" {{',
            *(f"  {line}" for line in witness_lines(difference.witness, {})),
            "}",
        ])
        files.append((name, text + "\n"))
    return files
