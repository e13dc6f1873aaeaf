"""The pytest plugin (entry point `pytest11`): scenario files are test files.

The plugin is opt-in by place: being installed does not make pytest collect `*.scenario` files in
every project. It collects those under the paths of the ini option `charterlogic_scenarios`
(`charterlogic_scenarios = tests/scenarios`, relative to the ini file), or, when the option is
absent, under the project's `testpaths`; and a scenario file named on the command line. A project
that configures neither gets nothing collected.

Each `scenario` block is one test item, named after the scenario, so `-k`, `-x` and `--junitxml`
work as for any test. A failing item shows what `charterlogic test` shows: each failed
expectation beside what the model derived, with the derivation and the articles. A scenario
without expectations is skipped.

The charter is the one a scenario file names (`# charter: PATH`, relative to the file), else the
shipped one, or the file named by the ini option `charterlogic_charter` (relative to the
rootdir); each is parsed once per session.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from . import api
from .model import types as m
from .render.suite import result_lines
from .syntax.diagnostics import CharterError, render_all
from .testing import spec

_CHARTERS: dict[str, m.Charter] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ini options `charterlogic_charter` (the charter scenario files are checked
    against) and `charterlogic_scenarios` (where they are collected)."""
    parser.addini("charterlogic_charter",
                  "the charter that scenario files are checked against (default: the shipped one)",
                  default="")
    parser.addini("charterlogic_scenarios",
                  "the folders (or files) whose *.scenario files are collected "
                  "(default: testpaths; neither set: none)", type="paths", default=[])


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A ScenarioFile for a `*.scenario` file in a place the project opted in, else None."""
    if file_path.suffix == spec.SUFFIX and _collected_here(parent.config, file_path):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


_PLACES = pytest.StashKey[tuple[Path, ...]]()


def _places(config: pytest.Config) -> tuple[Path, ...]:
    """Where scenario files are collected: the configured paths, else testpaths, and the scenario
    files named on the command line."""
    if _PLACES not in config.stash:
        configured: list[Path] = list(config.getini("charterlogic_scenarios"))
        if not configured:
            configured = [config.rootpath / p for p in config.getini("testpaths")]
        named = [config.invocation_params.dir / a for a in config.invocation_params.args
                 if a.endswith(spec.SUFFIX)]
        config.stash[_PLACES] = tuple(p.resolve() for p in (*configured, *named))
    return config.stash[_PLACES]


def _collected_here(config: pytest.Config, path: Path) -> bool:
    """Whether `path` is one of the places of `_places`, or under one."""
    path = path.resolve()
    return any(path == place or place in path.parents for place in _places(config))


def _charter(config: pytest.Config) -> m.Charter:
    setting = str(config.getini("charterlogic_charter") or "")
    path = str(config.rootpath / setting) if setting else ""
    if path not in _CHARTERS:
        _CHARTERS[path] = api.load_charter(path or None)
    return _CHARTERS[path]


class ScenarioFile(pytest.File):
    """A scenario file: one item per scenario block."""

    def collect(self) -> Iterator[ScenarioItem]:
        """One item per scenario block; a file with input problems is a collection error showing its
        diagnostics."""
        try:
            source = api.read_source(self.path)
            source = replace(source, name=_relative(self.path, self.config.rootpath))
            charter = _charter(self.config)
            # the charter the file names, as `charterlogic test` reads it, else the configured one
            cases = spec.load_file(charter, source, self.path.parent, api.load_charter)
        except CharterError as error:
            raise self.CollectError(render_all(error.diagnostics, error.sources)) from None
        names: set[str] = set()
        for case in cases:
            name = case.scenario.name
            if name in names:  # two scenarios of one file with one name: keep the ids apart
                name = f"{name} (line {case.line})"
            names.add(name)
            yield ScenarioItem.from_parent(self, name=name, charter=charter, case=case)


class ScenarioFailed(Exception):
    """Raised by a scenario item whose expectations failed or that the solver could not decide;
    carries the result to show."""

    def __init__(self, result: spec.Result) -> None:
        super().__init__(result.case.scenario.name)
        self.result = result


class ScenarioItem(pytest.Item):
    """One scenario, checked by `charterlogic test`'s own runner."""

    def __init__(self, *, charter: m.Charter, case: spec.Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.charter = charter
        self.case = case

    def runtest(self) -> None:
        """Run the scenario through the API: pass, skip (no expectations), or fail."""
        result = api.run_case(self.charter, self.case)
        if result.status == "empty":
            raise pytest.skip.Exception("no expectations: add `expect` lines",
                                        _use_item_location=True)
        if result.status != "pass":
            raise ScenarioFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        """What `charterlogic test` shows for the failure: each failed expectation beside what the
        model derived; a clash of the charter's assumptions, said in words."""
        if isinstance(excinfo.value, ScenarioFailed):
            return "\n".join(result_lines(excinfo.value.result))
        if isinstance(excinfo.value, api.ClashError):  # no answer means anything: say why
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        """The scenario file, the block's line (0-based, as pytest wants it) and the scenario's
        name."""
        return self.path, self.case.line - 1, f"scenario: {self.case.scenario.name}"


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
