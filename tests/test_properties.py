"""Laws of the model (Hypothesis): renaming, reordering, irrelevant events, determinism.

Each law is checked on random scenarios over a small pool of facts about the three parties, a
third state and an armed group, on the days that matter (before, on and after signature, during
and after a denunciation's notice), under random interpretations.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import subprocess
import sys
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterlogic import api
from charterlogic.analyses.query import QueryReport
from charterlogic.model import types as m
from charterlogic.model.from_syntax import resolve_charter
from charterlogic.model.scenario import Scenario
from charterlogic.render import answers as render
from charterlogic.syntax import ast
from charterlogic.syntax.parser import parse
from charterlogic.syntax.source import Source

PARTIES = ("burkina_faso", "mali", "niger")
ACTORS = ("chad:state", "jnim:armed_group")
DAYS = ("2023-09-15", "2023-09-16", "2024-06-01", "2024-09-15", "2025-06-01")
#: readings and the options a scenario may set them to (every option of a reading with several)
INTERPRETATIONS = {
    "rebellion_is_attack": ("on", "off"),
    "airspace_violation_is_attack": ("on", "off"),
    "field_country": ("party", "sahel_field_states", "any_state"),
    "released_at_notice": ("on", "off"),
    "defence_against_party_prevails": ("on", "off"),
}
#: each example parses a charter and runs a query or two: 10 cover the strategies in CI time
EXAMPLES = settings(max_examples=10, deadline=None)

party = st.sampled_from(PARTIES)
anyone = st.sampled_from((*PARTIES, "chad", "jnim"))
state = st.sampled_from((*PARTIES, "chad"))
target = st.builds(lambda kind, p: f"{kind}({p})" if kind != "forces" else
                   f"forces({p}, national_capacity_abroad)",
                   st.sampled_from(("territory", "sovereignty", "forces", "airspace", "ships")),
                   state)
fact = st.one_of(
    st.builds("attack({}, {})".format, anyone, target),
    st.builds("rebellion(jnim, {})".format, state),
    st.builds("threat({}, {})".format, anyone, state),
    st.builds("force_necessary({}, {})".format, anyone, state),
    st.builds("threaten({}, {})".format, party, state),
    st.builds("blockade({}, {}, armed_forces)".format, party, state),
    st.builds("allow_attack({}, jnim, {})".format, party, state),
    st.builds("assist({}, {})".format, party, state),
    st.builds("denounce({}) from 2024-03-15".format, party),
    st.just("accession_request(chad)"),
    st.builds("approve_accession({}, chad)".format, party),
)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    """Command-line style flags of a scenario: events, failures, unknowns (at most two)."""
    facts = draw(st.lists(fact, max_size=5, unique_by=lambda f: f.split(" from")[0]))
    statuses = draw(st.lists(st.sampled_from(("events", "failures", "unknowns")),
                             min_size=len(facts), max_size=len(facts)))
    flags: dict[str, list[str]] = {"events": [], "failures": [], "unknowns": []}
    for text, status in zip(facts, statuses, strict=True):
        if status != "events" and " from " in text:
            status = "events"  # only a fact that happened has a date
        if status == "unknowns" and len(flags["unknowns"]) == 2:
            status = "events"
        flags[status].append(text)
    names = draw(st.lists(st.sampled_from(sorted(INTERPRETATIONS)), unique=True))
    switches = {name: draw(st.sampled_from(INTERPRETATIONS[name])) for name in names}
    return {**flags, "on": draw(st.sampled_from(DAYS)), "switches": switches}


@functools.cache
def shipped() -> Source:
    return api.read_source(None)


@functools.cache
def charter_of(text: str) -> m.Charter:
    return api.load_charter_text(text, "charter.dsl")


def scenario(charter: m.Charter, flags: Mapping[str, object],
             rename: Mapping[str, str] | None = None) -> Scenario:
    def renamed(texts: object) -> list[str]:
        return [substitute(t, rename or {}) for t in texts]  # type: ignore[attr-defined]

    switches: Mapping[str, str] = flags["switches"]  # type: ignore[assignment]
    settings_ = {**charter.default_interpretations(), **switches}
    return api.scenario_from_flags(
        charter, event=renamed(flags["events"]), not_=renamed(flags["failures"]),
        unknown=renamed(flags["unknowns"]), actor=list(ACTORS), on=flags["on"],
        settings=settings_)


def substitute(text: str, rename: Mapping[str, str]) -> str:
    """`text` with every whole-word name of `rename` replaced, all at once."""
    if not rename:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, rename)) + r")\b")
    return pattern.sub(lambda match: rename[match.group(1)], text)


def answers(report: QueryReport, rename: Mapping[str, str] | None = None) -> set[tuple]:
    """Every answer and violation of a report as plain text, renamed; order ignored."""
    def r(text: str) -> str:
        return substitute(text, rename or {})

    found: set[tuple] = set()
    for a in report.answers:
        found.add(("answer", r(a.holder), a.modality.value, r(a.action), a.norm, a.status,
                   tuple(sorted(r(d) for d in a.depends_on)),
                   frozenset(str(c) for c in a.articles), frozenset(a.interpretations)))
    for v in report.violations:
        found.add(("violation", r(v.answer.holder), v.answer.norm, r(v.answer.action), v.status,
                   r(v.evidence), tuple(sorted(r(d) for d in v.depends_on))))
    return found


@pytest.mark.slow
@EXAMPLES
@given(scenarios(), st.permutations((*PARTIES, "sahel_a", "sahel_b", "sahel_c")))
def test_renaming_parties_renames_the_answers(flags: dict[str, object],
                                              names: list[str]) -> None:
    rename = dict(zip(PARTIES, names[:3], strict=False))
    renamed_charter = charter_of(substitute(shipped().text, rename))
    original = api.query(charter_of(shipped().text), scenario(charter_of(shipped().text), flags))
    renamed = api.query(renamed_charter, scenario(renamed_charter, flags, rename))
    assert answers(renamed) == answers(original, rename)
    events = flags["events"]
    all_denounce = all(any(e.startswith(f"denounce({p})") for e in events)  # type: ignore[attr-defined]
                       for p in PARTIES)
    if flags["on"] >= "2023-09-16" and not all_denounce:  # type: ignore[operator]
        # not vacuous: while a party is bound, there is always something to rename
        assert answers(original)


@pytest.mark.slow
@EXAMPLES
@given(scenarios(), st.randoms(use_true_random=False))
def test_the_order_of_articles_and_clauses_changes_no_answer(flags: dict[str, object],
                                                             random: object) -> None:
    source = shipped()
    declarations = list(parse(source).declarations)
    articles = [d for d in declarations if isinstance(d, ast.Article)]
    random.shuffle(articles)  # type: ignore[attr-defined]
    shuffled = iter(dataclasses.replace(
        a, items=tuple(random.sample(a.items, len(a.items))))  # type: ignore[attr-defined]
        for a in articles)
    document = ast.Document(tuple(next(shuffled) if isinstance(d, ast.Article) else d
                                  for d in declarations))
    reordered = resolve_charter(document, source)
    original = charter_of(source.text)
    assert answers(api.query(reordered, scenario(reordered, flags))) == answers(
        api.query(original, scenario(original, flags)))


IRRELEVANT = ('\nevent rumour(teller: actor, about: state) "{teller} spreads a rumour about '
              '{about}"\n')


@pytest.mark.slow
@EXAMPLES
@given(scenarios(), anyone, state)
def test_an_event_no_norm_mentions_changes_nothing(flags: dict[str, object], teller: str,
                                                   about: str) -> None:
    charter = charter_of(shipped().text + IRRELEVANT)
    more = {**flags, "events": [*flags["events"], f"rumour({teller}, {about})"]}  # type: ignore
    before = api.query(charter, scenario(charter, flags))
    after = api.query(charter, scenario(charter, more))
    assert _without_scenario(render.query_json(charter, after)) == _without_scenario(
        render.query_json(charter, before))


def _without_scenario(document: str) -> str:
    """A query's JSON without its "scenario" part (which lists the facts stated)."""
    import json

    data = json.loads(document)
    del data["scenario"]
    return json.dumps(data, indent=2)


@pytest.mark.slow
@EXAMPLES
@given(scenarios())
def test_the_same_query_twice_is_byte_identical(flags: dict[str, object]) -> None:
    outputs = []
    for _ in range(2):
        charter = api.load_charter()
        report = api.query(charter, scenario(charter, flags))
        outputs.append((render.query_text(charter, report, True),
                        render.query_json(charter, report)))
    assert outputs[0] == outputs[1]


def test_the_same_query_in_two_processes_is_byte_identical() -> None:
    """Across processes too, whatever Python's hash seed (set and dict order must not leak)."""
    argv = [sys.executable, "-m", "charterlogic.cli", "query", "--actor", "chad:state",
            "--event", "attack(chad, territory(niger))", "--unknown", "threat(chad, mali)",
            "--on", "2024-01-01", "--all", "--format", "json"]
    runs = [subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60,
                           env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    assert runs[0].returncode == 0
    assert runs[0].stdout == runs[1].stdout
