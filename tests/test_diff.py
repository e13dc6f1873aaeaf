"""`charterlogic diff`: the scenarios two versions, or two readings, answer differently."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from charterlogic import api
from charterlogic.analyses.diff import Difference, DiffReport
from charterlogic.cli import main
from charterlogic.model import types as m
from charterlogic.render import diff as rd
from test_json_schemas import validate

ROOT = Path(__file__).parent.parent
SMALL = ROOT / "tests" / "charters" / "diff"
THREE_MONTHS = ROOT / "docs" / "examples" / "charter-three-months.dsl"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def only(report: DiffReport, kind: str, subject: str) -> Difference:
    (found,) = [d for d in report.differences if (d.kind, d.subject) == (kind, subject)]
    return found


@pytest.fixture(scope="module")
def rebellion(charter: m.Charter) -> DiffReport:
    settings = api.interpretation_settings(charter, False, ["rebellion_is_attack=on"])
    return api.diff(charter, charter, None, settings, ("default", "rebellion_is_attack=on"))


@pytest.fixture(scope="module")
def three_months(charter: m.Charter) -> DiffReport:
    # the norm the tests look at (the whole diff is docs/diff.md's, held by test_doc_outputs)
    return api.diff(charter, api.load_charter(THREE_MONTHS), norms=["collective_assistance"])


# ---- the cases of the issue ----------------------------------------------------------------------


def test_rebellion_is_attack_adds_the_duty_to_assist_with_one_rebellion(rebellion) -> None:
    found = only(rebellion, "norm", "collective_assistance")
    witness = found.witness
    assert witness is not None and not witness.failures
    (fact,) = witness.facts  # one rebellion and nothing else
    assert fact[0].predicate == "rebellion"
    rebel, victim = fact[0].args
    assert dict(witness.actors)[rebel] == "armed_group"
    assert victim in ("burkina_faso", "mali", "niger")
    assert not found.old.answers  # the default reading: no duty
    (answer,) = found.new.answers
    assert answer.modality is m.Modality.OBLIGED and answer.action.startswith("assist(")
    assert answer.action.endswith(f", {victim})")
    assert "rebellion_is_attack (on)" in answer.interpretations
    assert "Art. 6" in {str(c) for c in answer.articles}
    # Art. 5 governs the rebellion under both readings: the context cites it
    assert {a.norm for a in found.also} >= {"settle_threats"}
    assert [c.name for c in found.changes] == ["rebellion_is_attack"]


def test_rebellion_is_attack_text_cites_articles_and_reading(rebellion) -> None:
    # the fixture's report as `diff` prints it (the command itself is docs/diff.md's, held by
    # test_doc_outputs; it takes 20 seconds)
    out = rd.diff_text(rebellion)
    assert "norm collective_assistance [Art. 6]" in out
    assert "[Art. 5, settle_threats]" in out
    assert "rebellion_is_attack (on)" in out and "interpretations relied on: " in out
    assert "switched: interpretation rebellion_is_attack (off -> on)" in out


def test_three_months_notice_shows_the_duty_to_assist_the_denouncing_party(three_months):
    found = only(three_months, "norm", "collective_assistance")
    witness = found.witness
    assert witness is not None
    facts = dict(witness.facts)
    (denounced,) = [k for k in facts if k.predicate == "denounce"]
    notice = m.parse_date(facts[denounced])
    today = m.parse_date(witness.today)
    assert m.add_months(notice, 3) <= today < m.add_months(notice, 6)
    party = denounced.args[0]
    (answer,) = found.old.answers  # six months: still a party, still assisted
    assert answer.action.endswith(f", {party})") and answer.modality is m.Modality.OBLIGED
    assert not found.new.answers  # three months: it has left
    assert [(c.what, c.name) for c in found.changes if c.what == "definition"] == [
        ("definition", "withdrawn")]


def test_three_months_notice_changes_only_the_denunciation_clauses(three_months) -> None:
    assert {(c.how, c.what) for c in three_months.changes} == {
        ("changed", "definition"), ("changed", "article")}
    assert [c.name for c in three_months.changes if c.what == "definition"] == ["withdrawn"]


def test_a_charter_against_itself_agrees() -> None:
    code, out, _ = run("diff", str(ROOT / "charter.dsl"), str(ROOT / "charter.dsl"))
    assert code == 0
    assert "no difference: the two answer every scenario alike" in out
    assert "changed between the two: no clause" in out


def _swap_with_next(lines: list[str], first: int) -> None:
    """Swap the clause starting at line `first` with the clause after it (a clause: its first
    line and the lines indented deeper that continue it)."""

    def end(start: int) -> int:
        depth = len(lines[start]) - len(lines[start].lstrip())
        stop = start + 1
        while stop < len(lines) and len(lines[stop]) - len(lines[stop].lstrip()) > depth:
            stop += 1
        return stop

    middle = end(first)
    last = end(middle)
    lines[first:last] = lines[middle:last] + lines[first:middle]


def reformatted(text: str) -> str:
    """The charter with comments added, spacing changed and clauses reordered."""
    lines = text.splitlines()
    for start in ("norm terrorism_duty", "priority", "define field_state"):
        _swap_with_next(lines, next(i for i, line in enumerate(lines)
                                    if line.strip().startswith(start)))
    out = []
    for line in lines:
        out.append("# a comment that changes nothing")
        out.append("    " + line.replace(" := ", "   :=   ") if line.startswith("  ") else line)
    return "\n\n".join(out) + "\n"


def test_comments_spacing_and_clause_order_are_no_difference(tmp_path) -> None:
    copy = tmp_path / "copy.dsl"
    copy.write_text(reformatted((ROOT / "charter.dsl").read_text("utf-8")), "utf-8")
    assert list(api.load_charter(copy).norms) != list(api.load_charter().norms)  # reordered
    code, out, _ = run("diff", str(ROOT / "charter.dsl"), str(copy))
    assert code == 0, out
    assert "changed between the two: no clause" in out


# ---- git revisions ------------------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copy(SMALL / "v1.dsl", tmp_path / "charter.dsl")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "charter.dsl")
    git(tmp_path, "commit", "-q", "-m", "v1")
    shutil.copy(SMALL / "v2.dsl", tmp_path / "charter.dsl")
    git(tmp_path, "commit", "-q", "-am", "v2")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_git_revision_is_read_with_git_show(repository) -> None:
    code, out, err = run("diff", "HEAD~1:charter.dsl", "charter.dsl")
    assert code == 1 and err == ""
    assert out.startswith("diff of HEAD~1:charter.dsl (default reading) and charter.dsl")
    assert "renamed: norm tell -> notify" in out
    code, out, _ = run("diff", "HEAD:charter.dsl", "charter.dsl")
    assert code == 0


@pytest.mark.parametrize("spec, message", [
    ("HEAD~9:charter.dsl", "cannot read HEAD~9:charter.dsl from git: "),
    ("HEAD:nowhere.dsl", "cannot read HEAD:nowhere.dsl from git: "),
    ("--output=x:charter.dsl", "not a file, nor a git revision and path"),
])
def test_a_bad_revision_or_path_is_a_clear_input_error(repository, spec, message) -> None:
    code, out, err = run("diff", "--", spec, "charter.dsl")
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert not (repository / "x").exists()


# ---- versions that differ in their actors, names and modalities ----------------------------------


@pytest.fixture(scope="module")
def small() -> DiffReport:
    return api.diff(api.load_charter(SMALL / "v1.dsl"), api.load_charter(SMALL / "v2.dsl"))


def test_a_rename_is_reported_as_one(small) -> None:
    assert ("renamed", "norm", "tell -> notify") in {(c.how, c.what, c.name)
                                                     for c in small.changes}
    subjects = [d.subject for d in small.differences]
    assert "tell" not in subjects and "notify" not in subjects
    # gamma is a party of v2 only: the renamed norm binds it there, and the domain has it
    found = only(small, "norm", "tell -> notify")
    assert not found.old.answers and found.new.answers[0].holder == "gamma"


def test_a_change_of_modality_is_a_difference_with_both_answers(small) -> None:
    found = only(small, "norm", "help")
    assert found.old.answers[0].modality is m.Modality.OBLIGED
    assert found.new.answers[0].modality is m.Modality.PERMITTED
    violation = only(small, "violation", "help")
    assert violation.witness is not None and violation.witness.failures
    assert violation.old.violations and not violation.new.violations


def test_json_follows_the_shipped_schema_and_is_deterministic() -> None:
    argv = ("diff", str(SMALL / "v1.dsl"), str(SMALL / "v2.dsl"), "--format", "json")
    code, out, _ = run(*argv)
    assert code == 1
    data = json.loads(out)
    assert validate(data) == "diff"
    assert data["agree"] is False and len(data["differences"]) == 4
    # the act that differs is an object, as in every output (diff/1 gave only its text)
    action = next(d["action"] for d in data["differences"] if d["kind"] == "norm")
    assert action["text"] == f"{action['name']}({', '.join(action['arguments'])})"
    assert action["description"]
    assert [d["action"] for d in data["differences"] if d["kind"] == "finding"] in ([], [None])
    assert run(*argv)[1] == out


def test_json_of_an_agreement_follows_the_schema() -> None:
    code, out, _ = run("diff", str(SMALL / "v1.dsl"), str(SMALL / "v1.dsl"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert validate(data) == "diff"
    assert data["agree"] is True and data["differences"] == [] and data["changes"] == []


def test_two_readings_of_one_charter() -> None:
    path = str(SMALL / "v1.dsl")
    code, out, _ = run("diff", path, "--interpretation", "wide=on")
    assert code == 1
    assert "switched: interpretation wide (off -> on)" in out
    assert "fact attack(other_state_1, sovereignty(" in out  # what `wide` adds
    code, out, _ = run("diff", path, "--interpretation", "wide=on", "--interpretation", "wide=off")
    assert code == 1 and "switched: interpretation wide (on -> off)" in out
    code, out, _ = run("diff", path, "--interpretation", "wide=on", "--interpretation", "wide=on")
    assert code == 0 and "no difference" in out


@pytest.fixture(scope="module")
def field_readings(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """Two non-default options of a reading with three (party | sahel_field_states |
    any_state), with the witnesses saved; one run (30 seconds on a shared machine)."""
    saved = tmp_path_factory.mktemp("field") / "w"
    code, out, err = run("diff", "--interpretation", "field_country=party",
                         "--interpretation", "field_country=any_state",
                         "--norm", "no_harbouring", "--save", str(saved))
    assert err == ""
    return code, out, saved


def test_two_non_default_options_of_a_three_way_reading(field_readings) -> None:
    code, out, _ = field_readings
    assert code == 1
    assert out.startswith("diff of charter.dsl (field_country=party) and charter.dsl "
                          "(field_country=any_state)")
    assert "switched: interpretation field_country (party -> any_state)" in out
    norm = out.split("difference 1 of 2: norm no_harbouring [Art. 8(d)]\n")[1]
    norm = norm.split("difference 2 of 2")[0]
    # the duty differs with no fact at all, but it names an unnamed armed group: the witness
    # declares it
    assert "witness scenario (0 facts):" in norm
    assert "    actor other_armed_group_1: armed_group\n" in norm
    action = "allow_attack(burkina_faso, other_armed_group_1, algeria)"
    assert f"under field_country=party: nothing obliges, permits or forbids {action}" in norm
    assert "under field_country=any_state:\n" in norm
    assert f"must not {action}, by no_harbouring [Art. 8(d)]" in norm
    assert "relying on the interpretation field_country (any_state)" in norm


def test_a_saved_witness_of_a_reading_declares_its_actors(field_readings, charter) -> None:
    _, _, saved = field_readings
    path = saved / "01-norm-no_harbouring.scenario"
    answers = {}
    for option in ("party", "any_state"):
        (scenario,) = api.scenarios_from_file(charter, path, {"field_country": option})
        assert dict(scenario.actors)["other_armed_group_1"] == "armed_group"
        answers[option] = {(a.modality, a.action) for a in api.query(charter, scenario).answers
                           if a.norm == "no_harbouring"}
    action = "allow_attack(burkina_faso, other_armed_group_1, algeria)"
    assert (m.Modality.FORBIDDEN, action) in answers["any_state"]
    assert not any(a == action for _, a in answers["party"])


# ---- saving witnesses and bad input -------------------------------------------------------------


def test_save_writes_witnesses_and_never_overwrites_without_force(tmp_path) -> None:
    argv = ["diff", str(SMALL / "v1.dsl"), str(SMALL / "v2.dsl"), "--save", str(tmp_path / "w")]
    assert run(*argv)[0] == 1
    files = sorted(p.name for p in (tmp_path / "w").iterdir())
    assert files[0] == "01-norm-help.scenario" and len(files) == 4
    charter = api.load_charter(SMALL / "v1.dsl")
    scenarios = api.scenarios_from_file(charter, tmp_path / "w" / files[0])
    assert len(scenarios) == 1
    code, _, err = run(*argv)
    assert code == 2 and "exists; give --force to overwrite it" in err
    assert run(*argv, "--force")[0] == 1


def test_save_never_writes_through_a_symbolic_link(tmp_path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "01-norm-help.scenario").symlink_to(target / "victim")
    code, _, err = run("diff", str(SMALL / "v1.dsl"), str(SMALL / "v2.dsl"), "--save",
                       str(tmp_path / "w"), "--force")
    assert code == 2 and "symbolic link" in err
    assert not (target / "victim").exists()


@pytest.mark.parametrize("argv, message", [
    (["diff"], "give two charters to compare"),
    (["diff", "charter.dsl"], "give two charters to compare"),
    (["diff", "a", "b", "c"], "diff takes two charters"),
    (["diff", "--interpretation", "nonsense=on"], "unknown interpretation `nonsense`"),
    (["diff", "--interpretation", "rebellion_is_attack=maybe"], "has the options on, off"),
    (["diff", "missing.dsl", "charter.dsl"], "no such file: missing.dsl"),
])
def test_bad_input_exits_2_with_a_message(argv, message) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_a_finding_of_check_in_one_version_only(tmp_path) -> None:
    text = (SMALL / "v1.dsl").read_text("utf-8").replace(
        "  norm tell:",
        "  norm refrain: every party q: must not assist(q, p) when aggression(x, p)\n  norm tell:")
    (tmp_path / "v3.dsl").write_text(text, "utf-8")
    report = api.diff(api.load_charter(SMALL / "v1.dsl"), api.load_charter(tmp_path / "v3.dsl"))
    (finding,) = [d for d in report.differences if d.kind == "finding"]
    assert finding.subject == "C001" and finding.old.finding is None
    assert finding.new.finding is not None and finding.new.finding.severity == "error"
    assert finding.witness is not None and finding.witness.facts
    assert [(c.how, c.name) for c in finding.changes if c.what == "norm"] == [
        ("added", "refrain")]
    assert {d.subject for d in report.differences if d.kind == "norm"} == {"refrain"}
    code, out, _ = run("diff", str(SMALL / "v1.dsl"), str(tmp_path / "v3.dsl"))
    assert code == 1 and "finding of check C001" in out
    assert f"only {tmp_path / 'v3.dsl'} (default reading) has error[C001]: " in out
