"""SARIF 2.1.0 from `check --format sarif`, for the code scanning of a repository (GitHub, GitLab).

One result per finding: its code as `ruleId`, its severity as `level`, the first norm it names as
the location and the other norms as `relatedLocations`; the witness scenario is in the message
(as scenario-file lines) and, as data, in the result's `properties`. `tool.driver.rules` lists
every code of `check`, each with its description as `help` (code scanning shows it inline) and a
`helpUri` to its entry in docs/errors.md.

SARIF wants absolute URIs there, and the project has no web address: the links are `file:` URIs
of docs/errors.md as installed with the package (package data), the same for every run of one
installation.
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path, PurePath

from ..analyses.check import FINDING_CODES, CheckReport, Finding
from ..analyses.clash import ClashReport
from ..smt.solver import Result
from ..syntax.diagnostics import HELP_PAGE, help_link
from ..syntax.source import Span
from .answers import to_json, witness_json, witness_lines

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
CODES = sorted(FINDING_CODES)


def check_sarif(report: CheckReport) -> str:
    """The findings of `check` as a SARIF log of one run (an unsuccessful one if some analysis
    did not finish; with `--about`, its actors in the run's properties)."""
    about: dict[str, object] = {"about": list(report.about)} if report.about else {}
    return _log([_result(report, f) for f in report.findings], bool(report.unknown), about)


def clash_sarif(report: ClashReport) -> str:
    """A clash of the charter's assumptions as one C000 result, located at each clause at fault."""
    if report.result is not Result.UNSAT:
        return _log([], unknown=True)
    parts = [(p.name, p.span) for p in report.parts]
    message = (f"the charter is inconsistent: these {len(parts)} clauses cannot all hold (drop any "
               "one and the rest can): " + ", ".join(name for name, _ in parts))
    return _log([_located("C000", "error", message, parts, {})])


def help_page() -> str:
    """The absolute `file:` URI of docs/errors.md as installed with the package."""
    return Path(str(resources.files("charterlogic").joinpath(HELP_PAGE))).absolute().as_uri()


def _log(results: list[dict[str, object]], unknown: bool = False,
         properties: dict[str, object] | None = None) -> str:
    page = help_page()
    run: dict[str, object] = {
        "tool": {"driver": {
            "name": "charterlogic",
            "version": metadata.version("charterlogic"),
            "informationUri": page,
            "rules": [_rule(code, page) for code in CODES],
        }},
        "columnKind": "unicodeCodePoints",  # charterlogic counts columns in characters
        "results": results,
    }
    if properties:
        run["properties"] = properties
    if unknown:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": [{
            "level": "warning",
            "message": {"text": "the solver could not finish within its limits "
                                "(raise --timeout or --rlimit)"}}]}]
    return to_json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


def _rule(code: str, page: str) -> dict[str, object]:
    anchor = help_link(code).partition("#")[2]
    description = FINDING_CODES[code]
    return {
        "id": code,
        "name": description,
        "shortDescription": {"text": description},
        "help": {"text": f"{code}: {description}. {help_link(code)} explains it, with an example.",
                 "markdown": f"**{code}: {description}.** [{help_link(code)}]({page}#{anchor}) "
                             "explains it, with an example."},
        "helpUri": f"{page}#{anchor}",
    }


def _result(report: CheckReport, finding: Finding) -> dict[str, object]:
    message = finding.message
    if finding.detail:
        message += f". {finding.detail}"
    properties: dict[str, object] = {"kind": finding.kind,
                                     "resolved_by": list(finding.resolved_by)}
    if finding.witness is not None:
        lines = witness_lines(finding.witness, report.interpretations)
        message += ". Witness scenario: " + "; ".join(lines)
        properties["witness"] = witness_json(finding.witness)
        properties["scenario_file"] = "\n".join(lines) + "\n"
    return _located(finding.code, str(finding.severity), message, list(finding.locations),
                    properties)


def _located(code: str, severity: str, message: str, places: list[tuple[str, Span]],
             properties: dict[str, object]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": code,
        "ruleIndex": CODES.index(code),
        "level": severity,  # error, warning, note: SARIF's own words
        "message": {"text": message},
    }
    if places:
        name, span = places[0]
        result["locations"] = [_location(span, name)]
        result["relatedLocations"] = [{"id": index, **_location(span, name)}
                                      for index, (name, span) in enumerate(places[1:], 1)]
    if properties:
        result["properties"] = properties
    return result


def _location(span: Span, name: str) -> dict[str, object]:
    path = PurePath(span.file)
    artifact: dict[str, object] = (
        {"uri": path.as_uri()} if path.is_absolute()
        # relative to where charterlogic ran: the repository's root, for code scanning
        else {"uri": path.as_posix(), "uriBaseId": "%SRCROOT%"})
    physical: dict[str, object] = {"artifactLocation": artifact}
    if span.line > 0:
        physical["region"] = {"startLine": span.line, "startColumn": span.column,
                              "endLine": span.end_line, "endColumn": span.end_column}
    return {"physicalLocation": physical, "message": {"text": name}}
