"""JUnit XML from `charterlogic test --junit FILE`, for CI systems that show test reports.

One `testsuite` per scenario file, one `testcase` per scenario with its `file` and `line`. A failed
scenario has a `failure` whose text gives, for each failed expectation, what was expected and
what the charter derives; a scenario without expectations is `skipped`; one the solver could not
decide is an `error`. No timings: the same suite gives the same bytes.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby

from ..testing.spec import CaseStatus, Result
from .suite import failure_lines


def report_xml(results: Sequence[Result]) -> str:
    """The results as a JUnit XML document (the Jenkins/Ant schema most readers accept)."""
    root = ET.Element("testsuites", name="charterlogic")
    _count(root, results)
    for file, grouped in groupby(results, key=lambda r: r.case.file):
        mine = list(grouped)
        suite = ET.SubElement(root, "testsuite", name=file)
        _count(suite, mine)
        for result in mine:
            _testcase(suite, result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _count(element: ET.Element, results: Sequence[Result]) -> None:
    statuses = [r.status for r in results]
    element.set("tests", str(len(statuses)))
    element.set("failures", str(statuses.count(CaseStatus.FAIL)))
    element.set("errors", str(statuses.count(CaseStatus.UNKNOWN)))
    element.set("skipped", str(statuses.count(CaseStatus.EMPTY)))


def _testcase(suite: ET.Element, result: Result) -> None:
    case = result.case
    classname = case.file.removesuffix(".scenario").replace("/", ".").replace("\\", ".")
    testcase = ET.SubElement(suite, "testcase", name=case.scenario.name, classname=classname,
                             file=case.file, line=str(case.line))
    if result.status is CaseStatus.FAIL:
        failed = [o for o in result.outcomes if not o.passed]
        failure = ET.SubElement(testcase, "failure", type="expectation", message=(
            f"{len(failed)} of {len(result.outcomes)} expectations not met: "
            + "; ".join(o.expectation.text for o in failed)))
        failure.text = textwrap.dedent(
            "\n".join(line for o in failed for line in failure_lines(o))) + "\n"
    elif result.status is CaseStatus.UNKNOWN:
        ET.SubElement(testcase, "error", type="unknown", message=(
            "the solver could not decide " + ", ".join(result.report.unknown)
            + " within its limits (raise --timeout or --rlimit)"))
    elif result.status is CaseStatus.EMPTY:
        ET.SubElement(testcase, "skipped", message="no expectations: add `expect` lines")
